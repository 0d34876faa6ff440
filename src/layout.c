#include "annai/layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "annai/heading.h"
#include "annai/linebreak.h"
#include "layout_private.h"
#include "annai/palette.h"

#define BODY_LINE_HEIGHT 1.7f   /* JLREQ: 1.5-2.0 for horizontal body text */
#define HEADING_LINE_HEIGHT 1.35f
#define RUBY_SCALE 0.5f
#define FIT_STEP 0.92f          /* each fitting pass shrinks type by 8% */
/* a short panel's body grows up to this, two steps up the FIT_STEP ladder (1/0.92^2 = 1.18):
 * 4.6% x 1.18 = 5.4% of the short side (59 px at 1080p), which still keeps ~30 characters a line
 * in a landscape column, inside JLREQ's comfortable range for text read standing; larger, a
 * paragraph breaks every few words */
#define GROW_MAX_SCALE 1.19f
#define GROW_MIN_ROOM 0.9f /* a panel using more of its height than this stays as it is */
#define MAX_JUSTIFY_GAP_EM 0.25f /* looser than this reads letter-spaced: the line is left aligned */
#define MAX_SPACE_STRETCH_EM 0.5f /* a word space may grow by this much before letters spread */
#define ELLIPSIS 0x2026
#define EMPHASIS_DOT_EM 0.18f /* diameter of an emphasis dot (JLREQ boten) */
#define TIMELINE_MIN_COL_EM 13.0f /* steps narrower than this (12 characters and a margin) go on more rails */
#define TIMELINE_NARROW_COL_EM 9.0f /* what a small screen falls back to before it cuts text */
#define MIN_PICTURE_UNITS 8.0f /* a picture smaller than this on its short side is left out (--check) */
#define LABEL_MIN_CONTRAST 7.0  /* step labels in the accent colour: AAA, as body text */
#define CONTENT_MAX_LABEL_SPANS 16
#define HEADER_MAX_LINES 2    /* a panel title longer than this is set smaller */ /* narrower step columns wrap onto a second rail */

/* Ruby needs half an em above its line: with less than 1.5 em from baseline to baseline a
 * reading touches the line above it. A paragraph with readings is set at least this open. */
#define RUBY_MIN_LINE_HEIGHT 1.6f
#define PAGE_GROW 1.25f         /* a scrolling panel's page grows by this much per fitting pass */
#define OPAQUE 0xFF000000u
#define UNTINTED 0xFFFFFFFFu    /* an image drawn as it is (the item colour modulates it) */
#define QR_DARK 0xFF000000u     /* QR modules stay black on white in every theme: scanners expect it */
#define NAV_UNITS 13.0f         /* the navigation bar */
#define HEADER_LINES_SCROLLING 6 /* in larger text the title may take more: the panel scrolls */

void theme_for_scaled(theme_t *t, int w, int h, float text_scale)
{
    float s = (float)(w < h ? w : h), k = text_scale > 0 ? text_scale : 1.0f;
    t->unit = s / 100.0f;
    t->margin = 6.0f * t->unit;
    t->body_px = 4.6f * t->unit * k;
    /* DESIGN: body text never smaller than max(16 px, 3% of the short side) */
    t->min_px = fmaxf(16.0f, 3.0f * t->unit) * k;
    t->title_px = 7.0f * t->unit * k;
    t->h2_px = 5.4f * t->unit * k;
    t->h3_px = 4.9f * t->unit * k;
    t->chrome_h = NAV_UNITS * t->unit;
}

void theme_for(theme_t *t, int w, int h) { theme_for_scaled(t, w, h, 1.0f); }

/* ---- display list ---- */

static dl_item_t *item_add(dlist_t *dl, dl_kind_t k, float x, float y, float w, float h, uint32_t color)
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

/* ---- colour (palette.c computes it; kept here for the callers that ask layout) ---- */

double layout_contrast(uint32_t a, uint32_t b) { return palette_contrast(a, b); }

uint32_t layout_darken_for_contrast(uint32_t rgb, uint32_t against, double min_ratio)
{
    return palette_darken_for_contrast(rgb, against, min_ratio);
}

/* ---- one paragraph ---- */

/* How much of a punctuation mark's advance is blank and may be squeezed when a line is a
 * little too long (JLREQ oikomi). BIZ UDPGothic already sets 、。 at 0.6 em and brackets at
 * 0.5 em, so what is left to take is small: about 0.1-0.15 em. */
static float squeeze_em(uint32_t cp, bool *before)
{
    *before = false;
    if (linebreak_is_squeezable(cp)) {
        *before = linebreak_no_end(cp); /* an opening bracket: its blank leads */
        return cp == 0x3001 || cp == 0x3002 || cp == 0xFF0C || cp == 0xFF0E ? 0.15f : 0.1f;
    }
    return 0;
}

/* Which characters take an emphasis dot: CJK letters, not punctuation or brackets. */
static bool emphasis_dot(uint32_t cp)
{
    return linebreak_is_cjk(cp) && !linebreak_no_start(cp) && !linebreak_no_end(cp) && cp != 0x3000 &&
           cp != 0x2026 && cp != 0x2014;
}

static bool is_latin_letter(uint32_t cp) { return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'; }

void para_build(para_t *p, const metrics_t *m, const span_t *spans, int nspans, const text_style_t *st, float maxw)
{
    int cap = 0;
    for (int i = 0; i < nspans; i++) cap += (int)strlen(spans[i].text);
    p->c = mem_calloc((size_t)cap + 1, sizeof *p->c);
    p->ruby = mem_calloc((size_t)nspans + 1, sizeof *p->ruby);
    p->n = p->nruby = 0;
    p->dots = false;
    for (int i = 0; i < nspans; i++) {
        const char *t = spans[i].text;
        size_t len = strlen(t), k = 0;
        int face = m->face_base + ((spans[i].style & PANEL_STYLE_BOLD) ? FONTS_FACE_BOLD : st->face);
        int start = p->n;
        while (k < len) {
            int32_t cp = utf8_decode(t, len, &k);
            if (cp < 0) cp = 0xFFFD;
            if (cp == '\t' || cp == '\r') cp = ' ';
            if (st->breaks && heading_is_hint((uint32_t)cp)) { /* the author's boundary: not drawn */
                if (p->n) p->c[p->n - 1].hint = true;
                continue;
            }
            tchar_t *c = &p->c[p->n++];
            c->cp = (uint32_t)cp;
            c->face = (uint8_t)face;
            c->em = (spans[i].style & PANEL_STYLE_EM) != 0;
            if (c->em && emphasis_dot(c->cp) && !spans[i].ruby) p->dots = true;
            /* BIZ UDPGothic's ’ is 0.5 em wide with its ink at the left ("MEXT’ s"), while its '
             * has the same ink at a Latin width: after a Latin letter the apostrophe draws that */
            if (cp == 0x2019 && p->n > 1 && is_latin_letter(p->c[p->n - 2].cp)) c->glyph = '\'';
            c->adv = cp == '\n' ? 0 : m->advance(m->ud, face, st->px, c->glyph ? c->glyph : (uint32_t)cp);
            c->sq = squeeze_em((uint32_t)cp, &c->sq_before) * st->px;
        }
        if (spans[i].ruby && p->n > start) {
            ruby_t *r = &p->ruby[p->nruby++];
            *r = (ruby_t){start, p->n, spans[i].ruby};
            float bw = 0, rw = 0;
            for (int j = start; j < p->n; j++) { bw += p->c[j].adv; p->c[j].ruby = p->nruby; }
            size_t rl = strlen(r->reading), rk = 0;
            while (rk < rl) {
                int32_t cp = utf8_decode(r->reading, rl, &rk);
                rw += m->advance(m->ud, face, st->px * RUBY_SCALE, (uint32_t)(cp < 0 ? 0xFFFD : cp));
            }
            rw = fminf(rw, maxw); /* a reading longer than the line is squeezed, not the line widened */
            if (rw > bw) { /* spread the base so that the reading stays over it */
                float pad = (rw - bw) / (float)(p->n - start);
                for (int j = start; j < p->n; j++) { p->c[j].adv += pad; p->c[j].off = pad / 2; }
            }
        }
    }
    p->brk = mem_calloc((size_t)p->n + 1, 1);
    uint32_t *cps = mem_calloc((size_t)p->n + 1, sizeof *cps);
    for (int i = 0; i < p->n; i++) cps[i] = p->c[i].cp;
    linebreak_compute_for(cps, p->n, m->breaks, m->unibreak, p->brk);
    free(cps);
    if (st->breaks) heading_breaks(m->phrase, p, st->breaks);
    /* a ruby group is one word: never split it */
    for (int i = 0; i + 1 < p->n; i++)
        if (p->c[i].ruby && p->c[i].ruby == p->c[i + 1].ruby) p->brk[i] = LINEBREAK_BRK_NONE;
}

void para_free(para_t *p)
{
    free(p->c);
    free(p->brk);
    free(p->ruby);
}

static bool is_latin_word(uint32_t cp) { return cp < 0x2E80 && !linebreak_is_space(cp) && cp != '\n'; }

static float span_width(const para_t *p, int s, int e)
{
    float w = 0;
    for (int i = s; i < e; i++) w += p->c[i].adv;
    return w;
}

/* Breaks of the first rank end a line when one fits; a fallback break (a heading's word boundary
 * inside a phrase) only when none does, and the line is marked weak. */
static bool brk_first(unsigned char b) { return b == LINEBREAK_BRK_ALLOW || b == LINEBREAK_BRK_MUST; }

line_t line_find(const para_t *p, int s, float maxw, float hang)
{
    line_t ln = {s, s, s, false, false, false, false};
    float width = 0, squeeze = 0;
    int last_ok = -1, last_word = -1;
    for (int i = s; i < p->n; i++) {
        const tchar_t *c = &p->c[i];
        if (c->cp == '\n') return (line_t){s, i, i + 1, true, false, false, false};
        if (width + c->adv > maxw + 0.01f && i > s) {
            if (linebreak_can_hang(c->cp) && width + c->adv <= maxw + hang && brk_first(p->brk[i]))
                return (line_t){s, i + 1, i + 1, i + 1 >= p->n, true, false, false};
            /* oikomi: squeezing the blanks of the line's punctuation makes room for c */
            if (brk_first(p->brk[i]) && width + c->adv - (squeeze + c->sq) <= maxw + 0.01f)
                return (line_t){s, i + 1, i + 1, i + 1 >= p->n, false, true, false};
            if (last_ok >= s) return (line_t){s, last_ok + 1, last_ok + 1, false, false, false, false};
            if (last_word >= s) return (line_t){s, last_word + 1, last_word + 1, false, false, false, true};
            /* nothing breakable fits (a long word or URL): break where it overflows, but
             * still keep a prohibited character off the start of the next line */
            int e = i;
            while (e - 1 > s && (linebreak_no_start(p->c[e].cp) || linebreak_no_end(p->c[e - 1].cp))) e--;
            if (linebreak_no_start(p->c[e].cp) || linebreak_no_end(p->c[e - 1].cp)) {
                /* no room to move back: let prohibited characters overhang as far as burasage
                 * may; a run longer than that breaks anyway, for the screen edge wins */
                float ow = span_width(p, s, i);
                e = i;
                while (e < p->n && linebreak_no_start(p->c[e].cp) && ow + p->c[e].adv <= maxw + hang) ow += p->c[e++].adv;
                if (e < p->n && linebreak_no_start(p->c[e].cp)) e = i;
            }
            return (line_t){s, e, e, e >= p->n, false, false, true};
        }
        width += c->adv;
        squeeze += c->sq;
        if (brk_first(p->brk[i])) last_ok = i;
        else if (p->brk[i] == LINEBREAK_BRK_WORD) last_word = i;
    }
    ln.end = ln.next = p->n;
    ln.hard = true;
    return ln;
}

static void glyph_add(dlist_t *dl, float x, float y, uint32_t cp, float px, int face, uint32_t color)
{
    if (cp == ' ' || cp == 0x3000 || cp == '\n') return;
    MEM_ARRAY_GROW(dl->glyphs, dl->nglyphs, dl->capglyphs, dl->nglyphs + 1);
    dl->glyphs[dl->nglyphs++] = (dl_glyph_t){x, y, cp, color, (uint16_t)lroundf(px), (uint8_t)face};
}

static void ruby_emit(dlist_t *dl, const metrics_t *m, const ruby_t *r, float x, float w, float base_y,
                      const text_style_t *st, int face)
{
    float rpx = st->px * RUBY_SCALE, rw = 0;
    size_t n = strlen(r->reading), k = 0;
    while (k < n) {
        int32_t cp = utf8_decode(r->reading, n, &k);
        rw += m->advance(m->ud, face, rpx, (uint32_t)(cp < 0 ? 0xFFFD : cp));
    }
    /* a reading wider than its base's room is set closer together, never past it */
    float squeeze = rw > w && rw > 0 ? w / rw : 1;
    float pen = x + (w - rw * squeeze) / 2, y = base_y - m->ascent_em * st->px - 0.12f * rpx;
    k = 0;
    while (k < n) {
        int32_t cp = utf8_decode(r->reading, n, &k);
        uint32_t c = (uint32_t)(cp < 0 ? 0xFFFD : cp);
        glyph_add(dl, pen, y, c, rpx, face, st->color);
        pen += m->advance(m->ud, face, rpx, c) * squeeze;
    }
}

#define EM_BOX_DESCENT 0.12f     /* the ideographic em box reaches this far below the baseline */
#define EMPHASIS_BELOW_GAP 0.08f

/* Emphasis: a dot centred over a CJK letter (under it in Chinese), where ruby would sit (never both:
 * a ruby word keeps its reading); an underline under Latin text, continued over the space to
 * the next emphasised character. Not colour alone, so it reads on every screen. */
static void emphasis_emit(dlist_t *dl, const metrics_t *m, const tchar_t *c, float pen, float base,
                          const text_style_t *st, bool joined)
{
    if (emphasis_dot(c->cp)) {
        if (c->ruby) return;
        float rpx = st->px * RUBY_SCALE, d = fmaxf(3, st->px * EMPHASIS_DOT_EM);
        float cx = pen + c->adv / 2, cy = base - m->ascent_em * st->px - 0.12f * rpx - 0.4f * rpx;
        if (m->dots_below) cy = base + st->px * (EM_BOX_DESCENT + EMPHASIS_BELOW_GAP) + d / 2; /* CLREQ 着重号 */
        item_add(dl, LAYOUT_DL_DISC, cx - d / 2, cy - d / 2, d, d, st->color);
    } else if (!linebreak_is_cjk(c->cp) && (joined || !linebreak_is_space(c->cp))) {
        float th = fmaxf(1, roundf(st->px * 0.06f));
        item_add(dl, LAYOUT_DL_RECT, pen, base + st->px * 0.12f, c->adv, th, st->color);
    }
}

/* Whether justification may open space between characters i and i+1: not inside a Latin word
 * or a ruby word, and not next to a word space (that stretches on its own). */
static bool letter_gap(const para_t *p, int i)
{
    const tchar_t *a = &p->c[i], *b = &p->c[i + 1];
    return !(is_latin_word(a->cp) && is_latin_word(b->cp)) && !(a->ruby && a->ruby == b->ruby) && a->cp != ' ' &&
           b->cp != ' ';
}

/* JLREQ: a paragraph does not end on a line of one or two characters (nor a heading on one
 * word). ln is the line before that last line: first the last line is pulled back onto it by
 * squeezing punctuation blanks (oikomi), else the fewest characters that make it three are pushed
 * forward from it; what is left is justified, or ragged when that would letter-space it wider
 * than MAX_JUSTIFY_GAP_EM (line_emit). */
static line_t line_keep_tail(const para_t *p, line_t ln, float w, const text_style_t *st)
{
    if (ln.hard || ln.next >= p->n) return ln;
    line_t last = line_find(p, ln.next, w, st->hang);
    if (last.next < p->n || !para_line_is_short(p, last.start, last.end, st->breaks != LAYOUT_BREAK_BODY)) return ln;
    float sq = 0;
    for (int i = ln.start; i < last.end; i++) sq += p->c[i].sq;
    if (ln.next == last.start && span_width(p, ln.start, last.end) - sq <= w + 0.01f)
        return (line_t){ln.start, last.end, last.next, true, false, true, false};
    for (int k = ln.end - 1; k > ln.start; k--) {
        if (p->brk[k - 1] != LINEBREAK_BRK_ALLOW || span_width(p, k, last.end) > w) continue;
        if (para_line_is_short(p, k, last.end, st->breaks != LAYOUT_BREAK_BODY)) continue;
        return (line_t){ln.start, k, k, false, false, false, false};
    }
    return ln;
}

/* Emits one line: justified, centred or left; the line record keeps its text for dumps. */
static void line_emit(dlist_t *dl, const metrics_t *m, const para_t *p, line_t ln, float x, float top,
                      float maxw, const text_style_t *st, int block, int lineno, bool ellipsis)
{
    int e = ln.end;
    while (e > ln.start && linebreak_is_space(p->c[e - 1].cp)) e--;
    float ell = ellipsis ? m->advance(m->ud, m->face_base + st->face, st->px, ELLIPSIS) : 0;
    if (ellipsis)
        while (e > ln.start && span_width(p, ln.start, e) + ell > maxw) e--;
    int fit_end = ln.hangs && !ellipsis ? e - 1 : e;
    float w = span_width(p, ln.start, fit_end), gap = 0, sgap = 0, ratio = 0, sqsum = 0, pen = x;
    int gaps = 0, spaces = 0;
    bool cjk = false;
    for (int i = ln.start; i < fit_end; i++) {
        sqsum += p->c[i].sq;
        spaces += p->c[i].cp == ' ';
        gaps += i + 1 < fit_end && letter_gap(p, i);
        cjk |= linebreak_is_cjk(p->c[i].cp);
    }
    if (ln.squeezed && !ellipsis && w > maxw && sqsum > 0) {
        ratio = fminf(1, (w - maxw) / sqsum); /* oikomi: every blank gives the same share */
        w = maxw;
    } else if (st->align == LAYOUT_ALIGN_JUSTIFY && cjk && !ln.hard && !ellipsis && w < maxw) {
        /* JLREQ's order: word spaces stretch first, then the space between characters.
         * Latin-only lines stay ragged right: spreading words reads worse than a ragged edge. */
        float extra = maxw - w;
        if (spaces) {
            sgap = fminf(extra / (float)spaces, MAX_SPACE_STRETCH_EM * st->px);
            extra -= sgap * (float)spaces;
        }
        if (extra > 0.01f && gaps) {
            gap = extra / (float)gaps;
            if (gap > MAX_JUSTIFY_GAP_EM * st->px) gap = sgap = 0; /* too loose: leave it ragged */
        }
    }
    if (st->align == LAYOUT_ALIGN_CENTER) pen += (maxw - w - ell) / 2;
    float base = top + (st->line_height - 1) * st->px / 2 + m->ascent_em * st->px;
    buf_t text = {0};
    float start = pen;
    for (int i = ln.start; i < e; i++) {
        const tchar_t *c = &p->c[i];
        float sq = c->sq * ratio;
        if (c->ruby && (i == ln.start || p->c[i - 1].ruby != c->ruby)) {
            const ruby_t *r = &p->ruby[c->ruby - 1];
            ruby_emit(dl, m, r, pen, span_width(p, i, r->end < e ? r->end : e), base, st, c->face);
        }
        glyph_add(dl, pen + c->off - (c->sq_before ? sq : 0), base, c->glyph ? c->glyph : c->cp, st->px, c->face, st->color);
        if (c->em) emphasis_emit(dl, m, c, pen, base, st, i + 1 < e && p->c[i + 1].em);
        char u[4];
        buf_put(&text, u, (size_t)utf8_encode(c->cp, u));
        pen += c->adv - sq;
        if (c->cp == ' ') pen += sgap;
        if (i + 1 < fit_end && letter_gap(p, i)) pen += gap;
    }
    if (ellipsis) {
        glyph_add(dl, pen, base, ELLIPSIS, st->px, m->face_base + st->face, st->color);
        buf_puts(&text, "…");
        pen += ell;
    }
    MEM_ARRAY_GROW(dl->lines, dl->nlines, dl->caplines, dl->nlines + 1);
    dl->lines[dl->nlines++] = (dl_line_t){buf_take(&text), block, lineno, (int)lroundf(st->px),
                                          {start, top, pen - start, st->line_height * st->px}};
}

float layout_text(dlist_t *dl, const metrics_t *m, const span_t *spans, int nspans, float x, float y,
                  float w, float max_y, const text_style_t *st, int block, bool *clipped)
{
    para_t p;
    para_build(&p, m, spans, nspans, st, w);
    text_style_t open = *st;
    if (p.nruby && open.line_height < RUBY_MIN_LINE_HEIGHT) open.line_height = RUBY_MIN_LINE_HEIGHT;
    st = &open;
    float pitch = st->line_height * st->px;
    if (p.nruby || p.dots) y += 0.25f * st->px; /* room for readings or dots above the first line */
    int s = 0, lineno = 0;
    while (s < p.n || (s == 0 && p.n == 0 && false)) {
        line_t ln = line_keep_tail(&p, line_find(&p, s, w, st->hang), w, st);
        bool more = ln.next < p.n;
        if (y + pitch > max_y + 0.5f) { /* not even this line fits */
            if (clipped) *clipped = true;
            break;
        }
        bool last_visible = more && y + 2 * pitch > max_y + 0.5f;
        if (last_visible && clipped) {
            line_emit(dl, m, &p, ln, x, y, w, st, block, lineno++, true);
            *clipped = true;
            y += pitch;
            break;
        }
        line_emit(dl, m, &p, ln, x, y, w, st, block, lineno++, false);
        dl->weak_breaks += ln.weak && more;
        y += pitch;
        s = ln.next;
        while (s < p.n && p.c[s].cp == ' ') s++; /* a break after a space drops the space */
    }
    para_free(&p);
    return y;
}

/* ---- panels ---- */

typedef struct {
    dlist_t *dl;
    const metrics_t *m;
    const panel_t *p;
    theme_t t;
    float scale;
    bool clip;      /* final pass: cut what does not fit */
    bool overflow;  /* some text passed its region */
    uint32_t accent, ink, muted;
    const palette_t *pal;
    const span_t *title;
    int ntitle;
    bool scroll;    /* larger text: the page grows instead of the type shrinking */
    float page_h;   /* the height laid out on: the screen's, or taller for a scrolling panel */
    int max_cols;   /* timeline: steps per rail; 0 = all on one */
    int used_cols;
    bool narrow_cols; /* timeline: steps may be narrower than TIMELINE_MIN_COL_EM (a small screen) */
} ctx_t;

static text_style_t body_style(const ctx_t *c, float px)
{
    text_style_t st = {px, BODY_LINE_HEIGHT, c->ink, LAYOUT_ALIGN_JUSTIFY, px, FONTS_FACE_REGULAR, LAYOUT_BREAK_BODY};
    return st;
}

/* Sets text in a region; in a measuring pass records overflow instead of cutting. */
/* A block with no room for even its first line: the line above, the last shown, ends with … so
 * that a visitor sees the text goes on (it ended as if complete). */
static void ellipsis_on_last_line(ctx_t *c, float right)
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
    float ell = c->m->advance(c->m->ud, g->face, (float)g->px, ELLIPSIS), end = l->r.x + l->r.w;
    if (end + ell > right + 0.5f) { /* no room after it: … takes the last character's place */
        g->cp = ELLIPSIS;
        while (len && ((unsigned char)l->text[len - 1] & 0xC0) == 0x80) len--;
        if (len) len--;
        l->text[len] = 0;
    } else {
        MEM_ARRAY_GROW(dl->glyphs, dl->nglyphs, dl->capglyphs, dl->nglyphs + 1);
        dl->glyphs[dl->nglyphs++] = (dl_glyph_t){end, dl->glyphs[last].y, ELLIPSIS, dl->glyphs[last].color,
                                                 dl->glyphs[last].px, dl->glyphs[last].face};
        l->r.w += ell;
    }
    l->text = mem_realloc(l->text, len + 4);
    memcpy(l->text + len, "…", 4);
}

static float text_in(ctx_t *c, const span_t *s, int n, float x, float y, float w, float bottom,
                     const text_style_t *st, int block)
{
    bool cut = false;
    int before = c->dl->nlines;
    float end = layout_text(c->dl, c->m, s, n, x, y, w, c->clip ? bottom : INFINITY, st, block, c->clip ? &cut : NULL);
    if (cut && c->dl->nlines == before) ellipsis_on_last_line(c, x + w);
    if (cut) c->dl->clipped = true;
    if (!c->clip && end > bottom + 0.5f) c->overflow = true;
    return end;
}

static float header(ctx_t *c, float x, float y, float w)
{
    float px = fmaxf(c->t.title_px * fminf(1.0f, c->scale * 1.1f), c->t.min_px * 1.3f);
    text_style_t st = {px, HEADING_LINE_HEIGHT, c->ink, LAYOUT_ALIGN_LEFT, 0, FONTS_FACE_BOLD, LAYOUT_BREAK_PHRASES};
    float bar = 1.1f * c->t.unit, tw = w - bar * 2.6f;
    /* larger text may take more lines: the panel scrolls */
    int max_lines = c->scroll ? HEADER_LINES_SCROLLING : HEADER_MAX_LINES;
    /* a long title gets smaller on its own (two lines at most), never the body under it */
    float fw = heading_fit(c->m, c->title, c->ntitle, tw, &st, c->scroll ? px : c->t.min_px * 1.3f, max_lines);
    float end = text_in(c, c->title, c->ntitle, x + bar * 2.6f, y, fw, y + px * RUBY_MIN_LINE_HEIGHT * (float)(max_lines + 1), &st, -1);
    item_add(c->dl, LAYOUT_DL_RECT, x, y + px * 0.12f, bar, end - y - px * 0.24f, OPAQUE | c->accent);
    y = end + 1.2f * c->t.unit;
    item_add(c->dl, LAYOUT_DL_RECT, x, y, w, fmaxf(2.0f, 0.25f * c->t.unit), c->pal->rule);
    return y + 2.4f * c->t.unit;
}

static float image_block(ctx_t *c, const block_t *b, float x, float y, float w, float maxh)
{
    if (b->img_w <= 0 || b->img_h <= 0) return y;
    float s = fminf(w / (float)b->img_w, maxh / (float)b->img_h);
    float iw = (float)b->img_w * s, ih = (float)b->img_h * s;
    if (maxh <= 0 || fminf(iw, ih) < MIN_PICTURE_UNITS * c->t.unit) { /* a postage stamp helps no one */
        c->dl->dropped = "a picture has no room";
        return y;
    }
    dl_item_t *it = item_add(c->dl, LAYOUT_DL_IMAGE, x + (w - iw) / 2, y, iw, ih, UNTINTED);
    it->image = b->image;
    return y + ih + 2.0f * c->t.unit;
}

static float item_block(ctx_t *c, const block_t *b, int bi, float x, float y, float w, float bottom, float px)
{
    bool sub = b->level > 1;
    float ipx = sub ? fmaxf(px * 0.92f, c->t.min_px) : px, indent = sub ? px * 1.4f : 0;
    text_style_t st = body_style(c, ipx);
    if (sub) st.color = c->muted;
    float sq = ipx * (sub ? 0.22f : 0.34f), tx = x + indent + ipx * 0.9f;
    int first = c->dl->nlines;
    float end = text_in(c, b->spans, b->nspans, tx, y, w - (tx - x), bottom, &st, bi);
    if (c->dl->nlines > first) { /* centred on the first line's base text, below any ruby over it */
        rectf_t r = c->dl->lines[first].r;
        item_add(c->dl, sub ? LAYOUT_DL_DISC : LAYOUT_DL_RECT, x + indent + ipx * 0.1f, r.y + r.h / 2 - sq / 2, sq, sq,
                 OPAQUE | (sub ? c->muted : c->accent));
    }
    return end + ipx * (sub ? 0.15f : 0.35f);
}

static float flow_block(ctx_t *c, const block_t *b, int bi, float x, float y, float w, float bottom, float top)
{
    float px = c->t.body_px * c->scale;
    if (px < c->t.min_px) px = c->t.min_px;
    switch (b->kind) {
    case PANEL_BLOCK_HEADING: {
        float hpx = fmaxf((b->level <= 2 ? c->t.h2_px : c->t.h3_px) * c->scale, c->t.min_px * 1.1f);
        if (y > top + 1) y += hpx * 0.4f;
        text_style_t st = {hpx, HEADING_LINE_HEIGHT, c->ink, LAYOUT_ALIGN_LEFT, 0, FONTS_FACE_BOLD, LAYOUT_BREAK_PHRASES};
        float hw = heading_fit(c->m, b->spans, b->nspans, w, &st, c->scroll ? hpx : c->t.min_px * 1.1f, 0);
        return text_in(c, b->spans, b->nspans, x, y, hw, bottom, &st, bi) + hpx * 0.3f;
    }
    case PANEL_BLOCK_ITEM: return item_block(c, b, bi, x, y, w, bottom, px);
    case PANEL_BLOCK_IMAGE: return image_block(c, b, x, y, w, fminf(bottom - y, (bottom - top) * 0.55f));
    default: {
        text_style_t st = body_style(c, px);
        return text_in(c, b->spans, b->nspans, x, y, w, bottom, &st, bi) + px * 0.6f;
    }
    }
}

static float qr_block(ctx_t *c, float x, float y, float w, float bottom)
{
    const panel_t *p = c->p;
    float cap = p->qr_caption ? c->t.min_px * 1.6f : 0;
    float side = fminf(w, bottom - y - cap);
    if (side > 40 * c->t.unit) side = 40 * c->t.unit;
    if (side < (float)(p->qr_size + 8) * 2) {
        c->overflow = !c->clip;
        if (c->clip) c->dl->dropped = "the QR code has no room (2 px a module at least)";
        return y;
    }
    float mod = floorf(side / (float)(p->qr_size + 8)); /* whole pixels per module, 4-module quiet zone */
    float qs = mod * (float)(p->qr_size + 8), qx = x + (w - qs) / 2;
    dl_item_t *it = item_add(c->dl, LAYOUT_DL_QR, qx, y, qs, qs, QR_DARK);
    it->qr = p->qr_modules;
    it->qr_size = p->qr_size;
    y += qs + c->t.unit;
    if (p->qr_caption) {
        span_t s = {p->qr_caption, NULL, 0};
        text_style_t st = {c->t.min_px, 1.4f, c->ink, LAYOUT_ALIGN_CENTER, 0, FONTS_FACE_REGULAR, LAYOUT_BREAK_BODY};
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

static bool has_media(const panel_t *p)
{
    if (p->qr_modules) return true;
    for (int i = 0; i < p->nblocks; i++)
        if (p->blocks[i].kind == PANEL_BLOCK_IMAGE) return true;
    return false;
}

/* Text and list panels: blocks flow down a column; images and the QR code get a side column
 * on a landscape screen and a band below on a portrait one. */
static void layout_flow(ctx_t *c, rectf_t area)
{
    rectf_t text = area, media = {0, 0, 0, 0};
    bool landscape = c->dl->w >= c->dl->h;
    if (has_media(c->p)) {
        if (landscape) {
            media = (rectf_t){area.x + area.w * 0.66f, area.y, area.w * 0.34f, area.h};
            text.w = area.w * 0.62f;
        } else {
            media = (rectf_t){area.x, area.y + area.h * 0.62f, area.w, area.h * 0.38f};
            text.h = area.h * 0.58f;
        }
    }
    /* pictures and a QR code share the media room: side by side in a portrait band, the QR code
     * under the pictures in a landscape column, with its room kept free of them */
    rectf_t pics = media, qr = media;
    bool both = c->p->qr_modules && has_pictures(c->p);
    if (both && !landscape) {
        pics.w = media.w * 0.58f;
        qr = (rectf_t){media.x + media.w * 0.62f, media.y, media.w * 0.38f, media.h};
    } else if (both) {
        float qh = fminf(media.w, 40 * c->t.unit) + (c->p->qr_caption ? c->t.min_px * 3.2f : 0) + c->t.unit;
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
static void layout_title(ctx_t *c, rectf_t area)
{
    const palette_t *pal = c->pal;
    uint32_t field = pal->panel_accents ? palette_darken_for_contrast(c->accent, pal->on_accent, pal->accent_min) : pal->accent;
    uint32_t on = pal->on_accent;
    c->dl->bg = OPAQUE | field;
    int i0 = c->dl->nitems, g0 = c->dl->nglyphs, l0 = c->dl->nlines;
    float tpx = fmaxf(c->t.title_px * 1.45f * c->scale, c->t.min_px * 1.5f);
    text_style_t st = {tpx, 1.3f, on, LAYOUT_ALIGN_CENTER, 0, FONTS_FACE_BOLD, LAYOUT_BREAK_PHRASES};
    /* larger text keeps its size (the page scrolls): the title is not set smaller to fit */
    float tw = heading_fit(c->m, c->title, c->ntitle, area.w, &st, c->scroll ? tpx : c->t.min_px * 1.5f, 0);
    float y = text_in(c, c->title, c->ntitle, area.x + (area.w - tw) / 2, area.y, tw, area.y + area.h, &st, -1);
    float bar = fmaxf(3.0f, 0.6f * c->t.unit);
    item_add(c->dl, LAYOUT_DL_RECT, area.x + area.w / 2 - 8 * c->t.unit, y + 2 * c->t.unit, 16 * c->t.unit, bar, on);
    y += 6 * c->t.unit;
    for (int i = 0; i < c->p->nblocks; i++) {
        const block_t *b = &c->p->blocks[i];
        if (b->kind == PANEL_BLOCK_IMAGE) { y = image_block(c, b, area.x, y, area.w, area.y + area.h - y); continue; }
        bool head = b->kind == PANEL_BLOCK_HEADING;
        float px = fmaxf((head ? c->t.h2_px : c->t.body_px) * c->scale, c->t.min_px);
        text_style_t bs = {px, head ? HEADING_LINE_HEIGHT : BODY_LINE_HEIGHT, on, LAYOUT_ALIGN_CENTER, 0,
                           head ? FONTS_FACE_BOLD : FONTS_FACE_REGULAR, LAYOUT_BREAK_PHRASES};
        /* the title panel's lines are centred subtitles: composed as headings */
        float bw = heading_fit(c->m, b->spans, b->nspans, area.w * 0.88f, &bs, c->scroll ? px : c->t.min_px, 0);
        y = text_in(c, b->spans, b->nspans, area.x + (area.w - bw) / 2, y, bw, area.y + area.h, &bs, i) + px * 0.5f;
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
static float step_label(ctx_t *c, const block_t *b, int bi, float x, float y, float w, float bottom, float px,
                        span_t *rest)
{
    if (b->nspans < 2 || !(b->spans[0].style & PANEL_STYLE_BOLD)) return y;
    uint32_t ink = layout_darken_for_contrast(c->accent, c->pal->bg, LABEL_MIN_CONTRAST);
    text_style_t st = {px, 1.3f, OPAQUE | ink, LAYOUT_ALIGN_LEFT, 0, FONTS_FACE_BOLD, LAYOUT_BREAK_PHRASES};
    y = text_in(c, b->spans, 1, x, y, w, bottom, &st, bi);
    for (int i = 1; i < b->nspans; i++) {
        rest[i - 1] = b->spans[i];
        if (i == 1) rest[0].text += strspn(rest[0].text, " "); /* the space after the label */
    }
    return y;
}

static float group_text(ctx_t *c, group_t g, float x, float y, float w, float bottom, float px, bool labels)
{
    for (int i = g.first; i < g.end; i++) {
        const block_t *b = &c->p->blocks[i];
        bool lead = i == g.first;
        text_style_t st = {lead ? px * 1.04f : fmaxf(px * 0.92f, c->t.min_px), lead ? 1.4f : 1.5f, lead ? c->ink : c->muted,
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
        y = text_in(c, spans, n, x, y, lw, bottom, &st, i) + px * (lead ? 0.5f : 0.2f);
    }
    return y;
}

static float intro(ctx_t *c, int end, rectf_t area)
{
    float y = area.y;
    for (int i = 0; i < end; i++)
        y = flow_block(c, &c->p->blocks[i], i, area.x, y, area.w, area.y + area.h, area.y);
    return y;
}

#define MAX_GROUPS 24

static void layout_timeline(ctx_t *c, rectf_t area)
{
    group_t g[MAX_GROUPS];
    int intro_end, n = groups_of(c->p, g, MAX_GROUPS, &intro_end);
    float y = intro(c, intro_end, area), px = fmaxf(c->t.body_px * c->scale, c->t.min_px);
    float r = 1.6f * c->t.unit, line = fmaxf(3.0f, 0.5f * c->t.unit);
    uint32_t acc = OPAQUE | c->accent;
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
            if (i % cols == 0) item_add(c->dl, LAYOUT_DL_RECT, area.x, rail - line / 2, area.w, line, acc);
            item_add(c->dl, LAYOUT_DL_DISC, cx, rail - r, 2 * r, 2 * r, acc);
            /* on a screen too small for wide columns the label stays inline: a line saved a step */
            group_text(c, g[i], cx, rail + r + 1.8f * c->t.unit, colw - 3 * c->t.unit, rail - r + rowh, px, !c->narrow_cols);
        }
    } else {                  /* down: a rail on the left, steps stacked */
        float x = area.x + r * 3.2f, top = y;
        for (int i = 0; i < n; i++) {
            item_add(c->dl, LAYOUT_DL_DISC, area.x, y + px * 0.2f, 2 * r, 2 * r, acc);
            y = group_text(c, g[i], x, y, area.w - (x - area.x), area.y + area.h, px, true) + 1.5f * c->t.unit;
        }
        item_add(c->dl, LAYOUT_DL_RECT, area.x + r - line / 2, top + r, line, fmaxf(0, y - top - 2 * r), acc);
    }
}

/* Cards are boxes: their lower edge keeps the top margin's distance from the navigation bar
 * (text blocks may run to 0.2 margins above it, their leading leaves air). */
#define CARDS_BAR_GAP_MARGINS 0.6f

static void layout_cards(ctx_t *c, rectf_t area)
{
    area.h -= CARDS_BAR_GAP_MARGINS * c->t.margin;
    group_t g[MAX_GROUPS];
    int intro_end, n = groups_of(c->p, g, MAX_GROUPS, &intro_end);
    float y = intro(c, intro_end, area), px = fmaxf(c->t.body_px * c->scale, c->t.min_px);
    if (!n) return;
    bool landscape = c->dl->w >= c->dl->h;
    int cols = landscape ? (n <= 3 ? n : (n + 1) / 2) : (n <= 2 ? 1 : (c->dl->w > 700 ? 1 : 1));
    if (cols > 4) cols = 4;
    int rows = (n + cols - 1) / cols;
    float gap = 2.5f * c->t.unit, cw = (area.w - gap * (float)(cols - 1)) / (float)cols;
    float ch = (area.y + area.h - y - gap * (float)(rows - 1)) / (float)rows, pad = 2.6f * c->t.unit;
    for (int r0 = 0; r0 < n; r0 += cols) { /* a row: cards as tall as the fullest of them */
        int first_item = c->dl->nitems;
        float end = y;
        for (int i = r0; i < n && i < r0 + cols; i++) {
            float cx = area.x + (float)(i % cols) * (cw + gap);
            item_add(c->dl, LAYOUT_DL_RECT, cx, y, cw, ch, c->pal->card); /* before the text: dots drawn over it */
            item_add(c->dl, LAYOUT_DL_RECT, cx, y, cw, fmaxf(4.0f, 0.8f * c->t.unit), OPAQUE | c->accent);
            end = fmaxf(end, group_text(c, g[i], cx + pad, y + pad * 1.2f, cw - 2 * pad, y + ch - pad * 0.5f, px, false));
        }
        float h = fminf(ch, end - y + pad * 0.6f);
        for (int k = first_item; k < c->dl->nitems; k++)
            if (c->dl->items[k].color == c->pal->card && c->dl->items[k].r.h == ch) c->dl->items[k].r.h = h;
        y += h + gap;
    }
}

static void layout_pass(ctx_t *c)
{
    dlist_t *dl = c->dl;
    theme_t *t = &c->t;
    dl->bg = c->pal->bg;
    rectf_t area = {t->margin, t->margin * 0.8f, (float)dl->w - 2 * t->margin, 0};
    float bottom = c->page_h - t->chrome_h - t->margin * 0.2f;
    if (c->p->layout == PANEL_TITLE) {
        area.h = bottom - area.y;
        layout_title(c, area);
        return;
    }
    area.y = header(c, area.x, area.y, area.w);
    area.h = bottom - area.y;
    switch (c->p->layout) {
    case PANEL_TIMELINE: layout_timeline(c, area); break;
    case PANEL_CARDS: layout_cards(c, area); break;
    default: layout_flow(c, area); break;
    }
}

static float used_bottom(const dlist_t *dl)
{
    float b = 0;
    for (int i = 0; i < dl->nlines; i++) b = fmaxf(b, dl->lines[i].r.y + dl->lines[i].r.h);
    for (int i = 0; i < dl->nitems; i++) b = fmaxf(b, dl->items[i].r.y + dl->items[i].r.h);
    return b;
}

/* Lays the panel out at scale s into a fresh list; keeps it when it fits without breaking a word
 * it kept whole before, else puts the old one back (no third pass to set it again). */
static bool fits_at(ctx_t *c, float s, int weak)
{
    dlist_t old = *c->dl;
    *c->dl = (dlist_t){.w = old.w, .h = old.h};
    float was = c->scale;
    c->scale = s;
    c->overflow = false;
    layout_pass(c);
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
static void grow(ctx_t *c, float bottom)
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

static uint32_t panel_accent(const panel_t *p, const palette_t *pal)
{
    return pal->panel_accents && p->has_accent ? p->accent : pal->accent & 0xFFFFFF;
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
    ctx_t c = {.dl = out, .m = m, .p = p, .scale = 1.0f, .pal = pal, .page_h = (float)h, .title = &title, .ntitle = 1};
    if (p->title_block.nspans) { /* the title with its readings */
        c.title = p->title_block.spans;
        c.ntitle = p->title_block.nspans;
    }
    if (o && o->title && o->ntitle > 0) {
        c.title = o->title;
        c.ntitle = o->ntitle;
    }
    theme_for_scaled(&c.t, w, h, o ? o->text_scale : 1.0f);
    c.accent = panel_accent(p, pal);
    c.ink = pal->ink;
    c.muted = pal->muted;
    /* the smallest legible scale; compared as a scale (not as px), so that rounding can never
     * keep the loop from reaching it (a fuzzer found that hang) */
    const float min_scale = fminf(1.0f, c.t.min_px / c.t.body_px);
    c.scroll = o && o->scroll;
    for (;;) {
        c.overflow = false;
        layout_pass(&c);
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
            layout_pass(&c);
            break;
        }
        c.scale = fmaxf(c.scale * FIT_STEP, min_scale);
    }
    if (c.scale >= 1.0f && !c.clip && p->layout != PANEL_TITLE && p->layout != PANEL_TIMELINE)
        grow(&c, (float)h - c.t.chrome_h - c.t.margin * 0.2f);
    out->scale = c.scale;
    out->content_h = c.page_h;
}
