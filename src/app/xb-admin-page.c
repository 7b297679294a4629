/* The Administration page: units of the city (list, create, retired ones dimmed); admins only. */
#include "config.h"

#include "xb-admin-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

struct _XbAdminPage
{
  GtkWidget     parent_instance;

  XbStore      *store;
  XbSyncClient *client;
  XbSyncEngine *engine;
  GCancellable *cancellable;

  GtkWidget    *toasts;
  GtkWidget    *page;
  GtkWidget    *name_row;
  GtkWidget    *kind_row;
  GtkWidget    *units_group;
  GtkWidget    *retired_group;
  GPtrArray    *rows;         /* rows added to the two groups */
};

G_DEFINE_FINAL_TYPE (XbAdminPage, xb_admin_page, GTK_TYPE_WIDGET)

static void
toast (XbAdminPage *self, const char *text)
{
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts), adw_toast_new (text));
}

static void
clear_rows (XbAdminPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);
      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
reload (XbAdminPage *self)
{
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GError) error = NULL;
  guint n_retired = 0;

  clear_rows (self);
  if (self->store == NULL)
    return;
  units = xb_store_list_units (self->store, &error);
  if (units == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < units->len; i++)
    {
      XbUnit *unit = g_ptr_array_index (units, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), unit->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), xb_unit_kind_label (unit->kind));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (unit->retired)
        {
          gtk_widget_add_css_class (row, "dim-label");
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->retired_group), row);
          n_retired++;
        }
      else
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->units_group), row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (self->retired_group, n_retired > 0);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->units_group),
                                         units->len == 0
                                         ? _("No units yet. Create the first one above, starting with the city office.")
                                         : NULL);
}

static void
on_created (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(XbAdminPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(XbResponse) response = NULL;

  response = xb_sync_client_request_finish (XB_SYNC_CLIENT (source), result, &error);
  if (response == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  if (response->status >= 300)
    {
      g_autofree char *message = xb_response_dup_message (response);
      toast (self, message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  toast (self, _("Unit created"));
  if (self->engine != NULL)
    xb_sync_engine_kick (self->engine);
}

static void
on_create_clicked (XbAdminPage *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  guint kind = adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind_row));

  if (name[0] == '\0')
    {
      toast (self, _("Type the unit's name first."));
      return;
    }
  if (self->client == NULL)
    {
      toast (self, _("Administration needs a connection to the server; you are offline."));
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, xb_unit_kind_to_string ((XbUnitKind) kind));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  body = json_generator_to_data (generator, NULL);
  xb_sync_client_request_async (self->client, "POST", "/api/v1/admin/units", body,
                                self->cancellable, on_created, g_object_ref (self));
}

static void
build (XbAdminPage *self)
{
  GtkWidget *create_group = adw_preferences_group_new ();
  GtkStringList *kinds = gtk_string_list_new (NULL);
  GtkWidget *button;

  self->toasts = adw_toast_overlay_new ();
  gtk_widget_set_parent (self->toasts, GTK_WIDGET (self));
  self->page = adw_preferences_page_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (self->toasts), self->page);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (create_group), _("New Unit"));
  self->name_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Name"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (create_group), self->name_row);
  for (int k = 0; k < XB_N_UNIT_KINDS; k++)
    gtk_string_list_append (kinds, xb_unit_kind_label ((XbUnitKind) k));
  self->kind_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->kind_row), G_LIST_MODEL (kinds));
  g_object_unref (kinds);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (create_group), self->kind_row);
  button = gtk_button_new_with_mnemonic (_("_Create Unit"));
  gtk_widget_set_name (button, "admin-create-unit");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_margin_top (button, 12);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_create_clicked), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (create_group), button);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (create_group));

  self->units_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->units_group), _("Units"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (self->units_group));
  self->retired_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->retired_group), _("Retired"));
  gtk_widget_set_visible (self->retired_group, FALSE);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (self->retired_group));
}

static void
xb_admin_page_dispose (GObject *object)
{
  XbAdminPage *self = XB_ADMIN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->toasts, gtk_widget_unparent);
  G_OBJECT_CLASS (xb_admin_page_parent_class)->dispose (object);
}

static void
xb_admin_page_class_init (XbAdminPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_admin_page_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
xb_admin_page_init (XbAdminPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  build (self);
}

GtkWidget *
xb_admin_page_new (void)
{
  return g_object_new (XB_TYPE_ADMIN_PAGE, NULL);
}

void
xb_admin_page_set_store (XbAdminPage *self, XbStore *store)
{
  g_return_if_fail (XB_IS_ADMIN_PAGE (self));
  g_set_object (&self->store, store);
  reload (self);
}

void
xb_admin_page_set_client (XbAdminPage *self, XbSyncClient *client)
{
  g_return_if_fail (XB_IS_ADMIN_PAGE (self));
  g_set_object (&self->client, client);
}

static void
on_engine_changed (XbAdminPage *self)
{
  reload (self);
}

void
xb_admin_page_set_engine (XbAdminPage *self, XbSyncEngine *engine)
{
  g_return_if_fail (XB_IS_ADMIN_PAGE (self));
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    {
      g_signal_connect_swapped (engine, "notify::state", G_CALLBACK (on_engine_changed), self);
      g_signal_connect_swapped (engine, "items-changed", G_CALLBACK (on_engine_changed), self);
    }
}
