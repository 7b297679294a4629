/* Server smoke test: the real xinbao-server on a free loopback port, reached through the sync client. */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sys/wait.h>

#include "xb-store.h"
#include "xb-sync-client.h"

typedef struct {
  GPid  pid;
  char *dir;
  char *url;
} Server;

static void
server_start (Server *s)
{
  const char *bin = g_getenv ("XINBAO_SERVER");
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) out = NULL;
  g_autofree char *line = NULL;
  int out_fd;
  const char *argv[] = { bin, "--data-dir", NULL, "--listen", "127.0.0.1:0", NULL };

  g_assert_nonnull (bin);
  s->dir = g_dir_make_tmp ("xb-server-XXXXXX", NULL);
  argv[2] = s->dir;
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &s->pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  out = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (out, TRUE);
  g_assert_cmpint (g_io_channel_read_line (out, &line, NULL, NULL, &error), ==, G_IO_STATUS_NORMAL);
  g_assert_true (g_str_has_prefix (line, "listening on http://127.0.0.1:"));
  s->url = g_strstrip (g_strdup (line + strlen ("listening on ")));
  if (g_str_has_suffix (s->url, "/"))
    s->url[strlen (s->url) - 1] = '\0';
}

static int
server_stop (Server *s)
{
  int status = 0;
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", s->dir);

  kill (s->pid, SIGTERM);
  g_assert_cmpint (waitpid (s->pid, &status, 0), ==, s->pid);
  g_spawn_close_pid (s->pid);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (s->dir);
  g_free (s->url);
  return status;
}

static void
on_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_health (void)
{
  Server s = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(XbSyncClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  int status;

  server_start (&s);
  client = xb_sync_client_new (s.url, &error);
  g_assert_no_error (error);
  xb_sync_client_health_async (client, NULL, on_result, &result);
  g_assert_cmpint (xb_sync_client_health_finish (client, wait_for (&result), &error),
                   ==, xb_store_latest_version ());
  g_assert_no_error (error);
  status = server_stop (&s);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
test_unknown_route (void)
{
  Server s = { 0 };
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  server_start (&s);
  url = g_strconcat (s.url, "/api/v1/no-such-thing", NULL);
  msg = soup_message_new ("GET", url);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 404);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "\"error\""));
  server_stop (&s);
}

static void
test_bad_client_address (void)
{
  const char *bad[] = { "", "ftp://x", "http://", "not a url" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(XbSyncClient) client = xb_sync_client_new (bad[i], &error);
      g_assert_null (client);
      g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/server/health", test_health);
  g_test_add_func ("/server/unknown-route", test_unknown_route);
  g_test_add_func ("/server/bad-client-address", test_bad_client_address);
  return g_test_run ();
}
