/* The Administration page's section for people: every account with its unit and roles; create, edit, reset a password, disable and enable. */
#pragma once

#include "xb-admin-section.h"

G_BEGIN_DECLS

#define XB_TYPE_ADMIN_PEOPLE (xb_admin_people_get_type ())
G_DECLARE_FINAL_TYPE (XbAdminPeople, xb_admin_people, XB, ADMIN_PEOPLE, XbAdminSection)

/* Properties "store", "client" and "engine" as every XbAdminSection.  The
 * list comes from the server when online (GET /api/v1/admin/users), else
 * from the store; every change needs the server. */
GtkWidget *xb_admin_people_new (void);

G_END_DECLS
