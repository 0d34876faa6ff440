/* Ruby in Aozora notation as a curator writes it: each reading over the right base, the rest of
 * the text left as it was, a 《 never closed reported at the block's line. */
#include "testutil.h"
#include "annai/ruby.h"

/* A block of one span (style st) run through ruby_apply; problems to d. */
static block_t ruby_of(const char *text, unsigned st, diag_list_t *d)
{
    block_t b = {.line = 7};
    b.spans = mem_calloc(1, sizeof *b.spans);
    b.spans[0] = (span_t){mem_strdup(text), NULL, st};
    b.nspans = b.capspans = 1;
    ruby_apply(&b, "t.md", d);
    return b;
}

static void block_clear(block_t *b)
{
    for (int i = 0; i < b->nspans; i++) { free(b->spans[i].text); free(b->spans[i].ruby); }
    free(b->spans);
}

/* The spans of text as "base(reading)|plain|...": what a visitor sees, reading by reading. */
static char *shown(const char *text)
{
    diag_list_t d = {0};
    block_t b = ruby_of(text, 0, &d);
    assert_int_equal(d.count, 0);
    buf_t o = {0};
    for (int i = 0; i < b.nspans; i++) {
        if (i) buf_puts(&o, "|");
        buf_puts(&o, b.spans[i].text);
        if (b.spans[i].ruby) { buf_puts(&o, "("); buf_puts(&o, b.spans[i].ruby); buf_puts(&o, ")"); }
    }
    block_clear(&b);
    return buf_take(&o);
}

static void expect_shown(const char *text, const char *want)
{
    char *got = shown(text);
    if (strcmp(got, want)) fail_msg("%s: shown as %s, want %s", text, got, want);
    free(got);
}

static void test_reading_over_the_kanji_before_it(void **state)
{
    (void)state;
    expect_shown("地域《ちいき》の振興", "地域(ちいき)|の振興");
    expect_shown("この科学技術《かがくぎじゅつ》を", "この|科学技術(かがくぎじゅつ)|を");
    expect_shown("産学官《さんがくかん》と地域《ちいき》", "産学官(さんがくかん)|と|地域(ちいき)");
    /* 々 〆 ヶ belong to the kanji run, as in Aozora */
    expect_shown("人々《ひとびと》", "人々(ひとびと)");
    expect_shown("一ヶ月《いっかげつ》", "一ヶ月(いっかげつ)");
    expect_shown("〆切《しめきり》", "〆切(しめきり)");
    /* kanji from the extensions and the compatibility block: names of places and people */
    expect_shown("𠮷野《よしの》", "𠮷野(よしの)");
    expect_shown("山﨑《やまさき》", "山﨑(やまさき)");
    expect_shown("㐂《き》", "㐂(き)");
    expect_shown("龥《やく》", "龥(やく)");
}

static void test_bar_marks_the_base(void **state)
{
    (void)state;
    expect_shown("｜ＡＩ《エーアイ》です", "ＡＩ(エーアイ)|です");
    expect_shown("日本｜語《ご》", "日本|語(ご)");
    expect_shown("｜産学官連携《さんがくかんれんけい》", "産学官連携(さんがくかんれんけい)");
    expect_shown("かな｜漢字《かんじ》と｜かな《カナ》", "かな|漢字(かんじ)|と|かな(カナ)");
    /* a lone ｜ is dropped, the text around it kept */
    expect_shown("前｜後", "前|後");
    expect_shown("｜後", "後");
    expect_shown("前｜", "前");
}

static void test_no_base_no_reading(void **state)
{
    (void)state;
    /* 《》 after kana, with an empty base or an empty reading: text as written */
    expect_shown("かな《よみ》", "かな《よみ》");
    expect_shown("｜《よみ》", "｜《よみ》");
    expect_shown("漢字《》です", "漢字《》です");
    expect_shown("《よみ》", "《よみ》");
    /* a kanji run ends at kana: the reading goes over the kanji after it only */
    expect_shown("漢字かな字《じ》", "漢字かな|字(じ)");
    expect_shown("Latin 字《じ》", "Latin |字(じ)");
    /* a ｜ spent on an empty base does not stretch the next base back to it */
    expect_shown("｜《字《じ》", "｜《|字(じ)");
}

static void test_styles_and_given_readings_kept(void **state)
{
    (void)state;
    diag_list_t d = {0};
    block_t b = ruby_of("太字《ふとじ》です", PANEL_STYLE_BOLD, &d);
    assert_int_equal(b.nspans, 2);
    assert_int_equal(b.spans[0].style, PANEL_STYLE_BOLD);
    assert_int_equal(b.spans[1].style, PANEL_STYLE_BOLD);
    /* a span that has its reading already is not split again */
    free(b.spans[0].text);
    b.spans[0].text = mem_strdup("本《ほん》");
    free(b.spans[0].ruby);
    b.spans[0].ruby = mem_strdup("given");
    ruby_apply(&b, "t.md", &d);
    assert_int_equal(b.nspans, 2);
    assert_string_equal(b.spans[0].text, "本《ほん》");
    assert_string_equal(b.spans[0].ruby, "given");
    assert_string_equal(b.spans[1].text, "です");
    assert_null(b.spans[1].ruby);
    assert_int_equal(d.count, 0);
    block_clear(&b);
}

static void test_unclosed_reported_at_its_line(void **state)
{
    (void)state;
    diag_list_t d = {0};
    block_t b = ruby_of("本文《よみ", 0, &d);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].text, "t.md:7: ruby 《 without closing 》");
    /* the text stays on screen as written */
    assert_int_equal(b.nspans, 1);
    assert_string_equal(b.spans[0].text, "本文《よみ");
    block_clear(&b);
    diag_clear(&d);
    /* the readings before it are set */
    b = ruby_of("地域《ちいき》と本文《よみ", 0, &d);
    assert_int_equal(d.count, 1);
    assert_string_equal(b.spans[0].ruby, "ちいき");
    block_clear(&b);
    diag_clear(&d);
}

/* Every block of ranges a reading may sit over, at its edges. */
static void test_kanji_ranges(void **state)
{
    (void)state;
    static const struct { int32_t c; bool kanji; } t[] = {
        {0x4E00, true}, {0x4DFF, false}, {0x9FFF, true}, {0xA000, false}, {0x3400, true}, {0x33FF, false},
        {0x4DBF, true}, {0x4DC0, false}, {0xF900, true}, {0xF8FF, false}, {0xFA11, true}, {0xFB00, false},
        {0x20000, true}, {0x1FFFF, false}, {0x2A6DF, true}, {0x3005, true}, {0x3006, true}, {0x30F6, true},
        {0x3004, false}, {0x3007, false}, {0x30F5, false}, {0x30F7, false}, {0x3042, false}, {'A', false},
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        if (ruby_is_kanji(t[i].c) != t[i].kanji) fail_msg("U+%04X: kanji %d", (unsigned)t[i].c, !t[i].kanji);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reading_over_the_kanji_before_it),
        cmocka_unit_test(test_bar_marks_the_base),
        cmocka_unit_test(test_no_base_no_reading),
        cmocka_unit_test(test_styles_and_given_readings_kept),
        cmocka_unit_test(test_unclosed_reported_at_its_line),
        cmocka_unit_test(test_kanji_ranges),
    };
    return cmocka_run_group_tests_name("ruby", tests, NULL, NULL);
}
