/* Roster proposals: an officer proposes their unit's roster entry, the office approves or rejects it. */
#pragma once

#include "xb-store.h"

G_BEGIN_DECLS

typedef enum {
  XB_PROPOSAL_PENDING,
  XB_PROPOSAL_APPROVED,
  XB_PROPOSAL_REJECTED,
} XbProposalStatus;

const char *xb_proposal_status_to_string (XbProposalStatus status);

typedef struct {
  gint64           id;
  gint64           unit_id;
  XbPost           post;
  gint64           user_id;      /* an existing account, or 0 ... */
  char            *person_name;  /* ... a person without one yet */
  gint64           starts;
  gint64           proposed_by;
  gint64           proposed_at;
  XbProposalStatus status;
  gint64           decided_by;   /* 0 while pending */
  gint64           decided_at;
  char            *reason;       /* why it was rejected */
} XbRosterProposal;

void      xb_roster_proposal_free          (XbRosterProposal *proposal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbRosterProposal, xb_roster_proposal_free)

/* Stores @proposal as pending and sets its id.  It names a user or a
 * person's name (XB_ERROR_INVALID otherwise). */
gboolean  xb_store_add_roster_proposal     (XbStore          *self,
                                            XbRosterProposal *proposal,
                                            GError          **error);
XbRosterProposal *xb_store_get_roster_proposal (XbStore *self,
                                                gint64   id,
                                                GError **error);
/* Proposals of @unit_id (0: every unit), newest first; only pending ones
 * if @pending_only. */
GPtrArray *xb_store_list_roster_proposals  (XbStore  *self,
                                            gint64    unit_id,
                                            gboolean  pending_only,
                                            GError  **error);
/* Applies a pending proposal as a roster change (xb_store_change_roster)
 * from its start date, for @user_id (0: the proposal's own user; a
 * proposal naming a new person needs one) and marks it approved, in one
 * transaction.  Not pending: XB_ERROR_CONFLICT. */
gboolean  xb_store_approve_roster_proposal (XbStore  *self,
                                            gint64    id,
                                            gint64    user_id,
                                            gint64    decided_by,
                                            gint64    decided_at,
                                            GError  **error);
/* Marks a pending proposal rejected with @reason (not blank). */
gboolean  xb_store_reject_roster_proposal  (XbStore    *self,
                                            gint64      id,
                                            const char *reason,
                                            gint64      decided_by,
                                            gint64      decided_at,
                                            GError    **error);

G_END_DECLS
