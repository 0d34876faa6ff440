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
    char *first = xstrdup(engine_panel(&e, 0, LANG_JA)->lines[1].text);
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < e.deck.count; i++)
            for (int l = 0; l < LANG_COUNT; l++) {
                const dlist_t *a = engine_panel(&e, i, (lang_t)l);
                const dlist_t *b = engine_panel(&e, (i + 1) % e.deck.count, (lang_t)l); /* a transition's pair */
                assert_true(a->nlines > 0 && b->nlines > 0);                        /* a is still there */
                assert_true(e.nlaid <= ENGINE_MAX_LAID);
            }
    assert_string_equal(engine_panel(&e, 0, LANG_JA)->lines[1].text, first); /* laid out again, the same */
    free(first);
    engine_close(&e);
    free(cfg.content_dir);
    diag_clear(&d);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_cache_is_bounded),
    };
    return cmocka_run_group_tests_name("engine", tests, tu_fonts_up, tu_fonts_down);
}
