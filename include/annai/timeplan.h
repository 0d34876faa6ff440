/* timeplan: which panels show at a given time. Front-matter keys from/until (date, or date
 * and time), days (mon-fri...) and hours (HH:MM-HH:MM windows). Pure: the caller passes the
 * local civil time; nothing here keeps state, so the answer is right after a restart in the
 * middle of a window, a clock jump or a suspend. */
#ifndef ANNAI_TIMEPLAN_H
#define ANNAI_TIMEPLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define TIMEPLAN_MAX_WINDOWS 8
#define TIMEPLAN_DAY_MIN (24 * 60)
#define TIMEPLAN_NONE INT64_MIN     /* from/until not set */
#define TIMEPLAN_CHECK_DAYS 7       /* --check looks this far ahead for fallback-only times */

/* A local time: the calendar minute (yyyymmddhhmm), the weekday (0 = Monday) and the minute
 * after local midnight. */
typedef struct {
    int64_t stamp;
    int wday, minute;
} timeplan_civil_t;

typedef struct {
    int64_t from, until;           /* yyyymmddhhmm; from inclusive, until exclusive */
    unsigned days;                 /* bit 0 = Monday ... bit 6 = Sunday; 0: not set */
    int nwin;
    short win_on[TIMEPLAN_MAX_WINDOWS], win_off[TIMEPLAN_MAX_WINDOWS]; /* minutes */
} timeplan_t;

void timeplan_init(timeplan_t *t);
/* True when t restricts when the panel shows at all. */
bool timeplan_scheduled(const timeplan_t *t);
/* Parses one front-matter key into t. Returns false when key is not a timeplan key; *err is
 * set to a message when the value is bad (else NULL). */
bool timeplan_parse_key(timeplan_t *t, const char *key, const char *value, const char **err);
/* True when the panel shows at c. hours windows that cross midnight belong to the day they
 * start on (22:00-02:00 on fri runs into Saturday morning), as in [schedule]. */
bool timeplan_active(const timeplan_t *t, const timeplan_civil_t *c);

/* The set at c: the indexes of plans[0..n) to show, in order, into out; returns how many.
 * Unscheduled panels always show. When no panel is active, prev (the set shown before, may
 * be NULL) shows again, and with no prev every panel: never an empty screen. *fallback says
 * that happened. */
int timeplan_select(const timeplan_t *const *plans, int n, const timeplan_civil_t *c, const int *prev, int nprev,
                    int *out, bool *fallback);
/* True when no scheduled panel is active at c (only unscheduled panels, or the fallback). */
bool timeplan_only_fallback(const timeplan_t *const *plans, int n, const timeplan_civil_t *c);

/* What the kiosk shows: target (ascending) and, while it is on screen, the panel current that
 * left the set, so that it is replaced at the next dwell and not cut off. Returns the count. */
int timeplan_with_current(const int *target, int n, int current, int *out);

/* The set a kiosk shows, kept between ticks: target is what the plans want (evaluated once per
 * calendar minute: window edges are whole minutes), shown what the app walks through (target
 * and the panel on screen that just left it), dwell the ms per shown position. */
typedef struct {
    const timeplan_t **plans;
    int n;
    int *target, *shown, *scratch, *spare; /* scratch, spare: the next shown / target */
    int ntarget, nshown;
    double *dwell;
    int64_t stamp;
} timeplan_set_t;

/* Starts over on a deck of n plans (after a load or reload): nothing shown yet. */
void timeplan_set_reset(timeplan_set_t *s, const timeplan_t *const *plans, int n);
/* True when the target changed at c (the first call always changes it). */
bool timeplan_set_target(timeplan_set_t *s, const timeplan_civil_t *c);
/* Makes shown follow target; current is the position on screen now. Returns the position of
 * the same panel in the new shown, or -1 when shown did not change. No allocation when
 * nothing changed. deck_dwell: ms per deck index. */
int timeplan_set_apply(timeplan_set_t *s, int current, const double *deck_dwell);
void timeplan_set_free(timeplan_set_t *s);

/* Edge: the local civil time of a wall-clock second (the system time zone), and back. */
timeplan_civil_t timeplan_civil(time_t wall);
/* Parses "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" as local time. Returns false when malformed. */
bool timeplan_parse_when(const char *s, int64_t *stamp, bool *has_time);
time_t timeplan_wall_of(int64_t stamp);
/* "YYYY-MM-DD HH:MM" of a stamp. */
void timeplan_format(int64_t stamp, char *out, size_t n);

#endif
