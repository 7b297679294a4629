/* The quarterly bulletin's routes: publish (freeze) one, read one. */
#pragma once

#include "xb-server-private.h"

G_BEGIN_DECLS

void      xb_server_bulletins_publish (XbRequest *req);
void      xb_server_bulletins_get     (XbRequest *req);
/* The bulletin as the feed and the routes show it. */
JsonNode *xb_bulletin_record_to_node  (const XbBulletinRecord *record);

G_END_DECLS
