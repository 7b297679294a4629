/* The preview side of a document page (publications, bulletins, assessment): a bar of buttons over an XbDocumentView that print and export it, and the page's hookup to the sync engine. */
#include "config.h"

#include "xb-document-actions.h"

#include <glib/gi18n.h>

/* What an export button needs; owned by the button. */
typedef struct {
  gpointer          page;   /* not a reference: the page holds the button */
  XbDocumentView   *view;
  XbExportNameFunc  name;
  XbExportCsvFunc   write;
  GtkLabel         *status;
} Export;

GtkWidget *
xb_document_actions_pane (GtkWidget **bar,
                          GtkWidget **view)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (*bar, 12);
  gtk_widget_set_margin_end (*bar, 12);
  gtk_widget_set_margin_top (*bar, 12);
  gtk_widget_set_margin_bottom (*bar, 6);
  gtk_box_append (GTK_BOX (box), *bar);
  *view = xb_document_view_new ();
  gtk_widget_set_hexpand (*view, TRUE);
  gtk_widget_set_vexpand (*view, TRUE);
  gtk_box_append (GTK_BOX (box), *view);
  return box;
}

GtkWidget *
xb_document_actions_button (GtkWidget  *bar,
                            const char *mnemonic,
                            GCallback   callback,
                            gpointer    data)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  g_signal_connect_swapped (button, "clicked", callback, data);
  gtk_box_append (GTK_BOX (bar), button);
  return button;
}

GtkWidget *
xb_document_actions_print (GtkWidget      *bar,
                           XbDocumentView *view)
{
  return xb_document_actions_button (bar, _("_Print…"), G_CALLBACK (xb_document_view_print), view);
}

static GtkWidget *
export_button (GtkWidget  *bar,
               const char *mnemonic,
               GCallback   on_clicked,
               Export     *export)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  g_signal_connect (button, "clicked", on_clicked, export);
  gtk_box_append (GTK_BOX (bar), button);
  return button;
}

static void
on_pdf (GtkButton *button,
        Export    *export)
{
  g_autofree char *name = export->name (export->page, "pdf");

  if (name != NULL)
    xb_document_view_export_dialog (export->view, name);
}

GtkWidget *
xb_document_actions_pdf (GtkWidget        *bar,
                         const char       *mnemonic,
                         XbDocumentView   *view,
                         gpointer          page,
                         XbExportNameFunc  name)
{
  Export *export = g_new0 (Export, 1);
  GtkWidget *button;

  export->page = page;
  export->view = view;
  export->name = name;
  button = export_button (bar, mnemonic, G_CALLBACK (on_pdf), export);
  g_object_set_data_full (G_OBJECT (button), "xb-export", export, g_free);
  return button;
}

/* @owner is the page, kept alive while the dialog is open; it carries what
 * to write and where to complain. */
static void
save_csv (GtkWidget  *owner,
          const char *path)
{
  Export *export = g_object_get_data (G_OBJECT (owner), "xb-export-csv");
  g_autoptr(GError) error = NULL;

  if (!export->write (export->page, path, &error))
    gtk_label_set_text (export->status, error->message);
}

static void
on_csv (GtkButton *button,
        Export    *export)
{
  g_autofree char *name = export->name (export->page, "csv");

  if (name != NULL)
    xb_document_view_choose_save_file (GTK_WIDGET (export->page), _("Export CSV"), name, save_csv);
}

GtkWidget *
xb_document_actions_csv (GtkWidget        *bar,
                         gpointer          page,
                         XbExportNameFunc  name,
                         XbExportCsvFunc   write,
                         GtkLabel         *status)
{
  Export *export = g_new0 (Export, 1);

  export->page = page;
  export->name = name;
  export->write = write;
  export->status = status;
  /* The page, not the button: the page is the dialog's owner. */
  g_object_set_data_full (G_OBJECT (page), "xb-export-csv", export, g_free);
  return export_button (bar, _("Export _CSV…"), G_CALLBACK (on_csv), export);
}

void
xb_document_actions_set_engine (XbSyncEngine **slot,
                                XbSyncEngine  *engine,
                                gboolean       on_state,
                                GCallback      callback,
                                gpointer       page)
{
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, callback, page);
  g_set_object (slot, engine);
  if (engine == NULL)
    return;
  g_signal_connect_swapped (engine, "items-changed", callback, page);
  if (on_state)
    g_signal_connect_swapped (engine, "notify::state", callback, page);
}
