/* Commissioned requests (约稿) through the API: create, list, answer marks. */
#pragma once

#include "xb-server-private.h"

G_BEGIN_DECLS

void xb_server_requests_create  (XbRequest *req);
void xb_server_requests_list    (XbRequest *req);
void xb_server_requests_answers (XbRequest *req);
/* The feed's data for a request change; NULL when it is gone. */
JsonNode *xb_server_request_node (XbStore *store, gint64 id);

G_END_DECLS
