/* Policy defaults from the city notice, chain snapshots, and the policy's JSON form. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "xb-codec.h"
#include "xb-policy.h"

static void
chain_set (XbChain *chain, int n, const XbRole *roles)
{
  chain->n_roles = n;
  for (int i = 0; i < n; i++)
    chain->roles[i] = roles[i];
}

void
xb_policy_init_defaults (XbPolicy *policy)
{
  static const XbRole general[] = { XB_ROLE_SECTION_CHIEF };
  static const XbRole major[] = { XB_ROLE_DEPUTY_SECGEN };
  static const XbRole especially[] = { XB_ROLE_DIRECTOR, XB_ROLE_SECGEN, XB_ROLE_DEPUTY_MAYOR };

  memset (policy, 0, sizeof *policy);
  chain_set (&policy->chains[XB_IMPORTANCE_GENERAL], 1, general);
  chain_set (&policy->chains[XB_IMPORTANCE_MAJOR], 1, major);
  chain_set (&policy->chains[XB_IMPORTANCE_ESPECIALLY_MAJOR], 3, especially);
  policy->mayor_for_marked = TRUE;
  policy->urgent_minutes[XB_IMPORTANCE_GENERAL] = 120;
  policy->urgent_minutes[XB_IMPORTANCE_MAJOR] = 60;
  policy->urgent_minutes[XB_IMPORTANCE_ESPECIALLY_MAJOR] = 30;
  policy->quota[XB_UNIT_KIND_COUNTY] = 30;
  policy->quota[XB_UNIT_KIND_DEPARTMENT] = 10;
  policy->quota[XB_UNIT_KIND_PROVINCIAL] = 5;
  policy->score[XB_SCORE_CITY_GENERAL] = 2;
  policy->score[XB_SCORE_CITY_DIGEST] = 3;
  policy->score[XB_SCORE_CITY_SPECIAL] = 10;
  policy->score[XB_SCORE_FORWARDED] = 2;
  policy->score[XB_SCORE_PROVINCE] = 10;
  policy->score[XB_SCORE_PROVINCE_SPECIAL] = 20;
  policy->score[XB_SCORE_PROVINCE_RESEARCH] = 30;
  policy->score[XB_SCORE_STATE_COUNCIL] = 50;
  policy->score[XB_SCORE_INSTRUCTION_CITY] = 5;
  policy->score[XB_SCORE_INSTRUCTION_PROVINCE] = 50;
  policy->score[XB_SCORE_INSTRUCTION_NATIONAL] = 100;
  policy->score[XB_SCORE_MISSED_REQUEST] = -10;
  policy->direct_points_roll_up = TRUE;
  policy->roster_deadline_month = 3;
  policy->roster_deadline_day = 20;
}

const char *
xb_score_to_string (XbScore score)
{
  static const char *const names[XB_N_SCORES] = {
    "city_general", "city_digest", "city_special", "forwarded", "province",
    "province_special", "province_research", "state_council", "instruction_city",
    "instruction_province", "instruction_national", "missed_request",
  };

  return (score >= 0 && score < XB_N_SCORES) ? names[score] : NULL;
}

char *
xb_chain_to_string (const XbChain *chain)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < chain->n_roles; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append (s, xb_role_to_string (chain->roles[i]));
    }
  return g_string_free (s, FALSE);
}

gboolean
xb_chain_parse (const char *text, XbChain *out)
{
  g_auto(GStrv) parts = NULL;
  XbChain chain = { 0 };

  if (text == NULL || *text == '\0')
    return FALSE;
  parts = g_strsplit (text, ",", -1);
  for (int i = 0; parts[i] != NULL; i++)
    {
      if (chain.n_roles == XB_MAX_CHAIN
          || !xb_role_from_string (parts[i], &chain.roles[chain.n_roles]))
        return FALSE;
      chain.n_roles++;
    }
  *out = chain;
  return TRUE;
}

char *
xb_policy_chain_for (const XbPolicy *policy,
                     XbImportance    importance,
                     gboolean        for_mayor)
{
  XbChain chain = policy->chains[importance];

  if (importance == XB_IMPORTANCE_ESPECIALLY_MAJOR && for_mayor
      && policy->mayor_for_marked && chain.n_roles < XB_MAX_CHAIN)
    chain.roles[chain.n_roles++] = XB_ROLE_MAYOR;
  return xb_chain_to_string (&chain);
}

static void
add_int_map (JsonBuilder *b, const char *name, const int *values, int n,
             const char *(*key_of) (int))
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (int i = 0; i < n; i++)
    {
      json_builder_set_member_name (b, key_of (i));
      json_builder_add_int_value (b, values[i]);
    }
  json_builder_end_object (b);
}

static const char *importance_key (int i) { return xb_importance_to_string (i); }
static const char *kind_key (int i) { return xb_unit_kind_to_string (i); }
static const char *score_key (int i) { return xb_score_to_string (i); }

char *
xb_policy_to_json (const XbPolicy *policy)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *deadline = g_strdup_printf ("%02d-%02d", policy->roster_deadline_month,
                                               policy->roster_deadline_day);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "chains");
  json_builder_begin_object (b);
  for (int i = 0; i < XB_N_IMPORTANCES; i++)
    {
      g_autofree char *chain = xb_chain_to_string (&policy->chains[i]);
      json_builder_set_member_name (b, xb_importance_to_string (i));
      json_builder_add_string_value (b, chain);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "mayor_for_marked");
  json_builder_add_boolean_value (b, policy->mayor_for_marked);
  add_int_map (b, "urgent_minutes", policy->urgent_minutes, XB_N_IMPORTANCES, importance_key);
  add_int_map (b, "quota", policy->quota, XB_N_UNIT_KINDS, kind_key);
  add_int_map (b, "score", policy->score, XB_N_SCORES, score_key);
  json_builder_set_member_name (b, "direct_points_roll_up");
  json_builder_add_boolean_value (b, policy->direct_points_roll_up);
  json_builder_set_member_name (b, "roster_deadline");
  json_builder_add_string_value (b, deadline);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static gboolean
read_int_map (JsonObject *obj, const char *name, int *values, int n,
              const char *(*key_of) (int), int min, GError **error)
{
  JsonNode *node = json_object_get_member (obj, name);
  JsonObject *map;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                        "policy: “%s” must be an object", name), FALSE;
  map = json_node_get_object (node);
  for (int i = 0; i < n; i++)
    {
      JsonNode *v = json_object_get_member (map, key_of (i));
      if (v == NULL)
        continue; /* kinds added later keep their zero default */
      if (json_node_get_value_type (v) != G_TYPE_INT64 || json_node_get_int (v) < min
          || json_node_get_int (v) > 100000)
        return g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                            "policy: “%s.%s” must be a small whole number", name, key_of (i)), FALSE;
      values[i] = (int) json_node_get_int (v);
    }
  return TRUE;
}

static gboolean
read_chains (JsonObject *obj, XbPolicy *out, GError **error)
{
  JsonNode *node = json_object_get_member (obj, "chains");
  JsonObject *chains;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID,
                                "policy: “chains” must be an object"), FALSE;
  chains = json_node_get_object (node);
  for (int i = 0; i < XB_N_IMPORTANCES; i++)
    {
      JsonNode *v = json_object_get_member (chains, xb_importance_to_string (i));
      if (v == NULL || json_node_get_value_type (v) != G_TYPE_STRING
          || !xb_chain_parse (json_node_get_string (v), &out->chains[i]))
        return g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                            "policy: the sign-off chain for “%s” is not a list of signer roles",
                            xb_importance_to_string (i)), FALSE;
    }
  return TRUE;
}

static void
read_bool (JsonObject *obj, const char *name, gboolean *value)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    *value = json_node_get_boolean (node);
}

/* "MM-DD", a day every year has (so not 29 February); absent: the default. */
static gboolean
read_deadline (JsonObject *obj, XbPolicy *out, GError **error)
{
  JsonNode *node = json_object_get_member (obj, "roster_deadline");
  const char *text;
  unsigned month = 0, day = 0;
  char tail = 0;

  if (node == NULL)
    return TRUE;
  text = json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : "";
  if (strlen (text) != 5 || sscanf (text, "%2u-%2u%c", &month, &day, &tail) != 2
      || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[3])
      || !g_date_valid_dmy ((GDateDay) MIN (day, 255), (GDateMonth) MIN (month, 13), 2025))
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID,
                                "policy: “roster_deadline” must be a day of the year like 03-20"), FALSE;
  out->roster_deadline_month = (int) month;
  out->roster_deadline_day = (int) day;
  return TRUE;
}

gboolean
xb_policy_from_json (const char *json, XbPolicy *out, GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  XbPolicy policy;

  xb_policy_init_defaults (&policy);
  root = xb_json_parse (json, -1, error);
  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID,
                                "policy: not a JSON object"), FALSE;
  obj = json_node_get_object (root);
  if (!read_chains (obj, &policy, error)
      || !read_int_map (obj, "urgent_minutes", policy.urgent_minutes, XB_N_IMPORTANCES, importance_key, 1, error)
      || !read_int_map (obj, "quota", policy.quota, XB_N_UNIT_KINDS, kind_key, 0, error)
      || (json_object_has_member (obj, "score")
          && !read_int_map (obj, "score", policy.score, XB_N_SCORES, score_key, -100000, error))
      || !read_deadline (obj, &policy, error))
    return FALSE;
  read_bool (obj, "mayor_for_marked", &policy.mayor_for_marked);
  read_bool (obj, "direct_points_roll_up", &policy.direct_points_roll_up);
  *out = policy;
  return TRUE;
}
