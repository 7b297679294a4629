/* A lazy GListModel of information items: counts in SQL, fetches rows a page at a time. */
#pragma once

#include <gio/gio.h>

#include "xb-store.h"

G_BEGIN_DECLS

#define XB_TYPE_ITEM_LIST_MODEL (xb_item_list_model_get_type ())
G_DECLARE_FINAL_TYPE (XbItemListModel, xb_item_list_model, XB, ITEM_LIST_MODEL, GObject)

XbItemListModel *xb_item_list_model_new            (XbStore         *store);

XbStore         *xb_item_list_model_get_store      (XbItemListModel *self);
void             xb_item_list_model_set_store      (XbItemListModel *self,
                                                    XbStore         *store);
const char      *xb_item_list_model_get_search     (XbItemListModel *self);
void             xb_item_list_model_set_search     (XbItemListModel *self,
                                                    const char      *search);
void             xb_item_list_model_set_sort       (XbItemListModel *self,
                                                    XbItemSort       sort,
                                                    gboolean         descending);
XbItemSort       xb_item_list_model_get_sort       (XbItemListModel *self,
                                                    gboolean        *descending);
/* TRUE while a count for a new query runs in a worker thread. */
gboolean         xb_item_list_model_get_loading    (XbItemListModel *self);
/* Drops every cached page and counts again, e.g. after the store changed. */
void             xb_item_list_model_reload         (XbItemListModel *self);
/* Reads the rows again after the store changed underneath (the sync engine
 * pulled or pushed), changing only the rows that differ: the selection and
 * the scroll position stay where they were when the rows allow. */
void             xb_item_list_model_update         (XbItemListModel *self);

G_END_DECLS
