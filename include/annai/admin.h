/* admin: the operator's overlay behind a long press in a top corner and a PIN. A pure state
 * machine: taps on the PIN pad and now_ms in, a state out. The PIN is compared in constant
 * time and never stored here beyond the digits being typed. */
#ifndef ANNAI_ADMIN_H
#define ANNAI_ADMIN_H

#include <stdbool.h>
#include <stdint.h>

#define ADMIN_PIN_MAX 12
#define ADMIN_MAX_FAILURES 5            /* wrong PINs in a row before the pad locks */
#define ADMIN_LOCK_MS (5 * 60 * 1000)   /* how long it stays locked */
#define ADMIN_IDLE_MS (60 * 1000)       /* an open pad or overlay closes itself after this */

typedef enum { ADMIN_CLOSED, ADMIN_PIN, ADMIN_OPEN } admin_state_t;

typedef struct {
    admin_state_t state;
    char typed[ADMIN_PIN_MAX + 1];
    int ntyped;
    int failures;
    bool wrong;              /* the last PIN was wrong: the pad says so */
    uint64_t locked_until, last_input;
} admin_t;

/* From a long press in a corner (keyboard false) or the admin key (keyboard true). With a PIN
 * set, both show the pad; with none, only the keyboard opens the overlay: a visitor cannot. */
void admin_request(admin_t *a, const char *pin, bool keyboard, uint64_t now_ms);
void admin_digit(admin_t *a, int digit, uint64_t now_ms);
void admin_backspace(admin_t *a, uint64_t now_ms);
/* Checks the typed digits against pin: the overlay opens, or the pad clears (and may lock). */
void admin_submit(admin_t *a, const char *pin, uint64_t now_ms);
void admin_close(admin_t *a);
/* Closes a pad or overlay left alone. Returns true when the state changed. */
bool admin_tick(admin_t *a, uint64_t now_ms);
bool admin_locked(const admin_t *a, uint64_t now_ms);
/* Constant-time comparison: the time taken does not depend on where the strings differ. */
bool admin_pin_equal(const char *typed, const char *pin);

#endif
