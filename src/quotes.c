/* quotes: typewriter quotes set as typographic ones (quotes.h). */
#include "annai/quotes.h"
#include "annai/linebreak.h"

#include <stdlib.h>
#include <string.h>

#define QUOTE_DOUBLE_OPEN 0x201C  /* “ */
#define QUOTE_DOUBLE_CLOSE 0x201D /* ” */
#define QUOTE_SINGLE_OPEN 0x2018  /* ‘ */
#define QUOTE_SINGLE_CLOSE 0x2019 /* ’ (also the apostrophe) */

/* After these a quote opens: a space or line break, an opening bracket, a dash, an opening
 * quote, or CJK (「彼は"はい"と」: Japanese sets no space before a quote). */
static bool quotes_opens_after(uint32_t prev)
{
    return prev == ' ' || prev == '\n' || prev == '(' || prev == '[' || prev == 0x2014 || prev == 0x2013 ||
           prev == QUOTE_DOUBLE_OPEN || prev == QUOTE_SINGLE_OPEN || linebreak_is_cjk(prev);
}

/* After CJK a quote opens only when its kind is not open already: Japanese sets no space on
 * either side, so 彼は"はい"と is told apart by pairing alone (the second " closes). */
static bool quotes_opens(int32_t c, uint32_t prev, const bool open[2])
{
    if (!quotes_opens_after(prev)) return false;
    return !linebreak_is_cjk(prev) || !open[c == '\''];
}

/* The typographic quote for a typewriter one, or 0 for any other character. */
static uint32_t quotes_set(int32_t c, bool opens)
{
    if (c == '"') return opens ? QUOTE_DOUBLE_OPEN : QUOTE_DOUBLE_CLOSE;
    if (c == '\'') return opens ? QUOTE_SINGLE_OPEN : QUOTE_SINGLE_CLOSE;
    return 0;
}

void quotes_apply(block_t *b)
{
    uint32_t prev = ' '; /* the start of the block opens */
    bool open[2] = {false, false}; /* a double, a single quote open */
    for (int i = 0; i < b->nspans; i++) {
        const char *t = b->spans[i].text;
        if (!strpbrk(t, "\"'")) {
            size_t n = strlen(t), k = 0;
            while (k < n) { int32_t c = utf8_decode(t, n, &k); prev = c < 0 ? 0xFFFD : (uint32_t)c; }
            continue;
        }
        buf_t out = {0};
        char tmp[4];
        size_t n = strlen(t), k = 0;
        while (k < n) {
            size_t at = k;
            int32_t c = utf8_decode(t, n, &k);
            uint32_t set = quotes_set(c, quotes_opens(c, prev, open));
            if (set) open[c == '\''] = set == QUOTE_DOUBLE_OPEN || set == QUOTE_SINGLE_OPEN;
            if (set) buf_put(&out, tmp, (size_t)utf8_encode(set, tmp));
            else buf_put(&out, t + at, k - at);
            /* what was set decides for the next quote: “‘nested’” opens the inner one too */
            prev = set ? set : c < 0 ? 0xFFFD : (uint32_t)c;
        }
        free(b->spans[i].text);
        b->spans[i].text = buf_take(&out);
    }
}

void quotes_in_string(char **s)
{
    if (!*s) return;
    span_t sp = {*s, NULL, 0};
    block_t b = {.spans = &sp, .nspans = 1};
    quotes_apply(&b);
    *s = sp.text;
}
