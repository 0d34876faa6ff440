/* render: display list -> pixels through SDL_Renderer. Glyphs come from the atlas as quads
 * drawn with SDL_RenderGeometry; nothing is rasterised per frame. */
#ifndef ANNAI_RENDER_H
#define ANNAI_RENDER_H

#include "annai/atlas.h"
#include "annai/layout.h"

struct SDL_Renderer;
typedef struct render_s render_t;

render_t *render_create(struct SDL_Renderer *r, fonts_t *f);
void render_destroy(render_t *rd);
/* Draws dl offset by (dx, dy) with opacity alpha (0..1); opaque backgrounds when alpha is 1. */
void render_dlist(render_t *rd, const dlist_t *dl, float dx, float dy, float alpha);
/* Turns the picture by rotate degrees clockwise onto an out_w x out_h output (a screen mounted
 * sideways) and shifts it by (ox, oy) px against burn-in. Default: 0, no shift. */
void render_set_view(render_t *rd, int rotate, int out_w, int out_h, int ox, int oy);
/* With the software renderer: its target surface, which glyphs are then blended into directly
 * (NULL, or a surface that is not 32-bit XRGB: through SDL_Renderer as usual). */
struct SDL_Surface;
void render_set_soft_target(render_t *rd, struct SDL_Surface *s);
/* a fading out while b fades in, t from 0 to 1. */
void render_crossfade(render_t *rd, const dlist_t *a, const dlist_t *b, float t);
/* Drops textures after a renderer reset; they are made again on use. */
void render_reset(render_t *rd);
atlas_t *render_atlas(render_t *rd);
/* Decodes an image (SDL2_image) to check it; NULL on success, else a message. */
const char *render_probe_image(const char *path);

#endif
