/* A panel's body as a curator writes it in Markdown: the blocks a visitor sees, in order, each
 * at its source line, with bold and emphasis, lists two levels deep, pictures and entities. */
#include "testutil.h"
#include "annai/markdown.h"

static char *dir;

/* The body parsed as if it started on line 5; problems to d. */
static panel_t *md(const char *body, diag_list_t *d)
{
    panel_t *p = mem_calloc(1, sizeof *p);
    p->path = mem_strdup("t.md");
    markdown_parse(p, body, strlen(body), 5, dir, d);
    return p;
}

/* The text of block i, its spans joined. */
static char *text_of(const block_t *b)
{
    buf_t o = {0};
    for (int i = 0; i < b->nspans; i++) buf_puts(&o, b->spans[i].text);
    return o.data ? buf_take(&o) : mem_strdup("");
}

static void expect_text(const block_t *b, const char *want)
{
    char *t = text_of(b);
    if (strcmp(t, want)) fail_msg("block at line %d: '%s', want '%s'", b->line, t, want);
    free(t);
}

static void test_blocks_and_lines(void **state)
{
    (void)state;
    diag_list_t d = {0};
    panel_t *p = md("# 大見出し\n\n本文の一段落。\n\n## 小見出し\n\n- 項目一\n- 項目二\n  - 入れ子\n    - 三段目\n", &d);
    assert_int_equal(d.count, 0);
    assert_int_equal(p->nblocks, 7);
    static const struct { block_kind_t kind; int level, line; const char *text; } want[] = {
        {PANEL_BLOCK_HEADING, 1, 5, "大見出し"}, {PANEL_BLOCK_PARAGRAPH, 0, 7, "本文の一段落。"},
        {PANEL_BLOCK_HEADING, 2, 9, "小見出し"}, {PANEL_BLOCK_ITEM, 1, 11, "項目一"}, {PANEL_BLOCK_ITEM, 1, 12, "項目二"},
        {PANEL_BLOCK_ITEM, 2, 13, "入れ子"}, {PANEL_BLOCK_ITEM, 2, 14, "三段目"}, /* deeper shown at the second level */
    };
    for (int i = 0; i < 7; i++) {
        assert_int_equal(p->blocks[i].kind, want[i].kind);
        assert_int_equal(p->blocks[i].level, want[i].level);
        assert_int_equal(p->blocks[i].line, want[i].line);
        expect_text(&p->blocks[i], want[i].text);
    }
    panel_free(p);
    p = md("1. 番号\n2. 次\n\n> 引用\n\n```\ncode\n```\n\n| a | b |\n|---|---|\n| c | d |\n", &d);
    assert_int_equal(d.count, 0);
    assert_int_equal(p->nblocks, 5);
    assert_int_equal(p->blocks[0].kind, PANEL_BLOCK_ITEM);
    assert_int_equal(p->blocks[0].level, 1);
    assert_int_equal(p->blocks[2].kind, PANEL_BLOCK_PARAGRAPH);
    expect_text(&p->blocks[2], "引用");
    assert_int_equal(p->blocks[2].line, 8);
    expect_text(&p->blocks[3], "code\n");
    panel_free(p);
}

static void test_soft_and_hard_breaks(void **state)
{
    (void)state;
    diag_list_t d = {0};
    /* JLREQ: a newline in the source joins Japanese with nothing, Latin words with a space */
    panel_t *p = md("地域の\n科学技術。Regional\nscience\n振興。\nEnd.\nA地域\n\nhard  \nbreak\n", &d);
    expect_text(&p->blocks[0], "地域の科学技術。Regional science振興。End. A地域");
    expect_text(&p->blocks[1], "hard\nbreak");
    panel_free(p);
    /* the letter before the break is all of a bold span: still a Latin letter */
    p = md("**é**\nnext\n", &d);
    expect_text(&p->blocks[0], "é next");
    panel_free(p);
    /* an item of two paragraphs is one item, its paragraphs joined */
    p = md("- first\n\n  second\n- 一\n\n  二\n", &d);
    assert_int_equal(p->nblocks, 2);
    expect_text(&p->blocks[0], "first second");
    expect_text(&p->blocks[1], "一二");
    panel_free(p);
    assert_int_equal(d.count, 0);
}

static void test_styles(void **state)
{
    (void)state;
    diag_list_t d = {0};
    panel_t *p = md("普通**太字*両方*太字**普通*強調*\n", &d);
    const block_t *b = &p->blocks[0];
    static const struct { const char *text; unsigned style; } want[] = {
        {"普通", 0}, {"太字", PANEL_STYLE_BOLD}, {"両方", PANEL_STYLE_BOLD | PANEL_STYLE_EM}, {"太字", PANEL_STYLE_BOLD},
        {"普通", 0}, {"強調", PANEL_STYLE_EM},
    };
    assert_int_equal(b->nspans, 6);
    for (int i = 0; i < 6; i++) {
        assert_string_equal(b->spans[i].text, want[i].text);
        assert_int_equal(b->spans[i].style, want[i].style);
    }
    panel_free(p);
}

static void test_entities_and_html(void **state)
{
    (void)state;
    diag_list_t d = {0};
    /* a long named entity is not a number: left as written, never copied into a short buffer */
    panel_t *p = md("&CounterClockwiseContourIntegral; &copy;\n", &d);
    expect_text(&p->blocks[0], "&CounterClockwiseContourIntegral; &copy;");
    panel_free(p);
    p = md("&amp; &lt;&gt; &quot;&apos; a&nbsp;b &#x41;&#X42;&#67; &#x1F600; &#x10FFFF; &#xD800; &#0; &#x110000; &bogus; <b>x</b>\n", &d);
    expect_text(&p->blocks[0], "& <> \"' a\xC2\xA0" "b ABC 😀 \xF4\x8F\xBF\xBF &#xD800; &#0; &#x110000; &bogus; <b>x</b>");
    panel_free(p);
}

static void test_pictures(void **state)
{
    (void)state;
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                        0, 0, 0, 4, 0, 0, 0, 3, 8, 6, 0, 0, 0};
    free(tu_write(dir, "a.png", (const char *)png, sizeof png));
    diag_list_t d = {0};
    panel_t *p = md("前の文\n\n![図の*説明*](a.png)\n\n後の文 ![二](a.png) 続き\n\n![なし](none.png)\n", &d);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].text, "t.md:11: image not found: none.png");
    assert_int_equal(p->nblocks, 5);
    expect_text(&p->blocks[0], "前の文");
    assert_int_equal(p->blocks[1].kind, PANEL_BLOCK_IMAGE);
    assert_int_equal(p->blocks[1].line, 7);
    assert_string_equal(p->blocks[1].alt, "図の説明");
    assert_int_equal(p->blocks[1].img_w, 4);
    assert_int_equal(p->blocks[1].img_h, 3);
    assert_non_null(strstr(p->blocks[1].image, "/a.png"));
    /* text around a picture: the picture between the text before and after it */
    expect_text(&p->blocks[2], "後の文 ");
    assert_int_equal(p->blocks[3].kind, PANEL_BLOCK_IMAGE);
    assert_string_equal(p->blocks[3].alt, "二");
    expect_text(&p->blocks[4], " 続き");
    diag_clear(&d);
    panel_free(p);
}

static void test_block_cap(void **state)
{
    (void)state;
    buf_t b = {0};
    for (int i = 0; i < CONTENT_MAX_BLOCKS + 20; i++) buf_puts(&b, i % 2 ? "段落\n\n" : "# 見出し\n\n");
    buf_puts(&b, "![x](a.png)\n\n- item\n");
    diag_list_t d = {0};
    panel_t *p = md(b.data, &d);
    assert_int_equal(p->nblocks, CONTENT_MAX_BLOCKS);
    assert_int_equal(d.count, 0);
    panel_free(p);
    buf_free(&b);
    /* one under the cap: the picture still comes */
    b = (buf_t){0};
    for (int i = 0; i < CONTENT_MAX_BLOCKS - 1; i++) buf_puts(&b, "段落\n\n");
    buf_puts(&b, "![x](a.png)\n");
    p = md(b.data, &d);
    assert_int_equal(p->nblocks, CONTENT_MAX_BLOCKS);
    assert_int_equal(p->blocks[CONTENT_MAX_BLOCKS - 1].kind, PANEL_BLOCK_IMAGE);
    panel_free(p);
    buf_free(&b);
}

/* A block's line is where its text starts, whatever the text starts with: a paragraph opening
 * with an entity was put at the body's first line, so its problems (an unclosed 《) were
 * reported lines above it. */
static void test_lines_of_any_start(void **state)
{
    (void)state;
    diag_list_t d = {0};
    panel_t *p = md("本文\n\n&amp;《よみ》\n\n&#x41; です\n\n**太字**から\n", &d);
    assert_int_equal(p->nblocks, 4);
    assert_int_equal(p->blocks[0].line, 5);
    assert_int_equal(p->blocks[1].line, 7);
    assert_int_equal(p->blocks[2].line, 9);
    assert_int_equal(p->blocks[3].line, 11);
    panel_free(p);
    /* through a whole panel file: the message names the line the curator must open */
    const char *file = "---\ntitle: t\n---\n本文\n\n&amp;《よみ\n";
    p = panel_parse("t.md", file, strlen(file), dir, &d);
    assert_null(p);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].text, "t.md:6: ruby 《 without closing 》");
    diag_clear(&d);
}

/* Lists: text after a nested list belongs to the outer item; two lists are both at level 1. */
static void test_lists_around_text(void **state)
{
    (void)state;
    diag_list_t d = {0};
    panel_t *p = md("- 一\n  - 二\n\n  続き\n- 三\n\n本文\n\n- 四\n", &d);
    assert_int_equal(p->nblocks, 6);
    static const struct { block_kind_t kind; int level; const char *text; } want[] = {
        {PANEL_BLOCK_ITEM, 1, "一"}, {PANEL_BLOCK_ITEM, 2, "二"}, {PANEL_BLOCK_ITEM, 1, "続き"},
        {PANEL_BLOCK_ITEM, 1, "三"}, {PANEL_BLOCK_PARAGRAPH, 0, "本文"}, {PANEL_BLOCK_ITEM, 1, "四"},
    };
    for (int i = 0; i < 6; i++) {
        assert_int_equal(p->blocks[i].kind, want[i].kind);
        assert_int_equal(p->blocks[i].level, want[i].level);
        expect_text(&p->blocks[i], want[i].text);
    }
    panel_free(p);
}

static int setup(void **s) { (void)s; dir = tu_tmpdir(); return 0; }
static int teardown(void **s) { (void)s; tu_rmrf(dir); free(dir); return 0; }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blocks_and_lines),
        cmocka_unit_test(test_soft_and_hard_breaks),
        cmocka_unit_test(test_styles),
        cmocka_unit_test(test_entities_and_html),
        cmocka_unit_test(test_pictures),
        cmocka_unit_test(test_block_cap),
        cmocka_unit_test(test_lines_of_any_start),
        cmocka_unit_test(test_lists_around_text),
    };
    return cmocka_run_group_tests_name("markdown", tests, setup, teardown);
}
