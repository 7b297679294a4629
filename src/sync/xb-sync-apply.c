/* How the server's answers enter the client store: item copies, the refresh list, refused statuses. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "xb-codec.h"
#include "xb-store-admin.h"
#include "xb-store-requests.h"
#include "xb-sync-engine-private.h"

/* The server's copy of an item, with its adoptions and instructions. */
gboolean
xb_sync_store_item (XbStore *store, const XbItem *item, GError **error)
{
  if (!xb_store_begin (store, error))
    return FALSE;
  if (!xb_store_put_item (store, item, error) || !xb_store_replace_outcomes (store, item, error))
    {
      xb_store_rollback (store);
      return FALSE;
    }
  return xb_store_commit (store, error);
}

gboolean
xb_sync_apply_item (XbStore *store, const XbItem *item, gboolean *applied, GError **error)
{
  /* The local copy is ahead of the server's while changes wait in the
   * outbox; the answers to them bring the server's copy instead. */
  if (xb_store_outbox_count (store, item->uuid) > 0)
    {
      *applied = FALSE;
      return xb_sync_refresh_add (store, item->uuid, error);
    }
  *applied = TRUE;
  return xb_sync_store_item (store, item, error);
}

XbItem *
xb_sync_answer_item (GBytes *body, GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  JsonNode *item;

  root = xb_json_parse (g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), error);
  if (root == NULL)
    return NULL;
  obj = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  item = obj != NULL ? json_object_get_member (obj, "item") : NULL;
  if (item == NULL || JSON_NODE_HOLDS_NULL (item))
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_NOT_FOUND,
                                _("The server’s answer holds no item.")), NULL;
  return xb_item_from_node (item, error);
}

GError *
xb_sync_status_error (const XbResponse *response)
{
  g_autofree char *message = NULL;
  guint status = response->status;

  if (status != SOUP_STATUS_UNAUTHORIZED && status != SOUP_STATUS_REQUEST_TIMEOUT
      && status != 429 && status < 500)
    return NULL;
  message = xb_response_dup_message (response);
  if (status == SOUP_STATUS_UNAUTHORIZED)
    return g_error_new (XB_ERROR, XB_ERROR_UNAUTHORIZED,
                        _("The server no longer accepts this sign-in (%s). Sign in again."), message);
  if (status == 429)
    return g_error_new (XB_ERROR, XB_ERROR_RATE_LIMITED,
                        _("The server asks Xinbao to slow down (%s); it will try again."), message);
  return g_error_new (XB_ERROR, XB_ERROR_OFFLINE,
                      _("The server could not answer (%s); Xinbao will try again."), message);
}

/* ---- the refresh list ---------------------------------------------------------- */

GStrv
xb_sync_refresh_list (XbStore *store)
{
  g_autofree char *text = xb_store_get_meta (store, "refresh");

  if (text == NULL || *text == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (text, " ", -1);
}

static gboolean
refresh_save (XbStore *store, GStrv uuids, GError **error)
{
  g_autofree char *text = g_strjoinv (" ", uuids);

  return xb_store_set_meta (store, "refresh", text, error);
}

gboolean
xb_sync_refresh_add (XbStore *store, const char *uuid, GError **error)
{
  g_auto(GStrv) uuids = xb_sync_refresh_list (store);
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) grown = NULL;

  if (g_strv_contains ((const char *const *) uuids, uuid))
    return TRUE;
  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) uuids);
  g_strv_builder_add (builder, uuid);
  grown = g_strv_builder_end (builder);
  return refresh_save (store, grown, error);
}

gboolean
xb_sync_refresh_remove (XbStore *store, const char *uuid, GError **error)
{
  g_auto(GStrv) uuids = xb_sync_refresh_list (store);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) shrunk = NULL;

  if (!g_strv_contains ((const char *const *) uuids, uuid))
    return TRUE;
  for (guint i = 0; uuids[i] != NULL; i++)
    if (g_strcmp0 (uuids[i], uuid) != 0)
      g_strv_builder_add (builder, uuids[i]);
  shrunk = g_strv_builder_end (builder);
  return refresh_save (store, shrunk, error);
}

gboolean
xb_sync_apply_request (XbStore *store, JsonNode *data, GError **error)
{
  g_autoptr(XbRequest) request = xb_request_from_node (data, error);

  if (request == NULL)
    return FALSE;
  if (request->id <= 0)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID,
                                _("A request in the change feed has no id.")), FALSE;
  return xb_store_put_request (store, request, error);
}

gboolean
xb_sync_apply_roster (XbStore *store, JsonNode *data, GError **error)
{
  gint64 unit_id = 0;
  g_autoptr(GArray) entries = xb_roster_from_node (data, &unit_id, error);

  return entries != NULL && xb_store_put_roster (store, unit_id, entries, error);
}
