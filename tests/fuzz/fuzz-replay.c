/* Runs every corpus file given (files or directories) once through a fuzz target's entry point, for builds without libFuzzer. */
#include <glib.h>

#include "xb-fuzz.h"

static guint
replay_path (const char *path)
{
  guint count = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      g_assert_no_error (error);
      const char *name;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          count += replay_path (child);
        }
      return count;
    }

  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("cannot read %s: %s", path, error->message);
  /* A copy of exactly the file's bytes, so ASan sees reads past the end. */
  g_autofree guint8 *bytes = g_memdup2 (contents, length);
  LLVMFuzzerTestOneInput (bytes, length);
  return 1;
}

int
main (int argc, char **argv)
{
  guint count = 0;

  for (int i = 1; i < argc; i++)
    count += replay_path (argv[i]);
  if (count == 0)
    g_error ("no corpus file found");
  g_print ("replayed %u corpus files\n", count);
  return 0;
}
