/* Helpers shared by the sync tests: clients with their own store, and a plain look at the server. */
#pragma once

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "xb-codec.h"
#include "xb-store.h"
#include "xb-sync-client.h"
#include "xb-sync-engine.h"
#include "xb-test-server.h"

#define DEMO_PASSWORD "xinbao"
#define SYNC_TIMEOUT_MS (120 * 1000)

/* One signed-in client: its own store file, session and engine. */
typedef struct {
  char         *dir;
  char         *store_path;
  XbStore      *store;
  XbSyncClient *client;
  XbSyncEngine *engine;
  XbUser       *user;
} TestClient;

static void
on_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

G_GNUC_UNUSED static XbUser *
sign_in (XbSyncClient *client, const char *username, const char *password, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  xb_sync_client_sign_in_async (client, username, password, NULL, on_result, &result);
  return xb_sync_client_sign_in_finish (client, wait_result (&result), error);
}

static XbSyncClient *
new_signed_in_client (XbTestServer *server, const char *username, XbUser **user)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbSyncClient) client = xb_sync_client_new (server->url, &error);

  g_assert_no_error (error);
  if (server->tls)
    {
      xb_sync_client_set_pinned_certificate (client, server->cert_path, &error);
      g_assert_no_error (error);
    }
  *user = sign_in (client, username, DEMO_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*user);
  return g_steal_pointer (&client);
}

/* A client on @store_path (NULL: a new temporary one), engine started. */
G_GNUC_UNUSED static TestClient *
test_client_new_on (XbTestServer *server, const char *username, const char *store_path)
{
  TestClient *c = g_new0 (TestClient, 1);
  g_autoptr(GError) error = NULL;

  if (store_path == NULL)
    {
      c->dir = g_dir_make_tmp ("xb-sync-XXXXXX", &error);
      g_assert_no_error (error);
      c->store_path = g_build_filename (c->dir, "client.db", NULL);
    }
  else
    c->store_path = g_strdup (store_path);
  c->store = xb_store_open (c->store_path, &error);
  g_assert_no_error (error);
  c->client = new_signed_in_client (server, username, &c->user);
  c->engine = xb_sync_engine_new (c->store, c->client);
  xb_sync_engine_start (c->engine);
  return c;
}

G_GNUC_UNUSED static TestClient *
test_client_new (XbTestServer *server, const char *username)
{
  return test_client_new_on (server, username, NULL);
}

G_GNUC_UNUSED static void
test_client_free (TestClient *c)
{
  if (c == NULL)
    return;
  g_clear_object (&c->engine);
  g_clear_object (&c->client);
  g_clear_object (&c->store);
  g_clear_pointer (&c->user, xb_user_free);
  if (c->dir != NULL)
    xb_test_rm_rf (c->dir);
  g_free (c->dir);
  g_free (c->store_path);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestClient, test_client_free)

/* Kicks and waits until everything is sent and received. */
G_GNUC_UNUSED static void
sync_now (TestClient *c)
{
  xb_sync_engine_kick (c->engine);
  g_assert_true (xb_sync_engine_wait_idle (c->engine, SYNC_TIMEOUT_MS));
}

/* A new draft of the client's unit with a category the office accepts. */
G_GNUC_UNUSED static XbItem *
make_item (TestClient *c, const char *title)
{
  XbItem *item = xb_item_new ();
  g_auto(GStrv) priorities = xb_store_list_priorities (c->store, TRUE, NULL);

  item->uuid = xb_uuid_new ();
  item->unit_id = c->user->unit_id;
  item->revision = 0;
  item->title = g_strdup (title);
  item->body = g_strdup ("一、基本情况。全区春耕备耕工作有序推进，已落实种植面积12万亩。");
  item->category = g_strdup (priorities != NULL && priorities[0] != NULL ? priorities[0] : "经济运行");
  item->type = XB_ITEM_TYPE_DYNAMIC;
  item->angle = XB_ANGLE_KEY;
  item->importance = XB_IMPORTANCE_GENERAL;
  return item;
}

G_GNUC_UNUSED static void
act (TestClient *c, const char *uuid, XbAction action, const char *extra_json)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (xb_sync_engine_act (c->engine, uuid, action, NULL, extra_json, &error));
  g_assert_no_error (error);
}

/* ---- the server, seen without the engine ------------------------------------------ */

static GBytes *
server_get (XbTestServer *server, const char *token, const char *path, guint *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (server->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(GError) error = NULL;
  GBytes *body;

  if (server->tls)
    {
      g_autoptr(GTlsDatabase) db = g_tls_file_database_new (server->cert_path, &error);
      g_assert_no_error (error);
      soup_session_set_tls_database (session, db);
    }
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  return body;
}

/* The server's copy of an item, or NULL when it answers 404. */
G_GNUC_UNUSED static XbItem *
server_item (XbTestServer *server, TestClient *as, const char *uuid)
{
  g_autofree char *path = g_strconcat ("/api/v1/items/", uuid, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  guint status = 0;
  XbItem *item;

  body = server_get (server, xb_sync_client_get_token (as->client), path, &status);
  if (status == 404)
    return NULL;
  g_assert_cmpuint (status, ==, 200);
  root = xb_json_parse (g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  item = xb_item_from_node (json_object_get_member (json_node_get_object (root), "item"), &error);
  g_assert_no_error (error);
  return item;
}

/* Every item the feed gives @as, by uuid (XbItem*). */
G_GNUC_UNUSED static GHashTable *
server_items (XbTestServer *server, TestClient *as)
{
  GHashTable *items = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) xb_item_free);
  gint64 since = 0;
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT "&limit=200", since);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *obj;
      JsonArray *changes;
      guint status = 0;

      body = server_get (server, xb_sync_client_get_token (as->client), path, &status);
      g_assert_cmpuint (status, ==, 200);
      root = xb_json_parse (g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), &error);
      g_assert_no_error (error);
      obj = json_node_get_object (root);
      changes = json_object_get_array_member (obj, "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);
          XbItem *item;

          if (g_strcmp0 (json_object_get_string_member (change, "kind"), "item") != 0)
            continue;
          item = xb_item_from_node (json_object_get_member (change, "data"), &error);
          g_assert_no_error (error);
          /* Each entity appears once in the feed: a second sight is a bug. */
          g_assert_false (g_hash_table_contains (items, item->uuid));
          g_hash_table_insert (items, item->uuid, item);
        }
      since = json_object_get_int_member (obj, "next");
      more = json_object_get_boolean_member (obj, "more");
    }
  return items;
}

/* How many of @item's events are @action. */
G_GNUC_UNUSED static guint
count_events (const XbItem *item, XbAction action)
{
  guint n = 0;

  for (guint i = 0; i < item->events->len; i++)
    if (((XbEvent *) item->events->pdata[i])->action == action)
      n++;
  return n;
}
