/* The office's publications: each periodical's numbered issues, assembled from adopted items, previewed, printed, exported and published. */
#include "config.h"

#include "xb-publications-page.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "xb-document-actions.h"
#include "xb-issue-document.h"
#include "xb-issuer.h"

struct _XbPublicationsPage {
  GtkWidget     parent_instance;
  XbStore      *store;
  XbSyncEngine *engine;
  XbSyncClient *client;
  guint         pending;        /* requests on their way to the server */
  gboolean      editable;
  GPtrArray    *publications;   /* XbPublication* */
  gint64        publication_id;
  gint64        issue_id;

  GtkWidget    *paned;
  GtkWidget    *publication_dropdown;
  GtkWidget    *issue_list;
  GtkWidget    *new_issue_button;
  GtkWidget    *item_list;
  GtkWidget    *available_list;
  GtkWidget    *available_label;
  GtkWidget    *status_label;
  GtkWidget    *publish_button;
  GtkWidget    *print_button;
  GtkWidget    *export_button;
  GtkWidget    *view;
};

enum { DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (XbPublicationsPage, xb_publications_page, GTK_TYPE_WIDGET)

static void refresh_issue (XbPublicationsPage *self);
static void make_draggable (XbPublicationsPage *self, GtkWidget *box);

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

static void
show_error (XbPublicationsPage *self,
            const GError       *error)
{
  gtk_label_set_text (GTK_LABEL (self->status_label), error ? error->message : "");
}

static XbIssue *
current_issue (XbPublicationsPage *self)
{
  if (self->store == NULL || self->issue_id == 0)
    return NULL;
  return xb_store_get_issue (self->store, self->issue_id, NULL);
}

static gboolean
issue_is_open (XbPublicationsPage *self)
{
  g_autofree XbIssue *issue = current_issue (self);

  return self->editable && issue != NULL && !issue->published;
}

/* ---- through the server ------------------------------------------------------ */

static void fill_issues (XbPublicationsPage *self);

static gboolean
get_int (JsonObject *obj, const char *name, gint64 *out)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

/* Keeps the server's answer {"issue": ISSUE} as the local copy. */
static gboolean
store_issue_answer (XbPublicationsPage *self,
                    GBytes             *body,
                    GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) uuids = NULL;
  XbIssue issue = { 0 };
  JsonObject *root, *obj = NULL;
  JsonArray *items = NULL;
  gint64 year = 0, number = 0;
  const char *published_at;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), error))
    return FALSE;
  root = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
         ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  if (root != NULL && json_object_has_member (root, "issue")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "issue")))
    obj = json_object_get_object_member (root, "issue");
  if (obj != NULL && json_object_has_member (obj, "items")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (obj, "items")))
    items = json_object_get_array_member (obj, "items");
  if (obj == NULL || items == NULL || !get_int (obj, "id", &issue.id)
      || !get_int (obj, "publication_id", &issue.publication_id)
      || !get_int (obj, "year", &year) || !get_int (obj, "number", &number))
    return g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                _("The server's answer about the issue is incomplete.")), FALSE;
  issue.year = (int) year;
  issue.number = (int) number;
  issue.published = json_object_get_boolean_member_with_default (obj, "published", FALSE);
  published_at = json_object_get_string_member_with_default (obj, "published_at", NULL);
  if (published_at != NULL)
    xb_time_parse (published_at, &issue.published_at);
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_strv_builder_add (builder, json_array_get_string_element (items, i));
  uuids = g_strv_builder_end (builder);
  if (!xb_store_put_issue_copy (self->store, &issue, (const char *const *) uuids, error))
    return FALSE;
  self->issue_id = issue.id;
  return TRUE;
}

static void
done (XbPublicationsPage *self,
      const char         *message)
{
  gtk_label_set_text (GTK_LABEL (self->status_label), message ? message : "");
  g_signal_emit (self, signals[DONE], 0, message);
}

static void
on_server_answer (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(XbPublicationsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(XbResponse) response = xb_sync_client_request_finish (XB_SYNC_CLIENT (source), result, &error);
  g_autofree char *message = NULL;

  self->pending--;
  if (response == NULL)
    message = g_strdup (error->message);
  else if (response->status != 200 && response->status != 201)
    message = xb_response_dup_message (response);
  else if (!store_issue_answer (self, response->body, &error))
    message = g_strdup (error->message);
  if (self->pending == 0)
    gtk_widget_set_sensitive (self->paned, TRUE);
  fill_issues (self);
  done (self, message);
}

static void
send (XbPublicationsPage *self,
      const char         *method,
      const char         *path,
      const char         *body)
{
  self->pending++;
  gtk_widget_set_sensitive (self->paned, FALSE);
  xb_sync_client_request_async (self->client, method, path, body, NULL,
                                on_server_answer, g_object_ref (self));
}

/* ---- items of the issue ---------------------------------------------------- */

static char *
item_unit_name (XbPublicationsPage *self,
                const XbItem       *item)
{
  g_autoptr(XbUnit) unit = xb_store_get_unit (self->store, item->unit_id, NULL);

  return g_strdup (unit ? unit->name : "");
}

static void
on_item_button (GtkButton *button,
                gpointer   user_data)
{
  XbPublicationsPage *self = user_data;
  const char *uuid = g_object_get_data (G_OBJECT (button), "uuid");
  const char *what = gtk_widget_get_name (GTK_WIDGET (button));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_str_equal (what, "up"))
    ok = xb_publications_page_move_item (self, uuid, -1, &error);
  else if (g_str_equal (what, "down"))
    ok = xb_publications_page_move_item (self, uuid, 1, &error);
  else if (g_str_equal (what, "remove"))
    ok = xb_publications_page_remove_item (self, uuid, &error);
  else
    ok = xb_publications_page_add_item (self, uuid, &error);
  if (!ok)
    show_error (self, error);
}

static GtkWidget *
item_button (XbPublicationsPage *self,
             const char         *name,
             const char         *icon,
             const char         *tooltip,
             const char         *uuid,
             gboolean            sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_name (button, name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, sensitive);
  g_object_set_data_full (G_OBJECT (button), "uuid", g_strdup (uuid), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_item_button), self);
  return button;
}

static GtkWidget *
item_row (XbPublicationsPage *self,
          const XbItem       *item,
          int                 index,
          int                 n,
          gboolean            in_issue,
          gboolean            open)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *unit = item_unit_name (self, item);
  GtkWidget *title = gtk_label_new (item->title);
  GtkWidget *source = gtk_label_new (unit);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (title, item->title);
  gtk_label_set_xalign (GTK_LABEL (source), 0);
  gtk_widget_add_css_class (source, "dim-label");
  gtk_widget_add_css_class (source, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), source);
  gtk_box_append (GTK_BOX (box), texts);
  if (in_issue && open)
    {
      gtk_box_append (GTK_BOX (box), item_button (self, "up", "go-up-symbolic", _("Move up"),
                                                  item->uuid, index > 0));
      gtk_box_append (GTK_BOX (box), item_button (self, "down", "go-down-symbolic", _("Move down"),
                                                  item->uuid, index < n - 1));
      gtk_box_append (GTK_BOX (box), item_button (self, "remove", "list-remove-symbolic",
                                                  _("Take out of the issue"), item->uuid, TRUE));
    }
  else if (!in_issue && open)
    gtk_box_append (GTK_BOX (box), item_button (self, "add", "list-add-symbolic",
                                                _("Add to the issue"), item->uuid, TRUE));
  g_object_set_data_full (G_OBJECT (box), "uuid", g_strdup (item->uuid), g_free);
  if (in_issue && open)
    make_draggable (self, box);
  return box;
}

/* Drag a row of the issue onto another to put it there. */
static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 gpointer       user_data)
{
  GtkWidget *box = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));

  return gdk_content_provider_new_typed (G_TYPE_STRING, g_object_get_data (G_OBJECT (box), "uuid"));
}

static int
row_index_of (XbPublicationsPage *self,
              const char         *uuid)
{
  int i = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (self->item_list); row; row = gtk_widget_get_next_sibling (row), i++)
    {
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      if (g_strcmp0 (g_object_get_data (G_OBJECT (box), "uuid"), uuid) == 0)
        return i;
    }
  return -1;
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  XbPublicationsPage *self = user_data;
  GtkWidget *box = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  const char *dragged = g_value_get_string (value);
  int from = row_index_of (self, dragged);
  int to = row_index_of (self, g_object_get_data (G_OBJECT (box), "uuid"));
  g_autoptr(GError) error = NULL;

  if (from < 0 || to < 0 || from == to)
    return FALSE;
  if (!xb_publications_page_move_item (self, dragged, to - from, &error))
    {
      show_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static void
make_draggable (XbPublicationsPage *self,
                GtkWidget          *box)
{
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), self);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (target));
}

static void
fill_items (XbPublicationsPage *self,
            GtkWidget          *list,
            const char *const  *uuids,
            gboolean            in_issue,
            gboolean            open)
{
  int n = uuids ? (int) g_strv_length ((char **) uuids) : 0;

  clear_list (list);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(XbItem) item = xb_store_get_item (self->store, uuids[i], NULL);

      if (item != NULL)
        gtk_list_box_append (GTK_LIST_BOX (list), item_row (self, item, i, n, in_issue, open));
    }
}

/* Keyboard reordering: Alt+Up / Alt+Down on a selected row. */
static gboolean
on_item_key (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             gpointer               user_data)
{
  XbPublicationsPage *self = user_data;
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->item_list));
  const char *uuid;
  int delta = 0, index;

  if (row == NULL || !(state & GDK_ALT_MASK))
    return FALSE;
  if (keyval == GDK_KEY_Up)
    delta = -1;
  else if (keyval == GDK_KEY_Down)
    delta = 1;
  else
    return FALSE;
  uuid = g_object_get_data (G_OBJECT (gtk_list_box_row_get_child (row)), "uuid");
  index = gtk_list_box_row_get_index (row) + delta;
  if (uuid != NULL && xb_publications_page_move_item (self, uuid, delta, NULL))
    {
      GtkListBoxRow *moved = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->item_list), index);

      if (moved != NULL)
        {
          gtk_list_box_select_row (GTK_LIST_BOX (self->item_list), moved);
          gtk_widget_grab_focus (GTK_WIDGET (moved));
        }
    }
  return TRUE;
}

/* ---- issues ------------------------------------------------------------------ */

static char *
issue_label (const XbIssue *issue)
{
  if (issue->published)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (issue->published_at);
      g_autofree char *date = g_date_time_format (at, "%Y-%m-%d");

      /* Translators: a publication's issue, e.g. "2026, no. 12 — published 2026-07-01" */
      return g_strdup_printf (_("%d, no. %d — published %s"), issue->year, issue->number, date);
    }
  /* Translators: a publication's issue being assembled, e.g. "2026, no. 13 — being assembled" */
  return g_strdup_printf (_("%d, no. %d — being assembled"), issue->year, issue->number);
}

static void
on_issue_selected (GtkListBox    *box,
                   GtkListBoxRow *row,
                   gpointer       user_data)
{
  XbPublicationsPage *self = user_data;
  gint64 id = row ? GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "issue-id")) : 0;

  if (id != self->issue_id)
    {
      self->issue_id = id;
      refresh_issue (self);
    }
}

/* A retired periodical keeps its issues but gets no new ones. */
static gboolean
chosen_is_retired (XbPublicationsPage *self)
{
  for (guint i = 0; self->publications != NULL && i < self->publications->len; i++)
    if (((XbPublication *) self->publications->pdata[i])->id == self->publication_id)
      return ((XbPublication *) self->publications->pdata[i])->retired;
  return FALSE;
}

static void
fill_issues (XbPublicationsPage *self)
{
  g_autoptr(GArray) issues = NULL;
  GtkListBoxRow *select = NULL;

  g_signal_handlers_block_by_func (self->issue_list, on_issue_selected, self);
  clear_list (self->issue_list);
  if (self->store != NULL && self->publication_id != 0)
    issues = xb_store_list_issues (self->store, self->publication_id, NULL);
  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      const XbIssue *issue = &g_array_index (issues, XbIssue, i);
      g_autofree char *text = NULL;
      GtkWidget *label, *row;

      if (!self->editable && !issue->published)
        continue;
      text = issue_label (issue);
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 8);
      gtk_widget_set_margin_end (label, 8);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data (G_OBJECT (row), "issue-id", GSIZE_TO_POINTER ((gsize) issue->id));
      gtk_list_box_append (GTK_LIST_BOX (self->issue_list), row);
      if (issue->id == self->issue_id || (self->issue_id == 0 && select == NULL))
        select = GTK_LIST_BOX_ROW (row);
    }
  self->issue_id = select ? GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (select), "issue-id")) : 0;
  gtk_list_box_select_row (GTK_LIST_BOX (self->issue_list), select);
  g_signal_handlers_unblock_by_func (self->issue_list, on_issue_selected, self);
  gtk_widget_set_sensitive (self->new_issue_button, self->editable && self->publication_id != 0
                            && !chosen_is_retired (self));
  gtk_widget_set_tooltip_text (self->new_issue_button, chosen_is_retired (self)
                               ? _("This periodical is retired: its issues stay, but it gets no new ones.")
                               : NULL);
  refresh_issue (self);
}

static void
refresh_issue (XbPublicationsPage *self)
{
  g_autofree XbIssue *issue = current_issue (self);
  g_auto(GStrv) items = NULL;
  g_auto(GStrv) available = NULL;
  gboolean open = issue_is_open (self);

  if (issue != NULL)
    items = xb_store_issue_items (self->store, issue->id, NULL);
  fill_items (self, self->item_list, (const char *const *) items, TRUE, open);
  available = open ? xb_publications_page_dup_available (self) : NULL;
  fill_items (self, self->available_list, (const char *const *) available, FALSE, open);
  gtk_widget_set_visible (self->available_label, open);
  gtk_widget_set_visible (self->available_list, open && available != NULL && available[0] != NULL);
  gtk_widget_set_sensitive (self->publish_button, open && items != NULL && items[0] != NULL);
  gtk_widget_set_sensitive (self->print_button, issue != NULL);
  gtk_widget_set_sensitive (self->export_button, issue != NULL);
  xb_document_view_set_document (XB_DOCUMENT_VIEW (self->view), NULL);
  if (issue != NULL)
    {
      g_autofree char *office = xb_issuer_name (self->store);
      g_autoptr(GError) error = NULL;
      XbDocument *doc = xb_issue_document (self->store, issue->id, office, &error);

      if (doc == NULL)
        show_error (self, error);
      xb_document_view_set_document (XB_DOCUMENT_VIEW (self->view), doc);
    }
}

static void
on_publication_changed (XbPublicationsPage *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->publication_dropdown));

  if (self->publications == NULL || i >= self->publications->len)
    self->publication_id = 0;
  else
    self->publication_id = ((XbPublication *) self->publications->pdata[i])->id;
  self->issue_id = 0;
  fill_issues (self);
}

static void
reload (XbPublicationsPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  g_clear_pointer (&self->publications, g_ptr_array_unref);
  if (self->store != NULL)
    self->publications = xb_store_list_publications (self->store, NULL);
  for (guint i = 0; self->publications != NULL && i < self->publications->len; i++)
    {
      XbPublication *p = self->publications->pdata[i];

      gtk_string_list_append (names, p->name);
      if (p->id == self->publication_id)
        selected = i;
    }
  g_signal_handlers_block_by_func (self->publication_dropdown, on_publication_changed, self);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->publication_dropdown), G_LIST_MODEL (names));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->publication_dropdown), selected);
  g_signal_handlers_unblock_by_func (self->publication_dropdown, on_publication_changed, self);
  if (self->publications != NULL && self->publications->len > 0)
    self->publication_id = ((XbPublication *) self->publications->pdata[selected])->id;
  else
    self->publication_id = 0;
  fill_issues (self);
}

/* ---- public actions ------------------------------------------------------------ */

gboolean
xb_publications_page_select_publication (XbPublicationsPage *self,
                                         gint64              publication_id)
{
  g_return_val_if_fail (XB_IS_PUBLICATIONS_PAGE (self), FALSE);

  for (guint i = 0; self->publications != NULL && i < self->publications->len; i++)
    if (((XbPublication *) self->publications->pdata[i])->id == publication_id)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->publication_dropdown), i);
        return TRUE;
      }
  return FALSE;
}

gint64
xb_publications_page_get_issue (XbPublicationsPage *self)
{
  g_return_val_if_fail (XB_IS_PUBLICATIONS_PAGE (self), 0);
  return self->issue_id;
}

gboolean
xb_publications_page_select_issue (XbPublicationsPage *self,
                                   gint64              issue_id)
{
  g_return_val_if_fail (XB_IS_PUBLICATIONS_PAGE (self), FALSE);
  self->issue_id = issue_id;
  fill_issues (self);
  return self->issue_id == issue_id;
}

gint64
xb_publications_page_new_issue (XbPublicationsPage *self,
                                GError            **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);
  gint64 id;

  g_return_val_if_fail (XB_IS_PUBLICATIONS_PAGE (self), 0);
  if (self->store == NULL || self->publication_id == 0 || !self->editable)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Choose a publication first."));
      return 0;
    }
  if (chosen_is_retired (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This periodical is retired: its issues stay, but it gets no new ones."));
      return 0;
    }
  if (self->client != NULL)
    {
      g_autofree char *body = g_strdup_printf ("{\"publication_id\":%" G_GINT64_FORMAT ",\"year\":%d}",
                                               self->publication_id, year);

      send (self, "POST", "/api/v1/issues", body);
      return -1;
    }
  id = xb_store_add_issue (self->store, self->publication_id, year,
                           xb_store_next_issue_number (self->store, self->publication_id, year),
                           0, error);
  if (id != 0)
    {
      self->issue_id = id;
      fill_issues (self);
      done (self, NULL);
    }
  return id;
}

/* Proposed for this publication, or adopted by it. */
static gboolean
adopted_into (XbPublicationsPage *self,
              const XbItem       *listed)
{
  g_autoptr(XbItem) item = NULL;

  if (listed->publication_id == self->publication_id)
    return TRUE;
  item = xb_store_get_item (self->store, listed->uuid, NULL);
  for (guint i = 0; item != NULL && i < item->adoptions->len; i++)
    if (g_array_index (item->adoptions, XbAdoption, i).publication_id == self->publication_id)
      return TRUE;
  return FALSE;
}

GStrv
xb_publications_page_dup_available (XbPublicationsPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) issues = NULL;
  g_autoptr(GPtrArray) items = NULL;
  XbItemQuery query;

  g_return_val_if_fail (XB_IS_PUBLICATIONS_PAGE (self), NULL);
  if (self->store == NULL || self->publication_id == 0)
    return g_strv_builder_end (builder);
  issues = xb_store_list_issues (self->store, self->publication_id, NULL);
  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      g_auto(GStrv) uuids = xb_store_issue_items (self->store, g_array_index (issues, XbIssue, i).id, NULL);

      for (guint j = 0; uuids != NULL && uuids[j] != NULL; j++)
        g_hash_table_add (used, g_strdup (uuids[j]));
    }
  xb_item_query_init (&query);
  query.state = XB_STATE_ADOPTED;
  query.sort = XB_ITEM_SORT_SUBMITTED;
  items = xb_store_list_items (self->store, &query, 0, 500, NULL);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      XbItem *item = items->pdata[i];

      if (!g_hash_table_contains (used, item->uuid) && adopted_into (self, item))
        g_strv_builder_add (builder, item->uuid);
    }
  return g_strv_builder_end (builder);
}

/* FALSE with @error when the issue on show is published. */
static gboolean
check_open (XbPublicationsPage  *self,
            GError             **error)
{
  if (issue_is_open (self))
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("This issue is published and cannot change."));
  return FALSE;
}

/* After a change made in the store offline (@ok: it succeeded): shows the
 * issue again and says it is done. */
static gboolean
changed_here (XbPublicationsPage *self,
              gboolean            ok)
{
  if (!ok)
    return FALSE;
  refresh_issue (self);
  done (self, NULL);
  return TRUE;
}

gboolean
xb_publications_page_add_item (XbPublicationsPage *self,
                               const char         *uuid,
                               GError            **error)
{
  g_return_val_if_fail (XB_IS_PUBLICATIONS_PAGE (self), FALSE);
  if (!check_open (self, error))
    return FALSE;
  if (self->client != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/issues/%" G_GINT64_FORMAT "/items", self->issue_id);
      g_autofree char *body = g_strdup_printf ("{\"item\":\"%s\"}", uuid);

      send (self, "POST", path, body);
      return TRUE;
    }
  return changed_here (self, xb_store_issue_add_item (self->store, self->issue_id, uuid, error));
}

gboolean
xb_publications_page_remove_item (XbPublicationsPage *self,
                                  const char         *uuid,
                                  GError            **error)
{
  g_return_val_if_fail (XB_IS_PUBLICATIONS_PAGE (self), FALSE);
  if (!check_open (self, error))
    return FALSE;
  if (self->client != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/issues/%" G_GINT64_FORMAT "/items/%s",
                                               self->issue_id, uuid);

      send (self, "DELETE", path, NULL);
      return TRUE;
    }
  return changed_here (self, xb_store_issue_remove_item (self->store, self->issue_id, uuid, error));
}

gboolean
xb_publications_page_move_item (XbPublicationsPage *self,
                                const char         *uuid,
                                int                 delta,
                                GError            **error)
{
  g_auto(GStrv) items = NULL;
  int index = -1, n, to;

  g_return_val_if_fail (XB_IS_PUBLICATIONS_PAGE (self), FALSE);
  if (!check_open (self, error))
    return FALSE;
  items = xb_store_issue_items (self->store, self->issue_id, error);
  if (items == NULL)
    return FALSE;
  n = (int) g_strv_length (items);
  for (int i = 0; i < n; i++)
    if (g_str_equal (items[i], uuid))
      index = i;
  to = index + delta;
  if (index < 0 || to < 0 || to >= n)
    return g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                _("The item cannot move further.")), FALSE;
  if (self->client != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/issues/%" G_GINT64_FORMAT "/items", self->issue_id);
      g_autofree char *body = g_strdup_printf ("{\"item\":\"%s\",\"position\":%d}", uuid, to);

      send (self, "POST", path, body);
      return TRUE;
    }
  return changed_here (self, xb_store_issue_move_item (self->store, self->issue_id, uuid, (guint) to, error));
}

gboolean
xb_publications_page_publish (XbPublicationsPage *self,
                              GError            **error)
{
  g_return_val_if_fail (XB_IS_PUBLICATIONS_PAGE (self), FALSE);
  if (!check_open (self, error))
    return FALSE;
  if (self->client != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/issues/%" G_GINT64_FORMAT "/publish", self->issue_id);

      send (self, "POST", path, NULL);
      return TRUE;
    }
  if (!xb_store_publish_issue (self->store, self->issue_id,
                               g_get_real_time () / G_USEC_PER_SEC, error))
    return FALSE;
  fill_issues (self);
  done (self, NULL);
  return TRUE;
}

XbDocumentView *
xb_publications_page_get_view (XbPublicationsPage *self)
{
  g_return_val_if_fail (XB_IS_PUBLICATIONS_PAGE (self), NULL);
  return XB_DOCUMENT_VIEW (self->view);
}

/* ---- buttons -------------------------------------------------------------------- */

static void
on_new_issue (XbPublicationsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (xb_publications_page_new_issue (self, &error) == 0)
    show_error (self, error);
}

static void
on_publish (XbPublicationsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!xb_publications_page_publish (self, &error))
    show_error (self, error);
}

static char *
export_name (XbPublicationsPage *self,
             const char         *extension)
{
  g_autofree XbIssue *issue = current_issue (self);

  return issue != NULL ? g_strdup_printf ("issue-%d-%d.%s", issue->year, issue->number, extension) : NULL;
}

void
xb_publications_page_set_store (XbPublicationsPage *self,
                                XbStore            *store)
{
  g_return_if_fail (XB_IS_PUBLICATIONS_PAGE (self));
  if (!g_set_object (&self->store, store))
    return;
  self->publication_id = 0;
  self->issue_id = 0;
  reload (self);
}

/* Issues other editors changed arrive with the feed: shown once a sync is over. */
static void
on_items_changed (XbPublicationsPage *self)
{
  if (self->pending == 0 && xb_sync_engine_get_state (self->engine) == XB_SYNC_IDLE)
    fill_issues (self);
}

void
xb_publications_page_set_engine (XbPublicationsPage *self,
                                 XbSyncEngine       *engine)
{
  g_return_if_fail (XB_IS_PUBLICATIONS_PAGE (self));
  xb_document_actions_set_engine (&self->engine, engine, TRUE, G_CALLBACK (on_items_changed), self);
}

void
xb_publications_page_set_client (XbPublicationsPage *self,
                                 XbSyncClient       *client)
{
  g_return_if_fail (XB_IS_PUBLICATIONS_PAGE (self));
  g_set_object (&self->client, client);
}

void
xb_publications_page_set_editable (XbPublicationsPage *self,
                                   gboolean            editable)
{
  g_return_if_fail (XB_IS_PUBLICATIONS_PAGE (self));
  self->editable = editable;
  gtk_widget_set_visible (self->new_issue_button, editable);
  gtk_widget_set_visible (self->publish_button, editable);
  fill_issues (self);
}

/* ---- construction --------------------------------------------------------------- */

static GtkWidget *
scrolled (GtkWidget *child)
{
  GtkWidget *sw = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (sw), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sw), child);
  gtk_widget_set_vexpand (sw, TRUE);
  return sw;
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
new_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static GtkWidget *
build_side (XbPublicationsPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_size_request (box, 300, -1);

  self->publication_dropdown = gtk_drop_down_new (NULL, NULL);
  gtk_widget_set_tooltip_text (self->publication_dropdown, _("Publication"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->publication_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Publication"), -1);
  g_signal_connect_swapped (self->publication_dropdown, "notify::selected",
                            G_CALLBACK (on_publication_changed), self);
  self->new_issue_button = gtk_button_new_with_mnemonic (_("_New Issue"));
  g_signal_connect_swapped (self->new_issue_button, "clicked", G_CALLBACK (on_new_issue), self);
  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

    gtk_widget_set_hexpand (self->publication_dropdown, TRUE);
    gtk_box_append (GTK_BOX (row), self->publication_dropdown);
    gtk_box_append (GTK_BOX (row), self->new_issue_button);
    gtk_box_append (GTK_BOX (box), row);
  }

  self->issue_list = new_list ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->issue_list), GTK_SELECTION_BROWSE);
  g_signal_connect (self->issue_list, "row-selected", G_CALLBACK (on_issue_selected), self);
  gtk_box_append (GTK_BOX (box), heading (_("Issues")));
  {
    /* A periodical has hundreds of issues: they scroll in a short list so
     * the issue's contents stay in view. */
    GtkWidget *sw = scrolled (self->issue_list);

    gtk_widget_set_vexpand (sw, FALSE);
    gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (sw), 180);
    gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (sw), 180);
    gtk_box_append (GTK_BOX (box), sw);
  }

  self->item_list = new_list ();
  gtk_widget_set_name (self->item_list, "issue-items");
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_item_key), self);
  gtk_widget_add_controller (self->item_list, keys);
  gtk_box_append (GTK_BOX (inner), heading (_("In this issue")));
  gtk_box_append (GTK_BOX (inner), self->item_list);

  self->available_label = heading (_("Adopted, not yet in an issue"));
  self->available_list = new_list ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->available_list), GTK_SELECTION_NONE);
  gtk_box_append (GTK_BOX (inner), self->available_label);
  gtk_box_append (GTK_BOX (inner), self->available_list);
  gtk_box_append (GTK_BOX (box), scrolled (inner));

  self->status_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->status_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->status_label), 0);
  gtk_widget_add_css_class (self->status_label, "error");
  gtk_box_append (GTK_BOX (box), self->status_label);
  return box;
}

static GtkWidget *
build_preview (XbPublicationsPage *self)
{
  GtkWidget *bar;
  GtkWidget *box = xb_document_actions_pane (&bar, &self->view);
  XbDocumentView *view = XB_DOCUMENT_VIEW (self->view);

  gtk_widget_set_halign (bar, GTK_ALIGN_END);
  self->print_button = xb_document_actions_print (bar, view);
  self->export_button = xb_document_actions_pdf (bar, _("_Export PDF…"), view, self,
                                                 (XbExportNameFunc) export_name);
  self->publish_button = xb_document_actions_button (bar, _("P_ublish"), G_CALLBACK (on_publish), self);
  gtk_widget_add_css_class (self->publish_button, "suggested-action");
  return box;
}

static void
xb_publications_page_dispose (GObject *object)
{
  XbPublicationsPage *self = XB_PUBLICATIONS_PAGE (object);

  xb_publications_page_set_engine (self, NULL);
  g_clear_pointer (&self->paned, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_pointer (&self->publications, g_ptr_array_unref);
  G_OBJECT_CLASS (xb_publications_page_parent_class)->dispose (object);
}

static void
xb_publications_page_class_init (XbPublicationsPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_publications_page_dispose;
  /**
   * XbPublicationsPage::done:
   * @message: NULL when the change was made, or what went wrong
   *
   * Emitted when a change to an issue has been made (at once offline,
   * when the server has answered online).
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
xb_publications_page_init (XbPublicationsPage *self)
{
  self->editable = TRUE;
  self->paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_start_child (GTK_PANED (self->paned), build_side (self));
  gtk_paned_set_end_child (GTK_PANED (self->paned), build_preview (self));
  gtk_paned_set_shrink_start_child (GTK_PANED (self->paned), FALSE);
  gtk_widget_set_parent (self->paned, GTK_WIDGET (self));
  fill_issues (self);
}

GtkWidget *
xb_publications_page_new (void)
{
  return g_object_new (XB_TYPE_PUBLICATIONS_PAGE, NULL);
}
