/* The languages of the server's answers: the compiled catalogs (xinbao.mo) held in memory, chosen per request by Accept-Language. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Marks a message for xgettext without translating it here: the server
 * translates per request, never through the process locale. */
#ifndef N_
#define N_(String) (String)
#endif

/* One language's messages; loaded once, never freed, read by any thread. */
typedef struct _XbCatalog XbCatalog;

/* Reads the catalogs now rather than at the first request, so that the
 * log names them (or says there are none) when the server starts. */
void             xb_catalog_load_all      (void);

/* The catalog that best answers @accept_language (an Accept-Language
 * header, may be NULL), or NULL for English: the messages as written.
 * The catalogs are loaded on the first call from $XB_LOCALEDIR (the build
 * tree's po/ directory in tests) or else the installed LOCALEDIR, each
 * LANG/LC_MESSAGES/xinbao.mo found there. */
const XbCatalog *xb_catalog_for_languages (const char *accept_language);

/* The catalog's name, such as "zh_CN"; "en" for NULL. */
const char      *xb_catalog_get_language  (const XbCatalog *catalog);

/* @msgid in @catalog's language, or @msgid itself when it has no
 * translation (or @catalog is NULL).  A translation whose conversions
 * differ from @msgid's was dropped when loading, so a format stays safe
 * to use with @msgid's arguments. */
const char      *xb_catalog_lookup        (const XbCatalog *catalog,
                                           const char      *msgid) G_GNUC_FORMAT (2);

/* @text, a message already formatted in English (a core GError's, a CSV
 * row's error): the translation of the same message, or a copy of @text.
 * Fixed messages are found by exact lookup; a formatted one (up to 2 KB)
 * is matched against the catalog's formats of %s (at most two), %d, %u,
 * %ld and %lld and rebuilt with its arguments in the translation, also
 * after a "Line %u: " prefix (formats ending in ": ").  An argument that
 * is itself a message (a state's label, an action's verb) is translated
 * too, as would be a user's text that happens to be one. */
char            *xb_catalog_translate_text (const XbCatalog *catalog,
                                            const char      *text);

G_END_DECLS
