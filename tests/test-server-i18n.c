/* The server's messages in the client's language (Accept-Language) against the real xinbao-server: fixed, formatted, refusals, conflicts, CSV rows, core errors, and the sync client's header. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libintl.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <signal.h>
#include <string.h>

#include "xb-server-i18n.h"
#include "xb-sync-client.h"
#include "xb-test-server.h"

#define PASSWORD "xinbao"

static XbTestServer *server;
static SoupSession  *session;
static char         *admin_token;
static char         *officer_token;

/* ---- expectations from the build tree's catalog, read by gettext itself ---------------------- */

/* @msgid as the app shows it under LANGUAGE=zh_CN; the test needs the catalog to have it. */
static const char *zh (const char *msgid) G_GNUC_FORMAT (1);

static const char *
zh (const char *msgid)
{
  const char *text = g_dgettext (GETTEXT_PACKAGE, msgid);

  if (g_strcmp0 (text, msgid) == 0)
    g_error ("po/zh_CN.po has no translation of “%s”", msgid);
  return text;
}

/* ---- raw requests ------------------------------------------------------------------------- */

typedef struct {
  guint     status;
  JsonNode *json;
  char     *headers;  /* lowercase, from exchange() only */
} Reply;

static void
reply_free (Reply *r)
{
  g_clear_pointer (&r->json, json_node_unref);
  g_free (r->headers);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static Reply *
send_with (SoupSession *through, const char *method, const char *path, const char *token, const char *languages,
           const char *content_type, const char *body)
{
  g_autofree char *url = g_strconcat (server->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  Reply *r = g_new0 (Reply, 1);

  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (languages != NULL)
    soup_message_headers_replace (headers, "Accept-Language", languages);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  answer = soup_session_send_and_read (through, msg, NULL, &error);
  g_assert_no_error (error);
  r->status = soup_message_get_status (msg);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL),
                                             (gssize) g_bytes_get_size (answer), NULL));
  r->json = json_parser_steal_root (parser);
  return r;
}

static Reply *
send (const char *method, const char *path, const char *token, const char *languages,
      const char *content_type, const char *body)
{
  return send_with (session, method, path, token, languages, content_type, body);
}

static Reply *
send_json (const char *method, const char *path, const char *token, const char *languages, const char *body)
{
  return send (method, path, token, languages, "application/json", body);
}

static JsonObject *
obj_of (Reply *r)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r->json));
  return json_node_get_object (r->json);
}

/* An error answer with @status, the code @code (never translated), and @message. */
static void
expect_message (Reply *r, guint status, const char *code, const char *message)
{
  JsonObject *obj = obj_of (r);

  g_assert_cmpuint (r->status, ==, status);
  g_assert_cmpstr (json_object_get_string_member (obj, "error"), ==, code);
  g_assert_cmpstr (json_object_get_string_member (obj, "message"), ==, message);
}

static char *
sign_in (const char *username, const char *password)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}", username, password);
  g_autoptr(Reply) r = send_json ("POST", "/api/v1/session", NULL, NULL, body);

  g_assert_cmpuint (r->status, ==, 200);
  return g_strdup (json_object_get_string_member (obj_of (r), "token"));
}

/* ---- tests ------------------------------------------------------------------------------- */

/* The same refusal in the language asked for, English without a catalog for it. */
static void
test_fixed_message (void)
{
  const char *english = "Wrong username or password.";
  const char *chinese = zh (english);
  static const struct {
    const char *languages;
    gboolean    chinese;
  } cases[] = {
    { "zh-CN", TRUE },
    { "zh-CN, zh;q=0.9", TRUE },
    { "zh", TRUE },
    { "ZH-cn", TRUE },
    { "fr-FR, zh;q=0.8, en;q=0.5", TRUE },
    { ",, fr;q=nan;;, zh-CN;q=0.5,", TRUE },   /* empty parts once crashed the server */
    { "en", FALSE },
    { "en-GB, zh-CN;q=0.7", FALSE },
    { "zh-CN;q=0.2, en;q=0.9", FALSE },
    { "zh-CN;q=0", FALSE },
    { "fr, de", FALSE },
    { "*", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* One name each: five failures of one name would be 429. */
      g_autofree char *wrong = g_strdup_printf ("{\"username\":\"nobody%u\",\"password\":\"wrong\"}", i);
      g_autoptr(Reply) r = send_json ("POST", "/api/v1/session", NULL, cases[i].languages, wrong);

      g_test_message ("Accept-Language: %s", cases[i].languages ? cases[i].languages : "(none)");
      expect_message (r, 401, "unauthorized", cases[i].chinese ? chinese : english);
    }
}

/* A format is translated first, then filled: the argument stays in place. */
static void
test_formatted_message (void)
{
  g_autoptr(Reply) en = send_json ("POST", "/api/v1/session", NULL, "en", "{\"username\":\"officer\"}");
  g_autoptr(Reply) cn = send_json ("POST", "/api/v1/session", NULL, "zh-CN", "{\"username\":\"officer\"}");
  g_autofree char *chinese = g_strdup_printf (zh ("“%s” is missing."), "password");

  expect_message (en, 400, "bad_request", "“password” is missing.");
  expect_message (cn, 400, "bad_request", chinese);
  g_assert_nonnull (strstr (chinese, "password"));
}

/* Refusals through xb_request_deny and conflicts translate their reason too. */
static void
test_refusal_and_conflict (void)
{
  g_autoptr(Reply) deny_en = send_json ("GET", "/api/v1/admin/users", officer_token, NULL, NULL);
  g_autoptr(Reply) deny_cn = send_json ("GET", "/api/v1/admin/users", officer_token, "zh-CN", NULL);
  const char *taken = "{\"username\":\"officer\",\"display_name\":\"重名测试\",\"unit_id\":1,"
                      "\"roles\":[\"officer\"],\"password\":\"a-long-password\"}";
  g_autoptr(Reply) same_en = send_json ("POST", "/api/v1/admin/users", admin_token, "en", taken);
  g_autoptr(Reply) same_cn = send_json ("POST", "/api/v1/admin/users", admin_token, "zh-CN", taken);

  expect_message (deny_en, 403, "forbidden", "Only an administrator may do this.");
  expect_message (deny_cn, 403, "forbidden", zh ("Only an administrator may do this."));
  expect_message (same_en, 409, "conflict", "Another account has this username.");
  expect_message (same_cn, 409, "conflict", zh ("Another account has this username."));
}

static const char *
row_error (Reply *r, guint row)
{
  JsonArray *rows = json_object_get_array_member (obj_of (r), "rows");

  return json_object_get_string_member (json_array_get_object_element (rows, row), "error");
}

/* The core writes CSV errors in English; the server answers them translated,
 * fixed ones and formatted ones with their arguments. */
static void
test_csv_errors (void)
{
  const char *csv = "name,kind,parent,monthly_quota\n译文测试单位,county,,\n译文测试单位,county,,\n,county,,\n";
  const char *unclosed = "name,kind,parent,monthly_quota\n\"译文测试,county,,\n";
  const char *path = "/api/v1/admin/import/units?dry_run=1";
  g_autoptr(Reply) en = send ("POST", path, admin_token, "en", "text/csv", csv);
  g_autoptr(Reply) cn = send ("POST", path, admin_token, "zh-CN", "text/csv", csv);
  g_autoptr(Reply) file_en = send ("POST", path, admin_token, NULL, "text/csv", unclosed);
  g_autoptr(Reply) file_cn = send ("POST", path, admin_token, "zh-CN", "text/csv", unclosed);
  g_autofree char *twice = g_strdup_printf (zh ("“%s” appears twice in the file."), "译文测试单位");
  g_autofree char *line = g_strdup_printf (zh ("Line %u: a quoted field is never closed."), 2);

  g_assert_cmpuint (en->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (obj_of (en), "errors"), ==, 2);
  g_assert_null (row_error (en, 0));
  g_assert_cmpstr (row_error (en, 1), ==, "“译文测试单位” appears twice in the file.");
  g_assert_cmpstr (row_error (en, 2), ==, "The name is missing.");
  g_assert_cmpuint (cn->status, ==, 200);
  g_assert_null (row_error (cn, 0));
  g_assert_cmpstr (row_error (cn, 1), ==, twice);
  g_assert_cmpstr (row_error (cn, 2), ==, zh ("The name is missing."));

  expect_message (file_en, 422, "invalid", "Line 2: a quoted field is never closed.");
  expect_message (file_cn, 422, "invalid", line);
}

/* The example of the brief: a retired unit's officer saves a new item. */
static void
test_retired_unit (void)
{
  g_autoptr(Reply) unit = send_json ("POST", "/api/v1/admin/units", admin_token, NULL,
                                     "{\"name\":\"译文测试撤并单位\",\"kind\":\"department\"}");
  g_autoptr(Reply) user = NULL, retire = NULL, en = NULL, cn = NULL;
  g_autofree char *user_body = NULL, *unit_path = NULL, *token = NULL, *item_path = NULL;
  g_autofree char *draft = NULL, *chinese = NULL, *english = NULL;
  g_autofree char *uuid = g_uuid_string_random (), *event = g_uuid_string_random ();
  gint64 unit_id;

  g_assert_cmpuint (unit->status, ==, 201);
  unit_id = json_object_get_int_member (json_object_get_object_member (obj_of (unit), "unit"), "id");
  user_body = g_strdup_printf ("{\"username\":\"retired-i18n\",\"display_name\":\"译文测试\",\"unit_id\":%lld,"
                               "\"roles\":[\"officer\"],\"password\":\"retired-i18n-pw\"}", (long long) unit_id);
  user = send_json ("POST", "/api/v1/admin/users", admin_token, NULL, user_body);
  g_assert_cmpuint (user->status, ==, 201);
  token = sign_in ("retired-i18n", "retired-i18n-pw");
  unit_path = g_strdup_printf ("/api/v1/admin/units/%lld", (long long) unit_id);
  retire = send_json ("PUT", unit_path, admin_token, NULL,
                      "{\"name\":\"译文测试撤并单位\",\"kind\":\"department\",\"retired\":true}");
  g_assert_cmpuint (retire->status, ==, 200);

  item_path = g_strconcat ("/api/v1/items/", uuid, NULL);
  draft = g_strdup_printf ("{\"event_id\":\"%s\",\"revision\":0,\"title\":\"撤并后的信息\",\"body\":\"正文。\","
                           "\"category\":\"项目建设\",\"type\":\"dynamic\",\"angle\":\"key\","
                           "\"importance\":\"general\",\"urgent\":false}", event);
  en = send_json ("PUT", item_path, token, "en", draft);
  cn = send_json ("PUT", item_path, token, "zh-CN", draft);
  english = g_strdup_printf ("The unit “%s” is retired and takes no new items.", "译文测试撤并单位");
  chinese = g_strdup_printf (zh ("The unit “%s” is retired and takes no new items."), "译文测试撤并单位");
  expect_message (en, 422, "invalid", english);
  expect_message (cn, 422, "invalid", chinese);
}

static Reply *
act (const char *token, const char *uuid, const char *action, const char *languages)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *path = g_strconcat ("/api/v1/items/", uuid, "/actions", NULL);
  g_autofree char *body = g_strdup_printf ("{\"id\":\"%s\",\"action\":\"%s\",\"comment\":\"测试\"}",
                                           id, action);

  return send_json ("POST", path, token, languages, body);
}

/* The workflow's refusals come from the core, formatted in English with an
 * action's verb and a state's label: all of it in Chinese. */
static void
test_workflow_refusals (void)
{
  g_autofree char *uuid = g_uuid_string_random (), *event = g_uuid_string_random ();
  g_autofree char *item_path = g_strconcat ("/api/v1/items/", uuid, NULL);
  g_autofree char *draft = g_strdup_printf ("{\"event_id\":\"%s\",\"revision\":0,\"title\":\"译文测试信息\","
                                            "\"body\":\"正文。\",\"category\":\"项目建设\",\"type\":\"dynamic\","
                                            "\"angle\":\"key\",\"importance\":\"general\",\"urgent\":false}", event);
  g_autoptr(Reply) put = send_json ("PUT", item_path, officer_token, NULL, draft);
  g_autoptr(Reply) claim_en = act (officer_token, uuid, "claim", "en");
  g_autoptr(Reply) claim_cn = act (officer_token, uuid, "claim", "zh-CN");
  g_autoptr(Reply) submit = NULL, approve_en = NULL, approve_cn = NULL;
  g_autofree char *not_now = g_strdup_printf (zh ("“%s” is not possible while the item is in the state “%s”."),
                                              g_dpgettext2 (GETTEXT_PACKAGE, "verb", "Claim"), zh ("Draft"));
  g_autofree char *not_yours = g_strdup_printf (zh ("Your roles do not allow “%s” on this item."),
                                                g_dpgettext2 (GETTEXT_PACKAGE, "verb", "Approve"));

  g_assert_cmpuint (put->status, ==, 201);
  expect_message (claim_en, 409, "conflict", "“Claim” is not possible while the item is in the state “Draft”.");
  expect_message (claim_cn, 409, "conflict", not_now);
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "verb", "Claim"), !=, "Claim");

  submit = act (officer_token, uuid, "submit", NULL);
  g_assert_cmpuint (submit->status, ==, 200);
  approve_en = act (officer_token, uuid, "approve", NULL);
  approve_cn = act (officer_token, uuid, "approve", "zh-CN");
  expect_message (approve_en, 403, "forbidden", "Your roles do not allow “Approve” on this item.");
  expect_message (approve_cn, 403, "forbidden", not_yours);
}

/* Reading formatted English back: g_prefix_error's "Line %u: " before another
 * message, a text no format matches, and a format that would match anything. */
static void
test_translate_text (void)
{
  const XbCatalog *catalog = xb_catalog_for_languages ("zh-CN");
  g_autofree char *prefixed = xb_catalog_translate_text (catalog, "Line 3: The name is missing.");
  g_autofree char *expected = g_strdup_printf (zh ("Line %u: "), 3);
  g_autofree char *unknown = xb_catalog_translate_text (catalog, "Line 3: no such message here.");
  g_autofree char *english = xb_catalog_translate_text (NULL, "The name is missing.");

  g_assert_nonnull (catalog);
  g_assert_cmpstr (xb_catalog_get_language (catalog), ==, "zh_CN");
  g_assert_null (xb_catalog_for_languages ("en-US, zh-CN;q=0.5"));
  g_assert_null (xb_catalog_for_languages (NULL));
  g_assert_cmpstr (xb_catalog_get_language (NULL), ==, "en");
  g_assert_true (g_str_has_prefix (prefixed, expected));
  g_assert_true (g_str_has_suffix (prefixed, zh ("The name is missing.")));
  g_assert_cmpuint (strlen (prefixed), ==, strlen (expected) + strlen (zh ("The name is missing.")));
  g_assert_cmpstr (unknown, ==, "Line 3: no such message here.");
  g_assert_cmpstr (english, ==, "The name is missing.");
  g_assert_cmpstr (xb_catalog_lookup (catalog, "%s"), ==, "%s");
  /* The app's "%s since %s" is in the catalog, but a text is not read back
   * through a format that starts with an argument. */
  g_assert_cmpstr (xb_catalog_lookup (catalog, "%s since %s"), !=, "%s since %s");
  g_free (unknown);
  unknown = xb_catalog_translate_text (catalog, "The item was changed since you opened it.");
  g_assert_cmpstr (unknown, ==, "The item was changed since you opened it.");
}

/* Headers and texts from nobody in particular: any answer, quickly, no crash
 * (the suite runs this under ASan). */
static void
test_random_input (void)
{
  static const char header_chars[] = ",;= qQzhCN-_*0.9en";
  static const char *const seeds[] = {
    "Line 3: “x” appears twice in the file.", "The unit “%s” does not exist.", "Line 12: ",
    "“a” appears twice in the file.“b” appears twice in the file.", "Line -1: The name is missing.",
  };
  const XbCatalog *catalog = xb_catalog_for_languages ("zh");
  g_autoptr(GString) big = g_string_new ("“");
  g_autofree char *translated = NULL;
  gint64 started;

  for (guint i = 0; i < 3000; i++)
    {
      char header[48];
      gsize len = (gsize) g_test_rand_int_range (0, sizeof header);
      g_autoptr(GString) text = g_string_new (seeds[i % G_N_ELEMENTS (seeds)]);
      g_autofree char *out = NULL;

      for (gsize k = 0; k < len; k++)
        header[k] = header_chars[g_test_rand_int_range (0, sizeof header_chars - 1)];
      header[len] = '\0';
      (void) xb_catalog_for_languages (header);
      for (int cuts = g_test_rand_int_range (0, 4); cuts > 0 && text->len > 0; cuts--)
        {
          gsize at = (gsize) g_test_rand_int_range (0, (gint32) text->len);
          if (g_test_rand_bit ())
            g_string_erase (text, (gssize) at, 1);
          else
            g_string_insert_c (text, (gssize) at, "%s:1 “”"[g_test_rand_int_range (0, 7)]);
        }
      out = xb_catalog_translate_text (catalog, text->str);
      g_assert_nonnull (out);
    }
  /* A megabyte-long quoted field: answered at once, as it was. */
  for (guint i = 0; i < 100000; i++)
    g_string_append (big, "” appears twice in the file.“");
  started = g_get_monotonic_time ();
  translated = xb_catalog_translate_text (catalog, big->str);
  g_assert_cmpstr (translated, ==, big->str);
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
}

/* ---- catalogs that must not be trusted -------------------------------------------------- */

static void
write_file (const char *dir, const char *language, const char *name, const char *text, gssize len)
{
  g_autofree char *sub = g_build_filename (dir, language, "LC_MESSAGES", NULL);
  g_autofree char *path = g_build_filename (sub, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, len, &error));
  g_assert_no_error (error);
}

/* A translation that would read other arguments than the English passes
 * (no "c-format" flag, so msgfmt lets it through) is left in English, a
 * file that is no catalog is skipped, and the server answers on. */
static void
test_untrusted_catalogs (void)
{
  const char *po =
    "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
    "msgid \"“%s” is missing.\"\nmsgstr \"缺少 %d 个 %s\"\n\n"
    "msgid \"Wrong username or password.\"\nmsgstr \"密码不对\"\n";
  g_autofree char *dir = g_dir_make_tmp ("xb-i18n-XXXXXX", NULL);
  g_autofree char *po_path = g_build_filename (dir, "zh_CN.po", NULL);
  g_autofree char *mo_path = g_build_filename (dir, "zh_CN", "LC_MESSAGES", "xinbao.mo", NULL);
  g_autofree char *saved_dir = g_strdup (g_getenv ("XB_LOCALEDIR"));
  g_autoptr(XbTestServer) other = NULL;
  XbTestServerOptions options = { 0 };
  XbTestServer *main_server = server;
  const char *argv[] = { "msgfmt", "-o", mo_path, po_path, NULL };
  int status = -1;

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (mo_path, 0700), ==, 0);
  g_assert_cmpint (g_rmdir (mo_path), ==, 0);   /* leaves zh_CN/LC_MESSAGES for msgfmt */
  write_file (dir, "de", GETTEXT_PACKAGE ".mo", "\xde\x12\x04\x95 not a catalog at all", -1);
  g_assert_true (g_file_set_contents (po_path, po, -1, NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_setenv ("XB_LOCALEDIR", dir, TRUE);
  other = xb_test_server_start (&options);
  g_setenv ("XB_LOCALEDIR", saved_dir, TRUE);
  server = other;
  {
    g_autoptr(Reply) missing = send_json ("POST", "/api/v1/session", NULL, "zh-CN", "{\"username\":\"x\"}");
    g_autoptr(Reply) wrong = send_json ("POST", "/api/v1/session", NULL, "zh-CN",
                                        "{\"username\":\"x\",\"password\":\"y\"}");
    g_autoptr(Reply) german = send_json ("POST", "/api/v1/session", NULL, "de",
                                         "{\"username\":\"z\",\"password\":\"y\"}");

    expect_message (missing, 400, "bad_request", "“password” is missing.");
    expect_message (wrong, 401, "unauthorized", "密码不对");
    expect_message (german, 401, "unauthorized", "Wrong username or password.");
  }
  server = main_server;
  g_clear_pointer (&other, xb_test_server_free);
  xb_test_rm_rf (dir);
}

/* ---- refusals made before a route runs -------------------------------------------------- */

/* @request sent as it is on a connection of its own, and the whole answer
 * read until the server closes it (each request below asks it to, or is
 * refused before its body, which closes the connection). */
static Reply *
exchange (const char *request)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GByteArray) answer = g_byte_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *text, *body;
  guint8 buffer[4096];
  gssize n;
  Reply *r = g_new0 (Reply, 1);

  g_socket_client_set_timeout (client, 60);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) server->port, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), request, strlen (request),
                             NULL, NULL, &error);
  g_assert_no_error (error);
  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)), buffer,
                                   sizeof buffer, NULL, &error)) > 0)
    g_byte_array_append (answer, buffer, (guint) n);
  g_assert_no_error (error);
  g_byte_array_append (answer, (const guint8 *) "", 1);
  text = (const char *) answer->data;
  g_assert_true (g_str_has_prefix (text, "HTTP/1.1 "));
  r->status = (guint) g_ascii_strtoull (text + 9, NULL, 10);
  body = strstr (text, "\r\n\r\n");
  g_assert_nonnull (body);
  r->headers = g_ascii_strdown (text, body + 2 - text);
  body += 4;
  /* The parser takes only valid UTF-8. */
  g_assert_true (g_utf8_validate (body, -1, NULL));
  g_assert_true (json_parser_load_from_data (parser, body, -1, NULL));
  r->json = json_parser_steal_root (parser);
  return r;
}

typedef struct {
  guint       status;
  const char *code;
  const char *msgid;
  const char *head;   /* request line and headers, without the blank line */
  const char *body;
} Refusal;

static const Refusal refusals[] = {
  { 404, "not_found", "No such resource.",
    "GET /api/v1/nowhere HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n", "" },
  { 405, "method_not_allowed", "This path does not take that method.",
    "DELETE /api/v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n", "" },
  /* Refused as soon as the headers are in: the body is never sent. */
  { 411, "length_required", "Send the body with a Content-Length, not in chunks.",
    "PUT /api/v1/items/x HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
    "Transfer-Encoding: chunked\r\n", "" },
  { 413, "too_large", "The body is larger than this route takes.",
    "PUT /api/v1/items/x HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
    "Content-Length: 2000000\r\n", "" },
  { 415, "unsupported_media_type", "Send the body as application/json.",
    "PUT /api/v1/items/x HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
    "Content-Length: 2\r\nConnection: close\r\n", "{}" },
};

static Reply *
refuse (const Refusal *refusal, const char *languages)
{
  g_autofree char *language = languages != NULL ? g_strdup_printf ("Accept-Language: %s\r\n", languages)
                                                : g_strdup ("");
  g_autofree char *request = g_strconcat (refusal->head, language, "\r\n", refusal->body, NULL);
  Reply *r = exchange (request);

  g_test_message ("%u, Accept-Language: %s", refusal->status, languages != NULL ? languages : "(none)");
  g_assert_cmpuint (r->status, ==, refusal->status);
  g_assert_nonnull (strstr (r->headers, "\r\ncache-control: no-store\r\n"));
  g_assert_nonnull (strstr (r->headers, "\r\ncontent-type: application/json"));
  return r;
}

/* 404, 405, 411, 413 and 415 come before any route runs: English without
 * Accept-Language, else the catalog's words (English where it has none
 * yet), always valid UTF-8 and with the same English code. */
static void
test_early_refusals (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autoptr(Reply) en = refuse (&refusals[i], NULL);
      g_autoptr(Reply) cn = refuse (&refusals[i], "zh-CN");
      const char *message = json_object_get_string_member (obj_of (cn), "message");

      expect_message (en, refusals[i].status, refusals[i].code, refusals[i].msgid);
      expect_message (cn, refusals[i].status, refusals[i].code, g_dgettext (GETTEXT_PACKAGE, refusals[i].msgid));
      g_assert_true (g_utf8_validate (message, -1, NULL));
    }
  {
    g_autoptr(Reply) cn = refuse (&refusals[0], "zh-CN");
    g_autoptr(Reply) allow = refuse (&refusals[1], "zh-CN");

    /* The build's catalog has this one already. */
    expect_message (cn, 404, "not_found", zh ("No such resource."));
    g_assert_nonnull (strstr (allow->headers, "\r\nallow: get\r\n"));
  }
}

/* The health of the server through @through, once it is no longer 200. */
static Reply *
health_once_refused (SoupSession *through, const char *languages)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  Reply *r = NULL;

  do
    {
      g_clear_pointer (&r, reply_free);
      r = send_with (through, "GET", "/api/v1/health", NULL, languages, NULL, NULL);
    }
  while (r->status == 200 && g_get_monotonic_time () < deadline);
  return r;
}

/* A stopping server answers 503 on the connections kept alive (one per
 * session) while another request is still in flight: its body never comes. */
static void
expect_draining (const char *english, const char *chinese)
{
  const char *held_request = "PUT /api/v1/items/x HTTP/1.1\r\nHost: localhost\r\n"
                             "Content-Type: application/json\r\nContent-Length: 10\r\n\r\n{";
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) held = NULL;
  g_autoptr(SoupSession) en_session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autoptr(SoupSession) cn_session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autoptr(Reply) en_first = NULL, cn_first = NULL, en = NULL, cn = NULL;
  g_autoptr(GError) error = NULL;

  held = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) server->port, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (held)), held_request,
                             strlen (held_request), NULL, NULL, &error);
  g_assert_no_error (error);
  /* Opens the connections the sessions keep alive (and lets the server
   * read the held request's headers meanwhile). */
  en_first = send_with (en_session, "GET", "/api/v1/health", NULL, NULL, NULL, NULL);
  cn_first = send_with (cn_session, "GET", "/api/v1/health", NULL, NULL, NULL, NULL);
  g_assert_cmpuint (en_first->status, ==, 200);
  g_assert_cmpuint (cn_first->status, ==, 200);
  g_subprocess_send_signal (server->process, SIGTERM);
  en = health_once_refused (en_session, NULL);
  cn = health_once_refused (cn_session, "zh-CN");
  expect_message (en, 503, "unavailable", english);
  expect_message (cn, 503, "unavailable", chinese);

  /* The held request gone, the server stops. */
  g_io_stream_close (G_IO_STREAM (held), NULL, NULL);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (server->process));
  g_assert_cmpint (g_subprocess_get_exit_status (server->process), ==, 0);
}

/* With a catalog that translates them all (the proposed words, until
 * po/zh_CN.po has them): every refusal before a route in Chinese, the
 * codes in English; then the 503 of a server stopping. */
static void
test_early_refusals_translated (void)
{
  static const struct { const char *msgid, *msgstr; } words[] = {
    { "No such resource.", "没有此资源。" },
    { "This path does not take that method.", "此路径不支持该请求方法。" },
    { "Send the body with a Content-Length, not in chunks.", "请用 Content-Length 发送请求正文，不要分块发送。" },
    { "The body is larger than this route takes.", "请求正文超出了此接口允许的大小。" },
    { "Send the body as application/json.", "请以 application/json 格式发送请求正文。" },
    { "The server is shutting down; try again shortly.", "服务器正在关闭，请稍后再试。" },
  };
  g_autofree char *dir = g_dir_make_tmp ("xb-i18n-XXXXXX", NULL);
  g_autofree char *po_path = g_build_filename (dir, "zh_CN.po", NULL);
  g_autofree char *mo_dir = g_build_filename (dir, "zh_CN", "LC_MESSAGES", NULL);
  g_autofree char *mo_path = g_build_filename (mo_dir, GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *saved_dir = g_strdup (g_getenv ("XB_LOCALEDIR"));
  g_autoptr(GString) po = g_string_new ("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n");
  g_autoptr(XbTestServer) other = NULL;
  XbTestServerOptions options = { 0 };
  XbTestServer *main_server = server;
  const char *argv[] = { "msgfmt", "-o", mo_path, po_path, NULL };
  int status = -1;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    g_string_append_printf (po, "\nmsgid \"%s\"\nmsgstr \"%s\"\n", words[i].msgid, words[i].msgstr);
  g_assert_cmpint (g_mkdir_with_parents (mo_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (po_path, po->str, -1, NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_setenv ("XB_LOCALEDIR", dir, TRUE);
  other = xb_test_server_start (&options);
  g_setenv ("XB_LOCALEDIR", saved_dir, TRUE);
  server = other;
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autoptr(Reply) en = refuse (&refusals[i], "en-US, zh-CN;q=0.5");
      g_autoptr(Reply) cn = refuse (&refusals[i], "zh-CN, zh;q=0.9");

      g_assert_cmpstr (words[i].msgid, ==, refusals[i].msgid);
      expect_message (en, refusals[i].status, refusals[i].code, refusals[i].msgid);
      expect_message (cn, refusals[i].status, refusals[i].code, words[i].msgstr);
    }
  expect_draining (words[5].msgid, words[5].msgstr);
  server = main_server;
  g_clear_pointer (&other, xb_test_server_free);
  xb_test_rm_rf (dir);
}

/* ---- the app's side: XbSyncClient sends the user's languages ------------------------------ */

static void
on_response (GObject *source, GAsyncResult *result, gpointer data)
{
  XbResponse **out = data;
  g_autoptr(GError) error = NULL;

  *out = xb_sync_client_request_finish (XB_SYNC_CLIENT (source), result, &error);
  g_assert_no_error (error);
}

static char *
client_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbSyncClient) client = xb_sync_client_new (server->url, &error);
  g_autoptr(XbResponse) response = NULL;

  g_assert_no_error (error);
  xb_sync_client_request_async (client, "POST", "/api/v1/session", "{\"username\":\"officer\"}",
                                NULL, on_response, &response);
  while (response == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (response->status, ==, 400);
  return xb_response_dup_message (response);
}

static void
test_client_header (void)
{
  g_autofree char *chinese = g_strdup_printf (zh ("“%s” is missing."), "password");
  g_autofree char *in_chinese = NULL, *in_english = NULL;

  /* main() set LANGUAGE=zh_CN, as a Chinese desktop does. */
  in_chinese = client_message ();
  g_assert_cmpstr (in_chinese, ==, chinese);
  /* The app in the C locale: no header, the server's own words.  (No other
   * thread of this test reads the environment.) */
  g_setenv ("LANGUAGE", "C", TRUE);
  in_english = client_message ();
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_assert_cmpstr (in_english, ==, "“password” is missing.");
}

int
main (int argc, char **argv)
{
  g_autofree char *podir = NULL;
  XbTestServerOptions options = { .demo = TRUE };
  int status;

  g_test_init (&argc, &argv, NULL);
  /* The expectations come from the catalog the build made, through gettext;
   * the server reads the same files by $XB_LOCALEDIR. */
  podir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_setenv ("XB_LOCALEDIR", podir, TRUE);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, podir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  server = xb_test_server_start (&options);
  session = soup_session_new_with_options ("timeout", 60, NULL);
  admin_token = sign_in ("admin", PASSWORD);
  officer_token = sign_in ("officer", PASSWORD);

  g_test_add_func ("/server-i18n/fixed", test_fixed_message);
  g_test_add_func ("/server-i18n/formatted", test_formatted_message);
  g_test_add_func ("/server-i18n/refusal-and-conflict", test_refusal_and_conflict);
  g_test_add_func ("/server-i18n/csv", test_csv_errors);
  g_test_add_func ("/server-i18n/retired-unit", test_retired_unit);
  g_test_add_func ("/server-i18n/workflow", test_workflow_refusals);
  g_test_add_func ("/server-i18n/translate-text", test_translate_text);
  g_test_add_func ("/server-i18n/random-input", test_random_input);
  g_test_add_func ("/server-i18n/untrusted-catalogs", test_untrusted_catalogs);
  g_test_add_func ("/server-i18n/early-refusals", test_early_refusals);
  g_test_add_func ("/server-i18n/early-refusals-translated", test_early_refusals_translated);
  g_test_add_func ("/server-i18n/client-header", test_client_header);
  status = g_test_run ();

  g_object_unref (session);
  g_free (admin_token);
  g_free (officer_token);
  xb_test_server_free (server);
  return status;
}
