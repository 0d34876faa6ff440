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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_file_errors_and_values),
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_languages_and_fonts),
        cmocka_unit_test(test_renderer),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_boolean_switches),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
