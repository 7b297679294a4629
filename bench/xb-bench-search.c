/* Benchmark: search as you type over a big store — the list's first page and its count through the store, against a plain FTS5 query in the same run. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "xb-store.h"

#define RUNS 15

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
summarize (double *ms, int n, double *median, double *p95)
{
  qsort (ms, n, sizeof *ms, compare_double);
  *median = ms[n / 2];
  *p95 = ms[(int) (n * 0.95 < n - 1 ? n * 0.95 : n - 1)];
}

/* The first page as the list asks for it: newest first, 200 rows. */
static double
first_page (XbStore *store, const char *term, guint *rows)
{
  XbItemQuery query;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GPtrArray) page = NULL;

  xb_item_query_init (&query);
  query.search = term;
  page = xb_store_list_items (store, &query, 0, 200, NULL);
  *rows = page ? page->len : 0;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
count (XbStore *store, const char *term, guint *n)
{
  XbItemQuery query;
  gint64 start = g_get_monotonic_time ();

  xb_item_query_init (&query);
  query.search = term;
  *n = xb_store_count_items (store, &query, NULL);
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The baseline: the same phrase straight to FTS5, 200 rowids, no ordering. */
static double
plain_fts (sqlite3 *db, const char *term)
{
  g_autofree char *phrase = g_strdup_printf ("\"%s\"", term);
  sqlite3_stmt *stmt;
  gint64 start = g_get_monotonic_time ();

  sqlite3_prepare_v2 (db, "SELECT rowid FROM items_fts WHERE items_fts MATCH ?1 LIMIT 200;", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, phrase, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ;
  sqlite3_finalize (stmt);
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int argc, char **argv)
{
  const char *terms[] = { "花椒", "油橄榄", "乡村旅游", "全力做好", "GDP" };
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = NULL;
  sqlite3 *db;
  XbItemQuery all;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s STORE.db\n", argv[0]);
      return 2;
    }
  store = xb_store_open (argv[1], &error);
  if (store == NULL)
    g_error ("%s", error->message);
  sqlite3_open_v2 (argv[1], &db, SQLITE_OPEN_READONLY, NULL);
  xb_item_query_init (&all);
  printf ("items: %u\n", xb_store_count_items (store, &all, NULL));
  printf ("%-10s %6s %8s | %-22s | %-22s | %-14s | %s\n", "term", "chars", "matches",
          "first page med/p95 ms", "count med/p95 ms", "plain FTS ms", "first page / plain");
  for (guint t = 0; t < G_N_ELEMENTS (terms); t++)
    {
      double page_ms[RUNS], count_ms[RUNS], plain_ms[RUNS], pm, pp, cm, cp, fm, fp;
      guint rows = 0, n = 0;

      for (int r = 0; r < RUNS; r++)
        {
          page_ms[r] = first_page (store, terms[t], &rows);
          count_ms[r] = count (store, terms[t], &n);
          plain_ms[r] = plain_fts (db, terms[t]);
        }
      summarize (page_ms, RUNS, &pm, &pp);
      summarize (count_ms, RUNS, &cm, &cp);
      summarize (plain_ms, RUNS, &fm, &fp);
      printf ("%-10s %6ld %8u | %9.2f / %9.2f | %9.2f / %9.2f | %12.2f | %.2f%s\n", terms[t],
              g_utf8_strlen (terms[t], -1), n, pm, pp, cm, cp, fm, fm > 0 ? pm / fm : 0,
              g_utf8_strlen (terms[t], -1) < 3 ? " (2 characters: a scan, no index)" : "");
    }
  sqlite3_close (db);
  return 0;
}
