/* The kiosk loop itself, stepped on a simulated clock with the software renderer: what is on
 * screen once a transition has ended. */
#include "testutil.h"
#include "testkiosk.h"
#include <SDL2/SDL.h>
#include "annai/engine.h"
#include "annai/kiosk.h"
#include "annai/schedule.h"
#include "annai/ui.h"
#include "annai/platform.h"
#include "annai/alertview.h"
#include "annai/timeplan.h"
#include <sys/stat.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static Uint32 pixel_at(platform_t *p, int x, int y)
{
    Uint32 px = 0;
    SDL_Rect r = {x, y, 1, 1};
    SDL_RenderReadPixels(p->r, &r, SDL_PIXELFORMAT_ARGB8888, &px, 4);
    return px & 0xFFFFFF;
}

static void key(kiosk_t *k, SDL_Keycode sym, uint64_t now)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = sym;
    kiosk_handle(k, &e, now);
}

/* A left-button press, motion or release at (x, y). */
/* The bundled content in a headless kiosk of w x h, started at *now. */
typedef struct {
    config_t cfg;
    engine_t e;
    diag_list_t d;
    platform_t p;
    events_t ev;
    kiosk_t *k;
} fixture_t;

static void fixture_open(fixture_t *f, int w, int h, uint64_t now)
{
    memset(f, 0, sizeof *f);
    tu_engine_open(&f->e, &f->cfg, "content", &f->d);
    assert_int_equal(platform_open(&f->p, &f->cfg, PLATFORM_HEADLESS, w, h), 0);
    f->k = kiosk_create(&f->e, &f->p, &f->ev, now);
}

static void fixture_close(fixture_t *f)
{
    kiosk_destroy(f->k);
    platform_close(&f->p);
    engine_close(&f->e);
    free(f->cfg.content_dir);
    diag_clear(&f->d);
}

/* After a slide, the last frame shows the new panel alone: no sliver of the old one is left at
 * the edge (the frame at the end of a transition is drawn, not just the ones before it). */
static void test_transition_ends_on_the_new_panel(void **state)
{
    (void)state;
    uint64_t now = 1000000;
    fixture_t f;
    fixture_open(&f, 640, 360, now);
    kiosk_t *k = f.k;
    for (int i = 0; i < 5; i++, now += 16) kiosk_frame(k, now, NULL);
    Uint32 first = pixel_at(&f.p, 0, 100);
    for (int step = 0; step < 3; step++) {
        key(k, SDLK_RIGHT, now);
        for (int i = 0; i < 80; i++, now += 16) kiosk_frame(k, now, NULL); /* and then nothing to draw */
        engine_set_size(&f.e, f.p.w, f.p.h);
        const dlist_t *shown = engine_panel(&f.e, step + 1, LANG_DEFAULT);
        for (int y = 40; y < 300; y += 20)
            for (int x = 0; x < 4; x++)
                if (pixel_at(&f.p, x, y) != (shown->bg & 0xFFFFFF))
                    fail_msg("after slide %d: pixel %d,%d is %06X, the panel's background is %06X (the first panel's %06X)", step + 1,
                             x, y, pixel_at(&f.p, x, y), shown->bg & 0xFFFFFF, first);
    }
    fixture_close(&f);
}

/* A finger that drags a panel a little and lets go slowly (short of a swipe) puts it back: the
 * same panel stays on screen, either way the finger went; a long drag does page on. */
static void test_short_drag_springs_back_to_the_same_panel(void **state)
{
    (void)state;
    uint64_t now = 1000000;
    fixture_t f;
    fixture_open(&f, 640, 360, now);
    kiosk_t *k = f.k;
    for (int i = 0; i < 5; i++, now += 16) kiosk_frame(k, now, NULL);
    key(k, SDLK_RIGHT, now); /* off the first panel, so "back" and "on" both differ from it */
    for (int i = 0; i < 80; i++, now += 16) kiosk_frame(k, now, NULL);
    int before = kiosk_on_screen(k);
    for (int side = -1; side <= 1; side += 2) {
        tu_mouse(k, SDL_MOUSEBUTTONDOWN, 320, 180, now);
        for (int i = 1; i <= 10; i++, now += 16) { /* 30 px at 0.19 px/ms: under 8% of 640, no flick */
            tu_mouse(k, SDL_MOUSEMOTION, 320 + side * 3 * i, 180, now);
            kiosk_frame(k, now, NULL);
        }
        tu_mouse(k, SDL_MOUSEBUTTONUP, 320 + side * 30, 180, now);
        for (int i = 0; i < 60; i++, now += 16) kiosk_frame(k, now, NULL);
        if (kiosk_on_screen(k) != before)
            fail_msg("a short %s drag let go left panel %d for panel %d", side < 0 ? "leftward" : "rightward", before, kiosk_on_screen(k));
    }
    tu_mouse(k, SDL_MOUSEBUTTONDOWN, 500, 180, now); /* the same finger, far: it pages */
    for (int i = 1; i <= 10; i++, now += 16) {
        tu_mouse(k, SDL_MOUSEMOTION, 500 - 30 * i, 180, now);
        kiosk_frame(k, now, NULL);
    }
    tu_mouse(k, SDL_MOUSEBUTTONUP, 200, 180, now);
    for (int i = 0; i < 60; i++, now += 16) kiosk_frame(k, now, NULL);
    assert_int_not_equal(kiosk_on_screen(k), before);
    fixture_close(&f);
}

/* The navigation bar reaches every edge it touches, whatever the burn-in shift: no line of the
 * panel's colour under it at the bottom or the sides (a blue strip under the grey bar). */
static void test_bar_reaches_the_edges(void **state)
{
    (void)state;
    static const int sizes[][2] = {{1280, 720}, {1366, 768}, {800, 480}};
    for (int z = 0; z < 3; z++) {
        int w = sizes[z][0], h = sizes[z][1];
        uint64_t now = 1000000;
        fixture_t f;
        fixture_open(&f, w, h, now);
        ui_chrome_t c;
        ui_chrome_geometry(&c, w, h, f.e.deck.count);
        for (int step = 0; step < BURNIN_STEPS; step++) {
            now = (uint64_t)(step + 8) * BURNIN_PERIOD_MS; /* one burn-in position each */
            kiosk_frame(f.k, now, NULL);
            for (int x = 0; x < w; x++)
                if (pixel_at(&f.p, x, h - 1) != 0xE9E5DC)
                    fail_msg("%dx%d, burn-in step %d: bottom row at x=%d is %06X, not the bar's", w, h, step, x, pixel_at(&f.p, x, h - 1));
            for (int y = (int)(c.bar.y + c.bar.h / 2); y < h; y++)
                if (pixel_at(&f.p, 0, y) != 0xE9E5DC || pixel_at(&f.p, w - 1, y) != 0xE9E5DC)
                    fail_msg("%dx%d, burn-in step %d: the bar's side at y=%d is %06X / %06X", w, h, step, y, pixel_at(&f.p, 0, y),
                             pixel_at(&f.p, w - 1, y));
        }
        fixture_close(&f);
    }
}

/* A folder with no valid panel: visitors see a neutral notice, never the server's path or a
 * count of problems; the operator finds the problems in the admin overlay and the events. */
static void test_notice_is_neutral_details_for_the_operator(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    const char broken[] = "---\ntitle: 壊れた\nlayuot: text\n---\n本文\n";
    free(tu_write(dir, "01-broken.md", broken, strlen(broken)));
    char *evpath = path_join(dir, "events.jsonl");
    fixture_t f;
    memset(&f, 0, sizeof f);
    tu_engine_open(&f.e, &f.cfg, dir, &f.d);
    assert_int_equal(f.e.deck.count, 1);
    assert_int_equal(platform_open(&f.p, &f.cfg, PLATFORM_HEADLESS, 1280, 720), 0);
    assert_int_equal(events_open(&f.ev, evpath), 0);
    f.k = kiosk_create(&f.e, &f.p, &f.ev, 1000);
    kiosk_frame(f.k, 1000, NULL);
    for (lang_t l = 0; l < engine_nlangs(&f.e); l++) {
        const dlist_t *notice = engine_panel(&f.e, 0, l);
        assert_true(notice->nlines > 0);
        for (int i = 0; i < notice->nlines; i++) {
            const char *t = notice->lines[i].text;
            if (strstr(t, "/tmp") || strstr(t, "annai-test") || strpbrk(t, "0123456789()"))
                fail_msg("a visitor sees '%s' on the notice", t);
        }
    }
    char lines[UI_ADMIN_INFO][KIOSK_INFO_LEN];
    int n = kiosk_admin_lines(f.k, lines, 1016);
    bool problem = false, said = false;
    for (int i = 0; i < n; i++) {
        problem |= strstr(lines[i], "01-broken.md:3: unknown key 'layuot'") != NULL;
        said |= strstr(lines[i], "no valid panel") != NULL;
    }
    assert_true(problem);
    assert_true(said);
    fixture_close(&f);
    events_close(&f.ev);
    char *log = NULL;
    size_t len;
    const char *err;
    assert_int_equal(path_read(evpath, 1 << 20, &log, &len, &err), 0);
    assert_non_null(strstr(log, "\"ev\":\"content-problems\",\"count\":1,\"first\":"));
    assert_non_null(strstr(log, "unknown key 'layuot'"));
    free(log);
    free(evpath);
    tu_rmrf(dir);
    free(dir);
}

/* Frames in the steady state allocate nothing: once every panel has been seen, slides, drags
 * and crossfades draw from what is cached. Two things may allocate, and only in the frame where
 * they happen: the chrome laid out again for a new current panel, and the content folder polled
 * for changes every RELOAD_POLL_MS. (malloc, calloc and realloc are counted here by standing in
 * for glibc's; not under AddressSanitizer, which has its own.) */
static volatile long allocs;
static volatile bool counting;
#if defined(__SANITIZE_ADDRESS__)
#define COUNT_ALLOCS 0
#else
#define COUNT_ALLOCS 1
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
void *malloc(size_t n) { if (counting) allocs++; return __libc_malloc(n); }
void *calloc(size_t n, size_t size) { if (counting) allocs++; return __libc_calloc(n, size); }
void *realloc(void *p, size_t n) { if (counting) allocs++; return __libc_realloc(p, n); }
#endif

/* one frame; counts the frames that drew and those that allocated */
static void counted_frame(kiosk_t *k, uint64_t *now, long *drawn, long *allocating)
{
    long before = allocs;
    counting = true;
    *drawn += kiosk_frame(k, *now, NULL);
    counting = false;
    *allocating += allocs != before;
    *now += 16;
}

/* A finger from 80% to 30% of the width: the panel follows it, then slides on. */
static void drag(kiosk_t *k, int w, int h, uint64_t *now, long *drawn, long *allocating)
{
    tu_mouse(k, SDL_MOUSEBUTTONDOWN, w * 8 / 10, h / 2, *now);
    for (int i = 1; i <= 10; i++) {
        tu_mouse(k, SDL_MOUSEMOTION, w * 8 / 10 - w * i / 20, h / 2, *now);
        counted_frame(k, now, drawn, allocating);
    }
    tu_mouse(k, SDL_MOUSEBUTTONUP, w * 3 / 10, h / 2, *now);
}

static void test_steady_frames_allocate_nothing(void **state)
{
    (void)state;
    if (!COUNT_ALLOCS) skip();
    uint64_t now = 1000000;
    fixture_t f;
    fixture_open(&f, 1280, 720, now);
    kiosk_t *k = f.k;
    /* every panel in both languages once */
    for (int l = 0; l < engine_nlangs(&f.e); l++) {
        for (int i = 0; i < f.e.deck.count; i++) {
            key(k, SDLK_RIGHT, now);
            for (int n = 0; n < 40; n++, now += 16) kiosk_frame(k, now, NULL);
        }
        key(k, SDLK_l, now); /* the picker, the next language */
        key(k, SDLK_DOWN, now);
        key(k, SDLK_RETURN, now);
        for (int n = 0; n < 40; n++, now += 16) kiosk_frame(k, now, NULL);
    }
    /* then drags into slides, and crossfades */
    long drawn = 0, allocating = 0, transitions = 0;
    uint64_t t0 = now;
    for (int i = 0; i < 6; i++) {
        drag(k, f.p.w, f.p.h, &now, &drawn, &allocating);
        for (int n = 0; n < 30; n++) counted_frame(k, &now, &drawn, &allocating);
        key(k, i % 2 ? SDLK_HOME : SDLK_END, now);
        for (int n = 0; n < 30; n++) counted_frame(k, &now, &drawn, &allocating);
        transitions += 2;
    }
    long polls = (long)((now - t0) / RELOAD_POLL_MS) + 1;
    assert_true(drawn > 100);
    if (allocating > transitions + polls)
        fail_msg("%ld of %ld frames allocated (%ld allocations); at most %ld may: a new chrome per transition, a folder poll "
                 "every %d ms", allocating, drawn, allocs, transitions + polls, RELOAD_POLL_MS);
    fixture_close(&f);
}


/* ---- time-bound panels and alerts on a simulated wall clock ---- */

static int64_t sim_wall, sim_ms;
static int64_t sim_clock(void *ud) { (void)ud; return sim_wall; }

#define PANEL(title, keys) "---\ntitle: " title "\n" keys "---\n\n本文です。\n"

typedef struct {
    char *dir, *content, *alerts, *events; /* side by side: the content folder's signature sees neither */
    config_t cfg;
    engine_t e;
    diag_list_t d;
    platform_t p;
    events_t ev;
    kiosk_t *k;
} timed_t;

/* 01 always; 02 weekdays 09:00-10:00; 03 ended in 2020. Tokyo time, started at when. */
static void timed_open(timed_t *t, const char *when, const char *ini)
{
    memset(t, 0, sizeof *t);
    setenv("TZ", "Asia/Tokyo", 1);
    tzset();
    t->dir = tu_tmpdir();
    t->content = path_join(t->dir, "content");
    mkdir(t->content, 0755);
    free(tu_write(t->content, "01-always.md", PANEL("いつも", ""), strlen(PANEL("いつも", ""))));
    free(tu_write(t->content, "02-morning.md", PANEL("朝", "days: mon-fri\nhours: 09:00-10:00\n"),
                  strlen(PANEL("朝", "days: mon-fri\nhours: 09:00-10:00\n"))));
    free(tu_write(t->content, "03-over.md", PANEL("終了", "until: 2020-01-01\n"), strlen(PANEL("終了", "until: 2020-01-01\n"))));
    if (ini) free(tu_write(t->content, "kiosk.ini", ini, strlen(ini)));
    t->alerts = path_join(t->dir, "alert");
    mkdir(t->alerts, 0755);
    t->events = path_join(t->dir, "events.jsonl");
    int64_t s;
    bool has_time;
    assert_true(timeplan_parse_when(when, &s, &has_time));
    sim_wall = (int64_t)timeplan_wall_of(s);
    config_defaults(&t->cfg);
    t->cfg.content_dir = mem_strdup(t->content);
    t->cfg.alert_dir = mem_strdup(t->alerts);
    if (ini) {
        char *ip = path_join(t->content, "kiosk.ini");
        config_load_file(&t->cfg, ip, false, &t->d);
        free(ip);
    }
    t->cfg.dwell_s = 10;
    assert_int_equal(engine_open(&t->e, &t->cfg, "fonts", &t->d), 0);
    assert_int_equal(platform_open(&t->p, &t->cfg, PLATFORM_HEADLESS, 640, 360), 0);
    assert_int_equal(events_open(&t->ev, t->events), 0);
    t->k = kiosk_create_at(&t->e, &t->p, &t->ev, 1000000, sim_clock, NULL);
}

static void timed_close(timed_t *t)
{
    kiosk_destroy(t->k);
    events_close(&t->ev);
    platform_close(&t->p);
    engine_close(&t->e);
    config_free(&t->cfg);
    diag_clear(&t->d);
    tu_rmrf(t->dir);
    free(t->dir);
    free(t->content);
    free(t->alerts);
    free(t->events);
}

/* Runs the kiosk for ms of simulated time, the wall clock moving with it; returns a bit per
 * deck index that was on screen. */
static unsigned run_for(timed_t *t, uint64_t *now, int ms)
{
    unsigned seen = 0;
    for (int el = 0; el < ms; el += 50, *now += 50) {
        if ((sim_ms += 50) >= 1000) { sim_wall++; sim_ms -= 1000; }
        kiosk_frame(t->k, *now, NULL);
        int on = kiosk_on_screen(t->k);
        if (on >= 0) seen |= 1u << on;
    }
    return seen;
}

static int shown_count(const kiosk_t *k, unsigned *mask)
{
    const int *set;
    int n = kiosk_shown(k, &set);
    *mask = 0;
    for (int i = 0; i < n; i++) *mask |= 1u << set[i];
    return n;
}

static bool events_have(const char *path, const char *needle)
{
    char *data;
    size_t len;
    const char *err;
    if (path_read(path, PATH_MAX_FILE_BYTES, &data, &len, &err) != 0) return false;
    bool found = strstr(data, needle) != NULL;
    free(data);
    return found;
}

/* Started inside the window (a restart at 09:30): the morning panel is in the set at once;
 * at 10:00 it leaves the set, is replaced at the next dwell and is not shown again; the
 * panel whose until: has passed is never on screen. 2026-11-30 is a Monday. */
static void test_window_edges_on_a_simulated_clock(void **state)
{
    (void)state;
    timed_t t;
    uint64_t now = 1000000;
    timed_open(&t, "2026-11-30 09:59", NULL);
    unsigned mask;
    assert_int_equal(shown_count(t.k, &mask), 2);
    assert_int_equal(mask, 0x3u);
    sim_wall += 30; /* 09:59:30 */
    unsigned seen = run_for(&t, &now, 25000);
    assert_int_equal(seen, 0x3u); /* both, in turn, before 10:00 */
    assert_true(events_have(t.events, "\"ev\":\"schedule\",\"panels\":[\"01-always\",\"02-morning\"]"));
    seen = run_for(&t, &now, 30000);  /* crosses 10:00 */
    assert_int_equal(shown_count(t.k, &mask), 1);
    assert_int_equal(mask, 0x1u);
    assert_true(events_have(t.events, "\"ev\":\"schedule\",\"panels\":[\"01-always\"]"));
    seen = run_for(&t, &now, 30000);  /* the next dwells: only the panel in the set */
    assert_int_equal(seen, 0x1u);
    assert_false(events_have(t.events, "\"ev\":\"reload\""));
    /* a clock jump to the next morning's window (a suspend overnight) */
    sim_wall += 23 * 3600;
    seen = run_for(&t, &now, 30000);
    assert_int_equal(shown_count(t.k, &mask), 2);
    assert_int_equal(seen & 0x4u, 0);
    assert_true(seen & 0x2u);
    timed_close(&t);
}

static void rename_in(timed_t *t, const char *name, const char *text)
{
    char tmpname[128];
    snprintf(tmpname, sizeof tmpname, ".%s.tmp", name);
    char *tmp = tu_write(t->alerts, tmpname, text, strlen(text)), *final = path_join(t->alerts, name);
    assert_int_equal(rename(tmp, final), 0);
    free(tmp);
    free(final);
}

/* An alert at night: the dark screen turns on with the alert (yellow band, black page), a
 * touch does not dismiss it, and when the file is removed the screen goes dark again. */
static void test_alert_at_night_over_everything(void **state)
{
    (void)state;
    timed_t t;
    uint64_t now = 1000000;
    timed_open(&t, "2026-11-30 23:00", "[schedule]\non = 08:00\noff = 20:00\n");
    run_for(&t, &now, 2000);
    assert_int_equal(pixel_at(&t.p, 320, 10), 0x000000); /* off hours: dark */
    rename_in(&t, "rain.md", "---\ntitle: 大雨警報\n---\n\n川に近づかないでください。\n");
    rename_in(&t, "rain.en.md", "---\ntitle: Heavy rain warning\n---\n\nStay away from rivers.\n");
    run_for(&t, &now, 600); /* inotify is read at every tick; the longest sleep is 500 ms */
    assert_true(kiosk_alert_on(t.k));
    assert_int_equal(pixel_at(&t.p, 320, 10), ALERTVIEW_BAND & 0xFFFFFF);
    assert_true(events_have(t.events, "\"ev\":\"alert\",\"state\":\"on\""));
    tu_mouse(t.k, SDL_MOUSEBUTTONDOWN, 320, 180, now);
    tu_mouse(t.k, SDL_MOUSEBUTTONUP, 320, 180, now + 50);
    key(t.k, SDLK_ESCAPE, now + 60);
    run_for(&t, &now, 2000);
    assert_true(kiosk_alert_on(t.k));
    assert_int_equal(pixel_at(&t.p, 320, 10), ALERTVIEW_BAND & 0xFFFFFF); /* the schedule keeps it on */
    char *f = path_join(t.alerts, "rain.md"), *g = path_join(t.alerts, "rain.en.md");
    unlink(f);
    unlink(g);
    run_for(&t, &now, 600);
    assert_false(kiosk_alert_on(t.k));
    assert_true(events_have(t.events, "\"ev\":\"alert\",\"state\":\"off\""));
    assert_int_equal(pixel_at(&t.p, 320, 10), 0x000000);
    free(f);
    free(g);
    timed_close(&t);
}

/* systemd's side of sd_notify: a datagram socket the kiosk is pointed at by NOTIFY_SOCKET. */
static int notify_listen(const char *dir, char *path, size_t n)
{
    snprintf(path, n, "%s/notify", dir);
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    assert_true(strlen(path) < sizeof a.sun_path);
    memcpy(a.sun_path, path, strlen(path) + 1);
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    assert_true(fd >= 0);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    setenv("NOTIFY_SOCKET", path, 1);
    return fd;
}

/* The last STATUS= the kiosk sent since the previous call, "" when it sent none. */
static void notify_last_status(int fd, char *out, size_t n)
{
    char msg[512];
    ssize_t got;
    out[0] = 0;
    while ((got = recv(fd, msg, sizeof msg - 1, 0)) > 0) {
        msg[got] = 0;
        for (char *line = strtok(msg, "\n"); line; line = strtok(NULL, "\n"))
            if (!strncmp(line, "STATUS=", 7)) snprintf(out, n, "%s", line + 7);
    }
}

/* While an alert is on (the only one, the first in the folder), `systemctl status` says so: an
 * operator checking a screen remotely sees "alert rain", not the panel hidden under it. */
static void test_systemd_status_names_the_alert(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), path[256], status[256];
    int fd = notify_listen(dir, path, sizeof path);
    timed_t t;
    uint64_t now = 1000000;
    timed_open(&t, "2026-11-30 12:00", NULL);
    run_for(&t, &now, 500);
    notify_last_status(fd, status, sizeof status);
    if (strncmp(status, "showing 1/", 10)) fail_msg("before the alert the status is '%s'", status);
    rename_in(&t, "rain.md", "---\ntitle: 大雨警報\n---\n\n川に近づかないでください。\n");
    run_for(&t, &now, 600);
    assert_true(kiosk_alert_on(t.k));
    notify_last_status(fd, status, sizeof status);
    assert_string_equal(status, "alert rain");
    char *f = path_join(t.alerts, "rain.md");
    unlink(f);
    free(f);
    run_for(&t, &now, 600);
    assert_false(kiosk_alert_on(t.k));
    notify_last_status(fd, status, sizeof status);
    if (strncmp(status, "showing ", 8)) fail_msg("after the alert the status is '%s'", status);
    timed_close(&t);
    unsetenv("NOTIFY_SOCKET");
    close(fd);
    unlink(path);
    tu_rmrf(dir);
    free(dir);
}

/* Over the index, and back to where the kiosk was; an alert whose until: passes goes by itself. */
static void test_alert_over_index_and_until(void **state)
{
    (void)state;
    timed_t t;
    uint64_t now = 1000000;
    timed_open(&t, "2026-11-30 12:00", NULL);
    run_for(&t, &now, 500);
    key(t.k, SDLK_i, now);
    run_for(&t, &now, 500);
    Uint32 index_px = pixel_at(&t.p, 320, 10);
    rename_in(&t, "storm.md", "---\ntitle: 暴風警報\nuntil: 2026-11-30 12:01\n---\n\n外出を控えてください。\n");
    run_for(&t, &now, 600);
    assert_true(kiosk_alert_on(t.k));
    assert_int_equal(pixel_at(&t.p, 320, 10), ALERTVIEW_BAND & 0xFFFFFF);
    run_for(&t, &now, 60000); /* 12:01 passes */
    assert_false(kiosk_alert_on(t.k));
    assert_int_equal(pixel_at(&t.p, 320, 10), index_px);
    timed_close(&t);
}

/* Over the admin overlay and over a transition in progress, at once. */
static void test_alert_over_admin_and_transition(void **state)
{
    (void)state;
    timed_t t;
    uint64_t now = 1000000;
    timed_open(&t, "2026-11-30 12:00", NULL);
    run_for(&t, &now, 500);
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = SDLK_a;
    e.key.keysym.mod = KMOD_LCTRL | KMOD_LSHIFT;
    kiosk_handle(t.k, &e, now);
    run_for(&t, &now, 200);
    Uint32 admin_px = pixel_at(&t.p, 320, 10);
    assert_int_not_equal(admin_px, ALERTVIEW_BAND & 0xFFFFFF);
    rename_in(&t, "a.md", "---\ntitle: 避難してください\n---\n\n係員の指示に従ってください。\n");
    run_for(&t, &now, 100);
    assert_int_equal(pixel_at(&t.p, 320, 10), ALERTVIEW_BAND & 0xFFFFFF);
    char *f = path_join(t.alerts, "a.md");
    unlink(f);
    run_for(&t, &now, 200);
    assert_int_equal(pixel_at(&t.p, 320, 10), admin_px); /* back to the admin overlay */
    key(t.k, SDLK_ESCAPE, now);
    run_for(&t, &now, 500);
    key(t.k, SDLK_RIGHT, now); /* a 400 ms fade starts */
    run_for(&t, &now, 100);
    rename_in(&t, "a.md", "---\ntitle: 避難してください\n---\n\n係員の指示に従ってください。\n");
    run_for(&t, &now, 50);
    assert_int_equal(pixel_at(&t.p, 320, 10), ALERTVIEW_BAND & 0xFFFFFF);
    free(f);
    timed_close(&t);
}

/* systemd stops the kiosk with SIGTERM (Ctrl-C is SIGINT) and asks for the events file to be
 * reopened after log rotation with SIGHUP: the loop goes on after a SIGHUP and ends, cleanly and
 * at once, on a SIGTERM. The e2e signals.sh checks the same on the binary; this one runs with the
 * unit suites, so a mutant of the handlers is caught there too. */
static void *send_signals(void *arg)
{
    (void)arg;
    SDL_Delay(300);
    kill(getpid(), SIGHUP);
    SDL_Delay(300);
    kill(getpid(), SIGTERM);
    return NULL;
}

static void test_signals_stop_the_loop(void **state)
{
    (void)state;
    fixture_t f;
    memset(&f, 0, sizeof f);
    tu_engine_open(&f.e, &f.cfg, "content", &f.d);
    assert_int_equal(platform_open(&f.p, &f.cfg, PLATFORM_HEADLESS, 640, 360), 0);
    pthread_t th;
    alarm(20); /* a loop that does not stop ends the suite (SIGALRM's default) instead of hanging it */
    assert_int_equal(pthread_create(&th, NULL, send_signals, NULL), 0);
    uint64_t t0 = SDL_GetTicks64();
    assert_int_equal(kiosk_run(&f.e, &f.p, &f.ev, NULL, NULL), 0);
    uint64_t took = SDL_GetTicks64() - t0;
    alarm(0);
    pthread_join(th, NULL);
    if (took < 550) fail_msg("the loop ended after %llu ms: before the SIGTERM (a SIGHUP stopped it?)", (unsigned long long)took);
    if (took > 5000) fail_msg("the loop took %llu ms to end after SIGTERM", (unsigned long long)took);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    platform_close(&f.p);
    engine_close(&f.e);
    free(f.cfg.content_dir);
    diag_clear(&f.d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_transition_ends_on_the_new_panel),
        cmocka_unit_test(test_short_drag_springs_back_to_the_same_panel),
        cmocka_unit_test(test_notice_is_neutral_details_for_the_operator),
        cmocka_unit_test(test_bar_reaches_the_edges),
        cmocka_unit_test(test_steady_frames_allocate_nothing),
        cmocka_unit_test(test_window_edges_on_a_simulated_clock),
        cmocka_unit_test(test_alert_at_night_over_everything),
        cmocka_unit_test(test_systemd_status_names_the_alert),
        cmocka_unit_test(test_alert_over_index_and_until),
        cmocka_unit_test(test_alert_over_admin_and_transition),
        cmocka_unit_test(test_signals_stop_the_loop), /* last: the handlers stay installed */
    };
    return cmocka_run_group_tests_name("kiosk", tests, NULL, NULL);
}
