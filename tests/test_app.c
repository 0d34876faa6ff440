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
    assert_int_equal(views(&a, APP_VIA_START, NULL), 1);
    app_tick(&a, 10999);
    assert_int_equal(a.current, 0);
    app_tick(&a, 11000);
    assert_int_equal(a.current, 1);
    assert_int_equal(a.tr.kind, APP_TR_FADE);
    assert_int_equal(app_deadline(&a, 11000), 16); /* animating: wake at display rate */
    app_tick(&a, 21000);
    app_tick(&a, 31000);
    assert_int_equal(a.current, 0); /* wrapped */
    assert_int_equal(views(&a, APP_VIA_AUTO, NULL), 3);
    app_tick(&a, 31500);
    assert_true(app_deadline(&a, 31500) > 9000); /* static panel: sleep until the next advance */
}

static void test_input_pauses_and_idle_resets(void **state)
{
    (void)state;
    app_t a;
    app_init(&a, 5, LANG_DEFAULT, 10, 60, 400, 1280, 0);
    app_set_langs(&a, 6);
    app_step(&a, 1, APP_VIA_SWIPE, 1000);
    app_step(&a, 1, APP_VIA_KEY, 2000);
    app_set_picker_open(&a, true, 2500);
    app_pick_lang(&a, 4, APP_VIA_TAP, 3000);
    assert_int_equal(a.lang, 4);
    app_set_index_open(&a, true, 4000);
    assert_int_equal(a.mode, APP_MODE_INTERACTIVE);
    app_tick(&a, 50000); /* no auto-advance while a visitor is here */
    assert_int_equal(a.current, 2);
    app_tick(&a, 63999);
    assert_int_equal(a.mode, APP_MODE_INTERACTIVE);
    app_event_t ev[APP_MAX_EVENTS];
    app_take_events(&a, ev, APP_MAX_EVENTS);
    app_tick(&a, 64000); /* 60 s after the last input */
    assert_int_equal(a.mode, APP_MODE_ATTRACT);
    assert_int_equal(a.current, 0);
    assert_int_equal(a.lang, LANG_DEFAULT);
    assert_false(a.index_open);
    int n = app_take_events(&a, ev, APP_MAX_EVENTS);
    assert_true(n >= 3);
    assert_int_equal(ev[0].kind, APP_EV_IDLE);
    assert_int_equal(ev[1].kind, APP_EV_LANG);
    assert_int_equal(ev[n - 1].kind, APP_EV_VIEW);
    assert_int_equal(ev[n - 1].via, APP_VIA_IDLE);
}

/* An arrow key (or a page dot) in attract mode is a visitor too: auto-advance stops, and the
 * idle reset follows in its time. */
static void test_key_in_attract_mode_is_input(void **state)
{
    (void)state;
    app_t a;
    app_init(&a, 5, LANG_DEFAULT, 10, 60, 400, 1280, 0);
    app_step(&a, 1, APP_VIA_KEY, 5000);
    assert_int_equal(a.mode, APP_MODE_INTERACTIVE);
    app_tick(&a, 30000);
    assert_int_equal(a.current, 1); /* no auto-advance */
    app_tick(&a, 65000);
    assert_int_equal(a.current, 0); /* idle reset */
    assert_int_equal(a.mode, APP_MODE_ATTRACT);
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
    assert_int_equal(views(&a, APP_VIA_SWIPE, &idx), 2);
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
    app_pick_lang(&a, 2, APP_VIA_KEY, 100200);
    assert_false(a.picker_open);
    assert_int_equal(a.lang, 2);
    int n = app_take_events(&a, ev, APP_MAX_EVENTS);
    int langs = 0;
    for (int i = 0; i < n; i++) langs += ev[i].kind == APP_EV_LANG && ev[i].lang == 2 && ev[i].via == APP_VIA_KEY;
    assert_int_equal(langs, 1);
    app_pick_lang(&a, 2, APP_VIA_KEY, 100300);
    app_pick_lang(&a, 7, APP_VIA_KEY, 100400); /* not a language of the deck */
    assert_int_equal(app_take_events(&a, ev, APP_MAX_EVENTS), 0);
    assert_int_equal(a.lang, 2);
    app_tick(&a, 100400 + 60000);
    assert_int_equal(a.lang, LANG_DEFAULT);
    app_set_langs(&a, 1);
    app_set_picker_open(&a, true, 200000);
    assert_false(a.picker_open);
}

/* Follows a motion frame by frame (16 ms) from start to start + ms: the picture a visitor sees.
 * at_start/at_end: the moving panel's offset at the first and last frame; checks that it moves
 * one way only, never past its end, and comes to rest: the last frame moves less than a pixel
 * and far less than the first (it slows down into place, no jolt at the end). */
static void follow(app_t *a, uint64_t start, int ms, float *at_start, float *at_end, int *other_first)
{
    app_view_t v;
    app_view(a, start, &v);
    *at_start = v.offset;
    *other_first = v.other;
    float prev = v.offset, first_step = -1, last_step = 0, dir = 0;
    for (uint64_t t = start + 16; t <= start + (uint64_t)ms + 16; t += 16) {
        app_view(a, t, &v);
        float step = v.offset - prev;
        if (dir == 0 && step != 0) dir = step > 0 ? 1 : -1;
        if (step * dir < -0.001f) fail_msg("at %d ms the panel moves back (%.2f px)", (int)(t - start), step);
        if (first_step < 0) first_step = fabsf(step);
        last_step = fabsf(step);
        if (v.animating && (v.offset - *at_start) * dir < -0.001f) fail_msg("at %d ms the panel is behind where it started", (int)(t - start));
        /* the other panel fills the side the moving one has uncovered, edge to edge */
        float beside = v.offset + (v.offset < 0 ? a->width : -a->width);
        if (v.other >= 0 && fabsf(v.offset) > 0.5f && fabsf(v.other_offset - beside) > 0.5f)
            fail_msg("at %d ms the other panel is at %.1f, not beside the moving one at %.1f", (int)(t - start), v.other_offset, v.offset);
        prev = v.offset;
    }
    *at_end = v.offset;
    /* it takes its time: halfway through, on its way, neither still at the start nor done */
    app_view(a, start + (uint64_t)ms / 2, &v);
    float part = *at_end != *at_start ? (v.offset - *at_start) / (*at_end - *at_start) : 1;
    if (part < 0.3f || part > 0.97f) fail_msg("halfway through the motion the panel has gone %.0f%% of the way", part * 100);
    if (v.other >= 0 && v.other_alpha < 1) fail_msg("the panel beside the moving one is drawn faded (%.2f)", v.other_alpha);
    if (first_step > 4 && !(last_step < 1 && last_step < first_step / 4))
        fail_msg("the motion does not come to rest: first frame %.2f px, last %.2f px", first_step, last_step);
}

/* A swipe that is let go finishes from where the finger left the panels: the old panel starts
 * exactly there, the new one slides in beside it and stops in place; a short drag springs back
 * with the neighbour that was uncovered sliding out on its side. */
static void test_slides_continue_from_the_finger_and_settle(void **state)
{
    (void)state;
    const float w = 1000;
    app_t a;
    app_init(&a, 4, LANG_DEFAULT, 10, 60, 400, (int)w, 0);
    app_drag(&a, -300, 100);
    app_view_t v;
    app_view(&a, 108, &v);
    assert_true(v.other == 1 && v.other_alpha == 1); /* the next panel shows, solid, beside the finger */
    app_release(&a, 1, 116);
    assert_int_equal(a.current, 1);
    app_view(&a, 116, &v);
    assert_int_equal(v.index, 1);
    assert_int_equal(v.other, 0);
    assert_true(fabsf(v.other_offset + 300) < 0.5f); /* the old panel where the finger left it */
    assert_true(fabsf(v.offset - (w - 300)) < 0.5f);  /* the new one right beside it */
    float s, e;
    int other;
    follow(&a, 116, SLIDE_MS, &s, &e, &other);
    assert_true(fabsf(e) < 0.5f);                      /* in place at the end */
    app_view(&a, 116 + SLIDE_MS, &v);
    assert_true(fabsf(v.other_offset + w) < 0.5f);     /* the old one fully out on the left */

    /* the other way: previous panel, the old one leaves to the right */
    app_drag(&a, 200, 2000);
    app_release(&a, -1, 2016);
    assert_int_equal(a.current, 0);
    follow(&a, 2016, SLIDE_MS, &s, &e, &other);
    assert_true(fabsf(s - (200 - w)) < 0.5f);
    assert_true(fabsf(e) < 0.5f);

    /* short drags spring back; the uncovered neighbour goes with them */
    app_drag(&a, -120, 4000);
    app_release(&a, 0, 4016);
    follow(&a, 4016, SPRING_MS, &s, &e, &other);
    assert_int_equal(a.current, 0);
    assert_true(fabsf(s + 120) < 0.5f);
    assert_int_equal(other, 1);                        /* the next panel was showing on the right */
    assert_true(fabsf(e) < 0.5f);
    app_drag(&a, 150, 6000);
    app_release(&a, 0, 6016);
    follow(&a, 6016, SPRING_MS, &s, &e, &other);
    assert_int_equal(other, 3);                        /* the previous one, on the left, wrapping */
    assert_true(fabsf(s - 150) < 0.5f && fabsf(e) < 0.5f);
    app_view(&a, 6016 + SPRING_MS + 16, &v);
    assert_int_equal(v.other, -1);                     /* nothing else left on screen */
}

/* A deck of one panel has no neighbour: a short drag springs back alone, with no second copy
 * of the same panel sliding out beside it (a visitor would see the panel doubled). */
static void test_one_panel_springs_back_alone(void **state)
{
    (void)state;
    app_t a;
    app_init(&a, 1, LANG_DEFAULT, 10, 60, 400, 1000, 0);
    for (int side = -1; side <= 1; side += 2) {
        uint64_t t0 = side < 0 ? 1000 : 5000;
        app_drag(&a, 140.0f * (float)side, t0);
        app_view_t held;
        app_view(&a, t0 + 8, &held); /* under the finger: the only panel moves, nothing beside it */
        assert_true(fabsf(held.offset - 140.0f * (float)side) < 0.5f);
        if (held.other >= 0) fail_msg("while dragging panel %d is drawn beside the only one", held.other);
        app_release(&a, 0, t0 + 16);
        assert_int_equal(a.current, 0);
        app_view_t v;
        bool moved = false;
        for (uint64_t t = t0 + 16; t <= t0 + 16 + SPRING_MS; t += 16) {
            app_view(&a, t, &v);
            moved |= fabsf(v.offset) > 0.5f;
            if (v.other >= 0) fail_msg("%d ms into the spring panel %d is drawn beside the only one", (int)(t - t0 - 16), v.other);
        }
        assert_true(moved); /* it did spring back, from where the finger left it */
    }
}

/* A panel's own dwell counts for the first panel too; a deck of one panel stays put in attract
 * mode (no fade to itself, no view logged every dwell). */
static void test_dwell_per_panel_and_single_panel(void **state)
{
    (void)state;
    app_t a;
    double dwell[3] = {3000, 0, 0};
    app_init(&a, 3, LANG_DEFAULT, 10, 60, 400, 1000, 0);
    a.panel_dwell_ms = dwell;
    app_set_count(&a, 3, 0);
    views(&a, APP_VIA_START, NULL);
    app_tick(&a, 2999);
    assert_int_equal(a.current, 0);
    app_tick(&a, 3000);
    assert_int_equal(a.current, 1);
    app_tick(&a, 3000 + 9999);
    assert_int_equal(a.current, 1); /* the default 10 s for the second */
    app_tick(&a, 3000 + 10000);
    assert_int_equal(a.current, 2);

    app_init(&a, 1, LANG_DEFAULT, 10, 60, 400, 1000, 0);
    views(&a, APP_VIA_START, NULL);
    for (uint64_t t = 0; t < 100000; t += 500) app_tick(&a, t);
    assert_int_equal(views(&a, APP_VIA_AUTO, NULL), 0);
    app_view_t v;
    app_view(&a, 100000, &v);
    assert_false(v.animating);
    assert_int_equal(v.other, -1);
}

static void test_index_jump(void **state)
{
    (void)state;
    app_t a;
    app_init(&a, 6, 1, 10, 60, 400, 1000, 0);
    app_set_index_open(&a, true, 10);
    app_set_index_open(&a, false, 20);
    app_go(&a, 4, APP_VIA_MENU, APP_TR_FADE, 1, 20);
    int idx = -1;
    assert_int_equal(views(&a, APP_VIA_MENU, &idx), 1);
    assert_int_equal(idx, 4);
    app_go(&a, 17, APP_VIA_KEY, APP_TR_NONE, 1, 30); /* out of range wraps instead of failing */
    assert_int_equal(a.current, 5);
}

/* Narration holds the panel: auto-advance and the idle reset wait for its end, then count
 * from there. */
static void test_narration_holds_advance_and_idle(void **state)
{
    (void)state;
    app_t a;
    app_init(&a, 3, LANG_DEFAULT, 10, 60, 0, 1280, 0);
    views(&a, APP_VIA_START, NULL);
    app_hold(&a, true, 1000);
    app_tick(&a, 30000); /* a 40 s narration in attract mode, three dwells long */
    assert_int_equal(a.current, 0);
    app_hold(&a, false, 41000);
    app_tick(&a, 50999);
    assert_int_equal(a.current, 0);
    app_tick(&a, 51000); /* a full dwell after the end */
    assert_int_equal(a.current, 1);
    /* a visitor pressed the speaker (interactive) and listens for longer than the idle time */
    app_step(&a, 1, APP_VIA_TAP, 60000);
    app_hold(&a, true, 60000);
    app_tick(&a, 200000);
    assert_int_equal(a.mode, APP_MODE_INTERACTIVE);
    assert_int_equal(a.current, 2);
    app_hold(&a, false, 200000);
    app_tick(&a, 259999);
    assert_int_equal(a.mode, APP_MODE_INTERACTIVE);
    app_tick(&a, 260000);
    assert_int_equal(a.mode, APP_MODE_ATTRACT);
    assert_int_equal(a.current, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_attract_advances_and_wraps),
        cmocka_unit_test(test_input_pauses_and_idle_resets),
        cmocka_unit_test(test_language_picker),
        cmocka_unit_test(test_key_in_attract_mode_is_input),
        cmocka_unit_test(test_swipe_follows_and_springs),
        cmocka_unit_test(test_one_panel_springs_back_alone),
        cmocka_unit_test(test_index_jump),
        cmocka_unit_test(test_slides_continue_from_the_finger_and_settle),
        cmocka_unit_test(test_dwell_per_panel_and_single_panel),
        cmocka_unit_test(test_narration_holds_advance_and_idle),
    };
    return cmocka_run_group_tests_name("app", tests, NULL, NULL);
}
