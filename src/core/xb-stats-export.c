/* CSV of the statistics (RFC 4180 quoting, UTF-8, CRLF-free for scripts). */
#include "config.h"

#include <string.h>

#include "xb-stats-export.h"

/* Quotes a field when it holds a comma, a quote or a line break. */
static void
append_field (GString *out, const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_unit (GString *out, gint64 id, const char *name, XbUnitKind kind)
{
  g_string_append_printf (out, "%" G_GINT64_FORMAT ",", id);
  append_field (out, name);
  g_string_append_printf (out, ",%s,", xb_unit_kind_to_string (kind));
}

char *
xb_figures_to_csv (GPtrArray *figures)
{
  GString *out = g_string_new ("unit_id,unit_name,unit_kind,submitted,adopted,adoption_rate,"
                               "quota,quota_met,rank_in_kind\n");

  for (guint i = 0; i < figures->len; i++)
    {
      const XbUnitFigures *f = figures->pdata[i];
      char rate[G_ASCII_DTOSTR_BUF_SIZE];

      append_unit (out, f->unit_id, f->unit_name, f->kind);
      g_ascii_formatd (rate, sizeof rate, "%.3f", f->adoption_rate);
      g_string_append_printf (out, "%u,%u,%s,%d,%s,%u\n", f->submitted, f->adopted, rate,
                              f->quota, f->quota_met ? "true" : "false", f->rank);
    }
  return g_string_free (out, FALSE);
}

char *
xb_assessment_to_csv (GPtrArray *scores)
{
  GString *out = g_string_new ("unit_id,unit_name,unit_kind,points,rolled_up,total,adoptions,"
                               "instructions,missed_requests,rank_in_kind\n");

  for (guint i = 0; i < scores->len; i++)
    {
      const XbUnitScore *s = scores->pdata[i];
      char points[G_ASCII_DTOSTR_BUF_SIZE], rolled[G_ASCII_DTOSTR_BUF_SIZE], total[G_ASCII_DTOSTR_BUF_SIZE];

      append_unit (out, s->unit_id, s->unit_name, s->kind);
      g_ascii_formatd (points, sizeof points, "%.2f", s->points);
      g_ascii_formatd (rolled, sizeof rolled, "%.2f", s->rolled_up);
      g_ascii_formatd (total, sizeof total, "%.2f", s->total);
      g_string_append_printf (out, "%s,%s,%s,%u,%u,%u,%u\n", points, rolled, total,
                              s->adoptions, s->instructions, s->missed_requests, s->rank);
    }
  return g_string_free (out, FALSE);
}
