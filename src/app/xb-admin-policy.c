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
  XbAdminSection parent_instance;

  XbPolicy      policy;
  GtkWidget    *edit;
  GtkWidget    *save;
  GtkWidget    *spins[XB_N_UNIT_KINDS];
  GtkWidget    *rules_group;
  GtkWidget    *history_group;
  GPtrArray    *rule_rows;
  GPtrArray    *history_rows;
};

G_DEFINE_FINAL_TYPE (XbAdminPolicy, xb_admin_policy, XB_TYPE_ADMIN_SECTION)

static void
toast (XbAdminPolicy *self, const char *text)
{
  xb_admin_section_toast (XB_ADMIN_SECTION (self), text);
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
  xb_admin_rows_clear (self->rule_rows);
  for (int k = 0; k < XB_N_UNIT_KINDS; k++)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->spins[k]), self->policy.quota[k]);
  for (int i = 0; i < XB_N_IMPORTANCES; i++)
    {
      g_autofree char *chain = chain_text (&self->policy.chains[i]);
      g_autofree char *title = g_strdup_printf (_("Sign-off for %s"), xb_importance_label ((XbImportance) i));
      xb_admin_rows_add (self->rules_group, self->rule_rows, title, chain[0] != '\0' ? chain : _("No sign-off"));
    }
  for (int i = 0; i < XB_N_IMPORTANCES; i++)
    {
      g_autofree char *title = g_strdup_printf (_("Urgent deadline for %s"), xb_importance_label ((XbImportance) i));
      g_autofree char *minutes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute after the event",
                                                               "%d minutes after the event",
                                                               self->policy.urgent_minutes[i]),
                                                  self->policy.urgent_minutes[i]);
      xb_admin_rows_add (self->rules_group, self->rule_rows, title, minutes);
    }
  for (int s = 0; s < XB_N_SCORES; s++)
    {
      g_autofree char *points = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d point", "%d points",
                                                              ABS (self->policy.score[s])),
                                                 self->policy.score[s]);
      /* TRANSLATORS: a scoring rule's key as the policy names it, e.g. "Scoring: city_digest" */
      g_autofree char *title = g_strdup_printf (_("Scoring: %s"), xb_score_to_string ((XbScore) s));
      xb_admin_rows_add (self->rules_group, self->rule_rows, title, points);
    }
}

static void
add_version (XbAdminPolicy *self, gint64 changed_by, gint64 changed_at, gint64 effective_from)
{
  g_autofree char *who = xb_admin_user_name (XB_ADMIN_SECTION (self), changed_by);
  g_autofree char *when = xb_admin_format_time (changed_at);
  g_autofree char *since = xb_admin_format_time (effective_from);
  /* TRANSLATORS: who changed the policy, and when */
  g_autofree char *title = g_strdup_printf (_("%s, %s"), who, when);
  g_autofree char *subtitle = g_strdup_printf (_("In force from %s"), since);

  xb_admin_rows_add (self->history_group, self->history_rows, title, subtitle);
}

static void
history_done (XbAdminPolicy *self)
{
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->history_group),
                                         self->history_rows->len == 0
                                         ? _("No edits of the policy recorded yet.") : NULL);
}

static void
on_history (XbAdminSection *section, JsonObject *answer, gpointer user_data)
{
  XbAdminPolicy *self = XB_ADMIN_POLICY (section);
  JsonArray *versions;

  if (answer == NULL)
    return;
  versions = json_object_get_array_member (answer, "versions");
  xb_admin_rows_clear (self->history_rows);
  for (guint i = 0; versions != NULL && i < json_array_get_length (versions); i++)
    {
      JsonObject *v = json_array_get_object_element (versions, i);
      JsonNode *by = json_object_get_member (v, "changed_by");
      add_version (self, by != NULL && !JSON_NODE_HOLDS_NULL (by) ? json_node_get_int (by) : 0,
                   xb_admin_json_time (v, "changed_at"), xb_admin_json_time (v, "effective_from"));
    }
  history_done (self);
}

static void
reload_history (XbAdminPolicy *self)
{
  XbStore *store = xb_admin_section_get_store (XB_ADMIN_SECTION (self));
  g_autoptr(GPtrArray) versions = NULL;

  if (xb_admin_section_get_client (XB_ADMIN_SECTION (self)) != NULL)
    {
      xb_admin_section_request (XB_ADMIN_SECTION (self), "GET", "/api/v1/admin/policy/history", NULL,
                                NULL, on_history, NULL);
      return;
    }
  xb_admin_rows_clear (self->history_rows);
  if (store != NULL)
    versions = xb_store_policy_history (store, NULL);
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
reload (XbAdminSection *section)
{
  XbAdminPolicy *self = XB_ADMIN_POLICY (section);
  XbStore *store = xb_admin_section_get_store (section);
  g_autoptr(GError) error = NULL;

  xb_policy_init_defaults (&self->policy);
  if (store != NULL && !xb_store_get_policy (store, &self->policy, &error))
    toast (self, error->message);
  if (!gtk_widget_get_visible (self->save))
    show_rules (self);
  reload_history (self);
}

static void
on_saved (XbAdminSection *section, JsonObject *answer, gpointer user_data)
{
  XbAdminPolicy *self = XB_ADMIN_POLICY (section);
  XbSyncEngine *engine = xb_admin_section_get_engine (section);

  if (answer == NULL)
    return;
  set_editing (self, FALSE);
  toast (self, _("Policy saved"));
  reload_history (self);
  if (engine != NULL)
    xb_sync_engine_kick (engine);
}

static void
on_save_clicked (XbAdminPolicy *self)
{
  XbPolicy edited = self->policy;
  g_autofree char *policy_json = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *iso = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  for (int k = 0; k < XB_N_UNIT_KINDS; k++)
    edited.quota[k] = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->spins[k]));
  policy_json = xb_policy_to_json (&edited);
  text = g_strdup_printf ("{\"policy\": %s, \"effective_from\": \"%s\"}", policy_json, iso);
  body = json_from_string (text, NULL);
  xb_admin_section_request (XB_ADMIN_SECTION (self), "PUT", "/api/v1/admin/policy", body,
                            _("Changing the policy needs a connection to the server; you are offline."),
                            on_saved, NULL);
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
  AdwPreferencesPage *page = xb_admin_section_get_page (XB_ADMIN_SECTION (self));

  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (build_quotas (self)));
  self->history_group = adw_preferences_group_new ();
  gtk_widget_set_name (self->history_group, "policy-history");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->history_group), _("History of Edits"));
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (self->history_group));
  self->rules_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->rules_group), _("Sign-off, Deadlines and Scoring"));
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (self->rules_group));
  set_editing (self, FALSE);
}

static void
xb_admin_policy_dispose (GObject *object)
{
  XbAdminPolicy *self = XB_ADMIN_POLICY (object);

  g_clear_pointer (&self->rule_rows, g_ptr_array_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (xb_admin_policy_parent_class)->dispose (object);
}

static void
xb_admin_policy_class_init (XbAdminPolicyClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_admin_policy_dispose;
  XB_ADMIN_SECTION_CLASS (klass)->reload = reload;
}

static void
xb_admin_policy_init (XbAdminPolicy *self)
{
  self->rule_rows = g_ptr_array_new ();
  self->history_rows = g_ptr_array_new ();
  build (self);
}

GtkWidget *
xb_admin_policy_new (void)
{
  return g_object_new (XB_TYPE_ADMIN_POLICY, NULL);
}
