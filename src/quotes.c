/* quotes: typewriter quotes set as typographic ones (quotes.h). */
#include "annai/quotes.h"
#include "annai/linebreak.h"

#include <stdlib.h>
#include <string.h>

/* After these a quote opens: a space or line break, an opening bracket, a dash, an opening
 * quote, or CJK (「彼は"はい"と」: Japanese sets no space before a quote). */
static bool quotes_opens_after(uint32_t prev)
{
    return prev == ' ' || prev == '\n' || prev == '(' || prev == '[' || prev == 0x2014 || prev == 0x2013 ||
           prev == 0x201C || prev == 0x2018 || linebreak_is_cjk(prev);
}

void quotes_apply(block_t *b)
{
    uint32_t prev = ' '; /* the start of the block opens */
    for (int i = 0; i < b->nspans; i++) {
        const char *t = b->spans[i].text;
        if (!strpbrk(t, "\"'")) {
            size_t n = strlen(t), k = 0;
            while (k < n) { int32_t c = utf8_decode(t, n, &k); prev = c < 0 ? 0xFFFD : (uint32_t)c; }
            continue;
        }
        buf_t out = {0};
        size_t n = strlen(t), k = 0;
        while (k < n) {
            size_t at = k;
            int32_t c = utf8_decode(t, n, &k);
            bool opens = quotes_opens_after(prev);
            if (c == '"') buf_puts(&out, opens ? "\u201C" : "\u201D");
            else if (c == '\'') buf_puts(&out, opens ? "\u2018" : "\u2019");
            else buf_put(&out, t + at, k - at);
            prev = c < 0 ? 0xFFFD : (uint32_t)c;
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
