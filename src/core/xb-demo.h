/* The deterministic demo city: units, people and a year of items through the whole workflow. */
#pragma once

#include "xb-store.h"

G_BEGIN_DECLS

typedef struct {
  guint64 seed;        /* same seed, same city */
  guint   n_items;     /* roughly how many items; 0 for the realistic default (a year) */
  gint64  end_time;    /* the dataset ends here (unix seconds); 0 for 2026-11-27T00:00:00Z */
  int     years;       /* how many years the items span; 0 for 1 */
} XbDemoOptions;

void      xb_demo_options_init (XbDemoOptions *options);

/* Fills an empty store.  Every item's history is a legal path through the
 * workflow state machine.  All demo accounts get the same @password_hash
 * (may be NULL, for a client store that never checks passwords). */
gboolean  xb_demo_generate     (XbStore             *store,
                                const XbDemoOptions *options,
                                const char          *password_hash,
                                GError             **error);

G_END_DECLS
