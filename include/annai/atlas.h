/* atlas: fonts_t (fonts.h) gives metrics (no renderer needed); atlas_t rasterises
 * each (face, size, glyph) once into shared textures that text quads are drawn from. */
#ifndef ANNAI_ATLAS_H
#define ANNAI_ATLAS_H

#include <stdbool.h>
#include <stdint.h>
#include "annai/util.h"

#include "annai/fonts.h"

#ifndef ATLAS_PAGE_SIZE
#define ATLAS_PAGE_SIZE 1024
#endif
#ifndef ATLAS_MAX_PAGES
#define ATLAS_MAX_PAGES 16 /* 1 MiB of coverage each (+4 MiB as a texture where a GPU draws) */
#endif
#ifndef ATLAS_PAGES_1080P
#define ATLAS_PAGES_1080P 4 /* pages allowed at 1920x1080; more for larger screens, LRU beyond */
#endif
#ifndef ATLAS_MAX_SHELVES
#define ATLAS_MAX_SHELVES 128
#endif

typedef struct atlas_s atlas_t;

typedef struct {
    int page;
    int x, y, w, h;      /* in the page */
    int ox, oy;          /* ink offset from (pen x, baseline) */
    uint32_t used;       /* frame of last use, for eviction */
} atlas_glyph_t;

struct SDL_Renderer;
struct SDL_Texture;
atlas_t *atlas_create(struct SDL_Renderer *r, fonts_t *f);
void atlas_destroy(atlas_t *a);
/* The glyph, rasterised on first use. NULL for glyphs with no ink (spaces). */
const atlas_glyph_t *atlas_get(atlas_t *a, int face, int px, uint32_t cp);
/* A filled disc diameter px across (to a quarter pixel), anti-aliased, placed at ox = oy = 0
 * of its w x h square: bullets, page dots and emphasis dots are drawn like glyphs. */
const atlas_glyph_t *atlas_disc(atlas_t *a, float diameter);
/* The page as a texture (white, coverage as alpha), made or updated on demand. */
struct SDL_Texture *atlas_page(atlas_t *a, int page);
/* The page's coverage: ATLAS_PAGE_SIZE bytes a row, for drawing into a framebuffer directly. */
const unsigned char *atlas_coverage(const atlas_t *a, int page);
/* Drops every texture (renderer reset, display change); they are made again from the kept
 * coverage on use, without rasterising. */
void atlas_reset(atlas_t *a);
void atlas_frame(atlas_t *a); /* advances the use clock */
/* How many pages the atlas may hold for a w x h screen: glyph area grows with the screen's. */
void atlas_fit_screen(atlas_t *a, int w, int h);
/* Called just before a page is dropped to make room, so that a renderer can draw the quads it
 * has queued from that page first (one frame may use more glyphs than the pages hold). */
void atlas_on_evict(atlas_t *a, void (*fn)(void *ud, int page), void *ud);
typedef struct {
    unsigned long rasterised;  /* glyphs rasterised since creation */
    int pages, glyphs;
    int textures;              /* pages also held as renderer textures */
    unsigned long evictions;
    unsigned long ink_px;      /* pixels the resident glyphs cover */
} atlas_stats_t;
atlas_stats_t atlas_stats(const atlas_t *a);
int atlas_page_limit(const atlas_t *a);

#endif
