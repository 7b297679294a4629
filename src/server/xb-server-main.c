/* xinbao-server: the city office's server on SoupServer and the core store. */
#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>

#include "xb-demo.h"
#include "xb-password.h"
#include "xb-server-cli.h"
#include "xb-server-i18n.h"
#include "xb-server.h"
#include "xb-store.h"

#define DEMO_PASSWORD "xinbao" /* README.md lists it */

static gboolean
fill_demo (XbStore *store, int n_items, GError **error)
{
  g_autofree char *hash = NULL;
  XbDemoOptions options;
  XbItemQuery query;

  xb_item_query_init (&query);
  if (xb_store_count_items (store, &query, NULL) > 0)
    return TRUE; /* an existing data directory keeps its data */
  if ((hash = xb_password_hash (DEMO_PASSWORD, error)) == NULL)
    return FALSE;
  xb_demo_options_init (&options);
  if (n_items > 0)
    options.n_items = (guint) n_items;
  return xb_demo_generate (store, &options, hash, error);
}

static gboolean
start_listening (XbServer *server, const char *listen, GError **error)
{
  g_auto(GStrv) urls = NULL;

  if (!xb_server_listen (server, listen, error))
    return FALSE;
  urls = xb_server_get_urls (server);
  /* Tests and scripts read the port from this line. */
  for (guint i = 0; urls[i] != NULL; i++)
    g_print ("listening on %s\n", urls[i]);
  fflush (stdout);
  return TRUE;
}

static void
on_stopped (GObject *source, GAsyncResult *result, gpointer loop)
{
  xb_server_shutdown_finish (XB_SERVER (source), result, NULL);
  g_main_loop_quit (loop);
}

typedef struct {
  XbServer  *server;
  GMainLoop *loop;
  gboolean   stopping;
} Running;

/* SIGTERM: stop accepting, let the requests in flight finish, then exit 0. */
static gboolean
on_signal (gpointer user_data)
{
  Running *running = user_data;

  if (running->stopping)
    return G_SOURCE_CONTINUE;
  running->stopping = TRUE;
  g_print ("stopping\n");
  xb_server_shutdown_async (running->server, on_stopped, running->loop);
  return G_SOURCE_CONTINUE;
}

static XbStore *
open_data_dir (const char *data_dir, gboolean demo, int demo_items, GError **error)
{
  g_autofree char *db = g_build_filename (data_dir, "xinbao.db", NULL);
  g_autoptr(XbStore) store = NULL;

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    return g_set_error (error, XB_ERROR, XB_ERROR_FAILED, "cannot create %s: %s",
                        data_dir, g_strerror (errno)), NULL;
  store = xb_store_open (db, error);
  if (store == NULL || (demo && !fill_demo (store, demo_items, error)))
    return NULL;
  return g_steal_pointer (&store);
}

static XbServer *
make_server (const char *data_dir, gboolean demo, int demo_items, const char *cert, const char *key,
             GError **error)
{
  g_autoptr(XbStore) store = NULL;
  g_autoptr(XbServer) server = NULL;

  if ((cert == NULL) != (key == NULL))
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID,
                                "--tls-cert and --tls-key go together"), NULL;
  if (!xb_password_init (error) || (store = open_data_dir (data_dir, demo, demo_items, error)) == NULL)
    return NULL;
  server = xb_server_new (store, data_dir);
  if (cert != NULL && !xb_server_set_tls_files (server, cert, key, error))
    return NULL;
  return g_steal_pointer (&server);
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- Xinbao city office server");
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL, *listen = NULL, *cert = NULL, *key = NULL;
  gboolean demo = FALSE;
  int demo_items = 0;
  g_autoptr(XbServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  Running running = { NULL, NULL, FALSE };
  GOptionEntry entries[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir, "Directory of the database and attachments", "DIR" },
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen, "Address to listen on (default 127.0.0.1:8480)", "HOST:PORT" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Fill a new data directory with the demo city", NULL },
    { "demo-items", 0, 0, G_OPTION_ARG_INT, &demo_items, "About how many demo items (default: a realistic year)", "N" },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &cert, "Serve HTTPS with this certificate (PEM)", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &key, "The certificate's private key (PEM)", "FILE" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  /* One log line per request, visible as it happens even in a file. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  if (argc > 1 && xb_server_cli_is_command (argv[1]))
    return xb_server_cli_run (argc - 1, argv + 1);
  /* Answers are translated per request from the catalogs in memory
   * (xb-server-i18n.c); the core's messages must reach them in English. */
  setlocale (LC_MESSAGES, "C");
  xb_catalog_load_all ();
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || data_dir == NULL)
    {
      g_printerr ("%s\n", error ? error->message : "--data-dir is required");
      return 2;
    }
  server = make_server (data_dir, demo, demo_items, cert, key, &error);
  if (server == NULL || !start_listening (server, listen ? listen : "127.0.0.1:8480", &error))
    {
      g_printerr ("xinbao-server: %s\n", error->message);
      return 1;
    }
  loop = g_main_loop_new (NULL, FALSE);
  running.server = server;
  running.loop = loop;
  g_unix_signal_add (SIGTERM, on_signal, &running);
  g_unix_signal_add (SIGINT, on_signal, &running);
  g_main_loop_run (loop);
  return 0;
}
