/* platform: the SDL window (or a headless surface), the kiosk loop and its sleep. */
#ifndef ANNAI_PLATFORM_H
#define ANNAI_PLATFORM_H

#include <stdbool.h>
#include "annai/engine.h"
#include "annai/events.h"
#include "annai/render.h"

struct SDL_Window;
struct SDL_Renderer;

typedef struct {
    struct SDL_Window *win;
    struct SDL_Renderer *r;
    bool headless;
    int w, h;           /* the picture, as laid out */
    int out_w, out_h;   /* the output it is drawn on: w x h turned by rotate */
    int rotate;         /* 0, 90, 180, 270 degrees clockwise */
} platform_t;

/* Headless: the dummy driver and a software renderer on the window surface. */
int platform_open(platform_t *p, const config_t *cfg, bool headless, int w, int h);
void platform_close(platform_t *p);
void platform_present(platform_t *p);
/* Draws one panel settled, with the chrome, into the current frame. */
void platform_draw_panel(platform_t *p, render_t *rd, engine_t *e, int index, lang_t lang, bool hint);
/* Reads the output size again (after a resize or display change). */
void platform_update_size(platform_t *p);
uint64_t platform_now_ms(void);

#endif
