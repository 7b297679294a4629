/* Commissioned requests (约稿): the office asks units for an item on a topic by a deadline. */
#pragma once

#include "xb-store.h"

G_BEGIN_DECLS

struct _XbRequest {
  gint64  id;
  char   *topic;
  gint64  deadline;     /* Unix seconds */
  gint64  created_by;   /* user id, 0 if unknown */
  GArray *unit_ids;     /* gint64: the units asked */
};

/* The server calls its HTTP request XbRequest and has an xb_request_free of
 * its own: its files define XB_REQUEST_NO_TYPEDEF before including this
 * header and say XbCommission and xb_commission_free.  The library has no
 * symbol named xb_request_free. */
typedef struct _XbRequest XbCommission;
void xb_commission_free (struct _XbRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbCommission, xb_commission_free)
#ifndef XB_REQUEST_NO_TYPEDEF
typedef struct _XbRequest XbRequest;
#define xb_request_free xb_commission_free
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbRequest, xb_commission_free)
#endif

/* Requests addressed to @unit_id (every request when @unit_id is 0), soonest
 * deadline first.  With @open_only, only those whose deadline is after @now
 * and which @unit_id has not yet answered with an item past the draft stage
 * (for @unit_id 0: which some unit asked has not yet answered).
 * The array frees its elements. */
GPtrArray *xb_store_list_requests (XbStore *self, gint64 unit_id, gboolean open_only,
                                   gint64 now, GError **error);
/* One request with its units; XB_ERROR_NOT_FOUND when there is none. */
struct _XbRequest *xb_store_get_request   (XbStore *self, gint64 id, GError **error);
/* Creates a request for request->unit_ids (the server; request->id is set)
 * in one transaction and puts it in the change feed.  An empty topic, no
 * units or an unknown unit is refused with XB_ERROR_INVALID. */
gboolean   xb_store_create_request (XbStore *self, struct _XbRequest *request, GError **error);
/* A client's copy from the feed: the request with the server's id, its
 * units replaced (the units must be known; created_by is kept only when
 * that user is known to this store). */
gboolean   xb_store_put_request   (XbStore *self, const struct _XbRequest *request, GError **error);
/* TRUE when request @request_id exists and asked @unit_id. */
gboolean   xb_store_request_asks  (XbStore *self, gint64 request_id, gint64 unit_id);

typedef enum {
  XB_ANSWER_PENDING,  /* nothing sent yet, the deadline still ahead */
  XB_ANSWER_ON_TIME,  /* an answering item left the unit by the deadline */
  XB_ANSWER_LATE,     /* the first one left after the deadline */
  XB_ANSWER_MISSING,  /* the deadline passed (now > deadline) and nothing was sent */
} XbAnswerMark;

/* "pending", "on_time", "late", "missing". */
const char *xb_answer_mark_to_string (XbAnswerMark mark);

typedef struct {
  gint64       request_id;
  gint64       unit_id;
  gint64       answered_at; /* first submission of an answering item by @now; 0 if none */
  XbAnswerMark mark;
} XbRequestAnswer;

/* One row per request and unit asked, for requests whose deadline lies in
 * [@from, @to), ordered by deadline, request and unit, marked as of @now.
 * The deadline's own second still counts as on time.  Agrees with
 * xb_store_missed_requests (taken at @now > deadline): a unit is "missed"
 * there exactly when it is LATE or MISSING here. */
GArray    *xb_store_request_answers (XbStore *self, gint64 from, gint64 to, gint64 now,
                                     GError **error);

G_END_DECLS
