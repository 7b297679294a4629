/* The change feed: GET /api/v1/changes, scoped to what the caller may see. */
#pragma once

#include "xb-server-private.h"

G_BEGIN_DECLS

#define XB_FEED_DEFAULT_LIMIT 200
#define XB_FEED_MAX_LIMIT     1000

void xb_server_feed_changes (XbRequest *req);

G_END_DECLS
