/* An adopted item's later outcomes: forwarded to the province, adopted by the province or the State Council office, leader instructions and their follow-up. */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "xb-item-object.h"
#include "xb-office-actions.h"
#include "xb-outcomes-dialog.h"

#define DAY (24 * 3600)

static const struct {
  XbAction    action;
  const char *label;
} records[] = {
  { XB_ACTION_FORWARD, N_("_Forwarded to the Province") },
  { XB_ACTION_PROVINCE_ADOPT, N_("Adopted by the Pro_vince") },
  { XB_ACTION_STATE_ADOPT, N_("Adopted by the S_tate Council Office") },
};

struct _XbOutcomesDialog
{
  AdwWindow     parent_instance;

  XbStore      *store;
  XbSyncEngine *engine;
  char         *uuid;
  XbItem       *item;
  guint32       allowed;
  GHashTable   *publications;  /* gint64* → char* */
  guint         n_overdue;

  GtkWidget    *toasts;
  GtkListBox   *adoptions;
  GtkListBox   *instructions;
  GtkWidget    *record_box;
  GtkWidget    *record_buttons[G_N_ELEMENTS (records)];
  GPtrArray    *followup_buttons;  /* GtkButton* or NULL, per instruction shown */
  GtkWidget    *new_group;
  GtkWidget    *leader;
  GtkWidget    *level;
  GtkWidget    *text;
  GtkWidget    *instruct_button;
};

G_DEFINE_FINAL_TYPE (XbOutcomesDialog, xb_outcomes_dialog, ADW_TYPE_WINDOW)

enum {
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
xb_instruction_overdue (const XbInstruction *instruction,
                        gint64               now)
{
  return instruction->followup != XB_FOLLOWUP_REPORTED && now > instruction->at + (gint64) XB_FOLLOWUP_DAYS * DAY;
}

static void
fail (XbOutcomesDialog *self, const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);  /* a toast's title is markup */

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts), adw_toast_new (escaped));
  g_signal_emit (self, signals[FAILED], 0, message);
}

static gboolean
act (XbOutcomesDialog *self, XbAction action, const char *extra, GError **error)
{
  if (self->engine == NULL || self->item == NULL)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_UNAUTHORIZED, _("Sign in to record outcomes.")), FALSE;
  if (!(self->allowed & (1u << action)))
    return g_set_error (error, XB_ERROR, XB_ERROR_FORBIDDEN, _("“%s” is not possible on this item now."),
                        xb_action_verb (action)), FALSE;
  return xb_sync_engine_act (self->engine, self->uuid, action, NULL, extra, error);
}

gboolean
xb_outcomes_dialog_record (XbOutcomesDialog *self,
                           XbAction          action,
                           GError          **error)
{
  g_return_val_if_fail (XB_IS_OUTCOMES_DIALOG (self), FALSE);
  g_return_val_if_fail (action == XB_ACTION_FORWARD || action == XB_ACTION_PROVINCE_ADOPT
                        || action == XB_ACTION_STATE_ADOPT, FALSE);
  return act (self, action, NULL, error);
}

gboolean
xb_outcomes_dialog_instruct (XbOutcomesDialog *self,
                             const char       *leader,
                             XbLevel           level,
                             const char       *text,
                             GError          **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *extra = NULL;
  g_autofree char *leader_text = g_strstrip (g_strdup (leader != NULL ? leader : ""));
  g_autofree char *words = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_return_val_if_fail (XB_IS_OUTCOMES_DIALOG (self), FALSE);
  if (*leader_text == '\0' || *words == '\0')
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID,
                                _("Give the leader’s name and the instruction’s words.")), FALSE;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "leader");
  json_builder_add_string_value (builder, leader_text);
  json_builder_set_member_name (builder, "level");
  json_builder_add_string_value (builder, xb_level_to_string (level));
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, words);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  extra = json_to_string (root, FALSE);
  return act (self, XB_ACTION_INSTRUCT, extra, error);
}

static const XbInstruction *
find_instruction (XbOutcomesDialog *self, gint64 id)
{
  for (guint i = 0; self->item != NULL && i < self->item->instructions->len; i++)
    if (((XbInstruction *) self->item->instructions->pdata[i])->id == id)
      return self->item->instructions->pdata[i];
  return NULL;
}

gboolean
xb_outcomes_dialog_advance (XbOutcomesDialog *self,
                            gint64            instruction_id,
                            GError          **error)
{
  const XbInstruction *instruction;
  g_autofree char *extra = NULL;

  g_return_val_if_fail (XB_IS_OUTCOMES_DIALOG (self), FALSE);
  if ((instruction = find_instruction (self, instruction_id)) == NULL)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_NOT_FOUND, _("The item has no such instruction.")), FALSE;
  if (instruction->followup == XB_FOLLOWUP_REPORTED)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_CONFLICT,
                                _("The feedback on this instruction is reported already.")), FALSE;
  extra = g_strdup_printf ("{\"instruction_id\": %" G_GINT64_FORMAT ", \"followup\": \"%s\"}", instruction_id,
                           xb_followup_to_string (instruction->followup + 1));
  return act (self, XB_ACTION_FOLLOWUP, extra, error);
}

/* ---- showing ----------------------------------------------------------------------- */

static void
clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
plain_row (const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static char *
adoption_title (XbOutcomesDialog *self, const XbAdoption *adoption)
{
  const char *name = self->publications != NULL ? g_hash_table_lookup (self->publications, &adoption->publication_id)
                                                : NULL;

  if (adoption->level == XB_LEVEL_CITY)
    /* Translators: adopted into a city publication: "Adopted in 《每日要情》" */
    return g_strdup_printf (_("Adopted in %s"), name != NULL ? name : _("a city publication"));
  if (adoption->level == XB_LEVEL_PROVINCE)
    return g_strdup (_("Adopted by the province"));
  return g_strdup (_("Adopted by the State Council office"));
}

static void
show_adoptions (XbOutcomesDialog *self)
{
  guint shown = 0;

  clear (self->adoptions);
  for (guint i = 0; i < self->item->adoptions->len; i++)
    {
      const XbAdoption *adoption = &g_array_index (self->item->adoptions, XbAdoption, i);
      g_autofree char *title = adoption_title (self, adoption);
      g_autofree char *when = xb_format_local_time (adoption->at);

      gtk_list_box_append (self->adoptions, plain_row (title, when));
      shown++;
    }
  for (guint i = 0; i < self->item->events->len; i++)
    {
      const XbEvent *event = self->item->events->pdata[i];
      g_autofree char *when = NULL;

      if (event->action != XB_ACTION_FORWARD)
        continue;
      when = xb_format_local_time (event->at);
      gtk_list_box_append (self->adoptions, plain_row (_("Forwarded to the province"), when));
      shown++;
    }
  if (shown == 0)
    gtk_list_box_append (self->adoptions, plain_row (_("Nothing recorded yet"), NULL));
}

static void
on_advance_clicked (GtkButton *button, XbOutcomesDialog *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "instruction-id");
  g_autoptr(GError) error = NULL;

  if (!xb_outcomes_dialog_advance (self, *id, &error))
    fail (self, error->message);
}

static GtkWidget *
instruction_row (XbOutcomesDialog *self, const XbInstruction *instruction, gint64 now, GtkWidget **button)
{
  g_autofree char *when = xb_format_local_time (instruction->at);
  /* Translators: who gave an instruction and at which level: "张市长 · City" */
  g_autofree char *title = g_strdup_printf (_("%s · %s"), instruction->leader, xb_level_label (instruction->level));
  /* Translators: an instruction's words, when it was recorded and where its follow-up stands */
  g_autofree char *subtitle = g_strdup_printf (_("%s\n%s · %s"), instruction->text, when,
                                               xb_followup_label (instruction->followup));
  GtkWidget *row = plain_row (title, subtitle);

  *button = NULL;
  if (xb_instruction_overdue (instruction, now))
    {
      GtkWidget *badge = gtk_label_new (_("Overdue"));

      gtk_widget_add_css_class (badge, "badge");
      gtk_widget_add_css_class (badge, "urgent");
      gtk_widget_add_css_class (badge, "error");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (badge, g_dngettext (GETTEXT_PACKAGE,
                                                       "No feedback reported within %d day of the instruction",
                                                       "No feedback reported within %d days of the instruction",
                                                       XB_FOLLOWUP_DAYS));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      self->n_overdue++;
    }
  if (instruction->followup != XB_FOLLOWUP_REPORTED && (self->allowed & (1u << XB_ACTION_FOLLOWUP)))
    {
      *button = gtk_button_new_with_label (instruction->followup == XB_FOLLOWUP_RECEIVED ? _("Being Handled")
                                                                                          : _("Feedback Reported"));
      gtk_widget_set_tooltip_text (*button, _("Move the follow-up one step on"));
      gtk_widget_set_valign (*button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (*button), "instruction-id", g_memdup2 (&instruction->id, sizeof (gint64)),
                              g_free);
      g_signal_connect (*button, "clicked", G_CALLBACK (on_advance_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), *button);
    }
  return row;
}

static void
show_instructions (XbOutcomesDialog *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  clear (self->instructions);
  g_ptr_array_set_size (self->followup_buttons, 0);
  self->n_overdue = 0;
  for (guint i = 0; i < self->item->instructions->len; i++)
    {
      GtkWidget *button;

      gtk_list_box_append (self->instructions, instruction_row (self, self->item->instructions->pdata[i], now, &button));
      g_ptr_array_add (self->followup_buttons, button);
    }
  if (self->item->instructions->len == 0)
    gtk_list_box_append (self->instructions, plain_row (_("No instruction recorded yet"), NULL));
}

void
xb_outcomes_dialog_reload (XbOutcomesDialog *self)
{
  g_autoptr(GError) error = NULL;
  XbItem *item;
  gboolean any = FALSE;

  g_return_if_fail (XB_IS_OUTCOMES_DIALOG (self));
  if ((item = xb_store_get_item (self->store, self->uuid, &error)) == NULL)
    {
      fail (self, error->message);
      return;
    }
  g_clear_pointer (&self->item, xb_item_free);
  self->item = item;
  self->allowed = xb_office_actions_allowed (self->store, self->engine, item);
  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      gboolean on = (self->allowed & (1u << records[i].action)) != 0;

      gtk_widget_set_visible (self->record_buttons[i], on);
      any = any || on;
    }
  gtk_widget_set_visible (self->record_box, any);
  gtk_widget_set_visible (self->new_group, (self->allowed & (1u << XB_ACTION_INSTRUCT)) != 0);
  show_adoptions (self);
  show_instructions (self);
}

static void
on_items_changed (XbOutcomesDialog *self, char **uuids)
{
  if (uuids != NULL && g_strv_contains ((const char * const *) uuids, self->uuid))
    xb_outcomes_dialog_reload (self);
}

/* ---- building ---------------------------------------------------------------------- */

static void
on_record_clicked (GtkButton *button, XbOutcomesDialog *self)
{
  XbAction action = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "action"));
  g_autoptr(GError) error = NULL;

  if (!xb_outcomes_dialog_record (self, action, &error))
    fail (self, error->message);
}

static void
on_instruct_clicked (XbOutcomesDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!xb_outcomes_dialog_instruct (self, gtk_editable_get_text (GTK_EDITABLE (self->leader)),
                                    adw_combo_row_get_selected (ADW_COMBO_ROW (self->level)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->text)), &error))
    {
      fail (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->leader), "");
  gtk_editable_set_text (GTK_EDITABLE (self->text), "");
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

static GtkListBox *
boxed_list (GtkWidget *box)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (box), list);
  return GTK_LIST_BOX (list);
}

static GtkWidget *
record_box (XbOutcomesDialog *self)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_(records[i].label));

      g_object_set_data (G_OBJECT (button), "action", GINT_TO_POINTER (records[i].action));
      g_signal_connect (button, "clicked", G_CALLBACK (on_record_clicked), self);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), button);
      self->record_buttons[i] = button;
    }
  return flow;
}

static GtkWidget *
new_instruction_group (XbOutcomesDialog *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);

  for (int l = 0; l < XB_N_LEVELS; l++)
    gtk_string_list_append (levels, xb_level_label (l));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Record a Leader’s Instruction"));
  self->leader = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->leader), _("Leader"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->leader);
  self->level = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->level), _("Level"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->level), G_LIST_MODEL (levels));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->level);
  self->text = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->text), _("Instruction"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->text);
  self->instruct_button = gtk_button_new_with_mnemonic (_("_Record Instruction"));
  gtk_widget_add_css_class (self->instruct_button, "suggested-action");
  gtk_widget_set_halign (self->instruct_button, GTK_ALIGN_END);
  gtk_widget_set_margin_top (self->instruct_button, 12);
  g_signal_connect_swapped (self->instruct_button, "clicked", G_CALLBACK (on_instruct_clicked), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->instruct_button);
  return group;
}

static void
build (XbOutcomesDialog *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_autofree char *rule = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "Feedback is due %d day after an instruction is recorded.",
                                                        "Feedback is due %d days after an instruction is recorded.",
                                                        XB_FOLLOWUP_DAYS), XB_FOLLOWUP_DAYS);
  GtkWidget *rule_label = gtk_label_new (rule);

  gtk_box_append (GTK_BOX (content), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), heading (_("Adoptions and Forwarding")));
  self->adoptions = boxed_list (box);
  self->record_box = record_box (self);
  gtk_box_append (GTK_BOX (box), self->record_box);
  gtk_box_append (GTK_BOX (box), heading (_("Leader Instructions")));
  gtk_label_set_xalign (GTK_LABEL (rule_label), 0);
  gtk_label_set_wrap (GTK_LABEL (rule_label), TRUE);
  gtk_widget_add_css_class (rule_label, "dim-label");
  gtk_box_append (GTK_BOX (box), rule_label);
  self->instructions = boxed_list (box);
  self->new_group = new_instruction_group (self);
  gtk_widget_set_margin_top (self->new_group, 12);
  gtk_box_append (GTK_BOX (box), self->new_group);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  self->toasts = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (self->toasts), scroller);
  gtk_box_append (GTK_BOX (content), self->toasts);
  adw_window_set_content (ADW_WINDOW (self), content);
}

static void
xb_outcomes_dialog_dispose (GObject *object)
{
  XbOutcomesDialog *self = XB_OUTCOMES_DIALOG (object);

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->item, xb_item_free);
  g_clear_pointer (&self->publications, g_hash_table_unref);
  g_clear_pointer (&self->followup_buttons, g_ptr_array_unref);
  G_OBJECT_CLASS (xb_outcomes_dialog_parent_class)->dispose (object);
}

static void
xb_outcomes_dialog_class_init (XbOutcomesDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_outcomes_dialog_dispose;
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
xb_outcomes_dialog_init (XbOutcomesDialog *self)
{
  self->followup_buttons = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Later Outcomes"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 780);
  build (self);
}

static GHashTable *
publication_names (XbStore *store)
{
  g_autoptr(GPtrArray) publications = xb_store_list_publications (store, NULL);
  GHashTable *names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; publications != NULL && i < publications->len; i++)
    {
      const XbPublication *p = publications->pdata[i];

      g_hash_table_insert (names, g_memdup2 (&p->id, sizeof p->id), g_strdup (p->name));
    }
  return names;
}

XbOutcomesDialog *
xb_outcomes_dialog_new (GtkWindow    *parent,
                        XbStore      *store,
                        XbSyncEngine *engine,
                        const char   *uuid)
{
  XbOutcomesDialog *self;

  g_return_val_if_fail (XB_IS_STORE (store) && uuid != NULL, NULL);
  self = g_object_new (XB_TYPE_OUTCOMES_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->uuid = g_strdup (uuid);
  self->publications = publication_names (store);
  if (engine != NULL)
    {
      self->engine = g_object_ref (engine);
      g_signal_connect_object (engine, "items-changed", G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
    }
  xb_outcomes_dialog_reload (self);
  return self;
}

GtkButton *
xb_outcomes_dialog_get_button (XbOutcomesDialog *self,
                               XbAction          action,
                               guint             position)
{
  g_return_val_if_fail (XB_IS_OUTCOMES_DIALOG (self), NULL);
  if (action == XB_ACTION_INSTRUCT)
    return GTK_BUTTON (self->instruct_button);
  if (action == XB_ACTION_FOLLOWUP)
    return position < self->followup_buttons->len ? self->followup_buttons->pdata[position] : NULL;
  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    if (records[i].action == action)
      return GTK_BUTTON (self->record_buttons[i]);
  return NULL;
}

GtkEditable *
xb_outcomes_dialog_get_leader_entry (XbOutcomesDialog *self)
{
  g_return_val_if_fail (XB_IS_OUTCOMES_DIALOG (self), NULL);
  return GTK_EDITABLE (self->leader);
}

GtkEditable *
xb_outcomes_dialog_get_text_entry (XbOutcomesDialog *self)
{
  g_return_val_if_fail (XB_IS_OUTCOMES_DIALOG (self), NULL);
  return GTK_EDITABLE (self->text);
}

AdwComboRow *
xb_outcomes_dialog_get_level_row (XbOutcomesDialog *self)
{
  g_return_val_if_fail (XB_IS_OUTCOMES_DIALOG (self), NULL);
  return ADW_COMBO_ROW (self->level);
}

guint
xb_outcomes_dialog_get_n_instructions (XbOutcomesDialog *self)
{
  g_return_val_if_fail (XB_IS_OUTCOMES_DIALOG (self), 0);
  return self->item != NULL ? self->item->instructions->len : 0;
}

guint
xb_outcomes_dialog_get_n_overdue (XbOutcomesDialog *self)
{
  g_return_val_if_fail (XB_IS_OUTCOMES_DIALOG (self), 0);
  return self->n_overdue;
}
