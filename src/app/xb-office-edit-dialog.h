/* The editor's changes to an item in the office: text, importance, category and type (the unit's original stays in the history). */
#pragma once

#include <adwaita.h>

#include "xb-store.h"
#include "xb-sync-engine.h"

G_BEGIN_DECLS

#define XB_TYPE_OFFICE_EDIT_DIALOG (xb_office_edit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XbOfficeEditDialog, xb_office_edit_dialog, XB, OFFICE_EDIT_DIALOG, AdwMessageDialog)

/* A dialog editing @item (held by the signed-in editor).  Signals: "saved"
 * once the edit is queued, "failed" (a message in plain words). */
XbOfficeEditDialog *xb_office_edit_dialog_new            (GtkWindow          *parent,
                                                          XbStore            *store,
                                                          XbSyncEngine       *engine,
                                                          const XbItem       *item);
GtkEditable        *xb_office_edit_dialog_get_title      (XbOfficeEditDialog *self);
GtkTextBuffer      *xb_office_edit_dialog_get_body       (XbOfficeEditDialog *self);
GtkDropDown        *xb_office_edit_dialog_get_importance (XbOfficeEditDialog *self);
GtkDropDown        *xb_office_edit_dialog_get_type_choice (XbOfficeEditDialog *self);
GtkDropDown        *xb_office_edit_dialog_get_category   (XbOfficeEditDialog *self);
/* Queues one "edit" with the fields that changed (nothing when none did).
 * FALSE with @error in plain words, e.g. for an empty title. */
gboolean            xb_office_edit_dialog_save           (XbOfficeEditDialog *self,
                                                          GError            **error);

G_END_DECLS
