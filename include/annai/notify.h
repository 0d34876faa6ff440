/* notify: the systemd service manager told what the kiosk is doing (sd_notify, Type=notify).
 * READY=1 after the first presented frame, WATCHDOG=1 only while frames are being presented
 * (or the screen is dark by schedule), STATUS= the panel and language on screen, STOPPING=1.
 * The decision (notify_ping_due) is pure; notify_* with a notify_t send. Outside systemd
 * (no NOTIFY_SOCKET) every call is a no-op. */
#ifndef ANNAI_NOTIFY_H
#define ANNAI_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

#define NOTIFY_STATUS_LEN 256
/* Pings at a quarter of WatchdogSec: one lost or late ping never trips the watchdog. */
#define NOTIFY_PING_DIVISOR 4
/* A frame older than half of WatchdogSec stops the pings: a renderer stuck for that long is
 * restarted by systemd when the other half has run out. */
#define NOTIFY_FRAME_DIVISOR 2

typedef struct {
    bool active;             /* NOTIFY_SOCKET is set */
    uint64_t watchdog_ms;    /* WatchdogSec as this process was given it; 0: no watchdog */
    uint64_t next_ping;
    bool ready;              /* READY=1 sent */
    char status[NOTIFY_STATUS_LEN];
    unsigned long pings;
} notify_t;

/* Reads NOTIFY_SOCKET and WATCHDOG_USEC/WATCHDOG_PID (sd_watchdog_enabled). */
void notify_open(notify_t *n);
/* Pure: is a WATCHDOG=1 due now? Only when the last presented frame is recent enough, or the
 * screen is dark on purpose. */
bool notify_ping_due(const notify_t *n, uint64_t now_ms, uint64_t last_frame_ms, bool dark_on_purpose);
/* The longest the kiosk may go without presenting a frame so that the pings go on: 0 when
 * there is no watchdog. */
uint64_t notify_frame_interval_ms(const notify_t *n);
/* After a frame was presented: READY=1 the first time, STATUS= when it changed. */
void notify_presented(notify_t *n, const char *status);
/* From the loop: WATCHDOG=1 when due. */
void notify_tick(notify_t *n, uint64_t now_ms, uint64_t last_frame_ms, bool dark_on_purpose);
void notify_stopping(notify_t *n);

#endif
