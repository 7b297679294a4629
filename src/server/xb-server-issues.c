/* Routes of publication issues: create the next number, add, order and remove adopted items, publish. */
#include "config.h"

#include "xb-server-issues.h"

static const XbField create_fields[] = {
  { "publication_id", XB_FIELD_INT, XB_FIELD_REQUIRED },
  { "year",           XB_FIELD_INT, XB_FIELD_REQUIRED },
};

static const XbField add_fields[] = {
  { "item",     XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "position", XB_FIELD_INT,    XB_FIELD_OPTIONAL },
};

/* The information section assembles the office's publications. */
static gboolean
may_edit (XbRequest *req)
{
  if (req->user->roles & (XB_ROLE_BIT (XB_ROLE_EDITOR) | XB_ROLE_BIT (XB_ROLE_SECTION_CHIEF)
                          | XB_ROLE_BIT (XB_ROLE_ADMIN)))
    return TRUE;
  xb_request_deny (req, N_("Only the information section assembles publications."));
  return FALSE;
}

JsonNode *
xb_issue_to_node (XbStore *store, gint64 issue_id)
{
  g_autofree XbIssue *issue = xb_store_get_issue (store, issue_id, NULL);
  g_auto(GStrv) items = NULL;
  g_autofree char *published = NULL;
  JsonObject *obj;
  JsonArray *array;
  JsonNode *node;

  if (issue == NULL || (items = xb_store_issue_items (store, issue_id, NULL)) == NULL)
    return NULL;
  obj = json_object_new ();
  array = json_array_new ();
  json_object_set_int_member (obj, "id", issue->id);
  json_object_set_int_member (obj, "publication_id", issue->publication_id);
  json_object_set_int_member (obj, "year", issue->year);
  json_object_set_int_member (obj, "number", issue->number);
  json_object_set_boolean_member (obj, "published", issue->published);
  if (issue->published_at != 0 && (published = xb_time_format (issue->published_at)) != NULL)
    json_object_set_string_member (obj, "published_at", published);
  else
    json_object_set_null_member (obj, "published_at");
  for (int i = 0; items[i] != NULL; i++)
    json_array_add_string_element (array, items[i]);
  json_object_set_array_member (obj, "items", array);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, obj);
  return node;
}

static void
reply_issue (XbRequest *req, guint status, gint64 issue_id)
{
  JsonObject *obj = json_object_new ();
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);
  JsonNode *issue = xb_issue_to_node (req->store, issue_id);

  if (issue == NULL)
    issue = json_node_new (JSON_NODE_NULL);
  json_object_set_member (obj, "issue", issue);
  json_node_take_object (root, obj);
  xb_request_reply (req, status, root);
}

static gboolean
issue_id_of (XbRequest *req, gint64 *id)
{
  guint64 value;
  g_autofree XbIssue *issue = NULL;

  if (!g_ascii_string_to_unsigned (req->args[0], 10, 1, G_MAXINT64, &value, NULL)
      || (issue = xb_store_get_issue (req->store, (gint64) value, NULL)) == NULL)
    return xb_request_fail (req, 404, N_("There is no such issue.")), FALSE;
  *id = (gint64) value;
  return TRUE;
}

void
xb_server_issues_create (XbRequest *req)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(XbPublication) publication = NULL;
  gint64 publication_id, year, id;
  JsonObject *obj;

  if (!may_edit (req) || (root = xb_request_json (req)) == NULL
      || !xb_request_check_fields (req, obj = json_node_get_object (root), create_fields, G_N_ELEMENTS (create_fields)))
    return;
  publication_id = json_object_get_int_member (obj, "publication_id");
  year = json_object_get_int_member (obj, "year");
  if (year < 2000 || year > 9999)
    return xb_request_fail (req, 422, N_("“year” must be a year such as 2026."));
  if ((publication = xb_store_get_publication (req->store, publication_id, NULL)) == NULL)
    return xb_request_fail (req, 422, N_("There is no publication %lld."), (long long) publication_id);
  if (publication->retired)
    return xb_request_fail (req, 422, N_("%s is retired and gets no new issues."), publication->name);
  id = xb_store_add_issue (req->store, publication_id, (int) year,
                           xb_store_next_issue_number (req->store, publication_id, (int) year), 0, &error);
  if (id == 0)
    return xb_request_fail_error (req, error);
  reply_issue (req, SOUP_STATUS_CREATED, id);
}

void
xb_server_issues_add_item (XbRequest *req)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const char *uuid;
  JsonObject *obj;
  gint64 id;

  if (!may_edit (req) || !issue_id_of (req, &id) || (root = xb_request_json (req)) == NULL
      || !xb_request_check_fields (req, obj = json_node_get_object (root), add_fields, G_N_ELEMENTS (add_fields)))
    return;
  uuid = json_object_get_string_member (obj, "item");
  if (!xb_request_check_uuid (req, "“item”", uuid))
    return;
  /* A known item is moved to the position; a new one is added first. */
  {
    g_auto(GStrv) items = xb_store_issue_items (req->store, id, NULL);
    if ((items == NULL || !g_strv_contains ((const char *const *) items, uuid))
        && !xb_store_issue_add_item (req->store, id, uuid, &error))
      return xb_request_fail_error (req, error);
  }
  if (json_object_has_member (obj, "position")
      && !xb_store_issue_move_item (req->store, id, uuid, (guint) MAX (0, json_object_get_int_member (obj, "position")),
                                    &error))
    return xb_request_fail_error (req, error);
  reply_issue (req, SOUP_STATUS_OK, id);
}

void
xb_server_issues_remove_item (XbRequest *req)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!may_edit (req) || !issue_id_of (req, &id) || !xb_request_check_uuid (req, N_("The item"), req->args[1]))
    return;
  if (!xb_store_issue_remove_item (req->store, id, req->args[1], &error))
    return xb_request_fail_error (req, error);
  reply_issue (req, SOUP_STATUS_OK, id);
}

void
xb_server_issues_publish (XbRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) items = NULL;
  gint64 id;

  if (!may_edit (req) || !issue_id_of (req, &id))
    return;
  if ((items = xb_store_issue_items (req->store, id, NULL)) == NULL || items[0] == NULL)
    return xb_request_fail (req, 409, N_("An empty issue cannot be published."));
  if (!xb_store_publish_issue (req->store, id, xb_server_now (), &error))
    return xb_request_fail_error (req, error);
  reply_issue (req, SOUP_STATUS_OK, id);
}

void
xb_server_issues_get (XbRequest *req)
{
  gint64 id;

  if (issue_id_of (req, &id))
    reply_issue (req, SOUP_STATUS_OK, id);
}
