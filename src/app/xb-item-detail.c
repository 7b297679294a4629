/* The read-only view of one information item: text, facts and its history. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "xb-change-status.h"
#include "xb-diff-markup.h"
#include "xb-item-detail.h"
#include "xb-text-diff.h"
#include "xb-item-object.h"
#include "xb-office-actions.h"
#include "xb-workflow.h"

struct _XbItemDetail
{
  GtkWidget          parent_instance;

  GtkStack          *stack;
  AdwStatusPage     *error_page;
  GtkScrolledWindow *scroller;
  XbChangeStatus    *change_status;
  GtkLabel          *state_badge;
  GtkLabel          *urgent_badge;
  GtkLabel          *importance_badge;
  GtkLabel          *title_label;
  GtkLabel          *meta_label;
  GtkLabel          *category_label;
  GtkLabel          *submitted_label;
  GtkLabel          *adopted_key;
  GtkLabel          *adopted_label;
  GtkBox            *body_box;
  GtkListBox        *timeline;
  GtkWidget         *actions_box;
  GtkWidget         *approve_button;
  GtkWidget         *return_button;
  GtkWidget         *revise_button;
  XbOfficeActions   *office_actions;

  XbStore           *store;
  XbSyncEngine      *engine;
  guint32            allowed;      /* actions the signed-in user may take on it */
  XbState            state;        /* the item's state when they were worked out */
  char              *uuid;
  GHashTable        *unit_names;   /* gint64* → char*; loaded once per store */
  GCancellable      *cancellable;
};

G_DEFINE_FINAL_TYPE (XbItemDetail, xb_item_detail, GTK_TYPE_WIDGET)

enum {
  DETAIL_FAILED,
  DETAIL_EDIT,
  N_DETAIL_SIGNALS
};

static guint detail_signals[N_DETAIL_SIGNALS];

enum {
  PROP_0,
  PROP_UUID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  XbStore    *store;
  char       *uuid;
  gboolean    need_units;
} Request;

typedef struct {
  XbItem     *item;
  GHashTable *user_names;  /* gint64* → char* for the author and every actor */
  GHashTable *unit_names;  /* NULL unless requested */
} Reply;

static void
request_free (Request *request)
{
  g_clear_object (&request->store);
  g_free (request->uuid);
  g_free (request);
}

static void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->item, xb_item_free);
  g_clear_pointer (&reply->user_names, g_hash_table_unref);
  g_clear_pointer (&reply->unit_names, g_hash_table_unref);
  g_free (reply);
}

static GHashTable *
new_id_table (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

static void
add_user_name (XbStore    *store,
               GHashTable *names,
               gint64      id)
{
  g_autoptr(XbUser) user = NULL;

  if (id == 0 || g_hash_table_contains (names, &id))
    return;
  /* A missing user is not an error worth failing the view for. */
  user = xb_store_get_user (store, id, NULL);
  if (user != NULL)
    g_hash_table_insert (names, g_memdup2 (&id, sizeof id),
                         g_strdup (user->display_name ? user->display_name : user->username));
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr(GError) error = NULL;
  Reply *reply = g_new0 (Reply, 1);

  reply->item = xb_store_get_item (request->store, request->uuid, &error);
  if (reply->item != NULL && request->need_units)
    reply->unit_names = xb_store_unit_names (request->store, &error);
  if (error != NULL)
    {
      reply_free (reply);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  reply->user_names = new_id_table ();
  add_user_name (request->store, reply->user_names, reply->item->author_id);
  for (guint i = 0; i < reply->item->events->len; i++)
    {
      XbEvent *event = g_ptr_array_index (reply->item->events, i);
      add_user_name (request->store, reply->user_names, event->actor_id);
    }
  g_task_return_pointer (task, reply, (GDestroyNotify) reply_free);
}

static const char *
lookup_name (GHashTable *names,
             gint64      id)
{
  const char *name = names ? g_hash_table_lookup (names, &id) : NULL;

  return name ? name : _("Unknown");
}

static void
clear_timeline (XbItemDetail *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->timeline))) != NULL)
    gtk_list_box_remove (self->timeline, child);
}

/* One label per paragraph, so paragraphs stand apart from wrapped lines. */
static void
show_body (XbItemDetail *self,
           const char   *body)
{
  g_auto(GStrv) paragraphs = g_strsplit (body ? body : "", "\n", -1);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->body_box))) != NULL)
    gtk_box_remove (self->body_box, child);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      GtkWidget *label;

      g_strstrip (paragraphs[i]);
      if (*paragraphs[i] == '\0')
        continue;
      label = gtk_label_new (paragraphs[i]);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (self->body_box, label);
    }
}

static char *
event_subtitle (const XbEvent *event,
                GHashTable    *user_names)
{
  g_autofree char *when = xb_format_local_time (event->at);
  GString *subtitle = g_string_new (NULL);

  /* Translators: who acted, in which role, and when: "张三 · 信息员 · 2026-03-14 09:30". */
  g_string_printf (subtitle, _("%s · %s · %s"),
                   lookup_name (user_names, event->actor_id),
                   xb_role_label (event->role), when);
  if (event->comment != NULL && *event->comment != '\0')
    g_string_append_printf (subtitle, "\n%s", event->comment);
  return g_string_free (subtitle, FALSE);
}

static GtkWidget *
state_label (const XbEvent *event)
{
  GtkWidget *state = gtk_label_new (xb_state_label (event->to));

  gtk_widget_add_css_class (state, "dim-label");
  gtk_widget_set_valign (state, GTK_ALIGN_CENTER);
  return state;
}

/* The changes from @before's text to @event's, as a wrapped label. */
static GtkWidget *
diff_label (const XbEvent *before,
            const XbEvent *event)
{
  g_autoptr(GPtrArray) title_runs = xb_text_diff (before->title, event->title);
  g_autoptr(GPtrArray) body_runs = xb_text_diff (before->body, event->body);
  g_autofree char *body = xb_diff_markup (body_runs, 40);
  g_autoptr(GString) markup = g_string_new (NULL);
  GtkWidget *label;

  if (g_strcmp0 (before->title, event->title) != 0)
    {
      g_autofree char *title = xb_diff_markup (title_runs, 200);
      g_autofree char *heading = g_markup_escape_text (_("Title"), -1);
      g_string_append_printf (markup, "<b>%s</b>\n%s\n\n", heading, title);
    }
  g_string_append (markup, body);
  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup->str);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_widget_set_name (label, "diff");
  return label;
}

/* An event that changed the text opens to show what changed. */
static GtkWidget *
changed_text_row (const XbEvent *before,
                  const XbEvent *event,
                  const char    *subtitle)
{
  g_autoptr(GPtrArray) runs = xb_text_diff (before->body, event->body);
  g_autofree char *summary = NULL;
  g_autofree char *text = NULL;
  GtkWidget *row = adw_expander_row_new ();
  glong inserted, deleted;

  xb_text_diff_count (runs, &inserted, &deleted);
  /* Translators: how much of the body an edit or a new revision changed */
  summary = g_strdup_printf (_("Text changed (characters added: %ld, removed: %ld)"), inserted, deleted);
  text = g_strdup_printf ("%s\n%s", subtitle, summary);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), xb_action_label (event->action));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), text);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), state_label (event));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), diff_label (before, event));
  return row;
}

static GtkWidget *
event_row (const XbEvent *event,
           const XbEvent *before,
           GHashTable    *user_names)
{
  g_autofree char *subtitle = event_subtitle (event, user_names);
  GtkWidget *row;

  if (before != NULL && event->body != NULL &&
      (g_strcmp0 (before->body, event->body) != 0 || g_strcmp0 (before->title, event->title) != 0))
    return changed_text_row (before, event, subtitle);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), xb_action_label (event->action));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state_label (event));
  return row;
}

static void
show_meta (XbItemDetail *self,
           const XbItem *item,
           GHashTable   *user_names)
{
  g_autofree char *meta = NULL;

  /* Translators: unit, author, item type and angle: "东城区政府办 · 张三 · 动态信息 · 亮点". */
  meta = g_strdup_printf (_("%s · %s · %s · %s"),
                          lookup_name (self->unit_names, item->unit_id),
                          lookup_name (user_names, item->author_id),
                          xb_item_type_label (item->type),
                          xb_angle_label (item->angle));
  gtk_label_set_label (self->meta_label, meta);

  gtk_label_set_label (self->state_badge, xb_state_label (item->state));
  gtk_label_set_label (self->importance_badge, xb_importance_label (item->importance));
  if (item->importance == XB_IMPORTANCE_GENERAL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->importance_badge), "major");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->importance_badge), "major");
  gtk_widget_set_visible (GTK_WIDGET (self->urgent_badge), item->urgent);
}

static void
show_facts (XbItemDetail *self,
            const XbItem *item)
{
  g_autofree char *submitted = xb_format_local_time (item->submitted_at);
  g_autofree char *created = xb_format_local_time (item->created_at);
  g_autofree char *written = NULL;
  g_autofree char *adopted = xb_format_local_time (item->adopted_at);
  gboolean is_adopted = item->adopted_at > 0;

  gtk_label_set_label (self->category_label,
                       item->category && *item->category ? item->category : "—");
  /* TRANSLATORS: a comprehensive item the office wrote itself: it was never sent by a unit */
  written = g_strdup_printf (_("Written by the office, %s"), created);
  gtk_label_set_label (self->submitted_label,
                       item->submitted_at > 0 ? submitted
                       : xb_item_has_left_unit (item) ? written : _("Not submitted yet"));
  gtk_label_set_label (self->adopted_label, adopted);
  gtk_widget_set_visible (GTK_WIDGET (self->adopted_key), is_adopted);
  gtk_widget_set_visible (GTK_WIDGET (self->adopted_label), is_adopted);
}

/* The state machine alone decides which buttons the signed-in user gets. */
static void
show_actions (XbItemDetail *self,
              const XbItem *item)
{
  guint32 shown = (1u << XB_ACTION_APPROVE) | (1u << XB_ACTION_RETURN) | (1u << XB_ACTION_REVISE) |
                  xb_office_actions_offered ();

  self->allowed = xb_office_actions_allowed (self->store, self->engine, item);
  self->state = item->state;
  xb_office_actions_show (self->office_actions, self->store, self->engine, item, self->allowed);
  gtk_widget_set_visible (self->approve_button, self->allowed & (1u << XB_ACTION_APPROVE));
  gtk_widget_set_visible (self->return_button, self->allowed & (1u << XB_ACTION_RETURN));
  gtk_widget_set_visible (self->revise_button, self->allowed & (1u << XB_ACTION_REVISE));
  gtk_widget_set_visible (self->actions_box, (self->allowed & shown) != 0);
}

static void
act (XbItemDetail *self,
     XbAction      action,
     const char   *comment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_strdup (self->uuid);

  if (self->engine == NULL || uuid == NULL)
    return;
  if (!xb_sync_engine_act (self->engine, uuid, action, comment, NULL, &error))
    {
      g_signal_emit (self, detail_signals[DETAIL_FAILED], 0, error->message);
      return;
    }
  if (action == XB_ACTION_REVISE)
    g_signal_emit (self, detail_signals[DETAIL_EDIT], 0, uuid);
  xb_item_detail_refresh (self);
}

static void
on_approve_clicked (XbItemDetail *self)
{
  act (self, XB_ACTION_APPROVE, NULL);
}

static void
on_revise_clicked (XbItemDetail *self)
{
  act (self, XB_ACTION_REVISE, NULL);
}

static void
on_return_response (AdwMessageDialog *dialog,
                    const char       *response,
                    XbItemDetail     *self)
{
  GtkTextView *view = g_object_get_data (G_OBJECT (dialog), "comment");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *comment = NULL;

  if (g_strcmp0 (response, "return") != 0)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  comment = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  act (self, XB_ACTION_RETURN, comment);
}

static void
on_comment_changed (GtkTextBuffer    *buffer,
                    AdwMessageDialog *dialog)
{
  /* A return without a reason helps nobody. */
  adw_message_dialog_set_response_enabled (dialog, "return", gtk_text_buffer_get_char_count (buffer) > 0);
}

static void
on_return_clicked (XbItemDetail *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  /* A signer returns the item to the information section, everyone else to its unit. */
  if (self->state == XB_STATE_SIGNOFF)
    dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                          _("Return the Item to the Editor?"),
                                                          _("Say what the information section should change.")));
  else
    dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                          _("Return the Item?"),
                                                          _("Say what the writer should change.")));
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_widget_set_size_request (view, -1, 96);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Comment"), -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  adw_message_dialog_set_extra_child (dialog, frame);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "return", _("_Return"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "return", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "return", FALSE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "comment", view);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                           G_CALLBACK (on_comment_changed), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_return_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

static void
show_reply (XbItemDetail *self,
            Reply        *reply,
            gboolean      scroll_to_top)
{
  const XbItem *item = reply->item;
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  const XbEvent *last_text = NULL; /* the latest event that kept the text */

  if (reply->unit_names != NULL)
    {
      g_clear_pointer (&self->unit_names, g_hash_table_unref);
      self->unit_names = g_steal_pointer (&reply->unit_names);
    }

  gtk_label_set_label (self->title_label, item->title);
  show_meta (self, item, reply->user_names);
  show_facts (self, item);
  show_body (self, item->body);

  clear_timeline (self);
  for (guint i = 0; i < item->events->len; i++)
    {
      const XbEvent *event = g_ptr_array_index (item->events, i);

      gtk_list_box_append (self->timeline, event_row (event, last_text, reply->user_names));
      if (event->body != NULL)
        last_text = event;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->timeline), item->events->len > 0);
  show_actions (self, item);
  xb_change_status_show (self->change_status, item->uuid);

  /* A live update of the item on show keeps the reader's place. */
  if (scroll_to_top)
    gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));
  gtk_stack_set_visible_child_name (self->stack, "item");
}

static void
set_uuid (XbItemDetail *self,
          const char   *uuid)
{
  if (g_strcmp0 (self->uuid, uuid) == 0)
    return;
  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(XbItemDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  Reply *reply = g_task_propagate_pointer (G_TASK (result), &error);
  Request *request = g_task_get_task_data (G_TASK (result));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Gone from the store: a refused new item the user gave up. */
  if (g_error_matches (error, XB_ERROR, XB_ERROR_NOT_FOUND))
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      set_uuid (self, NULL);
      return;
    }
  if (reply == NULL)
    {
      g_autofree char *reason = g_markup_escape_text (error->message, -1);
      g_autofree char *text =
        g_strdup_printf (_("The item could not be read from the local database: %s"), reason);
      adw_status_page_set_description (self->error_page, text);
      gtk_stack_set_visible_child_name (self->stack, "error");
      set_uuid (self, NULL);
      return;
    }

  show_reply (self, reply, g_strcmp0 (self->uuid, request->uuid) != 0);
  set_uuid (self, request->uuid);
  reply_free (reply);
}

static void
xb_item_detail_dispose (GObject *object)
{
  XbItemDetail *self = XB_ITEM_DETAIL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->engine);
  gtk_widget_dispose_template (GTK_WIDGET (object), XB_TYPE_ITEM_DETAIL);

  G_OBJECT_CLASS (xb_item_detail_parent_class)->dispose (object);
}

static void
xb_item_detail_finalize (GObject *object)
{
  XbItemDetail *self = XB_ITEM_DETAIL (object);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->unit_names, g_hash_table_unref);

  G_OBJECT_CLASS (xb_item_detail_parent_class)->finalize (object);
}

static void
xb_item_detail_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  XbItemDetail *self = XB_ITEM_DETAIL (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* We ask for no more width than our minimum: the items leaflet folds on
 * natural widths, and the table beside us is the one that needs the room. */
static void
xb_item_detail_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = *minimum;
}

static void
xb_item_detail_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  gtk_widget_allocate (gtk_widget_get_first_child (widget), width, height, baseline, NULL);
}

static void
on_change_failed (XbItemDetail *self,
                  const char   *message)
{
  g_signal_emit (self, detail_signals[DETAIL_FAILED], 0, message);
}

/* The server's copy is on its way back; until then the store's. */
static void
on_discarded (XbItemDetail *self,
              const char   *uuid)
{
  xb_item_detail_refresh (self);
}

static void
xb_item_detail_class_init (XbItemDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xb_item_detail_dispose;
  object_class->finalize = xb_item_detail_finalize;
  object_class->get_property = xb_item_detail_get_property;
  widget_class->measure = xb_item_detail_measure;
  widget_class->size_allocate = xb_item_detail_size_allocate;

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (XB_TYPE_CHANGE_STATUS);
  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/Xinbao/ui/xb-item-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, XbItemDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, XbItemDetail, change_status);
  gtk_widget_class_bind_template_callback (widget_class, on_change_failed);
  gtk_widget_class_bind_template_callback (widget_class, on_discarded);
  gtk_widget_class_bind_template_child (widget_class, XbItemDetail, error_page);
  gtk_widget_class_bind_template_child (widget_class, XbItemDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, XbItemDetail, state_badge);
  gtk_widget_class_bind_template_child (widget_class, XbItemDetail, urgent_badge);
  gtk_widget_class_bind_template_child (widget_class, XbItemDetail, importance_badge);
  gtk_widget_class_bind_template_child (widget_class, XbItemDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, XbItemDetail, meta_label);
  gtk_widget_class_bind_template_child (widget_class, XbItemDetail, category_label);
  gtk_widget_class_bind_template_child (widget_class, XbItemDetail, submitted_label);
  gtk_widget_class_bind_template_child (widget_class, XbItemDetail, adopted_key);
  gtk_widget_class_bind_template_child (widget_class, XbItemDetail, adopted_label);
  gtk_widget_class_bind_template_child (widget_class, XbItemDetail, body_box);
  gtk_widget_class_bind_template_child (widget_class, XbItemDetail, timeline);
  gtk_widget_class_bind_template_child (widget_class, XbItemDetail, actions_box);
  gtk_widget_class_bind_template_child (widget_class, XbItemDetail, approve_button);
  gtk_widget_class_bind_template_child (widget_class, XbItemDetail, return_button);
  gtk_widget_class_bind_template_child (widget_class, XbItemDetail, revise_button);
  gtk_widget_class_bind_template_callback (widget_class, on_approve_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_return_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_revise_clicked);

  detail_signals[DETAIL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The item was reopened for editing (revise): the window opens the editor. */
  detail_signals[DETAIL_EDIT] =
    g_signal_new ("edit-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "xb-item-detail");
}

static void
on_office_acted (XbItemDetail *self)
{
  xb_item_detail_refresh (self);
}

static void
on_office_failed (XbItemDetail *self,
                  const char   *message)
{
  g_signal_emit (self, detail_signals[DETAIL_FAILED], 0, message);
}

static void
xb_item_detail_init (XbItemDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The office's and the signers' buttons sit beside the unit's. */
  self->office_actions = XB_OFFICE_ACTIONS (xb_office_actions_new ());
  gtk_box_append (GTK_BOX (self->actions_box), GTK_WIDGET (self->office_actions));
  g_signal_connect_object (self->office_actions, "acted", G_CALLBACK (on_office_acted), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->office_actions, "failed", G_CALLBACK (on_office_failed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
xb_item_detail_new (void)
{
  return g_object_new (XB_TYPE_ITEM_DETAIL, NULL);
}

void
xb_item_detail_set_store (XbItemDetail *self,
                          XbStore      *store)
{
  g_return_if_fail (XB_IS_ITEM_DETAIL (self));

  if (!g_set_object (&self->store, store))
    return;
  xb_change_status_set_store (self->change_status, store);
  g_clear_pointer (&self->unit_names, g_hash_table_unref);
  xb_item_detail_show_item (self, NULL);
}

void
xb_item_detail_set_engine (XbItemDetail *self,
                           XbSyncEngine *engine)
{
  g_return_if_fail (XB_IS_ITEM_DETAIL (self));
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self->change_status);
  g_set_object (&self->engine, engine);
  xb_change_status_set_engine (self->change_status, engine);
  /* A refusal may come without a new copy of the item. */
  if (engine != NULL)
    g_signal_connect_object (engine, "notify::queued", G_CALLBACK (xb_change_status_refresh),
                             self->change_status, G_CONNECT_SWAPPED);
}

GtkButton *
xb_item_detail_get_action_button (XbItemDetail *self,
                                  XbAction      action)
{
  g_return_val_if_fail (XB_IS_ITEM_DETAIL (self), NULL);
  switch (action)
    {
    case XB_ACTION_APPROVE: return GTK_BUTTON (self->approve_button);
    case XB_ACTION_RETURN: return GTK_BUTTON (self->return_button);
    case XB_ACTION_REVISE: return GTK_BUTTON (self->revise_button);
    default: return xb_office_actions_get_button (self->office_actions, action);
    }
}

void
xb_item_detail_show_item (XbItemDetail *self,
                          const char   *uuid)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  g_return_if_fail (XB_IS_ITEM_DETAIL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (uuid == NULL || self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      set_uuid (self, NULL);
      return;
    }

  request = g_new0 (Request, 1);
  request->store = g_object_ref (self->store);
  request->uuid = g_strdup (uuid);
  request->need_units = self->unit_names == NULL;

  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, load_done, g_object_ref (self));
  g_task_set_source_tag (task, xb_item_detail_show_item);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, load_in_thread);
}

const char *
xb_item_detail_get_uuid (XbItemDetail *self)
{
  g_return_val_if_fail (XB_IS_ITEM_DETAIL (self), NULL);
  return self->uuid;
}

const char *
xb_item_detail_get_title (XbItemDetail *self)
{
  g_return_val_if_fail (XB_IS_ITEM_DETAIL (self), NULL);
  return self->uuid ? gtk_label_get_label (self->title_label) : NULL;
}

void
xb_item_detail_refresh (XbItemDetail *self)
{
  g_autofree char *uuid = NULL;

  g_return_if_fail (XB_IS_ITEM_DETAIL (self));

  if (self->uuid == NULL)
    return;
  /* Units may have arrived or been renamed with the item. */
  g_clear_pointer (&self->unit_names, g_hash_table_unref);
  uuid = g_strdup (self->uuid);
  xb_item_detail_show_item (self, uuid);
}
