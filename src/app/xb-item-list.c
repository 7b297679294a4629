/* The item table: sortable columns over the lazy item model, single selection. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "xb-item-filters.h"
#include "xb-item-list.h"
#include "xb-item-list-model.h"
#include "xb-quota-card.h"

struct _XbItemList
{
  GtkWidget             parent_instance;

  XbQuotaCard          *quota_card;
  XbItemFilters        *filters;
  GtkStack             *stack;
  GtkWidget            *clear_filters_button;
  AdwStatusPage        *no_results_page;
  AdwStatusPage        *empty_page;
  GtkWidget            *setup_button;
  GtkColumnView        *column_view;
  GtkSingleSelection   *selection;
  XbItemListModel      *model;
  GtkColumnViewColumn  *title_column;
  GtkColumnViewColumn  *unit_column;
  GtkColumnViewColumn  *state_column;
  GtkColumnViewColumn  *importance_column;
  GtkColumnViewColumn  *submitted_column;

  /* Our own references: compact mode takes columns out of the view. */
  GtkColumnViewColumn  *columns[XB_ITEM_SORT_UPDATED];
  gboolean              compact;
  gboolean              moving_columns;

  /* Live updates: a list read from the top shows rows arriving there. */
  GtkAdjustment        *vadjustment;
  gboolean              at_top;
  guint                 to_top_id;
  guint                 to_top_frames;
};

G_DEFINE_FINAL_TYPE (XbItemList, xb_item_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_LOADING,
  N_PROPS
};

enum {
  ITEM_SELECTED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The rows are sorted in SQL, so the column sorters never sort anything: they
 * only make the headers clickable.  GTK 4.8 has no getter for the primary
 * sort column of a GtkColumnViewSorter, so we ask it to compare two probe
 * objects: it consults the column sorters in priority order, and the first
 * one called tags the probe with its column's sort key.  The sign of the
 * answer tells the direction, since the sorter inverts descending columns. */
static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GObject *probe = G_OBJECT ((gpointer) a);

  if (g_object_get_data (probe, "sort") == NULL)
    g_object_set_data (probe, "sort", user_data);
  return GTK_ORDERING_SMALLER;
}

static void
set_column_sorter (GtkColumnViewColumn *column,
                   XbItemSort           sort)
{
  /* Stored +1 so that sort 0 is not mistaken for "no column". */
  g_autoptr(GtkCustomSorter) sorter =
    gtk_custom_sorter_new (probe_compare, GINT_TO_POINTER (sort + 1), NULL);

  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
}

static void
on_sorter_changed (GtkSorter       *sorter,
                   GtkSorterChange  change,
                   XbItemList      *self)
{
  g_autoptr(GObject) probe_a = NULL;
  g_autoptr(GObject) probe_b = NULL;
  GtkOrdering order;
  int tagged;

  /* Columns leave the view in compact mode and during dispose; neither is
   * a request to sort differently. */
  if (self->model == NULL || self->moving_columns)
    return;

  probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  probe_b = g_object_new (G_TYPE_OBJECT, NULL);
  order = gtk_sorter_compare (sorter, probe_a, probe_b);
  tagged = GPOINTER_TO_INT (g_object_get_data (probe_a, "sort"));

  if (tagged == 0 || order == GTK_ORDERING_EQUAL)
    {
      /* No column sorted: newest submissions first, as on start. */
      xb_item_list_model_set_sort (self->model, XB_ITEM_SORT_SUBMITTED, TRUE);
      return;
    }
  xb_item_list_model_set_sort (self->model, (XbItemSort) (tagged - 1),
                               order == GTK_ORDERING_LARGER);
}

static void
update_no_results (XbItemList *self, gboolean filtered)
{
  g_autofree char *filters = filtered && self->filters ? xb_item_filters_describe (self->filters) : NULL;
  g_autofree char *text = NULL;

  if (filters != NULL && *filters != '\0')
    /* Translators: %s lists the filters in use, e.g. "Sent, Report, 2026-11" */
    text = g_strdup_printf (_("No item matches your search and these filters: %s. Clear them to see every item."), filters);
  else
    text = g_strdup (_("No item matches your search and filters. Try other words or other filters."));
  adw_status_page_set_description (self->no_results_page, text);
}

static void
update_stack (XbItemList *self)
{
  const char *page = "list";

  gboolean filtered = !xb_item_filter_is_empty (xb_item_list_model_get_filter (self->model));

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0 &&
      !xb_item_list_model_get_loading (self->model) &&
      xb_item_list_model_get_store (self->model) != NULL)
    page = xb_item_list_model_get_search (self->model) || filtered ? "no-results" : "empty";
  gtk_widget_set_visible (self->clear_filters_button, filtered);
  if (g_strcmp0 (page, "no-results") == 0)
    update_no_results (self, filtered);

  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
on_filters_changed (XbItemList *self)
{
  XbItemFilter filter;

  xb_item_filter_init (&filter);
  xb_item_filters_get_filter (self->filters, &filter);
  xb_item_list_model_set_filter (self->model, &filter);
  xb_item_filter_clear (&filter);
  update_stack (self);
}

static void
on_clear_filters (XbItemList *self)
{
  xb_item_filters_clear (self->filters);
}

static void
on_model_n_items (XbItemList *self)
{
  update_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_model_loading (XbItemList *self)
{
  update_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_model_failed (XbItemList   *self,
                 const GError *error)
{
  g_autofree char *text =
    g_strdup_printf (_("Could not read the items from the local database: %s"), error->message);

  g_signal_emit (self, signals[FAILED], 0, text);
}

static void
on_selected_item (XbItemList *self)
{
  g_signal_emit (self, signals[ITEM_SELECTED], 0, xb_item_list_get_selected (self));
}

static void
on_scrolled (XbItemList    *self,
             GtkAdjustment *adjustment)
{
  self->at_top = gtk_adjustment_get_value (adjustment) <= gtk_adjustment_get_lower (adjustment) + 0.5;
}

/* GtkColumnView's inner list, which owns the "list.scroll-to-item" action. */
static GtkWidget *
rows_view (XbItemList *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); child;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkColumnListView"))
      return child;
  return NULL;
}

/* Runs on the second frame after rows arrived at the top: by then the view
 * has laid them out and kept the old first row in place, so scrolling to
 * the first item re-anchors it on the new first row. */
static gboolean
scroll_to_top (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  XbItemList *self = XB_ITEM_LIST (widget);

  if (++self->to_top_frames < 2)
    return G_SOURCE_CONTINUE;
  self->to_top_id = 0;
  /* The rows' own view scrolls to the first item by position: setting the
   * adjustment asks it to map a pixel to a row, which fails while rows are
   * being replaced. */
  if (xb_item_list_get_n_items (self) > 0 && gtk_widget_get_mapped (GTK_WIDGET (self->column_view)))
    {
      GtkWidget *rows = rows_view (self);
      if (rows != NULL)
        gtk_widget_activate_action (rows, "list.scroll-to-item", "u", 0u);
    }
  return G_SOURCE_REMOVE;
}

/* GtkListView keeps its first visible row in place when rows are inserted
 * above it, which is right anywhere in the list but the very top: there
 * the reader expects the newest items, as they arrive. */
static void
on_rows_changed (XbItemList *self,
                 guint       position,
                 guint       removed,
                 guint       added)
{
  if (!self->at_top || position != 0 || added == 0)
    return;
  self->to_top_frames = 0;
  if (self->to_top_id == 0)
    self->to_top_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_top, NULL, NULL);
}

static void
xb_item_list_dispose (GObject *object)
{
  XbItemList *self = XB_ITEM_LIST (object);

  if (self->to_top_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->to_top_id);
  self->to_top_id = 0;
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->vadjustment);

  if (self->filters != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->filters));
  self->filters = NULL;
  if (self->quota_card != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->quota_card));
  self->quota_card = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (object), XB_TYPE_ITEM_LIST);
  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    g_clear_object (&self->columns[i]);
  G_OBJECT_CLASS (xb_item_list_parent_class)->dispose (object);
}

static void
xb_item_list_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  XbItemList *self = XB_ITEM_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, xb_item_list_get_n_items (self));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, xb_item_list_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xb_item_list_class_init (XbItemListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xb_item_list_dispose;
  object_class->get_property = xb_item_list_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted with the newly selected XbItemObject, or NULL. */
  signals[ITEM_SELECTED] =
    g_signal_new ("item-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, XB_TYPE_ITEM_OBJECT);
  /* Emitted with a message in plain words when the rows could not be read. */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /* The cell templates look these types up by name. */
  g_type_ensure (XB_TYPE_ITEM_OBJECT);
  g_type_ensure (XB_TYPE_ITEM_LIST_MODEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/Xinbao/ui/xb-item-list.ui");
  gtk_widget_class_bind_template_child (widget_class, XbItemList, stack);
  gtk_widget_class_bind_template_child (widget_class, XbItemList, clear_filters_button);
  gtk_widget_class_bind_template_child (widget_class, XbItemList, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, XbItemList, empty_page);
  gtk_widget_class_bind_template_child (widget_class, XbItemList, setup_button);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_filters);
  gtk_widget_class_bind_template_child (widget_class, XbItemList, column_view);
  gtk_widget_class_bind_template_child (widget_class, XbItemList, selection);
  gtk_widget_class_bind_template_child (widget_class, XbItemList, model);
  gtk_widget_class_bind_template_child (widget_class, XbItemList, title_column);
  gtk_widget_class_bind_template_child (widget_class, XbItemList, unit_column);
  gtk_widget_class_bind_template_child (widget_class, XbItemList, state_column);
  gtk_widget_class_bind_template_child (widget_class, XbItemList, importance_column);
  gtk_widget_class_bind_template_child (widget_class, XbItemList, submitted_column);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "xb-item-list");
}

static void
xb_item_list_init (XbItemList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->filters = XB_ITEM_FILTERS (xb_item_filters_new ());
  gtk_widget_insert_before (GTK_WIDGET (self->filters), GTK_WIDGET (self), GTK_WIDGET (self->stack));
  self->quota_card = XB_QUOTA_CARD (xb_quota_card_new ());
  gtk_widget_insert_before (GTK_WIDGET (self->quota_card), GTK_WIDGET (self), GTK_WIDGET (self->filters));
  g_signal_connect_object (self->filters, "changed", G_CALLBACK (on_filters_changed), self, G_CONNECT_SWAPPED);

  self->columns[XB_ITEM_SORT_SUBMITTED] = g_object_ref (self->submitted_column);
  self->columns[XB_ITEM_SORT_TITLE] = g_object_ref (self->title_column);
  self->columns[XB_ITEM_SORT_UNIT] = g_object_ref (self->unit_column);
  self->columns[XB_ITEM_SORT_STATE] = g_object_ref (self->state_column);
  self->columns[XB_ITEM_SORT_IMPORTANCE] = g_object_ref (self->importance_column);
  for (guint i = 0; i < G_N_ELEMENTS (self->columns); i++)
    set_column_sorter (self->columns[i], (XbItemSort) i);

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed), self, 0);
  gtk_column_view_sort_by_column (self->column_view, self->submitted_column,
                                  GTK_SORT_DESCENDING);

  g_signal_connect_object (self->model, "notify::n-items",
                           G_CALLBACK (on_model_n_items), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::loading",
                           G_CALLBACK (on_model_loading), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "failed",
                           G_CALLBACK (on_model_failed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selected_item), self, G_CONNECT_SWAPPED);

  self->at_top = TRUE;
  self->vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  if (self->vadjustment != NULL)
    {
      g_object_ref (self->vadjustment);
      g_signal_connect_object (self->vadjustment, "value-changed",
                               G_CALLBACK (on_scrolled), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (on_rows_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
xb_item_list_new (void)
{
  return g_object_new (XB_TYPE_ITEM_LIST, NULL);
}

void
xb_item_list_set_store (XbItemList *self,
                        XbStore    *store)
{
  g_return_if_fail (XB_IS_ITEM_LIST (self));
  xb_item_filters_set_store (self->filters, store);
  xb_quota_card_set_store (self->quota_card, store);
  xb_item_list_model_set_store (self->model, store);
  update_stack (self);
}

XbItemFilters *
xb_item_list_get_filters (XbItemList *self)
{
  g_return_val_if_fail (XB_IS_ITEM_LIST (self), NULL);
  return self->filters;
}

void
xb_item_list_show_unit_period (XbItemList *self,
                               gint64      unit_id,
                               gint64      from,
                               gint64      to,
                               const char *period_label)
{
  XbStore *store;
  g_autoptr(XbUnit) unit = NULL;

  g_return_if_fail (XB_IS_ITEM_LIST (self));
  store = xb_item_list_model_get_store (self->model);
  unit = store != NULL ? xb_store_get_unit (store, unit_id, NULL) : NULL;
  xb_item_filters_set_unit_period (self->filters, unit_id, unit ? unit->name : NULL, from, to, period_label);
}

void
xb_item_list_set_search (XbItemList *self,
                         const char *search)
{
  g_return_if_fail (XB_IS_ITEM_LIST (self));
  xb_item_list_model_set_search (self->model, search);
}

void
xb_item_list_set_first_run (XbItemList *self,
                            gboolean    first_run)
{
  g_return_if_fail (XB_IS_ITEM_LIST (self));

  adw_status_page_set_title (self->empty_page, first_run ? _("Set Up Xinbao") : _("No Items Yet"));
  adw_status_page_set_description (self->empty_page, first_run
    ? _("No unit reports to this office yet. Add the reporting units and an account for each of their people in Administration, or import both from CSV files.")
    : _("Information items written by the reporting units will be listed here."));
  gtk_widget_set_visible (self->setup_button, first_run);
}

void
xb_item_list_set_compact (XbItemList *self,
                          gboolean    compact)
{
  gboolean descending;
  XbItemSort sort;

  g_return_if_fail (XB_IS_ITEM_LIST (self));

  compact = !!compact;
  if (self->compact == compact)
    return;
  self->compact = compact;

  /* Hiding columns leaves stale row widths behind in GTK 4.8, so compact
   * mode takes them out of the view and puts them back in their places. */
  self->moving_columns = TRUE;
  if (compact)
    {
      gtk_column_view_remove_column (self->column_view, self->unit_column);
      gtk_column_view_remove_column (self->column_view, self->importance_column);
      gtk_column_view_remove_column (self->column_view, self->submitted_column);
    }
  else
    {
      gtk_column_view_insert_column (self->column_view, 1, self->unit_column);
      gtk_column_view_insert_column (self->column_view, 3, self->importance_column);
      gtk_column_view_insert_column (self->column_view, 4, self->submitted_column);
      /* Removing a column dropped its sort arrow; the rows kept their order. */
      sort = xb_item_list_model_get_sort (self->model, &descending);
      if (sort < G_N_ELEMENTS (self->columns))
        gtk_column_view_sort_by_column (self->column_view, self->columns[sort],
                                        descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
    }
  self->moving_columns = FALSE;
}

guint
xb_item_list_get_n_items (XbItemList *self)
{
  g_return_val_if_fail (XB_IS_ITEM_LIST (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->model));
}

gboolean
xb_item_list_get_loading (XbItemList *self)
{
  g_return_val_if_fail (XB_IS_ITEM_LIST (self), FALSE);
  return xb_item_list_model_get_loading (self->model);
}

GtkSelectionModel *
xb_item_list_get_model (XbItemList *self)
{
  g_return_val_if_fail (XB_IS_ITEM_LIST (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}

GtkColumnView *
xb_item_list_get_column_view (XbItemList *self)
{
  g_return_val_if_fail (XB_IS_ITEM_LIST (self), NULL);
  return self->column_view;
}

XbItemObject *
xb_item_list_get_selected (XbItemList *self)
{
  g_return_val_if_fail (XB_IS_ITEM_LIST (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

void
xb_item_list_select (XbItemList *self,
                     guint       position)
{
  g_return_if_fail (XB_IS_ITEM_LIST (self));
  gtk_single_selection_set_selected (self->selection, position);
}

void
xb_item_list_reload (XbItemList *self)
{
  g_return_if_fail (XB_IS_ITEM_LIST (self));
  xb_item_list_model_reload (self->model);
  xb_quota_card_refresh (self->quota_card);
}

void
xb_item_list_update (XbItemList *self)
{
  g_return_if_fail (XB_IS_ITEM_LIST (self));
  xb_item_list_model_update (self->model);
  xb_quota_card_refresh (self->quota_card);
}

XbQuotaCard *
xb_item_list_get_quota_card (XbItemList *self)
{
  g_return_val_if_fail (XB_IS_ITEM_LIST (self), NULL);
  return self->quota_card;
}
