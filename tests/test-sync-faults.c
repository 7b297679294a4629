/* Crashes mid-push: the server killed with SIGKILL, then the client; every item arrives exactly once. */
#include "config.h"

#include <gio/gio.h>

#include "test-sync-common.h"

#define N_ITEMS 500
#define KILL_AFTER 50   /* acknowledged entries before the crash */

/* Queues N_ITEMS drafts; returns their uuids. */
static GPtrArray *
queue_items (TestClient *c, const char *tag)
{
  GPtrArray *uuids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autofree char *title = g_strdup_printf ("%s第%u条", tag, i + 1);
      g_autoptr(XbItem) item = make_item (c, title);
      g_autoptr(GError) error = NULL;

      g_assert_true (xb_sync_engine_save_item (c->engine, item, &error));
      g_assert_no_error (error);
      g_ptr_array_add (uuids, g_strdup (item->uuid));
    }
  g_assert_cmpuint (xb_store_outbox_count (c->store, NULL), ==, N_ITEMS);
  return uuids;
}

/* All of @uuids on the server, each with its one create event, and no
 * other item carrying @tag. */
static void
assert_exactly_once (XbTestServer *server, GPtrArray *uuids, const char *tag)
{
  /* The unit's own view: the office does not see units' drafts. */
  g_autoptr(TestClient) officer = test_client_new (server, "officer");
  g_autoptr(GHashTable) items = server_items (server, officer);
  GHashTableIter iter;
  gpointer value;
  guint tagged = 0;

  for (guint i = 0; i < uuids->len; i++)
    {
      XbItem *item = g_hash_table_lookup (items, uuids->pdata[i]);

      g_assert_nonnull (item);
      g_assert_cmpuint (item->events->len, ==, 1);
      g_assert_cmpuint (count_events (item, XB_ACTION_CREATE), ==, 1);
    }
  g_hash_table_iter_init (&iter, items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_str_has_prefix (((XbItem *) value)->title, tag))
      tagged++;
  g_assert_cmpuint (tagged, ==, N_ITEMS);
}

/* ---- the server dies ------------------------------------------------------------------ */

typedef struct {
  XbTestServer *server;
  XbStore      *store;
  gboolean      killed;
} Crash;

/* From an idle callback, so the next request is already on its way. */
static gboolean
kill_server (gpointer user_data)
{
  Crash *crash = user_data;

  xb_test_server_kill (crash->server);
  crash->killed = TRUE;
  g_test_message ("server killed with %u entries queued", xb_store_outbox_count (crash->store, NULL));
  return G_SOURCE_REMOVE;
}

static void
on_queued (XbSyncEngine *engine, GParamSpec *pspec, gpointer user_data)
{
  Crash *crash = user_data;

  if (!crash->killed && xb_sync_engine_get_queued (engine) <= N_ITEMS - KILL_AFTER)
    {
      crash->killed = TRUE; /* once */
      g_idle_add (kill_server, crash);
    }
}

static void
test_server_killed (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 400 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) officer = test_client_new (server, "officer");
  g_autoptr(GPtrArray) uuids = NULL;
  Crash crash = { server, NULL, FALSE };
  gint64 deadline;

  sync_now (officer);
  xb_sync_engine_stop (officer->engine);
  uuids = queue_items (officer, "服务器崩溃测试");
  crash.store = officer->store;
  g_signal_connect (officer->engine, "notify::queued", G_CALLBACK (on_queued), &crash);
  xb_sync_engine_start (officer->engine);

  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (xb_sync_engine_get_state (officer->engine) != XB_SYNC_OFFLINE && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (xb_sync_engine_get_state (officer->engine), ==, XB_SYNC_OFFLINE);
  g_assert_cmpuint (xb_store_outbox_count (officer->store, NULL), >, 0);
  g_assert_cmpuint (xb_store_outbox_count (officer->store, NULL), <=, N_ITEMS - KILL_AFTER + 1);

  xb_test_server_restart (server);
  sync_now (officer);
  g_assert_cmpuint (xb_store_outbox_count (officer->store, NULL), ==, 0);
  g_assert_cmpuint (xb_store_outbox_count_failed (officer->store, NULL), ==, 0);
  assert_exactly_once (server, uuids, "服务器崩溃测试");
}

/* ---- the client dies ------------------------------------------------------------------ */

/* The child: pulls, queues N_ITEMS, says so on stdout, and pushes until killed. */
static int
child_push (const char *store_path, const char *url)
{
  XbTestServer server = { .url = (char *) url };
  g_autoptr(TestClient) officer = test_client_new_on (&server, "officer", store_path);
  g_autoptr(GPtrArray) uuids = NULL;

  sync_now (officer);
  xb_sync_engine_stop (officer->engine);
  uuids = queue_items (officer, "客户端崩溃测试");
  for (guint i = 0; i < uuids->len; i++)
    g_print ("%s\n", (char *) uuids->pdata[i]);
  g_print ("queued\n");
  fflush (stdout);
  xb_sync_engine_start (officer->engine);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

static GPtrArray *
read_child_uuids (GSubprocess *child)
{
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  GPtrArray *uuids = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      char *line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line); /* the child died before queueing */
      if (g_str_equal (line, "queued"))
        {
          g_free (line);
          return uuids;
        }
      g_ptr_array_add (uuids, line);
    }
}

/* Polls the child's store from here until some entries are acknowledged. */
static void
wait_for_acknowledged (const char *store_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (store_path, &error);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_assert_no_error (error);
  while (xb_store_outbox_count (store, NULL) > N_ITEMS - KILL_AFTER && g_get_monotonic_time () < deadline)
    g_usleep (2000);
  g_assert_cmpuint (xb_store_outbox_count (store, NULL), <=, N_ITEMS - KILL_AFTER);
}

static void
test_client_killed (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 400 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autofree char *dir = g_dir_make_tmp ("xb-crash-XXXXXX", NULL);
  g_autofree char *store_path = g_build_filename (dir, "client.db", NULL);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GPtrArray) uuids = NULL;
  g_autoptr(TestClient) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path, "--child-push",
                            store_path, server->url, NULL);
  g_assert_no_error (error);
  uuids = read_child_uuids (child);
  g_assert_cmpuint (uuids->len, ==, N_ITEMS);
  wait_for_acknowledged (store_path);
  g_subprocess_force_exit (child);
  g_assert_false (g_subprocess_wait_check (child, NULL, NULL));

  again = test_client_new_on (server, "officer", store_path);
  g_test_message ("client killed; its successor starts with %u entries queued",
                  xb_store_outbox_count (again->store, NULL));
  g_assert_cmpuint (xb_store_outbox_count (again->store, NULL), >, 0);
  sync_now (again);
  g_assert_cmpuint (xb_store_outbox_count (again->store, NULL), ==, 0);
  g_assert_cmpuint (xb_store_outbox_count_failed (again->store, NULL), ==, 0);
  assert_exactly_once (server, uuids, "客户端崩溃测试");
  g_clear_pointer (&again, test_client_free);
  xb_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  if (argc == 4 && g_str_equal (argv[1], "--child-push"))
    return child_push (argv[2], argv[3]);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync-faults/server-killed", test_server_killed);
  g_test_add_func ("/sync-faults/client-killed", test_client_killed);
  return g_test_run ();
}
