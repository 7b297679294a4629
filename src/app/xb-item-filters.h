/* The filter bar over the item list: which of the unit's items, type, category, month, and a unit with its period. */
#pragma once

#include <gtk/gtk.h>

#include "xb-item-list-model.h"
#include "xb-store.h"

G_BEGIN_DECLS

/* The views a reporting unit works from; XB_ITEM_VIEW_ALL for everyone. */
typedef enum {
  XB_ITEM_VIEW_ALL,
  XB_ITEM_VIEW_DRAFTS,
  XB_ITEM_VIEW_UNIT_REVIEW,
  XB_ITEM_VIEW_SENT,
  XB_ITEM_VIEW_RETURNED,
  XB_ITEM_VIEW_ADOPTED,
  XB_N_ITEM_VIEWS
} XbItemView;

#define XB_TYPE_ITEM_FILTERS (xb_item_filters_get_type ())
G_DECLARE_FINAL_TYPE (XbItemFilters, xb_item_filters, XB, ITEM_FILTERS, GtkWidget)

GtkWidget *xb_item_filters_new             (void);
/* Reads the categories (reporting priorities, old ones too) from @store. */
void       xb_item_filters_set_store       (XbItemFilters *self,
                                            XbStore       *store);
/* Fills @filter (initialised by the caller) from the bar. */
void       xb_item_filters_get_filter      (XbItemFilters *self,
                                            XbItemFilter  *filter);
/* Always these states (1 << XbState), without the view dropdown: a queue
 * such as the office's inbox.  0 gives the views back. */
void       xb_item_filters_set_fixed_states (XbItemFilters *self,
                                             guint32        states);
void       xb_item_filters_set_view        (XbItemFilters *self,
                                            XbItemView     view);
XbItemView xb_item_filters_get_view        (XbItemFilters *self);
void       xb_item_filters_set_type        (XbItemFilters *self,
                                            int            type);
void       xb_item_filters_set_category    (XbItemFilters *self,
                                            const char    *category);
/* @months_back: 0 for all months, 1 for this month, 2 for last month, … */
void       xb_item_filters_set_month       (XbItemFilters *self,
                                            guint          months_back);
/* Shows only @unit_id's items submitted in [from, to), with a chip saying
 * "@unit_name · @period_label" that removes itself when clicked. */
void       xb_item_filters_set_unit_period (XbItemFilters *self,
                                            gint64         unit_id,
                                            const char    *unit_name,
                                            gint64         from,
                                            gint64         to,
                                            const char    *period_label);
/* Back to everything. */
void       xb_item_filters_clear           (XbItemFilters *self);
char      *xb_item_filters_describe        (XbItemFilters *self);
/* The states a view shows (0 for all). */
guint32    xb_item_view_states             (XbItemView     view);

G_END_DECLS
