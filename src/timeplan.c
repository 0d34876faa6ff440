#include "annai/timeplan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "annai/config.h"
#include "annai/util.h"

#define ALL_DAYS 0x7Fu
#define STAMP_DAY 10000LL /* yyyymmdd * STAMP_DAY + hhmm */

void timeplan_init(timeplan_t *t)
{
    memset(t, 0, sizeof *t);
    t->from = t->until = TIMEPLAN_NONE;
}

bool timeplan_scheduled(const timeplan_t *t)
{
    return t->from != TIMEPLAN_NONE || t->until != TIMEPLAN_NONE || t->days || t->nwin;
}

/* ---- civil dates (H. Hinnant's days_from_civil): the day after a date, without a time zone ---- */

static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static int64_t civil_from_days(int64_t z)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    return ((yoe + era * 400 + (m <= 2)) * 100 + m) * 100 + d;
}

static int days_in_month(int y, int m)
{
    static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : n[m - 1];
}

static int64_t next_day(int64_t ymd)
{
    return civil_from_days(days_from_civil(ymd / 10000, (int)(ymd / 100 % 100), (int)(ymd % 100)) + 1);
}

bool timeplan_parse_when(const char *s, int64_t *stamp, bool *has_time)
{
    int y, mo, d, h = 0, mi = 0, used = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3 || used != 10) return false;
    *has_time = s[used] != 0;
    if (*has_time) {
        int more = 0;
        if ((s[used] != ' ' && s[used] != 'T') || sscanf(s + used + 1, "%2d:%2d%n", &h, &mi, &more) != 2 || more != 5 ||
            s[used + 1 + more])
            return false;
    }
    if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59) return false;
    *stamp = ((int64_t)y * 10000 + mo * 100 + d) * STAMP_DAY + h * 100 + mi;
    return true;
}

/* ---- keys ---- */

static bool parse_hhmm(const char *s, int *min, int *used)
{
    int h, m, n = 0;
    if (sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 || n != 5 || h < 0 || m < 0 || m > 59) return false;
    if (h > 24 || (h == 24 && m)) return false;
    *min = h * 60 + m;
    *used = n;
    return true;
}

static bool parse_windows(timeplan_t *t, const char *v)
{
    t->nwin = 0;
    for (const char *p = v;;) {
        while (*p == ' ' || *p == ',') p++;
        if (!*p) break;
        int on, off, n1, n2;
        if (!parse_hhmm(p, &on, &n1) || p[n1] != '-' || !parse_hhmm(p + n1 + 1, &off, &n2)) return false;
        if (on == off || on == TIMEPLAN_DAY_MIN || t->nwin >= TIMEPLAN_MAX_WINDOWS) return false;
        t->win_on[t->nwin] = (short)on;
        t->win_off[t->nwin++] = (short)(off % TIMEPLAN_DAY_MIN);
        p += n1 + 1 + n2;
        if (*p && *p != ',' && *p != ' ') return false;
    }
    return t->nwin > 0;
}

bool timeplan_parse_key(timeplan_t *t, const char *key, const char *v, const char **err)
{
    *err = NULL;
    bool has_time;
    int64_t s;
    if (!strcmp(key, "from") || !strcmp(key, "until")) {
        bool from = key[0] == 'f';
        if (!timeplan_parse_when(v, &s, &has_time)) {
            *err = "bad date (YYYY-MM-DD or YYYY-MM-DD HH:MM, local time)";
            return true;
        }
        /* a date alone means the whole day: until 2026-12-24 shows through the 24th */
        if (!from && !has_time) s = next_day(s / STAMP_DAY) * STAMP_DAY;
        *(from ? &t->from : &t->until) = s;
    } else if (!strcmp(key, "days")) {
        if (!config_parse_days(v, &t->days)) *err = "bad days (e.g. mon-fri or sat,sun)";
    } else if (!strcmp(key, "hours")) {
        if (!parse_windows(t, v)) *err = "bad hours (one or more HH:MM-HH:MM windows, at most 8, e.g. 09:00-12:00, 13:00-17:00)";
    } else {
        return false;
    }
    return true;
}

/* ---- evaluation ---- */

static bool day_listed(unsigned days, int wday) { return (days >> ((wday + 7) % 7)) & 1u; }

static bool in_window(const timeplan_t *t, int w, unsigned days, const timeplan_civil_t *c)
{
    int on = t->win_on[w], off = t->win_off[w];
    if (on < off) return day_listed(days, c->wday) && c->minute >= on && c->minute < off;
    return (day_listed(days, c->wday) && c->minute >= on) || (day_listed(days, c->wday - 1) && c->minute < off);
}

bool timeplan_active(const timeplan_t *t, const timeplan_civil_t *c)
{
    if (t->from != TIMEPLAN_NONE && c->stamp < t->from) return false;
    if (t->until != TIMEPLAN_NONE && c->stamp >= t->until) return false;
    unsigned days = t->days ? t->days : ALL_DAYS;
    if (!t->nwin) return day_listed(days, c->wday);
    for (int w = 0; w < t->nwin; w++)
        if (in_window(t, w, days, c)) return true;
    return false;
}

bool timeplan_only_fallback(const timeplan_t *const *plans, int n, const timeplan_civil_t *c)
{
    for (int i = 0; i < n; i++)
        if (timeplan_scheduled(plans[i]) && timeplan_active(plans[i], c)) return false;
    return true;
}

int timeplan_select(const timeplan_t *const *plans, int n, const timeplan_civil_t *c, const int *prev, int nprev,
                    int *out, bool *fallback)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        if (timeplan_active(plans[i], c)) out[k++] = i;
    *fallback = k == 0 && n > 0;
    if (!*fallback) return k;
    for (int i = 0; i < nprev; i++)
        if (prev[i] >= 0 && prev[i] < n) out[k++] = prev[i];
    if (k) return k;
    for (int i = 0; i < n; i++) out[k++] = i;
    return k;
}

int timeplan_with_current(const int *target, int n, int current, int *out)
{
    int k = 0;
    bool placed = current < 0;
    for (int i = 0; i < n; i++) {
        if (!placed && target[i] >= current) {
            if (target[i] != current) out[k++] = current;
            placed = true;
        }
        out[k++] = target[i];
    }
    if (!placed) out[k++] = current;
    return k;
}

/* ---- the kiosk's set ---- */

void timeplan_set_free(timeplan_set_t *s)
{
    free(s->plans);
    free(s->target);
    free(s->shown);
    free(s->scratch);
    free(s->spare);
    free(s->dwell);
    memset(s, 0, sizeof *s);
}

void timeplan_set_reset(timeplan_set_t *s, const timeplan_t *const *plans, int n)
{
    timeplan_set_free(s);
    s->n = n;
    s->plans = mem_calloc((size_t)n + 1, sizeof *s->plans);
    memcpy(s->plans, plans, (size_t)n * sizeof *plans);
    s->scratch = mem_calloc((size_t)n + 2, sizeof *s->scratch);
    s->spare = mem_calloc((size_t)n + 1, sizeof *s->spare);
    s->stamp = TIMEPLAN_NONE;
}

bool timeplan_set_target(timeplan_set_t *s, const timeplan_civil_t *c)
{
    if (c->stamp == s->stamp) return false;
    s->stamp = c->stamp;
    int *next = s->spare;
    bool fallback;
    int n = timeplan_select(s->plans, s->n, c, s->target, s->ntarget, next, &fallback);
    bool changed = !s->target || n != s->ntarget || memcmp(next, s->target, (size_t)n * sizeof *next);
    s->spare = s->target ? s->target : mem_calloc((size_t)s->n + 1, sizeof *s->spare); /* no allocation per minute */
    s->target = next;
    s->ntarget = n;
    return changed;
}

int timeplan_set_apply(timeplan_set_t *s, int current, const double *deck_dwell)
{
    int cur = s->shown && current >= 0 && current < s->nshown ? s->shown[current] : -1;
    int *next = s->scratch;
    int n = timeplan_with_current(s->target, s->ntarget, cur, next);
    if (s->shown && n == s->nshown && !memcmp(next, s->shown, (size_t)n * sizeof *next)) return -1;
    int pos = 0;
    for (int i = 0; i < n; i++)
        if (next[i] == cur) pos = i;
    s->scratch = s->shown ? s->shown : mem_calloc((size_t)s->n + 2, sizeof *s->scratch);
    s->shown = next;
    s->nshown = n;
    free(s->dwell);
    s->dwell = mem_calloc((size_t)n + 1, sizeof *s->dwell);
    for (int i = 0; i < n; i++) s->dwell[i] = deck_dwell ? deck_dwell[next[i]] : 0;
    return pos;
}

/* ---- edge: the system clock and time zone ---- */

timeplan_civil_t timeplan_civil(time_t wall)
{
    struct tm tm;
    localtime_r(&wall, &tm);
    int64_t ymd = (int64_t)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
    return (timeplan_civil_t){ymd * STAMP_DAY + tm.tm_hour * 100 + tm.tm_min, (tm.tm_wday + 6) % 7,
                              tm.tm_hour * 60 + tm.tm_min};
}

time_t timeplan_wall_of(int64_t stamp)
{
    int64_t ymd = stamp / STAMP_DAY;
    struct tm tm = {0};
    tm.tm_year = (int)(ymd / 10000) - 1900;
    tm.tm_mon = (int)(ymd / 100 % 100) - 1;
    tm.tm_mday = (int)(ymd % 100);
    tm.tm_hour = (int)(stamp % STAMP_DAY / 100);
    tm.tm_min = (int)(stamp % 100);
    tm.tm_isdst = -1;
    return mktime(&tm);
}

void timeplan_format(int64_t stamp, char *out, size_t n)
{
    int64_t ymd = stamp / STAMP_DAY;
    snprintf(out, n, "%04d-%02d-%02d %02d:%02d", (int)(ymd / 10000), (int)(ymd / 100 % 100), (int)(ymd % 100),
             (int)(stamp % STAMP_DAY / 100), (int)(stamp % 100));
}
