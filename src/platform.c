#define _POSIX_C_SOURCE 200809L
#include "annai/platform.h"

#include <SDL2/SDL.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <utime.h>
#include "annai/app.h"
#include "annai/input.h"
#include "annai/ui.h"

#define RELOAD_POLL_MS 2000
/* Signals cannot wake SDL_WaitEventTimeout, so a sleep never lasts longer than this:
 * two wake-ups a second cost nothing measurable and keep SIGTERM prompt. */
#define MAX_SLEEP_MS 500

static volatile sig_atomic_t stop_requested;
static void on_signal(int sig) { (void)sig; stop_requested = 1; }

uint64_t platform_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int platform_open(platform_t *p, const config_t *cfg, bool headless, int w, int h)
{
    memset(p, 0, sizeof *p);
    p->headless = headless;
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    if (headless) SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "annai: cannot start video: %s\n", SDL_GetError());
        return 3;
    }
    Uint32 flags = headless ? SDL_WINDOW_HIDDEN : SDL_WINDOW_SHOWN;
    int x = SDL_WINDOWPOS_CENTERED_DISPLAY(cfg->display), y = x;
    if (!headless && cfg->fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    if (!headless && !cfg->fullscreen) flags |= SDL_WINDOW_RESIZABLE;
    p->win = SDL_CreateWindow("annai", x, y, w, h, flags);
    if (!p->win) {
        fprintf(stderr, "annai: cannot open a window: %s\n", SDL_GetError());
        SDL_Quit();
        return 3;
    }
    if (headless) {
        /* render straight into the window surface: no second frame buffer */
        p->r = SDL_CreateSoftwareRenderer(SDL_GetWindowSurface(p->win));
    } else {
        p->r = SDL_CreateRenderer(p->win, -1, SDL_RENDERER_PRESENTVSYNC);
        if (!p->r) p->r = SDL_CreateRenderer(p->win, -1, SDL_RENDERER_SOFTWARE);
        SDL_ShowCursor(SDL_DISABLE);
        SDL_DisableScreenSaver();
    }
    if (!p->r) {
        fprintf(stderr, "annai: cannot create a renderer: %s\n", SDL_GetError());
        platform_close(p);
        return 3;
    }
    SDL_GetRendererOutputSize(p->r, &p->w, &p->h);
    return 0;
}

void platform_close(platform_t *p)
{
    if (p->r) SDL_DestroyRenderer(p->r);
    if (p->win) SDL_DestroyWindow(p->win);
    if (SDL_WasInit(SDL_INIT_VIDEO)) SDL_Quit();
    memset(p, 0, sizeof *p);
}

void platform_present(platform_t *p)
{
    SDL_RenderPresent(p->r);
    if (p->headless) SDL_UpdateWindowSurface(p->win);
}

/* ---- the kiosk ---- */

typedef struct {
    engine_t *e;
    platform_t *p;
    events_t *ev;
    render_t *rd;
    app_t app;
    input_t in;
    ui_chrome_t chrome;
    ui_index_t index;
    dlist_t chrome_dl, index_dl;
    bool chrome_dirty, index_dirty, dirty;
    int chrome_for, chrome_lang, chrome_hint;
    uint64_t sig, sig_seen_at, next_poll, next_heartbeat;
    bool sig_pending;
} kiosk_t;

static void emit_app_events(kiosk_t *k)
{
    app_event_t ev[APP_MAX_EVENTS];
    int n = app_take_events(&k->app, ev, APP_MAX_EVENTS);
    for (int i = 0; i < n; i++) {
        char stem[512], idx[16];
        snprintf(idx, sizeof idx, "%d", ev[i].index + 1);
        const char *lang = ev[i].lang == LANG_EN ? "\"en\"" : "\"ja\"";
        if (ev[i].kind == APP_EV_VIEW) {
            events_quote(stem, sizeof stem, k->e->deck.entries[ev[i].index].stem);
            char via[16];
            snprintf(via, sizeof via, "\"%s\"", app_via_name(ev[i].via));
            events_emit(k->ev, "view", "panel", stem, "index", idx, "lang", lang, "via", via, NULL);
        } else if (ev[i].kind == APP_EV_IDLE) {
            events_emit(k->ev, "idle", NULL);
        } else {
            events_emit(k->ev, "lang", "lang", lang, NULL);
        }
        k->dirty = true;
    }
}

static void layout_chrome(kiosk_t *k)
{
    engine_set_size(k->e, k->p->w, k->p->h);
    ui_chrome_geometry(&k->chrome, k->p->w, k->p->h, k->e->deck.count);
    ui_index_geometry(&k->index, k->p->w, k->p->h, k->e->deck.count);
    input_init(&k->in, k->p->w, k->p->h);
    k->app.width = (float)k->p->w;
    k->chrome_for = -1;
    k->index_dirty = true;
    k->dirty = true;
}

static void act_on_hit(kiosk_t *k, int hit, uint64_t now)
{
    app_t *a = &k->app;
    switch (hit) {
    case HIT_PREV: app_step(a, -1, VIA_TAP, now); break;
    case HIT_NEXT: app_step(a, 1, VIA_TAP, now); break;
    case HIT_INDEX: app_set_index_open(a, true, now); break;
    case HIT_LANG: app_toggle_lang(a, now); k->index_dirty = true; break;
    case HIT_CLOSE: app_set_index_open(a, false, now); break;
    case HIT_NONE: break;
    default:
        if (a->index_open) {
            app_set_index_open(a, false, now);
            app_go(a, hit, VIA_MENU, TR_FADE, 1, now);
        } else {
            app_go(a, hit, VIA_TAP, TR_FADE, hit > a->current ? 1 : -1, now);
        }
    }
    k->dirty = true;
}

static void on_gesture(kiosk_t *k, gesture_t g, uint64_t now)
{
    app_t *a = &k->app;
    switch (g.kind) {
    case GEST_NONE: return;
    case GEST_DRAG: if (!a->index_open) app_drag(a, g.dx, now); break;
    case GEST_SWIPE: if (!a->index_open) app_release(a, g.dir, now); break;
    case GEST_SPRING: if (!a->index_open) app_release(a, 0, now); break;
    case GEST_TAP: {
        app_input(a, now);
        int hit = a->index_open ? ui_index_hit(&k->index, g.x, g.y) : ui_chrome_hit(&k->chrome, g.x, g.y);
        act_on_hit(k, hit, now);
        break;
    }
    case GEST_LONG_PRESS: app_input(a, now); break;
    }
    k->dirty = true;
}

static void log_touch(kiosk_t *k, const char *kind, float x, float y)
{
    char xs[16], ys[16], ks[32];
    snprintf(xs, sizeof xs, "%d", (int)x);
    snprintf(ys, sizeof ys, "%d", (int)y);
    snprintf(ks, sizeof ks, "\"%s\"", kind);
    events_emit(k->ev, "touch", "kind", ks, "x", xs, "y", ys, NULL);
}

static void on_key(kiosk_t *k, const SDL_KeyboardEvent *e, uint64_t now)
{
    app_t *a = &k->app;
    SDL_Keycode key = e->keysym.sym;
    if (key == SDLK_q && (e->keysym.mod & KMOD_CTRL) && k->e->cfg.allow_exit) stop_requested = 1;
    else if (key == SDLK_RIGHT || key == SDLK_PAGEDOWN || key == SDLK_SPACE) app_step(a, 1, VIA_KEY, now);
    else if (key == SDLK_LEFT || key == SDLK_PAGEUP) app_step(a, -1, VIA_KEY, now);
    else if (key == SDLK_HOME) app_go(a, 0, VIA_KEY, TR_FADE, -1, now);
    else if (key == SDLK_END) app_go(a, a->count - 1, VIA_KEY, TR_FADE, 1, now);
    else if (key == SDLK_ESCAPE) app_set_index_open(a, false, now);
    else if (key == SDLK_i) app_set_index_open(a, !a->index_open, now);
    else if (key == SDLK_l) { app_toggle_lang(a, now); k->index_dirty = true; }
    else app_input(a, now);
    k->dirty = true;
}

static void on_event(kiosk_t *k, const SDL_Event *e, uint64_t now)
{
    float w = (float)k->p->w, h = (float)k->p->h;
    switch (e->type) {
    case SDL_QUIT:
        if (k->e->cfg.allow_exit) stop_requested = 1; /* else: visitors cannot close the kiosk */
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT) break;
        log_touch(k, "down", (float)e->button.x, (float)e->button.y);
        on_gesture(k, input_down(&k->in, -1, (float)e->button.x, (float)e->button.y, now), now);
        break;
    case SDL_MOUSEMOTION:
        if (e->motion.which == SDL_TOUCH_MOUSEID) break;
        on_gesture(k, input_move(&k->in, -1, (float)e->motion.x, (float)e->motion.y, now), now);
        break;
    case SDL_MOUSEBUTTONUP:
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT) break;
        log_touch(k, "up", (float)e->button.x, (float)e->button.y);
        on_gesture(k, input_up(&k->in, -1, (float)e->button.x, (float)e->button.y, now), now);
        break;
    case SDL_FINGERDOWN:
        log_touch(k, "down", e->tfinger.x * w, e->tfinger.y * h);
        on_gesture(k, input_down(&k->in, (int64_t)e->tfinger.fingerId, e->tfinger.x * w, e->tfinger.y * h, now), now);
        break;
    case SDL_FINGERMOTION:
        on_gesture(k, input_move(&k->in, (int64_t)e->tfinger.fingerId, e->tfinger.x * w, e->tfinger.y * h, now), now);
        break;
    case SDL_FINGERUP:
        log_touch(k, "up", e->tfinger.x * w, e->tfinger.y * h);
        on_gesture(k, input_up(&k->in, (int64_t)e->tfinger.fingerId, e->tfinger.x * w, e->tfinger.y * h, now), now);
        break;
    case SDL_KEYDOWN: on_key(k, &e->key, now); break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            SDL_GetRendererOutputSize(k->p->r, &k->p->w, &k->p->h);
            layout_chrome(k);
        } else if (e->window.event == SDL_WINDOWEVENT_FOCUS_LOST) {
            on_gesture(k, input_cancel(&k->in), now);
        }
        k->dirty = true;
        break;
    case SDL_RENDER_TARGETS_RESET: case SDL_RENDER_DEVICE_RESET:
        render_reset(k->rd);
        k->dirty = true;
        break;
    default: break;
    }
}

void platform_draw_panel(platform_t *p, render_t *rd, engine_t *e, int index, lang_t lang, bool hint)
{
    engine_set_size(e, p->w, p->h);
    dlist_t chrome = {0};
    ui_chrome_build(&chrome, &e->metrics, p->w, p->h, e->deck.count, index, lang, hint);
    render_dlist(rd, engine_panel(e, index, lang), 0, 0, 1);
    render_dlist(rd, &chrome, 0, 0, 1);
    dlist_free(&chrome);
}

static void draw(kiosk_t *k, uint64_t now)
{
    app_view_t v;
    app_view(&k->app, now, &v);
    lang_t lang = k->app.lang;
    atlas_frame(render_atlas(k->rd));
    if (k->app.index_open) {
        if (k->index_dirty) {
            const char *titles[UI_MAX_INDEX];
            int n = k->e->deck.count < UI_MAX_INDEX ? k->e->deck.count : UI_MAX_INDEX;
            for (int i = 0; i < n; i++) titles[i] = deck_panel(&k->e->deck, i, lang)->title;
            ui_index_build(&k->index_dl, &k->e->metrics, k->p->w, k->p->h, titles, n, k->app.current, lang);
            k->index_dirty = false;
        }
        render_dlist(k->rd, &k->index_dl, 0, 0, 1);
        return;
    }
    render_dlist(k->rd, engine_panel(k->e, v.index, lang), v.offset, 0, 1);
    if (v.other >= 0) render_dlist(k->rd, engine_panel(k->e, v.other, lang), v.other_offset, 0, v.other_alpha);
    int hint = k->app.mode == MODE_ATTRACT;
    if (k->chrome_for != k->app.current || k->chrome_lang != (int)lang || k->chrome_hint != hint) {
        ui_chrome_build(&k->chrome_dl, &k->e->metrics, k->p->w, k->p->h, k->e->deck.count, k->app.current, lang, hint);
        k->chrome_for = k->app.current;
        k->chrome_lang = (int)lang;
        k->chrome_hint = hint;
    }
    render_dlist(k->rd, &k->chrome_dl, 0, 0, 1);
}

/* Hot reload: the folder must have changed and then stayed unchanged for one poll. */
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
    deck_t deck;
    diag_list_t d = {0};
    deck_load(&deck, k->e->cfg.content_dir, &d);
    if (d.count || !deck.count) {
        char msg[1024];
        events_quote(msg, sizeof msg, d.count ? d.items[0].text : "no valid panel");
        events_emit(k->ev, "reload-failed", "error", msg, NULL);
        for (int i = 0; i < d.count; i++) LOGW("content", "%s", d.items[i].text);
        deck_free(&deck);
    } else {
        engine_set_deck(k->e, &deck);
        k->app.panel_dwell_ms = k->e->dwell_ms;
        app_set_count(&k->app, k->e->deck.count, now);
        layout_chrome(k);
        char n[16];
        snprintf(n, sizeof n, "%d", k->e->deck.count);
        events_emit(k->ev, "reload", "panels", n, NULL);
    }
    diag_clear(&d);
}

static void heartbeat(kiosk_t *k, uint64_t now)
{
    const char *path = k->e->cfg.heartbeat_path;
    if (!path || now < k->next_heartbeat) return;
    k->next_heartbeat = now + (uint64_t)(k->e->cfg.heartbeat_interval_s * 1000);
    FILE *f = fopen(path, "w");
    if (f) {
        fprintf(f, "%llu\n", (unsigned long long)time(NULL));
        fclose(f);
    }
}

static int64_t sleep_budget(kiosk_t *k, uint64_t now)
{
    int64_t t = app_deadline(&k->app, now), d = input_deadline(&k->in, now);
    if (d >= 0 && d < t) t = d;
    int64_t poll = (int64_t)(k->next_poll > now ? k->next_poll - now : 0);
    if (poll < t) t = poll;
    if (k->e->cfg.heartbeat_path) {
        int64_t hb = (int64_t)(k->next_heartbeat > now ? k->next_heartbeat - now : 0);
        if (hb < t) t = hb;
    }
    if (t > MAX_SLEEP_MS) t = MAX_SLEEP_MS;
    return t < 0 ? 0 : t;
}

int kiosk_run(engine_t *e, platform_t *p, events_t *ev)
{
    kiosk_t k = {.e = e, .p = p, .ev = ev};
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    k.rd = render_create(p->r, e->fonts);
    uint64_t now = platform_now_ms();
    app_init(&k.app, e->deck.count, e->cfg.lang, e->cfg.dwell_s, e->cfg.idle_timeout_s, e->cfg.transition_ms, p->w, now);
    k.app.panel_dwell_ms = e->dwell_ms;
    layout_chrome(&k);
    k.sig = deck_signature(e->cfg.content_dir);
    k.next_poll = now + RELOAD_POLL_MS;
    char count[16];
    snprintf(count, sizeof count, "%d", e->deck.count);
    events_emit(ev, "start", "panels", count, NULL);
    while (!stop_requested) {
        now = platform_now_ms();
        app_tick(&k.app, now);
        on_gesture(&k, input_tick(&k.in, now), now);
        emit_app_events(&k);
        poll_reload(&k, now);
        if (k.dirty || app_deadline(&k.app, now) <= 16) {
            draw(&k, now);
            platform_present(p);
            k.dirty = false;
        }
        heartbeat(&k, now);
        SDL_Event sev;
        if (SDL_WaitEventTimeout(&sev, (int)sleep_budget(&k, now))) {
            do on_event(&k, &sev, platform_now_ms());
            while (SDL_PollEvent(&sev));
        }
    }
    events_emit(ev, "stop", NULL);
    dlist_free(&k.chrome_dl);
    dlist_free(&k.index_dl);
    render_destroy(k.rd);
    return 0;
}
