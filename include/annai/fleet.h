/* fleet: what a watchdog and a fleet see of one kiosk. The health of the files it writes, the
 * metrics counters, systemd's notify state, the heartbeat deadline and the frame keepalive.
 * The deadlines are pure (now_ms in); fleet_write formats the heartbeat and the metrics and
 * replaces the files (the edge). The kiosk counts into mc and passes a snapshot of the screen. */
#ifndef ANNAI_FLEET_H
#define ANNAI_FLEET_H

#include <stdbool.h>
#include <stdint.h>
#include "annai/config.h"
#include "annai/health.h"
#include "annai/metrics.h"
#include "annai/notify.h"

/* A quiet screen still presents a frame this often, so "the last frame" in the heartbeat, the
 * metrics and the systemd watchdog proves the renderer and the driver work (a redraw of a
 * settled panel costs a few ms; once in 10 s, nothing measurable). */
#define FLEET_KEEPALIVE_MS 10000
/* Test hook: frames stop being presented this many ms after start (the loop goes on), as
 * with a wedged renderer. Read once at start; unset in production. */
#define FLEET_STALL_HOOK_ENV "ANNAI_TEST_STALL_MS"

typedef struct {
    notify_t notify;
    health_t health;
    metrics_counters_t mc;
    uint64_t content_hash;     /* the deck on screen */
    uint64_t last_frame;       /* monotonic ms of the last presented frame */
    uint64_t next_heartbeat;
    uint64_t stall_at;         /* the stall hook; 0: none */
    int64_t start_wall, last_frame_wall; /* wall clock ms */
} fleet_t;

/* What is on screen, for the heartbeat and the metrics. */
typedef struct {
    const char *panel;   /* stem */
    int index;
    const char *lang;
    bool screen_on;
    int panels;
    bool alert_on;
} fleet_view_t;

/* Edge: reads NOTIFY_SOCKET and the stall hook. */
void fleet_open(fleet_t *f, uint64_t content_hash, uint64_t now_ms, int64_t wall_ms);
/* The events file's last write (err 0: it worked). True when its state changed (shown). */
bool fleet_events_result(fleet_t *f, const char *path, int err);
/* True when the heartbeat is due now; the next one is then interval_ms away. */
bool fleet_heartbeat_due(fleet_t *f, uint64_t now_ms, uint64_t interval_ms);
/* Edge: writes the heartbeat and the metrics (the paths that are set). state: "running" or
 * "stopped"; up: false at a clean stop. True when a file's health changed (shown). */
bool fleet_write(fleet_t *f, const config_t *c, const char *state, bool up, int64_t wall_ms, const fleet_view_t *v);
/* A frame was presented: times, the frame histogram, systemd's READY and STATUS. */
void fleet_presented(fleet_t *f, uint64_t now_ms, int64_t wall_ms, double seconds, const char *status);
/* Pure: the frames stopped by the test hook. */
bool fleet_stalled(const fleet_t *f, uint64_t now_ms);
/* Pure: the longest a quiet screen goes without presenting a frame. */
uint64_t fleet_keepalive_ms(const fleet_t *f);
bool fleet_keepalive_due(const fleet_t *f, uint64_t now_ms);
/* Pure: ms until the next thing fleet needs done (heartbeat when on, keepalive, watchdog). */
int64_t fleet_deadline(const fleet_t *f, uint64_t now_ms, bool heartbeat_on);

#endif
