/* Which recording a visitor hears: NAME.TAG.ogg (or .opus) next to the panel, in the language
 * on screen; none for a panel without one; a change of panel or language stops it. */
#define _DEFAULT_SOURCE
#include "testutil.h"
#include "annai/narration.h"

static void touch(const char *dir, const char *name) { free(tu_write(dir, name, "x", 1)); }

static void test_found_by_panel_and_language(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    touch(dir, "02-background.en.ogg");
    touch(dir, "03-direction.ja.opus");
    touch(dir, "04-mext.ja.ogg");
    touch(dir, "04-mext.ja.opus");
    narration_t n;
    narration_init(&n, 0.8);
    assert_false(narration_available(&n));
    narration_find(&n, 1, 1, dir, "02-background", "en");
    assert_true(narration_available(&n));
    assert_non_null(strstr(n.path, "02-background.en.ogg"));
    narration_find(&n, 1, 0, dir, "02-background", "ja"); /* the Japanese one is missing */
    assert_false(narration_available(&n));
    narration_find(&n, 2, 0, dir, "03-direction", "ja");
    assert_non_null(strstr(n.path, "03-direction.ja.opus"));
    narration_find(&n, 3, 0, dir, "04-mext", "ja"); /* both: Ogg Vorbis first */
    assert_non_null(strstr(n.path, "04-mext.ja.ogg"));
    narration_find(&n, -1, 0, dir, NULL, "ja"); /* no panel */
    assert_false(narration_available(&n));
    char err[256] = "";
    assert_int_equal(narration_play(&n, err, sizeof err), NARRATION_NONE); /* the last one found does not play */
    assert_false(n.playing);
    narration_destroy(&n);
    tu_rmrf(dir);
    free(dir);
}

/* The folder is not read per frame: only when the panel or the language changed (or the deck). */
static void test_looked_up_on_change_only(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    narration_t n;
    narration_init(&n, 1);
    narration_find(&n, 0, 0, dir, "01-title", "ja");
    assert_false(narration_available(&n));
    touch(dir, "01-title.ja.ogg");
    narration_find(&n, 0, 0, dir, "01-title", "ja");
    assert_false(narration_available(&n)); /* the same panel: not looked up again */
    narration_forget(&n);                  /* a reload */
    narration_find(&n, 0, 0, dir, "01-title", "ja");
    assert_true(narration_available(&n));
    narration_find(&n, 0, 1, dir, "01-title", "en");
    assert_false(narration_available(&n));
    narration_destroy(&n);
    tu_rmrf(dir);
    free(dir);
}

static void test_stops_elsewhere_and_nothing_to_play(void **state)
{
    (void)state;
    narration_t n;
    narration_init(&n, 1);
    char err[256] = "";
    assert_int_equal(narration_play(&n, err, sizeof err), NARRATION_NONE);
    assert_false(n.playing);
    assert_false(narration_stop(&n));
    assert_false(narration_ended(&n));
    assert_true(narration_deadline(&n) == INT64_MAX);
    n.index = 3;
    n.lang = 1;
    assert_false(narration_elsewhere(&n, 4, 1)); /* nothing plays: nothing to stop */
    n.playing = true;
    assert_true(narration_deadline(&n) == NARRATION_POLL_MS);
    assert_false(narration_elsewhere(&n, 3, 1));
    assert_true(narration_elsewhere(&n, 4, 1));
    assert_true(narration_elsewhere(&n, 3, 0));
    n.playing = false;
}

/* The bundled test tone through SDL's dummy audio driver: it plays, and ends by itself. */
static void test_plays_and_ends(void **state)
{
    (void)state;
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    char *dir = tu_tmpdir();
    char *src = realpath("tests/data/tone.ogg", NULL), *dst = path_join(dir, "01-title.ja.ogg");
    assert_int_equal(symlink(src, dst), 0);
    narration_t n;
    narration_init(&n, 0.5);
    narration_find(&n, 0, 0, dir, "01-title", "ja");
    char err[256] = "";
    narration_result_t r = narration_play(&n, err, sizeof err);
    if (r == NARRATION_FAILED) { /* no audio at all on this machine: said, and nothing plays */
        assert_true(err[0] != 0);
        assert_false(n.playing);
    } else {
        assert_int_equal(r, NARRATION_PLAYING);
        assert_true(n.playing);
        assert_false(narration_ended(&n));
        assert_true(narration_stop(&n));
        assert_false(n.playing);
        assert_int_equal(narration_play(&n, err, sizeof err), NARRATION_PLAYING);
        for (int i = 0; i < 400 && !narration_ended(&n); i++) usleep(10000); /* 1.0 s tone */
        assert_false(n.playing);
    }
    narration_destroy(&n);
    free(src);
    free(dst);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_found_by_panel_and_language),
        cmocka_unit_test(test_looked_up_on_change_only),
        cmocka_unit_test(test_stops_elsewhere_and_nothing_to_play),
        cmocka_unit_test(test_plays_and_ends),
    };
    return cmocka_run_group_tests_name("narration", tests, NULL, NULL);
}
