/* fleet: deadlines (pure) and the heartbeat and metrics files (edge). */
#define _DEFAULT_SOURCE
#include "annai/fleet.h"

#include <stdlib.h>
#include <unistd.h>
#include "annai/util.h"


void fleet_open(fleet_t *f, uint64_t content_hash, uint64_t now_ms, int64_t wall_ms)
{
    notify_open(&f->notify);
    f->content_hash = content_hash;
    f->start_wall = wall_ms;
    f->last_frame = now_ms;
    const char *stall = getenv(FLEET_STALL_HOOK_ENV);
    if (stall && *stall) f->stall_at = now_ms + strtoull(stall, NULL, 10);
}

bool fleet_events_result(fleet_t *f, const char *path, int err) { return health_record(&f->health, HEALTH_EVENTS, path, err); }

bool fleet_heartbeat_due(fleet_t *f, uint64_t now_ms, uint64_t interval_ms)
{
    if (now_ms < f->next_heartbeat) return false;
    f->next_heartbeat = now_ms + interval_ms;
    return true;
}

static bool write_file(fleet_t *f, health_kind_t kind, const char *path, buf_t *b)
{
    bool changed = health_record(&f->health, kind, path, health_write_atomic(path, b->data, b->len));
    buf_free(b);
    return changed;
}

/* A frozen loop leaves the files stale, a stalled renderer leaves "last_frame" stale in them. */
bool fleet_write(fleet_t *f, const config_t *c, const char *state, bool up, int64_t wall_ms, const fleet_view_t *v)
{
    bool changed = false;
    if (c->heartbeat_path) {
        heartbeat_t hb = {state, wall_ms, f->last_frame_wall, v->panel, v->index, v->lang,
                          v->screen_on, f->content_hash, (int64_t)getpid()};
        buf_t b = {0};
        health_heartbeat_json(&b, &hb, &f->health);
        changed |= write_file(f, HEALTH_HEARTBEAT, c->heartbeat_path, &b);
    }
    if (c->metrics_path) {
        metrics_info_t in = {ANNAI_VERSION, f->content_hash, up, f->start_wall, f->last_frame_wall, wall_ms,
                             v->panels, v->screen_on, metrics_rss_bytes(), &f->health, v->alert_on};
        buf_t b = {0};
        metrics_format(&b, &f->mc, &in);
        changed |= write_file(f, HEALTH_METRICS, c->metrics_path, &b);
    }
    return changed;
}

void fleet_presented(fleet_t *f, uint64_t now_ms, int64_t wall_ms, double seconds, const char *status)
{
    f->last_frame = now_ms;
    f->last_frame_wall = wall_ms;
    metrics_count_frame(&f->mc, seconds);
    notify_presented(&f->notify, status);
}

bool fleet_stalled(const fleet_t *f, uint64_t now_ms) { return f->stall_at && now_ms >= f->stall_at; }

uint64_t fleet_keepalive_ms(const fleet_t *f)
{
    uint64_t w = notify_frame_interval_ms(&f->notify);
    return w && w < FLEET_KEEPALIVE_MS ? w : FLEET_KEEPALIVE_MS;
}

bool fleet_keepalive_due(const fleet_t *f, uint64_t now_ms) { return now_ms - f->last_frame >= fleet_keepalive_ms(f); }

static int64_t until(uint64_t t, uint64_t now) { return t > now ? (int64_t)(t - now) : 0; }

int64_t fleet_deadline(const fleet_t *f, uint64_t now_ms, bool heartbeat_on)
{
    int64_t t = INT64_MAX, d;
    if (heartbeat_on && (d = until(f->next_heartbeat, now_ms)) < t) t = d;
    if (!fleet_stalled(f, now_ms) && (d = until(f->last_frame + fleet_keepalive_ms(f), now_ms)) < t) t = d;
    if (f->notify.watchdog_ms && (d = until(f->notify.next_ping, now_ms)) < t) t = d;
    return t;
}
