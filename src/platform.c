#define _POSIX_C_SOURCE 200809L
#include "annai/platform.h"

#include <SDL2/SDL.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "annai/ui.h"

uint64_t platform_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int platform_open(platform_t *p, const config_t *cfg, bool headless, int w, int h)
{
    memset(p, 0, sizeof *p);
    p->headless = headless;
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
    if (headless) {
        /* render straight into the window surface: no second frame buffer */
        p->r = SDL_CreateSoftwareRenderer(SDL_GetWindowSurface(p->win));
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
    if (p->win) SDL_DestroyWindow(p->win);
    if (SDL_WasInit(SDL_INIT_VIDEO)) SDL_Quit();
    memset(p, 0, sizeof *p);
}

void platform_present(platform_t *p)
{
    SDL_RenderPresent(p->r);
    if (p->headless) SDL_UpdateWindowSurface(p->win);
}

void platform_draw_panel(platform_t *p, render_t *rd, engine_t *e, int index, lang_t lang, bool hint)
{
    engine_set_size(e, p->w, p->h);
    render_set_soft_target(rd, platform_soft_surface(p));
    atlas_fit_screen(render_atlas(rd), p->w, p->h);
    atlas_frame(render_atlas(rd));
    dlist_t chrome = {0};
    ui_chrome_build(&chrome, &e->metrics, p->w, p->h, e->deck.count, index, lang, hint);
    render_dlist(rd, engine_panel(e, index, lang), 0, 0, 1);
    render_dlist(rd, &chrome, 0, 0, 1);
    dlist_free(&chrome);
}
