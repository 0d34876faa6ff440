/* kiosk: the wiring. It reads the clocks once per tick and passes the times down to the rooms
 * that decide (app, input, keymap, screen, reload, narration, alerts, time plans, fleet) and the
 * room that draws (scene); it holds no parsing, formatting or drawing of its own. */
#define _DEFAULT_SOURCE
#include "annai/kiosk.h"

#include <SDL2/SDL.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "annai/a11y.h"
#include "annai/admin.h"
#include "annai/app.h"
#include "annai/fleet.h"
#include "annai/input.h"
#include "annai/keymap.h"
#include "annai/narration.h"
#include "annai/reload.h"
#include "annai/scene.h"
#include "annai/schedule.h"
#include "annai/screen.h"
#include "annai/status.h"
#include "annai/timeplan.h"

#define REDRAW_SOON_MS 16 /* a deadline this close draws now (one frame at 60 Hz) */

static volatile sig_atomic_t stop_requested, reopen_requested;
static void on_signal(int sig) { (void)sig; stop_requested = 1; }
static void on_hangup(int sig) { (void)sig; reopen_requested = 1; }

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

static int64_t system_wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void read_wall(kiosk_t *k)
{
    k->wall_now = k->wall(k->wall_ud);
    k->wall_ms = system_wall_ms();
    k->civil = timeplan_civil((time_t)k->wall_now);
}

static void redraw(kiosk_t *k) { k->sc.chrome_dirty = k->dirty = true; }

/* ---- the panel on screen, its narration and the visitor's modes (issue 19) ---- */

/* The deck index of the panel at position pos of those shown now, or -1. */
static int deck_index(const kiosk_t *k, int pos)
{
    return k->plan.shown && pos >= 0 && pos < k->plan.nshown ? k->plan.shown[pos] : -1;
}

static const char *stem_of(const kiosk_t *k, int i) { return i >= 0 && i < k->e->deck.count ? k->e->deck.entries[i].stem : NULL; }
static const char *tag_of(const kiosk_t *k, int l) { return lang_tag(&k->e->cfg.langs, (lang_t)l); }

static void sync_tray(kiosk_t *k)
{
    int i = deck_index(k, k->app.current);
    narration_find(&k->nar, i, (int)k->app.lang, k->e->cfg.content_dir, stem_of(k, i), tag_of(k, k->app.lang));
    scene_set_tray(&k->sc, k->tray_open, k->e->has_furigana, narration_available(&k->nar));
}

static void narration_event(kiosk_t *k, const char *state)
{
    const char *stem = stem_of(k, k->nar.index);
    events_emit_narration(k->ev, state, stem ? stem : k->e->deck.entries[0].stem, tag_of(k, k->nar.lang));
}

/* why: "stop" (the visitor, a panel or language change, idle) or "end" (it played out) */
static void narration_halt(kiosk_t *k, const char *why, uint64_t now)
{
    if (!narration_stop(&k->nar)) return;
    app_hold(&k->app, false, now);
    narration_event(k, why);
    redraw(k);
}

static void narration_toggle(kiosk_t *k, uint64_t now)
{
    if (k->nar.playing) { narration_halt(k, "stop", now); return; }
    sync_tray(k);
    char err[1200];
    narration_result_t r = narration_play(&k->nar, err, sizeof err);
    if (r == NARRATION_NONE) return;
    if (r == NARRATION_FAILED) {
        LOG(LOG_WARN, "audio", "%s", err);
        narration_event(k, "failed");
        return;
    }
    app_hold(&k->app, true, now);
    narration_event(k, "play");
    redraw(k);
}

/* The panel on screen may be taller than the screen (larger text): how far it scrolls. */
static void update_scroll(kiosk_t *k, bool top)
{
    int i = deck_index(k, k->app.current);
    const dlist_t *dl = i >= 0 ? engine_panel(k->e, i, k->app.lang) : NULL;
    a11y_scroll_set(&k->a11y, dl ? dl->content_h : 0, (float)k->p->h, top);
    redraw(k);
}

static void apply_modes(kiosk_t *k)
{
    engine_set_variant(k->e, a11y_variant(&k->a11y));
    engine_fit_atlas(k->e, render_atlas(k->rd), k->p->w, k->p->h);
    k->sc.index_dirty = true;
    update_scroll(k, true);
}

static void a11y_act(kiosk_t *k, a11y_flag_t f, uint64_t now)
{
    static const char *const names[] = {[A11Y_FURIGANA] = "furigana", [A11Y_LARGE] = "large", [A11Y_CONTRAST] = "contrast"};
    app_input(&k->app, now);
    bool on = a11y_toggle(&k->a11y, f);
    apply_modes(k);
    events_emit_a11y(k->ev, names[f], on);
}

/* The visitor walked away: everything as the operator set it. */
static void a11y_idle(kiosk_t *k, uint64_t now)
{
    narration_halt(k, "stop", now);
    k->tray_open = false;
    a11y_reset(&k->a11y);
    apply_modes(k);
}

static int focused(const kiosk_t *k) { return scene_focused(&k->sc, k->app.index_open, k->a11y.focus); }

static void focus_move(kiosk_t *k, int dir)
{
    int ids[UI_MAX_FOCUS];
    a11y_focus_move(&k->a11y, dir, scene_focus_ids(&k->sc, k->app.index_open, ids));
    k->sc.index_dirty = true;
    redraw(k);
}

static void on_app_event(kiosk_t *k, const app_event_t *ev, uint64_t now)
{
    if (ev->kind == APP_EV_IDLE) {
        a11y_idle(k, now);
        events_emit(k->ev, "idle", NULL);
        return;
    }
    if (narration_elsewhere(&k->nar, deck_index(k, ev->index), (int)ev->lang)) narration_halt(k, "stop", now);
    update_scroll(k, true);
    if (ev->kind == APP_EV_VIEW) {
        k->st.views++;
        k->fleet.mc.views[ev->via]++;
        events_emit_view(k->ev, k->e->deck.entries[k->plan.shown[ev->index]].stem, ev->index + 1, tag_of(k, ev->lang),
                         app_via_name(ev->via));
    } else {
        k->st.lang_switches++;
        k->fleet.mc.lang_switches++;
        k->sc.index_dirty = k->sc.admin_dirty = true; /* they speak the new language */
        events_emit_lang(k->ev, tag_of(k, ev->lang));
    }
}

static void emit_app_events(kiosk_t *k, uint64_t now)
{
    app_event_t ev[APP_MAX_EVENTS];
    int n = app_take_events(&k->app, ev, APP_MAX_EVENTS);
    for (int i = 0; i < n; i++) {
        on_app_event(k, &ev[i], now);
        k->dirty = true;
    }
}

static void layout_chrome(kiosk_t *k)
{
    int w = k->p->w, h = k->p->h;
    engine_set_size(k->e, w, h);
    scene_geometry(&k->sc, k->plan.nshown);
    input_init(&k->in, w, h);
    engine_fit_atlas(k->e, render_atlas(k->rd), w, h);
    k->app.width = (float)w;
    narration_forget(&k->nar);
    sync_tray(k);
    k->dirty = true;
    update_scroll(k, false);
}

static void restart_app(kiosk_t *k, uint64_t now)
{
    const config_t *c = &k->e->cfg;
    app_init(&k->app, k->plan.nshown, c->lang, c->dwell_s, c->idle_timeout_s, c->transition_ms, k->p->w, now);
    app_set_langs(&k->app, engine_nlangs(k->e));
    k->app.panel_dwell_ms = k->plan.dwell;
    narration_halt(k, "stop", now);
    k->tray_open = false;
    a11y_reset(&k->a11y);
    engine_set_variant(k->e, a11y_variant(&k->a11y));
    layout_chrome(k);
}

/* ---- time-bound panels ---- */

static void emit_schedule(kiosk_t *k)
{
    if (!k->announced) return; /* the first set follows the start event */
    const char **stems = mem_calloc((size_t)k->plan.ntarget + 1, sizeof *stems);
    for (int i = 0; i < k->plan.ntarget; i++) stems[i] = k->e->deck.entries[k->plan.target[i]].stem;
    events_emit_schedule(k->ev, stems, k->plan.ntarget);
    free(stems);
}

/* The set at the wall clock's minute; the app renumbered when the shown set changes, only
 * between transitions (whose positions are not renumbered). */
static void plan_tick(kiosk_t *k)
{
    app_t *a = &k->app;
    if (timeplan_set_target(&k->plan, &k->civil)) emit_schedule(k);
    if (k->plan.shown && (a->tr.kind != APP_TR_NONE || a->dragging)) return;
    int pos = timeplan_set_apply(&k->plan, a->current, k->e->dwell_ms);
    if (pos < 0) return;
    a->panel_dwell_ms = k->plan.dwell;
    app_remap(a, k->plan.nshown, pos);
    layout_chrome(k);
}

/* After a (re)load the deck is new: indexes from the old one mean nothing. */
static void plan_reset(kiosk_t *k)
{
    const deck_t *d = &k->e->deck;
    const timeplan_t **plans = mem_calloc((size_t)d->count + 1, sizeof *plans);
    for (int i = 0; i < d->count; i++) plans[i] = &deck_panel(d, i, LANG_DEFAULT)->plan;
    timeplan_set_reset(&k->plan, plans, d->count);
    free(plans);
    plan_tick(k);
}

/* ---- reload ---- */

static void log_diags(const diag_list_t *d, const char *module)
{
    for (int i = 0; i < d->count; i++) LOG(LOG_WARN, module, "%s", d->items[i].text);
}

/* What went wrong at start goes where the operator looks (the admin overlay, the events), not
 * on the notice visitors see. The folder is read again: only when something was wrong. */
static void startup_problems(kiosk_t *k)
{
    const char *dir = k->e->cfg.content_dir;
    if (!k->e->problems && !deck_is_notice(&k->e->deck)) return;
    deck_t deck;
    diag_list_t d = {0};
    deck_load(&deck, dir, &k->e->cfg.langs, &d);
    if (!d.count) diag_add(&d, dir, 0, "no panels: add NN-name.md files (see README)");
    status_keep_errors(&k->status, &d);
    events_emit_problems(k->ev, d.count, d.items[0].text);
    deck_free(&deck);
    diag_clear(&d);
}

static void reload_failed(kiosk_t *k, const diag_list_t *d)
{
    events_emit_reload_failed(k->ev, d->count ? d->items[0].text : "no valid panel");
    log_diags(d, "content");
    k->st.reload_failures++;
    k->fleet.mc.reload_failures++;
}

static void reload_swap(kiosk_t *k, deck_t *deck, uint64_t now)
{
    narration_halt(k, "stop", now);
    engine_set_deck(k->e, deck);
    diag_list_t fd = {0};
    engine_load_furigana(k->e, k->e->cfg.content_dir, &fd);
    log_diags(&fd, "content");
    diag_clear(&fd);
    plan_reset(k);
    app_set_count(&k->app, k->plan.nshown, now);
    layout_chrome(k);
    events_emit_reload(k->ev, k->e->deck.count, k->reload.ini_changed);
    if (k->reload.ini_changed) LOG(LOG_WARN, "config", "%s/kiosk.ini changed: restart annai to apply it", k->e->cfg.content_dir);
    k->st.reloads++;
    k->fleet.mc.reloads++;
    k->fleet.content_hash = health_content_hash(&k->e->deck);
}

/* Parses everything into a new deck; all valid -> swap in, else keep the last good one. The
 * folder's signature is taken before loading (reload_begin). */
static void reload_now(kiosk_t *k, uint64_t now)
{
    const char *dir = k->e->cfg.content_dir;
    deck_t deck;
    diag_list_t d = {0};
    reload_begin(&k->reload, deck_signature(dir));
    if (reload_ini_seen(&k->reload, reload_ini_hash(dir))) reload_check_ini(dir, &d);
    deck_load(&deck, dir, &k->e->cfg.langs, &d);
    status_keep_errors(&k->status, &d);
    reload_outcome_t o = reload_outcome(&k->reload, d.count, deck.count);
    if (o == RELOAD_FAILED) {
        reload_failed(k, &d);
        deck_free(&deck);
    } else {
        reload_swap(k, &deck, now);
    }
    status_stamp(&k->status, k->wall_now, reload_status_label(o));
    diag_clear(&d);
    k->dirty = k->sc.admin_dirty = true;
}

static void poll_reload(kiosk_t *k, uint64_t now)
{
    if (reload_poll_due(&k->reload, now) && reload_poll(&k->reload, deck_signature(k->e->cfg.content_dir), now))
        reload_now(k, now);
}

/* ---- the screen schedule ---- */

static void on_gesture(kiosk_t *k, gesture_t g, uint64_t now);

static void screen_changed(kiosk_t *k, screen_change_t ch, uint64_t now)
{
    if (ch == SCREEN_STAY) return;
    bool on = ch == SCREEN_TURNED_ON;
    if (on) k->fleet.mc.screen_ons++;
    else k->fleet.mc.screen_offs++;
    events_emit_screen(k->ev, on);
    if (on) restart_app(k, now);
    else admin_close(&k->admin);
    k->dirty = true;
}

/* Input while the screen is dark wakes it for idle_timeout; that input does nothing else. */
static bool woken(kiosk_t *k, uint64_t now)
{
    if (!screen_wake(&k->screen, &k->e->cfg, now)) return false;
    screen_changed(k, SCREEN_TURNED_ON, now);
    return true;
}

/* ---- alerts ---- */

static void alert_reload(kiosk_t *k)
{
    diag_list_t d = {0};
    alert_set_free(&k->alerts);
    alert_set_load(&k->alerts, &k->e->cfg.langs, k->aw.dir, &d);
    for (int i = 0; i < d.count; i++) LOG(LOG_WARN, "alert", "%s (shown anyway)", d.items[i].text);
    if (d.count) status_keep_errors(&k->status, &d);
    diag_clear(&d);
    k->sc.alert_dirty = true;
}

/* An alert comes on over everything, also on a dark screen; when it goes, the kiosk goes on
 * where it was (the panel's dwell starts again) and the screen schedule decides again. */
static void alert_tick(kiosk_t *k, uint64_t now)
{
    if (alert_watch_changed(&k->aw, now)) alert_reload(k);
    int pick = alert_pick(&k->alerts, &k->civil);
    char *was = NULL;
    alert_change_t ch = alert_state_update(&k->ast, pick >= 0 ? &k->alerts.items[pick] : NULL, &was);
    if (ch == ALERT_OFF || ch == ALERT_SWITCH) events_emit_alert(k->ev, "off", was);
    if (ch == ALERT_ON || ch == ALERT_SWITCH) {
        events_emit_alert(k->ev, "on", k->ast.file);
        k->fleet.mc.alerts++;
    }
    free(was);
    if (pick != k->alert) k->sc.alert_dirty = k->dirty = true;
    k->alert = pick;
    if (ch == ALERT_ON) {
        narration_halt(k, "stop", now); /* the emergency message is what counts now */
        on_gesture(k, input_cancel(&k->in), now);
        screen_changed(k, screen_set(&k->screen, true), now);
    } else if (ch == ALERT_OFF) {
        app_set_count(&k->app, k->plan.nshown, now);
        screen_check_soon(&k->screen, now);
    }
}

/* ---- input ---- */

static void admin_act(kiosk_t *k, int hit, uint64_t now)
{
    admin_t *a = &k->admin;
    if (hit >= 0 && hit <= 9) admin_digit(a, hit, now);
    else if (hit == UI_AHIT_BACK) admin_backspace(a, now);
    else if (hit == UI_AHIT_OK) admin_submit(a, k->e->cfg.pin, now);
    else if (hit == UI_AHIT_CLOSE) admin_close(a);
    else if (hit == UI_AHIT_RELOAD) reload_now(k, now);
    else if (hit == UI_AHIT_EXIT && k->e->cfg.allow_exit) k->exit_asked = true;
    if (hit != UI_AHIT_NONE) a->last_input = now;
    k->sc.admin_dirty = k->dirty = true;
}

static void act_on_hit(kiosk_t *k, int hit, uint64_t now)
{
    app_t *a = &k->app;
    switch (hit) {
    case UI_HIT_PREV: app_step(a, -1, APP_VIA_TAP, now); break;
    case UI_HIT_NEXT: app_step(a, 1, APP_VIA_TAP, now); break;
    case UI_HIT_INDEX: app_set_index_open(a, true, now); k->st.index_opens++; break;
    case UI_HIT_LANG: app_set_picker_open(a, true, now); break;
    case UI_HIT_CLOSE: app_set_index_open(a, false, now); break;
    case UI_HIT_ACCESS: app_input(a, now); k->tray_open = !k->tray_open; sync_tray(k); break;
    case UI_HIT_FURIGANA: a11y_act(k, A11Y_FURIGANA, now); break;
    case UI_HIT_LARGE: a11y_act(k, A11Y_LARGE, now); break;
    case UI_HIT_CONTRAST: a11y_act(k, A11Y_CONTRAST, now); break;
    case UI_HIT_SPEAKER: app_input(a, now); narration_toggle(k, now); break;
    case UI_HIT_NONE: break;
    default:
        if (a->index_open) {
            app_set_index_open(a, false, now);
            app_go(a, hit, APP_VIA_MENU, APP_TR_FADE, 1, now);
        } else {
            app_go(a, hit, APP_VIA_TAP, APP_TR_FADE, hit > a->current ? 1 : -1, now);
        }
    }
    k->dirty = true;
}

/* A tap or key in the language picker: a language, Close, or nothing (it stays open). */
static void picker_act(kiosk_t *k, int hit, via_t via, uint64_t now)
{
    if (hit == UI_HIT_CLOSE) app_set_picker_open(&k->app, false, now);
    else if (hit >= 0) app_pick_lang(&k->app, hit, via, now);
    k->dirty = true;
}

static void on_tap(kiosk_t *k, float x, float y, uint64_t now)
{
    app_input(&k->app, now);
    if (k->a11y.focus >= 0) { /* touch: no ring */
        a11y_focus_hide(&k->a11y);
        k->sc.chrome_dirty = k->sc.index_dirty = true;
    }
    int hit = scene_hit(&k->sc, &k->app, x, y);
    if (k->app.picker_open) picker_act(k, hit, APP_VIA_TAP, now);
    else act_on_hit(k, hit, now);
}

static void on_gesture(kiosk_t *k, gesture_t g, uint64_t now)
{
    app_t *a = &k->app;
    bool paging = !a->index_open && !a->picker_open;
    if (g.kind == INPUT_GEST_NONE) return;
    if (k->admin.state != ADMIN_CLOSED) {
        if (g.kind == INPUT_GEST_TAP) admin_act(k, scene_admin_hit(&k->sc, k->admin.state, g.x, g.y), now);
        return;
    }
    switch (g.kind) {
    case INPUT_GEST_DRAG: if (paging) app_drag(a, g.dx, now); break;
    case INPUT_GEST_SWIPE: if (paging) app_release(a, g.dir, now); break;
    case INPUT_GEST_SPRING: if (paging) app_release(a, 0, now); break;
    case INPUT_GEST_SCROLL:
        if (paging && a11y_scroll_by(&k->a11y, -g.dy)) k->sc.chrome_dirty = true;
        app_input(a, now);
        break;
    case INPUT_GEST_TAP: on_tap(k, g.x, g.y, now); break;
    case INPUT_GEST_LONG_PRESS:
        app_input(a, now);
        if (ui_admin_corner(k->p->w, k->p->h, g.x, g.y)) admin_request(&k->admin, k->e->cfg.pin, false, now);
        k->sc.admin_dirty = true;
        break;
    default: break;
    }
    k->dirty = true;
}

/* Touches are counted for the curators' statistics, but never while the admin overlay is open:
 * the PIN pad's layout depends only on the screen size, so its taps would spell the PIN. */
static void log_touch(kiosk_t *k, const char *kind, float x, float y)
{
    if (k->admin.state == ADMIN_CLOSED) events_emit_touch(k->ev, kind, x, y);
}

/* A control chosen with the keys: what a tap on it does; the ring follows into and out of the index. */
static void activate(kiosk_t *k, int id, uint64_t now)
{
    bool was_open = k->app.index_open;
    act_on_hit(k, id, now);
    int ids[UI_MAX_FOCUS], n = scene_focus_ids(&k->sc, k->app.index_open, ids);
    if (k->app.index_open != was_open) {
        int want = k->app.index_open ? k->app.current : UI_HIT_INDEX;
        k->a11y.focus = 0;
        for (int i = 0; i < n; i++)
            if (ids[i] == want) k->a11y.focus = i;
    }
    a11y_focus_clamp(&k->a11y, n);
    k->sc.index_dirty = true;
    redraw(k);
}

static unsigned key_state(const kiosk_t *k)
{
    const a11y_t *y = &k->a11y;
    unsigned s = 0;
    if (k->admin.state != ADMIN_CLOSED) s |= KEYMAP_IN_ADMIN;
    if (k->admin.state == ADMIN_OPEN) s |= KEYMAP_IN_ADMIN_OPEN;
    if (k->app.picker_open) s |= KEYMAP_IN_PICKER;
    if (y->focus >= 0) s |= KEYMAP_IN_RING;
    s |= k->app.index_open ? KEYMAP_IN_INDEX : KEYMAP_IN_PANEL;
    if (a11y_can_scroll(y)) s |= KEYMAP_IN_SCROLLS;
    if (y->scroll > 0) s |= KEYMAP_IN_CAN_UP;
    if (y->scroll < y->scroll_max) s |= KEYMAP_IN_CAN_DOWN;
    if (k->e->cfg.allow_exit) s |= KEYMAP_IN_EXIT_OK;
    return s;
}

/* Keys that act on the PIN pad, the overlay or the language picker. False: not one of those. */
static bool overlay_key(kiosk_t *k, keymap_hit_t h, uint64_t now)
{
    switch (h.action) {
    case KEYMAP_NOTHING: break;
    case KEYMAP_ADMIN_DOOR: admin_request(&k->admin, k->e->cfg.pin, true, now); k->sc.admin_dirty = true; break;
    case KEYMAP_ADMIN_DIGIT: admin_act(k, h.arg, now); break;
    case KEYMAP_ADMIN_BACK: admin_act(k, UI_AHIT_BACK, now); break;
    case KEYMAP_ADMIN_OK: admin_act(k, UI_AHIT_OK, now); break;
    case KEYMAP_ADMIN_CLOSE: admin_act(k, UI_AHIT_CLOSE, now); break;
    case KEYMAP_ADMIN_RELOAD: admin_act(k, UI_AHIT_RELOAD, now); break;
    case KEYMAP_PICKER_MOVE: app_picker_move(&k->app, h.arg, now); break;
    case KEYMAP_PICKER_PRESS: picker_act(k, k->app.picker_focus, APP_VIA_KEY, now); break;
    case KEYMAP_PICKER_LANG: picker_act(k, h.arg < k->app.nlangs ? h.arg : UI_HIT_NONE, APP_VIA_KEY, now); break;
    case KEYMAP_PICKER_CLOSE: picker_act(k, UI_HIT_CLOSE, APP_VIA_KEY, now); break;
    default: return false;
    }
    return true;
}

/* The focus ring and scrolling (a USB keypad at a public terminal). False: not one of those. */
static bool a11y_key(kiosk_t *k, keymap_hit_t h, uint64_t now)
{
    float h_px = (float)k->p->h;
    switch (h.action) {
    case KEYMAP_FOCUS_MOVE: focus_move(k, h.arg); break;
    case KEYMAP_FOCUS_PRESS: activate(k, focused(k), now); break;
    case KEYMAP_SCROLL: a11y_scroll_by(&k->a11y, (float)h.arg * h_px * A11Y_SCROLL_STEP); break;
    case KEYMAP_SCROLL_PAGE: a11y_scroll_by(&k->a11y, (float)h.arg * h_px * A11Y_SCROLL_PAGE); break;
    default: return false;
    }
    app_input(&k->app, now);
    redraw(k);
    return true;
}

static void on_key(kiosk_t *k, const SDL_KeyboardEvent *e, uint64_t now)
{
    app_t *a = &k->app;
    keymap_hit_t h = keymap_lookup(e->keysym.sym, keymap_mods(e->keysym.mod), key_state(k));
    k->dirty = true;
    if (overlay_key(k, h, now) || a11y_key(k, h, now)) return;
    switch (h.action) {
    case KEYMAP_EXIT: k->exit_asked = true; break;
    case KEYMAP_STEP: app_step(a, h.arg, APP_VIA_KEY, now); break;
    case KEYMAP_FIRST: app_go(a, 0, APP_VIA_KEY, APP_TR_FADE, -1, now); break;
    case KEYMAP_LAST: app_go(a, a->count - 1, APP_VIA_KEY, APP_TR_FADE, 1, now); break;
    case KEYMAP_INDEX_CLOSE: app_set_index_open(a, false, now); break;
    case KEYMAP_INDEX_TOGGLE: app_set_index_open(a, !a->index_open, now); break;
    case KEYMAP_PICKER_OPEN: app_set_picker_open(a, true, now); break;
    default: app_input(a, now); break;
    }
}

/* A pointer event: output coordinates -> the picture's, woken screen, gesture. */
static void on_pointer(kiosk_t *k, int kind, int64_t id, float x, float y, uint64_t now)
{
    input_unrotate(k->p->rotate, k->p->out_w, k->p->out_h, &x, &y);
    if (kind == SDL_MOUSEBUTTONDOWN || kind == SDL_FINGERDOWN) {
        if ((k->swallow = woken(k, now))) return;
        log_touch(k, "down", x, y);
        on_gesture(k, input_down(&k->in, id, x, y, now), now);
    } else if (kind == SDL_MOUSEBUTTONUP || kind == SDL_FINGERUP) {
        if (k->swallow || !k->screen.on) { k->swallow = false; return; }
        log_touch(k, "up", x, y);
        on_gesture(k, input_up(&k->in, id, x, y, now), now);
    } else if (k->screen.on && !k->swallow) {
        on_gesture(k, input_move(&k->in, id, x, y, now), now);
    }
}

static bool is_input(Uint32 type)
{
    return type == SDL_MOUSEBUTTONDOWN || type == SDL_MOUSEBUTTONUP || type == SDL_MOUSEMOTION || type == SDL_FINGERDOWN ||
           type == SDL_FINGERUP || type == SDL_FINGERMOTION || type == SDL_KEYDOWN;
}

static void on_window(kiosk_t *k, const SDL_WindowEvent *w, uint64_t now)
{
    if (w->event == SDL_WINDOWEVENT_SIZE_CHANGED || w->event == SDL_WINDOWEVENT_DISPLAY_CHANGED) {
        platform_update_size(k->p);
        layout_chrome(k);
    } else if (w->event == SDL_WINDOWEVENT_FOCUS_LOST) {
        on_gesture(k, input_cancel(&k->in), now);
    }
    k->dirty = true;
}

static void on_event_in(kiosk_t *k, const SDL_Event *e, uint64_t now)
{
    float ow = (float)k->p->out_w, oh = (float)k->p->out_h;
    if (k->alert >= 0 && is_input(e->type)) return; /* a touch does not dismiss an alert */
    switch (e->type) {
    case SDL_QUIT:
        if (k->e->cfg.allow_exit) k->exit_asked = true; /* else: visitors cannot close the kiosk */
        break;
    case SDL_MOUSEBUTTONDOWN: case SDL_MOUSEBUTTONUP:
        /* touches arrive as finger events; SDL's mouse copies of them are dropped */
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT) break;
        on_pointer(k, (int)e->type, -1, (float)e->button.x, (float)e->button.y, now);
        break;
    case SDL_MOUSEMOTION:
        if (e->motion.which == SDL_TOUCH_MOUSEID) break;
        on_pointer(k, (int)e->type, -1, (float)e->motion.x, (float)e->motion.y, now);
        break;
    case SDL_FINGERDOWN: case SDL_FINGERUP: case SDL_FINGERMOTION:
        on_pointer(k, (int)e->type, (int64_t)e->tfinger.fingerId, e->tfinger.x * ow, e->tfinger.y * oh, now);
        break;
    case SDL_KEYDOWN:
        if (!woken(k, now)) on_key(k, &e->key, now);
        break;
    case SDL_WINDOWEVENT: on_window(k, &e->window, now); break;
    case SDL_RENDER_TARGETS_RESET: case SDL_RENDER_DEVICE_RESET:
        render_reset(k->rd); /* the atlas and images are made again on use */
        k->dirty = true;
        break;
    default: break;
    }
}

/* The language picker opened (by touch or keys): a narration in the old language stops. */
static void on_event(kiosk_t *k, const SDL_Event *e, uint64_t now)
{
    on_event_in(k, e, now);
    if (k->app.picker_open) narration_halt(k, "stop", now);
}

/* ---- the frame ---- */

static int admin_lines(void *ud, char lines[][STATUS_LINE_LEN], int max)
{
    kiosk_t *k = ud;
    const engine_t *e = k->e;
    status_info_t in = {k->tick - k->started, e->cfg.content_dir, deck_is_notice(&e->deck), e->deck.count,
                        k->plan.ntarget, k->p->w, k->p->h, k->p->rotate, schedule_active(&e->cfg), &k->fleet.health};
    return status_admin_lines(&k->status, &in, lines, max);
}

static void draw(kiosk_t *k, uint64_t now)
{
    k->tick = now;
    sync_tray(k);
    const alert_msg_t *alert = k->alert >= 0 ? &k->alerts.items[k->alert] : NULL;
    scene_in_t in = {&k->app, &k->a11y, k->plan.shown, k->plan.nshown, k->screen.on, k->nar.playing, k->screen.bx,
                     k->screen.by, &k->admin, admin_lines, k, alert};
    k->animating = scene_draw(&k->sc, &in, now);
}

static fleet_view_t fleet_view(const kiosk_t *k)
{
    int i = k->app.current;
    const char *stem = stem_of(k, deck_index(k, i));
    fleet_view_t v = {stem ? stem : "", i, tag_of(k, k->app.lang), k->screen.on,
                      k->e->deck.count, k->alert >= 0};
    return v;
}

static void write_health(kiosk_t *k, const char *state, bool up)
{
    const config_t *c = &k->e->cfg;
    if (fleet_events_result(&k->fleet, c->events_path, k->ev->err)) k->sc.admin_dirty = true;
    fleet_view_t v = fleet_view(k);
    if (fleet_write(&k->fleet, c, state, up, k->wall_ms, &v)) k->sc.admin_dirty = true;
}

/* The heartbeat and the metrics, every heartbeat_interval from the loop. */
static void heartbeat(kiosk_t *k, uint64_t now)
{
    if (fleet_events_result(&k->fleet, k->e->cfg.events_path, k->ev->err)) k->sc.admin_dirty = true;
    notify_tick(&k->fleet.notify, now, k->fleet.last_frame, !k->screen.on);
    if (fleet_heartbeat_due(&k->fleet, now, (uint64_t)(k->e->cfg.heartbeat_interval_s * 1000))) write_health(k, "running", true);
}

static int64_t sleep_budget(kiosk_t *k, uint64_t now)
{
    int64_t t = MAX_SLEEP_MS, d;
    if (k->screen.on) {
        if ((d = app_deadline(&k->app, now)) < t) t = d;
        if ((d = narration_deadline(&k->nar)) < t) t = d;
        if ((d = input_deadline(&k->in, now)) >= 0 && d < t) t = d;
    }
    if ((d = screen_deadline(&k->screen, now)) < t) t = d;
    if ((d = reload_deadline(&k->reload, now)) < t) t = d;
    if ((d = alert_watch_deadline(&k->aw, now)) < t) t = d;
    const config_t *c = &k->e->cfg;
    if ((d = fleet_deadline(&k->fleet, now, c->heartbeat_path || c->metrics_path)) < t) t = d;
    return t < 0 ? 0 : t;
}

static void update(kiosk_t *k, uint64_t now)
{
    read_wall(k);
    alert_tick(k, now);
    screen_changed(k, screen_check(&k->screen, &k->e->cfg, k->civil.wday, k->civil.minute, k->alert >= 0, now), now);
    plan_tick(k);
    if (admin_tick(&k->admin, now)) k->dirty = true;
    if (k->screen.on && k->alert < 0) {
        if (narration_ended(&k->nar)) {
            app_hold(&k->app, false, now);
            narration_event(k, "end");
            redraw(k);
        }
        app_tick(&k->app, now);
        on_gesture(k, input_tick(&k->in, now), now);
        emit_app_events(k, now);
        if (screen_burnin(&k->screen, now, k->p->w, k->p->h)) k->dirty = true;
    }
    poll_reload(k, now);
}

/* What systemd shows in `systemctl status`: the panel and language on screen. */
static void presented(kiosk_t *k, uint64_t now, double seconds)
{
    char status[NOTIFY_STATUS_LEN];
    int i = k->app.current;
    status_systemd(status, sizeof status, k->alert >= 0 ? k->alerts.items[k->alert].stem : NULL, k->screen.on, i,
                   k->plan.nshown, k->alert < 0 && k->screen.on ? stem_of(k, deck_index(k, i)) : "", tag_of(k, k->app.lang));
    fleet_presented(&k->fleet, now, k->wall_ms, seconds, status);
}

bool kiosk_frame(kiosk_t *k, uint64_t now, uint64_t (*clock)(void))
{
    update(k, now);
    if (fleet_stalled(&k->fleet, now)) return false;
    bool soon = k->screen.on && (k->animating || app_deadline(&k->app, now) <= REDRAW_SOON_MS);
    if (!fleet_keepalive_due(&k->fleet, now) && !k->dirty && !soon) return false;
    double t0 = mono_s();
    draw(k, now);
    platform_present(k->p);
    presented(k, now, mono_s() - t0);
    status_count_frame(&k->status, now, clock ? clock() : now);
    k->dirty = false;
    k->st.frames++;
    return true;
}

/* ---- start, stop, the loop ---- */

/* SIGTERM/SIGINT stop with a stop event; SIGHUP reopens the events file (logrotate's
 * postrotate); a gone events reader (SIGPIPE) and stray SIGUSR1/2 do not kill the kiosk. */
static void on_signals(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_hangup;
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
}

static int64_t system_wall(void *ud)
{
    (void)ud;
    return (int64_t)time(NULL);
}

/* On the waker's thread: an event wakes the loop's SDL_WaitEventTimeout at once. */
static void wake_loop(void *ud)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = *(Uint32 *)ud;
    SDL_PushEvent(&e);
}

kiosk_t *kiosk_create_at(engine_t *e, platform_t *p, events_t *ev, uint64_t now, kiosk_wall_fn wall, void *ud)
{
    kiosk_t *k = mem_calloc(1, sizeof *k);
    k->e = e;
    k->p = p;
    k->ev = ev;
    k->rd = render_create(p->r, e->fonts);
    scene_init(&k->sc, e, p, k->rd);
    screen_init(&k->screen);
    status_init(&k->status, now);
    narration_init(&k->nar, e->cfg.volume);
    k->started = now;
    k->wall = wall ? wall : system_wall;
    k->wall_ud = ud;
    k->alert = -1;
    read_wall(k);
    plan_reset(k);
    alert_watch_open(&k->aw, config_alert_dir(&e->cfg), now);
    k->wake_event = SDL_RegisterEvents(1);
    if (k->wake_event != (Uint32)-1) alert_watch_wake(&k->aw, wake_loop, &k->wake_event);
    alert_reload(k);
    a11y_init(&k->a11y, e->cfg.high_contrast ? A11Y_CONTRAST : 0);
    restart_app(k, now);
    reload_init(&k->reload, deck_signature(e->cfg.content_dir), reload_ini_hash(e->cfg.content_dir), now);
    fleet_open(&k->fleet, health_content_hash(&e->deck), now, k->wall_ms);
    events_emit_start(ev, e->deck.count);
    k->announced = true;
    emit_schedule(k);
    startup_problems(k);
    return k;
}

kiosk_t *kiosk_create(engine_t *e, platform_t *p, events_t *ev, uint64_t now)
{
    return kiosk_create_at(e, p, ev, now, NULL, NULL);
}

void kiosk_destroy(kiosk_t *k)
{
    if (!k) return;
    notify_stopping(&k->fleet.notify);
    events_emit(k->ev, "stop", NULL);
    k->wall_ms = system_wall_ms();
    write_health(k, "stopped", false);
    status_free(&k->status);
    narration_halt(k, "stop", k->fleet.last_frame);
    narration_destroy(&k->nar);
    scene_free(&k->sc);
    alert_set_free(&k->alerts);
    alert_state_free(&k->ast);
    alert_watch_close(&k->aw);
    timeplan_set_free(&k->plan);
    render_destroy(k->rd);
    free(k);
}

void kiosk_handle(kiosk_t *k, const SDL_Event *e, uint64_t now) { on_event(k, e, now); }
int64_t kiosk_sleep_ms(kiosk_t *k, uint64_t now) { return sleep_budget(k, now); }
bool kiosk_exit_asked(const kiosk_t *k) { return k->exit_asked; }

int kiosk_admin_lines(kiosk_t *k, char lines[][KIOSK_INFO_LEN], uint64_t now)
{
    const engine_t *e = k->e;
    status_info_t in = {now - k->started, e->cfg.content_dir, deck_is_notice(&e->deck), e->deck.count, k->plan.ntarget,
                        k->p->w, k->p->h, k->p->rotate, schedule_active(&e->cfg), &k->fleet.health};
    return status_admin_lines(&k->status, &in, lines, UI_ADMIN_INFO);
}

void kiosk_write_health(kiosk_t *k)
{
    k->wall_ms = system_wall_ms();
    write_health(k, "running", true);
}

int kiosk_shown(const kiosk_t *k, const int **set)
{
    *set = k->plan.target;
    return k->plan.ntarget;
}

int kiosk_on_screen(const kiosk_t *k) { return deck_index(k, k->app.current); }
bool kiosk_alert_on(const kiosk_t *k) { return k->alert >= 0; }

kiosk_a11y_t kiosk_a11y(kiosk_t *k)
{
    sync_tray(k);
    kiosk_a11y_t a = {k->a11y.modes, k->a11y.focus >= 0 ? focused(k) : UI_HIT_NONE, k->tray_open, k->nar.playing,
                      narration_available(&k->nar), k->app.index_open, k->a11y.scroll, k->a11y.scroll_max, k->app.current};
    return a;
}

kiosk_stats_t kiosk_stats(const kiosk_t *k)
{
    kiosk_stats_t s = k->st;
    s.atlas = atlas_stats(render_atlas(k->rd));
    return s;
}

/* Sleeps until the next deadline or an event. SDL 2.26 only blocks in SDL_WaitEventTimeout on
 * drivers that can wait (x11, wayland); on the others (kmsdrm, dummy) it polls every
 * millisecond, ~5% of a core. There annai sleeps in slices itself and pumps events between
 * them: a touch waits at most one slice. */
void kiosk_wait(kiosk_t *k, uint64_t now)
{
    int64_t budget = sleep_budget(k, now);
    SDL_Event ev;
    if (platform_can_wait(k->p)) {
        if (SDL_WaitEventTimeout(&ev, (int)budget)) {
            do on_event(k, &ev, platform_now_ms());
            while (SDL_PollEvent(&ev));
        }
        return;
    }
    uint64_t until = now + (uint64_t)budget;
    for (;;) {
        if (SDL_PollEvent(&ev)) {
            do on_event(k, &ev, platform_now_ms());
            while (SDL_PollEvent(&ev));
            return;
        }
        uint64_t t = platform_now_ms();
        if (t >= until || stop_requested || reopen_requested) return;
        SDL_Delay((Uint32)(until - t < POLL_SLICE_MS ? until - t : POLL_SLICE_MS));
    }
}

int kiosk_run(engine_t *e, platform_t *p, events_t *ev, kiosk_wall_fn wall, void *ud)
{
    on_signals();
    kiosk_t *k = kiosk_create_at(e, p, ev, platform_now_ms(), wall, ud);
    while (!stop_requested && !k->exit_asked) {
        uint64_t now = platform_now_ms();
        if (reopen_requested) {
            reopen_requested = 0;
            events_reopen(ev);
        }
        kiosk_frame(k, now, platform_now_ms);
        heartbeat(k, now);
        kiosk_wait(k, now);
    }
    kiosk_destroy(k);
    return 0;
}
