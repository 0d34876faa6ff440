/* Every colour pair the screen draws, in each theme, against the contrast it promises: body
 * text AAA (7:1) always; in high contrast 15:1 for all text and 4.5:1 for every control. */
#include "testutil.h"
#include "annai/palette.h"

static void test_everyday_theme(void **state)
{
    (void)state;
    int n;
    const palette_pair_t *pairs = palette_pairs(&n);
    const palette_t *p = palette_get(PALETTE_NORMAL);
    for (int i = 0; i < n; i++) {
        double r = palette_contrast(palette_colour(p, pairs[i].fg), palette_colour(p, pairs[i].bg));
        bool accent = strstr(pairs[i].what, "accent") != NULL; /* large headings; fields darkened by layout */
        double need = pairs[i].kind == PALETTE_PAIR_CONTROL ? (strstr(pairs[i].what, "inactive") ? 2.5 : 3.0)
                      : accent ? 4.5 : PALETTE_TEXT_MIN;
        if (r < need) fail_msg("%s: %s is %.2f:1, needs %.1f", p->name, pairs[i].what, r, need);
    }
}

static void test_high_contrast_theme(void **state)
{
    (void)state;
    int n;
    const palette_pair_t *pairs = palette_pairs(&n);
    const palette_t *p = palette_get(PALETTE_HIGH_CONTRAST);
    int text = 0, control = 0;
    for (int i = 0; i < n; i++) {
        double r = palette_contrast(palette_colour(p, pairs[i].fg), palette_colour(p, pairs[i].bg));
        double need = pairs[i].kind == PALETTE_PAIR_TEXT ? PALETTE_HC_TEXT_MIN : PALETTE_HC_CONTROL_MIN;
        if (r < need) fail_msg("%s: %s is %.2f:1, needs %.1f", p->name, pairs[i].what, r, need);
        text += pairs[i].kind == PALETTE_PAIR_TEXT;
        control += pairs[i].kind == PALETTE_PAIR_CONTROL;
    }
    assert_true(text >= 8 && control >= 4); /* the list covers the screen, not one pair */
    assert_int_equal(p->panel_accents, 0);
    /* a panel's own accent (a mid blue) could not keep 15:1 on black: the palette's replaces it */
    assert_true(palette_contrast(0x0B5CAD, p->bg) < PALETTE_HC_TEXT_MIN);
}

static void test_contrast_formula(void **state)
{
    (void)state;
    assert_float_equal(palette_contrast(0x000000, 0xFFFFFF), 21.0, 1e-9);
    assert_float_equal(palette_contrast(0xFFFFFF, 0x000000), 21.0, 1e-9);
    assert_float_equal(palette_contrast(0x777777, 0x777777), 1.0, 1e-9);
    assert_float_equal(palette_contrast(0x767676, 0xFFFFFF), 4.54, 0.01); /* WCAG's grey-on-white example */
    uint32_t d = palette_darken_for_contrast(0x66AAFF, 0xFFFFFF, 7.0);
    assert_true(palette_contrast(d, 0xFFFFFF) >= 7.0);
    assert_int_equal(palette_by_name("high-contrast"), PALETTE_HIGH_CONTRAST);
    assert_int_equal(palette_by_name("normal"), PALETTE_NORMAL);
    assert_int_equal(palette_by_name("loud"), PALETTE_COUNT);
}

/* A panel's accent, and the colours made from it, as a visitor sees them in each theme. */
static void test_accents(void **state)
{
    (void)state;
    const palette_t *n = palette_get(PALETTE_NORMAL), *hc = palette_get(PALETTE_HIGH_CONTRAST);
    assert_int_equal(palette_accent(n, true, 0x2E8B57), 0x2E8B57);        /* the panel's own green */
    assert_int_equal(palette_accent(n, false, 0x2E8B57), n->accent & 0xFFFFFF); /* none set: the deck's */
    assert_int_equal(palette_accent(hc, true, 0x2E8B57), hc->accent & 0xFFFFFF); /* high contrast: yellow */
    /* a title panel's field: a light accent is darkened until its white title reads (7.5:1) */
    uint32_t f = palette_title_field(n, 0x66CCFF);
    assert_int_equal(f >> 24, 0xFF);
    assert_true(palette_contrast(n->on_accent, f) >= n->accent_min);
    assert_true(palette_contrast(n->on_accent, 0x66CCFF) < n->accent_min); /* it needed darkening */
    assert_int_equal(palette_title_field(n, 0x0B3D6B), 0xFF0B3D6Bu);     /* dark enough: kept */
    assert_int_equal(palette_title_field(hc, 0x66CCFF), hc->accent);     /* high contrast: its yellow */
    /* a timeline step's label in the accent: body text's contrast on the panel's ground */
    uint32_t l = palette_label_ink(n, 0x66CCFF);
    assert_int_equal(l >> 24, 0xFF);
    assert_true(palette_contrast(l, n->bg) >= PALETTE_TEXT_MIN);
    assert_int_equal(palette_label_ink(n, 0x1A1A1A), 0xFF1A1A1Au);
    /* alerts: the same black and signal yellow whatever the theme */
    assert_true(palette_contrast(PALETTE_ALERT_TEXT, PALETTE_ALERT_BG) >= PALETTE_TEXT_MIN);
    assert_true(palette_contrast(PALETTE_ALERT_TITLE, PALETTE_ALERT_BG) >= PALETTE_TEXT_MIN);
    assert_true(palette_contrast(PALETTE_ALERT_BG, PALETTE_ALERT_BAND) >= PALETTE_TEXT_MIN);
    assert_int_equal(n->alert_bg, PALETTE_ALERT_BG);
    assert_int_equal(hc->alert_ink, PALETTE_ALERT_TEXT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_everyday_theme),
        cmocka_unit_test(test_high_contrast_theme),
        cmocka_unit_test(test_contrast_formula),
        cmocka_unit_test(test_accents),
    };
    return cmocka_run_group_tests_name("palette", tests, NULL, NULL);
}
