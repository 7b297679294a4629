/* Items: PUT and GET /api/v1/items/{uuid}, and the steps every item write shares. */
#pragma once

#include "xb-server-private.h"
#include "xb-workflow.h"

G_BEGIN_DECLS

void      xb_server_items_put    (XbRequest *req);
void      xb_server_items_get    (XbRequest *req);

/* The item @uuid for a write by the caller: 404 if there is none, 403 if
 * the caller may not see it. */
XbItem   *xb_server_items_load   (XbRequest  *req,
                                  const char *uuid);
/* Copies the members @fields (NULL-terminated) of @src onto @item and
 * decodes the result with the item codec, so every value passes the checks
 * a whole item passes; 422 otherwise. */
gboolean  xb_server_items_take   (XbRequest         *req,
                                  XbItem           **item,
                                  JsonObject        *src,
                                  const char *const *fields);
/* The state machine's verdict on @action by the caller: 403 or 409 (with
 * the stored copy) when it says no. */
gboolean  xb_server_items_check  (XbRequest    *req,
                                  const XbItem *item,
                                  XbAction      action,
                                  XbTransition *t);
/* Moves @item along @t and appends the event @event_id. */
void      xb_server_items_apply  (XbRequest          *req,
                                  XbItem             *item,
                                  const XbTransition *t,
                                  const char         *event_id,
                                  const char         *comment,
                                  gint64              now);
/* Writes @item (row and new events); answers the error otherwise. */
gboolean  xb_server_items_save   (XbRequest    *req,
                                  const XbItem *item);

G_END_DECLS
