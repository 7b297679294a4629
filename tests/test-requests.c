/* Commissioned request tests on a real SQLite file: listing, open requests, and answers on time, late and missing. */
#include "config.h"

#include <glib/gstdio.h>

#include "xb-store-requests.h"

#define DAY ((gint64) 86400)
#define T0  ((gint64) 1772323200) /* 2026-03-01 00:00 UTC */

typedef struct {
  char    *dir;
  XbStore *store;
  gint64   office_user;
  gint64   units[3];
  gint64   authors[3];
} Fixture;

static gint64
add_unit (XbStore *store, const char *name)
{
  g_autoptr(XbUnit) unit = xb_unit_new ();
  g_autoptr(GError) error = NULL;

  unit->name = g_strdup (name);
  unit->kind = XB_UNIT_KIND_COUNTY;
  g_assert_true (xb_store_put_unit (store, unit, &error));
  g_assert_no_error (error);
  return unit->id;
}

static gint64
add_user (XbStore *store, const char *username, gint64 unit_id, XbRoles roles)
{
  g_autoptr(XbUser) user = xb_user_new ();
  g_autoptr(GError) error = NULL;

  user->username = g_strdup (username);
  user->display_name = g_strdup ("李静");
  user->unit_id = unit_id;
  user->roles = roles;
  g_assert_true (xb_store_put_user (store, user, "$argon2id$fake", &error));
  g_assert_no_error (error);
  return user->id;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  static const char *const names[] = { "成县人民政府办公室", "徽县人民政府办公室", "市发展和改革委员会" };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 office;

  f->dir = g_dir_make_tmp ("xb-requests-XXXXXX", NULL);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = xb_store_open (path, &error);
  g_assert_no_error (error);
  office = add_unit (f->store, "市政府办公室");
  f->office_user = add_user (f->store, "editor", office, XB_ROLE_BIT (XB_ROLE_EDITOR));
  for (guint i = 0; i < G_N_ELEMENTS (f->units); i++)
    {
      g_autofree char *username = g_strdup_printf ("officer%u", i);
      f->units[i] = add_unit (f->store, names[i]);
      f->authors[i] = add_user (f->store, username, f->units[i], XB_ROLE_BIT (XB_ROLE_OFFICER));
    }
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->store);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->dir);
}

static gint64
create (Fixture *f, const char *topic, gint64 deadline, const gint64 *units, guint n_units)
{
  g_autoptr(XbRequest) request = g_new0 (XbRequest, 1);
  g_autoptr(GError) error = NULL;

  request->topic = g_strdup (topic);
  request->deadline = deadline;
  request->created_by = f->office_user;
  request->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (request->unit_ids, units, n_units);
  g_assert_true (xb_store_create_request (f->store, request, &error));
  g_assert_no_error (error);
  g_assert_cmpint (request->id, >, 0);
  return request->id;
}

/* Creating @topic for @units fails with XB_ERROR_INVALID. */
static void
refuse (Fixture *f, const char *topic, const gint64 *units, guint n_units)
{
  g_autoptr(XbRequest) request = g_new0 (XbRequest, 1);
  GError *error = NULL;

  request->topic = g_strdup (topic);
  request->deadline = T0;
  request->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (request->unit_ids, units, n_units);
  g_assert_false (xb_store_create_request (f->store, request, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
  g_assert_cmpint (request->id, ==, 0);
  g_error_free (error);
}

/* An item of @unit answering @request: a draft when @submitted_at is 0. */
static void
answer (Fixture *f, guint unit, gint64 request_id, gint64 submitted_at)
{
  g_autoptr(XbItem) item = xb_item_new ();
  g_autoptr(GError) error = NULL;
  XbEvent *e = xb_event_new ();

  item->uuid = xb_uuid_new ();
  item->unit_id = f->units[unit];
  item->author_id = f->authors[unit];
  item->title = g_strdup ("汛期防灾减灾工作情况");
  item->body = g_strdup ("今年以来，全县扎实推进防汛工作。");
  item->category = g_strdup ("防灾减灾");
  item->state = submitted_at ? XB_STATE_SUBMITTED : XB_STATE_DRAFT;
  item->created_at = T0;
  item->updated_at = submitted_at ? submitted_at : T0;
  item->submitted_at = submitted_at;
  item->request_id = request_id;
  e->id = xb_uuid_new ();
  e->action = XB_ACTION_CREATE;
  e->actor_id = item->author_id;
  e->role = XB_ROLE_OFFICER;
  e->at = T0;
  e->from = XB_STATE_NEW;
  e->to = XB_STATE_DRAFT;
  g_ptr_array_add (item->events, e);
  g_assert_true (xb_store_put_item (f->store, item, &error));
  g_assert_no_error (error);
}

static void
test_create_and_list (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL, mine = NULL, others = NULL;
  gint64 late_deadline = T0 + 20 * DAY, soon_deadline = T0 + 5 * DAY;
  gint64 a = create (f, "汛期防灾减灾工作", late_deadline, (gint64[]) { f->units[0], f->units[1] }, 2);
  gint64 b = create (f, "一季度经济运行情况", soon_deadline, (gint64[]) { f->units[0] }, 1);
  XbRequest *first;

  all = xb_store_list_requests (f->store, 0, FALSE, T0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  first = all->pdata[0];
  /* Soonest deadline first, with every field read back. */
  g_assert_cmpint (first->id, ==, b);
  g_assert_cmpstr (first->topic, ==, "一季度经济运行情况");
  g_assert_cmpint (first->deadline, ==, soon_deadline);
  g_assert_cmpint (first->created_by, ==, f->office_user);
  g_assert_cmpuint (first->unit_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (first->unit_ids, gint64, 0), ==, f->units[0]);
  g_assert_cmpint (((XbRequest *) all->pdata[1])->id, ==, a);
  g_assert_cmpuint (((XbRequest *) all->pdata[1])->unit_ids->len, ==, 2);

  mine = xb_store_list_requests (f->store, f->units[1], FALSE, T0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mine->len, ==, 1);
  g_assert_cmpint (((XbRequest *) mine->pdata[0])->id, ==, a);
  others = xb_store_list_requests (f->store, f->units[2], FALSE, T0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (others->len, ==, 0);

  g_assert_true (xb_store_request_asks (f->store, a, f->units[1]));
  g_assert_false (xb_store_request_asks (f->store, b, f->units[1]));
  g_assert_false (xb_store_request_asks (f->store, 9999, f->units[0]));
}

static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  refuse (f, "  ", f->units, 1);
  refuse (f, "经济运行", f->units, 0);
  refuse (f, "经济运行", (gint64[]) { f->units[0], 4242 }, 2);
  /* Nothing half-written. */
  all = xb_store_list_requests (f->store, 0, FALSE, T0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 0);
}

static guint
count_requests_in_feed (XbStore *store, const XbFeedScope *scope)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  gboolean more;
  guint n = 0;

  changes = xb_store_changes_since (store, 0, 1000, scope, &more, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    n += ((XbChange *) changes->pdata[i])->kind == XB_CHANGE_REQUEST;
  return n;
}

/* The feed shows a request to the units asked and to the office only; a
 * client's copy put from it reads back the same. */
static void
test_feed_and_copy (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "client.db", NULL);
  g_autoptr(XbStore) client = xb_store_open (path, &error);
  g_autoptr(XbRequest) got = NULL, copy = NULL;
  gint64 id = create (f, "三季度民生实事办理情况", T0 + 9 * DAY, (gint64[]) { f->units[1], f->units[2] }, 2);
  XbFeedScope office = { TRUE, 0, FALSE }, asked = { FALSE, f->units[1], FALSE },
              other = { FALSE, f->units[0], TRUE };

  g_assert_cmpuint (count_requests_in_feed (f->store, &office), ==, 1);
  g_assert_cmpuint (count_requests_in_feed (f->store, &asked), ==, 1);
  g_assert_cmpuint (count_requests_in_feed (f->store, &other), ==, 0);

  /* The client knows the units (every unit is in the feed) but not the
   * office's users. */
  add_unit (client, "市政府办公室");
  for (guint i = 0; i < G_N_ELEMENTS (f->units); i++)
    {
      g_autofree char *name = g_strdup_printf ("单位%u", i);
      add_unit (client, name);
    }
  got = xb_store_get_request (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (xb_store_put_request (client, got, &error));
  g_assert_no_error (error);
  /* Put twice: the units are replaced, not doubled. */
  g_assert_true (xb_store_put_request (client, got, &error));
  copy = xb_store_get_request (client, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy->topic, ==, "三季度民生实事办理情况");
  g_assert_cmpint (copy->deadline, ==, T0 + 9 * DAY);
  g_assert_cmpuint (copy->unit_ids->len, ==, 2);
  g_assert_cmpint (g_array_index (copy->unit_ids, gint64, 1), ==, f->units[2]);
  g_assert_cmpint (copy->created_by, ==, 0);

  g_assert_null (xb_store_get_request (client, id + 1, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_NOT_FOUND);
}

/* Open requests: a draft answer leaves it open, a sent one closes it for
 * that unit only; a passed deadline closes it for everyone. */
static void
test_open_only (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 deadline = T0 + 10 * DAY;
  gint64 id = create (f, "乡村振兴典型经验", deadline, (gint64[]) { f->units[0], f->units[1] }, 2);
  GPtrArray *open;

  answer (f, 0, id, 0);
  open = xb_store_list_requests (f->store, f->units[0], TRUE, T0 + DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  g_ptr_array_unref (open);

  answer (f, 0, id, T0 + 2 * DAY);
  open = xb_store_list_requests (f->store, f->units[0], TRUE, T0 + 3 * DAY, &error);
  g_assert_cmpuint (open->len, ==, 0);
  g_ptr_array_unref (open);
  open = xb_store_list_requests (f->store, f->units[1], TRUE, T0 + 3 * DAY, &error);
  g_assert_cmpuint (open->len, ==, 1);
  g_ptr_array_unref (open);
  /* For the office, open while some unit has not answered. */
  open = xb_store_list_requests (f->store, 0, TRUE, T0 + 3 * DAY, &error);
  g_assert_cmpuint (open->len, ==, 1);
  g_ptr_array_unref (open);
  open = xb_store_list_requests (f->store, f->units[1], TRUE, deadline, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 0);
  g_ptr_array_unref (open);
}

static XbAnswerMark
mark_of (GArray *answers, gint64 request_id, gint64 unit_id)
{
  for (guint i = 0; i < answers->len; i++)
    {
      XbRequestAnswer *a = &g_array_index (answers, XbRequestAnswer, i);
      if (a->request_id == request_id && a->unit_id == unit_id)
        return a->mark;
    }
  g_assert_not_reached ();
}

/* On time, late and not at all, and the same verdict as the assessment's
 * xb_store_missed_requests. */
static void
test_marks (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL, after = NULL;
  g_autoptr(GHashTable) missed = NULL;
  gint64 deadline = T0 + 10 * DAY;
  gint64 id = create (f, "汛期防灾减灾工作", deadline, f->units, 3);

  answer (f, 0, id, deadline - DAY);      /* on time */
  answer (f, 1, id, deadline + 2 * DAY);  /* late */
  answer (f, 2, id, 0);                   /* a draft only: missing */

  /* Before the deadline only unit 0 has answered. */
  before = xb_store_request_answers (f->store, T0, T0 + 30 * DAY, deadline - DAY / 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 3);
  g_assert_cmpint (mark_of (before, id, f->units[0]), ==, XB_ANSWER_ON_TIME);
  g_assert_cmpint (mark_of (before, id, f->units[1]), ==, XB_ANSWER_PENDING);
  g_assert_cmpint (mark_of (before, id, f->units[2]), ==, XB_ANSWER_PENDING);

  after = xb_store_request_answers (f->store, T0, T0 + 30 * DAY, T0 + 30 * DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mark_of (after, id, f->units[0]), ==, XB_ANSWER_ON_TIME);
  g_assert_cmpint (mark_of (after, id, f->units[1]), ==, XB_ANSWER_LATE);
  g_assert_cmpint (mark_of (after, id, f->units[2]), ==, XB_ANSWER_MISSING);
  g_assert_cmpint (g_array_index (after, XbRequestAnswer, 1).answered_at, ==, deadline + 2 * DAY);
  g_assert_cmpstr (xb_answer_mark_to_string (XB_ANSWER_LATE), ==, "late");

  missed = xb_store_missed_requests (f->store, T0, T0 + 30 * DAY, T0 + 30 * DAY, &error);
  g_assert_no_error (error);
  g_assert_false (g_hash_table_contains (missed, &f->units[0]));
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (missed, &f->units[1])), ==, 1);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (missed, &f->units[2])), ==, 1);

  /* A period that does not hold the deadline has no rows. */
  g_clear_pointer (&after, g_array_unref);
  after = xb_store_request_answers (f->store, deadline + 1, T0 + 30 * DAY, T0 + 30 * DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/requests/create-and-list", Fixture, NULL, fixture_setup, test_create_and_list, fixture_teardown);
  g_test_add ("/requests/refused", Fixture, NULL, fixture_setup, test_refused, fixture_teardown);
  g_test_add ("/requests/feed-and-copy", Fixture, NULL, fixture_setup, test_feed_and_copy, fixture_teardown);
  g_test_add ("/requests/open-only", Fixture, NULL, fixture_setup, test_open_only, fixture_teardown);
  g_test_add ("/requests/marks", Fixture, NULL, fixture_setup, test_marks, fixture_teardown);
  return g_test_run ();
}
