#define _DEFAULT_SOURCE
#include "annai/shot.h"

#include <SDL2/SDL.h>
#include <png.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <ctype.h>

/* A screenshot is a PNG of the frame: RGB, no filter (flat panels compress better without one),
 * zlib at level 1 (the default level took ~150 ms of a 1080p run). Deflate was still ~60% of a
 * one-panel screenshot (perf), so the rows are cut into bands that are deflated on all cores, each
 * band its own run of deflate blocks ended by a sync flush: run one after another they are one
 * deflate stream (pigz does the same), and the bands' Adler-32 sums are combined into the
 * stream's. libpng writes the header and the chunks around the deflated bytes. */
#define SHOT_BANDS 16
#define SHOT_THREADS 4

typedef struct {
    const uint8_t *px;  /* the frame, 32-bit XRGB */
    int pitch, w, h;
    int level;
    int threads;
    int bands;          /* SHOT_BANDS, or fewer on a frame of fewer rows */
    struct band {
        int y0, y1;
        uint8_t *out;
        size_t len;
        uLong adler;
        int failed;
    } band[SHOT_BANDS];
} job_t;

typedef struct {
    job_t *job;
    int first;
} worker_t;

/* Rows y0..y1 as PNG scanlines (filter byte 0, then R G B), deflated without a header; the last
 * band finishes the stream, the others end in a sync flush so that the next one can follow. */
static void deflate_band(job_t *j, struct band *b, bool last)
{
    size_t row = (size_t)j->w * 3 + 1;
    uint8_t *line = malloc(row);
    z_stream z;
    memset(&z, 0, sizeof z);
    if (!line || deflateInit2(&z, j->level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        free(line);
        b->failed = 1;
        return;
    }
    size_t cap = deflateBound(&z, (uLong)(row * (size_t)(b->y1 - b->y0))) + 16;
    b->out = malloc(cap);
    b->adler = adler32(0, NULL, 0);
    z.next_out = b->out;
    z.avail_out = (uInt)cap;
    for (int y = b->y0; y < b->y1 && b->out; y++) {
        const uint32_t *src = (const uint32_t *)(j->px + (size_t)y * (size_t)j->pitch);
        line[0] = 0;
        for (int x = 0; x < j->w; x++) {
            uint32_t p = src[x];
            line[1 + x * 3] = (uint8_t)(p >> 16);
            line[2 + x * 3] = (uint8_t)(p >> 8);
            line[3 + x * 3] = (uint8_t)p;
        }
        b->adler = adler32(b->adler, line, (uInt)row);
        z.next_in = line;
        z.avail_in = (uInt)row;
        int flush = y + 1 < b->y1 ? Z_NO_FLUSH : last ? Z_FINISH : Z_SYNC_FLUSH;
        int rc = deflate(&z, flush);
        if (rc == Z_STREAM_ERROR || z.avail_in != 0 || (flush == Z_FINISH && rc != Z_STREAM_END)) {
            b->failed = 1;
            break;
        }
    }
    if (!b->out) b->failed = 1;
    b->len = cap - z.avail_out;
    deflateEnd(&z);
    free(line);
}

/* Worker i takes bands i, i + threads, ...: text and blank space are spread over the rows
 * unevenly, interleaving evens the work out. */
static void *worker(void *arg)
{
    worker_t *wk = arg;
    job_t *j = wk->job;
    for (int i = wk->first; i < j->bands; i += j->threads) deflate_band(j, &j->band[i], i == j->bands - 1);
    return NULL;
}

static void run_bands(job_t *j)
{
    int n = SDL_GetCPUCount();
    j->threads = n < 1 ? 1 : n > SHOT_THREADS ? SHOT_THREADS : n;
    j->bands = j->h < SHOT_BANDS ? j->h : SHOT_BANDS;
    for (int i = 0; i < j->bands; i++) {
        j->band[i].y0 = (int)((long)j->h * i / j->bands);
        j->band[i].y1 = (int)((long)j->h * (i + 1) / j->bands);
    }
    pthread_t th[SHOT_THREADS];
    worker_t wk[SHOT_THREADS];
    int started = 1;
    for (int t = 0; t < j->threads; t++) wk[t] = (worker_t){j, t};
    for (int t = 1; t < j->threads; t++, started++)
        if (pthread_create(&th[t], NULL, worker, &wk[t]) != 0) break;
    worker(&wk[0]);
    for (int t = 1; t < started; t++) pthread_join(th[t], NULL);
    for (int t = started; t < j->threads; t++) worker(&wk[t]); /* a thread that did not start */
}

static int write_png(FILE *f, job_t *j)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return -1;
    }
    png_init_io(png, f);
    png_set_IHDR(png, info, (png_uint_32)j->w, (png_uint_32)j->h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    /* the zlib header (deflate, 32 KiB window, fastest), the bands, the Adler-32 of all rows */
    static const png_byte zhead[2] = {0x78, 0x01};
    png_byte tail[4];
    uLong adler = j->band[0].adler;
    size_t row = (size_t)j->w * 3 + 1;
    for (int i = 1; i < j->bands; i++)
        adler = adler32_combine(adler, j->band[i].adler, (z_off_t)(row * (size_t)(j->band[i].y1 - j->band[i].y0)));
    for (int k = 0; k < 4; k++) tail[k] = (png_byte)(adler >> (24 - 8 * k));
    png_write_chunk(png, (png_const_bytep) "IDAT", zhead, sizeof zhead);
    for (int i = 0; i < j->bands; i++)
        if (j->band[i].len) png_write_chunk(png, (png_const_bytep) "IDAT", j->band[i].out, j->band[i].len);
    png_write_chunk(png, (png_const_bytep) "IDAT", tail, sizeof tail);
    png_write_chunk(png, (png_const_bytep) "IEND", NULL, 0);
    png_destroy_write_struct(&png, &info);
    return 0;
}

int shot_save_png(struct SDL_Renderer *r, struct SDL_Surface *frame, const char *path)
{
    job_t j;
    memset(&j, 0, sizeof j);
    j.level = 1;
    uint8_t *copy = NULL;
    if (frame && frame->format->format == SDL_PIXELFORMAT_XRGB8888 && !SDL_MUSTLOCK(frame)) {
        j.px = frame->pixels;
        j.pitch = frame->pitch;
        j.w = frame->w;
        j.h = frame->h;
    } else {
        /* another renderer: read the output back once */
        if (SDL_GetRendererOutputSize(r, &j.w, &j.h) != 0 || j.w <= 0 || j.h <= 0) return -1;
        copy = malloc((size_t)j.w * (size_t)j.h * 4);
        if (!copy || SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_XRGB8888, copy, j.w * 4) != 0) {
            free(copy);
            return -1;
        }
        j.px = copy;
        j.pitch = j.w * 4;
    }
    run_bands(&j);
    int rc = 0;
    for (int i = 0; i < j.bands; i++)
        if (j.band[i].failed) rc = -1;
    FILE *f = rc ? NULL : fopen(path, "wb");
    if (!rc && !f) rc = -1;
    if (f) {
        if (write_png(f, &j) != 0) rc = -1;
        if (fclose(f) != 0) rc = -1;
    }
    for (int i = 0; i < SHOT_BANDS; i++) free(j.band[i].out);
    free(copy);
    return rc;
}

void shot_file_name(char *out, size_t n, const char *dir, int index, const char *stem)
{
    const char *p = stem;
    long num = 0;
    while (isdigit((unsigned char)*p) && p - stem < 9) num = num * 10 + (*p++ - '0');
    bool same = p > stem && num == index + 1 && (*p == '-' || *p == '_' || *p == ' ') && p[1];
    snprintf(out, n, "%s/%02d-%s.png", dir, index + 1, same ? p + 1 : stem);
}
