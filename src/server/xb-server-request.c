/* One API request on its worker thread: JSON answers and errors, body checks, and answering each write once. */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "xb-codec.h"
#include "xb-server-private.h"

void
xb_request_free (XbRequest *req)
{
  if (req == NULL)
    return;
  g_free (req->method);
  g_free (req->path);
  g_strfreev (req->args);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  if (req->token != NULL)
    memset (req->token, 0, strlen (req->token));
  g_free (req->token);
  g_free (req->remote);
  g_clear_pointer (&req->user, xb_user_free);
  g_free (req->token_hash);
  g_free (req->log_user);
  g_clear_pointer (&req->response, g_bytes_unref);
  g_free (req->allow);
  g_free (req);
}

gint64
xb_server_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* ---- answers ------------------------------------------------------------------ */

const char *
xb_status_code_name (guint status)
{
  switch (status)
    {
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 409: return "conflict";
    case 411: return "length_required";
    case 413: return "too_large";
    case 415: return "unsupported_media_type";
    case 422: return "invalid";
    case 429: return "too_many_requests";
    case 503: return "unavailable";
    default:  return "internal";
    }
}

void
xb_request_reply_text (XbRequest *req, guint status, const char *json)
{
  g_clear_pointer (&req->response, g_bytes_unref);
  req->status = status;
  req->content_type = "application/json";
  if (json != NULL)
    req->response = g_bytes_new (json, strlen (json));
}

void
xb_request_reply (XbRequest *req, guint status, JsonNode *root)
{
  g_autoptr(JsonNode) owned = root;
  g_autofree char *text = owned != NULL ? json_to_string (owned, FALSE) : NULL;

  xb_request_reply_text (req, status, text);
}

/* @text as a string every client reads back: xb_json_parse refuses bad UTF-8 and control
 * characters other than tab and line breaks, which become U+FFFD here. */
static char *
safe_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 && strchr ("\b\t\n\f\r", *p) == NULL)
        g_string_append (out, "\xef\xbf\xbd");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static JsonNode *
error_object (guint status, const char *message)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  /* Messages may quote the request's own bytes (a path segment, a CSV column). */
  g_autofree char *valid = safe_text (message);

  json_object_set_string_member (obj, "error", xb_status_code_name (status));
  json_object_set_string_member (obj, "message", valid);
  json_node_take_object (node, obj);
  return node;
}

const char *
xb_server_translate (XbRequest *req, const char *msgid)
{
  return xb_catalog_lookup (req->catalog, msgid);
}

void
xb_request_fail (XbRequest *req, guint status, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  /* A finished text: a GError's message from the core, already in English. */
  if (strcmp (format, "%s") == 0)
    message = xb_catalog_translate_text (req->catalog, va_arg (args, const char *));
  else
    message = g_strdup_vprintf (xb_server_translate (req, format), args);
  va_end (args);
  xb_request_reply (req, status, error_object (status, message));
}

void
xb_request_reply_item (XbRequest *req, guint status, const XbItem *item)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_member (obj, "item", xb_item_to_node (item));
  json_node_take_object (node, obj);
  xb_request_reply (req, status, node);
}

void
xb_request_conflict (XbRequest *req, const XbItem *item, const char *message)
{
  g_autofree char *translated = xb_catalog_translate_text (req->catalog, message);
  JsonNode *node = error_object (409, translated);

  if (item != NULL)
    json_object_set_member (json_node_get_object (node), "item", xb_item_to_node (item));
  xb_request_reply (req, 409, node);
}

void
xb_request_deny (XbRequest *req, const char *reason)
{
  g_autofree char *path = g_strescape (req->path, NULL);

  /* Every refusal is logged so that the office can see who tried what. */
  g_message ("denied: %s %s by %s: %s", req->method, path,
             req->user != NULL ? req->user->username : "-", reason);
  xb_request_fail (req, SOUP_STATUS_FORBIDDEN, "%s", reason);
}

gboolean
xb_request_require_admin (XbRequest *req)
{
  if (req->user != NULL && (req->user->roles & XB_ROLE_BIT (XB_ROLE_ADMIN)))
    return TRUE;
  xb_request_deny (req, N_("Only an administrator may do this."));
  return FALSE;
}

gboolean
xb_request_check_name (XbRequest *req, const char *name, const char *text)
{
  if (g_utf8_strlen (text, -1) > XB_NAME_MAX_CHARS)
    return xb_request_fail (req, 422, N_("“%s” is too long: at most %d characters."), name, XB_NAME_MAX_CHARS), FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return xb_request_fail (req, 422, N_("“%s” is empty."), name), FALSE;
}

void
xb_request_fail_error (XbRequest *req, const GError *error)
{
  if (error->domain != XB_ERROR)
    {
      g_warning ("%s %s: %s", req->method, req->path, error->message);
      xb_request_fail (req, 500, N_("The server could not do this: %s"), error->message);
      return;
    }
  switch (error->code)
    {
    case XB_ERROR_INVALID:      xb_request_fail (req, 422, "%s", error->message); break;
    case XB_ERROR_NOT_FOUND:    xb_request_fail (req, 404, "%s", error->message); break;
    case XB_ERROR_FORBIDDEN:    xb_request_deny (req, error->message); break;
    case XB_ERROR_CONFLICT:     xb_request_conflict (req, NULL, error->message); break;
    case XB_ERROR_UNAUTHORIZED: xb_request_fail (req, 401, "%s", error->message); break;
    case XB_ERROR_RATE_LIMITED: xb_request_fail (req, 429, "%s", error->message); break;
    default:
      g_warning ("%s %s: %s", req->method, req->path, error->message);
      xb_request_fail (req, 500, N_("The server could not do this: %s"), error->message);
      break;
    }
}

gboolean
xb_request_answered (XbRequest *req)
{
  return req->status != 0;
}

/* ---- reading the body ------------------------------------------------------------ */

JsonNode *
xb_request_json (XbRequest *req)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (req->body, &len);
  g_autoptr(JsonNode) root = xb_json_parse (data, (gssize) len, &error);

  if (root == NULL)
    return xb_request_fail (req, 400, "%s", error->message), NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return xb_request_fail (req, 400, N_("The body must be a JSON object.")), NULL;
  return g_steal_pointer (&root);
}

static const char *
field_type_name (XbRequest *req, XbFieldType type)
{
  static const char *const names[] = { N_("a string"), N_("a whole number"), N_("true or false"),
                                       N_("an array"), N_("an object") };
  return xb_server_translate (req, names[type]);
}

static gboolean
node_has_type (JsonNode *node, XbFieldType type)
{
  switch (type)
    {
    case XB_FIELD_STRING: return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
    case XB_FIELD_INT:    return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
    case XB_FIELD_BOOL:   return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
    case XB_FIELD_ARRAY:  return JSON_NODE_HOLDS_ARRAY (node);
    case XB_FIELD_OBJECT: return JSON_NODE_HOLDS_OBJECT (node);
    }
  return FALSE;
}

gboolean
xb_request_check_fields (XbRequest *req, JsonObject *obj, const XbField *fields, gsize n_fields)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      const XbField *f = &fields[i];
      JsonNode *node = json_object_get_member (obj, f->name);

      if (node == NULL)
        {
          if (f->flags & XB_FIELD_REQUIRED)
            return xb_request_fail (req, 400, N_("“%s” is missing."), f->name), FALSE;
          continue;
        }
      if (JSON_NODE_HOLDS_NULL (node) && (f->flags & XB_FIELD_NULLABLE))
        continue;
      if (!node_has_type (node, f->type))
        return xb_request_fail (req, 400, N_("“%s” must be %s."), f->name,
                                 field_type_name (req, f->type)), FALSE;
    }
  return TRUE;
}

gboolean
xb_request_check_uuid (XbRequest *req, const char *what, const char *value)
{
  if (value == NULL || !g_uuid_string_is_valid (value))
    return xb_request_fail (req, 422, N_("%s is not a UUID."), xb_server_translate (req, what)), FALSE;
  for (const char *c = value; *c != '\0'; c++)
    if (g_ascii_isupper (*c))
      return xb_request_fail (req, 422, N_("%s is not a lower-case UUID."), xb_server_translate (req, what)), FALSE;
  return TRUE;
}

/* ---- answering each write once --------------------------------------------------- */

/* The same id sent by another user or to another path is other content,
 * even with the same body: its first answer is not theirs to see. */
static char *
request_hash (XbRequest *req)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *who = g_strdup_printf ("%" G_GINT64_FORMAT "\n", req->user ? req->user->id : 0);
  gsize len;
  const guchar *data = g_bytes_get_data (req->body, &len);

  g_checksum_update (sum, (const guchar *) who, -1);
  g_checksum_update (sum, (const guchar *) req->method, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) req->path, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  if (len > 0)
    g_checksum_update (sum, data, len);
  return g_strdup (g_checksum_get_string (sum));
}

static void
replay (XbRequest *req, const char *item_uuid, const char *hash,
        const char *old_hash, int old_status, const char *old_response)
{
  g_autoptr(XbItem) item = NULL;

  if (g_strcmp0 (hash, old_hash) == 0)
    {
      xb_request_reply_text (req, (guint) old_status, old_response);
      return;
    }
  if (item_uuid != NULL)
    item = xb_store_get_item (req->store, item_uuid, NULL);
  if (item != NULL && !xb_user_can_see_item (req->user, item))
    g_clear_pointer (&item, xb_item_free);
  xb_request_conflict (req, item, N_("This id was already used for another request."));
}

static gboolean
is_success (guint status)
{
  return status >= 200 && status < 300;
}

void
xb_request_run_once (XbRequest *req, const char *id, const char *item_uuid,
                     XbOnceFunc func, gpointer data)
{
  g_autofree char *hash = request_hash (req);
  g_autofree char *old_hash = NULL, *old_response = NULL;
  g_autoptr(GError) error = NULL;
  int old_status = 0;
  gboolean ok;

  /* The lookup, the work and the record share one transaction, so two
   * copies of a request racing each other still act once. */
  if (!xb_store_begin (req->store, &error))
    {
      xb_request_fail_error (req, error);
      return;
    }
  if (xb_store_find_action (req->store, id, &old_hash, &old_status, &old_response))
    {
      replay (req, item_uuid, hash, old_hash, old_status, old_response);
      xb_store_rollback (req->store);
      return;
    }
  func (req, data);
  if (!xb_request_answered (req))
    xb_request_fail (req, 500, N_("The request was not answered."));
  if (!is_success (req->status))
    {
      xb_store_rollback (req->store);
      return;
    }
  {
    g_autofree char *text = req->response != NULL
      ? g_strndup (g_bytes_get_data (req->response, NULL), g_bytes_get_size (req->response))
      : g_strdup ("");
    ok = xb_store_record_action (req->store, id, hash, (int) req->status, text, &error);
  }
  if (!ok)
    xb_store_rollback (req->store);
  else
    ok = xb_store_commit (req->store, &error);
  if (!ok)
    xb_request_fail_error (req, error);
}
