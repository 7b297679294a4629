/* The attachments of a draft: add with a file chooser or by dropping files, open, remove; size-limited. */
#include "config.h"

#include <glib/gi18n.h>

#include "xb-attachment-list.h"
#include "xb-codec.h"
#include "xb-store-files.h"

struct _XbAttachmentList
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkWidget  *group;      /* AdwPreferencesGroup */
  GtkWidget  *message;    /* why the last file was refused */
  GtkWidget  *add_button;
  GPtrArray  *rows;       /* the rows on show */
  GPtrArray  *attachments;
  XbStore    *store;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (XbAttachmentList, xb_attachment_list, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild (XbAttachmentList *self);

/* Shown under the list until the next file is added or removed. */
static void
fail (XbAttachmentList *self, const char *message)
{
  gtk_label_set_text (GTK_LABEL (self->message), message);
  gtk_widget_set_visible (self->message, TRUE);
  g_signal_emit (self, signals[FAILED], 0, message);
}

static void
clear_message (XbAttachmentList *self)
{
  gtk_label_set_text (GTK_LABEL (self->message), "");
  gtk_widget_set_visible (self->message, FALSE);
}

static void
on_open_clicked (GtkButton *button, XbAttachmentList *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "position"));
  XbAttachment *a = g_ptr_array_index (self->attachments, position);
  g_autofree char *path = xb_store_attachment_path (self->store, a->sha256);
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not on this computer."), a->filename);
      fail (self, message);
      return;
    }
  uri = g_filename_to_uri (path, NULL, NULL);
  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not open “%s”: %s"), a->filename, error->message);
      fail (self, message);
    }
}

static void
on_remove_clicked (GtkButton *button, XbAttachmentList *self)
{
  xb_attachment_list_remove (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "position")));
}

static GtkWidget *
row_button (const char *icon, const char *label, guint position, GCallback callback, XbAttachmentList *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (button), "position", GUINT_TO_POINTER (position));
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
attachment_row (XbAttachmentList *self, const XbAttachment *a, guint position)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *size = g_format_size ((guint64) a->size);
  g_autofree char *open_label = g_strdup_printf (_("Open “%s”"), a->filename);
  g_autofree char *remove_label = g_strdup_printf (_("Remove “%s”"), a->filename);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), a->filename);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("document-open-symbolic", open_label, position, G_CALLBACK (on_open_clicked), self));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("user-trash-symbolic", remove_label, position, G_CALLBACK (on_remove_clicked), self));
  return row;
}

static void
rebuild (XbAttachmentList *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->group), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < self->attachments->len; i++)
    {
      GtkWidget *row = attachment_row (self, self->attachments->pdata[i], i);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), row);
      g_ptr_array_add (self->rows, row);
    }
  if (self->attachments->len == 0)
    {
      g_autofree char *hint = g_strdup_printf (_("Documents, tables or photos that go with the item; drop files here. At most %d MB each."),
                                               XB_ATTACHMENT_MAX_BYTES / (1024 * 1024));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group), hint);
    }
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group), NULL);
}

static void
on_chooser_response (GtkNativeDialog *dialog, int response, XbAttachmentList *self)
{
  g_autoptr(GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          g_autoptr(GError) error = NULL;
          if (!xb_attachment_list_add_file (self, file, &error))
            fail (self, error->message);
        }
    }
  g_clear_object (&self->chooser);
}

static void
on_add_clicked (XbAttachmentList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  self->chooser = gtk_file_chooser_native_new (_("Add Attachments"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, XbAttachmentList *self)
{
  GSList *files = g_value_get_boxed (value);

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autoptr(GError) error = NULL;
      if (!xb_attachment_list_add_file (self, l->data, &error))
        fail (self, error->message);
    }
  return files != NULL;
}

static void
xb_attachment_list_dispose (GObject *object)
{
  XbAttachmentList *self = XB_ATTACHMENT_LIST (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (xb_attachment_list_parent_class)->dispose (object);
}

static void
xb_attachment_list_class_init (XbAttachmentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xb_attachment_list_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
xb_attachment_list_init (XbAttachmentList *self)
{
  self->rows = g_ptr_array_new ();
  self->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_attachment_free);
  self->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), _("Attachments"));
  self->add_button = gtk_button_new_with_mnemonic (_("_Add Attachment…"));
  gtk_widget_add_css_class (self->add_button, "flat");
  gtk_widget_set_valign (self->add_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add_clicked), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->group), self->add_button);
  self->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->message), 0);
  gtk_widget_add_css_class (self->message, "error");
  gtk_widget_set_visible (self->message, FALSE);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self->box), self->group);
  gtk_box_append (GTK_BOX (self->box), self->message);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  rebuild (self);
}

GtkWidget *
xb_attachment_list_new (void)
{
  return g_object_new (XB_TYPE_ATTACHMENT_LIST, NULL);
}

void
xb_attachment_list_set_store (XbAttachmentList *self,
                              XbStore          *store)
{
  g_return_if_fail (XB_IS_ATTACHMENT_LIST (self));
  g_set_object (&self->store, store);
}

void
xb_attachment_list_set_attachments (XbAttachmentList *self,
                                    GPtrArray        *attachments)
{
  g_return_if_fail (XB_IS_ATTACHMENT_LIST (self));
  g_ptr_array_set_size (self->attachments, 0);
  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    g_ptr_array_add (self->attachments, xb_attachment_copy (attachments->pdata[i]));
  rebuild (self);
}

GPtrArray *
xb_attachment_list_get_attachments (XbAttachmentList *self)
{
  g_return_val_if_fail (XB_IS_ATTACHMENT_LIST (self), NULL);
  return self->attachments;
}

gboolean
xb_attachment_list_add_file (XbAttachmentList *self,
                             GFile            *file,
                             GError          **error)
{
  g_autoptr(XbAttachment) a = NULL;

  g_return_val_if_fail (XB_IS_ATTACHMENT_LIST (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);
  if (self->attachments->len >= XB_ATTACHMENTS_MAX)
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                        _("An item holds at most %d attachments."), XB_ATTACHMENTS_MAX), FALSE;
  if ((a = xb_store_keep_attachment (self->store, file, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < self->attachments->len; i++)
    if (g_strcmp0 (((XbAttachment *) self->attachments->pdata[i])->sha256, a->sha256) == 0)
      return g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                          _("“%s” is already attached."), a->filename), FALSE;
  g_ptr_array_add (self->attachments, g_steal_pointer (&a));
  clear_message (self);
  rebuild (self);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

void
xb_attachment_list_remove (XbAttachmentList *self,
                           guint             position)
{
  g_return_if_fail (XB_IS_ATTACHMENT_LIST (self));
  g_return_if_fail (position < self->attachments->len);
  g_ptr_array_remove_index (self->attachments, position);
  clear_message (self);
  rebuild (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
xb_attachment_list_accept_drops_on (XbAttachmentList *self,
                                    GtkWidget        *widget)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (target));
}

GtkLabel *
xb_attachment_list_get_message_label (XbAttachmentList *self)
{
  g_return_val_if_fail (XB_IS_ATTACHMENT_LIST (self), NULL);
  return GTK_LABEL (self->message);
}
