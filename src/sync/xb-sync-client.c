/* The client side of the protocol on libsoup: one session per server. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "xb-codec.h"
#include "xb-sync-client.h"
#include "xb-types.h"

struct _XbSyncClient
{
  GObject      parent_instance;
  char        *base_url;
  SoupSession *session;
};

G_DEFINE_FINAL_TYPE (XbSyncClient, xb_sync_client, G_TYPE_OBJECT)

static void
xb_sync_client_finalize (GObject *object)
{
  XbSyncClient *self = XB_SYNC_CLIENT (object);

  g_clear_object (&self->session);
  g_free (self->base_url);
  G_OBJECT_CLASS (xb_sync_client_parent_class)->finalize (object);
}

static void
xb_sync_client_class_init (XbSyncClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xb_sync_client_finalize;
}

static void
xb_sync_client_init (XbSyncClient *self)
{
  self->session = soup_session_new_with_options ("user-agent", "Xinbao/" PACKAGE_VERSION " ",
                                                 "timeout", 30, NULL);
}

XbSyncClient *
xb_sync_client_new (const char *base_url, GError **error)
{
  g_autoptr(GUri) uri = g_uri_parse (base_url ? base_url : "", G_URI_FLAGS_NONE, NULL);
  XbSyncClient *self;
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0))
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                        _("“%s” is not a server address; it looks like http://host:port"),
                        base_url ? base_url : ""), NULL;
  self = g_object_new (XB_TYPE_SYNC_CLIENT, NULL);
  self->base_url = g_strdup (base_url);
  if (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  return self;
}

const char *
xb_sync_client_get_base_url (XbSyncClient *self)
{
  return self->base_url;
}

static void
health_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  JsonNode *schema;

  if (body == NULL)
    return g_task_return_error (task, g_steal_pointer (&error));
  if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    return g_task_return_new_error (task, XB_ERROR, XB_ERROR_FAILED, "The server answered %u %s.",
                                    soup_message_get_status (msg), soup_message_get_reason_phrase (msg));
  root = xb_json_parse (g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), &error);
  if (root == NULL)
    return g_task_return_error (task, g_steal_pointer (&error));
  obj = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  schema = obj ? json_object_get_member (obj, "schema") : NULL;
  if (schema == NULL || json_node_get_value_type (schema) != G_TYPE_INT64)
    return g_task_return_new_error (task, XB_ERROR, XB_ERROR_INVALID, "The server’s answer is not a health report.");
  g_task_return_int (task, json_node_get_int (schema));
}

void
xb_sync_client_health_async (XbSyncClient        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *url = g_strconcat (self->base_url, "/api/v1/health", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, xb_sync_client_health_async);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    health_done, task);
}

int
xb_sync_client_health_finish (XbSyncClient *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  return (int) g_task_propagate_int (G_TASK (result), error);
}
