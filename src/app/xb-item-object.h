/* One information item as a list row: the columns of the item table as properties. */
#pragma once

#include <glib-object.h>

#include "xb-item.h"

G_BEGIN_DECLS

#define XB_TYPE_ITEM_OBJECT (xb_item_object_get_type ())
G_DECLARE_FINAL_TYPE (XbItemObject, xb_item_object, XB, ITEM_OBJECT, GObject)

/* Takes ownership of @item. @unit_name may be NULL when the unit is unknown. */
XbItemObject *xb_item_object_new                  (XbItem       *item,
                                                   const char   *unit_name);
const XbItem *xb_item_object_get_item             (XbItemObject *self);
const char   *xb_item_object_get_uuid             (XbItemObject *self);
const char   *xb_item_object_get_title            (XbItemObject *self);
const char   *xb_item_object_get_unit_name        (XbItemObject *self);
const char   *xb_item_object_get_state_label      (XbItemObject *self);
/* How many of the item's changes wait to be delivered; shown with the state. */
void          xb_item_object_set_queued           (XbItemObject *self,
                                                   guint         queued);
guint         xb_item_object_get_queued           (XbItemObject *self);
/* What the row says beside the state ("" for nothing): the comment a
 * returned item came back with, where and when an adopted one was adopted. */
const char   *xb_item_object_get_note             (XbItemObject *self);
void          xb_item_object_set_note             (XbItemObject *self,
                                                   const char   *note);
const char   *xb_item_object_get_importance_label (XbItemObject *self);
const char   *xb_item_object_get_submitted        (XbItemObject *self);
gboolean      xb_item_object_get_urgent           (XbItemObject *self);
/* Replaces the row's item (taking ownership of @item, which must have the
 * same uuid) and notifies the properties that changed, so a live update
 * re-renders the row without replacing it in the list. */
void          xb_item_object_update               (XbItemObject *self,
                                                   XbItem       *item,
                                                   const char   *unit_name);

/* A local date and time for display ("2026-03-14 09:30"); "—" for 0. */
char         *xb_format_local_time                (gint64        unix_seconds);

G_END_DECLS
