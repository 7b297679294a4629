/* The Administration page's section for the office's policy: quotas, sign-off chains, urgent deadlines, scoring; quotas editable; history of edits. */
#include "config.h"

#include "xb-admin-policy.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "xb-policy.h"
#include "xb-store-admin.h"

struct _XbAdminPolicy
{
  GtkWidget     parent_instance;

  XbStore      *store;
  XbSyncClient *client;
  XbSyncEngine *engine;
  GCancellable *cancellable;
  XbPolicy      policy;

  GtkWidget    *toasts;
  GtkWidget    *edit;
  GtkWidget    *save;
  GtkWidget    *spins[XB_N_UNIT_KINDS];
  GtkWidget    *rules_group;
  GtkWidget    *history_group;
  GPtrArray    *rule_rows;
  GPtrArray    *history_rows;
};

G_DEFINE_FINAL_TYPE (XbAdminPolicy, xb_admin_policy, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_STORE, PROP_CLIENT, PROP_ENGINE, N_PROPS };
static GParamSpec *props[N_PROPS];

static void
toast (XbAdminPolicy *self, const char *text)
{
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts), adw_toast_new (text));
}

static void
remove_rows (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);
      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (rows, 0);
}

static void
add_row (GtkWidget *group, GPtrArray *rows, const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_ptr_array_add (rows, row);
}

static char *
chain_text (const XbChain *chain)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (int i = 0; i < chain->n_roles; i++)
    g_ptr_array_add (names, (gpointer) xb_role_label (chain->roles[i]));
  g_ptr_array_add (names, NULL);
  /* TRANSLATORS: separates the signers of a sign-off chain */
  return g_strjoinv (_(" → "), (char **) names->pdata);
}

static void
show_rules (XbAdminPolicy *self)
{
  remove_rows (self->rule_rows);
  for (int k = 0; k < XB_N_UNIT_KINDS; k++)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->spins[k]), self->policy.quota[k]);
  for (int i = 0; i < XB_N_IMPORTANCES; i++)
    {
      g_autofree char *chain = chain_text (&self->policy.chains[i]);
      g_autofree char *title = g_strdup_printf (_("Sign-off for %s"), xb_importance_label ((XbImportance) i));
      add_row (self->rules_group, self->rule_rows, title, chain[0] != '\0' ? chain : _("No sign-off"));
    }
  for (int i = 0; i < XB_N_IMPORTANCES; i++)
    {
      g_autofree char *title = g_strdup_printf (_("Urgent deadline for %s"), xb_importance_label ((XbImportance) i));
      g_autofree char *minutes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute after the event",
                                                               "%d minutes after the event",
                                                               self->policy.urgent_minutes[i]),
                                                  self->policy.urgent_minutes[i]);
      add_row (self->rules_group, self->rule_rows, title, minutes);
    }
  for (int s = 0; s < XB_N_SCORES; s++)
    {
      g_autofree char *points = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d point", "%d points",
                                                              ABS (self->policy.score[s])),
                                                 self->policy.score[s]);
      /* TRANSLATORS: a scoring rule's key as the policy names it, e.g. "Scoring: city_digest" */
      g_autofree char *title = g_strdup_printf (_("Scoring: %s"), xb_score_to_string ((XbScore) s));
      add_row (self->rules_group, self->rule_rows, title, points);
    }
}

static char *
user_text (XbAdminPolicy *self, gint64 id)
{
  g_autoptr(XbUser) user = NULL;

  if (id <= 0)
    return g_strdup (_("Unknown"));
  if (self->store != NULL)
    user = xb_store_get_user (self->store, id, NULL);
  if (user != NULL)
    return g_strdup (user->display_name != NULL && user->display_name[0] != '\0'
                     ? user->display_name : user->username);
  /* TRANSLATORS: an account known only by its number */
  return g_strdup_printf (_("User %lld"), (long long) id);
}

static void
add_version (XbAdminPolicy *self, gint64 changed_by, gint64 changed_at, gint64 effective_from)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (changed_at);
  g_autoptr(GDateTime) from = g_date_time_new_from_unix_local (effective_from);
  g_autofree char *who = user_text (self, changed_by);
  /* TRANSLATORS: strftime format of a date and time */
  g_autofree char *when = at != NULL ? g_date_time_format (at, _("%Y-%m-%d %H:%M")) : g_strdup ("?");
  g_autofree char *since = from != NULL ? g_date_time_format (from, _("%Y-%m-%d %H:%M")) : g_strdup ("?");
  /* TRANSLATORS: who changed the policy, and when */
  g_autofree char *title = g_strdup_printf (_("%s, %s"), who, when);
  g_autofree char *subtitle = g_strdup_printf (_("In force from %s"), since);

  add_row (self->history_group, self->history_rows, title, subtitle);
}

static void
history_done (XbAdminPolicy *self)
{
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->history_group),
                                         self->history_rows->len == 0
                                         ? _("No edits of the policy recorded yet.") : NULL);
}

static gint64
json_time (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GDateTime) dt = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  dt = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL);
  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

static void
on_history (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(XbAdminPolicy) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(XbResponse) response = xb_sync_client_request_finish (XB_SYNC_CLIENT (source), result, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *versions;

  if (response == NULL || response->status != 200)
    {
      if (response != NULL)
        {
          g_autofree char *message = xb_response_dup_message (response);
          toast (self, message);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (response->body, NULL),
                                   (gssize) g_bytes_get_size (response->body), &error)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      toast (self, _("The server's policy history could not be read."));
      return;
    }
  versions = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "versions");
  remove_rows (self->history_rows);
  for (guint i = 0; versions != NULL && i < json_array_get_length (versions); i++)
    {
      JsonObject *v = json_array_get_object_element (versions, i);
      JsonNode *by = json_object_get_member (v, "changed_by");
      add_version (self, by != NULL && !JSON_NODE_HOLDS_NULL (by) ? json_node_get_int (by) : 0,
                   json_time (v, "changed_at"), json_time (v, "effective_from"));
    }
  history_done (self);
}

static void
reload_history (XbAdminPolicy *self)
{
  g_autoptr(GPtrArray) versions = NULL;

  if (self->client != NULL)
    {
      xb_sync_client_request_async (self->client, "GET", "/api/v1/admin/policy/history", NULL,
                                    self->cancellable, on_history, g_object_ref (self));
      return;
    }
  remove_rows (self->history_rows);
  if (self->store != NULL)
    versions = xb_store_policy_history (self->store, NULL);
  for (guint i = 0; versions != NULL && i < versions->len; i++)
    {
      XbPolicyVersion *v = g_ptr_array_index (versions, i);
      add_version (self, v->changed_by, v->changed_at, v->effective_from);
    }
  history_done (self);
}

static void
set_editing (XbAdminPolicy *self, gboolean editing)
{
  for (int k = 0; k < XB_N_UNIT_KINDS; k++)
    gtk_widget_set_sensitive (self->spins[k], editing);
  gtk_widget_set_visible (self->edit, !editing);
  gtk_widget_set_visible (self->save, editing);
}

static void
reload (XbAdminPolicy *self)
{
  g_autoptr(GError) error = NULL;

  xb_policy_init_defaults (&self->policy);
  if (self->store != NULL && !xb_store_get_policy (self->store, &self->policy, &error))
    toast (self, error->message);
  if (!gtk_widget_get_visible (self->save))
    show_rules (self);
  reload_history (self);
}

static void
on_saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(XbAdminPolicy) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(XbResponse) response = xb_sync_client_request_finish (XB_SYNC_CLIENT (source), result, &error);

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
  set_editing (self, FALSE);
  toast (self, _("Policy saved"));
  reload_history (self);
  if (self->engine != NULL)
    xb_sync_engine_kick (self->engine);
}

static void
on_save_clicked (XbAdminPolicy *self)
{
  XbPolicy edited = self->policy;
  g_autofree char *policy_json = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *iso = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  if (self->client == NULL)
    {
      toast (self, _("Changing the policy needs a connection to the server; you are offline."));
      return;
    }
  for (int k = 0; k < XB_N_UNIT_KINDS; k++)
    edited.quota[k] = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->spins[k]));
  policy_json = xb_policy_to_json (&edited);
  body = g_strdup_printf ("{\"policy\": %s, \"effective_from\": \"%s\"}", policy_json, iso);
  xb_sync_client_request_async (self->client, "PUT", "/api/v1/admin/policy", body,
                                self->cancellable, on_saved, g_object_ref (self));
}

static void
on_edit_clicked (XbAdminPolicy *self)
{
  set_editing (self, TRUE);
}

static GtkWidget *
build_quotas (XbAdminPolicy *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Monthly Quotas"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Least items each unit of a kind sends a month; 0 means no quota."));
  self->edit = gtk_button_new_with_mnemonic (_("_Edit"));
  gtk_widget_set_name (self->edit, "policy-edit");
  g_signal_connect_swapped (self->edit, "clicked", G_CALLBACK (on_edit_clicked), self);
  self->save = gtk_button_new_with_mnemonic (_("_Save Policy"));
  gtk_widget_set_name (self->save, "policy-save");
  gtk_widget_add_css_class (self->save, "suggested-action");
  g_signal_connect_swapped (self->save, "clicked", G_CALLBACK (on_save_clicked), self);
  gtk_box_append (GTK_BOX (buttons), self->edit);
  gtk_box_append (GTK_BOX (buttons), self->save);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), buttons);
  for (int k = 0; k < XB_N_UNIT_KINDS; k++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *name = g_strdup_printf ("policy-quota-%s", xb_unit_kind_to_string ((XbUnitKind) k));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), xb_unit_kind_label ((XbUnitKind) k));
      self->spins[k] = gtk_spin_button_new_with_range (0, 100, 1);
      gtk_widget_set_name (self->spins[k], name);
      gtk_widget_set_valign (self->spins[k], GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->spins[k]);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

static void
build (XbAdminPolicy *self)
{
  GtkWidget *page = adw_preferences_page_new ();

  self->toasts = adw_toast_overlay_new ();
  gtk_widget_set_parent (self->toasts, GTK_WIDGET (self));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (self->toasts), page);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (build_quotas (self)));
  self->history_group = adw_preferences_group_new ();
  gtk_widget_set_name (self->history_group, "policy-history");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->history_group), _("History of Edits"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->history_group));
  self->rules_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->rules_group), _("Sign-off, Deadlines and Scoring"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->rules_group));
  set_editing (self, FALSE);
}

static void
on_engine_changed (XbAdminPolicy *self)
{
  reload (self);
}

static void
set_engine (XbAdminPolicy *self, XbSyncEngine *engine)
{
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    g_signal_connect_swapped (engine, "notify::state", G_CALLBACK (on_engine_changed), self);
}

static void
xb_admin_policy_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  XbAdminPolicy *self = XB_ADMIN_POLICY (object);

  switch (id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      reload (self);
      break;
    case PROP_CLIENT:
      g_set_object (&self->client, g_value_get_object (value));
      reload_history (self);
      break;
    case PROP_ENGINE:
      set_engine (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
xb_admin_policy_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  XbAdminPolicy *self = XB_ADMIN_POLICY (object);

  switch (id)
    {
    case PROP_STORE:  g_value_set_object (value, self->store); break;
    case PROP_CLIENT: g_value_set_object (value, self->client); break;
    case PROP_ENGINE: g_value_set_object (value, self->engine); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
xb_admin_policy_dispose (GObject *object)
{
  XbAdminPolicy *self = XB_ADMIN_POLICY (object);

  g_cancellable_cancel (self->cancellable);
  set_engine (self, NULL);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rule_rows, g_ptr_array_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);
  g_clear_pointer (&self->toasts, gtk_widget_unparent);
  G_OBJECT_CLASS (xb_admin_policy_parent_class)->dispose (object);
}

static void
xb_admin_policy_class_init (XbAdminPolicyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xb_admin_policy_dispose;
  object_class->set_property = xb_admin_policy_set_property;
  object_class->get_property = xb_admin_policy_get_property;
  props[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, XB_TYPE_STORE,
                                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  props[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, XB_TYPE_SYNC_CLIENT,
                                            G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  props[PROP_ENGINE] = g_param_spec_object ("engine", NULL, NULL, XB_TYPE_SYNC_ENGINE,
                                            G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
xb_admin_policy_init (XbAdminPolicy *self)
{
  self->cancellable = g_cancellable_new ();
  self->rule_rows = g_ptr_array_new ();
  self->history_rows = g_ptr_array_new ();
  build (self);
}

GtkWidget *
xb_admin_policy_new (void)
{
  return g_object_new (XB_TYPE_ADMIN_POLICY, NULL);
}
