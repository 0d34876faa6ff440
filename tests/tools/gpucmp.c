/* The GPU path against the software path, pixel by pixel: every bundled panel in both
 * languages, then slides and crossfades between panels at several points of the transition,
 * drawn once by SDL's GL renderer in a window (DISPLAY, Mesa under Xvfb) and once by the
 * software renderer into a frame in memory. Prints one line per frame that differs and a
 * summary; exit 1 when a frame has more than MAX_BAD_PERMILLE of its pixels off by more than
 * TOLERANCE in a channel. With --keep DIR, the pictures of the failing frames are written there.
 *   gpucmp W H [--keep DIR]
 * Run by tests/e2e/gpu.sh. */
#include <SDL2/SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "annai/engine.h"
#include "annai/platform.h"
#include "annai/shot.h"
#include "annai/ui.h"

#define TOLERANCE 4          /* per channel, of 255: GL and our blender round differently (worst seen: 3) */
#define MAX_BAD_PERMILLE 1   /* of a frame's pixels, for another Mesa rounding a glyph edge apart */

typedef struct {
    platform_t p;
    render_t *rd;
    uint32_t *px; /* the last frame read back, XRGB8888 */
} side_t;

typedef struct { int a, b; float t; bool fade; } frame_t;

static void draw(side_t *s, engine_t *e, const frame_t *f, lang_t lang)
{
    render_set_soft_target(s->rd, platform_soft_surface(&s->p));
    atlas_fit_screen(render_atlas(s->rd), s->p.w, s->p.h);
    atlas_frame(render_atlas(s->rd));
    const dlist_t *a = engine_panel(e, f->a, lang);
    if (f->b < 0) {
        render_dlist(s->rd, a, 0, 0, 1);
    } else if (f->fade) {
        render_crossfade(s->rd, a, engine_panel(e, f->b, lang), f->t);
    } else { /* a slide to the next panel, as the kiosk draws it: both panels moving */
        float off = -f->t * (float)s->p.w;
        render_dlist(s->rd, a, off, 0, 1);
        render_dlist(s->rd, engine_panel(e, f->b, lang), off + (float)s->p.w, 0, 1);
    }
    dlist_t chrome = {0};
    ui_chrome_build(&chrome, engine_metrics(e, lang), s->p.w, s->p.h, e->deck.count, f->a, &e->cfg.langs.info[lang],
                    engine_nlangs(e) > 1, false);
    render_dlist(s->rd, &chrome, 0, 0, 1);
    layout_dlist_free(&chrome);
}

static int read_back(side_t *s)
{
    int w = s->p.out_w;
    return SDL_RenderReadPixels(s->p.r, NULL, SDL_PIXELFORMAT_XRGB8888, s->px, w * 4);
}

static long count_bad(const uint32_t *a, const uint32_t *b, long n, int *worst)
{
    long bad = 0;
    *worst = 0;
    for (long i = 0; i < n; i++) {
        int d = 0;
        for (int sh = 0; sh <= 16; sh += 8) {
            int c = abs((int)((a[i] >> sh) & 0xFF) - (int)((b[i] >> sh) & 0xFF));
            if (c > d) d = c;
        }
        if (d > TOLERANCE) bad++;
        if (d > *worst) *worst = d;
    }
    return bad;
}

static void keep(const char *dir, const char *name, side_t *s)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.png", dir, name);
    shot_save_png(s->p.r, NULL, path);
}

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: gpucmp W H [--keep DIR]\n"); return 2; }
    int w = atoi(argv[1]), h = atoi(argv[2]);
    const char *keep_dir = argc >= 5 && !strcmp(argv[3], "--keep") ? argv[4] : NULL;
    config_t cfg;
    config_defaults(&cfg);
    cfg.content_dir = mem_strdup("content");
    cfg.fullscreen = false;
    cfg.renderer = CONFIG_RENDERER_GPU;
    diag_list_t d = {0};
    engine_t e;
    if (engine_open(&e, &cfg, "fonts", &d) != 0) return 3;
    engine_set_size(&e, w, h);
    side_t gpu = {0}, soft = {0};
    if (platform_open(&gpu.p, &cfg, PLATFORM_WINDOW, w, h) != 0) return 3;
    if (gpu.p.renderer != CONFIG_RENDERER_GPU) { fprintf(stderr, "gpucmp: no GL renderer here\n"); return 3; }
    if (platform_open(&soft.p, &cfg, PLATFORM_OFFSCREEN, w, h) != 0) return 3;
    if (gpu.p.out_w != w || gpu.p.out_h != h) { fprintf(stderr, "gpucmp: window is %dx%d\n", gpu.p.out_w, gpu.p.out_h); return 3; }
    SDL_RendererInfo info;
    SDL_GetRendererInfo(gpu.p.r, &info);
    gpu.rd = render_create(gpu.p.r, e.fonts);
    soft.rd = render_create(soft.p.r, e.fonts);
    gpu.px = malloc((size_t)w * (size_t)h * 4);
    soft.px = malloc((size_t)w * (size_t)h * 4);
    int frames = 0, failed = 0, worst_all = 0;
    long bad_all = 0;
    for (int l = 0; l < engine_nlangs(&e); l++) {
        for (int i = 0; i < e.deck.count; i++) {
            frame_t still = {i, -1, 0, false};
            frame_t moving[] = {{i, (i + 1) % e.deck.count, 0.3f, false}, {i, (i + 1) % e.deck.count, 0.71f, false},
                                {i, (i + 1) % e.deck.count, 0.5f, true}, {i, (i + 1) % e.deck.count, 0.2f, true}};
            const frame_t *fs[5] = {&still, &moving[0], &moving[1], &moving[2], &moving[3]};
            /* every panel still in every language; the transitions from every third panel of the
             * first two (they share the code, whatever the face) */
            int n = i % 3 == 0 && l < 2 ? 5 : 1;
            for (int k = 0; k < n; k++) {
                draw(&gpu, &e, fs[k], (lang_t)l);
                draw(&soft, &e, fs[k], (lang_t)l);
                if (read_back(&gpu) != 0 || read_back(&soft) != 0) { fprintf(stderr, "gpucmp: read back: %s\n", SDL_GetError()); return 3; }
                int worst;
                long bad = count_bad(gpu.px, soft.px, (long)w * h, &worst);
                frames++;
                bad_all += bad;
                if (worst > worst_all) worst_all = worst;
                bool over = bad * 1000 > (long)w * h * MAX_BAD_PERMILLE;
                if (bad) printf("%s panel %d%s%s t=%.2f: %ld pixels off by more than %d (worst %d)%s\n", lang_tag(&e.cfg.langs, (lang_t)l), i + 1,
                                fs[k]->b < 0 ? "" : fs[k]->fade ? " crossfade" : " slide", "", fs[k]->t, bad, TOLERANCE, worst, over ? "  FAIL" : "");
                if (over && keep_dir) {
                    char name[64];
                    snprintf(name, sizeof name, "%s-%02d-%d-gpu", lang_tag(&e.cfg.langs, (lang_t)l), i + 1, k);
                    keep(keep_dir, name, &gpu);
                    name[strlen(name) - 3] = 0;
                    strcat(name, "soft");
                    keep(keep_dir, name, &soft);
                }
                failed += over;
                platform_present(&gpu.p);
            }
        }
    }
    printf("gpucmp: %s renderer, %d frames at %dx%d, %d over %d permille, %ld pixels beyond %d, worst %d\n", info.name,
           frames, w, h, failed, MAX_BAD_PERMILLE, bad_all, TOLERANCE, worst_all);
    free(gpu.px);
    free(soft.px);
    render_destroy(gpu.rd);
    render_destroy(soft.rd);
    platform_close(&soft.p);
    platform_close(&gpu.p);
    engine_close(&e);
    config_free(&cfg);
    diag_clear(&d);
    return failed ? 1 : 0;
}
