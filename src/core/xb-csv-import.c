/* Importing units and people from a CSV file: decoding, parsing, per-row checks and the one-transaction apply. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "xb-csv-import.h"

static const char *const unit_columns[] = { "name", "kind", "parent", "monthly_quota", NULL };
static const char *const user_columns[] = { "username", "display_name", "unit", "roles", NULL };

static void
row_free (XbCsvRow *row)
{
  g_strfreev (row->fields);
  g_free (row->error);
  g_free (row);
}

void
xb_csv_preview_free (XbCsvPreview *preview)
{
  if (preview == NULL)
    return;
  g_free (preview->encoding);
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_free (preview);
}

/* ---- decoding and parsing ------------------------------------------------------- */

/* Text has no control characters but tabs and line breaks (a unit named with one would
 * make every client refuse the change feed, whose JSON cannot carry it). */
static gboolean
has_control (const char *bytes, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) bytes[i] < 0x20 && bytes[i] != '\t' && bytes[i] != '\n' && bytes[i] != '\r')
      return TRUE;
  return FALSE;
}

static char *
decode (GBytes *data, char **encoding, GError **error)
{
  gsize len;
  const char *bytes = g_bytes_get_data (data, &len);
  g_autoptr(GError) local = NULL;
  char *text;

  if (bytes == NULL || len == 0)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID, _("The file is empty.")), NULL;
  if (len >= 3 && memcmp (bytes, "\xEF\xBB\xBF", 3) == 0)
    bytes += 3, len -= 3;
  if (has_control (bytes, len))
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID,
                                _("The file is not text: save it as CSV (UTF-8).")), NULL;
  if (g_utf8_validate_len (bytes, len, NULL))
    {
      *encoding = g_strdup ("UTF-8");
      return g_strndup (bytes, len);
    }
  text = g_convert (bytes, (gssize) len, "UTF-8", "GB18030", NULL, NULL, &local);
  if (text == NULL)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID,
                                _("The file is neither UTF-8 nor GB18030 text: save it as CSV (UTF-8) and try again.")), NULL;
  *encoding = g_strdup ("GB18030");
  return text;
}

/* One record from *p (RFC 4180: quotes, doubled quotes, line breaks inside
 * quotes); NULL at the end.  *line counts lines. */
static GPtrArray *
next_record (const char **p, guint *line, GError **error)
{
  GPtrArray *fields;
  GString *field = g_string_new (NULL);
  const char *s = *p;

  if (*s == '\0')
    return g_string_free (field, TRUE), NULL;
  fields = g_ptr_array_new_with_free_func (g_free);
  for (;;)
    {
      if (*s == '"')
        {
          guint start = *line;
          for (s++;; s++)
            {
              if (*s == '\0')
                {
                  g_string_free (field, TRUE);
                  g_ptr_array_unref (fields);
                  return g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                                      _("Line %u: a quoted field is never closed."), start), NULL;
                }
              if (*s == '"' && s[1] == '"')
                s++;
              else if (*s == '"')
                {
                  s++;
                  break;
                }
              else if (*s == '\n')
                (*line)++;
              g_string_append_c (field, *s);
            }
        }
      while (*s != '\0' && *s != ',' && *s != '\n' && *s != '\r')
        g_string_append_c (field, *s++);
      g_ptr_array_add (fields, g_strdup (g_strstrip (field->str)));
      g_string_truncate (field, 0);
      if (*s == ',')
        {
          s++;
          continue;
        }
      if (*s == '\r')
        s++;
      if (*s == '\n')
        s++;
      (*line)++;
      break;
    }
  g_string_free (field, TRUE);
  *p = s;
  return fields;
}

static gboolean
blank (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    if (*(const char *) fields->pdata[i] != '\0')
      return FALSE;
  return TRUE;
}

/* Column positions of the header: map[i] is the index in the file of
 * the i-th expected column. */
static gboolean
read_header (GPtrArray *header, const char *const *columns, int *map, GError **error)
{
  guint n = g_strv_length ((GStrv) columns);

  for (guint i = 0; i < n; i++)
    map[i] = -1;
  for (guint k = 0; k < header->len; k++)
    {
      const char *name = header->pdata[k];
      gboolean known = FALSE;
      for (guint i = 0; i < n; i++)
        if (g_ascii_strcasecmp (name, columns[i]) == 0)
          map[i] = (int) k, known = TRUE;
      if (!known)
        return g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                            _("Unknown column “%s” in the first line."), name), FALSE;
    }
  for (guint i = 0; i < n; i++)
    if (map[i] < 0)
      {
        g_autofree char *all = g_strjoinv (",", (GStrv) columns);
        return g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                            _("The first line must name the columns %s; “%s” is missing."), all, columns[i]), FALSE;
      }
  return TRUE;
}

/* ---- checks ------------------------------------------------------------------------ */

typedef struct {
  XbStore    *store;
  GHashTable *names;  /* names (units) or usernames (users) seen earlier in the file */
} Check;

static gboolean
unit_known (Check *c, const char *name)
{
  g_autoptr(GPtrArray) units = xb_store_list_units (c->store, NULL);

  for (guint i = 0; units != NULL && i < units->len; i++)
    if (g_strcmp0 (((XbUnit *) units->pdata[i])->name, name) == 0)
      return TRUE;
  return FALSE;
}

static gint64
unit_id_of (XbStore *store, const char *name)
{
  g_autoptr(GPtrArray) units = xb_store_list_units (store, NULL);

  for (guint i = 0; units != NULL && i < units->len; i++)
    if (g_strcmp0 (((XbUnit *) units->pdata[i])->name, name) == 0)
      return ((XbUnit *) units->pdata[i])->id;
  return 0;
}

static char *
check_unit (Check *c, GStrv f)
{
  XbUnitKind kind;
  gint64 quota;

  if (*f[0] == '\0')
    return g_strdup (_("The name is missing."));
  if (g_hash_table_contains (c->names, f[0]))
    return g_strdup_printf (_("“%s” appears twice in the file."), f[0]);
  if (unit_known (c, f[0]))
    return g_strdup_printf (_("A unit named “%s” already exists."), f[0]);
  if (*f[1] == '\0')
    return g_strdup (_("The kind is missing."));
  if (!xb_unit_kind_from_string (f[1], &kind) || kind == XB_UNIT_KIND_OFFICE)
    return g_strdup_printf (_("Unknown kind “%s”: use county, department, provincial, liaison, enterprise or direct_point."), f[1]);
  if (*f[2] != '\0' && !g_hash_table_contains (c->names, f[2]) && !unit_known (c, f[2]))
    return g_strdup_printf (_("The parent unit “%s” does not exist."), f[2]);
  if (*f[3] != '\0' && !g_ascii_string_to_signed (f[3], 10, 0, 10000, &quota, NULL))
    return g_strdup_printf (_("The monthly quota “%s” is not a whole number from 0 to 10000."), f[3]);
  g_hash_table_add (c->names, g_strdup (f[0]));
  return NULL;
}

static gboolean
parse_roles (const char *text, XbRoles *roles)
{
  g_autofree char *list = g_strdup (text);

  g_strdelimit (list, ";", ',');
  return xb_roles_from_string (list, roles) && *roles != 0;
}

static char *
check_user (Check *c, GStrv f)
{
  g_autoptr(XbUser) existing = NULL;
  XbRoles roles;

  if (*f[0] == '\0')
    return g_strdup (_("The username is missing."));
  if (g_hash_table_contains (c->names, f[0]))
    return g_strdup_printf (_("“%s” appears twice in the file."), f[0]);
  if ((existing = xb_store_find_user (c->store, f[0], NULL)) != NULL)
    return g_strdup_printf (_("The username “%s” is already taken."), f[0]);
  if (*f[1] == '\0')
    return g_strdup (_("The display name is missing."));
  if (*f[2] == '\0')
    return g_strdup (_("The unit is missing."));
  if (!unit_known (c, f[2]))
    return g_strdup_printf (_("The unit “%s” does not exist."), f[2]);
  if (!parse_roles (f[3], &roles))
    return g_strdup_printf (_("Unknown or missing roles “%s”."), f[3]);
  g_hash_table_add (c->names, g_strdup (f[0]));
  return NULL;
}

XbCsvPreview *
xb_csv_preview (XbStore *store, XbCsvKind kind, GBytes *data, GError **error)
{
  const char *const *columns = kind == XB_CSV_UNITS ? unit_columns : user_columns;
  guint n = g_strv_length ((GStrv) columns);
  g_autoptr(XbCsvPreview) preview = g_new0 (XbCsvPreview, 1);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) header = NULL;
  g_autofree char *text = NULL;
  Check check = { store, names };
  const char *p;
  guint line = 1;
  int map[8];

  preview->kind = kind;
  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  if ((text = decode (data, &preview->encoding, error)) == NULL)
    return NULL;
  p = text;
  header = next_record (&p, &line, error);
  if (header == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID, _("The file is empty."));
      return NULL;
    }
  if (!read_header (header, columns, map, error))
    return NULL;
  for (;;)
    {
      guint start = line;
      g_autoptr(GPtrArray) record = next_record (&p, &line, error);
      GStrvBuilder *b;
      XbCsvRow *row;

      if (record == NULL)
        {
          if (error != NULL && *error != NULL)
            return NULL;
          break;
        }
      if (blank (record))
        continue;
      row = g_new0 (XbCsvRow, 1);
      row->line = start;
      b = g_strv_builder_new ();
      for (guint i = 0; i < n; i++)
        g_strv_builder_add (b, (guint) map[i] < record->len ? record->pdata[map[i]] : "");
      row->fields = g_strv_builder_end (b);
      g_strv_builder_unref (b);
      if (record->len > header->len)
        row->error = g_strdup_printf (_("The row has %u fields; the first line names %u."), record->len, header->len);
      else
        row->error = kind == XB_CSV_UNITS ? check_unit (&check, row->fields) : check_user (&check, row->fields);
      preview->n_errors += row->error != NULL;
      g_ptr_array_add (preview->rows, row);
    }
  return g_steal_pointer (&preview);
}

/* ---- applying ------------------------------------------------------------------------ */

static gboolean
apply_unit (XbStore *store, GStrv f, GError **error)
{
  g_autoptr(XbUnit) unit = xb_unit_new ();
  gint64 quota = -1;

  unit->name = g_strdup (f[0]);
  xb_unit_kind_from_string (f[1], &unit->kind);
  if (*f[2] != '\0' && (unit->parent_id = unit_id_of (store, f[2])) == 0)
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID, _("The parent unit “%s” does not exist."), f[2]), FALSE;
  if (*f[3] != '\0')
    g_ascii_string_to_signed (f[3], 10, 0, 10000, &quota, NULL);
  unit->monthly_quota = (int) quota;
  return xb_store_put_unit (store, unit, error);
}

static gboolean
apply_user (XbStore *store, GStrv f, GError **error)
{
  g_autoptr(XbUser) user = xb_user_new ();

  user->username = g_strdup (f[0]);
  user->display_name = g_strdup (f[1]);
  if ((user->unit_id = unit_id_of (store, f[2])) == 0)
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID, _("The unit “%s” does not exist."), f[2]), FALSE;
  parse_roles (f[3], &user->roles);
  /* "!" is no hash any password matches: the account waits for a reset. */
  return xb_store_put_user (store, user, "!", error);
}

gboolean
xb_csv_apply (XbStore *store, const XbCsvPreview *preview, GError **error)
{
  gboolean ok = TRUE;

  if (preview->n_errors > 0)
    return g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                        g_dngettext (GETTEXT_PACKAGE, "%u row has an error; nothing was imported.",
                                     "%u rows have errors; nothing was imported.", preview->n_errors),
                        preview->n_errors), FALSE;
  if (!xb_store_begin (store, error))
    return FALSE;
  for (guint i = 0; ok && i < preview->rows->len; i++)
    {
      XbCsvRow *row = preview->rows->pdata[i];
      ok = preview->kind == XB_CSV_UNITS ? apply_unit (store, row->fields, error)
                                         : apply_user (store, row->fields, error);
      if (!ok)
        g_prefix_error (error, _("Line %u: "), row->line);
    }
  if (!ok)
    {
      xb_store_rollback (store);
      return FALSE;
    }
  return xb_store_commit (store, error);
}
