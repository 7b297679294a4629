/* UI test of the office's queue widget against the real server: urgent items first with their countdown, who holds an item, multi-select enabling Merge, the sign-off queue, and a viewer without buttons. */
#include "config.h"

#include <glib/gi18n.h>

#include "test-inbox-common.h"
#include "xb-change-status.h"
#include "xb-store-office.h"
#include "xb-test-ui.h"
#include "xb-window.h"
#include "xb-workflow.h"

#define MINUTE 60

static gboolean
row_text_has (XbInbox *inbox, const char *uuid, const char *text)
{
  int row = row_of (inbox, uuid);
  g_autofree char *shown = row >= 0 ? xb_inbox_get_row_text (inbox, (guint) row) : NULL;

  return shown != NULL && strstr (shown, text) != NULL;
}

static void
select_and_wait (XbInbox *inbox, const char *uuid, gboolean extend)
{
  Waiting w = { inbox, uuid, 0 };

  g_assert_true (xb_inbox_select (inbox, uuid, extend));
  xb_test_ui_wait_until (detail_shows, &w, "the item in the detail");
}

static gboolean
button_shown (XbInbox *inbox, XbAction action)
{
  GtkButton *button = xb_item_detail_get_action_button (xb_inbox_get_detail (inbox), action);

  return button != NULL && gtk_widget_get_visible (GTK_WIDGET (button)) && gtk_widget_is_drawable (GTK_WIDGET (button));
}

/* An item of the officer's county sent and approved by its leader. */
static char *
send_item (TestClient *officer, TestClient *leader, const char *title, gboolean urgent,
           XbImportance importance, gint64 event_ago)
{
  g_autoptr(XbItem) item = make_item (officer, title);
  g_autoptr(GError) error = NULL;

  item->urgent = urgent;
  item->importance = importance;
  if (urgent)
    item->event_at = g_get_real_time () / G_USEC_PER_SEC - event_ago;
  g_assert_true (xb_sync_engine_save_item (officer->engine, item, &error));
  g_assert_no_error (error);
  act (officer, item->uuid, XB_ACTION_SUBMIT, NULL);
  sync_now (officer);
  sync_now (leader);
  act (leader, item->uuid, XB_ACTION_APPROVE, NULL);
  sync_now (leader);
  return g_strdup (item->uuid);
}

static void
test_countdown_text (void)
{
  g_autofree char *left = xb_inbox_countdown_text (1000000 + 2 * 3600 + 15 * MINUTE, 1000000);
  g_autofree char *soon = xb_inbox_countdown_text (1000000 + 9 * MINUTE + 30, 1000000);
  g_autofree char *late = xb_inbox_countdown_text (1000000 - 5 * MINUTE, 1000000);
  g_autofree char *very_late = xb_inbox_countdown_text (1000000 - 3 * 3600 - MINUTE, 1000000);

  g_assert_cmpstr (left, ==, "2 h 15 min left");
  g_assert_cmpstr (soon, ==, "10 min left");
  g_assert_cmpstr (late, ==, "5 min overdue");
  g_assert_cmpstr (very_late, ==, "3 h 1 min overdue");
}

/* The inbox's order is the store's: urgent first by deadline, then by submission. */
static void
check_order (XbInbox *inbox, TestClient *editor)
{
  g_autoptr(GPtrArray) rows = xb_store_office_inbox (editor->store, NULL);
  gboolean urgent_seen_last = TRUE;

  g_assert_cmpuint (rows->len, ==, xb_inbox_get_n_rows (inbox));
  for (guint i = 0; i < rows->len; i++)
    {
      XbQueueRow *row = rows->pdata[i];
      g_autoptr(XbItem) item = xb_store_get_item (editor->store, row->uuid, NULL);

      g_assert_cmpstr (xb_inbox_get_row_uuid (inbox, i), ==, row->uuid);
      g_assert_true (item->state == XB_STATE_SUBMITTED || item->state == XB_STATE_EDITING);
      g_assert_cmpint (item->urgent, ==, row->urgent);
      if (row->urgent)
        g_assert_true (urgent_seen_last);   /* no urgent item after a plain one */
      urgent_seen_last = row->urgent;
      if (i > 0 && row->urgent && ((XbQueueRow *) rows->pdata[i - 1])->deadline != 0 && row->deadline != 0)
        g_assert_cmpint (((XbQueueRow *) rows->pdata[i - 1])->deadline, <=, row->deadline);
      if (i > 0 && !row->urgent && !((XbQueueRow *) rows->pdata[i - 1])->urgent)
        g_assert_cmpint (((XbQueueRow *) rows->pdata[i - 1])->submitted_at, <=, row->submitted_at);
    }
}

/* The countdown the row shows for @uuid (as of now or a minute either
 * side, for the clock moves on), or NULL when it shows none. */
static char *
countdown_shown (XbInbox *inbox, TestClient *editor, const char *uuid)
{
  g_autoptr(GPtrArray) rows = xb_store_office_inbox (editor->store, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < rows->len; i++)
    {
      XbQueueRow *row = rows->pdata[i];

      if (g_strcmp0 (row->uuid, uuid) != 0 || row->deadline == 0)
        continue;
      for (gint64 t = now - MINUTE; t <= now + MINUTE; t += MINUTE)
        {
          g_autofree char *text = xb_inbox_countdown_text (row->deadline, t);

          if (row_text_has (inbox, uuid, text))
            return g_steal_pointer (&text);
        }
    }
  return NULL;
}

static gboolean
synced_claim (gpointer user_data)
{
  Waiting *w = user_data;

  return row_of (w->inbox, w->uuid) >= 0 && !row_text_has (w->inbox, w->uuid, _("Not claimed"));
}

static gboolean
engine_refused (gpointer user_data)
{
  return xb_sync_engine_get_error (XB_SYNC_ENGINE (user_data)) != NULL;
}

static gboolean
claim_shown_to_other (gpointer user_data)
{
  Waiting *w = user_data;

  return !xb_inbox_get_loading (w->inbox) && synced_claim (w);
}

static void
run_inbox (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 200 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) officer = NULL;
  g_autoptr(TestClient) leader = NULL;
  g_autoptr(TestClient) editor = NULL;
  g_autoptr(TestClient) editor2 = NULL;
  g_autoptr(TestClient) viewer = NULL;
  g_autofree char *plain = NULL, *urgent = NULL, *late = NULL;
  g_autofree char *left_text = NULL, *late_text = NULL, *claimed_by = NULL;
  const char *language = g_getenv ("LANGUAGE");
  XbInbox *inbox, *inbox2, *queue;
  GtkWidget *window, *window2, *label;
  GtkButton *merge;
  Waiting w;

  xb_test_ui_init ();
  officer = test_client_new (server, "officer");
  leader = test_client_new (server, "leader");
  sync_now (officer);
  plain = send_item (officer, leader, "城区启动老旧小区改造第二批项目", FALSE, XB_IMPORTANCE_GENERAL, 0);
  /* general: 2 h from the event, 30 min ago → about 1 h 30 min left */
  urgent = send_item (officer, leader, "东河桥突发积水交通受阻", TRUE, XB_IMPORTANCE_GENERAL, 30 * MINUTE);
  /* especially major: 30 min from the event, 40 min ago → overdue */
  late = send_item (officer, leader, "化工园区发生泄漏已疏散群众", TRUE, XB_IMPORTANCE_ESPECIALLY_MAJOR, 40 * MINUTE);

  editor = test_client_new (server, "editor");
  sync_now (editor);
  window = show_inbox (editor, XB_INBOX_EDITOR, &inbox);
  check_order (inbox, editor);
  g_assert_cmpint (row_of (inbox, late), <, row_of (inbox, urgent));
  g_assert_cmpint (row_of (inbox, urgent), <, row_of (inbox, plain));
  g_assert_true (row_text_has (inbox, urgent, _("Not claimed")));
  left_text = countdown_shown (inbox, editor, urgent);
  late_text = countdown_shown (inbox, editor, late);
  g_assert_nonnull (left_text);
  g_assert_nonnull (late_text);
  g_assert_null (countdown_shown (inbox, editor, plain));

  /* The countdown runs to the deadline; past it, it is red. */
  label = xb_test_ui_find_by_label (window, left_text);
  g_assert_nonnull (label);
  g_assert_false (gtk_widget_has_css_class (label, "error"));
  label = xb_test_ui_find_by_label (window, late_text);
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_has_css_class (label, "error"));

  /* One selected: no merge; two (Ctrl-click): merge. */
  merge = xb_inbox_get_merge_button (inbox);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (merge)));
  select_and_wait (inbox, plain, FALSE);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (merge)));
  select_and_wait (inbox, late, TRUE);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (merge)));
  g_assert_cmpuint (g_strv_length (xb_inbox_dup_selected (inbox)), ==, 2);
  select_and_wait (inbox, urgent, FALSE);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (merge)));
  xb_test_ui_wait_for_paint (window);
  g_free (xb_test_ui_save_png (window, language ? "inbox-zh_CN.png" : "inbox.png"));

  /* A reload while a row has the keyboard focus (a click puts it there)
   * keeps the selection and the focus on the same item. */
  {
    GtkListBox *list = GTK_LIST_BOX (xb_test_ui_find_widget (GTK_WIDGET (inbox), GTK_TYPE_LIST_BOX));
    GtkWidget *focused = GTK_WIDGET (gtk_list_box_get_row_at_index (list, row_of (inbox, urgent)));

    gtk_widget_grab_focus (focused);
    xb_inbox_reload (inbox);
    xb_test_ui_wait_until (inbox_loaded, inbox, "the reload");
    xb_test_ui_wait_for_paint (window);
    g_assert_cmpstr (xb_inbox_dup_selected (inbox)[0], ==, urgent);
    focused = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_nonnull (focused);
    g_assert_true (gtk_widget_get_ancestor (focused, GTK_TYPE_LIST_BOX_ROW)
                   == GTK_WIDGET (gtk_list_box_get_row_at_index (list, row_of (inbox, urgent))));
  }

  /* The editor claims the urgent one; a second editor's client sees who holds it. */
  editor2 = test_client_new (server, "editor2");
  sync_now (editor2);
  xb_sync_engine_stop (editor2->engine);   /* it will not hear of the claim before it claims too */
  g_assert_true (button_shown (inbox, XB_ACTION_CLAIM));
  g_signal_emit_by_name (xb_item_detail_get_action_button (xb_inbox_get_detail (inbox), XB_ACTION_CLAIM), "clicked");
  sync_now (editor);
  w = (Waiting) { inbox, urgent };
  xb_test_ui_wait_until (synced_claim, &w, "the claim in the editor's own inbox");

  /* The second editor's stale claim: the server refuses it, the inbox says why. */
  window2 = show_inbox (editor2, XB_INBOX_EDITOR, &inbox2);
  g_assert_true (row_text_has (inbox2, urgent, _("Not claimed")));
  select_and_wait (inbox2, urgent, FALSE);
  g_assert_true (button_shown (inbox2, XB_ACTION_CLAIM));
  g_signal_emit_by_name (xb_item_detail_get_action_button (xb_inbox_get_detail (inbox2), XB_ACTION_CLAIM), "clicked");
  xb_sync_engine_start (editor2->engine);
  xb_sync_engine_kick (editor2->engine);
  xb_test_ui_wait_until (engine_refused, editor2->engine, "the server's refusal");
  g_test_message ("The server refused the stale claim: %s", xb_sync_engine_get_error (editor2->engine));
  g_assert_nonnull (xb_test_ui_find_by_label (window2, xb_sync_engine_get_error (editor2->engine)));
  g_assert_true (xb_sync_engine_discard (editor2->engine, urgent, NULL));
  sync_now (editor2);
  claimed_by = g_strdup_printf (_("Claimed by %s"), editor->user->display_name);
  w = (Waiting) { inbox2, urgent };
  xb_test_ui_wait_until (claim_shown_to_other, &w, "the claim in the second client's inbox");
  g_assert_true (row_text_has (inbox2, urgent, claimed_by));
  select_and_wait (inbox2, urgent, FALSE);
  g_assert_false (button_shown (inbox2, XB_ACTION_CLAIM));
  g_assert_false (button_shown (inbox2, XB_ACTION_RELEASE));
  g_assert_false (button_shown (inbox2, XB_ACTION_PROPOSE));
  gtk_window_destroy (GTK_WINDOW (window2));

  /* 360 px wide: list and item fold into one column, the item over the list. */
  {
    AdwLeaflet *leaflet;

    inbox2 = XB_INBOX (xb_inbox_new (XB_INBOX_EDITOR));
    xb_inbox_set_store (inbox2, editor2->store);
    xb_inbox_set_engine (inbox2, editor2->engine);
    window2 = xb_test_ui_show (GTK_WIDGET (inbox2), 360, 720);
    xb_test_ui_wait_until (inbox_loaded, inbox2, "the narrow queue");
    leaflet = ADW_LEAFLET (xb_test_ui_find_widget (GTK_WIDGET (inbox2), ADW_TYPE_LEAFLET));
    g_assert_true (adw_leaflet_get_folded (leaflet));
    g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
    select_and_wait (inbox2, late, FALSE);
    g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "detail");
    xb_test_ui_wait_for_paint (window2);
    g_free (xb_test_ui_save_png (window2, language ? "inbox-narrow-zh_CN.png" : "inbox-narrow.png"));
    gtk_window_destroy (GTK_WINDOW (window2));
  }

  /* A signer's queue: no Merge; a viewer: no buttons at all. */
  viewer = test_client_new (server, "viewer");
  sync_now (viewer);
  gtk_window_destroy (GTK_WINDOW (window));
  window = show_inbox (viewer, XB_INBOX_SIGNOFF, &queue);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (xb_inbox_get_merge_button (queue))));
  g_assert_cmpuint (xb_inbox_get_n_rows (queue), ==, 0);
  {
    XbItemQuery query;
    g_autoptr(GPtrArray) adopted = NULL;
    XbItemDetail *detail = xb_inbox_get_detail (queue);

    xb_item_query_init (&query);
    query.state = XB_STATE_ADOPTED;
    adopted = xb_store_list_items (viewer->store, &query, 0, 1, NULL);
    g_assert_cmpuint (adopted->len, ==, 1);
    w = (Waiting) { queue, ((XbItem *) adopted->pdata[0])->uuid };
    xb_item_detail_show_item (detail, w.uuid);
    xb_test_ui_wait_until (detail_shows, &w, "the adopted item in the viewer's detail");
    for (int a = 0; a < XB_N_ACTIONS; a++)
      g_assert_false (button_shown (queue, a));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_inbox (void)
{
  xb_test_ui_in_subprocess (run_inbox, NULL);
}

static void
test_inbox_zh_cn (void)
{
  if (!xb_test_ui_zh_cn_available ())
    {
      g_test_skip ("no zh_CN catalogue");
      return;
    }
  xb_test_ui_in_subprocess (run_inbox, "zh_CN:zh");
}

/* ---- the count in the sidebar --------------------------------------------------- */

typedef struct {
  XbInbox *inbox;
  guint    n_rows;
} Count;

static gboolean
inbox_has_rows (gpointer user_data)
{
  Count *c = user_data;

  return !xb_inbox_get_loading (c->inbox) && xb_inbox_get_n_rows (c->inbox) == c->n_rows;
}

/* The label beside the sidebar row named @title, or NULL when it shows none. */
static const char *
sidebar_count (XbWindow *window, const char *title)
{
  GtkWidget *label = xb_test_ui_find_by_label (GTK_WIDGET (xb_window_get_sidebar (window)), title);
  GtkWidget *count = label != NULL ? gtk_widget_get_next_sibling (label) : NULL;

  g_assert_nonnull (label);
  return count != NULL && gtk_widget_get_visible (count) ? gtk_label_get_label (GTK_LABEL (count)) : NULL;
}

/* The Inbox row of the editor's sidebar says how many items wait, and
 * follows the queue when one more arrives. */
static void
run_sidebar_count (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 30 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) officer = test_client_new (server, "officer");
  g_autoptr(TestClient) leader = test_client_new (server, "leader");
  g_autoptr(TestClient) editor = test_client_new (server, "editor");
  g_autoptr(XbApplication) app = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *expected = NULL;
  const char *inbox_title = g_dpgettext2 (GETTEXT_PACKAGE, "page", "Inbox");
  XbWindow *window;
  Count c;

  sync_now (officer);
  sync_now (leader);
  g_free (send_item (officer, leader, "侧栏计数测试信息一", FALSE, XB_IMPORTANCE_GENERAL, 0));
  sync_now (editor);
  app = xb_test_ui_new_application ();
  window = xb_window_new (app, editor->store);
  xb_window_set_engine (window, editor->engine);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  c.inbox = XB_INBOX (xb_test_ui_find_widget (GTK_WIDGET (window), XB_TYPE_INBOX));
  g_assert_nonnull (c.inbox);
  g_assert_cmpint (xb_inbox_get_mode (c.inbox), ==, XB_INBOX_EDITOR);
  {
    g_autoptr(GPtrArray) rows = xb_store_office_inbox (editor->store, NULL);
    c.n_rows = rows->len;
  }
  xb_test_ui_wait_until (inbox_has_rows, &c, "the inbox");
  g_assert_cmpuint (c.n_rows, >, 0);
  expected = g_strdup_printf ("%u", c.n_rows);
  g_assert_cmpstr (sidebar_count (window, inbox_title), ==, expected);

  uuid = send_item (officer, leader, "侧栏计数测试信息二", FALSE, XB_IMPORTANCE_GENERAL, 0);
  sync_now (editor);
  c.n_rows++;
  xb_test_ui_wait_until (inbox_has_rows, &c, "the new item in the inbox");
  g_free (expected);
  expected = g_strdup_printf ("%u", c.n_rows);
  g_assert_cmpstr (sidebar_count (window, inbox_title), ==, expected);
  xb_test_ui_wait_for_paint (GTK_WIDGET (window));
  g_free (xb_test_ui_save_png (GTK_WIDGET (window), "inbox-sidebar-count.png"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_sidebar_count (void)
{
  xb_test_ui_in_subprocess (run_sidebar_count, NULL);
}

/* ---- a refused claim ----------------------------------------------------------- */

static gboolean
status_shown (gpointer user_data)
{
  GtkWidget *status = user_data;

  return gtk_widget_get_visible (status) && gtk_widget_get_visible (GTK_WIDGET (
    xb_change_status_get_discard_button (XB_CHANGE_STATUS (status))));
}

static gboolean
status_gone (gpointer user_data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (user_data));
}

typedef struct {
  XbStore *store;
  const char *uuid;
  gint64   holder;
} Held;

static gboolean
held_by (gpointer user_data)
{
  Held *h = user_data;
  g_autoptr(XbItem) item = xb_store_get_item (h->store, h->uuid, NULL);

  return item != NULL && item->holder_id == h->holder;
}

/* Two editors claim the same item; the second learns from the server that
 * the first was quicker, reads why beside the item, and gives the claim up
 * (after a confirmation): the server's copy comes back, nothing waits. */
static void
run_claim_refused (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 20 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) officer = test_client_new (server, "officer");
  g_autoptr(TestClient) leader = test_client_new (server, "leader");
  g_autoptr(TestClient) editor = test_client_new (server, "editor");
  g_autoptr(TestClient) editor2 = test_client_new (server, "editor2");
  g_autofree char *uuid = NULL;
  GtkWidget *window, *status, *dialog;
  XbInbox *inbox;
  Held held;

  xb_test_ui_init ();
  sync_now (officer);
  sync_now (leader);
  uuid = send_item (officer, leader, "两位编辑同时认领的信息", FALSE, XB_IMPORTANCE_GENERAL, 0);
  sync_now (editor);
  sync_now (editor2);
  act (editor, uuid, XB_ACTION_CLAIM, NULL);
  sync_now (editor);

  window = show_inbox (editor2, XB_INBOX_EDITOR, &inbox);
  select_and_wait (inbox, uuid, FALSE);
  act (editor2, uuid, XB_ACTION_CLAIM, NULL);
  g_assert_true (xb_sync_engine_wait_idle (editor2->engine, SYNC_TIMEOUT_MS));
  g_assert_cmpint (xb_sync_engine_get_state (editor2->engine), ==, XB_SYNC_ERROR);
  g_assert_cmpuint (xb_store_outbox_count_failed (editor2->store, uuid), ==, 1);

  status = xb_test_ui_find_widget (GTK_WIDGET (xb_inbox_get_detail (inbox)), XB_TYPE_CHANGE_STATUS);
  g_assert_nonnull (status);
  xb_test_ui_wait_until (status_shown, status, "the refusal beside the item");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (xb_change_status_get_label (XB_CHANGE_STATUS (status))),
                                   "The office refused this change: "));
  xb_test_ui_wait_for_paint (window);
  g_free (xb_test_ui_save_png (window, "inbox-claim-refused.png"));

  gtk_widget_activate (GTK_WIDGET (xb_change_status_get_discard_button (XB_CHANGE_STATUS (status))));
  dialog = xb_test_ui_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Discard Refused Changes?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));

  held = (Held) { editor2->store, uuid, editor->user->id };
  xb_test_ui_wait_until (held_by, &held, "the first editor's claim in the second editor's store");
  g_assert_true (xb_sync_engine_wait_idle (editor2->engine, SYNC_TIMEOUT_MS));
  xb_test_ui_wait_until (status_gone, status, "the refusal to go");
  g_assert_cmpint (xb_sync_engine_get_state (editor2->engine), ==, XB_SYNC_IDLE);
  g_assert_cmpuint (xb_store_outbox_count (editor2->store, NULL) + xb_store_outbox_count_failed (editor2->store, NULL),
                    ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_claim_refused (void)
{
  xb_test_ui_in_subprocess (run_claim_refused, NULL);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/inbox/countdown-text", test_countdown_text);
  g_test_add_func ("/inbox/order-claim-merge-viewer", test_inbox);
  g_test_add_func ("/inbox/order-claim-merge-viewer-zh_CN", test_inbox_zh_cn);
  g_test_add_func ("/inbox/sidebar-count", test_sidebar_count);
  g_test_add_func ("/inbox/claim-refused", test_claim_refused);
  return g_test_run ();
}
