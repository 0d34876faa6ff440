/* Security and faults (issue 13): what an adversarial run did to the landed build, each as a
 * test that failed before its fix. Built with -Wl,--wrap=deck_load (see the Makefile), so that
 * a test can change the content folder while the kiosk loads it. */
#include "testutil.h"
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "annai/config.h"
#include "annai/panel.h"
#include "annai/kiosk.h"
#include "annai/platform.h"
#include "annai/scene.h"
#include "annai/render.h"

/* ---- a seam: something happens to the folder while the deck loads ---- */

void __real_deck_load(deck_t *deck, const char *dir, const langset_t *langs, diag_list_t *diags);
void __wrap_deck_load(deck_t *deck, const char *dir, const langset_t *langs, diag_list_t *diags);
static void (*during_load)(const char *dir);

void __wrap_deck_load(deck_t *deck, const char *dir, const langset_t *langs, diag_list_t *diags)
{
    __real_deck_load(deck, dir, langs, diags);
    if (during_load) {
        void (*fn)(const char *) = during_load;
        during_load = NULL; /* once */
        fn(dir);
    }
}

static const char *const panel_md = "---\ntitle: 新しい題\n---\n本文の段落です。\n";

static char *content_copy(void)
{
    char *dir = tu_tmpdir(), cmd[512];
    snprintf(cmd, sizeof cmd, "cp -R content/. '%s/'", dir);
    assert_int_equal(system(cmd), 0);
    return dir;
}

static char *slurp(const char *path)
{
    char *data;
    size_t len;
    const char *err;
    if (path_read(path, 16 << 20, &data, &len, &err) != 0) return mem_strdup("");
    return data;
}

/* ---- a headless kiosk on a folder, its events in a file ---- */

typedef struct {
    config_t cfg;
    engine_t e;
    diag_list_t d;
    platform_t p;
    events_t ev;
    kiosk_t *k;
    char *events;
} fixture_t;

static void fixture_open(fixture_t *f, const char *dir, int w, int h, const char *events)
{
    memset(f, 0, sizeof *f);
    tu_engine_open(&f->e, &f->cfg, dir, &f->d);
    assert_int_equal(platform_open(&f->p, &f->cfg, PLATFORM_HEADLESS, w, h), 0);
    f->events = mem_strdup(events);
    assert_int_equal(events_open(&f->ev, events), 0);
    f->k = kiosk_create(&f->e, &f->p, &f->ev, 0);
}

static void fixture_close(fixture_t *f)
{
    kiosk_destroy(f->k);
    events_close(&f->ev);
    platform_close(&f->p);
    free(f->e.cfg.pin);
    engine_close(&f->e);
    free(f->cfg.content_dir);
    free(f->events);
    diag_clear(&f->d);
}

/* steps the kiosk's clock from *now to until, a frame every 500 ms */
static void run_until(fixture_t *f, uint64_t *now, uint64_t until)
{
    for (; *now <= until; *now += 500) kiosk_frame(f->k, *now, NULL);
}

static void click(kiosk_t *k, int x, int y, uint64_t now)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = x;
    e.button.y = y;
    e.type = SDL_MOUSEBUTTONDOWN;
    kiosk_handle(k, &e, now);
    e.type = SDL_MOUSEBUTTONUP;
    kiosk_handle(k, &e, now + 60);
}

static int count_of(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p++) n++;
    return n;
}

/* 1. The PIN pad's taps (its layout depends only on the screen size) are never in the events:
 * 4, 7, 1, 1, OK at 1280x720 were (558,360) (558,441) (558,278) (558,278) (721,522). */
static void test_pin_taps_not_in_events(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), *events = path_join(dir, "events");
    fixture_t f;
    fixture_open(&f, "content", 1280, 720, events);
    f.e.cfg.pin = mem_strdup("4711");
    uint64_t now = 100;
    click(f.k, 640, 300, now); /* a visitor's tap: counted */
    now += 1000;
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = SDLK_a;
    e.key.keysym.mod = KMOD_LCTRL | KMOD_LSHIFT; /* the admin door: the PIN pad opens */
    kiosk_handle(f.k, &e, now);
    kiosk_frame(f.k, now, NULL);
    static const int taps[][2] = {{558, 360}, {558, 441}, {558, 278}, {558, 278}, {721, 522}};
    for (int i = 0; i < 5; i++) {
        now += 400;
        click(f.k, taps[i][0], taps[i][1], now);
        kiosk_frame(f.k, now + 100, NULL);
    }
    char *log = slurp(events);
    assert_int_equal(count_of(log, "\"ev\":\"touch\""), 2); /* the visitor's down and up, nothing after */
    assert_null(strstr(log, "558"));
    assert_null(strstr(log, "721"));
    free(log);
    fixture_close(&f);
    free(events);
    tu_rmrf(dir);
    free(dir);
}

/* 2. A file added while the deck loads is picked up by the next poll, not lost until the next
 * change (the signature was taken after loading). */
static void add_panel(const char *dir) { free(tu_write(dir, "99-added-during-load.md", panel_md, strlen(panel_md))); }

static void test_change_during_reload_is_not_lost(void **state)
{
    (void)state;
    char *dir = content_copy(), *events = path_join(dir, ".events");
    fixture_t f;
    fixture_open(&f, dir, 1280, 720, events);
    int before = f.e.deck.count;
    uint64_t now = 0;
    free(tu_write(dir, "98-first.md", panel_md, strlen(panel_md)));
    during_load = add_panel;
    run_until(&f, &now, 4 * RELOAD_POLL_MS + 500);
    assert_null(during_load); /* the reload ran and the folder changed under it */
    assert_int_equal(f.e.deck.count, before + 2);
    fixture_close(&f);
    free(events);
    tu_rmrf(dir);
    free(dir);
}

/* 3. A rejected size changes nothing: it used to be stored before its range was checked. */
static void test_rejected_size_changes_nothing(void **state)
{
    (void)state;
    config_t c;
    config_defaults(&c);
    diag_list_t d = {0};
    assert_true(config_set(&c, "display", "size", "800x480", "t", 1, &d));
    const char *bad[] = {"100000x100000", "-64x-64", "0x0", "63x480", "800x16385"};
    for (int i = 0; i < 5; i++) {
        assert_false(config_set(&c, "display", "size", bad[i], "t", 2, &d));
        assert_int_equal(c.width, 800);
        assert_int_equal(c.height, 480);
    }
    assert_int_equal(d.count, 5);
    config_free(&c);
    diag_clear(&d);
}

/* 4. A font overwritten in place by a shorter file: glyphs not yet loaded come from the copy
 * the kiosk took at start, not SIGBUS from a mapping of the file. */
static void test_font_overwritten_in_place(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), cmd[512];
    snprintf(cmd, sizeof cmd, "cp fonts/BIZUDPGothic-*.ttf '%s/'", dir);
    assert_int_equal(system(cmd), 0);
    diag_list_t d = {0};
    fonts_t *f = fonts_create(dir, &d);
    assert_non_null(f);
    float a = fonts_advance(f, FONTS_FACE_REGULAR, 40, 0x3042);
    for (int i = 0; i < 2; i++) {
        char *path = path_join(dir, i ? "BIZUDPGothic-Bold.ttf" : "BIZUDPGothic-Regular.ttf");
        int fd = open(path, O_WRONLY | O_TRUNC);
        assert_true(fd >= 0);
        assert_int_equal(write(fd, "OTTO", 4), 4); /* an update in progress */
        close(fd);
        free(path);
    }
    float sum = 0;
    for (uint32_t cp = 0x4E00; cp < 0x4E00 + 400; cp++) sum += fonts_advance(f, cp & 1 ? FONTS_FACE_BOLD : FONTS_FACE_REGULAR, 40, cp);
    assert_true(sum > 400 * 20);                                   /* real advances, not zeros */
    assert_true(fabsf(fonts_advance(f, FONTS_FACE_REGULAR, 40, 0x3042) - a) < 0.01f);
    fonts_destroy(f);
    diag_clear(&d);
    tu_rmrf(dir);
    free(dir);
}

/* 5. An image turned into a FIFO after the deck was loaded: drawing the panel reports it and
 * goes on (IMG_Load's open() blocked for good). The alarm turns a hang into a failure. */
static void test_image_turned_fifo_does_not_block(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), *img = path_join(dir, "img");
    assert_int_equal(mkdir(img, 0755), 0);
    SDL_Surface *red = SDL_CreateRGBSurfaceWithFormat(0, 240, 120, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_FillRect(red, NULL, SDL_MapRGB(red->format, 200, 30, 30));
    char *png = path_join(img, "red.png");
    assert_int_equal(IMG_SavePNG(red, png), 0);
    SDL_FreeSurface(red);
    const char *md = "---\ntitle: 画像\n---\n本文の段落です。\n\n![赤い図](img/red.png)\n";
    free(tu_write(dir, "01-media.md", md, strlen(md)));
    config_t cfg;
    engine_t e;
    diag_list_t d = {0};
    tu_engine_open(&e, &cfg, dir, &d);
    assert_int_equal(d.count, 0);
    assert_int_equal(unlink(png), 0);
    assert_int_equal(mkfifo(png, 0644), 0);
    platform_t p;
    assert_int_equal(platform_open(&p, &cfg, PLATFORM_HEADLESS, 1280, 720), 0);
    engine_set_size(&e, 1280, 720);
    render_t *rd = render_create(p.r, e.fonts);
    alarm(10);
    scene_draw_panel(&p, rd, &e, 0, LANG_DEFAULT, false);
    const char *err = render_probe_image(png);
    alarm(0);
    assert_non_null(err);
    assert_non_null(strstr(err, "not a regular file"));
    render_destroy(rd);
    platform_close(&p);
    engine_close(&e);
    free(cfg.content_dir);
    free(png);
    free(img);
    tu_rmrf(dir);
    free(dir);
}

/* 6. kiosk.ini edited in the content folder: a broken one fails the reload at its line, a
 * valid change is reported as needing a restart, not as a reload that changed nothing. */
static void test_kiosk_ini_change_reported(void **state)
{
    (void)state;
    char *dir = content_copy(), *events = path_join(dir, ".events"), *ini = path_join(dir, "kiosk.ini");
    fixture_t f;
    fixture_open(&f, dir, 1280, 720, events);
    uint64_t now = 0;
    const char *broken = "[content]\ndwell = 5\n[display]\nrotate = 45\n";
    free(tu_write(dir, "kiosk.ini", broken, strlen(broken)));
    run_until(&f, &now, 2 * RELOAD_POLL_MS + 500);
    char *log = slurp(events);
    assert_non_null(strstr(log, "\"ev\":\"reload-failed\",\"error\":\""));
    assert_non_null(strstr(log, "kiosk.ini:4: bad value '45' for rotate"));
    free(log);
    const char *changed = "[content]\ndwell = 5\n";
    free(tu_write(dir, "kiosk.ini", changed, strlen(changed)));
    run_until(&f, &now, 5 * RELOAD_POLL_MS + 500);
    log = slurp(events);
    assert_non_null(strstr(log, "\"ev\":\"reload\",\"panels\":11,\"restart\":\"kiosk.ini changed: restart annai to apply it\""));
    free(log);
    fixture_close(&f);
    free(ini);
    free(events);
    tu_rmrf(dir);
    free(dir);
}

/* 9. Long lines are one line: line numbers stay right after a line over inih's first buffer
 * (512 bytes), and a line over 65,535 bytes is reported, its tail never parsed as a line of
 * its own (a comment ending in "pin = 123456" set the PIN). */
static void test_long_lines(void **state)
{
    (void)state;
    buf_t b = {0};
    buf_puts(&b, "[admin]\n#");
    for (int i = 0; i < 700; i++) buf_putc(&b, 'x');
    buf_puts(&b, "\n[display]\nrotate = 45\n[admin]\n");
    size_t line6 = b.len;
    buf_putc(&b, '#');
    while (b.len < line6 + 65535) buf_putc(&b, 'y'); /* where inih's largest buffer ends */
    buf_puts(&b, "pin = 123456\nallow_exit = yes\n");
    config_t c;
    config_defaults(&c);
    diag_list_t d = {0};
    config_load_mem(&c, "k.ini", b.data, b.len, true, &d);
    assert_int_equal(d.count, 2);
    assert_string_equal(d.items[0].text, "k.ini:4: bad value '45' for rotate (expected 0, 90, 180 or 270)");
    assert_string_equal(d.items[1].text, "k.ini:6: " CONFIG_LONG_LINE_MSG);
    assert_null(c.pin);
    assert_true(c.allow_exit); /* the line after it is read, at its own line */
    config_free(&c);
    diag_clear(&d);
    /* the same in a panel's front matter */
    buf_free(&b);
    buf_puts(&b, "---\ntitle: ");
    for (int i = 0; i < 300; i++) buf_puts(&b, "長");
    buf_puts(&b, "\nlayuot: text\n---\n本文\n");
    diag_list_t pd = {0};
    panel_t *p = panel_parse("p.md", b.data, b.len, ".", &pd);
    assert_null(p);
    assert_true(pd.count >= 1);
    assert_non_null(strstr(pd.items[0].text, "p.md:3: unknown key 'layuot'"));
    diag_clear(&pd);
    buf_free(&b);
}

/* 10. Over 5,000 files: the first 5,000 by name are loaded (not the first readdir returns) and
 * the message says which were left out. */
static void test_over_the_panel_cap_by_name(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    const char *en = "---\ntitle: Title\n---\nBody text.\n";
    free(tu_write(dir, "01-title.md", panel_md, strlen(panel_md)));
    free(tu_write(dir, "01-title.en.md", en, strlen(en)));
    for (int i = 0; i < 20000; i++) {
        char name[32];
        snprintf(name, sizeof name, "x%05d.md", i);
        char *p = path_join(dir, name);
        int fd = open(p, O_WRONLY | O_CREAT, 0644);
        assert_true(fd >= 0);
        close(fd);
        free(p);
    }
    deck_t deck;
    diag_list_t d = {0};
    deck_load(&deck, dir, NULL, &d);
    assert_int_equal(deck.count, 1);
    assert_string_equal(deck.entries[0].stem, "01-title");
    assert_non_null(deck.entries[0].lang[1]);
    bool said = false;
    for (int i = 0; i < d.count; i++)
        said |= strstr(d.items[i].text, "20002 panel files, more than 5000: left out are x04998.md to x19999.md") != NULL;
    if (!said) fail_msg("no message naming the files left out (%d problems, first: %s)", d.count, d.count ? d.items[0].text : "");
    for (int i = 0; i < d.count; i++) assert_null(strstr(d.items[i].text, "x04998.md: empty"));
    deck_free(&deck);
    diag_clear(&d);
    tu_rmrf(dir);
    free(dir);
}

/* 11. 40,000 unknown sections: the first few problems and a count, not 80,001 lines. */
static void test_config_report_capped(void **state)
{
    (void)state;
    buf_t b = {0};
    for (int i = 0; i < 40000; i++) buf_printf(&b, "[s%d]\nk = 1\n", i);
    config_t c;
    config_defaults(&c);
    diag_list_t d = {0};
    config_load_mem(&c, "k.ini", b.data, b.len, true, &d);
    assert_true(d.count <= 21);
    assert_string_equal(d.items[0].text, "k.ini:1: unknown section 's0'");
    assert_non_null(strstr(d.items[d.count - 1].text, "more problems in this file"));
    config_free(&c);
    diag_clear(&d);
    buf_free(&b);
}

int main(int argc, char **argv)
{
    if (argc > 1) cmocka_set_test_filter(argv[1]); /* one test by name, e.g. against an older build */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pin_taps_not_in_events),
        cmocka_unit_test(test_change_during_reload_is_not_lost),
        cmocka_unit_test(test_rejected_size_changes_nothing),
        cmocka_unit_test(test_font_overwritten_in_place),
        cmocka_unit_test(test_image_turned_fifo_does_not_block),
        cmocka_unit_test(test_kiosk_ini_change_reported),
        cmocka_unit_test(test_long_lines),
        cmocka_unit_test(test_over_the_panel_cap_by_name),
        cmocka_unit_test(test_config_report_capped),
    };
    return cmocka_run_group_tests_name("faults", tests, tu_fonts_up, tu_fonts_down);
}
