/* CSV import tests on a real SQLite file: good rows, each kind of bad row, BOM, GB18030, a file in no known encoding, and nothing written until the apply. */
#include "config.h"

#include <string.h>

#include "xb-csv-import.h"

typedef struct {
  char    *dir;
  XbStore *store;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(XbUnit) unit = xb_unit_new ();

  f->dir = g_dir_make_tmp ("xb-csv-XXXXXX", NULL);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = xb_store_open (path, &error);
  g_assert_no_error (error);
  unit->name = g_strdup ("成县人民政府办公室");
  unit->kind = XB_UNIT_KIND_COUNTY;
  g_assert_true (xb_store_put_unit (f->store, unit, &error));
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->store);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->dir);
}

static XbCsvPreview *
preview (Fixture *f, XbCsvKind kind, const char *text, gssize len, GError **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len < 0 ? strlen (text) : (gsize) len);

  return xb_csv_preview (f->store, kind, bytes, error);
}

static guint
count_units (Fixture *f)
{
  g_autoptr(GPtrArray) units = xb_store_list_units (f->store, NULL);

  return units->len;
}

static void
test_good_units (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  /* A BOM, CRLF line ends, columns in another order, a quoted name with a
   * comma, a parent defined earlier in the file, a blank line. */
  g_autoptr(XbCsvPreview) p = preview (f,
    XB_CSV_UNITS,
    "\xEF\xBB\xBFkind,name,monthly_quota,parent\r\n"
    "county,徽县人民政府办公室,8,\r\n"
    "\r\n"
    "direct_point,\"徽县江洛镇,信息点\",,徽县人民政府办公室\r\n", -1, &error);
  g_autoptr(XbUser) none = NULL;
  g_autoptr(GPtrArray) units = NULL;
  XbCsvRow *row;
  gboolean found_point = FALSE;

  g_assert_no_error (error);
  g_assert_cmpstr (p->encoding, ==, "UTF-8");
  g_assert_cmpuint (p->rows->len, ==, 2);
  g_assert_cmpuint (p->n_errors, ==, 0);
  row = p->rows->pdata[1];
  g_assert_cmpuint (row->line, ==, 4);
  g_assert_cmpstr (row->fields[0], ==, "徽县江洛镇,信息点");
  g_assert_cmpstr (row->fields[1], ==, "direct_point");
  /* Nothing written by the preview. */
  g_assert_cmpuint (count_units (f), ==, 1);
  g_assert_true (xb_csv_apply (f->store, p, &error));
  g_assert_no_error (error);
  units = xb_store_list_units (f->store, NULL);
  g_assert_cmpuint (units->len, ==, 3);
  for (guint i = 0; i < units->len; i++)
    {
      XbUnit *u = units->pdata[i];
      if (g_str_equal (u->name, "徽县人民政府办公室"))
        g_assert_cmpint (u->monthly_quota, ==, 8);
      if (g_str_equal (u->name, "徽县江洛镇,信息点"))
        {
          found_point = TRUE;
          g_assert_cmpint (u->kind, ==, XB_UNIT_KIND_DIRECT_POINT);
          g_assert_cmpint (u->parent_id, !=, 0);
        }
    }
  g_assert_true (found_point);
}

static void
test_bad_units (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbCsvPreview) p = preview (f,
    XB_CSV_UNITS,
    "name,kind,parent,monthly_quota\n"
    "市财政局,department,,\n"              /* fine */
    ",department,,\n"                      /* no name */
    "市财政局,department,,\n"              /* twice in the file */
    "成县人民政府办公室,county,,\n"        /* already exists */
    "市教育局,ministry,,\n"                /* unknown kind */
    "市交通运输局,department,不存在的县,\n" /* unknown parent */
    "市水务局,department,,many\n"          /* bad quota */
    "市林业局,department,,,extra\n",       /* too many fields */
    -1, &error);
  static const char *const reasons[] = {
    NULL, "missing", "twice", "already exists", "Unknown kind", "does not exist", "whole number", "fields",
  };

  g_assert_no_error (error);
  g_assert_cmpuint (p->rows->len, ==, G_N_ELEMENTS (reasons));
  g_assert_cmpuint (p->n_errors, ==, G_N_ELEMENTS (reasons) - 1);
  for (guint i = 0; i < p->rows->len; i++)
    {
      XbCsvRow *row = p->rows->pdata[i];
      g_assert_cmpuint (row->line, ==, i + 2);
      if (reasons[i] == NULL)
        g_assert_null (row->error);
      else if (row->error == NULL || strstr (row->error, reasons[i]) == NULL)
        g_error ("line %u: expected an error about “%s”, got “%s”", row->line, reasons[i], row->error);
    }
  /* One bad row: nothing at all is written. */
  g_assert_false (xb_csv_apply (f->store, p, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
  g_assert_cmpuint (count_units (f), ==, 1);
}

static void
test_users (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbCsvPreview) bad = preview (f,
    XB_CSV_USERS,
    "username,display_name,unit,roles\n"
    "lijing,李静,成县人民政府办公室,officer\n"
    "lijing,李静,成县人民政府办公室,officer\n"
    "wang,王建国,不存在的单位,officer\n"
    "zhao,赵敏,成县人民政府办公室,chef\n"
    "qian,,成县人民政府办公室,officer\n", -1, &error);
  g_autoptr(XbCsvPreview) good = NULL;
  g_autoptr(XbUser) user = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (bad->n_errors, ==, 4);
  g_assert_null (((XbCsvRow *) bad->rows->pdata[0])->error);

  good = preview (f, XB_CSV_USERS,
                  "username,display_name,unit,roles\n"
                  "lijing,李静,成县人民政府办公室,officer;unit_leader\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (good->n_errors, ==, 0);
  g_assert_true (xb_csv_apply (f->store, good, &error));
  g_assert_no_error (error);
  user = xb_store_find_user (f->store, "lijing", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->display_name, ==, "李静");
  g_assert_cmpuint (user->roles, ==, XB_ROLE_BIT (XB_ROLE_OFFICER) | XB_ROLE_BIT (XB_ROLE_UNIT_LEADER));
}

static void
test_encodings (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *utf8 = "name,kind,parent,monthly_quota\n市审计局,department,,\n";
  g_autofree char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, NULL, &error);
  g_autoptr(XbCsvPreview) p = NULL, q = NULL;
  /* Latin-1 bytes that make sense in neither encoding: 0xFF is never valid. */
  static const char junk[] = "name,kind,parent,monthly_quota\n\xFF\xFF\xFF,department,,\n";

  g_assert_no_error (error);
  g_assert_false (g_utf8_validate (gb, -1, NULL));
  p = preview (f, XB_CSV_UNITS, gb, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p->encoding, ==, "GB18030");
  g_assert_cmpstr (((XbCsvRow *) p->rows->pdata[0])->fields[0], ==, "市审计局");

  q = preview (f, XB_CSV_UNITS, junk, sizeof junk - 1, &error);
  g_assert_null (q);
  g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);

  g_assert_null (preview (f, XB_CSV_UNITS, "name,kind\n", -1, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (preview (f, XB_CSV_UNITS, "name,kind,parent,monthly_quota\n\"市审计局,department,,\n", -1, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (preview (f, XB_CSV_UNITS, "", 0, &error));
  g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/csv/good-units", Fixture, NULL, fixture_setup, test_good_units, fixture_teardown);
  g_test_add ("/csv/bad-units", Fixture, NULL, fixture_setup, test_bad_units, fixture_teardown);
  g_test_add ("/csv/users", Fixture, NULL, fixture_setup, test_users, fixture_teardown);
  g_test_add ("/csv/encodings", Fixture, NULL, fixture_setup, test_encodings, fixture_teardown);
  return g_test_run ();
}
