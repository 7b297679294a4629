/* The information section's and the signers' buttons on an item: claim, release, edit, propose, sign, decline, and the later outcomes. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "xb-office-actions.h"
#include "xb-office-edit-dialog.h"
#include "xb-outcomes-dialog.h"
#include "xb-propose-dialog.h"
#include "xb-workflow.h"

/* The actions recorded on an adopted item, all behind one button. */
#define OUTCOMES ((1u << XB_ACTION_FORWARD) | (1u << XB_ACTION_PROVINCE_ADOPT) | (1u << XB_ACTION_STATE_ADOPT) \
                  | (1u << XB_ACTION_INSTRUCT) | (1u << XB_ACTION_FOLLOWUP))

typedef struct {
  guint32     actions;  /* shown when any of these is allowed */
  XbAction    action;   /* what it does (the first of several for outcomes) */
  const char *label;
  const char *tooltip;
  const char *style;
} Button;

static const Button buttons[] = {
  { 1u << XB_ACTION_CLAIM, XB_ACTION_CLAIM, N_("_Claim"),
    N_("Take the item to edit it; others see that you hold it"), "suggested-action" },
  { 1u << XB_ACTION_EDIT, XB_ACTION_EDIT, N_("_Edit…"),
    N_("Change the text, importance, category or type; the unit’s original stays in the history"), NULL },
  { 1u << XB_ACTION_PROPOSE, XB_ACTION_PROPOSE, N_("_Propose…"),
    N_("Propose the item for a publication: its sign-off starts"), "suggested-action" },
  { 1u << XB_ACTION_SIGN, XB_ACTION_SIGN, N_("_Sign"), N_("Sign off the item at your step"), "suggested-action" },
  { 1u << XB_ACTION_RELEASE, XB_ACTION_RELEASE, N_("Re_lease"), N_("Give the item back to the inbox"), NULL },
  { 1u << XB_ACTION_DECLINE, XB_ACTION_DECLINE, N_("_Decline…"), N_("Decline the item with a reason"),
    "destructive-action" },
  { OUTCOMES, XB_ACTION_FORWARD, N_("_Outcomes…"),
    N_("Forwarded to the province, adopted by the province or the State Council office, leader instructions"),
    NULL },
};

struct _XbOfficeActions
{
  GtkBox        parent_instance;

  GtkWidget    *flow;
  GtkWidget    *buttons[G_N_ELEMENTS (buttons)];
  GtkWidget    *overdue;
  XbStore      *store;
  XbSyncEngine *engine;
  XbItem       *item;
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
    mask |= buttons[i].actions;
  return mask;
}

guint32
xb_office_actions_allowed (XbStore      *store,
                           XbSyncEngine *engine,
                           const XbItem *item)
{
  g_autoptr(XbUser) user = store != NULL ? xb_store_dup_signed_in_user (store) : NULL;
  XbUnitFacts facts = { 0 };
  XbActor actor = { 0 };
  XbPolicy policy;

  if (user == NULL || engine == NULL || item == NULL || !xb_store_get_policy (store, &policy, NULL))
    return 0;
  actor.user_id = user->id;
  actor.unit_id = user->unit_id;
  actor.roles = user->roles;
  facts.unit_has_leader = xb_store_unit_has_leader (store, item->unit_id);
  return xb_workflow_allowed (item, &facts, &policy, &actor);
}

static gboolean
act (XbOfficeActions *self, XbAction action, const char *comment, GError **error)
{
  if (self->engine == NULL || self->item == NULL)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_UNAUTHORIZED, _("Sign in to act on items.")), FALSE;
  if (!xb_sync_engine_act (self->engine, self->item->uuid, action, comment, NULL, error))
    return FALSE;
  g_signal_emit (self, signals[ACTED], 0, (int) action);
  return TRUE;
}

static void
fail (XbOfficeActions *self, const char *message)
{
  g_signal_emit (self, signals[FAILED], 0, message);
}

gboolean
xb_office_actions_decline (XbOfficeActions *self, const char *reason, GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (reason != NULL ? reason : ""));

  g_return_val_if_fail (XB_IS_OFFICE_ACTIONS (self), FALSE);
  if (*text == '\0')
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID, _("Say why the item is declined.")), FALSE;
  return act (self, XB_ACTION_DECLINE, text, error);
}

/* ---- dialogs ----------------------------------------------------------------------- */

static GtkWindow *
parent_window (XbOfficeActions *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
on_dialog_acted (XbOfficeActions *self)
{
  g_signal_emit (self, signals[ACTED], 0, (int) XB_ACTION_EDIT);
}

static void
on_decline_response (AdwMessageDialog *dialog, const char *response, XbOfficeActions *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "reason");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "decline") == 0 && !xb_office_actions_decline (self, gtk_editable_get_text (entry), &error))
    fail (self, error->message);
}

static void
on_reason_changed (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "decline", *reason != '\0');
}

static void
ask_reason (XbOfficeActions *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), _("Decline the Item?"),
                                                                         _("Say why, for the unit that sent it.")));
  GtkWidget *entry = gtk_entry_new ();

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "decline", _("_Decline"), NULL);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
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

static void
open_dialog (XbOfficeActions *self, GtkWindow *dialog, const char *acted_signal)
{
  if (acted_signal != NULL)
    g_signal_connect_object (dialog, acted_signal, G_CALLBACK (on_dialog_acted), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "failed", G_CALLBACK (fail), self, G_CONNECT_SWAPPED);
  gtk_window_present (dialog);
}

static void
on_clicked (GtkButton *button, XbOfficeActions *self)
{
  XbAction action = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "action"));
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->item == NULL)
    return;
  if (action == XB_ACTION_EDIT)
    open_dialog (self, GTK_WINDOW (xb_office_edit_dialog_new (parent_window (self), self->store, self->engine,
                                                              self->item)), "saved");
  else if (action == XB_ACTION_PROPOSE)
    open_dialog (self, GTK_WINDOW (xb_propose_dialog_new (parent_window (self), self->store, self->engine,
                                                          self->item)), "proposed");
  else if (action == XB_ACTION_FORWARD)
    open_dialog (self, GTK_WINDOW (xb_outcomes_dialog_new (parent_window (self), self->store, self->engine,
                                                           self->item->uuid)), NULL);
  else if (action == XB_ACTION_DECLINE)
    ask_reason (self);
  else if (!act (self, action, NULL, &error))
    fail (self, error->message);
}

/* ---- the widget -------------------------------------------------------------------- */

static void
xb_office_actions_dispose (GObject *object)
{
  XbOfficeActions *self = XB_OFFICE_ACTIONS (object);

  g_clear_object (&self->store);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->item, xb_item_free);
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

/* Each button in a flow box child of its own, so a narrow detail wraps them. */
static GtkWidget *
add_to_flow (XbOfficeActions *self, GtkWidget *widget)
{
  GtkWidget *child = gtk_flow_box_child_new ();

  gtk_widget_set_focusable (child, FALSE);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), widget);
  gtk_flow_box_append (GTK_FLOW_BOX (self->flow), child);
  return child;
}

static void
set_shown (GtkWidget *widget, gboolean shown)
{
  gtk_widget_set_visible (widget, shown);
  gtk_widget_set_visible (gtk_widget_get_parent (widget), shown);
}

static void
xb_office_actions_init (XbOfficeActions *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  self->flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->flow), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->flow), G_N_ELEMENTS (buttons));
  gtk_widget_set_hexpand (self->flow, TRUE);
  gtk_box_append (GTK_BOX (self), self->flow);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_(buttons[i].label));

      gtk_widget_set_tooltip_text (button, _(buttons[i].tooltip));
      if (buttons[i].style != NULL)
        gtk_widget_add_css_class (button, buttons[i].style);
      g_object_set_data (G_OBJECT (button), "action", GINT_TO_POINTER (buttons[i].action));
      g_signal_connect (button, "clicked", G_CALLBACK (on_clicked), self);
      add_to_flow (self, button);
      set_shown (button, FALSE);
      self->buttons[i] = button;
    }
  self->overdue = gtk_label_new (_("Instruction follow-up overdue"));
  gtk_widget_add_css_class (self->overdue, "error");
  gtk_widget_set_valign (self->overdue, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->overdue, _("A leader’s instruction on this item has no feedback reported in time"));
  gtk_label_set_xalign (GTK_LABEL (self->overdue), 0);
  gtk_widget_set_visible (self->overdue, FALSE);
  gtk_box_append (GTK_BOX (self), self->overdue);
}

GtkWidget *
xb_office_actions_new (void)
{
  return g_object_new (XB_TYPE_OFFICE_ACTIONS, NULL);
}

static gboolean
any_overdue (const XbItem *item)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; item != NULL && i < item->instructions->len; i++)
    if (xb_instruction_overdue (item->instructions->pdata[i], now))
      return TRUE;
  return FALSE;
}

void
xb_office_actions_show (XbOfficeActions *self,
                        XbStore         *store,
                        XbSyncEngine    *engine,
                        const XbItem    *item,
                        guint32          allowed)
{
  g_return_if_fail (XB_IS_OFFICE_ACTIONS (self));
  g_set_object (&self->store, store);
  g_set_object (&self->engine, engine);
  g_clear_pointer (&self->item, xb_item_free);
  self->item = item != NULL ? xb_item_copy (item) : NULL;
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    set_shown (self->buttons[i], (allowed & buttons[i].actions) != 0);
  /* Readers without a button see no marker either: it calls for an action. */
  gtk_widget_set_visible (self->overdue, (allowed & OUTCOMES) != 0 && any_overdue (item));
}

GtkButton *
xb_office_actions_get_button (XbOfficeActions *self,
                              XbAction         action)
{
  g_return_val_if_fail (XB_IS_OFFICE_ACTIONS (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    if (buttons[i].actions & (1u << action))
      return GTK_BUTTON (self->buttons[i]);
  return NULL;
}

gboolean
xb_office_actions_get_overdue (XbOfficeActions *self)
{
  g_return_val_if_fail (XB_IS_OFFICE_ACTIONS (self), FALSE);
  return gtk_widget_get_visible (self->overdue);
}
