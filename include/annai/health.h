/* health: what a watchdog or a fleet reads to know the screen is really drawing. The heartbeat
 * (JSON naming the panel, language, last frame and content), files replaced atomically, write
 * failures said once per kind, and the content hash that names the deck on screen. */
#ifndef ANNAI_HEALTH_H
#define ANNAI_HEALTH_H

#include <stdbool.h>
#include <stdint.h>
#include "annai/panel.h"
#include "annai/util.h"

typedef enum { HEALTH_EVENTS, HEALTH_HEARTBEAT, HEALTH_METRICS, HEALTH_KINDS } health_kind_t;

#define HEALTH_MSG_LEN 160

/* Which files the kiosk cannot write, each said once when it starts failing and once when it
 * works again: a full disk fails every write, and a line per write would fill the journal. */
typedef struct {
    int err[HEALTH_KINDS];                 /* errno of the failure going on, 0: fine */
    unsigned long failures[HEALTH_KINDS];  /* failed writes since start */
    char msg[HEALTH_KINDS][HEALTH_MSG_LEN];/* "heartbeat: /run/annai/heartbeat: No space left on device" */
} health_t;

const char *health_kind_name(health_kind_t k);
/* Records the result of one write of kind (err 0: it worked). Returns true when the state
 * changed (the caller shows it); the message goes to stderr then, and only then. */
bool health_record(health_t *h, health_kind_t k, const char *path, int err);
/* The failures going on now, "; "-separated, for the admin overlay; "" when all is well. */
void health_describe(const health_t *h, char *out, size_t n);
bool health_failing(const health_t *h);

/* Replaces path with data through a temporary file in the same folder and rename(2), so a
 * reader sees the old file or the new one, never an empty or half-written one. Returns 0 or an
 * errno (the old file is left as it was). */
int health_write_atomic(const char *path, const char *data, size_t len);

/* A hash of the deck (64-bit FNV-1a): every byte of each panel file, the size and both ends of
 * each image. The same content gives the same hash on every screen, whatever its file times
 * or folder. */
uint64_t health_content_hash(const deck_t *deck);

typedef struct {
    const char *state;        /* "running" or "stopped" (a clean stop: not a frozen screen) */
    int64_t now_ms;           /* wall clock, ms since the epoch */
    int64_t last_frame_ms;    /* wall clock of the last presented frame; 0: none yet */
    const char *panel;        /* stem on screen */
    int index;                /* 0-based */
    const char *lang;
    bool screen_on;
    uint64_t content_hash;
    int64_t pid;
} heartbeat_t;

/* One JSON object and a newline into b. */
void health_heartbeat_json(buf_t *b, const heartbeat_t *hb, const health_t *h);

#endif
