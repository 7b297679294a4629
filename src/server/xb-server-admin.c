/* Administration routes under /api/v1/admin (role admin): units, users, rosters, policy, priorities, publications. */
#include "config.h"

#include "xb-codec.h"
#include "xb-password.h"
#include "xb-csv-import.h"
#include "xb-server-admin.h"
#include "xb-store-admin.h"
#include "xb-server-auth.h"

#define MAX_PRIORITIES 100

/* The admin's body, once the caller is known to be one and it is a JSON
 * object of the right shape. */
static JsonNode *
admin_body (XbRequest *req, const XbField *fields, gsize n_fields)
{
  g_autoptr(JsonNode) root = NULL;

  if (!xb_request_require_admin (req))
    return NULL;
  if ((root = xb_request_json (req)) == NULL
      || !xb_request_check_fields (req, json_node_get_object (root), fields, n_fields))
    return NULL;
  return g_steal_pointer (&root);
}

static gboolean
path_id (XbRequest *req, gint64 *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (req->args[0], 10, 1, G_MAXINT64, &value, NULL))
    return xb_request_fail (req, 404, N_("No such resource.")), FALSE;
  *id = (gint64) value;
  return TRUE;
}

/* The body's "id" must be absent, null, or @id. */
static gboolean
fix_id (XbRequest *req, JsonObject *obj, gint64 id)
{
  JsonNode *given = json_object_get_member (obj, "id");

  if (given != NULL && !JSON_NODE_HOLDS_NULL (given) && json_node_get_int (given) != id)
    return xb_request_fail (req, 422, N_("“id” does not match the path.")), FALSE;
  json_object_set_int_member (obj, "id", id);
  return TRUE;
}

static void
default_bool (JsonObject *obj, const char *name, gboolean value)
{
  if (!json_object_has_member (obj, name))
    json_object_set_boolean_member (obj, name, value);
}

/* ---- units ------------------------------------------------------------------------ */

static const XbField unit_fields[] = {
  { "id",            XB_FIELD_INT,    XB_FIELD_NULLABLE },
  { "name",          XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "kind",          XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "parent_id",     XB_FIELD_INT,    XB_FIELD_NULLABLE },
  { "monthly_quota", XB_FIELD_INT,    XB_FIELD_NULLABLE },
  { "retired",       XB_FIELD_BOOL,   XB_FIELD_OPTIONAL },
};

static XbUnit *
decode_unit (XbRequest *req, JsonNode *root, gint64 id)
{
  JsonObject *obj = json_node_get_object (root);
  g_autoptr(GError) error = NULL;
  g_autoptr(XbUnit) unit = NULL;
  g_autoptr(XbUnit) parent = NULL;

  if (!fix_id (req, obj, id))
    return NULL;
  default_bool (obj, "retired", FALSE);
  if ((unit = xb_unit_from_node (root, &error)) == NULL)
    return xb_request_fail (req, 422, "%s", error->message), NULL;
  if (unit->parent_id != 0
      && (unit->parent_id == unit->id || (parent = xb_store_get_unit (req->store, unit->parent_id, NULL)) == NULL))
    return xb_request_fail (req, 422, N_("There is no parent unit %lld."), (long long) unit->parent_id), NULL;
  return g_steal_pointer (&unit);
}

static void
put_unit (XbRequest *req, XbUnit *unit, guint status)
{
  g_autoptr(GError) error = NULL;

  if (!xb_store_put_unit (req->store, unit, &error))
    xb_request_fail_error (req, error);
  else
    xb_request_reply (req, status, xb_json_wrap ("unit", xb_unit_to_node (unit)));
}

void
xb_server_admin_create_unit (XbRequest *req)
{
  g_autoptr(JsonNode) root = admin_body (req, unit_fields, G_N_ELEMENTS (unit_fields));
  g_autoptr(XbUnit) unit = NULL;

  if (root != NULL && (unit = decode_unit (req, root, 0)) != NULL)
    put_unit (req, unit, SOUP_STATUS_CREATED);
}

void
xb_server_admin_update_unit (XbRequest *req)
{
  g_autoptr(JsonNode) root = admin_body (req, unit_fields, G_N_ELEMENTS (unit_fields));
  g_autoptr(XbUnit) old = NULL;
  g_autoptr(XbUnit) unit = NULL;
  gint64 id;

  if (root == NULL || !path_id (req, &id))
    return;
  if ((old = xb_store_get_unit (req->store, id, NULL)) == NULL)
    xb_request_fail (req, 404, N_("There is no unit %lld."), (long long) id);
  else if ((unit = decode_unit (req, root, id)) != NULL)
    put_unit (req, unit, SOUP_STATUS_OK);
}

/* ---- users ------------------------------------------------------------------------ */

static const XbField new_user_fields[] = {
  { "id",           XB_FIELD_INT,    XB_FIELD_NULLABLE },
  { "username",     XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "display_name", XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "unit_id",      XB_FIELD_INT,    XB_FIELD_REQUIRED },
  { "roles",        XB_FIELD_ARRAY,  XB_FIELD_REQUIRED },
  { "disabled",     XB_FIELD_BOOL,   XB_FIELD_OPTIONAL },
  { "password",     XB_FIELD_STRING, XB_FIELD_REQUIRED },
};

static const XbField user_fields[] = {
  { "id",           XB_FIELD_INT,    XB_FIELD_NULLABLE },
  { "username",     XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "display_name", XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "unit_id",      XB_FIELD_INT,    XB_FIELD_REQUIRED },
  { "roles",        XB_FIELD_ARRAY,  XB_FIELD_REQUIRED },
  { "disabled",     XB_FIELD_BOOL,   XB_FIELD_OPTIONAL },
  { "password",     XB_FIELD_STRING, XB_FIELD_OPTIONAL },
};

void
xb_server_admin_list_users (XbRequest *req)
{
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  if (!xb_request_require_admin (req))
    return;
  if ((users = xb_store_list_users (req->store, &error)) == NULL)
    {
      xb_request_fail_error (req, error);
      return;
    }
  array = json_array_sized_new (users->len);
  for (guint i = 0; i < users->len; i++)
    json_array_add_element (array, xb_user_to_node (users->pdata[i]));
  xb_request_reply (req, SOUP_STATUS_OK, xb_json_wrap ("users", json_node_init_array (json_node_alloc (), array)));
  json_array_unref (array);
}

/* The user in the body (its "password" taken out first: the user codec
 * refuses secrets), checked against the store. */
static XbUser *
decode_user (XbRequest *req, JsonNode *root, gint64 id, char **password)
{
  JsonObject *obj = json_node_get_object (root);
  g_autoptr(GError) error = NULL;
  g_autoptr(XbUser) user = NULL;
  g_autoptr(XbUser) same_name = NULL;
  g_autoptr(XbUnit) unit = NULL;

  *password = g_strdup (json_object_get_string_member_with_default (obj, "password", NULL));
  json_object_remove_member (obj, "password");
  if (!fix_id (req, obj, id))
    return NULL;
  default_bool (obj, "disabled", FALSE);
  if ((user = xb_user_from_node (root, &error)) == NULL)
    return xb_request_fail (req, 422, "%s", error->message), NULL;
  if (*password != NULL && !xb_password_acceptable (*password, &error))
    return xb_request_fail (req, 422, "%s", error->message), NULL;
  if ((unit = xb_store_get_unit (req->store, user->unit_id, NULL)) == NULL)
    return xb_request_fail (req, 422, N_("There is no unit %lld."), (long long) user->unit_id), NULL;
  same_name = xb_store_find_user (req->store, user->username, NULL);
  if (same_name != NULL && same_name->id != id)
    return xb_request_conflict (req, NULL, N_("Another account has this username.")), NULL;
  return g_steal_pointer (&user);
}

/* Writes the user, a new password hash if one was given, and on disabling
 * ends its sessions, all at once. */
static gboolean
put_user (XbRequest *req, XbUser *user, const char *password, GError **error)
{
  g_autofree char *hash = NULL;
  gboolean ok;

  if (password != NULL && (hash = xb_server_auth_hash_password (password, error)) == NULL)
    return FALSE;
  if (!xb_store_begin (req->store, error))
    return FALSE;
  ok = xb_store_put_user (req->store, user, hash, error)
       && (!user->disabled || xb_store_revoke_user_sessions (req->store, user->id, error));
  if (!ok)
    {
      xb_store_rollback (req->store);
      return FALSE;
    }
  return xb_store_commit (req->store, error);
}

static void
write_user (XbRequest *req, XbUser *user, const char *password, guint status)
{
  g_autoptr(GError) error = NULL;

  if (!put_user (req, user, password, &error))
    xb_request_fail_error (req, error);
  else
    xb_request_reply (req, status, xb_json_wrap ("user", xb_user_to_node (user)));
}

void
xb_server_admin_create_user (XbRequest *req)
{
  g_autoptr(JsonNode) root = admin_body (req, new_user_fields, G_N_ELEMENTS (new_user_fields));
  g_autoptr(XbUser) user = NULL;
  g_autofree char *password = NULL;

  if (root != NULL && (user = decode_user (req, root, 0, &password)) != NULL)
    write_user (req, user, password, SOUP_STATUS_CREATED);
}

void
xb_server_admin_update_user (XbRequest *req)
{
  g_autoptr(JsonNode) root = admin_body (req, user_fields, G_N_ELEMENTS (user_fields));
  g_autoptr(XbUser) old = NULL;
  g_autoptr(XbUser) user = NULL;
  g_autofree char *password = NULL;
  gint64 id;

  if (root == NULL || !path_id (req, &id))
    return;
  if ((old = xb_store_get_user (req->store, id, NULL)) == NULL)
    xb_request_fail (req, 404, N_("There is no user %lld."), (long long) id);
  else if ((user = decode_user (req, root, id, &password)) == NULL)
    return;
  else if (id == req->user->id && (user->disabled || !(user->roles & XB_ROLE_BIT (XB_ROLE_ADMIN))))
    xb_request_fail (req, 422, N_("An administrator cannot disable their own account or drop their own admin role."));
  else
    write_user (req, user, password, SOUP_STATUS_OK);
}

/* ---- roster ------------------------------------------------------------------------- */

static const XbField roster_fields[] = {
  { "unit_id", XB_FIELD_INT,    XB_FIELD_REQUIRED },
  { "user_id", XB_FIELD_INT,    XB_FIELD_REQUIRED },
  { "post",    XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "starts",  XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "ends",    XB_FIELD_STRING, XB_FIELD_NULLABLE },
};

static gboolean
parse_time_member (XbRequest *req, JsonObject *obj, const char *name, gint64 *out)
{
  const char *text = json_object_get_string_member_with_default (obj, name, NULL);

  *out = 0;
  if (text == NULL)
    return TRUE;
  if (!xb_time_parse (text, out) || *out <= 0)
    return xb_request_fail (req, 422, N_("“%s” must be a UTC time like 2026-03-01T08:00:00Z."), name), FALSE;
  return TRUE;
}

void
xb_server_admin_add_roster (XbRequest *req)
{
  g_autoptr(JsonNode) root = admin_body (req, roster_fields, G_N_ELEMENTS (roster_fields));
  g_autoptr(XbUnit) unit = NULL;
  g_autoptr(XbUser) user = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *obj;
  const char *post;
  gint64 starts, ends;

  if (root == NULL)
    return;
  obj = json_node_get_object (root);
  post = json_object_get_string_member (obj, "post");
  if (!g_str_equal (post, "leader") && !g_str_equal (post, "officer"))
    xb_request_fail (req, 422, N_("“post” must be leader or officer."));
  else if (!parse_time_member (req, obj, "starts", &starts) || !parse_time_member (req, obj, "ends", &ends))
    return;
  else if (ends != 0 && ends <= starts)
    xb_request_fail (req, 422, N_("“ends” must come after “starts”."));
  else if ((unit = xb_store_get_unit (req->store, json_object_get_int_member (obj, "unit_id"), NULL)) == NULL
           || (user = xb_store_get_user (req->store, json_object_get_int_member (obj, "user_id"), NULL)) == NULL)
    xb_request_fail (req, 422, N_("There is no such unit or user."));
  else if (!xb_store_add_roster (req->store, unit->id, user->id,
                                 g_str_equal (post, "leader") ? XB_POST_LEADER : XB_POST_OFFICER,
                                 starts, ends, &error))
    xb_request_fail_error (req, error);
  else
    xb_request_reply (req, SOUP_STATUS_CREATED, xb_json_wrap ("roster", json_node_copy (root)));
}

static JsonNode *
roster_history_node (XbStore *store, gint64 unit_id, GError **error)
{
  g_autoptr(GArray) history = xb_store_roster_history (store, unit_id, error);
  JsonArray *array;
  JsonNode *node;

  if (history == NULL)
    return NULL;
  array = json_array_new ();
  for (guint i = 0; i < history->len; i++)
    {
      XbRosterEntry *e = &g_array_index (history, XbRosterEntry, i);
      JsonObject *obj = json_object_new ();
      g_autofree char *starts = xb_time_format (e->starts);
      g_autofree char *ends = e->ends ? xb_time_format (e->ends) : NULL;

      json_object_set_int_member (obj, "id", e->id);
      json_object_set_int_member (obj, "unit_id", e->unit_id);
      json_object_set_int_member (obj, "user_id", e->user_id);
      json_object_set_string_member (obj, "post", e->post == XB_POST_LEADER ? "leader" : "officer");
      json_object_set_string_member (obj, "starts", starts);
      if (ends != NULL)
        json_object_set_string_member (obj, "ends", ends);
      else
        json_object_set_null_member (obj, "ends");
      json_array_add_object_element (array, obj);
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}

static gboolean
query_int (XbRequest *req, const char *name, gint64 min, gint64 max, gint64 *out)
{
  const char *text = req->query != NULL ? g_hash_table_lookup (req->query, name) : NULL;

  if (text == NULL)
    return xb_request_fail (req, 400, N_("“%s” is required."), name), FALSE;
  if (!g_ascii_string_to_signed (text, 10, min, max, out, NULL))
    return xb_request_fail (req, 422, N_("“%s” must be a whole number from %lld to %lld."),
                            name, (long long) min, (long long) max), FALSE;
  return TRUE;
}

/* GET /api/v1/admin/roster?unit_id=N: the unit's roster, past and present (office roles). */
void
xb_server_admin_roster_history (XbRequest *req)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node;
  gint64 unit_id;

  if (!xb_user_has_office_role (req->user))
    return xb_request_deny (req, N_("Only the office may read rosters."));
  if (!query_int (req, "unit_id", 1, G_MAXINT64, &unit_id))
    return;
  if ((node = roster_history_node (req->store, unit_id, &error)) == NULL)
    return xb_request_fail_error (req, error);
  xb_request_reply (req, SOUP_STATUS_OK, xb_json_wrap ("roster", node));
}

static const XbField roster_change_fields[] = {
  { "unit_id", XB_FIELD_INT,    XB_FIELD_REQUIRED },
  { "user_id", XB_FIELD_INT,    XB_FIELD_REQUIRED },
  { "post",    XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "at",      XB_FIELD_STRING, XB_FIELD_REQUIRED },
};

/* POST /api/v1/admin/roster/change: the post passes to user_id from "at";
 * the current holder's term ends then (admin). */
void
xb_server_admin_change_roster (XbRequest *req)
{
  g_autoptr(JsonNode) root = admin_body (req, roster_change_fields, G_N_ELEMENTS (roster_change_fields));
  g_autoptr(XbUnit) unit = NULL;
  g_autoptr(XbUser) user = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *obj;
  const char *post;
  JsonNode *history;
  gint64 at;

  if (root == NULL)
    return;
  obj = json_node_get_object (root);
  post = json_object_get_string_member (obj, "post");
  if (!g_str_equal (post, "leader") && !g_str_equal (post, "officer"))
    return xb_request_fail (req, 422, N_("“post” must be leader or officer."));
  if (!parse_time_member (req, obj, "at", &at))
    return;
  if ((unit = xb_store_get_unit (req->store, json_object_get_int_member (obj, "unit_id"), NULL)) == NULL
      || (user = xb_store_get_user (req->store, json_object_get_int_member (obj, "user_id"), NULL)) == NULL)
    return xb_request_fail (req, 422, N_("There is no such unit or user."));
  if (!xb_store_change_roster (req->store, unit->id, g_str_equal (post, "leader") ? XB_POST_LEADER : XB_POST_OFFICER,
                               user->id, at, &error))
    return error->code == XB_ERROR_INVALID ? xb_request_fail (req, 422, "%s", error->message)
                                           : xb_request_fail_error (req, error);
  if ((history = roster_history_node (req->store, unit->id, &error)) == NULL)
    return xb_request_fail_error (req, error);
  xb_request_reply (req, SOUP_STATUS_OK, xb_json_wrap ("roster", history));
}

/* GET /api/v1/admin/rosters/missing?year=Y: units whose roster lacks a
 * leader or an officer at the end of the policy's roster deadline (20 March
 * by default) of Y, China time (office roles). */
void
xb_server_admin_missing_rosters (XbRequest *req)
{
  g_autoptr(GArray) gaps = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *deadline_text = NULL;
  JsonObject *obj;
  JsonArray *units;
  gint64 year, deadline;

  if (!xb_user_has_office_role (req->user))
    return xb_request_deny (req, N_("Only the office may read rosters."));
  if (!query_int (req, "year", 2000, 9999, &year))
    return;
  if ((deadline = xb_store_roster_deadline (req->store, (int) year, &error)) == 0)
    return xb_request_fail_error (req, error);
  if ((gaps = xb_store_missing_rosters (req->store, deadline, &error)) == NULL)
    return xb_request_fail_error (req, error);
  units = json_array_new ();
  for (guint i = 0; i < gaps->len; i++)
    {
      XbRosterGap *gap = &g_array_index (gaps, XbRosterGap, i);
      JsonObject *u = json_object_new ();
      json_object_set_int_member (u, "unit_id", gap->unit_id);
      json_object_set_boolean_member (u, "has_leader", gap->has_leader);
      json_object_set_boolean_member (u, "has_officer", gap->has_officer);
      json_array_add_object_element (units, u);
    }
  obj = json_object_new ();
  deadline_text = xb_time_format (deadline);
  json_object_set_string_member (obj, "deadline", deadline_text);
  json_object_set_array_member (obj, "units", units);
  xb_request_reply (req, SOUP_STATUS_OK, xb_json_object_node (obj));
}

/* ---- policy, priorities, publications --------------------------------------------------- */

static const XbField policy_fields[] = {
  { "policy",         XB_FIELD_OBJECT, XB_FIELD_REQUIRED },
  { "effective_from", XB_FIELD_STRING, XB_FIELD_REQUIRED },
};

/* A version takes effect today (China time, where the policy's days begin)
 * or later: a day that has passed is 422, naming it. */
static gboolean
check_effective_day (XbRequest *req, gint64 from)
{
  g_autoptr(GTimeZone) cst = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (cst);
  g_autoptr(GDateTime) today = g_date_time_new (cst, g_date_time_get_year (now), g_date_time_get_month (now),
                                                g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (from);
  g_autoptr(GDateTime) day = utc != NULL ? g_date_time_to_timezone (utc, cst) : NULL;
  g_autofree char *name = NULL;

  if (day == NULL || from >= g_date_time_to_unix (today))
    return TRUE;
  name = g_date_time_format (day, "%Y-%m-%d");
  xb_request_fail (req, 422, N_("A policy cannot take effect on a day that has passed (%s, China time); "
                                "choose today or a later day."), name);
  return FALSE;
}

void
xb_server_admin_set_policy (XbRequest *req)
{
  g_autoptr(JsonNode) root = admin_body (req, policy_fields, G_N_ELEMENTS (policy_fields));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *stored = NULL;
  XbPolicy policy;
  gint64 from;

  if (root == NULL || !parse_time_member (req, json_node_get_object (root), "effective_from", &from)
      || !check_effective_day (req, from))
    return;
  text = json_to_string (json_object_get_member (json_node_get_object (root), "policy"), FALSE);
  if (!xb_policy_from_json (text, &policy, &error))
    xb_request_fail (req, 422, "%s", error->message);
  else if (!xb_store_set_policy (req->store, &policy, req->user->id, from, &error))
    xb_request_fail_error (req, error);
  else
    {
      stored = xb_policy_to_json (&policy);
      xb_request_reply (req, SOUP_STATUS_OK, xb_json_wrap ("policy", xb_json_parse (stored, -1, NULL)));
    }
}

static const XbField priorities_fields[] = {
  { "items", XB_FIELD_ARRAY, XB_FIELD_REQUIRED },
};

void
xb_server_admin_set_priorities (XbRequest *req)
{
  g_autoptr(JsonNode) root = admin_body (req, priorities_fields, G_N_ELEMENTS (priorities_fields));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) titles = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *items;

  if (root == NULL)
    return;
  items = json_object_get_array_member (json_node_get_object (root), "items");
  if (json_array_get_length (items) > MAX_PRIORITIES)
    {
      xb_request_fail (req, 422, N_("At most %d priorities."), MAX_PRIORITIES);
      return;
    }
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          xb_request_fail (req, 400, N_("“items” must hold strings."));
          return;
        }
      if (!xb_request_check_name (req, "items", json_node_get_string (node)))
        return;
      g_strv_builder_add (builder, json_node_get_string (node));
    }
  titles = g_strv_builder_end (builder);
  if (!xb_store_set_priorities (req->store, (const char *const *) titles, &error))
    xb_request_fail_error (req, error);
  else
    xb_request_reply (req, SOUP_STATUS_OK, json_node_copy (root));
}

static const XbField publication_fields[] = {
  { "name", XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "code", XB_FIELD_STRING, XB_FIELD_REQUIRED },
};

void
xb_server_admin_add_publication (XbRequest *req)
{
  g_autoptr(JsonNode) root = admin_body (req, publication_fields, G_N_ELEMENTS (publication_fields));
  g_autoptr(GError) error = NULL;
  JsonObject *obj, *answer;
  const char *name, *code;
  gint64 id;

  if (root == NULL)
    return;
  obj = json_node_get_object (root);
  name = json_object_get_string_member (obj, "name");
  code = json_object_get_string_member (obj, "code");
  if (!xb_request_check_name (req, "name", name) || !xb_request_check_name (req, "code", code))
    return;
  if ((id = xb_store_add_publication (req->store, name, code, &error)) == 0)
    {
      xb_request_fail_error (req, error);
      return;
    }
  answer = json_object_new ();
  json_object_set_int_member (answer, "id", id);
  json_object_set_string_member (answer, "name", name);
  json_object_set_string_member (answer, "code", code);
  xb_request_reply (req, SOUP_STATUS_CREATED, xb_json_wrap ("publication", xb_json_object_node (answer)));
}

/* ---- CSV import ------------------------------------------------------------------------- */

/* The rows' errors were written in English by the core: each is translated
 * for the request (xb_catalog_translate_text). */
static JsonNode *
preview_node (XbRequest *req, const XbCsvPreview *preview, gboolean applied)
{
  JsonObject *obj = json_object_new ();
  JsonArray *rows = json_array_new ();

  for (guint i = 0; i < preview->rows->len; i++)
    {
      XbCsvRow *row = preview->rows->pdata[i];
      JsonObject *r = json_object_new ();
      JsonArray *fields = json_array_new ();

      for (guint k = 0; row->fields[k] != NULL; k++)
        json_array_add_string_element (fields, row->fields[k]);
      json_object_set_int_member (r, "line", row->line);
      json_object_set_array_member (r, "fields", fields);
      if (row->error != NULL)
        {
          g_autofree char *message = xb_catalog_translate_text (req->catalog, row->error);

          json_object_set_string_member (r, "error", message);
        }
      else
        json_object_set_null_member (r, "error");
      json_array_add_object_element (rows, r);
    }
  json_object_set_string_member (obj, "encoding", preview->encoding);
  json_object_set_array_member (obj, "rows", rows);
  json_object_set_int_member (obj, "errors", preview->n_errors);
  json_object_set_boolean_member (obj, "applied", applied);
  return xb_json_object_node (obj);
}

/* POST /api/v1/admin/import/units|users[?dry_run=1], the CSV file as the
 * body: the preview, and unless dry_run the import when no row has an error
 * (admin).  A file that cannot be read as CSV is 422 with the reason. */
void
xb_server_admin_import (XbRequest *req)
{
  const char *dry = req->query != NULL ? g_hash_table_lookup (req->query, "dry_run") : NULL;
  g_autoptr(XbCsvPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  XbCsvKind kind;

  if (!xb_request_require_admin (req))
    return;
  if (g_str_equal (req->args[0], "units"))
    kind = XB_CSV_UNITS;
  else if (g_str_equal (req->args[0], "users"))
    kind = XB_CSV_USERS;
  else
    return xb_request_fail (req, 404, N_("No such resource."));
  if ((preview = xb_csv_preview (req->store, kind, req->body, &error)) == NULL)
    return xb_request_fail (req, 422, "%s", error->message);
  if (g_strcmp0 (dry, "1") == 0 || preview->n_errors > 0)
    return xb_request_reply (req, preview->n_errors > 0 && g_strcmp0 (dry, "1") != 0 ? 422 : SOUP_STATUS_OK,
                             preview_node (req, preview, FALSE));
  if (!xb_csv_apply (req->store, preview, &error))
    return xb_request_fail_error (req, error);
  xb_request_reply (req, SOUP_STATUS_OK, preview_node (req, preview, TRUE));
}

/* ---- policy history ----------------------------------------------------------------------- */

static void
set_time_member (JsonObject *obj, const char *name, gint64 at)
{
  g_autofree char *text = at != 0 ? xb_time_format (at) : NULL;

  if (text != NULL)
    json_object_set_string_member (obj, name, text);
  else
    json_object_set_null_member (obj, name);
}

/* GET /api/v1/admin/policy/history: every version, newest first, with who
 * changed it, when, and from when it applies (office roles). */
void
xb_server_admin_policy_history (XbRequest *req)
{
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonNode *node;

  if (!xb_user_has_office_role (req->user))
    return xb_request_deny (req, N_("Only the office may read the policy's history."));
  if ((versions = xb_store_policy_history (req->store, &error)) == NULL)
    return xb_request_fail_error (req, error);
  array = json_array_new ();
  for (guint i = 0; i < versions->len; i++)
    {
      XbPolicyVersion *v = versions->pdata[i];
      JsonObject *obj = json_object_new ();
      JsonNode *body = xb_json_parse (v->body, -1, NULL);

      json_object_set_int_member (obj, "id", v->id);
      if (v->changed_by != 0)
        json_object_set_int_member (obj, "changed_by", v->changed_by);
      else
        json_object_set_null_member (obj, "changed_by");
      set_time_member (obj, "changed_at", v->changed_at);
      set_time_member (obj, "effective_from", v->effective_from);
      if (body != NULL)
        json_object_set_member (obj, "policy", body);
      else
        json_object_set_null_member (obj, "policy");
      json_array_add_object_element (array, obj);
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  xb_request_reply (req, SOUP_STATUS_OK, xb_json_wrap ("versions", node));
}
