/* Administration queries of the store: roster history and changes, units whose roster is missing for a year. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "xb-store-admin.h"
#include "xb-store-private.h"

const char *
xb_post_label (XbPost post)
{
  return post == XB_POST_LEADER ? _("Leader in charge") : _("Information officer");
}

static const char *
post_name (XbPost post)
{
  return post == XB_POST_LEADER ? "leader" : "officer";
}

GArray *
xb_store_roster_history (XbStore *self, gint64 unit_id, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT id, user_id, post, starts, ends FROM roster_entries WHERE unit_id = ?1"
    " ORDER BY post = 'officer', starts, id;", error);
  g_autoptr(GArray) entries = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  entries = g_array_new (FALSE, TRUE, sizeof (XbRosterEntry));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XbRosterEntry e = { 0 };
      e.id = sqlite3_column_int64 (stmt, 0);
      e.unit_id = unit_id;
      e.user_id = sqlite3_column_int64 (stmt, 1);
      e.post = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "leader") == 0
               ? XB_POST_LEADER : XB_POST_OFFICER;
      e.starts = sqlite3_column_int64 (stmt, 3);
      e.ends = sqlite3_column_int64 (stmt, 4);
      g_array_append_val (entries, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return db_error (self, error), NULL;
  return g_steal_pointer (&entries);
}

static gboolean
end_current (XbStore *self, gint64 unit_id, XbPost post, gint64 at, GError **error)
{
  sqlite3_stmt *stmt;

  stmt = prepare (self,
    "SELECT count(*) FROM roster_entries WHERE unit_id = ?1 AND post = ?2"
    " AND starts >= ?3 AND (ends IS NULL OR ends > ?3);", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  bind_text (stmt, 2, post_name (post));
  sqlite3_bind_int64 (stmt, 3, at);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > 0)
    {
      sqlite3_reset (stmt);
      return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID,
                                  _("The change must come after the start of the current holder’s term.")), FALSE;
    }
  sqlite3_reset (stmt);
  stmt = prepare (self,
    "UPDATE roster_entries SET ends = ?3 WHERE unit_id = ?1 AND post = ?2"
    " AND starts < ?3 AND (ends IS NULL OR ends > ?3);", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  bind_text (stmt, 2, post_name (post));
  sqlite3_bind_int64 (stmt, 3, at);
  return step_done (self, stmt, error);
}

gboolean
xb_store_change_roster (XbStore *self, gint64 unit_id, XbPost post, gint64 user_id,
                        gint64 at, GError **error)
{
  LOCKED (self);
  gboolean ok;

  TX_BEGIN (self, error);
  ok = end_current (self, unit_id, post, at, error)
    && xb_store_add_roster (self, unit_id, user_id, post, at, 0, error);
  return TX_END (self, ok, error);
}

gboolean
xb_store_touch_roster (XbStore *self, gint64 unit_id, GError **error)
{
  char key[32];

  g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT, unit_id);
  return xb_store_touch (self, XB_CHANGE_ROSTER, key, unit_id, FALSE, error);
}

static gboolean
insert_entry (XbStore *self, gint64 unit_id, const XbRosterEntry *e, GError **error)
{
  sqlite3_stmt *stmt = prepare (self,
    "INSERT INTO roster_entries (id, unit_id, user_id, post, starts, ends)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6);", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, e->id);
  sqlite3_bind_int64 (stmt, 2, unit_id);
  sqlite3_bind_int64 (stmt, 3, e->user_id);
  bind_text (stmt, 4, post_name (e->post));
  sqlite3_bind_int64 (stmt, 5, e->starts);
  bind_opt (stmt, 6, e->ends);
  return step_done (self, stmt, error);
}

gboolean
xb_store_put_roster (XbStore *self, gint64 unit_id, GArray *entries, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (unit_id > 0 && entries != NULL, FALSE);
  TX_BEGIN (self, error);
  stmt = prepare (self, "DELETE FROM roster_entries WHERE unit_id = ?1;", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, unit_id);
      ok = step_done (self, stmt, error);
    }
  for (guint i = 0; ok && i < entries->len; i++)
    ok = insert_entry (self, unit_id, &g_array_index (entries, XbRosterEntry, i), error);
  ok = ok && xb_store_touch_roster (self, unit_id, error);
  return TX_END (self, ok, error);
}

gint64
xb_roster_deadline (int year, int month, int day)
{
  g_autoptr(GTimeZone) cst = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GDateTime) start = g_date_time_new (cst, year, month, day, 0, 0, 0);

  g_return_val_if_fail (start != NULL, 0);
  return g_date_time_to_unix (start) + 86400 - 1;
}

gint64
xb_store_roster_deadline (XbStore *self, int year, GError **error)
{
  XbPolicy policy;

  if (!xb_store_get_policy (self, &policy, error))
    return 0;
  return xb_roster_deadline (year, policy.roster_deadline_month, policy.roster_deadline_day);
}

GArray *
xb_store_missing_rosters (XbStore *self, gint64 at, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT u.id,"
    "  EXISTS (SELECT 1 FROM roster_entries r WHERE r.unit_id = u.id AND r.post = 'leader'"
    "          AND r.starts <= ?1 AND (r.ends IS NULL OR r.ends > ?1)),"
    "  EXISTS (SELECT 1 FROM roster_entries r WHERE r.unit_id = u.id AND r.post = 'officer'"
    "          AND r.starts <= ?1 AND (r.ends IS NULL OR r.ends > ?1))"
    " FROM units u WHERE u.retired = 0 AND u.kind <> 'office' ORDER BY u.id;", error);
  g_autoptr(GArray) gaps = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, at);
  gaps = g_array_new (FALSE, TRUE, sizeof (XbRosterGap));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XbRosterGap gap = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1),
                          sqlite3_column_int (stmt, 2) };
      if (!gap.has_leader || !gap.has_officer)
        g_array_append_val (gaps, gap);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return db_error (self, error), NULL;
  return g_steal_pointer (&gaps);
}

void
xb_policy_version_free (XbPolicyVersion *version)
{
  if (version == NULL)
    return;
  g_free (version->body);
  g_free (version);
}

GPtrArray *
xb_store_policy_history (XbStore *self, GError **error)
{
  LOCKED (self);
  sqlite3_stmt *stmt = prepare (self,
    "SELECT id, body, changed_by, changed_at, effective_from FROM policies"
    " ORDER BY changed_at DESC, id DESC;", error);
  g_autoptr(GPtrArray) versions = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  versions = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_policy_version_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XbPolicyVersion *v = g_new0 (XbPolicyVersion, 1);
      v->id = sqlite3_column_int64 (stmt, 0);
      v->body = col_text (stmt, 1);
      v->changed_by = sqlite3_column_int64 (stmt, 2);
      v->changed_at = sqlite3_column_int64 (stmt, 3);
      v->effective_from = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (versions, v);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return db_error (self, error), NULL;
  return g_steal_pointer (&versions);
}
