/* Tests of the CSV import dialog against the real server: the preview with each row's error, Import only when every row is right, the import reaching the server and other clients, files in other encodings refused. */
#include "config.h"

#include <adwaita.h>

#include "test-sync-common.h"
#include "xb-import-dialog.h"
#include "xb-test-ui.h"

/* The rows of units-good.csv and the people of users-gb18030.csv. */
static const char *const good_units[] = {
  "市数据局", "市数据局政务数据中心", "武都区东江镇信息直报点", "陇南市电子政务服务有限公司, 数据分公司", NULL,
};
static const char *const gb_people[][2] = {
  { "zhangwei_gb", "张伟" }, { "lina_gb", "李娜" }, { "wangfang_gb", "王芳" },
};

static GFile *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);

  return g_file_new_for_path (path);
}

static const char *
page_of (XbImportDialog *dialog)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (xb_test_ui_find_by_name (GTK_WIDGET (dialog), "import-pages")));
}

static gboolean
checked (gpointer user_data)
{
  return g_strcmp0 (page_of (user_data), "checking") != 0;
}

static GtkWidget *
named (XbImportDialog *dialog, const char *name)
{
  GtkWidget *widget = xb_test_ui_find_by_name (GTK_WIDGET (dialog), name);

  g_assert_nonnull (widget);
  return widget;
}

/* Loads @file and waits for the server's check; returns the page shown. */
static const char *
load (XbImportDialog *dialog, const char *file)
{
  g_autoptr(GFile) f = fixture (file);

  xb_import_dialog_load_file (dialog, f);
  g_assert_cmpstr (page_of (dialog), ==, "checking");
  xb_test_ui_wait_until (checked, dialog, "the server's check of the file");
  return page_of (dialog);
}

static const char *
label_text (XbImportDialog *dialog, const char *name)
{
  return gtk_label_get_text (GTK_LABEL (named (dialog, name)));
}

/* The error shown under the row of @line, or NULL when it has none. */
static const char *
row_error (XbImportDialog *dialog, guint line)
{
  g_autofree char *name = g_strdup_printf ("import-row-%u", line);
  GtkWidget *row = named (dialog, name);
  GtkWidget *error = xb_test_ui_find_by_name (row, "import-row-error");

  return error != NULL ? gtk_label_get_text (GTK_LABEL (error)) : NULL;
}

static guint
count_rows (XbImportDialog *dialog)
{
  guint n = 0;

  for (GtkWidget *w = gtk_widget_get_first_child (named (dialog, "import-rows")); w; w = gtk_widget_get_next_sibling (w))
    n++;
  return n;
}

static gboolean
import_enabled (XbImportDialog *dialog)
{
  GtkWidget *import = named (dialog, "import-import");

  return gtk_widget_get_visible (import) && gtk_widget_is_sensitive (import);
}

typedef struct {
  XbImportDialog *dialog;
  guint           imported;  /* emissions of "imported" */
  guint           n_rows;    /* its argument */
} Watch;

static void
on_imported (XbImportDialog *dialog, guint n_rows, Watch *watch)
{
  watch->imported++;
  watch->n_rows = n_rows;
}

/* The import answered: the done page, or a refusal over the preview. */
static gboolean
answered (gpointer user_data)
{
  XbImportDialog *dialog = user_data;

  return g_strcmp0 (page_of (dialog), "done") == 0
         || gtk_widget_get_visible (xb_test_ui_find_by_name (GTK_WIDGET (dialog), "import-message"));
}

static void
press_import (XbImportDialog *dialog)
{
  g_assert_true (import_enabled (dialog));
  gtk_widget_activate (named (dialog, "import-import"));
  xb_test_ui_wait_until (answered, dialog, "the server's answer to the import");
}

static XbImportDialog *
open_dialog (XbImportKind kind, TestClient *admin, Watch *watch, int width)
{
  XbImportDialog *dialog = xb_import_dialog_new (NULL, kind, admin != NULL ? admin->client : NULL,
                                                 admin != NULL ? admin->engine : NULL);

  *watch = (Watch) { dialog, 0, 0 };
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported), watch);
  gtk_window_set_default_size (GTK_WINDOW (dialog), width, 760);
  gtk_window_present (GTK_WINDOW (dialog));
  xb_test_ui_wait_for_paint (GTK_WIDGET (dialog));
  return dialog;
}

/* ---- the server, seen without the dialog ---------------------------------------------- */

/* The names of every unit in the server's feed. */
static GHashTable *
server_units (XbTestServer *server, TestClient *as)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 since = 0;
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/changes?since=%lld&limit=1000", (long long) since);
      guint status = 0;
      g_autoptr(GBytes) body = server_get (server, xb_sync_client_get_token (as->client), path, &status);
      g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (body, NULL), NULL);
      JsonObject *obj;
      JsonArray *changes;

      g_assert_cmpuint (status, ==, 200);
      obj = json_node_get_object (root);
      changes = json_object_get_array_member (obj, "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);

          if (g_strcmp0 (json_object_get_string_member (change, "kind"), "unit") == 0)
            g_hash_table_add (names, g_strdup (json_object_get_string_member (json_object_get_object_member (change, "data"), "name")));
        }
      since = json_object_get_int_member (obj, "next");
      more = json_object_get_boolean_member (obj, "more");
    }
  return names;
}

static gboolean
server_has_unit (XbTestServer *server, TestClient *as, const char *name)
{
  g_autoptr(GHashTable) names = server_units (server, as);

  return g_hash_table_contains (names, name);
}

/* The display name of the server's account @username, or NULL. */
static char *
server_user_name (XbTestServer *server, TestClient *as, const char *username)
{
  guint status = 0;
  g_autoptr(GBytes) body = server_get (server, xb_sync_client_get_token (as->client), "/api/v1/admin/users", &status);
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (body, NULL), NULL);
  JsonArray *users;

  g_assert_cmpuint (status, ==, 200);
  users = json_object_get_array_member (json_node_get_object (root), "users");
  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      JsonObject *user = json_array_get_object_element (users, i);

      if (g_strcmp0 (json_object_get_string_member (user, "username"), username) == 0)
        return g_strdup (json_object_get_string_member (user, "display_name"));
    }
  return NULL;
}

static gboolean
store_has_unit (XbStore *store, const char *name)
{
  g_autoptr(GPtrArray) units = xb_store_list_units (store, NULL);

  for (guint i = 0; units != NULL && i < units->len; i++)
    if (g_strcmp0 (((XbUnit *) units->pdata[i])->name, name) == 0)
      return TRUE;
  return FALSE;
}

static char *
store_user_name (XbStore *store, const char *username)
{
  g_autoptr(GPtrArray) users = xb_store_list_users (store, NULL);

  for (guint i = 0; users != NULL && i < users->len; i++)
    if (g_strcmp0 (((XbUser *) users->pdata[i])->username, username) == 0)
      return g_strdup (((XbUser *) users->pdata[i])->display_name);
  return NULL;
}

/* Imports a one-row units file behind the dialog's back. */
static void
import_behind (TestClient *admin, const char *csv)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(XbResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  xb_sync_client_request_async (admin->client, "POST", "/api/v1/admin/import/units", csv, NULL, on_result, &result);
  response = xb_sync_client_request_finish (admin->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
}

static void
screenshot (XbImportDialog *dialog, int width, const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s%s.png", name, g_getenv ("LANGUAGE") != NULL ? "-zh_CN" : "");

  int shown;

  gtk_window_set_default_size (GTK_WINDOW (dialog), width, 760);
  xb_test_ui_wait_for_paint (GTK_WIDGET (dialog));
  /* An AdwWindow under Xvfb comes out narrower than its default size by its
   * frame: ask for that much more so the content is @width wide. */
  shown = gtk_widget_get_width (GTK_WIDGET (dialog));
  if (shown != width)
    {
      gtk_window_set_default_size (GTK_WINDOW (dialog), 2 * width - shown, 760);
      xb_test_ui_wait_for_paint (GTK_WIDGET (dialog));
    }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), ==, width);
  g_free (xb_test_ui_save_png (GTK_WIDGET (dialog), file));
}

/* ---- the cases ------------------------------------------------------------------------ */

/* Unknown kind, unknown parent, a name twice, a name taken, a bad quota:
 * each row says why; nothing can be imported and nothing was written. */
static void
check_bad_units (XbTestServer *server, TestClient *admin)
{
  Watch watch;
  XbImportDialog *dialog = open_dialog (XB_IMPORT_UNITS, admin, &watch, 900);

  g_assert_cmpstr (load (dialog, "units-bad.csv"), ==, "preview");
  g_assert_cmpuint (count_rows (dialog), ==, 6);
  g_assert_null (row_error (dialog, 2));
  g_assert_nonnull (strstr (row_error (dialog, 3), "headquarters"));
  g_assert_nonnull (strstr (row_error (dialog, 4), "西和县城关镇人民政府"));
  g_assert_nonnull (strstr (row_error (dialog, 5), "市人民防空办公室"));
  g_assert_nonnull (strstr (row_error (dialog, 6), "市档案馆"));
  g_assert_nonnull (strstr (row_error (dialog, 7), "many"));
  /* Rows with an error first. */
  g_assert_cmpstr (gtk_widget_get_name (gtk_widget_get_first_child (named (dialog, "import-rows"))), ==, "import-row-3");
  g_assert_cmpstr (gtk_widget_get_name (gtk_widget_get_last_child (named (dialog, "import-rows"))), ==, "import-row-2");
  g_assert_nonnull (strstr (label_text (dialog, "import-summary"), "6"));
  g_assert_nonnull (strstr (label_text (dialog, "import-summary"), "5"));
  g_assert_nonnull (strstr (label_text (dialog, "import-summary"), "UTF-8"));
  g_assert_false (import_enabled (dialog));
  /* Import off means off: activating it anyway sends nothing. */
  gtk_widget_activate (named (dialog, "import-import"));
  xb_test_ui_spin (300);
  g_assert_cmpstr (page_of (dialog), ==, "preview");
  g_assert_false (gtk_widget_get_visible (named (dialog, "import-message")));
  g_assert_false (server_has_unit (server, admin, "市人民防空办公室"));
  g_assert_cmpuint (watch.imported, ==, 0);

  screenshot (dialog, 900, "import-errors-wide");
  screenshot (dialog, 360, "import-errors-narrow");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A file in neither UTF-8 nor GB18030, and one that is not text: the
 * reason, and the dialog still offers to choose another file. */
static void
check_refused_files (TestClient *admin)
{
  Watch watch;
  XbImportDialog *dialog = open_dialog (XB_IMPORT_UNITS, admin, &watch, 900);
  GtkWidget *error = named (dialog, "import-file-error");

  g_assert_cmpstr (load (dialog, "units-latin1.csv"), ==, "start");
  g_assert_true (gtk_widget_get_visible (error));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error)), ==,
                   g_dgettext (GETTEXT_PACKAGE, "The file is neither UTF-8 nor GB18030 text: save it as CSV (UTF-8) and try again."));
  g_assert_true (gtk_widget_is_sensitive (named (dialog, "import-choose")));
  g_assert_false (gtk_widget_get_visible (named (dialog, "import-import")));
  screenshot (dialog, 360, "import-encoding-narrow");

  g_assert_cmpstr (load (dialog, "not-text.png"), ==, "start");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error)), ==,
                   g_dgettext (GETTEXT_PACKAGE, "The file is not text: save it as CSV (UTF-8)."));
  g_assert_true (gtk_widget_is_sensitive (named (dialog, "import-choose")));

  /* Then a good file still previews. */
  g_assert_cmpstr (load (dialog, "units-taken.csv"), ==, "preview");
  g_assert_false (gtk_widget_get_visible (error));
  g_assert_cmpuint (watch.imported, ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static GtkWidget *
find_chooser (void)
{
  return xb_test_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER);
}

static gboolean
chooser_shown (gpointer user_data)
{
  return find_chooser () != NULL;
}

static gboolean
chooser_has_file (gpointer user_data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (user_data);

  return file != NULL;
}

/* What the administrator does: Choose File…, pick the file in the chooser. */
static const char *
choose (XbImportDialog *dialog, const char *button, const char *file)
{
  g_autoptr(GFile) f = fixture (file);
  GtkWidget *chooser;

  g_assert_true (gtk_widget_is_sensitive (named (dialog, button)));
  gtk_widget_activate (named (dialog, button));
  xb_test_ui_wait_until (chooser_shown, NULL, "the file chooser");
  chooser = find_chooser ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (chooser)) == GTK_WINDOW (dialog));
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), f, NULL));
  /* The chooser selects the file once it has read the folder. */
  xb_test_ui_wait_until (chooser_has_file, chooser, "the file selected in the chooser");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_null (find_chooser ());
  g_assert_cmpstr (page_of (dialog), ==, "checking");
  xb_test_ui_wait_until (checked, dialog, "the server's check of the chosen file");
  return page_of (dialog);
}

/* UTF-8 with a byte-order mark: every row, no errors, imported; the server
 * and a second client's store have the units. */
static void
check_good_units (XbTestServer *server, TestClient *admin)
{
  g_autoptr(TestClient) editor = test_client_new (server, "editor");
  Watch watch;
  XbImportDialog *dialog = open_dialog (XB_IMPORT_UNITS, admin, &watch, 900);

  /* A file with an error first, then the right one chosen from the preview. */
  g_assert_cmpstr (choose (dialog, "import-choose", "units-bad.csv"), ==, "preview");
  g_assert_false (import_enabled (dialog));
  g_assert_cmpstr (choose (dialog, "import-choose-other", "units-good.csv"), ==, "preview");
  g_assert_cmpuint (count_rows (dialog), ==, G_N_ELEMENTS (good_units) - 1);
  for (guint line = 2; line < 2 + G_N_ELEMENTS (good_units) - 1; line++)
    g_assert_null (row_error (dialog, line));
  /* The BOM is not part of the first column's name: the first unit reads whole. */
  g_assert_nonnull (xb_test_ui_find_by_label (named (dialog, "import-row-2"), good_units[0]));
  g_assert_nonnull (xb_test_ui_find_by_label (named (dialog, "import-row-5"), good_units[3]));
  g_assert_nonnull (strstr (label_text (dialog, "import-summary"), "UTF-8"));
  g_assert_false (server_has_unit (server, admin, good_units[0]));

  press_import (dialog);
  g_assert_cmpstr (page_of (dialog), ==, "done");
  g_assert_cmpuint (watch.imported, ==, 1);
  g_assert_cmpuint (watch.n_rows, ==, G_N_ELEMENTS (good_units) - 1);
  for (guint i = 0; good_units[i] != NULL; i++)
    g_assert_true (server_has_unit (server, admin, good_units[i]));
  /* The dialog kicked the admin's engine; the editor syncs on its own. */
  g_assert_true (xb_sync_engine_wait_idle (admin->engine, SYNC_TIMEOUT_MS));
  g_assert_true (store_has_unit (admin->store, good_units[1]));
  sync_now (editor);
  for (guint i = 0; good_units[i] != NULL; i++)
    g_assert_true (store_has_unit (editor->store, good_units[i]));
  xb_test_ui_spin (200);
  g_assert_cmpuint (watch.imported, ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A row that became wrong between the check and Import (someone imported
 * the same unit meanwhile): refused, the preview stays with the row's
 * error, the other row not written. */
static void
check_refused_import (XbTestServer *server, TestClient *admin)
{
  Watch watch;
  XbImportDialog *dialog = open_dialog (XB_IMPORT_UNITS, admin, &watch, 900);

  g_assert_cmpstr (load (dialog, "units-taken.csv"), ==, "preview");
  g_assert_true (import_enabled (dialog));
  import_behind (admin, "name,kind,parent,monthly_quota\n市营商环境建设局,department,,\n");
  press_import (dialog);
  g_assert_cmpstr (page_of (dialog), ==, "preview");
  g_assert_true (gtk_widget_get_visible (named (dialog, "import-message")));
  g_assert_nonnull (strstr (row_error (dialog, 2), "市营商环境建设局"));
  g_assert_null (row_error (dialog, 3));
  g_assert_false (import_enabled (dialog));
  g_assert_false (server_has_unit (server, admin, "市大数据产业发展中心"));
  g_assert_cmpuint (watch.imported, ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* GB18030 as Excel saves it on Chinese Windows: the names read right, and
 * the people are imported. */
static void
check_gb18030_people (XbTestServer *server, TestClient *admin, gboolean import)
{
  Watch watch;
  XbImportDialog *dialog = open_dialog (XB_IMPORT_USERS, admin, &watch, 900);

  g_assert_cmpstr (load (dialog, "users-gb18030.csv"), ==, "preview");
  g_assert_cmpuint (count_rows (dialog), ==, G_N_ELEMENTS (gb_people));
  for (guint i = 0; i < G_N_ELEMENTS (gb_people); i++)
    {
      g_autofree char *name = g_strdup_printf ("import-row-%u", i + 2);
      GtkWidget *row = named (dialog, name);

      g_assert_nonnull (xb_test_ui_find_by_label (row, gb_people[i][0]));
      g_assert_nonnull (xb_test_ui_find_by_label (row, gb_people[i][1]));
      g_assert_null (row_error (dialog, i + 2));
    }
  g_assert_nonnull (strstr (label_text (dialog, "import-summary"), "GB18030"));
  if (!import)
    {
      screenshot (dialog, 360, "import-people-narrow");
      gtk_window_destroy (GTK_WINDOW (dialog));
      return;
    }
  press_import (dialog);
  g_assert_cmpstr (page_of (dialog), ==, "done");
  g_assert_cmpuint (watch.imported, ==, 1);
  g_assert_cmpuint (watch.n_rows, ==, G_N_ELEMENTS (gb_people));
  /* The password note is on the done page. */
  g_assert_nonnull (adw_status_page_get_description (ADW_STATUS_PAGE (named (dialog, "import-done"))));
  for (guint i = 0; i < G_N_ELEMENTS (gb_people); i++)
    {
      g_autofree char *on_server = server_user_name (server, admin, gb_people[i][0]);
      g_autofree char *in_store = NULL;

      g_assert_cmpstr (on_server, ==, gb_people[i][1]);
      g_assert_true (xb_sync_engine_wait_idle (admin->engine, SYNC_TIMEOUT_MS));
      sync_now (admin);
      in_store = store_user_name (admin->store, gb_people[i][0]);
      g_assert_cmpstr (in_store, ==, gb_people[i][1]);
    }
  screenshot (dialog, 360, "import-people-done-narrow");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Without a client: said plainly, Choose File off, a file loaded anyway is not sent. */
static void
check_offline (void)
{
  Watch watch;
  XbImportDialog *dialog = open_dialog (XB_IMPORT_USERS, NULL, &watch, 900);
  GtkWidget *error = named (dialog, "import-file-error");

  g_assert_cmpstr (page_of (dialog), ==, "start");
  g_assert_false (gtk_widget_is_sensitive (named (dialog, "import-choose")));
  g_assert_true (gtk_widget_get_visible (error));
  g_assert_cmpstr (load (dialog, "users-gb18030.csv"), ==, "start");
  g_assert_true (gtk_widget_get_visible (error));
  screenshot (dialog, 360, "import-offline-narrow");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
run_import (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 20 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) admin = test_client_new (server, "admin");

  xb_test_ui_init ();
  sync_now (admin);
  check_offline ();
  check_bad_units (server, admin);
  check_refused_files (admin);
  check_good_units (server, admin);
  check_refused_import (server, admin);
  check_gb18030_people (server, admin, TRUE);
}

/* In Chinese: the preview with errors and the GB18030 names, screenshots. */
static void
run_import_zh_cn (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 20 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) admin = test_client_new (server, "admin");

  xb_test_ui_init ();
  check_bad_units (server, admin);
  check_gb18030_people (server, admin, FALSE);
}

static void
test_import (void)
{
  xb_test_ui_in_subprocess (run_import, NULL);
}

static void
test_import_zh_cn (void)
{
  if (!xb_test_ui_zh_cn_available ())
    {
      g_test_skip ("The zh_CN catalogue is not built.");
      return;
    }
  xb_test_ui_in_subprocess (run_import_zh_cn, "zh_CN:zh");
}

int
main (int argc, char **argv)
{
  xb_test_ui_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import-dialog/import", test_import);
  g_test_add_func ("/import-dialog/import-zh_CN", test_import_zh_cn);
  return g_test_run ();
}
