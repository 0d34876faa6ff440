/* Front matter as a curator writes it: each key sets what the panel shows, each mistake is
 * reported at its line with the value and what would be right. */
#include "testutil.h"
#include "annai/frontmatter.h"

static panel_t *fresh(void)
{
    panel_t *p = mem_calloc(1, sizeof *p);
    p->path = mem_strdup("t.md");
    p->layout = PANEL_TEXT;
    timeplan_init(&p->plan);
    return p;
}

/* The front matter text (lines 2...) parsed into a fresh panel; problems to d. */
static panel_t *fm(const char *text, diag_list_t *d)
{
    panel_t *p = fresh();
    frontmatter_parse(p, text, strlen(text), d);
    return p;
}

/* The one problem of text, exactly. */
static void expect_only(const char *text, const char *want)
{
    diag_list_t d = {0};
    panel_t *p = fm(text, &d);
    if (d.count != 1 || strcmp(d.items[0].text, want)) {
        for (int i = 0; i < d.count; i++) fprintf(stderr, "  got: %s\n", d.items[i].text);
        fail_msg("%s: want %s", text, want);
    }
    diag_clear(&d);
    panel_free(p);
}

static void expect_clean(const char *text)
{
    diag_list_t d = {0};
    panel_t *p = fm(text, &d);
    if (d.count) fail_msg("%s: %s", text, d.items[0].text);
    panel_free(p);
}

static void test_every_key(void **state)
{
    (void)state;
    diag_list_t d = {0};
    panel_t *p = fm("title: 地域の科学技術\nlayout: cards\ndwell: 20.5\nqr: https://example.org\nqr_caption: 詳しくは\n"
                    "accent: #1a2B3c\nfrom: 2026-06-01\nuntil: 2026-07-01\ndays: mon-fri\nhours: 09:00-17:00\n", &d);
    assert_int_equal(d.count, 0);
    assert_string_equal(p->title, "地域の科学技術");
    assert_int_equal(p->layout, PANEL_CARDS);
    assert_true(p->dwell_s == 20.5);
    assert_string_equal(p->qr, "https://example.org");
    assert_string_equal(p->qr_caption, "詳しくは");
    assert_int_equal(p->accent, 0x1A2B3C);
    assert_true(p->has_accent);
    assert_true(timeplan_scheduled(&p->plan));
    assert_int_equal(p->plan.days, 0x1F);
    panel_free(p);
    /* every layout by its name */
    for (int i = 0; i < PANEL_LAYOUT_COUNT; i++) {
        char text[64];
        snprintf(text, sizeof text, "title: t\nlayout: %s\n", panel_layout_name((panel_layout_t)i));
        p = fm(text, &d);
        assert_int_equal(d.count, 0);
        assert_int_equal(p->layout, i);
        panel_free(p);
    }
    /* nothing given: the defaults, no accent */
    p = fm("title: t\n", &d);
    assert_int_equal(d.count, 0);
    assert_int_equal(p->layout, PANEL_TEXT);
    assert_true(p->dwell_s == 0);
    assert_false(p->has_accent);
    assert_null(p->qr);
    panel_free(p);
}

static void test_quotes_and_repeats(void **state)
{
    (void)state;
    diag_list_t d = {0};
    panel_t *p = fm("title: \"A: a colon\"\nqr_caption: 'single'\nqr: \"x'\n", &d);
    assert_int_equal(d.count, 0);
    assert_string_equal(p->title, "A: a colon");
    assert_string_equal(p->qr_caption, "single");
    assert_string_equal(p->qr, "\"x'"); /* quotes that do not match are text */
    panel_free(p);
    p = fm("title: \"\nqr: ''\n", &d);
    assert_string_equal(p->title, "\""); /* one quote alone is text */
    assert_string_equal(p->qr, "");
    panel_free(p);
    /* a key given twice: the last one counts */
    p = fm("title: first\ntitle: second\nlayout: list\nlayout: cards\n", &d);
    assert_int_equal(d.count, 0);
    assert_string_equal(p->title, "second");
    assert_int_equal(p->layout, PANEL_CARDS);
    panel_free(p);
    /* a bad value leaves what was there */
    p = fm("title: t\nlayout: list\nlayout: grid\ndwell: 30\ndwell: 0\naccent: #010203\naccent: red\n", &d);
    assert_int_equal(d.count, 3);
    assert_int_equal(p->layout, PANEL_LIST);
    assert_true(p->dwell_s == 30);
    assert_int_equal(p->accent, 0x010203);
    diag_clear(&d);
    panel_free(p);
}

static void test_bad_values_at_their_line(void **state)
{
    (void)state;
    expect_only("title: t\nlayout: grid\n", "t.md:3: unknown layout 'grid' (title, text, list, timeline or cards)");
    expect_only("title: t\nlayout: Cards\n", "t.md:3: unknown layout 'Cards' (title, text, list, timeline or cards)");
    expect_only("title: t\n\ndwell: 0\n", "t.md:4: bad dwell '0' (seconds, 1 to 3600)");
    expect_clean("title: t\ndwell: 1\n");
    expect_clean("title: t\nqr_caption:\nqr_caption: ''\n"); /* an empty caption: no caption */
    expect_clean("title: t\ndwell: 3600\n");
    expect_only("title: t\ndwell: 0.99\n", "t.md:3: bad dwell '0.99' (seconds, 1 to 3600)");
    expect_only("title: t\ndwell: 3600.5\n", "t.md:3: bad dwell '3600.5' (seconds, 1 to 3600)");
    expect_only("title: t\ndwell: 12s\n", "t.md:3: bad dwell '12s' (seconds, 1 to 3600)");
    expect_only("title: t\ndwell:\n", "t.md:3: bad dwell '' (seconds, 1 to 3600)");
    /* not a number at all: was taken (NaN compares false both ways) and the panel kept the
     * playlist's dwell with no word in --check */
    expect_only("title: t\ndwell: nan\n", "t.md:3: bad dwell 'nan' (seconds, 1 to 3600)");
    expect_only("title: t\ndwell: inf\n", "t.md:3: bad dwell 'inf' (seconds, 1 to 3600)");
    expect_only("title: t\naccent: blue\n", "t.md:3: bad accent 'blue' (#rrggbb)");
    expect_only("title: t\naccent: #12345\n", "t.md:3: bad accent '#12345' (#rrggbb)");
    expect_only("title: t\naccent: #1234567\n", "t.md:3: bad accent '#1234567' (#rrggbb)");
    expect_only("title: t\naccent: #12345g\n", "t.md:3: bad accent '#12345g' (#rrggbb)");
    expect_only("title: t\naccent: 1234567\n", "t.md:3: bad accent '1234567' (#rrggbb)");
    expect_only("title:\n", "t.md:2: empty title");
    expect_only("title: \"\"\n", "t.md:2: empty title");
    expect_only("title: t\ncolour: red\n", "t.md:3: unknown key 'colour'");
    expect_only("title: t\n[display]\nsize: 1\n", "t.md:4: front matter has no sections ([display])");
    expect_only("title: t\ndays: funday\n", "t.md:3: days 'funday': bad days (e.g. mon-fri or sat,sun)");
    expect_only("title: t\njust words\n", "t.md:3: expected 'key: value'");
    expect_only("layout: text\n", "t.md:1: missing title (add 'title: ...' to the front matter)");
    diag_list_t d = {0};
    panel_t *p = fresh();
    frontmatter_parse(p, "", 0, &d); /* no front matter at all */
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].text, "t.md:1: missing title (add 'title: ...' to the front matter)");
    diag_clear(&d);
    panel_free(p);
}

static void test_until_after_from(void **state)
{
    (void)state;
    expect_only("title: t\nfrom: 2026-06-10\nuntil: 2026-06-01\n", "t.md:4: until is not after from: the panel would never show");
    expect_only("title: t\nuntil: 2026-06-01 10:00\nqr: x\nfrom: 2026-06-01 10:00\n",
                "t.md:3: until is not after from: the panel would never show");
    expect_clean("title: t\nfrom: 2026-06-01 10:00\nuntil: 2026-06-01 10:01\n");
    expect_clean("title: t\nuntil: 2026-06-01\n");
    expect_clean("title: t\nfrom: 2026-06-01\n");
}

static void test_split(void **state)
{
    (void)state;
    size_t fs, fl;
    int body;
    const char *d = "---\ntitle: t\nlayout: list\n---\nbody\n";
    assert_int_equal(frontmatter_split(d, strlen(d), &fs, &fl, &body), 30);
    assert_int_equal(fs, 4);
    assert_int_equal(fl, 22);
    assert_int_equal(body, 5);
    /* no front matter: the whole file is the body */
    d = "# heading\n";
    assert_int_equal(frontmatter_split(d, strlen(d), &fs, &fl, &body), 0);
    assert_int_equal(body, 1);
    assert_int_equal(fl, 0);
    d = "----\nx\n";
    assert_int_equal(frontmatter_split(d, strlen(d), &fs, &fl, &body), 0);
    d = "--- x\n---\n";
    assert_int_equal(frontmatter_split(d, strlen(d), &fs, &fl, &body), 0);
    d = "--";
    assert_int_equal(frontmatter_split(d, strlen(d), &fs, &fl, &body), 0);
    /* started, never ended */
    d = "---";
    assert_int_equal(frontmatter_split(d, strlen(d), &fs, &fl, &body), -1);
    d = "---\ntitle: t\n";
    assert_int_equal(frontmatter_split(d, strlen(d), &fs, &fl, &body), -1);
    d = "---\ntitle: t\n----\n";
    assert_int_equal(frontmatter_split(d, strlen(d), &fs, &fl, &body), -1);
    /* the closing --- at the end of the file, or with a CR before its newline */
    d = "---\ntitle: t\n---";
    assert_int_equal(frontmatter_split(d, strlen(d), &fs, &fl, &body), (long)strlen(d));
    assert_int_equal(body, 4);
    d = "---\r\ntitle: t\r\n---\r\nbody";
    assert_int_equal(frontmatter_split(d, strlen(d), &fs, &fl, &body), 20);
    assert_int_equal(fs, 5);
    assert_int_equal(body, 4);
    d = "---\n---\nbody\n";
    assert_int_equal(frontmatter_split(d, strlen(d), &fs, &fl, &body), 8);
    assert_int_equal(fl, 0);
    assert_int_equal(body, 3);
}

static void test_key_line(void **state)
{
    (void)state;
    const char *f = "title: t\nqr_caption: c\nqr : x\nlayout=list\n";
    size_t n = strlen(f);
    assert_int_equal(frontmatter_key_line(f, n, "title", 2), 2);
    assert_int_equal(frontmatter_key_line(f, n, "qr", 2), 4); /* not qr_caption's line */
    assert_int_equal(frontmatter_key_line(f, n, "layout", 2), 5);
    assert_int_equal(frontmatter_key_line(f, n, "until", 2), 2);
    assert_int_equal(frontmatter_key_line(f, n, "qr_caption", 10), 11);
    assert_int_equal(frontmatter_key_line("title", 5, "title", 2), 2); /* the key alone, no value */
    assert_int_equal(frontmatter_key_line("x: 1\ntitle", 10, "title", 2), 2);
}

static void test_colour(void **state)
{
    (void)state;
    uint32_t c = 7;
    assert_true(frontmatter_parse_colour("#000000", &c));
    assert_int_equal(c, 0);
    assert_true(frontmatter_parse_colour("#FFffFF", &c));
    assert_int_equal(c, 0xFFFFFF);
    assert_true(frontmatter_parse_colour("#09afAF", &c));
    assert_int_equal(c, 0x09AFAF);
    c = 7;
    assert_false(frontmatter_parse_colour("", &c));
    assert_false(frontmatter_parse_colour("#", &c));
    assert_false(frontmatter_parse_colour("#00000g", &c));
    assert_false(frontmatter_parse_colour("#g00000", &c));
    assert_false(frontmatter_parse_colour("#-12345", &c));
    assert_false(frontmatter_parse_colour("0x123456", &c));
    assert_int_equal(c, 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_key),
        cmocka_unit_test(test_quotes_and_repeats),
        cmocka_unit_test(test_bad_values_at_their_line),
        cmocka_unit_test(test_until_after_from),
        cmocka_unit_test(test_split),
        cmocka_unit_test(test_key_line),
        cmocka_unit_test(test_colour),
    };
    return cmocka_run_group_tests_name("frontmatter", tests, NULL, NULL);
}
