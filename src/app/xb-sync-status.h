/* The sync status indicator: synced, syncing with progress, offline with the queue, or the error. */
#pragma once

#include <gtk/gtk.h>

#include "xb-sync-engine.h"

G_BEGIN_DECLS

#define XB_TYPE_SYNC_STATUS (xb_sync_status_get_type ())
G_DECLARE_FINAL_TYPE (XbSyncStatus, xb_sync_status, XB, SYNC_STATUS, GtkWidget)

GtkWidget    *xb_sync_status_new        (void);
/* Follows @engine's state, queue, progress and error; NULL hides the indicator. */
void          xb_sync_status_set_engine (XbSyncStatus *self,
                                         XbSyncEngine *engine);
XbSyncEngine *xb_sync_status_get_engine (XbSyncStatus *self);
/* What the indicator shows now, and the longer text of its popover. */
const char   *xb_sync_status_get_label  (XbSyncStatus *self);
const char   *xb_sync_status_get_detail (XbSyncStatus *self);

G_END_DECLS
