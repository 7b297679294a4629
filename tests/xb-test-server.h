/* Test support: the real xinbao-server in a temporary data directory on a free loopback port. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  GSubprocess *process;
  char    *log_path;  /* the server's stdout and stderr */
  char    *data_dir;  /* owned; removed by xb_test_server_free unless keep_data */
  char    *url;       /* "http://127.0.0.1:PORT" or "https://…", no trailing slash */
  char    *cert_path; /* PEM of the server's certificate when TLS is on */
  guint    port;
  gboolean tls;
  gboolean keep_data;
  guint    demo_items;
} XbTestServer;

typedef struct {
  gboolean    demo;       /* --demo: the demo city, accounts with password "xinbao" */
  gboolean    tls;        /* generate a self-signed certificate and serve HTTPS */
  const char *data_dir;   /* reuse this directory (e.g. after a kill); NULL for a new one */
  guint       port;       /* 0 for a free one */
  guint       demo_items; /* with demo: about this many items (0: a realistic year) */
} XbTestServerOptions;

/* Starts the server ($XINBAO_SERVER) and waits until it listens.  Aborts the
 * test on failure. */
XbTestServer *xb_test_server_start   (const XbTestServerOptions *options);
/* SIGTERM and wait; returns the exit status as waitpid gives it. */
int           xb_test_server_stop    (XbTestServer *server);
/* SIGKILL and wait, as a crash would. */
void          xb_test_server_kill    (XbTestServer *server);
/* Starts it again on the same data directory and port. */
void          xb_test_server_restart (XbTestServer *server);
void          xb_test_server_free    (XbTestServer *server);

/* Removes a directory tree made by a test. */
void          xb_test_rm_rf          (const char *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbTestServer, xb_test_server_free)

G_END_DECLS
