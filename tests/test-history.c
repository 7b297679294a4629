/* UI test: an item's history against the real server — sent, returned, revised and sent again, edited by the office — shows each text change as a diff in the timeline widget and in the detail. */
#include "config.h"

#include <glib/gi18n.h>

#include "test-sync-common.h"
#include "xb-item-detail.h"
#include "xb-item-history.h"
#include "xb-test-ui.h"
#include "xb-text-diff.h"

#define FIRST_BODY  "一、基本情况。全区落实种植面积12万亩。\n二、主要做法。强化农资保障。"
#define SECOND_BODY "一、基本情况。全区落实种植面积15万亩。\n二、主要做法。强化农资保障。\n三、下一步打算。"
#define EDITED_BODY "一、基本情况。全区已落实种植面积15万亩。\n二、主要做法。强化农资保障。\n三、下一步打算。"

static void
submit (TestClient *c, XbItem *item, const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbItem) stored = xb_store_get_item (c->store, item->uuid, NULL);

  if (stored != NULL)
    item->revision = stored->revision;
  g_free (item->body);
  item->body = g_strdup (body);
  g_assert_true (xb_sync_engine_save_item (c->engine, item, &error));
  g_assert_no_error (error);
  act (c, item->uuid, XB_ACTION_SUBMIT, NULL);
  sync_now (c);
}

/* Drives the item through the workflow as four people would. */
static char *
make_history (XbTestServer *server, TestClient *officer)
{
  g_autoptr(TestClient) leader = test_client_new (server, "leader");
  g_autoptr(TestClient) editor = test_client_new (server, "editor");
  g_autoptr(XbItem) item = make_item (officer, "武都区春耕备耕工作有序推进");
  g_autoptr(GError) error = NULL;

  submit (officer, item, FIRST_BODY);
  sync_now (leader);
  g_assert_true (xb_sync_engine_act (leader->engine, item->uuid, XB_ACTION_RETURN, "请补充下一步打算。", NULL, &error));
  g_assert_no_error (error);
  sync_now (leader);
  sync_now (officer);
  act (officer, item->uuid, XB_ACTION_REVISE, NULL);
  sync_now (officer);
  submit (officer, item, SECOND_BODY);
  sync_now (leader);
  act (leader, item->uuid, XB_ACTION_APPROVE, NULL);
  sync_now (leader);
  sync_now (editor);
  act (editor, item->uuid, XB_ACTION_CLAIM, NULL);
  g_assert_true (xb_sync_engine_act (editor->engine, item->uuid, XB_ACTION_EDIT, NULL,
                                     "{\"body\": \"" "一、基本情况。全区已落实种植面积15万亩。\\n二、主要做法。强化农资保障。\\n三、下一步打算。" "\"}",
                                     &error));
  g_assert_no_error (error);
  sync_now (editor);
  sync_now (officer);
  return g_strdup (item->uuid);
}

/* The server kept each text: as first sent, as sent again, as edited. */
static void
assert_snapshots (const XbItem *item)
{
  const char *want[] = { FIRST_BODY, SECOND_BODY, EDITED_BODY };
  guint n = 0;

  for (guint i = 0; i < item->events->len; i++)
    {
      XbEvent *e = item->events->pdata[i];
      if (e->action == XB_ACTION_SUBMIT || e->action == XB_ACTION_EDIT)
        {
          g_assert_cmpuint (n, <, G_N_ELEMENTS (want));
          g_assert_cmpstr (e->body, ==, want[n]);
          g_assert_cmpstr (e->title, ==, "武都区春耕备耕工作有序推进");
          n++;
        }
      else
        g_assert_null (e->body);
    }
  g_assert_cmpuint (n, ==, 3);
}

static gboolean
detail_shows (gpointer user_data)
{
  XbItemDetail *detail = user_data;

  return xb_item_detail_get_uuid (detail) != NULL && xb_item_detail_get_title (detail) != NULL;
}

static guint
count_expanders (GtkWidget *widget)
{
  guint n = ADW_IS_EXPANDER_ROW (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_expanders (child);
  return n;
}

/* Concatenating the runs of one side gives that side's text. */
static char *
side (GPtrArray *runs, XbDiffOp skip)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < runs->len; i++)
    {
      XbDiffRun *run = runs->pdata[i];
      if (run->op != skip)
        g_string_append (text, run->text);
    }
  return g_string_free (text, FALSE);
}

static gboolean
has_run (GPtrArray *runs, XbDiffOp op, const char *text)
{
  for (guint i = 0; i < runs->len; i++)
    {
      XbDiffRun *run = runs->pdata[i];
      if (run->op == op && strstr (run->text, text) != NULL)
        return TRUE;
    }
  return FALSE;
}

static guint
event_index (const XbItem *item, XbAction action, guint nth)
{
  for (guint i = 0; i < item->events->len; i++)
    if (((XbEvent *) item->events->pdata[i])->action == action && nth-- == 0)
      return i;
  g_assert_not_reached ();
}

/* The timeline widget: a row per event, names with units, the comment, the diffs. */
static void
check_history_widget (XbStore *store, const XbItem *item)
{
  g_autofree char *old_side = NULL, *new_side = NULL;
  GtkWidget *window, *scroller, *history;
  guint first, second, edit, returned;
  GPtrArray *runs;

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 900);
  scroller = gtk_scrolled_window_new ();
  history = xb_item_history_new ();
  gtk_widget_set_margin_start (history, 18);
  gtk_widget_set_margin_end (history, 18);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), history);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  xb_item_history_set_store (XB_ITEM_HISTORY (history), store);
  xb_item_history_show (XB_ITEM_HISTORY (history), item);
  gtk_window_present (GTK_WINDOW (window));
  xb_test_ui_wait_for_paint (window);

  g_assert_cmpuint (xb_item_history_get_n_rows (XB_ITEM_HISTORY (history)), ==, item->events->len);
  g_assert_null (xb_item_history_get_row (XB_ITEM_HISTORY (history), item->events->len));
  first = event_index (item, XB_ACTION_SUBMIT, 0);
  second = event_index (item, XB_ACTION_SUBMIT, 1);
  edit = event_index (item, XB_ACTION_EDIT, 0);
  returned = event_index (item, XB_ACTION_RETURN, 0);

  /* The first sending is the original: nothing to compare with. */
  g_assert_null (xb_item_history_get_diff (XB_ITEM_HISTORY (history), first));
  g_assert_null (xb_item_history_get_diff (XB_ITEM_HISTORY (history), returned));
  /* Sent again: "12" became "15" and the third paragraph arrived. */
  runs = xb_item_history_get_diff (XB_ITEM_HISTORY (history), second);
  g_assert_nonnull (runs);
  old_side = side (runs, XB_DIFF_INSERT);
  new_side = side (runs, XB_DIFF_DELETE);
  g_assert_cmpstr (old_side, ==, FIRST_BODY);
  g_assert_cmpstr (new_side, ==, SECOND_BODY);
  g_assert_true (has_run (runs, XB_DIFF_DELETE, "2"));
  g_assert_true (has_run (runs, XB_DIFF_INSERT, "5"));
  g_assert_true (has_run (runs, XB_DIFF_INSERT, "三、下一步打算"));
  /* The office's edit against what the unit sent: one word added, nothing removed. */
  runs = xb_item_history_get_diff (XB_ITEM_HISTORY (history), edit);
  g_assert_nonnull (runs);
  g_assert_true (has_run (runs, XB_DIFF_INSERT, "已"));
  g_assert_false (has_run (runs, XB_DIFF_DELETE, ""));

  /* The return shows the leader's comment; the people are named with their unit. */
  g_assert_nonnull (xb_test_ui_find_by_label (xb_item_history_get_row (XB_ITEM_HISTORY (history), returned),
                                              "请补充下一步打算。"));
  {
    g_autoptr(XbUser) officer = xb_store_get_user (store, item->author_id, NULL);
    g_autoptr(XbUnit) unit = xb_store_get_unit (store, item->unit_id, NULL);
    GtkWidget *row = xb_item_history_get_row (XB_ITEM_HISTORY (history), first);
    GtkWidget *meta = gtk_widget_get_next_sibling (gtk_widget_get_first_child (
                        gtk_widget_get_last_child (row)));
    const char *text = gtk_label_get_text (GTK_LABEL (meta));

    g_assert_nonnull (strstr (text, officer->display_name));
    g_assert_nonnull (strstr (text, unit->name));
  }
  for (guint i = 0; i < item->events->len; i++)
    {
      GtkWidget *expander = xb_test_ui_find_widget (xb_item_history_get_row (XB_ITEM_HISTORY (history), i),
                                                    GTK_TYPE_EXPANDER);
      if (expander != NULL)
        gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
    }
  /* Nothing in the timeline can be typed into. */
  {
    GtkWidget *view = xb_test_ui_find_by_name (history, "diff");
    g_assert_nonnull (view);
    g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  xb_test_ui_wait_for_paint (window);
  g_free (xb_test_ui_save_png (window, g_getenv ("LANGUAGE") ? "history-timeline-zh_CN.png" : "history-timeline.png"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  xb_test_ui_wait_for_paint (window);
  g_free (xb_test_ui_save_png (window, g_getenv ("LANGUAGE") ? "history-timeline-dark-zh_CN.png" : "history-timeline-dark.png"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
run_history (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 300 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) officer = test_client_new (server, "officer");
  g_autofree char *uuid = NULL;
  g_autoptr(XbItem) item = NULL;
  GtkWidget *window, *detail, *diff;
  const char *text;

  xb_test_ui_init ();
  sync_now (officer);
  uuid = make_history (server, officer);
  item = xb_store_get_item (officer->store, uuid, NULL);
  assert_snapshots (item);
  check_history_widget (officer->store, item);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 1400);
  detail = xb_item_detail_new ();
  gtk_window_set_child (GTK_WINDOW (window), detail);
  xb_item_detail_set_store (XB_ITEM_DETAIL (detail), officer->store);
  gtk_window_present (GTK_WINDOW (window));
  xb_item_detail_show_item (XB_ITEM_DETAIL (detail), uuid);
  xb_test_ui_wait_until (detail_shows, detail, "the item in the detail");

  /* The second sending and the edit changed the text; the first did not. */
  g_assert_cmpuint (count_expanders (detail), ==, 2);
  for (GtkWidget *row = xb_test_ui_find_widget (detail, ADW_TYPE_EXPANDER_ROW); row != NULL; row = NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  diff = xb_test_ui_find_by_name (detail, "diff");
  g_assert_nonnull (diff);
  text = gtk_label_get_text (GTK_LABEL (diff));
  /* "12" became "15", and the third paragraph arrived. */
  g_assert_nonnull (strstr (text, "三、下一步打算。"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (diff)), "strikethrough"));
  xb_test_ui_wait_for_paint (window);
  g_free (xb_test_ui_save_png (window, g_getenv ("LANGUAGE") ? "history-zh_CN.png" : "history.png"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  xb_test_ui_wait_for_paint (window);
  g_free (xb_test_ui_save_png (window, g_getenv ("LANGUAGE") ? "history-dark-zh_CN.png" : "history-dark.png"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_history (void)
{
  xb_test_ui_in_subprocess (run_history, NULL);
}

static void
test_history_zh_cn (void)
{
  xb_test_ui_in_subprocess (run_history, "zh_CN:zh");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/history/diffs", test_history);
  g_test_add_func ("/history/diffs-zh_CN", test_history_zh_cn);
  return g_test_run ();
}
