/* The languages of the server's answers: GNU .mo catalogs read into memory at the first request, looked up per request without touching the process locale. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "xb-server-i18n.h"

#define MO_MAGIC         0x950412deU
#define MO_MAGIC_SWAPPED 0xde120495U
#define MAX_READ_BACK    2048   /* bytes of a formatted message read back */

typedef struct {
  const char *msgid;
  const char *msgstr;
  gsize       literal;  /* bytes outside conversions: the more, the surer a match */
} Format;

struct _XbCatalog
{
  char       *language;   /* "zh_CN" */
  char       *data;       /* the file; the tables point into it */
  GHashTable *messages;   /* msgid → msgstr, both inside data */
  GHashTable *verbs;      /* msgid → msgstr of msgctxt "verb": the actions the workflow names */
  GArray     *formats;    /* Format: messages with conversions, for xb_catalog_translate_text */
};

/* ---- conversions ------------------------------------------------------------------ */

/* One conversion of a printf format, such as %s, %2$s, %lld or %%. */
typedef struct {
  gsize       len;       /* bytes from the '%' */
  guint       position;  /* 1-based n of "%n$", 0 if none */
  char        conv;      /* 's', 'd', …; '%' for "%%" */
  char        size[3];   /* "", "l", "ll", "h", "z", … */
  gboolean    simple;    /* no flags, width or precision */
} Conversion;

static gboolean
parse_conversion (const char *p, Conversion *c)
{
  const char *start = p++;
  const char *mark;
  gsize n = 0;

  memset (c, 0, sizeof *c);
  c->simple = TRUE;
  if (*p == '%')
    {
      c->conv = '%';
      c->len = 2;
      return TRUE;
    }
  mark = p;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '$' && p > mark)
    {
      c->position = (guint) strtoul (mark, NULL, 10);
      p++;
    }
  else
    p = mark;
  for (; *p != '\0' && strchr ("-+ #0'123456789.*", *p) != NULL; p++)
    c->simple = FALSE;
  while (*p != '\0' && strchr ("hlLqjzt", *p) != NULL && n < sizeof c->size - 1)
    c->size[n++] = *p++;
  if (*p == '\0' || strchr ("diouxXeEfFgGaAcsp", *p) == NULL)
    return FALSE;
  c->conv = *p;
  c->len = (gsize) (p + 1 - start);
  return TRUE;
}

/* What @format's arguments must be, in argument order ("s;lld;"), or NULL
 * for a format this file does not understand (it is then never used). */
static char *
format_signature (const char *format)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  GString *out;
  guint next = 0, positional = 0;

  for (const char *p = strchr (format, '%'); p != NULL; p = strchr (p, '%'))
    {
      Conversion c;
      guint index;

      if (!parse_conversion (p, &c))
        return NULL;
      p += c.len;
      if (c.conv == '%')
        continue;
      positional += c.position > 0;
      /* printf cannot mix "%1$s" and "%s". */
      if (positional > 0 && (c.position == 0 || next > 0))
        return NULL;
      index = c.position > 0 ? c.position - 1 : next++;
      if (index >= 64)
        return NULL;
      if (index >= args->len)
        g_ptr_array_set_size (args, index + 1);
      g_free (args->pdata[index]);
      args->pdata[index] = g_strdup_printf ("%s%c", c.size, c.conv);
    }
  out = g_string_new (NULL);
  for (guint i = 0; i < args->len; i++)
    {
      if (args->pdata[i] == NULL)
        return g_string_free (out, TRUE), NULL;
      g_string_append_printf (out, "%s;", (char *) args->pdata[i]);
    }
  return g_string_free (out, FALSE);
}

/* ---- loading ---------------------------------------------------------------------- */

static guint32
read_u32 (const char *data, gsize offset, gboolean swapped)
{
  guint32 v;

  memcpy (&v, data + offset, 4);
  return swapped ? GUINT32_SWAP_LE_BE (v) : v;
}

/* The string of table entry @i at @table, or NULL if it lies outside the file. */
static const char *
mo_string (const char *data, gsize size, guint32 table, guint32 i, gboolean swapped, guint32 *len)
{
  gsize entry = (gsize) table + (gsize) i * 8;
  guint32 offset;

  if (entry + 8 > size)
    return NULL;
  *len = read_u32 (data, entry, swapped);
  offset = read_u32 (data, entry + 4, swapped);
  if ((gsize) offset + *len >= size || data[(gsize) offset + *len] != '\0')
    return NULL;
  return data + offset;
}

/* The bytes outside conversions of a format that xb_catalog_translate_text
 * can read back from a text, or 0. */
static gsize
format_is_readable (const char *msgid)
{
  gsize literal = 0;
  guint strings = 0;
  gboolean any = FALSE;

  for (const char *p = msgid; *p != '\0';)
    {
      Conversion c;

      if (*p != '%')
        {
          literal++;
          p++;
          continue;
        }
      if (!parse_conversion (p, &c) || !c.simple || c.position > 0
          || (c.conv != '%' && strchr ("sdiu", c.conv) == NULL)
          || (c.size[0] != '\0' && g_strcmp0 (c.size, "l") != 0 && g_strcmp0 (c.size, "ll") != 0))
        return 0;
      any |= c.conv != '%';
      strings += c.conv == 's';
      p += c.len;
    }
  /* "%s" or "%s since %s" (the app's) would match texts that are no such
   * message; each "%s" multiplies the tries. */
  if (!any || msgid[0] == '%' || literal < 4 || strings > 2)
    return 0;
  return literal;
}

static void
add_message (XbCatalog *catalog, const char *msgid, const char *msgstr)
{
  g_autofree char *want = NULL, *have = NULL;

  /* Not a printf format ("%Y-%m-%d" is the app's date): nothing to check. */
  if (strchr (msgid, '%') != NULL && (want = format_signature (msgid)) != NULL)
    {
      have = format_signature (msgstr);
      /* A translation that would read other arguments than the English
       * format passes them could crash the server: keep the English. */
      if (g_strcmp0 (want, have) != 0)
        {
          g_message ("%s: the translation of “%s” does not take the same arguments; left in English",
                     catalog->language, msgid);
          return;
        }
      gsize literal = format_is_readable (msgid);

      if (literal > 0)
        g_array_append_val (catalog->formats, ((Format) { msgid, msgstr, literal }));
    }
  g_hash_table_insert (catalog->messages, (gpointer) msgid, (gpointer) msgstr);
}

static XbCatalog *
catalog_load (const char *language, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  XbCatalog *catalog;
  gsize size;
  guint32 magic, n, originals, translations;
  gboolean swapped;

  if (!g_file_get_contents (path, &data, &size, &error))
    return NULL;
  if (size < 20)
    return g_warning ("%s: not a message catalog", path), NULL;
  memcpy (&magic, data, 4);
  if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
    return g_warning ("%s: not a message catalog", path), NULL;
  swapped = magic == MO_MAGIC_SWAPPED;
  n = read_u32 (data, 8, swapped);
  originals = read_u32 (data, 12, swapped);
  translations = read_u32 (data, 16, swapped);

  catalog = g_new0 (XbCatalog, 1);
  catalog->language = g_strdup (language);
  catalog->messages = g_hash_table_new (g_str_hash, g_str_equal);
  catalog->verbs = g_hash_table_new (g_str_hash, g_str_equal);
  catalog->formats = g_array_new (FALSE, FALSE, sizeof (Format));
  for (guint32 i = 0; i < n; i++)
    {
      guint32 id_len, str_len;
      const char *msgid = mo_string (data, size, originals, i, swapped, &id_len);
      const char *msgstr = mo_string (data, size, translations, i, swapped, &str_len);

      if (msgid == NULL || msgstr == NULL)
        {
          g_warning ("%s: entry %u lies outside the file; the rest is ignored", path, i);
          break;
        }
      /* The header ("") and untranslated entries are of no use here, nor
       * entries with a context (msgctxt + "\4") but the verbs.  A plural
       * entry is looked up by its singular and answers its first form
       * (Chinese has one). */
      if (*msgid == '\0' || *msgstr == '\0')
        continue;
      if (g_str_has_prefix (msgid, "verb\004"))
        g_hash_table_insert (catalog->verbs, (gpointer) (msgid + 5), (gpointer) msgstr);
      else if (strchr (msgid, '\004') == NULL)
        add_message (catalog, msgid, msgstr);
    }
  catalog->data = g_steal_pointer (&data);
  return catalog;
}

static const char *
locale_dir (void)
{
  const char *dir = g_getenv ("XB_LOCALEDIR");

  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Every DIR/LANG/LC_MESSAGES/xinbao.mo, whatever languages the build had. */
static GPtrArray *
load_all (void)
{
  GPtrArray *catalogs = g_ptr_array_new ();
  const char *dir_path = locale_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  /* Sorted so that "zh" finds the same catalog every time. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *language = names->pdata[i];
      g_autofree char *path = g_build_filename (dir_path, language, "LC_MESSAGES",
                                                GETTEXT_PACKAGE ".mo", NULL);
      XbCatalog *catalog;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      if ((catalog = catalog_load (language, path)) != NULL)
        {
          g_message ("answers in %s: %u messages from %s", language,
                     g_hash_table_size (catalog->messages), path);
          g_ptr_array_add (catalogs, catalog);
        }
    }
  if (catalogs->len == 0)
    g_message ("answers in English only: no LANG/LC_MESSAGES/%s.mo in %s", GETTEXT_PACKAGE, dir_path);
  return catalogs;
}

static GPtrArray *
catalogs (void)
{
  static GPtrArray *all;

  if (g_once_init_enter (&all))
    g_once_init_leave (&all, load_all ());
  return all;
}

void
xb_catalog_load_all (void)
{
  (void) catalogs ();
}

/* ---- choosing ----------------------------------------------------------------------- */

typedef struct {
  char   *tag;   /* "zh_cn", "zh", "en", "*" */
  double  q;
  guint   order;
} Range;

static int
range_compare (gconstpointer a, gconstpointer b)
{
  const Range *x = a, *y = b;

  if (x->q != y->q)
    return x->q > y->q ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

static void
range_clear (gpointer data)
{
  g_free (((Range *) data)->tag);
}

static GArray *
parse_ranges (const char *header)
{
  GArray *ranges = g_array_new (FALSE, TRUE, sizeof (Range));
  g_auto(GStrv) parts = g_strsplit (header, ",", 32);

  g_array_set_clear_func (ranges, range_clear);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) params = g_strsplit (parts[i], ";", 4);
      g_autofree char *tag = NULL;
      Range r = { NULL, 1.0, i };

      /* g_strsplit gives no element at all for an empty part ("a,,b"). */
      if (params[0] == NULL || *(tag = g_ascii_strdown (g_strstrip (params[0]), -1)) == '\0')
        continue;
      for (guint k = 1; params[k] != NULL; k++)
        {
          const char *p = g_strstrip (params[k]);

          if ((p[0] == 'q' || p[0] == 'Q') && p[1] == '=')
            r.q = g_ascii_strtod (p + 2, NULL);
        }
      /* q=0 refuses a language; "q=nan" would upset the sort. */
      if (!(r.q > 0.0))
        continue;
      g_strdelimit (tag, "-", '_');
      r.tag = g_steal_pointer (&tag);
      g_array_append_val (ranges, r);
    }
  g_array_sort (ranges, range_compare);
  return ranges;
}

/* RFC 4647 basic filtering: "zh" matches zh_CN, "zh_cn" matches zh_CN. */
static gboolean
range_matches (const char *range, const char *language)
{
  gsize len = strlen (range);

  return g_ascii_strncasecmp (range, language, len) == 0 && (language[len] == '\0' || language[len] == '_');
}

const XbCatalog *
xb_catalog_for_languages (const char *accept_language)
{
  GPtrArray *all = catalogs ();
  g_autoptr(GArray) ranges = NULL;

  if (accept_language == NULL || all->len == 0)
    return NULL;
  ranges = parse_ranges (accept_language);
  for (guint i = 0; i < ranges->len; i++)
    {
      const char *tag = g_array_index (ranges, Range, i).tag;

      /* The messages are written in English: "en" needs no catalog. */
      if (range_matches ("en", tag) || range_matches (tag, "en"))
        return NULL;
      for (guint k = 0; k < all->len; k++)
        {
          XbCatalog *catalog = all->pdata[k];

          if (range_matches (tag, catalog->language))
            return catalog;
        }
    }
  return NULL;
}

const char *
xb_catalog_get_language (const XbCatalog *catalog)
{
  return catalog != NULL ? catalog->language : "en";
}

const char *
xb_catalog_lookup (const XbCatalog *catalog, const char *msgid)
{
  const char *msgstr;

  if (catalog == NULL || msgid == NULL)
    return msgid;
  msgstr = g_hash_table_lookup (catalog->messages, msgid);
  return msgstr != NULL ? msgstr : msgid;
}

/* ---- reading a formatted English text back -------------------------------------------- */

/* Whether @text matches @format, up to its end or (@prefix) to any point;
 * the arguments go to @args, the end of the match to @end. */
static gboolean
match_format (const char *format, const char *text, gboolean prefix, GPtrArray *args, const char **end)
{
  Conversion c;

  while (*format != '\0' && *format != '%')
    {
      if (*format++ != *text++)
        return FALSE;
    }
  if (*format == '\0')
    {
      *end = text;
      return prefix || *text == '\0';
    }
  parse_conversion (format, &c);
  format += c.len;
  if (c.conv == '%')
    return *text == '%' && match_format (format, text + 1, prefix, args, end);
  if (c.conv == 's')
    {
      /* Shortest first, so that the literal after it decides. */
      for (const char *stop = text;; stop++)
        {
          g_ptr_array_add (args, g_strndup (text, (gsize) (stop - text)));
          if (match_format (format, stop, prefix, args, end))
            return TRUE;
          g_ptr_array_remove_index (args, args->len - 1);
          if (*stop == '\0')
            return FALSE;
        }
    }
  {
    const char *p = text;

    if ((c.conv == 'd' || c.conv == 'i') && *p == '-')
      p++;
    if (!g_ascii_isdigit (*p))
      return FALSE;
    while (g_ascii_isdigit (*p))
      p++;
    g_ptr_array_add (args, g_strndup (text, (gsize) (p - text)));
    if (match_format (format, p, prefix, args, end))
      return TRUE;
    g_ptr_array_remove_index (args, args->len - 1);
    return FALSE;
  }
}

/* An argument that is itself a message: a state's label, an action's verb. */
static const char *
translate_argument (const XbCatalog *catalog, const char *arg)
{
  const char *text = g_hash_table_lookup (catalog->messages, arg);

  if (text == NULL)
    text = g_hash_table_lookup (catalog->verbs, arg);
  return text != NULL ? text : arg;
}

/* @msgstr with @args (texts, in the English order) in its conversions. */
static void
append_filled (const XbCatalog *catalog, GString *out, const char *msgstr, GPtrArray *args)
{
  guint next = 0;

  for (const char *p = msgstr; *p != '\0';)
    {
      Conversion c;
      guint index;

      if (*p != '%')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      parse_conversion (p, &c);   /* checked when loading */
      p += c.len;
      if (c.conv == '%')
        {
          g_string_append_c (out, '%');
          continue;
        }
      index = c.position > 0 ? c.position - 1 : next++;
      if (index < args->len)
        g_string_append (out, translate_argument (catalog, args->pdata[index]));
    }
}

static gboolean
translate_into (const XbCatalog *catalog, const char *text, GString *out)
{
  const char *exact = g_hash_table_lookup (catalog->messages, text);

  const Format *best = NULL;
  g_autoptr(GPtrArray) best_args = NULL;

  if (exact != NULL)
    return g_string_append (out, exact), TRUE;
  /* Of the formats the text fits, the one with the most words of its own. */
  for (guint i = 0; i < catalog->formats->len; i++)
    {
      const Format *f = &g_array_index (catalog->formats, Format, i);
      g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
      const char *end;

      if ((best == NULL || f->literal > best->literal) && match_format (f->msgid, text, FALSE, args, &end))
        {
          best = f;
          g_clear_pointer (&best_args, g_ptr_array_unref);
          best_args = g_steal_pointer (&args);
        }
    }
  if (best != NULL)
    return append_filled (catalog, out, best->msgstr, best_args), TRUE;
  /* g_prefix_error's "Line %u: " before another message. */
  for (guint i = 0; i < catalog->formats->len; i++)
    {
      const Format *f = &g_array_index (catalog->formats, Format, i);
      g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
      gsize before = out->len;
      const char *end;

      if (!g_str_has_suffix (f->msgid, ": ") || !match_format (f->msgid, text, TRUE, args, &end))
        continue;
      append_filled (catalog, out, f->msgstr, args);
      if (translate_into (catalog, end, out))
        return TRUE;
      g_string_truncate (out, before);
    }
  return FALSE;
}

char *
xb_catalog_translate_text (const XbCatalog *catalog, const char *text)
{
  const char *exact;
  GString *out;

  if (catalog == NULL || text == NULL)
    return g_strdup (text);
  /* Reading formats back costs time with the length: a message quoting
   * a whole CSV field of megabytes is looked up only as it is. */
  if (strlen (text) > MAX_READ_BACK)
    return g_strdup ((exact = g_hash_table_lookup (catalog->messages, text)) != NULL ? exact : text);
  out = g_string_new (NULL);
  if (!translate_into (catalog, text, out))
    return g_string_free (out, TRUE), g_strdup (text);
  return g_string_free (out, FALSE);
}
