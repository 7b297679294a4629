/* The quarterly bulletin: overview, rankings within each kind, missed quotas, leaders and laggards, a chart. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "xb-bulletin.h"
#include "xb-document.h"

XbBulletin *
xb_bulletin_new (const char *office, const char *period_label, gint64 taken_at, GPtrArray *figures)
{
  XbBulletin *b = g_new0 (XbBulletin, 1);

  b->office = g_strdup (office);
  b->period_label = g_strdup (period_label);
  b->taken_at = taken_at;
  b->figures = g_ptr_array_ref (figures);
  return b;
}

void
xb_bulletin_free (XbBulletin *bulletin)
{
  if (bulletin == NULL)
    return;
  g_free (bulletin->office);
  g_free (bulletin->period_label);
  g_ptr_array_unref (bulletin->figures);
  g_free (bulletin);
}

static char *
date_text (gint64 at)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (at);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (dt, tz);

  /* Translators: a date in a document's masthead: year, month, day */
  return g_strdup_printf (_("%d-%02d-%02d"), g_date_time_get_year (local),
                          g_date_time_get_month (local), g_date_time_get_day_of_month (local));
}

static void
add_overview (XbDocument *doc, const XbBulletin *b)
{
  guint submitted = 0, adopted = 0, met = 0, active = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < b->figures->len; i++)
    {
      const XbUnitFigures *f = b->figures->pdata[i];
      submitted += f->submitted;
      adopted += f->adopted;
      met += f->quota_met;
      active += f->submitted > 0;
    }
  text = g_strdup_printf (_("In %s, %u of %u reporting units submitted %u information items, of which "
                            "%u were adopted, an adoption rate of %.1f%%. %u units met their quota "
                            "and %u did not."),
                          b->period_label, active, b->figures->len, submitted, adopted,
                          submitted ? 100.0 * adopted / submitted : 0.0, met, b->figures->len - met);
  xb_document_add_heading (doc, _("1. Overview"));
  xb_document_add_paragraph (doc, text);
}

static GStrv
figures_row (const XbUnitFigures *f)
{
  GStrv row = g_new0 (char *, 8);

  row[0] = g_strdup_printf ("%u", f->rank);
  row[1] = g_strdup (f->unit_name);
  row[2] = g_strdup_printf ("%u", f->submitted);
  row[3] = g_strdup_printf ("%u", f->adopted);
  row[4] = g_strdup_printf ("%.1f%%", 100 * f->adoption_rate);
  row[5] = g_strdup_printf ("%d", f->quota);
  row[6] = g_strdup (f->quota == 0 ? _("No quota") : f->quota_met ? _("Met") : _("Missed"));
  return row;
}

static void
add_kind_table (XbDocument *doc, const XbBulletin *b, XbUnitKind kind)
{
  /* Translators: table headers of the bulletin; a leading # right-aligns
   * the column and is not shown: keep it. */
  const char *headers[] = { _("#Rank"), _("Unit"), _("#Sent"), _("#Adopted"),
                            _("#Rate"), _("#Quota"), _("Status"), NULL };
  const double widths[] = { 0.08, 0.36, 0.10, 0.12, 0.11, 0.10, 0.13 };
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; i < b->figures->len; i++)
    if (((XbUnitFigures *) b->figures->pdata[i])->kind == kind)
      g_ptr_array_add (rows, figures_row (b->figures->pdata[i]));
  if (rows->len == 0)
    {
      g_ptr_array_unref (rows);
      return;
    }
  xb_document_add_paragraph (doc, xb_unit_kind_label (kind));
  xb_document_add_table (doc, 7, headers, widths, rows);
}

static void
add_county_chart (XbDocument *doc, const XbBulletin *b)
{
  const char *series[] = { C_("chart series", "Submitted"), C_("chart series", "Adopted") };
  XbChartData *chart = xb_chart_data_new (XB_CHART_BARS, XB_CHART_COUNT,
                                          _("County and district offices: submitted and adopted"));

  xb_chart_data_set_series (chart, 2, series);
  chart->marker_name = g_strdup (_("Quota"));
  for (guint i = 0; i < b->figures->len; i++)
    {
      const XbUnitFigures *f = b->figures->pdata[i];
      XbChartRow *row;
      if (f->kind != XB_UNIT_KIND_COUNTY)
        continue;
      row = xb_chart_data_add_row (chart, f->unit_name);
      row->values[0] = f->submitted;
      row->values[1] = f->adopted;
      row->marker = f->quota;
    }
  if (chart->rows->len == 0)
    {
      xb_chart_data_free (chart);
      return;
    }
  xb_document_add_chart (doc, chart, xb_chart_natural_height (chart, 470));
}

static char *
join_names (const XbBulletin *b, gboolean (*pick) (const XbUnitFigures *, guint n_in_kind))
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < b->figures->len; i++)
    {
      const XbUnitFigures *f = b->figures->pdata[i];
      guint n = 0;
      for (guint k = 0; k < b->figures->len; k++)
        n += ((XbUnitFigures *) b->figures->pdata[k])->kind == f->kind;
      if (!pick (f, n))
        continue;
      if (s->len > 0)
        g_string_append (s, C_("list separator", ", "));
      g_string_append (s, f->unit_name);
    }
  return g_string_free (s, FALSE);
}

static gboolean missed (const XbUnitFigures *f, guint n) { return f->quota > 0 && !f->quota_met; }
/* Leaders: the first three of each kind that adopted anything. */
static gboolean leader (const XbUnitFigures *f, guint n) { return f->rank <= 3 && f->adopted > 0; }
/* Laggards: the last three of each kind of four or more, and any that sent nothing. */
static gboolean laggard (const XbUnitFigures *f, guint n) { return f->submitted == 0 || (n >= 4 && f->rank > n - 3); }

static void
add_names (XbDocument *doc, const char *heading, const char *names, const char *none)
{
  xb_document_add_heading (doc, heading);
  xb_document_add_paragraph (doc, *names ? names : none);
}

XbDocument *
xb_bulletin_document (const XbBulletin *b)
{
  XbDocument *doc = xb_document_new ();
  g_autofree char *date = date_text (b->taken_at);
  g_autofree char *issuer = g_strdup_printf ("%s    %s", b->office, date);
  g_autofree char *missed_names = join_names (b, missed);
  g_autofree char *leaders = join_names (b, leader);
  g_autofree char *laggards = join_names (b, laggard);

  xb_document_add_masthead (doc, _("Information Reporting Bulletin"), b->period_label, issuer);
  add_overview (doc, b);
  xb_document_add_heading (doc, _("2. Rankings within each kind of unit"));
  for (int kind = 0; kind < XB_N_UNIT_KINDS; kind++)
    add_kind_table (doc, b, kind);
  add_county_chart (doc, b);
  add_names (doc, _("3. Units that missed their quota"), missed_names, _("Every unit met its quota."));
  add_names (doc, _("4. Commended"), leaders, _("None."));
  add_names (doc, _("5. To improve"), laggards, _("None."));
  return doc;
}

int
xb_bulletin_n_pages (const XbBulletin *bulletin)
{
  g_autoptr(XbDocument) doc = xb_bulletin_document (bulletin);

  return xb_document_n_pages (doc);
}

void
xb_bulletin_draw_page (const XbBulletin *bulletin, cairo_t *cr, int page)
{
  g_autoptr(XbDocument) doc = xb_bulletin_document (bulletin);

  xb_document_draw_page (doc, cr, page);
}

gboolean
xb_bulletin_write_pdf (const XbBulletin *bulletin, const char *path, GError **error)
{
  g_autoptr(XbDocument) doc = xb_bulletin_document (bulletin);

  return xb_document_write_pdf (doc, path, error);
}
