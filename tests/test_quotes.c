/* Typewriter quotes as a typesetter sets them: “ ‘ where a quotation opens, ” ’ where it closes
 * and in contractions, across bold and emphasis, in titles and captions. */
#include "testutil.h"
#include "annai/quotes.h"

/* The text of spans[0..n) after quotes_apply, joined with | between spans. */
static char *set(const char *const *spans, int n)
{
    block_t b = {0};
    b.spans = mem_calloc((size_t)n, sizeof *b.spans);
    for (int i = 0; i < n; i++) b.spans[i] = (span_t){mem_strdup(spans[i]), NULL, 0};
    b.nspans = b.capspans = n;
    quotes_apply(&b);
    buf_t o = {0};
    for (int i = 0; i < n; i++) {
        if (i) buf_puts(&o, "|");
        buf_puts(&o, b.spans[i].text);
        free(b.spans[i].text);
    }
    free(b.spans);
    return buf_take(&o);
}

static void expect_set(const char *text, const char *want)
{
    char *got = set(&text, 1);
    if (strcmp(got, want)) fail_msg("%s: set as %s, want %s", text, got, want);
    free(got);
}

static void test_open_and_close(void **state)
{
    (void)state;
    expect_set("\"Science\" and 'technology'", "“Science” and ‘technology’");
    expect_set("He said \"yes.\"", "He said “yes.”");
    expect_set("it's the region's plan", "it’s the region’s plan");
    expect_set("the '90s", "the ‘90s"); /* after a space it opens: a typesetter's one known miss */
    expect_set("no quotes here", "no quotes here");
}

static void test_what_opens(void **state)
{
    (void)state;
    expect_set("(\"a\")", "(“a”)");
    expect_set("[\"a\"]", "[“a”]");
    expect_set("line\n\"a\"", "line\n“a”");
    expect_set("x—\"a\"", "x—“a”");
    expect_set("1–\"a\"", "1–“a”");
    expect_set("\"'nested'\"", "“‘nested’”");
    expect_set("'\"nested\"'", "‘“nested”’");
    expect_set("地域\"DX\"", "地域“DX”"); /* after CJK (no space in Japanese) it opens */
    /* ...unless its kind is open already: between Japanese words a quote closes by pairing */
    expect_set("彼は\"はい\"と言った", "彼は“はい”と言った");
    expect_set("「\"研究\"と'開発'」", "「“研究”と‘開発’」");
    expect_set("\"地域\"と\"拠点\"", "“地域”と“拠点”");
    expect_set("a\"b\"", "a”b”");          /* after a letter it closes */
    expect_set("x.\"", "x.”");
    expect_set("x)\"", "x)”");
}

static void test_across_spans(void **state)
{
    (void)state;
    /* **"bold"** and plain text around it: the span before decides */
    const char *a[] = {"say \"", "yes", "\" now"};
    char *got = set(a, 3);
    assert_string_equal(got, "say “|yes|” now");
    free(got);
    /* a span with no quote still moves the place: after "word" the quote closes */
    const char *b[] = {"(", "word", "\""};
    got = set(b, 3);
    assert_string_equal(got, "(|word|”");
    free(got);
    const char *c[] = {"word", " ", "\"x\""};
    got = set(c, 3);
    assert_string_equal(got, "word| |“x”");
    free(got);
    const char *d[] = {"地域", "\"x\""};
    got = set(d, 2);
    assert_string_equal(got, "地域|“x”");
    free(got);
}

static void test_titles_and_captions(void **state)
{
    (void)state;
    char *s = mem_strdup("\"Hello\" it's");
    quotes_in_string(&s);
    assert_string_equal(s, "“Hello” it’s");
    free(s);
    char *none = NULL;
    quotes_in_string(&none);
    assert_null(none);
    /* through the panel: the title and the QR caption are set too */
    const char *md = "---\ntitle: \"Say 'hi'\"\nqr: https://example.org\nqr_caption: 'the \"site\"'\n---\n\"body\"\n";
    diag_list_t d = {0};
    panel_t *p = panel_parse("t.en.md", md, strlen(md), ".", &d);
    assert_non_null(p);
    assert_string_equal(p->title, "Say ‘hi’");
    assert_string_equal(p->qr_caption, "the “site”");
    assert_string_equal(p->blocks[0].spans[0].text, "“body”");
    panel_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_and_close),
        cmocka_unit_test(test_what_opens),
        cmocka_unit_test(test_across_spans),
        cmocka_unit_test(test_titles_and_captions),
    };
    return cmocka_run_group_tests_name("quotes", tests, NULL, NULL);
}
