/* Rescue tests on real SQLite files: a damaged store is detected, kept aside, its unsent work salvaged into a fresh store. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "xb-store-rescue.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("xb-rescue-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "account.db", NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->dir);
  g_free (f->path);
}

/* A client store with an account, a unit, a user, one item with an unsent
 * change and one item the server already has. */
static char *
fill_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (path, &error);
  g_autoptr(XbUnit) unit = xb_unit_new ();
  g_autoptr(XbUser) user = xb_user_new ();
  g_autoptr(XbItem) unsent = xb_item_new ();
  g_autoptr(XbItem) synced = xb_item_new ();
  g_autofree char *user_id = NULL;

  g_assert_no_error (error);
  unit->name = g_strdup ("武都区政府办公室");
  unit->kind = XB_UNIT_KIND_COUNTY;
  g_assert_true (xb_store_put_unit (store, unit, &error));
  user->username = g_strdup ("officer");
  user->display_name = g_strdup ("李晓梅");
  user->unit_id = unit->id;
  user->roles = XB_ROLE_OFFICER;
  g_assert_true (xb_store_put_user (store, user, NULL, &error));
  user_id = g_strdup_printf ("%" G_GINT64_FORMAT, user->id);
  g_assert_true (xb_store_set_meta (store, "token", "secret-token", &error));
  g_assert_true (xb_store_set_meta (store, "server_url", "https://xinxi.example.gov.cn", &error));
  g_assert_true (xb_store_set_meta (store, "user_id", user_id, &error));
  g_assert_true (xb_store_set_meta (store, "cursor", "4711", &error));

  for (int i = 0; i < 2; i++)
    {
      XbItem *item = i == 0 ? unsent : synced;
      item->uuid = xb_uuid_new ();
      item->unit_id = unit->id;
      item->author_id = user->id;
      item->title = g_strdup (i == 0 ? "武都区花椒产业带动群众增收" : "已同步的信息");
      item->body = g_strdup ("今年以来，全区花椒产业持续发展。");
      item->state = XB_STATE_DRAFT;
      item->revision = 1;
      item->created_at = item->updated_at = 1000;
      g_assert_true (xb_store_put_item (store, item, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (xb_store_outbox_add (store, "op-1", "PUT", "/api/v1/items/x", "{\"title\":\"武都区\"}",
                                        unsent->uuid, &error), >, 0);
  g_assert_no_error (error);
  return g_strdup (unsent->uuid);
}

/* Overwrites one page of the file with garbage. */
static void
damage_page (const char *path, gint64 page)
{
  g_autofree char *garbage = g_malloc (4096);
  FILE *file = fopen (path, "r+b");

  memset (garbage, 0x5a, 4096);
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (page - 1) * 4096, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (garbage, 1, 4096, file), ==, 4096);
  fclose (file);
}

static gint64
root_page (const char *path, const char *index)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 page = 0;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_master WHERE name = ?1", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, index, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    page = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (page, >, 1);
  return page;
}

static guint
count_items (XbStore *store)
{
  XbItemQuery everything;

  xb_item_query_init (&everything);
  return xb_store_count_items (store, &everything, NULL);
}

static void
assert_kept (Fixture *f, const XbStoreRescue *rescue)
{
  g_autofree char *prefix = g_strconcat (f->path, ".damaged-", NULL);

  g_assert_nonnull (rescue->kept_path);
  g_assert_true (g_str_has_prefix (rescue->kept_path, prefix));
  g_assert_true (g_file_test (rescue->kept_path, G_FILE_TEST_IS_REGULAR));
}

static void
test_damaged_page (Fixture *f, gconstpointer data)
{
  g_autofree char *uuid = fill_store (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) damaged = NULL;
  g_autoptr(XbStore) rescued = NULL;
  g_autoptr(XbItem) item = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autofree char *token = NULL;
  g_autofree char *cursor = NULL;
  XbStoreRescue rescue = { 0 };

  damage_page (f->path, root_page (f->path, "roster_unit"));

  /* It still opens; the check finds the damage. */
  damaged = xb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (xb_store_quick_check (damaged, XB_STORE_CHECK_MAX_BYTES, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_CORRUPT);
  g_clear_error (&error);
  g_clear_object (&damaged);

  rescued = xb_store_rescue (f->path, &rescue, &error);
  g_assert_no_error (error);
  assert_kept (f, &rescue);
  g_assert_true (rescue.account);
  g_assert_cmpuint (rescue.n_outbox, ==, 1);
  g_assert_cmpuint (rescue.n_items, ==, 1);
  g_assert_true (xb_store_quick_check (rescued, XB_STORE_CHECK_MAX_BYTES, &error));
  g_assert_true (xb_store_integrity_check (rescued, &error));
  g_assert_no_error (error);

  /* The sign-in and the unsent work came across; the feed starts over. */
  token = xb_store_get_meta (rescued, "token");
  g_assert_cmpstr (token, ==, "secret-token");
  cursor = xb_store_get_meta (rescued, "cursor");
  g_assert_null (cursor);
  item = xb_store_get_item (rescued, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (item->title, ==, "武都区花椒产业带动群众增收");
  outbox = xb_store_outbox_list (rescued, TRUE, &error);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_cmpstr (((XbOutboxEntry *) outbox->pdata[0])->op_id, ==, "op-1");
  g_assert_cmpint (count_items (rescued), ==, 1);
  xb_store_rescue_clear (&rescue);
}

static void
test_not_a_database (Fixture *f, gconstpointer data)
{
  g_autofree char *uuid = fill_store (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) damaged = NULL;
  g_autoptr(XbStore) rescued = NULL;
  XbStoreRescue rescue = { 0 };

  damage_page (f->path, 1);
  damaged = xb_store_open (f->path, &error);
  g_assert_null (damaged);
  g_assert_error (error, XB_ERROR, XB_ERROR_CORRUPT);
  g_clear_error (&error);

  rescued = xb_store_rescue (f->path, &rescue, &error);
  g_assert_no_error (error);
  assert_kept (f, &rescue);
  /* Nothing could be read, and the new store is whole and empty. */
  g_assert_false (rescue.account);
  g_assert_cmpuint (rescue.n_outbox, ==, 0);
  g_assert_true (xb_store_integrity_check (rescued, &error));
  g_assert_cmpint (count_items (rescued), ==, 0);
  xb_store_rescue_clear (&rescue);
}

static void
test_healthy (Fixture *f, gconstpointer data)
{
  g_autofree char *uuid = fill_store (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (f->path, &error);

  g_assert_true (xb_store_quick_check (store, XB_STORE_CHECK_MAX_BYTES, &error));
  g_assert_no_error (error);
  /* Over the size limit the check is skipped, not failed. */
  damage_page (f->path, root_page (f->path, "roster_unit"));
  g_assert_true (xb_store_quick_check (store, 1, &error));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, fn) g_test_add ("/rescue/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("damaged-page", test_damaged_page);
  ADD ("not-a-database", test_not_a_database);
  ADD ("healthy", test_healthy);
  return g_test_run ();
}
