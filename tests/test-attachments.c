/* UI test: attachments in the item editor against the real server — added by the chooser's path and by a drop, removed, refused when too big, uploaded once with the item and kept across saves. */
#include "config.h"

#include <glib/gstdio.h>

#include "test-sync-common.h"
#include "xb-item-editor.h"
#include "xb-store-files.h"
#include "xb-test-ui.h"

typedef struct {
  char      *dir;
  GPtrArray *failures;
} Files;

static GFile *
write_file (Files *files, const char *name, gsize size, char fill)
{
  g_autofree char *path = g_build_filename (files->dir, name, NULL);
  g_autofree char *bytes = g_malloc (size);

  memset (bytes, fill, size);
  g_assert_true (g_file_set_contents (path, bytes, (gssize) size, NULL));
  return g_file_new_for_path (path);
}

static void
on_failed (XbItemEditor *editor, const char *message, Files *files)
{
  g_ptr_array_add (files->failures, g_strdup (message));
}

/* What a file manager's drop delivers to the editor. */
static gboolean
drop_files (GtkWidget *widget, GFile *file)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_auto(GValue) value = G_VALUE_INIT;
  GSList *list = g_slist_append (NULL, file);
  gboolean handled = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, list);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (controller))
        g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &handled);
    }
  g_slist_free (list);
  return handled;
}

static JsonObject *
server_get_json (XbTestServer *server, TestClient *as, const char *path, GBytes **raw)
{
  guint status = 0;
  g_autoptr(GBytes) body = server_get (server, xb_sync_client_get_token (as->client), path, &status);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_cmpuint (status, ==, 200);
  if (raw != NULL)
    {
      *raw = g_bytes_ref (body);
      return NULL;
    }
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
fill_form (XbItemEditor *editor)
{
  gtk_editable_set_text (GTK_EDITABLE (xb_item_editor_get_title_row (editor)), "武都区油橄榄丰收在望");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (xb_item_editor_get_body_view (editor)),
                            "今年全区油橄榄挂果面积扩大，预计产量增长两成。附现场照片。", -1);
  adw_combo_row_set_selected (xb_item_editor_get_category_row (editor), 0);
}

/* The form scrolled to its end, where the attachments are, at @width × @height. */
static void
screenshot (GtkWidget *window, XbItemEditor *editor, int width, int height, const char *name)
{
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (xb_test_ui_find_widget (GTK_WIDGET (editor), GTK_TYPE_SCROLLED_WINDOW));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  g_autofree char *file = g_strdup_printf ("%s%s.png", name, g_getenv ("LANGUAGE") ? "-zh_CN" : "");

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  xb_test_ui_wait_for_paint (window);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  xb_test_ui_wait_for_paint (window);
  g_assert_cmpint (gtk_widget_get_width (window), ==, width);
  g_free (xb_test_ui_save_png (window, file));
}

static void
run_attachments (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 300 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) officer = test_client_new (server, "officer");
  Files files = { g_dir_make_tmp ("xinbao-attach-XXXXXX", NULL), g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GFile) notes = write_file (&files, "情况说明.txt", 2048, 'a');
  g_autoptr(GFile) photo = write_file (&files, "现场照片.jpg", 300 * 1024, 'p');
  g_autoptr(GFile) video = write_file (&files, "现场视频.mp4", XB_ATTACHMENT_MAX_BYTES + 1, 'v');
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *path = NULL;
  GtkWidget *window;
  XbItemEditor *editor;
  XbAttachmentList *list;
  JsonArray *listed;

  xb_test_ui_init ();
  window = gtk_window_new ();
  sync_now (officer);
  editor = XB_ITEM_EDITOR (xb_item_editor_new ());
  xb_item_editor_set_store (editor, officer->store);
  xb_item_editor_set_engine (editor, officer->engine);
  g_signal_connect (editor, "failed", G_CALLBACK (on_failed), &files);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (xb_item_editor_new_draft (editor, &error));
  g_assert_no_error (error);
  fill_form (editor);
  list = xb_item_editor_get_attachment_list (editor);

  /* The chooser hands over a file; a drop hands over another. */
  g_assert_true (xb_attachment_list_add_file (list, notes, &error));
  g_assert_true (drop_files (GTK_WIDGET (editor), photo));
  g_assert_cmpuint (xb_attachment_list_get_attachments (list)->len, ==, 2);
  /* Too big, dropped: refused with a message naming the file and the limit,
   * shown under the list. */
  drop_files (GTK_WIDGET (editor), video);
  g_assert_cmpuint (files.failures->len, ==, 1);
  g_assert_nonnull (strstr (files.failures->pdata[0], "现场视频.mp4"));
  g_assert_nonnull (strstr (files.failures->pdata[0], "20"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (xb_attachment_list_get_message_label (list))));
  g_assert_cmpstr (gtk_label_get_text (xb_attachment_list_get_message_label (list)), ==, files.failures->pdata[0]);
  /* The same file twice is refused too. */
  g_assert_false (xb_attachment_list_add_file (list, photo, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (xb_attachment_list_get_attachments (list)->len, ==, 2);
  screenshot (window, editor, 1280, 800, "editor-attachments-wide");
  screenshot (window, editor, 360, 800, "editor-attachments-narrow");

  /* Attachments are listed by file name: the notes come first.  Removing
   * one clears the last refusal. */
  xb_attachment_list_remove (list, 0);
  g_assert_cmpuint (xb_attachment_list_get_attachments (list)->len, ==, 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (xb_attachment_list_get_message_label (list))));
  sha = g_strdup (((XbAttachment *) xb_attachment_list_get_attachments (list)->pdata[0])->sha256);

  /* Sent while the server is down: the bytes and the item wait in the
   * outbox, and go up once it is back. */
  xb_test_server_stop (server);
  g_assert_true (xb_item_editor_send (editor, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (xb_store_outbox_count (officer->store, NULL), >=, 2);
  xb_test_server_restart (server);
  sync_now (officer);
  g_assert_cmpuint (xb_store_outbox_count (officer->store, NULL), ==, 0);

  /* On the server: the item lists the photo, and the bytes are the photo's. */
  path = g_strconcat ("/api/v1/items/", xb_item_editor_get_uuid (editor), NULL);
  answer = server_get_json (server, officer, path, NULL);
  listed = json_object_get_array_member (json_object_get_object_member (answer, "item"), "attachments");
  g_assert_cmpuint (json_array_get_length (listed), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (listed, 0), "filename"), ==, "现场照片.jpg");
  g_free (path);
  path = g_strconcat ("/api/v1/attachments/", sha, NULL);
  server_get_json (server, officer, path, &bytes);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 300 * 1024);
  {
    g_autofree char *got = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
    g_assert_cmpstr (got, ==, sha);
  }
  /* Uploaded once: a later save does not queue the bytes again. */
  {
    g_autofree char *key = g_strconcat ("uploaded:", sha, NULL);
    g_autofree char *done = xb_store_get_meta (officer->store, key);
    g_assert_cmpstr (done, ==, "1");
  }

  /* Opening a file whose kept copy is gone says so, naming it. */
  {
    g_autofree char *kept = xb_store_attachment_path (officer->store, sha);
    g_autofree char *open_label = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "Open “%s”"), "现场照片.jpg");
    GtkWidget *open = xb_test_ui_find_by_label (GTK_WIDGET (list), open_label);

    g_assert_nonnull (open);
    g_assert_cmpint (g_unlink (kept), ==, 0);
    g_signal_emit_by_name (open, "clicked");
    g_assert_cmpuint (files.failures->len, ==, 2);
    g_assert_nonnull (strstr (files.failures->pdata[1], "现场照片.jpg"));
    g_assert_cmpstr (gtk_label_get_text (xb_attachment_list_get_message_label (list)), ==, files.failures->pdata[1]);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  xb_test_rm_rf (files.dir);
  g_free (files.dir);
  g_ptr_array_unref (files.failures);
}

static void
test_attachments (void)
{
  xb_test_ui_in_subprocess (run_attachments, NULL);
}

static void
test_attachments_zh_cn (void)
{
  xb_test_ui_in_subprocess (run_attachments, "zh_CN:zh");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/attachments/editor", test_attachments);
  g_test_add_func ("/attachments/editor-zh_CN", test_attachments_zh_cn);
  return g_test_run ();
}
