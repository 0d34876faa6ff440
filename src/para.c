/* para: line composition (para_private.h). JLREQ's rules for horizontal Japanese set here:
 * line-start and line-end prohibitions (kinsoku), hanging punctuation (burasage), squeezing
 * punctuation blanks (oikomi), justification, ruby and emphasis dots, no stranded last line. */
#include "para_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "annai/heading.h"
#include "annai/linebreak.h"

#define MAX_JUSTIFY_GAP_EM 0.25f /* looser than this reads letter-spaced: the line is left aligned */
#define MAX_SPACE_STRETCH_EM 0.5f /* a word space may grow by this much before letters spread */
#define EMPHASIS_DOT_EM 0.18f   /* diameter of an emphasis dot (JLREQ boten) */
#define EMPHASIS_DOT_MIN_PX 3.0f /* smaller, a dot reads as dust on the screen */
#define EMPHASIS_DOT_LIFT 0.4f  /* the dot's centre above the ruby line, in ruby ems */
#define EM_BOX_DESCENT 0.12f    /* the ideographic em box reaches this far below the baseline */
#define EMPHASIS_BELOW_GAP 0.08f
#define RUBY_GAP 0.12f          /* between a reading and the top of its base's em box, in ruby ems */
#define UNDERLINE_EM 0.06f      /* Latin emphasis: the underline's thickness */
#define UNDERLINE_DROP_EM EM_BOX_DESCENT /* and how far under the baseline it runs */
#define FIRST_LINE_ROOM_EM 0.25f /* above a first line that carries readings or dots */
#define SQUEEZE_STOP_EM 0.15f   /* the blank 、。，． give up when a line is a little too long */
#define SQUEEZE_BRACKET_EM 0.1f /* the blank brackets and the rest give up */
#define SHORT_LINE_CHARS 2      /* JLREQ: a last line this short reads as stranded */
#define WIDTH_SLACK 0.01f       /* float sums of advances: a line this much over still fits */
#define ROUNDING_SLACK_PX 0.5f  /* a line that passes the bottom by less than half a pixel still fits */

/* ---- one paragraph ---- */

/* How much of a punctuation mark's advance is blank and may be squeezed when a line is a
 * little too long (JLREQ oikomi). BIZ UDPGothic already sets 、。 at 0.6 em and brackets at
 * 0.5 em, so what is left to take is small: about 0.1-0.15 em. */
static float squeeze_em(uint32_t cp, bool *before)
{
    *before = false;
    if (linebreak_is_squeezable(cp)) {
        *before = linebreak_no_end(cp); /* an opening bracket: its blank leads */
        return cp == 0x3001 || cp == 0x3002 || cp == 0xFF0C || cp == 0xFF0E ? SQUEEZE_STOP_EM : SQUEEZE_BRACKET_EM;
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
                rw += m->advance(m->ud, face, st->px * PARA_RUBY_SCALE, (uint32_t)(cp < 0 ? 0xFFFD : cp));
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

line_t para_line_find(const para_t *p, int s, float maxw, float hang)
{
    line_t ln = {s, s, s, false, false, false, false};
    float width = 0, squeeze = 0;
    int last_ok = -1, last_word = -1;
    for (int i = s; i < p->n; i++) {
        const tchar_t *c = &p->c[i];
        if (c->cp == '\n') return (line_t){s, i, i + 1, true, false, false, false};
        if (width + c->adv > maxw + WIDTH_SLACK && i > s) {
            if (linebreak_can_hang(c->cp) && width + c->adv <= maxw + hang && brk_first(p->brk[i]))
                return (line_t){s, i + 1, i + 1, i + 1 >= p->n, true, false, false};
            /* oikomi: squeezing the blanks of the line's punctuation makes room for c */
            if (brk_first(p->brk[i]) && width + c->adv - (squeeze + c->sq) <= maxw + WIDTH_SLACK)
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
            /* even then a combining sound mark stays with its letter (ㇷ゚ is one letter) */
            while (e - 1 > s && e < p->n && (p->c[e].cp == 0x3099 || p->c[e].cp == 0x309A)) e--;
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


/* One or two characters when the line has Japanese in it, else one word (when words count). */
static bool short_run(const tchar_t *c, int n, bool words)
{
    int chars = 0, nwords = 0;
    bool cjk = false, in_word = false;
    for (int i = 0; i < n; i++) {
        bool space = linebreak_is_space(c[i].cp);
        chars += !space;
        cjk |= linebreak_is_cjk(c[i].cp);
        nwords += !space && !in_word;
        in_word = !space;
    }
    return chars > 0 && (cjk ? chars <= SHORT_LINE_CHARS : words && nwords <= 1);
}

bool para_line_is_short(const para_t *p, int s, int e, bool words) { return short_run(p->c + s, e - s, words); }

/* ---- setting lines ---- */

static void glyph_add(dlist_t *dl, float x, float y, uint32_t cp, float px, int face, uint32_t color)
{
    if (cp == ' ' || cp == 0x3000 || cp == '\n') return;
    MEM_ARRAY_GROW(dl->glyphs, dl->nglyphs, dl->capglyphs, dl->nglyphs + 1);
    dl->glyphs[dl->nglyphs++] = (dl_glyph_t){x, y, cp, color, (uint16_t)lroundf(px), (uint8_t)face};
}

static void ruby_emit(dlist_t *dl, const metrics_t *m, const ruby_t *r, float x, float w, float base_y,
                      const text_style_t *st, int face)
{
    float rpx = st->px * PARA_RUBY_SCALE, rw = 0;
    size_t n = strlen(r->reading), k = 0;
    while (k < n) {
        int32_t cp = utf8_decode(r->reading, n, &k);
        rw += m->advance(m->ud, face, rpx, (uint32_t)(cp < 0 ? 0xFFFD : cp));
    }
    /* a reading wider than its base's room is set closer together, never past it */
    float squeeze = rw > w && rw > 0 ? w / rw : 1;
    float pen = x + (w - rw * squeeze) / 2, y = base_y - m->ascent_em * st->px - RUBY_GAP * rpx;
    k = 0;
    while (k < n) {
        int32_t cp = utf8_decode(r->reading, n, &k);
        uint32_t c = (uint32_t)(cp < 0 ? 0xFFFD : cp);
        glyph_add(dl, pen, y, c, rpx, face, st->color);
        pen += m->advance(m->ud, face, rpx, c) * squeeze;
    }
}


/* Emphasis: a dot centred over a CJK letter (under it in Chinese), where ruby would sit (never both:
 * a ruby word keeps its reading); an underline under Latin text, continued over the space to
 * the next emphasised character. Not colour alone, so it reads on every screen. */
static void emphasis_emit(dlist_t *dl, const metrics_t *m, const tchar_t *c, float pen, float base,
                          const text_style_t *st, bool joined)
{
    if (emphasis_dot(c->cp)) {
        if (c->ruby) return;
        float rpx = st->px * PARA_RUBY_SCALE, d = fmaxf(EMPHASIS_DOT_MIN_PX, st->px * EMPHASIS_DOT_EM);
        float cx = pen + c->adv / 2, cy = base - m->ascent_em * st->px - RUBY_GAP * rpx - EMPHASIS_DOT_LIFT * rpx;
        if (m->dots_below) cy = base + st->px * (EM_BOX_DESCENT + EMPHASIS_BELOW_GAP) + d / 2; /* CLREQ 着重号 */
        layout_dlist_add(dl, LAYOUT_DL_DISC, cx - d / 2, cy - d / 2, d, d, st->color);
    } else if (!linebreak_is_cjk(c->cp) && (joined || !linebreak_is_space(c->cp))) {
        float th = fmaxf(1, roundf(st->px * UNDERLINE_EM));
        layout_dlist_add(dl, LAYOUT_DL_RECT, pen, base + st->px * UNDERLINE_DROP_EM, c->adv, th, st->color);
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
    line_t last = para_line_find(p, ln.next, w, st->hang);
    if (last.next < p->n || !para_line_is_short(p, last.start, last.end, st->breaks != LAYOUT_BREAK_BODY)) return ln;
    float sq = 0;
    for (int i = ln.start; i < last.end; i++) sq += p->c[i].sq;
    if (ln.next == last.start && span_width(p, ln.start, last.end) - sq <= w + WIDTH_SLACK)
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
    float ell = ellipsis ? m->advance(m->ud, m->face_base + st->face, st->px, PARA_ELLIPSIS) : 0;
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
        if (extra > WIDTH_SLACK && gaps) {
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
        glyph_add(dl, pen, base, PARA_ELLIPSIS, st->px, m->face_base + st->face, st->color);
        buf_puts(&text, "…");
        pen += ell;
    }
    MEM_ARRAY_GROW(dl->lines, dl->nlines, dl->caplines, dl->nlines + 1);
    dl->lines[dl->nlines++] = (dl_line_t){buf_take(&text), block, lineno, (int)lroundf(st->px),
                                          {start, top, pen - start, st->line_height * st->px}};
}

float para_set(dlist_t *dl, const metrics_t *m, const span_t *spans, int nspans, float x, float y, float w,
               float max_y, const text_style_t *st, int block, bool *clipped)
{
    para_t p;
    para_build(&p, m, spans, nspans, st, w);
    text_style_t open = *st;
    if (p.nruby && open.line_height < PARA_RUBY_MIN_LINE_HEIGHT) open.line_height = PARA_RUBY_MIN_LINE_HEIGHT;
    st = &open;
    float pitch = st->line_height * st->px;
    if (p.nruby || p.dots) y += FIRST_LINE_ROOM_EM * st->px; /* room for readings or dots above the first line */
    int s = 0, lineno = 0;
    while (s < p.n) {
        line_t ln = line_keep_tail(&p, para_line_find(&p, s, w, st->hang), w, st);
        bool more = ln.next < p.n;
        if (y + pitch > max_y + ROUNDING_SLACK_PX) { /* not even this line fits */
            if (clipped) *clipped = true;
            break;
        }
        bool last_visible = more && y + 2 * pitch > max_y + ROUNDING_SLACK_PX;
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
