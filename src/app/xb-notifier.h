/* Desktop notifications for a reporting unit: its items returned, adopted, given a leader's instruction, and requests close to their deadline. */
#pragma once

#include <gio/gio.h>

#include "xb-store.h"
#include "xb-sync-engine.h"

G_BEGIN_DECLS

#define XB_TYPE_NOTIFIER (xb_notifier_get_type ())
G_DECLARE_FINAL_TYPE (XbNotifier, xb_notifier, XB, NOTIFIER, GObject)

/* Watches @engine's changes to @store's items and notifies through @app.
 * What happened before the first run is history, not news; what was
 * notified is remembered in the store, so a restart repeats nothing.
 * Signal "notification" (const char *id, GNotification *) comes just
 * before each is sent. */
XbNotifier *xb_notifier_new   (GApplication *app,
                               XbStore      *store,
                               XbSyncEngine *engine);
/* Listens to @engine's "items-changed" from now on (replacing any engine
 * before), checks requests' deadlines now, after each change and every hour.
 * xb_notifier_new() with an engine calls this. */
void        xb_notifier_attach (XbNotifier   *self,
                                XbSyncEngine *engine);
/* Notifies each request addressed to the signed-in user's unit, not yet
 * answered, whose deadline is within 48 hours after @now (Unix seconds),
 * once ever; returns how many notifications were sent. */
guint       xb_notifier_check_deadlines (XbNotifier *self,
                                         gint64      now);
/* Looks at @uuids now (what "items-changed" does); returns how many
 * notifications were sent. */
guint       xb_notifier_check (XbNotifier   *self,
                               const char * const *uuids);

G_END_DECLS
