/* The store's published bulletins: frozen figures per quarter, moved through the change feed. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "xb-store-private.h"

void
xb_bulletin_record_free (XbBulletinRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->period);
  g_free (record->csv);
  g_free (record);
}

static XbBulletinRecord *
read_bulletin (sqlite3_stmt *stmt)
{
  XbBulletinRecord *r = g_new0 (XbBulletinRecord, 1);

  r->period = col_text (stmt, 0);
  r->taken_at = sqlite3_column_int64 (stmt, 1);
  r->published_at = sqlite3_column_int64 (stmt, 2);
  r->published_by = sqlite3_column_int64 (stmt, 3);
  r->csv = col_text (stmt, 4);
  return r;
}

static gboolean
insert_bulletin (XbStore *self, const XbBulletinRecord *r, gboolean replace, GError **error)
{
  sqlite3_stmt *stmt = prepare (self, replace
    ? "INSERT OR REPLACE INTO bulletins (period, taken_at, published_at, published_by, csv)"
      " VALUES (?1, ?2, ?3, ?4, ?5);"
    : "INSERT INTO bulletins (period, taken_at, published_at, published_by, csv)"
      " VALUES (?1, ?2, ?3, ?4, ?5);", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, r->period);
  sqlite3_bind_int64 (stmt, 2, r->taken_at);
  sqlite3_bind_int64 (stmt, 3, r->published_at);
  bind_opt (stmt, 4, r->published_by);
  bind_text (stmt, 5, r->csv);
  if (!step_done (self, stmt, error))
    {
      if (error != NULL && *error != NULL && (*error)->code == XB_ERROR_CONFLICT)
        {
          g_clear_error (error);
          g_set_error (error, XB_ERROR, XB_ERROR_CONFLICT,
                       _("The bulletin for %s is already published and cannot change."), r->period);
        }
      return FALSE;
    }
  return TRUE;
}

gboolean
xb_store_put_bulletin (XbStore *self, const XbBulletinRecord *record, gboolean replace, GError **error)
{
  gboolean ok;

  TX_BEGIN (self, error);
  ok = insert_bulletin (self, record, replace, error)
       && xb_store_touch (self, XB_CHANGE_BULLETIN, record->period, 0, FALSE, error);
  return TX_END (self, ok, error);
}

XbBulletinRecord *
xb_store_get_bulletin (XbStore *self, const char *period, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT period, taken_at, published_at, published_by, csv FROM bulletins WHERE period = ?1;", error);
  XbBulletinRecord *r = NULL;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, period);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    r = read_bulletin (stmt);
  else
    g_set_error (error, XB_ERROR, XB_ERROR_NOT_FOUND, _("No bulletin has been published for %s."), period);
  sqlite3_reset (stmt);
  return r;
}

GPtrArray *
xb_store_list_bulletins (XbStore *self, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT period, taken_at, published_at, published_by, csv FROM bulletins ORDER BY period DESC;", error);
  GPtrArray *list;

  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_bulletin_record_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (list, read_bulletin (stmt));
  sqlite3_reset (stmt);
  return list;
}
