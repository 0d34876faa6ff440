/* audio: Ogg Vorbis/Opus narration into SDL audio. */
#include "annai/audio.h"

#include <SDL.h>
#include <errno.h>
#include <fcntl.h>
#include <opusfile.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vorbis/vorbisfile.h>

#define AUDIO_BUFFER_FRAMES 4096 /* ~90 ms at 44.1 kHz: short enough to stop at once */
#define OPUS_RATE 48000          /* libopusfile always decodes at 48 kHz */
#define MAX_CHANNELS 8

typedef enum { CODEC_NONE, CODEC_VORBIS, CODEC_OPUS } codec_t;

typedef struct {
    codec_t codec;
    OggVorbis_File vf;
    OggOpusFile *of;
    int rate, channels;
    double seconds;
} decoder_t;

struct audio {
    double volume;
    decoder_t dec;
    SDL_AudioDeviceID dev;
    bool sdl_audio;            /* SDL's audio subsystem is up */
    atomic_bool done;          /* the decoder reached the end */
    atomic_long frames;
};

/* ---- decoding ---- */

/* Only regular files: a FIFO or a device named like a narration must not block the kiosk. */
static int open_regular(const char *path, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s: %s", path, fd < 0 ? strerror(errno) : "not a regular file");
        if (fd >= 0) close(fd);
        return -1;
    }
    return fd;
}

static bool is_opus(int fd)
{
    char head[64] = {0};
    ssize_t n = pread(fd, head, sizeof head, 0);
    for (ssize_t i = 0; i + 8 <= n; i++)
        if (memcmp(head + i, "OpusHead", 8) == 0) return true;
    return false;
}

static int open_vorbis(decoder_t *d, int fd)
{
    FILE *f = fdopen(fd, "rb");
    if (!f) { close(fd); return -1; }
    if (ov_open(f, &d->vf, NULL, 0) != 0) { fclose(f); return -1; } /* from here ov_clear closes f */
    vorbis_info *vi = ov_info(&d->vf, -1);
    double t = ov_time_total(&d->vf, -1);
    *d = (decoder_t){CODEC_VORBIS, d->vf, NULL, (int)vi->rate, vi->channels, t > 0 ? t : 0};
    return 0;
}

static int open_opus(decoder_t *d, int fd)
{
    OpusFileCallbacks cb;
    void *src = op_fdopen(&cb, fd, "rb");
    if (!src) { close(fd); return -1; }
    int e = 0;
    d->of = op_open_callbacks(src, &cb, NULL, 0, &e);
    if (!d->of) { cb.close(src); return -1; } /* on success op_free closes it */
    ogg_int64_t n = op_pcm_total(d->of, -1);
    d->codec = CODEC_OPUS;
    d->rate = OPUS_RATE;
    d->channels = op_channel_count(d->of, -1);
    d->seconds = n > 0 ? (double)n / OPUS_RATE : 0;
    return 0;
}

static void decoder_close(decoder_t *d);

static int decoder_open(decoder_t *d, const char *path, char *err, size_t errlen)
{
    *d = (decoder_t){0};
    int fd = open_regular(path, err, errlen);
    if (fd < 0) return -1;
    if ((is_opus(fd) ? open_opus(d, fd) : open_vorbis(d, fd)) != 0) {
        snprintf(err, errlen, "%s: not Ogg Vorbis or Opus", path);
        return -1;
    }
    if (d->channels < 1 || d->channels > MAX_CHANNELS || d->rate < 8000 || d->rate > 192000) {
        snprintf(err, errlen, "%s: %d channels at %d Hz is not a narration", path, d->channels, d->rate);
        decoder_close(d);
        return -1;
    }
    return 0;
}

static void decoder_close(decoder_t *d)
{
    if (d->codec == CODEC_VORBIS) ov_clear(&d->vf);
    if (d->codec == CODEC_OPUS) op_free(d->of);
    *d = (decoder_t){0};
}

/* Up to n bytes of interleaved 16-bit samples; 0 at the end or on a broken stream. */
static int decoder_read(decoder_t *d, int16_t *out, int n)
{
    if (d->codec == CODEC_VORBIS) {
        int section;
        long got = ov_read(&d->vf, (char *)out, n, SDL_BYTEORDER == SDL_BIG_ENDIAN, 2, 1, &section);
        return got == OV_HOLE ? decoder_read(d, out, n) : got > 0 ? (int)got : 0;
    }
    int frames = op_read(d->of, out, n / 2, NULL);
    return frames > 0 ? frames * d->channels * 2 : 0;
}

/* ---- playback ---- */

static void scale(int16_t *s, int n, double volume)
{
    if (volume >= 1.0) return;
    for (int i = 0; i < n; i++) s[i] = (int16_t)(s[i] * volume);
}

/* SDL's audio thread: decode straight into the device's buffer; silence after the end. */
static void callback(void *ud, Uint8 *stream, int len)
{
    audio_t *a = ud;
    int filled = 0;
    while (filled < len && !atomic_load(&a->done)) {
        int got = decoder_read(&a->dec, (int16_t *)(stream + filled), len - filled);
        if (got <= 0) { atomic_store(&a->done, true); break; }
        scale((int16_t *)(stream + filled), got / 2, a->volume);
        filled += got;
    }
    atomic_fetch_add(&a->frames, filled / (2 * (a->dec.channels ? a->dec.channels : 1)));
    if (filled < len) memset(stream + filled, 0, (size_t)(len - filled));
}

audio_t *audio_create(double volume)
{
    audio_t *a = calloc(1, sizeof *a);
    if (!a) return NULL;
    a->volume = volume < 0 ? 0 : volume > 1 ? 1 : volume;
    atomic_init(&a->done, true);
    atomic_init(&a->frames, 0);
    return a;
}

void audio_stop(audio_t *a)
{
    if (!a) return;
    if (a->dev) SDL_CloseAudioDevice(a->dev); /* waits for the callback to return */
    a->dev = 0;
    decoder_close(&a->dec);
    atomic_store(&a->done, true);
}

void audio_destroy(audio_t *a)
{
    if (!a) return;
    audio_stop(a);
    if (a->sdl_audio) SDL_QuitSubSystem(SDL_INIT_AUDIO);
    free(a);
}

static int device_open(audio_t *a, char *err, size_t errlen)
{
    if (!a->sdl_audio && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        snprintf(err, errlen, "no audio: %s", SDL_GetError());
        return -1;
    }
    a->sdl_audio = true;
    SDL_AudioSpec want = {.freq = a->dec.rate, .format = AUDIO_S16SYS, .channels = (Uint8)a->dec.channels,
                          .samples = AUDIO_BUFFER_FRAMES, .callback = callback, .userdata = a};
    a->dev = SDL_OpenAudioDevice(NULL, 0, &want, NULL, 0); /* SDL converts to what the device takes */
    if (!a->dev) {
        snprintf(err, errlen, "cannot open the audio device: %s", SDL_GetError());
        return -1;
    }
    return 0;
}

int audio_play(audio_t *a, const char *path, char *err, size_t errlen)
{
    audio_stop(a);
    if (decoder_open(&a->dec, path, err, errlen) != 0) return -1;
    atomic_store(&a->frames, 0);
    atomic_store(&a->done, false);
    if (device_open(a, err, errlen) != 0) { audio_stop(a); return -1; }
    SDL_PauseAudioDevice(a->dev, 0);
    return 0;
}

bool audio_playing(audio_t *a) { return a && a->dev && !atomic_load(&a->done); }
double audio_length_s(audio_t *a) { return a ? a->dec.seconds : 0; }
long audio_frames_played(audio_t *a) { return a ? atomic_load(&a->frames) : 0; }

int audio_probe(const char *path, double *seconds, char *err, size_t errlen)
{
    decoder_t d;
    if (decoder_open(&d, path, err, errlen) != 0) return -1;
    if (seconds) *seconds = d.seconds;
    decoder_close(&d);
    return 0;
}
