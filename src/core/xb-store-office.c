/* The office's work queues in the store: the editors' inbox and each signer's sign-off queue. */
#include "config.h"

#include "xb-policy.h"
#include "xb-store-office.h"
#include "xb-store-private.h"

void
xb_queue_row_free (XbQueueRow *row)
{
  if (row == NULL)
    return;
  g_free (row->uuid);
  g_free (row->title);
  g_free (row->unit_name);
  g_free (row->holder_name);
  g_free (row->signoff_chain);
  g_free (row);
}

/* A comprehensive item the office wrote was never submitted: it arrived
 * when it was made.  The deadline is the event time plus the policy's minutes for the item's
 * importance (xb_workflow_deadline), computed here so SQLite can order by it. */
#define QUEUE_SQL(where) \
  "SELECT i.uuid, i.title, u.name, i.holder_id, h.display_name, i.state, i.importance, i.urgent," \
  "       CASE WHEN i.urgent AND i.event_at IS NOT NULL THEN i.event_at + 60 * CASE i.importance" \
  "            WHEN 'general' THEN ?1 WHEN 'major' THEN ?2 ELSE ?3 END END AS deadline," \
  "       COALESCE (i.submitted_at, i.created_at) AS arrived, i.signoff_chain, i.signoff_step" \
  "  FROM items i JOIN units u ON u.id = i.unit_id LEFT JOIN users h ON h.id = i.holder_id" \
  " WHERE " where \
  " ORDER BY i.urgent DESC, deadline IS NULL, deadline, arrived, i.uuid;"

static XbQueueRow *
read_row (sqlite3_stmt *stmt)
{
  XbQueueRow *row = g_new0 (XbQueueRow, 1);
  g_autofree char *state = col_text (stmt, 5);
  g_autofree char *importance = col_text (stmt, 6);

  row->uuid = col_text (stmt, 0);
  row->title = col_text (stmt, 1);
  row->unit_name = col_text (stmt, 2);
  row->holder_id = sqlite3_column_int64 (stmt, 3);
  row->holder_name = col_text (stmt, 4);
  if (!xb_state_from_string (state, &row->state))
    row->state = XB_STATE_SUBMITTED;
  if (!xb_importance_from_string (importance, &row->importance))
    row->importance = XB_IMPORTANCE_GENERAL;
  row->urgent = sqlite3_column_int (stmt, 7) != 0;
  row->deadline = sqlite3_column_int64 (stmt, 8);
  row->submitted_at = sqlite3_column_int64 (stmt, 9);
  row->signoff_chain = col_text (stmt, 10);
  row->signoff_step = sqlite3_column_int (stmt, 11);
  return row;
}

/* Every row of @sql (QUEUE_SQL) that @keep accepts (all when NULL). */
static GPtrArray *
list_rows (XbStore *self, const char *sql, gboolean (*keep) (const XbQueueRow *, XbRoles), XbRoles roles,
           GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt;
  XbPolicy policy;
  GPtrArray *rows;
  int rc;

  if (!xb_store_get_policy (self, &policy, error) || (stmt = prepare (self, sql, error)) == NULL)
    return NULL;
  for (int i = 0; i < 3; i++)
    sqlite3_bind_int (stmt, i + 1, policy.urgent_minutes[i]);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_queue_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XbQueueRow *row = read_row (stmt);

      if (keep == NULL || keep (row, roles))
        g_ptr_array_add (rows, row);
      else
        xb_queue_row_free (row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      db_error (self, error);
      g_ptr_array_unref (rows);
      return NULL;
    }
  return rows;
}

GPtrArray *
xb_store_office_inbox (XbStore *self, GError **error)
{
  g_return_val_if_fail (XB_IS_STORE (self), NULL);
  return list_rows (self, QUEUE_SQL ("i.state IN ('submitted', 'editing')"), NULL, 0, error);
}

/* The chain lives in the item as text: the state machine reads whose step it is. */
static gboolean
due_for (const XbQueueRow *row, XbRoles roles)
{
  XbChain chain;

  if (!xb_chain_parse (row->signoff_chain, &chain) || row->signoff_step < 0 || row->signoff_step >= chain.n_roles)
    return FALSE;
  return (roles & XB_ROLE_BIT (chain.roles[row->signoff_step])) != 0;
}

GPtrArray *
xb_store_office_signoff_queue (XbStore *self, XbRoles roles, GError **error)
{
  g_return_val_if_fail (XB_IS_STORE (self), NULL);
  return list_rows (self, QUEUE_SQL ("i.state = 'signoff'"), due_for, roles, error);
}
