/* A damaged client store: detect it, keep a copy aside, salvage unsent work into a fresh store. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "xb-store-private.h"
#include "xb-store-rescue.h"

static const char *const store_suffixes[] = { "", "-wal", "-shm" };

void
xb_store_rescue_clear (XbStoreRescue *rescue)
{
  g_clear_pointer (&rescue->kept_path, g_free);
  rescue->n_outbox = rescue->n_items = 0;
  rescue->account = FALSE;
}

gboolean
xb_store_quick_check (XbStore *self, gint64 max_bytes, GError **error)
{
  GStatBuf st;
  LOCKED (self);
  sqlite3_stmt *stmt;
  g_autofree char *result = NULL;
  int rc;

  if (g_stat (self->path, &st) != 0 || (gint64) st.st_size > max_bytes)
    return TRUE;
  stmt = prepare (self, "PRAGMA quick_check(1);", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    result = col_text (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return db_error (self, error);
  if (g_strcmp0 (result, "ok") != 0)
    return g_set_error (error, XB_ERROR, XB_ERROR_CORRUPT,
                        _("The database is damaged: %s"), result ? result : "?"), FALSE;
  return TRUE;
}

static char *
move_aside (const char *path, GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *kept = g_strdup_printf ("%s.damaged-%s", path, stamp);

  for (guint i = 0; i < G_N_ELEMENTS (store_suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, store_suffixes[i], NULL);
      g_autofree char *to = g_strconcat (kept, store_suffixes[i], NULL);
      int saved_errno;

      if (!g_file_test (from, G_FILE_TEST_EXISTS) || g_rename (from, to) == 0)
        continue;
      saved_errno = errno;
      return g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                          _("Could not move the damaged database aside to “%s”: %s"),
                          to, g_strerror (saved_errno)), NULL;
    }
  return g_steal_pointer (&kept);
}

/* Runs one salvage statement; damage in the old file makes it fail, which
 * only means less was saved. */
static int
salvage (XbStore *self, const char *sql)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_debug ("Salvage failed (%s): %s", sql, sqlite3_errmsg (self->db));
      return 0;
    }
  return sqlite3_changes (self->db);
}

static void
salvage_all (XbStore *self, XbStoreRescue *rescue)
{
  int n_meta;

  n_meta = salvage (self, "INSERT OR REPLACE INTO main.meta (key, value) "
                          "SELECT key, value FROM old.meta "
                          "WHERE key IN ('token', 'server_url', 'username', 'user_id');");
  rescue->account = n_meta > 0;
  salvage (self, "INSERT OR IGNORE INTO main.units SELECT * FROM old.units;");
  salvage (self, "INSERT OR IGNORE INTO main.users SELECT * FROM old.users;");
  salvage (self, "INSERT OR IGNORE INTO main.user_roles SELECT * FROM old.user_roles;");
  rescue->n_items = salvage (self, "INSERT OR IGNORE INTO main.items SELECT * FROM old.items "
                                   "WHERE uuid IN (SELECT item_uuid FROM old.outbox);");
  salvage (self, "INSERT OR IGNORE INTO main.item_events SELECT * FROM old.item_events "
                 "WHERE item_uuid IN (SELECT uuid FROM main.items);");
  rescue->n_outbox = salvage (self, "INSERT OR IGNORE INTO main.outbox "
                                    "(op_id, method, path, body, item_uuid, created_at, attempts, error, failed) "
                                    "SELECT op_id, method, path, body, item_uuid, created_at, 0, NULL, 0 "
                                    "FROM old.outbox ORDER BY id;");
}

static gboolean
attach_old (XbStore *self, const char *kept, GError **error)
{
  g_autofree char *uri = g_strconcat ("file:", kept, "?mode=ro", NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "ATTACH DATABASE ?1 AS old;", -1, &stmt, NULL) != SQLITE_OK)
    return db_error (self, error);
  sqlite3_bind_text (stmt, 1, uri, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return db_error (self, error);
  return TRUE;
}

static void
salvage_from (XbStore *self, const char *kept, XbStoreRescue *rescue)
{
  LOCKED (self);
  g_autoptr(GError) error = NULL;

  /* Foreign keys would refuse rows whose parents were lost with the damage. */
  exec (self, "PRAGMA foreign_keys = OFF;", NULL);
  if (!attach_old (self, kept, &error))
    {
      g_debug ("Nothing salvaged from %s: %s", kept, error->message);
      exec (self, "PRAGMA foreign_keys = ON;", NULL);
      return;
    }
  if (exec (self, "BEGIN IMMEDIATE;", NULL))
    {
      salvage_all (self, rescue);
      if (!exec (self, "COMMIT;", NULL))
        {
          exec (self, "ROLLBACK;", NULL);
          xb_store_rescue_clear (rescue);
        }
    }
  exec (self, "DETACH DATABASE old;", NULL);
  exec (self, "PRAGMA foreign_keys = ON;", NULL);
}

XbStore *
xb_store_rescue (const char *path, XbStoreRescue *rescue, GError **error)
{
  g_autofree char *kept = NULL;
  g_autoptr(XbStore) store = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (rescue != NULL, NULL);

  xb_store_rescue_clear (rescue);
  kept = move_aside (path, error);
  if (kept == NULL)
    return NULL;
  store = xb_store_open (path, error);
  if (store == NULL)
    return NULL;
  salvage_from (store, kept, rescue);
  rescue->kept_path = g_steal_pointer (&kept);
  return g_steal_pointer (&store);
}
