/* Word lists of the demo city (陇南, the city of the notice): units, names, topics and phrases. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

extern const char *const xb_demo_counties[];
extern const char *const xb_demo_departments[];
extern const char *const xb_demo_provincial[];
extern const char *const xb_demo_liaison[];
extern const char *const xb_demo_enterprises[];
extern const char *const xb_demo_direct_points[];   /* "name|parent county index" */
extern const char *const xb_demo_priorities[];      /* the notice's ten focus areas */
extern const char *const *const xb_demo_topics[];   /* per priority, NULL-terminated */
extern const char *const xb_demo_verbs[];
extern const char *const xb_demo_surnames[];
extern const char *const xb_demo_given[];
extern const char *const xb_demo_openings[];
extern const char *const xb_demo_measures[];
extern const char *const xb_demo_next_steps[];
extern const char *const xb_demo_return_comments[];
extern const char *const xb_demo_decline_comments[];
extern const char *const xb_demo_instructions[];
extern const char *const xb_demo_leaders[];

/* Number of entries of a NULL-terminated list. */
guint xb_demo_count (const char *const *list);

G_END_DECLS
