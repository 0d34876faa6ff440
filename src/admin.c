#include "annai/admin.h"

#include <string.h>

static void clear_typed(admin_t *a)
{
    memset(a->typed, 0, sizeof a->typed);
    a->ntyped = 0;
}

bool admin_locked(const admin_t *a, uint64_t now_ms) { return now_ms < a->locked_until; }

void admin_request(admin_t *a, const char *pin, bool keyboard, uint64_t now_ms)
{
    bool has_pin = pin && *pin;
    if (a->state != ADMIN_CLOSED || admin_locked(a, now_ms)) return;
    if (!has_pin && !keyboard) return;
    clear_typed(a);
    a->wrong = false;
    a->state = has_pin ? ADMIN_PIN : ADMIN_OPEN;
    a->last_input = now_ms;
}

void admin_digit(admin_t *a, int digit, uint64_t now_ms)
{
    if (a->state != ADMIN_PIN || digit < 0 || digit > 9) return;
    a->last_input = now_ms;
    a->wrong = false;
    if (a->ntyped < ADMIN_PIN_MAX) a->typed[a->ntyped++] = (char)('0' + digit);
}

void admin_backspace(admin_t *a, uint64_t now_ms)
{
    if (a->state != ADMIN_PIN) return;
    a->last_input = now_ms;
    if (a->ntyped > 0) a->typed[--a->ntyped] = 0;
}

bool admin_pin_equal(const char *typed, const char *pin)
{
    /* walk the full buffer whatever the inputs, and fold lengths into the result */
    size_t lt = strnlen(typed, ADMIN_PIN_MAX + 1), lp = strnlen(pin, ADMIN_PIN_MAX + 1);
    unsigned diff = (unsigned)(lt ^ lp);
    for (size_t i = 0; i <= ADMIN_PIN_MAX; i++) {
        unsigned char x = i < lt ? (unsigned char)typed[i] : 0, y = i < lp ? (unsigned char)pin[i] : 0;
        diff |= (unsigned)(x ^ y);
    }
    return diff == 0 && lp > 0;
}

void admin_submit(admin_t *a, const char *pin, uint64_t now_ms)
{
    if (a->state != ADMIN_PIN) return;
    a->last_input = now_ms;
    bool ok = pin && admin_pin_equal(a->typed, pin);
    clear_typed(a);
    if (ok) {
        a->failures = 0;
        a->state = ADMIN_OPEN;
        return;
    }
    a->wrong = true;
    if (++a->failures >= ADMIN_MAX_FAILURES) {
        a->failures = 0;
        a->locked_until = now_ms + ADMIN_LOCK_MS;
        a->state = ADMIN_CLOSED;
    }
}

void admin_close(admin_t *a)
{
    clear_typed(a);
    a->wrong = false;
    a->state = ADMIN_CLOSED;
}

bool admin_tick(admin_t *a, uint64_t now_ms)
{
    if (a->state == ADMIN_CLOSED || now_ms < a->last_input + ADMIN_IDLE_MS) return false;
    admin_close(a);
    return true;
}
