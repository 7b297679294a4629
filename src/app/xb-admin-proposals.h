/* The Administration page's section for roster proposals: the units' officers' proposed changes, approved or rejected by the office. */
#pragma once

#include "xb-admin-section.h"

G_BEGIN_DECLS

#define XB_TYPE_ADMIN_PROPOSALS (xb_admin_proposals_get_type ())
G_DECLARE_FINAL_TYPE (XbAdminProposals, xb_admin_proposals, XB, ADMIN_PROPOSALS, XbAdminSection)

/* Properties "store", "client" and "engine" as every XbAdminSection.  The
 * pending proposals come from the server (none offline), newest first; a
 * decision kicks the engine so the roster comes back through the feed. */
GtkWidget *xb_admin_proposals_new (void);

G_END_DECLS
