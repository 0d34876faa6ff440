#define _POSIX_C_SOURCE 200809L
#include "annai/bench.h"

#include <SDL2/SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <time.h>
#include "annai/kiosk.h"
#include "annai/platform.h"
#include "annai/scene.h"
#include "annai/render.h"
#include "annai/ui.h"

#define BENCH_FRAMES 600
#define IDLE_SECONDS 3

static double t_start;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The drawing thread's own CPU time: what a frame costs, without the moments a busy (or
 * virtualised) machine takes the core away. Wall time is reported beside it. */
static double thread_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
           (double)ru.ru_stime.tv_usec / 1e6;
}

/* The time from exec to main: the CPU time the process has used by then (exec, the dynamic
 * loader, constructors), which tracked the real delay, measured from outside, within ~0.3 ms
 * on this VM. /proc's start time would do too, but counts in 10 ms ticks. */
static double process_age_s(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0) return -1;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double started_age;
void bench_mark_start(void)
{
    t_start = now_s();
    started_age = process_age_s();
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Every panel in one language after another, as the kiosk shows them (one language's faces open). */
static void draw_all(platform_t *p, render_t *rd, engine_t *e)
{
    for (int l = 0; l < engine_nlangs(e); l++) {
        engine_focus_lang(e, l);
        for (int i = 0; i < e->deck.count; i++) {
            scene_draw_panel(p, rd, e, i, l, false);
            platform_present(p);
        }
    }
    engine_focus_lang(e, e->cfg.lang);
}

static void send(kiosk_t *k, Uint32 type, float x, float y, SDL_Keycode key, uint64_t now)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    if (type == SDL_KEYDOWN) ev.key.keysym.sym = key;
    else if (type == SDL_MOUSEMOTION) { ev.motion.x = (int)x; ev.motion.y = (int)y; }
    else { ev.button.button = SDL_BUTTON_LEFT; ev.button.x = (int)x; ev.button.y = (int)y; }
    kiosk_handle(k, &ev, now);
}

/* One frame as the kiosk makes it, timed with the real clock; the kiosk's clock is simulated
 * at 60 frames a second so that every transition is drawn frame by frame. */
static double *wall_ms; /* beside ms: the same frames in wall time */

static void frame(kiosk_t *k, uint64_t *now, double *ms, int *n)
{
    double t0 = thread_s(), w0 = now_s();
    bool drew = kiosk_frame(k, *now, NULL);
    double t = (thread_s() - t0) * 1000, w = (now_s() - w0) * 1000;
    if (drew && *n < BENCH_FRAMES * 2) {
        wall_ms[*n] = w;
        ms[(*n)++] = t;
    }
    *now += 16;
}

/* Every panel in every language once through the kiosk, so that what is measured next is the
 * steady state (first sight of a panel rasterises its glyphs: counted by the glyph passes).
 * The next language is picked as a visitor with a keyboard would: L, down, Enter. */
static void warm_up(kiosk_t *k, int count, int nlangs)
{
    uint64_t now = 5000000;
    for (int l = 0; l < nlangs; l++) {
        for (int i = 0; i < count; i++) {
            send(k, SDL_KEYDOWN, 0, 0, SDLK_RIGHT, now);
            for (int f = 0; f < 30; f++, now += 16) kiosk_frame(k, now, NULL);
        }
        send(k, SDL_KEYDOWN, 0, 0, SDLK_l, now);
        send(k, SDL_KEYDOWN, 0, 0, SDLK_DOWN, now);
        send(k, SDL_KEYDOWN, 0, 0, SDLK_RETURN, now);
    }
}

/* Visitors' transitions through the real kiosk: drags that follow the finger and the slides
 * they end in, arrow keys, and crossfades (Home, End, page dots), until enough frames. */
static int transitions(kiosk_t *k, int w, int h, double *ms)
{
    uint64_t now = 10000000;
    int n = 0;
    for (int round = 0; n < BENCH_FRAMES; round++) {
        float y = (float)h / 2, x0 = (float)w * 0.8f;
        switch (round % 4) {
        case 0:
            send(k, SDL_MOUSEBUTTONDOWN, x0, y, 0, now);
            for (int i = 1; i <= 12; i++) {
                send(k, SDL_MOUSEMOTION, x0 - (float)w * 0.05f * (float)i, y, 0, now);
                frame(k, &now, ms, &n);
            }
            send(k, SDL_MOUSEBUTTONUP, x0 - (float)w * 0.6f, y, 0, now);
            break;
        case 1: send(k, SDL_KEYDOWN, 0, 0, SDLK_RIGHT, now); break;
        case 2: send(k, SDL_KEYDOWN, 0, 0, SDLK_HOME, now); break;
        default: send(k, SDL_KEYDOWN, 0, 0, SDLK_END, now); break;
        }
        for (int i = 0; i < 40; i++) frame(k, &now, ms, &n); /* the transition, then settled */
    }
    return n;
}

int bench_run(engine_t *e)
{
    platform_t p;
    int rc = platform_open(&p, &e->cfg, PLATFORM_HEADLESS, e->w, e->h);
    if (rc) return rc;
    render_t *rd = render_create(p.r, e->fonts);
    scene_draw_panel(&p, rd, e, 0, e->cfg.lang, true);
    platform_present(&p);
    double first_main = (now_s() - t_start) * 1000;
    double first_proc = started_age >= 0 ? first_main + started_age * 1000 : -1;

    engine_set_size(e, e->w + 1, e->h);
    engine_set_size(e, p.w, p.h);
    double t0 = now_s();
    for (int l = 0; l < engine_nlangs(e); l++) {
        engine_focus_lang(e, l);
        for (int i = 0; i < e->deck.count; i++) engine_panel(e, i, l);
    }
    double layout_ms = (now_s() - t0) * 1000;

    unsigned long r0 = atlas_stats(render_atlas(rd)).rasterised;
    draw_all(&p, rd, e);
    unsigned long r1 = atlas_stats(render_atlas(rd)).rasterised;
    draw_all(&p, rd, e);
    unsigned long r2 = atlas_stats(render_atlas(rd)).rasterised;
    atlas_stats_t as = atlas_stats(render_atlas(rd));
    render_destroy(rd); /* the kiosk below has its own, as it would alone */
    rd = NULL;

    /* the kiosk itself, as visitors use it */
    events_t ev = {0};
    double *ms = calloc(BENCH_FRAMES * 2, sizeof *ms);
    wall_ms = calloc(BENCH_FRAMES * 2, sizeof *wall_ms);
    kiosk_t *k = kiosk_create(e, &p, &ev, 5000000);
    warm_up(k, e->deck.count, engine_nlangs(e));
    int nframes = transitions(k, p.w, p.h, ms);
    qsort(ms, (size_t)nframes, sizeof *ms, cmp_d);
    qsort(wall_ms, (size_t)nframes, sizeof *wall_ms, cmp_d);
    kiosk_destroy(k);

    /* a static panel: the kiosk loop's own sleep, on the real clock */
    k = kiosk_create(e, &p, &ev, (uint64_t)(now_s() * 1000));
    kiosk_frame(k, (uint64_t)(now_s() * 1000), NULL);
    double c0 = cpu_s(), w0 = now_s();
    while (now_s() - w0 < IDLE_SECONDS) {
        uint64_t t = (uint64_t)(now_s() * 1000);
        kiosk_frame(k, t, NULL);
        kiosk_wait(k, t);
    }
    double idle = (cpu_s() - c0) / (now_s() - w0) * 100;
    kiosk_destroy(k);

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("size: %dx%d\n", p.w, p.h);
    printf("panels: %d\n", e->deck.count);
    printf("languages: %d\n", engine_nlangs(e));
    printf("renderer: software\n");
    printf("first_frame_ms: %.1f\n", first_proc >= 0 ? first_proc : first_main);
    printf("first_frame_from_main_ms: %.1f\n", first_main);
    printf("frame_ms_p50: %.2f\n", ms[nframes / 2]);
    printf("frame_ms_p99: %.2f\n", ms[nframes * 99 / 100]);
    printf("frame_wall_ms_p99: %.2f\n", wall_ms[nframes * 99 / 100]);
    printf("frames: %d\n", nframes);
    printf("layout_ms_all_panels: %.1f\n", layout_ms);
    printf("glyphs_rasterised_first_pass: %lu\n", r1 - r0);
    printf("glyphs_rasterised_second_pass: %lu\n", r2 - r1);
    printf("atlas_kib: %d\n", (as.pages * ATLAS_PAGE_SIZE * ATLAS_PAGE_SIZE + as.textures * ATLAS_PAGE_SIZE * ATLAS_PAGE_SIZE * 4) / 1024);
    printf("atlas_glyphs: %d\n", as.glyphs);
    printf("idle_cpu_pct: %.2f\n", idle);
    printf("peak_rss_mib: %.1f\n", (double)ru.ru_maxrss / 1024.0);
    free(ms);
    free(wall_ms);
    wall_ms = NULL;
    render_destroy(rd);
    platform_close(&p);
    return 0;
}
