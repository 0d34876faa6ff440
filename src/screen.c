/* screen: lit or dark, woken, shifted against burn-in. Pure: now_ms and the local time in. */
#include "annai/screen.h"

#include "annai/schedule.h"

void screen_init(screen_t *s)
{
    *s = (screen_t){0};
    s->on = true;
}

screen_change_t screen_set(screen_t *s, bool on)
{
    if (on == s->on) return SCREEN_STAY;
    s->on = on;
    return on ? SCREEN_TURNED_ON : SCREEN_TURNED_OFF;
}

screen_change_t screen_check(screen_t *s, const config_t *c, int wday, int minute, bool alert_on, uint64_t now_ms)
{
    if (now_ms < s->next_check) return SCREEN_STAY;
    s->next_check = now_ms + SCHEDULE_CHECK_MS;
    if (!schedule_active(c)) return SCREEN_STAY;
    return screen_set(s, schedule_is_on(c, wday, minute) || now_ms < s->awake_until || alert_on);
}

void screen_check_soon(screen_t *s, uint64_t now_ms) { s->next_check = now_ms; }

bool screen_wake(screen_t *s, const config_t *c, uint64_t now_ms)
{
    if (schedule_active(c)) s->awake_until = now_ms + (uint64_t)(c->idle_timeout_s * 1000);
    if (s->on) return false;
    screen_set(s, true);
    return true;
}

bool screen_burnin(screen_t *s, uint64_t now_ms, int w, int h)
{
    int dx, dy;
    schedule_burnin_offset(now_ms, w, h, &dx, &dy);
    if (dx == s->bx && dy == s->by) return false;
    s->bx = dx;
    s->by = dy;
    return true;
}

int64_t screen_deadline(const screen_t *s, uint64_t now_ms)
{
    int64_t t = s->next_check > now_ms ? (int64_t)(s->next_check - now_ms) : 0;
    if (s->on) {
        int64_t d = schedule_burnin_deadline(now_ms);
        if (d < t) t = d;
    }
    return t;
}
