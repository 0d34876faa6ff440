/* Fleet health: the heartbeat, atomic files, write failures said once, the content hash, the
 * Prometheus text, the watchdog's decision, the PIN kept off the command line. */
#include "testutil.h"
#include <errno.h>
#include <sys/stat.h>
#include <SDL2/SDL.h>
#include "annai/config.h"
#include "annai/health.h"
#include "annai/kiosk.h"
#include "annai/metrics.h"
#include "annai/notify.h"
#include "annai/platform.h"
#include "annai/ui.h"

static char *slurp(const char *path)
{
    char *data;
    size_t len;
    const char *err;
    if (path_read(path, 1 << 20, &data, &len, &err) != 0) return NULL;
    return data;
}

static char *tmpdir(void)
{
    char t[] = "/tmp/annai-health-XXXXXX";
    assert_non_null(mkdtemp(t));
    return mem_strdup(t);
}

static void rmtree(char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    free(dir);
}

/* A write that fails leaves the old file whole, and no temporary file behind. */
static void test_atomic_write_keeps_the_old_file(void **state)
{
    (void)state;
    char *dir = tmpdir(), *p = path_join(dir, "hb");
    assert_int_equal(health_write_atomic(p, "one\n", 4), 0);
    assert_int_equal(health_write_atomic(p, "two!\n", 5), 0);
    char *got = slurp(p);
    assert_string_equal(got, "two!\n");
    free(got);
    /* the folder made read-only by its owner: root ignores modes, so use a path that cannot
     * exist instead (a file where a folder is needed) */
    char *bad = path_join(p, "x");
    assert_int_equal(health_write_atomic(bad, "three\n", 6), ENOTDIR);
    got = slurp(p);
    assert_string_equal(got, "two!\n");
    free(got);
    char *tmp = path_join(dir, "hb.tmp");
    assert_false(path_is_file(tmp));
    free(tmp);
    free(bad);
    free(p);
    rmtree(dir);
}

/* /dev/full: every write fails with ENOSPC, as on a full disk. */
static void test_atomic_write_reports_a_full_disk(void **state)
{
    (void)state;
    FILE *f = fopen("/dev/full", "w");
    if (!f) skip();
    fclose(f);
    events_t ev;
    assert_int_equal(events_open(&ev, "/dev/full"), 0);
    events_emit(&ev, "view", "panel", "\"x\"", NULL);
    assert_int_equal(ev.err, ENOSPC);
    events_close(&ev);
}

/* Said once when a kind starts failing, once when it works again; the count goes on. */
static void test_failures_are_said_once_per_kind(void **state)
{
    (void)state;
    health_t h = {0};
    char out[512];
    assert_false(health_record(&h, HEALTH_EVENTS, "/var/log/ev", 0));
    assert_true(health_record(&h, HEALTH_EVENTS, "/var/log/ev", ENOSPC));
    for (int i = 0; i < 50; i++) assert_false(health_record(&h, HEALTH_EVENTS, "/var/log/ev", ENOSPC));
    assert_true(health_record(&h, HEALTH_HEARTBEAT, "/run/annai/heartbeat", EROFS));
    assert_int_equal(h.failures[HEALTH_EVENTS], 51);
    assert_true(health_failing(&h));
    health_describe(&h, out, sizeof out);
    assert_string_equal(out, "events: /var/log/ev: No space left on device; heartbeat: /run/annai/heartbeat: Read-only file system");
    assert_true(health_record(&h, HEALTH_EVENTS, "/var/log/ev", 0));
    assert_true(health_record(&h, HEALTH_HEARTBEAT, "/run/annai/heartbeat", 0));
    assert_false(health_failing(&h));
    health_describe(&h, out, sizeof out);
    assert_string_equal(out, "");
    assert_int_equal(h.failures[HEALTH_EVENTS], 51);
}

static void test_heartbeat_names_what_is_shown(void **state)
{
    (void)state;
    health_t h = {0};
    heartbeat_t hb = {"running", 1795896640123LL, 1795896639020LL, "02-\"background\"", 1, "en", true, 0x0b8fef05ee13513dULL, 42};
    buf_t b = {0};
    health_heartbeat_json(&b, &hb, &h);
    char *s = buf_take(&b);
    assert_string_equal(s, "{\"ts\":\"2026-11-28T20:10:40.123Z\",\"unix\":1795896640,\"state\":\"running\",\"pid\":42,"
                           "\"panel\":\"02-\\\"background\\\"\",\"index\":2,\"lang\":\"en\",\"screen\":\"on\","
                           "\"last_frame\":\"2026-11-28T20:10:39.020Z\",\"last_frame_unix\":1795896639,"
                           "\"content\":\"0b8fef05ee13513d\",\"write_errors\":\"\"}\n");
    free(s);
    health_record(&h, HEALTH_EVENTS, "/var/log/ev", ENOSPC);
    hb.last_frame_ms = 0;
    health_heartbeat_json(&b, &hb, &h);
    s = buf_take(&b);
    assert_non_null(strstr(s, "\"last_frame\":null,\"last_frame_unix\":0,"));
    assert_non_null(strstr(s, "\"write_errors\":\"events: /var/log/ev: No space left on device\"}"));
    free(s);
}

static uint64_t hash_of(const char *dir)
{
    deck_t d;
    diag_list_t diags = {0};
    deck_load(&d, dir, NULL, &diags);
    assert_int_equal(diags.count, 0);
    uint64_t h = health_content_hash(&d);
    deck_free(&d);
    return h;
}

/* The same files give the same hash wherever they are and whatever their times; one byte of
 * a panel or of an image changes it. */
static void test_content_hash_names_the_deck(void **state)
{
    (void)state;
    char *a = tmpdir(), *b = tmpdir(), cmd[1200];
    snprintf(cmd, sizeof cmd, "cp -R content/. '%s/' && cp -R content/. '%s/' && touch '%s'/*.md", a, b, b);
    assert_int_equal(system(cmd), 0);
    uint64_t ha = hash_of(a);
    assert_true(ha == hash_of(b));
    snprintf(cmd, sizeof cmd, "printf '\\n' >> '%s/02-background.en.md'", b);
    assert_int_equal(system(cmd), 0);
    assert_true(ha != hash_of(b));
    /* the first panel counts as much as any other: an edited title panel is new content */
    snprintf(cmd, sizeof cmd, "cp content/02-background.en.md '%s/' && printf '\\n' >> '%s/01-title.md'", b, b);
    assert_int_equal(system(cmd), 0);
    assert_true(ha != hash_of(b));
    /* an image: the same picture hashes the same, another one of the same size does not */
    snprintf(cmd, sizeof cmd, "mkdir '%s/img' && convert -size 400x300 xc:'#C83232' '%s/img/p.png' && "
             "printf -- '---\\ntitle: 画像\\n---\\n![赤](img/p.png)\\n' > '%s/99-image.md'", a, a, a);
    assert_int_equal(system(cmd), 0);
    uint64_t with_image = hash_of(a);
    assert_true(with_image != ha);
    assert_true(with_image == hash_of(a));
    snprintf(cmd, sizeof cmd, "convert -size 400x300 xc:'#3232C8' '%s/img/p.png'", a);
    assert_int_equal(system(cmd), 0);
    assert_true(with_image != hash_of(a));
    rmtree(a);
    rmtree(b);
}

static const char *line_of(const char *text, const char *prefix)
{
    const char *p = strstr(text, prefix);
    return p && (p == text || p[-1] == '\n') ? p + strlen(prefix) : NULL;
}

static void test_metrics_text(void **state)
{
    (void)state;
    metrics_counters_t m = {0};
    for (int i = 1; i <= 100; i++) metrics_count_frame(&m, i / 1000.0);
    m.views[APP_VIA_TAP] = 7;
    m.views[APP_VIA_AUTO] = 3;
    m.lang_switches = 2;
    m.reload_failures = 1;
    health_t h = {0};
    health_record(&h, HEALTH_METRICS, "/x", ENOSPC);
    m.alerts = 3;
    metrics_info_t in = {"0.1.0", 0xabcULL, true, 1000000, 2000500, 2001000, 11, false, 4096, &h, true};
    buf_t b = {0};
    metrics_format(&b, &m, &in);
    char *s = buf_take(&b);
    assert_non_null(line_of(s, "annai_build_info{version=\"0.1.0\",content=\"0000000000000abc\"} 1\n"));
    assert_non_null(line_of(s, "annai_up 1\n"));
    assert_non_null(line_of(s, "annai_last_frame_timestamp_seconds 2000.500\n"));
    assert_non_null(line_of(s, "annai_views_total{via=\"tap\"} 7\n"));
    assert_non_null(line_of(s, "annai_views_total{via=\"auto\"} 3\n"));
    assert_non_null(line_of(s, "annai_views_total{via=\"swipe\"} 0\n"));
    assert_non_null(line_of(s, "annai_language_switches_total 2\n"));
    assert_non_null(line_of(s, "annai_reload_failures_total 1\n"));
    assert_non_null(line_of(s, "annai_screen_on 0\n"));
    assert_non_null(line_of(s, "annai_panels 11\n"));
    assert_non_null(line_of(s, "annai_alerts_total 3\n"));
    assert_non_null(line_of(s, "annai_alert_on 1\n"));
    /* nearest rank over 1..100 ms */
    assert_non_null(line_of(s, "annai_frame_seconds{quantile=\"0.5\"} 0.050000\n"));
    assert_non_null(line_of(s, "annai_frame_seconds{quantile=\"0.99\"} 0.099000\n"));
    assert_non_null(line_of(s, "annai_frame_seconds_count 100\n"));
    assert_non_null(line_of(s, "annai_write_failing{file=\"metrics\"} 1\n"));
    assert_non_null(line_of(s, "annai_write_errors_total{file=\"metrics\"} 1\n"));
    assert_non_null(line_of(s, "annai_resident_memory_bytes 4096\n"));
    free(s);
}

/* The quantiles follow the last METRICS_FRAME_SAMPLES frames: a slow start is forgotten. */
static void test_frame_quantiles_forget_old_frames(void **state)
{
    (void)state;
    metrics_counters_t m = {0};
    assert_true(metrics_frame_quantile(&m, 0.5) == 0);
    for (int i = 0; i < 500; i++) metrics_count_frame(&m, 0.5);
    for (int i = 0; i < METRICS_FRAME_SAMPLES; i++) metrics_count_frame(&m, 0.002);
    assert_float_equal(metrics_frame_quantile(&m, 0.99), 0.002, 1e-6);
    assert_int_equal(m.frames, 500 + METRICS_FRAME_SAMPLES);
    assert_true(metrics_rss_bytes() > 0);
}

/* WATCHDOG=1 only after READY, only on time, only while frames are fresh or the screen is
 * dark on purpose. */
static void test_watchdog_pings_only_with_fresh_frames(void **state)
{
    (void)state;
    notify_t n = {.active = true, .watchdog_ms = 1000, .next_ping = 0, .ready = false};
    assert_false(notify_ping_due(&n, 5000, 5000, false));
    n.ready = true;
    assert_true(notify_ping_due(&n, 5000, 5000, false));
    assert_true(notify_ping_due(&n, 5500, 5000, false));
    assert_false(notify_ping_due(&n, 5501, 5000, false));
    assert_true(notify_ping_due(&n, 9000, 5000, true));
    n.next_ping = 6000;
    assert_false(notify_ping_due(&n, 5900, 5900, false));
    n.watchdog_ms = 0;
    assert_false(notify_ping_due(&n, 9000, 9000, false));
    assert_int_equal(notify_frame_interval_ms(&(notify_t){.active = true, .watchdog_ms = 30000}), 7500);
    assert_int_equal(notify_frame_interval_ms(&(notify_t){.active = false, .watchdog_ms = 30000}), 0);
}

static void test_pin_refused_on_the_command_line(void **state)
{
    (void)state;
    cli_t cli;
    char *argv[] = {"annai", "--pin", "2468", NULL};
    assert_int_equal(cli_parse(&cli, 3, argv), 2);
    cli_free(&cli);
    char *argv2[] = {"annai", "--pin=2468", NULL};
    assert_int_equal(cli_parse(&cli, 2, argv2), 2);
    cli_free(&cli);
}

static void test_pin_from_a_credential(void **state)
{
    (void)state;
    char *dir = tmpdir();
    config_t c;
    diag_list_t d = {0};
    config_defaults(&c);
    config_load_credential(&c, dir, &d); /* no file: nothing, no problem */
    assert_null(c.pin);
    assert_int_equal(d.count, 0);
    free(tu_write(dir, CONFIG_PIN_CREDENTIAL, "2468\n", 5));
    config_load_credential(&c, dir, &d);
    assert_string_equal(c.pin, "2468");
    free(tu_write(dir, CONFIG_PIN_CREDENTIAL, "24a8\n", 5));
    config_load_credential(&c, dir, &d);
    assert_string_equal(c.pin, "2468"); /* a bad one changes nothing */
    assert_int_equal(d.count, 1);
    assert_non_null(strstr(d.items[0].text, "annai.pin:1: bad value '(hidden)' for pin"));
    assert_null(strstr(d.items[0].text, "24a8"));
    diag_clear(&d);
    config_free(&c);
    rmtree(dir);
}

/* The admin overlay says which file cannot be written. */
static void test_admin_overlay_shows_write_failures(void **state)
{
    (void)state;
    config_t cfg;
    engine_t e;
    diag_list_t d = {0};
    platform_t p;
    tu_engine_open(&e, &cfg, "content", &d);
    assert_int_equal(platform_open(&p, &cfg, PLATFORM_HEADLESS, 640, 360), 0);
    events_t ev;
    assert_int_equal(events_open(&ev, "/dev/full"), 0);
    char full[] = "/dev/full";
    e.cfg.events_path = full; /* the engine's copy of the config is the kiosk's */
    kiosk_t *k = kiosk_create(&e, &p, &ev, 1000);
    kiosk_frame(k, 1000, NULL);
    char lines[UI_ADMIN_INFO][KIOSK_INFO_LEN];
    int n = kiosk_admin_lines(k, lines, 1016);
    for (int i = 0; i < n; i++) assert_null(strstr(lines[i], "cannot write"));
    kiosk_write_health(k); /* records the events file's state as the loop does */
    n = kiosk_admin_lines(k, lines, 1032);
    bool said = false;
    for (int i = 0; i < n; i++) said |= !strcmp(lines[i], "cannot write: events: /dev/full: No space left on device");
    assert_true(said);
    kiosk_destroy(k);
    events_close(&ev);
    platform_close(&p);
    engine_close(&e);
    config_free(&cfg);
    diag_clear(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_atomic_write_keeps_the_old_file),
        cmocka_unit_test(test_atomic_write_reports_a_full_disk),
        cmocka_unit_test(test_failures_are_said_once_per_kind),
        cmocka_unit_test(test_heartbeat_names_what_is_shown),
        cmocka_unit_test(test_content_hash_names_the_deck),
        cmocka_unit_test(test_metrics_text),
        cmocka_unit_test(test_frame_quantiles_forget_old_frames),
        cmocka_unit_test(test_watchdog_pings_only_with_fresh_frames),
        cmocka_unit_test(test_pin_refused_on_the_command_line),
        cmocka_unit_test(test_pin_from_a_credential),
        cmocka_unit_test(test_admin_overlay_shows_write_failures),
    };
    return cmocka_run_group_tests_name("health", tests, NULL, NULL);
}
