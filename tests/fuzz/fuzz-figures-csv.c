/* Fuzz target for a published bulletin's figures read back from CSV; what reads must write back and read the same. */
#include <stdint.h>

#include "xb-stats-export.h"
#include "xb-stats.h"
#include "xb-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *csv = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) figures = xb_figures_from_csv (csv, &error);

  if (figures == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_autofree char *written = xb_figures_to_csv (figures);
  g_autoptr(GPtrArray) again = xb_figures_from_csv (written, &error);
  if (again == NULL)
    g_error ("re-reading written figures failed: %s\n%s", error->message, written);
  g_assert_cmpuint (again->len, ==, figures->len);
  g_autofree char *rewritten = xb_figures_to_csv (again);
  g_assert_cmpstr (written, ==, rewritten);
  return 0;
}
