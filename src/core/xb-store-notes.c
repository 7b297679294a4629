/* What a list row says beside an item's state: the comment it was returned with, where and when it was adopted. */
#include "config.h"

#include <json-glib/json-glib.h>

#include "xb-store-notes.h"
#include "xb-store-private.h"

/* The text and time of the first row @sql gives for @uuid. */
static gboolean
first_note (XbStore     *self,
            const char  *sql,
            const char  *uuid,
            char       **text,
            gint64      *at)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self, sql, NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, uuid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *text = col_text (stmt, 0);
      *at = sqlite3_column_int64 (stmt, 1);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

gboolean
xb_store_last_return (XbStore     *self,
                      const char  *uuid,
                      char       **comment,
                      gint64      *at)
{
  return first_note (self,
    "SELECT comment, at FROM item_events WHERE item_uuid = ?1 AND action = 'return'"
    " ORDER BY seq DESC LIMIT 1;", uuid, comment, at);
}

gboolean
xb_store_first_adoption (XbStore     *self,
                         const char  *uuid,
                         char       **publication,
                         gint64      *at)
{
  return first_note (self,
    "SELECT p.name, a.at FROM adoptions a LEFT JOIN publications p ON p.id = a.publication_id"
    " WHERE a.item_uuid = ?1 ORDER BY a.at, a.id LIMIT 1;", uuid, publication, at);
}

static void
note_free (XbStoreNote *note)
{
  g_free (note->text);
  g_free (note);
}

/* The uuids of the items of @items in @state, as a JSON array for json_each(). */
static char *
uuids_json (GPtrArray *items,
            XbState    state)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      const XbItem *item = g_ptr_array_index (items, i);

      if (item->state == state)
        json_builder_add_string_value (builder, item->uuid);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

GHashTable *
xb_store_notes (XbStore    *self,
                GPtrArray  *items,
                GError    **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT item_uuid, comment, at FROM"
    " (SELECT item_uuid, comment, at, row_number () OVER (PARTITION BY item_uuid ORDER BY seq DESC) AS n"
    "  FROM item_events WHERE action = 'return' AND item_uuid IN (SELECT value FROM json_each (?1)))"
    " WHERE n = 1"
    " UNION ALL"
    " SELECT a.item_uuid, p.name, a.at FROM"
    " (SELECT item_uuid, publication_id, at, row_number () OVER (PARTITION BY item_uuid ORDER BY at, id) AS n"
    "  FROM adoptions WHERE item_uuid IN (SELECT value FROM json_each (?2))) a"
    " LEFT JOIN publications p ON p.id = a.publication_id"
    " WHERE a.n = 1;", error);
  g_autoptr(GHashTable) notes = NULL;
  g_autofree char *returned = NULL;
  g_autofree char *adopted = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) note_free);
  returned = uuids_json (items, XB_STATE_RETURNED);
  adopted = uuids_json (items, XB_STATE_ADOPTED);
  bind_text (stmt, 1, returned);
  bind_text (stmt, 2, adopted);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XbStoreNote *note = g_new0 (XbStoreNote, 1);

      note->text = col_text (stmt, 1);
      note->at = sqlite3_column_int64 (stmt, 2);
      g_hash_table_replace (notes, col_text (stmt, 0), note);
    }
  if (rc != SQLITE_DONE)
    {
      db_error (self, error);
      g_clear_pointer (&notes, g_hash_table_unref);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&notes);
}
