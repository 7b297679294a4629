/* Attachment bytes on the client: kept beside the store, content-addressed, size-limited. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "xb-codec.h"
#include "xb-store-files.h"

char *
xb_store_attachment_path (XbStore    *self,
                          const char *sha256)
{
  g_autofree char *dir = g_strconcat (xb_store_get_path (self), ".attachments", NULL);

  return g_build_filename (dir, sha256, NULL);
}

static gboolean
check_size (GFile *file, gint64 size, GError **error)
{
  g_autofree char *name = g_file_get_basename (file);

  if (size > XB_ATTACHMENT_MAX_BYTES)
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                        _("“%s” is %.1f MB; an attachment may be at most %d MB."),
                        name, size / (1024.0 * 1024.0), XB_ATTACHMENT_MAX_BYTES / (1024 * 1024)), FALSE;
  if (size == 0)
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID, _("“%s” is empty."), name), FALSE;
  return TRUE;
}

XbAttachment *
xb_store_keep_attachment (XbStore  *self,
                          GFile    *file,
                          GError  **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  XbAttachment *attachment;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, &local);
  if (info == NULL || (bytes = g_file_load_bytes (file, NULL, NULL, &local)) == NULL)
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID, _("Could not read “%s”: %s"), name, local->message),
           NULL;
  /* Checked on the size read, in case the file grew since it was chosen. */
  if (!check_size (file, (gint64) g_bytes_get_size (bytes), error))
    return NULL;
  attachment = g_new0 (XbAttachment, 1);
  attachment->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  attachment->filename = g_strdup (g_file_info_get_display_name (info));
  attachment->size = (gint64) g_bytes_get_size (bytes);
  path = xb_store_attachment_path (self, attachment->sha256);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      (!g_file_test (path, G_FILE_TEST_EXISTS) &&
       !g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), (gssize) attachment->size,
                                  G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local)))
    {
      g_set_error (error, XB_ERROR, XB_ERROR_FAILED, _("Could not keep a copy of “%s”: %s"), name,
                   local ? local->message : g_strerror (errno));
      xb_attachment_free (attachment);
      return NULL;
    }
  return attachment;
}

GBytes *
xb_store_read_attachment (XbStore    *self,
                          const char *sha256,
                          GError    **error)
{
  g_autofree char *path = xb_store_attachment_path (self, sha256);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return g_file_load_bytes (file, NULL, NULL, error);
}
