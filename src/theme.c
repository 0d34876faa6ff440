/* theme: the type scale (theme.h). */
#include "annai/theme.h"

#include <math.h>

#define UNITS_PER_SIDE 100.0f   /* a unit is 1% of the short side */
#define MARGIN_UNITS 6.0f
#define BODY_UNITS 4.6f         /* ~50 px at 1080p: read standing, an arm's length away */
#define MIN_UNITS 3.0f          /* DESIGN: body text never smaller than max(16 px, 3% of the short side) */
#define TITLE_UNITS 7.0f
#define H2_UNITS 5.4f
#define H3_UNITS 4.9f
#define NAV_UNITS 13.0f         /* the navigation bar */

void theme_for_scaled(theme_t *t, int w, int h, float text_scale)
{
    float s = (float)(w < h ? w : h), k = text_scale > 0 ? text_scale : 1.0f;
    t->unit = s / UNITS_PER_SIDE;
    t->margin = MARGIN_UNITS * t->unit;
    t->body_px = BODY_UNITS * t->unit * k;
    t->min_px = fmaxf(THEME_MIN_PX, MIN_UNITS * t->unit) * k;
    t->title_px = TITLE_UNITS * t->unit * k;
    t->h2_px = H2_UNITS * t->unit * k;
    t->h3_px = H3_UNITS * t->unit * k;
    t->chrome_h = NAV_UNITS * t->unit;
}

void theme_for(theme_t *t, int w, int h) { theme_for_scaled(t, w, h, 1.0f); }
