/* The year-end assessment: units ranked by score with the breakdown, the award lists, print and PDF/CSV export. */
#pragma once

#include <gtk/gtk.h>

#include "xb-document-view.h"
#include "xb-store.h"
#include "xb-sync-engine.h"

G_BEGIN_DECLS

#define XB_TYPE_ASSESSMENT_PAGE (xb_assessment_page_get_type ())
G_DECLARE_FINAL_TYPE (XbAssessmentPage, xb_assessment_page, XB, ASSESSMENT_PAGE, GtkWidget)

GtkWidget *xb_assessment_page_new        (void);
void       xb_assessment_page_set_store  (XbAssessmentPage *self,
                                          XbStore          *store);
/* NULL offline; the assessment is computed again after a sync. */
void       xb_assessment_page_set_engine (XbAssessmentPage *self,
                                          XbSyncEngine     *engine);
/* Computes the assessment of @year from the store and shows it. */
gboolean   xb_assessment_page_set_year   (XbAssessmentPage *self,
                                          int               year,
                                          GError          **error);
/* The ranking on show (XbUnitScore*, by kind then rank); owned by the page. */
GPtrArray *xb_assessment_page_get_scores (XbAssessmentPage *self);
gboolean   xb_assessment_page_export_csv (XbAssessmentPage *self,
                                          const char       *path,
                                          GError          **error);
XbDocumentView *xb_assessment_page_get_view (XbAssessmentPage *self);

G_END_DECLS
