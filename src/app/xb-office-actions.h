/* The information section's and the signers' buttons on an item: claim, release, edit, propose, sign, decline, and the later outcomes. */
#pragma once

#include <gtk/gtk.h>

#include "xb-store.h"
#include "xb-sync-engine.h"

G_BEGIN_DECLS

#define XB_TYPE_OFFICE_ACTIONS (xb_office_actions_get_type ())
G_DECLARE_FINAL_TYPE (XbOfficeActions, xb_office_actions, XB, OFFICE_ACTIONS, GtkBox)

GtkWidget *xb_office_actions_new        (void);
/* The actions (1 << XbAction) these buttons offer. */
guint32    xb_office_actions_offered    (void);
/* What the state machine allows the store's signed-in user on @item now
 * (1 << XbAction); nothing without an engine, for nothing can be sent. */
guint32    xb_office_actions_allowed    (XbStore         *store,
                                         XbSyncEngine    *engine,
                                         const XbItem    *item);
/* Shows the buttons of @allowed for @item, and a marker when one of its
 * instructions' follow-up is overdue; acting goes through @engine.
 * Signals: "acted" (the XbAction) once an action is queued, "failed" (a
 * message in plain words). */
void       xb_office_actions_show       (XbOfficeActions *self,
                                         XbStore         *store,
                                         XbSyncEngine    *engine,
                                         const XbItem    *item,
                                         guint32          allowed);
/* The button for @action; the outcomes (forward, adoptions by the province
 * and the State Council office, instructions and their follow-up) share
 * one "Outcomes…" button. */
GtkButton *xb_office_actions_get_button (XbOfficeActions *self,
                                         XbAction         action);
/* TRUE when the overdue marker is on show. */
gboolean   xb_office_actions_get_overdue (XbOfficeActions *self);
gboolean   xb_office_actions_decline    (XbOfficeActions *self,
                                         const char      *reason,
                                         GError         **error);

G_END_DECLS
