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
    app_init(&a, 3, LANG_DEFAULT, 10, 60, 400, 1280, 1000);
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
    app_init(&a, 5, LANG_DEFAULT, 10, 60, 400, 1280, 0);
    app_set_langs(&a, 6);
    app_step(&a, 1, VIA_SWIPE, 1000);
    app_step(&a, 1, VIA_KEY, 2000);
    app_set_picker_open(&a, true, 2500);
    app_pick_lang(&a, 4, VIA_TAP, 3000);
    assert_int_equal(a.lang, 4);
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
    assert_int_equal(a.lang, LANG_DEFAULT);
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
    app_init(&a, 5, LANG_DEFAULT, 10, 60, 400, 1280, 0);
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
    app_init(&a, 4, LANG_DEFAULT, 10, 60, 400, 1000, 0);
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

/* The picker: opens over the index, keys move a focus that wraps, a pick closes it and says
 * so once; the same language again says nothing; one language: no picker at all. */
static void test_language_picker(void **state)
{
    (void)state;
    app_t a;
    app_init(&a, 3, LANG_DEFAULT, 10, 60, 400, 1280, 0);
    app_set_langs(&a, 3);
    app_event_t ev[APP_MAX_EVENTS];
    app_take_events(&a, ev, APP_MAX_EVENTS);
    app_set_index_open(&a, true, 10);
    app_set_picker_open(&a, true, 20);
    assert_true(a.picker_open);
    assert_false(a.index_open);
    assert_int_equal(a.picker_focus, 0);
    app_picker_move(&a, -1, 30);
    assert_int_equal(a.picker_focus, 2);
    app_picker_move(&a, 1, 40);
    app_picker_move(&a, 1, 50);
    assert_int_equal(a.picker_focus, 1);
    app_tick(&a, 100000); /* a static picker does not auto-advance, but the idle reset closes it */
    assert_false(a.picker_open);
    app_set_picker_open(&a, true, 100100);
    app_pick_lang(&a, 2, VIA_KEY, 100200);
    assert_false(a.picker_open);
    assert_int_equal(a.lang, 2);
    int n = app_take_events(&a, ev, APP_MAX_EVENTS);
    int langs = 0;
    for (int i = 0; i < n; i++) langs += ev[i].kind == APP_EV_LANG && ev[i].lang == 2 && ev[i].via == VIA_KEY;
    assert_int_equal(langs, 1);
    app_pick_lang(&a, 2, VIA_KEY, 100300);
    app_pick_lang(&a, 7, VIA_KEY, 100400); /* not a language of the deck */
    assert_int_equal(app_take_events(&a, ev, APP_MAX_EVENTS), 0);
    assert_int_equal(a.lang, 2);
    app_tick(&a, 100400 + 60000);
    assert_int_equal(a.lang, LANG_DEFAULT);
    app_set_langs(&a, 1);
    app_set_picker_open(&a, true, 200000);
    assert_false(a.picker_open);
}

static void test_index_jump(void **state)
{
    (void)state;
    app_t a;
    app_init(&a, 6, 1, 10, 60, 400, 1000, 0);
    app_set_index_open(&a, true, 10);
    app_set_index_open(&a, false, 20);
    app_go(&a, 4, VIA_MENU, TR_FADE, 1, 20);
    int idx = -1;
    assert_int_equal(views(&a, VIA_MENU, &idx), 1);
    assert_int_equal(idx, 4);
    app_go(&a, 17, VIA_KEY, TR_NONE, 1, 30); /* out of range wraps instead of failing */
    assert_int_equal(a.current, 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_attract_advances_and_wraps),
        cmocka_unit_test(test_input_pauses_and_idle_resets),
        cmocka_unit_test(test_language_picker),
        cmocka_unit_test(test_key_in_attract_mode_is_input),
        cmocka_unit_test(test_swipe_follows_and_springs),
        cmocka_unit_test(test_index_jump),
    };
    return cmocka_run_group_tests_name("app", tests, NULL, NULL);
}
