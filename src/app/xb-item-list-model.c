/* A lazy GListModel of information items: counts in SQL, fetches rows a page at a time. */
#include "config.h"

#include <glib/gi18n.h>

#include "xb-item-list-model.h"
#include "xb-item-object.h"
#include "xb-store-notes.h"

/* A page is small enough to fetch synchronously on first access: one indexed
 * query for 200 short rows takes well under a frame, and GListModel's
 * get_item() has to answer at once.  Counting, which may scan the whole FTS
 * index for a search, runs in a worker thread instead (see refresh()). */
#define PAGE_SIZE 200
/* Bound the cache so scrolling through a big store does not keep every row. */
#define MAX_PAGES 50

struct _XbItemListModel
{
  GObject       parent_instance;

  XbStore      *store;
  char         *search;
  XbItemSort    sort;
  gboolean      descending;
  XbItemFilter  filter;

  guint         n_items;
  GHashTable   *pages;       /* page index → GPtrArray of XbItemObject */
  GHashTable   *unit_names;  /* gint64* unit id → char* name; loaded once */
  GCancellable *cancellable;
  guint         generation;
  gboolean      loading;

  /* Live updates (see xb_item_list_model_update()). */
  GCancellable *update_cancellable;
  gboolean      updating;
  gboolean      update_again;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (XbItemListModel, xb_item_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_SEARCH,
  PROP_N_ITEMS,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a worker thread needs to count: a copy, so the model may change meanwhile. */
typedef struct {
  XbStore    *store;
  char       *search;
  XbItemSort  sort;
  gboolean    descending;
  XbItemFilter filter;
  gboolean    need_units;
  guint       generation;
  GArray     *pages;       /* guint page indexes to read again; updates only */
} Request;

typedef struct {
  guint       n_items;
  GPtrArray  *first_page;  /* XbItem* */
  GHashTable *unit_names;  /* NULL unless requested */
  GHashTable *pages;       /* page index → GPtrArray of XbItem*; updates only */
} Reply;

static void
request_free (Request *request)
{
  g_clear_object (&request->store);
  g_free (request->search);
  xb_item_filter_clear (&request->filter);
  g_clear_pointer (&request->pages, g_array_unref);
  g_free (request);
}

static void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->first_page, g_ptr_array_unref);
  g_clear_pointer (&reply->unit_names, g_hash_table_unref);
  g_clear_pointer (&reply->pages, g_hash_table_unref);
  g_free (reply);
}

static void start_update (XbItemListModel *self);

/* What a worker needs to read the model's rows as they are now. */
static Request *
new_request (XbItemListModel *self)
{
  Request *request = g_new0 (Request, 1);

  request->store = g_object_ref (self->store);
  request->search = g_strdup (self->search);
  xb_item_filter_init (&request->filter);
  xb_item_filter_copy (&request->filter, &self->filter);
  request->sort = self->sort;
  request->descending = self->descending;
  request->generation = self->generation;
  return request;
}

/* The reply @result carries (NULL with @error set when it failed); FALSE
 * when a newer query superseded it, so its answer is stale. */
static gboolean
take_reply (XbItemListModel  *self,
            GAsyncResult     *result,
            Reply           **reply,
            GError          **error)
{
  Request *request = g_task_get_task_data (G_TASK (result));

  *reply = g_task_propagate_pointer (G_TASK (result), error);
  if (request->generation == self->generation && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return TRUE;
  g_clear_pointer (reply, reply_free);
  return FALSE;
}

void
xb_item_filter_init (XbItemFilter *filter)
{
  memset (filter, 0, sizeof *filter);
  filter->type = -1;
}

void
xb_item_filter_clear (XbItemFilter *filter)
{
  g_clear_pointer (&filter->category, g_free);
  xb_item_filter_init (filter);
}

void
xb_item_filter_copy (XbItemFilter       *to,
                     const XbItemFilter *from)
{
  g_free (to->category);
  *to = *from;
  to->category = g_strdup (from->category);
}

gboolean
xb_item_filter_equal (const XbItemFilter *a,
                      const XbItemFilter *b)
{
  return a->states == b->states && a->type == b->type && g_strcmp0 (a->category, b->category) == 0 &&
         a->unit_id == b->unit_id && a->from == b->from && a->to == b->to;
}

gboolean
xb_item_filter_is_empty (const XbItemFilter *filter)
{
  XbItemFilter none;

  xb_item_filter_init (&none);
  return xb_item_filter_equal (filter, &none);
}

static void
fill_query (XbItemQuery        *query,
            const char         *search,
            XbItemSort          sort,
            gboolean            descending,
            const XbItemFilter *filter)
{
  xb_item_query_init (query);
  query->search = search;
  query->sort = sort;
  query->descending = descending;
  query->states = filter->states;
  query->type = filter->type;
  query->category = filter->category;
  query->unit_id = filter->unit_id;
  query->from = filter->from;
  query->to = filter->to;
}

/* Ends a worker's @task with @reply, or with @error when it is set. */
static void
return_reply (GTask  *task,
              Reply  *reply,
              GError *error)
{
  if (error != NULL)
    {
      reply_free (reply);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, reply, (GDestroyNotify) reply_free);
}

static void
count_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr(GError) error = NULL;
  XbItemQuery query;
  Reply *reply = g_new0 (Reply, 1);

  fill_query (&query, request->search, request->sort, request->descending, &request->filter);

  if (request->need_units)
    reply->unit_names = xb_store_unit_names (request->store, &error);
  if (error == NULL)
    reply->n_items = xb_store_count_items (request->store, &query, &error);
  if (error == NULL && reply->n_items > 0)
    reply->first_page = xb_store_list_items (request->store, &query, 0, PAGE_SIZE, &error);

  return_reply (task, reply, g_steal_pointer (&error));
}

static char *
format_day (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (t);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("—");
}

/* The reviewer's comment on a returned item; the publication and day of an
 * adopted one (@note from xb_store_notes(), NULL when it has none). */
static char *
row_note (const XbItem *item, const XbStoreNote *note)
{
  g_autofree char *day = NULL;

  if (note == NULL)
    return NULL;
  day = format_day (note->at);
  if (item->state == XB_STATE_RETURNED)
    /* Translators: beside a returned item's state: the day and the reviewer's comment */
    return note->text != NULL ? g_strdup_printf (_("%s: %s"), day, note->text) : g_steal_pointer (&day);
  if (item->state == XB_STATE_ADOPTED)
    /* Translators: beside an adopted item's state: the publication and the day */
    return note->text != NULL ? g_strdup_printf (_("%s, %s"), note->text, day) : g_steal_pointer (&day);
  return NULL;
}

/* The notes of a page of @items, read in one query. */
static GHashTable *
page_notes (XbItemListModel *self, GPtrArray *items)
{
  return self->store != NULL ? xb_store_notes (self->store, items, NULL) : NULL;
}

/* What a row learns from the store beyond its item: queued work, its note. */
static void
decorate (XbItemListModel *self, XbItemObject *object, const XbItem *item, GHashTable *notes)
{
  g_autofree char *note = NULL;

  if (self->store == NULL)
    return;
  xb_item_object_set_queued (object, xb_store_outbox_count (self->store, item->uuid));
  if (notes != NULL)
    note = row_note (item, g_hash_table_lookup (notes, item->uuid));
  xb_item_object_set_note (object, note);
}

static GPtrArray *
wrap_items (XbItemListModel *self,
            GPtrArray       *items)
{
  GPtrArray *objects = g_ptr_array_new_full (items->len, g_object_unref);
  g_autoptr(GHashTable) notes = page_notes (self, items);

  for (guint i = 0; i < items->len; i++)
    {
      XbItem *item = g_ptr_array_index (items, i);
      const char *unit_name = NULL;

      if (self->unit_names != NULL)
        unit_name = g_hash_table_lookup (self->unit_names, &item->unit_id);
      g_ptr_array_add (objects, xb_item_object_new (item, unit_name));
      decorate (self, g_ptr_array_index (objects, objects->len - 1), item, notes);
    }
  /* The objects own the items now. */
  g_ptr_array_set_free_func (items, NULL);
  return objects;
}

static void
set_loading (XbItemListModel *self,
             gboolean         loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
replace_contents (XbItemListModel *self,
                  guint            n_items,
                  GPtrArray       *first_page)
{
  guint old_n_items = self->n_items;

  g_hash_table_remove_all (self->pages);
  if (first_page != NULL)
    g_hash_table_insert (self->pages, GUINT_TO_POINTER (0), wrap_items (self, first_page));
  self->n_items = n_items;

  if (old_n_items > 0 || n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, n_items);
  if (old_n_items != n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
count_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  XbItemListModel *self = XB_ITEM_LIST_MODEL (object);
  g_autoptr(GError) error = NULL;
  Reply *reply;

  if (!take_reply (self, result, &reply, &error))
    return;

  if (reply == NULL)
    {
      g_signal_emit (self, signals[FAILED], 0, error);
      replace_contents (self, 0, NULL);
      set_loading (self, FALSE);
      return;
    }

  if (reply->unit_names != NULL)
    {
      g_clear_pointer (&self->unit_names, g_hash_table_unref);
      self->unit_names = g_steal_pointer (&reply->unit_names);
    }
  replace_contents (self, reply->n_items, reply->first_page);
  set_loading (self, FALSE);
  reply_free (reply);

  /* The store changed while this count ran; it may not have seen that. */
  if (self->update_again)
    start_update (self);
}

static void
refresh (XbItemListModel *self)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->update_cancellable);
  g_clear_object (&self->update_cancellable);
  self->updating = FALSE;

  if (self->store == NULL)
    {
      replace_contents (self, 0, NULL);
      set_loading (self, FALSE);
      return;
    }

  request = new_request (self);
  request->need_units = self->unit_names == NULL;

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);

  task = g_task_new (self, self->cancellable, count_done, NULL);
  g_task_set_source_tag (task, refresh);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, count_in_thread);
}

/* ---- live updates ------------------------------------------------------------- */

static void
update_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr(GError) error = NULL;
  XbItemQuery query;
  Reply *reply = g_new0 (Reply, 1);
  gboolean in_transaction;

  fill_query (&query, request->search, request->sort, request->descending, &request->filter);
  reply->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);

  /* One transaction, so the count and the pages describe the same moment
   * even while the sync engine writes. */
  in_transaction = xb_store_begin (request->store, NULL);

  reply->unit_names = xb_store_unit_names (request->store, &error);
  if (error == NULL)
    reply->n_items = xb_store_count_items (request->store, &query, &error);
  for (guint i = 0; error == NULL && i < request->pages->len; i++)
    {
      guint page = g_array_index (request->pages, guint, i);
      GPtrArray *items;

      if ((guint64) page * PAGE_SIZE >= reply->n_items)
        continue;
      items = xb_store_list_items (request->store, &query, page * PAGE_SIZE, PAGE_SIZE, &error);
      if (items != NULL)
        g_hash_table_insert (reply->pages, GUINT_TO_POINTER (page), items);
    }

  if (in_transaction)
    xb_store_commit (request->store, NULL);

  return_reply (task, reply, g_steal_pointer (&error));
}

/* The row object at @position in @pages, or NULL when that page is not cached. */
static gpointer
cached_object (GHashTable *pages,
               gint64      position)
{
  GPtrArray *objects;
  guint offset;

  if (position < 0)
    return NULL;
  objects = g_hash_table_lookup (pages, GUINT_TO_POINTER ((guint) (position / PAGE_SIZE)));
  offset = (guint) (position % PAGE_SIZE);
  if (objects == NULL || offset >= objects->len)
    return NULL;
  return g_ptr_array_index (objects, offset);
}

static int
compare_pages (gconstpointer a,
               gconstpointer b)
{
  guint pa = *(const guint *) a, pb = *(const guint *) b;

  return pa < pb ? -1 : pa > pb;
}

/* Cached page indexes in ascending order. */
static GArray *
cached_pages (GHashTable *pages)
{
  GArray *indexes = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, pages);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint page = GPOINTER_TO_UINT (key);
      g_array_append_val (indexes, page);
    }
  g_array_sort (indexes, compare_pages);
  return indexes;
}

/* Every kept object outside [first, end) must sit where the view expects
 * it: at its old place before @first, @delta further after @end. */
static gboolean
moves_consistent (GHashTable *pages,
                  GHashTable *old_position,
                  gint64      first,
                  gint64      end,
                  gint64      delta)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *objects = value;
      for (guint i = 0; i < objects->len; i++)
        {
          gint64 now = (gint64) GPOINTER_TO_UINT (key) * PAGE_SIZE + i;
          gsize was = GPOINTER_TO_SIZE (g_hash_table_lookup (old_position, objects->pdata[i]));
          gint64 before;

          if (was == 0)
            continue;
          before = (gint64) was - 1;
          if ((before < first && now != before) || (before >= end && now != before + delta) ||
              (before >= first && before < end && (now < first || now >= end + delta)))
            return FALSE;
        }
    }
  return TRUE;
}

/* Swaps in the re-read rows with as small a change as the cached rows
 * allow.  A row whose item is still in the list keeps its object, updated
 * in place: the view then keeps its widget, the selection keeps the item
 * and nothing scrolls.  Positions are compared where both the old and the
 * new rows are known; rows nobody has looked at are not realised in the
 * view, so assuming them unchanged costs nothing. */
static void
apply_update (XbItemListModel *self,
              Reply           *reply)
{
  g_autoptr(GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) old_position = g_hash_table_new (NULL, NULL); /* object → position + 1 */
  g_autoptr(GHashTable) old_pages = g_steal_pointer (&self->pages);
  g_autoptr(GArray) old_indexes = cached_pages (old_pages);
  GHashTableIter iter;
  gpointer key, value;
  gint64 old_n = self->n_items, new_n = reply->n_items, delta = new_n - old_n;
  gint64 first, end, known_end = 0;

  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  if (reply->unit_names != NULL)
    {
      g_clear_pointer (&self->unit_names, g_hash_table_unref);
      self->unit_names = g_steal_pointer (&reply->unit_names);
    }

  g_hash_table_iter_init (&iter, old_pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *objects = value;
      for (guint i = 0; i < objects->len; i++)
        {
          XbItemObject *object = g_ptr_array_index (objects, i);
          gint64 position = (gint64) GPOINTER_TO_UINT (key) * PAGE_SIZE + i;
          g_hash_table_insert (by_uuid, (gpointer) xb_item_object_get_uuid (object), object);
          g_hash_table_insert (old_position, object, GSIZE_TO_POINTER ((gsize) position + 1));
        }
    }

  g_hash_table_iter_init (&iter, reply->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *items = value;
      GPtrArray *objects = g_ptr_array_new_full (items->len, g_object_unref);
      g_autoptr(GHashTable) notes = page_notes (self, items);

      for (guint i = 0; i < items->len; i++)
        {
          XbItem *item = g_ptr_array_index (items, i);
          XbItemObject *object = g_hash_table_lookup (by_uuid, item->uuid);
          const char *unit_name = NULL;

          if (self->unit_names != NULL)
            unit_name = g_hash_table_lookup (self->unit_names, &item->unit_id);
          if (object != NULL)
            {
              /* The key points into the object's item, which update frees. */
              g_hash_table_remove (by_uuid, item->uuid);
              xb_item_object_update (object, item, unit_name);
              g_ptr_array_add (objects, g_object_ref (object));
            }
          else
            g_ptr_array_add (objects, xb_item_object_new (item, unit_name));
          decorate (self, g_ptr_array_index (objects, objects->len - 1), item, notes);
        }
      g_ptr_array_set_free_func (items, NULL);
      g_hash_table_insert (self->pages, key, objects);
    }

  /* The first position whose row changed… */
  first = MIN (old_n, new_n);
  for (guint p = 0; p < old_indexes->len && first == MIN (old_n, new_n); p++)
    {
      guint page = g_array_index (old_indexes, guint, p);
      for (gint64 i = (gint64) page * PAGE_SIZE; i < ((gint64) page + 1) * PAGE_SIZE && i < first; i++)
        {
          gpointer was = cached_object (old_pages, i);
          gpointer is = cached_object (self->pages, i);
          if (was != NULL && is != NULL && was != is)
            {
              first = i;
              break;
            }
        }
    }

  /* …and the end of the change in the old positions: past it, every row
   * known on both sides sits @delta places further than before. */
  end = first;
  for (guint p = old_indexes->len; p > 0 && known_end == 0; p--)
    {
      guint page = g_array_index (old_indexes, guint, p - 1);
      gint64 i = MIN (((gint64) page + 1) * PAGE_SIZE, old_n) - 1;

      for (; i >= first && i >= (gint64) page * PAGE_SIZE; i--)
        {
          gpointer was = cached_object (old_pages, i);
          gpointer is = cached_object (self->pages, i + delta);
          if (was != NULL && is != NULL && was != is)
            {
              known_end = i + 1;
              break;
            }
        }
    }
  end = MAX (end, known_end);
  end = MAX (end, first - delta);  /* never fewer than zero rows added */
  if (!moves_consistent (self->pages, old_position, first, end, delta))
    {
      /* A kept row moved in a way the range does not cover: the view would
       * see one object at two places.  Say that everything changed. */
      first = 0;
      end = old_n;
    }

  self->n_items = (guint) new_n;
  if (end > first || delta != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), (guint) first,
                                (guint) (end - first), (guint) (end - first + delta));
  if (delta != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
update_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  XbItemListModel *self = XB_ITEM_LIST_MODEL (object);
  g_autoptr(GError) error = NULL;
  Reply *reply;

  /* A stale update: a new query replaced the rows and reads the store afresh. */
  if (!take_reply (self, result, &reply, &error))
    return;

  self->updating = FALSE;
  g_clear_object (&self->update_cancellable);
  if (reply == NULL)
    g_signal_emit (self, signals[FAILED], 0, error);
  else
    {
      apply_update (self, reply);
      reply_free (reply);
    }

  if (self->update_again)
    start_update (self);
}

static void
start_update (XbItemListModel *self)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  self->update_again = FALSE;
  if (self->store == NULL)
    return;

  /* Changes arrive a page of the feed at a time: one read at once, and one
   * more afterwards for whatever came in meanwhile. */
  if (self->updating || self->loading)
    {
      self->update_again = TRUE;
      return;
    }

  request = new_request (self);
  request->pages = cached_pages (self->pages);
  /* The top of the list is where new items appear, and an empty cache
   * means nothing was shown yet. */
  if (request->pages->len == 0 || g_array_index (request->pages, guint, 0) != 0)
    {
      guint zero = 0;
      g_array_prepend_val (request->pages, zero);
    }

  self->updating = TRUE;
  self->update_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->update_cancellable, update_done, NULL);
  g_task_set_source_tag (task, start_update);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, update_in_thread);
}

static GPtrArray *
fetch_page (XbItemListModel *self,
            guint            page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  XbItemQuery query;

  fill_query (&query, self->search, self->sort, self->descending, &self->filter);
  items = xb_store_list_items (self->store, &query, page * PAGE_SIZE, PAGE_SIZE, &error);
  if (items == NULL)
    {
      g_signal_emit (self, signals[FAILED], 0, error);
      return NULL;
    }

  if (g_hash_table_size (self->pages) >= MAX_PAGES)
    g_hash_table_remove_all (self->pages);

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), wrap_items (self, items));
  return g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
}

static GType
xb_item_list_model_get_item_type (GListModel *model)
{
  return XB_TYPE_ITEM_OBJECT;
}

static guint
xb_item_list_model_get_n_items (GListModel *model)
{
  return XB_ITEM_LIST_MODEL (model)->n_items;
}

static gpointer
xb_item_list_model_get_item (GListModel *model,
                             guint       position)
{
  XbItemListModel *self = XB_ITEM_LIST_MODEL (model);
  guint page = position / PAGE_SIZE;
  guint offset = position % PAGE_SIZE;
  GPtrArray *objects;

  if (position >= self->n_items || self->store == NULL)
    return NULL;

  objects = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (objects == NULL)
    objects = fetch_page (self, page);
  /* The store may have shrunk since the count; the next reload fixes n_items. */
  if (objects == NULL || offset >= objects->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (objects, offset));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = xb_item_list_model_get_item_type;
  iface->get_n_items = xb_item_list_model_get_n_items;
  iface->get_item = xb_item_list_model_get_item;
}

static void
xb_item_list_model_dispose (GObject *object)
{
  XbItemListModel *self = XB_ITEM_LIST_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->update_cancellable);
  g_clear_object (&self->update_cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (xb_item_list_model_parent_class)->dispose (object);
}

static void
xb_item_list_model_finalize (GObject *object)
{
  XbItemListModel *self = XB_ITEM_LIST_MODEL (object);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->unit_names, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);
  xb_item_filter_clear (&self->filter);

  G_OBJECT_CLASS (xb_item_list_model_parent_class)->finalize (object);
}

static void
xb_item_list_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  XbItemListModel *self = XB_ITEM_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xb_item_list_model_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  XbItemListModel *self = XB_ITEM_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      xb_item_list_model_set_store (self, g_value_get_object (value));
      break;
    case PROP_SEARCH:
      xb_item_list_model_set_search (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xb_item_list_model_class_init (XbItemListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xb_item_list_model_dispose;
  object_class->finalize = xb_item_list_model_finalize;
  object_class->get_property = xb_item_list_model_get_property;
  object_class->set_property = xb_item_list_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, XB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted with a GError when the store could not answer a query. */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
xb_item_list_model_init (XbItemListModel *self)
{
  self->sort = XB_ITEM_SORT_SUBMITTED;
  xb_item_filter_init (&self->filter);
  self->descending = TRUE;
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
}

XbItemListModel *
xb_item_list_model_new (XbStore *store)
{
  return g_object_new (XB_TYPE_ITEM_LIST_MODEL, "store", store, NULL);
}

XbStore *
xb_item_list_model_get_store (XbItemListModel *self)
{
  g_return_val_if_fail (XB_IS_ITEM_LIST_MODEL (self), NULL);
  return self->store;
}

void
xb_item_list_model_set_store (XbItemListModel *self,
                              XbStore         *store)
{
  g_return_if_fail (XB_IS_ITEM_LIST_MODEL (self));
  g_return_if_fail (store == NULL || XB_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  g_clear_pointer (&self->unit_names, g_hash_table_unref);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

const char *
xb_item_list_model_get_search (XbItemListModel *self)
{
  g_return_val_if_fail (XB_IS_ITEM_LIST_MODEL (self), NULL);
  return self->search;
}

void
xb_item_list_model_set_search (XbItemListModel *self,
                               const char      *search)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (XB_IS_ITEM_LIST_MODEL (self));

  stripped = g_strstrip (g_strdup (search ? search : ""));
  if (*stripped == '\0')
    g_clear_pointer (&stripped, g_free);
  if (g_strcmp0 (stripped, self->search) == 0)
    return;

  g_free (self->search);
  self->search = g_steal_pointer (&stripped);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

const XbItemFilter *
xb_item_list_model_get_filter (XbItemListModel *self)
{
  g_return_val_if_fail (XB_IS_ITEM_LIST_MODEL (self), NULL);
  return &self->filter;
}

void
xb_item_list_model_set_filter (XbItemListModel    *self,
                               const XbItemFilter *filter)
{
  g_return_if_fail (XB_IS_ITEM_LIST_MODEL (self));
  g_return_if_fail (filter != NULL);

  if (xb_item_filter_equal (&self->filter, filter))
    return;
  xb_item_filter_copy (&self->filter, filter);
  refresh (self);
}

void
xb_item_list_model_set_sort (XbItemListModel *self,
                             XbItemSort       sort,
                             gboolean         descending)
{
  g_return_if_fail (XB_IS_ITEM_LIST_MODEL (self));

  descending = !!descending;
  if (self->sort == sort && self->descending == descending)
    return;
  self->sort = sort;
  self->descending = descending;
  refresh (self);
}

XbItemSort
xb_item_list_model_get_sort (XbItemListModel *self,
                             gboolean        *descending)
{
  g_return_val_if_fail (XB_IS_ITEM_LIST_MODEL (self), XB_ITEM_SORT_SUBMITTED);
  if (descending != NULL)
    *descending = self->descending;
  return self->sort;
}

gboolean
xb_item_list_model_get_loading (XbItemListModel *self)
{
  g_return_val_if_fail (XB_IS_ITEM_LIST_MODEL (self), FALSE);
  return self->loading;
}

void
xb_item_list_model_reload (XbItemListModel *self)
{
  g_return_if_fail (XB_IS_ITEM_LIST_MODEL (self));
  g_clear_pointer (&self->unit_names, g_hash_table_unref);
  refresh (self);
}

void
xb_item_list_model_update (XbItemListModel *self)
{
  g_return_if_fail (XB_IS_ITEM_LIST_MODEL (self));
  start_update (self);
}
