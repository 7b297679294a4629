/* What changed between two texts: a diff by paragraph, then by character, which suits Chinese (no spaces between words). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  XB_DIFF_EQUAL,
  XB_DIFF_INSERT,
  XB_DIFF_DELETE,
} XbDiffOp;

typedef struct {
  XbDiffOp op;
  char    *text;
} XbDiffRun;

void       xb_diff_run_free (XbDiffRun *run);

/* The runs that turn @old_text into @new_text, in order: equal runs are in
 * both, deleted runs only in the old text, inserted only in the new.
 * Adjacent runs of one kind are merged; a deletion comes before the
 * insertion that replaces it.  Paragraphs are matched first, then the
 * characters of changed paragraphs; a change too tangled to untangle
 * cheaply is shown as the whole stretch deleted and inserted. */
GPtrArray *xb_text_diff     (const char *old_text,
                             const char *new_text);
/* Characters inserted and deleted, for a one-line summary. */
void       xb_text_diff_count (GPtrArray *runs,
                               glong     *inserted,
                               glong     *deleted);

G_END_DECLS
