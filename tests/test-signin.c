/* UI test: signing in through the real window against a real demo server, live updates, the sync indicator. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "xb-application.h"
#include "xb-item-list-model.h"
#include "xb-test-server.h"
#include "xb-test-ui.h"
#include "xb-window.h"

#define TIMEOUT_SECONDS 60
#define OFFICER_UNIT "武都区人民政府办公室"

typedef struct {
  XbTestServer  *server;
  XbApplication *app;
  XbWindow      *window;
} Fixture;

static gboolean
timed_out (gpointer user_data)
{
  g_error ("Timed out waiting for %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

static XbWindow *
first_window (XbApplication *app)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  g_assert_nonnull (windows);
  g_assert_true (XB_IS_WINDOW (windows->data));
  return XB_WINDOW (windows->data);
}

static gboolean
view_is_signin (Fixture *f)
{
  return g_strcmp0 (xb_window_get_view (f->window), "signin") == 0;
}

/* The real start-up: a fresh data directory has no account, so the window
 * comes up on the sign-in page. */
static void
fixture_set_up (Fixture  *f,
                gboolean  with_server)
{
  xb_test_ui_init ();
  if (with_server)
    {
      XbTestServerOptions options = { .demo = TRUE, .demo_items = 400 };
      f->server = xb_test_server_start (&options);
    }

  f->app = xb_test_ui_new_application ();
  g_application_activate (G_APPLICATION (f->app));
  f->window = g_object_ref (first_window (f->app));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  xb_test_ui_wait_until ((XbTestUiDone) view_is_signin, f, "the sign-in page");
  xb_test_ui_wait_for_paint (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  g_clear_object (&f->app);
  g_clear_pointer (&f->server, xb_test_server_free);
}

static XbSigninPage *
page (Fixture *f)
{
  return xb_window_get_signin_page (f->window);
}

static void
fill (Fixture    *f,
      const char *server_url,
      const char *username,
      const char *password)
{
  gtk_editable_set_text (GTK_EDITABLE (xb_signin_page_get_server_row (page (f))), server_url);
  gtk_editable_set_text (GTK_EDITABLE (xb_signin_page_get_username_row (page (f))), username);
  gtk_editable_set_text (GTK_EDITABLE (xb_signin_page_get_password_row (page (f))), password);
}

static gboolean
sign_in_settled (Fixture *f)
{
  return !xb_signin_page_get_busy (page (f)) &&
         (g_strcmp0 (xb_window_get_view (f->window), "main") == 0 ||
          xb_signin_page_get_error (page (f)) != NULL);
}

/* Clicks Sign In as a user would and waits for the answer. */
static void
click_sign_in (Fixture *f)
{
  GtkWidget *button = GTK_WIDGET (xb_signin_page_get_sign_in_button (page (f)));

  g_assert_true (gtk_widget_is_sensitive (button));
  /* "clicked" rather than gtk_widget_activate(), which waits to show the press. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (xb_signin_page_get_busy (page (f)));
  xb_test_ui_wait_until ((XbTestUiDone) sign_in_settled, f, "the sign-in");
}

static gboolean
list_caught_up (Fixture *f)
{
  XbItemList *list = xb_window_get_item_list (f->window);
  XbStore *store = xb_application_get_store (f->app);
  XbItemQuery query;

  if (store == NULL || xb_item_list_get_loading (list))
    return FALSE;
  xb_item_query_init (&query);
  return xb_item_list_get_n_items (list) > 0 &&
         xb_item_list_get_n_items (list) == xb_store_count_items (store, &query, NULL);
}

static void
wait_for_sync (Fixture *f)
{
  XbSyncEngine *engine = xb_application_get_engine (f->app);

  g_assert_nonnull (engine);
  g_assert_true (xb_sync_engine_wait_idle (engine, TIMEOUT_SECONDS * 1000));
  xb_test_ui_wait_until ((XbTestUiDone) list_caught_up, f, "the item list to show what was pulled");
}

/* Every row belongs to the officer's county office: the server kept the
 * other units' items to itself. */
static void
assert_only_officer_unit (Fixture *f)
{
  GListModel *rows = G_LIST_MODEL (xb_item_list_get_model (xb_window_get_item_list (f->window)));
  guint n = g_list_model_get_n_items (rows);

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(XbItemObject) row = g_list_model_get_item (rows, i);
      g_assert_nonnull (row);
      g_assert_cmpstr (xb_item_object_get_unit_name (row), ==, OFFICER_UNIT);
    }
}

static gboolean
engine_offline (Fixture *f)
{
  return xb_sync_engine_get_state (xb_application_get_engine (f->app)) == XB_SYNC_OFFLINE;
}

static XbItem *
new_draft (XbStore    *store,
           const char *title)
{
  g_autoptr(XbUser) user = xb_store_dup_signed_in_user (store);
  g_auto(GStrv) priorities = xb_store_list_priorities (store, TRUE, NULL);
  XbItem *item = xb_item_new ();

  g_assert_nonnull (user);
  item->uuid = xb_uuid_new ();
  item->unit_id = user->unit_id;
  item->revision = 0;
  item->title = g_strdup (title);
  item->body = g_strdup ("一、基本情况。全区春耕备耕工作有序推进，已落实种植面积12万亩。");
  item->category = g_strdup (priorities != NULL && priorities[0] != NULL ? priorities[0] : "经济运行");
  item->type = XB_ITEM_TYPE_DYNAMIC;
  item->angle = XB_ANGLE_KEY;
  item->importance = XB_IMPORTANCE_GENERAL;
  return item;
}

static guint expected_n_items;

static gboolean
list_has_expected (Fixture *f)
{
  return xb_item_list_get_n_items (xb_window_get_item_list (f->window)) == expected_n_items;
}

static gboolean
status_shows_queue (Fixture *f)
{
  return engine_offline (f) &&
         xb_sync_engine_get_queued (xb_application_get_engine (f->app)) == 1 &&
         strstr (xb_sync_status_get_label (xb_window_get_sync_status (f->window)), "1") != NULL;
}

static void
run_officer (void)
{
  Fixture f = { 0 };
  XbSyncStatus *status;
  XbItemList *list;
  g_autofree char *store_path = NULL;
  g_autofree char *token = NULL;
  g_autofree char *state_file = NULL;
  g_autofree char *selected_uuid = NULL;
  g_autoptr(XbItem) draft = NULL;
  g_autoptr(GError) error = NULL;
  guint n_before;

  fixture_set_up (&f, TRUE);

  /* The address is prefilled from the settings; the user types over it. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (xb_signin_page_get_server_row (page (&f)))),
                   ==, "http://127.0.0.1:8480");
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (xb_signin_page_get_sign_in_button (page (&f)))));
  fill (&f, f.server->url, "officer", "xinbao");
  xb_test_ui_wait_for_paint (GTK_WIDGET (f.window));
  g_free (xb_test_ui_try_save_png (GTK_WIDGET (f.window), "signin-en.png"));

  click_sign_in (&f);
  g_assert_null (xb_signin_page_get_error (page (&f)));
  g_assert_cmpstr (xb_window_get_view (f.window), ==, "main");
  /* Nothing of the password stays in the page. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (xb_signin_page_get_password_row (page (&f)))), ==, "");

  wait_for_sync (&f);
  assert_only_officer_unit (&f);

  /* One store per account under the XDG data directory, holding the token. */
  store_path = xb_application_account_store_path (f.server->url, "officer");
  g_assert_true (g_str_has_prefix (store_path, g_get_user_data_dir ()));
  g_assert_cmpstr (xb_store_get_path (xb_application_get_store (f.app)), ==, store_path);
  g_assert_true (g_file_test (store_path, G_FILE_TEST_IS_REGULAR));
  token = xb_store_get_meta (xb_application_get_store (f.app), "token");
  g_assert_cmpuint (strlen (token), ==, 64);
  state_file = g_build_filename (g_get_user_data_dir (), "xinbao", "state.ini", NULL);
  g_assert_true (g_file_test (state_file, G_FILE_TEST_IS_REGULAR));

  status = xb_window_get_sync_status (f.window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (status)));
  g_assert_cmpstr (xb_sync_status_get_label (status), ==, _("Up to date"));

  list = xb_window_get_item_list (f.window);
  xb_item_list_select (list, 2);
  selected_uuid = g_strdup (xb_item_object_get_uuid (xb_item_list_get_selected (list)));
  xb_test_ui_wait_for_paint (GTK_WIDGET (f.window));
  g_free (xb_test_ui_try_save_png (GTK_WIDGET (f.window), "signin-signed-in-en.png"));
  g_free (xb_test_ui_try_save_png (gtk_widget_get_parent (GTK_WIDGET (status)), "status-synced-sidebar.png"));

  /* The server goes away: the indicator says so once the engine tries. */
  xb_test_server_stop (f.server);
  xb_sync_engine_kick (xb_application_get_engine (f.app));
  xb_test_ui_wait_until ((XbTestUiDone) engine_offline, &f, "the engine to notice the server is gone");
  g_assert_true (g_str_has_prefix (xb_sync_status_get_label (status), _("Offline")));

  /* Work goes on offline: a new draft shows in the list at once, queued,
   * and the selected row stays selected. */
  n_before = xb_item_list_get_n_items (list);
  draft = new_draft (xb_application_get_store (f.app), "武都区春耕备耕工作有序推进");
  g_assert_true (xb_sync_engine_save_item (xb_application_get_engine (f.app), draft, &error));
  g_assert_no_error (error);
  expected_n_items = n_before + 1;
  xb_test_ui_wait_until ((XbTestUiDone) list_has_expected, &f, "the new draft in the list");
  /* Newest first: the draft heads the list. */
  {
    g_autoptr(XbItemObject) first = g_list_model_get_item (G_LIST_MODEL (xb_item_list_get_model (list)), 0);
    g_assert_cmpstr (xb_item_object_get_uuid (first), ==, draft->uuid);
  }
  g_assert_nonnull (xb_item_list_get_selected (list));
  g_assert_cmpstr (xb_item_object_get_uuid (xb_item_list_get_selected (list)), ==, selected_uuid);
  /* The write kicked the engine, which tries the server and gives up again. */
  xb_test_ui_wait_until ((XbTestUiDone) status_shows_queue, &f, "the queue in the indicator");
  g_assert_true (g_str_has_prefix (xb_sync_status_get_label (status), _("Offline")));

  xb_test_ui_wait_for_paint (GTK_WIDGET (f.window));
  g_free (xb_test_ui_try_save_png (GTK_WIDGET (f.window), "status-offline-window-en.png"));
  g_free (xb_test_ui_try_save_png (gtk_widget_get_parent (GTK_WIDGET (status)), "status-offline-sidebar.png"));

  /* Clicking the indicator tells the whole story. */
  {
    GtkMenuButton *button = GTK_MENU_BUTTON (gtk_widget_get_first_child (GTK_WIDGET (status)));
    GtkPopover *popover = gtk_menu_button_get_popover (button);

    /* The engine retries now and then: read the detail between two tries. */
    xb_test_ui_wait_until ((XbTestUiDone) status_shows_queue, &f, "the queue in the indicator again");
    g_assert_nonnull (strstr (xb_sync_status_get_detail (status), "1 change"));
    gtk_menu_button_popup (button);
    xb_test_ui_wait_for_paint (GTK_WIDGET (f.window));
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
    g_free (xb_test_ui_try_save_png (GTK_WIDGET (popover), "status-offline-popover.png"));
    gtk_menu_button_popdown (button);
  }

  /* Signing out with work queued asks first; the work stays in the store. */
  g_action_group_activate_action (G_ACTION_GROUP (f.app), "sign-out", NULL);
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
    AdwMessageDialog *dialog = NULL;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        dialog = l->data;
    g_assert_nonnull (dialog);
    g_assert_cmpstr (xb_window_get_view (f.window), ==, "main");
    adw_message_dialog_response (dialog, "sign-out");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_cmpstr (xb_window_get_view (f.window), ==, "signin");
  g_assert_null (xb_application_get_engine (f.app));
  {
    g_autoptr(XbStore) store = xb_store_open (store_path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (xb_store_outbox_count (store, NULL), ==, 1);
  }

  fixture_tear_down (&f);
}

static void
run_wrong_password (void)
{
  Fixture f = { 0 };
  const char *message;

  fixture_set_up (&f, TRUE);
  fill (&f, f.server->url, "editor", "not-the-password");
  click_sign_in (&f);

  message = xb_signin_page_get_error (page (&f));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "password"));
  g_assert_cmpstr (xb_window_get_view (f.window), ==, "signin");
  g_assert_null (xb_application_get_engine (f.app));
  /* The wrong password is gone, ready for the right one. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (xb_signin_page_get_password_row (page (&f)))), ==, "");
  xb_test_ui_wait_for_paint (GTK_WIDGET (f.window));
  g_free (xb_test_ui_try_save_png (GTK_WIDGET (f.window), "signin-wrong-password-en.png"));

  /* The right one works on the same page. */
  gtk_editable_set_text (GTK_EDITABLE (xb_signin_page_get_password_row (page (&f))), "xinbao");
  click_sign_in (&f);
  g_assert_null (xb_signin_page_get_error (page (&f)));
  g_assert_cmpstr (xb_window_get_view (f.window), ==, "main");
  wait_for_sync (&f);

  /* Signing out goes back to the page with the account filled in. */
  g_action_group_activate_action (G_ACTION_GROUP (f.app), "sign-out", NULL);
  g_assert_cmpstr (xb_window_get_view (f.window), ==, "signin");
  g_assert_null (xb_application_get_engine (f.app));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (xb_signin_page_get_username_row (page (&f)))), ==, "editor");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f.app), "sign-out"));

  fixture_tear_down (&f);
}

/* No server: an unreachable address and a malformed one, in plain words.
 * Run in Chinese for the screenshot of the page. */
static void
run_unreachable (void)
{
  Fixture f = { 0 };
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autofree char *closed_url = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  fixture_set_up (&f, FALSE);
  xb_test_ui_wait_for_paint (GTK_WIDGET (f.window));
  g_free (xb_test_ui_try_save_png (GTK_WIDGET (f.window), "signin-zh_CN.png"));

  /* A port nothing listens on: bind one, note it, close it. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_clear_object (&address);
  address = g_socket_get_local_address (socket, &error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
  g_socket_close (socket, NULL);
  closed_url = g_strdup_printf ("http://127.0.0.1:%u", port);

  fill (&f, closed_url, "officer", "xinbao");
  click_sign_in (&f);
  g_assert_nonnull (xb_signin_page_get_error (page (&f)));
  g_assert_nonnull (strstr (xb_signin_page_get_error (page (&f)), closed_url));
  g_assert_cmpstr (xb_window_get_view (f.window), ==, "signin");
  xb_test_ui_wait_for_paint (GTK_WIDGET (f.window));
  g_free (xb_test_ui_try_save_png (GTK_WIDGET (f.window), "signin-offline-zh_CN.png"));

  fill (&f, "http://", "officer", "xinbao");
  click_sign_in (&f);
  g_assert_nonnull (xb_signin_page_get_error (page (&f)));
  g_assert_nonnull (strstr (xb_signin_page_get_error (page (&f)), "http://"));

  fixture_tear_down (&f);
}

/* An HTTPS server with a certificate nobody vouches for: refused until the
 * user pins it. */
static void
run_certificate (void)
{
  Fixture f = { 0 };
  XbTestServerOptions options = { .demo = TRUE, .tls = TRUE, .demo_items = 400 };
  g_autofree char *message = NULL;
  GtkWidget *certificate_row;

  fixture_set_up (&f, FALSE);
  f.server = xb_test_server_start (&options);
  g_assert_true (g_str_has_prefix (f.server->url, "https://"));

  fill (&f, f.server->url, "officer", "xinbao");
  click_sign_in (&f);
  message = g_strdup (xb_signin_page_get_error (page (&f)));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "certificate"));
  g_assert_null (xb_application_get_engine (f.app));
  xb_test_ui_wait_for_paint (GTK_WIDGET (f.window));
  g_free (xb_test_ui_try_save_png (GTK_WIDGET (f.window), "signin-certificate-en.png"));

  /* The page opened "Advanced" and focused the pinned certificate field. */
  certificate_row = gtk_root_get_focus (GTK_ROOT (f.window));
  while (certificate_row != NULL && !ADW_IS_ENTRY_ROW (certificate_row))
    certificate_row = gtk_widget_get_parent (certificate_row);
  g_assert_nonnull (certificate_row);
  gtk_editable_set_text (GTK_EDITABLE (certificate_row), f.server->cert_path);
  gtk_editable_set_text (GTK_EDITABLE (xb_signin_page_get_password_row (page (&f))), "xinbao");
  click_sign_in (&f);
  g_assert_null (xb_signin_page_get_error (page (&f)));
  g_assert_cmpstr (xb_window_get_view (f.window), ==, "main");
  wait_for_sync (&f);
  assert_only_officer_unit (&f);

  fixture_tear_down (&f);
}

typedef struct {
  XbApplication *app;
  gboolean       expect_signin;  /* …with an explanation, instead of the items */
  gboolean       saw_signin;
  gboolean       done;
} RunCheck;

static gboolean
check_running (gpointer user_data)
{
  RunCheck *check = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (check->app));
  XbWindow *window = windows ? XB_WINDOW (windows->data) : NULL;
  XbSyncEngine *engine = xb_application_get_engine (check->app);

  if (window == NULL)
    return G_SOURCE_CONTINUE;
  if (g_strcmp0 (xb_window_get_view (window), "signin") == 0)
    check->saw_signin = TRUE;

  if (check->expect_signin)
    {
      XbSigninPage *signin = xb_window_get_signin_page (window);
      if (!check->saw_signin || xb_signin_page_get_error (signin) == NULL)
        return G_SOURCE_CONTINUE;
      /* The account is filled in: only the password is asked for. */
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (xb_signin_page_get_username_row (signin))),
                       ==, "officer");
      g_assert_true (gtk_widget_has_focus (GTK_WIDGET (xb_signin_page_get_password_row (signin))) ||
                     gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                             GTK_WIDGET (xb_signin_page_get_password_row (signin))));
    }
  else if (engine == NULL || g_strcmp0 (xb_window_get_view (window), "main") != 0 ||
           xb_sync_engine_get_state (engine) != XB_SYNC_IDLE ||
           xb_item_list_get_n_items (xb_window_get_item_list (window)) == 0)
    return G_SOURCE_CONTINUE;

  check->done = TRUE;
  g_application_quit (G_APPLICATION (check->app));
  return G_SOURCE_REMOVE;
}

static void
run_app (char     **argv,
         int        argc,
         gboolean   expect_signin)
{
  RunCheck check = { 0 };
  guint poll, timeout;
  int status;

  check.app = xb_application_new ();
  check.expect_signin = expect_signin;
  g_application_set_flags (G_APPLICATION (check.app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  poll = g_timeout_add (50, check_running, &check);
  timeout = g_timeout_add_seconds (TIMEOUT_SECONDS, timed_out, (gpointer) "the app to sign in and sync");
  status = g_application_run (G_APPLICATION (check.app), argc, argv);
  g_source_remove (timeout);
  if (!check.done)
    g_source_remove (poll);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (check.done);
  g_assert_true (check.saw_signin == expect_signin);
  g_clear_object (&check.app);
}

/* xinbao --server URL --username NAME with XINBAO_PASSWORD: no page.  A
 * second start resumes the account from its stored token; once the server
 * refuses the token, the page comes back asking for the password. */
static void
run_command_line (void)
{
  g_autoptr(XbTestServer) server = NULL;
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 400 };
  char *argv[] = { (char *) "xinbao", (char *) "--server", NULL, (char *) "--username",
                   (char *) "officer", NULL };
  char *plain_argv[] = { (char *) "xinbao", NULL };
  g_autofree char *store_path = NULL;

  xb_test_ui_init ();
  server = xb_test_server_start (&options);
  argv[2] = server->url;

  g_setenv ("XINBAO_PASSWORD", "xinbao", TRUE);
  run_app (argv, G_N_ELEMENTS (argv) - 1, FALSE);
  g_unsetenv ("XINBAO_PASSWORD");

  run_app (plain_argv, 1, FALSE);

  /* A token the server does not know, as after it expired. */
  store_path = xb_application_account_store_path (server->url, "officer");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(XbStore) store = xb_store_open (store_path, &error);
    g_autofree char *stale = g_strnfill (64, 'a');

    g_assert_no_error (error);
    g_assert_true (xb_store_set_meta (store, "token", stale, &error));
    g_assert_no_error (error);
  }
  run_app (plain_argv, 1, TRUE);
}

/* Each case runs in a child process with its own XDG data directory: GTK
 * initialises once per process, the locale is set before the first
 * gettext call, and no case sees another's accounts. */
static void
in_subprocess (void      (*body) (void),
               const char *language)
{
  g_autofree char *data_home = NULL;

  if (g_test_subprocess ())
    {
      body ();
      return;
    }

  data_home = g_dir_make_tmp ("xinbao-test-signin-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_unsetenv ("XINBAO_PASSWORD");
  xb_test_ui_in_subprocess (body, language);
  xb_test_rm_rf (data_home);
}

static void
test_officer (void)
{
  in_subprocess (run_officer, NULL);
}

static void
test_wrong_password (void)
{
  in_subprocess (run_wrong_password, NULL);
}

static void
test_unreachable_zh_cn (void)
{
  in_subprocess (run_unreachable, "zh_CN:zh");
}

static void
test_certificate (void)
{
  in_subprocess (run_certificate, NULL);
}

static void
test_command_line (void)
{
  in_subprocess (run_command_line, NULL);
}

static void
test_account_names (void)
{
  g_autofree char *plain = xb_application_account_name ("http://127.0.0.1:8480", "officer");
  g_autofree char *https = xb_application_account_name ("https://xinxi.example.gov.cn", "张三");
  g_autofree char *bad = xb_application_account_name ("not a url", "officer");
  g_autofree char *url1 = xb_application_normalize_server_url ("  xinxi.example.gov.cn/ ");
  g_autofree char *url2 = xb_application_normalize_server_url ("http://127.0.0.1:8480/");

  g_assert_cmpstr (plain, ==, "officer@127.0.0.1_8480");
  g_assert_cmpstr (https, ==, "%E5%BC%A0%E4%B8%89@xinxi.example.gov.cn_443");
  g_assert_null (bad);
  g_assert_cmpstr (url1, ==, "https://xinxi.example.gov.cn");
  g_assert_cmpstr (url2, ==, "http://127.0.0.1:8480");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/signin/account-names", test_account_names);
  g_test_add_func ("/signin/officer", test_officer);
  g_test_add_func ("/signin/wrong-password", test_wrong_password);
  g_test_add_func ("/signin/unreachable-zh_CN", test_unreachable_zh_cn);
  g_test_add_func ("/signin/certificate", test_certificate);
  g_test_add_func ("/signin/command-line", test_command_line);

  return g_test_run ();
}
