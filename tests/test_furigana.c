/* The reading list for the ふりがな button: parsing with path:line problems, longest match,
 * readings over kanji only, the author's ruby first, and what --check reports as missing. */
#include "testutil.h"
#include <sys/stat.h>
#include "annai/furigana.h"

static furigana_t load(const char *text, diag_list_t *d)
{
    furigana_t f = {0};
    furigana_parse(&f, "furigana.txt", text, strlen(text), d);
    return f;
}

static block_t block_of(const char *text)
{
    block_t b = {0};
    b.spans = mem_calloc(1, sizeof(span_t));
    b.capspans = b.nspans = 1;
    b.spans[0].text = mem_strdup(text);
    return b;
}

static void block_drop(block_t *b)
{
    for (int i = 0; i < b->nspans; i++) { free(b->spans[i].text); free(b->spans[i].ruby); }
    free(b->spans);
}

/* The block as "base(ruby)" text, to compare with what a reader sees. */
static char *render(const block_t *b)
{
    buf_t o = {0};
    for (int i = 0; i < b->nspans; i++) {
        buf_puts(&o, b->spans[i].text);
        if (b->spans[i].ruby) buf_printf(&o, "(%s)", b->spans[i].ruby);
    }
    return buf_take(&o);
}

static void expect(const furigana_t *f, const char *in, const char *want)
{
    block_t b = block_of(in);
    furigana_apply(f, &b);
    char *got = render(&b);
    assert_string_equal(got, want);
    free(got);
    block_drop(&b);
}

static void test_longest_match_wins(void **state)
{
    (void)state;
    diag_list_t d = {0};
    furigana_t f = load("科学 かがく\n科学技術 かがくぎじゅつ\n技術 ぎじゅつ\n地域 ちいき\n", &d);
    assert_int_equal(d.count, 0);
    expect(&f, "地域の科学技術と科学", "地域(ちいき)の科学技術(かがくぎじゅつ)と科学(かがく)");
    expect(&f, "技術革新", "技術(ぎじゅつ)革新");
    expect(&f, "ひらがなだけ", "ひらがなだけ");
    furigana_free(&f);
}

/* A word the list cannot align (a Latin letter in it, as in AI技術) is refused at its line, and
 * the panel's text stays whole: a word taken in and then set with no segments would vanish. */
static void test_unalignable_word_refused(void **state)
{
    (void)state;
    diag_list_t d = {0};
    furigana_t f = load("AI技術 えーあいぎじゅつ\n技術 ぎじゅつ\n", &d);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].text, "furigana.txt:1: reading does not fit the kana of 'AI技術'");
    expect(&f, "AI技術の話", "AI技術(ぎじゅつ)の話");
    furigana_free(&f);
    diag_clear(&d);
}

static void test_readings_only_over_kanji(void **state)
{
    (void)state;
    diag_list_t d = {0};
    /* okurigana and kana inside a word stay bare; katakana readings are shown in hiragana */
    furigana_t f = load("取り組み とりくみ\n行う オコナウ\n引き出し ひきだし\n人々 ひとびと\n", &d);
    assert_int_equal(d.count, 0);
    expect(&f, "取り組みを行う", "取(と)り組(く)みを行(おこな)う");
    expect(&f, "引き出し", "引(ひ)き出(だ)し");
    expect(&f, "人々", "人々(ひとびと)");
    furigana_free(&f);
}

static void test_author_ruby_wins(void **state)
{
    (void)state;
    diag_list_t d = {0};
    furigana_t f = load("文部科学省 もんぶかがくしょう\n科学 かがく\n", &d);
    block_t b = {0};
    b.spans = mem_calloc(3, sizeof(span_t));
    b.capspans = b.nspans = 3;
    b.spans[0] = (span_t){mem_strdup("科学"), mem_strdup("サイエンス"), 0};
    b.spans[1] = (span_t){mem_strdup("と"), NULL, 0};
    b.spans[2] = (span_t){mem_strdup("文部科学省"), NULL, PANEL_STYLE_BOLD};
    furigana_apply(&f, &b);
    char *got = render(&b);
    assert_string_equal(got, "科学(サイエンス)と文部科学省(もんぶかがくしょう)");
    free(got);
    assert_int_equal(b.spans[b.nspans - 1].style, PANEL_STYLE_BOLD); /* emphasis kept under the reading */
    block_drop(&b);
    furigana_free(&f);
}

static void test_problems_name_the_line(void **state)
{
    (void)state;
    diag_list_t d = {0};
    const char *text = "# readings for the deck\n"
                       "地域 ちいき  # checked\n"
                       "\n"
                       "支援\n"                    /* 4: one field */
                       "支援 しえん 余分\n"        /* 5: three fields */
                       "ひらがな ひらがな\n"       /* 6: no kanji */
                       "振興 shinkou\n"            /* 7: not kana */
                       "取り組み とこみ\n"         /* 8: the reading has no り */
                       "地域 ちいき\n"             /* 9: listed twice */
                       "推進\tすいしん\r\n";       /* tab and CRLF are fine */
    furigana_t f = load(text, &d);
    assert_int_equal(f.n, 2);
    assert_int_equal(d.count, 6);
    const char *want[] = {"furigana.txt:4:", "furigana.txt:5:", "furigana.txt:6:", "furigana.txt:7:",
                          "furigana.txt:8:", "furigana.txt:9:"};
    for (int i = 0; i < 6; i++) assert_non_null(strstr(d.items[i].text, want[i]));
    assert_non_null(strstr(d.items[5].text, "line 2"));
    expect(&f, "推進地域", "推進(すいしん)地域(ちいき)");
    diag_clear(&d);
    furigana_free(&f);
}

static void test_bad_bytes_and_long_words(void **state)
{
    (void)state;
    diag_list_t d = {0};
    furigana_t f = load("地域 ちいき\n\xff\xfe ちいき\n", &d);
    assert_int_equal(d.count, 1);
    assert_non_null(strstr(d.items[0].text, "furigana.txt:2:"));
    diag_clear(&d);
    furigana_free(&f);
    f = load("地域科学技術振興推進戦略支援事業計画 ちいき\n", &d);
    assert_int_equal(f.n, 0);
    assert_int_equal(d.count, 1);
    diag_clear(&d);
    furigana_free(&f);
}

static void note(void *ctx, const char *run, size_t len)
{
    buf_t *b = ctx;
    buf_put(b, run, len);
    buf_putc(b, '|');
}

static void test_missing_readings(void **state)
{
    (void)state;
    diag_list_t d = {0};
    furigana_t f = load("地域 ちいき\n", &d);
    block_t b = block_of("地域の大学と企業、そして地域科学。");
    buf_t out = {0};
    assert_int_equal(furigana_missing(&f, &b, note, &out), 3);
    char *s = buf_take(&out);
    assert_string_equal(s, "大学|企業|科学|");
    free(s);
    block_drop(&b);
    furigana_free(&f);
}

/* Names are often set in the rarer ideographs: 﨑 (U+FA11, a compatibility ideograph) in 山﨑,
 * 㟢 (U+37E2, CJK Extension A) in 山㟢. The reading goes over the whole name, and --check names
 * the whole word as missing, never half of it. */
static void test_rare_ideographs_are_kanji(void **state)
{
    (void)state;
    diag_list_t d = {0};
    furigana_t f = load("山﨑 やまざき\n山㟢 やまざき\n", &d);
    assert_int_equal(d.count, 0);
    expect(&f, "山﨑さん", "山﨑(やまざき)さん");
    expect(&f, "山㟢さん", "山㟢(やまざき)さん");
    furigana_free(&f);
    f = load("地域 ちいき\n", &d);
    block_t b = block_of("山﨑と山㟢");
    buf_t out = {0};
    assert_int_equal(furigana_missing(&f, &b, note, &out), 2);
    char *s = buf_take(&out);
    assert_string_equal(s, "山﨑|山㟢|");
    free(s);
    block_drop(&b);
    furigana_free(&f);
}

static void test_load_from_folder(void **state)
{
    (void)state;
    char dir[] = "/tmp/annai-furiganaXXXXXX";
    assert_non_null(mkdtemp(dir));
    furigana_t f = {0};
    diag_list_t d = {0};
    assert_int_equal(furigana_load(&f, dir, &d), 0); /* no list: no button */
    free(tu_write(dir, FURIGANA_FILE, "地域 ちいき\n", strlen("地域 ちいき\n")));
    assert_int_equal(furigana_load(&f, dir, &d), 1);
    assert_int_equal(f.n, 1);
    assert_int_equal(d.count, 0);
    furigana_free(&f);
    char *p = path_join(dir, FURIGANA_FILE);
    unlink(p);
    assert_int_equal(mkdir(p, 0755), 0); /* a folder where the list should be: reported */
    assert_int_equal(furigana_load(&f, dir, &d), -1);
    assert_int_equal(d.count, 1);
    rmdir(p);
    free(p);
    rmdir(dir);
    diag_clear(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_longest_match_wins),
        cmocka_unit_test(test_unalignable_word_refused),
        cmocka_unit_test(test_readings_only_over_kanji),
        cmocka_unit_test(test_author_ruby_wins),
        cmocka_unit_test(test_problems_name_the_line),
        cmocka_unit_test(test_bad_bytes_and_long_words),
        cmocka_unit_test(test_missing_readings),
        cmocka_unit_test(test_rare_ideographs_are_kanji),
        cmocka_unit_test(test_load_from_folder),
    };
    return cmocka_run_group_tests_name("furigana", tests, NULL, NULL);
}
