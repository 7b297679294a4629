/* One information item as a list row: the columns of the item table as properties. */
#include "config.h"

#include <glib/gi18n.h>

#include "xb-item-object.h"

struct _XbItemObject
{
  GObject  parent_instance;
  XbItem  *item;
  char    *unit_name;
  char    *submitted;
  guint    queued;      /* outbox entries not yet acknowledged */
  char    *state_text;  /* the state label, with "queued" when it is */
  char    *note;        /* beside the state: why returned, where adopted */
};

G_DEFINE_FINAL_TYPE (XbItemObject, xb_item_object, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_TITLE,
  PROP_UNIT_NAME,
  PROP_STATE_LABEL,
  PROP_IMPORTANCE_LABEL,
  PROP_SUBMITTED,
  PROP_URGENT,
  PROP_URGENT_LABEL,
  PROP_NOTE,
  PROP_HAS_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
xb_format_local_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_seconds <= 0)
    return g_strdup ("—");
  dt = g_date_time_new_from_unix_local (unix_seconds);
  if (dt == NULL)
    return g_strdup ("—");
  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

static void
xb_item_object_finalize (GObject *object)
{
  XbItemObject *self = XB_ITEM_OBJECT (object);

  g_clear_pointer (&self->item, xb_item_free);
  g_clear_pointer (&self->unit_name, g_free);
  g_clear_pointer (&self->submitted, g_free);
  g_clear_pointer (&self->state_text, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (xb_item_object_parent_class)->finalize (object);
}

static void
xb_item_object_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  XbItemObject *self = XB_ITEM_OBJECT (object);

  switch (prop_id)
    {
    case PROP_UUID:
      g_value_set_string (value, xb_item_object_get_uuid (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, xb_item_object_get_title (self));
      break;
    case PROP_UNIT_NAME:
      g_value_set_string (value, xb_item_object_get_unit_name (self));
      break;
    case PROP_STATE_LABEL:
      g_value_set_string (value, xb_item_object_get_state_label (self));
      break;
    case PROP_IMPORTANCE_LABEL:
      g_value_set_string (value, xb_item_object_get_importance_label (self));
      break;
    case PROP_SUBMITTED:
      g_value_set_string (value, xb_item_object_get_submitted (self));
      break;
    case PROP_URGENT:
      g_value_set_boolean (value, xb_item_object_get_urgent (self));
      break;
    case PROP_URGENT_LABEL:
      /* Translators: a badge on urgent items (紧急信息) in the item table. */
      g_value_set_string (value, self->item->urgent ? _("Urgent") : "");
      break;
    case PROP_NOTE:
      g_value_set_string (value, xb_item_object_get_note (self));
      break;
    case PROP_HAS_NOTE:
      g_value_set_boolean (value, self->note != NULL && *self->note != '\0');
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
xb_item_object_class_init (XbItemObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = xb_item_object_finalize;
  object_class->get_property = xb_item_object_get_property;

  properties[PROP_UUID] = string_property ("uuid");
  properties[PROP_TITLE] = string_property ("title");
  properties[PROP_UNIT_NAME] = string_property ("unit-name");
  properties[PROP_STATE_LABEL] = string_property ("state-label");
  properties[PROP_IMPORTANCE_LABEL] = string_property ("importance-label");
  properties[PROP_SUBMITTED] = string_property ("submitted");
  properties[PROP_URGENT] =
    g_param_spec_boolean ("urgent", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_URGENT_LABEL] = string_property ("urgent-label");
  properties[PROP_NOTE] = string_property ("note");
  properties[PROP_HAS_NOTE] =
    g_param_spec_boolean ("has-note", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
xb_item_object_init (XbItemObject *self)
{
}

XbItemObject *
xb_item_object_new (XbItem     *item,
                    const char *unit_name)
{
  XbItemObject *self;

  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (XB_TYPE_ITEM_OBJECT, NULL);
  self->item = item;
  self->unit_name = g_strdup (unit_name ? unit_name : "");
  self->submitted = xb_format_local_time (item->submitted_at);
  return self;
}

const XbItem *
xb_item_object_get_item (XbItemObject *self)
{
  g_return_val_if_fail (XB_IS_ITEM_OBJECT (self), NULL);
  return self->item;
}

const char *
xb_item_object_get_uuid (XbItemObject *self)
{
  g_return_val_if_fail (XB_IS_ITEM_OBJECT (self), NULL);
  return self->item->uuid;
}

const char *
xb_item_object_get_title (XbItemObject *self)
{
  g_return_val_if_fail (XB_IS_ITEM_OBJECT (self), NULL);
  return self->item->title ? self->item->title : "";
}

const char *
xb_item_object_get_unit_name (XbItemObject *self)
{
  g_return_val_if_fail (XB_IS_ITEM_OBJECT (self), NULL);
  return self->unit_name;
}

const char *
xb_item_object_get_state_label (XbItemObject *self)
{
  g_return_val_if_fail (XB_IS_ITEM_OBJECT (self), NULL);
  if (self->queued == 0)
    return xb_state_label (self->item->state);
  g_free (self->state_text);
  /* Translators: an item's state while its change waits in the outbox */
  self->state_text = g_strdup_printf (_("%s · queued"), xb_state_label (self->item->state));
  return self->state_text;
}

const char *
xb_item_object_get_note (XbItemObject *self)
{
  g_return_val_if_fail (XB_IS_ITEM_OBJECT (self), NULL);
  return self->note ? self->note : "";
}

void
xb_item_object_set_note (XbItemObject *self,
                         const char   *note)
{
  g_return_if_fail (XB_IS_ITEM_OBJECT (self));
  if (g_strcmp0 (self->note, note) == 0)
    return;
  g_free (self->note);
  self->note = g_strdup (note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_NOTE]);
}

void
xb_item_object_set_queued (XbItemObject *self,
                           guint         queued)
{
  g_return_if_fail (XB_IS_ITEM_OBJECT (self));
  if (self->queued == queued)
    return;
  self->queued = queued;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);
}

guint
xb_item_object_get_queued (XbItemObject *self)
{
  g_return_val_if_fail (XB_IS_ITEM_OBJECT (self), 0);
  return self->queued;
}

const char *
xb_item_object_get_importance_label (XbItemObject *self)
{
  g_return_val_if_fail (XB_IS_ITEM_OBJECT (self), NULL);
  return xb_importance_label (self->item->importance);
}

const char *
xb_item_object_get_submitted (XbItemObject *self)
{
  g_return_val_if_fail (XB_IS_ITEM_OBJECT (self), NULL);
  return self->submitted;
}

gboolean
xb_item_object_get_urgent (XbItemObject *self)
{
  g_return_val_if_fail (XB_IS_ITEM_OBJECT (self), FALSE);
  return self->item->urgent;
}

void
xb_item_object_update (XbItemObject *self,
                       XbItem       *item,
                       const char   *unit_name)
{
  g_autoptr(XbItem) old = NULL;
  g_autofree char *old_unit_name = NULL;

  g_return_if_fail (XB_IS_ITEM_OBJECT (self));
  g_return_if_fail (item != NULL);

  old = g_steal_pointer (&self->item);
  old_unit_name = g_steal_pointer (&self->unit_name);
  self->item = item;
  self->unit_name = g_strdup (unit_name ? unit_name : "");
  g_free (self->submitted);
  self->submitted = xb_format_local_time (item->submitted_at);

  /* Only what changed: every notification re-renders a cell. */
  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (old->title, item->title) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  if (g_strcmp0 (old_unit_name, self->unit_name) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT_NAME]);
  if (old->state != item->state)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);
  if (old->importance != item->importance)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTANCE_LABEL]);
  if (old->submitted_at != item->submitted_at)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBMITTED]);
  if (old->urgent != item->urgent)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URGENT]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URGENT_LABEL]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}
