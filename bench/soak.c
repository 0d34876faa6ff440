/* soak: the real kiosk loop (kiosk_frame, kiosk_handle) on a simulated clock through days of
 * attract mode, visitors (swipes, taps, the index, the language), content reloads good and
 * broken, and idle resets. Reports memory, the atlas and open files at the start and the end:
 * they must stay flat. Usage: soak --content DIR [--days D | --hours H] [--size WxH] */
#define _DEFAULT_SOURCE
#include <SDL2/SDL.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "annai/engine.h"
#include "annai/kiosk.h"
#include "annai/linebreak.h"
#include "annai/platform.h"
#include "annai/ui.h"

#define START_MS 1000000ull
#define HOUR_MS (3600ull * 1000)
#define WARMUP_MS (2 * HOUR_MS)          /* every panel seen in its languages by then */
#define MAX_QUEUE 64
#define FLAT_RSS_KIB 1024                /* growth allowed between start and end */
#define TARGET_TRANSITIONS_PER_WEEK 100000

typedef struct { uint64_t at; SDL_Event ev; } queued_t;

typedef struct {
    queued_t q[MAX_QUEUE];
    int n;
    uint64_t rng;
    int w, h, panels, langs;
} sim_t;

typedef struct { long rss_kib; int fds; atlas_stats_t atlas; } sample_t;

static uint32_t rnd(sim_t *s, uint32_t n)
{
    s->rng ^= s->rng << 13; s->rng ^= s->rng >> 7; s->rng ^= s->rng << 17;
    return (uint32_t)(s->rng % n);
}

static void push(sim_t *s, uint64_t at, Uint32 type, float x, float y)
{
    if (s->n == MAX_QUEUE) return;
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    if (type == SDL_MOUSEMOTION) { e.motion.x = (int)x; e.motion.y = (int)y; }
    else if (type == SDL_KEYDOWN) e.key.keysym.sym = (SDL_Keycode)x;
    else { e.button.button = SDL_BUTTON_LEFT; e.button.x = (int)x; e.button.y = (int)y; }
    s->q[s->n++] = (queued_t){at, e};
}

static void tap(sim_t *s, uint64_t at, rectf_t r)
{
    push(s, at, SDL_MOUSEBUTTONDOWN, r.x + r.w / 2, r.y + r.h / 2);
    push(s, at + 90, SDL_MOUSEBUTTONUP, r.x + r.w / 2, r.y + r.h / 2);
}

static void swipe(sim_t *s, uint64_t at, float x0, float x1)
{
    float y = (float)s->h / 2;
    push(s, at, SDL_MOUSEBUTTONDOWN, x0, y);
    for (int i = 1; i <= 4; i++) push(s, at + (uint64_t)i * 30, SDL_MOUSEMOTION, x0 + (x1 - x0) * (float)i / 4, y);
    push(s, at + 150, SDL_MOUSEBUTTONUP, x1, y);
}

/* One thing a visitor does, starting at `at`. */
static void visitor_act(sim_t *s, uint64_t at)
{
    ui_chrome_t c;
    ui_index_t ix;
    ui_chrome_geometry(&c, s->w, s->h, s->panels);
    ui_index_geometry(&ix, s->w, s->h, s->panels);
    float w = (float)s->w;
    switch (rnd(s, 8)) {
    case 0: case 1: swipe(s, at, w * 0.8f, w * 0.2f); break;
    case 2: swipe(s, at, w * 0.2f, w * 0.8f); break;
    case 3: swipe(s, at, w * 0.5f, w * 0.54f); break; /* springs back */
    case 4: tap(s, at, rnd(s, 2) ? c.next : c.prev); break;
    case 5: { /* the picker, then a language (or Close) */
        ui_picker_t pk;
        ui_picker_geometry(&pk, s->w, s->h, s->langs);
        tap(s, at, c.lang);
        tap(s, at + 1500, rnd(s, 8) ? pk.entries[rnd(s, (uint32_t)pk.n)] : pk.close);
        break;
    }
    case 6: tap(s, at, c.index); if (ix.n) tap(s, at + 1500, ix.entries[rnd(s, (uint32_t)ix.n)]); break;
    default: push(s, at, SDL_KEYDOWN, SDLK_RIGHT, 0); break;
    }
}

static sample_t sample(kiosk_t *k)
{
    sample_t m = {0, 0, kiosk_stats(k).atlas};
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, rss = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &rss) != 2) rss = 0;
        fclose(f);
    }
    m.rss_kib = rss * (sysconf(_SC_PAGESIZE) / 1024);
    DIR *d = opendir("/proc/self/fd");
    for (struct dirent *de; d && (de = readdir(d));) m.fds += de->d_name[0] != '.';
    if (d) closedir(d);
    return m;
}

/* Every simulated hour a curator saves a panel (two versions in turn); every sixth hour they
 * save a broken one, fixed an hour later: reloads and failed reloads. */
static void curate(const char *dir, unsigned long hour)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/50-soak.md", dir);
    FILE *f = fopen(path, "w");
    if (!f) return;
    if (hour % 6 == 3) fputs("---\ntitle: 壊れた\nlayuot: text\n---\n本文\n", f);
    else fprintf(f, "---\ntitle: 更新 %lu\n---\n%s\n", hour % 2, hour % 2 ? "地域の科学技術の振興。" : "産学官の連携による地域イノベーション。");
    fclose(f);
}

static int run(const char *dir, uint64_t span, int w, int h)
{
    config_t cfg;
    config_defaults(&cfg);
    cfg.content_dir = mem_strdup(dir);
    cfg.dwell_s = 4;           /* more transitions per simulated hour */
    cfg.transition_ms = 60;    /* fewer frames per transition: the same code path, faster */
    cfg.idle_timeout_s = 60;
    curate(dir, 0);
    engine_t e;
    diag_list_t d = {0};
    if (engine_open(&e, &cfg, "fonts", &d)) return 3;
    diag_clear(&d);
    platform_t p;
    if (platform_open(&p, &cfg, PLATFORM_HEADLESS, w, h)) return 3;
    events_t ev = {0};
    uint64_t now = START_MS, end = START_MS + span, next_visit = START_MS + 60000, next_hour = START_MS + HOUR_MS;
    kiosk_t *k = kiosk_create(&e, &p, &ev, now);
    sim_t s = {.rng = 0x9E3779B97F4A7C15ull, .w = p.w, .h = p.h, .panels = e.deck.count, .langs = engine_nlangs(&e)};
    sample_t first = {0};
    uint64_t warmup = span / 3 < WARMUP_MS ? span / 3 : WARMUP_MS;
    bool warm = false;
    unsigned long hour = 0;
    while (now < end) {
        for (int i = 0; i < s.n;) {
            if (s.q[i].at > now) { i++; continue; }
            kiosk_handle(k, &s.q[i].ev, now);
            s.q[i] = s.q[--s.n];
        }
        if (now >= next_visit) {   /* a visitor: a few actions, then they walk away */
            uint64_t t = now;
            for (int n = 3 + (int)rnd(&s, 10); n > 0; n--, t += 2000 + rnd(&s, 6000)) visitor_act(&s, t);
            next_visit = t + 30000 + rnd(&s, 10 * 60000);
        }
        if (now >= next_hour) { curate(dir, ++hour); next_hour += HOUR_MS; }
        if (!warm && now >= START_MS + warmup) { first = sample(k); warm = true; }
        kiosk_frame(k, now, NULL);
        int64_t dt = kiosk_sleep_ms(k, now);
        uint64_t step = dt < 1 ? 1 : (uint64_t)dt;
        for (int i = 0; i < s.n; i++) if (s.q[i].at > now && s.q[i].at - now < step) step = s.q[i].at - now;
        now += step;
    }
    sample_t last = sample(k);
    kiosk_stats_t st = kiosk_stats(k);
    double days = (double)span / (24.0 * HOUR_MS);
    printf("soak: %.2f simulated days at %dx%d: %lu transitions, %lu reloads, %lu failed reloads, "
           "%lu language switches, %lu index opens, %lu frames\n", days, p.w, p.h, st.views, st.reloads,
           st.reload_failures, st.lang_switches, st.index_opens, st.frames);
    printf("soak: rss_kib start %ld end %ld\n", first.rss_kib, last.rss_kib);
    printf("soak: atlas start %d pages %d glyphs, end %d pages %d glyphs (%lu evictions)\n", first.atlas.pages,
           first.atlas.glyphs, last.atlas.pages, last.atlas.glyphs, last.atlas.evictions);
    printf("soak: open fds start %d end %d\n", first.fds, last.fds);
    bool flat = last.rss_kib - first.rss_kib <= FLAT_RSS_KIB && last.fds == first.fds &&
                last.atlas.pages <= ATLAS_MAX_PAGES;
    bool enough = days < 7 || st.views >= TARGET_TRANSITIONS_PER_WEEK;
    printf("soak: %s\n", flat && enough ? "flat" : !flat ? "GROWING" : "too few transitions");
    kiosk_destroy(k);
    platform_close(&p);
    engine_close(&e);
    config_free(&cfg);
    char path[4096];
    snprintf(path, sizeof path, "%s/50-soak.md", dir);
    unlink(path);
    return flat && enough ? 0 : 1;
}

int main(int argc, char **argv)
{
    const char *dir = NULL;
    double hours = 24 * 7;
    int w = 480, h = 270;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--content")) dir = argv[i + 1];
        else if (!strcmp(argv[i], "--days")) hours = atof(argv[i + 1]) * 24;
        else if (!strcmp(argv[i], "--hours")) hours = atof(argv[i + 1]);
        else if (!strcmp(argv[i], "--size") && sscanf(argv[i + 1], "%dx%d", &w, &h) == 2) continue;
    }
    if (!dir || hours <= 0) {
        fprintf(stderr, "usage: soak --content DIR [--days D | --hours H] [--size WxH]\n");
        return 2;
    }
    SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
    linebreak_init();
    return run(dir, (uint64_t)(hours * (double)HOUR_MS), w, h);
}
