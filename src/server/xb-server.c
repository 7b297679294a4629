/* XbServer: the SoupServer, its routes, request limits, work in threads, the request log and graceful stop. */
#include "config.h"

#include <string.h>

#include "xb-codec.h"
#include "xb-server-actions.h"
#include "xb-server-admin.h"
#include "xb-server-requests.h"
#include "xb-server-proposals.h"
#include "xb-server-attachments.h"
#include "xb-server-auth.h"
#include "xb-server-bulletins.h"
#include "xb-server-feed.h"
#include "xb-server-issues.h"
#include "xb-server-items.h"
#include "xb-server-private.h"
#include "xb-server-publications.h"

G_DEFINE_FINAL_TYPE (XbServer, xb_server, G_TYPE_OBJECT)

/* How long a stopping server waits for slow clients once no work is left. */
#define DRAIN_GRACE_USEC (30 * G_USEC_PER_SEC)
/* How long a refused upload may keep sending before the connection closes. */
#define LINGER_MSEC 1000

static void
handle_health (XbRequest *req)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (obj, "status", "ok");
  json_object_set_string_member (obj, "version", PACKAGE_VERSION);
  json_object_set_int_member (obj, "schema", xb_store_get_version (req->store));
  json_node_take_object (node, obj);
  xb_request_reply (req, SOUP_STATUS_OK, node);
}

/* ---- routes ----------------------------------------------------------------------- */

typedef enum {
  ROUTE_PUBLIC = 1 << 0,  /* answered without a token */
  ROUTE_JSON   = 1 << 1,  /* the body is JSON: 415 for another Content-Type */
} RouteFlags;

typedef struct {
  const char *method;
  const char *pattern;   /* "*" matches one path segment */
  XbRouteFunc func;
  RouteFlags  flags;
} Route;

static const Route routes[] = {
  { "GET",    "/api/v1/health",                handle_health,                     ROUTE_PUBLIC },
  { "POST",   "/api/v1/session",               xb_server_auth_sign_in,            ROUTE_PUBLIC | ROUTE_JSON },
  { "GET",    "/api/v1/session",               xb_server_auth_session,            0 },
  { "DELETE", "/api/v1/session",               xb_server_auth_sign_out,           0 },
  { "GET",    "/api/v1/changes",               xb_server_feed_changes,            0 },
  { "PUT",    "/api/v1/items/*",               xb_server_items_put,               ROUTE_JSON },
  { "GET",    "/api/v1/items/*",               xb_server_items_get,               0 },
  { "POST",   "/api/v1/items/*/actions",       xb_server_actions_post,            ROUTE_JSON },
  { "PUT",    "/api/v1/attachments/*",         xb_server_attachments_put,         0 },
  { "GET",    "/api/v1/attachments/*",         xb_server_attachments_get,         0 },
  { "POST",   "/api/v1/admin/units",           xb_server_admin_create_unit,       ROUTE_JSON },
  { "PUT",    "/api/v1/admin/units/*",         xb_server_admin_update_unit,       ROUTE_JSON },
  { "GET",    "/api/v1/admin/users",           xb_server_admin_list_users,        0 },
  { "POST",   "/api/v1/admin/users",           xb_server_admin_create_user,       ROUTE_JSON },
  { "PUT",    "/api/v1/admin/users/*",         xb_server_admin_update_user,       ROUTE_JSON },
  { "POST",   "/api/v1/admin/roster",          xb_server_admin_add_roster,        ROUTE_JSON },
  { "GET",    "/api/v1/admin/roster",          xb_server_admin_roster_history,    0 },
  { "POST",   "/api/v1/admin/roster/change",   xb_server_admin_change_roster,     ROUTE_JSON },
  { "GET",    "/api/v1/admin/rosters/missing", xb_server_admin_missing_rosters,   0 },
  { "GET",    "/api/v1/admin/roster/proposals", xb_server_proposals_pending,     0 },
  { "POST",   "/api/v1/admin/roster/proposals/*/approve", xb_server_proposals_approve, ROUTE_JSON },
  { "POST",   "/api/v1/admin/roster/proposals/*/reject", xb_server_proposals_reject, ROUTE_JSON },
  { "POST",   "/api/v1/roster/proposals",      xb_server_proposals_create,        ROUTE_JSON },
  { "GET",    "/api/v1/roster/proposals",      xb_server_proposals_mine,          0 },
  { "POST",   "/api/v1/admin/import/*",        xb_server_admin_import,            0 },
  { "PUT",    "/api/v1/admin/policy",          xb_server_admin_set_policy,        ROUTE_JSON },
  { "GET",    "/api/v1/admin/policy/history",  xb_server_admin_policy_history,    0 },
  { "PUT",    "/api/v1/admin/priorities",      xb_server_admin_set_priorities,    ROUTE_JSON },
  { "POST",   "/api/v1/admin/publications",    xb_server_admin_add_publication,   ROUTE_JSON },
  { "PATCH",  "/api/v1/admin/publications/*",  xb_server_publications_update,     ROUTE_JSON },
  { "POST",   "/api/v1/admin/requests",        xb_server_requests_create,         ROUTE_JSON },
  { "GET",    "/api/v1/admin/requests/answers", xb_server_requests_answers,       0 },
  { "GET",    "/api/v1/requests",              xb_server_requests_list,           0 },
  { "POST",   "/api/v1/bulletins",             xb_server_bulletins_publish,       ROUTE_JSON },
  { "GET",    "/api/v1/bulletins/*",           xb_server_bulletins_get,           0 },
  { "POST",   "/api/v1/issues",                xb_server_issues_create,           ROUTE_JSON },
  { "GET",    "/api/v1/issues/*",              xb_server_issues_get,              0 },
  { "POST",   "/api/v1/issues/*/items",        xb_server_issues_add_item,         ROUTE_JSON },
  { "DELETE", "/api/v1/issues/*/items/*",      xb_server_issues_remove_item,      0 },
  { "POST",   "/api/v1/issues/*/publish",      xb_server_issues_publish,          0 },
};

/* The segments of @path that the pattern's "*" matched, or NULL. */
static GStrv
match_pattern (const char *pattern, const char *path)
{
  g_auto(GStrv) want = g_strsplit (pattern, "/", -1);
  g_auto(GStrv) have = g_strsplit (path, "/", -1);
  g_autoptr(GStrvBuilder) args = g_strv_builder_new ();

  if (g_strv_length (want) != g_strv_length (have))
    return NULL;
  for (guint i = 0; want[i] != NULL; i++)
    {
      if (g_str_equal (want[i], "*") && have[i][0] != '\0')
        g_strv_builder_add (args, have[i]);
      else if (!g_str_equal (want[i], have[i]))
        return NULL;
    }
  return g_strv_builder_end (args);
}

/* The route for @method on @path; when only the method is wrong, NULL with
 * *allow listing the methods the path takes. */
static const Route *
find_route (const char *method, const char *path, GStrv *args, char **allow)
{
  g_autoptr(GString) methods = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      g_auto(GStrv) matched = match_pattern (routes[i].pattern, path);

      if (matched == NULL)
        continue;
      if (g_str_equal (routes[i].method, method))
        {
          *args = g_steal_pointer (&matched);
          return &routes[i];
        }
      g_string_append_printf (methods, "%s%s", methods->len ? ", " : "", routes[i].method);
    }
  *allow = methods->len ? g_strdup (methods->str) : NULL;
  return NULL;
}

/* ---- the request log -------------------------------------------------------------- */

typedef struct {
  gint64  started;
  char   *user;
} Stamp;

static void
stamp_free (gpointer data)
{
  Stamp *stamp = data;

  g_free (stamp->user);
  g_free (stamp);
}

static GQuark
stamp_quark (void)
{
  return g_quark_from_static_string ("xb-server-stamp");
}

static Stamp *
get_stamp (SoupServerMessage *msg)
{
  return g_object_get_qdata (G_OBJECT (msg), stamp_quark ());
}

/* One line per request; the path only (never a query string, which could
 * carry a secret by mistake), escaped so that it cannot forge lines. */
static void
log_request (SoupServerMessage *msg, guint status)
{
  Stamp *stamp = get_stamp (msg);
  g_autofree char *path = g_strescape (g_uri_get_path (soup_server_message_get_uri (msg)), NULL);
  double ms = (double) (g_get_monotonic_time () - stamp->started) / 1000.0;

  g_print ("%s %s %u %.1fms %s\n", soup_server_message_get_method (msg), path, status, ms,
           stamp->user ? stamp->user : "-");
}

/* The message no longer counts as in flight.  (A stopping server notices
 * on its next tick, never from inside SoupServer's signal emissions.) */
static void
release_message (XbServer *self, SoupServerMessage *msg)
{
  g_object_set_qdata (G_OBJECT (msg), stamp_quark (), NULL);
  self->in_flight--;
}

static void
on_request_done (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  XbServer *self = user_data;

  if (get_stamp (msg) == NULL)
    return; /* never reached the handlers, or already logged */
  log_request (msg, soup_server_message_get_status (msg));
  release_message (self, msg);
}

/* ---- answering on the main thread --------------------------------------------------- */

/* libsoup 3.2 has no phrase for some statuses the protocol uses. */
static const char *
reason_phrase (guint status)
{
  switch (status)
    {
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    default:  return NULL;
    }
}

/* {"error": CODE, "message": MESSAGE} with @msgid in the language the
 * request's Accept-Language asks for; CODE stays English. */
static char *
error_body (SoupServerMessage *msg, guint status, const char *msgid)
{
  const char *languages = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                        "Accept-Language");
  const XbCatalog *catalog = xb_catalog_for_languages (languages);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, xb_status_code_name (status));
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, xb_catalog_lookup (catalog, msgid));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

/* Answers before any route runs: @msgid is translated here, so pass it N_(). */
static void
set_json_error (SoupServerMessage *msg, guint status, const char *msgid)
{
  char *text = error_body (msg, status, msgid);

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
}

static void
send_answer (SoupServerMessage *msg, XbRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, req->status, reason_phrase (req->status));
  /* Answers carry tokens and unit data: never cache them. */
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  if (req->status == SOUP_STATUS_UNAUTHORIZED)
    soup_message_headers_replace (headers, "WWW-Authenticate", "Bearer realm=\"xinbao\"");
  if (req->retry_after > 0)
    {
      g_autofree char *seconds = g_strdup_printf ("%d", req->retry_after);
      soup_message_headers_replace (headers, "Retry-After", seconds);
    }
  if (req->response != NULL)
    {
      soup_message_headers_set_content_type (headers, req->content_type, NULL);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), req->response);
    }
}

/* ---- requests refused before their body is read -------------------------------------- */

typedef struct {
  GIOStream    *stream;
  GBytes       *answer;
  GCancellable *linger;
  guint         linger_timeout;
  guint8        sink[16384];
} Refusal;

static void
refusal_free (Refusal *r)
{
  g_clear_handle_id (&r->linger_timeout, g_source_remove);
  g_clear_object (&r->linger);
  g_clear_pointer (&r->answer, g_bytes_unref);
  g_clear_object (&r->stream);
  g_free (r);
}

static void
refusal_closed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
  refusal_free (user_data);
}

static void refusal_drain (Refusal *r);

/* Whatever the client still sends is read and dropped for a moment, so that
 * closing does not reset the connection before it has read the answer. */
static void
refusal_drained (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Refusal *r = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n > 0 && !g_cancellable_is_cancelled (r->linger))
    refusal_drain (r);
  else
    g_io_stream_close_async (r->stream, G_PRIORITY_DEFAULT, NULL, refusal_closed, r);
}

static void
refusal_drain (Refusal *r)
{
  g_input_stream_read_async (g_io_stream_get_input_stream (r->stream), r->sink, sizeof r->sink,
                             G_PRIORITY_DEFAULT, r->linger, refusal_drained, r);
}

static gboolean
refusal_linger_over (gpointer user_data)
{
  Refusal *r = user_data;

  r->linger_timeout = 0;
  g_cancellable_cancel (r->linger);
  return G_SOURCE_REMOVE;
}

static void
refusal_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Refusal *r = user_data;
  GSocket *socket = g_object_get_data (G_OBJECT (r->stream), "GSocket");

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    {
      g_io_stream_close_async (r->stream, G_PRIORITY_DEFAULT, NULL, refusal_closed, r);
      return;
    }
  /* Over plain TCP the client sees the end of the answer at once. */
  if (socket != NULL && G_IS_SOCKET_CONNECTION (r->stream))
    g_socket_shutdown (socket, FALSE, TRUE, NULL);
  r->linger = g_cancellable_new ();
  r->linger_timeout = g_timeout_add (LINGER_MSEC, refusal_linger_over, r);
  refusal_drain (r);
}

static GBytes *
raw_error_answer (SoupServerMessage *msg, guint status, const char *msgid)
{
  g_autofree char *body = error_body (msg, status, msgid);
  char *text;

  text = g_strdup_printf ("HTTP/1.1 %u %s\r\nContent-Type: application/json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n"
                          "Cache-Control: no-store\r\n\r\n%s",
                          status, soup_status_get_phrase (status), strlen (body), body);
  return g_bytes_new_take (text, strlen (text));
}

/* SoupServer reads a whole body before it answers, even one it was told to
 * refuse; so the connection is taken over and answered by hand (@msgid is
 * translated as by set_json_error). */
static void
refuse_unread (XbServer *self, SoupServerMessage *msg, guint status, const char *msgid)
{
  Refusal *r;
  gsize len;
  const void *data;

  log_request (msg, status);
  g_object_ref (msg);
  release_message (self, msg);
  r = g_new0 (Refusal, 1);
  /* Read while the message and its headers are still alive. */
  r->answer = raw_error_answer (msg, status, msgid);
  r->stream = soup_server_message_steal_connection (msg);
  g_object_unref (msg);
  if (r->stream == NULL)
    {
      refusal_free (r);
      return;
    }
  data = g_bytes_get_data (r->answer, &len);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (r->stream), data, len,
                                   G_PRIORITY_DEFAULT, NULL, refusal_written, r);
}

static goffset
body_limit (const char *path)
{
  return g_str_has_prefix (path, "/api/v1/attachments/") ? XB_ATTACHMENT_MAX_BYTES : XB_JSON_MAX_BYTES;
}

/* Runs once the headers are in, before any of the body is read. */
static void
handle_early (SoupServer *soup, SoupServerMessage *msg, const char *path,
              GHashTable *query, gpointer user_data)
{
  XbServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  Stamp *stamp = g_new0 (Stamp, 1);

  stamp->started = g_get_monotonic_time ();
  g_object_set_qdata_full (G_OBJECT (msg), stamp_quark (), stamp, stamp_free);
  self->in_flight++;

  if (self->draining)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      set_json_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE,
                      N_("The server is shutting down; try again shortly."));
      return;
    }
  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_CHUNKED:
      refuse_unread (self, msg, SOUP_STATUS_LENGTH_REQUIRED,
                     N_("Send the body with a Content-Length, not in chunks."));
      break;
    case SOUP_ENCODING_CONTENT_LENGTH:
      if (soup_message_headers_get_content_length (headers) > body_limit (path))
        refuse_unread (self, msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                       N_("The body is larger than this route takes."));
      break;
    default:
      break;
    }
}

/* ---- work in a thread ---------------------------------------------------------------- */

typedef struct {
  SoupServerMessage *msg;
  const Route       *route;
  XbRequest         *req;
  gulong             gone_handler;
  gboolean           gone;   /* the client went away meanwhile */
} Work;

/* A GTask may be finalized on its worker thread, so the message is let go
 * in work_done() on the main thread and only the plain request is left here. */
static void
work_free (gpointer data)
{
  Work *work = data;

  xb_request_free (work->req);
  g_free (work);
}

static void
work_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Work *work = task_data;
  XbRequest *req = work->req;

  if ((work->route->flags & ROUTE_PUBLIC) || xb_server_auth_authenticate (req))
    work->route->func (req);
  if (!xb_request_answered (req))
    xb_request_fail (req, 500, N_("The request was not answered."));
  g_task_return_boolean (task, TRUE);
}

static void
work_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  XbServer *self = XB_SERVER (source);
  Work *work = g_task_get_task_data (G_TASK (result));
  Stamp *stamp = get_stamp (work->msg);

  self->busy--;
  if (!work->gone)
    {
      if (stamp != NULL)
        stamp->user = g_strdup (work->req->log_user);
      send_answer (work->msg, work->req);
      soup_server_message_unpause (work->msg);
    }
  g_clear_signal_handler (&work->gone_handler, work->msg);
  g_clear_object (&work->msg);
}

static void
on_message_gone (SoupServerMessage *msg, gpointer user_data)
{
  Work *work = user_data;

  work->gone = TRUE;
}

static char *
bearer_token (SoupServerMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                    "Authorization");

  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return NULL;
  return g_strstrip (g_strdup (value + 7));
}

/* Behind the nginx site of data/nginx every request comes from loopback and
 * the client's own address is in X-Real-IP; only a local proxy may say so. */
static char *
client_address (SoupServerMessage *msg)
{
  GSocketAddress *peer = soup_server_message_get_remote_address (msg);
  const char *real = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "X-Real-IP");
  g_autoptr(GInetAddress) forwarded = NULL;

  if (real != NULL && G_IS_INET_SOCKET_ADDRESS (peer)
      && g_inet_address_get_is_loopback (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (peer)))
      && (forwarded = g_inet_address_new_from_string (real)) != NULL)
    return g_inet_address_to_string (forwarded);
  return g_strdup (soup_server_message_get_remote_host (msg));
}

static XbRequest *
request_new (XbServer *self, SoupServerMessage *msg, const char *path, GStrv args, GHashTable *query)
{
  XbRequest *req = g_new0 (XbRequest, 1);

  req->server = self;
  req->store = self->store;
  req->method = g_strdup (soup_server_message_get_method (msg));
  req->path = g_strdup (path);
  req->args = args;
  req->query = query != NULL ? g_hash_table_ref (query) : NULL;
  req->body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  req->token = bearer_token (msg);
  req->remote = client_address (msg);
  req->catalog = xb_catalog_for_languages (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                                         "Accept-Language"));
  req->retry_after = -1;
  return req;
}

static void
start_work (XbServer *self, SoupServerMessage *msg, const Route *route, XbRequest *req)
{
  Work *work = g_new0 (Work, 1);
  g_autoptr(GTask) task = g_task_new (self, NULL, work_done, NULL);

  work->msg = g_object_ref (msg);
  work->route = route;
  work->req = req;
  work->gone_handler = g_signal_connect (msg, "disconnected", G_CALLBACK (on_message_gone), work);
  g_task_set_task_data (task, work, work_free);
  self->busy++;
  soup_server_message_pause (msg);
  g_task_run_in_thread (task, work_thread);
}

static gboolean
has_json_type (SoupServerMessage *msg)
{
  const char *type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg),
                                                            NULL);

  return type != NULL && g_ascii_strcasecmp (type, "application/json") == 0;
}

/* Runs once the whole body is in (and within its limit). */
static void
handle_request (SoupServer *soup, SoupServerMessage *msg, const char *path,
                GHashTable *query, gpointer user_data)
{
  XbServer *self = user_data;
  g_auto(GStrv) args = NULL;
  g_autofree char *allow = NULL;
  const Route *route = find_route (soup_server_message_get_method (msg), path, &args, &allow);

  if (route == NULL && allow != NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allow);
      set_json_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, N_("This path does not take that method."));
    }
  else if (route == NULL)
    set_json_error (msg, SOUP_STATUS_NOT_FOUND, N_("No such resource."));
  else if ((route->flags & ROUTE_JSON) && !has_json_type (msg))
    set_json_error (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, N_("Send the body as application/json."));
  else
    start_work (self, msg, route, request_new (self, msg, path, g_steal_pointer (&args), query));
}

/* ---- the object ------------------------------------------------------------------------ */

static void
xb_server_dispose (GObject *object)
{
  XbServer *self = XB_SERVER (object);

  g_clear_handle_id (&self->drain_timer, g_source_remove);
  if (self->soup != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->soup, self);
      soup_server_disconnect (self->soup);
    }
  g_clear_object (&self->soup);
  g_clear_object (&self->shutdown_task);
  G_OBJECT_CLASS (xb_server_parent_class)->dispose (object);
}

static void
xb_server_finalize (GObject *object)
{
  XbServer *self = XB_SERVER (object);

  g_clear_object (&self->store);
  g_free (self->data_dir);
  g_clear_pointer (&self->limiter, xb_login_limiter_free);
  G_OBJECT_CLASS (xb_server_parent_class)->finalize (object);
}

static void
xb_server_class_init (XbServerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_server_dispose;
  G_OBJECT_CLASS (klass)->finalize = xb_server_finalize;
}

static void
xb_server_init (XbServer *self)
{
  self->limiter = xb_login_limiter_new ();
  self->soup = soup_server_new ("server-header", "xinbao-server/" PACKAGE_VERSION " ", NULL);
  soup_server_add_early_handler (self->soup, NULL, handle_early, self, NULL);
  soup_server_add_handler (self->soup, NULL, handle_request, self, NULL);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (on_request_done), self);
  g_signal_connect (self->soup, "request-aborted", G_CALLBACK (on_request_done), self);
}

XbServer *
xb_server_new (XbStore *store, const char *data_dir)
{
  XbServer *self = g_object_new (XB_TYPE_SERVER, NULL);

  self->store = g_object_ref (store);
  self->data_dir = g_strdup (data_dir);
  return self;
}

gboolean
xb_server_set_tls_files (XbServer *self, const char *cert_file, const char *key_file, GError **error)
{
  g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_files (cert_file, key_file, error);

  if (cert == NULL)
    return FALSE;
  soup_server_set_tls_certificate (self->soup, cert);
  self->tls = TRUE;
  return TRUE;
}

static gboolean
parse_address (const char *text, GSocketAddress **out, GError **error)
{
  const char *colon = text != NULL ? strrchr (text, ':') : NULL;
  g_autofree char *host = NULL;
  g_autoptr(GInetAddress) addr = NULL;
  guint64 port;

  if (colon == NULL || colon == text
      || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                        "--listen takes HOST:PORT, for example 127.0.0.1:8480, not “%s”",
                        text ? text : ""), FALSE;
  host = g_strndup (text, colon - text);
  /* "[::1]:8480" names an IPv6 address in brackets. */
  if (host[0] == '[' && host[strlen (host) - 1] == ']')
    {
      char *inner = g_strndup (host + 1, strlen (host) - 2);
      g_free (host);
      host = inner;
    }
  if ((addr = g_inet_address_new_from_string (host)) == NULL)
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID, "“%s” is not an IP address", host), FALSE;
  *out = g_inet_socket_address_new (addr, (guint16) port);
  return TRUE;
}

gboolean
xb_server_listen (XbServer *self, const char *address, GError **error)
{
  g_autoptr(GSocketAddress) sa = NULL;

  if (!parse_address (address, &sa, error))
    return FALSE;
  return soup_server_listen (self->soup, sa, self->tls ? SOUP_SERVER_LISTEN_HTTPS : 0, error);
}

GStrv
xb_server_get_urls (XbServer *self)
{
  GSList *uris = soup_server_get_uris (self->soup);
  g_autoptr(GStrvBuilder) urls = g_strv_builder_new ();

  for (GSList *l = uris; l != NULL; l = l->next)
    {
      g_autofree char *url = g_uri_to_string (l->data);
      g_strv_builder_add (urls, url);
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return g_strv_builder_end (urls);
}

SoupServer *
xb_server_get_soup_server (XbServer *self)
{
  g_return_val_if_fail (XB_IS_SERVER (self), NULL);
  return self->soup;
}

/* ---- graceful stop ---------------------------------------------------------------------- */

static void
check_drained (XbServer *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->shutdown_task == NULL || self->busy > 0)
    return;
  if (self->in_flight > 0 && g_get_monotonic_time () - self->drain_started < DRAIN_GRACE_USEC)
    return;
  g_clear_handle_id (&self->drain_timer, g_source_remove);
  task = g_steal_pointer (&self->shutdown_task);
  soup_server_disconnect (self->soup);
  g_task_return_boolean (task, TRUE);
}

static gboolean
drain_tick (gpointer user_data)
{
  XbServer *self = user_data;

  check_drained (self);
  return G_SOURCE_CONTINUE;
}

/* Shutting the listening sockets down (rather than closing them) refuses new
 * connections at once and wakes SoupServer's accept watch, which then stops. */
static void
stop_listening (XbServer *self)
{
  GSList *listeners = soup_server_get_listeners (self->soup);

  for (GSList *l = listeners; l != NULL; l = l->next)
    g_socket_shutdown (l->data, TRUE, FALSE, NULL);
  g_slist_free (listeners);
}

void
xb_server_shutdown_async (XbServer *self, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);

  if (self->shutdown_task != NULL || self->draining)
    {
      g_task_return_new_error (task, XB_ERROR, XB_ERROR_FAILED, "The server is already stopping.");
      return;
    }
  self->draining = TRUE;
  self->drain_started = g_get_monotonic_time ();
  self->shutdown_task = g_steal_pointer (&task);
  stop_listening (self);
  self->drain_timer = g_timeout_add (100, drain_tick, self);
}

gboolean
xb_server_shutdown_finish (XbServer *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
