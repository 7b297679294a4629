/* Roster proposals through the API: officers propose their unit's entry, the office approves or rejects it. */
#pragma once

#include "xb-server-private.h"

G_BEGIN_DECLS

void xb_server_proposals_create  (XbRequest *req);
void xb_server_proposals_mine    (XbRequest *req);
void xb_server_proposals_pending (XbRequest *req);
void xb_server_proposals_approve (XbRequest *req);
void xb_server_proposals_reject  (XbRequest *req);

G_END_DECLS
