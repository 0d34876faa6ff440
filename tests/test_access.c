/* A visitor with a keypad, a visitor who listens, a visitor who walks away: the kiosk loop
 * with the software renderer and SDL's dummy audio driver, on a simulated clock (narration
 * plays in real time, so those tests wait for it). */
#include "testutil.h"
#include "testkiosk.h"
#include <SDL2/SDL.h>
#include "annai/a11y.h"
#include "annai/kiosk.h"
#include "annai/palette.h"
#include "annai/platform.h"
#include "annai/ui.h"

#define TONE "tests/data/tone.ogg" /* 1.0 s */

static void key_mod(kiosk_t *k, SDL_Keycode sym, Uint16 mod, uint64_t now)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = sym;
    e.key.keysym.mod = mod;
    kiosk_handle(k, &e, now);
}

static void key(kiosk_t *k, SDL_Keycode sym, uint64_t now) { key_mod(k, sym, 0, now); }

typedef struct {
    config_t cfg;
    engine_t e;
    diag_list_t d;
    platform_t p;
    events_t ev;
    kiosk_t *k;
    char *dir, *events;
} fixture_t;

static const char *fixture_alert_dir; /* NULL: the default (no alerts in these tests) */

static void fixture_open(fixture_t *f, const char *content, int w, int h, uint64_t now)
{
    memset(f, 0, sizeof *f);
    f->dir = tu_tmpdir();
    f->events = path_join(f->dir, "events.jsonl");
    config_defaults(&f->cfg);
    f->cfg.content_dir = mem_strdup(content);
    if (fixture_alert_dir) f->cfg.alert_dir = mem_strdup(fixture_alert_dir);
    f->cfg.idle_timeout_s = 2;
    assert_int_equal(engine_open(&f->e, &f->cfg, "fonts", &f->d), 0);
    assert_int_equal(platform_open(&f->p, &f->cfg, PLATFORM_HEADLESS, w, h), 0);
    assert_int_equal(events_open(&f->ev, f->events), 0);
    f->k = kiosk_create(&f->e, &f->p, &f->ev, now);
}

static void fixture_close(fixture_t *f)
{
    kiosk_destroy(f->k);
    events_close(&f->ev);
    platform_close(&f->p);
    engine_close(&f->e);
    config_free(&f->cfg);
    diag_clear(&f->d);
    tu_rmrf(f->dir);
    free(f->dir);
    free(f->events);
}

static int count_events(fixture_t *f, const char *needle)
{
    fflush(f->ev.f);
    char *data;
    size_t len;
    const char *err;
    if (path_read(f->events, PATH_MAX_FILE_BYTES, &data, &len, &err) != 0) return 0;
    int n = 0;
    for (const char *p = data; (p = strstr(p, needle)); p++) n++;
    free(data);
    return n;
}

static void frames(kiosk_t *k, uint64_t *now, int n)
{
    for (int i = 0; i < n; i++, *now += 16) kiosk_frame(k, *now, NULL);
}

/* Tab until the ring is on `id`; fails when a whole round does not reach it. */
static void focus_on(kiosk_t *k, int id, uint64_t now)
{
    for (int i = 0; i < UI_MAX_FOCUS + 2; i++) {
        if (kiosk_a11y(k).focus == id) return;
        key(k, SDLK_TAB, now);
    }
    fail_msg("Tab never reaches control %d", id);
}

static Uint32 pixel_at(platform_t *p, int x, int y)
{
    Uint32 px = 0;
    SDL_Rect r = {x, y, 1, 1};
    SDL_RenderReadPixels(p->r, &r, SDL_PIXELFORMAT_ARGB8888, &px, 4);
    return px & 0xFFFFFF;
}

/* Every control, by keys alone: Tab visits each once per round (the tray's buttons and every
 * page dot included), the ring is drawn where the control is, Enter does what a tap does. */
static void test_keys_alone_reach_every_control(void **state)
{
    (void)state;
    uint64_t now = 1000000;
    fixture_t f;
    fixture_open(&f, "content", 1920, 1080, now);
    kiosk_t *k = f.k;
    frames(k, &now, 3);
    assert_int_equal(kiosk_a11y(k).focus, UI_HIT_NONE); /* no ring until a key asks for it */
    focus_on(k, UI_HIT_ACCESS, now);
    key(k, SDLK_RETURN, now);
    assert_true(kiosk_a11y(k).tray_open);
    /* one round of Tab from the first control visits the whole order, each once */
    ui_chrome_t c;
    ui_chrome_geometry(&c, 1920, 1080, f.e.deck.count);
    ui_chrome_set_tray(&c, true, true, false);
    int ids[UI_MAX_FOCUS], n = ui_chrome_focus_order(&c, ids);
    assert_int_equal(n, 3 + 3 + f.e.deck.count + 2); /* prev index tray(3) dots lang next */
    focus_on(k, ids[0], now);
    for (int i = 0; i < n; i++) {
        assert_int_equal(kiosk_a11y(k).focus, ids[i]);
        frames(k, &now, 1);
        rectf_t r = ui_chrome_rect(&c, ids[i]);
        float ring = fmaxf(3.0f, 10.8f * 0.7f); /* FOCUS_UNITS of a 1080 screen's unit */
        Uint32 at = pixel_at(&f.p, (int)(r.x + r.w / 2), (int)(r.y - ring * 1.5f));
        if (at != (palette_get(PALETTE_NORMAL)->focus & 0xFFFFFF))
            fail_msg("control %d: no focus ring above it (%06X)", ids[i], at);
        key(k, SDLK_TAB, now);
    }
    assert_int_equal(kiosk_a11y(k).focus, ids[0]); /* wrapped */
    key_mod(k, SDLK_TAB, KMOD_SHIFT, now);
    assert_int_equal(kiosk_a11y(k).focus, ids[n - 1]);
    /* Enter does what a tap does */
    focus_on(k, UI_HIT_FURIGANA, now);
    key(k, SDLK_RETURN, now);
    focus_on(k, UI_HIT_LARGE, now);
    key(k, SDLK_SPACE, now);
    focus_on(k, UI_HIT_CONTRAST, now);
    key(k, SDLK_KP_ENTER, now);
    assert_int_equal(kiosk_a11y(k).modes, A11Y_FURIGANA | A11Y_LARGE | A11Y_CONTRAST);
    assert_int_equal(count_events(&f, "\"ev\":\"a11y\""), 3);
    focus_on(k, 4, now); /* the fifth page dot */
    key(k, SDLK_RETURN, now);
    frames(k, &now, 40);
    assert_int_equal(kiosk_a11y(k).current, 4);
    focus_on(k, UI_HIT_NEXT, now);
    key(k, SDLK_RETURN, now);
    assert_int_equal(kiosk_a11y(k).current, 5);
    focus_on(k, UI_HIT_PREV, now);
    key(k, SDLK_RETURN, now);
    assert_int_equal(kiosk_a11y(k).current, 4);
    /* the index: the ring goes to the current panel's entry, arrows move it, Enter opens that panel */
    focus_on(k, UI_HIT_INDEX, now);
    key(k, SDLK_RETURN, now);
    assert_true(kiosk_a11y(k).index_open);
    assert_int_equal(kiosk_a11y(k).focus, 4);
    key(k, SDLK_DOWN, now);
    key(k, SDLK_DOWN, now);
    key(k, SDLK_UP, now);
    assert_int_equal(kiosk_a11y(k).focus, 5);
    key(k, SDLK_RETURN, now);
    assert_false(kiosk_a11y(k).index_open);
    assert_int_equal(kiosk_a11y(k).current, 5);
    assert_int_equal(kiosk_a11y(k).focus, UI_HIT_INDEX); /* back on the button that opened it */
    focus_on(k, UI_HIT_LANG, now);
    int langs = count_events(&f, "\"ev\":\"lang\"");
    key(k, SDLK_RETURN, now); /* the language button opens the picker; 2 picks the second language */
    frames(k, &now, 1);
    key(k, SDLK_2, now);
    frames(k, &now, 1);
    assert_int_equal(count_events(&f, "\"ev\":\"lang\""), langs + 1);
    /* a touch hides the ring */
    tu_mouse(k, SDL_MOUSEBUTTONDOWN, 960, 300, now);
    tu_mouse(k, SDL_MOUSEBUTTONUP, 960, 300, now + 50);
    assert_int_equal(kiosk_a11y(k).focus, UI_HIT_NONE);
    /* left alone: everything back to normal */
    frames(k, &now, 1);
    now += 2100;
    frames(k, &now, 2);
    kiosk_a11y_t a = kiosk_a11y(k);
    assert_int_equal(a.modes, 0);
    assert_false(a.tray_open);
    assert_int_equal(a.current, 0);
    fixture_close(&f);
}

/* Larger text at 1080x1920: a panel that no longer fits scrolls by keys and by a drag, and
 * the cue is drawn; a new panel starts at its top. */
static void test_larger_text_scrolls(void **state)
{
    (void)state;
    uint64_t now = 1000000;
    fixture_t f;
    fixture_open(&f, "content", 1080, 1920, now);
    kiosk_t *k = f.k;
    frames(k, &now, 2);
    focus_on(k, UI_HIT_ACCESS, now);
    key(k, SDLK_RETURN, now);
    focus_on(k, UI_HIT_LARGE, now);
    key(k, SDLK_RETURN, now);
    tu_mouse(k, SDL_MOUSEBUTTONDOWN, 300, 300, now); /* a touch: the ring goes, arrows page again */
    tu_mouse(k, SDL_MOUSEBUTTONUP, 300, 300, now + 30);
    int tall = -1;
    for (int i = 0; i < f.e.deck.count && tall < 0; i++) {
        if (kiosk_a11y(k).scroll_max > 0) tall = kiosk_a11y(k).current;
        else { key(k, SDLK_RIGHT, now); frames(k, &now, 40); }
    }
    assert_true(tall >= 0);
    assert_true(kiosk_a11y(k).scroll == 0);
    key(k, SDLK_DOWN, now);
    float one = kiosk_a11y(k).scroll;
    assert_true(one > 0);
    /* a drag up moves the text up by as much as the finger */
    tu_mouse(k, SDL_MOUSEBUTTONDOWN, 500, 1200, now);
    for (int i = 1; i <= 10; i++) tu_mouse(k, SDL_MOUSEMOTION, 502, 1200 - 30 * i, now + (uint64_t)i * 16);
    tu_mouse(k, SDL_MOUSEBUTTONUP, 502, 900, now + 200);
    float dragged = kiosk_a11y(k).scroll;
    assert_true(fabsf(dragged - one - 300) < 1);
    assert_int_equal(kiosk_a11y(k).current, tall); /* a vertical drag is no swipe */
    for (int i = 0; i < 60; i++) key(k, SDLK_DOWN, now);
    assert_true(kiosk_a11y(k).scroll == kiosk_a11y(k).scroll_max); /* never past the end */
    key(k, SDLK_PAGEUP, now);
    assert_true(kiosk_a11y(k).scroll < kiosk_a11y(k).scroll_max);
    key(k, SDLK_RIGHT, now);
    frames(k, &now, 40);
    assert_true(kiosk_a11y(k).scroll == 0);
    fixture_close(&f);
}

/* A deck of three panels; the first has narration (the 1 s tone, chained n times). */
static char *narrated_deck(int repeats, const char *ext)
{
    char *dir = tu_tmpdir();
    for (int i = 1; i <= 3; i++) {
        char name[32], body[128];
        snprintf(name, sizeof name, "0%d-p.md", i);
        snprintf(body, sizeof body, "---\ntitle: 第%dの案内\n---\n本文です。\n", i);
        free(tu_write(dir, name, body, strlen(body)));
    }
    char *data;
    size_t len;
    const char *err;
    assert_int_equal(path_read(TONE, PATH_MAX_FILE_BYTES, &data, &len, &err), 0);
    buf_t b = {0};
    for (int i = 0; i < repeats; i++) buf_put(&b, data, len); /* chained Ogg streams play one after the other */
    char name[32];
    snprintf(name, sizeof name, "01-p.ja.%s", ext);
    free(tu_write(dir, name, b.data, b.len));
    buf_free(&b);
    free(data);
    return dir;
}

/* Real time and the simulated clock move together while narration plays: the clock is moved by
 * the real time that passed, not by the 20 ms asked for, so a loaded machine (a sleep that
 * overshoots, a sanitizer build) cannot let the sound run ahead of the kiosk's clock. */
static void play_for(kiosk_t *k, uint64_t *now, int ms)
{
    uint64_t start = SDL_GetTicks64(), last = start;
    while (SDL_GetTicks64() - start < (uint64_t)ms) {
        SDL_Delay(20);
        uint64_t t = SDL_GetTicks64();
        *now += t - last;
        last = t;
        kiosk_frame(k, *now, NULL);
    }
}

static void test_narration_plays_holds_and_stops(void **state)
{
    (void)state;
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    char *deck = narrated_deck(4, "ogg"); /* 4 s: 1.5 s to spare after the 2.5 s held below */
    uint64_t now = 1000000;
    fixture_t f;
    fixture_open(&f, deck, 1280, 720, now);
    kiosk_t *k = f.k;
    frames(k, &now, 2);
    assert_true(kiosk_a11y(k).has_narration);
    focus_on(k, UI_HIT_ACCESS, now);
    key(k, SDLK_RETURN, now);
    focus_on(k, UI_HIT_SPEAKER, now);
    key(k, SDLK_RETURN, now);
    assert_true(kiosk_a11y(k).narrating);
    assert_int_equal(count_events(&f, "\"ev\":\"narration\",\"state\":\"play\",\"panel\":\"01-p\",\"lang\":\"ja\""), 1);
    /* longer than the idle time: the visitor is listening, nothing resets */
    play_for(k, &now, 2500);
    assert_true(kiosk_a11y(k).narrating);
    assert_int_equal(kiosk_a11y(k).current, 0);
    assert_true(kiosk_a11y(k).tray_open);
    /* another panel stops it */
    key(k, SDLK_ESCAPE, now);
    tu_mouse(k, SDL_MOUSEBUTTONDOWN, 10, 10, now);
    tu_mouse(k, SDL_MOUSEBUTTONUP, 10, 10, now + 30);
    key(k, SDLK_RIGHT, now);
    frames(k, &now, 2);
    assert_false(kiosk_a11y(k).narrating);
    assert_int_equal(count_events(&f, "\"state\":\"stop\",\"panel\":\"01-p\""), 1);
    assert_false(kiosk_a11y(k).has_narration); /* the second panel has none: no speaker */
    /* back, play to the end: an end event, then the idle time counts from there */
    key(k, SDLK_LEFT, now);
    frames(k, &now, 40);
    focus_on(k, UI_HIT_SPEAKER, now);
    key(k, SDLK_RETURN, now);
    assert_true(kiosk_a11y(k).narrating);
    for (uint64_t t0 = SDL_GetTicks64(); SDL_GetTicks64() - t0 < 30000 && kiosk_a11y(k).narrating;) play_for(k, &now, 20);
    assert_false(kiosk_a11y(k).narrating);
    assert_int_equal(count_events(&f, "\"state\":\"end\""), 1);
    assert_true(kiosk_a11y(k).tray_open);
    frames(k, &now, 1);
    now += 2100;
    frames(k, &now, 2);
    assert_false(kiosk_a11y(k).tray_open); /* idle reset */
    /* the language picker stops it too */
    focus_on(k, UI_HIT_ACCESS, now);
    key(k, SDLK_RETURN, now);
    focus_on(k, UI_HIT_SPEAKER, now);
    key(k, SDLK_RETURN, now);
    assert_true(kiosk_a11y(k).narrating);
    key(k, SDLK_l, now);
    frames(k, &now, 2);
    assert_false(kiosk_a11y(k).narrating);
    fixture_close(&f);
    tu_rmrf(deck);
    free(deck);
}

/* No sound card, or a broken one: logged and an event; the kiosk carries on. */
static void test_narration_without_audio_device(void **state)
{
    (void)state;
    setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
    char *deck = narrated_deck(1, "ogg");
    uint64_t now = 1000000;
    fixture_t f;
    fixture_open(&f, deck, 1280, 720, now);
    kiosk_t *k = f.k;
    frames(k, &now, 2);
    focus_on(k, UI_HIT_ACCESS, now);
    key(k, SDLK_RETURN, now);
    focus_on(k, UI_HIT_SPEAKER, now);
    key(k, SDLK_RETURN, now);
    assert_false(kiosk_a11y(k).narrating);
    assert_int_equal(count_events(&f, "\"state\":\"failed\""), 1);
    key(k, SDLK_PAGEDOWN, now); /* (the ring is shown: arrows would move it) */
    frames(k, &now, 40);
    assert_int_equal(kiosk_a11y(k).current, 1);
    fixture_close(&f);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    tu_rmrf(deck);
    free(deck);
}

/* An emergency alert silences a narration: the message on screen is what counts. */
static void test_alert_stops_narration(void **state)
{
    (void)state;
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    char *deck = narrated_deck(3, "ogg"), *alerts = tu_tmpdir();
    fixture_alert_dir = alerts;
    uint64_t now = 1000000;
    fixture_t f;
    fixture_open(&f, deck, 1280, 720, now);
    fixture_alert_dir = NULL;
    kiosk_t *k = f.k;
    frames(k, &now, 2);
    focus_on(k, UI_HIT_ACCESS, now);
    key(k, SDLK_RETURN, now);
    focus_on(k, UI_HIT_SPEAKER, now);
    key(k, SDLK_RETURN, now);
    assert_true(kiosk_a11y(k).narrating);
    const char *quake = "---\ntitle: 地震情報\n---\n\n強い揺れに注意してください。\n";
    free(tu_write(alerts, "quake.md", quake, strlen(quake)));
    play_for(k, &now, 1200);
    assert_int_equal(count_events(&f, "\"ev\":\"alert\",\"state\":\"on\""), 1);
    assert_false(kiosk_a11y(k).narrating);
    assert_int_equal(count_events(&f, "\"ev\":\"narration\",\"state\":\"stop\""), 1);
    fixture_close(&f);
    tu_rmrf(deck);
    tu_rmrf(alerts);
    free(deck);
    free(alerts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys_alone_reach_every_control),
        cmocka_unit_test(test_larger_text_scrolls),
        cmocka_unit_test(test_narration_plays_holds_and_stops),
        cmocka_unit_test(test_alert_stops_narration),
        cmocka_unit_test(test_narration_without_audio_device),
    };
    return cmocka_run_group_tests_name("access", tests, tu_fonts_up, tu_fonts_down);
}
