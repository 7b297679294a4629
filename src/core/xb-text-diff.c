/* What changed between two texts: a diff by paragraph, then by character, which suits Chinese (no spaces between words). */
#include "config.h"

#include <string.h>

#include "xb-text-diff.h"

/* Beyond this many differences Myers' trace grows quadratically; the
 * stretch is shown as replaced instead. */
#define MAX_EDITS 1200

void
xb_diff_run_free (XbDiffRun *run)
{
  if (run == NULL)
    return;
  g_free (run->text);
  g_free (run);
}

/* ---- Myers' O(ND) difference over token arrays ---------------------------------------- */

/* Fills @ops (one XbDiffOp per step, as guint8) from a[0..n) to b[0..m);
 * FALSE when more than MAX_EDITS edits would be needed. */
static gboolean
myers (const guint32 *a, int n, const guint32 *b, int m, GByteArray *ops)
{
  int max = MIN (n + m, MAX_EDITS);
  int width = 2 * max + 1;
  g_autofree int *v = g_new0 (int, width + 2);
  g_autoptr(GPtrArray) trace = g_ptr_array_new_with_free_func (g_free);
  int x, y, d, k, found = -1;

  for (d = 0; d <= max && found < 0; d++)
    {
      g_ptr_array_add (trace, g_memdup2 (v, (width + 2) * sizeof (int)));
      for (k = -d; k <= d; k += 2)
        {
          if (k == -d || (k != d && v[max + k - 1] < v[max + k + 1]))
            x = v[max + k + 1];
          else
            x = v[max + k - 1] + 1;
          y = x - k;
          while (x < n && y < m && a[x] == b[y])
            x++, y++;
          v[max + k] = x;
          if (x >= n && y >= m)
            {
              found = d;
              break;
            }
        }
    }
  if (found < 0)
    return FALSE;

  /* Walk back through the trace, collecting steps in reverse. */
  x = n;
  y = m;
  for (d = found; d >= 0; d--)
    {
      const int *pv = trace->pdata[d];
      int prev_k, prev_x, prev_y;

      k = x - y;
      if (d == 0)
        prev_k = 0;
      else if (k == -d || (k != d && pv[max + k - 1] < pv[max + k + 1]))
        prev_k = k + 1;
      else
        prev_k = k - 1;
      prev_x = d == 0 ? 0 : pv[max + prev_k];
      prev_y = prev_x - prev_k;
      while (x > prev_x && y > prev_y)
        {
          guint8 op = XB_DIFF_EQUAL;
          g_byte_array_append (ops, &op, 1);
          x--, y--;
        }
      if (d > 0)
        {
          guint8 op = x == prev_x ? XB_DIFF_INSERT : XB_DIFF_DELETE;
          g_byte_array_append (ops, &op, 1);
        }
      x = prev_x;
      y = prev_y;
    }
  /* Reverse into reading order. */
  for (guint i = 0, j = ops->len ? ops->len - 1 : 0; i < j; i++, j--)
    {
      guint8 t = ops->data[i];
      ops->data[i] = ops->data[j];
      ops->data[j] = t;
    }
  return TRUE;
}

/* ---- building runs --------------------------------------------------------------------- */

static void
add_run (GPtrArray *runs, XbDiffOp op, const char *text, gsize len)
{
  XbDiffRun *last = runs->len ? runs->pdata[runs->len - 1] : NULL;
  GString *joined;

  if (len == 0)
    return;
  if (last == NULL || last->op != op)
    {
      last = g_new0 (XbDiffRun, 1);
      last->op = op;
      last->text = g_strndup (text, len);
      g_ptr_array_add (runs, last);
      return;
    }
  joined = g_string_new (last->text);
  g_string_append_len (joined, text, len);
  g_free (last->text);
  last->text = g_string_free (joined, FALSE);
}

static void
add_chars (GPtrArray *runs, XbDiffOp op, const gunichar *chars, int n)
{
  g_autofree char *text = g_ucs4_to_utf8 (chars, n, NULL, NULL, NULL);

  if (text != NULL)
    add_run (runs, op, text, strlen (text));
}

/* Characters of two stretches of text. */
static void
diff_chars (GPtrArray *runs, const char *old_text, const char *new_text)
{
  glong n = 0, m = 0;
  g_autofree gunichar *a = g_utf8_to_ucs4_fast (old_text, -1, &n);
  g_autofree gunichar *b = g_utf8_to_ucs4_fast (new_text, -1, &m);
  g_autoptr(GByteArray) ops = g_byte_array_new ();
  int prefix = 0, suffix = 0, x, y;

  while (prefix < n && prefix < m && a[prefix] == b[prefix])
    prefix++;
  while (suffix < n - prefix && suffix < m - prefix && a[n - 1 - suffix] == b[m - 1 - suffix])
    suffix++;
  add_chars (runs, XB_DIFF_EQUAL, a, prefix);
  x = prefix;
  y = prefix;
  if (myers (a + prefix, n - prefix - suffix, b + prefix, m - prefix - suffix, ops))
    for (guint i = 0; i < ops->len; i++)
      {
        if (ops->data[i] == XB_DIFF_EQUAL)
          add_chars (runs, XB_DIFF_EQUAL, a + x++, 1), y++;
        else if (ops->data[i] == XB_DIFF_DELETE)
          add_chars (runs, XB_DIFF_DELETE, a + x++, 1);
        else
          add_chars (runs, XB_DIFF_INSERT, b + y++, 1);
      }
  else
    {
      add_chars (runs, XB_DIFF_DELETE, a + prefix, n - prefix - suffix);
      add_chars (runs, XB_DIFF_INSERT, b + prefix, m - prefix - suffix);
    }
  add_chars (runs, XB_DIFF_EQUAL, a + n - suffix, suffix);
}

/* The text cut after each newline: joined again, the pieces are the text. */
static GPtrArray *
split_lines (const char *text)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  const char *start = text ? text : "";

  for (const char *nl; (nl = strchr (start, '\n')) != NULL; start = nl + 1)
    g_ptr_array_add (lines, g_strndup (start, nl + 1 - start));
  if (*start != '\0')
    g_ptr_array_add (lines, g_strdup (start));
  return lines;
}

/* Paragraphs as tokens: equal paragraphs share an id. */
static guint32 *
tokenize (GPtrArray *lines, GHashTable *ids)
{
  guint32 *tokens = g_new (guint32, lines->len + 1);

  for (guint i = 0; i < lines->len; i++)
    {
      gpointer id;
      if (!g_hash_table_lookup_extended (ids, lines->pdata[i], NULL, &id))
        {
          id = GUINT_TO_POINTER (g_hash_table_size (ids) + 1);
          g_hash_table_insert (ids, lines->pdata[i], id);
        }
      tokens[i] = GPOINTER_TO_UINT (id);
    }
  return tokens;
}

static char *
join_lines (GPtrArray *lines, guint from, guint to)
{
  GString *s = g_string_new (NULL);

  for (guint i = from; i < to; i++)
    g_string_append (s, lines->pdata[i]);
  return g_string_free (s, FALSE);
}

GPtrArray *
xb_text_diff (const char *old_text,
              const char *new_text)
{
  GPtrArray *runs = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_diff_run_free);
  g_autoptr(GPtrArray) a = split_lines (old_text);
  g_autoptr(GPtrArray) b = split_lines (new_text);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint32 *ta = tokenize (a, ids);
  g_autofree guint32 *tb = tokenize (b, ids);
  g_autoptr(GByteArray) ops = g_byte_array_new ();
  guint x = 0, y = 0, i = 0;

  if (!myers (ta, a->len, tb, b->len, ops))
    {
      diff_chars (runs, old_text ? old_text : "", new_text ? new_text : "");
      return runs;
    }
  while (i < ops->len)
    {
      guint x0 = x, y0 = y;
      g_autofree char *old_block = NULL;
      g_autofree char *new_block = NULL;

      if (ops->data[i] == XB_DIFF_EQUAL)
        {
          add_run (runs, XB_DIFF_EQUAL, a->pdata[x], strlen (a->pdata[x]));
          x++, y++, i++;
          continue;
        }
      /* A block of changed paragraphs: compare its characters. */
      for (; i < ops->len && ops->data[i] != XB_DIFF_EQUAL; i++)
        {
          if (ops->data[i] == XB_DIFF_DELETE)
            x++;
          else
            y++;
        }
      old_block = join_lines (a, x0, x);
      new_block = join_lines (b, y0, y);
      diff_chars (runs, old_block, new_block);
    }
  return runs;
}

void
xb_text_diff_count (GPtrArray *runs,
                    glong     *inserted,
                    glong     *deleted)
{
  *inserted = *deleted = 0;
  for (guint i = 0; i < runs->len; i++)
    {
      XbDiffRun *run = runs->pdata[i];
      if (run->op == XB_DIFF_INSERT)
        *inserted += g_utf8_strlen (run->text, -1);
      else if (run->op == XB_DIFF_DELETE)
        *deleted += g_utf8_strlen (run->text, -1);
    }
}
