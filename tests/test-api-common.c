/* Raw HTTP calls to the real server for the protocol tests. */
#include "config.h"

#include <string.h>

#include "test-api-common.h"

void
reply_free (Reply *r)
{
  g_bytes_unref (r->body);
  g_clear_pointer (&r->json, json_node_unref);
  g_free (r->retry_after);
  g_free (r);
}

Reply *
send_raw (SoupSession *session, const char *base, const char *method, const char *path,
          const char *token, const char *content_type, const char *body, gssize len)
{
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  Reply *r = g_new0 (Reply, 1);
  const char *type;

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, len < 0 ? strlen (body) : (gsize) len);
      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  r->body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  r->status = soup_message_get_status (msg);
  r->retry_after = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After"));
  type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);
  if (g_strcmp0 (type, "application/json") == 0 && g_bytes_get_size (r->body) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (r->body, NULL),
                                                 g_bytes_get_size (r->body), NULL));
      r->json = json_parser_steal_root (parser);
    }
  return r;
}

JsonObject *
obj_of (Reply *r)
{
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r->json));
  return json_node_get_object (r->json);
}

void
expect_status (Reply *r, guint status, const char *what)
{
  if (r->status != status)
    g_error ("%s: expected %u, got %u: %.*s", what, status, r->status,
             (int) MIN (g_bytes_get_size (r->body), 600), (const char *) g_bytes_get_data (r->body, NULL));
}

/* Every error body is {"error": CODE, "message": TEXT}. */
void
expect_error (Reply *r, guint status, const char *code, const char *what)
{
  JsonObject *obj;

  expect_status (r, status, what);
  obj = obj_of (r);
  g_assert_cmpstr (json_object_get_string_member (obj, "error"), ==, code);
  g_assert_nonnull (json_object_get_string_member (obj, "message"));
}

JsonObject *
item_of (Reply *r)
{
  return json_object_get_object_member (obj_of (r), "item");
}

const char *
state_of (Reply *r)
{
  return json_object_get_string_member (item_of (r), "state");
}

Reply *
sign_in_reply (const char *base, SoupSession *session, const char *username, const char *password)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}", username, password);

  return send_raw (session, base, "POST", "/api/v1/session", NULL, "application/json", body, -1);
}
