/* Internals shared by the files of the store: the instance and the SQL helpers. */
#pragma once

#include <sqlite3.h>

#include "xb-store.h"

G_BEGIN_DECLS

struct _XbStore
{
  GObject     parent_instance;
  sqlite3    *db;
  char       *path;
  int         version;
  GRecMutex   lock;
  GHashTable *stmts;     /* SQL text → prepared statement */
  int         tx_depth;
  gboolean    tx_failed; /* a nested rollback dooms the outer transaction */
};


#define LOCKED(self) g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = g_rec_mutex_locker_new (&(self)->lock)

/* Runs a store function body as one transaction of its own, or as part of
 * the caller's. */
#define TX_BEGIN(self, error) if (!xb_store_begin ((self), (error))) return FALSE
#define TX_END(self, ok, error) \
  ((ok) ? xb_store_commit ((self), (error)) : (xb_store_rollback (self), FALSE))

G_GNUC_INTERNAL gboolean      db_error   (XbStore *self, GError **error);
G_GNUC_INTERNAL gboolean      exec       (XbStore *self, const char *sql, GError **error);
G_GNUC_INTERNAL sqlite3_stmt *prepare    (XbStore *self, const char *sql, GError **error);
G_GNUC_INTERNAL gboolean      step_done  (XbStore *self, sqlite3_stmt *stmt, GError **error);
G_GNUC_INTERNAL void          bind_text  (sqlite3_stmt *stmt, int idx, const char *text);
G_GNUC_INTERNAL void          bind_opt   (sqlite3_stmt *stmt, int idx, gint64 value);
G_GNUC_INTERNAL char         *col_text   (sqlite3_stmt *stmt, int col);
G_GNUC_INTERNAL gint64        query_int  (XbStore *self, const char *sql, gint64 fallback);

/* Moves an entity to the end of the change feed (xb-store-sync.c). */
G_GNUC_INTERNAL gboolean      xb_store_touch (XbStore *self, XbChangeKind kind, const char *key,
                                              gint64 unit_id, gboolean adopted, GError **error);
G_GNUC_INTERNAL gboolean      xb_store_touch_item (XbStore *self, const XbItem *item, GError **error);
G_GNUC_INTERNAL gboolean      xb_store_touch_id (XbStore *self, XbChangeKind kind, gint64 id,
                                                 GError **error);
/* Moves the roster of @unit_id to the end of the feed (xb-store-admin.c). */
G_GNUC_INTERNAL gboolean      xb_store_touch_roster (XbStore *self, gint64 unit_id, GError **error);

G_END_DECLS
