/* Network faults: a proxy between the sync engine and the real server delays, cuts mid-request and mid-response, and refuses; after healing, everything arrives exactly once. */
#include "config.h"

#include <gio/gio.h>

#include "test-sync-common.h"
#include "xb-test-proxy.h"

#define ITEMS_PER_ROUND 20
#define TAG "网络故障测试"

typedef struct {
  XbTestServer *server;
  XbTestProxy  *proxy;
  TestClient   *officer;    /* talks through the proxy */
  GPtrArray    *uuids;      /* every item queued */
  GHashTable   *submitted;  /* uuids also submitted (set) */
} Fixture;

/* Wakes the loop so conditions are checked, and retries at once rather
 * than after the engine's back-off: the faults are the point here, not
 * the waiting between them. */
static gboolean
tick (gpointer user_data)
{
  XbSyncEngine *engine = user_data;

  if (xb_sync_engine_get_state (engine) == XB_SYNC_OFFLINE)
    xb_sync_engine_kick (engine);
  return G_SOURCE_CONTINUE;
}

/* Queues a round of drafts, every other one also submitted to unit review. */
static void
queue_round (Fixture *f, const char *mode_name)
{
  for (guint i = 0; i < ITEMS_PER_ROUND; i++)
    {
      g_autofree char *title = g_strdup_printf ("%s·%s第%u条", TAG, mode_name, i + 1);
      g_autoptr(XbItem) item = make_item (f->officer, title);
      g_autoptr(GError) error = NULL;

      g_assert_true (xb_sync_engine_save_item (f->officer->engine, item, &error));
      g_assert_no_error (error);
      g_ptr_array_add (f->uuids, g_strdup (item->uuid));
      if (i % 2 == 0)
        {
          act (f->officer, item->uuid, XB_ACTION_SUBMIT, NULL);
          g_hash_table_add (f->submitted, g_strdup (item->uuid));
        }
    }
}

/* Pushes one round under @mode until the proxy has struck @faults times or the
 * outbox has drained, then heals the network and syncs. */
static void
round_under (Fixture *f, XbProxyMode mode, const char *mode_name, guint delay_ms, guint cut_bytes, guint faults)
{
  guint faults_before = xb_test_proxy_get_faults (f->proxy);
  gint64 started = g_get_monotonic_time ();
  gint64 deadline = started + 60 * G_USEC_PER_SEC;
  guint ticker = g_timeout_add (100, tick, f->officer->engine);
  guint struck;

  xb_sync_engine_stop (f->officer->engine);
  queue_round (f, mode_name);
  xb_test_proxy_set_mode (f->proxy, mode, delay_ms, cut_bytes);
  xb_sync_engine_start (f->officer->engine);
  xb_sync_engine_kick (f->officer->engine);
  /* With @faults 0 (delay) the whole round goes through the fault. */
  while ((faults == 0 || xb_test_proxy_get_faults (f->proxy) - faults_before < faults)
         && xb_store_outbox_count (f->officer->store, NULL) > 0
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (ticker);
  struck = xb_test_proxy_get_faults (f->proxy) - faults_before;
  g_test_message ("%s: %u faults, %u entries still queued after %.1f s", mode_name, struck,
                  xb_store_outbox_count (f->officer->store, NULL), (g_get_monotonic_time () - started) / 1e6);
  /* The fault struck; a random round may drain before striking @faults
   * times, the connections that pass carrying the rest. */
  if (faults > 0)
    g_assert_cmpuint (struck, >, 0);

  xb_test_proxy_set_mode (f->proxy, XB_PROXY_PASS, 0, 0);
  sync_now (f->officer);
  g_test_message ("%s: healed and synced after %.1f s", mode_name, (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpuint (xb_store_outbox_count (f->officer->store, NULL), ==, 0);
  g_assert_cmpuint (xb_store_outbox_count_failed (f->officer->store, NULL), ==, 0);
}

/* Every queued item on the server once, with one create event and one submit
 * event when submitted; the officer's store equals the server's view. */
static void
assert_converged (Fixture *f)
{
  /* A fresh session of the unit's: the office does not see units' drafts. */
  g_autoptr(TestClient) unit = test_client_new (f->server, "officer");
  g_autoptr(GHashTable) all = server_items (f->server, unit);
  g_autoptr(GHashTable) mine = server_items (f->server, f->officer);
  GHashTableIter iter;
  gpointer key, value;
  guint tagged = 0;

  for (guint i = 0; i < f->uuids->len; i++)
    {
      const char *uuid = f->uuids->pdata[i];
      XbItem *item = g_hash_table_lookup (mine, uuid);
      gboolean submitted = g_hash_table_contains (f->submitted, uuid);

      g_assert_nonnull (item);
      g_assert_cmpuint (count_events (item, XB_ACTION_CREATE), ==, 1);
      g_assert_cmpuint (count_events (item, XB_ACTION_SUBMIT), ==, submitted ? 1 : 0);
      g_assert_cmpuint (item->events->len, ==, submitted ? 2 : 1);
    }
  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_str_has_prefix (((XbItem *) value)->title, TAG))
      tagged++;
  g_assert_cmpuint (tagged, ==, f->uuids->len);

  /* The officer's store holds what the server says the officer may see. */
  g_hash_table_iter_init (&iter, mine);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      XbItem *theirs = value;
      g_autoptr(XbItem) local = xb_store_get_item (f->officer->store, key, NULL);

      g_assert_nonnull (local);
      g_assert_cmpstr (local->title, ==, theirs->title);
      g_assert_cmpstr (local->body, ==, theirs->body);
      g_assert_cmpint (local->state, ==, theirs->state);
      g_assert_cmpint (local->revision, ==, theirs->revision);
      g_assert_cmpuint (local->events->len, ==, theirs->events->len);
    }
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 200 };
  XbTestServer via_proxy = { 0 };

  f->server = xb_test_server_start (&options);
  f->proxy = xb_test_proxy_new (f->server->port);
  via_proxy.url = (char *) xb_test_proxy_get_url (f->proxy);
  f->officer = test_client_new (&via_proxy, "officer");
  f->uuids = g_ptr_array_new_with_free_func (g_free);
  f->submitted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sync_now (f->officer);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->officer, test_client_free);
  g_clear_pointer (&f->proxy, xb_test_proxy_free);
  g_clear_pointer (&f->server, xb_test_server_free);
  g_clear_pointer (&f->uuids, g_ptr_array_unref);
  g_clear_pointer (&f->submitted, g_hash_table_unref);
}

static void
test_each_mode (Fixture *f, gconstpointer data)
{
  round_under (f, XB_PROXY_DELAY, "delay", 40, 0, 0);
  round_under (f, XB_PROXY_CUT_REQUEST, "cut-request", 0, 0, 5);
  round_under (f, XB_PROXY_CUT_RESPONSE, "cut-response", 0, 0, 5);
  round_under (f, XB_PROXY_REFUSE, "refuse", 0, 0, 3);
  /* libsoup sends a PUT again by itself on a new connection then. */
  round_under (f, XB_PROXY_DROP_REUSED, "drop-reused", 0, 0, 3);
  assert_converged (f);
}

static void
test_random (Fixture *f, gconstpointer data)
{
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("random%u", i + 1);
      round_under (f, XB_PROXY_RANDOM, name, 0, 0, 5);
    }
  assert_converged (f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/net-faults/each-mode", Fixture, NULL, fixture_set_up, test_each_mode, fixture_tear_down);
  g_test_add ("/net-faults/random", Fixture, NULL, fixture_set_up, test_random, fixture_tear_down);
  return g_test_run ();
}
