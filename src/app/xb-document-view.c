/* A widget that previews a paged XbDocument as it will print, prints it and exports it to PDF. */
#include "config.h"

#include "xb-document-view.h"

#include <glib/gi18n.h>

#define PAGE_GAP 16.0

struct _XbDocumentView {
  GtkWidget   parent_instance;
  GtkWidget  *scroller;
  GtkWidget  *area;
  XbDocument *document;
};

G_DEFINE_FINAL_TYPE (XbDocumentView, xb_document_view, GTK_TYPE_WIDGET)

static double
page_scale (XbDocumentView *self)
{
  int width = gtk_widget_get_width (self->area);
  double scale = (width - 2 * PAGE_GAP) / XB_PAGE_WIDTH;

  return CLAMP (scale, 0.3, 1.5);
}

static void
draw_pages (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  XbDocumentView *self = user_data;
  double scale = page_scale (self);
  double x = MAX (PAGE_GAP, (width - XB_PAGE_WIDTH * scale) / 2);
  int n;

  if (self->document == NULL)
    return;
  n = xb_document_n_pages (self->document);
  for (int i = 0; i < n; i++)
    {
      double y = PAGE_GAP + i * (XB_PAGE_HEIGHT * scale + PAGE_GAP);

      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_scale (cr, scale, scale);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
      cairo_rectangle (cr, 2, 2, XB_PAGE_WIDTH, XB_PAGE_HEIGHT);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, 0, 0, XB_PAGE_WIDTH, XB_PAGE_HEIGHT);
      cairo_fill (cr);
      cairo_rectangle (cr, 0, 0, XB_PAGE_WIDTH, XB_PAGE_HEIGHT);
      cairo_clip (cr);
      xb_document_draw_page (self->document, cr, i);
      cairo_restore (cr);
    }
}

static void
update_height (XbDocumentView *self)
{
  int n = self->document ? xb_document_n_pages (self->document) : 0;
  double scale = page_scale (self);

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->area),
                                       (int) (PAGE_GAP + n * (XB_PAGE_HEIGHT * scale + PAGE_GAP)));
  gtk_widget_queue_draw (self->area);
}

static void
on_resize (GtkDrawingArea *area,
           int             width,
           int             height,
           gpointer        user_data)
{
  update_height (user_data);
}

void
xb_document_view_set_document (XbDocumentView *self,
                               XbDocument     *document)
{
  g_return_if_fail (XB_IS_DOCUMENT_VIEW (self));

  g_clear_pointer (&self->document, xb_document_free);
  self->document = document;
  update_height (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  document ? _("Preview of the document as it prints") : "",
                                  -1);
}

XbDocument *
xb_document_view_get_document (XbDocumentView *self)
{
  g_return_val_if_fail (XB_IS_DOCUMENT_VIEW (self), NULL);
  return self->document;
}

int
xb_document_view_get_n_pages (XbDocumentView *self)
{
  g_return_val_if_fail (XB_IS_DOCUMENT_VIEW (self), 0);
  return self->document ? xb_document_n_pages (self->document) : 0;
}

gboolean
xb_document_view_export_pdf (XbDocumentView *self,
                             const char     *path,
                             GError        **error)
{
  g_return_val_if_fail (XB_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->document == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("There is no document to export."));
      return FALSE;
    }
  return xb_document_write_pdf (self->document, path, error);
}

static void
show_error (XbDocumentView *self,
            const char     *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  GtkWidget *owner = user_data;
  XbSaveFileFunc func = (XbSaveFileFunc) g_object_get_data (G_OBJECT (dialog), "xb-save-func");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      func (owner, path);
    }
  g_object_unref (dialog);
  g_object_unref (owner);
}

void
xb_document_view_choose_save_file (GtkWidget      *owner,
                                   const char     *title,
                                   const char     *suggested_name,
                                   XbSaveFileFunc  func)
{
  GtkRoot *root = gtk_widget_get_root (owner);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (title,
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested_name);
  g_object_set_data (G_OBJECT (dialog), "xb-save-func", (gpointer) func);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), g_object_ref (owner));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_pdf (GtkWidget  *owner,
          const char *path)
{
  XbDocumentView *self = XB_DOCUMENT_VIEW (owner);
  g_autoptr(GError) error = NULL;

  if (!xb_document_view_export_pdf (self, path, &error))
    show_error (self, error->message);
}

void
xb_document_view_export_dialog (XbDocumentView *self,
                                const char     *suggested_name)
{
  g_return_if_fail (XB_IS_DOCUMENT_VIEW (self));
  xb_document_view_choose_save_file (GTK_WIDGET (self), _("Export PDF"), suggested_name, save_pdf);
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  XbDocumentView *self = user_data;

  gtk_print_operation_set_n_pages (operation, xb_document_n_pages (self->document));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              gpointer           user_data)
{
  XbDocumentView *self = user_data;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double scale = gtk_print_context_get_width (context) / XB_PAGE_WIDTH;

  cairo_scale (cr, scale, scale);
  xb_document_draw_page (self->document, cr, page);
}

void
xb_document_view_print (XbDocumentView *self)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) a4 = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  g_return_if_fail (XB_IS_DOCUMENT_VIEW (self));
  if (self->document == NULL)
    return;

  operation = gtk_print_operation_new ();
  setup = gtk_page_setup_new ();
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), self);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, error->message);
}

static void
xb_document_view_dispose (GObject *object)
{
  XbDocumentView *self = XB_DOCUMENT_VIEW (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->document, xb_document_free);
  G_OBJECT_CLASS (xb_document_view_parent_class)->dispose (object);
}

static void
xb_document_view_class_init (XbDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xb_document_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
xb_document_view_init (XbDocumentView *self)
{
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_hexpand (self->scroller, TRUE);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  self->area = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->area), 300);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_pages, self, NULL);
  g_signal_connect (self->area, "resize", G_CALLBACK (on_resize), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->area);
  gtk_widget_add_css_class (self->scroller, "view");
}

GtkWidget *
xb_document_view_new (void)
{
  return g_object_new (XB_TYPE_DOCUMENT_VIEW, NULL);
}
