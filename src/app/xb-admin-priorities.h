/* The Administration page's section for the reporting priorities (报送要点) units file their items under, and the office's periodicals. */
#pragma once

#include "xb-admin-section.h"

G_BEGIN_DECLS

#define XB_TYPE_ADMIN_PRIORITIES (xb_admin_priorities_get_type ())
G_DECLARE_FINAL_TYPE (XbAdminPriorities, xb_admin_priorities, XB, ADMIN_PRIORITIES, XbAdminSection)

/* Most priorities a published list may hold (the server's limit). */
#define XB_MAX_PRIORITIES 100

/* Properties "store" (XbStore*: the published list and the periodicals),
 * "client" (XbSyncClient*, NULL offline: publishing and adding are then
 * refused with a message, nothing typed is lost) and "engine"
 * (XbSyncEngine*, kicked after a change so the feed brings it back). */
GtkWidget *xb_admin_priorities_new (void);

/* The list as typed (each line stripped of surrounding blanks), in order. */
GStrv      xb_admin_priorities_dup_typed (XbAdminPriorities *self);

G_END_DECLS
