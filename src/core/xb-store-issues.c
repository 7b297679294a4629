/* The store's publication issues: their items in order, assembled until published, frozen after. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "xb-store-private.h"

XbIssue *
xb_store_get_issue (XbStore *self, gint64 issue_id, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT id, publication_id, year, number, published_at, published FROM issues WHERE id = ?1;", error);
  XbIssue *issue = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, issue_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      issue = g_new0 (XbIssue, 1);
      issue->id = sqlite3_column_int64 (stmt, 0);
      issue->publication_id = sqlite3_column_int64 (stmt, 1);
      issue->year = sqlite3_column_int (stmt, 2);
      issue->number = sqlite3_column_int (stmt, 3);
      issue->published_at = sqlite3_column_int64 (stmt, 4);
      issue->published = sqlite3_column_int (stmt, 5) != 0;
    }
  else
    g_set_error (error, XB_ERROR, XB_ERROR_NOT_FOUND, _("There is no such issue."));
  sqlite3_reset (stmt);
  return issue;
}

GArray *
xb_store_list_issues (XbStore *self, gint64 publication_id, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT id, publication_id, year, number, published_at, published FROM issues"
    " WHERE publication_id = ?1 ORDER BY year DESC, number DESC;", error);
  GArray *issues;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, publication_id);
  issues = g_array_new (FALSE, TRUE, sizeof (XbIssue));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      XbIssue issue = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3),
        sqlite3_column_int64 (stmt, 4), sqlite3_column_int (stmt, 5) != 0,
      };
      g_array_append_val (issues, issue);
    }
  sqlite3_reset (stmt);
  return issues;
}

int
xb_store_next_issue_number (XbStore *self, gint64 publication_id, int year)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT coalesce(max(number), 0) + 1 FROM issues WHERE publication_id = ?1 AND year = ?2;", NULL);
  int next = 1;

  if (stmt == NULL)
    return 1;
  sqlite3_bind_int64 (stmt, 1, publication_id);
  sqlite3_bind_int (stmt, 2, year);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    next = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return next;
}

/* A published issue is a record: refuse any change to it. */
static gboolean
check_open (XbStore *self, gint64 issue_id, GError **error)
{
  g_autofree XbIssue *issue = xb_store_get_issue (self, issue_id, error);

  if (issue == NULL)
    return FALSE;
  if (issue->published)
    return g_set_error (error, XB_ERROR, XB_ERROR_CONFLICT,
                        _("Issue %d of %d is published and can no longer change."),
                        issue->number, issue->year), FALSE;
  return TRUE;
}

static gboolean
item_is_adopted (XbStore *self, const char *item_uuid, GError **error)
{
  g_autoptr(XbItem) item = xb_store_get_item (self, item_uuid, error);

  if (item == NULL)
    return FALSE;
  if (item->state != XB_STATE_ADOPTED)
    return g_set_error (error, XB_ERROR, XB_ERROR_CONFLICT,
                        _("Only adopted items go into a publication.")), FALSE;
  return TRUE;
}

static gboolean
run_issue_sql (XbStore *self, const char *sql, gint64 issue_id, const char *item_uuid,
               gint64 extra, GError **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, issue_id);
  bind_text (stmt, 2, item_uuid);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_int64 (stmt, 3, extra);
  return step_done (self, stmt, error);
}

gboolean
xb_store_issue_add_item (XbStore *self, gint64 issue_id, const char *item_uuid, GError **error)
{
  gboolean ok;

  TX_BEGIN (self, error);
  ok = check_open (self, issue_id, error) && item_is_adopted (self, item_uuid, error)
       && run_issue_sql (self,
            "INSERT INTO issue_items (issue_id, item_uuid, position) VALUES (?1, ?2,"
            " (SELECT coalesce(max(position), 0) + 1 FROM issue_items WHERE issue_id = ?1));",
            issue_id, item_uuid, 0, error)
       && xb_store_touch_id (self, XB_CHANGE_ISSUE, issue_id, error);
  return TX_END (self, ok, error);
}

gboolean
xb_store_issue_remove_item (XbStore *self, gint64 issue_id, const char *item_uuid, GError **error)
{
  gboolean ok;

  TX_BEGIN (self, error);
  ok = check_open (self, issue_id, error)
       && run_issue_sql (self, "DELETE FROM issue_items WHERE issue_id = ?1 AND item_uuid = ?2;",
                         issue_id, item_uuid, 0, error)
       && xb_store_touch_id (self, XB_CHANGE_ISSUE, issue_id, error);
  return TX_END (self, ok, error);
}

GStrv
xb_store_issue_items (XbStore *self, gint64 issue_id, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT item_uuid FROM issue_items WHERE issue_id = ?1 ORDER BY position, item_uuid;", error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, issue_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return g_strv_builder_end (builder);
}

/* Rewrites the positions 1..n in the new order. */
static gboolean
renumber (XbStore *self, gint64 issue_id, GStrv order, GError **error)
{
  for (int i = 0; order[i] != NULL; i++)
    if (!run_issue_sql (self, "UPDATE issue_items SET position = ?3 WHERE issue_id = ?1 AND item_uuid = ?2;",
                        issue_id, order[i], i + 1, error))
      return FALSE;
  return TRUE;
}

static gboolean
move_item (XbStore *self, gint64 issue_id, const char *item_uuid, guint position, GError **error)
{
  g_auto(GStrv) items = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  gboolean found = FALSE;

  if (!check_open (self, issue_id, error) || (items = xb_store_issue_items (self, issue_id, error)) == NULL)
    return FALSE;
  for (int i = 0; items[i] != NULL; i++)
    if (g_strcmp0 (items[i], item_uuid) == 0)
      found = TRUE;
    else
      g_ptr_array_add (order, items[i]);
  if (!found)
    return g_set_error (error, XB_ERROR, XB_ERROR_NOT_FOUND, _("The item is not in this issue.")), FALSE;
  g_ptr_array_insert (order, (int) MIN (position, order->len), (gpointer) item_uuid);
  g_ptr_array_add (order, NULL);
  return renumber (self, issue_id, (GStrv) order->pdata, error);
}

gboolean
xb_store_issue_move_item (XbStore *self, gint64 issue_id, const char *item_uuid, guint position,
                          GError **error)
{
  gboolean ok;

  TX_BEGIN (self, error);
  ok = move_item (self, issue_id, item_uuid, position, error)
       && xb_store_touch_id (self, XB_CHANGE_ISSUE, issue_id, error);
  return TX_END (self, ok, error);
}

gboolean
xb_store_publish_issue (XbStore *self, gint64 issue_id, gint64 at, GError **error)
{
  gboolean ok;

  TX_BEGIN (self, error);
  ok = check_open (self, issue_id, error)
       && run_issue_sql (self, "UPDATE issues SET published = 1, published_at = ?3 WHERE id = ?1 AND ?2 IS NULL;",
                         issue_id, NULL, at, error)
       && xb_store_touch_id (self, XB_CHANGE_ISSUE, issue_id, error);
  return TX_END (self, ok, error);
}

static gboolean
put_issue_row (XbStore *self, const XbIssue *issue, GError **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO issues (id, publication_id, year, number, published_at, published)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO UPDATE SET"
    " publication_id = excluded.publication_id, year = excluded.year, number = excluded.number,"
    " published_at = excluded.published_at, published = excluded.published;", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, issue->id);
  sqlite3_bind_int64 (stmt, 2, issue->publication_id);
  sqlite3_bind_int (stmt, 3, issue->year);
  sqlite3_bind_int (stmt, 4, issue->number);
  bind_opt (stmt, 5, issue->published_at);
  sqlite3_bind_int (stmt, 6, issue->published);
  return step_done (self, stmt, error);
}

static gboolean
put_issue_copy (XbStore *self, const XbIssue *issue, const char *const *items, GError **error)
{
  if (!put_issue_row (self, issue, error)
      || !run_issue_sql (self, "DELETE FROM issue_items WHERE issue_id = ?1 AND ?2 IS NULL;",
                         issue->id, NULL, 0, error))
    return FALSE;
  for (int i = 0; items != NULL && items[i] != NULL; i++)
    if (!run_issue_sql (self, "INSERT INTO issue_items (issue_id, item_uuid, position) VALUES (?1, ?2, ?3);",
                        issue->id, items[i], i + 1, error))
      return FALSE;
  return xb_store_touch_id (self, XB_CHANGE_ISSUE, issue->id, error);
}

gboolean
xb_store_put_issue_copy (XbStore *self, const XbIssue *issue, const char *const *items, GError **error)
{
  gboolean ok;

  TX_BEGIN (self, error);
  ok = put_issue_copy (self, issue, items, error);
  return TX_END (self, ok, error);
}
