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

/* ---- reading ------------------------------------------------------------------ */

#define FIGURES_HEADER "unit_id,unit_name,unit_kind,submitted,adopted,adoption_rate,quota,quota_met,rank_in_kind"

/* Splits one CSV line into fields, undoing the quoting of append_field. */
static GPtrArray *
split_fields (const char *line)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line;; p++)
    {
      if (quoted && *p == '"' && p[1] == '"')
        g_string_append_c (field, *p++);
      else if (*p == '"')
        quoted = !quoted;
      else if ((*p == ',' && !quoted) || *p == '\0')
        {
          g_ptr_array_add (fields, g_string_free (field, FALSE));
          if (*p == '\0')
            break;
          field = g_string_new (NULL);
        }
      else
        g_string_append_c (field, *p);
    }
  return fields;
}

static gboolean
parse_uint (const char *text, guint64 max, guint64 *out)
{
  return g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL);
}

static XbUnitFigures *
figures_from_fields (GPtrArray *f)
{
  g_autoptr(XbUnitFigures) row = g_new0 (XbUnitFigures, 1);
  guint64 id, submitted, adopted, quota, rank;
  char *end = NULL;

  if (f->len != 9 || !parse_uint (f->pdata[0], G_MAXINT64, &id) || !xb_unit_kind_from_string (f->pdata[2], &row->kind)
      || !parse_uint (f->pdata[3], G_MAXUINT, &submitted) || !parse_uint (f->pdata[4], G_MAXUINT, &adopted)
      || !parse_uint (f->pdata[6], G_MAXINT, &quota) || !parse_uint (f->pdata[8], G_MAXUINT, &rank)
      || (!g_str_equal (f->pdata[7], "true") && !g_str_equal (f->pdata[7], "false")))
    return NULL;
  row->adoption_rate = g_ascii_strtod (f->pdata[5], &end);
  if (end == NULL || *end != '\0')
    return NULL;
  row->unit_id = (gint64) id;
  row->unit_name = g_strdup (f->pdata[1]);
  row->submitted = (guint) submitted;
  row->adopted = (guint) adopted;
  row->quota = (int) quota;
  row->quota_met = g_str_equal (f->pdata[7], "true");
  row->rank = (guint) rank;
  return g_steal_pointer (&row);
}

GPtrArray *
xb_figures_from_csv (const char *csv, GError **error)
{
  g_auto(GStrv) lines = g_strsplit (csv ? csv : "", "\n", -1);
  g_autoptr(GPtrArray) figures = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_unit_figures_free);

  if (lines[0] == NULL || !g_str_equal (lines[0], FIGURES_HEADER))
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID, "The bulletin's figures have no header."), NULL;
  for (int i = 1; lines[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) fields = NULL;
      XbUnitFigures *row;
      if (*lines[i] == '\0')
        continue;
      fields = split_fields (lines[i]);
      if ((row = figures_from_fields (fields)) == NULL)
        return g_set_error (error, XB_ERROR, XB_ERROR_INVALID, "Line %d of the bulletin's figures is damaged.", i + 1), NULL;
      g_ptr_array_add (figures, row);
    }
  return g_steal_pointer (&figures);
}
