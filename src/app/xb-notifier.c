/* Desktop notifications for a reporting unit: its items returned, adopted, given a leader's instruction, and requests close to their deadline. */
#include "config.h"

#include <glib/gi18n.h>

#include "xb-notifier.h"
#include "xb-store-requests.h"

/* Events after this second (Unix time) are news, and those in it that are
 * not yet seen; both kept in the store. */
#define MARK_KEY "notified_until"
#define SEEN_KEY "notified_at_mark"
/* Requests whose coming deadline was notified, as a comma-separated list of ids. */
#define REQUESTS_KEY "notified_requests"
/* How long before its deadline an unanswered request is news. */
#define DEADLINE_NEAR (48 * 60 * 60)
#define DEADLINE_CHECK_SECONDS (60 * 60)

struct _XbNotifier
{
  GObject       parent_instance;

  GApplication *app;    /* weak: the application owns us */
  XbStore      *store;
  XbSyncEngine *engine;
  gint64        mark;
  GHashTable   *seen;   /* event ids of the mark's second already looked at */
  guint         deadline_timer;
};

G_DEFINE_FINAL_TYPE (XbNotifier, xb_notifier, G_TYPE_OBJECT)

enum {
  NOTIFICATION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
xb_notifier_dispose (GObject *object)
{
  XbNotifier *self = XB_NOTIFIER (object);

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_handle_id (&self->deadline_timer, g_source_remove);
  g_clear_object (&self->store);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  G_OBJECT_CLASS (xb_notifier_parent_class)->dispose (object);
}

static void
xb_notifier_class_init (XbNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_notifier_dispose;
  signals[NOTIFICATION] = g_signal_new ("notification", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                        G_TYPE_STRING, G_TYPE_NOTIFICATION);
}

static void
xb_notifier_init (XbNotifier *self)
{
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* The heading of a notification for @event, or NULL when it is no news. */
static const char *
heading (const XbEvent *event)
{
  if (event->action == XB_ACTION_RETURN && event->to == XB_STATE_RETURNED)
    return _("Your item was returned for revision");
  if (event->to == XB_STATE_ADOPTED && event->from != XB_STATE_ADOPTED)
    return _("Your item was adopted");
  if (event->action == XB_ACTION_PROVINCE_ADOPT)
    return _("Your item was adopted by the province");
  if (event->action == XB_ACTION_STATE_ADOPT)
    return _("Your item was adopted by the State Council office");
  if (event->action == XB_ACTION_INSTRUCT)
    return _("A leader gave an instruction on your item");
  return NULL;
}

static void
send (XbNotifier *self, const XbItem *item, const XbEvent *event, const char *title)
{
  g_autoptr(GNotification) notification = g_notification_new (title);
  g_autofree char *id = g_strconcat ("event-", event->id, NULL);
  g_autofree char *body = NULL;

  if (event->comment != NULL && *event->comment != '\0')
    body = g_strdup_printf ("%s\n%s", item->title, event->comment);
  else
    body = g_strdup (item->title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-item", "s", item->uuid);
  g_signal_emit (self, signals[NOTIFICATION], 0, id, notification);
  if (self->app != NULL)
    g_application_send_notification (self->app, id, notification);
}

static gboolean
is_news (XbNotifier *self, const XbEvent *event)
{
  return event->at > self->mark || (event->at == self->mark && !g_hash_table_contains (self->seen, event->id));
}

/* Moves the mark to @event's second if it is later, and notes it seen. */
static void
note_seen (XbNotifier *self, const XbEvent *event)
{
  if (event->at > self->mark)
    {
      self->mark = event->at;
      g_hash_table_remove_all (self->seen);
    }
  if (event->at == self->mark)
    g_hash_table_add (self->seen, g_strdup (event->id));
}

/* Collects @uuid's news into @news (pairs: item, event), keeping the item
 * alive in @items; nothing moves the mark until all items were looked at. */
static void
collect_news (XbNotifier *self, const XbUser *user, const char *uuid, GPtrArray *items, GPtrArray *news)
{
  XbItem *item = xb_store_get_item (self->store, uuid, NULL);

  if (item == NULL)
    return;
  g_ptr_array_add (items, item);
  if (item->unit_id != user->unit_id)
    return;
  for (guint i = 0; i < item->events->len; i++)
    if (is_news (self, item->events->pdata[i]))
      {
        g_ptr_array_add (news, item);
        g_ptr_array_add (news, item->events->pdata[i]);
      }
}

static void
save_mark (XbNotifier *self)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, self->mark);
  g_autofree char **ids = (char **) g_hash_table_get_keys_as_array (self->seen, NULL);
  g_autofree char *seen = g_strjoinv (",", ids);

  xb_store_set_meta (self->store, MARK_KEY, text, NULL);
  xb_store_set_meta (self->store, SEEN_KEY, seen, NULL);
}

static void
load_mark (XbNotifier *self)
{
  g_autofree char *mark = xb_store_get_meta (self->store, MARK_KEY);
  g_autofree char *seen = xb_store_get_meta (self->store, SEEN_KEY);
  g_auto(GStrv) ids = seen != NULL ? g_strsplit (seen, ",", -1) : NULL;

  if (mark == NULL)
    {
      /* The past is not news. */
      self->mark = g_get_real_time () / G_USEC_PER_SEC;
      save_mark (self);
      return;
    }
  self->mark = g_ascii_strtoll (mark, NULL, 10);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (*ids[i] != '\0')
      g_hash_table_add (self->seen, g_strdup (ids[i]));
}

guint
xb_notifier_check (XbNotifier          *self,
                   const char * const  *uuids)
{
  g_autoptr(XbUser) user = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_item_free);
  g_autoptr(GPtrArray) news = g_ptr_array_new ();
  guint sent = 0;

  g_return_val_if_fail (XB_IS_NOTIFIER (self), 0);
  user = xb_store_dup_signed_in_user (self->store);
  if (user == NULL || uuids == NULL)
    return 0;
  for (guint i = 0; uuids[i] != NULL; i++)
    collect_news (self, user, uuids[i], items, news);
  for (guint i = 0; i < news->len; i += 2)
    {
      const XbItem *item = news->pdata[i];
      const XbEvent *event = news->pdata[i + 1];
      const char *title = heading (event);

      note_seen (self, event);
      if (title != NULL && event->actor_id != user->id)
        {
          send (self, item, event, title);
          sent++;
        }
    }
  if (news->len > 0)
    save_mark (self);
  return sent;
}

/* Whether @id is in the comma-separated @list. */
static gboolean
list_has (const char *list, gint64 id)
{
  g_auto(GStrv) ids = list != NULL ? g_strsplit (list, ",", -1) : NULL;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (*ids[i] != '\0' && g_ascii_strtoll (ids[i], NULL, 10) == id)
      return TRUE;
  return FALSE;
}

static void
remember_request (XbNotifier *self, gint64 id)
{
  g_autofree char *list = xb_store_get_meta (self->store, REQUESTS_KEY);
  g_autofree char *longer = NULL;

  if (list != NULL && *list != '\0')
    longer = g_strdup_printf ("%s,%" G_GINT64_FORMAT, list, id);
  else
    longer = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  xb_store_set_meta (self->store, REQUESTS_KEY, longer, NULL);
}

static void
send_deadline (XbNotifier *self, const XbRequest *request, gint64 now)
{
  g_autoptr(GNotification) notification = g_notification_new (_("A requested item is due soon"));
  g_autofree char *id = g_strdup_printf ("request-%" G_GINT64_FORMAT, request->id);
  g_autoptr(GDateTime) deadline = g_date_time_new_from_unix_local (request->deadline);
  g_autofree char *when = g_date_time_format (deadline, "%Y-%m-%d %H:%M");
  glong hours = MAX (1, (request->deadline - now + 1800) / 3600);
  g_autofree char *left = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%ld hour left", "%ld hours left", hours), hours);
  g_autofree char *body = NULL;

  /* Translators: a commissioned request's topic, its deadline and the time left:
   * "春耕备耕情况\nDue 2026-03-14 18:00 (20 hours left)". */
  body = g_strdup_printf (_("%s\nDue %s (%s)"), request->topic, when, left);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_signal_emit (self, signals[NOTIFICATION], 0, id, notification);
  if (self->app != NULL)
    g_application_send_notification (self->app, id, notification);
}

guint
xb_notifier_check_deadlines (XbNotifier *self,
                             gint64      now)
{
  g_autoptr(XbUser) user = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notified = NULL;
  guint sent = 0;

  g_return_val_if_fail (XB_IS_NOTIFIER (self), 0);
  user = xb_store_dup_signed_in_user (self->store);
  if (user == NULL || user->unit_id == 0)
    return 0;
  requests = xb_store_list_requests (self->store, user->unit_id, TRUE, now, &error);
  if (requests == NULL)
    {
      g_debug ("Could not list requests: %s", error->message);
      return 0;
    }
  notified = xb_store_get_meta (self->store, REQUESTS_KEY);
  for (guint i = 0; i < requests->len; i++)
    {
      const XbRequest *request = requests->pdata[i];

      if (request->deadline - now > DEADLINE_NEAR || list_has (notified, request->id))
        continue;
      send_deadline (self, request, now);
      remember_request (self, request->id);
      sent++;
    }
  return sent;
}

static gboolean
on_deadline_timer (gpointer user_data)
{
  XbNotifier *self = user_data;

  xb_notifier_check_deadlines (self, g_get_real_time () / G_USEC_PER_SEC);
  return G_SOURCE_CONTINUE;
}

static void
on_items_changed (XbNotifier *self, char **uuids)
{
  xb_notifier_check (self, (const char * const *) uuids);
  /* A sync may also have brought requests; the query is cheap. */
  xb_notifier_check_deadlines (self, g_get_real_time () / G_USEC_PER_SEC);
}

void
xb_notifier_attach (XbNotifier   *self,
                    XbSyncEngine *engine)
{
  g_return_if_fail (XB_IS_NOTIFIER (self));
  g_return_if_fail (XB_IS_SYNC_ENGINE (engine));

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  g_signal_connect_swapped (engine, "items-changed", G_CALLBACK (on_items_changed), self);
  xb_notifier_check_deadlines (self, g_get_real_time () / G_USEC_PER_SEC);
  if (self->deadline_timer == 0)
    self->deadline_timer = g_timeout_add_seconds (DEADLINE_CHECK_SECONDS, on_deadline_timer, self);
}

XbNotifier *
xb_notifier_new (GApplication *app,
                 XbStore      *store,
                 XbSyncEngine *engine)
{
  XbNotifier *self = g_object_new (XB_TYPE_NOTIFIER, NULL);

  self->app = app;
  self->store = g_object_ref (store);
  load_mark (self);
  if (engine != NULL)
    xb_notifier_attach (self, engine);
  return self;
}
