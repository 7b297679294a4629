/* An item's audit timeline: every event with who, when and the comment, and what each text change changed. */
#include "config.h"

#include <glib/gi18n.h>

#include "xb-item-history.h"
#include "xb-item-object.h"
#include "xb-text-diff.h"

/* Unchanged stretches longer than twice this keep this much at each end. */
#define DIFF_CONTEXT 40

typedef struct {
  GtkWidget *widget;
  GPtrArray *runs;   /* body diff, or NULL */
} Row;

struct _XbItemHistory
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  XbStore   *store;
  GArray    *rows;   /* Row */
  GHashTable *who;   /* gint64* user id → char* "name (unit)", for one show */
};

G_DEFINE_FINAL_TYPE (XbItemHistory, xb_item_history, GTK_TYPE_WIDGET)

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_clear_pointer (&row->runs, g_ptr_array_unref);
}

static void
xb_item_history_dispose (GObject *object)
{
  XbItemHistory *self = XB_ITEM_HISTORY (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->who, g_hash_table_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (xb_item_history_parent_class)->dispose (object);
}

static void
xb_item_history_class_init (XbItemHistoryClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = xb_item_history_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "itemhistory");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);
}

static void
xb_item_history_init (XbItemHistory *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);
  self->who = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

GtkWidget *
xb_item_history_new (void)
{
  return g_object_new (XB_TYPE_ITEM_HISTORY, NULL);
}

void
xb_item_history_set_store (XbItemHistory *self,
                           XbStore       *store)
{
  g_return_if_fail (XB_IS_ITEM_HISTORY (self));
  g_set_object (&self->store, store);
  g_hash_table_remove_all (self->who);
}

/* "just now", "5 minutes ago", "3 hours ago" within a day; the local time after. */
static char *
format_when (gint64 at)
{
  gint64 ago = g_get_real_time () / G_USEC_PER_SEC - at;

  if (ago >= 0 && ago < 60)
    return g_strdup (_("just now"));
  if (ago >= 0 && ago < 60 * 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", (gulong) (ago / 60)),
                            (int) (ago / 60));
  if (ago >= 0 && ago < 24 * 60 * 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", (gulong) (ago / 3600)),
                            (int) (ago / 3600));
  return xb_format_local_time (at);
}

/* "张三 (武都区政府办)", or the name alone when the unit is not known. */
static char *
look_up_who (XbItemHistory *self, gint64 user_id)
{
  g_autoptr(XbUser) user = NULL;
  g_autoptr(XbUnit) unit = NULL;
  const char *name;

  if (self->store != NULL && user_id != 0)
    user = xb_store_get_user (self->store, user_id, NULL);
  if (user == NULL)
    return g_strdup (_("Unknown"));
  name = user->display_name && *user->display_name ? user->display_name : user->username;
  if (user->unit_id != 0)
    unit = xb_store_get_unit (self->store, user->unit_id, NULL);
  if (unit == NULL)
    return g_strdup (name);
  /* Translators: a person and their unit: "张三 (武都区政府办)". */
  return g_strdup_printf (_("%s (%s)"), name, unit->name);
}

/* look_up_who(), once per person for each item shown. */
static char *
who (XbItemHistory *self, gint64 user_id)
{
  const char *known = g_hash_table_lookup (self->who, &user_id);

  if (known == NULL)
    {
      known = look_up_who (self, user_id);
      g_hash_table_insert (self->who, g_memdup2 (&user_id, sizeof user_id), (char *) known);
    }
  return g_strdup (known);
}

static GtkWidget *
new_label (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
create_tags (GtkTextBuffer *buffer)
{
  /* Translucent backgrounds keep the theme's text colour readable in light and dark. */
  gtk_text_buffer_create_tag (buffer, "insert", "background-rgba", &(GdkRGBA) { 0.18, 0.76, 0.49, 0.35 },
                              "underline", PANGO_UNDERLINE_SINGLE, NULL);
  gtk_text_buffer_create_tag (buffer, "delete", "background-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 0.45 },
                              "strikethrough", TRUE, NULL);
  gtk_text_buffer_create_tag (buffer, "heading", "weight", PANGO_WEIGHT_BOLD, NULL);
}

/* Appends @runs, shortening long unchanged stretches around an ellipsis. */
static void
append_runs (GtkTextBuffer *buffer, GPtrArray *runs)
{
  GtkTextIter end;

  for (guint i = 0; i < runs->len; i++)
    {
      const XbDiffRun *run = runs->pdata[i];
      glong n = g_utf8_strlen (run->text, -1);

      gtk_text_buffer_get_end_iter (buffer, &end);
      if (run->op == XB_DIFF_INSERT)
        gtk_text_buffer_insert_with_tags_by_name (buffer, &end, run->text, -1, "insert", NULL);
      else if (run->op == XB_DIFF_DELETE)
        gtk_text_buffer_insert_with_tags_by_name (buffer, &end, run->text, -1, "delete", NULL);
      else if (n <= 2 * DIFF_CONTEXT)
        gtk_text_buffer_insert (buffer, &end, run->text, -1);
      else
        {
          const char *tail = g_utf8_offset_to_pointer (run->text, n - DIFF_CONTEXT);
          const char *head_end = g_utf8_offset_to_pointer (run->text, DIFF_CONTEXT);

          if (i > 0)
            gtk_text_buffer_insert (buffer, &end, run->text, head_end - run->text);
          gtk_text_buffer_get_end_iter (buffer, &end);
          gtk_text_buffer_insert (buffer, &end, "…", -1);
          gtk_text_buffer_get_end_iter (buffer, &end);
          if (i + 1 < runs->len)
            gtk_text_buffer_insert (buffer, &end, tail, -1);
        }
    }
}

static GtkWidget *
diff_view (const XbEvent *before, const XbEvent *event, GPtrArray *body_runs)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter end;

  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_add_css_class (view, "card");
  gtk_widget_set_name (view, "diff");
  create_tags (buffer);
  if (g_strcmp0 (before->title, event->title) != 0)
    {
      g_autoptr(GPtrArray) title_runs = xb_text_diff (before->title, event->title);

      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert_with_tags_by_name (buffer, &end, _("Title"), -1, "heading", NULL);
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, "\n", -1);
      append_runs (buffer, title_runs);
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, "\n\n", -1);
    }
  append_runs (buffer, body_runs);
  return view;
}

static GtkWidget *
changes (const XbEvent *before, const XbEvent *event, GPtrArray *runs)
{
  g_autofree char *label = NULL;
  GtkWidget *expander;
  glong inserted, deleted;

  xb_text_diff_count (runs, &inserted, &deleted);
  /* Translators: an expander over a text diff, with counts of characters. */
  label = g_strdup_printf (_("What changed (characters added: %ld, removed: %ld)"), inserted, deleted);
  expander = gtk_expander_new (label);
  gtk_widget_set_margin_top (expander, 4);
  gtk_expander_set_child (GTK_EXPANDER (expander), diff_view (before, event, runs));
  return expander;
}

/* One event: a dot in the margin, then what, who and when, the comment and the changes. */
static GtkWidget *
event_row (XbItemHistory *self, const XbEvent *event, const XbEvent *before, GPtrArray *runs)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *dot = gtk_label_new ("●");
  GtkWidget *heading, *meta;
  g_autofree char *person = who (self, event->actor_id);
  g_autofree char *when = format_when (event->at);
  g_autofree char *exact = xb_format_local_time (event->at);
  g_autofree char *line = NULL;
  g_autofree char *title = NULL;

  gtk_widget_add_css_class (dot, event->action == XB_ACTION_RETURN ? "error" : "accent");
  gtk_widget_set_valign (dot, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (row), dot);

  /* Translators: what happened and the state it led to: "Returned → Returned for revision". */
  title = g_strdup_printf (_("%s → %s"), xb_action_label (event->action), xb_state_label (event->to));
  heading = new_label (title, "heading");
  gtk_box_append (GTK_BOX (content), heading);
  /* Translators: who acted, in which role, and when: "张三 (武都区政府办) · 信息员 · 3 hours ago". */
  line = g_strdup_printf (_("%s · %s · %s"), person, xb_role_label (event->role), when);
  meta = new_label (line, "dim-label");
  gtk_widget_set_tooltip_text (meta, exact);
  gtk_box_append (GTK_BOX (content), meta);
  if (event->comment != NULL && *event->comment != '\0')
    gtk_box_append (GTK_BOX (content), new_label (event->comment, NULL));
  if (runs != NULL)
    gtk_box_append (GTK_BOX (content), changes (before, event, runs));
  gtk_widget_set_hexpand (content, TRUE);
  gtk_box_append (GTK_BOX (row), content);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  return row;
}

static void
clear (XbItemHistory *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  g_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->who);
}

void
xb_item_history_show (XbItemHistory *self,
                      const XbItem  *item)
{
  const XbEvent *before = NULL;

  g_return_if_fail (XB_IS_ITEM_HISTORY (self));
  clear (self);
  if (item == NULL)
    return;
  for (guint i = 0; i < item->events->len; i++)
    {
      const XbEvent *event = item->events->pdata[i];
      Row row = { 0 };

      if (before != NULL && event->body != NULL &&
          (g_strcmp0 (before->body, event->body) != 0 || g_strcmp0 (before->title, event->title) != 0))
        row.runs = xb_text_diff (before->body, event->body);
      row.widget = event_row (self, event, before, row.runs);
      gtk_box_append (GTK_BOX (self->box), row.widget);
      g_array_append_val (self->rows, row);
      if (event->body != NULL)
        before = event;
    }
}

guint
xb_item_history_get_n_rows (XbItemHistory *self)
{
  g_return_val_if_fail (XB_IS_ITEM_HISTORY (self), 0);
  return self->rows->len;
}

GtkWidget *
xb_item_history_get_row (XbItemHistory *self,
                         guint          n)
{
  g_return_val_if_fail (XB_IS_ITEM_HISTORY (self), NULL);
  return n < self->rows->len ? g_array_index (self->rows, Row, n).widget : NULL;
}

GPtrArray *
xb_item_history_get_diff (XbItemHistory *self,
                          guint          n)
{
  g_return_val_if_fail (XB_IS_ITEM_HISTORY (self), NULL);
  return n < self->rows->len ? g_array_index (self->rows, Row, n).runs : NULL;
}
