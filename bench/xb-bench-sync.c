/* Benchmark: a fresh client pulling a 100,000-item city, and pushing 1,000 queued items, against the real server. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "xb-demo.h"
#include "xb-password.h"
#include "xb-sync-engine.h"
#include "xb-test-server.h"

static void
on_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static XbSyncClient *
signed_in (XbTestServer *server, const char *username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbSyncClient) client = xb_sync_client_new (server->url, &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(XbUser) user = NULL;

  xb_sync_client_sign_in_async (client, username, "xinbao", NULL, on_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if ((user = xb_sync_client_sign_in_finish (client, result, &error)) == NULL)
    g_error ("sign-in as %s: %s", username, error->message);
  return g_steal_pointer (&client);
}

/* The server's data directory, made once and kept in the cache. */
static char *
server_data (guint n_items)
{
  g_autofree char *dir = g_strdup_printf ("%s/xinbao-bench/server-%u", g_get_user_cache_dir (), n_items);
  g_autofree char *db = g_build_filename (dir, "xinbao.db", NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_test (db, G_FILE_TEST_EXISTS))
    {
      g_autofree char *tmp = g_strconcat (db, ".tmp", NULL);
      g_autofree char *hash = NULL;
      g_autoptr(XbStore) store = NULL;
      XbDemoOptions options;

      printf ("generating a server with %u items (once)…\n", n_items);
      g_mkdir_with_parents (dir, 0700);
      xb_demo_options_init (&options);
      options.n_items = n_items;
      options.years = 10;
      if (!xb_password_init (&error) || (hash = xb_password_hash ("xinbao", &error)) == NULL
          || (store = xb_store_open (tmp, &error)) == NULL
          || !xb_demo_generate (store, &options, hash, &error))
        g_error ("%s", error->message);
      g_clear_object (&store);
      g_rename (tmp, db);
    }
  return g_steal_pointer (&dir);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static XbItem *
draft (gint64 unit_id, guint i)
{
  XbItem *item = xb_item_new ();

  item->uuid = g_uuid_string_random ();
  item->unit_id = unit_id;
  item->revision = 0;
  item->title = g_strdup_printf ("基准测试信息第%u条", i);
  item->body = g_strdup ("今年以来，全县扎实推进各项工作，取得积极成效。");
  item->category = g_strdup ("本地区本部门工作动态");
  return item;
}

int
main (int argc, char **argv)
{
  guint n_items = argc > 1 ? (guint) atoi (argv[1]) : 100000, n_push = 1000;
  g_autofree char *data = server_data (n_items);
  XbTestServerOptions options = { .data_dir = data };
  g_autoptr(XbTestServer) server = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("xb-bench-sync-XXXXXX", NULL);
  g_autofree char *pull_path = g_build_filename (tmp, "editor.db", NULL);
  g_autofree char *push_path = g_build_filename (tmp, "officer.db", NULL);
  g_autoptr(XbStore) store = NULL, officer_store = NULL;
  g_autoptr(XbSyncClient) editor = NULL, officer = NULL;
  g_autoptr(XbSyncEngine) engine = NULL, officer_engine = NULL;
  XbItemQuery query;
  gint64 start;
  double pull_s, push_s;
  guint pulled;

  server = xb_test_server_start (&options);
  printf ("machine: %d cores; server: %s with %u items\n", g_get_num_processors (), server->url, n_items);

  /* A fresh editor's client pulls everything. */
  store = xb_store_open (pull_path, NULL);
  editor = signed_in (server, "editor");
  engine = xb_sync_engine_new (store, editor);
  start = g_get_monotonic_time ();
  xb_sync_engine_start (engine);
  if (!xb_sync_engine_wait_idle (engine, 30 * 60 * 1000))
    g_error ("the pull did not finish: %s", xb_sync_engine_get_error (engine));
  pull_s = seconds_since (start);
  xb_item_query_init (&query);
  pulled = xb_store_count_items (store, &query, NULL);
  printf ("pull: %u items in %.1f s (%.0f items/s)\n", pulled, pull_s, pulled / pull_s);

  /* An officer queues a thousand drafts, then sends them. */
  officer_store = xb_store_open (push_path, NULL);
  officer = signed_in (server, "officer");
  officer_engine = xb_sync_engine_new (officer_store, officer);
  xb_sync_engine_start (officer_engine);
  xb_sync_engine_wait_idle (officer_engine, 10 * 60 * 1000);
  xb_sync_engine_stop (officer_engine);
  for (guint i = 0; i < n_push; i++)
    {
      g_autoptr(XbItem) item = draft (xb_sync_client_get_user (officer)->unit_id, i);
      g_autoptr(GError) error = NULL;
      if (!xb_sync_engine_save_item (officer_engine, item, &error))
        g_error ("%s", error->message);
    }
  start = g_get_monotonic_time ();
  xb_sync_engine_start (officer_engine);
  if (!xb_sync_engine_wait_idle (officer_engine, 30 * 60 * 1000))
    g_error ("the push did not finish: %s", xb_sync_engine_get_error (officer_engine));
  push_s = seconds_since (start);
  printf ("push: %u queued items in %.1f s (%.0f items/s), %u left in the outbox\n", n_push, push_s,
          n_push / push_s, xb_store_outbox_count (officer_store, NULL));

  g_clear_object (&engine);
  g_clear_object (&officer_engine);
  xb_test_server_stop (server);
  xb_test_rm_rf (tmp);
  return 0;
}
