/* The office's work queue: the editors' inbox or the signed-in signer's sign-off queue, beside the item on show. */
#pragma once

#include <gtk/gtk.h>

#include "xb-item-detail.h"
#include "xb-store.h"
#include "xb-sync-engine.h"

G_BEGIN_DECLS

typedef enum {
  XB_INBOX_EDITOR,   /* every item waiting for the information section */
  XB_INBOX_SIGNOFF,  /* items whose current sign-off step is the user's role */
} XbInboxMode;

#define XB_TYPE_INBOX (xb_inbox_get_type ())
G_DECLARE_FINAL_TYPE (XbInbox, xb_inbox, XB, INBOX, GtkWidget)

GtkWidget    *xb_inbox_new           (XbInboxMode  mode);
void          xb_inbox_set_store     (XbInbox     *self,
                                      XbStore     *store);
/* The inbox reloads itself on the engine's "items-changed"; every action
 * taken from it goes through the engine. */
void          xb_inbox_set_engine    (XbInbox     *self,
                                      XbSyncEngine *engine);
/* Reads the queue again in a worker thread, keeping the selection. */
void          xb_inbox_reload        (XbInbox     *self);

XbInboxMode   xb_inbox_get_mode      (XbInbox     *self);
XbItemDetail *xb_inbox_get_detail    (XbInbox     *self);
/* TRUE while a reload is under way or due (the engine's changes are coalesced). */
gboolean      xb_inbox_get_loading   (XbInbox     *self);
/* The items in the queue (property "n-rows", notified when it changes). */
guint         xb_inbox_get_n_rows    (XbInbox     *self);
const char   *xb_inbox_get_row_uuid  (XbInbox     *self,
                                      guint        position);
/* The row's second line as shown: unit, who holds it, the countdown or the chain. */
char         *xb_inbox_get_row_text  (XbInbox     *self,
                                      guint        position);
/* Selects the item @uuid (adding it to the selection when @extend, as
 * Ctrl-click does) and shows it in the detail.  FALSE if it is not listed. */
gboolean      xb_inbox_select        (XbInbox     *self,
                                      const char  *uuid,
                                      gboolean     extend);
/* The uuids of the selected items, in list order. */
GStrv         xb_inbox_dup_selected  (XbInbox     *self);
GtkButton    *xb_inbox_get_merge_button (XbInbox  *self);

/* "2 h 15 min left" before @deadline, "5 min overdue" after it. */
char         *xb_inbox_countdown_text (gint64      deadline,
                                       gint64      now);

G_END_DECLS
