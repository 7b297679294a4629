/* The dashboard page: a period and a unit kind, the charts of every unit's figures, the table, and their exports. */
#include "config.h"

#include <glib/gi18n.h>

#include "xb-dashboard.h"
#include "xb-stats-export.h"
#include "xb-window.h"

#define TREND_MONTHS 12

/* ---- one table row ------------------------------------------------------------ */

#define XB_TYPE_DASHBOARD_ROW (xb_dashboard_row_get_type ())
G_DECLARE_FINAL_TYPE (XbDashboardRow, xb_dashboard_row, XB, DASHBOARD_ROW, GObject)

struct _XbDashboardRow
{
  GObject              parent_instance;
  const XbUnitFigures *figures;   /* owned by the dashboard's figures array */
  GPtrArray           *owner;
};

G_DEFINE_FINAL_TYPE (XbDashboardRow, xb_dashboard_row, G_TYPE_OBJECT)

static void
xb_dashboard_row_finalize (GObject *object)
{
  g_clear_pointer (&XB_DASHBOARD_ROW (object)->owner, g_ptr_array_unref);
  G_OBJECT_CLASS (xb_dashboard_row_parent_class)->finalize (object);
}

static void
xb_dashboard_row_class_init (XbDashboardRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xb_dashboard_row_finalize;
}

static void
xb_dashboard_row_init (XbDashboardRow *self)
{
}

static XbDashboardRow *
xb_dashboard_row_new (GPtrArray *owner,
                      guint      index)
{
  XbDashboardRow *row = g_object_new (XB_TYPE_DASHBOARD_ROW, NULL);

  row->owner = g_ptr_array_ref (owner);
  row->figures = owner->pdata[index];
  return row;
}

/* ---- the page ----------------------------------------------------------------- */

typedef enum {
  COL_UNIT, COL_KIND, COL_SUBMITTED, COL_ADOPTED, COL_RATE, COL_QUOTA, COL_MET, COL_RANK, N_COLUMNS
} Column;

struct _XbDashboard
{
  GtkWidget       parent_instance;

  GtkWidget      *layout_box;
  GtkWidget      *scroller;
  GtkDropDown    *period_kind_dropdown;
  GtkSpinButton  *year_spin;
  GtkDropDown    *number_dropdown;
  GtkDropDown    *kind_dropdown;
  GtkSpinner     *spinner;
  GtkFlowBox     *charts_box;
  GtkColumnView  *column_view;
  GtkLabel       *empty_label;

  XbStore        *store;
  XbSyncEngine   *engine;
  guint           changes_timeout;  /* coalesces the engine's reports */
  gboolean        changes_pending;  /* reported, not yet computed */
  gboolean        stale;            /* to compute when next shown */
  gboolean        own_store;      /* set by xb_dashboard_set_store, not taken from the window */
  GCancellable   *cancellable;    /* the computation in flight */
  guint           reload_idle;
  gboolean        loading;
  gboolean        updating_controls;

  GPtrArray      *figures;        /* XbUnitFigures*, the period's, every kind */
  GPtrArray      *month_figures;  /* XbUnitFigures*, this month's (CST), every kind */
  char           *month_label;
  guint           trend_submitted[TREND_MONTHS][XB_N_UNIT_KINDS];
  guint           trend_adopted[TREND_MONTHS][XB_N_UNIT_KINDS];
  char           *trend_labels[TREND_MONTHS];

  GListStore     *rows;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GHashTable     *charts;         /* name → XbChartView, borrowed from charts_box */

  char           *shown_labels;   /* the period and months the figures on show are for */
  guint           n_queries;      /* figures computed, for tests and timing */
  guint           n_updates;      /* charts and table changed by them */
  gint64          query_started;
  gint64          queried_at;     /* monotonic time of the last computation's start */
};

G_DEFINE_FINAL_TYPE (XbDashboard, xb_dashboard, GTK_TYPE_WIDGET)

enum {
  UNIT_ACTIVATED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
selected_kind (XbDashboard *self)
{
  guint pos = gtk_drop_down_get_selected (self->kind_dropdown);

  return pos == GTK_INVALID_LIST_POSITION || pos == 0 ? XB_DASHBOARD_ALL_KINDS : (int) pos - 1;
}

void
xb_dashboard_get_period (XbDashboard *self,
                         XbPeriod    *period)
{
  int year = gtk_spin_button_get_value_as_int (self->year_spin);
  int number = (int) gtk_drop_down_get_selected (self->number_dropdown) + 1;

  switch (gtk_drop_down_get_selected (self->period_kind_dropdown))
    {
    case XB_DASHBOARD_MONTH:
      xb_period_month (period, year, CLAMP (number, 1, 12));
      break;
    case XB_DASHBOARD_YEAR:
      xb_period_year (period, year);
      break;
    case XB_DASHBOARD_QUARTER:
    default:
      xb_period_quarter (period, year, CLAMP (number, 1, 4));
      break;
    }
}

/* The period's name in chart titles and file names. */
static char *
period_label (XbDashboard *self)
{
  int year = gtk_spin_button_get_value_as_int (self->year_spin);
  int number = (int) gtk_drop_down_get_selected (self->number_dropdown) + 1;

  switch (gtk_drop_down_get_selected (self->period_kind_dropdown))
    {
    case XB_DASHBOARD_MONTH:
      return g_strdup_printf ("%d-%02d", year, number);
    case XB_DASHBOARD_YEAR:
      return xb_period_year_label (year);
    default:
      return xb_period_quarter_label (year, number);
    }
}

/* The last month the period covers: the trend ends there. */
static void
period_last_month (XbDashboard *self,
                   int         *year,
                   int         *month)
{
  int number = (int) gtk_drop_down_get_selected (self->number_dropdown) + 1;

  *year = gtk_spin_button_get_value_as_int (self->year_spin);
  switch (gtk_drop_down_get_selected (self->period_kind_dropdown))
    {
    case XB_DASHBOARD_MONTH:
      *month = CLAMP (number, 1, 12);
      break;
    case XB_DASHBOARD_YEAR:
      *month = 12;
      break;
    default:
      *month = CLAMP (number, 1, 4) * 3;
      break;
    }
}

/* ---- the worker --------------------------------------------------------------- */

typedef struct _LoadResult LoadResult;

typedef struct {
  XbStore    *store;
  XbPeriod    period;
  gint64      taken_at;
  int         trend_year[TREND_MONTHS];
  int         trend_month[TREND_MONTHS];
  XbPeriod    this_month;
  LoadResult *result;   /* the labels filled in, the figures to compute */
} LoadData;

struct _LoadResult {
  GPtrArray *figures;
  GPtrArray *month_figures;
  guint      submitted[TREND_MONTHS][XB_N_UNIT_KINDS];
  guint      adopted[TREND_MONTHS][XB_N_UNIT_KINDS];
  /* Set on the main thread when the computation starts. */
  char      *month_label;
  char      *trend_labels[TREND_MONTHS];
  char      *labels;     /* all of the above and the period, to compare */
};

static void load_result_free (LoadResult *result);

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->result, load_result_free);
  g_free (data);
}

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->figures, g_ptr_array_unref);
  g_clear_pointer (&result->month_figures, g_ptr_array_unref);
  g_free (result->month_label);
  for (int m = 0; m < TREND_MONTHS; m++)
    g_free (result->trend_labels[m]);
  g_free (result->labels);
  g_free (result);
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  LoadResult *result = g_steal_pointer (&data->result);
  GError *error = NULL;

  result->figures = xb_stats_unit_figures (data->store, &data->period, data->taken_at, NULL, &error);
  if (error == NULL)
    result->month_figures = xb_stats_unit_figures (data->store, &data->this_month, data->taken_at,
                                                   NULL, &error);
  for (int m = 0; m < TREND_MONTHS && error == NULL; m++)
    {
      g_autoptr(GPtrArray) month = NULL;
      XbPeriod period;

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        break;
      xb_period_month (&period, data->trend_year[m], data->trend_month[m]);
      month = xb_stats_unit_figures (data->store, &period, data->taken_at, NULL, &error);
      for (guint i = 0; month != NULL && i < month->len; i++)
        {
          const XbUnitFigures *f = month->pdata[i];
          if (f->kind < XB_N_UNIT_KINDS)
            {
              result->submitted[m][f->kind] += f->submitted;
              result->adopted[m][f->kind] += f->adopted;
            }
        }
    }

  if (error != NULL)
    {
      load_result_free (result);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, (GDestroyNotify) load_result_free);
}

/* ---- charts ------------------------------------------------------------------- */

static void
on_chart_row_activated (XbChartView *chart,
                        int          row,
                        XbDashboard *self)
{
  GArray *unit_ids = g_object_get_data (G_OBJECT (chart), "unit-ids");

  if (unit_ids != NULL && row >= 0 && (guint) row < unit_ids->len)
    g_signal_emit (self, signals[UNIT_ACTIVATED], 0, g_array_index (unit_ids, gint64, row));
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    XbChartView     *chart)
{
  XbDashboard *self = XB_DASHBOARD (gtk_widget_get_ancestor (GTK_WIDGET (chart), XB_TYPE_DASHBOARD));

  if (response == GTK_RESPONSE_ACCEPT && self != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL && !g_str_has_suffix (path, ".png") && !g_str_has_suffix (path, ".svg") &&
          !g_str_has_suffix (path, ".pdf"))
        {
          char *with_png = g_strconcat (path, ".png", NULL);
          g_free (path);
          path = with_png;
        }
      if (path != NULL && !xb_chart_view_export (chart, path, 800, &error))
        {
          g_autofree char *message = g_strdup_printf (_("The chart could not be saved: %s"), error->message);
          g_signal_emit (self, signals[FAILED], 0, message);
        }
    }
  g_object_unref (chart);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_export_chart_clicked (GtkButton   *button,
                         XbChartView *chart)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  GtkFileChooserNative *dialog;
  const char *name = g_object_get_data (G_OBJECT (chart), "file-name");
  g_autofree char *file_name = g_strconcat (name ? name : "chart", ".png", NULL);
  GtkFileFilter *filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Export Chart"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), file_name);
  gtk_file_filter_set_name (filter, _("Images and documents (PNG, SVG, PDF)"));
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "svg");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), g_object_ref (chart));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

#define CARD_CHART_HEIGHT 320
#define CARD_MIN_WIDTH    300  /* two abreast from about 680 px; one down to a 360 px phone */

/* A card at @position of the grid: the chart and, above its right corner,
 * its export button.  Returns the chart. */
static XbChartView *
add_card (XbDashboard *self,
          const char  *name,
          int          position)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *button = gtk_button_new_from_icon_name ("document-save-symbolic");
  GtkWidget *chart = xb_chart_view_new ();

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_hexpand (chart, TRUE);
  gtk_widget_set_margin_start (chart, 12);
  gtk_widget_set_margin_end (chart, 12);
  gtk_widget_set_margin_bottom (chart, 12);
  g_object_set_data_full (G_OBJECT (chart), "file-name", g_strdup (name), g_free);
  g_signal_connect (chart, "row-activated", G_CALLBACK (on_chart_row_activated), self);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_set_margin_top (button, 6);
  gtk_widget_set_margin_end (button, 6);
  gtk_widget_set_tooltip_text (button, _("Export Chart…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Export Chart…"), -1);
  g_signal_connect (button, "clicked", G_CALLBACK (on_export_chart_clicked), chart);
  gtk_box_append (GTK_BOX (header), button);

  gtk_box_append (GTK_BOX (card), header);
  /* Every card in the grid is as tall as the others: a long ranking
   * scrolls within its card. */
  {
    GtkWidget *sw = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (sw), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (sw), CARD_CHART_HEIGHT);
    gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (sw), CARD_CHART_HEIGHT);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sw), chart);
    gtk_box_append (GTK_BOX (card), sw);
  }
  gtk_widget_set_size_request (card, CARD_MIN_WIDTH, -1);
  gtk_flow_box_insert (self->charts_box, card, position);
  /* The chart takes the keyboard focus, not the card around it. */
  gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
  g_hash_table_insert (self->charts, g_strdup (name), chart);
  return XB_CHART_VIEW (chart);
}

/* A chart the page is to show, in the grid's order. */
typedef struct {
  char        *name;
  XbChartData *data;
  GArray      *unit_ids;   /* the unit of each row, when rows are units */
} ChartSpec;

static void
chart_spec_free (ChartSpec *spec)
{
  g_free (spec->name);
  g_clear_pointer (&spec->data, xb_chart_data_free);
  g_clear_pointer (&spec->unit_ids, g_array_unref);
  g_free (spec);
}

static void
add_chart (GPtrArray   *specs,
           const char  *name,
           XbChartData *data,
           GArray      *unit_ids)
{
  ChartSpec *spec = g_new0 (ChartSpec, 1);

  spec->name = g_strdup (name);
  spec->data = data;
  spec->unit_ids = unit_ids ? g_array_ref (unit_ids) : NULL;
  g_ptr_array_add (specs, spec);
}

static gboolean
specs_have (GPtrArray  *specs,
            const char *name)
{
  for (guint i = 0; i < specs->len; i++)
    if (g_str_equal (((ChartSpec *) specs->pdata[i])->name, name))
      return TRUE;
  return FALSE;
}

/* Shows @specs: the cards already there keep their widgets (and their
 * accessible objects) and take the new figures in place; only charts that
 * come or go add or remove a card. */
static void
show_charts (XbDashboard *self,
             GPtrArray   *specs)
{
  GHashTableIter iter;
  gpointer name, chart;

  g_hash_table_iter_init (&iter, self->charts);
  while (g_hash_table_iter_next (&iter, &name, &chart))
    if (!specs_have (specs, name))
      {
        gtk_flow_box_remove (self->charts_box, gtk_widget_get_ancestor (chart, GTK_TYPE_FLOW_BOX_CHILD));
        g_hash_table_iter_remove (&iter);
      }
  /* The cards left are in the specs' order: new ones go in between. */
  for (guint i = 0; i < specs->len; i++)
    {
      ChartSpec *spec = specs->pdata[i];
      XbChartView *view = g_hash_table_lookup (self->charts, spec->name);

      if (view == NULL)
        view = add_card (self, spec->name, (int) i);
      if (spec->unit_ids != NULL)
        g_object_set_data_full (G_OBJECT (view), "unit-ids", g_array_ref (spec->unit_ids),
                                (GDestroyNotify) g_array_unref);
      else
        g_object_set_data (G_OBJECT (view), "unit-ids", NULL);
      xb_chart_view_update_data (view, g_steal_pointer (&spec->data));
    }
}

/* This month's submissions against the quota: by kind for all units, by
 * unit for one kind; the quota is the marker. */
static void
add_quota_chart (XbDashboard *self,
                 GPtrArray   *specs,
                 int          filter)
{
  const char *series[] = { C_("figures", "Submitted") };
  g_autofree char *title = NULL;
  g_autoptr(GArray) unit_ids = NULL;
  XbChartData *data;

  if (self->month_figures == NULL || self->month_figures->len == 0)
    return;
  title = g_strdup_printf (_("This month's quota progress — %s, %s"),
                           filter < 0 ? _("All units") : xb_unit_kind_label (filter),
                           self->month_label ? self->month_label : "");
  data = xb_chart_data_new (XB_CHART_BARS, XB_CHART_COUNT, title);
  xb_chart_data_set_series (data, 1, series);
  data->marker_name = g_strdup (_("Quota"));
  if (filter < 0)
    {
      for (int k = 0; k < XB_N_UNIT_KINDS; k++)
        {
          XbChartRow *row = NULL;

          for (guint i = 0; i < self->month_figures->len; i++)
            {
              const XbUnitFigures *f = self->month_figures->pdata[i];

              if ((int) f->kind != k)
                continue;
              if (row == NULL)
                {
                  row = xb_chart_data_add_row (data, xb_unit_kind_label (k));
                  row->marker = 0;
                }
              row->values[0] += f->submitted;
              row->marker += f->quota;
            }
        }
      /* Kinds without a quota show no quota mark. */
      for (guint i = 0; i < data->rows->len; i++)
        if (((XbChartRow *) data->rows->pdata[i])->marker <= 0)
          ((XbChartRow *) data->rows->pdata[i])->marker = -1;
      add_chart (specs, "quota-month", data, NULL);
      return;
    }
  unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < self->month_figures->len; i++)
    {
      const XbUnitFigures *f = self->month_figures->pdata[i];
      XbChartRow *row;

      if ((int) f->kind != filter)
        continue;
      row = xb_chart_data_add_row (data, f->unit_name);
      row->values[0] = f->submitted;
      row->marker = f->quota;
      g_array_append_val (unit_ids, f->unit_id);
    }
  add_chart (specs, "quota-month", data, unit_ids);
}

/* The charts of the figures on show, for the kind selected. */
static void
update_charts (XbDashboard *self)
{
  int filter = selected_kind (self);
  g_autofree char *period = period_label (self);
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func ((GDestroyNotify) chart_spec_free);
  const char *series[] = { C_("figures", "Submitted"), C_("figures", "Adopted") };
  const char *rate_series[] = { _("Adoption rate") };

  if (self->figures == NULL)
    {
      show_charts (self, specs);
      return;
    }

  /* The trend of the selected kind (or of all units), month by month. */
  {
    g_autofree char *title = g_strdup_printf (_("Monthly trend — %s"),
                                              filter < 0 ? _("All units") : xb_unit_kind_label (filter));
    XbChartData *data = xb_chart_data_new (XB_CHART_LINES, XB_CHART_COUNT, title);

    xb_chart_data_set_series (data, 2, series);
    for (int m = 0; m < TREND_MONTHS; m++)
      {
        XbChartRow *row = xb_chart_data_add_row (data, self->trend_labels[m]);
        for (int k = 0; k < XB_N_UNIT_KINDS; k++)
          if (filter < 0 || filter == k)
            {
              row->values[0] += self->trend_submitted[m][k];
              row->values[1] += self->trend_adopted[m][k];
            }
      }
    add_chart (specs, "trend", data, NULL);
  }
  add_quota_chart (self, specs, filter);

  for (int k = 0; k < XB_N_UNIT_KINDS; k++)
    {
      g_autoptr(GArray) unit_ids = NULL;
      g_autofree char *ranked_title = NULL, *rate_title = NULL;
      g_autofree char *ranked_name = NULL, *rate_name = NULL;
      XbChartData *ranked, *rate;

      if (filter >= 0 && filter != k)
        continue;
      unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; i < self->figures->len; i++)
        {
          const XbUnitFigures *f = self->figures->pdata[i];
          if ((int) f->kind == k)
            g_array_append_val (unit_ids, f->unit_id);
        }
      if (unit_ids->len == 0)
        continue;

      ranked_title = g_strdup_printf (_("Submitted and adopted — %s, %s"), xb_unit_kind_label (k), period);
      rate_title = g_strdup_printf (_("Adoption rate — %s, %s"), xb_unit_kind_label (k), period);
      ranked = xb_chart_data_new (XB_CHART_BARS, XB_CHART_COUNT, ranked_title);
      rate = xb_chart_data_new (XB_CHART_BARS, XB_CHART_PERCENT, rate_title);
      xb_chart_data_set_series (ranked, 2, series);
      ranked->marker_name = g_strdup (_("Quota"));
      xb_chart_data_set_series (rate, 1, rate_series);
      /* The figures come sorted by kind, then rank. */
      for (guint i = 0; i < self->figures->len; i++)
        {
          const XbUnitFigures *f = self->figures->pdata[i];
          XbChartRow *row;

          if ((int) f->kind != k)
            continue;
          row = xb_chart_data_add_row (ranked, f->unit_name);
          row->values[0] = f->submitted;
          row->values[1] = f->adopted;
          row->marker = f->quota;
          row = xb_chart_data_add_row (rate, f->unit_name);
          row->values[0] = f->adoption_rate;
        }
      ranked_name = g_strdup_printf ("ranked-%s", xb_unit_kind_to_string (k));
      rate_name = g_strdup_printf ("rate-%s", xb_unit_kind_to_string (k));
      add_chart (specs, ranked_name, ranked, unit_ids);
      add_chart (specs, rate_name, rate, unit_ids);
    }
  show_charts (self, specs);
}

static gboolean
row_matches_kind (gpointer item,
                  gpointer user_data)
{
  XbDashboard *self = user_data;
  int filter = selected_kind (self);

  return filter < 0 || (int) XB_DASHBOARD_ROW (item)->figures->kind == filter;
}

static void
rebuild_table (XbDashboard *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; self->figures != NULL && i < self->figures->len; i++)
    g_ptr_array_add (rows, xb_dashboard_row_new (self->figures, i));
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
}

static gboolean
unit_figures_equal (const XbUnitFigures *x,
                    const XbUnitFigures *y)
{
  return x->unit_id == y->unit_id && g_strcmp0 (x->unit_name, y->unit_name) == 0 && x->kind == y->kind &&
         x->submitted == y->submitted && x->adopted == y->adopted && x->adoption_rate == y->adoption_rate &&
         x->quota == y->quota && x->quota_met == y->quota_met && x->rank == y->rank;
}

/* The table takes the new figures.  With as many units as before, only the
 * span of rows from the first to the last that changed (a unit whose count
 * went up and those it passed in the ranking) is replaced: the other rows
 * keep their row widgets and accessible objects.  Otherwise every row is. */
static void
update_table (XbDashboard *self)
{
  GListModel *model = G_LIST_MODEL (self->rows);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) changed = NULL;
  guint first = G_MAXUINT, last = 0;

  if (self->figures == NULL || n != self->figures->len)
    {
      rebuild_table (self);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(XbDashboardRow) row = g_list_model_get_item (model, i);

      if (!unit_figures_equal (row->figures, self->figures->pdata[i]))
        {
          first = MIN (first, i);
          last = i;
          continue;
        }
      /* Equal figures: the row now points into the new array. */
      g_ptr_array_unref (row->owner);
      row->owner = g_ptr_array_ref (self->figures);
      row->figures = self->figures->pdata[i];
    }
  if (first == G_MAXUINT)
    return;
  changed = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = first; i <= last; i++)
    g_ptr_array_add (changed, xb_dashboard_row_new (self->figures, i));
  g_list_store_splice (self->rows, first, changed->len, changed->pdata, changed->len);
}

static void
on_kind_changed (XbDashboard *self)
{
  if (self->updating_controls || self->filtered == NULL)
    return;
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->filtered), GTK_FILTER_CHANGE_DIFFERENT);
  update_charts (self);
}

static void
set_loading (XbDashboard *self,
             gboolean     loading)
{
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
}

static gboolean
figures_equal (GPtrArray *a,
               GPtrArray *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!unit_figures_equal (a->pdata[i], b->pdata[i]))
      return FALSE;
  return TRUE;
}

/* The figures on show are those of @result: the same period, months and numbers. */
static gboolean
shows_result (XbDashboard *self,
              LoadResult  *result)
{
  return g_strcmp0 (self->shown_labels, result->labels) == 0 &&
         figures_equal (self->figures, result->figures) &&
         figures_equal (self->month_figures, result->month_figures) &&
         memcmp (self->trend_submitted, result->submitted, sizeof self->trend_submitted) == 0 &&
         memcmp (self->trend_adopted, result->adopted, sizeof self->trend_adopted) == 0;
}

static void
show_result (XbDashboard *self,
             LoadResult  *result)
{
  g_clear_pointer (&self->figures, g_ptr_array_unref);
  self->figures = g_steal_pointer (&result->figures);
  g_clear_pointer (&self->month_figures, g_ptr_array_unref);
  self->month_figures = g_steal_pointer (&result->month_figures);
  memcpy (self->trend_submitted, result->submitted, sizeof self->trend_submitted);
  memcpy (self->trend_adopted, result->adopted, sizeof self->trend_adopted);
  g_free (self->month_label);
  self->month_label = g_steal_pointer (&result->month_label);
  for (int m = 0; m < TREND_MONTHS; m++)
    {
      g_free (self->trend_labels[m]);
      self->trend_labels[m] = g_steal_pointer (&result->trend_labels[m]);
    }
  g_free (self->shown_labels);
  self->shown_labels = g_steal_pointer (&result->labels);

  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), self->figures->len == 0);
  update_table (self);
  update_charts (self);
  self->n_updates++;
}

static void schedule_changes (XbDashboard *self);

static void
on_loaded (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  XbDashboard *self = XB_DASHBOARD (source);
  g_autoptr(GError) error = NULL;
  LoadResult *result = g_task_propagate_pointer (G_TASK (res), &error);
  gint64 queried = g_get_monotonic_time ();
  gboolean changed;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_task_get_cancellable (G_TASK (res)) == self->cancellable)
    {
      g_clear_object (&self->cancellable);
      set_loading (self, FALSE);
    }
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The figures could not be computed: %s"), error->message);
      g_signal_emit (self, signals[FAILED], 0, message);
      return;
    }

  /* Most syncs bring nothing the page shows (another unit's draft, an
   * edit): then nothing is touched. */
  changed = !shows_result (self, result);
  if (changed)
    show_result (self, result);
  load_result_free (result);
  g_debug ("Dashboard: figures in %.1f ms, %s in %.1f ms (%u computed, %u shown)",
           (queried - self->query_started) / 1000.0, changed ? "table and charts updated" : "nothing changed",
           (g_get_monotonic_time () - queried) / 1000.0, self->n_queries, self->n_updates);
  /* Changes reported while computing are computed next. */
  if (self->changes_pending)
    schedule_changes (self);
}

static LoadResult *
new_result_labels (XbDashboard *self,
                   LoadData    *data)
{
  LoadResult *result = g_new0 (LoadResult, 1);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autofree char *period = period_label (self);
  GString *labels = g_string_new (period);
  int year, month;

  xb_period_month (&data->this_month, g_date_time_get_year (now), g_date_time_get_month (now));
  result->month_label = g_strdup_printf ("%d-%02d", g_date_time_get_year (now), g_date_time_get_month (now));
  g_string_append_printf (labels, " %s", result->month_label);
  period_last_month (self, &year, &month);
  for (int m = TREND_MONTHS - 1; m >= 0; m--)
    {
      data->trend_year[m] = year;
      data->trend_month[m] = month;
      result->trend_labels[m] = g_strdup_printf ("%d-%02d", year, month);
      if (--month == 0)
        {
          month = 12;
          year--;
        }
    }
  for (int m = 0; m < TREND_MONTHS; m++)
    g_string_append_printf (labels, " %s", result->trend_labels[m]);
  result->labels = g_string_free (labels, FALSE);
  return result;
}

/* Computes the figures in a worker thread; @quiet (a synced change, not
 * the user's choice) shows no spinner. */
static void
start_load (XbDashboard *self,
            gboolean     quiet)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  g_clear_handle_id (&self->changes_timeout, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store == NULL)
    {
      set_loading (self, FALSE);
      return;
    }

  /* What the engine reported so far is in the store this reads. */
  self->changes_pending = FALSE;
  self->stale = FALSE;
  data = g_new0 (LoadData, 1);
  data->store = g_object_ref (self->store);
  data->taken_at = g_get_real_time () / G_USEC_PER_SEC;
  xb_dashboard_get_period (self, &data->period);
  data->result = new_result_labels (self, data);

  self->cancellable = g_cancellable_new ();
  self->n_queries++;
  self->query_started = self->queried_at = g_get_monotonic_time ();
  if (quiet)
    self->loading = TRUE;
  else
    set_loading (self, TRUE);
  task = g_task_new (self, self->cancellable, on_loaded, NULL);
  g_task_set_source_tag (task, xb_dashboard_reload);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_worker);
}

void
xb_dashboard_reload (XbDashboard *self)
{
  g_return_if_fail (XB_IS_DASHBOARD (self));
  start_load (self, FALSE);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  XbDashboard *self = user_data;

  self->reload_idle = 0;
  xb_dashboard_reload (self);
  return G_SOURCE_REMOVE;
}

/* Several controls may change at once: compute once they have.  Out of
 * sight, compute when next shown. */
static void
queue_reload (XbDashboard *self)
{
  if (self->updating_controls || self->store == NULL)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  set_loading (self, TRUE);
  /* Above the redraw priority: the spinner's frames, slow to draw on a
   * loaded machine or with a screen reader, would otherwise starve it and
   * the page would spin for ever. */
  if (self->reload_idle == 0)
    self->reload_idle = g_idle_add_full (G_PRIORITY_DEFAULT, reload_idle_cb, self, NULL);
}

static void
fill_number_dropdown (XbDashboard *self)
{
  guint kind = gtk_drop_down_get_selected (self->period_kind_dropdown);
  guint selected = gtk_drop_down_get_selected (self->number_dropdown);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  if (kind == XB_DASHBOARD_MONTH)
    for (int m = 1; m <= 12; m++)
      {
        g_autoptr(GDateTime) date = g_date_time_new_utc (2000, m, 1, 0, 0, 0);
        g_autofree char *name = g_date_time_format (date, "%B");
        gtk_string_list_append (list, name);
      }
  else if (kind == XB_DASHBOARD_QUARTER)
    {
      gtk_string_list_append (list, _("First quarter"));
      gtk_string_list_append (list, _("Second quarter"));
      gtk_string_list_append (list, _("Third quarter"));
      gtk_string_list_append (list, _("Fourth quarter"));
    }
  gtk_drop_down_set_model (self->number_dropdown, G_LIST_MODEL (list));
  gtk_widget_set_visible (GTK_WIDGET (self->number_dropdown), kind != XB_DASHBOARD_YEAR);
  if (selected != GTK_INVALID_LIST_POSITION &&
      selected < g_list_model_get_n_items (G_LIST_MODEL (list)))
    gtk_drop_down_set_selected (self->number_dropdown, selected);
}

static void
on_period_kind_changed (XbDashboard *self)
{
  gboolean updating = self->updating_controls;

  self->updating_controls = TRUE;
  fill_number_dropdown (self);
  self->updating_controls = updating;
  queue_reload (self);
}

void
xb_dashboard_set_period (XbDashboard          *self,
                         XbDashboardPeriodKind kind,
                         int                   year,
                         int                   number)
{
  g_return_if_fail (XB_IS_DASHBOARD (self));

  self->updating_controls = TRUE;
  gtk_drop_down_set_selected (self->period_kind_dropdown, kind);
  fill_number_dropdown (self);
  gtk_spin_button_set_value (self->year_spin, year);
  if (kind != XB_DASHBOARD_YEAR)
    gtk_drop_down_set_selected (self->number_dropdown, MAX (number, 1) - 1);
  self->updating_controls = FALSE;
  queue_reload (self);
}

void
xb_dashboard_set_unit_kind (XbDashboard *self,
                            int          kind)
{
  g_return_if_fail (XB_IS_DASHBOARD (self));
  g_return_if_fail (kind >= XB_DASHBOARD_ALL_KINDS && kind < XB_UNIT_KIND_OFFICE);

  gtk_drop_down_set_selected (self->kind_dropdown, kind + 1);
}

void
xb_dashboard_get_refresh_counts (XbDashboard *self,
                                 guint       *queries,
                                 guint       *updates)
{
  g_return_if_fail (XB_IS_DASHBOARD (self));
  *queries = self->n_queries;
  *updates = self->n_updates;
}

gboolean
xb_dashboard_get_loading (XbDashboard *self)
{
  g_return_val_if_fail (XB_IS_DASHBOARD (self), FALSE);
  return self->loading || self->reload_idle != 0;
}

void
xb_dashboard_set_store (XbDashboard *self,
                        XbStore     *store)
{
  g_return_if_fail (XB_IS_DASHBOARD (self));

  self->own_store = store != NULL;
  if (!g_set_object (&self->store, store))
    return;
  g_clear_pointer (&self->figures, g_ptr_array_unref);
  rebuild_table (self);
  update_charts (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    queue_reload (self);
}

/* ---- the table ---------------------------------------------------------------- */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column <= COL_KIND ? 0 : 1);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column > COL_KIND)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static char *
cell_text (const XbUnitFigures *f,
           Column               column)
{
  switch (column)
    {
    case COL_UNIT: return g_strdup (f->unit_name);
    case COL_KIND: return g_strdup (xb_unit_kind_label (f->kind));
    case COL_SUBMITTED: return g_strdup_printf ("%u", f->submitted);
    case COL_ADOPTED: return g_strdup_printf ("%u", f->adopted);
    case COL_RATE: return g_strdup_printf ("%.1f%%", f->adoption_rate * 100);
    case COL_QUOTA: return g_strdup_printf ("%d", f->quota);
    case COL_MET: return g_strdup (f->quota_met ? _("Yes") : _("No"));
    case COL_RANK: return g_strdup_printf ("%u", f->rank);
    default: return NULL;
    }
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  XbDashboardRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = cell_text (row->figures, GPOINTER_TO_INT (user_data));

  gtk_label_set_text (GTK_LABEL (label), text);
  if (GPOINTER_TO_INT (user_data) == COL_UNIT)
    gtk_widget_set_tooltip_text (label, text);
  if (GPOINTER_TO_INT (user_data) == COL_MET)
    {
      if (row->figures->quota_met)
        gtk_widget_remove_css_class (label, "error");
      else
        gtk_widget_add_css_class (label, "error");
    }
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const XbUnitFigures *x = XB_DASHBOARD_ROW ((gpointer) a)->figures;
  const XbUnitFigures *y = XB_DASHBOARD_ROW ((gpointer) b)->figures;
  int c = 0;

#define CMP(u, v) (((u) > (v)) - ((u) < (v)))
  switch (GPOINTER_TO_INT (user_data))
    {
    case COL_UNIT: c = g_utf8_collate (x->unit_name, y->unit_name); break;
    case COL_KIND: c = CMP (x->kind, y->kind); break;
    case COL_SUBMITTED: c = CMP (x->submitted, y->submitted); break;
    case COL_ADOPTED: c = CMP (x->adopted, y->adopted); break;
    case COL_RATE: c = CMP (x->adoption_rate, y->adoption_rate); break;
    case COL_QUOTA: c = CMP (x->quota, y->quota); break;
    case COL_MET: c = CMP (x->quota_met, y->quota_met); break;
    case COL_RANK: c = CMP (x->rank, y->rank); break;
    default: break;
    }
  /* Ties keep the bulletin's order: kind, then rank. */
  if (c == 0)
    c = CMP (x->kind, y->kind);
  if (c == 0)
    c = CMP (x->rank, y->rank);
#undef CMP
  return c;
}

static void
add_columns (XbDashboard *self)
{
  const char *titles[N_COLUMNS] = {
    C_("column", "Unit"), C_("column", "Kind"), C_("column", "Submitted"), C_("column", "Adopted"),
    C_("column", "Rate"), C_("column", "Quota"), C_("column", "Quota met"), C_("column", "Rank"),
  };

  for (int c = 0; c < N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, GINT_TO_POINTER (c), NULL));

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (c));
      column = gtk_column_view_column_new (titles[c], factory);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_expand (column, c == COL_UNIT);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (sorter);
      g_object_unref (column);
    }
}

GtkColumnView *
xb_dashboard_get_column_view (XbDashboard *self)
{
  g_return_val_if_fail (XB_IS_DASHBOARD (self), NULL);
  return self->column_view;
}

guint
xb_dashboard_get_n_rows (XbDashboard *self)
{
  g_return_val_if_fail (XB_IS_DASHBOARD (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
}

const XbUnitFigures *
xb_dashboard_get_row (XbDashboard *self,
                      guint        position)
{
  g_autoptr(XbDashboardRow) row = NULL;

  g_return_val_if_fail (XB_IS_DASHBOARD (self), NULL);

  row = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  /* The figures belong to the dashboard's array, which outlives the row. */
  return row ? row->figures : NULL;
}

XbChartView *
xb_dashboard_get_chart (XbDashboard *self,
                        const char  *name)
{
  g_return_val_if_fail (XB_IS_DASHBOARD (self), NULL);
  return g_hash_table_lookup (self->charts, name);
}

gboolean
xb_dashboard_export_csv (XbDashboard *self,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GPtrArray) figures = g_ptr_array_new ();
  g_autofree char *csv = NULL;
  guint n = xb_dashboard_get_n_rows (self);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (figures, (gpointer) xb_dashboard_get_row (self, i));
  csv = xb_figures_to_csv (figures);
  return g_file_set_contents (path, csv, -1, error);
}

static void
on_export_csv_response (GtkNativeDialog *dialog,
                        int              response,
                        XbDashboard     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL && !xb_dashboard_export_csv (self, path, &error))
        {
          g_autofree char *message = g_strdup_printf (_("The table could not be saved: %s"), error->message);
          g_signal_emit (self, signals[FAILED], 0, message);
        }
    }
  g_object_unref (self);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_export_csv_clicked (XbDashboard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *period = period_label (self);
  g_autofree char *name = g_strdup_printf ("%s.csv", period);
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("Export Table"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_csv_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- live refresh --------------------------------------------------------------- */

/* A burst of reports is computed once, after a short quiet spell, and
 * synced changes are computed at most once in XB_DASHBOARD_MIN_REFRESH_MS:
 * a sync of many pages on a loaded machine stays a few calm updates. */
#define CHANGES_QUIET_MS 300

static gboolean
changes_timeout_cb (gpointer user_data)
{
  XbDashboard *self = user_data;

  self->changes_timeout = 0;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale = TRUE;
  else if (self->cancellable == NULL && self->reload_idle == 0)
    start_load (self, TRUE);
  /* Otherwise a computation is under way or due: it reads the changes, or
   * on_loaded() schedules them. */
  return G_SOURCE_REMOVE;
}

static void
schedule_changes (XbDashboard *self)
{
  gint64 next, now = g_get_monotonic_time ();
  guint delay;

  if (self->changes_timeout != 0 || self->cancellable != NULL)
    return;
  next = self->queried_at + (gint64) XB_DASHBOARD_MIN_REFRESH_MS * 1000;
  delay = MAX (CHANGES_QUIET_MS, next > now ? (guint) ((next - now) / 1000) : 0);
  self->changes_timeout = g_timeout_add (delay, changes_timeout_cb, self);
}

static void
on_engine_changes (XbDashboard *self)
{
  self->changes_pending = TRUE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale = TRUE;
  else
    schedule_changes (self);
}

void
xb_dashboard_set_engine (XbDashboard  *self,
                         XbSyncEngine *engine)
{
  g_return_if_fail (XB_IS_DASHBOARD (self));

  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_func (self->engine, on_engine_changes, self);
  g_clear_handle_id (&self->changes_timeout, g_source_remove);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    g_signal_connect_swapped (engine, "items-changed", G_CALLBACK (on_engine_changes), self);
}

/* ---- the widget --------------------------------------------------------------- */

static void
sync_store_from_window (XbDashboard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->own_store || !XB_IS_WINDOW (root))
    return;
  if (g_set_object (&self->store, xb_window_get_store (XB_WINDOW (root))))
    {
      g_clear_pointer (&self->figures, g_ptr_array_unref);
      rebuild_table (self);
      update_charts (self);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        queue_reload (self);
    }
}

static void
xb_dashboard_root (GtkWidget *widget)
{
  XbDashboard *self = XB_DASHBOARD (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (xb_dashboard_parent_class)->root (widget);
  root = gtk_widget_get_root (widget);
  if (XB_IS_WINDOW (root))
    g_signal_connect_object (root, "notify::store", G_CALLBACK (sync_store_from_window),
                             self, G_CONNECT_SWAPPED);
  sync_store_from_window (self);
}

static void
xb_dashboard_unroot (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root != NULL)
    g_signal_handlers_disconnect_by_func (root, sync_store_from_window, widget);
  GTK_WIDGET_CLASS (xb_dashboard_parent_class)->unroot (widget);
}

#define SHOWN_FRESH_S 60

static void
xb_dashboard_map (GtkWidget *widget)
{
  XbDashboard *self = XB_DASHBOARD (widget);

  GTK_WIDGET_CLASS (xb_dashboard_parent_class)->map (widget);
  /* What changed out of sight is computed now, once; figures a minute old
   * are computed again too (an adoption's time, a new month). */
  if (self->stale || self->figures == NULL ||
      g_get_monotonic_time () - self->queried_at > SHOWN_FRESH_S * G_USEC_PER_SEC)
    queue_reload (self);
}

static void
xb_dashboard_dispose (GObject *object)
{
  XbDashboard *self = XB_DASHBOARD (object);

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  xb_dashboard_set_engine (self, NULL);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->charts, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), XB_TYPE_DASHBOARD);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->figures, g_ptr_array_unref);
  g_clear_pointer (&self->month_figures, g_ptr_array_unref);
  g_clear_pointer (&self->month_label, g_free);
  g_clear_pointer (&self->shown_labels, g_free);
  g_clear_object (&self->store);
  for (int m = 0; m < TREND_MONTHS; m++)
    g_clear_pointer (&self->trend_labels[m], g_free);

  G_OBJECT_CLASS (xb_dashboard_parent_class)->dispose (object);
}

static void
xb_dashboard_class_init (XbDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xb_dashboard_dispose;
  widget_class->root = xb_dashboard_root;
  widget_class->unroot = xb_dashboard_unroot;
  widget_class->map = xb_dashboard_map;

  /**
   * XbDashboard::unit-activated:
   * @unit_id: the unit whose bar was clicked
   */
  signals[UNIT_ACTIVATED] =
    g_signal_new ("unit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * XbDashboard::failed:
   * @message: what went wrong, in plain words
   */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (XB_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/Xinbao/ui/xb-dashboard.ui");
  gtk_widget_class_bind_template_child (widget_class, XbDashboard, layout_box);
  gtk_widget_class_bind_template_child (widget_class, XbDashboard, scroller);
  gtk_widget_class_bind_template_child (widget_class, XbDashboard, period_kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XbDashboard, year_spin);
  gtk_widget_class_bind_template_child (widget_class, XbDashboard, number_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XbDashboard, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XbDashboard, spinner);
  gtk_widget_class_bind_template_child (widget_class, XbDashboard, charts_box);
  gtk_widget_class_bind_template_child (widget_class, XbDashboard, column_view);
  gtk_widget_class_bind_template_child (widget_class, XbDashboard, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_period_kind_changed);
  gtk_widget_class_bind_template_callback (widget_class, queue_reload);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_export_csv_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
xb_dashboard_init (XbDashboard *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GtkSelectionModel) selection = NULL;
  GtkCustomFilter *filter;

  self->charts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->updating_controls = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (kinds, _("All kinds"));
  for (int k = 0; k < XB_UNIT_KIND_OFFICE; k++)
    gtk_string_list_append (kinds, xb_unit_kind_label (k));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  gtk_drop_down_set_selected (self->kind_dropdown, 0);

  self->rows = g_list_store_new (XB_TYPE_DASHBOARD_ROW);
  filter = gtk_custom_filter_new (row_matches_kind, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)), GTK_FILTER (filter));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  add_columns (self);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sorted))));
  gtk_column_view_set_model (self->column_view, selection);

  set_loading (self, FALSE);
  self->updating_controls = FALSE;
  /* The current quarter in the office's time zone. */
  xb_dashboard_set_period (self, XB_DASHBOARD_QUARTER, g_date_time_get_year (now),
                           (g_date_time_get_month (now) - 1) / 3 + 1);
}

GtkWidget *
xb_dashboard_new (void)
{
  return g_object_new (XB_TYPE_DASHBOARD, NULL);
}
