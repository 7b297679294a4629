/* The form an information officer writes a draft in: fields, validation, autosave and send. */
#pragma once

#include <adwaita.h>

#include "xb-attachment-list.h"
#include "xb-store.h"
#include "xb-sync-engine.h"

G_BEGIN_DECLS

#define XB_TYPE_ITEM_EDITOR (xb_item_editor_get_type ())
G_DECLARE_FINAL_TYPE (XbItemEditor, xb_item_editor, XB, ITEM_EDITOR, AdwBin)

/* How long after the last keystroke the draft is saved. */
#define XB_ITEM_EDITOR_AUTOSAVE_MS 2000

GtkWidget  *xb_item_editor_new          (void);
void        xb_item_editor_set_store    (XbItemEditor *self,
                                         XbStore      *store);
void        xb_item_editor_set_engine   (XbItemEditor *self,
                                         XbSyncEngine *engine);
/* Starts a new draft for the signed-in user's unit; the store takes it at
 * the first save with a title (the server refuses an item without one). */
gboolean    xb_item_editor_new_draft    (XbItemEditor *self,
                                         GError      **error);
/* Loads the item @uuid from the store into the form. */
gboolean    xb_item_editor_load         (XbItemEditor *self,
                                         const char   *uuid,
                                         GError      **error);
const char *xb_item_editor_get_uuid     (XbItemEditor *self);
/* Saves pending changes now (no-op when nothing changed). */
gboolean    xb_item_editor_save         (XbItemEditor *self,
                                         GError      **error);
/* Saves, then submits the item; fails with the validation message. */
gboolean    xb_item_editor_send         (XbItemEditor *self,
                                         GError      **error);
gboolean    xb_item_editor_get_dirty    (XbItemEditor *self);
/* The first validation problem in plain words, or NULL when it can be sent. */
const char *xb_item_editor_get_problem  (XbItemEditor *self);
/* Re-reads the queued / refused state and the open requests after the sync
 * engine moved. */
void        xb_item_editor_refresh_status (XbItemEditor *self);

/* For tests and the window. */
AdwEntryRow *xb_item_editor_get_title_row      (XbItemEditor *self);
GtkTextView *xb_item_editor_get_body_view      (XbItemEditor *self);
AdwComboRow *xb_item_editor_get_category_row   (XbItemEditor *self);
AdwComboRow *xb_item_editor_get_importance_row (XbItemEditor *self);
/* "None", then the unit's open commissioned requests (topic and deadline). */
AdwComboRow *xb_item_editor_get_request_row    (XbItemEditor *self);
GtkSwitch   *xb_item_editor_get_urgent_switch  (XbItemEditor *self);
AdwEntryRow *xb_item_editor_get_event_row      (XbItemEditor *self);
GtkButton   *xb_item_editor_get_send_button    (XbItemEditor *self);
GtkLabel    *xb_item_editor_get_problem_label  (XbItemEditor *self);
GtkLabel    *xb_item_editor_get_status_label   (XbItemEditor *self);
GtkLabel    *xb_item_editor_get_deadline_label (XbItemEditor *self);

/* The draft's attachments. */
XbAttachmentList *xb_item_editor_get_attachment_list (XbItemEditor *self);

G_END_DECLS
