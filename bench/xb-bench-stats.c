/* Benchmark: a quarter's per-unit figures through the statistics module vs the same aggregation in plain SQL. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "xb-stats.h"

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values, int n)
{
  qsort (values, n, sizeof *values, compare_double);
  return values[n / 2];
}

/* The baseline: one GROUP BY over the items table, no module around it. */
static double
plain_sql (sqlite3 *db, const XbPeriod *period, gint64 taken_at, guint *rows)
{
  sqlite3_stmt *stmt;
  gint64 start = g_get_monotonic_time ();

  sqlite3_prepare_v2 (db,
    "SELECT unit_id, count(*), sum(CASE WHEN adopted_at <= ?3 THEN 1 WHEN merged_into IS NOT NULL"
    " AND (SELECT m.adopted_at FROM items m WHERE m.uuid = items.merged_into) <= ?3 THEN 1 ELSE 0 END)"
    " FROM items WHERE submitted_at >= ?1 AND submitted_at < ?2 GROUP BY unit_id;", -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, period->from);
  sqlite3_bind_int64 (stmt, 2, period->to);
  sqlite3_bind_int64 (stmt, 3, taken_at);
  *rows = 0;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    (*rows)++;
  sqlite3_finalize (stmt);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
module (XbStore *store, const XbPeriod *period, gint64 taken_at, guint *rows)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) figures = xb_stats_unit_figures (store, period, taken_at, NULL, &error);

  if (figures == NULL)
    g_error ("%s", error->message);
  *rows = figures->len;
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = NULL;
  XbPeriod quarter;
  sqlite3 *db;
  enum { RUNS = 15 };
  double ours[RUNS], plain[RUNS];
  guint n_ours = 0, n_plain = 0;
  gint64 taken_at = g_get_real_time () / G_USEC_PER_SEC;

  if (argc != 3 || !xb_period_parse_quarter (argv[2], &quarter))
    {
      g_printerr ("usage: %s STORE.db 2026Q3\n", argv[0]);
      return 2;
    }
  if ((store = xb_store_open (argv[1], &error)) == NULL)
    g_error ("%s", error->message);
  sqlite3_open_v2 (argv[1], &db, SQLITE_OPEN_READONLY, NULL);
  for (int i = 0; i < RUNS; i++)
    {
      plain[i] = plain_sql (db, &quarter, taken_at, &n_plain);
      ours[i] = module (store, &quarter, taken_at, &n_ours);
    }
  sqlite3_close (db);
  printf ("quarter %s: module %.2f ms (%u units), plain SQL %.2f ms (%u units with items), ratio %.2f\n",
          argv[2], median (ours, RUNS), n_ours, median (plain, RUNS), n_plain,
          median (ours, RUNS) / median (plain, RUNS));
  return 0;
}
