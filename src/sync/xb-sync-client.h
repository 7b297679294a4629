/* The client side of the protocol: a session with the city office server. */
#pragma once

#include <gio/gio.h>

#include "xb-item.h"

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

/* Signing in: POST /session.  On success the client keeps the token and the
 * result is the signed-in user (free with xb_user_free).  Errors use XB_ERROR:
 * UNAUTHORIZED (wrong username or password), RATE_LIMITED, OFFLINE,
 * CERTIFICATE, FAILED. */
void          xb_sync_client_sign_in_async  (XbSyncClient        *self,
                                             const char          *username,
                                             const char          *password,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
XbUser       *xb_sync_client_sign_in_finish (XbSyncClient  *self,
                                             GAsyncResult  *result,
                                             GError       **error);
const char   *xb_sync_client_get_token      (XbSyncClient *self);
/* The account of the last successful sign-in, or NULL (e.g. when only a
 * stored token was set). */
const XbUser *xb_sync_client_get_user       (XbSyncClient *self);
void          xb_sync_client_set_token      (XbSyncClient *self,
                                             const char   *token);

/* Trust exactly this certificate (PEM text or a file path) instead of the
 * system CAs; NULL or "" goes back to the system CAs. */
gboolean      xb_sync_client_set_pinned_certificate (XbSyncClient *self,
                                                     const char   *pem_or_path,
                                                     GError      **error);

/* One authenticated request: @body (may be NULL) is sent as JSON.  The
 * result holds the HTTP status, the body and any Retry-After (seconds, or
 * -1); transport failures are errors (OFFLINE, CERTIFICATE). */
typedef struct {
  guint   status;
  GBytes *body;
  int     retry_after;
} XbResponse;

void          xb_response_free              (XbResponse *response);
/* The server's "message" from an error answer, or a plain "The server
 * answered 503 Service Unavailable." when it has none. */
char         *xb_response_dup_message       (const XbResponse *response);
void          xb_sync_client_request_async  (XbSyncClient        *self,
                                             const char          *method,
                                             const char          *path,
                                             const char          *body,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* PUT of raw bytes (an attachment); finish with xb_sync_client_request_finish(). */
void          xb_sync_client_upload_async   (XbSyncClient        *self,
                                             const char          *path,
                                             GBytes              *bytes,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
XbResponse   *xb_sync_client_request_finish (XbSyncClient  *self,
                                             GAsyncResult  *result,
                                             GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbResponse, xb_response_free)

G_END_DECLS
