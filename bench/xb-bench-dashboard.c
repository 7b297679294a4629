/* Benchmark: the dashboard's frame time with 100 reporting units, against an empty window in the same run. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "xb-application.h"
#include "xb-dashboard.h"
#include "xb-demo.h"

#define FRAMES 120

typedef struct {
  GtkWidget *root;
  gint64     started;     /* when this frame's update phase began */
  gint64     busy;        /* summed update → after-paint time */
  guint      frames;
} Meter;

static void
queue_draw_all (GtkWidget *widget)
{
  gtk_widget_queue_draw (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    queue_draw_all (c);
}

static void
on_update (GdkFrameClock *clock, Meter *m)
{
  m->started = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock, Meter *m)
{
  if (m->started == 0)
    return;
  m->busy += g_get_monotonic_time () - m->started;
  m->started = 0;
  m->frames++;
  /* Everything is drawn again in the next frame, as after a resize or a theme change. */
  queue_draw_all (m->root);
}

/* Mean milliseconds of work per frame with every widget redrawn. */
static double
measure (GtkWidget *window)
{
  Meter m = { .root = window };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gulong u = g_signal_connect (clock, "update", G_CALLBACK (on_update), &m);
  gulong a = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &m);

  queue_draw_all (window);
  gdk_frame_clock_begin_updating (clock);
  while (m.frames < FRAMES)
    g_main_context_iteration (NULL, TRUE);
  gdk_frame_clock_end_updating (clock);
  g_signal_handler_disconnect (clock, u);
  g_signal_handler_disconnect (clock, a);
  return m.busy / 1000.0 / m.frames;
}

static GtkWidget *
present (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  return window;
}

/* Adds reporting units until there are @n. */
static void
fill_units (XbStore *store, guint n)
{
  g_autoptr(GPtrArray) units = xb_store_list_units (store, NULL);
  guint have = 0;

  for (guint i = 0; i < units->len; i++)
    if (((XbUnit *) units->pdata[i])->kind != XB_UNIT_KIND_OFFICE)
      have++;
  for (guint i = have; i < n; i++)
    {
      XbUnit unit = { 0 };
      g_autofree char *name = g_strdup_printf ("基准测试单位%03u", i);

      unit.name = name;
      unit.kind = XB_UNIT_KIND_DEPARTMENT;
      unit.monthly_quota = -1;
      xb_store_put_unit (store, &unit, NULL);
    }
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("xb-bench-dashboard-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(XbStore) store = NULL;
  GtkWidget *empty, *dashboard, *window;
  XbDemoOptions options;
  double base, dash;

  xb_application_init_i18n ();
  gtk_init ();
  adw_init ();
  store = xb_store_open (path, &error);
  g_assert_no_error (error);
  xb_demo_options_init (&options);
  options.n_items = 20000;
  xb_demo_generate (store, &options, NULL, &error);
  g_assert_no_error (error);
  fill_units (store, 100);

  empty = present (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  base = measure (empty);
  gtk_window_destroy (GTK_WINDOW (empty));

  dashboard = xb_dashboard_new ();
  xb_dashboard_set_store (XB_DASHBOARD (dashboard), store);
  window = present (dashboard);
  while (xb_dashboard_get_loading (XB_DASHBOARD (dashboard)) || xb_dashboard_get_n_rows (XB_DASHBOARD (dashboard)) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_print ("units on the dashboard: %u\n", xb_dashboard_get_n_rows (XB_DASHBOARD (dashboard)));
  dash = measure (window);
  g_print ("empty window:  %.3f ms per frame (%d frames)\n", base, FRAMES);
  g_print ("dashboard:     %.3f ms per frame (%d frames, every widget redrawn)\n", dash, FRAMES);
  g_print ("ratio:         %.1f\n", dash / base);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  g_unlink (path);
  return 0;
}
