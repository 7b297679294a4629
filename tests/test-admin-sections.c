/* Tests of the Administration sections against the real server: commissioned requests, rosters, policy. */
#include "config.h"

#include <adwaita.h>

#include "test-sync-common.h"
#include "xb-admin-policy.h"
#include "xb-admin-requests.h"
#include "xb-admin-rosters.h"
#include "xb-store-requests.h"
#include "xb-test-ui.h"
#include "xb-window.h"

#define TOPIC "Flood recovery progress 汛后恢复进展"

static GtkWidget *
show (GtkWidget *section, TestClient *admin)
{
  GtkWidget *window = gtk_window_new ();

  g_object_set (section, "store", admin->store, "client", admin->client, "engine", admin->engine, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 900);
  gtk_window_set_child (GTK_WINDOW (window), section);
  gtk_window_present (GTK_WINDOW (window));
  xb_test_ui_wait_for_paint (window);
  return window;
}

static gboolean
store_has_request (gpointer user_data)
{
  XbStore *store = user_data;
  g_autoptr(GPtrArray) requests = xb_store_list_requests (store, 0, FALSE, 0, NULL);

  for (guint i = 0; requests != NULL && i < requests->len; i++)
    if (g_strcmp0 (((XbRequest *) g_ptr_array_index (requests, i))->topic, TOPIC) == 0)
      return TRUE;
  return FALSE;
}

/* @row is the only visible row of its group. */
static gboolean
only_visible (gpointer user_data)
{
  GtkWidget *row = user_data;
  guint n = 0;

  for (GtkWidget *w = gtk_widget_get_first_child (gtk_widget_get_parent (row)); w; w = gtk_widget_get_next_sibling (w))
    n += gtk_widget_get_visible (w);
  return n == 1 && gtk_widget_get_visible (row);
}

static gboolean
server_has_request (XbTestServer *server, TestClient *as, gint64 unit_id)
{
  guint status = 0;
  g_autoptr(GBytes) body = server_get (server, xb_sync_client_get_token (as->client), "/api/v1/requests", &status);
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (body, NULL), NULL);
  JsonArray *requests;

  g_assert_cmpuint (status, ==, 200);
  requests = json_object_get_array_member (json_node_get_object (root), "requests");
  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      JsonArray *units = json_object_get_array_member (request, "unit_ids");
      if (g_strcmp0 (json_object_get_string_member (request, "topic"), TOPIC) != 0)
        continue;
      return json_array_get_length (units) == 1 && json_array_get_int_element (units, 0) == unit_id;
    }
  return FALSE;
}

static gboolean
list_has_topic (gpointer user_data)
{
  return xb_test_ui_find_by_label (xb_test_ui_find_by_name (user_data, "request-list"), TOPIC) != NULL;
}

static void
run_requests (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 100 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) admin = test_client_new (server, "admin");
  g_autoptr(TestClient) officer = test_client_new (server, "officer");
  g_autoptr(XbUnit) unit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *png = NULL;
  GtkWidget *section = xb_admin_requests_new ();
  GtkWidget *window, *units, *row, *send;
  gint64 unit_id = officer->user->unit_id;

  xb_test_ui_init ();
  sync_now (admin);
  sync_now (officer);
  g_assert_false (store_has_request (officer->store));
  window = show (section, admin);
  unit = xb_store_get_unit (admin->store, unit_id, &error);
  g_assert_no_error (error);

  /* Offline first: refused, nothing sent. */
  g_object_set (section, "client", NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (xb_test_ui_find_by_name (section, "request-topic")), TOPIC);
  units = xb_test_ui_find_by_name (section, "request-units");
  row = gtk_widget_get_ancestor (xb_test_ui_find_by_label (units, unit->name), ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  gtk_check_button_set_active (g_object_get_data (G_OBJECT (row), "check"), TRUE);
  send = xb_test_ui_find_by_name (section, "request-send");
  gtk_widget_activate (send);
  xb_test_ui_spin (200);
  g_assert_false (server_has_request (server, admin, unit_id));

  /* The search hides units that do not match. */
  gtk_editable_set_text (GTK_EDITABLE (xb_test_ui_find_by_name (section, "request-unit-search")), unit->name);
  xb_test_ui_wait_until (only_visible, row, "only the unit searched for shown");

  /* Online: sent, on the server, in the admin's list and the officer's store. */
  g_object_set (section, "client", admin->client, NULL);
  gtk_widget_activate (send);
  /* The engine is kicked after the server's answer: the request comes back
   * through the feed. */
  xb_test_ui_wait_until (store_has_request, admin->store, "the request in the admin's store");
  g_assert_true (xb_sync_engine_wait_idle (admin->engine, SYNC_TIMEOUT_MS));
  g_assert_true (server_has_request (server, admin, unit_id));
  /* The server's list replaces the store's once it answers: wait for the topic there. */
  xb_test_ui_wait_until (list_has_topic, section, "the request in the section's list");
  xb_test_ui_spin (200);
  xb_test_ui_wait_until (list_has_topic, section, "the request in the section's list");
  {
    GtkWidget *label = xb_test_ui_find_by_label (xb_test_ui_find_by_name (section, "request-list"), TOPIC);
    GtkWidget *expander;
    g_assert_nonnull (label);
    expander = gtk_widget_get_ancestor (label, ADW_TYPE_EXPANDER_ROW);
    g_assert_nonnull (expander);
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
    /* The unit asked, pending: nothing sent yet, deadline ahead. */
    g_assert_nonnull (xb_test_ui_find_by_label (expander, unit->name));
    g_assert_nonnull (xb_test_ui_find_by_label (expander, g_dgettext (GETTEXT_PACKAGE, "Pending")));
  }
  sync_now (officer);
  g_assert_true (store_has_request (officer->store));
  gtk_editable_set_text (GTK_EDITABLE (xb_test_ui_find_by_name (section, "request-unit-search")), "");
  xb_test_ui_spin (100);
  png = xb_test_ui_save_png (window, g_getenv ("LANGUAGE") != NULL ? "admin-requests-zh_CN.png"
                                                                    : "admin-requests.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_requests (void)
{
  xb_test_ui_in_subprocess (run_requests, NULL);
}

static void
test_requests_zh_cn (void)
{
  xb_test_ui_in_subprocess (run_requests, "zh_CN:zh");
}

static guint
count_rows (GtkWidget *root)
{
  guint n = ADW_IS_ACTION_ROW (root) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);
  return n;
}

typedef struct { GtkWidget *group; guint n; } RowCount;

static gboolean
has_rows (gpointer user_data)
{
  RowCount *count = user_data;
  return count_rows (count->group) >= count->n;
}

static void
run_policy (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 50 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) admin = test_client_new (server, "admin");
  g_autoptr(GError) error = NULL;
  g_autofree char *png = NULL;
  g_autofree char *who = NULL;
  GtkWidget *section = xb_admin_policy_new ();
  GtkWidget *window, *spin, *history;
  XbPolicy before, after;
  RowCount count;
  guint n_before;
  int quota;

  xb_test_ui_init ();
  sync_now (admin);
  g_assert_true (xb_store_get_policy (admin->store, &before, &error));
  window = show (section, admin);
  history = xb_test_ui_find_by_name (section, "policy-history");
  /* The demo server starts with the default policy as a first version. */
  count = (RowCount) { history, 1 };
  xb_test_ui_wait_until (has_rows, &count, "the policy history");
  n_before = count_rows (history);
  spin = xb_test_ui_find_by_name (section, "policy-quota-county");
  g_assert_nonnull (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, before.quota[XB_UNIT_KIND_COUNTY]);
  g_assert_false (gtk_widget_get_sensitive (spin));
  g_signal_emit_by_name (xb_test_ui_find_by_name (section, "policy-edit"), "clicked");
  g_assert_true (gtk_widget_get_sensitive (spin));
  quota = before.quota[XB_UNIT_KIND_COUNTY] + 3;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), quota);
  g_signal_emit_by_name (xb_test_ui_find_by_name (section, "policy-save"), "clicked");

  /* A new version in the history, by the admin. */
  count = (RowCount) { history, n_before + 1 };
  xb_test_ui_wait_until (has_rows, &count, "a new version in the policy history");
  g_assert_cmpuint (count_rows (history), ==, n_before + 1);
  who = g_strdup (admin->user->display_name != NULL && admin->user->display_name[0] != '\0'
                  ? admin->user->display_name : admin->user->username);
  {
    /* Newest first. */
    GtkWidget *first = xb_test_ui_find_widget (history, ADW_TYPE_ACTION_ROW);
    const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first));
    g_assert_true (g_str_has_prefix (title, who));
  }
  g_assert_false (gtk_widget_get_sensitive (spin));
  /* The store gets the new policy through the feed. */
  sync_now (admin);
  g_assert_true (xb_store_get_policy (admin->store, &after, &error));
  g_assert_cmpint (after.quota[XB_UNIT_KIND_COUNTY], ==, quota);
  xb_test_ui_spin (100);
  png = xb_test_ui_save_png (window, g_getenv ("LANGUAGE") != NULL ? "admin-policy-zh_CN.png"
                                                                    : "admin-policy.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_policy (void)
{
  xb_test_ui_in_subprocess (run_policy, NULL);
}

static void
test_policy_zh_cn (void)
{
  xb_test_ui_in_subprocess (run_policy, "zh_CN:zh");
}

/* Selects the item of @row's string list that is (@equal) or is not @text. */
static void
select_string (GtkWidget *row, const char *text, gboolean equal)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if ((g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0) == equal)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
        return;
      }
  g_assert_not_reached ();
}

static void
run_rosters (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 50 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) admin = test_client_new (server, "admin");
  g_autoptr(XbUnit) unit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *png = NULL;
  g_autofree char *new_title = NULL;
  g_autofree char *yesterday = NULL;
  GtkWidget *section = xb_admin_rosters_new ();
  GtkWidget *window, *history, *person;
  RowCount count;
  guint n_before;
  const char *officer_name = NULL;

  xb_test_ui_init ();
  sync_now (admin);
  window = show (section, admin);
  {
    g_autoptr(XbUser) officer = NULL;
    g_autoptr(GPtrArray) users = xb_store_list_users (admin->store, &error);
    for (guint i = 0; i < users->len; i++)
      if (g_strcmp0 (((XbUser *) users->pdata[i])->username, "officer") == 0)
        officer = xb_user_copy (users->pdata[i]);
    g_assert_nonnull (officer);
    unit = xb_store_get_unit (admin->store, officer->unit_id, &error);
    g_assert_no_error (error);
    officer_name = g_intern_string (officer->display_name);
  }
  select_string (xb_test_ui_find_by_name (section, "roster-unit"), unit->name, TRUE);
  history = xb_test_ui_find_by_name (section, "roster-history");
  count = (RowCount) { history, 1 };
  xb_test_ui_wait_until (has_rows, &count, "the unit's roster");
  n_before = count_rows (history);

  /* A new information officer from today: the old one's term ends, kept as history. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (xb_test_ui_find_by_name (section, "roster-post")), 1);
  person = xb_test_ui_find_by_name (section, "roster-person");
  select_string (person, officer_name, FALSE);
  new_title = g_strdup_printf ("%s: %s", g_dgettext (GETTEXT_PACKAGE, "Information officer"),
                               gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (person))),
                                                           adw_combo_row_get_selected (ADW_COMBO_ROW (person))));
  g_signal_emit_by_name (xb_test_ui_find_by_name (section, "roster-change"), "clicked");
  count = (RowCount) { history, n_before + 1 };
  xb_test_ui_wait_until (has_rows, &count, "the new holder in the roster");
  g_assert_nonnull (xb_test_ui_find_by_label (history, new_title));

  /* Yesterday the new holder held nothing yet. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) before = g_date_time_add_days (now, -1);
    yesterday = g_date_time_format (before, "%Y-%m-%d");
  }
  gtk_editable_set_text (GTK_EDITABLE (xb_test_ui_find_by_name (section, "roster-on-date")), yesterday);
  g_assert_null (xb_test_ui_find_by_label (history, new_title));
  gtk_editable_set_text (GTK_EDITABLE (xb_test_ui_find_by_name (section, "roster-on-date")), "");
  g_assert_nonnull (xb_test_ui_find_by_label (history, new_title));
  xb_test_ui_spin (100);
  png = xb_test_ui_save_png (window, g_getenv ("LANGUAGE") != NULL ? "admin-rosters-zh_CN.png"
                                                                    : "admin-rosters.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_rosters (void)
{
  xb_test_ui_in_subprocess (run_rosters, NULL);
}

static void
test_rosters_zh_cn (void)
{
  xb_test_ui_in_subprocess (run_rosters, "zh_CN:zh");
}

/* The names of the Administration sections @as sees in the window, in
 * order, or NULL when the Administration page is not in the sidebar. */
static char *
sections_seen (XbApplication *app, TestClient *as)
{
  XbWindow *window = xb_window_new (app, as->store);
  GtkWidget *label, *row, *stack;
  GString *seen = g_string_new (NULL);
  GListModel *pages;

  gtk_window_present (GTK_WINDOW (window));
  xb_window_show_items (window);
  xb_test_ui_wait_for_paint (GTK_WIDGET (window));
  label = xb_test_ui_find_by_label (GTK_WIDGET (xb_window_get_sidebar (window)),
                                    g_dpgettext2 (GETTEXT_PACKAGE, "page", "Administration"));
  g_assert_nonnull (label);
  row = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
  if (!gtk_widget_get_visible (row))
    {
      gtk_window_destroy (GTK_WINDOW (window));
      g_string_free (seen, TRUE);
      return NULL;
    }
  stack = xb_test_ui_find_by_name (GTK_WIDGET (window), "admin-sections");
  g_assert_nonnull (stack);
  pages = G_LIST_MODEL (adw_view_stack_get_pages (ADW_VIEW_STACK (stack)));
  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);
      if (adw_view_stack_page_get_visible (page))
        g_string_append_printf (seen, "%s%s", seen->len > 0 ? " " : "", adw_view_stack_page_get_name (page));
    }
  g_object_unref (pages);
  xb_window_set_page (window, "admin");
  g_assert_true (adw_view_stack_page_get_visible (adw_view_stack_get_page (ADW_VIEW_STACK (stack),
                                                  adw_view_stack_get_visible_child (ADW_VIEW_STACK (stack)))));
  gtk_window_destroy (GTK_WINDOW (window));
  return g_string_free (seen, FALSE);
}

/* The information section's editors and chief send requests and review
 * roster proposals from the window; the rest is the administrator's;
 * units see no Administration at all. */
static void
run_window_roles (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 20 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  const char *const who[] = { "admin", "editor", "chief", "officer", "viewer", "mayor" };
  const char *const expected[] = {
    "units people requests rosters proposals policy priorities", "requests proposals", "requests proposals",
    NULL, NULL, NULL,
  };
  g_autoptr(XbApplication) app = NULL;

  xb_test_ui_init ();
  app = xb_test_ui_new_application ();
  for (guint i = 0; i < G_N_ELEMENTS (who); i++)
    {
      g_autoptr(TestClient) client = test_client_new (server, who[i]);
      g_autofree char *seen = NULL;

      sync_now (client);
      seen = sections_seen (app, client);
      g_assert_cmpstr (seen, ==, expected[i]);
    }
}

static void
test_window_roles (void)
{
  xb_test_ui_in_subprocess (run_window_roles, NULL);
}

int
main (int argc, char **argv)
{
  xb_test_ui_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/admin-sections/requests", test_requests);
  g_test_add_func ("/admin-sections/requests-zh_CN", test_requests_zh_cn);
  g_test_add_func ("/admin-sections/rosters", test_rosters);
  g_test_add_func ("/admin-sections/rosters-zh_CN", test_rosters_zh_cn);
  g_test_add_func ("/admin-sections/policy", test_policy);
  g_test_add_func ("/admin-sections/policy-zh_CN", test_policy_zh_cn);
  g_test_add_func ("/admin-sections/window-roles", test_window_roles);
  return g_test_run ();
}
