/* Tests of the Administration page's Units section against the real server: edit, retire and restore through the widgets, refusals shown in the editor, the first run's empty state, offline refusal. */
#include "config.h"

#include <adwaita.h>

#include "test-sync-common.h"
#include "xb-admin-page.h"
#include "xb-import-dialog.h"
#include "xb-unit-dialog.h"
#include "xb-test-ui.h"
#include "xb-window.h"

#define NEW_NAME "Renamed Bureau 改名局"
#define FIRST_RUN_PASSWORD "first-run-password"

static gboolean
zh (void)
{
  return g_getenv ("LANGUAGE") != NULL;
}

static char *
png_name (const char *base)
{
  return g_strdup_printf ("%s%s.png", base, zh () ? "-zh_CN" : "");
}

static void
screenshot (GtkWidget *window, const char *base)
{
  g_autofree char *name = png_name (base);
  g_autofree char *path = xb_test_ui_save_png (window, name);
}

static gboolean
no_unit_dialog (gpointer user_data)
{
  return xb_test_ui_find_toplevel (XB_TYPE_UNIT_DIALOG) == NULL;
}

static GtkWidget *
child (GtkWidget *root, const char *name)
{
  GtkWidget *widget = xb_test_ui_find_by_name (root, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
click (GtkWidget *root, const char *name)
{
  g_signal_emit_by_name (child (root, name), "clicked");
}

static void
set_text (GtkWidget *root, const char *name, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (root, name)), text);
}

static GtkWidget *
unit_row (GtkWidget *page, gint64 id)
{
  g_autofree char *name = g_strdup_printf ("admin-unit-%lld", (long long) id);
  return xb_test_ui_find_by_name (page, name);
}

/* Opens the editor of unit @id (NULL: Add Unit… under @button_name) and
 * waits until it is drawn. */
static GtkWidget *
open_editor (GtkWidget *page, gint64 id, const char *button_name)
{
  GtkWidget *dialog;

  if (button_name == NULL)
    {
      GtkWidget *row = unit_row (page, id);
      g_assert_nonnull (row);
      g_signal_emit_by_name (row, "activated");
    }
  else
    click (page, button_name);
  dialog = xb_test_ui_find_toplevel (XB_TYPE_UNIT_DIALOG);
  g_assert_nonnull (dialog);
  xb_test_ui_wait_for_paint (dialog);
  return dialog;
}

static const char *
message_of (GtkWidget *dialog)
{
  GtkWidget *label = child (dialog, "unit-message");
  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static gboolean
has_message (gpointer user_data)
{
  return message_of (user_data) != NULL;
}

/* Selects the entry of @row's string list that is @text. */
static void
select_string (GtkWidget *row, const char *text)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
        return;
      }
  g_assert_not_reached ();
}

/* ---- the server's and the stores' units ------------------------------------------- */

/* The server's copy of unit @id, from the change feed. */
static XbUnit *
server_unit (XbTestServer *server, TestClient *as, gint64 id)
{
  gint64 since = 0;
  gboolean more = TRUE;
  XbUnit *found = NULL;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/changes?since=%lld&limit=1000", (long long) since);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GError) error = NULL;
      JsonArray *changes;
      guint status = 0;

      body = server_get (server, xb_sync_client_get_token (as->client), path, &status);
      g_assert_cmpuint (status, ==, 200);
      root = xb_json_parse (g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), &error);
      g_assert_no_error (error);
      changes = json_object_get_array_member (json_node_get_object (root), "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);
          JsonNode *data = json_object_get_member (change, "data");

          if (g_strcmp0 (json_object_get_string_member (change, "kind"), "unit") != 0
              || json_object_get_int_member (json_node_get_object (data), "id") != id)
            continue;
          g_clear_pointer (&found, xb_unit_free);
          found = xb_unit_from_node (data, &error);
          g_assert_no_error (error);
        }
      since = json_object_get_int_member (json_node_get_object (root), "next");
      more = json_object_get_boolean_member (json_node_get_object (root), "more");
    }
  g_assert_nonnull (found);
  return found;
}

static XbUnit *
store_unit (XbStore *store, gint64 id)
{
  g_autoptr(GError) error = NULL;
  XbUnit *unit = xb_store_get_unit (store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (unit);
  return unit;
}

static void
assert_unit (const XbUnit *unit, const char *name, XbUnitKind kind, gint64 parent_id, int quota, gboolean retired)
{
  g_assert_cmpstr (unit->name, ==, name);
  g_assert_cmpint (unit->kind, ==, kind);
  g_assert_cmpint (unit->parent_id, ==, parent_id);
  g_assert_cmpint (unit->monthly_quota, ==, quota);
  g_assert_cmpint (unit->retired, ==, retired);
}

/* The server and, after a sync, the second client both hold @expected. */
static void
assert_everywhere (XbTestServer *server, TestClient *admin, TestClient *other, const XbUnit *expected)
{
  g_autoptr(XbUnit) on_server = server_unit (server, admin, expected->id);
  g_autoptr(XbUnit) in_store = NULL;

  assert_unit (on_server, expected->name, expected->kind, expected->parent_id, expected->monthly_quota, expected->retired);
  sync_now (other);
  in_store = store_unit (other->store, expected->id);
  assert_unit (in_store, expected->name, expected->kind, expected->parent_id, expected->monthly_quota, expected->retired);
}

static gboolean
same_unit (const XbUnit *a, const XbUnit *b)
{
  return a != NULL && b != NULL && a->id == b->id && g_strcmp0 (a->name, b->name) == 0 && a->kind == b->kind
         && a->parent_id == b->parent_id && a->monthly_quota == b->monthly_quota && a->retired == b->retired;
}

typedef struct { GtkWidget *page; XbStore *store; const XbUnit *expected; } RowWait;

/* The section's row of the unit shows @expected (titled, dimmed when
 * retired), and the admin's own store has it: what an editor opens next. */
static gboolean
row_shows (gpointer user_data)
{
  RowWait *wait = user_data;
  GtkWidget *row = unit_row (wait->page, wait->expected->id);
  g_autoptr(XbUnit) stored = xb_store_get_unit (wait->store, wait->expected->id, NULL);

  return row != NULL && same_unit (g_object_get_data (G_OBJECT (row), "unit"), wait->expected)
         && same_unit (stored, wait->expected)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), wait->expected->name) == 0
         && gtk_widget_has_css_class (row, "dim-label") == wait->expected->retired;
}

static void
wait_row (GtkWidget *page, XbStore *store, const XbUnit *expected)
{
  RowWait wait = { page, store, expected };
  xb_test_ui_wait_until (row_shows, &wait, "the unit's row as changed");
}

/* PUT of a new item by @as: the server's status and message. */
static guint
create_item (TestClient *as, char **message)
{
  g_autofree char *uuid = xb_uuid_new ();
  g_autofree char *event = xb_uuid_new ();
  g_autofree char *path = g_strconcat ("/api/v1/items/", uuid, NULL);
  g_autofree char *body = g_strdup_printf ("{\"event_id\":\"%s\",\"title\":\"新稿\",\"body\":\"正文。\","
                                           "\"category\":\"经济运行\",\"type\":\"dynamic\",\"angle\":\"key\","
                                           "\"importance\":\"general\"}", event);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(XbResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  xb_sync_client_request_async (as->client, "PUT", path, body, NULL, on_result, &result);
  response = xb_sync_client_request_finish (as->client, wait_result (&result), &error);
  g_assert_no_error (error);
  *message = xb_response_dup_message (response);
  return response->status;
}

/* ---- editing against the demo city --------------------------------------------------- */

typedef struct {
  XbTestServer *server;
  TestClient   *admin;
  TestClient   *officer;
  GtkWidget    *window;
  GtkWidget    *page;
  XbUnit       *bureau;   /* a city department */
  XbUnit       *county;   /* a county that is not the officer's */
  XbUnit       *own;      /* the officer's unit */
} Units;

static void
pick_units (Units *u)
{
  g_autoptr(GPtrArray) units = xb_store_list_units (u->admin->store, NULL);

  u->own = store_unit (u->admin->store, u->officer->user->unit_id);
  for (guint i = 0; i < units->len; i++)
    {
      XbUnit *unit = units->pdata[i];
      if (unit->retired || unit->parent_id != 0)
        continue;
      if (u->bureau == NULL && unit->kind == XB_UNIT_KIND_DEPARTMENT && unit->monthly_quota < 0)
        u->bureau = xb_unit_copy (unit);
      if (u->county == NULL && unit->kind == XB_UNIT_KIND_COUNTY && unit->id != u->own->id)
        u->county = xb_unit_copy (unit);
    }
  g_assert_nonnull (u->bureau);
  g_assert_nonnull (u->county);
}

/* Blank and taken names and bad quotas: the message, nothing sent, nothing typed lost. */
static void
check_refusals (Units *u)
{
  GtkWidget *dialog = open_editor (u->page, u->bureau->id, NULL);
  GtkWidget *save = child (dialog, "unit-save");
  g_autoptr(XbUnit) after = NULL;

  set_text (dialog, "unit-name", "   ");
  set_text (dialog, "unit-quota", "12");
  click (dialog, "unit-save");
  g_assert_nonnull (message_of (dialog));
  g_assert_true (gtk_widget_has_css_class (child (dialog, "unit-name"), "error"));
  g_assert_true (gtk_widget_get_sensitive (save)); /* not waiting for any answer */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "unit-quota"))), ==, "12");

  set_text (dialog, "unit-name", NEW_NAME);
  for (guint i = 0; i < 3; i++)
    {
      const char *bad[] = { "abc", "10001", "-3" };
      set_text (dialog, "unit-quota", bad[i]);
      click (dialog, "unit-save");
      g_assert_nonnull (strstr (message_of (dialog), "10000"));
      g_assert_true (gtk_widget_get_sensitive (save));
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "unit-quota"))), ==, bad[i]);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "unit-name"))), ==, NEW_NAME);
    }

  /* A name another unit has: the server's 409, in the dialog, typing kept. */
  set_text (dialog, "unit-quota", "12");
  set_text (dialog, "unit-name", u->county->name);
  click (dialog, "unit-save");
  g_assert_false (gtk_widget_get_sensitive (save));
  xb_test_ui_wait_until (has_message, dialog, "the taken name's message");
  g_assert_nonnull (strstr (message_of (dialog), u->county->name));
  g_assert_true (gtk_widget_get_sensitive (save));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "unit-name"))), ==, u->county->name);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "unit-quota"))), ==, "12");
  g_assert_nonnull (xb_test_ui_find_toplevel (XB_TYPE_UNIT_DIALOG));
  xb_test_ui_wait_for_paint (dialog);
  screenshot (dialog, "admin-unit-taken");

  /* Nothing of it reached the server. */
  after = server_unit (u->server, u->admin, u->bureau->id);
  assert_unit (after, u->bureau->name, u->bureau->kind, 0, -1, FALSE);
  click (dialog, "unit-cancel");
  xb_test_ui_wait_until (no_unit_dialog, NULL, "the editor closed");
}

/* Rename, make it a direct-reporting point under a county with its own quota, then clear the quota. */
static void
check_edit (Units *u)
{
  GtkWidget *dialog = open_editor (u->page, u->bureau->id, NULL);
  XbUnit expected = { .id = u->bureau->id, .name = (char *) NEW_NAME, .kind = XB_UNIT_KIND_DIRECT_POINT,
                      .parent_id = u->county->id, .monthly_quota = 7, .retired = FALSE };

  g_assert_false (gtk_widget_get_visible (child (dialog, "unit-parent")));
  set_text (dialog, "unit-name", NEW_NAME);
  select_string (child (dialog, "unit-kind"), g_dgettext (GETTEXT_PACKAGE, "Direct-reporting point"));
  g_assert_true (gtk_widget_get_visible (child (dialog, "unit-parent")));
  select_string (child (dialog, "unit-parent"), u->county->name);
  set_text (dialog, "unit-quota", "7");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 640);
  xb_test_ui_wait_for_paint (dialog);
  screenshot (dialog, "admin-unit-editor");
  click (dialog, "unit-save");
  xb_test_ui_wait_until (no_unit_dialog, NULL, "the editor closed after saving");
  assert_everywhere (u->server, u->admin, u->officer, &expected);
  wait_row (u->page, u->admin->store, &expected);

  /* The quota back to the kind's default: the field shows 7, emptied. */
  dialog = open_editor (u->page, u->bureau->id, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "unit-quota"))), ==, "7");
  g_assert_true (gtk_widget_get_visible (child (dialog, "unit-parent")));
  set_text (dialog, "unit-quota", "");
  click (dialog, "unit-save");
  xb_test_ui_wait_until (no_unit_dialog, NULL, "the editor closed after clearing the quota");
  expected.monthly_quota = -1;
  assert_everywhere (u->server, u->admin, u->officer, &expected);
  wait_row (u->page, u->admin->store, &expected);

  /* Back to a department: no parent any more. */
  dialog = open_editor (u->page, u->bureau->id, NULL);
  select_string (child (dialog, "unit-kind"), g_dgettext (GETTEXT_PACKAGE, "City department"));
  g_assert_false (gtk_widget_get_visible (child (dialog, "unit-parent")));
  click (dialog, "unit-save");
  xb_test_ui_wait_until (no_unit_dialog, NULL, "the editor closed after the kind's change");
  expected.kind = XB_UNIT_KIND_DEPARTMENT;
  expected.parent_id = 0;
  assert_everywhere (u->server, u->admin, u->officer, &expected);
  wait_row (u->page, u->admin->store, &expected);
}

static gboolean
bureau_hidden (gpointer user_data)
{
  Units *u = user_data;
  GtkWidget *row = unit_row (u->page, u->bureau->id);

  return row != NULL && !gtk_widget_get_visible (row);
}

/* Retire the officer's unit (confirmed), see the refusal of a new item, restore it. */
static void
check_retire (Units *u)
{
  GtkWidget *dialog = open_editor (u->page, u->own->id, NULL);
  GtkWidget *confirm;
  g_autofree char *message = NULL, *retired_message = NULL;
  g_autoptr(XbUnit) expected = xb_unit_copy (u->own);
  GtkWidget *row;

  g_assert_null (xb_test_ui_find_by_name (dialog, "unit-restore"));
  click (dialog, "unit-retire");
  confirm = xb_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  xb_test_ui_wait_for_paint (confirm);
  screenshot (confirm, "admin-unit-retire");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "retire");
  xb_test_ui_wait_until (no_unit_dialog, NULL, "the editor closed after retiring");
  expected->retired = TRUE;
  assert_everywhere (u->server, u->admin, u->officer, expected);
  wait_row (u->page, u->admin->store, expected);
  row = unit_row (u->page, u->own->id);
  g_assert_nonnull (xb_test_ui_find_by_label (row, g_dgettext (GETTEXT_PACKAGE, "Retired")));

  /* Its officer can start nothing new: the server says so in the app's language. */
  g_assert_cmpuint (create_item (u->officer, &message), ==, 422);
  retired_message = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "The unit “%s” is retired and takes no new items."),
                                     u->own->name);
  g_assert_cmpstr (message, ==, retired_message);

  /* The retired unit after the points that report under it. */
  set_text (u->page, "admin-unit-search", u->own->name);
  xb_test_ui_wait_until (bureau_hidden, u, "the search applied");
  xb_test_ui_wait_for_paint (u->window);
  screenshot (u->window, "admin-units");
  gtk_window_set_default_size (GTK_WINDOW (u->window), 360, 800);
  xb_test_ui_wait_for_paint (u->window);
  screenshot (u->window, "admin-units-narrow");
  gtk_window_set_default_size (GTK_WINDOW (u->window), 900, 900);
  set_text (u->page, "admin-unit-search", "");

  dialog = open_editor (u->page, u->own->id, NULL);
  g_assert_null (xb_test_ui_find_by_name (dialog, "unit-retire"));
  click (dialog, "unit-restore");
  xb_test_ui_wait_until (no_unit_dialog, NULL, "the editor closed after restoring");
  expected->retired = FALSE;
  assert_everywhere (u->server, u->admin, u->officer, expected);
  wait_row (u->page, u->admin->store, expected);
}

typedef struct { GtkWidget *page; gint64 id; } OnlyWait;

/* Unit @id's row is the only one shown (looked up each time: a sync that
 * ends rebuilds the rows). */
static gboolean
only_visible (gpointer user_data)
{
  OnlyWait *wait = user_data;
  GtkWidget *row = unit_row (wait->page, wait->id);
  guint n = 0;

  if (row == NULL)
    return FALSE;
  for (GtkWidget *w = gtk_widget_get_first_child (gtk_widget_get_parent (row)); w; w = gtk_widget_get_next_sibling (w))
    n += gtk_widget_get_visible (w);
  return n == 1 && gtk_widget_get_visible (row);
}

static void
run_units (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 20 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) admin = test_client_new (server, "admin");
  g_autoptr(TestClient) officer = test_client_new (server, "officer");
  Units u = { server, admin, officer };

  xb_test_ui_init ();
  sync_now (admin);
  sync_now (officer);
  pick_units (&u);
  u.page = xb_admin_page_new ();
  g_object_set (u.page, "store", admin->store, "client", admin->client, "engine", admin->engine, NULL);
  u.window = xb_test_ui_show (u.page, 900, 900);
  g_assert_false (gtk_widget_get_visible (child (u.page, "admin-first-run")));

  check_refusals (&u);
  check_edit (&u);
  check_retire (&u);

  /* The search keeps only the units that match. */
  set_text (u.page, "admin-unit-search", NEW_NAME);
  {
    OnlyWait wait = { u.page, u.bureau->id };
    xb_test_ui_wait_until (only_visible, &wait, "only the unit searched for");
  }
  set_text (u.page, "admin-unit-search", "");

  gtk_window_destroy (GTK_WINDOW (u.window));
  g_clear_pointer (&u.bureau, xb_unit_free);
  g_clear_pointer (&u.county, xb_unit_free);
  g_clear_pointer (&u.own, xb_unit_free);
}

static void
test_units (void)
{
  xb_test_ui_in_subprocess (run_units, NULL);
}

static void
test_units_zh_cn (void)
{
  xb_test_ui_in_subprocess (run_units, "zh_CN:zh");
}

/* ---- the first run: a new server with only the office -------------------------------- */

static void G_GNUC_NULL_TERMINATED
server_cli (const char *input, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("XINBAO_SERVER"));
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                               | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_subprocess_get_successful (process));
}

static TestClient *
first_admin (XbTestServer *server)
{
  TestClient *c = g_new0 (TestClient, 1);
  g_autoptr(GError) error = NULL;

  c->dir = g_dir_make_tmp ("xb-admin-XXXXXX", &error);
  g_assert_no_error (error);
  c->store_path = g_build_filename (c->dir, "client.db", NULL);
  c->store = xb_store_open (c->store_path, &error);
  g_assert_no_error (error);
  c->client = xb_sync_client_new (server->url, &error);
  g_assert_no_error (error);
  c->user = sign_in (c->client, "admin", FIRST_RUN_PASSWORD, &error);
  g_assert_no_error (error);
  c->engine = xb_sync_engine_new (c->store, c->client);
  xb_sync_engine_start (c->engine);
  return c;
}

static gboolean
first_run_hidden (gpointer user_data)
{
  return !gtk_widget_get_visible (child (user_data, "admin-first-run"));
}

static gint64
unit_id_named (XbStore *store, const char *name)
{
  g_autoptr(GPtrArray) units = xb_store_list_units (store, NULL);

  for (guint i = 0; i < units->len; i++)
    if (g_strcmp0 (((XbUnit *) units->pdata[i])->name, name) == 0)
      return ((XbUnit *) units->pdata[i])->id;
  return 0;
}

static gboolean
store_has_point (gpointer user_data)
{
  return unit_id_named (user_data, "城关直报点") != 0;
}

static gboolean
setup_hidden (gpointer user_data)
{
  return !gtk_widget_get_visible (xb_test_ui_find_by_name (user_data, "item-list-setup"));
}

/* The main window on a new server: the empty item list says how to set up
 * and opens the Administration page. */
static XbWindow *
first_run_window (XbApplication *app, TestClient *admin)
{
  XbWindow *window = xb_window_new (app, admin->store);
  GtkWidget *setup;

  xb_window_set_engine (window, admin->engine);
  gtk_window_present (GTK_WINDOW (window));
  xb_window_show_items (window);
  xb_test_ui_wait_for_paint (GTK_WIDGET (window));
  setup = xb_test_ui_find_by_name (GTK_WIDGET (window), "item-list-setup");
  g_assert_nonnull (setup);
  g_assert_true (gtk_widget_get_visible (setup));
  screenshot (GTK_WIDGET (window), "first-run-window");
  g_signal_emit_by_name (setup, "clicked");
  g_assert_cmpstr (xb_window_get_page (window), ==, "admin");
  xb_window_set_page (window, "items");
  return window;
}

static void
run_first_run (void)
{
  g_autoptr(XbApplication) app = NULL;
  XbWindow *main_window;
  g_autofree char *root = g_dir_make_tmp ("xb-first-run-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (root, "data", NULL);
  XbTestServerOptions options = { .data_dir = data };
  g_autoptr(XbTestServer) server = NULL;
  g_autoptr(TestClient) admin = NULL;
  g_autoptr(XbUnit) county = NULL;
  g_autoptr(XbUnit) point = NULL;
  GtkWidget *page, *window, *dialog, *status;
  gint64 county_id;

  xb_test_ui_init ();
  server_cli (NULL, "add-unit", "--data-dir", data, "--name", "市人民政府办公室", "--kind", "office", NULL);
  server_cli (FIRST_RUN_PASSWORD "\n", "add-user", "--data-dir", data, "--username", "admin", "--name", "管理员",
              "--unit", "1", "--roles", "admin", NULL);
  server = xb_test_server_start (&options);
  admin = first_admin (server);
  sync_now (admin);
  app = xb_test_ui_new_application ();
  main_window = first_run_window (app, admin);
  page = xb_admin_page_new ();
  g_object_set (page, "store", admin->store, "client", admin->client, "engine", admin->engine, NULL);
  window = xb_test_ui_show (page, 900, 800);

  /* Only the office: the next step, with Add Unit and Import from CSV. */
  g_assert_true (gtk_widget_get_visible (child (page, "admin-first-run")));
  status = xb_test_ui_find_widget (child (page, "admin-first-run"), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status);
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)),
                            g_dgettext (GETTEXT_PACKAGE, "Add the county offices and departments that report to you, "
                                                         "or import them from a CSV file.")));
  g_assert_true (gtk_widget_get_visible (child (page, "admin-first-import-units")));
  g_assert_false (gtk_widget_get_visible (child (page, "admin-unit-search")));
  g_assert_nonnull (unit_row (page, 1));
  screenshot (window, "admin-first-run");
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 800);
  xb_test_ui_wait_for_paint (window);
  screenshot (window, "admin-first-run-narrow");
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 800);

  /* Import from CSV… opens the import dialog. */
  click (page, "admin-first-import-units");
  g_assert_nonnull (xb_test_ui_find_toplevel (XB_TYPE_IMPORT_DIALOG));
  gtk_window_destroy (GTK_WINDOW (xb_test_ui_find_toplevel (XB_TYPE_IMPORT_DIALOG)));

  /* Add Unit…: the first county; the empty state gives way to the list. */
  dialog = open_editor (page, 0, "admin-first-add-unit");
  set_text (dialog, "unit-name", "城关区政府办");
  select_string (child (dialog, "unit-kind"), g_dgettext (GETTEXT_PACKAGE, "County or district office"));
  click (dialog, "unit-save");
  xb_test_ui_wait_until (no_unit_dialog, NULL, "the new unit's editor closed");
  xb_test_ui_wait_until (first_run_hidden, page, "the first-run state gone");
  county_id = unit_id_named (admin->store, "城关区政府办");
  g_assert_cmpint (county_id, >, 1);
  /* A unit reports now: the main window's list is an ordinary empty list. */
  xb_test_ui_wait_until (setup_hidden, main_window, "the set-up button gone from the main window");

  /* A direct-reporting point under it, with its own quota, through Add Unit… */
  dialog = open_editor (page, 0, "admin-add-unit");
  set_text (dialog, "unit-name", "城关直报点");
  select_string (child (dialog, "unit-kind"), g_dgettext (GETTEXT_PACKAGE, "Direct-reporting point"));
  select_string (child (dialog, "unit-parent"), "城关区政府办");
  set_text (dialog, "unit-quota", "3");
  click (dialog, "unit-save");
  xb_test_ui_wait_until (no_unit_dialog, NULL, "the point's editor closed");
  xb_test_ui_wait_until (store_has_point, admin->store, "the point in the admin's store");
  point = server_unit (server, admin, unit_id_named (admin->store, "城关直报点"));
  assert_unit (point, "城关直报点", XB_UNIT_KIND_DIRECT_POINT, county_id, 3, FALSE);
  county = server_unit (server, admin, county_id);
  assert_unit (county, "城关区政府办", XB_UNIT_KIND_COUNTY, 0, -1, FALSE);
  wait_row (page, admin->store, point);

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (main_window));
  g_clear_pointer (&admin, test_client_free);
  g_clear_pointer (&server, xb_test_server_free);
  xb_test_rm_rf (root);
}

static void
test_first_run (void)
{
  xb_test_ui_in_subprocess (run_first_run, NULL);
}

static void
test_first_run_zh_cn (void)
{
  xb_test_ui_in_subprocess (run_first_run, "zh_CN:zh");
}

/* ---- offline ---------------------------------------------------------------------------- */

static void
put_unit (XbStore *store, gint64 id, const char *name, XbUnitKind kind, gboolean retired)
{
  XbUnit unit = { .id = id, .name = (char *) name, .kind = kind, .monthly_quota = -1, .retired = retired };
  g_autoptr(GError) error = NULL;

  g_assert_true (xb_store_put_unit (store, &unit, &error));
  g_assert_no_error (error);
}

/* From a store alone: retired units dimmed and tagged; a change offline is
 * refused in the editor, which stays open with what was typed. */
static void
test_offline (void)
{
  g_autofree char *dir = g_dir_make_tmp ("xb-admin-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (path, &error);
  g_autoptr(XbUnit) unit = NULL;
  GtkWidget *page = xb_admin_page_new ();
  GtkWidget *window, *row, *dialog;

  g_assert_no_error (error);
  put_unit (store, 1, "City Office", XB_UNIT_KIND_OFFICE, FALSE);
  put_unit (store, 2, "Old County", XB_UNIT_KIND_COUNTY, TRUE);
  put_unit (store, 3, "New County", XB_UNIT_KIND_COUNTY, FALSE);
  g_object_set (page, "store", store, NULL);
  window = xb_test_ui_show (page, 800, 700);

  row = unit_row (page, 1);
  g_assert_false (gtk_widget_has_css_class (row, "dim-label"));
  row = unit_row (page, 2);
  g_assert_true (gtk_widget_has_css_class (row, "dim-label"));
  g_assert_nonnull (xb_test_ui_find_by_label (row, g_dgettext (GETTEXT_PACKAGE, "Retired")));
  g_assert_false (gtk_widget_get_visible (child (page, "admin-first-run")));

  dialog = open_editor (page, 3, NULL);
  set_text (dialog, "unit-name", "Renamed County");
  click (dialog, "unit-save");
  g_assert_nonnull (message_of (dialog));
  g_assert_nonnull (xb_test_ui_find_toplevel (XB_TYPE_UNIT_DIALOG));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "unit-name"))), ==, "Renamed County");
  unit = store_unit (store, 3);
  g_assert_cmpstr (unit->name, ==, "New County");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  xb_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  xb_test_ui_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/admin/offline", test_offline);
  g_test_add_func ("/admin/units", test_units);
  g_test_add_func ("/admin/units-zh_CN", test_units_zh_cn);
  g_test_add_func ("/admin/first-run", test_first_run);
  g_test_add_func ("/admin/first-run-zh_CN", test_first_run_zh_cn);
  return g_test_run ();
}
