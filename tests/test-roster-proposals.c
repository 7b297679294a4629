/* Tests of roster proposals through the GUI against the real server: the officer's Unit Roster dialog and the office's Roster Proposals section. */
#include "config.h"

#include <adwaita.h>

#include "test-sync-common.h"
#include "xb-admin-proposals.h"
#include "xb-store-admin.h"
#include "xb-test-ui.h"
#include "xb-unit-roster-dialog.h"

#define DAY (24 * 3600)
#define NEW_PERSON "王小明"
#define REJECTED_PERSON "赵六"
#define REASON "任职文件未附 (no appointment letter)"

static const char *
tr (const char *msgid)
{
  return g_dgettext (GETTEXT_PACKAGE, msgid);
}

/* A translated format with its one "%s" filled in. */
static char *
fill (const char *format, const char *arg)
{
  const char *at = strstr (format, "%s");

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - format), format, arg, at + 2);
}

static const char *
ctr (const char *msgid)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "roster proposal", msgid);
}

static char *
png_name (const char *base)
{
  return g_strdup_printf ("%s%s.png", base, g_getenv ("LANGUAGE") != NULL ? "-zh_CN" : "");
}

static void
screenshot (GtkWidget *widget, const char *base)
{
  g_autofree char *name = png_name (base);
  g_autofree char *path = xb_test_ui_save_png (widget, name);

  g_test_message ("screenshot %s", path);
}

/* "YYYY-MM-DD" @days from today, and the start of that local day. */
static char *
day_from_today (int days, gint64 *start)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (then), g_date_time_get_month (then),
                                                         g_date_time_get_day_of_month (then), 0, 0, 0);

  *start = g_date_time_to_unix (midnight);
  return g_date_time_format (then, "%Y-%m-%d");
}

static gint64
user_id_of (XbStore *store, const char *username)
{
  g_autoptr(GPtrArray) users = xb_store_list_users (store, NULL);

  for (guint i = 0; users != NULL && i < users->len; i++)
    if (g_strcmp0 (((XbUser *) users->pdata[i])->username, username) == 0)
      return ((XbUser *) users->pdata[i])->id;
  g_assert_not_reached ();
}

/* ---- the server, seen without the GUI ------------------------------------------- */

static JsonNode *
server_json (XbTestServer *server, TestClient *as, const char *path)
{
  guint status = 0;
  g_autoptr(GBytes) body = server_get (server, xb_sync_client_get_token (as->client), path, &status);
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_assert_cmpuint (status, ==, 200);
  root = xb_json_parse (g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  return root;
}

/* The officer's proposal naming @name (a new person) or @user_id, with its status; 0 if none. */
static gint64
server_proposal (XbTestServer *server, TestClient *officer, const char *name, gint64 user_id, const char **status)
{
  g_autoptr(JsonNode) root = server_json (server, officer, "/api/v1/roster/proposals");
  JsonArray *list = json_object_get_array_member (json_node_get_object (root), "proposals");

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *p = json_array_get_object_element (list, i);
      if ((name != NULL && g_strcmp0 (json_object_get_string_member_with_default (p, "name", NULL), name) == 0)
          || (name == NULL && json_object_get_int_member_with_default (p, "user_id", 0) == user_id))
        {
          if (status != NULL)
            *status = g_intern_string (json_object_get_string_member (p, "status"));
          return json_object_get_int_member (p, "id");
        }
    }
  return 0;
}

static guint
server_n_proposals (XbTestServer *server, TestClient *officer)
{
  g_autoptr(JsonNode) root = server_json (server, officer, "/api/v1/roster/proposals");

  return json_array_get_length (json_object_get_array_member (json_node_get_object (root), "proposals"));
}

static gint64
iso_time (JsonObject *o, const char *member)
{
  JsonNode *node = json_object_get_member (o, member);
  g_autoptr(GDateTime) dt = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return 0;
  dt = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL);
  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

/* The server's roster of @unit_id has @user_id in @post from @starts (and,
 * with @ends, until then). */
static gboolean
server_roster_has (XbTestServer *server, TestClient *admin, gint64 unit_id, gint64 user_id, const char *post,
                   gint64 starts, gint64 ends)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/admin/roster?unit_id=%lld", (long long) unit_id);
  g_autoptr(JsonNode) root = server_json (server, admin, path);
  JsonArray *roster = json_object_get_array_member (json_node_get_object (root), "roster");

  for (guint i = 0; i < json_array_get_length (roster); i++)
    {
      JsonObject *e = json_array_get_object_element (roster, i);
      if (json_object_get_int_member (e, "user_id") == user_id
          && g_strcmp0 (json_object_get_string_member (e, "post"), post) == 0
          && (starts == 0 || iso_time (e, "starts") == starts)
          && (ends == 0 || iso_time (e, "ends") == ends))
        return TRUE;
    }
  return FALSE;
}

static gboolean
store_roster_has (XbStore *store, gint64 unit_id, gint64 user_id, XbPost post, gint64 starts, gint64 ends)
{
  g_autoptr(GArray) entries = xb_store_roster_history (store, unit_id, NULL);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      XbRosterEntry *e = &g_array_index (entries, XbRosterEntry, i);
      if (e->user_id == user_id && e->post == post && (starts == 0 || e->starts == starts)
          && (ends == 0 || e->ends == ends))
        return TRUE;
    }
  return FALSE;
}

/* A new account of @unit_id for the person a proposal named, made by the administrator. */
static gint64
create_account (TestClient *admin, gint64 unit_id)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"wangxm\",\"display_name\":\"%s\",\"unit_id\":%lld,"
                                           "\"roles\":[\"officer\"],\"password\":\"xinbao-pass\"}",
                                           NEW_PERSON, (long long) unit_id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(XbResponse) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  xb_sync_client_request_async (admin->client, "POST", "/api/v1/admin/users", body, NULL, on_result, &result);
  response = xb_sync_client_request_finish (admin->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 201);
  root = xb_json_parse (g_bytes_get_data (response->body, NULL), (gssize) g_bytes_get_size (response->body), &error);
  g_assert_no_error (error);
  return json_object_get_int_member (json_object_get_object_member (json_node_get_object (root), "user"), "id");
}

/* ---- the GUI ---------------------------------------------------------------------- */

static void
click (GtkWidget *root, const char *name)
{
  GtkWidget *button = xb_test_ui_find_by_name (root, name);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
set_text (GtkWidget *root, const char *name, const char *text)
{
  GtkWidget *row = xb_test_ui_find_by_name (root, name);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Selects @text in the combo row @name; FALSE when it has no such item. */
static gboolean
choose (GtkWidget *root, const char *name, const char *text)
{
  GtkWidget *row = xb_test_ui_find_by_name (root, name);
  GListModel *model;

  g_assert_nonnull (row);
  model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
        return TRUE;
      }
  return FALSE;
}

static const char *
message_of (GtkWidget *root, const char *name)
{
  GtkWidget *label = xb_test_ui_find_by_name (root, name);

  g_assert_nonnull (label);
  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : "";
}

typedef struct { GtkWidget *root; const char *name; const char *text; } Expect;

static gboolean
message_is (gpointer user_data)
{
  Expect *e = user_data;
  return g_strcmp0 (message_of (e->root, e->name), e->text) == 0;
}

static guint
count_named (GtkWidget *root, const char *name)
{
  guint n = g_strcmp0 (gtk_widget_get_name (root), name) == 0 && gtk_widget_get_visible (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    n += count_named (child, name);
  return n;
}

typedef struct { GtkWidget *root; const char *name; guint n; } Count;

static gboolean
count_is (gpointer user_data)
{
  Count *c = user_data;
  return count_named (c->root, c->name) == c->n;
}

static char *
group_name (gint64 id)
{
  return g_strdup_printf ("proposal-%lld", (long long) id);
}

typedef struct { GtkWidget *root; char *name; gboolean shown; } Group;

static gboolean
group_shown (gpointer user_data)
{
  Group *g = user_data;
  return (xb_test_ui_find_by_name (g->root, g->name) != NULL) == g->shown;
}

static void
wait_group (GtkWidget *section, gint64 id, gboolean shown)
{
  Group g = { section, group_name (id), shown };

  xb_test_ui_wait_until (group_shown, &g, shown ? "the proposal in the office's list" : "the proposal gone from the list");
  g_free (g.name);
}

static GtkWidget *
group_of (GtkWidget *section, gint64 id)
{
  g_autofree char *name = group_name (id);
  GtkWidget *group = xb_test_ui_find_by_name (section, name);

  g_assert_nonnull (group);
  return group;
}

/* An action row titled @title whose subtitle contains @part. */
static GtkWidget *
find_row (GtkWidget *root, const char *title, const char *part)
{
  if (ADW_IS_ACTION_ROW (root)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0
      && strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (root)) ?: "", part) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title, part);
      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct { GtkWidget *root; const char *title; const char *part; } RowWanted;

static gboolean
row_shown (gpointer user_data)
{
  RowWanted *r = user_data;
  return find_row (r->root, r->title, r->part) != NULL;
}

static GtkWidget *
open_dialog (TestClient *officer, XbSyncClient *client, int width)
{
  XbUnitRosterDialog *dialog = xb_unit_roster_dialog_new (NULL, officer->store, client, client != NULL ? officer->engine : NULL);
  Count loaded = { GTK_WIDGET (dialog), "unit-roster-entry", 0 };

  gtk_window_set_default_size (GTK_WINDOW (dialog), width, 900);
  gtk_window_present (GTK_WINDOW (dialog));
  xb_test_ui_wait_for_paint (GTK_WIDGET (dialog));
  /* The unit's roster from the store: a leader and an officer at least. */
  g_assert_cmpuint (count_named (GTK_WIDGET (dialog), loaded.name), >=, 2);
  return GTK_WIDGET (dialog);
}

static GtkWidget *
show_section (TestClient *as, gboolean with_engine, int width)
{
  GtkWidget *section = xb_admin_proposals_new ();
  GtkWidget *window = gtk_window_new ();

  g_object_set (section, "store", as->store, "client", as->client, "engine", with_engine ? as->engine : NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 900);
  gtk_window_set_child (GTK_WINDOW (window), section);
  gtk_window_present (GTK_WINDOW (window));
  xb_test_ui_wait_for_paint (window);
  return section;
}

/* ---- the officer's side ----------------------------------------------------------- */

/* A proposal through the dialog's form; waits until the server has it. */
static void
propose (XbTestServer *server, TestClient *officer, GtkWidget *dialog, guint post, const char *person,
         const char *name, const char *day)
{
  guint before = server_n_proposals (server, officer);
  Count listed = { dialog, "unit-roster-proposal", before + 1 };

  adw_combo_row_set_selected (ADW_COMBO_ROW (xb_test_ui_find_by_name (dialog, "unit-roster-post")), post);
  g_assert_true (choose (dialog, "unit-roster-person", person != NULL ? person : tr ("Someone new")));
  if (name != NULL)
    set_text (dialog, "unit-roster-name", name);
  set_text (dialog, "unit-roster-from", day);
  click (dialog, "unit-roster-send");
  xb_test_ui_wait_until (count_is, &listed, "the proposal in the officer's list");
  g_assert_cmpuint (server_n_proposals (server, officer), ==, before + 1);
  g_assert_cmpstr (message_of (dialog, "unit-roster-message"), ==,
                   tr ("Sent for the office's review. The roster changes once the office approves it."));
}

/* A missing name and a day that does not exist are refused before sending. */
static void
check_validation (XbTestServer *server, TestClient *officer, GtkWidget *dialog)
{
  GtkWidget *name_row = xb_test_ui_find_by_name (dialog, "unit-roster-name");

  g_assert_false (gtk_widget_get_visible (name_row));
  g_assert_true (choose (dialog, "unit-roster-person", tr ("Someone new")));
  g_assert_true (gtk_widget_get_visible (name_row));
  set_text (dialog, "unit-roster-name", "   ");
  click (dialog, "unit-roster-send");
  g_assert_cmpstr (message_of (dialog, "unit-roster-message"), ==, tr ("Write the name of the person who takes the post."));
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  set_text (dialog, "unit-roster-name", NEW_PERSON);
  set_text (dialog, "unit-roster-from", "2027-02-30");
  click (dialog, "unit-roster-send");
  g_assert_cmpstr (message_of (dialog, "unit-roster-message"), ==,
                   tr ("Write the day the change takes effect as year-month-day, e.g. 2026-12-01."));
  g_assert_false (gtk_widget_has_css_class (name_row, "error"));
  set_text (dialog, "unit-roster-from", "next month");
  click (dialog, "unit-roster-send");
  g_assert_true (gtk_widget_has_css_class (xb_test_ui_find_by_name (dialog, "unit-roster-from"), "error"));
  xb_test_ui_spin (100);
  screenshot (dialog, "roster-proposals-officer-invalid");
  xb_test_ui_spin (300);
  g_assert_cmpuint (server_n_proposals (server, officer), ==, 0);
}

/* Offline (a server nobody answers on): proposing says so and keeps what was typed. */
static void
check_offline (XbTestServer *server, TestClient *officer, const char *day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbSyncClient) dead = xb_sync_client_new ("http://127.0.0.1:9", &error);
  GtkWidget *dialog;
  Expect offline;

  g_assert_no_error (error);
  xb_sync_client_set_token (dead, xb_sync_client_get_token (officer->client));
  dialog = open_dialog (officer, dead, 900);
  g_assert_true (choose (dialog, "unit-roster-person", tr ("Someone new")));
  set_text (dialog, "unit-roster-name", NEW_PERSON);
  set_text (dialog, "unit-roster-from", day);
  click (dialog, "unit-roster-send");
  offline = (Expect) { dialog, "unit-roster-message",
                       tr ("Proposing a change needs a connection to the server, and you are offline. "
                           "What you wrote is kept here: send it again once connected.") };
  xb_test_ui_wait_until (message_is, &offline, "the offline message");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (xb_test_ui_find_by_name (dialog, "unit-roster-name"))), ==, NEW_PERSON);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (xb_test_ui_find_by_name (dialog, "unit-roster-from"))), ==, day);
  g_assert_true (gtk_widget_get_sensitive (xb_test_ui_find_by_name (dialog, "unit-roster-send")));
  g_assert_cmpuint (server_n_proposals (server, officer), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* ---- the office's side ------------------------------------------------------------ */

/* A new person cannot be approved until the account made for them is chosen. */
typedef struct { GtkWidget *section; gint64 id; } Offer;

static gboolean
account_offered (gpointer user_data)
{
  Offer *o = user_data;
  g_autofree char *name = group_name (o->id);
  GtkWidget *group = xb_test_ui_find_by_name (o->section, name);

  return group != NULL && choose (group, "proposal-account", NEW_PERSON);
}

static void
approve_new_person (XbTestServer *server, TestClient *admin, TestClient *officer, GtkWidget *section, gint64 id,
                    gint64 unit_id, gint64 starts)
{
  g_autofree char *refusal = fill (tr ("%s has no account yet: choose the account created for them before approving."), NEW_PERSON);
  const char *status = NULL;
  gint64 account;

  click (group_of (section, id), "proposal-approve");
  g_assert_cmpstr (message_of (group_of (section, id), "proposal-message"), ==, refusal);
  xb_test_ui_spin (100);
  screenshot (gtk_widget_get_parent (section), "roster-proposals-office-needs-account");
  xb_test_ui_spin (300);
  g_assert_cmpint (server_proposal (server, officer, NEW_PERSON, 0, &status), ==, id);
  g_assert_cmpstr (status, ==, "pending");
  account = create_account (admin, unit_id);
  sync_now (admin);
  /* The section reads again after the sync: the new account is offered. */
  xb_test_ui_wait_until (account_offered, &(Offer) { section, id }, "the new account offered");
  click (group_of (section, id), "proposal-approve");
  wait_group (section, id, FALSE);
  g_assert_true (server_roster_has (server, admin, unit_id, account, "officer", starts, 0));
}

static void
reject_with_reason (GtkWidget *section, gint64 id)
{
  GtkWidget *dialog, *entry;

  click (group_of (section, id), "proposal-reject");
  dialog = xb_test_ui_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (gtk_widget_get_name (dialog), ==, "proposal-reject-dialog");
  /* A reason is required. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "reject"));
  entry = xb_test_ui_find_by_name (dialog, "proposal-reject-reason");
  gtk_editable_set_text (GTK_EDITABLE (entry), "  ");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "reject"));
  gtk_editable_set_text (GTK_EDITABLE (entry), REASON);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "reject"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "reject");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_group (section, id, FALSE);
}

static gboolean
summary_is (gpointer user_data)
{
  Expect *e = user_data;
  GtkWidget *summary = xb_test_ui_find_by_name (e->root, "proposals-summary");

  return g_strcmp0 (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (summary)), e->text) == 0;
}

static gboolean
toast_shown (gpointer user_data)
{
  Expect *e = user_data;
  return xb_test_ui_find_by_label (e->root, e->text) != NULL;
}

static void
run (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 20 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) admin = test_client_new (server, "admin");
  g_autoptr(TestClient) editor = test_client_new (server, "editor");
  g_autoptr(TestClient) officer = test_client_new (server, "officer");
  g_autofree char *officer_id_text = NULL;
  g_autofree char *d1 = NULL, *d2 = NULL, *d3 = NULL;
  g_autofree char *leader_title = NULL, *no_account = NULL, *rejected_title = NULL;
  gint64 s1, s2, s3, unit_id, leader_id, p_new, p_leader, p_rejected;
  const char *status = NULL;
  const char *officer_name;
  GtkWidget *dialog, *section, *late, *narrow;
  Count pending;
  Expect empty, conflict;
  RowWanted wanted;

  xb_test_ui_init ();
  sync_now (admin);
  sync_now (editor);
  sync_now (officer);
  officer_id_text = g_strdup_printf ("%lld", (long long) officer->user->id);
  g_assert_true (xb_store_set_meta (officer->store, "user_id", officer_id_text, NULL));
  unit_id = officer->user->unit_id;
  leader_id = user_id_of (admin->store, "leader");
  officer_name = officer->user->display_name;
  d1 = day_from_today (10, &s1);
  d2 = day_from_today (20, &s2);
  d3 = day_from_today (30, &s3);

  check_offline (server, officer, d1);
  dialog = open_dialog (officer, officer->client, 900);
  check_validation (server, officer, dialog);

  /* Three proposals: a new information officer without an account, the
   * officer as leader in charge, and a leader to be rejected. */
  propose (server, officer, dialog, 1, NULL, NEW_PERSON, d1);
  propose (server, officer, dialog, 0, officer_name, NULL, d2);
  propose (server, officer, dialog, 0, NULL, REJECTED_PERSON, d3);
  p_new = server_proposal (server, officer, NEW_PERSON, 0, NULL);
  p_leader = server_proposal (server, officer, NULL, officer->user->id, NULL);
  p_rejected = server_proposal (server, officer, REJECTED_PERSON, 0, NULL);
  g_assert_true (p_new > 0 && p_leader > 0 && p_rejected > 0);
  leader_title = g_strdup_printf ("%s: %s", tr ("Leader in charge"), officer_name);
  g_assert_nonnull (find_row (xb_test_ui_find_by_name (dialog, "unit-roster-proposals"), leader_title, d2));

  /* The office lists them after its sync, newest first. */
  sync_now (admin);
  section = show_section (admin, TRUE, 900);
  pending = (Count) { section, "proposal-approve", 3 };
  xb_test_ui_wait_until (count_is, &pending, "three proposals in the office's list");
  {
    /* The newest (the rejected one to be) comes before the oldest. */
    GtkWidget *a = group_of (section, p_rejected), *b = group_of (section, p_new);
    graphene_point_t pa, pb;
    g_assert_true (gtk_widget_compute_point (a, section, &GRAPHENE_POINT_INIT (0, 0), &pa));
    g_assert_true (gtk_widget_compute_point (b, section, &GRAPHENE_POINT_INIT (0, 0), &pb));
    g_assert_cmpfloat (pa.y, <, pb.y);
  }
  /* The leader proposal shows who holds the post now, for comparison. */
  g_assert_nonnull (xb_test_ui_find_by_name (group_of (section, p_leader), "proposal-current"));
  xb_test_ui_spin (100);
  screenshot (gtk_widget_get_parent (section), "roster-proposals-office");
  narrow = show_section (admin, FALSE, 360);
  xb_test_ui_wait_until (count_is, &(Count) { narrow, "proposal-approve", 3 }, "the narrow list");
  xb_test_ui_spin (100);
  screenshot (gtk_widget_get_parent (narrow), "roster-proposals-office-360");
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_parent (narrow)));

  /* An editor's copy of the list, not reloaded by any sync: it will decide too late. */
  late = show_section (editor, FALSE, 900);
  xb_test_ui_wait_until (count_is, &(Count) { late, "proposal-approve", 3 }, "the editor's list");

  /* Approve the officer as leader: the new holder from that day, the old term kept. */
  click (group_of (section, p_leader), "proposal-approve");
  wait_group (section, p_leader, FALSE);
  g_assert_true (server_roster_has (server, admin, unit_id, officer->user->id, "leader", s2, 0));
  g_assert_true (server_roster_has (server, admin, unit_id, leader_id, "leader", 0, s2));
  sync_now (officer);
  g_assert_true (store_roster_has (officer->store, unit_id, officer->user->id, XB_POST_LEADER, s2, 0));
  g_assert_true (store_roster_has (officer->store, unit_id, leader_id, XB_POST_LEADER, 0, s2));
  wanted = (RowWanted) { xb_test_ui_find_by_name (dialog, "unit-roster-current"), leader_title, d2 };
  xb_test_ui_wait_until (row_shown, &wanted, "the new leader in the officer's roster");

  approve_new_person (server, admin, officer, section, p_new, unit_id, s1);
  reject_with_reason (section, p_rejected);

  /* The editor's stale list: the server says it is decided, and the list says so. */
  click (group_of (late, p_leader), "proposal-approve");
  conflict = (Expect) { late, NULL, tr ("Someone in the office has already decided on this proposal; it has left the list.") };
  xb_test_ui_wait_until (toast_shown, &conflict, "the conflict explained");
  wait_group (late, p_leader, FALSE);
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_parent (late)));

  empty = (Expect) { section, NULL, tr ("No roster changes waiting for review.") };
  xb_test_ui_wait_until (summary_is, &empty, "the empty list");
  g_assert_cmpint (server_proposal (server, officer, REJECTED_PERSON, 0, &status), ==, p_rejected);
  g_assert_cmpstr (status, ==, "rejected");

  /* The officer reads the outcome and the office's reason after a sync. */
  sync_now (officer);
  no_account = fill (tr ("%s (no account yet)"), REJECTED_PERSON);
  rejected_title = g_strdup_printf ("%s: %s", tr ("Leader in charge"), no_account);
  wanted = (RowWanted) { xb_test_ui_find_by_name (dialog, "unit-roster-proposals"), rejected_title, REASON };
  xb_test_ui_wait_until (row_shown, &wanted, "the rejection and its reason in the officer's list");
  g_assert_nonnull (xb_test_ui_find_by_label (find_row (wanted.root, wanted.title, REASON), ctr ("Rejected")));
  g_assert_nonnull (xb_test_ui_find_by_label (find_row (wanted.root, leader_title, d2), ctr ("Approved")));
  {
    /* Approved, the new person has the account the office chose: no "(no account yet)". */
    g_autofree char *new_title = g_strdup_printf ("%s: %s", tr ("Information officer"), NEW_PERSON);
    g_assert_nonnull (xb_test_ui_find_by_label (find_row (wanted.root, new_title, d1), ctr ("Approved")));
  }
  xb_test_ui_spin (100);
  screenshot (dialog, "roster-proposals-officer");
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = open_dialog (officer, officer->client, 360);
  wanted.root = xb_test_ui_find_by_name (dialog, "unit-roster-proposals");
  xb_test_ui_wait_until (row_shown, &wanted, "the narrow officer's list");
  xb_test_ui_spin (100);
  screenshot (dialog, "roster-proposals-officer-360");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_parent (section)));
}

/* The window on @as's store, signed in as them: "win.unit-roster" opens the
 * dialog only for an information officer of a unit. */
static gboolean
window_opens_dialog (XbApplication *app, TestClient *as)
{
  g_autofree char *id = g_strdup_printf ("%lld", (long long) as->user->id);
  XbWindow *window;
  GtkWidget *dialog;
  gboolean opened;

  g_assert_true (xb_store_set_meta (as->store, "user_id", id, NULL));
  window = xb_window_new (app, as->store);
  gtk_window_present (GTK_WINDOW (window));
  xb_window_show_items (window);
  xb_test_ui_wait_for_paint (GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unit-roster", NULL));
  xb_test_ui_spin (200);
  dialog = xb_test_ui_find_toplevel (XB_TYPE_UNIT_ROSTER_DIALOG);
  opened = dialog != NULL;
  if (opened)
    {
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  gtk_window_destroy (GTK_WINDOW (window));
  return opened;
}

static void
run_window (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 20 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) admin = test_client_new (server, "admin");
  g_autoptr(TestClient) officer = test_client_new (server, "officer");
  g_autoptr(TestClient) leader = test_client_new (server, "leader");
  g_autoptr(XbApplication) app = NULL;

  xb_test_ui_init ();
  sync_now (admin);
  sync_now (officer);
  sync_now (leader);
  app = xb_test_ui_new_application ();
  g_assert_true (window_opens_dialog (app, officer));
  g_assert_false (window_opens_dialog (app, leader));
  g_assert_false (window_opens_dialog (app, admin));
}

static void
test_window (void)
{
  xb_test_ui_in_subprocess (run_window, NULL);
}

static void
test_proposals (void)
{
  xb_test_ui_in_subprocess (run, NULL);
}

static void
test_proposals_zh_cn (void)
{
  xb_test_ui_in_subprocess (run, "zh_CN:zh");
}

int
main (int argc, char **argv)
{
  xb_test_ui_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/roster-proposals/flow", test_proposals);
  g_test_add_func ("/roster-proposals/flow-zh_CN", test_proposals_zh_cn);
  g_test_add_func ("/roster-proposals/window", test_window);
  return g_test_run ();
}
