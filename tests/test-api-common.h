/* Raw HTTP calls to the real server for the protocol tests: replies with their JSON, status and error checks. */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct {
  guint     status;
  GBytes   *body;
  JsonNode *json;        /* the body when it is application/json, else NULL */
  char     *retry_after;
} Reply;

void        reply_free    (Reply *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

/* @method @base@path with a bearer @token (or none) and @body of @len bytes
 * (-1: a string; NULL: none). */
Reply      *send_raw      (SoupSession *session, const char *base, const char *method, const char *path,
                           const char *token, const char *content_type, const char *body, gssize len);
/* POST /api/v1/session as @username. */
Reply      *sign_in_reply (const char *base, SoupSession *session, const char *username,
                           const char *password);

JsonObject *obj_of        (Reply *r);
JsonObject *item_of       (Reply *r);   /* the "item" member */
const char *state_of      (Reply *r);   /* the item's "state" */
/* Fails the test with the body when the status differs. */
void        expect_status (Reply *r, guint status, const char *what);
/* Every error body is {"error": CODE, "message": TEXT}. */
void        expect_error  (Reply *r, guint status, const char *code, const char *what);

G_END_DECLS
