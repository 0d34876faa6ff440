/* phrase: the BudouX scorer against BudouX's own JavaScript parser, and by hand. */
#include "testutil.h"
#include "annai/phrase.h"

static phrase_model_t *load(const char *name)
{
    diag_list_t d = {0};
    char path[128];
    snprintf(path, sizeof path, "data/budoux/%s.tsv", name);
    phrase_model_t *m = phrase_model_load(path, &d);
    for (int i = 0; i < d.count; i++) fprintf(stderr, "%s\n", d.items[i].text);
    assert_int_equal(d.count, 0);
    assert_non_null(m);
    diag_clear(&d);
    return m;
}

/* "text<TAB>i,j,..." lines written by tools/budoux-reference.js from the npm package's parser. */
static void compare_reference(const char *model, const char *ref)
{
    phrase_model_t *m = load(model);
    FILE *f = fopen(ref, "r");
    assert_non_null(f);
    char line[4096];
    int checked = 0, mismatched = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        char *tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = 0;
        uint32_t cps[1024];
        unsigned char brk[1024];
        int n = 0;
        for (size_t k = 0, len = strlen(line); k < len && n < 1024;) cps[n++] = (uint32_t)utf8_decode(line, len, &k);
        phrase_breaks(m, cps, n, brk);
        char got[4096] = "";
        for (int i = 1; i < n; i++)
            if (brk[i]) snprintf(got + strlen(got), sizeof got - strlen(got), "%s%d", *got ? "," : "", i);
        if (strcmp(got, tab + 1)) {
            fprintf(stderr, "%s: %s: budoux %s, annai %s\n", ref, line, tab + 1, got);
            mismatched++;
        }
        checked++;
    }
    fclose(f);
    phrase_model_free(m);
    assert_true(checked >= 5);
    assert_int_equal(mismatched, 0);
}

static void test_same_boundaries_as_budoux_ja(void **s) { (void)s; compare_reference("ja", "tests/data/phrase-ja.ref"); }
static void test_same_boundaries_as_budoux_zh_hans(void **s) { (void)s; compare_reference("zh-hans", "tests/data/phrase-zh-hans.ref"); }
static void test_same_boundaries_as_budoux_zh_hant(void **s) { (void)s; compare_reference("zh-hant", "tests/data/phrase-zh-hant.ref"); }

/* Splits text at its phrase boundaries with "|". */
static void split(const phrase_model_t *m, const char *text, char *out, size_t cap)
{
    size_t offs[64], len = strlen(text), at = 0;
    int n = phrase_breaks_utf8(m, text, len, offs, 64);
    out[0] = 0;
    for (int i = 0; i <= n && i <= 64; i++) {
        size_t end = i < n ? offs[i] : len;
        snprintf(out + strlen(out), cap - strlen(out), "%s%.*s", i ? "|" : "", (int)(end - at), text + at);
        at = end;
    }
}

/* Phrases checked by hand (a reader's 文節), from the headings of the bundled panels. */
static void test_phrases_checked_by_hand(void **s)
{
    (void)s;
    static const char *const cases[][2] = {
        {"科学技術イノベーション政策の推進", "科学技術イノベーション政策の|推進"},
        {"地域クラスターの形成", "地域クラスターの|形成"},
        {"地域イノベーション戦略推進地域への支援", "地域イノベーション戦略推進地域への|支援"},
        {"文部科学省の取組", "文部科学省の|取組"},
        {"この博物館は、地域の科学技術の歩みを紹介しています。",
         "この|博物館は、|地域の|科学技術の|歩みを|紹介しています。"},
    };
    phrase_model_t *m = load("ja");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char got[512];
        split(m, cases[i][0], got, sizeof got);
        if (strcmp(got, cases[i][1])) fprintf(stderr, "%s -> %s\n", cases[i][0], got);
        assert_string_equal(got, cases[i][1]);
    }
    phrase_model_free(m);
}

static void test_bad_model_says_where(void **s)
{
    (void)s;
    static const char bad[] = "# comment\nUW3\tの\t4438\nXX9\tの\t1\nUW4\tabcd\t1\nBW1\tのは\tmany\nUW3\tの\t1\nUW5";
    diag_list_t d = {0};
    assert_null(phrase_model_parse("m.tsv", bad, sizeof bad - 1, &d));
    assert_int_equal(d.count, 5);
    assert_non_null(strstr(d.items[0].text, "m.tsv:3: unknown feature"));
    assert_non_null(strstr(d.items[1].text, "m.tsv:4: key"));
    assert_non_null(strstr(d.items[2].text, "m.tsv:5: score"));
    assert_non_null(strstr(d.items[3].text, "m.tsv:6: weight given twice"));
    assert_non_null(strstr(d.items[4].text, "m.tsv:7: expected"));
    diag_clear(&d);
    assert_null(phrase_model_parse("e.tsv", "\r\n# only\r", 9, &d));
    assert_int_equal(d.count, 1);
    diag_clear(&d);
    assert_null(phrase_model_load("no/such/model.tsv", &d));
    assert_non_null(strstr(d.items[0].text, "no/such/model.tsv"));
    diag_clear(&d);
}

/* A model that only knows "の" before a boundary: the base score is -sum/2, so one feature of
 * weight w breaks only when w > sum/2. Checks the scoring arithmetic, not just the data. */
static void test_base_score_is_half_the_sum(void **s)
{
    (void)s;
    static const char two[] = "UW3\tの\t10\nUW4\tx\t8\n";
    diag_list_t d = {0};
    phrase_model_t *m = phrase_model_parse("t", two, sizeof two - 1, &d);
    assert_non_null(m);
    assert_int_equal(phrase_model_size(m), 2);
    uint32_t cps[] = {0x3042, 0x306E, 0x3044, 0x306E, 'x'};
    unsigned char brk[5];
    phrase_breaks(m, cps, 5, brk);
    assert_int_equal(brk[2], 1);  /* after の: 10 > 9 */
    assert_int_equal(brk[1], 0);  /* nothing: 0 < 9 */
    assert_int_equal(brk[4], 1);  /* after の before x: 18 > 9 */
    phrase_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_boundaries_as_budoux_ja),
        cmocka_unit_test(test_same_boundaries_as_budoux_zh_hans),
        cmocka_unit_test(test_same_boundaries_as_budoux_zh_hant),
        cmocka_unit_test(test_phrases_checked_by_hand),
        cmocka_unit_test(test_bad_model_says_where),
        cmocka_unit_test(test_base_score_is_half_the_sum),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
