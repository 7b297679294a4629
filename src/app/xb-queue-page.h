/* A work queue of the office: the items in some states beside the one on show, with its actions (the inbox, the sign-off queue). */
#pragma once

#include <gtk/gtk.h>

#include "xb-item-detail.h"
#include "xb-item-list.h"
#include "xb-store.h"
#include "xb-sync-engine.h"

G_BEGIN_DECLS

#define XB_TYPE_QUEUE_PAGE (xb_queue_page_get_type ())
G_DECLARE_FINAL_TYPE (XbQueuePage, xb_queue_page, XB, QUEUE_PAGE, GtkWidget)

/* @states: 1 << XbState for each state the queue holds. */
GtkWidget    *xb_queue_page_new        (guint32       states);
void          xb_queue_page_set_store  (XbQueuePage  *self,
                                        XbStore      *store);
void          xb_queue_page_set_engine (XbQueuePage  *self,
                                        XbSyncEngine *engine);
XbItemList   *xb_queue_page_get_list   (XbQueuePage  *self);
XbItemDetail *xb_queue_page_get_detail (XbQueuePage  *self);

G_END_DECLS
