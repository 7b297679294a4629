/* The Administration page's section for commissioned requests (约稿): list with each unit's answer, create. */
#include "config.h"

#include "xb-admin-requests.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "xb-store-requests.h"

struct _XbAdminRequests
{
  XbAdminSection parent_instance;

  GtkWidget    *topic_row;
  GtkWidget    *deadline_row;
  GtkWidget    *search;
  GtkWidget    *units_group;
  GtkWidget    *list_group;
  GPtrArray    *unit_rows;     /* rows of units_group, each with "unit-id" and a check */
  GPtrArray    *request_rows;  /* rows of list_group */
  GPtrArray    *fetched;       /* the server's requests while their answers are fetched */
};

G_DEFINE_FINAL_TYPE (XbAdminRequests, xb_admin_requests, XB_TYPE_ADMIN_SECTION)

static void
toast (XbAdminRequests *self, const char *text)
{
  xb_admin_section_toast (XB_ADMIN_SECTION (self), text);
}

static const char *
mark_label (XbAnswerMark mark)
{
  switch (mark)
    {
    case XB_ANSWER_ON_TIME: return _("On time");
    case XB_ANSWER_LATE:    return _("Late");
    case XB_ANSWER_MISSING: return _("Missing");
    case XB_ANSWER_PENDING:
    default:                return _("Pending");
    }
}

static const char *
unit_name (GPtrArray *units, gint64 id)
{
  for (guint i = 0; units != NULL && i < units->len; i++)
    {
      XbUnit *unit = g_ptr_array_index (units, i);
      if (unit->id == id)
        return unit->name;
    }
  return _("Unknown unit");
}

static void
apply_search (XbAdminRequests *self)
{
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->search));
  g_autofree char *folded = g_utf8_casefold (needle, -1);

  for (guint i = 0; i < self->unit_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->unit_rows, i);
      g_autofree char *title = g_utf8_casefold (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);
      gtk_widget_set_visible (row, folded[0] == '\0' || strstr (title, folded) != NULL);
    }
}

/* The units checked now, kept across a reload. */
static GHashTable *
checked_units (XbAdminRequests *self)
{
  GHashTable *checked = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < self->unit_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->unit_rows, i);
      if (gtk_check_button_get_active (g_object_get_data (row, "check")))
        g_hash_table_add (checked, g_object_get_data (row, "unit-id"));
    }
  return checked;
}

static void
reload_units (XbAdminRequests *self, GPtrArray *units)
{
  g_autoptr(GHashTable) checked = checked_units (self);

  xb_admin_rows_clear (self->unit_rows);
  for (guint i = 0; units != NULL && i < units->len; i++)
    {
      XbUnit *unit = g_ptr_array_index (units, i);
      GtkWidget *row, *check;

      if (unit->retired || unit->kind == XB_UNIT_KIND_OFFICE)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), unit->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), xb_unit_kind_label (unit->kind));
      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (row), "check", check);
      g_object_set_data (G_OBJECT (row), "unit-id", GINT_TO_POINTER ((int) unit->id));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_hash_table_contains (checked, GINT_TO_POINTER ((int) unit->id)));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->units_group), row);
      g_ptr_array_add (self->unit_rows, row);
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->units_group),
                                         self->unit_rows->len == 0
                                         ? _("No units to ask yet.") : NULL);
  apply_search (self);
}

static void
add_request_row (XbAdminRequests *self, XbRequest *request, GArray *answers, GPtrArray *units)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *deadline = xb_admin_format_time (request->deadline);
  g_autofree char *subtitle = NULL;
  guint done = 0;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), request->topic);
  for (guint i = 0; answers != NULL && i < answers->len; i++)
    {
      XbRequestAnswer *answer = &g_array_index (answers, XbRequestAnswer, i);
      GtkWidget *child;

      if (answer->request_id != request->id)
        continue;
      if (answer->mark == XB_ANSWER_ON_TIME || answer->mark == XB_ANSWER_LATE)
        done++;
      child = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (child), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (child), unit_name (units, answer->unit_id));
      if (answer->answered_at > 0)
        {
          g_autofree char *when = xb_admin_format_time (answer->answered_at);
          /* TRANSLATORS: an answer's mark and when it was sent, "Late · 2026-12-02 09:00" */
          g_autofree char *text = g_strdup_printf (_("%s · sent %s"), mark_label (answer->mark), when);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (child), text);
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (child), mark_label (answer->mark));
      if (answer->mark == XB_ANSWER_MISSING || answer->mark == XB_ANSWER_LATE)
        gtk_widget_add_css_class (child, "error");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), child);
    }
  /* TRANSLATORS: deadline, then how many of the units asked answered */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Deadline %s · %u of %u unit answered",
                                           "Deadline %s · %u of %u units answered",
                                           request->unit_ids->len),
                              deadline, done, request->unit_ids->len);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->list_group), row);
  g_ptr_array_add (self->request_rows, row);
}

static void
show_requests (XbAdminRequests *self, GPtrArray *requests, GArray *answers, GPtrArray *units)
{
  xb_admin_rows_clear (self->request_rows);
  for (guint i = 0; i < requests->len; i++)
    add_request_row (self, g_ptr_array_index (requests, i), answers, units);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->list_group),
                                         requests->len == 0
                                         ? _("No requests yet. Ask units for an item on a topic below.")
                                         : NULL);
}

static void
on_server_answers (XbAdminSection *section, JsonObject *answer, gpointer user_data)
{
  XbAdminRequests *self = XB_ADMIN_REQUESTS (section);
  XbStore *store = xb_admin_section_get_store (section);
  g_autoptr(GPtrArray) requests = g_steal_pointer (&self->fetched);
  g_autoptr(GArray) answers = g_array_new (FALSE, TRUE, sizeof (XbRequestAnswer));
  g_autoptr(GPtrArray) units = NULL;
  JsonArray *list;

  if (answer == NULL || requests == NULL)
    return;
  list = json_object_get_array_member (answer, "answers");
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *o = json_array_get_object_element (list, i);
      const char *mark = json_object_get_string_member_with_default (o, "mark", "");
      XbRequestAnswer a = { json_object_get_int_member_with_default (o, "request_id", 0),
                            json_object_get_int_member_with_default (o, "unit_id", 0),
                            xb_admin_json_time (o, "answered_at"), XB_ANSWER_PENDING };

      for (int m = XB_ANSWER_PENDING; m <= XB_ANSWER_MISSING; m++)
        if (g_strcmp0 (mark, xb_answer_mark_to_string ((XbAnswerMark) m)) == 0)
          a.mark = (XbAnswerMark) m;
      g_array_append_val (answers, a);
    }
  if (store != NULL)
    units = xb_store_list_units (store, NULL);
  show_requests (self, requests, answers, units);
}

static XbRequest *
request_from_json (JsonObject *o)
{
  JsonArray *ids = json_object_get_array_member (o, "unit_ids");
  XbRequest *request = g_new0 (XbRequest, 1);

  request->id = json_object_get_int_member_with_default (o, "id", 0);
  request->topic = g_strdup (json_object_get_string_member_with_default (o, "topic", ""));
  request->deadline = xb_admin_json_time (o, "deadline");
  request->unit_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  for (guint j = 0; ids != NULL && j < json_array_get_length (ids); j++)
    {
      gint64 id = json_array_get_int_element (ids, j);
      g_array_append_val (request->unit_ids, id);
    }
  return request;
}

static void
on_server_requests (XbAdminSection *section, JsonObject *answer, gpointer user_data)
{
  XbAdminRequests *self = XB_ADMIN_REQUESTS (section);
  JsonArray *list;

  if (answer == NULL)
    return;
  g_clear_pointer (&self->fetched, g_ptr_array_unref);
  self->fetched = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_commission_free);
  list = json_object_get_array_member (answer, "requests");
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    g_ptr_array_add (self->fetched, request_from_json (json_array_get_object_element (list, i)));
  xb_admin_section_request (section, "GET", "/api/v1/admin/requests/answers", NULL, NULL,
                            on_server_answers, NULL);
}

/* Online, the server's list and marks replace the store's. */
static void
fetch_from_server (XbAdminRequests *self)
{
  xb_admin_section_request (XB_ADMIN_SECTION (self), "GET", "/api/v1/requests", NULL, NULL,
                            on_server_requests, NULL);
}

static void
reload (XbAdminSection *section)
{
  XbAdminRequests *self = XB_ADMIN_REQUESTS (section);
  XbStore *store = xb_admin_section_get_store (section);
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GArray) answers = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  xb_admin_rows_clear (self->request_rows);
  if (store == NULL)
    {
      reload_units (self, NULL);
      return;
    }
  units = xb_store_list_units (store, &error);
  if (units != NULL)
    requests = xb_store_list_requests (store, 0, FALSE, now, &error);
  if (requests != NULL)
    answers = xb_store_request_answers (store, G_MININT64, G_MAXINT64, now, &error);
  reload_units (self, units);
  if (answers == NULL)
    {
      toast (self, error->message);
      return;
    }
  show_requests (self, requests, answers, units);
  if (xb_admin_section_get_client (section) != NULL)
    fetch_from_server (self);
}

static void
on_created (XbAdminSection *section, JsonObject *answer, gpointer user_data)
{
  XbAdminRequests *self = XB_ADMIN_REQUESTS (section);
  XbSyncEngine *engine = xb_admin_section_get_engine (section);

  if (answer == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->topic_row), "");
  for (guint i = 0; i < self->unit_rows->len; i++)
    gtk_check_button_set_active (g_object_get_data (g_ptr_array_index (self->unit_rows, i), "check"), FALSE);
  toast (self, _("Request sent to the units"));
  if (engine != NULL)
    xb_sync_engine_kick (engine);
}

/* "YYYY-MM-DD HH:MM" in local time; -1 when malformed. */
static gint64
parse_deadline (const char *text)
{
  int y, mo, d, h, mi;
  char end;
  g_autoptr(GDateTime) dt = NULL;

  if (sscanf (text, "%d-%d-%d %d:%d%c", &y, &mo, &d, &h, &mi, &end) != 5)
    return -1;
  dt = g_date_time_new_local (y, mo, d, h, mi, 0);
  if (dt == NULL)
    return -1;
  return g_date_time_to_unix (dt);
}

static void
on_create_clicked (XbAdminRequests *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *topic = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->topic_row))));
  gint64 deadline = parse_deadline (gtk_editable_get_text (GTK_EDITABLE (self->deadline_row)));
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *iso = NULL;
  guint n_units = 0;

  if (topic[0] == '\0')
    {
      toast (self, _("Type the request's topic first."));
      return;
    }
  if (deadline < 0)
    {
      toast (self, _("Write the deadline as year-month-day hour:minute, e.g. 2026-12-01 17:00."));
      return;
    }
  if (deadline <= g_get_real_time () / G_USEC_PER_SEC)
    {
      toast (self, _("The deadline must be in the future."));
      return;
    }
  utc = g_date_time_new_from_unix_utc (deadline);
  iso = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "topic");
  json_builder_add_string_value (builder, topic);
  json_builder_set_member_name (builder, "deadline");
  json_builder_add_string_value (builder, iso);
  json_builder_set_member_name (builder, "unit_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->unit_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->unit_rows, i);
      if (!gtk_check_button_get_active (g_object_get_data (row, "check")))
        continue;
      json_builder_add_int_value (builder, GPOINTER_TO_INT (g_object_get_data (row, "unit-id")));
      n_units++;
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (n_units == 0)
    {
      toast (self, _("Choose at least one unit to ask."));
      return;
    }
  root = json_builder_get_root (builder);
  xb_admin_section_request (XB_ADMIN_SECTION (self), "POST", "/api/v1/admin/requests", root,
                            _("Sending a request needs a connection to the server; you are offline."),
                            on_created, NULL);
}

static GtkWidget *
build_create_group (XbAdminRequests *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 7);
  g_autoptr(GDateTime) deadline = g_date_time_new_local (g_date_time_get_year (later),
                                                          g_date_time_get_month (later),
                                                          g_date_time_get_day_of_month (later), 17, 0, 0);
  g_autofree char *text = g_date_time_format (deadline, "%Y-%m-%d %H:%M");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("New Request"));
  self->topic_row = adw_entry_row_new ();
  gtk_widget_set_name (self->topic_row, "request-topic");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->topic_row), _("Topic"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->topic_row);
  self->deadline_row = adw_entry_row_new ();
  gtk_widget_set_name (self->deadline_row, "request-deadline");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->deadline_row),
                                 _("Deadline (year-month-day hour:minute)"));
  gtk_editable_set_text (GTK_EDITABLE (self->deadline_row), text);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->deadline_row);
  return group;
}

/* Builds the units group; returns the send button to put under it. */
static GtkWidget *
build_units_group (XbAdminRequests *self)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Send Request"));

  self->units_group = adw_preferences_group_new ();
  gtk_widget_set_name (self->units_group, "request-units");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->units_group), _("Units Asked"));
  self->search = gtk_search_entry_new ();
  gtk_widget_set_name (self->search, "request-unit-search");
  gtk_widget_set_valign (self->search, GTK_ALIGN_CENTER);
  g_object_set (self->search, "placeholder-text", _("Find a unit"), NULL);
  g_signal_connect_swapped (self->search, "search-changed", G_CALLBACK (apply_search), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->units_group), self->search);

  gtk_widget_set_name (button, "request-send");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_create_clicked), self);
  return button;
}

static void
build (XbAdminRequests *self)
{
  AdwPreferencesPage *page = xb_admin_section_get_page (XB_ADMIN_SECTION (self));
  GtkWidget *send_group = adw_preferences_group_new ();
  GtkWidget *send;

  self->list_group = adw_preferences_group_new ();
  gtk_widget_set_name (self->list_group, "request-list");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->list_group), _("Requests"));
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (self->list_group));
  adw_preferences_page_add (page,
                            ADW_PREFERENCES_GROUP (build_create_group (self)));
  send = build_units_group (self);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (self->units_group));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (send_group), send);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (send_group));

}

static void
xb_admin_requests_dispose (GObject *object)
{
  XbAdminRequests *self = XB_ADMIN_REQUESTS (object);

  g_clear_pointer (&self->unit_rows, g_ptr_array_unref);
  g_clear_pointer (&self->request_rows, g_ptr_array_unref);
  g_clear_pointer (&self->fetched, g_ptr_array_unref);
  G_OBJECT_CLASS (xb_admin_requests_parent_class)->dispose (object);
}

static void
xb_admin_requests_class_init (XbAdminRequestsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_admin_requests_dispose;
  XB_ADMIN_SECTION_CLASS (klass)->reload = reload;
}

static void
xb_admin_requests_init (XbAdminRequests *self)
{
  self->unit_rows = g_ptr_array_new ();
  self->request_rows = g_ptr_array_new ();
  build (self);
}

GtkWidget *
xb_admin_requests_new (void)
{
  return g_object_new (XB_TYPE_ADMIN_REQUESTS, NULL);
}
