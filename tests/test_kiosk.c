/* The kiosk loop itself, stepped on a simulated clock with the software renderer: what is on
 * screen once a transition has ended. */
#include "testutil.h"
#include <SDL2/SDL.h>
#include "annai/engine.h"
#include "annai/kiosk.h"
#include "annai/platform.h"

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
static void mouse(kiosk_t *k, Uint32 type, int x, int y, uint64_t now)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    if (type == SDL_MOUSEMOTION) {
        e.motion.x = x;
        e.motion.y = y;
    } else {
        e.button.button = SDL_BUTTON_LEFT;
        e.button.x = x;
        e.button.y = y;
    }
    kiosk_handle(k, &e, now);
}

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
    mouse(k, SDL_MOUSEBUTTONDOWN, w * 8 / 10, h / 2, *now);
    for (int i = 1; i <= 10; i++) {
        mouse(k, SDL_MOUSEMOTION, w * 8 / 10 - w * i / 20, h / 2, *now);
        counted_frame(k, now, drawn, allocating);
    }
    mouse(k, SDL_MOUSEBUTTONUP, w * 3 / 10, h / 2, *now);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_transition_ends_on_the_new_panel),
        cmocka_unit_test(test_steady_frames_allocate_nothing),
    };
    return cmocka_run_group_tests_name("kiosk", tests, NULL, NULL);
}
