/* metrics: the kiosk's counters as a Prometheus text file ([log] metrics), for node_exporter's
 * textfile collector: no network listener in the kiosk. Pure: the caller counts, formats and
 * writes the text with health_write_atomic. (metrics_t is layout's font metrics: these are
 * metrics_counters_t.) */
#ifndef ANNAI_METRICS_H
#define ANNAI_METRICS_H

#include <stdbool.h>
#include <stdint.h>
#include "annai/app.h"
#include "annai/health.h"
#include "annai/util.h"

#define METRICS_VIAS (APP_VIA_START + 1)
/* Frame times kept for the quantiles: the last 1,024 frames, minutes of use or hours of
 * attract mode; 4 KiB. */
#define METRICS_FRAME_SAMPLES 1024

typedef struct {
    unsigned long views[METRICS_VIAS];
    unsigned long lang_switches, reloads, reload_failures, screen_offs, screen_ons, frames;
    unsigned long alerts;     /* alerts put on screen (issue 18) */
    double frame_seconds_sum;
    float samples[METRICS_FRAME_SAMPLES];
    int nsamples, next;
} metrics_counters_t;

typedef struct {
    const char *version;
    uint64_t content_hash;
    bool up;                  /* false in the file written at a clean stop */
    int64_t start_ms, last_frame_ms, now_ms; /* wall clock, ms since the epoch */
    int panels;
    bool screen_on;
    long rss_bytes;           /* < 0: unknown (left out) */
    const health_t *health;
    bool alert_on;            /* an alert is on screen now */
} metrics_info_t;

void metrics_count_frame(metrics_counters_t *m, double seconds);
/* The quantile q (0..1) of the kept frame times, nearest rank; 0 with none. */
double metrics_frame_quantile(const metrics_counters_t *m, double q);
/* The whole file in the Prometheus text exposition format into b. */
void metrics_format(buf_t *b, const metrics_counters_t *m, const metrics_info_t *info);
/* This process's resident set from /proc/self/statm, or -1. */
long metrics_rss_bytes(void);

#endif
