/* What a watchdog and a fleet see: the heartbeat when due, a frame kept coming on a quiet
 * screen (sooner under a systemd watchdog), the stall hook that plays a wedged renderer, and
 * the heartbeat and metrics files naming what is on screen. */
#include "testutil.h"
#include "annai/fleet.h"

#define T0 1000000
#define WALL_MS 1781056800000LL

static void test_heartbeat_every_interval(void **state)
{
    (void)state;
    fleet_t f = {0};
    f.last_frame = T0 + 9000; /* a frame just drawn: the keepalive is far */
    assert_true(fleet_heartbeat_due(&f, T0, 5000)); /* the first at once */
    assert_false(fleet_heartbeat_due(&f, T0 + 4999, 5000));
    assert_true(fleet_heartbeat_due(&f, T0 + 5000, 5000));
    assert_false(fleet_heartbeat_due(&f, T0 + 9999, 5000));
    assert_int_equal(fleet_deadline(&f, T0 + 9000, true), 1000);
}

static void test_keepalive_and_watchdog(void **state)
{
    (void)state;
    fleet_t f = {0};
    f.last_frame = T0;
    f.next_heartbeat = T0 + 60000;
    assert_int_equal(fleet_keepalive_ms(&f), FLEET_KEEPALIVE_MS);
    assert_false(fleet_keepalive_due(&f, T0 + FLEET_KEEPALIVE_MS - 1));
    assert_true(fleet_keepalive_due(&f, T0 + FLEET_KEEPALIVE_MS));
    assert_int_equal(fleet_deadline(&f, T0 + 1000, false), FLEET_KEEPALIVE_MS - 1000);
    assert_int_equal(fleet_deadline(&f, T0 + 1000, true), FLEET_KEEPALIVE_MS - 1000);
    /* WatchdogSec=6 under systemd: a frame at least as often as the pings (1.5 s) */
    f.notify.active = true;
    f.notify.watchdog_ms = 6000;
    f.notify.next_ping = T0 + 1500;
    assert_int_equal(fleet_keepalive_ms(&f), 6000 / NOTIFY_PING_DIVISOR);
    assert_false(fleet_keepalive_due(&f, T0 + 1499));
    assert_true(fleet_keepalive_due(&f, T0 + 1500));
    assert_int_equal(fleet_deadline(&f, T0 + 1000, false), 500);
    /* a watchdog slower than the keepalive does not slow it */
    f.notify.watchdog_ms = 60000;
    f.notify.next_ping = T0 + 15000;
    assert_int_equal(fleet_keepalive_ms(&f), FLEET_KEEPALIVE_MS);
    /* stalled (the test hook): no keepalive deadline, frames stop */
    f.stall_at = T0 + 500;
    assert_false(fleet_stalled(&f, T0 + 499));
    assert_true(fleet_stalled(&f, T0 + 500));
    assert_int_equal(fleet_deadline(&f, T0 + 1000, false), 14000);
}

static void test_stall_hook_read_at_open(void **state)
{
    (void)state;
    fleet_t f = {0};
    setenv(FLEET_STALL_HOOK_ENV, "2500", 1);
    fleet_open(&f, 42, T0, WALL_MS);
    unsetenv(FLEET_STALL_HOOK_ENV);
    assert_int_equal(f.stall_at, T0 + 2500);
    assert_int_equal(f.last_frame, T0);
    assert_true(f.content_hash == 42);
    fleet_t g = {0};
    fleet_open(&g, 42, T0, WALL_MS);
    assert_false(fleet_stalled(&g, T0 + 1000000));
}

static char *slurp(const char *path)
{
    char *data;
    size_t len;
    const char *err;
    assert_int_equal(path_read(path, PATH_MAX_FILE_BYTES, &data, &len, &err), 0);
    return data;
}

static void test_files_name_the_screen(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    config_t c;
    config_defaults(&c);
    c.heartbeat_path = path_join(dir, "heartbeat.json");
    c.metrics_path = path_join(dir, "annai.prom");
    fleet_t f = {0};
    fleet_open(&f, 0xabcdef, T0, WALL_MS);
    f.mc.views[0] = 3;
    fleet_presented(&f, T0 + 16, WALL_MS + 16, 0.004, "showing 1/11 01-title (ja)");
    assert_int_equal(f.last_frame, T0 + 16);
    fleet_view_t v = {"03-direction", 2, "en", true, 11, false};
    assert_false(fleet_write(&f, &c, "running", true, WALL_MS + 1000, &v));
    char *hb = slurp(c.heartbeat_path), *prom = slurp(c.metrics_path);
    assert_non_null(strstr(hb, "\"state\":\"running\""));
    assert_non_null(strstr(hb, "\"panel\":\"03-direction\""));
    assert_non_null(strstr(hb, "\"lang\":\"en\""));
    assert_non_null(strstr(prom, "annai_up 1"));
    assert_non_null(strstr(prom, "annai_panels 11"));
    free(hb);
    free(prom);
    /* a heartbeat that cannot be written: said once, shown in the overlay */
    free(c.heartbeat_path);
    c.heartbeat_path = path_join(dir, "gone/heartbeat.json");
    assert_true(fleet_write(&f, &c, "running", true, WALL_MS + 2000, &v));
    assert_false(fleet_write(&f, &c, "running", true, WALL_MS + 3000, &v));
    assert_true(health_failing(&f.health));
    prom = slurp(c.metrics_path);
    assert_non_null(strstr(prom, "heartbeat"));
    free(prom);
    assert_false(fleet_events_result(&f, "events.jsonl", 0));
    assert_true(fleet_events_result(&f, "events.jsonl", 28));
    config_free(&c);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_heartbeat_every_interval),
        cmocka_unit_test(test_keepalive_and_watchdog),
        cmocka_unit_test(test_stall_hook_read_at_open),
        cmocka_unit_test(test_files_name_the_screen),
    };
    return cmocka_run_group_tests_name("fleet", tests, NULL, NULL);
}
