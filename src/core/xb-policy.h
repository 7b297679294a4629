/* The office's editable policy: sign-off chains, urgent deadlines, quotas and scoring. */
#pragma once

#include <glib.h>
#include "xb-types.h"

G_BEGIN_DECLS

#define XB_MAX_CHAIN 8

typedef struct {
  XbRole roles[XB_MAX_CHAIN];
  int    n_roles;
} XbChain;

/* Year-end assessment points (DESIGN.md, "Quotas, bulletins, assessment"). */
typedef enum {
  XB_SCORE_CITY_GENERAL,        /* adopted in 《政务信息》 */
  XB_SCORE_CITY_DIGEST,         /* adopted in the daily digest 《每日要情》 */
  XB_SCORE_CITY_SPECIAL,        /* adopted in the special report 《信息专报》 */
  XB_SCORE_FORWARDED,           /* forwarded to the province */
  XB_SCORE_PROVINCE,            /* adopted by the province */
  XB_SCORE_PROVINCE_SPECIAL,    /* adopted by the province as a special report */
  XB_SCORE_PROVINCE_RESEARCH,   /* adopted by the province, research item */
  XB_SCORE_STATE_COUNCIL,       /* adopted by the State Council office */
  XB_SCORE_INSTRUCTION_CITY,
  XB_SCORE_INSTRUCTION_PROVINCE,
  XB_SCORE_INSTRUCTION_NATIONAL,
  XB_SCORE_MISSED_REQUEST,      /* a commissioned item not delivered (negative) */
  XB_N_SCORES
} XbScore;

const char *xb_score_to_string (XbScore score);

typedef struct {
  /* Signers per importance.  The mayor is appended to the especially-major
   * chain only for items marked for the mayor. */
  XbChain chains[XB_N_IMPORTANCES];
  gboolean mayor_for_marked;
  /* Minutes from event time to deadline for urgent items, per importance. */
  int urgent_minutes[XB_N_IMPORTANCES];
  /* Monthly minimum submissions per unit kind; 0 means no quota. */
  int quota[XB_N_UNIT_KINDS];
  /* Points per outcome; a merged item's points are shared among its sources. */
  int score[XB_N_SCORES];
  /* Whether direct-reporting points' scores also count toward their county. */
  gboolean direct_points_roll_up;
  /* The yearly day by which every unit's roster must be in place
   * (default 20 March); JSON "roster_deadline": "MM-DD". */
  int roster_deadline_month;
  int roster_deadline_day;
} XbPolicy;

/* The defaults from the city notice, as DESIGN.md summarises them. */
void      xb_policy_init_defaults (XbPolicy *policy);

/* The chain an item of @importance enters now, as "director,secgen,...". */
char     *xb_policy_chain_for      (const XbPolicy *policy,
                                    XbImportance    importance,
                                    gboolean        for_mayor);

/* Parse a chain snapshot ("section_chief") back into roles. */
gboolean  xb_chain_parse          (const char *text, XbChain *out);
char     *xb_chain_to_string      (const XbChain *chain);

/* Policy as a JSON object text and back, for the store and the wire. */
char     *xb_policy_to_json       (const XbPolicy *policy);
gboolean  xb_policy_from_json     (const char *json, XbPolicy *out, GError **error);

G_END_DECLS
