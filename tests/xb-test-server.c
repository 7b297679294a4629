/* Test support: runs the real xinbao-server on loopback, reading its port from the log it writes. */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "xb-test-server.h"

void
xb_test_rm_rf (const char *path)
{
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *cmd = g_strdup_printf ("rm -rf %s", quoted);

  if (system (cmd) != 0)
    g_warning ("could not remove %s", path);
}

static void
make_certificate (XbTestServer *server)
{
  g_autofree char *key = g_build_filename (server->data_dir, "key.pem", NULL);
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = {
    "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
    "-keyout", key, "-out", NULL, NULL,
  };

  server->cert_path = g_build_filename (server->data_dir, "cert.pem", NULL);
  argv[15] = server->cert_path;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                               | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
}

/* The server prints "listening on URL" once it accepts connections. */
static char *
wait_for_url (XbTestServer *server)
{
  for (int i = 0; i < 1200; i++)
    {
      g_autofree char *log = NULL;
      const char *line;

      if (g_file_get_contents (server->log_path, &log, NULL, NULL)
          && (line = strstr (log, "listening on ")) != NULL)
        {
          const char *end = strchr (line, '\n');
          if (end != NULL)
            return g_strndup (line + strlen ("listening on "), end - line - strlen ("listening on "));
        }
      if (g_subprocess_get_identifier (server->process) == NULL) /* it exited */
        break;
      g_usleep (50 * 1000);
    }
  {
    g_autofree char *log = NULL;
    g_file_get_contents (server->log_path, &log, NULL, NULL);
    g_error ("xinbao-server did not start:\n%s", log ? log : "(no log)");
  }
  return NULL;
}

static void
spawn (XbTestServer *server, gboolean demo)
{
  const char *bin = g_getenv ("XINBAO_SERVER");
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, g_strdup (bin));
  g_ptr_array_add (argv, g_strdup ("--data-dir"));
  g_ptr_array_add (argv, g_strdup (server->data_dir));
  g_ptr_array_add (argv, g_strdup ("--listen"));
  g_ptr_array_add (argv, g_strdup_printf ("127.0.0.1:%u", server->port));
  if (demo)
    g_ptr_array_add (argv, g_strdup ("--demo"));
  if (demo && server->demo_items > 0)
    g_ptr_array_add (argv, g_strdup_printf ("--demo-items=%u", server->demo_items));
  if (server->tls)
    {
      g_ptr_array_add (argv, g_strdup ("--tls-cert"));
      g_ptr_array_add (argv, g_strdup (server->cert_path));
      g_ptr_array_add (argv, g_strdup ("--tls-key"));
      g_ptr_array_add (argv, g_build_filename (server->data_dir, "key.pem", NULL));
    }
  g_ptr_array_add (argv, NULL);

  g_remove (server->log_path);
  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_stdout_file_path (launcher, server->log_path);
  g_clear_object (&server->process);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);

  url = wait_for_url (server);
  if (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';
  g_free (server->url);
  server->url = g_steal_pointer (&url);
  if (server->port == 0)
    {
      const char *colon = strrchr (server->url, ':');
      server->port = (guint) atoi (colon + 1);
    }
}

XbTestServer *
xb_test_server_start (const XbTestServerOptions *options)
{
  XbTestServer *server = g_new0 (XbTestServer, 1);
  XbTestServerOptions defaults = { 0 };

  if (options == NULL)
    options = &defaults;
  server->tls = options->tls;
  server->port = options->port;
  server->demo_items = options->demo_items;
  if (options->data_dir != NULL)
    {
      server->data_dir = g_strdup (options->data_dir);
      server->keep_data = TRUE;
      g_mkdir_with_parents (server->data_dir, 0700);
    }
  else
    server->data_dir = g_dir_make_tmp ("xb-server-XXXXXX", NULL);
  server->log_path = g_build_filename (server->data_dir, "server.log", NULL);
  if (server->tls)
    make_certificate (server);
  spawn (server, options->demo);
  return server;
}

int
xb_test_server_stop (XbTestServer *server)
{
  g_autoptr(GError) error = NULL;

  if (server->process == NULL)
    return -1;
  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  return g_subprocess_get_status (server->process);
}

void
xb_test_server_kill (XbTestServer *server)
{
  if (server->process == NULL)
    return;
  g_subprocess_force_exit (server->process);
  g_subprocess_wait (server->process, NULL, NULL);
}

void
xb_test_server_restart (XbTestServer *server)
{
  spawn (server, FALSE);
}

void
xb_test_server_free (XbTestServer *server)
{
  if (server == NULL)
    return;
  if (server->process != NULL && g_subprocess_get_identifier (server->process) != NULL)
    xb_test_server_kill (server);
  g_clear_object (&server->process);
  if (!server->keep_data)
    xb_test_rm_rf (server->data_dir);
  g_free (server->data_dir);
  g_free (server->url);
  g_free (server->cert_path);
  g_free (server->log_path);
  g_free (server);
}
