/* The main window: a sidebar of pages beside the page on show, folding on narrow screens. */
#pragma once

#include <adwaita.h>

#include "xb-application.h"
#include "xb-item-detail.h"
#include "xb-item-list.h"
#include "xb-signin-page.h"
#include "xb-store.h"
#include "xb-sync-engine.h"
#include "xb-sync-status.h"

G_BEGIN_DECLS

#define XB_TYPE_WINDOW (xb_window_get_type ())
G_DECLARE_FINAL_TYPE (XbWindow, xb_window, XB, WINDOW, AdwApplicationWindow)

/* @store may be NULL: the window then shows that the store is being opened. */
XbWindow     *xb_window_new              (XbApplication *application,
                                          XbStore       *store);
XbStore      *xb_window_get_store        (XbWindow      *self);
void          xb_window_set_store        (XbWindow      *self,
                                          XbStore       *store);
/* Replaces the pages by an explanation in plain words. */
void          xb_window_show_error       (XbWindow      *self,
                                          const char    *title,
                                          const char    *description);
void          xb_window_show_toast       (XbWindow      *self,
                                          const char    *text);

/* Pages: "items", "inbox", "signoff", "publications", "dashboard", "admin". */
void          xb_window_set_page         (XbWindow      *self,
                                          const char    *name);
const char   *xb_window_get_page         (XbWindow      *self);
const char   *xb_window_get_page_title   (XbWindow      *self,
                                          const char    *name);
GtkListBox   *xb_window_get_sidebar      (XbWindow      *self);
AdwLeaflet   *xb_window_get_leaflet      (XbWindow      *self);
XbItemList   *xb_window_get_item_list    (XbWindow      *self);
XbItemDetail *xb_window_get_item_detail  (XbWindow      *self);
struct _XbItemEditor *xb_window_get_item_editor (XbWindow *self);
XbSigninPage *xb_window_get_signin_page  (XbWindow      *self);
XbSyncStatus *xb_window_get_sync_status  (XbWindow      *self);

/* The sync engine of the signed-in account: the status indicator follows it
 * and the item list shows the changes it brings.  NULL for a store opened
 * without an account (--store). */
void          xb_window_set_engine       (XbWindow      *self,
                                          XbSyncEngine  *engine);
XbSyncEngine *xb_window_get_engine       (XbWindow      *self);

/* What the window shows: "loading", "error", "signin" or "main". */
const char   *xb_window_get_view         (XbWindow      *self);
/* A spinner under @title, e.g. while signing in. */
void          xb_window_show_busy        (XbWindow      *self,
                                          const char    *title);
/* The sign-in page with its fields filled (NULL leaves a field as it is)
 * and @message, in plain words, under them (NULL for none). */
void          xb_window_show_sign_in     (XbWindow      *self,
                                          const char    *server_url,
                                          const char    *username,
                                          const char    *pinned_certificate,
                                          const char    *message);
/* Back to the pages once the store is open. */
void          xb_window_show_items       (XbWindow      *self);

/* The items page with @uuid in the detail, or in the editor when it is a
 * draft (from a notification). */
void           xb_window_show_item          (XbWindow   *self,
                                             const char *uuid);

G_END_DECLS
