/* The publications page: an issue assembled from adopted items, reordered, exported to PDF (checked with pdftotext), published, and received by another client through the real server. */
#include "config.h"

#include <glib/gi18n.h>

#include "test-sync-common.h"
#include "xb-application.h"
#include "xb-demo.h"
#include "xb-publications-page.h"
#include "xb-test-ui.h"

typedef struct {
  gboolean done;
  char    *message;
} Done;

static void
on_done (XbPublicationsPage *page,
         const char         *message,
         Done               *d)
{
  d->done = TRUE;
  g_free (d->message);
  d->message = g_strdup (message);
}

static gboolean
is_done (gpointer data)
{
  return ((Done *) data)->done;
}

/* Runs @call's request and waits for the page's "done"; asserts success. */
#define WAIT_DONE(d, call)                                                    \
  G_STMT_START {                                                              \
    (d)->done = FALSE;                                                        \
    g_assert_true (call);                                                     \
    xb_test_ui_wait_until (is_done, (d), #call);                              \
    g_assert_cmpstr ((d)->message, ==, NULL);                                 \
  } G_STMT_END

/* An issue (@any) or one still being assembled with at least @n items, in @store. */
static XbIssue
find_issue (XbStore *store,
            guint    n,
            gboolean any)
{
  g_autoptr(GPtrArray) pubs = xb_store_list_publications (store, NULL);

  for (guint p = 0; pubs != NULL && p < pubs->len; p++)
    {
      g_autoptr(GArray) issues = xb_store_list_issues (store, ((XbPublication *) pubs->pdata[p])->id, NULL);

      for (guint i = 0; issues != NULL && i < issues->len; i++)
        {
          XbIssue issue = g_array_index (issues, XbIssue, i);
          g_auto(GStrv) items = xb_store_issue_items (store, issue.id, NULL);

          if ((any || !issue.published) && g_strv_length (items) >= n)
            return issue;
        }
    }
  g_assert_not_reached ();
}

static char *
squeeze (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (s, g_utf8_get_char (p));
  return g_string_free (s, FALSE);
}

static char *
run (const char *const *argv)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* Moves @n items out of an issue being assembled (@take_out; the server's
 * demo has published every issue, and the server lets an adopted item
 * appear in another issue, so there they are taken from a published one),
 * makes a new issue of them through the page, moves the second up and
 * returns the uuids in their final order. */
static GStrv
assemble (XbPublicationsPage *page,
          XbStore            *store,
          guint               n,
          gboolean            take_out,
          Done               *d)
{
  XbIssue source = find_issue (store, n, !take_out);
  g_auto(GStrv) items = xb_store_issue_items (store, source.id, NULL);
  g_auto(GStrv) available = NULL;
  g_autoptr(GStrvBuilder) order = g_strv_builder_new ();
  gint64 issue_id;

  g_assert_true (xb_publications_page_select_publication (page, source.publication_id));
  g_assert_true (xb_publications_page_select_issue (page, source.id));
  if (take_out)
    {
      for (guint i = 0; i < n; i++)
        WAIT_DONE (d, xb_publications_page_remove_item (page, items[i], NULL));
      available = xb_publications_page_dup_available (page);
      for (guint i = 0; i < n; i++)
        g_assert_true (g_strv_contains ((const char *const *) available, items[i]));
    }

  d->done = FALSE;
  g_assert_cmpint (xb_publications_page_new_issue (page, NULL), !=, 0);
  xb_test_ui_wait_until (is_done, d, "the new issue");
  g_assert_null (d->message);
  issue_id = xb_publications_page_get_issue (page);
  g_assert_cmpint (issue_id, !=, source.id);
  for (guint i = 0; i < n; i++)
    WAIT_DONE (d, xb_publications_page_add_item (page, items[i], NULL));
  /* The second goes up: it is now first. */
  WAIT_DONE (d, xb_publications_page_move_item (page, items[1], -1, NULL));
  g_assert_false (xb_publications_page_move_item (page, items[1], -1, NULL));
  g_strv_builder_add (order, items[1]);
  g_strv_builder_add (order, items[0]);
  for (guint i = 2; i < n; i++)
    g_strv_builder_add (order, items[i]);
  {
    g_auto(GStrv) stored = xb_store_issue_items (store, issue_id, NULL);
    g_auto(GStrv) expected = g_strv_builder_end (g_steal_pointer (&order));

    g_assert_true (g_strv_equal ((const char *const *) stored, (const char *const *) expected));
    return g_steal_pointer (&expected);
  }
}

/* The PDF of the page's issue lists the titles in order with their units
 * and the issue number; page 1 is rendered to a PNG. */
static void
check_pdf (XbPublicationsPage *page,
           XbStore            *store,
           const char *const  *order,
           const char         *name)
{
  g_autofree char *pdf = g_strdup_printf ("%s/%s.pdf", g_getenv ("G_TEST_BUILDDIR") ?: ".", name);
  g_autofree char *prefix = g_strdup_printf ("%s/%s-page", g_getenv ("G_TEST_BUILDDIR") ?: ".", name);
  g_autofree XbIssue *issue = xb_store_get_issue (store, xb_publications_page_get_issue (page), NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = NULL, *text = NULL, *number = NULL;
  const char *at;

  g_assert_true (xb_document_view_export_pdf (xb_publications_page_get_view (page), pdf, &error));
  g_assert_no_error (error);
  {
    const char *argv[] = { "pdftotext", pdf, "-", NULL };
    raw = run (argv);
  }
  text = squeeze (raw);
  number = g_strdup_printf ("%d", issue->number);
  at = strstr (text, number);
  g_assert_nonnull (at);
  for (guint i = 0; order[i] != NULL; i++)
    {
      g_autoptr(XbItem) item = xb_store_get_item (store, order[i], NULL);
      g_autoptr(XbUnit) unit = xb_store_get_unit (store, item->unit_id, NULL);
      g_autofree char *title = squeeze (item->title);
      const char *found = strstr (at, title);

      g_assert_nonnull (found);
      /* A comprehensive item (the office's) names its sources' units instead. */
      if (unit->kind != XB_UNIT_KIND_OFFICE)
        g_assert_nonnull (strstr (found, unit->name));
      at = found + strlen (title);
    }
  {
    const char *argv[] = { "pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, prefix, NULL };
    g_free (run (argv));
  }
  g_test_message ("Rendered page: %s.png", prefix);
}

static void
run_local (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("xb-publications-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "xinbao.db", NULL);
  g_autoptr(XbStore) store = NULL;
  g_auto(GStrv) order = NULL;
  XbDemoOptions options;
  GtkWidget *page, *window;
  Done d = { 0 };
  gint64 issue_id;
  const char *lang = g_getenv ("LANGUAGE") ? "zh_CN" : "en";
  g_autofree char *name = NULL;

  xb_test_ui_init ();
  store = xb_store_open (path, &error);
  g_assert_no_error (error);
  xb_demo_options_init (&options);
  options.n_items = 2000;
  xb_demo_generate (store, &options, NULL, &error);
  g_assert_no_error (error);

  page = xb_publications_page_new ();
  g_signal_connect (page, "done", G_CALLBACK (on_done), &d);
  xb_publications_page_set_store (XB_PUBLICATIONS_PAGE (page), store);
  window = xb_test_ui_show (page, 1200, 800);
  order = assemble (XB_PUBLICATIONS_PAGE (page), store, 3, TRUE, &d);
  issue_id = xb_publications_page_get_issue (XB_PUBLICATIONS_PAGE (page));
  xb_test_ui_wait_for_paint (page);
  name = g_strdup_printf ("publications-assemble-%s.png", lang);
  g_free (xb_test_ui_save_png (page, name));
  g_free (name);
  name = g_strdup_printf ("publications-issue-%s", lang);
  check_pdf (XB_PUBLICATIONS_PAGE (page), store, (const char *const *) order, name);

  WAIT_DONE (&d, xb_publications_page_publish (XB_PUBLICATIONS_PAGE (page), NULL));
  {
    g_autofree XbIssue *issue = xb_store_get_issue (store, issue_id, NULL);
    g_assert_true (issue->published);
  }
  /* A published issue refuses every change. */
  g_assert_false (xb_publications_page_remove_item (XB_PUBLICATIONS_PAGE (page), order[0], &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A viewer sees published issues only. */
  xb_publications_page_set_editable (XB_PUBLICATIONS_PAGE (page), FALSE);
  g_assert_true (xb_publications_page_select_issue (XB_PUBLICATIONS_PAGE (page), issue_id));
  {
    XbIssue open = find_issue (store, 1, FALSE);
    g_assert_true (xb_publications_page_select_publication (XB_PUBLICATIONS_PAGE (page), open.publication_id));
    g_assert_false (xb_publications_page_select_issue (XB_PUBLICATIONS_PAGE (page), open.id));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  xb_test_rm_rf (dir);
  g_free (d.message);
}

static void
test_local (void)
{
  xb_test_ui_in_subprocess (run_local, NULL);
}

static void
test_local_zh_cn (void)
{
  xb_test_ui_in_subprocess (run_local, "zh_CN:zh");
}

static void
test_server (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = 1500 };
  g_autoptr(XbTestServer) server = NULL;
  g_autoptr(TestClient) editor = NULL, leader = NULL;
  g_auto(GStrv) order = NULL;
  GtkWidget *page, *window;
  Done d = { 0 };
  gint64 issue_id;

  xb_test_ui_init ();
  server = xb_test_server_start (&options);
  editor = test_client_new (server, "editor");
  leader = test_client_new (server, "leader");
  sync_now (editor);

  page = xb_publications_page_new ();
  g_signal_connect (page, "done", G_CALLBACK (on_done), &d);
  xb_publications_page_set_store (XB_PUBLICATIONS_PAGE (page), editor->store);
  xb_publications_page_set_engine (XB_PUBLICATIONS_PAGE (page), editor->engine);
  xb_publications_page_set_client (XB_PUBLICATIONS_PAGE (page), editor->client);
  window = xb_test_ui_show (page, 1200, 800);
  order = assemble (XB_PUBLICATIONS_PAGE (page), editor->store, 2, FALSE, &d);
  issue_id = xb_publications_page_get_issue (XB_PUBLICATIONS_PAGE (page));
  check_pdf (XB_PUBLICATIONS_PAGE (page), editor->store, (const char *const *) order, "publications-server");
  WAIT_DONE (&d, xb_publications_page_publish (XB_PUBLICATIONS_PAGE (page), NULL));

  /* Another client receives the published issue with its items in order. */
  sync_now (leader);
  {
    g_autofree XbIssue *issue = xb_store_get_issue (leader->store, issue_id, NULL);
    g_auto(GStrv) items = xb_store_issue_items (leader->store, issue_id, NULL);

    g_assert_nonnull (issue);
    g_assert_true (issue->published);
    g_assert_true (g_strv_equal ((const char *const *) items, (const char *const *) order));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  g_free (d.message);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/publications/assemble", test_local);
  g_test_add_func ("/publications/assemble-zh_CN", test_local_zh_cn);
  g_test_add_func ("/publications/server", test_server);
  return g_test_run ();
}
