/* Sync engine against the real xinbao-server: sign-in, TLS pinning, pull scope, the whole workflow, offline work, replays, conflicts. */
#include "config.h"

#include <gio/gio.h>

#include "test-sync-common.h"
#include "xb-workflow.h"

/* One demo server for the tests that do not need their own; started on
 * first use so that a single test can run alone (-p). */
static XbTestServer *demo_server;

static XbTestServer *
demo (void)
{
  if (demo_server == NULL)
    {
      /* Enough for several pages of the feed (500 changes) for the
       * office, without every new client pulling a whole year. */
      XbTestServerOptions options = { .demo = TRUE, .demo_items = 1500 };
      demo_server = xb_test_server_start (&options);
    }
  return demo_server;
}

/* ---- signing in ------------------------------------------------------------------- */

static void
test_sign_in (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbSyncClient) client = xb_sync_client_new (demo ()->url, &error);
  g_autoptr(XbUser) user = NULL;
  g_autoptr(XbUser) refused = NULL;

  user = sign_in (client, "officer", DEMO_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->username, ==, "officer");
  g_assert_true (user->roles & XB_ROLE_BIT (XB_ROLE_OFFICER));
  g_assert_cmpuint (strlen (xb_sync_client_get_token (client)), ==, 64);
  g_assert_cmpint (xb_sync_client_get_user (client)->id, ==, user->id);

  refused = sign_in (client, "officer", "not-the-password", &error);
  g_assert_null (refused);
  g_assert_error (error, XB_ERROR, XB_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  refused = sign_in (client, "nobody-here", DEMO_PASSWORD, &error);
  g_assert_error (error, XB_ERROR, XB_ERROR_UNAUTHORIZED);
}

/* A port nothing listens on: bound, then closed again. */
static guint
closed_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return port;
}

static void
test_unreachable (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());
  g_autoptr(GError) error = NULL;
  g_autoptr(XbSyncClient) client = xb_sync_client_new (url, &error);
  g_autoptr(XbUser) user = NULL;

  g_assert_no_error (error);
  user = sign_in (client, "officer", DEMO_PASSWORD, &error);
  g_assert_null (user);
  g_assert_error (error, XB_ERROR, XB_ERROR_OFFLINE);
}

static char *
other_certificate (const char *dir)
{
  g_autofree char *key = g_build_filename (dir, "other-key.pem", NULL);
  char *cert = g_build_filename (dir, "other-cert.pem", NULL);
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = {
    "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
    "-keyout", key, "-out", cert, NULL,
  };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                               | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return cert;
}

static void
assert_sign_in_fails (const char *url, const char *pinned, int code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbSyncClient) client = xb_sync_client_new (url, &error);
  g_autoptr(XbUser) user = NULL;

  if (pinned != NULL)
    g_assert_true (xb_sync_client_set_pinned_certificate (client, pinned, &error));
  user = sign_in (client, "officer", DEMO_PASSWORD, &error);
  g_assert_null (user);
  g_assert_error (error, XB_ERROR, code);
}

static void
test_tls_pinned (void)
{
  XbTestServerOptions options = { .demo = TRUE, .tls = TRUE };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(GError) error = NULL;
  g_autoptr(XbSyncClient) client = xb_sync_client_new (server->url, &error);
  g_autofree char *pem = NULL;
  g_autofree char *other = other_certificate (server->data_dir);
  g_autoptr(XbUser) user = NULL;

  g_assert_true (g_str_has_prefix (server->url, "https://"));
  /* Pinned as PEM text: the self-signed certificate is trusted. */
  g_assert_true (g_file_get_contents (server->cert_path, &pem, NULL, &error));
  g_assert_true (xb_sync_client_set_pinned_certificate (client, pem, &error));
  user = sign_in (client, "officer", DEMO_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->username, ==, "officer");

  /* The system CAs do not know it; another pinned certificate is not it. */
  assert_sign_in_fails (server->url, NULL, XB_ERROR_CERTIFICATE);
  assert_sign_in_fails (server->url, other, XB_ERROR_CERTIFICATE);

  g_assert_false (xb_sync_client_set_pinned_certificate (client, "/no/such/cert.pem", &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
}

/* ---- the client store as a replica -------------------------------------------------- */

static void
test_replica_store (void)
{
  g_autofree char *dir = g_dir_make_tmp ("xb-replica-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "client.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (path, &error);
  g_autoptr(XbItem) item = xb_item_new ();
  g_autoptr(XbItem) back = NULL;

  g_assert_no_error (error);
  /* The pragma is ignored inside a transaction, so that is refused. */
  g_assert_true (xb_store_begin (store, &error));
  g_assert_false (xb_store_use_as_replica (store, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_FAILED);
  g_clear_error (&error);
  xb_store_rollback (store);
  g_assert_true (xb_store_use_as_replica (store, &error));
  g_assert_no_error (error);

  /* A merged item whose comprehensive item, unit, author and request live
   * only on the server. */
  item->uuid = xb_uuid_new ();
  item->unit_id = 42;
  item->author_id = 4242;
  item->title = g_strdup ("来源信息");
  item->body = g_strdup ("正文");
  item->category = g_strdup ("经济运行");
  item->state = XB_STATE_MERGED;
  item->merged_into = xb_uuid_new ();
  item->request_id = 7;
  item->created_at = item->updated_at = 1700000000;
  g_assert_true (xb_store_put_item (store, item, &error));
  g_assert_no_error (error);
  back = xb_store_get_item (store, item->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->merged_into, ==, item->merged_into);
  g_assert_cmpint (back->request_id, ==, 7);
  g_clear_object (&store);
  xb_test_rm_rf (dir);
}

/* ---- pulling ----------------------------------------------------------------------- */

static guint
count_local_items (XbStore *store, gint64 unit_id)
{
  XbItemQuery query;

  xb_item_query_init (&query);
  query.unit_id = unit_id;
  return xb_store_count_items (store, &query, NULL);
}

static void
on_items_changed (XbSyncEngine *engine, GStrv uuids, gpointer user_data)
{
  *(guint *) user_data += g_strv_length (uuids);
}

typedef struct {
  gint64 last;
  gint64 longest;
} Ticks;

static gboolean
tick (gpointer user_data)
{
  Ticks *ticks = user_data;
  gint64 now = g_get_monotonic_time ();

  ticks->longest = MAX (ticks->longest, now - ticks->last);
  ticks->last = now;
  return G_SOURCE_CONTINUE;
}

/* Pages are applied in a worker thread: the main loop keeps turning. */
static void
time_full_pull (TestClient *c)
{
  Ticks ticks = { g_get_monotonic_time (), 0 };
  gint64 start = ticks.last;
  guint id = g_timeout_add (10, tick, &ticks);

  sync_now (c);
  g_source_remove (id);
  g_test_message ("full pull as %s: %.1f s, longest main-loop stall %.0f ms",
                  c->user->username, (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC,
                  (double) ticks.longest / 1000.0);
}

static void
test_pull_scope (void)
{
  g_autoptr(TestClient) officer = test_client_new (demo (), "officer");
  g_autoptr(TestClient) editor = test_client_new (demo (), "editor");
  g_autoptr(GHashTable) all = NULL;
  g_autoptr(XbSyncEngine) again = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *cursor_after = NULL;
  g_autoptr(XbUnit) unit = NULL;
  g_auto(GStrv) priorities = NULL;
  guint own, changed = 0;

  sync_now (officer);
  time_full_pull (editor);
  own = count_local_items (officer->store, officer->user->unit_id);
  g_assert_cmpuint (own, >, 0);
  g_assert_cmpuint (count_local_items (officer->store, 0), ==, own);
  all = server_items (demo (), editor);
  g_assert_cmpuint (count_local_items (editor->store, 0), ==, g_hash_table_size (all));
  g_assert_cmpuint (g_hash_table_size (all), >, own);
  g_test_message ("officer pulled %u items of its unit, editor %u", own, g_hash_table_size (all));
  unit = xb_store_get_unit (officer->store, officer->user->unit_id, NULL);
  g_assert_nonnull (unit);
  priorities = xb_store_list_priorities (officer->store, TRUE, NULL);
  g_assert_cmpuint (g_strv_length (priorities), >, 0);

  /* A new engine on the same store goes on from the stored cursor. */
  cursor = xb_store_get_meta (officer->store, "cursor");
  g_assert_nonnull (cursor);
  g_clear_object (&officer->engine);
  again = xb_sync_engine_new (officer->store, officer->client);
  g_signal_connect (again, "items-changed", G_CALLBACK (on_items_changed), &changed);
  xb_sync_engine_start (again);
  g_assert_true (xb_sync_engine_wait_idle (again, SYNC_TIMEOUT_MS));
  g_assert_cmpuint (changed, ==, 0);
  cursor_after = xb_store_get_meta (officer->store, "cursor");
  g_assert_cmpstr (cursor_after, ==, cursor);
  g_assert_cmpuint (count_local_items (officer->store, 0), ==, own);
}

/* ---- the whole workflow over three kinds of client --------------------------------- */

static const char *
signer_username (XbRole role)
{
  switch (role)
    {
    case XB_ROLE_SECTION_CHIEF: return "chief";
    case XB_ROLE_DEPUTY_SECGEN: return "deputy";
    case XB_ROLE_DIRECTOR: return "director";
    case XB_ROLE_SECGEN: return "secgen";
    case XB_ROLE_DEPUTY_MAYOR: return "deputymayor";
    case XB_ROLE_MAYOR: return "mayor";
    default: g_assert_not_reached ();
    }
}

/* The server and @other's store both show @uuid in @state. */
static void
assert_everywhere (TestClient *as, TestClient *other, const char *uuid, XbState state)
{
  g_autoptr(XbItem) on_server = server_item (demo (), as, uuid);
  g_autoptr(XbItem) local = NULL;

  g_assert_nonnull (on_server);
  g_assert_cmpstr (xb_state_to_string (on_server->state), ==, xb_state_to_string (state));
  if (other == NULL)
    return;
  sync_now (other);
  local = xb_store_get_item (other->store, uuid, NULL);
  g_assert_nonnull (local);
  g_assert_cmpstr (xb_state_to_string (local->state), ==, xb_state_to_string (state));
  g_assert_cmpuint (local->events->len, ==, on_server->events->len);
}

static char *
submit_new_item (TestClient *officer, XbImportance importance)
{
  g_autoptr(XbItem) item = make_item (officer, "武都区春耕备耕工作有序推进");
  g_autoptr(XbItem) local = NULL;
  g_autoptr(GError) error = NULL;

  item->importance = importance;
  g_assert_true (xb_sync_engine_save_item (officer->engine, item, &error));
  g_assert_no_error (error);
  act (officer, item->uuid, XB_ACTION_SUBMIT, NULL);
  /* Optimistic: the local copy already shows where the server will put it,
   * with no event of its own (events come only from the server). */
  local = xb_store_get_item (officer->store, item->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (local->state, ==, XB_STATE_UNIT_REVIEW);
  g_assert_cmpuint (local->events->len, ==, 0);
  g_assert_cmpuint (xb_sync_engine_get_queued (officer->engine), ==, 2);
  sync_now (officer);
  g_assert_cmpuint (xb_sync_engine_get_queued (officer->engine), ==, 0);
  g_assert_cmpint (xb_sync_engine_get_state (officer->engine), ==, XB_SYNC_IDLE);
  return g_strdup (item->uuid);
}

static void
sign_chain (TestClient *editor, const char *uuid)
{
  g_autoptr(XbItem) proposed = server_item (demo (), editor, uuid);
  XbChain chain;

  g_assert_true (xb_chain_parse (proposed->signoff_chain, &chain));
  g_assert_cmpint (chain.n_roles, ==, 4); /* director, secgen, deputy mayor, mayor */
  for (int i = 0; i < chain.n_roles; i++)
    {
      g_autoptr(TestClient) signer = test_client_new (demo (), signer_username (chain.roles[i]));
      g_autoptr(XbItem) on_server = NULL;

      sync_now (signer);
      act (signer, uuid, XB_ACTION_SIGN, NULL);
      sync_now (signer);
      on_server = server_item (demo (), editor, uuid);
      g_assert_cmpint (on_server->state, ==, i + 1 < chain.n_roles ? XB_STATE_SIGNOFF : XB_STATE_ADOPTED);
      if (i + 1 < chain.n_roles)
        g_assert_cmpint (on_server->signoff_step, ==, i + 1);
    }
}

static void
test_workflow (void)
{
  g_autoptr(TestClient) officer = test_client_new (demo (), "officer");
  g_autoptr(TestClient) leader = test_client_new (demo (), "leader");
  g_autoptr(TestClient) editor = test_client_new (demo (), "editor");
  g_autoptr(GPtrArray) publications = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *extra = NULL;
  g_autoptr(XbItem) adopted = NULL;

  sync_now (officer);
  uuid = submit_new_item (officer, XB_IMPORTANCE_ESPECIALLY_MAJOR);
  assert_everywhere (officer, leader, uuid, XB_STATE_UNIT_REVIEW);

  act (leader, uuid, XB_ACTION_APPROVE, NULL);
  sync_now (leader);
  assert_everywhere (leader, editor, uuid, XB_STATE_SUBMITTED);

  act (editor, uuid, XB_ACTION_CLAIM, NULL);
  sync_now (editor);
  assert_everywhere (editor, officer, uuid, XB_STATE_EDITING);

  publications = xb_store_list_publications (editor->store, NULL);
  g_assert_cmpuint (publications->len, >, 0);
  extra = g_strdup_printf ("{\"publication_id\": %" G_GINT64_FORMAT ", \"for_mayor\": true}",
                           ((XbPublication *) publications->pdata[0])->id);
  act (editor, uuid, XB_ACTION_PROPOSE, extra);
  sync_now (editor);
  assert_everywhere (editor, NULL, uuid, XB_STATE_SIGNOFF);

  sign_chain (editor, uuid);
  assert_everywhere (editor, officer, uuid, XB_STATE_ADOPTED);
  adopted = xb_store_get_item (officer->store, uuid, NULL);
  g_assert_cmpint (adopted->adopted_at, >, 0);
  g_assert_cmpuint (count_events (adopted, XB_ACTION_SIGN), ==, 4);
  g_assert_cmpuint (adopted->events->len, ==, 9); /* create submit approve claim propose 4×sign */
}

/* ---- offline work ------------------------------------------------------------------ */

static void
wait_for_state (XbSyncEngine *engine, XbSyncState state)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (xb_sync_engine_get_state (engine) != state && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (xb_sync_engine_get_state (engine), ==, state);
}

static void
test_offline (void)
{
  g_autoptr(TestClient) officer = test_client_new (demo (), "officer");
  g_autoptr(XbItem) item = NULL;
  g_autoptr(XbItem) on_server = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  sync_now (officer);
  xb_test_server_stop (demo ());

  item = make_item (officer, "离线时写的信息");
  g_assert_true (xb_sync_engine_save_item (officer->engine, item, &error));
  act (officer, item->uuid, XB_ACTION_SUBMIT, NULL);
  entries = xb_store_outbox_list (officer->store, FALSE, NULL);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpuint (xb_sync_engine_get_queued (officer->engine), ==, 2);
  wait_for_state (officer->engine, XB_SYNC_OFFLINE);
  g_assert_nonnull (xb_sync_engine_get_error (officer->engine));
  g_assert_cmpuint (xb_sync_engine_get_queued (officer->engine), ==, 2);

  xb_test_server_restart (demo ());
  sync_now (officer);
  g_assert_cmpuint (xb_sync_engine_get_queued (officer->engine), ==, 0);
  g_assert_null (xb_sync_engine_get_error (officer->engine));
  on_server = server_item (demo (), officer, item->uuid);
  g_assert_nonnull (on_server);
  g_assert_cmpuint (on_server->events->len, ==, 2);
  g_assert_cmpuint (count_events (on_server, XB_ACTION_CREATE), ==, 1);
  g_assert_cmpuint (count_events (on_server, XB_ACTION_SUBMIT), ==, 1);
  /* The server's events carry the ids the outbox made. */
  g_assert_cmpstr (((XbEvent *) on_server->events->pdata[0])->id, ==,
                   ((XbOutboxEntry *) entries->pdata[0])->op_id);
  g_assert_cmpstr (((XbEvent *) on_server->events->pdata[1])->id, ==,
                   ((XbOutboxEntry *) entries->pdata[1])->op_id);
}

/* ---- replay ----------------------------------------------------------------------- */

static XbResponse *
send_entry (TestClient *c, XbOutboxEntry *e)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  XbResponse *response;

  xb_sync_client_request_async (c->client, e->method, e->path, e->body, NULL, on_result, &result);
  response = xb_sync_client_request_finish (c->client, wait_result (&result), &error);
  g_assert_no_error (error);
  return response;
}

/* As if each answer had been lost: every entry goes out twice by hand,
 * then once more from the engine. */
static void
test_replay (void)
{
  g_autoptr(TestClient) officer = test_client_new (demo (), "officer");
  g_autoptr(XbItem) item = NULL;
  g_autoptr(XbItem) on_server = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  sync_now (officer);
  xb_sync_engine_stop (officer->engine);
  item = make_item (officer, "重复发送也只算一次");
  g_assert_true (xb_sync_engine_save_item (officer->engine, item, &error));
  act (officer, item->uuid, XB_ACTION_SUBMIT, NULL);
  entries = xb_store_outbox_list (officer->store, FALSE, NULL);
  g_assert_cmpuint (entries->len, ==, 2);
  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(XbResponse) first = send_entry (officer, entries->pdata[i]);
      g_autoptr(XbResponse) second = send_entry (officer, entries->pdata[i]);

      g_assert_cmpuint (first->status / 100, ==, 2);
      g_assert_cmpuint (second->status, ==, first->status);
      g_assert_true (g_bytes_equal (first->body, second->body));
    }
  xb_sync_engine_start (officer->engine);
  sync_now (officer);
  g_assert_cmpuint (xb_store_outbox_count (officer->store, NULL), ==, 0);
  on_server = server_item (demo (), officer, item->uuid);
  g_assert_cmpuint (on_server->events->len, ==, 2);
  g_assert_cmpint (on_server->state, ==, XB_STATE_UNIT_REVIEW);
}

/* ---- a stale revision ----------------------------------------------------------- */

/* @a's copy of @uuid stays at revision 1 while, through @b and the leader,
 * the server's goes to revision 2. */
static void
revise_elsewhere (TestClient *b, const char *uuid)
{
  g_autoptr(TestClient) leader = test_client_new (demo (), "leader");
  g_autoptr(XbItem) on_server = NULL;

  sync_now (b);
  act (b, uuid, XB_ACTION_SUBMIT, NULL);
  sync_now (b);
  sync_now (leader);
  act (leader, uuid, XB_ACTION_RETURN, NULL);
  sync_now (leader);
  sync_now (b);
  act (b, uuid, XB_ACTION_REVISE, NULL);
  sync_now (b);
  on_server = server_item (demo (), b, uuid);
  g_assert_cmpint (on_server->state, ==, XB_STATE_DRAFT);
  g_assert_cmpint (on_server->revision, ==, 2);
}

static void
test_stale_revision (void)
{
  g_autoptr(TestClient) a = test_client_new (demo (), "officer");
  g_autoptr(TestClient) b = test_client_new (demo (), "officer");
  g_autoptr(XbItem) x = NULL;
  g_autoptr(XbItem) y = NULL;
  g_autoptr(XbItem) edited = NULL;
  g_autoptr(XbItem) on_server = NULL;
  g_autoptr(XbItem) y_on_server = NULL;
  g_autoptr(GError) error = NULL;

  sync_now (a);
  x = make_item (a, "两处同时修改的信息");
  g_assert_true (xb_sync_engine_save_item (a->engine, x, &error));
  sync_now (a);
  xb_sync_engine_stop (a->engine);
  revise_elsewhere (b, x->uuid);

  /* a edits its old copy twice, then writes another item. */
  edited = xb_store_get_item (a->store, x->uuid, NULL);
  g_assert_cmpint (edited->revision, ==, 1);
  g_free (edited->title);
  edited->title = g_strdup ("旧稿上的修改");
  g_assert_true (xb_sync_engine_save_item (a->engine, edited, &error));
  g_assert_true (xb_sync_engine_save_item (a->engine, edited, &error));
  y = make_item (a, "另一条信息照常报送");
  g_assert_true (xb_sync_engine_save_item (a->engine, y, &error));
  g_assert_no_error (error);

  xb_sync_engine_start (a->engine);
  g_assert_true (xb_sync_engine_wait_idle (a->engine, SYNC_TIMEOUT_MS));
  g_assert_cmpint (xb_sync_engine_get_state (a->engine), ==, XB_SYNC_ERROR);
  g_assert_nonnull (xb_sync_engine_get_error (a->engine));
  /* The refused save waits for the user, the one behind it waits too. */
  g_assert_cmpuint (xb_store_outbox_count_failed (a->store, x->uuid), ==, 1);
  g_assert_cmpuint (xb_store_outbox_count (a->store, x->uuid), ==, 1);
  g_assert_cmpuint (xb_sync_engine_get_queued (a->engine), ==, 1);
  on_server = server_item (demo (), a, x->uuid);
  g_assert_cmpint (on_server->revision, ==, 2);
  g_assert_cmpstr (on_server->title, !=, "旧稿上的修改");
  g_assert_cmpuint (count_events (on_server, XB_ACTION_SAVE), ==, 0);
  y_on_server = server_item (demo (), a, y->uuid);
  g_assert_nonnull (y_on_server);
  {
    g_autoptr(GPtrArray) entries = xb_store_outbox_list (a->store, TRUE, NULL);
    XbOutboxEntry *failed = entries->pdata[0];

    g_assert_true (failed->failed);
    g_assert_cmpstr (failed->error, ==, xb_sync_engine_get_error (a->engine));
    /* In the server's words, which name the revision it is at. */
    g_assert_nonnull (strstr (failed->error, "revision"));
  }

  /* The user gives up the edits: the server's copy comes back. */
  g_assert_true (xb_sync_engine_discard (a->engine, x->uuid, &error));
  g_assert_no_error (error);
  g_assert_true (xb_sync_engine_wait_idle (a->engine, SYNC_TIMEOUT_MS));
  g_assert_cmpint (xb_sync_engine_get_state (a->engine), ==, XB_SYNC_IDLE);
  g_assert_null (xb_sync_engine_get_error (a->engine));
  g_assert_cmpuint (xb_store_outbox_count (a->store, NULL) + xb_store_outbox_count_failed (a->store, NULL), ==, 0);
  g_clear_pointer (&edited, xb_item_free);
  edited = xb_store_get_item (a->store, x->uuid, NULL);
  g_assert_cmpint (edited->revision, ==, 2);
  g_assert_cmpstr (edited->title, ==, on_server->title);
  g_assert_cmpuint (edited->events->len, ==, on_server->events->len);
}

/* ---- a refused new item ------------------------------------------------------------- */

/* The server refuses a new item (here: its uuid is another unit's item);
 * once the user gives it up, no copy of it stays behind. */
static void
test_refused_create (void)
{
  g_autoptr(TestClient) a = test_client_new (demo (), "officer");
  g_autoptr(TestClient) other = test_client_new (demo (), "officer001");
  g_autoptr(GHashTable) theirs = server_items (demo (), other);
  g_autoptr(XbItem) item = make_item (a, "编号冲突的新信息");
  g_autoptr(XbItem) gone = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;

  sync_now (a);
  g_hash_table_iter_init (&iter, theirs);
  g_assert_true (g_hash_table_iter_next (&iter, &key, NULL));
  g_assert_null (xb_store_get_item (a->store, key, NULL));
  g_free (item->uuid);
  item->uuid = g_strdup (key);
  g_assert_true (xb_sync_engine_save_item (a->engine, item, &error));
  g_assert_no_error (error);
  g_assert_true (xb_sync_engine_wait_idle (a->engine, SYNC_TIMEOUT_MS));
  g_assert_cmpint (xb_sync_engine_get_state (a->engine), ==, XB_SYNC_ERROR);
  g_assert_cmpuint (xb_store_outbox_count_failed (a->store, item->uuid), ==, 1);
  gone = xb_store_get_item (a->store, item->uuid, NULL);
  g_assert_nonnull (gone);
  g_clear_pointer (&gone, xb_item_free);

  g_assert_true (xb_sync_engine_discard (a->engine, item->uuid, &error));
  g_assert_no_error (error);
  g_assert_true (xb_sync_engine_wait_idle (a->engine, SYNC_TIMEOUT_MS));
  g_assert_cmpint (xb_sync_engine_get_state (a->engine), ==, XB_SYNC_IDLE);
  gone = xb_store_get_item (a->store, item->uuid, &error);
  g_assert_null (gone);
  g_assert_error (error, XB_ERROR, XB_ERROR_NOT_FOUND);
  g_assert_cmpuint (xb_store_outbox_count (a->store, NULL) + xb_store_outbox_count_failed (a->store, NULL), ==, 0);
  /* The other unit's item is untouched. */
  g_clear_pointer (&gone, xb_item_free);
  gone = server_item (demo (), other, item->uuid);
  g_assert_cmpstr (gone->title, !=, item->title);
}

/* ---- a refused token --------------------------------------------------------------- */

static void
test_signed_out (void)
{
  g_autoptr(TestClient) viewer = test_client_new (demo (), "viewer");
  g_autofree char *token = g_strdup (xb_sync_client_get_token (viewer->client));
  g_autofree char *bogus = g_strnfill (64, 'a');

  sync_now (viewer);
  xb_sync_client_set_token (viewer->client, bogus);
  xb_sync_engine_kick (viewer->engine);
  g_assert_false (xb_sync_engine_wait_idle (viewer->engine, SYNC_TIMEOUT_MS));
  g_assert_cmpint (xb_sync_engine_get_state (viewer->engine), ==, XB_SYNC_SIGNED_OUT);
  /* Nothing more is tried with the refused token… */
  xb_sync_engine_kick (viewer->engine);
  g_assert_false (xb_sync_engine_wait_idle (viewer->engine, 1000));
  /* …until another one is set. */
  xb_sync_client_set_token (viewer->client, token);
  sync_now (viewer);
  g_assert_cmpint (xb_sync_engine_get_state (viewer->engine), ==, XB_SYNC_IDLE);
}

/* Five failed sign-ins for one account make the server wait (429). */
static void
test_rate_limited (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbSyncClient) client = xb_sync_client_new (demo ()->url, &error);

  for (int i = 0; i < 5; i++)
    {
      g_autoptr(XbUser) user = sign_in (client, "admin", "wrong-password", &error);
      g_assert_error (error, XB_ERROR, XB_ERROR_UNAUTHORIZED);
      g_clear_error (&error);
    }
  {
    /* Even the right password waits now. */
    g_autoptr(XbUser) user = sign_in (client, "admin", DEMO_PASSWORD, &error);
    g_assert_null (user);
    g_assert_error (error, XB_ERROR, XB_ERROR_RATE_LIMITED);
    g_test_message ("%s", error->message);
  }
}

/* ---- Retry-After, from a server that is busy on purpose -------------------------- */

typedef struct {
  guint  requests;
  gint64 times[4];
} Busy;

static void
busy_handler (SoupServer *server, SoupServerMessage *msg, const char *path,
              GHashTable *query, gpointer user_data)
{
  Busy *busy = user_data;
  static const char empty[] = "{\"changes\":[],\"next\":0,\"more\":false}";
  static const char busy_body[] = "{\"error\":\"internal\",\"message\":\"busy\"}";

  if (busy->requests < G_N_ELEMENTS (busy->times))
    busy->times[busy->requests] = g_get_monotonic_time ();
  if (busy->requests++ == 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "2");
      soup_server_message_set_status (msg, 503, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, busy_body, strlen (busy_body));
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, empty, strlen (empty));
}

/* An engine on a fresh store against an in-process SoupServer whose
 * /api/v1/changes is @handler; waits until it is idle. */
static void
run_against (SoupServerCallback handler, gpointer data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("xb-mock-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "client.db", NULL);
  g_autoptr(XbStore) store = xb_store_open (path, &error);
  g_autoptr(XbSyncClient) client = NULL;
  g_autoptr(XbSyncEngine) engine = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *url = NULL;

  soup_server_add_handler (server, "/api/v1/changes", handler, data, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  client = xb_sync_client_new (url, &error);
  g_assert_no_error (error);
  xb_sync_client_set_token (client, "t0ken");
  engine = xb_sync_engine_new (store, client);
  xb_sync_engine_start (engine);
  g_assert_true (xb_sync_engine_wait_idle (engine, 20 * 1000));
  g_assert_cmpint (xb_sync_engine_get_state (engine), ==, XB_SYNC_IDLE);
  g_clear_object (&engine);
  g_clear_object (&store);
  xb_test_rm_rf (dir);
}

static void
test_retry_after (void)
{
  Busy busy = { 0 };

  run_against (busy_handler, &busy);
  g_assert_cmpuint (busy.requests, ==, 2);
  g_assert_cmpint (busy.times[1] - busy.times[0], >=, 2 * G_USEC_PER_SEC);
}

/* A page over the JSON size limit (long bodies) is asked for again, smaller. */
static void
big_page_handler (SoupServer *server, SoupServerMessage *msg, const char *path,
                  GHashTable *query, gpointer user_data)
{
  GPtrArray *limits = user_data;
  const char *limit = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
  GString *body = g_string_new ("{\"changes\":[],\"next\":0,\"more\":false}");

  g_ptr_array_add (limits, g_strdup (limit));
  if (g_strcmp0 (limit, "500") == 0)
    {
      g_string_append_c (body, '\n');
      while (body->len <= XB_JSON_MAX_BYTES)
        g_string_append (body, "                ");
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body->str, body->len);
  g_string_free (body, FALSE);
}

static void
test_page_too_large (void)
{
  g_autoptr(GPtrArray) limits = g_ptr_array_new_with_free_func (g_free);

  run_against (big_page_handler, limits);
  g_assert_cmpuint (limits->len, ==, 2);
  g_assert_cmpstr (limits->pdata[0], ==, "500");
  g_assert_cmpstr (limits->pdata[1], ==, "250");
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/replica-store", test_replica_store);
  g_test_add_func ("/sync/sign-in", test_sign_in);
  g_test_add_func ("/sync/unreachable", test_unreachable);
  g_test_add_func ("/sync/tls-pinned", test_tls_pinned);
  g_test_add_func ("/sync/retry-after", test_retry_after);
  g_test_add_func ("/sync/page-too-large", test_page_too_large);
  g_test_add_func ("/sync/pull-scope", test_pull_scope);
  g_test_add_func ("/sync/workflow", test_workflow);
  g_test_add_func ("/sync/offline", test_offline);
  g_test_add_func ("/sync/replay", test_replay);
  g_test_add_func ("/sync/stale-revision", test_stale_revision);
  g_test_add_func ("/sync/refused-create", test_refused_create);
  g_test_add_func ("/sync/signed-out", test_signed_out);
  g_test_add_func ("/sync/rate-limited", test_rate_limited);
  status = g_test_run ();
  g_clear_pointer (&demo_server, xb_test_server_free);
  return status;
}
