/* status: what the operator reads about the kiosk. The admin overlay's lines (version, uptime,
 * content, the last reload, the errors kept from it, the screen and its frame rate, the
 * schedule, files that cannot be written), systemd's STATUS= line, and the frame rate counted
 * from the frames' times. Pure formatting from plain values; the content folder's real path is
 * looked up when the lines are made. */
#ifndef ANNAI_STATUS_H
#define ANNAI_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "annai/diag.h"
#include "annai/health.h"

#define STATUS_LINE_LEN 320
#define STATUS_MAX_ERRORS 8     /* the errors of the last reload kept for the overlay */
#define STATUS_FPS_WINDOW_MS 1000

typedef struct {
    char reload[STATUS_LINE_LEN]; /* "" until the first reload */
    char *errors[STATUS_MAX_ERRORS];
    int nerrors;
    uint64_t fps_t0;
    unsigned fps_frames;
    double fps, draw_ms;
} status_t;

typedef struct {
    uint64_t up_ms;
    const char *content_dir;
    bool notice;              /* no valid panel: visitors see the notice */
    int panels, shown;
    int w, h, rotate;
    bool schedule_set;
    const health_t *health;
} status_info_t;

void status_init(status_t *s, uint64_t now_ms);
void status_free(status_t *s);
/* The first STATUS_MAX_ERRORS of d, in place of those kept before. */
void status_keep_errors(status_t *s, const diag_list_t *d);
/* The last reload: what happened, at the local time of wall_s. */
void status_stamp(status_t *s, int64_t wall_s, const char *what);
/* A frame drawn from t0 to t1 (ms). */
void status_count_frame(status_t *s, uint64_t t0_ms, uint64_t t1_ms);
/* The admin overlay's lines into lines (at most max); returns how many. */
int status_admin_lines(const status_t *s, const status_info_t *in, char lines[][STATUS_LINE_LEN], int max);
/* systemd's STATUS=: the alert on screen (alert_stem), the panel and language shown, or a
 * screen dark by schedule. */
void status_systemd(char *out, size_t n, const char *alert_stem, bool screen_on, int pos, int count, const char *stem,
                    const char *lang);

#endif
