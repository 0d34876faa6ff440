/* screen: whether the screen is lit, as a pure state machine on now_ms. The [schedule] checked
 * once a second against the local weekday and minute (the kiosk reads the wall clock once per
 * tick and passes them), input that wakes a dark screen for the idle timeout, an alert that
 * keeps it on, and the burn-in shift of the whole picture. The kiosk acts on the changes
 * (events, counters, the app started again). */
#ifndef ANNAI_SCREEN_H
#define ANNAI_SCREEN_H

#include <stdbool.h>
#include <stdint.h>
#include "annai/config.h"

typedef enum { SCREEN_STAY, SCREEN_TURNED_ON, SCREEN_TURNED_OFF } screen_change_t;

typedef struct {
    bool on;
    uint64_t next_check;   /* the schedule is checked again then */
    uint64_t awake_until;  /* woken by input: lit until then whatever the schedule says */
    int bx, by;            /* the burn-in shift applied now */
} screen_t;

void screen_init(screen_t *s);
screen_change_t screen_set(screen_t *s, bool on);
/* The schedule at the local wday (0 = Monday) and minute, when a check is due: lit when the
 * schedule says so, when woken, or while an alert is on. */
screen_change_t screen_check(screen_t *s, const config_t *c, int wday, int minute, bool alert_on, uint64_t now_ms);
/* The next tick checks the schedule (an alert went). */
void screen_check_soon(screen_t *s, uint64_t now_ms);
/* Input at now: with a schedule, the screen stays lit for idle_ms. True when the screen was
 * dark: the input woke it (turned on here) and does nothing else. */
bool screen_wake(screen_t *s, const config_t *c, uint64_t now_ms);
/* The burn-in shift at now for a w x h picture. True when it moved (draw again). */
bool screen_burnin(screen_t *s, uint64_t now_ms, int w, int h);
/* ms until the screen needs looking at again. */
int64_t screen_deadline(const screen_t *s, uint64_t now_ms);

#endif
