/* Administration through the real xinbao-server: commissioned requests created by the office only, seen in the feed by the units asked, answered on time, late and not at all, with the marks the office reads. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "xb-store-admin.h"
#include "xb-types.h"
#include "test-api-common.h"
#include "xb-test-server.h"
#include "xb-test-sync.h"

#define PASSWORD "xinbao"

typedef struct {
  XbTestServer *server;
  SoupSession  *session;
  GHashTable   *tokens;      /* username → token */
  gint64        unit;        /* the unit of "officer" and "leader" */
  gint64        other_unit;  /* the unit of "officer001" */
} Ctx;

static Ctx ctx;

static const char *const accounts[] = {
  "admin", "editor", "viewer", "officer", "leader", "officer001",
};

/* ---- requests ---------------------------------------------------------------------- */

static const char *
token_of (const char *who)
{
  return who != NULL ? g_hash_table_lookup (ctx.tokens, who) : NULL;
}

static Reply *
call (const char *method, const char *path, const char *who, const char *json)
{
  return send_raw (ctx.session, ctx.server->url, method, path, token_of (who),
                   "application/json", json, -1);
}

/* ---- sessions ----------------------------------------------------------------------- */

static const char *
sign_in (const char *username)
{
  g_autoptr(Reply) r = sign_in_reply (ctx.server->url, ctx.session, username, PASSWORD);
  const char *token;

  expect_status (r, 200, username);
  token = json_object_get_string_member (obj_of (r), "token");
  g_assert_cmpuint (strlen (token), ==, 64);
  g_hash_table_replace (ctx.tokens, g_strdup (username), g_strdup (token));
  return token_of (username);
}

static gint64
unit_of (const char *who)
{
  g_autoptr(Reply) r = call ("GET", "/api/v1/session", who, NULL);

  expect_status (r, 200, "GET /session");
  return json_object_get_int_member (json_object_get_object_member (obj_of (r), "user"), "unit_id");
}


/* ---- the feed ------------------------------------------------------------------------ */

/* Pulls every page after @since as @who; returns the last cursor.  @each,
 * if given, sees every change. */
static gint64
pull (const char *who, gint64 since, void (*each) (JsonObject *change, gpointer), gpointer data)
{
  for (;;)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT "&limit=1000", since);
      g_autoptr(Reply) r = call ("GET", path, who, NULL);
      JsonObject *page;
      JsonArray *changes;

      expect_status (r, 200, "GET /changes");
      page = obj_of (r);
      changes = json_object_get_array_member (page, "changes");
      for (guint i = 0; each != NULL && i < json_array_get_length (changes); i++)
        each (json_array_get_object_element (changes, i), data);
      g_assert_cmpint (json_object_get_int_member (page, "next"), >=, since);
      since = json_object_get_int_member (page, "next");
      if (!json_object_get_boolean_member (page, "more"))
        return since;
    }
}

/* Nothing visible to the office changed since the admin's cursor. */


/* ---- items and actions ----------------------------------------------------------------- */



static char *
action_json (const char *id, const char *action, const char *extra)
{
  return g_strdup_printf ("{\"id\":\"%s\",\"action\":\"%s\",\"comment\":\"测试\"%s%s}",
                          id, action, extra ? "," : "", extra ? extra : "");
}

static Reply *
act_with_id (const char *who, const char *uuid, const char *id, const char *action, const char *extra)
{
  g_autofree char *body = action_json (id, action, extra);
  g_autofree char *path = g_strconcat ("/api/v1/items/", uuid, "/actions", NULL);

  return call ("POST", path, who, body);
}

static Reply *
act (const char *who, const char *uuid, const char *action, const char *extra)
{
  g_autofree char *id = g_uuid_string_random ();

  return act_with_id (who, uuid, id, action, extra);
}

static void
act_ok (const char *who, const char *uuid, const char *action, const char *extra, const char *to)
{
  g_autoptr(Reply) r = act (who, uuid, action, extra);
  g_autofree char *what = g_strdup_printf ("%s by %s", action, who);

  expect_status (r, 200, what);
  g_assert_cmpstr (state_of (r), ==, to);
}


/* ---- commissioned requests ------------------------------------------------------------- */

static char *
request_json (const char *topic, gint64 deadline, const gint64 *units, guint n)
{
  g_autofree char *at = xb_time_format (deadline);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "{\"topic\":\"%s\",\"deadline\":\"%s\",\"unit_ids\":[", topic, at);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "", units[i]);
  g_string_append (s, "]}");
  return g_string_free (s, FALSE);
}

static gint64
create_request (const char *who, const char *topic, gint64 deadline, const gint64 *units, guint n)
{
  g_autofree char *body = request_json (topic, deadline, units, n);
  g_autoptr(Reply) r = call ("POST", "/api/v1/admin/requests", who, body);
  JsonObject *request;

  expect_status (r, 201, "POST /admin/requests");
  request = json_object_get_object_member (obj_of (r), "request");
  g_assert_cmpstr (json_object_get_string_member (request, "topic"), ==, topic);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (request, "unit_ids")), ==, n);
  return json_object_get_int_member (request, "id");
}

/* A draft of "officer" answering @request_id, sent and approved by the leader. */
static void
answer_request (gint64 request_id)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *event_id = g_uuid_string_random ();
  g_autofree char *path = g_strconcat ("/api/v1/items/", uuid, NULL);
  g_autofree char *body = g_strdup_printf ("{\"event_id\":\"%s\",\"revision\":0,\"title\":\"约稿答复\","
                                           "\"body\":\"今年以来，我区多措并举推进项目建设。\",\"category\":\"项目建设\","
                                           "\"type\":\"dynamic\",\"angle\":\"key\",\"importance\":\"general\","
                                           "\"urgent\":false,\"request_id\":%" G_GINT64_FORMAT "}",
                                           event_id, request_id);
  g_autoptr(Reply) r = call ("PUT", path, "officer", body);

  expect_status (r, 201, "PUT an answer");
  g_assert_cmpint (json_object_get_int_member (item_of (r), "request_id"), ==, request_id);
  act_ok ("officer", uuid, "submit", NULL, "unit_review");
  act_ok ("leader", uuid, "approve", NULL, "submitted");
}

typedef struct {
  gint64 request_id;
  guint  seen;
} Look;

static void
look_for_request (JsonObject *change, gpointer data)
{
  Look *look = data;

  if (g_str_equal (json_object_get_string_member (change, "kind"), "request")
      && json_object_get_int_member (json_object_get_object_member (change, "data"), "id") == look->request_id)
    look->seen++;
}

static guint
feed_shows (const char *who, gint64 request_id)
{
  Look look = { request_id, 0 };

  pull (who, 0, look_for_request, &look);
  return look.seen;
}

/* The mark of (@request_id, @unit) in the office's view, or NULL. */
static char *
mark_of (gint64 request_id, gint64 unit)
{
  g_autoptr(Reply) r = call ("GET", "/api/v1/admin/requests/answers", "editor", NULL);
  JsonArray *answers;

  expect_status (r, 200, "GET answers");
  answers = json_object_get_array_member (obj_of (r), "answers");
  for (guint i = 0; i < json_array_get_length (answers); i++)
    {
      JsonObject *a = json_array_get_object_element (answers, i);
      if (json_object_get_int_member (a, "request_id") == request_id
          && json_object_get_int_member (a, "unit_id") == unit)
        return g_strdup (json_object_get_string_member (a, "mark"));
    }
  return NULL;
}

/* Polls until the server's clock has passed @deadline (the mark of an
 * unanswered unit turns from pending to missing). */
static void
wait_past (gint64 request_id, gint64 unit)
{
  for (int i = 0; i < 200; i++)
    {
      g_autofree char *mark = mark_of (request_id, unit);
      if (g_strcmp0 (mark, "missing") == 0)
        return;
      g_assert_cmpstr (mark, ==, "pending");
      g_usleep (G_USEC_PER_SEC / 20);
    }
  g_error ("the deadline never passed");
}

static void
test_requests (void)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 both[] = { ctx.unit, ctx.other_unit };
  g_autofree char *bad = request_json ("无权约稿", now + 3600, both, 2);
  g_autofree char *past = request_json ("过期约稿", now - 60, both, 2);
  g_autofree char *nobody = request_json ("无单位", now + 3600, both, 0);
  g_autoptr(Reply) officer_try = call ("POST", "/api/v1/admin/requests", "officer", bad);
  g_autoptr(Reply) viewer_try = call ("POST", "/api/v1/admin/requests", "viewer", bad);
  g_autoptr(Reply) past_try = call ("POST", "/api/v1/admin/requests", "editor", past);
  g_autoptr(Reply) nobody_try = call ("POST", "/api/v1/admin/requests", "admin", nobody);
  g_autoptr(Reply) answers_try = call ("GET", "/api/v1/admin/requests/answers", "officer", NULL);
  g_autoptr(Reply) list = NULL, wrong = NULL;
  g_autofree char *on_time = NULL, *missing = NULL, *late = NULL;
  gint64 first, second;

  expect_error (officer_try, 403, "forbidden", "an officer commissions");
  expect_error (viewer_try, 403, "forbidden", "a viewer commissions");
  expect_status (past_try, 422, "a deadline in the past");
  expect_status (nobody_try, 422, "no units");
  expect_error (answers_try, 403, "forbidden", "an officer reads the marks");

  first = create_request ("editor", "汛期防灾减灾工作", now + 4, both, 2);
  second = create_request ("admin", "乡村振兴典型经验", now + 2, &ctx.unit, 1);

  /* The feed: the units asked and the office see a request, others not. */
  g_assert_cmpuint (feed_shows ("officer", first), ==, 1);
  g_assert_cmpuint (feed_shows ("officer001", first), ==, 1);
  g_assert_cmpuint (feed_shows ("officer001", second), ==, 0);
  g_assert_cmpuint (feed_shows ("editor", second), ==, 1);
  g_assert_cmpuint (feed_shows ("viewer", first), ==, 0);
  list = call ("GET", "/api/v1/requests?open=1", "officer001", NULL);
  expect_status (list, 200, "GET /requests");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj_of (list), "requests")), ==, 1);

  /* An item may answer only a request that asked its unit. */
  {
    g_autofree char *uuid = g_uuid_string_random ();
    g_autofree char *event_id = g_uuid_string_random ();
    g_autofree char *path = g_strconcat ("/api/v1/items/", uuid, NULL);
    g_autofree char *body = g_strdup_printf ("{\"event_id\":\"%s\",\"revision\":0,\"title\":\"答非所问\","
                                             "\"body\":\"正文。\",\"category\":\"项目建设\",\"type\":\"dynamic\","
                                             "\"angle\":\"key\",\"importance\":\"general\",\"urgent\":false,"
                                             "\"request_id\":%" G_GINT64_FORMAT "}", event_id, second);
    wrong = call ("PUT", path, "officer001", body);
    expect_status (wrong, 422, "answering a request that did not ask the unit");
  }

  answer_request (first);               /* before its deadline */
  wait_past (second, ctx.unit);
  answer_request (second);              /* after its deadline */
  wait_past (first, ctx.other_unit);    /* officer001 never answers */

  on_time = mark_of (first, ctx.unit);
  missing = mark_of (first, ctx.other_unit);
  late = mark_of (second, ctx.unit);
  g_assert_cmpstr (on_time, ==, "on_time");
  g_assert_cmpstr (missing, ==, "missing");
  g_assert_cmpstr (late, ==, "late");
}

static gint64
user_id_of (const char *who)
{
  g_autoptr(Reply) r = call ("GET", "/api/v1/session", who, NULL);

  expect_status (r, 200, "GET /session");
  return json_object_get_int_member (json_object_get_object_member (obj_of (r), "user"), "id");
}

/* The roster of @unit as the office reads it, and the entry of @user_id
 * holding @post from @starts (NULL if none). */
static JsonObject *
find_entry (JsonArray *roster, gint64 user_id, const char *post, const char *starts)
{
  for (guint i = 0; i < json_array_get_length (roster); i++)
    {
      JsonObject *e = json_array_get_object_element (roster, i);
      if (json_object_get_int_member (e, "user_id") == user_id
          && g_str_equal (json_object_get_string_member (e, "post"), post)
          && g_str_equal (json_object_get_string_member (e, "starts"), starts))
        return e;
    }
  return NULL;
}

/* A roster change by the admin (others refused) keeps the old term as
 * history; the office reads it and the missing-roster view; officers may not. */
static void
test_rosters (void)
{
  gint64 officer001 = user_id_of ("officer001");
  g_autofree char *body = g_strdup_printf ("{\"unit_id\":%" G_GINT64_FORMAT ",\"user_id\":%" G_GINT64_FORMAT ","
                                           "\"post\":\"officer\",\"at\":\"2030-01-01T00:00:00Z\"}",
                                           ctx.other_unit, officer001);
  g_autofree char *path = g_strdup_printf ("/api/v1/admin/roster?unit_id=%" G_GINT64_FORMAT, ctx.other_unit);
  g_autoptr(Reply) editor_try = call ("POST", "/api/v1/admin/roster/change", "editor", body);
  g_autoptr(Reply) officer_read = call ("GET", path, "officer001", NULL);
  g_autoptr(Reply) change = call ("POST", "/api/v1/admin/roster/change", "admin", body);
  g_autoptr(Reply) again = call ("POST", "/api/v1/admin/roster/change", "admin", body);
  g_autoptr(Reply) history = NULL, missing = NULL, missing_try = NULL, no_year = NULL;
  JsonArray *roster, *units;
  JsonObject *entry;

  expect_error (editor_try, 403, "forbidden", "an editor changes a roster");
  expect_error (officer_read, 403, "forbidden", "an officer reads the roster");
  expect_status (change, 200, "the admin changes the roster");
  /* The same change again starts no earlier than the current term: refused. */
  expect_status (again, 422, "a change at the current term's start");

  history = call ("GET", path, "editor", NULL);
  expect_status (history, 200, "the office reads the roster");
  roster = json_object_get_array_member (obj_of (history), "roster");
  entry = find_entry (roster, officer001, "officer", "2030-01-01T00:00:00Z");
  g_assert_nonnull (entry);
  g_assert_true (json_object_get_null_member (entry, "ends"));
  /* Every earlier officer term still open then now ends at the change. */
  for (guint i = 0; i < json_array_get_length (roster); i++)
    {
      JsonObject *e = json_array_get_object_element (roster, i);
      if (e != entry && g_str_equal (json_object_get_string_member (e, "post"), "officer"))
        g_assert_false (json_object_get_null_member (e, "ends"));
    }

  missing = call ("GET", "/api/v1/admin/rosters/missing?year=2026", "editor", NULL);
  expect_status (missing, 200, "missing rosters");
  g_assert_cmpstr (json_object_get_string_member (obj_of (missing), "deadline"), ==, "2026-03-20T15:59:59Z");
  units = json_object_get_array_member (obj_of (missing), "units");
  for (guint i = 0; i < json_array_get_length (units); i++)
    {
      JsonObject *u = json_array_get_object_element (units, i);
      g_assert_false (json_object_get_boolean_member (u, "has_leader") && json_object_get_boolean_member (u, "has_officer"));
    }
  missing_try = call ("GET", "/api/v1/admin/rosters/missing?year=2026", "officer", NULL);
  expect_error (missing_try, 403, "forbidden", "an officer reads the missing rosters");
  no_year = call ("GET", "/api/v1/admin/rosters/missing", "editor", NULL);
  expect_status (no_year, 400, "no year");
}

/* ---- a real client's copy ------------------------------------------------------------- */

/* A fresh client store of @who, synchronised once through the engine. */
static XbStore *
client_copy (const char *who, const char *dir)
{
  g_autofree char *path = g_build_filename (dir, who, NULL);

  return xb_test_synced_store (ctx.server, who, PASSWORD, path);
}

static GArray *
local_roster (XbStore *store, gint64 unit)
{
  g_autoptr(GError) error = NULL;
  GArray *entries = xb_store_roster_history (store, unit, &error);

  g_assert_no_error (error);
  return entries;
}

static gboolean
has_entry (GArray *entries, gint64 id, gint64 user_id, XbPost post)
{
  for (guint i = 0; i < entries->len; i++)
    {
      XbRosterEntry *e = &g_array_index (entries, XbRosterEntry, i);
      if (e->id == id && e->user_id == user_id && e->post == post && e->ends == 0)
        return TRUE;
    }
  return FALSE;
}

/* A change of the officer's unit's roster through the API reaches the
 * officer's client, with the server's entry ids; the roster of another
 * unit never does; the office's client receives both. */
static void
test_roster_sync (void)
{
  g_autofree char *dir = g_dir_make_tmp ("xb-roster-sync-XXXXXX", NULL);
  gint64 leader = user_id_of ("leader");
  g_autofree char *body = g_strdup_printf ("{\"unit_id\":%" G_GINT64_FORMAT ",\"user_id\":%" G_GINT64_FORMAT ","
                                           "\"post\":\"leader\",\"at\":\"2031-02-01T00:00:00Z\"}",
                                           ctx.unit, leader);
  g_autoptr(Reply) change = call ("POST", "/api/v1/admin/roster/change", "admin", body);
  g_autoptr(XbStore) officer = NULL, editor = NULL;
  g_autoptr(GArray) own = NULL, other = NULL, office_other = NULL;
  JsonObject *entry;

  expect_status (change, 200, "the admin changes the roster");
  entry = find_entry (json_object_get_array_member (obj_of (change), "roster"), leader, "leader", "2031-02-01T00:00:00Z");
  g_assert_nonnull (entry);
  officer = client_copy ("officer", dir);
  own = local_roster (officer, ctx.unit);
  g_assert_true (has_entry (own, json_object_get_int_member (entry, "id"), leader, XB_POST_LEADER));
  g_assert_cmpuint (own->len, ==, json_array_get_length (json_object_get_array_member (obj_of (change), "roster")));
  other = local_roster (officer, ctx.other_unit);
  g_assert_cmpuint (other->len, ==, 0);
  editor = client_copy ("editor", dir);
  office_other = local_roster (editor, ctx.other_unit);
  g_assert_cmpuint (office_other->len, >, 0);
  g_clear_object (&officer);
  g_clear_object (&editor);
  xb_test_rm_rf (dir);
}

/* ---- roster proposals ----------------------------------------------------------------- */

static gint64
propose_ok (const char *json)
{
  g_autoptr(Reply) r = call ("POST", "/api/v1/roster/proposals", "officer", json);
  JsonObject *p;

  expect_status (r, 201, json);
  p = json_object_get_object_member (obj_of (r), "proposal");
  g_assert_cmpstr (json_object_get_string_member (p, "status"), ==, "pending");
  g_assert_cmpint (json_object_get_int_member (p, "unit_id"), ==, ctx.unit);
  return json_object_get_int_member (p, "id");
}

/* The proposal @id in @who's list at @path, or NULL. */
static JsonObject *
listed (Reply *r, gint64 id)
{
  JsonArray *list = json_object_get_array_member (obj_of (r), "proposals");

  for (guint i = 0; i < json_array_get_length (list); i++)
    if (json_object_get_int_member (json_array_get_object_element (list, i), "id") == id)
      return json_array_get_object_element (list, i);
  return NULL;
}

static Reply *
decide (const char *who, gint64 id, const char *verb, const char *json)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/admin/roster/proposals/%" G_GINT64_FORMAT "/%s", id, verb);

  return call ("POST", path, who, json);
}

static void
expect_refused_proposals (gint64 officer)
{
  g_autofree char *body = g_strdup_printf ("{\"post\":\"officer\",\"user_id\":%" G_GINT64_FORMAT ","
                                           "\"starts\":\"2032-01-01T00:00:00Z\"}", officer);
  g_autofree char *foreign = g_strdup_printf ("{\"post\":\"officer\",\"user_id\":%" G_GINT64_FORMAT ","
                                              "\"starts\":\"2032-01-01T00:00:00Z\"}", user_id_of ("officer001"));
  g_autoptr(Reply) by_leader = call ("POST", "/api/v1/roster/proposals", "leader", body);
  g_autoptr(Reply) by_editor = call ("POST", "/api/v1/roster/proposals", "editor", body);
  g_autoptr(Reply) other_unit = call ("POST", "/api/v1/roster/proposals", "officer", foreign);
  g_autoptr(Reply) both = call ("POST", "/api/v1/roster/proposals", "officer",
                                "{\"post\":\"leader\",\"user_id\":1,\"name\":\"张三\",\"starts\":\"2032-01-01T00:00:00Z\"}");
  g_autoptr(Reply) bad_post = call ("POST", "/api/v1/roster/proposals", "officer",
                                    "{\"post\":\"chief\",\"name\":\"张三\",\"starts\":\"2032-01-01T00:00:00Z\"}");

  expect_error (by_leader, 403, "forbidden", "a unit leader proposes");
  expect_error (by_editor, 403, "forbidden", "an editor proposes");
  expect_status (other_unit, 422, "an account of another unit");
  expect_status (both, 422, "both an account and a name");
  expect_status (bad_post, 422, "an unknown post");
}

/* An officer proposes their unit's entries (others refused); the office
 * lists them (officers may not) and decides (officers and viewers may
 * not): the approved one enters the roster, the rejected one keeps its
 * reason; the officer reads both outcomes, another unit's officer neither. */
static void
test_proposals (void)
{
  gint64 officer = user_id_of ("officer");
  g_autofree char *mine = g_strdup_printf ("{\"post\":\"officer\",\"user_id\":%" G_GINT64_FORMAT ","
                                           "\"starts\":\"2032-01-01T00:00:00Z\"}", officer);
  g_autofree char *roster_path = g_strdup_printf ("/api/v1/admin/roster?unit_id=%" G_GINT64_FORMAT, ctx.unit);
  gint64 first, second;
  g_autoptr(Reply) office_list = NULL, officer_list = NULL, by_officer = NULL, by_viewer = NULL;
  g_autoptr(Reply) approved = NULL, again = NULL, no_account = NULL, no_reason = NULL, rejected = NULL;
  g_autoptr(Reply) roster = NULL, own = NULL, others = NULL;
  JsonObject *p;

  expect_refused_proposals (officer);
  first = propose_ok (mine);
  second = propose_ok ("{\"post\":\"leader\",\"user_id\":null,\"name\":\"张三\",\"starts\":\"2032-02-01T00:00:00Z\"}");

  officer_list = call ("GET", "/api/v1/admin/roster/proposals", "officer", NULL);
  expect_error (officer_list, 403, "forbidden", "an officer lists the office's proposals");
  office_list = call ("GET", "/api/v1/admin/roster/proposals", "editor", NULL);
  expect_status (office_list, 200, "the office lists proposals");
  g_assert_nonnull (listed (office_list, first));
  g_assert_cmpstr (json_object_get_string_member (listed (office_list, second), "name"), ==, "张三");

  by_officer = decide ("officer", first, "approve", "{}");
  expect_error (by_officer, 403, "forbidden", "an officer approves");
  by_viewer = decide ("viewer", first, "reject", "{\"reason\":\"no\"}");
  expect_error (by_viewer, 403, "forbidden", "a viewer rejects");
  approved = decide ("editor", first, "approve", "{}");
  expect_status (approved, 200, "the office approves");
  p = json_object_get_object_member (obj_of (approved), "proposal");
  g_assert_cmpstr (json_object_get_string_member (p, "status"), ==, "approved");
  roster = call ("GET", roster_path, "editor", NULL);
  expect_status (roster, 200, "the roster after approval");
  g_assert_nonnull (find_entry (json_object_get_array_member (obj_of (roster), "roster"), officer, "officer",
                                "2032-01-01T00:00:00Z"));
  again = decide ("admin", first, "approve", "{}");
  expect_status (again, 409, "approved twice");

  no_account = decide ("admin", second, "approve", "{}");
  expect_status (no_account, 422, "a new person without an account");
  no_reason = decide ("admin", second, "reject", "{\"reason\":\"  \"}");
  expect_status (no_reason, 422, "a rejection without a reason");
  rejected = decide ("admin", second, "reject", "{\"reason\":\"任职文件未附\"}");
  expect_status (rejected, 200, "the office rejects");

  own = call ("GET", "/api/v1/roster/proposals", "officer", NULL);
  expect_status (own, 200, "the officer reads their proposals");
  g_assert_cmpstr (json_object_get_string_member (listed (own, first), "status"), ==, "approved");
  p = listed (own, second);
  g_assert_cmpstr (json_object_get_string_member (p, "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (p, "reason"), ==, "任职文件未附");
  others = call ("GET", "/api/v1/roster/proposals", "officer001", NULL);
  expect_status (others, 200, "another unit's officer reads theirs");
  g_assert_null (listed (others, first));
  g_assert_null (listed (others, second));
}

static Reply *
post_csv (const char *path, const char *who, const char *csv, gssize len)
{
  return send_raw (ctx.session, ctx.server->url, "POST", path, token_of (who), "text/csv", csv, len);
}

typedef struct {
  const char *name;
  gboolean    seen;
} FindUnit;

static void
look_for_unit (JsonObject *change, gpointer data)
{
  FindUnit *find = data;

  if (g_str_equal (json_object_get_string_member (change, "kind"), "unit")
      && g_strcmp0 (json_object_get_string_member (json_object_get_object_member (change, "data"), "name"),
                    find->name) == 0)
    find->seen = TRUE;
}

/* CSV import through the API: admin only, a dry run writes nothing, a bad
 * row or encoding refuses everything, a good file lands and reaches another
 * client through the feed. */
static void
test_import (void)
{
  const char *good = "name,kind,parent,monthly_quota\n西和县人民政府办公室测试,county,,5\n";
  const char *bad = "name,kind,parent,monthly_quota\n礼县测试,county,,\n,county,,\n";
  static const char junk[] = "name,kind,parent,monthly_quota\n\xFF\xFE\xFF,county,,\n";
  g_autoptr(Reply) editor_try = post_csv ("/api/v1/admin/import/units?dry_run=1", "editor", good, -1);
  g_autoptr(Reply) dry = post_csv ("/api/v1/admin/import/units?dry_run=1", "admin", good, -1);
  g_autoptr(Reply) refused = post_csv ("/api/v1/admin/import/units", "admin", bad, -1);
  g_autoptr(Reply) encoding = post_csv ("/api/v1/admin/import/units", "admin", junk, sizeof junk - 1);
  g_autoptr(Reply) done = NULL;
  FindUnit find = { "西和县人民政府办公室测试", FALSE };
  FindUnit not_there = { "礼县测试", FALSE };
  JsonArray *rows;

  expect_error (editor_try, 403, "forbidden", "an editor imports");
  expect_status (dry, 200, "dry run");
  g_assert_false (json_object_get_boolean_member (obj_of (dry), "applied"));
  rows = json_object_get_array_member (obj_of (dry), "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  pull ("officer", 0, look_for_unit, &find);
  g_assert_false (find.seen);

  expect_status (refused, 422, "a file with a bad row");
  g_assert_cmpint (json_object_get_int_member (obj_of (refused), "errors"), ==, 1);
  expect_status (encoding, 422, "a file in no known encoding");
  g_assert_nonnull (strstr (json_object_get_string_member (obj_of (encoding), "message"), "UTF-8"));

  done = post_csv ("/api/v1/admin/import/units", "admin", good, -1);
  expect_status (done, 200, "import");
  g_assert_true (json_object_get_boolean_member (obj_of (done), "applied"));
  pull ("officer", 0, look_for_unit, &find);
  g_assert_true (find.seen);
  pull ("officer", 0, look_for_unit, &not_there);
  g_assert_false (not_there.seen);
}

static JsonArray *
policy_versions (Reply *r)
{
  expect_status (r, 200, "GET policy history");
  return json_object_get_array_member (obj_of (r), "versions");
}

/* The data of the feed's policy change. */
static void
look_for_policy (JsonObject *change, gpointer data)
{
  JsonNode **policy = data;

  if (g_str_equal (json_object_get_string_member (change, "kind"), "policy"))
    {
      g_clear_pointer (policy, json_node_unref);
      *policy = json_node_copy (json_object_get_member (change, "data"));
    }
}

/* A policy edit is recorded with who and from when; others may not edit,
 * officers may not read the history.  A version effective later reaches
 * everyone through the feed as "upcoming", beside the policy in force. */
static void
test_policy_history (void)
{
  g_autoptr(Reply) before = call ("GET", "/api/v1/admin/policy/history", "editor", NULL);
  g_autoptr(Reply) officer_try = call ("GET", "/api/v1/admin/policy/history", "officer", NULL);
  g_autoptr(Reply) editor_put = NULL, put = NULL, after = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *policy = NULL, *body = NULL;
  JsonArray *old_versions = policy_versions (before), *versions;
  JsonObject *newest;
  guint n = json_array_get_length (old_versions);

  expect_error (officer_try, 403, "forbidden", "an officer reads the policy history");
  g_assert_cmpuint (n, >=, 1);
  json_generator_set_root (gen, json_object_get_member (json_array_get_object_element (old_versions, 0), "policy"));
  policy = json_generator_to_data (gen, NULL);
  body = g_strdup_printf ("{\"policy\":%s,\"effective_from\":\"2031-01-01T00:00:00Z\"}", policy);
  editor_put = call ("PUT", "/api/v1/admin/policy", "editor", body);
  expect_error (editor_put, 403, "forbidden", "an editor edits the policy");
  put = call ("PUT", "/api/v1/admin/policy", "admin", body);
  expect_status (put, 200, "the admin edits the policy");

  after = call ("GET", "/api/v1/admin/policy/history", "admin", NULL);
  versions = policy_versions (after);
  g_assert_cmpuint (json_array_get_length (versions), ==, n + 1);
  newest = json_array_get_object_element (versions, 0);
  g_assert_cmpint (json_object_get_int_member (newest, "changed_by"), ==, user_id_of ("admin"));
  g_assert_cmpstr (json_object_get_string_member (newest, "effective_from"), ==, "2031-01-01T00:00:00Z");
  g_assert_nonnull (json_object_get_object_member (newest, "policy"));

  {
    g_autoptr(JsonNode) fed = NULL;
    JsonObject *in_force;
    JsonArray *upcoming;
    JsonObject *last;
    XbPolicy parsed;
    g_autofree char *text = NULL;

    pull ("officer", 0, look_for_policy, &fed);
    g_assert_nonnull (fed);
    in_force = json_node_get_object (fed);
    text = json_to_string (fed, FALSE);
    g_assert_true (xb_policy_from_json (text, &parsed, NULL));
    upcoming = json_object_get_array_member (in_force, "upcoming");
    g_assert_nonnull (upcoming);
    g_assert_cmpuint (json_array_get_length (upcoming), >=, 1);
    last = json_array_get_object_element (upcoming, json_array_get_length (upcoming) - 1);
    g_assert_cmpstr (json_object_get_string_member (last, "effective_from"), ==, "2031-01-01T00:00:00Z");
    g_assert_false (json_object_has_member (last, "chains"));
    g_assert_nonnull (json_object_get_object_member (json_object_get_object_member (last, "policy"), "chains"));
  }
}

static char *
policy_body (JsonObject *policy, const char *from)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_node_set_object (node, policy);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  return g_strdup_printf ("{\"policy\":%s,\"effective_from\":\"%s\"}", text, from);
}

/* The admin sets the roster deadline and direct_points_roll_up through the
 * policy (a bad deadline is 422, an editor 403): the missing-roster view
 * moves to the new day; the old policy back, it returns to 20 March. */
static void
test_policy_deadline (void)
{
  g_autoptr(Reply) history = call ("GET", "/api/v1/admin/policy/history", "admin", NULL);
  g_autoptr(JsonNode) source = NULL, copy = NULL;
  g_autoptr(Reply) bad = NULL, by_editor = NULL, put = NULL, missing = NULL, restore = NULL, missing_again = NULL;
  g_autofree char *now = NULL, *original = NULL, *changed = NULL, *bad_body = NULL;
  JsonObject *in_force, *policy;

  now = xb_time_format (g_get_real_time () / G_USEC_PER_SEC);
  in_force = json_object_get_object_member (json_array_get_object_element (policy_versions (history), 0), "policy");
  original = policy_body (in_force, now);
  source = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (source, in_force);
  copy = json_node_copy (source);
  policy = json_node_get_object (copy);
  json_object_set_string_member (policy, "roster_deadline", "02-30");
  bad_body = policy_body (policy, now);
  json_object_set_string_member (policy, "roster_deadline", "04-01");
  json_object_set_boolean_member (policy, "direct_points_roll_up", FALSE);
  changed = policy_body (policy, now);

  bad = call ("PUT", "/api/v1/admin/policy", "admin", bad_body);
  expect_status (bad, 422, "a roster deadline on 30 February");
  by_editor = call ("PUT", "/api/v1/admin/policy", "editor", changed);
  expect_error (by_editor, 403, "forbidden", "an editor sets the deadline");
  put = call ("PUT", "/api/v1/admin/policy", "admin", changed);
  expect_status (put, 200, "the admin sets the deadline");
  policy = json_object_get_object_member (obj_of (put), "policy");
  g_assert_cmpstr (json_object_get_string_member (policy, "roster_deadline"), ==, "04-01");
  g_assert_false (json_object_get_boolean_member (policy, "direct_points_roll_up"));
  missing = call ("GET", "/api/v1/admin/rosters/missing?year=2026", "editor", NULL);
  expect_status (missing, 200, "missing rosters at the new deadline");
  g_assert_cmpstr (json_object_get_string_member (obj_of (missing), "deadline"), ==, "2026-04-01T15:59:59Z");

  restore = call ("PUT", "/api/v1/admin/policy", "admin", original);
  expect_status (restore, 200, "the old policy back");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (obj_of (restore), "policy"),
                                                 "direct_points_roll_up"));
  missing_again = call ("GET", "/api/v1/admin/rosters/missing?year=2026", "editor", NULL);
  g_assert_cmpstr (json_object_get_string_member (obj_of (missing_again), "deadline"), ==, "2026-03-20T15:59:59Z");
}

/* Whether the feed's policy lists a version effective at @from as upcoming. */
static gboolean
upcoming_has (const char *from)
{
  g_autoptr(JsonNode) fed = NULL;
  JsonArray *upcoming;

  pull ("officer", 0, look_for_policy, &fed);
  g_assert_nonnull (fed);
  upcoming = json_object_get_array_member (json_node_get_object (fed), "upcoming");
  for (guint i = 0; upcoming != NULL && i < json_array_get_length (upcoming); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (upcoming, i), "effective_from"),
                   from) == 0)
      return TRUE;
  return FALSE;
}

/* A version takes effect today (China time) or later: the last second of
 * yesterday there is refused with 422 naming the day; today's midnight
 * (already past, but today) is taken, and tomorrow's is upcoming. */
static void
test_policy_days (void)
{
  g_autoptr(Reply) history = call ("GET", "/api/v1/admin/policy/history", "admin", NULL);
  g_autoptr(Reply) past = NULL, today = NULL, tomorrow = NULL, after = NULL;
  g_autoptr(GTimeZone) cst = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (cst);
  g_autoptr(GDateTime) midnight = g_date_time_new (cst, g_date_time_get_year (now), g_date_time_get_month (now),
                                                   g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (midnight, -1);
  gint64 start = g_date_time_to_unix (midnight);
  g_autofree char *past_from = xb_time_format (start - 1);
  g_autofree char *today_from = xb_time_format (start);
  g_autofree char *tomorrow_from = xb_time_format (start + 86400);
  g_autofree char *day = g_date_time_format (yesterday, "%Y-%m-%d");
  g_autofree char *message = g_strdup_printf ("A policy cannot take effect on a day that has passed "
                                              "(%s, China time); choose today or a later day.", day);
  JsonObject *in_force = json_object_get_object_member (json_array_get_object_element (policy_versions (history), 0),
                                                        "policy");
  g_autofree char *past_body = policy_body (in_force, past_from);
  g_autofree char *today_body = policy_body (in_force, today_from);
  g_autofree char *tomorrow_body = policy_body (in_force, tomorrow_from);
  guint n = json_array_get_length (policy_versions (history));

  past = call ("PUT", "/api/v1/admin/policy", "admin", past_body);
  expect_error (past, 422, "invalid", "a policy from yesterday, China time");
  g_assert_cmpstr (json_object_get_string_member (obj_of (past), "message"), ==, message);
  g_assert_false (upcoming_has (past_from));

  today = call ("PUT", "/api/v1/admin/policy", "admin", today_body);
  expect_status (today, 200, "a policy from today's midnight, China time");
  g_assert_false (upcoming_has (today_from));
  tomorrow = call ("PUT", "/api/v1/admin/policy", "admin", tomorrow_body);
  expect_status (tomorrow, 200, "a policy from tomorrow");
  g_assert_true (upcoming_has (tomorrow_from));

  /* The refused version was not recorded; the other two were. */
  after = call ("GET", "/api/v1/admin/policy/history", "admin", NULL);
  g_assert_cmpuint (json_array_get_length (policy_versions (after)), ==, n + 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (policy_versions (after), 1),
                                                  "effective_from"), ==, today_from);
}

typedef struct {
  GHashTable *points;   /* unit ids of direct-reporting points */
  char       *uuid;     /* an adopted item of one, not yet forwarded */
} PointLook;

static gboolean
has_event (JsonObject *item, const char *action)
{
  JsonArray *events = json_object_get_array_member (item, "events");

  for (guint i = 0; i < json_array_get_length (events); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (events, i), "action"), action))
      return TRUE;
  return FALSE;
}

static void
look_for_point_item (JsonObject *change, gpointer data)
{
  PointLook *look = data;
  const char *kind = json_object_get_string_member (change, "kind");
  JsonObject *obj = json_object_get_object_member (change, "data");

  if (g_str_equal (kind, "unit") && g_str_equal (json_object_get_string_member (obj, "kind"), "direct_point"))
    g_hash_table_add (look->points, GINT_TO_POINTER ((int) json_object_get_int_member (obj, "id")));
  else if (g_str_equal (kind, "item") && look->uuid == NULL
           && g_str_equal (json_object_get_string_member (obj, "state"), "adopted")
           && g_hash_table_contains (look->points, GINT_TO_POINTER ((int) json_object_get_int_member (obj, "unit_id")))
           && !has_event (obj, "forward"))
    look->uuid = g_strdup (json_object_get_string_member (obj, "uuid"));
}

/* An adopted item of a direct-reporting point is marked for forwarding to
 * the province by an editor (an officer may not): the item stays adopted
 * and carries the forward event. */
static void
test_direct_point_forward (void)
{
  PointLook look = { g_hash_table_new (NULL, NULL), NULL };
  g_autoptr(Reply) by_officer = NULL, forwarded = NULL;

  pull ("editor", 0, look_for_point_item, &look);
  g_assert_cmpuint (g_hash_table_size (look.points), >, 0);
  g_assert_nonnull (look.uuid);
  by_officer = act ("officer", look.uuid, "forward", NULL);
  g_assert_cmpuint (by_officer->status, >=, 403);
  g_assert_cmpuint (by_officer->status, <=, 404);
  forwarded = act ("editor", look.uuid, "forward", NULL);
  expect_status (forwarded, 200, "an editor forwards a direct point's item");
  g_assert_cmpstr (state_of (forwarded), ==, "adopted");
  g_assert_true (has_event (item_of (forwarded), "forward"));
  g_hash_table_unref (look.points);
  g_free (look.uuid);
}

/* A retired unit: its user cannot start new items, its old ones stay. */
static void
test_retire (void)
{
  g_autoptr(Reply) unit = call ("POST", "/api/v1/admin/units", "admin",
                                "{\"name\":\"待撤并的测试单位\",\"kind\":\"department\"}");
  g_autoptr(Reply) user = NULL, draft = NULL, retire = NULL, late = NULL, old = NULL, officer_try = NULL;
  g_autofree char *user_body = NULL, *unit_body = NULL, *unit_path = NULL, *first = g_uuid_string_random ();
  g_autofree char *second = g_uuid_string_random ();
  g_autofree char *first_path = g_strconcat ("/api/v1/items/", first, NULL);
  g_autofree char *second_path = g_strconcat ("/api/v1/items/", second, NULL);
  g_autofree char *e1 = g_uuid_string_random (), *e2 = g_uuid_string_random ();
  g_autofree char *d1 = NULL, *d2 = NULL;
  gint64 unit_id;

  expect_status (unit, 201, "create a unit");
  unit_id = json_object_get_int_member (json_object_get_object_member (obj_of (unit), "unit"), "id");
  user_body = g_strdup_printf ("{\"username\":\"retiring\",\"display_name\":\"周测试\",\"unit_id\":%"
                               G_GINT64_FORMAT ",\"roles\":[\"officer\"],\"password\":\"retiring-pw\"}", unit_id);
  user = call ("POST", "/api/v1/admin/users", "admin", user_body);
  expect_status (user, 201, "create its officer");
  {
    g_autoptr(Reply) r = sign_in_reply (ctx.server->url, ctx.session, "retiring", "retiring-pw");
    expect_status (r, 200, "the new officer signs in");
    g_hash_table_replace (ctx.tokens, g_strdup ("retiring"),
                          g_strdup (json_object_get_string_member (obj_of (r), "token")));
  }
  d1 = g_strdup_printf ("{\"event_id\":\"%s\",\"revision\":0,\"title\":\"撤并前的信息\",\"body\":\"正文。\","
                        "\"category\":\"项目建设\",\"type\":\"dynamic\",\"angle\":\"key\","
                        "\"importance\":\"general\",\"urgent\":false}", e1);
  draft = call ("PUT", first_path, "retiring", d1);
  expect_status (draft, 201, "a draft before retirement");

  unit_path = g_strdup_printf ("/api/v1/admin/units/%" G_GINT64_FORMAT, unit_id);
  unit_body = g_strdup ("{\"name\":\"待撤并的测试单位\",\"kind\":\"department\",\"retired\":true}");
  officer_try = call ("PUT", unit_path, "officer", unit_body);
  expect_error (officer_try, 403, "forbidden", "an officer retires a unit");
  retire = call ("PUT", unit_path, "admin", unit_body);
  expect_status (retire, 200, "retire");

  d2 = g_strdup_printf ("{\"event_id\":\"%s\",\"revision\":0,\"title\":\"撤并后的信息\",\"body\":\"正文。\","
                        "\"category\":\"项目建设\",\"type\":\"dynamic\",\"angle\":\"key\","
                        "\"importance\":\"general\",\"urgent\":false}", e2);
  late = call ("PUT", second_path, "retiring", d2);
  expect_status (late, 422, "a new item of a retired unit");
  old = call ("GET", first_path, "retiring", NULL);
  expect_status (old, 200, "the retired unit's item stays");
}

/* Runs the server's CLI with @input on standard input; returns the exit status. */
static int
run_cli (const char *input, char **out, const char *first, ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) g_getenv ("XINBAO_SERVER"));
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  proc = g_subprocess_newv ((const char *const *) args->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                            | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, input, NULL, out, &err, &error));
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (proc);
}

/* A new data directory without --demo: add-unit (the office) and add-user
 * make the first administrator, who signs in to a server started on it;
 * import-units checks with --dry-run, then imports. */
static void
test_first_run (void)
{
  g_autofree char *dir = g_dir_make_tmp ("xb-first-run-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *csv = g_build_filename (dir, "units.csv", NULL);
  g_autofree char *out = NULL, *dry = NULL, *done = NULL, *bad_out = NULL;
  g_autoptr(GError) error = NULL;
  XbTestServerOptions options = { .data_dir = data };
  XbTestServer *server;
  SoupSession *session = soup_session_new ();
  g_autoptr(Reply) r = NULL, units = NULL;
  g_autofree char *office = NULL;

  /* add-unit creates the directory and database; add-user then makes the admin. */
  g_assert_cmpint (run_cli (NULL, &office, "add-unit", "--data-dir", data, "--name", "市人民政府办公室",
                            "--kind", "office", NULL), ==, 0);
  g_assert_cmpstr (office, ==, "1\n");
  g_assert_cmpint (run_cli ("first-admin-pw\n", &out, "add-user", "--data-dir", data, "--username", "root",
                            "--name", "管理员", "--unit", "1", "--roles", "admin", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "1\n");
  g_assert_true (g_file_set_contents (csv, "name,kind,parent,monthly_quota\n成县人民政府办公室,county,,6\n"
                                      "市财政局,ministry,,\n", -1, &error));
  g_assert_cmpint (run_cli (NULL, &bad_out, "import-units", "--data-dir", data, "--dry-run", csv, NULL), ==, 1);
  g_assert_true (g_file_set_contents (csv, "name,kind,parent,monthly_quota\n成县人民政府办公室,county,,6\n", -1, &error));
  g_assert_cmpint (run_cli (NULL, &dry, "import-units", "--data-dir", data, "--dry-run", csv, NULL), ==, 0);
  g_assert_cmpstr (dry, ==, "1 rows would be imported (UTF-8)\n");
  g_assert_cmpint (run_cli (NULL, &done, "import-units", "--data-dir", data, csv, NULL), ==, 0);

  server = xb_test_server_start (&options);
  r = sign_in_reply (server->url, session, "root", "first-admin-pw");
  expect_status (r, 200, "the first admin signs in");
  {
    g_autofree char *bearer = g_strdup (json_object_get_string_member (obj_of (r), "token"));
    units = send_raw (session, server->url, "GET", "/api/v1/changes", bearer, NULL, NULL, 0);
  }
  expect_status (units, 200, "the first admin's feed");
  /* The office and the imported county, nothing else: no demo data. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj_of (units), "changes")), ==, 3);
  xb_test_server_free (server);
  g_object_unref (session);
  xb_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 200 };
  int status;

  g_test_init (&argc, &argv, NULL);
  ctx.server = xb_test_server_start (&options);
  ctx.session = soup_session_new_with_options ("timeout", 60, NULL);
  ctx.tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    sign_in (accounts[i]);
  ctx.unit = unit_of ("officer");
  ctx.other_unit = unit_of ("officer001");
  g_assert_cmpint (ctx.unit, !=, ctx.other_unit);
  g_test_add_func ("/admin-api/requests", test_requests);
  g_test_add_func ("/admin-api/first-run", test_first_run);
  g_test_add_func ("/admin-api/rosters", test_rosters);
  g_test_add_func ("/admin-api/roster-sync", test_roster_sync);
  g_test_add_func ("/admin-api/proposals", test_proposals);
  g_test_add_func ("/admin-api/import", test_import);
  g_test_add_func ("/admin-api/policy-deadline", test_policy_deadline);
  g_test_add_func ("/admin-api/policy-history", test_policy_history);
  g_test_add_func ("/admin-api/policy-days", test_policy_days);
  g_test_add_func ("/admin-api/retire", test_retire);
  g_test_add_func ("/admin-api/direct-point-forward", test_direct_point_forward);
  status = g_test_run ();
  g_object_unref (ctx.session);
  g_hash_table_unref (ctx.tokens);
  xb_test_server_free (ctx.server);
  return status;
}
