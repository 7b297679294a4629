/* Benchmark under Xvfb: a new process to its first frame and to the items on show, with its resident memory, against a bare libadwaita window's process in the same run. */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "xb-application.h"
#include "xb-item-list.h"
#include "xb-window.h"

#define RUNS 7

/* ---- the child: one start-up, reported on standard output ------------------------- */

static long
resident_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return strtol (line + 6, NULL, 10);
}

static void
report (const char *what)
{
  /* CLOCK_MONOTONIC is the machine's, so the parent can subtract its spawn time. */
  printf ("%s %" G_GINT64_FORMAT " %ld\n", what, g_get_monotonic_time (), resident_kib ());
  fflush (stdout);
}

/* The app's child exits once it has both its first frame and the items on
 * show, whichever comes last (a fast count can show the items first). */
static gboolean frame_seen, items_seen;

static void
on_after_paint (GdkFrameClock *clock, gpointer exit_after)
{
  if (frame_seen)
    return;
  frame_seen = TRUE;
  report ("frame");
  if (exit_after == NULL || items_seen)
    exit (0);
}

/* Once the window has its surface: the first frame drawn on it. */
static void
on_map (GtkWidget *window, gpointer exit_after)
{
  GdkFrameClock *clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window)));

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), exit_after);
}

static void
watch_first_frame (GtkWidget *window, gpointer exit_after)
{
  if (gtk_widget_get_mapped (window))
    on_map (window, exit_after);
  else
    g_signal_connect (window, "map", G_CALLBACK (on_map), exit_after);
}

static void
on_items (XbItemList *list)
{
  if (!items_seen && !xb_item_list_get_loading (list) && xb_item_list_get_n_items (list) > 0)
    {
      items_seen = TRUE;
      report ("items");
      if (frame_seen)
        exit (0);
    }
}

static int
child_bare (void)
{
  GtkWidget *window;

  gtk_init ();
  adw_init ();
  window = adw_application_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  watch_first_frame (window, NULL);
  gtk_window_present (GTK_WINDOW (window));
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

static int
child_app (const char *store_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = NULL;
  XbApplication *app;
  XbWindow *window;
  XbItemList *list;

  xb_application_init_i18n ();
  gtk_init ();
  adw_init ();
  app = xb_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  store = xb_store_open (store_path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  window = xb_window_new (app, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  watch_first_frame (GTK_WIDGET (window), GINT_TO_POINTER (1));
  gtk_window_present (GTK_WINDOW (window));
  list = xb_window_get_item_list (window);
  g_signal_connect (list, "notify::loading", G_CALLBACK (on_items), NULL);
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

/* ---- the parent: runs the children and sums up ------------------------------------- */

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *v, int n)
{
  qsort (v, n, sizeof *v, compare_double);
  return v[n / 2];
}

/* Spawns @argv and reads "what ms kib" lines: wall time from the spawn. */
static void
run_child (const char *const *argv, double *frame_ms, double *items_ms, long *kib)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 spawned = g_get_monotonic_time ();

  child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  if (child == NULL || !g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error))
    g_error ("%s", error->message);
  lines = g_strsplit (out ? out : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char what[16];
      long long at;
      long rss;
      if (sscanf (lines[i], "%15s %lld %ld", what, &at, &rss) != 3)
        continue;
      if (g_str_equal (what, "frame"))
        *frame_ms = (at - spawned) / 1000.0, *kib = rss;
      else if (g_str_equal (what, "items"))
        *items_ms = (at - spawned) / 1000.0, *kib = rss;
    }
}

static int
parent (const char *self, const char *store_path)
{
  double bare_frame[RUNS], app_frame[RUNS], app_items[RUNS], unused;
  long bare_kib = 0, app_kib = 0;
  const char *bare_argv[] = { self, "bare", NULL };
  const char *app_argv[] = { self, "app", store_path, NULL };

  for (int r = 0; r < RUNS; r++)
    {
      run_child (bare_argv, &bare_frame[r], &unused, &bare_kib);
      run_child (app_argv, &app_frame[r], &app_items[r], &app_kib);
    }
  printf ("store: %s\n", store_path);
  printf ("bare AdwApplicationWindow: first frame median %.1f ms, resident %ld KiB\n", median (bare_frame, RUNS), bare_kib);
  printf ("Xinbao window: first frame median %.1f ms, items on show median %.1f ms, resident %ld KiB\n",
          median (app_frame, RUNS), median (app_items, RUNS), app_kib);
  printf ("ratio first frame / bare: %.2f; items on show / bare: %.2f\n",
          median (app_frame, RUNS) / median (bare_frame, RUNS), median (app_items, RUNS) / median (bare_frame, RUNS));
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc == 2 && g_str_equal (argv[1], "bare"))
    return child_bare ();
  if (argc == 3 && g_str_equal (argv[1], "app"))
    return child_app (argv[2]);
  if (argc == 2)
    return parent (argv[0], argv[1]);
  fprintf (stderr, "usage: %s STORE.db\n", argv[0]);
  return 2;
}
