/* The change feed: GET /api/v1/changes, scoped to what the caller may see. */
#include "config.h"

#include "xb-codec.h"
#include "xb-server-bulletins.h"
#include "xb-server-feed.h"
#include "xb-server-issues.h"
#include "xb-server-requests.h"
#include "xb-store-admin.h"

static gboolean
query_number (XbRequest *req, const char *name, gint64 fallback, gint64 min, gint64 max, gint64 *out)
{
  const char *text = req->query != NULL ? g_hash_table_lookup (req->query, name) : NULL;
  gint64 value;

  *out = fallback;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return xb_request_fail (req, 400, N_("“%s” must be a whole number."), name), FALSE;
  if (value < min || value > max)
    return xb_request_fail (req, 422, N_("“%s” must be from %lld to %lld."),
                            name, (long long) min, (long long) max), FALSE;
  *out = value;
  return TRUE;
}

static JsonNode *
publication_node (XbStore *store, gint64 id)
{
  g_autoptr(XbPublication) p = xb_store_get_publication (store, id, NULL);
  JsonObject *obj;

  if (p == NULL)
    return NULL;
  obj = json_object_new ();
  json_object_set_int_member (obj, "id", p->id);
  json_object_set_string_member (obj, "name", p->name);
  json_object_set_string_member (obj, "code", p->code);
  json_object_set_boolean_member (obj, "retired", p->retired);
  return xb_json_object_node (obj);
}

static JsonNode *
priorities_node (XbStore *store)
{
  g_auto(GStrv) titles = xb_store_list_priorities (store, TRUE, NULL);
  JsonObject *obj = json_object_new ();
  JsonArray *items = json_array_new ();

  for (guint i = 0; titles != NULL && titles[i] != NULL; i++)
    json_array_add_string_element (items, titles[i]);
  json_object_set_array_member (obj, "items", items);
  return xb_json_object_node (obj);
}

/* The versions not yet in force, in the order they were made: the order a
 * client inserts them so that its latest-version-first choice matches ours. */
static JsonArray *
upcoming_policies (XbStore *store, gint64 now)
{
  g_autoptr(GPtrArray) versions = xb_store_policy_history (store, NULL);
  JsonArray *upcoming = json_array_new ();

  for (guint i = versions != NULL ? versions->len : 0; i > 0; i--)
    {
      XbPolicyVersion *v = versions->pdata[i - 1];
      g_autofree char *from = NULL;
      JsonNode *body;
      JsonObject *entry;

      if (v->effective_from <= now || (body = xb_json_parse (v->body, -1, NULL)) == NULL)
        continue;
      from = xb_time_format (v->effective_from);
      entry = json_object_new ();
      json_object_set_string_member (entry, "effective_from", from);
      json_object_set_member (entry, "policy", body);
      json_array_add_object_element (upcoming, entry);
    }
  return upcoming;
}

/* The policy in force, with "upcoming": the versions effective later. */
static JsonNode *
policy_node (XbStore *store)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  XbPolicy policy;
  g_autofree char *text = NULL;
  JsonNode *node;

  if (!xb_store_get_policy_at (store, now, &policy, NULL))
    return NULL;
  text = xb_policy_to_json (&policy);
  node = xb_json_parse (text, -1, NULL);
  if (node != NULL)
    json_object_set_array_member (json_node_get_object (node), "upcoming", upcoming_policies (store, now));
  return node;
}

static JsonNode *
roster_node (XbStore *store, gint64 unit_id)
{
  g_autoptr(GArray) entries = xb_store_roster_history (store, unit_id, NULL);

  return entries != NULL ? xb_roster_to_node (unit_id, entries) : NULL;
}

/* The entity a change names, as the feed shows it; NULL if it is gone. */
static JsonNode *
change_data (XbStore *store, const XbChange *change)
{
  guint64 id = 0;

  if (change->kind == XB_CHANGE_ITEM)
    {
      g_autoptr(XbItem) item = xb_store_get_item (store, change->key, NULL);
      return item != NULL ? xb_item_to_node (item) : NULL;
    }
  if (change->kind == XB_CHANGE_PRIORITIES)
    return priorities_node (store);
  if (change->kind == XB_CHANGE_POLICY)
    return policy_node (store);
  if (change->kind == XB_CHANGE_BULLETIN)
    {
      g_autoptr(XbBulletinRecord) record = xb_store_get_bulletin (store, change->key, NULL);
      return record != NULL ? xb_bulletin_record_to_node (record) : NULL;
    }
  if (!g_ascii_string_to_unsigned (change->key, 10, 1, G_MAXINT64, &id, NULL))
    return NULL;
  if (change->kind == XB_CHANGE_ISSUE)
    return xb_issue_to_node (store, (gint64) id);
  if (change->kind == XB_CHANGE_REQUEST)
    return xb_server_request_node (store, (gint64) id);
  if (change->kind == XB_CHANGE_ROSTER)
    return roster_node (store, (gint64) id);
  if (change->kind == XB_CHANGE_UNIT)
    {
      g_autoptr(XbUnit) unit = xb_store_get_unit (store, (gint64) id, NULL);
      return unit != NULL ? xb_unit_to_node (unit) : NULL;
    }
  if (change->kind == XB_CHANGE_USER)
    {
      g_autoptr(XbUser) user = xb_store_get_user (store, (gint64) id, NULL);
      return user != NULL ? xb_user_to_node (user) : NULL;
    }
  return publication_node (store, (gint64) id);
}

static JsonNode *
change_node (const XbChange *change, JsonNode *data)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "seq", change->seq);
  json_object_set_string_member (obj, "kind", xb_change_kind_to_string (change->kind));
  json_object_set_member (obj, "data", data);
  return xb_json_object_node (obj);
}

static JsonNode *
page_node (JsonArray *changes, gint64 next, gboolean more)
{
  JsonObject *obj = json_object_new ();

  json_object_set_array_member (obj, "changes", changes);
  json_object_set_int_member (obj, "next", next);
  json_object_set_boolean_member (obj, "more", more);
  return xb_json_object_node (obj);
}

void
xb_server_feed_changes (XbRequest *req)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *page;
  XbFeedScope scope;
  gint64 since, limit, last, next;
  gboolean more = FALSE;

  if (!query_number (req, "since", 0, 0, G_MAXINT64, &since)
      || !query_number (req, "limit", XB_FEED_DEFAULT_LIMIT, 1, XB_FEED_MAX_LIMIT, &limit))
    return;
  xb_user_feed_scope (req->user, &scope);
  /* Read before the page: every later change has a higher number, so on the
   * last page the cursor may move past the changes this caller may not see. */
  last = xb_store_last_change (req->store);
  changes = xb_store_changes_since (req->store, since, (guint) limit, &scope, &more, &error);
  if (changes == NULL)
    {
      xb_request_fail_error (req, error);
      return;
    }
  page = json_array_sized_new (changes->len);
  next = since;
  for (guint i = 0; i < changes->len; i++)
    {
      const XbChange *change = changes->pdata[i];
      JsonNode *data = change_data (req->store, change);

      next = change->seq;
      if (data != NULL)
        json_array_add_element (page, change_node (change, data));
    }
  if (!more)
    next = MAX (next, last);
  xb_request_reply (req, SOUP_STATUS_OK, page_node (page, next, more));
}
