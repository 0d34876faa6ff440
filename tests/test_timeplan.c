/* Which panels show when: from/until/days/hours as a pure function of (panels, time), across
 * midnight, month ends, year ends and leap days. */
#include "testutil.h"
#include "annai/panel.h"
#include "annai/timeplan.h"

enum { MON, TUE, WED, THU, FRI, SAT, SUN };

/* A civil time from "YYYY-MM-DD HH:MM" and its weekday (the table says it, so that a wrong
 * weekday in the code cannot agree with a wrong weekday in the test). */
static timeplan_civil_t at(const char *when, int wday)
{
    int64_t s;
    bool has_time;
    assert_true(timeplan_parse_when(when, &s, &has_time));
    return (timeplan_civil_t){s, wday, (int)(s % 10000 / 100) * 60 + (int)(s % 100)};
}

typedef struct {
    const char *from, *until, *days, *hours;
    const char *when;
    int wday;
    bool want;
} case_t;

static const case_t cases[] = {
    /* no keys: always */
    {NULL, NULL, NULL, NULL, "2026-11-28 03:00", SAT, true},
    /* a date range: from inclusive, until a date = through that whole day */
    {"2026-12-01", "2026-12-24", NULL, NULL, "2026-11-30 23:59", MON, false},
    {"2026-12-01", "2026-12-24", NULL, NULL, "2026-12-01 00:00", TUE, true},
    {"2026-12-01", "2026-12-24", NULL, NULL, "2026-12-24 23:59", THU, true},
    {"2026-12-01", "2026-12-24", NULL, NULL, "2026-12-25 00:00", FRI, false},
    /* until with a time is exclusive at that minute */
    {NULL, "2026-11-28 18:30", NULL, NULL, "2026-11-28 18:29", SAT, true},
    {NULL, "2026-11-28 18:30", NULL, NULL, "2026-11-28 18:30", SAT, false},
    {"2026-11-28 09:15", NULL, NULL, NULL, "2026-11-28 09:14", SAT, false},
    {"2026-11-28 09:15", NULL, NULL, NULL, "2026-11-28 09:15", SAT, true},
    /* month and year ends: until the last day of a month runs to the first of the next */
    {NULL, "2026-11-30", NULL, NULL, "2026-11-30 23:59", MON, true},
    {NULL, "2026-11-30", NULL, NULL, "2026-12-01 00:00", TUE, false},
    {NULL, "2026-12-31", NULL, NULL, "2026-12-31 23:59", THU, true},
    {NULL, "2026-12-31", NULL, NULL, "2027-01-01 00:00", FRI, false},
    {"2027-01-01", NULL, NULL, NULL, "2026-12-31 23:59", THU, false},
    {"2027-01-01", NULL, NULL, NULL, "2027-01-01 00:00", FRI, true},
    /* leap years: Feb 28 runs into the 29th in 2028, into March in 2027 */
    {NULL, "2028-02-28", NULL, NULL, "2028-02-29 00:00", TUE, false},
    {NULL, "2028-02-29", NULL, NULL, "2028-02-29 12:00", TUE, true},
    {NULL, "2028-02-29", NULL, NULL, "2028-03-01 00:00", WED, false},
    {NULL, "2027-02-28", NULL, NULL, "2027-03-01 00:00", MON, false},
    /* century years: 2100 is not a leap year, 2400 is */
    {NULL, "2100-02-28", NULL, NULL, "2100-02-28 23:59", SUN, true},
    {NULL, "2100-02-28", NULL, NULL, "2100-03-01 00:00", MON, false},
    {NULL, "2400-02-28", NULL, NULL, "2400-02-29 00:00", TUE, false},
    {NULL, "2400-02-29", NULL, NULL, "2400-02-29 23:59", TUE, true},
    {NULL, "2400-02-29", NULL, NULL, "2400-03-01 00:00", WED, false},
    {NULL, "2099-12-31", NULL, NULL, "2100-01-01 00:00", FRI, false},
    /* days */
    {NULL, NULL, "sat,sun", NULL, "2026-11-28 00:00", SAT, true},
    {NULL, NULL, "sat,sun", NULL, "2026-11-27 23:59", FRI, false},
    {NULL, NULL, "fri-mon", NULL, "2026-11-30 12:00", MON, true},
    /* hours, several windows */
    {NULL, NULL, NULL, "09:00-12:00, 13:00-17:00", "2026-11-28 08:59", SAT, false},
    {NULL, NULL, NULL, "09:00-12:00, 13:00-17:00", "2026-11-28 09:00", SAT, true},
    {NULL, NULL, NULL, "09:00-12:00, 13:00-17:00", "2026-11-28 12:00", SAT, false},
    {NULL, NULL, NULL, "09:00-12:00, 13:00-17:00", "2026-11-28 13:00", SAT, true},
    {NULL, NULL, NULL, "09:00-12:00, 13:00-17:00", "2026-11-28 17:00", SAT, false},
    {NULL, NULL, NULL, "09:00-24:00", "2026-11-28 23:59", SAT, true},
    {NULL, NULL, NULL, "09:00-24:00", "2026-11-29 00:00", SUN, false},
    /* across midnight: the night belongs to the day it starts on */
    {NULL, NULL, "fri", "22:00-02:00", "2026-11-27 23:00", FRI, true},
    {NULL, NULL, "fri", "22:00-02:00", "2026-11-28 01:59", SAT, true},
    {NULL, NULL, "fri", "22:00-02:00", "2026-11-28 02:00", SAT, false},
    {NULL, NULL, "fri", "22:00-02:00", "2026-11-28 23:00", SAT, false},
    {NULL, NULL, "fri", "22:00-02:00", "2026-11-27 01:00", FRI, false}, /* Thursday's night */
    {NULL, NULL, "sun", "22:00-02:00", "2026-11-30 00:30", MON, true},  /* wraps the week */
    /* across a year end at night, with a date range that ends with the year */
    {"2026-12-31", "2026-12-31", NULL, "22:00-02:00", "2027-01-01 01:00", FRI, false},
    {"2026-12-31", "2027-01-01 02:00", NULL, "22:00-02:00", "2027-01-01 01:00", FRI, true},
    {"2026-12-31", "2027-01-01 02:00", NULL, "22:00-02:00", "2026-12-31 21:59", THU, false},
    /* everything together: weekday lunch hours in December */
    {"2026-12-01", "2026-12-31", "mon-fri", "11:30-13:30", "2026-12-04 12:00", FRI, true},
    {"2026-12-01", "2026-12-31", "mon-fri", "11:30-13:30", "2026-12-05 12:00", SAT, false},
    {"2026-12-01", "2026-12-31", "mon-fri", "11:30-13:30", "2027-01-04 12:00", MON, false},
};

static void plan_of(timeplan_t *t, const case_t *c)
{
    const char *keys[] = {"from", "until", "days", "hours"};
    const char *vals[] = {c->from, c->until, c->days, c->hours};
    timeplan_init(t);
    for (int k = 0; k < 4; k++) {
        const char *err = NULL;
        if (!vals[k]) continue;
        assert_true(timeplan_parse_key(t, keys[k], vals[k], &err));
        if (err) fail_msg("%s: %s: %s", keys[k], vals[k], err);
    }
}

static void test_rule_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const case_t *c = &cases[i];
        timeplan_t t;
        plan_of(&t, c);
        timeplan_civil_t now = at(c->when, c->wday);
        if (timeplan_active(&t, &now) != c->want)
            fail_msg("case %zu: from %s until %s days %s hours %s at %s: want %s", i, c->from ? c->from : "-",
                     c->until ? c->until : "-", c->days ? c->days : "-", c->hours ? c->hours : "-", c->when,
                     c->want ? "shown" : "hidden");
    }
}

static void test_bad_values(void **state)
{
    (void)state;
    const char *bad[][2] = {{"from", "2026-13-01"}, {"from", "2026-02-30"}, {"until", "2026-11-28 25:00"},
                            {"until", "28.11.2026"}, {"until", "2026-11-28 9:00"}, {"days", "someday"},
                            {"hours", "9-17"}, {"hours", "09:00-09:00"}, {"hours", "09:00-17:00x"},
                            {"hours", ""}, {"from", "2026-11-28 12:00 extra"},
                            {"until", "2100-02-29"}, {"until", "2027-02-29"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        timeplan_t t;
        const char *err = NULL;
        timeplan_init(&t);
        assert_true(timeplan_parse_key(&t, bad[i][0], bad[i][1], &err));
        if (!err) fail_msg("%s: '%s' accepted", bad[i][0], bad[i][1]);
    }
    timeplan_t t;
    const char *err = NULL;
    timeplan_init(&t);
    assert_false(timeplan_parse_key(&t, "title", "x", &err));
    assert_false(timeplan_scheduled(&t));
    /* any one key makes a panel scheduled (--check's fallback times count on it) */
    const char *one[][2] = {{"from", "2026-01-01"}, {"until", "2026-01-01"}, {"days", "mon"}, {"hours", "09:00-10:00"}};
    for (int i = 0; i < 4; i++) {
        timeplan_init(&t);
        assert_true(timeplan_parse_key(&t, one[i][0], one[i][1], &err));
        assert_null(err);
        if (!timeplan_scheduled(&t)) fail_msg("%s alone: not scheduled", one[i][0]);
    }
    int64_t s;
    bool has_time;
    assert_true(timeplan_parse_when("2400-02-29", &s, &has_time));
    assert_false(has_time);
}

/* The set: unscheduled panels always; scheduled ones in their windows; when nothing is in the
 * set the previous set stays, and with none every panel (never an empty screen). */
static void test_select(void **state)
{
    (void)state;
    timeplan_t always, morning, gone;
    const char *err;
    timeplan_init(&always);
    timeplan_init(&morning);
    timeplan_init(&gone);
    timeplan_parse_key(&morning, "hours", "09:00-12:00", &err);
    timeplan_parse_key(&gone, "until", "2020-01-01", &err);
    const timeplan_t *deck[] = {&morning, &always, &gone};
    int out[3], n;
    bool fb;
    timeplan_civil_t ten = at("2026-11-28 10:00", SAT), night = at("2026-11-28 23:00", SAT);
    n = timeplan_select(deck, 3, &ten, NULL, 0, out, &fb);
    assert_int_equal(n, 2);
    assert_int_equal(out[0], 0);
    assert_int_equal(out[1], 1);
    assert_false(fb);
    n = timeplan_select(deck, 3, &night, NULL, 0, out, &fb);
    assert_int_equal(n, 1);
    assert_int_equal(out[0], 1);
    assert_false(timeplan_only_fallback(deck, 3, &ten));
    assert_true(timeplan_only_fallback(deck, 3, &night));
    /* every panel scheduled, none in its window */
    const timeplan_t *sched[] = {&morning, &gone};
    int prev[] = {0};
    n = timeplan_select(sched, 2, &night, prev, 1, out, &fb);
    assert_true(fb);
    assert_int_equal(n, 1);
    assert_int_equal(out[0], 0);
    n = timeplan_select(sched, 2, &night, NULL, 0, out, &fb);
    assert_true(fb);
    assert_int_equal(n, 2);
}

/* The civil time of a wall-clock second in the system time zone, across a year end. */
static void test_civil_from_wall(void **state)
{
    (void)state;
    setenv("TZ", "Asia/Tokyo", 1);
    tzset();
    time_t t = 1798729140; /* 2026-12-31 14:59 UTC = 2026-12-31 23:59 JST */
    timeplan_civil_t c = timeplan_civil(t);
    assert_int_equal(c.stamp, 202612312359LL);
    assert_int_equal(c.wday, THU);
    assert_int_equal(c.minute, 23 * 60 + 59);
    c = timeplan_civil(t + 60);
    assert_int_equal(c.stamp, 202701010000LL);
    assert_int_equal(c.wday, FRI);
    assert_int_equal(timeplan_wall_of(202701010000LL), t + 60);
    char s[32];
    timeplan_format(202701010905LL, s, sizeof s);
    assert_string_equal(s, "2027-01-01 09:05");
}

/* The keys in a panel file, and a range that can never show reported. */
static void test_panel_keys(void **state)
{
    (void)state;
    diag_list_t d = {0};
    const char *ok = "---\ntitle: 冬の展示\nfrom: 2026-12-01\nuntil: 2026-12-24 18:00\ndays: mon-fri\nhours: 10:00-16:00\n---\n本文\n";
    panel_t *p = panel_parse("/c/10-winter.md", ok, strlen(ok), "/c", &d);
    assert_non_null(p);
    assert_int_equal(d.count, 0);
    assert_int_equal(p->plan.from, 202612010000LL);
    assert_int_equal(p->plan.until, 202612241800LL);
    assert_int_equal(p->plan.days, 0x1F);
    assert_int_equal(p->plan.nwin, 1);
    panel_free(p);
    const char *bad = "---\ntitle: x\nfrom: 2026-12-24\nuntil: 2026-12-01\nhours: 25:00-26:00\n---\n本文\n";
    p = panel_parse("/c/11-bad.md", bad, strlen(bad), "/c", &d);
    assert_null(p);
    assert_int_equal(d.count, 2);
    assert_non_null(strstr(d.items[0].text, "/c/11-bad.md:5: hours"));
    assert_non_null(strstr(d.items[1].text, "/c/11-bad.md:4: until is not after from"));
    diag_clear(&d);
}


/* The kiosk's set: a panel that leaves the set while on screen stays until the app moves on
 * (the next dwell), then is gone; a start inside a window has the panel at once. */
static void test_set_leaving_panel(void **state)
{
    (void)state;
    timeplan_t always, morning;
    const char *err;
    timeplan_init(&always);
    timeplan_init(&morning);
    timeplan_parse_key(&morning, "hours", "09:00-10:00", &err);
    const timeplan_t *deck[] = {&always, &morning};
    double dwell[] = {5000, 7000};
    timeplan_set_t s = {0};
    timeplan_set_reset(&s, deck, 2);
    timeplan_civil_t in = at("2026-11-30 09:59", MON), out = at("2026-11-30 10:00", MON);
    assert_true(timeplan_set_target(&s, &in));
    assert_false(timeplan_set_target(&s, &in)); /* same minute: not evaluated again */
    assert_int_equal(timeplan_set_apply(&s, 0, dwell), 0);
    assert_int_equal(s.nshown, 2);
    assert_true(s.dwell[1] == 7000);
    assert_int_equal(timeplan_set_apply(&s, 1, dwell), -1);
    assert_true(timeplan_set_target(&s, &out));
    assert_int_equal(s.ntarget, 1);
    assert_int_equal(timeplan_set_apply(&s, 1, dwell), -1); /* on screen: stays for now */
    assert_int_equal(s.nshown, 2);
    assert_int_equal(timeplan_set_apply(&s, 0, dwell), 0);  /* moved on: gone */
    assert_int_equal(s.nshown, 1);
    assert_int_equal(s.shown[0], 0);
    timeplan_set_free(&s);
    int t[] = {1, 4, 6}, o[4];
    assert_int_equal(timeplan_with_current(t, 3, 3, o), 4);
    assert_int_equal(o[1], 3);
    assert_int_equal(o[2], 4);
    assert_int_equal(timeplan_with_current(t, 3, 4, o), 3);
    assert_int_equal(timeplan_with_current(t, 3, 9, o), 4);
    assert_int_equal(o[3], 9);
    assert_int_equal(timeplan_with_current(t, 3, -1, o), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule_table),   cmocka_unit_test(test_bad_values),   cmocka_unit_test(test_select),
        cmocka_unit_test(test_civil_from_wall), cmocka_unit_test(test_panel_keys), cmocka_unit_test(test_set_leaving_panel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
