/* The filter bar over the item list: which of the unit's items, type, category, month, and a unit with its period. */
#include "config.h"

#include <glib/gi18n.h>

#include "xb-item-filters.h"
#include "xb-stats.h"

#define N_MONTHS 24

struct _XbItemFilters
{
  GtkWidget    parent_instance;

  GtkWidget   *column;
  GtkWidget   *box;
  GtkDropDown *view;
  guint32      fixed_states; /* a queue's own states; the view dropdown hidden */
  GtkDropDown *type;
  GtkDropDown *category;
  GtkDropDown *month;
  GtkWidget   *unit_chip;
  GtkLabel    *unit_label;

  GStrv        categories;  /* the category dropdown's rows after "All" */
  gint64       unit_id;
  gint64       unit_from;
  gint64       unit_to;
  gboolean     quiet;       /* changing several things at once */
};

G_DEFINE_FINAL_TYPE (XbItemFilters, xb_item_filters, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

guint32
xb_item_view_states (XbItemView view)
{
  switch (view)
    {
    case XB_ITEM_VIEW_DRAFTS:      return 1u << XB_STATE_DRAFT;
    case XB_ITEM_VIEW_UNIT_REVIEW: return 1u << XB_STATE_UNIT_REVIEW;
    case XB_ITEM_VIEW_SENT:
      /* In the office's hands, whatever it is doing with them. */
      return (1u << XB_STATE_SUBMITTED) | (1u << XB_STATE_EDITING) | (1u << XB_STATE_SIGNOFF) |
             (1u << XB_STATE_DECLINED) | (1u << XB_STATE_MERGED);
    case XB_ITEM_VIEW_RETURNED:    return 1u << XB_STATE_RETURNED;
    case XB_ITEM_VIEW_ADOPTED:     return 1u << XB_STATE_ADOPTED;
    case XB_ITEM_VIEW_ALL:
    case XB_N_ITEM_VIEWS:
    default:                       return 0;
    }
}

static void
emit_changed (XbItemFilters *self)
{
  if (!self->quiet)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* The calendar month @months_back - 1 months before this one, in CST. */
static void
month_period (guint months_back, XbPeriod *period, int *year_out, int *month_out)
{
  g_autoptr(GTimeZone) cst = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (cst);
  int months = g_date_time_get_year (now) * 12 + g_date_time_get_month (now) - 1 - (int) (months_back - 1);
  int year = months / 12, month = months % 12 + 1;

  xb_period_month (period, year, month);
  if (year_out != NULL)
    *year_out = year;
  if (month_out != NULL)
    *month_out = month;
}

static GtkDropDown *
new_dropdown (XbItemFilters *self, GtkStringList *rows, const char *accessible)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (rows), NULL));

  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown), accessible);
  g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (emit_changed), self);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (dropdown));
  return dropdown;
}

static GtkStringList *
view_rows (void)
{
  GtkStringList *rows = gtk_string_list_new (NULL);

  gtk_string_list_append (rows, _("All Items"));
  gtk_string_list_append (rows, _("Drafts"));
  gtk_string_list_append (rows, _("Waiting for Unit Sign-off"));
  gtk_string_list_append (rows, _("Sent"));
  gtk_string_list_append (rows, _("Returned"));
  gtk_string_list_append (rows, _("Adopted"));
  return rows;
}

static GtkStringList *
type_rows (void)
{
  GtkStringList *rows = gtk_string_list_new (NULL);

  gtk_string_list_append (rows, _("All Types"));
  for (int t = 0; t < XB_N_ITEM_TYPES; t++)
    gtk_string_list_append (rows, xb_item_type_label (t));
  return rows;
}

static GtkStringList *
month_rows (void)
{
  GtkStringList *rows = gtk_string_list_new (NULL);

  gtk_string_list_append (rows, _("All Months"));
  for (guint back = 1; back <= N_MONTHS; back++)
    {
      g_autofree char *label = NULL;
      XbPeriod period;
      int year, month;

      month_period (back, &period, &year, &month);
      /* Translators: a month in the month filter: year, then month */
      label = g_strdup_printf (_("%d-%02d"), year, month);
      gtk_string_list_append (rows, label);
    }
  return rows;
}

static void
clear_unit (XbItemFilters *self)
{
  self->unit_id = self->unit_from = self->unit_to = 0;
  gtk_widget_set_visible (self->unit_chip, FALSE);
  emit_changed (self);
}

static GtkWidget *
new_unit_chip (XbItemFilters *self)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->unit_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->unit_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->unit_label, 44);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->unit_label));
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "small");
  gtk_widget_set_tooltip_text (button, _("Show every unit again"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (clear_unit), self);
  return button;
}

static void
xb_item_filters_dispose (GObject *object)
{
  XbItemFilters *self = XB_ITEM_FILTERS (object);

  g_clear_pointer (&self->column, gtk_widget_unparent);
  g_clear_pointer (&self->categories, g_strfreev);
  G_OBJECT_CLASS (xb_item_filters_parent_class)->dispose (object);
}

static void
xb_item_filters_class_init (XbItemFiltersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xb_item_filters_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "itemfilters");
  /**
   * XbItemFilters::changed:
   *
   * Any part of the filter changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
xb_item_filters_init (XbItemFilters *self)
{
  GtkStringList *categories = gtk_string_list_new (NULL);

  /* One row of dropdowns that scrolls sideways at 360 px, and the unit's
   * chip under it when there is one. */
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->box);
  gtk_box_append (GTK_BOX (column), scroller);
  gtk_widget_set_margin_start (column, 6);
  gtk_widget_set_margin_end (column, 6);
  gtk_widget_set_margin_top (column, 6);
  gtk_widget_set_margin_bottom (column, 6);
  gtk_widget_set_parent (column, GTK_WIDGET (self));
  self->column = column;

  gtk_string_list_append (categories, _("All Categories"));
  /* Each dropdown takes its list. */
  self->view = new_dropdown (self, view_rows (), _("Show"));
  self->type = new_dropdown (self, type_rows (), _("Type"));
  self->category = new_dropdown (self, categories, _("Category"));
  self->month = new_dropdown (self, month_rows (), _("Month submitted"));
  self->unit_chip = new_unit_chip (self);
  gtk_box_append (GTK_BOX (self->column), self->unit_chip);
  gtk_widget_set_visible (self->unit_chip, FALSE);
}

GtkWidget *
xb_item_filters_new (void)
{
  return g_object_new (XB_TYPE_ITEM_FILTERS, NULL);
}

void
xb_item_filters_set_store (XbItemFilters *self,
                           XbStore       *store)
{
  GtkStringList *rows;
  guint n;

  g_return_if_fail (XB_IS_ITEM_FILTERS (self));
  g_clear_pointer (&self->categories, g_strfreev);
  if (store != NULL)
    self->categories = xb_store_list_priorities (store, FALSE, NULL);
  /* The same list, spliced: GTK 4.8 trips over a dropdown's model being
   * replaced while its popover holds rows. */
  rows = GTK_STRING_LIST (gtk_drop_down_get_model (self->category));
  n = g_list_model_get_n_items (G_LIST_MODEL (rows));
  self->quiet = TRUE;
  gtk_drop_down_set_selected (self->category, 0);
  gtk_string_list_splice (rows, 1, n - 1, (const char *const *) self->categories);
  self->quiet = FALSE;
}

void
xb_item_filters_get_filter (XbItemFilters *self,
                            XbItemFilter  *filter)
{
  guint category = gtk_drop_down_get_selected (self->category);
  guint month = gtk_drop_down_get_selected (self->month);
  guint type = gtk_drop_down_get_selected (self->type);

  g_return_if_fail (XB_IS_ITEM_FILTERS (self));
  xb_item_filter_clear (filter);
  filter->states = self->fixed_states != 0 ? self->fixed_states
                                           : xb_item_view_states (gtk_drop_down_get_selected (self->view));
  filter->type = type == 0 || type == GTK_INVALID_LIST_POSITION ? -1 : (int) type - 1;
  if (category != 0 && category != GTK_INVALID_LIST_POSITION && self->categories != NULL)
    filter->category = g_strdup (self->categories[category - 1]);
  if (month != 0 && month != GTK_INVALID_LIST_POSITION)
    {
      XbPeriod period;
      month_period (month, &period, NULL, NULL);
      filter->from = period.from;
      filter->to = period.to;
    }
  if (self->unit_id != 0)
    {
      filter->unit_id = self->unit_id;
      /* The unit's period and the month filter both hold. */
      filter->from = MAX (filter->from, self->unit_from);
      filter->to = filter->to != 0 && self->unit_to != 0 ? MIN (filter->to, self->unit_to)
                                                         : MAX (filter->to, self->unit_to);
    }
}

void
xb_item_filters_set_fixed_states (XbItemFilters *self,
                                  guint32        states)
{
  g_return_if_fail (XB_IS_ITEM_FILTERS (self));
  self->fixed_states = states;
  gtk_widget_set_visible (GTK_WIDGET (self->view), states == 0);
  emit_changed (self);
}

void
xb_item_filters_set_view (XbItemFilters *self,
                          XbItemView     view)
{
  g_return_if_fail (XB_IS_ITEM_FILTERS (self));
  gtk_drop_down_set_selected (self->view, view);
}

XbItemView
xb_item_filters_get_view (XbItemFilters *self)
{
  g_return_val_if_fail (XB_IS_ITEM_FILTERS (self), XB_ITEM_VIEW_ALL);
  return gtk_drop_down_get_selected (self->view);
}

void
xb_item_filters_set_type (XbItemFilters *self,
                          int            type)
{
  g_return_if_fail (XB_IS_ITEM_FILTERS (self));
  gtk_drop_down_set_selected (self->type, type < 0 ? 0 : (guint) type + 1);
}

void
xb_item_filters_set_category (XbItemFilters *self,
                              const char    *category)
{
  guint position = 0;

  g_return_if_fail (XB_IS_ITEM_FILTERS (self));
  for (guint i = 0; category != NULL && self->categories && self->categories[i]; i++)
    if (g_strcmp0 (self->categories[i], category) == 0)
      position = i + 1;
  gtk_drop_down_set_selected (self->category, position);
}

void
xb_item_filters_set_month (XbItemFilters *self,
                           guint          months_back)
{
  g_return_if_fail (XB_IS_ITEM_FILTERS (self));
  gtk_drop_down_set_selected (self->month, MIN (months_back, N_MONTHS));
}

void
xb_item_filters_set_unit_period (XbItemFilters *self,
                                 gint64         unit_id,
                                 const char    *unit_name,
                                 gint64         from,
                                 gint64         to,
                                 const char    *period_label)
{
  g_autofree char *text = NULL;

  g_return_if_fail (XB_IS_ITEM_FILTERS (self));
  self->unit_id = unit_id;
  self->unit_from = from;
  self->unit_to = to;
  /* Translators: the unit filter's chip: a unit's name and a period */
  text = g_strdup_printf (_("%s · %s"), unit_name ? unit_name : "", period_label ? period_label : "");
  gtk_label_set_text (self->unit_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->unit_chip), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_set_visible (self->unit_chip, unit_id != 0);
  emit_changed (self);
}

void
xb_item_filters_clear (XbItemFilters *self)
{
  g_return_if_fail (XB_IS_ITEM_FILTERS (self));
  self->quiet = TRUE;
  gtk_drop_down_set_selected (self->view, 0);
  gtk_drop_down_set_selected (self->type, 0);
  gtk_drop_down_set_selected (self->category, 0);
  gtk_drop_down_set_selected (self->month, 0);
  self->quiet = FALSE;
  clear_unit (self);
}

static void
describe_dropdown (GString *text, GtkDropDown *dropdown)
{
  GObject *row = gtk_drop_down_get_selected_item (dropdown);

  if (gtk_drop_down_get_selected (dropdown) == 0 || !GTK_IS_STRING_OBJECT (row))
    return;
  if (text->len > 0)
    /* Translators: separates the filters named in the list's no-results page */
    g_string_append (text, _(", "));
  g_string_append (text, gtk_string_object_get_string (GTK_STRING_OBJECT (row)));
}

char *
xb_item_filters_describe (XbItemFilters *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (XB_IS_ITEM_FILTERS (self), NULL);
  describe_dropdown (text, self->view);
  describe_dropdown (text, self->type);
  describe_dropdown (text, self->category);
  describe_dropdown (text, self->month);
  if (self->unit_id != 0)
    {
      if (text->len > 0)
        g_string_append (text, _(", "));
      g_string_append (text, gtk_label_get_text (self->unit_label));
    }
  return g_string_free (text, FALSE);
}
