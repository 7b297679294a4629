/* The sign-in page: server address, username and password, with errors in plain words. */
#include "config.h"

#include <glib/gi18n.h>

#include "xb-application.h"
#include "xb-signin-page.h"

struct _XbSigninPage
{
  GtkWidget             parent_instance;

  GtkScrolledWindow    *scroller;
  AdwPreferencesGroup  *fields;
  AdwEntryRow          *server_row;
  AdwEntryRow          *username_row;
  AdwEntryRow          *password_row;
  AdwExpanderRow       *advanced_row;
  AdwEntryRow          *certificate_row;
  GtkBox               *error_box;
  GtkLabel             *error_label;
  GtkButton            *sign_in_button;
  GtkSpinner           *spinner;
  GtkLabel             *button_label;

  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  gboolean              busy;
};

G_DEFINE_FINAL_TYPE (XbSigninPage, xb_signin_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
field_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
is_blank (const char *text)
{
  for (; text && *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
can_sign_in (XbSigninPage *self)
{
  return !self->busy &&
         !is_blank (field_text (self->server_row)) &&
         !is_blank (field_text (self->username_row)) &&
         *field_text (self->password_row) != '\0';
}

static void
update_action (XbSigninPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signin.sign-in", can_sign_in (self));
}

static void
set_busy (XbSigninPage *self,
          gboolean      busy)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  /* A focused entry made insensitive never hears that it lost the focus
   * (GTK 4.8 then warns from its cursor blink); let go of it first. */
  if (busy && focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    gtk_root_set_focus (root, NULL);

  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_label_set_text_with_mnemonic (self->button_label, busy ? _("Signing In…") : _("_Sign In"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->fields), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->advanced_row), !busy);
  update_action (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_field_changed (XbSigninPage *self)
{
  update_action (self);
}

static void
on_server_activated (XbSigninPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
}

static void
on_username_activated (XbSigninPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
on_password_activated (XbSigninPage *self)
{
  if (can_sign_in (self))
    gtk_widget_activate_action (GTK_WIDGET (self), "signin.sign-in", NULL);
}

static XbApplication *
get_application (XbSigninPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  return XB_IS_APPLICATION (app) ? XB_APPLICATION (app) : NULL;
}

static void
sign_in_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(XbSigninPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (xb_application_sign_in_finish (XB_APPLICATION (object), result, &error))
    {
      /* The window has moved on to the items; nothing of the password stays. */
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      set_busy (self, FALSE);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  xb_signin_page_set_error (self, error->message);

  /* Put the cursor where the fix goes. */
  if (g_error_matches (error, XB_ERROR, XB_ERROR_UNAUTHORIZED))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
    }
  else if (g_error_matches (error, XB_ERROR, XB_ERROR_CERTIFICATE))
    {
      adw_expander_row_set_expanded (self->advanced_row, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->certificate_row));
    }
  else if (g_error_matches (error, XB_ERROR, XB_ERROR_OFFLINE) ||
           g_error_matches (error, XB_ERROR, XB_ERROR_INVALID))
    gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  XbSigninPage *self = XB_SIGNIN_PAGE (widget);
  XbApplication *app = get_application (self);
  g_autofree char *server = NULL;
  g_autofree char *username = NULL;
  g_autofree char *certificate = NULL;

  if (!can_sign_in (self) || app == NULL)
    return;

  server = g_strstrip (g_strdup (field_text (self->server_row)));
  username = g_strstrip (g_strdup (field_text (self->username_row)));
  certificate = g_strstrip (g_strdup (field_text (self->certificate_row)));

  xb_signin_page_set_error (self, NULL);
  set_busy (self, TRUE);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  xb_application_sign_in_async (app, server, username, field_text (self->password_row),
                                certificate, self->cancellable,
                                sign_in_done, g_object_ref (self));
}

static void
on_chooser_response (XbSigninPage         *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->certificate_row), path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_certificate_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  XbSigninPage *self = XB_SIGNIN_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Choose the Server's Certificate"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Certificates (PEM)"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_filter_add_pattern (filter, "*.cer");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (on_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
xb_signin_page_dispose (GObject *object)
{
  XbSigninPage *self = XB_SIGNIN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), XB_TYPE_SIGNIN_PAGE);

  G_OBJECT_CLASS (xb_signin_page_parent_class)->dispose (object);
}

static void
xb_signin_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  XbSigninPage *self = XB_SIGNIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_ERROR:
      g_value_set_string (value, xb_signin_page_get_error (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xb_signin_page_class_init (XbSigninPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xb_signin_page_dispose;
  object_class->get_property = xb_signin_page_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/Xinbao/ui/xb-signin-page.ui");
  gtk_widget_class_bind_template_child (widget_class, XbSigninPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, XbSigninPage, fields);
  gtk_widget_class_bind_template_child (widget_class, XbSigninPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, XbSigninPage, username_row);
  gtk_widget_class_bind_template_child (widget_class, XbSigninPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, XbSigninPage, advanced_row);
  gtk_widget_class_bind_template_child (widget_class, XbSigninPage, certificate_row);
  gtk_widget_class_bind_template_child (widget_class, XbSigninPage, error_box);
  gtk_widget_class_bind_template_child (widget_class, XbSigninPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, XbSigninPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, XbSigninPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, XbSigninPage, button_label);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_server_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_username_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_password_activated);

  gtk_widget_class_install_action (widget_class, "signin.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "signin.choose-certificate", NULL,
                                   choose_certificate_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "xb-signin-page");
}

static void
xb_signin_page_init (XbSigninPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_action (self);
}

GtkWidget *
xb_signin_page_new (void)
{
  return g_object_new (XB_TYPE_SIGNIN_PAGE, NULL);
}

void
xb_signin_page_prefill (XbSigninPage *self,
                        const char   *server_url,
                        const char   *username,
                        const char   *pinned_certificate)
{
  g_return_if_fail (XB_IS_SIGNIN_PAGE (self));

  if (server_url != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->server_row), server_url);
  if (username != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->username_row), username);
  if (pinned_certificate != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->certificate_row), pinned_certificate);
      if (*pinned_certificate != '\0')
        adw_expander_row_set_expanded (self->advanced_row, TRUE);
    }
  update_action (self);
}

void
xb_signin_page_set_error (XbSigninPage *self,
                          const char   *message)
{
  g_return_if_fail (XB_IS_SIGNIN_PAGE (self));

  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_box), message != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

const char *
xb_signin_page_get_error (XbSigninPage *self)
{
  g_return_val_if_fail (XB_IS_SIGNIN_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_box)))
    return NULL;
  return gtk_label_get_label (self->error_label);
}

gboolean
xb_signin_page_get_busy (XbSigninPage *self)
{
  g_return_val_if_fail (XB_IS_SIGNIN_PAGE (self), FALSE);
  return self->busy;
}

void
xb_signin_page_focus_first_empty (XbSigninPage *self)
{
  AdwEntryRow *rows[] = { self->server_row, self->username_row, self->password_row };

  g_return_if_fail (XB_IS_SIGNIN_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (is_blank (field_text (rows[i])))
      {
        gtk_widget_grab_focus (GTK_WIDGET (rows[i]));
        return;
      }
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

AdwEntryRow *
xb_signin_page_get_server_row (XbSigninPage *self)
{
  g_return_val_if_fail (XB_IS_SIGNIN_PAGE (self), NULL);
  return self->server_row;
}

AdwEntryRow *
xb_signin_page_get_username_row (XbSigninPage *self)
{
  g_return_val_if_fail (XB_IS_SIGNIN_PAGE (self), NULL);
  return self->username_row;
}

AdwEntryRow *
xb_signin_page_get_password_row (XbSigninPage *self)
{
  g_return_val_if_fail (XB_IS_SIGNIN_PAGE (self), NULL);
  return self->password_row;
}

GtkButton *
xb_signin_page_get_sign_in_button (XbSigninPage *self)
{
  g_return_val_if_fail (XB_IS_SIGNIN_PAGE (self), NULL);
  return self->sign_in_button;
}
