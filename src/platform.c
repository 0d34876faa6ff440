#define _DEFAULT_SOURCE
#include "annai/platform.h"

#include <SDL2/SDL.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <time.h>
#include "annai/gpu.h"
#include "annai/util.h"

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

/* Said when no driver can show the kiosk: what an operator can do about it. */
#define NO_DISPLAY_ADVICE \
    "  on a console without X: SDL_VIDEODRIVER=kmsdrm, as a user in the video and input groups\n" \
    "    (the packaged systemd unit does both: systemctl enable --now annai)\n" \
    "  on a desktop: DISPLAY (X11) or WAYLAND_DISPLAY naming the screen to use\n" \
    "  without a screen: annai --screenshot DIR renders every panel to PNG files\n"

static int no_display(const char *why)
{
    LOG(LOG_ERROR, "platform", "no display to show the kiosk on (%s)\n" NO_DISPLAY_ADVICE, why);
    return 3;
}

/* SDL 2.26 falls back to its offscreen driver when no real one starts (no DISPLAY, no access to
 * /dev/dri): the kiosk would then run forever and show nothing. A driver that shows nothing is
 * taken only when SDL_VIDEODRIVER names it. */
static bool driver_shows_nothing(const char *d)
{
    return !d || !strcmp(d, "offscreen") || !strcmp(d, "dummy");
}

static int video_start(void)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0) return no_display(SDL_GetError());
    const char *d = SDL_GetCurrentVideoDriver(), *asked = SDL_getenv("SDL_VIDEODRIVER");
    if (driver_shows_nothing(d) && !(d && asked && !strcasecmp(asked, d))) {
        char why[96];
        snprintf(why, sizeof why, "SDL found only its '%s' driver, which draws nowhere", d ? d : "?");
        SDL_Quit();
        return no_display(why);
    }
    return 0;
}

/* Fullscreen takes the display's real size: without a window manager (an xinit kiosk) nobody
 * honours the fullscreen request, and the window would stay at its asked-for size. */
static SDL_Rect window_rect(const config_t *cfg, int w, int h)
{
    SDL_Rect r = {SDL_WINDOWPOS_CENTERED_DISPLAY(cfg->display), SDL_WINDOWPOS_CENTERED_DISPLAY(cfg->display), w, h};
    SDL_Rect b;
    if (cfg->fullscreen && SDL_GetDisplayBounds(cfg->display, &b) == 0) r = b;
    return r;
}

/* The software path must not load GL: SDL backs an X11 window's surface with a GL texture
 * unless framebuffer acceleration is off (Mesa's llvmpipe: ~100 MB resident for nothing). Only
 * X11 has a framebuffer of its own (XShm); KMSDRM and Wayland show software frames through GL. */
static renderer_kind_t renderer_pick(const config_t *cfg)
{
    char gpu[64] = "none";
    bool real = cfg->renderer == CONFIG_RENDERER_AUTO && gpu_probe(GPU_SYSFS_DRM, gpu, sizeof gpu);
    renderer_kind_t k = gpu_choose(cfg->renderer, real);
    const char *d = SDL_GetCurrentVideoDriver();
    if (k == CONFIG_RENDERER_SOFTWARE && d && !strcmp(d, "x11")) SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    LOG(LOG_INFO, "platform", "video %s, renderer %s (asked %s, GPU %s)", d ? d : "?", gpu_renderer_name(k),
         gpu_renderer_name(cfg->renderer), gpu);
    return k;
}

static SDL_Renderer *renderer_open(SDL_Window *win, renderer_kind_t k)
{
    if (k == CONFIG_RENDERER_GPU) {
        SDL_Renderer *r = SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
        if (r) return r;
        LOG(LOG_WARN, "platform", "no GPU renderer (%s): drawing in software", SDL_GetError());
    }
    return SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
}

static int window_open(platform_t *p, const config_t *cfg, bool headless, int w, int h)
{
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    if (headless) SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    int rc = headless ? (SDL_Init(SDL_INIT_VIDEO) ? no_display(SDL_GetError()) : 0) : video_start();
    if (rc) return rc;
    p->owns_video = true;
    Uint32 flags = headless ? SDL_WINDOW_HIDDEN : SDL_WINDOW_SHOWN;
    p->renderer = headless ? CONFIG_RENDERER_SOFTWARE : renderer_pick(cfg);
    if (p->renderer == CONFIG_RENDERER_GPU) flags |= SDL_WINDOW_OPENGL;
    if (!headless) flags |= cfg->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE;
    SDL_Rect r = headless ? (SDL_Rect){0, 0, w, h} : window_rect(cfg, w, h);
    p->win = SDL_CreateWindow("annai", r.x, r.y, r.w, r.h, flags);
    if (!p->win) {
        LOG(LOG_ERROR, "platform", "cannot open a window: %s", SDL_GetError());
        return 3;
    }
    return 0;
}

int platform_open(platform_t *p, const config_t *cfg, platform_mode_t mode, int w, int h)
{
    memset(p, 0, sizeof *p);
    bool headless = mode != PLATFORM_WINDOW;
    p->headless = headless;
    p->renderer = CONFIG_RENDERER_SOFTWARE;
    if (mode != PLATFORM_OFFSCREEN) { /* offscreen: no video driver, no window, no events */
        int rc = window_open(p, cfg, headless, w, h);
        if (rc) { platform_close(p); return rc; }
    }
    if (headless) {
        /* nothing is shown: draw into a frame of our own, not a window surface */
        p->frame = frame_create(w, h, &p->frame_map, &p->frame_len);
        p->r = p->frame ? SDL_CreateSoftwareRenderer(p->frame) : NULL;
    } else {
        p->r = renderer_open(p->win, p->renderer);
        SDL_ShowCursor(SDL_DISABLE);
        SDL_DisableScreenSaver();
    }
    if (!p->r) {
        LOG(LOG_ERROR, "platform", "cannot create a renderer: %s", SDL_GetError());
        platform_close(p);
        return 3;
    }
    SDL_RendererInfo info;
    p->soft = SDL_GetRendererInfo(p->r, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE);
    if (p->soft) p->renderer = CONFIG_RENDERER_SOFTWARE;
    p->rotate = mode == PLATFORM_HEADLESS ? 0 : cfg->rotate; /* a screenshot is the frame as the screen shows it */
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
    if (p->owns_video) SDL_Quit();
    memset(p, 0, sizeof *p);
}

void platform_present(platform_t *p)
{
    SDL_RenderPresent(p->r);
}
