/* Navigation: attract <-> interactive, idle reset, index, language, transitions. */
#include "testutil.h"
#include "annai/app.h"

static int views(app_t *a, via_t via, int *last_index)
{
    app_event_t ev[APP_MAX_EVENTS];
    int n = app_take_events(a, ev, APP_MAX_EVENTS), c = 0;
    for (int i = 0; i < n; i++)
        if (ev[i].kind == APP_EV_VIEW && ev[i].via == via) { c++; if (last_index) *last_index = ev[i].index; }
    return c;
}

static void test_attract_advances_and_wraps(void **state)
{
    (void)state;
    app_t a;
    app_init(&a, 3, LANG_JA, 10, 60, 400, 1280, 1000);
    assert_int_equal(views(&a, VIA_START, NULL), 1);
    app_tick(&a, 10999);
    assert_int_equal(a.current, 0);
    app_tick(&a, 11000);
    assert_int_equal(a.current, 1);
    assert_int_equal(a.tr.kind, TR_FADE);
    assert_int_equal(app_deadline(&a, 11000), 16); /* animating: wake at display rate */
    app_tick(&a, 21000);
    app_tick(&a, 31000);
    assert_int_equal(a.current, 0); /* wrapped */
    assert_int_equal(views(&a, VIA_AUTO, NULL), 3);
    app_tick(&a, 31500);
    assert_true(app_deadline(&a, 31500) > 9000); /* static panel: sleep until the next advance */
}

static void test_input_pauses_and_idle_resets(void **state)
{
    (void)state;
    app_t a;
    app_init(&a, 5, LANG_JA, 10, 60, 400, 1280, 0);
    app_step(&a, 1, VIA_SWIPE, 1000);
    app_step(&a, 1, VIA_KEY, 2000);
    app_toggle_lang(&a, 3000);
    app_set_index_open(&a, true, 4000);
    assert_int_equal(a.mode, MODE_INTERACTIVE);
    app_tick(&a, 50000); /* no auto-advance while a visitor is here */
    assert_int_equal(a.current, 2);
    app_tick(&a, 63999);
    assert_int_equal(a.mode, MODE_INTERACTIVE);
    app_event_t ev[APP_MAX_EVENTS];
    app_take_events(&a, ev, APP_MAX_EVENTS);
    app_tick(&a, 64000); /* 60 s after the last input */
    assert_int_equal(a.mode, MODE_ATTRACT);
    assert_int_equal(a.current, 0);
    assert_int_equal(a.lang, LANG_JA);
    assert_false(a.index_open);
    int n = app_take_events(&a, ev, APP_MAX_EVENTS);
    assert_true(n >= 3);
    assert_int_equal(ev[0].kind, APP_EV_IDLE);
    assert_int_equal(ev[1].kind, APP_EV_LANG);
    assert_int_equal(ev[n - 1].kind, APP_EV_VIEW);
    assert_int_equal(ev[n - 1].via, VIA_IDLE);
}

/* An arrow key (or a page dot) in attract mode is a visitor too: auto-advance stops, and the
 * idle reset follows in its time. */
static void test_key_in_attract_mode_is_input(void **state)
{
    (void)state;
    app_t a;
    app_init(&a, 5, LANG_JA, 10, 60, 400, 1280, 0);
    app_step(&a, 1, VIA_KEY, 5000);
    assert_int_equal(a.mode, MODE_INTERACTIVE);
    app_tick(&a, 30000);
    assert_int_equal(a.current, 1); /* no auto-advance */
    app_tick(&a, 65000);
    assert_int_equal(a.current, 0); /* idle reset */
    assert_int_equal(a.mode, MODE_ATTRACT);
}

static void test_swipe_follows_and_springs(void **state)
{
    (void)state;
    app_t a;
    app_init(&a, 4, LANG_JA, 10, 60, 400, 1000, 0);
    app_drag(&a, -300, 100);
    app_view_t v;
    app_view(&a, 100, &v);
    assert_true(fabsf(v.offset + 300) < 0.01f);   /* the panel moved with the finger */
    assert_int_equal(v.other, 1);                  /* the next one shows on the right */
    assert_true(fabsf(v.other_offset - 700) < 0.01f);
    app_release(&a, 0, 200);                        /* short: springs back */
    assert_int_equal(a.current, 0);
    app_view(&a, 200 + SPRING_MS, &v);
    assert_true(fabsf(v.offset) < 0.5f);
    app_drag(&a, 250, 1000);
    app_release(&a, -1, 1100);                      /* swipe right: previous, wrapping */
    assert_int_equal(a.current, 3);
    /* a swipe during the transition takes over at once */
    app_drag(&a, -200, 1150);
    app_release(&a, 1, 1200);
    assert_int_equal(a.current, 0);
    int idx = -1;
    assert_int_equal(views(&a, VIA_SWIPE, &idx), 2);
    assert_int_equal(idx, 0);
}

static void test_index_jump(void **state)
{
    (void)state;
    app_t a;
    app_init(&a, 6, LANG_EN, 10, 60, 400, 1000, 0);
    app_set_index_open(&a, true, 10);
    app_set_index_open(&a, false, 20);
    app_go(&a, 4, VIA_MENU, TR_FADE, 1, 20);
    int idx = -1;
    assert_int_equal(views(&a, VIA_MENU, &idx), 1);
    assert_int_equal(idx, 4);
    app_go(&a, 17, VIA_KEY, TR_NONE, 1, 30); /* out of range wraps instead of failing */
    assert_int_equal(a.current, 5);
}

/* Narration holds the panel: auto-advance and the idle reset wait for its end, then count
 * from there. */
static void test_narration_holds_advance_and_idle(void **state)
{
    (void)state;
    app_t a;
    app_init(&a, 3, LANG_JA, 10, 60, 0, 1280, 0);
    views(&a, VIA_START, NULL);
    app_hold(&a, true, 1000);
    app_tick(&a, 30000); /* a 40 s narration in attract mode, three dwells long */
    assert_int_equal(a.current, 0);
    app_hold(&a, false, 41000);
    app_tick(&a, 50999);
    assert_int_equal(a.current, 0);
    app_tick(&a, 51000); /* a full dwell after the end */
    assert_int_equal(a.current, 1);
    /* a visitor pressed the speaker (interactive) and listens for longer than the idle time */
    app_step(&a, 1, VIA_TAP, 60000);
    app_hold(&a, true, 60000);
    app_tick(&a, 200000);
    assert_int_equal(a.mode, MODE_INTERACTIVE);
    assert_int_equal(a.current, 2);
    app_hold(&a, false, 200000);
    app_tick(&a, 259999);
    assert_int_equal(a.mode, MODE_INTERACTIVE);
    app_tick(&a, 260000);
    assert_int_equal(a.mode, MODE_ATTRACT);
    assert_int_equal(a.current, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_attract_advances_and_wraps),
        cmocka_unit_test(test_input_pauses_and_idle_resets),
        cmocka_unit_test(test_key_in_attract_mode_is_input),
        cmocka_unit_test(test_swipe_follows_and_springs),
        cmocka_unit_test(test_index_jump),
        cmocka_unit_test(test_narration_holds_advance_and_idle),
    };
    return cmocka_run_group_tests_name("app", tests, NULL, NULL);
}
