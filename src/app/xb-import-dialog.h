/* The administrator's CSV import of units or people: choose a file, see every row with its error as the server checks it, import only when every row is right. */
#pragma once

#include <adwaita.h>

#include "xb-sync-client.h"
#include "xb-sync-engine.h"

G_BEGIN_DECLS

typedef enum {
  XB_IMPORT_UNITS,
  XB_IMPORT_USERS,
} XbImportKind;

#define XB_TYPE_IMPORT_DIALOG (xb_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XbImportDialog, xb_import_dialog, XB, IMPORT_DIALOG, AdwWindow)

/* A modal dialog over @parent's window.  Signal "imported" (guint n_rows)
 * after the server applied the file; the engine is kicked then so the
 * new units or people reach the store. */
XbImportDialog *xb_import_dialog_new       (GtkWidget    *parent,
                                            XbImportKind  kind,
                                            XbSyncClient *client,
                                            XbSyncEngine *engine);
/* Checks @file with the server (a dry run) and shows the preview; what
 * the "Choose File…" button does after the file chooser. */
void            xb_import_dialog_load_file (XbImportDialog *self,
                                            GFile          *file);

G_END_DECLS
