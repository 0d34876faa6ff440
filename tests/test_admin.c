/* The admin overlay's door: a visitor cannot open it, the PIN is checked and rate limited. */
#include "testutil.h"
#include "annai/admin.h"

static void type(admin_t *a, const char *digits, uint64_t now)
{
    for (; *digits; digits++) admin_digit(a, *digits - '0', now);
}

static void test_no_pin_needs_the_keyboard(void **state)
{
    (void)state;
    admin_t a = {0};
    admin_request(&a, NULL, false, 1000); /* a long press in the corner */
    assert_int_equal(a.state, ADMIN_CLOSED);
    admin_request(&a, "", false, 1000);
    assert_int_equal(a.state, ADMIN_CLOSED);
    admin_request(&a, NULL, true, 1000);
    assert_int_equal(a.state, ADMIN_OPEN);
}

static void test_pin_pad(void **state)
{
    (void)state;
    admin_t a = {0};
    admin_request(&a, "2468", false, 0);
    assert_int_equal(a.state, ADMIN_PIN);
    type(&a, "2469", 10);
    admin_backspace(&a, 20);
    type(&a, "8", 30);
    admin_submit(&a, "2468", 40);
    assert_int_equal(a.state, ADMIN_OPEN);
    assert_int_equal(a.ntyped, 0); /* the digits do not linger */
    admin_close(&a);
    admin_request(&a, "2468", true, 50); /* the keyboard asks for the PIN too */
    assert_int_equal(a.state, ADMIN_PIN);
    type(&a, "246", 60);
    admin_submit(&a, "2468", 70); /* a prefix is not the PIN */
    assert_int_equal(a.state, ADMIN_PIN);
    assert_true(a.wrong);
    type(&a, "24680", 80);
    admin_submit(&a, "2468", 90); /* nor is a longer one */
    assert_int_equal(a.state, ADMIN_PIN);
}

static void test_lockout_and_idle_close(void **state)
{
    (void)state;
    admin_t a = {0};
    admin_request(&a, "1234", false, 0);
    for (int i = 0; i < ADMIN_MAX_FAILURES; i++) {
        type(&a, "0000", 100);
        admin_submit(&a, "1234", 100);
    }
    assert_int_equal(a.state, ADMIN_CLOSED);
    admin_request(&a, "1234", false, 200);
    assert_int_equal(a.state, ADMIN_CLOSED); /* locked */
    admin_request(&a, "1234", false, 100 + ADMIN_LOCK_MS);
    assert_int_equal(a.state, ADMIN_PIN);
    assert_false(admin_tick(&a, 100 + ADMIN_LOCK_MS + ADMIN_IDLE_MS - 1));
    assert_true(admin_tick(&a, 100 + ADMIN_LOCK_MS + ADMIN_IDLE_MS));
    assert_int_equal(a.state, ADMIN_CLOSED);
}

static void test_pin_equal(void **state)
{
    (void)state;
    static const struct { const char *a, *b; bool eq; } t[] = {
        {"1234", "1234", true}, {"1234", "1235", false}, {"1234", "9234", false}, {"123", "1234", false}, {"12345", "1234", false},
        {"", "", false}, {"0000", "", false}, {"123456789012", "123456789012", true},
        {"123456789012", "123456789013", false},
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        if (admin_pin_equal(t[i].a, t[i].b) != t[i].eq) fail_msg("'%s' vs '%s'", t[i].a, t[i].b);
}

/* The pad locks at the fifth wrong PIN in a row, not the fourth: an operator who mistypes four
 * times still gets in. A right PIN forgives the mistakes before it. */
static void test_lockout_counts_exactly(void **state)
{
    (void)state;
    admin_t a = {0};
    admin_request(&a, "1357", false, 0);
    for (int i = 0; i < ADMIN_MAX_FAILURES - 1; i++) {
        type(&a, "9999", 10);
        admin_submit(&a, "1357", 10);
        assert_int_equal(a.state, ADMIN_PIN);
        assert_false(admin_locked(&a, 10));
    }
    type(&a, "1357", 20);
    admin_submit(&a, "1357", 20);
    assert_int_equal(a.state, ADMIN_OPEN);
    admin_close(&a);
    /* after the right PIN, four more mistakes are again four, not eight */
    admin_request(&a, "1357", false, 30);
    for (int i = 0; i < ADMIN_MAX_FAILURES - 1; i++) {
        type(&a, "9999", 40);
        admin_submit(&a, "1357", 40);
    }
    assert_int_equal(a.state, ADMIN_PIN);
    type(&a, "9999", 50);
    admin_submit(&a, "1357", 50);
    assert_int_equal(a.state, ADMIN_CLOSED);
    assert_true(admin_locked(&a, 50 + ADMIN_LOCK_MS - 1)); /* locked for the whole time */
    assert_false(admin_locked(&a, 50 + ADMIN_LOCK_MS));
    /* after the lock, the operator has the full number of tries again */
    uint64_t t = 50 + ADMIN_LOCK_MS;
    admin_request(&a, "1357", false, t);
    for (int i = 0; i < ADMIN_MAX_FAILURES - 1; i++) {
        type(&a, "9999", t);
        admin_submit(&a, "1357", t);
    }
    assert_int_equal(a.state, ADMIN_PIN);
    assert_false(admin_locked(&a, t));
}

/* The pad takes 0 to 9 and at most ADMIN_PIN_MAX of them (the pad shows one dot each); a
 * backspace on an empty pad does nothing, so the PIN typed after it still opens. */
static void test_pad_keys(void **state)
{
    (void)state;
    admin_t a = {0};
    const char *pin = "9090";
    admin_request(&a, pin, false, 0);
    admin_backspace(&a, 5);
    admin_backspace(&a, 6);
    assert_int_equal(a.ntyped, 0);
    admin_digit(&a, 10, 7);   /* not a digit */
    admin_digit(&a, -1, 8);
    assert_int_equal(a.ntyped, 0);
    type(&a, "5", 9);         /* one digit, taken back */
    admin_backspace(&a, 9);
    type(&a, pin, 10);
    type(&a, "7", 11);        /* one too many, taken back: the PIN opens */
    admin_backspace(&a, 12);
    admin_submit(&a, pin, 20);
    assert_int_equal(a.state, ADMIN_OPEN);
    admin_close(&a);
    admin_request(&a, "123456789012", false, 30);
    type(&a, "12345678901234", 40);
    assert_int_equal(a.ntyped, ADMIN_PIN_MAX);
    assert_string_equal(a.typed, "123456789012");
    /* a pad left with digits typed closes a minute after the last digit, not after the first */
    admin_close(&a);
    admin_request(&a, pin, false, 1000);
    type(&a, "90", 1000 + ADMIN_IDLE_MS / 2);
    assert_false(admin_tick(&a, 1000 + ADMIN_IDLE_MS));
    assert_int_equal(a.state, ADMIN_PIN);
    assert_true(admin_tick(&a, 1000 + ADMIN_IDLE_MS / 2 + ADMIN_IDLE_MS));
    assert_int_equal(a.ntyped, 0); /* the digits go with it */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_pin_needs_the_keyboard),
        cmocka_unit_test(test_pin_pad),
        cmocka_unit_test(test_lockout_and_idle_close),
        cmocka_unit_test(test_pin_equal),
        cmocka_unit_test(test_lockout_counts_exactly),
        cmocka_unit_test(test_pad_keys),
    };
    return cmocka_run_group_tests_name("admin", tests, NULL, NULL);
}
