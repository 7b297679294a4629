/* Roster proposals through the API: an officer proposes their unit's roster entry, the information section approves or rejects it. */
#include "config.h"

#include "xb-codec.h"
#include "xb-store-proposals.h"
#include "xb-server-proposals.h"

static const XbField proposal_fields[] = {
  { "post",    XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "user_id", XB_FIELD_INT,    XB_FIELD_NULLABLE },
  { "name",    XB_FIELD_STRING, XB_FIELD_NULLABLE },
  { "starts",  XB_FIELD_STRING, XB_FIELD_REQUIRED },
};

static const XbField approve_fields[] = {
  { "user_id", XB_FIELD_INT, XB_FIELD_NULLABLE },
};

static const XbField reject_fields[] = {
  { "reason", XB_FIELD_STRING, XB_FIELD_REQUIRED },
};

static gboolean
is_unit_officer (const XbUser *user)
{
  return user->unit_id > 0 && (user->roles & XB_ROLE_BIT (XB_ROLE_OFFICER)) != 0;
}

/* The information section decides: editors, the section chief, the administrator. */
static gboolean
may_decide (const XbUser *user)
{
  return (user->roles & (XB_ROLE_BIT (XB_ROLE_EDITOR) | XB_ROLE_BIT (XB_ROLE_SECTION_CHIEF)
                         | XB_ROLE_BIT (XB_ROLE_ADMIN))) != 0;
}

static void
set_optional_string (JsonObject *obj, const char *name, const char *s)
{
  if (s != NULL)
    json_object_set_string_member (obj, name, s);
  else
    json_object_set_null_member (obj, name);
}

static void
set_optional_time (JsonObject *obj, const char *name, gint64 t)
{
  g_autofree char *text = t != 0 ? xb_time_format (t) : NULL;

  if (text != NULL)
    json_object_set_string_member (obj, name, text);
  else
    json_object_set_null_member (obj, name);
}

static void
set_optional_int (JsonObject *obj, const char *name, gint64 v)
{
  if (v != 0)
    json_object_set_int_member (obj, name, v);
  else
    json_object_set_null_member (obj, name);
}

static JsonNode *
proposal_node (const XbRosterProposal *p)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (obj, "id", p->id);
  json_object_set_int_member (obj, "unit_id", p->unit_id);
  json_object_set_string_member (obj, "post", p->post == XB_POST_LEADER ? "leader" : "officer");
  set_optional_int (obj, "user_id", p->user_id);
  set_optional_string (obj, "name", p->person_name);
  set_optional_time (obj, "starts", p->starts);
  set_optional_int (obj, "proposed_by", p->proposed_by);
  set_optional_time (obj, "proposed_at", p->proposed_at);
  json_object_set_string_member (obj, "status", xb_proposal_status_to_string (p->status));
  set_optional_int (obj, "decided_by", p->decided_by);
  set_optional_time (obj, "decided_at", p->decided_at);
  set_optional_string (obj, "reason", p->reason);
  json_node_take_object (node, obj);
  return node;
}

/* Fills @p from the body: the post, an account of the caller's unit or a
 * new person's name, the start. */
static gboolean
read_proposal (XbRequest *req, JsonObject *obj, XbRosterProposal *p)
{
  const char *post = json_object_get_string_member (obj, "post");
  const char *starts = json_object_get_string_member (obj, "starts");
  gint64 user_id = json_object_get_int_member_with_default (obj, "user_id", 0);
  const char *name = json_object_get_string_member_with_default (obj, "name", NULL);
  g_autoptr(XbUser) user = NULL;

  if (!g_str_equal (post, "leader") && !g_str_equal (post, "officer"))
    return xb_request_fail (req, 422, N_("“post” must be leader or officer.")), FALSE;
  if (!xb_time_parse (starts, &p->starts) || p->starts <= 0)
    return xb_request_fail (req, 422, N_("“starts” must be a UTC time like 2026-03-01T08:00:00Z.")), FALSE;
  if ((user_id != 0) == (name != NULL))
    return xb_request_fail (req, 422, N_("Give either “user_id” or “name”.")), FALSE;
  if (user_id != 0 && ((user = xb_store_get_user (req->store, user_id, NULL)) == NULL
                       || user->unit_id != req->user->unit_id))
    return xb_request_fail (req, 422, N_("There is no such user in your unit.")), FALSE;
  if (name != NULL && (g_utf8_strlen (name, -1) > XB_NAME_MAX_CHARS || xb_text_is_blank (name)))
    return xb_request_fail (req, 422, N_("“name” must be a name of at most %d characters."), XB_NAME_MAX_CHARS), FALSE;
  p->unit_id = req->user->unit_id;
  p->post = g_str_equal (post, "leader") ? XB_POST_LEADER : XB_POST_OFFICER;
  p->user_id = user_id;
  p->person_name = g_strdup (name);
  return TRUE;
}

/* POST /api/v1/roster/proposals: 201 {"proposal": …} (officers of a unit). */
void
xb_server_proposals_create (XbRequest *req)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(XbRosterProposal) p = g_new0 (XbRosterProposal, 1);
  g_autoptr(GError) error = NULL;

  if (!is_unit_officer (req->user))
    return xb_request_deny (req, N_("Only an information officer may propose their unit’s roster."));
  if ((root = xb_request_json (req)) == NULL
      || !xb_request_check_fields (req, json_node_get_object (root), proposal_fields,
                                   G_N_ELEMENTS (proposal_fields))
      || !read_proposal (req, json_node_get_object (root), p))
    return;
  p->proposed_by = req->user->id;
  p->proposed_at = g_get_real_time () / G_USEC_PER_SEC;
  if (!xb_store_add_roster_proposal (req->store, p, &error))
    return error->code == XB_ERROR_INVALID ? xb_request_fail (req, 422, "%s", error->message)
                                           : xb_request_fail_error (req, error);
  xb_request_reply (req, SOUP_STATUS_CREATED, xb_json_wrap ("proposal", proposal_node (p)));
}

static void
reply_list (XbRequest *req, gint64 unit_id, gboolean pending_only)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = xb_store_list_roster_proposals (req->store, unit_id, pending_only, &error);
  JsonArray *array;
  JsonNode *node;

  if (list == NULL)
    return xb_request_fail_error (req, error);
  array = json_array_new ();
  for (guint i = 0; i < list->len; i++)
    json_array_add_element (array, proposal_node (list->pdata[i]));
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  xb_request_reply (req, SOUP_STATUS_OK, xb_json_wrap ("proposals", node));
}

/* GET /api/v1/roster/proposals: the caller's unit's proposals, every status. */
void
xb_server_proposals_mine (XbRequest *req)
{
  if (!is_unit_officer (req->user))
    return xb_request_deny (req, N_("Only an information officer may read their unit’s roster proposals."));
  reply_list (req, req->user->unit_id, FALSE);
}

/* GET /api/v1/admin/roster/proposals: every pending proposal (office roles). */
void
xb_server_proposals_pending (XbRequest *req)
{
  if (!xb_user_has_office_role (req->user))
    return xb_request_deny (req, N_("Only the office may read roster proposals."));
  reply_list (req, 0, TRUE);
}

/* The proposal id of the path and the body, once the caller may decide. */
static JsonNode *
decision_body (XbRequest *req, const XbField *fields, gsize n_fields, gint64 *id)
{
  g_autoptr(JsonNode) root = NULL;
  guint64 value;

  if (!may_decide (req->user))
    return xb_request_deny (req, N_("Only the information section may decide on roster proposals.")), NULL;
  if (!g_ascii_string_to_unsigned (req->args[0], 10, 1, G_MAXINT64, &value, NULL))
    return xb_request_fail (req, 404, N_("No such resource.")), NULL;
  *id = (gint64) value;
  if ((root = xb_request_json (req)) == NULL
      || !xb_request_check_fields (req, json_node_get_object (root), fields, n_fields))
    return NULL;
  return g_steal_pointer (&root);
}

static void
reply_decided (XbRequest *req, gint64 id, gboolean ok, const GError *error)
{
  g_autoptr(XbRosterProposal) p = NULL;
  g_autoptr(GError) get_error = NULL;

  if (!ok)
    return error->code == XB_ERROR_INVALID ? xb_request_fail (req, 422, "%s", error->message)
                                           : xb_request_fail_error (req, error);
  if ((p = xb_store_get_roster_proposal (req->store, id, &get_error)) == NULL)
    return xb_request_fail_error (req, get_error);
  xb_request_reply (req, SOUP_STATUS_OK, xb_json_wrap ("proposal", proposal_node (p)));
}

/* POST /api/v1/admin/roster/proposals/{id}/approve {"user_id"?}. */
void
xb_server_proposals_approve (XbRequest *req)
{
  gint64 id = 0, user_id;
  g_autoptr(JsonNode) root = decision_body (req, approve_fields, G_N_ELEMENTS (approve_fields), &id);
  g_autoptr(XbUser) user = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (root == NULL)
    return;
  user_id = json_object_get_int_member_with_default (json_node_get_object (root), "user_id", 0);
  if (user_id != 0 && (user = xb_store_get_user (req->store, user_id, NULL)) == NULL)
    return xb_request_fail (req, 422, N_("There is no user %lld."), (long long) user_id);
  ok = xb_store_approve_roster_proposal (req->store, id, user_id, req->user->id,
                                         g_get_real_time () / G_USEC_PER_SEC, &error);
  reply_decided (req, id, ok, error);
}

/* POST /api/v1/admin/roster/proposals/{id}/reject {"reason"}. */
void
xb_server_proposals_reject (XbRequest *req)
{
  gint64 id = 0;
  g_autoptr(JsonNode) root = decision_body (req, reject_fields, G_N_ELEMENTS (reject_fields), &id);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (root == NULL)
    return;
  ok = xb_store_reject_roster_proposal (req->store, id,
                                        json_object_get_string_member (json_node_get_object (root), "reason"),
                                        req->user->id, g_get_real_time () / G_USEC_PER_SEC, &error);
  reply_decided (req, id, ok, error);
}
