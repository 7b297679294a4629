/* Attachment bytes on the client: kept beside the store, content-addressed, size-limited. */
#pragma once

#include <gio/gio.h>

#include "xb-store.h"

G_BEGIN_DECLS

/* "<store path>.attachments/<sha256>". */
char         *xb_store_attachment_path (XbStore    *self,
                                        const char *sha256);
/* Copies @file beside the store under its SHA-256 and returns its metadata
 * (file name from @file).  A file over XB_ATTACHMENT_MAX_BYTES, empty, or
 * unreadable is refused with a message that names it (XB_ERROR_INVALID). */
XbAttachment *xb_store_keep_attachment (XbStore    *self,
                                        GFile      *file,
                                        GError    **error);
/* The bytes kept for @sha256. */
GBytes       *xb_store_read_attachment (XbStore    *self,
                                        const char *sha256,
                                        GError    **error);

G_END_DECLS
