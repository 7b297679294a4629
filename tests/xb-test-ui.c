/* Test support for UI tests: toolkit set-up, waiting on the main loop, widget lookup, screenshots and per-locale subprocesses. */
#include "config.h"

#include "xb-test-ui.h"

void
xb_test_ui_init (void)
{
  xb_application_init_i18n ();
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

XbApplication *
xb_test_ui_new_application (void)
{
  g_autoptr(XbApplication) app = xb_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&app);
}

static gboolean
timed_out (gpointer user_data)
{
  g_error ("Timed out waiting for %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
keep_ticking (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
xb_test_ui_wait_until (XbTestUiDone  done,
                       gpointer      user_data,
                       const char   *what)
{
  guint timeout = g_timeout_add_seconds (XB_TEST_UI_TIMEOUT_SECONDS, timed_out, (gpointer) what);
  /* Conditions that no event announces (a file, another process) are
   * looked at again every 50 ms. */
  guint tick = g_timeout_add (50, keep_ticking, NULL);

  while (!done (user_data))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_source_remove (timeout);
}

static gboolean
set_flag (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
xb_test_ui_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
count_paint (GdkFrameClock *clock,
             guint         *n_paints)
{
  (*n_paints)++;
}

void
xb_test_ui_wait_for_paint (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (root));
  GdkFrameClock *clock = gdk_surface_get_frame_clock (surface);
  guint n_paints = 0;
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (count_paint), &n_paints);
  guint timeout = g_timeout_add_seconds (XB_TEST_UI_TIMEOUT_SECONDS, timed_out, (gpointer) "a paint");

  while (n_paints < 2)
    {
      gtk_widget_queue_draw (GTK_WIDGET (root));
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (timeout);
  g_signal_handler_disconnect (clock, handler);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

GtkWidget *
xb_test_ui_show (GtkWidget *widget,
                 int        width,
                 int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  xb_test_ui_wait_for_paint (widget);
  return window;
}

GtkWidget *
xb_test_ui_find_widget (GtkWidget *root,
                        GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = xb_test_ui_find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
xb_test_ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

typedef struct {
  GType      type;
  GtkWidget *found;
} Toplevel;

static gboolean
toplevel_open (gpointer user_data)
{
  Toplevel *t = user_data;

  t->found = xb_test_ui_find_toplevel (t->type);
  return t->found != NULL;
}

GtkWidget *
xb_test_ui_wait_toplevel (GType type)
{
  Toplevel t = { type, NULL };

  xb_test_ui_wait_until (toplevel_open, &t, g_type_name (type));
  return t.found;
}

static const char *
widget_text (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return gtk_button_get_label (GTK_BUTTON (widget));
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_label (GTK_LABEL (widget));
  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  return NULL;
}

GtkWidget *
xb_test_ui_find_by_label (GtkWidget  *root,
                          const char *text)
{
  const char *tooltip = gtk_widget_get_tooltip_text (root);

  if (g_strcmp0 (widget_text (root), text) == 0 || g_strcmp0 (tooltip, text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = xb_test_ui_find_by_label (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
xb_test_ui_find_by_name (GtkWidget  *root,
                         const char *name)
{
  const char *id = GTK_IS_BUILDABLE (root) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)) : NULL;

  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0 || g_strcmp0 (id, name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = xb_test_ui_find_by_name (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

char *
xb_test_ui_save_png (GtkWidget  *widget,
                     const char *name)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  char *path = g_build_filename (g_test_get_dir (G_TEST_BUILT), name, NULL);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      /* Not drawn yet (a slow machine, a sanitizer): let it paint once. */
      xb_test_ui_wait_for_paint (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s (%d×%d)", path, width, height);
  return path;
}

/* TRUE when a snapshot of @widget gives a render node. */
static gboolean
draws (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (snapshot);
  return node != NULL;
}

char *
xb_test_ui_try_save_png (GtkWidget  *widget,
                         const char *name)
{
  g_assert_cmpint (gtk_widget_get_width (widget), >, 0);
  g_assert_cmpint (gtk_widget_get_height (widget), >, 0);
  for (int tries = 0; !draws (widget) && tries < 5; tries++)
    xb_test_ui_wait_for_paint (widget);
  if (!draws (widget))
    {
      g_test_message ("No screenshot %s: the widget did not draw", name);
      return NULL;
    }
  return xb_test_ui_save_png (widget, name);
}

void
xb_test_ui_in_subprocess (void      (*body) (void),
                          const char *language)
{
  if (g_test_subprocess ())
    {
      body ();
      return;
    }

  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  g_setenv ("LANG", "C.UTF-8", TRUE);
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");

  g_test_trap_subprocess (NULL, 280 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

gboolean
xb_test_ui_zh_cn_available (void)
{
  const char *localedir = g_getenv ("XB_LOCALEDIR");
  g_autofree char *mo = NULL;

  if (localedir == NULL)
    return FALSE;
  mo = g_build_filename (localedir, "zh_CN", "LC_MESSAGES", "xinbao.mo", NULL);
  return g_file_test (mo, G_FILE_TEST_EXISTS);
}
