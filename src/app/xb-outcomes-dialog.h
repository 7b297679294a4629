/* An adopted item's later outcomes: forwarded to the province, adopted by the province or the State Council office, leader instructions and their follow-up. */
#pragma once

#include <adwaita.h>

#include "xb-store.h"
#include "xb-sync-engine.h"

G_BEGIN_DECLS

/* The office expects an instruction's feedback reported within this many
 * days of the instruction being recorded; after that it is overdue. */
#define XB_FOLLOWUP_DAYS 15

/* Is @instruction's follow-up late at @now (unix seconds)? */
gboolean xb_instruction_overdue (const XbInstruction *instruction,
                                 gint64               now);

#define XB_TYPE_OUTCOMES_DIALOG (xb_outcomes_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XbOutcomesDialog, xb_outcomes_dialog, XB, OUTCOMES_DIALOG, AdwWindow)

/* A dialog on the item @uuid; it follows the engine's changes to it.
 * Signal "failed" (a message in plain words); the dialog shows it too. */
XbOutcomesDialog *xb_outcomes_dialog_new      (GtkWindow        *parent,
                                               XbStore          *store,
                                               XbSyncEngine     *engine,
                                               const char       *uuid);
/* Reads the item again from the store. */
void              xb_outcomes_dialog_reload   (XbOutcomesDialog *self);
/* Records forwarded to the province (XB_ACTION_FORWARD), adopted by the
 * province (XB_ACTION_PROVINCE_ADOPT) or by the State Council office
 * (XB_ACTION_STATE_ADOPT). */
gboolean          xb_outcomes_dialog_record   (XbOutcomesDialog *self,
                                               XbAction          action,
                                               GError          **error);
gboolean          xb_outcomes_dialog_instruct (XbOutcomesDialog *self,
                                               const char       *leader,
                                               XbLevel           level,
                                               const char       *text,
                                               GError          **error);
/* Moves instruction @instruction_id's follow-up one step on
 * (received → being handled → feedback reported). */
gboolean          xb_outcomes_dialog_advance  (XbOutcomesDialog *self,
                                               gint64            instruction_id,
                                               GError          **error);
/* The button recording @action (forward, province_adopt, state_adopt,
 * instruct), or the follow-up button of the instruction shown at
 * @position for XB_ACTION_FOLLOWUP; NULL when there is none. */
GtkButton        *xb_outcomes_dialog_get_button (XbOutcomesDialog *self,
                                                 XbAction          action,
                                                 guint             position);
/* The form of a new instruction, for tests and the lead's wiring. */
GtkEditable      *xb_outcomes_dialog_get_leader_entry (XbOutcomesDialog *self);
GtkEditable      *xb_outcomes_dialog_get_text_entry   (XbOutcomesDialog *self);
AdwComboRow      *xb_outcomes_dialog_get_level_row    (XbOutcomesDialog *self);
/* How many instructions are shown, and how many of them are overdue. */
guint             xb_outcomes_dialog_get_n_instructions (XbOutcomesDialog *self);
guint             xb_outcomes_dialog_get_n_overdue      (XbOutcomesDialog *self);

G_END_DECLS
