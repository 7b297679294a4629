/* The Administration page's section for roster proposals: the units' officers' proposed changes, approved or rejected by the office. */
#include "config.h"

#include "xb-admin-proposals.h"

#include <glib/gi18n.h>

#include "xb-store-admin.h"

struct _XbAdminProposals
{
  XbAdminSection parent_instance;

  GtkWidget     *summary;      /* the group saying how many wait, or that none do */
  GPtrArray     *groups;       /* one preferences group per pending proposal */
  guint          generation;   /* of the list request whose answer counts */
};

G_DEFINE_FINAL_TYPE (XbAdminProposals, xb_admin_proposals, XB_TYPE_ADMIN_SECTION)

/* A pending proposal as shown, kept on its group. */
typedef struct
{
  XbAdminProposals *self;      /* not a reference: the section owns the group */
  gint64            id;
  gint64            unit_id;
  gint64            user_id;
  char             *name;      /* a person without an account yet, or NULL */
  char             *summary;   /* "Leader in charge: 张三" */
  GtkWidget        *account;   /* the combo row choosing their account, or NULL */
  GArray           *user_ids;  /* gint64, parallel to the account row's model after its first item */
  GtkWidget        *message;
} Pending;

static void
pending_free (Pending *p)
{
  g_free (p->name);
  g_free (p->summary);
  g_clear_pointer (&p->user_ids, g_array_unref);
  g_free (p);
}

static char *
unit_name (XbAdminProposals *self,
           gint64            unit_id)
{
  XbStore *store = xb_admin_section_get_store (XB_ADMIN_SECTION (self));
  g_autoptr(XbUnit) unit = store != NULL ? xb_store_get_unit (store, unit_id, NULL) : NULL;

  if (unit != NULL)
    return g_strdup (unit->name);
  /* TRANSLATORS: a unit known only by its number */
  return g_strdup_printf (_("Unit %lld"), (long long) unit_id);
}

/* Who holds @post of @unit_id now, with since when: "李四 since 2025-01-01". */
static char *
current_holders (XbAdminProposals *self,
                 gint64            unit_id,
                 XbPost            post)
{
  XbStore *store = xb_admin_section_get_store (XB_ADMIN_SECTION (self));
  g_autoptr(GArray) entries = store != NULL ? xb_store_roster_history (store, unit_id, NULL) : NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GString *text = g_string_new (NULL);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      XbRosterEntry *e = &g_array_index (entries, XbRosterEntry, i);
      g_autofree char *who = NULL;
      g_autofree char *since = NULL;

      if (e->post != post || e->starts > now || (e->ends != 0 && e->ends <= now))
        continue;
      who = xb_admin_user_name (XB_ADMIN_SECTION (self), e->user_id);
      since = xb_admin_format_day (e->starts);
      if (text->len > 0)
        g_string_append (text, C_("list separator", ", "));
      /* TRANSLATORS: a post's holder and the day their term began */
      g_string_append_printf (text, _("%s since %s"), who, since);
    }
  if (text->len == 0)
    g_string_append (text, _("nobody"));
  return g_string_free (text, FALSE);
}

static void
show_message (Pending    *p,
              const char *text)
{
  gtk_label_set_text (GTK_LABEL (p->message), text);
  gtk_widget_set_visible (p->message, text != NULL && text[0] != '\0');
}

/* ---- deciding --------------------------------------------------------------------- */

typedef struct
{
  XbAdminProposals *self;
  char             *summary;
  gboolean          approve;
} Decision;

static void
decision_free (Decision *d)
{
  g_object_unref (d->self);
  g_free (d->summary);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Decision, decision_free)

static void
on_decided (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Decision) d = user_data;
  XbAdminSection *section = XB_ADMIN_SECTION (d->self);
  g_autoptr(GError) error = NULL;
  g_autoptr(XbResponse) response = xb_sync_client_request_finish (XB_SYNC_CLIENT (source), result, &error);
  g_autofree char *text = NULL;

  if (response == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (response == NULL)
    text = g_error_matches (error, XB_ERROR, XB_ERROR_OFFLINE)
           ? g_strdup (_("Deciding on a proposal needs a connection to the server; you are offline."))
           : g_strdup (error->message);
  else if (response->status == 409)
    text = g_strdup (_("Someone in the office has already decided on this proposal; it has left the list."));
  else if (response->status >= 300)
    {
      g_autofree char *message = xb_response_dup_message (response);
      /* TRANSLATORS: the server's reason follows */
      text = g_strdup_printf (_("The server refused: %s"), message);
    }
  else if (d->approve)
    /* TRANSLATORS: a proposal such as "Leader in charge: 张三" */
    text = g_strdup_printf (_("Approved: %s. The roster is changed."), d->summary);
  else
    text = g_strdup_printf (_("Rejected: %s."), d->summary);
  xb_admin_section_toast (section, text);
  if (response == NULL)
    return;
  xb_admin_section_reload (section);
  if (response->status < 300 && xb_admin_section_get_engine (section) != NULL)
    xb_sync_engine_kick (xb_admin_section_get_engine (section));
}

static void
decide (XbAdminProposals *self,
        gint64            id,
        const char       *summary,
        gboolean          approve,
        JsonObject       *body)
{
  XbAdminSection *section = XB_ADMIN_SECTION (self);
  XbSyncClient *client = xb_admin_section_get_client (section);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), body);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/v1/admin/roster/proposals/%lld/%s", (long long) id,
                                           approve ? "approve" : "reject");
  Decision *d;

  if (client == NULL)
    {
      xb_admin_section_toast (section, _("Deciding on a proposal needs a connection to the server; you are offline."));
      return;
    }
  d = g_new0 (Decision, 1);
  d->self = g_object_ref (self);
  d->summary = g_strdup (summary);
  d->approve = approve;
  xb_sync_client_request_async (client, "POST", path, text, xb_admin_section_get_cancellable (section),
                                on_decided, d);
}

static void
on_approve_clicked (Pending *p)
{
  g_autoptr(JsonObject) body = json_object_new ();

  if (p->account != NULL)
    {
      guint chosen = adw_combo_row_get_selected (ADW_COMBO_ROW (p->account));
      g_autofree char *text = NULL;

      if (chosen == 0 || chosen == GTK_INVALID_LIST_POSITION || chosen - 1 >= p->user_ids->len)
        {
          text = g_strdup_printf (_("%s has no account yet: choose the account created for them before approving."),
                                  p->name);
          show_message (p, text);
          gtk_widget_grab_focus (p->account);
          return;
        }
      json_object_set_int_member (body, "user_id", g_array_index (p->user_ids, gint64, chosen - 1));
    }
  show_message (p, NULL);
  decide (p->self, p->id, p->summary, TRUE, body);
}

static void
on_reason_changed (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "reject", reason[0] != '\0');
}

static void
on_reject_response (AdwMessageDialog *dialog,
                    const char       *response,
                    XbAdminProposals *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "reason");
  gint64 *id = g_object_get_data (G_OBJECT (dialog), "proposal-id");
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(JsonObject) body = json_object_new ();

  if (g_strcmp0 (response, "reject") != 0 || reason[0] == '\0')
    return;
  json_object_set_string_member (body, "reason", reason);
  decide (self, *id, g_object_get_data (G_OBJECT (dialog), "summary"), FALSE, body);
}

/* Asks why: the unit's officer reads the reason. */
static void
on_reject_clicked (Pending *p)
{
  GtkRoot *root = gtk_widget_get_root (p->message);
  g_autofree char *body = g_strdup_printf (_("%s. Say why, for the unit's information officer."), p->summary);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                         _("Reject the Proposal?"), body));
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_name (GTK_WIDGET (dialog), "proposal-reject-dialog");
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "reject", _("_Reject"), NULL);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_appearance (dialog, "reject", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "reject", FALSE);
  gtk_widget_set_name (entry, "proposal-reject-reason");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  g_object_set_data (G_OBJECT (dialog), "reason", entry);
  g_object_set_data_full (G_OBJECT (dialog), "proposal-id", g_memdup2 (&p->id, sizeof p->id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "summary", g_strdup (p->summary), g_free);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_reason_changed), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reject_response), p->self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* ---- the list --------------------------------------------------------------------- */

static GtkWidget *
add_row (GtkWidget  *group,
         const char *name,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

/* The unit's accounts to choose the new person's from. */
static void
add_account_row (Pending   *p,
                 GtkWidget *group)
{
  XbStore *store = xb_admin_section_get_store (XB_ADMIN_SECTION (p->self));
  g_autoptr(GPtrArray) users = store != NULL ? xb_store_list_users (store, NULL) : NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *title = g_strdup_printf (_("Account created for %s"), p->name);

  p->user_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  gtk_string_list_append (names, _("Choose an account…"));
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      XbUser *user = g_ptr_array_index (users, i);
      if (user->unit_id != p->unit_id || user->disabled)
        continue;
      gtk_string_list_append (names, user->display_name != NULL && user->display_name[0] != '\0'
                                     ? user->display_name : user->username);
      g_array_append_val (p->user_ids, user->id);
    }
  p->account = adw_combo_row_new ();
  gtk_widget_set_name (p->account, "proposal-account");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (p->account), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (p->account), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (p->account), G_LIST_MODEL (names));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), p->account);
}

static GtkWidget *
decision_button (Pending    *p,
                 const char *label,
                 const char *name,
                 const char *css_class,
                 const char *accessible,
                 GCallback   callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_signal_connect_swapped (button, "clicked", callback, p);
  return button;
}

static void
add_buttons (Pending   *p,
             GtkWidget *group)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  /* TRANSLATORS: accessible names; %s is a proposal such as "Leader in charge: 张三" */
  g_autofree char *reject = g_strdup_printf (_("Reject %s"), p->summary);
  g_autofree char *approve = g_strdup_printf (_("Approve %s"), p->summary);

  p->message = gtk_label_new (NULL);
  gtk_widget_set_name (p->message, "proposal-message");
  gtk_widget_add_css_class (p->message, "error");
  gtk_label_set_wrap (GTK_LABEL (p->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (p->message), 0);
  gtk_widget_set_margin_top (p->message, 12);
  gtk_widget_set_visible (p->message, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), p->message);

  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_widget_set_margin_top (box, 12);
  gtk_box_append (GTK_BOX (box), decision_button (p, C_("roster proposal", "_Reject…"), "proposal-reject", NULL,
                                                  reject, G_CALLBACK (on_reject_clicked)));
  gtk_box_append (GTK_BOX (box), decision_button (p, C_("roster proposal", "_Approve"), "proposal-approve", "suggested-action",
                                                  approve, G_CALLBACK (on_approve_clicked)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
}

static void
add_proposal (XbAdminProposals *self,
              JsonObject       *o)
{
  XbAdminSection *section = XB_ADMIN_SECTION (self);
  Pending *p = g_new0 (Pending, 1);
  GtkWidget *group = adw_preferences_group_new ();
  XbPost post = g_strcmp0 (json_object_get_string_member_with_default (o, "post", ""), "leader") == 0
                ? XB_POST_LEADER : XB_POST_OFFICER;
  g_autofree char *group_name = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *person = NULL;
  g_autofree char *from = NULL;
  g_autofree char *by = NULL;
  g_autofree char *at = NULL;
  g_autofree char *description = NULL;
  g_autofree char *holders = NULL;
  g_autofree char *now = NULL;

  p->self = self;
  p->id = json_object_get_int_member_with_default (o, "id", 0);
  p->unit_id = json_object_get_int_member_with_default (o, "unit_id", 0);
  p->user_id = json_object_get_int_member_with_default (o, "user_id", 0);
  p->name = g_strdup (json_object_get_string_member_with_default (o, "name", NULL));
  g_object_set_data_full (G_OBJECT (group), "pending", p, (GDestroyNotify) pending_free);

  group_name = g_strdup_printf ("proposal-%lld", (long long) p->id);
  gtk_widget_set_name (group, group_name);
  unit = unit_name (self, p->unit_id);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), unit);
  by = xb_admin_user_name (section, json_object_get_int_member_with_default (o, "proposed_by", 0));
  at = xb_admin_format_time (xb_admin_json_time (o, "proposed_at"));
  /* TRANSLATORS: who proposed a roster change, and when */
  description = g_strdup_printf (_("Proposed by %s on %s"), by, at);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  /* TRANSLATORS: a person named in a proposal who has no account yet */
  person = p->user_id != 0 ? xb_admin_user_name (section, p->user_id) : g_strdup_printf (_("%s (no account yet)"), p->name);
  p->summary = g_strdup_printf ("%s: %s", xb_post_label (post), person);
  from = xb_admin_format_day (xb_admin_json_time (o, "starts"));
  g_free (person);
  person = g_strdup_printf (_("From %s"), from);
  add_row (group, "proposal-change", p->summary, person);
  holders = current_holders (self, p->unit_id, post);
  /* TRANSLATORS: who holds the post now, for comparison with a proposal */
  now = g_strdup_printf (_("Now: %s"), holders);
  add_row (group, "proposal-current", now, _("The unit's current holder, for comparison"));
  if (p->user_id == 0)
    add_account_row (p, group);
  add_buttons (p, group);

  adw_preferences_page_add (xb_admin_section_get_page (section), ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);
}

static void
clear_groups (XbAdminProposals *self)
{
  AdwPreferencesPage *page = xb_admin_section_get_page (XB_ADMIN_SECTION (self));

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (page, ADW_PREFERENCES_GROUP (g_ptr_array_index (self->groups, i)));
  g_ptr_array_set_size (self->groups, 0);
}

static void
set_summary (XbAdminProposals *self,
             const char       *text)
{
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->summary), text);
}

static void
on_list (XbAdminSection *section,
         JsonObject     *answer,
         gpointer        user_data)
{
  XbAdminProposals *self = XB_ADMIN_PROPOSALS (section);
  JsonArray *list;
  guint n;
  g_autofree char *text = NULL;

  if (GPOINTER_TO_UINT (user_data) != self->generation)
    return;
  if (answer == NULL)
    {
      set_summary (self, _("The proposals could not be read from the server."));
      return;
    }
  list = json_object_get_array_member (answer, "proposals");
  n = list != NULL ? json_array_get_length (list) : 0;
  clear_groups (self);
  for (guint i = 0; i < n; i++)
    add_proposal (self, json_array_get_object_element (list, i));
  text = n == 0 ? g_strdup (_("No roster changes waiting for review."))
                : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u proposed change waiting for review, newest first.",
                                                "%u proposed changes waiting for review, newest first.", n), n);
  set_summary (self, text);
}

static void
xb_admin_proposals_reload (XbAdminSection *section)
{
  XbAdminProposals *self = XB_ADMIN_PROPOSALS (section);

  self->generation++;
  if (xb_admin_section_get_client (section) == NULL)
    {
      clear_groups (self);
      set_summary (self, _("Roster proposals are kept on the server: connect to review them."));
      return;
    }
  xb_admin_section_request (section, "GET", "/api/v1/admin/roster/proposals", NULL, NULL,
                            on_list, GUINT_TO_POINTER (self->generation));
}

static void
xb_admin_proposals_dispose (GObject *object)
{
  XbAdminProposals *self = XB_ADMIN_PROPOSALS (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  G_OBJECT_CLASS (xb_admin_proposals_parent_class)->dispose (object);
}

static void
xb_admin_proposals_class_init (XbAdminProposalsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xb_admin_proposals_dispose;
  XB_ADMIN_SECTION_CLASS (klass)->reload = xb_admin_proposals_reload;
}

static void
xb_admin_proposals_init (XbAdminProposals *self)
{
  self->groups = g_ptr_array_new ();
  self->summary = adw_preferences_group_new ();
  gtk_widget_set_name (self->summary, "proposals-summary");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->summary), _("Roster Changes Proposed by Units"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->summary),
                                         _("Roster proposals are kept on the server: connect to review them."));
  adw_preferences_page_add (xb_admin_section_get_page (XB_ADMIN_SECTION (self)), ADW_PREFERENCES_GROUP (self->summary));
}

GtkWidget *
xb_admin_proposals_new (void)
{
  return g_object_new (XB_TYPE_ADMIN_PROPOSALS, NULL);
}
