/* The Administration page's section for rosters: a unit's history, changing a post's holder, who held each post on a date, units missing a roster. */
#include "config.h"

#include "xb-admin-rosters.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "xb-store-admin.h"

struct _XbAdminRosters
{
  GtkWidget     parent_instance;

  XbStore      *store;
  XbSyncClient *client;
  XbSyncEngine *engine;
  GCancellable *cancellable;

  GtkWidget    *toasts;
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

G_DEFINE_FINAL_TYPE (XbAdminRosters, xb_admin_rosters, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_STORE, PROP_CLIENT, PROP_ENGINE, N_PROPS };
static GParamSpec *props[N_PROPS];

static void
toast (XbAdminRosters *self, const char *text)
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
format_day (gint64 when)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (when);
  /* TRANSLATORS: strftime format of a day */
  return dt != NULL ? g_date_time_format (dt, _("%Y-%m-%d")) : g_strdup ("?");
}

/* "YYYY-MM-DD" as the start of that local day; -1 when malformed. */
static gint64
parse_day (const char *text)
{
  int y, m, d;
  char end;
  g_autoptr(GDateTime) dt = NULL;

  if (sscanf (text, "%d-%d-%d%c", &y, &m, &d, &end) != 3)
    return -1;
  dt = g_date_time_new_local (y, m, d, 0, 0, 0);
  return dt != NULL ? g_date_time_to_unix (dt) : -1;
}

static char *
user_text (XbAdminRosters *self, gint64 id)
{
  g_autoptr(XbUser) user = self->store != NULL ? xb_store_get_user (self->store, id, NULL) : NULL;

  if (user != NULL)
    return g_strdup (user->display_name != NULL && user->display_name[0] != '\0'
                     ? user->display_name : user->username);
  /* TRANSLATORS: an account known only by its number */
  return g_strdup_printf (_("User %lld"), (long long) id);
}

static const char *
post_label (XbPost post)
{
  return post == XB_POST_LEADER ? _("Leader in charge") : _("Information officer");
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
  gint64 on = text[0] != '\0' ? parse_day (text) : -1;

  remove_rows (self->history_rows);
  for (guint i = 0; i < self->entries->len; i++)
    {
      XbRosterEntry *e = &g_array_index (self->entries, XbRosterEntry, i);
      g_autofree char *who = user_text (self, e->user_id);
      g_autofree char *title = g_strdup_printf ("%s: %s", post_label (e->post), who);
      g_autofree char *from = format_day (e->starts);
      g_autofree char *to = e->ends > 0 ? format_day (e->ends) : NULL;
      g_autofree char *subtitle = to != NULL ? g_strdup_printf (_("From %s to %s"), from, to)
                                             : g_strdup_printf (_("From %s, current"), from);

      if (on >= 0 && !(e->starts <= on + 86399 && (e->ends == 0 || e->ends > on)))
        continue;
      add_row (self->history_group, self->history_rows, title, subtitle);
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
      JsonNode *ends = json_object_get_member (o, "ends");
      g_autoptr(GDateTime) s = g_date_time_new_from_iso8601 (json_object_get_string_member_with_default (o, "starts", ""), NULL);
      g_autoptr(GDateTime) t = ends != NULL && !JSON_NODE_HOLDS_NULL (ends)
                               ? g_date_time_new_from_iso8601 (json_node_get_string (ends), NULL) : NULL;

      e.id = json_object_get_int_member_with_default (o, "id", 0);
      e.unit_id = json_object_get_int_member_with_default (o, "unit_id", 0);
      e.user_id = json_object_get_int_member_with_default (o, "user_id", 0);
      e.post = g_strcmp0 (json_object_get_string_member_with_default (o, "post", ""), "leader") == 0
               ? XB_POST_LEADER : XB_POST_OFFICER;
      e.starts = s != NULL ? g_date_time_to_unix (s) : 0;
      e.ends = t != NULL ? g_date_time_to_unix (t) : 0;
      g_array_append_val (self->entries, e);
    }
}

static JsonObject *
answer_object (XbAdminRosters *self, GObject *source, GAsyncResult *result, JsonParser *parser)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbResponse) response = xb_sync_client_request_finish (XB_SYNC_CLIENT (source), result, &error);

  if (response == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return NULL;
    }
  if (response->status >= 300)
    {
      g_autofree char *message = xb_response_dup_message (response);
      toast (self, message);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (response->body, NULL),
                                   (gssize) g_bytes_get_size (response->body), NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      toast (self, _("The server's answer could not be read."));
      return NULL;
    }
  return json_node_get_object (json_parser_get_root (parser));
}

static void
on_roster (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(XbAdminRosters) self = user_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *answer = answer_object (self, source, result, parser);

  if (answer == NULL)
    return;
  parse_roster (self, json_object_get_array_member (answer, "roster"));
  show_history (self);
}

static void
on_changed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(XbAdminRosters) self = user_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *answer = answer_object (self, source, result, parser);

  if (answer == NULL)
    return;
  parse_roster (self, json_object_get_array_member (answer, "roster"));
  show_history (self);
  toast (self, _("Roster changed"));
  if (self->engine != NULL)
    xb_sync_engine_kick (self->engine);
}

static void
load_people (XbAdminRosters *self, gint64 unit_id)
{
  g_autoptr(GPtrArray) users = self->store != NULL ? xb_store_list_users (self->store, NULL) : NULL;
  GtkStringList *names = gtk_string_list_new (NULL);

  g_array_set_size (self->user_ids, 0);
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      XbUser *user = g_ptr_array_index (users, i);
      if (user->unit_id != unit_id || user->disabled)
        continue;
      gtk_string_list_append (names, user->display_name != NULL && user->display_name[0] != '\0'
                                     ? user->display_name : user->username);
      g_array_append_val (self->user_ids, user->id);
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->person_row), G_LIST_MODEL (names));
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
  if (self->client == NULL)
    {
      g_autoptr(GArray) entries = self->store != NULL ? xb_store_roster_history (self->store, unit_id, NULL) : NULL;
      if (entries != NULL)
        g_array_append_vals (self->entries, entries->data, entries->len);
      show_history (self);
      return;
    }
  path = g_strdup_printf ("/api/v1/admin/roster?unit_id=%" G_GINT64_FORMAT, unit_id);
  xb_sync_client_request_async (self->client, "GET", path, NULL, self->cancellable,
                                on_roster, g_object_ref (self));
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
  g_autoptr(GPtrArray) units = self->store != NULL ? xb_store_list_units (self->store, NULL) : NULL;
  g_autofree char *day = format_day (deadline);
  g_autofree char *description = NULL;

  remove_rows (self->missing_rows);
  for (guint i = 0; i < gaps->len; i++)
    {
      XbRosterGap *gap = &g_array_index (gaps, XbRosterGap, i);
      const char *what = !gap->has_leader && !gap->has_officer ? _("Missing: no leader, no officer")
                         : !gap->has_leader ? _("Incomplete: no leader in charge")
                         : _("Incomplete: no information officer");
      add_row (self->missing_group, self->missing_rows, unit_text (self, gap->unit_id, units), what);
    }
  description = gaps->len == 0
                ? g_strdup_printf (_("Every unit's roster was in place by the deadline, %s."), day)
                : g_strdup_printf (_("Deadline %s."), day);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->missing_group), description);
}

static void
on_missing (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(XbAdminRosters) self = user_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *answer = answer_object (self, source, result, parser);
  g_autoptr(GArray) gaps = g_array_new (FALSE, TRUE, sizeof (XbRosterGap));
  g_autoptr(GDateTime) deadline = NULL;
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
  deadline = g_date_time_new_from_iso8601 (json_object_get_string_member_with_default (answer, "deadline", ""), NULL);
  show_missing (self, gaps, deadline != NULL ? g_date_time_to_unix (deadline) : 0);
}

static void
load_missing (XbAdminRosters *self)
{
  int year = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->year_spin));
  g_autofree char *path = NULL;

  if (self->client == NULL)
    {
      gint64 deadline = xb_roster_deadline (year, XB_ROSTER_DEADLINE_MONTH, XB_ROSTER_DEADLINE_DAY);
      g_autoptr(GArray) gaps = self->store != NULL ? xb_store_missing_rosters (self->store, deadline, NULL) : NULL;
      if (gaps != NULL)
        show_missing (self, gaps, deadline);
      return;
    }
  path = g_strdup_printf ("/api/v1/admin/rosters/missing?year=%d", year);
  xb_sync_client_request_async (self->client, "GET", path, NULL, self->cancellable,
                                on_missing, g_object_ref (self));
}

static void
on_change_clicked (XbAdminRosters *self)
{
  guint person = adw_combo_row_get_selected (ADW_COMBO_ROW (self->person_row));
  gint64 at = parse_day (gtk_editable_get_text (GTK_EDITABLE (self->from_row)));
  XbPost post = adw_combo_row_get_selected (ADW_COMBO_ROW (self->post_row)) == 0 ? XB_POST_LEADER : XB_POST_OFFICER;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *body = NULL;

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
  if (self->client == NULL)
    {
      toast (self, _("Changing a roster needs a connection to the server; you are offline."));
      return;
    }
  utc = g_date_time_new_from_unix_utc (at);
  iso = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  body = g_strdup_printf ("{\"unit_id\": %" G_GINT64_FORMAT ", \"user_id\": %" G_GINT64_FORMAT
                          ", \"post\": \"%s\", \"at\": \"%s\"}",
                          selected_unit (self), g_array_index (self->user_ids, gint64, person),
                          post == XB_POST_LEADER ? "leader" : "officer", iso);
  xb_sync_client_request_async (self->client, "POST", "/api/v1/admin/roster/change", body,
                                self->cancellable, on_changed, g_object_ref (self));
}

static void
reload (XbAdminRosters *self)
{
  g_autoptr(GPtrArray) units = self->store != NULL ? xb_store_list_units (self->store, NULL) : NULL;
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
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *unit_group = adw_preferences_group_new ();
  GtkWidget *change_group = adw_preferences_group_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("C_hange Holder"));
  GtkWidget *year_row = adw_action_row_new ();
  const char *posts[] = { _("Leader in charge"), _("Information officer"), NULL };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GtkStringList *post_list = gtk_string_list_new (posts);

  self->toasts = adw_toast_overlay_new ();
  gtk_widget_set_parent (self->toasts, GTK_WIDGET (self));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (self->toasts), page);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (unit_group), _("Unit"));
  self->unit_row = combo (_("Unit"), "roster-unit");
  g_signal_connect_swapped (self->unit_row, "notify::selected", G_CALLBACK (load_roster), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (unit_group), self->unit_row);
  self->on_date_row = entry (_("Who held each post on (year-month-day; empty: whole history)"), "roster-on-date");
  g_signal_connect_swapped (self->on_date_row, "changed", G_CALLBACK (show_history), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (unit_group), self->on_date_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (unit_group));

  self->history_group = adw_preferences_group_new ();
  gtk_widget_set_name (self->history_group, "roster-history");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->history_group), _("Roster"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->history_group));

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
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (change_group));

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
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->missing_group));
}

static void
on_engine_changed (XbAdminRosters *self)
{
  reload (self);
}

static void
set_engine (XbAdminRosters *self, XbSyncEngine *engine)
{
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    g_signal_connect_swapped (engine, "notify::state", G_CALLBACK (on_engine_changed), self);
}

static void
xb_admin_rosters_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  XbAdminRosters *self = XB_ADMIN_ROSTERS (object);

  switch (id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      reload (self);
      break;
    case PROP_CLIENT:
      g_set_object (&self->client, g_value_get_object (value));
      reload (self);
      break;
    case PROP_ENGINE:
      set_engine (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
xb_admin_rosters_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  XbAdminRosters *self = XB_ADMIN_ROSTERS (object);

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
xb_admin_rosters_dispose (GObject *object)
{
  XbAdminRosters *self = XB_ADMIN_ROSTERS (object);

  g_cancellable_cancel (self->cancellable);
  set_engine (self, NULL);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->unit_ids, g_array_unref);
  g_clear_pointer (&self->user_ids, g_array_unref);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);
  g_clear_pointer (&self->missing_rows, g_ptr_array_unref);
  g_clear_pointer (&self->toasts, gtk_widget_unparent);
  G_OBJECT_CLASS (xb_admin_rosters_parent_class)->dispose (object);
}

static void
xb_admin_rosters_class_init (XbAdminRostersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xb_admin_rosters_dispose;
  object_class->set_property = xb_admin_rosters_set_property;
  object_class->get_property = xb_admin_rosters_get_property;
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
xb_admin_rosters_init (XbAdminRosters *self)
{
  self->cancellable = g_cancellable_new ();
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
