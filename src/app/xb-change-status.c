/* What became of an item's local changes: queued for the server, or refused in the server's words with Retry and Discard. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "xb-change-status.h"

struct _XbChangeStatus
{
  GtkWidget     parent_instance;

  GtkWidget    *box;
  GtkLabel     *label;
  GtkButton    *retry_button;
  GtkButton    *discard_button;

  XbStore      *store;
  XbSyncEngine *engine;
  char         *uuid;
};

G_DEFINE_FINAL_TYPE (XbChangeStatus, xb_change_status, GTK_TYPE_WIDGET)

enum {
  SIGNAL_FAILED,
  SIGNAL_DISCARDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The server's words on the item's first refused change, or NULL. */
static char *
dup_refusal (XbChangeStatus *self)
{
  char *message;

  if (!xb_store_outbox_first_failure (self->store, self->uuid, &message))
    return NULL;
  return message != NULL ? message : g_strdup (_("no reason given"));
}

void
xb_change_status_refresh (XbChangeStatus *self)
{
  g_autofree char *refusal = NULL;
  g_autofree char *text = NULL;
  guint queued = 0;

  g_return_if_fail (XB_IS_CHANGE_STATUS (self));
  if (self->store != NULL && self->uuid != NULL)
    {
      queued = xb_store_outbox_count (self->store, self->uuid);
      refusal = dup_refusal (self);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), queued > 0 || refusal != NULL);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->retry_button)), refusal != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), refusal != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->discard_button), refusal != NULL);
  if (refusal != NULL)
    {
      text = g_strdup_printf (_("The office refused this change: %s"), refusal);
      gtk_label_set_text (self->label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->label), "error");
    }
  else
    {
      gtk_label_set_text (self->label, _("Queued: waiting to be delivered to the server"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->label), "error");
    }
}

static void
on_retry_clicked (XbChangeStatus *self)
{
  g_autoptr(GError) error = NULL;

  if (self->engine != NULL && self->uuid != NULL && !xb_sync_engine_retry (self->engine, self->uuid, &error))
    g_signal_emit (self, signals[SIGNAL_FAILED], 0, error->message);
  xb_change_status_refresh (self);
}

static void
discard (XbChangeStatus *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_strdup (self->uuid);

  if (self->engine == NULL || uuid == NULL)
    return;
  if (!xb_sync_engine_discard (self->engine, uuid, &error))
    g_signal_emit (self, signals[SIGNAL_FAILED], 0, error->message);
  else
    g_signal_emit (self, signals[SIGNAL_DISCARDED], 0, uuid);
  xb_change_status_refresh (self);
}

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     XbChangeStatus   *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    discard (self);
}

/* An item the server never took (nothing of it recorded) goes with its
 * changes; any other item gets the server's copy back. */
static gboolean
never_taken (XbChangeStatus *self)
{
  g_autoptr(XbItem) item = xb_store_get_item (self->store, self->uuid, NULL);

  return item != NULL && item->events->len == 0;
}

static void
on_discard_clicked (XbChangeStatus *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean is_new = self->store != NULL && self->uuid != NULL && never_taken (self);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   is_new ? _("Discard New Item?") : _("Discard Refused Changes?"),
                                   is_new ? _("The server never accepted this item, so it is removed from "
                                              "this computer as well. Its text cannot be recovered.")
                                          : _("Your changes to this item that the server refused, and any "
                                              "made after them, are dropped; the item shows what the server "
                                              "has."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", is_new ? _("_Discard Item") : _("_Discard Changes"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkButton *
new_button (const char *label)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return GTK_BUTTON (button);
}

static void
xb_change_status_init (XbChangeStatus *self)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  /* The server's words above the buttons: beside them, a phone's width
   * squeezed them into a narrow column. */
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->label, 0);
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_wrap_mode (self->label, PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  self->retry_button = new_button (_("_Retry"));
  self->discard_button = new_button (_("_Discard Change"));
  gtk_widget_add_css_class (GTK_WIDGET (self->discard_button), "destructive-action");
  g_signal_connect_object (self->retry_button, "clicked", G_CALLBACK (on_retry_clicked), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->discard_button, "clicked", G_CALLBACK (on_discard_clicked), self, G_CONNECT_SWAPPED);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->retry_button));
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->discard_button));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (self->box), buttons);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

static void
xb_change_status_dispose (GObject *object)
{
  XbChangeStatus *self = XB_CHANGE_STATUS (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->uuid, g_free);
  G_OBJECT_CLASS (xb_change_status_parent_class)->dispose (object);
}

static void
xb_change_status_class_init (XbChangeStatusClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_change_status_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  signals[SIGNAL_FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_DISCARDED] = g_signal_new ("discarded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

GtkWidget *
xb_change_status_new (void)
{
  return g_object_new (XB_TYPE_CHANGE_STATUS, NULL);
}

void
xb_change_status_set_store (XbChangeStatus *self,
                            XbStore        *store)
{
  g_return_if_fail (XB_IS_CHANGE_STATUS (self));
  g_set_object (&self->store, store);
  xb_change_status_refresh (self);
}

void
xb_change_status_set_engine (XbChangeStatus *self,
                             XbSyncEngine   *engine)
{
  g_return_if_fail (XB_IS_CHANGE_STATUS (self));
  g_set_object (&self->engine, engine);
}

void
xb_change_status_show (XbChangeStatus *self,
                       const char     *uuid)
{
  g_return_if_fail (XB_IS_CHANGE_STATUS (self));
  if (g_strcmp0 (self->uuid, uuid) != 0)
    {
      g_free (self->uuid);
      self->uuid = g_strdup (uuid);
    }
  xb_change_status_refresh (self);
}

GtkLabel *
xb_change_status_get_label (XbChangeStatus *self)
{
  g_return_val_if_fail (XB_IS_CHANGE_STATUS (self), NULL);
  return self->label;
}

GtkButton *
xb_change_status_get_retry_button (XbChangeStatus *self)
{
  g_return_val_if_fail (XB_IS_CHANGE_STATUS (self), NULL);
  return self->retry_button;
}

GtkButton *
xb_change_status_get_discard_button (XbChangeStatus *self)
{
  g_return_val_if_fail (XB_IS_CHANGE_STATUS (self), NULL);
  return self->discard_button;
}
