/* Test support: a TCP proxy on a free loopback port that can delay, cut and refuse connections. */
#define _GNU_SOURCE
#include "xb-test-proxy.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

struct _XbTestProxy {
  int       listen_fd;
  int       wake[2];        /* written to stop the accept thread */
  guint     port;
  guint     upstream_port;
  char     *url;
  GThread  *acceptor;
  GMutex    lock;
  XbProxyMode mode;
  guint     delay_ms;
  guint     cut_bytes;
  guint     generation;     /* bumped by set_mode */
  gint      connections;    /* atomic */
  gint      faults;         /* atomic */
  gint      open;           /* atomic: connection threads still running */
  gint      stopping;       /* atomic */
};

typedef struct {
  XbTestProxy *proxy;
  int          client_fd;
  XbProxyMode  mode;
  guint        delay_ms;
  guint        cut_bytes;
} Connection;

static int
connect_upstream (guint port)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons (port) };
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (fd >= 0 && connect (fd, (struct sockaddr *) &addr, sizeof addr) == 0)
    return fd;
  if (fd >= 0)
    close (fd);
  return -1;
}

/* Closes with a reset rather than an orderly end, as a dropped link looks. */
static void
reset_close (int fd)
{
  struct linger lg = { .l_onoff = 1, .l_linger = 0 };

  setsockopt (fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  close (fd);
}

static gboolean
write_all (int fd, const char *buf, gsize len)
{
  while (len > 0)
    {
      ssize_t n = send (fd, buf, len, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      buf += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static gboolean
healed (Connection *c)
{
  gboolean pass;

  g_mutex_lock (&c->proxy->lock);
  pass = c->proxy->mode == XB_PROXY_PASS || c->proxy->stopping;
  g_mutex_unlock (&c->proxy->lock);
  return pass;
}

/* Forwards both ways until either side closes or the fault strikes. */
static void
pump (Connection *c, int server_fd)
{
  guint64 sent[2] = { 0, 0 }; /* [0] towards the server, [1] back to the client */
  struct pollfd fds[2] = { { c->client_fd, POLLIN, 0 }, { server_fd, POLLIN, 0 } };
  char buf[4096];

  for (;;)
    {
      int r = poll (fds, 2, 200);
      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0 || g_atomic_int_get (&c->proxy->stopping))
        return;
      for (int i = 0; i < 2; i++)
        {
          ssize_t n;
          gsize len;
          gboolean cut = FALSE;
          XbProxyMode cut_mode = i == 0 ? XB_PROXY_CUT_REQUEST : XB_PROXY_CUT_RESPONSE;

          if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
          n = recv (fds[i].fd, buf, sizeof buf, 0);
          if (n <= 0)
            return;
          if (i == 0 && sent[1] > 0 && c->mode == XB_PROXY_DROP_REUSED && !healed (c))
            {
              g_atomic_int_inc (&c->proxy->faults);
              return;
            }
          len = (gsize) n;
          if (c->mode == cut_mode && !healed (c) && sent[i] + len >= c->cut_bytes)
            {
              len = c->cut_bytes > sent[i] ? c->cut_bytes - sent[i] : 0;
              cut = TRUE;
            }
          if (c->mode == XB_PROXY_DELAY && !healed (c))
            g_usleep (c->delay_ms * 1000);
          if (!write_all (fds[1 - i].fd, buf, len))
            return;
          sent[i] += len;
          if (cut)
            {
              g_atomic_int_inc (&c->proxy->faults);
              return;
            }
        }
    }
}

static gpointer
connection_thread (gpointer data)
{
  Connection *c = data;
  int server_fd = -1;

  if (c->mode == XB_PROXY_REFUSE)
    g_atomic_int_inc (&c->proxy->faults);
  else if ((server_fd = connect_upstream (c->proxy->upstream_port)) >= 0)
    pump (c, server_fd);
  reset_close (c->client_fd);
  if (server_fd >= 0)
    reset_close (server_fd);
  g_atomic_int_dec_and_test (&c->proxy->open);
  g_free (c);
  return NULL;
}

static void
start_connection (XbTestProxy *proxy, int fd)
{
  Connection *c = g_new0 (Connection, 1);

  c->proxy = proxy;
  c->client_fd = fd;
  g_mutex_lock (&proxy->lock);
  c->mode = proxy->mode;
  if (c->mode == XB_PROXY_RANDOM)
    c->mode = g_random_int_range (XB_PROXY_PASS, XB_PROXY_RANDOM);
  c->delay_ms = proxy->delay_ms ? proxy->delay_ms : (guint) g_random_int_range (1, 300);
  c->cut_bytes = proxy->cut_bytes ? proxy->cut_bytes : (guint) g_random_int_range (1, 400);
  g_mutex_unlock (&proxy->lock);
  g_atomic_int_inc (&proxy->connections);
  g_atomic_int_inc (&proxy->open);
  g_thread_unref (g_thread_new ("xb-proxy-conn", connection_thread, c));
}

static gpointer
accept_thread (gpointer data)
{
  XbTestProxy *proxy = data;
  struct pollfd fds[2] = { { proxy->listen_fd, POLLIN, 0 }, { proxy->wake[0], POLLIN, 0 } };

  for (;;)
    {
      int fd;

      if (poll (fds, 2, -1) < 0)
        {
          if (errno == EINTR)
            continue;
          break;
        }
      if (fds[1].revents)
        break;
      fd = accept4 (proxy->listen_fd, NULL, NULL, SOCK_CLOEXEC);
      if (fd >= 0)
        start_connection (proxy, fd);
    }
  return NULL;
}

XbTestProxy *
xb_test_proxy_new (guint upstream_port)
{
  XbTestProxy *proxy = g_new0 (XbTestProxy, 1);
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = 0 };
  socklen_t len = sizeof addr;

  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  proxy->upstream_port = upstream_port;
  g_mutex_init (&proxy->lock);
  proxy->listen_fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (proxy->listen_fd, >=, 0);
  g_assert_cmpint (bind (proxy->listen_fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (listen (proxy->listen_fd, 64), ==, 0);
  g_assert_cmpint (getsockname (proxy->listen_fd, (struct sockaddr *) &addr, &len), ==, 0);
  g_assert_cmpint (pipe (proxy->wake), ==, 0);
  proxy->port = ntohs (addr.sin_port);
  proxy->url = g_strdup_printf ("http://127.0.0.1:%u", proxy->port);
  proxy->acceptor = g_thread_new ("xb-proxy-accept", accept_thread, proxy);
  return proxy;
}

const char *
xb_test_proxy_get_url (XbTestProxy *proxy)
{
  return proxy->url;
}

void
xb_test_proxy_set_mode (XbTestProxy *proxy, XbProxyMode mode, guint delay_ms, guint cut_bytes)
{
  g_mutex_lock (&proxy->lock);
  proxy->mode = mode;
  proxy->delay_ms = delay_ms;
  proxy->cut_bytes = cut_bytes;
  proxy->generation++;
  g_mutex_unlock (&proxy->lock);
}

guint
xb_test_proxy_get_connections (XbTestProxy *proxy)
{
  return (guint) g_atomic_int_get (&proxy->connections);
}

guint
xb_test_proxy_get_faults (XbTestProxy *proxy)
{
  return (guint) g_atomic_int_get (&proxy->faults);
}

void
xb_test_proxy_free (XbTestProxy *proxy)
{
  if (proxy == NULL)
    return;
  g_mutex_lock (&proxy->lock);
  g_atomic_int_set (&proxy->stopping, TRUE);
  g_mutex_unlock (&proxy->lock);
  g_assert_cmpint (write (proxy->wake[1], "x", 1), ==, 1);
  g_thread_join (proxy->acceptor);
  /* Connection threads notice stopping within one poll period. */
  while (g_atomic_int_get (&proxy->open) > 0)
    g_usleep (10 * 1000);
  close (proxy->listen_fd);
  close (proxy->wake[0]);
  close (proxy->wake[1]);
  g_mutex_clear (&proxy->lock);
  g_free (proxy->url);
  g_free (proxy);
}
