/* input: gesture recogniser. A pure state machine fed with pointer events and now_ms;
 * it never reads a clock and knows nothing of SDL. Mouse and touch feed it alike. */
#ifndef ANNAI_INPUT_H
#define ANNAI_INPUT_H

#include <stdbool.h>
#include <stdint.h>

#define TAP_SLOP_FRACTION 0.025f    /* of the short side: movement still counted as a tap */
#define SWIPE_MIN_FRACTION 0.08f    /* of the width: a drag released past this changes panel */
#define SWIPE_MIN_VELOCITY 0.6f     /* px per ms: a flick changes panel even when short */
#define LONG_PRESS_MS 800
#define TAP_MAX_MS 600
#define VELOCITY_WINDOW_MS 80       /* release velocity is measured over the last moments */

typedef enum {
    INPUT_GEST_NONE,
    INPUT_GEST_DRAG,        /* horizontal drag in progress: dx from the press */
    INPUT_GEST_SWIPE,       /* released past the threshold: dir +1 next (finger moved left), -1 previous */
    INPUT_GEST_SPRING,      /* released short of it: go back */
    INPUT_GEST_TAP,
    INPUT_GEST_LONG_PRESS,
    INPUT_GEST_SCROLL,      /* vertical drag in progress: dy since the last move (larger-text panels scroll) */
} gesture_kind_t;

typedef struct {
    gesture_kind_t kind;
    float x, y, dx;
    int dir;
    float dy;
} gesture_t;

typedef enum { INPUT_IDLE, INPUT_PRESSED, INPUT_DRAGGING, INPUT_HELD, INPUT_SCROLLING } input_state_t;

typedef struct {
    input_state_t state;
    int64_t id;              /* the finger (or mouse) being followed; others are ignored */
    float x0, y0, x, y;
    uint64_t t0;
    float vx_x;              /* position and time at the start of the velocity window */
    uint64_t vx_t;
    float width, slop;
} input_t;

void input_init(input_t *in, int width, int height);
/* Each returns a gesture (kind INPUT_GEST_NONE when there is nothing to act on). */
gesture_t input_down(input_t *in, int64_t id, float x, float y, uint64_t now_ms);
gesture_t input_move(input_t *in, int64_t id, float x, float y, uint64_t now_ms);
gesture_t input_up(input_t *in, int64_t id, float x, float y, uint64_t now_ms);
gesture_t input_tick(input_t *in, uint64_t now_ms);
/* A press was taken away (window lost focus, touch cancelled): spring back if dragging. */
gesture_t input_cancel(input_t *in);
/* Maps a point on the physical output (out_w x out_h) to the picture's own coordinates when
 * the picture is rotated by rotate degrees clockwise (a screen mounted sideways): touch and
 * mouse then act where the visitor sees things. */
void input_unrotate(int rotate, int out_w, int out_h, float *x, float *y);

/* ms until input_tick has something to say (a long press), or -1. */
int64_t input_deadline(const input_t *in, uint64_t now_ms);

#endif
