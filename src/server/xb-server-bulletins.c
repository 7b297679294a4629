/* Publishing the quarterly bulletin: the figures are taken once, frozen, and reach every unit through the feed. */
#include "config.h"

#include "xb-server-bulletins.h"
#include "xb-stats-export.h"

static const XbField publish_fields[] = {
  { "period", XB_FIELD_STRING, XB_FIELD_REQUIRED },
};

/* The information section publishes bulletins: editors, the section chief, the administrator. */
static gboolean
may_publish (const XbUser *user)
{
  return (user->roles & (XB_ROLE_BIT (XB_ROLE_EDITOR) | XB_ROLE_BIT (XB_ROLE_SECTION_CHIEF)
                         | XB_ROLE_BIT (XB_ROLE_ADMIN))) != 0;
}

static void
set_time (JsonObject *obj, const char *name, gint64 at)
{
  g_autofree char *text = xb_time_format (at);

  json_object_set_string_member (obj, name, text);
}

JsonNode *
xb_bulletin_record_to_node (const XbBulletinRecord *r)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (obj, "period", r->period);
  set_time (obj, "taken_at", r->taken_at);
  set_time (obj, "published_at", r->published_at);
  if (r->published_by != 0)
    json_object_set_int_member (obj, "published_by", r->published_by);
  else
    json_object_set_null_member (obj, "published_by");
  json_object_set_string_member (obj, "csv", r->csv);
  json_node_take_object (node, obj);
  return node;
}

static void
reply_bulletin (XbRequest *req, guint status, const XbBulletinRecord *r)
{
  JsonObject *obj = json_object_new ();
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);

  json_object_set_member (obj, "bulletin", xb_bulletin_record_to_node (r));
  json_node_take_object (root, obj);
  xb_request_reply (req, status, root);
}

/* A quarter is published once, after it has ended: figures of a running
 * quarter would change under the units' eyes. */
static gboolean
check_quarter (XbRequest *req, const char *period, XbPeriod *quarter)
{
  if (!xb_period_parse_quarter (period, quarter))
    return xb_request_fail (req, 422, N_("“period” looks like 2026Q3.")), FALSE;
  if (quarter->to > xb_server_now ())
    return xb_request_fail (req, 409, N_("The quarter %s has not ended yet."), period), FALSE;
  return TRUE;
}

void
xb_server_bulletins_publish (XbRequest *req)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  XbBulletinRecord record = { 0 };
  XbPeriod quarter;

  if (!may_publish (req->user))
    return xb_request_deny (req, N_("Only the information section publishes bulletins."));
  if ((root = xb_request_json (req)) == NULL
      || !xb_request_check_fields (req, json_node_get_object (root), publish_fields, G_N_ELEMENTS (publish_fields)))
    return;
  record.period = (char *) json_object_get_string_member (json_node_get_object (root), "period");
  if (!check_quarter (req, record.period, &quarter))
    return;
  record.taken_at = record.published_at = xb_server_now ();
  record.published_by = req->user->id;
  if ((figures = xb_stats_unit_figures (req->store, &quarter, record.taken_at, NULL, &error)) == NULL)
    return xb_request_fail_error (req, error);
  record.csv = csv = xb_figures_to_csv (figures);
  if (!xb_store_put_bulletin (req->store, &record, FALSE, &error))
    return xb_request_fail_error (req, error);
  reply_bulletin (req, SOUP_STATUS_CREATED, &record);
}

void
xb_server_bulletins_get (XbRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbBulletinRecord) record = xb_store_get_bulletin (req->store, req->args[0], &error);

  if (record == NULL)
    return xb_request_fail_error (req, error);
  reply_bulletin (req, SOUP_STATUS_OK, record);
}
