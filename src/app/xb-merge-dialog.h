/* The editor's merge: several items folded into one comprehensive item the editor writes. */
#pragma once

#include <adwaita.h>

#include "xb-store.h"
#include "xb-sync-engine.h"

G_BEGIN_DECLS

#define XB_TYPE_MERGE_DIALOG (xb_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XbMergeDialog, xb_merge_dialog, XB, MERGE_DIALOG, AdwWindow)

/* A dialog listing the items @uuids (read from @store), with the
 * comprehensive item's title and body prefilled from theirs.  Signals:
 * "merged" (the new item's uuid) once the merge is queued, "failed" (a
 * message in plain words). */
XbMergeDialog *xb_merge_dialog_new        (GtkWindow          *parent,
                                           XbStore            *store,
                                           XbSyncEngine       *engine,
                                           const char * const *uuids);
GtkEditable   *xb_merge_dialog_get_title  (XbMergeDialog      *self);
GtkTextBuffer *xb_merge_dialog_get_body   (XbMergeDialog      *self);
guint          xb_merge_dialog_get_n_sources (XbMergeDialog   *self);
/* Composes the comprehensive item from the title and body as they stand and
 * merges every source into it (one "compose" action through the engine).
 * Returns the new item's uuid, or NULL with @error in plain words. */
char          *xb_merge_dialog_merge      (XbMergeDialog      *self,
                                           GError            **error);

G_END_DECLS
