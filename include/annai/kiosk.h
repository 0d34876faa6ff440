/* kiosk: the loop a visitor meets. SDL events -> gestures -> navigation, the admin overlay,
 * the screen schedule, burn-in shift, hot reload and the heartbeat; draws only when something
 * changed and otherwise sleeps until the next deadline. */
#ifndef ANNAI_KIOSK_H
#define ANNAI_KIOSK_H

#include "annai/engine.h"
#include "annai/events.h"
#include "annai/platform.h"
#include "annai/reload.h"
#include "annai/status.h"

/* Signals cannot wake SDL_WaitEventTimeout, so a sleep never lasts longer than this:
 * two wake-ups a second cost nothing measurable and keep SIGTERM prompt. */
#define MAX_SLEEP_MS 500
#define POLL_SLICE_MS 16 /* on drivers that cannot wait for events: the longest a touch waits */



/* The same kiosk, stepped by the caller with its own clock: what kiosk_run does, open for the
 * soak test, which feeds it SDL events on a simulated week. */
typedef struct kiosk_s kiosk_t;
typedef struct {
    unsigned long frames, views, reloads, reload_failures, lang_switches, index_opens;
    atlas_stats_t atlas;
} kiosk_stats_t;
union SDL_Event;
kiosk_t *kiosk_create(engine_t *e, platform_t *p, events_t *ev, uint64_t now_ms);
/* The wall clock (seconds since the epoch) the kiosk reads once per tick for the screen
 * schedule, time-bound panels and alerts; NULL: time(). A simulated clock or --at goes here. */
typedef int64_t (*kiosk_wall_fn)(void *ud);
kiosk_t *kiosk_create_at(engine_t *e, platform_t *p, events_t *ev, uint64_t now_ms, kiosk_wall_fn wall, void *ud);
/* Runs the kiosk until SIGTERM/SIGINT (or an allowed exit) on the wall clock given (NULL:
 * the system's). Returns the exit code. */
int kiosk_run(engine_t *e, platform_t *p, events_t *ev, kiosk_wall_fn wall, void *ud);
void kiosk_destroy(kiosk_t *k);
void kiosk_handle(kiosk_t *k, const union SDL_Event *e, uint64_t now_ms);
/* Updates (timers, reload, schedule) and draws when something changed. True when it drew.
 * clock, when given, times the frame for the admin overlay. */
bool kiosk_frame(kiosk_t *k, uint64_t now_ms, uint64_t (*clock)(void));
int64_t kiosk_sleep_ms(kiosk_t *k, uint64_t now_ms);
/* Sleeps until the next deadline or input, handling the events that arrive (kiosk_run's wait). */
void kiosk_wait(kiosk_t *k, uint64_t now_ms);
bool kiosk_exit_asked(const kiosk_t *k);
/* The status lines the admin overlay shows (at most UI_ADMIN_INFO of KIOSK_INFO_LEN bytes). */
#define KIOSK_INFO_LEN STATUS_LINE_LEN
int kiosk_admin_lines(kiosk_t *k, char lines[][KIOSK_INFO_LEN], uint64_t now_ms);
/* Writes the heartbeat and the metrics now (kiosk_run does it every heartbeat_interval). */
void kiosk_write_health(kiosk_t *k);
kiosk_stats_t kiosk_stats(const kiosk_t *k);
/* The deck indexes the time plan shows now (for tests and the admin overlay). */
int kiosk_shown(const kiosk_t *k, const int **set);
int kiosk_on_screen(const kiosk_t *k);  /* deck index of the panel on screen */
bool kiosk_alert_on(const kiosk_t *k);
/* What a visitor set up and where the keyboard focus is (tests, the admin overlay). */
typedef struct {
    unsigned modes;        /* A11Y_* on */
    int focus;             /* hit id with the focus ring (ui_hit_t or a panel index), UI_HIT_NONE (-1) when hidden */
    bool tray_open, narrating, has_narration, index_open;
    float scroll, scroll_max;
    int current;
} kiosk_a11y_t;
kiosk_a11y_t kiosk_a11y(kiosk_t *k);

#endif
