/* The issuer of the office's documents: the name of the office's own unit. */
#pragma once

#include "xb-store.h"

G_BEGIN_DECLS

/* The office unit's name, or "" when the store has no office unit. */
char *xb_issuer_name (XbStore *store);

G_END_DECLS
