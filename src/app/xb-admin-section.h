/* The base of the Administration page's sections: the store, client and engine they share, a toast overlay around the section's page, a reload after each sync, and requests to the server with the server's refusal shown in plain words. */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "xb-store.h"
#include "xb-sync-client.h"
#include "xb-sync-engine.h"

G_BEGIN_DECLS

#define XB_TYPE_ADMIN_SECTION (xb_admin_section_get_type ())
G_DECLARE_DERIVABLE_TYPE (XbAdminSection, xb_admin_section, XB, ADMIN_SECTION, GtkWidget)

struct _XbAdminSectionClass
{
  GtkWidgetClass parent_class;

  /* Reads the section's data again (from the store, then the server when
   * online).  Called when the store or the client is set, and once after
   * each sync that ends (state back to idle), coalesced; while the section
   * is not shown, once when it is next shown instead. */
  void (*reload) (XbAdminSection *self);
};

/* Called with the answer's JSON object on a 2xx answer, or with NULL after
 * the refusal (the server's message), a network error or an unreadable
 * answer was shown as a toast.  Not called when the section is disposed or
 * the request was cancelled. */
typedef void (*XbAdminReply) (XbAdminSection *self,
                              JsonObject     *answer,
                              gpointer        user_data);

XbStore      *xb_admin_section_get_store       (XbAdminSection *self);
XbSyncClient *xb_admin_section_get_client      (XbAdminSection *self);
XbSyncEngine *xb_admin_section_get_engine      (XbAdminSection *self);
GCancellable *xb_admin_section_get_cancellable (XbAdminSection *self);

/* The section's content: an AdwPreferencesPage inside the toast overlay. */
AdwPreferencesPage *xb_admin_section_get_page  (XbAdminSection *self);

/* Shows @text (plain text, not markup) as a toast over the section. */
void          xb_admin_section_toast           (XbAdminSection *self,
                                                const char     *text);
void          xb_admin_section_reload          (XbAdminSection *self);

/* Sends @method @path with @body (a JSON node, or NULL for none).  Offline
 * (no client), toasts @offline_text and returns FALSE without calling @reply. */
gboolean      xb_admin_section_request         (XbAdminSection *self,
                                                const char     *method,
                                                const char     *path,
                                                JsonNode       *body,
                                                const char     *offline_text,
                                                XbAdminReply    reply,
                                                gpointer        user_data);

/* Rows in a preferences group that a reload replaces: add remembers the row
 * in @rows, clear removes every remembered row from its group. */
GtkWidget    *xb_admin_rows_add                (GtkWidget      *group,
                                                GPtrArray      *rows,
                                                const char     *title,
                                                const char     *subtitle);
void          xb_admin_rows_clear              (GPtrArray      *rows);
/* Dims @row and tags it "Retired"; screen readers hear "@name, retired". */
void          xb_admin_mark_retired            (GtkWidget      *row,
                                                const char     *name);

/* A member holding Unix seconds or an ISO 8601 time; 0 when absent or null. */
gint64        xb_admin_json_time               (JsonObject     *object,
                                                const char     *member);
/* "2026-03-20 17:00" in local time; "" for 0. */
char         *xb_admin_format_time             (gint64          when);
/* "2026-03-20" in local time; "" for 0. */
char         *xb_admin_format_day              (gint64          when);
/* "YYYY-MM-DD" as the start of that local day; -1 when malformed. */
gint64        xb_admin_parse_day               (const char     *text);
/* An account's display name from the store, else "User N". */
char         *xb_admin_user_name               (XbAdminSection *self,
                                                gint64          user_id);

G_END_DECLS
