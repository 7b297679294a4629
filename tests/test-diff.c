/* Text diff tests: hand-worked cases in Chinese, paragraphs inserted, and a long body with a small change. */
#include "config.h"

#include "xb-text-diff.h"

/* The runs written as "=same-old+new" for compact expectations. */
static char *
render (GPtrArray *runs)
{
  GString *s = g_string_new (NULL);
  const char marks[] = { '=', '+', '-' };

  for (guint i = 0; i < runs->len; i++)
    {
      XbDiffRun *run = runs->pdata[i];
      g_string_append_c (s, marks[run->op]);
      g_string_append (s, run->text);
    }
  return g_string_free (s, FALSE);
}

/* Old and new text come back from the runs. */
static void
assert_rebuilds (GPtrArray *runs, const char *old_text, const char *new_text)
{
  GString *o = g_string_new (NULL), *n = g_string_new (NULL);

  for (guint i = 0; i < runs->len; i++)
    {
      XbDiffRun *run = runs->pdata[i];
      if (run->op != XB_DIFF_INSERT)
        g_string_append (o, run->text);
      if (run->op != XB_DIFF_DELETE)
        g_string_append (n, run->text);
    }
  g_assert_cmpstr (o->str, ==, old_text);
  g_assert_cmpstr (n->str, ==, new_text);
  g_string_free (o, TRUE);
  g_string_free (n, TRUE);
}

static void
check (const char *old_text, const char *new_text, const char *want)
{
  g_autoptr(GPtrArray) runs = xb_text_diff (old_text, new_text);
  g_autofree char *got = render (runs);

  g_assert_cmpstr (got, ==, want);
  assert_rebuilds (runs, old_text, new_text);
}

static void
test_small (void)
{
  check ("", "", "");
  check ("全县春耕", "全县春耕", "=全县春耕");
  check ("", "新增内容", "+新增内容");
  check ("删去的内容", "", "-删去的内容");
  /* A phrase changed in the middle of a sentence. */
  check ("全县落实种植面积12万亩。", "全县落实种植面积15万亩。", "=全县落实种植面积1-2+5=万亩。");
  check ("今年以来全县扎实推进。", "今年以来全区扎实推进。", "=今年以来全-县+区=扎实推进。");
  /* Words added and removed around the same place. */
  check ("强化农资保障", "切实强化农资供应保障", "+切实=强化农资+供应=保障");
}

static void
test_paragraphs (void)
{
  const char *old_text = "一、基本情况。\n二、主要做法。\n三、下一步打算。";
  const char *new_text = "一、基本情况。\n二、主要做法。\n（一）强化组织领导。\n三、下一步打算。";

  check (old_text, new_text, "=一、基本情况。\n二、主要做法。\n+（一）强化组织领导。\n=三、下一步打算。");
  check (new_text, old_text, "=一、基本情况。\n二、主要做法。\n-（一）强化组织领导。\n=三、下一步打算。");
  /* A changed paragraph is compared character by character. */
  check ("第一段。\n第二段原文。\n第三段。", "第一段。\n第二段改文。\n第三段。",
         "=第一段。\n第二段-原+改=文。\n第三段。");
}

static void
test_long_body (void)
{
  GString *old_body = g_string_new (NULL);
  g_autofree char *new_text = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  gint64 start;
  glong inserted, deleted;

  for (int i = 0; i < 400; i++)
    g_string_append_printf (old_body, "第%d段：全市扎实推进项目建设，经济运行稳中向好。\n", i + 1);
  g_assert_cmpint (g_utf8_strlen (old_body->str, -1), >, 10000);
  new_text = g_strdup (old_body->str);
  /* One character in paragraph 200. */
  {
    char *p = strstr (new_text, "第200段：全市");
    g_assert_nonnull (p);
    memcpy (p + strlen ("第200段："), "全县", strlen ("全县"));
  }
  start = g_get_monotonic_time ();
  runs = xb_text_diff (old_body->str, new_text);
  g_test_message ("20,000-character body: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  assert_rebuilds (runs, old_body->str, new_text);
  xb_text_diff_count (runs, &inserted, &deleted);
  g_assert_cmpint (inserted, ==, 1);
  g_assert_cmpint (deleted, ==, 1);
  g_string_free (old_body, TRUE);
}

static void
test_unrelated (void)
{
  GString *a = g_string_new (NULL), *b = g_string_new (NULL);
  g_autoptr(GPtrArray) runs = NULL;

  /* Nothing in common beyond the edit budget: still correct, whole-block. */
  for (int i = 0; i < 3000; i++)
    {
      g_string_append_unichar (a, 0x4e00 + (i * 7) % 3000);
      g_string_append_unichar (b, 0x6000 + (i * 11) % 3000);
    }
  runs = xb_text_diff (a->str, b->str);
  assert_rebuilds (runs, a->str, b->str);
  g_string_free (a, TRUE);
  g_string_free (b, TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/diff/small", test_small);
  g_test_add_func ("/diff/paragraphs", test_paragraphs);
  g_test_add_func ("/diff/long-body", test_long_body);
  g_test_add_func ("/diff/unrelated", test_unrelated);
  return g_test_run ();
}
