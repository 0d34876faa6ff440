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
        {"1234", "1234", true}, {"1234", "1235", false}, {"123", "1234", false}, {"12345", "1234", false},
        {"", "", false}, {"0000", "", false}, {"123456789012", "123456789012", true},
        {"123456789012", "123456789013", false},
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        if (admin_pin_equal(t[i].a, t[i].b) != t[i].eq) fail_msg("'%s' vs '%s'", t[i].a, t[i].b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_pin_needs_the_keyboard),
        cmocka_unit_test(test_pin_pad),
        cmocka_unit_test(test_lockout_and_idle_close),
        cmocka_unit_test(test_pin_equal),
    };
    return cmocka_run_group_tests_name("admin", tests, NULL, NULL);
}
