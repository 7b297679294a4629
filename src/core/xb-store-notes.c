/* What a list row says beside an item's state: the comment it was returned with, where and when it was adopted. */
#include "config.h"

#include "xb-store-notes.h"
#include "xb-store-private.h"

gboolean
xb_store_last_return (XbStore     *self,
                      const char  *uuid,
                      char       **comment,
                      gint64      *at)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT comment, at FROM item_events WHERE item_uuid = ?1 AND action = 'return'"
    " ORDER BY seq DESC LIMIT 1;", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, uuid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *comment = col_text (stmt, 0);
      *at = sqlite3_column_int64 (stmt, 1);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

gboolean
xb_store_first_adoption (XbStore     *self,
                         const char  *uuid,
                         char       **publication,
                         gint64      *at)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT p.name, a.at FROM adoptions a LEFT JOIN publications p ON p.id = a.publication_id"
    " WHERE a.item_uuid = ?1 ORDER BY a.at, a.id LIMIT 1;", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, uuid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *publication = col_text (stmt, 0);
      *at = sqlite3_column_int64 (stmt, 1);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}
