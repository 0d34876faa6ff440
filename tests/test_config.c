/* Config: defaults < files < flags, every problem at its line, long values kept whole. */
#include "testutil.h"
#include "annai/config.h"

static void test_file_errors_and_values(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    buf_t b = {0};
    buf_puts(&b, "[display]\nrotate = 45\nsize = 800x480\n[nosuch]\nx = 1\n[interaction]\nidle_timeout = 30\nbogus = 1\n[log]\nevents = '");
    for (int i = 0; i < 120; i++) buf_puts(&b, "暗");
    buf_puts(&b, "'\n[schedule]\non = 08:30\noff = 25:00\ndays = mon-fri\n[admin]\npin = 12ab9\n");
    char *path = tu_write(dir, "k.ini", b.data, b.len);
    config_t c;
    config_defaults(&c);
    diag_list_t d = {0};
    assert_true(config_load_file(&c, path, true, &d));
    const char *want[] = {":2: bad value '45' for rotate", ":4: unknown section 'nosuch'", ":8: unknown key 'bogus'", ":13: bad value '25:00'",
                          ":16: bad value '(hidden)' for pin"}; /* a PIN is never echoed */
    for (size_t k = 0; k < 5; k++) {
        bool f = false;
        for (int i = 0; i < d.count; i++) f |= strstr(d.items[i].text, want[k]) != NULL;
        if (!f) {
            for (int i = 0; i < d.count; i++) fprintf(stderr, "  got %s\n", d.items[i].text);
            fail_msg("missing '%s'", want[k]);
        }
    }
    assert_int_equal(c.width, 800);
    assert_true(c.idle_timeout_s == 30);
    assert_int_equal(strlen(c.events_path), 360); /* not cut at Debian inih's 200 bytes */
    assert_null(c.pin);
    assert_int_equal(c.on_min, 8 * 60 + 30);
    assert_int_equal(c.days, 0x1F);
    assert_int_equal(c.rotate, 0);
    config_free(&c);
    diag_clear(&d);
    buf_free(&b);
    free(path);
    tu_rmrf(dir);
    free(dir);
}

static void test_precedence(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char *content = path_join(dir, "c");
    char cmd[300];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", content);
    assert_int_equal(system(cmd), 0);
    free(tu_write(content, "kiosk.ini", "[content]\ndwell = 5\nlang = en\n[interaction]\ntransition_ms = 100\n", 63));
    char *cfgfile = tu_write(dir, "x.ini", "[content]\ndwell = 7\n", 20);
    char *argv[] = {"annai", "--content", content, "--config", cfgfile, "--transition-ms=250", "--windowed", NULL};
    cli_t cli;
    assert_int_equal(cli_parse(&cli, 7, argv), 0);
    config_t c;
    diag_list_t d = {0};
    assert_int_equal(config_resolve(&c, &cli, NULL, &d), 0);
    assert_true(c.dwell_s == 7);            /* --config over kiosk.ini */
    assert_int_equal(c.lang, 1);      /* kiosk.ini over defaults */
    assert_int_equal(c.transition_ms, 250); /* flags over everything */
    assert_false(c.fullscreen);
    assert_true(c.idle_timeout_s == 60);    /* default */
    config_free(&c);
    cli_free(&cli);
    free(cfgfile);
    free(content);
    tu_rmrf(dir);
    free(dir);
}

/* [content] languages and lang, [fonts] per language: parsed, placed, and each mistake said at
 * its line; lang must be one of the languages. */
static void test_languages_and_fonts(void **state)
{
    (void)state;
    config_t c;
    diag_list_t d = {0};
    config_defaults(&c);
    assert_int_equal(c.langs.n, 2); /* ja, en */
    const char *ini = "[content]\nlanguages = ja, en, zh-Hant, ko\nlang = ko\n[fonts]\nko = /f/NotoSansCJK-Regular.ttc#1\n"
                      "zh-TW = /f/tc.otf\n";
    config_load_mem(&c, "k.ini", ini, strlen(ini), false, &d);
    assert_int_equal(d.count, 0);
    assert_true(config_resolve_lang(&c, &d));
    assert_int_equal(c.langs.n, 4);
    assert_int_equal(c.lang, 3);
    assert_string_equal(config_font_for(&c, "ko"), "/f/NotoSansCJK-Regular.ttc#1");
    assert_string_equal(config_font_for(&c, "zh-Hant"), "/f/tc.otf"); /* zh-TW is zh-Hant */
    assert_null(config_font_for(&c, "ja"));
    config_free(&c);
    config_defaults(&c);
    const char *bad = "[content]\nlanguages = ja, en, ja\nlang = fr\n[fonts]\nnot_a_tag = x.ttf\nko =\n";
    config_load_mem(&c, "b.ini", bad, strlen(bad), false, &d);
    assert_false(config_resolve_lang(&c, &d));
    assert_int_equal(c.lang, LANG_DEFAULT);
    const char *want[] = {"b.ini:2: language ja is listed twice", "b.ini:5: [fonts] key 'not_a_tag' is not a language tag",
                          "b.ini:6: [fonts] ko: expected a font file", "fr is not one of the languages"};
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        bool f = false;
        for (int i = 0; i < d.count; i++) f |= strstr(d.items[i].text, want[k]) != NULL;
        if (!f) fail_msg("missing diagnostic '%s'", want[k]);
    }
    config_free(&c);
    diag_clear(&d);
}

static void test_usage_errors(void **state)
{
    (void)state;
    cli_t cli;
    char *a1[] = {"annai", "--nope", NULL};
    assert_int_equal(cli_parse(&cli, 2, a1), 2);
    cli_free(&cli);
    char *a2[] = {"annai", "--check", "--bench", NULL};
    assert_int_equal(cli_parse(&cli, 3, a2), 2);
    cli_free(&cli);
    char *a3[] = {"annai", "--dwell", NULL};
    assert_int_equal(cli_parse(&cli, 2, a3), 2);
    cli_free(&cli);
    /* a bad value is refused where it is typed: exit 2, not a kiosk on the default */
    char *a4[] = {"annai", "--rotate", "45", NULL};
    assert_int_equal(cli_parse(&cli, 3, a4), 2);
    cli_free(&cli);
    char *a5[] = {"annai", "--fullscreen", "nope", NULL};
    assert_int_equal(cli_parse(&cli, 3, a5), 2);
    cli_free(&cli);
    char *a6[] = {"annai", "--allow-exit=maybe", NULL};
    assert_int_equal(cli_parse(&cli, 2, a6), 2);
    cli_free(&cli);
    config_t c;
    diag_list_t d = {0};
    config_defaults(&c);
    assert_false(config_set(&c, "admin", "allow_exit", "maybe", "kiosk.ini", 3, &d));
    assert_string_equal(d.items[0].text, "kiosk.ini:3: bad value 'maybe' for allow_exit (expected true or false)");
    config_free(&c);
    diag_clear(&d);
    char *a7[] = {"annai", "--no-allow-exit=yes", NULL};
    assert_int_equal(cli_parse(&cli, 2, a7), 2);
    cli_free(&cli);
    char *a8[] = {"annai", "--no-dwell", NULL};
    assert_int_equal(cli_parse(&cli, 2, a8), 2);
    cli_free(&cli);
    char *a9[] = {"annai", "--size", "10x10", NULL};
    assert_int_equal(cli_parse(&cli, 3, a9), 2);
    cli_free(&cli);
}

/* Resolves argv with no config file; returns the problems found. */
static int resolve(config_t *c, int argc, char **argv, cli_t *cli)
{
    diag_list_t d = {0};
    assert_int_equal(cli_parse(cli, argc, argv), 0);
    config_resolve(c, cli, NULL, &d);
    int n = d.count;
    for (int i = 0; i < n; i++) fprintf(stderr, "%s\n", d.items[i].text);
    diag_clear(&d);
    return n;
}

/* `annai --allow-exit --check` is what the help suggests: a switch, then a mode. */
static void test_boolean_switches(void **state)
{
    (void)state;
    cli_t cli;
    config_t c;
    char *a1[] = {"annai", "--allow-exit", "--check", NULL};
    assert_int_equal(resolve(&c, 3, a1, &cli), 0);
    assert_int_equal(cli.mode, CLI_MODE_CHECK);
    assert_true(c.allow_exit);
    config_free(&c);
    cli_free(&cli);
    char *a2[] = {"annai", "--allow-exit", "--no-allow-exit", "--no-fullscreen", NULL};
    assert_int_equal(resolve(&c, 4, a2, &cli), 0);
    assert_false(c.allow_exit);
    assert_false(c.fullscreen);
    assert_int_equal(cli.mode, CLI_MODE_KIOSK);
    config_free(&c);
    cli_free(&cli);
    /* a value after a switch is still its value when it is one */
    char *a3[] = {"annai", "--fullscreen", "false", "--allow-exit", "yes", "--dwell", "5", NULL};
    assert_int_equal(resolve(&c, 7, a3, &cli), 0);
    assert_false(c.fullscreen);
    assert_true(c.allow_exit);
    assert_true(c.dwell_s == 5);
    config_free(&c);
    cli_free(&cli);
    char *a4[] = {"annai", "--fullscreen", NULL};
    assert_int_equal(resolve(&c, 2, a4, &cli), 0);
    assert_true(c.fullscreen);
    config_free(&c);
    cli_free(&cli);
}

/* [display] renderer: the three words, any case; anything else is reported at its line and
 * leaves auto, so a typo never turns the GPU on or off by surprise. */
static void test_renderer(void **state)
{
    (void)state;
    static const struct { const char *text; renderer_kind_t want; bool ok; } cases[] = {
        {"[display]\nrenderer = software\n", CONFIG_RENDERER_SOFTWARE, true},
        {"[display]\nrenderer = GPU\n", CONFIG_RENDERER_GPU, true},
        {"[display]\nrenderer = \"auto\"\n", CONFIG_RENDERER_AUTO, true},
        {"[display]\nrenderer = opengl\n", CONFIG_RENDERER_AUTO, false},
        {"[display]\nrenderer =\n", CONFIG_RENDERER_AUTO, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        config_t c;
        config_defaults(&c);
        assert_int_equal(c.renderer, CONFIG_RENDERER_AUTO);
        diag_list_t d = {0};
        config_load_mem(&c, "k.ini", cases[i].text, strlen(cases[i].text), true, &d);
        assert_int_equal(c.renderer, cases[i].want);
        assert_int_equal(d.count, cases[i].ok ? 0 : 1);
        if (!cases[i].ok) assert_non_null(strstr(d.items[0].text, "k.ini:2: bad value"));
        config_free(&c);
        diag_clear(&d);
    }
    char *argv[] = {"annai", "--renderer", "gpu", NULL};
    cli_t cli;
    assert_int_equal(cli_parse(&cli, 3, argv), 0);
    config_t c;
    diag_list_t d = {0};
    assert_int_equal(config_resolve(&c, &cli, NULL, &d), 0);
    assert_int_equal(c.renderer, CONFIG_RENDERER_GPU);
    config_free(&c);
    cli_free(&cli);
}

/* One key of one section set from text; the problem it gives (NULL: none) must be want. */
static void expect_setting(const char *section, const char *key, const char *value, const char *want)
{
    config_t c;
    diag_list_t d = {0};
    config_defaults(&c);
    bool ok = config_set(&c, section, key, value, "k.ini", 4, &d);
    if (want ? ok || d.count != 1 || strcmp(d.items[0].text, want) : !ok || d.count)
        fail_msg("[%s] %s = %s: %s, want %s", section, key, value, d.count ? d.items[0].text : "ok", want ? want : "ok");
    config_free(&c);
    diag_clear(&d);
}

/* Every kind of value an operator types, at the edges of what is taken, and the message for
 * what is not: the key, the value and what would be right. */
static void test_values_at_their_edges(void **state)
{
    (void)state;
    expect_setting("content", "dwell", "1", NULL);
    expect_setting("content", "dwell", "3600", NULL);
    expect_setting("content", "dwell", "12 s", NULL);
    expect_setting("content", "dwell", "12s", NULL);
    expect_setting("content", "dwell", "0.5", "k.ini:4: bad value '0.5' for dwell (expected seconds per panel in attract mode, 1 to 3600)");
    expect_setting("content", "dwell", "3601", "k.ini:4: bad value '3601' for dwell (expected seconds per panel in attract mode, 1 to 3600)");
    expect_setting("content", "dwell", "12ms", "k.ini:4: bad value '12ms' for dwell (expected seconds per panel in attract mode, 1 to 3600)");
    expect_setting("content", "dwell", "", "k.ini:4: bad value '' for dwell (expected seconds per panel in attract mode, 1 to 3600)");
    expect_setting("content", "dwell", "nan", "k.ini:4: bad value 'nan' for dwell (expected seconds per panel in attract mode, 1 to 3600)");
    expect_setting("interaction", "transition_ms", "0", NULL);
    expect_setting("interaction", "transition_ms", "5000", NULL);
    expect_setting("interaction", "transition_ms", "5001", "k.ini:4: bad value '5001' for transition_ms (expected transition length in ms, 0 to 5000)");
    expect_setting("interaction", "volume", "0", NULL);
    expect_setting("interaction", "volume", "1", NULL);
    expect_setting("interaction", "volume", "1.01", "k.ini:4: bad value '1.01' for volume (expected narration volume, 0 to 1)");
    expect_setting("display", "display", "16", NULL);
    expect_setting("display", "display", "-1", "k.ini:4: bad value '-1' for display (expected display index, 0 to 16)");
    expect_setting("display", "size", "64x64", NULL);
    expect_setting("display", "size", "16384x16384", NULL);
    expect_setting("display", "size", "NATIVE", NULL);
    expect_setting("display", "size", "63x480", "k.ini:4: bad value '63x480' for size (expected WxH or native)");
    expect_setting("display", "size", "800x63", "k.ini:4: bad value '800x63' for size (expected WxH or native)");
    expect_setting("display", "size", "16385x480", "k.ini:4: bad value '16385x480' for size (expected WxH or native)");
    expect_setting("display", "size", "800x16385", "k.ini:4: bad value '800x16385' for size (expected WxH or native)");
    expect_setting("display", "size", "800x480x", "k.ini:4: bad value '800x480x' for size (expected WxH or native)");
    expect_setting("display", "size", "800", "k.ini:4: bad value '800' for size (expected WxH or native)");
    for (int r = 0; r < 360; r += 90) {
        char v[16];
        snprintf(v, sizeof v, "%d", r);
        expect_setting("display", "rotate", v, NULL);
    }
    expect_setting("display", "rotate", "360", "k.ini:4: bad value '360' for rotate (expected 0, 90, 180 or 270)");
    expect_setting("display", "rotate", "-90", "k.ini:4: bad value '-90' for rotate (expected 0, 90, 180 or 270)");
    expect_setting("schedule", "on", "00:00", NULL);
    expect_setting("schedule", "on", "24:00", NULL);
    expect_setting("schedule", "on", "23:59", NULL);
    expect_setting("schedule", "on", "24:01", "k.ini:4: bad value '24:01' for on (expected HH:MM the screen turns on)");
    expect_setting("schedule", "on", "12:60", "k.ini:4: bad value '12:60' for on (expected HH:MM the screen turns on)");
    expect_setting("schedule", "on", "-1:00", "k.ini:4: bad value '-1:00' for on (expected HH:MM the screen turns on)");
    expect_setting("schedule", "on", "12:-1", "k.ini:4: bad value '12:-1' for on (expected HH:MM the screen turns on)");
    expect_setting("schedule", "off", "8:30pm", "k.ini:4: bad value '8:30pm' for off (expected HH:MM the screen turns off)");
    expect_setting("schedule", "days", ",,", "k.ini:4: bad value ',,' for days (expected e.g. mon-fri or mon,wed,sat)");
    expect_setting("schedule", "days", "mon-", "k.ini:4: bad value 'mon-' for days (expected e.g. mon-fri or mon,wed,sat)");
    expect_setting("schedule", "days", "monday", "k.ini:4: bad value 'monday' for days (expected e.g. mon-fri or mon,wed,sat)");
    expect_setting("admin", "pin", "1234", NULL);
    expect_setting("admin", "pin", "123456789012", NULL);
    expect_setting("admin", "pin", "123", "k.ini:4: bad value '(hidden)' for pin (expected 4 to 12 digits)");
    expect_setting("admin", "pin", "1234567890123", "k.ini:4: bad value '(hidden)' for pin (expected 4 to 12 digits)");
    expect_setting("admin", "pin", "12 34", "k.ini:4: bad value '(hidden)' for pin (expected 4 to 12 digits)");
    expect_setting("content", "lang", "zh-Hant", NULL);
    expect_setting("content", "lang", "not a tag", "k.ini:4: bad value 'not a tag' for lang (expected default language: a tag of languages (default: the first))");
    /* every word of a switch, any case */
    static const struct { const char *v; bool b; } words[] = {{"true", 1}, {"YES", 1}, {"On", 1}, {"1", 1},
                                                             {"false", 0}, {"no", 0}, {"OFF", 0}, {"0", 0}};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        config_t c;
        diag_list_t d = {0};
        config_defaults(&c);
        c.allow_exit = !words[i].b;
        assert_true(config_set(&c, "admin", "allow_exit", words[i].v, "k.ini", 1, &d));
        assert_int_equal(c.allow_exit, words[i].b);
        config_free(&c);
    }
}

/* What the values set: the screen's schedule by days and minutes, sizes, PIN, volume. */
static void test_values_set(void **state)
{
    (void)state;
    config_t c;
    diag_list_t d = {0};
    config_defaults(&c);
    const char *ini = "[display]\nsize = 1080x1920\nrotate = 270\ndisplay = 2\n[schedule]\non = 07:05\noff = 24:00\n"
                      "days = fri-mon\n[interaction]\nvolume = 0.25\ntransition_ms = 120\n[admin]\npin = '0042'\n"
                      "[log]\nheartbeat_interval = 5\n";
    config_load_mem(&c, "k.ini", ini, strlen(ini), true, &d);
    assert_int_equal(d.count, 0);
    assert_int_equal(c.width, 1080);
    assert_int_equal(c.height, 1920);
    assert_int_equal(c.rotate, 270);
    assert_int_equal(c.display, 2);
    assert_int_equal(c.on_min, 7 * 60 + 5);
    assert_int_equal(c.off_min, 24 * 60);
    assert_int_equal(c.days, 0x71); /* Friday to Monday, over the week's end */
    assert_true(c.volume == 0.25);
    assert_int_equal(c.transition_ms, 120);
    assert_string_equal(c.pin, "0042");
    assert_true(c.heartbeat_interval_s == 5);
    config_free(&c);
    static const struct { const char *days; unsigned mask; } days[] = {
        {"mon", 0x01}, {"sun", 0x40}, {"mon-fri", 0x1F}, {"sat,sun", 0x60}, {"mon, wed ,sat", 0x25}, {"SUN-sun", 0x40},
        {"tue-mon", 0x7F}, {"sun-tue", 0x43}, {"mon-wed,fri", 0x17},
    };
    for (size_t i = 0; i < sizeof days / sizeof *days; i++) {
        unsigned m = 0;
        if (!config_parse_days(days[i].days, &m) || m != days[i].mask) fail_msg("%s: %#x, want %#x", days[i].days, m, days[i].mask);
    }
    unsigned m = 5;
    assert_false(config_parse_days("", &m));
    assert_false(config_parse_days("mon-xyz", &m));
    assert_false(config_parse_days("xyz-mon", &m));
    assert_int_equal(m, 5);
    diag_clear(&d);
}

/* Where a key may be: its section, [section] of [fonts], and the messages when it is not. */
static void test_sections(void **state)
{
    (void)state;
    config_t c;
    diag_list_t d = {0};
    config_defaults(&c);
    const char *ini = "what = 5\ndwell = 7\n[display]\ndwell = 5\n[content]\nwhat = 1\n  [ interaction]\n[alert]\ndir = /x\n[log\n";
    config_load_mem(&c, "k.ini", ini, strlen(ini), true, &d);
    /* a known key above every section is told where it goes, not that it "does not belong in []" */
    const char *want[] = {"k.ini:1: key 'what' outside a [section]", "k.ini:2: key 'dwell' outside a [section] (it belongs in [content])",
                          "k.ini:4: key 'dwell' does not belong in [display] (it belongs in [content])",
                          "k.ini:6: unknown key 'what'", "k.ini:7: unknown section ' interaction'", "k.ini:10: unknown section 'log'"};
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        bool f = false;
        for (int i = 0; i < d.count; i++) f |= !strcmp(d.items[i].text, want[k]);
        if (!f) {
            for (int i = 0; i < d.count; i++) fprintf(stderr, "  got %s\n", d.items[i].text);
            fail_msg("missing '%s'", want[k]);
        }
    }
    assert_true(c.dwell_s == 12);
    assert_string_equal(config_alert_dir(&c), "/x");
    config_free(&c);
    diag_clear(&d);
    config_defaults(&c);
    assert_string_equal(config_alert_dir(&c), CONFIG_ALERT_DIR);
    /* a key found by section_key when no section is given: --alert-dir */
    assert_true(config_set(&c, NULL, "alert_dir", "/y", "--alert-dir", 0, &d));
    assert_string_equal(config_alert_dir(&c), "/y");
    assert_false(config_set(&c, NULL, "alert_nothing", "/y", "--alert-nothing", 0, &d));
    assert_string_equal(d.items[0].text, "--alert-nothing: unknown key 'alert_nothing'");
    config_free(&c);
    diag_clear(&d);
    /* the content folder's own kiosk.ini may not move the content folder */
    config_defaults(&c);
    const char *inside = "[content]\ndir = /elsewhere\ndwell = 9\n";
    config_load_mem(&c, "c/kiosk.ini", inside, strlen(inside), false, &d);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].text, "c/kiosk.ini:2: 'dir' cannot be set from inside the content folder");
    assert_null(c.content_dir);
    assert_true(c.dwell_s == 9);
    config_free(&c);
    diag_clear(&d);
}

/* [fonts]: a font a language, the same tag again replaces it, at most LANG_MAX. */
static void test_font_overrides(void **state)
{
    (void)state;
    config_t c;
    diag_list_t d = {0};
    config_defaults(&c);
    assert_true(config_set(&c, "fonts", "ko", "/a.ttf", "k.ini", 2, &d));
    assert_true(config_set(&c, "fonts", "KO", "'/b.ttf'", "k.ini", 3, &d));
    assert_int_equal(c.nfonts, 1);
    assert_string_equal(config_font_for(&c, "ko"), "/b.ttf");
    assert_null(config_font_for(&c, "en"));
    char tag[16];
    for (int i = 1; i < LANG_MAX; i++) {
        snprintf(tag, sizeof tag, "x-t%d", i);
        assert_true(config_set(&c, "fonts", tag, "/f.ttf", "k.ini", 4, &d));
    }
    assert_int_equal(c.nfonts, LANG_MAX);
    assert_false(config_set(&c, "fonts", "x-more", "/f.ttf", "k.ini", 9, &d));
    char want[64];
    snprintf(want, sizeof want, "k.ini:9: [fonts]: more than %d languages", LANG_MAX);
    assert_string_equal(d.items[0].text, want);
    assert_true(config_set(&c, "fonts", "x-t1", "/g.ttf", "k.ini", 10, &d)); /* a known one is still replaced */
    assert_string_equal(config_font_for(&c, "x-t1"), "/g.ttf");
    config_free(&c);
    diag_clear(&d);
}

/* A broken file: the bytes, the lines, the count of problems, all said once. */
static void test_broken_files(void **state)
{
    (void)state;
    config_t c;
    diag_list_t d = {0};
    config_defaults(&c);
    config_load_mem(&c, "k.ini", "[content]\ndwell = 5\n\xff\n", 22, true, &d);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].text, "k.ini:3: invalid UTF-8");
    assert_true(c.dwell_s == 12); /* nothing of a broken file is taken */
    diag_clear(&d);
    config_load_mem(&c, "k.ini", "[content]\n\ndwell = 5\0\n", 22, true, &d);
    assert_string_equal(d.items[0].text, "k.ini:3: NUL byte in file");
    diag_clear(&d);
    config_load_mem(&c, "k.ini", "[content]\ndwell = 5\nno equals sign\n", 34, true, &d);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].text, "k.ini:3: expected 'key = value' or [section]");
    diag_clear(&d);
    buf_t b = {0};
    for (int i = 0; i < 30; i++) buf_puts(&b, "[nosuch]\n");
    config_load_mem(&c, "k.ini", b.data, b.len, true, &d);
    assert_int_equal(d.count, 21);
    assert_string_equal(d.items[19].text, "k.ini:20: unknown section 'nosuch'");
    assert_string_equal(d.items[20].text, "k.ini: 10 more problems in this file");
    diag_clear(&d);
    buf_free(&b);
    /* twenty problems exactly: all of them, no "more" line */
    b = (buf_t){0};
    for (int i = 0; i < 20; i++) buf_puts(&b, "[nosuch]\n");
    config_load_mem(&c, "k.ini", b.data, b.len, true, &d);
    assert_int_equal(d.count, 20);
    diag_clear(&d);
    buf_free(&b);
    /* a line longer than inih's buffer is skipped whole and said once, the lines after it read */
    b = (buf_t){0};
    buf_puts(&b, "[content]\n; ");
    for (int i = 0; i < CONFIG_MAX_LINE_BYTES; i++) buf_putc(&b, 'x');
    buf_puts(&b, " dwell = 3\n; ");
    for (int i = 0; i < CONFIG_MAX_LINE_BYTES; i++) buf_putc(&b, 'y');
    buf_puts(&b, "\ndwell = 7\n");
    config_load_mem(&c, "k.ini", b.data, b.len, true, &d);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].text, "k.ini:2: " CONFIG_LONG_LINE_MSG);
    assert_true(c.dwell_s == 7);
    diag_clear(&d);
    buf_free(&b);
    /* exactly CONFIG_MAX_LINE_BYTES is still read */
    b = (buf_t){0};
    buf_puts(&b, "[log]\nevents = ");
    while (b.len < 6 + CONFIG_MAX_LINE_BYTES) buf_putc(&b, 'e');
    buf_puts(&b, "\n");
    config_load_mem(&c, "k.ini", b.data, b.len, true, &d);
    assert_int_equal(d.count, 0);
    assert_int_equal(strlen(c.events_path), CONFIG_MAX_LINE_BYTES - 9);
    buf_free(&b);
    config_free(&c);
}

/* The PIN as a systemd credential: a trailing newline is no digit, a NUL is refused. */
static void test_pin_credential(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    config_t c;
    diag_list_t d = {0};
    config_defaults(&c);
    config_load_credential(&c, dir, &d); /* none there: nothing said */
    config_load_credential(&c, "", &d);
    config_load_credential(&c, NULL, &d);
    assert_int_equal(d.count, 0);
    assert_null(c.pin);
    free(tu_write(dir, CONFIG_PIN_CREDENTIAL, "2468\r\n\n", 7));
    config_load_credential(&c, dir, &d);
    assert_int_equal(d.count, 0);
    assert_string_equal(c.pin, "2468");
    free(tu_write(dir, CONFIG_PIN_CREDENTIAL, "13\0579", 5));
    config_load_credential(&c, dir, &d);
    assert_int_equal(d.count, 1);
    assert_non_null(strstr(d.items[0].text, "annai.pin:1: bad value '(hidden)' for pin"));
    assert_string_equal(c.pin, "2468");
    config_free(&c);
    diag_clear(&d);
    tu_rmrf(dir);
    free(dir);
}

/* --config naming a file that is not there is a problem; kiosk.ini missing is not. */
static void test_missing_config_file(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char *missing = path_join(dir, "none.ini");
    char *argv[] = {"annai", "--content", dir, "--config", missing, NULL};
    cli_t cli;
    assert_int_equal(cli_parse(&cli, 5, argv), 0);
    config_t c;
    diag_list_t d = {0};
    assert_int_equal(config_resolve(&c, &cli, NULL, &d), 1);
    assert_int_equal(d.count, 1);
    char want[600];
    snprintf(want, sizeof want, "%s: config file not found", missing);
    assert_string_equal(d.items[0].text, want);
    assert_string_equal(c.content_dir, dir);
    config_free(&c);
    cli_free(&cli);
    diag_clear(&d);
    free(missing);
    tu_rmrf(dir);
    free(dir);
}

/* The command line: modes, values after = or as the next word, and each usage error. */
static void test_command_line(void **state)
{
    (void)state;
    cli_t cli;
    char *a1[] = {"annai", "--screenshot=out", "--at", "2026-06-10 11:00", "--dwell=5", "--size", "800x480", "--config", "x.ini", NULL};
    assert_int_equal(cli_parse(&cli, 9, a1), 0);
    assert_int_equal(cli.mode, CLI_MODE_SCREENSHOT);
    assert_string_equal(cli.screenshot_dir, "out");
    assert_string_equal(cli.at, "2026-06-10 11:00");
    assert_string_equal(cli.config_path, "x.ini");
    assert_true(cli.size_given);
    assert_int_equal(cli.nopts, 2);
    assert_string_equal(cli.keys[0], "dwell");
    assert_string_equal(cli.values[0], "5");
    cli_free(&cli);
    static const struct { const char *arg; run_mode_t mode; } modes[] = {
        {"--check", CLI_MODE_CHECK}, {"--dump-layout", CLI_MODE_DUMP_LAYOUT}, {"--bench", CLI_MODE_BENCH},
        {"--version", CLI_MODE_VERSION}, {"--help", CLI_MODE_HELP},
    };
    for (size_t i = 0; i < sizeof modes / sizeof *modes; i++) {
        char *a[] = {"annai", (char *)modes[i].arg, (char *)modes[i].arg, NULL};
        assert_int_equal(cli_parse(&cli, 3, a), 0); /* the same mode twice is fine */
        assert_int_equal(cli.mode, modes[i].mode);
        cli_free(&cli);
    }
    char *a2[] = {"annai", "--content", "c", "--heartbeat-interval", "10", "--idle-timeout=90", NULL};
    assert_int_equal(cli_parse(&cli, 6, a2), 0);
    assert_string_equal(cli.keys[0], "dir");
    assert_string_equal(cli.keys[1], "heartbeat_interval");
    assert_string_equal(cli.keys[2], "idle_timeout");
    assert_false(cli.size_given);
    cli_free(&cli);
    /* usage errors: exit 2, nothing left to free */
    static const char *const bad[][3] = {
        {"stray", NULL, NULL}, {"-v", NULL, NULL}, {"--screenshot", NULL, NULL}, {"--pin", "1234", NULL}, {"--pin=1234", NULL, NULL},
        {"--check", "--screenshot=x", NULL}, {"--no-windowed", NULL, NULL}, {"--no-nothing", NULL, NULL},
        {"--dwell", "0", NULL}, {"--an-option-name-far-longer-than-any-the-kiosk-has-ever-had-or-will-have", NULL, NULL},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *a[4] = {"annai", (char *)bad[i][0], (char *)bad[i][1], NULL};
        int n = bad[i][1] ? 3 : 2;
        if (cli_parse(&cli, n, a) != 2) fail_msg("%s %s: not a usage error", bad[i][0], bad[i][1] ? bad[i][1] : "");
        assert_int_equal(cli.nopts, 0);
        assert_null(cli.keys);
    }
}

/* Edges the other tests leave: quotes on one side, a unit that is not s, the first byte bad,
 * a folder as config file, flags reported by their name, where the content folder is looked
 * for, no screen schedule by default, and the help naming every flag as it is typed. */
static void test_more_edges(void **state)
{
    (void)state;
    config_t c;
    diag_list_t d = {0};
    config_defaults(&c);
    assert_int_equal(c.on_min, -1); /* no schedule: the screen never turns itself off */
    assert_int_equal(c.off_min, -1);
    const char *ini = "[log]\nevents = \"ev.jsonl\nheartbeat = hb.json'\nmetrics = 'm.prom'\n";
    config_load_mem(&c, "k.ini", ini, strlen(ini), true, &d);
    assert_int_equal(d.count, 0);
    assert_string_equal(c.events_path, "\"ev.jsonl");
    assert_string_equal(c.heartbeat_path, "hb.json'");
    assert_string_equal(c.metrics_path, "m.prom");
    config_free(&c);
    expect_setting("content", "dwell", "12x", "k.ini:4: bad value '12x' for dwell (expected seconds per panel in attract mode, 1 to 3600)");
    expect_setting("content", "dwell", "12sx", "k.ini:4: bad value '12sx' for dwell (expected seconds per panel in attract mode, 1 to 3600)");
    expect_setting("interaction", "idle_timeout", "1", NULL);
    expect_setting("interaction", "idle_timeout", "0", "k.ini:4: bad value '0' for idle_timeout (expected seconds without input before reset, 1 to 86400)");
    config_defaults(&c);
    config_load_mem(&c, "k.ini", "\xff[content]\n", 11, true, &d);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].text, "k.ini:1: invalid UTF-8");
    diag_clear(&d);
    /* a folder given as the config file is said, a file that is not there is left to the caller */
    char *dir = tu_tmpdir();
    assert_false(config_load_file(&c, dir, true, &d));
    assert_int_equal(d.count, 1);
    assert_int_equal(strncmp(d.items[0].text, dir, strlen(dir)), 0);
    diag_clear(&d);
    char *none = path_join(dir, "none.ini");
    assert_false(config_load_file(&c, none, true, &d));
    assert_int_equal(d.count, 0);
    free(none);
    config_free(&c);
    /* a flag's problem is named by the flag, with no line */
    char *keys[] = {"dwell", "content"}, *values[] = {"0", "x"};
    cli_t cli = {.keys = keys, .values = values, .nopts = 1};
    config_resolve(&c, &cli, NULL, &d);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].text, "--dwell: bad value '0' for dwell (expected seconds per panel in attract mode, 1 to 3600)");
    /* run from a folder holding content/, that is the content folder, not the installed one */
    assert_string_equal(c.content_dir, "content");
    config_free(&c);
    diag_clear(&d);
    cli = (cli_t){0};
    config_resolve(&c, &cli, "/usr/share/annai", &d);
    assert_string_equal(c.content_dir, "content");
    config_free(&c);
    diag_clear(&d);
    tu_rmrf(dir);
    free(dir);
    /* --help: every flag as it is typed (dashes), the PIN never a flag */
    fflush(stdout);
    char *out = path_join(dir = tu_tmpdir(), "help.txt");
    int saved = dup(1);
    FILE *f = fopen(out, "w");
    assert_non_null(f);
    dup2(fileno(f), 1);
    cli_print_help();
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    fclose(f);
    char *text;
    size_t len;
    const char *err;
    assert_int_equal(path_read(out, 1 << 20, &text, &len, &err), 0);
    const char *want[] = {"[content]", "--dir ", "--idle-timeout", "--heartbeat-interval", "--alert-dir", "--transition-ms", "--allow-exit", "pin =", "[schedule]"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(text, want[i])) fail_msg("--help lacks %s", want[i]);
    assert_null(strstr(text, "--idle_timeout"));
    assert_null(strstr(text, "--pin"));
    free(text);
    free(out);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_file_errors_and_values),
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_languages_and_fonts),
        cmocka_unit_test(test_renderer),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_boolean_switches),
        cmocka_unit_test(test_values_at_their_edges),
        cmocka_unit_test(test_values_set),
        cmocka_unit_test(test_sections),
        cmocka_unit_test(test_font_overrides),
        cmocka_unit_test(test_broken_files),
        cmocka_unit_test(test_pin_credential),
        cmocka_unit_test(test_missing_config_file),
        cmocka_unit_test(test_command_line),
        cmocka_unit_test(test_more_edges),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
