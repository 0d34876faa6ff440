/* narration: which file, playing or not; the audio device at the edge. */
#include "annai/narration.h"

#include <stdio.h>
#include <stdlib.h>
#include "annai/util.h"

#define NAME_MAX_LEN 600

static const char *const narration_exts[] = {"ogg", "opus"};

void narration_init(narration_t *n, double volume)
{
    *n = (narration_t){0};
    n->volume = volume;
    n->index = n->lang = -1;
}

void narration_destroy(narration_t *n)
{
    narration_stop(n);
    audio_destroy(n->audio);
    n->audio = NULL;
}

void narration_forget(narration_t *n) { n->index = -1; }

void narration_find(narration_t *n, int index, int lang, const char *dir, const char *stem, const char *tag)
{
    if (n->index == index && n->lang == lang) return;
    n->index = index;
    n->lang = lang;
    n->path[0] = 0;
    if (index < 0 || !stem) return;
    for (size_t x = 0; x < sizeof narration_exts / sizeof *narration_exts && !n->path[0]; x++) {
        char name[NAME_MAX_LEN];
        snprintf(name, sizeof name, "%s.%s.%s", stem, tag, narration_exts[x]);
        char *path = path_join(dir, name);
        if (path_is_file(path)) snprintf(n->path, sizeof n->path, "%s", path);
        free(path);
    }
}

bool narration_available(const narration_t *n) { return n->path[0] != 0; }

narration_result_t narration_play(narration_t *n, char *err, size_t errlen)
{
    if (!n->path[0]) return NARRATION_NONE;
    if (!n->audio) n->audio = audio_create(n->volume);
    if (!n->audio) {
        snprintf(err, errlen, "no audio");
        return NARRATION_FAILED;
    }
    if (audio_play(n->audio, n->path, err, errlen) != 0) return NARRATION_FAILED;
    n->playing = true;
    return NARRATION_PLAYING;
}

bool narration_stop(narration_t *n)
{
    if (!n->playing) return false;
    audio_stop(n->audio);
    n->playing = false;
    return true;
}

bool narration_elsewhere(const narration_t *n, int index, int lang) { return n->playing && (index != n->index || lang != n->lang); }

bool narration_ended(narration_t *n)
{
    if (!n->playing || audio_playing(n->audio)) return false;
    audio_stop(n->audio);
    n->playing = false;
    return true;
}

int64_t narration_deadline(const narration_t *n) { return n->playing ? NARRATION_POLL_MS : INT64_MAX; }
