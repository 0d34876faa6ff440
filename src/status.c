/* status: the operator's lines and systemd's status, formatted from plain values. */
#define _DEFAULT_SOURCE
#include "annai/status.h"

#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>
#include "annai/util.h"

#define SEC_PER_DAY 86400

void status_init(status_t *s, uint64_t now_ms)
{
    memset(s, 0, sizeof *s);
    s->fps_t0 = now_ms;
}

void status_free(status_t *s)
{
    for (int i = 0; i < s->nerrors; i++) free(s->errors[i]);
    s->nerrors = 0;
}

void status_keep_errors(status_t *s, const diag_list_t *d)
{
    status_free(s);
    for (int i = 0; i < d->count && i < STATUS_MAX_ERRORS; i++) s->errors[s->nerrors++] = mem_strdup(d->items[i].text);
}

void status_stamp(status_t *s, int64_t wall_s, const char *what)
{
    time_t t = (time_t)wall_s;
    struct tm tm;
    localtime_r(&t, &tm);
    snprintf(s->reload, sizeof s->reload, "%s %04d-%02d-%02d %02d:%02d:%02d", what, tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

void status_count_frame(status_t *s, uint64_t t0_ms, uint64_t t1_ms)
{
    s->draw_ms = (double)(t1_ms - t0_ms);
    s->fps_frames++;
    if (t1_ms - s->fps_t0 >= STATUS_FPS_WINDOW_MS) {
        s->fps = (double)s->fps_frames * 1000.0 / (double)(t1_ms - s->fps_t0);
        s->fps_frames = 0;
        s->fps_t0 = t1_ms;
    }
}

static void content_line(char *out, const status_info_t *in)
{
    char *dir = realpath(in->content_dir, NULL);
    const char *shown = dir ? dir : in->content_dir;
    if (in->notice)
        snprintf(out, STATUS_LINE_LEN, "content: %s (no valid panel: visitors see the notice)", shown);
    else
        snprintf(out, STATUS_LINE_LEN, "content: %s (%d panels, %d shown now)", shown, in->panels, in->shown);
    free(dir);
}

int status_admin_lines(const status_t *s, const status_info_t *in, char lines[][STATUS_LINE_LEN], int max)
{
    uint64_t up = in->up_ms / 1000;
    int n = 0;
    snprintf(lines[n++], STATUS_LINE_LEN, "annai %s, up %llud %02llu:%02llu:%02llu", ANNAI_VERSION,
             (unsigned long long)(up / SEC_PER_DAY), (unsigned long long)(up / 3600 % 24), (unsigned long long)(up / 60 % 60),
             (unsigned long long)(up % 60));
    content_line(lines[n++], in);
    snprintf(lines[n++], STATUS_LINE_LEN, "%s", s->reload[0] ? s->reload : "no reload since start");
    /* the errors leave room for the three lines after them */
    for (int i = 0; i < s->nerrors && n < max - 3; i++) snprintf(lines[n++], STATUS_LINE_LEN, "%s", s->errors[i]);
    snprintf(lines[n++], STATUS_LINE_LEN, "screen: %dx%d, rotate %d; %.0f frames in the last second, the last took %.1f ms",
             in->w, in->h, in->rotate, s->fps, s->draw_ms);
    snprintf(lines[n++], STATUS_LINE_LEN, "schedule: %s", in->schedule_set ? "set" : "always on");
    if (health_failing(in->health) && n < max) {
        char what[STATUS_LINE_LEN - 32];
        health_describe(in->health, what, sizeof what);
        snprintf(lines[n++], STATUS_LINE_LEN, "cannot write: %s", what);
    }
    return n;
}

void status_systemd(char *out, size_t n, const char *alert_stem, bool screen_on, int pos, int count, const char *stem,
                    const char *lang)
{
    if (alert_stem) snprintf(out, n, "alert %s", alert_stem);
    else if (screen_on) snprintf(out, n, "showing %d/%d %s (%s)", pos + 1, count, stem, lang);
    else snprintf(out, n, "screen off by schedule");
}
