/* The Xinbao application: the account and its store, the sync engine, actions and settings. */
#pragma once

#include <adwaita.h>

#include "xb-store.h"
#include "xb-sync-client.h"
#include "xb-sync-engine.h"

G_BEGIN_DECLS

#define XB_TYPE_APPLICATION (xb_application_get_type ())
G_DECLARE_FINAL_TYPE (XbApplication, xb_application, XB, APPLICATION, AdwApplication)

/* Sets the locale and binds the "xinbao" text domain; call before anything
 * is translated (main() and the UI tests do). */
void           xb_application_init_i18n          (void);

XbApplication *xb_application_new                (void);
/* The settings of cn.gov.Xinbao, or NULL when the schema is not installed. */
GSettings     *xb_application_get_settings       (XbApplication        *self);
/* The path of the store on show, or the one --store asked for. */
char          *xb_application_dup_store_path     (XbApplication        *self);
/* Opens this store without an account (--store, the "store-path" setting). */
void           xb_application_set_store_path     (XbApplication        *self,
                                                  const char           *path);
/* The open store, or NULL until opening it succeeded. */
XbStore       *xb_application_get_store          (XbApplication        *self);
/* The signed-in account's engine and client; NULL when nobody is signed in. */
XbSyncEngine  *xb_application_get_engine         (XbApplication        *self);
XbSyncClient  *xb_application_get_client         (XbApplication        *self);

void           xb_application_open_store_async   (XbApplication        *self,
                                                  const char           *path,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
XbStore       *xb_application_open_store_finish  (XbApplication        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Signs in to @server_url, opens the account's own store (see
 * xb_application_account_store_path()), keeps the user and the token in
 * it, starts syncing and shows the items in every window.
 * @pinned_certificate is a PEM file or text to trust instead of the system
 * CAs ("" for none), saved in the settings on success; NULL uses the
 * setting.  Errors are XB_ERROR (UNAUTHORIZED, OFFLINE, CERTIFICATE,
 * RATE_LIMITED, INVALID for a bad address, …) with a message in plain words
 * for the sign-in page. */
void           xb_application_sign_in_async      (XbApplication        *self,
                                                  const char           *server_url,
                                                  const char           *username,
                                                  const char           *password,
                                                  const char           *pinned_certificate,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean       xb_application_sign_in_finish     (XbApplication        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
/* Stops syncing, revokes the token on the server (best effort), forgets it
 * locally and shows the sign-in page.  Unsent work stays in the store. */
void           xb_application_sign_out           (XbApplication        *self);

/* "xinxi.example.gov.cn/" → "https://xinxi.example.gov.cn". */
char          *xb_application_normalize_server_url (const char         *text);
/* A file-name-safe "username@host_port" for the account, or NULL when
 * @server_url has no host. */
char          *xb_application_account_name       (const char           *server_url,
                                                  const char           *username);
/* $XDG_DATA_HOME/xinbao/ACCOUNT.db */
char          *xb_application_account_store_path (const char           *server_url,
                                                  const char           *username);

G_END_DECLS
