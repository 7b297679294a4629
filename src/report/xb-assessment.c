/* The year-end assessment document: scores ranked within each kind, advanced units and people, notable items. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "xb-assessment.h"

#define AWARDS_PER_KIND 3
#define AWARDS_LISTED   10

static char *
points_text (double v)
{
  return g_strdup_printf ("%.1f", v);
}

static GStrv
score_row (const XbUnitScore *s)
{
  GStrv row = g_new0 (char *, 9);

  row[0] = g_strdup_printf ("%u", s->rank);
  row[1] = g_strdup (s->unit_name);
  row[2] = points_text (s->points);
  row[3] = points_text (s->rolled_up);
  row[4] = points_text (s->total);
  row[5] = g_strdup_printf ("%u", s->adoptions);
  row[6] = g_strdup_printf ("%u", s->instructions);
  row[7] = g_strdup_printf ("%u", s->missed_requests);
  return row;
}

static void
add_score_tables (XbDocument *doc, GPtrArray *scores)
{
  /* Translators: table headers of the assessment; a leading # right-aligns
   * the column and is not shown: keep it. */
  const char *headers[] = { _("#Rank"), _("Unit"), _("#Own"), _("#Points"), _("#Total"),
                            _("#Adopted"), _("#Instr."), _("#Missed"), NULL };
  const double widths[] = { 0.07, 0.33, 0.09, 0.10, 0.10, 0.12, 0.10, 0.09 };

  xb_document_add_heading (doc, _("1. Scores within each kind of unit"));
  xb_document_add_paragraph (doc, _("Own: points of the unit's own items and its shares of comprehensive "
                                    "items, less penalties. Points: those of its direct-reporting points. "
                                    "Missed: commissioned items not delivered by their deadline."));
  for (int kind = 0; kind < XB_N_UNIT_KINDS; kind++)
    {
      GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      for (guint i = 0; i < scores->len; i++)
        if (((XbUnitScore *) scores->pdata[i])->kind == (XbUnitKind) kind)
          g_ptr_array_add (rows, score_row (scores->pdata[i]));
      if (rows->len == 0)
        {
          g_ptr_array_unref (rows);
          continue;
        }
      xb_document_add_paragraph (doc, xb_unit_kind_label (kind));
      xb_document_add_table (doc, 8, headers, widths, rows);
    }
}

static void
add_advanced_units (XbDocument *doc, GPtrArray *scores)
{
  g_autoptr(GString) text = g_string_new (NULL);

  xb_document_add_heading (doc, _("2. Advanced units"));
  for (int kind = 0; kind < XB_N_UNIT_KINDS; kind++)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      for (guint i = 0; i < scores->len; i++)
        {
          const XbUnitScore *s = scores->pdata[i];
          if (s->kind != (XbUnitKind) kind || s->rank > AWARDS_PER_KIND || s->total <= 0)
            continue;
          g_string_append_printf (names, "%s%s", names->len ? C_("list separator", ", ") : "", s->unit_name);
        }
      if (names->len > 0)
        /* Translators: a kind of unit and the names of its advanced units */
        g_string_append_printf (text, _("%s: %s\n"), xb_unit_kind_label (kind), names->str);
    }
  xb_document_add_paragraph (doc, text->len ? text->str : _("None."));
}

static void
add_advanced_people (XbDocument *doc, XbStore *store, const XbPeriod *period, gint64 taken_at,
                     GHashTable *unit_names)
{
  g_autoptr(GArray) authors = xb_store_count_by_author (store, period->from, period->to, taken_at, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  xb_document_add_heading (doc, _("3. Advanced individuals"));
  for (guint i = 0; authors != NULL && i < MIN (authors->len, AWARDS_LISTED); i++)
    {
      const XbAuthorCounts *a = &g_array_index (authors, XbAuthorCounts, i);
      g_autoptr(XbUser) user = xb_store_get_user (store, a->author_id, NULL);
      if (user == NULL || a->adopted == 0)
        continue;
      /* Translators: name (unit): adopted of submitted */
      g_string_append_printf (text, _("%s (%s): %u adopted of %u submitted\n"), user->display_name,
                              (char *) g_hash_table_lookup (unit_names, &user->unit_id), a->adopted,
                              a->submitted);
    }
  xb_document_add_paragraph (doc, text->len ? text->str : _("None."));
}

static void
add_item_list (XbDocument *doc, const char *heading, GPtrArray *items, GHashTable *unit_names)
{
  g_autoptr(GString) text = g_string_new (NULL);

  xb_document_add_heading (doc, heading);
  for (guint i = 0; items != NULL && i < MIN (items->len, AWARDS_LISTED); i++)
    {
      const XbItem *item = items->pdata[i];
      /* Translators: an item's title and its unit */
      g_string_append_printf (text, _("“%s” (%s)\n"), item->title,
                              (char *) g_hash_table_lookup (unit_names, &item->unit_id));
    }
  xb_document_add_paragraph (doc, text->len ? text->str : _("None."));
}

XbDocument *
xb_assessment_document (XbStore        *store,
                        const XbPeriod *period,
                        const char     *office,
                        const char     *period_label,
                        gint64          taken_at,
                        GError        **error)
{
  g_autoptr(GPtrArray) scores = xb_stats_assessment (store, period, taken_at, error);
  g_autoptr(GHashTable) unit_names = NULL;
  g_autoptr(GPtrArray) research = NULL, instructed = NULL;
  XbDocument *doc;

  if (scores == NULL || (unit_names = xb_store_unit_names (store, error)) == NULL)
    return NULL;
  research = xb_store_adopted_research_items (store, period->from, period->to, taken_at, NULL);
  instructed = xb_store_instructed_items (store, period->from, period->to, taken_at, NULL);
  doc = xb_document_new ();
  xb_document_add_masthead (doc, _("Year-end Assessment of Information Reporting"), period_label, office);
  add_score_tables (doc, scores);
  add_advanced_units (doc, scores);
  add_advanced_people (doc, store, period, taken_at, unit_names);
  add_item_list (doc, _("4. Excellent research items"), research, unit_names);
  add_item_list (doc, _("5. Items that drew leader instructions"), instructed, unit_names);
  return doc;
}
