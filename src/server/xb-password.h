/* Password hashing (argon2id through libsodium) and random tokens, shared by the server and its command line. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define XB_PASSWORD_MIN_CHARS 8

/* Initialises libsodium; call once before anything else here. */
gboolean  xb_password_init    (GError **error);
/* New passwords set by people (not the demo's) must pass this. */
gboolean  xb_password_acceptable (const char *password, GError **error);
/* An argon2id hash string of @password.  Slow on purpose: call it off the
 * main loop. */
char     *xb_password_hash    (const char *password, GError **error);
gboolean  xb_password_verify  (const char *hash, const char *password);
/* A new token: 32 random bytes as 64 hex characters. */
char     *xb_token_new        (void);
/* What the server stores of a token: its SHA-256 in hex. */
char     *xb_token_hash       (const char *token);

G_END_DECLS
