/* Items: PUT and GET /api/v1/items/{uuid}, and the steps every item write shares. */
#include "config.h"

#define XB_REQUEST_NO_TYPEDEF
#include "xb-store-requests.h"

#include "xb-codec.h"
#include "xb-server-attachments.h"
#include "xb-server-items.h"

/* ---- shared steps ------------------------------------------------------------------ */

XbItem *
xb_server_items_load (XbRequest *req, const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbItem) item = xb_store_get_item (req->store, uuid, &error);

  if (item == NULL)
    {
      xb_request_fail_error (req, error);
      return NULL;
    }
  if (!xb_user_can_see_item (req->user, item))
    {
      xb_request_deny (req, N_("You may not change this item."));
      return NULL;
    }
  return g_steal_pointer (&item);
}

gboolean
xb_server_items_take (XbRequest *req, XbItem **item, JsonObject *src, const char *const *fields)
{
  g_autoptr(JsonNode) node = xb_item_to_node (*item);
  JsonObject *obj = json_node_get_object (node);
  g_autoptr(GError) error = NULL;
  XbItem *taken;

  for (guint i = 0; fields[i] != NULL; i++)
    {
      JsonNode *value = json_object_get_member (src, fields[i]);

      if (value != NULL)
        json_object_set_member (obj, fields[i], json_node_copy (value));
    }
  if ((taken = xb_item_from_node (node, &error)) == NULL)
    return xb_request_fail (req, 422, "%s", error->message), FALSE;
  xb_item_free (*item);
  *item = taken;
  return TRUE;
}

static void
actor_of (const XbUser *user, XbActor *actor)
{
  actor->user_id = user->id;
  actor->unit_id = user->unit_id;
  actor->roles = user->roles;
}

gboolean
xb_server_items_check (XbRequest *req, const XbItem *item, XbAction action, XbTransition *t)
{
  XbUnitFacts facts = { xb_store_unit_has_leader (req->store, item->unit_id) };
  g_autoptr(GError) error = NULL;
  g_autoptr(XbItem) stored = NULL;
  XbPolicy policy;
  XbActor actor;

  if (!xb_store_get_policy (req->store, &policy, &error))
    return xb_request_fail_error (req, error), FALSE;
  actor_of (req->user, &actor);
  if (xb_workflow_check (item, &facts, &policy, &actor, action, t, &error))
    return TRUE;
  if (g_error_matches (error, XB_ERROR, XB_ERROR_FORBIDDEN))
    return xb_request_deny (req, error->message), FALSE;
  /* Not possible in this state: the client gets the server's copy to show. */
  stored = xb_store_get_item (req->store, item->uuid, NULL);
  xb_request_conflict (req, stored, error->message);
  return FALSE;
}

void
xb_server_items_apply (XbRequest *req, XbItem *item, const XbTransition *t,
                       const char *event_id, const char *comment, gint64 now)
{
  XbEvent *e = xb_event_new ();

  xb_workflow_apply (item, t, req->user->id, now);
  e->id = g_strdup (event_id);
  e->action = t->action;
  e->actor_id = req->user->id;
  e->role = t->role;
  e->at = now;
  e->from = t->from;
  e->to = t->to;
  e->comment = (comment != NULL && *comment != '\0') ? g_strdup (comment) : NULL;
  /* The text as sent, edited or composed: the history compares these. */
  if (t->action == XB_ACTION_SUBMIT || t->action == XB_ACTION_EDIT || t->action == XB_ACTION_COMPOSE)
    {
      e->title = g_strdup (item->title);
      e->body = g_strdup (item->body);
    }
  g_ptr_array_add (item->events, e);
}

gboolean
xb_server_items_save (XbRequest *req, const XbItem *item)
{
  g_autoptr(GError) error = NULL;

  if (!xb_store_put_item (req->store, item, &error))
    return xb_request_fail_error (req, error), FALSE;
  return TRUE;
}

/* ---- PUT: create or update a draft ------------------------------------------------------ */

static const XbField put_fields[] = {
  { "event_id",    XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "revision",    XB_FIELD_INT,    XB_FIELD_NULLABLE },
  { "unit_id",     XB_FIELD_INT,    XB_FIELD_NULLABLE },
  { "title",       XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "body",        XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "category",    XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "type",        XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "angle",       XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "importance",  XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "urgent",      XB_FIELD_BOOL,   XB_FIELD_OPTIONAL },
  { "event_at",    XB_FIELD_STRING, XB_FIELD_NULLABLE },
  { "for_mayor",   XB_FIELD_BOOL,   XB_FIELD_OPTIONAL },
  { "request_id",  XB_FIELD_INT,    XB_FIELD_NULLABLE },
  { "attachments", XB_FIELD_ARRAY,  XB_FIELD_OPTIONAL },
};

static const char *const draft_fields[] = {
  "title", "body", "category", "type", "angle", "importance", "urgent", "event_at",
  "for_mayor", "request_id", NULL,
};

typedef struct {
  JsonObject *obj;
  const char *uuid;
  const char *event_id;
} Put;

static gint64
member_int (JsonObject *obj, const char *name, gint64 fallback)
{
  JsonNode *node = json_object_get_member (obj, name);

  return (node != NULL && !JSON_NODE_HOLDS_NULL (node)) ? json_node_get_int (node) : fallback;
}

/* The item's text from the body, its attachments, the event, and the write. */
static void
finish_put (XbRequest *req, Put *put, XbItem **item, XbAction action, guint status)
{
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *list = json_object_get_member (put->obj, "attachments");
  XbTransition t = { 0 };

  if (!xb_server_items_check (req, *item, action, &t))
    return;
  if (!xb_server_items_take (req, item, put->obj, draft_fields)
      || (list != NULL && (attachments = xb_server_attachments_parse (req, json_node_get_array (list))) == NULL))
    {
      xb_transition_clear (&t);
      return;
    }
  if ((*item)->request_id != 0 && !xb_store_request_asks (req->store, (*item)->request_id, (*item)->unit_id))
    {
      xb_transition_clear (&t);
      xb_request_fail (req, 422, N_("Request %lld did not ask this unit."), (long long) (*item)->request_id);
      return;
    }
  xb_server_items_apply (req, *item, &t, put->event_id, NULL, xb_server_now ());
  xb_transition_clear (&t);
  if (!xb_server_items_save (req, *item))
    return;
  if (attachments != NULL && !xb_store_set_attachments (req->store, (*item)->uuid, attachments, &error))
    {
      xb_request_fail_error (req, error);
      return;
    }
  xb_request_reply_item (req, status, *item);
}

static void
create_draft (XbRequest *req, Put *put)
{
  g_autoptr(XbItem) item = xb_item_new ();
  gint64 now = xb_server_now ();

  if (member_int (put->obj, "revision", 0) != 0)
    {
      xb_request_fail (req, 404, N_("There is no item %s to update."), put->uuid);
      return;
    }
  item->uuid = g_strdup (put->uuid);
  item->unit_id = member_int (put->obj, "unit_id", req->user->unit_id);
  /* A retired unit keeps its items but writes no new ones. */
  {
    g_autoptr(XbUnit) unit = xb_store_get_unit (req->store, item->unit_id, NULL);
    if (unit != NULL && unit->retired)
      {
        xb_request_fail (req, 422, N_("The unit “%s” is retired and takes no new items."), unit->name);
        return;
      }
  }
  item->author_id = req->user->id;
  item->state = XB_STATE_NEW;
  item->created_at = item->updated_at = now;
  finish_put (req, put, &item, XB_ACTION_CREATE, SOUP_STATUS_CREATED);
}

static void
update_draft (XbRequest *req, Put *put, XbItem *stored)
{
  g_autoptr(XbItem) item = xb_item_copy (stored);
  gint64 revision = member_int (put->obj, "revision", 0);
  XbTransition t = { 0 };

  if (!xb_user_can_see_item (req->user, item))
    {
      xb_request_deny (req, N_("You may not change this item."));
      return;
    }
  if (!xb_server_items_check (req, item, XB_ACTION_SAVE, &t))
    return;
  xb_transition_clear (&t);
  if (revision != item->revision)
    {
      g_autofree char *message = revision == 0
        ? g_strdup (N_("This item already exists."))
        : g_strdup_printf (xb_server_translate (req, N_("The item is at revision %d, not %lld.")),
                           item->revision, (long long) revision);
      xb_request_conflict (req, stored, message);
      return;
    }
  finish_put (req, put, &item, XB_ACTION_SAVE, SOUP_STATUS_OK);
}

static void
put_once (XbRequest *req, gpointer data)
{
  Put *put = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(XbItem) stored = xb_store_get_item (req->store, put->uuid, &error);

  if (stored != NULL)
    update_draft (req, put, stored);
  else if (g_error_matches (error, XB_ERROR, XB_ERROR_NOT_FOUND))
    create_draft (req, put);
  else
    xb_request_fail_error (req, error);
}

void
xb_server_items_put (XbRequest *req)
{
  g_autoptr(JsonNode) root = NULL;
  Put put = { NULL, req->args[0], NULL };

  if (!xb_request_check_uuid (req, N_("The item's id"), put.uuid)
      || (root = xb_request_json (req)) == NULL
      || !xb_request_check_fields (req, put.obj = json_node_get_object (root),
                                   put_fields, G_N_ELEMENTS (put_fields)))
    return;
  put.event_id = json_object_get_string_member (put.obj, "event_id");
  if (!xb_request_check_uuid (req, "“event_id”", put.event_id))
    return;
  xb_request_run_once (req, put.event_id, put.uuid, put_once, &put);
}

/* ---- GET ----------------------------------------------------------------------------- */

void
xb_server_items_get (XbRequest *req)
{
  g_autoptr(XbItem) item = xb_store_get_item (req->store, req->args[0], NULL);

  /* An item the caller may not see does not exist for them. */
  if (item == NULL || !xb_user_can_see_item (req->user, item))
    xb_request_fail (req, 404, N_("There is no item %s."), req->args[0]);
  else
    xb_request_reply_item (req, SOUP_STATUS_OK, item);
}
