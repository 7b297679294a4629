/* Importing units and people from a CSV file: a preview with per-row errors, then one transaction. */
#pragma once

#include "xb-store.h"

G_BEGIN_DECLS

/* Columns (a header row names them, in any order; extra columns are refused):
 *   units: name, kind, parent, monthly_quota
 *     kind: county, department, provincial, liaison, enterprise, direct_point;
 *     parent: the name of an existing unit or of one earlier in the file
 *     (may be empty); monthly_quota: a whole number ≥ 0, empty for the
 *     default of the unit's kind.
 *   users: username, display_name, unit, roles
 *     unit: the name of an existing unit; roles: role names separated by
 *     ";" (or "," inside quotes), e.g. "officer;unit_leader".
 * Imported users have no usable password until one is set (reset-password).
 * The file is UTF-8, with or without a byte-order mark; a GB18030 file
 * (as Excel saves it on Chinese Windows) is converted. */
typedef enum {
  XB_CSV_UNITS,
  XB_CSV_USERS,
} XbCsvKind;

typedef struct {
  guint  line;    /* 1-based line of the file where the row starts */
  GStrv  fields;  /* in the order of the columns above */
  char  *error;   /* translated reason the row cannot be imported; NULL if fine */
} XbCsvRow;

typedef struct {
  XbCsvKind  kind;
  char      *encoding;  /* "UTF-8" or "GB18030" */
  GPtrArray *rows;      /* XbCsvRow* */
  guint      n_errors;
} XbCsvPreview;

void          xb_csv_preview_free (XbCsvPreview *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbCsvPreview, xb_csv_preview_free)

/* Reads @data and checks each row against @store without writing anything.
 * A file in neither encoding, without the header, or with unbalanced
 * quotes fails as a whole (XB_ERROR_INVALID, with a message for the user). */
XbCsvPreview *xb_csv_preview      (XbStore     *store,
                                   XbCsvKind    kind,
                                   GBytes      *data,
                                   GError     **error);

/* Writes every row of @preview in one transaction; refused when any row
 * has an error (XB_ERROR_INVALID), or when the store changed so that a row
 * no longer fits (nothing is written then). */
gboolean      xb_csv_apply        (XbStore            *store,
                                   const XbCsvPreview *preview,
                                   GError            **error);

G_END_DECLS
