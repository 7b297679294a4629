/* A chart widget: draws an XbChartData through the one chart routine, in theme colours, with hover, click and keys. */
#include "config.h"

#include <glib/gi18n.h>

#include "xb-chart-view.h"

struct _XbChartView
{
  GtkWidget    parent_instance;

  XbChartData *data;
  int          highlight;
  char        *a11y_label;        /* what the accessible object was last told */
  char        *a11y_description;
};

G_DEFINE_FINAL_TYPE (XbChartView, xb_chart_view, GTK_TYPE_WIDGET)

enum {
  ROW_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static XbColor
to_xb_color (const GdkRGBA *rgba, double alpha)
{
  return (XbColor) { rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha };
}

static XbColor
theme_color (GtkStyleContext *context,
             const char      *name,
             guint32          fallback,
             double           alpha)
{
  GdkRGBA rgba;

  if (!gtk_style_context_lookup_color (context, name, &rgba))
    rgba = (GdkRGBA) { ((fallback >> 16) & 0xff) / 255.0, ((fallback >> 8) & 0xff) / 255.0,
                       (fallback & 0xff) / 255.0, 1 };
  return to_xb_color (&rgba, alpha);
}

void
xb_chart_view_get_style (XbChartView  *self,
                         XbChartStyle *style)
{
  GtkStyleContext *context;
  PangoFontDescription *font;
  GdkRGBA fg;

  g_return_if_fail (XB_IS_CHART_VIEW (self));

  memset (style, 0, sizeof *style);
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, &fg);
  style->foreground = to_xb_color (&fg, 1);
  style->background = (XbColor) { 0, 0, 0, 0 };
  style->grid = to_xb_color (&fg, 0.15);
  /* Submitted is the accent washed out, adopted the accent itself: the two
   * stay apart in light and dark alike. */
  style->series[0] = theme_color (context, "accent_color", 0x1c71d8, 0.4);
  style->series[1] = theme_color (context, "accent_color", 0x1c71d8, 1);
  style->series[2] = theme_color (context, "success_color", 0x26a269, 1);
  style->series[3] = theme_color (context, "warning_color", 0x9c6e03, 1);
  style->marker = theme_color (context, "error_color", 0xc01c28, 1);

  font = pango_font_description_copy (pango_context_get_font_description (
                                        gtk_widget_get_pango_context (GTK_WIDGET (self))));
  if (pango_font_description_get_size (font) <= 0)
    pango_font_description_set_size (font, 10 * PANGO_SCALE);
  style->font = pango_font_description_to_string (font);
  pango_font_description_free (font);
}

static char *
format_value (const XbChartData *data,
              double             value)
{
  if (data->format == XB_CHART_PERCENT)
    return g_strdup_printf ("%.1f%%", value * 100);
  return g_strdup_printf ("%.0f", value);
}

char *
xb_chart_view_describe_row (XbChartView *self,
                            int          row)
{
  const XbChartRow *r;
  GString *text;

  g_return_val_if_fail (XB_IS_CHART_VIEW (self), NULL);

  if (self->data == NULL || row < 0 || row >= (int) self->data->rows->len)
    return NULL;
  r = self->data->rows->pdata[row];
  text = g_string_new (r->label);
  for (int s = 0; s < self->data->n_series; s++)
    {
      g_autofree char *value = format_value (self->data, r->values[s]);
      /* Translators: a series name and its value in a chart's tooltip, e.g. "Adopted: 12" */
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("%s: %s"),
                              self->data->series[s] ? self->data->series[s] : "", value);
    }
  if (r->marker >= 0 && self->data->marker_name != NULL)
    {
      g_autofree char *value = format_value (self->data, r->marker);
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("%s: %s"), self->data->marker_name, value);
    }
  return g_string_free (text, FALSE);
}

char *
xb_chart_view_describe (XbChartView *self)
{
  GString *text;

  g_return_val_if_fail (XB_IS_CHART_VIEW (self), NULL);

  if (self->data == NULL || self->data->rows->len == 0)
    return g_strdup (_("No figures"));
  text = g_string_new (NULL);
  for (guint i = 0; i < self->data->rows->len; i++)
    {
      g_autofree char *row = xb_chart_view_describe_row (self, i);
      g_strdelimit (row, "\n", ';');
      if (text->len > 0)
        g_string_append (text, ". ");
      g_string_append (text, row);
    }
  return g_string_free (text, FALSE);
}

/* Tells assistive technologies only what changed: each update is an event
 * a screen reader has to process. */
static void
update_accessible (XbChartView *self)
{
  g_autofree char *description = xb_chart_view_describe (self);
  const char *label = self->data && self->data->title ? self->data->title : _("Chart");

  if (g_strcmp0 (label, self->a11y_label) != 0)
    {
      g_free (self->a11y_label);
      self->a11y_label = g_strdup (label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
  if (g_strcmp0 (description, self->a11y_description) != 0)
    {
      g_free (self->a11y_description);
      self->a11y_description = g_steal_pointer (&description);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      self->a11y_description, -1);
    }
}

/* The band [*start, *end) of @row along the chart's category axis, found
 * through the routine's own hit testing so the two never disagree. */
static gboolean
row_band (XbChartView *self,
          int          row,
          double      *start,
          double      *end)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  gboolean bars = self->data->kind == XB_CHART_BARS;
  int length = bars ? height : width;
  int first = -1, last = -1;

  for (int p = 0; p < length; p++)
    {
      int r = bars ? xb_chart_row_at (self->data, width, height, width / 2.0, p + 0.5)
                   : xb_chart_row_at (self->data, width, height, p + 0.5, height / 2.0);
      if (r == row)
        {
          if (first < 0)
            first = p;
          last = p;
        }
    }
  if (first < 0)
    return FALSE;
  *start = first;
  *end = last + 1;
  return TRUE;
}

static void
xb_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  XbChartView *self = XB_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  XbChartStyle style;
  double start, end;
  cairo_t *cr;

  if (self->data == NULL || width <= 0 || height <= 0)
    return;

  if (self->highlight >= 0 && row_band (self, self->highlight, &start, &end))
    {
      GtkStyleContext *context = gtk_widget_get_style_context (widget);
      XbColor c = theme_color (context, "accent_bg_color", 0x3584e4,
                               gtk_widget_has_focus (widget) ? 0.18 : 0.10);
      GdkRGBA rgba = { c.r, c.g, c.b, c.a };
      graphene_rect_t rect = self->data->kind == XB_CHART_BARS
        ? GRAPHENE_RECT_INIT (0, start, width, end - start)
        : GRAPHENE_RECT_INIT (start, 0, end - start, height);

      gtk_snapshot_append_color (snapshot, &rgba, &rect);
    }

  xb_chart_view_get_style (self, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  xb_chart_draw (cr, self->data, &style, width, height);
  cairo_destroy (cr);
  xb_chart_style_clear (&style);
}

static GtkSizeRequestMode
xb_chart_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
xb_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  XbChartView *self = XB_CHART_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 560;
    }
  else
    {
      double width = for_size > 0 ? for_size : 560;
      *minimum = *natural = self->data ? (int) ceil (xb_chart_natural_height (self->data, width)) : 48;
    }
}

void
xb_chart_view_set_highlight (XbChartView *self,
                             int          row)
{
  g_return_if_fail (XB_IS_CHART_VIEW (self));

  if (self->data == NULL || row < 0 || row >= (int) self->data->rows->len)
    row = -1;
  if (row == self->highlight)
    return;
  self->highlight = row;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
xb_chart_view_get_highlight (XbChartView *self)
{
  g_return_val_if_fail (XB_IS_CHART_VIEW (self), -1);
  return self->highlight;
}

int
xb_chart_view_hover (XbChartView *self,
                     double       x,
                     double       y)
{
  int row = -1;
  g_autofree char *text = NULL;

  g_return_val_if_fail (XB_IS_CHART_VIEW (self), -1);

  if (self->data != NULL)
    row = xb_chart_row_at (self->data, gtk_widget_get_width (GTK_WIDGET (self)),
                           gtk_widget_get_height (GTK_WIDGET (self)), x, y);
  xb_chart_view_set_highlight (self, row);
  text = xb_chart_view_describe_row (self, row);
  if (g_strcmp0 (text, gtk_widget_get_tooltip_text (GTK_WIDGET (self))) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
  return row;
}

void
xb_chart_view_activate_row (XbChartView *self,
                            int          row)
{
  g_return_if_fail (XB_IS_CHART_VIEW (self));

  if (self->data == NULL || row < 0 || row >= (int) self->data->rows->len)
    return;
  xb_chart_view_set_highlight (self, row);
  g_signal_emit (self, signals[ROW_ACTIVATED], 0, row);
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           XbChartView              *self)
{
  xb_chart_view_hover (self, x, y);
}

static void
on_leave (GtkEventControllerMotion *motion,
          XbChartView              *self)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    xb_chart_view_set_highlight (self, -1);
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             XbChartView     *self)
{
  int row = xb_chart_view_hover (self, x, y);

  if (row >= 0)
    xb_chart_view_activate_row (self, row);
}

static gboolean
on_key_pressed (GtkEventControllerKey *keys,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                XbChartView           *self)
{
  int n = self->data ? (int) self->data->rows->len : 0;
  int step = 0;

  if (n == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Up: case GDK_KEY_KP_Up: case GDK_KEY_Left: case GDK_KEY_KP_Left:
      step = -1;
      break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: case GDK_KEY_Right: case GDK_KEY_KP_Right:
      step = 1;
      break;
    case GDK_KEY_Home:
      xb_chart_view_set_highlight (self, 0);
      break;
    case GDK_KEY_End:
      xb_chart_view_set_highlight (self, n - 1);
      break;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter: case GDK_KEY_space:
      xb_chart_view_activate_row (self, self->highlight);
      return self->highlight >= 0;
    default:
      return FALSE;
    }
  if (step != 0)
    xb_chart_view_set_highlight (self, self->highlight < 0 ? 0 : CLAMP (self->highlight + step, 0, n - 1));
  {
    g_autofree char *text = xb_chart_view_describe_row (self, self->highlight);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
  }
  return TRUE;
}

static void
on_focus_changed (XbChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
xb_chart_view_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (xb_chart_view_parent_class)->css_changed (widget, change);
  /* Dark mode or a new accent: draw again in the new colours. */
  gtk_widget_queue_draw (widget);
}

static void
xb_chart_view_finalize (GObject *object)
{
  XbChartView *self = XB_CHART_VIEW (object);

  g_clear_pointer (&self->data, xb_chart_data_free);
  g_clear_pointer (&self->a11y_label, g_free);
  g_clear_pointer (&self->a11y_description, g_free);
  G_OBJECT_CLASS (xb_chart_view_parent_class)->finalize (object);
}

static void
xb_chart_view_class_init (XbChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = xb_chart_view_finalize;
  widget_class->snapshot = xb_chart_view_snapshot;
  widget_class->measure = xb_chart_view_measure;
  widget_class->get_request_mode = xb_chart_view_get_request_mode;
  widget_class->css_changed = xb_chart_view_css_changed;

  /**
   * XbChartView::row-activated:
   * @row: the index of the row clicked or activated with Enter
   */
  signals[ROW_ACTIVATED] =
    g_signal_new ("row-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
xb_chart_view_init (XbChartView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->highlight = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect (self, "notify::has-focus", G_CALLBACK (on_focus_changed), NULL);
  update_accessible (self);
}

GtkWidget *
xb_chart_view_new (void)
{
  return g_object_new (XB_TYPE_CHART_VIEW, NULL);
}

void
xb_chart_view_set_data (XbChartView *self,
                        XbChartData *data)
{
  g_return_if_fail (XB_IS_CHART_VIEW (self));

  if (self->data != data)
    g_clear_pointer (&self->data, xb_chart_data_free);
  self->data = data;
  self->highlight = -1;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static gboolean
rows_equal (const XbChartRow *a,
            const XbChartRow *b,
            int               n_series)
{
  if (g_strcmp0 (a->label, b->label) != 0 || a->marker != b->marker)
    return FALSE;
  for (int s = 0; s < n_series; s++)
    if (a->values[s] != b->values[s])
      return FALSE;
  return TRUE;
}

static gboolean
data_equal (const XbChartData *a,
            const XbChartData *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->kind != b->kind || a->format != b->format || a->n_series != b->n_series ||
      g_strcmp0 (a->title, b->title) != 0 || g_strcmp0 (a->marker_name, b->marker_name) != 0 ||
      a->rows->len != b->rows->len)
    return FALSE;
  for (int s = 0; s < a->n_series; s++)
    if (g_strcmp0 (a->series[s], b->series[s]) != 0)
      return FALSE;
  for (guint i = 0; i < a->rows->len; i++)
    if (!rows_equal (a->rows->pdata[i], b->rows->pdata[i], a->n_series))
      return FALSE;
  return TRUE;
}

gboolean
xb_chart_view_update_data (XbChartView *self,
                           XbChartData *data)
{
  double old_height, new_height;

  g_return_val_if_fail (XB_IS_CHART_VIEW (self), FALSE);

  if (data == self->data)
    return FALSE;
  if (data_equal (self->data, data))
    {
      g_clear_pointer (&data, xb_chart_data_free);
      return FALSE;
    }
  old_height = self->data ? xb_chart_natural_height (self->data, 560) : -1;
  new_height = data ? xb_chart_natural_height (data, 560) : -1;
  g_clear_pointer (&self->data, xb_chart_data_free);
  self->data = data;
  if (data == NULL || self->highlight >= (int) data->rows->len)
    self->highlight = -1;
  /* A tooltip on show follows the row under it. */
  if (gtk_widget_get_tooltip_text (GTK_WIDGET (self)) != NULL)
    {
      g_autofree char *text = xb_chart_view_describe_row (self, self->highlight);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
    }
  update_accessible (self);
  if (old_height != new_height)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

const XbChartData *
xb_chart_view_get_data (XbChartView *self)
{
  g_return_val_if_fail (XB_IS_CHART_VIEW (self), NULL);
  return self->data;
}

guint
xb_chart_view_get_n_rows (XbChartView *self)
{
  g_return_val_if_fail (XB_IS_CHART_VIEW (self), 0);
  return self->data ? self->data->rows->len : 0;
}

gboolean
xb_chart_view_export (XbChartView *self,
                      const char  *path,
                      double       width,
                      GError     **error)
{
  XbChartStyle style;
  gboolean ok;

  g_return_val_if_fail (XB_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (self->data != NULL, FALSE);

  xb_chart_style_init_print (&style);
  ok = xb_chart_export (self->data, &style, path, width,
                        ceil (xb_chart_natural_height (self->data, width)), error);
  xb_chart_style_clear (&style);
  return ok;
}
