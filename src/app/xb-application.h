/* The Xinbao application: actions, settings, and opening the local store off the main thread. */
#pragma once

#include <adwaita.h>

#include "xb-store.h"

G_BEGIN_DECLS

#define XB_TYPE_APPLICATION (xb_application_get_type ())
G_DECLARE_FINAL_TYPE (XbApplication, xb_application, XB, APPLICATION, AdwApplication)

/* Sets the locale and binds the "xinbao" text domain; call before anything
 * is translated (main() and the UI tests do). */
void           xb_application_init_i18n          (void);

XbApplication *xb_application_new                (void);
/* The settings of cn.gov.Xinbao, or NULL when the schema is not installed. */
GSettings     *xb_application_get_settings       (XbApplication        *self);
/* The path from --store, the "store-path" setting, or the user data dir. */
char          *xb_application_dup_store_path     (XbApplication        *self);
void           xb_application_set_store_path     (XbApplication        *self,
                                                  const char           *path);
/* The open store, or NULL until opening it succeeded. */
XbStore       *xb_application_get_store          (XbApplication        *self);

void           xb_application_open_store_async   (XbApplication        *self,
                                                  const char           *path,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
XbStore       *xb_application_open_store_finish  (XbApplication        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
