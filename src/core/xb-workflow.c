/* The workflow state machine: one table of rules decides every transition. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "xb-workflow.h"

/* Who may act, beyond holding one of the rule's roles. */
typedef enum {
  SCOPE_UNIT,    /* a member of the item's own unit */
  SCOPE_OFFICE,  /* anyone holding the role, whatever their unit */
  SCOPE_HOLDER,  /* the editor who claimed the item (or anyone, if unclaimed) */
  SCOPE_SIGNER,  /* the signer the chain waits for */
} Scope;

/* Where the action leads. */
typedef enum {
  TO_FIXED,         /* rule.to */
  TO_UNIT_EXIT,     /* unit_review if the unit has a leader, else submitted */
  TO_SIGNOFF_START, /* first step of the chain for the item's importance */
  TO_SIGNOFF_NEXT,  /* next step, or adopted after the last signer */
} Target;

typedef struct {
  XbState  from;
  XbAction action;
  XbRoles  roles;
  Scope    scope;
  Target   target;
  XbState  to;
} Rule;

#define R(x) XB_ROLE_BIT (XB_ROLE_##x)
#define SIGNERS (R (SECTION_CHIEF) | R (DEPUTY_SECGEN) | R (DIRECTOR) | R (SECGEN) \
                 | R (DEPUTY_MAYOR) | R (MAYOR))

static const Rule rules[] = {
  { XB_STATE_NEW,         XB_ACTION_CREATE,   R (OFFICER),     SCOPE_UNIT,   TO_FIXED,         XB_STATE_DRAFT },
  { XB_STATE_NEW,         XB_ACTION_COMPOSE,  R (EDITOR),      SCOPE_OFFICE, TO_FIXED,         XB_STATE_EDITING },
  { XB_STATE_DRAFT,       XB_ACTION_SAVE,     R (OFFICER),     SCOPE_UNIT,   TO_FIXED,         XB_STATE_DRAFT },
  { XB_STATE_DRAFT,       XB_ACTION_SUBMIT,   R (OFFICER),     SCOPE_UNIT,   TO_UNIT_EXIT,     XB_STATE_NEW },
  { XB_STATE_UNIT_REVIEW, XB_ACTION_WITHDRAW, R (OFFICER),     SCOPE_UNIT,   TO_FIXED,         XB_STATE_DRAFT },
  { XB_STATE_UNIT_REVIEW, XB_ACTION_APPROVE,  R (UNIT_LEADER), SCOPE_UNIT,   TO_FIXED,         XB_STATE_SUBMITTED },
  { XB_STATE_UNIT_REVIEW, XB_ACTION_RETURN,   R (UNIT_LEADER), SCOPE_UNIT,   TO_FIXED,         XB_STATE_RETURNED },
  { XB_STATE_RETURNED,    XB_ACTION_REVISE,   R (OFFICER),     SCOPE_UNIT,   TO_FIXED,         XB_STATE_DRAFT },
  { XB_STATE_SUBMITTED,   XB_ACTION_CLAIM,    R (EDITOR),      SCOPE_OFFICE, TO_FIXED,         XB_STATE_EDITING },
  { XB_STATE_SUBMITTED,   XB_ACTION_RETURN,   R (EDITOR),      SCOPE_OFFICE, TO_FIXED,         XB_STATE_RETURNED },
  { XB_STATE_SUBMITTED,   XB_ACTION_DECLINE,  R (EDITOR),      SCOPE_OFFICE, TO_FIXED,         XB_STATE_DECLINED },
  { XB_STATE_SUBMITTED,   XB_ACTION_MERGE,    R (EDITOR),      SCOPE_OFFICE, TO_FIXED,         XB_STATE_MERGED },
  { XB_STATE_EDITING,     XB_ACTION_EDIT,     R (EDITOR),      SCOPE_HOLDER, TO_FIXED,         XB_STATE_EDITING },
  { XB_STATE_EDITING,     XB_ACTION_RELEASE,  R (EDITOR),      SCOPE_HOLDER, TO_FIXED,         XB_STATE_SUBMITTED },
  { XB_STATE_EDITING,     XB_ACTION_PROPOSE,  R (EDITOR),      SCOPE_HOLDER, TO_SIGNOFF_START, XB_STATE_SIGNOFF },
  { XB_STATE_EDITING,     XB_ACTION_RETURN,   R (EDITOR),      SCOPE_HOLDER, TO_FIXED,         XB_STATE_RETURNED },
  { XB_STATE_EDITING,     XB_ACTION_DECLINE,  R (EDITOR),      SCOPE_HOLDER, TO_FIXED,         XB_STATE_DECLINED },
  { XB_STATE_EDITING,     XB_ACTION_MERGE,    R (EDITOR),      SCOPE_HOLDER, TO_FIXED,         XB_STATE_MERGED },
  { XB_STATE_SIGNOFF,     XB_ACTION_SIGN,     SIGNERS,         SCOPE_SIGNER, TO_SIGNOFF_NEXT,  XB_STATE_SIGNOFF },
  { XB_STATE_SIGNOFF,     XB_ACTION_RETURN,   SIGNERS,         SCOPE_SIGNER, TO_FIXED,         XB_STATE_EDITING },
  { XB_STATE_SIGNOFF,     XB_ACTION_DECLINE,  SIGNERS,         SCOPE_SIGNER, TO_FIXED,         XB_STATE_DECLINED },
  { XB_STATE_ADOPTED,     XB_ACTION_FORWARD,  R (EDITOR),      SCOPE_OFFICE, TO_FIXED,         XB_STATE_ADOPTED },
  { XB_STATE_ADOPTED,     XB_ACTION_PROVINCE_ADOPT, R (EDITOR), SCOPE_OFFICE, TO_FIXED,        XB_STATE_ADOPTED },
  { XB_STATE_ADOPTED,     XB_ACTION_STATE_ADOPT, R (EDITOR),   SCOPE_OFFICE, TO_FIXED,         XB_STATE_ADOPTED },
  { XB_STATE_ADOPTED,     XB_ACTION_INSTRUCT, R (EDITOR),      SCOPE_OFFICE, TO_FIXED,         XB_STATE_ADOPTED },
  { XB_STATE_ADOPTED,     XB_ACTION_FOLLOWUP, R (EDITOR),      SCOPE_OFFICE, TO_FIXED,         XB_STATE_ADOPTED },
};

void
xb_transition_clear (XbTransition *t)
{
  g_clear_pointer (&t->signoff_chain, g_free);
}

static const Rule *
find_rule (XbState from, XbAction action)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (rules[i].from == from && rules[i].action == action)
      return &rules[i];
  return NULL;
}

int
xb_workflow_due_signer (const XbItem *item)
{
  XbChain chain;

  if (item->state != XB_STATE_SIGNOFF || !xb_chain_parse (item->signoff_chain, &chain)
      || item->signoff_step < 0 || item->signoff_step >= chain.n_roles)
    return -1;
  return chain.roles[item->signoff_step];
}

static gboolean
check_scope (const Rule *rule, const XbItem *item, const XbActor *actor,
             XbRole *role, GError **error)
{
  switch (rule->scope)
    {
    case SCOPE_UNIT:
      if (actor->unit_id != item->unit_id)
        return g_set_error_literal (error, XB_ERROR, XB_ERROR_FORBIDDEN,
                                    _("This item belongs to another unit.")), FALSE;
      return TRUE;
    case SCOPE_OFFICE:
      return TRUE;
    case SCOPE_HOLDER:
      if (item->holder_id != 0 && item->holder_id != actor->user_id)
        return g_set_error_literal (error, XB_ERROR, XB_ERROR_FORBIDDEN,
                                    _("Another editor is working on this item.")), FALSE;
      return TRUE;
    case SCOPE_SIGNER:
      {
        int due = xb_workflow_due_signer (item);
        if (due < 0)
          return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID,
                                      _("The item’s sign-off chain is damaged.")), FALSE;
        if (!(actor->roles & XB_ROLE_BIT (due)))
          return g_set_error (error, XB_ERROR, XB_ERROR_FORBIDDEN,
                              _("The item is waiting for the %s to sign."),
                              xb_role_label (due)), FALSE;
        *role = due;
        return TRUE;
      }
    }
  return FALSE;
}

static XbRole
first_role (XbRoles roles)
{
  for (int r = 0; r < XB_N_ROLES; r++)
    if (roles & XB_ROLE_BIT (r))
      return r;
  return XB_ROLE_VIEWER;
}

static void
fill_target (const Rule *rule, const XbItem *item, const XbUnitFacts *facts,
             const XbPolicy *policy, XbTransition *out)
{
  XbChain chain;

  out->to = rule->to;
  out->signoff_step = 0;
  out->signoff_chain = NULL;
  switch (rule->target)
    {
    case TO_FIXED:
      break;
    case TO_UNIT_EXIT:
      out->to = facts->unit_has_leader ? XB_STATE_UNIT_REVIEW : XB_STATE_SUBMITTED;
      break;
    case TO_SIGNOFF_START:
      out->signoff_chain = xb_policy_chain_for (policy, item->importance, item->for_mayor);
      break;
    case TO_SIGNOFF_NEXT:
      xb_chain_parse (item->signoff_chain, &chain);
      if (item->signoff_step + 1 >= chain.n_roles)
        out->to = XB_STATE_ADOPTED;
      else
        {
          out->signoff_step = item->signoff_step + 1;
          out->signoff_chain = g_strdup (item->signoff_chain);
        }
      break;
    }
}

gboolean
xb_workflow_check (const XbItem      *item,
                   const XbUnitFacts *facts,
                   const XbPolicy    *policy,
                   const XbActor     *actor,
                   XbAction           action,
                   XbTransition      *out,
                   GError           **error)
{
  const Rule *rule = find_rule (item->state, action);
  XbRole role;

  if (rule == NULL)
    return g_set_error (error, XB_ERROR, XB_ERROR_CONFLICT,
                        _("“%s” is not possible while the item is in the state “%s”."),
                        xb_action_verb (action), xb_state_label (item->state)), FALSE;
  if (!(actor->roles & rule->roles))
    return g_set_error (error, XB_ERROR, XB_ERROR_FORBIDDEN,
                        _("Your roles do not allow “%s” on this item."),
                        xb_action_verb (action)), FALSE;
  role = first_role (actor->roles & rule->roles);
  if (!check_scope (rule, item, actor, &role, error))
    return FALSE;
  if (out != NULL)
    {
      out->action = action;
      out->role = role;
      out->from = item->state;
      fill_target (rule, item, facts, policy, out);
    }
  return TRUE;
}

guint32
xb_workflow_allowed (const XbItem      *item,
                     const XbUnitFacts *facts,
                     const XbPolicy    *policy,
                     const XbActor     *actor)
{
  guint32 mask = 0;

  for (int a = 0; a < XB_N_ACTIONS; a++)
    if (xb_workflow_check (item, facts, policy, actor, a, NULL, NULL))
      mask |= 1u << a;
  return mask;
}

void
xb_workflow_apply (XbItem             *item,
                   const XbTransition *t,
                   gint64              actor_id,
                   gint64              now)
{
  if (t->from == XB_STATE_NEW)
    item->created_at = now;
  item->updated_at = now;
  item->state = t->to;
  g_clear_pointer (&item->signoff_chain, g_free);
  item->signoff_chain = g_strdup (t->signoff_chain);
  item->signoff_step = t->signoff_step;

  if (t->action == XB_ACTION_CLAIM || t->action == XB_ACTION_COMPOSE)
    item->holder_id = actor_id;
  else if (t->to != XB_STATE_EDITING && t->to != XB_STATE_SIGNOFF && t->to != XB_STATE_ADOPTED)
    item->holder_id = 0;

  if (t->action == XB_ACTION_REVISE)
    item->revision++;
  if (t->to == XB_STATE_SUBMITTED && item->submitted_at == 0)
    item->submitted_at = now;
  if (t->to == XB_STATE_ADOPTED && item->adopted_at == 0)
    item->adopted_at = now;
}

gint64
xb_workflow_deadline (const XbItem *item, const XbPolicy *policy)
{
  if (!item->urgent || item->event_at == 0)
    return 0;
  return item->event_at + (gint64) policy->urgent_minutes[item->importance] * 60;
}
