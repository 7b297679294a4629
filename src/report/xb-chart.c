/* Chart drawing with cairo and Pango: one routine for the screen, images, documents and paper. */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "xb-chart.h"
#include "xb-types.h"

#define PAD        8.0
#define TITLE_H   28.0
#define LEGEND_H  22.0
#define AXIS_H    24.0
#define Y_AXIS_W  48.0

/* Where everything goes; computed the same way for drawing and hit testing. */
typedef struct {
  double plot_x, plot_y, plot_w, plot_h;
  double label_w;
  double row_h;
} Geometry;

static void
row_free (gpointer row)
{
  g_free (((XbChartRow *) row)->label);
  g_free (row);
}

XbChartData *
xb_chart_data_new (XbChartKind kind, XbChartFormat format, const char *title)
{
  XbChartData *data = g_new0 (XbChartData, 1);

  data->kind = kind;
  data->format = format;
  data->title = g_strdup (title);
  data->rows = g_ptr_array_new_with_free_func (row_free);
  return data;
}

void
xb_chart_data_free (XbChartData *data)
{
  if (data == NULL)
    return;
  g_free (data->title);
  g_free (data->marker_name);
  for (int i = 0; i < XB_CHART_MAX_SERIES; i++)
    g_free (data->series[i]);
  g_ptr_array_unref (data->rows);
  g_free (data);
}

void
xb_chart_data_set_series (XbChartData *data, int n_series, const char *const *names)
{
  g_return_if_fail (n_series >= 1 && n_series <= XB_CHART_MAX_SERIES);
  data->n_series = n_series;
  for (int i = 0; i < n_series; i++)
    {
      g_free (data->series[i]);
      data->series[i] = g_strdup (names[i]);
    }
}

XbChartRow *
xb_chart_data_add_row (XbChartData *data, const char *label)
{
  XbChartRow *row = g_new0 (XbChartRow, 1);

  row->label = g_strdup (label);
  row->marker = -1;
  g_ptr_array_add (data->rows, row);
  return row;
}

static XbColor
rgb (guint32 hex)
{
  return (XbColor) { ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0, 1 };
}

void
xb_chart_style_init_print (XbChartStyle *style)
{
  memset (style, 0, sizeof *style);
  style->foreground = rgb (0x241f31);
  style->background = rgb (0xffffff);
  style->grid = (XbColor) { 0, 0, 0, 0.12 };
  style->series[0] = rgb (0x99c1f1);  /* submitted: light blue */
  style->series[1] = rgb (0x1c71d8);  /* adopted: blue */
  style->series[2] = rgb (0x2ec27e);
  style->series[3] = rgb (0xe5a50a);
  style->marker = rgb (0xc01c28);
  style->font = g_strdup ("Noto Sans CJK SC 10");
}

void
xb_chart_style_clear (XbChartStyle *style)
{
  g_clear_pointer (&style->font, g_free);
}

double
xb_chart_nice_step (double max, int target)
{
  double raw, magnitude, residual;

  if (max <= 0 || target < 1)
    return 1;
  raw = max / target;
  magnitude = pow (10, floor (log10 (raw)));
  residual = raw / magnitude;
  if (residual > 5)
    return 10 * magnitude;
  if (residual > 2)
    return 5 * magnitude;
  if (residual > 1)
    return 2 * magnitude;
  return magnitude;
}

static double
data_max (const XbChartData *data)
{
  double max = data->format == XB_CHART_PERCENT ? 1.0 : 0.0;

  for (guint i = 0; i < data->rows->len; i++)
    {
      const XbChartRow *row = data->rows->pdata[i];
      for (int s = 0; s < data->n_series; s++)
        max = MAX (max, row->values[s]);
      max = MAX (max, row->marker);
    }
  return max > 0 ? max : 1;
}

/* The axis ends on a whole tick above the largest value. */
static double
axis_max (const XbChartData *data, double *step)
{
  double max = data_max (data);

  *step = xb_chart_nice_step (max, 5);
  return ceil (max / *step) * *step;
}

static gboolean
has_legend (const XbChartData *data)
{
  return data->n_series > 1 || data->marker_name != NULL;
}

static void
geometry (const XbChartData *data, double width, double height, Geometry *g)
{
  double top = PAD + (data->title ? TITLE_H : 0) + (has_legend (data) ? LEGEND_H : 0);
  guint n = MAX (data->rows->len, 1);

  g->label_w = data->kind == XB_CHART_BARS ? MIN (width * 0.32, 220) : Y_AXIS_W;
  g->plot_x = PAD + g->label_w;
  /* Line charts label their top tick on the line itself: leave it room. */
  g->plot_y = top + (data->kind == XB_CHART_LINES ? 10 : 0);
  g->plot_w = MAX (width - g->plot_x - PAD * 3, 10);
  g->plot_h = MAX (height - g->plot_y - AXIS_H - PAD, 10);
  g->row_h = data->kind == XB_CHART_BARS ? g->plot_h / n : g->plot_w / n;
}

double
xb_chart_natural_height (const XbChartData *data, double width)
{
  double top = PAD + (data->title ? TITLE_H : 0) + (has_legend (data) ? LEGEND_H : 0);
  double row = MAX (22.0, 9.0 * MAX (data->n_series, 1) + 10);

  if (data->kind == XB_CHART_LINES)
    return top + 240 + AXIS_H + PAD;
  return top + row * MAX (data->rows->len, 1) + AXIS_H + PAD;
}

int
xb_chart_row_at (const XbChartData *data, double width, double height, double x, double y)
{
  Geometry g;
  double pos;
  int row;

  geometry (data, width, height, &g);
  if (data->kind == XB_CHART_BARS)
    {
      if (y < g.plot_y || y >= g.plot_y + g.plot_h || x < PAD || x > g.plot_x + g.plot_w)
        return -1;
      pos = y - g.plot_y;
    }
  else
    {
      if (x < g.plot_x || x >= g.plot_x + g.plot_w || y < g.plot_y || y > g.plot_y + g.plot_h)
        return -1;
      pos = x - g.plot_x;
    }
  row = (int) (pos / g.row_h);
  return row < (int) data->rows->len ? row : -1;
}

/* ---- drawing ------------------------------------------------------------------ */

static void
set_color (cairo_t *cr, const XbColor *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

static PangoLayout *
text_layout (cairo_t *cr, const XbChartStyle *style, const char *text, double max_width, gboolean bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (style->font ? style->font : "Sans 10");

  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  if (max_width > 0)
    {
      /* Long Chinese unit names are cut with an ellipsis, never overlapped. */
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

/* Draws @text with its left edge (align 0), centre (0.5) or right edge (1) at x, centred on y. */
static void
draw_text (cairo_t *cr, const XbChartStyle *style, const char *text, double x, double y,
           double align, double max_width, gboolean bold)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, style, text, max_width, bold);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - align * w, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static char *
format_value (const XbChartData *data, double v)
{
  if (data->format == XB_CHART_PERCENT)
    return g_strdup_printf ("%.0f%%", v * 100);
  return g_strdup_printf ("%.0f", v);
}

static void
draw_header (cairo_t *cr, const XbChartData *data, const XbChartStyle *style, double width)
{
  double x = PAD, y = PAD + (data->title ? TITLE_H : 0) + LEGEND_H / 2;

  set_color (cr, &style->foreground);
  if (data->title)
    draw_text (cr, style, data->title, PAD, PAD + TITLE_H / 2, 0, width - 2 * PAD, TRUE);
  if (!has_legend (data))
    return;
  for (int s = 0; s < data->n_series + (data->marker_name ? 1 : 0); s++)
    {
      gboolean marker = s == data->n_series;
      const char *name = marker ? data->marker_name : data->series[s];
      g_autoptr(PangoLayout) layout = text_layout (cr, style, name ? name : "", -1, FALSE);
      int w, h;

      set_color (cr, marker ? &style->marker : &style->series[s]);
      cairo_rectangle (cr, x, y - (marker ? 1 : 5), marker ? 12 : 10, marker ? 2 : 10);
      cairo_fill (cr);
      set_color (cr, &style->foreground);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_move_to (cr, x + 16, y - h / 2.0);
      pango_cairo_show_layout (cr, layout);
      x += 16 + w + 18;
    }
}

static void
draw_value_axis (cairo_t *cr, const XbChartData *data, const XbChartStyle *style,
                 const Geometry *g, double max, double step)
{
  for (double v = 0; v <= max + step / 2; v += step)
    {
      g_autofree char *label = format_value (data, v);
      set_color (cr, &style->grid);
      cairo_set_line_width (cr, 1);
      if (data->kind == XB_CHART_BARS)
        {
          double x = round (g->plot_x + v / max * g->plot_w) + 0.5;
          cairo_move_to (cr, x, g->plot_y);
          cairo_line_to (cr, x, g->plot_y + g->plot_h);
          cairo_stroke (cr);
          set_color (cr, &style->foreground);
          draw_text (cr, style, label, x, g->plot_y + g->plot_h + AXIS_H / 2, 0.5, -1, FALSE);
        }
      else
        {
          double y = round (g->plot_y + g->plot_h - v / max * g->plot_h) + 0.5;
          cairo_move_to (cr, g->plot_x, y);
          cairo_line_to (cr, g->plot_x + g->plot_w, y);
          cairo_stroke (cr);
          set_color (cr, &style->foreground);
          draw_text (cr, style, label, g->plot_x - 6, y, 1, -1, FALSE);
        }
    }
}

static void
draw_bar_row (cairo_t *cr, const XbChartData *data, const XbChartStyle *style,
              const Geometry *g, guint i, double max)
{
  const XbChartRow *row = data->rows->pdata[i];
  double y0 = g->plot_y + i * g->row_h;
  double bar_h = MAX ((g->row_h * 0.7) / data->n_series, 1);
  double top = y0 + (g->row_h - bar_h * data->n_series) / 2;

  set_color (cr, &style->foreground);
  draw_text (cr, style, row->label, g->plot_x - 8, y0 + g->row_h / 2, 1, g->label_w - 8, FALSE);
  for (int s = 0; s < data->n_series; s++)
    {
      set_color (cr, &style->series[s]);
      cairo_rectangle (cr, g->plot_x, top + s * bar_h, row->values[s] / max * g->plot_w, bar_h - 1);
      cairo_fill (cr);
    }
  if (row->marker >= 0)
    {
      double x = round (g->plot_x + row->marker / max * g->plot_w) + 0.5;
      set_color (cr, &style->marker);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, x, y0 + 2);
      cairo_line_to (cr, x, y0 + g->row_h - 2);
      cairo_stroke (cr);
    }
}

/* The widest category label, in pixels. */
static double
widest_category (cairo_t *cr, const XbChartData *data, const XbChartStyle *style)
{
  int widest = 0;

  for (guint i = 0; i < data->rows->len; i++)
    {
      g_autoptr(PangoLayout) layout = text_layout (cr, style, ((XbChartRow *) data->rows->pdata[i])->label, 0, FALSE);
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      widest = MAX (widest, w);
    }
  return widest;
}

/* Category labels along x, skipping some so that none overlap or is cut. */
static void
draw_categories (cairo_t *cr, const XbChartData *data, const XbChartStyle *style, const Geometry *g)
{
  guint every = (guint) MAX (1, ceil ((widest_category (cr, data, style) + 8) / g->row_h));

  set_color (cr, &style->foreground);
  for (guint i = 0; i < data->rows->len; i += every)
    {
      const XbChartRow *row = data->rows->pdata[i];
      draw_text (cr, style, row->label, g->plot_x + (i + 0.5) * g->row_h,
                 g->plot_y + g->plot_h + AXIS_H / 2, 0.5, g->row_h * every - 4, FALSE);
    }
}

static void
draw_lines (cairo_t *cr, const XbChartData *data, const XbChartStyle *style, const Geometry *g, double max)
{
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (int s = 0; s < data->n_series; s++)
    {
      set_color (cr, &style->series[s]);
      for (guint i = 0; i < data->rows->len; i++)
        {
          const XbChartRow *row = data->rows->pdata[i];
          double x = g->plot_x + (i + 0.5) * g->row_h;
          double y = g->plot_y + g->plot_h - row->values[s] / max * g->plot_h;
          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_stroke (cr);
    }
  draw_categories (cr, data, style, g);
}

void
xb_chart_draw (cairo_t            *cr,
               const XbChartData  *data,
               const XbChartStyle *style,
               double              width,
               double              height)
{
  Geometry g;
  double step, max = axis_max (data, &step);

  cairo_save (cr);
  if (style->background.a > 0)
    {
      set_color (cr, &style->background);
      cairo_paint (cr);
    }
  geometry (data, width, height, &g);
  draw_header (cr, data, style, width);
  draw_value_axis (cr, data, style, &g, max, step);
  if (data->kind == XB_CHART_BARS)
    for (guint i = 0; i < data->rows->len; i++)
      draw_bar_row (cr, data, style, &g, i, max);
  else
    draw_lines (cr, data, style, &g, max);
  cairo_restore (cr);
}

/* ---- export ------------------------------------------------------------------- */

static cairo_surface_t *
surface_for (const char *path, double width, double height, gboolean *is_png, GError **error)
{
  *is_png = g_str_has_suffix (path, ".png");
  if (*is_png)
    return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width), (int) ceil (height));
  if (g_str_has_suffix (path, ".svg"))
    return cairo_svg_surface_create (path, width, height);
  if (g_str_has_suffix (path, ".pdf"))
    return cairo_pdf_surface_create (path, width, height);
  g_set_error (error, XB_ERROR, XB_ERROR_INVALID, "“%s”: charts export to .png, .svg or .pdf", path);
  return NULL;
}

gboolean
xb_chart_export (const XbChartData  *data,
                 const XbChartStyle *style,
                 const char         *path,
                 double              width,
                 double              height,
                 GError            **error)
{
  gboolean is_png;
  cairo_surface_t *surface = surface_for (path, width, height, &is_png, error);
  cairo_status_t status;
  cairo_t *cr;

  if (surface == NULL)
    return FALSE;
  cr = cairo_create (surface);
  xb_chart_draw (cr, data, style, width, height);
  cairo_destroy (cr);
  /* A finished surface can no longer be written as PNG; SVG and PDF are
   * written by finishing. */
  status = is_png ? cairo_surface_write_to_png (surface, path) : CAIRO_STATUS_SUCCESS;
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return g_set_error (error, XB_ERROR, XB_ERROR_FAILED, "Could not write “%s”: %s",
                        path, cairo_status_to_string (status)), FALSE;
  return TRUE;
}
