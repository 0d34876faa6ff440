/* Screen schedule edges (midnight, days, overnight spans) and the burn-in shift. */
#include "testutil.h"
#include "annai/schedule.h"

enum { MON, TUE, WED, THU, FRI, SAT, SUN };
#define HM(h, m) ((h) * 60 + (m))

typedef struct {
    const char *on, *off, *days;
    int wday, minute;
    bool want;
} case_t;

static const case_t cases[] = {
    /* no schedule: always on */
    {NULL, NULL, NULL, SUN, HM(3, 0), true},
    /* a working day */
    {"08:00", "20:00", "mon-fri", MON, HM(7, 59), false},
    {"08:00", "20:00", "mon-fri", MON, HM(8, 0), true},
    {"08:00", "20:00", "mon-fri", MON, HM(19, 59), true},
    {"08:00", "20:00", "mon-fri", MON, HM(20, 0), false},
    {"08:00", "20:00", "mon-fri", SAT, HM(12, 0), false},
    {"08:00", "20:00", "mon-fri", FRI, HM(12, 0), true},
    /* a morning opening at midnight, an evening closing at it: 00:00 is a time like any other */
    {"00:00", "06:00", NULL, WED, HM(0, 0), true},
    {"00:00", "06:00", NULL, WED, HM(7, 0), false},
    {"20:00", "00:00", NULL, WED, HM(19, 59), false},
    {"20:00", "00:00", NULL, WED, HM(23, 59), true},
    {"20:00", "00:00", NULL, THU, HM(0, 0), false},
    /* only one end given: on from 08:00 to midnight, or from midnight to 20:00 */
    {"08:00", NULL, NULL, TUE, HM(7, 59), false},
    {"08:00", NULL, NULL, TUE, HM(23, 59), true},
    {NULL, "20:00", NULL, TUE, HM(0, 0), true},
    {NULL, "20:00", NULL, TUE, HM(20, 0), false},
    {NULL, "00:00", NULL, TUE, HM(12, 0), true},          /* off at midnight: the whole day */
    /* an evening show across midnight: the night belongs to the day it starts on */
    {"18:00", "02:00", "fri,sat", FRI, HM(17, 59), false},
    {"18:00", "02:00", "fri,sat", FRI, HM(18, 0), true},
    {"18:00", "02:00", "fri,sat", FRI, HM(23, 59), true},
    {"18:00", "02:00", "fri,sat", SAT, HM(0, 0), true},
    {"18:00", "02:00", "fri,sat", SAT, HM(1, 59), true},
    {"18:00", "02:00", "fri,sat", SAT, HM(2, 0), false},
    {"18:00", "02:00", "fri,sat", SAT, HM(17, 59), false},
    {"18:00", "02:00", "fri,sat", SUN, HM(1, 0), true},   /* Saturday night */
    {"18:00", "02:00", "fri,sat", SUN, HM(18, 0), false},
    {"18:00", "02:00", "fri,sat", FRI, HM(1, 0), false},  /* Thursday night is not listed */
    {"18:00", "02:00", "sun", MON, HM(0, 30), true},      /* Sunday night wraps the week */
    /* to midnight */
    {"09:00", "24:00", NULL, WED, HM(23, 59), true},
    {"09:00", "24:00", NULL, THU, HM(0, 0), false},
    /* days only: whole days */
    {NULL, NULL, "sat-sun", SAT, HM(0, 0), true},
    {NULL, NULL, "sat-sun", FRI, HM(23, 59), false},
    {NULL, NULL, "fri-mon", SUN, HM(12, 0), true},        /* a range across the week's end */
    {NULL, NULL, "fri-mon", WED, HM(12, 0), false},
};

static void test_schedule_edges(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const case_t *t = &cases[i];
        config_t c;
        config_defaults(&c);
        diag_list_t d = {0};
        if (t->on) assert_true(config_set(&c, "schedule", "on", t->on, "t", 1, &d));
        if (t->off) assert_true(config_set(&c, "schedule", "off", t->off, "t", 2, &d));
        if (t->days) assert_true(config_set(&c, "schedule", "days", t->days, "t", 3, &d));
        assert_int_equal(d.count, 0);
        bool got = schedule_is_on(&c, t->wday, t->minute);
        if (got != t->want)
            fail_msg("case %zu: %s-%s %s, day %d %02d:%02d: screen %s, want %s", i, t->on ? t->on : "-",
                     t->off ? t->off : "-", t->days ? t->days : "all", t->wday, t->minute / 60, t->minute % 60,
                     got ? "on" : "off", t->want ? "on" : "off");
        assert_int_equal(schedule_active(&c), t->on || t->off || t->days);
        config_free(&c);
    }
}

/* The picture moves by a few pixels every few minutes, and comes back round. */
static void test_burnin_shift(void **state)
{
    (void)state;
    int seen = 0, px = 99, py = 99;
    for (uint64_t t = 0; t < (uint64_t)BURNIN_PERIOD_MS * BURNIN_STEPS; t += BURNIN_PERIOD_MS) {
        int dx, dy;
        schedule_burnin_offset(t + 1234, 1920, 1080, &dx, &dy);
        assert_true(abs(dx) <= 4 && abs(dy) <= 4);
        assert_true(dx != px || dy != py);
        int dx2, dy2; /* steady within a period */
        schedule_burnin_offset(t + BURNIN_PERIOD_MS - 1, 1920, 1080, &dx2, &dy2);
        assert_int_equal(dx, dx2);
        assert_int_equal(dy, dy2);
        px = dx;
        py = dy;
        seen++;
    }
    assert_int_equal(seen, BURNIN_STEPS);
    assert_int_equal(schedule_burnin_deadline(BURNIN_PERIOD_MS - 10), 10);
    int dx, dy;
    schedule_burnin_offset(0, 480, 320, &dx, &dy);
    assert_true(dx != 0 || dy != 0); /* at least a pixel on a small screen */
    schedule_burnin_offset(0, 160, 128, &dx, &dy);
    assert_true(dx != 0 || dy != 0); /* and on a 160x128 status display */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schedule_edges),
        cmocka_unit_test(test_burnin_shift),
    };
    return cmocka_run_group_tests_name("schedule", tests, NULL, NULL);
}
