/* The Administration page's section for the office's policy: quotas, sign-off chains, urgent deadlines, scoring, the roster deadline, all edited together and saved effective from a day; history of edits. */
#include "config.h"

#include "xb-admin-policy.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "xb-policy.h"
#include "xb-store-admin.h"

/* The roles that may sign, in their hierarchical order. */
static const XbRole signers[] = {
  XB_ROLE_SECTION_CHIEF, XB_ROLE_DEPUTY_SECGEN, XB_ROLE_DIRECTOR,
  XB_ROLE_SECGEN, XB_ROLE_DEPUTY_MAYOR, XB_ROLE_MAYOR,
};
#define N_SIGNERS G_N_ELEMENTS (signers)

struct _XbAdminPolicy
{
  XbAdminSection parent_instance;

  XbPolicy      policy;        /* in force, as the store has it */
  gboolean      editing;
  GtkWidget    *edit;
  GtkWidget    *cancel;
  GtkWidget    *save;
  GtkWidget    *message;
  GtkWidget    *status;
  GtkWidget    *effective;
  GtkWidget    *quotas[XB_N_UNIT_KINDS];
  GtkWidget    *chain_rows[XB_N_IMPORTANCES];
  GtkWidget    *checks[XB_N_IMPORTANCES][N_SIGNERS];
  GtkWidget    *mayor_for_marked;
  GtkWidget    *urgent_rows[XB_N_IMPORTANCES];
  GtkWidget    *urgent[XB_N_IMPORTANCES];
  GtkWidget    *scores[XB_N_SCORES];
  GtkWidget    *roster_month;
  GtkWidget    *roster_day;
  GtkWidget    *roll_up;
  GtkWidget    *history_group;
  GPtrArray    *controls;      /* sensitive only while editing */
  GPtrArray    *history_rows;
  gboolean      filling;       /* the form is being set from a policy */
};

G_DEFINE_FINAL_TYPE (XbAdminPolicy, xb_admin_policy, XB_TYPE_ADMIN_SECTION)

static const char *
score_label (XbScore score)
{
  switch (score)
    {
    case XB_SCORE_CITY_GENERAL:         return _("Adopted in the city's bulletin");
    case XB_SCORE_CITY_DIGEST:          return _("Adopted in the daily digest");
    case XB_SCORE_CITY_SPECIAL:         return _("Adopted in the special report");
    case XB_SCORE_FORWARDED:            return _("Forwarded to the province");
    case XB_SCORE_PROVINCE:             return _("Adopted by the province");
    case XB_SCORE_PROVINCE_SPECIAL:     return _("Adopted by the province as a special report");
    case XB_SCORE_PROVINCE_RESEARCH:    return _("Adopted by the province as a research item");
    case XB_SCORE_STATE_COUNCIL:        return _("Adopted by the State Council office");
    case XB_SCORE_INSTRUCTION_CITY:     return _("Leader instruction: city");
    case XB_SCORE_INSTRUCTION_PROVINCE: return _("Leader instruction: province");
    case XB_SCORE_INSTRUCTION_NATIONAL: return _("Leader instruction: national");
    case XB_SCORE_MISSED_REQUEST:       return _("Commissioned item missed (penalty)");
    case XB_N_SCORES:
    default:                            return xb_score_to_string (score);
    }
}

/* The publication a score names, shown under its label (a title with it
 * does not wrap on a narrow window), or NULL. */
static const char *
score_publication (XbScore score)
{
  switch (score)
    {
    /* TRANSLATORS: the city's periodicals, by their Chinese titles */
    case XB_SCORE_CITY_GENERAL: return _("《政务信息》");
    case XB_SCORE_CITY_DIGEST:  return _("《每日要情》");
    case XB_SCORE_CITY_SPECIAL: return _("《信息专报》");
    default:                    return NULL;
    }
}

static void
set_message (XbAdminPolicy *self, const char *text)
{
  gtk_label_set_text (GTK_LABEL (self->message), text != NULL ? text : "");
  gtk_widget_set_visible (self->message, text != NULL);
}

static void
name_control (GtkWidget *widget, const char *name, const char *label)
{
  gtk_widget_set_name (widget, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
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

static char *
minutes_text (int minutes)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute after the event",
                                                        "%d minutes after the event", minutes), minutes);

  if (minutes < 60)
    return g_steal_pointer (&text);
  /* TRANSLATORS: "120 minutes after the event (2 hours)"; %.1f hours, e.g. 1.5 */
  return minutes % 60 == 0
         ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%d hour)", "%s (%d hours)", minutes / 60),
                            text, minutes / 60)
         : g_strdup_printf (_("%s (%.1f hours)"), text, minutes / 60.0);
}

/* The chain checked for @importance, in the signers' order. */
static void
read_chain (XbAdminPolicy *self, int importance, XbChain *chain)
{
  memset (chain, 0, sizeof *chain);
  for (guint r = 0; r < N_SIGNERS; r++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->checks[importance][r])))
      chain->roles[chain->n_roles++] = signers[r];
}

static int
spin_value (GtkWidget *spin)
{
  return gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin));
}

/* The policy as the form shows it. */
static void
read_form (XbAdminPolicy *self, XbPolicy *out)
{
  xb_policy_init_defaults (out);
  for (int i = 0; i < XB_N_IMPORTANCES; i++)
    {
      read_chain (self, i, &out->chains[i]);
      out->urgent_minutes[i] = spin_value (self->urgent[i]);
    }
  out->mayor_for_marked = gtk_switch_get_active (GTK_SWITCH (self->mayor_for_marked));
  for (int k = 0; k < XB_N_UNIT_KINDS; k++)
    out->quota[k] = spin_value (self->quotas[k]);
  for (int s = 0; s < XB_N_SCORES; s++)
    out->score[s] = spin_value (self->scores[s]);
  out->roster_deadline_month = spin_value (self->roster_month);
  out->roster_deadline_day = spin_value (self->roster_day);
  out->direct_points_roll_up = gtk_switch_get_active (GTK_SWITCH (self->roll_up));
}

static gboolean
same_policy (const XbPolicy *a, const XbPolicy *b)
{
  g_autofree char *ja = xb_policy_to_json (a);
  g_autofree char *jb = xb_policy_to_json (b);

  return g_strcmp0 (ja, jb) == 0;
}

/* Subtitles that follow the values, and Save only when something changed. */
static void
update_form (XbAdminPolicy *self)
{
  XbPolicy edited;

  read_form (self, &edited);
  for (int i = 0; i < XB_N_IMPORTANCES; i++)
    {
      g_autofree char *chain = chain_text (&edited.chains[i]);
      g_autofree char *minutes = minutes_text (edited.urgent_minutes[i]);

      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->chain_rows[i]),
                                     chain[0] != '\0' ? chain : _("No signer chosen"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->urgent_rows[i]), minutes);
    }
  gtk_widget_set_sensitive (self->save, self->editing && !same_policy (&edited, &self->policy));
}

static void
on_form_changed (XbAdminPolicy *self)
{
  if (self->filling)
    return;
  set_message (self, NULL);
  update_form (self);
}

static void
fill_form (XbAdminPolicy *self, const XbPolicy *policy)
{
  self->filling = TRUE;
  for (int i = 0; i < XB_N_IMPORTANCES; i++)
    {
      for (guint r = 0; r < N_SIGNERS; r++)
        {
          gboolean in_chain = FALSE;
          for (int j = 0; j < policy->chains[i].n_roles; j++)
            in_chain |= policy->chains[i].roles[j] == signers[r];
          gtk_check_button_set_active (GTK_CHECK_BUTTON (self->checks[i][r]), in_chain);
        }
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->urgent[i]), policy->urgent_minutes[i]);
    }
  gtk_switch_set_active (GTK_SWITCH (self->mayor_for_marked), policy->mayor_for_marked);
  for (int k = 0; k < XB_N_UNIT_KINDS; k++)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->quotas[k]), policy->quota[k]);
  for (int s = 0; s < XB_N_SCORES; s++)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->scores[s]), policy->score[s]);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->roster_month), policy->roster_deadline_month);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->roster_day), policy->roster_deadline_day);
  gtk_switch_set_active (GTK_SWITCH (self->roll_up), policy->direct_points_roll_up);
  self->filling = FALSE;
  update_form (self);
}

/* ---- history ------------------------------------------------------------------------- */

static GDateTime *
china_now (void)
{
  g_autoptr(GTimeZone) cst = g_time_zone_new_offset (8 * 3600);

  return g_date_time_new_now (cst);
}

/* The day of @when in China time, where the policy's days begin. */
static char *
china_day (gint64 when)
{
  g_autoptr(GTimeZone) cst = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) dt = g_date_time_to_timezone (utc, cst);

  /* TRANSLATORS: strftime format of a day */
  return g_date_time_format (dt, _("%Y-%m-%d"));
}

static void
add_version (XbAdminPolicy *self, gint64 changed_by, gint64 changed_at, gint64 effective_from)
{
  g_autofree char *who = xb_admin_user_name (XB_ADMIN_SECTION (self), changed_by);
  g_autofree char *when = xb_admin_format_time (changed_at);
  g_autofree char *since = xb_admin_format_time (effective_from);
  g_autofree char *day = china_day (effective_from);
  /* TRANSLATORS: who changed the policy, and when */
  g_autofree char *title = g_strdup_printf (_("%s, %s"), who, when);
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (effective_from > g_get_real_time () / G_USEC_PER_SEC)
    /* TRANSLATORS: a policy version not yet in force (marked "Upcoming"); %s is its first day */
    subtitle = g_strdup_printf (_("From %s"), day);
  else
    subtitle = g_strdup_printf (_("In force from %s"), since);
  row = xb_admin_rows_add (self->history_group, self->history_rows, title, subtitle);
  if (effective_from > g_get_real_time () / G_USEC_PER_SEC)
    {
      GtkWidget *tag = gtk_label_new (_("Upcoming"));

      gtk_widget_add_css_class (tag, "accent");
      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }
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

/* ---- editing ------------------------------------------------------------------------- */

/* The first day of the next version not yet in force in the store, or 0. */
static gint64
next_version (XbAdminPolicy *self)
{
  XbStore *store = xb_admin_section_get_store (XB_ADMIN_SECTION (self));
  g_autoptr(GPtrArray) versions = store != NULL ? xb_store_policy_history (store, NULL) : NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 next = 0;

  for (guint i = 0; versions != NULL && i < versions->len; i++)
    {
      XbPolicyVersion *v = g_ptr_array_index (versions, i);
      if (v->effective_from > now && (next == 0 || v->effective_from < next))
        next = v->effective_from;
    }
  return next;
}

static void
update_status (XbAdminPolicy *self)
{
  gint64 next = next_version (self);
  g_autofree char *day = next != 0 ? china_day (next) : NULL;
  g_autofree char *text = next != 0 ? g_strdup_printf (_("The rules below are in force; an edit saved for later takes effect from %s."), day)
                                    : g_strdup (_("Press Edit to change the rules below; a change takes effect today or from a later day."));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->status), text);
}

static void
set_editing (XbAdminPolicy *self, gboolean editing)
{
  self->editing = editing;
  for (guint i = 0; i < self->controls->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->controls, i), editing);
  gtk_widget_set_visible (self->edit, !editing);
  gtk_widget_set_visible (self->cancel, editing);
  gtk_widget_set_visible (self->save, editing);
  gtk_widget_set_visible (self->effective, editing);
  gtk_widget_set_visible (self->status, !editing);
  update_status (self);
  if (editing)
    {
      g_autoptr(GDateTime) now = china_now ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      gtk_editable_set_text (GTK_EDITABLE (self->effective), today);
    }
  set_message (self, NULL);
  update_form (self);
}

static void
reload (XbAdminSection *section)
{
  XbAdminPolicy *self = XB_ADMIN_POLICY (section);
  XbStore *store = xb_admin_section_get_store (section);
  g_autoptr(GError) error = NULL;

  xb_policy_init_defaults (&self->policy);
  if (store != NULL && !xb_store_get_policy (store, &self->policy, &error))
    xb_admin_section_toast (section, error->message);
  if (!self->editing)
    fill_form (self, &self->policy);
  else
    update_form (self);
  update_status (self);
  reload_history (self);
}

/* When the edited policy takes effect: 0 for now, else that day's 00:00
 * China time; -1 with a message for a malformed or past day. */
static gint64
read_effective (XbAdminPolicy *self, const char **problem)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->effective));
  g_autoptr(GTimeZone) cst = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) now = china_now ();
  g_autoptr(GDateTime) day = NULL;
  unsigned y = 0, m = 0, d = 0;
  char tail = 0;

  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3
      || !g_date_valid_dmy ((GDateDay) MIN (d, 255), (GDateMonth) MIN (m, 13), (GDateYear) MIN (y, 9999)))
    return *problem = _("Type the day the policy takes effect as year-month-day, like 2026-12-01."), -1;
  day = g_date_time_new (cst, (int) y, (int) m, (int) d, 0, 0, 0);
  if (g_date_time_get_year (day) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (day) == g_date_time_get_day_of_year (now))
    return 0;
  if (g_date_time_compare (day, now) < 0)
    return *problem = _("The policy cannot take effect on a past day; choose today or a later day."), -1;
  return g_date_time_to_unix (day);
}

/* A message for what the form cannot save, else NULL. */
static const char *
check_form (const XbPolicy *edited)
{
  for (int i = 0; i < XB_N_IMPORTANCES; i++)
    if (edited->chains[i].n_roles == 0)
      return _("Every importance needs at least one signer in its sign-off chain.");
  if (!g_date_valid_dmy ((GDateDay) edited->roster_deadline_day, (GDateMonth) edited->roster_deadline_month, 2025))
    return _("The roster deadline must be a day every year has (not 29 February, nor a 31st of a shorter month).");
  return NULL;
}

static void
on_saved (XbAdminSection *section, JsonObject *answer, gpointer user_data)
{
  XbAdminPolicy *self = XB_ADMIN_POLICY (section);
  XbSyncEngine *engine = xb_admin_section_get_engine (section);
  gboolean later = GPOINTER_TO_INT (user_data);
  JsonNode *stored = answer != NULL ? json_object_get_member (answer, "policy") : NULL;

  if (answer == NULL)
    return; /* the refusal was shown; the form keeps what was typed */
  if (!later && stored != NULL)
    {
      g_autofree char *text = json_to_string (stored, FALSE);
      XbPolicy policy;

      if (xb_policy_from_json (text, &policy, NULL))
        self->policy = policy;
    }
  self->editing = FALSE;
  fill_form (self, &self->policy);
  set_editing (self, FALSE);
  xb_admin_section_toast (section, later ? _("Policy saved; it takes effect on the day chosen")
                                         : _("Policy saved"));
  reload_history (self);
  if (engine != NULL)
    xb_sync_engine_kick (engine);
}

static void
on_save_clicked (XbAdminPolicy *self)
{
  XbPolicy edited;
  const char *problem = NULL;
  gint64 from = read_effective (self, &problem);
  g_autofree char *policy_json = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) body = NULL;

  read_form (self, &edited);
  if (problem == NULL)
    problem = check_form (&edited);
  if (problem != NULL)
    {
      set_message (self, problem);
      return;
    }
  set_message (self, NULL);
  policy_json = xb_policy_to_json (&edited);
  iso = xb_time_format (from > 0 ? from : g_get_real_time () / G_USEC_PER_SEC);
  text = g_strdup_printf ("{\"policy\": %s, \"effective_from\": \"%s\"}", policy_json, iso);
  body = json_from_string (text, NULL);
  xb_admin_section_request (XB_ADMIN_SECTION (self), "PUT", "/api/v1/admin/policy", body,
                            _("Changing the policy needs a connection to the server; you are offline."),
                            on_saved, GINT_TO_POINTER (from > 0));
}

static void
on_edit_clicked (XbAdminPolicy *self)
{
  set_editing (self, TRUE);
}

static void
on_cancel_clicked (XbAdminPolicy *self)
{
  self->editing = FALSE;
  fill_form (self, &self->policy);
  set_editing (self, FALSE);
}

/* ---- building ------------------------------------------------------------------------ */

static GtkWidget *
add_group (XbAdminPolicy *self, const char *title, const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (xb_admin_section_get_page (XB_ADMIN_SECTION (self)), ADW_PREFERENCES_GROUP (group));
  return group;
}

static GtkWidget *
add_spin (XbAdminPolicy *self, GtkWidget *row, const char *name, const char *label, int min, int max)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  name_control (spin, name, label);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_form_changed), self);
  g_ptr_array_add (self->controls, spin);
  return spin;
}

static GtkWidget *
add_switch (XbAdminPolicy *self, GtkWidget *row, const char *name)
{
  GtkWidget *sw = gtk_switch_new ();

  name_control (sw, name, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  g_signal_connect_swapped (sw, "notify::active", G_CALLBACK (on_form_changed), self);
  g_ptr_array_add (self->controls, sw);
  return sw;
}

static GtkWidget *
new_row (GtkWidget *group, const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (group != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static void
build_header (XbAdminPolicy *self)
{
  GtkWidget *group = add_group (self, _("Policy"), NULL);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->edit = gtk_button_new_with_mnemonic (_("_Edit"));
  gtk_widget_set_name (self->edit, "policy-edit");
  g_signal_connect_swapped (self->edit, "clicked", G_CALLBACK (on_edit_clicked), self);
  self->cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_name (self->cancel, "policy-cancel");
  g_signal_connect_swapped (self->cancel, "clicked", G_CALLBACK (on_cancel_clicked), self);
  self->save = gtk_button_new_with_mnemonic (_("_Save Policy"));
  gtk_widget_set_name (self->save, "policy-save");
  gtk_widget_add_css_class (self->save, "suggested-action");
  g_signal_connect_swapped (self->save, "clicked", G_CALLBACK (on_save_clicked), self);
  gtk_box_append (GTK_BOX (buttons), self->edit);
  gtk_box_append (GTK_BOX (buttons), self->cancel);
  gtk_box_append (GTK_BOX (buttons), self->save);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), buttons);

  self->status = new_row (group, _("Rules in force"), NULL);
  gtk_widget_set_name (self->status, "policy-status");
  self->effective = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->effective), _("Effective from (year-month-day)"));
  name_control (self->effective, "policy-effective-from", _("Effective from"));
  g_signal_connect_swapped (self->effective, "changed", G_CALLBACK (on_form_changed), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->effective);
  self->message = gtk_label_new (NULL);
  gtk_widget_set_name (self->message, "policy-message");
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->message), 0);
  gtk_widget_add_css_class (self->message, "error");
  gtk_widget_set_margin_top (self->message, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->message), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Problem with the policy"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->message);
}

static void
build_chains (XbAdminPolicy *self)
{
  GtkWidget *group = add_group (self, _("Sign-off Chains"),
                                _("Who signs an item proposed for adoption, by importance, in this order."));

  for (int i = 0; i < XB_N_IMPORTANCES; i++)
    {
      const char *importance = xb_importance_to_string ((XbImportance) i);
      g_autofree char *title = g_strdup_printf (_("Sign-off for %s"), xb_importance_label ((XbImportance) i));
      g_autofree char *name = g_strdup_printf ("policy-chain-%s", importance);

      self->chain_rows[i] = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->chain_rows[i]), title);
      name_control (self->chain_rows[i], name, title);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->chain_rows[i]);
      for (guint r = 0; r < N_SIGNERS; r++)
        {
          const char *label = xb_role_label (signers[r]);
          GtkWidget *row = new_row (NULL, label, NULL);
          GtkWidget *check = gtk_check_button_new ();
          g_autofree char *check_name = g_strdup_printf ("policy-chain-%s-%s", importance,
                                                         xb_role_to_string (signers[r]));
          /* TRANSLATORS: accessible name of a check box: "Secretary-general signs General items" */
          g_autofree char *a11y = g_strdup_printf (_("%s signs %s items"), label,
                                                   xb_importance_label ((XbImportance) i));

          name_control (check, check_name, a11y);
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_form_changed), self);
          g_ptr_array_add (self->controls, check);
          self->checks[i][r] = check;
          adw_expander_row_add_row (ADW_EXPANDER_ROW (self->chain_rows[i]), row);
        }
    }
  self->mayor_for_marked = add_switch (self, new_row (group, _("The mayor also signs especially major items marked for the mayor"), NULL),
                                       "policy-mayor-for-marked");
}

static void
build_deadlines (XbAdminPolicy *self)
{
  GtkWidget *group = add_group (self, _("Urgent Deadlines"),
                                _("Minutes from the event to the deadline of an urgent item, by importance."));

  for (int i = 0; i < XB_N_IMPORTANCES; i++)
    {
      g_autofree char *title = g_strdup_printf (_("Urgent deadline for %s"), xb_importance_label ((XbImportance) i));
      g_autofree char *name = g_strdup_printf ("policy-urgent-%s", xb_importance_to_string ((XbImportance) i));

      self->urgent_rows[i] = new_row (group, title, NULL);
      self->urgent[i] = add_spin (self, self->urgent_rows[i], name, title, 1, 10080);
    }
}

static void
build_quotas (XbAdminPolicy *self)
{
  GtkWidget *group = add_group (self, _("Monthly Quotas"),
                                _("Least items each unit of a kind sends a month; 0 means no quota."));

  for (int k = 0; k < XB_N_UNIT_KINDS; k++)
    {
      const char *label = xb_unit_kind_label ((XbUnitKind) k);
      g_autofree char *name = g_strdup_printf ("policy-quota-%s", xb_unit_kind_to_string ((XbUnitKind) k));

      self->quotas[k] = add_spin (self, new_row (group, label, NULL), name, label, 0, 100);
    }
  self->roster_month = add_spin (self, new_row (group, _("Roster deadline: month"),
                                                _("Every unit's leader and officer are in place by this day each year")),
                                 "policy-roster-month", _("Roster deadline: month"), 1, 12);
  self->roster_day = add_spin (self, new_row (group, _("Roster deadline: day"), _("Any day but 29 February")),
                               "policy-roster-day", _("Roster deadline: day"), 1, 31);
}

static void
build_scores (XbAdminPolicy *self)
{
  GtkWidget *group = add_group (self, _("Scoring"), _("Points for the year-end assessment, per outcome."));

  for (int s = 0; s < XB_N_SCORES; s++)
    {
      const char *publication = score_publication ((XbScore) s);
      g_autofree char *label = publication != NULL ? g_strdup_printf ("%s %s", score_label ((XbScore) s), publication)
                                                   : g_strdup (score_label ((XbScore) s));
      g_autofree char *name = g_strdup_printf ("policy-score-%s", xb_score_to_string ((XbScore) s));
      GtkWidget *row = new_row (group, score_label ((XbScore) s), publication);

      self->scores[s] = add_spin (self, row, name, label, -1000, 1000);
    }
  self->roll_up = add_switch (self, new_row (group, _("Direct-reporting points' scores count toward their county"), NULL),
                              "policy-roll-up");
}

static void
build (XbAdminPolicy *self)
{
  build_header (self);
  build_chains (self);
  build_deadlines (self);
  build_quotas (self);
  build_scores (self);
  self->history_group = add_group (self, _("History of Edits"), NULL);
  gtk_widget_set_name (self->history_group, "policy-history");
  xb_policy_init_defaults (&self->policy);
  fill_form (self, &self->policy);
  set_editing (self, FALSE);
}

static void
xb_admin_policy_dispose (GObject *object)
{
  XbAdminPolicy *self = XB_ADMIN_POLICY (object);

  g_clear_pointer (&self->controls, g_ptr_array_unref);
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
  self->controls = g_ptr_array_new ();
  self->history_rows = g_ptr_array_new ();
  build (self);
}

GtkWidget *
xb_admin_policy_new (void)
{
  return g_object_new (XB_TYPE_ADMIN_POLICY, NULL);
}
