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

/* ---- policy ------------------------------------------------------------------------ */

/* The server's policy versions, newest change first. */
static JsonNode *
policy_history (XbTestServer *server, TestClient *as)
{
  guint status = 0;
  g_autoptr(GBytes) body = server_get (server, xb_sync_client_get_token (as->client),
                                       "/api/v1/admin/policy/history", &status);

  g_assert_cmpuint (status, ==, 200);
  return json_from_string (g_bytes_get_data (body, NULL), NULL);
}

static guint
n_versions (XbTestServer *server, TestClient *as)
{
  g_autoptr(JsonNode) root = policy_history (server, as);

  return json_array_get_length (json_object_get_array_member (json_node_get_object (root), "versions"));
}

/* The newest version on the server: its policy as JSON text and its start. */
static char *
newest_version (XbTestServer *server, TestClient *as, gint64 *effective_from)
{
  g_autoptr(JsonNode) root = policy_history (server, as);
  JsonObject *v = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "versions"), 0);
  g_autofree char *text = json_to_string (json_object_get_member (v, "policy"), FALSE);
  XbPolicy policy;

  g_assert_true (xb_time_parse (json_object_get_string_member (v, "effective_from"), effective_from));
  g_assert_true (xb_policy_from_json (text, &policy, NULL));
  return xb_policy_to_json (&policy);
}

static void
assert_same_policy (const XbPolicy *a, const char *b_json)
{
  g_autofree char *a_json = xb_policy_to_json (a);

  g_assert_cmpstr (a_json, ==, b_json);
}

static void
assert_store_policy_at (XbStore *store, gint64 when, const XbPolicy *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  XbPolicy got;

  if (when == 0)
    g_assert_true (xb_store_get_policy (store, &got, &error));
  else
    g_assert_true (xb_store_get_policy_at (store, when, &got, &error));
  g_assert_no_error (error);
  text = xb_policy_to_json (&got);
  assert_same_policy (expected, text);
}

/* A new general item of the officer's unit, submitted, approved, claimed
 * and proposed: its uuid; the server snapshots the sign-off chain in force. */
static char *
propose_new_item (TestClient *officer, TestClient *leader, TestClient *editor)
{
  g_autoptr(XbItem) item = make_item (officer, "武都区春耕备耕工作有序推进");
  g_autoptr(GPtrArray) publications = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *extra = NULL;

  g_assert_true (xb_sync_engine_save_item (officer->engine, item, &error));
  g_assert_no_error (error);
  act (officer, item->uuid, XB_ACTION_SUBMIT, NULL);
  sync_now (officer);
  sync_now (leader);
  act (leader, item->uuid, XB_ACTION_APPROVE, NULL);
  sync_now (leader);
  sync_now (editor);
  act (editor, item->uuid, XB_ACTION_CLAIM, NULL);
  sync_now (editor);
  publications = xb_store_list_publications (editor->store, NULL);
  g_assert_cmpuint (publications->len, >, 0);
  extra = g_strdup_printf ("{\"publication_id\": %lld}", (long long) ((XbPublication *) publications->pdata[0])->id);
  act (editor, item->uuid, XB_ACTION_PROPOSE, extra);
  sync_now (editor);
  return g_strdup (item->uuid);
}

static char *
server_chain (XbTestServer *server, TestClient *as, const char *uuid)
{
  g_autoptr(XbItem) item = server_item (server, as, uuid);

  g_assert_cmpint (item->state, ==, XB_STATE_SIGNOFF);
  return g_strdup (item->signoff_chain);
}

static GtkWidget *
policy_widget (GtkWidget *section, const char *name)
{
  GtkWidget *widget = xb_test_ui_find_by_name (section, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
set_spin (GtkWidget *section, const char *name, int value)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (policy_widget (section, name)), value);
}

static void
set_check (GtkWidget *section, XbImportance importance, XbRole role, gboolean active)
{
  g_autofree char *name = g_strdup_printf ("policy-chain-%s-%s", xb_importance_to_string (importance),
                                           xb_role_to_string (role));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (policy_widget (section, name)), active);
}

static void
set_effective (GtkWidget *section, const char *day)
{
  gtk_editable_set_text (GTK_EDITABLE (policy_widget (section, "policy-effective-from")), day);
}

/* Save refused in the form with @message (msgid); the server has no new version. */
static void
assert_refused (XbTestServer *server, TestClient *admin, GtkWidget *section, const char *message)
{
  GtkWidget *label = policy_widget (section, "policy-message");
  guint n = n_versions (server, admin);

  g_signal_emit_by_name (policy_widget (section, "policy-save"), "clicked");
  xb_test_ui_spin (200);
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, g_dgettext (GETTEXT_PACKAGE, message));
  g_assert_cmpuint (n_versions (server, admin), ==, n);
}

/* "YYYY-MM-DD" @days from today in China time, and that day's 00:00 there. */
static char *
china_day (int days, gint64 *start)
{
  g_autoptr(GTimeZone) cst = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (cst);
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);
  g_autoptr(GDateTime) midnight = g_date_time_new (cst, g_date_time_get_year (then), g_date_time_get_month (then),
                                                   g_date_time_get_day_of_month (then), 0, 0, 0);

  if (start != NULL)
    *start = g_date_time_to_unix (midnight);
  return g_date_time_format (then, "%Y-%m-%d");
}

static const char *status_day;

static gboolean
status_names_day (gpointer user_data)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (user_data));

  return subtitle != NULL && strstr (subtitle, status_day) != NULL;
}

/* Screenshots at 900 and 360 px, of the top of the section, its middle and its end. */
static void
save_screenshots (GtkWidget *window, const char *name)
{
  const char *lang = g_getenv ("LANGUAGE") != NULL ? "-zh_CN" : "";
  GtkWidget *scroller = xb_test_ui_find_widget (window, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  int widths[] = { 900, 360 };

  const char *parts[] = { "", "-middle", "-end" };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    for (guint part = 0; part < G_N_ELEMENTS (parts); part++)
      {
        g_autofree char *file = g_strdup_printf ("%s-%d%s%s.png", name, widths[i], parts[part], lang);
        g_autofree char *png = NULL;

        gtk_window_set_default_size (GTK_WINDOW (window), widths[i], 1000);
        xb_test_ui_spin (300);
        gtk_adjustment_set_value (adj, (gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj)) * part / 2);
        xb_test_ui_spin (200);
        png = xb_test_ui_save_png (window, file);
      }
  gtk_adjustment_set_value (adj, 0);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 900);
  xb_test_ui_spin (100);
}

static void
run_policy (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 50 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) admin = test_client_new (server, "admin");
  g_autoptr(TestClient) officer = test_client_new (server, "officer");
  g_autoptr(TestClient) leader = test_client_new (server, "leader");
  g_autoptr(TestClient) editor = test_client_new (server, "editor");
  g_autoptr(GError) error = NULL;
  g_autofree char *who = NULL, *running = NULL, *later_item = NULL, *chain = NULL;
  g_autofree char *expected_chain = NULL, *newest = NULL, *tomorrow = NULL, *yesterday = NULL, *today = NULL;
  GtkWidget *section = xb_admin_policy_new ();
  GtkWidget *window, *history, *quota, *save, *general;
  XbPolicy before, edited, upcoming;
  RowCount count;
  guint n_before;
  gint64 from = 0, tomorrow_start = 0;

  xb_test_ui_init ();
  sync_now (admin);
  g_assert_true (xb_store_get_policy (admin->store, &before, &error));
  /* An item in sign-off before the edit keeps the chain it started with. */
  running = propose_new_item (officer, leader, editor);
  chain = server_chain (server, editor, running);
  g_assert_cmpstr (chain, ==, "section_chief");
  g_clear_pointer (&chain, g_free);

  window = show (section, admin);
  history = xb_test_ui_find_by_name (section, "policy-history");
  /* The demo server starts with the default policy as a first version. */
  count = (RowCount) { history, 1 };
  xb_test_ui_wait_until (has_rows, &count, "the policy history");
  n_before = count_rows (history);
  quota = policy_widget (section, "policy-quota-county");
  save = policy_widget (section, "policy-save");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (quota)), ==, before.quota[XB_UNIT_KIND_COUNTY]);
  g_assert_false (gtk_widget_get_sensitive (quota));
  g_assert_false (gtk_widget_get_sensitive (policy_widget (section, "policy-chain-general-director")));
  g_assert_false (gtk_widget_get_visible (save));

  /* Editing: nothing changed yet, so nothing to save; today by default. */
  g_signal_emit_by_name (policy_widget (section, "policy-edit"), "clicked");
  g_assert_true (gtk_widget_get_sensitive (quota));
  g_assert_true (gtk_widget_get_visible (save));
  g_assert_false (gtk_widget_get_sensitive (save));
  today = china_day (0, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (policy_widget (section, "policy-effective-from"))), ==, today);

  /* Cancel returns to the policy in force. */
  set_spin (section, "policy-quota-county", before.quota[XB_UNIT_KIND_COUNTY] + 7);
  g_assert_true (gtk_widget_get_sensitive (save));
  g_signal_emit_by_name (policy_widget (section, "policy-cancel"), "clicked");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (quota)), ==, before.quota[XB_UNIT_KIND_COUNTY]);
  g_assert_false (gtk_widget_get_visible (save));

  /* Every rule through its widgets; the chain keeps the signers' order. */
  g_signal_emit_by_name (policy_widget (section, "policy-edit"), "clicked");
  edited = before;
  for (int r = XB_ROLE_SECTION_CHIEF; r <= XB_ROLE_MAYOR; r++)
    set_check (section, XB_IMPORTANCE_GENERAL, r, FALSE);
  set_check (section, XB_IMPORTANCE_GENERAL, XB_ROLE_DIRECTOR, TRUE);
  set_check (section, XB_IMPORTANCE_GENERAL, XB_ROLE_SECTION_CHIEF, TRUE);
  edited.chains[XB_IMPORTANCE_GENERAL] = (XbChain) { { XB_ROLE_SECTION_CHIEF, XB_ROLE_DIRECTOR }, 2 };
  general = policy_widget (section, "policy-chain-general");
  expected_chain = g_strconcat (xb_role_label (XB_ROLE_SECTION_CHIEF), g_dgettext (GETTEXT_PACKAGE, " → "),
                                xb_role_label (XB_ROLE_DIRECTOR), NULL);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (general)), ==, expected_chain);
  set_spin (section, "policy-urgent-general", 90);
  edited.urgent_minutes[XB_IMPORTANCE_GENERAL] = 90;
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_widget_get_ancestor (policy_widget (section, "policy-urgent-general"), ADW_TYPE_ACTION_ROW))), "1.5"));
  set_spin (section, "policy-score-forwarded", before.score[XB_SCORE_FORWARDED] + 2);
  edited.score[XB_SCORE_FORWARDED] = before.score[XB_SCORE_FORWARDED] + 2;
  set_spin (section, "policy-score-missed_request", -15);
  edited.score[XB_SCORE_MISSED_REQUEST] = -15;
  set_spin (section, "policy-quota-county", before.quota[XB_UNIT_KIND_COUNTY] + 3);
  edited.quota[XB_UNIT_KIND_COUNTY] = before.quota[XB_UNIT_KIND_COUNTY] + 3;
  gtk_switch_set_active (GTK_SWITCH (policy_widget (section, "policy-roll-up")), !before.direct_points_roll_up);
  edited.direct_points_roll_up = !before.direct_points_roll_up;

  /* Each bad input has its message, and nothing is sent. */
  set_spin (section, "policy-roster-month", 2);
  set_spin (section, "policy-roster-day", 29);
  assert_refused (server, admin, section, "The roster deadline must be a day every year has (not 29 February, nor a 31st of a shorter month).");
  set_spin (section, "policy-roster-month", 4);
  set_spin (section, "policy-roster-day", 15);
  edited.roster_deadline_month = 4;
  edited.roster_deadline_day = 15;
  g_assert_false (gtk_widget_get_visible (policy_widget (section, "policy-message")));
  set_check (section, XB_IMPORTANCE_MAJOR, XB_ROLE_DEPUTY_SECGEN, FALSE);
  assert_refused (server, admin, section, "Every importance needs at least one signer in its sign-off chain.");
  set_check (section, XB_IMPORTANCE_MAJOR, XB_ROLE_DEPUTY_SECGEN, TRUE);
  set_effective (section, "2026-02-30");
  assert_refused (server, admin, section, "Type the day the policy takes effect as year-month-day, like 2026-12-01.");
  yesterday = china_day (-1, NULL);
  set_effective (section, yesterday);
  assert_refused (server, admin, section, "The policy cannot take effect on a past day; choose today or a later day.");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (general), TRUE);
  save_screenshots (window, "admin-policy-edit");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (general), FALSE);
  set_effective (section, today);


  /* Saved effective now. */
  g_signal_emit_by_name (save, "clicked");
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
  g_assert_false (gtk_widget_get_sensitive (quota));
  newest = newest_version (server, admin, &from);
  assert_same_policy (&edited, newest);
  g_assert_cmpint (from, <=, g_get_real_time () / G_USEC_PER_SEC);
  sync_now (editor);
  assert_store_policy_at (editor->store, 0, &edited);
  sync_now (admin);
  assert_store_policy_at (admin->store, 0, &edited);

  /* The workflow: a new item takes the new chain, the running one keeps its own. */
  later_item = propose_new_item (officer, leader, editor);
  chain = server_chain (server, editor, later_item);
  g_assert_cmpstr (chain, ==, "section_chief,director");
  g_clear_pointer (&chain, g_free);
  chain = server_chain (server, editor, running);
  g_assert_cmpstr (chain, ==, "section_chief");

  /* Saved effective from tomorrow: upcoming on the server, on clients at that day. */
  g_signal_emit_by_name (policy_widget (section, "policy-edit"), "clicked");
  upcoming = edited;
  set_spin (section, "policy-score-city_general", edited.score[XB_SCORE_CITY_GENERAL] + 5);
  upcoming.score[XB_SCORE_CITY_GENERAL] = edited.score[XB_SCORE_CITY_GENERAL] + 5;
  set_check (section, XB_IMPORTANCE_MAJOR, XB_ROLE_SECGEN, TRUE);
  upcoming.chains[XB_IMPORTANCE_MAJOR] = (XbChain) { { XB_ROLE_DEPUTY_SECGEN, XB_ROLE_SECGEN }, 2 };
  tomorrow = china_day (1, &tomorrow_start);
  set_effective (section, tomorrow);
  g_signal_emit_by_name (save, "clicked");
  count = (RowCount) { history, n_before + 2 };
  xb_test_ui_wait_until (has_rows, &count, "the upcoming version in the policy history");
  g_clear_pointer (&newest, g_free);
  newest = newest_version (server, admin, &from);
  assert_same_policy (&upcoming, newest);
  g_assert_cmpint (from, ==, tomorrow_start);
  {
    GtkWidget *first = xb_test_ui_find_widget (history, ADW_TYPE_ACTION_ROW);
    g_autofree char *marked = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "From %s"), tomorrow);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (first)), ==, marked);
    g_assert_nonnull (xb_test_ui_find_by_label (first, g_dgettext (GETTEXT_PACKAGE, "Upcoming")));
  }
  /* The form shows the policy in force, not the upcoming one. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (policy_widget (section, "policy-score-city_general"))),
                   ==, edited.score[XB_SCORE_CITY_GENERAL]);
  sync_now (editor);
  assert_store_policy_at (editor->store, 0, &edited);
  assert_store_policy_at (editor->store, tomorrow_start - 1, &edited);
  assert_store_policy_at (editor->store, tomorrow_start, &upcoming);
  assert_store_policy_at (editor->store, tomorrow_start + 86400, &upcoming);
  /* A second sync keeps exactly one upcoming version. */
  sync_now (admin);
  sync_now (admin);
  assert_store_policy_at (admin->store, 0, &edited);
  assert_store_policy_at (admin->store, tomorrow_start, &upcoming);
  status_day = tomorrow;
  xb_test_ui_wait_until (status_names_day, policy_widget (section, "policy-status"), "the upcoming day in the status");

  save_screenshots (window, "admin-policy");

  /* Offline: refused with a message, and what was typed stays. */
  g_signal_emit_by_name (policy_widget (section, "policy-edit"), "clicked");
  set_spin (section, "policy-quota-county", edited.quota[XB_UNIT_KIND_COUNTY] + 1);
  g_object_set (section, "client", NULL, NULL);
  g_signal_emit_by_name (save, "clicked");
  xb_test_ui_spin (200);
  g_assert_true (gtk_widget_get_visible (save));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (quota)), ==, edited.quota[XB_UNIT_KIND_COUNTY] + 1);
  g_assert_cmpuint (n_versions (server, admin), ==, n_before + 2);
  g_object_set (section, "client", admin->client, NULL);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (quota)), ==, edited.quota[XB_UNIT_KIND_COUNTY] + 1);
  g_signal_emit_by_name (policy_widget (section, "policy-cancel"), "clicked");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (quota)), ==, edited.quota[XB_UNIT_KIND_COUNTY]);
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
  /* A page the user has no use for has no row in the sidebar. */
  row = label != NULL ? gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW) : NULL;
  if (row == NULL || !gtk_widget_get_visible (row))
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
