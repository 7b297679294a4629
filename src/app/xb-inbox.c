/* The office's work queue: the editors' inbox or the signed-in signer's sign-off queue, beside the item on show. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "xb-inbox.h"
#include "xb-item-object.h"
#include "xb-merge-dialog.h"
#include "xb-policy.h"
#include "xb-store-office.h"

/* Countdowns move by the minute; a quarter of one keeps them honest. */
#define TICK_SECONDS 15
#define RELOAD_DELAY_MS 150

struct _XbInbox
{
  GtkWidget     parent_instance;

  XbInboxMode   mode;
  GtkWidget    *toasts;
  AdwLeaflet   *leaflet;
  GtkLabel     *count_label;
  GtkStack     *list_stack;
  GtkListBox   *list;
  GtkWidget    *merge_button;
  XbItemDetail *detail;

  XbStore      *store;
  XbSyncEngine *engine;
  GPtrArray    *rows;          /* XbQueueRow*, in list order */
  GCancellable *cancellable;
  guint         tick_id;
  guint         reload_id;      /* a reload asked for by the engine, coalesced */
  gboolean      loading;
  gboolean      syncing_checks; /* selection and check buttons follow each other */
};

G_DEFINE_FINAL_TYPE (XbInbox, xb_inbox, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_ROWS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- texts ------------------------------------------------------------------------- */

char *
xb_inbox_countdown_text (gint64 deadline,
                         gint64 now)
{
  gint64 seconds = deadline - now;
  int minutes = (int) ((ABS (seconds) + 59) / 60);
  int hours = minutes / 60;

  minutes %= 60;
  if (seconds >= 0 && hours > 0)
    /* Translators: time left before an urgent item's deadline, hours and minutes */
    return g_strdup_printf (_("%d h %d min left"), hours, minutes);
  if (seconds >= 0)
    /* Translators: time left before an urgent item's deadline */
    return g_strdup_printf (_("%d min left"), minutes);
  if (hours > 0)
    /* Translators: how long ago an urgent item's deadline passed, hours and minutes */
    return g_strdup_printf (_("%d h %d min overdue"), hours, minutes);
  /* Translators: how long ago an urgent item's deadline passed */
  return g_strdup_printf (_("%d min overdue"), minutes);
}

/* "Section chief ✓ → Director → Secretary-general", the step due in bold. */
static char *
chain_markup (const XbQueueRow *row)
{
  g_autoptr(GString) text = g_string_new (NULL);
  XbChain chain;

  if (!xb_chain_parse (row->signoff_chain, &chain))
    return g_strdup ("");
  for (int i = 0; i < chain.n_roles; i++)
    {
      g_autofree char *name = g_markup_escape_text (xb_role_label (chain.roles[i]), -1);

      if (i > 0)
        g_string_append (text, " → ");
      if (i < row->signoff_step)
        g_string_append_printf (text, "%s ✓", name);
      else if (i == row->signoff_step)
        g_string_append_printf (text, "<b>%s</b>", name);
      else
        g_string_append (text, name);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The line under the title: where it came from and where it stands. */
static char *
row_subtitle (XbInbox *self, const XbQueueRow *row)
{
  g_autofree char *submitted = xb_format_local_time (row->submitted_at);
  const char *holder;
  g_autofree char *holder_text = NULL;

  if (self->mode == XB_INBOX_SIGNOFF)
    /* Translators: a queue row: unit and when the item left it */
    return g_strdup_printf (_("%s · sent %s"), row->unit_name, submitted);
  if (row->state == XB_STATE_EDITING)
    {
      holder = row->holder_name != NULL ? row->holder_name : _("Unknown");
      /* Translators: the editor who claimed an item */
      holder_text = g_strdup_printf (_("Claimed by %s"), holder);
    }
  else
    holder_text = g_strdup (_("Not claimed"));
  /* Translators: a queue row: unit, when the item left it, who holds it */
  return g_strdup_printf (_("%s · sent %s · %s"), row->unit_name, submitted, holder_text);
}

/* ---- rows -------------------------------------------------------------------------- */

static void
update_countdown (GtkWidget *row_widget, gint64 now)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (row_widget), "countdown");
  const XbQueueRow *row = g_object_get_data (G_OBJECT (row_widget), "row");
  g_autofree char *text = NULL;

  if (label == NULL || row->deadline == 0)
    return;
  text = xb_inbox_countdown_text (row->deadline, now);
  gtk_label_set_label (GTK_LABEL (label), text);
  if (row->deadline < now)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static void
on_check_toggled (GtkCheckButton *check, XbInbox *self)
{
  GtkListBoxRow *row = GTK_LIST_BOX_ROW (gtk_widget_get_ancestor (GTK_WIDGET (check), GTK_TYPE_LIST_BOX_ROW));

  if (self->syncing_checks || row == NULL)
    return;
  if (gtk_check_button_get_active (check))
    gtk_list_box_select_row (self->list, row);
  else
    gtk_list_box_unselect_row (self->list, row);
}

static GtkWidget *
new_label (const char *text, const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

static GtkWidget *
title_line (XbInbox *self, const XbQueueRow *row, GtkWidget *row_widget)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = new_label (row->title, "heading");

  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (line), title);
  if (row->urgent)
    {
      GtkWidget *badge = gtk_label_new (_("Urgent"));

      gtk_widget_add_css_class (badge, "badge");
      gtk_widget_add_css_class (badge, "urgent");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (line), badge);
    }
  if (row->deadline != 0)
    {
      GtkWidget *countdown = gtk_label_new (NULL);

      gtk_widget_add_css_class (countdown, "numeric");
      gtk_box_append (GTK_BOX (line), countdown);
      g_object_set_data (G_OBJECT (row_widget), "countdown", countdown);
    }
  return line;
}

static GtkWidget *
new_row (XbInbox *self, const XbQueueRow *row)
{
  GtkWidget *row_widget = gtk_list_box_row_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  g_autofree char *subtitle = row_subtitle (self, row);
  g_autofree char *chain = NULL;
  GtkWidget *check = NULL;

  g_object_set_data (G_OBJECT (row_widget), "row", (gpointer) row);
  if (self->mode == XB_INBOX_EDITOR)
    {
      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, row->title, -1);
      gtk_widget_set_tooltip_text (check, _("Select for merging"));
      g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), self);
      gtk_box_append (GTK_BOX (outer), check);
      g_object_set_data (G_OBJECT (row_widget), "check", check);
    }
  gtk_widget_set_hexpand (lines, TRUE);
  gtk_box_append (GTK_BOX (lines), title_line (self, row, row_widget));
  gtk_box_append (GTK_BOX (lines), new_label (subtitle, "dim-label"));
  if (self->mode == XB_INBOX_SIGNOFF)
    {
      GtkWidget *label = new_label (NULL, "caption");

      chain = chain_markup (row);
      gtk_label_set_markup (GTK_LABEL (label), chain);
      gtk_box_append (GTK_BOX (lines), label);
    }
  gtk_box_append (GTK_BOX (outer), lines);
  gtk_widget_set_margin_top (outer, 8);
  gtk_widget_set_margin_bottom (outer, 8);
  gtk_widget_set_margin_start (outer, 12);
  gtk_widget_set_margin_end (outer, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row_widget), outer);
  /* A screen reader names the row by its title and reads the line under it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row_widget), GTK_ACCESSIBLE_PROPERTY_LABEL, row->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  update_countdown (row_widget, g_get_real_time () / G_USEC_PER_SEC);
  return row_widget;
}

static GtkListBoxRow *
find_row (XbInbox *self, const char *uuid)
{
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    if (g_strcmp0 (((XbQueueRow *) self->rows->pdata[i])->uuid, uuid) == 0)
      return gtk_list_box_get_row_at_index (self->list, (int) i);
  return NULL;
}

static gboolean
on_tick (gpointer user_data)
{
  XbInbox *self = user_data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      update_countdown (child, now);
  return G_SOURCE_CONTINUE;
}

/* ---- selection --------------------------------------------------------------------- */

static guint
count_selected (XbInbox *self)
{
  GList *selected = gtk_list_box_get_selected_rows (self->list);
  guint n = g_list_length (selected);

  g_list_free (selected);
  return n;
}

static void
update_count (XbInbox *self)
{
  guint n_rows = self->rows != NULL ? self->rows->len : 0;
  guint n_selected = count_selected (self);
  g_autofree char *text = NULL;

  if (n_selected > 1)
    /* Translators: items in the queue, and how many of them are selected */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item, %u selected", "%u items, %u selected", n_rows),
                            n_rows, n_selected);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n_rows), n_rows);
  gtk_label_set_label (self->count_label, text);
}

static void
on_selection_changed (XbInbox *self)
{
  GtkWidget *child;

  self->syncing_checks = TRUE;
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *check = g_object_get_data (G_OBJECT (child), "check");

      if (check != NULL)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                     gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (child)));
    }
  self->syncing_checks = FALSE;
  gtk_widget_set_sensitive (self->merge_button, count_selected (self) >= 2);
  update_count (self);
}

static void
show_row (XbInbox *self, GtkListBoxRow *row_widget)
{
  const XbQueueRow *row = g_object_get_data (G_OBJECT (row_widget), "row");

  xb_item_detail_show_item (self->detail, row->uuid);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

/* One row selected (the keyboard's arrows, a screen reader's selection)
 * shows its item beside the list too; activating it also opens the folded
 * detail.  A reload re-selecting rows changes nothing. */
static void
on_selected_rows_changed (XbInbox *self)
{
  gboolean replaying = self->syncing_checks;
  GList *selected;

  on_selection_changed (self);
  if (replaying)
    return;
  selected = gtk_list_box_get_selected_rows (self->list);
  if (selected != NULL && selected->next == NULL)
    {
      const XbQueueRow *row = g_object_get_data (G_OBJECT (selected->data), "row");

      if (row != NULL && g_strcmp0 (row->uuid, xb_item_detail_get_uuid (self->detail)) != 0)
        xb_item_detail_show_item (self->detail, row->uuid);
    }
  g_list_free (selected);
}

static void
on_row_activated (XbInbox *self, GtkListBoxRow *row_widget)
{
  show_row (self, row_widget);
}

static void
on_back_clicked (XbInbox *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* ---- loading ----------------------------------------------------------------------- */

typedef struct {
  XbStore    *store;
  XbInboxMode mode;
  XbRoles     roles;
} Query;

static void
query_free (Query *query)
{
  g_clear_object (&query->store);
  g_free (query);
}

static void
load_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Query *query = task_data;
  GError *error = NULL;
  GPtrArray *rows = query->mode == XB_INBOX_EDITOR
                      ? xb_store_office_inbox (query->store, &error)
                      : xb_store_office_signoff_queue (query->store, query->roles, &error);

  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

static void
toast (XbInbox *self, const char *message)
{
  /* A toast's title is markup; the server's words are plain text. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *t = adw_toast_new (escaped);

  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts), t);
}

static void
set_rows (XbInbox *self, GPtrArray *rows)
{
  g_auto(GStrv) selected = xb_inbox_dup_selected (self);
  GtkWidget *child;
  guint before = xb_inbox_get_n_rows (self);

  self->syncing_checks = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = rows;
  for (guint i = 0; i < rows->len; i++)
    gtk_list_box_append (self->list, new_row (self, rows->pdata[i]));
  for (guint i = 0; selected[i] != NULL; i++)
    {
      GtkListBoxRow *row = find_row (self, selected[i]);
      if (row != NULL)
        gtk_list_box_select_row (self->list, row);
    }
  self->syncing_checks = FALSE;
  gtk_stack_set_visible_child_name (self->list_stack, rows->len > 0 ? "rows" : "empty");
  on_selection_changed (self);
  if (rows->len != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ROWS]);
}

static void
load_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(XbInbox) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  if (rows == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The queue could not be read: %s"), error->message);
      toast (self, message);
      return;
    }
  set_rows (self, rows);
}

void
xb_inbox_reload (XbInbox *self)
{
  g_autoptr(XbUser) user = NULL;
  g_autoptr(GTask) task = NULL;
  Query *query;

  g_return_if_fail (XB_IS_INBOX (self));
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store == NULL)
    {
      self->loading = FALSE;
      set_rows (self, g_ptr_array_new_with_free_func ((GDestroyNotify) xb_queue_row_free));
      return;
    }
  user = xb_store_dup_signed_in_user (self->store);
  query = g_new0 (Query, 1);
  query->store = g_object_ref (self->store);
  query->mode = self->mode;
  query->roles = user != NULL ? user->roles : 0;
  self->loading = TRUE;
  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, load_done, g_object_ref (self));
  g_task_set_source_tag (task, xb_inbox_reload);
  g_task_set_task_data (task, query, (GDestroyNotify) query_free);
  g_task_run_in_thread (task, load_in_thread);
}

/* ---- merging ----------------------------------------------------------------------- */

static void
on_merged (XbInbox *self, const char *uuid)
{
  gtk_list_box_unselect_all (self->list);
  xb_item_detail_show_item (self->detail, uuid);
  xb_inbox_reload (self);
}

static void
on_merge_clicked (XbInbox *self)
{
  g_auto(GStrv) uuids = xb_inbox_dup_selected (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  XbMergeDialog *dialog;

  if (self->store == NULL || self->engine == NULL || g_strv_length (uuids) < 2)
    return;
  dialog = xb_merge_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store, self->engine,
                                (const char * const *) uuids);
  g_signal_connect_object (dialog, "merged", G_CALLBACK (on_merged), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "failed", G_CALLBACK (toast), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the engine -------------------------------------------------------------------- */

static gboolean
on_reload_due (gpointer user_data)
{
  XbInbox *self = user_data;

  self->reload_id = 0;
  xb_inbox_reload (self);
  return G_SOURCE_REMOVE;
}

/* A pull brings items in batches: one reload for a burst of them. */
static void
on_items_changed (XbInbox *self, char **uuids)
{
  const char *shown = xb_item_detail_get_uuid (self->detail);

  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (RELOAD_DELAY_MS, on_reload_due, self);
  if (shown != NULL && uuids != NULL && g_strv_contains ((const char * const *) uuids, shown))
    xb_item_detail_refresh (self->detail);
}

/* The server refused something: say so where the user acted. */
static void
on_engine_error (XbInbox *self)
{
  const char *message = xb_sync_engine_get_error (self->engine);

  if (message != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    toast (self, message);
}

/* ---- the widget -------------------------------------------------------------------- */

static GtkWidget *
build_list_pane (XbInbox *self)
{
  GtkWidget *pane = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *empty = adw_status_page_new ();

  self->count_label = GTK_LABEL (new_label (NULL, "dim-label"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->count_label), TRUE);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->count_label));
  self->merge_button = gtk_button_new_with_mnemonic (_("_Merge…"));
  gtk_widget_set_tooltip_text (self->merge_button,
                               _("Combine the selected items into one comprehensive item (Ctrl-click or tick them)"));
  gtk_widget_set_sensitive (self->merge_button, FALSE);
  gtk_widget_set_visible (self->merge_button, self->mode == XB_INBOX_EDITOR);
  g_signal_connect_swapped (self->merge_button, "clicked", G_CALLBACK (on_merge_clicked), self);
  gtk_box_append (GTK_BOX (bar), self->merge_button);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_box_append (GTK_BOX (pane), bar);
  gtk_box_append (GTK_BOX (pane), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, self->mode == XB_INBOX_EDITOR ? GTK_SELECTION_MULTIPLE
                                                                               : GTK_SELECTION_SINGLE);
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->mode == XB_INBOX_EDITOR ? _("Inbox") : _("Sign-off Queue"), -1);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  g_signal_connect_swapped (self->list, "selected-rows-changed", G_CALLBACK (on_selected_rows_changed), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "mail-inbox-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), self->mode == XB_INBOX_EDITOR ? _("Nothing Waiting")
                                                                                    : _("Nothing to Sign"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   self->mode == XB_INBOX_EDITOR
                                     ? _("Items the units send appear here.")
                                     : _("Items waiting for your signature appear here."));
  gtk_widget_add_css_class (empty, "compact");

  self->list_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->list_stack, scroller, "rows");
  gtk_stack_add_named (self->list_stack, empty, "empty");
  gtk_widget_set_vexpand (GTK_WIDGET (self->list_stack), TRUE);
  gtk_box_append (GTK_BOX (pane), GTK_WIDGET (self->list_stack));
  gtk_widget_set_size_request (pane, 300, -1);
  return pane;
}

static GtkWidget *
build_detail_pane (XbInbox *self)
{
  GtkWidget *pane = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");

  gtk_widget_set_halign (back, GTK_ALIGN_START);
  gtk_widget_set_margin_start (back, 6);
  gtk_widget_set_margin_top (back, 6);
  gtk_widget_add_css_class (back, "flat");
  gtk_widget_set_tooltip_text (back, _("Back to the List"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back to the List"), -1);
  g_signal_connect_swapped (back, "clicked", G_CALLBACK (on_back_clicked), self);
  g_object_bind_property (self->leaflet, "folded", back, "visible", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (pane), back);

  self->detail = XB_ITEM_DETAIL (xb_item_detail_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->detail), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->detail), TRUE);
  g_signal_connect_object (self->detail, "failed", G_CALLBACK (toast), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (pane), GTK_WIDGET (self->detail));
  return pane;
}

static void
xb_inbox_dispose (GObject *object)
{
  XbInbox *self = XB_INBOX (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  /* Rows leaving the list must not reach the buttons going with them. */
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_pointer (&self->toasts, gtk_widget_unparent);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (xb_inbox_parent_class)->dispose (object);
}

static void
xb_inbox_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_N_ROWS:
      g_value_set_uint (value, xb_inbox_get_n_rows (XB_INBOX (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xb_inbox_class_init (XbInboxClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_inbox_dispose;
  G_OBJECT_CLASS (klass)->get_property = xb_inbox_get_property;
  /* The items in the queue: the sidebar shows how many wait. */
  properties[PROP_N_ROWS] = g_param_spec_uint ("n-rows", NULL, NULL, 0, G_MAXUINT, 0,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "xb-inbox");
}

static void
xb_inbox_init (XbInbox *self)
{
}

/* The panes depend on the mode, known only once constructed. */
static void
build (XbInbox *self)
{
  AdwLeafletPage *page;

  self->leaflet = ADW_LEAFLET (adw_leaflet_new ());
  adw_leaflet_set_can_navigate_back (self->leaflet, TRUE);
  page = adw_leaflet_append (self->leaflet, build_list_pane (self));
  adw_leaflet_page_set_name (page, "list");
  page = adw_leaflet_append (self->leaflet, gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  adw_leaflet_page_set_navigatable (page, FALSE);
  page = adw_leaflet_append (self->leaflet, build_detail_pane (self));
  adw_leaflet_page_set_name (page, "detail");
  adw_leaflet_set_visible_child_name (self->leaflet, "list");

  self->toasts = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (self->toasts), GTK_WIDGET (self->leaflet));
  gtk_widget_set_parent (self->toasts, GTK_WIDGET (self));
  self->tick_id = g_timeout_add_seconds (TICK_SECONDS, on_tick, self);
  update_count (self);
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

GtkWidget *
xb_inbox_new (XbInboxMode mode)
{
  XbInbox *self = g_object_new (XB_TYPE_INBOX, NULL);

  self->mode = mode;
  build (self);
  return GTK_WIDGET (self);
}

void
xb_inbox_set_store (XbInbox *self,
                    XbStore *store)
{
  g_return_if_fail (XB_IS_INBOX (self));
  if (!g_set_object (&self->store, store))
    return;
  xb_item_detail_set_store (self->detail, store);
  xb_inbox_reload (self);
}

void
xb_inbox_set_engine (XbInbox      *self,
                     XbSyncEngine *engine)
{
  g_return_if_fail (XB_IS_INBOX (self));
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    {
      g_signal_connect_object (engine, "items-changed", G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "notify::error", G_CALLBACK (on_engine_error), self, G_CONNECT_SWAPPED);
    }
  xb_item_detail_set_engine (self->detail, engine);
  xb_inbox_reload (self);
}

XbInboxMode
xb_inbox_get_mode (XbInbox *self)
{
  g_return_val_if_fail (XB_IS_INBOX (self), XB_INBOX_EDITOR);
  return self->mode;
}

XbItemDetail *
xb_inbox_get_detail (XbInbox *self)
{
  g_return_val_if_fail (XB_IS_INBOX (self), NULL);
  return self->detail;
}

gboolean
xb_inbox_get_loading (XbInbox *self)
{
  g_return_val_if_fail (XB_IS_INBOX (self), FALSE);
  return self->loading || self->reload_id != 0;
}

guint
xb_inbox_get_n_rows (XbInbox *self)
{
  g_return_val_if_fail (XB_IS_INBOX (self), 0);
  return self->rows != NULL ? self->rows->len : 0;
}

const char *
xb_inbox_get_row_uuid (XbInbox *self,
                       guint    position)
{
  g_return_val_if_fail (XB_IS_INBOX (self), NULL);
  if (self->rows == NULL || position >= self->rows->len)
    return NULL;
  return ((XbQueueRow *) self->rows->pdata[position])->uuid;
}

char *
xb_inbox_get_row_text (XbInbox *self,
                       guint    position)
{
  GtkListBoxRow *row_widget;
  GtkWidget *countdown;
  const XbQueueRow *row;
  g_autofree char *subtitle = NULL;
  g_autofree char *chain = NULL;
  g_autofree char *plain = NULL;
  GString *text;

  g_return_val_if_fail (XB_IS_INBOX (self), NULL);
  row_widget = gtk_list_box_get_row_at_index (self->list, (int) position);
  if (row_widget == NULL)
    return NULL;
  row = g_object_get_data (G_OBJECT (row_widget), "row");
  countdown = g_object_get_data (G_OBJECT (row_widget), "countdown");
  subtitle = row_subtitle (self, row);
  text = g_string_new (subtitle);
  if (countdown != NULL)
    g_string_append_printf (text, " · %s", gtk_label_get_label (GTK_LABEL (countdown)));
  if (self->mode == XB_INBOX_SIGNOFF)
    {
      chain = chain_markup (row);
      if (pango_parse_markup (chain, -1, 0, NULL, &plain, NULL, NULL))
        g_string_append_printf (text, " · %s", plain);
    }
  return g_string_free (text, FALSE);
}

gboolean
xb_inbox_select (XbInbox    *self,
                 const char *uuid,
                 gboolean    extend)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (XB_IS_INBOX (self), FALSE);
  if ((row = find_row (self, uuid)) == NULL)
    return FALSE;
  if (!extend)
    gtk_list_box_unselect_all (self->list);
  gtk_list_box_select_row (self->list, row);
  show_row (self, row);
  return TRUE;
}

GStrv
xb_inbox_dup_selected (XbInbox *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (XB_IS_INBOX (self), NULL);
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, (int) i);

      if (row != NULL && gtk_list_box_row_is_selected (row))
        g_strv_builder_add (builder, ((XbQueueRow *) self->rows->pdata[i])->uuid);
    }
  return g_strv_builder_end (builder);
}

GtkButton *
xb_inbox_get_merge_button (XbInbox *self)
{
  g_return_val_if_fail (XB_IS_INBOX (self), NULL);
  return GTK_BUTTON (self->merge_button);
}
