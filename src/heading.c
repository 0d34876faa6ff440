#include "annai/heading.h"

#include <math.h>
#include <stdlib.h>
#include "annai/linebreak.h"
#include "annai/phrase.h"
#include "para_private.h"

#define BALANCE_STEPS 12 /* bisection steps for the balanced width: 1/4096 of the column */
/* a heading may get this much smaller to keep its last line from being stranded: beyond it the
 * size step from the heading above reads as a different level */
#define HEADING_STRAND_MIN_SCALE 0.7f

bool heading_is_hint(uint32_t cp) { return cp == '|' || cp == 0x200B; }

/* Katakana and the prolonged sound mark: a run of them is one loanword (イノベーション), never
 * split. The middle dot ・ separates loanwords and is not part of one. */
static bool is_katakana(uint32_t cp)
{
    return (cp >= 0x30A1 && cp <= 0x30FA) || (cp >= 0x30FC && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) ||
           (cp >= 0xFF66 && cp <= 0xFF9F) || cp == 0x3099 || cp == 0x309A; /* combining ゛゜ as in ㇷ゚ */
}

static bool is_kanji(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || cp == 0x3005 ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

static bool is_letter(uint32_t cp) { return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'; }

/* A word boundary inside a phrase, seen from the scripts alone: where a loanword meets a kanji
 * compound (地域|イノベーション|戦略), after a middle dot, and between Latin and Japanese.
 * Kana before kanji is not one (取り組み), nor a particle after a word (政策の). */
static bool word_boundary(uint32_t a, uint32_t b)
{
    if (a == 0x30FB) return true;
    if (is_kanji(a) && is_katakana(b)) return true;
    if (is_katakana(a) && is_kanji(b)) return true;
    return (is_letter(a) && (is_kanji(b) || is_katakana(b))) || ((is_kanji(a) || is_katakana(a)) && is_letter(b));
}

void heading_breaks(const phrase_model_t *model, para_t *p, break_mode_t mode)
{
    int n = p->n;
    bool hinted = false, cjk = false;
    for (int i = 0; i < n; i++) {
        hinted |= p->c[i].hint;
        cjk |= linebreak_is_cjk(p->c[i].cp);
    }
    unsigned char *phrase = NULL;
    if (model && !hinted && cjk) { /* an English heading needs no model */
        uint32_t *cps = mem_calloc((size_t)n, sizeof *cps);
        for (int i = 0; i < n; i++) cps[i] = p->c[i].cp;
        phrase = mem_calloc((size_t)n, 1);
        phrase_breaks(model, cps, n, phrase);
        free(cps);
    }
    for (int i = 0; i + 1 < n; i++) {
        uint32_t a = p->c[i].cp, b = p->c[i + 1].cp;
        if (p->brk[i] != LINEBREAK_BRK_ALLOW || linebreak_is_space(a) || linebreak_is_space(b)) continue;
        if (!linebreak_is_cjk(a) && !linebreak_is_cjk(b)) { /* Latin: at spaces; after a dash only if need be */
            p->brk[i] = mode == LAYOUT_BREAK_WORDS ? LINEBREAK_BRK_ALLOW : LINEBREAK_BRK_WORD;
            continue;
        }
        if (is_katakana(a) && is_katakana(b)) { p->brk[i] = LINEBREAK_BRK_NONE; continue; }
        bool boundary = hinted ? p->c[i].hint : phrase ? phrase[i + 1] : true;
        if (boundary) continue;
        p->brk[i] = !word_boundary(a, b) ? LINEBREAK_BRK_NONE : mode == LAYOUT_BREAK_WORDS ? LINEBREAK_BRK_ALLOW : LINEBREAK_BRK_WORD;
    }
    free(phrase);
}

typedef struct {
    int lines, weak;
    bool short_last;
} fit_t;

static fit_t fit_measure(const para_t *p, float w, float hang)
{
    fit_t f = {0, 0, false};
    line_t last = {0, 0, 0, false, false, false, false};
    for (int s = 0; s < p->n;) {
        line_t ln = para_line_find(p, s, w, hang);
        f.lines++;
        f.weak += ln.weak && ln.next < p->n;
        last = ln;
        s = ln.next;
        while (s < p->n && p->c[s].cp == ' ') s++;
    }
    f.short_last = f.lines >= 2 && para_line_is_short(p, last.start, last.end, true);
    return f;
}

/* No worse than the fit found at the full width: as many lines, as few weak breaks. */
static bool fit_keeps(fit_t f, fit_t ref)
{
    return f.lines <= ref.lines && f.weak <= ref.weak && (!f.short_last || ref.short_last);
}

static float balance(const para_t *p, float w, fit_t ref, float hang)
{
    if (ref.lines < 2) return w;
    float lo = w / (float)ref.lines * 0.9f, hi = w;
    for (int i = 0; i < BALANCE_STEPS; i++) {
        float mid = (lo + hi) / 2;
        if (fit_keeps(fit_measure(p, mid, hang), ref)) hi = mid;
        else lo = mid;
    }
    return hi;
}

static fit_t build(para_t *p, const metrics_t *m, const span_t *s, int n, float w, const text_style_t *st)
{
    para_build(p, m, s, n, st, w);
    return fit_measure(p, w, st->hang);
}

/* Sets the heading in st's mode and size: its balanced width, or -1 when it still ends on a
 * stranded line or splits a phrase it did not split before. */
static float try_style(const metrics_t *m, const span_t *s, int n, float w, const text_style_t *st, int max_weak)
{
    para_t p;
    fit_t f = build(&p, m, s, n, w, st);
    float bw = balance(&p, w, f, st->hang);
    fit_t b = fit_measure(&p, bw, st->hang);
    para_free(&p);
    return b.short_last || b.weak > max_weak || b.lines > f.lines ? -1 : bw;
}

float heading_fit(const metrics_t *m, const span_t *spans, int nspans, float w, text_style_t *st, float min_px,
                  int max_lines)
{
    para_t p;
    if (!st->breaks) st->breaks = LAYOUT_BREAK_PHRASES;
    fit_t f = build(&p, m, spans, nspans, w, st);
    /* a phrase split, or too many lines: the heading gets smaller, down to the legible minimum */
    while ((f.weak || (max_lines && f.lines > max_lines)) && st->px > min_px) {
        para_free(&p);
        st->px = fmaxf(st->px * HEADING_FIT_STEP, min_px);
        f = build(&p, m, spans, nspans, w, st);
    }
    float bw = balance(&p, w, f, st->hang);
    bool stranded = fit_measure(&p, bw, st->hang).short_last;
    para_free(&p);
    if (!stranded) return bw;
    /* a stranded last line (「…政策の/推進」): first the words inside the phrases may break
     * (「…イノベーション/政策の推進」), then the heading may get a little smaller */
    text_style_t words = *st;
    words.breaks = LAYOUT_BREAK_WORDS;
    float ww = try_style(m, spans, nspans, w, &words, f.weak);
    if (ww > 0) { *st = words; return ww; }
    text_style_t smaller = *st;
    float floor_px = fmaxf(min_px, st->px * HEADING_STRAND_MIN_SCALE);
    while (smaller.px > floor_px) {
        smaller.px = fmaxf(smaller.px * HEADING_FIT_STEP, floor_px);
        float sw = try_style(m, spans, nspans, w, &smaller, f.weak);
        if (sw > 0) { *st = smaller; return sw; }
    }
    return bw; /* nothing better: the last line stays short (a two-character heading, say) */
}
