/* UI test: the dashboard on a demo store agrees with the statistics module; its charts hover, activate, export and draw in light and dark; synced changes update them in place. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "xb-application.h"
#include "xb-chart-view.h"
#include "xb-dashboard.h"
#include "xb-demo.h"
#include "test-sync-common.h"
#include "xb-stats-export.h"
#include "xb-sync-engine.h"
#include "xb-test-server.h"
#include "xb-test-ui.h"
#include "xb-window.h"

typedef struct {
  char          *dir;
  XbStore       *store;
  XbApplication *app;
  XbWindow      *window;
  XbDashboard   *dashboard;
} Fixture;

static gboolean
dashboard_loaded (Fixture *f)
{
  return !xb_dashboard_get_loading (f->dashboard) && xb_dashboard_get_n_rows (f->dashboard) > 0 &&
         xb_dashboard_get_chart (f->dashboard, "trend") != NULL;
}

static void
fixture_set_up (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  XbDemoOptions options;

  xb_test_ui_init ();

  f->dir = g_dir_make_tmp ("xinbao-test-dashboard-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "xinbao.db", NULL);
  f->store = xb_store_open (path, &error);
  g_assert_no_error (error);
  xb_demo_options_init (&options);
  options.n_items = 2000;
  xb_demo_generate (f->store, &options, NULL, &error);
  g_assert_no_error (error);

  f->app = xb_test_ui_new_application ();

  f->window = g_object_ref_sink (xb_window_new (f->app, f->store));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  f->dashboard = XB_DASHBOARD (xb_test_ui_find_widget (GTK_WIDGET (f->window), XB_TYPE_DASHBOARD));
  g_assert_nonnull (f->dashboard);
}

static void
fixture_tear_down (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  g_clear_object (&f->app);
  g_clear_object (&f->store);
  xb_test_rm_rf (f->dir);
  g_free (f->dir);
}

static GPtrArray *
expected_figures (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *figures;
  XbPeriod period;

  xb_dashboard_get_period (f->dashboard, &period);
  figures = xb_stats_unit_figures (f->store, &period, g_get_real_time () / G_USEC_PER_SEC, NULL, &error);
  g_assert_no_error (error);
  return figures;
}

/* The table holds the statistics module's rows, in its order, figure for figure. */
static void
assert_table (Fixture *f)
{
  g_autoptr(GPtrArray) expected = expected_figures (f);
  guint total = 0;

  g_assert_cmpuint (xb_dashboard_get_n_rows (f->dashboard), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      const XbUnitFigures *e = expected->pdata[i];
      const XbUnitFigures *row = xb_dashboard_get_row (f->dashboard, i);

      g_assert_cmpint (row->unit_id, ==, e->unit_id);
      g_assert_cmpstr (row->unit_name, ==, e->unit_name);
      g_assert_cmpuint (row->submitted, ==, e->submitted);
      g_assert_cmpuint (row->adopted, ==, e->adopted);
      g_assert_cmpint (row->quota, ==, e->quota);
      g_assert_cmpuint (row->rank, ==, e->rank);
      total += e->submitted;
    }
  g_assert_cmpuint (total, >, 0);
}

static int activated_row = -1;
static gint64 activated_unit = -1;

static void
on_row_activated (XbChartView *chart,
                  int          row)
{
  activated_row = row;
}

static void
on_unit_activated (XbDashboard *dashboard,
                   gint64       unit_id)
{
  activated_unit = unit_id;
}

/* A point inside @row, found by the chart routine's own hit test. */
static gboolean
point_in_row (XbChartView *chart,
              int          row,
              double      *x,
              double      *y)
{
  const XbChartData *data = xb_chart_view_get_data (chart);
  int width = gtk_widget_get_width (GTK_WIDGET (chart));
  int height = gtk_widget_get_height (GTK_WIDGET (chart));

  *x = width / 2.0;
  for (int py = 0; py < height; py++)
    if (xb_chart_row_at (data, width, height, *x, py + 0.5) == row)
      {
        /* The middle of the band, not its edge. */
        int end = py;
        while (end + 1 < height && xb_chart_row_at (data, width, height, *x, end + 1.5) == row)
          end++;
        *y = (py + end + 1) / 2.0;
        return TRUE;
      }
  return FALSE;
}

static gboolean
list_settled (Fixture *f)
{
  return !xb_item_list_get_loading (xb_window_get_item_list (f->window));
}

/* Clicking a bar opened the items page on that unit's items of the period. */
static void
assert_unit_items_shown (Fixture *f, const XbUnitFigures *unit)
{
  XbItemList *list = xb_window_get_item_list (f->window);
  GListModel *rows = G_LIST_MODEL (xb_item_list_get_model (list));
  XbItemQuery query;
  XbPeriod period;

  g_assert_cmpstr (xb_window_get_page (f->window), ==, "items");
  xb_test_ui_wait_until ((XbTestUiDone) list_settled, f, "the unit's items");
  xb_dashboard_get_period (f->dashboard, &period);
  xb_item_query_init (&query);
  query.unit_id = unit->unit_id;
  query.from = period.from;
  query.to = period.to;
  g_assert_cmpuint (xb_item_list_get_n_items (list), ==, xb_store_count_items (f->store, &query, NULL));
  g_assert_cmpuint (xb_item_list_get_n_items (list), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(XbItemObject) row = g_list_model_get_item (rows, i);
      g_assert_cmpstr (xb_item_object_get_unit_name (row), ==, unit->unit_name);
    }
  xb_test_ui_wait_for_paint (GTK_WIDGET (f->window));
  g_free (xb_test_ui_save_png (GTK_WIDGET (f->window), "dashboard-unit-items.png"));

  /* The chip clears the filter. */
  xb_item_list_show_unit_period (list, 0, 0, 0, NULL);
  xb_test_ui_wait_until ((XbTestUiDone) list_settled, f, "every item again");
  xb_item_query_init (&query);
  g_assert_cmpuint (xb_item_list_get_n_items (list), ==, xb_store_count_items (f->store, &query, NULL));
  xb_window_set_page (f->window, "dashboard");
  xb_test_ui_wait_for_paint (GTK_WIDGET (f->window));
}

static void
assert_ranked_chart (Fixture *f)
{
  g_autoptr(GPtrArray) expected = expected_figures (f);
  XbChartView *chart = xb_dashboard_get_chart (f->dashboard, "ranked-county");
  XbChartView *rate = xb_dashboard_get_chart (f->dashboard, "rate-county");
  g_autoptr(GPtrArray) county = g_ptr_array_new ();
  g_autofree char *want = NULL;
  g_autofree char *description = NULL;
  const XbUnitFigures *third;
  const char *tooltip;
  double x = 0, y = 0;

  g_assert_nonnull (chart);
  g_assert_nonnull (rate);
  for (guint i = 0; i < expected->len; i++)
    if (((XbUnitFigures *) expected->pdata[i])->kind == XB_UNIT_KIND_COUNTY)
      g_ptr_array_add (county, expected->pdata[i]);
  g_assert_cmpuint (county->len, >=, 3);
  g_assert_cmpuint (xb_chart_view_get_n_rows (chart), ==, county->len);
  g_assert_cmpuint (xb_chart_view_get_n_rows (rate), ==, county->len);

  /* Hover: the third county's exact figures. */
  third = county->pdata[2];
  g_assert_true (point_in_row (chart, 2, &x, &y));
  g_assert_cmpint (xb_chart_view_hover (chart, x, y), ==, 2);
  g_assert_cmpint (xb_chart_view_get_highlight (chart), ==, 2);
  tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (chart));
  want = g_strdup_printf ("%s\nSubmitted: %u\nAdopted: %u\nQuota: %d",
                          third->unit_name, third->submitted, third->adopted, third->quota);
  g_assert_cmpstr (tooltip, ==, want);
  /* Off the plot: no row, no tooltip. */
  g_assert_cmpint (xb_chart_view_hover (chart, 1, 1), ==, -1);
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (chart)));

  /* Activation: the row index, and the dashboard names the unit. */
  g_signal_connect (chart, "row-activated", G_CALLBACK (on_row_activated), NULL);
  g_signal_connect (f->dashboard, "unit-activated", G_CALLBACK (on_unit_activated), NULL);
  xb_chart_view_activate_row (chart, 2);
  g_assert_cmpint (activated_row, ==, 2);
  g_assert_cmpint (activated_unit, ==, third->unit_id);
  assert_unit_items_shown (f, third);

  /* The keyboard: focus, Down moves the highlight, Enter activates it. */
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (chart)));
  xb_chart_view_set_highlight (chart, 0);
  {
    GtkWidget *widget = GTK_WIDGET (chart);
    g_assert_true (gtk_widget_grab_focus (widget));
  }

  description = xb_chart_view_describe (chart);
  g_assert_nonnull (strstr (description, third->unit_name));
}

static void
assert_sorting_and_filter (Fixture *f)
{
  GtkColumnView *view = xb_dashboard_get_column_view (f->dashboard);
  g_autoptr(GtkColumnViewColumn) submitted =
    g_list_model_get_item (gtk_column_view_get_columns (view), 2);
  g_autoptr(GPtrArray) expected = expected_figures (f);
  guint n = xb_dashboard_get_n_rows (f->dashboard), n_county = 0;

  gtk_column_view_sort_by_column (view, submitted, GTK_SORT_DESCENDING);
  g_assert_cmpuint (xb_dashboard_get_n_rows (f->dashboard), ==, n);
  for (guint i = 1; i < n; i++)
    g_assert_cmpuint (xb_dashboard_get_row (f->dashboard, i - 1)->submitted, >=,
                      xb_dashboard_get_row (f->dashboard, i)->submitted);
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);

  for (guint i = 0; i < expected->len; i++)
    n_county += ((XbUnitFigures *) expected->pdata[i])->kind == XB_UNIT_KIND_COUNTY;
  xb_dashboard_set_unit_kind (f->dashboard, XB_UNIT_KIND_COUNTY);
  g_assert_cmpuint (xb_dashboard_get_n_rows (f->dashboard), ==, n_county);
  g_assert_nonnull (xb_dashboard_get_chart (f->dashboard, "ranked-county"));
  g_assert_null (xb_dashboard_get_chart (f->dashboard, "ranked-department"));
  xb_dashboard_set_unit_kind (f->dashboard, XB_DASHBOARD_ALL_KINDS);
  g_assert_cmpuint (xb_dashboard_get_n_rows (f->dashboard), ==, n);
}

static void
assert_exports (Fixture *f)
{
  g_autoptr(GPtrArray) expected = expected_figures (f);
  g_autofree char *csv_path = g_build_filename (g_test_get_dir (G_TEST_BUILT), "dashboard.csv", NULL);
  g_autofree char *csv = NULL, *want = xb_figures_to_csv (expected);
  g_autoptr(GError) error = NULL;
  const char *exts[] = { "png", "svg", "pdf" };

  g_assert_true (xb_dashboard_export_csv (f->dashboard, csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_cmpstr (csv, ==, want);

  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    for (guint c = 0; c < 3; c++)
      {
        const char *names[] = { "trend", "ranked-county", "rate-county" };
        g_autofree char *file = g_strdup_printf ("dashboard-%s.%s", names[c], exts[i]);
        g_autofree char *path = g_build_filename (g_test_get_dir (G_TEST_BUILT), file, NULL);
        XbChartView *chart = xb_dashboard_get_chart (f->dashboard, names[c]);

        g_assert_true (xb_chart_view_export (chart, path, 800, &error));
        g_assert_no_error (error);
        g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      }
}

static void
run_dashboard (void)
{
  Fixture f = { 0 };
  AdwStyleManager *style = adw_style_manager_get_default ();

  fixture_set_up (&f);
  xb_window_set_page (f.window, "dashboard");
  xb_dashboard_set_period (f.dashboard, XB_DASHBOARD_QUARTER, 2026, 3);
  xb_test_ui_wait_until ((XbTestUiDone) dashboard_loaded, &f, "the dashboard's figures");
  xb_test_ui_wait_for_paint (GTK_WIDGET (f.window));

  assert_table (&f);
  assert_ranked_chart (&f);
  assert_sorting_and_filter (&f);
  assert_exports (&f);

  xb_chart_view_set_highlight (xb_dashboard_get_chart (f.dashboard, "ranked-county"), -1);
  xb_test_ui_wait_for_paint (GTK_WIDGET (f.window));
  g_free (xb_test_ui_save_png (GTK_WIDGET (f.window), "dashboard-light.png"));
  g_free (xb_test_ui_save_png (GTK_WIDGET (xb_dashboard_get_chart (f.dashboard, "ranked-county")), "chart-view-light.png"));
  g_free (xb_test_ui_save_png (GTK_WIDGET (xb_dashboard_get_chart (f.dashboard, "trend")), "chart-trend-light.png"));

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  xb_test_ui_wait_for_paint (GTK_WIDGET (f.window));
  g_free (xb_test_ui_save_png (GTK_WIDGET (f.window), "dashboard-dark.png"));
  g_free (xb_test_ui_save_png (GTK_WIDGET (xb_dashboard_get_chart (f.dashboard, "ranked-county")), "chart-view-dark.png"));
  g_free (xb_test_ui_save_png (GTK_WIDGET (xb_dashboard_get_chart (f.dashboard, "rate-county")), "chart-rate-dark.png"));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* Another period recomputes: the current quarter by default. */
  xb_dashboard_set_period (f.dashboard, XB_DASHBOARD_MONTH, 2026, 10);
  g_assert_true (xb_dashboard_get_loading (f.dashboard));
  xb_test_ui_wait_until ((XbTestUiDone) dashboard_loaded, &f, "the month's figures");
  assert_table (&f);

  fixture_tear_down (&f);
}

/* Every frame takes 40 ms, as drawing does on a loaded machine or with a
 * screen reader listening: the frames come back to back. */
static gboolean
slow_frame (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  g_usleep (40 * 1000);
  return G_SOURCE_CONTINUE;
}

/* Shown for the first time while frames are slow, the dashboard still
 * computes its figures: the spinner's frames must not starve the reload
 * (the a11y test once watched it spin for minutes). */
static void
run_slow_frames (void)
{
  Fixture f = { 0 };
  guint tick;

  fixture_set_up (&f);
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (f.window), slow_frame, NULL, NULL);
  xb_window_set_page (f.window, "dashboard");
  xb_test_ui_wait_until ((XbTestUiDone) dashboard_loaded, &f, "the dashboard's figures while frames are slow");
  gtk_widget_remove_tick_callback (GTK_WIDGET (f.window), tick);
  fixture_tear_down (&f);
}

static void
test_slow_frames (void)
{
  xb_test_ui_in_subprocess (run_slow_frames, NULL);
}

/* This month's submissions of @kind as the quota chart shows them, or -1. */
static double
quota_chart_value (Fixture *f,
                   int      kind)
{
  XbChartView *chart = xb_dashboard_get_chart (f->dashboard, "quota-month");
  const XbChartData *data = chart ? xb_chart_view_get_data (chart) : NULL;

  for (guint i = 0; data != NULL && i < data->rows->len; i++)
    {
      const XbChartRow *row = data->rows->pdata[i];
      if (g_str_equal (row->label, xb_unit_kind_label (kind)))
        return row->values[0];
    }
  return -1;
}

static GPtrArray *
month_figures (Fixture *f)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GError) error = NULL;
  GPtrArray *figures;
  XbPeriod month;

  xb_period_month (&month, g_date_time_get_year (now), g_date_time_get_month (now));
  figures = xb_stats_unit_figures (f->store, &month, g_get_real_time () / G_USEC_PER_SEC, NULL, &error);
  g_assert_no_error (error);
  return figures;
}

static double live_expected;

static gboolean
quota_chart_updated (Fixture *f)
{
  return !xb_dashboard_get_loading (f->dashboard)
         && quota_chart_value (f, XB_UNIT_KIND_COUNTY) == live_expected;
}

/* The quota chart shows this month's figures by kind; a burst of changes
 * reported by the sync engine recomputes them once it is over. */
static void
run_live_refresh (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(XbSyncClient) client = NULL;
  g_autoptr(XbSyncEngine) engine = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(XbItem) item = NULL;
  const char *uuids[] = { NULL, NULL };
  double county = 0, quota = 0;

  fixture_set_up (&f);
  client = xb_sync_client_new ("http://127.0.0.1:9", &error);
  g_assert_no_error (error);
  engine = xb_sync_engine_new (f.store, client);
  xb_dashboard_set_engine (f.dashboard, engine);
  xb_window_set_page (f.window, "dashboard");
  xb_test_ui_wait_until ((XbTestUiDone) dashboard_loaded, &f, "the dashboard's figures");

  figures = month_figures (&f);
  for (guint i = 0; i < figures->len; i++)
    {
      const XbUnitFigures *u = figures->pdata[i];
      if (u->kind == XB_UNIT_KIND_COUNTY)
        {
          county += u->submitted;
          quota += u->quota;
          if (item == NULL)
            {
              XbItemQuery query;
              g_autoptr(GPtrArray) items = NULL;

              xb_item_query_init (&query);
              query.unit_id = u->unit_id;
              query.states = 1u << XB_STATE_ADOPTED;
              items = xb_store_list_items (f.store, &query, 0, 1, &error);
              g_assert_no_error (error);
              g_assert_cmpuint (items->len, ==, 1);
              item = xb_item_copy (items->pdata[0]);
            }
        }
    }
  g_assert_cmpfloat (quota_chart_value (&f, XB_UNIT_KIND_COUNTY), ==, county);
  {
    XbChartView *chart = xb_dashboard_get_chart (f.dashboard, "quota-month");
    const XbChartRow *row = xb_chart_view_get_data (chart)->rows->pdata[0];
    g_assert_cmpfloat (row->marker, ==, quota);
  }
  xb_test_ui_wait_for_paint (GTK_WIDGET (f.window));
  {
    const char *lang = g_getenv ("LANGUAGE") ? "zh_CN" : "en";
    g_autofree char *chart_png = g_strdup_printf ("chart-quota-month-%s.png", lang);
    g_autofree char *page_png = g_strdup_printf ("dashboard-month-%s.png", lang);

    g_free (xb_test_ui_save_png (GTK_WIDGET (xb_dashboard_get_chart (f.dashboard, "quota-month")), chart_png));
    g_free (xb_test_ui_save_png (GTK_WIDGET (f.window), page_png));
  }

  /* An item of a county arrives through sync, submitted now. */
  g_free (item->uuid);
  item->uuid = g_uuid_string_random ();
  item->submitted_at = item->created_at = item->updated_at = g_get_real_time () / G_USEC_PER_SEC;
  g_ptr_array_set_size (item->events, 0);
  g_array_set_size (item->adoptions, 0);
  g_ptr_array_set_size (item->instructions, 0);
  g_assert_true (xb_store_put_item (f.store, item, &error));
  g_assert_no_error (error);
  uuids[0] = item->uuid;
  for (int i = 0; i < 5; i++)
    g_signal_emit_by_name (engine, "items-changed", uuids);
  /* Debounced: nothing is recomputed while the burst may go on. */
  g_assert_false (xb_dashboard_get_loading (f.dashboard));
  live_expected = county + 1;
  xb_test_ui_wait_until ((XbTestUiDone) quota_chart_updated, &f, "the refreshed quota chart");

  xb_dashboard_set_engine (f.dashboard, NULL);
  fixture_tear_down (&f);
}

/* ---- synced changes against the real server ------------------------------------------ */

typedef struct {
  XbTestServer  *server;
  TestClient    *chief;
  TestClient    *officer;
  TestClient    *leader;
  XbApplication *app;
  XbWindow      *window;
  XbDashboard   *dashboard;
  char          *ranked_name;  /* the officer's unit's ranked chart */
  char          *unit_name;
  guint          n_signals;    /* the chief's engine's "items-changed" */
  double         want;
} Live;

static void
on_items_changed (XbSyncEngine *engine,
                  GStrv         uuids,
                  Live         *l)
{
  l->n_signals++;
}

static guint
n_queries (Live *l)
{
  guint queries = 0, updates = 0;

  xb_dashboard_get_refresh_counts (l->dashboard, &queries, &updates);
  return queries;
}

static guint
n_updates (Live *l)
{
  guint queries = 0, updates = 0;

  xb_dashboard_get_refresh_counts (l->dashboard, &queries, &updates);
  return updates;
}

/* The officer's unit's submissions as its ranked chart shows them, or -1. */
static double
unit_submitted (Live *l)
{
  XbChartView *chart = xb_dashboard_get_chart (l->dashboard, l->ranked_name);
  const XbChartData *data = chart ? xb_chart_view_get_data (chart) : NULL;

  for (guint i = 0; data != NULL && i < data->rows->len; i++)
    {
      const XbChartRow *row = data->rows->pdata[i];
      if (g_str_equal (row->label, l->unit_name))
        return row->values[0];
    }
  return -1;
}

static gboolean
live_loaded (Live *l)
{
  return !xb_dashboard_get_loading (l->dashboard) && xb_dashboard_get_chart (l->dashboard, "trend") != NULL &&
         unit_submitted (l) >= 0;
}

static gboolean
live_shows_want (Live *l)
{
  return !xb_dashboard_get_loading (l->dashboard) && unit_submitted (l) == l->want;
}

/* The dashboard's charts by name, in a fixed order, NULL where none. */
static GPtrArray *
charts_now (Live *l)
{
  GPtrArray *charts = g_ptr_array_new ();

  g_ptr_array_add (charts, xb_dashboard_get_chart (l->dashboard, "trend"));
  g_ptr_array_add (charts, xb_dashboard_get_chart (l->dashboard, "quota-month"));
  for (int k = 0; k < XB_N_UNIT_KINDS; k++)
    {
      g_autofree char *ranked = g_strdup_printf ("ranked-%s", xb_unit_kind_to_string (k));
      g_autofree char *rate = g_strdup_printf ("rate-%s", xb_unit_kind_to_string (k));

      g_ptr_array_add (charts, xb_dashboard_get_chart (l->dashboard, ranked));
      g_ptr_array_add (charts, xb_dashboard_get_chart (l->dashboard, rate));
    }
  return charts;
}

/* @n new items of the officer's unit, sent and approved by its leader:
 * on the server as submitted now. */
static void
send_batch (Live *l,
            guint n)
{
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("春耕进展 %u", i);
      g_autoptr(XbItem) item = make_item (l->officer, title);
      g_autoptr(GError) error = NULL;

      g_assert_true (xb_sync_engine_save_item (l->officer->engine, item, &error));
      g_assert_no_error (error);
      act (l->officer, item->uuid, XB_ACTION_SUBMIT, NULL);
      g_ptr_array_add (uuids, g_strdup (item->uuid));
    }
  sync_now (l->officer);
  sync_now (l->leader);
  for (guint i = 0; i < uuids->len; i++)
    act (l->leader, uuids->pdata[i], XB_ACTION_APPROVE, NULL);
  sync_now (l->leader);
}

static void
live_screenshot (Live       *l,
                 int         width,
                 const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s%s.png", name, g_getenv ("LANGUAGE") != NULL ? "-zh_CN" : "");

  gtk_window_set_default_size (GTK_WINDOW (l->window), width, 900);
  xb_test_ui_wait_for_paint (GTK_WIDGET (l->window));
  g_free (xb_test_ui_save_png (GTK_WIDGET (l->window), file));
}

#define BATCHES 4
#define PER_BATCH 5

/* A sync that brings item changes in several batches updates the charts in
 * place, a bounded number of times; out of sight, nothing is computed until
 * the page is shown again; a report that changes nothing leaves the page be. */
static void
run_sync_refresh (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 200 };
  Live l = { 0 };
  g_autoptr(XbUnit) unit = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *want_text = NULL;
  guint queries, updates, signals;
  gint64 started;
  double first;

  l.server = xb_test_server_start (&options);
  l.chief = test_client_new (l.server, "chief");
  l.officer = test_client_new (l.server, "officer");
  l.leader = test_client_new (l.server, "leader");
  xb_test_ui_init ();
  sync_now (l.chief);
  sync_now (l.officer);
  sync_now (l.leader);
  unit = xb_store_get_unit (l.chief->store, l.officer->user->unit_id, &error);
  g_assert_no_error (error);
  l.unit_name = g_strdup (unit->name);
  l.ranked_name = g_strdup_printf ("ranked-%s", xb_unit_kind_to_string (unit->kind));

  l.app = xb_test_ui_new_application ();
  l.window = g_object_ref_sink (xb_window_new (l.app, l.chief->store));
  gtk_window_set_default_size (GTK_WINDOW (l.window), 1280, 900);
  gtk_window_present (GTK_WINDOW (l.window));
  l.dashboard = XB_DASHBOARD (xb_test_ui_find_widget (GTK_WIDGET (l.window), XB_TYPE_DASHBOARD));
  xb_dashboard_set_engine (l.dashboard, l.chief->engine);
  g_signal_connect (l.chief->engine, "items-changed", G_CALLBACK (on_items_changed), &l);
  xb_window_set_page (l.window, "dashboard");
  xb_test_ui_wait_until ((XbTestUiDone) live_loaded, &l, "the dashboard's figures");
  xb_test_ui_wait_for_paint (GTK_WIDGET (l.window));
  before = charts_now (&l);
  first = unit_submitted (&l);
  queries = n_queries (&l);
  updates = n_updates (&l);

  /* Batches sent one after another while the chief's client syncs. */
  started = g_get_monotonic_time ();
  for (int b = 0; b < BATCHES; b++)
    {
      send_batch (&l, PER_BATCH);
      xb_sync_engine_kick (l.chief->engine);
    }
  g_assert_true (xb_sync_engine_wait_idle (l.chief->engine, SYNC_TIMEOUT_MS));
  l.want = first + BATCHES * PER_BATCH;
  xb_test_ui_wait_until ((XbTestUiDone) live_shows_want, &l, "the unit's new submissions on the dashboard");
  /* A refresh still due comes now. */
  xb_test_ui_spin (XB_DASHBOARD_MIN_REFRESH_MS + 500);
  g_test_message ("%u items-changed, %u queries, %u updates in %.1f s", l.n_signals, n_queries (&l) - queries,
                  n_updates (&l) - updates, (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpuint (l.n_signals, >=, BATCHES);
  g_assert_cmpuint (n_queries (&l) - queries, <=, l.n_signals);
  g_assert_cmpuint (n_queries (&l) - queries, <=,
                    2 + (g_get_monotonic_time () - started) / 1000 / XB_DASHBOARD_MIN_REFRESH_MS);
  g_assert_cmpuint (n_updates (&l) - updates, >=, 1);
  g_assert_cmpuint (n_updates (&l) - updates, <=, n_queries (&l) - queries);
  /* The same widgets, with the new figures, in words too. */
  after = charts_now (&l);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    g_assert_true (after->pdata[i] == before->pdata[i]);
  g_assert_cmpfloat (unit_submitted (&l), ==, l.want);
  description = xb_chart_view_describe (xb_dashboard_get_chart (l.dashboard, l.ranked_name));
  {
    g_autofree char *value = g_strdup_printf ("%.0f", l.want);
    g_autofree char *figure = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "%s: %s"),
                                               g_dpgettext2 (GETTEXT_PACKAGE, "figures", "Submitted"), value);
    want_text = g_strdup_printf ("%s;%s", l.unit_name, figure);
  }
  g_assert_nonnull (strstr (description, want_text));
  live_screenshot (&l, 1280, "dashboard-synced");
  live_screenshot (&l, 360, "dashboard-synced-narrow");
  gtk_window_set_default_size (GTK_WINDOW (l.window), 1280, 900);

  /* A report that changes no figure: computed, nothing shown changes. */
  {
    const char *uuids[] = { "00000000-0000-4000-8000-000000000000", NULL };

    queries = n_queries (&l);
    updates = n_updates (&l);
    g_signal_emit_by_name (l.chief->engine, "items-changed", uuids);
    g_signal_emit_by_name (l.chief->engine, "items-changed", uuids);
    xb_test_ui_spin (XB_DASHBOARD_MIN_REFRESH_MS + 500);
    xb_test_ui_wait_until ((XbTestUiDone) live_shows_want, &l, "the figures computed again");
    g_assert_cmpuint (n_queries (&l) - queries, ==, 1);
    g_assert_cmpuint (n_updates (&l), ==, updates);
  }

  /* Out of sight: nothing computed until the page is shown again. */
  xb_window_set_page (l.window, "items");
  xb_test_ui_wait_for_paint (GTK_WIDGET (l.window));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (l.dashboard)));
  queries = n_queries (&l);
  send_batch (&l, 2);
  signals = l.n_signals;
  xb_sync_engine_kick (l.chief->engine);
  g_assert_true (xb_sync_engine_wait_idle (l.chief->engine, SYNC_TIMEOUT_MS));
  g_assert_cmpuint (l.n_signals, >, signals);
  xb_test_ui_spin (XB_DASHBOARD_MIN_REFRESH_MS + 500);
  g_assert_cmpuint (n_queries (&l), ==, queries);
  g_assert_cmpfloat (unit_submitted (&l), ==, l.want);
  xb_window_set_page (l.window, "dashboard");
  l.want += 2;
  xb_test_ui_wait_until ((XbTestUiDone) live_shows_want, &l, "the figures once shown");
  g_assert_cmpuint (n_queries (&l) - queries, ==, 1);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = charts_now (&l);
  for (guint i = 0; i < before->len; i++)
    g_assert_true (after->pdata[i] == before->pdata[i]);

  g_signal_handlers_disconnect_by_func (l.chief->engine, on_items_changed, &l);
  xb_dashboard_set_engine (l.dashboard, NULL);
  gtk_window_destroy (GTK_WINDOW (l.window));
  g_clear_object (&l.window);
  g_clear_object (&l.app);
  g_clear_pointer (&l.chief, test_client_free);
  g_clear_pointer (&l.officer, test_client_free);
  g_clear_pointer (&l.leader, test_client_free);
  g_clear_pointer (&l.server, xb_test_server_free);
  g_free (l.ranked_name);
  g_free (l.unit_name);
}

/* Each in its own process: the application registers once per process. */
static void
test_dashboard (void)
{
  xb_test_ui_in_subprocess (run_dashboard, NULL);
}

static void
test_live_refresh (void)
{
  xb_test_ui_in_subprocess (run_live_refresh, NULL);
}

static void
test_live_refresh_zh_cn (void)
{
  xb_test_ui_in_subprocess (run_live_refresh, "zh_CN:zh");
}

static void
test_sync_refresh (void)
{
  xb_test_ui_in_subprocess (run_sync_refresh, NULL);
}

static void
test_sync_refresh_zh_cn (void)
{
  xb_test_ui_in_subprocess (run_sync_refresh, "zh_CN:zh");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dashboard/figures-charts-exports", test_dashboard);
  g_test_add_func ("/dashboard/live-refresh-quota", test_live_refresh);
  g_test_add_func ("/dashboard/live-refresh-quota-zh_CN", test_live_refresh_zh_cn);
  g_test_add_func ("/dashboard/sync-refresh-in-place", test_sync_refresh);
  g_test_add_func ("/dashboard/slow-frames", test_slow_frames);
  g_test_add_func ("/dashboard/sync-refresh-in-place-zh_CN", test_sync_refresh_zh_cn);
  return g_test_run ();
}
