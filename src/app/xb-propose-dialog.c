/* The editor's proposal: a publication and the item's importance, which choose the sign-off chain. */
#include "config.h"

#include <glib/gi18n.h>

#include "xb-policy.h"
#include "xb-propose-dialog.h"

struct _XbProposeDialog
{
  AdwMessageDialog parent_instance;

  XbStore      *store;
  XbSyncEngine *engine;
  XbItem       *item;
  GPtrArray    *publications;  /* XbPublication*: those not retired */
  XbPolicy      policy;
  GtkWidget    *publication;
  GtkWidget    *importance;
  GtkWidget    *for_mayor;
  GtkWidget    *chain;
};

G_DEFINE_FINAL_TYPE (XbProposeDialog, xb_propose_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROPOSED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_chain (XbProposeDialog *self)
{
  XbImportance importance = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->importance));
  gboolean mayor = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->for_mayor));
  g_autofree char *text = xb_policy_chain_for (&self->policy, importance, mayor);
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autofree char *line = NULL;
  XbChain chain;

  gtk_widget_set_visible (self->for_mayor, importance == XB_IMPORTANCE_ESPECIALLY_MAJOR);
  if (xb_chain_parse (text, &chain))
    for (int i = 0; i < chain.n_roles; i++)
      g_string_append_printf (shown, "%s%s", i > 0 ? " → " : "", xb_role_label (chain.roles[i]));
  /* Translators: the signers an item goes to, in order */
  line = g_strdup_printf (_("Sign-off: %s"), shown->str);
  gtk_label_set_label (GTK_LABEL (self->chain), line);
}

static gboolean
edit_importance (XbProposeDialog *self, XbImportance importance, GError **error)
{
  g_autofree char *extra = NULL;

  if (importance == self->item->importance)
    return TRUE;
  extra = g_strdup_printf ("{\"importance\": \"%s\"}", xb_importance_to_string (importance));
  return xb_sync_engine_act (self->engine, self->item->uuid, XB_ACTION_EDIT, NULL, extra, error);
}

gboolean
xb_propose_dialog_propose (XbProposeDialog *self,
                           GError         **error)
{
  guint selected;
  XbImportance importance;
  g_autofree char *extra = NULL;
  gboolean mayor;

  g_return_val_if_fail (XB_IS_PROPOSE_DIALOG (self), FALSE);
  selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->publication));
  importance = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->importance));
  mayor = importance == XB_IMPORTANCE_ESPECIALLY_MAJOR
          && gtk_check_button_get_active (GTK_CHECK_BUTTON (self->for_mayor));
  if (self->engine == NULL)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_UNAUTHORIZED, _("Sign in to propose items.")), FALSE;
  if (selected >= self->publications->len)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID, _("Choose a publication.")), FALSE;
  if (!edit_importance (self, importance, error))
    return FALSE;
  extra = g_strdup_printf ("{\"publication_id\": %" G_GINT64_FORMAT ", \"for_mayor\": %s}",
                           ((XbPublication *) self->publications->pdata[selected])->id, mayor ? "true" : "false");
  if (!xb_sync_engine_act (self->engine, self->item->uuid, XB_ACTION_PROPOSE, NULL, extra, error))
    return FALSE;
  g_signal_emit (self, signals[PROPOSED], 0);
  return TRUE;
}

static void
on_response (XbProposeDialog *self, const char *response)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "propose") == 0 && !xb_propose_dialog_propose (self, &error))
    g_signal_emit (self, signals[FAILED], 0, error->message);
}

static GtkWidget *
labelled (GtkWidget *box, const char *label, GtkWidget *child)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_label_new (label);

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), child);
  gtk_box_append (GTK_BOX (box), row);
  return child;
}

static void
build (XbProposeDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *levels[XB_N_IMPORTANCES + 1] = { NULL };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);

  for (guint i = 0; i < self->publications->len; i++)
    gtk_string_list_append (names, ((XbPublication *) self->publications->pdata[i])->name);
  for (int i = 0; i < XB_N_IMPORTANCES; i++)
    levels[i] = xb_importance_label (i);
  self->publication = labelled (box, _("Publication"), gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
  self->importance = labelled (box, _("Importance"), gtk_drop_down_new_from_strings (levels));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->importance), self->item->importance);
  self->for_mayor = gtk_check_button_new_with_mnemonic (_("The _mayor signs too"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->for_mayor), self->item->for_mayor);
  gtk_box_append (GTK_BOX (box), self->for_mayor);
  self->chain = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->chain), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->chain), 0);
  gtk_widget_add_css_class (self->chain, "dim-label");
  gtk_box_append (GTK_BOX (box), self->chain);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);

  g_signal_connect_swapped (self->importance, "notify::selected", G_CALLBACK (update_chain), self);
  g_signal_connect_swapped (self->for_mayor, "toggled", G_CALLBACK (update_chain), self);
  update_chain (self);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "propose", self->publications->len > 0);
}

static void
xb_propose_dialog_dispose (GObject *object)
{
  XbProposeDialog *self = XB_PROPOSE_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->item, xb_item_free);
  g_clear_pointer (&self->publications, g_ptr_array_unref);
  G_OBJECT_CLASS (xb_propose_dialog_parent_class)->dispose (object);
}

static void
xb_propose_dialog_class_init (XbProposeDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_propose_dialog_dispose;
  signals[PROPOSED] = g_signal_new ("proposed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 0);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
xb_propose_dialog_init (XbProposeDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  adw_message_dialog_set_heading (dialog, _("Propose for a Publication?"));
  adw_message_dialog_set_body (dialog, _("The item goes to sign-off along the chain for its importance."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "propose", _("_Propose"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "propose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "propose");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (self, "response", G_CALLBACK (on_response), NULL);
}

XbProposeDialog *
xb_propose_dialog_new (GtkWindow    *parent,
                       XbStore      *store,
                       XbSyncEngine *engine,
                       const XbItem *item)
{
  XbProposeDialog *self;

  g_return_val_if_fail (XB_IS_STORE (store) && item != NULL, NULL);
  self = g_object_new (XB_TYPE_PROPOSE_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->store = g_object_ref (store);
  self->engine = engine != NULL ? g_object_ref (engine) : NULL;
  self->item = xb_item_copy (item);
  self->publications = xb_store_list_publications (store, NULL);
  if (self->publications == NULL)
    self->publications = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_publication_free);
  /* Nothing new is proposed for a retired periodical. */
  for (guint i = self->publications->len; i > 0; i--)
    if (((XbPublication *) self->publications->pdata[i - 1])->retired)
      g_ptr_array_remove_index (self->publications, i - 1);
  if (!xb_store_get_policy (store, &self->policy, NULL))
    xb_policy_init_defaults (&self->policy);
  build (self);
  return self;
}

guint
xb_propose_dialog_get_n_publications (XbProposeDialog *self)
{
  g_return_val_if_fail (XB_IS_PROPOSE_DIALOG (self), 0);
  return self->publications->len;
}

gboolean
xb_propose_dialog_choose (XbProposeDialog *self,
                          gint64           publication_id,
                          XbImportance     importance,
                          gboolean         for_mayor)
{
  g_return_val_if_fail (XB_IS_PROPOSE_DIALOG (self), FALSE);
  for (guint i = 0; i < self->publications->len; i++)
    if (((XbPublication *) self->publications->pdata[i])->id == publication_id)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->publication), i);
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->importance), importance);
        gtk_check_button_set_active (GTK_CHECK_BUTTON (self->for_mayor), for_mayor);
        return TRUE;
      }
  return FALSE;
}

const char *
xb_propose_dialog_get_chain_text (XbProposeDialog *self)
{
  g_return_val_if_fail (XB_IS_PROPOSE_DIALOG (self), NULL);
  return gtk_label_get_label (GTK_LABEL (self->chain));
}
