/* The local store on SQLite: connection, transactions, migrations, and every query. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <inttypes.h>
#include <string.h>

#include "xb-schema.h"
#include "xb-store-private.h"

G_DEFINE_FINAL_TYPE (XbStore, xb_store, G_TYPE_OBJECT)


static void
xb_store_finalize (GObject *object)
{
  XbStore *self = XB_STORE (object);

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_rec_mutex_clear (&self->lock);
  G_OBJECT_CLASS (xb_store_parent_class)->finalize (object);
}

static void
xb_store_class_init (XbStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xb_store_finalize;
}

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
xb_store_init (XbStore *self)
{
  g_rec_mutex_init (&self->lock);
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       finalize_stmt);
}

/* ---- low-level helpers ------------------------------------------------ */

gboolean
db_error (XbStore *self, GError **error)
{
  int code = sqlite3_extended_errcode (self->db);
  int primary = code & 0xff;
  XbError kind = XB_ERROR_DATABASE;

  if (primary == SQLITE_CONSTRAINT)
    kind = XB_ERROR_CONFLICT;
  else if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    kind = XB_ERROR_CORRUPT;
  g_set_error (error, XB_ERROR, kind, _("Database error: %s"), sqlite3_errmsg (self->db));
  return FALSE;
}

gboolean
exec (XbStore *self, const char *sql, GError **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return db_error (self, error);
  return TRUE;
}

/* Statements are prepared once and kept; each use starts from a reset. */
sqlite3_stmt *
prepare (XbStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      db_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
  return stmt;
}

gboolean
step_done (XbStore *self, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return db_error (self, error);
  return TRUE;
}

void
bind_text (sqlite3_stmt *stmt, int idx, const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_TRANSIENT);
}

/* Zero stands for "not set" in the structs and for NULL in the tables. */
void
bind_opt (sqlite3_stmt *stmt, int idx, gint64 value)
{
  if (value == 0)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_int64 (stmt, idx, value);
}

char *
col_text (sqlite3_stmt *stmt, int col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

gint64
query_int (XbStore *self, const char *sql, gint64 fallback)
{
  sqlite3_stmt *stmt = prepare (self, sql, NULL);
  gint64 value = fallback;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return value;
}

/* ---- opening and migrating -------------------------------------------- */

static gboolean
configure (XbStore *self, GError **error)
{
  sqlite3_busy_timeout (self->db, 10000);
  return exec (self, "PRAGMA journal_mode = WAL;", error)
      && exec (self, "PRAGMA synchronous = FULL;", error)
      && exec (self, "PRAGMA foreign_keys = ON;", error);
}

static gboolean
apply_migration (XbStore *self, int version, const char *script, GError **error)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d;", version);

  if (!exec (self, "BEGIN IMMEDIATE;", error))
    return FALSE;
  if (!exec (self, script, error) || !exec (self, set_version, error))
    {
      exec (self, "ROLLBACK;", NULL);
      g_prefix_error (error, _("Could not upgrade the database to version %d: "), version);
      return FALSE;
    }
  return exec (self, "COMMIT;", error);
}

static gboolean
migrate (XbStore *self, int target, GError **error)
{
  int n;
  const char *const *scripts = xb_schema_migrations (&n);

  self->version = (int) query_int (self, "PRAGMA user_version;", -1);
  if (self->version < 0)
    return db_error (self, error);
  if (self->version > n)
    return g_set_error (error, XB_ERROR, XB_ERROR_TOO_NEW,
                        _("The database “%s” was written by a newer version of Xinbao "
                          "(schema %d, this version knows up to %d). Update Xinbao to open it."),
                        self->path, self->version, n), FALSE;
  for (int v = self->version + 1; v <= MIN (target, n); v++)
    {
      if (!apply_migration (self, v, scripts[v - 1], error))
        return FALSE;
      self->version = v;
    }
  return TRUE;
}

int
xb_store_latest_version (void)
{
  int n;

  xb_schema_migrations (&n);
  return n;
}

XbStore *
xb_store_open_at_version (const char *path, int version, GError **error)
{
  g_autoptr(XbStore) self = g_object_new (XB_TYPE_STORE, NULL);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;

  self->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &self->db, flags, NULL) != SQLITE_OK)
    {
      g_set_error (error, XB_ERROR, XB_ERROR_DATABASE, _("Could not open the database “%s”: %s"),
                   path, self->db ? sqlite3_errmsg (self->db) : "out of memory");
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  if (!configure (self, error) || !migrate (self, version, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

XbStore *
xb_store_open (const char *path, GError **error)
{
  return xb_store_open_at_version (path, G_MAXINT, error);
}

const char *
xb_store_get_path (XbStore *self)
{
  return self->path;
}

int
xb_store_get_version (XbStore *self)
{
  return self->version;
}

gboolean
xb_store_integrity_check (XbStore *self, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self, "PRAGMA integrity_check;", error);
  g_autofree char *result = NULL;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = col_text (stmt, 0);
  sqlite3_reset (stmt);
  if (g_strcmp0 (result, "ok") != 0)
    return g_set_error (error, XB_ERROR, XB_ERROR_CORRUPT,
                        _("The database is damaged: %s"), result ? result : "?"), FALSE;
  return TRUE;
}

/* ---- transactions ------------------------------------------------------ */

gboolean
xb_store_begin (XbStore *self, GError **error)
{
  g_rec_mutex_lock (&self->lock);
  if (self->tx_depth == 0)
    {
      if (!exec (self, "BEGIN IMMEDIATE;", error))
        {
          g_rec_mutex_unlock (&self->lock);
          return FALSE;
        }
      self->tx_failed = FALSE;
    }
  self->tx_depth++;
  return TRUE;
}

gboolean
xb_store_commit (XbStore *self, GError **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (self->tx_depth > 0, FALSE);
  if (--self->tx_depth == 0)
    {
      if (self->tx_failed)
        {
          exec (self, "ROLLBACK;", NULL);
          ok = FALSE;
          g_set_error_literal (error, XB_ERROR, XB_ERROR_FAILED,
                               _("The change was rolled back because part of it failed."));
        }
      else if (!exec (self, "COMMIT;", error))
        {
          exec (self, "ROLLBACK;", NULL);
          ok = FALSE;
        }
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

void
xb_store_rollback (XbStore *self)
{
  g_return_if_fail (self->tx_depth > 0);
  if (--self->tx_depth == 0)
    exec (self, "ROLLBACK;", NULL);
  else
    self->tx_failed = TRUE;
  g_rec_mutex_unlock (&self->lock);
}


/* ---- meta --------------------------------------------------------------- */

char *
xb_store_get_meta (XbStore *self, const char *key)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self, "SELECT value FROM meta WHERE key = ?1;", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = col_text (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gboolean
xb_store_set_meta (XbStore *self, const char *key, const char *value, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO meta (key, value) VALUES (?1, ?2)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value;", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  bind_text (stmt, 2, value);
  return step_done (self, stmt, error);
}

XbUser *
xb_store_dup_signed_in_user (XbStore *self)
{
  g_autofree char *id = xb_store_get_meta (self, "user_id");
  guint64 value;

  if (id == NULL || !g_ascii_string_to_unsigned (id, 10, 1, G_MAXINT64, &value, NULL))
    return NULL;
  return xb_store_get_user (self, (gint64) value, NULL);
}

/* ---- units ---------------------------------------------------------------- */

#define UNIT_COLUMNS "id, name, kind, parent_id, monthly_quota, retired"

static XbUnit *
read_unit (sqlite3_stmt *stmt)
{
  XbUnit *unit = xb_unit_new ();

  unit->id = sqlite3_column_int64 (stmt, 0);
  unit->name = col_text (stmt, 1);
  xb_unit_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &unit->kind);
  unit->parent_id = sqlite3_column_int64 (stmt, 3);
  unit->monthly_quota = sqlite3_column_int (stmt, 4);
  unit->retired = sqlite3_column_int (stmt, 5) != 0;
  return unit;
}

static gboolean
put_unit_row (XbStore *self, XbUnit *unit, GError **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO units (id, name, kind, parent_id, monthly_quota, retired)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    " ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,"
    "  parent_id = excluded.parent_id, monthly_quota = excluded.monthly_quota,"
    "  retired = excluded.retired;", error);

  if (stmt == NULL)
    return FALSE;
  bind_opt (stmt, 1, unit->id);
  bind_text (stmt, 2, unit->name);
  bind_text (stmt, 3, xb_unit_kind_to_string (unit->kind));
  bind_opt (stmt, 4, unit->parent_id);
  sqlite3_bind_int (stmt, 5, unit->monthly_quota);
  sqlite3_bind_int (stmt, 6, unit->retired);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (unit->id == 0)
    unit->id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

gboolean
xb_store_put_unit (XbStore *self, XbUnit *unit, GError **error)
{
  gboolean ok;

  TX_BEGIN (self, error);
  ok = put_unit_row (self, unit, error) && xb_store_touch_id (self, XB_CHANGE_UNIT, unit->id, error);
  return TX_END (self, ok, error);
}

XbUnit *
xb_store_get_unit (XbStore *self, gint64 id, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self, "SELECT " UNIT_COLUMNS " FROM units WHERE id = ?1;", error);
  XbUnit *unit = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    unit = read_unit (stmt);
  else
    g_set_error (error, XB_ERROR, XB_ERROR_NOT_FOUND, _("There is no unit %" PRId64 "."), id);
  sqlite3_reset (stmt);
  return unit;
}

GPtrArray *
xb_store_list_units (XbStore *self, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT " UNIT_COLUMNS " FROM units ORDER BY"
    " CASE kind WHEN 'office' THEN 0 WHEN 'county' THEN 1 WHEN 'department' THEN 2"
    "  WHEN 'provincial' THEN 3 WHEN 'liaison' THEN 4 WHEN 'enterprise' THEN 5 ELSE 6 END,"
    " id;", error);
  GPtrArray *units;

  if (stmt == NULL)
    return NULL;
  units = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_unit_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (units, read_unit (stmt));
  sqlite3_reset (stmt);
  return units;
}

GHashTable *
xb_store_unit_names (XbStore *self, GError **error)
{
  g_autoptr(GPtrArray) units = xb_store_list_units (self, error);
  GHashTable *names;

  if (units == NULL)
    return NULL;
  names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < units->len; i++)
    {
      XbUnit *unit = units->pdata[i];
      g_hash_table_insert (names, g_memdup2 (&unit->id, sizeof unit->id), g_strdup (unit->name));
    }
  return names;
}

gboolean
xb_store_unit_has_leader (XbStore *self, gint64 unit_id)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT EXISTS (SELECT 1 FROM users u JOIN user_roles r ON r.user_id = u.id"
    " WHERE u.unit_id = ?1 AND r.role = 'unit_leader' AND u.disabled = 0);", NULL);
  gboolean has = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    has = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return has;
}

/* ---- users ---------------------------------------------------------------- */

#define USER_SELECT \
  "SELECT u.id, u.username, u.display_name, u.unit_id, u.disabled," \
  " (SELECT group_concat(role) FROM user_roles r WHERE r.user_id = u.id) FROM users u "

static XbUser *
read_user (sqlite3_stmt *stmt)
{
  XbUser *user = xb_user_new ();
  const char *roles = (const char *) sqlite3_column_text (stmt, 5);

  user->id = sqlite3_column_int64 (stmt, 0);
  user->username = col_text (stmt, 1);
  user->display_name = col_text (stmt, 2);
  user->unit_id = sqlite3_column_int64 (stmt, 3);
  user->disabled = sqlite3_column_int (stmt, 4) != 0;
  xb_roles_from_string (roles ? roles : "", &user->roles);
  return user;
}

static gboolean
put_roles (XbStore *self, const XbUser *user, GError **error)
{
  sqlite3_stmt *del = prepare (self, "DELETE FROM user_roles WHERE user_id = ?1;", error);
  sqlite3_stmt *ins;

  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, user->id);
  if (!step_done (self, del, error))
    return FALSE;
  if ((ins = prepare (self, "INSERT INTO user_roles (user_id, role) VALUES (?1, ?2);", error)) == NULL)
    return FALSE;
  for (int r = 0; r < XB_N_ROLES; r++)
    {
      if (!(user->roles & XB_ROLE_BIT (r)))
        continue;
      sqlite3_reset (ins);
      sqlite3_bind_int64 (ins, 1, user->id);
      bind_text (ins, 2, xb_role_to_string (r));
      if (!step_done (self, ins, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
put_user_row (XbStore *self, XbUser *user, const char *password_hash, GError **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO users (id, username, display_name, unit_id, password_hash, disabled)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    " ON CONFLICT (id) DO UPDATE SET username = excluded.username,"
    "  display_name = excluded.display_name, unit_id = excluded.unit_id,"
    "  password_hash = coalesce(excluded.password_hash, users.password_hash),"
    "  disabled = excluded.disabled;", error);

  if (stmt == NULL)
    return FALSE;
  bind_opt (stmt, 1, user->id);
  bind_text (stmt, 2, user->username);
  bind_text (stmt, 3, user->display_name);
  sqlite3_bind_int64 (stmt, 4, user->unit_id);
  bind_text (stmt, 5, password_hash);
  sqlite3_bind_int (stmt, 6, user->disabled);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (user->id == 0)
    user->id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

gboolean
xb_store_put_user (XbStore *self, XbUser *user, const char *password_hash, GError **error)
{
  gboolean ok;

  TX_BEGIN (self, error);
  ok = put_user_row (self, user, password_hash, error) && put_roles (self, user, error)
       && xb_store_touch_id (self, XB_CHANGE_USER, user->id, error);
  return TX_END (self, ok, error);
}

static XbUser *
get_user_where (XbStore *self, const char *sql, gint64 id, const char *name, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self, sql, error);
  XbUser *user = NULL;

  if (stmt == NULL)
    return NULL;
  if (name != NULL)
    bind_text (stmt, 1, name);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    user = read_user (stmt);
  else
    g_set_error (error, XB_ERROR, XB_ERROR_NOT_FOUND, _("There is no such user."));
  sqlite3_reset (stmt);
  return user;
}

XbUser *
xb_store_get_user (XbStore *self, gint64 id, GError **error)
{
  return get_user_where (self, USER_SELECT "WHERE u.id = ?1;", id, NULL, error);
}

XbUser *
xb_store_find_user (XbStore *self, const char *username, GError **error)
{
  g_return_val_if_fail (username != NULL, NULL);
  return get_user_where (self, USER_SELECT "WHERE u.username = ?1;", 0, username, error);
}

GPtrArray *
xb_store_list_users (XbStore *self, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self, USER_SELECT "ORDER BY u.unit_id, u.id;", error);
  GPtrArray *users;

  if (stmt == NULL)
    return NULL;
  users = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_user_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (users, read_user (stmt));
  sqlite3_reset (stmt);
  return users;
}

char *
xb_store_get_password_hash (XbStore *self, gint64 user_id)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self, "SELECT password_hash FROM users WHERE id = ?1;", NULL);
  char *hash = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    hash = col_text (stmt, 0);
  sqlite3_reset (stmt);
  return hash;
}

/* ---- roster --------------------------------------------------------------- */

gboolean
xb_store_add_roster (XbStore *self, gint64 unit_id, gint64 user_id, XbPost post,
                     gint64 starts, gint64 ends, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO roster_entries (unit_id, user_id, post, starts, ends)"
    " VALUES (?1, ?2, ?3, ?4, ?5);", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  sqlite3_bind_int64 (stmt, 2, user_id);
  bind_text (stmt, 3, post == XB_POST_LEADER ? "leader" : "officer");
  sqlite3_bind_int64 (stmt, 4, starts);
  bind_opt (stmt, 5, ends);
  return step_done (self, stmt, error) && xb_store_touch_roster (self, unit_id, error);
}

GArray *
xb_store_roster_at (XbStore *self, gint64 unit_id, XbPost post, gint64 at, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT user_id FROM roster_entries WHERE unit_id = ?1 AND post = ?2"
    " AND starts <= ?3 AND (ends IS NULL OR ends > ?3) ORDER BY starts, id;", error);
  GArray *ids;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  bind_text (stmt, 2, post == XB_POST_LEADER ? "leader" : "officer");
  sqlite3_bind_int64 (stmt, 3, at);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return ids;
}

/* ---- items ---------------------------------------------------------------- */

#define ITEM_COLUMNS \
  "items.uuid, items.unit_id, items.author_id, items.title, items.body, items.category," \
  " items.type, items.angle, items.importance, items.urgent, items.event_at, items.for_mayor," \
  " items.state, items.revision, items.signoff_chain, items.signoff_step, items.holder_id," \
  " items.merged_into, items.request_id, items.created_at, items.updated_at," \
  " items.submitted_at, items.adopted_at, items.publication_id"

static XbItem *
read_item (sqlite3_stmt *stmt)
{
  XbItem *item = xb_item_new ();

  item->uuid = col_text (stmt, 0);
  item->unit_id = sqlite3_column_int64 (stmt, 1);
  item->author_id = sqlite3_column_int64 (stmt, 2);
  item->title = col_text (stmt, 3);
  item->body = col_text (stmt, 4);
  item->category = col_text (stmt, 5);
  xb_item_type_from_string ((const char *) sqlite3_column_text (stmt, 6), &item->type);
  xb_angle_from_string ((const char *) sqlite3_column_text (stmt, 7), &item->angle);
  xb_importance_from_string ((const char *) sqlite3_column_text (stmt, 8), &item->importance);
  item->urgent = sqlite3_column_int (stmt, 9) != 0;
  item->event_at = sqlite3_column_int64 (stmt, 10);
  item->for_mayor = sqlite3_column_int (stmt, 11) != 0;
  xb_state_from_string ((const char *) sqlite3_column_text (stmt, 12), &item->state);
  item->revision = sqlite3_column_int (stmt, 13);
  item->signoff_chain = col_text (stmt, 14);
  item->signoff_step = sqlite3_column_int (stmt, 15);
  item->holder_id = sqlite3_column_int64 (stmt, 16);
  item->merged_into = col_text (stmt, 17);
  item->request_id = sqlite3_column_int64 (stmt, 18);
  item->created_at = sqlite3_column_int64 (stmt, 19);
  item->updated_at = sqlite3_column_int64 (stmt, 20);
  item->submitted_at = sqlite3_column_int64 (stmt, 21);
  item->adopted_at = sqlite3_column_int64 (stmt, 22);
  item->publication_id = sqlite3_column_int64 (stmt, 23);
  return item;
}

static void
bind_item (sqlite3_stmt *stmt, const XbItem *item)
{
  bind_text (stmt, 1, item->uuid);
  sqlite3_bind_int64 (stmt, 2, item->unit_id);
  sqlite3_bind_int64 (stmt, 3, item->author_id);
  bind_text (stmt, 4, item->title);
  bind_text (stmt, 5, item->body ? item->body : "");
  bind_text (stmt, 6, item->category ? item->category : "");
  bind_text (stmt, 7, xb_item_type_to_string (item->type));
  bind_text (stmt, 8, xb_angle_to_string (item->angle));
  bind_text (stmt, 9, xb_importance_to_string (item->importance));
  sqlite3_bind_int (stmt, 10, item->urgent);
  bind_opt (stmt, 11, item->event_at);
  sqlite3_bind_int (stmt, 12, item->for_mayor);
  bind_text (stmt, 13, xb_state_to_string (item->state));
  sqlite3_bind_int (stmt, 14, item->revision);
  bind_text (stmt, 15, item->signoff_chain);
  sqlite3_bind_int (stmt, 16, item->signoff_step);
  bind_opt (stmt, 17, item->holder_id);
  bind_text (stmt, 18, item->merged_into);
  bind_opt (stmt, 19, item->request_id);
  sqlite3_bind_int64 (stmt, 20, item->created_at);
  sqlite3_bind_int64 (stmt, 21, item->updated_at);
  bind_opt (stmt, 22, item->submitted_at);
  bind_opt (stmt, 23, item->adopted_at);
  bind_opt (stmt, 24, item->publication_id);
}

static gboolean
put_item_row (XbStore *self, const XbItem *item, GError **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO items (uuid, unit_id, author_id, title, body, category, type, angle,"
    "  importance, urgent, event_at, for_mayor, state, revision, signoff_chain,"
    "  signoff_step, holder_id, merged_into, request_id, created_at, updated_at,"
    "  submitted_at, adopted_at, publication_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
    "  ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)"
    " ON CONFLICT (uuid) DO UPDATE SET unit_id = excluded.unit_id,"
    "  author_id = excluded.author_id, title = excluded.title, body = excluded.body,"
    "  category = excluded.category, type = excluded.type, angle = excluded.angle,"
    "  importance = excluded.importance, urgent = excluded.urgent,"
    "  event_at = excluded.event_at, for_mayor = excluded.for_mayor,"
    "  state = excluded.state, revision = excluded.revision,"
    "  signoff_chain = excluded.signoff_chain, signoff_step = excluded.signoff_step,"
    "  holder_id = excluded.holder_id, merged_into = excluded.merged_into,"
    "  request_id = excluded.request_id, created_at = excluded.created_at,"
    "  updated_at = excluded.updated_at, submitted_at = excluded.submitted_at,"
    "  adopted_at = excluded.adopted_at, publication_id = excluded.publication_id;", error);

  if (stmt == NULL)
    return FALSE;
  bind_item (stmt, item);
  return step_done (self, stmt, error);
}

static gboolean
event_matches (sqlite3_stmt *stmt, const char *item_uuid, int seq, const XbEvent *e)
{
  return g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), item_uuid) == 0
      && sqlite3_column_int (stmt, 1) == seq
      && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), xb_action_to_string (e->action)) == 0
      && sqlite3_column_int64 (stmt, 3) == e->actor_id
      && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), xb_role_to_string (e->role)) == 0
      && sqlite3_column_int64 (stmt, 5) == e->at
      && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 6), xb_state_to_string (e->from)) == 0
      && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 7), xb_state_to_string (e->to)) == 0
      && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 8), e->comment) == 0;
}

/* -1 on error, 0 when new, 1 when the same event is already stored. */
static int
find_event (XbStore *self, const char *item_uuid, int seq, const XbEvent *e, GError **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "SELECT item_uuid, seq, action, actor_id, role, at, from_state, to_state, comment"
    " FROM item_events WHERE id = ?1;", error);
  int found = 0;

  if (stmt == NULL)
    return -1;
  bind_text (stmt, 1, e->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = 1;
      if (!event_matches (stmt, item_uuid, seq, e))
        {
          found = -1;
          g_set_error (error, XB_ERROR, XB_ERROR_CONFLICT,
                       _("Event %s is already recorded with other content."), e->id);
        }
    }
  sqlite3_reset (stmt);
  return found;
}

static gboolean
insert_event (XbStore *self, const char *item_uuid, int seq, const XbEvent *e, GError **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO item_events (id, item_uuid, seq, action, actor_id, role, at,"
    "  from_state, to_state, comment, title, body)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12);", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, e->id);
  bind_text (stmt, 2, item_uuid);
  sqlite3_bind_int (stmt, 3, seq);
  bind_text (stmt, 4, xb_action_to_string (e->action));
  sqlite3_bind_int64 (stmt, 5, e->actor_id);
  bind_text (stmt, 6, xb_role_to_string (e->role));
  sqlite3_bind_int64 (stmt, 7, e->at);
  bind_text (stmt, 8, xb_state_to_string (e->from));
  bind_text (stmt, 9, xb_state_to_string (e->to));
  bind_text (stmt, 10, e->comment);
  bind_text (stmt, 11, e->title);
  bind_text (stmt, 12, e->body);
  return step_done (self, stmt, error);
}

static gboolean
put_events (XbStore *self, const XbItem *item, GError **error)
{
  for (guint i = 0; i < item->events->len; i++)
    {
      const XbEvent *e = item->events->pdata[i];
      int found = find_event (self, item->uuid, (int) i + 1, e, error);

      if (found < 0)
        return FALSE;
      if (found == 0 && !insert_event (self, item->uuid, (int) i + 1, e, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
xb_store_put_item (XbStore *self, const XbItem *item, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (item != NULL && item->uuid != NULL, FALSE);
  TX_BEGIN (self, error);
  ok = put_item_row (self, item, error) && put_events (self, item, error)
       && (item->attachments == NULL || xb_store_set_attachments (self, item->uuid, item->attachments, error))
       && xb_store_touch_item (self, item, error);
  return TX_END (self, ok, error);
}

static void
load_events (XbStore *self, XbItem *item)
{
  sqlite3_stmt *stmt = prepare (self,
    "SELECT id, action, actor_id, role, at, from_state, to_state, comment, title, body"
    " FROM item_events WHERE item_uuid = ?1 ORDER BY seq;", NULL);

  if (stmt == NULL)
    return;
  bind_text (stmt, 1, item->uuid);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      XbEvent *e = xb_event_new ();
      e->id = col_text (stmt, 0);
      xb_action_from_string ((const char *) sqlite3_column_text (stmt, 1), &e->action);
      e->actor_id = sqlite3_column_int64 (stmt, 2);
      xb_role_from_string ((const char *) sqlite3_column_text (stmt, 3), &e->role);
      e->at = sqlite3_column_int64 (stmt, 4);
      xb_state_from_string ((const char *) sqlite3_column_text (stmt, 5), &e->from);
      xb_state_from_string ((const char *) sqlite3_column_text (stmt, 6), &e->to);
      e->comment = col_text (stmt, 7);
      e->title = col_text (stmt, 8);
      e->body = col_text (stmt, 9);
      g_ptr_array_add (item->events, e);
    }
  sqlite3_reset (stmt);
}

static void
load_adoptions (XbStore *self, XbItem *item)
{
  sqlite3_stmt *stmt = prepare (self,
    "SELECT publication_id, issue_id, level, at FROM adoptions WHERE item_uuid = ?1 ORDER BY at, id;", NULL);

  if (stmt == NULL)
    return;
  bind_text (stmt, 1, item->uuid);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      XbAdoption a = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), XB_LEVEL_CITY,
                       sqlite3_column_int64 (stmt, 3) };
      xb_level_from_string ((const char *) sqlite3_column_text (stmt, 2), &a.level);
      g_array_append_val (item->adoptions, a);
    }
  sqlite3_reset (stmt);
}

static void
load_instructions (XbStore *self, XbItem *item)
{
  sqlite3_stmt *stmt = prepare (self,
    "SELECT id, leader, level, text, at, followup FROM instructions WHERE item_uuid = ?1 ORDER BY at, id;", NULL);

  if (stmt == NULL)
    return;
  bind_text (stmt, 1, item->uuid);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      XbInstruction *n = xb_instruction_new ();
      n->id = sqlite3_column_int64 (stmt, 0);
      n->leader = col_text (stmt, 1);
      xb_level_from_string ((const char *) sqlite3_column_text (stmt, 2), &n->level);
      n->text = col_text (stmt, 3);
      n->at = sqlite3_column_int64 (stmt, 4);
      xb_followup_from_string ((const char *) sqlite3_column_text (stmt, 5), &n->followup);
      g_ptr_array_add (item->instructions, n);
    }
  sqlite3_reset (stmt);
}

/* Adoptions and instructions come with a full item (not with list rows). */
static void
load_outcomes (XbStore *self, XbItem *item)
{
  load_adoptions (self, item);
  load_instructions (self, item);
}

XbItem *
xb_store_get_item (XbStore *self, const char *uuid, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self, "SELECT " ITEM_COLUMNS " FROM items WHERE uuid = ?1;", error);
  XbItem *item = NULL;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, uuid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    item = read_item (stmt);
  sqlite3_reset (stmt);
  if (item == NULL)
    {
      g_set_error (error, XB_ERROR, XB_ERROR_NOT_FOUND, _("There is no item %s."), uuid);
      return NULL;
    }
  load_events (self, item);
  load_outcomes (self, item);
  item->attachments = xb_store_list_attachments (self, item->uuid, NULL);
  return item;
}

/* ---- item queries ------------------------------------------------------------ */

void
xb_item_query_init (XbItemQuery *query)
{
  memset (query, 0, sizeof *query);
  query->state = -1;
  query->type = -1;
  query->sort = XB_ITEM_SORT_SUBMITTED;
  query->descending = TRUE;
}

static const char *
sort_expression (XbItemSort sort)
{
  switch (sort)
    {
    case XB_ITEM_SORT_TITLE: return "items.title";
    case XB_ITEM_SORT_UNIT: return "(SELECT name FROM units WHERE units.id = items.unit_id)";
    case XB_ITEM_SORT_STATE:
      return "CASE items.state WHEN 'draft' THEN 1 WHEN 'unit_review' THEN 2"
             " WHEN 'returned' THEN 3 WHEN 'submitted' THEN 4 WHEN 'editing' THEN 5"
             " WHEN 'signoff' THEN 6 WHEN 'adopted' THEN 7 WHEN 'merged' THEN 8 ELSE 9 END";
    case XB_ITEM_SORT_IMPORTANCE:
      return "CASE items.importance WHEN 'general' THEN 0 WHEN 'major' THEN 1 ELSE 2 END";
    case XB_ITEM_SORT_UPDATED: return "items.updated_at";
    case XB_ITEM_SORT_SUBMITTED:
    default:
      return "coalesce(items.submitted_at, items.created_at)";
    }
}

/* The trigram index needs three characters; shorter searches (many Chinese
 * words are two) scan with instr(). */
static gboolean
search_uses_index (const char *search)
{
  return g_utf8_strlen (search, -1) >= 3;
}

static char *
fts_phrase (const char *search)
{
  g_autoptr(GString) s = g_string_new ("\"");

  for (const char *p = search; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
has_search (const XbItemQuery *query)
{
  return query->search != NULL && *query->search != '\0';
}

/* The wire names are plain words, so they go into the SQL text: each set
 * of states is its own prepared statement. */
static void
append_states (GString *w,
               guint32  states)
{
  const char *sep = "";

  g_string_append (w, " AND items.state IN (");
  for (int s = 0; s < XB_N_STATES; s++)
    if (states & (1u << s))
      {
        g_string_append_printf (w, "%s'%s'", sep, xb_state_to_string (s));
        sep = ", ";
      }
  g_string_append (w, sep[0] ? ")" : "NULL)");
}

/* A common term has thousands of matches: ordering every one of them before
 * the first page costs more than walking the list's time index newest first
 * and probing each row against the matches, which stops after a page
 * (bench/search.sh: 620 ms against 17 ms for 100,000 matches in 1M items). */
#define SEARCH_WALK_MATCHES 2000

/* With @walk the rowid test is kept off the rowid lookup ("+") so that the
 * planner walks the order's index instead. */
static char *
query_where (const XbItemQuery *query, gboolean walk)
{
  GString *w = g_string_new (" WHERE 1");

  if (has_search (query) && !search_uses_index (query->search))
    g_string_append (w, " AND (instr(items.title, ?1) > 0 OR instr(items.body, ?1) > 0)");
  else if (has_search (query))
    g_string_append_printf (w, " AND %sitems.rowid IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?1)",
                            walk ? "+" : "");
  if (query->unit_id != 0)
    g_string_append (w, " AND items.unit_id = ?2");
  if (query->state >= 0)
    g_string_append (w, " AND items.state = ?3");
  if (query->states != 0)
    append_states (w, query->states);
  if (query->type >= 0)
    g_string_append (w, " AND items.type = ?6");
  if (query->category != NULL)
    g_string_append (w, " AND items.category = ?7");
  if (query->from != 0)
    g_string_append (w, " AND items.submitted_at >= ?8");
  if (query->to != 0)
    g_string_append (w, " AND items.submitted_at < ?9");
  return g_string_free (w, FALSE);
}

static void
bind_query (sqlite3_stmt *stmt, const XbItemQuery *query)
{
  if (has_search (query))
    {
      g_autofree char *phrase = search_uses_index (query->search) ? fts_phrase (query->search) : NULL;
      bind_text (stmt, 1, phrase ? phrase : query->search);
    }
  if (query->unit_id != 0)
    sqlite3_bind_int64 (stmt, 2, query->unit_id);
  if (query->state >= 0)
    bind_text (stmt, 3, xb_state_to_string (query->state));
  if (query->type >= 0)
    bind_text (stmt, 6, xb_item_type_to_string (query->type));
  if (query->category != NULL)
    bind_text (stmt, 7, query->category);
  if (query->from != 0)
    sqlite3_bind_int64 (stmt, 8, query->from);
  if (query->to != 0)
    sqlite3_bind_int64 (stmt, 9, query->to);
}

static guint
count_rows (XbStore *self, const char *sql, const XbItemQuery *query, GError **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  bind_query (stmt, query);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  else
    db_error (self, error);
  sqlite3_reset (stmt);
  return n;
}

/* The index's own count of the search's matches (it holds every item). */
static guint
count_matches (XbStore *self, const XbItemQuery *query, GError **error)
{
  return count_rows (self, "SELECT count(*) FROM items_fts WHERE items_fts MATCH ?1;", query, error);
}

static gboolean
only_search (const XbItemQuery *query)
{
  return query->unit_id == 0 && query->state < 0 && query->states == 0 && query->type < 0
         && query->category == NULL && query->from == 0 && query->to == 0;
}

guint
xb_store_count_items (XbStore *self, const XbItemQuery *query, GError **error)
{
  LOCKED (self);
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;

  if (has_search (query) && search_uses_index (query->search) && only_search (query))
    return count_matches (self, query, error);
  where = query_where (query, FALSE);
  sql = g_strconcat ("SELECT count(*) FROM items", where, ";", NULL);
  return count_rows (self, sql, query, error);
}

/* Walk the time index when the page is in its order and the matches many. */
static gboolean
search_walks (XbStore *self, const XbItemQuery *query)
{
  return has_search (query) && search_uses_index (query->search)
         && g_str_equal (sort_expression (query->sort), sort_expression (XB_ITEM_SORT_SUBMITTED))
         && count_matches (self, query, NULL) >= SEARCH_WALK_MATCHES;
}

GPtrArray *
xb_store_list_items (XbStore *self, const XbItemQuery *query, guint offset, guint limit,
                     GError **error)
{
  LOCKED (self);
  g_autofree char *where = query_where (query, search_walks (self, query));
  const char *dir = query->descending ? "DESC" : "ASC";
  g_autofree char *sql = g_strdup_printf ("SELECT " ITEM_COLUMNS " FROM items%s"
                                          " ORDER BY %s %s, items.uuid %s LIMIT ?4 OFFSET ?5;",
                                          where, sort_expression (query->sort), dir, dir);
  sqlite3_stmt *stmt = prepare (self, sql, error);
  GPtrArray *items;
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_query (stmt, query);
  sqlite3_bind_int64 (stmt, 4, limit);
  sqlite3_bind_int64 (stmt, 5, offset);
  items = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_item_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, read_item (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      db_error (self, error);
      g_clear_pointer (&items, g_ptr_array_unref);
    }
  return items;
}

/* ---- policy ---------------------------------------------------------------- */

gboolean
xb_store_get_policy (XbStore *self, XbPolicy *out, GError **error)
{
  return xb_store_get_policy_at (self, g_get_real_time () / G_USEC_PER_SEC, out, error);
}

gboolean
xb_store_get_policy_at (XbStore *self, gint64 when, XbPolicy *out, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT body FROM policies WHERE effective_from <= ?1"
    " ORDER BY effective_from DESC, id DESC LIMIT 1;", error);
  g_autofree char *body = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, when);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    body = col_text (stmt, 0);
  sqlite3_reset (stmt);
  if (body == NULL)
    {
      xb_policy_init_defaults (out);
      return TRUE;
    }
  return xb_policy_from_json (body, out, error);
}

static gboolean
insert_policy (XbStore *self, const XbPolicy *policy, gint64 changed_by,
               gint64 effective_from, GError **error)
{
  g_autofree char *body = xb_policy_to_json (policy);
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO policies (body, changed_by, changed_at, effective_from)"
    " VALUES (?1, ?2, ?3, ?4);", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, body);
  bind_opt (stmt, 2, changed_by);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 4, effective_from);
  return step_done (self, stmt, error);
}

gboolean
xb_store_set_policy (XbStore *self, const XbPolicy *policy, gint64 changed_by,
                     gint64 effective_from, GError **error)
{
  gboolean ok;

  TX_BEGIN (self, error);
  ok = insert_policy (self, policy, changed_by, effective_from, error)
       && xb_store_touch (self, XB_CHANGE_POLICY, "current", 0, FALSE, error);
  return TX_END (self, ok, error);
}

static gboolean
delete_policies_after (XbStore *self, gint64 when, GError **error)
{
  sqlite3_stmt *stmt = prepare (self, "DELETE FROM policies WHERE effective_from > ?1;", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, when);
  return step_done (self, stmt, error);
}

gboolean
xb_store_replace_upcoming_policies (XbStore *self, const XbPolicy *in_force, gint64 now,
                                    const XbPolicy *upcoming, const gint64 *effective_from,
                                    guint n_upcoming, GError **error)
{
  gboolean ok;

  TX_BEGIN (self, error);
  ok = delete_policies_after (self, now, error)
       && insert_policy (self, in_force, 0, now, error);
  for (guint i = 0; ok && i < n_upcoming; i++)
    ok = insert_policy (self, &upcoming[i], 0, MAX (effective_from[i], now + 1), error);
  ok = ok && xb_store_touch (self, XB_CHANGE_POLICY, "current", 0, FALSE, error);
  return TX_END (self, ok, error);
}

/* ---- reporting priorities ---------------------------------------------------- */

static gint64
insert_returning_id (XbStore *self, sqlite3_stmt *stmt, GError **error)
{
  if (!step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

static gint64
insert_priority (XbStore *self, const char *title, int position, GError **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO priorities (title, position) VALUES (?1, ?2);", error);

  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, title);
  sqlite3_bind_int (stmt, 2, position);
  return insert_returning_id (self, stmt, error);
}

gint64
xb_store_add_priority (XbStore *self, const char *title, int position, GError **error)
{
  gint64 id;

  if (!xb_store_begin (self, error))
    return 0;
  id = insert_priority (self, title, position, error);
  if (id == 0 || !xb_store_touch (self, XB_CHANGE_PRIORITIES, "all", 0, FALSE, error))
    {
      xb_store_rollback (self);
      return 0;
    }
  return xb_store_commit (self, error) ? id : 0;
}

GStrv
xb_store_list_priorities (XbStore *self, gboolean active_only, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT title FROM priorities WHERE active = 1 OR ?1 = 0 ORDER BY position, id;", error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, active_only);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return g_strv_builder_end (builder);
}

/* ---- publications, adoptions, instructions ----------------------------------- */


static gint64
insert_publication (XbStore *self, const char *name, const char *code, GError **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO publications (name, code) VALUES (?1, ?2);", error);

  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, name);
  bind_text (stmt, 2, code);
  return insert_returning_id (self, stmt, error);
}

/* No periodical but @id holds @name or @code: else a conflict in plain
 * words rather than SQLite's constraint message. */
static gboolean
check_publication_free (XbStore *self, gint64 id, const char *name, const char *code, GError **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "SELECT name, code FROM publications WHERE id != ?1 AND (name = ?2 OR code = ?3)"
    " ORDER BY name = ?2 DESC LIMIT 1;", error);
  g_autofree char *other = NULL;
  gboolean same_name = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, name);
  bind_text (stmt, 3, code);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      other = col_text (stmt, 0);
      same_name = g_strcmp0 (other, name) == 0;
    }
  sqlite3_reset (stmt);
  if (other == NULL)
    return TRUE;
  if (same_name)
    g_set_error (error, XB_ERROR, XB_ERROR_CONFLICT, _("A periodical named “%s” already exists."), name);
  else
    g_set_error (error, XB_ERROR, XB_ERROR_CONFLICT, _("The code “%s” is already used by %s."), code, other);
  return FALSE;
}

gint64
xb_store_add_publication (XbStore *self, const char *name, const char *code, GError **error)
{
  gint64 id;

  if (!xb_store_begin (self, error))
    return 0;
  id = check_publication_free (self, 0, name, code, error) ? insert_publication (self, name, code, error) : 0;
  if (id == 0 || !xb_store_touch_id (self, XB_CHANGE_PUBLICATION, id, error))
    {
      xb_store_rollback (self);
      return 0;
    }
  return xb_store_commit (self, error) ? id : 0;
}

static gboolean
update_publication_row (XbStore *self, const XbPublication *p, GError **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "UPDATE publications SET name = ?2, code = ?3, retired = ?4 WHERE id = ?1;", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->id);
  bind_text (stmt, 2, p->name);
  bind_text (stmt, 3, p->code);
  sqlite3_bind_int (stmt, 4, p->retired ? 1 : 0);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return g_set_error (error, XB_ERROR, XB_ERROR_NOT_FOUND, _("There is no periodical %lld."),
                        (long long) p->id), FALSE;
  return TRUE;
}

gboolean
xb_store_update_publication (XbStore *self, const XbPublication *publication, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (publication->id > 0 && publication->name != NULL && publication->code != NULL, FALSE);
  TX_BEGIN (self, error);
  ok = check_publication_free (self, publication->id, publication->name, publication->code, error)
       && update_publication_row (self, publication, error)
       && xb_store_touch_id (self, XB_CHANGE_PUBLICATION, publication->id, error);
  return TX_END (self, ok, error);
}

static gint64
insert_issue (XbStore *self, gint64 publication_id, int year, int number,
              gint64 published_at, GError **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO issues (publication_id, year, number, published_at, published)"
    " VALUES (?1, ?2, ?3, ?4, ?4 IS NOT NULL);", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, publication_id);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_int (stmt, 3, number);
  bind_opt (stmt, 4, published_at);
  return insert_returning_id (self, stmt, error);
}

gint64
xb_store_add_issue (XbStore *self, gint64 publication_id, int year, int number,
                    gint64 published_at, GError **error)
{
  gint64 id;

  if (!xb_store_begin (self, error))
    return 0;
  id = insert_issue (self, publication_id, year, number, published_at, error);
  if (id == 0 || !xb_store_touch_id (self, XB_CHANGE_ISSUE, id, error))
    {
      xb_store_rollback (self);
      return 0;
    }
  return xb_store_commit (self, error) ? id : 0;
}

gboolean
xb_store_add_adoption (XbStore *self, const char *item_uuid, gint64 publication_id,
                       gint64 issue_id, XbLevel level, gint64 at, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO adoptions (item_uuid, publication_id, issue_id, level, at)"
    " VALUES (?1, ?2, ?3, ?4, ?5);", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, item_uuid);
  bind_opt (stmt, 2, publication_id);
  bind_opt (stmt, 3, issue_id);
  bind_text (stmt, 4, xb_level_to_string (level));
  sqlite3_bind_int64 (stmt, 5, at);
  return step_done (self, stmt, error);
}

static guint
count_for_item (XbStore *self, const char *sql, const char *item_uuid)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self, sql, NULL);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, item_uuid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

guint
xb_store_count_adoptions (XbStore *self, const char *item_uuid)
{
  return count_for_item (self, "SELECT count(*) FROM adoptions WHERE item_uuid = ?1;", item_uuid);
}

gint64
xb_store_add_instruction (XbStore *self, const char *item_uuid, const char *leader,
                          XbLevel level, const char *text, gint64 at,
                          XbFollowup followup, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO instructions (item_uuid, leader, level, text, at, followup)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6);", error);

  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, item_uuid);
  bind_text (stmt, 2, leader);
  bind_text (stmt, 3, xb_level_to_string (level));
  bind_text (stmt, 4, text);
  sqlite3_bind_int64 (stmt, 5, at);
  bind_text (stmt, 6, xb_followup_to_string (followup));
  return insert_returning_id (self, stmt, error);
}

gboolean
xb_store_set_followup (XbStore *self, const char *item_uuid, gint64 instruction_id,
                       XbFollowup followup, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "UPDATE instructions SET followup = ?3 WHERE id = ?1 AND item_uuid = ?2"
    " AND (CASE followup WHEN 'received' THEN 0 WHEN 'handling' THEN 1 ELSE 2 END)"
    "   < (CASE ?3 WHEN 'received' THEN 0 WHEN 'handling' THEN 1 ELSE 2 END);", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, instruction_id);
  bind_text (stmt, 2, item_uuid);
  bind_text (stmt, 3, xb_followup_to_string (followup));
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return g_set_error (error, XB_ERROR, XB_ERROR_CONFLICT,
                        _("That instruction of this item is not there, or its follow-up is already past “%s”."),
                        xb_followup_label (followup)), FALSE;
  return TRUE;
}

static gboolean
exec_item (XbStore *self, const char *sql, const char *item_uuid, GError **error)
{
  sqlite3_stmt *stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, item_uuid);
  return step_done (self, stmt, error);
}

static gboolean
insert_instruction_row (XbStore *self, const char *item_uuid, const XbInstruction *n, GError **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "INSERT OR REPLACE INTO instructions (id, item_uuid, leader, level, text, at, followup)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, n->id);
  bind_text (stmt, 2, item_uuid);
  bind_text (stmt, 3, n->leader);
  bind_text (stmt, 4, xb_level_to_string (n->level));
  bind_text (stmt, 5, n->text);
  sqlite3_bind_int64 (stmt, 6, n->at);
  bind_text (stmt, 7, xb_followup_to_string (n->followup));
  return step_done (self, stmt, error);
}

static gboolean
replace_outcomes (XbStore *self, const XbItem *item, GError **error)
{
  if (!exec_item (self, "DELETE FROM adoptions WHERE item_uuid = ?1;", item->uuid, error)
      || !exec_item (self, "DELETE FROM instructions WHERE item_uuid = ?1;", item->uuid, error))
    return FALSE;
  for (guint i = 0; i < item->adoptions->len; i++)
    {
      const XbAdoption *a = &g_array_index (item->adoptions, XbAdoption, i);
      if (!xb_store_add_adoption (self, item->uuid, a->publication_id, a->issue_id, a->level, a->at, error))
        return FALSE;
    }
  for (guint i = 0; i < item->instructions->len; i++)
    if (!insert_instruction_row (self, item->uuid, item->instructions->pdata[i], error))
      return FALSE;
  return TRUE;
}

gboolean
xb_store_replace_outcomes (XbStore *self, const XbItem *item, GError **error)
{
  gboolean ok;

  TX_BEGIN (self, error);
  ok = replace_outcomes (self, item, error);
  return TX_END (self, ok, error);
}

guint
xb_store_count_instructions (XbStore *self, const char *item_uuid)
{
  return count_for_item (self, "SELECT count(*) FROM instructions WHERE item_uuid = ?1;", item_uuid);
}

/* ---- commissioned requests and attachments ------------------------------------ */

gint64
xb_store_add_request (XbStore *self, const char *topic, gint64 deadline, gint64 created_by,
                      GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO requests (topic, deadline, created_by) VALUES (?1, ?2, ?3);", error);

  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, topic);
  sqlite3_bind_int64 (stmt, 2, deadline);
  bind_opt (stmt, 3, created_by);
  return insert_returning_id (self, stmt, error);
}

gboolean
xb_store_add_request_unit (XbStore *self, gint64 request_id, gint64 unit_id, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO request_units (request_id, unit_id) VALUES (?1, ?2);", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request_id);
  sqlite3_bind_int64 (stmt, 2, unit_id);
  return step_done (self, stmt, error);
}

gboolean
xb_store_add_attachment (XbStore *self, const char *item_uuid, const char *sha256,
                         const char *filename, gint64 size, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO attachments (item_uuid, sha256, filename, size) VALUES (?1, ?2, ?3, ?4);", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, item_uuid);
  bind_text (stmt, 2, sha256);
  bind_text (stmt, 3, filename);
  sqlite3_bind_int64 (stmt, 4, size);
  return step_done (self, stmt, error);
}
