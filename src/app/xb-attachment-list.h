/* The attachments of a draft: add with a file chooser or by dropping files, open, remove; size-limited. */
#pragma once

#include <adwaita.h>

#include "xb-store.h"

G_BEGIN_DECLS

#define XB_ATTACHMENTS_MAX 50

#define XB_TYPE_ATTACHMENT_LIST (xb_attachment_list_get_type ())
G_DECLARE_FINAL_TYPE (XbAttachmentList, xb_attachment_list, XB, ATTACHMENT_LIST, GtkWidget)

GtkWidget *xb_attachment_list_new             (void);
void       xb_attachment_list_set_store       (XbAttachmentList *self,
                                               XbStore          *store);
/* Shows a copy of @attachments (XbAttachment*; NULL for none). */
void       xb_attachment_list_set_attachments (XbAttachmentList *self,
                                               GPtrArray        *attachments);
/* The list as shown (owned by the widget). */
GPtrArray *xb_attachment_list_get_attachments (XbAttachmentList *self);
/* Keeps a copy of @file beside the store and lists it ("changed");
 * a file too big, empty, unreadable, already listed or one too many is
 * refused with a message that names it. */
gboolean   xb_attachment_list_add_file        (XbAttachmentList *self,
                                               GFile            *file,
                                               GError          **error);
void       xb_attachment_list_remove          (XbAttachmentList *self,
                                               guint             position);
/* Lets files dropped on @widget be added (errors go to ::failed). */
/* Why the last file from the chooser or a drop was refused (hidden when none). */
GtkLabel  *xb_attachment_list_get_message_label (XbAttachmentList *self);
void       xb_attachment_list_accept_drops_on (XbAttachmentList *self,
                                               GtkWidget        *widget);

G_END_DECLS
