/* a11y: what a visitor chose for themselves (ふりがな, larger text, high contrast), the keyboard
 * focus and the scroll of a panel set in larger text. Pure state: no SDL, no clock; the kiosk
 * feeds it and asks it. Idle reset puts everything back as the operator set it. */
#ifndef ANNAI_A11Y_H
#define ANNAI_A11Y_H

#include <stdbool.h>

#define A11Y_LARGE_SCALE 1.4f    /* issue 19: all text at least 1.4x in the larger-text mode */
#define A11Y_SCROLL_STEP 0.15f   /* of the visible height: one arrow key press */
#define A11Y_SCROLL_PAGE 0.85f   /* of the visible height: Page Up/Down while a panel scrolls */

typedef enum { A11Y_FURIGANA = 1, A11Y_LARGE = 2, A11Y_CONTRAST = 4 } a11y_flag_t;

typedef struct {
    unsigned modes;          /* A11Y_* the visitor has on */
    unsigned defaults;       /* what idle reset returns to (high contrast may be the operator's default) */
    int focus;               /* position in the focus order, -1: no ring shown (touch use) */
    float scroll, scroll_max; /* px the panel is moved up; 0 when it fits */
    bool scroll_cue;         /* more above or below: the cue is drawn */
} a11y_t;

void a11y_init(a11y_t *a, unsigned defaults);
/* Turns a mode on or off; returns the new state of that mode. */
bool a11y_toggle(a11y_t *a, a11y_flag_t f);
bool a11y_on(const a11y_t *a, a11y_flag_t f);
/* The variant key of the panel layouts (furigana, large, contrast bits). */
unsigned a11y_variant(const a11y_t *a);
/* The visitor walked away: the operator's defaults, no focus ring, top of the panel.
 * Returns true when something visible changed. */
bool a11y_reset(a11y_t *a);

/* Tab / Shift+Tab (dir +1/-1) over n focusable controls; the first Tab shows the ring on the
 * first control (or the last for Shift+Tab). */
void a11y_focus_move(a11y_t *a, int dir, int n);
/* The control count changed (the index opened, a panel with or without narration): the ring
 * stays on a control that exists. */
void a11y_focus_clamp(a11y_t *a, int n);
void a11y_focus_hide(a11y_t *a);

/* The panel's laid-out height and the visible one: how far it may scroll. A new panel starts
 * at its top (top = true). */
void a11y_scroll_set(a11y_t *a, float content_h, float visible_h, bool top);
/* Moves by px (positive: further down the text), kept within the panel. True when it moved. */
bool a11y_scroll_by(a11y_t *a, float px);
bool a11y_can_scroll(const a11y_t *a);

#endif
