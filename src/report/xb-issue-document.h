/* One issue of a publication (《政务信息》第12期) as a document: masthead, then each item with its source units. */
#pragma once

#include "xb-document.h"
#include "xb-store.h"

G_BEGIN_DECLS

XbDocument *xb_issue_document (XbStore    *store,
                               gint64      issue_id,
                               const char *office,
                               GError    **error);

G_END_DECLS
