/* The reload debounce and verdict: a deploy in progress (rsync, a copy) is never parsed half
 * written, a finished one is reloaded once, a broken one keeps the last good panels, and a
 * changed kiosk.ini is reported as waiting for a restart. */
#include "testutil.h"
#include "annai/reload.h"

#define T0 1000000

/* Polls every RELOAD_POLL_MS with the signatures given; returns a bit per poll that reloaded. */
static unsigned polls(reload_t *r, uint64_t *now, const uint64_t *sigs, int n)
{
    unsigned got = 0;
    for (int i = 0; i < n; i++) {
        *now += RELOAD_POLL_MS;
        assert_true(reload_poll_due(r, *now));
        if (reload_poll(r, sigs[i], *now)) got |= 1u << i;
    }
    return got;
}

static void test_copy_in_progress_waits_until_it_holds_still(void **state)
{
    (void)state;
    reload_t r;
    uint64_t now = T0;
    reload_init(&r, 10, RELOAD_INI_NONE, now);
    /* a copy going on for three polls (the folder differs each time), then done */
    const uint64_t sigs[] = {11, 12, 13, 13, 13, 13};
    assert_int_equal(polls(&r, &now, sigs, 6), 1u << 3); /* once, one quiet poll after the last change */
    /* unchanged since: nothing more */
    const uint64_t same[] = {13, 13, 13};
    assert_int_equal(polls(&r, &now, same, 3), 0);
}

static void test_nothing_changed_never_reloads(void **state)
{
    (void)state;
    reload_t r;
    uint64_t now = T0;
    reload_init(&r, 10, RELOAD_INI_NONE, now);
    const uint64_t sigs[] = {10, 10, 10, 10};
    assert_int_equal(polls(&r, &now, sigs, 4), 0);
}

static void test_a_change_undone_still_reloads_once_quiet(void **state)
{
    (void)state;
    reload_t r;
    uint64_t now = T0;
    reload_init(&r, 10, RELOAD_INI_NONE, now);
    const uint64_t sigs[] = {11, 10, 10, 10}; /* a file added and removed again */
    assert_int_equal(polls(&r, &now, sigs, 4), 1u << 2);
}

static void test_polls_only_every_poll_interval(void **state)
{
    (void)state;
    reload_t r;
    reload_init(&r, 10, RELOAD_INI_NONE, T0);
    assert_false(reload_poll_due(&r, T0));
    assert_false(reload_poll_due(&r, T0 + RELOAD_POLL_MS - 1));
    assert_true(reload_poll_due(&r, T0 + RELOAD_POLL_MS));
    assert_int_equal(reload_deadline(&r, T0), RELOAD_POLL_MS);
    assert_int_equal(reload_deadline(&r, T0 + RELOAD_POLL_MS - 5), 5);
    assert_int_equal(reload_deadline(&r, T0 + RELOAD_POLL_MS + 5), 0);
    reload_poll(&r, 10, T0 + RELOAD_POLL_MS + 7);
    assert_false(reload_poll_due(&r, T0 + 2 * RELOAD_POLL_MS));
    assert_true(reload_poll_due(&r, T0 + 2 * RELOAD_POLL_MS + 7));
}

/* The operator's reload (or a poll's) takes the signature before loading: a file written while
 * the deck loads differs at the next poll and is loaded then. */
static void test_a_file_changed_during_a_load_is_loaded_next(void **state)
{
    (void)state;
    reload_t r;
    uint64_t now = T0;
    reload_init(&r, 10, RELOAD_INI_NONE, now);
    reload_begin(&r, 20); /* the operator's button: loads what the folder was at 20 */
    const uint64_t sigs[] = {21, 21};
    assert_int_equal(polls(&r, &now, sigs, 2), 1u << 1);
    reload_begin(&r, 30);
    const uint64_t same[] = {30, 30};
    assert_int_equal(polls(&r, &now, same, 2), 0); /* what was loaded is not loaded again */
}

static void test_verdict_and_what_the_operator_reads(void **state)
{
    (void)state;
    reload_t r;
    reload_init(&r, 1, 77, T0);
    assert_false(reload_ini_seen(&r, 77));
    assert_int_equal(reload_outcome(&r, 0, 5), RELOAD_DONE);
    assert_string_equal(reload_status_label(RELOAD_DONE), "reloaded");
    assert_int_equal(reload_outcome(&r, 1, 5), RELOAD_FAILED); /* one broken panel fails it all */
    assert_int_equal(reload_outcome(&r, 0, 0), RELOAD_FAILED); /* an emptied folder keeps the last panels */
    assert_non_null(strstr(reload_status_label(RELOAD_FAILED), "still showing the last good content"));
    assert_true(reload_ini_seen(&r, 78)); /* changed: check it */
    assert_int_equal(reload_outcome(&r, 0, 5), RELOAD_DONE_RESTART);
    assert_non_null(strstr(reload_status_label(RELOAD_DONE_RESTART), "restart annai"));
    assert_int_equal(reload_outcome(&r, 2, 5), RELOAD_FAILED);
    assert_false(reload_ini_seen(&r, RELOAD_INI_NONE)); /* removed: nothing to check ... */
    assert_int_equal(reload_outcome(&r, 0, 5), RELOAD_DONE_RESTART); /* ... but it still takes a restart */
    assert_false(reload_ini_seen(&r, 77)); /* put back as it was */
    assert_int_equal(reload_outcome(&r, 0, 5), RELOAD_DONE);
}

static void test_kiosk_ini_hash_and_check(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    assert_true(reload_ini_hash(dir) == RELOAD_INI_NONE);
    const char *a = "[content]\ndwell = 20\n", *b = "[content]\ndwell = 21\n";
    free(tu_write(dir, "kiosk.ini", a, strlen(a)));
    uint64_t ha = reload_ini_hash(dir);
    assert_true(ha != RELOAD_INI_NONE && ha != RELOAD_INI_UNREADABLE);
    assert_true(reload_ini_hash(dir) == ha); /* the same bytes: the same hash */
    free(tu_write(dir, "kiosk.ini", b, strlen(b)));
    assert_true(reload_ini_hash(dir) != ha);
    const char *c1 = "; a\n[content]\n", *c2 = "; b\n[content]\n", *c3 = "x a\n[content]\n";
    free(tu_write(dir, "kiosk.ini", c1, strlen(c1)));
    uint64_t h1 = reload_ini_hash(dir);
    free(tu_write(dir, "kiosk.ini", c3, strlen(c3)));
    assert_true(reload_ini_hash(dir) != h1); /* a change in the first byte counts */
    free(tu_write(dir, "kiosk.ini", c2, strlen(c2)));
    assert_true(reload_ini_hash(dir) != h1);
    diag_list_t d = {0};
    reload_check_ini(dir, &d);
    assert_int_equal(d.count, 0);
    const char *bad = "[content]\ndwell = 20\ndwell = forever\n";
    free(tu_write(dir, "kiosk.ini", bad, strlen(bad)));
    reload_check_ini(dir, &d);
    assert_true(d.count > 0);
    assert_non_null(strstr(d.items[0].text, "kiosk.ini:3"));
    diag_clear(&d);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_copy_in_progress_waits_until_it_holds_still),
        cmocka_unit_test(test_nothing_changed_never_reloads),
        cmocka_unit_test(test_a_change_undone_still_reloads_once_quiet),
        cmocka_unit_test(test_polls_only_every_poll_interval),
        cmocka_unit_test(test_a_file_changed_during_a_load_is_loaded_next),
        cmocka_unit_test(test_verdict_and_what_the_operator_reads),
        cmocka_unit_test(test_kiosk_ini_hash_and_check),
    };
    return cmocka_run_group_tests_name("reload", tests, NULL, NULL);
}
