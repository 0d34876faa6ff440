/* The scene a visitor sees, composed by one room: a tap lands on the layer on top (the picker
 * over the index over the chrome), the tray's buttons follow the panel, a dark screen is black,
 * an alert covers everything, a transition asks for its next frame, and --screenshot draws the
 * same chrome as the kiosk. Headless, with the bundled content and fonts. */
#include "testutil.h"
#include <SDL2/SDL.h>
#include "annai/alertview.h"
#include "annai/scene.h"

#define W 640
#define H 360
#define T0 1000000

typedef struct {
    config_t cfg;
    engine_t e;
    diag_list_t d;
    platform_t p;
    render_t *rd;
    scene_t s;
    app_t app;
    a11y_t a11y;
    admin_t admin;
    int shown[64];
} rig_t;

static int no_info(void *ud, char lines[][STATUS_LINE_LEN], int max)
{
    (void)ud;
    (void)max;
    snprintf(lines[0], STATUS_LINE_LEN, "info");
    return 1;
}

static void rig_open(rig_t *r)
{
    memset(r, 0, sizeof *r);
    tu_engine_open(&r->e, &r->cfg, "content", &r->d);
    assert_int_equal(platform_open(&r->p, &r->cfg, PLATFORM_HEADLESS, W, H), 0);
    r->rd = render_create(r->p.r, r->e.fonts);
    engine_set_size(&r->e, W, H);
    engine_fit_atlas(&r->e, render_atlas(r->rd), W, H);
    scene_init(&r->s, &r->e, &r->p, r->rd);
    for (int i = 0; i < r->e.deck.count; i++) r->shown[i] = i;
    scene_geometry(&r->s, r->e.deck.count);
    app_init(&r->app, r->e.deck.count, 0, 10, 60, 300, W, T0);
    app_set_langs(&r->app, engine_nlangs(&r->e));
    a11y_init(&r->a11y, 0);
}

static void rig_close(rig_t *r)
{
    scene_free(&r->s);
    render_destroy(r->rd);
    platform_close(&r->p);
    engine_close(&r->e);
    config_free(&r->cfg);
    diag_clear(&r->d);
}

static scene_in_t in_for(rig_t *r, bool on, const alert_msg_t *alert)
{
    scene_in_t in = {&r->app, &r->a11y, r->shown, r->e.deck.count, on, false, 0, 0, &r->admin, no_info, NULL, alert};
    return in;
}

static Uint32 pixel_at(platform_t *p, int x, int y)
{
    Uint32 px = 0;
    SDL_Rect rc = {x, y, 1, 1};
    SDL_RenderReadPixels(p->r, &rc, SDL_PIXELFORMAT_ARGB8888, &px, 4);
    return px & 0xFFFFFF;
}

static float cx(rectf_t r) { return r.x + r.w / 2; }
static float cy(rectf_t r) { return r.y + r.h / 2; }

static void test_a_tap_lands_on_the_layer_on_top(void **state)
{
    (void)state;
    rig_t r;
    rig_open(&r);
    rectf_t next = r.s.chrome.next;
    assert_int_equal(scene_hit(&r.s, &r.app, cx(next), cy(next)), UI_HIT_NEXT);
    assert_int_equal(scene_hit(&r.s, &r.app, cx(r.s.chrome.index), cy(r.s.chrome.index)), UI_HIT_INDEX);
    app_set_index_open(&r.app, true, T0);
    assert_int_equal(scene_hit(&r.s, &r.app, cx(r.s.index.entries[2]), cy(r.s.index.entries[2])), 2);
    app_set_picker_open(&r.app, true, T0);
    if (engine_nlangs(&r.e) > 1)
        assert_int_equal(scene_hit(&r.s, &r.app, cx(r.s.picker.entries[1]), cy(r.s.picker.entries[1])), 1);
    assert_int_equal(scene_hit(&r.s, &r.app, cx(r.s.picker.close), cy(r.s.picker.close)), UI_HIT_CLOSE);
    rig_close(&r);
}

static void test_focus_order_and_the_tray(void **state)
{
    (void)state;
    rig_t r;
    rig_open(&r);
    int ids[UI_MAX_FOCUS];
    int n = scene_focus_ids(&r.s, false, ids);
    assert_true(n > 3);
    assert_int_equal(scene_focused(&r.s, false, 0), ids[0]);
    assert_int_equal(scene_focused(&r.s, false, n - 1), ids[n - 1]);
    assert_int_equal(scene_focused(&r.s, false, n), UI_HIT_NONE);
    assert_int_equal(scene_focused(&r.s, false, -1), UI_HIT_NONE);
    int ni = scene_focus_ids(&r.s, true, ids);
    assert_int_equal(ni, r.e.deck.count + 1); /* every title and Close */
    r.s.chrome_dirty = false;
    scene_set_tray(&r.s, false, r.s.chrome.has_furigana, r.s.chrome.has_speaker);
    assert_false(r.s.chrome_dirty); /* nothing changed: the chrome is not laid out again */
    scene_set_tray(&r.s, true, r.s.chrome.has_furigana, r.s.chrome.has_speaker);
    assert_true(r.s.chrome_dirty);
    int with_tray = scene_focus_ids(&r.s, false, ids);
    assert_true(with_tray > n); /* its buttons join the keyboard order */
    r.s.chrome_dirty = false;
    scene_set_tray(&r.s, true, r.s.chrome.has_furigana, !r.s.chrome.has_speaker);
    assert_true(r.s.chrome_dirty); /* a panel with narration: the speaker appears */
    rig_close(&r);
}

static void test_dark_alert_and_transition(void **state)
{
    (void)state;
    rig_t r;
    rig_open(&r);
    scene_in_t in = in_for(&r, false, NULL);
    assert_false(scene_draw(&r.s, &in, T0));
    assert_int_equal(pixel_at(&r.p, W / 2, H / 2), 0x000000);
    in = in_for(&r, true, NULL);
    assert_false(scene_draw(&r.s, &in, T0)); /* settled */
    assert_true(pixel_at(&r.p, W / 2, H / 2) != 0x000000);
    app_step(&r.app, 1, APP_VIA_KEY, T0);
    assert_true(scene_draw(&r.s, &in, T0 + 50)); /* mid-transition: draw again */
    alert_msg_t alert;
    memset(&alert, 0, sizeof alert);
    char stem[] = "rain", title[] = "大雨警報", text[] = "川に近づかないでください。";
    alert.stem = stem;
    alert.title[0] = title;
    alert.text[0] = text;
    in = in_for(&r, false, &alert); /* over a dark screen too */
    assert_false(scene_draw(&r.s, &in, T0 + 60));
    assert_int_equal(pixel_at(&r.p, W / 2, 10), ALERTVIEW_BAND & 0xFFFFFF);
    rig_close(&r);
}

/* --screenshot's picture of a panel is the kiosk's settled frame of it. */
static void test_screenshot_is_the_kiosk_frame(void **state)
{
    (void)state;
    rig_t r;
    rig_open(&r);
    app_go(&r.app, 2, APP_VIA_KEY, APP_TR_NONE, 1, T0); /* a visitor's: no attract hint */
    scene_in_t in = in_for(&r, true, NULL);
    scene_draw(&r.s, &in, T0 + 5000);
    SDL_Surface *a = SDL_ConvertSurfaceFormat(platform_soft_surface(&r.p), SDL_PIXELFORMAT_ARGB8888, 0);
    scene_draw_panel_in(&r.p, r.rd, &r.e, 2, 2, r.e.deck.count, 0, false);
    SDL_Surface *b = SDL_ConvertSurfaceFormat(platform_soft_surface(&r.p), SDL_PIXELFORMAT_ARGB8888, 0);
    assert_non_null(a);
    assert_non_null(b);
    long differ = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            if (((Uint32 *)((Uint8 *)a->pixels + y * a->pitch))[x] != ((Uint32 *)((Uint8 *)b->pixels + y * b->pitch))[x]) differ++;
    assert_int_equal(differ, 0);
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    rig_close(&r);
}

/* --screenshot's picture of an alert (00-alert.png, what an operator checks before putting a
 * warning up) is the kiosk's alert frame, drawn whole over whatever was there before. */
static void test_alert_screenshot_is_the_kiosk_frame(void **state)
{
    (void)state;
    rig_t r;
    rig_open(&r);
    alert_msg_t alert;
    memset(&alert, 0, sizeof alert);
    char stem[] = "rain", title[] = "大雨警報", text[] = "川に近づかないでください。";
    alert.stem = stem;
    alert.title[0] = title;
    alert.text[0] = text;
    scene_in_t in = in_for(&r, true, &alert);
    scene_draw(&r.s, &in, T0);
    SDL_Surface *a = SDL_ConvertSurfaceFormat(platform_soft_surface(&r.p), SDL_PIXELFORMAT_ARGB8888, 0);
    scene_draw_panel_in(&r.p, r.rd, &r.e, 1, 1, r.e.deck.count, 0, false); /* a panel's shot first */
    dlist_t dl = {0};
    alertview_build(&dl, engine_metrics_cb, &r.e, &r.e.cfg.langs, W, H, &alert, r.e.cfg.lang);
    scene_draw_dlist(&r.p, r.rd, &dl);
    layout_dlist_free(&dl);
    SDL_Surface *b = SDL_ConvertSurfaceFormat(platform_soft_surface(&r.p), SDL_PIXELFORMAT_ARGB8888, 0);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(pixel_at(&r.p, W / 2, 10), ALERTVIEW_BAND & 0xFFFFFF);
    long differ = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            if (((Uint32 *)((Uint8 *)a->pixels + y * a->pitch))[x] != ((Uint32 *)((Uint8 *)b->pixels + y * b->pitch))[x]) differ++;
    if (differ) fail_msg("the alert's screenshot differs from the kiosk's alert frame in %ld pixels", differ);
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    rig_close(&r);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_tap_lands_on_the_layer_on_top),
        cmocka_unit_test(test_focus_order_and_the_tray),
        cmocka_unit_test(test_dark_alert_and_transition),
        cmocka_unit_test(test_screenshot_is_the_kiosk_frame),
        cmocka_unit_test(test_alert_screenshot_is_the_kiosk_frame),
    };
    return cmocka_run_group_tests_name("scene", tests, NULL, NULL);
}
