/* Tests of the Administration section for reporting priorities and periodicals (added, renamed, retired, restored), through its widgets against the real server. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "test-sync-common.h"
#include "xb-admin-priorities.h"
#include "xb-demo-data.h"
#include "xb-item-editor.h"
#include "xb-propose-dialog.h"
#include "xb-publications-page.h"
#include "xb-test-ui.h"

#define NEW_PRIORITY "数字政府建设 Digital government"
#define EDITED_FIRST "重大决策部署贯彻落实（含稳增长）"
#define PERIODICAL_NAME "《调研参考》"
#define PERIODICAL_CODE "dyck"
#define RENAMED_NAME "《信息专报·内参》"
#define RENAMED_CODE "xxnc"

static const char *
T (const char *text)
{
  return g_dgettext (GETTEXT_PACKAGE, text);
}

static char *
png_name (const char *base)
{
  return g_strdup_printf ("%s%s.png", base, g_getenv ("LANGUAGE") != NULL ? "-zh_CN" : "");
}

/* Scrolls the page to its top, or its end where the periodicals are. */
static void
scroll (GtkWidget *window,
        gboolean   to_end)
{
  GtkWidget *scrolled = xb_test_ui_find_widget (window, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  gtk_adjustment_set_value (adjustment, to_end ? gtk_adjustment_get_upper (adjustment) : 0);
}

static void
screenshot (GtkWidget  *window,
            int         width,
            gboolean    to_end,
            const char *base)
{
  g_autofree char *name = png_name (base);
  g_autofree char *path = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), width, 900);
  xb_test_ui_wait_for_paint (window);
  scroll (window, to_end);
  xb_test_ui_wait_for_paint (window);
  xb_test_ui_spin (100);
  path = xb_test_ui_save_png (window, name);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static GtkWidget *
show (GtkWidget  *section,
      TestClient *as)
{
  g_object_set (section, "store", as->store, "client", as->client, "engine", as->engine, NULL);
  return xb_test_ui_show (section, 900, 900);
}

/* How many requests "METHOD /path" the server's log records. */
static guint
count_requests (XbTestServer *server,
                const char   *request)
{
  g_autofree char *log = NULL;
  g_autofree char *prefix = g_strconcat (request, " ", NULL);
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (server->log_path, &log, NULL, NULL));
  lines = g_strsplit (log, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_has_prefix (lines[i], prefix);
  return n;
}

static GtkWidget *
row (GtkWidget *section,
     guint      position)
{
  g_autofree char *name = g_strdup_printf ("priority-%u", position);
  GtkWidget *found = xb_test_ui_find_by_name (section, name);

  g_assert_nonnull (found);
  return found;
}

static void
set_row (GtkWidget  *section,
         guint       position,
         const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (section, position)), text);
}

static void
click_in_row (GtkWidget  *section,
              guint       position,
              const char *button)
{
  GtkWidget *found = xb_test_ui_find_by_name (row (section, position), button);

  g_assert_nonnull (found);
  g_assert_true (gtk_widget_get_sensitive (found));
  g_signal_emit_by_name (found, "clicked");
}

static void
add_row (GtkWidget  *section,
         const char *text)
{
  GtkWidget *add = xb_test_ui_find_by_name (section, "priority-add");
  g_auto(GStrv) before = xb_admin_priorities_dup_typed (XB_ADMIN_PRIORITIES (section));
  guint n = g_strv_length (before);

  g_assert_true (gtk_widget_activate (add));
  set_row (section, n + 1, text);
}

static const char *
problem_text (GtkWidget  *section,
              const char *name)
{
  GtkWidget *label = xb_test_ui_find_by_name (section, name);

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static gboolean
publish_sensitive (GtkWidget *section)
{
  return gtk_widget_get_sensitive (xb_test_ui_find_by_name (section, "priorities-publish"));
}

/* The list as typed shows @message, Publish is off, and even a click sends nothing. */
static void
expect_refused (GtkWidget    *section,
                XbTestServer *server,
                const char   *message)
{
  guint sent = count_requests (server, "PUT /api/v1/admin/priorities");

  g_assert_cmpstr (problem_text (section, "priorities-problem"), ==, message);
  g_assert_false (publish_sensitive (section));
  g_signal_emit_by_name (xb_test_ui_find_by_name (section, "priorities-publish"), "clicked");
  xb_test_ui_spin (300);
  g_assert_cmpuint (count_requests (server, "PUT /api/v1/admin/priorities"), ==, sent);
  g_assert_cmpstr (problem_text (section, "priorities-problem"), ==, message);
}

static void
assert_typed (GtkWidget         *section,
              const char *const *expected)
{
  g_auto(GStrv) typed = xb_admin_priorities_dup_typed (XB_ADMIN_PRIORITIES (section));

  g_assert_cmpstrv (typed, expected);
}

static void
check_validation (GtkWidget    *section,
                  XbTestServer *server,
                  GStrv         before)
{
  g_autofree char *blank = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "Priority %u is blank: type it or remove it."), 3);
  g_autofree char *same = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "Priorities %u and %u are the same; each must be different."), 2, 5);
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *too_long = NULL;
  g_autofree char *too_many = NULL;

  g_assert_false (publish_sensitive (section));
  g_assert_null (problem_text (section, "priorities-problem"));

  set_row (section, 3, "   ");
  expect_refused (section, server, blank);
  set_row (section, 3, before[2]);
  g_assert_null (problem_text (section, "priorities-problem"));

  /* Surrounding blanks and case do not make two priorities different. */
  {
    g_autofree char *padded = g_strdup_printf ("  %s ", before[1]);
    set_row (section, 5, padded);
    expect_refused (section, server, same);
    screenshot (gtk_widget_get_ancestor (section, GTK_TYPE_WINDOW), 360, FALSE, "admin-priorities-same-narrow");
    set_row (section, 5, before[4]);
  }

  for (int i = 0; i < XB_NAME_MAX_CHARS; i++)
    g_string_append (long_text, "长");
  set_row (section, 4, long_text->str);
  g_assert_null (problem_text (section, "priorities-problem"));
  g_assert_true (publish_sensitive (section));
  g_string_append (long_text, "句");
  set_row (section, 4, long_text->str);
  too_long = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Priority %u has %ld character; shorten it to at most %d.",
                                           "Priority %u has %ld characters; shorten it to at most %d.",
                                           XB_NAME_MAX_CHARS + 1),
                              4, (long) XB_NAME_MAX_CHARS + 1, XB_NAME_MAX_CHARS);
  expect_refused (section, server, too_long);
  set_row (section, 4, before[3]);

  /* 101 rows through the Add row; 100 are fine. */
  for (guint n = g_strv_length (before); n < XB_MAX_PRIORITIES + 1; n++)
    {
      g_autofree char *text = g_strdup_printf ("补充要点 %u", n + 1);
      add_row (section, text);
    }
  too_many = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "There is %u priority; at most %d are allowed. Remove some.",
                                           "There are %u priorities; at most %d are allowed. Remove some.",
                                           XB_MAX_PRIORITIES + 1),
                              XB_MAX_PRIORITIES + 1, XB_MAX_PRIORITIES);
  expect_refused (section, server, too_many);
  click_in_row (section, XB_MAX_PRIORITIES + 1, "priority-remove");
  g_assert_null (problem_text (section, "priorities-problem"));
  g_assert_true (publish_sensitive (section));

  /* Discard goes back to the published list. */
  g_signal_emit_by_name (xb_test_ui_find_by_name (section, "priorities-discard"), "clicked");
  assert_typed (section, (const char *const *) before);
  g_assert_false (publish_sensitive (section));

  /* Units need at least one to file items under. */
  for (guint n = g_strv_length (before); n > 0; n--)
    click_in_row (section, 1, "priority-remove");
  expect_refused (section, server,
                  T ("Keep at least one priority: units choose each item’s category from this list."));
  g_signal_emit_by_name (xb_test_ui_find_by_name (section, "priorities-discard"), "clicked");
  assert_typed (section, (const char *const *) before);
  g_assert_cmpuint (count_requests (server, "PUT /api/v1/admin/priorities"), ==, 0);
}

typedef struct { XbStore *store; const char *const *expected; } ListWait;

static gboolean
store_has_list (gpointer user_data)
{
  ListWait *wait = user_data;
  g_auto(GStrv) stored = xb_store_list_priorities (wait->store, TRUE, NULL);

  return g_strv_equal ((const char *const *) stored, wait->expected);
}

static gboolean
publish_done (gpointer user_data)
{
  GtkWidget *section = user_data;

  return !publish_sensitive (section)
         && !gtk_widget_get_sensitive (xb_test_ui_find_by_name (section, "priorities-discard"));
}

/* The officer's editor offers the new list; an item filed under a removed
 * priority still shows it. */
static void
check_editor (TestClient        *officer,
              const char        *old_uuid,
              const char        *removed,
              const char *const *expected)
{
  XbItemEditor *editor = XB_ITEM_EDITOR (xb_item_editor_new ());
  GtkWidget *window;
  GListModel *categories;
  g_autoptr(GError) error = NULL;
  guint n = g_strv_length ((char **) expected);

  xb_item_editor_set_store (editor, officer->store);
  xb_item_editor_set_engine (editor, officer->engine);
  window = xb_test_ui_show (GTK_WIDGET (editor), 700, 900);
  g_assert_true (xb_item_editor_new_draft (editor, &error));
  g_assert_no_error (error);
  categories = adw_combo_row_get_model (xb_item_editor_get_category_row (editor));
  g_assert_cmpuint (g_list_model_get_n_items (categories), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (categories), i), ==, expected[i]);

  g_assert_true (xb_item_editor_load (editor, old_uuid, &error));
  g_assert_no_error (error);
  categories = adw_combo_row_get_model (xb_item_editor_get_category_row (editor));
  g_assert_cmpuint (g_list_model_get_n_items (categories), ==, n + 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (categories),
                                               adw_combo_row_get_selected (xb_item_editor_get_category_row (editor))),
                   ==, removed);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_problem (gpointer user_data)
{
  return problem_text (user_data, "priorities-problem") != NULL;
}

/* An editor may not publish: the server's refusal in plain words, and what
 * was typed stays to publish again. */
static void
check_refused_by_server (XbTestServer *server,
                         TestClient   *editor)
{
  GtkWidget *section = xb_admin_priorities_new ();
  GtkWidget *window = show (section, editor);
  g_autofree char *refused = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "The priorities were not published: %s"),
                                              T ("Only an administrator may change this; the server refused it."));
  guint sent = count_requests (server, "PUT /api/v1/admin/priorities");

  set_row (section, 1, "编辑无权发布");
  g_signal_emit_by_name (xb_test_ui_find_by_name (section, "priorities-publish"), "clicked");
  g_assert_false (publish_sensitive (section));
  xb_test_ui_wait_until (has_problem, section, "the server's refusal");
  g_assert_cmpstr (problem_text (section, "priorities-problem"), ==, refused);
  g_assert_cmpuint (count_requests (server, "PUT /api/v1/admin/priorities"), ==, sent + 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (section, 1))), ==, "编辑无权发布");
  g_assert_true (publish_sensitive (section));
  screenshot (window, 360, FALSE, "admin-priorities-refused-narrow");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
run_priorities (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 50 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) admin = test_client_new (server, "admin");
  g_autoptr(TestClient) officer = test_client_new (server, "officer");
  g_autoptr(TestClient) fresh = NULL;
  g_autoptr(XbItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) before = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) expected = NULL;
  g_autofree char *removed = NULL;
  GtkWidget *section = xb_admin_priorities_new ();
  GtkWidget *window;
  ListWait wait;

  xb_test_ui_init ();
  sync_now (admin);
  sync_now (officer);
  before = xb_store_list_priorities (admin->store, TRUE, NULL);
  g_assert_cmpuint (g_strv_length (before), ==, 10);
  removed = g_strdup (before[2]);

  /* An item filed under the priority about to be removed. */
  item = make_item (officer, "按旧要点报送的信息");
  g_free (item->category);
  item->category = g_strdup (removed);
  g_assert_true (xb_sync_engine_save_item (officer->engine, item, &error));
  g_assert_no_error (error);
  sync_now (officer);

  window = show (section, admin);
  assert_typed (section, (const char *const *) before);
  check_validation (section, server, before);

  /* Edit the first, remove the third, add one and move it up to second
   * place, then move the (edited) first down one. */
  set_row (section, 1, "  " EDITED_FIRST " ");
  click_in_row (section, 3, "priority-remove");
  add_row (section, NEW_PRIORITY);
  for (guint at = g_strv_length (before); at > 2; at--)
    click_in_row (section, at, "priority-up");
  click_in_row (section, 1, "priority-down");
  g_strv_builder_add (builder, NEW_PRIORITY);
  g_strv_builder_add (builder, EDITED_FIRST);
  g_strv_builder_add (builder, before[1]);
  for (guint i = 3; before[i] != NULL; i++)
    g_strv_builder_add (builder, before[i]);
  expected = g_strv_builder_end (builder);
  assert_typed (section, (const char *const *) expected);
  g_assert_false (gtk_widget_get_sensitive (xb_test_ui_find_by_name (row (section, 1), "priority-up")));
  g_assert_false (gtk_widget_get_sensitive (xb_test_ui_find_by_name (row (section, 10), "priority-down")));
  g_assert_null (problem_text (section, "priorities-problem"));
  screenshot (window, 360, FALSE, "admin-priorities-editing-narrow");

  g_assert_true (publish_sensitive (section));
  g_signal_emit_by_name (xb_test_ui_find_by_name (section, "priorities-publish"), "clicked");
  wait = (ListWait) { admin->store, (const char *const *) expected };
  /* The section kicks the engine: the list comes back through the feed. */
  xb_test_ui_wait_until (store_has_list, &wait, "the published list in the admin's store");
  xb_test_ui_wait_until (publish_done, section, "Publish off again once published");
  g_assert_cmpuint (count_requests (server, "PUT /api/v1/admin/priorities"), ==, 1);
  g_assert_null (problem_text (section, "priorities-problem"));
  assert_typed (section, (const char *const *) expected);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (section, 2))), ==, EDITED_FIRST);

  /* A new client gets exactly what was typed, in order. */
  fresh = test_client_new (server, "editor");
  sync_now (fresh);
  wait.store = fresh->store;
  g_assert_true (store_has_list (&wait));

  sync_now (officer);
  check_editor (officer, item->uuid, removed, (const char *const *) expected);
  check_refused_by_server (server, fresh);

  screenshot (window, 900, FALSE, "admin-priorities");
  screenshot (window, 360, FALSE, "admin-priorities-narrow");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gint64
publication_id (XbStore    *store,
                const char *code)
{
  g_autoptr(GPtrArray) publications = xb_store_list_publications (store, NULL);

  for (guint i = 0; publications != NULL && i < publications->len; i++)
    if (g_strcmp0 (((XbPublication *) publications->pdata[i])->code, code) == 0)
      return ((XbPublication *) publications->pdata[i])->id;
  return 0;
}

static gboolean
store_has_periodical (gpointer user_data)
{
  return publication_id (user_data, PERIODICAL_CODE) != 0;
}

static gboolean
periodical_refused (gpointer user_data)
{
  GtkWidget *section = user_data;

  return problem_text (section, "periodical-problem") != NULL
         && gtk_widget_get_sensitive (xb_test_ui_find_by_name (section, "periodical-add"));
}

static void
fill_periodical (GtkWidget  *section,
                 const char *name,
                 const char *code)
{
  gtk_editable_set_text (GTK_EDITABLE (xb_test_ui_find_by_name (section, "periodical-name")), name);
  gtk_editable_set_text (GTK_EDITABLE (xb_test_ui_find_by_name (section, "periodical-code")), code);
}

static void
click_add_periodical (GtkWidget *section)
{
  g_signal_emit_by_name (xb_test_ui_find_by_name (section, "periodical-add"), "clicked");
}

static void
check_refusal (GtkWidget    *section,
               XbTestServer *server,
               const char   *name,
               const char   *code,
               const char   *message)
{
  guint sent = count_requests (server, "POST /api/v1/admin/publications");

  fill_periodical (section, name, code);
  g_assert_null (problem_text (section, "periodical-problem"));
  click_add_periodical (section);
  xb_test_ui_wait_until (periodical_refused, section, "the server's refusal");
  g_assert_cmpuint (count_requests (server, "POST /api/v1/admin/publications"), ==, sent + 1);
  g_assert_cmpstr (problem_text (section, "periodical-problem"), ==, message);
  /* What was typed stays. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (xb_test_ui_find_by_name (section, "periodical-name"))), ==, name);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (xb_test_ui_find_by_name (section, "periodical-code"))), ==, code);
}

static void
run_periodicals (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 50 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) admin = test_client_new (server, "admin");
  g_autoptr(TestClient) editor = test_client_new (server, "editor");
  g_autofree char *taken_code = NULL;
  g_autofree char *taken_name = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GtkWidget *section = xb_admin_priorities_new ();
  GtkWidget *window, *page;
  XbProposeDialog *dialog;
  XbItemQuery query;
  gint64 id;

  xb_test_ui_init ();
  sync_now (admin);
  sync_now (editor);
  window = show (section, admin);
  g_assert_nonnull (xb_test_ui_find_by_label (section, "《政务信息》"));
  g_assert_false (gtk_widget_get_sensitive (xb_test_ui_find_by_name (section, "periodical-add")));

  /* A blank code: said at once, nothing sent. */
  fill_periodical (section, PERIODICAL_NAME, "  ");
  g_assert_false (gtk_widget_get_sensitive (xb_test_ui_find_by_name (section, "periodical-add")));
  click_add_periodical (section);
  xb_test_ui_spin (300);
  g_assert_cmpstr (problem_text (section, "periodical-problem"), ==, T ("Type the periodical’s code."));
  g_assert_cmpuint (count_requests (server, "POST /api/v1/admin/publications"), ==, 0);

  /* Taken code and taken name: the server's 409 in plain words. */
  taken_code = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "The code “%s” already belongs to %s; choose another code."), "zwxx", "《政务信息》");
  check_refusal (section, server, PERIODICAL_NAME, "zwxx", taken_code);
  taken_name = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "There already is a periodical named “%s”; choose another name."), "《每日要情》");
  check_refusal (section, server, "《每日要情》", PERIODICAL_CODE, taken_name);
  screenshot (window, 900, TRUE, "admin-periodicals-taken");
  screenshot (window, 360, TRUE, "admin-periodicals-taken-narrow");

  fill_periodical (section, PERIODICAL_NAME, PERIODICAL_CODE);
  click_add_periodical (section);
  xb_test_ui_wait_until (store_has_periodical, admin->store, "the new periodical in the admin's store");
  g_assert_true (xb_sync_engine_wait_idle (admin->engine, SYNC_TIMEOUT_MS));
  xb_test_ui_spin (300);
  g_assert_nonnull (xb_test_ui_find_by_label (section, PERIODICAL_NAME));
  g_assert_null (problem_text (section, "periodical-problem"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (xb_test_ui_find_by_name (section, "periodical-name"))), ==, "");

  /* Another client has it, and its publications page and propose dialog offer it. */
  sync_now (editor);
  id = publication_id (editor->store, PERIODICAL_CODE);
  g_assert_cmpint (id, !=, 0);
  page = xb_publications_page_new ();
  xb_publications_page_set_store (XB_PUBLICATIONS_PAGE (page), editor->store);
  {
    GtkWidget *page_window = xb_test_ui_show (page, 900, 700);
    g_assert_true (xb_publications_page_select_publication (XB_PUBLICATIONS_PAGE (page), id));
    gtk_window_destroy (GTK_WINDOW (page_window));
  }
  xb_item_query_init (&query);
  items = xb_store_list_items (editor->store, &query, 0, 1, NULL);
  g_assert_nonnull (items);
  g_assert_cmpuint (items->len, ==, 1);
  dialog = xb_propose_dialog_new (GTK_WINDOW (window), editor->store, editor->engine, items->pdata[0]);
  g_assert_true (xb_propose_dialog_choose (dialog, id, XB_IMPORTANCE_GENERAL, FALSE));
  gtk_window_destroy (GTK_WINDOW (dialog));

  screenshot (window, 900, TRUE, "admin-periodicals");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- renaming, retiring and restoring a periodical ---------------------------------- */

typedef struct {
  XbStore    *store;
  gint64      id;
  const char *name;
  const char *code;
  gboolean    retired;
} PeriodicalWait;

static gboolean
store_has (gpointer user_data)
{
  PeriodicalWait *w = user_data;
  g_autoptr(XbPublication) p = xb_store_get_publication (w->store, w->id, NULL);

  return p != NULL && g_strcmp0 (p->name, w->name) == 0 && g_strcmp0 (p->code, w->code) == 0
         && p->retired == w->retired;
}

typedef struct { GtkWidget *root; const char *text; } Label;

static gboolean
label_shown (gpointer user_data)
{
  Label *l = user_data;

  return xb_test_ui_find_by_label (l->root, l->text) != NULL;
}

static GtkWidget *
row_widget (GtkWidget  *section,
            const char *prefix,
            gint64      id)
{
  g_autofree char *name = g_strdup_printf ("%s-%lld", prefix, (long long) id);
  GtkWidget *found = xb_test_ui_find_by_name (section, name);

  g_assert_nonnull (found);
  return found;
}

/* Chooses @action ("rename", "retire", "restore") in the row's menu. */
static void
choose (GtkWidget  *section,
        gint64      id,
        const char *action)
{
  GtkWidget *row = row_widget (section, "periodical", id);
  g_autofree char *detailed = g_strconcat ("periodical.", action, NULL);
  GtkWidget *button = xb_test_ui_find_widget (row, GTK_TYPE_MENU_BUTTON);
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  gboolean offered = FALSE;

  /* The menu offers it (Retire for a periodical in use, Restore for a retired one). */
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name))
        offered |= g_strcmp0 (name, detailed) == 0;
    }
  g_assert_true (offered);
  g_assert_true (gtk_widget_activate_action (row, detailed, NULL));
}

static AdwMessageDialog *
open_dialog (GtkWidget  *section,
             const char *action,
             gint64      id,
             const char *dialog_name)
{
  GtkWidget *dialog;

  choose (section, id, action);
  dialog = xb_test_ui_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (gtk_widget_get_name (dialog), ==, dialog_name);
  xb_test_ui_wait_for_paint (dialog);
  return ADW_MESSAGE_DIALOG (dialog);
}

/* As a click on @response's button: the dialog answers and goes. */
static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  gpointer alive = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &alive);
  adw_message_dialog_response (dialog, response);
  if (alive != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), &alive);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

static void
dialog_screenshot (AdwMessageDialog *dialog,
                   const char       *base)
{
  g_autofree char *name = png_name (base);

  xb_test_ui_try_save_png (GTK_WIDGET (dialog), name);
}

static void
type_rename (AdwMessageDialog *dialog,
             const char       *name,
             const char       *code)
{
  gtk_editable_set_text (GTK_EDITABLE (xb_test_ui_find_by_name (GTK_WIDGET (dialog), "periodical-rename-name")), name);
  gtk_editable_set_text (GTK_EDITABLE (xb_test_ui_find_by_name (GTK_WIDGET (dialog), "periodical-rename-code")), code);
}

static void
check_rename (GtkWidget    *section,
              XbTestServer *server,
              TestClient   *admin,
              gint64        id)
{
  AdwMessageDialog *dialog = open_dialog (section, "rename", id, "periodical-rename-dialog");
  GtkWidget *name_row = xb_test_ui_find_by_name (GTK_WIDGET (dialog), "periodical-rename-name");
  g_autofree char *taken = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "A periodical named “%s” already exists."), "《政务信息》");
  Label conflict = { section, taken };
  PeriodicalWait wait = { admin->store, id, RENAMED_NAME, RENAMED_CODE, FALSE };
  Label renamed = { section, RENAMED_NAME };
  g_autofree char *patch = g_strdup_printf ("PATCH /api/v1/admin/publications/%lld", (long long) id);

  /* The current name and code to edit; Rename once something changed, not blank. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "《信息专报》");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
  type_rename (dialog, "   ", "xxzb");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
  type_rename (dialog, "《政务信息》", "xxzb");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "rename"));
  dialog_screenshot (dialog, "admin-periodical-rename");
  /* A taken name: the server's refusal as a toast, in plain words. */
  answer (dialog, "rename");
  xb_test_ui_wait_until (label_shown, &conflict, "the taken name's toast");
  g_assert_cmpuint (count_requests (server, patch), ==, 1);

  dialog = open_dialog (section, "rename", id, "periodical-rename-dialog");
  type_rename (dialog, " " RENAMED_NAME " ", RENAMED_CODE);
  answer (dialog, "rename");
  xb_test_ui_wait_until (store_has, &wait, "the renamed periodical in the admin's store");
  xb_test_ui_wait_until (label_shown, &renamed, "the renamed row");
}

static gboolean
row_retired (GtkWidget *section,
             gint64     id)
{
  GtkWidget *row = row_widget (section, "periodical", id);

  return gtk_widget_has_css_class (row, "dim-label") && xb_test_ui_find_by_label (row, T ("Retired")) != NULL;
}

typedef struct { GtkWidget *section; gint64 id; gboolean retired; } RowWait;

static gboolean
shows_retired (gpointer user_data)
{
  RowWait *w = user_data;

  return row_retired (w->section, w->id) == w->retired;
}

static void
check_retire (GtkWidget    *section,
              TestClient   *admin,
              gint64        id)
{
  PeriodicalWait wait = { admin->store, id, RENAMED_NAME, RENAMED_CODE, TRUE };
  RowWait row = { section, id, TRUE };
  AdwMessageDialog *dialog = open_dialog (section, "retire", id, "periodical-retire-dialog");
  gint64 before = xb_store_last_change (admin->store);

  g_assert_false (row_retired (section, id));
  /* Cancel changes nothing. */
  answer (dialog, "cancel");
  xb_test_ui_spin (300);
  g_assert_true (xb_sync_engine_wait_idle (admin->engine, SYNC_TIMEOUT_MS));
  g_assert_cmpint (xb_store_last_change (admin->store), ==, before);
  g_assert_false (row_retired (section, id));

  dialog = open_dialog (section, "retire", id, "periodical-retire-dialog");
  dialog_screenshot (dialog, "admin-periodical-retire");
  answer (dialog, "retire");
  xb_test_ui_wait_until (store_has, &wait, "the retired periodical in the admin's store");
  xb_test_ui_wait_until (shows_retired, &row, "the row dimmed and tagged Retired");
}

/* The publications page still shows a retired periodical's issues, but
 * makes no new one (offline, it would be made in the store at once). */
static void
check_new_issue (TestClient *editor,
                 gint64      id,
                 gboolean    offered)
{
  GtkWidget *page = xb_publications_page_new ();
  GtkWidget *page_window;
  g_autoptr(GError) error = NULL;
  gint64 issue;

  xb_publications_page_set_store (XB_PUBLICATIONS_PAGE (page), editor->store);
  xb_publications_page_set_editable (XB_PUBLICATIONS_PAGE (page), TRUE);
  page_window = xb_test_ui_show (page, 900, 700);
  g_assert_true (xb_publications_page_select_publication (XB_PUBLICATIONS_PAGE (page), id));
  issue = xb_publications_page_new_issue (XB_PUBLICATIONS_PAGE (page), &error);
  if (offered)
    {
      g_assert_no_error (error);
      g_assert_cmpint (issue, >, 0);
    }
  else
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
      g_assert_cmpint (issue, ==, 0);
    }
  gtk_window_destroy (GTK_WINDOW (page_window));
}

/* The editor's propose dialog no longer offers a retired periodical. */
static void
check_not_offered (GtkWidget  *window,
                   TestClient *editor,
                   gint64      id,
                   gboolean    offered)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) all = xb_store_list_publications (editor->store, NULL);
  XbProposeDialog *dialog;
  XbItemQuery query;

  sync_now (editor);
  xb_item_query_init (&query);
  items = xb_store_list_items (editor->store, &query, 0, 1, NULL);
  g_assert_nonnull (items);
  g_assert_cmpuint (items->len, ==, 1);
  dialog = xb_propose_dialog_new (GTK_WINDOW (window), editor->store, editor->engine, items->pdata[0]);
  g_assert_cmpint (xb_propose_dialog_choose (dialog, id, XB_IMPORTANCE_GENERAL, FALSE), ==, offered);
  g_assert_cmpuint (xb_propose_dialog_get_n_publications (dialog), ==, all->len - (offered ? 0 : 1));
  gtk_window_destroy (GTK_WINDOW (dialog));
  check_new_issue (editor, id, offered);
}

static void
run_manage (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 50 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) admin = test_client_new (server, "admin");
  g_autoptr(TestClient) editor = test_client_new (server, "editor");
  GtkWidget *section = xb_admin_priorities_new ();
  PeriodicalWait restored;
  RowWait row;
  GtkWidget *window;
  gint64 id;

  xb_test_ui_init ();
  sync_now (admin);
  sync_now (editor);
  id = publication_id (admin->store, "xxzb");
  g_assert_cmpint (id, !=, 0);
  window = show (section, admin);

  check_rename (section, server, admin, id);
  check_not_offered (window, editor, id, TRUE);
  check_retire (section, admin, id);
  screenshot (window, 900, TRUE, "admin-periodicals-retired");
  screenshot (window, 360, TRUE, "admin-periodicals-retired-narrow");
  check_not_offered (window, editor, id, FALSE);

  /* Restoring is not asked: it takes effect at once. */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 900);
  choose (section, id, "restore");
  restored = (PeriodicalWait) { admin->store, id, RENAMED_NAME, RENAMED_CODE, FALSE };
  xb_test_ui_wait_until (store_has, &restored, "the restored periodical in the admin's store");
  row = (RowWait) { section, id, FALSE };
  xb_test_ui_wait_until (shows_retired, &row, "the row no longer retired");
  g_assert_null (xb_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  check_not_offered (window, editor, id, TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A new server: nothing published, no periodicals; offline nothing typed is lost. */
static void
run_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("xb-prio-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(XbStore) store = xb_store_open (path, &error);
  GtkWidget *section = xb_admin_priorities_new ();
  GtkWidget *window;

  g_assert_no_error (error);
  xb_test_ui_init ();
  g_object_set (section, "store", store, NULL);
  window = xb_test_ui_show (section, 900, 900);
  g_assert_nonnull (xb_test_ui_find_by_label (section, T ("No periodicals yet, so editors cannot propose items for adoption. "
                                                          "Add the office’s periodicals below.")));
  g_assert_true (gtk_widget_get_visible (xb_test_ui_find_by_name (section, "priorities-defaults")));
  g_assert_false (publish_sensitive (section));
  screenshot (window, 900, FALSE, "admin-priorities-empty");
  screenshot (window, 360, FALSE, "admin-priorities-empty-narrow");

  g_signal_emit_by_name (xb_test_ui_find_by_name (section, "priorities-defaults"), "clicked");
  assert_typed (section, xb_demo_priorities);
  g_assert_false (gtk_widget_get_visible (xb_test_ui_find_by_name (section, "priorities-defaults")));
  g_assert_true (publish_sensitive (section));
  g_signal_emit_by_name (xb_test_ui_find_by_name (section, "priorities-publish"), "clicked");
  g_assert_cmpstr (problem_text (section, "priorities-problem"), ==,
                   T ("Publishing the priorities needs a connection to the server; you are offline."));
  assert_typed (section, xb_demo_priorities);
  /* An edit clears the old refusal. */
  set_row (section, 1, "稳增长");
  g_assert_null (problem_text (section, "priorities-problem"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  xb_test_rm_rf (dir);
}

/* The window's Administration page has the section, fed with the account's store. */
static void
run_window (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 50 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) admin = test_client_new (server, "admin");
  g_autoptr(XbApplication) app = NULL;
  g_auto(GStrv) stored = NULL;
  XbWindow *window;
  GtkWidget *section;

  xb_test_ui_init ();
  sync_now (admin);
  stored = xb_store_list_priorities (admin->store, TRUE, NULL);
  app = xb_test_ui_new_application ();
  window = xb_window_new (app, admin->store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  gtk_window_present (GTK_WINDOW (window));
  xb_window_show_items (window);
  xb_window_set_page (window, "admin");
  section = xb_test_ui_find_widget (GTK_WIDGET (window), XB_TYPE_ADMIN_PRIORITIES);
  g_assert_nonnull (section);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (section, ADW_TYPE_VIEW_STACK)),
                                         "priorities");
  assert_typed (section, (const char *const *) stored);
  screenshot (GTK_WIDGET (window), 1100, FALSE, "admin-priorities-window");
  screenshot (GTK_WIDGET (window), 360, FALSE, "admin-priorities-window-narrow");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void test_priorities (void)          { xb_test_ui_in_subprocess (run_priorities, NULL); }
static void test_priorities_zh_cn (void)    { xb_test_ui_in_subprocess (run_priorities, "zh_CN:zh"); }
static void test_periodicals (void)         { xb_test_ui_in_subprocess (run_periodicals, NULL); }
static void test_periodicals_zh_cn (void)   { xb_test_ui_in_subprocess (run_periodicals, "zh_CN:zh"); }
static void test_manage (void)              { xb_test_ui_in_subprocess (run_manage, NULL); }
static void test_manage_zh_cn (void)        { xb_test_ui_in_subprocess (run_manage, "zh_CN:zh"); }
static void test_empty (void)               { xb_test_ui_in_subprocess (run_empty, NULL); }
static void test_empty_zh_cn (void)         { xb_test_ui_in_subprocess (run_empty, "zh_CN:zh"); }
static void test_window (void)              { xb_test_ui_in_subprocess (run_window, NULL); }
static void test_window_zh_cn (void)        { xb_test_ui_in_subprocess (run_window, "zh_CN:zh"); }

int
main (int argc, char **argv)
{
  xb_test_ui_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/admin-priorities/priorities", test_priorities);
  g_test_add_func ("/admin-priorities/priorities-zh_CN", test_priorities_zh_cn);
  g_test_add_func ("/admin-priorities/periodicals", test_periodicals);
  g_test_add_func ("/admin-priorities/periodicals-zh_CN", test_periodicals_zh_cn);
  g_test_add_func ("/admin-priorities/manage", test_manage);
  g_test_add_func ("/admin-priorities/manage-zh_CN", test_manage_zh_cn);
  g_test_add_func ("/admin-priorities/empty", test_empty);
  g_test_add_func ("/admin-priorities/empty-zh_CN", test_empty_zh_cn);
  g_test_add_func ("/admin-priorities/window", test_window);
  g_test_add_func ("/admin-priorities/window-zh_CN", test_window_zh_cn);
  return g_test_run ();
}
