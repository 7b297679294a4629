/* Internals shared by the files of the server: the instance, one request's life, and reply helpers. */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "xb-codec.h"
#include "xb-item.h"
#include "xb-server.h"
#include "xb-server-i18n.h"
#include "xb-store.h"

G_BEGIN_DECLS

/* Request bodies larger than these are refused before they are read
 * (XB_ATTACHMENT_MAX_BYTES comes from the codec, shared with the client). */

typedef struct _XbLoginLimiter XbLoginLimiter;

struct _XbServer
{
  GObject         parent_instance;
  SoupServer     *soup;
  XbStore        *store;
  char           *data_dir;
  XbLoginLimiter *limiter;
  gboolean        tls;
  guint           in_flight;      /* messages between their headers and their answer */
  guint           busy;           /* requests whose work runs in a thread */
  gboolean        draining;       /* shutting down: no new work */
  gint64          drain_started;  /* monotonic µs */
  guint           drain_timer;
  GTask          *shutdown_task;
};

/* One API request as the handlers in threads see it: a copy of what they
 * need from the SoupServerMessage (which only the main thread may touch),
 * and the answer they leave for the main thread to send. */
typedef struct {
  XbServer   *server;      /* owns everything below it; outlives its requests */
  XbStore    *store;
  char       *method;
  char       *path;
  GStrv       args;        /* the path segments the route's "*" matched */
  GHashTable *query;       /* may be NULL */
  GBytes     *body;        /* never NULL */
  char       *token;       /* the bearer token, or NULL */
  char       *remote;      /* the client's address */
  const XbCatalog *catalog; /* the language of "message"s (Accept-Language); NULL: English */

  XbUser     *user;        /* the signed-in caller, once authenticated */
  char       *token_hash;
  gint64      expires_at;
  char       *log_user;    /* who to name in the log line */

  guint       status;      /* 0 until answered */
  GBytes     *response;    /* may be NULL (204) */
  const char *content_type;
  int         retry_after; /* seconds, or -1 */
  char       *allow;       /* for 405 */
} XbRequest;

typedef void (*XbRouteFunc) (XbRequest *req);

void      xb_request_free          (XbRequest *req);

/* Answers.  JSON error bodies are {"error": CODE, "message": TEXT}, the
 * code following the status (docs/PROTOCOL.md, "Errors"), TEXT in the
 * request's language: a @format or @message below is a msgid (marked with
 * N_() where it is written), translated here; "%s" with a finished text
 * (a GError's message) translates that text (xb_catalog_translate_text). */
const char *xb_status_code_name    (guint status);
/* @msgid in the request's language. */
const char *xb_server_translate    (XbRequest  *req,
                                    const char *msgid) G_GNUC_FORMAT (2);
void      xb_request_reply         (XbRequest  *req,
                                    guint       status,
                                    JsonNode   *root);   /* transfer full */
void      xb_request_reply_text    (XbRequest  *req,
                                    guint       status,
                                    const char *json);
void      xb_request_reply_item    (XbRequest    *req,
                                    guint         status,
                                    const XbItem *item);
void      xb_request_fail          (XbRequest  *req,
                                    guint       status,
                                    const char *format,
                                    ...) G_GNUC_PRINTF (3, 4);
/* 409 carrying the server's copy of @item (may be NULL). */
void      xb_request_conflict      (XbRequest    *req,
                                    const XbItem *item,
                                    const char   *message);
/* Maps an XB_ERROR to its status; 403s are logged. */
void      xb_request_fail_error    (XbRequest    *req,
                                    const GError *error);
/* 403, logged with who asked what. */
void      xb_request_deny          (XbRequest  *req,
                                    const char *reason);
gboolean  xb_request_answered      (XbRequest  *req);
/* TRUE when the caller is an administrator; otherwise answers 403. */
gboolean  xb_request_require_admin (XbRequest  *req);
/* A name-like member @name: not blank, at most XB_NAME_MAX_CHARS; 422 otherwise. */
gboolean  xb_request_check_name    (XbRequest  *req,
                                    const char *name,
                                    const char *text);

/* The body as a JSON object through xb_json_parse; 400 otherwise. */
JsonNode *xb_request_json          (XbRequest  *req);

/* Shapes of members: a wrong type or a missing required member is 400. */
typedef enum {
  XB_FIELD_STRING,
  XB_FIELD_INT,
  XB_FIELD_BOOL,
  XB_FIELD_ARRAY,
  XB_FIELD_OBJECT,
} XbFieldType;

typedef enum {
  XB_FIELD_OPTIONAL = 0,
  XB_FIELD_REQUIRED = 1 << 0,
  XB_FIELD_NULLABLE = 1 << 1,
} XbFieldFlags;

typedef struct {
  const char  *name;
  XbFieldType  type;
  XbFieldFlags flags;
} XbField;

gboolean  xb_request_check_fields  (XbRequest     *req,
                                    JsonObject    *obj,
                                    const XbField *fields,
                                    gsize          n_fields);
/* Lower-case UUID as the codecs want it; 422 otherwise.  @what is a msgid
 * (N_("The item")) or a member's name ("“id”"). */
gboolean  xb_request_check_uuid    (XbRequest  *req,
                                    const char *what,
                                    const char *value);

/* Runs @func once per @id: inside one store transaction with the
 * idempotency record.  A 2xx answer is recorded and committed; anything
 * else is rolled back.  A replay with the same content returns the first
 * answer; with other content it is 409 (with @item_uuid's copy if the
 * caller may see it). */
typedef void (*XbOnceFunc) (XbRequest *req, gpointer data);
void      xb_request_run_once      (XbRequest  *req,
                                    const char *id,
                                    const char *item_uuid,
                                    XbOnceFunc  func,
                                    gpointer    data);

/* Visibility (docs/PROTOCOL.md, "Visibility"). */
gboolean  xb_user_has_office_role  (const XbUser *user);
gboolean  xb_user_can_see_item     (const XbUser *user,
                                    const XbItem *item);
void      xb_user_feed_scope       (const XbUser *user,
                                    XbFeedScope  *scope);

/* Now, in unix seconds. */
gint64    xb_server_now            (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbRequest, xb_request_free)

G_END_DECLS
