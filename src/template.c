/* template: the panel templates (title, text and list, timeline, cards), placing a panel's
 * blocks in proportions of the screen (template_private.h). */
#include "template_private.h"

#include <math.h>
#include <string.h>
#include "annai/heading.h"
#include "para_private.h"

#define BODY_LINE_HEIGHT 1.7f   /* JLREQ: 1.5-2.0 for horizontal body text */
#define HEADING_LINE_HEIGHT 1.35f
#define DISPLAY_LINE_HEIGHT 1.3f /* a title panel's title, step labels: large type set closer */
#define CAPTION_LINE_HEIGHT 1.4f /* the QR caption and a step's heading */
#define STEP_TEXT_LINE_HEIGHT 1.5f /* a step's or card's text under its heading: short lines */
#define MAX_GROUPS 24           /* timeline steps or cards shown; more are left out */
#define CONTENT_MAX_LABEL_SPANS 16
#define ROUNDING_SLACK_PX 0.5f  /* text ending within half a pixel of its region still fits */
#define TOP_MARGINS 0.8f        /* the content starts this many margins from the top */

/* header: the panel's title beside an accent bar, a rule under it */
#define HEADER_MAX_LINES 2    /* a panel title longer than this is set smaller */
#define HEADER_LINES_SCROLLING 6 /* in larger text the title may take more: the panel scrolls */
#define HEADER_SCALE_LEAD 1.1f  /* the title shrinks a step later than the body under it */
#define HEADER_MIN_OF_MIN 1.3f  /* and never below this many times the smallest body text */
#define HEADER_BAR_UNITS 1.1f   /* the accent bar's width */
#define HEADER_INDENT_BARS 2.6f /* the title starts this many bar widths in */
#define HEADER_BAR_INSET_EM 0.12f /* the bar starts at the ink, not at the leading above it */
#define HEADER_RULE_GAP_UNITS 1.2f
#define HEADER_RULE_UNITS 0.25f
#define RULE_MIN_PX 2.0f        /* thinner, a rule flickers on a scaled screen */
#define HEADER_AFTER_UNITS 2.4f

/* blocks in a column */
#define MIN_PICTURE_UNITS 8.0f /* a picture smaller than this on its short side is left out (--check) */
#define PICTURE_AFTER_UNITS 2.0f
#define PICTURE_MAX_SHARE 0.55f /* a picture in the text column takes at most this of its height */
#define HEADING_MIN_OF_MIN 1.1f /* a ## heading never below this many times the smallest body text */
#define HEADING_BEFORE_EM 0.4f  /* a heading under other text opens this much space above it */
#define HEADING_AFTER_EM 0.3f
#define PARAGRAPH_AFTER_EM 0.6f
#define SECONDARY_SCALE 0.92f   /* sub-items and a step's text: one FIT_STEP smaller than the body */
#define SUB_ITEM_INDENT_EM 1.4f
#define BULLET_EM 0.34f         /* a square bullet's side */
#define SUB_BULLET_EM 0.22f     /* a sub-item's round one */
#define BULLET_LEFT_EM 0.1f
#define BULLET_TEXT_EM 0.9f     /* the item's text starts this far right of the bullet's column */
#define ITEM_AFTER_EM 0.35f
#define SUB_ITEM_AFTER_EM 0.15f

/* the QR code: whole pixels a module, a 4-module quiet zone on each side (ISO/IEC 18004) */
#define QR_QUIET_MODULES 8      /* both sides' quiet zones */
#define QR_MIN_MODULE_PX 2      /* smaller, phone cameras at a kiosk's distance miss modules */
#define QR_MAX_UNITS 40         /* larger helps no camera and takes the text's room */
#define QR_CAPTION_OF_MIN 1.6f  /* a caption line's room, in smallest body text sizes */

/* text and list panels: a side column on a landscape screen, a band below on a portrait one */
#define FLOW_SIDE_TEXT_W 0.62f  /* landscape: the text column's share of the width */
#define FLOW_SIDE_MEDIA_X 0.66f /* where the media column starts (a gutter between) */
#define FLOW_SIDE_MEDIA_W 0.34f
#define FLOW_BAND_TEXT_H 0.58f  /* portrait: the text's share of the height */
#define FLOW_BAND_MEDIA_Y 0.62f
#define FLOW_BAND_MEDIA_H 0.38f
#define FLOW_BAND_PICS_W 0.58f  /* pictures and a QR code side by side in the band */
#define FLOW_BAND_QR_X 0.62f
#define FLOW_BAND_QR_W 0.38f

/* title panels */
#define TITLE_SCALE 1.45f       /* the title, in header titles */
#define TITLE_MIN_OF_MIN 1.5f
#define TITLE_RULE_UNITS 16     /* the rule under the title, centred */
#define TITLE_RULE_GAP_UNITS 2
#define TITLE_RULE_MIN_PX 3.0f
#define TITLE_RULE_THICK_UNITS 0.6f
#define TITLE_AFTER_UNITS 6     /* from the title's last line to the subtitles */
#define SUBTITLE_WIDTH_SHARE 0.88f
#define SUBTITLE_AFTER_EM 0.5f

/* timeline steps and cards */
#define STEP_HEAD_SCALE 1.04f   /* a step's heading, a little over the body */
#define STEP_HEAD_AFTER_EM 0.5f
#define STEP_TEXT_AFTER_EM 0.2f
#define TIMELINE_MIN_COL_EM 13.0f /* steps narrower than this (12 characters and a margin) go on more rails */
#define TIMELINE_NARROW_COL_EM 9.0f /* what a small screen falls back to before it cuts text */
#define TIMELINE_STOP_UNITS 1.6f /* a stop's radius */
#define TIMELINE_RAIL_UNITS 0.5f /* the rail's thickness */
#define TIMELINE_RAIL_MIN_PX 3.0f
#define TIMELINE_TEXT_DROP_UNITS 1.8f /* across: a step's text below its stop */
#define TIMELINE_COL_GAP_UNITS 3 /* across: between steps */
#define TIMELINE_INDENT_STOPS 3.2f /* down: the steps' text right of the rail, in stop radii */
#define TIMELINE_STOP_DROP_EM 0.2f /* down: a stop level with its step's first line */
#define TIMELINE_STEP_AFTER_UNITS 1.5f
#define CARDS_MAX_COLS 4
#define CARDS_ONE_ROW 3         /* landscape: up to this many cards in one row, more in two */
#define CARDS_GAP_UNITS 2.5f
#define CARDS_PAD_UNITS 2.6f
#define CARDS_PAD_TOP 1.2f      /* in pads: room under the accent stripe */
#define CARDS_PAD_BOTTOM 0.5f   /* in pads: where a card's text must end */
#define CARDS_PAD_AFTER 0.6f    /* in pads: a card under its text */
#define CARDS_STRIPE_UNITS 0.8f
#define CARDS_STRIPE_MIN_PX 4.0f

static text_style_t body_style(const template_ctx_t *c, float px)
{
    text_style_t st = {px, BODY_LINE_HEIGHT, c->ink, LAYOUT_ALIGN_JUSTIFY, px, FONTS_FACE_REGULAR, LAYOUT_BREAK_BODY};
    return st;
}

/* A block with no room for even its first line: the line above, the last shown, ends with … so
 * that a visitor sees the text goes on (it ended as if complete). */
static void ellipsis_on_last_line(template_ctx_t *c, float right)
{
    dlist_t *dl = c->dl;
    if (!dl->nlines) return;
    dl_line_t *l = &dl->lines[dl->nlines - 1];
    size_t len = strlen(l->text);
    if (len >= 3 && !strcmp(l->text + len - 3, "…")) return;
    int last = -1;
    for (int g = dl->nglyphs - 1; g >= 0 && last < 0; g--)
        if (dl->glyphs[g].px == l->px && dl->glyphs[g].y >= l->r.y && dl->glyphs[g].y <= l->r.y + l->r.h) last = g;
    if (last < 0) return;
    dl_glyph_t *g = &dl->glyphs[last];
    float ell = c->m->advance(c->m->ud, g->face, (float)g->px, PARA_ELLIPSIS), end = l->r.x + l->r.w;
    if (end + ell > right + ROUNDING_SLACK_PX) { /* no room after it: … takes the last character's place */
        g->cp = PARA_ELLIPSIS;
        while (len && ((unsigned char)l->text[len - 1] & 0xC0) == 0x80) len--;
        if (len) len--;
        l->text[len] = 0;
    } else {
        MEM_ARRAY_GROW(dl->glyphs, dl->nglyphs, dl->capglyphs, dl->nglyphs + 1);
        dl->glyphs[dl->nglyphs++] = (dl_glyph_t){end, dl->glyphs[last].y, PARA_ELLIPSIS, dl->glyphs[last].color,
                                                 dl->glyphs[last].px, dl->glyphs[last].face};
        l->r.w += ell;
    }
    l->text = mem_realloc(l->text, len + 4);
    memcpy(l->text + len, "…", 4);
}

/* Sets text in a region; in a measuring pass records overflow instead of cutting. */
static float text_in(template_ctx_t *c, const span_t *s, int n, float x, float y, float w, float bottom,
                     const text_style_t *st, int block)
{
    bool cut = false;
    int before = c->dl->nlines;
    float end = layout_text(c->dl, c->m, s, n, x, y, w, c->clip ? bottom : INFINITY, st, block, c->clip ? &cut : NULL);
    if (cut && c->dl->nlines == before) ellipsis_on_last_line(c, x + w);
    if (cut) c->dl->clipped = true;
    if (!c->clip && end > bottom + ROUNDING_SLACK_PX) c->overflow = true;
    return end;
}

static float header(template_ctx_t *c, float x, float y, float w)
{
    float px = fmaxf(c->t.title_px * fminf(1.0f, c->scale * HEADER_SCALE_LEAD), c->t.min_px * HEADER_MIN_OF_MIN);
    text_style_t st = {px, HEADING_LINE_HEIGHT, c->ink, LAYOUT_ALIGN_LEFT, 0, FONTS_FACE_BOLD, LAYOUT_BREAK_PHRASES};
    float bar = HEADER_BAR_UNITS * c->t.unit, tw = w - bar * HEADER_INDENT_BARS;
    /* larger text may take more lines: the panel scrolls */
    int max_lines = c->scroll ? HEADER_LINES_SCROLLING : HEADER_MAX_LINES;
    /* a long title gets smaller on its own (two lines at most), never the body under it */
    float fw = heading_fit(c->m, c->title, c->ntitle, tw, &st, c->scroll ? px : c->t.min_px * HEADER_MIN_OF_MIN, max_lines);
    float room = y + px * PARA_RUBY_MIN_LINE_HEIGHT * (float)(max_lines + 1);
    float end = text_in(c, c->title, c->ntitle, x + bar * HEADER_INDENT_BARS, y, fw, room, &st, -1);
    layout_dlist_add(c->dl, LAYOUT_DL_RECT, x, y + px * HEADER_BAR_INSET_EM, bar, end - y - px * (2 * HEADER_BAR_INSET_EM),
                     PALETTE_OPAQUE | c->accent);
    y = end + HEADER_RULE_GAP_UNITS * c->t.unit;
    layout_dlist_add(c->dl, LAYOUT_DL_RECT, x, y, w, fmaxf(RULE_MIN_PX, HEADER_RULE_UNITS * c->t.unit), c->pal->rule);
    return y + HEADER_AFTER_UNITS * c->t.unit;
}

static float image_block(template_ctx_t *c, const block_t *b, float x, float y, float w, float maxh)
{
    if (b->img_w <= 0 || b->img_h <= 0) return y;
    float s = fminf(w / (float)b->img_w, maxh / (float)b->img_h);
    float iw = (float)b->img_w * s, ih = (float)b->img_h * s;
    if (maxh <= 0 || fminf(iw, ih) < MIN_PICTURE_UNITS * c->t.unit) { /* a postage stamp helps no one */
        c->dl->dropped = "a picture has no room";
        return y;
    }
    dl_item_t *it = layout_dlist_add(c->dl, LAYOUT_DL_IMAGE, x + (w - iw) / 2, y, iw, ih, PALETTE_UNTINTED);
    it->image = b->image;
    return y + ih + PICTURE_AFTER_UNITS * c->t.unit;
}

static float item_block(template_ctx_t *c, const block_t *b, int bi, float x, float y, float w, float bottom, float px)
{
    bool sub = b->level > 1;
    float ipx = sub ? fmaxf(px * SECONDARY_SCALE, c->t.min_px) : px, indent = sub ? px * SUB_ITEM_INDENT_EM : 0;
    text_style_t st = body_style(c, ipx);
    if (sub) st.color = c->muted;
    float sq = ipx * (sub ? SUB_BULLET_EM : BULLET_EM), tx = x + indent + ipx * BULLET_TEXT_EM;
    int first = c->dl->nlines;
    float end = text_in(c, b->spans, b->nspans, tx, y, w - (tx - x), bottom, &st, bi);
    if (c->dl->nlines > first) { /* centred on the first line's base text, below any ruby over it */
        rectf_t r = c->dl->lines[first].r;
        layout_dlist_add(c->dl, sub ? LAYOUT_DL_DISC : LAYOUT_DL_RECT, x + indent + ipx * BULLET_LEFT_EM, r.y + r.h / 2 - sq / 2, sq, sq,
                 PALETTE_OPAQUE | (sub ? c->muted : c->accent));
    }
    return end + ipx * (sub ? SUB_ITEM_AFTER_EM : ITEM_AFTER_EM);
}

static float flow_block(template_ctx_t *c, const block_t *b, int bi, float x, float y, float w, float bottom, float top)
{
    float px = c->t.body_px * c->scale;
    if (px < c->t.min_px) px = c->t.min_px;
    switch (b->kind) {
    case PANEL_BLOCK_HEADING: {
        float hpx = fmaxf((b->level <= 2 ? c->t.h2_px : c->t.h3_px) * c->scale, c->t.min_px * HEADING_MIN_OF_MIN);
        if (y > top + 1) y += hpx * HEADING_BEFORE_EM;
        text_style_t st = {hpx, HEADING_LINE_HEIGHT, c->ink, LAYOUT_ALIGN_LEFT, 0, FONTS_FACE_BOLD, LAYOUT_BREAK_PHRASES};
        float hw = heading_fit(c->m, b->spans, b->nspans, w, &st, c->scroll ? hpx : c->t.min_px * HEADING_MIN_OF_MIN, 0);
        return text_in(c, b->spans, b->nspans, x, y, hw, bottom, &st, bi) + hpx * HEADING_AFTER_EM;
    }
    case PANEL_BLOCK_ITEM: return item_block(c, b, bi, x, y, w, bottom, px);
    case PANEL_BLOCK_IMAGE: return image_block(c, b, x, y, w, fminf(bottom - y, (bottom - top) * PICTURE_MAX_SHARE));
    default: {
        text_style_t st = body_style(c, px);
        return text_in(c, b->spans, b->nspans, x, y, w, bottom, &st, bi) + px * PARAGRAPH_AFTER_EM;
    }
    }
}

static float qr_block(template_ctx_t *c, float x, float y, float w, float bottom)
{
    const panel_t *p = c->p;
    float cap = p->qr_caption ? c->t.min_px * QR_CAPTION_OF_MIN : 0;
    float side = fminf(w, bottom - y - cap);
    if (side > QR_MAX_UNITS * c->t.unit) side = QR_MAX_UNITS * c->t.unit;
    if (side < (float)(p->qr_size + QR_QUIET_MODULES) * QR_MIN_MODULE_PX) {
        if (!c->clip) c->overflow = true;
        else c->dl->dropped = "the QR code has no room (2 px a module at least)";
        return y;
    }
    float mod = floorf(side / (float)(p->qr_size + QR_QUIET_MODULES));
    float qs = mod * (float)(p->qr_size + QR_QUIET_MODULES), qx = x + (w - qs) / 2;
    dl_item_t *it = layout_dlist_add(c->dl, LAYOUT_DL_QR, qx, y, qs, qs, PALETTE_QR_DARK);
    it->qr = p->qr_modules;
    it->qr_size = p->qr_size;
    y += qs + c->t.unit;
    if (p->qr_caption) {
        span_t s = {p->qr_caption, NULL, 0};
        text_style_t st = {c->t.min_px, CAPTION_LINE_HEIGHT, c->ink, LAYOUT_ALIGN_CENTER, 0, FONTS_FACE_REGULAR, LAYOUT_BREAK_BODY};
        y = text_in(c, &s, 1, x, y, w, bottom, &st, -2);
    }
    return y;
}

static bool has_pictures(const panel_t *p)
{
    for (int i = 0; i < p->nblocks; i++)
        if (p->blocks[i].kind == PANEL_BLOCK_IMAGE) return true;
    return false;
}

static bool has_media(const panel_t *p) { return p->qr_modules || has_pictures(p); }

/* Text and list panels: blocks flow down a column; images and the QR code get a side column
 * on a landscape screen and a band below on a portrait one. */
static void flow(template_ctx_t *c, rectf_t area)
{
    rectf_t text = area, media = {0, 0, 0, 0};
    bool landscape = c->dl->w >= c->dl->h;
    if (has_media(c->p)) {
        if (landscape) {
            media = (rectf_t){area.x + area.w * FLOW_SIDE_MEDIA_X, area.y, area.w * FLOW_SIDE_MEDIA_W, area.h};
            text.w = area.w * FLOW_SIDE_TEXT_W;
        } else {
            media = (rectf_t){area.x, area.y + area.h * FLOW_BAND_MEDIA_Y, area.w, area.h * FLOW_BAND_MEDIA_H};
            text.h = area.h * FLOW_BAND_TEXT_H;
        }
    }
    /* pictures and a QR code share the media room: side by side in a portrait band, the QR code
     * under the pictures in a landscape column, with its room kept free of them */
    rectf_t pics = media, qr = media;
    bool both = c->p->qr_modules && has_pictures(c->p);
    if (both && !landscape) {
        pics.w = media.w * FLOW_BAND_PICS_W;
        qr = (rectf_t){media.x + media.w * FLOW_BAND_QR_X, media.y, media.w * FLOW_BAND_QR_W, media.h};
    } else if (both) {
        float qh = fminf(media.w, QR_MAX_UNITS * c->t.unit) + (c->p->qr_caption ? c->t.min_px * (2 * QR_CAPTION_OF_MIN) : 0) + c->t.unit;
        pics.h = fmaxf(0, media.h - qh);
    }
    float y = text.y, my = pics.y;
    for (int i = 0; i < c->p->nblocks; i++) {
        const block_t *b = &c->p->blocks[i];
        if (b->kind == PANEL_BLOCK_IMAGE) my = image_block(c, b, pics.x, my, pics.w, pics.y + pics.h - my);
        else y = flow_block(c, b, i, text.x, y, text.w, text.y + text.h, text.y);
    }
    if (both && landscape) qr.y = my;
    if (c->p->qr_modules) qr_block(c, qr.x, both ? qr.y : my, qr.w, media.y + media.h);
}

static void shift_since(dlist_t *dl, int items, int glyphs, int lines, float dy)
{
    for (int i = items; i < dl->nitems; i++) dl->items[i].r.y += dy;
    for (int i = glyphs; i < dl->nglyphs; i++) dl->glyphs[i].y += dy;
    for (int i = lines; i < dl->nlines; i++) dl->lines[i].r.y += dy;
}

/* Title panels: a dark accent field, the title large and centred, the rest centred below. */
static void title(template_ctx_t *c, rectf_t area)
{
    const palette_t *pal = c->pal;
    uint32_t on = pal->on_accent;
    c->dl->bg = palette_title_field(pal, c->accent);
    int i0 = c->dl->nitems, g0 = c->dl->nglyphs, l0 = c->dl->nlines;
    float tpx = fmaxf(c->t.title_px * TITLE_SCALE * c->scale, c->t.min_px * TITLE_MIN_OF_MIN);
    text_style_t st = {tpx, DISPLAY_LINE_HEIGHT, on, LAYOUT_ALIGN_CENTER, 0, FONTS_FACE_BOLD, LAYOUT_BREAK_PHRASES};
    /* larger text keeps its size (the page scrolls): the title is not set smaller to fit */
    float tw = heading_fit(c->m, c->title, c->ntitle, area.w, &st, c->scroll ? tpx : c->t.min_px * TITLE_MIN_OF_MIN, 0);
    float y = text_in(c, c->title, c->ntitle, area.x + (area.w - tw) / 2, area.y, tw, area.y + area.h, &st, -1);
    float bar = fmaxf(TITLE_RULE_MIN_PX, TITLE_RULE_THICK_UNITS * c->t.unit);
    layout_dlist_add(c->dl, LAYOUT_DL_RECT, area.x + area.w / 2 - TITLE_RULE_UNITS / 2 * c->t.unit, y + TITLE_RULE_GAP_UNITS * c->t.unit,
                     TITLE_RULE_UNITS * c->t.unit, bar, on);
    y += TITLE_AFTER_UNITS * c->t.unit;
    for (int i = 0; i < c->p->nblocks; i++) {
        const block_t *b = &c->p->blocks[i];
        if (b->kind == PANEL_BLOCK_IMAGE) { y = image_block(c, b, area.x, y, area.w, area.y + area.h - y); continue; }
        bool head = b->kind == PANEL_BLOCK_HEADING;
        float px = fmaxf((head ? c->t.h2_px : c->t.body_px) * c->scale, c->t.min_px);
        text_style_t bs = {px, head ? HEADING_LINE_HEIGHT : BODY_LINE_HEIGHT, on, LAYOUT_ALIGN_CENTER, 0,
                           head ? FONTS_FACE_BOLD : FONTS_FACE_REGULAR, LAYOUT_BREAK_PHRASES};
        /* the title panel's lines are centred subtitles: composed as headings */
        float bw = heading_fit(c->m, b->spans, b->nspans, area.w * SUBTITLE_WIDTH_SHARE, &bs, c->scroll ? px : c->t.min_px, 0);
        y = text_in(c, b->spans, b->nspans, area.x + (area.w - bw) / 2, y, bw, area.y + area.h, &bs, i) + px * SUBTITLE_AFTER_EM;
    }
    if (c->p->qr_modules) y = qr_block(c, area.x, y, area.w, area.y + area.h);
    float used = y - area.y;
    if (used < area.h) shift_since(c->dl, i0, g0, l0, (area.h - used) / 2);
}

/* Groups of a level-1 item and what follows it until the next one (timeline steps, cards). */
typedef struct { int first, end; } group_t;

static int groups_of(const panel_t *p, group_t *g, int max, int *intro_end)
{
    int n = 0;
    *intro_end = p->nblocks;
    for (int i = 0; i < p->nblocks; i++) {
        const block_t *b = &p->blocks[i];
        if (b->kind == PANEL_BLOCK_ITEM && b->level == 1) {
            if (n == 0) *intro_end = i;
            if (n < max) g[n++] = (group_t){i, i + 1};
        } else if (n && b->kind == PANEL_BLOCK_ITEM) {
            g[n - 1].end = i + 1;
        }
    }
    return n;
}

/* A step's label (the bold run it opens with: 「第1期」, "2nd Plan") goes on a line of its own
 * in the accent colour, so that it does not read as the first word of the step's heading. */
static float step_label(template_ctx_t *c, const block_t *b, int bi, float x, float y, float w, float bottom, float px,
                        span_t *rest)
{
    if (b->nspans < 2 || !(b->spans[0].style & PANEL_STYLE_BOLD)) return y;
    text_style_t st = {px, DISPLAY_LINE_HEIGHT, palette_label_ink(c->pal, c->accent), LAYOUT_ALIGN_LEFT, 0, FONTS_FACE_BOLD,
                       LAYOUT_BREAK_PHRASES};
    y = text_in(c, b->spans, 1, x, y, w, bottom, &st, bi);
    for (int i = 1; i < b->nspans; i++) {
        rest[i - 1] = b->spans[i];
        if (i == 1) rest[0].text += strspn(rest[0].text, " "); /* the space after the label */
    }
    return y;
}

static float group_text(template_ctx_t *c, group_t g, float x, float y, float w, float bottom, float px, bool labels)
{
    for (int i = g.first; i < g.end; i++) {
        const block_t *b = &c->p->blocks[i];
        bool lead = i == g.first;
        text_style_t st = {lead ? px * STEP_HEAD_SCALE : fmaxf(px * SECONDARY_SCALE, c->t.min_px),
                           lead ? CAPTION_LINE_HEIGHT : STEP_TEXT_LINE_HEIGHT, lead ? c->ink : c->muted,
                           lead ? LAYOUT_ALIGN_LEFT : LAYOUT_ALIGN_JUSTIFY, lead ? 0 : px, lead ? FONTS_FACE_BOLD : FONTS_FACE_REGULAR,
                           lead ? LAYOUT_BREAK_PHRASES : LAYOUT_BREAK_BODY};
        const span_t *spans = b->spans;
        int n = b->nspans;
        span_t rest[CONTENT_MAX_LABEL_SPANS];
        if (lead && labels && n >= 2 && n <= CONTENT_MAX_LABEL_SPANS) {
            float ly = step_label(c, b, i, x, y, w, bottom, px, rest);
            if (ly > y) { y = ly; spans = rest; n--; }
        }
        float lw = lead ? heading_fit(c->m, spans, n, w, &st, c->scroll ? st.px : c->t.min_px, 0) : w; /* larger text: never smaller */
        y = text_in(c, spans, n, x, y, lw, bottom, &st, i) + px * (lead ? STEP_HEAD_AFTER_EM : STEP_TEXT_AFTER_EM);
    }
    return y;
}

static float intro(template_ctx_t *c, int end, rectf_t area)
{
    float y = area.y;
    for (int i = 0; i < end; i++)
        y = flow_block(c, &c->p->blocks[i], i, area.x, y, area.w, area.y + area.h, area.y);
    return y;
}

static void timeline(template_ctx_t *c, rectf_t area)
{
    group_t g[MAX_GROUPS];
    int intro_end, n = groups_of(c->p, g, MAX_GROUPS, &intro_end);
    float y = intro(c, intro_end, area), px = fmaxf(c->t.body_px * c->scale, c->t.min_px);
    float r = TIMELINE_STOP_UNITS * c->t.unit, line = fmaxf(TIMELINE_RAIL_MIN_PX, TIMELINE_RAIL_UNITS * c->t.unit);
    uint32_t acc = PALETTE_OPAQUE | c->accent;
    if (!n) return;
    bool across = c->dl->w >= c->dl->h && (c->max_cols == 0 || c->max_cols > 1);
    if (across) { /* across: a rail with a stop per step, in rows when narrow */
        int cols = c->max_cols && c->max_cols < n ? c->max_cols : n;
        float min_col = (c->narrow_cols ? TIMELINE_NARROW_COL_EM : TIMELINE_MIN_COL_EM) * px;
        while (cols > 1 && area.w / (float)cols < min_col) cols = (cols + 1) / 2;
        c->used_cols = cols;
        int rows = (n + cols - 1) / cols;
        float colw = area.w / (float)cols, rowh = (area.y + area.h - y) / (float)rows;
        for (int i = 0; i < n; i++) {
            float cx = area.x + colw * (float)(i % cols), rail = y + rowh * (float)(i / cols) + r;
            if (i % cols == 0) layout_dlist_add(c->dl, LAYOUT_DL_RECT, area.x, rail - line / 2, area.w, line, acc);
            layout_dlist_add(c->dl, LAYOUT_DL_DISC, cx, rail - r, 2 * r, 2 * r, acc);
            /* on a screen too small for wide columns the label stays inline: a line saved a step */
            float ty = rail + r + TIMELINE_TEXT_DROP_UNITS * c->t.unit, tw = colw - TIMELINE_COL_GAP_UNITS * c->t.unit;
            group_text(c, g[i], cx, ty, tw, rail - r + rowh, px, !c->narrow_cols);
        }
    } else {                  /* down: a rail on the left, steps stacked */
        float x = area.x + r * TIMELINE_INDENT_STOPS, top = y;
        for (int i = 0; i < n; i++) {
            layout_dlist_add(c->dl, LAYOUT_DL_DISC, area.x, y + px * TIMELINE_STOP_DROP_EM, 2 * r, 2 * r, acc);
            y = group_text(c, g[i], x, y, area.w - (x - area.x), area.y + area.h, px, true) + TIMELINE_STEP_AFTER_UNITS * c->t.unit;
        }
        layout_dlist_add(c->dl, LAYOUT_DL_RECT, area.x + r - line / 2, top + r, line, fmaxf(0, y - top - 2 * r), acc);
    }
}

/* Cards are boxes: their lower edge keeps the top margin's distance from the navigation bar
 * (text blocks may run to 0.2 margins above it, their leading leaves air). */
#define CARDS_BAR_GAP_MARGINS 0.6f

static void cards(template_ctx_t *c, rectf_t area)
{
    area.h -= CARDS_BAR_GAP_MARGINS * c->t.margin;
    group_t g[MAX_GROUPS];
    int intro_end, n = groups_of(c->p, g, MAX_GROUPS, &intro_end);
    float y = intro(c, intro_end, area), px = fmaxf(c->t.body_px * c->scale, c->t.min_px);
    if (!n) return;
    bool landscape = c->dl->w >= c->dl->h;
    int cols = landscape ? (n <= CARDS_ONE_ROW ? n : (n + 1) / 2) : 1; /* portrait: one card a row */
    if (cols > CARDS_MAX_COLS) cols = CARDS_MAX_COLS;
    int rows = (n + cols - 1) / cols;
    float gap = CARDS_GAP_UNITS * c->t.unit, cw = (area.w - gap * (float)(cols - 1)) / (float)cols;
    float ch = (area.y + area.h - y - gap * (float)(rows - 1)) / (float)rows, pad = CARDS_PAD_UNITS * c->t.unit;
    for (int r0 = 0; r0 < n; r0 += cols) { /* a row: cards as tall as the fullest of them */
        int first_item = c->dl->nitems;
        float end = y;
        for (int i = r0; i < n && i < r0 + cols; i++) {
            float cx = area.x + (float)(i % cols) * (cw + gap);
            layout_dlist_add(c->dl, LAYOUT_DL_RECT, cx, y, cw, ch, c->pal->card); /* before the text: dots drawn over it */
            float stripe = fmaxf(CARDS_STRIPE_MIN_PX, CARDS_STRIPE_UNITS * c->t.unit);
            layout_dlist_add(c->dl, LAYOUT_DL_RECT, cx, y, cw, stripe, PALETTE_OPAQUE | c->accent);
            float text_end = group_text(c, g[i], cx + pad, y + pad * CARDS_PAD_TOP, cw - 2 * pad, y + ch - pad * CARDS_PAD_BOTTOM,
                                        px, false);
            end = fmaxf(end, text_end);
        }
        float h = fminf(ch, end - y + pad * CARDS_PAD_AFTER);
        for (int k = first_item; k < c->dl->nitems; k++)
            if (c->dl->items[k].color == c->pal->card && c->dl->items[k].r.h == ch) c->dl->items[k].r.h = h;
        y += h + gap;
    }
}

void template_place(template_ctx_t *c)
{
    dlist_t *dl = c->dl;
    theme_t *t = &c->t;
    dl->bg = c->pal->bg;
    rectf_t area = {t->margin, t->margin * TOP_MARGINS, (float)dl->w - 2 * t->margin, 0};
    float bottom = c->page_h - t->chrome_h - t->margin * TEMPLATE_BOTTOM_AIR_MARGINS;
    if (c->p->layout == PANEL_TITLE) {
        area.h = bottom - area.y;
        title(c, area);
        return;
    }
    area.y = header(c, area.x, area.y, area.w);
    area.h = bottom - area.y;
    switch (c->p->layout) {
    case PANEL_TIMELINE: timeline(c, area); break;
    case PANEL_CARDS: cards(c, area); break;
    default: flow(c, area); break;
    }
}
