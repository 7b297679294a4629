/* The Administration page's section for policy: quotas, sign-off chains, urgent deadlines, scoring, roster deadline, edited together and saved effective from a day; history of edits. */
#pragma once

#include "xb-admin-section.h"

G_BEGIN_DECLS

#define XB_TYPE_ADMIN_POLICY (xb_admin_policy_get_type ())
G_DECLARE_FINAL_TYPE (XbAdminPolicy, xb_admin_policy, XB, ADMIN_POLICY, XbAdminSection)

/* Properties "store" (XbStore*), "client" (XbSyncClient*, NULL offline:
 * saving is then refused with a message) and "engine" (XbSyncEngine*,
 * kicked after a change; the view reloads when it reports changes). */
GtkWidget *xb_admin_policy_new (void);

G_END_DECLS
