/* Administration routes under /api/v1/admin (role admin). */
#pragma once

#include "xb-server-private.h"

G_BEGIN_DECLS

void xb_server_admin_create_unit     (XbRequest *req);
void xb_server_admin_update_unit     (XbRequest *req);
void xb_server_admin_list_users      (XbRequest *req);
void xb_server_admin_create_user     (XbRequest *req);
void xb_server_admin_update_user     (XbRequest *req);
void xb_server_admin_add_roster      (XbRequest *req);
void xb_server_admin_roster_history  (XbRequest *req);
void xb_server_admin_change_roster   (XbRequest *req);
void xb_server_admin_missing_rosters (XbRequest *req);
void xb_server_admin_import          (XbRequest *req);
void xb_server_admin_policy_history  (XbRequest *req);
void xb_server_admin_set_policy      (XbRequest *req);
void xb_server_admin_set_priorities  (XbRequest *req);
void xb_server_admin_add_publication (XbRequest *req);

G_END_DECLS
