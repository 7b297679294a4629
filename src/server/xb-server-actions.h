/* Workflow actions: POST /api/v1/items/{uuid}/actions through the one state machine. */
#pragma once

#include "xb-server-private.h"

G_BEGIN_DECLS

void xb_server_actions_post (XbRequest *req);

G_END_DECLS
