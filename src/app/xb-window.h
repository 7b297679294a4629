/* The main window: a sidebar of pages beside the page on show, folding on narrow screens. */
#pragma once

#include <adwaita.h>

#include "xb-application.h"
#include "xb-item-detail.h"
#include "xb-item-list.h"
#include "xb-store.h"

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

G_END_DECLS
