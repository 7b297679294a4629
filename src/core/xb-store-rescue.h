/* A damaged client store: detect it, keep a copy aside, salvage unsent work into a fresh store. */
#pragma once

#include "xb-store.h"

G_BEGIN_DECLS

/* Stores larger than this are not scanned at open: the check would take
 * seconds; damage there shows as XB_ERROR_CORRUPT on first use instead. */
#define XB_STORE_CHECK_MAX_BYTES (512 * 1024 * 1024)

typedef struct {
  char  *kept_path;   /* where the damaged file now is */
  guint  n_outbox;    /* unsent changes carried over */
  guint  n_items;     /* local copies of the items those changes touch */
  gboolean account;   /* the sign-in (token, server, user) was carried over */
} XbStoreRescue;

void      xb_store_rescue_clear   (XbStoreRescue *rescue);

/* PRAGMA quick_check when the file is at most @max_bytes; FALSE with
 * XB_ERROR_CORRUPT when SQLite finds damage. */
gboolean  xb_store_quick_check    (XbStore       *self,
                                   gint64         max_bytes,
                                   GError       **error);

/* Moves the damaged database at @path (and its -wal, -shm) aside to
 * "@path.damaged-YYYYMMDD-HHMMSS", creates a new store at @path, and
 * copies into it what can still be read: the account (token, server,
 * user), the outbox and the items and events it refers to.  The new store
 * has an empty feed cursor, so the next sync downloads everything again.
 * Returns the new store, or NULL when even a new store cannot be made. */
XbStore  *xb_store_rescue         (const char    *path,
                                   XbStoreRescue *rescue,
                                   GError       **error);

G_END_DECLS
