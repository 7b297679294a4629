/* UI test: one running Xinbao per session (a second start hands over to the first) and a damaged account store rebuilt from the server with its unsent work. */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>

#include "xb-store-rescue.h"
#include "xb-test-server.h"
#include "xb-test-ui.h"

#define USERNAME "officer"
#define DRAFT_TITLE "武都区油橄榄产业带动群众增收"

/* ---- a damaged store ------------------------------------------------------------ */

typedef struct {
  gboolean done;
  GError  *error;
} Wait;

static void
signed_in (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  xb_application_sign_in_finish (XB_APPLICATION (object), result, &wait->error);
  wait->done = TRUE;
}

static gboolean
wait_done (gpointer user_data)
{
  return ((Wait *) user_data)->done;
}

static guint
count_items (XbStore *store)
{
  XbItemQuery query;

  xb_item_query_init (&query);
  return xb_store_count_items (store, &query, NULL);
}

/* Child 1: sign in, sync, then write a draft that stays unsent. */
static void
phase_sign_in (void)
{
  const char *url = g_getenv ("XB_TEST_URL");
  g_autoptr(XbApplication) app = NULL;
  g_autoptr(XbItem) draft = xb_item_new ();
  g_autoptr(GError) error = NULL;
  XbSyncEngine *engine;
  Wait wait = { 0 };

  xb_test_ui_init ();
  app = xb_test_ui_new_application ();
  xb_application_sign_in_async (app, url, USERNAME, "xinbao", "", NULL, signed_in, &wait);
  xb_test_ui_wait_until (wait_done, &wait, "the sign-in");
  g_assert_no_error (wait.error);
  engine = xb_application_get_engine (app);
  g_assert_true (xb_sync_engine_wait_idle (engine, 60000));
  g_assert_cmpuint (count_items (xb_application_get_store (app)), >, 0);

  xb_sync_engine_stop (engine);
  draft->uuid = xb_uuid_new ();
  draft->revision = 0;
  draft->category = g_strdup ("");
  draft->title = g_strdup (DRAFT_TITLE);
  draft->body = g_strdup ("今年以来，全区油橄榄产业持续发展，带动农户增收。");
  xb_sync_engine_save_item (engine, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (xb_store_outbox_count (xb_application_get_store (app), NULL), >, 0);
}

static GtkWidget *rescue_dialog;

static gboolean
rescue_dialog_shown (gpointer user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      if (g_strcmp0 (gtk_widget_get_name (window), "rescue-dialog") == 0 && gtk_widget_get_visible (window))
        {
          rescue_dialog = window;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
engine_running (gpointer user_data)
{
  return xb_application_get_engine (XB_APPLICATION (user_data)) != NULL;
}

/* Child 2: start as a user would, on the damaged store. */
static void
phase_resume (void)
{
  g_autoptr(XbApplication) app = NULL;
  XbStore *store;
  XbItemQuery query;
  g_autoptr(GPtrArray) found = NULL;

  xb_test_ui_init ();
  app = xb_test_ui_new_application ();
  g_application_activate (G_APPLICATION (app));
  xb_test_ui_wait_until (engine_running, app, "the account to be resumed");
  xb_test_ui_wait_until (rescue_dialog_shown, NULL, "the damaged-database dialog");

  /* The unsent draft is sent, and everything else comes back from the server. */
  g_assert_true (xb_sync_engine_wait_idle (xb_application_get_engine (app), 60000));
  store = xb_application_get_store (app);
  g_assert_cmpuint (xb_store_outbox_count (store, NULL), ==, 0);
  g_assert_true (xb_store_integrity_check (store, NULL));
  xb_item_query_init (&query);
  query.search = DRAFT_TITLE;
  found = xb_store_list_items (store, &query, 0, 10, NULL);
  g_assert_nonnull (found);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((XbItem *) found->pdata[0])->revision, >=, 1);
  g_assert_cmpuint (count_items (store), ==, (guint) g_ascii_strtoull (g_getenv ("XB_TEST_N_ITEMS"), NULL, 10) + 1);
  xb_test_ui_wait_for_paint (rescue_dialog);
  g_free (xb_test_ui_save_png (rescue_dialog, "app-rescue-dialog.png"));
}

static void
damage_store (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 page = 0;
  char garbage[4096];
  FILE *file;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_master WHERE name = 'roster_unit'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    page = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (page, >, 1);

  memset (garbage, 0x5a, sizeof garbage);
  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (page - 1) * 4096, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (garbage, 1, sizeof garbage, file), ==, sizeof garbage);
  fclose (file);
}

static guint
server_item_count (const char *path)
{
  g_autoptr(XbStore) store = xb_store_open (path, NULL);

  g_assert_nonnull (store);
  return count_items (store);
}

static void
run_phase (const char *path)
{
  g_test_trap_subprocess (path, 280 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_rescue (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 400 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autofree char *data_home = g_dir_make_tmp ("xinbao-test-rescue-XXXXXX", NULL);
  g_autofree char *store_path = NULL;
  g_autofree char *damaged_glob = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_kept = 0;

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XB_TEST_URL", server->url, TRUE);
  run_phase ("/app-instance/phase/sign-in");

  store_path = xb_application_account_store_path (server->url, USERNAME);
  g_setenv ("XB_TEST_N_ITEMS", "0", TRUE);
  {
    g_autofree char *n = g_strdup_printf ("%u", server_item_count (store_path) - 1);
    g_setenv ("XB_TEST_N_ITEMS", n, TRUE);
  }
  damage_store (store_path);
  run_phase ("/app-instance/phase/resume");

  /* The damaged file was kept next to the new one. */
  dir = g_dir_open (g_path_get_dirname (store_path), 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, ".damaged-") != NULL && !g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
      n_kept++;
  g_assert_cmpuint (n_kept, ==, 1);
  xb_test_rm_rf (data_home);
}

/* ---- one instance --------------------------------------------------------------- */

static gboolean
name_owned (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                           "org.freedesktop.DBus", "NameHasOwner",
                                                           g_variant_new ("(s)", "cn.gov.Xinbao"),
                                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                                           -1, NULL, NULL);
  gboolean owned = FALSE;

  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static gboolean
first_owns_name (gpointer user_data)
{
  return name_owned (user_data);
}

static void
on_process_exit (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

static void
test_second_instance (void)
{
  g_autoptr(GTestDBus) dbus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autofree char *dir = g_dir_make_tmp ("xinbao-test-instance-XXXXXX", NULL);
  g_autofree char *store = g_build_filename (dir, "office.db", NULL);
  g_autofree char *log = g_build_filename (dir, "first.log", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  const char *app = g_getenv ("XINBAO_APP");
  gboolean first_exited = FALSE;
  gboolean second_exited = FALSE;

  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

  g_assert_nonnull (app);
  /* The private bus unsets DISPLAY (no X11 autolaunch); the app needs it. */
  g_test_dbus_up (dbus);
  bus = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (dbus),
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  g_assert_no_error (error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", dir, TRUE);
  if (display != NULL)
    g_subprocess_launcher_setenv (launcher, "DISPLAY", display, TRUE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  /* GLib writes debug messages to standard output. */
  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  first = g_subprocess_launcher_spawn (launcher, &error, app, "--store", store, NULL);
  g_assert_no_error (error);
  xb_test_ui_wait_until (first_owns_name, bus, "the first instance on the bus");

  g_subprocess_launcher_set_stdout_file_path (launcher, NULL);
  second = g_subprocess_launcher_spawn (launcher, &error, app, "--store", store, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (first, NULL, on_process_exit, &first_exited);
  g_subprocess_wait_async (second, NULL, on_process_exit, &second_exited);
  xb_test_ui_wait_until (flag_set, &second_exited, "the second instance to hand over and exit");
  g_assert_true (g_subprocess_get_successful (second));
  /* The first one is still there, and got the second's command line. */
  xb_test_ui_spin (200);
  g_assert_false (first_exited);
  g_assert_true (g_file_get_contents (log, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Command line from another instance"));

  g_subprocess_send_signal (first, SIGTERM);
  xb_test_ui_wait_until (flag_set, &first_exited, "the first instance to end");
  g_test_dbus_down (dbus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  xb_test_rm_rf (dir);
}

static void
test_phase (gconstpointer data)
{
  if (!g_test_subprocess ())
    {
      g_test_skip ("Run by /app-instance/rescue");
      return;
    }
  ((void (*) (void)) data) ();
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/app-instance/second-instance", test_second_instance);
  g_test_add_func ("/app-instance/rescue", test_rescue);
  g_test_add_data_func ("/app-instance/phase/sign-in", phase_sign_in, test_phase);
  g_test_add_data_func ("/app-instance/phase/resume", phase_resume, test_phase);
  return g_test_run ();
}
