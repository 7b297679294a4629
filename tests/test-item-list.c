/* UI test: the item list's views and filters show exactly what the store holds for them, wide and at 360 px, in English and zh_CN. */
#include "config.h"

#include <glib/gi18n.h>

#include "xb-demo.h"
#include "xb-item-filters.h"
#include "xb-item-list.h"
#include "xb-stats.h"
#include "xb-store-notes.h"
#include "xb-test-server.h"
#include "xb-test-ui.h"

typedef struct {
  char          *dir;
  XbStore       *store;
  XbApplication *app;
  XbWindow      *window;
  XbItemList    *list;
} Fixture;

static gboolean
list_settled (gpointer user_data)
{
  Fixture *f = user_data;

  return !xb_item_list_get_loading (f->list);
}

static void
fixture_set_up (Fixture *f, int width)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  XbDemoOptions options;

  xb_test_ui_init ();
  f->dir = g_dir_make_tmp ("xinbao-test-item-list-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "xinbao.db", NULL);
  f->store = xb_store_open (path, &error);
  g_assert_no_error (error);
  xb_demo_options_init (&options);
  options.n_items = 1500;
  xb_demo_generate (f->store, &options, NULL, &error);
  g_assert_no_error (error);

  f->app = xb_test_ui_new_application ();
  f->window = g_object_ref_sink (xb_window_new (f->app, f->store));
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  f->list = xb_window_get_item_list (f->window);
  xb_test_ui_wait_until (list_settled, f, "the item list");
  xb_test_ui_wait_for_paint (GTK_WIDGET (f->window));
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

/* The list, once settled, shows as many rows as the store counts for @query. */
static void
assert_shows (Fixture *f, const XbItemQuery *query, const char *what)
{
  guint want = xb_store_count_items (f->store, query, NULL);

  xb_test_ui_wait_until (list_settled, f, what);
  g_test_message ("%s: %u items", what, want);
  g_assert_cmpuint (xb_item_list_get_n_items (f->list), ==, want);
}

static void
assert_views (Fixture *f)
{
  XbItemFilters *filters = xb_item_list_get_filters (f->list);
  XbItemQuery query;

  for (XbItemView view = XB_ITEM_VIEW_ALL; view < XB_N_ITEM_VIEWS; view++)
    {
      xb_item_filters_set_view (filters, view);
      xb_item_query_init (&query);
      query.states = xb_item_view_states (view);
      assert_shows (f, &query, "a view");
      /* Every view but the drafts has something in a year of demo data. */
      if (view != XB_ITEM_VIEW_DRAFTS && view != XB_ITEM_VIEW_UNIT_REVIEW)
        g_assert_cmpuint (xb_item_list_get_n_items (f->list), >, 0);
    }
  /* Views and the other filters combine. */
  xb_item_filters_set_view (filters, XB_ITEM_VIEW_ADOPTED);
  xb_item_filters_set_type (filters, XB_ITEM_TYPE_RESEARCH);
  xb_item_query_init (&query);
  query.states = 1u << XB_STATE_ADOPTED;
  query.type = XB_ITEM_TYPE_RESEARCH;
  assert_shows (f, &query, "adopted research items");
  xb_item_filters_clear (filters);
}

static void
assert_category_and_month (Fixture *f)
{
  XbItemFilters *filters = xb_item_list_get_filters (f->list);
  g_auto(GStrv) categories = xb_store_list_priorities (f->store, FALSE, NULL);
  XbItemFilter filter;
  XbItemQuery query;

  g_assert_nonnull (categories);
  g_assert_nonnull (categories[0]);
  xb_item_filters_set_category (filters, categories[0]);
  xb_item_query_init (&query);
  query.category = categories[0];
  assert_shows (f, &query, "a category");
  g_assert_cmpuint (xb_item_list_get_n_items (f->list), >, 0);

  /* Last month, as the filter computes it in China Standard Time. */
  xb_item_filters_set_month (filters, 2);
  xb_item_filter_init (&filter);
  xb_item_filters_get_filter (filters, &filter);
  g_assert_cmpint (filter.to - filter.from, >=, 28 * 86400);
  g_assert_cmpint (filter.to - filter.from, <=, 31 * 86400);
  query.from = filter.from;
  query.to = filter.to;
  assert_shows (f, &query, "a category in a month");
  xb_item_filter_clear (&filter);
  xb_item_filters_clear (filters);
}

static gboolean
no_results_shown (gpointer user_data)
{
  Fixture *f = user_data;
  GtkWidget *button = xb_test_ui_find_by_label (GTK_WIDGET (f->list), _("_Clear Filters"));

  return list_settled (f) && button != NULL && gtk_widget_is_drawable (button);
}

/* A unit and period nobody wrote in: the empty state offers to clear. */
static void
assert_empty_state (Fixture *f)
{
  XbItemQuery query;
  GtkWidget *button, *page;

  xb_item_list_show_unit_period (f->list, 1, 86400, 2 * 86400, "1970-01-02");
  xb_test_ui_wait_until (no_results_shown, f, "the no-results page");
  g_assert_cmpuint (xb_item_list_get_n_items (f->list), ==, 0);
  xb_test_ui_wait_for_paint (GTK_WIDGET (f->window));
  g_free (xb_test_ui_save_png (GTK_WIDGET (f->window), "item-list-no-results.png"));
  /* The page names the filter that hid everything. */
  page = xb_test_ui_find_by_name (GTK_WIDGET (f->list), "no_results_page");
  g_assert_nonnull (page);
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), "1970-01-02"));
  button = xb_test_ui_find_by_label (GTK_WIDGET (f->list), _("_Clear Filters"));
  g_signal_emit_by_name (button, "clicked");
  xb_item_query_init (&query);
  assert_shows (f, &query, "every item again");
}

/* The first row of @view: its note says what the store says about it. */
static void
assert_first_note (Fixture *f, XbItemView view)
{
  GListModel *rows = G_LIST_MODEL (xb_item_list_get_model (f->list));
  g_autoptr(XbItemObject) row = NULL;
  g_autofree char *text = NULL;
  gint64 at = 0;
  XbItemQuery query;

  xb_item_filters_set_view (xb_item_list_get_filters (f->list), view);
  xb_item_query_init (&query);
  query.states = xb_item_view_states (view);
  assert_shows (f, &query, "the view for the note");
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 0);
  row = g_list_model_get_item (rows, 0);
  if (view == XB_ITEM_VIEW_RETURNED)
    g_assert_true (xb_store_last_return (f->store, xb_item_object_get_uuid (row), &text, &at));
  else
    g_assert_true (xb_store_first_adoption (f->store, xb_item_object_get_uuid (row), &text, &at));
  /* The reviewer's words, or the publication's name, are in the row. */
  if (text != NULL)
    g_assert_nonnull (strstr (xb_item_object_get_note (row), text));
  g_assert_cmpstr (xb_item_object_get_note (row), !=, "");
}

static void
run_filters (void)
{
  Fixture f = { 0 };

  fixture_set_up (&f, 1280);
  assert_views (&f);
  assert_first_note (&f, XB_ITEM_VIEW_RETURNED);
  assert_first_note (&f, XB_ITEM_VIEW_ADOPTED);
  xb_item_filters_clear (xb_item_list_get_filters (f.list));
  assert_category_and_month (&f);
  assert_empty_state (&f);
  xb_item_filters_set_view (xb_item_list_get_filters (f.list), XB_ITEM_VIEW_SENT);
  xb_test_ui_wait_until (list_settled, &f, "the sent items");
  xb_test_ui_wait_for_paint (GTK_WIDGET (f.window));
  g_free (xb_test_ui_save_png (GTK_WIDGET (f.window), g_getenv ("LANGUAGE") ? "item-list-zh_CN.png" : "item-list.png"));
  fixture_tear_down (&f);
}

/* The demo officer's unit: this month's figures as the statistics module
 * counts them, and the days left by the calendar. */
static void
run_quota (void)
{
  Fixture f = { 0 };
  g_autoptr(XbUser) officer = NULL;
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GTimeZone) cst = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (cst);
  g_autofree char *user_id = NULL;
  XbUnitFigures *want;
  XbPeriod period;
  guint submitted, adopted;
  int quota, days_left;

  fixture_set_up (&f, 1280);
  xb_quota_card_get_figures (xb_item_list_get_quota_card (f.list), &submitted, &adopted, &quota, &days_left);
  g_assert_cmpint (quota, ==, -1); /* nobody signed in: no card */

  officer = xb_store_find_user (f.store, "officer", NULL);
  g_assert_nonnull (officer);
  user_id = g_strdup_printf ("%" G_GINT64_FORMAT, officer->id);
  g_assert_true (xb_store_set_meta (f.store, "user_id", user_id, NULL));
  xb_window_set_store (f.window, NULL);
  xb_window_set_store (f.window, f.store);
  xb_test_ui_wait_until (list_settled, &f, "the list again");

  xb_period_month (&period, g_date_time_get_year (now), g_date_time_get_month (now));
  g_array_append_val (units, officer->unit_id);
  figures = xb_stats_unit_figures (f.store, &period, g_get_real_time () / G_USEC_PER_SEC, units, NULL);
  g_assert_cmpuint (figures->len, ==, 1);
  want = figures->pdata[0];
  xb_quota_card_get_figures (xb_item_list_get_quota_card (f.list), &submitted, &adopted, &quota, &days_left);
  g_assert_cmpuint (submitted, ==, want->submitted);
  g_assert_cmpuint (adopted, ==, want->adopted);
  g_assert_cmpint (quota, ==, want->quota);
  g_assert_cmpint (quota, >, 0);
  g_assert_cmpint (days_left, ==, g_date_get_days_in_month (g_date_time_get_month (now), g_date_time_get_year (now)) -
                                  g_date_time_get_day_of_month (now) + 1);
  xb_test_ui_wait_for_paint (GTK_WIDGET (f.window));
  g_free (xb_test_ui_save_png (GTK_WIDGET (f.window), g_getenv ("LANGUAGE") ? "item-list-quota-zh_CN.png"
                                                                            : "item-list-quota.png"));
  fixture_tear_down (&f);
}

static void
test_quota (void)
{
  xb_test_ui_in_subprocess (run_quota, NULL);
}

static void
test_quota_zh_cn (void)
{
  xb_test_ui_in_subprocess (run_quota, "zh_CN:zh");
}

static void
run_narrow (void)
{
  Fixture f = { 0 };

  fixture_set_up (&f, 360);
  xb_item_filters_set_view (xb_item_list_get_filters (f.list), XB_ITEM_VIEW_RETURNED);
  xb_test_ui_wait_until (list_settled, &f, "the returned items");
  xb_test_ui_wait_for_paint (GTK_WIDGET (f.window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f.window)), <=, 400);
  g_free (xb_test_ui_save_png (GTK_WIDGET (f.window), "item-list-narrow-zh_CN.png"));
  fixture_tear_down (&f);
}

static void
test_filters_en (void)
{
  xb_test_ui_in_subprocess (run_filters, NULL);
}

static void
test_filters_zh_cn (void)
{
  xb_test_ui_in_subprocess (run_filters, "zh_CN:zh");
}

static void
test_narrow (void)
{
  xb_test_ui_in_subprocess (run_narrow, "zh_CN:zh");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/item-list/filters", test_filters_en);
  g_test_add_func ("/item-list/filters-zh_CN", test_filters_zh_cn);
  g_test_add_func ("/item-list/narrow", test_narrow);
  g_test_add_func ("/item-list/quota", test_quota);
  g_test_add_func ("/item-list/quota-zh_CN", test_quota_zh_cn);
  return g_test_run ();
}
