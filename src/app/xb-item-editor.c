/* The form an information officer writes a draft in: fields, validation, autosave and send. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "xb-codec.h"
#include "xb-attachment-list.h"
#include "xb-change-status.h"
#include "xb-item-editor.h"
#include "xb-store-requests.h"
#include "xb-workflow.h"

struct _XbItemEditor
{
  AdwBin        parent_instance;

  XbChangeStatus *change_status;
  AdwEntryRow  *title_row;
  GtkTextView  *body_view;
  GtkLabel     *count_label;
  AdwComboRow  *category_row;
  AdwComboRow  *type_row;
  AdwComboRow  *angle_row;
  AdwComboRow  *importance_row;
  AdwComboRow  *request_row;
  GtkSwitch    *urgent_switch;
  AdwEntryRow  *event_row;
  GtkLabel     *deadline_label;
  GtkLabel     *problem_label;
  GtkButton    *send_button;
  GtkLabel     *saved_label;
  XbAttachmentList *attachments;

  XbStore      *store;
  XbSyncEngine *engine;
  XbItem       *item;        /* the store's copy as last loaded or saved */
  char         *unit_name;   /* of the item's unit, for the title rule */
  GtkStringList *categories;
  GtkStringList *requests;   /* "None", then the unit's open requests */
  GArray       *request_ids; /* gint64 per entry of requests; 0 for None */
  char         *problem;
  guint         autosave_id;
  gboolean      dirty;
  gboolean      loading;     /* filling the widgets: not an edit */
};

G_DEFINE_FINAL_TYPE (XbItemEditor, xb_item_editor, ADW_TYPE_BIN)

enum {
  SIGNAL_SENT,
  SIGNAL_FAILED,
  SIGNAL_CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
dup_body (XbItemEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
dup_category (XbItemEditor *self)
{
  guint pos = adw_combo_row_get_selected (self->category_row);

  if (pos == GTK_INVALID_LIST_POSITION ||
      pos >= g_list_model_get_n_items (G_LIST_MODEL (self->categories)))
    return NULL;
  return g_strdup (gtk_string_list_get_string (self->categories, pos));
}

/* "YYYY-MM-DD HH:MM" in local time; 0 when empty, -1 when not a time. */
static gint64
parse_event_time (const char *text)
{
  int y, mo, d, h, mi;
  char tail;
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || *text == '\0')
    return 0;
  if (sscanf (text, "%d-%d-%d %d:%d%c", &y, &mo, &d, &h, &mi, &tail) != 5)
    return -1;
  dt = g_date_time_new_local (y, mo, d, h, mi, 0);
  return dt ? g_date_time_to_unix (dt) : -1;
}

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (t);
  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup ("");
}

/* The form's fields over a copy of the loaded item. */
static XbItem *
item_from_form (XbItemEditor *self)
{
  XbItem *item = xb_item_copy (self->item);
  guint pos;

  g_free (item->title);
  item->title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_free (item->body);
  item->body = dup_body (self);
  g_free (item->category);
  item->category = dup_category (self);
  if ((pos = adw_combo_row_get_selected (self->type_row)) < XB_N_ITEM_TYPES)
    item->type = pos;
  if ((pos = adw_combo_row_get_selected (self->angle_row)) < XB_N_ANGLES)
    item->angle = pos;
  if ((pos = adw_combo_row_get_selected (self->importance_row)) < XB_N_IMPORTANCES)
    item->importance = pos;
  if ((pos = adw_combo_row_get_selected (self->request_row)) < self->request_ids->len)
    item->request_id = g_array_index (self->request_ids, gint64, pos);
  item->urgent = gtk_switch_get_active (self->urgent_switch);
  item->event_at = MAX (parse_event_time (gtk_editable_get_text (GTK_EDITABLE (self->event_row))), 0);
  g_clear_pointer (&item->attachments, g_ptr_array_unref);
  item->attachments = xb_attachments_copy (xb_attachment_list_get_attachments (self->attachments));
  return item;
}

static void
set_problem (XbItemEditor *self,
             char         *problem)
{
  g_free (self->problem);
  self->problem = problem;
}

static void
validate (XbItemEditor *self)
{
  g_autofree char *body = dup_body (self);
  g_autofree char *category = dup_category (self);
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  const char *event_text = gtk_editable_get_text (GTK_EDITABLE (self->event_row));
  glong title_len = g_utf8_strlen (title, -1);
  glong body_len = g_utf8_strlen (body, -1);
  g_autofree char *count = NULL;
  gint64 event_at = parse_event_time (event_text);
  gboolean urgent = gtk_switch_get_active (self->urgent_switch);
  gboolean editable = self->item != NULL && self->item->state == XB_STATE_DRAFT;

  /* Translators: characters written in the text, and the most allowed */
  count = g_strdup_printf (_("%ld / %d characters"), body_len, XB_BODY_MAX_CHARS);
  gtk_label_set_text (self->count_label, count);

  if (self->item == NULL)
    set_problem (self, NULL);
  else if (!editable)
    set_problem (self, g_strdup (_("Only a draft can be sent.")));
  else if (title_len == 0)
    set_problem (self, g_strdup (_("Write a title.")));
  else if (title_len > XB_TITLE_MAX_CHARS)
    set_problem (self, g_strdup_printf (_("The title is longer than %d characters."), XB_TITLE_MAX_CHARS));
  else if (self->unit_name != NULL && g_strcmp0 (title, self->unit_name) == 0)
    set_problem (self, g_strdup (_("The title must say more than the unit's name.")));
  else if (body_len == 0)
    set_problem (self, g_strdup (_("Write the text of the item.")));
  else if (body_len > XB_BODY_MAX_CHARS)
    set_problem (self, g_strdup_printf (_("The text is longer than %d characters."), XB_BODY_MAX_CHARS));
  else if (category == NULL)
    set_problem (self, g_strdup (_("Choose a category.")));
  else if (urgent && event_at == 0)
    set_problem (self, g_strdup (_("Give the time of the event for an urgent item.")));
  else if (event_at < 0)
    set_problem (self, g_strdup (_("Write the event time as YYYY-MM-DD HH:MM.")));
  else
    set_problem (self, NULL);

  if (title_len > XB_TITLE_MAX_CHARS || (self->unit_name && g_strcmp0 (title, self->unit_name) == 0))
    gtk_widget_add_css_class (GTK_WIDGET (self->title_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");
  if (body_len > XB_BODY_MAX_CHARS)
    gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "error");

  gtk_label_set_text (self->problem_label, self->problem ? self->problem : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.send", self->problem == NULL && self->item != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->send_button),
                               self->problem ? self->problem : _("Send the item to the unit leader or the office (Ctrl+Return)"));

  /* The deadline follows from the event time and importance. */
  if (self->item != NULL && self->store != NULL && urgent && event_at > 0)
    {
      g_autoptr(XbItem) item = item_from_form (self);
      XbPolicy policy;
      gint64 deadline = 0;

      if (xb_store_get_policy (self->store, &policy, NULL))
        deadline = xb_workflow_deadline (item, &policy);
      if (deadline > 0)
        {
          g_autofree char *when = format_time (deadline);
          gtk_label_set_text (self->deadline_label, when);
        }
      else
        gtk_label_set_text (self->deadline_label, "");
    }
  else
    gtk_label_set_text (self->deadline_label, urgent ? _("Give the event time") : _("Not urgent"));
}

static gboolean
autosave_cb (gpointer user_data)
{
  XbItemEditor *self = user_data;
  g_autoptr(GError) error = NULL;

  self->autosave_id = 0;
  if (!xb_item_editor_save (self, &error))
    g_signal_emit (self, signals[SIGNAL_FAILED], 0, error->message);
  return G_SOURCE_REMOVE;
}

static void
on_changed (XbItemEditor *self)
{
  validate (self);
  if (self->loading || self->item == NULL)
    return;
  self->dirty = TRUE;
  gtk_label_set_text (self->saved_label, _("Editing…"));
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add (XB_ITEM_EDITOR_AUTOSAVE_MS, autosave_cb, self);
}

static void fill_requests (XbItemEditor *self, gint64 wanted);

/* Whether the open requests are those listed (after "None"), in order. */
static gboolean
requests_unchanged (XbItemEditor *self, guint selected)
{
  g_autoptr(GPtrArray) open = xb_store_list_requests (self->store, self->item->unit_id, TRUE,
                                                      g_get_real_time () / G_USEC_PER_SEC, NULL);
  guint listed = self->request_ids->len - 1;

  if (open == NULL)
    return TRUE;
  /* The chosen one may be listed past the open ones, once closed. */
  if (listed == open->len + 1 && selected == listed)
    listed--;
  if (listed != open->len)
    return FALSE;
  for (guint i = 0; i < open->len; i++)
    if (((XbRequest *) open->pdata[i])->id != g_array_index (self->request_ids, gint64, i + 1))
      return FALSE;
  return TRUE;
}

/* Requests that arrived or closed since the form was filled; the choice on
 * screen is kept and is not an edit. */
static void
refresh_requests (XbItemEditor *self)
{
  guint pos = adw_combo_row_get_selected (self->request_row);
  gboolean loading = self->loading;

  if (self->store == NULL || self->item == NULL || self->item->state != XB_STATE_DRAFT ||
      self->request_ids->len == 0 || requests_unchanged (self, pos))
    return;
  self->loading = TRUE;
  fill_requests (self, pos < self->request_ids->len ? g_array_index (self->request_ids, gint64, pos) : 0);
  self->loading = loading;
}

/* The item left the store (a refused new item the user gave up): there is
 * nothing to edit any more.  A draft never saved is not in it yet. */
static gboolean
item_gone (XbItemEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbItem) item = NULL;

  if (self->store == NULL || self->item == NULL || self->item->revision == 0)
    return FALSE;
  item = xb_store_get_item (self->store, self->item->uuid, &error);
  return item == NULL && g_error_matches (error, XB_ERROR, XB_ERROR_NOT_FOUND);
}

void
xb_item_editor_refresh_status (XbItemEditor *self)
{
  g_return_if_fail (XB_IS_ITEM_EDITOR (self));

  if (item_gone (self))
    {
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      g_clear_pointer (&self->item, xb_item_free);
      self->dirty = FALSE;
      xb_change_status_show (self->change_status, NULL);
      g_signal_emit (self, signals[SIGNAL_CLOSED], 0);
      return;
    }
  refresh_requests (self);
  xb_change_status_show (self->change_status, self->item != NULL ? self->item->uuid : NULL);
}

static void
on_change_failed (XbItemEditor *self,
                  const char   *message)
{
  g_signal_emit (self, signals[SIGNAL_FAILED], 0, message);
}

/* The server's copy is on its way: show what the store has meanwhile. */
static void
on_discarded (XbItemEditor *self,
              const char   *uuid)
{
  self->dirty = FALSE;
  if (!xb_item_editor_load (self, uuid, NULL))
    xb_item_editor_refresh_status (self);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  XbItemEditor *self = XB_ITEM_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!xb_item_editor_send (self, &error))
    g_signal_emit (self, signals[SIGNAL_FAILED], 0, error->message);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  XbItemEditor *self = XB_ITEM_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!xb_item_editor_save (self, &error))
    g_signal_emit (self, signals[SIGNAL_FAILED], 0, error->message);
}

/* Text pasted from Word or WPS arrives with CR LF, lone CR, vertical tabs
 * (soft returns) or Unicode line and paragraph separators: every one of
 * them becomes a plain newline, so paragraphs survive as paragraphs. */
static char *
normalize_newlines (const char *text,
                    int         len)
{
  GString *out = g_string_sized_new (len);
  const char *end = text + len;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r')
        {
          g_string_append_c (out, '\n');
          if (p + 1 < end && p[1] == '\n')
            p++;
        }
      else if (c == '\v' || c == 0x2028 || c == 0x2029)
        g_string_append_c (out, '\n');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
on_insert_text (GtkTextBuffer *buffer,
                GtkTextIter   *location,
                const char    *text,
                int            len,
                XbItemEditor  *self)
{
  g_autofree char *clean = NULL;

  if (len < 0)
    len = strlen (text);
  if (strpbrk (text, "\r\v") == NULL && strstr (text, "\xe2\x80\xa8") == NULL &&
      strstr (text, "\xe2\x80\xa9") == NULL)
    return;
  clean = normalize_newlines (text, len);
  g_signal_stop_emission_by_name (buffer, "insert-text");
  gtk_text_buffer_insert (buffer, location, clean, -1);
}

static void
fill_enum_row (AdwComboRow *row,
               int          n,
               const char *(*label) (int))
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (int i = 0; i < n; i++)
    gtk_string_list_append (list, label (i));
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

static const char *type_label (int v) { return xb_item_type_label (v); }
static const char *angle_label (int v) { return xb_angle_label (v); }
static const char *importance_label (int v) { return xb_importance_label (v); }

static void
on_attachment_failed (XbItemEditor *self,
                      const char   *message)
{
  g_signal_emit (self, signals[SIGNAL_FAILED], 0, message);
}

/* Below the form's last group; files dropped anywhere on the form join it. */
static void
add_attachment_list (XbItemEditor *self)
{
  GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (self->urgent_switch), ADW_TYPE_PREFERENCES_GROUP);

  self->attachments = XB_ATTACHMENT_LIST (xb_attachment_list_new ());
  gtk_box_append (GTK_BOX (gtk_widget_get_parent (group)), GTK_WIDGET (self->attachments));
  g_signal_connect_object (self->attachments, "changed", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->attachments, "failed", G_CALLBACK (on_attachment_failed), self, G_CONNECT_SWAPPED);
  xb_attachment_list_accept_drops_on (self->attachments, GTK_WIDGET (self));
}

static void
xb_item_editor_dispose (GObject *object)
{
  XbItemEditor *self = XB_ITEM_EDITOR (object);

  /* Whatever is still pending is saved rather than lost. */
  if (self->dirty)
    xb_item_editor_save (self, NULL);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_clear_pointer (&self->item, xb_item_free);
  g_clear_pointer (&self->unit_name, g_free);
  g_clear_pointer (&self->problem, g_free);
  g_clear_object (&self->categories);
  g_clear_object (&self->requests);
  g_clear_pointer (&self->request_ids, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), XB_TYPE_ITEM_EDITOR);

  G_OBJECT_CLASS (xb_item_editor_parent_class)->dispose (object);
}

static void
xb_item_editor_class_init (XbItemEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xb_item_editor_dispose;

  signals[SIGNAL_SENT] = g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The item on show is gone from the store; the editor holds nothing. */
  signals[SIGNAL_CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (XB_TYPE_CHANGE_STATUS);
  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/Xinbao/ui/xb-item-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, XbItemEditor, change_status);
  gtk_widget_class_bind_template_child (widget_class, XbItemEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, XbItemEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, XbItemEditor, count_label);
  gtk_widget_class_bind_template_child (widget_class, XbItemEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, XbItemEditor, type_row);
  gtk_widget_class_bind_template_child (widget_class, XbItemEditor, angle_row);
  gtk_widget_class_bind_template_child (widget_class, XbItemEditor, importance_row);
  gtk_widget_class_bind_template_child (widget_class, XbItemEditor, request_row);
  gtk_widget_class_bind_template_child (widget_class, XbItemEditor, urgent_switch);
  gtk_widget_class_bind_template_child (widget_class, XbItemEditor, event_row);
  gtk_widget_class_bind_template_child (widget_class, XbItemEditor, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, XbItemEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, XbItemEditor, send_button);
  gtk_widget_class_bind_template_child (widget_class, XbItemEditor, saved_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_change_failed);
  gtk_widget_class_bind_template_callback (widget_class, on_discarded);

  gtk_widget_class_install_action (widget_class, "editor.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.send", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "editor.send", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
xb_item_editor_init (XbItemEditor *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = gtk_text_view_get_buffer (self->body_view);
  gtk_text_buffer_set_enable_undo (buffer, TRUE);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (buffer, "insert-text", G_CALLBACK (on_insert_text), self, 0);

  self->categories = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (self->categories));
  self->requests = gtk_string_list_new (NULL);
  self->request_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  adw_combo_row_set_model (self->request_row, G_LIST_MODEL (self->requests));
  fill_enum_row (self->type_row, XB_N_ITEM_TYPES, type_label);
  fill_enum_row (self->angle_row, XB_N_ANGLES, angle_label);
  fill_enum_row (self->importance_row, XB_N_IMPORTANCES, importance_label);
  g_signal_connect_object (self->category_row, "notify::selected", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->type_row, "notify::selected", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->angle_row, "notify::selected", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->importance_row, "notify::selected", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->request_row, "notify::selected", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->urgent_switch, "notify::active", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);

  add_attachment_list (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  validate (self);
}

GtkWidget *
xb_item_editor_new (void)
{
  return g_object_new (XB_TYPE_ITEM_EDITOR, NULL);
}

void
xb_item_editor_set_store (XbItemEditor *self,
                          XbStore      *store)
{
  g_return_if_fail (XB_IS_ITEM_EDITOR (self));
  g_set_object (&self->store, store);
  xb_attachment_list_set_store (self->attachments, store);
  xb_change_status_set_store (self->change_status, store);
}

XbAttachmentList *
xb_item_editor_get_attachment_list (XbItemEditor *self)
{
  g_return_val_if_fail (XB_IS_ITEM_EDITOR (self), NULL);
  return self->attachments;
}

void
xb_item_editor_set_engine (XbItemEditor *self,
                           XbSyncEngine *engine)
{
  g_return_if_fail (XB_IS_ITEM_EDITOR (self));
  g_set_object (&self->engine, engine);
  xb_change_status_set_engine (self->change_status, engine);
}

static void
add_request (XbItemEditor *self, const XbRequest *request)
{
  g_autofree char *deadline = format_time (request->deadline);
  /* TRANSLATORS: a commissioned request in the editor: its topic and deadline. */
  g_autofree char *label = g_strdup_printf (_("%s (by %s)"), request->topic, deadline);

  gtk_string_list_append (self->requests, label);
  g_array_append_val (self->request_ids, request->id);
}

/* "None", then the unit's open requests, soonest deadline first; @wanted
 * is selected and stays listed even once closed. */
static void
fill_requests (XbItemEditor *self, gint64 wanted)
{
  g_autoptr(GPtrArray) open = xb_store_list_requests (self->store, self->item->unit_id, TRUE,
                                                      g_get_real_time () / G_USEC_PER_SEC, NULL);
  guint selected = 0;
  const gint64 none = 0;

  gtk_string_list_splice (self->requests, 0, g_list_model_get_n_items (G_LIST_MODEL (self->requests)), NULL);
  g_array_set_size (self->request_ids, 0);
  gtk_string_list_append (self->requests, C_("request", "None"));
  g_array_append_val (self->request_ids, none);
  for (guint i = 0; open != NULL && i < open->len; i++)
    {
      const XbRequest *request = open->pdata[i];
      if (request->id == wanted)
        selected = self->request_ids->len;
      add_request (self, request);
    }
  if (wanted != 0 && selected == 0)
    {
      g_autoptr(XbRequest) answered = xb_store_get_request (self->store, wanted, NULL);
      if (answered != NULL)
        {
          selected = self->request_ids->len;
          add_request (self, answered);
        }
    }
  adw_combo_row_set_selected (self->request_row, selected);
}

static void
fill_form (XbItemEditor *self)
{
  g_auto(GStrv) priorities = xb_store_list_priorities (self->store, TRUE, NULL);
  g_autoptr(XbUnit) unit = xb_store_get_unit (self->store, self->item->unit_id, NULL);
  g_autofree char *event = self->item->event_at > 0 ? format_time (self->item->event_at) : g_strdup ("");
  guint selected = GTK_INVALID_LIST_POSITION;
  guint n;

  self->loading = TRUE;
  g_free (self->unit_name);
  self->unit_name = unit ? g_strdup (unit->name) : NULL;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->categories));
  gtk_string_list_splice (self->categories, 0, n, (const char * const *) priorities);
  /* An old item keeps its category even when it is no longer a priority. */
  if (self->item->category != NULL && *self->item->category != '\0' &&
      (priorities == NULL || !g_strv_contains ((const char * const *) priorities, self->item->category)))
    gtk_string_list_append (self->categories, self->item->category);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->categories));
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->categories, i), self->item->category) == 0)
      selected = i;
  adw_combo_row_set_selected (self->category_row, selected);

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), self->item->title ? self->item->title : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view),
                            self->item->body ? self->item->body : "", -1);
  adw_combo_row_set_selected (self->type_row, self->item->type);
  adw_combo_row_set_selected (self->angle_row, self->item->angle);
  adw_combo_row_set_selected (self->importance_row, self->item->importance);
  fill_requests (self, self->item->request_id);
  gtk_switch_set_active (self->urgent_switch, self->item->urgent);
  gtk_editable_set_text (GTK_EDITABLE (self->event_row), event);
  xb_attachment_list_set_attachments (self->attachments, self->item->attachments);
  self->loading = FALSE;
  self->dirty = FALSE;
  g_clear_handle_id (&self->autosave_id, g_source_remove);

  /* A text field losing its sensitivity while focused never hears of the
   * focus leaving: take the focus away first. */
  if (self->item->state != XB_STATE_DRAFT && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = gtk_root_get_focus (root);

      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
        gtk_root_set_focus (root, NULL);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self), self->item->state == XB_STATE_DRAFT);
  gtk_label_set_text (self->saved_label, "");
  validate (self);
  xb_item_editor_refresh_status (self);
}

gboolean
xb_item_editor_load (XbItemEditor *self,
                     const char   *uuid,
                     GError      **error)
{
  XbItem *item;

  g_return_val_if_fail (XB_IS_ITEM_EDITOR (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if (self->dirty && !xb_item_editor_save (self, error))
    return FALSE;
  item = xb_store_get_item (self->store, uuid, error);
  if (item == NULL)
    return FALSE;
  g_clear_pointer (&self->item, xb_item_free);
  self->item = item;
  fill_form (self);
  return TRUE;
}

gboolean
xb_item_editor_new_draft (XbItemEditor *self,
                          GError      **error)
{
  g_autoptr(XbUser) user = NULL;
  g_autoptr(XbItem) item = NULL;
  g_auto(GStrv) priorities = NULL;

  g_return_val_if_fail (XB_IS_ITEM_EDITOR (self), FALSE);
  g_return_val_if_fail (self->store != NULL && self->engine != NULL, FALSE);

  if (self->dirty && !xb_item_editor_save (self, error))
    return FALSE;
  user = xb_store_dup_signed_in_user (self->store);
  if (user == NULL)
    {
      g_set_error_literal (error, XB_ERROR, XB_ERROR_UNAUTHORIZED,
                           _("Sign in before writing an item."));
      return FALSE;
    }
  item = xb_item_new ();
  item->uuid = xb_uuid_new ();
  item->unit_id = user->unit_id;
  item->author_id = user->id;
  item->title = g_strdup ("");
  item->body = g_strdup ("");
  item->state = XB_STATE_DRAFT;
  item->revision = 0;  /* new: the engine creates it */
  item->type = XB_ITEM_TYPE_DYNAMIC;
  item->importance = XB_IMPORTANCE_GENERAL;
  priorities = xb_store_list_priorities (self->store, TRUE, NULL);
  item->category = g_strdup (priorities && priorities[0] ? priorities[0] : "");
  /* The store takes it on the first save with a title: the server
   * refuses an item without one. */
  g_clear_pointer (&self->item, xb_item_free);
  self->item = g_steal_pointer (&item);
  fill_form (self);
  return TRUE;
}

const char *
xb_item_editor_get_uuid (XbItemEditor *self)
{
  g_return_val_if_fail (XB_IS_ITEM_EDITOR (self), NULL);
  return self->item ? self->item->uuid : NULL;
}

gboolean
xb_item_editor_save (XbItemEditor *self,
                     GError      **error)
{
  g_autoptr(XbItem) item = NULL;
  g_autoptr(GError) local_error = NULL;
  XbItem *saved;

  g_return_val_if_fail (XB_IS_ITEM_EDITOR (self), FALSE);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (!self->dirty || self->item == NULL || self->engine == NULL)
    return TRUE;

  item = item_from_form (self);
  if (!xb_sync_engine_save_item (self->engine, item, &local_error))
    {
      /* Until it has what every draft needs, it stays in the form and the
       * label says why: the next keystroke tries again. */
      if (g_error_matches (local_error, XB_ERROR, XB_ERROR_INVALID))
        {
          g_autofree char *text = g_strdup_printf (_("Not saved yet: %s"), local_error->message);
          gtk_label_set_text (self->saved_label, text);
          return TRUE;
        }
      gtk_label_set_text (self->saved_label, _("Not saved"));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  self->dirty = FALSE;
  /* The store's copy carries the revision the next save builds on. */
  saved = xb_store_get_item (self->store, item->uuid, NULL);
  if (saved != NULL)
    {
      g_clear_pointer (&self->item, xb_item_free);
      self->item = saved;
    }
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    {
      gtk_label_set_text (self->saved_label, _("Saved"));
      xb_item_editor_refresh_status (self);
    }
  return TRUE;
}

gboolean
xb_item_editor_send (XbItemEditor *self,
                     GError      **error)
{
  g_autofree char *uuid = NULL;

  g_return_val_if_fail (XB_IS_ITEM_EDITOR (self), FALSE);

  validate (self);
  if (self->problem != NULL)
    {
      g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID, self->problem);
      return FALSE;
    }
  if (!xb_item_editor_save (self, error))
    return FALSE;
  if (self->dirty)
    {
      g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID, gtk_label_get_text (self->saved_label));
      return FALSE;
    }
  uuid = g_strdup (self->item->uuid);
  if (!xb_sync_engine_act (self->engine, uuid, XB_ACTION_SUBMIT, NULL, NULL, error))
    return FALSE;
  if (!xb_item_editor_load (self, uuid, error))
    return FALSE;
  gtk_label_set_text (self->saved_label, _("Sent"));
  g_signal_emit (self, signals[SIGNAL_SENT], 0, uuid);
  return TRUE;
}

gboolean
xb_item_editor_get_dirty (XbItemEditor *self)
{
  g_return_val_if_fail (XB_IS_ITEM_EDITOR (self), FALSE);
  return self->dirty;
}

const char *
xb_item_editor_get_problem (XbItemEditor *self)
{
  g_return_val_if_fail (XB_IS_ITEM_EDITOR (self), NULL);
  return self->problem;
}

AdwEntryRow *xb_item_editor_get_title_row (XbItemEditor *self) { return self->title_row; }
GtkTextView *xb_item_editor_get_body_view (XbItemEditor *self) { return self->body_view; }
AdwComboRow *xb_item_editor_get_category_row (XbItemEditor *self) { return self->category_row; }
AdwComboRow *xb_item_editor_get_importance_row (XbItemEditor *self) { return self->importance_row; }
AdwComboRow *xb_item_editor_get_request_row (XbItemEditor *self) { return self->request_row; }
GtkSwitch *xb_item_editor_get_urgent_switch (XbItemEditor *self) { return self->urgent_switch; }
AdwEntryRow *xb_item_editor_get_event_row (XbItemEditor *self) { return self->event_row; }
GtkButton *xb_item_editor_get_send_button (XbItemEditor *self) { return self->send_button; }
GtkLabel *xb_item_editor_get_problem_label (XbItemEditor *self) { return self->problem_label; }
GtkLabel *xb_item_editor_get_status_label (XbItemEditor *self) { return xb_change_status_get_label (self->change_status); }
GtkLabel *xb_item_editor_get_deadline_label (XbItemEditor *self) { return self->deadline_label; }
