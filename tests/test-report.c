/* Report tests: the quarterly bulletin PDF of the demo city, its text agreeing with the figures. */
#include "config.h"

#include <cairo.h>
#include <string.h>

#include "xb-assessment.h"
#include "xb-bulletin.h"
#include "xb-issue-document.h"
#include "xb-demo.h"
#include "xb-stats-export.h"

static char *tmpdir;
static XbStore *store;

static char *
out_path (const char *name)
{
  return g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".", name, NULL);
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  char *text = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &text, NULL, &status, NULL) || status != 0)
    return NULL;
  return text;
}

/* The line of the PDF's table that names @unit holds its figures in order. */
static void
assert_row (const char *text, const XbUnitFigures *f)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *want = g_strdup_printf ("%u %s %u %u %.1f%% %d", f->rank, f->unit_name,
                                           f->submitted, f->adopted, 100 * f->adoption_rate, f->quota);

  for (int i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GString) squeezed = g_string_new (NULL);
      g_auto(GStrv) words = g_strsplit_set (lines[i], " ", -1);
      for (int w = 0; words[w] != NULL; w++)
        if (*words[w])
          g_string_append_printf (squeezed, "%s%s", squeezed->len ? " " : "", words[w]);
      if (g_str_has_prefix (squeezed->str, want))
        return;
    }
  g_error ("no table row “%s” in the bulletin", want);
}

static void
test_bulletin_pdf (void)
{
  XbPeriod q3;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(XbBulletin) bulletin = NULL;
  g_autofree char *path = out_path ("bulletin-2026Q3.pdf");
  g_autofree char *png = out_path ("bulletin-2026Q3-page1.png");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  int pages;

  xb_period_quarter (&q3, 2026, 3);
  figures = xb_stats_unit_figures (store, &q3, 1790000000, NULL, &error);
  g_assert_no_error (error);
  bulletin = xb_bulletin_new ("陇南市人民政府办公室", "2026年第三季度", 1790000000, figures);
  pages = xb_bulletin_n_pages (bulletin);
  g_assert_cmpint (pages, >=, 2);
  g_assert_true (xb_bulletin_write_pdf (bulletin, path, &error));
  g_assert_no_error (error);

  /* Page one as an image, to look at. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, XB_PAGE_WIDTH * 1.5, XB_PAGE_HEIGHT * 1.5);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 1.5, 1.5);
  xb_bulletin_draw_page (bulletin, cr, 0);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  if ((text = pdf_text (path)) == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "2026年第三季度"));
  for (guint i = 0; i < figures->len; i++)
    assert_row (text, figures->pdata[i]);
  /* Every page has its number (pdftotext may drop the thin spaces). */
  {
    g_autoptr(GString) squeezed = g_string_new (NULL);
    for (const char *p = text; *p; p++)
      if (*p != ' ')
        g_string_append_c (squeezed, *p);
    for (int p = 1; p <= pages; p++)
      {
        g_autofree char *folio = g_strdup_printf ("—%d—", p);
        g_assert_nonnull (strstr (squeezed->str, folio));
      }
  }
}

static void
test_assessment_pdf (void)
{
  XbPeriod year;
  g_autoptr(GError) error = NULL;
  g_autoptr(XbDocument) doc = NULL;
  g_autoptr(GPtrArray) scores = NULL;
  g_autofree char *path = out_path ("assessment-2026.pdf");
  g_autofree char *text = NULL;

  xb_period_year (&year, 2026);
  doc = xb_assessment_document (store, &year, "陇南市人民政府办公室", "2026年度", 1800000000, &error);
  g_assert_no_error (error);
  g_assert_true (xb_document_write_pdf (doc, path, &error));
  scores = xb_stats_assessment (store, &year, 1800000000, &error);
  if ((text = pdf_text (path)) == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "2026年度"));
  /* Each unit's total, in its row after its name. */
  for (guint i = 0; i < scores->len; i++)
    {
      const XbUnitScore *s = scores->pdata[i];
      g_autofree char *total = g_strdup_printf ("%.1f", s->total);
      const char *row = strstr (text, s->unit_name);
      const char *eol;
      g_assert_nonnull (row);
      eol = strchr (row, '\n');
      g_assert_nonnull (g_strstr_len (row, eol - row, total));
    }
}

/* The newest published issue of 《政务信息》: every item's title and source. */
static void
test_issue_pdf (void)
{
  g_autoptr(GPtrArray) pubs = xb_store_list_publications (store, NULL);
  g_autoptr(GArray) issues = NULL;
  g_autoptr(XbDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) unit_names = xb_store_unit_names (store, NULL);
  g_autofree char *path = out_path ("issue.pdf");
  g_autofree char *text = NULL;
  g_auto(GStrv) items = NULL;
  const XbIssue *issue = NULL;

  issues = xb_store_list_issues (store, ((XbPublication *) pubs->pdata[0])->id, NULL);
  for (guint i = 0; i < issues->len && issue == NULL; i++)
    if (g_array_index (issues, XbIssue, i).published)
      issue = &g_array_index (issues, XbIssue, i);
  g_assert_nonnull (issue);
  doc = xb_issue_document (store, issue->id, "陇南市人民政府办公室", &error);
  g_assert_no_error (error);
  g_assert_true (xb_document_write_pdf (doc, path, &error));
  items = xb_store_issue_items (store, issue->id, NULL);
  if ((text = pdf_text (path)) == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "政务信息"));
  for (int i = 0; items[i] != NULL; i++)
    {
      g_autoptr(XbItem) item = xb_store_get_item (store, items[i], NULL);
      const char *at = strstr (text, item->title);
      g_assert_nonnull (at);
      if (item->unit_id != 0 && g_hash_table_lookup (unit_names, &item->unit_id) != NULL
          && !g_str_has_prefix (item->title, "全市"))
        g_assert_nonnull (strstr (at, g_hash_table_lookup (unit_names, &item->unit_id)));
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *path = NULL;
  XbDemoOptions options;
  int rc;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("xb-report-XXXXXX", NULL);
  path = g_build_filename (tmpdir, "demo.db", NULL);
  store = xb_store_open (path, NULL);
  xb_demo_options_init (&options);
  options.n_items = 3000;
  g_assert_true (xb_demo_generate (store, &options, NULL, NULL));
  g_test_add_func ("/report/bulletin-pdf", test_bulletin_pdf);
  g_test_add_func ("/report/assessment-pdf", test_assessment_pdf);
  g_test_add_func ("/report/issue-pdf", test_issue_pdf);
  rc = g_test_run ();
  g_clear_object (&store);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);
    if (system (cmd) != 0)
      rc = 1;
  }
  g_free (tmpdir);
  return rc;
}
