/* layout: doc model + font metrics -> display list (rects, images, QR, positioned glyphs).
 * Pure C: the renderer only draws what this returns. layout.c holds the display list and the
 * panel templates (title, text, list, timeline, cards) with their fitting; JLREQ line
 * composition is para.c's (layout_text), the type scale theme.c's, the colours palette.c's. */
#ifndef ANNAI_LAYOUT_H
#define ANNAI_LAYOUT_H

#include <stdbool.h>
#include <stdint.h>
#include "annai/fonts.h" /* face_t */
#include "annai/panel.h"
#include "annai/theme.h"

struct phrase_model;

/* The metrics of one language's faces, and how its lines break. */
typedef struct {
    void *ud;
    float (*advance)(void *ud, int face, float px, uint32_t cp);
    float ascent_em;
    const struct phrase_model *phrase; /* the language's BudouX model for headings, or NULL */
    int face_base;          /* the language's face pair: face_base + face_t */
    lang_breaks_t breaks;   /* LANG_BREAKS_JA when zeroed */
    const char *unibreak;   /* NULL: "ja" */
    bool dots_below;        /* emphasis dots under the letters (Chinese), not over them */
} metrics_t;

typedef struct { float x, y, w, h; } rectf_t;

typedef enum { LAYOUT_DL_RECT, LAYOUT_DL_IMAGE, LAYOUT_DL_QR, LAYOUT_DL_DISC } dl_kind_t;

typedef struct {
    dl_kind_t kind;
    rectf_t r;
    uint32_t color; /* 0xAARRGGBB */
    const char *image;
    const unsigned char *qr;
    int qr_size;
} dl_item_t;

typedef struct {
    float x, y;     /* pen position on the baseline */
    uint32_t cp;
    uint32_t color; /* 0xAARRGGBB */
    uint16_t px;
    uint8_t face;
} dl_glyph_t;

typedef struct {
    char *text;
    int block, line, px;
    rectf_t r;
} dl_line_t;

typedef struct {
    int w, h;
    uint32_t bg;
    dl_item_t *items;
    int nitems, capitems;
    dl_glyph_t *glyphs;
    int nglyphs, capglyphs;
    dl_line_t *lines;
    int nlines, caplines;
    bool clipped;  /* text did not fit even at the smallest size and was cut with … */
    float scale;   /* type scale used after fitting (1 = the theme's size) */
    int weak_breaks; /* heading lines that had to end between words inside a phrase, or anywhere */
    const char *dropped; /* what was left out for want of room (a picture, the QR code), or NULL */
    float content_h; /* height laid out on (> h: the panel scrolls; the chrome covers the last chrome_h) */
} dlist_t;

typedef enum { LAYOUT_ALIGN_JUSTIFY, LAYOUT_ALIGN_LEFT, LAYOUT_ALIGN_CENTER } align_t;

/* Where a line may end: body text at every UAX #14 + kinsoku opportunity; headings at phrase
 * (文節) boundaries, between words inside a phrase only when no phrase fits (LAYOUT_BREAK_PHRASES),
 * or at either alike (LAYOUT_BREAK_WORDS). "|" and U+200B in a heading mark a boundary by hand. */
typedef enum { LAYOUT_BREAK_BODY = 0, LAYOUT_BREAK_PHRASES, LAYOUT_BREAK_WORDS } break_mode_t;

typedef struct {
    float px;
    float line_height;  /* multiple of px */
    uint32_t color;
    align_t align;
    float hang;         /* how far 。、 may hang past the column (px), 0 for none */
    face_t face;        /* base face; PANEL_STYLE_BOLD spans use FONTS_FACE_BOLD (both of the metrics' pair) */
    break_mode_t breaks;
} text_style_t;

void layout_dlist_clear(dlist_t *dl);
void layout_dlist_free(dlist_t *dl);
/* Appends an item (a rect, disc, image or QR code) at x,y of w x h; returns it for the rest. */
dl_item_t *layout_dlist_add(dlist_t *dl, dl_kind_t k, float x, float y, float w, float h, uint32_t color);

/* Lays out one panel at w x h, fitting text by shrinking, then by cutting with …. */
#define LAYOUT_MAX_SIDE 16384 /* larger sizes are laid out at this; smaller than 1 at 1 */
void layout_panel(const panel_t *p, int w, int h, const metrics_t *m, dlist_t *out);

/* How a visitor asked for the panel: the palette's colours, text scale, and whether a panel
 * that does not fit at that scale grows downwards (to scroll) instead of shrinking. */
struct palette;
typedef struct {
    const struct palette *pal;  /* NULL: the everyday palette */
    float text_scale;           /* 0 or 1: the theme's sizes */
    bool scroll;
    const span_t *title;        /* the title as spans (with readings), or NULL: p->title */
    int ntitle;
} layout_opts_t;
#define LAYOUT_MAX_PAGES 8      /* a scrolling panel is at most this many screens tall */
void layout_panel_opts(const panel_t *p, int w, int h, const metrics_t *m, const layout_opts_t *o, dlist_t *out);

/* Sets one run of spans in a column; returns the y below the last line. Lines that would
 * pass max_y are dropped and the last shown line ends with …; *clipped then becomes true.
 * Exposed for tests and for the on-screen chrome. */
float layout_text(dlist_t *dl, const metrics_t *m, const span_t *spans, int nspans, float x, float y,
                  float w, float max_y, const text_style_t *st, int block, bool *clipped);

/* palette_contrast, for the callers that ask layout (the colours are palette.h's). */
double layout_contrast(uint32_t a, uint32_t b);

#endif
