/* The editor's changes to an item in the office: text, importance, category and type (the unit's original stays in the history). */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "xb-office-edit-dialog.h"

struct _XbOfficeEditDialog
{
  AdwMessageDialog parent_instance;

  XbSyncEngine *engine;
  XbItem       *item;
  GStrv         categories;
  GtkWidget    *title;
  GtkWidget    *body;
  GtkWidget    *importance;
  GtkWidget    *type;
  GtkWidget    *category;
};

G_DEFINE_FINAL_TYPE (XbOfficeEditDialog, xb_office_edit_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  SAVED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
body_text (XbOfficeEditDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
add_if_changed (JsonBuilder *builder, guint *n, const char *name, const char *now, const char *before)
{
  if (g_strcmp0 (now, before) == 0)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, now);
  (*n)++;
}

gboolean
xb_office_edit_dialog_save (XbOfficeEditDialog *self,
                            GError            **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *extra = NULL;
  const XbItem *item;
  guint category, n = 0;

  g_return_val_if_fail (XB_IS_OFFICE_EDIT_DIALOG (self), FALSE);
  item = self->item;
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title))));
  body = body_text (self);
  category = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->category));
  if (*title == '\0' || *body == '\0')
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID, _("The item needs a title and a text.")), FALSE;
  if (self->engine == NULL)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_UNAUTHORIZED, _("Sign in to edit items.")), FALSE;
  json_builder_begin_object (builder);
  add_if_changed (builder, &n, "title", title, item->title);
  add_if_changed (builder, &n, "body", body, item->body);
  if (category < g_strv_length (self->categories))
    add_if_changed (builder, &n, "category", self->categories[category], item->category);
  add_if_changed (builder, &n, "importance",
                  xb_importance_to_string (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->importance))),
                  xb_importance_to_string (item->importance));
  add_if_changed (builder, &n, "type", xb_item_type_to_string (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->type))),
                  xb_item_type_to_string (item->type));
  json_builder_end_object (builder);
  if (n == 0)
    return TRUE;
  root = json_builder_get_root (builder);
  extra = json_to_string (root, FALSE);
  if (!xb_sync_engine_act (self->engine, item->uuid, XB_ACTION_EDIT, NULL, extra, error))
    return FALSE;
  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}

static void
on_response (XbOfficeEditDialog *self, const char *response)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "save") == 0 && !xb_office_edit_dialog_save (self, &error))
    g_signal_emit (self, signals[FAILED], 0, error->message);
}

static GtkWidget *
choice (GtkWidget *grid, int row, const char *label, const char * const *names, guint selected)
{
  GtkWidget *text = gtk_label_new (label);
  GtkWidget *drop = gtk_drop_down_new_from_strings (names);

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop), selected);
  gtk_widget_set_hexpand (drop, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_grid_attach (GTK_GRID (grid), text, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), drop, 1, row, 1, 1);
  return drop;
}

/* The office's priorities, and the item's own category if it is an old one. */
static void
load_categories (XbOfficeEditDialog *self, XbStore *store)
{
  g_auto(GStrv) priorities = xb_store_list_priorities (store, FALSE, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (priorities != NULL)
    g_strv_builder_addv (builder, (const char **) priorities);
  if (self->item->category != NULL && *self->item->category != '\0'
      && (priorities == NULL || !g_strv_contains ((const char * const *) priorities, self->item->category)))
    g_strv_builder_add (builder, self->item->category);
  self->categories = g_strv_builder_end (builder);
}

static guint
category_index (XbOfficeEditDialog *self)
{
  for (guint i = 0; self->categories[i] != NULL; i++)
    if (g_strcmp0 (self->categories[i], self->item->category) == 0)
      return i;
  return 0;
}

static void
build (XbOfficeEditDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  const char *levels[XB_N_IMPORTANCES + 1] = { NULL };
  const char *types[XB_N_ITEM_TYPES + 1] = { NULL };

  self->title = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (self->title), self->item->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->title), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);
  gtk_box_append (GTK_BOX (box), self->title);

  self->body = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->body), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->body), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->body), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->body), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->body), 6);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body)),
                            self->item->body != NULL ? self->item->body : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->body), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Text"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->body);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 200);
  gtk_frame_set_child (GTK_FRAME (frame), scroller);
  gtk_box_append (GTK_BOX (box), frame);

  for (int i = 0; i < XB_N_IMPORTANCES; i++)
    levels[i] = xb_importance_label (i);
  for (int i = 0; i < XB_N_ITEM_TYPES; i++)
    types[i] = xb_item_type_label (i);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  self->importance = choice (grid, 0, _("Importance"), levels, self->item->importance);
  self->type = choice (grid, 1, _("Type"), types, self->item->type);
  self->category = choice (grid, 2, _("Category"), (const char * const *) self->categories, category_index (self));
  gtk_box_append (GTK_BOX (box), grid);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
}

static void
xb_office_edit_dialog_dispose (GObject *object)
{
  XbOfficeEditDialog *self = XB_OFFICE_EDIT_DIALOG (object);

  g_clear_object (&self->engine);
  g_clear_pointer (&self->item, xb_item_free);
  g_clear_pointer (&self->categories, g_strfreev);
  G_OBJECT_CLASS (xb_office_edit_dialog_parent_class)->dispose (object);
}

static void
xb_office_edit_dialog_class_init (XbOfficeEditDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_office_edit_dialog_dispose;
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
xb_office_edit_dialog_init (XbOfficeEditDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  adw_message_dialog_set_heading (dialog, _("Edit the Item"));
  adw_message_dialog_set_body (dialog, _("The unit’s original text stays in the item’s history."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (self, "response", G_CALLBACK (on_response), NULL);
}

XbOfficeEditDialog *
xb_office_edit_dialog_new (GtkWindow    *parent,
                           XbStore      *store,
                           XbSyncEngine *engine,
                           const XbItem *item)
{
  XbOfficeEditDialog *self;

  g_return_val_if_fail (XB_IS_STORE (store) && item != NULL, NULL);
  self = g_object_new (XB_TYPE_OFFICE_EDIT_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->engine = engine != NULL ? g_object_ref (engine) : NULL;
  self->item = xb_item_copy (item);
  load_categories (self, store);
  build (self);
  return self;
}

GtkEditable *
xb_office_edit_dialog_get_title (XbOfficeEditDialog *self)
{
  g_return_val_if_fail (XB_IS_OFFICE_EDIT_DIALOG (self), NULL);
  return GTK_EDITABLE (self->title);
}

GtkTextBuffer *
xb_office_edit_dialog_get_body (XbOfficeEditDialog *self)
{
  g_return_val_if_fail (XB_IS_OFFICE_EDIT_DIALOG (self), NULL);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body));
}

GtkDropDown *
xb_office_edit_dialog_get_importance (XbOfficeEditDialog *self)
{
  g_return_val_if_fail (XB_IS_OFFICE_EDIT_DIALOG (self), NULL);
  return GTK_DROP_DOWN (self->importance);
}

GtkDropDown *
xb_office_edit_dialog_get_type_choice (XbOfficeEditDialog *self)
{
  g_return_val_if_fail (XB_IS_OFFICE_EDIT_DIALOG (self), NULL);
  return GTK_DROP_DOWN (self->type);
}

GtkDropDown *
xb_office_edit_dialog_get_category (XbOfficeEditDialog *self)
{
  g_return_val_if_fail (XB_IS_OFFICE_EDIT_DIALOG (self), NULL);
  return GTK_DROP_DOWN (self->category);
}
