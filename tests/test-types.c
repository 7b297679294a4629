/* Tests of the enumerations' wire names, role sets and the time format. */
#include "config.h"

#include "xb-types.h"

#define ROUND_TRIP(lower, Type, N)                                  \
  for (int i = 0; i < (N); i++)                                     \
    {                                                               \
      Type back;                                                    \
      const char *name = xb_##lower##_to_string ((Type) i);         \
      g_assert_nonnull (name);                                      \
      g_assert_true (xb_##lower##_from_string (name, &back));       \
      g_assert_cmpint (back, ==, i);                                \
      g_assert_cmpstr (xb_##lower##_label ((Type) i), !=, "");      \
    }                                                               \
  g_assert_null (xb_##lower##_to_string ((Type) (N)));

static void
test_round_trips (void)
{
  ROUND_TRIP (state, XbState, XB_N_STATES)
  ROUND_TRIP (importance, XbImportance, XB_N_IMPORTANCES)
  ROUND_TRIP (item_type, XbItemType, XB_N_ITEM_TYPES)
  ROUND_TRIP (angle, XbAngle, XB_N_ANGLES)
  ROUND_TRIP (unit_kind, XbUnitKind, XB_N_UNIT_KINDS)
  ROUND_TRIP (role, XbRole, XB_N_ROLES)
  ROUND_TRIP (action, XbAction, XB_N_ACTIONS)
  ROUND_TRIP (level, XbLevel, XB_N_LEVELS)
  ROUND_TRIP (followup, XbFollowup, XB_N_FOLLOWUPS)
  for (int a = 0; a < XB_N_ACTIONS; a++)
    g_assert_cmpstr (xb_action_verb (a), !=, "");
}

static void
test_unknown_names (void)
{
  XbImportance imp = XB_IMPORTANCE_MAJOR;

  g_assert_false (xb_importance_from_string ("huge", &imp));
  g_assert_false (xb_importance_from_string ("", &imp));
  g_assert_false (xb_importance_from_string (NULL, &imp));
  g_assert_false (xb_importance_from_string ("General", &imp));
  g_assert_cmpint (imp, ==, XB_IMPORTANCE_MAJOR);
  g_assert_cmpstr (xb_importance_to_string (XB_IMPORTANCE_ESPECIALLY_MAJOR), ==, "especially_major");
  g_assert_cmpstr (xb_state_to_string (XB_STATE_UNIT_REVIEW), ==, "unit_review");
}

static void
test_roles (void)
{
  XbRoles roles = 0;
  g_autofree char *text = NULL;

  g_assert_true (xb_roles_from_string ("officer,unit_leader", &roles));
  g_assert_cmphex (roles, ==, XB_ROLE_BIT (XB_ROLE_OFFICER) | XB_ROLE_BIT (XB_ROLE_UNIT_LEADER));
  text = xb_roles_to_string (roles);
  g_assert_cmpstr (text, ==, "officer,unit_leader");
  g_assert_true (xb_roles_from_string ("", &roles));
  g_assert_cmphex (roles, ==, 0);
  g_assert_false (xb_roles_from_string ("officer,king", &roles));
}

static void
test_time (void)
{
  g_autofree char *text = xb_time_format (1764201600);
  gint64 back = 0;

  g_assert_cmpstr (text, ==, "2025-11-27T00:00:00Z");
  g_assert_true (xb_time_parse (text, &back));
  g_assert_cmpint (back, ==, 1764201600);
  g_assert_false (xb_time_parse ("2025-11-27T00:00:00+08:00", &back));
  g_assert_false (xb_time_parse ("2025-11-27 00:00:00Z", &back));
  g_assert_false (xb_time_parse ("2025-13-27T00:00:00Z", &back));
  g_assert_false (xb_time_parse ("yesterday", &back));
  g_assert_false (xb_time_parse (NULL, &back));
  g_assert_false (xb_time_parse ("2026-W09-1T08:00:0Z", &back));
  g_assert_false (xb_time_parse ("2026-03-01T08:00:60Z", &back));
  g_assert_false (xb_time_parse ("2026-02-30T08:00:00Z", &back));
  g_clear_pointer (&text, g_free);
  text = xb_time_format (-62000000000); /* year 5 */
  g_assert_cmpstr (text, ==, "0005-04-19T09:46:40Z");
  g_assert_true (xb_time_parse (text, &back));
  g_assert_cmpint (back, ==, -62000000000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/types/round-trips", test_round_trips);
  g_test_add_func ("/types/unknown-names", test_unknown_names);
  g_test_add_func ("/types/roles", test_roles);
  g_test_add_func ("/types/time", test_time);
  return g_test_run ();
}
