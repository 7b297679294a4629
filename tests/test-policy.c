/* Policy tests: defaults from the notice, chains, and the JSON form kept in the store. */
#include "config.h"

#include "xb-policy.h"

static void
test_defaults (void)
{
  XbPolicy p;
  g_autofree char *general = NULL, *especially = NULL, *for_mayor = NULL;

  xb_policy_init_defaults (&p);
  general = xb_policy_chain_for (&p, XB_IMPORTANCE_GENERAL, TRUE);
  especially = xb_policy_chain_for (&p, XB_IMPORTANCE_ESPECIALLY_MAJOR, FALSE);
  for_mayor = xb_policy_chain_for (&p, XB_IMPORTANCE_ESPECIALLY_MAJOR, TRUE);
  g_assert_cmpstr (general, ==, "section_chief");
  g_assert_cmpstr (especially, ==, "director,secgen,deputy_mayor");
  g_assert_cmpstr (for_mayor, ==, "director,secgen,deputy_mayor,mayor");
  g_assert_cmpint (p.quota[XB_UNIT_KIND_COUNTY], ==, 30);
  g_assert_cmpint (p.quota[XB_UNIT_KIND_DEPARTMENT], ==, 10);
  g_assert_cmpint (p.quota[XB_UNIT_KIND_PROVINCIAL], ==, 5);
  g_assert_cmpint (p.urgent_minutes[XB_IMPORTANCE_ESPECIALLY_MAJOR], ==, 30);
  g_assert_cmpint (p.score[XB_SCORE_STATE_COUNCIL], ==, 50);
  g_assert_cmpint (p.score[XB_SCORE_MISSED_REQUEST], ==, -10);
}

static void
test_json_round_trip (void)
{
  XbPolicy p, back;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  xb_policy_init_defaults (&p);
  p.chains[XB_IMPORTANCE_MAJOR].roles[1] = XB_ROLE_DIRECTOR;
  p.chains[XB_IMPORTANCE_MAJOR].n_roles = 2;
  p.quota[XB_UNIT_KIND_ENTERPRISE] = 2;
  p.score[XB_SCORE_CITY_DIGEST] = 4;
  p.mayor_for_marked = FALSE;
  json = xb_policy_to_json (&p);
  g_assert_true (xb_policy_from_json (json, &back, &error));
  g_assert_no_error (error);
  g_assert_cmpint (back.chains[XB_IMPORTANCE_MAJOR].n_roles, ==, 2);
  g_assert_cmpint (back.chains[XB_IMPORTANCE_MAJOR].roles[1], ==, XB_ROLE_DIRECTOR);
  g_assert_cmpint (back.quota[XB_UNIT_KIND_ENTERPRISE], ==, 2);
  g_assert_cmpint (back.score[XB_SCORE_CITY_DIGEST], ==, 4);
  g_assert_false (back.mayor_for_marked);
}

static void
test_bad_json (void)
{
  const char *bad[] = {
    "", "[]", "{}", "{\"chains\": 3}",
    "{\"chains\": {\"general\": \"king\", \"major\": \"deputy_secgen\", \"especially_major\": \"director\"},"
    " \"urgent_minutes\": {}, \"quota\": {}}",
    "{\"chains\": {\"general\": \"section_chief\", \"major\": \"deputy_secgen\", \"especially_major\": \"director\"},"
    " \"urgent_minutes\": {\"general\": -5}, \"quota\": {}}",
    "{\"chains\": {\"general\": \"section_chief\", \"major\": \"deputy_secgen\", \"especially_major\": \"director\"},"
    " \"urgent_minutes\": {}, \"quota\": {\"county\": \"thirty\"}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      XbPolicy p;
      g_autoptr(GError) error = NULL;
      g_assert_false (xb_policy_from_json (bad[i], &p, &error));
      g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
    }
}

static void
test_chain_parse (void)
{
  XbChain chain;

  g_assert_true (xb_chain_parse ("director,secgen", &chain));
  g_assert_cmpint (chain.n_roles, ==, 2);
  g_assert_false (xb_chain_parse ("", &chain));
  g_assert_false (xb_chain_parse (NULL, &chain));
  g_assert_false (xb_chain_parse ("director,,secgen", &chain));
  g_assert_false (xb_chain_parse ("a,b,c,d,e,f,g,h,i", &chain));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/policy/defaults", test_defaults);
  g_test_add_func ("/policy/json-round-trip", test_json_round_trip);
  g_test_add_func ("/policy/bad-json", test_bad_json);
  g_test_add_func ("/policy/chain-parse", test_chain_parse);
  return g_test_run ();
}
