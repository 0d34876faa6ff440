/* events: JSON-lines log of what the kiosk showed and what visitors did, one flushed line each. */
#ifndef ANNAI_EVENTS_H
#define ANNAI_EVENTS_H

#include <stdbool.h>
#include <stdio.h>

typedef struct {
    FILE *f;
    int err;      /* errno of the last write, 0 when it worked (a full disk: ENOSPC) */
    char *path;  /* for events_reopen; NULL for standard output */
    bool gone;   /* the reader of a pipe went away: events are dropped from then on */
} events_t;

int events_open(events_t *e, const char *path); /* NULL path: events off */
void events_close(events_t *e);
/* Opens the file again by its path (after logrotate moved it); keeps the old one on failure. */
void events_reopen(events_t *e);
/* fields: NULL-terminated pairs of key and already-JSON value ("\"x\"" or "3"). */
void events_emit(events_t *e, const char *ev, ...);
/* Quotes s as a JSON string into out (size n). */
void events_quote(char *out, size_t n, const char *s);

/* What the kiosk reports, one function an event: the JSON is formatted here, the kiosk only
 * passes the values (stems, language tags and file names are quoted). */
#define EVENTS_QUOTED_MAX 1024 /* a quoted value longer than this is cut */
void events_emit_start(events_t *e, int panels);
void events_emit_view(events_t *e, const char *stem, int index, const char *lang, const char *via);
void events_emit_lang(events_t *e, const char *lang);
/* state: "play", "stop", "end", "failed" */
void events_emit_narration(events_t *e, const char *state, const char *stem, const char *lang);
void events_emit_a11y(events_t *e, const char *mode, bool on);
/* The deck stems shown now, as a JSON array. */
void events_emit_schedule(events_t *e, const char *const *stems, int n);
void events_emit_screen(events_t *e, bool on);
/* state: "on", "off" */
void events_emit_alert(events_t *e, const char *state, const char *file);
/* kind: "down", "up"; the picture's coordinates, whole pixels */
void events_emit_touch(events_t *e, const char *kind, float x, float y);
/* restart: kiosk.ini changed and waits for a restart */
void events_emit_reload(events_t *e, int panels, bool restart);
void events_emit_reload_failed(events_t *e, const char *error);
void events_emit_problems(events_t *e, int count, const char *first);

#endif
