/* A reporting unit's progress against this month's quota, with the days left. */
#pragma once

#include <gtk/gtk.h>

#include "xb-store.h"

G_BEGIN_DECLS

#define XB_TYPE_QUOTA_CARD (xb_quota_card_get_type ())
G_DECLARE_FINAL_TYPE (XbQuotaCard, xb_quota_card, XB, QUOTA_CARD, GtkWidget)

GtkWidget *xb_quota_card_new        (void);
/* Shows the card when the store's signed-in user belongs to a reporting
 * unit, and hides it otherwise. */
void       xb_quota_card_set_store  (XbQuotaCard *self,
                                     XbStore     *store);
/* Counts again (after the store changed). */
void       xb_quota_card_refresh    (XbQuotaCard *self);
/* What the card shows, for tests: -1 quota when hidden. */
void       xb_quota_card_get_figures (XbQuotaCard *self,
                                      guint       *submitted,
                                      guint       *adopted,
                                      int         *quota,
                                      int         *days_left);

G_END_DECLS
