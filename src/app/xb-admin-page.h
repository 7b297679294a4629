/* The Administration page's Units section: every unit (retired ones dimmed), search, an editor per unit, new units, CSV import, and the first run's next step; admins only. */
#pragma once

#include "xb-admin-section.h"

G_BEGIN_DECLS

#define XB_TYPE_ADMIN_PAGE (xb_admin_page_get_type ())
G_DECLARE_FINAL_TYPE (XbAdminPage, xb_admin_page, XB, ADMIN_PAGE, XbAdminSection)

/* Takes the store, the client (NULL offline: changes are refused with a
 * clear message) and the engine (kicked after each change) as the
 * section's "store", "client" and "engine" properties. */
GtkWidget *xb_admin_page_new (void);

G_END_DECLS
