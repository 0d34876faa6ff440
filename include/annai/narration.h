/* narration: the current panel's recorded reading (NAME.TAG.ogg or .opus next to the panel) and
 * whether it plays. The decisions are pure (is there one, does a change of panel or language
 * stop it, has it ended); the file lookup and the audio device are the edge. A missing or
 * failing audio device is reported to the caller; the kiosk goes on without sound. */
#ifndef ANNAI_NARRATION_H
#define ANNAI_NARRATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "annai/audio.h"

#define NARRATION_PATH_MAX 1024
#define NARRATION_POLL_MS 100 /* while narration plays the loop looks for its end this often */

typedef enum { NARRATION_PLAYING, NARRATION_NONE, NARRATION_FAILED } narration_result_t;

typedef struct {
    audio_t *audio;                /* opened on the first play */
    double volume;
    char path[NARRATION_PATH_MAX]; /* the panel's narration, "" when it has none */
    int index, lang;               /* the panel (deck index) and language path belongs to; -1: none yet */
    bool playing;
} narration_t;

void narration_init(narration_t *n, double volume);
void narration_destroy(narration_t *n);
/* Forget the lookup (the deck or the screen changed). */
void narration_forget(narration_t *n);
/* Edge: the narration of the deck's panel index (stem in dir) in language lang (tag), looked
 * up only when the panel or the language changed. index < 0: none. */
void narration_find(narration_t *n, int index, int lang, const char *dir, const char *stem, const char *tag);
bool narration_available(const narration_t *n);
/* Edge: starts the narration found; err says why it failed. */
narration_result_t narration_play(narration_t *n, char *err, size_t errlen);
/* True when it was playing (and stops now). */
bool narration_stop(narration_t *n);
/* Pure: another panel or language is on screen than the one playing. */
bool narration_elsewhere(const narration_t *n, int index, int lang);
/* True when it played out (it is stopped then). */
bool narration_ended(narration_t *n);
/* ms until the loop looks for the end again (INT64_MAX when nothing plays). */
int64_t narration_deadline(const narration_t *n);

#endif
