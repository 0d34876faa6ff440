/* alert: the alert folder ([alert] dir). Files like panels (title, text, optional until:),
 * twins per language (NAME.md, NAME.en.md). Parse and pick are pure; the watch is the edge
 * (inotify on the folder, a poll of its fingerprint when inotify cannot watch it). */
#ifndef ANNAI_ALERT_H
#define ANNAI_ALERT_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include "annai/config.h"
#include "annai/lang.h"
#include "annai/timeplan.h"
#include "annai/util.h"

#define ALERT_POLL_MS 500             /* the fallback poll: an alert shows within 1 s either way */
#define ALERT_MAX_FILES 64
#define ALERT_MAX_BYTES (64 * 1024)   /* an alert longer than this is cut (and reported) */

typedef struct {
    char *stem, *path;                 /* path: the first file found of the alert, for events */
    char *title[LANG_MAX], *text[LANG_MAX]; /* NULL: no file in that language */
    timeplan_t plan;                   /* until: (and from:) of the Japanese file, else the first */
    int64_t issued;                    /* newest mtime of its files, wall seconds */
    bool broken;                       /* some file did not parse: shown as plain lines */
} alert_msg_t;

typedef struct {
    alert_msg_t *items;
    int count, cap;
    const langset_t *langs; /* the deck's languages (NULL: ja, en); twins in others are left out */
} alert_set_t;

typedef enum { ALERT_SAME, ALERT_ON, ALERT_OFF, ALERT_SWITCH } alert_change_t;

typedef struct {
    char *stem, *file; /* the alert on screen (its twins are one alert), NULL: none */
} alert_state_t;

typedef void (*alert_wake_fn)(void *ud);

typedef struct {
    char *dir;
    int fd, wd;         /* inotify; wd < 0: polling */
    uint64_t sig, next_poll;
    /* the waker: a thread that sleeps on the inotify descriptor and calls wake, so that a
     * loop sleeping in SDL_WaitEventTimeout (which cannot wait on a descriptor) wakes at once */
    int stop[2];
    bool waker;
    pthread_t waker_thread;
    alert_wake_fn wake;
    void *wake_ud;
} alert_watch_t;

/* Adds one file's text (language from its name) to set; problems go to diags as path:line. A
 * file that does not parse still gives its title and text as plain lines: withholding an
 * emergency message is worse than showing it plain. */
void alert_add_file(alert_set_t *set, const char *path, const char *data, size_t len, int64_t mtime,
                    diag_list_t *diags);
/* Reads every *.md file of dir (edge). A missing folder is no alert, and no problem. */
void alert_set_load(alert_set_t *set, const langset_t *langs, const char *dir, diag_list_t *diags);
void alert_set_free(alert_set_t *set);
/* The alert to show at c: the newest one in its from/until; -1: none. */
int alert_pick(const alert_set_t *set, const timeplan_civil_t *c);
/* The language of a file name as for panels: NAME.md the deck's first language, NAME.TAG.md
 * that language; -1 for a language the deck does not show. */
lang_t alert_lang_of(const langset_t *langs, const char *name, size_t *stem_len);

/* Moves state to what is shown now (msg NULL: nothing). *was gets the file that went off
 * (caller frees), for the off event of a switch. */
alert_change_t alert_state_update(alert_state_t *st, const alert_msg_t *msg, char **was);
void alert_state_free(alert_state_t *st);

void alert_watch_open(alert_watch_t *w, const char *dir, uint64_t now);
/* True when the folder may have changed since the last call: read it again. */
bool alert_watch_changed(alert_watch_t *w, uint64_t now);
int64_t alert_watch_deadline(const alert_watch_t *w, uint64_t now);
void alert_watch_close(alert_watch_t *w);
/* Starts the waker (only with inotify). wake runs on the waker's thread: it must be
 * thread-safe (SDL_PushEvent is). */
void alert_watch_wake(alert_watch_t *w, alert_wake_fn wake, void *ud);

#endif
