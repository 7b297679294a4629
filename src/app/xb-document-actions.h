/* The preview side of a document page (publications, bulletins, assessment): a bar of buttons over an XbDocumentView that print and export it, and the page's hookup to the sync engine. */
#pragma once

#include <gtk/gtk.h>

#include "xb-document-view.h"
#include "xb-sync-engine.h"

G_BEGIN_DECLS

/* The file name @page suggests for an export with @extension ("pdf", "csv"),
 * or NULL when it shows nothing to export. */
typedef char    *(*XbExportNameFunc) (gpointer page, const char *extension);
/* Writes @page's CSV to @path. */
typedef gboolean (*XbExportCsvFunc)  (gpointer page, const char *path, GError **error);

/* A vertical box: a new bar (horizontal, returned in @bar) above a new
 * XbDocumentView (returned in @view) that takes the rest. */
GtkWidget *xb_document_actions_pane   (GtkWidget       **bar,
                                       GtkWidget       **view);
/* A button labelled @mnemonic, appended to @bar, whose "clicked" calls
 * @callback with @data only. */
GtkWidget *xb_document_actions_button (GtkWidget        *bar,
                                       const char       *mnemonic,
                                       GCallback         callback,
                                       gpointer          data);
/* "_Print…": prints @view. */
GtkWidget *xb_document_actions_print  (GtkWidget        *bar,
                                       XbDocumentView   *view);
/* @mnemonic: exports @view to the PDF file the user chooses, suggesting
 * @name (@page, "pdf"). */
GtkWidget *xb_document_actions_pdf    (GtkWidget        *bar,
                                       const char       *mnemonic,
                                       XbDocumentView   *view,
                                       gpointer          page,
                                       XbExportNameFunc  name);
/* "Export _CSV…": @write (@page, the path the user chooses, suggesting
 * @name (@page, "csv")); what went wrong is shown in @status. */
GtkWidget *xb_document_actions_csv    (GtkWidget        *bar,
                                       gpointer          page,
                                       XbExportNameFunc  name,
                                       XbExportCsvFunc   write,
                                       GtkLabel         *status);
/* Keeps @engine in *@slot and calls @callback (@page) on its
 * "items-changed" and, with @on_state, "notify::state"; the engine that was
 * in *@slot is disconnected first. */
void       xb_document_actions_set_engine (XbSyncEngine **slot,
                                           XbSyncEngine  *engine,
                                           gboolean       on_state,
                                           GCallback      callback,
                                           gpointer       page);

G_END_DECLS
