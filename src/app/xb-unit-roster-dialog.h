/* The information officer's view of their unit's roster: who holds each post, their proposed changes and the office's decisions, and a form to propose one. */
#pragma once

#include <adwaita.h>

#include "xb-store.h"
#include "xb-sync-client.h"
#include "xb-sync-engine.h"

G_BEGIN_DECLS

#define XB_TYPE_UNIT_ROSTER_DIALOG (xb_unit_roster_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XbUnitRosterDialog, xb_unit_roster_dialog, XB, UNIT_ROSTER_DIALOG, AdwWindow)

/* A dialog over @parent for the store's signed-in officer.  The roster
 * comes from @store; the proposals go to and come from the server through
 * @client (NULL offline: proposing then says it needs a connection and
 * keeps what was typed).  It reads everything again after each sync of
 * @engine (may be NULL). */
XbUnitRosterDialog *xb_unit_roster_dialog_new    (GtkWindow          *parent,
                                                  XbStore            *store,
                                                  XbSyncClient       *client,
                                                  XbSyncEngine       *engine);
void                xb_unit_roster_dialog_reload (XbUnitRosterDialog *self);

G_END_DECLS
