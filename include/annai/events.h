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

#endif
