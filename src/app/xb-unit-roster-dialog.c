/* The information officer's view of their unit's roster: who holds each post, their proposed changes and the office's decisions, and a form to propose one. */
#include "config.h"

#include "xb-unit-roster-dialog.h"

#include "xb-admin-section.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "xb-codec.h"
#include "xb-store-admin.h"

struct _XbUnitRosterDialog
{
  AdwWindow     parent_instance;

  XbStore      *store;
  XbSyncClient *client;
  XbSyncEngine *engine;
  GCancellable *cancellable;
  XbSyncState   last_state;
  guint         reload_id;
  guint         generation;   /* of the proposals request whose answer counts */
  gboolean      sending;
  gint64        unit_id;      /* the signed-in officer's; 0 for anyone else */

  GtkWidget    *title;
  GtkWidget    *current_group;
  GtkWidget    *proposals_group;
  GtkWidget    *post_row;
  GtkWidget    *person_row;
  GtkWidget    *name_row;
  GtkWidget    *from_row;
  GtkWidget    *message;
  GtkWidget    *send;
  GArray       *user_ids;     /* gint64, parallel to the person row's model before its last item */
  GPtrArray    *current_rows;
  GPtrArray    *proposal_rows;
};

G_DEFINE_FINAL_TYPE (XbUnitRosterDialog, xb_unit_roster_dialog, ADW_TYPE_WINDOW)

static char *
user_name (XbUnitRosterDialog *self,
           gint64              user_id)
{
  g_autoptr(XbUser) user = xb_store_get_user (self->store, user_id, NULL);

  if (user != NULL)
    return g_strdup (user->display_name != NULL && user->display_name[0] != '\0'
                     ? user->display_name : user->username);
  /* TRANSLATORS: an account known only by its number */
  return g_strdup_printf (_("User %lld"), (long long) user_id);
}

static void
set_message (XbUnitRosterDialog *self,
             const char         *text,
             gboolean            error)
{
  gtk_label_set_text (GTK_LABEL (self->message), text != NULL ? text : "");
  gtk_widget_set_visible (self->message, text != NULL && text[0] != '\0');
  if (error)
    gtk_widget_add_css_class (self->message, "error");
  else
    gtk_widget_remove_css_class (self->message, "error");
}

static GtkWidget *
add_row (GtkWidget  *group,
         GPtrArray  *rows,
         const char *name,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = xb_admin_rows_add (group, rows, title, subtitle);

  gtk_widget_set_name (row, name);
  return row;
}

/* ---- the roster, from the store ------------------------------------------------- */

/* Terms still running or still to come; ended ones are history. */
static void
show_current (XbUnitRosterDialog *self)
{
  g_autoptr(GArray) entries = self->unit_id != 0 ? xb_store_roster_history (self->store, self->unit_id, NULL) : NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  xb_admin_rows_clear (self->current_rows);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      XbRosterEntry *e = &g_array_index (entries, XbRosterEntry, i);
      g_autofree char *who = NULL, *title = NULL, *from = NULL, *to = NULL, *subtitle = NULL;

      if (e->ends != 0 && e->ends <= now)
        continue;
      who = user_name (self, e->user_id);
      title = g_strdup_printf ("%s: %s", xb_post_label (e->post), who);
      from = xb_admin_format_day (e->starts);
      to = e->ends != 0 ? xb_admin_format_day (e->ends) : NULL;
      if (e->starts > now)
        subtitle = g_strdup_printf (_("From %s"), from);
      else if (to != NULL)
        /* TRANSLATORS: a term that has begun and will end on a known day */
        subtitle = g_strdup_printf (_("Since %s, until %s"), from, to);
      else
        subtitle = g_strdup_printf (_("Since %s"), from);
      add_row (self->current_group, self->current_rows, "unit-roster-entry", title, subtitle);
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->current_group),
                                         self->current_rows->len > 0 ? NULL
                                         : _("Nobody holds a post of your unit in the roster."));
}

/* The unit's accounts, then "someone without an account". */
static void
load_people (XbUnitRosterDialog *self)
{
  g_autoptr(GPtrArray) users = xb_store_list_users (self->store, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint keep = adw_combo_row_get_selected (ADW_COMBO_ROW (self->person_row));
  gint64 kept = keep < self->user_ids->len ? g_array_index (self->user_ids, gint64, keep) : 0;
  gboolean nobody = keep != GTK_INVALID_LIST_POSITION && keep == self->user_ids->len;
  guint select = 0;

  g_array_set_size (self->user_ids, 0);
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      XbUser *user = g_ptr_array_index (users, i);
      if (self->unit_id == 0 || user->unit_id != self->unit_id || user->disabled)
        continue;
      if (user->id == kept)
        select = self->user_ids->len;
      gtk_string_list_append (names, user->display_name != NULL && user->display_name[0] != '\0'
                                     ? user->display_name : user->username);
      g_array_append_val (self->user_ids, user->id);
    }
  gtk_string_list_append (names, _("Someone new"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->person_row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->person_row), nobody ? self->user_ids->len : select);
}

/* ---- the proposals, from the server --------------------------------------------- */

static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "approved") == 0)
    return C_("roster proposal", "Approved");
  if (g_strcmp0 (status, "rejected") == 0)
    return C_("roster proposal", "Rejected");
  return C_("roster proposal", "Pending");
}

static void
add_proposal (XbUnitRosterDialog *self,
              JsonObject         *o)
{
  const char *status = json_object_get_string_member_with_default (o, "status", "pending");
  const char *reason = json_object_get_string_member_with_default (o, "reason", NULL);
  gint64 user_id = json_object_get_int_member_with_default (o, "user_id", 0);
  XbPost post = g_strcmp0 (json_object_get_string_member_with_default (o, "post", ""), "leader") == 0
                ? XB_POST_LEADER : XB_POST_OFFICER;
  g_autoptr(GDateTime) proposed = g_date_time_new_from_unix_local (xb_admin_json_time (o, "proposed_at"));
  const char *name = json_object_get_string_member_with_default (o, "name", "?");
  /* Once approved, the office has given the new person an account. */
  g_autofree char *person = user_id != 0 ? user_name (self, user_id)
                            : g_strcmp0 (status, "approved") == 0 ? g_strdup (name)
                            /* TRANSLATORS: a person named in a proposal who has no account yet */
                            : g_strdup_printf (_("%s (no account yet)"), name);
  g_autofree char *title = g_strdup_printf ("%s: %s", xb_post_label (post), person);
  g_autofree char *from = xb_admin_format_day (xb_admin_json_time (o, "starts"));
  /* TRANSLATORS: strftime format of a date and time */
  g_autofree char *when = proposed != NULL ? g_date_time_format (proposed, _("%Y-%m-%d %H:%M")) : g_strdup ("?");
  /* TRANSLATORS: a proposal's start day and when it was proposed */
  g_autofree char *line = g_strdup_printf (_("From %s · proposed %s"), from, when);
  g_autofree char *subtitle = reason != NULL && g_strcmp0 (status, "rejected") == 0
                              /* TRANSLATORS: the office's reason for rejecting a proposal */
                              ? g_strdup_printf (_("%s\nReason: %s"), line, reason) : g_strdup (line);
  GtkWidget *row = add_row (self->proposals_group, self->proposal_rows, "unit-roster-proposal", title, subtitle);
  GtkWidget *label = gtk_label_new (status_label (status));

  gtk_widget_set_name (label, "unit-roster-status");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, g_strcmp0 (status, "approved") == 0 ? "success"
                                   : g_strcmp0 (status, "rejected") == 0 ? "error" : "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
}

typedef struct
{
  XbUnitRosterDialog *self;
  guint               generation;
} Load;

static void
load_free (Load *load)
{
  g_object_unref (load->self);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_free)

static void
show_proposals (XbUnitRosterDialog *self,
                XbResponse         *response)
{
  g_autoptr(JsonNode) root = xb_json_parse (g_bytes_get_data (response->body, NULL),
                                            (gssize) g_bytes_get_size (response->body), NULL);
  JsonArray *list = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
                    ? json_object_get_array_member (json_node_get_object (root), "proposals") : NULL;

  xb_admin_rows_clear (self->proposal_rows);
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    add_proposal (self, json_array_get_object_element (list, i));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->proposals_group),
                                         self->proposal_rows->len > 0 ? NULL
                                         : _("No changes proposed yet."));
}

static void
on_proposals (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  XbUnitRosterDialog *self = load->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(XbResponse) response = xb_sync_client_request_finish (XB_SYNC_CLIENT (source), result, &error);
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;

  if ((response == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
      || load->generation != self->generation)
    return;
  if (response != NULL && response->status < 300)
    {
      show_proposals (self, response);
      return;
    }
  message = response != NULL ? xb_response_dup_message (response) : g_strdup (error->message);
  text = response == NULL && g_error_matches (error, XB_ERROR, XB_ERROR_OFFLINE)
         ? g_strdup (_("Your proposals are kept on the server: connect to see them."))
         /* TRANSLATORS: why the proposals could not be read follows */
         : g_strdup_printf (_("Your proposals could not be read: %s"), message);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->proposals_group), text);
}

static void
load_proposals (XbUnitRosterDialog *self)
{
  Load *load;

  self->generation++;
  if (self->client == NULL || self->unit_id == 0)
    {
      xb_admin_rows_clear (self->proposal_rows);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->proposals_group),
                                             self->unit_id == 0 ? NULL
                                             : _("Your proposals are kept on the server: connect to see them."));
      return;
    }
  load = g_new0 (Load, 1);
  load->self = g_object_ref (self);
  load->generation = self->generation;
  xb_sync_client_request_async (self->client, "GET", "/api/v1/roster/proposals", NULL, self->cancellable,
                                on_proposals, load);
}

void
xb_unit_roster_dialog_reload (XbUnitRosterDialog *self)
{
  g_autoptr(XbUser) user = NULL;
  g_autoptr(XbUnit) unit = NULL;

  g_return_if_fail (XB_IS_UNIT_ROSTER_DIALOG (self));
  user = xb_store_dup_signed_in_user (self->store);
  self->unit_id = user != NULL && (user->roles & XB_ROLE_BIT (XB_ROLE_OFFICER)) != 0 ? user->unit_id : 0;
  unit = self->unit_id != 0 ? xb_store_get_unit (self->store, self->unit_id, NULL) : NULL;
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->title), unit != NULL ? unit->name : "");
  gtk_widget_set_sensitive (self->send, self->unit_id != 0 && !self->sending);
  if (self->unit_id == 0)
    set_message (self, _("Only an information officer of a unit proposes changes to its roster."), TRUE);
  show_current (self);
  load_people (self);
  load_proposals (self);
}

/* ---- proposing ------------------------------------------------------------------ */

static gboolean
person_is_new (XbUnitRosterDialog *self)
{
  return adw_combo_row_get_selected (ADW_COMBO_ROW (self->person_row)) == self->user_ids->len;
}

static void
on_person_changed (XbUnitRosterDialog *self)
{
  gtk_widget_set_visible (self->name_row, person_is_new (self));
}

static void
mark_invalid (GtkWidget *row,
              gboolean   invalid)
{
  if (invalid)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

/* The proposal as the server takes it, or NULL with the reason shown. */
static JsonObject *
read_form (XbUnitRosterDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *from = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->from_row))));
  guint person = adw_combo_row_get_selected (ADW_COMBO_ROW (self->person_row));
  gint64 starts = xb_admin_parse_day (from);
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *text = NULL;
  JsonObject *body;

  mark_invalid (self->name_row, FALSE);
  mark_invalid (self->from_row, FALSE);
  if (person_is_new (self) && name[0] == '\0')
    {
      mark_invalid (self->name_row, TRUE);
      set_message (self, _("Write the name of the person who takes the post."), TRUE);
      gtk_widget_grab_focus (self->name_row);
      return NULL;
    }
  if (person_is_new (self) && g_utf8_strlen (name, -1) > XB_NAME_MAX_CHARS)
    {
      mark_invalid (self->name_row, TRUE);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "A name has at most %d character.",
                                           "A name has at most %d characters.", XB_NAME_MAX_CHARS),
                              XB_NAME_MAX_CHARS);
      set_message (self, text, TRUE);
      gtk_widget_grab_focus (self->name_row);
      return NULL;
    }
  if (starts < 0)
    {
      mark_invalid (self->from_row, TRUE);
      set_message (self, _("Write the day the change takes effect as year-month-day, e.g. 2026-12-01."), TRUE);
      gtk_widget_grab_focus (self->from_row);
      return NULL;
    }
  utc = g_date_time_new_from_unix_utc (starts);
  iso = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  body = json_object_new ();
  json_object_set_string_member (body, "post",
                                 adw_combo_row_get_selected (ADW_COMBO_ROW (self->post_row)) == 0 ? "leader" : "officer");
  if (person_is_new (self))
    {
      json_object_set_null_member (body, "user_id");
      json_object_set_string_member (body, "name", name);
    }
  else
    {
      json_object_set_int_member (body, "user_id", g_array_index (self->user_ids, gint64, person));
      json_object_set_null_member (body, "name");
    }
  json_object_set_string_member (body, "starts", iso);
  return body;
}

static const char *
offline_text (void)
{
  return _("Proposing a change needs a connection to the server, and you are offline. "
           "What you wrote is kept here: send it again once connected.");
}

static void
on_proposed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(XbUnitRosterDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(XbResponse) response = xb_sync_client_request_finish (XB_SYNC_CLIENT (source), result, &error);
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;

  if (response == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->sending = FALSE;
  gtk_widget_set_sensitive (self->send, self->unit_id != 0);
  if (response == NULL)
    {
      set_message (self, g_error_matches (error, XB_ERROR, XB_ERROR_OFFLINE) ? offline_text () : error->message, TRUE);
      return;
    }
  if (response->status == 403)
    {
      set_message (self, _("The server refused: only an information officer of the unit may propose changes to its roster."), TRUE);
      return;
    }
  if (response->status >= 300)
    {
      message = xb_response_dup_message (response);
      /* TRANSLATORS: the server's reason follows */
      text = g_strdup_printf (_("The server refused the proposal: %s"), message);
      set_message (self, text, TRUE);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  set_message (self, _("Sent for the office's review. The roster changes once the office approves it."), FALSE);
  load_proposals (self);
}

static void
on_send_clicked (XbUnitRosterDialog *self)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  if (self->unit_id == 0 || self->sending || (body = read_form (self)) == NULL)
    return;
  if (self->client == NULL || (self->engine != NULL && xb_sync_engine_get_state (self->engine) == XB_SYNC_OFFLINE))
    {
      set_message (self, offline_text (), TRUE);
      return;
    }
  node = json_node_init_object (json_node_alloc (), body);
  text = json_to_string (node, FALSE);
  self->sending = TRUE;
  gtk_widget_set_sensitive (self->send, FALSE);
  set_message (self, _("Sending…"), FALSE);
  xb_sync_client_request_async (self->client, "POST", "/api/v1/roster/proposals", text, self->cancellable,
                                on_proposed, g_object_ref (self));
}

/* ---- building ------------------------------------------------------------------- */

static gboolean
reload_due (gpointer user_data)
{
  XbUnitRosterDialog *self = user_data;

  self->reload_id = 0;
  xb_unit_roster_dialog_reload (self);
  return G_SOURCE_REMOVE;
}

/* A sync that ends may bring a new roster (the office approved) and the
 * office's decisions: read again, once for a burst of syncs. */
static void
on_engine_state (XbUnitRosterDialog *self)
{
  XbSyncState state = xb_sync_engine_get_state (self->engine);
  gboolean ended = self->last_state == XB_SYNC_SYNCING && state == XB_SYNC_IDLE;

  self->last_state = state;
  if (ended && self->reload_id == 0)
    self->reload_id = g_timeout_add (150, reload_due, self);
}

static GtkWidget *
new_group (const char *name,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  gtk_widget_set_name (group, name);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static GtkWidget *
form_row (GtkWidget  *row,
          GtkWidget  *group,
          const char *name,
          const char *title)
{
  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
build_form (XbUnitRosterDialog *self)
{
  GtkWidget *group = new_group ("unit-roster-propose", _("Propose a Change"),
                                _("Nothing in the roster changes until the office approves."));
  const char *posts[] = { _("Leader in charge"), _("Information officer"), NULL };
  g_autoptr(GtkStringList) post_list = gtk_string_list_new (posts);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  self->post_row = form_row (adw_combo_row_new (), group, "unit-roster-post", _("Post"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->post_row), G_LIST_MODEL (post_list));
  self->person_row = form_row (adw_combo_row_new (), group, "unit-roster-person", _("Person"));
  g_signal_connect_swapped (self->person_row, "notify::selected", G_CALLBACK (on_person_changed), self);
  self->name_row = form_row (adw_entry_row_new (), group, "unit-roster-name", _("Name of the new person (no account yet)"));
  gtk_widget_set_visible (self->name_row, FALSE);
  self->from_row = form_row (adw_entry_row_new (), group, "unit-roster-from", _("From (year-month-day)"));
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), today);

  self->message = gtk_label_new (NULL);
  gtk_widget_set_name (self->message, "unit-roster-message");
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->message), 0);
  gtk_widget_set_margin_top (self->message, 12);
  gtk_widget_set_visible (self->message, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->message);

  self->send = gtk_button_new_with_mnemonic (_("_Propose"));
  gtk_widget_set_name (self->send, "unit-roster-send");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->send), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Propose the change to the office"), -1);
  gtk_widget_add_css_class (self->send, "suggested-action");
  gtk_widget_set_halign (self->send, GTK_ALIGN_END);
  gtk_widget_set_margin_top (self->send, 12);
  g_signal_connect_swapped (self->send, "clicked", G_CALLBACK (on_send_clicked), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->send);
  return group;
}

static void
build (XbUnitRosterDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();

  self->title = adw_window_title_new (_("Unit Roster"), NULL);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), self->title);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  self->current_group = new_group ("unit-roster-current", _("Current Roster"), NULL);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->current_group));
  self->proposals_group = new_group ("unit-roster-proposals", _("Proposed Changes"), NULL);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->proposals_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (build_form (self)));
  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
xb_unit_roster_dialog_dispose (GObject *object)
{
  XbUnitRosterDialog *self = XB_UNIT_ROSTER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->user_ids, g_array_unref);
  g_clear_pointer (&self->current_rows, g_ptr_array_unref);
  g_clear_pointer (&self->proposal_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (xb_unit_roster_dialog_parent_class)->dispose (object);
}

static void
xb_unit_roster_dialog_class_init (XbUnitRosterDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_unit_roster_dialog_dispose;
}

static void
xb_unit_roster_dialog_init (XbUnitRosterDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->user_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->current_rows = g_ptr_array_new ();
  self->proposal_rows = g_ptr_array_new ();
  gtk_widget_set_name (GTK_WIDGET (self), "unit-roster-dialog");
  gtk_window_set_title (GTK_WINDOW (self), _("Unit Roster"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 680);
  build (self);
}

XbUnitRosterDialog *
xb_unit_roster_dialog_new (GtkWindow    *parent,
                           XbStore      *store,
                           XbSyncClient *client,
                           XbSyncEngine *engine)
{
  XbUnitRosterDialog *self;

  g_return_val_if_fail (XB_IS_STORE (store), NULL);
  self = g_object_new (XB_TYPE_UNIT_ROSTER_DIALOG, "transient-for", parent, "modal", parent != NULL, NULL);
  self->store = g_object_ref (store);
  g_set_object (&self->client, client);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    {
      self->last_state = xb_sync_engine_get_state (engine);
      g_signal_connect_swapped (engine, "notify::state", G_CALLBACK (on_engine_state), self);
    }
  xb_unit_roster_dialog_reload (self);
  return self;
}
