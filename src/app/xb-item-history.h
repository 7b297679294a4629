/* An item's audit timeline: every event with who, when and the comment, and what each text change changed. */
#pragma once

#include <gtk/gtk.h>

#include "xb-store.h"

G_BEGIN_DECLS

#define XB_TYPE_ITEM_HISTORY (xb_item_history_get_type ())
G_DECLARE_FINAL_TYPE (XbItemHistory, xb_item_history, XB, ITEM_HISTORY, GtkWidget)

GtkWidget *xb_item_history_new       (void);
/* Where names of people and units are looked up; may be NULL. */
void       xb_item_history_set_store (XbItemHistory *self,
                                      XbStore       *store);
/* Shows @item's events, oldest first; NULL clears. Nothing is editable. */
void       xb_item_history_show      (XbItemHistory *self,
                                      const XbItem  *item);

guint      xb_item_history_get_n_rows (XbItemHistory *self);
/* Row @n's widget, or NULL past the end. */
GtkWidget *xb_item_history_get_row    (XbItemHistory *self,
                                       guint          n);
/* The body's diff runs (XbDiffRun*) of row @n, or NULL when that event
 * did not change the text. Owned by the widget. */
GPtrArray *xb_item_history_get_diff   (XbItemHistory *self,
                                       guint          n);

G_END_DECLS
