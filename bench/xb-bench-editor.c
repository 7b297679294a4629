/* Benchmark: opening the item editor on a saved draft until its first paint, against an empty AdwApplicationWindow's first frame. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "xb-item-editor.h"

typedef struct {
  XbStore      *store;
  XbSyncEngine *engine;
  char         *uuid;
  int           runs;
  GArray       *baseline;
  GArray       *editor;
} Bench;

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  qsort (values->data, values->len, sizeof (double), compare_double);
  return g_array_index (values, double, values->len / 2);
}

static void
on_paint (GdkFrameClock *clock, gboolean *painted)
{
  *painted = TRUE;
}

/* Presents @window and runs the main loop until its first frame is painted;
 * returns the milliseconds since @start, then destroys the window. */
static double
until_first_paint (GtkWindow *window, gint64 start)
{
  gboolean painted = FALSE;
  GdkFrameClock *clock;
  double ms;

  gtk_window_present (window);
  clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window)));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_paint), &painted);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_signal_handlers_disconnect_by_func (clock, on_paint, &painted);
  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return ms;
}

static double
open_empty (GtkApplication *app)
{
  gint64 start = g_get_monotonic_time ();
  GtkWidget *window = adw_application_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  return until_first_paint (GTK_WINDOW (window), start);
}

static double
open_editor (GtkApplication *app, Bench *bench)
{
  gint64 start = g_get_monotonic_time ();
  GtkWidget *window = adw_application_window_new (app);
  XbItemEditor *editor = XB_ITEM_EDITOR (xb_item_editor_new ());
  g_autoptr(GError) error = NULL;

  xb_item_editor_set_store (editor, bench->store);
  xb_item_editor_set_engine (editor, bench->engine);
  if (!xb_item_editor_load (editor, bench->uuid, &error))
    g_error ("Cannot load the draft: %s", error->message);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), GTK_WIDGET (editor));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  return until_first_paint (GTK_WINDOW (window), start);
}

/* A signed-in officer of one county with a draft of about 3,000 characters. */
static void
make_draft (Bench *bench, GtkApplication *app, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbUnit) unit = xb_unit_new ();
  g_autoptr(XbUser) user = xb_user_new ();
  g_autoptr(XbSyncClient) client = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  const char *priorities[] = { "营商环境", "乡村振兴", "民生保障", NULL };
  g_autofree char *id = NULL;
  GtkWidget *window = adw_application_window_new (app);
  XbItemEditor *editor = XB_ITEM_EDITOR (xb_item_editor_new ());

  bench->store = xb_store_open (path, &error);
  g_assert_no_error (error);
  unit->name = g_strdup ("武都区人民政府办公室");
  unit->kind = XB_UNIT_KIND_COUNTY;
  unit->monthly_quota = -1;
  user->username = g_strdup ("officer");
  user->display_name = g_strdup ("信息员");
  if (!xb_store_put_unit (bench->store, unit, &error))
    g_error ("%s", error->message);
  user->unit_id = unit->id;
  user->roles = XB_ROLE_BIT (XB_ROLE_OFFICER);
  if (!xb_store_put_user (bench->store, user, NULL, &error))
    g_error ("%s", error->message);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, user->id);
  if (!xb_store_set_meta (bench->store, "user_id", id, &error) ||
      !xb_store_set_priorities (bench->store, priorities, &error))
    g_error ("%s", error->message);
  /* Nothing listens there: the engine stays offline. */
  client = xb_sync_client_new ("http://127.0.0.1:9", &error);
  g_assert_no_error (error);
  bench->engine = xb_sync_engine_new (bench->store, client);

  for (int i = 0; i < 60; i++)
    g_string_append (body, "今年以来，全区在政务服务大厅推行“一窗通办”，群众办事平均时长缩短一半。\n\n");
  xb_item_editor_set_store (editor, bench->store);
  xb_item_editor_set_engine (editor, bench->engine);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), GTK_WIDGET (editor));
  if (!xb_item_editor_new_draft (editor, &error))
    g_error ("Cannot start a draft: %s", error->message);
  gtk_editable_set_text (GTK_EDITABLE (xb_item_editor_get_title_row (editor)), "武都区推行“一窗通办”群众办事平均时长缩短一半");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (xb_item_editor_get_body_view (editor)), body->str, -1);
  adw_combo_row_set_selected (xb_item_editor_get_category_row (editor), 1);
  if (!xb_item_editor_save (editor, &error))
    g_error ("Cannot save the draft: %s", error->message);
  bench->uuid = g_strdup (xb_item_editor_get_uuid (editor));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_activate (GtkApplication *app, Bench *bench)
{
  g_autofree char *dir = g_dir_make_tmp ("xinbao-bench-editor-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "officer.db", NULL);

  make_draft (bench, app, path);
  /* One warm-up of each: the first window pays for the theme and fonts. */
  open_empty (app);
  open_editor (app, bench);
  for (int i = 0; i < bench->runs; i++)
    {
      double a = open_empty (app);
      double b = open_editor (app, bench);

      g_array_append_val (bench->baseline, a);
      g_array_append_val (bench->editor, b);
    }
  g_clear_object (&bench->engine);
  g_clear_object (&bench->store);
  for (const char *suffix = "\0-wal\0-shm\0"; *suffix || suffix[1]; suffix += strlen (suffix) + 1)
    {
      g_autofree char *file = g_strconcat (path, suffix, NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  Bench bench = { .runs = argc > 1 ? atoi (argv[1]) : 20 };
  g_autoptr(AdwApplication) app = adw_application_new ("org.xinbao.BenchEditor", G_APPLICATION_NON_UNIQUE);
  double base, open;

  if (bench.runs < 1)
    {
      fprintf (stderr, "usage: %s [RUNS]\n", argv[0]);
      return 2;
    }
  bench.baseline = g_array_new (FALSE, FALSE, sizeof (double));
  bench.editor = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), &bench);
  g_application_run (G_APPLICATION (app), 1, argv);
  base = median (bench.baseline);
  open = median (bench.editor);
  printf ("runs: %d\n", bench.runs);
  printf ("empty AdwApplicationWindow to first frame (baseline): median %.1f ms\n", base);
  printf ("editor on a 3,000-character draft to first frame:     median %.1f ms\n", open);
  printf ("editor / baseline: %.2f×, editor cost above baseline: %.1f ms\n", open / base, open - base);
  g_array_unref (bench.baseline);
  g_array_unref (bench.editor);
  g_free (bench.uuid);
  return 0;
}
