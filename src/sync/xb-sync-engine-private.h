/* Internals shared by the files of the sync engine: the instance and the push and pull steps. */
#pragma once

#include "xb-sync-engine.h"

G_BEGIN_DECLS

/* Outbox entries to this path prefix upload an attachment's bytes. */
#define XB_SYNC_ATTACHMENTS_PATH "/api/v1/attachments/"


struct _XbSyncEngine
{
  GObject          parent_instance;
  XbStore         *store;
  XbSyncClient    *client;
  GNetworkMonitor *monitor;
  gulong           network_changed_id;
  GCancellable    *cancellable;   /* of the run in flight; NULL between runs */

  XbSyncState      state;
  guint            queued;
  char            *error;
  double           progress;

  gboolean         started;
  gboolean         running;       /* never two runs at once */
  gboolean         again;         /* a kick arrived during the run */
  gboolean         clean;         /* the last run sent and received everything */
  guint            timer_id;      /* the periodic sync */
  guint            retry_id;      /* the next attempt after a failure */
  guint            kick_id;       /* a run asked for, coalesced */
  guint            backoff_s;     /* the last delay; 0 after a success */
  gint64           not_before;    /* monotonic µs: the server asked us to wait */
  char            *refused_token; /* the token a 401 answered, until another is set */
};

/* Setters that notify, for the push and pull steps. */
void     xb_sync_engine_set_state      (XbSyncEngine *self, XbSyncState state);
void     xb_sync_engine_set_error      (XbSyncEngine *self, const char *message);
void     xb_sync_engine_set_progress   (XbSyncEngine *self, double progress);
void     xb_sync_engine_update_queued  (XbSyncEngine *self);
void     xb_sync_engine_items_changed  (XbSyncEngine *self, GPtrArray *uuids);

/* Why a step stopped, as a GError:
 * XB_ERROR_OFFLINE / XB_ERROR_RATE_LIMITED: try again later (*retry_after
 *   seconds, or -1 to use the backoff);
 * XB_ERROR_UNAUTHORIZED: the token was refused;
 * G_IO_ERROR_CANCELLED: stopped;
 * anything else: the user has to look. */
gboolean xb_sync_error_is_transient    (const GError *error);

/* Push: sends the outbox in order (xb-sync-push.c). */
void     xb_sync_push_async            (XbSyncEngine        *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean xb_sync_push_finish           (XbSyncEngine  *self,
                                        GAsyncResult  *result,
                                        int           *retry_after,
                                        GError       **error);

/* Pull: the change feed from the stored cursor (xb-sync-pull.c). */
void     xb_sync_pull_async            (XbSyncEngine        *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean xb_sync_pull_finish           (XbSyncEngine  *self,
                                        GAsyncResult  *result,
                                        int           *retry_after,
                                        GError       **error);

/* Applies one item the server sent, unless the outbox still holds changes
 * to it (their answers will bring it).  Joins the caller's transaction.
 * TRUE with *applied FALSE when it was skipped. */
gboolean      xb_sync_store_item        (XbStore *store, const XbItem *item, GError **error);
gboolean xb_sync_apply_item            (XbStore      *store,
                                        const XbItem *item,
                                        gboolean     *applied,
                                        GError      **error);
/* A commissioned request from the feed (xb-store-requests.h). */
struct _JsonNode;
gboolean xb_sync_apply_request         (XbStore *store, struct _JsonNode *data, GError **error);
/* A unit's whole roster from the feed (xb-store-admin.h), replacing the copy. */
gboolean xb_sync_apply_roster          (XbStore *store, struct _JsonNode *data, GError **error);

/* Items whose copy the pull skipped while the outbox held changes to them:
 * once those are through, the server's latest copy is fetched, since the
 * push answers may be older than what the feed had (meta "refresh", so a
 * restart does not forget them).  add and remove join the caller's
 * transaction. */
gboolean xb_sync_refresh_add           (XbStore     *store,
                                        const char  *uuid,
                                        GError     **error);
gboolean xb_sync_refresh_remove        (XbStore     *store,
                                        const char  *uuid,
                                        GError     **error);
GStrv    xb_sync_refresh_list          (XbStore     *store);

/* Parses an answer's {"item": ITEM}; NULL with @error when it has none. */
XbItem  *xb_sync_answer_item           (GBytes  *body,
                                        GError **error);

/* Maps a status that is not 2xx to the error the steps return:
 * 401 → UNAUTHORIZED, 408/5xx → OFFLINE, 429 → RATE_LIMITED, else NULL
 * (the request itself was refused). */
GError  *xb_sync_status_error          (const XbResponse *response);

G_END_DECLS
