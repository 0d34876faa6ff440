#define _DEFAULT_SOURCE
#include "annai/kiosk.h"

#include <SDL2/SDL.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "annai/a11y.h"
#include "annai/admin.h"
#include "annai/alertview.h"
#include "annai/app.h"
#include "annai/audio.h"
#include "annai/health.h"
#include "annai/input.h"
#include "annai/metrics.h"
#include "annai/notify.h"
#include "annai/schedule.h"
#include "annai/timeplan.h"
#include "annai/ui.h"

#define ADMIN_MAX_ERRORS 8
#define NARRATION_POLL_MS 100 /* while narration plays the loop looks for its end this often */
/* A quiet screen still presents a frame this often, so "the last frame" in the heartbeat, the
 * metrics and the systemd watchdog proves the renderer and the driver work (a redraw of a
 * settled panel costs a few ms; once in 10 s, nothing measurable). */
#define FRAME_KEEPALIVE_MS 10000
/* Test hook: frames stop being presented this many ms after start (the loop goes on), as
 * with a wedged renderer. Read once at start; unset in production. */
#define STALL_HOOK_ENV "ANNAI_TEST_STALL_MS"
#define INFO_LEN KIOSK_INFO_LEN

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
    ui_chrome_t chrome;
    ui_index_t index;
    ui_picker_t picker;
    ui_admin_t admin_ui;
    dlist_t chrome_dl, index_dl, admin_dl, picker_dl;
    bool index_dirty, admin_dirty, dirty;
    int chrome_for, chrome_lang, chrome_hint;
    int faces_for;                   /* the language whose faces alone are open; -1: the picker opened all */
    bool chrome_dirty;
    ui_view_t chrome_view;           /* what chrome_dl shows */
    /* accessibility (issue 19) */
    a11y_t a11y;
    bool tray_open;
    audio_t *audio;
    char narration[1024];            /* the current panel's narration file, "" when it has none */
    int narration_for, narration_lang;
    bool narrating;
    uint64_t sig, next_poll, next_heartbeat, next_schedule, awake_until, started;
    bool sig_pending, screen_on;
    uint64_t ini_at_start;           /* kiosk.ini as it was read at start (ini_hash) */
    bool ini_changed;                /* since then: it needs a restart */
    bool swallow;                    /* the press that woke the screen: its release is not a tap */
    int bx, by;                      /* burn-in shift now applied */
    /* shown in the admin overlay */
    char reload_status[INFO_LEN];
    char *errors[ADMIN_MAX_ERRORS];
    int nerrors;
    uint64_t fps_t0;
    unsigned fps_frames;
    double fps, draw_ms;
    bool exit_asked;                 /* an allowed exit (admin, Ctrl+Q, window close) */
    /* the wall clock, read once per tick: the screen schedule, time-bound panels, alerts */
    kiosk_wall_fn wall;
    void *wall_ud;
    int64_t wall_now;
    timeplan_civil_t civil;
    timeplan_set_t plan;             /* time-bound panels: app positions index plan.shown */
    /* alerts */
    alert_watch_t aw;
    alert_set_t alerts;
    alert_state_t ast;
    int alert;                       /* index in alerts on screen, -1: none */
    Uint32 wake_event;               /* pushed by the alert folder's waker thread */
    dlist_t alert_dl;
    bool alert_dirty;
    bool announced;                  /* the start event is out: schedule events may follow */
    bool animating;                  /* the last frame drawn was mid-transition: draw the end too */
    kiosk_stats_t st;
    /* fleet health */
    notify_t notify;
    health_t health;
    metrics_counters_t mc;
    uint64_t content_hash, last_frame, stall_at;
    int64_t start_wall, last_frame_wall;
};

static int64_t wall_ms(void)
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

/* ---- accessibility: the visitor's modes, narration, focus, scroll (issue 19) ---- */

static const char *const narration_exts[] = {"ogg", "opus"};

/* NAME.TAG.ogg (or .opus) next to the panel: the current panel's narration in the language on
 * screen. Looked up when the panel or the language changes, not per frame. */
/* The deck index of the panel on screen (the app counts the panels shown now), or -1. */
static int deck_index(const kiosk_t *k, int pos)
{
    return k->plan.shown && pos >= 0 && pos < k->plan.nshown ? k->plan.shown[pos] : -1;
}

static void find_narration(kiosk_t *k)
{
    int i = deck_index(k, k->app.current);
    lang_t l = k->app.lang;
    if (k->narration_for == i && k->narration_lang == (int)l) return;
    k->narration_for = i;
    k->narration_lang = (int)l;
    k->narration[0] = 0;
    if (i < 0 || i >= k->e->deck.count) return;
    for (size_t x = 0; x < sizeof narration_exts / sizeof *narration_exts && !k->narration[0]; x++) {
        char name[600];
        snprintf(name, sizeof name, "%s.%s.%s", k->e->deck.entries[i].stem, lang_tag(&k->e->cfg.langs, l), narration_exts[x]);
        char *path = path_join(k->e->cfg.content_dir, name);
        if (path_is_file(path)) snprintf(k->narration, sizeof k->narration, "%s", path);
        free(path);
    }
}

static void sync_tray(kiosk_t *k)
{
    find_narration(k);
    bool speaker = k->narration[0] != 0;
    if (k->chrome.tray_open != k->tray_open || k->chrome.has_speaker != speaker || k->chrome.has_furigana != k->e->has_furigana)
        k->chrome_dirty = true;
    ui_chrome_set_tray(&k->chrome, k->tray_open, k->e->has_furigana, speaker);
}

static void narration_event(kiosk_t *k, const char *state)
{
    char st[32], stem[512], lang[16];
    int i = k->narration_for >= 0 && k->narration_for < k->e->deck.count ? k->narration_for : 0;
    snprintf(st, sizeof st, "\"%s\"", state);
    events_quote(stem, sizeof stem, k->e->deck.entries[i].stem);
    snprintf(lang, sizeof lang, "\"%s\"", lang_tag(&k->e->cfg.langs, (lang_t)k->narration_lang));
    events_emit(k->ev, "narration", "state", st, "panel", stem, "lang", lang, NULL);
}

/* why: "stop" (the visitor, a panel or language change, idle) or "end" (it played out) */
static void narration_stop(kiosk_t *k, const char *why, uint64_t now)
{
    if (!k->narrating) return;
    audio_stop(k->audio);
    k->narrating = false;
    app_hold(&k->app, false, now);
    narration_event(k, why);
    k->chrome_dirty = k->dirty = true;
}

/* The speaker button. A missing or failing audio device is logged and reported as an event;
 * the kiosk goes on without sound. */
static void narration_toggle(kiosk_t *k, uint64_t now)
{
    if (k->narrating) { narration_stop(k, "stop", now); return; }
    find_narration(k);
    if (!k->narration[0]) return;
    if (!k->audio) k->audio = audio_create(k->e->cfg.volume);
    char err[1200];
    if (!k->audio || audio_play(k->audio, k->narration, err, sizeof err) != 0) {
        LOG(LOG_WARN, "audio", "%s", k->audio ? err : "no audio");
        narration_event(k, "failed");
        return;
    }
    k->narrating = true;
    app_hold(&k->app, true, now);
    narration_event(k, "play");
    k->chrome_dirty = k->dirty = true;
}

static void narration_tick(kiosk_t *k, uint64_t now)
{
    if (k->narrating && !audio_playing(k->audio)) narration_stop(k, "end", now);
}

/* The panel on screen may be taller than the screen (larger text): how far it scrolls. */
static void update_scroll(kiosk_t *k, bool top)
{
    int i = deck_index(k, k->app.current);
    const dlist_t *dl = i >= 0 ? engine_panel(k->e, i, k->app.lang) : NULL;
    a11y_scroll_set(&k->a11y, dl ? dl->content_h : 0, (float)k->p->h, top);
    k->chrome_dirty = k->dirty = true;
}

static void apply_modes(kiosk_t *k)
{
    engine_set_variant(k->e, a11y_variant(&k->a11y));
    engine_fit_atlas(k->e, render_atlas(k->rd), k->p->w, k->p->h);
    k->index_dirty = k->chrome_dirty = k->dirty = true;
    update_scroll(k, true);
}

static void a11y_act(kiosk_t *k, a11y_flag_t f, uint64_t now)
{
    static const char *const names[] = {[A11Y_FURIGANA] = "furigana", [A11Y_LARGE] = "large", [A11Y_CONTRAST] = "contrast"};
    app_input(&k->app, now);
    bool on = a11y_toggle(&k->a11y, f);
    apply_modes(k);
    char mode[32];
    snprintf(mode, sizeof mode, "\"%s\"", names[f]);
    events_emit(k->ev, "a11y", "mode", mode, "state", on ? "\"on\"" : "\"off\"", NULL);
}

/* The visitor walked away: everything as the operator set it. */
static void a11y_idle(kiosk_t *k, uint64_t now)
{
    narration_stop(k, "stop", now);
    k->tray_open = false;
    a11y_reset(&k->a11y);
    apply_modes(k);
}

static int focus_ids(kiosk_t *k, int *ids)
{
    return k->app.index_open ? ui_index_focus_order(&k->index, ids) : ui_chrome_focus_order(&k->chrome, ids);
}

static int focused(kiosk_t *k)
{
    int ids[UI_MAX_FOCUS], n = focus_ids(k, ids);
    return k->a11y.focus >= 0 && k->a11y.focus < n ? ids[k->a11y.focus] : UI_HIT_NONE;
}

static void focus_move(kiosk_t *k, int dir)
{
    int ids[UI_MAX_FOCUS];
    a11y_focus_move(&k->a11y, dir, focus_ids(k, ids));
    k->chrome_dirty = k->index_dirty = k->dirty = true;
}

static void emit_app_events(kiosk_t *k, uint64_t now)
{
    app_event_t ev[APP_MAX_EVENTS];
    int n = app_take_events(&k->app, ev, APP_MAX_EVENTS);
    for (int i = 0; i < n; i++) {
        char stem[512], idx[16];
        snprintf(idx, sizeof idx, "%d", ev[i].index + 1);
        char lang[LANG_TAG_MAX + 2];
        snprintf(lang, sizeof lang, "\"%s\"", lang_tag(&k->e->cfg.langs, ev[i].lang));
        if (ev[i].kind == APP_EV_IDLE) a11y_idle(k, now);
        else if (k->narrating && (deck_index(k, ev[i].index) != k->narration_for || ev[i].lang != (lang_t)k->narration_lang))
            narration_stop(k, "stop", now); /* another panel or language: its narration stops */
        if (ev[i].kind != APP_EV_IDLE) update_scroll(k, true);
        if (ev[i].kind == APP_EV_VIEW) {
            k->st.views++;
            k->mc.views[ev[i].via]++;
            events_quote(stem, sizeof stem, k->e->deck.entries[k->plan.shown[ev[i].index]].stem);
            char via[16];
            snprintf(via, sizeof via, "\"%s\"", app_via_name(ev[i].via));
            events_emit(k->ev, "view", "panel", stem, "index", idx, "lang", lang, "via", via, NULL);
        } else if (ev[i].kind == APP_EV_IDLE) {
            events_emit(k->ev, "idle", NULL);
        } else {
            k->st.lang_switches++;
            k->mc.lang_switches++;
            k->index_dirty = k->admin_dirty = true; /* they speak the new language */
            events_emit(k->ev, "lang", "lang", lang, NULL);
        }
        k->dirty = true;
    }
}

static void layout_chrome(kiosk_t *k)
{
    int w = k->p->w, h = k->p->h;
    engine_set_size(k->e, w, h);
    ui_chrome_geometry(&k->chrome, w, h, k->plan.nshown);
    ui_index_geometry(&k->index, w, h, k->plan.nshown);
    ui_picker_geometry(&k->picker, w, h, engine_nlangs(k->e));
    ui_admin_geometry(&k->admin_ui, w, h, k->e->cfg.allow_exit);
    input_init(&k->in, w, h);
    engine_fit_atlas(k->e, render_atlas(k->rd), w, h);
    k->app.width = (float)w;
    k->chrome_for = k->faces_for = -1;
    k->narration_for = -1;
    sync_tray(k);
    k->index_dirty = k->admin_dirty = k->alert_dirty = k->dirty = k->chrome_dirty = true;
    update_scroll(k, false);
}

static void restart_app(kiosk_t *k, uint64_t now)
{
    const config_t *c = &k->e->cfg;
    app_init(&k->app, k->plan.nshown, c->lang, c->dwell_s, c->idle_timeout_s, c->transition_ms, k->p->w, now);
    app_set_langs(&k->app, engine_nlangs(k->e));
    k->app.panel_dwell_ms = k->plan.dwell;
    narration_stop(k, "stop", now);
    k->tray_open = false;
    a11y_reset(&k->a11y);
    engine_set_variant(k->e, a11y_variant(&k->a11y));
    layout_chrome(k);
}

/* ---- time-bound panels ---- */

static void emit_schedule(kiosk_t *k)
{
    if (!k->announced) return; /* the first set follows the start event */
    size_t cap = 16, n = 0;
    char *list = mem_calloc(cap, 1), q[600];
    list[n++] = '[';
    for (int i = 0; i < k->plan.ntarget; i++) {
        events_quote(q, sizeof q, k->e->deck.entries[k->plan.target[i]].stem);
        size_t ql = strlen(q);
        if (n + ql + 3 > cap) list = mem_realloc(list, cap = (n + ql + 3) * 2);
        if (i) list[n++] = ',';
        memcpy(list + n, q, ql);
        n += ql;
    }
    list[n++] = ']';
    list[n] = 0;
    events_emit(k->ev, "schedule", "panels", list, NULL);
    free(list);
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

static void keep_errors(kiosk_t *k, const diag_list_t *d)
{
    for (int i = 0; i < k->nerrors; i++) free(k->errors[i]);
    k->nerrors = 0;
    for (int i = 0; i < d->count && i < ADMIN_MAX_ERRORS; i++) k->errors[k->nerrors++] = mem_strdup(d->items[i].text);
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
    keep_errors(k, &d);
    char n[16], msg[1024];
    snprintf(n, sizeof n, "%d", d.count);
    events_quote(msg, sizeof msg, d.items[0].text);
    events_emit(k->ev, "content-problems", "count", n, "first", msg, NULL);
    deck_free(&deck);
    diag_clear(&d);
}

static void stamp(kiosk_t *k, char *out, size_t n, const char *what)
{
    time_t t = (time_t)k->wall_now;
    struct tm tm;
    localtime_r(&t, &tm);
    snprintf(out, n, "%s %04d-%02d-%02d %02d:%02d:%02d", what, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* The content folder's kiosk.ini as bytes (a hash; 0: none). It is read once at start, under
 * the --config file and the flags, which the kiosk no longer has: a change is checked and
 * reported (a broken one fails the reload like a broken panel), and applied at the next start. */
static uint64_t ini_hash(const char *dir)
{
    char *path = path_join(dir, "kiosk.ini"), *data;
    size_t len;
    const char *err;
    uint64_t h = 0;
    if (path_read(path, PATH_MAX_FILE_BYTES, &data, &len, &err) == 0) {
        h = 1469598103934665603ULL;
        for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)data[i]) * 1099511628211ULL;
        free(data);
    } else if (path_is_file(path)) {
        h = 1; /* there but unreadable: a change too */
    }
    free(path);
    return h;
}

static void check_ini(kiosk_t *k, diag_list_t *d)
{
    uint64_t h = ini_hash(k->e->cfg.content_dir);
    k->ini_changed = h != k->ini_at_start;
    if (!k->ini_changed || !h) return;
    config_t scratch;
    config_defaults(&scratch);
    char *path = path_join(k->e->cfg.content_dir, "kiosk.ini");
    config_load_file(&scratch, path, false, d);
    free(path);
    config_free(&scratch);
}

/* Parses everything into a new deck; all valid -> swap in, else keep the last good one. The
 * folder's signature is taken before loading: a file added or removed while the deck loads
 * then differs from it at the next poll, which loads again. */
static void reload_now(kiosk_t *k, uint64_t now)
{
    deck_t deck;
    diag_list_t d = {0};
    k->sig = deck_signature(k->e->cfg.content_dir);
    check_ini(k, &d);
    deck_load(&deck, k->e->cfg.content_dir, &k->e->cfg.langs, &d);
    keep_errors(k, &d);
    if (d.count || !deck.count) {
        char msg[1024];
        events_quote(msg, sizeof msg, d.count ? d.items[0].text : "no valid panel");
        events_emit(k->ev, "reload-failed", "error", msg, NULL);
        for (int i = 0; i < d.count; i++) LOG(LOG_WARN, "content", "%s", d.items[i].text);
        stamp(k, k->reload_status, sizeof k->reload_status, "reload failed, still showing the last good content:");
        k->st.reload_failures++;
        k->mc.reload_failures++;
        deck_free(&deck);
    } else {
        narration_stop(k, "stop", now);
        engine_set_deck(k->e, &deck);
        diag_list_t fd = {0};
        engine_load_furigana(k->e, k->e->cfg.content_dir, &fd);
        for (int i = 0; i < fd.count; i++) LOG(LOG_WARN, "content", "%s", fd.items[i].text);
        diag_clear(&fd);
        plan_reset(k);
        app_set_count(&k->app, k->plan.nshown, now);
        layout_chrome(k);
        char n[16];
        snprintf(n, sizeof n, "%d", k->e->deck.count);
        if (k->ini_changed) {
            events_emit(k->ev, "reload", "panels", n, "restart", "\"kiosk.ini changed: restart annai to apply it\"", NULL);
            LOG(LOG_WARN, "config", "%s/kiosk.ini changed: restart annai to apply it", k->e->cfg.content_dir);
        } else {
            events_emit(k->ev, "reload", "panels", n, NULL);
        }
        stamp(k, k->reload_status, sizeof k->reload_status,
              k->ini_changed ? "reloaded the panels; kiosk.ini changed, restart annai to apply it:" : "reloaded");
        k->st.reloads++;
        k->mc.reloads++;
        k->content_hash = health_content_hash(&k->e->deck);
    }
    diag_clear(&d);
    k->dirty = k->admin_dirty = true;
}

/* The folder must have changed and then stayed unchanged for one poll: a deploy in progress
 * (rsync, Syncthing, a copy) is never parsed half-written. */
static void poll_reload(kiosk_t *k, uint64_t now)
{
    if (now < k->next_poll) return;
    k->next_poll = now + RELOAD_POLL_MS;
    uint64_t sig = deck_signature(k->e->cfg.content_dir);
    if (sig != k->sig) {
        k->sig = sig;
        k->sig_pending = true;
        return;
    }
    if (!k->sig_pending) return;
    k->sig_pending = false;
    reload_now(k, now);
}

/* ---- the screen schedule ---- */

static void on_gesture(kiosk_t *k, gesture_t g, uint64_t now);

static void set_screen(kiosk_t *k, bool on, uint64_t now)
{
    if (on == k->screen_on) return;
    k->screen_on = on;
    if (on) k->mc.screen_ons++;
    else k->mc.screen_offs++;
    events_emit(k->ev, "screen", "state", on ? "\"on\"" : "\"off\"", NULL);
    if (on) restart_app(k, now);
    else admin_close(&k->admin);
    k->dirty = true;
}

static void check_schedule(kiosk_t *k, uint64_t now)
{
    if (now < k->next_schedule) return;
    k->next_schedule = now + SCHEDULE_CHECK_MS;
    if (!schedule_active(&k->e->cfg)) return;
    bool on = schedule_is_on(&k->e->cfg, k->civil.wday, k->civil.minute);
    set_screen(k, on || now < k->awake_until || k->alert >= 0, now);
}

/* ---- alerts ---- */

static void alert_reload(kiosk_t *k)
{
    diag_list_t d = {0};
    alert_set_free(&k->alerts);
    alert_set_load(&k->alerts, &k->e->cfg.langs, k->aw.dir, &d);
    for (int i = 0; i < d.count; i++) LOG(LOG_WARN, "alert", "%s (shown anyway)", d.items[i].text);
    if (d.count) keep_errors(k, &d);
    diag_clear(&d);
    k->alert_dirty = true;
}

static void emit_alert(kiosk_t *k, const char *state, const char *file)
{
    char q[1024], st[16];
    events_quote(q, sizeof q, file);
    snprintf(st, sizeof st, "\"%s\"", state);
    events_emit(k->ev, "alert", "state", st, "file", q, NULL);
}

/* An alert comes on over everything, also on a dark screen; when it goes, the kiosk goes on
 * where it was (the panel's dwell starts again) and the screen schedule decides again. */
static void alert_tick(kiosk_t *k, uint64_t now)
{
    if (alert_watch_changed(&k->aw, now)) alert_reload(k);
    int pick = alert_pick(&k->alerts, &k->civil);
    char *was = NULL;
    alert_change_t ch = alert_state_update(&k->ast, pick >= 0 ? &k->alerts.items[pick] : NULL, &was);
    if (ch == ALERT_OFF || ch == ALERT_SWITCH) emit_alert(k, "off", was);
    if (ch == ALERT_ON || ch == ALERT_SWITCH) {
        emit_alert(k, "on", k->ast.file);
        k->mc.alerts++;
    }
    free(was);
    if (pick != k->alert) k->alert_dirty = k->dirty = true;
    k->alert = pick;
    if (ch == ALERT_ON) {
        if (k->narrating) narration_stop(k, "stop", now); /* the emergency message is what counts now */
        on_gesture(k, input_cancel(&k->in), now);
        set_screen(k, true, now);
    } else if (ch == ALERT_OFF) {
        app_set_count(&k->app, k->plan.nshown, now);
        k->next_schedule = now;
    }
}

/* Input while the screen is dark wakes it for idle_timeout; that input does nothing else. */
static bool woken(kiosk_t *k, uint64_t now)
{
    if (schedule_active(&k->e->cfg)) k->awake_until = now + (uint64_t)(k->e->cfg.idle_timeout_s * 1000);
    if (k->screen_on) return false;
    set_screen(k, true, now);
    return true;
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
    k->admin_dirty = k->dirty = true;
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

static bool picker_key(kiosk_t *k, SDL_Keycode key, uint64_t now)
{
    app_t *a = &k->app;
    if (key == SDLK_UP || key == SDLK_LEFT) app_picker_move(a, -1, now);
    else if (key == SDLK_DOWN || key == SDLK_RIGHT || key == SDLK_TAB) app_picker_move(a, 1, now);
    else if (key == SDLK_RETURN || key == SDLK_KP_ENTER || key == SDLK_SPACE) picker_act(k, a->picker_focus, APP_VIA_KEY, now);
    else if (key >= SDLK_1 && key <= SDLK_9) picker_act(k, key - SDLK_1 < a->nlangs ? key - SDLK_1 : UI_HIT_NONE, APP_VIA_KEY, now);
    else if (key == SDLK_ESCAPE || key == SDLK_l) picker_act(k, UI_HIT_CLOSE, APP_VIA_KEY, now);
    else return false;
    return true;
}

static void on_gesture(kiosk_t *k, gesture_t g, uint64_t now)
{
    app_t *a = &k->app;
    if (g.kind == INPUT_GEST_NONE) return;
    if (k->admin.state != ADMIN_CLOSED) {
        if (g.kind == INPUT_GEST_TAP) admin_act(k, ui_admin_hit(&k->admin_ui, k->admin.state, g.x, g.y), now);
        return;
    }
    switch (g.kind) {
    case INPUT_GEST_DRAG: if (!a->index_open && !a->picker_open) app_drag(a, g.dx, now); break;
    case INPUT_GEST_SWIPE: if (!a->index_open && !a->picker_open) app_release(a, g.dir, now); break;
    case INPUT_GEST_SPRING: if (!a->index_open && !a->picker_open) app_release(a, 0, now); break;
    case INPUT_GEST_SCROLL:
        if (!a->index_open && !a->picker_open && a11y_scroll_by(&k->a11y, -g.dy)) k->chrome_dirty = true;
        app_input(a, now);
        break;
    case INPUT_GEST_TAP: {
        app_input(a, now);
        if (k->a11y.focus >= 0) { a11y_focus_hide(&k->a11y); k->chrome_dirty = k->index_dirty = true; } /* touch: no ring */
        if (a->picker_open) { picker_act(k, ui_picker_hit(&k->picker, g.x, g.y), APP_VIA_TAP, now); break; }
        int hit = a->index_open ? ui_index_hit(&k->index, g.x, g.y) : ui_chrome_hit(&k->chrome, g.x, g.y);
        act_on_hit(k, hit, now);
        break;
    }
    case INPUT_GEST_LONG_PRESS:
        app_input(a, now);
        if (ui_admin_corner(k->p->w, k->p->h, g.x, g.y)) admin_request(&k->admin, k->e->cfg.pin, false, now);
        k->admin_dirty = true;
        break;
    default: break;
    }
    k->dirty = true;
}

/* Touches are counted for the curators' statistics, but never while the admin overlay is open:
 * the PIN pad's layout depends only on the screen size, so its taps would spell the PIN. */
static void log_touch(kiosk_t *k, const char *kind, float x, float y)
{
    if (k->admin.state != ADMIN_CLOSED) return;
    char xs[16], ys[16], ks[32];
    snprintf(xs, sizeof xs, "%d", (int)x);
    snprintf(ys, sizeof ys, "%d", (int)y);
    snprintf(ks, sizeof ks, "\"%s\"", kind);
    events_emit(k->ev, "touch", "kind", ks, "x", xs, "y", ys, NULL);
}

static void admin_key(kiosk_t *k, SDL_Keycode key, uint64_t now)
{
    if (key >= SDLK_0 && key <= SDLK_9) admin_act(k, key - SDLK_0, now);
    else if (key >= SDLK_KP_1 && key <= SDLK_KP_9) admin_act(k, key - SDLK_KP_1 + 1, now);
    else if (key == SDLK_KP_0) admin_act(k, 0, now);
    else if (key == SDLK_BACKSPACE) admin_act(k, UI_AHIT_BACK, now);
    else if (key == SDLK_RETURN || key == SDLK_KP_ENTER) admin_act(k, UI_AHIT_OK, now);
    else if (key == SDLK_ESCAPE) admin_act(k, UI_AHIT_CLOSE, now);
    else if (key == SDLK_r && k->admin.state == ADMIN_OPEN) admin_act(k, UI_AHIT_RELOAD, now);
}

/* A control chosen with the keys: what a tap on it does; the ring follows into and out of the index. */
static void activate(kiosk_t *k, int id, uint64_t now)
{
    bool was_open = k->app.index_open;
    act_on_hit(k, id, now);
    if (k->app.index_open != was_open) {
        int ids[UI_MAX_FOCUS], n = focus_ids(k, ids);
        int want = k->app.index_open ? k->app.current : UI_HIT_INDEX;
        k->a11y.focus = 0;
        for (int i = 0; i < n; i++)
            if (ids[i] == want) k->a11y.focus = i;
    }
    int ids[UI_MAX_FOCUS];
    a11y_focus_clamp(&k->a11y, focus_ids(k, ids));
    k->chrome_dirty = k->index_dirty = k->dirty = true;
}

/* A USB keypad is the accessible input at public terminals: Tab/Shift+Tab move a visible focus
 * ring over every control, Enter/Space press it, arrows move it (or page, with no ring shown),
 * Up/Down and Page Up/Down scroll a panel taller than the screen. True when the key was used. */
static bool a11y_key(kiosk_t *k, SDL_Keycode key, Uint16 mod, uint64_t now)
{
    bool ring = k->a11y.focus >= 0;
    float step = (float)k->p->h * A11Y_SCROLL_STEP, page = (float)k->p->h * A11Y_SCROLL_PAGE;
    if (key == SDLK_TAB) focus_move(k, (mod & KMOD_SHIFT) ? -1 : 1);
    else if (ring && (key == SDLK_RETURN || key == SDLK_KP_ENTER || key == SDLK_SPACE)) activate(k, focused(k), now);
    else if (ring && (key == SDLK_LEFT || key == SDLK_RIGHT)) focus_move(k, key == SDLK_LEFT ? -1 : 1);
    else if (ring && k->app.index_open && (key == SDLK_UP || key == SDLK_DOWN)) focus_move(k, key == SDLK_UP ? -1 : 1);
    else if (!k->app.index_open && (key == SDLK_UP || key == SDLK_DOWN) && a11y_can_scroll(&k->a11y))
        a11y_scroll_by(&k->a11y, key == SDLK_UP ? -step : step);
    else if (!k->app.index_open && (key == SDLK_PAGEUP || key == SDLK_PAGEDOWN) && a11y_can_scroll(&k->a11y) &&
             a11y_scroll_by(&k->a11y, key == SDLK_PAGEUP ? -page : page))
        ; /* scrolled; at either end the key pages as before */
    else return false;
    app_input(&k->app, now);
    k->chrome_dirty = k->dirty = true;
    return true;
}

static void on_key(kiosk_t *k, const SDL_KeyboardEvent *e, uint64_t now)
{
    app_t *a = &k->app;
    SDL_Keycode key = e->keysym.sym;
    k->dirty = true;
    if (key == SDLK_a && (e->keysym.mod & KMOD_CTRL) && (e->keysym.mod & KMOD_SHIFT)) {
        admin_request(&k->admin, k->e->cfg.pin, true, now);
        k->admin_dirty = true;
        return;
    }
    if (k->admin.state != ADMIN_CLOSED) { admin_key(k, key, now); return; }
    if (a->picker_open && picker_key(k, key, now)) return;
    if (a11y_key(k, key, e->keysym.mod, now)) return;
    if (key == SDLK_q && (e->keysym.mod & KMOD_CTRL) && k->e->cfg.allow_exit) k->exit_asked = true;
    else if (key == SDLK_RIGHT || key == SDLK_PAGEDOWN || key == SDLK_SPACE) app_step(a, 1, APP_VIA_KEY, now);
    else if (key == SDLK_LEFT || key == SDLK_PAGEUP) app_step(a, -1, APP_VIA_KEY, now);
    else if (key == SDLK_HOME) app_go(a, 0, APP_VIA_KEY, APP_TR_FADE, -1, now);
    else if (key == SDLK_END) app_go(a, a->count - 1, APP_VIA_KEY, APP_TR_FADE, 1, now);
    else if (key == SDLK_ESCAPE) app_set_index_open(a, false, now);
    else if (key == SDLK_i) app_set_index_open(a, !a->index_open, now);
    else if (key == SDLK_l) app_set_picker_open(a, true, now);
    else app_input(a, now);
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
        if (k->swallow || !k->screen_on) { k->swallow = false; return; }
        log_touch(k, "up", x, y);
        on_gesture(k, input_up(&k->in, id, x, y, now), now);
    } else if (k->screen_on && !k->swallow) {
        on_gesture(k, input_move(&k->in, id, x, y, now), now);
    }
}

static bool is_input(Uint32 type)
{
    return type == SDL_MOUSEBUTTONDOWN || type == SDL_MOUSEBUTTONUP || type == SDL_MOUSEMOTION || type == SDL_FINGERDOWN ||
           type == SDL_FINGERUP || type == SDL_FINGERMOTION || type == SDL_KEYDOWN;
}

static void on_event_in(kiosk_t *k, const SDL_Event *e, uint64_t now);

/* The language picker opened (by touch or keys): a narration in the old language stops. */
static void on_event(kiosk_t *k, const SDL_Event *e, uint64_t now)
{
    on_event_in(k, e, now);
    if (k->narrating && k->app.picker_open) narration_stop(k, "stop", now);
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
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED || e->window.event == SDL_WINDOWEVENT_DISPLAY_CHANGED) {
            platform_update_size(k->p);
            layout_chrome(k);
        } else if (e->window.event == SDL_WINDOWEVENT_FOCUS_LOST) {
            on_gesture(k, input_cancel(&k->in), now);
        }
        k->dirty = true;
        break;
    case SDL_RENDER_TARGETS_RESET: case SDL_RENDER_DEVICE_RESET:
        render_reset(k->rd); /* the atlas and images are made again on use */
        k->dirty = true;
        break;
    default: break;
    }
}

/* ---- drawing ---- */

static int admin_info(kiosk_t *k, char lines[][INFO_LEN], uint64_t now)
{
    const engine_t *e = k->e;
    uint64_t up = (now - k->started) / 1000;
    int n = 0;
    snprintf(lines[n++], INFO_LEN, "annai %s, up %llud %02llu:%02llu:%02llu", ANNAI_VERSION,
             (unsigned long long)(up / 86400), (unsigned long long)(up / 3600 % 24), (unsigned long long)(up / 60 % 60),
             (unsigned long long)(up % 60));
    char *dir = realpath(e->cfg.content_dir, NULL);
    if (deck_is_notice(&e->deck))
        snprintf(lines[n++], INFO_LEN, "content: %s (no valid panel: visitors see the notice)", dir ? dir : e->cfg.content_dir);
    else
        snprintf(lines[n++], INFO_LEN, "content: %s (%d panels, %d shown now)", dir ? dir : e->cfg.content_dir, e->deck.count,
                 k->plan.ntarget);
    free(dir);
    snprintf(lines[n++], INFO_LEN, "%s", k->reload_status[0] ? k->reload_status : "no reload since start");
    for (int i = 0; i < k->nerrors && n < UI_ADMIN_INFO - 3; i++) snprintf(lines[n++], INFO_LEN, "%s", k->errors[i]);
    snprintf(lines[n++], INFO_LEN, "screen: %dx%d, rotate %d; %.0f frames in the last second, the last took %.1f ms", k->p->w, k->p->h,
             k->p->rotate, k->fps, k->draw_ms);
    snprintf(lines[n++], INFO_LEN, "schedule: %s", schedule_active(&e->cfg) ? "set" : "always on");
    if (health_failing(&k->health) && n < UI_ADMIN_INFO) {
        char what[INFO_LEN - 32];
        health_describe(&k->health, what, sizeof what);
        snprintf(lines[n++], INFO_LEN, "cannot write: %s", what);
    }
    return n;
}

static void draw_admin(kiosk_t *k, uint64_t now)
{
    if (k->admin_dirty) {
        char lines[UI_ADMIN_INFO][INFO_LEN];
        const char *info[UI_ADMIN_INFO];
        int n = admin_info(k, lines, now);
        for (int i = 0; i < n; i++) info[i] = lines[i];
        lang_t l = k->app.lang;
        ui_admin_build(&k->admin_dl, engine_metrics(k->e, l), k->p->w, k->p->h, &k->admin, info, n, k->e->cfg.allow_exit,
                       &k->e->cfg.langs.info[l]);
        k->admin_dirty = false;
    }
    render_dlist(k->rd, &k->admin_dl, 0, 0, 1);
}

static void draw_index(kiosk_t *k, lang_t lang)
{
    if (k->index_dirty) {
        const char *titles[UI_MAX_INDEX];
        const metrics_t *tm[UI_MAX_INDEX];
        int n = k->plan.nshown < UI_MAX_INDEX ? k->plan.nshown : UI_MAX_INDEX;
        for (int i = 0; i < n; i++) {
            const panel_t *p = deck_panel(&k->e->deck, k->plan.shown[i], lang);
            titles[i] = p->title;
            tm[i] = engine_metrics(k->e, p->lang);
        }
        ui_view_t v = {k->app.current, lang, false, a11y_on(&k->a11y, A11Y_FURIGANA), a11y_on(&k->a11y, A11Y_LARGE),
                       a11y_on(&k->a11y, A11Y_CONTRAST), k->narrating, focused(k), k->a11y.focus >= 0, 0, 0, 0,
                       &k->e->cfg.langs.info[lang], engine_nlangs(k->e) > 1};
        ui_index_draw(&k->index_dl, engine_metrics(k->e, lang), k->p->w, k->p->h, titles, tm, n, k->app.current, &v);
        k->index_dirty = false;
    }
    render_dlist(k->rd, &k->index_dl, 0, 0, 1);
}

/* Each language named in itself and set in its own face: a visitor finds their script. */
static void draw_picker(kiosk_t *k, lang_t lang)
{
    const char *names[LANG_MAX];
    const metrics_t *ms[LANG_MAX];
    int n = engine_nlangs(k->e);
    for (int i = 0; i < n; i++) {
        names[i] = lang_name(&k->e->cfg.langs, i);
        ms[i] = engine_metrics(k->e, i);
    }
    k->faces_for = -1;
    ui_picker_build(&k->picker_dl, engine_metrics(k->e, lang), &k->e->cfg.langs.info[lang], k->p->w, k->p->h, names, ms, n,
                    lang, k->app.picker_focus, a11y_on(&k->a11y, A11Y_CONTRAST));
    render_dlist(k->rd, &k->picker_dl, 0, 0, 1);
}

/* Every language of the alert in its own face, stacked (alertview). */
static void draw_alert(kiosk_t *k)
{
    if (k->alert_dirty) {
        alertview_build(&k->alert_dl, engine_metrics_cb, k->e, &k->e->cfg.langs, k->p->w, k->p->h,
                        &k->alerts.items[k->alert], k->e->cfg.lang);
        k->alert_dirty = false;
    }
    k->faces_for = -1; /* the alert opened its languages' faces: focus again after it */
    render_dlist(k->rd, &k->alert_dl, 0, 0, 1);
}

/* The chrome is laid out again only when what it shows changed. */
static void draw_chrome(kiosk_t *k, lang_t lang)
{
    sync_tray(k);
    ui_view_t v;
    memset(&v, 0, sizeof v);
    v.current = k->app.current;
    v.lang = lang;
    v.hint = k->app.mode == APP_MODE_ATTRACT;
    v.furigana = a11y_on(&k->a11y, A11Y_FURIGANA);
    v.large = a11y_on(&k->a11y, A11Y_LARGE);
    v.contrast = a11y_on(&k->a11y, A11Y_CONTRAST);
    v.playing = k->narrating;
    v.focus = focused(k);
    v.focus_shown = k->a11y.focus >= 0;
    v.scroll = k->a11y.scroll;
    v.scroll_max = k->a11y.scroll_max;
    v.visible_h = k->chrome.bar.y;
    v.li = &k->e->cfg.langs.info[lang];
    v.picker = engine_nlangs(k->e) > 1;
    if (k->chrome_dirty || memcmp(&v, &k->chrome_view, sizeof v) != 0) {
        ui_chrome_draw(&k->chrome_dl, engine_metrics(k->e, lang), k->p->w, k->p->h, &k->chrome, k->plan.nshown, &v);
        k->chrome_view = v;
        k->chrome_dirty = false;
    }
    render_dlist(k->rd, &k->chrome_dl, 0, 0, 1);
}

static void draw(kiosk_t *k, uint64_t now)
{
    render_set_view(k->rd, k->p->rotate, k->p->out_w, k->p->out_h, k->bx, k->by);
    render_set_soft_target(k->rd, platform_soft_surface(k->p));
    atlas_frame(render_atlas(k->rd));
    k->animating = false;
    if (k->alert >= 0) { draw_alert(k); return; } /* over the index, the admin overlay, a transition */
    if (!k->screen_on) {
        SDL_SetRenderDrawColor(k->p->r, 0, 0, 0, 255);
        SDL_RenderClear(k->p->r);
        return;
    }
    if (k->admin.state != ADMIN_CLOSED) { draw_admin(k, now); return; }
    app_view_t v;
    app_view(&k->app, now, &v);
    k->animating = v.animating || v.offset != 0 || v.other >= 0;
    lang_t lang = k->app.lang;
    if (k->app.index_open) { draw_index(k, lang); return; }
    if (k->app.picker_open) { draw_picker(k, lang); return; }
    if (k->faces_for != lang) { /* one language on screen: the others' faces need not stay open */
        engine_focus_lang(k->e, lang);
        k->faces_for = lang;
    }
    if (v.other >= 0 && v.other_alpha < 1 && !v.offset && !v.other_offset) {
        render_crossfade(k->rd, engine_panel(k->e, k->plan.shown[v.index], lang), engine_panel(k->e, k->plan.shown[v.other], lang),
                         v.other_alpha);
    } else {
        /* the panel on screen scrolls (larger text); one sliding in or out is at its top */
        float dy = v.index == k->app.current ? -k->a11y.scroll : 0;
        render_dlist(k->rd, engine_panel(k->e, k->plan.shown[v.index], lang), v.offset, dy, 1);
        if (v.other >= 0) render_dlist(k->rd, engine_panel(k->e, k->plan.shown[v.other], lang), v.other_offset, 0, v.other_alpha);
    }
    draw_chrome(k, lang);
}

static void count_frame(kiosk_t *k, uint64_t t0, uint64_t t1)
{
    k->draw_ms = (double)(t1 - t0);
    k->fps_frames++;
    if (t1 - k->fps_t0 >= 1000) {
        k->fps = (double)k->fps_frames * 1000.0 / (double)(t1 - k->fps_t0);
        k->fps_frames = 0;
        k->fps_t0 = t1;
    }
}

/* ---- the loop ---- */

static void write_file(kiosk_t *k, health_kind_t kind, const char *path, buf_t *b)
{
    if (health_record(&k->health, kind, path, health_write_atomic(path, b->data, b->len))) k->admin_dirty = true;
    buf_free(b);
}

/* The heartbeat and the metrics, every heartbeat_interval from the loop: a frozen loop leaves
 * them stale, a stalled renderer leaves "last_frame" stale in them. */
static void write_health(kiosk_t *k, const char *state, bool up)
{
    const config_t *c = &k->e->cfg;
    if (health_record(&k->health, HEALTH_EVENTS, c->events_path, k->ev->err)) k->admin_dirty = true;
    int64_t now = wall_ms();
    if (c->heartbeat_path) {
        int i = k->app.current;
        heartbeat_t hb = {state, now, k->last_frame_wall, k->e->deck.entries[k->plan.shown[i]].stem, i,
                          lang_tag(&k->e->cfg.langs, k->app.lang),
                          k->screen_on, k->content_hash, (int64_t)getpid()};
        buf_t b = {0};
        health_heartbeat_json(&b, &hb, &k->health);
        write_file(k, HEALTH_HEARTBEAT, c->heartbeat_path, &b);
    }
    if (c->metrics_path) {
        metrics_info_t in = {ANNAI_VERSION, k->content_hash, up, k->start_wall, k->last_frame_wall, now,
                             k->e->deck.count, k->screen_on, metrics_rss_bytes(), &k->health, k->alert >= 0};
        buf_t b = {0};
        metrics_format(&b, &k->mc, &in);
        write_file(k, HEALTH_METRICS, c->metrics_path, &b);
    }
}

static void heartbeat(kiosk_t *k, uint64_t now)
{
    if (health_record(&k->health, HEALTH_EVENTS, k->e->cfg.events_path, k->ev->err)) k->admin_dirty = true;
    notify_tick(&k->notify, now, k->last_frame, !k->screen_on);
    if (now < k->next_heartbeat) return;
    k->next_heartbeat = now + (uint64_t)(k->e->cfg.heartbeat_interval_s * 1000);
    write_health(k, "running", true);
}

static void burnin(kiosk_t *k, uint64_t now)
{
    int dx, dy;
    schedule_burnin_offset(now, k->p->w, k->p->h, &dx, &dy);
    if (dx == k->bx && dy == k->by) return;
    k->bx = dx;
    k->by = dy;
    k->dirty = true;
}

static uint64_t keepalive_ms(const kiosk_t *k)
{
    uint64_t w = notify_frame_interval_ms(&k->notify);
    return w && w < FRAME_KEEPALIVE_MS ? w : FRAME_KEEPALIVE_MS;
}

static int64_t until(uint64_t t, uint64_t now) { return t > now ? (int64_t)(t - now) : 0; }

static int64_t sleep_budget(kiosk_t *k, uint64_t now)
{
    int64_t t = MAX_SLEEP_MS, d;
    if (k->screen_on) {
        if ((d = app_deadline(&k->app, now)) < t) t = d;
        if (k->narrating && NARRATION_POLL_MS < t) t = NARRATION_POLL_MS;
        if ((d = input_deadline(&k->in, now)) >= 0 && d < t) t = d;
        if ((d = schedule_burnin_deadline(now)) < t) t = d;
    }
    if ((d = until(k->next_poll, now)) < t) t = d;
    if ((d = until(k->next_schedule, now)) < t) t = d;
    if ((d = alert_watch_deadline(&k->aw, now)) < t) t = d;
    const config_t *c = &k->e->cfg;
    if ((c->heartbeat_path || c->metrics_path) && (d = until(k->next_heartbeat, now)) < t) t = d;
    bool stalled = k->stall_at && now >= k->stall_at;
    if (!stalled && (d = until(k->last_frame + keepalive_ms(k), now)) < t) t = d;
    if (k->notify.watchdog_ms && (d = until(k->notify.next_ping, now)) < t) t = d;
    return t < 0 ? 0 : t;
}

static void read_wall(kiosk_t *k)
{
    k->wall_now = k->wall(k->wall_ud);
    k->civil = timeplan_civil((time_t)k->wall_now);
}

static void update(kiosk_t *k, uint64_t now)
{
    read_wall(k);
    alert_tick(k, now);
    check_schedule(k, now);
    plan_tick(k);
    if (admin_tick(&k->admin, now)) k->dirty = true;
    if (k->screen_on && k->alert < 0) {
        narration_tick(k, now);
        app_tick(&k->app, now);
        on_gesture(k, input_tick(&k->in, now), now);
        emit_app_events(k, now);
        burnin(k, now);
    }
    poll_reload(k, now);
}

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
    k->started = k->fps_t0 = now;
    k->screen_on = true;
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
    k->narration_for = -1;
    restart_app(k, now);
    k->sig = deck_signature(e->cfg.content_dir);
    k->ini_at_start = ini_hash(e->cfg.content_dir);
    k->next_poll = now + RELOAD_POLL_MS;
    notify_open(&k->notify);
    k->content_hash = health_content_hash(&e->deck);
    k->start_wall = wall_ms();
    k->last_frame = now;
    const char *stall = getenv(STALL_HOOK_ENV);
    if (stall && *stall) k->stall_at = now + strtoull(stall, NULL, 10);
    char count[16];
    snprintf(count, sizeof count, "%d", e->deck.count);
    events_emit(ev, "start", "panels", count, NULL);
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
    notify_stopping(&k->notify);
    events_emit(k->ev, "stop", NULL);
    write_health(k, "stopped", false);
    for (int i = 0; i < k->nerrors; i++) free(k->errors[i]);
    if (k->narrating) narration_stop(k, "stop", k->last_frame);
    audio_destroy(k->audio);
    layout_dlist_free(&k->chrome_dl);
    layout_dlist_free(&k->index_dl);
    layout_dlist_free(&k->admin_dl);
    layout_dlist_free(&k->picker_dl);
    layout_dlist_free(&k->alert_dl);
    alert_set_free(&k->alerts);
    alert_state_free(&k->ast);
    alert_watch_close(&k->aw);
    timeplan_set_free(&k->plan);
    render_destroy(k->rd);
    free(k);
}

void kiosk_handle(kiosk_t *k, const SDL_Event *e, uint64_t now) { on_event(k, e, now); }

/* What systemd shows in `systemctl status`: the panel and language on screen. */
static void presented(kiosk_t *k, uint64_t now, double seconds)
{
    k->last_frame = now;
    k->last_frame_wall = wall_ms();
    metrics_count_frame(&k->mc, seconds);
    char status[NOTIFY_STATUS_LEN];
    int i = k->app.current;
    if (k->alert >= 0)
        snprintf(status, sizeof status, "alert %s", k->alerts.items[k->alert].stem);
    else if (k->screen_on)
        snprintf(status, sizeof status, "showing %d/%d %s (%s)", i + 1, k->plan.nshown, k->e->deck.entries[k->plan.shown[i]].stem,
                 lang_tag(&k->e->cfg.langs, k->app.lang));
    else
        snprintf(status, sizeof status, "screen off by schedule");
    notify_presented(&k->notify, status);
}

bool kiosk_frame(kiosk_t *k, uint64_t now, uint64_t (*clock)(void))
{
    update(k, now);
    if (k->stall_at && now >= k->stall_at) return false;
    bool keepalive = now - k->last_frame >= keepalive_ms(k);
    if (!keepalive && !k->dirty && !(k->screen_on && (k->animating || app_deadline(&k->app, now) <= 16))) return false;
    double t0 = mono_s();
    draw(k, now);
    platform_present(k->p);
    presented(k, now, mono_s() - t0);
    count_frame(k, now, clock ? clock() : now);
    k->dirty = false;
    k->st.frames++;
    return true;
}

int64_t kiosk_sleep_ms(kiosk_t *k, uint64_t now) { return sleep_budget(k, now); }
bool kiosk_exit_asked(const kiosk_t *k) { return k->exit_asked; }
int kiosk_admin_lines(kiosk_t *k, char lines[][KIOSK_INFO_LEN], uint64_t now) { return admin_info(k, lines, now); }
void kiosk_write_health(kiosk_t *k) { write_health(k, "running", true); }

int kiosk_shown(const kiosk_t *k, const int **set)
{
    *set = k->plan.target;
    return k->plan.ntarget;
}

int kiosk_on_screen(const kiosk_t *k) { return k->plan.shown && k->app.current < k->plan.nshown ? k->plan.shown[k->app.current] : -1; }
bool kiosk_alert_on(const kiosk_t *k) { return k->alert >= 0; }

kiosk_a11y_t kiosk_a11y(kiosk_t *k)
{
    sync_tray(k);
    kiosk_a11y_t a = {k->a11y.modes, k->a11y.focus >= 0 ? focused(k) : UI_HIT_NONE, k->tray_open, k->narrating,
                      k->narration[0] != 0, k->app.index_open, k->a11y.scroll, k->a11y.scroll_max, k->app.current};
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
