/* The statistics' single SQL path: per-unit submissions and adoptions in a period. */
#include "config.h"

#include "xb-store-private.h"

/* An item counts for the period that holds its submitted_at (the moment it
 * first left its unit).  It counts as adopted when it, or the comprehensive
 * item it was merged into, reached adopted by taken_at.  The covering index
 * items_stats serves the scan; the merged join touches only merged sources. */
GArray *
xb_store_count_by_unit (XbStore *self, gint64 from, gint64 to, gint64 taken_at, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT i.unit_id, count(*),"
    "  sum(CASE WHEN i.adopted_at <= ?3 THEN 1"
    "           WHEN i.merged_into IS NOT NULL AND (SELECT m.adopted_at FROM items m"
    "                WHERE m.uuid = i.merged_into) <= ?3 THEN 1 ELSE 0 END)"
    " FROM items i INDEXED BY items_stats"
    " WHERE i.submitted_at >= ?1 AND i.submitted_at < ?2"
    " GROUP BY i.unit_id;", error);
  GArray *counts;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, taken_at);
  counts = g_array_new (FALSE, FALSE, sizeof (XbUnitCounts));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XbUnitCounts c = {
        sqlite3_column_int64 (stmt, 0),
        (guint) sqlite3_column_int64 (stmt, 1),
        (guint) sqlite3_column_int64 (stmt, 2),
      };
      g_array_append_val (counts, c);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      db_error (self, error);
      g_clear_pointer (&counts, g_array_unref);
    }
  return counts;
}
