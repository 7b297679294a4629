/* The information section's and the signers' buttons on an item: claim, release, propose, sign, decline, and the later outcomes. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "xb-office-actions.h"

typedef struct {
  XbAction    action;
  const char *label;
  const char *tooltip;
  const char *style;
} Button;

static const Button buttons[] = {
  { XB_ACTION_CLAIM, N_("_Claim"), N_("Take the item to edit it; others see that you hold it"), "suggested-action" },
  { XB_ACTION_RELEASE, N_("Re_lease"), N_("Give the item back to the inbox"), NULL },
  { XB_ACTION_PROPOSE, N_("_Propose…"), N_("Propose the item for a publication: its sign-off starts"), "suggested-action" },
  { XB_ACTION_SIGN, N_("_Sign"), N_("Sign off the item at your step"), "suggested-action" },
  { XB_ACTION_DECLINE, N_("_Decline…"), N_("Decline the item with a reason"), "destructive-action" },
  { XB_ACTION_FORWARD, N_("_Forwarded to the Province"), N_("Record that the item was forwarded to the province"), NULL },
  { XB_ACTION_PROVINCE_ADOPT, N_("Adopted by the Pro_vince"), N_("Record that the province adopted the item"), NULL },
  { XB_ACTION_STATE_ADOPT, N_("Adopted by the S_tate Council"), N_("Record that the State Council office adopted the item"), NULL },
  { XB_ACTION_INSTRUCT, N_("Leader _Instruction…"), N_("Record a leader's instruction on the item"), NULL },
};

struct _XbOfficeActions
{
  GtkBox        parent_instance;

  GtkWidget    *buttons[G_N_ELEMENTS (buttons)];
  XbStore      *store;
  XbSyncEngine *engine;
  char         *uuid;
};

G_DEFINE_FINAL_TYPE (XbOfficeActions, xb_office_actions, GTK_TYPE_BOX)

enum {
  ACTED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

guint32
xb_office_actions_offered (void)
{
  guint32 mask = 0;

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    mask |= 1u << buttons[i].action;
  return mask;
}

static gboolean
act (XbOfficeActions *self, XbAction action, const char *comment, const char *extra, GError **error)
{
  if (self->engine == NULL || self->uuid == NULL)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_OFFLINE, _("Sign in to act on items.")), FALSE;
  if (!xb_sync_engine_act (self->engine, self->uuid, action, comment, extra, error))
    return FALSE;
  g_signal_emit (self, signals[ACTED], 0, (int) action);
  return TRUE;
}

static void
act_or_fail (XbOfficeActions *self, XbAction action, const char *comment, const char *extra)
{
  g_autoptr(GError) error = NULL;

  if (!act (self, action, comment, extra, &error))
    g_signal_emit (self, signals[FAILED], 0, error->message);
}

gboolean
xb_office_actions_propose (XbOfficeActions *self, gint64 publication_id, GError **error)
{
  g_autofree char *extra = g_strdup_printf ("{\"publication_id\": %" G_GINT64_FORMAT "}", publication_id);

  return act (self, XB_ACTION_PROPOSE, NULL, extra, error);
}

gboolean
xb_office_actions_decline (XbOfficeActions *self, const char *reason, GError **error)
{
  if (reason == NULL || *reason == '\0')
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID, _("Say why the item is declined.")), FALSE;
  return act (self, XB_ACTION_DECLINE, reason, NULL, error);
}

/* ---- dialogs ----------------------------------------------------------------------- */

static AdwMessageDialog *
new_dialog (XbOfficeActions *self, const char *heading, const char *body, const char *id, const char *label)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                         heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), id, label, NULL);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

static void
on_propose_response (AdwMessageDialog *dialog, const char *response, XbOfficeActions *self)
{
  GtkDropDown *choice = g_object_get_data (G_OBJECT (dialog), "choice");
  GPtrArray *publications = g_object_get_data (G_OBJECT (dialog), "publications");
  guint selected = gtk_drop_down_get_selected (choice);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "propose") != 0 || selected >= publications->len)
    return;
  if (!xb_office_actions_propose (self, ((XbPublication *) publications->pdata[selected])->id, &error))
    g_signal_emit (self, signals[FAILED], 0, error->message);
}

static void
ask_publication (XbOfficeActions *self)
{
  g_autoptr(GPtrArray) publications = xb_store_list_publications (self->store, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  AdwMessageDialog *dialog;
  GtkWidget *choice;

  if (publications == NULL || publications->len == 0)
    {
      g_signal_emit (self, signals[FAILED], 0, _("The office has no publications yet."));
      return;
    }
  for (guint i = 0; i < publications->len; i++)
    gtk_string_list_append (names, ((XbPublication *) publications->pdata[i])->name);
  dialog = new_dialog (self, _("Propose for a Publication?"),
                       _("The item goes to sign-off along the chain for its importance."), "propose", _("_Propose"));
  adw_message_dialog_set_response_appearance (dialog, "propose", ADW_RESPONSE_SUGGESTED);
  choice = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (choice), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Publication"), -1);
  adw_message_dialog_set_extra_child (dialog, choice);
  g_object_set_data (G_OBJECT (dialog), "choice", choice);
  g_object_set_data_full (G_OBJECT (dialog), "publications", g_steal_pointer (&publications),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_propose_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_decline_response (AdwMessageDialog *dialog, const char *response, XbOfficeActions *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "reason");
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "decline") == 0 && !xb_office_actions_decline (self, reason, &error))
    g_signal_emit (self, signals[FAILED], 0, error->message);
}

static void
on_reason_changed (GtkEditable *entry, AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "decline", *gtk_editable_get_text (entry) != '\0');
}

static void
ask_reason (XbOfficeActions *self)
{
  AdwMessageDialog *dialog = new_dialog (self, _("Decline the Item?"), _("Say why, for the unit that sent it."),
                                         "decline", _("_Decline"));
  GtkWidget *entry = gtk_entry_new ();

  adw_message_dialog_set_response_appearance (dialog, "decline", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "decline", FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  g_object_set_data (G_OBJECT (dialog), "reason", entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_reason_changed), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_decline_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

gboolean
xb_office_actions_instruct (XbOfficeActions *self, const char *leader, XbLevel level, const char *text,
                            GError **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *extra = NULL;

  if (leader == NULL || *leader == '\0' || text == NULL || *text == '\0')
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID,
                                _("Give the leader's name and the instruction's words.")), FALSE;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "leader");
  json_builder_add_string_value (builder, leader);
  json_builder_set_member_name (builder, "level");
  json_builder_add_string_value (builder, xb_level_to_string (level));
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  extra = json_to_string (root, FALSE);
  return act (self, XB_ACTION_INSTRUCT, NULL, extra, error);
}

static void
on_instruct_response (AdwMessageDialog *dialog, const char *response, XbOfficeActions *self)
{
  GtkEditable *leader = g_object_get_data (G_OBJECT (dialog), "leader");
  GtkDropDown *level = g_object_get_data (G_OBJECT (dialog), "level");
  GtkEditable *text = g_object_get_data (G_OBJECT (dialog), "text");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "record") == 0 &&
      !xb_office_actions_instruct (self, gtk_editable_get_text (leader), gtk_drop_down_get_selected (level),
                                   gtk_editable_get_text (text), &error))
    g_signal_emit (self, signals[FAILED], 0, error->message);
}

static GtkWidget *
labelled_entry (GtkWidget *box, const char *label)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_box_append (GTK_BOX (box), entry);
  return entry;
}

static void
ask_instruction (XbOfficeActions *self)
{
  AdwMessageDialog *dialog = new_dialog (self, _("Record a Leader's Instruction?"),
                                         _("Who gave it, at which level, and what it says."), "record", _("_Record"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  const char *levels[XB_N_LEVELS + 1] = { NULL };
  GtkWidget *level;

  for (int l = 0; l < XB_N_LEVELS; l++)
    levels[l] = xb_level_label (l);
  level = gtk_drop_down_new_from_strings (levels);
  gtk_accessible_update_property (GTK_ACCESSIBLE (level), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Level"), -1);
  adw_message_dialog_set_response_appearance (dialog, "record", ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "leader", labelled_entry (box, _("Leader")));
  gtk_box_append (GTK_BOX (box), level);
  g_object_set_data (G_OBJECT (dialog), "level", level);
  g_object_set_data (G_OBJECT (dialog), "text", labelled_entry (box, _("Instruction")));
  adw_message_dialog_set_extra_child (dialog, box);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_instruct_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_clicked (GtkButton *button, XbOfficeActions *self)
{
  XbAction action = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "action"));

  if (action == XB_ACTION_PROPOSE)
    ask_publication (self);
  else if (action == XB_ACTION_DECLINE)
    ask_reason (self);
  else if (action == XB_ACTION_INSTRUCT)
    ask_instruction (self);
  else
    act_or_fail (self, action, NULL, NULL);
}

/* ---- the widget -------------------------------------------------------------------- */

static void
xb_office_actions_dispose (GObject *object)
{
  XbOfficeActions *self = XB_OFFICE_ACTIONS (object);

  g_clear_object (&self->store);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->uuid, g_free);
  G_OBJECT_CLASS (xb_office_actions_parent_class)->dispose (object);
}

static void
xb_office_actions_class_init (XbOfficeActionsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_office_actions_dispose;
  signals[ACTED] = g_signal_new ("acted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
xb_office_actions_init (XbOfficeActions *self)
{
  gtk_box_set_spacing (GTK_BOX (self), 6);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_(buttons[i].label));

      gtk_widget_set_tooltip_text (button, _(buttons[i].tooltip));
      if (buttons[i].style != NULL)
        gtk_widget_add_css_class (button, buttons[i].style);
      g_object_set_data (G_OBJECT (button), "action", GINT_TO_POINTER (buttons[i].action));
      g_signal_connect (button, "clicked", G_CALLBACK (on_clicked), self);
      gtk_widget_set_visible (button, FALSE);
      gtk_box_append (GTK_BOX (self), button);
      self->buttons[i] = button;
    }
}

GtkWidget *
xb_office_actions_new (void)
{
  return g_object_new (XB_TYPE_OFFICE_ACTIONS, NULL);
}

void
xb_office_actions_show (XbOfficeActions *self,
                        XbStore         *store,
                        XbSyncEngine    *engine,
                        const char      *uuid,
                        guint32          allowed)
{
  g_return_if_fail (XB_IS_OFFICE_ACTIONS (self));
  g_set_object (&self->store, store);
  g_set_object (&self->engine, engine);
  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    gtk_widget_set_visible (self->buttons[i], (allowed & (1u << buttons[i].action)) != 0);
}

GtkButton *
xb_office_actions_get_button (XbOfficeActions *self,
                              XbAction         action)
{
  g_return_val_if_fail (XB_IS_OFFICE_ACTIONS (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    if (buttons[i].action == action)
      return GTK_BUTTON (self->buttons[i]);
  return NULL;
}
