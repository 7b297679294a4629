/* Statistics against a small hand-built dataset whose every figure is worked out here by hand. */
#include "config.h"

#include <string.h>

#include "xb-stats-export.h"

static char *tmpdir;
static XbStore *store;
static gint64 unit_a, unit_b, unit_c, unit_d, unit_e, unit_f, unit_g, office;

/* Times in China Standard Time, the office's calendar. */
static gint64
cst (int year, int month, int day, int hour, int minute, int second)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) dt = g_date_time_new (tz, year, month, day, hour, minute, second);

  return g_date_time_to_unix (dt);
}

static gint64
add_unit (const char *name, XbUnitKind kind, int quota)
{
  g_autoptr(XbUnit) unit = xb_unit_new ();

  unit->name = g_strdup (name);
  unit->kind = kind;
  unit->monthly_quota = quota;
  g_assert_true (xb_store_put_unit (store, unit, NULL));
  return unit->id;
}

static gint64 author;

/* An item with just the fields the counting rules read. */
static void
add_item (const char *uuid, gint64 unit, XbState state, gint64 submitted, gint64 adopted,
          const char *merged_into)
{
  g_autoptr(XbItem) item = xb_item_new ();
  g_autoptr(GError) error = NULL;
  XbEvent *e = xb_event_new ();

  item->uuid = g_strdup (uuid);
  item->unit_id = unit;
  item->author_id = author;
  item->title = g_strdup (uuid);
  item->state = state;
  item->created_at = item->updated_at = cst (2026, 6, 1, 9, 0, 0);
  item->submitted_at = submitted;
  item->adopted_at = adopted;
  item->merged_into = g_strdup (merged_into);
  e->id = g_uuid_string_random ();
  e->at = item->created_at;
  e->from = XB_STATE_NEW;
  e->to = XB_STATE_DRAFT;
  g_ptr_array_add (item->events, e);
  g_assert_true (xb_store_put_item (store, item, &error));
  g_assert_no_error (error);
}

#define U(n) "00000000-0000-4000-8000-0000000000" n

static void
set_request (const char *uuid, gint64 request_id)
{
  g_autoptr(XbItem) item = xb_store_get_item (store, uuid, NULL);

  item->request_id = request_id;
  g_assert_true (xb_store_put_item (store, item, NULL));
}

static void
set_research (const char *uuid)
{
  g_autoptr(XbItem) item = xb_store_get_item (store, uuid, NULL);

  item->type = XB_ITEM_TYPE_RESEARCH;
  g_assert_true (xb_store_put_item (store, item, NULL));
}

static void
add_forward (const char *uuid, gint64 at)
{
  g_autoptr(XbItem) item = xb_store_get_item (store, uuid, NULL);
  XbEvent *e = xb_event_new ();

  e->id = g_uuid_string_random ();
  e->action = XB_ACTION_FORWARD;
  e->at = at;
  e->from = e->to = XB_STATE_ADOPTED;
  g_ptr_array_add (item->events, e);
  g_assert_true (xb_store_put_item (store, item, NULL));
}

/* Outcomes for the assessment; the points are worked out in test_assessment. */
static void
add_outcomes (void)
{
  gint64 zwxx = xb_store_add_publication (store, "《政务信息》", "zwxx", NULL);
  gint64 mryq = xb_store_add_publication (store, "《每日要情》", "mryq", NULL);
  gint64 xxzb = xb_store_add_publication (store, "《信息专报》", "xxzb", NULL);
  gint64 r1 = xb_store_add_request (store, "汛期防灾", cst (2026, 8, 15, 18, 0, 0), 0, NULL);
  gint64 r2 = xb_store_add_request (store, "秋粮收购", cst (2026, 9, 3, 18, 0, 0), 0, NULL);

  xb_store_add_adoption (store, U ("01"), mryq, 0, XB_LEVEL_CITY, cst (2026, 7, 8, 10, 0, 0), NULL);
  add_forward (U ("01"), cst (2026, 7, 9, 10, 0, 0));
  xb_store_add_adoption (store, U ("09"), xxzb, 0, XB_LEVEL_CITY, cst (2026, 7, 25, 9, 0, 0), NULL);
  xb_store_add_adoption (store, U ("09"), 0, 0, XB_LEVEL_PROVINCE, cst (2026, 8, 1, 9, 0, 0), NULL);
  xb_store_add_instruction (store, U ("09"), "市长", XB_LEVEL_CITY, "好", cst (2026, 8, 2, 9, 0, 0),
                            XB_FOLLOWUP_RECEIVED, NULL);
  /* After the figures were taken: never counts. */
  xb_store_add_adoption (store, U ("06"), xxzb, 0, XB_LEVEL_CITY, cst (2026, 10, 15, 9, 0, 0), NULL);
  /* The comprehensive item M, from 乙县 ×2 and 丁局 ×1. */
  xb_store_add_adoption (store, U ("90"), zwxx, 0, XB_LEVEL_CITY, cst (2026, 8, 10, 9, 0, 0), NULL);
  xb_store_add_instruction (store, U ("90"), "国务院领导", XB_LEVEL_NATIONAL, "阅", cst (2026, 8, 20, 9, 0, 0),
                            XB_FOLLOWUP_HANDLING, NULL);
  /* Commissioned items: 甲县 answers r1 in time, 丁局 never; 己局 answers r2 late. */
  xb_store_add_request_unit (store, r1, unit_a, NULL);
  xb_store_add_request_unit (store, r1, unit_d, NULL);
  xb_store_add_request_unit (store, r2, unit_f, NULL);
  set_request (U ("06"), r1);
  set_request (U ("53"), r2);
  /* The direct-reporting point under 丙县. */
  add_item (U ("61"), unit_g, XB_STATE_ADOPTED, cst (2026, 8, 14, 9, 0, 0), cst (2026, 8, 15, 9, 0, 0), NULL);
  xb_store_add_adoption (store, U ("61"), xxzb, 0, XB_LEVEL_CITY, cst (2026, 8, 15, 9, 0, 0), NULL);
  set_research (U ("61"));
}

static void
build_dataset (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "stats.db", NULL);
  g_autoptr(XbUser) user = xb_user_new ();

  store = xb_store_open (path, NULL);
  unit_a = add_unit ("甲县人民政府办公室", XB_UNIT_KIND_COUNTY, -1);   /* 30 a month */
  unit_b = add_unit ("乙县人民政府办公室", XB_UNIT_KIND_COUNTY, 2);    /* override */
  unit_c = add_unit ("丙县人民政府办公室", XB_UNIT_KIND_COUNTY, -1);   /* sends nothing */
  unit_d = add_unit ("丁局", XB_UNIT_KIND_DEPARTMENT, -1);             /* 10 a month */
  unit_e = add_unit ("戊县人民政府办公室", XB_UNIT_KIND_COUNTY, 2);    /* ties with 乙县 */
  unit_f = add_unit ("己局", XB_UNIT_KIND_DEPARTMENT, 1);
  office = add_unit ("市政府办公室", XB_UNIT_KIND_OFFICE, -1);
  {
    g_autoptr(XbUnit) point = xb_unit_new ();
    point->name = g_strdup ("丙县某镇直报点");
    point->kind = XB_UNIT_KIND_DIRECT_POINT;
    point->parent_id = unit_c;
    g_assert_true (xb_store_put_unit (store, point, NULL));
    unit_g = point->id;
  }
  user->username = g_strdup ("u");
  user->display_name = g_strdup ("u");
  user->unit_id = unit_a;
  g_assert_true (xb_store_put_user (store, user, NULL, NULL));
  author = user->id;

  /* 甲县 */
  add_item (U ("01"), unit_a, XB_STATE_ADOPTED, cst (2026, 7, 5, 10, 0, 0), cst (2026, 7, 8, 10, 0, 0), NULL);
  add_item (U ("02"), unit_a, XB_STATE_ADOPTED, cst (2026, 6, 30, 23, 30, 0), cst (2026, 7, 2, 0, 0, 0), NULL); /* Q2 */
  add_item (U ("03"), unit_a, XB_STATE_DECLINED, cst (2026, 7, 1, 0, 0, 0), 0, NULL);   /* first second of Q3 */
  add_item (U ("04"), unit_a, XB_STATE_ADOPTED, cst (2026, 9, 30, 23, 59, 59), cst (2026, 10, 2, 9, 0, 0), NULL);
  add_item (U ("05"), unit_a, XB_STATE_SUBMITTED, cst (2026, 10, 1, 0, 0, 0), 0, NULL); /* Q4 */
  add_item (U ("06"), unit_a, XB_STATE_ADOPTED, cst (2026, 8, 1, 9, 0, 0), cst (2026, 10, 15, 9, 0, 0), NULL);
  add_item (U ("07"), unit_a, XB_STATE_DRAFT, 0, 0, NULL);
  add_item (U ("08"), unit_a, XB_STATE_UNIT_REVIEW, 0, 0, NULL);
  /* Returned and sent again: counted once, at its first submission. */
  add_item (U ("09"), unit_a, XB_STATE_ADOPTED, cst (2026, 7, 10, 9, 0, 0), cst (2026, 7, 25, 9, 0, 0), NULL);
  /* Comprehensive items of the office: M adopted, N still being edited. */
  add_item (U ("90"), office, XB_STATE_ADOPTED, 0, cst (2026, 8, 10, 9, 0, 0), NULL);
  add_item (U ("91"), office, XB_STATE_EDITING, 0, 0, NULL);
  /* 乙县: both merged into M, each gets the credit. */
  add_item (U ("11"), unit_b, XB_STATE_MERGED, cst (2026, 8, 3, 9, 0, 0), 0, U ("90"));
  add_item (U ("12"), unit_b, XB_STATE_MERGED, cst (2026, 8, 4, 9, 0, 0), 0, U ("90"));
  /* 丁局: one merged into M (credit), one into N (no credit yet). */
  add_item (U ("31"), unit_d, XB_STATE_MERGED, cst (2026, 8, 5, 9, 0, 0), 0, U ("90"));
  add_item (U ("32"), unit_d, XB_STATE_MERGED, cst (2026, 9, 1, 9, 0, 0), 0, U ("91"));
  /* 戊县: the same figures as 乙县. */
  add_item (U ("41"), unit_e, XB_STATE_ADOPTED, cst (2026, 8, 1, 9, 0, 0), cst (2026, 8, 3, 9, 0, 0), NULL);
  add_item (U ("42"), unit_e, XB_STATE_ADOPTED, cst (2026, 8, 2, 9, 0, 0), cst (2026, 8, 4, 9, 0, 0), NULL);
  /* 己局: three sent, none adopted, quota 3 met. */
  add_item (U ("51"), unit_f, XB_STATE_DECLINED, cst (2026, 9, 2, 9, 0, 0), 0, NULL);
  add_item (U ("52"), unit_f, XB_STATE_DECLINED, cst (2026, 9, 3, 9, 0, 0), 0, NULL);
  add_item (U ("53"), unit_f, XB_STATE_SUBMITTED, cst (2026, 9, 4, 9, 0, 0), 0, NULL);
  add_outcomes ();
}

static const XbUnitFigures *
find (GPtrArray *figures, gint64 unit)
{
  for (guint i = 0; i < figures->len; i++)
    if (((XbUnitFigures *) figures->pdata[i])->unit_id == unit)
      return figures->pdata[i];
  return NULL;
}

static void
expect (GPtrArray *figures, gint64 unit, guint submitted, guint adopted, double rate,
        int quota, gboolean met, guint rank)
{
  const XbUnitFigures *f = find (figures, unit);

  g_assert_nonnull (f);
  g_assert_cmpuint (f->submitted, ==, submitted);
  g_assert_cmpuint (f->adopted, ==, adopted);
  g_assert_cmpfloat_with_epsilon (f->adoption_rate, rate, 1e-9);
  g_assert_cmpint (f->quota, ==, quota);
  g_assert_cmpint (f->quota_met, ==, met);
  g_assert_cmpuint (f->rank, ==, rank);
}

static void
test_quarter (void)
{
  XbPeriod q3;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GError) error = NULL;

  xb_period_quarter (&q3, 2026, 3);
  figures = xb_stats_unit_figures (store, &q3, cst (2026, 10, 10, 0, 0, 0), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figures->len, ==, 7); /* the office is not ranked */
  /*        unit    sub ado rate  quota met   rank */
  expect (figures, unit_a, 5, 3, 0.6, 90, FALSE, 1);
  expect (figures, unit_b, 2, 2, 1.0, 6, FALSE, 2);
  expect (figures, unit_e, 2, 2, 1.0, 6, FALSE, 3);  /* tie: 乙 (U+4E59) before 戊 (U+620A) */
  expect (figures, unit_c, 0, 0, 0.0, 90, FALSE, 4);
  expect (figures, unit_d, 2, 1, 0.5, 30, FALSE, 1);
  expect (figures, unit_f, 3, 0, 0.0, 3, TRUE, 2);
  expect (figures, unit_g, 1, 1, 1.0, 0, TRUE, 1);
  /* Sorted by kind, then rank. */
  g_assert_cmpint (((XbUnitFigures *) figures->pdata[0])->unit_id, ==, unit_a);
  g_assert_cmpint (((XbUnitFigures *) figures->pdata[4])->unit_id, ==, unit_d);
}

/* Figures taken earlier do not see later adoptions. */
static void
test_taken_at (void)
{
  XbPeriod q3;
  g_autoptr(GPtrArray) figures = NULL;

  xb_period_quarter (&q3, 2026, 3);
  figures = xb_stats_unit_figures (store, &q3, cst (2026, 10, 1, 0, 0, 0), NULL, NULL);
  expect (figures, unit_a, 5, 2, 0.4, 90, FALSE, 1);
  g_clear_pointer (&figures, g_ptr_array_unref);
  figures = xb_stats_unit_figures (store, &q3, cst (2026, 8, 9, 0, 0, 0), NULL, NULL);
  expect (figures, unit_b, 2, 0, 0.0, 6, FALSE, 3); /* M not yet adopted */
}

static void
test_month_and_selection (void)
{
  XbPeriod july;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) figures = NULL;

  xb_period_month (&july, 2026, 7);
  g_array_append_val (ids, unit_a);
  g_array_append_val (ids, unit_b);
  figures = xb_stats_unit_figures (store, &july, cst (2026, 12, 1, 0, 0, 0), ids, NULL);
  g_assert_cmpuint (figures->len, ==, 2);
  expect (figures, unit_a, 3, 2, 2.0 / 3.0, 30, FALSE, 1);
  expect (figures, unit_b, 0, 0, 0.0, 2, FALSE, 2);
}

static const XbUnitScore *
find_score (GPtrArray *scores, gint64 unit)
{
  for (guint i = 0; i < scores->len; i++)
    if (((XbUnitScore *) scores->pdata[i])->unit_id == unit)
      return scores->pdata[i];
  return NULL;
}

static void
expect_score (GPtrArray *scores, gint64 unit, double total, double rolled_up, guint adoptions,
              guint instructions, guint missed, guint rank)
{
  const XbUnitScore *s = find_score (scores, unit);

  g_assert_nonnull (s);
  g_assert_cmpfloat_with_epsilon (s->total, total, 1e-9);
  g_assert_cmpfloat_with_epsilon (s->rolled_up, rolled_up, 1e-9);
  g_assert_cmpuint (s->adoptions, ==, adoptions);
  g_assert_cmpuint (s->instructions, ==, instructions);
  g_assert_cmpuint (s->missed_requests, ==, missed);
  g_assert_cmpuint (s->rank, ==, rank);
}

/* Default table: digest 3, special 10, 《政务信息》 2, forwarded 2, province 10,
 * city instruction 5, national instruction 100, missed request -10. */
static void
test_assessment (void)
{
  XbPeriod year;
  g_autoptr(GPtrArray) scores = NULL;
  g_autoptr(GError) error = NULL;

  xb_period_year (&year, 2026);
  scores = xb_stats_assessment (store, &year, cst (2026, 10, 10, 0, 0, 0), &error);
  g_assert_no_error (error);
  /* 甲县: digest 3 + forwarded 2 + special 10 + province 10 + city instruction 5. */
  expect_score (scores, unit_a, 30, 0, 3, 1, 0, 2);
  /* 乙县: two of M's three shares of (2 + 100). */
  expect_score (scores, unit_b, 68, 0, 1, 1, 0, 1);
  /* 丙县: nothing of its own, its direct-reporting point's 10 rolled up. */
  expect_score (scores, unit_c, 10, 10, 0, 0, 0, 3);
  expect_score (scores, unit_e, 0, 0, 0, 0, 0, 4);
  /* 丁局: one share of 102, minus 10 for the request it never answered. */
  expect_score (scores, unit_d, 24, 0, 1, 1, 1, 1);
  /* 己局: answered after the deadline. */
  expect_score (scores, unit_f, -10, 0, 0, 0, 1, 2);
  expect_score (scores, unit_g, 10, 0, 1, 0, 0, 1);
}

static void
test_award_lists (void)
{
  XbPeriod year, q3;
  gint64 taken = cst (2026, 10, 10, 0, 0, 0);
  g_autoptr(GPtrArray) research = NULL, instructed = NULL;
  g_autoptr(GArray) authors = NULL;

  xb_period_year (&year, 2026);
  xb_period_quarter (&q3, 2026, 3);
  set_research (U ("09"));
  /* 甲县's 09 has two adoptions (city and province), the point's 61 one. */
  research = xb_store_adopted_research_items (store, year.from, year.to, taken, NULL);
  g_assert_cmpuint (research->len, ==, 2);
  g_assert_cmpstr (((XbItem *) research->pdata[0])->uuid, ==, U ("09"));
  g_assert_cmpstr (((XbItem *) research->pdata[1])->uuid, ==, U ("61"));
  /* M drew a national instruction, 09 a city one. */
  instructed = xb_store_instructed_items (store, year.from, year.to, taken, NULL);
  g_assert_cmpuint (instructed->len, ==, 2);
  g_assert_cmpstr (((XbItem *) instructed->pdata[0])->uuid, ==, U ("90"));
  g_assert_cmpstr (((XbItem *) instructed->pdata[1])->uuid, ==, U ("09"));
  /* One author wrote everything: 15 sent in Q3, 9 adopted. */
  authors = xb_store_count_by_author (store, q3.from, q3.to, taken, NULL);
  g_assert_cmpuint (authors->len, ==, 1);
  g_assert_cmpuint (g_array_index (authors, XbAuthorCounts, 0).submitted, ==, 15);
  g_assert_cmpuint (g_array_index (authors, XbAuthorCounts, 0).adopted, ==, 9);
}

static void
test_csv (void)
{
  XbPeriod q3;
  g_autoptr(GPtrArray) figures = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *a_row = NULL;

  xb_period_quarter (&q3, 2026, 3);
  figures = xb_stats_unit_figures (store, &q3, cst (2026, 10, 10, 0, 0, 0), NULL, NULL);
  csv = xb_figures_to_csv (figures);
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "unit_id,unit_name,unit_kind,submitted,adopted,adoption_rate,quota,quota_met,rank_in_kind");
  a_row = g_strdup_printf ("%" G_GINT64_FORMAT ",甲县人民政府办公室,county,5,3,0.600,90,false,1", unit_a);
  g_assert_cmpstr (lines[1], ==, a_row);
  g_assert_cmpuint (g_strv_length (lines), ==, figures->len + 2); /* header, rows, final empty */
  g_assert_cmpstr (lines[figures->len + 1], ==, "");
}

/* A published bulletin's CSV reads back to the same figures. */
static void
test_csv_round_trip (void)
{
  XbPeriod q3;
  g_autoptr(GPtrArray) figures = NULL, back = NULL;
  g_autofree char *csv = NULL, *again = NULL;
  g_autoptr(GError) error = NULL;

  xb_period_quarter (&q3, 2026, 3);
  figures = xb_stats_unit_figures (store, &q3, cst (2026, 10, 10, 0, 0, 0), NULL, NULL);
  csv = xb_figures_to_csv (figures);
  back = xb_figures_from_csv (csv, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, figures->len);
  again = xb_figures_to_csv (back);
  g_assert_cmpstr (again, ==, csv);
  g_clear_pointer (&back, g_ptr_array_unref);
  back = xb_figures_from_csv ("unit_id,unit_name\n1,x\n", &error);
  g_assert_null (back);
  g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
  g_clear_error (&error);
  back = xb_figures_from_csv ("unit_id,unit_name,unit_kind,submitted,adopted,adoption_rate,quota,quota_met,rank_in_kind\n"
                              "1,x,county,3,1,0.333,90,maybe,1\n", &error);
  g_assert_null (back);
  g_assert_error (error, XB_ERROR, XB_ERROR_INVALID);
}

static void
test_csv_quoting (void)
{
  g_autoptr(GPtrArray) figures = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_unit_figures_free);
  XbUnitFigures *f = g_new0 (XbUnitFigures, 1);
  g_autofree char *csv = NULL;

  f->unit_id = 3;
  f->unit_name = g_strdup ("某局,\"办公室\"");
  f->kind = XB_UNIT_KIND_DEPARTMENT;
  f->adoption_rate = 2.0 / 3.0;
  g_ptr_array_add (figures, f);
  csv = xb_figures_to_csv (figures);
  g_assert_nonnull (strstr (csv, "\n3,\"某局,\"\"办公室\"\"\",department,0,0,0.667,0,false,0\n"));
}

static void
test_periods (void)
{
  XbPeriod p;

  g_assert_true (xb_period_parse_quarter ("2026Q3", &p));
  g_assert_cmpint (p.from, ==, cst (2026, 7, 1, 0, 0, 0));
  g_assert_cmpint (p.to, ==, cst (2026, 10, 1, 0, 0, 0));
  g_assert_cmpfloat (p.months, ==, 3);
  g_assert_false (xb_period_parse_quarter ("2026Q5", &p));
  g_assert_false (xb_period_parse_quarter ("2026Q3x", &p));
  g_assert_false (xb_period_parse_quarter ("26Q3", &p));
  xb_period_year (&p, 2026);
  g_assert_cmpint (p.to, ==, cst (2027, 1, 1, 0, 0, 0));
  g_assert_cmpfloat (p.months, ==, 12);
  xb_period_custom (&p, cst (2026, 7, 1, 0, 0, 0), cst (2026, 7, 1, 0, 0, 0) + 86400 * 365.25 / 2);
  g_assert_cmpfloat_with_epsilon (p.months, 6.0, 1e-9);
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("xb-stats-XXXXXX", NULL);
  build_dataset ();
  g_test_add_func ("/stats/quarter", test_quarter);
  g_test_add_func ("/stats/taken-at", test_taken_at);
  g_test_add_func ("/stats/month-and-selection", test_month_and_selection);
  g_test_add_func ("/stats/periods", test_periods);
  g_test_add_func ("/stats/assessment", test_assessment);
  g_test_add_func ("/stats/award-lists", test_award_lists);
  g_test_add_func ("/stats/csv", test_csv);
  g_test_add_func ("/stats/csv-quoting", test_csv_quoting);
  g_test_add_func ("/stats/csv-round-trip", test_csv_round_trip);
  rc = g_test_run ();
  g_clear_object (&store);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);
    if (system (cmd) != 0)
      rc = 1;
  }
  g_free (tmpdir);
  return rc;
}
