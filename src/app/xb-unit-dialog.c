/* The administrator's editor of one unit (or a new one): name, kind, parent county, monthly quota override, retire and restore. */
#include "config.h"

#include "xb-unit-dialog.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "xb-codec.h"

#define QUOTA_MAX 10000

/* The kinds an administrator may give a unit, in the combo's order; the
 * office is the city government office itself and is never chosen. */
static const XbUnitKind kinds[] = {
  XB_UNIT_KIND_COUNTY, XB_UNIT_KIND_DEPARTMENT, XB_UNIT_KIND_PROVINCIAL,
  XB_UNIT_KIND_LIAISON, XB_UNIT_KIND_ENTERPRISE, XB_UNIT_KIND_DIRECT_POINT,
};

struct _XbUnitDialog
{
  AdwWindow     parent_instance;

  XbStore      *store;
  XbSyncClient *client;
  XbUnit       *unit;         /* as stored; NULL for a new unit */
  GCancellable *cancellable;
  XbPolicy      policy;
  GArray       *parent_ids;   /* gint64, parallel to parent_row's model; 0 = none */

  GtkWidget    *save_button;
  GtkWidget    *name_row;
  GtkWidget    *kind_row;
  GtkWidget    *parent_row;
  GtkWidget    *quota_row;
  GtkWidget    *quota_entry;
  GtkWidget    *message;
  GtkWidget    *retire_group;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (XbUnitDialog, xb_unit_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
label_widget (GtkWidget *widget, const char *name, const char *label)
{
  gtk_widget_set_name (widget, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static gboolean
is_office (XbUnitDialog *self)
{
  return self->unit != NULL && self->unit->kind == XB_UNIT_KIND_OFFICE;
}

static XbUnitKind
chosen_kind (XbUnitDialog *self)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind_row));

  if (is_office (self))
    return XB_UNIT_KIND_OFFICE;
  return i < G_N_ELEMENTS (kinds) ? kinds[i] : XB_UNIT_KIND_COUNTY;
}

static gboolean
kind_has_parent (XbUnitKind kind)
{
  return kind == XB_UNIT_KIND_DIRECT_POINT || kind == XB_UNIT_KIND_ENTERPRISE;
}

/* Shows @text under the fields (NULL hides it) and marks @row as wrong. */
static void
show_message (XbUnitDialog *self, const char *text, GtkWidget *row)
{
  GtkWidget *rows[] = { self->name_row, self->quota_entry };

  gtk_widget_remove_css_class (self->name_row, "error");
  gtk_widget_remove_css_class (self->quota_row, "error");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (rows[i]), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_label_set_text (GTK_LABEL (self->message), text != NULL ? text : "");
  gtk_widget_set_visible (self->message, text != NULL);
  if (row != NULL)
    {
      GtkWidget *focus = row == self->quota_row ? self->quota_entry : row;

      gtk_widget_add_css_class (row, "error");
      /* A screen reader reads why with the field the focus moves to. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (focus), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
      gtk_widget_grab_focus (focus);
    }
}

/* The parent and quota follow the kind: a parent only for direct-reporting
 * points and enterprises, the kind's default quota as the placeholder. */
static void
on_kind_changed (XbUnitDialog *self)
{
  XbUnitKind kind = chosen_kind (self);
  g_autofree char *placeholder = g_strdup_printf ("%d", self->policy.quota[kind]);
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (self->parent_row, kind_has_parent (kind));
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->quota_entry), placeholder);
  if (self->policy.quota[kind] == 0)
    subtitle = g_strdup (_("Leave empty for the kind's default, no quota"));
  else
    /* TRANSLATORS: the monthly quota row's hint; %d is the kind's default number of items a month */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Leave empty for the kind's default, %d item a month",
                                             "Leave empty for the kind's default, %d items a month",
                                             self->policy.quota[kind]),
                                self->policy.quota[kind]);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->quota_row), subtitle);
}

static void
fill_parents (XbUnitDialog *self)
{
  g_autoptr(GPtrArray) units = xb_store_list_units (self->store, NULL);
  GtkStringList *names = gtk_string_list_new (NULL);
  gint64 none = 0, current = self->unit != NULL ? self->unit->parent_id : 0;
  guint selected = 0;

  gtk_string_list_append (names, _("None"));
  g_array_append_val (self->parent_ids, none);
  for (guint i = 0; units != NULL && i < units->len; i++)
    {
      XbUnit *u = g_ptr_array_index (units, i);

      /* Counties in service; a unit's present parent stays choosable even
       * when it is not one, so opening the editor changes nothing. */
      if (u->id != current && (u->kind != XB_UNIT_KIND_COUNTY || u->retired))
        continue;
      if (self->unit != NULL && u->id == self->unit->id)
        continue;
      if (u->id == current)
        selected = self->parent_ids->len;
      gtk_string_list_append (names, u->name);
      g_array_append_val (self->parent_ids, u->id);
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->parent_row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->parent_row), selected);
  g_object_unref (names);
}

/* The quota typed: -1 when empty (the kind's default), -2 when it is not a
 * whole number from 0 to QUOTA_MAX. */
static int
typed_quota (XbUnitDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->quota_entry))));
  guint64 value = 0;

  if (text[0] == '\0')
    return -1;
  if (!g_ascii_string_to_unsigned (text, 10, 0, QUOTA_MAX, &value, NULL))
    return -2;
  return (int) value;
}

/* The unit as typed, or NULL after showing what is wrong. */
static JsonNode *
typed_unit (XbUnitDialog *self, gboolean retired)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autoptr(XbUnit) unit = xb_unit_new ();
  XbUnitKind kind = chosen_kind (self);
  guint parent = adw_combo_row_get_selected (ADW_COMBO_ROW (self->parent_row));

  if (name[0] == '\0')
    return show_message (self, _("Type the unit's name."), self->name_row), NULL;
  if (g_utf8_strlen (name, -1) > XB_NAME_MAX_CHARS)
    {
      g_autofree char *text = g_strdup_printf (_("The name is too long: at most %d characters."), XB_NAME_MAX_CHARS);
      return show_message (self, text, self->name_row), NULL;
    }
  unit->monthly_quota = is_office (self) ? (self->unit->monthly_quota) : typed_quota (self);
  if (unit->monthly_quota == -2)
    {
      g_autofree char *text = g_strdup_printf (_("The monthly quota is a whole number from 0 to %d; leave it empty for the kind's default."),
                                               QUOTA_MAX);
      return show_message (self, text, self->quota_row), NULL;
    }
  unit->id = self->unit != NULL ? self->unit->id : 0;
  unit->name = g_steal_pointer (&name);
  unit->kind = kind;
  if (kind_has_parent (kind) && parent < self->parent_ids->len)
    unit->parent_id = g_array_index (self->parent_ids, gint64, parent);
  else if (is_office (self))
    unit->parent_id = self->unit->parent_id;
  unit->retired = retired;
  show_message (self, NULL, NULL);
  {
    JsonNode *node = xb_unit_to_node (unit);
    if (unit->id == 0)
      json_object_remove_member (json_node_get_object (node), "id");
    return node;
  }
}

static void
set_busy (XbUnitDialog *self, gboolean busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (self->save_button, !busy);
  gtk_widget_set_sensitive (self->retire_group, !busy);
}

static const char *
saved_text (XbUnitDialog *self, gboolean retired)
{
  if (self->unit == NULL)
    return _("Unit created");
  if (retired && !self->unit->retired)
    return _("Unit retired");
  if (!retired && self->unit->retired)
    return _("Unit restored");
  return _("Unit saved");
}

typedef struct { XbUnitDialog *self; char *name; gboolean retired; } Sent;

static void
on_answer (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Sent *sent = user_data;
  XbUnitDialog *self = sent->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(XbResponse) response = xb_sync_client_request_finish (XB_SYNC_CLIENT (source), result, &error);

  if (response == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    goto out;
  set_busy (self, FALSE);
  if (response == NULL)
    show_message (self, error->message, NULL);
  else if (response->status == 409)
    {
      g_autofree char *text = g_strdup_printf (_("Another unit is already called “%s”. Choose another name."), sent->name);
      show_message (self, text, self->name_row);
    }
  else if (response->status < 200 || response->status >= 300)
    {
      g_autofree char *text = xb_response_dup_message (response);
      show_message (self, text, NULL);
    }
  else
    {
      g_autoptr(JsonNode) root = xb_json_parse (g_bytes_get_data (response->body, NULL),
                                                (gssize) g_bytes_get_size (response->body), NULL);
      JsonObject *obj = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
      g_autoptr(XbUnit) unit = obj != NULL && json_object_has_member (obj, "unit")
                               ? xb_unit_from_node (json_object_get_member (obj, "unit"), NULL) : NULL;

      g_signal_emit (self, signals[SAVED], 0, saved_text (self, sent->retired), unit);
      gtk_window_destroy (GTK_WINDOW (self));
    }
out:
  g_object_unref (sent->self);
  g_free (sent->name);
  g_free (sent);
}

static void
submit (XbUnitDialog *self, gboolean retired)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  Sent *sent;

  if (self->busy || (body = typed_unit (self, retired)) == NULL)
    return;
  if (self->client == NULL)
    {
      show_message (self, _("Changing units needs a connection to the server; you are offline."), NULL);
      return;
    }
  text = json_to_string (body, FALSE);
  path = self->unit != NULL ? g_strdup_printf ("/api/v1/admin/units/%lld", (long long) self->unit->id)
                            : g_strdup ("/api/v1/admin/units");
  sent = g_new0 (Sent, 1);
  sent->self = g_object_ref (self);
  sent->name = g_strdup (json_object_get_string_member (json_node_get_object (body), "name"));
  sent->retired = retired;
  set_busy (self, TRUE);
  xb_sync_client_request_async (self->client, self->unit != NULL ? "PUT" : "POST", path, text,
                                self->cancellable, on_answer, sent);
}

static void
on_save (XbUnitDialog *self)
{
  submit (self, self->unit != NULL && self->unit->retired);
}

static void
on_retire_response (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  XbUnitDialog *self = XB_UNIT_DIALOG (user_data);

  if (g_strcmp0 (response, "retire") == 0)
    submit (self, TRUE);
}

static void
on_retire (XbUnitDialog *self)
{
  g_autoptr(JsonNode) check = typed_unit (self, TRUE);
  GtkWidget *dialog;

  if (check == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  gtk_widget_set_name (dialog, "unit-retire-confirm");
  /* TRANSLATORS: %s is the unit's name */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Retire “%s”?"),
                                     json_object_get_string_member (json_node_get_object (check), "name"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("Its items, figures and rosters stay as they are, and it stays in the list as retired. "
                                 "Its people can send no new items. You can restore it later."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "retire", _("_Retire"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "retire", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_retire_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_restore (XbUnitDialog *self)
{
  submit (self, FALSE);
}

static GtkWidget *
build_header (XbUnitDialog *self)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  label_widget (cancel, "unit-cancel", _("Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->save_button = gtk_button_new_with_mnemonic (self->unit != NULL ? _("_Save") : _("C_reate"));
  label_widget (self->save_button, "unit-save", self->unit != NULL ? _("Save") : _("Create"));
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
  return header;
}

static GtkWidget *
build_quota_row (XbUnitDialog *self)
{
  self->quota_row = adw_action_row_new ();
  gtk_widget_set_name (self->quota_row, "unit-quota-row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->quota_row), _("Monthly quota"));
  self->quota_entry = gtk_entry_new ();
  label_widget (self->quota_entry, "unit-quota", _("Monthly quota"));
  gtk_entry_set_input_purpose (GTK_ENTRY (self->quota_entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_entry_set_max_length (GTK_ENTRY (self->quota_entry), 6);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->quota_entry), 6);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->quota_entry), 6);
  gtk_entry_set_activates_default (GTK_ENTRY (self->quota_entry), TRUE);
  gtk_widget_set_valign (self->quota_entry, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->quota_row), self->quota_entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->quota_row), self->quota_entry);
  if (self->unit != NULL && self->unit->monthly_quota >= 0)
    {
      g_autofree char *text = g_strdup_printf ("%d", self->unit->monthly_quota);
      gtk_editable_set_text (GTK_EDITABLE (self->quota_entry), text);
    }
  return self->quota_row;
}

static GtkWidget *
build_fields (XbUnitDialog *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkStringList *labels = gtk_string_list_new (NULL);

  self->name_row = adw_entry_row_new ();
  label_widget (self->name_row, "unit-name", _("Name"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Name"));
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (self->name_row), TRUE);
  if (self->unit != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->unit->name);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->name_row);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (labels, xb_unit_kind_label (kinds[i]));
  self->kind_row = adw_combo_row_new ();
  label_widget (self->kind_row, "unit-kind", _("Kind"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->kind_row), G_LIST_MODEL (labels));
  g_object_unref (labels);
  for (guint i = 0; self->unit != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i] == self->unit->kind)
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->kind_row), i);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->kind_row);

  self->parent_row = adw_combo_row_new ();
  label_widget (self->parent_row, "unit-parent", _("Parent county"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->parent_row), _("Parent county"));
  fill_parents (self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->parent_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), build_quota_row (self));

  self->message = gtk_label_new (NULL);
  gtk_widget_set_name (self->message, "unit-message");
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->message), 0);
  gtk_widget_add_css_class (self->message, "error");
  gtk_widget_set_margin_top (self->message, 12);
  gtk_widget_set_visible (self->message, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->message);

  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_changed), self);
  if (is_office (self))
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _("The city government office itself: only its name can change."));
      gtk_widget_set_visible (self->kind_row, FALSE);
      gtk_widget_set_visible (self->quota_row, FALSE);
    }
  return group;
}

static GtkWidget *
build_retire_group (XbUnitDialog *self)
{
  gboolean retired = self->unit != NULL && self->unit->retired;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (retired ? _("Res_tore") : _("_Retire…"));

  self->retire_group = adw_preferences_group_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), retired ? _("This unit is retired")
                                                                    : _("Retire this unit"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               retired ? _("Restore it to let its people send items again.")
                                       : _("Its history stays; it can send no new items."));
  label_widget (button, retired ? "unit-restore" : "unit-retire", retired ? _("Restore") : _("Retire"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (!retired)
    gtk_widget_add_css_class (button, "destructive-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (retired ? on_restore : on_retire), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->retire_group), row);
  gtk_widget_set_visible (self->retire_group, self->unit != NULL && !is_office (self));
  return self->retire_group;
}

static void
build (XbUnitDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();

  gtk_window_set_title (GTK_WINDOW (self), self->unit != NULL ? _("Edit Unit") : _("New Unit"));
  gtk_box_append (GTK_BOX (box), build_header (self));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (build_fields (self)));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (build_retire_group (self)));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
  on_kind_changed (self);
}

static void
xb_unit_dialog_dispose (GObject *object)
{
  XbUnitDialog *self = XB_UNIT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_pointer (&self->unit, xb_unit_free);
  g_clear_pointer (&self->parent_ids, g_array_unref);
  G_OBJECT_CLASS (xb_unit_dialog_parent_class)->dispose (object);
}

static void
xb_unit_dialog_class_init (XbUnitDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_unit_dialog_dispose;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_POINTER);
}

static void
xb_unit_dialog_init (XbUnitDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->parent_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
}

XbUnitDialog *
xb_unit_dialog_new (GtkWidget    *parent,
                    XbStore      *store,
                    XbSyncClient *client,
                    const XbUnit *unit)
{
  XbUnitDialog *self = g_object_new (XB_TYPE_UNIT_DIALOG, NULL);
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  g_return_val_if_fail (XB_IS_STORE (store), NULL);
  self->store = g_object_ref (store);
  self->client = client != NULL ? g_object_ref (client) : NULL;
  self->unit = unit != NULL ? xb_unit_copy (unit) : NULL;
  if (!xb_store_get_policy (store, &self->policy, NULL))
    xb_policy_init_defaults (&self->policy);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 560);
  build (self);
  return self;
}
