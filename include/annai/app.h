/* app: navigation state machine. Attract mode (auto-advance) and interactive mode, the index,
 * the language, transitions and the idle reset. Pure: time comes in as now_ms. */
#ifndef ANNAI_APP_H
#define ANNAI_APP_H

#include <stdbool.h>
#include <stdint.h>
#include "annai/config.h"

#define APP_MAX_EVENTS 16
#define SLIDE_MS 320          /* a released swipe finishes in this long */
#define SPRING_MS 220

typedef enum { APP_MODE_ATTRACT, APP_MODE_INTERACTIVE } app_mode_t;
typedef enum { APP_VIA_AUTO, APP_VIA_SWIPE, APP_VIA_TAP, APP_VIA_KEY, APP_VIA_MENU, APP_VIA_IDLE, APP_VIA_START } via_t;
typedef enum { APP_TR_NONE, APP_TR_FADE, APP_TR_SLIDE, APP_TR_SPRING } tr_kind_t;
typedef enum { APP_EV_VIEW, APP_EV_IDLE, APP_EV_LANG } app_ev_kind_t;

typedef struct {
    app_ev_kind_t kind;
    int index;
    lang_t lang;
    via_t via;
} app_event_t;

typedef struct {
    tr_kind_t kind;
    int from, to;
    int dir;             /* +1: the new panel comes from the right */
    float start_offset;  /* px the outgoing panel had already moved (a drag) */
    uint64_t start;
    int duration;
} transition_t;

typedef struct {
    int count, current;
    lang_t lang, default_lang;
    int nlangs;
    app_mode_t mode;
    bool index_open;
    bool picker_open;    /* the list of languages */
    int picker_focus;    /* the language the keys are on */
    double dwell_ms, idle_ms;
    int transition_ms;
    const double *panel_dwell_ms; /* per panel, 0 = dwell_ms; may be NULL */
    uint64_t last_input, next_advance;
    transition_t tr;
    bool dragging;
    bool held;           /* narration playing: no auto-advance, no idle reset until it ends */
    float drag_dx;
    float width;
    app_event_t ev[APP_MAX_EVENTS];
    int nev;
} app_t;

/* What to draw now: the panel at `index` offset by `offset` px, and during a transition the
 * panel `other` at `other_offset` with opacity `other_alpha`. */
typedef struct {
    int index, other;
    float offset, other_offset, other_alpha;
    bool animating;
} app_view_t;

void app_init(app_t *a, int count, lang_t lang, double dwell_s, double idle_s, int transition_ms, int width,
              uint64_t now);
void app_set_count(app_t *a, int count, uint64_t now); /* after a reload */
/* The same panel at a new position among count (the shown set changed); timers untouched.
 * Only between transitions: a transition's positions are not renumbered. */
void app_remap(app_t *a, int count, int current);
void app_tick(app_t *a, uint64_t now);
/* Any touch, click or key: interactive mode, idle clock restarted. */
void app_input(app_t *a, uint64_t now);
void app_go(app_t *a, int index, via_t via, tr_kind_t tr, int dir, uint64_t now);
void app_step(app_t *a, int delta, via_t via, uint64_t now);
void app_drag(app_t *a, float dx, uint64_t now);
void app_release(app_t *a, int dir, uint64_t now); /* dir 0: spring back */
/* The deck's languages: 0 .. nlangs-1. */
void app_set_langs(app_t *a, int nlangs);
/* The language picker: open it (closing the index), move its key focus, pick a language. */
void app_set_picker_open(app_t *a, bool open, uint64_t now);
void app_picker_move(app_t *a, int delta, uint64_t now);
void app_pick_lang(app_t *a, lang_t lang, via_t via, uint64_t now);
void app_set_index_open(app_t *a, bool open, uint64_t now);
/* While held (narration plays) the panel stays: auto-advance and the idle reset wait; both
 * count again from the release (a visitor who listened to the end gets the full idle time). */
void app_hold(app_t *a, bool held, uint64_t now);
void app_view(const app_t *a, uint64_t now, app_view_t *v);
/* ms until the state changes by itself (a transition frame, the next advance, the idle reset). */
int64_t app_deadline(const app_t *a, uint64_t now);
/* Takes the queued events (view, idle, lang). */
int app_take_events(app_t *a, app_event_t *out, int max);
const char *app_via_name(via_t v);

#endif
