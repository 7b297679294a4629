/* The year-end assessment: units ranked by score with the breakdown, the award lists, print and PDF/CSV export. */
#include "config.h"

#include "xb-assessment-page.h"

#include <glib/gi18n.h>

#include "xb-assessment.h"
#include "xb-document-actions.h"
#include "xb-issuer.h"
#include "xb-stats-export.h"

struct _XbAssessmentPage {
  GtkWidget     parent_instance;
  XbStore      *store;
  XbSyncEngine *engine;
  int           year;
  GPtrArray    *scores;       /* XbUnitScore* */

  GtkWidget    *paned;
  GtkWidget    *year_spin;
  GtkWidget    *grid;
  GtkWidget    *status_label;
  GtkWidget    *view;
};

G_DEFINE_FINAL_TYPE (XbAssessmentPage, xb_assessment_page, GTK_TYPE_WIDGET)

static void
grid_cell (GtkWidget  *grid,
           int         column,
           int         row,
           const char *text,
           gboolean    number,
           gboolean    header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1.0 : 0.0);
  if (!number)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), column == 1 ? 16 : 9);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
      gtk_widget_set_tooltip_text (label, text);
    }
  else
    gtk_widget_add_css_class (label, "numeric");
  if (header)
    gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (GTK_GRID (grid), label, column, row, 1, 1);
}

static void
fill_grid (XbAssessmentPage *self)
{
  const char *headers[] = { C_("assessment", "Rank"), C_("assessment", "Unit"), C_("assessment", "Kind"),
                            C_("assessment", "Points"), C_("assessment", "From points"),
                            C_("assessment", "Total"), C_("assessment", "Adoptions"),
                            C_("assessment", "Instructions"), C_("assessment", "Missed") };
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->grid), child);
  for (int c = 0; c < (int) G_N_ELEMENTS (headers); c++)
    grid_cell (self->grid, c, 0, headers[c], c != 1 && c != 2, TRUE);
  for (guint i = 0; self->scores != NULL && i < self->scores->len; i++)
    {
      XbUnitScore *s = self->scores->pdata[i];
      int r = (int) i + 1;
      char buf[32];

      g_snprintf (buf, sizeof buf, "%u", s->rank);
      grid_cell (self->grid, 0, r, buf, TRUE, FALSE);
      grid_cell (self->grid, 1, r, s->unit_name, FALSE, FALSE);
      grid_cell (self->grid, 2, r, xb_unit_kind_label (s->kind), FALSE, FALSE);
      g_snprintf (buf, sizeof buf, "%.1f", s->points);
      grid_cell (self->grid, 3, r, buf, TRUE, FALSE);
      g_snprintf (buf, sizeof buf, "%.1f", s->rolled_up);
      grid_cell (self->grid, 4, r, buf, TRUE, FALSE);
      g_snprintf (buf, sizeof buf, "%.1f", s->total);
      grid_cell (self->grid, 5, r, buf, TRUE, FALSE);
      g_snprintf (buf, sizeof buf, "%u", s->adoptions);
      grid_cell (self->grid, 6, r, buf, TRUE, FALSE);
      g_snprintf (buf, sizeof buf, "%u", s->instructions);
      grid_cell (self->grid, 7, r, buf, TRUE, FALSE);
      g_snprintf (buf, sizeof buf, "%u", s->missed_requests);
      grid_cell (self->grid, 8, r, buf, TRUE, FALSE);
    }
}

gboolean
xb_assessment_page_set_year (XbAssessmentPage *self,
                             int               year,
                             GError          **error)
{
  XbPeriod period;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *office = NULL;
  g_autofree char *label = NULL;
  GPtrArray *scores;
  XbDocument *doc;

  g_return_val_if_fail (XB_IS_ASSESSMENT_PAGE (self), FALSE);
  if (self->store == NULL)
    return g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No store is open.")), FALSE;
  self->year = year;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->year_spin), year);
  xb_period_year (&period, year);
  scores = xb_stats_assessment (self->store, &period, now, error);
  if (scores == NULL)
    return FALSE;
  office = xb_issuer_name (self->store);
  label = xb_period_year_label (year);
  doc = xb_assessment_document (self->store, &period, office, label, now, error);
  if (doc == NULL)
    {
      g_ptr_array_unref (scores);
      return FALSE;
    }
  g_clear_pointer (&self->scores, g_ptr_array_unref);
  self->scores = scores;
  fill_grid (self);
  xb_document_view_set_document (XB_DOCUMENT_VIEW (self->view), doc);
  gtk_label_set_text (GTK_LABEL (self->status_label), "");
  return TRUE;
}

GPtrArray *
xb_assessment_page_get_scores (XbAssessmentPage *self)
{
  g_return_val_if_fail (XB_IS_ASSESSMENT_PAGE (self), NULL);
  return self->scores;
}

gboolean
xb_assessment_page_export_csv (XbAssessmentPage *self,
                               const char       *path,
                               GError          **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (XB_IS_ASSESSMENT_PAGE (self), FALSE);
  if (self->scores == NULL)
    return g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                _("There is no assessment to export.")), FALSE;
  csv = xb_assessment_to_csv (self->scores);
  return g_file_set_contents (path, csv, -1, error);
}

XbDocumentView *
xb_assessment_page_get_view (XbAssessmentPage *self)
{
  g_return_val_if_fail (XB_IS_ASSESSMENT_PAGE (self), NULL);
  return XB_DOCUMENT_VIEW (self->view);
}

static void
recompute (XbAssessmentPage *self)
{
  g_autoptr(GError) error = NULL;
  int year = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->year_spin));

  if (self->store != NULL && !xb_assessment_page_set_year (self, year, &error))
    gtk_label_set_text (GTK_LABEL (self->status_label), error->message);
}

static char *
export_name (XbAssessmentPage *self,
             const char       *extension)
{
  return g_strdup_printf ("assessment-%d.%s", self->year, extension);
}

void
xb_assessment_page_set_store (XbAssessmentPage *self,
                              XbStore          *store)
{
  g_return_if_fail (XB_IS_ASSESSMENT_PAGE (self));
  if (!g_set_object (&self->store, store))
    return;
  recompute (self);
}

void
xb_assessment_page_set_engine (XbAssessmentPage *self,
                               XbSyncEngine     *engine)
{
  g_return_if_fail (XB_IS_ASSESSMENT_PAGE (self));
  xb_document_actions_set_engine (&self->engine, engine, FALSE, G_CALLBACK (recompute), self);
}

static GtkWidget *
build_ranking (XbAssessmentPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Year"));
  GtkWidget *sw = gtk_scrolled_window_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  self->year_spin = gtk_spin_button_new_with_range (2000, 2100, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->year_spin), g_date_time_get_year (now));
  self->year = g_date_time_get_year (now);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->year_spin);
  g_signal_connect_swapped (self->year_spin, "value-changed", G_CALLBACK (recompute), self);
  gtk_box_append (GTK_BOX (bar), label);
  gtk_box_append (GTK_BOX (bar), self->year_spin);
  gtk_box_append (GTK_BOX (box), bar);

  self->grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 4);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sw), self->grid);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (sw), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (sw, TRUE);
  gtk_widget_set_size_request (sw, 420, -1);
  gtk_box_append (GTK_BOX (box), sw);

  self->status_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->status_label), TRUE);
  gtk_widget_add_css_class (self->status_label, "error");
  gtk_box_append (GTK_BOX (box), self->status_label);
  return box;
}

static GtkWidget *
build_preview (XbAssessmentPage *self)
{
  GtkWidget *bar;
  GtkWidget *box = xb_document_actions_pane (&bar, &self->view);
  XbDocumentView *view = XB_DOCUMENT_VIEW (self->view);

  gtk_widget_set_halign (bar, GTK_ALIGN_END);
  xb_document_actions_print (bar, view);
  xb_document_actions_pdf (bar, _("Export _PDF…"), view, self, (XbExportNameFunc) export_name);
  xb_document_actions_csv (bar, self, (XbExportNameFunc) export_name,
                           (XbExportCsvFunc) xb_assessment_page_export_csv, GTK_LABEL (self->status_label));
  return box;
}

static void
xb_assessment_page_dispose (GObject *object)
{
  XbAssessmentPage *self = XB_ASSESSMENT_PAGE (object);

  xb_assessment_page_set_engine (self, NULL);
  g_clear_pointer (&self->paned, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_pointer (&self->scores, g_ptr_array_unref);
  G_OBJECT_CLASS (xb_assessment_page_parent_class)->dispose (object);
}

static void
xb_assessment_page_class_init (XbAssessmentPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_assessment_page_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
xb_assessment_page_init (XbAssessmentPage *self)
{
  self->paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_start_child (GTK_PANED (self->paned), build_ranking (self));
  gtk_paned_set_end_child (GTK_PANED (self->paned), build_preview (self));
  gtk_paned_set_shrink_start_child (GTK_PANED (self->paned), FALSE);
  gtk_widget_set_parent (self->paned, GTK_WIDGET (self));
}

GtkWidget *
xb_assessment_page_new (void)
{
  return g_object_new (XB_TYPE_ASSESSMENT_PAGE, NULL);
}
