/* Tests of the Administration page's People section against the real server: accounts created, checked, edited, their passwords reset, disabled and enabled. */
#include "config.h"

#include <adwaita.h>

#include "test-sync-common.h"
#include "xb-admin-people.h"
#include "xb-test-ui.h"

#define NEW_USERNAME    "li.na"
#define NEW_NAME        "李娜 Li Na"
#define FIRST_PASSWORD  "spring-flood-2026"
#define SECOND_PASSWORD "autumn-harvest-9"
/* The server's words, in the app's language (it sends Accept-Language). */
#define TAKEN_MESSAGE   g_dgettext (GETTEXT_PACKAGE, "Another account has this username.")
#define SELF_MESSAGE    g_dgettext (GETTEXT_PACKAGE, "An administrator cannot disable their own account or drop their own admin role.")

static GtkWidget *
field (GtkWidget *root, const char *name)
{
  GtkWidget *widget = xb_test_ui_find_by_name (root, name);

  if (widget == NULL)
    g_error ("No widget named %s", name);
  return widget;
}

static void
set_text (GtkWidget *root, const char *name, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (field (root, name)), text);
}

static const char *
get_text (GtkWidget *root, const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (field (root, name)));
}

static void
click (GtkWidget *root, const char *name)
{
  g_signal_emit_by_name (field (root, name), "clicked");
}

static void
check (GtkWidget *root, const char *name, gboolean active)
{
  gtk_check_button_set_active (GTK_CHECK_BUTTON (field (root, name)), active);
}

static void
select_unit (GtkWidget *combo, const char *name)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (combo));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), name) == 0)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (combo), i);
        return;
      }
  g_error ("No unit %s in the combo", name);
}

static GtkWidget *
person_row (GtkWidget *section, const char *username)
{
  g_autofree char *name = g_strconcat ("person-", username, NULL);

  return xb_test_ui_find_by_name (section, name);
}

typedef struct { GtkWidget *root; const char *text; } Lookup;

static gboolean
has_row (gpointer user_data)
{
  Lookup *lookup = user_data;
  return person_row (lookup->root, lookup->text) != NULL;
}

static gboolean
has_label (gpointer user_data)
{
  Lookup *lookup = user_data;
  return xb_test_ui_find_by_label (lookup->root, lookup->text) != NULL;
}

static gboolean
no_label (gpointer user_data)
{
  return !has_label (user_data);
}

static void
wait_row (GtkWidget *section, const char *username)
{
  Lookup lookup = { section, username };
  g_autofree char *what = g_strdup_printf ("the row of %s", username);

  xb_test_ui_wait_until (has_row, &lookup, what);
}

static void
wait_label (GtkWidget *root, const char *text)
{
  Lookup lookup = { root, text };
  g_autofree char *what = g_strdup_printf ("“%s” shown", text);

  xb_test_ui_wait_until (has_label, &lookup, what);
}

/* ---- the server, seen directly ------------------------------------------------------ */

static GPtrArray *
server_users (XbTestServer *server, TestClient *admin)
{
  guint status = 0;
  g_autoptr(GBytes) body = server_get (server, xb_sync_client_get_token (admin->client), "/api/v1/admin/users", &status);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *users = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_user_free);
  JsonArray *array;

  g_assert_cmpuint (status, ==, 200);
  root = xb_json_parse (g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (root), "users");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      XbUser *user = xb_user_from_node (json_array_get_element (array, i), &error);
      g_assert_no_error (error);
      g_ptr_array_add (users, user);
    }
  return users;
}

static XbUser *
server_user (XbTestServer *server, TestClient *admin, const char *username)
{
  g_autoptr(GPtrArray) users = server_users (server, admin);

  for (guint i = 0; i < users->len; i++)
    if (g_strcmp0 (((XbUser *) users->pdata[i])->username, username) == 0)
      return xb_user_copy (users->pdata[i]);
  return NULL;
}

static guint
session_status (XbTestServer *server, const char *token)
{
  guint status = 0;
  g_autoptr(GBytes) body = server_get (server, token, "/api/v1/session", &status);

  return status;
}

static XbSyncClient *
try_sign_in (XbTestServer *server, const char *username, const char *password, GError **error)
{
  g_autoptr(XbSyncClient) client = xb_sync_client_new (server->url, NULL);
  g_autoptr(XbUser) user = sign_in (client, username, password, error);

  return user != NULL ? g_steal_pointer (&client) : NULL;
}

/* ---- the section -------------------------------------------------------------------- */

static GtkWidget *
show (GtkWidget *section, TestClient *admin)
{
  GtkWidget *window = gtk_window_new ();

  g_object_set (section, "store", admin->store, "client", admin->client, "engine", admin->engine, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 1000);
  gtk_window_set_child (GTK_WINDOW (window), section);
  gtk_window_present (GTK_WINDOW (window));
  xb_test_ui_wait_for_paint (window);
  return window;
}

static void
screenshot (GtkWidget *window, int width, const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s%s.png", name, g_getenv ("LANGUAGE") != NULL ? "-zh_CN" : "");

  gtk_window_set_default_size (GTK_WINDOW (window), width, 1000);
  xb_test_ui_wait_for_paint (window);
  g_assert_cmpint (gtk_widget_get_width (window), ==, width);
  g_free (xb_test_ui_save_png (window, file));
}

/* The new account's form filled in; @role the one role checked. */
static void
fill_new (GtkWidget *section, const char *username, const char *name, const char *unit,
          const char *role, const char *password, const char *confirm)
{
  g_autofree char *role_name = g_strconcat ("people-new-role-", role, NULL);

  set_text (section, "people-new-username", username);
  set_text (section, "people-new-name", name);
  if (unit != NULL)
    select_unit (field (section, "people-new-unit"), unit);
  check (section, role_name, TRUE);
  set_text (section, "people-new-password", password);
  set_text (section, "people-new-confirm", confirm);
}

static guint
count_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  return g_strv_length (lines);
}

static const char *
message (GtkWidget *root, const char *name)
{
  GtkWidget *label = field (root, name);

  g_assert_true (gtk_widget_get_visible (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static AdwMessageDialog *
find_dialog (void)
{
  return (AdwMessageDialog *) xb_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

/* Clicks Disable… in @row, checks the dialog names @username and confirms. */
static void
confirm_disable (GtkWidget *row, const char *username)
{
  AdwMessageDialog *dialog;

  click (row, "person-access");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), username));
  adw_message_dialog_response (dialog, "disable");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
tag_shown (gpointer user_data)
{
  return gtk_widget_get_visible (field (user_data, "person-disabled-tag"));
}

static gboolean
tag_hidden (gpointer user_data)
{
  return !tag_shown (user_data);
}

static gboolean
text_empty (gpointer user_data)
{
  return gtk_editable_get_text (GTK_EDITABLE (user_data))[0] == '\0';
}

static gboolean
shows_only (gpointer user_data)
{
  Lookup *lookup = user_data;
  GtkWidget *match = person_row (lookup->root, lookup->text);
  GtkWidget *admin = person_row (lookup->root, "admin");

  return gtk_widget_get_child_visible (match) && !gtk_widget_get_child_visible (admin);
}

/* ---- creating an account ------------------------------------------------------------ */

static void
run_create (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 30 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) admin = test_client_new (server, "admin");
  g_autoptr(XbUser) officer = NULL;
  g_autoptr(XbUnit) unit = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(XbUser) created = NULL;
  g_autoptr(XbSyncClient) fresh = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *section = xb_admin_people_new ();
  GtkWidget *window, *form, *row;
  Lookup lookup;

  xb_test_ui_init ();
  sync_now (admin);
  officer = server_user (server, admin, "officer");
  g_assert_nonnull (officer);
  unit = xb_store_get_unit (admin->store, officer->unit_id, &error);
  g_assert_no_error (error);
  window = show (section, admin);

  /* Every account of the server has a row, with its unit and roles. */
  wait_row (section, "officer");
  before = server_users (server, admin);
  for (guint i = 0; i < before->len; i++)
    g_assert_nonnull (person_row (section, ((XbUser *) before->pdata[i])->username));
  row = person_row (section, "officer");
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), unit->name));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), xb_role_label (XB_ROLE_OFFICER)));

  /* The search finds by unit. */
  set_text (section, "people-search", unit->name);
  lookup = (Lookup) { section, "officer" };
  xb_test_ui_wait_until (shows_only, &lookup, "only the unit's people shown");
  set_text (section, "people-search", "");

  form = field (section, "people-new");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (form), TRUE);

  /* An empty form: a message for each of the five fields, nothing sent. */
  click (section, "people-create");
  g_assert_cmpuint (count_lines (message (section, "people-new-message")), ==, 5);
  g_assert_true (gtk_widget_has_css_class (field (section, "people-new-username"), "error"));
  g_assert_true (gtk_widget_has_css_class (field (section, "people-new-unit"), "error"));

  /* A short password, then two that differ: refused before sending. */
  fill_new (section, NEW_USERNAME, NEW_NAME, unit->name, "officer", "short12", "short12");
  click (section, "people-create");
  g_assert_cmpuint (count_lines (message (section, "people-new-message")), ==, 1);
  g_assert_nonnull (strstr (message (section, "people-new-message"), "8"));
  set_text (section, "people-new-password", FIRST_PASSWORD);
  set_text (section, "people-new-confirm", "spring-flood-2027");
  click (section, "people-create");
  g_assert_cmpuint (count_lines (message (section, "people-new-message")), ==, 1);
  g_assert_true (gtk_widget_has_css_class (field (section, "people-new-confirm"), "error"));
  xb_test_ui_spin (300);
  g_assert_null (server_user (server, admin, NEW_USERNAME));
  screenshot (window, 360, "admin-people-new-narrow");
  screenshot (window, 900, "admin-people-new");

  /* Right: on the server, in the list, and the person signs in. */
  set_text (section, "people-new-confirm", FIRST_PASSWORD);
  click (section, "people-create");
  wait_row (section, NEW_USERNAME);
  g_assert_false (gtk_widget_get_visible (field (section, "people-new-message")));
  created = server_user (server, admin, NEW_USERNAME);
  g_assert_nonnull (created);
  g_assert_cmpstr (created->display_name, ==, NEW_NAME);
  g_assert_cmpint (created->unit_id, ==, unit->id);
  g_assert_cmpuint (created->roles, ==, XB_ROLE_BIT (XB_ROLE_OFFICER));
  g_assert_false (created->disabled);
  g_assert_cmpstr (get_text (section, "people-new-username"), ==, "");
  g_assert_cmpstr (get_text (section, "people-new-password"), ==, "");
  fresh = try_sign_in (server, NEW_USERNAME, FIRST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fresh);
  g_assert_cmpstr (xb_sync_client_get_user (fresh)->display_name, ==, NEW_NAME);

  /* A username taken: the server's words, and what was typed stays. */
  fill_new (section, "officer", "王强 Wang Qiang", NULL, "officer", FIRST_PASSWORD, FIRST_PASSWORD);
  click (section, "people-create");
  wait_label (section, TAKEN_MESSAGE);
  g_assert_cmpstr (get_text (section, "people-new-username"), ==, "officer");
  g_assert_cmpstr (get_text (section, "people-new-name"), ==, "王强 Wang Qiang");
  g_assert_cmpstr (get_text (section, "people-new-password"), ==, FIRST_PASSWORD);
  users = server_users (server, admin);
  g_assert_cmpuint (users->len, ==, before->len + 1);
  screenshot (window, 900, "admin-people-taken");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_create (void)
{
  xb_test_ui_in_subprocess (run_create, NULL);
}

static void
test_create_zh_cn (void)
{
  xb_test_ui_in_subprocess (run_create, "zh_CN:zh");
}

/* ---- editing, passwords, disabling -------------------------------------------------- */

/* Another unit than @not, not retired. */
static XbUnit *
other_unit (XbStore *store, gint64 not)
{
  g_autoptr(GPtrArray) units = xb_store_list_units (store, NULL);

  for (guint i = 0; i < units->len; i++)
    {
      XbUnit *unit = units->pdata[i];
      if (unit->id != not && !unit->retired && unit->kind != XB_UNIT_KIND_OFFICE)
        return xb_unit_copy (unit);
    }
  g_assert_not_reached ();
}

static void
create_account (GtkWidget *section, const char *unit)
{
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (field (section, "people-new")), TRUE);
  fill_new (section, NEW_USERNAME, NEW_NAME, unit, "officer", FIRST_PASSWORD, FIRST_PASSWORD);
  click (section, "people-create");
  wait_row (section, NEW_USERNAME);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (field (section, "people-new")), FALSE);
}

typedef struct {
  XbTestServer *server;
  TestClient   *admin;
  gint64        unit_id;
  XbRoles       roles;
} Expected;

static gboolean
server_has_edit (gpointer user_data)
{
  Expected *e = user_data;
  g_autoptr(XbUser) user = server_user (e->server, e->admin, NEW_USERNAME);

  return user->unit_id == e->unit_id && user->roles == e->roles;
}

static void
run_edit (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 30 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) admin = test_client_new (server, "admin");
  g_autoptr(TestClient) editor = test_client_new (server, "editor");
  g_autoptr(XbUser) officer = NULL;
  g_autoptr(XbUser) stored = NULL;
  g_autoptr(XbUser) on_server = NULL;
  g_autoptr(XbUnit) moved_to = NULL;
  g_autoptr(XbSyncClient) person = NULL;
  g_autoptr(XbSyncClient) refused = NULL;
  g_autoptr(XbSyncClient) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  GtkWidget *section = xb_admin_people_new ();
  GtkWidget *window, *row, *self_row;
  Expected expected;
  Lookup lookup;

  xb_test_ui_init ();
  sync_now (admin);
  sync_now (editor);
  officer = server_user (server, admin, "officer");
  window = show (section, admin);
  wait_row (section, "officer");
  {
    g_autoptr(XbUnit) unit = xb_store_get_unit (admin->store, officer->unit_id, NULL);
    create_account (section, unit->name);
  }

  /* Unit and roles edited: the server and a second client's store agree. */
  set_text (section, "people-search", NEW_USERNAME);
  row = person_row (section, NEW_USERNAME);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  g_assert_cmpstr (get_text (row, "person-name"), ==, NEW_NAME);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (field (row, "person-role-officer"))));
  moved_to = other_unit (admin->store, officer->unit_id);
  select_unit (field (row, "person-unit"), moved_to->name);
  check (row, "person-role-unit_leader", TRUE);
  click (row, "person-save");
  expected = (Expected) { server, admin, moved_to->id,
                          XB_ROLE_BIT (XB_ROLE_OFFICER) | XB_ROLE_BIT (XB_ROLE_UNIT_LEADER) };
  xb_test_ui_wait_until (server_has_edit, &expected, "the edit on the server");
  sync_now (editor);
  stored = xb_store_find_user (editor->store, NEW_USERNAME, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpint (stored->unit_id, ==, moved_to->id);
  g_assert_cmpuint (stored->roles, ==, expected.roles);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), moved_to->name));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), xb_role_label (XB_ROLE_UNIT_LEADER)));

  /* A password reset: checked first; then the old one is refused, the new one works. */
  set_text (row, "person-password", SECOND_PASSWORD);
  set_text (row, "person-confirm", "autumn-harvest-8");
  click (row, "person-reset");
  g_assert_cmpuint (count_lines (message (row, "person-reset-message")), ==, 1);
  set_text (row, "person-confirm", SECOND_PASSWORD);
  click (row, "person-reset");
  xb_test_ui_wait_until (text_empty, field (row, "person-password"), "the reset done");
  refused = try_sign_in (server, NEW_USERNAME, FIRST_PASSWORD, &error);
  g_assert_error (error, XB_ERROR, XB_ERROR_UNAUTHORIZED);
  g_assert_null (refused);
  g_clear_error (&error);
  person = try_sign_in (server, NEW_USERNAME, SECOND_PASSWORD, &error);
  g_assert_no_error (error);
  token = g_strdup (xb_sync_client_get_token (person));
  g_assert_cmpuint (session_status (server, token), ==, 200);
  screenshot (window, 900, "admin-people-edit");
  screenshot (window, 360, "admin-people-edit-narrow");
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 1000);

  /* Disabled after the dialog: the person's token is refused at once. */
  confirm_disable (row, NEW_USERNAME);
  xb_test_ui_wait_until (tag_shown, row, "the Disabled tag");
  g_assert_cmpuint (session_status (server, token), ==, 401);
  on_server = server_user (server, admin, NEW_USERNAME);
  g_assert_true (on_server->disabled);
  g_clear_pointer (&on_server, xb_user_free);
  refused = try_sign_in (server, NEW_USERNAME, SECOND_PASSWORD, &error);
  g_assert_error (error, XB_ERROR, XB_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), FALSE);
  g_assert_true (gtk_widget_has_css_class (row, "dim-label"));
  /* The unit's people, the disabled account last and dimmed. */
  set_text (section, "people-search", moved_to->name);
  screenshot (window, 900, "admin-people");
  screenshot (window, 360, "admin-people-narrow");
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 1000);

  /* Enabled again: signs in. */
  set_text (section, "people-search", NEW_USERNAME);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  click (row, "person-access");
  xb_test_ui_wait_until (tag_hidden, row, "the Disabled tag gone");
  again = try_sign_in (server, NEW_USERNAME, SECOND_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);

  /* The administrator cannot disable themselves nor drop their own admin
   * role: the server's words are shown, nothing changes. */
  set_text (section, "people-search", "");
  self_row = person_row (section, "admin");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self_row), TRUE);
  check (self_row, "person-role-admin", FALSE);
  check (self_row, "person-role-editor", TRUE);
  click (self_row, "person-save");
  wait_label (section, SELF_MESSAGE);
  /* The next refusal's toast shows once this one has gone. */
  lookup = (Lookup) { section, SELF_MESSAGE };
  xb_test_ui_wait_until (no_label, &lookup, "the first refusal's toast gone");
  confirm_disable (self_row, "admin");
  wait_label (section, SELF_MESSAGE);
  on_server = server_user (server, admin, "admin");
  g_assert_false (on_server->disabled);
  g_assert_cmpuint (on_server->roles, ==, XB_ROLE_BIT (XB_ROLE_ADMIN));
  g_assert_false (gtk_widget_get_visible (field (self_row, "person-disabled-tag")));
  g_assert_cmpuint (session_status (server, xb_sync_client_get_token (admin->client)), ==, 200);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_edit (void)
{
  xb_test_ui_in_subprocess (run_edit, NULL);
}

static void
test_edit_zh_cn (void)
{
  xb_test_ui_in_subprocess (run_edit, "zh_CN:zh");
}

/* ---- offline ------------------------------------------------------------------------ */

static void
run_offline (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 10 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) admin = test_client_new (server, "admin");
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GPtrArray) on_server = NULL;
  GtkWidget *section = xb_admin_people_new ();
  GtkWidget *window = gtk_window_new ();
  g_autoptr(XbUnit) unit = NULL;
  g_autoptr(XbUser) officer = NULL;

  xb_test_ui_init ();
  sync_now (admin);
  /* No client: the store's accounts, and creating is refused. */
  g_object_set (section, "store", admin->store, "engine", admin->engine, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 800);
  gtk_window_set_child (GTK_WINDOW (window), section);
  gtk_window_present (GTK_WINDOW (window));
  xb_test_ui_wait_for_paint (window);
  users = xb_store_list_users (admin->store, NULL);
  g_assert_cmpuint (users->len, >, 0);
  for (guint i = 0; i < users->len; i++)
    g_assert_nonnull (person_row (section, ((XbUser *) users->pdata[i])->username));
  officer = xb_store_find_user (admin->store, "officer", NULL);
  unit = xb_store_get_unit (admin->store, officer->unit_id, NULL);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (field (section, "people-new")), TRUE);
  fill_new (section, NEW_USERNAME, NEW_NAME, unit->name, "officer", FIRST_PASSWORD, FIRST_PASSWORD);
  click (section, "people-create");
  wait_label (section, g_dgettext (GETTEXT_PACKAGE, "Managing accounts needs a connection to the server; you are offline."));
  g_assert_cmpstr (get_text (section, "people-new-username"), ==, NEW_USERNAME);
  on_server = server_users (server, admin);
  g_assert_cmpuint (on_server->len, ==, users->len);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_offline (void)
{
  xb_test_ui_in_subprocess (run_offline, NULL);
}

int
main (int argc, char **argv)
{
  xb_test_ui_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/admin-people/create", test_create);
  g_test_add_func ("/admin-people/create-zh_CN", test_create_zh_cn);
  g_test_add_func ("/admin-people/edit", test_edit);
  g_test_add_func ("/admin-people/edit-zh_CN", test_edit_zh_cn);
  g_test_add_func ("/admin-people/offline", test_offline);
  return g_test_run ();
}
