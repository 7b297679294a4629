/* UI test: the item editor fills, validates, autosaves (surviving SIGKILL), queues offline and sends. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "xb-application.h"
#include "xb-change-status.h"
#include "xb-item-editor.h"
#include "xb-item-object.h"
#include "xb-signin-page.h"
#include "xb-test-server.h"
#include "xb-test-ui.h"
#include "xb-store-requests.h"
#include "xb-window.h"

#include <libsoup/soup.h>

#include "test-sync-common.h"

#define UNIT_NAME "武都区人民政府办公室"
#define TITLE "武都区推行“一窗通办”群众办事平均时长缩短一半"
#define BODY "今年以来，武都区在政务服务大厅推行“一窗通办”。\n\n群众办事平均时长由40分钟缩短到20分钟。"

static gboolean
timed_out (gpointer user_data)
{
  g_error ("Timed out waiting for %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

static char *
store_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "editor-test.db", NULL);
}

#define REQUEST_TOPIC "冬季供暖保障情况"

/* Commissioned requests: one open for the unit, one past its deadline, one
 * for another unit.  Only the first may be offered. */
static void
add_requests (XbStore *store, gint64 unit_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbUnit) other = xb_unit_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  struct { const char *topic; gint64 deadline; gint64 unit; } requests[] = {
    { REQUEST_TOPIC, now + 7 * 86400, unit_id },
    { "秋粮收购进展", now - 86400, unit_id },
    { "其他单位的约稿", now + 3 * 86400, 0 },
  };

  other->name = g_strdup ("文县人民政府办公室");
  other->kind = XB_UNIT_KIND_COUNTY;
  other->monthly_quota = -1;
  g_assert_true (xb_store_put_unit (store, other, &error));
  g_assert_no_error (error);
  requests[2].unit = other->id;

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      gint64 id = xb_store_add_request (store, requests[i].topic, requests[i].deadline, 0, &error);
      g_assert_no_error (error);
      g_assert_true (xb_store_add_request_unit (store, id, requests[i].unit, &error));
      g_assert_no_error (error);
    }
}

/* Every mnemonic is parsed: no label shows a raw "_". */
static void
assert_no_raw_mnemonics (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (root));
      if (strchr (text, '_') != NULL)
        g_error ("A label shows its mnemonic as text: “%s”", text);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    assert_no_raw_mnemonics (child);
}

/* A signed-in officer's client store, offline: the server address answers nothing. */
static XbStore *
open_store (XbSyncEngine **engine_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_path ();
  gboolean fresh = !g_file_test (path, G_FILE_TEST_EXISTS);
  XbStore *store;
  g_autoptr(XbSyncClient) client = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  store = xb_store_open (path, &error);
  g_assert_no_error (error);
  if (fresh)
    {
      g_autoptr(XbUnit) unit = xb_unit_new ();
      g_autoptr(XbUser) user = xb_user_new ();
      const char *priorities[] = { "营商环境", "乡村振兴", NULL };
      g_autofree char *id = NULL;

      unit->name = g_strdup (UNIT_NAME);
      unit->kind = XB_UNIT_KIND_COUNTY;
      unit->monthly_quota = -1;
      g_assert_true (xb_store_put_unit (store, unit, &error));
      g_assert_no_error (error);
      user->username = g_strdup ("officer");
      user->display_name = g_strdup ("信息员");
      user->unit_id = unit->id;
      user->roles = XB_ROLE_BIT (XB_ROLE_OFFICER);
      g_assert_true (xb_store_put_user (store, user, NULL, &error));
      g_assert_no_error (error);
      id = g_strdup_printf ("%" G_GINT64_FORMAT, user->id);
      g_assert_true (xb_store_set_meta (store, "user_id", id, &error));
      g_assert_true (xb_store_set_priorities (store, priorities, &error));
      g_assert_no_error (error);
      add_requests (store, unit->id);
    }
  client = xb_sync_client_new ("http://127.0.0.1:9", &error);
  g_assert_no_error (error);
  *engine_out = xb_sync_engine_new (store, client);
  return store;
}

static XbItemEditor *
new_editor (XbStore *store, XbSyncEngine *engine, GtkWindow **window_out, int width)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  XbItemEditor *editor = XB_ITEM_EDITOR (xb_item_editor_new ());

  xb_item_editor_set_store (editor, store);
  xb_item_editor_set_engine (editor, engine);
  gtk_window_set_child (window, GTK_WIDGET (editor));
  gtk_window_set_default_size (window, width, 900);
  gtk_window_present (window);
  *window_out = window;
  return editor;
}

static void
set_body (XbItemEditor *editor, const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (xb_item_editor_get_body_view (editor)), text, -1);
}

static void
wait_saved (XbItemEditor *editor)
{
  guint timeout = g_timeout_add_seconds (20, timed_out, (gpointer) "the autosave");

  while (xb_item_editor_get_dirty (editor))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static void
count_paint (GdkFrameClock *clock, guint *n)
{
  (*n)++;
}

static void
save_png (GtkWidget *widget, const char *name)
{
  GdkFrameClock *clock = gdk_surface_get_frame_clock (gtk_native_get_surface (gtk_widget_get_native (widget)));
  guint n = 0;
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (count_paint), &n);
  guint timeout = g_timeout_add_seconds (20, timed_out, (gpointer) "a paint");
  int width, height;
  g_autoptr(GdkPaintable) paintable = NULL;
  GtkSnapshot *snapshot;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (g_test_get_dir (G_TEST_BUILT), name, NULL);

  while (n < 2)
    {
      gtk_widget_queue_draw (widget);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (timeout);
  g_signal_handler_disconnect (clock, handler);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

/* First half, in a child: write a draft through the widgets, let the
 * autosave run, type once more and die without any chance to save. */
static void
write_and_die (void)
{
  g_autoptr(GError) error = NULL;
  XbSyncEngine *engine;
  XbStore *store = open_store (&engine);
  GtkWindow *window;
  XbItemEditor *editor = new_editor (store, engine, &window, 1000);
  g_autofree char *uuid_path = g_build_filename (g_get_user_data_dir (), "uuid", NULL);

  xb_item_editor_new_draft (editor, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (uuid_path, xb_item_editor_get_uuid (editor), -1, NULL));

  gtk_editable_set_text (GTK_EDITABLE (xb_item_editor_get_title_row (editor)), TITLE);
  set_body (editor, BODY);
  adw_combo_row_set_selected (xb_item_editor_get_category_row (editor), 1);
  adw_combo_row_set_selected (xb_item_editor_get_importance_row (editor), XB_IMPORTANCE_MAJOR);
  gtk_switch_set_active (xb_item_editor_get_urgent_switch (editor), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (xb_item_editor_get_event_row (editor)), "2026-11-20 09:30");
  /* Answers a request: "None" first, then only the unit's open one. */
  {
    GListModel *requests = adw_combo_row_get_model (xb_item_editor_get_request_row (editor));

    g_assert_cmpuint (g_list_model_get_n_items (requests), ==, 2);
    g_assert_cmpuint (adw_combo_row_get_selected (xb_item_editor_get_request_row (editor)), ==, 0);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (requests), 0), ==, "None");
    g_assert_true (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (requests), 1), REQUEST_TOPIC " (by "));
    adw_combo_row_set_selected (xb_item_editor_get_request_row (editor), 1);

    /* A request arriving through the feed joins the list; the choice stays. */
    {
      g_autofree char *user_id = xb_store_get_meta (store, "user_id");
      g_autoptr(XbUser) user = xb_store_get_user (store, g_ascii_strtoll (user_id, NULL, 10), &error);
      gint64 id = xb_store_add_request (store, "第二个约稿", g_get_real_time () / G_USEC_PER_SEC + 10 * 86400, 0, &error);

      g_assert_no_error (error);
      g_assert_true (xb_store_add_request_unit (store, id, user->unit_id, &error));
      xb_item_editor_refresh_status (editor);
      g_assert_cmpuint (g_list_model_get_n_items (requests), ==, 3);
      g_assert_cmpuint (adw_combo_row_get_selected (xb_item_editor_get_request_row (editor)), ==, 1);
      g_assert_true (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (requests), 2), "第二个约稿"));
    }
  }
  assert_no_raw_mnemonics (GTK_WIDGET (window));
  g_assert_true (xb_item_editor_get_dirty (editor));
  wait_saved (editor);
  g_assert_null (xb_item_editor_get_problem (editor));
  /* Major and urgent: one hour from the event. */
  g_assert_cmpstr (gtk_label_get_text (xb_item_editor_get_deadline_label (editor)), ==, "2026-11-20 10:30");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (xb_item_editor_get_status_label (editor)), XB_TYPE_CHANGE_STATUS)));
  save_png (GTK_WIDGET (window), "editor-wide.png");
  gtk_window_set_default_size (window, 360, 900);
  save_png (GTK_WIDGET (window), "editor-narrow.png");
  kill (getpid (), SIGKILL);
}

/* The rule broken is shown beside Send, which is off and says why. */
static void
expect_problem (XbItemEditor *editor, const char *message)
{
  GtkWidget *send = GTK_WIDGET (xb_item_editor_get_send_button (editor));

  g_assert_cmpstr (xb_item_editor_get_problem (editor), ==, message);
  g_assert_cmpstr (gtk_label_get_text (xb_item_editor_get_problem_label (editor)), ==, message);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (xb_item_editor_get_problem_label (editor))));
  g_assert_false (gtk_widget_is_sensitive (send));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (send), ==, message);
}

static void
check_rules (XbItemEditor *editor)
{
  GtkEditable *title = GTK_EDITABLE (xb_item_editor_get_title_row (editor));
  g_autoptr(GString) long_title = g_string_new (NULL);
  g_autoptr(GString) long_body = g_string_new (NULL);

  gtk_editable_set_text (title, "");
  expect_problem (editor, "Write a title.");
  for (int i = 0; i < 201; i++)
    g_string_append (long_title, "字");
  gtk_editable_set_text (title, long_title->str);
  expect_problem (editor, "The title is longer than 200 characters.");
  gtk_editable_set_text (title, UNIT_NAME);
  expect_problem (editor, "The title must say more than the unit's name.");
  gtk_editable_set_text (title, TITLE);
  set_body (editor, "");
  expect_problem (editor, "Write the text of the item.");
  for (int i = 0; i < 20001; i++)
    g_string_append (long_body, "文");
  set_body (editor, long_body->str);
  expect_problem (editor, "The text is longer than 20000 characters.");
  set_body (editor, BODY);
  adw_combo_row_set_selected (xb_item_editor_get_category_row (editor), GTK_INVALID_LIST_POSITION);
  expect_problem (editor, "Choose a category.");
  adw_combo_row_set_selected (xb_item_editor_get_category_row (editor), 1);
  gtk_editable_set_text (GTK_EDITABLE (xb_item_editor_get_event_row (editor)), "");
  expect_problem (editor, "Give the time of the event for an urgent item.");
  gtk_editable_set_text (GTK_EDITABLE (xb_item_editor_get_event_row (editor)), "yesterday");
  expect_problem (editor, "Write the event time as YYYY-MM-DD HH:MM.");
  gtk_editable_set_text (GTK_EDITABLE (xb_item_editor_get_event_row (editor)), "2026-11-20 09:30");
  g_assert_null (xb_item_editor_get_problem (editor));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (xb_item_editor_get_send_button (editor))));
}

static void
test_draft_survives_kill (void)
{
  g_autofree char *data_home = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *uuid_path = NULL;
  g_autofree char *body = NULL;
  g_autoptr(XbItem) stored = NULL;
  XbSyncEngine *engine;
  XbStore *store;
  GtkWindow *window;
  XbItemEditor *editor;
  GtkTextIter start, end;

  if (g_test_subprocess ())
    {
      gtk_init ();
      adw_init ();
      write_and_die ();
      return;
    }

  data_home = g_dir_make_tmp ("xinbao-test-editor-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_assert_false (g_test_trap_has_passed ());

  /* Reopen on the same data directory: the draft is all there. */
  uuid_path = g_build_filename (data_home, "uuid", NULL);
  g_assert_true (g_file_get_contents (uuid_path, &uuid, NULL, NULL));
  gtk_init ();
  adw_init ();
  store = open_store (&engine);
  editor = new_editor (store, engine, &window, 1000);
  g_assert_true (xb_item_editor_load (editor, uuid, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (xb_item_editor_get_title_row (editor))), ==, TITLE);
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (xb_item_editor_get_body_view (editor)), &start, &end);
  body = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (body, ==, BODY);
  g_assert_cmpuint (adw_combo_row_get_selected (xb_item_editor_get_category_row (editor)), ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (xb_item_editor_get_importance_row (editor)), ==, XB_IMPORTANCE_MAJOR);
  g_assert_true (gtk_switch_get_active (xb_item_editor_get_urgent_switch (editor)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (xb_item_editor_get_event_row (editor))), ==, "2026-11-20 09:30");
  g_assert_cmpuint (adw_combo_row_get_selected (xb_item_editor_get_request_row (editor)), ==, 1);
  {
    g_autoptr(XbItem) draft = xb_store_get_item (store, uuid, &error);
    g_autoptr(GPtrArray) open = xb_store_list_requests (store, draft->unit_id, TRUE, g_get_real_time () / G_USEC_PER_SEC, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (open->len, ==, 2);
    g_assert_cmpstr (((XbRequest *) open->pdata[0])->topic, ==, REQUEST_TOPIC);
    g_assert_cmpint (draft->request_id, ==, ((XbRequest *) open->pdata[0])->id);
  }

  check_rules (editor);
  /* Pasted from a word processor: its line ends become paragraphs. */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (xb_item_editor_get_body_view (editor));
    g_autofree char *pasted = NULL;

    gtk_text_buffer_set_text (buffer, "", -1);
    gtk_text_buffer_insert_at_cursor (buffer, "第一段。\r\n\r\n第二段。\r第三段。\v第四段。\xe2\x80\xa9第五段。", -1);
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    pasted = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (pasted, ==, "第一段。\n\n第二段。\n第三段。\n第四段。\n第五段。");
    set_body (editor, BODY);
  }

  /* Offline: sent means queued until the server acknowledges it. */
  g_assert_true (xb_item_editor_send (editor, &error));
  g_assert_no_error (error);
  stored = xb_store_get_item (store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->state, ==, XB_STATE_SUBMITTED);
  g_assert_cmpuint (xb_store_outbox_count (store, uuid), >, 0);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (editor)));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (xb_item_editor_get_status_label (editor)), "Queued"));
  g_assert_cmpstr (xb_item_editor_get_problem (editor), ==, "Only a draft can be sent.");
  g_assert_cmpstr (gtk_label_get_text (xb_item_editor_get_problem_label (editor)), ==, "Only a draft can be sent.");
  /* The list's row says so too. */
  {
    g_autoptr(XbItemObject) row = xb_item_object_new (g_steal_pointer (&stored), UNIT_NAME);

    xb_item_object_set_queued (row, xb_store_outbox_count (store, uuid));
    g_assert_cmpstr (xb_item_object_get_state_label (row), ==, "Submitted · queued");
  }

  gtk_window_destroy (window);
  g_object_unref (engine);
  g_object_unref (store);
  xb_test_rm_rf (data_home);
}

typedef struct {
  XbApplication *app;
  XbWindow      *window;
} App;

static gboolean
view_is (App *a, const char *view)
{
  return g_strcmp0 (xb_window_get_view (a->window), view) == 0;
}

static void
wait_view (App *a, const char *view)
{
  guint timeout = g_timeout_add_seconds (60, timed_out, (gpointer) view);

  while (!view_is (a, view))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

/* The server's own copy of the item, asked as the officer with the app's token. */
/* How many of the item's events on the server are @action. */
static guint
json_event_count (const char *json, const char *action)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *item;
  JsonArray *events;
  guint n = 0;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  item = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (item, "item"))
    item = json_object_get_object_member (item, "item");
  events = json_object_get_array_member (item, "events");
  for (guint i = 0; i < json_array_get_length (events); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (events, i), "action"), action) == 0)
      n++;
  return n;
}

static char *
server_item_json (XbTestServer *server, XbStore *store, const char *uuid)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%s/api/v1/items/%s", server->url, uuid);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autofree char *token = xb_store_get_meta (store, "token");
  g_autofree char *auth = g_strdup_printf ("Bearer %s", token);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (soup_message_get_status (msg) != 200)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Ctrl+N in the real window signed in to the demo server, fill, send: it
 * arrives on the server; stopped, the next one queues and is delivered once
 * the server is back. */
static void
run_window_send (void)
{
  g_autoptr(XbTestServer) server = NULL;
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 400 };
  g_autoptr(GError) error = NULL;
  App a = { 0 };
  XbItemEditor *editor;
  XbSyncEngine *engine;
  XbStore *store;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *json = NULL;

  xb_application_init_i18n ();
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  server = xb_test_server_start (&options);

  a.app = xb_application_new ();
  g_application_set_flags (G_APPLICATION (a.app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  g_application_register (G_APPLICATION (a.app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (a.app));
  {
    GList *windows = gtk_application_get_windows (GTK_APPLICATION (a.app));
    XbSigninPage *page;

    g_assert_nonnull (windows);
    a.window = g_object_ref (XB_WINDOW (windows->data));
    gtk_window_set_default_size (GTK_WINDOW (a.window), 1280, 800);
    wait_view (&a, "signin");
    page = xb_window_get_signin_page (a.window);
    gtk_editable_set_text (GTK_EDITABLE (xb_signin_page_get_server_row (page)), server->url);
    gtk_editable_set_text (GTK_EDITABLE (xb_signin_page_get_username_row (page)), "officer");
    gtk_editable_set_text (GTK_EDITABLE (xb_signin_page_get_password_row (page)), "xinbao");
    g_signal_emit_by_name (xb_signin_page_get_sign_in_button (page), "clicked");
  }
  wait_view (&a, "main");
  engine = xb_application_get_engine (a.app);
  store = xb_application_get_store (a.app);
  g_assert_true (xb_sync_engine_wait_idle (engine, 60000));

  editor = xb_window_get_item_editor (a.window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a.window), "win.new-item", NULL));
  first = g_strdup (xb_item_editor_get_uuid (editor));
  g_assert_nonnull (first);
  gtk_editable_set_text (GTK_EDITABLE (xb_item_editor_get_title_row (editor)), TITLE);
  set_body (editor, BODY);
  g_assert_null (xb_item_editor_get_problem (editor));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.send", NULL));
  g_assert_true (xb_sync_engine_wait_idle (engine, 60000));
  g_assert_cmpuint (xb_store_outbox_count (store, first), ==, 0);
  json = server_item_json (server, store, first);
  g_assert_nonnull (json);
  g_assert_nonnull (strstr (json, "一窗通办"));
  g_assert_nonnull (strstr (json, "\"unit_review\"") ? "unit_review" : strstr (json, "\"submitted\""));
  g_clear_pointer (&json, g_free);

  /* Offline: queued, then delivered once when the server is back. */
  xb_test_server_stop (server);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (a.window), "win.new-item", NULL));
  second = g_strdup (xb_item_editor_get_uuid (editor));
  gtk_editable_set_text (GTK_EDITABLE (xb_item_editor_get_title_row (editor)), "武都区离线报送测试信息");
  set_body (editor, BODY);
  g_assert_true (xb_item_editor_send (editor, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (xb_store_outbox_count (store, second), >, 0);
  g_assert_true (xb_sync_engine_wait_idle (engine, 2000) == FALSE);
  xb_item_editor_refresh_status (editor);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (xb_item_editor_get_status_label (editor)), "Queued"));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (xb_item_editor_get_status_label (editor)), XB_TYPE_CHANGE_STATUS)));
  xb_test_server_restart (server);
  xb_sync_engine_kick (engine);
  g_assert_true (xb_sync_engine_wait_idle (engine, 60000));
  g_assert_cmpuint (xb_store_outbox_count (store, second), ==, 0);
  /* Acknowledged: no longer queued. */
  xb_item_editor_refresh_status (editor);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (xb_item_editor_get_status_label (editor)), XB_TYPE_CHANGE_STATUS)));
  json = server_item_json (server, store, second);
  g_assert_nonnull (json);
  g_assert_nonnull (strstr (json, "离线报送"));
  g_assert_cmpuint (json_event_count (json, "submit"), ==, 1);

  gtk_window_destroy (GTK_WINDOW (a.window));
  g_clear_object (&a.window);
  g_clear_object (&a.app);
}

static void
test_window_send (void)
{
  g_autofree char *data_home = NULL;

  if (g_test_subprocess ())
    {
      run_window_send ();
      return;
    }
  data_home = g_dir_make_tmp ("xinbao-test-editor-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_trap_subprocess (NULL, 240 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  xb_test_rm_rf (data_home);
  g_test_trap_assert_passed ();
}

static gboolean
detail_ready (XbItemDetail *detail, const char *uuid)
{
  return g_strcmp0 (xb_item_detail_get_uuid (detail), uuid) == 0 &&
         gtk_widget_get_visible (GTK_WIDGET (xb_item_detail_get_action_button (detail, XB_ACTION_APPROVE)));
}

static void
show_in_detail (XbItemDetail *detail, const char *uuid)
{
  guint timeout = g_timeout_add_seconds (60, timed_out, (gpointer) "the detail with its buttons");

  xb_item_detail_show_item (detail, uuid);
  while (!detail_ready (detail, uuid))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  return (AdwMessageDialog *) xb_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

/* The officer sends two items; the unit leader, in the real window, approves
 * one and returns the other with a comment; the server agrees. */
static void
run_leader (void)
{
  g_autoptr(XbTestServer) server = NULL;
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 400 };
  g_autoptr(TestClient) officer = NULL;
  g_autoptr(XbItem) one = NULL;
  g_autoptr(XbItem) two = NULL;
  g_autoptr(XbItem) seen = NULL;
  g_autoptr(GError) error = NULL;
  App a = { 0 };
  XbItemDetail *detail;
  AdwMessageDialog *dialog;
  GtkWidget *frame;
  XbSyncEngine *engine;
  XbEvent *last;

  xb_application_init_i18n ();
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  server = xb_test_server_start (&options);

  officer = test_client_new (server, "officer");
  sync_now (officer);
  one = make_item (officer, "武都区春耕备耕工作有序推进");
  two = make_item (officer, "武都区冬季供暖保障情况");
  g_assert_true (xb_sync_engine_save_item (officer->engine, one, &error));
  g_assert_true (xb_sync_engine_save_item (officer->engine, two, &error));
  g_assert_no_error (error);
  act (officer, one->uuid, XB_ACTION_SUBMIT, NULL);
  act (officer, two->uuid, XB_ACTION_SUBMIT, NULL);
  sync_now (officer);
  seen = server_item (server, officer, one->uuid);
  g_assert_cmpint (seen->state, ==, XB_STATE_UNIT_REVIEW);
  g_clear_pointer (&seen, xb_item_free);

  a.app = xb_application_new ();
  g_application_set_flags (G_APPLICATION (a.app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  g_application_register (G_APPLICATION (a.app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (a.app));
  {
    GList *windows = gtk_application_get_windows (GTK_APPLICATION (a.app));
    XbSigninPage *page;

    a.window = g_object_ref (XB_WINDOW (windows->data));
    gtk_window_set_default_size (GTK_WINDOW (a.window), 1280, 800);
    wait_view (&a, "signin");
    page = xb_window_get_signin_page (a.window);
    gtk_editable_set_text (GTK_EDITABLE (xb_signin_page_get_server_row (page)), server->url);
    gtk_editable_set_text (GTK_EDITABLE (xb_signin_page_get_username_row (page)), "leader");
    gtk_editable_set_text (GTK_EDITABLE (xb_signin_page_get_password_row (page)), "xinbao");
    g_signal_emit_by_name (xb_signin_page_get_sign_in_button (page), "clicked");
  }
  wait_view (&a, "main");
  engine = xb_application_get_engine (a.app);
  g_assert_true (xb_sync_engine_wait_idle (engine, 60000));
  detail = xb_window_get_item_detail (a.window);

  show_in_detail (detail, one->uuid);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (xb_item_detail_get_action_button (detail, XB_ACTION_RETURN))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (xb_item_detail_get_action_button (detail, XB_ACTION_REVISE))));
  save_png (GTK_WIDGET (a.window), "leader-detail-en.png");
  g_signal_emit_by_name (xb_item_detail_get_action_button (detail, XB_ACTION_APPROVE), "clicked");
  g_assert_true (xb_sync_engine_wait_idle (engine, 60000));
  seen = server_item (server, officer, one->uuid);
  g_assert_cmpint (seen->state, ==, XB_STATE_SUBMITTED);
  g_clear_pointer (&seen, xb_item_free);

  show_in_detail (detail, two->uuid);
  g_signal_emit_by_name (xb_item_detail_get_action_button (detail, XB_ACTION_RETURN), "clicked");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "return"));
  frame = adw_message_dialog_get_extra_child (dialog);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (gtk_frame_get_child (GTK_FRAME (frame)))),
                            "请补充供暖面积数据。", -1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "return"));
  save_png (GTK_WIDGET (dialog), "leader-return-dialog-en.png");
  /* The dialog closes itself once it has answered. */
  adw_message_dialog_response (dialog, "return");
  g_assert_true (xb_sync_engine_wait_idle (engine, 60000));
  seen = server_item (server, officer, two->uuid);
  g_assert_cmpint (seen->state, ==, XB_STATE_RETURNED);
  last = xb_item_last_event (seen);
  g_assert_cmpstr (last->comment, ==, "请补充供暖面积数据。");

  gtk_window_destroy (GTK_WINDOW (a.window));
  g_clear_object (&a.window);
  g_clear_object (&a.app);
}

static void
test_leader (void)
{
  g_autofree char *data_home = NULL;

  if (g_test_subprocess ())
    {
      run_leader ();
      return;
    }
  data_home = g_dir_make_tmp ("xinbao-test-editor-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_trap_subprocess (NULL, 240 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  xb_test_rm_rf (data_home);
  g_test_trap_assert_passed ();
}

/* The form in Chinese, wide and at phone width, with a rule broken so the
 * message and the disabled Send show. */
static void
test_screenshots_zh_cn (void)
{
  g_autofree char *data_home = NULL;

  if (g_test_subprocess ())
    {
      XbSyncEngine *engine;
      XbStore *store;
      GtkWindow *window;
      XbItemEditor *editor;

      g_setenv ("LANGUAGE", "zh_CN:zh", TRUE);
      xb_application_init_i18n ();
      gtk_init ();
      adw_init ();
      store = open_store (&engine);
      editor = new_editor (store, engine, &window, 1000);
      xb_item_editor_new_draft (editor, NULL);
      gtk_editable_set_text (GTK_EDITABLE (xb_item_editor_get_title_row (editor)), UNIT_NAME);
      set_body (editor, BODY);
      gtk_switch_set_active (xb_item_editor_get_urgent_switch (editor), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (xb_item_editor_get_event_row (editor)), "2026-11-20 09:30");
      g_assert_nonnull (xb_item_editor_get_problem (editor));
      assert_no_raw_mnemonics (GTK_WIDGET (window));
      g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (xb_item_editor_get_send_button (editor))));
      save_png (GTK_WIDGET (window), "editor-wide-zh_CN.png");
      gtk_window_set_default_size (window, 360, 900);
      save_png (GTK_WIDGET (window), "editor-narrow-zh_CN.png");
      gtk_window_destroy (window);
      g_object_unref (engine);
      g_object_unref (store);
      return;
    }
  data_home = g_dir_make_tmp ("xinbao-test-editor-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  xb_test_rm_rf (data_home);
  g_test_trap_assert_passed ();
}

/* ---- a new item the server refused -------------------------------------------- */

static gboolean
refusal_shown (gpointer user_data)
{
  XbItemEditor *editor = user_data;
  GtkWidget *status = gtk_widget_get_ancestor (GTK_WIDGET (xb_item_editor_get_status_label (editor)),
                                               XB_TYPE_CHANGE_STATUS);

  return gtk_widget_get_visible (status)
         && gtk_widget_get_visible (GTK_WIDGET (xb_change_status_get_discard_button (XB_CHANGE_STATUS (status))));
}

static gboolean
editor_closed (gpointer user_data)
{
  return xb_item_editor_get_uuid (user_data) == NULL;
}

/* The server refuses a new item (its uuid is another unit's item): the
 * editor says so beside the form; Discard warns that the item goes for good,
 * and then the editor closes and the store no longer has it. */
static void
run_refused_new_item (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 20 };
  g_autoptr(XbTestServer) server = xb_test_server_start (&options);
  g_autoptr(TestClient) officer = test_client_new (server, "officer");
  g_autoptr(TestClient) office = test_client_new (server, "editor");
  g_autoptr(GHashTable) theirs = server_items (server, office);
  g_autoptr(XbItem) item = NULL;
  g_autoptr(XbItem) gone = NULL;
  g_autoptr(XbApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  XbItemEditor *editor;
  XbWindow *window;
  GtkWidget *dialog;
  GHashTableIter iter;
  gpointer key, value;

  xb_test_ui_init ();
  sync_now (officer);
  /* An item of another unit, which the officer may not see. */
  g_hash_table_iter_init (&iter, theirs);
  do
    g_assert_true (g_hash_table_iter_next (&iter, &key, &value));
  while (((XbItem *) value)->unit_id == officer->user->unit_id);
  item = make_item (officer, "编号与他单位冲突的新信息");
  g_free (item->uuid);
  item->uuid = g_strdup (key);

  app = xb_test_ui_new_application ();
  window = xb_window_new (app, officer->store);
  xb_window_set_engine (window, officer->engine);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (xb_sync_engine_save_item (officer->engine, item, &error));
  g_assert_no_error (error);
  g_assert_true (xb_sync_engine_wait_idle (officer->engine, SYNC_TIMEOUT_MS));
  g_assert_cmpuint (xb_store_outbox_count_failed (officer->store, item->uuid), ==, 1);

  editor = xb_window_get_item_editor (window);
  xb_window_show_item (window, item->uuid);
  xb_test_ui_wait_until (refusal_shown, editor, "the refusal in the editor");
  xb_test_ui_wait_for_paint (GTK_WIDGET (window));
  g_free (xb_test_ui_save_png (GTK_WIDGET (window), "editor-refused-new-item.png"));

  gtk_widget_activate (GTK_WIDGET (xb_change_status_get_discard_button (XB_CHANGE_STATUS (
    gtk_widget_get_ancestor (GTK_WIDGET (xb_item_editor_get_status_label (editor)), XB_TYPE_CHANGE_STATUS)))));
  dialog = xb_test_ui_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Discard New Item?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));

  xb_test_ui_wait_until (editor_closed, editor, "the editor to close");
  gone = xb_store_get_item (officer->store, item->uuid, &error);
  g_assert_null (gone);
  g_assert_error (error, XB_ERROR, XB_ERROR_NOT_FOUND);
  g_assert_true (xb_sync_engine_wait_idle (officer->engine, SYNC_TIMEOUT_MS));
  g_assert_cmpint (xb_sync_engine_get_state (officer->engine), ==, XB_SYNC_IDLE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (editor)))), ==, "detail");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_refused_new_item (void)
{
  xb_test_ui_in_subprocess (run_refused_new_item, NULL);
}

int
main (int argc, char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/editor/draft-survives-kill", test_draft_survives_kill);
  g_test_add_func ("/editor/window-send", test_window_send);
  g_test_add_func ("/editor/leader", test_leader);
  g_test_add_func ("/editor/screenshots-zh_CN", test_screenshots_zh_cn);
  g_test_add_func ("/editor/refused-new-item", test_refused_new_item);
  return g_test_run ();
}
