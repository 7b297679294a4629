/* xinbao-server report: the statistics module's figures as the bulletin or the assessment, CSV or PDF. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xb-assessment.h"
#include "xb-bulletin.h"
#include "xb-issuer.h"
#include "xb-server-report.h"
#include "xb-stats-export.h"

static cairo_status_t
write_stdout (void *closure, const unsigned char *data, unsigned int length)
{
  return fwrite (data, 1, length, stdout) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static gboolean
parse_year (const char *text, XbPeriod *period, char **label)
{
  guint64 year;

  if (text == NULL || strlen (text) != 4 || !g_ascii_string_to_unsigned (text, 10, 1970, 9999, &year, NULL))
    return FALSE;
  xb_period_year (period, (int) year);
  *label = xb_period_year_label ((int) year);
  return TRUE;
}

static gboolean
parse_quarter (const char *text, XbPeriod *period, char **label)
{
  if (!xb_period_parse_quarter (text, period))
    return FALSE;
  *label = xb_period_quarter_label (atoi (text), text[5] - '0');
  return TRUE;
}

static gboolean
write_text (char *text, GError **error)
{
  gboolean ok = fputs (text, stdout) >= 0;

  g_free (text);
  if (!ok)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_FAILED, "Could not write to standard output."), FALSE;
  return TRUE;
}

static gboolean
bulletin (XbStore *store, const XbPeriod *period, const char *label, gboolean pdf, GError **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GPtrArray) figures = xb_stats_unit_figures (store, period, now, NULL, error);
  g_autofree char *office = xb_issuer_name (store);
  g_autoptr(XbBulletin) b = NULL;
  g_autoptr(XbDocument) doc = NULL;

  if (figures == NULL)
    return FALSE;
  if (!pdf)
    return write_text (xb_figures_to_csv (figures), error);
  b = xb_bulletin_new (office, label, now, figures);
  doc = xb_bulletin_document (b);
  return xb_document_write_pdf_stream (doc, write_stdout, NULL, error);
}

static gboolean
assessment (XbStore *store, const XbPeriod *period, const char *label, gboolean pdf, GError **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GPtrArray) scores = NULL;
  g_autoptr(XbDocument) doc = NULL;
  g_autofree char *office = xb_issuer_name (store);

  if (!pdf)
    return (scores = xb_stats_assessment (store, period, now, error)) != NULL
           && write_text (xb_assessment_to_csv (scores), error);
  doc = xb_assessment_document (store, period, office, label, now, error);
  return doc != NULL && xb_document_write_pdf_stream (doc, write_stdout, NULL, error);
}

gboolean
xb_server_report_write (XbStore *store, const char *report, const char *period_text,
                        const char *format, GError **error)
{
  gboolean pdf = g_strcmp0 (format, "pdf") == 0;
  g_autofree char *label = NULL;
  XbPeriod period;

  if (!pdf && g_strcmp0 (format, "csv") != 0)
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID, "--format is csv or pdf, not “%s”",
                        format ? format : ""), FALSE;
  if (g_strcmp0 (report, "bulletin") == 0)
    {
      if (!parse_quarter (period_text, &period, &label))
        return g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                            "--quarter looks like 2026Q3, not “%s”", period_text ? period_text : ""), FALSE;
      return bulletin (store, &period, label, pdf, error);
    }
  if (g_strcmp0 (report, "assessment") == 0)
    {
      if (!parse_year (period_text, &period, &label))
        return g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                            "--year looks like 2026, not “%s”", period_text ? period_text : ""), FALSE;
      return assessment (store, &period, label, pdf, error);
    }
  return g_set_error (error, XB_ERROR, XB_ERROR_INVALID, "the reports are “bulletin” and “assessment”, not “%s”",
                      report ? report : ""), FALSE;
}
