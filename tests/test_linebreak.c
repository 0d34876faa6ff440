/* Kinsoku and word integrity, checked on real layouts at every forced break position. */
#include "testutil.h"

#define PX 40.0f

static const char *no_start[] = {"、", "。", "，", "．", "・", "：", "；", "？", "！", "」", "』", "）", "】", "〕", "〉", "》",
                                 "ー", "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ", "ょ", "ゎ", "ァ", "ィ", "ゥ", "ェ",
                                 "ォ", "ッ", "ャ", "ュ", "ョ", "ヮ", "ヵ", "ヶ", "々", "ゝ", "ゞ", "ヽ", "ヾ"};
static const char *no_end[] = {"「", "『", "（", "【", "〔", "〈", "《"};

/* Lays text out at a width of `chars` times the advance of あ and returns the list. */
static void lay(dlist_t *dl, const char *text, float chars)
{
    span_t s = {(char *)text, NULL, 0};
    text_style_t st = {PX, 1.7f, 0xFF000000u, LAYOUT_ALIGN_JUSTIFY, PX, FONTS_FACE_REGULAR, LAYOUT_BREAK_BODY};
    float w = tu_m.advance(tu_m.ud, FONTS_FACE_REGULAR, PX, 0x3042) * chars + 0.5f;
    layout_dlist_clear(dl);
    layout_text(dl, &tu_m, &s, 1, 0, 0, w, 1e9f, &st, 0, NULL);
}

static void joined_equals(const dlist_t *dl, const char *text)
{
    buf_t b = {0};
    for (int i = 0; i < dl->nlines; i++) buf_puts(&b, dl->lines[i].text);
    assert_string_equal(b.data ? b.data : "", text);
    buf_free(&b);
}

static void test_no_line_starts_with_prohibited(void **state)
{
    (void)state;
    dlist_t dl = {0};
    for (size_t k = 0; k < sizeof no_start / sizeof *no_start; k++) {
        for (int pos = 1; pos <= 7; pos++) {
            char text[256] = "";
            for (int i = 0; i < pos; i++) strcat(text, "あ");
            strcat(text, no_start[k]);
            strcat(text, "かきくけこさしすせそ");
            for (float w = 2; w <= 9; w++) {
                lay(&dl, text, w);
                for (int i = 1; i < dl.nlines; i++)
                    if (tu_first_cp(dl.lines[i].text) == tu_first_cp(no_start[k]))
                        fail_msg("line %d starts with %s in '%s' at width %.0f", i, no_start[k], text, w);
                joined_equals(&dl, text); /* nothing lost */
            }
        }
    }
    layout_dlist_free(&dl);
}

static void test_no_line_ends_with_opening_bracket(void **state)
{
    (void)state;
    dlist_t dl = {0};
    for (size_t k = 0; k < sizeof no_end / sizeof *no_end; k++)
        for (int pos = 1; pos <= 7; pos++) {
            char text[256] = "";
            for (int i = 0; i < pos; i++) strcat(text, "あ");
            strcat(text, no_end[k]);
            strcat(text, "かきくけこさしすせそ");
            for (float w = 2; w <= 9; w++) {
                lay(&dl, text, w);
                for (int i = 0; i + 1 < dl.nlines; i++)
                    if (tu_last_cp(dl.lines[i].text) == tu_first_cp(no_end[k]))
                        fail_msg("line %d ends with %s in '%s' at width %.0f", i, no_end[k], text, w);
            }
        }
    layout_dlist_free(&dl);
}

/* Words that must stay whole at any width where they fit on a line. */
static void test_words_numbers_urls_stay_whole(void **state)
{
    (void)state;
    static const struct { const char *text, *keep; } cases[] = {
        {"あいうえおかきくけこ平成23年度からさしすせそ", "23年"},
        {"あいうえおかきくけこ平成14年度からさしすせそ", "14年"},
        {"あいうえおかきくけこ成長率は12.5%でしたさしすせそ", "12.5%"},
        {"あいうえおかきくけこ Innovation さしすせそたちつてと", "Innovation"},
        {"あいうえおかきくけこ https://example.jp/a/b さしすせそ", "https://example.jp/a/b"},
        {"あいうえおかきくけこ http://example.jp/a/b さしすせそ", "http://example.jp/a/b"},
        {"あいうえおかきくけこ www.example.jp/a/b さしすせそ", "www.example.jp/a/b"},
        {"あいうえおかきくけこ……さしすせそたちつてと", "……"},
        {"あいうえおかきくけこ——さしすせそたちつてと", "——"},
        {"あいうえおかきくけこ1,000,000円さしすせそ", "1,000,000"},
    };
    dlist_t dl = {0};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
        for (float w = 6; w <= 16; w += 0.5f) {
            float kw = 0, a = tu_m.advance(tu_m.ud, FONTS_FACE_REGULAR, PX, 0x3042);
            for (size_t i = 0, n = strlen(cases[k].keep); i < n;)
                kw += tu_m.advance(tu_m.ud, FONTS_FACE_REGULAR, PX, (uint32_t)utf8_decode(cases[k].keep, n, &i));
            if (kw > a * w) continue; /* wider than the line: it has to break somewhere */
            lay(&dl, cases[k].text, w);
            bool whole = false;
            for (int i = 0; i < dl.nlines; i++) whole |= strstr(dl.lines[i].text, cases[k].keep) != NULL;
            if (!whole) fail_msg("'%s' split in '%s' at width %.1f", cases[k].keep, cases[k].text, w);
        }
    layout_dlist_free(&dl);
}

/* 。 and 、 may hang one glyph past the column, never more, never past the screen. */
static void test_burasage(void **state)
{
    (void)state;
    dlist_t dl = {0};
    float a = tu_m.advance(tu_m.ud, FONTS_FACE_REGULAR, PX, 0x3042);
    lay(&dl, "あいうえお。かきくけこ", 5);
    assert_true(dl.nlines >= 2);
    assert_string_equal(dl.lines[0].text, "あいうえお。");
    assert_true(dl.lines[0].r.w <= 5 * a + 0.5f + a);
    /* without room to hang (hang = 0) the 。 drags its base character down instead */
    span_t s = {"あいうえお。かきくけこ", NULL, 0};
    text_style_t st = {PX, 1.7f, 0xFF000000u, LAYOUT_ALIGN_JUSTIFY, 0, FONTS_FACE_REGULAR, LAYOUT_BREAK_BODY};
    layout_dlist_clear(&dl);
    layout_text(&dl, &tu_m, &s, 1, 0, 0, 5 * a + 0.5f, 1e9f, &st, 0, NULL);
    assert_string_equal(dl.lines[0].text, "あいうえ");
    /* greedy would leave 「けこ」 alone on the last line: one character is pushed down to it */
    assert_string_equal(dl.lines[1].text, "お。かき");
    assert_string_equal(dl.lines[2].text, "くけこ");
    layout_dlist_free(&dl);
}

/* Justified lines fill the column; the last line of a paragraph stays at its own width. */
static void test_justified_widths(void **state)
{
    (void)state;
    dlist_t dl = {0};
    const char *t = "地域における科学技術の振興は、各地域の歴史や文化などを背景とした独自性のある研究・取組の推進により、地域の活性化を図る。";
    float a = tu_m.advance(tu_m.ud, FONTS_FACE_REGULAR, PX, 0x3042);
    for (float w = 7; w <= 15; w += 0.7f) {
        lay(&dl, t, w);
        float col = a * w + 0.5f;
        for (int i = 0; i + 1 < dl.nlines; i++) {
            uint32_t last = tu_last_cp(dl.lines[i].text);
            float expect = linebreak_can_hang(last) && dl.lines[i].r.w > col + 1 ? col + tu_m.advance(tu_m.ud, 0, PX, last) : col;
            if (fabsf(dl.lines[i].r.w - expect) > 1.5f && dl.lines[i].r.w < col - 1)
                fail_msg("line %d '%s' is %.1f wide, column %.1f", i, dl.lines[i].text, dl.lines[i].r.w, col);
        }
        assert_true(dl.lines[dl.nlines - 1].r.w <= col + a);
    }
    layout_dlist_free(&dl);
}

/* Oikomi: a line a little too long fits by squeezing the blanks of its punctuation, never past
 * the column; one too long for that breaks as usual. In a mixed line the word spaces stretch
 * before the letters do. */
static void test_squeeze_and_space_priority(void **state)
{
    (void)state;
    const char *t = "「産学官」の連携、地域の振興。大学等の機能強化";
    span_t s = {(char *)t, NULL, 0};
    text_style_t st = {PX, 1.7f, 0xFF000000u, LAYOUT_ALIGN_JUSTIFY, 0, FONTS_FACE_REGULAR, LAYOUT_BREAK_BODY};
    dlist_t dl = {0};
    layout_text(&dl, &tu_m, &s, 1, 0, 0, 1e6f, 1e9f, &st, 0, NULL);
    float natural = dl.lines[0].r.w;
    for (float short_by = 0.05f; short_by <= 0.4f; short_by += 0.05f) {
        layout_dlist_clear(&dl);
        float col = natural - short_by * PX;
        layout_text(&dl, &tu_m, &s, 1, 0, 0, col, 1e9f, &st, 0, NULL);
        assert_int_equal(dl.nlines, 1);
        const dl_glyph_t *g = &dl.glyphs[dl.nglyphs - 1];
        assert_true(g->x + tu_m.advance(tu_m.ud, 0, PX, g->cp) <= col + 0.5f);
        for (int i = 1; i < dl.nglyphs; i++) assert_true(dl.glyphs[i].x > dl.glyphs[i - 1].x); /* no collisions */
    }
    layout_dlist_clear(&dl);
    layout_text(&dl, &tu_m, &s, 1, 0, 0, natural - 1.0f * PX, 1e9f, &st, 0, NULL);
    assert_int_equal(dl.nlines, 2);
    /* word spaces first: in a line with spaces, the letters stay set solid when spaces suffice */
    span_t m = {"地域の大学 and the industry 産学官連携の推進", NULL, 0};
    layout_dlist_clear(&dl);
    layout_text(&dl, &tu_m, &m, 1, 0, 0, 1e6f, 1e9f, &st, 0, NULL);
    float nat = dl.lines[0].r.w;
    layout_dlist_clear(&dl);
    layout_text(&dl, &tu_m, &m, 1, 0, 0, nat - 3.5f * PX, 1e9f, &st, 0, NULL); /* force a break */
    int first_line_glyphs = 0;
    for (int i = 0; i < dl.nglyphs; i++) first_line_glyphs += dl.glyphs[i].y < dl.glyphs[0].y + 1;
    /* kanji at the start of the first line keep their natural advances */
    assert_true(first_line_glyphs > 5);
    float a0 = tu_m.advance(tu_m.ud, 0, PX, dl.glyphs[0].cp);
    assert_true(fabsf(dl.glyphs[1].x - dl.glyphs[0].x - a0) < 0.5f);
    layout_dlist_free(&dl);
}

/* A ruby word cannot break, so the line before it comes out short. Justified, its characters
 * would stand apart (「こ の 博 物 館 は 、」 at 800x480): beyond 0.25 em it stays ragged instead. */
static void test_no_letter_spacing_before_ruby(void **state)
{
    (void)state;
    float a = tu_m.advance(tu_m.ud, FONTS_FACE_REGULAR, PX, 0x3042);
    span_t s[] = {{"この博物館は、", NULL, 0}, {"産学官連携", "さんがくかんれんけい", 0}, {"を紹介します。", NULL, 0}};
    text_style_t st = {PX, 1.7f, 0xFF000000u, LAYOUT_ALIGN_JUSTIFY, PX, FONTS_FACE_REGULAR, LAYOUT_BREAK_BODY};
    for (float chars = 8.5f; chars <= 11.5f; chars += 0.5f) {
        dlist_t dl = {0};
        layout_text(&dl, &tu_m, s, 3, 0, 0, a * chars, 1e9f, &st, 0, NULL);
        assert_string_equal(dl.lines[0].text, "この博物館は、");
        for (int i = 1; i < 7; i++) {
            const dl_glyph_t *g = &dl.glyphs[i - 1];
            float gap = dl.glyphs[i].x - g->x - tu_m.advance(tu_m.ud, g->face, g->px, g->cp);
            if (gap > 0.25f * PX + 0.01f) fail_msg("%.1f chars: %.2f em between characters", chars, gap / PX);
        }
        layout_dlist_free(&dl);
    }
}

/* Noncharacters in a curator's text (U+FFFF is libunibreak's end marker) are set, not fatal. */
static void test_noncharacters(void **state)
{
    (void)state;
    dlist_t dl = {0};
    lay(&dl, "地域\xEF\xBF\xBFの\xEF\xBF\xBE振興", 3);
    assert_true(dl.nlines >= 2);
    layout_dlist_free(&dl);
}

static void test_soft_and_hard_breaks(void **state)
{
    (void)state;
    dlist_t dl = {0};
    lay(&dl, "あいう\nえお", 20);
    assert_int_equal(dl.nlines, 2);
    assert_string_equal(dl.lines[0].text, "あいう");
    assert_string_equal(dl.lines[1].text, "えお");
    layout_dlist_free(&dl);
}

static void test_ellipsis_when_cut(void **state)
{
    (void)state;
    dlist_t dl = {0};
    span_t s = {"あいうえおかきくけこさしすせそたちつてとなにぬねの", NULL, 0};
    text_style_t st = {PX, 1.5f, 0xFF000000u, LAYOUT_ALIGN_JUSTIFY, 0, FONTS_FACE_REGULAR, LAYOUT_BREAK_BODY};
    float a = tu_m.advance(tu_m.ud, FONTS_FACE_REGULAR, PX, 0x3042);
    bool clipped = false;
    layout_text(&dl, &tu_m, &s, 1, 0, 0, a * 5 + 0.5f, PX * 1.5f * 2 + 1, &st, 0, &clipped);
    assert_true(clipped);
    assert_int_equal(dl.nlines, 2);
    assert_int_equal(tu_last_cp(dl.lines[1].text), 0x2026);
    assert_true(dl.lines[1].r.w <= a * 5 + 0.5f);
    layout_dlist_free(&dl);
}

static int to_cps(const char *text, uint32_t *cps, int max)
{
    int n = 0;
    size_t i = 0, len = strlen(text);
    while (i < len && n < max) cps[n++] = (uint32_t)utf8_decode(text, len, &i);
    return n;
}

/* Keep-all keeps a word whole whatever its letters: every Hangul letter (modern syllables, the
 * conjoining jamo of text saved decomposed, compatibility jamo, old Hangul), Latin letters and
 * digits in a Korean word (K팝, 5G망); every kana, fullwidth letter and kanji of やさしい日本語
 * written in phrases. Only the spaces break. */
static void check_keep_all(lang_breaks_t rules, uint32_t base, uint32_t cp)
{
    uint32_t t[6] = {base, cp, base, ' ', base, base};
    unsigned char out[6];
    linebreak_compute_for(t, 6, rules, rules == LANG_BREAKS_KO ? "ko" : "ja", out);
    if (out[0] != LINEBREAK_BRK_NONE || out[1] != LINEBREAK_BRK_NONE)
        fail_msg("U+%04X splits its word (%s rules): %d %d", cp, rules == LANG_BREAKS_KO ? "ko" : "ja-x-easy", out[0], out[1]);
    if (out[3] != LINEBREAK_BRK_ALLOW) fail_msg("no break at the space after U+%04X", cp);
}

static void test_keep_all_every_letter(void **state)
{
    (void)state;
    static const uint32_t ko[][2] = {
        {0xAC00, 0xD7A3}, {0x1100, 0x11FF}, {0x3131, 0x318E}, {0xA960, 0xA97C}, {0xD7B0, 0xD7C6}, {0xD7CB, 0xD7FB},
        {'0', '9'}, {'A', 'Z'}, {'a', 'z'}, {0xC0, 0xD6}, {0xD8, 0xF6}, {0xF8, 0x24F},
    };
    for (size_t r = 0; r < sizeof ko / sizeof *ko; r++)
        for (uint32_t cp = ko[r][0]; cp <= ko[r][1]; cp++) check_keep_all(LANG_BREAKS_KO, 0xAC00 + 0x1C /* 각 */, cp);
    static const uint32_t ja[][2] = {
        {0x3041, 0x3096}, {0x309D, 0x309F}, {0x30A1, 0x30FA}, {0x30FC, 0x30FC}, {0x3005, 0x3005}, {0xFF10, 0xFF19},
        {0xFF21, 0xFF3A}, {0xFF41, 0xFF5A}, {0x3400, 0x3400}, {0x4DBF, 0x4DBF}, {0x4E00, 0x4E00}, {0x9FFF, 0x9FFF},
        {0xF900, 0xF900}, {0xFAD9, 0xFAD9}, {0x20000, 0x20000}, {0x2A6DF, 0x2A6DF}, {0x3134A, 0x3134A}, {'A', 'Z'}, {'a', 'z'},
    };
    for (size_t r = 0; r < sizeof ja / sizeof *ja; r++)
        for (uint32_t cp = ja[r][0]; cp <= ja[r][1]; cp++) check_keep_all(LANG_BREAKS_JA_EASY, 0x3042 /* あ */, cp);
}

/* やさしい日本語 not written in phrases (a space only before a symbol or a number) breaks as
 * Japanese does, between any two letters. */
static void test_easy_japanese_without_phrases(void **state)
{
    (void)state;
    uint32_t c[64];
    unsigned char out[64];
    int n = to_cps("さいがいのときは ☎ 119 にでんわします", c, 64);
    linebreak_compute_for(c, n, LANG_BREAKS_JA_EASY, "ja", out);
    assert_int_equal(out[0], LINEBREAK_BRK_ALLOW); /* さ|い */
    assert_int_equal(out[3], LINEBREAK_BRK_ALLOW); /* が|い */
    n = to_cps("だいがくの“クラスター”です", c, 64); /* quotes are brackets here too */
    linebreak_compute_for(c, n, LANG_BREAKS_JA_EASY, "ja", out);
    assert_int_equal(out[4], LINEBREAK_BRK_ALLOW);  /* の|“ */
    assert_int_equal(out[5], LINEBREAK_BRK_NONE);   /* “ holds on */
    assert_int_equal(out[11], LINEBREAK_BRK_ALLOW); /* ”|で */
}

/* Korean keeps a word with hanja and quotes whole too: the break is at the space. */
static void test_korean_quotes_in_a_word(void **state)
{
    (void)state;
    uint32_t c[64];
    unsigned char out[64];
    int n = to_cps("大學“知識”을 보다", c, 64);
    linebreak_compute_for(c, n, LANG_BREAKS_KO, "ko", out);
    for (int i = 0; i < 6; i++)
        if (out[i] != LINEBREAK_BRK_NONE) fail_msg("break %d inside 大學“知識”을", i);
    assert_int_equal(out[7], LINEBREAK_BRK_ALLOW);
}

/* A number stays with its unit whatever its digits, ASCII or fullwidth, and at the very start
 * of a paragraph too; repeated letters (ここ, 人人) break like any others, ……  and —— never. */
static void test_numbers_units_and_repeats(void **state)
{
    (void)state;
    for (int d = 0; d < 10; d++)
        for (int wide = 0; wide < 2; wide++) {
            uint32_t t[4] = {0x5E73 /* 平 */, (wide ? 0xFF10u : (uint32_t)'0') + (uint32_t)d, 0x5E74 /* 年 */, 0x5EA6};
            unsigned char out[4];
            linebreak_compute(t, 4, out);
            if (out[1] != LINEBREAK_BRK_NONE) fail_msg("%s digit %d leaves its unit 年", wide ? "fullwidth" : "ASCII", d);
        }
    uint32_t c[64];
    unsigned char out[64];
    int n = to_cps("2年間のここ", c, 64);
    linebreak_compute(c, n, out);
    assert_int_equal(out[0], LINEBREAK_BRK_NONE);  /* 2|年 at the start of a paragraph */
    assert_int_equal(out[3], LINEBREAK_BRK_ALLOW); /* こ|こ */
    n = to_cps("人人……——", c, 64);
    linebreak_compute(c, n, out);
    assert_int_equal(out[0], LINEBREAK_BRK_ALLOW);
    assert_int_equal(out[2], LINEBREAK_BRK_NONE);
    assert_int_equal(out[4], LINEBREAK_BRK_NONE);
    n = to_cps("あ……い――う", c, 64); /* a pair held, and the break after it free */
    linebreak_compute(c, n, out);
    assert_int_equal(out[1], LINEBREAK_BRK_NONE);
    assert_int_equal(out[2], LINEBREAK_BRK_ALLOW);
    assert_int_equal(out[4], LINEBREAK_BRK_NONE);
    n = to_cps("詳細はhttps://example.jp/aを参照", c, 64); /* the URL whole, the line free after it */
    linebreak_compute(c, n, out);
    int url_end = 3 + (int)strlen("https://example.jp/a") - 1;
    for (int i = 3; i < url_end; i++) assert_int_equal(out[i], LINEBREAK_BRK_NONE);
    assert_int_equal(out[url_end], LINEBREAK_BRK_ALLOW);
    dlist_t dl = {0};
    for (float w = 3; w <= 7; w++) {
        lay(&dl, "23年度からあいうえおかきくけこ", w);
        if (strncmp(dl.lines[0].text, "23年", strlen("23年")) != 0)
            fail_msg("'%s' at width %.0f: 23 left its 年", dl.lines[0].text, w);
    }
    layout_dlist_free(&dl);
}

/* The break array is the text's: written for its n characters, never one past them. */
static void test_breaks_stay_in_their_array(void **state)
{
    (void)state;
    uint32_t c[16];
    unsigned char out[17];
    int n = to_cps("地域の大学と企業", c, 16);
    for (int rules = LANG_BREAKS_JA; rules <= LANG_BREAKS_LATIN; rules++) {
        memset(out, 0xA5, sizeof out);
        linebreak_compute_for(c, n, (lang_breaks_t)rules, "ja", out);
        assert_int_equal(out[n - 1], LINEBREAK_BRK_MUST);
        assert_int_equal(out[n], 0xA5);
    }
    /* a paragraph that ends in a URL, cut out of a longer text (the next one follows in memory) */
    uint32_t u[64];
    unsigned char uo[65];
    n = to_cps("詳しくは https://example.jp/a", u, 64);
    to_cps("bcdefghij", u + n, 64 - n);
    memset(uo, 0xA5, sizeof uo);
    linebreak_compute(u, n, uo);
    assert_int_equal(uo[n - 1], LINEBREAK_BRK_MUST);
    assert_int_equal(uo[n], 0xA5);
}

/* Oikomi squeezes the blank of every bracket, opening and closing: a line a quarter em too long
 * with a few of them fits. */
static void test_brackets_squeeze(void **state)
{
    (void)state;
    static const char *br[] = {"「", "」", "『", "』", "〈", "〉", "《", "》", "【", "】", "、", "。"};
    text_style_t st = {PX, 1.7f, 0xFF000000u, LAYOUT_ALIGN_JUSTIFY, 0, FONTS_FACE_REGULAR, LAYOUT_BREAK_BODY};
    for (size_t k = 0; k < sizeof br / sizeof *br; k++) {
        char t[256];
        snprintf(t, sizeof t, "あい%sうえ%sおか%sきく%sけこ", br[k], br[k], br[k], br[k]);
        span_t s = {t, NULL, 0};
        dlist_t dl = {0};
        layout_text(&dl, &tu_m, &s, 1, 0, 0, 1e6f, 1e9f, &st, 0, NULL);
        float natural = dl.lines[0].r.w;
        layout_dlist_clear(&dl);
        layout_text(&dl, &tu_m, &s, 1, 0, 0, natural - 0.25f * PX, 1e9f, &st, 0, NULL);
        if (dl.nlines != 1) fail_msg("'%s' a quarter em too long: %d lines, its %s not squeezed", t, dl.nlines, br[k]);
        layout_dlist_free(&dl);
    }
}

/* A kanji and its variation selector (IVS: 葛󠄀, 辻󠄀 in place names), a kana and a combining
 * sound mark, a word joiner: never parted, in Japanese, easy Japanese and Chinese alike. */
static void test_selectors_and_marks_stay(void **state)
{
    (void)state;
    static const uint32_t after[] = {0xE0100, 0xE0101, 0xFE00, 0xFE0F, 0x3099, 0x309A, 0x2060};
    static const lang_breaks_t rules[] = {LANG_BREAKS_JA, LANG_BREAKS_JA_EASY, LANG_BREAKS_ZH};
    for (size_t r = 0; r < 3; r++)
        for (size_t k = 0; k < sizeof after / sizeof *after; k++) {
            uint32_t t[4] = {0x845B /* 葛 */, after[k], 0x57CE /* 城 */, 0x5E02};
            unsigned char out[4];
            linebreak_compute_for(t, 4, rules[r], rules[r] == LANG_BREAKS_ZH ? "zh" : "ja", out);
            if (out[0] != LINEBREAK_BRK_NONE) fail_msg("葛 and U+%04X parted (rules %d)", after[k], (int)rules[r]);
        }
}

/* Kinsoku holds a bracket on one side only: an opening bracket may start a line, a closing
 * one (and 、。) may end one. */
static void test_brackets_one_side_only(void **state)
{
    (void)state;
    static const char *open_[] = {"「", "『", "（", "【", "〔", "〈", "《", "(", "[", "“"};
    static const char *close_[] = {"」", "』", "）", "】", "〕", "〉", "》", ")", "]", "、", "。"};
    for (size_t k = 0; k < sizeof open_ / sizeof *open_; k++) {
        char t[32];
        snprintf(t, sizeof t, "あ%sい", open_[k]);
        uint32_t c[8];
        unsigned char out[8];
        int n = to_cps(t, c, 8);
        linebreak_compute(c, n, out);
        if (out[0] != LINEBREAK_BRK_ALLOW) fail_msg("no break before %s in %s", open_[k], t);
    }
    for (size_t k = 0; k < sizeof close_ / sizeof *close_; k++) {
        char t[32];
        snprintf(t, sizeof t, "あ%sい", close_[k]);
        uint32_t c[8];
        unsigned char out[8];
        int n = to_cps(t, c, 8);
        linebreak_compute(c, n, out);
        if (out[1] != LINEBREAK_BRK_ALLOW) fail_msg("no break after %s in %s", close_[k], t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_line_starts_with_prohibited),
        cmocka_unit_test(test_no_line_ends_with_opening_bracket),
        cmocka_unit_test(test_words_numbers_urls_stay_whole),
        cmocka_unit_test(test_burasage),
        cmocka_unit_test(test_justified_widths),
        cmocka_unit_test(test_squeeze_and_space_priority),
        cmocka_unit_test(test_noncharacters),
        cmocka_unit_test(test_no_letter_spacing_before_ruby),
        cmocka_unit_test(test_soft_and_hard_breaks),
        cmocka_unit_test(test_ellipsis_when_cut),
        cmocka_unit_test(test_keep_all_every_letter),
        cmocka_unit_test(test_easy_japanese_without_phrases),
        cmocka_unit_test(test_korean_quotes_in_a_word),
        cmocka_unit_test(test_numbers_units_and_repeats),
        cmocka_unit_test(test_breaks_stay_in_their_array),
        cmocka_unit_test(test_brackets_squeeze),
        cmocka_unit_test(test_selectors_and_marks_stay),
        cmocka_unit_test(test_brackets_one_side_only),
    };
    return cmocka_run_group_tests_name("linebreak", tests, tu_fonts_up, tu_fonts_down);
}
