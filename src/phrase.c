#include "annai/phrase.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A model of a few thousand weights (ja 1.6k, zh 5.6k); larger files are not a BudouX model. */
#define PHRASE_MAX_FILE_BYTES (4 * 1024 * 1024)
#define PHRASE_KEY_MAX 3  /* trigram features are the longest */

/* BudouX's thirteen features: which characters around the boundary before cps[i] they read,
 * as [i + from, i + to). The order is the model's feature names. */
typedef enum { UW1, UW2, UW3, UW4, UW5, UW6, BW1, BW2, BW3, TW1, TW2, TW3, TW4, FEATURES } feature_t;

static const struct { const char *name; int from, to; } feature_span[FEATURES] = {
    [UW1] = {"UW1", -3, -2}, [UW2] = {"UW2", -2, -1}, [UW3] = {"UW3", -1, 0}, [UW4] = {"UW4", 0, 1},
    [UW5] = {"UW5", 1, 2},   [UW6] = {"UW6", 2, 3},   [BW1] = {"BW1", -2, 0}, [BW2] = {"BW2", -1, 1},
    [BW3] = {"BW3", 0, 2},   [TW1] = {"TW1", -3, 0},  [TW2] = {"TW2", -2, 1}, [TW3] = {"TW3", -1, 2},
    [TW4] = {"TW4", 0, 3},
};

typedef struct {
    uint32_t cp[PHRASE_KEY_MAX];
    uint8_t feature, len; /* len 0: an empty slot */
    int32_t score;
} entry_t;

struct phrase_model {
    entry_t *slots;
    size_t mask;      /* slots - 1, a power of two minus one */
    int count;
    int64_t sum;      /* of all weights: BudouX starts every boundary at -sum / 2 */
};

/* Multiply-xorshift: thirteen lookups a character make this the scorer's inner loop. */
static uint64_t key_hash(int feature, const uint32_t *cp, int len)
{
    uint64_t h = ((uint64_t)feature << 8 | (uint64_t)len) * 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < len; i++) h = (h ^ cp[i]) * 0xBF58476D1CE4E5B9ull;
    return h ^ h >> 31;
}

static entry_t *slot_find(const phrase_model_t *m, int feature, const uint32_t *cp, int len)
{
    size_t i = key_hash(feature, cp, len) & m->mask;
    for (;; i = (i + 1) & m->mask) {
        entry_t *e = &m->slots[i];
        if (!e->len || (e->feature == feature && e->len == len && !memcmp(e->cp, cp, (size_t)len * sizeof *cp)))
            return e;
    }
}

static int feature_of(const char *name, size_t n)
{
    for (int f = 0; f < FEATURES; f++)
        if (strlen(feature_span[f].name) == n && !memcmp(feature_span[f].name, name, n)) return f;
    return -1;
}

/* Decodes a key of 1..3 characters; returns its length, or -1. */
static int key_decode(const char *s, size_t n, uint32_t *cp)
{
    size_t k = 0;
    int len = 0;
    while (k < n) {
        int32_t c = utf8_decode(s, n, &k);
        if (c < 0 || len == PHRASE_KEY_MAX) return -1;
        cp[len++] = (uint32_t)c;
    }
    return len ? len : -1;
}

/* One "FEATURE<TAB>KEY<TAB>SCORE" line; returns an error text or NULL. */
static const char *line_add(phrase_model_t *m, const char *s, size_t n)
{
    const char *t1 = memchr(s, '\t', n), *t2 = t1 ? memchr(t1 + 1, '\t', n - (size_t)(t1 + 1 - s)) : NULL;
    if (!t2) return "expected FEATURE<TAB>KEY<TAB>SCORE";
    int f = feature_of(s, (size_t)(t1 - s));
    if (f < 0) return "unknown feature (UW1-6, BW1-3, TW1-4)";
    uint32_t cp[PHRASE_KEY_MAX];
    int len = key_decode(t1 + 1, (size_t)(t2 - t1 - 1), cp);
    if (len < 0) return "key must be 1 to 3 characters of UTF-8";
    char num[24];
    size_t nl = n - (size_t)(t2 + 1 - s);
    if (nl == 0 || nl >= sizeof num) return "score must be an integer";
    memcpy(num, t2 + 1, nl);
    num[nl] = 0;
    char *end;
    errno = 0;
    long v = strtol(num, &end, 10);
    if (*end || errno || v < -1000000000L || v > 1000000000L) return "score must be an integer";
    entry_t *e = slot_find(m, f, cp, len);
    if (e->len) return "weight given twice";
    *e = (entry_t){{0}, (uint8_t)f, (uint8_t)len, (int32_t)v};
    memcpy(e->cp, cp, (size_t)len * sizeof *cp);
    m->count++;
    m->sum += v;
    return NULL;
}

static size_t count_lines(const char *data, size_t len)
{
    size_t n = 1;
    for (size_t i = 0; i < len; i++) n += data[i] == '\n';
    return n;
}

phrase_model_t *phrase_model_parse(const char *path, const char *data, size_t len, diag_list_t *diags)
{
    phrase_model_t *m = mem_calloc(1, sizeof *m);
    size_t cap = 16;
    while (cap < 2 * count_lines(data, len)) cap *= 2; /* at most half full */
    m->slots = mem_calloc(cap, sizeof *m->slots);
    m->mask = cap - 1;
    int bad = 0, lineno = 0;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(data + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - data) - i : len - i, next = i + n + 1;
        lineno++;
        if (n && data[i + n - 1] == '\r') n--;
        const char *err = n && data[i] != '#' ? line_add(m, data + i, n) : NULL;
        if (err) { diag_add(diags, path, lineno, "%s", err); bad++; }
        i = next;
    }
    if (!bad && !m->count) { diag_add(diags, path, 0, "no weights: not a BudouX model"); bad++; }
    if (bad) { phrase_model_free(m); return NULL; }
    return m;
}

phrase_model_t *phrase_model_load(const char *path, diag_list_t *diags)
{
    char *data;
    size_t len;
    const char *err;
    if (path_read(path, PHRASE_MAX_FILE_BYTES, &data, &len, &err) != 0) {
        diag_add(diags, path, 0, "cannot read the phrase model: %s", err);
        return NULL;
    }
    phrase_model_t *m = phrase_model_parse(path, data, len, diags);
    free(data);
    return m;
}

void phrase_model_free(phrase_model_t *m)
{
    if (!m) return;
    free(m->slots);
    free(m);
}

int phrase_model_size(const phrase_model_t *m) { return m ? m->count : 0; }

static int32_t weight(const phrase_model_t *m, int f, const uint32_t *cps, int n, int i)
{
    /* JavaScript's substring clamps to the string, so features at the ends read shorter keys */
    int s = i + feature_span[f].from, e = i + feature_span[f].to;
    if (s < 0) s = 0;
    if (e > n) e = n;
    if (e <= s) return 0;
    const entry_t *slot = slot_find(m, f, cps + s, e - s);
    return slot->len ? slot->score : 0;
}

void phrase_breaks(const phrase_model_t *m, const uint32_t *cps, int n, unsigned char *out)
{
    if (n <= 0) return;
    out[0] = 0;
    for (int i = 1; i < n; i++) {
        int64_t twice = -m->sum; /* 2 x (base score -sum/2 + weights): exact in integers */
        for (int f = 0; f < FEATURES; f++) twice += 2 * (int64_t)weight(m, f, cps, n, i);
        out[i] = twice > 0;
    }
}

int phrase_breaks_utf8(const phrase_model_t *m, const char *s, size_t len, size_t *offs, int max)
{
    uint32_t *cps = mem_calloc(len + 1, sizeof *cps);
    size_t *at = mem_calloc(len + 1, sizeof *at);
    unsigned char *brk = mem_calloc(len + 1, 1);
    int n = 0;
    for (size_t k = 0; k < len;) {
        at[n] = k;
        int32_t c = utf8_decode(s, len, &k);
        cps[n++] = c < 0 ? 0xFFFD : (uint32_t)c;
    }
    phrase_breaks(m, cps, n, brk);
    int count = 0;
    for (int i = 1; i < n; i++)
        if (brk[i]) {
            if (count < max) offs[count] = at[i];
            count++;
        }
    free(cps);
    free(at);
    free(brk);
    return count;
}

char *phrase_find_dir(const char *share_dir)
{
    const char *env = getenv("ANNAI_PHRASES");
    if (env && *env) return mem_strdup(env);
    if (path_is_file("data/budoux/ja.tsv")) return mem_strdup("data/budoux");
    char *exe = path_exe_dir();
    if (exe) {
        char *d = path_join(exe, "data/budoux"), *p = path_join(d, "ja.tsv");
        bool ok = path_is_file(p);
        free(p);
        free(exe);
        if (ok) return d;
        free(d);
    }
    return path_join(share_dir, "budoux");
}
