/* A chart widget: draws an XbChartData through the one chart routine, in theme colours, with hover, click and keys. */
#pragma once

#include <gtk/gtk.h>

#include "xb-chart.h"

G_BEGIN_DECLS

#define XB_TYPE_CHART_VIEW (xb_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (XbChartView, xb_chart_view, XB, CHART_VIEW, GtkWidget)

GtkWidget         *xb_chart_view_new             (void);
/* Takes @data (may be NULL: an empty chart). */
void               xb_chart_view_set_data        (XbChartView *self,
                                                  XbChartData *data);
/* Takes @data and shows it in place of the chart's figures: the widget,
 * its highlighted row and its accessible object stay; it is drawn again
 * (laid out again only when its height changes), and nothing happens when
 * @data shows the same as before.  TRUE when something changed. */
gboolean           xb_chart_view_update_data     (XbChartView *self,
                                                  XbChartData *data);
const XbChartData *xb_chart_view_get_data        (XbChartView *self);
guint              xb_chart_view_get_n_rows      (XbChartView *self);

/* The row the keyboard or pointer marks, or -1. */
int                xb_chart_view_get_highlight   (XbChartView *self);
void               xb_chart_view_set_highlight   (XbChartView *self,
                                                  int          row);
/* Emits ::row-activated for @row. */
void               xb_chart_view_activate_row    (XbChartView *self,
                                                  int          row);

/* What the pointer at (x, y) in widget coordinates would show: marks the
 * row, sets the tooltip to its exact figures and returns the row, or -1. */
int                xb_chart_view_hover           (XbChartView *self,
                                                  double       x,
                                                  double       y);
/* The exact figures of @row, as the tooltip shows them. */
char              *xb_chart_view_describe_row    (XbChartView *self,
                                                  int          row);
/* Every row's figures in words, for the accessible description. */
char              *xb_chart_view_describe        (XbChartView *self);

/* The colours and font of the current theme (light or dark). */
void               xb_chart_view_get_style       (XbChartView  *self,
                                                  XbChartStyle *style);
/* Writes the chart in the print palette, @width wide and as tall as it
 * needs; the extension of @path chooses PNG, SVG or PDF. */
gboolean           xb_chart_view_export          (XbChartView *self,
                                                  const char  *path,
                                                  double       width,
                                                  GError     **error);

G_END_DECLS
