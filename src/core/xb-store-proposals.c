/* Roster proposals in the store: pending entries officers propose for their unit, approved or rejected by the office. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "xb-codec.h"
#include "xb-store-admin.h"
#include "xb-store-private.h"
#include "xb-store-proposals.h"

static const char *const status_names[] = { "pending", "approved", "rejected" };

const char *
xb_proposal_status_to_string (XbProposalStatus status)
{
  return status_names[status];
}

static XbProposalStatus
status_from_string (const char *s)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (s, status_names[i]) == 0)
      return (XbProposalStatus) i;
  return XB_PROPOSAL_PENDING;
}

void
xb_roster_proposal_free (XbRosterProposal *proposal)
{
  if (proposal == NULL)
    return;
  g_free (proposal->person_name);
  g_free (proposal->reason);
  g_free (proposal);
}

gboolean
xb_store_add_roster_proposal (XbStore *self, XbRosterProposal *proposal, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt;

  if (proposal->user_id <= 0 && xb_text_is_blank (proposal->person_name))
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID,
                                _("A roster proposal must name an existing account or a new person.")), FALSE;
  stmt = prepare (self,
    "INSERT INTO roster_proposals (unit_id, post, user_id, person_name, starts, proposed_by, proposed_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, proposal->unit_id);
  bind_text (stmt, 2, proposal->post == XB_POST_LEADER ? "leader" : "officer");
  bind_opt (stmt, 3, proposal->user_id);
  bind_text (stmt, 4, proposal->user_id > 0 ? NULL : proposal->person_name);
  sqlite3_bind_int64 (stmt, 5, proposal->starts);
  bind_opt (stmt, 6, proposal->proposed_by);
  sqlite3_bind_int64 (stmt, 7, proposal->proposed_at);
  if (!step_done (self, stmt, error))
    return FALSE;
  proposal->id = sqlite3_last_insert_rowid (self->db);
  proposal->status = XB_PROPOSAL_PENDING;
  return TRUE;
}

#define PROPOSAL_COLUMNS \
  "id, unit_id, post, user_id, person_name, starts, proposed_by, proposed_at," \
  " status, decided_by, decided_at, reason"

static XbRosterProposal *
read_proposal (sqlite3_stmt *stmt)
{
  XbRosterProposal *p = g_new0 (XbRosterProposal, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->unit_id = sqlite3_column_int64 (stmt, 1);
  p->post = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "leader") == 0
            ? XB_POST_LEADER : XB_POST_OFFICER;
  p->user_id = sqlite3_column_int64 (stmt, 3);
  p->person_name = col_text (stmt, 4);
  p->starts = sqlite3_column_int64 (stmt, 5);
  p->proposed_by = sqlite3_column_int64 (stmt, 6);
  p->proposed_at = sqlite3_column_int64 (stmt, 7);
  p->status = status_from_string ((const char *) sqlite3_column_text (stmt, 8));
  p->decided_by = sqlite3_column_int64 (stmt, 9);
  p->decided_at = sqlite3_column_int64 (stmt, 10);
  p->reason = col_text (stmt, 11);
  return p;
}

XbRosterProposal *
xb_store_get_roster_proposal (XbStore *self, gint64 id, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self, "SELECT " PROPOSAL_COLUMNS " FROM roster_proposals WHERE id = ?1;", error);
  XbRosterProposal *p = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    p = read_proposal (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, XB_ERROR, XB_ERROR_NOT_FOUND, _("There is no roster proposal %lld."), (long long) id);
  else if (rc != SQLITE_ROW)
    db_error (self, error);
  return p;
}

GPtrArray *
xb_store_list_roster_proposals (XbStore *self, gint64 unit_id, gboolean pending_only, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT " PROPOSAL_COLUMNS " FROM roster_proposals WHERE (?1 = 0 OR unit_id = ?1)"
    " AND (NOT ?2 OR status = 'pending') ORDER BY proposed_at DESC, id DESC;", error);
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  sqlite3_bind_int (stmt, 2, pending_only);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_roster_proposal_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_proposal (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return db_error (self, error), NULL;
  return g_steal_pointer (&list);
}

static gboolean
decide (XbStore *self, gint64 id, XbProposalStatus status, const char *reason,
        gint64 decided_by, gint64 decided_at, GError **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "UPDATE roster_proposals SET status = ?2, reason = ?3, decided_by = ?4, decided_at = ?5"
    " WHERE id = ?1 AND status = 'pending';", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, status_names[status]);
  bind_text (stmt, 3, reason);
  bind_opt (stmt, 4, decided_by);
  sqlite3_bind_int64 (stmt, 5, decided_at);
  return step_done (self, stmt, error);
}

/* The pending proposal @id, or NULL with XB_ERROR_NOT_FOUND / _CONFLICT. */
static XbRosterProposal *
get_pending (XbStore *self, gint64 id, GError **error)
{
  g_autoptr(XbRosterProposal) p = xb_store_get_roster_proposal (self, id, error);

  if (p != NULL && p->status != XB_PROPOSAL_PENDING)
    return g_set_error (error, XB_ERROR, XB_ERROR_CONFLICT,
                        _("Roster proposal %lld has already been decided."), (long long) id), NULL;
  return g_steal_pointer (&p);
}

gboolean
xb_store_approve_roster_proposal (XbStore *self, gint64 id, gint64 user_id,
                                  gint64 decided_by, gint64 decided_at, GError **error)
{
  LOCKED (self);
  g_autoptr(XbRosterProposal) p = NULL;
  gboolean ok;

  TX_BEGIN (self, error);
  ok = (p = get_pending (self, id, error)) != NULL;
  if (ok && user_id <= 0)
    user_id = p->user_id;
  if (ok && user_id <= 0)
    {
      g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID,
                           _("The proposal names a new person: give the account created for them."));
      ok = FALSE;
    }
  ok = ok && xb_store_change_roster (self, p->unit_id, p->post, user_id, p->starts, error)
          && decide (self, id, XB_PROPOSAL_APPROVED, NULL, decided_by, decided_at, error);
  return TX_END (self, ok, error);
}

gboolean
xb_store_reject_roster_proposal (XbStore *self, gint64 id, const char *reason,
                                 gint64 decided_by, gint64 decided_at, GError **error)
{
  LOCKED (self);
  g_autoptr(XbRosterProposal) p = NULL;
  gboolean ok;

  if (xb_text_is_blank (reason))
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID,
                                _("Say why the proposal is rejected.")), FALSE;
  TX_BEGIN (self, error);
  ok = (p = get_pending (self, id, error)) != NULL
    && decide (self, id, XB_PROPOSAL_REJECTED, reason, decided_by, decided_at, error);
  return TX_END (self, ok, error);
}
