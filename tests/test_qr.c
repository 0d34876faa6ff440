/* The QR code a visitor scans from a panel: the smallest code that holds the address, its finder
 * patterns where a phone looks for them, a payload too long or empty reported at its line. */
#include "testutil.h"
#include "annai/qr.h"

/* A finder pattern at (x, y): a dark 7x7 ring, a light ring, a dark 3x3 centre. */
static bool finder_at(const unsigned char *m, int side, int x, int y)
{
    for (int dy = 0; dy < 7; dy++)
        for (int dx = 0; dx < 7; dx++) {
            int ring = dx == 0 || dy == 0 || dx == 6 || dy == 6, centre = dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4;
            if (m[(y + dy) * side + x + dx] != (ring || centre)) return false;
        }
    return true;
}

static void test_smallest_code_with_finders(void **state)
{
    (void)state;
    static const struct { const char *text; int side; } t[] = {
        {"https://a.b/cd", 21},       /* 14 bytes: version 1 holds 14 at level M */
        {"https://a.b/cde", 25},      /* 15: version 2 */
        {"https://example.org/", 25},
        {"a", 21},
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        unsigned char *m = NULL;
        int side = qr_encode(t[i].text, &m);
        assert_non_null(m);
        assert_int_equal(side, t[i].side);
        assert_true(finder_at(m, side, 0, 0));
        assert_true(finder_at(m, side, side - 7, 0));
        assert_true(finder_at(m, side, 0, side - 7));
        assert_false(finder_at(m, side, side - 7, side - 7));
        int dark = 0;
        for (int k = 0; k < side * side; k++) {
            assert_true(m[k] == 0 || m[k] == 1);
            dark += m[k];
        }
        assert_true(dark > side * side / 4 && dark < side * side * 3 / 4); /* masked: about half dark */
        /* the timing pattern between the finders alternates */
        for (int x = 8; x < side - 8; x++) assert_int_equal(m[6 * side + x], x % 2 == 0);
        free(m);
    }
    /* different addresses, different codes */
    unsigned char *a, *b;
    int sa = qr_encode("https://example.org/a", &a), sb = qr_encode("https://example.org/b", &b);
    assert_int_equal(sa, sb);
    assert_true(memcmp(a, b, (size_t)(sa * sa)) != 0);
    free(a); free(b);
}

static void test_capacity(void **state)
{
    (void)state;
    /* version 40 at level M holds 2331 bytes: one more does not fit */
    char *s = mem_calloc(2333, 1);
    memset(s, 'x', 2331);
    unsigned char *m = NULL;
    assert_int_equal(qr_encode(s, &m), 177);
    free(m);
    s[2331] = 'x';
    assert_int_equal(qr_encode(s, &m), 0);
    assert_null(m);
    free(s);
}

static void test_panel_qr(void **state)
{
    (void)state;
    panel_t p = {.path = "t.md"};
    diag_list_t d = {0};
    qr_build(&p, 3, &d); /* no qr: nothing */
    assert_int_equal(d.count, 0);
    assert_null(p.qr_modules);
    p.qr = "";
    qr_build(&p, 3, &d);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].text, "t.md:3: empty qr");
    diag_clear(&d);
    char *big = mem_calloc(3001, 1);
    memset(big, 'y', 3000);
    p.qr = big;
    qr_build(&p, 4, &d);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].text, "t.md:4: qr payload too long to encode (3000 bytes)");
    assert_null(p.qr_modules);
    assert_int_equal(p.qr_size, 0);
    diag_clear(&d);
    free(big);
    p.qr = "https://example.org/";
    qr_build(&p, 5, &d);
    assert_int_equal(d.count, 0);
    assert_int_equal(p.qr_size, 25);
    assert_true(finder_at(p.qr_modules, p.qr_size, 0, 0));
    free(p.qr_modules);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_smallest_code_with_finders),
        cmocka_unit_test(test_capacity),
        cmocka_unit_test(test_panel_qr),
    };
    return cmocka_run_group_tests_name("qr", tests, NULL, NULL);
}
