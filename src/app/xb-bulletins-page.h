/* Quarterly bulletins: the office generates, reviews, freezes and publishes one; every unit reads, prints and exports the frozen ones. */
#pragma once

#include <gtk/gtk.h>

#include "xb-document-view.h"
#include "xb-store.h"
#include "xb-sync-client.h"
#include "xb-sync-engine.h"

G_BEGIN_DECLS

#define XB_TYPE_BULLETINS_PAGE (xb_bulletins_page_get_type ())
G_DECLARE_FINAL_TYPE (XbBulletinsPage, xb_bulletins_page, XB, BULLETINS_PAGE, GtkWidget)

GtkWidget *xb_bulletins_page_new        (void);
void       xb_bulletins_page_set_store  (XbBulletinsPage *self,
                                         XbStore         *store);
/* NULL offline or for a viewer; the list refreshes when it syncs. */
void       xb_bulletins_page_set_engine (XbBulletinsPage *self,
                                         XbSyncEngine    *engine);
/* The signed-in client publishes through POST /api/v1/bulletins; without
 * one, publishing freezes the bulletin in the local store only. */
void       xb_bulletins_page_set_client (XbBulletinsPage *self,
                                         XbSyncClient    *client);
/* The office's generate/publish bar; units only read. */
void       xb_bulletins_page_set_editable (XbBulletinsPage *self,
                                           gboolean         editable);
/* Re-reads the frozen bulletins from the store. */
void       xb_bulletins_page_reload     (XbBulletinsPage *self);

/* Computes a draft of @period ("2026Q3") from the store and shows it. */
gboolean   xb_bulletins_page_generate   (XbBulletinsPage *self,
                                         const char      *period,
                                         GError         **error);
/* Freezes and publishes the draft; "published" is emitted when done
 * (with the error message, or NULL). */
void       xb_bulletins_page_publish    (XbBulletinsPage *self);
/* Shows a frozen bulletin. */
gboolean   xb_bulletins_page_open       (XbBulletinsPage *self,
                                         const char      *period,
                                         GError         **error);
/* The figures on show, as CSV (xb_figures_to_csv); NULL with nothing on show. */
char      *xb_bulletins_page_dup_csv    (XbBulletinsPage *self);
gboolean   xb_bulletins_page_export_csv (XbBulletinsPage *self,
                                         const char      *path,
                                         GError         **error);
guint      xb_bulletins_page_get_n_bulletins (XbBulletinsPage *self);
XbDocumentView *xb_bulletins_page_get_view (XbBulletinsPage *self);

G_END_DECLS
