/* Store tests on real SQLite files: create, migrate, refuse newer, crash safety, queries. */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "xb-store.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("xb-store-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "test.db", NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->dir);
  g_free (f->path);
}

/* Raw SQL, only for what the store must never do itself: write old schemas,
 * fake a newer version, try to tamper with history. */
static int
raw_exec (const char *path, const char *sql)
{
  sqlite3 *db;
  int rc;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  sqlite3_close (db);
  return rc;
}

static gint64
add_unit (XbStore *store, const char *name, XbUnitKind kind)
{
  g_autoptr(XbUnit) unit = xb_unit_new ();
  g_autoptr(GError) error = NULL;

  unit->name = g_strdup (name);
  unit->kind = kind;
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
  user->display_name = g_strdup ("王建国");
  user->unit_id = unit_id;
  user->roles = roles;
  g_assert_true (xb_store_put_user (store, user, "$argon2id$fake", &error));
  g_assert_no_error (error);
  return user->id;
}

static XbItem *
make_item (gint64 unit_id, gint64 author_id, const char *title, gint64 submitted_at)
{
  XbItem *item = xb_item_new ();
  XbEvent *e = xb_event_new ();

  item->uuid = xb_uuid_new ();
  item->unit_id = unit_id;
  item->author_id = author_id;
  item->title = g_strdup (title);
  item->body = g_strdup ("今年以来，全县扎实推进灾后恢复重建。\n第二段。");
  item->category = g_strdup ("灾后恢复重建");
  item->state = submitted_at ? XB_STATE_SUBMITTED : XB_STATE_DRAFT;
  item->created_at = 1000;
  item->updated_at = 1000;
  item->submitted_at = submitted_at;
  e->id = xb_uuid_new ();
  e->action = XB_ACTION_CREATE;
  e->actor_id = author_id;
  e->role = XB_ROLE_OFFICER;
  e->at = 1000;
  e->from = XB_STATE_NEW;
  e->to = XB_STATE_DRAFT;
  g_ptr_array_add (item->events, e);
  return item;
}

static void
test_create (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (f->path, &error);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (xb_store_get_version (store), ==, xb_store_latest_version ());
  g_assert_true (xb_store_set_meta (store, "cursor", "42", &error));
  value = xb_store_get_meta (store, "cursor");
  g_assert_cmpstr (value, ==, "42");
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (xb_store_integrity_check (store, &error));
}

/* Data written by each earlier schema survives the upgrade to the latest. */
static void
test_migrate_from_every_version (Fixture *f, gconstpointer data)
{
  for (int v = 0; v < xb_store_latest_version (); v++)
    {
      g_autofree char *path = g_strdup_printf ("%s/v%d.db", f->dir, v);
      g_autoptr(GError) error = NULL;
      g_autoptr(XbStore) old = xb_store_open_at_version (path, v, &error);
      g_autoptr(XbStore) store = NULL;
      g_autoptr(XbItem) item = NULL;
      XbItemQuery query;

      g_assert_no_error (error);
      g_assert_cmpint (xb_store_get_version (old), ==, v);
      g_clear_object (&old);
      if (v >= 1)
        g_assert_cmpint (raw_exec (path,
          "INSERT INTO units (id, name, kind) VALUES (1, '成县人民政府办公室', 'county');"
          "INSERT INTO users (id, username, display_name, unit_id) VALUES (1, 'u', '李静', 1);"
          "INSERT INTO items (uuid, unit_id, author_id, title, body, category, type, angle,"
          " importance, state, created_at, updated_at, submitted_at) VALUES"
          " ('7d444840-9dc0-11d1-b245-5ffdce74fad2', 1, 1, '成县灾后恢复重建进展顺利', '正文',"
          " '灾后恢复重建', 'dynamic', 'key', 'general', 'submitted', 10, 10, 10);"), ==, SQLITE_OK);

      store = xb_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (xb_store_get_version (store), ==, xb_store_latest_version ());
      g_assert_true (xb_store_integrity_check (store, &error));
      if (v == 0)
        continue;
      item = xb_store_get_item (store, "7d444840-9dc0-11d1-b245-5ffdce74fad2", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (item->title, ==, "成县灾后恢复重建进展顺利");
      g_assert_null (item->signoff_chain);
      g_assert_false (item->for_mayor);
      /* Rows from before the search index existed are searchable after it. */
      xb_item_query_init (&query);
      query.search = "恢复重建";
      g_assert_cmpuint (xb_store_count_items (store, &query, &error), ==, 1);
    }
}

static void
test_refuse_newer (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (f->path, &error);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d;", xb_store_latest_version () + 1);
  g_autoptr(XbStore) again = NULL;

  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (raw_exec (f->path, sql), ==, SQLITE_OK);
  again = xb_store_open (f->path, &error);
  g_assert_null (again);
  g_assert_error (error, XB_ERROR, XB_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer"));
}

/* A writer killed in the middle of a transaction loses only that transaction. */
static void
test_crash_mid_transaction (Fixture *f, gconstpointer data)
{
  g_autoptr(XbStore) store = NULL;
  g_autoptr(XbItem) committed = NULL, uncommitted = NULL, a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;
  int ready[2];
  pid_t pid;
  char c;
  int status;

  store = xb_store_open (f->path, &error);
  g_assert_no_error (error);
  {
    gint64 unit = add_unit (store, "徽县人民政府办公室", XB_UNIT_KIND_COUNTY);
    gint64 user = add_user (store, "officer", unit, XB_ROLE_BIT (XB_ROLE_OFFICER));
    committed = make_item (unit, user, "已提交的信息", 0);
    uncommitted = make_item (unit, user, "未提交的信息", 0);
  }
  g_clear_object (&store);

  g_assert_cmpint (pipe (ready), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      XbStore *child = xb_store_open (f->path, NULL);
      if (child == NULL || !xb_store_put_item (child, committed, NULL)
          || !xb_store_begin (child, NULL) || !xb_store_put_item (child, uncommitted, NULL))
        _exit (3);
      if (write (ready[1], "x", 1) != 1)
        _exit (4);
      pause ();
      _exit (0);
    }
  close (ready[1]);
  g_assert_cmpint (read (ready[0], &c, 1), ==, 1);
  close (ready[0]);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));

  store = xb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (xb_store_integrity_check (store, &error));
  a = xb_store_get_item (store, committed->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a->title, ==, "已提交的信息");
  g_assert_cmpuint (a->events->len, ==, 1);
  b = xb_store_get_item (store, uncommitted->uuid, &error);
  g_assert_null (b);
  g_assert_error (error, XB_ERROR, XB_ERROR_NOT_FOUND);
}

static void
test_items_and_events (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (f->path, &error);
  gint64 unit = add_unit (store, "文县人民政府办公室", XB_UNIT_KIND_COUNTY);
  gint64 user = add_user (store, "officer", unit, XB_ROLE_BIT (XB_ROLE_OFFICER));
  g_autoptr(XbItem) item = make_item (unit, user, "文县推进花椒产业提质增效", 2000);
  g_autoptr(XbItem) back = NULL, tampered = NULL;
  XbEvent *e;

  item->urgent = TRUE;
  item->event_at = 1900;
  item->importance = XB_IMPORTANCE_ESPECIALLY_MAJOR;
  g_assert_true (xb_store_put_item (store, item, &error));
  g_assert_no_error (error);

  /* Appending an event and writing again keeps the first. */
  e = xb_event_new ();
  e->id = xb_uuid_new ();
  e->action = XB_ACTION_SUBMIT;
  e->actor_id = user;
  e->role = XB_ROLE_OFFICER;
  e->at = 2000;
  e->from = XB_STATE_DRAFT;
  e->to = XB_STATE_SUBMITTED;
  e->comment = g_strdup ("请审阅");
  g_ptr_array_add (item->events, e);
  g_assert_true (xb_store_put_item (store, item, &error));

  back = xb_store_get_item (store, item->uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->title, ==, item->title);
  g_assert_cmpstr (back->body, ==, item->body);
  g_assert_true (back->urgent);
  g_assert_cmpint (back->event_at, ==, 1900);
  g_assert_cmpint (back->importance, ==, XB_IMPORTANCE_ESPECIALLY_MAJOR);
  g_assert_cmpint (back->submitted_at, ==, 2000);
  g_assert_cmpint (back->adopted_at, ==, 0);
  g_assert_cmpuint (back->events->len, ==, 2);
  g_assert_cmpstr (((XbEvent *) back->events->pdata[1])->comment, ==, "请审阅");

  /* History cannot be rewritten, through the store or around it. */
  tampered = xb_item_copy (item);
  g_free (((XbEvent *) tampered->events->pdata[1])->comment);
  ((XbEvent *) tampered->events->pdata[1])->comment = g_strdup ("改过的意见");
  g_assert_false (xb_store_put_item (store, tampered, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_object (&store);
  g_assert_cmpint (raw_exec (f->path, "UPDATE item_events SET comment = 'x';"), !=, SQLITE_OK);
  g_assert_cmpint (raw_exec (f->path, "DELETE FROM item_events;"), !=, SQLITE_OK);
}

/* The list's filters: several states, type, category, submission period. */
static void
assert_filters (XbStore *store, gint64 unit, gint64 user)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbItem) draft = make_item (unit, user, "康县草稿", 0);
  g_autoptr(XbItem) research = make_item (unit, user, "康县调研报告", 86400 * 40);
  XbItemQuery query;

  research->type = XB_ITEM_TYPE_RESEARCH;
  g_free (research->category);
  research->category = g_strdup ("乡村振兴");
  research->state = XB_STATE_ADOPTED;
  g_assert_true (xb_store_put_item (store, draft, &error));
  g_assert_true (xb_store_put_item (store, research, &error));
  g_assert_no_error (error);

  xb_item_query_init (&query);
  query.states = 1u << XB_STATE_DRAFT;
  g_assert_cmpuint (xb_store_count_items (store, &query, &error), ==, 1);
  query.states |= 1u << XB_STATE_ADOPTED;
  g_assert_cmpuint (xb_store_count_items (store, &query, &error), ==, 2);
  query.states = 0;
  query.type = XB_ITEM_TYPE_RESEARCH;
  g_assert_cmpuint (xb_store_count_items (store, &query, &error), ==, 1);
  query.type = -1;
  query.category = "乡村振兴";
  g_assert_cmpuint (xb_store_count_items (store, &query, &error), ==, 1);
  query.category = NULL;
  /* Half-open: [5000, 5002) holds the first two; drafts were never submitted. */
  query.from = 5000;
  query.to = 5002;
  g_assert_cmpuint (xb_store_count_items (store, &query, &error), ==, 2);
  query.to = 0;
  g_assert_cmpuint (xb_store_count_items (store, &query, &error), ==, 4);
  query.unit_id = unit;
  query.from = 86400 * 30;
  g_assert_cmpuint (xb_store_count_items (store, &query, &error), ==, 1);
  g_assert_no_error (error);
}

static void
test_query (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (f->path, &error);
  gint64 unit_a = add_unit (store, "康县人民政府办公室", XB_UNIT_KIND_COUNTY);
  gint64 unit_b = add_unit (store, "市交通运输局", XB_UNIT_KIND_DEPARTMENT);
  gint64 user = add_user (store, "officer", unit_a, XB_ROLE_BIT (XB_ROLE_OFFICER));
  const char *titles[] = { "康县乡村旅游持续升温", "市交通运输局加快公路建设", "康县油橄榄产业喜获丰收" };
  g_autoptr(GPtrArray) page = NULL;
  XbItemQuery query;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(XbItem) item = make_item (i == 1 ? unit_b : unit_a, user, titles[i], 5000 + i);
      g_assert_true (xb_store_put_item (store, item, &error));
    }
  xb_item_query_init (&query);
  g_assert_cmpuint (xb_store_count_items (store, &query, &error), ==, 3);
  page = xb_store_list_items (store, &query, 0, 2, &error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpstr (((XbItem *) page->pdata[0])->title, ==, titles[2]); /* newest first */
  g_assert_cmpuint (((XbItem *) page->pdata[0])->events->len, ==, 0);
  g_clear_pointer (&page, g_ptr_array_unref);

  query.search = "乡村旅游";          /* four characters: the trigram index */
  g_assert_cmpuint (xb_store_count_items (store, &query, &error), ==, 1);
  query.search = "康县";              /* two characters: a scan */
  g_assert_cmpuint (xb_store_count_items (store, &query, &error), ==, 2);
  query.search = "\"引号\" OR *";     /* FTS syntax in user input is just text */
  g_assert_cmpuint (xb_store_count_items (store, &query, &error), ==, 0);
  g_assert_no_error (error);
  query.search = NULL;
  query.unit_id = unit_b;
  g_assert_cmpuint (xb_store_count_items (store, &query, &error), ==, 1);
  query.unit_id = 0;
  query.state = XB_STATE_SUBMITTED;
  query.sort = XB_ITEM_SORT_UNIT;
  query.descending = FALSE;
  page = xb_store_list_items (store, &query, 0, 10, &error);
  g_assert_cmpuint (page->len, ==, 3);
  /* Names sort by code point: 市 (U+5E02) before 康 (U+5EB7). */
  g_assert_cmpint (((XbItem *) page->pdata[0])->unit_id, ==, unit_b);
  g_assert_cmpint (((XbItem *) page->pdata[2])->unit_id, ==, unit_a);
  assert_filters (store, unit_a, user);
}

/* A term common enough that the list walks its time index instead of
 * ordering every match: the same pages, newest first, with the right count,
 * alone and with another filter. */
static void
test_query_common_term (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (f->path, &error);
  gint64 unit_a = add_unit (store, "康县人民政府办公室", XB_UNIT_KIND_COUNTY);
  gint64 unit_b = add_unit (store, "市交通运输局", XB_UNIT_KIND_DEPARTMENT);
  gint64 user = add_user (store, "officer", unit_a, XB_ROLE_BIT (XB_ROLE_OFFICER));
  const guint n = 4400;  /* 2,200 matches: over SEARCH_WALK_MATCHES */
  XbItemQuery query;

  g_assert_true (xb_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf (i % 2 ? "第%u条全力做好防汛工作" : "第%u条油橄榄丰收", i);
      g_autoptr(XbItem) item = make_item (i % 3 ? unit_a : unit_b, user, title, 10000 + (gint64) (i * 7919 % n));
      g_assert_true (xb_store_put_item (store, item, &error));
    }
  g_assert_true (xb_store_commit (store, &error));

  xb_item_query_init (&query);
  query.search = "全力做好";
  g_assert_cmpuint (xb_store_count_items (store, &query, &error), ==, n / 2);
  for (int descending = 0; descending < 2; descending++)
    {
      gint64 last = descending ? G_MAXINT64 : 0;
      guint seen = 0;

      query.descending = descending;
      for (guint offset = 0; offset < n / 2; offset += 200)
        {
          g_autoptr(GPtrArray) page = xb_store_list_items (store, &query, offset, 200, &error);

          g_assert_no_error (error);
          for (guint i = 0; i < page->len; i++)
            {
              XbItem *item = page->pdata[i];

              g_assert_nonnull (strstr (item->title, "全力做好"));
              g_assert_true (descending ? item->submitted_at <= last : item->submitted_at >= last);
              last = item->submitted_at;
              seen++;
            }
        }
      g_assert_cmpuint (seen, ==, n / 2);
    }
  query.unit_id = unit_b;
  g_assert_cmpuint (xb_store_count_items (store, &query, &error), ==, 733);
  query.unit_id = 0;
  query.sort = XB_ITEM_SORT_TITLE;
  query.descending = FALSE;
  {
    g_autoptr(GPtrArray) page = xb_store_list_items (store, &query, 0, 5, &error);
    g_assert_cmpuint (page->len, ==, 5);
    g_assert_cmpstr (((XbItem *) page->pdata[0])->title, <, ((XbItem *) page->pdata[1])->title);
  }
  g_assert_no_error (error);
}

/* A copy the server never took goes; one with recorded events stays. */
static void
test_forget_unsent (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (f->path, &error);
  gint64 unit = add_unit (store, "康县人民政府办公室", XB_UNIT_KIND_COUNTY);
  gint64 user = add_user (store, "officer", unit, XB_ROLE_BIT (XB_ROLE_OFFICER));
  g_autoptr(XbItem) sent = make_item (unit, user, "已入库的信息", 0);
  g_autoptr(XbItem) unsent = make_item (unit, user, "被拒收的新信息", 0);
  g_autoptr(XbItem) back = NULL;
  XbItemQuery query;
  gboolean forgotten = TRUE;

  g_ptr_array_set_size (unsent->events, 0);
  g_assert_true (xb_store_put_item (store, sent, &error));
  g_assert_true (xb_store_put_item (store, unsent, &error));
  g_assert_true (xb_store_forget_unsent_item (store, sent->uuid, &forgotten, &error));
  g_assert_false (forgotten);
  g_assert_true (xb_store_forget_unsent_item (store, unsent->uuid, &forgotten, &error));
  g_assert_true (forgotten);
  g_assert_no_error (error);
  back = xb_store_get_item (store, unsent->uuid, &error);
  g_assert_null (back);
  g_assert_error (error, XB_ERROR, XB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  xb_item_query_init (&query);
  query.search = "被拒收";
  g_assert_cmpuint (xb_store_count_items (store, &query, &error), ==, 0);
  query.search = NULL;
  g_assert_cmpuint (xb_store_count_items (store, &query, &error), ==, 1);
}

static void
test_users_units_roster (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (f->path, &error);
  gint64 unit = add_unit (store, "礼县人民政府办公室", XB_UNIT_KIND_COUNTY);
  gint64 old_officer = add_user (store, "old", unit, XB_ROLE_BIT (XB_ROLE_OFFICER));
  gint64 new_officer = add_user (store, "new", unit, XB_ROLE_BIT (XB_ROLE_OFFICER));
  g_autoptr(XbUser) found = NULL;
  g_autoptr(GArray) before = NULL, after = NULL, later = NULL;
  g_autofree char *hash = NULL;

  g_assert_false (xb_store_unit_has_leader (store, unit));
  add_user (store, "leader", unit, XB_ROLE_BIT (XB_ROLE_UNIT_LEADER) | XB_ROLE_BIT (XB_ROLE_OFFICER));
  g_assert_true (xb_store_unit_has_leader (store, unit));
  found = xb_store_find_user (store, "leader", &error);
  g_assert_no_error (error);
  g_assert_cmphex (found->roles, ==, XB_ROLE_BIT (XB_ROLE_UNIT_LEADER) | XB_ROLE_BIT (XB_ROLE_OFFICER));
  hash = xb_store_get_password_hash (store, found->id);
  g_assert_cmpstr (hash, ==, "$argon2id$fake");

  g_assert_null (xb_store_dup_signed_in_user (store));
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, found->id);
    g_autoptr(XbUser) me = NULL;
    g_assert_true (xb_store_set_meta (store, "user_id", id, &error));
    me = xb_store_dup_signed_in_user (store);
    g_assert_nonnull (me);
    g_assert_cmpstr (me->username, ==, "leader");
    g_assert_true (xb_store_set_meta (store, "user_id", "garbage", &error));
    g_assert_null (xb_store_dup_signed_in_user (store));
  }

  g_assert_true (xb_store_add_roster (store, unit, old_officer, XB_POST_OFFICER, 100, 200, &error));
  g_assert_true (xb_store_add_roster (store, unit, new_officer, XB_POST_OFFICER, 200, 0, &error));
  before = xb_store_roster_at (store, unit, XB_POST_OFFICER, 150, &error);
  after = xb_store_roster_at (store, unit, XB_POST_OFFICER, 200, &error);
  later = xb_store_roster_at (store, unit, XB_POST_OFFICER, 99, &error);
  g_assert_cmpuint (before->len, ==, 1);
  g_assert_cmpint (g_array_index (before, gint64, 0), ==, old_officer);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpint (g_array_index (after, gint64, 0), ==, new_officer);
  g_assert_cmpuint (later->len, ==, 0);
  /* An entry that ends before it starts is refused. */
  g_assert_false (xb_store_add_roster (store, unit, old_officer, XB_POST_OFFICER, 300, 250, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_CONFLICT);
}

static void
test_policy (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (f->path, &error);
  XbPolicy policy, got;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_true (xb_store_get_policy (store, &got, &error));
  g_assert_cmpint (got.quota[XB_UNIT_KIND_COUNTY], ==, 30);
  g_assert_cmpint (got.chains[XB_IMPORTANCE_ESPECIALLY_MAJOR].n_roles, ==, 3);

  xb_policy_init_defaults (&policy);
  policy.quota[XB_UNIT_KIND_COUNTY] = 25;
  g_assert_true (xb_store_set_policy (store, &policy, 0, now + 86400, &error));
  g_assert_true (xb_store_get_policy (store, &got, &error));
  g_assert_cmpint (got.quota[XB_UNIT_KIND_COUNTY], ==, 30); /* not yet in force */
  g_assert_true (xb_store_set_policy (store, &policy, 0, now - 10, &error));
  g_assert_true (xb_store_get_policy (store, &got, &error));
  g_assert_cmpint (got.quota[XB_UNIT_KIND_COUNTY], ==, 25);
  g_assert_no_error (error);
}

/* Every write moves its entity to the end of the feed; scopes filter items. */
static void
test_change_feed (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (f->path, &error);
  gint64 unit_a = add_unit (store, "西和县人民政府办公室", XB_UNIT_KIND_COUNTY);
  gint64 unit_b = add_unit (store, "市商务局", XB_UNIT_KIND_DEPARTMENT);
  gint64 user = add_user (store, "officer", unit_a, XB_ROLE_BIT (XB_ROLE_OFFICER));
  g_autoptr(XbItem) a = make_item (unit_a, user, "西和县信息", 100);
  g_autoptr(XbItem) b = make_item (unit_b, user, "市商务局信息", 100);
  g_autoptr(GPtrArray) all = NULL, mine = NULL, adopted = NULL, after = NULL;
  XbFeedScope office = { TRUE, 0, FALSE }, officer = { FALSE, unit_a, FALSE }, viewer = { FALSE, 0, TRUE };
  gboolean more;
  gint64 last;

  g_assert_true (xb_store_put_item (store, a, &error));
  b->state = XB_STATE_ADOPTED;
  g_assert_true (xb_store_put_item (store, b, &error));
  all = xb_store_changes_since (store, 0, 100, &office, &more, &error);
  g_assert_no_error (error);
  g_assert_false (more);
  g_assert_cmpuint (all->len, ==, 5); /* two units, one user, two items */
  mine = xb_store_changes_since (store, 0, 100, &officer, &more, &error);
  g_assert_cmpuint (mine->len, ==, 4);
  g_assert_cmpstr (((XbChange *) mine->pdata[3])->key, ==, a->uuid);
  adopted = xb_store_changes_since (store, 0, 100, &viewer, &more, &error);
  g_assert_cmpuint (adopted->len, ==, 4);
  g_assert_cmpstr (((XbChange *) adopted->pdata[3])->key, ==, b->uuid);

  /* Paging. */
  g_clear_pointer (&all, g_ptr_array_unref);
  all = xb_store_changes_since (store, 0, 2, &office, &more, &error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_true (more);

  /* A rewrite moves the item to the end; the feed holds it once. */
  last = xb_store_last_change (store);
  g_free (a->title);
  a->title = g_strdup ("西和县信息（修改）");
  g_assert_true (xb_store_put_item (store, a, &error));
  after = xb_store_changes_since (store, last, 100, &office, &more, &error);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpint (((XbChange *) after->pdata[0])->kind, ==, XB_CHANGE_ITEM);
  g_assert_cmpint (((XbChange *) after->pdata[0])->seq, >, last);
  g_clear_pointer (&all, g_ptr_array_unref);
  all = xb_store_changes_since (store, 0, 100, &office, &more, &error);
  g_assert_cmpuint (all->len, ==, 5);
}

static void
test_sessions_and_actions (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (f->path, &error);
  gint64 unit = add_unit (store, "两当县人民政府办公室", XB_UNIT_KIND_COUNTY);
  gint64 user = add_user (store, "officer", unit, XB_ROLE_BIT (XB_ROLE_OFFICER));
  g_autofree char *hash = NULL, *response = NULL;
  gint64 expires = 0;
  int status = 0;

  g_assert_true (xb_store_add_session (store, "h1", user, 2000, &error));
  g_assert_true (xb_store_add_session (store, "h2", user, 2000, &error));
  g_assert_cmpint (xb_store_session_user (store, "h1", 1000, &expires), ==, user);
  g_assert_cmpint (expires, ==, 2000);
  g_assert_cmpint (xb_store_session_user (store, "h1", 2000, NULL), ==, 0); /* expired */
  g_assert_cmpint (xb_store_session_user (store, "nope", 1000, NULL), ==, 0);
  g_assert_true (xb_store_revoke_session (store, "h1", &error));
  g_assert_cmpint (xb_store_session_user (store, "h1", 1000, NULL), ==, 0);
  g_assert_cmpint (xb_store_session_user (store, "h2", 1000, NULL), ==, user);
  g_assert_true (xb_store_revoke_user_sessions (store, user, &error));
  g_assert_cmpint (xb_store_session_user (store, "h2", 1000, NULL), ==, 0);

  g_assert_false (xb_store_find_action (store, "a1", &hash, &status, &response));
  g_assert_true (xb_store_record_action (store, "a1", "sha", 200, "{\"ok\":true}", &error));
  g_assert_true (xb_store_find_action (store, "a1", &hash, &status, &response));
  g_assert_cmpstr (hash, ==, "sha");
  g_assert_cmpint (status, ==, 200);
  g_assert_cmpstr (response, ==, "{\"ok\":true}");
  g_assert_false (xb_store_record_action (store, "a1", "other", 200, "{}", &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_CONFLICT);
}

static void
test_publications (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (f->path, &error);
  XbPublication p = { 7, (char *) "《每日要情》", (char *) "mryq" };
  g_autoptr(XbPublication) back = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const char *titles[] = { "灾后恢复重建", "招商引资", NULL };
  g_auto(GStrv) active = NULL, every = NULL;

  g_assert_true (xb_store_put_publication (store, &p, &error));
  p.name = (char *) "《每日要情》（新）";
  g_assert_true (xb_store_put_publication (store, &p, &error));
  back = xb_store_get_publication (store, 7, &error);
  g_assert_cmpstr (back->name, ==, "《每日要情》（新）");
  g_assert_cmpint (xb_store_add_publication (store, "《信息专报》", "xxzb", &error), >, 7);
  list = xb_store_list_publications (store, &error);
  g_assert_cmpuint (list->len, ==, 2);

  g_assert_cmpint (xb_store_add_priority (store, "旧要点", 1, &error), >, 0);
  g_assert_true (xb_store_set_priorities (store, titles, &error));
  active = xb_store_list_priorities (store, TRUE, &error);
  every = xb_store_list_priorities (store, FALSE, &error);
  g_assert_cmpuint (g_strv_length (active), ==, 2);
  g_assert_cmpstr (active[0], ==, "灾后恢复重建");
  g_assert_cmpuint (g_strv_length (every), ==, 3); /* old priorities stay for old items */
}

static void
test_issues (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (f->path, &error);
  gint64 unit = add_unit (store, "康县人民政府办公室", XB_UNIT_KIND_COUNTY);
  gint64 user = add_user (store, "officer", unit, XB_ROLE_BIT (XB_ROLE_OFFICER));
  gint64 pub = xb_store_add_publication (store, "《政务信息》", "zwxx", &error);
  gint64 issue;
  const char *titles[] = { "一", "二", "三" };
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_item_free);
  g_autoptr(XbItem) draft = make_item (unit, user, "草稿", 0);
  g_auto(GStrv) order = NULL;
  g_autofree XbIssue *got = NULL;

  g_assert_cmpint (xb_store_next_issue_number (store, pub, 2026), ==, 1);
  issue = xb_store_add_issue (store, pub, 2026, 1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (xb_store_next_issue_number (store, pub, 2026), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      XbItem *item = make_item (unit, user, titles[i], 100);
      item->state = XB_STATE_ADOPTED;
      g_assert_true (xb_store_put_item (store, item, &error));
      g_assert_true (xb_store_issue_add_item (store, issue, item->uuid, &error));
      g_ptr_array_add (items, item);
    }
  g_assert_true (xb_store_put_item (store, draft, &error));
  g_assert_false (xb_store_issue_add_item (store, issue, draft->uuid, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Move the third to the front, then drop the second. */
  g_assert_true (xb_store_issue_move_item (store, issue, ((XbItem *) items->pdata[2])->uuid, 0, &error));
  g_assert_true (xb_store_issue_remove_item (store, issue, ((XbItem *) items->pdata[1])->uuid, &error));
  order = xb_store_issue_items (store, issue, &error);
  g_assert_cmpuint (g_strv_length (order), ==, 2);
  g_assert_cmpstr (order[0], ==, ((XbItem *) items->pdata[2])->uuid);
  g_assert_cmpstr (order[1], ==, ((XbItem *) items->pdata[0])->uuid);

  /* Published: frozen. */
  g_assert_true (xb_store_publish_issue (store, issue, 5000, &error));
  got = xb_store_get_issue (store, issue, &error);
  g_assert_true (got->published);
  g_assert_cmpint (got->published_at, ==, 5000);
  g_assert_false (xb_store_issue_move_item (store, issue, order[1], 0, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (xb_store_issue_add_item (store, issue, ((XbItem *) items->pdata[1])->uuid, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_CONFLICT);
}

/* Adoptions and instructions come with the item; follow-ups only move forward;
 * a client replaces them with the server's. */
static void
test_outcomes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (f->path, &error);
  gint64 unit = add_unit (store, "宕昌县人民政府办公室", XB_UNIT_KIND_COUNTY);
  gint64 user = add_user (store, "officer", unit, XB_ROLE_BIT (XB_ROLE_OFFICER));
  g_autoptr(XbItem) item = make_item (unit, user, "宕昌县中药材产业", 100);
  g_autoptr(XbItem) back = NULL, replica = NULL;
  gint64 instruction;
  XbAdoption a = { 0, 0, XB_LEVEL_NATIONAL, 900 };

  item->state = XB_STATE_ADOPTED;
  g_assert_true (xb_store_put_item (store, item, &error));
  g_assert_true (xb_store_add_adoption (store, item->uuid, 0, 0, XB_LEVEL_PROVINCE, 500, &error));
  instruction = xb_store_add_instruction (store, item->uuid, "省政府领导", XB_LEVEL_PROVINCE, "好",
                                          600, XB_FOLLOWUP_RECEIVED, &error);
  g_assert_cmpint (instruction, >, 0);
  g_assert_true (xb_store_set_followup (store, item->uuid, instruction, XB_FOLLOWUP_REPORTED, &error));
  g_assert_false (xb_store_set_followup (store, item->uuid, instruction, XB_FOLLOWUP_HANDLING, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (xb_store_set_followup (store, "00000000-0000-4000-8000-000000000000", instruction,
                                         XB_FOLLOWUP_REPORTED, &error));
  g_clear_error (&error);

  back = xb_store_get_item (store, item->uuid, &error);
  g_assert_cmpuint (back->adoptions->len, ==, 1);
  g_assert_cmpint (g_array_index (back->adoptions, XbAdoption, 0).level, ==, XB_LEVEL_PROVINCE);
  g_assert_cmpuint (back->instructions->len, ==, 1);
  g_assert_cmpint (((XbInstruction *) back->instructions->pdata[0])->followup, ==, XB_FOLLOWUP_REPORTED);

  replica = xb_item_copy (back);
  g_array_append_val (replica->adoptions, a);
  g_ptr_array_set_size (replica->instructions, 0);
  g_assert_true (xb_store_replace_outcomes (store, replica, &error));
  g_clear_pointer (&back, xb_item_free);
  back = xb_store_get_item (store, item->uuid, &error);
  g_assert_cmpuint (back->adoptions->len, ==, 2);
  g_assert_cmpuint (back->instructions->len, ==, 0);
}

static void
test_outbox (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (f->path, &error);
  g_autoptr(GPtrArray) queued = NULL, everything = NULL;
  gint64 first, second;

  first = xb_store_outbox_add (store, "op1", "PUT", "/api/v1/items/x", "{}", "x", &error);
  second = xb_store_outbox_add (store, "op2", "POST", "/api/v1/items/x/actions", "{}", "x", &error);
  xb_store_outbox_add (store, "op3", "POST", "/api/v1/items/y/actions", "{}", "y", &error);
  g_assert_no_error (error);
  g_assert_cmpint (second, >, first);
  g_assert_cmpuint (xb_store_outbox_count (store, NULL), ==, 3);
  g_assert_cmpuint (xb_store_outbox_count (store, "x"), ==, 2);
  /* The same operation is never queued twice. */
  g_assert_cmpint (xb_store_outbox_add (store, "op1", "PUT", "/", "{}", "x", &error), ==, 0);
  g_clear_error (&error);

  g_assert_true (xb_store_outbox_note_attempt (store, first, "timeout", &error));
  g_assert_true (xb_store_outbox_fail (store, second, "stale revision", &error));
  queued = xb_store_outbox_list (store, FALSE, &error);
  g_assert_cmpuint (queued->len, ==, 2);
  g_assert_cmpstr (((XbOutboxEntry *) queued->pdata[0])->op_id, ==, "op1");
  g_assert_cmpint (((XbOutboxEntry *) queued->pdata[0])->attempts, ==, 1);
  g_assert_cmpstr (((XbOutboxEntry *) queued->pdata[0])->error, ==, "timeout");
  everything = xb_store_outbox_list (store, TRUE, &error);
  g_assert_cmpuint (everything->len, ==, 3);
  g_assert_true (((XbOutboxEntry *) everything->pdata[1])->failed);
  g_assert_cmpuint (xb_store_outbox_count_failed (store, "x"), ==, 1);
  g_assert_true (xb_store_outbox_retry (store, second, &error));
  g_assert_cmpuint (xb_store_outbox_count_failed (store, NULL), ==, 0);
  g_assert_true (xb_store_outbox_remove (store, first, &error));
  g_assert_cmpuint (xb_store_outbox_count (store, NULL), ==, 2);
}

static XbAttachment *
attachment (const char *sha_seed, const char *filename, gint64 size)
{
  XbAttachment *a = g_new0 (XbAttachment, 1);

  a->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, sha_seed, -1);
  a->filename = g_strdup (filename);
  a->size = size;
  return a;
}

static void
test_attachments (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (f->path, &error);
  gint64 unit = add_unit (store, "康县人民政府办公室", XB_UNIT_KIND_COUNTY);
  gint64 user = add_user (store, "officer", unit, XB_ROLE_BIT (XB_ROLE_OFFICER));
  g_autoptr(XbItem) a = make_item (unit, user, "甲", 0);
  g_autoptr(XbItem) b = make_item (unit, user, "乙", 0);
  g_autoptr(GPtrArray) two = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_attachment_free);
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_attachment_free);
  g_autoptr(GPtrArray) listed = NULL;
  g_auto(GStrv) holders = NULL, none = NULL;

  g_assert_true (xb_store_put_item (store, a, &error));
  g_assert_true (xb_store_put_item (store, b, &error));
  g_ptr_array_add (two, attachment ("x", "报告.pdf", 10));
  g_ptr_array_add (two, attachment ("y", "图片.png", 20));
  g_ptr_array_add (one, attachment ("x", "报告.pdf", 10));
  g_assert_true (xb_store_set_attachments (store, a->uuid, two, &error));
  g_assert_true (xb_store_set_attachments (store, b->uuid, one, &error));
  g_assert_no_error (error);

  listed = xb_store_list_attachments (store, a->uuid, &error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpstr (((XbAttachment *) listed->pdata[0])->filename, ==, "图片.png");
  g_assert_cmpint (((XbAttachment *) listed->pdata[1])->size, ==, 10);
  holders = xb_store_attachment_items (store, ((XbAttachment *) one->pdata[0])->sha256, &error);
  g_assert_cmpuint (g_strv_length (holders), ==, 2);

  /* Setting again replaces the list. */
  g_assert_true (xb_store_set_attachments (store, a->uuid, NULL, &error));
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = xb_store_list_attachments (store, a->uuid, &error);
  g_assert_cmpuint (listed->len, ==, 0);
  none = xb_store_attachment_items (store, ((XbAttachment *) two->pdata[1])->sha256, &error);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  /* An unknown item is refused and changes nothing. */
  g_assert_false (xb_store_set_attachments (store, "no-such-item", one, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_CONFLICT);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, fn) g_test_add ("/store/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("create", test_create);
  ADD ("migrate-from-every-version", test_migrate_from_every_version);
  ADD ("refuse-newer", test_refuse_newer);
  ADD ("crash-mid-transaction", test_crash_mid_transaction);
  ADD ("items-and-events", test_items_and_events);
  ADD ("query", test_query);
  ADD ("query-common-term", test_query_common_term);
  ADD ("forget-unsent", test_forget_unsent);
  ADD ("users-units-roster", test_users_units_roster);
  ADD ("policy", test_policy);
  ADD ("change-feed", test_change_feed);
  ADD ("sessions-and-actions", test_sessions_and_actions);
  ADD ("outbox", test_outbox);
  ADD ("publications-and-priorities", test_publications);
  ADD ("issues", test_issues);
  ADD ("outcomes", test_outcomes);
  ADD ("attachments", test_attachments);
  return g_test_run ();
}
