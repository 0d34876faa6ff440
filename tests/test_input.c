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

static void test_table(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        input_t in;
        input_init(&in, W, H);
        gesture_t last = {INPUT_GEST_NONE, 0, 0, 0, 0, 0};
        for (int i = 0; i < 8 && cases[k].steps[i].kind; i++) {
            const step_t *s = &cases[k].steps[i];
            gesture_t g = s->kind == 'd' ? input_down(&in, s->id, s->x, s->y, s->t)
                        : s->kind == 'm' ? input_move(&in, s->id, s->x, s->y, s->t)
                        : s->kind == 'u' ? input_up(&in, s->id, s->x, s->y, s->t)
                                         : input_tick(&in, s->t);
            if (g.kind != INPUT_GEST_NONE && g.kind != INPUT_GEST_DRAG) last = g;
            if (s->kind == 'u' && s->id == 1 && g.kind == INPUT_GEST_NONE && cases[k].expect == INPUT_GEST_NONE) last = g;
        }
        if (last.kind != cases[k].expect) fail_msg("%s: got gesture %d, expected %d", cases[k].name, last.kind, cases[k].expect);
        if (last.dir != cases[k].dir) fail_msg("%s: got dir %d, expected %d", cases[k].name, last.dir, cases[k].dir);
    }
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_drag_follows_finger),
        cmocka_unit_test(test_rotated_screen),
    };
    return cmocka_run_group_tests_name("input", tests, NULL, NULL);
}
