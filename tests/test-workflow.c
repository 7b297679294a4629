/* Workflow tests: every (state, action, role) against a table written here, and the sign-off chains. */
#include "config.h"

#include "xb-workflow.h"

#define OWN_UNIT   10
#define OTHER_UNIT 20
#define OFFICE     1

/* The expected table, written from DESIGN.md independently of the rules in
 * xb-workflow.c.  An (state, action) pair not listed is never allowed.
 * scope: 'u' = only members of the item's unit, 'o' = any holder of the role. */
typedef struct {
  XbState  state;
  XbAction action;
  XbRole   role;
  char     scope;
  XbState  to;     /* XB_STATE_NEW here means "depends on the unit" (submit) */
} Expect;

static const Expect expected[] = {
  { XB_STATE_NEW, XB_ACTION_CREATE, XB_ROLE_OFFICER, 'u', XB_STATE_DRAFT },
  { XB_STATE_NEW, XB_ACTION_COMPOSE, XB_ROLE_EDITOR, 'o', XB_STATE_EDITING },
  { XB_STATE_DRAFT, XB_ACTION_SAVE, XB_ROLE_OFFICER, 'u', XB_STATE_DRAFT },
  { XB_STATE_DRAFT, XB_ACTION_SUBMIT, XB_ROLE_OFFICER, 'u', XB_STATE_NEW },
  { XB_STATE_UNIT_REVIEW, XB_ACTION_WITHDRAW, XB_ROLE_OFFICER, 'u', XB_STATE_DRAFT },
  { XB_STATE_UNIT_REVIEW, XB_ACTION_APPROVE, XB_ROLE_UNIT_LEADER, 'u', XB_STATE_SUBMITTED },
  { XB_STATE_UNIT_REVIEW, XB_ACTION_RETURN, XB_ROLE_UNIT_LEADER, 'u', XB_STATE_RETURNED },
  { XB_STATE_RETURNED, XB_ACTION_REVISE, XB_ROLE_OFFICER, 'u', XB_STATE_DRAFT },
  { XB_STATE_SUBMITTED, XB_ACTION_CLAIM, XB_ROLE_EDITOR, 'o', XB_STATE_EDITING },
  { XB_STATE_SUBMITTED, XB_ACTION_RETURN, XB_ROLE_EDITOR, 'o', XB_STATE_RETURNED },
  { XB_STATE_SUBMITTED, XB_ACTION_DECLINE, XB_ROLE_EDITOR, 'o', XB_STATE_DECLINED },
  { XB_STATE_SUBMITTED, XB_ACTION_MERGE, XB_ROLE_EDITOR, 'o', XB_STATE_MERGED },
  { XB_STATE_EDITING, XB_ACTION_EDIT, XB_ROLE_EDITOR, 'o', XB_STATE_EDITING },
  { XB_STATE_EDITING, XB_ACTION_RELEASE, XB_ROLE_EDITOR, 'o', XB_STATE_SUBMITTED },
  { XB_STATE_EDITING, XB_ACTION_PROPOSE, XB_ROLE_EDITOR, 'o', XB_STATE_SIGNOFF },
  { XB_STATE_EDITING, XB_ACTION_RETURN, XB_ROLE_EDITOR, 'o', XB_STATE_RETURNED },
  { XB_STATE_EDITING, XB_ACTION_DECLINE, XB_ROLE_EDITOR, 'o', XB_STATE_DECLINED },
  { XB_STATE_EDITING, XB_ACTION_MERGE, XB_ROLE_EDITOR, 'o', XB_STATE_MERGED },
  /* In sign-off only the signer now due acts; the item below waits for the section chief. */
  { XB_STATE_SIGNOFF, XB_ACTION_SIGN, XB_ROLE_SECTION_CHIEF, 'o', XB_STATE_ADOPTED },
  { XB_STATE_SIGNOFF, XB_ACTION_RETURN, XB_ROLE_SECTION_CHIEF, 'o', XB_STATE_EDITING },
  { XB_STATE_SIGNOFF, XB_ACTION_DECLINE, XB_ROLE_SECTION_CHIEF, 'o', XB_STATE_DECLINED },
  { XB_STATE_ADOPTED, XB_ACTION_FORWARD, XB_ROLE_EDITOR, 'o', XB_STATE_ADOPTED },
  { XB_STATE_ADOPTED, XB_ACTION_PROVINCE_ADOPT, XB_ROLE_EDITOR, 'o', XB_STATE_ADOPTED },
  { XB_STATE_ADOPTED, XB_ACTION_STATE_ADOPT, XB_ROLE_EDITOR, 'o', XB_STATE_ADOPTED },
  { XB_STATE_ADOPTED, XB_ACTION_INSTRUCT, XB_ROLE_EDITOR, 'o', XB_STATE_ADOPTED },
  { XB_STATE_ADOPTED, XB_ACTION_FOLLOWUP, XB_ROLE_EDITOR, 'o', XB_STATE_ADOPTED },
};

static XbPolicy policy;

static XbItem *
item_in (XbState state, XbImportance importance)
{
  XbItem *item = xb_item_new ();

  item->uuid = xb_uuid_new ();
  item->unit_id = OWN_UNIT;
  item->state = state;
  item->importance = importance;
  if (state == XB_STATE_SIGNOFF)
    item->signoff_chain = xb_policy_chain_for (&policy, importance, FALSE);
  return item;
}

static const Expect *
find_expected (XbState state, XbAction action, XbRole role)
{
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (expected[i].state == state && expected[i].action == action && expected[i].role == role)
      return &expected[i];
  return NULL;
}

static void
check_one (XbState state, XbAction action, XbRole role, gint64 unit, gboolean has_leader)
{
  g_autoptr(XbItem) item = item_in (state, XB_IMPORTANCE_GENERAL);
  XbUnitFacts facts = { has_leader };
  XbActor actor = { 7, unit, XB_ROLE_BIT (role) };
  XbTransition t = { 0 };
  g_autoptr(GError) error = NULL;
  const Expect *e = find_expected (state, action, role);
  gboolean want = e != NULL && (e->scope == 'o' || unit == OWN_UNIT);
  gboolean got = xb_workflow_check (item, &facts, &policy, &actor, action, &t, &error);

  if (want != got)
    g_error ("%s/%s/%s unit %" G_GINT64_FORMAT ": expected %s, got %s (%s)",
             xb_state_to_string (state), xb_action_to_string (action), xb_role_to_string (role),
             unit, want ? "allowed" : "refused", got ? "allowed" : "refused",
             error ? error->message : "");
  if (got)
    {
      XbState to = e->to == XB_STATE_NEW && state == XB_STATE_DRAFT
                 ? (has_leader ? XB_STATE_UNIT_REVIEW : XB_STATE_SUBMITTED) : e->to;
      g_assert_cmpint (t.to, ==, to);
      g_assert_cmpint (t.role, ==, role);
      g_assert_cmpint (t.from, ==, state);
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == XB_ERROR);
      g_assert_cmpstr (error->message, !=, "");
    }
  xb_transition_clear (&t);
}

static void
test_every_combination (void)
{
  guint allowed = 0;

  for (int s = 0; s < XB_N_STATES; s++)
    for (int a = 0; a < XB_N_ACTIONS; a++)
      for (int r = 0; r < XB_N_ROLES; r++)
        for (int leader = 0; leader < 2; leader++)
          {
            check_one (s, a, r, OWN_UNIT, leader);
            check_one (s, a, r, OTHER_UNIT, leader);
            if (find_expected (s, a, r) != NULL)
              allowed++;
          }
  /* Every row of the table was reachable. */
  g_assert_cmpuint (allowed, ==, G_N_ELEMENTS (expected) * 2);
}

static void
test_terminal_states (void)
{
  XbState terminal[] = { XB_STATE_DECLINED, XB_STATE_MERGED };
  XbActor all = { 1, OWN_UNIT, (XbRoles) ~0u };
  XbUnitFacts facts = { TRUE };

  for (guint i = 0; i < G_N_ELEMENTS (terminal); i++)
    {
      g_autoptr(XbItem) item = item_in (terminal[i], XB_IMPORTANCE_GENERAL);
      g_assert_cmpuint (xb_workflow_allowed (item, &facts, &policy, &all), ==, 0);
    }
}

static gboolean
step (XbItem *item, XbAction action, XbRoles roles, gint64 user, gint64 unit, gboolean has_leader,
      GError **error)
{
  XbUnitFacts facts = { has_leader };
  XbActor actor = { user, unit, roles };
  XbTransition t = { 0 };

  if (!xb_workflow_check (item, &facts, &policy, &actor, action, &t, error))
    return FALSE;
  xb_workflow_apply (item, &t, user, 1000 + (gint64) item->events->len);
  g_ptr_array_add (item->events, xb_event_new ());
  xb_transition_clear (&t);
  return TRUE;
}

#define EDITOR_ID 3
#define ALL_SIGNERS (XB_ROLE_BIT (XB_ROLE_SECTION_CHIEF) | XB_ROLE_BIT (XB_ROLE_DEPUTY_SECGEN) \
  | XB_ROLE_BIT (XB_ROLE_DIRECTOR) | XB_ROLE_BIT (XB_ROLE_SECGEN)                              \
  | XB_ROLE_BIT (XB_ROLE_DEPUTY_MAYOR) | XB_ROLE_BIT (XB_ROLE_MAYOR))

static XbItem *
proposed_item (XbImportance importance, gboolean for_mayor)
{
  XbItem *item = item_in (XB_STATE_EDITING, importance);

  item->for_mayor = for_mayor;
  item->holder_id = EDITOR_ID;
  g_assert_true (step (item, XB_ACTION_PROPOSE, XB_ROLE_BIT (XB_ROLE_EDITOR), EDITOR_ID, OFFICE, TRUE, NULL));
  g_assert_cmpint (item->state, ==, XB_STATE_SIGNOFF);
  return item;
}

/* Signs an item through its chain; at every step every other signer is refused. */
static void
run_chain (XbImportance importance, gboolean for_mayor, const XbRole *chain, int n)
{
  g_autoptr(XbItem) item = proposed_item (importance, for_mayor);

  for (int i = 0; i < n; i++)
    {
      g_assert_cmpint (item->state, ==, XB_STATE_SIGNOFF);
      g_assert_cmpint (xb_workflow_due_signer (item), ==, chain[i]);
      for (int r = XB_ROLE_SECTION_CHIEF; r <= XB_ROLE_MAYOR; r++)
        {
          g_autoptr(GError) error = NULL;
          if (r == (int) chain[i])
            continue;
          g_assert_false (step (item, XB_ACTION_SIGN, XB_ROLE_BIT (r), 50 + r, OFFICE, TRUE, &error));
          g_assert_error (error, XB_ERROR, XB_ERROR_FORBIDDEN);
        }
      g_assert_true (step (item, XB_ACTION_SIGN, XB_ROLE_BIT (chain[i]), 50 + chain[i], OFFICE, TRUE, NULL));
    }
  g_assert_cmpint (item->state, ==, XB_STATE_ADOPTED);
  g_assert_cmpint (item->adopted_at, >, 0);
  g_assert_null (item->signoff_chain);
}

static void
test_chain_general (void)
{
  XbRole chain[] = { XB_ROLE_SECTION_CHIEF };
  run_chain (XB_IMPORTANCE_GENERAL, FALSE, chain, 1);
}

static void
test_chain_major (void)
{
  XbRole chain[] = { XB_ROLE_DEPUTY_SECGEN };
  run_chain (XB_IMPORTANCE_MAJOR, FALSE, chain, 1);
}

static void
test_chain_especially_major (void)
{
  XbRole chain[] = { XB_ROLE_DIRECTOR, XB_ROLE_SECGEN, XB_ROLE_DEPUTY_MAYOR, XB_ROLE_MAYOR };
  run_chain (XB_IMPORTANCE_ESPECIALLY_MAJOR, FALSE, chain, 3);
  run_chain (XB_IMPORTANCE_ESPECIALLY_MAJOR, TRUE, chain, 4);
  /* The mayor flag means nothing for a general item. */
  run_chain (XB_IMPORTANCE_GENERAL, TRUE, (XbRole[]) { XB_ROLE_SECTION_CHIEF }, 1);
}

/* Any signer may return the item to the editor, at any step. */
static void
test_return_at_every_step (void)
{
  for (int at = 0; at < 3; at++)
    {
      g_autoptr(XbItem) item = proposed_item (XB_IMPORTANCE_ESPECIALLY_MAJOR, FALSE);
      for (int i = 0; i < at; i++)
        g_assert_true (step (item, XB_ACTION_SIGN, ALL_SIGNERS, 60, OFFICE, TRUE, NULL));
      g_assert_true (step (item, XB_ACTION_RETURN, ALL_SIGNERS, 60, OFFICE, TRUE, NULL));
      g_assert_cmpint (item->state, ==, XB_STATE_EDITING);
      g_assert_cmpint (item->holder_id, ==, EDITOR_ID);
      g_assert_null (item->signoff_chain);
    }
}

/* A policy change affects items that enter sign-off afterwards only. */
static void
test_policy_change_keeps_running_chain (void)
{
  g_autoptr(XbItem) item = proposed_item (XB_IMPORTANCE_GENERAL, FALSE);
  g_autoptr(XbItem) later = NULL;
  XbPolicy saved = policy;

  policy.chains[XB_IMPORTANCE_GENERAL].roles[0] = XB_ROLE_DIRECTOR;
  later = proposed_item (XB_IMPORTANCE_GENERAL, FALSE);
  g_assert_cmpint (xb_workflow_due_signer (item), ==, XB_ROLE_SECTION_CHIEF);
  g_assert_cmpint (xb_workflow_due_signer (later), ==, XB_ROLE_DIRECTOR);
  policy = saved;
}

static void
test_unit_without_leader (void)
{
  g_autoptr(XbItem) a = item_in (XB_STATE_DRAFT, XB_IMPORTANCE_GENERAL);
  g_autoptr(XbItem) b = item_in (XB_STATE_DRAFT, XB_IMPORTANCE_GENERAL);
  XbRoles officer = XB_ROLE_BIT (XB_ROLE_OFFICER);

  g_assert_true (step (a, XB_ACTION_SUBMIT, officer, 5, OWN_UNIT, FALSE, NULL));
  g_assert_cmpint (a->state, ==, XB_STATE_SUBMITTED);
  g_assert_cmpint (a->submitted_at, >, 0);
  g_assert_true (step (b, XB_ACTION_SUBMIT, officer, 5, OWN_UNIT, TRUE, NULL));
  g_assert_cmpint (b->state, ==, XB_STATE_UNIT_REVIEW);
  g_assert_cmpint (b->submitted_at, ==, 0);
}

/* submitted_at is the first time the item left its unit, kept across a return. */
static void
test_submitted_at_kept (void)
{
  g_autoptr(XbItem) item = item_in (XB_STATE_DRAFT, XB_IMPORTANCE_GENERAL);
  XbRoles officer = XB_ROLE_BIT (XB_ROLE_OFFICER), ed = XB_ROLE_BIT (XB_ROLE_EDITOR);
  gint64 first;

  g_assert_true (step (item, XB_ACTION_SUBMIT, officer, 5, OWN_UNIT, FALSE, NULL));
  first = item->submitted_at;
  g_assert_true (step (item, XB_ACTION_RETURN, ed, EDITOR_ID, OFFICE, FALSE, NULL));
  g_assert_true (step (item, XB_ACTION_REVISE, officer, 5, OWN_UNIT, FALSE, NULL));
  g_assert_cmpint (item->revision, ==, 2);
  g_assert_true (step (item, XB_ACTION_SUBMIT, officer, 5, OWN_UNIT, FALSE, NULL));
  g_assert_cmpint (item->submitted_at, ==, first);
}

static void
test_claim_excludes_other_editors (void)
{
  g_autoptr(XbItem) item = item_in (XB_STATE_SUBMITTED, XB_IMPORTANCE_GENERAL);
  XbRoles ed = XB_ROLE_BIT (XB_ROLE_EDITOR);
  g_autoptr(GError) error = NULL;

  g_assert_true (step (item, XB_ACTION_CLAIM, ed, EDITOR_ID, OFFICE, TRUE, NULL));
  g_assert_cmpint (item->holder_id, ==, EDITOR_ID);
  g_assert_false (step (item, XB_ACTION_EDIT, ed, EDITOR_ID + 1, OFFICE, TRUE, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_FORBIDDEN);
  g_assert_true (step (item, XB_ACTION_RELEASE, ed, EDITOR_ID, OFFICE, TRUE, NULL));
  g_assert_cmpint (item->holder_id, ==, 0);
  g_assert_true (step (item, XB_ACTION_CLAIM, ed, EDITOR_ID + 1, OFFICE, TRUE, NULL));
}

static void
test_urgent_deadline (void)
{
  g_autoptr(XbItem) item = item_in (XB_STATE_SUBMITTED, XB_IMPORTANCE_ESPECIALLY_MAJOR);

  g_assert_cmpint (xb_workflow_deadline (item, &policy), ==, 0);
  item->urgent = TRUE;
  item->event_at = 100000;
  g_assert_cmpint (xb_workflow_deadline (item, &policy), ==, 100000 + 30 * 60);
  item->importance = XB_IMPORTANCE_MAJOR;
  g_assert_cmpint (xb_workflow_deadline (item, &policy), ==, 100000 + 60 * 60);
  item->importance = XB_IMPORTANCE_GENERAL;
  g_assert_cmpint (xb_workflow_deadline (item, &policy), ==, 100000 + 120 * 60);
}

static void
test_allowed_mask (void)
{
  g_autoptr(XbItem) item = item_in (XB_STATE_SUBMITTED, XB_IMPORTANCE_GENERAL);
  XbActor ed = { EDITOR_ID, OFFICE, XB_ROLE_BIT (XB_ROLE_EDITOR) };
  XbActor viewer = { 9, OFFICE, XB_ROLE_BIT (XB_ROLE_VIEWER) };
  XbUnitFacts facts = { TRUE };
  guint32 want = (1u << XB_ACTION_CLAIM) | (1u << XB_ACTION_RETURN)
               | (1u << XB_ACTION_DECLINE) | (1u << XB_ACTION_MERGE);

  g_assert_cmphex (xb_workflow_allowed (item, &facts, &policy, &ed), ==, want);
  g_assert_cmphex (xb_workflow_allowed (item, &facts, &policy, &viewer), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  xb_policy_init_defaults (&policy);
  g_test_add_func ("/workflow/every-combination", test_every_combination);
  g_test_add_func ("/workflow/terminal-states", test_terminal_states);
  g_test_add_func ("/workflow/chain/general", test_chain_general);
  g_test_add_func ("/workflow/chain/major", test_chain_major);
  g_test_add_func ("/workflow/chain/especially-major", test_chain_especially_major);
  g_test_add_func ("/workflow/chain/return-at-every-step", test_return_at_every_step);
  g_test_add_func ("/workflow/chain/policy-change", test_policy_change_keeps_running_chain);
  g_test_add_func ("/workflow/unit-without-leader", test_unit_without_leader);
  g_test_add_func ("/workflow/submitted-at-kept", test_submitted_at_kept);
  g_test_add_func ("/workflow/claim", test_claim_excludes_other_editors);
  g_test_add_func ("/workflow/urgent-deadline", test_urgent_deadline);
  g_test_add_func ("/workflow/allowed-mask", test_allowed_mask);
  return g_test_run ();
}
