/* The sync engine's life: when runs start, one at a time, and what state they leave behind. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "xb-sync-engine-private.h"

#define SYNC_PERIOD_S   60
#define BACKOFF_MAX_S   (5 * 60)

G_DEFINE_ENUM_TYPE (XbSyncState, xb_sync_state,
  G_DEFINE_ENUM_VALUE (XB_SYNC_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (XB_SYNC_SYNCING, "syncing"),
  G_DEFINE_ENUM_VALUE (XB_SYNC_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (XB_SYNC_ERROR, "error"),
  G_DEFINE_ENUM_VALUE (XB_SYNC_SIGNED_OUT, "signed-out"))

G_DEFINE_FINAL_TYPE (XbSyncEngine, xb_sync_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_QUEUED,
  PROP_ERROR,
  PROP_PROGRESS,
  N_PROPS
};

enum {
  ITEMS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void run_start (XbSyncEngine *self);

static void
xb_sync_engine_dispose (GObject *object)
{
  XbSyncEngine *self = XB_SYNC_ENGINE (object);

  xb_sync_engine_stop (self);
  g_clear_object (&self->monitor);
  G_OBJECT_CLASS (xb_sync_engine_parent_class)->dispose (object);
}

static void
xb_sync_engine_finalize (GObject *object)
{
  XbSyncEngine *self = XB_SYNC_ENGINE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_free (self->error);
  g_free (self->refused_token);
  G_OBJECT_CLASS (xb_sync_engine_parent_class)->finalize (object);
}

static void
xb_sync_engine_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  XbSyncEngine *self = XB_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_QUEUED:
      g_value_set_uint (value, self->queued);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xb_sync_engine_class_init (XbSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xb_sync_engine_dispose;
  object_class->finalize = xb_sync_engine_finalize;
  object_class->get_property = xb_sync_engine_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, XB_TYPE_SYNC_STATE, XB_SYNC_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUEUED] =
    g_param_spec_uint ("queued", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, -1.0, 1.0, -1.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ITEMS_CHANGED] =
    g_signal_new ("items-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
xb_sync_engine_init (XbSyncEngine *self)
{
  self->progress = -1.0;
}

/* A store that held another account's view starts its feed again from the
 * beginning: the cursor says what *that* account had seen. */
static void
remember_user (XbSyncEngine *self, const XbUser *user)
{
  g_autofree char *previous = xb_store_get_meta (self->store, "user_id");
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, user->id);
  g_autoptr(XbUser) copy = xb_user_copy (user);
  g_autoptr(GError) error = NULL;

  if (!xb_store_begin (self->store, &error))
    {
      g_warning ("Cannot record the signed-in account: %s", error->message);
      return;
    }
  if (previous != NULL && g_strcmp0 (previous, id) != 0)
    xb_store_set_meta (self->store, "cursor", "0", NULL);
  xb_store_set_meta (self->store, "user_id", id, NULL);
  xb_store_put_user (self->store, copy, NULL, NULL);
  if (!xb_store_commit (self->store, &error))
    g_warning ("Cannot record the signed-in account: %s", error->message);
}

XbSyncEngine *
xb_sync_engine_new (XbStore *store, XbSyncClient *client)
{
  XbSyncEngine *self = g_object_new (XB_TYPE_SYNC_ENGINE, NULL);
  g_autoptr(GError) error = NULL;

  self->store = g_object_ref (store);
  self->client = g_object_ref (client);
  if (!xb_store_use_as_replica (store, &error))
    g_warning ("%s", error->message);
  if (xb_sync_client_get_user (client) != NULL)
    remember_user (self, xb_sync_client_get_user (client));
  self->queued = xb_store_outbox_count (store, NULL);
  return self;
}

/* ---- state ---------------------------------------------------------------- */

XbSyncState
xb_sync_engine_get_state (XbSyncEngine *self)
{
  return self->state;
}

guint
xb_sync_engine_get_queued (XbSyncEngine *self)
{
  return self->queued;
}

const char *
xb_sync_engine_get_error (XbSyncEngine *self)
{
  return self->error;
}

double
xb_sync_engine_get_progress (XbSyncEngine *self)
{
  return self->progress;
}

void
xb_sync_engine_set_state (XbSyncEngine *self, XbSyncState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
xb_sync_engine_set_error (XbSyncEngine *self, const char *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

void
xb_sync_engine_set_progress (XbSyncEngine *self, double progress)
{
  if (self->progress == progress)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

void
xb_sync_engine_update_queued (XbSyncEngine *self)
{
  guint queued = xb_store_outbox_count (self->store, NULL);

  if (self->queued == queued)
    return;
  self->queued = queued;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUEUED]);
}

void
xb_sync_engine_items_changed (XbSyncEngine *self, GPtrArray *uuids)
{
  g_autoptr(GPtrArray) strv = NULL;

  if (uuids == NULL || uuids->len == 0)
    return;
  strv = g_ptr_array_new_full (uuids->len + 1, NULL);
  for (guint i = 0; i < uuids->len; i++)
    g_ptr_array_add (strv, uuids->pdata[i]);
  g_ptr_array_add (strv, NULL);
  g_signal_emit (self, signals[ITEMS_CHANGED], 0, (GStrv) strv->pdata);
}

gboolean
xb_sync_error_is_transient (const GError *error)
{
  return g_error_matches (error, XB_ERROR, XB_ERROR_OFFLINE)
      || g_error_matches (error, XB_ERROR, XB_ERROR_RATE_LIMITED);
}

/* ---- scheduling -------------------------------------------------------------- */

static gboolean
retry_due (gpointer user_data)
{
  XbSyncEngine *self = user_data;

  self->retry_id = 0;
  run_start (self);
  return G_SOURCE_REMOVE;
}

/* 1 s doubling to 5 min, each delay drawn from its upper half so that many
 * clients cut off together do not come back together; never sooner than
 * the server asked. */
static void
schedule_retry (XbSyncEngine *self, int retry_after)
{
  guint delay_ms;

  self->backoff_s = self->backoff_s == 0 ? 1 : MIN (self->backoff_s * 2, BACKOFF_MAX_S);
  delay_ms = (guint) g_random_int_range ((gint32) self->backoff_s * 500, (gint32) self->backoff_s * 1000 + 1);
  if (retry_after >= 0)
    {
      self->not_before = g_get_monotonic_time () + (gint64) retry_after * G_USEC_PER_SEC;
      delay_ms = MAX (delay_ms, (guint) MIN (retry_after, 24 * 3600) * 1000);
    }
  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->retry_id = g_timeout_add (delay_ms, retry_due, self);
}

static gboolean
signed_out (XbSyncEngine *self)
{
  const char *token = xb_sync_client_get_token (self->client);

  return token == NULL || g_strcmp0 (token, self->refused_token) == 0;
}

static void
push_done (GObject *source, GAsyncResult *result, gpointer user_data);
static void
pull_done (GObject *source, GAsyncResult *result, gpointer user_data);

static void
run_start (XbSyncEngine *self)
{
  if (!self->started)
    return;
  if (self->running)
    {
      self->again = TRUE;
      return;
    }
  if (signed_out (self))
    {
      xb_sync_engine_set_state (self, XB_SYNC_SIGNED_OUT);
      return;
    }
  if (g_get_monotonic_time () < self->not_before)
    {
      if (self->retry_id == 0)
        self->retry_id = g_timeout_add ((guint) ((self->not_before - g_get_monotonic_time ()) / 1000) + 1,
                                        retry_due, self);
      return;
    }
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_pointer (&self->refused_token, g_free);
  self->running = TRUE;
  self->again = FALSE;
  self->clean = FALSE;
  self->cancellable = g_cancellable_new ();
  xb_sync_engine_set_state (self, XB_SYNC_SYNCING);
  xb_sync_push_async (self, self->cancellable, push_done, g_object_ref (self));
}

/* The first refused entry's message, so the user sees what needs them. */
static char *
first_failure (XbSyncEngine *self)
{
  char *message;

  if (!xb_store_outbox_first_failure (self->store, NULL, &message))
    return NULL;
  return message != NULL ? message : g_strdup (_("The server refused a change."));
}

static void
end_clean (XbSyncEngine *self)
{
  g_autofree char *failure = first_failure (self);

  self->backoff_s = 0;
  self->clean = TRUE;
  xb_sync_engine_set_error (self, failure);
  xb_sync_engine_set_state (self, failure != NULL ? XB_SYNC_ERROR : XB_SYNC_IDLE);
}

static void
end_with_error (XbSyncEngine *self, const GError *error, int retry_after)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (self->state == XB_SYNC_SYNCING)
        xb_sync_engine_set_state (self, XB_SYNC_IDLE);
      return;
    }
  xb_sync_engine_set_error (self, error->message);
  if (g_error_matches (error, XB_ERROR, XB_ERROR_UNAUTHORIZED))
    {
      g_free (self->refused_token);
      self->refused_token = g_strdup (xb_sync_client_get_token (self->client));
      xb_sync_engine_set_state (self, XB_SYNC_SIGNED_OUT);
      return;
    }
  /* Errors that need the user are retried too, only slowly: a server
   * answering nonsense today may be fixed tomorrow. */
  xb_sync_engine_set_state (self, xb_sync_error_is_transient (error) ? XB_SYNC_OFFLINE : XB_SYNC_ERROR);
  schedule_retry (self, retry_after);
}

static void
run_end (XbSyncEngine *self, const GError *error, int retry_after)
{
  self->running = FALSE;
  g_clear_object (&self->cancellable);
  xb_sync_engine_set_progress (self, -1.0);
  xb_sync_engine_update_queued (self);
  if (error == NULL)
    end_clean (self);
  else
    end_with_error (self, error, retry_after);
  if (self->again)
    xb_sync_engine_kick (self);
}

static void
push_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(XbSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  int retry_after = -1;

  if (!xb_sync_push_finish (self, result, &retry_after, &error)
      || g_cancellable_set_error_if_cancelled (self->cancellable, &error))
    return run_end (self, error, retry_after);
  xb_sync_pull_async (self, self->cancellable, pull_done, g_object_ref (self));
}

static void
pull_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(XbSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  int retry_after = -1;

  if (!xb_sync_pull_finish (self, result, &retry_after, &error))
    return run_end (self, error, retry_after);
  run_end (self, NULL, -1);
}

/* ---- triggers ---------------------------------------------------------------- */

static gboolean
kick_due (gpointer user_data)
{
  XbSyncEngine *self = user_data;

  self->kick_id = 0;
  run_start (self);
  return G_SOURCE_REMOVE;
}

void
xb_sync_engine_kick (XbSyncEngine *self)
{
  g_return_if_fail (XB_IS_SYNC_ENGINE (self));

  self->clean = FALSE;
  if (!self->started)
    return;
  if (self->running)
    {
      self->again = TRUE;
      return;
    }
  if (self->kick_id == 0)
    self->kick_id = g_idle_add (kick_due, self);
}

static gboolean
timer_due (gpointer user_data)
{
  xb_sync_engine_kick (user_data);
  return G_SOURCE_CONTINUE;
}

/* A network that comes back is worth trying at once, whatever the backoff. */
static void
on_network_changed (GNetworkMonitor *monitor, gboolean available, gpointer user_data)
{
  XbSyncEngine *self = user_data;

  if (!available)
    return;
  self->backoff_s = 0;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  xb_sync_engine_kick (self);
}

void
xb_sync_engine_start (XbSyncEngine *self)
{
  g_return_if_fail (XB_IS_SYNC_ENGINE (self));

  if (self->started)
    return;
  self->started = TRUE;
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_changed_id = g_signal_connect (self->monitor, "network-changed",
                                               G_CALLBACK (on_network_changed), self);
  self->timer_id = g_timeout_add_seconds (SYNC_PERIOD_S, timer_due, self);
  xb_sync_engine_kick (self);
}

void
xb_sync_engine_stop (XbSyncEngine *self)
{
  g_return_if_fail (XB_IS_SYNC_ENGINE (self));

  self->started = FALSE;
  if (self->monitor != NULL)
    g_clear_signal_handler (&self->network_changed_id, self->monitor);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->kick_id, g_source_remove);
  self->again = FALSE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* ---- waiting ------------------------------------------------------------------ */

static gboolean
is_settled (XbSyncEngine *self)
{
  return !self->running && !self->again && self->kick_id == 0;
}

static gboolean
is_idle (XbSyncEngine *self)
{
  return self->clean && is_settled (self);
}

/* Nothing will happen without the user: signed out, or never started. */
static gboolean
is_stuck (XbSyncEngine *self)
{
  return is_settled (self) && (self->state == XB_SYNC_SIGNED_OUT || !self->started);
}

static gboolean
wake_up (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
xb_sync_engine_wait_idle (XbSyncEngine *self, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add (timeout_ms, wake_up, &timed_out);

  while (!timed_out && !is_idle (self) && !is_stuck (self))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout_id);
  return is_idle (self);
}
