/* platform: the SDL window (or a headless surface), the kiosk loop and its sleep. */
#ifndef ANNAI_PLATFORM_H
#define ANNAI_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include "annai/engine.h"
#include "annai/events.h"
#include "annai/render.h"

struct SDL_Window;
struct SDL_Renderer;

typedef struct {
    struct SDL_Window *win;
    struct SDL_Renderer *r;
    bool headless;
    bool owns_video;    /* SDL's video was started here (offscreen frames start none) */
    renderer_kind_t renderer; /* what draws: software or gpu (never auto) */
    int w, h;           /* the picture, as laid out */
    int out_w, out_h;   /* the output it is drawn on: w x h turned by rotate */
    int rotate;         /* 0, 90, 180, 270 degrees clockwise */
    bool soft;          /* the software renderer: it draws into the window surface */
    struct SDL_Surface *frame; /* headless: the frame drawn into, in memory of our own */
    void *frame_map;
    size_t frame_len;
} platform_t;

typedef enum {
    PLATFORM_WINDOW,    /* the kiosk: a window (or the whole console) and its renderer */
    PLATFORM_HEADLESS,  /* the dummy video driver for events, a software renderer on a frame in memory */
    PLATFORM_OFFSCREEN, /* screenshots: no video at all, a software renderer on a frame in memory */
} platform_mode_t;

int platform_open(platform_t *p, const config_t *cfg, platform_mode_t mode, int w, int h);
void platform_close(platform_t *p);
void platform_present(platform_t *p);
/* The surface the software renderer draws into, or NULL with any other renderer. */
struct SDL_Surface;
struct SDL_Surface *platform_soft_surface(platform_t *p);
/* True when the video driver can block in SDL_WaitEventTimeout (x11, wayland); false when it
 * would poll (kmsdrm, dummy). */
bool platform_can_wait(const platform_t *p);
/* Reads the output size again (after a resize or display change). */
void platform_update_size(platform_t *p);
uint64_t platform_now_ms(void);

#endif
