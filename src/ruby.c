/* ruby: Aozora readings split out of a block's spans (ruby.h). */
#include "annai/ruby.h"
#include "panel_private.h"

#include <stdlib.h>
#include <string.h>

#define RUBY_BAR_BYTES 3   /* ｜ and 》 in UTF-8 */
#define RUBY_CLOSE_BYTES 3

bool ruby_is_kanji(int32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x2FFFF) || c == 0x3005 || c == 0x3006 || c == 0x30F6;
}

/* Splits one span's text into plain and ruby spans appended to out. */
static void ruby_split(const span_t *s, block_t *out, const char *path, int line, diag_list_t *d)
{
    const char *t = s->text;
    size_t n = strlen(t), plain = 0, i = 0;
    long bar = -1;          /* byte offset of the base when ｜ was seen */
    long kanji_start = -1;  /* start of the current kanji run */
    while (i < n) {
        size_t at = i;
        int32_t c = utf8_decode(t, n, &i);
        if (c == RUBY_BAR) { bar = (long)at; kanji_start = -1; continue; }
        if (c != RUBY_OPEN) {
            if (ruby_is_kanji(c)) { if (kanji_start < 0) kanji_start = (long)at; }
            else kanji_start = -1;
            continue;
        }
        const char *close = strstr(t + i, "》");
        long base = bar >= 0 ? bar : kanji_start;
        if (!close) {
            diag_add(d, path, line, "ruby 《 without closing 》");
            break;
        }
        if (base < 0) continue; /* 《 with no base: plain text, as in Aozora */
        size_t base_text = (size_t)base + (bar >= 0 ? RUBY_BAR_BYTES : 0);
        if (base_text >= at || close == t + i) { bar = -1; continue; } /* empty base or reading */
        if ((size_t)base > plain) panel_span_push(out, t + plain, (size_t)base - plain, NULL, s->style);
        char *reading = mem_strndup(t + i, (size_t)(close - (t + i)));
        panel_span_push(out, t + base_text, at - base_text, reading, s->style);
        free(reading);
        i = (size_t)(close - t) + RUBY_CLOSE_BYTES;
        plain = i;
        bar = kanji_start = -1;
    }
    if (bar >= 0) {
        /* a lone ｜ is dropped, as in Aozora; keep the text around it */
        if ((size_t)bar > plain) panel_span_push(out, t + plain, (size_t)bar - plain, NULL, s->style);
        plain = (size_t)bar + RUBY_BAR_BYTES;
    }
    if (plain < n) panel_span_push(out, t + plain, n - plain, NULL, s->style);
}

void ruby_apply(block_t *b, const char *path, diag_list_t *diags)
{
    block_t out = {0};
    for (int i = 0; i < b->nspans; i++) {
        if (b->spans[i].ruby) panel_span_push(&out, b->spans[i].text, strlen(b->spans[i].text), b->spans[i].ruby, b->spans[i].style);
        else ruby_split(&b->spans[i], &out, path, b->line, diags);
        free(b->spans[i].text);
        free(b->spans[i].ruby);
    }
    free(b->spans);
    b->spans = out.spans;
    b->nspans = out.nspans;
    b->capspans = out.capspans;
}
