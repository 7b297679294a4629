/* Push: the outbox goes to the server strictly in order, each entry removed only once acknowledged. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "xb-store-files.h"
#include "xb-sync-engine-private.h"

typedef struct {
  GPtrArray  *entries;  /* XbOutboxEntry*, failed ones included */
  guint       next;
  GHashTable *blocked;  /* item uuids behind a refused entry: later entries wait */
  GStrv       refresh;  /* uuids to fetch once their entries are through */
  guint       next_refresh;
  int         retry_after;
} Push;

static void
push_free (Push *push)
{
  g_clear_pointer (&push->entries, g_ptr_array_unref);
  g_clear_pointer (&push->blocked, g_hash_table_unref);
  g_clear_pointer (&push->refresh, g_strfreev);
  g_free (push);
}

static void push_next (GTask *task);
static void refresh_next (GTask *task);

/* ---- one entry ------------------------------------------------------------- */

/* The server has an attachment's bytes: later saves need not send them. */
static gboolean
note_uploaded (XbSyncEngine *self, XbOutboxEntry *e, GError **error)
{
  g_autofree char *key = NULL;

  if (!g_str_has_prefix (e->path, XB_SYNC_ATTACHMENTS_PATH))
    return TRUE;
  key = g_strconcat ("uploaded:", e->path + strlen (XB_SYNC_ATTACHMENTS_PATH), NULL);
  return xb_store_set_meta (self->store, key, "1", error);
}

/* Acknowledged: the answer's item replaces the local copy, unless later
 * entries for it wait (the copy is ahead of this answer; theirs will come). */
static gboolean
accept (XbSyncEngine *self, XbOutboxEntry *e, XbResponse *response, GPtrArray *changed, GError **error)
{
  g_autoptr(XbItem) item = xb_sync_answer_item (response->body, NULL);
  gboolean apply = item != NULL && xb_store_outbox_count (self->store, item->uuid) <= 1;

  if (!xb_store_begin (self->store, error))
    return FALSE;
  if ((apply && !xb_sync_store_item (self->store, item, error))
      || !note_uploaded (self, e, error)
      || !xb_store_outbox_remove (self->store, e->id, error))
    {
      xb_store_rollback (self->store);
      return FALSE;
    }
  if (!xb_store_commit (self->store, error))
    return FALSE;
  if (apply)
    g_ptr_array_add (changed, g_strdup (item->uuid));
  return TRUE;
}

/* Refused (409, 422, any other 4xx): never retried by itself, never dropped.
 * A server copy in the answer is the truth the user resolves against. */
static gboolean
refuse (XbSyncEngine *self, Push *push, XbOutboxEntry *e, XbResponse *response,
        GPtrArray *changed, GError **error)
{
  g_autofree char *message = xb_response_dup_message (response);
  g_autoptr(XbItem) item = xb_sync_answer_item (response->body, NULL);
  gboolean ok;

  if (e->item_uuid != NULL)
    g_hash_table_add (push->blocked, g_strdup (e->item_uuid));
  xb_sync_engine_set_error (self, message);
  if (!xb_store_begin (self->store, error))
    return FALSE;
  ok = xb_store_outbox_fail (self->store, e->id, message, error);
  if (ok && item != NULL && g_strcmp0 (item->uuid, e->item_uuid) == 0)
    {
      gboolean applied = FALSE;
      ok = xb_sync_apply_item (self->store, item, &applied, error);
      if (ok && applied)
        g_ptr_array_add (changed, g_strdup (item->uuid));
    }
  else if (ok && e->item_uuid != NULL)
    ok = xb_sync_refresh_add (self->store, e->item_uuid, error);
  if (!ok)
    {
      xb_store_rollback (self->store);
      return FALSE;
    }
  return xb_store_commit (self->store, error);
}

static void
note_attempt (XbSyncEngine *self, XbOutboxEntry *e, const GError *why)
{
  g_autoptr(GError) error = NULL;

  if (!xb_store_outbox_note_attempt (self->store, e->id, why->message, &error))
    g_warning ("Cannot note a failed attempt: %s", error->message);
}

static gboolean
handle_answer (XbSyncEngine *self, Push *push, XbOutboxEntry *e, XbResponse *response,
               GPtrArray *changed, GError **error)
{
  g_autoptr(GError) status_error = NULL;

  if (SOUP_STATUS_IS_SUCCESSFUL (response->status))
    return accept (self, e, response, changed, error);
  if ((status_error = xb_sync_status_error (response)) != NULL)
    {
      if (xb_sync_error_is_transient (status_error))
        note_attempt (self, e, status_error);
      push->retry_after = response->retry_after;
      g_propagate_error (error, g_steal_pointer (&status_error));
      return FALSE;
    }
  return refuse (self, push, e, response, changed, error);
}

static void
entry_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  XbSyncEngine *self = g_task_get_source_object (task);
  Push *push = g_task_get_task_data (task);
  XbOutboxEntry *e = push->entries->pdata[push->next - 1];
  g_autoptr(GError) error = NULL;
  g_autoptr(XbResponse) response = xb_sync_client_request_finish (XB_SYNC_CLIENT (source), result, &error);
  /* Owns its uuids: the items they came from are freed before the signal. */
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);

  if (response == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        note_attempt (self, e, error);
      return g_task_return_error (task, g_steal_pointer (&error));
    }
  if (!handle_answer (self, push, e, response, changed, &error))
    return g_task_return_error (task, g_steal_pointer (&error));
  xb_sync_engine_update_queued (self);
  xb_sync_engine_items_changed (self, changed);
  push_next (g_steal_pointer (&task));
}

static gboolean
is_waiting (Push *push, XbOutboxEntry *e)
{
  return e->failed || (e->item_uuid != NULL && g_hash_table_contains (push->blocked, e->item_uuid));
}

/* Sends an attachment's kept bytes; when they are gone, the entry fails
 * with a message and the item waits for the user. */
static gboolean
upload (XbSyncEngine *self, Push *push, XbOutboxEntry *e, GTask *task)
{
  const char *sha256 = e->path + strlen (XB_SYNC_ATTACHMENTS_PATH);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = xb_store_read_attachment (self->store, sha256, &error);
  g_autofree char *message = NULL;

  if (bytes != NULL)
    {
      xb_sync_client_upload_async (self->client, e->path, bytes, g_task_get_cancellable (task), entry_sent, task);
      return TRUE;
    }
  message = g_strdup_printf (_("An attachment of this item can no longer be read on this computer: %s"),
                             error->message);
  if (e->item_uuid != NULL)
    g_hash_table_add (push->blocked, g_strdup (e->item_uuid));
  xb_sync_engine_set_error (self, message);
  xb_store_outbox_fail (self->store, e->id, message, NULL);
  return FALSE;
}

static void
push_next (GTask *task)
{
  XbSyncEngine *self = g_task_get_source_object (task);
  Push *push = g_task_get_task_data (task);

  while (push->next < push->entries->len)
    {
      XbOutboxEntry *e = push->entries->pdata[push->next++];

      if (is_waiting (push, e))
        continue;
      if (g_str_has_prefix (e->path, XB_SYNC_ATTACHMENTS_PATH))
        {
          if (!upload (self, push, e, task))
            continue;
          return;
        }
      xb_sync_client_request_async (self->client, e->method, e->path, e->body,
                                    g_task_get_cancellable (task), entry_sent, task);
      return;
    }
  refresh_next (task);
}

/* ---- fetching items again ----------------------------------------------------- */

static gboolean
store_fresh_copy (XbSyncEngine *self, const char *uuid, XbResponse *response,
                  GPtrArray *changed, GError **error)
{
  g_autoptr(XbItem) item = NULL;
  gboolean applied = TRUE, forgotten = FALSE;

  if (response->status == SOUP_STATUS_OK && (item = xb_sync_answer_item (response->body, error)) == NULL)
    return FALSE;
  if (!xb_store_begin (self->store, error))
    return FALSE;
  /* 404: the account may not see it (any more), or it was never created;
   * a create the server refused leaves no copy behind once the user gave it
   * up (while the refusal waits for them, the item stays). */
  if ((item != NULL && !xb_sync_apply_item (self->store, item, &applied, error))
      || (item == NULL && xb_store_outbox_count_failed (self->store, uuid) == 0
          && !xb_store_forget_unsent_item (self->store, uuid, &forgotten, error))
      || (applied && !xb_sync_refresh_remove (self->store, uuid, error)))
    {
      xb_store_rollback (self->store);
      return FALSE;
    }
  if (!xb_store_commit (self->store, error))
    return FALSE;
  if ((item != NULL && applied) || forgotten)
    g_ptr_array_add (changed, g_strdup (uuid));
  return TRUE;
}

static void
item_fetched (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  XbSyncEngine *self = g_task_get_source_object (task);
  Push *push = g_task_get_task_data (task);
  const char *uuid = push->refresh[push->next_refresh - 1];
  g_autoptr(GError) error = NULL;
  g_autoptr(XbResponse) response = xb_sync_client_request_finish (XB_SYNC_CLIENT (source), result, &error);
  /* Owns its uuids: the items they came from are freed before the signal. */
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);

  if (response == NULL)
    return g_task_return_error (task, g_steal_pointer (&error));
  if (response->status != SOUP_STATUS_OK && response->status != SOUP_STATUS_NOT_FOUND)
    {
      push->retry_after = response->retry_after;
      error = xb_sync_status_error (response);
      if (error == NULL)
        {
          g_autofree char *message = xb_response_dup_message (response);
          error = g_error_new (XB_ERROR, XB_ERROR_FAILED, _("Fetching an item failed: %s"), message);
        }
      return g_task_return_error (task, g_steal_pointer (&error));
    }
  if (!store_fresh_copy (self, uuid, response, changed, &error))
    return g_task_return_error (task, g_steal_pointer (&error));
  xb_sync_engine_items_changed (self, changed);
  refresh_next (g_steal_pointer (&task));
}

static void
refresh_next (GTask *task)
{
  XbSyncEngine *self = g_task_get_source_object (task);
  Push *push = g_task_get_task_data (task);

  if (push->refresh == NULL)
    push->refresh = xb_sync_refresh_list (self->store);
  while (push->refresh[push->next_refresh] != NULL)
    {
      const char *uuid = push->refresh[push->next_refresh++];
      g_autofree char *path = NULL;

      if (xb_store_outbox_count (self->store, uuid) > 0)
        continue;
      path = g_strconcat ("/api/v1/items/", uuid, NULL);
      xb_sync_client_request_async (self->client, "GET", path, NULL,
                                    g_task_get_cancellable (task), item_fetched, task);
      return;
    }
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* ---- the step ----------------------------------------------------------------- */

void
xb_sync_push_async (XbSyncEngine        *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Push *push = g_new0 (Push, 1);
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, xb_sync_push_async);
  push->retry_after = -1;
  push->blocked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, push, (GDestroyNotify) push_free);
  /* Entries written during the push wait for the next run (the write kicks it). */
  if ((push->entries = xb_store_outbox_list (self->store, TRUE, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  for (guint i = 0; i < push->entries->len; i++)
    {
      XbOutboxEntry *e = push->entries->pdata[i];
      if (e->failed && e->item_uuid != NULL)
        g_hash_table_add (push->blocked, g_strdup (e->item_uuid));
    }
  push_next (task);
}

gboolean
xb_sync_push_finish (XbSyncEngine *self, GAsyncResult *result, int *retry_after, GError **error)
{
  Push *push;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  push = g_task_get_task_data (G_TASK (result));
  *retry_after = push->retry_after;
  return g_task_propagate_boolean (G_TASK (result), error);
}
