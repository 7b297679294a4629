/* The administrator's CSV import of units or people: the server checks the file (a dry run), every row is shown with its error, and the same bytes are imported only when every row is right. */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "xb-codec.h"
#include "xb-import-dialog.h"

struct _XbImportDialog
{
  AdwWindow parent_instance;

  XbImportKind  kind;
  XbSyncClient *client;
  XbSyncEngine *engine;
  GCancellable *cancellable;
  GBytes       *bytes;     /* the file last checked; Import sends exactly these */
  guint         n_rows;
  guint         n_errors;
  gboolean      busy;

  GtkWidget *stack;
  GtkWidget *choose;       /* on the start page */
  GtkWidget *choose_other; /* in the header bar, once a file was checked */
  GtkWidget *import;
  GtkWidget *file_error;   /* why the last file could not be read, on the start page */
  GtkWidget *summary;
  GtkWidget *message;      /* the server's refusal of the import, over the preview */
  GtkWidget *rows;
  GtkWidget *done;
};

G_DEFINE_FINAL_TYPE (XbImportDialog, xb_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The columns in the order the server gives each row's fields. */
static const char *const unit_columns[] = { "name", "kind", "parent", "monthly_quota", NULL };
static const char *const user_columns[] = { "username", "display_name", "unit", "roles", NULL };

static const char *const *
columns (XbImportDialog *self)
{
  return self->kind == XB_IMPORT_UNITS ? unit_columns : user_columns;
}

static const char *
column_help (XbImportDialog *self, guint i)
{
  if (self->kind == XB_IMPORT_UNITS)
    switch (i)
      {
      case 0: return _("The unit’s name: new, and only once in the file");
      case 1: return _("county, department, provincial, liaison, enterprise or direct_point");
      case 2: return _("Empty, or the name of an existing unit or of one earlier in the file");
      default: return _("Items a month from 0 to 10000; empty for the default of the kind");
      }
  switch (i)
    {
    case 0: return _("The sign-in name: new, and only once in the file");
    case 1: return _("The person’s name as others see it");
    case 2: return _("The name of an existing unit");
    default: return _("Role names separated by “;”, e.g. officer;unit_leader");
    }
}

static void
set_name (GtkWidget *widget, const char *name, const char *label)
{
  gtk_widget_set_name (widget, name);
  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
set_message (GtkWidget *label, const char *text)
{
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_visible (label, text != NULL && text[0] != '\0');
}

static void
update_buttons (XbImportDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
  gboolean preview = g_strcmp0 (page, "preview") == 0;

  gtk_widget_set_sensitive (self->choose, self->client != NULL && !self->busy);
  gtk_widget_set_visible (self->choose_other, preview);
  gtk_widget_set_sensitive (self->choose_other, self->client != NULL && !self->busy);
  gtk_widget_set_visible (self->import, preview);
  gtk_widget_set_sensitive (self->import, preview && !self->busy && self->client != NULL && self->bytes != NULL
                                          && self->n_rows > 0 && self->n_errors == 0);
}

static void
show_page (XbImportDialog *self, const char *page)
{
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), page);
  update_buttons (self);
}

/* ---- the preview ---------------------------------------------------------------------- */

static GtkWidget *
field_cell (const char *column, const char *value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *caption = gtk_label_new (column);
  GtkWidget *text = gtk_label_new (value[0] != '\0' ? value : "—");

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 10);
  if (value[0] == '\0')
    gtk_widget_add_css_class (text, "dim-label");
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), text);
  /* Every cell as wide: the columns line up from row to row, four to a
   * line when wide, two on a phone. */
  gtk_widget_set_size_request (box, 130, -1);
  return box;
}

/* One row of the file: its line, each field under its column's name, its error. */
static GtkWidget *
preview_row (XbImportDialog *self, JsonObject *row)
{
  const char *const *names = columns (self);
  guint line = (guint) json_object_get_int_member_with_default (row, "line", 0);
  JsonArray *fields = json_object_has_member (row, "fields") ? json_object_get_array_member (row, "fields") : NULL;
  const char *error = json_object_get_string_member_with_default (row, "error", NULL);
  GtkWidget *item = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name (error != NULL ? "dialog-warning-symbolic" : "emblem-ok-symbolic");
  GtkWidget *flow = gtk_flow_box_new ();
  g_autofree char *title = g_strdup_printf (_("Line %u"), line);
  g_autofree char *name = g_strdup_printf ("import-row-%u", line);
  g_autoptr(GString) spoken = g_string_new (title);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (icon, error != NULL ? "error" : "success");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  error != NULL ? _("Error") : _("Ready"), -1);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (head), icon);
  gtk_box_append (GTK_BOX (head), label);
  gtk_box_append (GTK_BOX (box), head);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 18);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_widget_set_can_focus (flow, FALSE);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *value = fields != NULL && i < json_array_get_length (fields)
                          ? json_array_get_string_element (fields, i) : "";

      gtk_flow_box_append (GTK_FLOW_BOX (flow), field_cell (names[i], value != NULL ? value : ""));
      g_string_append_printf (spoken, ", %s %s", names[i], value != NULL ? value : "");
    }
  gtk_box_append (GTK_BOX (box), flow);

  if (error != NULL)
    {
      GtkWidget *reason = gtk_label_new (error);

      gtk_widget_set_name (reason, "import-row-error");
      gtk_label_set_xalign (GTK_LABEL (reason), 0);
      gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (reason), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (reason, "error");
      gtk_box_append (GTK_BOX (box), reason);
      g_string_append_printf (spoken, ". %s", error);
    }
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (item), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (item), FALSE);
  set_name (item, name, spoken->str);
  return item;
}

static void
clear_rows (XbImportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->rows)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->rows), child);
}

/* "12 rows, 2 with errors, read as GB18030" */
static char *
summary_text (guint n_rows, guint n_errors, const char *encoding)
{
  g_autofree char *rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", n_rows), n_rows);
  g_autofree char *errors = n_errors == 0
    ? g_strdup (_("no errors"))
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u with an error", "%u with errors", n_errors), n_errors);

  if (n_rows == 0)
    return g_strdup (_("The file has no rows under its first line."));
  /* Translators: "12 rows, 2 with errors, read as GB18030" */
  return g_strdup_printf (_("%s, %s, read as %s"), rows, errors, encoding);
}

/* Fills the preview from the server's answer; FALSE when it is not one. */
static gboolean
show_preview (XbImportDialog *self, JsonObject *answer)
{
  JsonArray *rows = json_object_has_member (answer, "rows") ? json_object_get_array_member (answer, "rows") : NULL;
  const char *encoding = json_object_get_string_member_with_default (answer, "encoding", "UTF-8");
  g_autofree char *summary = NULL;
  guint n;

  if (rows == NULL)
    return FALSE;
  n = json_array_get_length (rows);
  clear_rows (self);
  self->n_rows = n;
  self->n_errors = 0;
  /* Rows with an error first, each group in the file's order. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        JsonObject *row = json_array_get_object_element (rows, i);
        gboolean bad = row != NULL && json_object_get_string_member_with_default (row, "error", NULL) != NULL;

        if (row == NULL || bad != (pass == 0))
          continue;
        self->n_errors += bad;
        gtk_list_box_append (GTK_LIST_BOX (self->rows), preview_row (self, row));
      }
  summary = summary_text (self->n_rows, self->n_errors, encoding);
  gtk_label_set_text (GTK_LABEL (self->summary), summary);
  gtk_widget_set_visible (self->rows, n > 0);
  return TRUE;
}

/* ---- talking to the server ------------------------------------------------------------ */

/* The answer's JSON object, or NULL when it has none. */
static JsonNode *
parse_answer (XbResponse *response)
{
  gsize size = 0;
  const char *data = response->body != NULL ? g_bytes_get_data (response->body, &size) : NULL;
  JsonNode *root = data != NULL ? xb_json_parse (data, (gssize) size, NULL) : NULL;

  if (root != NULL && !JSON_NODE_HOLDS_OBJECT (root))
    g_clear_pointer (&root, json_node_unref);
  return root;
}

static void
send_file (XbImportDialog *self, gboolean dry_run, GAsyncReadyCallback done)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/admin/import/%s%s",
                                           self->kind == XB_IMPORT_UNITS ? "units" : "users",
                                           dry_run ? "?dry_run=1" : "");
  gsize size = 0;
  const char *data = g_bytes_get_data (self->bytes, &size);
  /* The client sends a body as text: the bytes up to a NUL, which a CSV
   * file in UTF-8 or GB18030 never has (load_file refuses one that does). */
  g_autofree char *text = g_strndup (data, size);

  self->busy = TRUE;
  update_buttons (self);
  xb_sync_client_request_async (self->client, "POST", path, text, self->cancellable, done, self);
}

static void
show_file_error (XbImportDialog *self, const char *text)
{
  g_clear_pointer (&self->bytes, g_bytes_unref);
  set_message (self->file_error, text);
  show_page (self, "start");
}

static void
on_checked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbResponse) response = xb_sync_client_request_finish (XB_SYNC_CLIENT (source), result, &error);
  g_autoptr(JsonNode) root = NULL;
  XbImportDialog *self;

  if (response == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = XB_IMPORT_DIALOG (user_data);
  self->busy = FALSE;
  if (response == NULL)
    return show_file_error (self, error->message);
  root = parse_answer (response);
  if (response->status == 200 && root != NULL && show_preview (self, json_node_get_object (root)))
    {
      set_message (self->file_error, NULL);
      set_message (self->message, NULL);
      return show_page (self, "preview");
    }
  {
    g_autofree char *text = xb_response_dup_message (response);
    show_file_error (self, text);
  }
}

static void
show_done (XbImportDialog *self, guint n)
{
  g_autofree char *title = self->kind == XB_IMPORT_UNITS
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u unit", "Imported %u units", n), n)
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u person", "Imported %u people", n), n);

  adw_status_page_set_title (ADW_STATUS_PAGE (self->done), title);
  if (self->kind == XB_IMPORT_USERS)
    adw_status_page_set_description (ADW_STATUS_PAGE (self->done),
                                     _("The imported accounts cannot sign in until an administrator sets "
                                       "their password."));
  show_page (self, "done");
}

static void
on_imported (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbResponse) response = xb_sync_client_request_finish (XB_SYNC_CLIENT (source), result, &error);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  XbImportDialog *self;
  JsonObject *answer;

  if (response == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = XB_IMPORT_DIALOG (user_data);
  self->busy = FALSE;
  if (response == NULL)
    {
      set_message (self->message, error->message);
      return update_buttons (self);
    }
  root = parse_answer (response);
  answer = root != NULL ? json_node_get_object (root) : NULL;
  if (response->status == 200 && answer != NULL && json_object_get_boolean_member_with_default (answer, "applied", FALSE))
    {
      guint n = json_array_get_length (json_object_get_array_member (answer, "rows"));

      show_done (self, n);
      if (self->engine != NULL)
        xb_sync_engine_kick (self->engine);
      g_signal_emit (self, signals[IMPORTED], 0, n);
      return;
    }
  /* A row that became wrong since the check (someone else added the unit,
   * say): the server's new preview shows which; nothing was written. */
  if (answer != NULL && show_preview (self, answer))
    text = g_strdup (_("The server found errors in the file this time; nothing was imported."));
  else
    text = xb_response_dup_message (response);
  set_message (self->message, text);
  update_buttons (self);
}

static void
on_import_clicked (XbImportDialog *self)
{
  /* Also when the insensitive button is activated some other way (a test,
   * an accessibility action): only a file without errors is sent. */
  if (self->client == NULL || self->bytes == NULL || self->busy || self->n_rows == 0 || self->n_errors > 0)
    return;
  set_message (self->message, NULL);
  send_file (self, FALSE, on_imported);
}

/* ---- choosing a file ------------------------------------------------------------------ */

static gboolean
has_nul (GBytes *bytes)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  return data != NULL && memchr (data, '\0', size) != NULL;
}

static void
on_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  XbImportDialog *self;

  if (bytes == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = XB_IMPORT_DIALOG (user_data);
  self->busy = FALSE;
  if (bytes == NULL)
    return show_file_error (self, error->message);
  if (g_bytes_get_size (bytes) == 0)
    return show_file_error (self, _("The file is empty."));
  if (has_nul (bytes))
    return show_file_error (self, _("The file is not text: save it as CSV (UTF-8)."));
  if (self->client == NULL)
    return show_file_error (self, _("Xinbao is not connected to the server: sign in while online to import a file."));
  g_clear_pointer (&self->bytes, g_bytes_unref);
  self->bytes = g_steal_pointer (&bytes);
  send_file (self, TRUE, on_checked);
}

void
xb_import_dialog_load_file (XbImportDialog *self,
                            GFile          *file)
{
  g_return_if_fail (XB_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->busy)
    return;
  self->busy = TRUE;
  set_message (self->file_error, NULL);
  show_page (self, "checking");
  g_file_load_bytes_async (file, self->cancellable, on_loaded, self);
}

static void
on_chooser_response (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  g_autoptr(XbImportDialog) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        xb_import_dialog_load_file (self, file);
    }
  g_object_unref (chooser);
}

static void
on_choose_clicked (XbImportDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.CSV");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  chooser = gtk_file_chooser_native_new (_("Choose a CSV File"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- building ------------------------------------------------------------------------- */

static GtkWidget *
start_page (XbImportDialog *self)
{
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *clamp = adw_clamp_new ();
  const char *const *names = columns (self);
  g_autofree char *description = NULL;

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "x-office-spreadsheet-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), self->kind == XB_IMPORT_UNITS
                             ? _("Import Units from a CSV File") : _("Import People from a CSV File"));
  description = g_markup_escape_text (
    _("The first line names the columns below, in any order. Save the file as CSV in UTF-8, with or "
      "without a byte-order mark, or in GB18030 as Excel does on Chinese Windows; files in other "
      "encodings are refused. Nothing is written until every row is right and you confirm."), -1);
  adw_status_page_set_description (ADW_STATUS_PAGE (page), description);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Columns"));
  set_name (group, "import-columns", _("Columns"));
  for (guint i = 0; names[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), names[i]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), column_help (self, i));
      gtk_widget_set_name (row, names[i]);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (self->kind == XB_IMPORT_USERS)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("Imported accounts cannot sign in until an administrator sets "
                                             "their password."));

  self->file_error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->file_error), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->file_error), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (self->file_error, "error");
  set_name (self->file_error, "import-file-error", NULL);
  set_message (self->file_error, NULL);
  gtk_box_append (GTK_BOX (box), self->file_error);

  self->choose = gtk_button_new_with_mnemonic (_("_Choose File…"));
  gtk_widget_add_css_class (self->choose, "pill");
  gtk_widget_add_css_class (self->choose, "suggested-action");
  gtk_widget_set_halign (self->choose, GTK_ALIGN_CENTER);
  set_name (self->choose, "import-choose", _("Choose File…"));
  g_signal_connect_swapped (self->choose, "clicked", G_CALLBACK (on_choose_clicked), self);
  gtk_box_append (GTK_BOX (box), self->choose);
  /* The columns under the button: a refused file's reason and the way to
   * choose another stay in view on a phone. */
  gtk_box_append (GTK_BOX (box), group);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 600);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), clamp);
  return page;
}

static GtkWidget *
checking_page (void)
{
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *spinner = gtk_spinner_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Checking the File…"));
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Checking the File…"), -1);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), spinner);
  return page;
}

static GtkWidget *
preview_page (XbImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->summary = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_widget_add_css_class (self->summary, "heading");
  set_name (self->summary, "import-summary", NULL);
  gtk_box_append (GTK_BOX (box), self->summary);

  self->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->message), 0);
  gtk_widget_add_css_class (self->message, "error");
  set_name (self->message, "import-message", NULL);
  set_message (self->message, NULL);
  gtk_box_append (GTK_BOX (box), self->message);

  self->rows = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->rows), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->rows, "boxed-list");
  gtk_widget_set_valign (self->rows, GTK_ALIGN_START);
  set_name (self->rows, "import-rows", _("Rows of the file"));
  gtk_box_append (GTK_BOX (box), self->rows);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1000);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (outer), scroller);
  return outer;
}

static GtkWidget *
done_page (XbImportDialog *self)
{
  GtkWidget *close = gtk_button_new_with_mnemonic (_("_Close"));

  self->done = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->done), "emblem-ok-symbolic");
  set_name (self->done, "import-done", NULL);
  gtk_widget_add_css_class (close, "pill");
  gtk_widget_set_halign (close, GTK_ALIGN_CENTER);
  set_name (close, "import-close", _("Close"));
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (gtk_window_close), self);
  adw_status_page_set_child (ADW_STATUS_PAGE (self->done), close);
  return self->done;
}

static GtkWidget *
header_bar (XbImportDialog *self)
{
  GtkWidget *header = adw_header_bar_new ();

  self->choose_other = gtk_button_new_from_icon_name ("document-open-symbolic");
  gtk_widget_set_tooltip_text (self->choose_other, _("Choose Another File…"));
  set_name (self->choose_other, "import-choose-other", _("Choose Another File…"));
  g_signal_connect_swapped (self->choose_other, "clicked", G_CALLBACK (on_choose_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->choose_other);

  self->import = gtk_button_new_with_mnemonic (_("_Import"));
  gtk_widget_add_css_class (self->import, "suggested-action");
  set_name (self->import, "import-import", _("Import"));
  g_signal_connect_swapped (self->import, "clicked", G_CALLBACK (on_import_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->import);
  return header;
}

static void
build (XbImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_window_set_title (GTK_WINDOW (self), self->kind == XB_IMPORT_UNITS ? _("Import Units") : _("Import People"));
  gtk_box_append (GTK_BOX (box), header_bar (self));
  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_widget_set_name (self->stack, "import-pages");
  gtk_stack_add_named (GTK_STACK (self->stack), start_page (self), "start");
  gtk_stack_add_named (GTK_STACK (self->stack), checking_page (), "checking");
  gtk_stack_add_named (GTK_STACK (self->stack), preview_page (self), "preview");
  gtk_stack_add_named (GTK_STACK (self->stack), done_page (self), "done");
  gtk_box_append (GTK_BOX (box), self->stack);
  adw_window_set_content (ADW_WINDOW (self), box);
  if (self->client == NULL)
    set_message (self->file_error, _("Xinbao is not connected to the server: sign in while online to import a file."));
  show_page (self, "start");
}

static void
xb_import_dialog_dispose (GObject *object)
{
  XbImportDialog *self = XB_IMPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  G_OBJECT_CLASS (xb_import_dialog_parent_class)->dispose (object);
}

static void
xb_import_dialog_class_init (XbImportDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_import_dialog_dispose;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
xb_import_dialog_init (XbImportDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 640);
}

XbImportDialog *
xb_import_dialog_new (GtkWidget    *parent,
                      XbImportKind  kind,
                      XbSyncClient *client,
                      XbSyncEngine *engine)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  XbImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (client == NULL || XB_IS_SYNC_CLIENT (client), NULL);
  g_return_val_if_fail (engine == NULL || XB_IS_SYNC_ENGINE (engine), NULL);
  self = g_object_new (XB_TYPE_IMPORT_DIALOG, "modal", TRUE,
                       "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL);
  self->kind = kind;
  self->client = client != NULL ? g_object_ref (client) : NULL;
  self->engine = engine != NULL ? g_object_ref (engine) : NULL;
  build (self);
  return self;
}
