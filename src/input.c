#include "annai/input.h"

#include <math.h>
#include <string.h>

static const gesture_t none = {INPUT_GEST_NONE, 0, 0, 0, 0, 0};

void input_init(input_t *in, int width, int height)
{
    memset(in, 0, sizeof *in);
    in->width = (float)width;
    in->slop = TAP_SLOP_FRACTION * (float)(width < height ? width : height);
}

gesture_t input_down(input_t *in, int64_t id, float x, float y, uint64_t now)
{
    if (in->state != INPUT_IDLE) return none; /* a second finger: ignored */
    in->state = INPUT_PRESSED;
    in->id = id;
    in->x0 = in->x = in->vx_x = x;
    in->y0 = in->y = y;
    in->t0 = in->vx_t = now;
    return none;
}

gesture_t input_move(input_t *in, int64_t id, float x, float y, uint64_t now)
{
    if (in->state == INPUT_IDLE || id != in->id) return none;
    float step = y - in->y;
    in->x = x;
    in->y = y;
    if (now - in->vx_t > VELOCITY_WINDOW_MS) {
        in->vx_x = x;
        in->vx_t = now;
    }
    float dx = x - in->x0, dy = y - in->y0;
    if (in->state == INPUT_PRESSED && fabsf(dx) > in->slop && fabsf(dx) > fabsf(dy)) in->state = INPUT_DRAGGING;
    if (in->state == INPUT_PRESSED && fabsf(dy) > in->slop && fabsf(dy) > fabsf(dx)) {
        in->state = INPUT_SCROLLING;
        step = dy; /* the slop travelled counts: the page follows the finger from the press */
    }
    if (in->state == INPUT_DRAGGING) return (gesture_t){INPUT_GEST_DRAG, x, y, dx, 0, 0};
    if (in->state == INPUT_SCROLLING) return (gesture_t){INPUT_GEST_SCROLL, x, y, 0, 0, step};
    return none;
}

gesture_t input_up(input_t *in, int64_t id, float x, float y, uint64_t now)
{
    if (in->state == INPUT_IDLE || id != in->id) return none;
    input_state_t st = in->state;
    float dx = x - in->x0, dy = y - in->y0;
    uint64_t span = now - in->vx_t;
    float v = span ? (x - in->vx_x) / (float)span : 0;
    in->state = INPUT_IDLE;
    if (st == INPUT_HELD || st == INPUT_SCROLLING) return none; /* the long press fired, or it was a scroll */
    if (st == INPUT_PRESSED && fabsf(dx) > in->slop && fabsf(dx) > fabsf(dy)) st = INPUT_DRAGGING;
    if (st == INPUT_DRAGGING) {
        bool far = fabsf(dx) >= SWIPE_MIN_FRACTION * in->width;
        bool fast = fabsf(v) >= SWIPE_MIN_VELOCITY && fabsf(dx) > in->slop && (v < 0) == (dx < 0);
        if (far || fast) return (gesture_t){INPUT_GEST_SWIPE, x, y, dx, dx < 0 ? 1 : -1, 0};
        return (gesture_t){INPUT_GEST_SPRING, x, y, dx, 0, 0};
    }
    if (fabsf(dx) <= in->slop && fabsf(dy) <= in->slop && now - in->t0 <= TAP_MAX_MS)
        return (gesture_t){INPUT_GEST_TAP, in->x0, in->y0, 0, 0, 0};
    return none;
}

/* A press that has wandered past the slop (diagonally: no drag, no scroll) is no long press. */
static bool wandered(const input_t *in)
{
    return fabsf(in->x - in->x0) > in->slop || fabsf(in->y - in->y0) > in->slop;
}

gesture_t input_tick(input_t *in, uint64_t now)
{
    if (in->state != INPUT_PRESSED || now - in->t0 < LONG_PRESS_MS) return none;
    if (wandered(in)) return none;
    in->state = INPUT_HELD;
    return (gesture_t){INPUT_GEST_LONG_PRESS, in->x0, in->y0, 0, 0, 0};
}

gesture_t input_cancel(input_t *in)
{
    input_state_t st = in->state;
    in->state = INPUT_IDLE;
    return st == INPUT_DRAGGING ? (gesture_t){INPUT_GEST_SPRING, in->x, in->y, in->x - in->x0, 0, 0} : none;
}

int64_t input_deadline(const input_t *in, uint64_t now)
{
    if (in->state != INPUT_PRESSED || wandered(in)) return -1; /* nothing will come: sleep on */
    uint64_t due = in->t0 + LONG_PRESS_MS;
    return due > now ? (int64_t)(due - now) : 0;
}

void input_unrotate(int rotate, int out_w, int out_h, float *x, float *y)
{
    float px = *x, py = *y;
    switch (rotate) {
    case 90: *x = py; *y = (float)out_w - px; break;
    case 180: *x = (float)out_w - px; *y = (float)out_h - py; break;
    case 270: *x = (float)out_h - py; *y = px; break;
    default: break;
    }
}
