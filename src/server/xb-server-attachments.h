/* Attachments: PUT and GET /api/v1/attachments/{sha256}, stored content-addressed. */
#pragma once

#include "xb-server-private.h"

G_BEGIN_DECLS

void       xb_server_attachments_put   (XbRequest *req);
void       xb_server_attachments_get   (XbRequest *req);

/* The "attachments" member of an item write, each one already uploaded:
 * XbAttachment*, or NULL after answering 400 or 422. */
GPtrArray *xb_server_attachments_parse (XbRequest *req,
                                        JsonArray *array);

G_END_DECLS
