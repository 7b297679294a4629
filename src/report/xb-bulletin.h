/* The quarterly bulletin (季度通报) as an official-looking document: paged for print and PDF. */
#pragma once

#include <cairo.h>

#include "xb-document.h"
#include "xb-stats.h"

G_BEGIN_DECLS

typedef struct {
  char      *office;        /* the issuing office, 陇南市人民政府办公室 */
  char      *period_label;  /* 2026年第三季度 */
  gint64     taken_at;      /* when the figures were taken (frozen) */
  GPtrArray *figures;       /* XbUnitFigures*, as xb_stats_unit_figures gives them */
} XbBulletin;

XbBulletin *xb_bulletin_new        (const char *office, const char *period_label,
                                    gint64 taken_at, GPtrArray *figures);
void        xb_bulletin_free       (XbBulletin *bulletin);

/* The bulletin as a document (for printing, PDF files and streams). */
XbDocument *xb_bulletin_document (const XbBulletin *bulletin);

/* The same drawing serves print (GtkPrintOperation's cairo context) and PDF. */
int         xb_bulletin_n_pages    (const XbBulletin *bulletin);
void        xb_bulletin_draw_page  (const XbBulletin *bulletin, cairo_t *cr, int page);
gboolean    xb_bulletin_write_pdf  (const XbBulletin *bulletin, const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbBulletin, xb_bulletin_free)

G_END_DECLS
