/* The office's records against the real server: quarterly bulletins (who publishes, frozen figures,
 * delivery to every unit) and later outcomes of adopted items (instructions and their follow-up). */
#include "config.h"

#include "test-sync-common.h"
#include "xb-stats-export.h"

static XbTestServer *server;

static XbResponse *
post (TestClient *c, const char *path, const char *body)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  XbResponse *response;

  xb_sync_client_request_async (c->client, "POST", path, body, NULL, on_result, &result);
  response = xb_sync_client_request_finish (c->client, wait_result (&result), &error);
  g_assert_no_error (error);
  return response;
}

static char *
bulletin_csv (GBytes *body)
{
  g_autoptr(JsonNode) root = xb_json_parse (g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), NULL);
  JsonObject *bulletin = json_object_get_object_member (json_node_get_object (root), "bulletin");

  return g_strdup (json_object_get_string_member (bulletin, "csv"));
}

static gint64
bulletin_taken_at (GBytes *body)
{
  g_autoptr(JsonNode) root = xb_json_parse (g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), NULL);
  JsonObject *bulletin = json_object_get_object_member (json_node_get_object (root), "bulletin");
  gint64 at = 0;

  g_assert_true (xb_time_parse (json_object_get_string_member (bulletin, "taken_at"), &at));
  return at;
}

/* The server's own store, opened beside it (WAL lets a second connection in). */
static XbStore *
server_store (void)
{
  g_autofree char *path = g_build_filename (server->data_dir, "xinbao.db", NULL);
  g_autoptr(GError) error = NULL;
  XbStore *store = xb_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static char *
live_csv (XbStore *store, gint64 taken_at)
{
  g_autoptr(GPtrArray) figures = NULL;
  XbPeriod q3;

  xb_period_quarter (&q3, 2026, 3);
  figures = xb_stats_unit_figures (store, &q3, taken_at, NULL, NULL);
  return xb_figures_to_csv (figures);
}

/* An item of the quarter adopted after publication changes the live figures. */
static void
adopt_late_item (XbStore *store)
{
  g_autoptr(XbItem) item = xb_item_new ();
  g_autoptr(XbUser) officer = xb_store_find_user (store, "officer", NULL);
  XbEvent *e = xb_event_new ();
  XbPeriod q3;

  xb_period_quarter (&q3, 2026, 3);
  item->uuid = xb_uuid_new ();
  item->unit_id = officer->unit_id;
  item->author_id = officer->id;
  item->title = g_strdup ("武都区迟到的采用");
  item->state = XB_STATE_ADOPTED;
  item->created_at = item->updated_at = q3.from + 3600;
  item->submitted_at = q3.from + 7200;
  item->adopted_at = g_get_real_time () / G_USEC_PER_SEC;
  e->id = xb_uuid_new ();
  e->at = item->created_at;
  e->from = XB_STATE_NEW;
  e->to = XB_STATE_DRAFT;
  g_ptr_array_add (item->events, e);
  g_assert_true (xb_store_put_item (store, item, NULL));
}

static void
test_publish (void)
{
  g_autoptr(TestClient) chief = test_client_new (server, "chief");
  g_autoptr(TestClient) officer = test_client_new (server, "officer");
  g_autoptr(TestClient) viewer = test_client_new (server, "viewer");
  g_autoptr(XbResponse) first = NULL, again = NULL, running = NULL, bad = NULL, refused = NULL, seen = NULL;
  g_autoptr(XbStore) store = server_store ();
  g_autoptr(XbBulletinRecord) local = NULL;
  g_autofree char *csv = NULL, *frozen_live = NULL, *after = NULL, *now_live = NULL, *seen_csv = NULL;
  guint status = 0;

  /* Who may publish. */
  refused = post (officer, "/api/v1/bulletins", "{\"period\":\"2026Q3\"}");
  g_assert_cmpuint (refused->status, ==, 403);
  g_clear_pointer (&refused, xb_response_free);
  refused = post (viewer, "/api/v1/bulletins", "{\"period\":\"2026Q3\"}");
  g_assert_cmpuint (refused->status, ==, 403);
  bad = post (chief, "/api/v1/bulletins", "{\"period\":\"2026Q9\"}");
  g_assert_cmpuint (bad->status, ==, 422);
  running = post (chief, "/api/v1/bulletins", "{\"period\":\"2026Q4\"}");
  g_assert_cmpuint (running->status, ==, 409); /* the quarter has not ended */

  /* Published: the figures as they stood at that moment. */
  first = post (chief, "/api/v1/bulletins", "{\"period\":\"2026Q3\"}");
  g_assert_cmpuint (first->status, ==, 201);
  csv = bulletin_csv (first->body);
  frozen_live = live_csv (store, bulletin_taken_at (first->body));
  g_assert_cmpstr (csv, ==, frozen_live);
  again = post (chief, "/api/v1/bulletins", "{\"period\":\"2026Q3\"}");
  g_assert_cmpuint (again->status, ==, 409);

  /* Late events change the live figures, never the bulletin. */
  adopt_late_item (store);
  now_live = live_csv (store, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_cmpstr (now_live, !=, csv);
  {
    g_autoptr(GBytes) body = server_get (server, xb_sync_client_get_token (officer->client),
                                         "/api/v1/bulletins/2026Q3", &status);
    g_assert_cmpuint (status, ==, 200);
    seen_csv = bulletin_csv (body);
    g_assert_cmpstr (seen_csv, ==, csv);
  }

  /* Every unit receives it through the feed. */
  sync_now (officer);
  local = xb_store_get_bulletin (officer->store, "2026Q3", NULL);
  g_assert_nonnull (local);
  g_assert_cmpstr (local->csv, ==, csv);
}

/* An adopted item of the officer's own unit without instructions yet. */
static char *
adopted_item_of (XbStore *store, gint64 unit_id)
{
  g_autoptr(GPtrArray) items = NULL;
  XbItemQuery query;

  xb_item_query_init (&query);
  query.unit_id = unit_id;
  query.state = XB_STATE_ADOPTED;
  items = xb_store_list_items (store, &query, 0, 200, NULL);
  for (guint i = 0; i < items->len; i++)
    if (xb_store_count_instructions (store, ((XbItem *) items->pdata[i])->uuid) == 0)
      return g_strdup (((XbItem *) items->pdata[i])->uuid);
  return NULL;
}

/* An action body with a fresh id: {"id": UUID, REST} */
static char *
with_id (const char *rest)
{
  g_autofree char *id = g_uuid_string_random ();

  return g_strdup_printf ("{\"id\":\"%s\",%s}", id, rest);
}

static char *
followup_body (gint64 instruction_id, const char *followup)
{
  g_autofree char *rest = g_strdup_printf ("\"action\":\"followup\",\"instruction_id\":%" G_GINT64_FORMAT
                                           ",\"followup\":\"%s\"", instruction_id, followup);
  return with_id (rest);
}

static XbResponse *
act_raw (TestClient *c, const char *uuid, const char *body)
{
  g_autofree char *path = g_strconcat ("/api/v1/items/", uuid, "/actions", NULL);

  return post (c, path, body);
}

static XbItem *
answer_item (XbResponse *response)
{
  g_autoptr(JsonNode) root = xb_json_parse (g_bytes_get_data (response->body, NULL),
                                            (gssize) g_bytes_get_size (response->body), NULL);
  return xb_item_from_node (json_object_get_member (json_node_get_object (root), "item"), NULL);
}

static void
test_instruction_followup (void)
{
  g_autoptr(TestClient) editor = test_client_new (server, "editor");
  g_autoptr(TestClient) officer = test_client_new (server, "officer");
  g_autoptr(XbStore) store = server_store ();
  g_autofree char *uuid = adopted_item_of (store, officer->user->unit_id);
  g_autofree char *instruct = NULL, *handling = NULL, *back = NULL, *denied = NULL;
  g_autoptr(XbResponse) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL;
  g_autoptr(XbItem) item = NULL, local = NULL;
  XbInstruction *n;

  g_assert_nonnull (uuid);
  instruct = with_id ("\"action\":\"instruct\",\"leader\":\"市长\",\"level\":\"city\","
                      "\"text\":\"请认真总结推广。\"");
  r1 = act_raw (editor, uuid, instruct);
  g_assert_cmpuint (r1->status, ==, 200);
  item = answer_item (r1);
  g_assert_cmpuint (item->instructions->len, ==, 1);
  n = item->instructions->pdata[0];
  g_assert_cmpstr (n->leader, ==, "市长");
  g_assert_cmpint (n->followup, ==, XB_FOLLOWUP_RECEIVED);
  g_assert_cmpuint (item->adoptions->len, >, 0); /* it was adopted into a publication */

  handling = followup_body (n->id, "handling");
  r2 = act_raw (editor, uuid, handling);
  g_assert_cmpuint (r2->status, ==, 200);
  /* The follow-up only moves forward; officers record none. */
  back = followup_body (n->id, "received");
  r3 = act_raw (editor, uuid, back);
  g_assert_cmpuint (r3->status, ==, 409);
  denied = followup_body (n->id, "reported");
  r4 = act_raw (officer, uuid, denied);
  g_assert_cmpuint (r4->status, ==, 403);

  /* The unit sees the instruction and where its follow-up stands. */
  sync_now (officer);
  local = xb_store_get_item (officer->store, uuid, NULL);
  g_assert_nonnull (local);
  g_assert_cmpuint (local->instructions->len, ==, 1);
  g_assert_cmpint (((XbInstruction *) local->instructions->pdata[0])->followup, ==, XB_FOLLOWUP_HANDLING);
  g_assert_cmpuint (local->adoptions->len, ==, item->adoptions->len);
}

static JsonObject *
issue_of (XbResponse *response, JsonNode **root)
{
  *root = xb_json_parse (g_bytes_get_data (response->body, NULL), (gssize) g_bytes_get_size (response->body), NULL);
  g_assert_nonnull (*root);
  return json_object_get_object_member (json_node_get_object (*root), "issue");
}

static XbResponse *
delete (TestClient *c, const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  XbResponse *response;

  xb_sync_client_request_async (c->client, "DELETE", path, NULL, NULL, on_result, &result);
  response = xb_sync_client_request_finish (c->client, wait_result (&result), &error);
  g_assert_no_error (error);
  return response;
}

/* Two adopted items of any unit, for an issue. */
static GStrv
two_adopted (XbStore *store)
{
  g_autoptr(GPtrArray) items = NULL;
  XbItemQuery query;
  GStrv uuids = g_new0 (char *, 3);

  xb_item_query_init (&query);
  query.state = XB_STATE_ADOPTED;
  items = xb_store_list_items (store, &query, 0, 2, NULL);
  g_assert_cmpuint (items->len, ==, 2);
  uuids[0] = g_strdup (((XbItem *) items->pdata[0])->uuid);
  uuids[1] = g_strdup (((XbItem *) items->pdata[1])->uuid);
  return uuids;
}

static void
test_issue_assembly (void)
{
  g_autoptr(TestClient) editor = test_client_new (server, "editor");
  g_autoptr(TestClient) officer = test_client_new (server, "officer");
  g_autoptr(XbStore) store = server_store ();
  g_autoptr(GPtrArray) pubs = xb_store_list_publications (store, NULL);
  gint64 pub = ((XbPublication *) pubs->pdata[0])->id;
  int next = xb_store_next_issue_number (store, pub, 2026);
  g_auto(GStrv) uuids = two_adopted (store);
  g_autofree char *create = g_strdup_printf ("{\"publication_id\":%" G_GINT64_FORMAT ",\"year\":2026}", pub);
  g_autofree char *items_path = NULL, *publish_path = NULL, *remove_path = NULL, *add0 = NULL, *add1 = NULL;
  g_autoptr(XbResponse) r = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) local_items = NULL;
  JsonObject *issue;
  gint64 id;

  r = post (officer, "/api/v1/issues", create);
  g_assert_cmpuint (r->status, ==, 403);
  g_clear_pointer (&r, xb_response_free);
  r = post (editor, "/api/v1/issues", create);
  g_assert_cmpuint (r->status, ==, 201);
  issue = issue_of (r, &root);
  id = json_object_get_int_member (issue, "id");
  g_assert_cmpint (json_object_get_int_member (issue, "number"), ==, next);
  g_assert_false (json_object_get_boolean_member (issue, "published"));
  items_path = g_strdup_printf ("/api/v1/issues/%" G_GINT64_FORMAT "/items", id);
  publish_path = g_strdup_printf ("/api/v1/issues/%" G_GINT64_FORMAT "/publish", id);

  /* Empty: nothing to publish. */
  g_clear_pointer (&r, xb_response_free);
  r = post (editor, publish_path, NULL);
  g_assert_cmpuint (r->status, ==, 409);

  /* Two items; the second moved to the front. */
  add0 = g_strdup_printf ("{\"item\":\"%s\"}", uuids[0]);
  add1 = g_strdup_printf ("{\"item\":\"%s\",\"position\":0}", uuids[1]);
  g_clear_pointer (&r, xb_response_free);
  r = post (editor, items_path, add0);
  g_assert_cmpuint (r->status, ==, 200);
  g_clear_pointer (&r, xb_response_free);
  r = post (editor, items_path, add1);
  g_assert_cmpuint (r->status, ==, 200);
  g_clear_pointer (&root, json_node_unref);
  issue = issue_of (r, &root);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (issue, "items"), 0), ==, uuids[1]);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (issue, "items"), 1), ==, uuids[0]);

  g_clear_pointer (&r, xb_response_free);
  r = post (editor, publish_path, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  /* Published: it never changes again. */
  g_clear_pointer (&r, xb_response_free);
  r = post (editor, publish_path, NULL);
  g_assert_cmpuint (r->status, ==, 409);
  remove_path = g_strdup_printf ("/api/v1/issues/%" G_GINT64_FORMAT "/items/%s", id, uuids[0]);
  g_clear_pointer (&r, xb_response_free);
  r = delete (editor, remove_path);
  g_assert_cmpuint (r->status, ==, 409);

  /* Every unit's copy has the issue, in order. */
  sync_now (officer);
  local_items = xb_store_issue_items (officer->store, id, NULL);
  g_assert_nonnull (local_items);
  g_assert_cmpuint (g_strv_length (local_items), ==, 2);
  g_assert_cmpstr (local_items[0], ==, uuids[1]);
  {
    g_autofree XbIssue *copy = xb_store_get_issue (officer->store, id, NULL);
    g_assert_nonnull (copy);
    g_assert_true (copy->published);
    g_assert_cmpint (copy->number, ==, next);
  }
}

int
main (int argc, char **argv)
{
  XbTestServerOptions options = { .demo = TRUE };
  int rc;

  g_test_init (&argc, &argv, NULL);
  server = xb_test_server_start (&options);
  g_test_add_func ("/office/bulletin", test_publish);
  g_test_add_func ("/office/instruction-followup", test_instruction_followup);
  g_test_add_func ("/office/issue-assembly", test_issue_assembly);
  rc = g_test_run ();
  xb_test_server_stop (server);
  xb_test_server_free (server);
  return rc;
}
