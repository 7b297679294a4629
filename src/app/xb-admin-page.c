/* The Administration page's Units section: every unit (retired ones dimmed), search, an editor per unit, new units, CSV import, and the first run's next step; admins only. */
#include "config.h"

#include "xb-admin-page.h"

#include <glib/gi18n.h>

#include "xb-import-dialog.h"
#include "xb-unit-dialog.h"

struct _XbAdminPage
{
  XbAdminSection parent_instance;

  GtkWidget    *first_run;     /* group holding the status page */
  GtkWidget    *actions;       /* group holding Add Unit and Import */
  GtkWidget    *search;
  GtkWidget    *units_group;
  GPtrArray    *rows;          /* rows of units_group, each with "unit" */
};

G_DEFINE_FINAL_TYPE (XbAdminPage, xb_admin_page, XB_TYPE_ADMIN_SECTION)

static void
label_widget (GtkWidget *widget, const char *name, const char *label)
{
  gtk_widget_set_name (widget, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static const char *
unit_name (GPtrArray *units, gint64 id)
{
  for (guint i = 0; i < units->len; i++)
    if (((XbUnit *) units->pdata[i])->id == id)
      return ((XbUnit *) units->pdata[i])->name;
  return "";
}

/* "County or district office · quota 12 a month", "Direct-reporting point · under 东城区". */
static char *
row_subtitle (XbUnit *unit, GPtrArray *units)
{
  GString *text = g_string_new (xb_unit_kind_label (unit->kind));

  if (unit->parent_id != 0)
    /* TRANSLATORS: after the unit's kind; %s is the county it reports under */
    g_string_append_printf (text, _(" · under %s"), unit_name (units, unit->parent_id));
  if (unit->monthly_quota >= 0)
    /* TRANSLATORS: after the unit's kind; the unit's own monthly quota */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " · quota %d item a month", " · quota %d items a month",
                                               unit->monthly_quota),
                            unit->monthly_quota);
  return g_string_free (text, FALSE);
}

static gboolean
row_matches (GtkWidget *row, const char *folded)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (folded[0] == '\0')
    return TRUE;
  title = g_utf8_casefold (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);
  subtitle = g_utf8_casefold (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), -1);
  return strstr (title, folded) != NULL || strstr (subtitle, folded) != NULL;
}

static void
apply_search (XbAdminPage *self)
{
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->search));
  g_autofree char *folded = g_utf8_casefold (needle, -1);
  g_autofree char *none = NULL;
  guint shown = 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      gboolean match = row_matches (row, folded);

      gtk_widget_set_visible (row, match);
      shown += match;
    }
  if (shown == 0 && self->rows->len > 0)
    /* TRANSLATORS: %s is what was typed in the search entry */
    none = g_strdup_printf (_("No unit matches “%s”."), needle);
  else if (self->rows->len == 0)
    none = g_strdup (_("No units yet. They arrive with the first sync."));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->units_group), none);
}

static void show_units (XbAdminPage *self, const XbUnit *answered);

static void
on_saved (XbAdminPage *self, const char *what, const XbUnit *unit)
{
  XbSyncEngine *engine = xb_admin_section_get_engine (XB_ADMIN_SECTION (self));

  xb_admin_section_toast (XB_ADMIN_SECTION (self), what);
  /* The change reaches the store through the feed, and the sync that ends
   * reloads; until then the list shows the server's answer. */
  if (engine != NULL)
    xb_sync_engine_kick (engine);
  show_units (self, unit);
}

static void
open_editor (XbAdminPage *self, const XbUnit *unit)
{
  XbAdminSection *section = XB_ADMIN_SECTION (self);
  XbUnitDialog *dialog;

  if (xb_admin_section_get_store (section) == NULL)
    return;
  dialog = xb_unit_dialog_new (GTK_WIDGET (self), xb_admin_section_get_store (section),
                               xb_admin_section_get_client (section), unit);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_row_activated (AdwActionRow *row, XbAdminPage *self)
{
  open_editor (self, g_object_get_data (G_OBJECT (row), "unit"));
}

static void
on_add (XbAdminPage *self)
{
  open_editor (self, NULL);
}

static void
on_imported (XbAdminPage *self, guint n_rows)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit imported", "%u units imported", n_rows),
                                           n_rows);

  xb_admin_section_toast (XB_ADMIN_SECTION (self), text);
  xb_admin_section_reload (XB_ADMIN_SECTION (self));
}

static void
on_import (XbAdminPage *self)
{
  XbAdminSection *section = XB_ADMIN_SECTION (self);
  XbImportDialog *dialog;

  if (xb_admin_section_get_client (section) == NULL)
    {
      xb_admin_section_toast (section, _("Importing units needs a connection to the server; you are offline."));
      return;
    }
  dialog = xb_import_dialog_new (GTK_WIDGET (self), XB_IMPORT_UNITS, xb_admin_section_get_client (section),
                                 xb_admin_section_get_engine (section));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
add_row (XbAdminPage *self, XbUnit *unit, GPtrArray *units)
{
  g_autofree char *subtitle = row_subtitle (unit, units);
  g_autofree char *name = g_strdup_printf ("admin-unit-%lld", (long long) unit->id);
  GtkWidget *row = xb_admin_rows_add (self->units_group, self->rows, unit->name, subtitle);

  gtk_widget_set_name (row, name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "unit", xb_unit_copy (unit), (GDestroyNotify) xb_unit_free);
  g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), self);
  if (unit->retired)
    xb_admin_mark_retired (row, unit->name);
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, unit->name, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

/* A new server knows only the office: say what to do next. */
static gboolean
is_first_run (GPtrArray *units)
{
  for (guint i = 0; i < units->len; i++)
    if (((XbUnit *) units->pdata[i])->kind != XB_UNIT_KIND_OFFICE)
      return FALSE;
  return units->len > 0;
}

/* Lists the store's units, @answered (the server's answer to a change the
 * store has not synced yet, or NULL) in place of its stored copy. */
static void
show_units (XbAdminPage *self, const XbUnit *answered)
{
  XbAdminSection *section = XB_ADMIN_SECTION (self);
  XbStore *store = xb_admin_section_get_store (section);
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GError) error = NULL;
  guint n_retired = 0;
  gboolean first_run;

  xb_admin_rows_clear (self->rows);
  units = store != NULL ? xb_store_list_units (store, &error) : g_ptr_array_new ();
  if (units == NULL)
    {
      xb_admin_section_toast (section, error->message);
      return;
    }
  for (guint i = 0; answered != NULL && i < units->len; i++)
    if (((XbUnit *) units->pdata[i])->id == answered->id)
      {
        xb_unit_free (units->pdata[i]);
        units->pdata[i] = xb_unit_copy (answered);
      }
  /* Units in service first, the retired ones after them. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < units->len; i++)
      {
        XbUnit *unit = g_ptr_array_index (units, i);
        if (unit->retired == (pass == 1))
          add_row (self, unit, units);
        n_retired += pass == 1 && unit->retired;
      }
  first_run = is_first_run (units);
  gtk_widget_set_visible (self->first_run, first_run);
  gtk_widget_set_visible (self->actions, !first_run);
  gtk_widget_set_visible (self->search, !first_run);
  {
    g_autofree char *title = n_retired > 0
      /* TRANSLATORS: the units list's title with how many units are retired */
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Units (%u retired)", "Units (%u retired)", n_retired), n_retired)
      : g_strdup (_("Units"));
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->units_group), title);
  }
  apply_search (self);
}

static void
reload (XbAdminSection *section)
{
  show_units (XB_ADMIN_PAGE (section), NULL);
}

static GtkWidget *
new_button (const char *mnemonic, const char *name, const char *label, GCallback callback, gpointer self)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  label_widget (button, name, label);
  g_signal_connect_swapped (button, "clicked", callback, self);
  return button;
}

/* Add Unit (the suggested one) and Import from CSV: side by side above the
 * list, or stacked pills in the first run's status page, which must fit
 * 360 px. */
static GtkWidget *
new_buttons (XbAdminPage *self, const char *prefix, gboolean pill)
{
  GtkWidget *box = gtk_box_new (pill ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *add_name = g_strconcat (prefix, "add-unit", NULL);
  g_autofree char *import_name = g_strconcat (prefix, "import-units", NULL);
  GtkWidget *add = new_button (_("_Add Unit…"), add_name, _("Add Unit"), G_CALLBACK (on_add), self);
  GtkWidget *import = new_button (_("_Import from CSV…"), import_name, _("Import from CSV"),
                                  G_CALLBACK (on_import), self);

  gtk_widget_add_css_class (add, "suggested-action");
  if (pill)
    {
      gtk_widget_add_css_class (add, "pill");
      gtk_widget_add_css_class (import, "pill");
      gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
      gtk_box_append (GTK_BOX (box), add);
      gtk_box_append (GTK_BOX (box), import);
    }
  else
    {
      gtk_box_append (GTK_BOX (box), import);
      gtk_box_append (GTK_BOX (box), add);
    }
  return box;
}

static GtkWidget *
build_first_run (XbAdminPage *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *buttons = new_buttons (self, "admin-first-", TRUE);

  gtk_widget_set_name (group, "admin-first-run");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "system-users-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Set Up the Units"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Add the county offices and departments that report to you, "
                                     "or import them from a CSV file."));
  gtk_widget_add_css_class (status, "compact");
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), buttons);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), status);
  gtk_widget_set_visible (group, FALSE);
  return group;
}

static void
build (XbAdminPage *self)
{
  AdwPreferencesPage *page = xb_admin_section_get_page (XB_ADMIN_SECTION (self));
  GtkWidget *buttons = new_buttons (self, "admin-", FALSE);

  self->first_run = build_first_run (self);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (self->first_run));

  self->actions = adw_preferences_group_new ();
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->actions), buttons);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (self->actions));

  self->units_group = adw_preferences_group_new ();
  gtk_widget_set_name (self->units_group, "admin-units");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->units_group), _("Units"));
  self->search = gtk_search_entry_new ();
  label_widget (self->search, "admin-unit-search", _("Find a unit"));
  g_object_set (self->search, "placeholder-text", _("Find a unit"), NULL);
  gtk_widget_set_valign (self->search, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->search, "search-changed", G_CALLBACK (apply_search), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->units_group), self->search);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (self->units_group));
}

static void
xb_admin_page_dispose (GObject *object)
{
  XbAdminPage *self = XB_ADMIN_PAGE (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (xb_admin_page_parent_class)->dispose (object);
}

static void
xb_admin_page_class_init (XbAdminPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_admin_page_dispose;
  XB_ADMIN_SECTION_CLASS (klass)->reload = reload;
}

static void
xb_admin_page_init (XbAdminPage *self)
{
  self->rows = g_ptr_array_new ();
  build (self);
}

GtkWidget *
xb_admin_page_new (void)
{
  return g_object_new (XB_TYPE_ADMIN_PAGE, NULL);
}
