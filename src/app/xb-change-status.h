/* What became of an item's local changes: queued for the server, or refused in the server's words with Retry and Discard. */
#pragma once

#include <gtk/gtk.h>

#include "xb-store.h"
#include "xb-sync-engine.h"

G_BEGIN_DECLS

#define XB_TYPE_CHANGE_STATUS (xb_change_status_get_type ())
G_DECLARE_FINAL_TYPE (XbChangeStatus, xb_change_status, XB, CHANGE_STATUS, GtkWidget)

GtkWidget *xb_change_status_new        (void);
void       xb_change_status_set_store  (XbChangeStatus *self,
                                        XbStore        *store);
void       xb_change_status_set_engine (XbChangeStatus *self,
                                        XbSyncEngine   *engine);
/* Follows item @uuid (NULL: none): visible only while changes to it wait
 * in the outbox.  Signals: "failed" (message) when Retry or Discard could
 * not be done, "discarded" (uuid) once the user gave the changes up and the
 * server's copy is on its way back. */
void       xb_change_status_show       (XbChangeStatus *self,
                                        const char     *uuid);
/* Reads the outbox again (after a sync). */
void       xb_change_status_refresh    (XbChangeStatus *self);

GtkLabel  *xb_change_status_get_label  (XbChangeStatus *self);
GtkButton *xb_change_status_get_retry_button   (XbChangeStatus *self);
GtkButton *xb_change_status_get_discard_button (XbChangeStatus *self);

G_END_DECLS
