/* xinbao-server: the city office's server on SoupServer and the core store. */
#include "config.h"

#include <glib-unix.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <stdio.h>

#include "xb-demo.h"
#include "xb-password.h"
#include "xb-server-cli.h"
#include "xb-store.h"

#define DEMO_PASSWORD "xinbao" /* README.md lists it */

typedef struct {
  XbStore *store;
} Server;

static void
send_json (SoupServerMessage *msg, guint status, JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  gsize len;
  char *text;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &len);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, len);
}

static void
send_error (SoupServerMessage *msg, guint status, const char *code, const char *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, code);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  send_json (msg, status, b);
}

static void
handle_health (Server *server, SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "ok");
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, PACKAGE_VERSION);
  json_builder_set_member_name (b, "schema");
  json_builder_add_int_value (b, xb_store_get_version (server->store));
  json_builder_end_object (b);
  send_json (msg, SOUP_STATUS_OK, b);
}

static void
log_request (SoupServerMessage *msg, gint64 started)
{
  GUri *uri = soup_server_message_get_uri (msg);

  /* One line per request; never the query string, which could carry a token. */
  g_print ("%s %s %u %.1fms -\n", soup_server_message_get_method (msg), g_uri_get_path (uri),
           soup_server_message_get_status (msg),
           (double) (g_get_monotonic_time () - started) / 1000.0);
}

static void
handle_api (SoupServer        *soup,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Server *server = user_data;
  gint64 started = g_get_monotonic_time ();
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, "/api/v1/health") && g_str_equal (method, "GET"))
    handle_health (server, msg);
  else
    send_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "No such resource.");
  log_request (msg, started);
}

static gboolean
fill_demo (XbStore *store, GError **error)
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
  return xb_demo_generate (store, &options, hash, error);
}

static gboolean
parse_listen (const char *listen, char **host, guint *port, GError **error)
{
  const char *colon = listen ? strrchr (listen, ':') : NULL;
  guint64 value;

  if (colon == NULL || colon == listen
      || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &value, NULL))
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                        "--listen takes HOST:PORT, for example 127.0.0.1:8480, not “%s”",
                        listen ? listen : ""), FALSE;
  *host = g_strndup (listen, colon - listen);
  *port = (guint) value;
  return TRUE;
}

static gboolean
start_listening (SoupServer *soup, const char *listen, GError **error)
{
  g_autofree char *host = NULL;
  g_autoptr(GInetAddress) addr = NULL;
  g_autoptr(GSocketAddress) sa = NULL;
  GSList *uris;
  guint port;

  if (!parse_listen (listen, &host, &port, error))
    return FALSE;
  addr = g_inet_address_new_from_string (host);
  if (addr == NULL)
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID, "“%s” is not an IP address", host), FALSE;
  sa = g_inet_socket_address_new (addr, port);
  if (!soup_server_listen (soup, sa, 0, error))
    return FALSE;
  uris = soup_server_get_uris (soup);
  for (GSList *l = uris; l != NULL; l = l->next)
    {
      g_autofree char *text = g_uri_to_string (l->data);
      /* Tests and scripts read the port from this line. */
      g_print ("listening on %s\n", text);
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  fflush (stdout);
  return TRUE;
}

static gboolean
on_signal (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static XbStore *
open_data_dir (const char *data_dir, gboolean demo, GError **error)
{
  g_autofree char *db = g_build_filename (data_dir, "xinbao.db", NULL);
  g_autoptr(XbStore) store = NULL;

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    return g_set_error (error, XB_ERROR, XB_ERROR_FAILED, "cannot create %s: %s",
                        data_dir, g_strerror (errno)), NULL;
  store = xb_store_open (db, error);
  if (store == NULL || (demo && !fill_demo (store, error)))
    return NULL;
  return g_steal_pointer (&store);
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- Xinbao city office server");
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL, *listen = NULL;
  gboolean demo = FALSE;
  g_autoptr(SoupServer) soup = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  Server server = { 0 };
  GOptionEntry entries[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir, "Directory of the database and attachments", "DIR" },
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen, "Address to listen on (default 127.0.0.1:8480)", "HOST:PORT" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Fill a new data directory with the demo city", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  if (argc > 1 && xb_server_cli_is_command (argv[1]))
    return xb_server_cli_run (argc - 1, argv + 1);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || data_dir == NULL)
    {
      g_printerr ("%s\n", error ? error->message : "--data-dir is required");
      return 2;
    }
  if (!xb_password_init (&error))
    {
      g_printerr ("xinbao-server: %s\n", error->message);
      return 1;
    }
  server.store = open_data_dir (data_dir, demo, &error);
  soup = soup_server_new ("server-header", "xinbao-server/" PACKAGE_VERSION " ", NULL);
  if (server.store == NULL
      || (soup_server_add_handler (soup, "/api/v1", handle_api, &server, NULL),
          !start_listening (soup, listen ? listen : "127.0.0.1:8480", &error)))
    {
      g_printerr ("xinbao-server: %s\n", error->message);
      g_clear_object (&server.store);
      return 1;
    }
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_main_loop_run (loop);
  g_clear_object (&server.store);
  return 0;
}
