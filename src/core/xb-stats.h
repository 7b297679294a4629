/* Statistics by the counting rules of DESIGN.md: per unit and period, submitted, adopted, rate, quota, rank. */
#pragma once

#include "xb-store.h"

G_BEGIN_DECLS

/* A period [from, to) in unix seconds, and how many months its quota covers. */
typedef struct {
  gint64 from;
  gint64 to;
  double months;
} XbPeriod;

/* Calendar periods in the office's time zone (China Standard Time, UTC+8,
 * where the notice's months begin). */
void     xb_period_month   (XbPeriod *period, int year, int month);
void     xb_period_quarter (XbPeriod *period, int year, int quarter);
void     xb_period_year    (XbPeriod *period, int year);
/* Any range; its quota covers days / (365.25 / 12) months. */
void     xb_period_custom  (XbPeriod *period, gint64 from, gint64 to);
/* Names for documents: "2026, third quarter" (2026年第三季度), "2026" (2026年度). */
char    *xb_period_quarter_label (int year, int quarter);
char    *xb_period_year_label    (int year);

/* "2026Q3" → the third quarter of 2026. */
gboolean xb_period_parse_quarter (const char *text, XbPeriod *period);

typedef struct {
  gint64     unit_id;
  char      *unit_name;
  XbUnitKind kind;
  guint      submitted;
  guint      adopted;
  double     adoption_rate;  /* adopted / submitted, 0 when nothing was submitted */
  int        quota;          /* monthly quota × months, rounded */
  gboolean   quota_met;      /* submitted ≥ quota */
  guint      rank;           /* within its kind, from 1 */
} XbUnitFigures;

void       xb_unit_figures_free (XbUnitFigures *figures);

/* Figures for every reporting unit (not retired, not the office), or only
 * @unit_ids when given, as the data stood at @taken_at (adoptions after it
 * do not count).  Sorted by kind, then rank. */
GPtrArray *xb_stats_unit_figures (XbStore        *store,
                                  const XbPeriod *period,
                                  gint64          taken_at,
                                  GArray         *unit_ids,
                                  GError        **error);

/* The year-end assessment of one unit by the policy's scoring table. */
typedef struct {
  gint64     unit_id;
  char      *unit_name;
  XbUnitKind kind;
  double     points;          /* its own items, its shares of merged items, penalties */
  double     rolled_up;       /* from its direct-reporting points, when the policy says so */
  double     total;
  guint      adoptions;       /* adoptions credited, shares included */
  guint      instructions;    /* leader instructions credited */
  guint      missed_requests; /* commissioned items not delivered by their deadline */
  guint      rank;            /* within its kind by total, from 1 */
} XbUnitScore;

void       xb_unit_score_free (XbUnitScore *score);

/* Scores of every reporting unit for outcomes dated in @period and no later
 * than @taken_at.  A comprehensive item's points are shared equally among its
 * merged sources' units.  Sorted by kind, then rank. */
GPtrArray *xb_stats_assessment (XbStore        *store,
                                const XbPeriod *period,
                                gint64          taken_at,
                                GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbUnitFigures, xb_unit_figures_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbUnitScore, xb_unit_score_free)

G_END_DECLS
