#include "annai/linebreak.h"

#include <linebreak.h>
#include <stdlib.h>
#include <string.h>

/* JLREQ cl-02 closing brackets, cl-04 question/exclamation, cl-05 middle dots,
 * cl-06 full stops, cl-07 commas, cl-10 small kana, cl-11 prolonged sound mark,
 * and the iteration marks: strict kinsoku keeps them all off the start of a line. */
static const uint32_t no_start[] = {
    ')', ']', '}', ',', '.', ':', ';', '?', '!', 0x2019, 0x201D, 0x00BB,
    0x3001, 0x3002, 0xFF0C, 0xFF0E, 0x30FB, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF01, 0x203C, 0x2047, 0x2048, 0x2049,
    0x300D, 0x300F, 0x3011, 0x3015, 0x3009, 0x300B, 0x3017, 0x3019, 0x301F, 0xFF09, 0xFF3D, 0xFF5D, 0xFF63, 0xFF60,
    0x30FC, 0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E, 0x3095, 0x3096,
    0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6,
    0x31F0, 0x31F1, 0x31F2, 0x31F3, 0x31F4, 0x31F5, 0x31F6, 0x31F7, 0x31F8, 0x31F9, 0x31FA, 0x31FB, 0x31FC,
    0x31FD, 0x31FE, 0x31FF, 0xFF67, 0xFF68, 0xFF69, 0xFF6A, 0xFF6B, 0xFF6C, 0xFF6D, 0xFF6E, 0xFF6F, 0xFF70,
    0x3005, 0x303B, 0x309D, 0x309E, 0x30FD, 0x30FE, 0x301C, 0x30A0, 0x2010, 0x2013, 0xFF05, '%',
    0x3099, 0x309A, /* combining sound marks: part of the letter before (ㇷ゚), even where a word must break */
    /* Chinese (CLREQ): the interpunct of names and the small forms of punctuation */
    0x00B7, 0x2030, 0xFE50, 0xFE51, 0xFE52, 0xFE54, 0xFE55, 0xFE56, 0xFE57, 0xFE5A, 0xFE5C, 0xFE5E,
};

/* JLREQ cl-01 opening brackets. */
static const uint32_t no_end[] = {
    '(', '[', '{', 0x2018, 0x201C, 0x00AB, 0x300C, 0x300E, 0x3010, 0x3014, 0x3008, 0x300A, 0x3016, 0x3018,
    0x301D, 0xFF08, 0xFF3B, 0xFF5B, 0xFF62, 0xFF5F, 0xFE59, 0xFE5B, 0xFE5D,
};

static bool in_set(const uint32_t *set, size_t n, uint32_t cp)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == cp) return true;
    return false;
}

bool linebreak_no_start(uint32_t cp) { return in_set(no_start, sizeof no_start / sizeof *no_start, cp); }
bool linebreak_no_end(uint32_t cp) { return in_set(no_end, sizeof no_end / sizeof *no_end, cp); }
bool linebreak_can_hang(uint32_t cp) { return cp == 0x3001 || cp == 0x3002 || cp == 0xFF0C || cp == 0xFF0E; }
bool linebreak_is_space(uint32_t cp) { return cp == ' ' || cp == 0x3000 || cp == '\t' || cp == 0xA0; }

bool linebreak_is_squeezable(uint32_t cp)
{
    return cp == 0x3001 || cp == 0x3002 || cp == 0xFF0C || cp == 0xFF0E ||
           in_set(no_end, sizeof no_end / sizeof *no_end, cp) || (cp >= 0x3008 && cp <= 0x3011 && (cp & 1));
}

bool linebreak_is_cjk(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0x20000 && cp <= 0x3FFFF);
}

static bool is_inseparable(uint32_t cp) { return cp == 0x2026 || cp == 0x2025 || cp == 0x2014 || cp == 0x2015; }
static bool is_digit(uint32_t cp) { return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19); }
static bool is_url_char(uint32_t cp) { return cp > ' ' && cp < 0x7F; }

void linebreak_init(void) { init_linebreak(); }

static void linebreak_uax14(const uint32_t *cps, int n, const char *lang, unsigned char *out);
static void kinsoku(const uint32_t *cps, int n, unsigned char *out);

static bool starts_with(const uint32_t *c, int n, const char *s)
{
    int i = 0;
    for (; s[i]; i++)
        if (i >= n || c[i] != (uint32_t)s[i]) return false;
    return true;
}

/* A URL that fits on a line is never split: glue its characters together. The layout
 * still breaks it, as a last resort, when it is wider than the line. */
static void glue_urls(const uint32_t *c, int n, unsigned char *out)
{
    for (int i = 0; i < n; i++) {
        if (!starts_with(c + i, n - i, "http://") && !starts_with(c + i, n - i, "https://") &&
            !starts_with(c + i, n - i, "www."))
            continue;
        int j = i;
        while (j + 1 < n && is_url_char(c[j + 1])) out[j++] = LINEBREAK_BRK_NONE;
        i = j;
    }
}

bool linebreak_is_hangul(uint32_t cp)
{
    return (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
           (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xD7B0 && cp <= 0xD7FF);
}

/* A letter of a word: what keep-all keeps together (CSS Text 3: "typographic letter units"). */
static bool is_letter(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || (cp >= 0xC0 && cp <= 0x24F) ||
           linebreak_is_hangul(cp) || (cp >= 0x3041 && cp <= 0x309F) || (cp >= 0x30A1 && cp <= 0x30FA) ||
           cp == 0x30FC || cp == 0x3005 || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF) || (cp >= 0xFF10 && cp <= 0xFF19) ||
           (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A);
}

/* Text written in phrases (分かち書き): a space between two Japanese letters somewhere. */
static bool has_phrase_spaces(const uint32_t *c, int n)
{
    for (int i = 1; i + 1 < n; i++)
        if ((c[i] == ' ' || c[i] == 0x3000) && linebreak_is_cjk(c[i - 1]) && is_letter(c[i + 1])) return true;
    return false;
}

/* Korean (and やさしい日本語 written in phrases): no break between two letters, so that lines
 * break at the spaces between words; punctuation keeps its kinsoku. A word wider than the
 * line is still cut by the layout, as a last resort. */
static void keep_all(const uint32_t *c, int n, unsigned char *out)
{
    for (int i = 0; i + 1 < n; i++)
        if (out[i] == LINEBREAK_BRK_ALLOW && is_letter(c[i]) && is_letter(c[i + 1])) out[i] = LINEBREAK_BRK_NONE;
}

/* UAX #14 treats “ ” ‘ ’ as ambiguous quotes (QU) and never breaks beside them; in Chinese
 * and Japanese text they are brackets: a line may break before “ and after ” where a CJK
 * letter is on the other side (实施了|“知识集群”|等). Kinsoku then keeps “ off the line's end. */
static void cjk_quotes(const uint32_t *c, int n, unsigned char *out)
{
    for (int i = 0; i + 1 < n; i++) {
        if (out[i] != LINEBREAK_BRK_NONE) continue;
        bool opens = (c[i + 1] == 0x201C || c[i + 1] == 0x2018) && linebreak_is_cjk(c[i]) && !linebreak_no_end(c[i]);
        bool closes = (c[i] == 0x201D || c[i] == 0x2019) && linebreak_is_cjk(c[i + 1]) && !linebreak_no_start(c[i + 1]);
        if (opens || closes) out[i] = LINEBREAK_BRK_ALLOW;
    }
}

void linebreak_compute_for(const uint32_t *cps, int n, lang_breaks_t rules, const char *unibreak, unsigned char *out)
{
    if (n <= 0) return;
    linebreak_uax14(cps, n, unibreak ? unibreak : "ja", out);
    if (rules == LANG_BREAKS_ZH || rules == LANG_BREAKS_JA || rules == LANG_BREAKS_JA_EASY) cjk_quotes(cps, n, out);
    kinsoku(cps, n, out);
    if (rules == LANG_BREAKS_KO || (rules == LANG_BREAKS_JA_EASY && has_phrase_spaces(cps, n))) keep_all(cps, n, out);
    out[n - 1] = LINEBREAK_BRK_MUST;
}

void linebreak_compute(const uint32_t *cps, int n, unsigned char *out)
{
    linebreak_compute_for(cps, n, LANG_BREAKS_JA, "ja", out);
}

/* libunibreak's opportunities (UAX #14) */
static void linebreak_uax14(const uint32_t *cps, int n, const char *lang, unsigned char *out)
{
    if (n <= 0) return;
    char *brks = malloc((size_t)n);
    utf32_t *text = malloc((size_t)n * sizeof *text);
    if (!brks || !text) abort();
    /* libunibreak 1.1 takes U+FFFF for its end-of-text marker and asserts when it meets one
     * inside the text (found by fuzzing): noncharacters go in as U+FFFD */
    for (int i = 0; i < n; i++) text[i] = (cps[i] & 0xFFFE) == 0xFFFE ? 0xFFFD : cps[i];
    set_linebreaks_utf32(text, (size_t)n, lang, brks);
    free(text);
    for (int i = 0; i < n; i++)
        out[i] = brks[i] == LINEBREAK_MUSTBREAK ? LINEBREAK_BRK_MUST : brks[i] == LINEBREAK_ALLOWBREAK ? LINEBREAK_BRK_ALLOW : LINEBREAK_BRK_NONE;
    free(brks);
}

/* Kinsoku on top: the no-start and no-end sets hold the Japanese, Chinese and Korean
 * characters alike (small kana never meet Chinese text, 。、 behave the same in both). */
static void kinsoku(const uint32_t *cps, int n, unsigned char *out)
{
    for (int i = 0; i + 1 < n; i++) {
        if (out[i] == LINEBREAK_BRK_MUST) continue;
        uint32_t a = cps[i], b = cps[i + 1];
        if (linebreak_no_start(b) || linebreak_no_end(a)) out[i] = LINEBREAK_BRK_NONE;
        else if (is_inseparable(a) && a == b) out[i] = LINEBREAK_BRK_NONE;
        /* numbers stay with their unit: 平成23|年度 would strand 23 */
        else if (is_digit(a) && !linebreak_is_space(b) && !linebreak_no_end(b)) out[i] = LINEBREAK_BRK_NONE;
        /* spaces: a break after the space, never before it */
        else if (linebreak_is_space(b) && b != 0x3000) out[i] = LINEBREAK_BRK_NONE;
    }
    glue_urls(cps, n, out);
}
