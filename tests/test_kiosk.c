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

/* After a slide, the last frame shows the new panel alone: no sliver of the old one is left at
 * the edge (the frame at the end of a transition is drawn, not just the ones before it). */
static void test_transition_ends_on_the_new_panel(void **state)
{
    (void)state;
    config_t cfg;
    engine_t e;
    diag_list_t d = {0};
    tu_engine_open(&e, &cfg, "content", &d);
    platform_t p;
    assert_int_equal(platform_open(&p, &cfg, PLATFORM_HEADLESS, 640, 360), 0);
    events_t ev = {0};
    uint64_t now = 1000000;
    kiosk_t *k = kiosk_create(&e, &p, &ev, now);
    for (int i = 0; i < 5; i++, now += 16) kiosk_frame(k, now, NULL);
    Uint32 first = pixel_at(&p, 0, 100);
    for (int step = 0; step < 3; step++) {
        key(k, SDLK_RIGHT, now);
        for (int i = 0; i < 80; i++, now += 16) kiosk_frame(k, now, NULL); /* and then nothing to draw */
        engine_set_size(&e, p.w, p.h);
        const dlist_t *shown = engine_panel(&e, step + 1, LANG_JA);
        for (int y = 40; y < 300; y += 20)
            for (int x = 0; x < 4; x++)
                if (pixel_at(&p, x, y) != (shown->bg & 0xFFFFFF))
                    fail_msg("after slide %d: pixel %d,%d is %06X, the panel's background is %06X (the first panel's %06X)", step + 1,
                             x, y, pixel_at(&p, x, y), shown->bg & 0xFFFFFF, first);
    }
    kiosk_destroy(k);
    platform_close(&p);
    engine_close(&e);
    free(cfg.content_dir);
    diag_clear(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_transition_ends_on_the_new_panel),
    };
    return cmocka_run_group_tests_name("kiosk", tests, NULL, NULL);
}
