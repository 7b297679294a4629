/* Routes that manage the office's periodicals under /api/v1/admin/publications (role admin). */
#pragma once

#include "xb-server-private.h"

G_BEGIN_DECLS

/* PATCH /api/v1/admin/publications/{id}: {"name", "code", "retired"}, each optional. */
void xb_server_publications_update (XbRequest *req);

G_END_DECLS
