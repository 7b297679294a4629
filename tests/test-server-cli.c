/* Administration commands of xinbao-server (add-unit, add-user, reset-password, disable/enable, lists) on a temporary data directory. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>

#include "xb-demo.h"
#include "xb-password.h"
#include "xb-stats-export.h"
#include "xb-store.h"
#include "xb-test-server.h"

typedef struct {
  int   status;  /* exit status, or -1 when killed */
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs "xinbao-server ARGS…" with @input on standard input (closed at once
 * when NULL). */
static void G_GNUC_NULL_TERMINATED
cli (Run *run, const char *input, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("XINBAO_SERVER");
  va_list args;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, (char *) bin);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  run_clear (run);
  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  /* The command may exit before reading (a usage error): a broken pipe is
   * fine.  The input is small, so this write never waits for the reader. */
  if (input != NULL)
    {
      GOutputStream *in = g_subprocess_get_stdin_pipe (process);
      g_output_stream_write_all (in, input, strlen (input), NULL, NULL, NULL);
    }
  /* With no input this closes standard input. */
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  if (g_test_verbose ())
    g_test_message ("%s %s → %d\nout: %s\nerr: %s", first, argv->len > 2 ? (char *) argv->pdata[2] : "",
                    run->status, run->out, run->err);
}

static XbStore *
open_store (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "xinbao.db", NULL);
  g_autoptr(GError) error = NULL;
  XbStore *store = xb_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
parse_id (const char *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (out));
  guint64 id = 0;

  g_assert_true (g_ascii_string_to_unsigned (copy, 10, 1, G_MAXINT64, &id, NULL));
  return (gint64) id;
}

static char *
write_file (const char *dir, const char *name, const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* A fresh directory holding data/ with an office (id 1) and a county (id 2). */
typedef struct {
  char *root;
  char *data;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer user_data)
{
  g_auto(Run) run = { 0 };

  f->root = g_dir_make_tmp ("xb-cli-XXXXXX", NULL);
  g_assert_nonnull (f->root);
  f->data = g_build_filename (f->root, "data", NULL);
  if (user_data != NULL)
    return; /* empty */
  cli (&run, NULL, "add-unit", "--data-dir", f->data, "--name", "市政府办公室", "--kind", "office", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (parse_id (run.out), ==, 1);
  cli (&run, NULL, "add-unit", "--data-dir", f->data, "--name", "东城区政府办", "--kind", "county", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (parse_id (run.out), ==, 2);
}

static void
fixture_teardown (Fixture *f, gconstpointer user_data)
{
  xb_test_rm_rf (f->root);
  g_free (f->root);
  g_free (f->data);
}

static gint64
add_user (Fixture *f, const char *username, const char *unit, const char *roles, const char *password)
{
  g_auto(Run) run = { 0 };
  g_autofree char *input = g_strconcat (password, "\n", NULL);

  cli (&run, input, "add-user", "--data-dir", f->data, "--username", username, "--name", username,
       "--unit", unit, "--roles", roles, NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  return parse_id (run.out);
}

static gboolean
password_is (Fixture *f, gint64 user_id, const char *password)
{
  g_autoptr(XbStore) store = open_store (f->data);
  g_autofree char *hash = xb_store_get_password_hash (store, user_id);

  return xb_password_verify (hash, password);
}

/* ---- usage ------------------------------------------------------------------ */

static void
assert_usage (Run *run, const char *message)
{
  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (strstr (run->err, message));
  g_assert_cmpstr (run->out, ==, "");
}

static void
test_usage (Fixture *f, gconstpointer user_data)
{
  g_auto(Run) run = { 0 };

  cli (&run, NULL, "list-users", NULL);
  assert_usage (&run, "--data-dir is required");
  cli (&run, NULL, "frobnicate", "--data-dir", f->data, NULL);
  assert_usage (&run, "unknown command “frobnicate”");
  g_assert_nonnull (strstr (run.err, "add-user"));
  cli (&run, NULL, "list-users", "--data-dir", f->data, "extra", NULL);
  assert_usage (&run, "unexpected argument “extra”");
  cli (&run, NULL, "list-units", "--data-dir", f->data, "--bogus", NULL);
  assert_usage (&run, "Unknown option --bogus");

  cli (&run, NULL, "add-unit", "--data-dir", f->data, "--kind", "county", NULL);
  assert_usage (&run, "--name is required");
  cli (&run, NULL, "add-unit", "--data-dir", f->data, "--name", "X", NULL);
  assert_usage (&run, "--kind is required");
  cli (&run, NULL, "add-unit", "--data-dir", f->data, "--name", "X", "--kind", "village", NULL);
  assert_usage (&run, "unknown unit kind “village”");
  cli (&run, NULL, "add-unit", "--data-dir", f->data, "--name", "  ", "--kind", "county", NULL);
  assert_usage (&run, "--name may not be empty");
  cli (&run, NULL, "add-unit", "--data-dir", f->data, "--name", "X", "--kind", "county", "--quota", "-3", NULL);
  assert_usage (&run, "--quota");
  cli (&run, NULL, "add-unit", "--data-dir", f->data, "--name", "X", "--kind", "county", "--parent", "two", NULL);
  assert_usage (&run, "--parent");

  cli (&run, "long-enough-1\n", "add-user", "--data-dir", f->data, "--name", "X", "--unit", "1",
       "--roles", "admin", NULL);
  assert_usage (&run, "--username is required");
  cli (&run, "long-enough-1\n", "add-user", "--data-dir", f->data, "--username", "x", "--name", "X",
       "--unit", "1", "--roles", "admin,superuser", NULL);
  assert_usage (&run, "--roles takes");
  cli (&run, "long-enough-1\n", "add-user", "--data-dir", f->data, "--username", "a b", "--name", "X",
       "--unit", "1", "--roles", "admin", NULL);
  assert_usage (&run, "--username may not contain spaces");
  cli (&run, "long-enough-1\n", "add-user", "--data-dir", f->data, "--username", "x", "--name", "X",
       "--roles", "admin", NULL);
  assert_usage (&run, "--unit is required");
  cli (&run, NULL, "reset-password", "--data-dir", f->data, NULL);
  assert_usage (&run, "--username is required");
  cli (&run, NULL, "disable-user", "--data-dir", f->data, "--username", "x", "--password-file", "/dev/null", NULL);
  assert_usage (&run, "Unknown option --password-file");

  /* Nothing of the above wrote anything. */
  {
    g_autoptr(XbStore) store = open_store (f->data);
    g_autoptr(GPtrArray) units = xb_store_list_units (store, NULL);
    g_autoptr(GPtrArray) users = xb_store_list_users (store, NULL);
    g_assert_cmpuint (units->len, ==, 2);
    g_assert_cmpuint (users->len, ==, 0);
  }

  cli (&run, NULL, "help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (const char *c = "add-unit\0add-user\0reset-password\0disable-user\0enable-user\0list-users\0list-units\0";
       *c != '\0'; c += strlen (c) + 1)
    g_assert_nonnull (strstr (run.out, c));
}

/* A password can be given only on standard input or in a file: there is no
 * option that would put it in the argument list that ps shows. */
static void
test_no_password_option (Fixture *f, gconstpointer user_data)
{
  g_auto(Run) run = { 0 };
  const char *commands[] = { "add-user", "reset-password" };

  cli (&run, NULL, "add-user", "--data-dir", f->data, "--username", "x", "--name", "X", "--unit", "1",
       "--roles", "admin", "--password", "long-enough-1", NULL);
  assert_usage (&run, "Unknown option --password");
  cli (&run, NULL, "add-user", "--data-dir", f->data, "--username", "x", "--name", "X", "--unit", "1",
       "--roles", "admin", "--password=long-enough-1", NULL);
  assert_usage (&run, "Unknown option --password");
  cli (&run, NULL, "reset-password", "--data-dir", f->data, "--username", "x", "--password", "long-enough-1", NULL);
  assert_usage (&run, "Unknown option --password");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      cli (&run, NULL, commands[i], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "--password-file"));
      g_assert_null (strstr (run.out, "--password="));
    }
  {
    g_autoptr(XbStore) store = open_store (f->data);
    g_autoptr(GPtrArray) users = xb_store_list_users (store, NULL);
    g_assert_cmpuint (users->len, ==, 0);
  }
}

static void
test_missing_data_dir (Fixture *f, gconstpointer user_data)
{
  g_auto(Run) run = { 0 };
  const char *readers[] = { "list-users", "list-units" };

  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      cli (&run, NULL, readers[i], "--data-dir", f->data, NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, "no Xinbao database"));
    }
  cli (&run, "long-enough-1\n", "add-user", "--data-dir", f->data, "--username", "x", "--name", "X",
       "--unit", "1", "--roles", "admin", NULL);
  g_assert_cmpint (run.status, ==, 1);
  /* Only add-unit creates a data directory. */
  g_assert_false (g_file_test (f->data, G_FILE_TEST_EXISTS));
}

/* ---- units ------------------------------------------------------------------ */

static void
test_add_unit (Fixture *f, gconstpointer user_data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *nested = g_build_filename (f->root, "a", "b", "data", NULL);
  g_autoptr(XbStore) store = NULL;
  g_autoptr(XbUnit) office = NULL, county = NULL, point = NULL;
  g_autoptr(GError) error = NULL;
  gint64 office_id, county_id, point_id;
  GStatBuf st;

  cli (&run, NULL, "add-unit", "--data-dir", nested, "--name", "市政府办公室", "--kind", "office", NULL);
  g_assert_cmpint (run.status, ==, 0);
  office_id = parse_id (run.out);
  g_assert_cmpint (g_stat (nested, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0); /* the data directory is private */
  cli (&run, NULL, "add-unit", "--data-dir", nested, "--name", "东城区政府办", "--kind", "county",
       "--quota", "25", NULL);
  g_assert_cmpint (run.status, ==, 0);
  county_id = parse_id (run.out);
  {
    g_autofree char *parent = g_strdup_printf ("%" G_GINT64_FORMAT, county_id);
    cli (&run, NULL, "add-unit", "-d", nested, "--name", "东城区和平街道", "--kind", "direct_point",
         "--parent", parent, NULL);
  }
  g_assert_cmpint (run.status, ==, 0);
  point_id = parse_id (run.out);

  /* Refused: a taken name, a parent that does not exist. */
  cli (&run, NULL, "add-unit", "--data-dir", nested, "--name", "东城区政府办", "--kind", "department", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "already exists"));
  cli (&run, NULL, "add-unit", "--data-dir", nested, "--name", "别处", "--kind", "enterprise",
       "--parent", "99", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");

  store = open_store (nested);
  office = xb_store_get_unit (store, office_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (office->name, ==, "市政府办公室");
  g_assert_cmpint (office->kind, ==, XB_UNIT_KIND_OFFICE);
  g_assert_cmpint (office->monthly_quota, ==, -1);
  g_assert_cmpint (office->parent_id, ==, 0);
  county = xb_store_get_unit (store, county_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (county->kind, ==, XB_UNIT_KIND_COUNTY);
  g_assert_cmpint (county->monthly_quota, ==, 25);
  point = xb_store_get_unit (store, point_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (point->kind, ==, XB_UNIT_KIND_DIRECT_POINT);
  g_assert_cmpint (point->parent_id, ==, county_id);
  {
    g_autoptr(GPtrArray) units = xb_store_list_units (store, NULL);
    g_assert_cmpuint (units->len, ==, 3);
  }
  g_clear_object (&store);

  cli (&run, NULL, "list-units", "--data-dir", nested, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "ID"));
  g_assert_nonnull (strstr (run.out, "东城区和平街道"));
  g_assert_nonnull (strstr (run.out, "direct_point"));
  g_assert_nonnull (strstr (run.out, " 25 "));
  g_assert_nonnull (strstr (run.out, "(default)"));
}

/* ---- users ------------------------------------------------------------------ */

static void
test_add_user (Fixture *f, gconstpointer user_data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(XbStore) store = NULL;
  g_autoptr(XbUser) li = NULL, admin = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = write_file (f->root, "pw", "admin-pass-99\r\nsecond line ignored\n");
  gint64 id;

  cli (&run, "secret-pass1\n", "add-user", "--data-dir", f->data, "--username", "li",
       "--name", "李信息员", "--unit", "2", "--roles", "officer,unit_leader", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "secret-pass1"));
  g_assert_null (strstr (run.err, "secret-pass1"));
  id = parse_id (run.out);
  g_assert_true (password_is (f, id, "secret-pass1"));

  /* From a file: its first line, without the line end. */
  cli (&run, "not-this-one\n", "add-user", "--data-dir", f->data, "--username", "admin",
       "--name", "Administrator", "--unit", "1", "--roles", "admin, editor", "--password-file", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (password_is (f, parse_id (run.out), "admin-pass-99"));

  /* Without a final newline on standard input. */
  cli (&run, "no-newline-pass", "add-user", "--data-dir", f->data, "--username", "wang",
       "--name", "王", "--unit", "2", "--roles", "officer", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (password_is (f, parse_id (run.out), "no-newline-pass"));

  store = open_store (f->data);
  li = xb_store_find_user (store, "li", &error);
  g_assert_no_error (error);
  g_assert_cmpint (li->id, ==, id);
  g_assert_cmpstr (li->display_name, ==, "李信息员");
  g_assert_cmpint (li->unit_id, ==, 2);
  g_assert_cmpuint (li->roles, ==, XB_ROLE_BIT (XB_ROLE_OFFICER) | XB_ROLE_BIT (XB_ROLE_UNIT_LEADER));
  g_assert_false (li->disabled);
  g_assert_true (xb_store_unit_has_leader (store, 2));
  admin = xb_store_find_user (store, "admin", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (admin->roles, ==, XB_ROLE_BIT (XB_ROLE_ADMIN) | XB_ROLE_BIT (XB_ROLE_EDITOR));
  g_clear_object (&store);
}

static void
test_add_user_refused (Fixture *f, gconstpointer user_data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *missing = g_build_filename (f->root, "no-such-file", NULL);
  g_autofree char *empty = write_file (f->root, "empty", "");

  add_user (f, "li", "2", "officer", "secret-pass1");

  /* A weak password, none at all, an empty file, a missing file. */
  cli (&run, "short\n", "add-user", "--data-dir", f->data, "--username", "x", "--name", "X",
       "--unit", "1", "--roles", "viewer", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "at least 8 characters"));
  g_assert_null (strstr (run.err, "short"));
  cli (&run, NULL, "add-user", "--data-dir", f->data, "--username", "x", "--name", "X",
       "--unit", "1", "--roles", "viewer", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no password"));
  cli (&run, NULL, "add-user", "--data-dir", f->data, "--username", "x", "--name", "X",
       "--unit", "1", "--roles", "viewer", "--password-file", empty, NULL);
  g_assert_cmpint (run.status, ==, 1);
  cli (&run, NULL, "add-user", "--data-dir", f->data, "--username", "x", "--name", "X",
       "--unit", "1", "--roles", "viewer", "--password-file", missing, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "cannot open"));

  /* A taken username, a unit that does not exist. */
  cli (&run, "secret-pass2\n", "add-user", "--data-dir", f->data, "--username", "li", "--name", "Other",
       "--unit", "1", "--roles", "viewer", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "already exists"));
  cli (&run, "secret-pass2\n", "add-user", "--data-dir", f->data, "--username", "x", "--name", "X",
       "--unit", "42", "--roles", "viewer", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");

  {
    g_autoptr(XbStore) store = open_store (f->data);
    g_autoptr(GPtrArray) users = xb_store_list_users (store, NULL);
    g_autoptr(XbUser) li = xb_store_find_user (store, "li", NULL);
    g_assert_cmpuint (users->len, ==, 1);
    g_assert_cmpstr (li->display_name, ==, "li");
  }
  g_assert_true (password_is (f, 1, "secret-pass1"));
}

static void
test_reset_password (Fixture *f, gconstpointer user_data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *file = write_file (f->root, "pw", "from-a-file-3\n");
  g_autoptr(GError) error = NULL;
  gint64 li = add_user (f, "li", "2", "officer", "secret-pass1");
  gint64 wang = add_user (f, "wang", "2", "officer", "secret-pass2");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  {
    g_autoptr(XbStore) store = open_store (f->data);
    g_assert_true (xb_store_add_session (store, "li-token-hash", li, now + 3600, &error));
    g_assert_true (xb_store_add_session (store, "wang-token-hash", wang, now + 3600, &error));
    g_assert_no_error (error);
  }

  /* A weak new password changes nothing. */
  cli (&run, "weak\n", "reset-password", "--data-dir", f->data, "--username", "li", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (password_is (f, li, "secret-pass1"));
  {
    g_autoptr(XbStore) store = open_store (f->data);
    g_assert_cmpint (xb_store_session_user (store, "li-token-hash", now, NULL), ==, li);
  }

  cli (&run, "brand-new-pass\n", "reset-password", "--data-dir", f->data, "--username", "li", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "brand-new-pass"));
  g_assert_true (password_is (f, li, "brand-new-pass"));
  g_assert_false (password_is (f, li, "secret-pass1"));
  {
    g_autoptr(XbStore) store = open_store (f->data);
    g_autoptr(XbUser) user = xb_store_get_user (store, li, NULL);
    /* Signed out; the other user is not. */
    g_assert_cmpint (xb_store_session_user (store, "li-token-hash", now, NULL), ==, 0);
    g_assert_cmpint (xb_store_session_user (store, "wang-token-hash", now, NULL), ==, wang);
    /* The rest of the account is as it was. */
    g_assert_cmpstr (user->display_name, ==, "li");
    g_assert_cmpuint (user->roles, ==, XB_ROLE_BIT (XB_ROLE_OFFICER));
  }

  cli (&run, NULL, "reset-password", "--data-dir", f->data, "--username", "wang", "--password-file", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (password_is (f, wang, "from-a-file-3"));

  cli (&run, "brand-new-pass\n", "reset-password", "--data-dir", f->data, "--username", "nobody", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "no user named “nobody”"));
}

static void
test_disable_enable (Fixture *f, gconstpointer user_data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 li = add_user (f, "li", "2", "officer,unit_leader", "secret-pass1");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  {
    g_autoptr(XbStore) store = open_store (f->data);
    g_assert_true (xb_store_add_session (store, "li-token-hash", li, now + 3600, &error));
    g_assert_no_error (error);
    g_assert_true (xb_store_unit_has_leader (store, 2));
  }

  cli (&run, NULL, "disable-user", "--data-dir", f->data, "--username", "li", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(XbStore) store = open_store (f->data);
    g_autoptr(XbUser) user = xb_store_get_user (store, li, NULL);
    g_assert_true (user->disabled);
    g_assert_cmpint (xb_store_session_user (store, "li-token-hash", now, NULL), ==, 0);
    g_assert_false (xb_store_unit_has_leader (store, 2));
  }
  cli (&run, NULL, "list-users", "--data-dir", f->data, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "yes"));

  cli (&run, NULL, "enable-user", "--data-dir", f->data, "--username", "li", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(XbStore) store = open_store (f->data);
    g_autoptr(XbUser) user = xb_store_get_user (store, li, NULL);
    g_assert_false (user->disabled);
    g_assert_cmpuint (user->roles, ==, XB_ROLE_BIT (XB_ROLE_OFFICER) | XB_ROLE_BIT (XB_ROLE_UNIT_LEADER));
  }
  g_assert_true (password_is (f, li, "secret-pass1"));

  cli (&run, NULL, "enable-user", "--data-dir", f->data, "--username", "nobody", NULL);
  g_assert_cmpint (run.status, ==, 1);
}

/* Columns on a terminal, CJK characters counting two. */
static guint
width_of (const char *s, const char *end)
{
  guint w = 0;

  for (; s < end; s = g_utf8_next_char (s))
    w += g_unichar_iswide (g_utf8_get_char (s)) ? 2 : 1;
  return w;
}

static void
test_list_users (Fixture *f, gconstpointer user_data)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  guint column = 0;

  add_user (f, "admin", "1", "admin", "secret-pass1");
  add_user (f, "li", "2", "officer,unit_leader", "secret-pass2");
  {
    g_auto(Run) named = { 0 };
    cli (&named, "secret-pass3\n", "add-user", "--data-dir", f->data, "--username", "zhang",
         "--name", "张三丰信息员", "--unit", "2", "--roles", "officer", NULL);
    g_assert_cmpint (named.status, ==, 0);
  }

  cli (&run, NULL, "list-users", "--data-dir", f->data, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5); /* header, three users, the final empty string */
  g_assert_true (g_str_has_prefix (lines[0], "ID"));
  for (const char *h = "USERNAME\0NAME\0UNIT\0ROLES\0DISABLED\0"; *h != '\0'; h += strlen (h) + 1)
    g_assert_nonnull (strstr (lines[0], h));
  g_assert_nonnull (strstr (run.out, "张三丰信息员"));
  g_assert_nonnull (strstr (run.out, "2 东城区政府办"));
  g_assert_nonnull (strstr (run.out, "1 市政府办公室"));
  g_assert_nonnull (strstr (run.out, "officer,unit_leader"));
  g_assert_null (strstr (run.out, "$argon2"));

  /* The last column starts at the same place on every line, Chinese or not. */
  for (guint i = 0; i < 4; i++)
    {
      const char *last = strrchr (lines[i], ' ') + 1;
      guint w = width_of (lines[i], last);
      if (i == 0)
        column = w;
      g_assert_cmpuint (w, ==, column);
    }
}

/* Sends @method @path with an optional JSON body and bearer token; returns the status. */
static guint
http (XbTestServer *server, const char *method, const char *path, const char *json,
      const char *token, char **body_out)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (server->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (json != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (body_out != NULL)
    *body_out = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return soup_message_get_status (msg);
}

static char *
sign_in (XbTestServer *server, const char *username, const char *password, guint expected)
{
  g_autofree char *json = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}",
                                           username, password);
  g_autofree char *body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (http (server, "POST", "/api/v1/session", json, NULL, &body), ==, expected);
  if (expected != 200)
    return NULL;
  json_parser_load_from_data (parser, body, -1, &error);
  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                  "token"));
}

/* The commands work while the server has the database open, and the server
 * honours what they did at once: a new account signs in, a reset password
 * or a disabled account ends its sessions. */
/* ---- reports ------------------------------------------------------------------ */

/* The report command writes what the statistics module computes: the same
 * CSV, byte for byte, and a PDF. */
static void
test_report (Fixture *f, gconstpointer user_data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *db = g_build_filename (f->data, "xinbao.db", NULL);
  g_autoptr(XbStore) store = NULL;
  g_autoptr(GPtrArray) figures = NULL, scores = NULL;
  g_autofree char *csv = NULL, *assessment = NULL;
  XbDemoOptions options;
  XbPeriod q3, year;

  g_mkdir_with_parents (f->data, 0700);
  store = xb_store_open (db, NULL);
  xb_demo_options_init (&options);
  options.n_items = 2000;
  g_assert_true (xb_demo_generate (store, &options, NULL, NULL));
  xb_period_quarter (&q3, 2026, 3);
  xb_period_year (&year, 2026);
  figures = xb_stats_unit_figures (store, &q3, g_get_real_time () / G_USEC_PER_SEC, NULL, NULL);
  scores = xb_stats_assessment (store, &year, g_get_real_time () / G_USEC_PER_SEC, NULL);
  csv = xb_figures_to_csv (figures);
  assessment = xb_assessment_to_csv (scores);
  g_clear_object (&store);

  cli (&run, NULL, "report", "bulletin", "--data-dir", f->data, "--quarter", "2026Q3", "--format", "csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, csv);
  g_assert_true (g_str_has_prefix (run.out, "unit_id,unit_name,unit_kind,submitted,adopted,adoption_rate,"
                                            "quota,quota_met,rank_in_kind\n"));
  cli (&run, NULL, "report", "assessment", "--data-dir", f->data, "--year", "2026", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, assessment);
  {
    /* The PDF is bytes, not text: read it raw. */
    const char *argv[] = { g_getenv ("XINBAO_SERVER"), "report", "bulletin", "--data-dir", f->data,
                           "--quarter", "2026Q3", "--format", "pdf", NULL };
    g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, NULL);
    g_autoptr(GBytes) out = NULL;
    g_assert_true (g_subprocess_communicate (process, NULL, NULL, &out, NULL, NULL));
    g_assert_true (g_subprocess_get_successful (process));
    g_assert_cmpuint (g_bytes_get_size (out), >, 10000);
    g_assert_cmpint (memcmp (g_bytes_get_data (out, NULL), "%PDF-", 5), ==, 0);
  }

  cli (&run, NULL, "report", "bulletin", "--data-dir", f->data, "--quarter", "2026Q5", NULL);
  assert_usage (&run, "2026Q3");
  cli (&run, NULL, "report", "assessment", "--data-dir", f->data, "--year", "26", NULL);
  assert_usage (&run, "--year");
  cli (&run, NULL, "report", "bulletin", "--data-dir", f->data, "--quarter", "2026Q3", "--format", "doc", NULL);
  assert_usage (&run, "csv or pdf");
  cli (&run, NULL, "report", "digest", "--data-dir", f->data, NULL);
  assert_usage (&run, "bulletin");
  cli (&run, NULL, "report", "--data-dir", f->data, NULL);
  assert_usage (&run, "bulletin or assessment");
}

static void
test_beside_running_server (void)
{
  g_autoptr(XbTestServer) server = xb_test_server_start (NULL);
  g_auto(Run) run = { 0 };
  g_autofree char *token = NULL, *token2 = NULL;

  cli (&run, NULL, "add-unit", "--data-dir", server->data_dir, "--name", "市政府办公室", "--kind", "office", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli (&run, "secret-pass1\n", "add-user", "--data-dir", server->data_dir, "--username", "admin",
       "--name", "Admin", "--unit", "1", "--roles", "admin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli (&run, NULL, "list-users", "--data-dir", server->data_dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "admin"));

  token = sign_in (server, "admin", "secret-pass1", 200);
  g_assert_cmpuint (http (server, "GET", "/api/v1/session", NULL, token, NULL), ==, 200);

  cli (&run, "secret-pass2\n", "reset-password", "--data-dir", server->data_dir, "--username", "admin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (http (server, "GET", "/api/v1/session", NULL, token, NULL), ==, 401);
  sign_in (server, "admin", "secret-pass1", 401);
  token2 = sign_in (server, "admin", "secret-pass2", 200);

  cli (&run, NULL, "disable-user", "--data-dir", server->data_dir, "--username", "admin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (http (server, "GET", "/api/v1/session", NULL, token2, NULL), ==, 401);
  sign_in (server, "admin", "secret-pass2", 401);
  cli (&run, NULL, "enable-user", "--data-dir", server->data_dir, "--username", "admin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_free (sign_in (server, "admin", "secret-pass2", 200));

  g_assert_cmpint (xb_test_server_stop (server), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  signal (SIGPIPE, SIG_IGN); /* see cli () */
  g_assert_true (xb_password_init (NULL));

#define ADD(path, fn, empty) \
  g_test_add ("/server-cli/" path, Fixture, empty, fixture_setup, fn, fixture_teardown)
  ADD ("usage", test_usage, NULL);
  ADD ("no-password-option", test_no_password_option, NULL);
  ADD ("missing-data-dir", test_missing_data_dir, "empty");
  ADD ("add-unit", test_add_unit, "empty");
  ADD ("add-user", test_add_user, NULL);
  ADD ("add-user-refused", test_add_user_refused, NULL);
  ADD ("reset-password", test_reset_password, NULL);
  ADD ("disable-enable", test_disable_enable, NULL);
  ADD ("list-users", test_list_users, NULL);
#undef ADD
  g_test_add_func ("/server-cli/beside-running-server", test_beside_running_server);
  g_test_add ("/server-cli/report", Fixture, "empty", fixture_setup, test_report, fixture_teardown);
  return g_test_run ();
}
