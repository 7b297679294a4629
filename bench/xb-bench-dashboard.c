/* Benchmark: the dashboard's frame time with 100 reporting units, against an empty window in the same run; with --refresh, the cost of the refreshes a slow sync's reports cause. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "xb-application.h"
#include "xb-dashboard.h"
#include "xb-demo.h"
#include "xb-sync-engine.h"

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

/* ---- --refresh: a sync's reports arriving slowly ------------------------------------------ */

#define REPORTS         10
#define REPORT_EVERY_MS 1000
#define SETTLE_MS       4000

typedef struct {
  XbDashboard  *dashboard;
  XbStore      *store;
  XbSyncEngine *engine;
  XbItem       *template;
  guint         sent;
  gint64        frame_started;
  gint64        frame_busy;
  gint64        frame_max;
  guint         frames;
} Sync;

static void
on_sync_update (GdkFrameClock *clock, Sync *s)
{
  s->frame_started = g_get_monotonic_time ();
}

static void
on_sync_after_paint (GdkFrameClock *clock, Sync *s)
{
  gint64 took;

  if (s->frame_started == 0)
    return;
  took = g_get_monotonic_time () - s->frame_started;
  s->frame_started = 0;
  s->frame_busy += took;
  s->frame_max = MAX (s->frame_max, took);
  s->frames++;
}

/* One page of a sync: a new item submitted now, and the engine's report. */
static gboolean
send_report (gpointer user_data)
{
  Sync *s = user_data;
  g_autoptr(XbItem) item = xb_item_copy (s->template);
  g_autoptr(GError) error = NULL;
  const char *uuids[] = { NULL, NULL };

  g_free (item->uuid);
  item->uuid = g_uuid_string_random ();
  item->submitted_at = item->created_at = item->updated_at = g_get_real_time () / G_USEC_PER_SEC;
  g_ptr_array_set_size (item->events, 0);
  g_array_set_size (item->adoptions, 0);
  g_ptr_array_set_size (item->instructions, 0);
  if (!xb_store_put_item (s->store, item, &error))
    g_error ("%s", error->message);
  uuids[0] = item->uuid;
  g_signal_emit_by_name (s->engine, "items-changed", uuids);
  return ++s->sent < REPORTS ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static XbItem *
submitted_item (XbStore *store)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  XbItemQuery query;

  xb_item_query_init (&query);
  query.states = 1u << XB_STATE_SUBMITTED;
  items = xb_store_list_items (store, &query, 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  return xb_item_copy (items->pdata[0]);
}

/* REPORTS reports one a second, as a sync of many pages on a loaded machine
 * gives them, each with a new submission; then SETTLE_MS for what follows.
 * Counts the refreshes (the spinner's loading state ending) and the trend
 * charts made, and times the main loop's iterations that ended a refresh
 * and every frame drawn meanwhile. */
static void
measure_refreshes (GtkWidget *window, XbDashboard *dashboard, XbStore *store, double full_frame)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbSyncClient) client = xb_sync_client_new ("http://127.0.0.1:9", &error);
  guint trends = 0;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  Sync s = { .dashboard = dashboard, .store = store };
  gint64 apply_busy = 0, apply_max = 0, deadline;
  guint refreshes = 0;
  gboolean was_loading = FALSE;
  gulong u, a;

  g_assert_no_error (error);
  s.engine = xb_sync_engine_new (store, client);
  s.template = submitted_item (store);
  xb_dashboard_set_engine (dashboard, s.engine);
  g_object_set_data (G_OBJECT (xb_dashboard_get_chart (dashboard, "trend")), "bench-seen", GINT_TO_POINTER (1));
  u = g_signal_connect (clock, "update", G_CALLBACK (on_sync_update), &s);
  a = g_signal_connect (clock, "after-paint", G_CALLBACK (on_sync_after_paint), &s);

  g_timeout_add (REPORT_EVERY_MS, send_report, &s);
  deadline = g_get_monotonic_time () + (gint64) (REPORTS * REPORT_EVERY_MS + SETTLE_MS) * 1000;
  while (g_get_monotonic_time () < deadline)
    {
      gint64 t = g_get_monotonic_time ();
      gboolean loading;

      g_main_context_iteration (NULL, FALSE);
      loading = xb_dashboard_get_loading (dashboard);
      if (was_loading && !loading)
        {
          t = g_get_monotonic_time () - t;
          refreshes++;
          apply_busy += t;
          apply_max = MAX (apply_max, t);
        }
      was_loading = loading;
      /* A chart not marked yet is a new widget (addresses are reused). */
      if (xb_dashboard_get_chart (dashboard, "trend") != NULL &&
          g_object_get_data (G_OBJECT (xb_dashboard_get_chart (dashboard, "trend")), "bench-seen") == NULL)
        {
          g_object_set_data (G_OBJECT (xb_dashboard_get_chart (dashboard, "trend")), "bench-seen", GINT_TO_POINTER (1));
          trends++;
        }
      g_usleep (500);
    }
  g_signal_handler_disconnect (clock, u);
  g_signal_handler_disconnect (clock, a);
  xb_dashboard_set_engine (dashboard, NULL);

  g_print ("reports:            %d, one every %d ms, each a new submission\n", REPORTS, REPORT_EVERY_MS);
  g_print ("refreshes:          %u ended (new trend chart widgets: %u)\n", refreshes, trends);
  g_print ("refresh applied:    %.1f ms mean, %.1f ms max (main loop iteration that ended it)\n",
           refreshes ? apply_busy / 1000.0 / refreshes : 0, apply_max / 1000.0);
  g_print ("frames drawn:       %u, %.1f ms of frame work in all, %.1f ms max (the spinner animates while loading)\n",
           s.frames, s.frame_busy / 1000.0, s.frame_max / 1000.0);
  g_print ("main thread in all: %.1f ms (refreshes + frames)\n", (apply_busy + s.frame_busy) / 1000.0);
  g_print ("ratio:              %.1f full dashboard redraws (%.3f ms each)\n",
           (apply_busy + s.frame_busy) / 1000.0 / full_frame, full_frame);
  g_clear_object (&s.engine);
  xb_item_free (s.template);
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
  if (argc > 1 && g_str_equal (argv[1], "--refresh"))
    measure_refreshes (window, XB_DASHBOARD (dashboard), store, dash);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  g_unlink (path);
  return 0;
}
