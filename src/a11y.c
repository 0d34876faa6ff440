/* a11y: the visitor's accessibility choices, focus and scroll as plain state. */
#include "annai/a11y.h"

#include <string.h>

void a11y_init(a11y_t *a, unsigned defaults)
{
    memset(a, 0, sizeof *a);
    a->defaults = a->modes = defaults;
    a->focus = -1;
}

bool a11y_toggle(a11y_t *a, a11y_flag_t f)
{
    a->modes ^= (unsigned)f;
    return a11y_on(a, f);
}

bool a11y_on(const a11y_t *a, a11y_flag_t f) { return (a->modes & (unsigned)f) != 0; }

unsigned a11y_variant(const a11y_t *a) { return a->modes & (A11Y_FURIGANA | A11Y_LARGE | A11Y_CONTRAST); }

bool a11y_reset(a11y_t *a)
{
    bool changed = a->modes != a->defaults || a->focus >= 0 || a->scroll != 0;
    a->modes = a->defaults;
    a->focus = -1;
    a->scroll = 0;
    return changed;
}

void a11y_focus_move(a11y_t *a, int dir, int n)
{
    if (n <= 0) { a->focus = -1; return; }
    if (a->focus < 0) { a->focus = dir < 0 ? n - 1 : 0; return; }
    a->focus = ((a->focus + dir) % n + n) % n;
}

void a11y_focus_clamp(a11y_t *a, int n)
{
    if (a->focus >= n) a->focus = n > 0 ? n - 1 : -1;
}

void a11y_focus_hide(a11y_t *a) { a->focus = -1; }

static void scroll_clamp(a11y_t *a)
{
    if (a->scroll > a->scroll_max) a->scroll = a->scroll_max;
    if (a->scroll < 0) a->scroll = 0;
    a->scroll_cue = a->scroll_max > 0;
}

void a11y_scroll_set(a11y_t *a, float content_h, float visible_h, bool top)
{
    a->scroll_max = content_h > visible_h ? content_h - visible_h : 0;
    if (top) a->scroll = 0;
    scroll_clamp(a);
}

bool a11y_scroll_by(a11y_t *a, float px)
{
    float before = a->scroll;
    a->scroll += px;
    scroll_clamp(a);
    return a->scroll != before;
}

bool a11y_can_scroll(const a11y_t *a) { return a->scroll_max > 0; }
