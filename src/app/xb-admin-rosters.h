/* The Administration page's section for rosters: a unit's history, changing a post's holder, who held each post on a date, units missing a roster. */
#pragma once

#include "xb-admin-section.h"

G_BEGIN_DECLS

#define XB_TYPE_ADMIN_ROSTERS (xb_admin_rosters_get_type ())
G_DECLARE_FINAL_TYPE (XbAdminRosters, xb_admin_rosters, XB, ADMIN_ROSTERS, XbAdminSection)

/* Properties "store" (XbStore*), "client" (XbSyncClient*, NULL offline:
 * changes are then refused with a message) and "engine" (XbSyncEngine*,
 * kicked after a change; the view reloads when it reports changes). */
GtkWidget *xb_admin_rosters_new (void);

G_END_DECLS
