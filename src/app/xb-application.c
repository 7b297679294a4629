/* The Xinbao application: the account and its store, the sync engine, actions and settings. */
#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "xb-application.h"
#include "xb-notifier.h"
#include "xb-store-rescue.h"
#include "xb-window.h"

/* Where the account signed in last is remembered, beside the stores. */
#define STATE_GROUP "Account"

struct _XbApplication
{
  AdwApplication  parent_instance;

  char           *store_path;   /* from --store: opened without an account */
  XbStore        *store;
  XbSyncClient   *client;       /* NULL without an account */
  XbSyncEngine   *engine;
  XbNotifier     *notifier;
  GSettings      *settings;
  gboolean        settings_looked_up;
  gboolean        opening;
  gboolean        started;      /* the first activation chose what to show */
  char           *username;     /* of the account signed in */

  /* From the command line: sign in without the page. */
  char           *cmd_server;
  char           *cmd_username;
  char           *cmd_password;
};

G_DEFINE_FINAL_TYPE (XbApplication, xb_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "store", 's', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Show the local database at PATH, without signing in"), N_("PATH") },
  { "server", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Sign in to the server at URL"), N_("URL") },
  { "username", 'u', 0, G_OPTION_ARG_STRING, NULL,
    N_("Sign in as NAME, with the password from the environment variable XINBAO_PASSWORD"), N_("NAME") },
  { NULL }
};

void
xb_application_init_i18n (void)
{
  const char *localedir = g_getenv ("XB_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static void
for_each_window (XbApplication *self,
                 void         (*func) (XbWindow *window, gpointer data),
                 gpointer       data)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (XB_IS_WINDOW (l->data))
      func (XB_WINDOW (l->data), data);
}

/* ---- accounts and where their stores live ------------------------------------------ */

char *
xb_application_normalize_server_url (const char *text)
{
  g_autofree char *url = g_strstrip (g_strdup (text ? text : ""));

  /* People type "xinxi.example.gov.cn"; guess the safe scheme. */
  if (*url != '\0' && strstr (url, "://") == NULL)
    {
      char *with_scheme = g_strconcat ("https://", url, NULL);
      g_free (url);
      url = with_scheme;
    }
  while (g_str_has_suffix (url, "/") && strstr (url, "://") + 3 < url + strlen (url))
    url[strlen (url) - 1] = '\0';
  return g_steal_pointer (&url);
}

static void
append_safe (GString    *out,
             const char *text)
{
  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '.' || *p == '-' || *p == '_')
        g_string_append_c (out, (char) *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
}

char *
xb_application_account_name (const char *server_url,
                             const char *username)
{
  g_autoptr(GUri) uri = NULL;
  GString *name;
  int port;

  g_return_val_if_fail (server_url != NULL, NULL);
  g_return_val_if_fail (username != NULL, NULL);

  uri = g_uri_parse (server_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;
  port = g_uri_get_port (uri);
  if (port < 0)
    port = g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 ? 80 : 443;

  /* username@host:port, with anything a file name may not hold escaped:
   * "officer@127.0.0.1_8480". */
  name = g_string_new (NULL);
  append_safe (name, username);
  g_string_append_c (name, '@');
  append_safe (name, g_uri_get_host (uri));
  g_string_append_printf (name, "_%d", port);
  return g_string_free (name, FALSE);
}

static char *
data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "xinbao", NULL);
}

char *
xb_application_account_store_path (const char *server_url,
                                   const char *username)
{
  g_autofree char *name = xb_application_account_name (server_url, username);
  g_autofree char *dir = data_dir ();
  g_autofree char *file = NULL;

  if (name == NULL)
    return NULL;
  file = g_strconcat (name, ".db", NULL);
  return g_build_filename (dir, file, NULL);
}

static char *
state_path (void)
{
  g_autofree char *dir = data_dir ();
  return g_build_filename (dir, "state.ini", NULL);
}

/* Remembers the account signed in last (called from a worker thread). */
static void
save_last_account (const char *store_path,
                   const char *server_url,
                   const char *username)
{
  g_autoptr(GKeyFile) state = g_key_file_new ();
  g_autofree char *path = state_path ();
  g_autofree char *store_name = g_path_get_basename (store_path);
  g_autoptr(GError) error = NULL;

  g_key_file_set_string (state, STATE_GROUP, "Store", store_name);
  g_key_file_set_string (state, STATE_GROUP, "Server", server_url);
  g_key_file_set_string (state, STATE_GROUP, "Username", username);
  if (!g_key_file_save_to_file (state, path, &error))
    g_warning ("Could not remember the account in %s: %s", path, error->message);
}

typedef struct {
  char *store_path;
  char *server_url;
  char *username;
} LastAccount;

static void
last_account_free (LastAccount *account)
{
  g_free (account->store_path);
  g_free (account->server_url);
  g_free (account->username);
  g_free (account);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LastAccount, last_account_free)

static LastAccount *
load_last_account (void)
{
  g_autoptr(GKeyFile) state = g_key_file_new ();
  g_autofree char *path = state_path ();
  g_autofree char *store_name = NULL;
  LastAccount *account;

  if (!g_key_file_load_from_file (state, path, G_KEY_FILE_NONE, NULL))
    return NULL;

  account = g_new0 (LastAccount, 1);
  store_name = g_key_file_get_string (state, STATE_GROUP, "Store", NULL);
  /* Only a file name: the state file must not point anywhere else. */
  if (store_name != NULL && *store_name != '\0' && strchr (store_name, '/') == NULL &&
      strcmp (store_name, "..") != 0)
    {
      g_autofree char *dir = data_dir ();
      account->store_path = g_build_filename (dir, store_name, NULL);
    }
  account->server_url = g_key_file_get_string (state, STATE_GROUP, "Server", NULL);
  account->username = g_key_file_get_string (state, STATE_GROUP, "Username", NULL);
  return account;
}

/* The account's token lives in the store's meta table ("token").  libsecret
 * is not part of the build platform, so the store file is the safe: its
 * folder is made 0700 and the file itself 0600, and signing out clears it. */
static void
restrict_store_files (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      if (g_file_test (file, G_FILE_TEST_EXISTS))
        g_chmod (file, 0600);
    }
}

static void
remove_store_files (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

/* An account's store that SQLite finds damaged is set aside and rebuilt,
 * keeping the sign-in and the unsent work (@rescue says what happened);
 * anything else is only opened. */
static XbStore *
open_store_file (const char     *path,
                 XbStoreRescue  *rescue,
                 GError        **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) damage = NULL;
  XbStore *store;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      return NULL;
    }
  store = xb_store_open (path, &damage);
  if (store != NULL && rescue != NULL && !xb_store_quick_check (store, XB_STORE_CHECK_MAX_BYTES, &damage))
    g_clear_object (&store);
  if (store == NULL && rescue != NULL && g_error_matches (damage, XB_ERROR, XB_ERROR_CORRUPT))
    {
      g_message ("Rebuilding the damaged store %s: %s", path, damage->message);
      g_clear_error (&damage);
      store = xb_store_rescue (path, rescue, &damage);
    }
  if (store == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&damage));
      return NULL;
    }
  /* A file named with --store is the user's to protect. */
  if (rescue != NULL)
    restrict_store_files (path);
  return store;
}

static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  XbStore *store = open_store_file (task_data, NULL, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
xb_application_open_store_async (XbApplication       *self,
                                 const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (XB_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, xb_application_open_store_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_in_thread);
}

XbStore *
xb_application_open_store_finish (XbApplication  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
open_error_text (const char   *path,
                 const GError *error,
                 gboolean      markup,
                 const char  **title)
{
  g_autofree char *safe_path = markup ? g_markup_escape_text (path, -1) : g_strdup (path);
  g_autofree char *safe_reason = markup ? g_markup_escape_text (error->message, -1) : g_strdup (error->message);

  if (g_error_matches (error, XB_ERROR, XB_ERROR_TOO_NEW))
    {
      *title = _("This Database Is Too New");
      return g_strdup_printf (_("The database at %s was written by a newer version of Xinbao. Update Xinbao to open it."),
                              safe_path);
    }
  if (g_error_matches (error, XB_ERROR, XB_ERROR_CORRUPT))
    {
      *title = _("This Database Is Damaged");
      return g_strdup_printf (_("The database at %s is damaged and cannot be used. Restore it from a backup, or move it away to start afresh. SQLite said: %s"),
                              safe_path, safe_reason);
    }
  *title = _("Could Not Open the Database");
  return g_strdup_printf (_("Xinbao could not open its database at %s. Check that the folder exists and that you may write to it. The system said: %s"),
                          safe_path, safe_reason);
}

static void
show_open_error (XbApplication *self,
                 const char    *path,
                 const GError  *error)
{
  const char *title;
  /* The status page shows markup; a path may hold '&' or '<'. */
  g_autofree char *description = open_error_text (path, error, TRUE, &title);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (XB_IS_WINDOW (l->data))
      xb_window_show_error (XB_WINDOW (l->data), title, description);
}

/* ---- the engine of the signed-in account --------------------------------------------- */

static char *
dup_pinned_certificate (XbApplication *self)
{
  GSettings *settings = xb_application_get_settings (self);
  return settings ? g_settings_get_string (settings, "pinned-certificate") : g_strdup ("");
}

static void
window_set_store (XbWindow *window,
                  gpointer  store)
{
  xb_window_set_store (window, store);
}

static void
window_set_engine (XbWindow *window,
                   gpointer  engine)
{
  xb_window_set_engine (window, engine);
}

static void
window_show_busy (XbWindow *window,
                  gpointer  title)
{
  xb_window_show_busy (window, title);
}

static void
window_show_items (XbWindow *window,
                   gpointer  unused)
{
  xb_window_show_items (window);
}

typedef struct {
  const char *server_url;
  const char *username;
  const char *pinned_certificate;
  const char *message;
} SignInPrefill;

static void
window_show_sign_in (XbWindow *window,
                     gpointer  data)
{
  SignInPrefill *prefill = data;

  xb_window_show_sign_in (window, prefill->server_url, prefill->username,
                          prefill->pinned_certificate, prefill->message);
}

static void
show_sign_in (XbApplication *self,
              const char    *server_url,
              const char    *username,
              const char    *message)
{
  GSettings *settings = xb_application_get_settings (self);
  g_autofree char *default_url = settings ? g_settings_get_string (settings, "server-url") : NULL;
  g_autofree char *pinned = dup_pinned_certificate (self);
  SignInPrefill prefill = {
    server_url && *server_url ? server_url : default_url,
    username, pinned, message,
  };

  for_each_window (self, window_show_sign_in, &prefill);
}

static void
on_engine_state (XbApplication *self,
                 GParamSpec    *pspec,
                 XbSyncEngine  *engine)
{
  if (engine != self->engine || xb_sync_engine_get_state (engine) != XB_SYNC_SIGNED_OUT)
    return;

  /* The server refused the token (expired, revoked, account disabled).  The
   * store and its queue stay; signing in again as the same account picks
   * them up. */
  xb_sync_engine_stop (engine);
  show_sign_in (self, xb_sync_client_get_base_url (self->client), self->username,
                _("The server no longer accepts your sign-in: it may have expired or been revoked. Sign in again to keep sending and receiving items. Nothing you wrote is lost."));
}

static void
drop_engine (XbApplication *self)
{
  if (self->engine == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->engine, self);
  xb_sync_engine_stop (self->engine);
  g_clear_object (&self->notifier);
  g_clear_object (&self->engine);
}

/* Makes @store the one on show, syncing through @client when it is set. */
static void
use_store (XbApplication *self,
           XbStore       *store,
           XbSyncClient  *client)
{
  drop_engine (self);
  g_set_object (&self->client, client);
  if (self->store != store)
    {
      g_set_object (&self->store, store);
      for_each_window (self, window_set_store, store);
    }

  if (client != NULL && store != NULL)
    {
      self->engine = xb_sync_engine_new (store, client);
      self->notifier = xb_notifier_new (G_APPLICATION (self), store, self->engine);
      g_signal_connect_object (self->engine, "notify::state",
                               G_CALLBACK (on_engine_state), self, G_CONNECT_SWAPPED);
    }
  for_each_window (self, window_set_engine, self->engine);
  for_each_window (self, window_show_items, NULL);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "sign-out")),
                               self->engine != NULL);
  if (self->engine != NULL)
    xb_sync_engine_start (self->engine);
}

/* Tells the user that the store was rebuilt, where the damaged one is, and
 * what was saved from it. */
static void
report_rescue (XbApplication       *self,
               const XbStoreRescue *rescue)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *body = NULL;
  g_autofree char *saved = NULL;
  GtkWidget *dialog;

  if (rescue->kept_path == NULL)
    return;
  g_message ("Store rebuilt; the damaged copy is %s (%u unsent changes saved)",
             rescue->kept_path, rescue->n_outbox);
  if (rescue->n_outbox > 0)
    saved = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u unsent change was saved and will be sent.",
                                          "%u unsent changes were saved and will be sent.",
                                          rescue->n_outbox),
                             rescue->n_outbox);
  else
    saved = g_strdup (_("No unsent work could be read from it."));
  body = g_strdup_printf (_("Xinbao found damage in its database on this computer and started a new one. "
                            "The damaged file was kept at %s. %s "
                            "Everything else is being downloaded again from the server."),
                          rescue->kept_path, saved);
  dialog = adw_message_dialog_new (window, _("The Local Database Was Damaged"), body);
  gtk_widget_set_name (dialog, "rescue-dialog");
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- signing in --------------------------------------------------------------------- */

typedef struct {
  char         *server_url;
  char         *username;
  char         *password;
  char         *pinned;      /* NULL: the setting */
  char         *store_path;
  char         *token;
  XbSyncClient *client;
  XbUser       *user;
  XbStore      *store;       /* this account's store when it is already open */
  XbStoreRescue rescue;      /* set when the store was found damaged */
} SignIn;

static void
sign_in_free (SignIn *op)
{
  if (op->password != NULL)
    memset (op->password, 0, strlen (op->password));
  g_free (op->password);
  if (op->token != NULL)
    memset (op->token, 0, strlen (op->token));
  g_free (op->token);
  g_free (op->server_url);
  g_free (op->username);
  g_free (op->pinned);
  g_free (op->store_path);
  g_clear_object (&op->client);
  g_clear_pointer (&op->user, xb_user_free);
  g_clear_object (&op->store);
  xb_store_rescue_clear (&op->rescue);
  g_free (op);
}

/* The same error in words a user can act on. */
static GError *
sign_in_error (const GError *error,
               const char   *server_url)
{
  g_autofree char *text = NULL;

  if (error->domain != XB_ERROR)
    text = g_strdup_printf (_("Xinbao could not sign in: %s"), error->message);
  else switch (error->code)
    {
    case XB_ERROR_UNAUTHORIZED:
      text = g_strdup (_("The username or password is not right. Check both and try again. If they are right, your account may have been disabled: ask the information section."));
      break;
    case XB_ERROR_OFFLINE:
      text = g_strdup_printf (_("Xinbao could not reach the server at %s. Check the address and your network connection, then try again."),
                              server_url);
      break;
    case XB_ERROR_CERTIFICATE:
      text = g_strdup_printf (_("The server at %s did not show a certificate this computer trusts, so your password was not sent. If the information section gave you the server’s certificate, choose its file as the pinned certificate under “Advanced” and sign in again."),
                              server_url);
      break;
    case XB_ERROR_RATE_LIMITED:
      /* The client's words already say how long to wait. */
      text = g_strdup (error->message);
      break;
    default:
      text = g_strdup_printf (_("Xinbao could not sign in: %s"), error->message);
      break;
    }
  return g_error_new_literal (error->domain, error->code, text);
}

static void
prepare_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  SignIn *op = task_data;
  g_autoptr(XbStore) store = NULL;
  g_autofree char *user_id = g_strdup_printf ("%" G_GINT64_FORMAT, op->user->id);
  GError *error = NULL;
  gboolean ok;

  if (op->store != NULL)
    store = g_object_ref (op->store);
  else
    {
      g_autofree char *old_user_id = NULL;

      store = open_store_file (op->store_path, &op->rescue, &error);
      if (store == NULL)
        {
          g_task_return_error (task, error);
          return;
        }

      /* Same address and username, another account: the server was set up
       * anew, and this store's copy and cursor describe a server that is
       * gone.  Start afresh, unless work is still waiting to be sent. */
      old_user_id = xb_store_get_meta (store, "user_id");
      if (old_user_id != NULL && *old_user_id != '\0' && strcmp (old_user_id, user_id) != 0 &&
          xb_store_outbox_count (store, NULL) == 0 && xb_store_outbox_count_failed (store, NULL) == 0)
        {
          g_clear_object (&store);
          remove_store_files (op->store_path);
          store = open_store_file (op->store_path, &op->rescue, &error);
          if (store == NULL)
            {
              g_task_return_error (task, error);
              return;
            }
        }
    }

  /* The user record and meta "user_id" are the engine's to write (see
   * xb_sync_engine_new()): it also restarts the feed when the account
   * changed under a store that still had work queued. */
  ok = xb_store_begin (store, &error);
  ok = ok && xb_store_set_meta (store, "token", op->token, &error);
  ok = ok && xb_store_set_meta (store, "server_url", op->server_url, &error);
  ok = ok && xb_store_set_meta (store, "username", op->username, &error);
  ok = ok && xb_store_commit (store, &error);
  if (!ok)
    {
      xb_store_rollback (store);
      g_task_return_error (task, error);
      return;
    }

  save_last_account (op->store_path, op->server_url, op->username);
  g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

static void
prepared (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  XbApplication *self = XB_APPLICATION (object);
  g_autoptr(GTask) task = user_data;
  SignIn *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = g_task_propagate_pointer (G_TASK (result), &error);
  GSettings *settings;

  if (store == NULL)
    {
      const char *title;
      g_autofree char *text = open_error_text (op->store_path, error, FALSE, &title);
      g_task_return_new_error (task, error->domain, error->code, "%s", text);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  settings = xb_application_get_settings (self);
  if (settings != NULL)
    {
      g_settings_set_string (settings, "server-url", op->server_url);
      if (op->pinned != NULL)
        g_settings_set_string (settings, "pinned-certificate", op->pinned);
    }

  g_free (self->username);
  self->username = g_strdup (op->username);
  use_store (self, store, op->client);
  report_rescue (self, &op->rescue);
  g_task_return_boolean (task, TRUE);
}

static void
signed_in (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  XbApplication *self = g_task_get_source_object (task);
  SignIn *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) prepare = NULL;

  op->user = xb_sync_client_sign_in_finish (XB_SYNC_CLIENT (object), result, &error);
  if (op->user == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, sign_in_error (error, op->server_url));
      return;
    }
  op->token = g_strdup (xb_sync_client_get_token (op->client));

  /* Signing in again as the account on show (its token had expired) keeps
   * the open store, which the windows and the list are reading. */
  if (self->store != NULL && g_strcmp0 (xb_store_get_path (self->store), op->store_path) == 0)
    op->store = g_object_ref (self->store);

  prepare = g_task_new (self, g_task_get_cancellable (task), prepared, g_object_ref (task));
  g_task_set_source_tag (prepare, prepare_in_thread);
  g_task_set_task_data (prepare, op, NULL);
  g_task_run_in_thread (prepare, prepare_in_thread);
}

void
xb_application_sign_in_async (XbApplication       *self,
                              const char          *server_url,
                              const char          *username,
                              const char          *password,
                              const char          *pinned_certificate,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pinned = NULL;
  SignIn *op;

  g_return_if_fail (XB_IS_APPLICATION (self));
  g_return_if_fail (server_url != NULL);
  g_return_if_fail (username != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, xb_application_sign_in_async);
  op = g_new0 (SignIn, 1);
  op->server_url = xb_application_normalize_server_url (server_url);
  op->username = g_strstrip (g_strdup (username));
  op->password = g_strdup (password);
  op->pinned = g_strdup (pinned_certificate);
  g_task_set_task_data (task, op, (GDestroyNotify) sign_in_free);

  op->client = xb_sync_client_new (op->server_url, NULL);
  op->store_path = op->client ? xb_application_account_store_path (op->server_url, op->username) : NULL;
  if (op->client == NULL || op->store_path == NULL)
    {
      g_task_return_new_error (task, XB_ERROR, XB_ERROR_INVALID,
                               _("“%s” is not a server address. Type it like https://xinxi.example.gov.cn or http://192.168.1.10:8480."),
                               server_url);
      return;
    }

  pinned = op->pinned ? g_strdup (op->pinned) : dup_pinned_certificate (self);
  if (!xb_sync_client_set_pinned_certificate (op->client, pinned, &error))
    {
      g_task_return_new_error (task, XB_ERROR, XB_ERROR_CERTIFICATE, "%s %s", error->message,
                               _("Choose the certificate file the information section gave you, or leave the pinned certificate empty to trust the system’s certificate authorities."));
      return;
    }

  xb_sync_client_sign_in_async (op->client, op->username, op->password, cancellable,
                                signed_in, g_object_ref (task));
}

gboolean
xb_application_sign_in_finish (XbApplication  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
command_line_signed_in (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  XbApplication *self = XB_APPLICATION (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *server_url = user_data;

  if (xb_application_sign_in_finish (self, result, &error))
    return;
  g_printerr ("%s\n", error->message);
  show_sign_in (self, server_url, self->cmd_username, error->message);
}

/* xinbao --server URL --username NAME: the password comes from the
 * environment, never from the command line, where every user can read it. */
static void
sign_in_from_command_line (XbApplication *self)
{
  GSettings *settings = xb_application_get_settings (self);
  g_autofree char *server_url = NULL;
  g_autofree char *password = g_steal_pointer (&self->cmd_password);

  if (self->cmd_server != NULL)
    server_url = g_strdup (self->cmd_server);
  else if (settings != NULL)
    server_url = g_settings_get_string (settings, "server-url");

  if (self->cmd_username == NULL || server_url == NULL)
    {
      show_sign_in (self, server_url, self->cmd_username, NULL);
      return;
    }
  if (password == NULL || *password == '\0')
    {
      show_sign_in (self, server_url, self->cmd_username,
                    _("To sign in from the command line, put the password in the environment variable XINBAO_PASSWORD. You can also type it here."));
      return;
    }

  for_each_window (self, window_show_busy, (gpointer) _("Signing In…"));
  xb_application_sign_in_async (self, server_url, self->cmd_username, password, NULL, NULL,
                                command_line_signed_in, g_strdup (server_url));
  memset (password, 0, strlen (password));
}

/* ---- the account signed in last --------------------------------------------------- */

typedef struct {
  char *store_path;
  char *server_url;
  char *username;
  char *token;
  XbStoreRescue rescue;
} Resume;

static void
resume_free (Resume *resume)
{
  g_free (resume->store_path);
  g_free (resume->server_url);
  g_free (resume->username);
  if (resume->token != NULL)
    memset (resume->token, 0, strlen (resume->token));
  g_free (resume->token);
  xb_store_rescue_clear (&resume->rescue);
  g_free (resume);
}

static void
replace_if_set (char **field,
                char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = value;
}

static void
resume_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Resume *resume = task_data;
  GError *error = NULL;
  XbStore *store;

  store = open_store_file (resume->store_path, &resume->rescue, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  resume->token = xb_store_get_meta (store, "token");
  /* A rebuilt store may have lost them; the last account still knows. */
  replace_if_set (&resume->server_url, xb_store_get_meta (store, "server_url"));
  replace_if_set (&resume->username, xb_store_get_meta (store, "username"));
  g_task_return_pointer (task, store, g_object_unref);
}

static void
resumed (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  XbApplication *self = XB_APPLICATION (object);
  Resume *resume = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(XbSyncClient) client = NULL;
  g_autofree char *pinned = NULL;

  self->opening = FALSE;
  if (store == NULL)
    {
      const char *title;
      g_autofree char *text = open_error_text (resume->store_path, error, FALSE, &title);
      show_sign_in (self, resume->server_url, resume->username, text);
      return;
    }
  if (resume->token == NULL || *resume->token == '\0' || resume->server_url == NULL)
    {
      show_sign_in (self, resume->server_url, resume->username, NULL);
      report_rescue (self, &resume->rescue);
      return;
    }

  client = xb_sync_client_new (resume->server_url, &error);
  pinned = dup_pinned_certificate (self);
  if (client == NULL || !xb_sync_client_set_pinned_certificate (client, pinned, &error))
    {
      g_autoptr(GError) friendly = sign_in_error (error, resume->server_url);
      show_sign_in (self, resume->server_url, resume->username, friendly->message);
      return;
    }
  xb_sync_client_set_token (client, resume->token);

  g_free (self->username);
  self->username = g_strdup (resume->username);
  use_store (self, store, client);
  report_rescue (self, &resume->rescue);
}

static void
resume_last_account (XbApplication *self)
{
  g_autoptr(LastAccount) account = load_last_account ();
  g_autoptr(GTask) task = NULL;
  Resume *resume;

  if (account == NULL || account->store_path == NULL ||
      !g_file_test (account->store_path, G_FILE_TEST_IS_REGULAR))
    {
      show_sign_in (self, account ? account->server_url : NULL,
                    account ? account->username : NULL, NULL);
      return;
    }

  resume = g_new0 (Resume, 1);
  resume->store_path = g_steal_pointer (&account->store_path);
  resume->server_url = g_steal_pointer (&account->server_url);
  resume->username = g_steal_pointer (&account->username);

  self->opening = TRUE;
  for_each_window (self, window_show_busy, (gpointer) _("Opening the Database…"));
  task = g_task_new (self, NULL, resumed, NULL);
  g_task_set_source_tag (task, resume_last_account);
  g_task_set_task_data (task, resume, (GDestroyNotify) resume_free);
  g_task_run_in_thread (task, resume_in_thread);
}

/* ---- signing out -------------------------------------------------------------------- */

static void
revoked (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(XbSyncClient) client = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(XbResponse) response = xb_sync_client_request_finish (client, result, &error);

  /* Best effort: offline, the token simply expires on the server. */
  if (response == NULL)
    g_debug ("Could not revoke the session: %s", error->message);
}

static void
forget_token_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (!xb_store_set_meta (task_data, "token", "", &error))
    g_warning ("Could not forget the session token: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

void
xb_application_sign_out (XbApplication *self)
{
  g_autofree char *server_url = NULL;
  g_autofree char *username = NULL;

  g_return_if_fail (XB_IS_APPLICATION (self));

  if (self->client == NULL)
    return;

  server_url = g_strdup (xb_sync_client_get_base_url (self->client));
  username = g_steal_pointer (&self->username);
  drop_engine (self);

  xb_sync_client_request_async (self->client, "DELETE", "/api/v1/session", NULL, NULL,
                                revoked, g_object_ref (self->client));
  if (self->store != NULL)
    {
      g_autoptr(GTask) task = g_task_new (self->store, NULL, NULL, NULL);
      g_task_set_source_tag (task, forget_token_in_thread);
      g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
      g_task_run_in_thread (task, forget_token_in_thread);
    }

  use_store (self, NULL, NULL);
  show_sign_in (self, server_url, username, NULL);
}

/* ---- a store without an account (--store) ------------------------------------------ */

static void
store_opened (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  XbApplication *self = XB_APPLICATION (object);
  g_autofree char *path = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_application_open_store_finish (self, result, &error);

  self->opening = FALSE;
  if (store == NULL)
    {
      show_open_error (self, path, error);
      return;
    }
  use_store (self, store, NULL);
}

static void
open_store (XbApplication *self)
{
  char *path;

  if (self->store != NULL || self->opening)
    return;
  self->opening = TRUE;
  path = g_strdup (self->store_path);
  xb_application_open_store_async (self, path, NULL, store_opened, path);
}

/* Decides, once, what the first window shows. */
static void
start (XbApplication *self)
{
  GSettings *settings;

  if (self->started)
    return;
  self->started = TRUE;

  settings = xb_application_get_settings (self);
  if (self->store_path == NULL && settings != NULL)
    {
      g_autofree char *configured = g_settings_get_string (settings, "store-path");
      if (*configured != '\0')
        self->store_path = g_steal_pointer (&configured);
    }

  if (self->store_path != NULL)
    open_store (self);
  else if (self->cmd_server != NULL || self->cmd_username != NULL)
    sign_in_from_command_line (self);
  else
    resume_last_account (self);
}

static void
xb_application_activate (GApplication *app)
{
  XbApplication *self = XB_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      XbWindow *xb_window = xb_window_new (self, self->store);
      xb_window_set_engine (xb_window, self->engine);
      window = GTK_WINDOW (xb_window);
    }
  gtk_window_present (window);
  start (self);
}

static int
xb_application_command_line (GApplication            *app,
                             GApplicationCommandLine *cmdline)
{
  XbApplication *self = XB_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (cmdline);
  const char *arg = NULL;
  const char *server = NULL;
  const char *username = NULL;
  gboolean sign_in_now;

  if (g_application_command_line_get_is_remote (cmdline))
    g_debug ("Command line from another instance: presenting the window");

  if (g_variant_dict_lookup (options, "store", "^&ay", &arg))
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (cmdline, arg);
      g_autofree char *path = g_file_get_path (file);

      if (self->store != NULL && g_strcmp0 (path, xb_store_get_path (self->store)) != 0)
        g_application_command_line_printerr (cmdline, "%s\n",
                                             _("Xinbao is already running with another database."));
      else
        xb_application_set_store_path (self, path);
    }

  g_variant_dict_lookup (options, "server", "&s", &server);
  g_variant_dict_lookup (options, "username", "&s", &username);
  if (server != NULL || username != NULL)
    {
      const char *password = g_application_command_line_getenv (cmdline, "XINBAO_PASSWORD");

      g_free (self->cmd_server);
      self->cmd_server = g_strdup (server);
      g_free (self->cmd_username);
      self->cmd_username = g_strdup (username);
      g_free (self->cmd_password);
      self->cmd_password = g_strdup (password);
    }

  /* A second "xinbao --server … --username …" signs the running one in. */
  sign_in_now = self->started && self->store_path == NULL && (server != NULL || username != NULL);
  g_application_activate (app);
  if (sign_in_now)
    sign_in_from_command_line (self);
  return EXIT_SUCCESS;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing rather than quitting lets each window save its size. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { _("The Xinbao developers"), NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Xinbao"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Xinbao developers"),
                         "developers", developers,
                         "comments", _("Write, sign off and report government-affairs information"),
                         "copyright", _("© 2026 The Xinbao developers"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: your names, one per line, e.g. "张三 <zhangsan@example.cn>". */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  /* GtkApplicationWindow builds the window from gtk/help-overlay.ui. */
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
sign_out_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  XbApplication *self = user_data;
  guint queued = self->engine ? xb_sync_engine_get_queued (self->engine) : 0;
  GtkWidget *dialog;

  if (queued == 0)
    {
      xb_application_sign_out (self);
      return;
    }

  /* Unsent work survives signing out, but the user should know it waits. */
  dialog = adw_message_dialog_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                   _("Sign Out With Changes Not Sent?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  ngettext ("%u change has not reached the server yet. It stays on this computer and is sent when you sign in again as %s.",
                                            "%u changes have not reached the server yet. They stay on this computer and are sent when you sign in again as %s.",
                                            queued),
                                  queued, self->username ? self->username : "");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sign-out", _("_Sign Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign-out",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response::sign-out",
                           G_CALLBACK (xb_application_sign_out), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A notification was clicked: show its item. */
static void
show_item_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  XbApplication *self = XB_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (self));
      window = gtk_application_get_active_window (GTK_APPLICATION (self));
    }
  if (XB_IS_WINDOW (window))
    {
      xb_window_show_item (XB_WINDOW (window), g_variant_get_string (parameter, NULL));
      gtk_window_present (window);
    }
}

static const GActionEntry app_actions[] = {
  { "show-item", show_item_action, "s" },
  { "quit", quit_action },
  { "about", about_action },
  { "shortcuts", shortcuts_action },
  { "sign-out", sign_out_action },
};

static void
xb_application_startup (GApplication *app)
{
  static const char *no_accels[] = { NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (xb_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (app), "sign-out")),
                               FALSE);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  /* The menu shows app.shortcuts, so the accelerator moves there. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", no_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.shortcuts", shortcuts_accels);
}

static void
xb_application_shutdown (GApplication *app)
{
  /* Whatever is in flight is cancelled; the outbox keeps the queue. */
  drop_engine (XB_APPLICATION (app));
  G_APPLICATION_CLASS (xb_application_parent_class)->shutdown (app);
}

static void
xb_application_dispose (GObject *object)
{
  XbApplication *self = XB_APPLICATION (object);

  drop_engine (self);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (xb_application_parent_class)->dispose (object);
}

static void
xb_application_finalize (GObject *object)
{
  XbApplication *self = XB_APPLICATION (object);

  g_clear_pointer (&self->store_path, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->cmd_server, g_free);
  g_clear_pointer (&self->cmd_username, g_free);
  if (self->cmd_password != NULL)
    memset (self->cmd_password, 0, strlen (self->cmd_password));
  g_clear_pointer (&self->cmd_password, g_free);

  G_OBJECT_CLASS (xb_application_parent_class)->finalize (object);
}

static void
xb_application_class_init (XbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = xb_application_dispose;
  object_class->finalize = xb_application_finalize;
  app_class->startup = xb_application_startup;
  app_class->shutdown = xb_application_shutdown;
  app_class->activate = xb_application_activate;
  app_class->command_line = xb_application_command_line;
}

static void
xb_application_init (XbApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Write, sign off and report government-affairs information."));
}

XbApplication *
xb_application_new (void)
{
  return g_object_new (XB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/cn/gov/Xinbao",
                       NULL);
}

GSettings *
xb_application_get_settings (XbApplication *self)
{
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  g_return_val_if_fail (XB_IS_APPLICATION (self), NULL);

  if (self->settings_looked_up)
    return self->settings;
  self->settings_looked_up = TRUE;

  /* Running from the build tree without GSETTINGS_SCHEMA_DIR must not abort. */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new_full (schema, NULL, NULL);
  else
    g_message ("The settings schema %s is not installed; settings will not be kept", APP_ID);
  return self->settings;
}

char *
xb_application_dup_store_path (XbApplication *self)
{
  g_return_val_if_fail (XB_IS_APPLICATION (self), NULL);

  if (self->store != NULL)
    return g_strdup (xb_store_get_path (self->store));
  return g_strdup (self->store_path);
}

void
xb_application_set_store_path (XbApplication *self,
                               const char    *path)
{
  g_return_if_fail (XB_IS_APPLICATION (self));

  g_free (self->store_path);
  self->store_path = g_strdup (path);
}

XbStore *
xb_application_get_store (XbApplication *self)
{
  g_return_val_if_fail (XB_IS_APPLICATION (self), NULL);
  return self->store;
}

XbSyncEngine *
xb_application_get_engine (XbApplication *self)
{
  g_return_val_if_fail (XB_IS_APPLICATION (self), NULL);
  return self->engine;
}

XbSyncClient *
xb_application_get_client (XbApplication *self)
{
  g_return_val_if_fail (XB_IS_APPLICATION (self), NULL);
  return self->client;
}
