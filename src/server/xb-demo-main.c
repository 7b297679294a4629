/* xinbao-demo: writes the deterministic demo city into a new store file. */
#include "config.h"

#include <glib.h>
#include <locale.h>

#include "xb-demo.h"

/* The client keeps who is signed in as the store's "user_id". */
static gboolean
sign_in (XbStore *store, const char *username, GError **error)
{
  g_autoptr(XbUser) user = xb_store_find_user (store, username, error);
  g_autofree char *id = NULL;

  if (user == NULL)
    return FALSE;
  id = g_strdup_printf ("%" G_GINT64_FORMAT, user->id);
  return xb_store_set_meta (store, "user_id", id, error);
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("STORE.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = NULL;
  XbDemoOptions options;
  gint64 seed = 20261127;
  int n_items = 0, years = 1;
  g_autofree char *username = NULL;
  GOptionEntry entries[] = {
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Random seed (same seed, same city)", "N" },
    { "items", 'n', 0, G_OPTION_ARG_INT, &n_items, "About how many items (default: a realistic year)", "N" },
    { "years", 'y', 0, G_OPTION_ARG_INT, &years, "Years of history (default 1)", "N" },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &username, "Sign the store in as this demo account", "NAME" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2
      || n_items < 0 || years < 1)
    {
      g_printerr ("%s\n", error ? error->message : "usage: xinbao-demo [--seed N] [--items N] [--years N] STORE.db");
      return 2;
    }
  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      g_printerr ("%s already exists; the demo city goes into a new store only.\n", argv[1]);
      return 1;
    }
  xb_demo_options_init (&options);
  options.seed = (guint64) seed;
  options.n_items = (guint) n_items;
  options.years = years;
  store = xb_store_open (argv[1], &error);
  if (store == NULL || !xb_demo_generate (store, &options, NULL, &error)
      || (username != NULL && !sign_in (store, username, &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
