/* The demo city generator: units, people, and years of items driven through the real state machine. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "xb-demo-data.h"
#include "xb-demo.h"
#include "xb-workflow.h"

#define MINUTE 60
#define HOUR   (60 * MINUTE)
#define DAY    (24 * HOUR)
#define BATCH  2000

typedef struct {
  gint64     id;
  XbUnitKind kind;
  char      *short_name;
  gint64     officer_id;
  gint64     former_officer_id; /* held the post until change_at */
  gint64     change_at;
  gint64     leader_id;         /* 0: the unit has no leader in charge */
  double     rate;              /* items per month */
} DemoUnit;

typedef struct {
  gint64 id;
  gint64 deadline;
  gint64 units[3];
  gboolean answered[3];
} DemoRequest;

typedef struct {
  gint64 id;
  gint64 first_at;
} DemoIssue;

typedef struct {
  XbStore    *store;
  GRand      *rand;
  XbPolicy    policy;
  gint64      start;
  gint64      end;
  GArray     *units;          /* DemoUnit */
  GHashTable *actors;         /* user id → XbActor* */
  gint64      office_id;
  gint64      editors[2];
  gint64      signers[XB_N_ROLES];
  gint64      publications[3];
  GHashTable *issues;         /* "pub:year:number" → issue id */
  GArray     *issue_dates;    /* DemoIssue */
  GPtrArray  *merge_pool;     /* XbItem*: sources waiting to be merged */
  DemoRequest requests[6];
  const char *password_hash;
  guint       written;
  GError     *error;
} Sim;

/* ---- randomness ------------------------------------------------------------ */

static gboolean
chance (Sim *sim, double p)
{
  return g_rand_double (sim->rand) < p;
}

static const char *
pick (Sim *sim, const char *const *list)
{
  return list[g_rand_int_range (sim->rand, 0, (gint32) xb_demo_count (list))];
}

static gint64
delay (Sim *sim, gint64 min, gint64 max)
{
  return min + (gint64) (g_rand_double (sim->rand) * (double) (max - min));
}

/* UUIDs come from the seeded generator so the same seed makes the same city. */
static char *
demo_uuid (Sim *sim)
{
  guint8 b[16];

  for (int i = 0; i < 16; i++)
    b[i] = (guint8) g_rand_int_range (sim->rand, 0, 256);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
                          b[10], b[11], b[12], b[13], b[14], b[15]);
}

static char *
person_name (Sim *sim)
{
  return g_strconcat (pick (sim, xb_demo_surnames), pick (sim, xb_demo_given), NULL);
}

/* ---- people and units -------------------------------------------------------- */

static gint64
add_user (Sim *sim, const char *username, const char *display, gint64 unit_id,
          XbRoles roles, gboolean disabled)
{
  g_autoptr(XbUser) user = xb_user_new ();
  XbActor *actor;

  if (sim->error != NULL)
    return 0;
  user->username = g_strdup (username);
  user->display_name = g_strdup (display);
  user->unit_id = unit_id;
  user->roles = roles;
  user->disabled = disabled;
  if (!xb_store_put_user (sim->store, user, sim->password_hash, &sim->error))
    return 0;
  actor = g_new (XbActor, 1);
  *actor = (XbActor) { user->id, unit_id, roles };
  g_hash_table_insert (sim->actors, g_memdup2 (&user->id, sizeof user->id), actor);
  return user->id;
}

static gint64
add_unit_row (Sim *sim, const char *name, XbUnitKind kind, gint64 parent_id)
{
  g_autoptr(XbUnit) unit = xb_unit_new ();

  if (sim->error != NULL)
    return 0;
  unit->name = g_strdup (name);
  unit->kind = kind;
  unit->parent_id = parent_id;
  if (!xb_store_put_unit (sim->store, unit, &sim->error))
    return 0;
  return unit->id;
}

static double
base_rate (XbUnitKind kind)
{
  switch (kind)
    {
    case XB_UNIT_KIND_COUNTY: return 33;
    case XB_UNIT_KIND_DEPARTMENT: return 10.5;
    case XB_UNIT_KIND_PROVINCIAL: return 5.5;
    case XB_UNIT_KIND_LIAISON: return 3;
    case XB_UNIT_KIND_ENTERPRISE: return 2;
    case XB_UNIT_KIND_DIRECT_POINT: return 3;
    default: return 0;
    }
}

static char *
short_name (const char *name, XbUnitKind kind)
{
  const char *suffix = "人民政府办公室";

  if (kind == XB_UNIT_KIND_COUNTY && g_str_has_suffix (name, suffix))
    return g_strndup (name, strlen (name) - strlen (suffix));
  return g_strdup (name);
}

static void
add_roster (Sim *sim, gint64 unit_id, gint64 user_id, XbPost post, gint64 starts, gint64 ends)
{
  if (sim->error == NULL)
    xb_store_add_roster (sim->store, unit_id, user_id, post, starts, ends, &sim->error);
}

static void
staff_unit (Sim *sim, DemoUnit *u, guint index, gboolean has_leader)
{
  g_autofree char *officer = g_strdup_printf ("officer%03u", index);
  g_autofree char *leader = g_strdup_printf ("leader%03u", index);
  g_autofree char *officer_name = person_name (sim);
  g_autofree char *leader_name = person_name (sim);

  u->officer_id = add_user (sim, officer, officer_name, u->id, XB_ROLE_BIT (XB_ROLE_OFFICER), FALSE);
  u->leader_id = has_leader ? add_user (sim, leader, leader_name, u->id,
                                        XB_ROLE_BIT (XB_ROLE_UNIT_LEADER), FALSE) : 0;
  if (u->leader_id != 0)
    add_roster (sim, u->id, u->leader_id, XB_POST_LEADER, sim->start, 0);
  if (index % 14 == 5)
    {
      /* A change of officer during the year, so rosters have history. */
      g_autofree char *former = g_strdup_printf ("former%03u", index);
      g_autofree char *former_name = person_name (sim);
      u->former_officer_id = add_user (sim, former, former_name, u->id,
                                       XB_ROLE_BIT (XB_ROLE_OFFICER), TRUE);
      u->change_at = sim->start + (sim->end - sim->start) / 3;
      add_roster (sim, u->id, u->former_officer_id, XB_POST_OFFICER, sim->start, u->change_at);
      add_roster (sim, u->id, u->officer_id, XB_POST_OFFICER, u->change_at, 0);
    }
  else
    add_roster (sim, u->id, u->officer_id, XB_POST_OFFICER, sim->start, 0);
}

static void
add_reporting_unit (Sim *sim, const char *name, XbUnitKind kind, gint64 parent_id)
{
  DemoUnit u = { 0 };
  guint index = sim->units->len;
  /* Direct-reporting points and a few small units have no leader in
   * charge, so their items skip unit review. */
  gboolean has_leader = kind != XB_UNIT_KIND_DIRECT_POINT && index % 11 != 7;

  u.id = add_unit_row (sim, name, kind, parent_id);
  u.kind = kind;
  u.short_name = short_name (name, kind);
  u.rate = base_rate (kind) * (0.55 + 0.9 * g_rand_double (sim->rand));
  if (index == 0)
    u.rate = base_rate (kind) * 1.2; /* the demo officer's county is a diligent one */
  if (sim->error != NULL)
    return;
  staff_unit (sim, &u, index, has_leader);
  g_array_append_val (sim->units, u);
}

static void
add_units (Sim *sim)
{
  static const struct { const char *const *names; XbUnitKind kind; } groups[] = {
    { xb_demo_counties, XB_UNIT_KIND_COUNTY },
    { xb_demo_departments, XB_UNIT_KIND_DEPARTMENT },
    { xb_demo_provincial, XB_UNIT_KIND_PROVINCIAL },
    { xb_demo_liaison, XB_UNIT_KIND_LIAISON },
    { xb_demo_enterprises, XB_UNIT_KIND_ENTERPRISE },
  };

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint i = 0; groups[g].names[i] != NULL; i++)
      add_reporting_unit (sim, groups[g].names[i], groups[g].kind, 0);
  for (guint i = 0; xb_demo_direct_points[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (xb_demo_direct_points[i], "|", 2);
      guint county = (guint) atoi (parts[1]);
      add_reporting_unit (sim, parts[0], XB_UNIT_KIND_DIRECT_POINT,
                          g_array_index (sim->units, DemoUnit, county).id);
    }
}

/* The demo accounts README.md lists: one per role, all with the same password. */
static void
add_office (Sim *sim)
{
  static const struct { const char *username; XbRole role; } signers[] = {
    { "chief", XB_ROLE_SECTION_CHIEF }, { "deputy", XB_ROLE_DEPUTY_SECGEN },
    { "director", XB_ROLE_DIRECTOR }, { "secgen", XB_ROLE_SECGEN },
    { "deputymayor", XB_ROLE_DEPUTY_MAYOR }, { "mayor", XB_ROLE_MAYOR },
  };
  g_autofree char *e1 = person_name (sim);
  g_autofree char *e2 = person_name (sim);
  g_autofree char *admin = person_name (sim);
  g_autofree char *viewer = person_name (sim);

  sim->office_id = add_unit_row (sim, "陇南市人民政府办公室", XB_UNIT_KIND_OFFICE, 0);
  add_user (sim, "admin", admin, sim->office_id, XB_ROLE_BIT (XB_ROLE_ADMIN), FALSE);
  sim->editors[0] = add_user (sim, "editor", e1, sim->office_id, XB_ROLE_BIT (XB_ROLE_EDITOR), FALSE);
  sim->editors[1] = add_user (sim, "editor2", e2, sim->office_id, XB_ROLE_BIT (XB_ROLE_EDITOR), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (signers); i++)
    {
      g_autofree char *name = person_name (sim);
      sim->signers[signers[i].role] = add_user (sim, signers[i].username, name, sim->office_id,
                                                XB_ROLE_BIT (signers[i].role), FALSE);
    }
  add_user (sim, "viewer", viewer, sim->office_id, XB_ROLE_BIT (XB_ROLE_VIEWER), FALSE);
}

/* The first county's officer and leader also answer to the short names. */
static void
add_demo_aliases (Sim *sim)
{
  DemoUnit *u = &g_array_index (sim->units, DemoUnit, 0);
  g_autoptr(XbUser) officer = xb_store_get_user (sim->store, u->officer_id, NULL);
  g_autoptr(XbUser) leader = xb_store_get_user (sim->store, u->leader_id, NULL);

  if (sim->error != NULL || officer == NULL || leader == NULL)
    return;
  g_free (officer->username);
  officer->username = g_strdup ("officer");
  g_free (leader->username);
  leader->username = g_strdup ("leader");
  if (xb_store_put_user (sim->store, officer, NULL, &sim->error))
    xb_store_put_user (sim->store, leader, NULL, &sim->error);
}

static void
add_reference_data (Sim *sim)
{
  static const char *const pubs[][2] = {
    { "《政务信息》", "zwxx" }, { "《每日要情》", "mryq" }, { "《信息专报》", "xxzb" },
  };

  for (guint i = 0; xb_demo_priorities[i] != NULL && sim->error == NULL; i++)
    xb_store_add_priority (sim->store, xb_demo_priorities[i], (int) i + 1, &sim->error);
  for (guint i = 0; i < G_N_ELEMENTS (pubs) && sim->error == NULL; i++)
    sim->publications[i] = xb_store_add_publication (sim->store, pubs[i][0], pubs[i][1], &sim->error);
  if (sim->error == NULL)
    xb_store_set_policy (sim->store, &sim->policy, 0, sim->start, &sim->error);
}

static void
add_requests (Sim *sim)
{
  static const char *const topics[] = {
    "一季度经济运行情况", "汛期防灾减灾工作", "上半年重点项目建设进展",
    "乡村振兴典型经验", "三季度民生实事办理情况", "冬季安全生产工作",
  };
  gint64 span = sim->end - sim->start;

  for (guint i = 0; i < G_N_ELEMENTS (sim->requests) && sim->error == NULL; i++)
    {
      DemoRequest *r = &sim->requests[i];
      r->deadline = sim->start + span * (gint64) (i + 1) / 7;
      r->id = xb_store_add_request (sim->store, topics[i], r->deadline, sim->editors[0], &sim->error);
      for (int k = 0; k < 3 && sim->error == NULL; k++)
        {
          r->units[k] = g_array_index (sim->units, DemoUnit, (i * 5 + k * 7) % sim->units->len).id;
          xb_store_add_request_unit (sim->store, r->id, r->units[k], &sim->error);
        }
    }
}

/* ---- the life of an item ------------------------------------------------------- */

static DemoUnit *
unit_of (Sim *sim, gint64 unit_id)
{
  for (guint i = 0; i < sim->units->len; i++)
    if (g_array_index (sim->units, DemoUnit, i).id == unit_id)
      return &g_array_index (sim->units, DemoUnit, i);
  return NULL;
}

static gint64
officer_at (const DemoUnit *u, gint64 at)
{
  return (u->former_officer_id != 0 && at < u->change_at) ? u->former_officer_id : u->officer_id;
}

/* Takes one action through the state machine at *clock + wait.  FALSE when
 * that moment lies past the end of the dataset (the item stays where it is)
 * or the machine refused, which would be a bug recorded in sim->error. */
static gboolean
act (Sim *sim, XbItem *item, XbAction action, gint64 actor_id, gint64 *clock,
     gint64 wait, const char *comment)
{
  const XbActor *actor = g_hash_table_lookup (sim->actors, &actor_id);
  DemoUnit *unit = unit_of (sim, item->unit_id);
  XbUnitFacts facts = { unit != NULL && unit->leader_id != 0 };
  XbTransition t = { 0 };
  XbEvent *e;

  if (sim->error != NULL || *clock + wait >= sim->end)
    return FALSE;
  *clock += wait;
  if (actor == NULL
      || !xb_workflow_check (item, &facts, &sim->policy, actor, action, &t, &sim->error))
    {
      if (sim->error == NULL)
        g_set_error (&sim->error, XB_ERROR, XB_ERROR_FAILED, "demo: no actor %" G_GINT64_FORMAT, actor_id);
      g_prefix_error (&sim->error, "demo generator, item %s: ", item->uuid);
      return FALSE;
    }
  xb_workflow_apply (item, &t, actor_id, *clock);
  e = xb_event_new ();
  e->id = demo_uuid (sim);
  e->action = action;
  e->actor_id = actor_id;
  e->role = t.role;
  e->at = *clock;
  e->from = t.from;
  e->to = t.to;
  e->comment = g_strdup (comment);
  /* As the server does: text-setting events keep the text. */
  if (action == XB_ACTION_SUBMIT || action == XB_ACTION_EDIT || action == XB_ACTION_COMPOSE)
    {
      e->title = g_strdup (item->title);
      e->body = g_strdup (item->body);
    }
  g_ptr_array_add (item->events, e);
  xb_transition_clear (&t);
  return TRUE;
}

static gint64
editor (Sim *sim)
{
  return sim->editors[g_rand_int_range (sim->rand, 0, 2)];
}

static char *
opening (Sim *sim, const char *who, const char *topic)
{
  g_auto(GStrv) parts = g_strsplit (pick (sim, xb_demo_openings), "|", 3);

  return g_strconcat (parts[0], who, parts[1], topic, parts[2], NULL);
}

static char *
result_sentence (Sim *sim, int month)
{
  GRand *r = sim->rand;
  int a = g_rand_int_range (r, 2, 90), b = g_rand_int_range (r, 0, 10);
  int c = g_rand_int_range (r, 3, 40), d = g_rand_int_range (r, 0, 10);

  switch (g_rand_int_range (r, 0, 3))
    {
    case 0:
      return g_strdup_printf ("截至%d月底，累计完成投资%d.%d亿元，同比增长%d.%d%%。", month, a, b, c, d);
    case 1:
      return g_strdup_printf ("截至%d月底，已完成年度任务的%d.%d%%，惠及群众%d.%d万人。", month, a, b, c, d);
    default:
      return g_strdup_printf ("%d月份共办理相关事项%d件，群众满意率达%d.%d%%，较上年提高%d个百分点。",
                              month, a * 10 + b, 90 + b % 10, d, c % 9 + 1);
    }
}

static char *
item_body (Sim *sim, const char *who, const char *topic, gint64 at)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (at);
  g_autofree char *first = opening (sim, who, topic);
  g_autofree char *result = result_sentence (sim, g_date_time_get_month (dt));

  gint32 n = (gint32) xb_demo_count (xb_demo_measures);
  gint32 m1 = g_rand_int_range (sim->rand, 0, n);
  gint32 m2 = (m1 + g_rand_int_range (sim->rand, 1, n)) % n; /* never the same measure twice */

  return g_strconcat (first, xb_demo_measures[m1], "\n", xb_demo_measures[m2],
                      "\n", result, "\n", pick (sim, xb_demo_next_steps), NULL);
}

static double
pick_importance (Sim *sim, XbImportance *out)
{
  double r = g_rand_double (sim->rand);

  *out = r < 0.80 ? XB_IMPORTANCE_GENERAL : r < 0.95 ? XB_IMPORTANCE_MAJOR
                                                     : XB_IMPORTANCE_ESPECIALLY_MAJOR;
  return r;
}

static XbItemType
pick_type (Sim *sim)
{
  double r = g_rand_double (sim->rand);

  return r < 0.50 ? XB_ITEM_TYPE_DYNAMIC : r < 0.68 ? XB_ITEM_TYPE_COMPREHENSIVE
       : r < 0.80 ? XB_ITEM_TYPE_RESEARCH : XB_ITEM_TYPE_ROUTINE;
}

static XbItem *
new_item (Sim *sim, DemoUnit *u, gint64 at)
{
  XbItem *item = xb_item_new ();
  guint p = (guint) g_rand_int_range (sim->rand, 0, (gint32) xb_demo_count (xb_demo_priorities));
  const char *topic = pick (sim, xb_demo_topics[p]);

  item->uuid = demo_uuid (sim);
  item->unit_id = u->id;
  item->author_id = officer_at (u, at);
  item->title = g_strconcat (u->short_name, pick (sim, xb_demo_verbs), topic, NULL);
  item->body = item_body (sim, u->short_name, topic, at);
  item->category = g_strdup (xb_demo_priorities[p]);
  item->type = pick_type (sim);
  item->angle = (XbAngle) g_rand_int_range (sim->rand, 0, XB_N_ANGLES);
  pick_importance (sim, &item->importance);
  item->for_mayor = item->importance == XB_IMPORTANCE_ESPECIALLY_MAJOR && chance (sim, 0.3);
  if (chance (sim, 0.03))
    {
      item->urgent = TRUE;
      item->event_at = at - delay (sim, 5 * MINUTE, 40 * MINUTE);
    }
  return item;
}

/* Office wait times: urgent items are handled within their deadline. */
static gint64
office_wait (Sim *sim, const XbItem *item, gint64 min, gint64 max)
{
  if (item->urgent)
    return delay (sim, 2 * MINUTE, 6 * MINUTE);
  return delay (sim, min, max);
}

/* From draft to submitted (or wherever the unit's own review leaves it). */
static gboolean
leave_unit (Sim *sim, XbItem *item, gint64 *clock)
{
  DemoUnit *u = unit_of (sim, item->unit_id);
  gint64 officer = officer_at (u, *clock);

  for (int round = 0; round < 3; round++)
    {
      if (!act (sim, item, XB_ACTION_SUBMIT, officer, clock, office_wait (sim, item, 20 * MINUTE, 8 * HOUR), NULL))
        return FALSE;
      if (item->state == XB_STATE_SUBMITTED)
        return TRUE;
      if (chance (sim, 0.01))
        {
          if (!act (sim, item, XB_ACTION_WITHDRAW, officer, clock, delay (sim, 10 * MINUTE, HOUR), NULL))
            return FALSE;
          continue;
        }
      if (round < 2 && chance (sim, 0.06))
        {
          if (!act (sim, item, XB_ACTION_RETURN, u->leader_id, clock, delay (sim, HOUR, DAY),
                    pick (sim, xb_demo_return_comments))
              || !act (sim, item, XB_ACTION_REVISE, officer, clock, delay (sim, HOUR, DAY), NULL)
              || !act (sim, item, XB_ACTION_SAVE, officer, clock, delay (sim, 10 * MINUTE, 2 * HOUR), NULL))
            return FALSE;
          continue;
        }
      return act (sim, item, XB_ACTION_APPROVE, u->leader_id, clock,
                  office_wait (sim, item, 30 * MINUTE, 2 * DAY), NULL);
    }
  return FALSE;
}

static void
write_item (Sim *sim, XbItem *item)
{
  if (sim->error != NULL)
    return;
  if (!xb_store_put_item (sim->store, item, &sim->error))
    return;
  /* Commit in batches so a large dataset does not grow one huge WAL. */
  if (++sim->written % BATCH == 0
      && xb_store_commit (sim->store, &sim->error))
    xb_store_begin (sim->store, &sim->error);
}

static gint64
issue_for (Sim *sim, int pub, gint64 at)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (at);
  int year = g_date_time_get_year (dt);
  /* 《政务信息》 is weekly, 《每日要情》 daily, 《信息专报》 roughly twice a month. */
  int number = pub == 0 ? (g_date_time_get_day_of_year (dt) - 1) / 7 + 1
             : pub == 1 ? g_date_time_get_day_of_year (dt)
             : g_date_time_get_day_of_year (dt) / 15 + 1;
  g_autofree char *key = g_strdup_printf ("%d:%d:%d", pub, year, number);
  gpointer id = g_hash_table_lookup (sim->issues, key);
  gint64 issue;

  if (id != NULL)
    return GPOINTER_TO_SIZE (id);
  /* Issues are assembled first and published at the end (publish_issues). */
  issue = xb_store_add_issue (sim->store, sim->publications[pub], year, number, 0, &sim->error);
  g_hash_table_insert (sim->issues, g_steal_pointer (&key), GSIZE_TO_POINTER ((gsize) issue));
  {
    DemoIssue d = { issue, at };
    g_array_append_val (sim->issue_dates, d);
  }
  return issue;
}

static void
record_adoption (Sim *sim, XbItem *item)
{
  int pub = item->importance == XB_IMPORTANCE_GENERAL ? (chance (sim, 0.7) ? 1 : 0)
          : item->importance == XB_IMPORTANCE_MAJOR ? (chance (sim, 0.5) ? 0 : 2) : 2;
  gint64 issue = issue_for (sim, pub, item->adopted_at);

  if (sim->error == NULL
      && xb_store_add_adoption (sim->store, item->uuid, sim->publications[pub], issue,
                                XB_LEVEL_CITY, item->adopted_at, &sim->error))
    xb_store_issue_add_item (sim->store, issue, item->uuid, &sim->error);
}

/* Every issue but the last week's goes out a day after its first item. */
static void
publish_issues (Sim *sim)
{
  for (guint i = 0; i < sim->issue_dates->len && sim->error == NULL; i++)
    {
      const DemoIssue *d = &g_array_index (sim->issue_dates, DemoIssue, i);
      if (d->first_at < sim->end - 7 * DAY)
        xb_store_publish_issue (sim->store, d->id, d->first_at + DAY, &sim->error);
    }
}

static void
record_instruction (Sim *sim, XbItem *item, gint64 at)
{
  double r = g_rand_double (sim->rand);
  XbLevel level = r < 0.85 ? XB_LEVEL_CITY : r < 0.97 ? XB_LEVEL_PROVINCE : XB_LEVEL_NATIONAL;
  const char *leader = level == XB_LEVEL_CITY ? xb_demo_leaders[g_rand_int_range (sim->rand, 0, 3)]
                     : level == XB_LEVEL_PROVINCE ? xb_demo_leaders[3] : xb_demo_leaders[4];
  gint64 age = sim->end - at;
  XbFollowup followup = age > 30 * DAY ? XB_FOLLOWUP_REPORTED
                      : age > 7 * DAY ? XB_FOLLOWUP_HANDLING : XB_FOLLOWUP_RECEIVED;

  if (sim->error == NULL)
    xb_store_add_instruction (sim->store, item->uuid, leader, level,
                              pick (sim, xb_demo_instructions), at, followup, &sim->error);
}

/* After adoption: forwarding, provincial and national adoption, instructions. */
static void
later_outcomes (Sim *sim, XbItem *item, gint64 clock)
{
  /* The outcome tables refer to the item: store it first; the final write
   * adds the events that follow. */
  write_item (sim, item);
  record_adoption (sim, item);
  if (chance (sim, 0.12) && act (sim, item, XB_ACTION_FORWARD, editor (sim), &clock, delay (sim, HOUR, 2 * DAY), NULL))
    {
      if (chance (sim, 0.3)
          && act (sim, item, XB_ACTION_PROVINCE_ADOPT, editor (sim), &clock, delay (sim, DAY, 10 * DAY), NULL)
          && sim->error == NULL)
        {
          xb_store_add_adoption (sim->store, item->uuid, 0, 0, XB_LEVEL_PROVINCE, clock, &sim->error);
          if (chance (sim, 0.1)
              && act (sim, item, XB_ACTION_STATE_ADOPT, editor (sim), &clock, delay (sim, DAY, 20 * DAY), NULL)
              && sim->error == NULL)
            xb_store_add_adoption (sim->store, item->uuid, 0, 0, XB_LEVEL_NATIONAL, clock, &sim->error);
        }
    }
  if (chance (sim, 0.06)
      && act (sim, item, XB_ACTION_INSTRUCT, editor (sim), &clock, delay (sim, HOUR, 5 * DAY), NULL))
    record_instruction (sim, item, clock);
}

/* Propose, then each signer of the chain; any may send it back once. */
static void
sign_off (Sim *sim, XbItem *item, gint64 holder, gint64 clock)
{
  for (int round = 0; round < 2; round++)
    {
      if (!act (sim, item, XB_ACTION_PROPOSE, holder, &clock, office_wait (sim, item, 10 * MINUTE, DAY), NULL))
        return;
      while (item->state == XB_STATE_SIGNOFF)
        {
          gint64 signer = sim->signers[xb_workflow_due_signer (item)];
          gint64 wait = office_wait (sim, item, 20 * MINUTE, 2 * DAY);

          if (round == 0 && chance (sim, 0.04))
            {
              if (!act (sim, item, XB_ACTION_RETURN, signer, &clock, wait, pick (sim, xb_demo_return_comments))
                  || !act (sim, item, XB_ACTION_EDIT, holder, &clock, delay (sim, 20 * MINUTE, 4 * HOUR), NULL))
                return;
              break;
            }
          if (chance (sim, 0.01))
            {
              act (sim, item, XB_ACTION_DECLINE, signer, &clock, wait, pick (sim, xb_demo_decline_comments));
              return;
            }
          if (!act (sim, item, XB_ACTION_SIGN, signer, &clock, wait, NULL))
            return;
        }
      if (item->state == XB_STATE_ADOPTED)
        {
          later_outcomes (sim, item, clock);
          return;
        }
    }
}

static void
adopt (Sim *sim, XbItem *item, gint64 clock)
{
  gint64 holder = editor (sim);

  if (!act (sim, item, XB_ACTION_CLAIM, holder, &clock, office_wait (sim, item, HOUR, DAY), NULL))
    return;
  if (chance (sim, 0.5)
      && !act (sim, item, XB_ACTION_EDIT, holder, &clock, office_wait (sim, item, 10 * MINUTE, 3 * HOUR), NULL))
    return;
  sign_off (sim, item, holder, clock);
}

static void
decline (Sim *sim, XbItem *item, gint64 clock)
{
  gint64 holder = editor (sim);

  if (chance (sim, 0.3)
      && !act (sim, item, XB_ACTION_CLAIM, holder, &clock, delay (sim, HOUR, DAY), NULL))
    return;
  act (sim, item, XB_ACTION_DECLINE, holder, &clock, delay (sim, HOUR, 3 * DAY),
       pick (sim, xb_demo_decline_comments));
}

/* ---- writing, merging and the calendar ------------------------------------------ */

static char *
merged_body (GPtrArray *sources)
{
  GString *body = g_string_new ("近期，各地各部门扎实推进相关工作，取得积极成效。");

  for (guint i = 0; i < sources->len; i++)
    {
      const XbItem *src = sources->pdata[i];
      const char *nl = strchr (src->body, '\n');
      g_string_append_c (body, '\n');
      g_string_append_len (body, src->body, nl ? nl - src->body : (gssize) strlen (src->body));
    }
  return g_string_free (body, FALSE);
}

static XbItem *
compose_item (Sim *sim, GPtrArray *sources)
{
  const XbItem *first = sources->pdata[0];
  XbItem *item = xb_item_new ();

  item->uuid = demo_uuid (sim);
  item->unit_id = sim->office_id;
  item->title = g_strdup_printf ("全市%s工作综述", first->category);
  item->body = merged_body (sources);
  item->category = g_strdup (first->category);
  item->type = XB_ITEM_TYPE_COMPREHENSIVE;
  item->angle = first->angle;
  item->importance = first->importance;
  return item;
}

/* Folds the waiting sources into one comprehensive item the editor writes. */
static void
flush_merges (Sim *sim)
{
  g_autoptr(GPtrArray) sources = g_steal_pointer (&sim->merge_pool);
  g_autoptr(XbItem) comp = NULL;
  gint64 holder = editor (sim);
  gint64 clock = 0;

  sim->merge_pool = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_item_free);
  if (sources->len == 0)
    return;
  for (guint i = 0; i < sources->len; i++)
    clock = MAX (clock, ((XbItem *) sources->pdata[i])->updated_at);
  comp = compose_item (sim, sources);
  comp->author_id = holder;
  if (act (sim, comp, XB_ACTION_COMPOSE, holder, &clock, delay (sim, 2 * HOUR, 2 * DAY), NULL))
    {
      for (guint i = 0; i < sources->len; i++)
        {
          XbItem *src = sources->pdata[i];
          if (act (sim, src, XB_ACTION_MERGE, holder, &clock, MINUTE, NULL))
            src->merged_into = g_strdup (comp->uuid);
        }
      sign_off (sim, comp, holder, clock);
      write_item (sim, comp);
    }
  for (guint i = 0; i < sources->len; i++)
    write_item (sim, sources->pdata[i]);
}

static void
return_to_unit (Sim *sim, XbItem *item, gint64 clock)
{
  DemoUnit *u = unit_of (sim, item->unit_id);
  gint64 officer = officer_at (u, clock);

  if (!act (sim, item, XB_ACTION_RETURN, editor (sim), &clock, delay (sim, HOUR, 2 * DAY),
            pick (sim, xb_demo_return_comments))
      || chance (sim, 0.3)
      || !act (sim, item, XB_ACTION_REVISE, officer, &clock, delay (sim, HOUR, 2 * DAY), NULL)
      || !act (sim, item, XB_ACTION_SAVE, officer, &clock, delay (sim, 10 * MINUTE, 3 * HOUR), NULL)
      || !leave_unit (sim, item, &clock))
    return;
  if (chance (sim, 0.35))
    adopt (sim, item, clock);
  else
    decline (sim, item, clock);
}

/* What the office does with a submitted item.  FALSE when the item went
 * into the merge pool and is no longer the caller's. */
static gboolean
office_fate (Sim *sim, XbItem *item, gint64 clock)
{
  double r = g_rand_double (sim->rand);

  if (r < 0.245)
    adopt (sim, item, clock);
  else if (r < 0.305)
    {
      g_ptr_array_add (sim->merge_pool, item);
      if (sim->merge_pool->len >= 3)
        flush_merges (sim);
      return FALSE;
    }
  else if (r < 0.385)
    return_to_unit (sim, item, clock);
  else
    decline (sim, item, clock);
  return TRUE;
}

static void
answer_request (Sim *sim, DemoUnit *u, XbItem *item, gint64 at)
{
  for (guint i = 0; i < G_N_ELEMENTS (sim->requests); i++)
    {
      DemoRequest *r = &sim->requests[i];
      for (int k = 0; k < 3; k++)
        if (r->units[k] == u->id && !r->answered[k]
            && at > r->deadline - 12 * DAY && at < r->deadline + 3 * DAY && chance (sim, 0.5))
          {
            r->answered[k] = TRUE;
            item->request_id = r->id;
            return;
          }
    }
}

static void
live (Sim *sim, DemoUnit *u, gint64 at)
{
  g_autoptr(XbItem) item = new_item (sim, u, at);
  gint64 clock = at;

  answer_request (sim, u, item, at);
  if (!act (sim, item, XB_ACTION_CREATE, item->author_id, &clock, 0, NULL))
    return;
  if (chance (sim, 0.3))
    act (sim, item, XB_ACTION_SAVE, item->author_id, &clock, delay (sim, 5 * MINUTE, HOUR), NULL);
  if (!(sim->end - clock < 20 * DAY && chance (sim, 0.06))
      && leave_unit (sim, item, &clock)
      && !office_fate (sim, item, clock))
    {
      g_steal_pointer (&item); /* the merge pool has it now */
      return;
    }
  write_item (sim, item);
}

static guint
items_this_month (Sim *sim, const DemoUnit *u, double scale, double fraction)
{
  double x = u->rate * scale * fraction * (0.8 + 0.4 * g_rand_double (sim->rand));
  guint n = (guint) floor (x);

  return n + (chance (sim, x - floor (x)) ? 1 : 0);
}

static void
live_month (Sim *sim, gint64 from, gint64 to, double scale)
{
  g_autoptr(GDateTime) a = g_date_time_new_from_unix_utc (from);
  g_autoptr(GDateTime) b = g_date_time_add_months (a, 1);
  gint64 month_end = MIN (g_date_time_to_unix (b), to);
  double fraction = (double) (month_end - from) / (double) (g_date_time_to_unix (b) - from);

  for (guint i = 0; i < sim->units->len && sim->error == NULL; i++)
    {
      DemoUnit *u = &g_array_index (sim->units, DemoUnit, i);
      guint n = items_this_month (sim, u, scale, fraction);
      for (guint k = 0; k < n && sim->error == NULL; k++)
        live (sim, u, from + delay (sim, 0, month_end - from));
    }
  flush_merges (sim);
}

static double
scale_for (Sim *sim, guint n_items, int years)
{
  double expected = 0;

  for (guint i = 0; i < sim->units->len; i++)
    expected += g_array_index (sim->units, DemoUnit, i).rate * 12 * years;
  return n_items > 0 && expected > 0 ? (double) n_items / expected : 1.0;
}

/* ---- entry point ------------------------------------------------------------- */

void
xb_demo_options_init (XbDemoOptions *options)
{
  memset (options, 0, sizeof *options);
  options->seed = 20261127;
}

static gint64
default_end (void)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2026, 11, 27, 0, 0, 0);

  return g_date_time_to_unix (dt);
}

static void
sim_init (Sim *sim, XbStore *store, const XbDemoOptions *options, const char *password_hash)
{
  guint32 seed[2] = { (guint32) options->seed, (guint32) (options->seed >> 32) };
  int years = options->years > 0 ? options->years : 1;
  g_autoptr(GDateTime) end = g_date_time_new_from_unix_utc (options->end_time ? options->end_time : default_end ());
  g_autoptr(GDateTime) start = g_date_time_add_years (end, -years);

  memset (sim, 0, sizeof *sim);
  sim->store = store;
  sim->rand = g_rand_new_with_seed_array (seed, 2);
  xb_policy_init_defaults (&sim->policy);
  sim->end = g_date_time_to_unix (end);
  sim->start = g_date_time_to_unix (start);
  sim->units = g_array_new (FALSE, TRUE, sizeof (DemoUnit));
  sim->actors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sim->issues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sim->issue_dates = g_array_new (FALSE, FALSE, sizeof (DemoIssue));
  sim->merge_pool = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_item_free);
  sim->password_hash = password_hash;
}

static void
sim_clear (Sim *sim)
{
  for (guint i = 0; i < sim->units->len; i++)
    g_free (g_array_index (sim->units, DemoUnit, i).short_name);
  g_array_unref (sim->units);
  g_hash_table_unref (sim->actors);
  g_hash_table_unref (sim->issues);
  g_array_unref (sim->issue_dates);
  g_ptr_array_unref (sim->merge_pool);
  g_rand_free (sim->rand);
}

static void
generate (Sim *sim, const XbDemoOptions *options)
{
  int years = options->years > 0 ? options->years : 1;
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, options->seed);
  double scale;

  add_office (sim);
  add_units (sim);
  add_demo_aliases (sim);
  add_reference_data (sim);
  add_requests (sim);
  scale = scale_for (sim, options->n_items, years);
  for (gint64 from = sim->start; from < sim->end && sim->error == NULL;)
    {
      g_autoptr(GDateTime) a = g_date_time_new_from_unix_utc (from);
      g_autoptr(GDateTime) b = g_date_time_add_months (a, 1);
      live_month (sim, from, sim->end, scale);
      from = g_date_time_to_unix (b);
    }
  publish_issues (sim);
  if (sim->error == NULL)
    xb_store_set_meta (sim->store, "demo_seed", seed, &sim->error);
}

gboolean
xb_demo_generate (XbStore             *store,
                  const XbDemoOptions *options,
                  const char          *password_hash,
                  GError             **error)
{
  Sim sim;
  gboolean ok;

  sim_init (&sim, store, options, password_hash);
  if (!xb_store_begin (store, error))
    {
      sim_clear (&sim);
      return FALSE;
    }
  generate (&sim, options);
  ok = sim.error == NULL;
  if (ok)
    ok = xb_store_commit (store, &sim.error);
  else
    xb_store_rollback (store);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&sim.error));
  sim_clear (&sim);
  return ok;
}
