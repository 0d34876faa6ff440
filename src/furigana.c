/* furigana: reading list parsing, longest-match lookup and application to spans. */
#include "annai/furigana.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define FURIGANA_MAX_FILE_BYTES (4 * 1024 * 1024)
#define IDEOGRAPHIC_SPACE 0x3000
#define PROLONGED_MARK 0x30FC /* ー: kana in a reading */
#define KATA_TO_HIRA 0x60

bool furigana_is_kanji(int32_t c)
{
    /* 々〆ヶ are read as part of the kanji word they sit in (人々, 〆切, 霞ヶ関) */
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x2FFFF) || c == 0x3005 || c == 0x3006 || c == 0x30F6;
}

static bool is_kana(int32_t c)
{
    return (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) || c == PROLONGED_MARK;
}

static int32_t to_hiragana(int32_t c)
{
    return c >= 0x30A1 && c <= 0x30F6 ? c - KATA_TO_HIRA : c;
}

/* ---- alignment: which part of the reading goes over which kanji run ---- */

#define MAX_SEGS 16

typedef struct {
    bool kanji;
    size_t at, len;       /* bytes in the word */
    size_t r_at, r_len;   /* bytes in the reading (kanji segments) */
} seg_t;

/* Splits a word into alternating kanji and kana runs. Returns the count, or -1 when the word
 * holds something else or too many runs. */
static int split_word(const char *w, size_t n, seg_t *segs)
{
    int ns = 0;
    size_t i = 0;
    while (i < n) {
        size_t at = i;
        int32_t c = utf8_decode(w, n, &i);
        bool k = furigana_is_kanji(c);
        if (!k && !is_kana(c)) return -1;
        if (ns && segs[ns - 1].kanji == k) { segs[ns - 1].len = i - segs[ns - 1].at; continue; }
        if (ns == MAX_SEGS) return -1;
        segs[ns++] = (seg_t){k, at, i - at, 0, 0};
    }
    return ns;
}

/* Does the kana run w[0..n) read as r[0..)? Katakana and hiragana compare equal. */
static size_t kana_prefix(const char *w, size_t n, const char *r, size_t rn)
{
    size_t i = 0, j = 0;
    while (i < n) {
        if (j >= rn) return 0;
        int32_t a = utf8_decode(w, n, &i), b = utf8_decode(r, rn, &j);
        if (a < 0 || b < 0 || to_hiragana(a) != to_hiragana(b)) return 0;
    }
    return j;
}

static bool align_from(const char *w, seg_t *segs, int ns, int k, const char *r, size_t rn, size_t rpos)
{
    if (k == ns) return rpos == rn;
    seg_t *s = &segs[k];
    if (!s->kanji) {
        size_t used = kana_prefix(w + s->at, s->len, r + rpos, rn - rpos);
        return used && align_from(w, segs, ns, k + 1, r, rn, rpos + used);
    }
    /* a kanji run takes at least one kana; shortest first, backtracking */
    size_t j = rpos;
    while (j < rn) {
        utf8_decode(r, rn, &j);
        s->r_at = rpos;
        s->r_len = j - rpos;
        if (align_from(w, segs, ns, k + 1, r, rn, j)) return true;
    }
    return false;
}

static int align(const char *word, const char *reading, seg_t *segs)
{
    int ns = split_word(word, strlen(word), segs);
    if (ns <= 0) return -1;
    return align_from(word, segs, ns, 0, reading, strlen(reading), 0) ? ns : -1;
}

/* ---- the list ---- */

static int entry_cmp(const void *a, const void *b)
{
    return strcmp(((const furigana_entry_t *)a)->word, ((const furigana_entry_t *)b)->word);
}

/* Next whitespace-separated field of line (ASCII blanks or U+3000). */
static const char *next_field(const char *s, size_t n, size_t *i, size_t *len)
{
    size_t k = *i, start = n;
    while (k < n) {
        size_t at = k;
        int32_t c = utf8_decode(s, n, &k);
        bool blank = c == ' ' || c == '\t' || c == IDEOGRAPHIC_SPACE;
        if (start == n && !blank) start = at;
        if (start != n && blank) { k = at; break; }
    }
    *i = k;
    *len = start == n ? 0 : k - start;
    return start == n ? NULL : s + start;
}

static char *reading_to_hiragana(const char *r, size_t n)
{
    buf_t out = {0};
    size_t i = 0;
    while (i < n) {
        int32_t c = utf8_decode(r, n, &i);
        if (!is_kana(c)) { buf_free(&out); return NULL; }
        char u[4];
        buf_put(&out, u, (size_t)utf8_encode((uint32_t)to_hiragana(c), u));
    }
    return buf_take(&out);
}

static int chars_in(const char *s, size_t n)
{
    int c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* One line: "word reading", then optionally a comment. Returns 0, or 1 with a diag. */
static int parse_line(furigana_t *f, const char *path, int lineno, const char *s, size_t n, diag_list_t *d)
{
    for (size_t k = 0; k < n; k++) /* a comment starts at # at the start or after a blank */
        if (s[k] == '#' && (k == 0 || s[k - 1] == ' ' || s[k - 1] == '\t')) { n = k; break; }
    size_t i = 0, wl, rl, xl;
    const char *w = next_field(s, n, &i, &wl);
    if (!w) return 0;
    const char *r = next_field(s, n, &i, &rl);
    const char *extra = next_field(s, n, &i, &xl);
    if (!r || extra) {
        diag_add(d, path, lineno, "expected 'word reading' (two fields), found %d", r ? 3 : 1);
        return 1;
    }
    if (chars_in(w, wl) > FURIGANA_MAX_WORD_CHARS) {
        diag_add(d, path, lineno, "word longer than %d characters", FURIGANA_MAX_WORD_CHARS);
        return 1;
    }
    char *word = mem_strndup(w, wl), *reading = reading_to_hiragana(r, rl);
    seg_t segs[MAX_SEGS];
    bool has_kanji = false;
    for (size_t k = 0; k < wl;) has_kanji |= furigana_is_kanji(utf8_decode(word, wl, &k));
    const char *why = !has_kanji ? "word '%s' has no kanji to read"
                      : !reading ? "reading of '%s' must be kana only"
                      : align(word, reading, segs) < 0 ? "reading does not fit the kana of '%s'"
                      : NULL;
    if (why) {
        diag_add(d, path, lineno, why, word);
        free(word); free(reading);
        return 1;
    }
    MEM_ARRAY_GROW(f->e, f->n, f->cap, f->n + 1);
    f->e[f->n++] = (furigana_entry_t){word, reading, lineno};
    int c = chars_in(w, wl);
    if (c > f->max_chars) f->max_chars = c;
    return 0;
}

/* After sorting: a word listed twice keeps its first line; the others are reported. */
static int drop_duplicates(furigana_t *f, const char *path, diag_list_t *d)
{
    int problems = 0, out = 0;
    for (int i = 0; i < f->n; i++) {
        if (out && strcmp(f->e[out - 1].word, f->e[i].word) == 0) {
            furigana_entry_t *keep = &f->e[out - 1], *dup = &f->e[i];
            if (dup->line < keep->line) { furigana_entry_t t = *keep; *keep = *dup; *dup = t; }
            diag_add(d, path, dup->line, "'%s' is listed already on line %d", dup->word, keep->line);
            free(dup->word); free(dup->reading);
            problems++;
            continue;
        }
        f->e[out++] = f->e[i];
    }
    f->n = out;
    return problems;
}

int furigana_parse(furigana_t *f, const char *path, const char *data, size_t len, diag_list_t *diags)
{
    int problems = 0, lineno = 0;
    long bad = utf8_first_invalid(data, len);
    if (bad >= 0) {
        int l = 1;
        for (long k = 0; k < bad; k++) l += data[k] == '\n';
        diag_add(diags, path, l, "not valid UTF-8");
        return 1;
    }
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) i = 3; /* a BOM from a Windows editor */
    while (i < len) {
        const char *nl = memchr(data + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - data) : len, n = end - i;
        lineno++;
        if (n && data[i + n - 1] == '\r') n--;
        if (f->n >= FURIGANA_MAX_ENTRIES) {
            diag_add(diags, path, lineno, "more than %d readings: the rest is left out", FURIGANA_MAX_ENTRIES);
            problems++;
            break;
        }
        problems += parse_line(f, path, lineno, data + i, n, diags);
        i = end + 1;
    }
    if (f->n) qsort(f->e, (size_t)f->n, sizeof *f->e, entry_cmp);
    return problems + drop_duplicates(f, path, diags);
}

int furigana_load(furigana_t *f, const char *dir, diag_list_t *diags)
{
    char *path = path_join(dir, FURIGANA_FILE);
    char *data = NULL;
    size_t len = 0;
    const char *err = NULL;
    int rc = 1;
    struct stat st;
    if (lstat(path, &st) != 0 && errno == ENOENT) rc = 0;
    else if (path_read(path, FURIGANA_MAX_FILE_BYTES, &data, &len, &err) != 0) {
        diag_add(diags, path, 0, "%s", err ? err : "cannot read");
        rc = -1;
    } else furigana_parse(f, path, data, len, diags);
    free(data);
    free(path);
    return rc;
}

void furigana_free(furigana_t *f)
{
    for (int i = 0; i < f->n; i++) { free(f->e[i].word); free(f->e[i].reading); }
    free(f->e);
    *f = (furigana_t){0};
}

static int key_cmp(const char *s, size_t n, const char *word)
{
    int c = strncmp(s, word, n);
    if (c) return c;
    return word[n] ? -1 : 0;
}

static const furigana_entry_t *find_exact(const furigana_t *f, const char *s, size_t n)
{
    int lo = 0, hi = f->n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2, c = key_cmp(s, n, f->e[mid].word);
        if (c == 0) return &f->e[mid];
        if (c < 0) hi = mid - 1;
        else lo = mid + 1;
    }
    return NULL;
}

const furigana_entry_t *furigana_match(const furigana_t *f, const char *s, size_t len)
{
    size_t ends[FURIGANA_MAX_WORD_CHARS];
    int ne = 0;
    size_t i = 0;
    while (i < len && ne < f->max_chars && ne < FURIGANA_MAX_WORD_CHARS) {
        if (utf8_decode(s, len, &i) < 0) break;
        ends[ne++] = i;
    }
    for (int k = ne - 1; k >= 0; k--) { /* longest first */
        const furigana_entry_t *e = find_exact(f, s, ends[k]);
        if (e) return e;
    }
    return NULL;
}

/* ---- application ---- */

static void push(block_t *b, const char *text, size_t n, const char *ruby, size_t rn, unsigned style)
{
    if (!n) return;
    MEM_ARRAY_GROW(b->spans, b->nspans, b->capspans, b->nspans + 1);
    b->spans[b->nspans++] = (span_t){mem_strndup(text, n), ruby ? mem_strndup(ruby, rn) : NULL, style};
}

static void push_word(block_t *out, const furigana_entry_t *e, const char *text, unsigned style)
{
    seg_t segs[MAX_SEGS];
    int ns = align(e->word, e->reading, segs);
    for (int k = 0; k < ns; k++) /* the text's own kana (it may be katakana where the list has hiragana) */
        push(out, text + segs[k].at, segs[k].len, segs[k].kanji ? e->reading + segs[k].r_at : NULL,
             segs[k].r_len, style);
}

static void apply_span(const furigana_t *f, const span_t *s, block_t *out)
{
    const char *t = s->text;
    size_t n = strlen(t), plain = 0, i = 0;
    while (i < n) {
        const furigana_entry_t *e = furigana_match(f, t + i, n - i);
        if (!e) { utf8_decode(t, n, &i); continue; }
        push(out, t + plain, i - plain, NULL, 0, s->style);
        push_word(out, e, t + i, s->style);
        i += strlen(e->word);
        plain = i;
    }
    push(out, t + plain, n - plain, NULL, 0, s->style);
}

void furigana_apply(const furigana_t *f, block_t *b)
{
    if (!f || !f->n) return;
    block_t out = {0};
    for (int i = 0; i < b->nspans; i++) {
        span_t *s = &b->spans[i];
        if (s->ruby) push(&out, s->text, strlen(s->text), s->ruby, strlen(s->ruby), s->style);
        else apply_span(f, s, &out);
        free(s->text);
        free(s->ruby);
    }
    free(b->spans);
    b->spans = out.spans;
    b->nspans = out.nspans;
    b->capspans = out.capspans;
}

int furigana_missing(const furigana_t *f, const block_t *b, furigana_report_fn report, void *ctx)
{
    int count = 0;
    for (int k = 0; k < b->nspans; k++) {
        const span_t *s = &b->spans[k];
        if (s->ruby) continue;
        const char *t = s->text;
        size_t n = strlen(t), i = 0;
        long run = -1;
        while (i <= n) {
            size_t at = i;
            const furigana_entry_t *e = i < n && f ? furigana_match(f, t + i, n - i) : NULL;
            int32_t c = i < n ? utf8_decode(t, n, &i) : (i++, 0);
            bool bare = !e && c > 0 && furigana_is_kanji(c);
            if (bare && run < 0) run = (long)at;
            if (!bare && run >= 0) { report(ctx, t + run, at - (size_t)run); count++; run = -1; }
            if (e) i = at + strlen(e->word);
        }
    }
    return count;
}
