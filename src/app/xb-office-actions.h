/* The information section's and the signers' buttons on an item: claim, release, propose, sign, decline, and the later outcomes. */
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
/* Shows the buttons of @allowed (as xb_workflow_allowed gives it) for the
 * item @uuid; acting goes through @engine. */
void       xb_office_actions_show       (XbOfficeActions *self,
                                         XbStore         *store,
                                         XbSyncEngine    *engine,
                                         const char      *uuid,
                                         guint32          allowed);
GtkButton *xb_office_actions_get_button (XbOfficeActions *self,
                                         XbAction         action);
/* What the propose dialog sends: the first publication unless one is chosen. */
gboolean   xb_office_actions_propose    (XbOfficeActions *self,
                                         gint64           publication_id,
                                         GError         **error);
gboolean   xb_office_actions_instruct   (XbOfficeActions *self,
                                         const char      *leader,
                                         XbLevel          level,
                                         const char      *text,
                                         GError         **error);
gboolean   xb_office_actions_decline    (XbOfficeActions *self,
                                         const char      *reason,
                                         GError         **error);

G_END_DECLS
