/* Who may see what: the rules of docs/PROTOCOL.md, "Visibility", in one place. */
#include "config.h"

#include "xb-server-private.h"

#define OFFICE_ROLES (XB_ROLE_BIT (XB_ROLE_EDITOR) | XB_ROLE_BIT (XB_ROLE_SECTION_CHIEF)    \
                      | XB_ROLE_BIT (XB_ROLE_DEPUTY_SECGEN) | XB_ROLE_BIT (XB_ROLE_DIRECTOR) \
                      | XB_ROLE_BIT (XB_ROLE_SECGEN) | XB_ROLE_BIT (XB_ROLE_DEPUTY_MAYOR)    \
                      | XB_ROLE_BIT (XB_ROLE_MAYOR) | XB_ROLE_BIT (XB_ROLE_ADMIN))
#define UNIT_ROLES (XB_ROLE_BIT (XB_ROLE_OFFICER) | XB_ROLE_BIT (XB_ROLE_UNIT_LEADER))

gboolean
xb_user_has_office_role (const XbUser *user)
{
  return user != NULL && (user->roles & OFFICE_ROLES) != 0;
}

gboolean
xb_user_can_see_item (const XbUser *user, const XbItem *item)
{
  if (user == NULL || item == NULL)
    return FALSE;
  /* The office sees what units sent (or it wrote), not their drafts. */
  if ((user->roles & OFFICE_ROLES) && (xb_item_has_left_unit (item) || item->unit_id == user->unit_id))
    return TRUE;
  if ((user->roles & UNIT_ROLES) && item->unit_id == user->unit_id)
    return TRUE;
  return (user->roles & XB_ROLE_BIT (XB_ROLE_VIEWER)) && item->state == XB_STATE_ADOPTED;
}

/* The same rules as xb_user_can_see_item(), in the form the feed's query takes. */
void
xb_user_feed_scope (const XbUser *user, XbFeedScope *scope)
{
  scope->all_items = (user->roles & OFFICE_ROLES) != 0;
  scope->unit_id = (user->roles & (UNIT_ROLES | OFFICE_ROLES)) ? user->unit_id : 0;
  scope->adopted_items = (user->roles & XB_ROLE_BIT (XB_ROLE_VIEWER)) != 0;
}
