/* The read-only view of one information item: text, facts and its history. */
#pragma once

#include <gtk/gtk.h>

#include "xb-store.h"
#include "xb-sync-engine.h"

G_BEGIN_DECLS

#define XB_TYPE_ITEM_DETAIL (xb_item_detail_get_type ())
G_DECLARE_FINAL_TYPE (XbItemDetail, xb_item_detail, XB, ITEM_DETAIL, GtkWidget)

GtkWidget  *xb_item_detail_new        (void);
void        xb_item_detail_set_store  (XbItemDetail *self,
                                       XbStore      *store);
/* Loads the item in a worker thread and shows it; NULL shows the empty state. */
void        xb_item_detail_show_item  (XbItemDetail *self,
                                       const char   *uuid);
/* The uuid of the item on display (notified as "uuid" once loaded), or NULL. */
const char *xb_item_detail_get_uuid   (XbItemDetail *self);
/* Reads the item on display again, e.g. after the sync engine changed it. */
void        xb_item_detail_refresh    (XbItemDetail *self);
const char *xb_item_detail_get_title  (XbItemDetail *self);
/* With an engine, the actions the state machine allows the signed-in user
 * (approve, return, revise) appear as buttons. */
void        xb_item_detail_set_engine (XbItemDetail *self,
                                       XbSyncEngine *engine);
GtkButton  *xb_item_detail_get_action_button (XbItemDetail *self,
                                              XbAction      action);

G_END_DECLS
