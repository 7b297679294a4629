/* The Administration page: units of the city (list, create, retired ones dimmed); admins only. */
#pragma once

#include <gtk/gtk.h>

#include "xb-store.h"
#include "xb-sync-client.h"
#include "xb-sync-engine.h"

G_BEGIN_DECLS

#define XB_TYPE_ADMIN_PAGE (xb_admin_page_get_type ())
G_DECLARE_FINAL_TYPE (XbAdminPage, xb_admin_page, XB, ADMIN_PAGE, GtkWidget)

GtkWidget *xb_admin_page_new        (void);
void       xb_admin_page_set_store  (XbAdminPage  *self,
                                     XbStore      *store);
/* NULL when offline: changes are then refused with a clear message. */
void       xb_admin_page_set_client (XbAdminPage  *self,
                                     XbSyncClient *client);
/* Kicked after each change so the store gets it through the feed. */
void       xb_admin_page_set_engine (XbAdminPage  *self,
                                     XbSyncEngine *engine);

G_END_DECLS
