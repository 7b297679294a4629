/* The issuer of the office's documents: the name of the office's own unit. */
#include "config.h"

#include "xb-issuer.h"

char *
xb_issuer_name (XbStore *store)
{
  g_autoptr(GPtrArray) units = xb_store_list_units (store, NULL);

  for (guint i = 0; units != NULL && i < units->len; i++)
    if (((XbUnit *) units->pdata[i])->kind == XB_UNIT_KIND_OFFICE)
      return g_strdup (((XbUnit *) units->pdata[i])->name);
  return g_strdup ("");
}
