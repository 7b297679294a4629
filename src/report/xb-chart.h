/* The one chart routine: draws the dashboard's charts on any cairo surface (widget, PNG, SVG, PDF, print). */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

#define XB_CHART_MAX_SERIES 4

typedef enum {
  XB_CHART_BARS,   /* horizontal bars, one row per category, series side by side */
  XB_CHART_LINES,  /* categories along the x axis, one line per series */
} XbChartKind;

typedef enum {
  XB_CHART_COUNT,    /* whole numbers */
  XB_CHART_PERCENT,  /* 0..1 shown as per cent */
} XbChartFormat;

typedef struct {
  char   *label;                          /* unit name or month */
  double  values[XB_CHART_MAX_SERIES];
  double  marker;                         /* a quota line on this row; < 0 for none */
} XbChartRow;

typedef struct {
  XbChartKind   kind;
  XbChartFormat format;
  char         *title;
  int           n_series;
  char         *series[XB_CHART_MAX_SERIES];   /* names, for the legend */
  char         *marker_name;                    /* legend name of the markers, or NULL */
  GPtrArray    *rows;                           /* XbChartRow* */
} XbChartData;

typedef struct { double r, g, b, a; } XbColor;

/* Colours come from the theme in the app (dark mode works) and from a
 * print palette in exports. */
typedef struct {
  XbColor foreground;
  XbColor background;   /* alpha 0: transparent */
  XbColor grid;
  XbColor series[XB_CHART_MAX_SERIES];
  XbColor marker;
  char   *font;         /* Pango font description, e.g. "Noto Sans CJK SC 10" */
} XbChartStyle;

XbChartData *xb_chart_data_new      (XbChartKind kind, XbChartFormat format, const char *title);
void         xb_chart_data_free     (XbChartData *data);
void         xb_chart_data_set_series (XbChartData *data, int n_series, const char *const *names);
XbChartRow  *xb_chart_data_add_row  (XbChartData *data, const char *label);

/* The light print palette used by exports. */
void         xb_chart_style_init_print (XbChartStyle *style);
void         xb_chart_style_clear   (XbChartStyle *style);

/* Height the chart needs to show every row readably at @width. */
double       xb_chart_natural_height (const XbChartData *data, double width);

/* Draws @data into the rectangle (0, 0, width, height) of @cr. */
void         xb_chart_draw          (cairo_t            *cr,
                                     const XbChartData  *data,
                                     const XbChartStyle *style,
                                     double              width,
                                     double              height);

/* The row under (x, y) for hover and click, or -1. */
int          xb_chart_row_at        (const XbChartData *data,
                                     double             width,
                                     double             height,
                                     double             x,
                                     double             y);

/* Writes the chart to @path; the extension chooses PNG, SVG or PDF. */
gboolean     xb_chart_export        (const XbChartData  *data,
                                     const XbChartStyle *style,
                                     const char         *path,
                                     double              width,
                                     double              height,
                                     GError            **error);

/* Tick step for an axis up to @max with about @target ticks: 1, 2 or 5 × 10ⁿ. */
double       xb_chart_nice_step     (double max, int target);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbChartData, xb_chart_data_free)

G_END_DECLS
