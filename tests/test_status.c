/* What the operator reads in the admin overlay and in `systemctl status`. */
#define _DEFAULT_SOURCE
#include "testutil.h"
#include "annai/status.h"
#include "annai/ui.h"

static status_info_t info_for(const char *dir, const health_t *h)
{
    status_info_t in = {((uint64_t)((1 * 24 + 2) * 60 + 3) * 60 + 4) * 1000 + 999, dir, false, 11, 9, 1920, 1080, 90, true, h};
    return in;
}

static void test_admin_lines(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    health_t h = {0};
    status_t s;
    status_init(&s, 0);
    char lines[UI_ADMIN_INFO][STATUS_LINE_LEN];
    status_info_t in = info_for(dir, &h);
    int n = status_admin_lines(&s, &in, lines, UI_ADMIN_INFO);
    assert_int_equal(n, 5);
    assert_non_null(strstr(lines[0], "up 1d 02:03:04"));
    char want[STATUS_LINE_LEN];
    char *real = realpath(dir, NULL);
    snprintf(want, sizeof want, "content: %s (11 panels, 9 shown now)", real);
    assert_string_equal(lines[1], want);
    assert_string_equal(lines[2], "no reload since start");
    assert_string_equal(lines[3], "screen: 1920x1080, rotate 90; 0 frames in the last second, the last took 0.0 ms");
    assert_string_equal(lines[4], "schedule: set");
    in.notice = true;
    in.schedule_set = false;
    in.up_ms = 59 * 1000;
    n = status_admin_lines(&s, &in, lines, UI_ADMIN_INFO);
    assert_non_null(strstr(lines[0], "up 0d 00:00:59"));
    assert_non_null(strstr(lines[1], "no valid panel: visitors see the notice"));
    assert_string_equal(lines[4], "schedule: always on");
    free(real);
    status_free(&s);
    tu_rmrf(dir);
    free(dir);
}

/* Many errors: the screen, schedule and failing-file lines are never pushed off the overlay. */
static void test_errors_kept_and_the_last_lines_stay(void **state)
{
    (void)state;
    status_t s;
    status_init(&s, 0);
    diag_list_t d = {0};
    for (int i = 0; i < 20; i++) diag_add(&d, "content/x.md", i + 1, "broken");
    status_keep_errors(&s, &d);
    assert_int_equal(s.nerrors, STATUS_MAX_ERRORS);
    health_t h = {0};
    health_record(&h, HEALTH_HEARTBEAT, "/run/annai/heartbeat", 28);
    status_info_t in = info_for("/nonexistent-folder", &h);
    char lines[UI_ADMIN_INFO][STATUS_LINE_LEN];
    int n = status_admin_lines(&s, &in, lines, 10);
    assert_int_equal(n, 10);
    assert_string_equal(lines[1], "content: /nonexistent-folder (11 panels, 9 shown now)");
    assert_non_null(strstr(lines[3], "content/x.md:1"));
    assert_non_null(strstr(lines[6], "content/x.md:4"));
    assert_non_null(strstr(lines[7], "screen: "));
    assert_non_null(strstr(lines[8], "schedule: "));
    assert_non_null(strstr(lines[9], "cannot write: heartbeat"));
    n = status_admin_lines(&s, &in, lines, UI_ADMIN_INFO);
    assert_int_equal(n, 3 + STATUS_MAX_ERRORS + 3);
    /* a small overlay: the failing file's line only where there is room (never past max) */
    status_t none;
    status_init(&none, 0);
    n = status_admin_lines(&none, &in, lines, 5);
    assert_int_equal(n, 5);
    assert_null(strstr(lines[4], "cannot write"));
    n = status_admin_lines(&none, &in, lines, 6);
    assert_int_equal(n, 6);
    assert_non_null(strstr(lines[5], "cannot write: heartbeat"));
    diag_list_t one = {0};
    diag_add(&one, "content/y.md", 2, "bad");
    status_keep_errors(&s, &one); /* the last reload's errors replace the ones before */
    assert_int_equal(s.nerrors, 1);
    diag_clear(&one);
    diag_clear(&d);
    status_free(&s);
}

static void test_reload_stamp_in_local_time(void **state)
{
    (void)state;
    setenv("TZ", "Asia/Tokyo", 1);
    tzset();
    status_t s;
    status_init(&s, 0);
    status_stamp(&s, 1781056800, "reloaded"); /* 2026-06-10 11:00 in Tokyo */
    assert_string_equal(s.reload, "reloaded 2026-06-10 11:00:00");
}

static void test_frame_rate(void **state)
{
    (void)state;
    status_t s;
    status_init(&s, 5000);
    for (int i = 0; i < 30; i++) status_count_frame(&s, 5000 + (uint64_t)i * 33, 5000 + (uint64_t)i * 33 + 4);
    assert_true(s.fps == 0); /* under a second: not said yet */
    status_count_frame(&s, 5996, 6000);
    assert_true(fabs(s.fps - 31.0) < 0.01);
    assert_true(fabs(s.draw_ms - 4.0) < 0.01);
    status_count_frame(&s, 6100, 6112);
    assert_true(fabs(s.fps - 31.0) < 0.01); /* a new second begins */
    assert_true(fabs(s.draw_ms - 12.0) < 0.01);
    for (int i = 1; i <= 9; i++) status_count_frame(&s, 6100 + (uint64_t)i * 100, 6100 + (uint64_t)i * 100);
    assert_true(fabs(s.fps - 10.0) < 0.01); /* the second second counts its own ten frames */
}

static void test_systemd_status(void **state)
{
    (void)state;
    char out[128];
    status_systemd(out, sizeof out, NULL, true, 2, 11, "03-direction", "en");
    assert_string_equal(out, "showing 3/11 03-direction (en)");
    status_systemd(out, sizeof out, "rain", true, 2, 11, "03-direction", "en");
    assert_string_equal(out, "alert rain");
    status_systemd(out, sizeof out, NULL, false, 2, 11, "03-direction", "en");
    assert_string_equal(out, "screen off by schedule");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_admin_lines),
        cmocka_unit_test(test_errors_kept_and_the_last_lines_stay),
        cmocka_unit_test(test_reload_stamp_in_local_time),
        cmocka_unit_test(test_frame_rate),
        cmocka_unit_test(test_systemd_status),
    };
    return cmocka_run_group_tests_name("status", tests, NULL, NULL);
}
