/* Password hashing and tokens on libsodium: argon2id hashes, 256-bit random tokens stored as SHA-256. */
#include "config.h"

#include <sodium.h>
#include <string.h>

#include "xb-password.h"
#include "xb-types.h"

gboolean
xb_password_init (GError **error)
{
  if (sodium_init () < 0)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_FAILED, "libsodium could not start"), FALSE;
  return TRUE;
}

char *
xb_password_hash (const char *password, GError **error)
{
  char hash[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (password != NULL, NULL);
  if (crypto_pwhash_str (hash, password, strlen (password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_FAILED, "Out of memory hashing a password."), NULL;
  return g_strdup (hash);
}

gboolean
xb_password_acceptable (const char *password, GError **error)
{
  if (password == NULL || !g_utf8_validate (password, -1, NULL)
      || g_utf8_strlen (password, -1) < XB_PASSWORD_MIN_CHARS)
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                        "A password needs at least %d characters.", XB_PASSWORD_MIN_CHARS), FALSE;
  return TRUE;
}

gboolean
xb_password_verify (const char *hash, const char *password)
{
  if (hash == NULL || password == NULL)
    return FALSE;
  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

char *
xb_token_new (void)
{
  guint8 bytes[32];
  char hex[sizeof bytes * 2 + 1];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2hex (hex, sizeof hex, bytes, sizeof bytes);
  sodium_memzero (bytes, sizeof bytes);
  return g_strdup (hex);
}

char *
xb_token_hash (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}
