/* shot: screenshots. The frame as a PNG, deflated on all cores. */
#ifndef ANNAI_SHOT_H
#define ANNAI_SHOT_H

struct SDL_Renderer;
struct SDL_Surface;

/* Writes the frame to path as a PNG: straight from frame when it is the software renderer's
 * 32-bit target, else read back from r. 0, or -1 (nothing usable written). */
int shot_save_png(struct SDL_Renderer *r, struct SDL_Surface *frame, const char *path);

#include <stddef.h>

/* DIR/NN-STEM.png for the panel at index (0-based): NN is its place in the deck. A stem that
 * starts with that same number is not repeated: 01-title -> 01-title.png, not 01-01-title.png;
 * a stem whose number is not its place keeps it (04-05-broken.png). */
void shot_file_name(char *out, size_t n, const char *dir, int index, const char *stem);

#endif
