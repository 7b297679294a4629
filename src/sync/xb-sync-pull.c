/* Pull: the change feed from the stored cursor, each page and its cursor applied in one transaction off the main thread. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "xb-codec.h"
#include "xb-sync-engine-private.h"

#define PAGE_LIMIT 500

typedef struct {
  gint64 first;        /* the cursor the pull started from */
  gint64 cursor;
  guint  limit;
  int    retry_after;
} Pull;

/* What a worker thread did with one page. */
typedef struct {
  GPtrArray *changed;  /* char* item uuids */
  gint64     next;
  gint64     last;     /* the feed's end, when the server says; else 0 */
  gboolean   more;
} Page;

static void
page_free (Page *page)
{
  g_clear_pointer (&page->changed, g_ptr_array_unref);
  g_free (page);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Page, page_free)

typedef struct {
  XbStore *store;
  GBytes  *body;
  gint64   since;
} PageWork;

static void
page_work_free (PageWork *work)
{
  g_clear_object (&work->store);
  g_clear_pointer (&work->body, g_bytes_unref);
  g_free (work);
}

static void request_page (GTask *task);

/* json-glib warns on a missing member; the feed is untrusted input. */
static JsonArray *
get_array (JsonObject *obj, const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* ---- applying one change (worker thread, inside the page's transaction) ----- */

static gboolean
apply_unit (XbStore *store, JsonNode *data, GError **error)
{
  g_autoptr(XbUnit) unit = xb_unit_from_node (data, error);

  return unit != NULL && xb_store_put_unit (store, unit, error);
}

static gboolean
apply_user (XbStore *store, JsonNode *data, GError **error)
{
  g_autoptr(XbUser) user = xb_user_from_node (data, error);

  return user != NULL && xb_store_put_user (store, user, NULL, error);
}

static gboolean
apply_publication (XbStore *store, JsonObject *data, GError **error)
{
  XbPublication p = { 0 };

  p.id = json_object_get_int_member_with_default (data, "id", 0);
  p.name = (char *) json_object_get_string_member_with_default (data, "name", NULL);
  p.code = (char *) json_object_get_string_member_with_default (data, "code", NULL);
  /* Absent from older servers: none was retired then. */
  p.retired = json_object_get_boolean_member_with_default (data, "retired", FALSE);
  if (p.id <= 0 || p.name == NULL || p.code == NULL)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID, _("A publication in the change feed is incomplete.")), FALSE;
  return xb_store_put_publication (store, &p, error);
}

static gboolean
apply_priorities (XbStore *store, JsonObject *data, GError **error)
{
  JsonArray *items = get_array (data, "items");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) titles = NULL;

  if (items == NULL)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID, _("The priorities in the change feed are incomplete.")), FALSE;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *title = json_array_get_element (items, i);
      if (json_node_get_value_type (title) != G_TYPE_STRING)
        return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID, _("A priority in the change feed is not text.")), FALSE;
      g_strv_builder_add (builder, json_node_get_string (title));
    }
  titles = g_strv_builder_end (builder);
  return xb_store_set_priorities (store, (const char *const *) titles, error);
}

/* One of the feed policy's "upcoming" versions. */
static gboolean
read_upcoming (JsonNode *node, XbPolicy *policy, gint64 *from, GError **error)
{
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *body = obj != NULL ? json_object_get_member (obj, "policy") : NULL;
  JsonNode *when = obj != NULL ? json_object_get_member (obj, "effective_from") : NULL;
  g_autofree char *text = NULL;

  if (body == NULL || when == NULL || json_node_get_value_type (when) != G_TYPE_STRING
      || !xb_time_parse (json_node_get_string (when), from))
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID,
                                _("An upcoming policy in the change feed is incomplete.")), FALSE;
  text = json_to_string (body, FALSE);
  return xb_policy_from_json (text, policy, error);
}

/* The feed carries the policy in force, which takes effect at once here, and
 * the versions effective later ("upcoming"), which replace ours. */
static gboolean
apply_policy (XbStore *store, JsonNode *data, GError **error)
{
  g_autofree char *text = json_to_string (data, FALSE);
  JsonNode *member = JSON_NODE_HOLDS_OBJECT (data)
                     ? json_object_get_member (json_node_get_object (data), "upcoming") : NULL;
  JsonArray *list = member != NULL && JSON_NODE_HOLDS_ARRAY (member) ? json_node_get_array (member) : NULL;
  guint n = list != NULL ? json_array_get_length (list) : 0;
  g_autofree XbPolicy *upcoming = g_new0 (XbPolicy, MAX (n, 1));
  g_autofree gint64 *from = g_new0 (gint64, MAX (n, 1));
  XbPolicy policy;

  if (!xb_policy_from_json (text, &policy, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!read_upcoming (json_array_get_element (list, i), &upcoming[i], &from[i], error))
      return FALSE;
  return xb_store_replace_upcoming_policies (store, &policy, g_get_real_time () / G_USEC_PER_SEC,
                                             upcoming, from, n, error);
}

static gboolean
get_time (JsonObject *obj, const char *name, gint64 *out)
{
  JsonNode *node = json_object_get_member (obj, name);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING
      && xb_time_parse (json_node_get_string (node), out);
}

/* A published bulletin: frozen on the server, copied here as it is. */
static gboolean
apply_bulletin (XbStore *store, JsonObject *data, GError **error)
{
  XbBulletinRecord r = { 0 };
  JsonNode *period = json_object_get_member (data, "period");
  JsonNode *csv = json_object_get_member (data, "csv");
  JsonNode *by = json_object_get_member (data, "published_by");

  if (period == NULL || json_node_get_value_type (period) != G_TYPE_STRING
      || csv == NULL || json_node_get_value_type (csv) != G_TYPE_STRING
      || !get_time (data, "taken_at", &r.taken_at) || !get_time (data, "published_at", &r.published_at))
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID, _("A bulletin in the change feed is incomplete.")), FALSE;
  r.period = (char *) json_node_get_string (period);
  r.csv = (char *) json_node_get_string (csv);
  if (by != NULL && json_node_get_value_type (by) == G_TYPE_INT64)
    r.published_by = json_node_get_int (by);
  return xb_store_put_bulletin (store, &r, TRUE, error);
}

static gboolean
get_int (JsonObject *obj, const char *name, gint64 min, gint64 max, gint64 *out)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return *out >= min && *out <= max;
}

/* An issue of a publication: its number, whether it is out, its items in order. */
static gboolean
apply_issue (XbStore *store, JsonObject *data, GError **error)
{
  XbIssue issue = { 0 };
  JsonArray *items = get_array (data, "items");
  JsonNode *published = json_object_get_member (data, "published");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) uuids = NULL;
  gint64 year = 0, number = 0;

  if (!get_int (data, "id", 1, G_MAXINT64, &issue.id)
      || !get_int (data, "publication_id", 1, G_MAXINT64, &issue.publication_id)
      || !get_int (data, "year", 1900, 9999, &year) || !get_int (data, "number", 1, G_MAXINT, &number)
      || published == NULL || json_node_get_value_type (published) != G_TYPE_BOOLEAN || items == NULL)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID, _("An issue in the change feed is incomplete.")), FALSE;
  issue.year = (int) year;
  issue.number = (int) number;
  issue.published = json_node_get_boolean (published);
  get_time (data, "published_at", &issue.published_at);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *uuid = json_array_get_element (items, i);
      if (json_node_get_value_type (uuid) != G_TYPE_STRING || !g_uuid_string_is_valid (json_node_get_string (uuid)))
        return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID, _("An issue in the change feed is incomplete.")), FALSE;
      g_strv_builder_add (builder, json_node_get_string (uuid));
    }
  uuids = g_strv_builder_end (builder);
  return xb_store_put_issue_copy (store, &issue, (const char *const *) uuids, error);
}

static gboolean
apply_item (XbStore *store, JsonNode *data, Page *page, GError **error)
{
  g_autoptr(XbItem) item = xb_item_from_node (data, error);
  gboolean applied = FALSE;

  if (item == NULL || !xb_sync_apply_item (store, item, &applied, error))
    return FALSE;
  if (applied)
    g_ptr_array_add (page->changed, g_strdup (item->uuid));
  return TRUE;
}

static gboolean
apply_change (XbStore *store, JsonObject *change, Page *page, GError **error)
{
  const char *kind = json_object_get_string_member_with_default (change, "kind", "");
  JsonNode *data = json_object_get_member (change, "data");

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID, _("A change of kind “%s” has no data."), kind), FALSE;
  if (g_str_equal (kind, "item"))
    return apply_item (store, data, page, error);
  if (g_str_equal (kind, "unit"))
    return apply_unit (store, data, error);
  if (g_str_equal (kind, "user"))
    return apply_user (store, data, error);
  if (g_str_equal (kind, "publication"))
    return apply_publication (store, json_node_get_object (data), error);
  if (g_str_equal (kind, "priorities"))
    return apply_priorities (store, json_node_get_object (data), error);
  if (g_str_equal (kind, "policy"))
    return apply_policy (store, data, error);
  if (g_str_equal (kind, "bulletin"))
    return apply_bulletin (store, json_node_get_object (data), error);
  if (g_str_equal (kind, "issue"))
    return apply_issue (store, json_node_get_object (data), error);
  if (g_str_equal (kind, "request"))
    return xb_sync_apply_request (store, data, error);
  if (g_str_equal (kind, "roster"))
    return xb_sync_apply_roster (store, data, error);
  return TRUE; /* a kind this version does not keep */
}

/* ---- one page (worker thread) --------------------------------------------------- */

static gboolean
read_page (JsonObject *obj, gint64 since, JsonArray **changes, Page *page, GError **error)
{
  JsonNode *next = json_object_get_member (obj, "next");
  JsonNode *more = json_object_get_member (obj, "more");

  *changes = get_array (obj, "changes");
  if (*changes == NULL || next == NULL || json_node_get_value_type (next) != G_TYPE_INT64)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID, _("The server’s change feed is not in the expected form.")), FALSE;
  page->next = json_node_get_int (next);
  page->more = more != NULL && json_node_get_value_type (more) == G_TYPE_BOOLEAN && json_node_get_boolean (more);
  page->last = json_object_get_int_member_with_default (obj, "last", 0);
  /* A cursor that does not move while more is promised would loop forever. */
  if (page->next < since || (page->more && page->next == since))
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID, _("The server’s change feed does not move forward.")), FALSE;
  return TRUE;
}

static gboolean
apply_changes (XbStore *store, JsonArray *changes, Page *page, GError **error)
{
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonNode *change = json_array_get_element (changes, i);

      if (!JSON_NODE_HOLDS_OBJECT (change))
        return g_set_error (error, XB_ERROR, XB_ERROR_INVALID, _("Change %u of the feed is not an object."), i + 1), FALSE;
      if (!apply_change (store, json_node_get_object (change), page, error))
        return g_prefix_error (error, _("Change %u of the feed: "), i + 1), FALSE;
    }
  return TRUE;
}

static Page *
apply_page (PageWork *work, GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(Page) page = g_new0 (Page, 1);
  g_autofree char *cursor = NULL;
  JsonArray *changes = NULL;

  page->changed = g_ptr_array_new_with_free_func (g_free);
  root = xb_json_parse (g_bytes_get_data (work->body, NULL), (gssize) g_bytes_get_size (work->body), error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root) || !read_page (json_node_get_object (root), work->since, &changes, page, error))
    return NULL;
  cursor = g_strdup_printf ("%" G_GINT64_FORMAT, page->next);
  if (!xb_store_begin (work->store, error))
    return NULL;
  if (!apply_changes (work->store, changes, page, error)
      || !xb_store_set_meta (work->store, "cursor", cursor, error))
    {
      xb_store_rollback (work->store);
      return NULL;
    }
  if (!xb_store_commit (work->store, error))
    return NULL;
  return g_steal_pointer (&page);
}

static void
apply_page_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  Page *page = apply_page (task_data, &error);

  if (page == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, page, (GDestroyNotify) page_free);
}

/* ---- the step (main thread) ------------------------------------------------------ */

static void
note_progress (XbSyncEngine *self, Pull *pull, Page *page)
{
  if (!page->more)
    xb_sync_engine_set_progress (self, 1.0);
  else if (page->last > pull->first)
    xb_sync_engine_set_progress (self, (double) (page->next - pull->first) / (double) (page->last - pull->first));
}

static void
page_applied (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  XbSyncEngine *self = XB_SYNC_ENGINE (source);
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(Page) page = g_task_propagate_pointer (G_TASK (result), &error);

  if (page == NULL)
    return g_task_return_error (task, g_steal_pointer (&error));
  pull->cursor = page->next;
  note_progress (self, pull, page);
  xb_sync_engine_items_changed (self, page->changed);
  if (!page->more)
    return g_task_return_boolean (task, TRUE);
  if (g_task_return_error_if_cancelled (task))
    return;
  request_page (g_steal_pointer (&task));
}

static GError *
page_refused (XbResponse *response)
{
  g_autofree char *message = NULL;
  GError *error = xb_sync_status_error (response);

  if (error != NULL)
    return error;
  message = xb_response_dup_message (response);
  return g_error_new (XB_ERROR, XB_ERROR_FAILED, _("The server refused the change feed: %s"), message);
}

static void
page_received (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  XbSyncEngine *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(XbResponse) response = xb_sync_client_request_finish (XB_SYNC_CLIENT (source), result, &error);
  PageWork *work;
  GTask *apply;

  if (response == NULL)
    return g_task_return_error (task, g_steal_pointer (&error));
  if (response->status != SOUP_STATUS_OK)
    {
      pull->retry_after = response->retry_after;
      return g_task_return_error (task, page_refused (response));
    }
  /* Long bodies can push a page over the JSON limit: ask for fewer changes. */
  if (g_bytes_get_size (response->body) > XB_JSON_MAX_BYTES && pull->limit > 1)
    {
      pull->limit /= 2;
      return request_page (g_steal_pointer (&task));
    }
  work = g_new0 (PageWork, 1);
  work->store = g_object_ref (self->store);
  work->body = g_bytes_ref (response->body);
  work->since = pull->cursor;
  apply = g_task_new (self, NULL, page_applied, g_steal_pointer (&task));
  g_task_set_task_data (apply, work, (GDestroyNotify) page_work_free);
  g_task_run_in_thread (apply, apply_page_thread);
  g_object_unref (apply);
}

static void
request_page (GTask *task)
{
  XbSyncEngine *self = g_task_get_source_object (task);
  Pull *pull = g_task_get_task_data (task);
  g_autofree char *path = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT "&limit=%u",
                                           pull->cursor, pull->limit);

  xb_sync_client_request_async (self->client, "GET", path, NULL, g_task_get_cancellable (task),
                                page_received, task);
}

static gint64
stored_cursor (XbStore *store)
{
  g_autofree char *text = xb_store_get_meta (store, "cursor");
  gint64 cursor = 0;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &cursor, NULL))
    return 0;
  return cursor;
}

void
xb_sync_pull_async (XbSyncEngine        *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Pull *pull = g_new0 (Pull, 1);

  g_task_set_source_tag (task, xb_sync_pull_async);
  pull->first = pull->cursor = stored_cursor (self->store);
  pull->limit = PAGE_LIMIT;
  pull->retry_after = -1;
  g_task_set_task_data (task, pull, g_free);
  xb_sync_engine_set_progress (self, 0.0);
  request_page (task);
}

gboolean
xb_sync_pull_finish (XbSyncEngine *self, GAsyncResult *result, int *retry_after, GError **error)
{
  Pull *pull;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  pull = g_task_get_task_data (G_TASK (result));
  *retry_after = pull->retry_after;
  return g_task_propagate_boolean (G_TASK (result), error);
}
