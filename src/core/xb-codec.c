/* JSON wire shapes of items, events, units and users, with strict decoders. */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "xb-codec.h"
#include "xb-store-requests.h"
#include "xb-store-admin.h"

static gboolean G_GNUC_PRINTF (2, 3)
invalid (GError    **error,
         const char *format,
         ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;
  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (XB_ERROR, XB_ERROR_INVALID, format, args));
  va_end (args);
  return FALSE;
}

/* ---- Lexical check ------------------------------------------------------
 * json-glib 1.6 recurses once per nesting level and so crashes on deep input;
 * it also accepts comments, single quotes, leading zeros, raw control
 * characters, trailing documents ("{}{}"), truncates strings at "\u0000" (a C
 * string ends there), turns lone surrogates into invalid UTF-8 and wraps
 * integers that overflow.  The text is checked here before it sees it. */

static const char *
skip_digits (const char *p,
             const char *end)
{
  while (p < end && g_ascii_isdigit (*p))
    p++;
  return p;
}

static gboolean
integer_fits (const char *digits,
              gsize       n,
              gboolean    negative)
{
  char buf[20];
  guint64 v;

  /* 19 digits hold every gint64, and never overflow a guint64. */
  if (n > 19)
    return FALSE;
  memcpy (buf, digits, n);
  buf[n] = '\0';
  v = g_ascii_strtoull (buf, NULL, 10);
  return v <= (guint64) G_MAXINT64 + (negative ? 1 : 0);
}

static const char *
scan_number (const char *start,
             const char *end,
             GError    **error)
{
  const char *p = start, *digits;
  gboolean negative = (*p == '-');
  gboolean integral = TRUE;

  if (negative)
    p++;
  digits = p;
  p = skip_digits (p, end);
  if (p == digits || (*digits == '0' && p - digits > 1))
    goto bad;
  if (p < end && *p == '.')
    {
      const char *frac = ++p;
      if ((p = skip_digits (p, end)) == frac)
        goto bad;
      integral = FALSE;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      const char *exp;
      if (++p < end && (*p == '+' || *p == '-'))
        p++;
      exp = p;
      if ((p = skip_digits (p, end)) == exp)
        goto bad;
      integral = FALSE;
    }
  if (integral && !integer_fits (digits, p - digits, negative))
    return invalid (error, "JSON: integer does not fit in 64 bits"), NULL;
  if (!integral)
    {
      /* A value that overflows to infinity would be written back as "inf". */
      g_autofree char *text = g_strndup (start, p - start);
      if (!isfinite (g_ascii_strtod (text, NULL)))
        return invalid (error, "JSON: number out of range"), NULL;
    }
  return p;

bad:
  invalid (error, "JSON: malformed number");
  return NULL;
}

/* The value of the four hex digits at @p, or -1. */
static int
hex4 (const char *p,
      const char *end)
{
  int v = 0;

  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return -1;
      v = v * 16 + g_ascii_xdigit_value (p[i]);
    }
  return v;
}

/* The \uXXXX escape (or surrogate pair) whose "u" is at @p; returns where it ends. */
static const char *
scan_unicode_escape (const char *p,
                     const char *end,
                     GError    **error)
{
  int v = hex4 (p + 1, end), low;

  if (v < 0)
    return invalid (error, "JSON: malformed \\u escape"), NULL;
  if (v == 0)
    return invalid (error, "JSON: string contains \\u0000"), NULL;
  /* json-glib writes these back raw, which no strict reader takes; only the
   * ones with a short escape (\b \t \n \f \r) travel safely. */
  if (v < 0x20 && v != '\b' && v != '\t' && v != '\n' && v != '\f' && v != '\r')
    return invalid (error, "JSON: string contains an escaped control character"), NULL;
  if (v >= 0xdc00 && v <= 0xdfff)
    return invalid (error, "JSON: lone surrogate in a string"), NULL;
  if (v < 0xd800 || v > 0xdbff)
    return p + 5;
  if (end - p < 11 || p[5] != '\\' || p[6] != 'u'
      || (low = hex4 (p + 7, end)) < 0xdc00 || low > 0xdfff)
    return invalid (error, "JSON: lone surrogate in a string"), NULL;
  return p + 11;
}

static const char *
scan_string (const char *p,
             const char *end,
             GError    **error)
{
  for (p++; p < end;)
    {
      if (*p == '"')
        return p + 1;
      if ((guchar) *p < 0x20)
        return invalid (error, "JSON: control character inside a string"), NULL;
      if (*p != '\\')
        p++;
      else if (++p == end)
        break;
      else if (*p == 'u')
        {
          if ((p = scan_unicode_escape (p, end, error)) == NULL)
            return NULL;
        }
      else if (*p != '\0' && strchr ("\"\\/bfnrt", *p) != NULL)
        p++;
      else
        return invalid (error, "JSON: unknown escape in a string"), NULL;
    }
  invalid (error, "JSON: unterminated string");
  return NULL;
}

static const char *
scan_literal (const char *p,
              const char *end,
              GError    **error)
{
  static const char *const words[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize n = strlen (words[i]);
      if ((gsize) (end - p) >= n && memcmp (p, words[i], n) == 0)
        return p + n;
    }
  invalid (error, "JSON: unexpected word");
  return NULL;
}

/* A string, number or literal starting at @p; returns where it ends. */
static const char *
scan_scalar (const char *p,
             const char *end,
             GError    **error)
{
  if (*p == '"')
    return scan_string (p, end, error);
  if (*p == '-' || g_ascii_isdigit (*p))
    return scan_number (p, end, error);
  if (*p == 't' || *p == 'f' || *p == 'n')
    return scan_literal (p, end, error);
  invalid (error, "JSON: unexpected character");
  return NULL;
}

static gboolean
check_syntax (const char *data,
              gsize       len,
              GError    **error)
{
  const char *p = data, *end = data + len;
  int depth = 0;
  gboolean done = FALSE;   /* the top-level value is complete */

  while (p < end)
    {
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
      else if (done)
        return invalid (error, "JSON: unexpected data after the document");
      else if (*p == '{' || *p == '[')
        {
          if (++depth > XB_JSON_MAX_DEPTH)
            return invalid (error, "JSON: nested deeper than %d levels", XB_JSON_MAX_DEPTH);
          p++;
        }
      else if (*p == '}' || *p == ']')
        {
          if (--depth < 0)
            return invalid (error, "JSON: unbalanced brackets");
          done = (depth == 0);
          p++;
        }
      else if (*p == ',' || *p == ':')
        p++;
      else if ((p = scan_scalar (p, end, error)) == NULL)
        return FALSE;
      else
        done = (depth == 0);
    }
  if (!done)
    return invalid (error, depth > 0 ? "JSON: the document is incomplete" : "JSON: the document is empty");
  return TRUE;
}

static gboolean
check_text (const char *data,
            gssize      len,
            gsize      *out_len,
            GError    **error)
{
  gsize n;

  if (data == NULL)
    return invalid (error, "JSON: the document is empty");
  n = len < 0 ? strlen (data) : (gsize) len;
  if (n > XB_JSON_MAX_BYTES)
    return invalid (error, "JSON: document of %" G_GSIZE_FORMAT " bytes, at most %d allowed",
                    n, XB_JSON_MAX_BYTES);
  if (memchr (data, '\0', n) != NULL)
    return invalid (error, "JSON: document contains a NUL byte");
  if (!g_utf8_validate (data, n, NULL))
    return invalid (error, "JSON: document is not valid UTF-8");
  *out_len = n;
  return TRUE;
}

JsonNode *
xb_json_parse (const char *data,
               gssize      len,
               GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  gsize n = 0;

  if (!check_text (data, len, &n, error) || !check_syntax (data, n, error))
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, n, &local_error))
    return invalid (error, "JSON: %s", local_error->message), NULL;
  root = json_parser_steal_root (parser);
  if (root == NULL)
    return invalid (error, "JSON: the document is empty"), NULL;
  return root;
}

gboolean
xb_text_is_blank (const char *s)
{
  for (; s != NULL && *s != '\0'; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

JsonNode *
xb_json_object_node (JsonObject *obj)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, obj);
  return node;
}

JsonNode *
xb_json_wrap (const char *name,
              JsonNode   *value)
{
  JsonObject *obj = json_object_new ();

  json_object_set_member (obj, name, value);
  return xb_json_object_node (obj);
}

/* ---- Reading members ----------------------------------------------------
 * Each reader leaves *out alone when a nullable member is null or absent,
 * so the defaults of xb_*_new() stand for "none". */

typedef enum {
  TEXT_REQUIRED = 0,
  TEXT_NULLABLE = 1 << 0,
  TEXT_NONBLANK = 1 << 1,
} TextFlags;

static gboolean
get_value (JsonObject *obj,
           const char *field,
           gboolean    nullable,
           GType       type,
           const char *what,
           JsonNode  **out,
           GError    **error)
{
  JsonNode *node = json_object_get_member (obj, field);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (nullable)
        return TRUE;
      return invalid (error, "“%s” is %s", field, node == NULL ? "missing" : "null");
    }
  if (json_node_get_value_type (node) != type)
    return invalid (error, "“%s” must be %s", field, what);
  *out = node;
  return TRUE;
}

/* Borrowed string of member @field; NULL with *error unset for null. */
static gboolean
get_string (JsonObject  *obj,
            const char  *field,
            gboolean     nullable,
            const char **out,
            GError     **error)
{
  JsonNode *node;

  *out = NULL;
  if (!get_value (obj, field, nullable, G_TYPE_STRING, "a string", &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  *out = json_node_get_string (node);
  /* Nodes built in memory never went through xb_json_parse(). */
  if (!g_utf8_validate (*out, -1, NULL))
    return invalid (error, "“%s” is not valid UTF-8", field);
  return TRUE;
}

static gboolean
read_text (JsonObject *obj,
           const char *field,
           TextFlags   flags,
           glong       max_chars,
           char      **out,
           GError    **error)
{
  const char *s;
  glong n;

  if (!get_string (obj, field, flags & TEXT_NULLABLE, &s, error))
    return FALSE;
  if (s == NULL)
    return TRUE;
  if ((n = g_utf8_strlen (s, -1)) > max_chars)
    return invalid (error, "“%s” is too long: %ld characters, at most %ld", field, n, max_chars);
  if ((flags & TEXT_NONBLANK) && xb_text_is_blank (s))
    return invalid (error, "“%s” is empty", field);
  g_free (*out);
  *out = g_strdup (s);
  return TRUE;
}

/* Lower case only, so that a UUID has one spelling and compares as a key. */
static gboolean
read_uuid (JsonObject *obj,
           const char *field,
           gboolean    nullable,
           char      **out,
           GError    **error)
{
  const char *s;

  if (!get_string (obj, field, nullable, &s, error))
    return FALSE;
  if (s == NULL)
    return TRUE;
  if (!g_uuid_string_is_valid (s))
    return invalid (error, "“%s” is not a UUID", field);
  for (const char *c = s; *c != '\0'; c++)
    if (g_ascii_isupper (*c))
      return invalid (error, "“%s” is not a lower-case UUID", field);
  g_free (*out);
  *out = g_strdup (s);
  return TRUE;
}

static gboolean
read_int64 (JsonObject *obj,
            const char *field,
            gboolean    nullable,
            gint64      min,
            gint64      max,
            gint64     *out,
            GError    **error)
{
  JsonNode *node;
  gint64 v;

  if (!get_value (obj, field, nullable, G_TYPE_INT64, "a whole number", &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  v = json_node_get_int (node);
  if (v < min)
    return invalid (error, "“%s” must be at least %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT,
                    field, min, v);
  if (v > max)
    return invalid (error, "“%s” must be at most %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT,
                    field, max, v);
  *out = v;
  return TRUE;
}

static gboolean
read_int (JsonObject *obj,
          const char *field,
          gboolean    nullable,
          int         min,
          int        *out,
          GError    **error)
{
  gint64 v = *out;

  if (!read_int64 (obj, field, nullable, min, G_MAXINT, &v, error))
    return FALSE;
  *out = (int) v;
  return TRUE;
}

/* Ids are never negative; 0 is "none" for the nullable ones. */
static gboolean
read_id (JsonObject *obj,
         const char *field,
         gboolean    nullable,
         gint64     *out,
         GError    **error)
{
  return read_int64 (obj, field, nullable, 0, G_MAXINT64, out, error);
}

static gboolean
read_bool (JsonObject *obj,
           const char *field,
           gboolean   *out,
           GError    **error)
{
  JsonNode *node;

  if (!get_value (obj, field, FALSE, G_TYPE_BOOLEAN, "true or false", &node, error))
    return FALSE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_time (JsonObject *obj,
           const char *field,
           gboolean    nullable,
           gint64     *out,
           GError    **error)
{
  const char *s;
  g_autofree char *canonical = NULL;
  gint64 t;

  if (!get_string (obj, field, nullable, &s, error))
    return FALSE;
  if (s == NULL)
    return TRUE;
  /* 0 means "not set", and only the spelling we write survives a round trip:
   * xb_time_parse() also takes week dates and leap seconds. */
  if (xb_time_parse (s, &t) && t > 0)
    canonical = xb_time_format (t);
  if (g_strcmp0 (s, canonical) != 0)
    return invalid (error, "“%s” is not a UTC time after 1970 like 2026-03-01T08:00:00Z", field);
  *out = t;
  return TRUE;
}

/* One reader per enumeration, since their wire-name parsers differ in type. */
#define XB_ENUM_READER(lower, Type)                                         \
  static gboolean                                                           \
  read_##lower (JsonObject *obj, const char *field, Type *out,              \
                GError **error)                                             \
  {                                                                         \
    const char *name;                                                       \
    if (!get_string (obj, field, FALSE, &name, error))                      \
      return FALSE;                                                         \
    if (!xb_##lower##_from_string (name, out))                              \
      return invalid (error, "“%s” has an unknown value", field);           \
    return TRUE;                                                            \
  }

XB_ENUM_READER (state, XbState)
XB_ENUM_READER (importance, XbImportance)
XB_ENUM_READER (item_type, XbItemType)
XB_ENUM_READER (angle, XbAngle)
XB_ENUM_READER (unit_kind, XbUnitKind)
XB_ENUM_READER (role, XbRole)
XB_ENUM_READER (action, XbAction)
XB_ENUM_READER (level, XbLevel)
XB_ENUM_READER (followup, XbFollowup)

/* A sign-off chain keeps its order, so it is not an XbRoles set. */
static gboolean
read_chain (JsonObject *obj,
            const char *field,
            char      **out,
            GError    **error)
{
  g_autofree char *chain = NULL;
  g_auto(GStrv) parts = NULL;

  /* Room for every role once, which is more than any policy asks for. */
  if (!read_text (obj, field, TEXT_NULLABLE | TEXT_NONBLANK, 256, &chain, error))
    return FALSE;
  if (chain == NULL)
    return TRUE;
  parts = g_strsplit (chain, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      XbRole role;
      if (!xb_role_from_string (parts[i], &role))
        return invalid (error, "“%s” is not a comma-separated list of roles", field);
    }
  g_free (*out);
  *out = g_steal_pointer (&chain);
  return TRUE;
}

static gboolean
get_array (JsonObject *obj,
           const char *field,
           JsonArray **out,
           GError    **error)
{
  JsonNode *node = json_object_get_member (obj, field);

  if (node == NULL)
    return invalid (error, "“%s” is missing", field);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, "“%s” must be an array", field);
  *out = json_node_get_array (node);
  return TRUE;
}

static JsonObject *
get_object (JsonNode   *node,
            const char *what,
            GError    **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, "%s: not a JSON object", what), NULL;
  return json_node_get_object (node);
}

/* ---- Writing members ---------------------------------------------------- */

static void
set_string (JsonObject *obj,
            const char *field,
            const char *s)
{
  if (s != NULL)
    json_object_set_string_member (obj, field, s);
  else
    json_object_set_null_member (obj, field);
}

static void
set_time (JsonObject *obj,
          const char *field,
          gint64      t)
{
  g_autofree char *s = t != 0 ? xb_time_format (t) : NULL;

  set_string (obj, field, s);
}

static void
set_optional_id (JsonObject *obj,
                 const char *field,
                 gint64      id)
{
  if (id != 0)
    json_object_set_int_member (obj, field, id);
  else
    json_object_set_null_member (obj, field);
}

static JsonNode *
object_node (JsonObject *obj)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, obj);
  return node;
}

static char *
node_to_json (JsonNode *node)
{
  g_autoptr(JsonNode) owned = node;

  return json_to_string (owned, FALSE);
}

/* ---- Events ------------------------------------------------------------- */

JsonNode *
xb_event_to_node (const XbEvent *event)
{
  JsonObject *obj = json_object_new ();

  set_string (obj, "id", event->id);
  set_string (obj, "action", xb_action_to_string (event->action));
  json_object_set_int_member (obj, "actor_id", event->actor_id);
  set_string (obj, "role", xb_role_to_string (event->role));
  set_time (obj, "at", event->at);
  set_string (obj, "from", xb_state_to_string (event->from));
  set_string (obj, "to", xb_state_to_string (event->to));
  set_string (obj, "comment", event->comment);
  /* Only text-setting events carry the text, so the feed stays small. */
  if (event->title != NULL)
    set_string (obj, "title", event->title);
  if (event->body != NULL)
    set_string (obj, "body", event->body);
  return object_node (obj);
}

static XbEvent *
event_from_object (JsonObject *obj,
                   GError    **error)
{
  g_autoptr(XbEvent) event = xb_event_new ();

  if (!read_uuid (obj, "id", FALSE, &event->id, error)
      || !read_action (obj, "action", &event->action, error)
      || !read_id (obj, "actor_id", FALSE, &event->actor_id, error)
      || !read_role (obj, "role", &event->role, error)
      || !read_time (obj, "at", FALSE, &event->at, error)
      || !read_state (obj, "from", &event->from, error)
      || !read_state (obj, "to", &event->to, error)
      || !read_text (obj, "comment", TEXT_NULLABLE, XB_COMMENT_MAX_CHARS, &event->comment, error)
      || !read_text (obj, "title", TEXT_NULLABLE, XB_TITLE_MAX_CHARS, &event->title, error)
      || !read_text (obj, "body", TEXT_NULLABLE, XB_BODY_MAX_CHARS, &event->body, error))
    return NULL;
  return g_steal_pointer (&event);
}

XbEvent *
xb_event_from_node (JsonNode *node,
                    GError  **error)
{
  JsonObject *obj = get_object (node, "event", error);
  XbEvent *event;

  if (obj == NULL)
    return NULL;
  if ((event = event_from_object (obj, error)) == NULL)
    g_prefix_error (error, "event: ");
  return event;
}

char *
xb_event_to_json (const XbEvent *event)
{
  return node_to_json (xb_event_to_node (event));
}

XbEvent *
xb_event_from_json (const char *data,
                    gssize      len,
                    GError    **error)
{
  g_autoptr(JsonNode) root = xb_json_parse (data, len, error);

  return root != NULL ? xb_event_from_node (root, error) : NULL;
}

/* ---- Items -------------------------------------------------------------- */

static void
set_item_text (JsonObject   *obj,
               const XbItem *item)
{
  set_string (obj, "uuid", item->uuid);
  json_object_set_int_member (obj, "unit_id", item->unit_id);
  json_object_set_int_member (obj, "author_id", item->author_id);
  set_string (obj, "title", item->title);
  set_string (obj, "body", item->body);
  set_string (obj, "category", item->category);
  set_string (obj, "type", xb_item_type_to_string (item->type));
  set_string (obj, "angle", xb_angle_to_string (item->angle));
  set_string (obj, "importance", xb_importance_to_string (item->importance));
  json_object_set_boolean_member (obj, "urgent", item->urgent);
  set_time (obj, "event_at", item->event_at);
  json_object_set_boolean_member (obj, "for_mayor", item->for_mayor);
}

static void
set_item_progress (JsonObject   *obj,
                   const XbItem *item)
{
  set_string (obj, "state", xb_state_to_string (item->state));
  json_object_set_int_member (obj, "revision", item->revision);
  set_string (obj, "signoff_chain", item->signoff_chain);
  json_object_set_int_member (obj, "signoff_step", item->signoff_step);
  set_optional_id (obj, "holder_id", item->holder_id);
  set_string (obj, "merged_into", item->merged_into);
  set_optional_id (obj, "request_id", item->request_id);
  set_optional_id (obj, "publication_id", item->publication_id);
  set_time (obj, "created_at", item->created_at);
  set_time (obj, "updated_at", item->updated_at);
  set_time (obj, "submitted_at", item->submitted_at);
  set_time (obj, "adopted_at", item->adopted_at);
}

static JsonNode *
adoption_to_node (const XbAdoption *a)
{
  JsonObject *obj = json_object_new ();

  set_optional_id (obj, "publication_id", a->publication_id);
  set_optional_id (obj, "issue_id", a->issue_id);
  set_string (obj, "level", xb_level_to_string (a->level));
  set_time (obj, "at", a->at);
  return object_node (obj);
}

static JsonNode *
instruction_to_node (const XbInstruction *n)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "id", n->id);
  set_string (obj, "leader", n->leader);
  set_string (obj, "level", xb_level_to_string (n->level));
  set_string (obj, "text", n->text);
  set_time (obj, "at", n->at);
  set_string (obj, "followup", xb_followup_to_string (n->followup));
  return object_node (obj);
}

JsonArray *
xb_attachments_to_array (GPtrArray *attachments)
{
  JsonArray *array = json_array_sized_new (attachments->len);

  for (guint i = 0; i < attachments->len; i++)
    {
      const XbAttachment *a = attachments->pdata[i];
      JsonObject *o = json_object_new ();
      set_string (o, "sha256", a->sha256);
      set_string (o, "filename", a->filename);
      json_object_set_int_member (o, "size", a->size);
      json_array_add_object_element (array, o);
    }
  return array;
}

static gboolean
read_attachment (JsonObject *obj, XbAttachment *a, GError **error)
{
  const char *sha;
  JsonNode *size;

  if (!read_text (obj, "sha256", TEXT_NONBLANK, 64, &a->sha256, error)
      || !read_text (obj, "filename", TEXT_NONBLANK, XB_FILENAME_MAX_CHARS, &a->filename, error))
    return FALSE;
  sha = a->sha256;
  if (strlen (sha) != 64 || strspn (sha, "0123456789abcdef") != 64)
    return invalid (error, "“sha256” must be 64 lower-case hex digits");
  if (strchr (a->filename, '/') != NULL)
    return invalid (error, "“filename” must not hold “/”");
  if (!get_value (obj, "size", FALSE, G_TYPE_INT64, "an integer", &size, error))
    return FALSE;
  a->size = json_node_get_int (size);
  if (a->size < 0)
    return invalid (error, "“size” must not be negative");
  return TRUE;
}

/* Optional: absent means "not known", an empty list means none. */
static gboolean
read_attachments (JsonObject *obj, XbItem *item, GError **error)
{
  JsonArray *array = NULL;

  if (!json_object_has_member (obj, "attachments"))
    return TRUE;
  if (!get_array (obj, "attachments", &array, error))
    return FALSE;
  item->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_attachment_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = get_object (json_array_get_element (array, i), "attachment", error);
      g_autoptr(XbAttachment) a = g_new0 (XbAttachment, 1);
      if (o == NULL || !read_attachment (o, a, error))
        return g_prefix_error (error, "attachments[%u]: ", i), FALSE;
      g_ptr_array_add (item->attachments, g_steal_pointer (&a));
    }
  return TRUE;
}

/* Adoptions and instructions travel with the item. */
static void
set_item_outcomes (JsonObject *obj, const XbItem *item)
{
  JsonArray *adoptions = json_array_sized_new (item->adoptions->len);
  JsonArray *instructions = json_array_sized_new (item->instructions->len);

  for (guint i = 0; i < item->adoptions->len; i++)
    json_array_add_element (adoptions, adoption_to_node (&g_array_index (item->adoptions, XbAdoption, i)));
  for (guint i = 0; i < item->instructions->len; i++)
    json_array_add_element (instructions, instruction_to_node (item->instructions->pdata[i]));
  json_object_set_array_member (obj, "adoptions", adoptions);
  json_object_set_array_member (obj, "instructions", instructions);
}

JsonNode *
xb_item_to_node (const XbItem *item)
{
  JsonObject *obj = json_object_new ();
  JsonArray *events = json_array_sized_new (item->events->len);

  set_item_text (obj, item);
  set_item_progress (obj, item);
  for (guint i = 0; i < item->events->len; i++)
    json_array_add_element (events, xb_event_to_node (item->events->pdata[i]));
  json_object_set_array_member (obj, "events", events);
  set_item_outcomes (obj, item);
  if (item->attachments != NULL)
    json_object_set_array_member (obj, "attachments", xb_attachments_to_array (item->attachments));
  return object_node (obj);
}

static gboolean
read_item_text (JsonObject *obj,
                XbItem     *item,
                GError    **error)
{
  return read_uuid (obj, "uuid", FALSE, &item->uuid, error)
      && read_id (obj, "unit_id", FALSE, &item->unit_id, error)
      && read_id (obj, "author_id", FALSE, &item->author_id, error)
      && read_text (obj, "title", TEXT_NONBLANK, XB_TITLE_MAX_CHARS, &item->title, error)
      && read_text (obj, "body", TEXT_REQUIRED, XB_BODY_MAX_CHARS, &item->body, error)
      && read_text (obj, "category", TEXT_REQUIRED, XB_CATEGORY_MAX_CHARS, &item->category, error)
      && read_item_type (obj, "type", &item->type, error)
      && read_angle (obj, "angle", &item->angle, error)
      && read_importance (obj, "importance", &item->importance, error)
      && read_bool (obj, "urgent", &item->urgent, error)
      && read_time (obj, "event_at", TRUE, &item->event_at, error)
      && read_bool (obj, "for_mayor", &item->for_mayor, error);
}

static gboolean
read_item_progress (JsonObject *obj,
                    XbItem     *item,
                    GError    **error)
{
  return read_state (obj, "state", &item->state, error)
      && read_int (obj, "revision", FALSE, 1, &item->revision, error)
      && read_chain (obj, "signoff_chain", &item->signoff_chain, error)
      && read_int (obj, "signoff_step", FALSE, 0, &item->signoff_step, error)
      && read_id (obj, "holder_id", TRUE, &item->holder_id, error)
      && read_uuid (obj, "merged_into", TRUE, &item->merged_into, error)
      && read_id (obj, "request_id", TRUE, &item->request_id, error)
      && read_id (obj, "publication_id", TRUE, &item->publication_id, error)
      && read_time (obj, "created_at", FALSE, &item->created_at, error)
      && read_time (obj, "updated_at", FALSE, &item->updated_at, error)
      && read_time (obj, "submitted_at", TRUE, &item->submitted_at, error)
      && read_time (obj, "adopted_at", TRUE, &item->adopted_at, error);
}

static gboolean
read_events (JsonObject *obj,
             XbItem     *item,
             GError    **error)
{
  JsonArray *events = NULL;

  if (!get_array (obj, "events", &events, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *e = get_object (json_array_get_element (events, i), "event", error);
      XbEvent *event = e != NULL ? event_from_object (e, error) : NULL;

      if (event == NULL)
        return g_prefix_error (error, "events[%u]: ", i), FALSE;
      g_ptr_array_add (item->events, event);
    }
  return TRUE;
}

static gboolean
read_adoption (JsonObject *obj, XbAdoption *a, GError **error)
{
  return read_id (obj, "publication_id", TRUE, &a->publication_id, error)
      && read_id (obj, "issue_id", TRUE, &a->issue_id, error)
      && read_level (obj, "level", &a->level, error)
      && read_time (obj, "at", FALSE, &a->at, error);
}

static gboolean
read_instruction (JsonObject *obj, XbInstruction *n, GError **error)
{
  return read_id (obj, "id", FALSE, &n->id, error)
      && read_text (obj, "leader", TEXT_NONBLANK, XB_NAME_MAX_CHARS, &n->leader, error)
      && read_level (obj, "level", &n->level, error)
      && read_text (obj, "text", TEXT_NONBLANK, XB_BODY_MAX_CHARS, &n->text, error)
      && read_time (obj, "at", FALSE, &n->at, error)
      && read_followup (obj, "followup", &n->followup, error);
}

/* Optional: items from before outcomes travelled have none. */
static gboolean
read_outcomes (JsonObject *obj, XbItem *item, GError **error)
{
  JsonArray *array = NULL;

  if (json_object_has_member (obj, "adoptions"))
    {
      if (!get_array (obj, "adoptions", &array, error))
        return FALSE;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *o = get_object (json_array_get_element (array, i), "adoption", error);
          XbAdoption a = { 0 };
          if (o == NULL || !read_adoption (o, &a, error))
            return g_prefix_error (error, "adoptions[%u]: ", i), FALSE;
          g_array_append_val (item->adoptions, a);
        }
    }
  if (json_object_has_member (obj, "instructions"))
    {
      if (!get_array (obj, "instructions", &array, error))
        return FALSE;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *o = get_object (json_array_get_element (array, i), "instruction", error);
          g_autoptr(XbInstruction) n = xb_instruction_new ();
          if (o == NULL || !read_instruction (o, n, error))
            return g_prefix_error (error, "instructions[%u]: ", i), FALSE;
          g_ptr_array_add (item->instructions, g_steal_pointer (&n));
        }
    }
  return TRUE;
}

XbItem *
xb_item_from_node (JsonNode *node,
                   GError  **error)
{
  JsonObject *obj = get_object (node, "item", error);
  g_autoptr(XbItem) item = NULL;

  if (obj == NULL)
    return NULL;
  item = xb_item_new ();
  if (!read_item_text (obj, item, error)
      || !read_item_progress (obj, item, error)
      || !read_events (obj, item, error)
      || !read_outcomes (obj, item, error)
      || !read_attachments (obj, item, error))
    return g_prefix_error (error, "item: "), NULL;
  return g_steal_pointer (&item);
}

char *
xb_item_to_json (const XbItem *item)
{
  return node_to_json (xb_item_to_node (item));
}

XbItem *
xb_item_from_json (const char *data,
                   gssize      len,
                   GError    **error)
{
  g_autoptr(JsonNode) root = xb_json_parse (data, len, error);

  return root != NULL ? xb_item_from_node (root, error) : NULL;
}

/* ---- Units -------------------------------------------------------------- */

JsonNode *
xb_unit_to_node (const XbUnit *unit)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "id", unit->id);
  set_string (obj, "name", unit->name);
  set_string (obj, "kind", xb_unit_kind_to_string (unit->kind));
  set_optional_id (obj, "parent_id", unit->parent_id);
  if (unit->monthly_quota >= 0)
    json_object_set_int_member (obj, "monthly_quota", unit->monthly_quota);
  else
    json_object_set_null_member (obj, "monthly_quota");
  json_object_set_boolean_member (obj, "retired", unit->retired);
  return object_node (obj);
}

XbUnit *
xb_unit_from_node (JsonNode *node,
                   GError  **error)
{
  JsonObject *obj = get_object (node, "unit", error);
  g_autoptr(XbUnit) unit = NULL;

  if (obj == NULL)
    return NULL;
  unit = xb_unit_new ();
  if (!read_id (obj, "id", FALSE, &unit->id, error)
      || !read_text (obj, "name", TEXT_NONBLANK, XB_NAME_MAX_CHARS, &unit->name, error)
      || !read_unit_kind (obj, "kind", &unit->kind, error)
      || !read_id (obj, "parent_id", TRUE, &unit->parent_id, error)
      || !read_int (obj, "monthly_quota", TRUE, 0, &unit->monthly_quota, error)
      || !read_bool (obj, "retired", &unit->retired, error))
    return g_prefix_error (error, "unit: "), NULL;
  return g_steal_pointer (&unit);
}

char *
xb_unit_to_json (const XbUnit *unit)
{
  return node_to_json (xb_unit_to_node (unit));
}

XbUnit *
xb_unit_from_json (const char *data,
                   gssize      len,
                   GError    **error)
{
  g_autoptr(JsonNode) root = xb_json_parse (data, len, error);

  return root != NULL ? xb_unit_from_node (root, error) : NULL;
}

/* ---- Users -------------------------------------------------------------- */

JsonNode *
xb_user_to_node (const XbUser *user)
{
  JsonObject *obj = json_object_new ();
  JsonArray *roles = json_array_new ();

  json_object_set_int_member (obj, "id", user->id);
  set_string (obj, "username", user->username);
  set_string (obj, "display_name", user->display_name);
  json_object_set_int_member (obj, "unit_id", user->unit_id);
  for (int r = 0; r < XB_N_ROLES; r++)
    if (user->roles & XB_ROLE_BIT (r))
      json_array_add_string_element (roles, xb_role_to_string (r));
  json_object_set_array_member (obj, "roles", roles);
  json_object_set_boolean_member (obj, "disabled", user->disabled);
  return object_node (obj);
}

static gboolean
read_roles (JsonObject *obj,
            XbRoles    *out,
            GError    **error)
{
  JsonArray *array = NULL;
  XbRoles roles = 0;

  if (!get_array (obj, "roles", &array, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      XbRole role;

      if (json_node_get_value_type (node) != G_TYPE_STRING
          || !xb_role_from_string (json_node_get_string (node), &role))
        return invalid (error, "“roles”[%u] is not a known role", i);
      roles |= XB_ROLE_BIT (role);
    }
  *out = roles;
  return TRUE;
}

static gboolean
has_secret (JsonObject *obj,
            GError    **error)
{
  static const char *const secrets[] = { "password", "password_hash" };

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (json_object_has_member (obj, secrets[i]))
      return !invalid (error, "“%s” must never travel inside a user", secrets[i]);
  return FALSE;
}

XbUser *
xb_user_from_node (JsonNode *node,
                   GError  **error)
{
  JsonObject *obj = get_object (node, "user", error);
  g_autoptr(XbUser) user = NULL;

  if (obj == NULL)
    return NULL;
  user = xb_user_new ();
  if (has_secret (obj, error)
      || !read_id (obj, "id", FALSE, &user->id, error)
      || !read_text (obj, "username", TEXT_NONBLANK, XB_NAME_MAX_CHARS, &user->username, error)
      || !read_text (obj, "display_name", TEXT_NONBLANK, XB_NAME_MAX_CHARS, &user->display_name, error)
      || !read_id (obj, "unit_id", FALSE, &user->unit_id, error)
      || !read_roles (obj, &user->roles, error)
      || !read_bool (obj, "disabled", &user->disabled, error))
    return g_prefix_error (error, "user: "), NULL;
  return g_steal_pointer (&user);
}

char *
xb_user_to_json (const XbUser *user)
{
  return node_to_json (xb_user_to_node (user));
}

XbUser *
xb_user_from_json (const char *data,
                   gssize      len,
                   GError    **error)
{
  g_autoptr(JsonNode) root = xb_json_parse (data, len, error);

  return root != NULL ? xb_user_from_node (root, error) : NULL;
}

/* ---- Commissioned requests ------------------------------------------------ */

JsonNode *
xb_request_to_node (const struct _XbRequest *request)
{
  JsonObject *obj = json_object_new ();
  JsonArray *units = json_array_new ();

  json_object_set_int_member (obj, "id", request->id);
  set_string (obj, "topic", request->topic);
  set_time (obj, "deadline", request->deadline);
  set_optional_id (obj, "created_by", request->created_by);
  for (guint i = 0; request->unit_ids != NULL && i < request->unit_ids->len; i++)
    json_array_add_int_element (units, g_array_index (request->unit_ids, gint64, i));
  json_object_set_array_member (obj, "unit_ids", units);
  return object_node (obj);
}

static gboolean
read_unit_ids (JsonObject *obj, GArray *out, GError **error)
{
  JsonArray *array;

  if (!get_array (obj, "unit_ids", &array, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gint64 id;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
          || (id = json_node_get_int (node)) <= 0)
        return invalid (error, "“unit_ids” must hold unit ids");
      g_array_append_val (out, id);
    }
  return TRUE;
}

struct _XbRequest *
xb_request_from_node (JsonNode *node,
                      GError  **error)
{
  JsonObject *obj = get_object (node, "request", error);
  struct _XbRequest *request;

  if (obj == NULL)
    return NULL;
  request = g_new0 (struct _XbRequest, 1);
  request->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!read_id (obj, "id", TRUE, &request->id, error)
      || !read_text (obj, "topic", TEXT_NONBLANK, XB_TITLE_MAX_CHARS, &request->topic, error)
      || !read_time (obj, "deadline", FALSE, &request->deadline, error)
      || !read_id (obj, "created_by", TRUE, &request->created_by, error)
      || !read_unit_ids (obj, request->unit_ids, error))
    {
      xb_commission_free (request);
      return g_prefix_error (error, "request: "), NULL;
    }
  return request;
}

/* ---- Rosters ------------------------------------------------------------- */

static JsonNode *
roster_entry_node (const XbRosterEntry *e)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "id", e->id);
  json_object_set_int_member (obj, "user_id", e->user_id);
  json_object_set_string_member (obj, "post", e->post == XB_POST_LEADER ? "leader" : "officer");
  set_time (obj, "starts", e->starts);
  set_time (obj, "ends", e->ends);
  return object_node (obj);
}

JsonNode *
xb_roster_to_node (gint64 unit_id, GArray *entries)
{
  JsonObject *obj = json_object_new ();
  JsonArray *array = json_array_new ();

  json_object_set_int_member (obj, "unit_id", unit_id);
  for (guint i = 0; i < entries->len; i++)
    json_array_add_element (array, roster_entry_node (&g_array_index (entries, XbRosterEntry, i)));
  json_object_set_array_member (obj, "entries", array);
  return object_node (obj);
}

static gboolean
read_post (JsonObject *obj, XbPost *out, GError **error)
{
  const char *name;

  if (!get_string (obj, "post", FALSE, &name, error))
    return FALSE;
  if (g_strcmp0 (name, "leader") != 0 && g_strcmp0 (name, "officer") != 0)
    return invalid (error, "“post” must be leader or officer");
  *out = g_str_equal (name, "leader") ? XB_POST_LEADER : XB_POST_OFFICER;
  return TRUE;
}

static gboolean
read_roster_entry (JsonNode *node, gint64 unit_id, XbRosterEntry *e, GError **error)
{
  JsonObject *obj = get_object (node, "roster entry", error);

  if (obj == NULL)
    return FALSE;
  e->unit_id = unit_id;
  if (!read_id (obj, "id", FALSE, &e->id, error)
      || !read_id (obj, "user_id", FALSE, &e->user_id, error)
      || !read_post (obj, &e->post, error)
      || !read_time (obj, "starts", FALSE, &e->starts, error)
      || !read_time (obj, "ends", TRUE, &e->ends, error))
    return FALSE;
  if (e->id <= 0 || e->user_id <= 0)
    return invalid (error, "a roster entry needs an id and a user_id");
  if (e->ends != 0 && e->ends <= e->starts)
    return invalid (error, "a roster entry must end after it starts");
  return TRUE;
}

GArray *
xb_roster_from_node (JsonNode *node, gint64 *unit_id, GError **error)
{
  JsonObject *obj = get_object (node, "roster", error);
  g_autoptr(GArray) entries = NULL;
  JsonArray *array;

  if (obj == NULL)
    return NULL;
  if (!read_id (obj, "unit_id", FALSE, unit_id, error) || !get_array (obj, "entries", &array, error))
    return g_prefix_error (error, "roster: "), NULL;
  if (*unit_id <= 0)
    return invalid (error, "roster: “unit_id” must be a unit id"), NULL;
  entries = g_array_new (FALSE, TRUE, sizeof (XbRosterEntry));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      XbRosterEntry e = { 0 };
      if (!read_roster_entry (json_array_get_element (array, i), *unit_id, &e, error))
        return g_prefix_error (error, "roster: "), NULL;
      g_array_append_val (entries, e);
    }
  return g_steal_pointer (&entries);
}
