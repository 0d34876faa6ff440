/* scene: what is on screen, composed in one room for the kiosk and for --screenshot. A panel
 * (or two in a transition) under the chrome, or one overlay in its place: the index, the
 * language picker, the admin overlay, an alert over everything; the 見やすく tray and the
 * keyboard focus ring in the chrome. Each layer is laid out again only when what it shows
 * changed (the *_dirty flags, the chrome's view compared). The geometry of the controls lives
 * here too, so the kiosk asks the scene what a tap hit. */
#ifndef ANNAI_SCENE_H
#define ANNAI_SCENE_H

#include <stdbool.h>
#include <stdint.h>
#include "annai/a11y.h"
#include "annai/admin.h"
#include "annai/alert.h"
#include "annai/app.h"
#include "annai/engine.h"
#include "annai/platform.h"
#include "annai/render.h"
#include "annai/status.h"
#include "annai/ui.h"

typedef struct {
    engine_t *e;
    platform_t *p;
    render_t *rd;
    ui_chrome_t chrome;
    ui_index_t index;
    ui_picker_t picker;
    ui_admin_t admin_ui;
    dlist_t chrome_dl, index_dl, admin_dl, picker_dl, alert_dl;
    bool index_dirty, admin_dirty, chrome_dirty, alert_dirty;
    ui_view_t chrome_view;  /* what chrome_dl shows */
    int faces_for;          /* the language whose faces alone are open; -1: the picker or an alert opened all */
} scene_t;

/* The admin overlay's lines, asked for only when the overlay is laid out again. */
typedef int (*scene_info_fn)(void *ud, char lines[][STATUS_LINE_LEN], int max);

/* What the kiosk shows now. */
typedef struct {
    const app_t *app;
    const a11y_t *a11y;
    const int *shown;            /* deck indexes by position */
    int nshown;
    bool screen_on;
    bool narrating;
    int bx, by;                  /* burn-in shift */
    const admin_t *admin;
    scene_info_fn info;
    void *info_ud;
    const alert_msg_t *alert;    /* NULL: none */
} scene_in_t;

void scene_init(scene_t *s, engine_t *e, platform_t *p, render_t *rd);
void scene_free(scene_t *s);
/* The screen's size or the panel count changed: every control placed again. */
void scene_geometry(scene_t *s, int nshown);
/* Everything laid out again at the next draw. */
void scene_dirty_all(scene_t *s);
void scene_set_tray(scene_t *s, bool open, bool has_furigana, bool has_speaker);
/* The keyboard focus order of what is on screen (the index's or the chrome's controls). */
int scene_focus_ids(const scene_t *s, bool index_open, int *ids);
/* The control at focus position pos, or UI_HIT_NONE. */
int scene_focused(const scene_t *s, bool index_open, int pos);
/* What a tap at x, y hit: in the picker, the index or the chrome (UI_HIT_* or a panel). */
int scene_hit(const scene_t *s, const app_t *a, float x, float y);
int scene_admin_hit(const scene_t *s, admin_state_t st, float x, float y);
/* Draws the frame (not presented). True when it is mid-transition: draw the end too. */
bool scene_draw(scene_t *s, const scene_in_t *in, uint64_t now_ms);

/* --screenshot and --bench: one panel settled, with the chrome for position pos of count in
 * the modes the engine is set to; a whole-screen display list (an alert). */
void scene_draw_panel(platform_t *p, render_t *rd, engine_t *e, int index, lang_t lang, bool hint);
void scene_draw_panel_in(platform_t *p, render_t *rd, engine_t *e, int index, int pos, int count, lang_t lang, bool hint);
void scene_draw_dlist(platform_t *p, render_t *rd, const dlist_t *dl);

#endif
