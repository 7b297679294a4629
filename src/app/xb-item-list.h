/* The item table: sortable columns over the lazy item model, single selection. */
#pragma once

#include <gtk/gtk.h>

#include "xb-item-filters.h"
#include "xb-item-object.h"
#include "xb-quota-card.h"
#include "xb-store.h"

G_BEGIN_DECLS

#define XB_TYPE_ITEM_LIST (xb_item_list_get_type ())
G_DECLARE_FINAL_TYPE (XbItemList, xb_item_list, XB, ITEM_LIST, GtkWidget)

GtkWidget    *xb_item_list_new             (void);
void          xb_item_list_set_store       (XbItemList *self,
                                            XbStore    *store);
void          xb_item_list_set_search      (XbItemList *self,
                                            const char *search);
/* Hides the secondary columns on narrow windows. */
/* On a new server (only the office, signed in as an administrator) the
 * empty list says how to set up and opens the Administration page. */
void          xb_item_list_set_first_run   (XbItemList *self,
                                            gboolean    first_run);
void          xb_item_list_set_compact     (XbItemList *self,
                                            gboolean    compact);
guint         xb_item_list_get_n_items     (XbItemList *self);
gboolean      xb_item_list_get_loading     (XbItemList *self);
/* The rows as the view shows them: a GtkSingleSelection of XbItemObject. */
GtkSelectionModel *xb_item_list_get_model  (XbItemList *self);
GtkColumnView *xb_item_list_get_column_view (XbItemList *self);
XbItemObject *xb_item_list_get_selected    (XbItemList *self);
void          xb_item_list_select          (XbItemList *self,
                                            guint       position);
void          xb_item_list_reload          (XbItemList *self);
/* This month's quota, shown to the users of a reporting unit. */
XbQuotaCard  *xb_item_list_get_quota_card  (XbItemList *self);
/* The filter bar above the rows. */
XbItemFilters *xb_item_list_get_filters    (XbItemList *self);
/* Only @unit_id's items submitted in [from, to), e.g. from a dashboard
 * bar; a chip names the unit and @period_label and removes the filter. */
void          xb_item_list_show_unit_period (XbItemList *self,
                                            gint64      unit_id,
                                            gint64      from,
                                            gint64      to,
                                            const char *period_label);
/* Shows what changed in the store, keeping the selection and scroll position. */
void          xb_item_list_update          (XbItemList *self);

G_END_DECLS
