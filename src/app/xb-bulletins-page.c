/* Quarterly bulletins: the office generates, reviews, freezes and publishes one; every unit reads, prints and exports the frozen ones. */
#include "config.h"

#include "xb-bulletins-page.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "xb-bulletin.h"
#include "xb-document-actions.h"
#include "xb-issuer.h"
#include "xb-stats-export.h"

struct _XbBulletinsPage {
  GtkWidget     parent_instance;
  XbStore      *store;
  XbSyncEngine *engine;
  XbSyncClient *client;
  gboolean      editable;
  char         *period;      /* on show */
  char         *csv;         /* figures on show */
  gboolean      draft;       /* generated, not frozen */
  guint         n_bulletins;

  GtkWidget    *paned;
  GtkWidget    *office_bar;
  GtkWidget    *quarter_dropdown;
  GtkStringList *quarters;
  GtkWidget    *list;
  GtkWidget    *empty_label;
  GtkWidget    *status_label;
  GtkWidget    *title_label;
  GtkWidget    *publish_button;
  GtkWidget    *print_button;
  GtkWidget    *pdf_button;
  GtkWidget    *csv_button;
  GtkWidget    *view;
};

enum { PUBLISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (XbBulletinsPage, xb_bulletins_page, GTK_TYPE_WIDGET)

static char *
quarter_label (const char *period)
{
  return xb_period_quarter_label (atoi (period), period[5] - '0');
}

static void
set_status (XbBulletinsPage *self,
            const char      *message)
{
  gtk_label_set_text (GTK_LABEL (self->status_label), message ? message : "");
}

static void
update_buttons (XbBulletinsPage *self)
{
  gboolean shown = self->csv != NULL;

  gtk_widget_set_sensitive (self->print_button, shown);
  gtk_widget_set_sensitive (self->pdf_button, shown);
  gtk_widget_set_sensitive (self->csv_button, shown);
  gtk_widget_set_sensitive (self->publish_button, self->editable && self->draft);
}

/* Shows @figures as the bulletin of @period taken at @taken_at. */
static void
show (XbBulletinsPage *self,
      const char      *period,
      gint64           taken_at,
      GPtrArray       *figures,
      gboolean         draft)
{
  g_autofree char *office = xb_issuer_name (self->store);
  g_autofree char *label = quarter_label (period);
  g_autofree char *title = NULL;
  g_autoptr(XbBulletin) bulletin = NULL;

  g_free (self->period);
  self->period = g_strdup (period);
  g_free (self->csv);
  self->csv = xb_figures_to_csv (figures);
  self->draft = draft;
  bulletin = xb_bulletin_new (office, label, taken_at, figures);
  xb_document_view_set_document (XB_DOCUMENT_VIEW (self->view), xb_bulletin_document (bulletin));
  title = draft ? g_strdup_printf (_("Draft: %s — not published"), label)
                : g_strdup_printf (_("%s — frozen"), label);
  gtk_label_set_text (GTK_LABEL (self->title_label), title);
  update_buttons (self);
}

gboolean
xb_bulletins_page_generate (XbBulletinsPage *self,
                            const char      *period,
                            GError         **error)
{
  XbPeriod quarter;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GPtrArray) figures = NULL;

  g_return_val_if_fail (XB_IS_BULLETINS_PAGE (self), FALSE);
  if (self->store == NULL || period == NULL || !xb_period_parse_quarter (period, &quarter))
    return g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                        _("“%s” is not a quarter such as 2026Q3."), period ? period : ""), FALSE;
  figures = xb_stats_unit_figures (self->store, &quarter, now, NULL, error);
  if (figures == NULL)
    return FALSE;
  show (self, period, now, figures, TRUE);
  set_status (self, NULL);
  return TRUE;
}

gboolean
xb_bulletins_page_open (XbBulletinsPage *self,
                        const char      *period,
                        GError         **error)
{
  g_autoptr(XbBulletinRecord) record = NULL;
  g_autoptr(GPtrArray) figures = NULL;

  g_return_val_if_fail (XB_IS_BULLETINS_PAGE (self), FALSE);
  if (self->store == NULL)
    return g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No store is open.")), FALSE;
  record = xb_store_get_bulletin (self->store, period, error);
  if (record == NULL)
    return FALSE;
  figures = xb_figures_from_csv (record->csv, error);
  if (figures == NULL)
    return FALSE;
  show (self, record->period, record->taken_at, figures, FALSE);
  g_free (self->csv);
  self->csv = g_strdup (record->csv);   /* exactly as frozen */
  return TRUE;
}

char *
xb_bulletins_page_dup_csv (XbBulletinsPage *self)
{
  g_return_val_if_fail (XB_IS_BULLETINS_PAGE (self), NULL);
  return g_strdup (self->csv);
}

gboolean
xb_bulletins_page_export_csv (XbBulletinsPage *self,
                              const char      *path,
                              GError         **error)
{
  g_return_val_if_fail (XB_IS_BULLETINS_PAGE (self), FALSE);
  if (self->csv == NULL)
    return g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                _("There is no bulletin to export.")), FALSE;
  return g_file_set_contents (path, self->csv, -1, error);
}

guint
xb_bulletins_page_get_n_bulletins (XbBulletinsPage *self)
{
  g_return_val_if_fail (XB_IS_BULLETINS_PAGE (self), 0);
  return self->n_bulletins;
}

XbDocumentView *
xb_bulletins_page_get_view (XbBulletinsPage *self)
{
  g_return_val_if_fail (XB_IS_BULLETINS_PAGE (self), NULL);
  return XB_DOCUMENT_VIEW (self->view);
}

/* ---- the list of frozen bulletins ------------------------------------------------ */

static void
on_row_activated (GtkListBox    *box,
                  GtkListBoxRow *row,
                  gpointer       user_data)
{
  XbBulletinsPage *self = user_data;
  const char *period = g_object_get_data (G_OBJECT (row), "period");
  g_autoptr(GError) error = NULL;

  if (!xb_bulletins_page_open (self, period, &error))
    set_status (self, error->message);
}

void
xb_bulletins_page_reload (XbBulletinsPage *self)
{
  g_autoptr(GPtrArray) records = NULL;
  GtkWidget *child;

  g_return_if_fail (XB_IS_BULLETINS_PAGE (self));
  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  if (self->store != NULL)
    records = xb_store_list_bulletins (self->store, NULL);
  self->n_bulletins = records ? records->len : 0;
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      XbBulletinRecord *r = records->pdata[i];
      g_autofree char *label = quarter_label (r->period);
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (r->published_at);
      g_autofree char *date = g_date_time_format (at, "%Y-%m-%d");
      g_autofree char *sub = g_strdup_printf (_("Published %s"), date);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *title = gtk_label_new (label);
      GtkWidget *note = gtk_label_new (sub);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_widget_add_css_class (note, "dim-label");
      gtk_widget_add_css_class (note, "caption");
      gtk_widget_set_margin_start (box, 8);
      gtk_widget_set_margin_end (box, 8);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), note);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "period", g_strdup (r->period), g_free);
      gtk_list_box_append (GTK_LIST_BOX (self->list), row);
    }
  gtk_widget_set_visible (self->empty_label, self->n_bulletins == 0);
  gtk_widget_set_visible (self->list, self->n_bulletins > 0);
}

/* ---- publishing -------------------------------------------------------------------- */

static gboolean
store_answer (XbBulletinsPage *self,
              GBytes          *body,
              GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  XbBulletinRecord r = { 0 };
  JsonObject *root, *obj;
  const char *taken, *published;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), error))
    return FALSE;
  root = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
         ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  obj = root ? json_object_get_object_member (root, "bulletin") : NULL;
  taken = obj ? json_object_get_string_member_with_default (obj, "taken_at", NULL) : NULL;
  published = obj ? json_object_get_string_member_with_default (obj, "published_at", NULL) : NULL;
  if (obj == NULL || taken == NULL || published == NULL
      || !xb_time_parse (taken, &r.taken_at) || !xb_time_parse (published, &r.published_at))
    return g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                _("The server's answer about the bulletin is incomplete.")), FALSE;
  r.period = (char *) json_object_get_string_member_with_default (obj, "period", "");
  r.csv = (char *) json_object_get_string_member_with_default (obj, "csv", "");
  r.published_by = json_object_get_int_member_with_default (obj, "published_by", 0);
  return xb_store_put_bulletin (self->store, &r, TRUE, error);
}

static void
published (XbBulletinsPage *self,
           const char      *period,
           const char      *message)
{
  if (message == NULL)
    {
      xb_bulletins_page_reload (self);
      xb_bulletins_page_open (self, period, NULL);
    }
  set_status (self, message);
  g_signal_emit (self, signals[PUBLISHED], 0, message);
}

static void
on_publish_answer (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(XbBulletinsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(XbResponse) response = xb_sync_client_request_finish (XB_SYNC_CLIENT (source), result, &error);
  g_autofree char *message = NULL;
  g_autofree char *period = g_strdup (self->period);

  if (response == NULL)
    message = g_strdup (error->message);
  else if (response->status != 201)
    message = xb_response_dup_message (response);
  else if (!store_answer (self, response->body, &error))
    message = g_strdup (error->message);
  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  published (self, period, message);
}

void
xb_bulletins_page_publish (XbBulletinsPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (XB_IS_BULLETINS_PAGE (self));
  if (!self->draft || self->store == NULL)
    {
      published (self, self->period, _("Generate the quarter's bulletin first."));
      return;
    }
  if (self->client != NULL)
    {
      g_autofree char *body = g_strdup_printf ("{\"period\":\"%s\"}", self->period);

      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      xb_sync_client_request_async (self->client, "POST", "/api/v1/bulletins", body, NULL,
                                    on_publish_answer, g_object_ref (self));
      return;
    }
  {
    XbBulletinRecord r = { 0 };

    r.period = self->period;
    r.taken_at = g_get_real_time () / G_USEC_PER_SEC;
    r.published_at = r.taken_at;
    r.csv = self->csv;
    if (!xb_store_put_bulletin (self->store, &r, FALSE, &error))
      published (self, self->period, error->message);
    else
      published (self, self->period, NULL);
  }
}

/* ---- buttons ---------------------------------------------------------------------- */

static void
on_generate (XbBulletinsPage *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->quarter_dropdown));
  const char *period = gtk_string_list_get_string (self->quarters, i);
  g_autoptr(GError) error = NULL;

  if (!xb_bulletins_page_generate (self, period, &error))
    set_status (self, error->message);
}

static char *
export_name (XbBulletinsPage *self,
             const char      *extension)
{
  return g_strdup_printf ("bulletin-%s.%s", self->period, extension);
}

/* The last eight quarters that have ended, newest first. */
static void
fill_quarters (XbBulletinsPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) cst = g_date_time_add_hours (now, 8);
  int year = g_date_time_get_year (cst);
  int quarter = (g_date_time_get_month (cst) - 1) / 3 + 1;

  for (int i = 0; i < 8; i++)
    {
      g_autofree char *text = NULL;

      if (--quarter == 0)
        {
          quarter = 4;
          year--;
        }
      text = g_strdup_printf ("%dQ%d", year, quarter);
      gtk_string_list_append (self->quarters, text);
    }
}

/* ---- setters ------------------------------------------------------------------- */

void
xb_bulletins_page_set_store (XbBulletinsPage *self,
                             XbStore         *store)
{
  g_return_if_fail (XB_IS_BULLETINS_PAGE (self));
  if (!g_set_object (&self->store, store))
    return;
  g_clear_pointer (&self->csv, g_free);
  self->draft = FALSE;
  xb_document_view_set_document (XB_DOCUMENT_VIEW (self->view), NULL);
  gtk_label_set_text (GTK_LABEL (self->title_label), "");
  xb_bulletins_page_reload (self);
  update_buttons (self);
}

static void
on_engine_notify (XbBulletinsPage *self)
{
  if (self->engine != NULL && xb_sync_engine_get_state (self->engine) == XB_SYNC_IDLE)
    xb_bulletins_page_reload (self);
}

void
xb_bulletins_page_set_engine (XbBulletinsPage *self,
                              XbSyncEngine    *engine)
{
  g_return_if_fail (XB_IS_BULLETINS_PAGE (self));
  xb_document_actions_set_engine (&self->engine, engine, TRUE, G_CALLBACK (on_engine_notify), self);
}

void
xb_bulletins_page_set_client (XbBulletinsPage *self,
                              XbSyncClient    *client)
{
  g_return_if_fail (XB_IS_BULLETINS_PAGE (self));
  g_set_object (&self->client, client);
}

void
xb_bulletins_page_set_editable (XbBulletinsPage *self,
                                gboolean         editable)
{
  g_return_if_fail (XB_IS_BULLETINS_PAGE (self));
  self->editable = editable;
  gtk_widget_set_visible (self->office_bar, editable);
  gtk_widget_set_visible (self->publish_button, editable);
  update_buttons (self);
}

/* ---- construction ------------------------------------------------------------------ */

static GtkWidget *
build_side (XbBulletinsPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *generate = gtk_button_new_with_mnemonic (_("_Generate"));
  GtkWidget *heading = gtk_label_new (_("Published bulletins"));
  GtkWidget *sw = gtk_scrolled_window_new ();

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_size_request (box, 260, -1);

  self->office_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->quarters = gtk_string_list_new (NULL);
  fill_quarters (self);
  self->quarter_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->quarters)), NULL);
  gtk_widget_set_tooltip_text (self->quarter_dropdown, _("Quarter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->quarter_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Quarter"), -1);
  gtk_widget_set_hexpand (self->quarter_dropdown, TRUE);
  g_signal_connect_swapped (generate, "clicked", G_CALLBACK (on_generate), self);
  gtk_box_append (GTK_BOX (self->office_bar), self->quarter_dropdown);
  gtk_box_append (GTK_BOX (self->office_bar), generate);
  gtk_box_append (GTK_BOX (box), self->office_bar);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  self->list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_widget_set_valign (self->list, GTK_ALIGN_START);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (sw), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sw), self->list);
  gtk_widget_set_vexpand (sw, TRUE);
  self->empty_label = gtk_label_new (_("No bulletin has been published yet."));
  gtk_label_set_wrap (GTK_LABEL (self->empty_label), TRUE);
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_box_append (GTK_BOX (box), self->empty_label);
  gtk_box_append (GTK_BOX (box), sw);

  self->status_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->status_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->status_label), 0);
  gtk_widget_add_css_class (self->status_label, "error");
  gtk_box_append (GTK_BOX (box), self->status_label);
  return box;
}

static GtkWidget *
build_preview (XbBulletinsPage *self)
{
  GtkWidget *bar;
  GtkWidget *box = xb_document_actions_pane (&bar, &self->view);
  XbDocumentView *view = XB_DOCUMENT_VIEW (self->view);

  self->title_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->title_label, "heading");
  gtk_label_set_ellipsize (GTK_LABEL (self->title_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_widget_set_hexpand (self->title_label, TRUE);
  gtk_box_append (GTK_BOX (bar), self->title_label);
  self->print_button = xb_document_actions_print (bar, view);
  self->pdf_button = xb_document_actions_pdf (bar, _("Export _PDF…"), view, self,
                                              (XbExportNameFunc) export_name);
  self->csv_button = xb_document_actions_csv (bar, self, (XbExportNameFunc) export_name,
                                              (XbExportCsvFunc) xb_bulletins_page_export_csv,
                                              GTK_LABEL (self->status_label));
  self->publish_button = xb_document_actions_button (bar, _("_Freeze and Publish"),
                                                     G_CALLBACK (xb_bulletins_page_publish), self);
  gtk_widget_add_css_class (self->publish_button, "suggested-action");
  return box;
}

static void
xb_bulletins_page_dispose (GObject *object)
{
  XbBulletinsPage *self = XB_BULLETINS_PAGE (object);

  xb_bulletins_page_set_engine (self, NULL);
  g_clear_pointer (&self->paned, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->quarters);
  g_clear_pointer (&self->period, g_free);
  g_clear_pointer (&self->csv, g_free);
  G_OBJECT_CLASS (xb_bulletins_page_parent_class)->dispose (object);
}

static void
xb_bulletins_page_class_init (XbBulletinsPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_bulletins_page_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  signals[PUBLISHED] = g_signal_new ("published", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
xb_bulletins_page_init (XbBulletinsPage *self)
{
  self->editable = TRUE;
  self->paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_start_child (GTK_PANED (self->paned), build_side (self));
  gtk_paned_set_end_child (GTK_PANED (self->paned), build_preview (self));
  gtk_paned_set_shrink_start_child (GTK_PANED (self->paned), FALSE);
  gtk_widget_set_parent (self->paned, GTK_WIDGET (self));
  update_buttons (self);
}

GtkWidget *
xb_bulletins_page_new (void)
{
  return g_object_new (XB_TYPE_BULLETINS_PAGE, NULL);
}
