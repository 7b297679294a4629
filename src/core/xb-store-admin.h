/* Administration queries of the store: roster history and changes, units whose roster is missing for a year. */
#pragma once

#include "xb-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64 id;
  gint64 unit_id;
  gint64 user_id;
  XbPost post;
  gint64 starts;  /* inclusive, Unix seconds */
  gint64 ends;    /* exclusive; 0 while the post is still held */
} XbRosterEntry;

/* "Leader in charge" or "Information officer", translated. */
const char *xb_post_label          (XbPost    post);

/* Every roster entry of @unit_id, past and present: leaders first, then
 * officers, each by start date. */
GArray   *xb_store_roster_history  (XbStore  *self,
                                    gint64    unit_id,
                                    GError  **error);

/* Hands @post of @unit_id to @user_id from @at: whoever holds it at @at
 * (for officers: every officer) has their entry ended at @at, earlier
 * entries stay as history.  One transaction.  @at before the start of a
 * current holder's entry is refused (XB_ERROR_INVALID). */
gboolean  xb_store_change_roster   (XbStore  *self,
                                    gint64    unit_id,
                                    XbPost    post,
                                    gint64    user_id,
                                    gint64    at,
                                    GError  **error);

/* Replaces every roster entry of @unit_id with @entries (XbRosterEntry,
 * keeping their ids): a client copying the server's roster.  One
 * transaction; a bad entry leaves the old roster as it was. */
gboolean  xb_store_put_roster      (XbStore  *self,
                                    gint64    unit_id,
                                    GArray   *entries,
                                    GError  **error);

/* The default yearly deadline for rosters: 20 March (the policy's
 * roster_deadline overrides it). */
#define XB_ROSTER_DEADLINE_MONTH 3
#define XB_ROSTER_DEADLINE_DAY   20

/* The last second of @day/@month/@year in China Standard Time (UTC+8). */
gint64    xb_roster_deadline       (int year, int month, int day);

/* The roster deadline of @year under the policy in force
 * (XbPolicy.roster_deadline_month/_day); 0 on error. */
gint64    xb_store_roster_deadline (XbStore  *self,
                                    int       year,
                                    GError  **error);

typedef struct {
  gint64   unit_id;
  gboolean has_leader;
  gboolean has_officer;
} XbRosterGap;

/* Units (not retired, not the office) whose roster at @at lacks a leader
 * in charge or an information officer, by unit id.  Neither: missing;
 * one of them: incomplete. */
GArray   *xb_store_missing_rosters (XbStore  *self,
                                    gint64    at,
                                    GError  **error);

typedef struct {
  gint64  id;
  char   *body;            /* the policy as JSON (xb_policy_to_json) */
  gint64  changed_by;      /* user id; 0 if unknown */
  gint64  changed_at;
  gint64  effective_from;
} XbPolicyVersion;

void       xb_policy_version_free  (XbPolicyVersion *version);
/* Every policy version ever recorded, newest change first. */
GPtrArray *xb_store_policy_history (XbStore *self, GError **error);

G_END_DECLS
