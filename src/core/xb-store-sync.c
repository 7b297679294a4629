/* The store's exchange tables: the server's change feed, sessions and action record; the client's outbox. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "xb-store-private.h"

static const char *const change_kinds[] = {
  "item", "unit", "user", "publication", "priorities", "policy", "bulletin", "issue", "request",
  "roster",
};

const char *
xb_change_kind_to_string (XbChangeKind kind)
{
  return change_kinds[kind];
}

static gboolean
change_kind_from_string (const char *s, XbChangeKind *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (change_kinds); i++)
    if (g_strcmp0 (s, change_kinds[i]) == 0)
      {
        *out = (XbChangeKind) i;
        return TRUE;
      }
  return FALSE;
}

void
xb_change_free (XbChange *change)
{
  if (change == NULL)
    return;
  g_free (change->key);
  g_free (change);
}

/* ---- the change feed --------------------------------------------------------- */

static gboolean
touch (XbStore *self, XbChangeKind kind, const char *key,
       gint64 unit_id, gboolean adopted, gboolean sent, GError **error)
{
  sqlite3_stmt *del = prepare (self, "DELETE FROM changes WHERE kind = ?1 AND key = ?2;", error);
  sqlite3_stmt *ins;

  if (del == NULL)
    return FALSE;
  bind_text (del, 1, change_kinds[kind]);
  bind_text (del, 2, key);
  if (!step_done (self, del, error))
    return FALSE;
  ins = prepare (self, "INSERT INTO changes (kind, key, unit_id, adopted, sent) VALUES (?1, ?2, ?3, ?4, ?5);", error);
  if (ins == NULL)
    return FALSE;
  bind_text (ins, 1, change_kinds[kind]);
  bind_text (ins, 2, key);
  bind_opt (ins, 3, unit_id);
  sqlite3_bind_int (ins, 4, adopted);
  sqlite3_bind_int (ins, 5, sent);
  return step_done (self, ins, error);
}

gboolean
xb_store_touch (XbStore *self, XbChangeKind kind, const char *key,
                gint64 unit_id, gboolean adopted, GError **error)
{
  LOCKED (self);
  return touch (self, kind, key, unit_id, adopted, FALSE, error);
}

gboolean
xb_store_touch_item (XbStore *self, const XbItem *item, GError **error)
{
  LOCKED (self);
  return touch (self, XB_CHANGE_ITEM, item->uuid, item->unit_id, item->state == XB_STATE_ADOPTED,
                xb_item_has_left_unit (item), error);
}

gboolean
xb_store_touch_id (XbStore *self, XbChangeKind kind, gint64 id, GError **error)
{
  char key[32];

  g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT, id);
  return xb_store_touch (self, kind, key, 0, FALSE, error);
}

GPtrArray *
xb_store_changes_since (XbStore *self, gint64 since, guint limit, const XbFeedScope *scope,
                        gboolean *more, GError **error)
{
  LOCKED (self);
  /* One row more than asked tells whether another page waits. */
  sqlite3_stmt *stmt = prepare (self,
    "SELECT seq, kind, key FROM changes WHERE seq > ?1"
    " AND (kind NOT IN ('item', 'request', 'roster') OR (?2 AND kind <> 'item')"
    "      OR (kind = 'item' AND (unit_id = ?3 OR (?2 AND sent) OR (?4 AND adopted)))"
    "      OR (kind = 'roster' AND unit_id = ?3)"
    "      OR (kind = 'request' AND EXISTS (SELECT 1 FROM request_units ru"
    "          WHERE ru.request_id = CAST (key AS INTEGER) AND ru.unit_id = ?3)))"
    " ORDER BY seq LIMIT ?5;", error);
  GPtrArray *changes;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int (stmt, 2, scope->all_items);
  sqlite3_bind_int64 (stmt, 3, scope->unit_id);
  sqlite3_bind_int (stmt, 4, scope->adopted_items);
  sqlite3_bind_int64 (stmt, 5, (gint64) limit + 1);
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_change_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XbChange *c = g_new0 (XbChange, 1);
      c->seq = sqlite3_column_int64 (stmt, 0);
      change_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &c->kind);
      c->key = col_text (stmt, 2);
      g_ptr_array_add (changes, c);
    }
  if (rc != SQLITE_DONE)
    {
      db_error (self, error);
      sqlite3_reset (stmt);
      g_ptr_array_unref (changes);
      return NULL;
    }
  sqlite3_reset (stmt);
  *more = changes->len > limit;
  if (*more)
    g_ptr_array_set_size (changes, limit);
  return changes;
}

gint64
xb_store_last_change (XbStore *self)
{
  LOCKED (self);
  return query_int (self, "SELECT coalesce(max(seq), 0) FROM changes;", 0);
}

/* ---- publications and priorities ----------------------------------------------- */

void
xb_publication_free (XbPublication *publication)
{
  if (publication == NULL)
    return;
  g_free (publication->name);
  g_free (publication->code);
  g_free (publication);
}

static XbPublication *
read_publication (sqlite3_stmt *stmt)
{
  XbPublication *p = g_new0 (XbPublication, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->name = col_text (stmt, 1);
  p->code = col_text (stmt, 2);
  p->retired = sqlite3_column_int (stmt, 3) != 0;
  return p;
}

GPtrArray *
xb_store_list_publications (XbStore *self, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self, "SELECT id, name, code, retired FROM publications ORDER BY id;", error);
  GPtrArray *list;

  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_publication_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (list, read_publication (stmt));
  sqlite3_reset (stmt);
  return list;
}

XbPublication *
xb_store_get_publication (XbStore *self, gint64 id, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self, "SELECT id, name, code, retired FROM publications WHERE id = ?1;", error);
  XbPublication *p = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    p = read_publication (stmt);
  else
    g_set_error (error, XB_ERROR, XB_ERROR_NOT_FOUND, _("There is no such publication."));
  sqlite3_reset (stmt);
  return p;
}

/* Periodicals that swapped names or codes on the server come through the
 * feed one at a time: the one still holding @p's name or code here gets a
 * placeholder (" #id") until its own change, later in the feed, arrives. */
static gboolean
set_aside_publications (XbStore *self, const XbPublication *p, GError **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "UPDATE publications SET"
    " name = CASE WHEN name = ?2 THEN name || ' #' || id ELSE name END,"
    " code = CASE WHEN code = ?3 THEN code || ' #' || id ELSE code END"
    " WHERE id != ?1 AND (name = ?2 OR code = ?3);", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->id);
  bind_text (stmt, 2, p->name);
  bind_text (stmt, 3, p->code);
  return step_done (self, stmt, error);
}

static gboolean
put_publication_row (XbStore *self, const XbPublication *p, GError **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO publications (id, name, code, retired) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (id) DO UPDATE SET name = excluded.name, code = excluded.code,"
    " retired = excluded.retired;", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->id);
  bind_text (stmt, 2, p->name);
  bind_text (stmt, 3, p->code);
  sqlite3_bind_int (stmt, 4, p->retired ? 1 : 0);
  return step_done (self, stmt, error);
}

gboolean
xb_store_put_publication (XbStore *self, const XbPublication *publication, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (publication->id > 0, FALSE);
  TX_BEGIN (self, error);
  ok = set_aside_publications (self, publication, error)
       && put_publication_row (self, publication, error)
       && xb_store_touch_id (self, XB_CHANGE_PUBLICATION, publication->id, error);
  return TX_END (self, ok, error);
}

static gboolean
replace_priorities (XbStore *self, const char *const *titles, GError **error)
{
  sqlite3_stmt *stmt;

  if (!exec (self, "UPDATE priorities SET active = 0;", error))
    return FALSE;
  for (int i = 0; titles[i] != NULL; i++)
    {
      if ((stmt = prepare (self, "INSERT INTO priorities (title, position) VALUES (?1, ?2);", error)) == NULL)
        return FALSE;
      bind_text (stmt, 1, titles[i]);
      sqlite3_bind_int (stmt, 2, i + 1);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return xb_store_touch (self, XB_CHANGE_PRIORITIES, "all", 0, FALSE, error);
}

gboolean
xb_store_set_priorities (XbStore *self, const char *const *titles, GError **error)
{
  gboolean ok;

  TX_BEGIN (self, error);
  ok = replace_priorities (self, titles, error);
  return TX_END (self, ok, error);
}

/* ---- sessions ---------------------------------------------------------------- */

gboolean
xb_store_add_session (XbStore *self, const char *token_hash, gint64 user_id,
                      gint64 expires_at, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4);", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, token_hash);
  sqlite3_bind_int64 (stmt, 2, user_id);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 4, expires_at);
  return step_done (self, stmt, error);
}

gint64
xb_store_session_user (XbStore *self, const char *token_hash, gint64 now, gint64 *expires_at)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT s.user_id, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id"
    " WHERE s.token_hash = ?1 AND s.revoked = 0 AND s.expires_at > ?2 AND u.disabled = 0;", NULL);
  gint64 user_id = 0;

  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, token_hash);
  sqlite3_bind_int64 (stmt, 2, now);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      user_id = sqlite3_column_int64 (stmt, 0);
      if (expires_at != NULL)
        *expires_at = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return user_id;
}

static gboolean
exec_with_text (XbStore *self, const char *sql, const char *text, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, text);
  return step_done (self, stmt, error);
}

gboolean
xb_store_revoke_session (XbStore *self, const char *token_hash, GError **error)
{
  return exec_with_text (self, "UPDATE sessions SET revoked = 1 WHERE token_hash = ?1;", token_hash, error);
}

gboolean
xb_store_revoke_user_sessions (XbStore *self, gint64 user_id, GError **error)
{
  char id[32];

  g_snprintf (id, sizeof id, "%" G_GINT64_FORMAT, user_id);
  return exec_with_text (self, "UPDATE sessions SET revoked = 1 WHERE user_id = CAST(?1 AS INTEGER);", id, error);
}

/* ---- the action record --------------------------------------------------------- */

gboolean
xb_store_find_action (XbStore *self, const char *id, char **request_hash, int *status,
                      char **response)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self, "SELECT request_hash, status, response FROM actions WHERE id = ?1;", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      *request_hash = col_text (stmt, 0);
      *status = sqlite3_column_int (stmt, 1);
      *response = col_text (stmt, 2);
    }
  sqlite3_reset (stmt);
  return found;
}

gboolean
xb_store_record_action (XbStore *self, const char *id, const char *request_hash, int status,
                        const char *response, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO actions (id, request_hash, status, response, at) VALUES (?1, ?2, ?3, ?4, ?5);", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, id);
  bind_text (stmt, 2, request_hash);
  sqlite3_bind_int (stmt, 3, status);
  bind_text (stmt, 4, response);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  return step_done (self, stmt, error);
}

/* ---- attachment metadata -------------------------------------------------------- */

static gboolean
replace_attachments (XbStore *self, const char *item_uuid, GPtrArray *attachments, GError **error)
{
  if (!exec_with_text (self, "DELETE FROM attachments WHERE item_uuid = ?1;", item_uuid, error))
    return FALSE;
  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    {
      const XbAttachment *a = attachments->pdata[i];
      if (!xb_store_add_attachment (self, item_uuid, a->sha256, a->filename, a->size, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
xb_store_set_attachments (XbStore *self, const char *item_uuid, GPtrArray *attachments,
                          GError **error)
{
  gboolean ok;

  TX_BEGIN (self, error);
  ok = replace_attachments (self, item_uuid, attachments, error);
  return TX_END (self, ok, error);
}

GPtrArray *
xb_store_list_attachments (XbStore *self, const char *item_uuid, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT sha256, filename, size FROM attachments WHERE item_uuid = ?1 ORDER BY filename, sha256;",
    error);
  GPtrArray *list;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, item_uuid);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_attachment_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      XbAttachment *a = g_new0 (XbAttachment, 1);
      a->sha256 = col_text (stmt, 0);
      a->filename = col_text (stmt, 1);
      a->size = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (list, a);
    }
  sqlite3_reset (stmt);
  return list;
}

GStrv
xb_store_attachment_items (XbStore *self, const char *sha256, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT item_uuid FROM attachments WHERE sha256 = ?1 ORDER BY item_uuid;", error);
  g_autoptr(GStrvBuilder) uuids = g_strv_builder_new ();

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, sha256);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (uuids, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return g_strv_builder_end (uuids);
}

/* ---- items the server never took -------------------------------------------------- */

static gboolean
delete_unsent (XbStore *self, const char *sql, const char *uuid, gboolean *deleted, GError **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, uuid);
  if (!step_done (self, stmt, error))
    return FALSE;
  *deleted = sqlite3_changes (self->db) > 0;
  return TRUE;
}

gboolean
xb_store_forget_unsent_item (XbStore *self, const char *uuid, gboolean *forgotten, GError **error)
{
  LOCKED (self);
  gboolean ok, attachments = FALSE;

  *forgotten = FALSE;
  TX_BEGIN (self, error);
  ok = delete_unsent (self, "DELETE FROM attachments WHERE item_uuid = ?1"
                            " AND NOT EXISTS (SELECT 1 FROM item_events WHERE item_uuid = ?1);",
                      uuid, &attachments, error)
       && delete_unsent (self, "DELETE FROM items WHERE uuid = ?1"
                               " AND NOT EXISTS (SELECT 1 FROM item_events WHERE item_uuid = ?1);",
                         uuid, forgotten, error);
  return TX_END (self, ok, error);
}

/* ---- the outbox ---------------------------------------------------------------- */

gboolean
xb_store_use_as_replica (XbStore *self, GError **error)
{
  LOCKED (self);

  /* SQLite ignores this pragma inside a transaction, silently. */
  if (self->tx_depth > 0)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_FAILED,
                                "xb_store_use_as_replica() called inside a transaction"), FALSE;
  return exec (self, "PRAGMA foreign_keys = OFF;", error);
}

void
xb_outbox_entry_free (XbOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->op_id);
  g_free (entry->method);
  g_free (entry->path);
  g_free (entry->body);
  g_free (entry->item_uuid);
  g_free (entry->error);
  g_free (entry);
}

gint64
xb_store_outbox_add (XbStore *self, const char *op_id, const char *method, const char *path,
                     const char *body, const char *item_uuid, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO outbox (op_id, method, path, body, item_uuid, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6);", error);

  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, op_id);
  bind_text (stmt, 2, method);
  bind_text (stmt, 3, path);
  bind_text (stmt, 4, body);
  bind_text (stmt, 5, item_uuid);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time () / G_USEC_PER_SEC);
  if (!step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

GPtrArray *
xb_store_outbox_list (XbStore *self, gboolean with_failed, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT id, op_id, method, path, body, item_uuid, created_at, attempts, error, failed"
    " FROM outbox WHERE failed = 0 OR ?1 ORDER BY id;", error);
  GPtrArray *list;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, with_failed);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_outbox_entry_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      XbOutboxEntry *e = g_new0 (XbOutboxEntry, 1);
      e->id = sqlite3_column_int64 (stmt, 0);
      e->op_id = col_text (stmt, 1);
      e->method = col_text (stmt, 2);
      e->path = col_text (stmt, 3);
      e->body = col_text (stmt, 4);
      e->item_uuid = col_text (stmt, 5);
      e->created_at = sqlite3_column_int64 (stmt, 6);
      e->attempts = sqlite3_column_int (stmt, 7);
      e->error = col_text (stmt, 8);
      e->failed = sqlite3_column_int (stmt, 9) != 0;
      g_ptr_array_add (list, e);
    }
  sqlite3_reset (stmt);
  return list;
}

static gboolean
outbox_update (XbStore *self, const char *sql, gint64 id, const char *message, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    bind_text (stmt, 2, message);
  return step_done (self, stmt, error);
}

gboolean
xb_store_outbox_remove (XbStore *self, gint64 id, GError **error)
{
  return outbox_update (self, "DELETE FROM outbox WHERE id = ?1;", id, NULL, error);
}

gboolean
xb_store_outbox_note_attempt (XbStore *self, gint64 id, const char *message, GError **error)
{
  return outbox_update (self, "UPDATE outbox SET attempts = attempts + 1, error = ?2 WHERE id = ?1;",
                        id, message, error);
}

gboolean
xb_store_outbox_fail (XbStore *self, gint64 id, const char *message, GError **error)
{
  return outbox_update (self, "UPDATE outbox SET failed = 1, error = ?2 WHERE id = ?1;",
                        id, message, error);
}

gboolean
xb_store_outbox_retry (XbStore *self, gint64 id, GError **error)
{
  return outbox_update (self, "UPDATE outbox SET failed = 0, attempts = 0 WHERE id = ?1;",
                        id, NULL, error);
}

static guint
outbox_count (XbStore *self, const char *item_uuid, gboolean failed)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT count(*) FROM outbox WHERE failed = ?2 AND (?1 IS NULL OR item_uuid = ?1);", NULL);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, item_uuid);
  sqlite3_bind_int (stmt, 2, failed);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

guint
xb_store_outbox_count (XbStore *self, const char *item_uuid)
{
  return outbox_count (self, item_uuid, FALSE);
}

guint
xb_store_outbox_count_failed (XbStore *self, const char *item_uuid)
{
  return outbox_count (self, item_uuid, TRUE);
}

gboolean
xb_store_outbox_first_failure (XbStore *self, const char *item_uuid, char **message)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT error FROM outbox WHERE failed = 1 AND (?1 IS NULL OR item_uuid = ?1)"
    " ORDER BY id LIMIT 1;", NULL);
  gboolean found;

  *message = NULL;
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, item_uuid);
  if ((found = sqlite3_step (stmt) == SQLITE_ROW))
    *message = col_text (stmt, 0);
  sqlite3_reset (stmt);
  return found;
}
