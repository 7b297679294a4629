/* Server smoke test: the real xinbao-server on a free loopback port, reached through the sync client. */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sys/wait.h>

#include "xb-store.h"
#include "xb-sync-client.h"
#include "xb-test-server.h"

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
  g_autoptr(XbTestServer) s = xb_test_server_start (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(XbSyncClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  int status;

  client = xb_sync_client_new (s->url, &error);
  g_assert_no_error (error);
  xb_sync_client_health_async (client, NULL, on_result, &result);
  g_assert_cmpint (xb_sync_client_health_finish (client, wait_for (&result), &error),
                   ==, xb_store_latest_version ());
  g_assert_no_error (error);
  status = xb_test_server_stop (s);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
test_unknown_route (void)
{
  g_autoptr(XbTestServer) s = xb_test_server_start (NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  url = g_strconcat (s->url, "/api/v1/no-such-thing", NULL);
  msg = soup_message_new ("GET", url);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 404);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "\"error\""));
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
