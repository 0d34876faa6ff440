/* kshots OUTDIR: the kiosk's own states as PNGs, driven headless on a fixed clock (the dummy
 * video driver and the software renderer, as tests/test_access.c does): attract, the index,
 * the language picker, the admin PIN pad, an alert, the 見やすく tray with larger text and
 * furigana, the keyboard focus on a page dot. Issue 15's "no change a user can see" for the
 * kiosk's states: take them before a change and after, and compare (cmpshots.sh). */
#define _DEFAULT_SOURCE
#include <SDL2/SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>
#include "annai/kiosk.h"
#include "annai/platform.h"
#include "annai/shot.h"
#include "annai/ui.h"

#define W 1920
#define H 1080
#define T0 1000000           /* the monotonic clock at start (ms) */
#define WALL 1781056800      /* 2026-06-10 11:00 Asia/Tokyo, a Wednesday: the shots.sh moment */
#define SETTLE_MS 1200       /* longer than every transition, shorter than a dwell */

typedef struct {
    config_t cfg;
    engine_t e;
    diag_list_t d;
    platform_t p;
    events_t ev;
    kiosk_t *k;
    uint64_t now;
} rig_t;

static int64_t fixed_wall(void *ud) { (void)ud; return WALL; }

static void key_mod(rig_t *r, SDL_Keycode sym, Uint16 mod)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = sym;
    e.key.keysym.mod = mod;
    kiosk_handle(r->k, &e, r->now);
}

static void key(rig_t *r, SDL_Keycode sym) { key_mod(r, sym, 0); }

static void settle(rig_t *r)
{
    for (int t = 0; t < SETTLE_MS; t += 16, r->now += 16) kiosk_frame(r->k, r->now, NULL);
    /* a last frame drawn whatever changed: the picture on screen now */
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_WINDOWEVENT;
    e.window.event = SDL_WINDOWEVENT_EXPOSED;
    kiosk_handle(r->k, &e, r->now);
    kiosk_frame(r->k, r->now, NULL);
}

static int rig_open(rig_t *r, const char *alert_dir, const char *events)
{
    memset(r, 0, sizeof *r);
    config_defaults(&r->cfg);
    r->cfg.content_dir = mem_strdup("content");
    if (alert_dir) r->cfg.alert_dir = mem_strdup(alert_dir);
    r->cfg.dwell_s = 600;
    if (engine_open(&r->e, &r->cfg, "fonts", &r->d) != 0) return -1;
    if (platform_open(&r->p, &r->cfg, PLATFORM_HEADLESS, W, H) != 0) return -1;
    if (events_open(&r->ev, events) != 0) return -1;
    r->now = T0;
    r->k = kiosk_create_at(&r->e, &r->p, &r->ev, r->now, fixed_wall, NULL);
    settle(r);
    return 0;
}

static void rig_close(rig_t *r)
{
    kiosk_destroy(r->k);
    events_close(&r->ev);
    platform_close(&r->p);
    engine_close(&r->e);
    config_free(&r->cfg);
    diag_clear(&r->d);
}

static int save(rig_t *r, const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.png", dir, name);
    if (shot_save_png(r->p.r, platform_soft_surface(&r->p), path) != 0) {
        fprintf(stderr, "%s: cannot write\n", path);
        return 1;
    }
    return 0;
}

static void focus_on(rig_t *r, int id)
{
    for (int i = 0; i < UI_MAX_FOCUS + 2 && kiosk_a11y(r->k).focus != id; i++) key(r, SDLK_TAB);
}

static void press(rig_t *r, int id)
{
    focus_on(r, id);
    key(r, SDLK_RETURN);
    settle(r);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: kshots OUTDIR (run from the source tree)\n");
        return 2;
    }
    const char *out = argv[1];
    mkdir(out, 0755);
    setenv("TZ", "Asia/Tokyo", 1);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    char tmp[] = "/tmp/kshots-XXXXXX";
    if (!mkdtemp(tmp)) return 1;
    char events[600], alerts[600], none[600];
    snprintf(events, sizeof events, "%s/events.jsonl", tmp);
    snprintf(none, sizeof none, "%s/none", tmp);
    snprintf(alerts, sizeof alerts, "%s/alert", tmp);
    mkdir(none, 0755);
    mkdir(alerts, 0755);
    int bad = 0;
    rig_t r;
    if (rig_open(&r, none, events) != 0) return 1;
    bad |= save(&r, out, "attract");
    key(&r, SDLK_i);
    settle(&r);
    bad |= save(&r, out, "index");
    key(&r, SDLK_ESCAPE);
    settle(&r);
    key(&r, SDLK_l);
    settle(&r);
    bad |= save(&r, out, "picker");
    key(&r, SDLK_ESCAPE);
    settle(&r);
    key_mod(&r, SDLK_a, KMOD_LCTRL | KMOD_LSHIFT);
    settle(&r);
    bad |= save(&r, out, "admin");
    key(&r, SDLK_ESCAPE);
    settle(&r);
    press(&r, UI_HIT_ACCESS);
    press(&r, UI_HIT_LARGE);
    press(&r, UI_HIT_FURIGANA);
    bad |= save(&r, out, "tray-large-furigana");
    focus_on(&r, 2);
    settle(&r);
    bad |= save(&r, out, "focus-dot");
    rig_close(&r);

    const char *rain = "---\ntitle: 大雨警報\n---\n\n川に近づかないでください。\n";
    const char *rain_en = "---\ntitle: Heavy rain warning\n---\n\nStay away from rivers.\n";
    char p1[700], p2[700];
    snprintf(p1, sizeof p1, "%s/rain.md", alerts);
    snprintf(p2, sizeof p2, "%s/rain.en.md", alerts);
    FILE *f = fopen(p1, "w");
    if (f) { fputs(rain, f); fclose(f); }
    f = fopen(p2, "w");
    if (f) { fputs(rain_en, f); fclose(f); }
    struct utimbuf issued = {WALL - 3600, WALL - 3600}; /* the alert shows when it was issued */
    utime(p1, &issued);
    utime(p2, &issued);
    if (rig_open(&r, alerts, events) != 0) return 1;
    bad |= save(&r, out, "alert");
    rig_close(&r);
    remove(p1);
    remove(p2);
    remove(events);
    rmdir(alerts);
    rmdir(none);
    rmdir(tmp);
    return bad;
}
