/* Publication issues: the information section assembles, orders and publishes them. */
#pragma once

#include "xb-server-private.h"

G_BEGIN_DECLS

void      xb_server_issues_create      (XbRequest *req);
void      xb_server_issues_add_item    (XbRequest *req);
void      xb_server_issues_remove_item (XbRequest *req);
void      xb_server_issues_publish     (XbRequest *req);
void      xb_server_issues_get         (XbRequest *req);
/* The issue as the feed and the routes show it; NULL if there is none. */
JsonNode *xb_issue_to_node             (XbStore *store, gint64 issue_id);

G_END_DECLS
