/* The sync status indicator: synced, syncing with progress, offline with the queue, or the error. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "xb-sync-status.h"

struct _XbSyncStatus
{
  GtkWidget       parent_instance;

  GtkMenuButton  *button;
  GtkStack       *icon_stack;
  GtkImage       *icon;
  GtkSpinner     *spinner;
  GtkLabel       *label;
  GtkProgressBar *progress_bar;
  GtkLabel       *heading;
  GtkLabel       *detail;

  XbSyncEngine   *engine;
};

G_DEFINE_FINAL_TYPE (XbSyncStatus, xb_sync_status, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *state_classes[] = { "success", "warning", "error" };

static void
set_icon (XbSyncStatus *self,
          const char   *icon_name,
          const char   *style_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->icon), state_classes[i]);
  if (style_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->icon), style_class);

  gtk_spinner_set_spinning (self->spinner, icon_name == NULL);
  if (icon_name == NULL)
    {
      gtk_stack_set_visible_child_name (self->icon_stack, "spinner");
      return;
    }
  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_stack_set_visible_child_name (self->icon_stack, "icon");
}

static void
update (XbSyncStatus *self)
{
  g_autofree char *label = NULL;
  g_autofree char *detail = NULL;
  const char *heading = NULL;
  XbSyncState state;
  guint queued;
  double progress;
  const char *error;

  if (self->engine == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      gtk_spinner_set_spinning (self->spinner, FALSE);
      return;
    }

  state = xb_sync_engine_get_state (self->engine);
  queued = xb_sync_engine_get_queued (self->engine);
  progress = xb_sync_engine_get_progress (self->engine);
  error = xb_sync_engine_get_error (self->engine);

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);

  switch (state)
    {
    case XB_SYNC_IDLE:
      label = g_strdup (_("Up to date"));
      detail = g_strdup (_("Everything you wrote has reached the server, and you have everything the server holds for you."));
      set_icon (self, "emblem-ok-symbolic", "success");
      break;

    case XB_SYNC_SYNCING:
      if (progress >= 0)
        {
          /* Translators: the sync indicator while changes come in; %d is a percentage */
          label = g_strdup_printf (_("Receiving changes… %d%%"), (int) (CLAMP (progress, 0, 1) * 100 + 0.5));
          gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (progress, 0, 1));
          gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
        }
      else if (queued > 0)
        label = g_strdup_printf (ngettext ("Sending %u change…", "Sending %u changes…", queued), queued);
      else
        label = g_strdup (_("Syncing…"));
      detail = g_strdup (_("Xinbao is exchanging items with the server."));
      set_icon (self, NULL, NULL);
      break;

    case XB_SYNC_OFFLINE:
      if (queued > 0)
        {
          /* Translators: the sync indicator, kept short; %u changes wait to be sent */
          label = g_strdup_printf (ngettext ("Offline · %u waiting", "Offline · %u waiting", queued), queued);
          detail = g_strdup_printf (ngettext ("The server cannot be reached. %u change waits on this computer and is sent when the connection is back.",
                                              "The server cannot be reached. %u changes wait on this computer and are sent when the connection is back.",
                                              queued), queued);
        }
      else
        {
          label = g_strdup (_("Offline"));
          detail = g_strdup (_("The server cannot be reached. What you write is kept on this computer and sent when the connection is back."));
        }
      set_icon (self, "network-offline-symbolic", "warning");
      break;

    case XB_SYNC_SIGNED_OUT:
      label = g_strdup (_("Signed out"));
      detail = g_strdup (_("The server no longer accepts this sign-in. Sign in again to keep sending and receiving items."));
      set_icon (self, "dialog-password-symbolic", "warning");
      break;

    case XB_SYNC_ERROR:
    default:
      label = g_strdup (_("Sync problem"));
      heading = _("Items could not be synced");
      if (error != NULL && *error != '\0')
        detail = g_strdup (error);
      else
        detail = g_strdup (_("Something went wrong while exchanging items with the server."));
      set_icon (self, "dialog-warning-symbolic", "error");
      break;
    }

  gtk_label_set_label (self->label, label);
  gtk_label_set_label (self->heading, heading ? heading : label);
  gtk_label_set_label (self->detail, detail);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, detail, -1);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  XbSyncStatus *self = XB_SYNC_STATUS (widget);

  gtk_popover_popdown (gtk_menu_button_get_popover (self->button));
  if (self->engine != NULL)
    xb_sync_engine_kick (self->engine);
}

static void
xb_sync_status_dispose (GObject *object)
{
  XbSyncStatus *self = XB_SYNC_STATUS (object);

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  gtk_widget_dispose_template (GTK_WIDGET (self), XB_TYPE_SYNC_STATUS);

  G_OBJECT_CLASS (xb_sync_status_parent_class)->dispose (object);
}

static void
xb_sync_status_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  XbSyncStatus *self = XB_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_LABEL:
      g_value_set_string (value, xb_sync_status_get_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xb_sync_status_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  XbSyncStatus *self = XB_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      xb_sync_status_set_engine (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xb_sync_status_class_init (XbSyncStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xb_sync_status_dispose;
  object_class->get_property = xb_sync_status_get_property;
  object_class->set_property = xb_sync_status_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, XB_TYPE_SYNC_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/Xinbao/ui/xb-sync-status.ui");
  gtk_widget_class_bind_template_child (widget_class, XbSyncStatus, button);
  gtk_widget_class_bind_template_child (widget_class, XbSyncStatus, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, XbSyncStatus, icon);
  gtk_widget_class_bind_template_child (widget_class, XbSyncStatus, spinner);
  gtk_widget_class_bind_template_child (widget_class, XbSyncStatus, label);
  gtk_widget_class_bind_template_child (widget_class, XbSyncStatus, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, XbSyncStatus, heading);
  gtk_widget_class_bind_template_child (widget_class, XbSyncStatus, detail);

  gtk_widget_class_install_action (widget_class, "sync-status.sync-now", NULL, sync_now_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "xb-sync-status");
}

static void
xb_sync_status_init (XbSyncStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
xb_sync_status_new (void)
{
  return g_object_new (XB_TYPE_SYNC_STATUS, NULL);
}

void
xb_sync_status_set_engine (XbSyncStatus *self,
                           XbSyncEngine *engine)
{
  g_return_if_fail (XB_IS_SYNC_STATUS (self));
  g_return_if_fail (engine == NULL || XB_IS_SYNC_ENGINE (engine));

  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);

  if (engine != NULL)
    {
      g_signal_connect_object (engine, "notify::state", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "notify::queued", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "notify::progress", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "notify::error", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

XbSyncEngine *
xb_sync_status_get_engine (XbSyncStatus *self)
{
  g_return_val_if_fail (XB_IS_SYNC_STATUS (self), NULL);
  return self->engine;
}

const char *
xb_sync_status_get_label (XbSyncStatus *self)
{
  g_return_val_if_fail (XB_IS_SYNC_STATUS (self), NULL);
  return self->engine ? gtk_label_get_label (self->label) : NULL;
}

const char *
xb_sync_status_get_detail (XbSyncStatus *self)
{
  g_return_val_if_fail (XB_IS_SYNC_STATUS (self), NULL);
  return self->engine ? gtk_label_get_label (self->detail) : NULL;
}
