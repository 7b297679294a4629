/* The client's sync engine: local writes with an outbox, pushed in order; the change feed pulled into the store. */
#pragma once

#include <gio/gio.h>

#include "xb-store.h"
#include "xb-sync-client.h"

G_BEGIN_DECLS

typedef enum {
  XB_SYNC_IDLE,      /* everything sent and received */
  XB_SYNC_SYNCING,   /* pushing or pulling now */
  XB_SYNC_OFFLINE,   /* the server cannot be reached; work is queued */
  XB_SYNC_ERROR,     /* something needs the user: see the error */
  XB_SYNC_SIGNED_OUT /* the token was refused; sign in again (on the same
                        client) and kick: nothing is sent meanwhile */
} XbSyncState;

#define XB_TYPE_SYNC_STATE (xb_sync_state_get_type ())
GType xb_sync_state_get_type (void);

#define XB_TYPE_SYNC_ENGINE (xb_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (XbSyncEngine, xb_sync_engine, XB, SYNC_ENGINE, GObject)

/* The engine works on @store for the account @client is signed in as.
 * Properties: "state" (XbSyncState), "queued" (guint, outbox entries
 * waiting), "error" (string or NULL), "progress" (double 0..1 of the
 * current pull, or -1).  Signals: "items-changed" (a GStrv of item uuids
 * whose local copy changed, from pull or push answers and local writes). */
XbSyncEngine *xb_sync_engine_new        (XbStore      *store,
                                         XbSyncClient *client);
XbSyncState   xb_sync_engine_get_state  (XbSyncEngine *self);
guint         xb_sync_engine_get_queued (XbSyncEngine *self);
const char   *xb_sync_engine_get_error  (XbSyncEngine *self);
double        xb_sync_engine_get_progress (XbSyncEngine *self);

/* Starts syncing now and then: on network changes, after local writes and on
 * a timer.  stop() cancels what is in flight; queued work stays queued. */
void          xb_sync_engine_start      (XbSyncEngine *self);
void          xb_sync_engine_stop       (XbSyncEngine *self);
/* Asks for a sync as soon as possible (coalesced). */
void          xb_sync_engine_kick       (XbSyncEngine *self);

/* Local writes.  Each updates the local store and adds an outbox entry in one
 * transaction, then kicks the engine.  The store's copy shows the result at
 * once; the server's answer replaces it when it arrives.
 *
 * save_item creates the item (revision 0 in @item means new) or updates a
 * draft; @item carries the editable fields (title, body, category, type,
 * angle, importance, urgent, event_at, for_mayor, request_id), its uuid and
 * unit.  An update carries the revision of the copy the user edited; when
 * the store's copy has moved on since, it fails with XB_ERROR_CONFLICT.
 * Both check the change with the state machine first (XB_ERROR_FORBIDDEN,
 * XB_ERROR_CONFLICT, XB_ERROR_INVALID in plain words), so what is queued is
 * what the server is expected to accept.  act takes an action by name with its extra fields as a JSON object
 * text (may be NULL), as docs/PROTOCOL.md describes. */
gboolean      xb_sync_engine_save_item  (XbSyncEngine  *self,
                                         const XbItem  *item,
                                         GError       **error);
gboolean      xb_sync_engine_act        (XbSyncEngine  *self,
                                         const char    *item_uuid,
                                         XbAction       action,
                                         const char    *comment,
                                         const char    *extra_json,
                                         GError       **error);

/* What to do with an item whose change the server refused (409, 422…; the
 * "error" property and the outbox entry hold the server's words).  retry
 * queues its refused changes again, for when the cause is gone.  discard
 * drops them and every change queued behind them for that item, and fetches
 * the server's copy on the next run.  Both kick the engine. */
gboolean      xb_sync_engine_retry      (XbSyncEngine  *self,
                                         const char    *item_uuid,
                                         GError       **error);
gboolean      xb_sync_engine_discard    (XbSyncEngine  *self,
                                         const char    *item_uuid,
                                         GError       **error);

/* Waits (iterating the thread-default main context) until the outbox is
 * empty and a pull found nothing new, or @timeout_ms passes: for tests and
 * scripted runs.  TRUE when idle. */
gboolean      xb_sync_engine_wait_idle  (XbSyncEngine *self,
                                         guint         timeout_ms);

G_END_DECLS
