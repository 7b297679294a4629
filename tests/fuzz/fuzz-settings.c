/* Fuzz target for the settings the app parses (data/cn.gov.Xinbao.gschema.xml): byte 0 picks
 * the key, the rest is its value.
 *
 * "server-url" (byte 0 is 0 modulo 4) goes through xb_sync_client_new(), which must refuse it or
 * accept an address that every request path of the protocol can be appended to: the URL the client
 * then sends to has the same host and ends in exactly that path and query.  "pinned-certificate"
 * goes through xb_sync_client_set_pinned_certificate() as PEM text (1), as the path of a file
 * holding the rest of the input (2), or as a path under /dev/ (3): it is taken or refused with an
 * XB_ERROR_INVALID message, and never read for ever.  (The window's size is bounded by the schema's ranges, which
 * GSettings enforces itself; the last page is checked against the window's pages.) */
#include "config.h"

#include <libsoup/soup.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gprintf.h>
#include <glib/gstdio.h>

#include "xb-fuzz.h"
#include "xb-sync-client.h"
#include "xb-types.h"

/* What the client appends to the server's address (src/sync), with a query where one is sent. */
static const char *const request_paths[] = {
  "/api/v1/health",
  "/api/v1/session",
  "/api/v1/changes?since=0&limit=200",
  "/api/v1/items/5ca9e6ef-ccc2-421f-99b2-71ec605a70e7/actions",
  "/api/v1/attachments/2852d7262f1fd6339a426560101d5840edf5b8999b90eb6b2eea86c8b9f7e298",
};

/* Byte 0 of the input, modulo 4. */
enum { SERVER_URL, PINNED_PEM, PINNED_FILE, PINNED_DEVICE };

static char *cert_dir;

/* abort(), which libFuzzer catches and saves the input of, not g_error()'s SIGTRAP. */
static G_NORETURN void G_GNUC_PRINTF (1, 2)
fail (const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_vfprintf (stderr, format, args);
  va_end (args);
  g_printerr ("\n");
  abort ();
}

static void
remove_cert_dir (void)
{
  g_autofree char *path = g_build_filename (cert_dir, "pinned.pem", NULL);

  g_unlink (path);
  g_rmdir (cert_dir);
  g_clear_pointer (&cert_dir, g_free);
}

static void
check_request_url (const char *base_url, GUri *base, const char *request_path)
{
  g_autofree char *url = g_strconcat (base_url, request_path, NULL);
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  const char *query = strchr (request_path, '?');
  g_autofree char *path = g_strndup (request_path, query != NULL ? (gsize) (query - request_path)
                                                                 : strlen (request_path));

  if (uri == NULL || msg == NULL)
    fail ("“%s” was taken as a server address, but “%s” is not a URL", base_url, url);
  if (!g_str_has_suffix (g_uri_get_path (uri), path))
    fail ("“%s” was taken as a server address, but “%s” asks for “%s”", base_url, url,
             g_uri_get_path (uri));
  g_assert_cmpstr (g_uri_get_query (uri), ==, query != NULL ? query + 1 : NULL);
  g_assert_null (g_uri_get_fragment (uri));
  g_assert_cmpstr (g_uri_get_host (uri), ==, g_uri_get_host (base));
  g_assert_cmpint (g_uri_get_port (uri), ==, g_uri_get_port (base));
}

static void
fuzz_server_url (const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbSyncClient) client = xb_sync_client_new (value, &error);
  g_autoptr(GUri) base = NULL;
  const char *base_url;

  if (client == NULL)
    {
      g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }
  g_assert_no_error (error);
  base_url = xb_sync_client_get_base_url (client);
  base = g_uri_parse (base_url, SOUP_HTTP_URI_FLAGS, NULL);
  if (base == NULL)
    fail ("“%s” was taken as a server address but libsoup cannot parse it", value);
  for (guint i = 0; i < G_N_ELEMENTS (request_paths); i++)
    check_request_url (base_url, base, request_paths[i]);
}

/* @value is PEM text (given "-----BEGIN" if it has none), the contents of a file, or the path of
 * a device; the client takes it or refuses it with a message, and never hangs on it. */
static void
fuzz_pinned_certificate (guint how, const char *value, const uint8_t *bytes, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbSyncClient) client = xb_sync_client_new ("https://127.0.0.1:8480", &error);
  g_autofree char *setting = NULL;

  g_assert_no_error (error);
  if (how == PINNED_PEM)
    setting = strstr (value, "-----BEGIN") != NULL ? g_strdup (value)
                                                   : g_strconcat ("-----BEGIN CERTIFICATE-----\n", value, NULL);
  else if (how == PINNED_FILE)
    {
      if (cert_dir == NULL)
        {
          cert_dir = g_dir_make_tmp ("xb-fuzz-settings-XXXXXX", &error);
          g_assert_no_error (error);
          atexit (remove_cert_dir);
        }
      setting = g_build_filename (cert_dir, "pinned.pem", NULL);
      g_file_set_contents (setting, (const char *) bytes, (gssize) size, &error);
      g_assert_no_error (error);
    }
  else if (g_str_has_prefix (value, "/dev/") && strstr (value, "..") == NULL)
    setting = g_strdup (value);
  else
    return;
  if (!xb_sync_client_set_pinned_certificate (client, setting, &error))
    {
      g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }
  g_assert_no_error (error);
  /* Back to the system's authorities. */
  g_assert_true (xb_sync_client_set_pinned_certificate (client, "", &error));
  g_assert_no_error (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *value = NULL;

  if (size == 0)
    return 0;
  /* A GSettings string is UTF-8 without NUL; anything else never reaches the app (but a
   * certificate file holds any bytes). */
  if (data[0] % 4 != PINNED_FILE
      && (memchr (data + 1, '\0', size - 1) != NULL
          || !g_utf8_validate ((const char *) data + 1, (gssize) size - 1, NULL)))
    return 0;
  value = g_strndup ((const char *) data + 1, size - 1);
  if (data[0] % 4 == SERVER_URL)
    fuzz_server_url (value);
  else
    fuzz_pinned_certificate (data[0] % 4, value, data + 1, size - 1);
  return 0;
}
