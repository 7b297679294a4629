/* A reporting unit's progress against this month's quota, with the days left. */
#include "config.h"

#include <glib/gi18n.h>

#include "xb-quota-card.h"
#include "xb-stats.h"

struct _XbQuotaCard
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkLabel       *figures_label;
  GtkLabel       *days_label;
  GtkLevelBar    *bar;

  XbStore        *store;
  gint64          unit_id;
  guint           submitted;
  guint           adopted;
  int             quota;
  int             days_left;
};

G_DEFINE_FINAL_TYPE (XbQuotaCard, xb_quota_card, GTK_TYPE_WIDGET)

static void
xb_quota_card_dispose (GObject *object)
{
  XbQuotaCard *self = XB_QUOTA_CARD (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (xb_quota_card_parent_class)->dispose (object);
}

static void
xb_quota_card_class_init (XbQuotaCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xb_quota_card_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "quotacard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GtkLabel *
add_label (GtkWidget *box, const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

static void
xb_quota_card_init (XbQuotaCard *self)
{
  GtkWidget *title;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (self->box, "card");
  gtk_widget_set_margin_start (self->box, 6);
  gtk_widget_set_margin_end (self->box, 6);
  gtk_widget_set_margin_top (self->box, 6);
  title = GTK_WIDGET (add_label (self->box, "heading"));
  gtk_label_set_text (GTK_LABEL (title), _("This Month's Quota"));
  gtk_widget_set_margin_start (title, 12);
  gtk_widget_set_margin_top (title, 10);
  self->figures_label = add_label (self->box, NULL);
  self->bar = GTK_LEVEL_BAR (gtk_level_bar_new ());
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->bar));
  self->days_label = add_label (self->box, "dim-label");
  for (GtkWidget *child = gtk_widget_get_first_child (self->box); child; child = gtk_widget_get_next_sibling (child))
    {
      gtk_widget_set_margin_start (child, 12);
      gtk_widget_set_margin_end (child, 12);
    }
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->days_label), 10);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  self->quota = -1;
}

GtkWidget *
xb_quota_card_new (void)
{
  return g_object_new (XB_TYPE_QUOTA_CARD, NULL);
}

/* The month now, in China Standard Time, and the whole days left in it. */
static void
this_month (XbPeriod *period, int *days_left)
{
  g_autoptr(GTimeZone) cst = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (cst);
  gint64 today = g_date_time_to_unix (now) - g_date_time_get_hour (now) * 3600 -
                 g_date_time_get_minute (now) * 60 - g_date_time_get_second (now);

  xb_period_month (period, g_date_time_get_year (now), g_date_time_get_month (now));
  /* Today counts as a day left. */
  *days_left = (int) ((period->to - today + 86399) / 86400);
}

static void
show_figures (XbQuotaCard *self)
{
  g_autofree char *figures = NULL;
  g_autofree char *days = NULL;
  g_autofree char *accessible = NULL;

  if (self->quota > 0)
    figures = g_strdup_printf (_("%u of %d items sent, %u adopted"), self->submitted, self->quota, self->adopted);
  else
    figures = g_strdup_printf (_("%u items sent, %u adopted; no quota this month"), self->submitted, self->adopted);
  if (self->quota > 0 && (int) self->submitted >= self->quota)
    days = g_strdup (_("Quota met this month"));
  else
    days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left this month", "%d days left this month",
                                         self->days_left),
                            self->days_left);
  gtk_label_set_text (self->figures_label, figures);
  gtk_label_set_text (self->days_label, days);
  gtk_level_bar_set_max_value (self->bar, MAX (self->quota, 1));
  gtk_level_bar_set_value (self->bar, MIN ((double) self->submitted, MAX (self->quota, 1)));
  gtk_widget_set_visible (GTK_WIDGET (self->bar), self->quota > 0);
  accessible = g_strdup_printf ("%s. %s", figures, days);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("This Month's Quota"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible, -1);
}

void
xb_quota_card_refresh (XbQuotaCard *self)
{
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) figures = NULL;
  XbPeriod period;

  g_return_if_fail (XB_IS_QUOTA_CARD (self));
  if (self->store == NULL || self->unit_id == 0)
    return;
  this_month (&period, &self->days_left);
  g_array_append_val (units, self->unit_id);
  figures = xb_stats_unit_figures (self->store, &period, g_get_real_time () / G_USEC_PER_SEC, units, NULL);
  if (figures == NULL || figures->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  self->submitted = ((XbUnitFigures *) figures->pdata[0])->submitted;
  self->adopted = ((XbUnitFigures *) figures->pdata[0])->adopted;
  self->quota = ((XbUnitFigures *) figures->pdata[0])->quota;
  show_figures (self);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

void
xb_quota_card_set_store (XbQuotaCard *self,
                         XbStore     *store)
{
  g_autoptr(XbUser) user = NULL;
  g_autoptr(XbUnit) unit = NULL;

  g_return_if_fail (XB_IS_QUOTA_CARD (self));
  g_set_object (&self->store, store);
  user = store != NULL ? xb_store_dup_signed_in_user (store) : NULL;
  unit = user != NULL ? xb_store_get_unit (store, user->unit_id, NULL) : NULL;
  self->unit_id = unit != NULL && unit->kind != XB_UNIT_KIND_OFFICE ? unit->id : 0;
  self->quota = -1;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  xb_quota_card_refresh (self);
}

void
xb_quota_card_get_figures (XbQuotaCard *self,
                           guint       *submitted,
                           guint       *adopted,
                           int         *quota,
                           int         *days_left)
{
  g_return_if_fail (XB_IS_QUOTA_CARD (self));
  *submitted = self->submitted;
  *adopted = self->adopted;
  *quota = gtk_widget_get_visible (GTK_WIDGET (self)) ? self->quota : -1;
  *days_left = self->days_left;
}
