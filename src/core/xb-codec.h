/* JSON wire shapes of items, events, units and users, with strict decoders. */
#pragma once

#include <json-glib/json-glib.h>

#include "xb-item.h"

G_BEGIN_DECLS

/* What a decoder accepts.  The text limits are in characters, not bytes,
 * so that forms can use them for Chinese text too. */
#define XB_JSON_MAX_BYTES     (1024 * 1024)
#define XB_JSON_MAX_DEPTH     32
#define XB_TITLE_MAX_CHARS    200
#define XB_BODY_MAX_CHARS     20000
#define XB_CATEGORY_MAX_CHARS 100
#define XB_COMMENT_MAX_CHARS  2000
#define XB_FILENAME_MAX_CHARS 255
/* One attachment's bytes at most (the server refuses more). */
#define XB_ATTACHMENT_MAX_BYTES (20 * 1024 * 1024)
#define XB_NAME_MAX_CHARS     100

/* The only way untrusted JSON text enters Xinbao.  Refuses, with
 * XB_ERROR_INVALID, text that is empty, longer than XB_JSON_MAX_BYTES
 * (@len -1: NUL-terminated), not UTF-8, holding a NUL, nested deeper than
 * XB_JSON_MAX_DEPTH, outside strict RFC 8259 syntax (no comments, single
 * quotes, leading zeros, control characters in strings, "\u0000", lone
 * surrogates), holding an integer beyond 64 bits, or followed by anything
 * but white space. */
JsonNode *xb_json_parse     (const char  *data,
                             gssize       len,
                             GError     **error);
/* TRUE when @s is NULL, empty or only Unicode white space. */
gboolean  xb_text_is_blank    (const char *s);
/* A new object node holding @obj (taken). */
JsonNode *xb_json_object_node (JsonObject *obj);
/* A new node {"@name": @value} (@value taken). */
JsonNode *xb_json_wrap        (const char *name,
                               JsonNode   *value);

/* Nullable fields (times and ids that are 0, strings that are NULL) are
 * written as null and may be absent on input; every other field of the
 * shape is required.  Unknown members are ignored.  UUIDs must be lower
 * case, times exactly as xb_time_format() writes them and after 1970. */
JsonNode *xb_item_to_node   (const XbItem *item);
XbItem   *xb_item_from_node (JsonNode     *node,
                             GError      **error);
char     *xb_item_to_json   (const XbItem *item);
XbItem   *xb_item_from_json (const char   *data,
                             gssize        len,
                             GError      **error);

JsonNode *xb_event_to_node   (const XbEvent *event);
XbEvent  *xb_event_from_node (JsonNode      *node,
                              GError       **error);
char     *xb_event_to_json   (const XbEvent *event);
XbEvent  *xb_event_from_json (const char    *data,
                              gssize         len,
                              GError       **error);

/* monthly_quota -1 (the kind's default) is written as null. */
JsonNode *xb_unit_to_node   (const XbUnit *unit);
XbUnit   *xb_unit_from_node (JsonNode     *node,
                             GError      **error);
char     *xb_unit_to_json   (const XbUnit *unit);
XbUnit   *xb_unit_from_json (const char   *data,
                             gssize        len,
                             GError      **error);

/* A user object carrying "password" or "password_hash" is refused, so a
 * secret can never travel inside one by mistake. */
JsonNode *xb_user_to_node   (const XbUser *user);
XbUser   *xb_user_from_node (JsonNode     *node,
                             GError      **error);
char     *xb_user_to_json   (const XbUser *user);
XbUser   *xb_user_from_json (const char   *data,
                             gssize        len,
                             GError      **error);

/* [{"sha256", "filename", "size"}, …] of XbAttachment*. */
JsonArray *xb_attachments_to_array (GPtrArray *attachments);

/* Commissioned requests (xb-store-requests.h): {"id", "topic", "deadline",
 * "created_by", "unit_ids": [..]}; "id" and "created_by" may be null or
 * absent on the way in. */
struct _XbRequest;
JsonNode          *xb_request_to_node   (const struct _XbRequest *request);
struct _XbRequest *xb_request_from_node (JsonNode *node, GError **error);

/* A unit's roster, past and present (xb-store-admin.h): {"unit_id",
 * "entries": [{"id", "user_id", "post": "leader"|"officer", "starts",
 * "ends": time or null}, …]}.  The decoder returns XbRosterEntry. */
JsonNode *xb_roster_to_node   (gint64 unit_id, GArray *entries);
GArray   *xb_roster_from_node (JsonNode *node, gint64 *unit_id, GError **error);

G_END_DECLS
