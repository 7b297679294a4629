/* The base of the Administration page's sections: shared store, client and engine, toasts, reloads after sync, server requests. */
#include "config.h"

#include "xb-admin-section.h"

#include <stdio.h>

#include <glib/gi18n.h>

typedef struct
{
  XbStore      *store;
  XbSyncClient *client;
  XbSyncEngine *engine;
  GCancellable *cancellable;
  GtkWidget    *toasts;
  GtkWidget    *page;
  XbSyncState   last_state;
  guint         reload_id;
  gboolean      stale;      /* a reload is due when the section is next shown */
} XbAdminSectionPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (XbAdminSection, xb_admin_section, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_STORE, PROP_CLIENT, PROP_ENGINE, N_PROPS };
static GParamSpec *props[N_PROPS];

#define PRIV(self) ((XbAdminSectionPrivate *) xb_admin_section_get_instance_private (self))

XbStore *
xb_admin_section_get_store (XbAdminSection *self)
{
  g_return_val_if_fail (XB_IS_ADMIN_SECTION (self), NULL);
  return PRIV (self)->store;
}

XbSyncClient *
xb_admin_section_get_client (XbAdminSection *self)
{
  g_return_val_if_fail (XB_IS_ADMIN_SECTION (self), NULL);
  return PRIV (self)->client;
}

XbSyncEngine *
xb_admin_section_get_engine (XbAdminSection *self)
{
  g_return_val_if_fail (XB_IS_ADMIN_SECTION (self), NULL);
  return PRIV (self)->engine;
}

GCancellable *
xb_admin_section_get_cancellable (XbAdminSection *self)
{
  g_return_val_if_fail (XB_IS_ADMIN_SECTION (self), NULL);
  return PRIV (self)->cancellable;
}

AdwPreferencesPage *
xb_admin_section_get_page (XbAdminSection *self)
{
  g_return_val_if_fail (XB_IS_ADMIN_SECTION (self), NULL);
  return ADW_PREFERENCES_PAGE (PRIV (self)->page);
}

void
xb_admin_section_toast (XbAdminSection *self,
                        const char     *text)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (XB_IS_ADMIN_SECTION (self));
  if (text == NULL || text[0] == '\0')
    return;
  /* A toast's title is markup; messages (the server's too) are plain text. */
  escaped = g_markup_escape_text (text, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 6);
  /* The newest outcome shows at once rather than queueing behind older ones. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (PRIV (self)->toasts), toast);
}

void
xb_admin_section_reload (XbAdminSection *self)
{
  XbAdminSectionClass *klass;

  g_return_if_fail (XB_IS_ADMIN_SECTION (self));
  PRIV (self)->stale = FALSE;
  klass = XB_ADMIN_SECTION_GET_CLASS (self);
  if (klass->reload != NULL)
    klass->reload (self);
}

/* A section out of sight reads nothing (at start-up the window holds every
 * section, and a large store would hold the first frame back): it reloads
 * when next shown. */
static void
reload_when_shown (XbAdminSection *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    xb_admin_section_reload (self);
  else
    PRIV (self)->stale = TRUE;
}

static gboolean
reload_due (gpointer user_data)
{
  XbAdminSection *self = user_data;

  PRIV (self)->reload_id = 0;
  reload_when_shown (self);
  return G_SOURCE_REMOVE;
}

static void
xb_admin_section_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (xb_admin_section_parent_class)->map (widget);
  if (PRIV (XB_ADMIN_SECTION (widget))->stale)
    xb_admin_section_reload (XB_ADMIN_SECTION (widget));
}

/* A sync that ends brings whatever others changed: read again, once for a
 * burst of syncs. */
static void
on_engine_state (XbAdminSection *self)
{
  XbAdminSectionPrivate *priv = PRIV (self);
  XbSyncState state = xb_sync_engine_get_state (priv->engine);
  gboolean ended = priv->last_state == XB_SYNC_SYNCING && state == XB_SYNC_IDLE;

  priv->last_state = state;
  if (ended && priv->reload_id == 0)
    priv->reload_id = g_timeout_add (150, reload_due, self);
}

static void
set_engine (XbAdminSection *self,
            XbSyncEngine   *engine)
{
  XbAdminSectionPrivate *priv = PRIV (self);

  if (priv->engine != NULL)
    g_signal_handlers_disconnect_by_data (priv->engine, self);
  g_set_object (&priv->engine, engine);
  if (engine == NULL)
    return;
  priv->last_state = xb_sync_engine_get_state (engine);
  g_signal_connect_swapped (engine, "notify::state", G_CALLBACK (on_engine_state), self);
}

typedef struct
{
  XbAdminSection *self;
  XbAdminReply    reply;
  gpointer        user_data;
} Request;

static JsonObject *
read_answer (XbAdminSection *self,
             XbResponse     *response,
             JsonParser     *parser)
{
  g_autofree char *message = NULL;

  if (response->status < 200 || response->status >= 300)
    {
      message = xb_response_dup_message (response);
      xb_admin_section_toast (self, message);
      return NULL;
    }
  if (response->body == NULL || g_bytes_get_size (response->body) == 0)
    return json_object_new ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (response->body, NULL),
                                   (gssize) g_bytes_get_size (response->body), NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      xb_admin_section_toast (self, _("The server's answer could not be read."));
      return NULL;
    }
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
on_answer (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(XbResponse) response = xb_sync_client_request_finish (XB_SYNC_CLIENT (source), result, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) answer = NULL;

  if (response == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    goto out;
  if (response == NULL)
    xb_admin_section_toast (request->self, error->message);
  else
    answer = read_answer (request->self, response, parser);
  if (request->reply != NULL)
    request->reply (request->self, answer, request->user_data);
out:
  g_object_unref (request->self);
  g_free (request);
}

gboolean
xb_admin_section_request (XbAdminSection *self,
                          const char     *method,
                          const char     *path,
                          JsonNode       *body,
                          const char     *offline_text,
                          XbAdminReply    reply,
                          gpointer        user_data)
{
  XbAdminSectionPrivate *priv;
  g_autofree char *text = NULL;
  Request *request;

  g_return_val_if_fail (XB_IS_ADMIN_SECTION (self), FALSE);
  priv = PRIV (self);
  if (priv->client == NULL)
    {
      xb_admin_section_toast (self, offline_text != NULL ? offline_text
                              : _("This needs a connection to the server; you are offline."));
      return FALSE;
    }
  if (body != NULL)
    text = json_to_string (body, FALSE);
  request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  request->reply = reply;
  request->user_data = user_data;
  xb_sync_client_request_async (priv->client, method, path, text, priv->cancellable, on_answer, request);
  return TRUE;
}

GtkWidget *
xb_admin_rows_add (GtkWidget  *group,
                   GPtrArray  *rows,
                   const char *title,
                   const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_ptr_array_add (rows, row);
  return row;
}

void
xb_admin_rows_clear (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (rows, 0);
}

gint64
xb_admin_json_time (JsonObject *object,
                    const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GDateTime) dt = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return 0;
  dt = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL);
  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

char *
xb_admin_format_time (gint64 when)
{
  g_autoptr(GDateTime) dt = when != 0 ? g_date_time_new_from_unix_local (when) : NULL;

  /* TRANSLATORS: strftime format of a date and time */
  return dt != NULL ? g_date_time_format (dt, _("%Y-%m-%d %H:%M")) : g_strdup ("");
}

char *
xb_admin_format_day (gint64 when)
{
  g_autoptr(GDateTime) dt = when != 0 ? g_date_time_new_from_unix_local (when) : NULL;

  /* TRANSLATORS: strftime format of a day */
  return dt != NULL ? g_date_time_format (dt, _("%Y-%m-%d")) : g_strdup ("");
}

gint64
xb_admin_parse_day (const char *text)
{
  int y, m, d;
  char end;
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || sscanf (text, "%d-%d-%d%c", &y, &m, &d, &end) != 3 || y < 1900)
    return -1;
  dt = g_date_time_new_local (y, m, d, 0, 0, 0);
  return dt != NULL ? g_date_time_to_unix (dt) : -1;
}

char *
xb_admin_user_name (XbAdminSection *self,
                    gint64          user_id)
{
  g_autoptr(XbUser) user = NULL;
  XbStore *store = xb_admin_section_get_store (self);

  if (user_id <= 0)
    return g_strdup (_("Unknown"));
  if (store != NULL)
    user = xb_store_get_user (store, user_id, NULL);
  if (user != NULL)
    return g_strdup (user->display_name != NULL && user->display_name[0] != '\0'
                     ? user->display_name : user->username);
  /* TRANSLATORS: an account known only by its number */
  return g_strdup_printf (_("User %lld"), (long long) user_id);
}

static void
xb_admin_section_set_property (GObject      *object,
                               guint         id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  XbAdminSection *self = XB_ADMIN_SECTION (object);
  XbAdminSectionPrivate *priv = PRIV (self);

  switch (id)
    {
    case PROP_STORE:
      if (g_set_object (&priv->store, g_value_get_object (value)))
        reload_when_shown (self);
      break;
    case PROP_CLIENT:
      if (g_set_object (&priv->client, g_value_get_object (value)) && priv->client != NULL)
        reload_when_shown (self);
      break;
    case PROP_ENGINE:
      set_engine (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
xb_admin_section_get_property (GObject    *object,
                               guint       id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  XbAdminSectionPrivate *priv = PRIV (XB_ADMIN_SECTION (object));

  switch (id)
    {
    case PROP_STORE:  g_value_set_object (value, priv->store); break;
    case PROP_CLIENT: g_value_set_object (value, priv->client); break;
    case PROP_ENGINE: g_value_set_object (value, priv->engine); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
xb_admin_section_dispose (GObject *object)
{
  XbAdminSection *self = XB_ADMIN_SECTION (object);
  XbAdminSectionPrivate *priv = PRIV (self);

  g_cancellable_cancel (priv->cancellable);
  g_clear_handle_id (&priv->reload_id, g_source_remove);
  set_engine (self, NULL);
  g_clear_object (&priv->client);
  g_clear_object (&priv->store);
  g_clear_object (&priv->cancellable);
  g_clear_pointer (&priv->toasts, gtk_widget_unparent);
  G_OBJECT_CLASS (xb_admin_section_parent_class)->dispose (object);
}

static void
xb_admin_section_class_init (XbAdminSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xb_admin_section_dispose;
  object_class->set_property = xb_admin_section_set_property;
  object_class->get_property = xb_admin_section_get_property;
  GTK_WIDGET_CLASS (klass)->map = xb_admin_section_map;
  props[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, XB_TYPE_STORE,
                                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  props[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, XB_TYPE_SYNC_CLIENT,
                                            G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  props[PROP_ENGINE] = g_param_spec_object ("engine", NULL, NULL, XB_TYPE_SYNC_ENGINE,
                                            G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
xb_admin_section_init (XbAdminSection *self)
{
  XbAdminSectionPrivate *priv = PRIV (self);

  priv->cancellable = g_cancellable_new ();
  priv->toasts = adw_toast_overlay_new ();
  priv->page = adw_preferences_page_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (priv->toasts), priv->page);
  gtk_widget_set_parent (priv->toasts, GTK_WIDGET (self));
}

void
xb_admin_mark_retired (GtkWidget  *row,
                       const char *name)
{
  GtkWidget *tag = gtk_label_new (_("Retired"));
  g_autofree char *label = g_strdup_printf (_("%s, retired"), name);

  gtk_widget_add_css_class (tag, "caption-heading");
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}
