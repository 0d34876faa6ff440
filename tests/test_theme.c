/* theme: the type scale a visitor reads at any screen size: proportional to the short side,
 * never below the legible minimum, the same in either orientation, larger text on request. */
#include "testutil.h"
#include "annai/theme.h"

static void test_scale_follows_the_short_side(void **state)
{
    (void)state;
    theme_t t, p;
    theme_for(&t, 1920, 1080);
    assert_float_equal(t.unit, 10.8, 1e-4);
    assert_float_equal(t.margin, 6 * 10.8, 1e-3);
    assert_float_equal(t.body_px, 4.6 * 10.8, 1e-3); /* ~50 px body text at 1080p */
    assert_float_equal(t.min_px, 3 * 10.8, 1e-3);
    assert_float_equal(t.title_px, 7 * 10.8, 1e-3);
    assert_float_equal(t.h2_px, 5.4 * 10.8, 1e-3);
    assert_float_equal(t.h3_px, 4.9 * 10.8, 1e-3);
    assert_float_equal(t.chrome_h, 13 * 10.8, 1e-3);
    assert_true(t.title_px > t.h2_px && t.h2_px > t.h3_px && t.h3_px > t.body_px && t.body_px > t.min_px);
    theme_for(&p, 1080, 1920); /* turned a quarter: the same sizes */
    assert_memory_equal(&t, &p, sizeof t);
    theme_for(&p, 3840, 2160);
    assert_float_equal(p.body_px, 2 * t.body_px, 1e-3);
}

static void test_small_screens_keep_16_px(void **state)
{
    (void)state;
    theme_t t;
    theme_for(&t, 800, 480); /* 3% of 480 is 14.4 px: too small to read */
    assert_float_equal(t.min_px, 16.0, 1e-4);
    theme_for(&t, 534, 534); /* 16.02 px: the proportion wins again */
    assert_float_equal(t.min_px, 3 * 5.34, 1e-3);
}

static void test_larger_text(void **state)
{
    (void)state;
    theme_t t, k;
    theme_for(&t, 1920, 1080);
    theme_for_scaled(&k, 1920, 1080, 1.4f);
    assert_float_equal(k.body_px, t.body_px * 1.4, 1e-3);
    assert_float_equal(k.min_px, t.min_px * 1.4, 1e-3);
    assert_float_equal(k.title_px, t.title_px * 1.4, 1e-3);
    assert_float_equal(k.h2_px, t.h2_px * 1.4, 1e-3);
    assert_float_equal(k.h3_px, t.h3_px * 1.4, 1e-3);
    /* the page itself does not grow: margins and the bar stay */
    assert_float_equal(k.margin, t.margin, 1e-4);
    assert_float_equal(k.chrome_h, t.chrome_h, 1e-4);
    theme_for_scaled(&k, 800, 480, 1.4f);
    assert_float_equal(k.min_px, 16 * 1.4, 1e-3);
    theme_for_scaled(&k, 1920, 1080, 0); /* unset: the theme's sizes */
    assert_memory_equal(&k, &t, sizeof t);
    theme_for_scaled(&k, 1920, 1080, -2);
    assert_memory_equal(&k, &t, sizeof t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scale_follows_the_short_side),
        cmocka_unit_test(test_small_screens_keep_16_px),
        cmocka_unit_test(test_larger_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
