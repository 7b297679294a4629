/* Commissioned requests (约稿): listing, creating and the answer marks per unit. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "xb-store-private.h"
#include "xb-store-requests.h"

void
xb_commission_free (XbRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->topic);
  g_clear_pointer (&request->unit_ids, g_array_unref);
  g_free (request);
}

static gboolean
load_units (XbStore *self, XbRequest *request, GError **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "SELECT unit_id FROM request_units WHERE request_id = ?1 ORDER BY unit_id;", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 unit = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (request->unit_ids, unit);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? TRUE : db_error (self, error);
}

/* An item answering the request from the unit has left the draft stage. */
#define ANSWERED(unit) \
  "EXISTS (SELECT 1 FROM items i WHERE i.request_id = r.id AND i.unit_id = " unit \
  " AND (i.submitted_at IS NOT NULL OR i.state NOT IN ('new', 'draft')))"

GPtrArray *
xb_store_list_requests (XbStore  *self,
                        gint64    unit_id,
                        gboolean  open_only,
                        gint64    now,
                        GError  **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT r.id, r.topic, r.deadline, r.created_by FROM requests r"
    " WHERE (?1 = 0 OR EXISTS (SELECT 1 FROM request_units ru"
    "                          WHERE ru.request_id = r.id AND ru.unit_id = ?1))"
    "   AND (?2 = 0 OR (r.deadline > ?3 AND EXISTS (SELECT 1 FROM request_units ru"
    "        WHERE ru.request_id = r.id AND (?1 = 0 OR ru.unit_id = ?1)"
    "        AND NOT " ANSWERED ("ru.unit_id") ")))"
    " ORDER BY r.deadline, r.id;", error);
  g_autoptr(GPtrArray) requests = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  sqlite3_bind_int (stmt, 2, open_only ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, now);
  requests = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_commission_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XbRequest *request = g_new0 (XbRequest, 1);
      request->id = sqlite3_column_int64 (stmt, 0);
      request->topic = col_text (stmt, 1);
      request->deadline = sqlite3_column_int64 (stmt, 2);
      request->created_by = sqlite3_column_int64 (stmt, 3);
      request->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_ptr_array_add (requests, request);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return db_error (self, error), NULL;
  for (guint i = 0; i < requests->len; i++)
    if (!load_units (self, requests->pdata[i], error))
      return NULL;
  return g_steal_pointer (&requests);
}

static gboolean
unit_exists (XbStore *self, gint64 unit_id)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT 1 FROM units WHERE id = ?1;", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static gboolean
check_request (XbStore *self, const char *topic, const GArray *unit_ids, GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (topic != NULL ? topic : ""));

  if (*trimmed == '\0')
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID, _("A request needs a topic.")), FALSE;
  if (unit_ids == NULL || unit_ids->len == 0)
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                        _("A request must be addressed to at least one unit.")), FALSE;
  for (guint i = 0; i < unit_ids->len; i++)
    if (!unit_exists (self, g_array_index (unit_ids, gint64, i)))
      return g_set_error (error, XB_ERROR, XB_ERROR_INVALID, _("Unit %lld does not exist."),
                          (long long) g_array_index (unit_ids, gint64, i)), FALSE;
  return TRUE;
}

static gboolean
insert_units (XbStore *self, const XbRequest *request, GError **error)
{
  sqlite3_stmt *del = prepare (self, "DELETE FROM request_units WHERE request_id = ?1;", error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, request->id);
  if (!step_done (self, del, error))
    return FALSE;
  for (guint i = 0; i < request->unit_ids->len; i++)
    {
      gint64 *unit = &g_array_index (request->unit_ids, gint64, i);
      if (g_hash_table_add (seen, unit) && !xb_store_add_request_unit (self, request->id, *unit, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
xb_store_create_request (XbStore *self, XbRequest *request, GError **error)
{
  LOCKED (self);
  gboolean ok;

  if (!check_request (self, request->topic, request->unit_ids, error))
    return FALSE;
  TX_BEGIN (self, error);
  request->id = xb_store_add_request (self, request->topic, request->deadline, request->created_by, error);
  ok = request->id != 0
    && insert_units (self, request, error)
    && xb_store_touch_id (self, XB_CHANGE_REQUEST, request->id, error);
  if (!ok)
    request->id = 0;
  return TX_END (self, ok, error);
}

gboolean
xb_store_put_request (XbStore *self, const XbRequest *request, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (request->id > 0 && request->unit_ids != NULL, FALSE);
  TX_BEGIN (self, error);
  stmt = prepare (self,
    "INSERT INTO requests (id, topic, deadline, created_by) VALUES (?1, ?2, ?3,"
    " (SELECT id FROM users WHERE id = ?4))"
    " ON CONFLICT (id) DO UPDATE SET topic = excluded.topic, deadline = excluded.deadline,"
    " created_by = excluded.created_by;", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, request->id);
      bind_text (stmt, 2, request->topic);
      sqlite3_bind_int64 (stmt, 3, request->deadline);
      bind_opt (stmt, 4, request->created_by);
      ok = step_done (self, stmt, error) && insert_units (self, request, error);
    }
  return TX_END (self, ok, error);
}

XbRequest *
xb_store_get_request (XbStore *self, gint64 id, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT topic, deadline, created_by FROM requests WHERE id = ?1;", error);
  g_autoptr(XbRequest) request = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      request = g_new0 (XbRequest, 1);
      request->id = id;
      request->topic = col_text (stmt, 0);
      request->deadline = sqlite3_column_int64 (stmt, 1);
      request->created_by = sqlite3_column_int64 (stmt, 2);
      request->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return db_error (self, error), NULL;
  if (request == NULL)
    return g_set_error (error, XB_ERROR, XB_ERROR_NOT_FOUND,
                        _("There is no request %lld."), (long long) id), NULL;
  if (!load_units (self, request, error))
    return NULL;
  return g_steal_pointer (&request);
}

gboolean
xb_store_request_asks (XbStore *self, gint64 request_id, gint64 unit_id)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT 1 FROM request_units WHERE request_id = ?1 AND unit_id = ?2;", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request_id);
  sqlite3_bind_int64 (stmt, 2, unit_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

const char *
xb_answer_mark_to_string (XbAnswerMark mark)
{
  static const char *const names[] = { "pending", "on_time", "late", "missing" };

  g_return_val_if_fail ((guint) mark < G_N_ELEMENTS (names), NULL);
  return names[mark];
}

GArray *
xb_store_request_answers (XbStore  *self,
                          gint64    from,
                          gint64    to,
                          gint64    now,
                          GError  **error)
{
  LOCKED (self);
  /* The first submission that happened by @now counts, as in the
   * statistics taken at a moment. */
  sqlite3_stmt *stmt = prepare (self,
    "SELECT r.id, ru.unit_id, r.deadline,"
    "  (SELECT min(i.submitted_at) FROM items i WHERE i.request_id = r.id AND i.unit_id = ru.unit_id"
    "   AND i.submitted_at IS NOT NULL AND i.submitted_at <= ?3)"
    " FROM request_units ru JOIN requests r ON r.id = ru.request_id"
    " WHERE r.deadline >= ?1 AND r.deadline < ?2"
    " ORDER BY r.deadline, r.id, ru.unit_id;", error);
  g_autoptr(GArray) answers = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, now);
  answers = g_array_new (FALSE, TRUE, sizeof (XbRequestAnswer));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XbRequestAnswer a = { 0 };
      gint64 deadline = sqlite3_column_int64 (stmt, 2);

      a.request_id = sqlite3_column_int64 (stmt, 0);
      a.unit_id = sqlite3_column_int64 (stmt, 1);
      a.answered_at = sqlite3_column_int64 (stmt, 3);
      if (a.answered_at != 0)
        a.mark = a.answered_at <= deadline ? XB_ANSWER_ON_TIME : XB_ANSWER_LATE;
      else
        a.mark = now <= deadline ? XB_ANSWER_PENDING : XB_ANSWER_MISSING;
      g_array_append_val (answers, a);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return db_error (self, error), NULL;
  return g_steal_pointer (&answers);
}
