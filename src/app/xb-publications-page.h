/* The office's publications: each periodical's numbered issues, assembled from adopted items, previewed, printed, exported and published. */
#pragma once

#include <gtk/gtk.h>

#include "xb-document-view.h"
#include "xb-store.h"
#include "xb-sync-client.h"
#include "xb-sync-engine.h"

G_BEGIN_DECLS

#define XB_TYPE_PUBLICATIONS_PAGE (xb_publications_page_get_type ())
G_DECLARE_FINAL_TYPE (XbPublicationsPage, xb_publications_page, XB, PUBLICATIONS_PAGE, GtkWidget)

GtkWidget *xb_publications_page_new        (void);
void       xb_publications_page_set_store  (XbPublicationsPage *self,
                                            XbStore            *store);
/* NULL offline or for a viewer. */
void       xb_publications_page_set_engine (XbPublicationsPage *self,
                                            XbSyncEngine       *engine);
/* With a signed-in client, every change goes to the server (docs/PROTOCOL.md,
 * "Publication issues") and its answer becomes the local copy; without
 * one, changes are made in the store (a standalone store).  Either way
 * "done" is emitted with NULL or the error message. */
void       xb_publications_page_set_client (XbPublicationsPage *self,
                                            XbSyncClient       *client);
/* Viewers see published issues only and change nothing. */
void       xb_publications_page_set_editable (XbPublicationsPage *self,
                                              gboolean            editable);

/* The actions behind the page's buttons, for the window and the tests.
 * Online, those returning gboolean return TRUE once the request is sent. */
gboolean   xb_publications_page_select_publication (XbPublicationsPage *self,
                                                    gint64              publication_id);
gint64     xb_publications_page_get_issue  (XbPublicationsPage *self);
gboolean   xb_publications_page_select_issue (XbPublicationsPage *self,
                                              gint64              issue_id);
/* Creates the next issue of the selected publication for this year and
 * selects it; returns its id, -1 when asked of the server (see "done"),
 * 0 on error. */
gint64     xb_publications_page_new_issue  (XbPublicationsPage *self,
                                            GError            **error);
/* Adopted items of the publication not yet in any of its issues. */
GStrv      xb_publications_page_dup_available (XbPublicationsPage *self);
gboolean   xb_publications_page_add_item   (XbPublicationsPage *self,
                                            const char         *uuid,
                                            GError            **error);
gboolean   xb_publications_page_remove_item (XbPublicationsPage *self,
                                             const char         *uuid,
                                             GError            **error);
gboolean   xb_publications_page_move_item  (XbPublicationsPage *self,
                                            const char         *uuid,
                                            int                 delta,
                                            GError            **error);
gboolean   xb_publications_page_publish    (XbPublicationsPage *self,
                                            GError            **error);
XbDocumentView *xb_publications_page_get_view (XbPublicationsPage *self);

G_END_DECLS
