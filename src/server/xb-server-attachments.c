/* Attachments: PUT and GET /api/v1/attachments/{sha256}, stored content-addressed. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>

#include "xb-server-attachments.h"

#define MAX_ATTACHMENTS        50

static gboolean
is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_isxdigit (*c) || g_ascii_isupper (*c))
      return FALSE;
  return TRUE;
}

/* DATA_DIR/attachments/ab/abcdef…: two hex digits per folder keep folders small. */
static char *
attachment_path (XbRequest *req, const char *sha256)
{
  char prefix[3] = { sha256[0], sha256[1], '\0' };

  return g_build_filename (req->server->data_dir, "attachments", prefix, sha256, NULL);
}

/* Size of the stored attachment, or -1 when there is none. */
static gint64
stored_size (XbRequest *req, const char *sha256)
{
  g_autofree char *path = attachment_path (req, sha256);
  GStatBuf st;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return -1;
  return (gint64) st.st_size;
}

static gboolean
write_attachment (XbRequest *req, const char *sha256, GBytes *bytes, GError **error)
{
  g_autofree char *path = attachment_path (req, sha256);
  g_autofree char *dir = g_path_get_dirname (path);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return g_set_error (error, XB_ERROR, XB_ERROR_FAILED, "Cannot create %s: %s",
                        dir, g_strerror (errno)), FALSE;
  /* Written beside and renamed into place: a reader never sees half a file. */
  return g_file_set_contents_full (path, data ? data : "", (gssize) len,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

static JsonNode *
upload_answer (const char *sha256, gint64 size)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (obj, "sha256", sha256);
  json_object_set_int_member (obj, "size", size);
  json_node_take_object (node, obj);
  return node;
}

void
xb_server_attachments_put (XbRequest *req)
{
  const char *sha256 = req->args[0];
  g_autofree char *actual = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = g_bytes_get_size (req->body);

  if (!is_sha256 (sha256))
    {
      xb_request_fail (req, 422, N_("An attachment is named by its SHA-256 in lower-case hex."));
      return;
    }
  if ((req->user->roles & ~XB_ROLE_BIT (XB_ROLE_VIEWER)) == 0)
    {
      xb_request_deny (req, N_("Viewers cannot upload attachments."));
      return;
    }
  actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, req->body);
  if (!g_str_equal (actual, sha256))
    xb_request_fail (req, 422, N_("The bytes do not match the SHA-256 %s."), sha256);
  else if (stored_size (req, sha256) >= 0)
    xb_request_reply (req, SOUP_STATUS_OK, upload_answer (sha256, (gint64) size));
  else if (!write_attachment (req, sha256, req->body, &error))
    xb_request_fail_error (req, error);
  else
    xb_request_reply (req, SOUP_STATUS_CREATED, upload_answer (sha256, (gint64) size));
}

/* Anyone who may see an item holding the attachment may fetch it. */
static gboolean
may_fetch (XbRequest *req, const char *sha256)
{
  g_auto(GStrv) uuids = NULL;

  if (xb_user_has_office_role (req->user))
    return TRUE;
  uuids = xb_store_attachment_items (req->store, sha256, NULL);
  for (guint i = 0; uuids != NULL && uuids[i] != NULL; i++)
    {
      g_autoptr(XbItem) item = xb_store_get_item (req->store, uuids[i], NULL);
      if (xb_user_can_see_item (req->user, item))
        return TRUE;
    }
  return FALSE;
}

void
xb_server_attachments_get (XbRequest *req)
{
  const char *sha256 = req->args[0];
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  if (!is_sha256 (sha256) || stored_size (req, sha256) < 0 || !may_fetch (req, sha256))
    {
      xb_request_fail (req, 404, N_("There is no such attachment."));
      return;
    }
  path = attachment_path (req, sha256);
  if (!g_file_get_contents (path, &data, &len, &error))
    {
      xb_request_fail_error (req, error);
      return;
    }
  req->status = SOUP_STATUS_OK;
  req->response = g_bytes_new_take (data, len);
  req->content_type = "application/octet-stream";
}

/* ---- references from item writes -------------------------------------------------------- */

static const XbField attachment_fields[] = {
  { "sha256",   XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "filename", XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "size",     XB_FIELD_INT,    XB_FIELD_REQUIRED },
};

static XbAttachment *
parse_one (XbRequest *req, JsonNode *node)
{
  g_autoptr(XbAttachment) a = NULL;
  JsonObject *obj;
  const char *filename;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return xb_request_fail (req, 400, N_("Each attachment must be an object.")), NULL;
  obj = json_node_get_object (node);
  if (!xb_request_check_fields (req, obj, attachment_fields, G_N_ELEMENTS (attachment_fields)))
    return NULL;
  a = g_new0 (XbAttachment, 1);
  a->sha256 = g_strdup (json_object_get_string_member (obj, "sha256"));
  filename = json_object_get_string_member (obj, "filename");
  a->size = json_object_get_int_member (obj, "size");
  if (!is_sha256 (a->sha256))
    return xb_request_fail (req, 422, N_("An attachment's sha256 must be lower-case hex.")), NULL;
  if (*filename == '\0' || strchr (filename, '/') != NULL || g_utf8_strlen (filename, -1) > XB_FILENAME_MAX_CHARS)
    return xb_request_fail (req, 422, N_("An attachment needs a file name without “/”.")), NULL;
  a->filename = g_strdup (filename);
  if (stored_size (req, a->sha256) != a->size)
    return xb_request_fail (req, 422, N_("Upload the attachment %s (%lld bytes) first."),
                            a->sha256, (long long) a->size), NULL;
  return g_steal_pointer (&a);
}

GPtrArray *
xb_server_attachments_parse (XbRequest *req, JsonArray *array)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_attachment_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = json_array_get_length (array);

  if (n > MAX_ATTACHMENTS)
    return xb_request_fail (req, 422, N_("An item holds at most %d attachments."), MAX_ATTACHMENTS), NULL;
  for (guint i = 0; i < n; i++)
    {
      XbAttachment *a = parse_one (req, json_array_get_element (array, i));

      if (a == NULL)
        return NULL;
      g_ptr_array_add (list, a);
      if (!g_hash_table_add (seen, a->sha256))
        return xb_request_fail (req, 422, N_("The attachment %s is listed twice."), a->sha256), NULL;
    }
  return g_steal_pointer (&list);
}
