/* Local writes: each user action changes the store and queues its request in one transaction. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "xb-codec.h"
#include "xb-sync-engine-private.h"
#include "xb-workflow.h"

static gboolean
load_actor (XbSyncEngine *self, XbActor *actor, GError **error)
{
  g_autoptr(XbUser) user = xb_store_dup_signed_in_user (self->store);

  if (user == NULL)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_UNAUTHORIZED,
                                _("Sign in before making changes.")), FALSE;
  actor->user_id = user->id;
  actor->unit_id = user->unit_id;
  actor->roles = user->roles;
  return TRUE;
}

/* The one state machine decides here as it will on the server, so the
 * local copy shows what the server is going to answer. */
static gboolean
transition (XbSyncEngine *self, XbItem *local, const XbActor *actor, XbAction action, GError **error)
{
  XbUnitFacts facts = { xb_store_unit_has_leader (self->store, local->unit_id) };
  XbTransition t = { 0 };
  XbPolicy policy;

  if (!xb_store_get_policy (self->store, &policy, error)
      || !xb_workflow_check (local, &facts, &policy, actor, action, &t, error))
    return FALSE;
  xb_workflow_apply (local, &t, actor->user_id, g_get_real_time () / G_USEC_PER_SEC);
  xb_transition_clear (&t);
  return TRUE;
}

/* What the server would refuse as malformed is refused here already. */
static gboolean
validate (const XbItem *local, GError **error)
{
  g_autoptr(JsonNode) node = xb_item_to_node (local);
  g_autoptr(XbItem) decoded = xb_item_from_node (node, error);

  return decoded != NULL;
}

/* Each attachment's bytes go up before the item that lists them, once:
 * "uploaded:SHA" in the meta table, or an upload already queued, says so. */
static gboolean
queue_uploads (XbSyncEngine *self, const XbItem *local, GError **error)
{
  g_autoptr(GPtrArray) outbox = xb_store_outbox_list (self->store, TRUE, error);

  if (outbox == NULL)
    return FALSE;
  for (guint i = 0; local->attachments != NULL && i < local->attachments->len; i++)
    {
      const XbAttachment *a = local->attachments->pdata[i];
      g_autofree char *key = g_strconcat ("uploaded:", a->sha256, NULL);
      g_autofree char *done = xb_store_get_meta (self->store, key);
      g_autofree char *op_id = g_strconcat ("upload-", a->sha256, NULL);
      g_autofree char *path = g_strconcat (XB_SYNC_ATTACHMENTS_PATH, a->sha256, NULL);
      gboolean queued = FALSE;

      for (guint j = 0; j < outbox->len && !queued; j++)
        queued = g_strcmp0 (((XbOutboxEntry *) outbox->pdata[j])->op_id, op_id) == 0;
      if (done != NULL || queued)
        continue;
      if (xb_store_outbox_add (self->store, op_id, "PUT", path, NULL, local->uuid, error) == 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
queue (XbSyncEngine *self, const XbItem *local, const char *op_id, const char *method,
       const char *path, JsonObject *body, GError **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), body);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();

  if (!validate (local, error) || !xb_store_begin (self->store, error))
    return FALSE;
  if (!xb_store_put_item (self->store, local, error)
      || (json_object_has_member (body, "attachments") && !queue_uploads (self, local, error))
      || xb_store_outbox_add (self->store, op_id, method, path, text, local->uuid, error) == 0)
    {
      xb_store_rollback (self->store);
      return FALSE;
    }
  if (!xb_store_commit (self->store, error))
    return FALSE;
  xb_sync_engine_update_queued (self);
  g_ptr_array_add (changed, local->uuid);
  xb_sync_engine_items_changed (self, changed);
  xb_sync_engine_kick (self);
  return TRUE;
}

/* ---- fields on the wire ---------------------------------------------------------- */

static void
set_time_or_null (JsonObject *obj, const char *name, gint64 t)
{
  g_autofree char *text = NULL;

  if (t == 0)
    return json_object_set_null_member (obj, name);
  text = xb_time_format (t);
  json_object_set_string_member (obj, name, text);
}

static void
set_id_or_null (JsonObject *obj, const char *name, gint64 id)
{
  if (id == 0)
    json_object_set_null_member (obj, name);
  else
    json_object_set_int_member (obj, name, id);
}

static void
set_item_fields (JsonObject *obj, const XbItem *item)
{
  json_object_set_string_member (obj, "title", item->title ? item->title : "");
  json_object_set_string_member (obj, "body", item->body ? item->body : "");
  json_object_set_string_member (obj, "category", item->category ? item->category : "");
  json_object_set_string_member (obj, "type", xb_item_type_to_string (item->type));
  json_object_set_string_member (obj, "angle", xb_angle_to_string (item->angle));
  json_object_set_string_member (obj, "importance", xb_importance_to_string (item->importance));
  json_object_set_boolean_member (obj, "urgent", item->urgent);
  set_time_or_null (obj, "event_at", item->event_at);
  json_object_set_boolean_member (obj, "for_mayor", item->for_mayor);
  set_id_or_null (obj, "request_id", item->request_id);
}

static void
copy_editable (XbItem *to, const XbItem *from)
{
  g_free (to->title);
  to->title = g_strdup (from->title);
  g_free (to->body);
  to->body = g_strdup (from->body);
  g_free (to->category);
  to->category = g_strdup (from->category);
  to->type = from->type;
  to->angle = from->angle;
  to->importance = from->importance;
  to->urgent = from->urgent;
  to->event_at = from->event_at;
  to->for_mayor = from->for_mayor;
  to->request_id = from->request_id;
  if (from->attachments != NULL)
    {
      g_clear_pointer (&to->attachments, g_ptr_array_unref);
      to->attachments = xb_attachments_copy (from->attachments);
    }
}

/* ---- save_item ----------------------------------------------------------------- */

static XbItem *
prepare_create (XbSyncEngine *self, const XbActor *actor, const XbItem *item, JsonObject *body,
                GError **error)
{
  g_autoptr(XbItem) local = xb_item_new ();

  if (item->revision != 0)
    return g_set_error (error, XB_ERROR, XB_ERROR_NOT_FOUND,
                        _("The item %s is not in this store."), item->uuid), NULL;
  local->uuid = g_strdup (item->uuid);
  local->unit_id = item->unit_id != 0 ? item->unit_id : actor->unit_id;
  local->author_id = actor->user_id;
  local->state = XB_STATE_NEW;
  local->revision = 1;
  copy_editable (local, item);
  if (!transition (self, local, actor, XB_ACTION_CREATE, error))
    return NULL;
  json_object_set_int_member (body, "revision", 0);
  json_object_set_int_member (body, "unit_id", local->unit_id);
  set_item_fields (body, local);
  if (local->attachments != NULL)
    json_object_set_array_member (body, "attachments", xb_attachments_to_array (local->attachments));
  return g_steal_pointer (&local);
}

static XbItem *
prepare_update (XbSyncEngine *self, const XbActor *actor, const XbItem *stored, const XbItem *item,
                JsonObject *body, GError **error)
{
  g_autoptr(XbItem) local = NULL;

  /* The edit was made on an older copy: saving it would undo what came since. */
  if (item->revision != stored->revision)
    return g_set_error (error, XB_ERROR, XB_ERROR_CONFLICT,
                        _("The item changed since it was opened (revision %d, now %d). "
                          "Reopen it and make the change again."),
                        item->revision, stored->revision), NULL;
  local = xb_item_copy (stored);
  copy_editable (local, item);
  if (!transition (self, local, actor, XB_ACTION_SAVE, error))
    return NULL;
  json_object_set_int_member (body, "revision", stored->revision);
  set_item_fields (body, local);
  if (item->attachments != NULL)
    json_object_set_array_member (body, "attachments", xb_attachments_to_array (local->attachments));
  return g_steal_pointer (&local);
}

gboolean
xb_sync_engine_save_item (XbSyncEngine *self, const XbItem *item, GError **error)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autofree char *event_id = xb_uuid_new ();
  g_autofree char *path = NULL;
  g_autoptr(XbItem) stored = NULL;
  g_autoptr(XbItem) local = NULL;
  XbActor actor;

  g_return_val_if_fail (XB_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (item != NULL, FALSE);
  if (item->uuid == NULL)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID, _("The item has no UUID.")), FALSE;
  if (!load_actor (self, &actor, error))
    return FALSE;
  json_object_set_string_member (body, "event_id", event_id);
  stored = xb_store_get_item (self->store, item->uuid, NULL);
  local = stored != NULL ? prepare_update (self, &actor, stored, item, body, error)
                         : prepare_create (self, &actor, item, body, error);
  if (local == NULL)
    return FALSE;
  path = g_strconcat ("/api/v1/items/", item->uuid, NULL);
  return queue (self, local, event_id, "PUT", path, body, error);
}

/* ---- act ------------------------------------------------------------------------ */

static gboolean
invalid_field (const char *name, GError **error)
{
  return g_set_error (error, XB_ERROR, XB_ERROR_INVALID, _("The field “%s” has a wrong value."), name), FALSE;
}

static gboolean
read_string_field (JsonObject *obj, const char *name, char **out, GError **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL)
    return TRUE;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid_field (name, error);
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_bool_field (JsonObject *obj, const char *name, gboolean *out, GError **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL)
    return TRUE;
  if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid_field (name, error);
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* An enumeration's wire name, or NULL when absent; the caller parses it. */
static gboolean
read_name_field (JsonObject *obj, const char *name, const char **out, GError **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid_field (name, error);
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_time_field (JsonObject *obj, const char *name, gint64 *out, GError **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_NULL (node))
    return (*out = 0), TRUE;
  if (json_node_get_value_type (node) != G_TYPE_STRING || !xb_time_parse (json_node_get_string (node), out))
    return invalid_field (name, error);
  return TRUE;
}

static gboolean
read_enums (JsonObject *obj, XbItem *item, GError **error)
{
  const char *type, *angle, *importance;

  if (!read_name_field (obj, "type", &type, error)
      || !read_name_field (obj, "angle", &angle, error)
      || !read_name_field (obj, "importance", &importance, error))
    return FALSE;
  if (type != NULL && !xb_item_type_from_string (type, &item->type))
    return invalid_field ("type", error);
  if (angle != NULL && !xb_angle_from_string (angle, &item->angle))
    return invalid_field ("angle", error);
  if (importance != NULL && !xb_importance_from_string (importance, &item->importance))
    return invalid_field ("importance", error);
  return TRUE;
}

/* The fields "edit" and "compose" may change, where present. */
static gboolean
read_item_fields (JsonObject *obj, XbItem *item, GError **error)
{
  return read_string_field (obj, "title", &item->title, error)
      && read_string_field (obj, "body", &item->body, error)
      && read_string_field (obj, "category", &item->category, error)
      && read_enums (obj, item, error)
      && read_bool_field (obj, "urgent", &item->urgent, error)
      && read_time_field (obj, "event_at", &item->event_at, error)
      && read_bool_field (obj, "for_mayor", &item->for_mayor, error);
}

/* What the action's extra fields change before the machine looks at it:
 * the proposal's mayor mark decides the chain, for one. */
static gboolean
apply_extra (XbItem *local, XbAction action, JsonObject *extra, GError **error)
{
  JsonNode *node;

  switch (action)
    {
    case XB_ACTION_EDIT:
      return read_item_fields (extra, local, error);
    case XB_ACTION_PROPOSE:
      node = json_object_get_member (extra, "publication_id");
      if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) <= 0)
        return invalid_field ("publication_id", error);
      local->publication_id = json_node_get_int (node);
      return read_bool_field (extra, "for_mayor", &local->for_mayor, error);
    case XB_ACTION_MERGE:
      node = json_object_get_member (extra, "into");
      if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
        return invalid_field ("into", error);
      g_free (local->merged_into);
      local->merged_into = g_strdup (json_node_get_string (node));
      return TRUE;
    default:
      return TRUE;
    }
}

/* compose makes the comprehensive item @uuid in the actor's unit. */
static XbItem *
compose_item (const XbActor *actor, const char *uuid, JsonObject *extra, GError **error)
{
  g_autoptr(XbItem) local = xb_item_new ();
  JsonNode *fields = json_object_get_member (extra, "item");

  if (fields == NULL || !JSON_NODE_HOLDS_OBJECT (fields))
    return invalid_field ("item", error), NULL;
  local->uuid = g_strdup (uuid);
  local->unit_id = actor->unit_id;
  local->author_id = actor->user_id;
  local->state = XB_STATE_NEW;
  local->type = XB_ITEM_TYPE_COMPREHENSIVE;
  if (!read_item_fields (json_node_get_object (fields), local, error))
    return NULL;
  return g_steal_pointer (&local);
}

static JsonObject *
parse_extra (const char *extra_json, GError **error)
{
  g_autoptr(JsonNode) root = NULL;

  if (extra_json == NULL || *extra_json == '\0')
    return json_object_new ();
  if ((root = xb_json_parse (extra_json, -1, error)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID,
                                _("The action’s extra fields are not a JSON object.")), NULL;
  return json_object_ref (json_node_get_object (root));
}

static XbItem *
prepare_action (XbSyncEngine *self, const XbActor *actor, const char *uuid, XbAction action,
                JsonObject *extra, GError **error)
{
  g_autoptr(XbItem) local = NULL;

  if (action == XB_ACTION_COMPOSE)
    local = compose_item (actor, uuid, extra, error);
  else if ((local = xb_store_get_item (self->store, uuid, error)) != NULL
           && !apply_extra (local, action, extra, error))
    return NULL;
  if (local == NULL || !transition (self, local, actor, action, error))
    return NULL;
  return g_steal_pointer (&local);
}

static JsonObject *
action_body (const char *action_id, XbAction action, const char *comment, JsonObject *extra)
{
  JsonObject *body = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_set_string_member (body, "id", action_id);
  json_object_set_string_member (body, "action", xb_action_to_string (action));
  if (comment != NULL && *comment != '\0')
    json_object_set_string_member (body, "comment", comment);
  else
    json_object_set_null_member (body, "comment");
  json_object_iter_init (&iter, extra);
  while (json_object_iter_next (&iter, &name, &value))
    if (!json_object_has_member (body, name))
      json_object_set_member (body, name, json_node_copy (value));
  return body;
}

gboolean
xb_sync_engine_act (XbSyncEngine  *self,
                    const char    *item_uuid,
                    XbAction       action,
                    const char    *comment,
                    const char    *extra_json,
                    GError       **error)
{
  g_autofree char *action_id = xb_uuid_new ();
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(XbItem) local = NULL;
  XbActor actor;

  g_return_val_if_fail (XB_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (item_uuid != NULL, FALSE);
  if (action == XB_ACTION_CREATE || action == XB_ACTION_SAVE)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID,
                                "create and save go through xb_sync_engine_save_item()"), FALSE;
  if (comment != NULL && g_utf8_strlen (comment, -1) > XB_COMMENT_MAX_CHARS)
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                        _("The comment is longer than %d characters."), XB_COMMENT_MAX_CHARS), FALSE;
  if (!load_actor (self, &actor, error) || (extra = parse_extra (extra_json, error)) == NULL)
    return FALSE;
  if ((local = prepare_action (self, &actor, item_uuid, action, extra, error)) == NULL)
    return FALSE;
  body = action_body (action_id, action, comment, extra);
  path = g_strconcat ("/api/v1/items/", item_uuid, "/actions", NULL);
  return queue (self, local, action_id, "POST", path, body, error);
}

/* ---- refused changes ------------------------------------------------------------- */

static gboolean
resolve (XbSyncEngine *self, const char *item_uuid, gboolean discard, GError **error)
{
  g_autoptr(GPtrArray) entries = xb_store_outbox_list (self->store, TRUE, error);
  gboolean behind = FALSE, ok = TRUE;

  if (entries == NULL || !xb_store_begin (self->store, error))
    return FALSE;
  for (guint i = 0; ok && i < entries->len; i++)
    {
      XbOutboxEntry *e = entries->pdata[i];

      if (g_strcmp0 (e->item_uuid, item_uuid) != 0)
        continue;
      behind = behind || e->failed;
      if (discard && behind)
        ok = xb_store_outbox_remove (self->store, e->id, error);
      else if (!discard && e->failed)
        ok = xb_store_outbox_retry (self->store, e->id, error);
    }
  if (ok && discard)
    ok = xb_sync_refresh_add (self->store, item_uuid, error);
  if (!ok)
    {
      xb_store_rollback (self->store);
      return FALSE;
    }
  if (!xb_store_commit (self->store, error))
    return FALSE;
  xb_sync_engine_update_queued (self);
  xb_sync_engine_kick (self);
  return TRUE;
}

gboolean
xb_sync_engine_retry (XbSyncEngine *self, const char *item_uuid, GError **error)
{
  g_return_val_if_fail (XB_IS_SYNC_ENGINE (self), FALSE);
  return resolve (self, item_uuid, FALSE, error);
}

gboolean
xb_sync_engine_discard (XbSyncEngine *self, const char *item_uuid, GError **error)
{
  g_return_val_if_fail (XB_IS_SYNC_ENGINE (self), FALSE);
  return resolve (self, item_uuid, TRUE, error);
}
