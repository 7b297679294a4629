/* The Xinbao application: actions, settings, and opening the local store off the main thread. */
#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "xb-application.h"
#include "xb-window.h"

struct _XbApplication
{
  AdwApplication  parent_instance;

  char           *store_path;  /* from --store; NULL for the default */
  XbStore        *store;
  GSettings      *settings;
  gboolean        settings_looked_up;
  gboolean        opening;
};

G_DEFINE_FINAL_TYPE (XbApplication, xb_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "store", 's', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the local database at PATH"), N_("PATH") },
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
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  g_autofree char *dir = g_path_get_dirname (path);
  GError *error = NULL;
  XbStore *store;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               "%s", g_strerror (saved_errno));
      return;
    }

  store = xb_store_open (path, &error);
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

static void
show_open_error (XbApplication *self,
                 const char    *path,
                 const GError  *error)
{
  /* The status page shows markup; a path may hold '&' or '<'. */
  g_autofree char *safe_path = g_markup_escape_text (path, -1);
  g_autofree char *safe_reason = g_markup_escape_text (error->message, -1);
  g_autofree char *description = NULL;
  const char *title;

  if (g_error_matches (error, XB_ERROR, XB_ERROR_TOO_NEW))
    {
      title = _("This Database Is Too New");
      description = g_strdup_printf (_("The database at %s was written by a newer version of Xinbao. Update Xinbao to open it."),
                                     safe_path);
    }
  else
    {
      title = _("Could Not Open the Database");
      description = g_strdup_printf (_("Xinbao could not open its database at %s. Check that the folder exists and that you may write to it. The system said: %s"),
                                     safe_path, safe_reason);
    }

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (XB_IS_WINDOW (l->data))
      xb_window_show_error (XB_WINDOW (l->data), title, description);
}

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

  g_set_object (&self->store, store);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (XB_IS_WINDOW (l->data))
      xb_window_set_store (XB_WINDOW (l->data), store);
}

static void
open_store (XbApplication *self)
{
  char *path;

  if (self->store != NULL || self->opening)
    return;
  self->opening = TRUE;
  path = xb_application_dup_store_path (self);
  xb_application_open_store_async (self, path, NULL, store_opened, path);
}

static void
xb_application_activate (GApplication *app)
{
  XbApplication *self = XB_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (xb_window_new (self, self->store));
  gtk_window_present (window);
  open_store (self);
}

static int
xb_application_command_line (GApplication            *app,
                             GApplicationCommandLine *cmdline)
{
  XbApplication *self = XB_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (cmdline);
  const char *arg = NULL;

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

  g_application_activate (app);
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

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "shortcuts", shortcuts_action },
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
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  /* The menu shows app.shortcuts, so the accelerator moves there. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", no_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.shortcuts", shortcuts_accels);
}

static void
xb_application_dispose (GObject *object)
{
  XbApplication *self = XB_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (xb_application_parent_class)->dispose (object);
}

static void
xb_application_finalize (GObject *object)
{
  XbApplication *self = XB_APPLICATION (object);

  g_clear_pointer (&self->store_path, g_free);

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
  GSettings *settings;
  g_autofree char *configured = NULL;

  g_return_val_if_fail (XB_IS_APPLICATION (self), NULL);

  if (self->store_path != NULL)
    return g_strdup (self->store_path);

  settings = xb_application_get_settings (self);
  if (settings != NULL)
    configured = g_settings_get_string (settings, "store-path");
  if (configured != NULL && *configured != '\0')
    return g_steal_pointer (&configured);

  return g_build_filename (g_get_user_data_dir (), "xinbao", "xinbao.db", NULL);
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
