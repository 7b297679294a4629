/* The schema history: migration N takes a database from version N-1 to N. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The migration scripts in order; element 0 creates version 1. */
const char *const *xb_schema_migrations (int *n_migrations);

G_END_DECLS
