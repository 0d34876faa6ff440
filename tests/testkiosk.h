/* What the kiosk suites share: a left-button mouse event handed to the kiosk as SDL would. */
#ifndef ANNAI_TESTKIOSK_H
#define ANNAI_TESTKIOSK_H

#include <SDL2/SDL.h>
#include <string.h>
#include "annai/kiosk.h"

static inline void tu_mouse(kiosk_t *k, Uint32 type, int x, int y, uint64_t now)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    if (type == SDL_MOUSEMOTION) {
        e.motion.x = x;
        e.motion.y = y;
    } else {
        e.button.button = SDL_BUTTON_LEFT;
        e.button.x = x;
        e.button.y = y;
    }
    kiosk_handle(k, &e, now);
}

#endif
