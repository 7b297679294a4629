/* Paged document layout on cairo and Pango: blocks flow down A4 pages, tables repeat their header. */
#include "config.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "xb-document.h"
#include "xb-types.h"

#define MARGIN_X   62.0
#define MARGIN_TOP 64.0
#define MARGIN_BOT 64.0
#define TEXT_W     (XB_PAGE_WIDTH - 2 * MARGIN_X)
#define ROW_H      19.0

#define SERIF "Noto Serif CJK SC"
#define SANS  "Noto Sans CJK SC"

typedef enum {
  BLOCK_MASTHEAD, BLOCK_HEADING, BLOCK_TITLE, BLOCK_PARAGRAPH, BLOCK_NOTE, BLOCK_TABLE, BLOCK_CHART
} BlockKind;

typedef struct {
  BlockKind    kind;
  char        *text;      /* title, heading or paragraph */
  char        *subtitle;
  char        *issuer;
  int          n_cols;
  GStrv        headers;
  double      *widths;
  GPtrArray   *rows;      /* GStrv */
  XbChartData *chart;
  double       height;
} Block;

struct _XbDocument {
  GPtrArray    *blocks;
  PangoContext *pango;    /* measures in points, the same for every target */
};

static void
block_free (Block *b)
{
  g_free (b->text);
  g_free (b->subtitle);
  g_free (b->issuer);
  g_strfreev (b->headers);
  g_free (b->widths);
  if (b->rows)
    g_ptr_array_unref (b->rows);
  xb_chart_data_free (b->chart);
  g_free (b);
}

XbDocument *
xb_document_new (void)
{
  XbDocument *doc = g_new0 (XbDocument, 1);
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *options = cairo_font_options_create ();

  doc->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  doc->pango = pango_font_map_create_context (map);
  pango_cairo_context_set_resolution (doc->pango, 72);
  /* Unhinted metrics: the page breaks are the same on paper, PDF and screen. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (doc->pango, options);
  cairo_font_options_destroy (options);
  return doc;
}

void
xb_document_free (XbDocument *doc)
{
  if (doc == NULL)
    return;
  g_ptr_array_unref (doc->blocks);
  g_object_unref (doc->pango);
  g_free (doc);
}

static Block *
add_block (XbDocument *doc, BlockKind kind, const char *text)
{
  Block *b = g_new0 (Block, 1);

  b->kind = kind;
  b->text = g_strdup (text);
  g_ptr_array_add (doc->blocks, b);
  return b;
}

void
xb_document_add_masthead (XbDocument *doc, const char *title, const char *subtitle, const char *issuer)
{
  Block *b = add_block (doc, BLOCK_MASTHEAD, title);

  b->subtitle = g_strdup (subtitle);
  b->issuer = g_strdup (issuer);
}

void
xb_document_add_heading (XbDocument *doc, const char *text)
{
  add_block (doc, BLOCK_HEADING, text);
}

void
xb_document_add_title (XbDocument *doc, const char *text)
{
  add_block (doc, BLOCK_TITLE, text);
}

void
xb_document_add_note (XbDocument *doc, const char *text)
{
  add_block (doc, BLOCK_NOTE, text);
}

void
xb_document_add_paragraph (XbDocument *doc, const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (int i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      add_block (doc, BLOCK_PARAGRAPH, lines[i]);
}

void
xb_document_add_table (XbDocument *doc, int n_cols, const char *const *headers,
                       const double *widths, GPtrArray *rows)
{
  Block *b = add_block (doc, BLOCK_TABLE, NULL);

  b->n_cols = n_cols;
  b->headers = g_strdupv ((char **) headers);
  b->widths = g_memdup2 (widths, sizeof (double) * n_cols);
  b->rows = rows;
}

void
xb_document_add_chart (XbDocument *doc, XbChartData *data, double height)
{
  Block *b = add_block (doc, BLOCK_CHART, NULL);

  b->chart = data;
  b->height = height;
}

/* ---- text ------------------------------------------------------------------- */

static PangoLayout *
layout (XbDocument *doc, const char *font, const char *text, double width, PangoAlignment align)
{
  PangoLayout *l = pango_layout_new (doc->pango);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (l, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (l, text, -1);
  pango_layout_set_width (l, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (l, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (l, align);
  return l;
}

static double
layout_height (PangoLayout *l)
{
  int w, h;

  pango_layout_get_size (l, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void
show (cairo_t *cr, PangoLayout *l, double x, double y)
{
  if (cr == NULL)
    return;
  pango_cairo_update_layout (cr, l);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, l);
}

static PangoLayout *
paragraph_layout (XbDocument *doc, const char *text)
{
  PangoLayout *l = layout (doc, SERIF " 11.5", text, TEXT_W, PANGO_ALIGN_LEFT);

  /* Chinese paragraphs open with a two-character indent. */
  pango_layout_set_indent (l, (int) (23 * PANGO_SCALE));
  pango_layout_set_line_spacing (l, 1.5);
  pango_layout_set_justify (l, TRUE);
  return l;
}

/* ---- flow ------------------------------------------------------------------- */

typedef struct {
  cairo_t *cr;      /* NULL while counting pages */
  int      target;  /* the page being drawn */
  int      page;
  double   y;
} Cursor;

static cairo_t *
drawing (Cursor *c)
{
  return c->page == c->target ? c->cr : NULL;
}

/* Moves to a new page unless @height still fits on this one. */
static gboolean
need (Cursor *c, double height)
{
  if (c->y + height <= XB_PAGE_HEIGHT - MARGIN_BOT || c->y <= MARGIN_TOP)
    return FALSE;
  c->page++;
  c->y = MARGIN_TOP;
  return TRUE;
}

static void
set_rgb (cairo_t *cr, guint32 hex)
{
  cairo_set_source_rgb (cr, ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0);
}

static void
flow_masthead (XbDocument *doc, Block *b, Cursor *c)
{
  g_autoptr(PangoLayout) title = layout (doc, SERIF " Bold 24", b->text, TEXT_W, PANGO_ALIGN_CENTER);
  g_autoptr(PangoLayout) sub = layout (doc, SERIF " 14", b->subtitle ? b->subtitle : "", TEXT_W, PANGO_ALIGN_CENTER);
  g_autoptr(PangoLayout) issuer = layout (doc, SANS " 10.5", b->issuer ? b->issuer : "", TEXT_W, PANGO_ALIGN_CENTER);
  double h = layout_height (title) + layout_height (sub) + layout_height (issuer) + 36;
  cairo_t *cr;

  need (c, h);
  if ((cr = drawing (c)) != NULL)
    set_rgb (cr, 0xc01c28); /* the red head of an official document */
  show (drawing (c), title, MARGIN_X, c->y);
  c->y += layout_height (title) + 8;
  if ((cr = drawing (c)) != NULL)
    set_rgb (cr, 0x241f31);
  show (drawing (c), sub, MARGIN_X, c->y);
  c->y += layout_height (sub) + 10;
  show (drawing (c), issuer, MARGIN_X, c->y);
  c->y += layout_height (issuer) + 6;
  if ((cr = drawing (c)) != NULL)
    {
      set_rgb (cr, 0xc01c28);
      cairo_set_line_width (cr, 1.6);
      cairo_move_to (cr, MARGIN_X, c->y);
      cairo_line_to (cr, XB_PAGE_WIDTH - MARGIN_X, c->y);
      cairo_stroke (cr);
      set_rgb (cr, 0x241f31);
    }
  c->y += 18;
}

/* Long paragraphs continue on the next page line by line. */
static void
flow_lines (PangoLayout *l, Cursor *c)
{
  PangoLayoutIter *iter = pango_layout_get_iter (l);
  double top = c->y;
  int page = c->page;

  do
    {
      PangoRectangle logical;
      int baseline = pango_layout_iter_get_baseline (iter);
      double line_top, line_h;
      cairo_t *cr;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line_top = (double) logical.y / PANGO_SCALE;
      line_h = (double) logical.height / PANGO_SCALE;
      if (c->page != page || c->y + (line_top - (c->y - top)) + line_h > XB_PAGE_HEIGHT - MARGIN_BOT)
        {
          /* Re-anchor the rest of the paragraph at the top of the next page. */
          if (c->page == page)
            {
              c->page++;
              top = MARGIN_TOP - line_top;
              page = c->page;
            }
        }
      if ((cr = drawing (c)) != NULL)
        {
          set_rgb (cr, 0x241f31);
          pango_cairo_update_layout (cr, l);
          cairo_move_to (cr, MARGIN_X + (double) logical.x / PANGO_SCALE,
                         top + (double) baseline / PANGO_SCALE);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      c->y = top + line_top + line_h;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static PangoLayout *
text_block_layout (XbDocument *doc, Block *b)
{
  switch (b->kind)
    {
    case BLOCK_HEADING: return layout (doc, SANS " Bold 13", b->text, TEXT_W, PANGO_ALIGN_LEFT);
    case BLOCK_TITLE: return layout (doc, SERIF " Bold 16", b->text, TEXT_W, PANGO_ALIGN_CENTER);
    case BLOCK_NOTE: return layout (doc, SERIF " 11", b->text, TEXT_W, PANGO_ALIGN_RIGHT);
    default: return paragraph_layout (doc, b->text);
    }
}

static void
flow_text (XbDocument *doc, Block *b, Cursor *c)
{
  gboolean heading = b->kind == BLOCK_HEADING || b->kind == BLOCK_TITLE;
  g_autoptr(PangoLayout) l = text_block_layout (doc, b);
  double h = layout_height (l);

  /* A heading never ends a page alone; a paragraph starts where it can. */
  need (c, heading ? h + 60 : MIN (h, 40));
  c->y += b->kind == BLOCK_TITLE ? 14 : heading ? 6 : 0;
  flow_lines (l, c);
  c->y += b->kind == BLOCK_TITLE ? 12 : heading ? 8 : 6;
}

static void
draw_row (XbDocument *doc, Block *b, cairo_t *cr, const char *const *cells, double y, gboolean header)
{
  double x = MARGIN_X;

  if (cr == NULL)
    return;
  if (header)
    {
      cairo_set_source_rgba (cr, 0, 0, 0, 0.06);
      cairo_rectangle (cr, MARGIN_X, y, TEXT_W, ROW_H);
      cairo_fill (cr);
    }
  for (int i = 0; i < b->n_cols; i++)
    {
      gboolean right = b->headers[i][0] == '#';
      const char *text = header && right ? b->headers[i] + 1 : cells[i] ? cells[i] : "";
      double w = b->widths[i] * TEXT_W;
      g_autoptr(PangoLayout) l = layout (doc, header ? SANS " Bold 9.5" : SANS " 9.5", text, w - 8,
                                         right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_END);
      set_rgb (cr, 0x241f31);
      show (cr, l, x + 4, y + (ROW_H - layout_height (l)) / 2);
      x += w;
    }
  cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN_X, y + ROW_H);
  cairo_line_to (cr, MARGIN_X + TEXT_W, y + ROW_H);
  cairo_stroke (cr);
}

static void
flow_table (XbDocument *doc, Block *b, Cursor *c)
{
  need (c, ROW_H * 3);
  draw_row (doc, b, drawing (c), (const char *const *) b->headers, c->y, TRUE);
  c->y += ROW_H;
  for (guint i = 0; i < b->rows->len; i++)
    {
      if (need (c, ROW_H))
        {
          /* The header again at the top of the next page. */
          draw_row (doc, b, drawing (c), (const char *const *) b->headers, c->y, TRUE);
          c->y += ROW_H;
        }
      draw_row (doc, b, drawing (c), b->rows->pdata[i], c->y, FALSE);
      c->y += ROW_H;
    }
  c->y += 12;
}

static void
flow_chart (XbDocument *doc, Block *b, Cursor *c)
{
  cairo_t *cr;

  need (c, b->height);
  if ((cr = drawing (c)) != NULL)
    {
      XbChartStyle style;
      xb_chart_style_init_print (&style);
      style.background.a = 0;
      cairo_save (cr);
      cairo_translate (cr, MARGIN_X, c->y);
      xb_chart_draw (cr, b->chart, &style, TEXT_W, b->height);
      cairo_restore (cr);
      xb_chart_style_clear (&style);
    }
  c->y += b->height + 12;
}

static int
flow (XbDocument *doc, cairo_t *cr, int target)
{
  Cursor c = { cr, target, 0, MARGIN_TOP };

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      Block *b = doc->blocks->pdata[i];
      switch (b->kind)
        {
        case BLOCK_MASTHEAD: flow_masthead (doc, b, &c); break;
        case BLOCK_HEADING:
        case BLOCK_TITLE:
        case BLOCK_NOTE:
        case BLOCK_PARAGRAPH: flow_text (doc, b, &c); break;
        case BLOCK_TABLE: flow_table (doc, b, &c); break;
        case BLOCK_CHART: flow_chart (doc, b, &c); break;
        }
    }
  return c.page + 1;
}

int
xb_document_n_pages (XbDocument *doc)
{
  return flow (doc, NULL, -1);
}

static void
draw_footer (XbDocument *doc, cairo_t *cr, int page)
{
  g_autofree char *text = g_strdup_printf ("— %d —", page + 1);
  g_autoptr(PangoLayout) l = layout (doc, SERIF " 10.5", text, TEXT_W, PANGO_ALIGN_CENTER);

  set_rgb (cr, 0x241f31);
  show (cr, l, MARGIN_X, XB_PAGE_HEIGHT - MARGIN_BOT + 24);
}

void
xb_document_draw_page (XbDocument *doc, cairo_t *cr, int page)
{
  cairo_save (cr);
  set_rgb (cr, 0x241f31);
  flow (doc, cr, page);
  draw_footer (doc, cr, page);
  cairo_restore (cr);
}

static gboolean
write_pages (XbDocument *doc, cairo_surface_t *surface, const char *what, GError **error)
{
  cairo_t *cr = cairo_create (surface);
  int n = xb_document_n_pages (doc);
  cairo_status_t status;

  for (int page = 0; page < n; page++)
    {
      xb_document_draw_page (doc, cr, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return g_set_error (error, XB_ERROR, XB_ERROR_FAILED, "Could not write %s: %s",
                        what, cairo_status_to_string (status)), FALSE;
  return TRUE;
}

gboolean
xb_document_write_pdf (XbDocument *doc, const char *path, GError **error)
{
  g_autofree char *what = g_strdup_printf ("“%s”", path);

  return write_pages (doc, cairo_pdf_surface_create (path, XB_PAGE_WIDTH, XB_PAGE_HEIGHT), what, error);
}

gboolean
xb_document_write_pdf_stream (XbDocument *doc, cairo_write_func_t write, void *closure, GError **error)
{
  return write_pages (doc, cairo_pdf_surface_create_for_stream (write, closure, XB_PAGE_WIDTH, XB_PAGE_HEIGHT),
                      "the PDF", error);
}
