/* schedule: when the screen is on ([schedule] on, off, days), and the burn-in shift.
 * Pure: the caller passes the local weekday and minute, or now_ms. */
#ifndef ANNAI_SCHEDULE_H
#define ANNAI_SCHEDULE_H

#include <stdbool.h>
#include <stdint.h>
#include "annai/config.h"

#define SCHEDULE_CHECK_MS 1000          /* the clock is read this often while running */
#define BURNIN_PERIOD_MS (3 * 60 * 1000) /* the picture moves one step this often */
#define BURNIN_STEPS 8                  /* positions on a small circle */
#define BURNIN_RADIUS_FRACTION 0.0025f  /* of the short side: 3 px at 1080 */

/* wday: 0 = Monday ... 6 = Sunday; minute: 0..1439 after local midnight.
 * on < off: on from `on` to `off` on the listed days. on > off: the night belongs to the day it
 * starts on (22:00-06:00 on fri runs into Saturday morning). on == off, or no times: the whole
 * of each listed day. */
bool schedule_is_on(const config_t *c, int wday, int minute);
/* True when the config restricts the screen at all. */
bool schedule_active(const config_t *c);

/* The whole picture's offset for burn-in protection at now_ms, in px for a w x h screen. */
void schedule_burnin_offset(uint64_t now_ms, int w, int h, int *dx, int *dy);
/* ms until the offset next changes. */
int64_t schedule_burnin_deadline(uint64_t now_ms);

#endif
