/* ui: the on-screen chrome (previous/next, page dots, index, language) and the index overlay:
 * geometry and hit tests in plain C, drawn as display lists like the panels. */
#ifndef ANNAI_UI_H
#define ANNAI_UI_H

#include "annai/layout.h"

#define UI_MAX_DOTS 24
#define UI_MAX_INDEX 48

typedef enum { HIT_NONE = -1, HIT_PREV = -2, HIT_NEXT = -3, HIT_INDEX = -4, HIT_LANG = -5, HIT_CLOSE = -6 } ui_hit_t;

typedef struct {
    rectf_t bar, prev, next, index, lang;
    rectf_t dots[UI_MAX_DOTS];
    int ndots;       /* 0 when there are too many panels: "3 / 40" is shown instead */
    float target;    /* the side of a touch target in px */
} ui_chrome_t;

typedef struct {
    rectf_t close;
    rectf_t entries[UI_MAX_INDEX];
    int n;
} ui_index_t;

void ui_chrome_geometry(ui_chrome_t *c, int w, int h, int npanels);
/* HIT_* or a panel index (a page dot). */
int ui_chrome_hit(const ui_chrome_t *c, float x, float y);
void ui_chrome_build(dlist_t *dl, const metrics_t *m, int w, int h, int npanels, int current, lang_t lang,
                     bool hint);

void ui_index_geometry(ui_index_t *ix, int w, int h, int npanels);
int ui_index_hit(const ui_index_t *ix, float x, float y);
void ui_index_build(dlist_t *dl, const metrics_t *m, int w, int h, const char *const *titles, int n,
                    int current, lang_t lang);

#endif
