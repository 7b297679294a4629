/* Test support: a client store of a demo account, synchronised once through the real sync engine. */
#include "config.h"

#include "xb-sync-client.h"
#include "xb-sync-engine.h"
#include "xb-test-sync.h"

static void
on_signed_in (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

XbStore *
xb_test_synced_store (XbTestServer *server,
                      const char   *username,
                      const char   *password,
                      const char   *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbSyncClient) client = xb_sync_client_new (server->url, &error);
  g_autoptr(XbStore) store = xb_store_open (path, &error);
  g_autoptr(XbSyncEngine) engine = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(XbUser) user = NULL;

  g_assert_no_error (error);
  xb_sync_client_sign_in_async (client, username, password, NULL, on_signed_in, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  user = xb_sync_client_sign_in_finish (client, result, &error);
  g_assert_no_error (error);
  engine = xb_sync_engine_new (store, client);
  xb_sync_engine_start (engine);
  g_assert_true (xb_sync_engine_wait_idle (engine, 120 * 1000));
  xb_sync_engine_stop (engine);
  return g_steal_pointer (&store);
}
