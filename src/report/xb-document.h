/* A small paged document: masthead, headings, paragraphs, tables and charts, laid out on A4 for print and PDF. */
#pragma once

#include <cairo.h>

#include "xb-chart.h"

G_BEGIN_DECLS

/* A4 in points. */
#define XB_PAGE_WIDTH  595.0
#define XB_PAGE_HEIGHT 842.0

typedef struct _XbDocument XbDocument;

XbDocument *xb_document_new            (void);
void        xb_document_free           (XbDocument *doc);

/* The red-headed title block of an official document. */
void        xb_document_add_masthead   (XbDocument *doc, const char *title,
                                        const char *subtitle, const char *issuer);
void        xb_document_add_heading    (XbDocument *doc, const char *text);
/* A centred title of an article within the document. */
void        xb_document_add_title      (XbDocument *doc, const char *text);
/* A right-aligned line, such as an article's source: （武都区人民政府办公室） */
void        xb_document_add_note       (XbDocument *doc, const char *text);
/* A paragraph; lines in @text become separate paragraphs, each indented. */
void        xb_document_add_paragraph  (XbDocument *doc, const char *text);
/* A table; @widths are fractions of the text width; @rows are GStrv of
 * n_cols cells (the document takes them).  A column whose header starts
 * with "#" is right-aligned (the "#" is not shown). */
void        xb_document_add_table      (XbDocument *doc, int n_cols, const char *const *headers,
                                        const double *widths, GPtrArray *rows);
/* A chart drawn with the print palette; the document takes @data. */
void        xb_document_add_chart      (XbDocument *doc, XbChartData *data, double height);

int         xb_document_n_pages        (XbDocument *doc);
/* Draws one page (from 0) at 1 unit = 1 point on an A4 page. */
void        xb_document_draw_page      (XbDocument *doc, cairo_t *cr, int page);
gboolean    xb_document_write_pdf      (XbDocument *doc, const char *path, GError **error);
/* The same PDF written through @write (for example to standard output). */
gboolean    xb_document_write_pdf_stream (XbDocument *doc, cairo_write_func_t write,
                                          void *closure, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbDocument, xb_document_free)

G_END_DECLS
