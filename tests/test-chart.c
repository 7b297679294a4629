/* Chart routine tests: exports to PNG, SVG and PDF, hit testing, ticks, truncated labels. */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "xb-chart.h"
#include "xb-types.h"

static XbChartData *
ranked_bars (void)
{
  const char *series[] = { "报送", "采用" };
  XbChartData *data = xb_chart_data_new (XB_CHART_BARS, XB_CHART_COUNT, "2026年第三季度各县区报送采用情况");
  const char *names[] = { "武都区人民政府办公室", "成县人民政府办公室",
                          "甘肃省公路事业发展中心陇南分中心陇南分中心驻某地联络处综合科", "文县人民政府办公室" };
  double submitted[] = { 97, 88, 40, 12 }, adopted[] = { 31, 25, 9, 0 };

  xb_chart_data_set_series (data, 2, series);
  data->marker_name = g_strdup ("季度任务数");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      XbChartRow *row = xb_chart_data_add_row (data, names[i]);
      row->values[0] = submitted[i];
      row->values[1] = adopted[i];
      row->marker = 90;
    }
  return data;
}

static char *
out_path (const char *name)
{
  return g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".", name, NULL);
}

/* The adopted bar of the first row is drawn in the second series' colour. */
static void
test_png (void)
{
  g_autoptr(XbChartData) data = ranked_bars ();
  g_autofree char *path = out_path ("chart-bars.png");
  g_autoptr(GError) error = NULL;
  XbChartStyle style;
  cairo_surface_t *png;
  unsigned char *px;
  int stride, x, y, row_h;
  double w = 640, h = xb_chart_natural_height (data, 640);

  xb_chart_style_init_print (&style);
  g_assert_true (xb_chart_export (data, &style, path, w, h, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 640);
  px = cairo_image_surface_get_data (png);
  stride = cairo_image_surface_get_stride (png);
  /* Find row 0's centre by hit testing, then look just right of the bars' start. */
  for (y = 0; y < h && xb_chart_row_at (data, w, h, 400, y) != 0; y++)
    ;
  for (row_h = 0; xb_chart_row_at (data, w, h, 400, y + row_h) == 0; row_h++)
    ;
  x = (int) MIN (w * 0.32, 220) + 8 + 10;
  {
    /* ARGB32 in native order: B, G, R, A on little-endian. The adopted bar
     * sits in the lower half of the row. */
    unsigned char *p = px + (y + row_h * 3 / 5) * stride + x * 4;
    g_assert_cmpint (abs (p[2] - 0x1c), <, 8);
    g_assert_cmpint (abs (p[1] - 0x71), <, 8);
    g_assert_cmpint (abs (p[0] - 0xd8), <, 8);
  }
  cairo_surface_destroy (png);
  xb_chart_style_clear (&style);
}

static void
test_svg_and_pdf (void)
{
  g_autoptr(XbChartData) data = ranked_bars ();
  g_autofree char *svg = out_path ("chart-bars.svg");
  g_autofree char *pdf = out_path ("chart-bars.pdf");
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  XbChartStyle style;
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status;

  xb_chart_style_init_print (&style);
  g_assert_true (xb_chart_export (data, &style, svg, 640, 300, &error));
  g_assert_true (xb_chart_export (data, &style, pdf, 640, 300, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_false (xb_chart_export (data, &style, "chart.gif", 640, 300, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
  xb_chart_style_clear (&style);

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &text, NULL, &status, NULL) || status != 0)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "武都区人民政府办公室"));
  g_assert_nonnull (strstr (text, "2026年第三季度"));
}

/* The over-long name is cut with an ellipsis and never runs into the bars:
 * the gap between the label column and the plot stays empty. */
static void
test_long_label_truncated (void)
{
  g_autoptr(XbChartData) data = ranked_bars ();
  g_autofree char *path = out_path ("chart-long-label.png");
  XbChartStyle style;
  cairo_surface_t *png;
  unsigned char *px;
  int stride, plot_x = (int) (MIN (640 * 0.32, 220) + 8);
  double h = xb_chart_natural_height (data, 640);
  guint inked = 0;

  xb_chart_style_init_print (&style);
  g_assert_true (xb_chart_export (data, &style, path, 640, h, NULL));
  png = cairo_image_surface_create_from_png (path);
  px = cairo_image_surface_get_data (png);
  stride = cairo_image_surface_get_stride (png);
  for (int y = 0; y < (int) h; y++)
    {
      if (xb_chart_row_at (data, 640, h, 300, y) != 2)
        continue;
      for (int x = 0; x < plot_x; x++)
        {
          unsigned char *p = px + y * stride + x * 4;
          gboolean ink = p[0] < 200 || p[1] < 200 || p[2] < 200;
          if (x >= plot_x - 6)
            g_assert_false (ink);
          inked += ink;
        }
    }
  g_assert_cmpuint (inked, >, 100); /* the label itself is there */
  cairo_surface_destroy (png);
  xb_chart_style_clear (&style);
}

static void
test_row_at (void)
{
  g_autoptr(XbChartData) data = ranked_bars ();
  double w = 600, h = 400;
  int seen[4] = { 0 };

  for (int y = 0; y < h; y++)
    {
      int row = xb_chart_row_at (data, w, h, 300, y);
      g_assert_cmpint (row, >=, -1);
      g_assert_cmpint (row, <, 4);
      if (row >= 0)
        seen[row]++;
    }
  for (int i = 0; i < 4; i++)
    g_assert_cmpint (seen[i], >, 40);
  g_assert_cmpint (xb_chart_row_at (data, w, h, 300, 0), ==, -1);      /* the title */
  g_assert_cmpint (xb_chart_row_at (data, w, h, 300, h - 2), ==, -1);  /* the axis */
}

static void
test_lines (void)
{
  g_autoptr(XbChartData) data = xb_chart_data_new (XB_CHART_LINES, XB_CHART_PERCENT, "采用率");
  g_autofree char *path = out_path ("chart-lines.png");
  const char *series[] = { "县区", "市直部门" };
  XbChartStyle style;

  xb_chart_data_set_series (data, 2, series);
  for (int m = 1; m <= 12; m++)
    {
      g_autofree char *label = g_strdup_printf ("%d月", m);
      XbChartRow *row = xb_chart_data_add_row (data, label);
      row->values[0] = 0.2 + m * 0.01;
      row->values[1] = 0.3 - m * 0.01;
    }
  xb_chart_style_init_print (&style);
  g_assert_true (xb_chart_export (data, &style, path, 640, xb_chart_natural_height (data, 640), NULL));
  g_assert_cmpint (xb_chart_row_at (data, 640, 300, 48 + 8 + 1, 150), ==, 0);
  xb_chart_style_clear (&style);
}

static void
test_nice_step (void)
{
  g_assert_cmpfloat (xb_chart_nice_step (97, 5), ==, 20);
  g_assert_cmpfloat (xb_chart_nice_step (12, 5), ==, 5);
  g_assert_cmpfloat (xb_chart_nice_step (1.0, 5), ==, 0.2);
  g_assert_cmpfloat (xb_chart_nice_step (5, 5), ==, 1);
  g_assert_cmpfloat (xb_chart_nice_step (0, 5), ==, 1);
  g_assert_cmpfloat (xb_chart_nice_step (3000, 4), ==, 1000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/chart/png", test_png);
  g_test_add_func ("/chart/svg-and-pdf", test_svg_and_pdf);
  g_test_add_func ("/chart/row-at", test_row_at);
  g_test_add_func ("/chart/long-label-truncated", test_long_label_truncated);
  g_test_add_func ("/chart/lines", test_lines);
  g_test_add_func ("/chart/nice-step", test_nice_step);
  return g_test_run ();
}
