/* A widget that previews a paged XbDocument as it will print, prints it and exports it to PDF. */
#pragma once

#include <gtk/gtk.h>

#include "xb-document.h"

G_BEGIN_DECLS

#define XB_TYPE_DOCUMENT_VIEW (xb_document_view_get_type ())
G_DECLARE_FINAL_TYPE (XbDocumentView, xb_document_view, XB, DOCUMENT_VIEW, GtkWidget)

GtkWidget  *xb_document_view_new          (void);
/* The view takes @document (NULL clears it). */
void        xb_document_view_set_document (XbDocumentView *self,
                                           XbDocument     *document);
XbDocument *xb_document_view_get_document (XbDocumentView *self);
int         xb_document_view_get_n_pages  (XbDocumentView *self);
gboolean    xb_document_view_export_pdf   (XbDocumentView *self,
                                           const char     *path,
                                           GError        **error);
/* Called with the path the user chose to save to; @owner is the widget that asked. */
typedef void (*XbSaveFileFunc) (GtkWidget *owner, const char *path);
/* Asks for a file name to save to (GtkFileChooserNative, titled @title) and
 * calls @func with it; @owner is kept alive until the dialog closes. */
void        xb_document_view_choose_save_file (GtkWidget      *owner,
                                               const char     *title,
                                               const char     *suggested_name,
                                               XbSaveFileFunc  func);
/* Asks for a file name (GtkFileChooserNative) and writes the PDF there. */
void        xb_document_view_export_dialog (XbDocumentView *self,
                                            const char     *suggested_name);
/* Prints with GtkPrintOperation, each page drawn by xb_document_draw_page(). */
void        xb_document_view_print        (XbDocumentView *self);

G_END_DECLS
