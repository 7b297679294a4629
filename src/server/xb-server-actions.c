/* Workflow actions: POST /api/v1/items/{uuid}/actions through the one state machine. */
#include "config.h"

#include "xb-codec.h"
#include "xb-server-actions.h"
#include "xb-server-items.h"

#define MAX_SOURCES 100

typedef struct {
  JsonObject *obj;
  const char *uuid;
  const char *id;
  const char *comment;
  XbAction    action;
} Act;

static const XbField action_fields[] = {
  { "id",      XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "action",  XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "comment", XB_FIELD_STRING, XB_FIELD_NULLABLE },
};

static const XbField edit_fields[] = {
  { "title",      XB_FIELD_STRING, XB_FIELD_OPTIONAL },
  { "body",       XB_FIELD_STRING, XB_FIELD_OPTIONAL },
  { "category",   XB_FIELD_STRING, XB_FIELD_OPTIONAL },
  { "type",       XB_FIELD_STRING, XB_FIELD_OPTIONAL },
  { "angle",      XB_FIELD_STRING, XB_FIELD_OPTIONAL },
  { "importance", XB_FIELD_STRING, XB_FIELD_OPTIONAL },
  { "urgent",     XB_FIELD_BOOL,   XB_FIELD_OPTIONAL },
  { "event_at",   XB_FIELD_STRING, XB_FIELD_NULLABLE },
  { "for_mayor",  XB_FIELD_BOOL,   XB_FIELD_OPTIONAL },
};

static const char *const editable[] = {
  "title", "body", "category", "type", "angle", "importance", "urgent", "event_at", "for_mayor", NULL,
};

static const XbField propose_fields[] = {
  { "publication_id", XB_FIELD_INT,  XB_FIELD_REQUIRED },
  { "for_mayor",      XB_FIELD_BOOL, XB_FIELD_OPTIONAL },
};

static const XbField merge_fields[] = {
  { "into", XB_FIELD_STRING, XB_FIELD_REQUIRED },
};

static const XbField compose_fields[] = {
  { "item",    XB_FIELD_OBJECT, XB_FIELD_REQUIRED },
  { "sources", XB_FIELD_ARRAY,  XB_FIELD_REQUIRED },
};

static const XbField compose_item_fields[] = {
  { "title",      XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "body",       XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "category",   XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "type",       XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "angle",      XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "importance", XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "urgent",     XB_FIELD_BOOL,   XB_FIELD_OPTIONAL },
  { "event_at",   XB_FIELD_STRING, XB_FIELD_NULLABLE },
  { "for_mayor",  XB_FIELD_BOOL,   XB_FIELD_OPTIONAL },
};

static const XbField instruct_fields[] = {
  { "leader", XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "level",  XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "text",   XB_FIELD_STRING, XB_FIELD_REQUIRED },
};

static const XbField followup_fields[] = {
  { "instruction_id", XB_FIELD_INT,    XB_FIELD_REQUIRED },
  { "followup",       XB_FIELD_STRING, XB_FIELD_REQUIRED },
};

/* ---- checking the body ------------------------------------------------------------- */

static gboolean
check_extras (XbRequest *req, Act *act)
{
#define CHECK(fields) xb_request_check_fields (req, act->obj, fields, G_N_ELEMENTS (fields))
  switch (act->action)
    {
    case XB_ACTION_EDIT:     return CHECK (edit_fields);
    case XB_ACTION_PROPOSE:  return CHECK (propose_fields);
    case XB_ACTION_MERGE:    return CHECK (merge_fields);
    case XB_ACTION_INSTRUCT: return CHECK (instruct_fields);
    case XB_ACTION_FOLLOWUP: return CHECK (followup_fields);
    case XB_ACTION_COMPOSE:
      return CHECK (compose_fields)
          && xb_request_check_fields (req, json_object_get_object_member (act->obj, "item"),
                                      compose_item_fields, G_N_ELEMENTS (compose_item_fields));
    default:
      return TRUE;
    }
#undef CHECK
}

static gboolean
check_text (XbRequest *req, const char *name, const char *text, glong max_chars)
{
  const char *p = text;

  if (g_utf8_strlen (text, -1) > max_chars)
    return xb_request_fail (req, 422, N_("“%s” is too long: at most %ld characters."), name, max_chars), FALSE;
  while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (*p == '\0')
    return xb_request_fail (req, 422, N_("“%s” is empty."), name), FALSE;
  return TRUE;
}

static gboolean
parse_act (XbRequest *req, Act *act)
{
  const char *name;

  if (!xb_request_check_fields (req, act->obj, action_fields, G_N_ELEMENTS (action_fields)))
    return FALSE;
  act->id = json_object_get_string_member (act->obj, "id");
  name = json_object_get_string_member (act->obj, "action");
  act->comment = json_object_get_string_member_with_default (act->obj, "comment", NULL);
  if (!xb_request_check_uuid (req, "“id”", act->id))
    return FALSE;
  if (!xb_action_from_string (name, &act->action))
    return xb_request_fail (req, 422, N_("There is no action “%s”."), name), FALSE;
  if (act->action == XB_ACTION_CREATE || act->action == XB_ACTION_SAVE)
    return xb_request_fail (req, 422, N_("Drafts are created and saved with PUT /api/v1/items/{uuid}.")), FALSE;
  if (act->comment != NULL && g_utf8_strlen (act->comment, -1) > XB_COMMENT_MAX_CHARS)
    return xb_request_fail (req, 422, N_("The comment is too long: at most %d characters."),
                            XB_COMMENT_MAX_CHARS), FALSE;
  return check_extras (req, act);
}

/* ---- what each action adds to the transition ---------------------------------------- */

static gboolean
take_publication (XbRequest *req, Act *act, XbItem *item)
{
  gint64 id = json_object_get_int_member (act->obj, "publication_id");
  g_autoptr(XbPublication) publication = id > 0 ? xb_store_get_publication (req->store, id, NULL) : NULL;

  if (publication == NULL)
    return xb_request_fail (req, 422, N_("There is no publication %lld."), (long long) id), FALSE;
  if (publication->retired)
    return xb_request_fail (req, 422, N_("%s is retired; propose the item for a periodical still published."),
                            publication->name), FALSE;
  item->publication_id = id;
  return TRUE;
}

/* The target of a merge: a comprehensive item in editing held by the caller. */
static gboolean
take_merge_target (XbRequest *req, Act *act, XbItem *item)
{
  const char *into = json_object_get_string_member (act->obj, "into");
  g_autoptr(XbItem) target = NULL;

  if (!xb_request_check_uuid (req, "“into”", into))
    return FALSE;
  if (g_str_equal (into, item->uuid))
    return xb_request_fail (req, 422, N_("An item cannot be merged into itself.")), FALSE;
  if ((target = xb_store_get_item (req->store, into, NULL)) == NULL)
    return xb_request_fail (req, 422, N_("There is no item %s to merge into."), into), FALSE;
  if (target->state != XB_STATE_EDITING || target->type != XB_ITEM_TYPE_COMPREHENSIVE)
    return xb_request_conflict (req, item, N_("Items are merged only into a comprehensive item being edited.")), FALSE;
  if (target->holder_id != req->user->id)
    return xb_request_deny (req, N_("Another editor holds the comprehensive item.")), FALSE;
  g_free (item->merged_into);
  item->merged_into = g_strdup (into);
  return TRUE;
}


static gboolean
record_instruction (XbRequest *req, Act *act, const XbItem *item, gint64 now)
{
  const char *leader = json_object_get_string_member (act->obj, "leader");
  const char *level_name = json_object_get_string_member (act->obj, "level");
  const char *text = json_object_get_string_member (act->obj, "text");
  g_autoptr(GError) error = NULL;
  XbLevel level;

  if (!check_text (req, "leader", leader, XB_NAME_MAX_CHARS) || !check_text (req, "text", text, XB_BODY_MAX_CHARS))
    return FALSE;
  if (!xb_level_from_string (level_name, &level))
    return xb_request_fail (req, 422, N_("“level” must be city, province or national.")), FALSE;
  if (xb_store_add_instruction (req->store, item->uuid, leader, level, text, now,
                                XB_FOLLOWUP_RECEIVED, &error) == 0)
    return xb_request_fail_error (req, error), FALSE;
  return TRUE;
}

static gboolean
record_followup (XbRequest *req, Act *act, const XbItem *item)
{
  gint64 id = json_object_get_int_member (act->obj, "instruction_id");
  const char *name = json_object_get_string_member (act->obj, "followup");
  g_autoptr(GError) error = NULL;
  XbFollowup followup;

  if (!xb_followup_from_string (name, &followup))
    return xb_request_fail (req, 422, N_("“followup” must be received, handling or reported.")), FALSE;
  if (!xb_store_set_followup (req->store, item->uuid, id, followup, &error))
    return xb_request_fail_error (req, error), FALSE;
  return TRUE;
}

/* Changes to the item that must be known before the state machine judges it. */
static void
prepare (Act *act, XbItem *item)
{
  if (act->action == XB_ACTION_PROPOSE && json_object_has_member (act->obj, "for_mayor"))
    item->for_mayor = json_object_get_boolean_member (act->obj, "for_mayor");
}

/* Changes the action brings besides the move, checked once the move is allowed. */
static gboolean
take_extras (XbRequest *req, Act *act, XbItem **item)
{
  switch (act->action)
    {
    case XB_ACTION_EDIT:    return xb_server_items_take (req, item, act->obj, editable);
    case XB_ACTION_PROPOSE: return take_publication (req, act, *item);
    case XB_ACTION_MERGE:   return take_merge_target (req, act, *item);
    default:                return TRUE;
    }
}

/* Rows besides the item that the action records, in the same transaction. */
static gboolean
record_outcome (XbRequest *req, Act *act, const XbItem *item, const XbTransition *t, gint64 now)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (act->action == XB_ACTION_SIGN && t->to == XB_STATE_ADOPTED)
    ok = xb_store_add_adoption (req->store, item->uuid, item->publication_id, 0, XB_LEVEL_CITY, now, &error);
  else if (act->action == XB_ACTION_PROVINCE_ADOPT)
    ok = xb_store_add_adoption (req->store, item->uuid, 0, 0, XB_LEVEL_PROVINCE, now, &error);
  else if (act->action == XB_ACTION_STATE_ADOPT)
    ok = xb_store_add_adoption (req->store, item->uuid, 0, 0, XB_LEVEL_NATIONAL, now, &error);
  else if (act->action == XB_ACTION_INSTRUCT)
    return record_instruction (req, act, item, now);
  else if (act->action == XB_ACTION_FOLLOWUP)
    return record_followup (req, act, item);
  if (!ok)
    xb_request_fail_error (req, error);
  return ok;
}

static void
act_on_item (XbRequest *req, Act *act)
{
  g_autoptr(XbItem) item = xb_server_items_load (req, act->uuid);
  XbTransition t = { 0 };
  gint64 now = xb_server_now ();

  if (item == NULL)
    return;
  prepare (act, item);
  if (!xb_server_items_check (req, item, act->action, &t))
    return;
  if (take_extras (req, act, &item))
    {
      xb_server_items_apply (req, item, &t, act->id, act->comment, now);
      if (xb_server_items_save (req, item) && record_outcome (req, act, item, &t, now))
        {
          /* Read back: the answer carries the adoptions and instructions just recorded. */
          g_autoptr(XbItem) saved = xb_store_get_item (req->store, item->uuid, NULL);
          xb_request_reply_item (req, SOUP_STATUS_OK, saved != NULL ? saved : item);
        }
    }
  xb_transition_clear (&t);
}

/* ---- compose: a comprehensive item from merged sources ------------------------------------ */

static GStrv
parse_sources (XbRequest *req, Act *act)
{
  JsonArray *array = json_object_get_array_member (act->obj, "sources");
  g_autoptr(GStrvBuilder) sources = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = json_array_get_length (array);

  if (n == 0 || n > MAX_SOURCES)
    return xb_request_fail (req, 422, N_("“sources” needs from 1 to %d items."), MAX_SOURCES), NULL;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *uuid;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return xb_request_fail (req, 400, N_("“sources” must hold strings.")), NULL;
      uuid = json_node_get_string (node);
      if (!xb_request_check_uuid (req, N_("A source"), uuid))
        return NULL;
      if (g_str_equal (uuid, act->uuid) || !g_hash_table_add (seen, (gpointer) uuid))
        return xb_request_fail (req, 422, N_("Each source must be another item, named once.")), NULL;
      g_strv_builder_add (sources, uuid);
    }
  return g_strv_builder_end (sources);
}

static gboolean
merge_source (XbRequest *req, Act *act, const char *uuid, gint64 now)
{
  g_autoptr(XbItem) source = xb_store_get_item (req->store, uuid, NULL);
  g_autofree char *event_id = xb_uuid_new ();
  XbTransition t = { 0 };

  if (source == NULL)
    return xb_request_fail (req, 422, N_("There is no source item %s."), uuid), FALSE;
  if (!xb_user_can_see_item (req->user, source))
    return xb_request_deny (req, N_("You may not merge this item.")), FALSE;
  if (!xb_server_items_check (req, source, XB_ACTION_MERGE, &t))
    return FALSE;
  source->merged_into = g_strdup (act->uuid);
  xb_server_items_apply (req, source, &t, event_id, act->comment, now);
  xb_transition_clear (&t);
  return xb_server_items_save (req, source);
}

static XbItem *
new_comprehensive (XbRequest *req, Act *act, gint64 now)
{
  g_autoptr(XbItem) item = xb_item_new ();
  XbTransition t = { 0 };

  item->uuid = g_strdup (act->uuid);
  item->unit_id = req->user->unit_id;
  item->author_id = req->user->id;
  item->state = XB_STATE_NEW;
  item->created_at = item->updated_at = now;
  if (!xb_server_items_check (req, item, XB_ACTION_COMPOSE, &t))
    return NULL;
  if (xb_server_items_take (req, &item, json_object_get_object_member (act->obj, "item"), editable))
    xb_server_items_apply (req, item, &t, act->id, act->comment, now);
  else
    g_clear_pointer (&item, xb_item_free);
  xb_transition_clear (&t);
  return g_steal_pointer (&item);
}

static void
compose (XbRequest *req, Act *act)
{
  g_autoptr(XbItem) existing = xb_store_get_item (req->store, act->uuid, NULL);
  g_autoptr(XbItem) item = NULL;
  g_auto(GStrv) sources = NULL;
  gint64 now = xb_server_now ();

  if (existing != NULL)
    {
      if (!xb_user_can_see_item (req->user, existing))
        g_clear_pointer (&existing, xb_item_free);
      xb_request_conflict (req, existing, N_("An item with this id already exists."));
      return;
    }
  if ((item = new_comprehensive (req, act, now)) == NULL
      || (sources = parse_sources (req, act)) == NULL
      || !xb_server_items_save (req, item))
    return;
  for (guint i = 0; sources[i] != NULL; i++)
    if (!merge_source (req, act, sources[i], now))
      return;
  xb_request_reply_item (req, SOUP_STATUS_OK, item);
}

/* ---- the route ------------------------------------------------------------------------ */

static void
act_once (XbRequest *req, gpointer data)
{
  Act *act = data;

  if (act->action == XB_ACTION_COMPOSE)
    compose (req, act);
  else
    act_on_item (req, act);
}

void
xb_server_actions_post (XbRequest *req)
{
  g_autoptr(JsonNode) root = xb_request_json (req);
  Act act = { NULL, req->args[0], NULL, NULL, 0 };

  if (root == NULL)
    return;
  act.obj = json_node_get_object (root);
  if (!parse_act (req, &act))
    return;
  /* Compose makes the item named in the path, so that id must be a good
   * one; for the rest a bad id simply names no item. */
  if (act.action == XB_ACTION_COMPOSE && !xb_request_check_uuid (req, N_("The item's id"), act.uuid))
    return;
  xb_request_run_once (req, act.id, act.uuid, act_once, &act);
}
