/* para: line composition as a visitor sees it, on fixed-width metrics so that every position is
 * exact: a CJK character is 1 em, Latin 0.5 em. JLREQ's rules: no 。」 at a line's start and no
 * 「 at its end, 。、 hanging past the column (burasage) or squeezed (oikomi), justified lines
 * with a ragged last one, ruby centred over its base and never split, emphasis dots, no stranded
 * last line, and … where text is cut. */
#include "testutil.h"
#include "../src/para_private.h"

#define PX 20.0f
#define EM(n) ((float)(n) * PX)
#define X0 100.0f
#define Y0 50.0f
#define ASCENT 0.88f

static float fixed_adv(void *ud, int face, float px, uint32_t cp)
{
    (void)ud;
    (void)face;
    return cp >= 0x2E80 || cp == 0x2026 ? px : px * 0.5f;
}

static metrics_t fixed = {NULL, fixed_adv, ASCENT, NULL, 0, LANG_BREAKS_JA, "ja", false};

static text_style_t style(float hang)
{
    return (text_style_t){PX, 1.5f, 0xFF111111u, LAYOUT_ALIGN_JUSTIFY, hang, FONTS_FACE_REGULAR, LAYOUT_BREAK_BODY};
}

/* Sets spans in a column w wide (no bottom); returns the y below the last line. */
static float set(dlist_t *dl, const span_t *s, int n, float w, const text_style_t *st)
{
    layout_dlist_clear(dl);
    return layout_text(dl, &fixed, s, n, X0, Y0, w, INFINITY, st, 0, NULL);
}

static float set_text(dlist_t *dl, const char *text, float w, float hang)
{
    span_t s = {(char *)text, NULL, 0};
    text_style_t st = style(hang);
    return set(dl, &s, 1, w, &st);
}

/* The first glyph of cp drawn at size px, or NULL. */
static const dl_glyph_t *glyph_of(const dlist_t *dl, uint32_t cp, float px)
{
    for (int i = 0; i < dl->nglyphs; i++)
        if (dl->glyphs[i].cp == cp && dl->glyphs[i].px == (uint16_t)px) return &dl->glyphs[i];
    return NULL;
}

static void assert_lines(const dlist_t *dl, const char *const *want, int n)
{
    for (int i = 0; i < dl->nlines && i < n; i++)
        if (strcmp(dl->lines[i].text, want[i]) != 0) fail_msg("line %d is \"%s\", want \"%s\"", i, dl->lines[i].text, want[i]);
    assert_int_equal(dl->nlines, n);
}

static void test_kinsoku_hangs_or_moves_a_character(void **state)
{
    (void)state;
    dlist_t dl = {0};
    /* 。 may not start a line: with room to hang it stays on the line, past the column */
    set_text(&dl, "あいうえお。かきくけ", EM(5), PX);
    assert_lines(&dl, (const char *const[]){"あいうえお。", "かきくけ"}, 2);
    const dl_glyph_t *maru = glyph_of(&dl, 0x3002, PX);
    assert_non_null(maru);
    assert_float_equal(maru->x, X0 + EM(5), 0.01);
    /* a line that hangs its 。 is justified without it: the letters reach the column's edge and
     * only the 。 stands outside */
    set_text(&dl, "あいうえお。かきくけこ", EM(5.5), PX);
    assert_string_equal(dl.lines[0].text, "あいうえお。");
    assert_float_equal(glyph_of(&dl, 0x304A, PX)->x + PX, X0 + EM(5.5), 0.01);
    assert_float_equal(glyph_of(&dl, 0x3002, PX)->x, X0 + EM(5.5), 0.01);
    /* without burasage お goes down with it, and the line above is justified to the column */
    set_text(&dl, "あいうえお。かき", EM(5), 0);
    assert_lines(&dl, (const char *const[]){"あいうえ", "お。かき"}, 2);
    assert_float_equal(dl.lines[0].r.w, EM(4), 0.01); /* a third of an em a gap: left ragged */
    /* 「 may not end a line: it goes down with what it opens */
    set_text(&dl, "あいうえ「かき」くけこ", EM(5), PX);
    assert_lines(&dl, (const char *const[]){"あいうえ", "「かき」", "くけこ"}, 3);
    layout_dlist_free(&dl);
}

static void test_oikomi_squeezes_punctuation(void **state)
{
    (void)state;
    dlist_t dl = {0};
    /* か overflows a 6.9 em column by 0.1 em; 、 gives up 0.15 em of its blank and か stays */
    set_text(&dl, "あいう、えおかきくけこ", EM(6.9), 0);
    assert_lines(&dl, (const char *const[]){"あいう、えおか", "きくけこ"}, 2);
    const dl_glyph_t *ka = glyph_of(&dl, 0x304B, PX);
    assert_float_equal(ka->x + PX, X0 + EM(6.9), 0.01); /* squeezed to the column, not past it */
    assert_float_equal(glyph_of(&dl, 0x3048, PX)->x, X0 + EM(4) - EM(0.1), 0.01);
    /* an opening bracket gives up the blank before its ink */
    set_text(&dl, "あいう「えおかきくけこ", EM(6.95), 0);
    assert_string_equal(dl.lines[0].text, "あいう「えおか");
    assert_float_equal(glyph_of(&dl, 0x300C, PX)->x, X0 + EM(3) - EM(0.05), 0.01);
    layout_dlist_free(&dl);
}

static void test_justified_with_a_ragged_last_line(void **state)
{
    (void)state;
    dlist_t dl = {0};
    set_text(&dl, "あいうえおかきくけこさしす", EM(5.5), 0);
    assert_lines(&dl, (const char *const[]){"あいうえお", "かきくけこ", "さしす"}, 3);
    assert_float_equal(glyph_of(&dl, 0x304A, PX)->x + PX, X0 + EM(5.5), 0.01);  /* お at the right edge */
    assert_float_equal(glyph_of(&dl, 0x3044, PX)->x, X0 + EM(1.125), 0.01);     /* い: the gap shared out */
    assert_float_equal(glyph_of(&dl, 0x3059, PX)->x, X0 + EM(2), 0.01);         /* す: the last line unspread */
    /* wider than a quarter em between letters reads letter-spaced: the line stays ragged */
    set_text(&dl, "あいうえ「かき」くけ", EM(5.5), 0);
    assert_string_equal(dl.lines[0].text, "あいうえ");
    assert_float_equal(glyph_of(&dl, 0x3048, PX)->x, X0 + EM(3), 0.01);
    /* a Latin word in a justified line keeps its letters together: the gaps open around it */
    set_text(&dl, "あいうえabcdかきくけこ", EM(6.5), 0);
    assert_string_equal(dl.lines[0].text, "あいうえabcd");
    assert_float_equal(glyph_of(&dl, 'b', PX)->x - glyph_of(&dl, 'a', PX)->x, EM(0.5), 0.01);
    assert_float_equal(glyph_of(&dl, 'd', PX)->x + EM(0.5), X0 + EM(6.5), 0.01);
    assert_float_equal(glyph_of(&dl, 'a', PX)->x, X0 + EM(4.5), 0.01); /* 0.5 em over 4 gaps */
    /* a word space stretches before the letters spread */
    set_text(&dl, "あい うえ かきくけこ", EM(5), 0);
    assert_string_equal(dl.lines[0].text, "あい うえ");
    assert_float_equal(glyph_of(&dl, 0x3046, PX)->x, X0 + EM(3), 0.01); /* the space took the 0.5 em */
    /* a centred line: equal room either side */
    span_t s = {"あいう", NULL, 0};
    text_style_t st = style(0);
    st.align = LAYOUT_ALIGN_CENTER;
    set(&dl, &s, 1, EM(5), &st);
    assert_float_equal(dl.glyphs[0].x, X0 + EM(1), 0.01);
    layout_dlist_free(&dl);
}

static void test_hard_break_and_spaces(void **state)
{
    (void)state;
    dlist_t dl = {0};
    set_text(&dl, "あい\nうえおか", EM(5), 0);
    assert_lines(&dl, (const char *const[]){"あい", "うえおか"}, 2);
    assert_float_equal(glyph_of(&dl, 0x3044, PX)->x, X0 + EM(1), 0.01); /* not spread to the column */
    /* the space a line broke at is not carried to the next line's start */
    set_text(&dl, "aaaaaaaa bbbbbbbb", EM(5), 0);
    assert_lines(&dl, (const char *const[]){"aaaaaaaa", "bbbbbbbb"}, 2);
    assert_float_equal(dl.lines[1].r.x, X0, 0.01);
    /* Latin-only lines stay ragged */
    set_text(&dl, "aaaa bbbb cccc dddd", EM(5.5), 0);
    assert_string_equal(dl.lines[0].text, "aaaa bbbb");
    assert_float_equal(dl.lines[0].r.w, EM(4.5), 0.01);
    layout_dlist_free(&dl);
}

static void test_a_long_word_breaks_at_the_edge(void **state)
{
    (void)state;
    dlist_t dl = {0};
    const char *url = "https://example.org/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    set_text(&dl, url, EM(5), 0);
    assert_true(dl.nlines >= 5);
    char joined[256] = "";
    for (int i = 0; i < dl.nlines; i++) {
        assert_true(dl.lines[i].r.w <= EM(5) + 0.01f);
        strcat(joined, dl.lines[i].text);
    }
    assert_string_equal(joined, url);
    /* where a word must be broken, a full stop is not left to start the next line */
    set_text(&dl, "abcdefghij.klmno", EM(5), 0);
    assert_lines(&dl, (const char *const[]){"abcdefghi", "j.klmno"}, 2);
    /* the one break that fits, right after the line's first character, is taken */
    set_text(&dl, "あabcdefghijklmnop", EM(5), 0);
    assert_string_equal(dl.lines[0].text, "あ");
    /* nothing fits but the first character: a closing bracket overhangs with it, as far as
     * burasage allows, and the letter after it goes down */
    set_text(&dl, "あ」か", EM(1), EM(2));
    assert_lines(&dl, (const char *const[]){"あ」", "か"}, 2);
    /* a run of closing marks too long to hang: the screen edge wins, nothing is lost */
    set_text(&dl, "あいうえお」」」」」かき", EM(5), PX);
    int chars = 0;
    for (int i = 0; i < dl.nlines; i++) chars += (int)strlen(dl.lines[i].text) / 3;
    assert_int_equal(chars, 12);
    layout_dlist_free(&dl);
}

static void test_no_stranded_last_line(void **state)
{
    (void)state;
    dlist_t dl = {0};
    /* five, five and one: the last line takes two from the line above it, which stays ragged */
    set_text(&dl, "あいうえおかきくけこさ", EM(5), 0);
    assert_lines(&dl, (const char *const[]){"あいうえお", "かきく", "けこさ"}, 3);
    assert_float_equal(glyph_of(&dl, 0x304F, PX)->x, X0 + EM(2), 0.01);
    /* a line one character short takes it back when squeezing its punctuation makes room */
    set_text(&dl, "あいう、えおか", EM(6.9), 0);
    assert_lines(&dl, (const char *const[]){"あいう、えおか"}, 1);
    assert_float_equal(glyph_of(&dl, 0x304B, PX)->x + PX, X0 + EM(6.9), 0.01);
    /* a heading: one word alone on the last line is stranded too */
    span_t h = {"aaaa bbbb cccc", NULL, 0};
    text_style_t st = style(0);
    st.breaks = LAYOUT_BREAK_WORDS;
    set(&dl, &h, 1, EM(6), &st);
    assert_lines(&dl, (const char *const[]){"aaaa", "bbbb cccc"}, 2);
    layout_dlist_free(&dl);
}

static void test_ruby_over_its_base(void **state)
{
    (void)state;
    dlist_t dl = {0};
    text_style_t st = style(0);
    st.line_height = 1.2f;
    /* a reading narrower than its base: centred over it at half size */
    span_t kanji[] = {{"漢字", "かん", 0}};
    float end = set(&dl, kanji, 1, EM(10), &st);
    const dl_glyph_t *ka = glyph_of(&dl, 0x304B, PX / 2), *kan = glyph_of(&dl, 0x6F22, PX);
    assert_non_null(ka);
    assert_float_equal(ka->x, X0 + EM(0.5), 0.01);
    assert_true(ka->y < kan->y - ASCENT * PX); /* above the base's ink */
    /* the paragraph opens up: room above the first line, 1.6 em from line to line */
    assert_float_equal(kan->y, Y0 + EM(0.25) + EM(0.3) + ASCENT * PX, 0.01);
    assert_float_equal(end, Y0 + EM(0.25) + EM(1.6), 0.01);
    /* a reading wider than its base spreads the base, and the text after it moves on */
    span_t nichi[] = {{"日", "にっぽん", 0}, {"あ", NULL, 0}};
    set(&dl, nichi, 2, EM(10), &st);
    assert_float_equal(glyph_of(&dl, 0x65E5, PX)->x, X0 + EM(0.5), 0.01);
    assert_float_equal(glyph_of(&dl, 0x306B, PX / 2)->x, X0, 0.01);
    assert_float_equal(glyph_of(&dl, 0x3042, PX)->x, X0 + EM(2), 0.01);
    /* a word with a reading is never split between lines */
    span_t tokyo[] = {{"あいうえ", NULL, 0}, {"東京", "とう", 0}};
    st.line_height = 1.7f;
    set(&dl, tokyo, 2, EM(5), &st);
    assert_int_equal(dl.nlines, 2);
    assert_string_equal(dl.lines[1].text, "え東京"); /* え came along: two characters strand */
    layout_dlist_free(&dl);
}

static int count_items(const dlist_t *dl, dl_kind_t k)
{
    int n = 0;
    for (int i = 0; i < dl->nitems; i++) n += dl->items[i].kind == k;
    return n;
}

static void test_emphasis(void **state)
{
    (void)state;
    dlist_t dl = {0};
    text_style_t st = style(0);
    /* a sesame dot over each CJK letter, none over punctuation */
    span_t ja[] = {{"重要、", NULL, PANEL_STYLE_EM}};
    set(&dl, ja, 1, EM(10), &st);
    assert_int_equal(count_items(&dl, LAYOUT_DL_DISC), 2);
    const dl_glyph_t *ju = glyph_of(&dl, 0x91CD, PX);
    rectf_t dot = dl.items[0].r;
    assert_float_equal(dot.x + dot.w / 2, ju->x + PX / 2, 0.01); /* centred over it */
    assert_true(dot.y + dot.h < ju->y - ASCENT * PX);           /* above its ink */
    assert_float_equal(dot.w, EM(0.18), 0.01);
    /* Chinese: under the letters (CLREQ) */
    metrics_t zh = fixed;
    zh.dots_below = true;
    layout_dlist_clear(&dl);
    layout_text(&dl, &zh, ja, 1, X0, Y0, EM(10), INFINITY, &st, 0, NULL);
    assert_true(dl.items[0].r.y > glyph_of(&dl, 0x91CD, PX)->y);
    /* a word with its reading keeps the reading, without a dot */
    span_t ruby[] = {{"重要", "じゅうよう", PANEL_STYLE_EM}};
    set(&dl, ruby, 1, EM(10), &st);
    assert_int_equal(count_items(&dl, LAYOUT_DL_DISC), 0);
    /* Latin: an underline below the baseline, unbroken over the space between two words */
    span_t en[] = {{"ab cd", NULL, PANEL_STYLE_EM}, {" e", NULL, 0}};
    set(&dl, en, 2, EM(10), &st);
    assert_int_equal(count_items(&dl, LAYOUT_DL_RECT), 5);
    float base = glyph_of(&dl, 'a', PX)->y;
    for (int i = 0; i < dl.nitems; i++) {
        assert_float_equal(dl.items[i].r.y, base + EM(0.12), 0.01);
        assert_float_equal(dl.items[i].r.h, 1.0f, 0.01);
    }
    assert_float_equal(dl.items[4].r.x + dl.items[4].r.w, X0 + EM(2.5), 0.01); /* ends under d */
    /* a space at the end of the emphasis, before plain text, is not underlined */
    span_t tail[] = {{"ab ", NULL, PANEL_STYLE_EM}, {"cd", NULL, 0}};
    set(&dl, tail, 2, EM(10), &st);
    assert_int_equal(count_items(&dl, LAYOUT_DL_RECT), 2);
    layout_dlist_free(&dl);
}

static void test_cut_with_an_ellipsis(void **state)
{
    (void)state;
    dlist_t dl = {0};
    span_t s = {"あいうえおかきくけこさしすせそたちつてと", NULL, 0};
    text_style_t st = style(0);
    bool clipped = false;
    float pitch = 1.5f * PX;
    float end = layout_text(&dl, &fixed, &s, 1, X0, Y0, EM(5), Y0 + 2 * pitch, &st, 0, &clipped);
    assert_true(clipped);
    assert_int_equal(dl.nlines, 2);
    assert_string_equal(dl.lines[1].text, "かきくけ…");
    assert_float_equal(end, Y0 + 2 * pitch, 0.01);
    /* no room for even a line: nothing is set, and the caller hears of it */
    layout_dlist_clear(&dl);
    clipped = false;
    layout_text(&dl, &fixed, &s, 1, X0, Y0, EM(5), Y0 + pitch - 1, &st, 0, &clipped);
    assert_true(clipped);
    assert_int_equal(dl.nlines, 0);
    /* room for all of it: not clipped */
    layout_dlist_clear(&dl);
    clipped = false;
    layout_text(&dl, &fixed, &s, 1, X0, Y0, EM(5), Y0 + 4 * pitch, &st, 0, &clipped);
    assert_false(clipped);
    assert_int_equal(dl.nlines, 4);
    layout_dlist_free(&dl);
}

static void test_short_line_rule(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        bool words, is_short;
    } rows[] = {
        {"推進", false, true},  {"推進。", false, false}, {"推", true, true},     {"の推進", false, false},
        {"policy", true, true}, {"policy", false, false}, {"a policy", true, false}, {" ", true, false},
        {"", true, false},      {"x 推", false, true},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        para_t p;
        span_t s = {(char *)rows[i].text, NULL, 0};
        text_style_t st = style(0);
        para_build(&p, &fixed, &s, 1, &st, EM(10));
        if (para_line_is_short(&p, 0, p.n, rows[i].words) != rows[i].is_short)
            fail_msg("\"%s\" (words %d): short should be %d", rows[i].text, rows[i].words, rows[i].is_short);
        para_free(&p);
    }
}

static int setup(void **state)
{
    (void)state;
    linebreak_init();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinsoku_hangs_or_moves_a_character),
        cmocka_unit_test(test_oikomi_squeezes_punctuation),
        cmocka_unit_test(test_justified_with_a_ragged_last_line),
        cmocka_unit_test(test_hard_break_and_spaces),
        cmocka_unit_test(test_a_long_word_breaks_at_the_edge),
        cmocka_unit_test(test_no_stranded_last_line),
        cmocka_unit_test(test_ruby_over_its_base),
        cmocka_unit_test(test_emphasis),
        cmocka_unit_test(test_cut_with_an_ellipsis),
        cmocka_unit_test(test_short_line_rule),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
