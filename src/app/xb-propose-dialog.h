/* The editor's proposal: a publication and the item's importance, which choose the sign-off chain. */
#pragma once

#include <adwaita.h>

#include "xb-store.h"
#include "xb-sync-engine.h"

G_BEGIN_DECLS

#define XB_TYPE_PROPOSE_DIALOG (xb_propose_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XbProposeDialog, xb_propose_dialog, XB, PROPOSE_DIALOG, AdwMessageDialog)

/* A dialog proposing @item (held by the signed-in editor) for one of the
 * store's publications.  Signals: "proposed" once queued, "failed" (a
 * message in plain words). */
XbProposeDialog *xb_propose_dialog_new        (GtkWindow       *parent,
                                               XbStore         *store,
                                               XbSyncEngine    *engine,
                                               const XbItem    *item);
guint            xb_propose_dialog_get_n_publications (XbProposeDialog *self);
/* Chooses the publication @publication_id, the importance (the level of
 * sign-off) and whether the mayor signs too; FALSE for an unknown publication. */
gboolean         xb_propose_dialog_choose     (XbProposeDialog *self,
                                               gint64           publication_id,
                                               XbImportance     importance,
                                               gboolean         for_mayor);
/* The chain the choice leads to, as shown: "Director → Secretary-general → …". */
const char      *xb_propose_dialog_get_chain_text (XbProposeDialog *self);
/* Queues the proposal: an edit of the importance first when it changed, then
 * "propose" with the publication.  FALSE with @error in plain words. */
gboolean         xb_propose_dialog_propose    (XbProposeDialog *self,
                                               GError         **error);

G_END_DECLS
