/* Gesture recogniser: event sequences with timestamps -> gestures (table-driven). */
#include "testutil.h"
#include "annai/input.h"

typedef struct { char kind; int64_t id; float x, y; uint64_t t; } step_t; /* d/m/u/t(ick) */

typedef struct {
    const char *name;
    step_t steps[8];
    gesture_kind_t expect;
    int dir;
} case_t;

#define W 1280
#define H 720
#define HOUR (60u * 60u * 1000u)

static const case_t cases[] = {
    {"tap", {{'d', 1, 600, 300, 0}, {'u', 1, 602, 301, 120}}, INPUT_GEST_TAP, 0},
    {"swipe left = next", {{'d', 1, 900, 300, 0}, {'m', 1, 700, 300, 100}, {'u', 1, 600, 300, 200}}, INPUT_GEST_SWIPE, 1},
    {"swipe right = previous", {{'d', 1, 300, 300, 0}, {'m', 1, 500, 300, 150}, {'u', 1, 600, 300, 300}}, INPUT_GEST_SWIPE, -1},
    {"short slow drag springs back", {{'d', 1, 600, 300, 0}, {'m', 1, 640, 300, 300}, {'m', 1, 660, 300, 600}, {'u', 1, 660, 300, 900}}, INPUT_GEST_SPRING, 0},
    {"short fast flick swipes", {{'d', 1, 600, 300, 0}, {'m', 1, 560, 300, 30}, {'u', 1, 530, 300, 60}}, INPUT_GEST_SWIPE, 1},
    {"vertical drag is no swipe", {{'d', 1, 600, 100, 0}, {'m', 1, 610, 300, 100}, {'u', 1, 610, 500, 200}}, INPUT_GEST_NONE, 0},
    {"long press", {{'d', 1, 20, 20, 0}, {'t', 0, 0, 0, 900}}, INPUT_GEST_LONG_PRESS, 0},
    {"long press then release is not a tap", {{'d', 1, 20, 20, 0}, {'t', 0, 0, 0, 900}, {'u', 1, 20, 20, 1000}}, INPUT_GEST_NONE, 0},
    {"second finger ignored", {{'d', 1, 900, 300, 0}, {'d', 2, 100, 300, 10}, {'m', 2, 900, 300, 50}, {'u', 2, 900, 300, 60}, {'m', 1, 600, 300, 100}, {'u', 1, 500, 300, 200}}, INPUT_GEST_SWIPE, 1},
    {"held too long for a tap", {{'d', 1, 600, 300, 0}, {'u', 1, 600, 300, 700}}, INPUT_GEST_NONE, 0},
};

/* The table runs just after start and an hour later: now_ms is a clock that has been running. */
static void run_table(uint64_t t0)
{
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        input_t in;
        input_init(&in, W, H);
        gesture_t last = {INPUT_GEST_NONE, 0, 0, 0, 0, 0};
        for (int i = 0; i < 8 && cases[k].steps[i].kind; i++) {
            const step_t *s = &cases[k].steps[i];
            uint64_t t = t0 + s->t;
            gesture_t g = s->kind == 'd' ? input_down(&in, s->id, s->x, s->y, t)
                        : s->kind == 'm' ? input_move(&in, s->id, s->x, s->y, t)
                        : s->kind == 'u' ? input_up(&in, s->id, s->x, s->y, t)
                                         : input_tick(&in, t);
            if (g.kind != INPUT_GEST_NONE && g.kind != INPUT_GEST_DRAG) last = g;
            if (s->kind == 'u' && s->id == 1 && g.kind == INPUT_GEST_NONE && cases[k].expect == INPUT_GEST_NONE) last = g;
        }
        if (last.kind != cases[k].expect)
            fail_msg("%s (at %llu ms): got gesture %d, expected %d", cases[k].name, (unsigned long long)t0, last.kind, cases[k].expect);
        if (last.dir != cases[k].dir) fail_msg("%s: got dir %d, expected %d", cases[k].name, last.dir, cases[k].dir);
    }
}

static void test_table(void **state)
{
    (void)state;
    run_table(0);
    run_table(HOUR);
}

/* The panel follows the finger: drags report the distance from the press. */
static void test_drag_follows_finger(void **state)
{
    (void)state;
    input_t in;
    input_init(&in, W, H);
    input_down(&in, 7, 800, 300, 0);
    gesture_t g = input_move(&in, 7, 790, 300, 10);
    assert_int_equal(g.kind, INPUT_GEST_NONE); /* inside the tap slop */
    g = input_move(&in, 7, 700, 302, 40);
    assert_int_equal(g.kind, INPUT_GEST_DRAG);
    assert_true(fabsf(g.dx + 100) < 0.01f);
    g = input_cancel(&in);
    assert_int_equal(g.kind, INPUT_GEST_SPRING);
    assert_int_equal(input_deadline(&in, 50), -1);
}

/* A screen mounted sideways: the picture is rotated, and a swipe the visitor makes in the
 * picture's frame (left = next) is a swipe whatever the physical axes are. */
static void test_rotated_screen(void **state)
{
    (void)state;
    static const int rots[] = {0, 90, 180, 270};
    for (size_t r = 0; r < 4; r++) {
        int rot = rots[r], out_w = 1280, out_h = 720;            /* the panel as the GPU sees it */
        int lw = rot % 180 ? out_h : out_w, lh = rot % 180 ? out_w : out_h; /* what the visitor sees */
        input_t in;
        input_init(&in, lw, lh);
        /* the visitor's finger moves left across the picture's middle: compute where that is on
         * the physical output (the inverse of input_unrotate), then feed it back through */
        float path[][2] = {{lw * 0.8f, lh * 0.5f}, {lw * 0.5f, lh * 0.5f}, {lw * 0.2f, lh * 0.5f}};
        gesture_t g = {0};
        for (int i = 0; i < 3; i++) {
            float x = path[i][0], y = path[i][1], px, py;
            switch (rot) {
            case 90: px = (float)out_w - y; py = x; break;
            case 180: px = (float)out_w - x; py = (float)out_h - y; break;
            case 270: px = y; py = (float)out_h - x; break;
            default: px = x; py = y;
            }
            input_unrotate(rot, out_w, out_h, &px, &py);
            assert_true(fabsf(px - x) < 0.01f && fabsf(py - y) < 0.01f);
            g = i == 0 ? input_down(&in, 1, px, py, 0) : i == 1 ? input_move(&in, 1, px, py, 100) : input_up(&in, 1, px, py, 200);
        }
        if (g.kind != INPUT_GEST_SWIPE || g.dir != 1) fail_msg("rotate %d: a swipe left was not 'next'", rot);
    }
    /* the corners land where the picture's corners are */
    float x = 1280, y = 0;
    input_unrotate(90, 1280, 720, &x, &y);
    assert_true(fabsf(x) < 0.01f && fabsf(y) < 0.01f);
    x = 0; y = 0;
    input_unrotate(270, 1280, 720, &x, &y);
    assert_true(fabsf(x - 720) < 0.01f && fabsf(y) < 0.01f);
}

/* A finger never lands still: a wobble of up to the slop (2.5% of the short side, 18 px here)
 * in any direction is a tap where the finger went down, and held, a long press; released
 * within TAP_MAX_MS it is a tap, later it is nothing. */
static void test_wobble_is_a_tap(void **state)
{
    (void)state;
    static const int dirs[][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {-1, 1}, {1, -1}, {-1, -1}};
    input_t in;
    input_init(&in, W, H);
    for (size_t k = 0; k < 8; k++)
        for (int d = 0; d <= (int)in.slop; d++) {
            float x = 640.0f + (float)(dirs[k][0] * d), y = 360.0f + (float)(dirs[k][1] * d);
            input_down(&in, 1, 640, 360, HOUR);
            gesture_t g = input_move(&in, 1, x, y, HOUR + 50);
            if (g.kind != INPUT_GEST_NONE) fail_msg("a wobble of %d px (%d,%d) is gesture %d", d, dirs[k][0], dirs[k][1], g.kind);
            g = input_up(&in, 1, x, y, HOUR + TAP_MAX_MS);
            if (g.kind != INPUT_GEST_TAP || g.x != 640 || g.y != 360)
                fail_msg("a wobble of %d px (%d,%d): gesture %d at %.0f,%.0f, not a tap", d, dirs[k][0], dirs[k][1], g.kind, g.x, g.y);
            input_down(&in, 1, 640, 360, HOUR);
            input_move(&in, 1, x, y, HOUR + 50);
            assert_int_equal(input_tick(&in, HOUR + LONG_PRESS_MS - 1).kind, INPUT_GEST_NONE);
            g = input_tick(&in, HOUR + LONG_PRESS_MS);
            if (g.kind != INPUT_GEST_LONG_PRESS) fail_msg("a wobble of %d px (%d,%d) held: no long press", d, dirs[k][0], dirs[k][1]);
            assert_int_equal(input_up(&in, 1, x, y, HOUR + LONG_PRESS_MS + 100).kind, INPUT_GEST_NONE);
        }
    input_down(&in, 1, 640, 360, HOUR);
    assert_int_equal(input_up(&in, 1, 640, 360, HOUR + TAP_MAX_MS + 1).kind, INPUT_GEST_NONE);
    /* nobody touching: no long press comes out of nowhere, before or after a tap */
    input_init(&in, W, H);
    assert_int_equal(input_tick(&in, HOUR).kind, INPUT_GEST_NONE);
    input_down(&in, 1, 640, 360, HOUR);
    assert_int_equal(input_tick(&in, HOUR + 100).kind, INPUT_GEST_NONE); /* too early */
    input_up(&in, 1, 640, 360, HOUR + 120);
    assert_int_equal(input_tick(&in, HOUR + 5000).kind, INPUT_GEST_NONE);
}

/* A short flick swipes when it is fast enough, SWIPE_MIN_VELOCITY and up, either way; slower
 * it springs back. */
static void test_flick_speeds(void **state)
{
    (void)state;
    static const struct { float px; uint64_t ms; gesture_kind_t want; } f[] = {
        {48, 80, INPUT_GEST_SWIPE},  /* 0.6 px/ms: the threshold */
        {56, 80, INPUT_GEST_SWIPE},  /* 0.7 */
        {90, 60, INPUT_GEST_SWIPE},  /* 1.5 */
        {40, 80, INPUT_GEST_SPRING}, /* 0.5 */
    };
    for (size_t k = 0; k < sizeof f / sizeof *f; k++)
        for (int sign = -1; sign <= 1; sign += 2) {
            input_t in;
            input_init(&in, W, H);
            input_down(&in, 1, 640, 360, HOUR);
            input_move(&in, 1, 640 + sign * f[k].px / 2, 360, HOUR + f[k].ms / 2);
            gesture_t g = input_up(&in, 1, 640 + sign * f[k].px, 360, HOUR + f[k].ms);
            if (g.kind != f[k].want) fail_msg("%+.0f px in %llu ms: gesture %d, want %d", sign * f[k].px, (unsigned long long)f[k].ms, g.kind, f[k].want);
            if (g.kind == INPUT_GEST_SWIPE && g.dir != -sign) fail_msg("%+.0f px: dir %d", sign * f[k].px, g.dir);
        }
    /* a swipe whose only events are the press and the release (a fast flick sampled at its ends) */
    input_t in;
    input_init(&in, W, H);
    input_down(&in, 1, 900, 360, HOUR);
    gesture_t g = input_up(&in, 1, 600, 360, HOUR + 150);
    assert_int_equal(g.kind, INPUT_GEST_SWIPE);
    assert_int_equal(g.dir, 1);
}

/* Once a drag has started it stays a drag: the finger drifting down on the way is no scroll,
 * and the release still swipes. */
static void test_drag_stays_a_drag(void **state)
{
    (void)state;
    input_t in;
    input_init(&in, W, H);
    input_down(&in, 1, 1000, 200, HOUR);
    assert_int_equal(input_move(&in, 1, 850, 200, HOUR + 100).kind, INPUT_GEST_DRAG);
    gesture_t g = input_move(&in, 1, 800, 500, HOUR + 200);
    assert_int_equal(g.kind, INPUT_GEST_DRAG);
    assert_true(fabsf(g.dx + 200) < 0.01f);
    g = input_up(&in, 1, 780, 520, HOUR + 300);
    assert_int_equal(g.kind, INPUT_GEST_SWIPE);
    assert_int_equal(g.dir, 1);
}

/* A vertical drag scrolls: the page follows the finger from the press, step by step, so the
 * steps add up to the finger's travel; the release is no tap and no swipe. */
static void test_scroll_follows_finger(void **state)
{
    (void)state;
    input_t in;
    input_init(&in, W, H);
    input_down(&in, 1, 640, 600, HOUR);
    float ys[] = {590, 570, 520, 450, 460, 300};
    float total = 0;
    for (size_t i = 0; i < sizeof ys / sizeof *ys; i++) {
        gesture_t g = input_move(&in, 1, 642, ys[i], HOUR + 20 * (i + 1));
        if (i == 0) { assert_int_equal(g.kind, INPUT_GEST_NONE); continue; } /* inside the slop */
        assert_int_equal(g.kind, INPUT_GEST_SCROLL);
        total += g.dy;
    }
    assert_true(fabsf(total - (300 - 600)) < 0.01f);
    assert_int_equal(input_up(&in, 1, 642, 300, HOUR + 200).kind, INPUT_GEST_NONE);
    /* a quick scroll down and back that lifts where it began scrolled: it presses no button */
    input_down(&in, 1, 640, 600, HOUR);
    assert_int_equal(input_move(&in, 1, 640, 500, HOUR + 100).kind, INPUT_GEST_SCROLL);
    assert_int_equal(input_move(&in, 1, 640, 598, HOUR + 200).kind, INPUT_GEST_SCROLL);
    assert_int_equal(input_up(&in, 1, 640, 598, HOUR + 250).kind, INPUT_GEST_NONE);
}

/* The loop sleeps until the long press is due, and not at all for one that cannot come. */
static void test_deadline(void **state)
{
    (void)state;
    input_t in;
    input_init(&in, W, H);
    assert_int_equal(input_deadline(&in, HOUR), -1);
    input_down(&in, 1, 640, 360, HOUR);
    assert_int_equal(input_deadline(&in, HOUR + 300), LONG_PRESS_MS - 300);
    assert_int_equal(input_tick(&in, HOUR + LONG_PRESS_MS).kind, INPUT_GEST_LONG_PRESS);
    assert_int_equal(input_deadline(&in, HOUR + LONG_PRESS_MS), -1);
    input_up(&in, 1, 640, 360, HOUR + LONG_PRESS_MS + 10);
    /* a finger moved away diagonally (no drag, no scroll, too far for a long press) and held:
     * nothing is due, so the loop must not be woken again and again until it lifts */
    input_down(&in, 1, 640, 360, HOUR);
    assert_int_equal(input_move(&in, 1, 680, 400, HOUR + 100).kind, INPUT_GEST_NONE);
    assert_int_equal(input_tick(&in, HOUR + LONG_PRESS_MS + 1).kind, INPUT_GEST_NONE);
    assert_int_equal(input_deadline(&in, HOUR + LONG_PRESS_MS + 1), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_drag_follows_finger),
        cmocka_unit_test(test_rotated_screen),
        cmocka_unit_test(test_wobble_is_a_tap),
        cmocka_unit_test(test_flick_speeds),
        cmocka_unit_test(test_drag_stays_a_drag),
        cmocka_unit_test(test_scroll_follows_finger),
        cmocka_unit_test(test_deadline),
    };
    return cmocka_run_group_tests_name("input", tests, NULL, NULL);
}
