/* kiosk: the loop a visitor meets. SDL events -> gestures -> navigation, the admin overlay,
 * the screen schedule, burn-in shift, hot reload and the heartbeat; draws only when something
 * changed and otherwise sleeps until the next deadline. */
#ifndef ANNAI_KIOSK_H
#define ANNAI_KIOSK_H

#include "annai/engine.h"
#include "annai/events.h"
#include "annai/platform.h"

#define RELOAD_POLL_MS 2000
/* Signals cannot wake SDL_WaitEventTimeout, so a sleep never lasts longer than this:
 * two wake-ups a second cost nothing measurable and keep SIGTERM prompt. */
#define MAX_SLEEP_MS 500
#define ADMIN_KEY_MOD (KMOD_CTRL | KMOD_SHIFT) /* with A: the admin door from a keyboard */

/* Runs the kiosk until SIGTERM/SIGINT (or an allowed exit). Returns the exit code. */
int kiosk_run(engine_t *e, platform_t *p, events_t *ev);

#endif
