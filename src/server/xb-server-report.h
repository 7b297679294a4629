/* Reports for automation: the quarter's bulletin and the year's assessment as CSV or PDF on standard output. */
#pragma once

#include "xb-store.h"

G_BEGIN_DECLS

/* @report is "bulletin" (with @period "2026Q3") or "assessment" (with @period
 * "2026"); @format is "csv" or "pdf".  Writes to standard output. */
gboolean xb_server_report_write (XbStore    *store,
                                 const char *report,
                                 const char *period,
                                 const char *format,
                                 GError    **error);

G_END_DECLS
