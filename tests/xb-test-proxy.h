/* Test support: a TCP proxy on a free loopback port that can delay, cut and refuse connections, switched by the test. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  XB_PROXY_PASS,          /* forward everything */
  XB_PROXY_DELAY,         /* wait delay_ms before forwarding each chunk */
  XB_PROXY_CUT_REQUEST,   /* close both ends after cut_bytes sent towards the server */
  XB_PROXY_CUT_RESPONSE,  /* close both ends after cut_bytes sent back to the client */
  XB_PROXY_REFUSE,        /* accept and reset at once, before the server sees anything */
  XB_PROXY_RANDOM,        /* each new connection picks one of the above at random */
  XB_PROXY_DROP_REUSED,   /* once a connection carried an answer, swallow the next request
                           * and close, as a server whose keep-alive ends just then */
} XbProxyMode;

typedef struct _XbTestProxy XbTestProxy;

/* Listens on 127.0.0.1 (a free port) and forwards to 127.0.0.1:@upstream_port
 * from its own threads, so it works while the test's main loop waits. */
XbTestProxy *xb_test_proxy_new        (guint upstream_port);
/* "http://127.0.0.1:PORT" */
const char  *xb_test_proxy_get_url    (XbTestProxy *proxy);
/* Applies to connections accepted from now on; connections already open keep
 * their mode, except that PASS also heals them. */
void         xb_test_proxy_set_mode   (XbTestProxy *proxy,
                                       XbProxyMode  mode,
                                       guint        delay_ms,
                                       guint        cut_bytes);
/* Connections accepted, and connections that a fault cut or refused. */
guint        xb_test_proxy_get_connections (XbTestProxy *proxy);
guint        xb_test_proxy_get_faults      (XbTestProxy *proxy);
void         xb_test_proxy_free       (XbTestProxy *proxy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbTestProxy, xb_test_proxy_free)

G_END_DECLS
