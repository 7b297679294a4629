/* The administrator's editor of one unit (or a new one): name, kind, parent county, monthly quota override, retire and restore. */
#pragma once

#include <adwaita.h>

#include "xb-store.h"
#include "xb-sync-client.h"

G_BEGIN_DECLS

#define XB_TYPE_UNIT_DIALOG (xb_unit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XbUnitDialog, xb_unit_dialog, XB, UNIT_DIALOG, AdwWindow)

/* A modal dialog over @parent's window editing @unit, or creating a unit
 * when @unit is NULL.  Parents and the quota's default come from @store;
 * changes go to the server through @client (NULL offline: refused with a
 * message).  A blank or taken name, a bad quota and the server's refusal
 * show inside the dialog and keep what was typed.  Signal "saved" (const
 * char *what: what happened, in words for a toast; const XbUnit *unit: the
 * server's answer, or NULL when unreadable) once the server took the
 * change; the dialog then closes. */
XbUnitDialog *xb_unit_dialog_new (GtkWidget    *parent,
                                  XbStore      *store,
                                  XbSyncClient *client,
                                  const XbUnit *unit);

G_END_DECLS
