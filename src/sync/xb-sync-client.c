/* The client side of the protocol on libsoup: one session per server. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "xb-codec.h"
#include "xb-sync-client.h"
#include "xb-types.h"

struct _XbSyncClient
{
  GObject          parent_instance;
  char            *base_url;
  SoupSession     *session;
  char            *token;
  XbUser          *user;    /* from the last sign-in; NULL before */
  GTlsCertificate *pinned;  /* trusted instead of the system CAs; NULL for those */
};

G_DEFINE_FINAL_TYPE (XbSyncClient, xb_sync_client, G_TYPE_OBJECT)

static void
xb_sync_client_finalize (GObject *object)
{
  XbSyncClient *self = XB_SYNC_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_object (&self->pinned);
  g_clear_pointer (&self->user, xb_user_free);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_free (self->base_url);
  G_OBJECT_CLASS (xb_sync_client_parent_class)->finalize (object);
}

static void
xb_sync_client_class_init (XbSyncClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xb_sync_client_finalize;
}

static void
xb_sync_client_init (XbSyncClient *self)
{
  self->session = soup_session_new_with_options ("user-agent", "Xinbao/" PACKAGE_VERSION " ",
                                                 "timeout", 30, NULL);
}

XbSyncClient *
xb_sync_client_new (const char *base_url, GError **error)
{
  g_autoptr(GUri) uri = g_uri_parse (base_url ? base_url : "", G_URI_FLAGS_NONE, NULL);
  XbSyncClient *self;
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;

  /* Request paths are appended to it, so a query or fragment would swallow them; a
   * password in it would show wherever the address does. */
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0)
      || g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                        _("“%s” is not a server address; it looks like http://host:port"),
                        base_url ? base_url : ""), NULL;
  self = g_object_new (XB_TYPE_SYNC_CLIENT, NULL);
  self->base_url = g_strdup (base_url);
  if (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  return self;
}

const char *
xb_sync_client_get_base_url (XbSyncClient *self)
{
  return self->base_url;
}

const char *
xb_sync_client_get_token (XbSyncClient *self)
{
  return self->token;
}

void
xb_sync_client_set_token (XbSyncClient *self, const char *token)
{
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  self->token = (token != NULL && *token != '\0') ? g_strdup (token) : NULL;
}

const XbUser *
xb_sync_client_get_user (XbSyncClient *self)
{
  return self->user;
}

/* ---- pinned certificate ------------------------------------------------------- */

static GTlsCertificate *
load_certificate (const char *pem_or_path, GError **error)
{
  g_autoptr(GError) local = NULL;
  GTlsCertificate *cert;

  if (strstr (pem_or_path, "-----BEGIN") != NULL)
    cert = g_tls_certificate_new_from_pem (pem_or_path, -1, &local);
  else if (!g_file_test (pem_or_path, G_FILE_TEST_IS_REGULAR))
    {
      /* A device such as /dev/zero would be read for ever. */
      g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                   _("The pinned certificate “%s” is not a file that can be read."), pem_or_path);
      return NULL;
    }
  else
    cert = g_tls_certificate_new_from_file (pem_or_path, &local);
  if (cert == NULL)
    g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                 _("The pinned certificate cannot be read: %s"), local->message);
  return cert;
}

gboolean
xb_sync_client_set_pinned_certificate (XbSyncClient *self, const char *pem_or_path, GError **error)
{
  g_autoptr(GTlsCertificate) cert = NULL;

  if (pem_or_path == NULL || *pem_or_path == '\0')
    {
      g_autoptr(GTlsDatabase) system = g_tls_backend_get_default_database (g_tls_backend_get_default ());

      g_clear_object (&self->pinned);
      soup_session_set_tls_database (self->session, system);
      return TRUE;
    }
  if ((cert = load_certificate (pem_or_path, error)) == NULL)
    return FALSE;
  g_set_object (&self->pinned, cert);
  /* Without a database every certificate fails validation, so each one
   * reaches on_accept_certificate, where only the pinned one passes: a
   * certificate some public CA signed for the host is refused as well. */
  soup_session_set_tls_database (self->session, NULL);
  return TRUE;
}

static gboolean
on_accept_certificate (SoupMessage          *msg,
                       GTlsCertificate      *peer,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  XbSyncClient *self = user_data;

  return self->pinned != NULL && g_tls_certificate_is_same (peer, self->pinned);
}

/* ---- responses -------------------------------------------------------------- */

void
xb_response_free (XbResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response);
}

/* Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
static int
parse_retry_after (const char *value)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint64 seconds;
  GTimeSpan delta;

  if (value == NULL)
    return -1;
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT, &seconds, NULL))
    return (int) seconds;
  if ((when = soup_date_time_new_from_http_string (value)) == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  delta = g_date_time_difference (when, now) / G_TIME_SPAN_SECOND;
  return (int) CLAMP (delta, 0, G_MAXINT);
}

static XbResponse *
response_new (SoupMessage *msg, GBytes *body)
{
  XbResponse *r = g_new0 (XbResponse, 1);
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);

  r->status = soup_message_get_status (msg);
  r->body = body != NULL ? g_bytes_ref (body) : g_bytes_new (NULL, 0);
  r->retry_after = parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"));
  return r;
}

char *
xb_response_dup_message (const XbResponse *response)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  JsonNode *message;

  root = xb_json_parse (g_bytes_get_data (response->body, NULL),
                        (gssize) g_bytes_get_size (response->body), NULL);
  obj = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  message = obj != NULL ? json_object_get_member (obj, "message") : NULL;
  if (message != NULL && json_node_get_value_type (message) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (message));
  return g_strdup_printf (_("The server answered %u %s."), response->status,
                          soup_status_get_phrase (response->status));
}

/* ---- transport ------------------------------------------------------------- */

/* Everything but a refused certificate or a cancellation is a reason to try
 * again later, so it becomes OFFLINE: refused connections, resets when the
 * server dies mid-answer, timeouts, name lookups. */
static GError *
map_transport_error (const GError *error, const char *base_url)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (error->domain == G_TLS_ERROR)
    return g_error_new (XB_ERROR, XB_ERROR_CERTIFICATE,
                        _("The server’s certificate is not trusted, so Xinbao did not "
                          "connect to %s (%s)."), base_url, error->message);
  return g_error_new (XB_ERROR, XB_ERROR_OFFLINE,
                      _("The server %s cannot be reached: %s"), base_url, error->message);
}

static void
send_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  XbSyncClient *self = g_task_get_source_object (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  if (body == NULL)
    return g_task_return_error (task, map_transport_error (error, self->base_url));
  g_task_return_pointer (task, response_new (msg, body), (GDestroyNotify) xb_response_free);
}

/* The user's languages as an Accept-Language header ("zh-CN, zh;q=0.9"), so
 * that the server's messages come in them; NULL for C or POSIX alone. */
static char *
accept_language (void)
{
  const char *const *names = g_get_language_names ();
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *tag = NULL;

      /* "zh_CN.UTF-8" and "sr@latin" repeat a plainer name or say nothing a server uses. */
      if (strpbrk (names[i], ".@") != NULL || g_str_equal (names[i], "C") || g_str_equal (names[i], "POSIX"))
        continue;
      tag = g_strdelimit (g_strdup (names[i]), "_", '-');
      if (!g_ptr_array_find_with_equal_func (tags, tag, g_str_equal, NULL))
        g_ptr_array_add (tags, g_steal_pointer (&tag));
    }
  for (guint i = 0; i < tags->len; i++)
    {
      if (i == 0)
        g_string_append (out, tags->pdata[i]);
      else
        g_string_append_printf (out, ", %s;q=0.%d", (char *) tags->pdata[i], MAX (1, 10 - (int) i));
    }
  return out->len > 0 ? g_string_free (out, FALSE) : (g_string_free (out, TRUE), NULL);
}

/* libsoup resends an idempotent request (PUT) by itself when a kept-alive
 * connection turns out closed, and drops the body stream when it does
 * ("restarted"): without this the server got the PUT with no body. */
static void
on_restarted (SoupMessage *msg, gpointer user_data)
{
  GBytes *bytes = g_object_get_data (G_OBJECT (msg), "xb-body");
  const char *type = g_object_get_data (G_OBJECT (msg), "xb-body-type");

  soup_message_set_request_body_from_bytes (msg, type, bytes);
}

static void
set_body (SoupMessage *msg, const char *content_type, GBytes *bytes)
{
  g_object_set_data_full (G_OBJECT (msg), "xb-body", g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_object_set_data (G_OBJECT (msg), "xb-body-type", (gpointer) content_type);
  soup_message_set_request_body_from_bytes (msg, content_type, bytes);
  g_signal_connect (msg, "restarted", G_CALLBACK (on_restarted), NULL);
}

static SoupMessage *
build_message (XbSyncClient *self, const char *method, const char *path, const char *body,
               gboolean with_token)
{
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);
  SoupMessage *msg = soup_message_new (method, url);
  SoupMessageHeaders *headers;
  g_autofree char *languages = NULL;

  if (msg == NULL)
    return NULL;
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if ((languages = accept_language ()) != NULL)
    soup_message_headers_replace (headers, "Accept-Language", languages);
  if (with_token && self->token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", self->token, NULL);
      soup_message_headers_replace (headers, "Authorization", auth);
    }
  if (body != NULL)
    {
      /* From bytes, so libsoup sends a Content-Length: the server refuses chunked bodies. */
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      set_body (msg, "application/json", bytes);
    }
  g_signal_connect_object (msg, "accept-certificate", G_CALLBACK (on_accept_certificate), self, 0);
  return msg;
}

static void
send_async (XbSyncClient *self, const char *method, const char *path, const char *body,
            gboolean with_token, GTask *task)
{
  g_autoptr(SoupMessage) msg = build_message (self, method, path, body, with_token);

  if (msg == NULL)
    {
      g_task_return_new_error (task, XB_ERROR, XB_ERROR_INVALID, _("“%s” is not a valid request path."), path);
      g_object_unref (task);
      return;
    }
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), send_done, task);
}

void
xb_sync_client_request_async (XbSyncClient        *self,
                              const char          *method,
                              const char          *path,
                              const char          *body,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, xb_sync_client_request_async);
  send_async (self, method, path, body, TRUE, task);
}

void
xb_sync_client_upload_async (XbSyncClient        *self,
                             const char          *path,
                             GBytes              *bytes,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(SoupMessage) msg = build_message (self, "PUT", path, NULL, TRUE);

  /* Finished by xb_sync_client_request_finish(). */
  g_task_set_source_tag (task, xb_sync_client_request_async);
  if (msg == NULL)
    {
      g_task_return_new_error (task, XB_ERROR, XB_ERROR_INVALID, _("“%s” is not a valid request path."), path);
      g_object_unref (task);
      return;
    }
  set_body (msg, "application/octet-stream", bytes);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable, send_done, task);
}

XbResponse *
xb_sync_client_request_finish (XbSyncClient *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- health ---------------------------------------------------------------- */

static JsonObject *
parse_object (GBytes *body, JsonNode **root, GError **error)
{
  *root = xb_json_parse (g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), error);
  if (*root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (*root))
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID, _("The server’s answer is not a JSON object.")), NULL;
  return json_node_get_object (*root);
}

static void
health_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(XbResponse) response = xb_sync_client_request_finish (XB_SYNC_CLIENT (source), result, &error);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  JsonNode *schema;

  if (response == NULL)
    return g_task_return_error (task, g_steal_pointer (&error));
  if (response->status != SOUP_STATUS_OK)
    return g_task_return_new_error (task, XB_ERROR, XB_ERROR_FAILED, _("The server answered %u %s."),
                                    response->status, soup_status_get_phrase (response->status));
  if ((obj = parse_object (response->body, &root, &error)) == NULL)
    return g_task_return_error (task, g_steal_pointer (&error));
  schema = json_object_get_member (obj, "schema");
  if (schema == NULL || json_node_get_value_type (schema) != G_TYPE_INT64)
    return g_task_return_new_error (task, XB_ERROR, XB_ERROR_INVALID, _("The server’s answer is not a health report."));
  g_task_return_int (task, json_node_get_int (schema));
}

void
xb_sync_client_health_async (XbSyncClient        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  GTask *inner = g_task_new (self, cancellable, health_done, task);

  g_task_set_source_tag (task, xb_sync_client_health_async);
  send_async (self, "GET", "/api/v1/health", NULL, FALSE, inner);
}

int
xb_sync_client_health_finish (XbSyncClient *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  return (int) g_task_propagate_int (G_TASK (result), error);
}

/* ---- signing in -------------------------------------------------------------- */

static GError *
sign_in_refused (const XbResponse *response)
{
  g_autofree char *message = xb_response_dup_message (response);

  switch (response->status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      return g_error_new_literal (XB_ERROR, XB_ERROR_UNAUTHORIZED, _("The username or password is wrong."));
    case 429: /* Too Many Requests: libsoup 3.2 has no name for it */
      if (response->retry_after > 0)
        return g_error_new (XB_ERROR, XB_ERROR_RATE_LIMITED,
                            g_dngettext (GETTEXT_PACKAGE, "Too many failed sign-ins. Try again in %d minute.",
                                      "Too many failed sign-ins. Try again in %d minutes.",
                                      (response->retry_after + 59) / 60),
                            (response->retry_after + 59) / 60);
      return g_error_new_literal (XB_ERROR, XB_ERROR_RATE_LIMITED, _("Too many failed sign-ins. Try again later."));
    default:
      return g_error_new (XB_ERROR, XB_ERROR_FAILED, _("Signing in failed: %s"), message);
    }
}

/* The answer {"token", "expires_at", "user"}: keeps the token, returns the user. */
static XbUser *
read_session (XbSyncClient *self, GBytes *body, GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj = parse_object (body, &root, error);
  JsonNode *token;
  JsonNode *user_node;
  g_autoptr(XbUser) user = NULL;

  if (obj == NULL)
    return NULL;
  token = json_object_get_member (obj, "token");
  user_node = json_object_get_member (obj, "user");
  if (token == NULL || json_node_get_value_type (token) != G_TYPE_STRING || user_node == NULL)
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID, _("The server’s answer to signing in is incomplete.")), NULL;
  if ((user = xb_user_from_node (user_node, error)) == NULL)
    return NULL;
  xb_sync_client_set_token (self, json_node_get_string (token));
  g_clear_pointer (&self->user, xb_user_free);
  self->user = xb_user_copy (user);
  return g_steal_pointer (&user);
}

static void
sign_in_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  XbSyncClient *self = XB_SYNC_CLIENT (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(XbResponse) response = xb_sync_client_request_finish (self, result, &error);
  XbUser *user;

  if (response == NULL)
    return g_task_return_error (task, g_steal_pointer (&error));
  if (response->status != SOUP_STATUS_OK)
    return g_task_return_error (task, sign_in_refused (response));
  if ((user = read_session (self, response->body, &error)) == NULL)
    return g_task_return_error (task, g_steal_pointer (&error));
  g_task_return_pointer (task, user, (GDestroyNotify) xb_user_free);
}

void
xb_sync_client_sign_in_async (XbSyncClient        *self,
                              const char          *username,
                              const char          *password,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  GTask *inner = g_task_new (self, cancellable, sign_in_done, task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;

  g_task_set_source_tag (task, xb_sync_client_sign_in_async);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username ? username : "");
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password ? password : "");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);
  send_async (self, "POST", "/api/v1/session", body, FALSE, inner);
  memset (body, 0, strlen (body));
}

XbUser *
xb_sync_client_sign_in_finish (XbSyncClient *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
