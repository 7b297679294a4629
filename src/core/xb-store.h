/* The local store: every SQL statement of Xinbao lives behind this interface. */
#pragma once

#include <glib-object.h>

#include "xb-item.h"
#include "xb-policy.h"

G_BEGIN_DECLS

#define XB_TYPE_STORE (xb_store_get_type ())
G_DECLARE_FINAL_TYPE (XbStore, xb_store, XB, STORE, GObject)

/* The schema version this build writes; see xb-schema.c for the history. */
int       xb_store_latest_version (void);

/* Opens (creating and migrating as needed) the database at @path.  A
 * database written by a newer Xinbao is refused with XB_ERROR_TOO_NEW.
 * The store is safe to call from several threads; calls are serialised. */
XbStore  *xb_store_open           (const char *path,
                                   GError    **error);
/* Opens and migrates only up to @version: for tests of the migrations. */
XbStore  *xb_store_open_at_version (const char *path,
                                    int         version,
                                    GError    **error);
const char *xb_store_get_path     (XbStore *self);
int       xb_store_get_version    (XbStore *self);
gboolean  xb_store_integrity_check (XbStore *self,
                                    GError **error);

/* One write transaction (BEGIN IMMEDIATE).  Calls made between begin and
 * commit on the same thread join it; other threads wait. */
gboolean  xb_store_begin          (XbStore *self, GError **error);
gboolean  xb_store_commit         (XbStore *self, GError **error);
void      xb_store_rollback       (XbStore *self);

/* Key/value settings of the store itself (sync cursor, signed-in user…). */
char     *xb_store_get_meta       (XbStore *self, const char *key);
gboolean  xb_store_set_meta       (XbStore *self, const char *key,
                                   const char *value, GError **error);

/* The account this client store is signed in as (meta "user_id"), or NULL. */
XbUser   *xb_store_dup_signed_in_user (XbStore *self);

/* Units.  put with id 0 inserts and sets unit->id. */
gboolean  xb_store_put_unit       (XbStore *self, XbUnit *unit, GError **error);
XbUnit   *xb_store_get_unit       (XbStore *self, gint64 id, GError **error);
GPtrArray *xb_store_list_units    (XbStore *self, GError **error); /* XbUnit*, by kind then name */
gboolean  xb_store_unit_has_leader (XbStore *self, gint64 unit_id);
/* Unit names by id (gint64* → char*), for labelling rows. */
GHashTable *xb_store_unit_names   (XbStore *self, GError **error);

/* Users.  @password_hash may be NULL to keep the stored one. */
gboolean  xb_store_put_user       (XbStore *self, XbUser *user,
                                   const char *password_hash, GError **error);
XbUser   *xb_store_get_user       (XbStore *self, gint64 id, GError **error);
XbUser   *xb_store_find_user      (XbStore *self, const char *username, GError **error);
GPtrArray *xb_store_list_users    (XbStore *self, GError **error); /* XbUser* */
char     *xb_store_get_password_hash (XbStore *self, gint64 user_id);

/* Roster: who held a post in a unit, from @starts (inclusive) to @ends
 * (exclusive, 0 = still holds it).  Dates are unix seconds. */
typedef enum {
  XB_POST_LEADER,
  XB_POST_OFFICER,
} XbPost;

gboolean  xb_store_add_roster     (XbStore *self, gint64 unit_id, gint64 user_id,
                                   XbPost post, gint64 starts, gint64 ends,
                                   GError **error);
/* User ids holding @post in @unit_id at time @at. */
GArray   *xb_store_roster_at      (XbStore *self, gint64 unit_id, XbPost post,
                                   gint64 at, GError **error);

/* Items.  put inserts or replaces the item row and appends the events it
 * does not have yet; an event already stored with other content is refused
 * (events are immutable, enforced by triggers as well). */
gboolean  xb_store_put_item       (XbStore *self, const XbItem *item, GError **error);
XbItem   *xb_store_get_item       (XbStore *self, const char *uuid, GError **error);

typedef enum {
  XB_ITEM_SORT_SUBMITTED,
  XB_ITEM_SORT_TITLE,
  XB_ITEM_SORT_UNIT,
  XB_ITEM_SORT_STATE,
  XB_ITEM_SORT_IMPORTANCE,
  XB_ITEM_SORT_UPDATED,
} XbItemSort;

typedef struct {
  const char *search;     /* full text over title and body; NULL or "" for all */
  gint64      unit_id;    /* 0 for all units */
  int         state;      /* an XbState, or -1 for any */
  XbItemSort  sort;
  gboolean    descending;
  guint32     states;     /* 1 << XbState for each state wanted; 0 for any */
  int         type;       /* an XbItemType, or -1 for any */
  const char *category;   /* a reporting priority; NULL for any */
  gint64      from;       /* submitted at or after; 0 for no bound */
  gint64      to;         /* submitted before; 0 for no bound */
} XbItemQuery;

void      xb_item_query_init      (XbItemQuery *query);
guint     xb_store_count_items    (XbStore *self, const XbItemQuery *query, GError **error);
/* Items without their events, in query order; the body is included. */
GPtrArray *xb_store_list_items    (XbStore *self, const XbItemQuery *query,
                                   guint offset, guint limit, GError **error);

/* Policy: the one in force, and a new version effective from @effective_from. */
gboolean  xb_store_get_policy     (XbStore *self, XbPolicy *out, GError **error);
gboolean  xb_store_set_policy     (XbStore *self, const XbPolicy *policy,
                                   gint64 changed_by, gint64 effective_from,
                                   GError **error);
/* The policy in force at @when (Unix seconds): the latest version with
 * effective_from <= @when, the defaults when there is none. */
gboolean  xb_store_get_policy_at  (XbStore *self, gint64 when, XbPolicy *out,
                                   GError **error);
/* A client's copy of the server's policies: drops every version effective
 * after @now, records @in_force from @now, then the @n_upcoming versions
 * (in the order the server made them) from their @effective_from. */
gboolean  xb_store_replace_upcoming_policies (XbStore *self, const XbPolicy *in_force,
                                              gint64 now, const XbPolicy *upcoming,
                                              const gint64 *effective_from,
                                              guint n_upcoming, GError **error);

/* Reporting priorities (报送要点). */
gint64    xb_store_add_priority   (XbStore *self, const char *title, int position,
                                   GError **error);
GStrv     xb_store_list_priorities (XbStore *self, gboolean active_only, GError **error);

/* Publications (periodicals), their issues, and adoptions into them. */
/* A name or code another periodical holds is XB_ERROR_CONFLICT, naming it. */
gint64    xb_store_add_publication (XbStore *self, const char *name, const char *code,
                                    GError **error);
gint64    xb_store_add_issue      (XbStore *self, gint64 publication_id, int year,
                                   int number, gint64 published_at, GError **error);
gboolean  xb_store_add_adoption   (XbStore *self, const char *item_uuid,
                                   gint64 publication_id, gint64 issue_id,
                                   XbLevel level, gint64 at, GError **error);
guint     xb_store_count_adoptions (XbStore *self, const char *item_uuid);

typedef struct {
  gint64   id;
  gint64   publication_id;
  int      year;
  int      number;
  gint64   published_at;  /* 0 while being assembled */
  gboolean published;     /* a published issue never changes */
} XbIssue;

XbIssue  *xb_store_get_issue      (XbStore *self, gint64 issue_id, GError **error);
/* Issues of a publication, newest first. */
GArray   *xb_store_list_issues    (XbStore *self, gint64 publication_id, GError **error); /* XbIssue */
/* The next issue number of @publication_id in @year. */
int       xb_store_next_issue_number (XbStore *self, gint64 publication_id, int year);
/* Adds an adopted item at the end of an issue being assembled. */
gboolean  xb_store_issue_add_item (XbStore *self, gint64 issue_id, const char *item_uuid,
                                   GError **error);
gboolean  xb_store_issue_remove_item (XbStore *self, gint64 issue_id, const char *item_uuid,
                                      GError **error);
/* Moves an item to @position (from 0) within its issue. */
gboolean  xb_store_issue_move_item (XbStore *self, gint64 issue_id, const char *item_uuid,
                                    guint position, GError **error);
/* The uuids of an issue's items in order. */
GStrv     xb_store_issue_items    (XbStore *self, gint64 issue_id, GError **error);
gboolean  xb_store_publish_issue  (XbStore *self, gint64 issue_id, gint64 at, GError **error);
/* A client's copy of an issue and its contents, under the server's id. */
gboolean  xb_store_put_issue_copy (XbStore *self, const XbIssue *issue, const char *const *items,
                                   GError **error);

/* Leader instructions and their follow-up. */
gint64    xb_store_add_instruction (XbStore *self, const char *item_uuid,
                                    const char *leader, XbLevel level,
                                    const char *text, gint64 at,
                                    XbFollowup followup, GError **error);
guint     xb_store_count_instructions (XbStore *self, const char *item_uuid);
/* Moves an instruction's follow-up forward (received → handling → reported);
 * going back is refused with XB_ERROR_CONFLICT. */
gboolean  xb_store_set_followup   (XbStore *self, const char *item_uuid, gint64 instruction_id,
                                   XbFollowup followup, GError **error);
/* A client's copy: replaces the item's adoptions and instructions with the
 * server's (item->adoptions, item->instructions). */
gboolean  xb_store_replace_outcomes (XbStore *self, const XbItem *item, GError **error);

/* Commissioned requests (约稿). */
gint64    xb_store_add_request    (XbStore *self, const char *topic, gint64 deadline,
                                   gint64 created_by, GError **error);
gboolean  xb_store_add_request_unit (XbStore *self, gint64 request_id, gint64 unit_id,
                                     GError **error);

/* Attachments: metadata only; the bytes live in the attachment store. */
gboolean  xb_store_add_attachment (XbStore *self, const char *item_uuid,
                                   const char *sha256, const char *filename,
                                   gint64 size, GError **error);

/* ---- statistics ------------------------------------------------------------------ */

typedef struct {
  gint64 unit_id;
  guint  submitted;  /* first left the unit within [from, to) */
  guint  adopted;    /* of those, adopted by @taken_at, directly or as a merged source */
} XbUnitCounts;

/* The one SQL path of the statistics (xb-stats.c builds on it): counts per
 * unit that submitted anything in the period. */
GArray   *xb_store_count_by_unit  (XbStore *self, gint64 from, gint64 to, gint64 taken_at,
                                   GError **error);

/* One scoring outcome of an item within a period: an adoption, a forward or
 * an instruction, classified by the scoring table's categories. */
typedef struct {
  char   *item_uuid;
  gint64  unit_id;
  int     score;     /* an XbScore */
} XbScoreEvent;

void      xb_score_event_free     (XbScoreEvent *event);
/* Outcomes dated within [from, to) and no later than @taken_at. */
GPtrArray *xb_store_score_events  (XbStore *self, gint64 from, gint64 to, gint64 taken_at,
                                   GError **error);
/* For each comprehensive item, the units of its merged sources (one entry
 * per source): GHashTable uuid → GArray of gint64 unit ids. */
GHashTable *xb_store_merge_sources (XbStore *self, GError **error);
/* Commissioned requests due within the period (and by @taken_at) that a
 * unit did not answer by the deadline: unit id → count (GINT_TO_POINTER). */
GHashTable *xb_store_missed_requests (XbStore *self, gint64 from, gint64 to, gint64 taken_at,
                                      GError **error);

/* For the award lists: items adopted within the period that are research
 * items (most adoptions first), or that drew a leader instruction (highest
 * level first).  Items come without body and events. */
GPtrArray *xb_store_adopted_research_items (XbStore *self, gint64 from, gint64 to,
                                            gint64 taken_at, GError **error);
GPtrArray *xb_store_instructed_items (XbStore *self, gint64 from, gint64 to,
                                      gint64 taken_at, GError **error);

typedef struct {
  gint64 author_id;
  guint  submitted;
  guint  adopted;
} XbAuthorCounts;

/* Per author: items first submitted in the period and, of those, adopted by
 * @taken_at (directly or as a merged source); most adopted first. */
GArray   *xb_store_count_by_author (XbStore *self, gint64 from, gint64 to, gint64 taken_at,
                                    GError **error);

/* ---- exchange: the server's side ------------------------------------------------ */

/* Every write through this store also moves the entity to the end of the
 * change feed, so the feed cannot miss one. */
typedef enum {
  XB_CHANGE_ITEM,
  XB_CHANGE_UNIT,
  XB_CHANGE_USER,
  XB_CHANGE_PUBLICATION,
  XB_CHANGE_PRIORITIES,
  XB_CHANGE_POLICY,
  XB_CHANGE_BULLETIN,
  XB_CHANGE_ISSUE,
  XB_CHANGE_REQUEST,
  XB_CHANGE_ROSTER,   /* key: the unit id; scoped to the unit and the office */
} XbChangeKind;

const char *xb_change_kind_to_string (XbChangeKind kind);

typedef struct {
  gint64       seq;
  XbChangeKind kind;
  char        *key;   /* item uuid, unit or user id as text, "all", "current" */
} XbChange;

void      xb_change_free          (XbChange *change);

/* What one caller may see of the feed. */
typedef struct {
  gboolean all_items;     /* office roles: every item once it has left its unit */
  gint64   unit_id;       /* otherwise items of this unit (0: none) */
  gboolean adopted_items; /* and, for viewers, every adopted item */
} XbFeedScope;

/* Changes after @since in order, at most @limit; *@more says whether more wait. */
GPtrArray *xb_store_changes_since (XbStore *self, gint64 since, guint limit,
                                   const XbFeedScope *scope, gboolean *more,
                                   GError **error);
gint64    xb_store_last_change    (XbStore *self);

typedef struct {
  gint64   id;
  char    *name;
  char    *code;
  gboolean retired;  /* kept for its issues and adoptions; nothing new is proposed for it */
} XbPublication;

void      xb_publication_free     (XbPublication *publication);
GPtrArray *xb_store_list_publications (XbStore *self, GError **error);
XbPublication *xb_store_get_publication (XbStore *self, gint64 id, GError **error);
/* Inserts or updates a publication under the id the server gave it (clients). */
gboolean  xb_store_put_publication (XbStore *self, const XbPublication *publication,
                                    GError **error);
/* Sets @publication's name, code and retired (the server): an unknown id is
 * XB_ERROR_NOT_FOUND, a name or code another periodical holds XB_ERROR_CONFLICT. */
gboolean  xb_store_update_publication (XbStore *self, const XbPublication *publication,
                                       GError **error);
/* Replaces the active priorities with @titles (old ones stay for old items). */
gboolean  xb_store_set_priorities (XbStore *self, const char *const *titles, GError **error);

/* Sessions: only a hash of each token is stored. */
gboolean  xb_store_add_session    (XbStore *self, const char *token_hash, gint64 user_id,
                                   gint64 expires_at, GError **error);
/* The user a live session belongs to, or 0 (unknown, expired, revoked, or
 * the account is disabled). */
gint64    xb_store_session_user   (XbStore *self, const char *token_hash, gint64 now,
                                   gint64 *expires_at);
gboolean  xb_store_revoke_session (XbStore *self, const char *token_hash, GError **error);
gboolean  xb_store_revoke_user_sessions (XbStore *self, gint64 user_id, GError **error);

/* The idempotency record: the first answer to each action id. */
gboolean  xb_store_find_action    (XbStore *self, const char *id, char **request_hash,
                                   int *status, char **response);
gboolean  xb_store_record_action  (XbStore *self, const char *id, const char *request_hash,
                                   int status, const char *response, GError **error);

/* Attachment metadata per item (XbAttachment in xb-item.h); the bytes live
 * beside the store, content-addressed. */
/* Replaces the attachments of @item_uuid with @attachments (XbAttachment*). */
gboolean  xb_store_set_attachments (XbStore *self, const char *item_uuid,
                                    GPtrArray *attachments, GError **error);
GPtrArray *xb_store_list_attachments (XbStore *self, const char *item_uuid,
                                      GError **error); /* XbAttachment*, by filename */
/* The uuids of the items holding the attachment @sha256. */
GStrv     xb_store_attachment_items (XbStore *self, const char *sha256, GError **error);

/* A published quarterly bulletin: frozen, never rewritten. */
typedef struct {
  char   *period;        /* "2026Q3" */
  gint64  taken_at;      /* the moment the figures were taken */
  gint64  published_at;
  gint64  published_by;  /* user id, 0 if unknown */
  char   *csv;           /* xb_figures_to_csv of the figures */
} XbBulletinRecord;

void      xb_bulletin_record_free (XbBulletinRecord *record);
/* Inserts a bulletin; one that exists for the period is kept as it is and
 * the call fails with XB_ERROR_CONFLICT, unless @replace (a client copying
 * the server's). */
gboolean  xb_store_put_bulletin   (XbStore *self, const XbBulletinRecord *record,
                                   gboolean replace, GError **error);
XbBulletinRecord *xb_store_get_bulletin (XbStore *self, const char *period, GError **error);
/* Published bulletins, newest quarter first. */
GPtrArray *xb_store_list_bulletins (XbStore *self, GError **error);

/* ---- exchange: the client's side -------------------------------------------------- */

/* Marks this store as a client's partial copy of the server's.  Such a copy
 * legitimately refers to rows it will never hold: a merged item's
 * comprehensive item in the office, a commissioned request, a user the feed
 * has not reached yet.  Foreign keys are therefore not enforced on this
 * connection (the server's store enforces them).  Call it outside a
 * transaction, before the first write. */
gboolean  xb_store_use_as_replica (XbStore *self, GError **error);

/* Removes the local copy of an item the server never took (it has no
 * recorded event: a refused create the user discarded); an item that came
 * from the server stays.  Sets @forgotten when a copy went. */
gboolean  xb_store_forget_unsent_item (XbStore *self, const char *uuid, gboolean *forgotten,
                                       GError **error);

typedef struct {
  gint64   id;
  char    *op_id;
  char    *method;
  char    *path;
  char    *body;
  char    *item_uuid;
  gint64   created_at;
  int      attempts;
  char    *error;     /* the last failure, in the server's words */
  gboolean failed;    /* refused by the server: waits for the user */
} XbOutboxEntry;

void      xb_outbox_entry_free    (XbOutboxEntry *entry);
gint64    xb_store_outbox_add     (XbStore *self, const char *op_id, const char *method,
                                   const char *path, const char *body,
                                   const char *item_uuid, GError **error);
/* Entries in the order they were made; failed ones only if @with_failed. */
GPtrArray *xb_store_outbox_list   (XbStore *self, gboolean with_failed, GError **error);
gboolean  xb_store_outbox_remove  (XbStore *self, gint64 id, GError **error);
gboolean  xb_store_outbox_note_attempt (XbStore *self, gint64 id, const char *message,
                                        GError **error);
gboolean  xb_store_outbox_fail    (XbStore *self, gint64 id, const char *message,
                                   GError **error);
gboolean  xb_store_outbox_retry   (XbStore *self, gint64 id, GError **error);
/* Queued (not failed) entries, for one item or all when @item_uuid is NULL. */
guint     xb_store_outbox_count   (XbStore *self, const char *item_uuid);
guint     xb_store_outbox_count_failed (XbStore *self, const char *item_uuid);
/* TRUE when a refused entry waits (for @item_uuid, or any item when NULL);
 * @message is the first one's words from the server, NULL when it gave none. */
gboolean  xb_store_outbox_first_failure (XbStore *self, const char *item_uuid, char **message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbChange, xb_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbPublication, xb_publication_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbOutboxEntry, xb_outbox_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbBulletinRecord, xb_bulletin_record_free)

G_END_DECLS
