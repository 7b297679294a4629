/* The bulletins page against the real server: generate, freeze, publish; a unit receives the same frozen bulletin; late events leave it alone. */
#include "config.h"

#include <glib/gi18n.h>

#include "test-sync-common.h"
#include "xb-assessment-page.h"
#include "xb-bulletins-page.h"
#include "xb-demo.h"
#include "xb-stats-export.h"
#include "xb-stats.h"
#include "xb-test-ui.h"

#define QUARTER "2026Q3"

typedef struct {
  gboolean done;
  char    *message;
} Published;

static void
on_published (XbBulletinsPage *page,
              const char      *message,
              Published       *p)
{
  p->done = TRUE;
  p->message = g_strdup (message);
}

static gboolean
is_done (gpointer data)
{
  return ((Published *) data)->done;
}

static char *
pdf_text (const char *path)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", path, "-", NULL };
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
test_bulletin_publish (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 1500 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) editor = test_client_new (server, "editor");
  g_autoptr(TestClient) unit = test_client_new (server, "officer001");
  g_autoptr(GError) error = NULL;
  g_autoptr(XbBulletinRecord) sent = NULL, received = NULL, after = NULL;
  g_autoptr(GPtrArray) frozen_figures = NULL, live = NULL;
  g_autofree char *csv_path = g_test_build_filename (G_TEST_BUILT, "bulletin-" QUARTER ".csv", NULL);
  g_autofree char *pdf_path = g_test_build_filename (G_TEST_BUILT, "bulletin-" QUARTER ".pdf", NULL);
  g_autofree char *csv = NULL, *text = NULL, *draft_csv = NULL, *live_csv = NULL;
  Published p = { 0 };
  GtkWidget *office_page, *unit_page, *window, *unit_window;
  XbPeriod quarter;

  sync_now (editor);
  sync_now (unit);
  g_assert_true (xb_period_parse_quarter (QUARTER, &quarter));

  /* The office generates the draft from its own store and reviews it. */
  office_page = xb_bulletins_page_new ();
  xb_bulletins_page_set_store (XB_BULLETINS_PAGE (office_page), editor->store);
  xb_bulletins_page_set_engine (XB_BULLETINS_PAGE (office_page), editor->engine);
  xb_bulletins_page_set_client (XB_BULLETINS_PAGE (office_page), editor->client);
  window = xb_test_ui_show (office_page, 1200, 800);
  g_assert_false (xb_bulletins_page_generate (XB_BULLETINS_PAGE (office_page), "2026Q5", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (xb_bulletins_page_generate (XB_BULLETINS_PAGE (office_page), QUARTER, &error));
  g_assert_no_error (error);
  g_assert_cmpint (xb_document_view_get_n_pages (xb_bulletins_page_get_view (XB_BULLETINS_PAGE (office_page))), >, 0);
  draft_csv = xb_bulletins_page_dup_csv (XB_BULLETINS_PAGE (office_page));
  xb_test_ui_wait_for_paint (office_page);
  g_free (xb_test_ui_save_png (office_page, "bulletins-draft.png"));

  /* Freeze and publish on the server. */
  g_signal_connect (office_page, "published", G_CALLBACK (on_published), &p);
  xb_bulletins_page_publish (XB_BULLETINS_PAGE (office_page));
  xb_test_ui_wait_until (is_done, &p, "the bulletin to be published");
  g_assert_null (p.message);
  sent = xb_store_get_bulletin (editor->store, QUARTER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (xb_bulletins_page_get_n_bulletins (XB_BULLETINS_PAGE (office_page)), ==, 1);
  /* The server took the figures from the same data the draft showed. */
  g_assert_cmpstr (sent->csv, ==, draft_csv);

  /* Publishing again is refused: a bulletin never changes. */
  p.done = FALSE;
  xb_bulletins_page_generate (XB_BULLETINS_PAGE (office_page), QUARTER, NULL);
  xb_bulletins_page_publish (XB_BULLETINS_PAGE (office_page));
  xb_test_ui_wait_until (is_done, &p, "the bulletin to be published");
  g_assert_nonnull (p.message);
  g_clear_pointer (&p.message, g_free);

  /* The unit receives the same bulletin through sync. */
  sync_now (unit);
  received = xb_store_get_bulletin (unit->store, QUARTER, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (received->csv, ==, sent->csv);
  g_assert_cmpint (received->taken_at, ==, sent->taken_at);
  unit_page = xb_bulletins_page_new ();
  xb_bulletins_page_set_editable (XB_BULLETINS_PAGE (unit_page), FALSE);
  xb_bulletins_page_set_store (XB_BULLETINS_PAGE (unit_page), unit->store);
  unit_window = xb_test_ui_show (unit_page, 1200, 800);
  g_assert_cmpuint (xb_bulletins_page_get_n_bulletins (XB_BULLETINS_PAGE (unit_page)), ==, 1);
  g_assert_true (xb_bulletins_page_open (XB_BULLETINS_PAGE (unit_page), QUARTER, &error));
  g_assert_no_error (error);
  csv = xb_bulletins_page_dup_csv (XB_BULLETINS_PAGE (unit_page));
  g_assert_cmpstr (csv, ==, sent->csv);
  xb_test_ui_wait_for_paint (unit_page);
  g_free (xb_test_ui_save_png (unit_page, "bulletins-unit.png"));

  /* Exports: the CSV is the frozen figures, which agree with the statistics
   * module at the moment they were taken; the PDF names the units. */
  g_assert_true (xb_bulletins_page_export_csv (XB_BULLETINS_PAGE (unit_page), csv_path, &error));
  g_assert_no_error (error);
  g_free (csv);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  g_assert_cmpstr (csv, ==, sent->csv);
  {
    g_autoptr(GPtrArray) stats = xb_stats_unit_figures (editor->store, &quarter, sent->taken_at, NULL, &error);
    g_autofree char *stats_csv = NULL;

    g_assert_no_error (error);
    stats_csv = xb_figures_to_csv (stats);
    g_assert_cmpstr (stats_csv, ==, csv);
  }
  g_assert_true (xb_document_view_export_pdf (xb_bulletins_page_get_view (XB_BULLETINS_PAGE (unit_page)),
                                              pdf_path, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf_path);
  frozen_figures = xb_figures_from_csv (csv, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (frozen_figures->len, >, 0);
  g_assert_nonnull (strstr (text, ((XbUnitFigures *) frozen_figures->pdata[0])->unit_name));

  /* A late event: an item submitted within the quarter arrives now.  The
   * live figures change; the frozen bulletin does not. */
  {
    XbItemQuery query;
    g_autoptr(GPtrArray) items = NULL;
    g_autoptr(XbItem) late = NULL;

    xb_item_query_init (&query);
    query.from = quarter.from;
    query.to = quarter.to;
    items = xb_store_list_items (unit->store, &query, 0, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (items->len, ==, 1);
    late = xb_item_copy (items->pdata[0]);
    g_free (late->uuid);
    late->uuid = g_uuid_string_random ();
    g_ptr_array_set_size (late->events, 0);
    g_array_set_size (late->adoptions, 0);
    g_ptr_array_set_size (late->instructions, 0);
    xb_store_put_item (unit->store, late, &error);
    g_assert_no_error (error);
  }
  live = xb_stats_unit_figures (unit->store, &quarter, g_get_real_time () / G_USEC_PER_SEC, NULL, &error);
  g_assert_no_error (error);
  live_csv = xb_figures_to_csv (live);
  g_assert_cmpstr (live_csv, !=, sent->csv);
  sync_now (unit);
  after = xb_store_get_bulletin (unit->store, QUARTER, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->csv, ==, sent->csv);
  xb_bulletins_page_reload (XB_BULLETINS_PAGE (unit_page));
  g_assert_true (xb_bulletins_page_open (XB_BULLETINS_PAGE (unit_page), QUARTER, &error));
  g_free (csv);
  csv = xb_bulletins_page_dup_csv (XB_BULLETINS_PAGE (unit_page));
  g_assert_cmpstr (csv, ==, sent->csv);

  gtk_window_destroy (GTK_WINDOW (unit_window));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The year-end assessment page agrees with the statistics module; its CSV
 * and PDF carry the same ranking. */
static void
run_assessment (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("xb-assessment-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "xinbao.db", NULL);
  const char *lang = g_getenv ("LANGUAGE") ? "zh_CN" : "en";
  g_autofree char *png = g_strdup_printf ("assessment-page-%s.png", lang);
  g_autofree char *draft_png = g_strdup_printf ("bulletins-draft-local-%s.png", lang);
  g_autofree char *csv_path = g_test_build_filename (G_TEST_BUILT, "assessment-2026.csv", NULL);
  g_autofree char *pdf_path = g_test_build_filename (G_TEST_BUILT, "assessment-2026.pdf", NULL);
  g_autofree char *csv = NULL, *expected_csv = NULL, *text = NULL;
  g_autoptr(XbStore) store = xb_store_open (path, &error);
  g_autoptr(GPtrArray) expected = NULL;
  XbDemoOptions options;
  XbPeriod year;
  GtkWidget *page, *window;
  GPtrArray *scores;

  g_assert_no_error (error);
  xb_demo_options_init (&options);
  options.n_items = 2000;
  xb_demo_generate (store, &options, NULL, &error);
  g_assert_no_error (error);

  page = xb_assessment_page_new ();
  xb_assessment_page_set_store (XB_ASSESSMENT_PAGE (page), store);
  window = xb_test_ui_show (page, 1200, 800);
  g_assert_true (xb_assessment_page_set_year (XB_ASSESSMENT_PAGE (page), 2026, &error));
  g_assert_no_error (error);
  xb_period_year (&year, 2026);
  expected = xb_stats_assessment (store, &year, g_get_real_time () / G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  scores = xb_assessment_page_get_scores (XB_ASSESSMENT_PAGE (page));
  g_assert_cmpuint (scores->len, ==, expected->len);
  g_assert_cmpuint (scores->len, >, 0);
  expected_csv = xb_assessment_to_csv (expected);
  g_assert_true (xb_assessment_page_export_csv (XB_ASSESSMENT_PAGE (page), csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  g_assert_cmpstr (csv, ==, expected_csv);
  g_assert_true (xb_document_view_export_pdf (xb_assessment_page_get_view (XB_ASSESSMENT_PAGE (page)),
                                              pdf_path, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf_path);
  g_assert_nonnull (strstr (text, ((XbUnitScore *) expected->pdata[0])->unit_name));
  xb_test_ui_wait_for_paint (page);
  g_free (xb_test_ui_save_png (page, png));
  gtk_window_destroy (GTK_WINDOW (window));

  /* The office's draft bulletin from the same store, for the screenshot. */
  page = xb_bulletins_page_new ();
  xb_bulletins_page_set_store (XB_BULLETINS_PAGE (page), store);
  window = xb_test_ui_show (page, 1200, 800);
  g_assert_true (xb_bulletins_page_generate (XB_BULLETINS_PAGE (page), QUARTER, &error));
  g_assert_no_error (error);
  xb_test_ui_wait_for_paint (page);
  g_free (xb_test_ui_save_png (page, draft_png));
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  xb_test_rm_rf (dir);
}

static void
test_assessment (void)
{
  xb_test_ui_in_subprocess (run_assessment, NULL);
}

static void
test_assessment_zh_cn (void)
{
  xb_test_ui_in_subprocess (run_assessment, "zh_CN:zh");
}

int
main (int argc, char **argv)
{
  xb_test_ui_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bulletins/publish", test_bulletin_publish);
  g_test_add_func ("/bulletins/assessment", test_assessment);
  g_test_add_func ("/bulletins/assessment-zh_CN", test_assessment_zh_cn);
  return g_test_run ();
}
