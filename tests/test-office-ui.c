/* UI test against the real server: the office's workbench end to end — items sent, claimed, edited and merged in the inbox, proposed at the especially-major level, signed from each signer's own queue (a return on the way), adopted, then the province's adoption and a leader instruction with its follow-up; the server and a second client agree at every step. */
#include "config.h"

#include <glib/gi18n.h>

#include "test-inbox-common.h"
#include "xb-merge-dialog.h"
#include "xb-office-actions.h"
#include "xb-office-edit-dialog.h"
#include "xb-outcomes-dialog.h"
#include "xb-policy.h"
#include "xb-propose-dialog.h"
#include "xb-stats.h"
#include "xb-test-ui.h"
#include "xb-workflow.h"

#define DAY (24 * 3600)

static const char *const signers[XB_N_ROLES] = {
  [XB_ROLE_SECTION_CHIEF] = "chief",
  [XB_ROLE_DEPUTY_SECGEN] = "deputy",
  [XB_ROLE_DIRECTOR] = "director",
  [XB_ROLE_SECGEN] = "secgen",
  [XB_ROLE_DEPUTY_MAYOR] = "deputymayor",
  [XB_ROLE_MAYOR] = "mayor",
};

typedef struct {
  XbTestServer *server;
  TestClient   *editor;
  TestClient   *other;    /* a second office client: what it sees after sync */
  const char   *language;
  char         *first;    /* from the officer's county (it has a leader) */
  char         *second;   /* from a unit without a leader */
  char         *merged;   /* the comprehensive item */
  gint64        first_unit, second_unit;
} Office;

/* ---- waiting on widgets ---------------------------------------------------------------- */

static gboolean
button_shown (XbItemDetail *detail, XbAction action)
{
  GtkButton *button = xb_item_detail_get_action_button (detail, action);

  return button != NULL && gtk_widget_is_visible (GTK_WIDGET (button));
}

static gboolean
action_shown (gpointer user_data)
{
  Waiting *w = user_data;

  return detail_shows (w) && button_shown (xb_inbox_get_detail (w->inbox), w->action);
}

static gboolean
listed (gpointer user_data)
{
  Waiting *w = user_data;

  return !xb_inbox_get_loading (w->inbox) && row_of (w->inbox, w->uuid) >= 0;
}

/* Nothing in these steps should be refused. */
static void
on_failed (GtkWidget *widget, const char *message)
{
  g_error ("%s failed: %s", G_OBJECT_TYPE_NAME (widget), message);
}

static GtkWidget *
show_queue (TestClient *client, XbInboxMode mode, XbInbox **inbox)
{
  GtkWidget *window = show_inbox (client, mode, inbox);

  g_signal_connect (xb_inbox_get_detail (*inbox), "failed", G_CALLBACK (on_failed), NULL);
  return window;
}

static void
select_item (XbInbox *inbox, const char *uuid, gboolean extend)
{
  Waiting w = { inbox, uuid, 0 };

  xb_test_ui_wait_until (listed, &w, "the item in the queue");
  g_assert_true (xb_inbox_select (inbox, uuid, extend));
  xb_test_ui_wait_until (detail_shows, &w, "the item in the detail");
}

static void
click_when_shown (XbInbox *inbox, const char *uuid, XbAction action)
{
  Waiting w = { inbox, uuid, action };

  xb_test_ui_wait_until (action_shown, &w, "the action's button");
  g_signal_emit_by_name (xb_item_detail_get_action_button (xb_inbox_get_detail (inbox), action), "clicked");
}

static gboolean
widget_visible (gpointer user_data)
{
  return gtk_widget_is_visible (GTK_WIDGET (user_data));
}

static gboolean
marked_overdue (gpointer user_data)
{
  return xb_office_actions_get_overdue (XB_OFFICE_ACTIONS (user_data));
}

/* What a click on the dialog's @response button does: the response, then
 * the dialog closes (adw_message_dialog_response() alone leaves it open). */
static void
respond (gpointer dialog, const char *response)
{
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), response));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static guint
adopted_of (TestClient *client, gint64 unit_id)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (g_time_zone_new_offset (8 * 3600));
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GError) error = NULL;
  XbPeriod period;

  xb_period_month (&period, g_date_time_get_year (now), g_date_time_get_month (now));
  g_array_append_val (units, unit_id);
  figures = xb_stats_unit_figures (client->store, &period, g_get_real_time () / G_USEC_PER_SEC, units, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figures->len, ==, 1);
  return ((XbUnitFigures *) figures->pdata[0])->adopted;
}

/* ---- the steps ------------------------------------------------------------------------- */

static char *
send_item (Office *o, const char *username, const char *leader_name, const char *title, gint64 *unit_id)
{
  g_autoptr(TestClient) officer = test_client_new (o->server, username);
  g_autoptr(XbItem) item = NULL;
  g_autoptr(XbItem) on_server = NULL;
  g_autoptr(GError) error = NULL;

  sync_now (officer);
  item = make_item (officer, title);
  g_assert_true (xb_sync_engine_save_item (officer->engine, item, &error));
  g_assert_no_error (error);
  act (officer, item->uuid, XB_ACTION_SUBMIT, NULL);
  sync_now (officer);
  on_server = server_item (o->server, officer, item->uuid);
  g_assert_cmpint (on_server->state, ==, leader_name != NULL ? XB_STATE_UNIT_REVIEW : XB_STATE_SUBMITTED);
  if (leader_name != NULL)
    {
      g_autoptr(TestClient) leader = test_client_new (o->server, leader_name);

      sync_now (leader);
      act (leader, item->uuid, XB_ACTION_APPROVE, NULL);
      sync_now (leader);
      g_clear_pointer (&on_server, xb_item_free);
      on_server = server_item (o->server, leader, item->uuid);
      g_assert_cmpint (on_server->state, ==, XB_STATE_SUBMITTED);
    }
  *unit_id = officer->user->unit_id;
  return g_strdup (item->uuid);
}

static gboolean
claim_seen (gpointer user_data)
{
  Waiting *w = user_data;
  int row = row_of (w->inbox, w->uuid);
  g_autofree char *text = row >= 0 ? xb_inbox_get_row_text (w->inbox, (guint) row) : NULL;
  g_autofree char *holder = g_strdup_printf (_("Claimed by %s"), (const char *) g_object_get_data (G_OBJECT (w->inbox), "holder"));

  return text != NULL && strstr (text, holder) != NULL;
}

/* The editor claims the first item; the second client sees who holds it. */
static void
claim (Office *o, XbInbox *inbox)
{
  g_autoptr(XbItem) on_server = NULL;
  XbInbox *other_inbox;
  GtkWidget *other_window;
  Waiting w;

  select_item (inbox, o->first, FALSE);
  g_assert_false (button_shown (xb_inbox_get_detail (inbox), XB_ACTION_PROPOSE)); /* claim first */
  g_assert_false (button_shown (xb_inbox_get_detail (inbox), XB_ACTION_EDIT));
  xb_test_ui_wait_for_paint (GTK_WIDGET (inbox));
  g_free (xb_test_ui_save_png (gtk_widget_get_ancestor (GTK_WIDGET (inbox), GTK_TYPE_WINDOW),
                               o->language ? "office-inbox-zh_CN.png" : "office-inbox.png"));
  click_when_shown (inbox, o->first, XB_ACTION_CLAIM);
  sync_now (o->editor);
  on_server = server_item (o->server, o->editor, o->first);
  g_assert_cmpint (on_server->state, ==, XB_STATE_EDITING);
  g_assert_cmpint (on_server->holder_id, ==, o->editor->user->id);

  sync_now (o->other);
  other_window = show_queue (o->other, XB_INBOX_EDITOR, &other_inbox);
  g_object_set_data_full (G_OBJECT (other_inbox), "holder", g_strdup (o->editor->user->display_name), g_free);
  w = (Waiting) { other_inbox, o->first, 0 };
  xb_test_ui_wait_until (claim_seen, &w, "the claim in the second client's inbox");
  select_item (other_inbox, o->first, FALSE);
  g_assert_false (button_shown (xb_inbox_get_detail (other_inbox), XB_ACTION_CLAIM));
  g_assert_false (button_shown (xb_inbox_get_detail (other_inbox), XB_ACTION_EDIT));
  gtk_window_destroy (GTK_WINDOW (other_window));
}

/* The editor's changes through the Edit… dialog; the unit's text stays in the history. */
static void
edit (Office *o, XbInbox *inbox)
{
  g_autoptr(XbItem) before = xb_store_get_item (o->editor->store, o->first, NULL);
  g_autoptr(XbItem) on_server = NULL;
  XbOfficeEditDialog *dialog;
  const XbEvent *submitted = NULL;

  click_when_shown (inbox, o->first, XB_ACTION_EDIT);
  dialog = XB_OFFICE_EDIT_DIALOG (xb_test_ui_wait_toplevel (XB_TYPE_OFFICE_EDIT_DIALOG));
  xb_test_ui_wait_for_paint (GTK_WIDGET (dialog));
  g_free (xb_test_ui_save_png (GTK_WIDGET (dialog), o->language ? "office-edit-zh_CN.png" : "office-edit.png"));
  gtk_editable_set_text (xb_office_edit_dialog_get_title (dialog), "");
  g_assert_false (xb_office_edit_dialog_save (dialog, NULL));  /* no title: refused, nothing sent */
  gtk_editable_set_text (xb_office_edit_dialog_get_title (dialog), "武都区“一窗通办”改革成效明显");
  gtk_text_buffer_set_text (xb_office_edit_dialog_get_body (dialog), "武都区推行“一窗通办”，群众办事平均用时缩短一半。", -1);
  gtk_drop_down_set_selected (xb_office_edit_dialog_get_importance (dialog), XB_IMPORTANCE_MAJOR);
  respond (dialog, "save");
  sync_now (o->editor);

  on_server = server_item (o->server, o->editor, o->first);
  g_assert_cmpstr (on_server->title, ==, "武都区“一窗通办”改革成效明显");
  g_assert_cmpint (on_server->importance, ==, XB_IMPORTANCE_MAJOR);
  g_assert_cmpuint (count_events (on_server, XB_ACTION_EDIT), ==, 1);
  for (guint i = 0; i < on_server->events->len; i++)
    if (((XbEvent *) on_server->events->pdata[i])->action == XB_ACTION_SUBMIT)
      submitted = on_server->events->pdata[i];
  g_assert_nonnull (submitted);
  g_assert_cmpstr (submitted->title, ==, before->title);
  g_assert_cmpstr (submitted->body, ==, before->body);
}

/* Both items into one comprehensive item; the sources show as merged. */
static void
merge (Office *o, XbInbox *inbox)
{
  g_autoptr(XbItem) on_server = NULL;
  g_autoptr(XbItem) first = NULL;
  g_autoptr(XbItem) second = NULL;
  g_autoptr(GError) error = NULL;
  XbMergeDialog *dialog;
  GtkTextIter start, end;
  g_autofree char *body = NULL;
  GtkButton *button = xb_inbox_get_merge_button (inbox);

  select_item (inbox, o->first, FALSE);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  select_item (inbox, o->second, TRUE);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
  dialog = XB_MERGE_DIALOG (xb_test_ui_wait_toplevel (XB_TYPE_MERGE_DIALOG));
  g_assert_cmpuint (xb_merge_dialog_get_n_sources (dialog), ==, 2);
  gtk_text_buffer_get_bounds (xb_merge_dialog_get_body (dialog), &start, &end);
  body = gtk_text_buffer_get_text (xb_merge_dialog_get_body (dialog), &start, &end, FALSE);
  g_assert_nonnull (strstr (body, "一窗通办"));
  g_assert_nonnull (strstr (body, "政务服务"));
  xb_test_ui_wait_for_paint (GTK_WIDGET (dialog));
  g_free (xb_test_ui_save_png (GTK_WIDGET (dialog), o->language ? "office-merge-zh_CN.png" : "office-merge.png"));
  gtk_editable_set_text (xb_merge_dialog_get_title (dialog), "我市多地创新政务服务方式提升办事效率");
  o->merged = xb_merge_dialog_merge (dialog, &error);
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  sync_now (o->editor);

  on_server = server_item (o->server, o->editor, o->merged);
  g_assert_cmpint (on_server->state, ==, XB_STATE_EDITING);
  g_assert_cmpint (on_server->type, ==, XB_ITEM_TYPE_COMPREHENSIVE);
  g_assert_cmpint (on_server->holder_id, ==, o->editor->user->id);
  g_assert_cmpint (on_server->importance, ==, XB_IMPORTANCE_MAJOR);  /* the sources' highest */
  first = server_item (o->server, o->editor, o->first);
  second = server_item (o->server, o->editor, o->second);
  g_assert_cmpint (first->state, ==, XB_STATE_MERGED);
  g_assert_cmpint (second->state, ==, XB_STATE_MERGED);
  g_assert_cmpstr (first->merged_into, ==, o->merged);
  g_assert_cmpstr (second->merged_into, ==, o->merged);
  /* Merged sources leave the inbox. */
  xb_test_ui_wait_until (inbox_loaded, inbox, "the inbox after the merge");
  g_assert_cmpint (row_of (inbox, o->first), <, 0);
  g_assert_cmpint (row_of (inbox, o->second), <, 0);
}

/* Proposed at the especially-major level: the chain of that level starts. */
static void
propose (Office *o, XbInbox *inbox)
{
  g_autoptr(GPtrArray) publications = xb_store_list_publications (o->editor->store, NULL);
  g_autoptr(XbItem) on_server = NULL;
  g_autofree char *expected = NULL;
  XbProposeDialog *dialog;
  XbPolicy policy;

  select_item (inbox, o->merged, FALSE);
  xb_test_ui_wait_for_paint (GTK_WIDGET (inbox));
  g_free (xb_test_ui_save_png (gtk_widget_get_ancestor (GTK_WIDGET (inbox), GTK_TYPE_WINDOW),
                               o->language ? "office-detail-zh_CN.png" : "office-detail.png"));
  click_when_shown (inbox, o->merged, XB_ACTION_PROPOSE);
  dialog = XB_PROPOSE_DIALOG (xb_test_ui_wait_toplevel (XB_TYPE_PROPOSE_DIALOG));
  g_assert_cmpuint (xb_propose_dialog_get_n_publications (dialog), ==, publications->len);
  g_assert_true (xb_propose_dialog_choose (dialog, ((XbPublication *) publications->pdata[1])->id,
                                           XB_IMPORTANCE_ESPECIALLY_MAJOR, FALSE));
  g_assert_nonnull (strstr (xb_propose_dialog_get_chain_text (dialog), xb_role_label (XB_ROLE_DIRECTOR)));
  xb_test_ui_wait_for_paint (GTK_WIDGET (dialog));
  g_free (xb_test_ui_save_png (GTK_WIDGET (dialog), o->language ? "office-propose-zh_CN.png" : "office-propose.png"));
  respond (dialog, "propose");
  sync_now (o->editor);

  g_assert_true (xb_store_get_policy (o->editor->store, &policy, NULL));
  expected = xb_policy_chain_for (&policy, XB_IMPORTANCE_ESPECIALLY_MAJOR, FALSE);
  on_server = server_item (o->server, o->editor, o->merged);
  g_assert_cmpint (on_server->state, ==, XB_STATE_SIGNOFF);
  g_assert_cmpint (on_server->importance, ==, XB_IMPORTANCE_ESPECIALLY_MAJOR);
  g_assert_cmpstr (on_server->signoff_chain, ==, expected);
  g_assert_cmpint (on_server->signoff_step, ==, 0);
  g_assert_cmpint (on_server->publication_id, ==, ((XbPublication *) publications->pdata[1])->id);
}

/* Signers of the chain not due now (the one before and the one after),
 * or the mayor when there is neither: the item is not in their queue and
 * they get no Sign or Return on it. */
static void
check_not_due (Office *o, const XbItem *item)
{
  XbChain chain;
  int others[2], n = 0;

  g_assert_true (xb_chain_parse (item->signoff_chain, &chain));
  if (item->signoff_step > 0)
    others[n++] = chain.roles[item->signoff_step - 1];
  if (item->signoff_step + 1 < chain.n_roles)
    others[n++] = chain.roles[item->signoff_step + 1];
  if (n == 0)
    others[n++] = XB_ROLE_MAYOR;
  for (int i = 0; i < n; i++)
    {
      g_autoptr(TestClient) signer = test_client_new (o->server, signers[others[i]]);
      XbInbox *queue;
      GtkWidget *window;
      Waiting w;

      sync_now (signer);
      window = show_queue (signer, XB_INBOX_SIGNOFF, &queue);
      g_assert_cmpint (row_of (queue, o->merged), <, 0);
      xb_item_detail_show_item (xb_inbox_get_detail (queue), o->merged);
      w = (Waiting) { queue, o->merged, 0 };
      xb_test_ui_wait_until (detail_shows, &w, "the item in a signer's detail");
      g_assert_false (button_shown (xb_inbox_get_detail (queue), XB_ACTION_SIGN));
      g_assert_false (button_shown (xb_inbox_get_detail (queue), XB_ACTION_RETURN));
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* The signer due, from their own queue: sign, or return to the editor. */
static void
sign_step (Office *o, int step, gboolean send_back)
{
  g_autoptr(XbItem) item = server_item (o->server, o->editor, o->merged);
  g_autoptr(TestClient) signer = NULL;
  g_autoptr(XbItem) after = NULL;
  g_autofree char *text = NULL;
  int due = xb_workflow_due_signer (item);
  GtkWidget *window;
  XbInbox *queue;
  int row;

  g_assert_cmpint (due, >=, 0);
  g_assert_cmpint (item->signoff_step, ==, step);
  check_not_due (o, item);
  signer = test_client_new (o->server, signers[due]);
  sync_now (signer);
  window = show_queue (signer, XB_INBOX_SIGNOFF, &queue);
  row = row_of (queue, o->merged);
  g_assert_cmpint (row, >=, 0);
  text = xb_inbox_get_row_text (queue, (guint) row);
  g_assert_nonnull (strstr (text, xb_role_label (due)));
  if (step > 0)
    g_assert_nonnull (strstr (text, "✓"));   /* the chain so far */
  select_item (queue, o->merged, FALSE);
  if (step == 0 && !send_back)
    {
      xb_test_ui_wait_for_paint (window);
      g_free (xb_test_ui_save_png (window, o->language ? "office-signoff-zh_CN.png" : "office-signoff.png"));
    }
  if (send_back)
    {
      GtkWidget *dialog;

      click_when_shown (queue, o->merged, XB_ACTION_RETURN);
      dialog = xb_test_ui_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (xb_test_ui_find_widget (dialog, GTK_TYPE_TEXT_VIEW))),
                                "请补充各地具体数据。", -1);
      respond (dialog, "return");
    }
  else
    click_when_shown (queue, o->merged, XB_ACTION_SIGN);
  sync_now (signer);
  gtk_window_destroy (GTK_WINDOW (window));

  after = server_item (o->server, o->editor, o->merged);
  if (send_back)
    {
      /* DESIGN.md: a signer's return goes back to the editor, who still holds it. */
      g_assert_cmpint (after->state, ==, XB_STATE_EDITING);
      g_assert_cmpint (after->holder_id, ==, o->editor->user->id);
      g_assert_cmpstr (xb_item_last_event (after)->comment, ==, "请补充各地具体数据。");
    }
  else
    g_assert_cmpuint (count_events (after, XB_ACTION_SIGN), ==, count_events (item, XB_ACTION_SIGN) + 1);
}

static void
sign_through (Office *o, XbInbox *inbox)
{
  g_autoptr(XbItem) item = NULL;
  XbChain chain;

  /* The first signer signs, the second returns it; proposed again, the chain starts over. */
  sign_step (o, 0, FALSE);
  sign_step (o, 1, TRUE);
  sync_now (o->editor);
  propose (o, inbox);
  item = server_item (o->server, o->editor, o->merged);
  g_assert_true (xb_chain_parse (item->signoff_chain, &chain));
  for (int step = 0; step < chain.n_roles; step++)
    sign_step (o, step, FALSE);
  g_clear_pointer (&item, xb_item_free);
  item = server_item (o->server, o->editor, o->merged);
  g_assert_cmpint (item->state, ==, XB_STATE_ADOPTED);
  g_assert_cmpuint (item->adoptions->len, ==, 1);
  g_assert_cmpint (g_array_index (item->adoptions, XbAdoption, 0).level, ==, XB_LEVEL_CITY);
  g_assert_cmpint (g_array_index (item->adoptions, XbAdoption, 0).publication_id, ==, item->publication_id);
}

static gboolean
dialog_has_instruction (gpointer user_data)
{
  XbOutcomesDialog *dialog = user_data;
  GtkButton *followup = xb_outcomes_dialog_get_button (dialog, XB_ACTION_FOLLOWUP, 0);

  return xb_outcomes_dialog_get_n_instructions (dialog) == 1 && followup != NULL;
}

/* The province's adoption, a leader instruction and its follow-up through XbOutcomesDialog. */
static void
record_outcomes (Office *o)
{
  XbItemDetail *detail = XB_ITEM_DETAIL (xb_item_detail_new ());
  g_autoptr(XbItem) on_server = NULL;
  g_autoptr(GError) error = NULL;
  XbOutcomesDialog *dialog;
  const XbInstruction *instruction;
  GtkWidget *window;
  GtkButton *outcomes;

  sync_now (o->editor);
  xb_item_detail_set_store (detail, o->editor->store);
  xb_item_detail_set_engine (detail, o->editor->engine);
  window = xb_test_ui_show (GTK_WIDGET (detail), 900, 700);
  xb_item_detail_show_item (detail, o->merged);
  outcomes = xb_item_detail_get_action_button (detail, XB_ACTION_INSTRUCT);
  g_assert_true (outcomes == xb_item_detail_get_action_button (detail, XB_ACTION_PROVINCE_ADOPT));
  xb_test_ui_wait_until (widget_visible, outcomes, "the Outcomes button");
  g_assert_false (button_shown (detail, XB_ACTION_SIGN));
  g_signal_emit_by_name (outcomes, "clicked");
  dialog = XB_OUTCOMES_DIALOG (xb_test_ui_wait_toplevel (XB_TYPE_OUTCOMES_DIALOG));
  g_assert_cmpuint (xb_outcomes_dialog_get_n_instructions (dialog), ==, 0);

  g_signal_emit_by_name (xb_outcomes_dialog_get_button (dialog, XB_ACTION_PROVINCE_ADOPT, 0), "clicked");
  sync_now (o->editor);

  /* An instruction needs a leader and words; the dialog says so and sends nothing. */
  g_assert_false (xb_outcomes_dialog_instruct (dialog, "", XB_LEVEL_CITY, "", &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
  gtk_editable_set_text (xb_outcomes_dialog_get_leader_entry (dialog), "张市长");
  adw_combo_row_set_selected (xb_outcomes_dialog_get_level_row (dialog), XB_LEVEL_CITY);
  gtk_editable_set_text (xb_outcomes_dialog_get_text_entry (dialog), "此做法很好，请总结推广。");
  g_signal_emit_by_name (xb_outcomes_dialog_get_button (dialog, XB_ACTION_INSTRUCT, 0), "clicked");
  sync_now (o->editor);
  xb_test_ui_wait_until (dialog_has_instruction, dialog, "the instruction in the dialog");
  g_assert_cmpuint (xb_outcomes_dialog_get_n_overdue (dialog), ==, 0);  /* just recorded */
  g_signal_emit_by_name (xb_outcomes_dialog_get_button (dialog, XB_ACTION_FOLLOWUP, 0), "clicked");
  sync_now (o->editor);
  xb_test_ui_wait_for_paint (GTK_WIDGET (dialog));
  g_free (xb_test_ui_save_png (GTK_WIDGET (dialog), o->language ? "office-outcomes-zh_CN.png" : "office-outcomes.png"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  on_server = server_item (o->server, o->editor, o->merged);
  g_assert_cmpuint (on_server->adoptions->len, ==, 2);
  g_assert_cmpint (g_array_index (on_server->adoptions, XbAdoption, 1).level, ==, XB_LEVEL_PROVINCE);
  g_assert_cmpuint (on_server->instructions->len, ==, 1);
  instruction = on_server->instructions->pdata[0];
  g_assert_cmpstr (instruction->leader, ==, "张市长");
  g_assert_cmpint (instruction->level, ==, XB_LEVEL_CITY);
  g_assert_cmpstr (instruction->text, ==, "此做法很好，请总结推广。");
  g_assert_cmpint (instruction->followup, ==, XB_FOLLOWUP_HANDLING);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The second client after sync: the same story in its own store. */
static void
check_other_client (Office *o, guint first_before, guint second_before)
{
  g_autoptr(XbItem) merged = NULL;
  g_autoptr(XbItem) first = NULL;
  g_autoptr(XbItem) second = NULL;

  sync_now (o->other);
  merged = xb_store_get_item (o->other->store, o->merged, NULL);
  first = xb_store_get_item (o->other->store, o->first, NULL);
  second = xb_store_get_item (o->other->store, o->second, NULL);
  g_assert_nonnull (merged);
  g_assert_cmpint (merged->state, ==, XB_STATE_ADOPTED);
  g_assert_cmpuint (merged->adoptions->len, ==, 2);
  g_assert_cmpuint (merged->instructions->len, ==, 1);
  g_assert_cmpint (((XbInstruction *) merged->instructions->pdata[0])->followup, ==, XB_FOLLOWUP_HANDLING);
  g_assert_cmpint (first->state, ==, XB_STATE_MERGED);
  g_assert_cmpint (second->state, ==, XB_STATE_MERGED);
  g_assert_cmpstr (first->merged_into, ==, o->merged);
  /* Each source unit is credited with the adopted comprehensive item. */
  g_assert_cmpuint (adopted_of (o->other, o->first_unit), ==, first_before + 1);
  g_assert_cmpuint (adopted_of (o->other, o->second_unit), ==, second_before + 1);
}

/* An instruction without feedback after XB_FOLLOWUP_DAYS is overdue; the detail marks it. */
static void
check_overdue (Office *o)
{
  g_autoptr(XbInstruction) instruction = xb_instruction_new ();
  g_autoptr(XbItem) item = xb_store_get_item (o->other->store, o->merged, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  XbItemDetail *detail = XB_ITEM_DETAIL (xb_item_detail_new ());
  XbOfficeActions *actions;
  GtkWidget *window;
  g_autoptr(GError) error = NULL;

  instruction->at = now - (XB_FOLLOWUP_DAYS - 1) * DAY;
  g_assert_false (xb_instruction_overdue (instruction, now));
  instruction->at = now - (XB_FOLLOWUP_DAYS + 1) * DAY;
  g_assert_true (xb_instruction_overdue (instruction, now));
  instruction->followup = XB_FOLLOWUP_REPORTED;
  g_assert_false (xb_instruction_overdue (instruction, now));

  /* The second client's copy, its instruction dated back past the limit. */
  ((XbInstruction *) item->instructions->pdata[0])->at = now - (XB_FOLLOWUP_DAYS + 2) * DAY;
  g_assert_true (xb_store_replace_outcomes (o->other->store, item, &error));
  g_assert_no_error (error);
  xb_item_detail_set_store (detail, o->other->store);
  xb_item_detail_set_engine (detail, o->other->engine);
  window = xb_test_ui_show (GTK_WIDGET (detail), 900, 700);
  xb_item_detail_show_item (detail, o->merged);
  actions = XB_OFFICE_ACTIONS (gtk_widget_get_ancestor (GTK_WIDGET (xb_item_detail_get_action_button (detail, XB_ACTION_INSTRUCT)),
                                                        XB_TYPE_OFFICE_ACTIONS));
  xb_test_ui_wait_until (marked_overdue, actions, "the overdue marker");
  xb_test_ui_wait_for_paint (window);
  g_free (xb_test_ui_save_png (window, o->language ? "office-overdue-zh_CN.png" : "office-overdue.png"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
run_office (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 300 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  Office o = { server, NULL, NULL, g_getenv ("LANGUAGE") };
  g_autoptr(TestClient) editor = NULL;
  g_autoptr(TestClient) other = NULL;
  guint first_before, second_before;
  GtkWidget *window;
  XbInbox *inbox;

  xb_test_ui_init ();
  o.first = send_item (&o, "officer", "leader", "武都区创新推行“一窗通办”改革", &o.first_unit);
  o.second = send_item (&o, "officer007", NULL, "某单位政务服务中心推行“周末不打烊”", &o.second_unit);
  g_assert_cmpint (o.first_unit, !=, o.second_unit);
  editor = o.editor = test_client_new (server, "editor");
  other = o.other = test_client_new (server, "editor2");
  sync_now (o.editor);
  sync_now (o.other);
  first_before = adopted_of (o.other, o.first_unit);
  second_before = adopted_of (o.other, o.second_unit);

  window = show_queue (o.editor, XB_INBOX_EDITOR, &inbox);
  claim (&o, inbox);
  edit (&o, inbox);
  merge (&o, inbox);
  propose (&o, inbox);
  sign_through (&o, inbox);
  gtk_window_destroy (GTK_WINDOW (window));
  record_outcomes (&o);
  check_other_client (&o, first_before, second_before);
  check_overdue (&o);
  g_free (o.first);
  g_free (o.second);
  g_free (o.merged);
}

static void
test_office (void)
{
  xb_test_ui_in_subprocess (run_office, NULL);
}

static void
test_office_zh_cn (void)
{
  if (!xb_test_ui_zh_cn_available ())
    {
      g_test_skip ("no zh_CN catalogue");
      return;
    }
  xb_test_ui_in_subprocess (run_office, "zh_CN:zh");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/office-ui/workbench", test_office);
  g_test_add_func ("/office-ui/workbench-zh_CN", test_office_zh_cn);
  return g_test_run ();
}
