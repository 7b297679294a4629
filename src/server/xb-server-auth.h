/* Sessions: sign-in with argon2id off the main loop, bearer tokens, login rate limits. */
#pragma once

#include "xb-server-private.h"

G_BEGIN_DECLS

/* Five failed sign-ins for one username, or twenty from one address,
 * within fifteen minutes lock that username or address until the oldest
 * failure leaves the window. */
#define XB_LOGIN_WINDOW_SECONDS  (15 * 60)
#define XB_LOGIN_MAX_PER_USER    5
#define XB_LOGIN_MAX_PER_ADDRESS 20
#define XB_SESSION_SECONDS       (30 * 24 * 3600)

XbLoginLimiter *xb_login_limiter_new     (void);
void            xb_login_limiter_free    (XbLoginLimiter *limiter);
/* Counts one attempt as a failure before the password is checked, so that
 * parallel guesses cannot slip past the limit.  Returns 0 when the attempt
 * may go ahead, otherwise the seconds to wait (nothing is counted then). */
gint64          xb_login_limiter_begin   (XbLoginLimiter *limiter,
                                          const char     *username,
                                          const char     *address,
                                          gint64          now);
/* The attempt begun at @now succeeded: it and the username's earlier
 * failures no longer count. */
void            xb_login_limiter_succeed (XbLoginLimiter *limiter,
                                          const char     *username,
                                          const char     *address,
                                          gint64          now);

/* argon2id, taking turns with sign-in checks (see xb-server-auth.c). */
char           *xb_server_auth_hash_password (const char *password,
                                              GError    **error);

/* For routes that need a caller: the bearer token's live session and its
 * user, or 401. */
gboolean        xb_server_auth_authenticate (XbRequest *req);

/* POST, DELETE and GET /api/v1/session. */
void            xb_server_auth_sign_in      (XbRequest *req);
void            xb_server_auth_sign_out     (XbRequest *req);
void            xb_server_auth_session      (XbRequest *req);

G_END_DECLS
