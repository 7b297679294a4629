/* The Administration page's section for the reporting priorities (报送要点) and the office's periodicals: edit and publish the list, add, rename, retire and restore a periodical. */
#include "config.h"

#include "xb-admin-priorities.h"

#include <glib/gi18n.h>

#include "xb-codec.h"
#include "xb-demo-data.h"

struct _XbAdminPriorities
{
  XbAdminSection parent_instance;

  GStrv       published;     /* the list in force, as far as this client knows */
  GStrv       sent;          /* published from here, not yet back through the feed */
  gboolean    publishing;
  char       *refusal;       /* the server's last refusal, until the next edit */
  GtkWidget  *priorities_group;
  GtkWidget  *list;          /* GtkListBox: one AdwEntryRow per priority, then add_row */
  GtkWidget  *add_row;
  GPtrArray  *rows;          /* the AdwEntryRows of list, in order */
  GtkWidget  *problem;
  GtkWidget  *defaults;
  GtkWidget  *discard;
  GtkWidget  *publish;

  GtkWidget  *periodicals_group;
  GPtrArray  *periodical_rows;
  GtkWidget  *name_row;
  GtkWidget  *code_row;
  GtkWidget  *periodical_problem;
  GtkWidget  *add_periodical;
  gboolean    adding;
};

G_DEFINE_FINAL_TYPE (XbAdminPriorities, xb_admin_priorities, XB_TYPE_ADMIN_SECTION)

static gboolean
same_list (const char *const *a,
           const char *const *b)
{
  guint n = a != NULL ? g_strv_length ((char **) a) : 0;

  if (n != (b != NULL ? g_strv_length ((char **) b) : 0))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (a[i], b[i]) != 0)
      return FALSE;
  return TRUE;
}

static char *
stripped_text (GtkWidget *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

GStrv
xb_admin_priorities_dup_typed (XbAdminPriorities *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (XB_IS_ADMIN_PRIORITIES (self), NULL);
  for (guint i = 0; i < self->rows->len; i++)
    {
      g_autofree char *text = stripped_text (g_ptr_array_index (self->rows, i));
      g_strv_builder_add (builder, text);
    }
  return g_strv_builder_end (builder);
}

/* ---- what is wrong with a list ------------------------------------------------ */

/* The first problem of @typed in plain words, or NULL; *@row is the
 * (0-based) row it is about, or -1 for the whole list. */
static char *
find_problem (const char *const *typed,
              int               *row)
{
  guint n = g_strv_length ((char **) typed);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  *row = -1;
  if (n == 0)
    return g_strdup (_("Keep at least one priority: units choose each item’s category from this list."));
  if (n > XB_MAX_PRIORITIES)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "There is %u priority; at most %d are allowed. Remove some.",
                                         "There are %u priorities; at most %d are allowed. Remove some.", n),
                            n, XB_MAX_PRIORITIES);
  for (guint i = 0; i < n; i++)
    {
      glong length = g_utf8_strlen (typed[i], -1);
      char *key;
      gpointer earlier;

      *row = (int) i;
      if (typed[i][0] == '\0')
        return g_strdup_printf (_("Priority %u is blank: type it or remove it."), i + 1);
      if (length > XB_NAME_MAX_CHARS)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Priority %u has %ld character; shorten it to at most %d.",
                                             "Priority %u has %ld characters; shorten it to at most %d.",
                                             (gulong) length),
                                i + 1, length, XB_NAME_MAX_CHARS);
      key = g_utf8_casefold (typed[i], -1);
      if (g_hash_table_lookup_extended (seen, key, NULL, &earlier))
        {
          g_free (key);
          return g_strdup_printf (_("Priorities %u and %u are the same; each must be different."),
                                  GPOINTER_TO_UINT (earlier) + 1, i + 1);
        }
      g_hash_table_insert (seen, key, GUINT_TO_POINTER (i));
    }
  *row = -1;
  return NULL;
}

static void
update_state (XbAdminPriorities *self)
{
  g_auto(GStrv) typed = xb_admin_priorities_dup_typed (self);
  gboolean dirty = !same_list ((const char *const *) typed, (const char *const *) self->published);
  int bad_row = -1;
  g_autofree char *problem = dirty ? find_problem ((const char *const *) typed, &bad_row) : NULL;
  const char *shown = problem != NULL ? problem : self->refusal;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      if ((int) i == bad_row)
        gtk_widget_add_css_class (row, "error");
      else
        gtk_widget_remove_css_class (row, "error");
    }
  gtk_label_set_text (GTK_LABEL (self->problem), shown != NULL ? shown : "");
  gtk_widget_set_visible (self->problem, shown != NULL);
  gtk_widget_set_sensitive (self->publish, dirty && problem == NULL && !self->publishing);
  gtk_widget_set_sensitive (self->discard, dirty && !self->publishing);
  gtk_widget_set_visible (self->defaults, self->rows->len == 0);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->priorities_group),
                                         self->published == NULL || self->published[0] == NULL
                                         ? _("No priorities are published yet, so units cannot file an item under "
                                             "any. Add the office’s reporting priorities, or start from the "
                                             "notice’s ten focus areas, then publish them.")
                                         : _("Units file each item under one of these. Items filed under a "
                                             "priority that is later removed keep it."));
}

static void
on_typed (XbAdminPriorities *self)
{
  g_clear_pointer (&self->refusal, g_free);
  update_state (self);
}

/* ---- the rows ------------------------------------------------------------------- */

static int
row_index (XbAdminPriorities *self,
           GtkWidget         *child)
{
  GtkWidget *row = gtk_widget_get_ancestor (child, ADW_TYPE_ENTRY_ROW);
  guint index;

  return row != NULL && g_ptr_array_find (self->rows, row, &index) ? (int) index : -1;
}

static void
label_button (GtkWidget  *button,
              const char *accessible)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

/* Titles, names and which moves are possible follow the rows' order. */
static void
renumber (XbAdminPriorities *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *up = g_object_get_data (G_OBJECT (row), "up");
      GtkWidget *down = g_object_get_data (G_OBJECT (row), "down");
      GtkWidget *remove = g_object_get_data (G_OBJECT (row), "remove");
      g_autofree char *name = g_strdup_printf ("priority-%u", i + 1);
      g_autofree char *title = g_strdup_printf (_("Priority %u"), i + 1);
      g_autofree char *up_label = g_strdup_printf (_("Move Priority %u Up"), i + 1);
      g_autofree char *down_label = g_strdup_printf (_("Move Priority %u Down"), i + 1);
      g_autofree char *remove_label = g_strdup_printf (_("Remove Priority %u"), i + 1);

      gtk_widget_set_name (row, name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      label_button (up, up_label);
      label_button (down, down_label);
      label_button (remove, remove_label);
      gtk_widget_set_sensitive (up, i > 0);
      gtk_widget_set_sensitive (down, i + 1 < self->rows->len);
    }
}

static void
focus_row_or_add (XbAdminPriorities *self,
                  guint              index)
{
  if (index < self->rows->len)
    gtk_widget_grab_focus (g_ptr_array_index (self->rows, index));
  else
    gtk_widget_grab_focus (self->add_row);
}

static void
move_row (XbAdminPriorities *self,
          guint              from,
          guint              to,
          GtkWidget         *button)
{
  GtkWidget *row = g_object_ref (g_ptr_array_index (self->rows, from));

  gtk_list_box_remove (GTK_LIST_BOX (self->list), row);
  g_ptr_array_remove_index (self->rows, from);
  g_ptr_array_insert (self->rows, (int) to, row);
  gtk_list_box_insert (GTK_LIST_BOX (self->list), row, (int) to);
  g_object_unref (row);
  renumber (self);
  /* The keyboard stays with the moved priority. */
  if (gtk_widget_get_sensitive (button))
    gtk_widget_grab_focus (button);
  else
    gtk_widget_grab_focus (row);
  on_typed (self);
}

static void
on_up (GtkWidget         *button,
       XbAdminPriorities *self)
{
  int i = row_index (self, button);

  if (i > 0)
    move_row (self, (guint) i, (guint) i - 1, button);
}

static void
on_down (GtkWidget         *button,
         XbAdminPriorities *self)
{
  int i = row_index (self, button);

  if (i >= 0 && (guint) i + 1 < self->rows->len)
    move_row (self, (guint) i, (guint) i + 1, button);
}

static void
on_remove (GtkWidget         *button,
           XbAdminPriorities *self)
{
  int i = row_index (self, button);

  if (i < 0)
    return;
  gtk_list_box_remove (GTK_LIST_BOX (self->list), g_ptr_array_index (self->rows, i));
  g_ptr_array_remove_index (self->rows, (guint) i);
  renumber (self);
  focus_row_or_add (self, (guint) i);
  on_typed (self);
}

static GtkWidget *
icon_button (XbAdminPriorities *self,
             GtkWidget         *row,
             const char        *icon,
             const char        *key,
             const char        *name,
             const char        *tooltip,
             GCallback          callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_name (button, name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", callback, self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  g_object_set_data (G_OBJECT (row), key, button);
  return button;
}

static GtkWidget *
insert_row (XbAdminPriorities *self,
            const char        *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  icon_button (self, row, "go-up-symbolic", "up", "priority-up", _("Move Up"), G_CALLBACK (on_up));
  icon_button (self, row, "go-down-symbolic", "down", "priority-down", _("Move Down"), G_CALLBACK (on_down));
  icon_button (self, row, "user-trash-symbolic", "remove", "priority-remove", _("Remove"), G_CALLBACK (on_remove));
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_typed), self);
  gtk_list_box_insert (GTK_LIST_BOX (self->list), row, (int) self->rows->len);
  g_ptr_array_add (self->rows, row);
  return row;
}

static void
show_list (XbAdminPriorities *self,
           const char *const *titles)
{
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; titles != NULL && titles[i] != NULL; i++)
    insert_row (self, titles[i]);
  renumber (self);
  update_state (self);
}

static void
on_add (XbAdminPriorities *self)
{
  GtkWidget *row = insert_row (self, "");

  renumber (self);
  on_typed (self);
  gtk_widget_grab_focus (row);
}

/* A new server has no list: the notice's ten focus areas are the usual start. */
static void
on_defaults (XbAdminPriorities *self)
{
  show_list (self, xb_demo_priorities);
  on_typed (self);
}

static void
on_discard (XbAdminPriorities *self)
{
  g_clear_pointer (&self->refusal, g_free);
  show_list (self, (const char *const *) self->published);
}

/* ---- talking to the server ------------------------------------------------------- */

/* NULL when the server took the request (*@status its answer), else what
 * went wrong in plain words; "" when the section went away. */
static char *
finish_request (GObject      *source,
                GAsyncResult *result,
                guint        *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbResponse) response = xb_sync_client_request_finish (XB_SYNC_CLIENT (source), result, &error);

  *status = response != NULL ? response->status : 0;
  if (response == NULL)
    return g_strdup (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? "" : error->message);
  if (response->status >= 200 && response->status < 300)
    return NULL;
  if (response->status == 401 || response->status == 403)
    return g_strdup (_("Only an administrator may change this; the server refused it."));
  return xb_response_dup_message (response);
}

static void
send_json (XbAdminPriorities *self,
           const char        *method,
           const char        *path,
           JsonBuilder       *builder,
           GAsyncReadyCallback callback)
{
  XbAdminSection *section = XB_ADMIN_SECTION (self);
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *body = json_to_string (root, FALSE);

  xb_sync_client_request_async (xb_admin_section_get_client (section), method, path, body,
                                xb_admin_section_get_cancellable (section), callback, g_object_ref (self));
}

static void
kick (XbAdminPriorities *self)
{
  XbSyncEngine *engine = xb_admin_section_get_engine (XB_ADMIN_SECTION (self));

  if (engine != NULL)
    xb_sync_engine_kick (engine);
}

static void
on_published (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(XbAdminPriorities) self = user_data;
  guint status;
  g_autofree char *problem = finish_request (source, result, &status);

  if (problem != NULL && problem[0] == '\0')
    return;
  self->publishing = FALSE;
  if (problem != NULL)
    {
      /* Nothing typed is lost: the rows stay as they are. */
      g_free (self->refusal);
      self->refusal = g_strdup_printf (_("The priorities were not published: %s"), problem);
      g_clear_pointer (&self->sent, g_strfreev);
      update_state (self);
      return;
    }
  g_strfreev (self->published);
  self->published = g_strdupv (self->sent);
  /* The rows show what was published, without the blanks around it; what
   * was typed meanwhile stays. */
  for (guint i = 0; i < self->rows->len && self->sent[i] != NULL; i++)
    {
      GtkEditable *row = g_ptr_array_index (self->rows, i);
      g_autofree char *text = stripped_text (GTK_WIDGET (row));

      if (g_strcmp0 (text, self->sent[i]) == 0 && g_strcmp0 (gtk_editable_get_text (row), text) != 0)
        gtk_editable_set_text (row, text);
    }
  update_state (self);
  xb_admin_section_toast (XB_ADMIN_SECTION (self),
                          _("Priorities published; units get them at their next sync."));
  kick (self);
}

static void
on_publish (XbAdminPriorities *self)
{
  g_auto(GStrv) typed = xb_admin_priorities_dup_typed (self);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int bad_row;
  g_autofree char *problem = find_problem ((const char *const *) typed, &bad_row);

  if (self->publishing || same_list ((const char *const *) typed, (const char *const *) self->published))
    return;
  g_clear_pointer (&self->refusal, g_free);
  if (problem == NULL && xb_admin_section_get_client (XB_ADMIN_SECTION (self)) == NULL)
    self->refusal = g_strdup (_("Publishing the priorities needs a connection to the server; you are offline."));
  if (problem != NULL || self->refusal != NULL)
    {
      update_state (self);
      if (bad_row >= 0)
        gtk_widget_grab_focus (g_ptr_array_index (self->rows, bad_row));
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; typed[i] != NULL; i++)
    json_builder_add_string_value (builder, typed[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  g_strfreev (self->sent);
  self->sent = g_steal_pointer (&typed);
  self->publishing = TRUE;
  update_state (self);
  send_json (self, "PUT", "/api/v1/admin/priorities", builder, on_published);
}

/* ---- periodicals --------------------------------------------------------------- */

static void
show_periodical_problem (XbAdminPriorities *self,
                         const char        *text)
{
  gtk_label_set_text (GTK_LABEL (self->periodical_problem), text != NULL ? text : "");
  gtk_widget_set_visible (self->periodical_problem, text != NULL);
}

static void
update_periodical_form (XbAdminPriorities *self)
{
  g_autofree char *name = stripped_text (self->name_row);
  g_autofree char *code = stripped_text (self->code_row);

  gtk_widget_set_sensitive (self->add_periodical, name[0] != '\0' && code[0] != '\0' && !self->adding);
  /* What the answer is about stays on screen until it comes. */
  gtk_widget_set_sensitive (self->name_row, !self->adding);
  gtk_widget_set_sensitive (self->code_row, !self->adding);
}

static void
on_periodical_typed (XbAdminPriorities *self)
{
  show_periodical_problem (self, NULL);
  update_periodical_form (self);
}

/* A taken name or code (409): which one, from what this client knows. */
static char *
conflict_text (XbAdminPriorities *self,
               const char        *name,
               const char        *code)
{
  XbStore *store = xb_admin_section_get_store (XB_ADMIN_SECTION (self));
  g_autoptr(GPtrArray) publications = store != NULL ? xb_store_list_publications (store, NULL) : NULL;

  for (guint i = 0; publications != NULL && i < publications->len; i++)
    {
      XbPublication *p = g_ptr_array_index (publications, i);
      if (g_strcmp0 (p->name, name) == 0)
        return g_strdup_printf (_("There already is a periodical named “%s”; choose another name."), name);
      if (g_strcmp0 (p->code, code) == 0)
        return g_strdup_printf (_("The code “%s” already belongs to %s; choose another code."), code, p->name);
    }
  return g_strdup (_("Another periodical already has this name or code; choose others."));
}

static void
on_periodical_added (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(XbAdminPriorities) self = user_data;
  guint status;
  g_autofree char *problem = finish_request (source, result, &status);
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;
  g_autofree char *done = NULL;

  if (problem != NULL && problem[0] == '\0')
    return;
  name = stripped_text (self->name_row);
  code = stripped_text (self->code_row);
  self->adding = FALSE;
  update_periodical_form (self);
  if (status == 409)
    {
      g_autofree char *text = conflict_text (self, name, code);
      show_periodical_problem (self, text);
      /* The periodical in the way may be one this client has not seen yet. */
      kick (self);
      return;
    }
  if (problem != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The periodical was not added: %s"), problem);
      show_periodical_problem (self, text);
      return;
    }
  done = g_strdup_printf (_("Periodical %s added"), name);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), "");
  xb_admin_section_toast (XB_ADMIN_SECTION (self), done);
  kick (self);
}

static char *
periodical_field_problem (const char *name,
                          const char *code)
{
  if (name[0] == '\0')
    return g_strdup (_("Type the periodical’s name."));
  if (code[0] == '\0')
    return g_strdup (_("Type the periodical’s code."));
  if (g_utf8_strlen (name, -1) > XB_NAME_MAX_CHARS || g_utf8_strlen (code, -1) > XB_NAME_MAX_CHARS)
    return g_strdup_printf (_("A periodical’s name and code may have at most %d characters each."),
                            XB_NAME_MAX_CHARS);
  return NULL;
}

/* ---- renaming and retiring a periodical ------------------------------------------ */

typedef enum {
  CHANGE_RENAME,
  CHANGE_RETIRE,
  CHANGE_RESTORE,
} PeriodicalChange;

static XbPublication *
copy_publication (const XbPublication *p)
{
  XbPublication *copy = g_new0 (XbPublication, 1);

  copy->id = p->id;
  copy->name = g_strdup (p->name);
  copy->code = g_strdup (p->code);
  copy->retired = p->retired;
  return copy;
}

/* The server took the change (a refusal was shown as a toast): say so, and
 * sync so that the list, and every client, shows it. */
static void
on_periodical_changed (XbAdminSection *section,
                       JsonObject     *answer,
                       gpointer        user_data)
{
  JsonObject *p = answer != NULL && json_object_has_member (answer, "publication")
                  ? json_object_get_object_member (answer, "publication") : NULL;
  const char *name = p != NULL ? json_object_get_string_member_with_default (p, "name", "") : "";
  g_autofree char *text = NULL;

  if (answer == NULL)
    return;
  switch ((PeriodicalChange) GPOINTER_TO_INT (user_data))
    {
    case CHANGE_RENAME:
      text = g_strdup_printf (_("Periodical renamed to %s"), name);
      break;
    case CHANGE_RETIRE:
      text = g_strdup_printf (_("%s retired; its issues and adopted items stay"), name);
      break;
    case CHANGE_RESTORE:
    default:
      text = g_strdup_printf (_("%s restored; editors can propose items for it again"), name);
      break;
    }
  xb_admin_section_toast (section, text);
  kick (XB_ADMIN_PRIORITIES (section));
}

static void
send_change (XbAdminPriorities *self,
             gint64             id,
             JsonObject        *body,
             PeriodicalChange   change)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/admin/publications/%lld", (long long) id);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), body);

  xb_admin_section_request (XB_ADMIN_SECTION (self), "PATCH", path, node,
                            _("Changing a periodical needs a connection to the server; you are offline."),
                            on_periodical_changed, GINT_TO_POINTER (change));
}

static gboolean
rename_allowed (AdwMessageDialog *dialog)
{
  XbPublication *p = g_object_get_data (G_OBJECT (dialog), "publication");
  g_autofree char *name = stripped_text (g_object_get_data (G_OBJECT (dialog), "name"));
  g_autofree char *code = stripped_text (g_object_get_data (G_OBJECT (dialog), "code"));
  g_autofree char *problem = periodical_field_problem (name, code);

  return problem == NULL && (g_strcmp0 (name, p->name) != 0 || g_strcmp0 (code, p->code) != 0);
}

static void
on_rename_typed (AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "rename", rename_allowed (dialog));
}

static void
on_rename_activated (AdwMessageDialog *dialog)
{
  if (rename_allowed (dialog))
    adw_message_dialog_response (dialog, "rename");
}

static void
on_rename_response (AdwMessageDialog  *dialog,
                    const char        *response,
                    XbAdminPriorities *self)
{
  XbPublication *p = g_object_get_data (G_OBJECT (dialog), "publication");
  g_autofree char *name = stripped_text (g_object_get_data (G_OBJECT (dialog), "name"));
  g_autofree char *code = stripped_text (g_object_get_data (G_OBJECT (dialog), "code"));
  JsonObject *body;

  if (g_strcmp0 (response, "rename") != 0 || !rename_allowed (dialog))
    return;
  body = json_object_new ();
  if (g_strcmp0 (name, p->name) != 0)
    json_object_set_string_member (body, "name", name);
  if (g_strcmp0 (code, p->code) != 0)
    json_object_set_string_member (body, "code", code);
  send_change (self, p->id, body, CHANGE_RENAME);
}

static GtkWidget *
rename_entry (AdwMessageDialog *dialog,
              GtkWidget        *list,
              const char       *name,
              const char       *title,
              const char       *text)
{
  GtkWidget *row = adw_entry_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_rename_typed), dialog);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (on_rename_activated), dialog);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

/* @row's periodical, with its current name and code to edit. */
static void
ask_rename (XbAdminPriorities *self,
            GtkWidget         *row)
{
  XbPublication *p = g_object_get_data (G_OBJECT (row), "publication");
  GtkRoot *root = gtk_widget_get_root (row);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Rename Periodical"),
                            _("Its issues and adopted items stay with it under the new name.")));
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *name;

  gtk_widget_set_name (GTK_WIDGET (dialog), "periodical-rename-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "publication", copy_publication (p),
                          (GDestroyNotify) xb_publication_free);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  name = rename_entry (dialog, list, "periodical-rename-name", _("Name"), p->name);
  g_object_set_data (G_OBJECT (dialog), "name", name);
  g_object_set_data (G_OBJECT (dialog), "code",
                     rename_entry (dialog, list, "periodical-rename-code", _("Code"), p->code));
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "rename", FALSE);
  adw_message_dialog_set_default_response (dialog, "rename");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name);
}

static void
on_retire_response (AdwMessageDialog  *dialog,
                    const char        *response,
                    XbAdminPriorities *self)
{
  XbPublication *p = g_object_get_data (G_OBJECT (dialog), "publication");
  JsonObject *body;

  if (g_strcmp0 (response, "retire") != 0)
    return;
  body = json_object_new ();
  json_object_set_boolean_member (body, "retired", TRUE);
  send_change (self, p->id, body, CHANGE_RETIRE);
}

/* Retiring is asked first. */
static void
ask_retire (XbAdminPriorities *self,
            GtkWidget         *row)
{
  XbPublication *p = g_object_get_data (G_OBJECT (row), "publication");
  GtkRoot *root = gtk_widget_get_root (row);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  heading = g_strdup_printf (_("Retire %s?"), p->name);
  dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                            _("Editors can no longer propose items for it, and it gets no new issues. "
                              "Its issues and adopted items stay, and it can be restored later.")));
  gtk_widget_set_name (GTK_WIDGET (dialog), "periodical-retire-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "publication", copy_publication (p),
                          (GDestroyNotify) xb_publication_free);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "retire", _("_Retire"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "retire", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_retire_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The row's actions "periodical.rename", "periodical.retire" and "periodical.restore". */
static XbAdminPriorities *
section_of (GtkWidget *row)
{
  return XB_ADMIN_PRIORITIES (gtk_widget_get_ancestor (row, XB_TYPE_ADMIN_PRIORITIES));
}

static void
on_rename_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       row)
{
  ask_rename (section_of (row), row);
}

static void
on_retire_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       row)
{
  ask_retire (section_of (row), row);
}

/* Restoring is not asked: nothing is lost either way. */
static void
on_restore_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       row)
{
  XbPublication *p = g_object_get_data (G_OBJECT (row), "publication");
  JsonObject *body = json_object_new ();

  json_object_set_boolean_member (body, "retired", FALSE);
  send_change (section_of (row), p->id, body, CHANGE_RESTORE);
}

static void
add_row_menu (GtkWidget           *row,
              const XbPublication *publication)
{
  static const GActionEntry entries[] = {
    { .name = "rename",  .activate = on_rename_action },
    { .name = "retire",  .activate = on_retire_action },
    { .name = "restore", .activate = on_restore_action },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *label = g_strdup_printf (_("Change %s"), publication->name);
  GtkWidget *button = gtk_menu_button_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), row);
  gtk_widget_insert_action_group (row, "periodical", G_ACTION_GROUP (group));
  g_menu_append (menu, _("Rena_me…"), "periodical.rename");
  if (publication->retired)
    g_menu_append (menu, _("Re_store"), "periodical.restore");
  else
    g_menu_append (menu, _("Re_tire…"), "periodical.retire");
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, publication->retired ? _("Rename or Restore") : _("Rename or Retire"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static void
add_periodical_row (XbAdminPriorities   *self,
                    const XbPublication *publication)
{
  /* TRANSLATORS: a periodical's short code, e.g. "Code zwxx" */
  g_autofree char *code = g_strdup_printf (_("Code %s"), publication->code);
  g_autofree char *name = g_strdup_printf ("periodical-%lld", (long long) publication->id);
  GtkWidget *row = xb_admin_rows_add (self->periodicals_group, self->periodical_rows, publication->name, code);

  gtk_widget_set_name (row, name);
  g_object_set_data_full (G_OBJECT (row), "publication", copy_publication (publication),
                          (GDestroyNotify) xb_publication_free);
  if (publication->retired)
    xb_admin_mark_retired (row, publication->name);
  add_row_menu (row, publication);
}

static void
show_periodicals (XbAdminPriorities *self)
{
  XbStore *store = xb_admin_section_get_store (XB_ADMIN_SECTION (self));
  g_autoptr(GPtrArray) publications = store != NULL ? xb_store_list_publications (store, NULL) : NULL;

  xb_admin_rows_clear (self->periodical_rows);
  /* Those in use first, the retired ones after them. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; publications != NULL && i < publications->len; i++)
      {
        XbPublication *publication = g_ptr_array_index (publications, i);

        if (publication->retired == (pass == 1))
          add_periodical_row (self, publication);
      }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->periodicals_group),
                                         self->periodical_rows->len == 0
                                         ? _("No periodicals yet, so editors cannot propose items for adoption. "
                                             "Add the office’s periodicals below.")
                                         : _("Editors propose adopted items for one of these."));
}

static void
on_add_periodical (XbAdminPriorities *self)
{
  g_autofree char *name = stripped_text (self->name_row);
  g_autofree char *code = stripped_text (self->code_row);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *problem = periodical_field_problem (name, code);

  if (self->adding)
    return;
  if (problem == NULL && xb_admin_section_get_client (XB_ADMIN_SECTION (self)) == NULL)
    problem = g_strdup (_("Adding a periodical needs a connection to the server; you are offline."));
  show_periodical_problem (self, problem);
  if (problem != NULL)
    return;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_end_object (builder);
  self->adding = TRUE;
  update_periodical_form (self);
  send_json (self, "POST", "/api/v1/admin/publications", builder, on_periodical_added);
}

/* ---- reload and build ------------------------------------------------------------ */

static void
reload (XbAdminSection *section)
{
  XbAdminPriorities *self = XB_ADMIN_PRIORITIES (section);
  XbStore *store = xb_admin_section_get_store (section);
  g_auto(GStrv) typed = xb_admin_priorities_dup_typed (self);
  g_auto(GStrv) stored = store != NULL ? xb_store_list_priorities (store, TRUE, NULL) : NULL;
  gboolean edited = !same_list ((const char *const *) typed, (const char *const *) self->published);

  show_periodicals (self);
  /* Until the feed brings back what was published here, the store's copy is older. */
  if (self->sent != NULL && !self->publishing && !same_list ((const char *const *) stored, (const char *const *) self->sent))
    return;
  if (!self->publishing)
    g_clear_pointer (&self->sent, g_strfreev);
  g_strfreev (self->published);
  self->published = g_steal_pointer (&stored);
  /* What the user typed is never replaced by a reload, nor rebuilt (and the
   * keyboard focus lost) when nothing changed. */
  if (edited || same_list ((const char *const *) typed, (const char *const *) self->published))
    update_state (self);
  else
    show_list (self, (const char *const *) self->published);
}

static GtkWidget *
build_buttons (XbAdminPriorities *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->discard = gtk_button_new_with_mnemonic (_("_Discard Changes"));
  gtk_widget_set_name (self->discard, "priorities-discard");
  g_signal_connect_swapped (self->discard, "clicked", G_CALLBACK (on_discard), self);
  self->publish = gtk_button_new_with_mnemonic (_("_Publish"));
  gtk_widget_set_name (self->publish, "priorities-publish");
  gtk_widget_add_css_class (self->publish, "suggested-action");
  g_signal_connect_swapped (self->publish, "clicked", G_CALLBACK (on_publish), self);
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_widget_set_margin_top (box, 12);
  gtk_box_append (GTK_BOX (box), self->discard);
  gtk_box_append (GTK_BOX (box), self->publish);
  return box;
}

static GtkWidget *
problem_label (const char *name)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_name (label, name);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_visible (label, FALSE);
  return label;
}

static void
build_priorities (XbAdminPriorities *self)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("list-add-symbolic");

  self->priorities_group = adw_preferences_group_new ();
  gtk_widget_set_name (self->priorities_group, "priorities-group");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->priorities_group), _("Reporting Priorities"));
  self->list = gtk_list_box_new ();
  gtk_widget_set_name (self->list, "priorities-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reporting Priorities"), -1);
  self->add_row = adw_action_row_new ();
  gtk_widget_set_name (self->add_row, "priority-add");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row), _("Add Priority"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (self->add_row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->add_row), TRUE);
  g_signal_connect_swapped (self->add_row, "activated", G_CALLBACK (on_add), self);
  gtk_list_box_append (GTK_LIST_BOX (self->list), self->add_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->priorities_group), self->list);

  self->defaults = gtk_button_new_with_mnemonic (_("Start from the _Ten Focus Areas"));
  gtk_widget_set_name (self->defaults, "priorities-defaults");
  gtk_widget_set_halign (self->defaults, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->defaults, 12);
  g_signal_connect_swapped (self->defaults, "clicked", G_CALLBACK (on_defaults), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->priorities_group), self->defaults);
  self->problem = problem_label ("priorities-problem");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->priorities_group), self->problem);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->priorities_group), build_buttons (self));
}

static GtkWidget *
entry_row (const char *name,
           const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}

static GtkWidget *
build_add_periodical (XbAdminPriorities *self)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Add Periodical"));
  self->name_row = entry_row ("periodical-name", _("Name, e.g. 《政务信息》"));
  self->code_row = entry_row ("periodical-code", _("Code, e.g. zwxx"));
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (on_periodical_typed), self);
  g_signal_connect_swapped (self->code_row, "changed", G_CALLBACK (on_periodical_typed), self);
  g_signal_connect_swapped (self->code_row, "entry-activated", G_CALLBACK (on_add_periodical), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->name_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->code_row);
  self->periodical_problem = problem_label ("periodical-problem");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->periodical_problem);
  self->add_periodical = gtk_button_new_with_mnemonic (_("_Add Periodical"));
  gtk_widget_set_name (self->add_periodical, "periodical-add");
  gtk_widget_add_css_class (self->add_periodical, "suggested-action");
  gtk_widget_set_halign (self->add_periodical, GTK_ALIGN_END);
  gtk_widget_set_margin_top (self->add_periodical, 12);
  g_signal_connect_swapped (self->add_periodical, "clicked", G_CALLBACK (on_add_periodical), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->add_periodical);
  update_periodical_form (self);
  return group;
}

static void
xb_admin_priorities_dispose (GObject *object)
{
  XbAdminPriorities *self = XB_ADMIN_PRIORITIES (object);

  g_clear_pointer (&self->published, g_strfreev);
  g_clear_pointer (&self->sent, g_strfreev);
  g_clear_pointer (&self->refusal, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->periodical_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (xb_admin_priorities_parent_class)->dispose (object);
}

static void
xb_admin_priorities_class_init (XbAdminPrioritiesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_admin_priorities_dispose;
  XB_ADMIN_SECTION_CLASS (klass)->reload = reload;
}

static void
xb_admin_priorities_init (XbAdminPriorities *self)
{
  AdwPreferencesPage *page = xb_admin_section_get_page (XB_ADMIN_SECTION (self));

  self->rows = g_ptr_array_new ();
  self->periodical_rows = g_ptr_array_new ();
  build_priorities (self);
  self->periodicals_group = adw_preferences_group_new ();
  gtk_widget_set_name (self->periodicals_group, "periodicals-group");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->periodicals_group), _("Periodicals"));
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (self->priorities_group));
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (self->periodicals_group));
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (build_add_periodical (self)));
  show_periodicals (self);
  update_state (self);
}

GtkWidget *
xb_admin_priorities_new (void)
{
  return g_object_new (XB_TYPE_ADMIN_PRIORITIES, NULL);
}
