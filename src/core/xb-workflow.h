/* The one state machine: which actions an actor may take on an item, and where each leads. */
#pragma once

#include "xb-item.h"
#include "xb-policy.h"

G_BEGIN_DECLS

typedef struct {
  gint64  user_id;
  gint64  unit_id;
  XbRoles roles;
} XbActor;

/* Facts about the item's unit the machine needs beyond the item itself. */
typedef struct {
  gboolean unit_has_leader;
} XbUnitFacts;

typedef struct {
  XbAction action;
  XbRole   role;          /* the role the actor acts in */
  XbState  from;
  XbState  to;
  int      signoff_step;  /* step after the action (sign-off only) */
  char    *signoff_chain; /* chain after the action; NULL outside sign-off */
} XbTransition;

void     xb_transition_clear   (XbTransition *t);

/* May @actor take @action on @item now?  On TRUE, @out (if given) says what
 * the action leads to; on FALSE, @error says why in plain words.  For
 * XB_ACTION_CREATE and XB_ACTION_COMPOSE, @item is the item about to be made
 * (state XB_STATE_NEW, its unit set). */
gboolean xb_workflow_check     (const XbItem      *item,
                                const XbUnitFacts *facts,
                                const XbPolicy    *policy,
                                const XbActor     *actor,
                                XbAction           action,
                                XbTransition      *out,
                                GError           **error);

/* Bitmask (1 << XbAction) of the actions @actor may take on @item now. */
guint32  xb_workflow_allowed   (const XbItem      *item,
                                const XbUnitFacts *facts,
                                const XbPolicy    *policy,
                                const XbActor     *actor);

/* Move @item along @t at time @now: state, sign-off position, holder,
 * revision, submitted_at and adopted_at.  Does not add the event. */
void     xb_workflow_apply     (XbItem             *item,
                                const XbTransition *t,
                                gint64              actor_id,
                                gint64              now);

/* Deadline (unix seconds) of an urgent item, 0 if it has none. */
gint64   xb_workflow_deadline  (const XbItem   *item,
                                const XbPolicy *policy);

/* The role whose signature @item waits for, or -1 outside sign-off. */
int      xb_workflow_due_signer (const XbItem *item);

G_END_DECLS
