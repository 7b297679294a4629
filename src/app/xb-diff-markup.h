/* Pango markup for a text diff: insertions underlined in green, deletions struck through in red, long unchanged stretches shortened. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @runs from xb_text_diff(); unchanged runs longer than 2 × @context
 * characters keep @context characters at each end around an ellipsis. */
char *xb_diff_markup (GPtrArray *runs,
                      guint      context);

G_END_DECLS
