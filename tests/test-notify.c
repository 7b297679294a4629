/* Notifications for a reporting unit against the real server: its item returned, adopted and given a leader's instruction, each notified once, never for its own actions, never again after a restart. */
#include "config.h"

#include "test-sync-common.h"
#include "xb-notifier.h"
#include "xb-store-requests.h"
#include "xb-test-ui.h"
#include "xb-workflow.h"

static const char *const signers[XB_N_ROLES] = {
  [XB_ROLE_SECTION_CHIEF] = "chief",
  [XB_ROLE_DEPUTY_SECGEN] = "deputy",
  [XB_ROLE_DIRECTOR] = "director",
  [XB_ROLE_SECGEN] = "secgen",
  [XB_ROLE_DEPUTY_MAYOR] = "deputymayor",
  [XB_ROLE_MAYOR] = "mayor",
};

static void
on_notification (XbNotifier *notifier, const char *id, GNotification *notification, GPtrArray *seen)
{
  g_ptr_array_add (seen, g_strdup (id));
}

static char *
send_item (TestClient *officer, TestClient *leader, const char *title)
{
  g_autoptr(XbItem) item = make_item (officer, title);
  g_autoptr(GError) error = NULL;

  g_assert_true (xb_sync_engine_save_item (officer->engine, item, &error));
  act (officer, item->uuid, XB_ACTION_SUBMIT, NULL);
  sync_now (officer);
  sync_now (leader);
  act (leader, item->uuid, XB_ACTION_APPROVE, NULL);
  sync_now (leader);
  return g_strdup (item->uuid);
}

static void
office_acts (TestClient *c, const char *uuid, XbAction action, const char *comment, const char *extra)
{
  g_autoptr(GError) error = NULL;

  sync_now (c);
  g_assert_true (xb_sync_engine_act (c->engine, uuid, action, comment, extra, &error));
  g_assert_no_error (error);
  sync_now (c);
}

/* Every signer of the chain signs, as the item asks for them. */
static void
sign_through (XbTestServer *server, const char *uuid)
{
  for (int step = 0; step < 8; step++)
    {
      g_autoptr(TestClient) any = test_client_new (server, "chief");
      g_autoptr(XbItem) item = NULL;
      int role;

      sync_now (any);
      item = xb_store_get_item (any->store, uuid, NULL);
      if (item->state == XB_STATE_ADOPTED)
        return;
      role = xb_workflow_due_signer (item);
      g_assert_cmpint (role, >=, 0);
      {
        g_autoptr(TestClient) signer = test_client_new (server, signers[role]);
        office_acts (signer, uuid, XB_ACTION_SIGN, NULL, NULL);
      }
    }
  g_assert_not_reached ();
}

static void
test_notifications (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 300 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) officer = test_client_new (server, "officer");
  g_autoptr(TestClient) leader = test_client_new (server, "leader");
  g_autoptr(TestClient) editor = test_client_new (server, "editor");
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(XbNotifier) notifier = NULL;
  g_autoptr(XbNotifier) again = NULL;
  g_autoptr(GPtrArray) publications = NULL;
  g_autofree char *returned = NULL;
  g_autofree char *adopted = NULL;
  g_autofree char *propose = NULL;

  sync_now (officer);
  notifier = xb_notifier_new (NULL, officer->store, officer->engine);
  g_signal_connect (notifier, "notification", G_CALLBACK (on_notification), seen);

  /* The officer's own sending and the leader's approval are no news. */
  returned = send_item (officer, leader, "武都区春耕备耕有序推进");
  adopted = send_item (officer, leader, "武都区花椒产业带动增收");
  sync_now (officer);
  g_assert_cmpuint (seen->len, ==, 0);

  office_acts (editor, returned, XB_ACTION_CLAIM, NULL, NULL);
  office_acts (editor, returned, XB_ACTION_RETURN, "请补充具体数据。", NULL);
  sync_now (officer);
  g_assert_cmpuint (seen->len, ==, 1);

  publications = xb_store_list_publications (editor->store, NULL);
  propose = g_strdup_printf ("{\"publication_id\": %" G_GINT64_FORMAT "}",
                             ((XbPublication *) publications->pdata[0])->id);
  office_acts (editor, adopted, XB_ACTION_CLAIM, NULL, NULL);
  office_acts (editor, adopted, XB_ACTION_PROPOSE, NULL, propose);
  sign_through (server, adopted);
  sync_now (officer);
  g_assert_cmpuint (seen->len, ==, 2);

  office_acts (editor, adopted, XB_ACTION_INSTRUCT, NULL,
               "{\"leader\": \"张市长\", \"level\": \"city\", \"text\": \"此做法很好，请总结推广。\"}");
  sync_now (officer);
  g_assert_cmpuint (seen->len, ==, 3);
  /* One per event, each with its own id. */
  g_assert_cmpstr (seen->pdata[0], !=, seen->pdata[1]);
  g_assert_cmpstr (seen->pdata[1], !=, seen->pdata[2]);

  /* A restart: the same changes again are not news. */
  g_clear_object (&notifier);
  again = xb_notifier_new (NULL, officer->store, NULL);
  g_signal_connect (again, "notification", G_CALLBACK (on_notification), seen);
  {
    const char *uuids[] = { returned, adopted, NULL };
    g_assert_cmpuint (xb_notifier_check (again, uuids), ==, 0);
  }
  g_assert_cmpuint (seen->len, ==, 3);
}

static void
put_request (XbStore *store, gint64 id, gint64 unit_id, gint64 deadline, const char *topic)
{
  g_autoptr(XbRequest) request = g_new0 (XbRequest, 1);
  g_autoptr(GError) error = NULL;

  request->id = id;
  request->topic = g_strdup (topic);
  request->deadline = deadline;
  request->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (request->unit_ids, unit_id);
  g_assert_true (xb_store_put_request (store, request, &error));
  g_assert_no_error (error);
}

/* A request to the unit due within 48 hours and unanswered is notified
 * once; one due later, or to another unit, is not; a restart repeats nothing. */
static void
test_deadlines (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 50 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) officer = test_client_new (server, "officer");
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(XbUser) user = NULL;
  g_autoptr(XbNotifier) notifier = NULL;
  g_autoptr(XbNotifier) again = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  sync_now (officer);
  user = xb_store_dup_signed_in_user (officer->store);
  g_assert_nonnull (user);
  put_request (officer->store, 9001, user->unit_id, now + 20 * 3600, "春耕备耕进展情况");
  put_request (officer->store, 9002, user->unit_id, now + 100 * 3600, "防汛准备情况");
  put_request (officer->store, 9003, user->unit_id + 1000, now + 3600, "别的单位的约稿");
  put_request (officer->store, 9004, user->unit_id, now - 3600, "已过期的约稿");

  notifier = xb_notifier_new (NULL, officer->store, NULL);
  g_signal_connect (notifier, "notification", G_CALLBACK (on_notification), seen);
  g_assert_cmpuint (xb_notifier_check_deadlines (notifier, now), ==, 1);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (seen->pdata[0], ==, "request-9001");
  g_assert_cmpuint (xb_notifier_check_deadlines (notifier, now + 60), ==, 0);
  /* Two days later the second one is close too. */
  g_assert_cmpuint (xb_notifier_check_deadlines (notifier, now + 60 * 3600), ==, 1);
  g_assert_cmpstr (seen->pdata[1], ==, "request-9002");

  /* A restart, attached to the engine (which checks at once): nothing again. */
  g_clear_object (&notifier);
  again = xb_notifier_new (NULL, officer->store, NULL);
  g_signal_connect (again, "notification", G_CALLBACK (on_notification), seen);
  xb_notifier_attach (again, officer->engine);
  g_assert_cmpuint (xb_notifier_check_deadlines (again, now + 60 * 3600), ==, 0);
  g_assert_cmpuint (seen->len, ==, 2);
}

/* The office asks the unit through the server; the request reaches the
 * officer's store by the feed and is notified once. */
static void
test_deadline_from_server (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 50 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) officer = test_client_new (server, "officer");
  g_autoptr(TestClient) editor = test_client_new (server, "editor");
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(XbNotifier) notifier = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(XbResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *body = NULL;
  g_autofree char *want = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  sync_now (officer);
  notifier = xb_notifier_new (NULL, officer->store, NULL);
  g_signal_connect (notifier, "notification", G_CALLBACK (on_notification), seen);
  g_assert_cmpuint (xb_notifier_check_deadlines (notifier, now), ==, 0);

  deadline = xb_time_format (now + 30 * 3600);
  body = g_strdup_printf ("{\"topic\":\"秋粮收购进展\",\"deadline\":\"%s\",\"unit_ids\":[%" G_GINT64_FORMAT "]}",
                          deadline, officer->user->unit_id);
  xb_sync_client_request_async (editor->client, "POST", "/api/v1/admin/requests", body, NULL, on_result, &result);
  response = xb_sync_client_request_finish (editor->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 201);

  sync_now (officer);
  open = xb_store_list_requests (officer->store, officer->user->unit_id, TRUE, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpuint (xb_notifier_check_deadlines (notifier, now), ==, 1);
  want = g_strdup_printf ("request-%" G_GINT64_FORMAT, ((XbRequest *) open->pdata[0])->id);
  g_assert_cmpstr (seen->pdata[0], ==, want);
  sync_now (officer);
  g_assert_cmpuint (xb_notifier_check_deadlines (notifier, now + 60), ==, 0);
  g_assert_cmpuint (seen->len, ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/notify/returned-adopted-instructed", test_notifications);
  g_test_add_func ("/notify/request-deadlines", test_deadlines);
  g_test_add_func ("/notify/request-from-server", test_deadline_from_server);
  return g_test_run ();
}
