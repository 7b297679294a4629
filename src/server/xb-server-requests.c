/* Commissioned requests (约稿) through the API: the office asks units for items, everyone lists theirs, the office reads the marks. */
#include "config.h"

#define XB_REQUEST_NO_TYPEDEF
#include "xb-store-requests.h"

#include "xb-codec.h"
#include "xb-server-requests.h"

static const XbField request_fields[] = {
  { "id",         XB_FIELD_INT,    XB_FIELD_NULLABLE },
  { "topic",      XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "deadline",   XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "created_by", XB_FIELD_INT,    XB_FIELD_NULLABLE },
  { "unit_ids",   XB_FIELD_ARRAY,  XB_FIELD_REQUIRED },
};

/* The information section commissions items: editors, the section chief, the administrator. */
static gboolean
may_commission (const XbUser *user)
{
  return (user->roles & (XB_ROLE_BIT (XB_ROLE_EDITOR) | XB_ROLE_BIT (XB_ROLE_SECTION_CHIEF)
                         | XB_ROLE_BIT (XB_ROLE_ADMIN))) != 0;
}

JsonNode *
xb_server_request_node (XbStore *store, gint64 id)
{
  g_autoptr(XbCommission) request = xb_store_get_request (store, id, NULL);

  return request != NULL ? xb_request_to_node (request) : NULL;
}

/* POST /api/v1/admin/requests: 201 {"request": …}. */
void
xb_server_requests_create (XbRequest *req)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(XbCommission) request = NULL;
  g_autoptr(GError) error = NULL;

  if (!may_commission (req->user))
    return xb_request_deny (req, N_("Only the information section may commission items."));
  if ((root = xb_request_json (req)) == NULL
      || !xb_request_check_fields (req, json_node_get_object (root), request_fields,
                                   G_N_ELEMENTS (request_fields)))
    return;
  if ((request = xb_request_from_node (root, &error)) == NULL)
    return xb_request_fail (req, 422, "%s", error->message);
  if (request->deadline <= g_get_real_time () / G_USEC_PER_SEC)
    return xb_request_fail (req, 422, N_("The deadline of a request must lie in the future."));
  request->id = 0;
  request->created_by = req->user->id;
  if (!xb_store_create_request (req->store, request, &error))
    return error->code == XB_ERROR_INVALID ? xb_request_fail (req, 422, "%s", error->message)
                                           : xb_request_fail_error (req, error);
  xb_request_reply (req, SOUP_STATUS_CREATED, xb_json_wrap ("request", xb_request_to_node (request)));
}

/* GET /api/v1/requests[?open=1]: the office sees every request, a unit's
 * users those addressed to their unit, anyone else none. */
void
xb_server_requests_list (XbRequest *req)
{
  const char *open = req->query != NULL ? g_hash_table_lookup (req->query, "open") : NULL;
  gboolean office = xb_user_has_office_role (req->user);
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array = json_array_new ();
  JsonNode *node;

  if (!office && req->user->unit_id == 0)
    requests = g_ptr_array_new ();
  else
    requests = xb_store_list_requests (req->store, office ? 0 : req->user->unit_id,
                                       g_strcmp0 (open, "1") == 0,
                                       g_get_real_time () / G_USEC_PER_SEC, &error);
  if (requests == NULL)
    {
      json_array_unref (array);
      return xb_request_fail_error (req, error);
    }
  for (guint i = 0; i < requests->len; i++)
    json_array_add_element (array, xb_request_to_node (requests->pdata[i]));
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  xb_request_reply (req, SOUP_STATUS_OK, xb_json_wrap ("requests", node));
}

static gboolean
query_seconds (XbRequest *req, const char *name, gint64 fallback, gint64 *out)
{
  const char *text = req->query != NULL ? g_hash_table_lookup (req->query, name) : NULL;

  *out = fallback;
  if (text != NULL && !g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, out, NULL))
    return xb_request_fail (req, 400, N_("“%s” must be Unix seconds."), name), FALSE;
  return TRUE;
}

static JsonNode *
answer_node (const XbRequestAnswer *a)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *at = a->answered_at != 0 ? xb_time_format (a->answered_at) : NULL;

  json_object_set_int_member (obj, "request_id", a->request_id);
  json_object_set_int_member (obj, "unit_id", a->unit_id);
  if (at != NULL)
    json_object_set_string_member (obj, "answered_at", at);
  else
    json_object_set_null_member (obj, "answered_at");
  json_object_set_string_member (obj, "mark", xb_answer_mark_to_string (a->mark));
  json_node_take_object (node, obj);
  return node;
}

/* GET /api/v1/admin/requests/answers?from=&to= (Unix seconds, deadlines in
 * [from, to); default: every request): office roles only. */
void
xb_server_requests_answers (XbRequest *req)
{
  g_autoptr(GArray) answers = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonNode *node;
  gint64 from, to;

  if (!xb_user_has_office_role (req->user))
    return xb_request_deny (req, N_("Only the office may see the answers to requests."));
  if (!query_seconds (req, "from", 0, &from) || !query_seconds (req, "to", G_MAXINT64, &to))
    return;
  answers = xb_store_request_answers (req->store, from, to, g_get_real_time () / G_USEC_PER_SEC, &error);
  if (answers == NULL)
    return xb_request_fail_error (req, error);
  array = json_array_new ();
  for (guint i = 0; i < answers->len; i++)
    json_array_add_element (array, answer_node (&g_array_index (answers, XbRequestAnswer, i)));
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  xb_request_reply (req, SOUP_STATUS_OK, xb_json_wrap ("answers", node));
}
