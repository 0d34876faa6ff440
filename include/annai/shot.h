/* shot: screenshots. The frame as a PNG, deflated on all cores. */
#ifndef ANNAI_SHOT_H
#define ANNAI_SHOT_H

struct SDL_Renderer;
struct SDL_Surface;

/* Writes the frame to path as a PNG: straight from frame when it is the software renderer's
 * 32-bit target, else read back from r. 0, or -1 (nothing usable written). */
int shot_save_png(struct SDL_Renderer *r, struct SDL_Surface *frame, const char *path);

#endif
