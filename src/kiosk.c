/* kiosk: the wiring. It reads the clocks once per tick and passes the times down to the rooms
 * that decide (app, input, keymap, screen, reload, narration, alerts, time plans, fleet) and the
 * room that draws (scene); it holds no parsing, formatting or drawing of its own. */
#define _DEFAULT_SOURCE
#include "kiosk_private.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "annai/schedule.h"

#define REDRAW_SOON_MS 16 /* a deadline this close draws now (one frame at 60 Hz) */

static volatile sig_atomic_t stop_requested, reopen_requested;
static void on_signal(int sig) { (void)sig; stop_requested = 1; }
static void on_hangup(int sig) { (void)sig; reopen_requested = 1; }

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

/* ---- the screen schedule ---- */

void kiosk_screen_changed(kiosk_t *k, screen_change_t ch, uint64_t now)
{
    if (ch == SCREEN_STAY) return;
    bool on = ch == SCREEN_TURNED_ON;
    if (on) k->fleet.mc.screen_ons++;
    else k->fleet.mc.screen_offs++;
    events_emit_screen(k->ev, on);
    if (on) kiosk_visit_restart(k, now);
    else admin_close(&k->admin);
    k->dirty = true;
}

/* Input while the screen is dark wakes it for idle_timeout; that input does nothing else. */
bool kiosk_woken(kiosk_t *k, uint64_t now)
{
    if (!screen_wake(&k->screen, &k->e->cfg, now)) return false;
    kiosk_screen_changed(k, SCREEN_TURNED_ON, now);
    return true;
}

/* ---- the frame ---- */

static int admin_lines_at(kiosk_t *k, char lines[][STATUS_LINE_LEN], int max, uint64_t now)
{
    const engine_t *e = k->e;
    status_info_t in = {now - k->started, e->cfg.content_dir, deck_is_notice(&e->deck), e->deck.count,
                        k->plan.ntarget, k->p->w, k->p->h, k->p->rotate, schedule_active(&e->cfg), &k->fleet.health};
    return status_admin_lines(&k->status, &in, lines, max);
}

static int admin_lines(void *ud, char lines[][STATUS_LINE_LEN], int max)
{
    kiosk_t *k = ud;
    return admin_lines_at(k, lines, max, k->tick);
}

static void draw(kiosk_t *k, uint64_t now)
{
    k->tick = now;
    kiosk_visit_sync_tray(k);
    const alert_msg_t *alert = k->alert >= 0 ? &k->alerts.items[k->alert] : NULL;
    scene_in_t in = {&k->app, &k->a11y, k->plan.shown, k->plan.nshown, k->screen.on, k->nar.playing, k->screen.bx,
                     k->screen.by, &k->admin, admin_lines, k, alert};
    k->animating = scene_draw(&k->sc, &in, now);
}

static fleet_view_t fleet_view(const kiosk_t *k)
{
    int i = k->app.current;
    const char *stem = kiosk_visit_stem(k, kiosk_visit_deck_index(k, i));
    fleet_view_t v = {stem ? stem : "", i, kiosk_visit_tag(k, k->app.lang), k->screen.on,
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
    kiosk_content_alert_tick(k, now);
    kiosk_screen_changed(k, screen_check(&k->screen, &k->e->cfg, k->civil.wday, k->civil.minute, k->alert >= 0, now), now);
    kiosk_content_plan_tick(k);
    if (admin_tick(&k->admin, now)) k->dirty = true;
    if (k->screen.on && k->alert < 0) {
        kiosk_visit_narration_tick(k, now);
        app_tick(&k->app, now);
        kiosk_input_gesture(k, input_tick(&k->in, now), now);
        kiosk_visit_app_events(k, now);
        if (screen_burnin(&k->screen, now, k->p->w, k->p->h)) k->dirty = true;
    }
    kiosk_content_poll(k, now);
}

/* What systemd shows in `systemctl status`: the panel and language on screen. */
static void presented(kiosk_t *k, uint64_t now, double seconds)
{
    char status[NOTIFY_STATUS_LEN];
    int i = k->app.current;
    const char *alert = k->alert >= 0 ? k->alerts.items[k->alert].stem : NULL;
    const char *stem = alert || !k->screen.on ? "" : kiosk_visit_stem(k, kiosk_visit_deck_index(k, i));
    status_systemd(status, sizeof status, alert, k->screen.on, i, k->plan.nshown, stem, kiosk_visit_tag(k, k->app.lang));
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
    kiosk_content_plan_reset(k);
    alert_watch_open(&k->aw, config_alert_dir(&e->cfg), now);
    k->wake_event = SDL_RegisterEvents(1);
    if (k->wake_event != (Uint32)-1) alert_watch_wake(&k->aw, wake_loop, &k->wake_event);
    kiosk_content_alerts_load(k);
    a11y_init(&k->a11y, e->cfg.high_contrast ? A11Y_CONTRAST : 0);
    kiosk_visit_restart(k, now);
    reload_init(&k->reload, deck_signature(e->cfg.content_dir), reload_ini_hash(e->cfg.content_dir), now);
    fleet_open(&k->fleet, health_content_hash(&e->deck), now, k->wall_ms);
    events_emit_start(ev, e->deck.count);
    k->announced = true;
    kiosk_content_schedule_event(k);
    kiosk_content_problems(k);
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
    kiosk_visit_narration_halt(k, "stop", k->fleet.last_frame);
    narration_destroy(&k->nar);
    scene_free(&k->sc);
    alert_set_free(&k->alerts);
    alert_state_free(&k->ast);
    alert_watch_close(&k->aw);
    timeplan_set_free(&k->plan);
    render_destroy(k->rd);
    free(k);
}

void kiosk_handle(kiosk_t *k, const SDL_Event *e, uint64_t now) { kiosk_input_event(k, e, now); }
int64_t kiosk_sleep_ms(kiosk_t *k, uint64_t now) { return sleep_budget(k, now); }
bool kiosk_exit_asked(const kiosk_t *k) { return k->exit_asked; }

int kiosk_admin_lines(kiosk_t *k, char lines[][KIOSK_INFO_LEN], uint64_t now)
{
    return admin_lines_at(k, lines, UI_ADMIN_INFO, now);
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

int kiosk_on_screen(const kiosk_t *k) { return kiosk_visit_deck_index(k, k->app.current); }
bool kiosk_alert_on(const kiosk_t *k) { return k->alert >= 0; }

kiosk_a11y_t kiosk_a11y(kiosk_t *k)
{
    kiosk_visit_sync_tray(k);
    kiosk_a11y_t a = {k->a11y.modes, k->a11y.focus >= 0 ? kiosk_visit_focused(k) : UI_HIT_NONE, k->tray_open, k->nar.playing,
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
            do kiosk_input_event(k, &ev, platform_now_ms());
            while (SDL_PollEvent(&ev));
        }
        return;
    }
    uint64_t until = now + (uint64_t)budget;
    for (;;) {
        if (SDL_PollEvent(&ev)) {
            do kiosk_input_event(k, &ev, platform_now_ms());
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
