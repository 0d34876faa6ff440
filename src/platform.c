#define _DEFAULT_SOURCE
#include "annai/platform.h"

#include <SDL2/SDL.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include "annai/ui.h"

uint64_t platform_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Headless frames live in memory of our own, 2 MiB aligned and marked for huge pages: a
 * 1920x1080 frame then costs 4 page faults instead of the 2,025 SDL's window surface takes while
 * it zeroes it (perf: ~4.7 ms of a screenshot run on a VM). Fresh pages are zero already, and
 * every frame is painted in full anyway. Without huge pages this is an ordinary mapping. */
#define HUGE_PAGE ((size_t)2 << 20)

static SDL_Surface *frame_create(int w, int h, void **map, size_t *map_len)
{
    size_t pitch = (size_t)w * 4, size = pitch * (size_t)h;
    size_t len = size + HUGE_PAGE;
    char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) return NULL;
    char *base = (char *)(((uintptr_t)m + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
    size_t head = (size_t)(base - m), tail = len - head - size;
    if (head) munmap(m, head);
    if (tail) munmap(base + size, tail);
#ifdef MADV_HUGEPAGE
    madvise(base, size, MADV_HUGEPAGE);
#endif
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormatFrom(base, w, h, 32, (int)pitch, SDL_PIXELFORMAT_XRGB8888);
    if (!s) { munmap(base, size); return NULL; }
    *map = base;
    *map_len = size;
    return s;
}

int platform_open(platform_t *p, const config_t *cfg, platform_mode_t mode, int w, int h)
{
    memset(p, 0, sizeof *p);
    bool headless = mode != PLATFORM_WINDOW;
    p->headless = headless;
    if (mode != PLATFORM_OFFSCREEN) { /* offscreen: no video driver, no window, no events */
        SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
        SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
        SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
        if (headless) SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
        if (SDL_Init(SDL_INIT_VIDEO) != 0) {
            fprintf(stderr, "annai: cannot start video: %s\n", SDL_GetError());
            return 3;
        }
        Uint32 flags = headless ? SDL_WINDOW_HIDDEN : SDL_WINDOW_SHOWN;
        int x = SDL_WINDOWPOS_CENTERED_DISPLAY(cfg->display), y = x;
        if (!headless && cfg->fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        if (!headless && !cfg->fullscreen) flags |= SDL_WINDOW_RESIZABLE;
        p->win = SDL_CreateWindow("annai", x, y, w, h, flags);
        if (!p->win) {
            fprintf(stderr, "annai: cannot open a window: %s\n", SDL_GetError());
            SDL_Quit();
            return 3;
        }
    }
    if (headless) {
        /* nothing is shown: draw into a frame of our own, not a window surface */
        p->frame = frame_create(w, h, &p->frame_map, &p->frame_len);
        p->r = p->frame ? SDL_CreateSoftwareRenderer(p->frame) : NULL;
    } else {
        p->r = SDL_CreateRenderer(p->win, -1, SDL_RENDERER_PRESENTVSYNC);
        if (!p->r) p->r = SDL_CreateRenderer(p->win, -1, SDL_RENDERER_SOFTWARE);
        SDL_ShowCursor(SDL_DISABLE);
        SDL_DisableScreenSaver();
    }
    if (!p->r) {
        fprintf(stderr, "annai: cannot create a renderer: %s\n", SDL_GetError());
        platform_close(p);
        return 3;
    }
    SDL_RendererInfo info;
    p->soft = SDL_GetRendererInfo(p->r, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE);
    p->rotate = headless ? 0 : cfg->rotate;
    platform_update_size(p);
    return 0;
}

SDL_Surface *platform_soft_surface(platform_t *p)
{
    if (p->frame) return p->frame;
    return p->soft ? SDL_GetWindowSurface(p->win) : NULL;
}

bool platform_can_wait(const platform_t *p)
{
    (void)p;
    const char *d = SDL_GetCurrentVideoDriver();
    return d && (!strcmp(d, "x11") || !strcmp(d, "wayland") || !strcmp(d, "windows") || !strcmp(d, "cocoa"));
}

void platform_update_size(platform_t *p)
{
    SDL_GetRendererOutputSize(p->r, &p->out_w, &p->out_h);
    bool turned = p->rotate == 90 || p->rotate == 270;
    p->w = turned ? p->out_h : p->out_w;
    p->h = turned ? p->out_w : p->out_h;
}

void platform_close(platform_t *p)
{
    if (p->r) SDL_DestroyRenderer(p->r);
    if (p->frame) SDL_FreeSurface(p->frame);
    if (p->frame_map) munmap(p->frame_map, p->frame_len);
    if (p->win) SDL_DestroyWindow(p->win);
    if (SDL_WasInit(SDL_INIT_VIDEO)) SDL_Quit();
    memset(p, 0, sizeof *p);
}

void platform_present(platform_t *p)
{
    SDL_RenderPresent(p->r);
}

void platform_draw_panel(platform_t *p, render_t *rd, engine_t *e, int index, lang_t lang, bool hint)
{
    platform_draw_panel_in(p, rd, e, index, index, e->deck.count, lang, hint);
}

static void frame_begin(platform_t *p, render_t *rd)
{
    render_set_soft_target(rd, platform_soft_surface(p));
    atlas_fit_screen(render_atlas(rd), p->w, p->h);
    atlas_frame(render_atlas(rd));
}

void platform_draw_panel_in(platform_t *p, render_t *rd, engine_t *e, int index, int pos, int count, lang_t lang,
                            bool hint)
{
    engine_set_size(e, p->w, p->h);
    frame_begin(p, rd);
    dlist_t chrome = {0};
    ui_chrome_build(&chrome, &e->metrics, p->w, p->h, count, pos, lang, hint);
    render_dlist(rd, engine_panel(e, index, lang), 0, 0, 1);
    render_dlist(rd, &chrome, 0, 0, 1);
    dlist_free(&chrome);
}

void platform_draw_dlist(platform_t *p, render_t *rd, const dlist_t *dl)
{
    frame_begin(p, rd);
    render_dlist(rd, dl, 0, 0, 1);
}
