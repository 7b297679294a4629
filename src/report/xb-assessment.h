/* The year-end assessment (年终考核) as a document: scores by kind and the award lists. */
#pragma once

#include "xb-document.h"
#include "xb-stats.h"

G_BEGIN_DECLS

/* Builds the assessment of @period from @store as the data stood at
 * @taken_at; NULL and @error when the store fails. */
XbDocument *xb_assessment_document (XbStore        *store,
                                    const XbPeriod *period,
                                    const char     *office,
                                    const char     *period_label,
                                    gint64          taken_at,
                                    GError        **error);

G_END_DECLS
