/* The engine's cache of laid-out panels: bounded however large the deck, and what it lays out
 * again is what it laid out before. */
#include "testutil.h"
#include "annai/engine.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_cache_is_bounded),
        cmocka_unit_test(test_faces_open_on_first_use),
    };
    return cmocka_run_group_tests_name("engine", tests, tu_fonts_up, tu_fonts_down);
}
