/* layout: the display list and the fitting of a panel (layout.h): the templates (template.c)
 * lay a panel out at a scale; this shrinks the type (or, in larger text, grows the page) until
 * everything fits, then grows a short panel's text to use the screen. */
#include "annai/layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "annai/palette.h"
#include "para_private.h"
#include "template_private.h"

#define FIT_STEP 0.92f          /* each fitting pass shrinks type by 8% */
/* a short panel's body grows up to this, two steps up the FIT_STEP ladder (1/0.92^2 = 1.18):
 * 4.6% x 1.18 = 5.4% of the short side (59 px at 1080p), which still keeps ~30 characters a line
 * in a landscape column, inside JLREQ's comfortable range for text read standing; larger, a
 * paragraph breaks every few words */
#define GROW_MAX_SCALE 1.19f
#define GROW_MIN_ROOM 0.9f /* a panel using more of its height than this stays as it is */
#define PAGE_GROW 1.25f         /* a scrolling panel's page grows by this much per fitting pass */

/* ---- display list ---- */

dl_item_t *layout_dlist_add(dlist_t *dl, dl_kind_t k, float x, float y, float w, float h, uint32_t color)
{
    MEM_ARRAY_GROW(dl->items, dl->nitems, dl->capitems, dl->nitems + 1);
    dl_item_t *it = &dl->items[dl->nitems++];
    memset(it, 0, sizeof *it);
    it->kind = k;
    it->r = (rectf_t){x, y, w, h};
    it->color = color;
    return it;
}

void layout_dlist_clear(dlist_t *dl)
{
    for (int i = 0; i < dl->nlines; i++) free(dl->lines[i].text);
    dl->nitems = dl->nglyphs = dl->nlines = dl->weak_breaks = 0;
    dl->clipped = false;
    dl->dropped = NULL;
}

void layout_dlist_free(dlist_t *dl)
{
    layout_dlist_clear(dl);
    free(dl->items);
    free(dl->glyphs);
    free(dl->lines);
    memset(dl, 0, sizeof *dl);
}

float layout_text(dlist_t *dl, const metrics_t *m, const span_t *spans, int nspans, float x, float y,
                  float w, float max_y, const text_style_t *st, int block, bool *clipped)
{
    return para_set(dl, m, spans, nspans, x, y, w, max_y, st, block, clipped);
}

double layout_contrast(uint32_t a, uint32_t b) { return palette_contrast(a, b); }

static float used_bottom(const dlist_t *dl)
{
    float b = 0;
    for (int i = 0; i < dl->nlines; i++) b = fmaxf(b, dl->lines[i].r.y + dl->lines[i].r.h);
    for (int i = 0; i < dl->nitems; i++) b = fmaxf(b, dl->items[i].r.y + dl->items[i].r.h);
    return b;
}

/* Lays the panel out at scale s into a fresh list; keeps it when it fits without breaking a word
 * it kept whole before, else puts the old one back (no third pass to set it again). */
static bool fits_at(template_ctx_t *c, float s, int weak)
{
    dlist_t old = *c->dl;
    *c->dl = (dlist_t){.w = old.w, .h = old.h};
    float was = c->scale;
    c->scale = s;
    c->overflow = false;
    template_place(c);
    if (!c->overflow && c->dl->weak_breaks <= weak) {
        layout_dlist_free(&old);
        return true;
    }
    layout_dlist_free(c->dl);
    *c->dl = old;
    c->scale = was;
    c->overflow = false;
    return false;
}

/* A short panel's text grows to use the screen, up to GROW_MAX_SCALE. The text's height grows
 * with about the square of the scale, so the first try is the square root of the room left,
 * then a step down the ladder; else it stays as it was. */
static void grow(template_ctx_t *c, float bottom)
{
    int weak = c->dl->weak_breaks;
    float used = used_bottom(c->dl);
    if (used <= 0 || used >= bottom * GROW_MIN_ROOM) return;
    /* on the FIT_STEP ladder (1.087, 1.18), shared by all panels: every other scale would be a
     * new set of glyph sizes for the atlas */
    float want = fminf(GROW_MAX_SCALE, sqrtf(bottom / used)), s = 1.0f;
    while (s / FIT_STEP <= want + 0.001f) s /= FIT_STEP;
    for (; s > 1.001f; s *= FIT_STEP)
        if (fits_at(c, s, weak)) return;
}

void layout_panel(const panel_t *p, int w, int h, const metrics_t *m, dlist_t *out)
{
    layout_panel_opts(p, w, h, m, NULL, out);
}

void layout_panel_opts(const panel_t *p, int w, int h, const metrics_t *m, const layout_opts_t *o, dlist_t *out)
{
    /* a size from a window manager or a bad flag may be zero or negative: the theme's sizes
     * would then be negative and the shrink loop below would never reach its smallest scale */
    w = w < 1 ? 1 : w > LAYOUT_MAX_SIDE ? LAYOUT_MAX_SIDE : w;
    h = h < 1 ? 1 : h > LAYOUT_MAX_SIDE ? LAYOUT_MAX_SIDE : h;
    layout_dlist_clear(out);
    out->w = w;
    out->h = h;
    const palette_t *pal = o && o->pal ? o->pal : palette_get(PALETTE_NORMAL);
    span_t title = {p->title, NULL, PANEL_STYLE_BOLD};
    template_ctx_t c = {.dl = out, .m = m, .p = p, .scale = 1.0f, .pal = pal, .page_h = (float)h, .title = &title, .ntitle = 1};
    if (p->title_block.nspans) { /* the title with its readings */
        c.title = p->title_block.spans;
        c.ntitle = p->title_block.nspans;
    }
    if (o && o->title && o->ntitle > 0) {
        c.title = o->title;
        c.ntitle = o->ntitle;
    }
    theme_for_scaled(&c.t, w, h, o ? o->text_scale : 1.0f);
    c.accent = palette_accent(pal, p->has_accent, p->accent);
    c.ink = pal->ink;
    c.muted = pal->muted;
    /* the smallest legible scale; compared as a scale (not as px), so that rounding can never
     * keep the loop from reaching it (a fuzzer found that hang) */
    const float min_scale = fminf(1.0f, c.t.min_px / c.t.body_px);
    c.scroll = o && o->scroll;
    for (;;) {
        c.overflow = false;
        template_place(&c);
        if (!c.overflow) break;
        layout_dlist_clear(out);
        if (c.scroll) {
            /* larger text never shrinks back: the page grows and the visitor scrolls; what
             * does not fit even on the tallest page falls back to fitting on one screen */
            c.page_h = fminf(c.page_h * PAGE_GROW, (float)h * LAYOUT_MAX_PAGES);
            if (c.page_h < (float)h * LAYOUT_MAX_PAGES) continue;
            c.scroll = false;
            c.page_h = (float)h;
        }
        bool smallest = c.scale <= min_scale * 1.0001f;
        if (smallest && p->layout == PANEL_TIMELINE && !c.narrow_cols && c.dl->w >= c.dl->h) {
            /* the steps do not fit in rows of wide columns: narrower ones side by side first */
            c.narrow_cols = true;
            c.used_cols = 0;
            c.scale = 1.0f;
            continue;
        }
        if (smallest && c.used_cols > 1) {
            /* steps too narrow even at the smallest size: put them on more rails, start again */
            c.max_cols = (c.used_cols + 1) / 2;
            c.used_cols = 0;
            c.scale = 1.0f;
            continue;
        }
        if (smallest) { /* smallest legible size: cut with … */
            c.clip = true;
            template_place(&c);
            break;
        }
        c.scale = fmaxf(c.scale * FIT_STEP, min_scale);
    }
    if (c.scale >= 1.0f && !c.clip && p->layout != PANEL_TITLE && p->layout != PANEL_TIMELINE)
        grow(&c, (float)h - c.t.chrome_h - c.t.margin * TEMPLATE_BOTTOM_AIR_MARGINS);
    out->scale = c.scale;
    out->content_h = c.page_h;
}
