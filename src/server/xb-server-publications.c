/* Routes that manage the office's periodicals (role admin): rename one, retire it or bring it back. */
#include "config.h"

#include "xb-server-publications.h"

static const XbField update_fields[] = {
  { "name",    XB_FIELD_STRING, XB_FIELD_OPTIONAL },
  { "code",    XB_FIELD_STRING, XB_FIELD_OPTIONAL },
  { "retired", XB_FIELD_BOOL,   XB_FIELD_OPTIONAL },
};

/* The periodical the path names; 404 when there is none. */
static XbPublication *
path_publication (XbRequest *req)
{
  XbPublication *publication;
  guint64 id;

  if (!g_ascii_string_to_unsigned (req->args[0], 10, 1, G_MAXINT64, &id, NULL))
    return xb_request_fail (req, 404, N_("No such resource.")), NULL;
  if ((publication = xb_store_get_publication (req->store, (gint64) id, NULL)) == NULL)
    xb_request_fail (req, 404, N_("There is no periodical %lld."), (long long) id);
  return publication;
}

/* @obj's member @name, when given, replaces *@value: not blank, not too long. */
static gboolean
take_text (XbRequest *req, JsonObject *obj, const char *name, char **value)
{
  const char *text = json_object_get_string_member_with_default (obj, name, NULL);

  if (text == NULL)
    return TRUE;
  if (!xb_request_check_name (req, name, text))
    return FALSE;
  g_free (*value);
  *value = g_strdup (text);
  return TRUE;
}

static JsonNode *
publication_node (const XbPublication *publication)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "id", publication->id);
  json_object_set_string_member (obj, "name", publication->name);
  json_object_set_string_member (obj, "code", publication->code);
  json_object_set_boolean_member (obj, "retired", publication->retired);
  return xb_json_wrap ("publication", xb_json_object_node (obj));
}

void
xb_server_publications_update (XbRequest *req)
{
  g_autoptr(XbPublication) publication = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *obj;

  if (!xb_request_require_admin (req) || (publication = path_publication (req)) == NULL
      || (root = xb_request_json (req)) == NULL
      || !xb_request_check_fields (req, obj = json_node_get_object (root), update_fields, G_N_ELEMENTS (update_fields))
      || !take_text (req, obj, "name", &publication->name)
      || !take_text (req, obj, "code", &publication->code))
    return;
  publication->retired = json_object_get_boolean_member_with_default (obj, "retired", publication->retired);
  /* A name or code in use is the core's 409, naming it. */
  if (!xb_store_update_publication (req->store, publication, &error))
    return xb_request_fail_error (req, error);
  xb_request_reply (req, SOUP_STATUS_OK, publication_node (publication));
}
