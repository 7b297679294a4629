/* The sign-in page: server address, username and password, with errors in plain words. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define XB_TYPE_SIGNIN_PAGE (xb_signin_page_get_type ())
G_DECLARE_FINAL_TYPE (XbSigninPage, xb_signin_page, XB, SIGNIN_PAGE, GtkWidget)

GtkWidget   *xb_signin_page_new             (void);
/* Fills the fields, e.g. from the last account; NULL leaves a field as it is. */
void         xb_signin_page_prefill         (XbSigninPage *self,
                                             const char   *server_url,
                                             const char   *username,
                                             const char   *pinned_certificate);
/* Shows @message (plain words) under the fields; NULL hides it. */
void         xb_signin_page_set_error       (XbSigninPage *self,
                                             const char   *message);
const char  *xb_signin_page_get_error       (XbSigninPage *self);
/* TRUE while a sign-in runs. */
gboolean     xb_signin_page_get_busy        (XbSigninPage *self);
/* Moves the focus to the first field still empty. */
void         xb_signin_page_focus_first_empty (XbSigninPage *self);

/* The fields and the button, for the UI tests. */
AdwEntryRow *xb_signin_page_get_server_row   (XbSigninPage *self);
AdwEntryRow *xb_signin_page_get_username_row (XbSigninPage *self);
AdwEntryRow *xb_signin_page_get_password_row (XbSigninPage *self);
GtkButton   *xb_signin_page_get_sign_in_button (XbSigninPage *self);

G_END_DECLS
