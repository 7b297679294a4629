/* The main window: a sidebar of pages beside the page on show, folding on narrow screens. */
#include "config.h"

#include <glib/gi18n.h>

#include "xb-admin-page.h"
#include "xb-admin-people.h"
#include "xb-admin-policy.h"
#include "xb-admin-priorities.h"
#include "xb-admin-proposals.h"
#include "xb-admin-requests.h"
#include "xb-admin-rosters.h"
#include "xb-assessment-page.h"
#include "xb-bulletins-page.h"
#include "xb-dashboard.h"
#include "xb-inbox.h"
#include "xb-publications-page.h"
#include "xb-item-editor.h"
#include "xb-signin-page.h"
#include "xb-sync-status.h"
#include "xb-unit-roster-dialog.h"
#include "xb-window.h"
#include "xb-workflow.h"

struct _XbWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *error_page;
  AdwStatusPage        *loading_page;
  XbSigninPage         *signin_page;
  XbSyncStatus         *sync_status;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  GtkFilter            *sidebar_filter;  /* pages the user has a use for; owned by the list's model */
  XbDashboard          *dashboard;
  XbPublicationsPage   *publications_page;
  XbBulletinsPage      *bulletins_page;
  XbAssessmentPage     *assessment_page;
  XbAdminPage          *admin_page;
  AdwViewStack         *admin_stack;
  GPtrArray            *admin_sections; /* requests, rosters, policy */
  GtkBox               *inbox_box;
  GtkBox               *signoff_box;
  XbInbox              *inbox_page;
  XbInbox              *signoff_page;
  GtkWidget            *new_item_button;
  GtkButton            *back_button;
  AdwWindowTitle       *page_title;
  AdwWindowTitle       *sidebar_title;
  GtkToggleButton      *search_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *page_stack;
  AdwLeaflet           *items_leaflet;
  XbItemList           *item_list;
  XbItemDetail         *item_detail;
  GtkStack             *item_pane;
  XbItemEditor         *item_editor;

  XbStore              *store;
  XbSyncEngine         *engine;
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (XbWindow, xb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
items_detail_is_shown (XbWindow *self)
{
  return adw_leaflet_get_folded (self->items_leaflet) &&
         adw_leaflet_get_visible_child (self->items_leaflet) == GTK_WIDGET (self->item_pane) &&
         g_strcmp0 (xb_window_get_page (self), "items") == 0;
}

static void
update_back_button (XbWindow *self)
{
  gboolean content_alone =
    adw_leaflet_get_folded (self->leaflet) &&
    g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "content") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          content_alone || items_detail_is_shown (self));
}

static void
update_title (XbWindow *self)
{
  const char *page = xb_window_get_page (self);
  g_autofree char *subtitle = NULL;

  adw_window_title_set_title (self->page_title, xb_window_get_page_title (self, page));

  if (g_strcmp0 (page, "items") == 0 && self->store != NULL &&
      !xb_item_list_get_loading (self->item_list))
    {
      guint n = xb_item_list_get_n_items (self->item_list);
      subtitle = g_strdup_printf (ngettext ("%u item", "%u items", n), n);
    }
  adw_window_title_set_subtitle (self->page_title, subtitle ? subtitle : "");
}

static void
on_back_clicked (XbWindow *self)
{
  if (items_detail_is_shown (self))
    adw_leaflet_navigate (self->items_leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  else
    adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
}

static void
on_sidebar_row_activated (GtkListBox    *list,
                          GtkListBoxRow *row,
                          XbWindow      *self)
{
  const char *name = g_object_get_data (G_OBJECT (row), "page-name");

  if (name == NULL)
    return;
  xb_window_set_page (self, name);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

/* Selecting a row (the keyboard's arrows, a screen reader's selection)
 * shows its page too; activating it also leaves the folded sidebar. */
static void
on_sidebar_row_selected (GtkListBox    *list,
                         GtkListBoxRow *row,
                         XbWindow      *self)
{
  const char *name = row != NULL ? g_object_get_data (G_OBJECT (row), "page-name") : NULL;

  if (name != NULL && g_strcmp0 (xb_window_get_page (self), name) != 0)
    xb_window_set_page (self, name);
}

/* A draft opens in the editor; everything else reads in the detail. */
static void
open_item (XbWindow   *self,
           const char *uuid,
           gboolean    draft)
{
  g_autoptr(GError) error = NULL;

  if (uuid != NULL && draft && self->engine != NULL)
    {
      if (g_strcmp0 (xb_item_editor_get_uuid (self->item_editor), uuid) != 0 &&
          !xb_item_editor_load (self->item_editor, uuid, &error))
        xb_window_show_toast (self, error->message);
      gtk_stack_set_visible_child_name (self->item_pane, "editor");
      return;
    }
  xb_item_detail_show_item (self->item_detail, uuid);
  gtk_stack_set_visible_child_name (self->item_pane, "detail");
}

static void
on_item_selected (XbWindow     *self,
                  XbItemObject *item)
{
  const XbItem *data = item ? xb_item_object_get_item (item) : NULL;

  open_item (self, data ? data->uuid : NULL, data != NULL && data->state == XB_STATE_DRAFT);
  if (item != NULL && adw_leaflet_get_folded (self->items_leaflet))
    adw_leaflet_set_visible_child (self->items_leaflet, GTK_WIDGET (self->item_pane));
}

static void
on_editor_sent (XbWindow   *self,
                const char *uuid)
{
  xb_item_list_update (self->item_list);
  xb_item_detail_show_item (self->item_detail, uuid);
  gtk_stack_set_visible_child_name (self->item_pane, "detail");
  xb_window_show_toast (self, _("Item sent"));
}

/* The draft on show was given up and is gone: nothing selected. */
static void
on_editor_closed (XbWindow *self)
{
  xb_item_list_update (self->item_list);
  xb_item_detail_show_item (self->item_detail, NULL);
  gtk_stack_set_visible_child_name (self->item_pane, "detail");
}

/* A returned item reopened by Revise goes straight into the editor. */
static void
on_detail_edit_item (XbWindow   *self,
                     const char *uuid)
{
  g_autoptr(GError) error = NULL;

  xb_item_list_update (self->item_list);
  if (!xb_item_editor_load (self->item_editor, uuid, &error))
    {
      xb_window_show_toast (self, error->message);
      return;
    }
  gtk_stack_set_visible_child_name (self->item_pane, "editor");
}

static void
new_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  XbWindow *self = XB_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->engine == NULL)
    return;
  xb_window_set_page (self, "items");
  if (!xb_item_editor_new_draft (self->item_editor, &error))
    {
      xb_window_show_toast (self, error->message);
      return;
    }
  gtk_stack_set_visible_child_name (self->item_pane, "editor");
  if (adw_leaflet_get_folded (self->items_leaflet))
    adw_leaflet_set_visible_child (self->items_leaflet, GTK_WIDGET (self->item_pane));
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  gtk_widget_grab_focus (GTK_WIDGET (xb_item_editor_get_title_row (self->item_editor)));
}

/* "2026-07-01 – 2026-09-30" for [from, to), in the office's time zone. */
static char *
period_label (gint64 from,
              gint64 to)
{
  g_autoptr(GTimeZone) cst = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_utc (from);
  g_autoptr(GDateTime) end = g_date_time_new_from_unix_utc (to - 1);
  g_autoptr(GDateTime) start_cst = g_date_time_to_timezone (start, cst);
  g_autoptr(GDateTime) end_cst = g_date_time_to_timezone (end, cst);
  g_autofree char *a = g_date_time_format (start_cst, "%Y-%m-%d");
  g_autofree char *b = g_date_time_format (end_cst, "%Y-%m-%d");

  /* Translators: a period from one date to another */
  return g_strdup_printf (_("%s – %s"), a, b);
}

/* The document pages compute a year's assessment or a quarter's figures
 * when they get a store: over a big store that takes seconds, so they get
 * it when their page is first shown, not at start-up. */
static void
attach_visible_page (XbWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->page_stack);

  if (self->store == NULL || name == NULL)
    return;
  if (g_str_equal (name, "publications"))
    xb_publications_page_set_store (self->publications_page, self->store);
  else if (g_str_equal (name, "bulletins"))
    xb_bulletins_page_set_store (self->bulletins_page, self->store);
  else if (g_str_equal (name, "assessment"))
    xb_assessment_page_set_store (self->assessment_page, self->store);
}

/* The administration's sections beside Units; each takes the store, the
 * account's client and the engine as properties. */
static void
add_admin_sections (XbWindow *self)
{
  struct { GtkWidget *widget; const char *name; const char *title; const char *icon; } sections[] = {
    { xb_admin_people_new (), "people", _("People"), "system-users-symbolic" },
    { xb_admin_requests_new (), "requests", _("Requests"), "mail-send-symbolic" },
    { xb_admin_rosters_new (), "rosters", _("Roster"), "contact-new-symbolic" },
    { xb_admin_proposals_new (), "proposals", _("Roster Proposals"), "contact-new-symbolic" },
    { xb_admin_policy_new (), "policy", _("Policy"), "emblem-system-symbolic" },
    { xb_admin_priorities_new (), "priorities", _("Priorities"), "view-list-bullet-symbolic" },
  };

  self->admin_sections = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      adw_view_stack_add_titled_with_icon (self->admin_stack, sections[i].widget, sections[i].name,
                                           sections[i].title, sections[i].icon);
      g_ptr_array_add (self->admin_sections, sections[i].widget);
    }
}

static void
set_admin_sections (XbWindow     *self,
                    const char   *property,
                    gpointer      value)
{
  for (guint i = 0; self->admin_sections != NULL && i < self->admin_sections->len; i++)
    g_object_set (self->admin_sections->pdata[i], property, value, NULL);
}

/* The information section's inbox (sent items and those being edited)
 * and the signers' queue (items in sign-off). */
static void
add_queue_pages (XbWindow *self)
{
  self->inbox_page = XB_INBOX (xb_inbox_new (XB_INBOX_EDITOR));
  self->signoff_page = XB_INBOX (xb_inbox_new (XB_INBOX_SIGNOFF));
  gtk_widget_set_vexpand (GTK_WIDGET (self->inbox_page), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->signoff_page), TRUE);
  gtk_box_append (self->inbox_box, GTK_WIDGET (self->inbox_page));
  gtk_box_append (self->signoff_box, GTK_WIDGET (self->signoff_page));
}

/* A page finished something: its message (or nothing) as a toast. */
static void
on_page_done (XbWindow   *self,
              const char *message)
{
  if (message != NULL && *message != '\0')
    xb_window_show_toast (self, message);
}

/* A bar of the dashboard opens that unit's items for the period on show. */
static void
on_dashboard_unit_activated (XbWindow *self,
                             gint64    unit_id)
{
  g_autofree char *label = NULL;
  XbPeriod period;

  xb_dashboard_get_period (self->dashboard, &period);
  label = period_label (period.from, period.to);
  xb_item_list_show_unit_period (self->item_list, unit_id, period.from, period.to, label);
  xb_window_set_page (self, "items");
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  xb_window_set_page (XB_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* A new server: the office is the only unit. */
static gboolean
only_the_office (XbStore *store)
{
  g_autoptr(GPtrArray) units = store != NULL ? xb_store_list_units (store, NULL) : NULL;

  for (guint i = 0; units != NULL && i < units->len; i++)
    if (((XbUnit *) units->pdata[i])->kind != XB_UNIT_KIND_OFFICE)
      return FALSE;
  return units != NULL;
}

/* An information officer's own unit's roster and their proposed changes. */
static void
unit_roster_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  XbWindow *self = XB_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  XbSyncClient *client = self->engine != NULL && XB_IS_APPLICATION (app) ? xb_application_get_client (XB_APPLICATION (app)) : NULL;

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (xb_unit_roster_dialog_new (GTK_WINDOW (self), self->store, client, self->engine)));
}

static void
save_item_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  XbWindow *self = XB_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!xb_item_editor_save (self->item_editor, &error))
    xb_window_show_toast (self, error->message);
}

static void
on_search_changed (XbWindow       *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (*text != '\0' && g_strcmp0 (xb_window_get_page (self), "items") != 0)
    xb_window_set_page (self, "items");
  xb_item_list_set_search (self->item_list, text);
}

static void
on_folded_changed (XbWindow *self)
{
  /* On a phone-sized window only the title and state columns fit. */
  xb_item_list_set_compact (self->item_list, adw_leaflet_get_folded (self->leaflet));
  update_back_button (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  XbWindow *self = XB_WINDOW (widget);
  gboolean active = gtk_search_bar_get_search_mode (self->search_bar);

  if (!active)
    xb_window_set_page (self, "items");
  gtk_search_bar_set_search_mode (self->search_bar, !active);
  if (!active)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* How many items wait in a queue page, beside its row and in its
 * accessible description (its name stays the page's title). */
static void
show_queue_count (XbInbox    *inbox,
                  GParamSpec *pspec,
                  GtkWidget  *row)
{
  GtkWidget *count = g_object_get_data (G_OBJECT (row), "count");
  guint n = xb_inbox_get_n_rows (inbox);
  g_autofree char *number = g_strdup_printf ("%u", n);
  g_autofree char *description =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item waiting", "%u items waiting", n), n);

  gtk_label_set_label (GTK_LABEL (count), number);
  gtk_widget_set_visible (count, n > 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  n > 0 ? description : "", -1);
}

static void
add_queue_count (GtkWidget *row,
                 GtkWidget *box,
                 XbInbox   *inbox)
{
  GtkWidget *count = gtk_label_new (NULL);

  gtk_widget_add_css_class (count, "badge");
  gtk_widget_add_css_class (count, "state");
  gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), count);
  g_object_set_data (G_OBJECT (row), "count", count);
  g_signal_connect_object (inbox, "notify::n-rows", G_CALLBACK (show_queue_count), row, 0);
  show_queue_count (inbox, NULL, row);
}

static GtkWidget *
create_sidebar_row (gpointer item,
                    gpointer user_data)
{
  GtkStackPage *page = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (gtk_stack_page_get_icon_name (page));
  GtkWidget *label = gtk_label_new (gtk_stack_page_get_title (page));
  /* A queue page is the inbox in a box. */
  GtkWidget *queue = gtk_widget_get_first_child (gtk_stack_page_get_child (page));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_stack_page_get_title (page), -1);
  g_object_set_data_full (G_OBJECT (row), "page-name", g_strdup (gtk_stack_page_get_name (page)), g_free);
  if (queue != NULL && XB_IS_INBOX (queue))
    add_queue_count (row, box, XB_INBOX (queue));
  return row;
}

/* A page the signed-in user has no use for has no row at all (a hidden row
 * would still count in the positions screen readers select by). */
static gboolean
page_is_visible (gpointer item,
                 gpointer user_data)
{
  return gtk_stack_page_get_visible (GTK_STACK_PAGE (item));
}

static void
bind_sidebar (XbWindow *self)
{
  GtkSelectionModel *pages = gtk_stack_get_pages (self->page_stack);
  GtkFilter *filter = GTK_FILTER (gtk_custom_filter_new (page_is_visible, NULL, NULL));
  g_autoptr(GtkFilterListModel) visible = gtk_filter_list_model_new (G_LIST_MODEL (pages), filter);

  self->sidebar_filter = filter;
  gtk_list_box_bind_model (self->sidebar_list, G_LIST_MODEL (visible), create_sidebar_row, NULL, NULL);
}

static void
restore_state (XbWindow *self)
{
  g_autofree char *page = NULL;
  int width = 1100, height = 720;

  if (self->settings != NULL)
    {
      width = g_settings_get_int (self->settings, "window-width");
      height = g_settings_get_int (self->settings, "window-height");
      page = g_settings_get_string (self->settings, "last-page");
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 294));

  if (page == NULL || gtk_stack_get_child_by_name (self->page_stack, page) == NULL)
    {
      g_free (page);
      page = g_strdup ("items");
    }
  xb_window_set_page (self, page);
}

static gboolean
xb_window_close_request (GtkWindow *window)
{
  XbWindow *self = XB_WINDOW (window);
  int width, height;

  /* Closing never loses what was typed. */
  xb_item_editor_save (self->item_editor, NULL);

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
      g_settings_set_string (self->settings, "last-page", xb_window_get_page (self));
      g_settings_apply (self->settings);
    }

  if (GTK_WINDOW_CLASS (xb_window_parent_class)->close_request != NULL)
    return GTK_WINDOW_CLASS (xb_window_parent_class)->close_request (window);
  return FALSE;
}

static void
xb_window_constructed (GObject *object)
{
  XbWindow *self = XB_WINDOW (object);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  G_OBJECT_CLASS (xb_window_parent_class)->constructed (object);

  if (XB_IS_APPLICATION (app))
    g_set_object (&self->settings, xb_application_get_settings (XB_APPLICATION (app)));
  restore_state (self);
}

static void
xb_window_dispose (GObject *object)
{
  XbWindow *self = XB_WINDOW (object);

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->admin_sections, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), XB_TYPE_WINDOW);

  G_OBJECT_CLASS (xb_window_parent_class)->dispose (object);
}

static void
xb_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  XbWindow *self = XB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xb_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  XbWindow *self = XB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      xb_window_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xb_window_class_init (XbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = xb_window_constructed;
  object_class->dispose = xb_window_dispose;
  object_class->get_property = xb_window_get_property;
  object_class->set_property = xb_window_set_property;
  window_class->close_request = xb_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, XB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (XB_TYPE_DASHBOARD);
  g_type_ensure (XB_TYPE_ITEM_LIST);
  g_type_ensure (XB_TYPE_ITEM_DETAIL);
  g_type_ensure (XB_TYPE_ITEM_EDITOR);
  g_type_ensure (XB_TYPE_SIGNIN_PAGE);
  g_type_ensure (XB_TYPE_SYNC_STATUS);

  g_type_ensure (XB_TYPE_PUBLICATIONS_PAGE);
  g_type_ensure (XB_TYPE_BULLETINS_PAGE);
  g_type_ensure (XB_TYPE_ASSESSMENT_PAGE);
  g_type_ensure (XB_TYPE_ADMIN_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/cn/gov/Xinbao/ui/xb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, XbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, signin_page);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, sync_status);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, dashboard);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, publications_page);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, bulletins_page);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, assessment_page);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, admin_page);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, admin_stack);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, inbox_box);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, signoff_box);
  gtk_widget_class_bind_template_callback (widget_class, on_page_done);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, new_item_button);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, page_title);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, items_leaflet);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, item_list);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, item_detail);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, item_pane);
  gtk_widget_class_bind_template_child (widget_class, XbWindow, item_editor);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_sent);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_closed);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_edit_item);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_dashboard_unit_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_item_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, xb_window_show_toast);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_install_action (widget_class, "win.new-item", NULL, new_item_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-item", NULL);
  gtk_widget_class_install_action (widget_class, "win.save-item", NULL, save_item_action);
  gtk_widget_class_install_action (widget_class, "win.unit-roster", NULL, unit_roster_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.save-item", NULL);
}

static void
xb_window_init (XbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Before the sidebar: the queues' rows show how many items wait. */
  add_queue_pages (self);
  bind_sidebar (self);
  /* Folded, the window opens on the page rather than on the page list. */
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  add_admin_sections (self);

  g_signal_connect_object (self->page_stack, "notify::visible-child",
                           G_CALLBACK (attach_visible_page), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (on_folded_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child",
                           G_CALLBACK (update_back_button), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->items_leaflet, "notify::folded",
                           G_CALLBACK (update_back_button), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->items_leaflet, "notify::visible-child",
                           G_CALLBACK (update_back_button), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->item_list, "notify::n-items",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->item_list, "notify::loading",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);

  gtk_stack_set_visible_child_name (self->main_stack, "loading");
}

XbWindow *
xb_window_new (XbApplication *application,
               XbStore       *store)
{
  g_return_val_if_fail (XB_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || XB_IS_STORE (store), NULL);

  return g_object_new (XB_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

XbStore *
xb_window_get_store (XbWindow *self)
{
  g_return_val_if_fail (XB_IS_WINDOW (self), NULL);
  return self->store;
}

#define SIGNER_ROLES (XB_ROLE_BIT (XB_ROLE_SECTION_CHIEF) | XB_ROLE_BIT (XB_ROLE_DEPUTY_SECGEN) | \
                      XB_ROLE_BIT (XB_ROLE_DIRECTOR) | XB_ROLE_BIT (XB_ROLE_SECGEN) | \
                      XB_ROLE_BIT (XB_ROLE_DEPUTY_MAYOR) | XB_ROLE_BIT (XB_ROLE_MAYOR))
#define OFFICE_ROLES (XB_ROLE_BIT (XB_ROLE_EDITOR) | SIGNER_ROLES)
#define REQUEST_ROLES (XB_ROLE_BIT (XB_ROLE_EDITOR) | XB_ROLE_BIT (XB_ROLE_SECTION_CHIEF))

/* Which pages serve which roles; a store without a signed-in user (opened
 * with --store) shows every page. */
static void select_sidebar_row (XbWindow *self, const char *name);

static gboolean
page_serves (const char *name,
             XbRoles     roles)
{
  if (roles == 0)
    return TRUE;
  if (g_strcmp0 (name, "inbox") == 0)
    return (roles & XB_ROLE_BIT (XB_ROLE_EDITOR)) != 0;
  if (g_strcmp0 (name, "signoff") == 0)
    return (roles & SIGNER_ROLES) != 0;
  if (g_strcmp0 (name, "publications") == 0 || g_strcmp0 (name, "assessment") == 0)
    return (roles & (OFFICE_ROLES | XB_ROLE_BIT (XB_ROLE_VIEWER) | XB_ROLE_BIT (XB_ROLE_ADMIN))) != 0;
  if (g_strcmp0 (name, "admin") == 0)
    return (roles & (XB_ROLE_BIT (XB_ROLE_ADMIN) | REQUEST_ROLES)) != 0;
  return TRUE;
}

/* The information section sends commissioned requests and reviews roster
 * proposals; the rest of the administration is the administrator's. */
static gboolean
admin_section_serves (const char *name,
                      XbRoles     roles)
{
  if (roles == 0 || (roles & XB_ROLE_BIT (XB_ROLE_ADMIN)) != 0)
    return TRUE;
  return g_strcmp0 (name, "requests") == 0 || g_strcmp0 (name, "proposals") == 0;
}

static void
update_admin_sections (XbWindow *self,
                       XbRoles   roles)
{
  GListModel *pages = G_LIST_MODEL (adw_view_stack_get_pages (self->admin_stack));
  const char *current = adw_view_stack_get_visible_child_name (self->admin_stack);
  const char *first = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);
      gboolean serves = admin_section_serves (adw_view_stack_page_get_name (page), roles);

      adw_view_stack_page_set_visible (page, serves);
      if (serves && first == NULL)
        first = adw_view_stack_page_get_name (page);
    }
  g_object_unref (pages);
  if (first != NULL && (current == NULL || !admin_section_serves (current, roles)))
    adw_view_stack_set_visible_child_name (self->admin_stack, first);
}

/* May @user start an item (a unit's own, or the office's comprehensive one)?
 * The state machine decides. */
static gboolean
user_may_write (XbStore      *store,
                const XbUser *user)
{
  g_autoptr(XbItem) item = xb_item_new ();
  XbUnitFacts facts = { 0 };
  XbActor actor = { 0 };
  XbPolicy policy;

  if (user == NULL)
    return TRUE;
  if (!xb_store_get_policy (store, &policy, NULL))
    return FALSE;
  item->state = XB_STATE_NEW;
  item->unit_id = user->unit_id;
  actor.user_id = user->id;
  actor.unit_id = user->unit_id;
  actor.roles = user->roles;
  facts.unit_has_leader = xb_store_unit_has_leader (store, user->unit_id);
  return xb_workflow_check (item, &facts, &policy, &actor, XB_ACTION_CREATE, NULL, NULL) ||
         xb_workflow_check (item, &facts, &policy, &actor, XB_ACTION_COMPOSE, NULL, NULL);
}

static void
update_pages_for_user (XbWindow     *self,
                       const XbUser *user)
{
  GListModel *pages = G_LIST_MODEL (gtk_stack_get_pages (self->page_stack));
  const char *current = gtk_stack_get_visible_child_name (self->page_stack);
  XbRoles roles = user != NULL ? user->roles : 0;
  gboolean may_write;

  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      GtkStackPage *page = g_list_model_get_item (pages, i);
      gtk_stack_page_set_visible (page, page_serves (gtk_stack_page_get_name (page), roles));
      g_object_unref (page);
    }
  g_object_unref (pages);
  gtk_filter_changed (self->sidebar_filter, GTK_FILTER_CHANGE_DIFFERENT);
  if (current != NULL && !page_serves (current, roles))
    xb_window_set_page (self, "items");
  else if (current != NULL)
    select_sidebar_row (self, current);
  update_admin_sections (self, roles);
  xb_item_list_set_first_run (self->item_list, (roles & XB_ROLE_BIT (XB_ROLE_ADMIN)) != 0
                                               && only_the_office (self->store));
  /* Office staff assemble issues and publish bulletins; others read them. */
  xb_publications_page_set_editable (self->publications_page, roles == 0 || (roles & OFFICE_ROLES) != 0 ||
                                                              (roles & XB_ROLE_BIT (XB_ROLE_ADMIN)) != 0);
  xb_bulletins_page_set_editable (self->bulletins_page, roles == 0 || (roles & OFFICE_ROLES) != 0 ||
                                                        (roles & XB_ROLE_BIT (XB_ROLE_ADMIN)) != 0);
  may_write = self->store != NULL && user_may_write (self->store, user);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-item", may_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unit-roster", user != NULL && user->unit_id > 0 &&
                                 (user->roles & XB_ROLE_BIT (XB_ROLE_OFFICER)) != 0);
  gtk_widget_set_visible (self->new_item_button, may_write);
}

/* Who the store is signed in as, under the app's name in the sidebar. */
static void
update_signed_in_user (XbWindow *self)
{
  g_autoptr(XbUser) user = self->store ? xb_store_dup_signed_in_user (self->store) : NULL;
  g_autofree char *subtitle = NULL;

  if (user != NULL)
    {
      g_autofree char *roles = NULL;
      GString *labels = g_string_new (NULL);
      for (int r = 0; r < XB_N_ROLES; r++)
        if (user->roles & XB_ROLE_BIT (r))
          g_string_append_printf (labels, "%s%s", labels->len ? C_("list separator", ", ") : "",
                                  xb_role_label (r));
      roles = g_string_free (labels, FALSE);
      /* Translators: the signed-in person's name and roles, under the app name */
      subtitle = g_strdup_printf (_("%s · %s"), user->display_name, roles);
    }
  adw_window_title_set_subtitle (self->sidebar_title, subtitle ? subtitle : "");
  update_pages_for_user (self, user);
}

void
xb_window_set_store (XbWindow *self,
                     XbStore  *store)
{
  g_return_if_fail (XB_IS_WINDOW (self));
  g_return_if_fail (store == NULL || XB_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  xb_item_list_set_store (self->item_list, store);
  xb_item_detail_set_store (self->item_detail, store);
  xb_item_editor_set_store (self->item_editor, store);
  /* Dropped now; given again when their page is first shown (see
   * attach_visible_page). */
  xb_publications_page_set_store (self->publications_page, NULL);
  xb_bulletins_page_set_store (self->bulletins_page, NULL);
  xb_assessment_page_set_store (self->assessment_page, NULL);
  g_object_set (self->admin_page, "store", store, NULL);
  set_admin_sections (self, "store", store);
  xb_inbox_set_store (self->inbox_page, store);
  xb_inbox_set_store (self->signoff_page, store);
  attach_visible_page (self);
  gtk_stack_set_visible_child_name (self->main_stack, store ? "main" : "loading");
  update_title (self);
  update_signed_in_user (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
xb_window_show_error (XbWindow   *self,
                      const char *title,
                      const char *description)
{
  g_return_if_fail (XB_IS_WINDOW (self));

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

void
xb_window_show_toast (XbWindow   *self,
                      const char *text)
{
  g_return_if_fail (XB_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
select_sidebar_row (XbWindow   *self,
                    const char *name)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar_list, i)) != NULL; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "page-name"), name) == 0)
      gtk_list_box_select_row (self->sidebar_list, row);
}

void
xb_window_set_page (XbWindow   *self,
                    const char *name)
{
  gboolean items;

  g_return_if_fail (XB_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (gtk_stack_get_child_by_name (self->page_stack, name) == NULL)
    return;

  items = g_strcmp0 (name, "items") == 0;
  gtk_stack_set_visible_child_name (self->page_stack, name);
  select_sidebar_row (self, name);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), items);
  if (!items)
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  update_title (self);
  update_back_button (self);
}

const char *
xb_window_get_page (XbWindow *self)
{
  g_return_val_if_fail (XB_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->page_stack);
}

const char *
xb_window_get_page_title (XbWindow   *self,
                          const char *name)
{
  GtkWidget *child;

  g_return_val_if_fail (XB_IS_WINDOW (self), NULL);

  child = name ? gtk_stack_get_child_by_name (self->page_stack, name) : NULL;
  if (child == NULL)
    return NULL;
  return gtk_stack_page_get_title (gtk_stack_get_page (self->page_stack, child));
}

GtkListBox *
xb_window_get_sidebar (XbWindow *self)
{
  g_return_val_if_fail (XB_IS_WINDOW (self), NULL);
  return self->sidebar_list;
}

AdwLeaflet *
xb_window_get_leaflet (XbWindow *self)
{
  g_return_val_if_fail (XB_IS_WINDOW (self), NULL);
  return self->leaflet;
}

XbItemList *
xb_window_get_item_list (XbWindow *self)
{
  g_return_val_if_fail (XB_IS_WINDOW (self), NULL);
  return self->item_list;
}

XbItemDetail *
xb_window_get_item_detail (XbWindow *self)
{
  g_return_val_if_fail (XB_IS_WINDOW (self), NULL);
  return self->item_detail;
}

XbItemEditor *
xb_window_get_item_editor (XbWindow *self)
{
  g_return_val_if_fail (XB_IS_WINDOW (self), NULL);
  return self->item_editor;
}

XbSigninPage *
xb_window_get_signin_page (XbWindow *self)
{
  g_return_val_if_fail (XB_IS_WINDOW (self), NULL);
  return self->signin_page;
}

XbSyncStatus *
xb_window_get_sync_status (XbWindow *self)
{
  g_return_val_if_fail (XB_IS_WINDOW (self), NULL);
  return self->sync_status;
}

const char *
xb_window_get_view (XbWindow *self)
{
  g_return_val_if_fail (XB_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

void
xb_window_show_busy (XbWindow   *self,
                     const char *title)
{
  g_return_if_fail (XB_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  adw_status_page_set_title (self->loading_page, title);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
}

void
xb_window_show_sign_in (XbWindow   *self,
                        const char *server_url,
                        const char *username,
                        const char *pinned_certificate,
                        const char *message)
{
  g_return_if_fail (XB_IS_WINDOW (self));

  xb_signin_page_prefill (self->signin_page, server_url, username, pinned_certificate);
  xb_signin_page_set_error (self->signin_page, message);
  gtk_stack_set_visible_child_name (self->main_stack, "signin");
  xb_signin_page_focus_first_empty (self->signin_page);
}

void
xb_window_show_items (XbWindow *self)
{
  g_return_if_fail (XB_IS_WINDOW (self));
  gtk_stack_set_visible_child_name (self->main_stack, self->store ? "main" : "loading");
}

static void
on_items_changed (XbWindow      *self,
                  char         **uuids,
                  XbSyncEngine  *engine)
{
  const char *shown = xb_item_detail_get_uuid (self->item_detail);

  xb_item_list_update (self->item_list);
  if (shown != NULL && uuids != NULL && g_strv_contains ((const char * const *) uuids, shown))
    xb_item_detail_refresh (self->item_detail);
  xb_item_editor_refresh_status (self->item_editor);
  /* The first pull brings the signed-in user's own record. */
  update_signed_in_user (self);
}

/* A sync that ends may bring the signed-in user's record (on a new server
 * with no items, nothing else announces it) or a change of their roles. */
static void
on_engine_state (XbWindow     *self,
                 GParamSpec   *pspec,
                 XbSyncEngine *engine)
{
  if (xb_sync_engine_get_state (engine) == XB_SYNC_IDLE)
    update_signed_in_user (self);
}

/* The document pages talk to the server through the account's client. */
static void
set_pages_engine (XbWindow     *self,
                  XbSyncEngine *engine)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  XbSyncClient *client = engine != NULL && XB_IS_APPLICATION (app) ? xb_application_get_client (XB_APPLICATION (app)) : NULL;

  xb_dashboard_set_engine (self->dashboard, engine);
  xb_publications_page_set_engine (self->publications_page, engine);
  xb_publications_page_set_client (self->publications_page, client);
  xb_bulletins_page_set_engine (self->bulletins_page, engine);
  xb_bulletins_page_set_client (self->bulletins_page, client);
  xb_assessment_page_set_engine (self->assessment_page, engine);
  g_object_set (self->admin_page, "client", client, "engine", engine, NULL);
  set_admin_sections (self, "client", client);
  set_admin_sections (self, "engine", engine);
  xb_inbox_set_engine (self->inbox_page, engine);
  xb_inbox_set_engine (self->signoff_page, engine);
}

void
xb_window_set_engine (XbWindow     *self,
                      XbSyncEngine *engine)
{
  g_return_if_fail (XB_IS_WINDOW (self));
  g_return_if_fail (engine == NULL || XB_IS_SYNC_ENGINE (engine));

  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    {
      g_signal_connect_object (engine, "items-changed", G_CALLBACK (on_items_changed),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "notify::state", G_CALLBACK (on_engine_state),
                               self, G_CONNECT_SWAPPED);
    }
  xb_sync_status_set_engine (self->sync_status, engine);
  xb_item_editor_set_engine (self->item_editor, engine);
  xb_item_detail_set_engine (self->item_detail, engine);
  set_pages_engine (self, engine);
}

void
xb_window_show_item (XbWindow   *self,
                     const char *uuid)
{
  g_autoptr(XbItem) item = NULL;

  g_return_if_fail (XB_IS_WINDOW (self));
  item = self->store != NULL && uuid != NULL ? xb_store_get_item (self->store, uuid, NULL) : NULL;
  xb_window_set_page (self, "items");
  open_item (self, uuid, item != NULL && item->state == XB_STATE_DRAFT);
  if (adw_leaflet_get_folded (self->items_leaflet))
    adw_leaflet_set_visible_child (self->items_leaflet, GTK_WIDGET (self->item_pane));
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

XbSyncEngine *
xb_window_get_engine (XbWindow *self)
{
  g_return_val_if_fail (XB_IS_WINDOW (self), NULL);
  return self->engine;
}
