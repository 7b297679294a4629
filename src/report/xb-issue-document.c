/* A publication issue typeset like the office's printed periodical. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "xb-issue-document.h"

/* 《政务信息》 is printed as 政务信息 in the red masthead. */
static char *
masthead_name (const char *name)
{
  if (g_str_has_prefix (name, "《") && g_str_has_suffix (name, "》"))
    return g_strndup (name + strlen ("《"), strlen (name) - strlen ("《") - strlen ("》"));
  return g_strdup (name);
}

/* A comprehensive item names the units of its merged sources. */
static char *
sources_line (XbStore *store, const XbItem *item, GHashTable *unit_names, GHashTable *merges)
{
  GArray *sources = g_hash_table_lookup (merges, item->uuid);
  g_autoptr(GString) names = g_string_new (NULL);

  if (sources == NULL)
    g_string_append (names, g_hash_table_lookup (unit_names, &item->unit_id));
  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      const char *name = g_hash_table_lookup (unit_names, &g_array_index (sources, gint64, i));
      if (name == NULL || strstr (names->str, name) != NULL)
        continue;
      g_string_append_printf (names, "%s%s", names->len ? C_("list separator", ", ") : "", name);
    }
  /* Translators: the source units under an article, in parentheses */
  return g_strdup_printf (_("(%s)"), names->str);
}

static void
add_item (XbDocument *doc, XbStore *store, const char *uuid, GHashTable *unit_names, GHashTable *merges)
{
  g_autoptr(XbItem) item = xb_store_get_item (store, uuid, NULL);
  g_autofree char *source = NULL;

  if (item == NULL)
    return;
  source = sources_line (store, item, unit_names, merges);
  xb_document_add_title (doc, item->title);
  xb_document_add_paragraph (doc, item->body);
  xb_document_add_note (doc, source);
}

XbDocument *
xb_issue_document (XbStore *store, gint64 issue_id, const char *office, GError **error)
{
  g_autofree XbIssue *issue = xb_store_get_issue (store, issue_id, error);
  g_autoptr(XbPublication) pub = NULL;
  g_autoptr(GHashTable) unit_names = NULL, merges = NULL;
  g_auto(GStrv) items = NULL;
  g_autofree char *name = NULL, *number = NULL, *issuer = NULL;
  XbDocument *doc;

  if (issue == NULL
      || (pub = xb_store_get_publication (store, issue->publication_id, error)) == NULL
      || (unit_names = xb_store_unit_names (store, error)) == NULL
      || (merges = xb_store_merge_sources (store, error)) == NULL
      || (items = xb_store_issue_items (store, issue_id, error)) == NULL)
    return NULL;
  name = masthead_name (pub->name);
  /* Translators: year and number of a publication's issue */
  number = g_strdup_printf (_("%d, issue %d"), issue->year, issue->number);
  if (issue->published_at != 0)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (issue->published_at + 8 * 3600);
      /* Translators: the issuing office and the date an issue came out */
      issuer = g_strdup_printf (_("%s    %d-%02d-%02d"), office, g_date_time_get_year (dt),
                                g_date_time_get_month (dt), g_date_time_get_day_of_month (dt));
    }
  else
    /* Translators: shown in the masthead of an issue still being assembled */
    issuer = g_strdup_printf (_("%s    (draft)"), office);
  doc = xb_document_new ();
  xb_document_add_masthead (doc, name, number, issuer);
  for (int i = 0; items[i] != NULL; i++)
    add_item (doc, store, items[i], unit_names, merges);
  return doc;
}
