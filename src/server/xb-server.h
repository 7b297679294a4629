/* The city office's HTTP API (docs/PROTOCOL.md) on SoupServer and the core store. */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "xb-store.h"

G_BEGIN_DECLS

#define XB_TYPE_SERVER (xb_server_get_type ())
G_DECLARE_FINAL_TYPE (XbServer, xb_server, XB, SERVER, GObject)

/* Serves @store; attachments live under @data_dir/attachments. */
XbServer *xb_server_new            (XbStore    *store,
                                    const char *data_dir);
/* Serve HTTPS with this certificate and key (PEM files); call before listen. */
gboolean  xb_server_set_tls_files  (XbServer   *self,
                                    const char *cert_file,
                                    const char *key_file,
                                    GError    **error);
/* Listens on "HOST:PORT" (port 0 picks a free one). */
gboolean  xb_server_listen         (XbServer   *self,
                                    const char *address,
                                    GError    **error);
/* The URLs it listens on, "http://127.0.0.1:8480/" (free with g_free). */
GStrv     xb_server_get_urls       (XbServer   *self);
/* The SoupServer answering the routes (transfer none); for feeding it
 * connections by hand, e.g. soup_server_accept_iostream() in the fuzz target. */
SoupServer *xb_server_get_soup_server (XbServer *self);

/* Graceful stop: stops accepting connections, answers requests that arrive
 * meanwhile with 503, lets the requests in flight (and their database work)
 * finish, then closes every connection. */
void      xb_server_shutdown_async  (XbServer            *self,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean  xb_server_shutdown_finish (XbServer      *self,
                                     GAsyncResult  *result,
                                     GError       **error);

G_END_DECLS
