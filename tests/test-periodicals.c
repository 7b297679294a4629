/* The office's periodicals through the real xinbao-server: renamed and retired by an administrator only, seen by other clients after a sync, taken names and codes refused in plain words, and no proposal or issue for a retired one. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "xb-codec.h"
#include "xb-store.h"
#include "test-api-common.h"
#include "xb-test-server.h"
#include "xb-test-sync.h"

#define PASSWORD "xinbao"

typedef struct {
  XbTestServer *server;
  SoupSession  *session;
  GHashTable   *tokens;  /* username → token */
  char         *dir;     /* the client stores */
} Ctx;

static Ctx ctx;

static const char *const accounts[] = { "admin", "editor", "officer", "leader" };

/* ---- requests ---------------------------------------------------------------------- */

static Reply *
call_in (const char *languages, const char *method, const char *path, const char *who, const char *json)
{
  g_autofree char *url = g_strconcat (ctx.server->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  const char *token = g_hash_table_lookup (ctx.tokens, who);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  Reply *r = g_new0 (Reply, 1);

  soup_message_headers_replace (headers, "Authorization", bearer);
  if (languages != NULL)
    soup_message_headers_replace (headers, "Accept-Language", languages);
  if (json != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  r->body = soup_session_send_and_read (ctx.session, msg, NULL, &error);
  g_assert_no_error (error);
  r->status = soup_message_get_status (msg);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (r->body, NULL),
                                             (gssize) g_bytes_get_size (r->body), NULL));
  r->json = json_parser_steal_root (parser);
  return r;
}

static Reply *
call (const char *method, const char *path, const char *who, const char *json)
{
  return call_in (NULL, method, path, who, json);
}

static Reply *
patch_in (const char *languages, gint64 id, const char *who, const char *json)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/admin/publications/%lld", (long long) id);

  return call_in (languages, "PATCH", path, who, json);
}

static Reply *
patch (gint64 id, const char *who, const char *json)
{
  return patch_in (NULL, id, who, json);
}

static const char *
message_of (Reply *r)
{
  return json_object_get_string_member (obj_of (r), "message");
}

static JsonObject *
publication_of (Reply *r)
{
  return json_object_get_object_member (obj_of (r), "publication");
}

/* A new periodical made by the administrator. */
static gint64
add_periodical (const char *name, const char *code)
{
  g_autofree char *body = g_strdup_printf ("{\"name\":\"%s\",\"code\":\"%s\"}", name, code);
  g_autoptr(Reply) r = call ("POST", "/api/v1/admin/publications", "admin", body);

  expect_status (r, 201, "POST publication");
  return json_object_get_int_member (publication_of (r), "id");
}

static void
sign_in (const char *username)
{
  g_autoptr(Reply) r = sign_in_reply (ctx.server->url, ctx.session, username, PASSWORD);

  expect_status (r, 200, username);
  g_hash_table_replace (ctx.tokens, g_strdup (username),
                        g_strdup (json_object_get_string_member (obj_of (r), "token")));
}

/* ---- a second client ------------------------------------------------------------------ */

/* @who's client store, synchronised once more through the engine. */
static XbStore *
synced_store (const char *who)
{
  g_autofree char *path = g_build_filename (ctx.dir, who, NULL);

  return xb_test_synced_store (ctx.server, who, PASSWORD, path);
}

static XbPublication *
local_periodical (XbStore *store, gint64 id)
{
  g_autoptr(GError) error = NULL;
  XbPublication *p = xb_store_get_publication (store, id, &error);

  g_assert_no_error (error);
  return p;
}

/* ---- tests ------------------------------------------------------------------------------ */

static void
test_rename_and_retire (void)
{
  gint64 id = add_periodical ("《测试周刊》", "cszk");
  g_autoptr(XbStore) before = synced_store ("editor");
  g_autoptr(XbPublication) seen = local_periodical (before, id);
  g_autoptr(XbPublication) renamed = NULL;
  g_autoptr(XbPublication) retired = NULL;
  g_autoptr(XbPublication) restored = NULL;
  g_autoptr(XbStore) after = NULL;
  g_autoptr(Reply) r = NULL;

  g_assert_cmpstr (seen->name, ==, "《测试周刊》");
  g_assert_false (seen->retired);

  r = patch (id, "admin", "{\"name\":\"《改名周刊》\",\"code\":\"gmzk\"}");
  expect_status (r, 200, "rename");
  g_assert_cmpstr (json_object_get_string_member (publication_of (r), "name"), ==, "《改名周刊》");
  g_assert_cmpstr (json_object_get_string_member (publication_of (r), "code"), ==, "gmzk");
  g_assert_false (json_object_get_boolean_member (publication_of (r), "retired"));
  g_clear_object (&before);
  after = synced_store ("editor");
  renamed = local_periodical (after, id);
  g_assert_cmpstr (renamed->name, ==, "《改名周刊》");
  g_assert_cmpstr (renamed->code, ==, "gmzk");
  g_assert_false (renamed->retired);

  /* Retiring keeps the name and code. */
  g_clear_pointer (&r, reply_free);
  r = patch (id, "admin", "{\"retired\":true}");
  expect_status (r, 200, "retire");
  g_assert_true (json_object_get_boolean_member (publication_of (r), "retired"));
  g_assert_cmpstr (json_object_get_string_member (publication_of (r), "name"), ==, "《改名周刊》");
  g_clear_object (&after);
  after = synced_store ("editor");
  retired = local_periodical (after, id);
  g_assert_true (retired->retired);
  g_assert_cmpstr (retired->code, ==, "gmzk");

  g_clear_pointer (&r, reply_free);
  r = patch (id, "admin", "{\"retired\":false}");
  expect_status (r, 200, "restore");
  g_clear_object (&after);
  after = synced_store ("officer");
  restored = local_periodical (after, id);
  g_assert_false (restored->retired);
  g_assert_cmpstr (restored->name, ==, "《改名周刊》");
}

/* Two periodicals trade names through a third: a client that syncs only
 * afterwards receives them one by one and still ends with the server's. */
static void
test_swap_reaches_clients (void)
{
  gint64 a = add_periodical ("《甲刊》", "jk");
  gint64 b = add_periodical ("《乙刊》", "yk");
  g_autoptr(XbStore) store = synced_store ("leader");
  g_autoptr(XbPublication) pa = NULL;
  g_autoptr(XbPublication) pb = NULL;
  g_autoptr(Reply) r1 = patch (a, "admin", "{\"name\":\"《临时》\",\"code\":\"ls\"}");
  g_autoptr(Reply) r2 = patch (b, "admin", "{\"name\":\"《甲刊》\",\"code\":\"jk\"}");
  g_autoptr(Reply) r3 = patch (a, "admin", "{\"name\":\"《乙刊》\",\"code\":\"yk\"}");

  expect_status (r1, 200, "a aside");
  expect_status (r2, 200, "b takes a's");
  expect_status (r3, 200, "a takes b's");
  g_clear_object (&store);
  store = synced_store ("leader");
  pa = local_periodical (store, a);
  pb = local_periodical (store, b);
  g_assert_cmpstr (pa->name, ==, "《乙刊》");
  g_assert_cmpstr (pa->code, ==, "yk");
  g_assert_cmpstr (pb->name, ==, "《甲刊》");
  g_assert_cmpstr (pb->code, ==, "jk");
}

static void
test_only_admin (void)
{
  gint64 id = add_periodical ("《只读周刊》", "zdzk");
  const char *const others[] = { "editor", "officer" };

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr(Reply) r = patch (id, others[i], "{\"name\":\"《越权》\"}");
      expect_error (r, 403, "forbidden", others[i]);
    }
  {
    g_autoptr(Reply) r = patch (id, "admin", "{}");
    expect_status (r, 200, "unchanged");
    g_assert_cmpstr (json_object_get_string_member (publication_of (r), "name"), ==, "《只读周刊》");
  }
}

/* The 409's message names the value and is not SQLite's. */
static void
expect_taken (Reply *r, const char *value, const char *what)
{
  const char *message;

  expect_error (r, 409, "conflict", what);
  message = message_of (r);
  g_test_message ("%s: %s", what, message);
  g_assert_nonnull (strstr (message, value));
  g_assert_null (strstr (message, "UNIQUE"));
  g_assert_null (strstr (message, "constraint"));
  g_assert_null (strstr (message, "Database"));
}

static void
test_taken (void)
{
  gint64 id = add_periodical ("《占用周刊》", "zyzk");
  g_autoptr(Reply) name = patch (id, "admin", "{\"name\":\"《政务信息》\"}");
  g_autoptr(Reply) code = patch (id, "admin", "{\"code\":\"zwxx\"}");
  g_autoptr(Reply) zh = patch_in ("zh-CN", id, "admin", "{\"code\":\"mryq\"}");
  g_autoptr(Reply) post = call ("POST", "/api/v1/admin/publications", "admin",
                                "{\"name\":\"《新刊》\",\"code\":\"xxzb\"}");
  g_autoptr(Reply) post_name = call_in ("zh-CN", "POST", "/api/v1/admin/publications", "admin",
                                        "{\"name\":\"《每日要情》\",\"code\":\"xinkan\"}");
  g_autoptr(Reply) same = patch (id, "admin", "{\"name\":\"《占用周刊》\",\"code\":\"zyzk\"}");

  expect_taken (name, "《政务信息》", "taken name");
  g_assert_nonnull (strstr (message_of (name), "already exists"));
  expect_taken (code, "zwxx", "taken code");
  /* The code's owner is named too. */
  g_assert_nonnull (strstr (message_of (code), "《政务信息》"));
  expect_taken (zh, "mryq", "taken code, zh-CN");
  expect_taken (post, "xxzb", "POST taken code");
  g_assert_nonnull (strstr (message_of (post), "《信息专报》"));
  expect_taken (post_name, "《每日要情》", "POST taken name, zh-CN");
  /* Its own name and code are no conflict. */
  expect_status (same, 200, "its own name");
}

static void
test_bad_values (void)
{
  gint64 id = add_periodical ("《格式周刊》", "gszk");
  g_autofree char *long_code = g_strnfill (XB_NAME_MAX_CHARS + 1, 'x');
  g_autofree char *long_body = g_strdup_printf ("{\"code\":\"%s\"}", long_code);
  g_autoptr(Reply) blank = patch (id, "admin", "{\"name\":\"  \"}");
  g_autoptr(Reply) empty = patch (id, "admin", "{\"code\":\"\"}");
  g_autoptr(Reply) too_long = patch (id, "admin", long_body);
  g_autoptr(Reply) wrong_type = patch (id, "admin", "{\"retired\":\"yes\"}");
  g_autoptr(Reply) unknown = patch (987654, "admin", "{\"name\":\"《无》\"}");
  g_autoptr(Reply) not_id = call ("PATCH", "/api/v1/admin/publications/abc", "admin", "{}");
  g_autoptr(Reply) after = patch (id, "admin", "{}");

  expect_error (blank, 422, "invalid", "blank name");
  expect_error (empty, 422, "invalid", "empty code");
  expect_error (too_long, 422, "invalid", "long code");
  expect_error (wrong_type, 400, "bad_request", "retired as a string");
  expect_error (unknown, 404, "not_found", "unknown id");
  g_assert_nonnull (strstr (message_of (unknown), "987654"));
  expect_error (not_id, 404, "not_found", "not an id");
  /* Nothing refused was written. */
  expect_status (after, 200, "after refusals");
  g_assert_cmpstr (json_object_get_string_member (publication_of (after), "name"), ==, "《格式周刊》");
  g_assert_cmpstr (json_object_get_string_member (publication_of (after), "code"), ==, "gszk");
  g_assert_false (json_object_get_boolean_member (publication_of (after), "retired"));
}

/* ---- no new proposals or issues for a retired periodical ------------------------------ */

static Reply *
act (const char *who, const char *uuid, const char *action, const char *extra)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *body = g_strdup_printf ("{\"id\":\"%s\",\"action\":\"%s\"%s%s}",
                                           id, action, extra != NULL ? "," : "", extra != NULL ? extra : "");
  g_autofree char *path = g_strconcat ("/api/v1/items/", uuid, "/actions", NULL);

  return call ("POST", path, who, body);
}

static void
act_ok (const char *who, const char *uuid, const char *action, const char *extra, const char *to)
{
  g_autoptr(Reply) r = act (who, uuid, action, extra);

  expect_status (r, 200, action);
  g_assert_cmpstr (state_of (r), ==, to);
}

/* A new item of "officer"'s unit, claimed by "editor". */
static char *
item_in_editing (void)
{
  char *uuid = g_uuid_string_random ();
  g_autofree char *event_id = g_uuid_string_random ();
  g_autofree char *body = g_strdup_printf ("{\"event_id\":\"%s\",\"revision\":0,\"title\":\"停刊测试\","
                                           "\"body\":\"今年以来，我区多措并举推进项目建设。\",\"category\":\"项目建设\","
                                           "\"type\":\"dynamic\",\"angle\":\"key\",\"importance\":\"general\","
                                           "\"urgent\":false}", event_id);
  g_autofree char *path = g_strconcat ("/api/v1/items/", uuid, NULL);
  g_autoptr(Reply) r = call ("PUT", path, "officer", body);

  expect_status (r, 201, "create");
  act_ok ("officer", uuid, "submit", NULL, "unit_review");
  act_ok ("leader", uuid, "approve", NULL, "submitted");
  act_ok ("editor", uuid, "claim", NULL, "editing");
  return uuid;
}

static void
test_retired_refused (void)
{
  gint64 id = add_periodical ("《停刊周刊》", "tkzk");
  g_autofree char *uuid = item_in_editing ();
  g_autofree char *extra = g_strdup_printf ("\"publication_id\":%lld", (long long) id);
  g_autofree char *issue = g_strdup_printf ("{\"publication_id\":%lld,\"year\":2026}", (long long) id);
  g_autoptr(Reply) retire = patch (id, "admin", "{\"retired\":true}");
  g_autoptr(Reply) proposal = NULL;
  g_autoptr(Reply) new_issue = NULL;
  g_autoptr(Reply) restore = NULL;
  g_autoptr(Reply) again = NULL;

  expect_status (retire, 200, "retire");
  proposal = act ("editor", uuid, "propose", extra);
  expect_error (proposal, 422, "invalid", "propose for a retired periodical");
  g_assert_nonnull (strstr (message_of (proposal), "《停刊周刊》"));
  g_assert_nonnull (strstr (message_of (proposal), "retired"));
  new_issue = call ("POST", "/api/v1/issues", "editor", issue);
  expect_error (new_issue, 422, "invalid", "issue of a retired periodical");
  g_assert_nonnull (strstr (message_of (new_issue), "《停刊周刊》"));

  /* Restored, it takes both again. */
  restore = patch (id, "admin", "{\"retired\":false}");
  expect_status (restore, 200, "restore");
  act_ok ("editor", uuid, "propose", extra, "signoff");
  again = call ("POST", "/api/v1/issues", "editor", issue);
  expect_status (again, 201, "issue after restoring");
}

int
main (int argc, char **argv)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 50 };
  g_autofree char *podir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* The server's catalogs, so that zh-CN answers are translated once the lead has. */
  podir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  if (g_getenv ("XB_LOCALEDIR") == NULL)
    g_setenv ("XB_LOCALEDIR", podir, TRUE);
  ctx.server = xb_test_server_start (&options);
  ctx.session = soup_session_new_with_options ("timeout", 60, NULL);
  ctx.tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ctx.dir = g_dir_make_tmp ("xb-periodicals-XXXXXX", NULL);
  g_assert_nonnull (ctx.dir);
  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    sign_in (accounts[i]);
  g_test_add_func ("/periodicals/rename-and-retire", test_rename_and_retire);
  g_test_add_func ("/periodicals/swap-reaches-clients", test_swap_reaches_clients);
  g_test_add_func ("/periodicals/only-admin", test_only_admin);
  g_test_add_func ("/periodicals/taken", test_taken);
  g_test_add_func ("/periodicals/bad-values", test_bad_values);
  g_test_add_func ("/periodicals/retired-refused", test_retired_refused);
  status = g_test_run ();
  xb_test_rm_rf (ctx.dir);
  g_free (ctx.dir);
  g_object_unref (ctx.session);
  g_hash_table_unref (ctx.tokens);
  xb_test_server_free (ctx.server);
  return status;
}
