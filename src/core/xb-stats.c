/* Statistics: the counting rules of DESIGN.md turned into per-unit figures, quotas and ranks. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "xb-stats.h"

/* The office counts months in China Standard Time. */
static GDateTime *
office_time (int year, int month)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);

  return g_date_time_new (tz, year, month, 1, 0, 0, 0);
}

static void
period_of_months (XbPeriod *period, int year, int month, int n_months)
{
  g_autoptr(GDateTime) start = office_time (year, month);
  g_autoptr(GDateTime) end = g_date_time_add_months (start, n_months);

  period->from = g_date_time_to_unix (start);
  period->to = g_date_time_to_unix (end);
  period->months = n_months;
}

void
xb_period_month (XbPeriod *period, int year, int month)
{
  period_of_months (period, year, month, 1);
}

void
xb_period_quarter (XbPeriod *period, int year, int quarter)
{
  g_return_if_fail (quarter >= 1 && quarter <= 4);
  period_of_months (period, year, (quarter - 1) * 3 + 1, 3);
}

void
xb_period_year (XbPeriod *period, int year)
{
  period_of_months (period, year, 1, 12);
}

void
xb_period_custom (XbPeriod *period, gint64 from, gint64 to)
{
  period->from = from;
  period->to = MAX (from, to);
  period->months = (double) (period->to - from) / (86400.0 * 365.25 / 12.0);
}

char *
xb_period_quarter_label (int year, int quarter)
{
  const char *names[] = {
    C_("quarter", "first quarter"), C_("quarter", "second quarter"),
    C_("quarter", "third quarter"), C_("quarter", "fourth quarter"),
  };

  g_return_val_if_fail (quarter >= 1 && quarter <= 4, NULL);
  /* Translators: a year and one of the quarter names */
  return g_strdup_printf (_("%d, %s"), year, names[quarter - 1]);
}

char *
xb_period_year_label (int year)
{
  /* Translators: the year an assessment covers */
  return g_strdup_printf (_("Year %d"), year);
}

gboolean
xb_period_parse_quarter (const char *text, XbPeriod *period)
{
  int year, quarter;
  char tail;

  if (text == NULL || sscanf (text, "%4dQ%1d%c", &year, &quarter, &tail) != 2
      || strlen (text) != 6 || year < 1970 || year > 9999 || quarter < 1 || quarter > 4)
    return FALSE;
  xb_period_quarter (period, year, quarter);
  return TRUE;
}

void
xb_unit_figures_free (XbUnitFigures *figures)
{
  if (figures == NULL)
    return;
  g_free (figures->unit_name);
  g_free (figures);
}

static gboolean
wanted (const XbUnit *unit, GArray *unit_ids)
{
  if (unit_ids == NULL)
    return unit->kind != XB_UNIT_KIND_OFFICE && !unit->retired;
  for (guint i = 0; i < unit_ids->len; i++)
    if (g_array_index (unit_ids, gint64, i) == unit->id)
      return TRUE;
  return FALSE;
}

static XbUnitFigures *
figures_for (const XbUnit *unit, const XbPolicy *policy, const XbPeriod *period, GArray *counts)
{
  XbUnitFigures *f = g_new0 (XbUnitFigures, 1);
  int monthly = unit->monthly_quota >= 0 ? unit->monthly_quota : policy->quota[unit->kind];

  f->unit_id = unit->id;
  f->unit_name = g_strdup (unit->name);
  f->kind = unit->kind;
  for (guint i = 0; i < counts->len; i++)
    if (g_array_index (counts, XbUnitCounts, i).unit_id == unit->id)
      {
        f->submitted = g_array_index (counts, XbUnitCounts, i).submitted;
        f->adopted = g_array_index (counts, XbUnitCounts, i).adopted;
      }
  f->adoption_rate = f->submitted > 0 ? (double) f->adopted / f->submitted : 0.0;
  f->quota = (int) lround (monthly * period->months);
  f->quota_met = f->submitted >= (guint) f->quota;
  return f;
}

/* Kind, then adopted and submitted descending, then name. */
static int
compare_rank (gconstpointer a, gconstpointer b)
{
  const XbUnitFigures *x = *(XbUnitFigures **) a, *y = *(XbUnitFigures **) b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->adopted != y->adopted)
    return x->adopted > y->adopted ? -1 : 1;
  if (x->submitted != y->submitted)
    return x->submitted > y->submitted ? -1 : 1;
  return strcmp (x->unit_name, y->unit_name);
}

static void
assign_ranks (GPtrArray *figures)
{
  g_ptr_array_sort (figures, compare_rank);
  for (guint i = 0, rank = 0; i < figures->len; i++)
    {
      XbUnitFigures *f = figures->pdata[i];
      rank = (i > 0 && ((XbUnitFigures *) figures->pdata[i - 1])->kind == f->kind) ? rank + 1 : 1;
      f->rank = rank;
    }
}

GPtrArray *
xb_stats_unit_figures (XbStore        *store,
                       const XbPeriod *period,
                       gint64          taken_at,
                       GArray         *unit_ids,
                       GError        **error)
{
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GArray) counts = NULL;
  GPtrArray *figures;
  XbPolicy policy;

  if ((units = xb_store_list_units (store, error)) == NULL
      || !xb_store_get_policy (store, &policy, error)
      || (counts = xb_store_count_by_unit (store, period->from, period->to, taken_at, error)) == NULL)
    return NULL;
  figures = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_unit_figures_free);
  for (guint i = 0; i < units->len; i++)
    if (wanted (units->pdata[i], unit_ids))
      g_ptr_array_add (figures, figures_for (units->pdata[i], &policy, period, counts));
  assign_ranks (figures);
  return figures;
}

/* ---- the assessment ------------------------------------------------------------ */

void
xb_unit_score_free (XbUnitScore *score)
{
  if (score == NULL)
    return;
  g_free (score->unit_name);
  g_free (score);
}

typedef struct {
  GHashTable     *scores;  /* unit id → XbUnitScore* (borrowed from the result) */
  const XbPolicy *policy;
  GHashTable     *merges;  /* comprehensive uuid → GArray of source unit ids */
} Assessment;

static void
credit (Assessment *a, gint64 unit_id, const XbScoreEvent *e, double points)
{
  XbUnitScore *s = g_hash_table_lookup (a->scores, &unit_id);

  if (s == NULL)
    return; /* the office itself, or a unit not assessed */
  s->points += points;
  if (e->score >= XB_SCORE_INSTRUCTION_CITY && e->score <= XB_SCORE_INSTRUCTION_NATIONAL)
    s->instructions++;
  else if (e->score != XB_SCORE_FORWARDED)
    s->adoptions++;
}

/* A comprehensive item's points go to its sources' units in equal shares;
 * a unit with two sources gets two shares. */
static void
score_event (Assessment *a, const XbScoreEvent *e)
{
  double points = a->policy->score[e->score];
  GArray *sources = g_hash_table_lookup (a->merges, e->item_uuid);
  g_autoptr(GHashTable) credited = NULL;

  if (sources == NULL || sources->len == 0)
    {
      credit (a, e->unit_id, e, points);
      return;
    }
  credited = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < sources->len; i++)
    {
      gint64 *unit = &g_array_index (sources, gint64, i);
      XbUnitScore *s = g_hash_table_lookup (a->scores, unit);
      if (s == NULL)
        continue;
      /* Points are shared; the count of outcomes is one per unit. */
      if (g_hash_table_add (credited, unit))
        credit (a, *unit, e, 0);
      s->points += points / sources->len;
    }
}

static void
apply_missed (Assessment *a, GHashTable *missed)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, missed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      XbUnitScore *s = g_hash_table_lookup (a->scores, key);
      if (s == NULL)
        continue;
      s->missed_requests = GPOINTER_TO_UINT (value);
      s->points += (double) s->missed_requests * a->policy->score[XB_SCORE_MISSED_REQUEST];
    }
}

static void
roll_up (GPtrArray *scores, GPtrArray *units, Assessment *a)
{
  for (guint i = 0; i < units->len; i++)
    {
      const XbUnit *u = units->pdata[i];
      XbUnitScore *point = g_hash_table_lookup (a->scores, &u->id);
      XbUnitScore *parent = g_hash_table_lookup (a->scores, &u->parent_id);
      if (a->policy->direct_points_roll_up && u->kind == XB_UNIT_KIND_DIRECT_POINT
          && point != NULL && parent != NULL)
        parent->rolled_up += point->points;
    }
  for (guint i = 0; i < scores->len; i++)
    {
      XbUnitScore *s = scores->pdata[i];
      s->total = s->points + s->rolled_up;
    }
}

static int
compare_score (gconstpointer a, gconstpointer b)
{
  const XbUnitScore *x = *(XbUnitScore **) a, *y = *(XbUnitScore **) b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (fabs (x->total - y->total) > 1e-9)
    return x->total > y->total ? -1 : 1;
  return strcmp (x->unit_name, y->unit_name);
}

static GPtrArray *
new_scores (GPtrArray *units, GHashTable *by_unit)
{
  GPtrArray *scores = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_unit_score_free);

  for (guint i = 0; i < units->len; i++)
    {
      const XbUnit *u = units->pdata[i];
      XbUnitScore *s;
      if (!wanted (u, NULL))
        continue;
      s = g_new0 (XbUnitScore, 1);
      s->unit_id = u->id;
      s->unit_name = g_strdup (u->name);
      s->kind = u->kind;
      g_ptr_array_add (scores, s);
      g_hash_table_insert (by_unit, &s->unit_id, s);
    }
  return scores;
}

GPtrArray *
xb_stats_assessment (XbStore *store, const XbPeriod *period, gint64 taken_at, GError **error)
{
  g_autoptr(GPtrArray) units = NULL, events = NULL;
  g_autoptr(GHashTable) merges = NULL, missed = NULL;
  g_autoptr(GHashTable) by_unit = g_hash_table_new (g_int64_hash, g_int64_equal);
  XbPolicy policy;
  Assessment a;
  GPtrArray *scores;

  if ((units = xb_store_list_units (store, error)) == NULL
      || !xb_store_get_policy (store, &policy, error)
      || (events = xb_store_score_events (store, period->from, period->to, taken_at, error)) == NULL
      || (merges = xb_store_merge_sources (store, error)) == NULL
      || (missed = xb_store_missed_requests (store, period->from, period->to, taken_at, error)) == NULL)
    return NULL;
  scores = new_scores (units, by_unit);
  a = (Assessment) { by_unit, &policy, merges };
  for (guint i = 0; i < events->len; i++)
    score_event (&a, events->pdata[i]);
  apply_missed (&a, missed);
  roll_up (scores, units, &a);
  g_ptr_array_sort (scores, compare_score);
  for (guint i = 0, rank = 0; i < scores->len; i++)
    {
      XbUnitScore *s = scores->pdata[i];
      rank = (i > 0 && ((XbUnitScore *) scores->pdata[i - 1])->kind == s->kind) ? rank + 1 : 1;
      s->rank = rank;
    }
  return scores;
}
