/* Pango markup for a text diff: insertions underlined in green, deletions struck through in red, long unchanged stretches shortened. */
#include "config.h"

#include "xb-diff-markup.h"
#include "xb-text-diff.h"

/* Colours that read on light and dark backgrounds alike; the underline and
 * the strike-through say the same without colour. */
#define INSERT_SPAN "<span foreground=\"#2ec27e\" underline=\"single\">"
#define DELETE_SPAN "<span foreground=\"#e01b24\" strikethrough=\"true\">"

static void
append_escaped (GString *out, const char *text, glong chars)
{
  const char *end = g_utf8_offset_to_pointer (text, chars);
  g_autofree char *escaped = g_markup_escape_text (text, end - text);

  g_string_append (out, escaped);
}

static void
append_equal (GString *out, const char *text, guint context, gboolean first, gboolean last)
{
  glong n = g_utf8_strlen (text, -1);
  glong head = first ? 0 : context;
  glong tail = last ? 0 : context;

  if (n <= head + tail + 8)
    {
      append_escaped (out, text, n);
      return;
    }
  append_escaped (out, text, head);
  g_string_append (out, " … ");
  append_escaped (out, g_utf8_offset_to_pointer (text, n - tail), tail);
}

char *
xb_diff_markup (GPtrArray *runs,
                guint      context)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < runs->len; i++)
    {
      XbDiffRun *run = runs->pdata[i];

      if (run->op == XB_DIFF_EQUAL)
        {
          append_equal (out, run->text, context, i == 0, i + 1 == runs->len);
          continue;
        }
      g_string_append (out, run->op == XB_DIFF_INSERT ? INSERT_SPAN : DELETE_SPAN);
      append_escaped (out, run->text, g_utf8_strlen (run->text, -1));
      g_string_append (out, "</span>");
    }
  return g_string_free (out, FALSE);
}
