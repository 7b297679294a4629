/* UI test against the real server: the office's inbox and the signers' queue — an item claimed and proposed in the inbox, signed along its chain from each signer's queue, adopted; a signer not due has no Sign button. */
#include "config.h"

#include "test-sync-common.h"
#include "xb-office-actions.h"
#include "xb-queue-page.h"
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

typedef struct {
  GtkWidget   *window;
  XbQueuePage *page;
  const char  *uuid;
} Shown;

static gboolean
detail_ready (gpointer user_data)
{
  Shown *s = user_data;
  XbItemDetail *detail = xb_queue_page_get_detail (s->page);

  return g_strcmp0 (xb_item_detail_get_uuid (detail), s->uuid) == 0 && xb_item_detail_get_title (detail) != NULL;
}

static gboolean
list_ready (gpointer user_data)
{
  return !xb_item_list_get_loading (xb_queue_page_get_list (((Shown *) user_data)->page));
}

/* A window with @client's queue of @states, the item @uuid in its detail. */
static Shown
show_queue (TestClient *client, guint32 states, const char *uuid)
{
  Shown s = { gtk_window_new (), XB_QUEUE_PAGE (xb_queue_page_new (states)), uuid };

  xb_queue_page_set_store (s.page, client->store);
  xb_queue_page_set_engine (s.page, client->engine);
  gtk_window_set_child (GTK_WINDOW (s.window), GTK_WIDGET (s.page));
  gtk_window_set_default_size (GTK_WINDOW (s.window), 1280, 800);
  gtk_window_present (GTK_WINDOW (s.window));
  xb_test_ui_wait_until (list_ready, &s, "the queue");
  xb_item_detail_show_item (xb_queue_page_get_detail (s.page), uuid);
  xb_test_ui_wait_until (detail_ready, &s, "the item in the queue's detail");
  return s;
}

static gboolean
button_shown (Shown *s, XbAction action)
{
  GtkButton *button = xb_item_detail_get_action_button (xb_queue_page_get_detail (s->page), action);

  return button != NULL && gtk_widget_get_visible (GTK_WIDGET (button));
}

static void
click (Shown *s, XbAction action)
{
  g_assert_true (button_shown (s, action));
  g_signal_emit_by_name (xb_item_detail_get_action_button (xb_queue_page_get_detail (s->page), action), "clicked");
}

static char *
sent_item (XbTestServer *server)
{
  g_autoptr(TestClient) officer = test_client_new (server, "officer");
  g_autoptr(TestClient) leader = test_client_new (server, "leader");
  g_autoptr(XbItem) item = make_item (officer, "武都区创新推行“一窗通办”改革");
  g_autoptr(GError) error = NULL;

  sync_now (officer);
  g_assert_true (xb_sync_engine_save_item (officer->engine, item, &error));
  act (officer, item->uuid, XB_ACTION_SUBMIT, NULL);
  sync_now (officer);
  sync_now (leader);
  act (leader, item->uuid, XB_ACTION_APPROVE, NULL);
  sync_now (leader);
  return g_strdup (item->uuid);
}

static void
claim_and_propose (XbTestServer *server, const char *uuid, const char *language)
{
  g_autoptr(TestClient) editor = test_client_new (server, "editor");
  g_autoptr(GPtrArray) publications = NULL;
  g_autoptr(XbItem) on_server = NULL;
  g_autoptr(GError) error = NULL;
  Shown s;

  sync_now (editor);
  s = show_queue (editor, (1u << XB_STATE_SUBMITTED) | (1u << XB_STATE_EDITING), uuid);
  g_assert_cmpuint (xb_item_list_get_n_items (xb_queue_page_get_list (s.page)), >, 0);
  g_assert_false (button_shown (&s, XB_ACTION_PROPOSE));  /* claim first */
  xb_test_ui_wait_for_paint (s.window);
  g_free (xb_test_ui_save_png (s.window, language ? "office-inbox-zh_CN.png" : "office-inbox.png"));
  click (&s, XB_ACTION_CLAIM);
  sync_now (editor);
  xb_item_detail_refresh (xb_queue_page_get_detail (s.page));
  xb_test_ui_spin (300);
  g_assert_true (button_shown (&s, XB_ACTION_PROPOSE));
  g_assert_true (button_shown (&s, XB_ACTION_RELEASE));

  publications = xb_store_list_publications (editor->store, NULL);
  g_assert_cmpuint (publications->len, >, 0);
  g_assert_true (xb_office_actions_propose (XB_OFFICE_ACTIONS (gtk_widget_get_parent (
                   GTK_WIDGET (xb_item_detail_get_action_button (xb_queue_page_get_detail (s.page), XB_ACTION_PROPOSE)))),
                 ((XbPublication *) publications->pdata[0])->id, &error));
  g_assert_no_error (error);
  sync_now (editor);
  on_server = server_item (server, editor, uuid);
  g_assert_cmpint (on_server->state, ==, XB_STATE_SIGNOFF);
  gtk_window_destroy (GTK_WINDOW (s.window));
}

/* Each signer in turn from their own queue; one not due sees no Sign. */
static void
sign_through (XbTestServer *server, const char *uuid, const char *language)
{
  for (int step = 0; step < 8; step++)
    {
      g_autoptr(TestClient) any = test_client_new (server, "editor");
      g_autoptr(XbItem) item = NULL;
      g_autoptr(TestClient) signer = NULL;
      g_autoptr(TestClient) mayor = NULL;
      Shown s;
      int role;

      sync_now (any);
      item = server_item (server, any, uuid);
      if (item->state == XB_STATE_ADOPTED)
        return;
      role = xb_workflow_due_signer (item);
      g_assert_cmpint (role, >=, 0);
      if (role != XB_ROLE_MAYOR)
        {
          mayor = test_client_new (server, "mayor");
          sync_now (mayor);
          s = show_queue (mayor, 1u << XB_STATE_SIGNOFF, uuid);
          g_assert_false (button_shown (&s, XB_ACTION_SIGN));
          gtk_window_destroy (GTK_WINDOW (s.window));
        }
      signer = test_client_new (server, signers[role]);
      sync_now (signer);
      s = show_queue (signer, 1u << XB_STATE_SIGNOFF, uuid);
      if (step == 0)
        {
          xb_test_ui_wait_for_paint (s.window);
          g_free (xb_test_ui_save_png (s.window, language ? "office-signoff-zh_CN.png" : "office-signoff.png"));
        }
      click (&s, XB_ACTION_SIGN);
      sync_now (signer);
      gtk_window_destroy (GTK_WINDOW (s.window));
    }
  g_assert_not_reached ();
}

/* The editor records what happened later: the province adopted it, a leader instructed. */
static void
record_outcomes (XbTestServer *server, const char *uuid)
{
  g_autoptr(TestClient) editor = test_client_new (server, "editor");
  g_autoptr(XbItem) on_server = NULL;
  g_autoptr(GError) error = NULL;
  GtkButton *province;
  Shown s;

  sync_now (editor);
  s = show_queue (editor, 1u << XB_STATE_ADOPTED, uuid);
  g_assert_true (button_shown (&s, XB_ACTION_FORWARD));
  click (&s, XB_ACTION_PROVINCE_ADOPT);
  sync_now (editor);
  province = xb_item_detail_get_action_button (xb_queue_page_get_detail (s.page), XB_ACTION_INSTRUCT);
  g_assert_true (xb_office_actions_instruct (XB_OFFICE_ACTIONS (gtk_widget_get_parent (GTK_WIDGET (province))),
                                             "张市长", XB_LEVEL_CITY, "此做法很好，请总结推广。", &error));
  g_assert_no_error (error);
  g_assert_false (xb_office_actions_instruct (XB_OFFICE_ACTIONS (gtk_widget_get_parent (GTK_WIDGET (province))),
                                              "", XB_LEVEL_CITY, "", &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
  sync_now (editor);
  on_server = server_item (server, editor, uuid);
  g_assert_cmpuint (on_server->adoptions->len, >=, 2);
  g_assert_cmpuint (on_server->instructions->len, ==, 1);
  g_assert_cmpstr (((XbInstruction *) on_server->instructions->pdata[0])->leader, ==, "张市长");
  gtk_window_destroy (GTK_WINDOW (s.window));
}

static void
run_office (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 300 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autofree char *uuid = NULL;
  g_autoptr(TestClient) officer = NULL;
  g_autoptr(XbItem) item = NULL;
  const char *language = g_getenv ("LANGUAGE");

  xb_test_ui_init ();
  uuid = sent_item (server);
  claim_and_propose (server, uuid, language);
  sign_through (server, uuid, language);
  record_outcomes (server, uuid);

  /* Adopted, and the unit's own client sees it. */
  officer = test_client_new (server, "officer");
  sync_now (officer);
  item = xb_store_get_item (officer->store, uuid, NULL);
  g_assert_nonnull (item);
  g_assert_cmpint (item->state, ==, XB_STATE_ADOPTED);
  g_assert_cmpuint (item->adoptions->len, >, 0);
}

static void
test_office (void)
{
  xb_test_ui_in_subprocess (run_office, NULL);
}

static void
test_office_zh_cn (void)
{
  xb_test_ui_in_subprocess (run_office, "zh_CN:zh");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/office-ui/claim-propose-sign", test_office);
  g_test_add_func ("/office-ui/claim-propose-sign-zh_CN", test_office_zh_cn);
  return g_test_run ();
}
