/* The editor's merge: several items folded into one comprehensive item the editor writes. */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "xb-merge-dialog.h"
#include "xb-workflow.h"

struct _XbMergeDialog
{
  AdwWindow     parent_instance;

  XbStore      *store;
  XbSyncEngine *engine;
  GPtrArray    *sources;    /* XbItem* */
  GtkWidget    *title;
  GtkWidget    *body;
  GtkWidget    *importance;
  GtkWidget    *merge_button;
};

G_DEFINE_FINAL_TYPE (XbMergeDialog, xb_merge_dialog, ADW_TYPE_WINDOW)

enum {
  MERGED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
body_text (XbMergeDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
update_sensitive (XbMergeDialog *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title))));
  g_autofree char *body = body_text (self);

  gtk_widget_set_sensitive (self->merge_button, *title != '\0' && *body != '\0' && self->sources->len > 0);
}

/* The state machine says whether the signed-in editor may merge each source,
 * so a refusal names the item before anything is queued. */
static gboolean
check_sources (XbMergeDialog *self, GError **error)
{
  g_autoptr(XbUser) user = xb_store_dup_signed_in_user (self->store);
  XbActor actor = { 0 };
  XbPolicy policy;

  if (user == NULL)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_UNAUTHORIZED, _("Sign in to merge items.")), FALSE;
  if (!xb_store_get_policy (self->store, &policy, error))
    return FALSE;
  actor.user_id = user->id;
  actor.unit_id = user->unit_id;
  actor.roles = user->roles;
  for (guint i = 0; i < self->sources->len; i++)
    {
      const XbItem *source = self->sources->pdata[i];
      XbUnitFacts facts = { xb_store_unit_has_leader (self->store, source->unit_id) };
      g_autoptr(GError) why = NULL;

      if (!xb_workflow_check (source, &facts, &policy, &actor, XB_ACTION_MERGE, NULL, &why))
        /* Translators: an item that cannot be merged, and why */
        return g_set_error (error, XB_ERROR, why->code, _("“%s” cannot be merged: %s"), source->title,
                            why->message), FALSE;
    }
  return TRUE;
}

static char *
compose_extra (XbMergeDialog *self, const char *title, const char *body)
{
  const XbItem *first = self->sources->pdata[0];
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "item");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, body);
  json_builder_set_member_name (builder, "category");
  json_builder_add_string_value (builder, first->category != NULL ? first->category : "");
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, xb_item_type_to_string (XB_ITEM_TYPE_COMPREHENSIVE));
  json_builder_set_member_name (builder, "angle");
  json_builder_add_string_value (builder, xb_angle_to_string (first->angle));
  json_builder_set_member_name (builder, "importance");
  json_builder_add_string_value (builder,
                                 xb_importance_to_string (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->importance))));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->sources->len; i++)
    json_builder_add_string_value (builder, ((XbItem *) self->sources->pdata[i])->uuid);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

char *
xb_merge_dialog_merge (XbMergeDialog *self,
                       GError       **error)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *extra = NULL;
  g_autofree char *uuid = xb_uuid_new ();

  g_return_val_if_fail (XB_IS_MERGE_DIALOG (self), NULL);
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title))));
  body = body_text (self);
  if (self->sources->len == 0)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID, _("Choose the items to merge.")), NULL;
  if (*title == '\0' || *body == '\0')
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID,
                                _("Write the comprehensive item’s title and text.")), NULL;
  if (self->engine == NULL)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_UNAUTHORIZED, _("Sign in to merge items.")), NULL;
  if (!check_sources (self, error))
    return NULL;
  extra = compose_extra (self, title, body);
  if (!xb_sync_engine_act (self->engine, uuid, XB_ACTION_COMPOSE, NULL, extra, error))
    return NULL;
  g_signal_emit (self, signals[MERGED], 0, uuid);
  return g_steal_pointer (&uuid);
}

static void
on_merge_clicked (XbMergeDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = xb_merge_dialog_merge (self, &error);

  if (uuid == NULL)
    {
      g_signal_emit (self, signals[FAILED], 0, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- building ---------------------------------------------------------------------- */

static GtkWidget *
sources_group (XbMergeDialog *self)
{
  g_autoptr(GHashTable) units = xb_store_unit_names (self->store, NULL);
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Items Merged"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Each source unit is credited with the comprehensive item."));
  for (guint i = 0; i < self->sources->len; i++)
    {
      const XbItem *source = self->sources->pdata[i];
      const char *unit = units != NULL ? g_hash_table_lookup (units, &source->unit_id) : NULL;
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), source->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), unit != NULL ? unit : _("Unknown"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

static void
prefill (XbMergeDialog *self)
{
  g_autoptr(GString) body = g_string_new (NULL);
  XbImportance importance = XB_IMPORTANCE_GENERAL;

  for (guint i = 0; i < self->sources->len; i++)
    {
      const XbItem *source = self->sources->pdata[i];

      if (body->len > 0)
        g_string_append (body, "\n\n");
      g_string_append_printf (body, "%s\n%s", source->title, source->body != NULL ? source->body : "");
      importance = MAX (importance, source->importance);
    }
  if (self->sources->len > 0)
    gtk_editable_set_text (GTK_EDITABLE (self->title), ((XbItem *) self->sources->pdata[0])->title);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body)), body->str, -1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->importance), importance);
}

static GtkWidget *
text_group (XbMergeDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *heading = gtk_label_new (_("Comprehensive Item"));
  GtkWidget *row;
  const char *levels[XB_N_IMPORTANCES + 1] = { NULL };

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (box), heading);
  self->title = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->title), _("Title"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->title), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);
  gtk_box_append (GTK_BOX (box), self->title);

  self->body = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->body), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->body), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->body), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->body), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->body), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->body), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Text"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->body);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 220);
  gtk_frame_set_child (GTK_FRAME (frame), scroller);
  gtk_box_append (GTK_BOX (box), frame);

  for (int i = 0; i < XB_N_IMPORTANCES; i++)
    levels[i] = xb_importance_label (i);
  self->importance = gtk_drop_down_new_from_strings (levels);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->importance), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Importance"), -1);
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (row), gtk_label_new (_("Importance")));
  gtk_box_append (GTK_BOX (row), self->importance);
  gtk_box_append (GTK_BOX (box), row);
  return box;
}

static void
build (XbMergeDialog *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self);
  self->merge_button = gtk_button_new_with_mnemonic (_("_Merge"));
  gtk_widget_add_css_class (self->merge_button, "suggested-action");
  g_signal_connect_swapped (self->merge_button, "clicked", G_CALLBACK (on_merge_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->merge_button);
  gtk_box_append (GTK_BOX (content), header);

  gtk_box_append (GTK_BOX (box), sources_group (self));
  gtk_box_append (GTK_BOX (box), text_group (self));
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (content), scroller);
  adw_window_set_content (ADW_WINDOW (self), content);

  prefill (self);
  g_signal_connect_swapped (self->title, "changed", G_CALLBACK (update_sensitive), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body)), "changed",
                            G_CALLBACK (update_sensitive), self);
  update_sensitive (self);
}

static void
xb_merge_dialog_dispose (GObject *object)
{
  XbMergeDialog *self = XB_MERGE_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  G_OBJECT_CLASS (xb_merge_dialog_parent_class)->dispose (object);
}

static void
xb_merge_dialog_class_init (XbMergeDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_merge_dialog_dispose;
  signals[MERGED] = g_signal_new ("merged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
xb_merge_dialog_init (XbMergeDialog *self)
{
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_item_free);
  gtk_window_set_title (GTK_WINDOW (self), _("Merge Items"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 720);
}

XbMergeDialog *
xb_merge_dialog_new (GtkWindow          *parent,
                     XbStore            *store,
                     XbSyncEngine       *engine,
                     const char * const *uuids)
{
  XbMergeDialog *self = g_object_new (XB_TYPE_MERGE_DIALOG, NULL);

  g_return_val_if_fail (XB_IS_STORE (store), NULL);
  gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  self->store = g_object_ref (store);
  self->engine = engine != NULL ? g_object_ref (engine) : NULL;
  for (guint i = 0; uuids != NULL && uuids[i] != NULL; i++)
    {
      XbItem *item = xb_store_get_item (store, uuids[i], NULL);

      if (item != NULL)
        g_ptr_array_add (self->sources, item);
    }
  build (self);
  return self;
}

GtkEditable *
xb_merge_dialog_get_title (XbMergeDialog *self)
{
  g_return_val_if_fail (XB_IS_MERGE_DIALOG (self), NULL);
  return GTK_EDITABLE (self->title);
}

GtkTextBuffer *
xb_merge_dialog_get_body (XbMergeDialog *self)
{
  g_return_val_if_fail (XB_IS_MERGE_DIALOG (self), NULL);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body));
}

guint
xb_merge_dialog_get_n_sources (XbMergeDialog *self)
{
  g_return_val_if_fail (XB_IS_MERGE_DIALOG (self), 0);
  return self->sources->len;
}
