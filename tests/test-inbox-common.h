/* Helpers shared by the UI tests of the office's queues: the inbox shown in a window, waiting on its rows and its detail. */
#pragma once

#include "test-sync-common.h"
#include "xb-inbox.h"
#include "xb-test-ui.h"

typedef struct {
  XbInbox    *inbox;
  const char *uuid;
  XbAction    action;
} Waiting;

static gboolean
inbox_loaded (gpointer user_data)
{
  return !xb_inbox_get_loading (XB_INBOX (user_data));
}

G_GNUC_UNUSED static gboolean
detail_shows (gpointer user_data)
{
  Waiting *w = user_data;
  XbItemDetail *detail = xb_inbox_get_detail (w->inbox);

  return g_strcmp0 (xb_item_detail_get_uuid (detail), w->uuid) == 0 && xb_item_detail_get_title (detail) != NULL;
}

G_GNUC_UNUSED static int
row_of (XbInbox *inbox, const char *uuid)
{
  for (guint i = 0; i < xb_inbox_get_n_rows (inbox); i++)
    if (g_strcmp0 (xb_inbox_get_row_uuid (inbox, i), uuid) == 0)
      return (int) i;
  return -1;
}

/* @client's queue of @mode in a window of its own, loaded. */
G_GNUC_UNUSED static GtkWidget *
show_inbox (TestClient *client, XbInboxMode mode, XbInbox **inbox)
{
  GtkWidget *window;

  *inbox = XB_INBOX (xb_inbox_new (mode));
  xb_inbox_set_store (*inbox, client->store);
  xb_inbox_set_engine (*inbox, client->engine);
  window = xb_test_ui_show (GTK_WIDGET (*inbox), 1280, 800);
  xb_test_ui_wait_until (inbox_loaded, *inbox, "the queue");
  return window;
}
