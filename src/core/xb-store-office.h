/* The office's work queues in the store: the editors' inbox and each signer's sign-off queue. */
#pragma once

#include "xb-store.h"

G_BEGIN_DECLS

/* One row of a queue: what the list shows without loading the whole item. */
typedef struct {
  char        *uuid;
  char        *title;
  char        *unit_name;
  gint64       holder_id;      /* the editor who claimed it; 0 if none */
  char        *holder_name;    /* NULL when unclaimed */
  XbState      state;
  XbImportance importance;
  gboolean     urgent;
  gint64       deadline;       /* unix seconds; 0 unless urgent with an event time */
  gint64       submitted_at;   /* when it left its unit (made, for the office's own) */
  char        *signoff_chain;  /* NULL outside sign-off */
  int          signoff_step;
} XbQueueRow;

void       xb_queue_row_free            (XbQueueRow *row);

/* Every item waiting for the information section (submitted or being
 * edited): urgent ones first by deadline (those without an event time after
 * them), then the rest by submission time, oldest first. */
GPtrArray *xb_store_office_inbox        (XbStore *self, GError **error);

/* Items in sign-off whose current step is one of @roles, in the inbox's
 * order. */
GPtrArray *xb_store_office_signoff_queue (XbStore *self, XbRoles roles, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbQueueRow, xb_queue_row_free)

G_END_DECLS
