/* What a list row says beside an item's state: the comment it was returned with, where and when it was adopted. */
#pragma once

#include "xb-store.h"

G_BEGIN_DECLS

/* The comment of @uuid's latest return, and when; FALSE when there is none. */
gboolean xb_store_last_return  (XbStore     *self,
                                const char  *uuid,
                                char       **comment,
                                gint64      *at);
/* @uuid's first adoption: the publication's name (NULL for the province's
 * or the State Council's) and when; FALSE when there is none. */
gboolean xb_store_first_adoption (XbStore     *self,
                                  const char  *uuid,
                                  char       **publication,
                                  gint64      *at);

typedef struct {
  char   *text;  /* the return's comment, or the publication's name; may be NULL */
  gint64  at;
} XbStoreNote;

/* The notes of a page of rows in one query: for each returned item of @items
 * (XbItem*) what xb_store_last_return() says, for each adopted one what
 * xb_store_first_adoption() says, by uuid (char* → XbStoreNote*); items with
 * neither are absent. */
GHashTable *xb_store_notes (XbStore    *self,
                            GPtrArray  *items,
                            GError    **error);

G_END_DECLS
