/* The screen as an operator schedules it and a visitor finds it: dark out of hours, woken by a
 * touch for the idle timeout, kept on by an alert, and the picture moved against burn-in. */
#include "testutil.h"
#include "annai/schedule.h"
#include "annai/screen.h"

#define T0 1000000
#define WED 2
#define HM(h, m) ((h) * 60 + (m))

static void office_hours(config_t *c)
{
    config_defaults(c);
    c->on_min = HM(8, 0);
    c->off_min = HM(20, 0);
    c->idle_timeout_s = 60;
}

static void test_no_schedule_always_on(void **state)
{
    (void)state;
    config_t c;
    config_defaults(&c);
    screen_t s;
    screen_init(&s);
    assert_true(s.on);
    assert_int_equal(screen_check(&s, &c, WED, HM(3, 0), false, T0), SCREEN_STAY);
    assert_true(s.on);
    assert_false(screen_wake(&s, &c, T0)); /* a touch on a lit screen is a touch */
    config_free(&c);
}

static void test_out_of_hours_dark_and_back(void **state)
{
    (void)state;
    config_t c;
    office_hours(&c);
    screen_t s;
    screen_init(&s);
    assert_int_equal(screen_check(&s, &c, WED, HM(20, 0), false, T0), SCREEN_TURNED_OFF);
    assert_false(s.on);
    assert_int_equal(screen_check(&s, &c, WED, HM(20, 1), false, T0 + SCHEDULE_CHECK_MS), SCREEN_STAY);
    /* the clock is looked at once a second, not at every tick */
    assert_int_equal(screen_check(&s, &c, WED, HM(8, 0), false, T0 + SCHEDULE_CHECK_MS + 10), SCREEN_STAY);
    assert_int_equal(screen_check(&s, &c, WED, HM(8, 0), false, T0 + 2 * SCHEDULE_CHECK_MS), SCREEN_TURNED_ON);
    assert_true(s.on);
    assert_int_equal(screen_check(&s, &c, WED, HM(8, 1), false, T0 + 3 * SCHEDULE_CHECK_MS), SCREEN_STAY);
    config_free(&c);
}

static void test_a_touch_wakes_for_the_idle_timeout(void **state)
{
    (void)state;
    config_t c;
    office_hours(&c);
    screen_t s;
    screen_init(&s);
    uint64_t now = T0;
    screen_check(&s, &c, WED, HM(22, 0), false, now);
    assert_false(s.on);
    assert_true(screen_wake(&s, &c, now)); /* that touch only wakes it */
    assert_true(s.on);
    assert_false(screen_wake(&s, &c, now + 10)); /* the next one is a touch */
    now += 10 + 59 * 1000;
    assert_int_equal(screen_check(&s, &c, WED, HM(22, 1), false, now), SCREEN_STAY);
    uint64_t until = T0 + 10 + 60 * 1000; /* the idle timeout after the last touch */
    screen_check_soon(&s, until - 1);
    assert_int_equal(screen_check(&s, &c, WED, HM(22, 1), false, until - 1), SCREEN_STAY);
    screen_check_soon(&s, until);
    assert_int_equal(screen_check(&s, &c, WED, HM(22, 1), false, until), SCREEN_TURNED_OFF);
    config_free(&c);
}

static void test_an_alert_keeps_the_screen_on(void **state)
{
    (void)state;
    config_t c;
    office_hours(&c);
    screen_t s;
    screen_init(&s);
    assert_int_equal(screen_check(&s, &c, WED, HM(23, 0), true, T0), SCREEN_STAY);
    assert_true(s.on);
    assert_int_equal(screen_set(&s, true), SCREEN_STAY);
    /* the alert goes: the schedule decides at the next tick, not a second later */
    screen_check_soon(&s, T0 + 100);
    assert_int_equal(screen_check(&s, &c, WED, HM(23, 0), false, T0 + 100), SCREEN_TURNED_OFF);
    assert_int_equal(screen_set(&s, false), SCREEN_STAY);
    assert_int_equal(screen_set(&s, true), SCREEN_TURNED_ON);
    config_free(&c);
}

static void test_burnin_moves_the_picture_once_a_period(void **state)
{
    (void)state;
    screen_t s;
    screen_init(&s);
    int moves = 0;
    for (uint64_t t = 0; t < (uint64_t)BURNIN_STEPS * BURNIN_PERIOD_MS; t += 1000) {
        if (screen_burnin(&s, t, 1920, 1080)) moves++;
        int ex, ey;
        schedule_burnin_offset(t, 1920, 1080, &ex, &ey);
        assert_int_equal(s.bx, ex); /* the picture is where the shift says, on both axes */
        assert_int_equal(s.by, ey);
    }
    screen_t small;
    screen_init(&small);
    for (uint64_t t = 0; t < (uint64_t)BURNIN_STEPS * BURNIN_PERIOD_MS; t += 1000) {
        screen_burnin(&small, t, 480, 320); /* a 1 px circle: steps along one axis only */
        int ex, ey;
        schedule_burnin_offset(t, 480, 320, &ex, &ey);
        assert_int_equal(small.bx, ex);
        assert_int_equal(small.by, ey);
    }
    /* every step but the one at the origin it starts from */
    assert_true(moves >= BURNIN_STEPS - 1 && moves <= BURNIN_STEPS);
    int dx, dy;
    schedule_burnin_offset(BURNIN_PERIOD_MS * 3 + 5, 1920, 1080, &dx, &dy);
    screen_burnin(&s, BURNIN_PERIOD_MS * 3 + 5, 1920, 1080);
    assert_int_equal(s.bx, dx);
    assert_int_equal(s.by, dy);
    assert_false(screen_burnin(&s, BURNIN_PERIOD_MS * 3 + 6, 1920, 1080));
}

static void test_deadlines(void **state)
{
    (void)state;
    config_t c;
    office_hours(&c);
    screen_t s;
    screen_init(&s);
    screen_check(&s, &c, WED, HM(12, 0), false, T0); /* next check a second away */
    uint64_t now = T0 + 400;
    int64_t burn = schedule_burnin_deadline(now);
    int64_t want = burn < SCHEDULE_CHECK_MS - 400 ? burn : SCHEDULE_CHECK_MS - 400;
    assert_int_equal(screen_deadline(&s, now), want);
    screen_set(&s, false); /* dark: nothing moves, only the schedule is looked at */
    uint64_t late = T0 + (BURNIN_PERIOD_MS - T0 % BURNIN_PERIOD_MS) - 1; /* 1 ms before a burn-in step */
    screen_check_soon(&s, late + 500);
    assert_int_equal(screen_deadline(&s, late), 500);
    s.on = true;
    assert_int_equal(screen_deadline(&s, late), 1);
    assert_int_equal(screen_deadline(&s, late + 600), 0); /* an overdue check: now */
    config_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_schedule_always_on),
        cmocka_unit_test(test_out_of_hours_dark_and_back),
        cmocka_unit_test(test_a_touch_wakes_for_the_idle_timeout),
        cmocka_unit_test(test_an_alert_keeps_the_screen_on),
        cmocka_unit_test(test_burnin_moves_the_picture_once_a_period),
        cmocka_unit_test(test_deadlines),
    };
    return cmocka_run_group_tests_name("screen", tests, NULL, NULL);
}
