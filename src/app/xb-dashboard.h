/* The dashboard page: a period and a unit kind, the charts of every unit's figures, the table, and their exports. */
#pragma once

#include <gtk/gtk.h>

#include "xb-chart-view.h"
#include "xb-stats.h"
#include "xb-store.h"
#include "xb-sync-engine.h"

G_BEGIN_DECLS

typedef enum {
  XB_DASHBOARD_MONTH,
  XB_DASHBOARD_QUARTER,
  XB_DASHBOARD_YEAR,
} XbDashboardPeriodKind;

#define XB_DASHBOARD_ALL_KINDS (-1)

/* Synced changes recompute the figures at most once in this many
 * milliseconds, and never while the page is out of sight. */
#define XB_DASHBOARD_MIN_REFRESH_MS 2000

#define XB_TYPE_DASHBOARD (xb_dashboard_get_type ())
G_DECLARE_FINAL_TYPE (XbDashboard, xb_dashboard, XB, DASHBOARD, GtkWidget)

GtkWidget           *xb_dashboard_new            (void);
/* Without a store set, the dashboard takes its window's. */
void                 xb_dashboard_set_store      (XbDashboard          *self,
                                                  XbStore              *store);
/* @number is the month (1–12) or the quarter (1–4); ignored for a year. */
void                 xb_dashboard_set_period     (XbDashboard          *self,
                                                  XbDashboardPeriodKind kind,
                                                  int                   year,
                                                  int                   number);
void                 xb_dashboard_get_period     (XbDashboard          *self,
                                                  XbPeriod             *period);
/* An XbUnitKind, or XB_DASHBOARD_ALL_KINDS. */
void                 xb_dashboard_set_unit_kind  (XbDashboard          *self,
                                                  int                   kind);
/* Figures are computed again (debounced) when @engine reports synced
 * changes; NULL stops that. */
void                 xb_dashboard_set_engine     (XbDashboard          *self,
                                                  XbSyncEngine         *engine);
/* Computes the figures again in a worker thread. */
void                 xb_dashboard_reload         (XbDashboard          *self);
gboolean             xb_dashboard_get_loading    (XbDashboard          *self);
/* For tests and timing: how many times the figures were computed, and how
 * many of those changed what the page shows. */
void                 xb_dashboard_get_refresh_counts (XbDashboard     *self,
                                                  guint                *queries,
                                                  guint                *updates);

/* The table's rows in the order it shows them. */
GtkColumnView       *xb_dashboard_get_column_view (XbDashboard         *self);
guint                xb_dashboard_get_n_rows     (XbDashboard          *self);
const XbUnitFigures *xb_dashboard_get_row        (XbDashboard          *self,
                                                  guint                 position);
/* "trend", or "ranked-KIND" and "rate-KIND" with KIND as xb_unit_kind_to_string()
 * gives it; NULL when that chart is not on show. */
XbChartView         *xb_dashboard_get_chart      (XbDashboard          *self,
                                                  const char           *name);

/* Writes the table's rows as CSV (xb_figures_to_csv). */
gboolean             xb_dashboard_export_csv     (XbDashboard          *self,
                                                  const char           *path,
                                                  GError              **error);

G_END_DECLS
