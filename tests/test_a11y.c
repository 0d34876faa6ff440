/* The visitor's accessibility state: modes on and off, idle reset to the operator's defaults,
 * Tab order wrapping both ways, and the scroll of a larger-text panel kept inside the panel. */
#include "testutil.h"
enum { A11Y_TEST_JA = 0, A11Y_TEST_EN = 1, A11Y_TEST_LANGS = 2 }; /* the bundled deck: ja, en first */
#include "annai/a11y.h"
#include "annai/furigana.h"
#include "annai/input.h"
#include "annai/palette.h"
#include "annai/ui.h"

static const int screens[][2] = {{1920, 1080}, {1080, 1920}};

static void test_modes_and_reset(void **state)
{
    (void)state;
    a11y_t a;
    a11y_init(&a, 0);
    assert_int_equal(a11y_variant(&a), 0);
    assert_true(a11y_toggle(&a, A11Y_FURIGANA));
    assert_true(a11y_toggle(&a, A11Y_LARGE));
    assert_true(a11y_on(&a, A11Y_FURIGANA) && a11y_on(&a, A11Y_LARGE) && !a11y_on(&a, A11Y_CONTRAST));
    assert_int_equal(a11y_variant(&a), A11Y_FURIGANA | A11Y_LARGE);
    assert_false(a11y_toggle(&a, A11Y_FURIGANA)); /* the same button hides the readings again */
    a11y_focus_move(&a, 1, 5);
    a11y_scroll_set(&a, 3000, 1000, true);
    a11y_scroll_by(&a, 400);
    assert_true(a11y_reset(&a));
    assert_int_equal(a11y_variant(&a), 0);
    assert_int_equal(a.focus, -1);
    assert_true(a.scroll == 0);
    assert_false(a11y_reset(&a)); /* nothing left to change: no redraw asked */
}

static void test_operator_default_survives_reset(void **state)
{
    (void)state;
    a11y_t a;
    a11y_init(&a, A11Y_CONTRAST); /* [interaction] high_contrast = true */
    assert_true(a11y_on(&a, A11Y_CONTRAST));
    a11y_toggle(&a, A11Y_CONTRAST); /* a visitor may still turn it off for themselves */
    assert_false(a11y_on(&a, A11Y_CONTRAST));
    a11y_reset(&a);
    assert_true(a11y_on(&a, A11Y_CONTRAST));
}

static void test_focus_order_wraps(void **state)
{
    (void)state;
    a11y_t a;
    a11y_init(&a, 0);
    a11y_focus_move(&a, 1, 4);
    assert_int_equal(a.focus, 0); /* the first Tab shows the ring on the first control */
    for (int i = 1; i <= 4; i++) {
        a11y_focus_move(&a, 1, 4);
        assert_int_equal(a.focus, i % 4);
    }
    a11y_focus_move(&a, -1, 4);
    assert_int_equal(a.focus, 3);
    a11y_focus_hide(&a);
    a11y_focus_move(&a, -1, 4);
    assert_int_equal(a.focus, 3); /* Shift+Tab first: the last control */
    a11y_focus_clamp(&a, 2);      /* fewer controls now (no narration on this panel) */
    assert_int_equal(a.focus, 1);
    a11y_focus_move(&a, 1, 0);
    assert_int_equal(a.focus, -1);
}

static void test_scroll_stays_inside(void **state)
{
    (void)state;
    a11y_t a;
    a11y_init(&a, A11Y_LARGE);
    a11y_scroll_set(&a, 900, 1000, true);
    assert_false(a11y_can_scroll(&a)); /* fits: no cue, nothing moves */
    assert_false(a11y_scroll_by(&a, 100));
    assert_false(a.scroll_cue);
    a11y_scroll_set(&a, 2500, 1000, true);
    assert_true(a11y_can_scroll(&a) && a.scroll_cue);
    assert_true(a11y_scroll_by(&a, 1000));
    assert_true(a11y_scroll_by(&a, 1000));
    assert_true(a.scroll == 1500); /* the last line reaches the bottom, never past it */
    assert_false(a11y_scroll_by(&a, 10));
    a11y_scroll_set(&a, 2000, 1000, false); /* same panel laid out shorter: kept inside */
    assert_true(a.scroll == 1000);
    assert_true(a11y_scroll_by(&a, -5000));
    assert_true(a.scroll == 0);
}

/* a finger moving up the screen scrolls; sideways still changes panel; neither is a tap */
static void test_vertical_drag_is_scroll(void **state)
{
    (void)state;
    input_t in;
    input_init(&in, 1080, 1920);
    input_down(&in, 1, 500, 1200, 0);
    gesture_t g = input_move(&in, 1, 502, 1100, 50);
    assert_int_equal(g.kind, INPUT_GEST_SCROLL);
    assert_true(fabsf(g.dy + 100) < 0.01f);
    g = input_move(&in, 1, 503, 1000, 100);
    assert_int_equal(g.kind, INPUT_GEST_SCROLL);
    assert_true(fabsf(g.dy + 100) < 0.01f); /* each step, not the total */
    g = input_up(&in, 1, 503, 1000, 150);
    assert_int_equal(g.kind, INPUT_GEST_NONE);
    input_down(&in, 1, 500, 1200, 200);
    g = input_move(&in, 1, 300, 1190, 250);
    assert_int_equal(g.kind, INPUT_GEST_DRAG);
}

/* ---- panels laid out the way a visitor asked (the bundled deck and its furigana.txt) ---- */

typedef struct { engine_t e; config_t cfg; diag_list_t d; } deck_fx_t;

static void deck_open(deck_fx_t *f, unsigned variant, int w, int h)
{
    memset(f, 0, sizeof *f);
    tu_engine_open(&f->e, &f->cfg, "content", &f->d);
    assert_true(f->e.has_furigana);
    engine_set_size(&f->e, w, h);
    engine_set_variant(&f->e, variant);
}

static void deck_close(deck_fx_t *f)
{
    engine_close(&f->e);
    config_free(&f->cfg);
    diag_clear(&f->d);
}

static const dl_line_t *line_of(const dlist_t *dl, const dl_glyph_t *g)
{
    for (int i = 0; i < dl->nlines; i++) {
        rectf_t r = dl->lines[i].r;
        if (g->y >= r.y && g->y <= r.y + r.h && g->x >= r.x - 1 && g->x <= r.x + r.w + 1) return &dl->lines[i];
    }
    return NULL;
}

static bool is_ruby(const dlist_t *dl, const dl_glyph_t *g)
{
    const dl_line_t *l = line_of(dl, g);
    return l && (float)g->px < 0.75f * (float)l->px;
}

static float adv(const dl_glyph_t *g) { return tu_m.advance(tu_m.ud, g->face, g->px, g->cp); }

/* the glyph's em box: what a reader sees as the letter's space */
static rectf_t em_box(const dl_glyph_t *g)
{
    return (rectf_t){g->x, g->y - tu_m.ascent_em * g->px, adv(g), g->px};
}

static bool boxes_overlap(rectf_t a, rectf_t b)
{
    const float e = 0.5f;
    return a.x + e < b.x + b.w && b.x + e < a.x + a.w && a.y + e < b.y + b.h && b.y + e < a.y + a.h;
}

static void check_furigana_panel(const dlist_t *dl, const char *name, int *rubies, bool all_read)
{
    for (int i = 0; i < dl->nglyphs; i++) {
        const dl_glyph_t *g = &dl->glyphs[i];
        if (!is_ruby(dl, g)) continue;
        (*rubies)++;
        /* no reading over kana: the base letter under the middle of each reading glyph is a kanji */
        /* (a reading wider than its word spreads the word's letters: it may sit between them) */
        float cx = g->x + adv(g) / 2, best = INFINITY;
        const dl_glyph_t *base = NULL;
        for (int j = 0; j < dl->nglyphs; j++) {
            const dl_glyph_t *b = &dl->glyphs[j];
            float d = fabsf(b->x + adv(b) / 2 - cx);
            if (b->y > g->y && b->y - g->y < (float)b->px * 1.2f && !is_ruby(dl, b) && d < best && d < (float)b->px) {
                best = d;
                base = b;
            }
        }
        if (!base) fail_msg("%s: reading U+%04X at %.0f,%.0f has no letter under it", name, g->cp, g->x, g->y);
        if (!furigana_is_kanji((int32_t)base->cp) && base->cp != 0x3005)
            fail_msg("%s: reading U+%04X over U+%04X, not a kanji", name, g->cp, base->cp);
    }
    /* no collisions: letters of different lines (readings included) never share space */
    for (int i = 0; i < dl->nglyphs; i++)
        for (int j = i + 1; j < dl->nglyphs; j++) {
            const dl_glyph_t *a = &dl->glyphs[i], *b = &dl->glyphs[j];
            if (fabsf(a->y - b->y) < 0.5f) continue;
            if (boxes_overlap(em_box(a), em_box(b)))
                fail_msg("%s: U+%04X at %.0f,%.0f collides with U+%04X at %.0f,%.0f", name, a->cp, a->x, a->y, b->cp, b->x, b->y);
        }
    /* every kanji has its reading: a reading glyph above some part of it */
    for (int i = 0; all_read && i < dl->nglyphs; i++) {
        const dl_glyph_t *b = &dl->glyphs[i];
        if (is_ruby(dl, b) || !furigana_is_kanji((int32_t)b->cp)) continue;
        bool read = false;
        for (int j = 0; j < dl->nglyphs && !read; j++) {
            const dl_glyph_t *g = &dl->glyphs[j];
            read = is_ruby(dl, g) && g->y < b->y && b->y - g->y < (float)b->px * 1.2f && g->x < b->x + adv(b) &&
                   g->x + adv(g) > b->x;
        }
        if (!read) fail_msg("%s: U+%04X at %.0f,%.0f has no reading over it", name, b->cp, b->x, b->y);
    }
}

static void test_furigana_over_every_kanji_no_collisions(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof screens / sizeof *screens; s++) {
        deck_fx_t f;
        deck_open(&f, ENGINE_V_FURIGANA, screens[s][0], screens[s][1]);
        int rubies = 0, before = 0;
        for (int i = 0; i < f.e.deck.count; i++) {
            char name[300];
            snprintf(name, sizeof name, "%s at %dx%d", f.e.deck.entries[i].stem, screens[s][0], screens[s][1]);
            const dlist_t *dl = engine_panel(&f.e, i, A11Y_TEST_JA);
            assert_false(dl->clipped);
            check_furigana_panel(dl, name, &rubies, true);
            const dlist_t *en = engine_panel(&f.e, i, A11Y_TEST_EN);
            check_furigana_panel(en, name, &before, true);
        }
        assert_true(rubies > 500); /* the whole deck is read, not one word */
        assert_int_equal(before, 0); /* English panels get no readings */
        /* the button hides them again */
        engine_set_variant(&f.e, 0);
        int after = 0;
        for (int i = 0; i < f.e.deck.count; i++) check_furigana_panel(engine_panel(&f.e, i, A11Y_TEST_JA), "off", &after, false);
        assert_true(after < rubies / 10); /* only the author's own ruby is left */
        deck_close(&f);
    }
}

static int min_px(const dlist_t *dl, bool title)
{
    int m = 1 << 30;
    for (int i = 0; i < dl->nlines; i++)
        if ((dl->lines[i].block == -1) == title && dl->lines[i].block >= -1 && dl->lines[i].px < m) m = dl->lines[i].px;
    return m;
}

static void test_larger_text_scrolls_never_shrinks(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof screens / sizeof *screens; s++) {
        int w = screens[s][0], h = screens[s][1], taller = 0;
        deck_fx_t n, l;
        deck_open(&n, 0, w, h);
        deck_open(&l, ENGINE_V_LARGE, w, h);
        for (int i = 0; i < n.e.deck.count; i++)
            for (int g = 0; g < A11Y_TEST_LANGS; g++) {
                const dlist_t *a = engine_panel(&n.e, i, (lang_t)g), *b = engine_panel(&l.e, i, (lang_t)g);
                const char *stem = n.e.deck.entries[i].stem;
                if (b->clipped || b->scale < 0.999f) fail_msg("%s at %dx%d: larger text shrank or was cut", stem, w, h);
                for (int t = 0; t < 2; t++)
                    if (min_px(a, t) < (1 << 30) && (float)min_px(b, t) < 1.4f * (float)min_px(a, t) - 1)
                        fail_msg("%s at %dx%d: %s %d px, was %d px", stem, w, h, t ? "title" : "text", min_px(b, t), min_px(a, t));
                taller += b->content_h > (float)h;
                assert_true(a->content_h == (float)h);
            }
        assert_true(taller > 0); /* some panel no longer fits: it is taller than the screen and scrolls */
        deck_close(&n);
        deck_close(&l);
    }
}

static void test_high_contrast_every_glyph(void **state)
{
    (void)state;
    const palette_t *hc = palette_get(PALETTE_HIGH_CONTRAST);
    deck_fx_t f;
    deck_open(&f, ENGINE_V_CONTRAST | ENGINE_V_FURIGANA, 1920, 1080);
    for (int i = 0; i < f.e.deck.count; i++)
        for (int g = 0; g < A11Y_TEST_LANGS; g++) {
            const dlist_t *dl = engine_panel(&f.e, i, (lang_t)g);
            assert_true((dl->bg & 0xFFFFFF) == (hc->bg & 0xFFFFFF) || (dl->bg & 0xFFFFFF) == (hc->accent & 0xFFFFFF));
            for (int k = 0; k < dl->nglyphs; k++) {
                double r = palette_contrast(dl->glyphs[k].color, dl->bg);
                if (r < PALETTE_HC_TEXT_MIN)
                    fail_msg("%s: U+%04X is %.1f:1 on its ground", f.e.deck.entries[i].stem, dl->glyphs[k].cp, r);
            }
        }
    deck_close(&f);
}

/* The chrome with the tray open, in each language, screen shape and mode: every label is there
 * whole (none lost to a wrap), and in high contrast every glyph is 15:1 on what is under it. */
static bool has_line(const dlist_t *dl, const char *text)
{
    for (int i = 0; i < dl->nlines; i++)
        if (strcmp(dl->lines[i].text, text) == 0) return true;
    return false;
}

static uint32_t ground_under(const dlist_t *dl, float x, float y)
{
    uint32_t c = 0;
    for (int i = 0; i < dl->nitems; i++) {
        rectf_t r = dl->items[i].r;
        if (dl->items[i].kind == LAYOUT_DL_RECT && x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h) c = dl->items[i].color;
    }
    return c;
}

static void test_chrome_labels_whole_and_contrast(void **state)
{
    (void)state;
    static const char *const must[A11Y_TEST_LANGS][6] = {
        [A11Y_TEST_JA] = {"目次", "見やすく", "ふりがな", "大きな文字", "コントラスト", "音声を聞く"},
        [A11Y_TEST_EN] = {"Index", "Easy view", "Furigana", "Larger text", "High contrast", "Listen"},
    };
    for (size_t s = 0; s < sizeof screens / sizeof *screens; s++)
        for (int l = 0; l < A11Y_TEST_LANGS; l++)
            for (unsigned mode = 0; mode < 4; mode++) {
                int w = screens[s][0], h = screens[s][1];
                ui_chrome_t c;
                ui_chrome_geometry(&c, w, h, 11);
                ui_chrome_set_tray(&c, true, true, true);
                ui_view_t v = {3, (lang_t)l, false, false, (mode & 1) != 0, (mode & 2) != 0, false, UI_HIT_NONE, false, 0, 0, 0, NULL, false};
                dlist_t dl = {0};
                ui_chrome_draw(&dl, &tu_m, w, h, &c, 11, &v);
                for (int k = 0; k < 6; k++) {
                    char on[64];
                    snprintf(on, sizeof on, "✓ %s", must[l][k]);
                    if (!has_line(&dl, must[l][k]) && !has_line(&dl, on))
                        fail_msg("%dx%d lang %d mode %u: label '%s' is not shown whole", w, h, l, mode, must[l][k]);
                }
                for (int g = 0; v.contrast && g < dl.nglyphs; g++) {
                    const dl_glyph_t *gl = &dl.glyphs[g];
                    uint32_t under = ground_under(&dl, gl->x + adv(gl) / 2, gl->y - gl->px * 0.3f);
                    double r = palette_contrast(gl->color, under);
                    if (r < PALETTE_HC_TEXT_MIN) fail_msg("%dx%d: U+%04X of the chrome is %.1f:1 on %06X", w, h, gl->cp, r, under & 0xFFFFFF);
                }
                layout_dlist_free(&dl);
            }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_modes_and_reset),
        cmocka_unit_test(test_operator_default_survives_reset),
        cmocka_unit_test(test_focus_order_wraps),
        cmocka_unit_test(test_scroll_stays_inside),
        cmocka_unit_test(test_vertical_drag_is_scroll),
        cmocka_unit_test(test_furigana_over_every_kanji_no_collisions),
        cmocka_unit_test(test_larger_text_scrolls_never_shrinks),
        cmocka_unit_test(test_high_contrast_every_glyph),
        cmocka_unit_test(test_chrome_labels_whole_and_contrast),
    };
    return cmocka_run_group_tests_name("a11y", tests, tu_fonts_up, tu_fonts_down);
}
