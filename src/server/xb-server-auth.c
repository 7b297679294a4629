/* Sessions: sign-in with argon2id off the main loop, bearer tokens, login rate limits. */
#include "config.h"

#include <string.h>

#include "xb-codec.h"
#include "xb-password.h"
#include "xb-server-auth.h"

/* ---- login rate limits -------------------------------------------------------------- */

/* Tables keyed by username or address; each value is the GArray of the
 * failure times (unix seconds, oldest first) still inside the window. */
struct _XbLoginLimiter
{
  GMutex      lock;
  GHashTable *users;
  GHashTable *addresses;
};

/* Above this many keys, keys without recent failures are swept out, so a
 * stream of made-up usernames cannot grow the tables for ever. */
#define SWEEP_ABOVE 4096

XbLoginLimiter *
xb_login_limiter_new (void)
{
  XbLoginLimiter *limiter = g_new0 (XbLoginLimiter, 1);

  g_mutex_init (&limiter->lock);
  limiter->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  limiter->addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  return limiter;
}

void
xb_login_limiter_free (XbLoginLimiter *limiter)
{
  if (limiter == NULL)
    return;
  g_hash_table_unref (limiter->users);
  g_hash_table_unref (limiter->addresses);
  g_mutex_clear (&limiter->lock);
  g_free (limiter);
}

/* Forgets the failures that left the window; returns how many remain. */
static guint
prune (GArray *times, gint64 now)
{
  guint old = 0;

  while (old < times->len && g_array_index (times, gint64, old) <= now - XB_LOGIN_WINDOW_SECONDS)
    old++;
  g_array_remove_range (times, 0, old);
  return times->len;
}

/* Seconds until @key is below @max failures in the window, or 0. */
static gint64
wait_for (GHashTable *table, const char *key, guint max, gint64 now)
{
  GArray *times = g_hash_table_lookup (table, key);

  if (times == NULL || prune (times, now) < max)
    return 0;
  return MAX (1, g_array_index (times, gint64, times->len - max) + XB_LOGIN_WINDOW_SECONDS - now);
}

static void
note_failure (GHashTable *table, const char *key, gint64 now)
{
  GArray *times = g_hash_table_lookup (table, key);

  if (times == NULL)
    {
      times = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (table, g_strdup (key), times);
    }
  g_array_append_val (times, now);
}

static gboolean
expired (gpointer key, gpointer value, gpointer user_data)
{
  return prune (value, *(gint64 *) user_data) == 0;
}

static void
sweep (GHashTable *table, gint64 now)
{
  if (g_hash_table_size (table) > SWEEP_ABOVE)
    g_hash_table_foreach_remove (table, expired, &now);
}

gint64
xb_login_limiter_begin (XbLoginLimiter *limiter, const char *username, const char *address, gint64 now)
{
  g_autoptr(GMutexLocker) locker G_GNUC_UNUSED = g_mutex_locker_new (&limiter->lock);
  gint64 wait = MAX (wait_for (limiter->users, username, XB_LOGIN_MAX_PER_USER, now),
                     wait_for (limiter->addresses, address, XB_LOGIN_MAX_PER_ADDRESS, now));

  if (wait > 0)
    return wait;
  sweep (limiter->users, now);
  sweep (limiter->addresses, now);
  note_failure (limiter->users, username, now);
  note_failure (limiter->addresses, address, now);
  return 0;
}

void
xb_login_limiter_succeed (XbLoginLimiter *limiter, const char *username, const char *address, gint64 now)
{
  g_autoptr(GMutexLocker) locker G_GNUC_UNUSED = g_mutex_locker_new (&limiter->lock);
  GArray *times = g_hash_table_lookup (limiter->addresses, address);

  g_hash_table_remove (limiter->users, username);
  for (guint i = times != NULL ? times->len : 0; i > 0; i--)
    if (g_array_index (times, gint64, i - 1) == now)
      {
        g_array_remove_index (times, i - 1);
        break;
      }
}

/* ---- passwords ---------------------------------------------------------------------- */

/* Each argon2id check takes 64 MiB and a core for a while; more at once than
 * there are cores only costs memory, so the rest wait their turn. */
static GMutex hash_lock;
static GCond  hash_cond;
static guint  hashing;

static void
hash_slot_take (void)
{
  guint max = MAX (1, g_get_num_processors ());

  g_mutex_lock (&hash_lock);
  while (hashing >= max)
    g_cond_wait (&hash_cond, &hash_lock);
  hashing++;
  g_mutex_unlock (&hash_lock);
}

static void
hash_slot_give (void)
{
  g_mutex_lock (&hash_lock);
  hashing--;
  g_cond_signal (&hash_cond);
  g_mutex_unlock (&hash_lock);
}

static gboolean
verify_password (const char *hash, const char *password)
{
  gboolean ok;

  hash_slot_take ();
  ok = xb_password_verify (hash, password);
  hash_slot_give ();
  return ok;
}

/* Checking against this when there is no such account takes as long as a
 * real check, so the answer's timing does not tell which usernames exist. */
static const char no_account_hash[] =
  "$argon2id$v=19$m=65536,t=2,p=1$L1chpNfhGZ7nlhbloqpeJw$ZiINZkM+DgMa8uvPC+LWN09NnUx3v65jg6CmZTJu6VU";

/* ---- tokens ------------------------------------------------------------------------- */

static gboolean
looks_like_token (const char *token)
{
  if (strlen (token) != 64)
    return FALSE;
  for (const char *c = token; *c != '\0'; c++)
    if (!g_ascii_isxdigit (*c) || g_ascii_isupper (*c))
      return FALSE;
  return TRUE;
}

gboolean
xb_server_auth_authenticate (XbRequest *req)
{
  g_autofree char *hash = NULL;
  gint64 user_id, expires = 0;
  XbUser *user = NULL;

  if (req->token == NULL)
    return xb_request_fail (req, 401, N_("Sign in first: this request needs a token.")), FALSE;
  if (!looks_like_token (req->token))
    return xb_request_fail (req, 401, N_("The token is not valid; sign in again.")), FALSE;
  hash = xb_token_hash (req->token);
  user_id = xb_store_session_user (req->store, hash, xb_server_now (), &expires);
  if (user_id != 0)
    user = xb_store_get_user (req->store, user_id, NULL);
  if (user == NULL)
    return xb_request_fail (req, 401, N_("The session has expired or was ended; sign in again.")), FALSE;
  req->user = user;
  req->token_hash = g_steal_pointer (&hash);
  req->expires_at = expires;
  req->log_user = g_strdup (user->username);
  return TRUE;
}

/* ---- routes ------------------------------------------------------------------------- */

static JsonNode *
session_answer (const char *token, gint64 expires_at, const XbUser *user)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *expires = xb_time_format (expires_at);

  if (token != NULL)
    json_object_set_string_member (obj, "token", token);
  json_object_set_string_member (obj, "expires_at", expires);
  json_object_set_member (obj, "user", xb_user_to_node (user));
  json_node_take_object (node, obj);
  return node;
}

static void
issue_token (XbRequest *req, const XbUser *user, gint64 now)
{
  g_autofree char *token = xb_token_new ();
  g_autofree char *hash = xb_token_hash (token);
  g_autoptr(GError) error = NULL;
  gint64 expires = now + XB_SESSION_SECONDS;

  if (!xb_store_add_session (req->store, hash, user->id, expires, &error))
    xb_request_fail_error (req, error);
  else
    xb_request_reply (req, SOUP_STATUS_OK, session_answer (token, expires, user));
  memset (token, 0, strlen (token));
}

static const XbField sign_in_fields[] = {
  { "username", XB_FIELD_STRING, XB_FIELD_REQUIRED },
  { "password", XB_FIELD_STRING, XB_FIELD_REQUIRED },
};

/* Whether @password opens @username's live account; *@user is set when the
 * account exists and the password is right. */
static gboolean
check_password (XbRequest *req, const char *username, const char *password, XbUser **user)
{
  g_autoptr(XbUser) found = xb_store_find_user (req->store, username, NULL);
  g_autofree char *hash = found != NULL ? xb_store_get_password_hash (req->store, found->id) : NULL;

  if (!verify_password (hash != NULL ? hash : no_account_hash, password) || hash == NULL)
    return FALSE;
  *user = g_steal_pointer (&found);
  return TRUE;
}

void
xb_server_auth_sign_in (XbRequest *req)
{
  g_autoptr(JsonNode) root = xb_request_json (req);
  g_autoptr(XbUser) user = NULL;
  g_autofree char *key = NULL;
  const char *username, *password, *address = req->remote ? req->remote : "";
  JsonObject *obj;
  gint64 now = xb_server_now (), wait;

  if (root == NULL || !xb_request_check_fields (req, obj = json_node_get_object (root),
                                                sign_in_fields, G_N_ELEMENTS (sign_in_fields)))
    return;
  username = json_object_get_string_member (obj, "username");
  password = json_object_get_string_member (obj, "password");
  /* Bounds the limiter's keys (g_utf8_substring must not pass the end). */
  key = g_utf8_strlen (username, -1) > XB_NAME_MAX_CHARS
        ? g_utf8_substring (username, 0, XB_NAME_MAX_CHARS) : g_strdup (username);
  if ((wait = xb_login_limiter_begin (req->server->limiter, key, address, now)) > 0)
    {
      req->retry_after = (int) wait;
      xb_request_fail (req, 429, N_("Too many failed sign-ins. Try again in %d minutes."),
                       (int) (wait + 59) / 60);
      return;
    }
  if (!check_password (req, username, password, &user))
    xb_request_fail (req, 401, N_("Wrong username or password."));
  else if (user->disabled)
    xb_request_fail (req, 401, N_("This account is disabled. Ask the administrator."));
  else
    {
      xb_login_limiter_succeed (req->server->limiter, key, address, now);
      req->log_user = g_strdup (user->username);
      issue_token (req, user, now);
    }
}

void
xb_server_auth_sign_out (XbRequest *req)
{
  g_autoptr(GError) error = NULL;

  if (!xb_store_revoke_session (req->store, req->token_hash, &error))
    xb_request_fail_error (req, error);
  else
    xb_request_reply (req, SOUP_STATUS_NO_CONTENT, NULL);
}

void
xb_server_auth_session (XbRequest *req)
{
  xb_request_reply (req, SOUP_STATUS_OK, session_answer (NULL, req->expires_at, req->user));
}

char *
xb_server_auth_hash_password (const char *password, GError **error)
{
  char *hash;

  hash_slot_take ();
  hash = xb_password_hash (password, error);
  hash_slot_give ();
  return hash;
}
