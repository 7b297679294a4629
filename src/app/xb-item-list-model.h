/* A lazy GListModel of information items: counts in SQL, fetches rows a page at a time. */
#pragma once

#include <gio/gio.h>

#include "xb-store.h"

G_BEGIN_DECLS

/* What the list narrows to, besides the search. */
typedef struct {
  guint32  states;    /* 1 << XbState for each state shown; 0 for all */
  int      type;      /* an XbItemType, or -1 for all */
  char    *category;  /* a reporting priority, or NULL for all */
  gint64   unit_id;   /* 0 for all units */
  gint64   from;      /* submitted in [from, to); 0 for no bound */
  gint64   to;
} XbItemFilter;

void     xb_item_filter_init     (XbItemFilter       *filter);
void     xb_item_filter_clear    (XbItemFilter       *filter);
void     xb_item_filter_copy     (XbItemFilter       *to,
                                  const XbItemFilter *from);
gboolean xb_item_filter_equal    (const XbItemFilter *a,
                                  const XbItemFilter *b);
gboolean xb_item_filter_is_empty (const XbItemFilter *filter);

#define XB_TYPE_ITEM_LIST_MODEL (xb_item_list_model_get_type ())
G_DECLARE_FINAL_TYPE (XbItemListModel, xb_item_list_model, XB, ITEM_LIST_MODEL, GObject)

XbItemListModel *xb_item_list_model_new            (XbStore         *store);

XbStore         *xb_item_list_model_get_store      (XbItemListModel *self);
void             xb_item_list_model_set_store      (XbItemListModel *self,
                                                    XbStore         *store);
const char      *xb_item_list_model_get_search     (XbItemListModel *self);
void             xb_item_list_model_set_search     (XbItemListModel *self,
                                                    const char      *search);
const XbItemFilter *xb_item_list_model_get_filter (XbItemListModel    *self);
void             xb_item_list_model_set_filter     (XbItemListModel    *self,
                                                    const XbItemFilter *filter);
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
