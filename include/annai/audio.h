/* audio: narration playback. An Ogg file (Vorbis through libvorbisfile, or Opus through
 * libopusfile) decoded in SDL's audio callback, a few KiB at a time, so a long narration costs no
 * memory. The device is opened for each narration and closed after it: a kiosk that never plays
 * holds no audio device. A missing or failing device is an error value, never a stop. */
#ifndef ANNAI_AUDIO_H
#define ANNAI_AUDIO_H

#include <stdbool.h>
#include <stddef.h>

typedef struct audio audio_t;

audio_t *audio_create(double volume); /* volume 0..1 */
void audio_destroy(audio_t *a);
/* Starts path from its beginning (stopping what played). Returns 0, or -1 with a message. */
int audio_play(audio_t *a, const char *path, char *err, size_t errlen);
void audio_stop(audio_t *a);
/* True from audio_play until the last sample was handed to the device or audio_stop. */
bool audio_playing(audio_t *a);
/* Seconds of audio in the file (0 when unknown): how long auto-advance may wait at most. */
double audio_length_s(audio_t *a);
/* Samples per channel handed to the device so far (tests: it really played). */
long audio_frames_played(audio_t *a);
/* Checks that path is a narration annai can play (Vorbis or Opus in Ogg). 0, or -1 with a message. */
int audio_probe(const char *path, double *seconds, char *err, size_t errlen);

#endif
