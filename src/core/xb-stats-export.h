/* The statistics as CSV: the bulletin's and the assessment's tables, identical wherever they are written. */
#pragma once

#include "xb-stats.h"

G_BEGIN_DECLS

/* Header: unit_id,unit_name,unit_kind,submitted,adopted,adoption_rate,quota,quota_met,rank_in_kind
 * with the rate to three decimals and quota_met as true/false. */
char *xb_figures_to_csv    (GPtrArray *figures);
/* Reads back what xb_figures_to_csv wrote (a published bulletin's figures). */
GPtrArray *xb_figures_from_csv (const char *csv, GError **error);

/* Header: unit_id,unit_name,unit_kind,points,rolled_up,total,adoptions,instructions,missed_requests,rank_in_kind */
char *xb_assessment_to_csv (GPtrArray *scores);

G_END_DECLS
