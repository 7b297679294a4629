/* Benchmark under Xvfb: frame work while scrolling the item list, against a plain GtkListView of as many rows in the same run. */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "xb-application.h"
#include "xb-demo.h"
#include "xb-item-list.h"

#define RUNS 20

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *what, GArray *ms)
{
  double *v = (double *) ms->data;

  qsort (v, ms->len, sizeof *v, compare_double);
  printf ("%-44s median %7.2f ms  p95 %7.2f ms  max %7.2f ms  (n=%u)\n", what, v[ms->len / 2],
          v[MIN ((guint) (ms->len * 0.95), ms->len - 1)], v[ms->len - 1], ms->len);
}

static double
median_of (GArray *ms)
{
  qsort (ms->data, ms->len, sizeof (double), compare_double);
  return g_array_index (ms, double, ms->len / 2);
}

/* ---- waiting for frames ---------------------------------------------------------- */

typedef struct {
  gint64 started;
  double ms;
  gboolean done;
  gint64 work_started;  /* before-paint of the frame */
  double work_ms;       /* before-paint to after-paint: the frame's own work */
} Frame;

static void
on_before_paint (GdkFrameClock *clock, Frame *frame)
{
  frame->work_started = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock, Frame *frame)
{
  if (frame->done)
    return;
  frame->ms = (g_get_monotonic_time () - frame->started) / 1000.0;
  if (frame->work_started != 0)
    frame->work_ms = (g_get_monotonic_time () - frame->work_started) / 1000.0;
  frame->done = TRUE;
}

/* Runs @start, then waits for the next painted frame of @window: milliseconds. */
static double frame_work_ms;  /* of the last time_to_frame() */

static double
time_to_frame (GtkWidget *window, void (*start) (gpointer), gpointer data)
{
  GdkFrameClock *clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window)));
  Frame frame = { 0 };
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &frame);
  gulong before = g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &frame);

  frame.started = g_get_monotonic_time ();
  start (data);
  gtk_widget_queue_draw (window);
  while (!frame.done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  g_signal_handler_disconnect (clock, before);
  frame_work_ms = frame.work_ms;
  return frame.ms;
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
nothing (gpointer data)
{
}

/* ---- scrolling ------------------------------------------------------------------- */

typedef struct {
  GtkAdjustment *adjustment;
  double         step;
} Scroll;

static void
scroll_once (gpointer data)
{
  Scroll *s = data;
  double next = gtk_adjustment_get_value (s->adjustment) + s->step;

  if (next > gtk_adjustment_get_upper (s->adjustment) - gtk_adjustment_get_page_size (s->adjustment))
    next = 0;
  gtk_adjustment_set_value (s->adjustment, next);
}

static GArray *
scroll_frames (GtkWidget *window, GtkAdjustment *adjustment, int frames)
{
  GArray *ms = g_array_new (FALSE, FALSE, sizeof (double));
  Scroll s = { adjustment, 0 };

  /* Ten rows a frame, jumping far now and then as a flung list does. */
  for (int f = 0; f < frames; f++)
    {
      double v;
      s.step = f % 25 == 24 ? gtk_adjustment_get_upper (adjustment) / 7 : gtk_adjustment_get_page_size (adjustment) / 2;
      time_to_frame (window, scroll_once, &s);
      /* The frame's own work, not the wait for the display's next tick. */
      v = frame_work_ms;
      g_array_append_val (ms, v);
    }
  return ms;
}

static GtkAdjustment *
find_vadjustment (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkAdjustment *found = find_vadjustment (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
plain_list (guint n)
{
  GtkStringList *strings = gtk_string_list_new (NULL);
  GtkListItemFactory *factory;
  GtkWidget *view, *scroller = gtk_scrolled_window_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *s = g_strdup_printf ("第%u条信息 全区扎实推进春耕备耕工作", i);
      gtk_string_list_append (strings, s);
    }
  {
    static const char ui[] =
      "<interface><template class=\"GtkListItem\"><property name=\"child\"><object class=\"GtkLabel\">"
      "<binding name=\"label\"><lookup name=\"string\" type=\"GtkStringObject\"><lookup name=\"item\">GtkListItem</lookup>"
      "</lookup></binding></object></property></template></interface>";
    g_autoptr(GBytes) bytes = g_bytes_new_static (ui, sizeof ui - 1);
    factory = gtk_builder_list_item_factory_new_from_bytes (NULL, bytes);
  }
  view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (strings))), factory);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  return scroller;
}

static gboolean
list_ready (XbItemList *list)
{
  return !xb_item_list_get_loading (list) && xb_item_list_get_n_items (list) > 0;
}

static void
bench_scroll (XbStore *store)
{
  GtkWidget *window = gtk_window_new ();
  XbItemList *list = XB_ITEM_LIST (xb_item_list_new ());
  g_autoptr(GArray) list_ms = NULL;
  g_autoptr(GArray) plain_ms = NULL;
  GtkWidget *plain;
  guint n;

  xb_item_list_set_store (list, store);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (list));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (!list_ready (list))
    g_main_context_iteration (NULL, TRUE);
  n = xb_item_list_get_n_items (list);
  time_to_frame (window, nothing, NULL);
  /* The rows' own adjustment: the filter bar scrolls sideways in its own. */
  list_ms = scroll_frames (window, gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (xb_item_list_get_column_view (list))),
                           300);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();

  window = gtk_window_new ();
  plain = plain_list (n);
  gtk_window_set_child (GTK_WINDOW (window), plain);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  time_to_frame (window, nothing, NULL);
  plain_ms = scroll_frames (window, find_vadjustment (plain), 300);
  gtk_window_destroy (GTK_WINDOW (window));

  printf ("rows: %u\n", n);
  report ("item list (SQL pages): scroll, frame work", list_ms);
  report ("baseline: GtkListView of strings, frame work", plain_ms);
  printf ("ratio list / baseline (medians): %.2f\n", median_of (list_ms) / median_of (plain_ms));
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s STORE.db\n", argv[0]);
      return 2;
    }
  xb_application_init_i18n ();
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  store = xb_store_open (argv[1], &error);
  if (store == NULL)
    g_error ("%s", error->message);
  bench_scroll (store);
  return 0;
}
