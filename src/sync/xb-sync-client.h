/* The client side of the protocol: a session with the city office server. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define XB_TYPE_SYNC_CLIENT (xb_sync_client_get_type ())
G_DECLARE_FINAL_TYPE (XbSyncClient, xb_sync_client, XB, SYNC_CLIENT, GObject)

/* @base_url is the server's address, "http://127.0.0.1:8480"; it must be
 * http or https with a host. */
XbSyncClient *xb_sync_client_new            (const char *base_url,
                                             GError    **error);
const char   *xb_sync_client_get_base_url   (XbSyncClient *self);

/* Asks the server whether it is up; the result is its schema version. */
void          xb_sync_client_health_async   (XbSyncClient        *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
int           xb_sync_client_health_finish  (XbSyncClient  *self,
                                             GAsyncResult  *result,
                                             GError       **error);

G_END_DECLS
