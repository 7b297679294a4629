/* Wire names, parsers and translated labels of the domain enumerations. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "xb-types.h"

G_DEFINE_QUARK (xb-error-quark, xb_error)

static const char *const state_names[XB_N_STATES] = {
  "new", "draft", "unit_review", "submitted", "editing", "signoff",
  "adopted", "returned", "declined", "merged",
};
static const char *const importance_names[XB_N_IMPORTANCES] = {
  "general", "major", "especially_major",
};
static const char *const item_type_names[XB_N_ITEM_TYPES] = {
  "dynamic", "comprehensive", "research", "routine",
};
static const char *const angle_names[XB_N_ANGLES] = {
  "key", "hot", "difficult", "highlight",
};
static const char *const unit_kind_names[XB_N_UNIT_KINDS] = {
  "county", "department", "provincial", "liaison", "enterprise",
  "direct_point", "office",
};
static const char *const role_names[XB_N_ROLES] = {
  "officer", "unit_leader", "editor", "section_chief", "deputy_secgen",
  "director", "secgen", "deputy_mayor", "mayor", "viewer", "admin",
};
static const char *const action_names[XB_N_ACTIONS] = {
  "create", "compose", "save", "submit", "withdraw", "approve", "return",
  "revise", "claim", "release", "edit", "propose", "sign", "decline",
  "merge", "forward", "province_adopt", "state_adopt", "instruct", "followup",
};
static const char *const level_names[XB_N_LEVELS] = { "city", "province", "national" };
static const char *const followup_names[XB_N_FOLLOWUPS] = { "received", "handling", "reported" };

static const char *
name_of (const char *const *names, int n, int v)
{
  return (v >= 0 && v < n) ? names[v] : NULL;
}

static gboolean
parse_name (const char *const *names, int n, const char *s, int *out)
{
  if (s == NULL)
    return FALSE;
  for (int i = 0; i < n; i++)
    if (strcmp (names[i], s) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

#define XB_ENUM_NAMES(lower, Type, names, N)                        \
  const char *xb_##lower##_to_string (Type v)                       \
  { return name_of (names, N, (int) v); }                           \
  gboolean xb_##lower##_from_string (const char *s, Type *out)      \
  {                                                                 \
    int v;                                                          \
    if (!parse_name (names, N, s, &v))                              \
      return FALSE;                                                 \
    *out = (Type) v;                                                \
    return TRUE;                                                    \
  }

XB_ENUM_NAMES (state, XbState, state_names, XB_N_STATES)
XB_ENUM_NAMES (importance, XbImportance, importance_names, XB_N_IMPORTANCES)
XB_ENUM_NAMES (item_type, XbItemType, item_type_names, XB_N_ITEM_TYPES)
XB_ENUM_NAMES (angle, XbAngle, angle_names, XB_N_ANGLES)
XB_ENUM_NAMES (unit_kind, XbUnitKind, unit_kind_names, XB_N_UNIT_KINDS)
XB_ENUM_NAMES (role, XbRole, role_names, XB_N_ROLES)
XB_ENUM_NAMES (action, XbAction, action_names, XB_N_ACTIONS)
XB_ENUM_NAMES (level, XbLevel, level_names, XB_N_LEVELS)
XB_ENUM_NAMES (followup, XbFollowup, followup_names, XB_N_FOLLOWUPS)

char *
xb_roles_to_string (XbRoles roles)
{
  GString *s = g_string_new (NULL);

  for (int r = 0; r < XB_N_ROLES; r++)
    if (roles & XB_ROLE_BIT (r))
      {
        if (s->len > 0)
          g_string_append_c (s, ',');
        g_string_append (s, role_names[r]);
      }
  return g_string_free (s, FALSE);
}

gboolean
xb_roles_from_string (const char *s, XbRoles *out)
{
  g_auto(GStrv) parts = NULL;
  XbRoles roles = 0;

  if (s == NULL)
    return FALSE;
  if (*s == '\0')
    {
      *out = 0;
      return TRUE;
    }
  parts = g_strsplit (s, ",", -1);
  for (int i = 0; parts[i] != NULL; i++)
    {
      XbRole r;
      if (!xb_role_from_string (g_strstrip (parts[i]), &r))
        return FALSE;
      roles |= XB_ROLE_BIT (r);
    }
  *out = roles;
  return TRUE;
}

const char *
xb_state_label (XbState state)
{
  switch (state)
    {
    case XB_STATE_NEW: return _("New");
    case XB_STATE_DRAFT: return _("Draft");
    case XB_STATE_UNIT_REVIEW: return _("Unit review");
    case XB_STATE_SUBMITTED: return _("Submitted");
    case XB_STATE_EDITING: return _("Editing");
    case XB_STATE_SIGNOFF: return _("Sign-off");
    case XB_STATE_ADOPTED: return _("Adopted");
    case XB_STATE_RETURNED: return _("Returned");
    case XB_STATE_DECLINED: return _("Declined");
    case XB_STATE_MERGED: return _("Merged");
    case XB_N_STATES: break;
    }
  return "";
}

const char *
xb_importance_label (XbImportance v)
{
  switch (v)
    {
    case XB_IMPORTANCE_GENERAL: return _("General");
    case XB_IMPORTANCE_MAJOR: return _("Major");
    case XB_IMPORTANCE_ESPECIALLY_MAJOR: return _("Especially major");
    case XB_N_IMPORTANCES: break;
    }
  return "";
}

const char *
xb_item_type_label (XbItemType v)
{
  switch (v)
    {
    case XB_ITEM_TYPE_DYNAMIC: return _("Dynamic");
    case XB_ITEM_TYPE_COMPREHENSIVE: return _("Comprehensive");
    case XB_ITEM_TYPE_RESEARCH: return _("Research");
    case XB_ITEM_TYPE_ROUTINE: return _("Routine");
    case XB_N_ITEM_TYPES: break;
    }
  return "";
}

const char *
xb_angle_label (XbAngle v)
{
  switch (v)
    {
    case XB_ANGLE_KEY: return _("Key issue");
    case XB_ANGLE_HOT: return _("Hot topic");
    case XB_ANGLE_DIFFICULT: return _("Difficulty");
    case XB_ANGLE_HIGHLIGHT: return _("Highlight");
    case XB_N_ANGLES: break;
    }
  return "";
}

const char *
xb_unit_kind_label (XbUnitKind v)
{
  switch (v)
    {
    case XB_UNIT_KIND_COUNTY: return _("County or district office");
    case XB_UNIT_KIND_DEPARTMENT: return _("City department");
    case XB_UNIT_KIND_PROVINCIAL: return _("Provincial unit");
    case XB_UNIT_KIND_LIAISON: return _("Liaison office");
    case XB_UNIT_KIND_ENTERPRISE: return _("Enterprise");
    case XB_UNIT_KIND_DIRECT_POINT: return _("Direct-reporting point");
    case XB_UNIT_KIND_OFFICE: return _("City government office");
    case XB_N_UNIT_KINDS: break;
    }
  return "";
}

const char *
xb_role_label (XbRole v)
{
  switch (v)
    {
    case XB_ROLE_OFFICER: return _("Information officer");
    case XB_ROLE_UNIT_LEADER: return _("Unit leader in charge");
    case XB_ROLE_EDITOR: return _("Editor");
    case XB_ROLE_SECTION_CHIEF: return _("Section chief");
    case XB_ROLE_DEPUTY_SECGEN: return _("Deputy secretary-general");
    case XB_ROLE_DIRECTOR: return _("Office director");
    case XB_ROLE_SECGEN: return _("Secretary-general");
    case XB_ROLE_DEPUTY_MAYOR: return _("Deputy mayor");
    case XB_ROLE_MAYOR: return _("Mayor");
    case XB_ROLE_VIEWER: return _("Viewer");
    case XB_ROLE_ADMIN: return _("Administrator");
    case XB_N_ROLES: break;
    }
  return "";
}

const char *
xb_level_label (XbLevel v)
{
  switch (v)
    {
    case XB_LEVEL_CITY: return C_("level", "City");
    case XB_LEVEL_PROVINCE: return C_("level", "Province");
    case XB_LEVEL_NATIONAL: return C_("level", "National");
    case XB_N_LEVELS: break;
    }
  return "";
}

const char *
xb_followup_label (XbFollowup v)
{
  switch (v)
    {
    case XB_FOLLOWUP_RECEIVED: return _("Received");
    case XB_FOLLOWUP_HANDLING: return _("Being handled");
    case XB_FOLLOWUP_REPORTED: return _("Feedback reported");
    case XB_N_FOLLOWUPS: break;
    }
  return "";
}

const char *
xb_action_label (XbAction v)
{
  switch (v)
    {
    case XB_ACTION_CREATE: return C_("action", "Created");
    case XB_ACTION_COMPOSE: return C_("action", "Composed from merged items");
    case XB_ACTION_SAVE: return C_("action", "Saved");
    case XB_ACTION_SUBMIT: return C_("action", "Submitted");
    case XB_ACTION_WITHDRAW: return C_("action", "Withdrawn");
    case XB_ACTION_APPROVE: return C_("action", "Approved by the unit");
    case XB_ACTION_RETURN: return C_("action", "Returned for revision");
    case XB_ACTION_REVISE: return C_("action", "Reopened for revision");
    case XB_ACTION_CLAIM: return C_("action", "Claimed");
    case XB_ACTION_RELEASE: return C_("action", "Released");
    case XB_ACTION_EDIT: return C_("action", "Edited");
    case XB_ACTION_PROPOSE: return C_("action", "Proposed for adoption");
    case XB_ACTION_SIGN: return C_("action", "Signed");
    case XB_ACTION_DECLINE: return C_("action", "Declined");
    case XB_ACTION_MERGE: return C_("action", "Merged");
    case XB_ACTION_FORWARD: return C_("action", "Forwarded to the province");
    case XB_ACTION_PROVINCE_ADOPT: return C_("action", "Adopted by the province");
    case XB_ACTION_STATE_ADOPT: return C_("action", "Adopted by the State Council office");
    case XB_ACTION_INSTRUCT: return C_("action", "Leader instruction");
    case XB_ACTION_FOLLOWUP: return C_("action", "Instruction follow-up");
    case XB_N_ACTIONS: break;
    }
  return "";
}

const char *
xb_action_verb (XbAction v)
{
  switch (v)
    {
    case XB_ACTION_CREATE: return C_("verb", "Create");
    case XB_ACTION_COMPOSE: return C_("verb", "Compose a comprehensive item");
    case XB_ACTION_SAVE: return C_("verb", "Save");
    case XB_ACTION_SUBMIT: return C_("verb", "Submit");
    case XB_ACTION_WITHDRAW: return C_("verb", "Withdraw");
    case XB_ACTION_APPROVE: return C_("verb", "Approve");
    case XB_ACTION_RETURN: return C_("verb", "Return for revision");
    case XB_ACTION_REVISE: return C_("verb", "Revise");
    case XB_ACTION_CLAIM: return C_("verb", "Claim");
    case XB_ACTION_RELEASE: return C_("verb", "Release");
    case XB_ACTION_EDIT: return C_("verb", "Edit");
    case XB_ACTION_PROPOSE: return C_("verb", "Propose for adoption");
    case XB_ACTION_SIGN: return C_("verb", "Sign");
    case XB_ACTION_DECLINE: return C_("verb", "Decline");
    case XB_ACTION_MERGE: return C_("verb", "Merge");
    case XB_ACTION_FORWARD: return C_("verb", "Forward to the province");
    case XB_ACTION_PROVINCE_ADOPT: return C_("verb", "Record provincial adoption");
    case XB_ACTION_STATE_ADOPT: return C_("verb", "Record State Council adoption");
    case XB_ACTION_INSTRUCT: return C_("verb", "Record a leader instruction");
    case XB_ACTION_FOLLOWUP: return C_("verb", "Record the follow-up");
    case XB_N_ACTIONS: break;
    }
  return "";
}

char *
xb_time_format (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  if (dt == NULL)
    return NULL;
  /* %Y does not pad years before 1000; the wire form always has four digits. */
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                          g_date_time_get_year (dt), g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt), g_date_time_get_second (dt));
}

static gboolean
digits_at (const char *s, int from, int n)
{
  for (int i = from; i < from + n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

gboolean
xb_time_parse (const char *s, gint64 *out)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, mo, d, h, mi, sec;

  /* Only the exact form we write: 2026-03-01T08:00:00Z (no week dates,
   * offsets or leap seconds). */
  if (s == NULL || strlen (s) != 20 || !digits_at (s, 0, 4) || s[4] != '-'
      || !digits_at (s, 5, 2) || s[7] != '-' || !digits_at (s, 8, 2) || s[10] != 'T'
      || !digits_at (s, 11, 2) || s[13] != ':' || !digits_at (s, 14, 2) || s[16] != ':'
      || !digits_at (s, 17, 2) || s[19] != 'Z')
    return FALSE;
  if (sscanf (s, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &sec) != 6 || sec > 59)
    return FALSE;
  dt = g_date_time_new_utc (y, mo, d, h, mi, sec);
  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}
