/* kiosk_private: what the kiosk's rooms share (kiosk.c the loop, kiosk_visit.c the visitor's
 * panel, modes and narration, kiosk_content.c the deck, time plans and alerts changing under
 * the kiosk, kiosk_input.c the SDL events to actions). Only they include it. */
#ifndef ANNAI_KIOSK_PRIVATE_H
#define ANNAI_KIOSK_PRIVATE_H

#include <SDL2/SDL.h>
#include "annai/a11y.h"
#include "annai/admin.h"
#include "annai/alert.h"
#include "annai/app.h"
#include "annai/fleet.h"
#include "annai/input.h"
#include "annai/kiosk.h"
#include "annai/narration.h"
#include "annai/reload.h"
#include "annai/scene.h"
#include "annai/screen.h"
#include "annai/status.h"
#include "annai/timeplan.h"

struct kiosk_s {
    engine_t *e;
    platform_t *p;
    events_t *ev;
    render_t *rd;
    app_t app;
    input_t in;
    admin_t admin;
    a11y_t a11y;
    scene_t sc;
    screen_t screen;
    reload_t reload;
    narration_t nar;
    fleet_t fleet;
    status_t status;
    bool tray_open;
    bool dirty;
    bool swallow;                    /* the press that woke the screen: its release is not a tap */
    bool exit_asked;                 /* an allowed exit (admin, Ctrl+Q, window close) */
    bool announced;                  /* the start event is out: schedule events may follow */
    bool animating;                  /* the last frame drawn was mid-transition: draw the end too */
    uint64_t started;
    uint64_t tick;                   /* the monotonic ms of the frame being drawn */
    /* the wall clock, read once per tick: the screen schedule, time-bound panels, alerts */
    kiosk_wall_fn wall;
    void *wall_ud;
    int64_t wall_now;                /* s, the clock given (maybe simulated) */
    int64_t wall_ms;                 /* ms, the system's: the heartbeat and the metrics */
    timeplan_civil_t civil;
    timeplan_set_t plan;             /* time-bound panels: app positions index plan.shown */
    alert_watch_t aw;
    alert_set_t alerts;
    alert_state_t ast;
    int alert;                       /* index in alerts on screen, -1: none */
    Uint32 wake_event;               /* pushed by the alert folder's waker thread */
    kiosk_stats_t st;
};

/* kiosk.c: the screen turned on or off (events, counters, the app started again) */
void kiosk_screen_changed(kiosk_t *k, screen_change_t ch, uint64_t now);
bool kiosk_woken(kiosk_t *k, uint64_t now);

/* kiosk_visit.c */
void kiosk_visit_redraw(kiosk_t *k);
int kiosk_visit_deck_index(const kiosk_t *k, int pos);
const char *kiosk_visit_stem(const kiosk_t *k, int i);
const char *kiosk_visit_tag(const kiosk_t *k, int l);
void kiosk_visit_sync_tray(kiosk_t *k);
void kiosk_visit_narration_event(kiosk_t *k, const char *state);
void kiosk_visit_narration_halt(kiosk_t *k, const char *why, uint64_t now);
void kiosk_visit_narration_toggle(kiosk_t *k, uint64_t now);
void kiosk_visit_narration_tick(kiosk_t *k, uint64_t now);
void kiosk_visit_a11y_act(kiosk_t *k, a11y_flag_t f, uint64_t now);
int kiosk_visit_focused(const kiosk_t *k);
void kiosk_visit_focus_move(kiosk_t *k, int dir);
void kiosk_visit_app_events(kiosk_t *k, uint64_t now);
void kiosk_visit_layout(kiosk_t *k);
void kiosk_visit_restart(kiosk_t *k, uint64_t now);

/* kiosk_content.c */
void kiosk_content_schedule_event(kiosk_t *k);
void kiosk_content_plan_tick(kiosk_t *k);
void kiosk_content_plan_reset(kiosk_t *k);
void kiosk_content_problems(kiosk_t *k);
void kiosk_content_reload(kiosk_t *k, uint64_t now);
void kiosk_content_poll(kiosk_t *k, uint64_t now);
void kiosk_content_alerts_load(kiosk_t *k);
void kiosk_content_alert_tick(kiosk_t *k, uint64_t now);

/* kiosk_input.c */
void kiosk_input_gesture(kiosk_t *k, gesture_t g, uint64_t now);
void kiosk_input_event(kiosk_t *k, const SDL_Event *e, uint64_t now);

#endif
