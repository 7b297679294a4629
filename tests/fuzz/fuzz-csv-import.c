/* Fuzz target for the CSV import of units and people: a first byte "P" means people, anything else units; the rest is the file, previewed against a store. */
#include <stdint.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "xb-csv-import.h"
#include "xb-fuzz.h"

static char    *store_dir;
static XbStore *store;

static void
remove_store (void)
{
  g_autofree char *db = g_build_filename (store_dir, "fuzz.db", NULL);
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db, suffixes[i], NULL);
      g_unlink (path);
    }
  g_rmdir (store_dir);
  g_clear_pointer (&store_dir, g_free);
}

static XbStore *
fuzz_store (void)
{
  if (store == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;

      store_dir = g_dir_make_tmp ("xb-fuzz-csv-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (store_dir, "fuzz.db", NULL);
      store = xb_store_open (path, &error);
      g_assert_no_error (error);
      atexit (remove_store);
    }
  return store;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(XbCsvPreview) preview = NULL;
  XbCsvKind kind;

  if (size == 0)
    return 0;
  kind = data[0] == 'P' ? XB_CSV_USERS : XB_CSV_UNITS;
  bytes = g_bytes_new (data + 1, size - 1);
  preview = xb_csv_preview (fuzz_store (), kind, bytes, &error);
  if (preview == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);
  g_assert_cmpint (preview->kind, ==, kind);
  guint errors = 0;
  for (guint i = 0; i < preview->rows->len; i++)
    {
      XbCsvRow *row = preview->rows->pdata[i];
      g_assert_cmpuint (row->line, >=, 2);
      g_assert_cmpuint (g_strv_length (row->fields), ==, 4);
      for (guint j = 0; j < 4; j++)
        g_assert_true (g_utf8_validate (row->fields[j], -1, NULL));
      if (row->error != NULL)
        errors++;
    }
  g_assert_cmpuint (errors, ==, preview->n_errors);
  return 0;
}
