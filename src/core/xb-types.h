/* Domain enumerations shared by the store, the workflow, the codecs, the server and the app. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define XB_ERROR (xb_error_quark ())
GQuark xb_error_quark (void);

typedef enum {
  XB_ERROR_INVALID,      /* bad input: wrong type, missing field, bad value */
  XB_ERROR_NOT_FOUND,
  XB_ERROR_FORBIDDEN,    /* the actor may not do this */
  XB_ERROR_CONFLICT,     /* stale revision, replayed id with other content */
  XB_ERROR_DATABASE,     /* SQLite failed */
  XB_ERROR_TOO_NEW,      /* database written by a newer Xinbao */
  XB_ERROR_FAILED,
  XB_ERROR_UNAUTHORIZED, /* wrong password; token missing, expired or revoked */
  XB_ERROR_OFFLINE,      /* the server cannot be reached */
  XB_ERROR_CERTIFICATE,  /* the server's TLS certificate is not trusted */
  XB_ERROR_RATE_LIMITED, /* too many attempts; try again later */
  XB_ERROR_CORRUPT,      /* the database file is damaged */
} XbError;

/* Workflow states of an item.  XB_STATE_NEW is the pseudo-state before an
 * item exists; the actions "create" and "compose" leave it. */
typedef enum {
  XB_STATE_NEW,
  XB_STATE_DRAFT,
  XB_STATE_UNIT_REVIEW,
  XB_STATE_SUBMITTED,
  XB_STATE_EDITING,
  XB_STATE_SIGNOFF,
  XB_STATE_ADOPTED,
  XB_STATE_RETURNED,
  XB_STATE_DECLINED,
  XB_STATE_MERGED,
  XB_N_STATES
} XbState;

typedef enum {
  XB_IMPORTANCE_GENERAL,
  XB_IMPORTANCE_MAJOR,
  XB_IMPORTANCE_ESPECIALLY_MAJOR,
  XB_N_IMPORTANCES
} XbImportance;

typedef enum {
  XB_ITEM_TYPE_DYNAMIC,
  XB_ITEM_TYPE_COMPREHENSIVE,
  XB_ITEM_TYPE_RESEARCH,
  XB_ITEM_TYPE_ROUTINE,
  XB_N_ITEM_TYPES
} XbItemType;

typedef enum {
  XB_ANGLE_KEY,
  XB_ANGLE_HOT,
  XB_ANGLE_DIFFICULT,
  XB_ANGLE_HIGHLIGHT,
  XB_N_ANGLES
} XbAngle;

/* XB_UNIT_KIND_OFFICE is the city government office itself, home of the
 * information section and the signers; it is never ranked. */
typedef enum {
  XB_UNIT_KIND_COUNTY,
  XB_UNIT_KIND_DEPARTMENT,
  XB_UNIT_KIND_PROVINCIAL,
  XB_UNIT_KIND_LIAISON,
  XB_UNIT_KIND_ENTERPRISE,
  XB_UNIT_KIND_DIRECT_POINT,
  XB_UNIT_KIND_OFFICE,
  XB_N_UNIT_KINDS
} XbUnitKind;

typedef enum {
  XB_ROLE_OFFICER,
  XB_ROLE_UNIT_LEADER,
  XB_ROLE_EDITOR,
  XB_ROLE_SECTION_CHIEF,
  XB_ROLE_DEPUTY_SECGEN,
  XB_ROLE_DIRECTOR,
  XB_ROLE_SECGEN,
  XB_ROLE_DEPUTY_MAYOR,
  XB_ROLE_MAYOR,
  XB_ROLE_VIEWER,
  XB_ROLE_ADMIN,
  XB_N_ROLES
} XbRole;

/* A set of roles, one bit per XbRole. */
typedef guint32 XbRoles;
#define XB_ROLE_BIT(r) ((XbRoles) 1u << (r))

typedef enum {
  XB_ACTION_CREATE,      /* officer starts a draft */
  XB_ACTION_COMPOSE,     /* editor starts a comprehensive item from merged sources */
  XB_ACTION_SAVE,        /* officer updates a draft's text */
  XB_ACTION_SUBMIT,
  XB_ACTION_WITHDRAW,    /* officer takes an item back from unit review */
  XB_ACTION_APPROVE,     /* unit leader signs off for the unit */
  XB_ACTION_RETURN,
  XB_ACTION_REVISE,      /* officer reopens a returned item as a new revision */
  XB_ACTION_CLAIM,
  XB_ACTION_RELEASE,     /* editor gives a claimed item back to the inbox */
  XB_ACTION_EDIT,
  XB_ACTION_PROPOSE,     /* editor proposes adoption: starts the sign-off chain */
  XB_ACTION_SIGN,
  XB_ACTION_DECLINE,
  XB_ACTION_MERGE,       /* a source folded into a comprehensive item */
  XB_ACTION_FORWARD,     /* forwarded to the province */
  XB_ACTION_PROVINCE_ADOPT,
  XB_ACTION_STATE_ADOPT, /* adopted by the State Council office */
  XB_ACTION_INSTRUCT,    /* a leader instruction recorded */
  XB_ACTION_FOLLOWUP,    /* an instruction's follow-up moved forward */
  XB_N_ACTIONS
} XbAction;

/* Level of an adoption or a leader instruction. */
typedef enum {
  XB_LEVEL_CITY,
  XB_LEVEL_PROVINCE,
  XB_LEVEL_NATIONAL,
  XB_N_LEVELS
} XbLevel;

/* Follow-up of a leader instruction. */
typedef enum {
  XB_FOLLOWUP_RECEIVED,
  XB_FOLLOWUP_HANDLING,
  XB_FOLLOWUP_REPORTED,
  XB_N_FOLLOWUPS
} XbFollowup;

/* Wire names ("especially_major", "unit_review", ...) and their parsers.
 * The parsers return FALSE for an unknown name and leave *out alone. */
const char *xb_state_to_string       (XbState state);
gboolean    xb_state_from_string     (const char *s, XbState *out);
const char *xb_importance_to_string  (XbImportance v);
gboolean    xb_importance_from_string (const char *s, XbImportance *out);
const char *xb_item_type_to_string   (XbItemType v);
gboolean    xb_item_type_from_string (const char *s, XbItemType *out);
const char *xb_angle_to_string       (XbAngle v);
gboolean    xb_angle_from_string     (const char *s, XbAngle *out);
const char *xb_unit_kind_to_string   (XbUnitKind v);
gboolean    xb_unit_kind_from_string (const char *s, XbUnitKind *out);
const char *xb_role_to_string        (XbRole v);
gboolean    xb_role_from_string      (const char *s, XbRole *out);
const char *xb_action_to_string      (XbAction v);
gboolean    xb_action_from_string    (const char *s, XbAction *out);

const char *xb_level_to_string       (XbLevel v);
gboolean    xb_level_from_string     (const char *s, XbLevel *out);
const char *xb_followup_to_string    (XbFollowup v);
gboolean    xb_followup_from_string  (const char *s, XbFollowup *out);

/* Roles as a comma-separated list of wire names ("officer,unit_leader"). */
char       *xb_roles_to_string       (XbRoles roles);
gboolean    xb_roles_from_string     (const char *s, XbRoles *out);

/* Translated, human-readable labels for the UI (gettext, domain "xinbao"). */
const char *xb_state_label           (XbState state);
const char *xb_importance_label      (XbImportance v);
const char *xb_item_type_label       (XbItemType v);
const char *xb_angle_label           (XbAngle v);
const char *xb_unit_kind_label       (XbUnitKind v);
const char *xb_role_label            (XbRole v);
const char *xb_level_label           (XbLevel v);
const char *xb_followup_label        (XbFollowup v);
const char *xb_action_label          (XbAction v);  /* what happened: "Signed" */
const char *xb_action_verb           (XbAction v);  /* what to do: "Sign" */

/* Times on the wire and in the store: ISO 8601 UTC with a Z, seconds only. */
char       *xb_time_format           (gint64 unix_seconds);
gboolean    xb_time_parse            (const char *s, gint64 *out);

G_END_DECLS
