/* Panel format: each construct parsed into the model, each mistake reported at its line. */
#include "testutil.h"
#include <sys/stat.h>
#include "annai/panel.h"

static char *dir;

static size_t next_len; /* when set, the length of the next text (it holds a NUL) */

static panel_t *parse(const char *text, diag_list_t *d)
{
    char *path = path_join(dir, "t.md");
    size_t n = next_len ? next_len : strlen(text);
    next_len = 0;
    panel_t *p = panel_parse(path, text, n, dir, d);
    free(path);
    return p;
}

static void expect_error(const char *text, int line, const char *needle)
{
    diag_list_t d = {0};
    panel_t *p = parse(text, &d);
    if (p) fail_msg("accepted: %s", text);
    bool found = false;
    char want[64];
    snprintf(want, sizeof want, "t.md:%d: ", line);
    for (int i = 0; i < d.count; i++) found |= strstr(d.items[i].text, want) && strstr(d.items[i].text, needle);
    if (!found) {
        for (int i = 0; i < d.count; i++) fprintf(stderr, "  got: %s\n", d.items[i].text);
        fail_msg("expected '%s' ... '%s'", want, needle);
    }
    diag_clear(&d);
}

static void test_constructs(void **state)
{
    (void)state;
    diag_list_t d = {0};
    panel_t *p = parse("---\ntitle: 見出し\nlayout: list\ndwell: 20\naccent: #123456\n---\n# 大見出し\n\n本文の**太字**と*強調*。\n"
                       "改行を\nまたぐ文。Latin\nwords\n\n- 項目一\n  - 入れ子\n- ｜産学官《さんがくかん》連携と地域《ちいき》\n", &d);
    for (int i = 0; i < d.count; i++) fprintf(stderr, "%s\n", d.items[i].text);
    assert_non_null(p);
    assert_string_equal(p->title, "見出し");
    assert_int_equal(p->layout, PANEL_LIST);
    assert_true(p->dwell_s == 20);
    assert_int_equal(p->accent, 0x123456);
    assert_int_equal(p->nblocks, 5);
    assert_int_equal(p->blocks[0].kind, PANEL_BLOCK_HEADING);
    assert_int_equal(p->blocks[0].line, 7);
    const block_t *para = &p->blocks[1];
    assert_int_equal(para->kind, PANEL_BLOCK_PARAGRAPH);
    assert_string_equal(para->spans[0].text, "本文の");
    assert_string_equal(para->spans[1].text, "太字");
    assert_int_equal(para->spans[1].style, PANEL_STYLE_BOLD);
    assert_int_equal(para->spans[3].style, PANEL_STYLE_EM);
    /* a soft break joins CJK with nothing and Latin words with a space */
    assert_string_equal(para->spans[4].text, "。改行をまたぐ文。Latin words");
    assert_int_equal(p->blocks[2].kind, PANEL_BLOCK_ITEM);
    assert_int_equal(p->blocks[2].level, 1);
    assert_int_equal(p->blocks[3].level, 2);
    const block_t *ruby = &p->blocks[4];
    assert_string_equal(ruby->spans[0].text, "産学官");
    assert_string_equal(ruby->spans[0].ruby, "さんがくかん");
    assert_string_equal(ruby->spans[1].text, "連携と");
    assert_string_equal(ruby->spans[2].text, "地域");
    assert_string_equal(ruby->spans[2].ruby, "ちいき");
    panel_free(p);
    diag_clear(&d);
}

static void test_bom_and_crlf_are_valid(void **state)
{
    (void)state;
    diag_list_t d = {0};
    panel_t *p = parse("\xEF\xBB\xBF---\r\ntitle: BOM\r\n---\r\n本文です。\r\n", &d);
    assert_int_equal(d.count, 0);
    assert_non_null(p);
    assert_string_equal(p->title, "BOM");
    assert_string_equal(p->blocks[0].spans[0].text, "本文です。");
    panel_free(p);
}

static void test_long_japanese_front_matter_value(void **state)
{
    (void)state;
    buf_t b = {0};
    buf_puts(&b, "---\ntitle: ");
    for (int i = 0; i < 300; i++) buf_puts(&b, "地");
    buf_puts(&b, "\n---\n本文\n");
    diag_list_t d = {0};
    panel_t *p = parse(b.data, &d);
    assert_non_null(p);
    assert_int_equal(strlen(p->title), 900); /* Debian's inih would cut at 200 bytes */
    panel_free(p);
    buf_free(&b);
}

static void test_errors_at_their_line(void **state)
{
    (void)state;
    expect_error("---\ntitle: a\ncolour: red\n---\nbody\n", 3, "unknown key 'colour'");
    expect_error("---\ntitle: a\nlayout: grid\n---\nbody\n", 3, "unknown layout");
    expect_error("---\nlayout: text\n---\nbody\n", 1, "missing title");
    expect_error("---\ntitle: a\n---\nok\n\xff\xfe\n", 5, "invalid UTF-8");
    next_len = 24;
    expect_error("---\ntitle: a\n---\nok\nb\0c\n", 5, "NUL byte");
    expect_error("---\ntitle: a\nbody without end\n", 1, "never ends");
    expect_error("---\ntitle: a\n---\n\n", 4, "empty panel");
    expect_error("---\ntitle: a\n---\ntext\n\n![x](img/none.png)\n", 6, "image not found");
    expect_error("---\ntitle: a\n---\ntext\n\n![x](/etc/passwd)\n", 6, "relative");
    expect_error("---\ntitle: a\n---\ntext\n\n![x](../../../etc/hostname)\n", 6, "outside the content folder");
    expect_error("---\ntitle: a\naccent: blue\n---\nbody\n", 3, "bad accent");
    expect_error("---\ntitle: a\ndwell: 0\n---\nbody\n", 3, "bad dwell");
    expect_error("---\ntitle: a\n---\n本文《よみ\n", 4, "without closing");
    buf_t b = {0};
    buf_puts(&b, "---\ntitle: a\nqr: ");
    for (int i = 0; i < 4000; i++) buf_putc(&b, 'x');
    buf_puts(&b, "\n---\nbody\n");
    expect_error(b.data, 3, "too long");
    buf_free(&b);
}

static void test_images(void **state)
{
    (void)state;
    /* a 2x3 PNG header is enough for the probe; an enormous one is refused unread */
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                        0, 0, 0, 2, 0, 0, 0, 3, 8, 6, 0, 0, 0};
    unsigned char huge[sizeof png];
    memcpy(huge, png, sizeof png);
    huge[18] = 0x7f; /* width 0x7f0002 */
    char *img = path_join(dir, "img");
    {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "mkdir -p '%s'", img);
        assert_int_equal(system(cmd), 0);
    }
    free(tu_write(img, "ok.png", (const char *)png, sizeof png));
    free(tu_write(img, "huge.png", (const char *)huge, sizeof huge));
    free(tu_write(img, "junk.png", "not an image", 12));
    diag_list_t d = {0};
    panel_t *p = parse("---\ntitle: a\n---\n![図](img/ok.png)\n", &d);
    assert_non_null(p);
    assert_int_equal(p->blocks[0].kind, PANEL_BLOCK_IMAGE);
    assert_int_equal(p->blocks[0].img_w, 2);
    assert_int_equal(p->blocks[0].img_h, 3);
    assert_string_equal(p->blocks[0].alt, "図");
    panel_free(p);
    expect_error("---\ntitle: a\n---\n![x](img/huge.png)\n", 4, "dimensions too large");
    expect_error("---\ntitle: a\n---\n![x](img/junk.png)\n", 4, "not a PNG or JPEG");
    free(img);
}

static void test_deck_order_twins_and_ignored(void **state)
{
    (void)state;
    char *d2 = path_join(dir, "deck");
    char cmd[400];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/folder.md'", d2);
    assert_int_equal(system(cmd), 0);
    const char *ok = "---\ntitle: t\n---\nbody\n";
    free(tu_write(d2, "02-b.md", ok, strlen(ok)));
    free(tu_write(d2, "01-a.md", ok, strlen(ok)));
    free(tu_write(d2, "01-a.en.md", ok, strlen(ok)));
    free(tu_write(d2, "03-c.en.md", ok, strlen(ok)));
    free(tu_write(d2, "04-bad.md", "---\ntitle: t\nnope: 1\n---\nx\n", 26));
    /* an English twin whose Japanese panel is there but invalid: the curator is told the truth
     * (the Japanese file is invalid, reported at its own line), not sent looking for a file */
    const char *bad_layout = "---\ntitle: t\nlayout: nope\n---\nx\n";
    free(tu_write(d2, "08-half.md", bad_layout, strlen(bad_layout)));
    free(tu_write(d2, "08-half.en.md", ok, strlen(ok)));
    free(tu_write(d2, ".hidden.md", ok, strlen(ok)));
    free(tu_write(d2, "05-x.md.tmp", ok, strlen(ok)));
    free(tu_write(d2, "06-y.md~", ok, strlen(ok)));
    snprintf(cmd, sizeof cmd, "ln -sf /nonexistent '%s/07-dangling.md'", d2);
    assert_int_equal(system(cmd), 0);
    deck_t deck;
    diag_list_t dg = {0};
    deck_load(&deck, d2, NULL, &dg);
    assert_int_equal(deck.count, 2);
    assert_string_equal(deck.entries[0].stem, "01-a");
    assert_non_null(deck.entries[0].lang[1]);
    assert_string_equal(deck.entries[1].stem, "02-b");
    assert_null(deck.entries[1].lang[1]);
    assert_ptr_equal(deck_panel(&deck, 1, 1), deck.entries[1].lang[LANG_DEFAULT]); /* falls back to Japanese */
    const char *want[] = {"04-bad.md:3: unknown key", "folder.md: a folder", "07-dangling.md: dangling",
                          "03-c.en.md:1: en panel without its ja twin 03-c.md", "08-half.md:3: unknown layout",
                          "08-half.en.md:1: en panel not shown: its ja panel 08-half.md is invalid"};
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        bool f = false;
        for (int i = 0; i < dg.count; i++) f |= strstr(dg.items[i].text, want[k]) != NULL;
        if (!f) fail_msg("missing diagnostic '%s'", want[k]);
    }
    for (int i = 0; i < dg.count; i++)
        if (strstr(dg.items[i].text, "08-half") && strstr(dg.items[i].text, "without")) fail_msg("'%s'", dg.items[i].text);
    assert_int_equal(dg.count, 6);
    deck_free(&deck);
    diag_clear(&dg);
    free(d2);
}

static void test_bundled_content_is_clean(void **state)
{
    (void)state;
    deck_t deck;
    diag_list_t d = {0};
    deck_load(&deck, "content", NULL, &d);
    for (int i = 0; i < d.count; i++) fprintf(stderr, "%s\n", d.items[i].text);
    assert_int_equal(d.count, 0);
    assert_true(deck.count >= 10);
    for (int i = 0; i < deck.count; i++) assert_non_null(deck.entries[i].lang[1]);
    deck_free(&deck);
}

static int setup(void **s) { dir = tu_tmpdir(); return tu_fonts_up(s); }
static int teardown(void **s) { tu_rmrf(dir); free(dir); return tu_fonts_down(s); }

/* Twins in any language of the deck: NAME.TAG.md, tags matched as BCP 47 (case, zh-CN for
 * zh-Hans); a twin in a language the deck does not show is left out; a dotted name that is no
 * tag stays a panel of its own; missing twins are counted and named as warnings. */
static void test_twins_in_many_languages(void **state)
{
    (void)state;
    char *d = tu_tmpdir();
    const char *ok = "---\ntitle: t\n---\nbody\n";
    const char *names[] = {"01-a.md", "01-a.en.md", "01-a.zh-hans.md", "01-a.ko.md", "01-a.ja-x-easy.md", "01-a.fr.md",
                           "02-b.md", "02-b.zh-CN.md", "03-v1.2-notes.md"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) free(tu_write(d, names[i], ok, strlen(ok)));
    langset_t ls;
    diag_list_t dg = {0};
    assert_true(lang_set_parse(&ls, "ja, en, zh-Hans, zh-Hant, ko, ja-x-easy", "t", 1, &dg));
    deck_t deck;
    deck_load(&deck, d, &ls, &dg);
    assert_int_equal(dg.count, 0);
    assert_int_equal(deck.count, 3);
    assert_string_equal(deck.entries[2].stem, "03-v1.2-notes");
    const deck_entry_t *a = &deck.entries[0], *b = &deck.entries[1];
    assert_string_equal(a->lang[lang_find(&ls, "zh-Hans")]->path + strlen(d), "/01-a.zh-hans.md");
    assert_non_null(a->lang[lang_find(&ls, "ko")]);
    assert_non_null(a->lang[lang_find(&ls, "ja-x-easy")]);
    assert_null(a->lang[lang_find(&ls, "zh-Hant")]);
    assert_non_null(b->lang[lang_find(&ls, "zh-Hans")]);
    /* no zh-Hant twin: the first language's panel, which says it is Japanese */
    const panel_t *shown = deck_panel(&deck, 0, lang_find(&ls, "zh-Hant"));
    assert_ptr_equal(shown, a->lang[LANG_DEFAULT]);
    assert_int_equal(shown->lang, LANG_DEFAULT);
    /* 01-a lacks zh-Hant; 02-b lacks en, zh-Hant, ko, ja-x-easy; 03 lacks all five */
    diag_list_t warn = {0};
    assert_int_equal(deck_missing_twins(&deck, &warn), 1 + 4 + 5);
    bool named = false;
    for (int i = 0; i < warn.count; i++) named |= strstr(warn.items[i].text, "01-a.md: warning: no zh-Hant twin (01-a.zh-Hant.md)") != NULL;
    assert_true(named);
    diag_clear(&warn);
    deck_free(&deck);
    tu_rmrf(d);
    free(d);
}

/* An empty folder shows the built-in notice. It is annai's, not the curator's: --check must not
 * send the operator looking for notice.en.md or notice.zh-Hans.md. */
static void test_notice_misses_no_twins(void **state)
{
    (void)state;
    char *d = tu_tmpdir();
    langset_t ls;
    diag_list_t dg = {0};
    assert_true(lang_set_parse(&ls, "ja, en, zh-Hans", "t", 1, &dg));
    deck_t deck;
    deck_load(&deck, d, &ls, &dg);
    assert_int_equal(deck.count, 0);
    diag_clear(&dg);
    deck_notice(&deck, d);
    assert_true(deck_is_notice(&deck));
    diag_list_t warn = {0};
    assert_int_equal(deck_missing_twins(&deck, &warn), 0);
    assert_int_equal(warn.count, 0);
    /* a visitor who chose English still gets the notice (in its Japanese-and-English text) */
    assert_ptr_equal(deck_panel(&deck, 0, lang_find(&ls, "en")), deck.entries[0].lang[LANG_DEFAULT]);
    deck_free(&deck);
    tu_rmrf(d);
    free(d);
}

/* A panel number from before a reload that shrank the deck (the index, a remembered position)
 * gets no panel, never another panel's memory or a crash. */
static void test_panel_index_out_of_range(void **state)
{
    (void)state;
    char *d = tu_tmpdir();
    const char *ok = "---\ntitle: t\n---\nbody\n";
    free(tu_write(d, "01-a.md", ok, strlen(ok)));
    free(tu_write(d, "02-b.md", ok, strlen(ok)));
    deck_t deck;
    diag_list_t dg = {0};
    deck_load(&deck, d, NULL, &dg);
    assert_int_equal(dg.count, 0);
    assert_int_equal(deck.count, 2);
    assert_non_null(deck_panel(&deck, 1, LANG_DEFAULT));
    assert_null(deck_panel(&deck, 2, LANG_DEFAULT));
    assert_null(deck_panel(&deck, -1, LANG_DEFAULT));
    assert_null(deck_panel(&deck, 1 << 20, LANG_DEFAULT));
    deck_free(&deck);
    tu_rmrf(d);
    free(d);
}

/* Readings in a title (やさしい日本語 has them on every kanji): drawn as ruby, never as 《》;
 * the plain title (the index) has the base text only. */
static void test_title_readings(void **state)
{
    (void)state;
    const char *md = "---\ntitle: ｜科学《かがく》を 進《すす》めます\n---\nほんぶん\n";
    diag_list_t d = {0};
    panel_t *p = panel_parse("t.ja-x-easy.md", md, strlen(md), ".", &d);
    assert_non_null(p);
    assert_int_equal(d.count, 0);
    assert_string_equal(p->title, "科学を 進めます");
    assert_string_equal(p->tag, "ja-x-easy");
    int rubies = 0;
    for (int i = 0; i < p->title_block.nspans; i++) rubies += p->title_block.spans[i].ruby != NULL;
    assert_int_equal(rubies, 2);
    assert_int_equal(p->title_block.line, 2);
    dlist_t dl = {0};
    layout_panel(p, 1280, 720, &tu_m, &dl);
    int ga = 0; /* が is only in a reading (かがく) */
    for (int i = 0; i < dl.nglyphs; i++) {
        if (dl.glyphs[i].cp == 0x300A || dl.glyphs[i].cp == 0xFF5C) fail_msg("the title shows its ruby notation");
        ga += dl.glyphs[i].cp == 0x304C;
    }
    assert_int_equal(ga, 1);
    layout_dlist_free(&dl);
    panel_free(p);
}

/* Hot reload follows what the deck reads: an events file or heartbeat an operator keeps in the
 * content folder is written all the time and must not reload the deck every 2 s; panels,
 * kiosk.ini, the reading list, narration, pictures and transfers in progress count. */
static void test_signature_follows_the_deck(void **state)
{
    (void)state;
    char *folder = tu_tmpdir();
    free(tu_write(folder, "01-a.md", "---\ntitle: A\n---\nx\n", 20));
    uint64_t s0 = deck_signature(folder);
    free(tu_write(folder, "events.jsonl", "{}\n", 3));
    free(tu_write(folder, "heartbeat.json", "{}", 2));
    assert_true(deck_signature(folder) == s0);
    free(tu_write(folder, "events.jsonl", "{}\n{}\n", 6));
    assert_true(deck_signature(folder) == s0);
    const char *counted[] = {"02-b.md", "kiosk.ini", "furigana.txt", "01-a.ja.ogg", ".~tmp~", "x.md.tmp"};
    uint64_t prev = s0;
    for (size_t i = 0; i < sizeof counted / sizeof *counted; i++) {
        free(tu_write(folder, counted[i], "1", 1));
        uint64_t now = deck_signature(folder);
        if (now == prev) fail_msg("adding %s did not change the signature", counted[i]);
        prev = now;
    }
    char *img = path_join(folder, "img");
    assert_int_equal(mkdir(img, 0755), 0);
    prev = deck_signature(folder);
    free(tu_write(img, "photo.png", "png", 3));
    assert_true(deck_signature(folder) != prev);
    free(img);
    tu_rmrf(folder);
    free(folder);
}

/* One panel file's own checks (panel.c): the bytes, line ends, the name's language tag, which
 * panels may have no body, the cap on problems a file, and files that cannot be read. */
static void test_panel_file_edges(void **state)
{
    (void)state;
    /* the first bad byte decides the message and the line */
    next_len = 27;
    expect_error("---\ntitle: a\n---\nok\n\n\xff" "b\0c\n", 6, "invalid UTF-8");
    next_len = 26;
    expect_error("---\ntitle: a\n---\nok\n\0b\xff" "c\n", 5, "NUL byte");
    next_len = 1;
    expect_error("\0", 1, "NUL byte");
    /* a lone CR is text, CRLF a line end; a BOM alone is an empty file's start */
    diag_list_t d = {0};
    panel_t *p = parse("---\r\ntitle: a\rb\r\n---\r\n本\r\n文\n", &d);
    assert_non_null(p);
    assert_string_equal(p->title, "a\rb");
    assert_string_equal(p->blocks[0].spans[0].text, "本文");
    panel_free(p);
    expect_error("\xEF\xBB\xBF", 1, "missing title");
    assert_null(parse("\xEF\xBB\xBF", &d)); /* and nothing else: no stray U+FEFF panel text */
    assert_int_equal(d.count, 2);
    assert_non_null(strstr(d.items[1].text, "t.md:1: empty panel"));
    diag_clear(&d);
    expect_error("\n\xff", 2, "invalid UTF-8");
    /* CRLF in a code block: the lines as written, no CR shown */
    p = parse("---\r\ntitle: a\r\n---\r\n```\r\ncode\r\nmore\r\n```\r\n", &d);
    assert_non_null(p);
    assert_string_equal(p->blocks[0].spans[0].text, "code\nmore\n");
    panel_free(p);
    expect_error("\xEF\xBB", 1, "invalid UTF-8");
    /* NAME.TAG.md: the tag when it is one, else part of the name */
    static const struct { const char *path, *stem, *tag; } names[] = {
        {"c/01-a.md", "01-a", NULL}, {"c/01-a.en.md", "01-a", "en"}, {"c/01-a.zh-Hant.md", "01-a", "zh-Hant"},
        {"c/v1.2.md", "v1.2", NULL}, {".en.md", ".en", NULL}, {"c/a.b.c.md", "a.b.c", NULL}, {"c/x.ja-x-easy.md", "x", "ja-x-easy"},
        {"c/notes", "notes", NULL}, {"c/.md", ".md", NULL},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const char *md = "---\ntitle: t\n---\nx\n";
        p = panel_parse(names[i].path, md, strlen(md), dir, &d);
        assert_non_null(p);
        assert_string_equal(p->stem, names[i].stem);
        if (names[i].tag) assert_string_equal(p->tag, names[i].tag);
        else assert_null(p->tag);
        panel_free(p);
    }
    /* a title panel or a QR code needs no body; any other panel does */
    p = parse("---\ntitle: 表紙\nlayout: title\n---\n", &d);
    assert_non_null(p);
    assert_int_equal(p->nblocks, 0);
    panel_free(p);
    p = parse("---\ntitle: t\nqr: https://example.org\n---\n", &d);
    assert_non_null(p);
    assert_true(p->qr_size > 0);
    panel_free(p);
    expect_error("---\ntitle: t\nlayout: cards\n---\n\n\n", 5, "empty panel: no text after the front matter");
    expect_error("no front matter, no title\n", 1, "missing title");
    assert_int_equal(d.count, 0);
    /* a file of many mistakes: the first 20 and how many more */
    buf_t b = {0};
    buf_puts(&b, "---\ntitle: t\n");
    for (int i = 0; i < 25; i++) buf_puts(&b, "bad: 1\n");
    buf_puts(&b, "---\nx\n");
    assert_null(parse(b.data, &d));
    assert_int_equal(d.count, CONTENT_MAX_FILE_DIAGS + 1);
    assert_non_null(strstr(d.items[CONTENT_MAX_FILE_DIAGS - 1].text, "t.md:22: unknown key 'bad'"));
    assert_non_null(strstr(d.items[CONTENT_MAX_FILE_DIAGS].text, "t.md: 5 more problems in this file"));
    /* the next file of a deck counts its own problems, not the ones before it */
    assert_null(parse(b.data, &d));
    assert_int_equal(d.count, 2 * (CONTENT_MAX_FILE_DIAGS + 1));
    assert_non_null(strstr(d.items[2 * CONTENT_MAX_FILE_DIAGS + 1].text, "t.md: 5 more problems in this file"));
    diag_clear(&d);
    buf_free(&b);
    b = (buf_t){0};
    buf_puts(&b, "---\ntitle: t\n");
    for (int i = 0; i < CONTENT_MAX_FILE_DIAGS; i++) buf_puts(&b, "bad: 1\n");
    buf_puts(&b, "---\nx\n");
    assert_null(parse(b.data, &d));
    assert_int_equal(d.count, CONTENT_MAX_FILE_DIAGS); /* exactly 20: no "more" line */
    diag_clear(&d);
    buf_free(&b);
    /* files: an empty one, one that is not there */
    char *empty = tu_write(dir, "empty.md", "", 0);
    assert_null(panel_load(empty, dir, &d));
    assert_int_equal(d.count, 1);
    assert_non_null(strstr(d.items[0].text, "empty.md: empty file"));
    diag_clear(&d);
    char *none = path_join(dir, "none.md");
    assert_null(panel_load(none, dir, &d));
    assert_int_equal(d.count, 1);
    assert_non_null(strstr(d.items[0].text, "none.md: "));
    diag_clear(&d);
    const char *good_md = "---\ntitle: 良い\n---\n本文\n";
    char *good = tu_write(dir, "good.md", good_md, strlen(good_md));
    p = panel_load(good, dir, &d);
    assert_non_null(p);
    assert_string_equal(p->title, "良い");
    assert_int_equal(p->layout, PANEL_TEXT);
    assert_int_equal(d.count, 0);
    panel_free(p);
    free(empty); free(none); free(good);
    assert_string_equal(panel_layout_name(PANEL_TITLE), "title");
    assert_string_equal(panel_layout_name(PANEL_CARDS), "cards");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_twins_in_many_languages),
        cmocka_unit_test(test_notice_misses_no_twins),
        cmocka_unit_test(test_panel_index_out_of_range),
        cmocka_unit_test(test_title_readings),
        cmocka_unit_test(test_constructs),
        cmocka_unit_test(test_bom_and_crlf_are_valid),
        cmocka_unit_test(test_long_japanese_front_matter_value),
        cmocka_unit_test(test_errors_at_their_line),
        cmocka_unit_test(test_images),
        cmocka_unit_test(test_deck_order_twins_and_ignored),
        cmocka_unit_test(test_bundled_content_is_clean),
        cmocka_unit_test(test_signature_follows_the_deck),
        cmocka_unit_test(test_panel_file_edges),
    };
    return cmocka_run_group_tests_name("content", tests, setup, teardown);
}
