#define _DEFAULT_SOURCE
#include "annai/metrics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const double quantiles[] = {0.5, 0.9, 0.99};
#define NQUANTILES ((int)(sizeof quantiles / sizeof quantiles[0]))

void metrics_count_frame(metrics_counters_t *m, double seconds)
{
    m->frames++;
    m->frame_seconds_sum += seconds;
    m->samples[m->next] = (float)seconds;
    m->next = (m->next + 1) % METRICS_FRAME_SAMPLES;
    if (m->nsamples < METRICS_FRAME_SAMPLES) m->nsamples++;
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

double metrics_frame_quantile(const metrics_counters_t *m, double q)
{
    if (!m->nsamples) return 0;
    float sorted[METRICS_FRAME_SAMPLES];
    memcpy(sorted, m->samples, (size_t)m->nsamples * sizeof *sorted);
    qsort(sorted, (size_t)m->nsamples, sizeof *sorted, cmp_float);
    int rank = (int)(q * m->nsamples + 0.999999); /* nearest rank: ceil(q * n) */
    if (rank < 1) rank = 1;
    if (rank > m->nsamples) rank = m->nsamples;
    return sorted[rank - 1];
}

long metrics_rss_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long size, rss;
    int ok = f && fscanf(f, "%ld %ld", &size, &rss) == 2;
    if (f) fclose(f);
    return ok ? rss * sysconf(_SC_PAGESIZE) : -1;
}

static void head(buf_t *b, const char *name, const char *type, const char *help)
{
    buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void frame_summary(buf_t *b, const metrics_counters_t *m)
{
    head(b, "annai_frame_seconds", "summary", "Time to draw and present a frame, over the last 1024 frames.");
    for (int i = 0; i < NQUANTILES; i++)
        buf_printf(b, "annai_frame_seconds{quantile=\"%g\"} %.6f\n", quantiles[i], metrics_frame_quantile(m, quantiles[i]));
    buf_printf(b, "annai_frame_seconds_sum %.6f\nannai_frame_seconds_count %lu\n", m->frame_seconds_sum, m->frames);
}

static void counters(buf_t *b, const metrics_counters_t *m)
{
    head(b, "annai_views_total", "counter", "Panels shown, by what brought them up.");
    for (int v = 0; v < METRICS_VIAS; v++) buf_printf(b, "annai_views_total{via=\"%s\"} %lu\n", app_via_name((via_t)v), m->views[v]);
    head(b, "annai_language_switches_total", "counter", "Language changes by visitors.");
    buf_printf(b, "annai_language_switches_total %lu\n", m->lang_switches);
    head(b, "annai_reloads_total", "counter", "Content reloads that were applied.");
    buf_printf(b, "annai_reloads_total %lu\n", m->reloads);
    head(b, "annai_reload_failures_total", "counter", "Content reloads refused (the last good content stays).");
    buf_printf(b, "annai_reload_failures_total %lu\n", m->reload_failures);
    head(b, "annai_screen_changes_total", "counter", "Screen turned on or off (schedule, wake by touch).");
    buf_printf(b, "annai_screen_changes_total{state=\"on\"} %lu\nannai_screen_changes_total{state=\"off\"} %lu\n",
               m->screen_ons, m->screen_offs);
    head(b, "annai_alerts_total", "counter", "Emergency alerts put on screen.");
    buf_printf(b, "annai_alerts_total %lu\n", m->alerts);
}

static void write_errors(buf_t *b, const health_t *h)
{
    head(b, "annai_write_errors_total", "counter", "Failed writes of the kiosk's own files (a full disk, a lost folder).");
    for (int k = 0; k < HEALTH_KINDS; k++)
        buf_printf(b, "annai_write_errors_total{file=\"%s\"} %lu\n", health_kind_name((health_kind_t)k), h->failures[k]);
    head(b, "annai_write_failing", "gauge", "1 while writes of that file fail.");
    for (int k = 0; k < HEALTH_KINDS; k++)
        buf_printf(b, "annai_write_failing{file=\"%s\"} %d\n", health_kind_name((health_kind_t)k), h->err[k] != 0);
}

void metrics_format(buf_t *b, const metrics_counters_t *m, const metrics_info_t *in)
{
    head(b, "annai_build_info", "gauge", "The running annai and the content it shows (content: a hash of the deck's files).");
    buf_printf(b, "annai_build_info{version=\"%s\",content=\"%016llx\"} 1\n", in->version, (unsigned long long)in->content_hash);
    head(b, "annai_up", "gauge", "1 while the kiosk runs; 0 in the file left by a clean stop.");
    buf_printf(b, "annai_up %d\n", in->up);
    head(b, "annai_start_time_seconds", "gauge", "When the kiosk started, seconds since the epoch.");
    buf_printf(b, "annai_start_time_seconds %.3f\n", (double)in->start_ms / 1000);
    head(b, "annai_last_frame_timestamp_seconds", "gauge", "When a frame was last presented, seconds since the epoch.");
    buf_printf(b, "annai_last_frame_timestamp_seconds %.3f\n", (double)in->last_frame_ms / 1000);
    head(b, "annai_panels", "gauge", "Panels in the deck on screen.");
    buf_printf(b, "annai_panels %d\n", in->panels);
    head(b, "annai_screen_on", "gauge", "1 when the screen shows panels, 0 when dark by schedule.");
    buf_printf(b, "annai_screen_on %d\n", in->screen_on);
    head(b, "annai_alert_on", "gauge", "1 while an emergency alert is on screen.");
    buf_printf(b, "annai_alert_on %d\n", in->alert_on);
    head(b, "annai_frames_total", "counter", "Frames presented.");
    buf_printf(b, "annai_frames_total %lu\n", m->frames);
    counters(b, m);
    frame_summary(b, m);
    write_errors(b, in->health);
    if (in->rss_bytes >= 0) {
        head(b, "annai_resident_memory_bytes", "gauge", "Resident memory of the kiosk process.");
        buf_printf(b, "annai_resident_memory_bytes %ld\n", in->rss_bytes);
    }
}
