/* The engine's cache of laid-out panels: bounded however large the deck, and what it lays out
 * again is what it laid out before. */
#include "testutil.h"
#include "annai/engine.h"
#include <malloc.h>

static void test_layout_cache_is_bounded(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    for (int i = 0; i < 200; i++) {
        char name[32], md[160];
        snprintf(name, sizeof name, "%03d-p.md", i);
        int n = snprintf(md, sizeof md, "---\ntitle: 第%d\n---\n地域の科学技術の振興、その%d。\n", i, i);
        free(tu_write(dir, name, md, (size_t)n));
        snprintf(name, sizeof name, "%03d-p.en.md", i);
        n = snprintf(md, sizeof md, "---\ntitle: No. %d\n---\nRegional science and technology, part %d.\n", i, i);
        free(tu_write(dir, name, md, (size_t)n));
    }
    config_t cfg;
    engine_t e;
    diag_list_t d = {0};
    tu_engine_open(&e, &cfg, dir, &d);
    engine_set_size(&e, 1280, 720);
    char *first = mem_strdup(engine_panel(&e, 0, LANG_DEFAULT)->lines[1].text);
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < e.deck.count; i++)
            for (int l = 0; l < engine_nlangs(&e); l++) {
                const dlist_t *a = engine_panel(&e, i, (lang_t)l);
                const dlist_t *b = engine_panel(&e, (i + 1) % e.deck.count, (lang_t)l); /* a transition's pair */
                assert_true(a->nlines > 0 && b->nlines > 0);                        /* a is still there */
                assert_true(e.nlaid <= ENGINE_MAX_LAID);
            }
    assert_string_equal(engine_panel(&e, 0, LANG_DEFAULT)->lines[1].text, first); /* laid out again, the same */
    free(first);
    engine_close(&e);
    free(cfg.content_dir);
    diag_clear(&d);
    tu_rmrf(dir);
    free(dir);
}

/* A language nobody selects costs nothing: its face is opened when one of its panels is first
 * laid out, not before; and a panel without a twin is set in its own language's face. */
static void test_faces_open_on_first_use(void **state)
{
    (void)state;
    config_t cfg;
    engine_t e;
    diag_list_t d = {0};
    config_defaults(&cfg);
    assert_true(lang_set_parse(&cfg.langs, "ja, en, zh-Hans, zh-Hant, ko, ja-x-easy", "t", 0, &d));
    cfg.content_dir = mem_strdup("tests/data/langs");
    assert_int_equal(engine_open(&e, &cfg, "fonts", &d), 0);
    lang_t zh = lang_find(&cfg.langs, "zh-Hans"), ko = lang_find(&cfg.langs, "ko");
    assert_true(e.faces[zh] > FONTS_FACE_BOLD && e.faces[ko] > FONTS_FACE_BOLD);
    assert_int_equal(e.faces[lang_find(&cfg.langs, "ja-x-easy")], FONTS_FACE_REGULAR); /* the bundled face */
    engine_panel(&e, 0, LANG_DEFAULT);
    engine_panel(&e, 0, 1);
    assert_false(fonts_face_is_open(e.fonts, e.faces[zh]));
    assert_false(fonts_face_is_open(e.fonts, e.faces[ko]));
    const dlist_t *dl = engine_panel(&e, 0, zh);
    assert_true(fonts_face_is_open(e.fonts, e.faces[zh]));
    assert_false(fonts_face_is_open(e.fonts, e.faces[ko]));
    for (int i = 0; i < dl->nglyphs; i++) assert_true(dl->glyphs[i].face >= e.faces[zh]); /* all in the SC face */
    /* headings by the language's own BudouX model: zh-hans for Chinese, ja shared by ja-x-easy */
    assert_non_null(engine_metrics(&e, zh)->phrase);
    assert_ptr_not_equal(engine_metrics(&e, zh)->phrase, engine_metrics(&e, LANG_DEFAULT)->phrase);
    assert_ptr_equal(engine_metrics(&e, lang_find(&cfg.langs, "ja-x-easy"))->phrase, engine_metrics(&e, LANG_DEFAULT)->phrase);
    assert_null(engine_metrics(&e, ko)->phrase);
    int n = dl->nglyphs;
    float last_x = dl->glyphs[n - 1].x;
    /* Korean on screen: the Chinese faces close, and open again as they were when next needed */
    engine_focus_lang(&e, ko);
    assert_false(fonts_face_is_open(e.fonts, e.faces[zh]));
    engine_set_size(&e, 1280, 720); /* laid out again */
    engine_set_size(&e, 1920, 1080);
    dl = engine_panel(&e, 0, zh); /* measured from the kept advances: still closed */
    assert_int_equal(dl->nglyphs, n);
    assert_true(dl->glyphs[n - 1].x == last_x);
    atlas_t *a = atlas_create(NULL, e.fonts); /* rasterising opens it again */
    assert_non_null(atlas_get(a, dl->glyphs[n - 2].face, dl->glyphs[n - 2].px, dl->glyphs[n - 2].cp));
    assert_true(fonts_face_is_open(e.fonts, e.faces[zh]));
    atlas_destroy(a);
    assert_int_equal(e.font_diags.count, 0);
    engine_close(&e);
    config_free(&cfg);
    diag_clear(&d);
}


/* --check's reading list report: each kanji word of a Japanese panel that furigana.txt has no
 * reading for, once, at its own line, title included; none (and no ふりがな button) for a deck
 * without a list. */
static void test_check_furigana(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    const char *md = "---\ntitle: 科学の振興\n---\n地域の技術。\n\n新しい研究。\n";
    free(tu_write(dir, "01-a.md", md, strlen(md)));
    config_t cfg;
    engine_t e;
    diag_list_t d = {0};
    tu_engine_open(&e, &cfg, dir, &d);
    assert_int_equal(d.count, 0);
    assert_false(e.has_furigana); /* no list: the button is not offered, nothing to report */
    assert_int_equal(engine_check_furigana(&e, &d), 0);
    assert_int_equal(d.count, 0);
    const char *list = "科学 かがく\n地域 ちいき\n技術 ぎじゅつ\n新 あたら\n";
    free(tu_write(dir, "furigana.txt", list, strlen(list)));
    engine_load_furigana(&e, dir, &d);
    assert_int_equal(d.count, 0);
    assert_true(e.has_furigana);
    assert_int_equal(engine_check_furigana(&e, &d), 2);
    assert_int_equal(d.count, 2);
    char want[2][512];
    snprintf(want[0], sizeof want[0], "%s/01-a.md:1: no reading for '振興' in furigana.txt (the ふりがな button shows none)", dir);
    snprintf(want[1], sizeof want[1], "%s/01-a.md:6: no reading for '研究' in furigana.txt (the ふりがな button shows none)", dir);
    assert_string_equal(d.items[0].text, want[0]);
    assert_string_equal(d.items[1].text, want[1]);
    diag_clear(&d);
    /* an empty list is a list: the button is offered, and every word is reported */
    free(tu_write(dir, "furigana.txt", "", 0));
    engine_load_furigana(&e, dir, &d);
    assert_true(e.has_furigana);
    assert_int_equal(engine_check_furigana(&e, &d), 6);
    diag_clear(&d);
    engine_close(&e);
    free(cfg.content_dir);
    tu_rmrf(dir);
    free(dir);
}

/* A deck whose first language is Chinese sets its panels in the Chinese face (the glyph forms
 * differ from the Japanese ones), not the bundled Japanese one. */
static void test_first_language_face(void **state)
{
    (void)state;
    config_t cfg;
    engine_t e;
    diag_list_t d = {0};
    config_defaults(&cfg);
    assert_true(lang_set_parse(&cfg.langs, "zh-Hans, ja", "t", 0, &d));
    cfg.content_dir = mem_strdup("tests/data/langs");
    assert_int_equal(engine_open(&e, &cfg, "fonts", &d), 0);
    assert_true(e.faces[0] > FONTS_FACE_BOLD);
    assert_int_equal(e.faces[1], FONTS_FACE_REGULAR);
    const dlist_t *dl = engine_panel(&e, 0, LANG_DEFAULT);
    assert_true(dl->nglyphs > 0);
    for (int i = 0; i < dl->nglyphs; i++) assert_true(dl->glyphs[i].face >= e.faces[0]);
    dl = engine_panel(&e, 0, 1); /* no Japanese twin: the first language's panel, in its face */
    for (int i = 0; i < dl->nglyphs; i++) assert_true(dl->glyphs[i].face >= e.faces[0]);
    engine_close(&e);
    config_free(&cfg);
    diag_clear(&d);
}

/* A deck of as many languages as one can have: every language's panel laid out in its face;
 * a language the deck does not have (a stale choice, a bad index) gets the first language's
 * panel and metrics, not a crash. */
static void test_every_language_slot(void **state)
{
    (void)state;
    config_t cfg;
    engine_t e;
    diag_list_t d = {0};
    config_defaults(&cfg);
    assert_true(lang_set_parse(&cfg.langs, "ja, en, zh-Hans, zh-Hant, ko, ja-x-easy, de, fr", "t", 0, &d));
    assert_int_equal(cfg.langs.n, LANG_MAX);
    cfg.content_dir = mem_strdup("tests/data/langs");
    assert_int_equal(engine_open(&e, &cfg, "fonts", &d), 0);
    for (int l = 0; l < LANG_MAX; l++) {
        const dlist_t *dl = engine_panel(&e, 0, (lang_t)l);
        assert_true(dl->nlines > 0);
        assert_non_null(engine_metrics(&e, (lang_t)l));
    }
    const metrics_t *first = engine_metrics(&e, LANG_DEFAULT);
    assert_ptr_equal(engine_metrics(&e, (lang_t)-1), first);
    assert_ptr_equal(engine_metrics(&e, (lang_t)LANG_MAX), first);
    assert_ptr_equal(engine_panel(&e, 0, (lang_t)-1), engine_panel(&e, 0, LANG_DEFAULT));
    assert_ptr_equal(engine_panel(&e, 0, (lang_t)LANG_MAX), engine_panel(&e, 0, LANG_DEFAULT));
    assert_null(engine_panel(&e, -1, LANG_DEFAULT));
    assert_null(engine_panel(&e, e.deck.count, LANG_DEFAULT));
    /* the Korean panel keeps its face open while shown; an unknown language keeps the first's */
    lang_t ko = lang_find(&cfg.langs, "ko");
    engine_focus_lang(&e, ko);
    assert_true(fonts_face_is_open(e.fonts, e.faces[ko]));
    engine_focus_lang(&e, (lang_t)-1);
    engine_focus_lang(&e, (lang_t)LANG_MAX);
    assert_false(fonts_face_is_open(e.fonts, e.faces[ko]));
    engine_close(&e);
    config_free(&cfg);
    diag_clear(&d);
}

/* A content folder with no panel: one message for the operator, on the folder, with no line
 * number (there is no line), and the built-in notice shown. */
static void test_empty_folder(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    config_t cfg;
    engine_t e;
    diag_list_t d = {0};
    tu_engine_open(&e, &cfg, dir, &d);
    assert_int_equal(d.count, 1);
    char want[512];
    snprintf(want, sizeof want, "%s: no panels: add NN-name.md files (see README)", dir);
    assert_string_equal(d.items[0].text, want);
    assert_int_equal(e.problems, 0);
    assert_true(deck_is_notice(&e.deck));
    assert_true(engine_panel(&e, 0, LANG_DEFAULT)->nlines > 0);
    engine_close(&e);
    free(cfg.content_dir);
    diag_clear(&d);
    /* a folder whose only panel is broken: its problem, counted, and no second message */
    const char *bad = "---\ntitle: \n---\n";
    free(tu_write(dir, "01-a.md", bad, strlen(bad)));
    tu_engine_open(&e, &cfg, dir, &d);
    assert_true(d.count >= 1);
    assert_int_equal(e.problems, d.count);
    for (int i = 0; i < d.count; i++) assert_null(strstr(d.items[i].text, "no panels"));
    engine_close(&e);
    free(cfg.content_dir);
    diag_clear(&d);
    tu_rmrf(dir);
    free(dir);
}


/* The problems counted for the operator are the content's own, not the configuration's that
 * were reported before the deck was read (a kiosk.ini warning is no content problem). */
static void test_problems_are_the_decks(void **state)
{
    (void)state;
    config_t cfg;
    engine_t e;
    diag_list_t d = {0};
    diag_add(&d, "kiosk.ini", 3, "unknown key 'x'");
    tu_engine_open(&e, &cfg, "tests/data/langs", &d);
    assert_int_equal(e.problems, 0);
    assert_int_equal(d.count, 1);
    engine_close(&e);
    free(cfg.content_dir);
    diag_clear(&d);
}

/* A [fonts] face that cannot be opened is told to the operator when its language is first
 * shown, and the panel is still shown (in the bundled face). */
static void test_missing_font_reported(void **state)
{
    (void)state;
    config_t cfg;
    engine_t e;
    diag_list_t d = {0};
    config_defaults(&cfg);
    assert_true(lang_set_parse(&cfg.langs, "ja, ko", "t", 0, &d));
    snprintf(cfg.fonts[0].tag, sizeof cfg.fonts[0].tag, "ko");
    cfg.fonts[0].spec = mem_strdup("/nonexistent/annai-ko.otf");
    cfg.nfonts = 1;
    cfg.content_dir = mem_strdup("tests/data/langs");
    assert_int_equal(engine_open(&e, &cfg, "fonts", &d), 0);
    assert_int_equal(e.font_diags.count, 0); /* not before it is needed */
    const dlist_t *dl = engine_panel(&e, 0, 1);
    assert_true(dl->nlines > 0);
    assert_int_equal(e.font_diags.count, 2); /* regular and bold */
    assert_non_null(strstr(e.font_diags.items[0].text, "/nonexistent/annai-ko.otf"));
    assert_non_null(strstr(e.font_diags.items[0].text, "[fonts]"));
    engine_close(&e);
    config_free(&cfg);
    diag_clear(&d);
}

/* Months unattended: opening and closing the engine (a reload of everything) and laying panels
 * out again with readings (every ふりがな press) leave nothing allocated behind. */
static void test_nothing_left_allocated(void **state)
{
    (void)state;
    size_t mark = 0;
    for (int round = 0; round < 5; round++) {
        config_t cfg;
        engine_t e;
        diag_list_t d = {0};
        tu_engine_open(&e, &cfg, "content", &d);
        assert_true(e.has_furigana);
        engine_set_variant(&e, ENGINE_V_FURIGANA);
        for (int k = 0; k < 20; k++) {
            for (int i = 0; i < e.deck.count; i++) assert_true(engine_panel(&e, i, LANG_DEFAULT)->nlines > 0);
            engine_set_variant(&e, k % 2 ? ENGINE_V_FURIGANA : ENGINE_V_FURIGANA | ENGINE_V_CONTRAST);
        }
        engine_close(&e);
        free(cfg.content_dir);
        diag_clear(&d);
        size_t now = mallinfo2().uordblks;
        if (round == 1) mark = now; /* the first rounds fill the libraries' own caches */
        /* the libraries keep a few KB of caches more a round (valgrind: none lost); a leak of
         * one span a block is ~60 KB a round, the first language's BudouX model ~85 KB */
        if (round == 4 && now > mark + 48 * 1024) fail_msg("%zu bytes more allocated after 3 more rounds", now - mark);
    }
}


/* Readings go over every Japanese panel, やさしい日本語 ones too (the list fills the readings its
 * author left out), and over no other language's. */
static void test_readings_over_japanese_panels(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    const char *ja = "---\ntitle: 地域\n---\n地域の科学技術。\n", *easy = "---\ntitle: ちいき\n---\n地域の　はなし。\n",
               *en = "---\ntitle: Region\n---\nScience in the region.\n", *list = "地域 ちいき\n科学 かがく\n技術 ぎじゅつ\n";
    free(tu_write(dir, "01-a.md", ja, strlen(ja)));
    free(tu_write(dir, "01-a.ja-x-easy.md", easy, strlen(easy)));
    free(tu_write(dir, "01-a.en.md", en, strlen(en)));
    free(tu_write(dir, "furigana.txt", list, strlen(list)));
    config_t cfg;
    engine_t e;
    diag_list_t d = {0};
    config_defaults(&cfg);
    assert_true(lang_set_parse(&cfg.langs, "ja, ja-x-easy, en", "t", 0, &d));
    cfg.content_dir = mem_strdup(dir);
    assert_int_equal(engine_open(&e, &cfg, "fonts", &d), 0);
    assert_true(e.has_furigana);
    int plain[3];
    for (int l = 0; l < 3; l++) plain[l] = engine_panel(&e, 0, (lang_t)l)->nglyphs;
    engine_set_variant(&e, ENGINE_V_FURIGANA);
    for (int l = 0; l < 3; l++) {
        int with = engine_panel(&e, 0, (lang_t)l)->nglyphs;
        if (l < 2 && with <= plain[l]) fail_msg("language %d: no readings drawn (%d glyphs, %d without)", l, with, plain[l]);
        if (l == 2) assert_int_equal(with, plain[l]);
    }
    engine_close(&e);
    config_free(&cfg);
    diag_clear(&d);
    tu_rmrf(dir);
    free(dir);
}

static int min_glyph_px(const dlist_t *dl)
{
    int m = 1 << 30;
    for (int i = 0; i < dl->nglyphs; i++) m = dl->glyphs[i].px < m ? dl->glyphs[i].px : m;
    return m;
}

/* Larger text is 1.4x the everyday size: on a small screen, where a long panel's everyday text
 * was set smaller to fit, larger text does not start from that smaller size (it scrolls). */
static void test_larger_text_from_the_everyday_size(void **state)
{
    (void)state;
    static const int screens[][2] = {{800, 480}, {480, 800}};
    for (int s = 0; s < 2; s++) {
        config_t c1, c2;
        engine_t n, l;
        diag_list_t d = {0};
        tu_engine_open(&n, &c1, "content", &d);
        tu_engine_open(&l, &c2, "content", &d);
        engine_set_size(&n, screens[s][0], screens[s][1]);
        engine_set_size(&l, screens[s][0], screens[s][1]);
        engine_set_variant(&l, ENGINE_V_LARGE);
        int shrunk = 0;
        for (int i = 0; i < n.deck.count; i++) {
            const dlist_t *a = engine_panel(&n, i, LANG_DEFAULT), *b = engine_panel(&l, i, LANG_DEFAULT);
            if (a->scale >= 0.99f) continue;
            shrunk++;
            float want = 1.4f * (float)min_glyph_px(a) / a->scale;
            if ((float)min_glyph_px(b) < want - 2)
                fail_msg("%dx%d panel %d: larger text %d px, 1.4x the everyday size is %.0f", screens[s][0], screens[s][1], i + 1,
                         min_glyph_px(b), want);
        }
        assert_true(shrunk > 0);
        engine_close(&n);
        engine_close(&l);
        free(c1.content_dir);
        free(c2.content_dir);
        diag_clear(&d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_cache_is_bounded),
        cmocka_unit_test(test_faces_open_on_first_use),
        cmocka_unit_test(test_check_furigana),
        cmocka_unit_test(test_first_language_face),
        cmocka_unit_test(test_every_language_slot),
        cmocka_unit_test(test_empty_folder),
        cmocka_unit_test(test_problems_are_the_decks),
        cmocka_unit_test(test_nothing_left_allocated),
        cmocka_unit_test(test_readings_over_japanese_panels),
        cmocka_unit_test(test_larger_text_from_the_everyday_size),
        cmocka_unit_test(test_missing_font_reported),
    };
    return cmocka_run_group_tests_name("engine", tests, tu_fonts_up, tu_fonts_down);
}
