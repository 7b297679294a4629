/* The server's HTTP API against the real xinbao-server: sessions, feed, items, every action, replay, roles, bad input, attachments, admin, TLS. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "test-api-common.h"
#include "xb-test-server.h"

#define PASSWORD "xinbao"

/* One demo server serves most groups; its state carries over between them,
 * so each group makes its own items. */
typedef struct {
  XbTestServer *server;
  SoupSession  *session;
  GHashTable   *tokens;      /* username → token */
  gint64        unit;        /* the unit of "officer" and "leader" */
  gint64        other_unit;  /* the unit of "officer001" */
  gint64        office_unit;
  gint64        cursor;      /* admin's feed cursor, for "nothing changed" */
  GPtrArray    *all_tokens;  /* every token handed out, to check the log */
} Ctx;

static Ctx ctx;

static const char *const accounts[] = {
  "admin", "editor", "editor2", "chief", "deputy", "director", "secgen",
  "deputymayor", "mayor", "viewer", "officer", "leader", "officer001",
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
  g_ptr_array_add (ctx.all_tokens, g_strdup (token));
  return token_of (username);
}

static gint64
unit_of (const char *who)
{
  g_autoptr(Reply) r = call ("GET", "/api/v1/session", who, NULL);

  expect_status (r, 200, "GET /session");
  return json_object_get_int_member (json_object_get_object_member (obj_of (r), "user"), "unit_id");
}

static gint64
user_id_of (const char *who)
{
  g_autoptr(Reply) r = call ("GET", "/api/v1/session", who, NULL);

  expect_status (r, 200, "GET /session");
  return json_object_get_int_member (json_object_get_object_member (obj_of (r), "user"), "id");
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
static void
assert_unchanged (const char *what)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT, ctx.cursor);
  g_autoptr(Reply) r = call ("GET", path, "admin", NULL);
  JsonArray *changes;

  expect_status (r, 200, "GET /changes");
  changes = json_object_get_array_member (obj_of (r), "changes");
  if (json_array_get_length (changes) != 0)
    g_error ("%s changed the database: %u changes", what, json_array_get_length (changes));
}

static void
catch_up (void)
{
  ctx.cursor = pull ("admin", ctx.cursor, NULL, NULL);
}

/* ---- items and actions ----------------------------------------------------------------- */

static char *
draft_json (const char *event_id, int revision, const char *title, const char *importance)
{
  return g_strdup_printf ("{\"event_id\":\"%s\",\"revision\":%d,\"title\":\"%s\","
                          "\"body\":\"今年以来，我区多措并举推进项目建设。\",\"category\":\"项目建设\","
                          "\"type\":\"dynamic\",\"angle\":\"key\",\"importance\":\"%s\",\"urgent\":false}",
                          event_id, revision, title, importance);
}

static Reply *
put_draft (const char *who, const char *uuid, int revision, const char *title)
{
  g_autofree char *event_id = g_uuid_string_random ();
  g_autofree char *body = draft_json (event_id, revision, title, "general");
  g_autofree char *path = g_strconcat ("/api/v1/items/", uuid, NULL);

  return call ("PUT", path, who, body);
}

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

static Reply *
get_item (const char *who, const char *uuid)
{
  g_autofree char *path = g_strconcat ("/api/v1/items/", uuid, NULL);

  return call ("GET", path, who, NULL);
}

/* The extra members each action needs in these tests. */
static const char *
extra_for (const char *action, const char *into)
{
  static char merge[128];

  if (g_str_equal (action, "edit"))
    return "\"title\":\"编辑后的标题\"";
  if (g_str_equal (action, "propose"))
    return "\"publication_id\":1";
  if (g_str_equal (action, "instruct"))
    return "\"leader\":\"张市长\",\"level\":\"city\",\"text\":\"请认真研究。\"";
  if (g_str_equal (action, "merge"))
    {
      g_snprintf (merge, sizeof merge, "\"into\":\"%s\"", into ? into : "");
      return merge;
    }
  return NULL;
}

/* A new item of "officer"'s unit, brought to @state through the API. */
static char *
item_in_state (const char *state)
{
  char *uuid = g_uuid_string_random ();
  g_autoptr(Reply) r = put_draft ("officer", uuid, 0, "测试信息");

  expect_status (r, 201, "create");
  if (g_str_equal (state, "draft"))
    return uuid;
  act_ok ("officer", uuid, "submit", NULL, "unit_review");
  if (g_str_equal (state, "unit_review"))
    return uuid;
  if (g_str_equal (state, "returned"))
    {
      act_ok ("leader", uuid, "return", NULL, "returned");
      return uuid;
    }
  act_ok ("leader", uuid, "approve", NULL, "submitted");
  if (g_str_equal (state, "submitted"))
    return uuid;
  if (g_str_equal (state, "merged"))
    {
      g_autofree char *into = g_uuid_string_random ();
      g_autofree char *extra = g_strdup_printf ("\"item\":{\"title\":\"综合信息\",\"body\":\"综合。\","
                                                "\"category\":\"项目建设\",\"type\":\"comprehensive\","
                                                "\"angle\":\"key\",\"importance\":\"general\"},"
                                                "\"sources\":[\"%s\"]", uuid);
      act_ok ("editor", into, "compose", extra, "editing");
      return uuid;
    }
  act_ok ("editor", uuid, "claim", NULL, "editing");
  if (g_str_equal (state, "editing"))
    return uuid;
  if (g_str_equal (state, "declined"))
    {
      act_ok ("editor", uuid, "decline", NULL, "declined");
      return uuid;
    }
  act_ok ("editor", uuid, "propose", "\"publication_id\":1", "signoff");
  if (g_str_equal (state, "signoff"))
    return uuid;
  act_ok ("chief", uuid, "sign", NULL, "adopted");
  g_assert_cmpstr (state, ==, "adopted");
  return uuid;
}

/* A comprehensive item in editing held by "editor", to merge into. */
static char *
comprehensive_item (void)
{
  g_autofree char *source = item_in_state ("submitted");
  char *uuid = g_uuid_string_random ();
  g_autofree char *extra = g_strdup_printf ("\"item\":{\"title\":\"综合信息\",\"body\":\"综合。\","
                                            "\"category\":\"项目建设\",\"type\":\"comprehensive\","
                                            "\"angle\":\"key\",\"importance\":\"general\"},"
                                            "\"sources\":[\"%s\"]", source);

  act_ok ("editor", uuid, "compose", extra, "editing");
  return uuid;
}

static guint
count_events_with_id (JsonObject *item, const char *id)
{
  JsonArray *events = json_object_get_array_member (item, "events");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (events); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (events, i), "id"), id) == 0)
      n++;
  return n;
}

/* ---- setup ------------------------------------------------------------------------------ */

static void
start_demo (void)
{
  XbTestServerOptions options = { .demo = TRUE };

  ctx.server = xb_test_server_start (&options);
  ctx.session = soup_session_new_with_options ("timeout", 60, NULL);
  ctx.tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx.all_tokens = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    sign_in (accounts[i]);
  ctx.unit = unit_of ("officer");
  ctx.other_unit = unit_of ("officer001");
  ctx.office_unit = unit_of ("editor");
  g_assert_cmpint (ctx.unit, ==, unit_of ("leader"));
  g_assert_cmpint (ctx.unit, !=, ctx.other_unit);
  catch_up ();
}

/* ---- sessions and tokens --------------------------------------------------------------------- */

static void
test_session (void)
{
  g_autoptr(Reply) good = sign_in_reply (ctx.server->url, ctx.session, "officer", PASSWORD);
  g_autoptr(Reply) bad = sign_in_reply (ctx.server->url, ctx.session, "officer", "wrong");
  g_autoptr(Reply) nobody = sign_in_reply (ctx.server->url, ctx.session, "nobody", PASSWORD);
  g_autoptr(Reply) who = call ("GET", "/api/v1/session", "officer", NULL);
  JsonObject *user;

  expect_status (good, 200, "good password");
  g_ptr_array_add (ctx.all_tokens, g_strdup (json_object_get_string_member (obj_of (good), "token")));
  g_assert_nonnull (json_object_get_string_member (obj_of (good), "expires_at"));
  user = json_object_get_object_member (obj_of (good), "user");
  g_assert_cmpstr (json_object_get_string_member (user, "username"), ==, "officer");
  g_assert_false (json_object_has_member (user, "password_hash"));
  expect_error (bad, 401, "unauthorized", "bad password");
  expect_error (nobody, 401, "unauthorized", "unknown user");
  expect_status (who, 200, "GET /session");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obj_of (who), "user"),
                                                  "username"), ==, "officer");
}

static void
test_tokens (void)
{
  static const char *const garbage[] = {
    "abc", "0000000000000000000000000000000000000000000000000000000000000000", "abc def",
  };
  g_autoptr(Reply) missing = call ("GET", "/api/v1/changes", NULL, NULL);
  g_autoptr(Reply) out = NULL, after = NULL, again = NULL;

  expect_error (missing, 401, "unauthorized", "no token");
  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr(Reply) r = send_raw (ctx.session, ctx.server->url, "GET", "/api/v1/changes", garbage[i],
                                     NULL, NULL, 0);
      expect_error (r, 401, "unauthorized", garbage[i]);
    }
  /* Signing out revokes that token only. */
  sign_in ("deputy");
  out = call ("DELETE", "/api/v1/session", "deputy", NULL);
  expect_status (out, 204, "DELETE /session");
  after = call ("GET", "/api/v1/session", "deputy", NULL);
  expect_error (after, 401, "unauthorized", "revoked token");
  sign_in ("deputy");
  again = call ("GET", "/api/v1/session", "deputy", NULL);
  expect_status (again, 200, "new token");
}

static void
test_user_rate_limit (void)
{
  g_autoptr(Reply) locked = NULL;
  g_autoptr(Reply) other = NULL;
  gint64 retry;

  for (int i = 0; i < 5; i++)
    {
      g_autoptr(Reply) r = sign_in_reply (ctx.server->url, ctx.session, "ghost", "guess");
      expect_error (r, 401, "unauthorized", "failed sign-in");
    }
  locked = sign_in_reply (ctx.server->url, ctx.session, "ghost", "guess");
  expect_error (locked, 429, "too_many_requests", "sixth failure");
  g_assert_nonnull (locked->retry_after);
  retry = g_ascii_strtoll (locked->retry_after, NULL, 10);
  g_assert_cmpint (retry, >, 0);
  g_assert_cmpint (retry, <=, 15 * 60);
  /* Other usernames from the same address still get in. */
  other = sign_in_reply (ctx.server->url, ctx.session, "mayor", PASSWORD);
  expect_status (other, 200, "another user");
  g_ptr_array_add (ctx.all_tokens, g_strdup (json_object_get_string_member (obj_of (other), "token")));
}

/* ---- the feed ---------------------------------------------------------------------------------- */

typedef struct {
  guint       items;
  guint       units;
  GHashTable *item_units;
  gboolean    all_adopted;
  gint64      only_unit;   /* 0: any */
} Seen;

static void
see_change (JsonObject *change, gpointer data)
{
  Seen *seen = data;
  const char *kind = json_object_get_string_member (change, "kind");
  JsonObject *item;
  gint64 unit;

  if (g_str_equal (kind, "unit"))
    seen->units++;
  if (!g_str_equal (kind, "item"))
    return;
  item = json_object_get_object_member (change, "data");
  unit = json_object_get_int_member (item, "unit_id");
  seen->items++;
  g_hash_table_add (seen->item_units, g_memdup2 (&unit, sizeof unit));
  if (!g_str_equal (json_object_get_string_member (item, "state"), "adopted"))
    seen->all_adopted = FALSE;
  if (seen->only_unit != 0)
    g_assert_cmpint (unit, ==, seen->only_unit);
}

static Seen *
seen_new (gint64 only_unit)
{
  Seen *seen = g_new0 (Seen, 1);

  seen->item_units = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  seen->all_adopted = TRUE;
  seen->only_unit = only_unit;
  return seen;
}

static void
seen_free (Seen *seen)
{
  g_hash_table_unref (seen->item_units);
  g_free (seen);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Seen, seen_free)

static void
test_feed_scope (void)
{
  g_autoptr(Seen) officer = seen_new (ctx.unit);
  g_autoptr(Seen) viewer = seen_new (0);
  g_autoptr(Seen) editor = seen_new (0);

  pull ("officer", 0, see_change, officer);
  pull ("viewer", 0, see_change, viewer);
  pull ("editor", 0, see_change, editor);
  /* Officers: their unit's items only; viewers: adopted ones only; the
   * office: everything.  Everyone sees every unit. */
  g_assert_cmpuint (officer->items, >, 0);
  g_assert_cmpuint (g_hash_table_size (officer->item_units), ==, 1);
  g_assert_cmpuint (viewer->items, >, 0);
  g_assert_true (viewer->all_adopted);
  g_assert_false (editor->all_adopted);
  g_assert_cmpuint (g_hash_table_size (editor->item_units), >, 10);
  g_assert_cmpuint (editor->items, >, officer->items + viewer->items / 2);
  g_assert_cmpuint (officer->units, ==, editor->units);
  g_assert_cmpuint (viewer->units, ==, editor->units);
}

static void
test_feed_paging (void)
{
  g_autoptr(Reply) first = call ("GET", "/api/v1/changes?limit=5", "editor", NULL);
  g_autoptr(Reply) second = NULL;
  g_autofree char *path = NULL;
  JsonArray *a, *b;
  gint64 next, last = 0;

  expect_status (first, 200, "page 1");
  a = json_object_get_array_member (obj_of (first), "changes");
  g_assert_cmpuint (json_array_get_length (a), ==, 5);
  g_assert_true (json_object_get_boolean_member (obj_of (first), "more"));
  next = json_object_get_int_member (obj_of (first), "next");
  for (guint i = 0; i < 5; i++)
    {
      gint64 seq = json_object_get_int_member (json_array_get_object_element (a, i), "seq");
      g_assert_cmpint (seq, >, last);
      last = seq;
    }
  g_assert_cmpint (next, ==, last);
  path = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT "&limit=5", next);
  second = call ("GET", path, "editor", NULL);
  expect_status (second, 200, "page 2");
  b = json_object_get_array_member (obj_of (second), "changes");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (b, 0), "seq"), >, next);
  {
    g_autoptr(Reply) zero = call ("GET", "/api/v1/changes?limit=0", "editor", NULL);
    g_autoptr(Reply) huge = call ("GET", "/api/v1/changes?limit=1001", "editor", NULL);
    g_autoptr(Reply) word = call ("GET", "/api/v1/changes?since=abc", "editor", NULL);
    g_autoptr(Reply) negative = call ("GET", "/api/v1/changes?since=-1", "editor", NULL);
    expect_error (zero, 422, "invalid", "limit=0");
    expect_error (huge, 422, "invalid", "limit=1001");
    expect_error (word, 400, "bad_request", "since=abc");
    expect_error (negative, 422, "invalid", "since=-1");
  }
}

/* Changes another unit makes move the officer's cursor without showing. */
static void
test_feed_cursor_moves_past (void)
{
  gint64 cursor = pull ("officer", 0, NULL, NULL);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autoptr(Reply) made = put_draft ("officer001", uuid, 0, "他单位的信息");
  g_autofree char *path = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT, cursor);
  g_autoptr(Reply) page = NULL;

  expect_status (made, 201, "other unit's draft");
  page = call ("GET", path, "officer", NULL);
  expect_status (page, 200, "officer's feed");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj_of (page), "changes")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (obj_of (page), "next"), >, cursor);
  g_assert_false (json_object_get_boolean_member (obj_of (page), "more"));
  catch_up ();
}

/* ---- drafts ------------------------------------------------------------------------------------- */

static void
test_drafts (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *event_id = g_uuid_string_random ();
  g_autofree char *body = draft_json (event_id, 0, "新稿件", "general");
  g_autofree char *path = g_strconcat ("/api/v1/items/", uuid, NULL);
  g_autoptr(Reply) created = call ("PUT", path, "officer", body);
  g_autoptr(Reply) replayed = NULL, updated = NULL, stale = NULL, foreign = NULL, leader = NULL;
  g_autoptr(Reply) seen_other = NULL, seen_viewer = NULL, seen_leader = NULL, exists = NULL;
  g_autoptr(Reply) wrong_unit = NULL, returned = NULL, not_draft = NULL;
  JsonObject *item;

  expect_status (created, 201, "create");
  item = item_of (created);
  g_assert_cmpstr (json_object_get_string_member (item, "state"), ==, "draft");
  g_assert_cmpint (json_object_get_int_member (item, "revision"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (item, "unit_id"), ==, ctx.unit);
  g_assert_cmpint (json_object_get_int_member (item, "author_id"), ==, user_id_of ("officer"));
  g_assert_cmpuint (count_events_with_id (item, event_id), ==, 1);

  /* The same write again: the same answer, nothing new. */
  catch_up ();
  replayed = call ("PUT", path, "officer", body);
  expect_status (replayed, 201, "replayed create");
  g_assert_true (g_bytes_equal (replayed->body, created->body));
  assert_unchanged ("a replayed PUT");

  updated = put_draft ("officer", uuid, 1, "修改后的稿件");
  expect_status (updated, 200, "update");
  g_assert_cmpstr (json_object_get_string_member (item_of (updated), "title"), ==, "修改后的稿件");
  catch_up ();

  /* Creating over an existing item is a conflict carrying the server's copy. */
  exists = put_draft ("officer", uuid, 0, "又一次新建");
  expect_error (exists, 409, "conflict", "create over existing");
  g_assert_cmpstr (json_object_get_string_member (item_of (exists), "title"), ==, "修改后的稿件");
  foreign = put_draft ("officer001", uuid, 1, "别人的修改");
  expect_error (foreign, 403, "forbidden", "other unit's officer");
  leader = put_draft ("leader", uuid, 1, "领导的修改");
  expect_error (leader, 403, "forbidden", "leader saving");
  assert_unchanged ("refused PUTs");

  /* Visibility on GET: the other unit and the viewer do not see a draft. */
  seen_other = get_item ("officer001", uuid);
  seen_viewer = get_item ("viewer", uuid);
  seen_leader = get_item ("leader", uuid);
  expect_error (seen_other, 404, "not_found", "other unit GET");
  expect_error (seen_viewer, 404, "not_found", "viewer GET");
  expect_status (seen_leader, 200, "leader GET");

  /* Creating in another unit is refused. */
  {
    g_autofree char *uuid2 = g_uuid_string_random ();
    g_autofree char *event2 = g_uuid_string_random ();
    g_autofree char *json = g_strdup_printf ("{\"event_id\":\"%s\",\"unit_id\":%" G_GINT64_FORMAT ","
                                             "\"title\":\"越权\",\"body\":\"\",\"category\":\"c\",\"type\":\"dynamic\","
                                             "\"angle\":\"key\",\"importance\":\"general\"}", event2, ctx.other_unit);
    g_autofree char *path2 = g_strconcat ("/api/v1/items/", uuid2, NULL);
    wrong_unit = call ("PUT", path2, "officer", json);
    expect_error (wrong_unit, 403, "forbidden", "create in another unit");
  }

  /* A returned item revised is revision 2: saves for revision 1 are stale. */
  act_ok ("officer", uuid, "submit", NULL, "unit_review");
  not_draft = put_draft ("officer", uuid, 1, "审核中修改");
  expect_error (not_draft, 409, "conflict", "save in unit review");
  g_assert_cmpstr (json_object_get_string_member (item_of (not_draft), "state"), ==, "unit_review");
  act_ok ("leader", uuid, "return", NULL, "returned");
  act_ok ("officer", uuid, "revise", NULL, "draft");
  catch_up ();
  stale = put_draft ("officer", uuid, 1, "过期的修改");
  expect_error (stale, 409, "conflict", "stale revision");
  g_assert_cmpint (json_object_get_int_member (item_of (stale), "revision"), ==, 2);
  assert_unchanged ("a stale save");
  returned = put_draft ("officer", uuid, 2, "第二稿");
  expect_status (returned, 200, "save revision 2");
  catch_up ();
}

/* ---- a whole life -------------------------------------------------------------------------------- */

static void
test_whole_life (void)
{
  g_autofree char *uuid = item_in_state ("submitted");
  g_autoptr(Reply) r = NULL, early = NULL, viewer_before = NULL, viewer_after = NULL, wrong = NULL;
  JsonObject *item;

  viewer_before = get_item ("viewer", uuid);
  expect_status (viewer_before, 404, "viewer before adoption");
  act_ok ("editor", uuid, "claim", NULL, "editing");
  wrong = act ("editor2", uuid, "edit", "\"title\":\"抢改\"");
  expect_error (wrong, 403, "forbidden", "another editor's claimed item");
  act_ok ("editor", uuid, "release", NULL, "submitted");
  act_ok ("editor2", uuid, "claim", NULL, "editing");
  act_ok ("editor2", uuid, "release", NULL, "submitted");
  act_ok ("editor", uuid, "claim", NULL, "editing");
  r = act ("editor", uuid, "edit", "\"title\":\"重大项目建设取得新进展\",\"importance\":\"especially_major\"");
  expect_status (r, 200, "edit");
  g_assert_cmpstr (json_object_get_string_member (item_of (r), "importance"), ==, "especially_major");
  g_clear_pointer (&r, reply_free);

  /* The especially-major chain for an item marked for the mayor. */
  r = act ("editor", uuid, "propose", "\"publication_id\":2,\"for_mayor\":true");
  expect_status (r, 200, "propose");
  g_assert_cmpstr (json_object_get_string_member (item_of (r), "signoff_chain"), ==,
                   "director,secgen,deputy_mayor,mayor");
  g_clear_pointer (&r, reply_free);
  early = act ("secgen", uuid, "sign", NULL);
  expect_error (early, 403, "forbidden", "signing out of turn");
  act_ok ("director", uuid, "sign", NULL, "signoff");
  /* Any signer may send it back to the editor; proposing starts again. */
  act_ok ("secgen", uuid, "return", NULL, "editing");
  act_ok ("editor", uuid, "propose", "\"publication_id\":2,\"for_mayor\":true", "signoff");
  act_ok ("director", uuid, "sign", NULL, "signoff");
  act_ok ("secgen", uuid, "sign", NULL, "signoff");
  act_ok ("deputymayor", uuid, "sign", NULL, "signoff");
  r = act ("mayor", uuid, "sign", NULL);
  expect_status (r, 200, "mayor signs");
  item = item_of (r);
  g_assert_cmpstr (json_object_get_string_member (item, "state"), ==, "adopted");
  g_assert_nonnull (json_object_get_string_member (item, "adopted_at"));
  g_assert_nonnull (json_object_get_string_member (item, "submitted_at"));
  g_assert_cmpint (json_object_get_int_member (item, "publication_id"), ==, 2);

  /* Outcomes after adoption. */
  act_ok ("editor", uuid, "forward", NULL, "adopted");
  act_ok ("editor2", uuid, "province_adopt", NULL, "adopted");
  act_ok ("editor", uuid, "state_adopt", NULL, "adopted");
  act_ok ("editor", uuid, "instruct", "\"leader\":\"张市长\",\"level\":\"province\",\"text\":\"请推广经验。\"", "adopted");
  viewer_after = get_item ("viewer", uuid);
  expect_status (viewer_after, 200, "viewer after adoption");
  {
    g_autoptr(Reply) bad_level = act ("editor", uuid, "instruct", "\"leader\":\"某\",\"level\":\"galaxy\",\"text\":\"t\"");
    g_autoptr(Reply) no_pub = NULL;
    g_autofree char *other = item_in_state ("editing");
    expect_error (bad_level, 422, "invalid", "instruct level");
    no_pub = act ("editor", other, "propose", "\"publication_id\":999");
    expect_error (no_pub, 422, "invalid", "unknown publication");
  }
  catch_up ();
}

static void
test_other_paths (void)
{
  g_autofree char *a = item_in_state ("unit_review");
  g_autofree char *b = item_in_state ("submitted");
  g_autofree char *c = item_in_state ("submitted");
  g_autofree char *d = item_in_state ("submitted");
  g_autofree char *e = item_in_state ("signoff");
  g_autofree char *into = comprehensive_item ();
  g_autofree char *composed = g_uuid_string_random ();
  g_autofree char *extra = NULL;
  g_autoptr(Reply) r = NULL, self = NULL, twice = NULL, held = NULL;

  act_ok ("officer", a, "withdraw", NULL, "draft");
  act_ok ("editor", b, "return", NULL, "returned");
  act_ok ("officer", b, "revise", NULL, "draft");
  act_ok ("editor2", c, "decline", NULL, "declined");
  act_ok ("chief", e, "decline", NULL, "declined");

  /* Merge a submitted item into a comprehensive one; the source is merged. */
  extra = g_strdup_printf ("\"into\":\"%s\"", into);
  r = act ("editor", d, "merge", extra);
  expect_status (r, 200, "merge");
  g_assert_cmpstr (state_of (r), ==, "merged");
  g_assert_cmpstr (json_object_get_string_member (item_of (r), "merged_into"), ==, into);
  g_clear_pointer (&r, reply_free);
  {
    g_autofree char *f = item_in_state ("submitted");
    g_autofree char *self_extra = g_strdup_printf ("\"into\":\"%s\"", f);
    self = act ("editor", f, "merge", self_extra);
    expect_error (self, 422, "invalid", "merge into itself");
    held = act ("editor2", f, "merge", extra);
    expect_error (held, 403, "forbidden", "merge into another editor's item");
  }

  /* Compose takes two sources at once, in one transaction. */
  {
    g_autofree char *s1 = item_in_state ("submitted");
    g_autofree char *s2 = item_in_state ("submitted");
    g_autofree char *compose = g_strdup_printf ("\"item\":{\"title\":\"全市项目建设综述\",\"body\":\"综述。\","
                                                "\"category\":\"项目建设\",\"type\":\"comprehensive\","
                                                "\"angle\":\"highlight\",\"importance\":\"major\"},"
                                                "\"sources\":[\"%s\",\"%s\"]", s1, s2);
    g_autoptr(Reply) s1_after = NULL;
    r = act ("editor", composed, "compose", compose);
    expect_status (r, 200, "compose");
    g_assert_cmpstr (state_of (r), ==, "editing");
    g_assert_cmpint (json_object_get_int_member (item_of (r), "unit_id"), ==, ctx.office_unit);
    g_assert_cmpint (json_object_get_int_member (item_of (r), "holder_id"), ==, user_id_of ("editor"));
    s1_after = get_item ("officer", s1);
    g_assert_cmpstr (state_of (s1_after), ==, "merged");
    g_assert_cmpstr (json_object_get_string_member (item_of (s1_after), "merged_into"), ==, composed);
    g_clear_pointer (&r, reply_free);
    /* A source that cannot be merged undoes the whole compose. */
    catch_up ();
    {
      g_autofree char *fresh = g_uuid_string_random ();
      g_autofree char *s3 = item_in_state ("submitted");
      g_autofree char *bad = NULL;
      catch_up ();
      bad = g_strdup_printf ("\"item\":{\"title\":\"t\",\"body\":\"b\",\"category\":\"c\",\"type\":\"comprehensive\","
                             "\"angle\":\"key\",\"importance\":\"general\"},\"sources\":[\"%s\",\"%s\"]", s3, s1);
      twice = act ("editor", fresh, "compose", bad);
      expect_error (twice, 409, "conflict", "compose with a merged source");
      assert_unchanged ("a refused compose");
    }
  }
  catch_up ();
}

/* ---- replay -------------------------------------------------------------------------------------- */

static void
test_replay (void)
{
  g_autofree char *uuid = item_in_state ("draft");
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(Reply) first = act_with_id ("officer", uuid, id, "submit", NULL);
  g_autoptr(Reply) second = NULL, later = NULL, other_body = NULL, other_user = NULL;
  g_autoptr(Reply) fresh = NULL, refused = NULL, corrected = NULL, item = NULL;
  g_autofree char *refused_id = g_uuid_string_random ();

  expect_status (first, 200, "submit");
  catch_up ();
  second = act_with_id ("officer", uuid, id, "submit", NULL);
  expect_status (second, 200, "replayed submit");
  g_assert_true (g_bytes_equal (first->body, second->body));
  assert_unchanged ("a replay");
  /* Whatever happened since, the replay answers as the first time. */
  act_ok ("leader", uuid, "approve", NULL, "submitted");
  catch_up ();
  later = act_with_id ("officer", uuid, id, "submit", NULL);
  g_assert_true (g_bytes_equal (first->body, later->body));
  item = get_item ("officer", uuid);
  g_assert_cmpuint (count_events_with_id (item_of (item), id), ==, 1);
  /* The same id with another body, or from someone else, is a conflict. */
  other_body = act_with_id ("officer", uuid, id, "withdraw", NULL);
  expect_error (other_body, 409, "conflict", "same id, other body");
  g_assert_cmpstr (json_object_get_string_member (item_of (other_body), "state"), ==, "submitted");
  other_user = act_with_id ("editor", uuid, id, "submit", NULL);
  expect_error (other_user, 409, "conflict", "same id, other user");
  assert_unchanged ("conflicting replays");
  /* A refused request is not kept: a corrected retry with its id works. */
  refused = act_with_id ("editor", uuid, refused_id, "propose", "\"publication_id\":1");
  expect_error (refused, 409, "conflict", "propose before claim");
  corrected = act_with_id ("editor", uuid, refused_id, "claim", NULL);
  expect_status (corrected, 200, "corrected retry");
  fresh = act_with_id ("editor", uuid, refused_id, "claim", NULL);
  g_assert_true (g_bytes_equal (fresh->body, corrected->body));
  catch_up ();
}

/* ---- the role × action × unit matrix ------------------------------------------------------------------ */

static const char *const matrix_actions[] = {
  "submit", "withdraw", "approve", "return", "revise", "claim", "release", "edit", "propose",
  "sign", "decline", "merge", "forward", "province_adopt", "state_adopt", "instruct",
};

/* What PROTOCOL.md and DESIGN.md allow, written out independently of the
 * state machine: per state, each action and the accounts that may take it
 * on an item of "officer"'s unit (claimed by "editor", a general item in
 * sign-off waiting for the section chief). */
typedef struct {
  const char *state;
  const char *action;
  const char *who;    /* space-separated accounts */
  const char *to;
} Allowed;

static const Allowed allowed[] = {
  { "draft",       "submit",         "officer",        "unit_review" },
  { "unit_review", "withdraw",       "officer",        "draft" },
  { "unit_review", "approve",        "leader",         "submitted" },
  { "unit_review", "return",         "leader",         "returned" },
  { "returned",    "revise",         "officer",        "draft" },
  { "submitted",   "claim",          "editor editor2", "editing" },
  { "submitted",   "return",         "editor editor2", "returned" },
  { "submitted",   "decline",        "editor editor2", "declined" },
  { "submitted",   "merge",          "editor",         "merged" },    /* into editor's item */
  { "editing",     "edit",           "editor",         "editing" },
  { "editing",     "release",        "editor",         "submitted" },
  { "editing",     "propose",        "editor",         "signoff" },
  { "editing",     "return",         "editor",         "returned" },
  { "editing",     "decline",        "editor",         "declined" },
  { "editing",     "merge",          "editor",         "merged" },
  { "signoff",     "sign",           "chief",          "adopted" },
  { "signoff",     "return",         "chief",          "editing" },
  { "signoff",     "decline",        "chief",          "declined" },
  { "adopted",     "forward",        "editor editor2", "adopted" },
  { "adopted",     "province_adopt", "editor editor2", "adopted" },
  { "adopted",     "state_adopt",    "editor editor2", "adopted" },
  { "adopted",     "instruct",       "editor editor2", "adopted" },
};

static const char *const matrix_states[] = {
  "draft", "unit_review", "returned", "submitted", "editing", "signoff", "adopted", "declined", "merged",
};

/* Who sees an item of "officer"'s unit in @state (PROTOCOL.md, "Visibility"). */
static gboolean
sees (const char *who, const char *state)
{
  if (g_str_equal (who, "officer001"))
    return FALSE;
  if (g_str_equal (who, "viewer"))
    return g_str_equal (state, "adopted");
  /* The office sees an item once it has left its unit; these never did
   * (the returned one was returned by the unit's own leader). */
  if (g_str_equal (state, "draft") || g_str_equal (state, "unit_review") || g_str_equal (state, "returned"))
    return g_str_equal (who, "officer") || g_str_equal (who, "leader");
  return TRUE;
}

static const Allowed *
find_allowed (const char *state, const char *action, const char *who, gboolean *anyone)
{
  *anyone = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_auto(GStrv) people = NULL;

      if (!g_str_equal (allowed[i].state, state) || !g_str_equal (allowed[i].action, action))
        continue;
      *anyone = TRUE;
      people = g_strsplit (allowed[i].who, " ", -1);
      if (who != NULL && g_strv_contains ((const char *const *) people, who))
        return &allowed[i];
    }
  return NULL;
}

/* Refused: 403 when the caller may not see the item or the action exists in
 * this state for others; 409 when the state has no such action at all. */
static void
try_refused (const char *uuid, const char *state, const char *who, const char *action, const char *into)
{
  gboolean anyone;
  g_autoptr(Reply) r = NULL;
  g_autofree char *what = g_strdup_printf ("%s by %s in %s", action, who, state);
  guint expected;

  if (find_allowed (state, action, who, &anyone) != NULL)
    return;
  expected = (!sees (who, state) || anyone) ? 403 : 409;
  r = act (who, uuid, action, extra_for (action, into));
  expect_error (r, expected, expected == 403 ? "forbidden" : "conflict", what);
  if (expected == 409)
    g_assert_cmpstr (state_of (r), ==, state);
  assert_unchanged (what);
}

static void
test_matrix (void)
{
  g_autofree char *into = comprehensive_item ();
  guint refusals = 0, allowances = 0;

  for (guint s = 0; s < G_N_ELEMENTS (matrix_states); s++)
    {
      const char *state = matrix_states[s];
      g_autofree char *uuid = item_in_state (state);

      catch_up ();
      for (guint w = 0; w < G_N_ELEMENTS (accounts); w++)
        for (guint a = 0; a < G_N_ELEMENTS (matrix_actions); a++, refusals++)
          try_refused (uuid, state, accounts[w], matrix_actions[a], into);
      /* Each allowed pair on an item of its own, as it changes the item. */
      for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
        {
          g_auto(GStrv) people = g_strsplit (allowed[i].who, " ", -1);

          if (!g_str_equal (allowed[i].state, state))
            continue;
          for (guint p = 0; people[p] != NULL; p++, allowances++)
            {
              g_autofree char *fresh = item_in_state (state);
              act_ok (people[p], fresh, allowed[i].action, extra_for (allowed[i].action, into), allowed[i].to);
            }
        }
      catch_up ();
    }
  g_test_message ("%u refusals and %u allowed actions checked", refusals, allowances);
}

/* ---- bad input ------------------------------------------------------------------------------------------- */

static void
assert_healthy (void)
{
  g_autoptr(Reply) r = call ("GET", "/api/v1/health", NULL, NULL);

  expect_status (r, 200, "health");
  g_assert_cmpstr (json_object_get_string_member (obj_of (r), "status"), ==, "ok");
}

/* Sends @head (and @tail) on a plain socket and reads the answer until the
 * server closes. */
static char *
raw_exchange (const char *head, const char *tail)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) answer = g_string_new (NULL);
  char buf[4096];
  gssize n;

  g_socket_client_set_timeout (client, 20);
  conn = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) ctx.server->port, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)),
                                            head, strlen (head), NULL, NULL, &error));
  g_assert_no_error (error);
  if (tail != NULL)
    g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)),
                               tail, strlen (tail), NULL, NULL, NULL);
  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (conn)),
                                   buf, sizeof buf, NULL, &error)) > 0)
    g_string_append_len (answer, buf, n);
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&answer), FALSE);
}

static void
test_too_large_unread (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *head = g_strdup_printf ("PUT /api/v1/items/%s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                           "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                                           "Content-Length: 104857600\r\n\r\n", uuid, token_of ("officer"));
  g_autofree char *attachment = g_strdup_printf ("PUT /api/v1/attachments/%064d HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                 "Content-Length: %d\r\n\r\n", 0, 20 * 1024 * 1024 + 1);
  g_autofree char *answer = NULL, *answer2 = NULL;

  /* Only the headers go out: the answer comes without the body being read. */
  answer = raw_exchange (head, NULL);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 413"));
  g_assert_nonnull (strstr (answer, "\"error\":\"too_large\""));
  answer2 = raw_exchange (attachment, NULL);
  g_assert_true (g_str_has_prefix (answer2, "HTTP/1.1 413"));
  assert_healthy ();
  assert_unchanged ("too large bodies");
}

static void
test_chunked (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *head = g_strdup_printf ("PUT /api/v1/items/%s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                           "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                                           "Transfer-Encoding: chunked\r\n\r\n", uuid, token_of ("officer"));
  g_autofree char *answer = raw_exchange (head, "2\r\n{}\r\n0\r\n\r\n");

  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 411"));
  g_assert_nonnull (strstr (answer, "\"error\":\"length_required\""));
  assert_healthy ();
  assert_unchanged ("a chunked body");
}

typedef struct {
  const char *name;
  const char *body;   /* NULL: made by the test */
  gssize      len;
  guint       status;
  const char *code;
} BadInput;

static void
test_bad_input (void)
{
  g_autofree char *draft = item_in_state ("draft");
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *put_path = g_strconcat ("/api/v1/items/", uuid, NULL);
  g_autofree char *act_path = g_strconcat ("/api/v1/items/", draft, "/actions", NULL);
  g_autofree char *long_title = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) title = g_string_new (NULL);

  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  for (int i = 0; i < 201; i++)
    g_string_append (title, "长");
  long_title = draft_json (id, 0, title->str, "general");
  catch_up ();
  {
    g_autofree char *wrong_type = g_strdup_printf ("{\"event_id\":\"%s\",\"title\":5,\"body\":\"\",\"category\":\"c\","
                                                   "\"type\":\"dynamic\",\"angle\":\"key\",\"importance\":\"general\"}", id);
    g_autofree char *missing = g_strdup_printf ("{\"event_id\":\"%s\",\"body\":\"\",\"category\":\"c\","
                                                "\"type\":\"dynamic\",\"angle\":\"key\",\"importance\":\"general\"}", id);
    g_autofree char *bad_enum = draft_json (id, 0, "标题", "huge");
    static const char nul_body[] = "{\"title\":\"a\0b\"}";
    g_autofree char *bad_uuid = g_strdup ("{\"event_id\":\"not-a-uuid\",\"title\":\"t\",\"body\":\"\",\"category\":\"c\","
                                          "\"type\":\"dynamic\",\"angle\":\"key\",\"importance\":\"general\"}");
    const BadInput put_cases[] = {
      { "malformed JSON",   "{\"event_id\":",                 -1, 400, "bad_request" },
      { "deep nesting",     deep->str,                        -1, 400, "bad_request" },
      { "invalid UTF-8",    "{\"title\":\"\xff\xfe\"}",        -1, 400, "bad_request" },
      { "NUL byte",         nul_body,                         sizeof nul_body - 1, 400, "bad_request" },
      { "an array",         "[1,2,3]",                        -1, 400, "bad_request" },
      { "huge integer",     "{\"revision\":123456789012345678901234}", -1, 400, "bad_request" },
      { "trailing data",    "{}{}",                           -1, 400, "bad_request" },
      { "wrong type",       wrong_type,                       -1, 400, "bad_request" },
      { "missing field",    missing,                          -1, 400, "bad_request" },
      { "unknown enum",     bad_enum,                         -1, 422, "invalid" },
      { "title too long",   long_title,                       -1, 422, "invalid" },
      { "bad event id",     bad_uuid,                         -1, 422, "invalid" },
      { "empty body",       "",                               0,  400, "bad_request" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (put_cases); i++)
      {
        g_autoptr(Reply) r = send_raw (ctx.session, ctx.server->url, "PUT", put_path, token_of ("officer"),
                                       "application/json", put_cases[i].body, put_cases[i].len);
        expect_error (r, put_cases[i].status, put_cases[i].code, put_cases[i].name);
        assert_healthy ();
        assert_unchanged (put_cases[i].name);
      }
  }
  {
    g_autofree char *unknown = action_json (id, "teleport", NULL);
    g_autofree char *create = action_json (id, "create", NULL);
    g_autofree char *no_action = g_strdup_printf ("{\"id\":\"%s\"}", id);
    g_autofree char *comment_type = g_strdup_printf ("{\"id\":\"%s\",\"action\":\"submit\",\"comment\":7}", id);
    g_autofree char *no_pub = action_json (id, "propose", NULL);
    const BadInput act_cases[] = {
      { "unknown action",     unknown,      -1, 422, "invalid" },
      { "create as action",   create,       -1, 422, "invalid" },
      { "missing action",     no_action,    -1, 400, "bad_request" },
      { "comment type",       comment_type, -1, 400, "bad_request" },
      { "propose w/o pub",    no_pub,       -1, 400, "bad_request" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (act_cases); i++)
      {
        g_autoptr(Reply) r = send_raw (ctx.session, ctx.server->url, "POST", act_path, token_of ("officer"),
                                       "application/json", act_cases[i].body, act_cases[i].len);
        expect_error (r, act_cases[i].status, act_cases[i].code, act_cases[i].name);
        assert_healthy ();
        assert_unchanged (act_cases[i].name);
      }
  }
  {
    g_autoptr(Reply) text = send_raw (ctx.session, ctx.server->url, "PUT", put_path, token_of ("officer"),
                                      "text/plain", "{}", -1);
    g_autoptr(Reply) no_type = send_raw (ctx.session, ctx.server->url, "POST", "/api/v1/session", NULL,
                                         NULL, NULL, 0);
    g_autoptr(Reply) method = call ("DELETE", put_path, "officer", NULL);
    g_autoptr(Reply) route = call ("GET", "/api/v1/nothing", "officer", NULL);
    g_autoptr(Reply) outside = call ("GET", "/", NULL, NULL);
    g_autoptr(Reply) missing_item = call ("GET", put_path, "officer", NULL);
    g_autoptr(Reply) missing_act = act ("editor", uuid, "claim", NULL);
    expect_error (text, 415, "unsupported_media_type", "text/plain");
    expect_error (no_type, 415, "unsupported_media_type", "no content type");
    expect_error (method, 405, "method_not_allowed", "DELETE item");
    expect_error (route, 404, "not_found", "unknown route");
    expect_error (outside, 404, "not_found", "outside the API");
    expect_error (missing_item, 404, "not_found", "missing item");
    expect_error (missing_act, 404, "not_found", "action on a missing item");
    assert_healthy ();
    assert_unchanged ("refused requests");
  }
}

/* ---- attachments ----------------------------------------------------------------------------------------- */

static Reply *
upload (const char *who, const char *sha256, const char *data, gsize len)
{
  g_autofree char *path = g_strconcat ("/api/v1/attachments/", sha256, NULL);

  return send_raw (ctx.session, ctx.server->url, "PUT", path, token_of (who),
                   "application/octet-stream", data, (gssize) len);
}

static void
test_attachments (void)
{
  static const char data[] = "%PDF-1.4 一份附件";
  g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, sizeof data - 1);
  g_autofree char *wrong = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "other", -1);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *event_id = g_uuid_string_random ();
  g_autofree char *missing_event = g_uuid_string_random ();
  g_autofree char *get_path = g_strconcat ("/api/v1/attachments/", sha, NULL);
  g_autofree char *item_path = g_strconcat ("/api/v1/items/", uuid, NULL);
  g_autofree char *with = NULL, *with_missing = NULL;
  g_autoptr(Reply) first = upload ("officer", sha, data, sizeof data - 1);
  g_autoptr(Reply) again = upload ("officer", sha, data, sizeof data - 1);
  g_autoptr(Reply) mismatch = upload ("officer", wrong, data, sizeof data - 1);
  g_autoptr(Reply) upper = NULL, viewer = NULL, created = NULL, refused = NULL;
  g_autoptr(Reply) own = NULL, other = NULL, office = NULL;

  expect_status (first, 201, "upload");
  g_assert_cmpstr (json_object_get_string_member (obj_of (first), "sha256"), ==, sha);
  expect_status (again, 200, "upload again");
  expect_error (mismatch, 422, "invalid", "hash mismatch");
  {
    g_autofree char *up = g_ascii_strup (sha, -1);
    upper = upload ("officer", up, data, sizeof data - 1);
    expect_error (upper, 422, "invalid", "upper-case hash");
  }
  viewer = upload ("viewer", sha, data, sizeof data - 1);
  expect_error (viewer, 403, "forbidden", "viewer upload");

  with_missing = g_strdup_printf ("{\"event_id\":\"%s\",\"title\":\"带附件\",\"body\":\"\",\"category\":\"c\","
                                  "\"type\":\"dynamic\",\"angle\":\"key\",\"importance\":\"general\","
                                  "\"attachments\":[{\"sha256\":\"%s\",\"filename\":\"x.pdf\",\"size\":5}]}",
                                  missing_event, wrong);
  catch_up ();
  refused = call ("PUT", item_path, "officer", with_missing);
  expect_error (refused, 422, "invalid", "attachment not uploaded");
  assert_unchanged ("a refused attachment reference");
  with = g_strdup_printf ("{\"event_id\":\"%s\",\"title\":\"带附件\",\"body\":\"\",\"category\":\"c\","
                          "\"type\":\"dynamic\",\"angle\":\"key\",\"importance\":\"general\","
                          "\"attachments\":[{\"sha256\":\"%s\",\"filename\":\"报告.pdf\",\"size\":%"
                          G_GSIZE_FORMAT "}]}", event_id, sha, sizeof data - 1);
  created = call ("PUT", item_path, "officer", with);
  expect_status (created, 201, "draft with an attachment");

  own = call ("GET", get_path, "leader", NULL);
  other = call ("GET", get_path, "officer001", NULL);
  office = call ("GET", get_path, "editor", NULL);
  expect_status (own, 200, "same unit fetch");
  g_assert_cmpmem (g_bytes_get_data (own->body, NULL), g_bytes_get_size (own->body), data, sizeof data - 1);
  expect_error (other, 404, "not_found", "other unit fetch");
  expect_status (office, 200, "office fetch");
  catch_up ();
}

/* ---- administration ------------------------------------------------------------------------------------------ */

static void
test_admin_forbidden (void)
{
  static const struct { const char *method, *path, *body; } routes[] = {
    { "POST", "/api/v1/admin/units", "{\"name\":\"某单位\",\"kind\":\"department\"}" },
    { "PUT",  "/api/v1/admin/units/2", "{\"name\":\"某单位\",\"kind\":\"county\"}" },
    { "GET",  "/api/v1/admin/users", NULL },
    { "POST", "/api/v1/admin/users", "{\"username\":\"x\",\"display_name\":\"x\",\"unit_id\":1,\"roles\":[],\"password\":\"longenough\"}" },
    { "PUT",  "/api/v1/admin/users/2", "{\"username\":\"editor\",\"display_name\":\"x\",\"unit_id\":1,\"roles\":[\"admin\"]}" },
    { "POST", "/api/v1/admin/roster", "{\"unit_id\":2,\"user_id\":11,\"post\":\"officer\",\"starts\":\"2026-01-01T00:00:00Z\"}" },
    { "PUT",  "/api/v1/admin/policy", "{\"policy\":{},\"effective_from\":\"2026-01-01T00:00:00Z\"}" },
    { "PUT",  "/api/v1/admin/priorities", "{\"items\":[\"x\"]}" },
    { "POST", "/api/v1/admin/publications", "{\"name\":\"x\",\"code\":\"x\"}" },
  };
  static const char *const others[] = { "editor", "chief", "mayor", "viewer", "officer", "leader" };

  catch_up ();
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    for (guint w = 0; w < G_N_ELEMENTS (others); w++)
      {
        g_autoptr(Reply) r = call (routes[i].method, routes[i].path, others[w], routes[i].body);
        g_autofree char *what = g_strdup_printf ("%s %s by %s", routes[i].method, routes[i].path, others[w]);
        expect_error (r, 403, "forbidden", what);
        assert_unchanged (what);
      }
}

static gint64
created_id (Reply *r, const char *member)
{
  return json_object_get_int_member (json_object_get_object_member (obj_of (r), member), "id");
}

static void
test_admin (void)
{
  g_autoptr(Reply) unit = call ("POST", "/api/v1/admin/units", "admin",
                                "{\"name\":\"市测试局\",\"kind\":\"department\",\"monthly_quota\":12}");
  g_autoptr(Reply) dup = call ("POST", "/api/v1/admin/units", "admin", "{\"name\":\"市测试局\",\"kind\":\"department\"}");
  g_autoptr(Reply) bad_kind = call ("POST", "/api/v1/admin/units", "admin", "{\"name\":\"某局\",\"kind\":\"planet\"}");
  g_autoptr(Reply) renamed = NULL, users = NULL, user = NULL, weak = NULL, signed_in = NULL, roster = NULL;
  g_autoptr(Reply) disabled = NULL, dead = NULL, refused = NULL, pub = NULL, prios = NULL, policy = NULL;
  g_autoptr(Reply) self_lock = NULL, reset = NULL, new_password = NULL;
  g_autofree char *path = NULL, *body = NULL;
  gint64 unit_id, user_id;

  expect_status (unit, 201, "create unit");
  unit_id = created_id (unit, "unit");
  expect_error (dup, 409, "conflict", "duplicate unit");
  expect_error (bad_kind, 422, "invalid", "unknown kind");
  path = g_strdup_printf ("/api/v1/admin/units/%" G_GINT64_FORMAT, unit_id);
  renamed = call ("PUT", path, "admin", "{\"name\":\"市测试管理局\",\"kind\":\"department\",\"retired\":false}");
  expect_status (renamed, 200, "rename unit");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obj_of (renamed), "unit"), "name"),
                   ==, "市测试管理局");

  users = call ("GET", "/api/v1/admin/users", "admin", NULL);
  expect_status (users, 200, "list users");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj_of (users), "users")), >, 12);

  body = g_strdup_printf ("{\"username\":\"tester\",\"display_name\":\"测试员\",\"unit_id\":%" G_GINT64_FORMAT ","
                          "\"roles\":[\"officer\"],\"password\":\"short\"}", unit_id);
  weak = call ("POST", "/api/v1/admin/users", "admin", body);
  expect_error (weak, 422, "invalid", "short password");
  g_free (body);
  body = g_strdup_printf ("{\"username\":\"tester\",\"display_name\":\"测试员\",\"unit_id\":%" G_GINT64_FORMAT ","
                          "\"roles\":[\"officer\"],\"password\":\"a long password\"}", unit_id);
  user = call ("POST", "/api/v1/admin/users", "admin", body);
  expect_status (user, 201, "create user");
  user_id = created_id (user, "user");
  signed_in = sign_in_reply (ctx.server->url, ctx.session, "tester", "a long password");
  expect_status (signed_in, 200, "new user signs in");
  g_hash_table_replace (ctx.tokens, g_strdup ("tester"),
                        g_strdup (json_object_get_string_member (obj_of (signed_in), "token")));
  g_ptr_array_add (ctx.all_tokens, g_strdup (token_of ("tester")));

  g_free (body);
  body = g_strdup_printf ("{\"unit_id\":%" G_GINT64_FORMAT ",\"user_id\":%" G_GINT64_FORMAT ","
                          "\"post\":\"officer\",\"starts\":\"2026-01-01T00:00:00Z\",\"ends\":null}", unit_id, user_id);
  roster = call ("POST", "/api/v1/admin/roster", "admin", body);
  expect_status (roster, 201, "roster entry");

  /* Disabling an account ends its sessions at once. */
  g_free (path);
  path = g_strdup_printf ("/api/v1/admin/users/%" G_GINT64_FORMAT, user_id);
  g_free (body);
  body = g_strdup_printf ("{\"username\":\"tester\",\"display_name\":\"测试员\",\"unit_id\":%" G_GINT64_FORMAT ","
                          "\"roles\":[\"officer\"],\"disabled\":true}", unit_id);
  disabled = call ("PUT", path, "admin", body);
  expect_status (disabled, 200, "disable user");
  dead = call ("GET", "/api/v1/session", "tester", NULL);
  expect_error (dead, 401, "unauthorized", "disabled user's token");
  refused = sign_in_reply (ctx.server->url, ctx.session, "tester", "a long password");
  expect_error (refused, 401, "unauthorized", "disabled user signs in");
  /* A password reset with re-enabling works. */
  g_free (body);
  body = g_strdup_printf ("{\"username\":\"tester\",\"display_name\":\"测试员\",\"unit_id\":%" G_GINT64_FORMAT ","
                          "\"roles\":[\"officer\"],\"disabled\":false,\"password\":\"another password\"}", unit_id);
  reset = call ("PUT", path, "admin", body);
  expect_status (reset, 200, "reset password");
  new_password = sign_in_reply (ctx.server->url, ctx.session, "tester", "another password");
  expect_status (new_password, 200, "sign in with the new password");
  g_ptr_array_add (ctx.all_tokens, g_strdup (json_object_get_string_member (obj_of (new_password), "token")));

  {
    g_autofree char *admin_path = g_strdup_printf ("/api/v1/admin/users/%" G_GINT64_FORMAT, user_id_of ("admin"));
    g_autofree char *admin_body = g_strdup_printf ("{\"username\":\"admin\",\"display_name\":\"管理员\",\"unit_id\":%"
                                                   G_GINT64_FORMAT ",\"roles\":[\"admin\"],\"disabled\":true}",
                                                   ctx.office_unit);
    self_lock = call ("PUT", admin_path, "admin", admin_body);
    expect_error (self_lock, 422, "invalid", "admin disabling itself");
  }

  pub = call ("POST", "/api/v1/admin/publications", "admin", "{\"name\":\"《测试专刊》\",\"code\":\"cszk\"}");
  expect_status (pub, 201, "publication");
  prios = call ("PUT", "/api/v1/admin/priorities", "admin", "{\"items\":[\"乡村振兴\",\"营商环境\"]}");
  expect_status (prios, 200, "priorities");
  {
    /* The policy in force, from the feed, set again. */
    g_autoptr(Reply) page = call ("GET", "/api/v1/changes?limit=1000", "admin", NULL);
    g_autoptr(JsonNode) current = NULL;
    g_autoptr(GDateTime) now = NULL;
    g_autofree char *text = NULL, *from = NULL;
    JsonArray *changes = json_object_get_array_member (obj_of (page), "changes");
    gint64 cursor = json_object_get_int_member (obj_of (page), "next");

    for (gboolean more = json_object_get_boolean_member (obj_of (page), "more"); ;)
      {
        for (guint i = 0; i < json_array_get_length (changes); i++)
          {
            JsonObject *c = json_array_get_object_element (changes, i);
            if (g_str_equal (json_object_get_string_member (c, "kind"), "policy"))
              current = json_node_copy (json_object_get_member (c, "data"));
          }
        if (!more || current != NULL)
          break;
        {
          g_autofree char *p = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT "&limit=1000", cursor);
          g_clear_pointer (&page, reply_free);
          page = call ("GET", p, "admin", NULL);
          changes = json_object_get_array_member (obj_of (page), "changes");
          cursor = json_object_get_int_member (obj_of (page), "next");
          more = json_object_get_boolean_member (obj_of (page), "more");
        }
      }
    g_assert_nonnull (current);
    text = json_to_string (current, FALSE);
    g_free (body);
    /* From now: a day that has passed is refused (422). */
    now = g_date_time_new_now_utc ();
    from = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
    body = g_strdup_printf ("{\"policy\":%s,\"effective_from\":\"%s\"}", text, from);
    policy = call ("PUT", "/api/v1/admin/policy", "admin", body);
    expect_status (policy, 200, "policy");
  }
  {
    /* The new entities reach everyone's feed. */
    gint64 before = ctx.cursor;
    guint kinds = 0;
    g_autofree char *p = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT "&limit=1000", before);
    g_autoptr(Reply) page = call ("GET", p, "officer", NULL);
    JsonArray *changes = json_object_get_array_member (obj_of (page), "changes");

    for (guint i = 0; i < json_array_get_length (changes); i++)
      {
        const char *kind = json_object_get_string_member (json_array_get_object_element (changes, i), "kind");
        if (g_str_equal (kind, "unit") || g_str_equal (kind, "user") || g_str_equal (kind, "publication")
            || g_str_equal (kind, "priorities") || g_str_equal (kind, "policy"))
          kinds++;
      }
    g_assert_cmpuint (kinds, >=, 5);
  }
  catch_up ();
}

/* ---- the log ------------------------------------------------------------------------------------------------ */

static void
test_log_and_stop (void)
{
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;
  guint requests = 0;
  int status;

  status = xb_test_server_stop (ctx.server);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_true (g_file_get_contents (ctx.server->log_path, &log, NULL, NULL));
  /* No token and no password ever reaches the log. */
  for (guint i = 0; i < ctx.all_tokens->len; i++)
    g_assert_null (strstr (log, ctx.all_tokens->pdata[i]));
  g_assert_null (strstr (log, "\"" PASSWORD "\""));
  g_assert_null (strstr (log, "a long password"));
  /* Under the sanitizers, nothing undefined happened in the server. */
  g_assert_null (strstr (log, "runtime error:"));
  g_assert_null (strstr (log, "CRITICAL"));
  g_assert_null (strstr (log, "WARNING"));
  /* "METHOD PATH STATUS DURATIONms USER", and refusals are logged. */
  lines = g_strsplit (log, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], " ", -1);
      if (g_strv_length (f) == 5 && f[1][0] == '/' && g_str_has_suffix (f[3], "ms"))
        requests++;
    }
  g_assert_cmpuint (requests, >, 1000);
  g_assert_nonnull (strstr (log, "PUT /api/v1/items/"));
  g_assert_nonnull (strstr (log, " 403 "));
  g_assert_nonnull (strstr (log, "denied: POST /api/v1/items/"));
  g_clear_pointer (&ctx.server, xb_test_server_free);
  g_clear_object (&ctx.session);
  g_clear_pointer (&ctx.tokens, g_hash_table_unref);
  g_clear_pointer (&ctx.all_tokens, g_ptr_array_unref);
}

/* ---- servers of their own ------------------------------------------------------------------------------------- */

static guint
sign_in_from (XbTestServer *s, SoupSession *session, const char *username, const char *address)
{
  g_autofree char *url = g_strconcat (s->url, "/api/v1/session", NULL);
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"guess\"}", username);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  if (address != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Real-IP", address);
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  return soup_message_get_status (msg);
}

static void
test_address_rate_limit (void)
{
  g_autoptr(XbTestServer) s = xb_test_server_start (NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(Reply) locked = NULL;

  for (int i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("user%d", i);
      g_autoptr(Reply) r = sign_in_reply (s->url, session, name, "guess");
      expect_error (r, 401, "unauthorized", "failed sign-in");
    }
  /* Twenty failures from one address lock it, whatever the username. */
  locked = sign_in_reply (s->url, session, "someone-else", "guess");
  expect_error (locked, 429, "too_many_requests", "address locked");
  g_assert_cmpint (g_ascii_strtoll (locked->retry_after, NULL, 10), >, 0);
  /* Behind the local proxy each client address counts on its own. */
  for (int i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("proxied%d", i);
      g_assert_cmpuint (sign_in_from (s, session, name, "192.0.2.7"), ==, 401);
    }
  g_assert_cmpuint (sign_in_from (s, session, "proxied-more", "192.0.2.7"), ==, 429);
  g_assert_cmpuint (sign_in_from (s, session, "proxied-more", "2001:db8::8"), ==, 401);
  g_assert_cmpuint (sign_in_from (s, session, "proxied-more", "not an address"), ==, 429);
}

static void
test_https (void)
{
  XbTestServerOptions options = { .tls = TRUE };
  g_autoptr(XbTestServer) s = xb_test_server_start (&options);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) trust = g_tls_file_database_new (s->cert_path, &error);
  g_autoptr(SoupSession) trusting = NULL;
  g_autoptr(SoupSession) plain = soup_session_new ();
  g_autoptr(Reply) health = NULL, login = NULL, feed = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (s->url, "https://"));
  trusting = soup_session_new_with_options ("tls-database", trust, NULL);
  health = send_raw (trusting, s->url, "GET", "/api/v1/health", NULL, NULL, NULL, 0);
  expect_status (health, 200, "health over TLS");
  login = sign_in_reply (s->url, trusting, "nobody", "guess");
  expect_error (login, 401, "unauthorized", "sign-in over TLS");
  feed = send_raw (trusting, s->url, "GET", "/api/v1/changes", NULL, NULL, NULL, 0);
  expect_error (feed, 401, "unauthorized", "feed over TLS");
  /* Without trusting the certificate the connection fails. */
  url = g_strconcat (s->url, "/api/v1/health", NULL);
  msg = soup_message_new ("GET", url);
  body = soup_session_send_and_read (plain, msg, NULL, &error);
  g_assert_null (body);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
}

static GSocketConnection *
connect_to (GSocketClient *client, XbTestServer *s)
{
  g_autoptr(GError) error = NULL;
  GSocketConnection *conn = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) s->port, NULL, &error);

  g_assert_no_error (error);
  return conn;
}

static void
send_text (GSocketConnection *conn, const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)),
                                            text, strlen (text), NULL, NULL, &error));
  g_assert_no_error (error);
}

/* The status line of the next answer on @conn, read to its end. */
static char *
read_status (GSocketConnection *conn)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *end, *length;
  gsize want = 0;
  char c;

  while (!g_str_has_suffix (text->str, "\r\n\r\n"))
    {
      g_assert_cmpint (g_input_stream_read (in, &c, 1, NULL, &error), ==, 1);
      g_string_append_c (text, c);
    }
  if ((length = strstr (text->str, "Content-Length: ")) != NULL)
    want = (gsize) g_ascii_strtoull (length + strlen ("Content-Length: "), NULL, 10);
  for (gsize i = 0; i < want; i++)
    g_assert_cmpint (g_input_stream_read (in, &c, 1, NULL, &error), ==, 1);
  g_assert_no_error (error);
  end = strstr (text->str, "\r\n");
  return g_strndup (text->str, end - text->str);
}

/* SIGTERM while requests are in flight (their bodies half sent): new
 * connections are refused, new requests on open connections get 503, the
 * requests in flight are answered, and the server exits 0. */
static void
test_graceful_stop (void)
{
  g_autoptr(XbTestServer) s = xb_test_server_start (NULL);
  g_autoptr(GPtrArray) conns = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) idle = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL, *health = NULL, *refused = NULL;
  const char *ping = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  const char *stopping;
  int status;

  g_socket_client_set_timeout (client, 60);
  idle = connect_to (client, s);
  send_text (idle, ping);
  health = read_status (idle);
  g_assert_cmpstr (health, ==, "HTTP/1.1 200 OK");
  for (int i = 0; i < 3; i++)
    {
      GSocketConnection *conn = connect_to (client, s);
      char *body = g_strdup_printf ("{\"username\":\"user%d\",\"password\":\"guess\"}", i);
      g_autofree char *head = g_strdup_printf ("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                               "Content-Type: application/json\r\nContent-Length: %"
                                               G_GSIZE_FORMAT "\r\n\r\n%.10s", strlen (body), body);
      send_text (conn, head);
      g_ptr_array_add (conns, conn);
      g_ptr_array_add (bodies, body);
    }
  g_usleep (300 * 1000);
  g_subprocess_send_signal (s->process, SIGTERM);
  for (int tries = 0; ; tries++)
    {
      g_autoptr(GSocketConnection) late = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) s->port,
                                                                           NULL, &error);
      if (late == NULL)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
          g_clear_error (&error);
          break;
        }
      g_assert_cmpint (tries, <, 400);
      g_usleep (5 * 1000);
    }
  send_text (idle, ping);
  refused = read_status (idle);
  if (!g_str_has_prefix (refused, "HTTP/1.1 503"))
    g_error ("after SIGTERM: %s", refused);
  for (guint i = 0; i < conns->len; i++)
    {
      g_autofree char *answer = NULL;

      send_text (conns->pdata[i], (const char *) bodies->pdata[i] + 10);
      answer = read_status (conns->pdata[i]);
      g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 401"));
    }
  g_subprocess_wait (s->process, NULL, &error);
  g_assert_no_error (error);
  status = g_subprocess_get_status (s->process);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_true (g_file_get_contents (s->log_path, &log, NULL, NULL));
  g_assert_nonnull (stopping = strstr (log, "stopping\n"));
  g_assert_nonnull (strstr (stopping, "GET /api/v1/health 503"));
  g_assert_nonnull (strstr (stopping, "POST /api/v1/session 401"));
}

/* ---- main ---------------------------------------------------------------------------------------------------- */

static void
with_demo (gconstpointer data)
{
  GTestFunc func = (GTestFunc) data;

  if (ctx.server == NULL)
    start_demo ();
  func ();
}

#define DEMO_TEST(path, func) g_test_add_data_func ("/server-api/" path, (gconstpointer) func, with_demo)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  DEMO_TEST ("session", test_session);
  DEMO_TEST ("tokens", test_tokens);
  DEMO_TEST ("user-rate-limit", test_user_rate_limit);
  DEMO_TEST ("feed-scope", test_feed_scope);
  DEMO_TEST ("feed-paging", test_feed_paging);
  DEMO_TEST ("feed-cursor-moves-past", test_feed_cursor_moves_past);
  DEMO_TEST ("drafts", test_drafts);
  DEMO_TEST ("whole-life", test_whole_life);
  DEMO_TEST ("other-paths", test_other_paths);
  DEMO_TEST ("replay", test_replay);
  DEMO_TEST ("matrix", test_matrix);
  DEMO_TEST ("bad-input-too-large", test_too_large_unread);
  DEMO_TEST ("bad-input-chunked", test_chunked);
  DEMO_TEST ("bad-input-bodies", test_bad_input);
  DEMO_TEST ("attachments", test_attachments);
  DEMO_TEST ("admin-forbidden", test_admin_forbidden);
  DEMO_TEST ("admin-routes", test_admin);
  DEMO_TEST ("log-and-stop", test_log_and_stop);
  g_test_add_func ("/server-api/address-rate-limit", test_address_rate_limit);
  g_test_add_func ("/server-api/https", test_https);
  g_test_add_func ("/server-api/graceful-stop", test_graceful_stop);
  return g_test_run ();
}
