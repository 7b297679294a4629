/* Demo generator tests: deterministic, the right city, every history a legal workflow path. */
#include "config.h"

#include <glib/gstdio.h>

#include "xb-demo.h"
#include "xb-workflow.h"

static char *tmpdir;

static XbStore *
generate (const char *name, guint64 seed, guint n_items)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (path, &error);
  XbDemoOptions options;

  g_assert_no_error (error);
  xb_demo_options_init (&options);
  options.seed = seed;
  options.n_items = n_items;
  g_assert_true (xb_demo_generate (store, &options, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static GPtrArray *
all_items (XbStore *store)
{
  g_autoptr(GError) error = NULL;
  XbItemQuery query;
  GPtrArray *items;

  xb_item_query_init (&query);
  query.sort = XB_ITEM_SORT_TITLE;
  items = xb_store_list_items (store, &query, 0, G_MAXUINT, &error);
  g_assert_no_error (error);
  return items;
}

/* Everything that makes a dataset what it is, including every event. */
static char *
digest (XbStore *store)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) items = all_items (store);

  for (guint i = 0; i < items->len; i++)
    {
      XbItem *row = items->pdata[i];
      g_autoptr(XbItem) item = xb_store_get_item (store, row->uuid, NULL);
      g_autofree char *line = g_strdup_printf ("%s|%s|%s|%d|%" G_GINT64_FORMAT "|", item->uuid,
                                               item->title, xb_state_to_string (item->state),
                                               item->revision, item->submitted_at);
      g_checksum_update (sum, (const guchar *) line, -1);
      for (guint k = 0; k < item->events->len; k++)
        {
          XbEvent *e = item->events->pdata[k];
          g_autofree char *ev = g_strdup_printf ("%s:%d:%" G_GINT64_FORMAT ";", e->id, e->action, e->at);
          g_checksum_update (sum, (const guchar *) ev, -1);
        }
    }
  return g_strdup (g_checksum_get_string (sum));
}

static void
test_deterministic (void)
{
  g_autoptr(XbStore) a = generate ("a.db", 7, 1500);
  g_autoptr(XbStore) b = generate ("b.db", 7, 1500);
  g_autoptr(XbStore) c = generate ("c.db", 8, 1500);
  g_autofree char *da = digest (a);
  g_autofree char *db = digest (b);
  g_autofree char *dc = digest (c);
  XbItemQuery query;
  guint n;

  g_assert_cmpstr (da, ==, db);
  g_assert_cmpstr (da, !=, dc);
  xb_item_query_init (&query);
  n = xb_store_count_items (a, &query, NULL);
  /* The size argument is honoured roughly (a few comprehensive items are added). */
  g_assert_cmpuint (n, >, 1300);
  g_assert_cmpuint (n, <, 1750);
}

static guint
count_kind (GPtrArray *units, XbUnitKind kind)
{
  guint n = 0;

  for (guint i = 0; i < units->len; i++)
    if (((XbUnit *) units->pdata[i])->kind == kind)
      n++;
  return n;
}

static void
assert_account (XbStore *store, const char *username, XbRole role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbUser) user = xb_store_find_user (store, username, &error);

  g_assert_no_error (error);
  g_assert_true (user->roles & XB_ROLE_BIT (role));
  g_assert_false (user->disabled);
}

static XbStore *full_store;

static void
test_city (void)
{
  g_autoptr(GPtrArray) units = xb_store_list_units (full_store, NULL);
  g_autoptr(XbUser) officer = xb_store_find_user (full_store, "officer", NULL);
  g_autoptr(XbUser) leader = xb_store_find_user (full_store, "leader", NULL);
  g_autoptr(XbUnit) county = NULL;
  g_auto(GStrv) priorities = xb_store_list_priorities (full_store, TRUE, NULL);

  g_assert_cmpuint (count_kind (units, XB_UNIT_KIND_COUNTY), ==, 9);
  g_assert_cmpuint (count_kind (units, XB_UNIT_KIND_DEPARTMENT), >=, 40);
  g_assert_cmpuint (count_kind (units, XB_UNIT_KIND_PROVINCIAL), >=, 10);
  g_assert_cmpuint (count_kind (units, XB_UNIT_KIND_LIAISON), >=, 2);
  g_assert_cmpuint (count_kind (units, XB_UNIT_KIND_ENTERPRISE), >=, 2);
  g_assert_cmpuint (count_kind (units, XB_UNIT_KIND_DIRECT_POINT), >=, 2);
  g_assert_cmpuint (count_kind (units, XB_UNIT_KIND_OFFICE), ==, 1);
  for (guint i = 0; i < units->len; i++)
    {
      XbUnit *u = units->pdata[i];
      if (u->kind == XB_UNIT_KIND_DIRECT_POINT)
        {
          g_autoptr(XbUnit) parent = xb_store_get_unit (full_store, u->parent_id, NULL);
          g_assert_nonnull (parent);
          g_assert_cmpint (parent->kind, ==, XB_UNIT_KIND_COUNTY);
        }
    }
  assert_account (full_store, "admin", XB_ROLE_ADMIN);
  assert_account (full_store, "editor", XB_ROLE_EDITOR);
  assert_account (full_store, "chief", XB_ROLE_SECTION_CHIEF);
  assert_account (full_store, "deputy", XB_ROLE_DEPUTY_SECGEN);
  assert_account (full_store, "director", XB_ROLE_DIRECTOR);
  assert_account (full_store, "secgen", XB_ROLE_SECGEN);
  assert_account (full_store, "deputymayor", XB_ROLE_DEPUTY_MAYOR);
  assert_account (full_store, "mayor", XB_ROLE_MAYOR);
  assert_account (full_store, "viewer", XB_ROLE_VIEWER);
  assert_account (full_store, "officer", XB_ROLE_OFFICER);
  assert_account (full_store, "leader", XB_ROLE_UNIT_LEADER);
  g_assert_cmpint (officer->unit_id, ==, leader->unit_id);
  county = xb_store_get_unit (full_store, officer->unit_id, NULL);
  g_assert_cmpint (county->kind, ==, XB_UNIT_KIND_COUNTY);
  g_assert_cmpuint (g_strv_length (priorities), ==, 10);
}

/* Every adopted item of the demo city sits in an issue of its publication;
 * all issues but the last week's are published. */
static void
test_publications (void)
{
  g_autoptr(GPtrArray) pubs = xb_store_list_publications (full_store, NULL);
  guint published = 0, open = 0, in_issues = 0;

  g_assert_cmpuint (pubs->len, ==, 3);
  for (guint p = 0; p < pubs->len; p++)
    {
      g_autoptr(GArray) issues = xb_store_list_issues (full_store, ((XbPublication *) pubs->pdata[p])->id, NULL);
      for (guint i = 0; i < issues->len; i++)
        {
          const XbIssue *issue = &g_array_index (issues, XbIssue, i);
          g_auto(GStrv) items = xb_store_issue_items (full_store, issue->id, NULL);
          g_assert_cmpuint (g_strv_length (items), >, 0);
          in_issues += g_strv_length (items);
          if (issue->published)
            published++;
          else
            open++;
          for (int k = 0; items[k] != NULL; k++)
            {
              g_autoptr(XbItem) item = xb_store_get_item (full_store, items[k], NULL);
              g_assert_cmpint (item->state, ==, XB_STATE_ADOPTED);
            }
        }
    }
  g_assert_cmpuint (published, >, 300);
  g_assert_cmpuint (open, >, 0);
  g_assert_cmpuint (open, <, 12);
  g_assert_cmpuint (in_issues, >, 2500);
}

typedef struct {
  guint items, submitted, adopted_credit, returned, merged, urgent, instructions, in_review;
} Tally;

/* Replays @item's events from nothing through the state machine. */
static void
replay (XbStore *store, const XbPolicy *policy, const XbItem *stored, GHashTable *adopted)
{
  g_autoptr(XbItem) item = xb_item_new ();
  XbUnitFacts facts = { xb_store_unit_has_leader (store, stored->unit_id) };
  gint64 last_at = 0;

  item->uuid = g_strdup (stored->uuid);
  item->unit_id = stored->unit_id;
  item->importance = stored->importance;
  item->for_mayor = stored->for_mayor;
  g_assert_cmpuint (stored->events->len, >, 0);
  for (guint i = 0; i < stored->events->len; i++)
    {
      const XbEvent *e = stored->events->pdata[i];
      g_autoptr(XbUser) user = xb_store_get_user (store, e->actor_id, NULL);
      XbActor actor = { user->id, user->unit_id, user->roles };
      XbTransition t = { 0 };
      g_autoptr(GError) error = NULL;

      if (!xb_workflow_check (item, &facts, policy, &actor, e->action, &t, &error))
        g_error ("item %s event %u (%s): %s", stored->uuid, i, xb_action_to_string (e->action), error->message);
      g_assert_cmpint (t.from, ==, e->from);
      g_assert_cmpint (t.to, ==, e->to);
      g_assert_cmpint (t.role, ==, e->role);
      g_assert_cmpint (e->at, >=, last_at);
      last_at = e->at;
      xb_workflow_apply (item, &t, e->actor_id, e->at);
      xb_transition_clear (&t);
    }
  g_assert_cmpint (item->state, ==, stored->state);
  g_assert_cmpstr (item->signoff_chain, ==, stored->signoff_chain);
  g_assert_cmpint (item->signoff_step, ==, stored->signoff_step);
  g_assert_cmpint (item->revision, ==, stored->revision);
  g_assert_cmpint (item->submitted_at, ==, stored->submitted_at);
  g_assert_cmpint (item->adopted_at, ==, stored->adopted_at);
  g_assert_cmpint (item->created_at, ==, stored->created_at);
  g_assert_cmpint (item->updated_at, ==, stored->updated_at);
  if (stored->state == XB_STATE_ADOPTED)
    g_hash_table_add (adopted, g_strdup (stored->uuid));
}

static void
tally (XbStore *store, const XbItem *item, GHashTable *adopted, Tally *t)
{
  t->items++;
  if (item->submitted_at != 0)
    t->submitted++;
  if (item->submitted_at != 0 && (item->state == XB_STATE_ADOPTED
      || (item->merged_into && g_hash_table_contains (adopted, item->merged_into))))
    t->adopted_credit++;
  for (guint i = 0; i < item->events->len; i++)
    if (((XbEvent *) item->events->pdata[i])->action == XB_ACTION_RETURN)
      {
        t->returned++;
        break;
      }
  t->merged += item->state == XB_STATE_MERGED;
  t->urgent += item->urgent;
  t->in_review += item->state == XB_STATE_UNIT_REVIEW;
  t->instructions += xb_store_count_instructions (store, item->uuid);
  if (item->state == XB_STATE_MERGED)
    g_assert_nonnull (item->merged_into);
}

static void
test_histories_are_legal (void)
{
  g_autoptr(GPtrArray) rows = all_items (full_store);
  g_autoptr(GHashTable) adopted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_item_free);
  XbPolicy policy;
  Tally t = { 0 };
  double rate;

  xb_policy_init_defaults (&policy);
  for (guint i = 0; i < rows->len; i++)
    {
      XbItem *item = xb_store_get_item (full_store, ((XbItem *) rows->pdata[i])->uuid, NULL);
      replay (full_store, &policy, item, adopted);
      g_ptr_array_add (items, item);
    }
  for (guint i = 0; i < items->len; i++)
    tally (full_store, items->pdata[i], adopted, &t);

  rate = (double) t.adopted_credit / t.submitted;
  g_test_message ("%u items, %u submitted, %.1f%% adopted, %u returned, %u merged, %u urgent, %u instructions",
                  t.items, t.submitted, 100 * rate, t.returned, t.merged, t.urgent, t.instructions);
  /* A year of a realistic city. */
  g_assert_cmpuint (t.items, >, 7000);
  g_assert_cmpuint (t.items, <, 14000);
  g_assert_cmpfloat (rate, >=, 0.25);
  g_assert_cmpfloat (rate, <=, 0.34);
  g_assert_cmpuint (t.returned, >, 100);
  g_assert_cmpuint (t.merged, >, 100);
  g_assert_cmpuint (t.urgent, >, 50);
  g_assert_cmpuint (t.instructions, >, 50);
  g_assert_cmpuint (t.in_review, >, 0);
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("xb-demo-XXXXXX", NULL);
  full_store = generate ("full.db", 20261127, 0);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/city", test_city);
  g_test_add_func ("/demo/publications", test_publications);
  g_test_add_func ("/demo/histories-are-legal", test_histories_are_legal);
  rc = g_test_run ();
  g_clear_object (&full_store);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);
    if (system (cmd) != 0)
      rc = 1;
  }
  g_free (tmpdir);
  return rc;
}
