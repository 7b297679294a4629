/* Benchmark: a quarterly bulletin's PDF for 100 units, against a one-page document with only a masthead, in the same run. */
#include "config.h"

#include <glib/gstdio.h>

#include "xb-bulletin.h"
#include "xb-demo.h"
#include "xb-stats.h"

#define ROUNDS 10

static double
time_pdf (XbDocument *(*make) (gpointer), gpointer data, const char *path)
{
  gint64 start = g_get_monotonic_time ();

  for (int i = 0; i < ROUNDS; i++)
    {
      g_autoptr(XbDocument) doc = make (data);
      g_autoptr(GError) error = NULL;

      if (!xb_document_write_pdf (doc, path, &error))
        g_error ("%s", error->message);
    }
  return (g_get_monotonic_time () - start) / 1000.0 / ROUNDS;
}

static XbDocument *
empty_page (gpointer data)
{
  XbDocument *doc = xb_document_new ();

  xb_document_add_masthead (doc, "信息通报", "2026年第三季度", "陇南市人民政府办公室");
  return doc;
}

static XbDocument *
bulletin_page (gpointer data)
{
  return xb_bulletin_document (data);
}

/* Adds reporting units until there are @n, as in the dashboard's benchmark. */
static void
fill_units (XbStore *store, guint n)
{
  g_autoptr(GPtrArray) units = xb_store_list_units (store, NULL);
  guint have = 0;

  for (guint i = 0; i < units->len; i++)
    if (((XbUnit *) units->pdata[i])->kind != XB_UNIT_KIND_OFFICE)
      have++;
  for (guint i = have; i < n; i++)
    {
      XbUnit unit = { 0 };
      g_autofree char *name = g_strdup_printf ("基准测试单位%03u", i);

      unit.name = name;
      unit.kind = XB_UNIT_KIND_DEPARTMENT;
      unit.monthly_quota = -1;
      xb_store_put_unit (store, &unit, NULL);
    }
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("xb-bench-bulletin-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "out.pdf", NULL);
  g_autoptr(XbStore) store = xb_store_open (db, &error);
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(XbBulletin) bulletin = NULL;
  g_autoptr(XbDocument) doc = NULL;
  XbDemoOptions options;
  XbPeriod q3;
  double base, full;

  g_assert_no_error (error);
  xb_demo_options_init (&options);
  options.n_items = 20000;
  xb_demo_generate (store, &options, NULL, &error);
  g_assert_no_error (error);
  fill_units (store, 100);
  xb_period_quarter (&q3, 2026, 3);
  figures = xb_stats_unit_figures (store, &q3, G_MAXINT64 / 2, NULL, &error);
  g_assert_no_error (error);
  bulletin = xb_bulletin_new ("陇南市人民政府办公室", "2026年第三季度", 0, figures);
  doc = xb_bulletin_document (bulletin);

  base = time_pdf (empty_page, NULL, pdf);
  full = time_pdf (bulletin_page, bulletin, pdf);
  g_print ("units: %u, bulletin pages: %d\n", figures->len, xb_document_n_pages (doc));
  g_print ("masthead-only page PDF: %.2f ms\n", base);
  g_print ("bulletin PDF:           %.2f ms (layout and write, %d rounds)\n", full, ROUNDS);
  g_print ("ratio:                  %.1f\n", full / base);
  g_unlink (pdf);
  g_clear_object (&store);
  g_unlink (db);
  g_rmdir (dir);
  return 0;
}
