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
    };
    return cmocka_run_group_tests_name("linebreak", tests, tu_fonts_up, tu_fonts_down);
}
