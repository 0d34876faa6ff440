#include "annai/schedule.h"

#include <math.h>

#define DAY_MIN (24 * 60)

static bool day_listed(const config_t *c, int wday) { return (c->days >> ((wday + 7) % 7)) & 1u; }

bool schedule_active(const config_t *c)
{
    return c->on_min >= 0 || c->off_min >= 0 || (c->days & 0x7Fu) != 0x7Fu;
}

bool schedule_is_on(const config_t *c, int wday, int minute)
{
    int on = c->on_min < 0 ? 0 : c->on_min, off = c->off_min < 0 ? DAY_MIN : c->off_min;
    if (on == off) return day_listed(c, wday);
    if (on < off) return day_listed(c, wday) && minute >= on && minute < off;
    return (day_listed(c, wday) && minute >= on) || (day_listed(c, wday - 1) && minute < off);
}

void schedule_burnin_offset(uint64_t now_ms, int w, int h, int *dx, int *dy)
{
    int step = (int)((now_ms / BURNIN_PERIOD_MS) % BURNIN_STEPS);
    float r = roundf(BURNIN_RADIUS_FRACTION * (float)(w < h ? w : h));
    if (r < 1) r = 1;
    float a = (float)step * 2.0f * 3.14159265f / BURNIN_STEPS;
    *dx = (int)lroundf(r * cosf(a));
    *dy = (int)lroundf(r * sinf(a));
}

int64_t schedule_burnin_deadline(uint64_t now_ms)
{
    return (int64_t)(BURNIN_PERIOD_MS - now_ms % BURNIN_PERIOD_MS);
}
