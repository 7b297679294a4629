/* Tests of the JSON codecs: exact round trips and refusal of every kind of bad input. */
#include "config.h"

#include <string.h>

#include "xb-codec.h"

#define T_SUBMITTED 1772352000   /* 2026-03-01T08:00:00Z */
#define T_SIGNED    1772443815   /* 2026-03-02T09:30:15Z */
#define T_EVENT     1772319600   /* 2026-02-28T23:00:00Z */
#define T_ADOPTED   1772704800   /* 2026-03-05T10:00:00Z */

#define UUID_ITEM   "6f1c2b4e-8d3a-4c5f-9e7b-1a2b3c4d5e6f"
#define UUID_TARGET "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
#define UUID_EV1    "11111111-2222-4333-8444-555555555555"
#define UUID_EV2    "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"

static XbEvent *
make_event (const char *id, XbAction action, XbRole role, gint64 at,
            XbState from, XbState to, const char *comment)
{
  XbEvent *e = xb_event_new ();

  e->id = g_strdup (id);
  e->action = action;
  e->actor_id = 42;
  e->role = role;
  e->at = at;
  e->from = from;
  e->to = to;
  e->comment = g_strdup (comment);
  return e;
}

/* Every nullable field set, so that each one travels as a value. */
static XbItem *
make_full_item (void)
{
  XbItem *item = xb_item_new ();

  item->uuid = g_strdup (UUID_ITEM);
  item->unit_id = 7;
  item->author_id = 42;
  item->title = g_strdup ("我市春耕备耕工作有序推进 “三夏” 准备就绪");
  item->body = g_strdup ("一、基本情况\n全市已落实种子 1.2 万吨、化肥 3.5 万吨。\n\t\"引号\" 与 \\ 反斜杠 😀");
  item->category = g_strdup ("乡村振兴");
  item->type = XB_ITEM_TYPE_RESEARCH;
  item->angle = XB_ANGLE_HIGHLIGHT;
  item->importance = XB_IMPORTANCE_ESPECIALLY_MAJOR;
  item->urgent = TRUE;
  item->event_at = T_EVENT;
  item->for_mayor = TRUE;
  item->state = XB_STATE_SIGNOFF;
  item->revision = 3;
  item->signoff_chain = g_strdup ("director,secgen,deputy_mayor,mayor");
  item->signoff_step = 2;
  item->holder_id = 9;
  item->merged_into = g_strdup (UUID_TARGET);
  item->request_id = 5;
  item->created_at = T_EVENT;
  item->updated_at = T_SIGNED;
  item->submitted_at = T_SUBMITTED;
  item->adopted_at = T_ADOPTED;
  g_ptr_array_add (item->events, make_event (UUID_EV1, XB_ACTION_CREATE, XB_ROLE_OFFICER, T_EVENT,
                                             XB_STATE_NEW, XB_STATE_DRAFT, NULL));
  g_ptr_array_add (item->events, make_event (UUID_EV2, XB_ACTION_SIGN, XB_ROLE_DIRECTOR, T_SIGNED,
                                             XB_STATE_SIGNOFF, XB_STATE_SIGNOFF, "同意，请秘书长审签。"));
  return item;
}

/* Every nullable field empty. */
static XbItem *
make_bare_item (void)
{
  XbItem *item = xb_item_new ();

  item->uuid = g_strdup (UUID_ITEM);
  item->unit_id = 3;
  item->author_id = 4;
  item->title = g_strdup ("草稿");
  item->body = g_strdup ("");
  item->category = g_strdup ("");
  item->state = XB_STATE_DRAFT;
  item->created_at = T_EVENT;
  item->updated_at = T_EVENT;
  return item;
}

static void
assert_event_equal (const XbEvent *a, const XbEvent *b)
{
  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpint (a->action, ==, b->action);
  g_assert_cmpint (a->actor_id, ==, b->actor_id);
  g_assert_cmpint (a->role, ==, b->role);
  g_assert_cmpint (a->at, ==, b->at);
  g_assert_cmpint (a->from, ==, b->from);
  g_assert_cmpint (a->to, ==, b->to);
  g_assert_cmpstr (a->comment, ==, b->comment);
}

static void
assert_item_equal (const XbItem *a, const XbItem *b)
{
  g_assert_cmpstr (a->uuid, ==, b->uuid);
  g_assert_cmpint (a->unit_id, ==, b->unit_id);
  g_assert_cmpint (a->author_id, ==, b->author_id);
  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpstr (a->body, ==, b->body);
  g_assert_cmpstr (a->category, ==, b->category);
  g_assert_cmpint (a->type, ==, b->type);
  g_assert_cmpint (a->angle, ==, b->angle);
  g_assert_cmpint (a->importance, ==, b->importance);
  g_assert_cmpint (a->urgent, ==, b->urgent);
  g_assert_cmpint (a->event_at, ==, b->event_at);
  g_assert_cmpint (a->for_mayor, ==, b->for_mayor);
  g_assert_cmpint (a->state, ==, b->state);
  g_assert_cmpint (a->revision, ==, b->revision);
  g_assert_cmpstr (a->signoff_chain, ==, b->signoff_chain);
  g_assert_cmpint (a->signoff_step, ==, b->signoff_step);
  g_assert_cmpint (a->holder_id, ==, b->holder_id);
  g_assert_cmpstr (a->merged_into, ==, b->merged_into);
  g_assert_cmpint (a->request_id, ==, b->request_id);
  g_assert_cmpint (a->created_at, ==, b->created_at);
  g_assert_cmpint (a->updated_at, ==, b->updated_at);
  g_assert_cmpint (a->submitted_at, ==, b->submitted_at);
  g_assert_cmpint (a->adopted_at, ==, b->adopted_at);
  g_assert_cmpuint (a->events->len, ==, b->events->len);
  for (guint i = 0; i < a->events->len; i++)
    assert_event_equal (a->events->pdata[i], b->events->pdata[i]);
}

static XbItem *
round_trip_item (const XbItem *item)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = xb_item_to_json (item);
  XbItem *back = xb_item_from_json (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (back);
  return back;
}

/* The member @name of the encoded object, for checking the wire shape. */
static JsonNode *
member_of (JsonNode *node, const char *name)
{
  JsonNode *m = json_object_get_member (json_node_get_object (node), name);

  g_assert_nonnull (m);
  return m;
}

static void
test_item_round_trip_full (void)
{
  g_autoptr(XbItem) item = make_full_item ();
  g_autoptr(XbItem) back = round_trip_item (item);
  g_autoptr(JsonNode) node = xb_item_to_node (item);
  JsonArray *events;

  assert_item_equal (item, back);
  g_assert_cmpstr (json_node_get_string (member_of (node, "importance")), ==, "especially_major");
  g_assert_cmpstr (json_node_get_string (member_of (node, "type")), ==, "research");
  g_assert_cmpstr (json_node_get_string (member_of (node, "state")), ==, "signoff");
  g_assert_cmpstr (json_node_get_string (member_of (node, "submitted_at")), ==, "2026-03-01T08:00:00Z");
  g_assert_cmpstr (json_node_get_string (member_of (node, "adopted_at")), ==, "2026-03-05T10:00:00Z");
  g_assert_cmpint (json_node_get_value_type (member_of (node, "urgent")), ==, G_TYPE_BOOLEAN);
  g_assert_cmpint (json_node_get_int (member_of (node, "holder_id")), ==, 9);
  events = json_node_get_array (member_of (node, "events"));
  g_assert_cmpuint (json_array_get_length (events), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 1), "role"),
                   ==, "director");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (events, 0), "comment"));
}

/* Adoptions and instructions travel with the item; old items without them still decode. */
static void
test_item_outcomes (void)
{
  g_autoptr(XbItem) item = make_full_item ();
  g_autoptr(XbItem) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  XbAdoption city = { 3, 12, XB_LEVEL_CITY, T_ADOPTED }, province = { 0, 0, XB_LEVEL_PROVINCE, T_ADOPTED + 86400 };
  XbInstruction *n = xb_instruction_new ();
  XbInstruction *m;
  g_autoptr(GError) error = NULL;

  g_array_append_val (item->adoptions, city);
  g_array_append_val (item->adoptions, province);
  n->id = 77;
  n->leader = g_strdup ("市长");
  n->level = XB_LEVEL_CITY;
  n->text = g_strdup ("请认真总结推广。");
  n->at = T_ADOPTED + 3600;
  n->followup = XB_FOLLOWUP_HANDLING;
  g_ptr_array_add (item->instructions, n);
  back = round_trip_item (item);
  g_assert_cmpuint (back->adoptions->len, ==, 2);
  g_assert_cmpint (g_array_index (back->adoptions, XbAdoption, 0).issue_id, ==, 12);
  g_assert_cmpint (g_array_index (back->adoptions, XbAdoption, 1).level, ==, XB_LEVEL_PROVINCE);
  g_assert_cmpint (g_array_index (back->adoptions, XbAdoption, 1).publication_id, ==, 0);
  g_assert_cmpuint (back->instructions->len, ==, 1);
  m = back->instructions->pdata[0];
  g_assert_cmpint (m->id, ==, 77);
  g_assert_cmpstr (m->text, ==, "请认真总结推广。");
  g_assert_cmpint (m->followup, ==, XB_FOLLOWUP_HANDLING);
  g_assert_cmpint (m->at, ==, T_ADOPTED + 3600);

  /* Unknown follow-up is refused; missing arrays are empty. */
  node = xb_item_to_node (item);
  json_object_set_string_member (json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (node), "instructions"), 0), "followup", "forgotten");
  g_clear_pointer (&back, xb_item_free);
  back = xb_item_from_node (node, &error);
  g_assert_null (back);
  g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
  g_clear_error (&error);
  json_object_remove_member (json_node_get_object (node), "instructions");
  json_object_remove_member (json_node_get_object (node), "adoptions");
  back = xb_item_from_node (node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->adoptions->len, ==, 0);
  g_assert_cmpuint (back->instructions->len, ==, 0);
}

static void
test_item_round_trip_nulls (void)
{
  g_autoptr(XbItem) item = make_bare_item ();
  g_autoptr(XbItem) back = round_trip_item (item);
  g_autoptr(JsonNode) node = xb_item_to_node (item);
  const char *nullable[] = { "event_at", "signoff_chain", "holder_id", "merged_into",
                             "request_id", "submitted_at", "adopted_at" };

  assert_item_equal (item, back);
  for (guint i = 0; i < G_N_ELEMENTS (nullable); i++)
    g_assert_true (JSON_NODE_HOLDS_NULL (member_of (node, nullable[i])));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (member_of (node, "events"))), ==, 0);
}

static void
test_item_compact_text (void)
{
  g_autoptr(XbItem) item = make_full_item ();
  g_autofree char *json = xb_item_to_json (item);

  g_assert_true (g_str_has_prefix (json, "{\"uuid\":\"" UUID_ITEM "\",\"unit_id\":7,"));
  g_assert_null (strchr (json, '\n'));
  g_assert_nonnull (strstr (json, "我市春耕"));
}

static void
test_event_round_trip (void)
{
  g_autoptr(XbEvent) event = make_event (UUID_EV2, XB_ACTION_RETURN, XB_ROLE_SECTION_CHIEF, T_SIGNED,
                                         XB_STATE_EDITING, XB_STATE_RETURNED, "请补充数据来源。");
  g_autoptr(XbEvent) bare = make_event (UUID_EV1, XB_ACTION_CREATE, XB_ROLE_OFFICER, T_EVENT,
                                        XB_STATE_NEW, XB_STATE_DRAFT, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = xb_event_to_json (event);
  g_autofree char *bare_json = xb_event_to_json (bare);
  g_autoptr(XbEvent) back = xb_event_from_json (json, -1, &error);
  g_autoptr(XbEvent) bare_back = NULL;

  g_assert_no_error (error);
  assert_event_equal (event, back);
  g_assert_nonnull (strstr (json, "\"from\":\"editing\",\"to\":\"returned\""));
  bare_back = xb_event_from_json (bare_json, -1, &error);
  g_assert_no_error (error);
  assert_event_equal (bare, bare_back);
  g_assert_nonnull (strstr (bare_json, "\"comment\":null"));
}

static void
test_unit_round_trip (void)
{
  g_autoptr(XbUnit) unit = xb_unit_new ();
  g_autoptr(XbUnit) point = xb_unit_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL, *point_json = NULL;
  g_autoptr(XbUnit) back = NULL, point_back = NULL;

  unit->id = 12;
  unit->name = g_strdup ("城东区人民政府办公室");
  unit->kind = XB_UNIT_KIND_COUNTY;
  unit->retired = TRUE;
  json = xb_unit_to_json (unit);
  g_assert_cmpstr (json, ==, "{\"id\":12,\"name\":\"城东区人民政府办公室\",\"kind\":\"county\","
                             "\"parent_id\":null,\"monthly_quota\":null,\"retired\":true}");
  back = xb_unit_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->id, ==, 12);
  g_assert_cmpstr (back->name, ==, unit->name);
  g_assert_cmpint (back->kind, ==, XB_UNIT_KIND_COUNTY);
  g_assert_cmpint (back->parent_id, ==, 0);
  g_assert_cmpint (back->monthly_quota, ==, -1);
  g_assert_true (back->retired);

  point->id = 30;
  point->name = g_strdup ("青山镇直报点");
  point->kind = XB_UNIT_KIND_DIRECT_POINT;
  point->parent_id = 12;
  point->monthly_quota = 0;
  point_json = xb_unit_to_json (point);
  point_back = xb_unit_from_json (point_json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (point_back->id, ==, 30);
  g_assert_cmpstr (point_back->name, ==, point->name);
  g_assert_cmpint (point_back->kind, ==, XB_UNIT_KIND_DIRECT_POINT);
  g_assert_cmpint (point_back->parent_id, ==, 12);
  g_assert_cmpint (point_back->monthly_quota, ==, 0);
  g_assert_false (point_back->retired);
}

static XbUser *
make_user (void)
{
  XbUser *user = xb_user_new ();

  user->id = 42;
  user->username = g_strdup ("zhangwei");
  user->display_name = g_strdup ("张伟");
  user->unit_id = 12;
  user->roles = XB_ROLE_BIT (XB_ROLE_OFFICER) | XB_ROLE_BIT (XB_ROLE_UNIT_LEADER) | XB_ROLE_BIT (XB_ROLE_ADMIN);
  user->disabled = TRUE;
  return user;
}

static void
test_user_round_trip (void)
{
  g_autoptr(XbUser) user = make_user ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = xb_user_to_json (user);
  g_autoptr(XbUser) back = xb_user_from_json (json, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, "{\"id\":42,\"username\":\"zhangwei\",\"display_name\":\"张伟\",\"unit_id\":12,"
                             "\"roles\":[\"officer\",\"unit_leader\",\"admin\"],\"disabled\":true}");
  g_assert_null (strstr (json, "password"));
  g_assert_cmpint (back->id, ==, 42);
  g_assert_cmpstr (back->username, ==, "zhangwei");
  g_assert_cmpstr (back->display_name, ==, "张伟");
  g_assert_cmpint (back->unit_id, ==, 12);
  g_assert_cmpuint (back->roles, ==, user->roles);
  g_assert_true (back->disabled);
}

/* The server embeds items in bigger documents, such as the change feed. */
static void
test_node_embedding (void)
{
  g_autoptr(XbItem) item = make_full_item ();
  g_autoptr(JsonObject) change = json_object_new ();
  g_autoptr(JsonNode) doc = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(XbItem) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  json_object_set_int_member (change, "seq", 1042);
  json_object_set_string_member (change, "kind", "item");
  json_object_set_member (change, "data", xb_item_to_node (item));
  json_node_set_object (doc, change);
  text = json_to_string (doc, TRUE);
  parsed = xb_json_parse (text, -1, &error);
  g_assert_no_error (error);
  back = xb_item_from_node (json_object_get_member (json_node_get_object (parsed), "data"), &error);
  g_assert_no_error (error);
  assert_item_equal (item, back);
}

/* ---- Refusals ----------------------------------------------------------- */

static void
assert_invalid (GError *error, gconstpointer result, const char *mention)
{
  g_assert_null (result);
  g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
  if (mention != NULL && strstr (error->message, mention) == NULL)
    g_error ("message “%s” does not mention “%s”", error->message, mention);
}

static void
assert_item_refused (const char *data, gssize len, const char *mention)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbItem) item = xb_item_from_json (data, len, &error);

  assert_invalid (error, item, mention);
}

static void
assert_parse_refused (const char *data, gssize len, const char *mention)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = xb_json_parse (data, len, &error);

  assert_invalid (error, node, mention);
}

/* The full item's JSON with member @field set to @value (JSON text), or
 * removed when @value is NULL.  "event." fields go to the first event. */
static char *
item_json_with (const char *field, const char *value)
{
  g_autoptr(XbItem) item = make_full_item ();
  g_autoptr(JsonNode) node = xb_item_to_node (item);
  JsonObject *obj = json_node_get_object (node);

  if (g_str_has_prefix (field, "event."))
    {
      JsonArray *events = json_object_get_array_member (obj, "events");
      obj = json_array_get_object_element (events, 0);
      field += strlen ("event.");
    }
  if (value == NULL)
    json_object_remove_member (obj, field);
  else
    json_object_set_member (obj, field, json_from_string (value, NULL));
  return json_to_string (node, FALSE);
}

typedef struct {
  const char *field;
  const char *value;     /* JSON text; NULL removes the member */
} Change;

static void
assert_changes_refused (const Change *changes, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *json = item_json_with (changes[i].field, changes[i].value);
      const char *name = strrchr (changes[i].field, '.');

      g_test_message ("%s = %s", changes[i].field, changes[i].value ? changes[i].value : "(removed)");
      assert_item_refused (json, -1, name != NULL ? name + 1 : changes[i].field);
    }
}

static void
assert_changes_accepted (const Change *changes, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *json = item_json_with (changes[i].field, changes[i].value);
      g_autoptr(XbItem) item = xb_item_from_json (json, -1, &error);

      g_assert_no_error (error);
      g_assert_nonnull (item);
    }
}

static void
test_reject_utf8 (void)
{
  g_autofree char *json = item_json_with ("title", "\"春耕\"");
  g_autoptr(GString) broken = g_string_new (json);
  const char lone[] = "{\"title\":\"\xff\xfe\"}";

  /* Cut 耕 (e8 80 95) after its first byte. */
  g_assert_cmpuint (g_string_replace (broken, "耕", "\xe8", 1), ==, 1);
  /* Refused by the whole-buffer check, before json-glib sees the text. */
  assert_item_refused (broken->str, broken->len, "document is not valid UTF-8");
  assert_parse_refused (lone, -1, "document is not valid UTF-8");
  assert_parse_refused ("[\"\xc0\xaf\"]", -1, "document is not valid UTF-8");  /* overlong "/" */
  assert_parse_refused ("[\"\xed\xa0\x80\"]", -1, "document is not valid UTF-8");  /* surrogate */
}

/* Nodes built in memory skip xb_json_parse(), so each string is checked too. */
static void
test_reject_utf8_node (void)
{
  g_autoptr(XbItem) item = make_full_item ();
  g_autoptr(JsonNode) node = xb_item_to_node (item);
  g_autoptr(GError) error = NULL;
  g_autoptr(XbItem) back = NULL;

  json_object_set_string_member (json_node_get_object (node), "body", "正文\xff");
  back = xb_item_from_node (node, &error);
  assert_invalid (error, back, "“body” is not valid UTF-8");
}

static void
test_reject_nul (void)
{
  g_autofree char *json = item_json_with ("title", "\"AB\"");
  gsize len = strlen (json);
  g_autoptr(GString) escaped = g_string_new (json);

  /* With an explicit length a NUL byte inside the buffer must be seen. */
  strstr (json, "AB")[1] = '\0';
  assert_item_refused (json, len, "NUL");
  /* json-glib would cut the title at the escape and take "A". */
  g_assert_cmpuint (g_string_replace (escaped, "\"AB\"", "\"A\\u0000B\"", 1), ==, 1);
  assert_item_refused (escaped->str, -1, "\\u0000");
}

static void
test_reject_size (void)
{
  g_autoptr(GString) big = g_string_new ("{\"title\":\"");

  while (big->len <= XB_JSON_MAX_BYTES)
    g_string_append (big, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
  g_string_append (big, "\"}");
  assert_parse_refused (big->str, big->len, "bytes");
  assert_item_refused (big->str, -1, "bytes");
}

static char *
nest (const char *open, const char *inner, const char *close, guint depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, open);
  g_string_append (s, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append (s, close);
  return g_string_free (s, FALSE);
}

static void
test_reject_deep_array (void)
{
  g_autofree char *open = nest ("[", "", "", 100000);
  g_autofree char *closed = nest ("[", "1", "]", 100000);
  g_autofree char *limit = nest ("[", "1", "]", XB_JSON_MAX_DEPTH);
  g_autofree char *over = nest ("[", "1", "]", XB_JSON_MAX_DEPTH + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) ok = NULL;

  assert_parse_refused (open, -1, "deeper");
  assert_parse_refused (closed, -1, "deeper");
  assert_item_refused (closed, -1, "deeper");
  assert_parse_refused (over, -1, "deeper");
  ok = xb_json_parse (limit, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (ok));
}

static void
test_reject_deep_object (void)
{
  g_autofree char *deep = nest ("{\"a\":", "1", "}", 100000);
  g_autofree char *mixed = nest ("{\"events\":[", "1", "]}", 50000);
  g_autofree char *quoted = nest ("[", "\"]]]\\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"", "]", 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) ok = NULL;

  assert_parse_refused (deep, -1, "deeper");
  assert_item_refused (deep, -1, "deeper");
  assert_item_refused (mixed, -1, "deeper");
  /* Brackets inside strings, even after an escaped quote, do not nest. */
  ok = xb_json_parse (quoted, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (ok));
}

static void
test_reject_types (void)
{
  const Change changes[] = {
    { "urgent", "\"yes\"" },
    { "urgent", "1" },
    { "unit_id", "\"7\"" },
    { "unit_id", "7.0" },
    { "author_id", "1e3" },
    { "revision", "1.5" },
    { "revision", "true" },
    { "title", "5" },
    { "title", "[\"标题\"]" },
    { "body", "{}" },
    { "events", "{}" },
    { "events", "[1]" },
    { "holder_id", "\"9\"" },
    { "merged_into", "7" },
    { "event.actor_id", "\"42\"" },
    { "event.comment", "false" },
  };

  assert_changes_refused (changes, G_N_ELEMENTS (changes));
}

static void
test_reject_missing (void)
{
  const Change required[] = {
    { "uuid", NULL }, { "unit_id", NULL }, { "title", NULL }, { "body", NULL },
    { "importance", NULL }, { "urgent", NULL }, { "state", NULL }, { "revision", NULL },
    { "created_at", NULL }, { "events", NULL }, { "event.id", NULL }, { "event.at", NULL },
    { "uuid", "null" }, { "title", "null" }, { "urgent", "null" }, { "event.action", "null" },
  };
  const Change optional[] = {
    { "adopted_at", NULL }, { "merged_into", NULL }, { "holder_id", NULL },
    { "signoff_chain", NULL }, { "event.comment", NULL },
    { "future_field", "{\"nested\":[1,2,{\"x\":null}]}" },
  };

  assert_changes_refused (required, G_N_ELEMENTS (required));
  assert_changes_accepted (optional, G_N_ELEMENTS (optional));
}

static void
test_reject_enum (void)
{
  const Change changes[] = {
    { "importance", "\"huge\"" },
    { "importance", "\"General\"" },
    { "type", "\"\"" },
    { "angle", "\"cold\"" },
    { "state", "\"lost\"" },
    { "signoff_chain", "\"director,nobody\"" },
    { "signoff_chain", "\"\"" },
    { "event.action", "\"fly\"" },
    { "event.role", "\"king\"" },
    { "event.to", "\"nowhere\"" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(XbUnit) unit = xb_unit_from_json ("{\"id\":1,\"name\":\"x\",\"kind\":\"planet\","
                                              "\"parent_id\":null,\"monthly_quota\":null,\"retired\":false}",
                                              -1, &error);

  assert_changes_refused (changes, G_N_ELEMENTS (changes));
  assert_invalid (error, unit, "kind");
}

static void
test_reject_negative_id (void)
{
  const Change changes[] = {
    { "unit_id", "-1" },
    { "author_id", "-42" },
    { "holder_id", "-3" },
    { "request_id", "-9223372036854775808" },
    { "event.actor_id", "-1" },
    { "revision", "0" },
    { "revision", "2147483648" },
    { "signoff_step", "-1" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) quota_error = NULL;
  g_autoptr(XbUnit) unit = xb_unit_from_json ("{\"id\":1,\"name\":\"x\",\"kind\":\"county\","
                                              "\"parent_id\":-5,\"monthly_quota\":null,\"retired\":false}",
                                              -1, &error);
  g_autoptr(XbUnit) quota = xb_unit_from_json ("{\"id\":1,\"name\":\"x\",\"kind\":\"county\","
                                               "\"parent_id\":null,\"monthly_quota\":-1,\"retired\":false}",
                                               -1, &quota_error);

  assert_changes_refused (changes, G_N_ELEMENTS (changes));
  assert_invalid (error, unit, "parent_id");
  assert_invalid (quota_error, quota, "monthly_quota");
}

static char *
repeat_json_string (const char *unit, guint n)
{
  g_autoptr(GString) s = g_string_new ("\"");

  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);
  g_string_append_c (s, '"');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
test_reject_too_long (void)
{
  g_autofree char *title_ok = repeat_json_string ("报", XB_TITLE_MAX_CHARS);
  g_autofree char *title = repeat_json_string ("报", XB_TITLE_MAX_CHARS + 1);
  g_autofree char *body_ok = repeat_json_string ("文", XB_BODY_MAX_CHARS);
  g_autofree char *body = repeat_json_string ("a", XB_BODY_MAX_CHARS + 1);
  g_autofree char *category = repeat_json_string ("类", XB_CATEGORY_MAX_CHARS + 1);
  g_autofree char *comment = repeat_json_string ("意", XB_COMMENT_MAX_CHARS + 1);
  g_autofree char *name = repeat_json_string ("名", XB_NAME_MAX_CHARS + 1);
  g_autofree char *unit_json = g_strdup_printf ("{\"id\":1,\"name\":%s,\"kind\":\"county\","
                                                "\"parent_id\":null,\"monthly_quota\":null,"
                                                "\"retired\":false}", name);
  g_autofree char *user_json = g_strdup_printf ("{\"id\":1,\"username\":%s,\"display_name\":\"x\","
                                                "\"unit_id\":1,\"roles\":[],\"disabled\":false}", name);
  const Change refused[] = {
    { "title", title }, { "body", body }, { "category", category }, { "event.comment", comment },
  };
  const Change accepted[] = { { "title", title_ok }, { "body", body_ok } };
  g_autoptr(GError) unit_error = NULL, user_error = NULL;
  g_autoptr(XbUnit) unit = xb_unit_from_json (unit_json, -1, &unit_error);
  g_autoptr(XbUser) user = xb_user_from_json (user_json, -1, &user_error);

  assert_changes_refused (refused, G_N_ELEMENTS (refused));
  /* Characters count, not bytes: 200 Chinese characters are 600 bytes. */
  assert_changes_accepted (accepted, G_N_ELEMENTS (accepted));
  assert_invalid (unit_error, unit, "name");
  assert_invalid (user_error, user, "username");
}

static void
test_reject_blank_title (void)
{
  const Change changes[] = {
    { "title", "\"\"" },
    { "title", "\"   \"" },
    { "title", "\" \\t\\n \"" },
    { "title", "\"\u3000\u3000\"" },   /* ideographic spaces */
  };

  assert_changes_refused (changes, G_N_ELEMENTS (changes));
}

static void
test_reject_uuid (void)
{
  const Change changes[] = {
    { "uuid", "\"not-a-uuid\"" },
    { "uuid", "\"\"" },
    { "uuid", "\"6F1C2B4E-8D3A-4C5F-9E7B-1A2B3C4D5E6F\"" },
    { "uuid", "\"6f1c2b4e8d3a4c5f9e7b1a2b3c4d5e6f\"" },
    { "uuid", "\"{6f1c2b4e-8d3a-4c5f-9e7b-1a2b3c4d5e6f}\"" },
    { "uuid", "\"6f1c2b4e-8d3a-4c5f-9e7b-1a2b3c4d5e6f \"" },
    { "merged_into", "\"7\"" },
    { "event.id", "\"action-1\"" },
  };

  assert_changes_refused (changes, G_N_ELEMENTS (changes));
}

static void
test_reject_time (void)
{
  const Change changes[] = {
    { "submitted_at", "\"2026-03-01 08:00:00Z\"" },
    { "submitted_at", "\"2026-03-01T08:00:00\"" },
    { "submitted_at", "\"2026-03-01T08:00:00+08:00\"" },
    { "adopted_at", "\"2026-13-01T08:00:00Z\"" },
    { "adopted_at", "\"2026-02-30T08:00:00Z\"" },
    { "event_at", "\"yesterday\"" },
    { "created_at", "1772352000" },
    { "updated_at", "\"\"" },
    { "event.at", "\"2026-03-01T25:00:00Z\"" },
    { "event.at", "\"0026-03-01T08:00:00Z\"" },
    { "created_at", "\"1970-01-01T00:00:00Z\"" },
    { "submitted_at", "\"1969-12-31T23:59:59Z\"" },
    { "submitted_at", "\"2026-03-01t08:00:00Z\"" },
    /* xb_time_parse() takes these, but they are not the one spelling we write. */
    { "adopted_at", "\"2026-W09-1T08:00:00Z\"" },
    { "adopted_at", "\"2026-03-01T08:00:60Z\"" },
  };

  assert_changes_refused (changes, G_N_ELEMENTS (changes));
}

static void
test_reject_not_object (void)
{
  const char *docs[] = { "[]", "[{}]", "\"item\"", "42", "null", "true" };
  g_autoptr(XbItem) item = make_full_item ();
  g_autofree char *json = xb_item_to_json (item);
  g_autofree char *wrapped = g_strdup_printf ("[%s]", json);

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL;
      g_autoptr(XbItem) it = xb_item_from_json (docs[i], -1, &e1);
      g_autoptr(XbEvent) ev = xb_event_from_json (docs[i], -1, &e2);
      g_autoptr(XbUnit) un = xb_unit_from_json (docs[i], -1, &e3);
      g_autoptr(XbUser) us = xb_user_from_json (docs[i], -1, &e4);

      assert_invalid (e1, it, "not a JSON object");
      assert_invalid (e2, ev, "not a JSON object");
      assert_invalid (e3, un, "not a JSON object");
      assert_invalid (e4, us, "not a JSON object");
    }
  assert_item_refused (wrapped, -1, "not a JSON object");
}

static void
test_reject_trailing (void)
{
  g_autoptr(XbItem) item = make_full_item ();
  g_autofree char *json = xb_item_to_json (item);
  const char *tails[] = { "x", "{}", "[]", "0", "\"\"", ",", "}", "//" };
  g_autoptr(GError) error = NULL;
  g_autofree char *spaced = g_strconcat ("\n ", json, " \r\n\t", NULL);
  g_autoptr(XbItem) ok = xb_item_from_json (spaced, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ok);
  for (guint i = 0; i < G_N_ELEMENTS (tails); i++)
    {
      g_autofree char *doc = g_strconcat (json, " ", tails[i], NULL);
      assert_item_refused (doc, -1, NULL);
    }
  assert_parse_refused ("{}{}", -1, "after the document");
  assert_parse_refused ("{} []", -1, "after the document");
}

/* Outside RFC 8259: json-glib 1.6 alone would accept most of these. */
static void
test_reject_syntax (void)
{
  const char *docs[] = {
    "", "   ", "{", "{\"a\":[1,2}", "}", "/* c */ {}", "{} // c", "{'a': 1}", "{\"a\": 01}",
    "{\"a\": .5}", "{\"a\": 1.}", "{\"a\": -}", "{\"a\": 1e}", "{\"a\": +1}",
    "{\"a\": 99999999999999999999}", "{\"a\": 9223372036854775808}",
    "{\"a\": -9223372036854775809}", "{\"a\": \"tab\there\"}", "{\"a\": \"\\x41\"}",
    "{\"a\": \"\\u12\"}", "{\"a\": \"open}", "{\"a\": TRUE}", "{\"a\": nul}",
    "\xef\xbb\xbf{}", "{\"a\" 1}", "[\"\\u00\"]", "[\"\\\"]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_test_message ("document: %s", docs[i]);
      assert_parse_refused (docs[i], -1, "JSON");
    }
  assert_parse_refused (NULL, 0, "empty");
  /* json-glib 1.6 turns the first into invalid UTF-8. */
  assert_parse_refused ("[\"\\ud800x\"]", -1, "lone surrogate");
  assert_parse_refused ("[\"\\udc00\"]", -1, "lone surrogate");
  assert_parse_refused ("[\"a\\ud800\"]", -1, "lone surrogate");
  assert_parse_refused ("[\"\\ud800\\u0041\"]", -1, "lone surrogate");
}

static void
test_accept_syntax_edges (void)
{
  const char *doc = "{\"min\":-9223372036854775808,\"max\":9223372036854775807,\"f\":-0.5e+3,"
                    "\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\",\"z\":0,\"l\":[true,false,null]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = xb_json_parse (doc, -1, &error);
  JsonObject *obj;

  g_assert_no_error (error);
  obj = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (obj, "min"), ==, G_MININT64);
  g_assert_cmpint (json_object_get_int_member (obj, "max"), ==, G_MAXINT64);
  g_assert_cmpfloat (json_object_get_double_member (obj, "f"), ==, -500.0);
  g_assert_cmpstr (json_object_get_string_member (obj, "s"), ==, "\"\\/\b\f\n\r\té😀");
}

static void
test_reject_password (void)
{
  g_autoptr(XbUser) user = make_user ();
  const char *secrets[] = { "password", "password_hash" };

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_autoptr(JsonNode) copy = xb_user_to_node (user);
      g_autoptr(GError) error = NULL, node_error = NULL;
      g_autofree char *json = NULL;
      g_autoptr(XbUser) back = NULL, node_back = NULL;

      json_object_set_string_member (json_node_get_object (copy), secrets[i], "hunter2");
      json = json_to_string (copy, FALSE);
      back = xb_user_from_json (json, -1, &error);
      assert_invalid (error, back, secrets[i]);
      node_back = xb_user_from_node (copy, &node_error);
      assert_invalid (node_error, node_back, secrets[i]);
    }
}

static void
test_reject_user_fields (void)
{
  const char *docs[] = {
    "{\"id\":1,\"username\":\"a\",\"display_name\":\"b\",\"unit_id\":1,\"roles\":[\"king\"],\"disabled\":false}",
    "{\"id\":1,\"username\":\"a\",\"display_name\":\"b\",\"unit_id\":1,\"roles\":\"officer\",\"disabled\":false}",
    "{\"id\":1,\"username\":\"a\",\"display_name\":\"b\",\"unit_id\":1,\"roles\":[1],\"disabled\":false}",
    "{\"id\":-1,\"username\":\"a\",\"display_name\":\"b\",\"unit_id\":1,\"roles\":[],\"disabled\":false}",
    "{\"id\":1,\"username\":\" \",\"display_name\":\"b\",\"unit_id\":1,\"roles\":[],\"disabled\":false}",
    "{\"id\":1,\"username\":\"a\",\"display_name\":\"b\",\"unit_id\":1,\"roles\":[],\"disabled\":\"no\"}",
    "{\"id\":1,\"username\":\"a\",\"display_name\":\"b\",\"roles\":[],\"disabled\":false}",
  };
  const char *mentions[] = { "roles", "roles", "roles", "id", "username", "disabled", "unit_id" };

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(XbUser) user = xb_user_from_json (docs[i], -1, &error);

      assert_invalid (error, user, mentions[i]);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/codec/item/round-trip-full", test_item_round_trip_full);
  g_test_add_func ("/codec/item/outcomes", test_item_outcomes);
  g_test_add_func ("/codec/item/round-trip-nulls", test_item_round_trip_nulls);
  g_test_add_func ("/codec/item/compact-text", test_item_compact_text);
  g_test_add_func ("/codec/event/round-trip", test_event_round_trip);
  g_test_add_func ("/codec/unit/round-trip", test_unit_round_trip);
  g_test_add_func ("/codec/user/round-trip", test_user_round_trip);
  g_test_add_func ("/codec/node/embedding", test_node_embedding);
  g_test_add_func ("/codec/parse/accept-edges", test_accept_syntax_edges);
  g_test_add_func ("/codec/reject/utf8", test_reject_utf8);
  g_test_add_func ("/codec/reject/utf8-node", test_reject_utf8_node);
  g_test_add_func ("/codec/reject/nul", test_reject_nul);
  g_test_add_func ("/codec/reject/size", test_reject_size);
  g_test_add_func ("/codec/reject/deep-array", test_reject_deep_array);
  g_test_add_func ("/codec/reject/deep-object", test_reject_deep_object);
  g_test_add_func ("/codec/reject/types", test_reject_types);
  g_test_add_func ("/codec/reject/missing", test_reject_missing);
  g_test_add_func ("/codec/reject/enum", test_reject_enum);
  g_test_add_func ("/codec/reject/negative-id", test_reject_negative_id);
  g_test_add_func ("/codec/reject/too-long", test_reject_too_long);
  g_test_add_func ("/codec/reject/blank-title", test_reject_blank_title);
  g_test_add_func ("/codec/reject/uuid", test_reject_uuid);
  g_test_add_func ("/codec/reject/time", test_reject_time);
  g_test_add_func ("/codec/reject/not-object", test_reject_not_object);
  g_test_add_func ("/codec/reject/trailing", test_reject_trailing);
  g_test_add_func ("/codec/reject/syntax", test_reject_syntax);
  g_test_add_func ("/codec/reject/password", test_reject_password);
  g_test_add_func ("/codec/reject/user-fields", test_reject_user_fields);

  return g_test_run ();
}
