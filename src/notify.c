#define _DEFAULT_SOURCE
#include "annai/notify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>

void notify_open(notify_t *n)
{
    memset(n, 0, sizeof *n);
    const char *sock = getenv("NOTIFY_SOCKET");
    n->active = sock && *sock;
    uint64_t usec = 0;
    /* > 0 only when WATCHDOG_USEC is set and WATCHDOG_PID (if set) is this process */
    if (n->active && sd_watchdog_enabled(0, &usec) > 0) n->watchdog_ms = usec / 1000;
}

bool notify_ping_due(const notify_t *n, uint64_t now, uint64_t last_frame, bool dark_on_purpose)
{
    if (!n->active || !n->watchdog_ms || !n->ready || now < n->next_ping) return false;
    if (dark_on_purpose) return true;
    return now - last_frame <= n->watchdog_ms / NOTIFY_FRAME_DIVISOR;
}

uint64_t notify_frame_interval_ms(const notify_t *n)
{
    return n->active ? n->watchdog_ms / NOTIFY_PING_DIVISOR : 0;
}

/* sd_notify fails only when the socket is gone; systemd then sees the missing pings itself. */
static void notify_send(notify_t *n, const char *msg)
{
    if (sd_notify(0, msg) < 0) n->active = false;
}

void notify_presented(notify_t *n, const char *status)
{
    if (!n->active) return;
    if (strcmp(status, n->status)) {
        snprintf(n->status, sizeof n->status, "%s", status);
        char msg[NOTIFY_STATUS_LEN + 16];
        snprintf(msg, sizeof msg, "STATUS=%s", n->status);
        notify_send(n, msg);
    }
    if (!n->ready) {
        n->ready = true;
        notify_send(n, "READY=1");
    }
}

void notify_tick(notify_t *n, uint64_t now, uint64_t last_frame, bool dark_on_purpose)
{
    if (!notify_ping_due(n, now, last_frame, dark_on_purpose)) return;
    n->next_ping = now + n->watchdog_ms / NOTIFY_PING_DIVISOR;
    n->pings++;
    notify_send(n, "WATCHDOG=1");
}

void notify_stopping(notify_t *n)
{
    if (n->active) notify_send(n, "STOPPING=1");
}
