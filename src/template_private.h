/* template: the panel templates, shared with layout.c's fitting loop: one pass lays a panel
 * out at the context's scale and page height, and says whether text passed its region. */
#ifndef ANNAI_TEMPLATE_PRIVATE_H
#define ANNAI_TEMPLATE_PRIVATE_H

#include "annai/layout.h"
#include "annai/palette.h"

/* text stops this many margins above the navigation bar (its leading leaves air) */
#define TEMPLATE_BOTTOM_AIR_MARGINS 0.2f

typedef struct {
    dlist_t *dl;
    const metrics_t *m;
    const panel_t *p;
    theme_t t;
    float scale;
    bool clip;      /* final pass: cut what does not fit */
    bool overflow;  /* some text passed its region */
    uint32_t accent, ink, muted;
    const palette_t *pal;
    const span_t *title;
    int ntitle;
    bool scroll;    /* larger text: the page grows instead of the type shrinking */
    float page_h;   /* the height laid out on: the screen's, or taller for a scrolling panel */
    int max_cols;   /* timeline: steps per rail; 0 = all on one */
    int used_cols;
    bool narrow_cols; /* timeline: steps may be narrower than TIMELINE_MIN_COL_EM (a small screen) */
} template_ctx_t;

/* One pass: the panel's template at c->scale on a page c->page_h tall; sets c->overflow (a
 * measuring pass) or cuts with … (c->clip), and the timeline's used_cols. */
void template_place(template_ctx_t *c);

#endif
