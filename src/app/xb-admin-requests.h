/* The Administration page's section for commissioned requests (约稿): list with each unit's answer, create. */
#pragma once

#include "xb-admin-section.h"

G_BEGIN_DECLS

#define XB_TYPE_ADMIN_REQUESTS (xb_admin_requests_get_type ())
G_DECLARE_FINAL_TYPE (XbAdminRequests, xb_admin_requests, XB, ADMIN_REQUESTS, XbAdminSection)

/* Properties "store" (XbStore*), "client" (XbSyncClient*, NULL offline:
 * creating is then refused with a message) and "engine" (XbSyncEngine*,
 * kicked after a change; the list reloads when it reports changes). */
GtkWidget *xb_admin_requests_new (void);

G_END_DECLS
