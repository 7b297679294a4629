/* Roster tests on a real SQLite file: who held a post before, during and after a change, the history kept, and the units whose roster is missing or incomplete at the yearly deadline. */
#include "config.h"

#include <string.h>

#include "xb-codec.h"
#include "xb-store-admin.h"
#include "xb-store-proposals.h"

#define DAY ((gint64) 86400)

typedef struct {
  char    *dir;
  XbStore *store;
} Fixture;

static gint64
add_unit (XbStore *store, const char *name, XbUnitKind kind, gboolean retired)
{
  g_autoptr(XbUnit) unit = xb_unit_new ();
  g_autoptr(GError) error = NULL;

  unit->name = g_strdup (name);
  unit->kind = kind;
  unit->retired = retired;
  g_assert_true (xb_store_put_unit (store, unit, &error));
  g_assert_no_error (error);
  return unit->id;
}

static gint64
add_user (XbStore *store, const char *username, gint64 unit_id)
{
  g_autoptr(XbUser) user = xb_user_new ();
  g_autoptr(GError) error = NULL;

  user->username = g_strdup (username);
  user->display_name = g_strdup (username);
  user->unit_id = unit_id;
  user->roles = XB_ROLE_BIT (XB_ROLE_OFFICER);
  g_assert_true (xb_store_put_user (store, user, "$argon2id$fake", &error));
  g_assert_no_error (error);
  return user->id;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("xb-rosters-XXXXXX", NULL);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = xb_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->store);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->dir);
}

/* The one holder of @post at @at, or 0; fails on more than one. */
static gint64
holder (Fixture *f, gint64 unit, XbPost post, gint64 at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = xb_store_roster_at (f->store, unit, post, at, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, <=, 1);
  return ids->len ? g_array_index (ids, gint64, 0) : 0;
}

static void
test_change_keeps_history (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) history = NULL;
  gint64 t0 = xb_roster_deadline (2025, 1, 1), change = xb_roster_deadline (2026, 6, 30);
  gint64 unit = add_unit (f->store, "成县人民政府办公室", XB_UNIT_KIND_COUNTY, FALSE);
  gint64 old_leader = add_user (f->store, "old", unit), new_leader = add_user (f->store, "new", unit);
  gint64 officer = add_user (f->store, "officer", unit);
  XbRosterEntry *e;

  g_assert_true (xb_store_change_roster (f->store, unit, XB_POST_LEADER, old_leader, t0, &error));
  g_assert_true (xb_store_change_roster (f->store, unit, XB_POST_OFFICER, officer, t0, &error));
  g_assert_true (xb_store_change_roster (f->store, unit, XB_POST_LEADER, new_leader, change, &error));
  g_assert_no_error (error);

  /* Before the roster, before the change, at its second, after it. */
  g_assert_cmpint (holder (f, unit, XB_POST_LEADER, t0 - 1), ==, 0);
  g_assert_cmpint (holder (f, unit, XB_POST_LEADER, t0), ==, old_leader);
  g_assert_cmpint (holder (f, unit, XB_POST_LEADER, change - 1), ==, old_leader);
  g_assert_cmpint (holder (f, unit, XB_POST_LEADER, change), ==, new_leader);
  g_assert_cmpint (holder (f, unit, XB_POST_LEADER, change + 400 * DAY), ==, new_leader);
  /* The officer is untouched by the leader's change. */
  g_assert_cmpint (holder (f, unit, XB_POST_OFFICER, change + DAY), ==, officer);

  history = xb_store_roster_history (f->store, unit, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  e = &g_array_index (history, XbRosterEntry, 0);
  g_assert_true (e->post == XB_POST_LEADER && e->user_id == old_leader && e->starts == t0 && e->ends == change);
  e = &g_array_index (history, XbRosterEntry, 1);
  g_assert_true (e->post == XB_POST_LEADER && e->user_id == new_leader && e->starts == change && e->ends == 0);
  e = &g_array_index (history, XbRosterEntry, 2);
  g_assert_true (e->post == XB_POST_OFFICER && e->user_id == officer && e->ends == 0);

  /* A change dated before the current term's start is refused and writes nothing. */
  g_assert_false (xb_store_change_roster (f->store, unit, XB_POST_LEADER, old_leader, change - DAY, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
  g_clear_pointer (&history, g_array_unref);
  history = xb_store_roster_history (f->store, unit, NULL);
  g_assert_cmpuint (history->len, ==, 3);
}

static gboolean
find_gap (GArray *gaps, gint64 unit, XbRosterGap *out)
{
  for (guint i = 0; i < gaps->len; i++)
    if (g_array_index (gaps, XbRosterGap, i).unit_id == unit)
      {
        *out = g_array_index (gaps, XbRosterGap, i);
        return TRUE;
      }
  return FALSE;
}

/* A dataset: complete, leader only, nothing, a roster that ended before the
 * deadline, one that starts after it, a retired unit and the office. */
static void
test_missing_view (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) gaps = NULL, last_year = NULL;
  gint64 deadline = xb_roster_deadline (2026, XB_ROSTER_DEADLINE_MONTH, XB_ROSTER_DEADLINE_DAY);
  gint64 jan = xb_roster_deadline (2026, 1, 5);
  gint64 complete = add_unit (f->store, "徽县人民政府办公室", XB_UNIT_KIND_COUNTY, FALSE);
  gint64 leader_only = add_unit (f->store, "市发展和改革委员会", XB_UNIT_KIND_DEPARTMENT, FALSE);
  gint64 empty = add_unit (f->store, "市财政局", XB_UNIT_KIND_DEPARTMENT, FALSE);
  gint64 ended = add_unit (f->store, "市教育局", XB_UNIT_KIND_DEPARTMENT, FALSE);
  gint64 late = add_unit (f->store, "市交通运输局", XB_UNIT_KIND_DEPARTMENT, FALSE);
  gint64 retired = add_unit (f->store, "撤并的单位", XB_UNIT_KIND_DEPARTMENT, TRUE);
  gint64 office = add_unit (f->store, "市政府办公室", XB_UNIT_KIND_OFFICE, FALSE);
  gint64 a = add_user (f->store, "a", complete), b = add_user (f->store, "b", complete);
  gint64 c = add_user (f->store, "c", leader_only), d = add_user (f->store, "d", ended);
  gint64 e = add_user (f->store, "e", ended), g = add_user (f->store, "g", late);
  XbRosterGap gap;

  g_assert_true (xb_store_add_roster (f->store, complete, a, XB_POST_LEADER, jan, 0, &error));
  g_assert_true (xb_store_add_roster (f->store, complete, b, XB_POST_OFFICER, jan, 0, &error));
  g_assert_true (xb_store_add_roster (f->store, leader_only, c, XB_POST_LEADER, jan, 0, &error));
  g_assert_true (xb_store_add_roster (f->store, ended, d, XB_POST_LEADER, jan, jan + 30 * DAY, &error));
  g_assert_true (xb_store_add_roster (f->store, ended, e, XB_POST_OFFICER, jan, 0, &error));
  g_assert_true (xb_store_add_roster (f->store, late, g, XB_POST_LEADER, deadline + 1, 0, &error));
  g_assert_true (xb_store_add_roster (f->store, late, g, XB_POST_OFFICER, deadline + 1, 0, &error));
  g_assert_no_error (error);

  gaps = xb_store_missing_rosters (f->store, deadline, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gaps->len, ==, 4);
  g_assert_false (find_gap (gaps, complete, &gap));
  g_assert_true (find_gap (gaps, leader_only, &gap) && gap.has_leader && !gap.has_officer);
  g_assert_true (find_gap (gaps, empty, &gap) && !gap.has_leader && !gap.has_officer);
  g_assert_true (find_gap (gaps, ended, &gap) && !gap.has_leader && gap.has_officer);
  g_assert_true (find_gap (gaps, late, &gap) && !gap.has_leader && !gap.has_officer);
  g_assert_false (find_gap (gaps, retired, &gap));
  g_assert_false (find_gap (gaps, office, &gap));

  /* A year earlier nobody had a roster. */
  last_year = xb_store_missing_rosters (f->store, xb_roster_deadline (2025, 3, 20), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (last_year->len, ==, 5);
}

/* The roster changes in the feed a caller of @scope sees, by unit id. */
static gboolean
feed_has_roster (XbStore *store, const XbFeedScope *scope, gint64 unit)
{
  g_autoptr(GError) error = NULL;
  gboolean more = FALSE, found = FALSE;
  g_autoptr(GPtrArray) changes = xb_store_changes_since (store, 0, 10000, scope, &more, &error);
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, unit);

  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    {
      XbChange *c = changes->pdata[i];
      if (c->kind == XB_CHANGE_ROSTER)
        {
          g_assert_cmpstr (xb_change_kind_to_string (c->kind), ==, "roster");
          found = found || g_str_equal (c->key, key);
        }
    }
  return found;
}

/* A roster change reaches the feed of its unit and of the office only. */
static void
test_feed_scope (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 mine = add_unit (f->store, "成县人民政府办公室", XB_UNIT_KIND_COUNTY, FALSE);
  gint64 other = add_unit (f->store, "徽县人民政府办公室", XB_UNIT_KIND_COUNTY, FALSE);
  gint64 a = add_user (f->store, "a", mine);
  XbFeedScope own = { .unit_id = mine }, others = { .unit_id = other }, office = { .all_items = TRUE };

  g_assert_false (feed_has_roster (f->store, &office, mine));
  g_assert_true (xb_store_change_roster (f->store, mine, XB_POST_OFFICER, a, xb_roster_deadline (2026, 1, 1), &error));
  g_assert_no_error (error);
  g_assert_true (feed_has_roster (f->store, &own, mine));
  g_assert_true (feed_has_roster (f->store, &office, mine));
  g_assert_false (feed_has_roster (f->store, &others, mine));
}

static GArray *
history_of (XbStore *store, gint64 unit)
{
  g_autoptr(GError) error = NULL;
  GArray *history = xb_store_roster_history (store, unit, &error);

  g_assert_no_error (error);
  return history;
}

static void
assert_same_entries (GArray *a, GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      XbRosterEntry *x = &g_array_index (a, XbRosterEntry, i), *y = &g_array_index (b, XbRosterEntry, i);
      g_assert_true (x->id == y->id && x->unit_id == y->unit_id && x->user_id == y->user_id
                     && x->post == y->post && x->starts == y->starts && x->ends == y->ends);
    }
}

/* The server's roster through the wire shape into a client's copy: the
 * entries keep their ids; a later copy replaces the earlier one; a copy
 * that cannot be written leaves the old one; bad wire data is refused. */
static void
test_replica_copy (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "client.db", NULL);
  g_autoptr(XbStore) client = xb_store_open (path, &error);
  gint64 unit = add_unit (f->store, "成县人民政府办公室", XB_UNIT_KIND_COUNTY, FALSE), copied_unit = 0;
  gint64 a = add_user (f->store, "a", unit), b = add_user (f->store, "b", unit);
  g_autoptr(GArray) server = NULL, copy = NULL, decoded = NULL, bad = NULL;
  g_autoptr(JsonNode) node = NULL, bad_node = NULL;
  XbRosterEntry twin;

  g_assert_no_error (error);
  g_assert_true (xb_store_use_as_replica (client, &error));
  g_assert_true (xb_store_change_roster (f->store, unit, XB_POST_OFFICER, a, xb_roster_deadline (2025, 1, 1), &error));
  g_assert_true (xb_store_change_roster (f->store, unit, XB_POST_OFFICER, b, xb_roster_deadline (2026, 1, 1), &error));
  g_assert_no_error (error);
  server = history_of (f->store, unit);
  node = xb_roster_to_node (unit, server);
  decoded = xb_roster_from_node (node, &copied_unit, &error);
  g_assert_no_error (error);
  g_assert_cmpint (copied_unit, ==, unit);
  g_assert_true (xb_store_put_roster (client, unit, decoded, &error));
  g_assert_no_error (error);
  copy = history_of (client, unit);
  assert_same_entries (copy, server);

  /* Two entries under one id cannot be written: the copy stays as it was. */
  twin = g_array_index (decoded, XbRosterEntry, 0);
  twin.starts += DAY;
  g_array_append_val (decoded, twin);
  g_assert_false (xb_store_put_roster (client, unit, decoded, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&copy, g_array_unref);
  copy = history_of (client, unit);
  assert_same_entries (copy, server);

  /* The server's roster shrinks (an entry gone): so does the copy. */
  g_array_set_size (decoded, 1);
  g_assert_true (xb_store_put_roster (client, unit, decoded, &error));
  g_clear_pointer (&copy, g_array_unref);
  copy = history_of (client, unit);
  g_assert_cmpuint (copy->len, ==, 1);

  bad_node = xb_json_parse ("{\"unit_id\":1,\"entries\":[{\"id\":1,\"user_id\":2,\"post\":\"chief\","
                            "\"starts\":\"2026-01-01T00:00:00Z\",\"ends\":null}]}", -1, &error);
  g_assert_no_error (error);
  bad = xb_roster_from_node (bad_node, &copied_unit, &error);
  g_assert_null (bad);
  g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
}

static XbRosterProposal *
propose (XbStore *store, gint64 unit, XbPost post, gint64 user_id, const char *name, gint64 starts)
{
  g_autoptr(GError) error = NULL;
  XbRosterProposal *p = g_new0 (XbRosterProposal, 1);

  p->unit_id = unit;
  p->post = post;
  p->user_id = user_id;
  p->person_name = g_strdup (name);
  p->starts = starts;
  p->proposed_at = starts - DAY;
  g_assert_true (xb_store_add_roster_proposal (store, p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (p->id, >, 0);
  return p;
}

static XbProposalStatus
status_of (XbStore *store, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbRosterProposal) p = xb_store_get_roster_proposal (store, id, &error);

  g_assert_no_error (error);
  return p->status;
}

/* A proposal for an account is approved (the roster changes from its
 * start, once); one for a new person needs an account to be approved; a
 * rejection needs a reason and is kept with it; the pending list shrinks. */
static void
test_proposals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 unit = add_unit (f->store, "成县人民政府办公室", XB_UNIT_KIND_COUNTY, FALSE);
  gint64 other = add_unit (f->store, "徽县人民政府办公室", XB_UNIT_KIND_COUNTY, FALSE);
  gint64 a = add_user (f->store, "a", unit), b = add_user (f->store, "b", unit), x = add_user (f->store, "x", other);
  gint64 t0 = xb_roster_deadline (2026, 1, 1), t1 = xb_roster_deadline (2026, 5, 1);
  g_autoptr(XbRosterProposal) first = NULL, second = NULL, third = NULL, fourth = NULL, rejected = NULL;
  g_autoptr(GPtrArray) pending = NULL, mine = NULL;
  XbRosterProposal nobody = { .unit_id = unit, .starts = t0, .proposed_at = t0 };

  g_assert_true (xb_store_change_roster (f->store, unit, XB_POST_OFFICER, a, t0, &error));
  first = propose (f->store, unit, XB_POST_OFFICER, b, NULL, t1);
  second = propose (f->store, unit, XB_POST_LEADER, 0, "张三", t1);
  third = propose (f->store, other, XB_POST_LEADER, x, NULL, t1);
  g_assert_false (xb_store_add_roster_proposal (f->store, &nobody, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
  g_clear_error (&error);

  pending = xb_store_list_roster_proposals (f->store, 0, TRUE, &error);
  g_assert_cmpuint (pending->len, ==, 3);
  mine = xb_store_list_roster_proposals (f->store, unit, FALSE, &error);
  g_assert_cmpuint (mine->len, ==, 2);

  g_assert_true (xb_store_approve_roster_proposal (f->store, first->id, 0, a, t1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f->store, first->id), ==, XB_PROPOSAL_APPROVED);
  g_assert_cmpint (holder (f, unit, XB_POST_OFFICER, t1 - 1), ==, a);
  g_assert_cmpint (holder (f, unit, XB_POST_OFFICER, t1), ==, b);
  g_assert_false (xb_store_approve_roster_proposal (f->store, first->id, 0, a, t1, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_CONFLICT);
  g_clear_error (&error);

  /* A new person: no account given, nothing written. */
  g_assert_false (xb_store_approve_roster_proposal (f->store, second->id, 0, a, t1, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (status_of (f->store, second->id), ==, XB_PROPOSAL_PENDING);
  g_assert_cmpint (holder (f, unit, XB_POST_LEADER, t1), ==, 0);
  g_assert_false (xb_store_reject_roster_proposal (f->store, second->id, " ", a, t1, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (xb_store_reject_roster_proposal (f->store, second->id, "任职文件未附", a, t1 + 60, &error));
  g_assert_no_error (error);
  rejected = xb_store_get_roster_proposal (f->store, second->id, &error);
  g_assert_cmpint (rejected->status, ==, XB_PROPOSAL_REJECTED);
  g_assert_cmpstr (rejected->reason, ==, "任职文件未附");
  g_assert_cmpstr (rejected->person_name, ==, "张三");
  g_assert_cmpint (rejected->decided_by, ==, a);
  g_assert_cmpint (rejected->decided_at, ==, t1 + 60);
  g_assert_false (xb_store_reject_roster_proposal (f->store, second->id, "again", a, t1, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_CONFLICT);
  g_clear_error (&error);

  /* A new person approved with the account the office made for them. */
  fourth = propose (f->store, unit, XB_POST_LEADER, 0, "李四", t1 + DAY);
  g_assert_true (xb_store_approve_roster_proposal (f->store, fourth->id, a, a, t1 + DAY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (holder (f, unit, XB_POST_LEADER, t1 + DAY), ==, a);

  g_clear_pointer (&pending, g_ptr_array_unref);
  pending = xb_store_list_roster_proposals (f->store, 0, TRUE, &error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpint (((XbRosterProposal *) pending->pdata[0])->id, ==, third->id);
  g_assert_null (xb_store_get_roster_proposal (f->store, 9999, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_NOT_FOUND);
}

/* The policy's roster deadline: 20 March by default, kept through JSON,
 * absent in an older policy (the default), a day every year has; the
 * store's deadline of a year follows the policy in force. */
static void
test_policy_deadline (Fixture *f, gconstpointer data)
{
  static const char *const bad[] = { "\"02-29\"", "\"13-01\"", "\"3-20\"", "\"03-20x\"", "\"04-31\"", "320", "\"00-10\"" };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  XbPolicy policy, back;

  xb_policy_init_defaults (&policy);
  g_assert_cmpint (policy.roster_deadline_month, ==, 3);
  g_assert_cmpint (policy.roster_deadline_day, ==, 20);
  g_assert_cmpint (xb_store_roster_deadline (f->store, 2026, &error), ==, xb_roster_deadline (2026, 3, 20));
  policy.roster_deadline_month = 4;
  policy.roster_deadline_day = 15;
  text = xb_policy_to_json (&policy);
  g_assert_nonnull (strstr (text, "\"roster_deadline\":\"04-15\""));
  g_assert_true (xb_policy_from_json (text, &back, &error));
  g_assert_no_error (error);
  g_assert_cmpint (back.roster_deadline_month, ==, 4);
  g_assert_cmpint (back.roster_deadline_day, ==, 15);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GString) json = g_string_new (text);
      g_autofree char *needle = g_strdup ("\"04-15\"");
      g_string_replace (json, needle, bad[i], 1);
      g_assert_false (xb_policy_from_json (json->str, &back, &error));
      g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
      g_clear_error (&error);
    }
  {
    g_autoptr(GString) old = g_string_new (text);
    g_string_replace (old, ",\"roster_deadline\":\"04-15\"", "", 1);
    g_assert_true (xb_policy_from_json (old->str, &back, &error));
    g_assert_cmpint (back.roster_deadline_month, ==, 3);
    g_assert_cmpint (back.roster_deadline_day, ==, 20);
  }

  g_assert_true (xb_store_set_policy (f->store, &policy, 0, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (xb_store_roster_deadline (f->store, 2026, &error), ==, xb_roster_deadline (2026, 4, 15));
}

static void
test_deadline (void)
{
  /* 20 March 2026 23:59:59 CST is 15:59:59 UTC. */
  g_assert_cmpint (xb_roster_deadline (2026, 3, 20), ==, 1774022399);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rosters/deadline", test_deadline);
  g_test_add ("/rosters/change-keeps-history", Fixture, NULL, fixture_setup, test_change_keeps_history, fixture_teardown);
  g_test_add ("/rosters/missing-view", Fixture, NULL, fixture_setup, test_missing_view, fixture_teardown);
  g_test_add ("/rosters/feed-scope", Fixture, NULL, fixture_setup, test_feed_scope, fixture_teardown);
  g_test_add ("/rosters/replica-copy", Fixture, NULL, fixture_setup, test_replica_copy, fixture_teardown);
  g_test_add ("/rosters/proposals", Fixture, NULL, fixture_setup, test_proposals, fixture_teardown);
  g_test_add ("/rosters/policy-deadline", Fixture, NULL, fixture_setup, test_policy_deadline, fixture_teardown);
  return g_test_run ();
}
