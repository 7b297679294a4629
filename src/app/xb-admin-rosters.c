/* The Administration page's section for rosters: a unit's history, changing a post's holder, who held each post on a date, units missing a roster. */
#include "config.h"

#include "xb-admin-rosters.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "xb-store-admin.h"

struct _XbAdminRosters
{
  XbAdminSection parent_instance;

  GtkWidget    *unit_row;
  GtkWidget    *history_group;
  GtkWidget    *on_date_row;
  GtkWidget    *post_row;
  GtkWidget    *person_row;
  GtkWidget    *from_row;
  GtkWidget    *year_spin;
  GtkWidget    *missing_group;
  GArray       *unit_ids;     /* gint64, parallel to unit_row's model */
  GArray       *user_ids;     /* gint64, parallel to person_row's model */
  GArray       *entries;      /* XbRosterEntry of the unit shown */
  GPtrArray    *history_rows;
  GPtrArray    *missing_rows;
};

G_DEFINE_FINAL_TYPE (XbAdminRosters, xb_admin_rosters, XB_TYPE_ADMIN_SECTION)

static void
toast (XbAdminRosters *self, const char *text)
{
  xb_admin_section_toast (XB_ADMIN_SECTION (self), text);
}

static XbStore *
store_of (XbAdminRosters *self)
{
  return xb_admin_section_get_store (XB_ADMIN_SECTION (self));
}

static gint64
selected_unit (XbAdminRosters *self)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (self->unit_row));
  return i < self->unit_ids->len ? g_array_index (self->unit_ids, gint64, i) : 0;
}

static void
show_history (XbAdminRosters *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->on_date_row));
  gint64 on = text[0] != '\0' ? xb_admin_parse_day (text) : -1;

  xb_admin_rows_clear (self->history_rows);
  for (guint i = 0; i < self->entries->len; i++)
    {
      XbRosterEntry *e = &g_array_index (self->entries, XbRosterEntry, i);
      g_autofree char *who = xb_admin_user_name (XB_ADMIN_SECTION (self), e->user_id);
      g_autofree char *title = g_strdup_printf ("%s: %s", xb_post_label (e->post), who);
      g_autofree char *from = xb_admin_format_day (e->starts);
      g_autofree char *to = e->ends > 0 ? xb_admin_format_day (e->ends) : NULL;
      g_autofree char *subtitle = to != NULL ? g_strdup_printf (_("From %s to %s"), from, to)
                                             : g_strdup_printf (_("From %s, current"), from);

      if (on >= 0 && !(e->starts <= on + 86399 && (e->ends == 0 || e->ends > on)))
        continue;
      xb_admin_rows_add (self->history_group, self->history_rows, title, subtitle);
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->history_group),
                                         self->history_rows->len > 0 ? NULL
                                         : on >= 0 ? _("Nobody held a post of this unit on that day.")
                                         : _("No roster recorded for this unit yet."));
}

static void
parse_roster (XbAdminRosters *self, JsonArray *roster)
{
  g_array_set_size (self->entries, 0);
  for (guint i = 0; roster != NULL && i < json_array_get_length (roster); i++)
    {
      JsonObject *o = json_array_get_object_element (roster, i);
      XbRosterEntry e = { 0 };

      e.id = json_object_get_int_member_with_default (o, "id", 0);
      e.unit_id = json_object_get_int_member_with_default (o, "unit_id", 0);
      e.user_id = json_object_get_int_member_with_default (o, "user_id", 0);
      e.post = g_strcmp0 (json_object_get_string_member_with_default (o, "post", ""), "leader") == 0
               ? XB_POST_LEADER : XB_POST_OFFICER;
      e.starts = xb_admin_json_time (o, "starts");
      e.ends = xb_admin_json_time (o, "ends");
      g_array_append_val (self->entries, e);
    }
}

static void
on_roster (XbAdminSection *section, JsonObject *answer, gpointer user_data)
{
  XbAdminRosters *self = XB_ADMIN_ROSTERS (section);

  if (answer == NULL)
    return;
  parse_roster (self, json_object_get_array_member (answer, "roster"));
  show_history (self);
}

static void
on_changed (XbAdminSection *section, JsonObject *answer, gpointer user_data)
{
  XbAdminRosters *self = XB_ADMIN_ROSTERS (section);
  XbSyncEngine *engine = xb_admin_section_get_engine (section);

  if (answer == NULL)
    return;
  parse_roster (self, json_object_get_array_member (answer, "roster"));
  show_history (self);
  toast (self, _("Roster changed"));
  if (engine != NULL)
    xb_sync_engine_kick (engine);
}

static void
load_people (XbAdminRosters *self, gint64 unit_id)
{
  g_autoptr(GPtrArray) users = store_of (self) != NULL ? xb_store_list_users (store_of (self), NULL) : NULL;
  GtkStringList *names = gtk_string_list_new (NULL);
  guint chosen = adw_combo_row_get_selected (ADW_COMBO_ROW (self->person_row));
  gint64 keep = chosen < self->user_ids->len ? g_array_index (self->user_ids, gint64, chosen) : 0;
  guint select = 0;

  g_array_set_size (self->user_ids, 0);
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      XbUser *user = g_ptr_array_index (users, i);
      if (user->unit_id != unit_id || user->disabled)
        continue;
      if (user->id == keep)
        select = self->user_ids->len;
      gtk_string_list_append (names, user->display_name != NULL && user->display_name[0] != '\0'
                                     ? user->display_name : user->username);
      g_array_append_val (self->user_ids, user->id);
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->person_row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->person_row), select);
  g_object_unref (names);
}

static void
load_roster (XbAdminRosters *self)
{
  gint64 unit_id = selected_unit (self);
  g_autofree char *path = NULL;

  load_people (self, unit_id);
  g_array_set_size (self->entries, 0);
  if (unit_id == 0)
    {
      show_history (self);
      return;
    }
  if (xb_admin_section_get_client (XB_ADMIN_SECTION (self)) == NULL)
    {
      g_autoptr(GArray) entries = store_of (self) != NULL ? xb_store_roster_history (store_of (self), unit_id, NULL) : NULL;
      if (entries != NULL)
        g_array_append_vals (self->entries, entries->data, entries->len);
      show_history (self);
      return;
    }
  path = g_strdup_printf ("/api/v1/admin/roster?unit_id=%" G_GINT64_FORMAT, unit_id);
  xb_admin_section_request (XB_ADMIN_SECTION (self), "GET", path, NULL, NULL, on_roster, NULL);
}

static const char *
unit_text (XbAdminRosters *self, gint64 id, GPtrArray *units)
{
  for (guint i = 0; units != NULL && i < units->len; i++)
    if (((XbUnit *) g_ptr_array_index (units, i))->id == id)
      return ((XbUnit *) g_ptr_array_index (units, i))->name;
  return _("Unknown unit");
}

static void
show_missing (XbAdminRosters *self, GArray *gaps, gint64 deadline)
{
  g_autoptr(GPtrArray) units = store_of (self) != NULL ? xb_store_list_units (store_of (self), NULL) : NULL;
  g_autofree char *day = xb_admin_format_day (deadline);
  g_autofree char *description = NULL;

  xb_admin_rows_clear (self->missing_rows);
  for (guint i = 0; i < gaps->len; i++)
    {
      XbRosterGap *gap = &g_array_index (gaps, XbRosterGap, i);
      const char *what = !gap->has_leader && !gap->has_officer ? _("Missing: no leader, no officer")
                         : !gap->has_leader ? _("Incomplete: no leader in charge")
                         : _("Incomplete: no information officer");
      xb_admin_rows_add (self->missing_group, self->missing_rows, unit_text (self, gap->unit_id, units), what);
    }
  description = gaps->len == 0
                ? g_strdup_printf (_("Every unit's roster was in place by the deadline, %s."), day)
                : g_strdup_printf (_("Deadline %s."), day);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->missing_group), description);
}

static void
on_missing (XbAdminSection *section, JsonObject *answer, gpointer user_data)
{
  XbAdminRosters *self = XB_ADMIN_ROSTERS (section);
  g_autoptr(GArray) gaps = g_array_new (FALSE, TRUE, sizeof (XbRosterGap));
  JsonArray *units;

  if (answer == NULL)
    return;
  units = json_object_get_array_member (answer, "units");
  for (guint i = 0; units != NULL && i < json_array_get_length (units); i++)
    {
      JsonObject *o = json_array_get_object_element (units, i);
      XbRosterGap gap = { json_object_get_int_member_with_default (o, "unit_id", 0),
                          json_object_get_boolean_member_with_default (o, "has_leader", FALSE),
                          json_object_get_boolean_member_with_default (o, "has_officer", FALSE) };
      g_array_append_val (gaps, gap);
    }
  show_missing (self, gaps, xb_admin_json_time (answer, "deadline"));
}

static void
load_missing (XbAdminRosters *self)
{
  int year = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->year_spin));
  g_autofree char *path = NULL;

  if (xb_admin_section_get_client (XB_ADMIN_SECTION (self)) == NULL)
    {
      gint64 deadline = xb_roster_deadline (year, XB_ROSTER_DEADLINE_MONTH, XB_ROSTER_DEADLINE_DAY);
      g_autoptr(GArray) gaps = store_of (self) != NULL ? xb_store_missing_rosters (store_of (self), deadline, NULL) : NULL;
      if (gaps != NULL)
        show_missing (self, gaps, deadline);
      return;
    }
  path = g_strdup_printf ("/api/v1/admin/rosters/missing?year=%d", year);
  xb_admin_section_request (XB_ADMIN_SECTION (self), "GET", path, NULL, NULL, on_missing, NULL);
}

static void
on_change_clicked (XbAdminRosters *self)
{
  guint person = adw_combo_row_get_selected (ADW_COMBO_ROW (self->person_row));
  gint64 at = xb_admin_parse_day (gtk_editable_get_text (GTK_EDITABLE (self->from_row)));
  XbPost post = adw_combo_row_get_selected (ADW_COMBO_ROW (self->post_row)) == 0 ? XB_POST_LEADER : XB_POST_OFFICER;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *iso = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *text = NULL;

  if (selected_unit (self) == 0 || person >= self->user_ids->len)
    {
      toast (self, _("Choose a unit and one of its people first."));
      return;
    }
  if (at < 0)
    {
      toast (self, _("Write the day the change takes effect as year-month-day, e.g. 2026-12-01."));
      return;
    }
  utc = g_date_time_new_from_unix_utc (at);
  iso = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  text = g_strdup_printf ("{\"unit_id\": %" G_GINT64_FORMAT ", \"user_id\": %" G_GINT64_FORMAT
                          ", \"post\": \"%s\", \"at\": \"%s\"}",
                          selected_unit (self), g_array_index (self->user_ids, gint64, person),
                          post == XB_POST_LEADER ? "leader" : "officer", iso);
  body = json_from_string (text, NULL);
  xb_admin_section_request (XB_ADMIN_SECTION (self), "POST", "/api/v1/admin/roster/change", body,
                            _("Changing a roster needs a connection to the server; you are offline."),
                            on_changed, NULL);
}

static void
reload (XbAdminSection *section)
{
  XbAdminRosters *self = XB_ADMIN_ROSTERS (section);
  g_autoptr(GPtrArray) units = store_of (self) != NULL ? xb_store_list_units (store_of (self), NULL) : NULL;
  GtkStringList *names = gtk_string_list_new (NULL);
  gint64 keep = selected_unit (self);
  guint select = 0;

  g_array_set_size (self->unit_ids, 0);
  for (guint i = 0; units != NULL && i < units->len; i++)
    {
      XbUnit *unit = g_ptr_array_index (units, i);
      if (unit->retired || unit->kind == XB_UNIT_KIND_OFFICE)
        continue;
      if (unit->id == keep)
        select = self->unit_ids->len;
      gtk_string_list_append (names, unit->name);
      g_array_append_val (self->unit_ids, unit->id);
    }
  g_signal_handlers_block_by_func (self->unit_row, load_roster, self);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->unit_row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->unit_row), select);
  g_signal_handlers_unblock_by_func (self->unit_row, load_roster, self);
  g_object_unref (names);
  load_roster (self);
  load_missing (self);
}

static GtkWidget *
combo (const char *title, const char *name)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, name);
  return row;
}

static GtkWidget *
entry (const char *title, const char *name)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, name);
  return row;
}

static void
build (XbAdminRosters *self)
{
  AdwPreferencesPage *page = xb_admin_section_get_page (XB_ADMIN_SECTION (self));
  GtkWidget *unit_group = adw_preferences_group_new ();
  GtkWidget *change_group = adw_preferences_group_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("C_hange Holder"));
  GtkWidget *year_row = adw_action_row_new ();
  const char *posts[] = { _("Leader in charge"), _("Information officer"), NULL };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GtkStringList *post_list = gtk_string_list_new (posts);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (unit_group), _("Unit"));
  self->unit_row = combo (_("Unit"), "roster-unit");
  g_signal_connect_swapped (self->unit_row, "notify::selected", G_CALLBACK (load_roster), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (unit_group), self->unit_row);
  self->on_date_row = entry (_("Who held each post on (year-month-day; empty: whole history)"), "roster-on-date");
  g_signal_connect_swapped (self->on_date_row, "changed", G_CALLBACK (show_history), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (unit_group), self->on_date_row);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (unit_group));

  self->history_group = adw_preferences_group_new ();
  gtk_widget_set_name (self->history_group, "roster-history");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->history_group), _("Roster"));
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (self->history_group));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (change_group), _("Change a Post's Holder"));
  self->post_row = combo (_("Post"), "roster-post");
  adw_combo_row_set_model (ADW_COMBO_ROW (self->post_row), G_LIST_MODEL (post_list));
  g_object_unref (post_list);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (change_group), self->post_row);
  self->person_row = combo (_("New holder"), "roster-person");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (change_group), self->person_row);
  self->from_row = entry (_("From (year-month-day)"), "roster-from");
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), today);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (change_group), self->from_row);
  gtk_widget_set_name (button, "roster-change");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_margin_top (button, 12);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_change_clicked), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (change_group), button);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (change_group));

  self->missing_group = adw_preferences_group_new ();
  gtk_widget_set_name (self->missing_group, "roster-missing");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->missing_group), _("Missing or Incomplete Rosters"));
  self->year_spin = gtk_spin_button_new_with_range (2000, 2100, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->year_spin), g_date_time_get_year (now));
  gtk_widget_set_valign (self->year_spin, GTK_ALIGN_CENTER);
  gtk_widget_set_name (self->year_spin, "roster-year");
  g_signal_connect_swapped (self->year_spin, "value-changed", G_CALLBACK (load_missing), self);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (year_row), _("Year"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (year_row), self->year_spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->missing_group), year_row);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (self->missing_group));
}

static void
xb_admin_rosters_dispose (GObject *object)
{
  XbAdminRosters *self = XB_ADMIN_ROSTERS (object);

  g_clear_pointer (&self->unit_ids, g_array_unref);
  g_clear_pointer (&self->user_ids, g_array_unref);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);
  g_clear_pointer (&self->missing_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (xb_admin_rosters_parent_class)->dispose (object);
}

static void
xb_admin_rosters_class_init (XbAdminRostersClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_admin_rosters_dispose;
  XB_ADMIN_SECTION_CLASS (klass)->reload = reload;
}

static void
xb_admin_rosters_init (XbAdminRosters *self)
{
  self->unit_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->user_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->entries = g_array_new (FALSE, TRUE, sizeof (XbRosterEntry));
  self->history_rows = g_ptr_array_new ();
  self->missing_rows = g_ptr_array_new ();
  build (self);
}

GtkWidget *
xb_admin_rosters_new (void)
{
  return g_object_new (XB_TYPE_ADMIN_ROSTERS, NULL);
}
