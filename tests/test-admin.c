/* Tests of the Administration page: units from a real store, retired ones apart, offline creation refused. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "xb-admin-page.h"
#include "xb-test-ui.h"

static void
put_unit (XbStore *store, gint64 id, const char *name, XbUnitKind kind, gboolean retired)
{
  XbUnit unit = { .id = id, .name = (char *) name, .kind = kind, .monthly_quota = -1, .retired = retired };
  g_autoptr(GError) error = NULL;

  g_assert_true (xb_store_put_unit (store, &unit, &error));
  g_assert_no_error (error);
}

static void
test_units_listed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("xb-admin-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (path, &error);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = xb_admin_page_new ();
  GtkWidget *row;
  GtkWidget *button;
  g_autofree char *png = NULL;

  g_assert_no_error (error);
  put_unit (store, 1, "City Office", XB_UNIT_KIND_OFFICE, FALSE);
  put_unit (store, 2, "Old County", XB_UNIT_KIND_COUNTY, TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 700);
  gtk_window_set_child (GTK_WINDOW (window), page);
  xb_admin_page_set_store (XB_ADMIN_PAGE (page), store);
  gtk_window_present (GTK_WINDOW (window));
  xb_test_ui_wait_for_paint (window);

  row = xb_test_ui_find_by_label (page, "City Office");
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_has_css_class (row, "dim-label"));
  row = xb_test_ui_find_by_label (page, "Old County");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_has_css_class (row, "dim-label"));

  /* Offline (no client): creating is refused with a message, nothing written. */
  button = xb_test_ui_find_by_name (page, "admin-create-unit");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  xb_test_ui_spin (50);
  {
    g_autoptr(GPtrArray) units = xb_store_list_units (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (units->len, ==, 2);
  }
  png = xb_test_ui_save_png (window, "admin-units.png");
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  xb_test_ui_init ();
  g_test_add_func ("/admin/units-listed", test_units_listed);
  return g_test_run ();
}
