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

void
xb_score_event_free (XbScoreEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->item_uuid);
  g_free (event);
}

/* Adoptions by level and publication, forwards and instructions, each as
 * the scoring table's category. */
GPtrArray *
xb_store_score_events (XbStore *self, gint64 from, gint64 to, gint64 taken_at, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT i.uuid, i.unit_id,"
    "  CASE a.level WHEN 'national' THEN 7"
    "    WHEN 'province' THEN (CASE i.type WHEN 'research' THEN 6 ELSE 4 END)"
    "    ELSE (CASE p.code WHEN 'mryq' THEN 1 WHEN 'xxzb' THEN 2 ELSE 0 END) END"
    " FROM adoptions a JOIN items i ON i.uuid = a.item_uuid"
    " LEFT JOIN publications p ON p.id = a.publication_id"
    " WHERE a.at >= ?1 AND a.at < ?2 AND a.at <= ?3"
    " UNION ALL"
    " SELECT i.uuid, i.unit_id, 3 FROM item_events e JOIN items i ON i.uuid = e.item_uuid"
    " WHERE e.action = 'forward' AND e.at >= ?1 AND e.at < ?2 AND e.at <= ?3"
    " UNION ALL"
    " SELECT i.uuid, i.unit_id,"
    "  CASE n.level WHEN 'national' THEN 10 WHEN 'province' THEN 9 ELSE 8 END"
    " FROM instructions n JOIN items i ON i.uuid = n.item_uuid"
    " WHERE n.at >= ?1 AND n.at < ?2 AND n.at <= ?3;", error);
  GPtrArray *events;
  int rc;

  G_STATIC_ASSERT (XB_SCORE_CITY_GENERAL == 0 && XB_SCORE_CITY_DIGEST == 1
                   && XB_SCORE_CITY_SPECIAL == 2 && XB_SCORE_FORWARDED == 3
                   && XB_SCORE_PROVINCE == 4 && XB_SCORE_PROVINCE_RESEARCH == 6
                   && XB_SCORE_STATE_COUNCIL == 7 && XB_SCORE_INSTRUCTION_CITY == 8
                   && XB_SCORE_INSTRUCTION_PROVINCE == 9 && XB_SCORE_INSTRUCTION_NATIONAL == 10);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, taken_at);
  events = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_score_event_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XbScoreEvent *e = g_new0 (XbScoreEvent, 1);
      e->item_uuid = col_text (stmt, 0);
      e->unit_id = sqlite3_column_int64 (stmt, 1);
      e->score = sqlite3_column_int (stmt, 2);
      g_ptr_array_add (events, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      db_error (self, error);
      g_clear_pointer (&events, g_ptr_array_unref);
    }
  return events;
}

GHashTable *
xb_store_merge_sources (XbStore *self, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT merged_into, unit_id FROM items WHERE merged_into IS NOT NULL ORDER BY merged_into, uuid;", error);
  GHashTable *sources;

  if (stmt == NULL)
    return NULL;
  sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *into = (const char *) sqlite3_column_text (stmt, 0);
      gint64 unit = sqlite3_column_int64 (stmt, 1);
      GArray *units = g_hash_table_lookup (sources, into);
      if (units == NULL)
        {
          units = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (sources, g_strdup (into), units);
        }
      g_array_append_val (units, unit);
    }
  sqlite3_reset (stmt);
  return sources;
}

GHashTable *
xb_store_missed_requests (XbStore *self, gint64 from, gint64 to, gint64 taken_at, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT ru.unit_id, count(*) FROM request_units ru JOIN requests r ON r.id = ru.request_id"
    " WHERE r.deadline >= ?1 AND r.deadline < ?2 AND r.deadline <= ?3"
    " AND NOT EXISTS (SELECT 1 FROM items i WHERE i.request_id = r.id AND i.unit_id = ru.unit_id"
    "                 AND i.submitted_at IS NOT NULL AND i.submitted_at <= r.deadline)"
    " GROUP BY ru.unit_id;", error);
  GHashTable *missed;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, taken_at);
  missed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 unit = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (missed, g_memdup2 (&unit, sizeof unit),
                           GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
    }
  sqlite3_reset (stmt);
  return missed;
}

/* ---- award lists ------------------------------------------------------------------ */

static XbItem *
read_light_item (sqlite3_stmt *stmt)
{
  XbItem *item = xb_item_new ();

  item->uuid = col_text (stmt, 0);
  item->title = col_text (stmt, 1);
  item->unit_id = sqlite3_column_int64 (stmt, 2);
  item->author_id = sqlite3_column_int64 (stmt, 3);
  item->adopted_at = sqlite3_column_int64 (stmt, 4);
  xb_item_type_from_string ((const char *) sqlite3_column_text (stmt, 5), &item->type);
  return item;
}

static GPtrArray *
light_items (XbStore *self, const char *sql, gint64 from, gint64 to, gint64 taken_at, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self, sql, error);
  GPtrArray *items;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, taken_at);
  items = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_item_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (items, read_light_item (stmt));
  sqlite3_reset (stmt);
  return items;
}

GPtrArray *
xb_store_adopted_research_items (XbStore *self, gint64 from, gint64 to, gint64 taken_at,
                                 GError **error)
{
  return light_items (self,
    "SELECT i.uuid, i.title, i.unit_id, i.author_id, i.adopted_at, i.type FROM items i"
    " WHERE i.type = 'research' AND i.adopted_at >= ?1 AND i.adopted_at < ?2 AND i.adopted_at <= ?3"
    " ORDER BY (SELECT count(*) FROM adoptions a WHERE a.item_uuid = i.uuid AND a.at <= ?3) DESC,"
    "  i.adopted_at, i.uuid;", from, to, taken_at, error);
}

GPtrArray *
xb_store_instructed_items (XbStore *self, gint64 from, gint64 to, gint64 taken_at, GError **error)
{
  return light_items (self,
    "SELECT i.uuid, i.title, i.unit_id, i.author_id, i.adopted_at, i.type FROM items i"
    " JOIN (SELECT item_uuid, max(CASE level WHEN 'national' THEN 3 WHEN 'province' THEN 2 ELSE 1 END) AS top,"
    "         min(at) AS first FROM instructions WHERE at >= ?1 AND at < ?2 AND at <= ?3"
    "       GROUP BY item_uuid) n ON n.item_uuid = i.uuid"
    " ORDER BY n.top DESC, n.first, i.uuid;", from, to, taken_at, error);
}

GArray *
xb_store_count_by_author (XbStore *self, gint64 from, gint64 to, gint64 taken_at, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT i.author_id, count(*),"
    "  sum(CASE WHEN i.adopted_at <= ?3 THEN 1"
    "           WHEN i.merged_into IS NOT NULL AND (SELECT m.adopted_at FROM items m"
    "                WHERE m.uuid = i.merged_into) <= ?3 THEN 1 ELSE 0 END) AS adopted"
    " FROM items i WHERE i.submitted_at >= ?1 AND i.submitted_at < ?2"
    " GROUP BY i.author_id ORDER BY adopted DESC, count(*) DESC, i.author_id;", error);
  GArray *counts;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, taken_at);
  counts = g_array_new (FALSE, FALSE, sizeof (XbAuthorCounts));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      XbAuthorCounts c = {
        sqlite3_column_int64 (stmt, 0),
        (guint) sqlite3_column_int64 (stmt, 1),
        (guint) sqlite3_column_int64 (stmt, 2),
      };
      g_array_append_val (counts, c);
    }
  sqlite3_reset (stmt);
  return counts;
}
