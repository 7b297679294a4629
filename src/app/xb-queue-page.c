/* A work queue of the office: the items in some states beside the one on show, with its actions (the inbox, the sign-off queue). */
#include "config.h"

#include "xb-queue-page.h"

struct _XbQueuePage
{
  GtkWidget     parent_instance;

  GtkWidget    *paned;
  XbItemList   *list;
  XbItemDetail *detail;
  XbSyncEngine *engine;
  guint32       states;
};

G_DEFINE_FINAL_TYPE (XbQueuePage, xb_queue_page, GTK_TYPE_WIDGET)

enum {
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_item_selected (XbQueuePage  *self,
                  XbItemObject *item)
{
  xb_item_detail_show_item (self->detail, item != NULL ? xb_item_object_get_uuid (item) : NULL);
}

static void
on_failed (XbQueuePage *self,
           const char  *message)
{
  g_signal_emit (self, signals[FAILED], 0, message);
}

/* Another editor's claim, a signature: the queue and the item follow. */
static void
on_items_changed (XbQueuePage *self,
                  char       **uuids)
{
  const char *shown = xb_item_detail_get_uuid (self->detail);

  xb_item_list_update (self->list);
  if (shown != NULL && uuids != NULL && g_strv_contains ((const char * const *) uuids, shown))
    xb_item_detail_refresh (self->detail);
}

static void
xb_queue_page_dispose (GObject *object)
{
  XbQueuePage *self = XB_QUEUE_PAGE (object);

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->paned, gtk_widget_unparent);
  G_OBJECT_CLASS (xb_queue_page_parent_class)->dispose (object);
}

static void
xb_queue_page_class_init (XbQueuePageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_queue_page_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
xb_queue_page_init (XbQueuePage *self)
{
  self->list = XB_ITEM_LIST (xb_item_list_new ());
  self->detail = XB_ITEM_DETAIL (xb_item_detail_new ());
  self->paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_start_child (GTK_PANED (self->paned), GTK_WIDGET (self->list));
  gtk_paned_set_end_child (GTK_PANED (self->paned), GTK_WIDGET (self->detail));
  gtk_paned_set_resize_start_child (GTK_PANED (self->paned), TRUE);
  gtk_paned_set_shrink_end_child (GTK_PANED (self->paned), FALSE);
  gtk_paned_set_position (GTK_PANED (self->paned), 560);
  gtk_widget_set_parent (self->paned, GTK_WIDGET (self));
  g_signal_connect_object (self->list, "item-selected", G_CALLBACK (on_item_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "failed", G_CALLBACK (on_failed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->detail, "failed", G_CALLBACK (on_failed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
xb_queue_page_new (guint32 states)
{
  XbQueuePage *self = g_object_new (XB_TYPE_QUEUE_PAGE, NULL);

  self->states = states;
  xb_item_filters_set_fixed_states (xb_item_list_get_filters (self->list), states);
  return GTK_WIDGET (self);
}

void
xb_queue_page_set_store (XbQueuePage *self,
                         XbStore     *store)
{
  g_return_if_fail (XB_IS_QUEUE_PAGE (self));
  xb_item_list_set_store (self->list, store);
  xb_item_detail_set_store (self->detail, store);
  xb_item_filters_set_fixed_states (xb_item_list_get_filters (self->list), self->states);
}

void
xb_queue_page_set_engine (XbQueuePage  *self,
                          XbSyncEngine *engine)
{
  g_return_if_fail (XB_IS_QUEUE_PAGE (self));
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    g_signal_connect_object (engine, "items-changed", G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  xb_item_detail_set_engine (self->detail, engine);
}

XbItemList *
xb_queue_page_get_list (XbQueuePage *self)
{
  g_return_val_if_fail (XB_IS_QUEUE_PAGE (self), NULL);
  return self->list;
}

XbItemDetail *
xb_queue_page_get_detail (XbQueuePage *self)
{
  g_return_val_if_fail (XB_IS_QUEUE_PAGE (self), NULL);
  return self->detail;
}
