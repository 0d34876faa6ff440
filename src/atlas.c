#define _DEFAULT_SOURCE
#include "annai/atlas.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GLYPH_HASH 8192
#define DISC_FACE 255 /* the key of discs: no font has this face */

/* ---- atlas ---- */

typedef struct {
    uint64_t key;
    atlas_glyph_t g;
    bool empty; /* rasterised, no ink */
} glyph_slot_t;

typedef struct {
    int y, h, x; /* a row of glyphs of about one height, filled from the left */
} shelf_t;

typedef struct {
    unsigned char *cov;   /* coverage, one byte a pixel: the glyphs themselves */
    SDL_Texture *tex;     /* made from cov when a renderer draws from textures */
    SDL_Rect dirty;       /* part of cov not yet in tex (w == 0: none) */
    shelf_t shelves[ATLAS_MAX_SHELVES];
    int nshelves, top; /* top: the first row no shelf uses yet */
    uint32_t used;
} page_t;

struct atlas_s {
    SDL_Renderer *r;
    fonts_t *fonts;
    page_t pages[ATLAS_MAX_PAGES];
    int limit;                 /* pages in use at most, <= ATLAS_MAX_PAGES */
    unsigned long rasterised_seen;
    glyph_slot_t *slots;
    int nslots, capslots;
    uint32_t clock;
    atlas_stats_t st;
    void (*before_evict)(void *ud, int page);
    void *evict_ud;
};

atlas_t *atlas_create(SDL_Renderer *r, fonts_t *f)
{
    atlas_t *a = mem_calloc(1, sizeof *a);
    a->r = r;
    a->fonts = f;
    a->limit = ATLAS_PAGES_1080P;
    a->capslots = GLYPH_HASH;
    a->slots = mem_calloc((size_t)a->capslots, sizeof *a->slots);
    return a;
}

static void page_drop(atlas_t *a, int p)
{
    if (a->pages[p].tex) SDL_DestroyTexture(a->pages[p].tex);
    free(a->pages[p].cov);
    memset(&a->pages[p], 0, sizeof a->pages[p]);
}

void atlas_destroy(atlas_t *a)
{
    if (!a) return;
    for (int i = 0; i < ATLAS_MAX_PAGES; i++) page_drop(a, i);
    free(a->slots);
    free(a);
}

static void slots_rehash(atlas_t *a, int cap, int drop_page)
{
    glyph_slot_t *old = a->slots;
    int oldcap = a->capslots;
    a->slots = mem_calloc((size_t)cap, sizeof *a->slots);
    a->capslots = cap;
    a->nslots = 0;
    for (int i = 0; i < oldcap; i++) {
        if (!old[i].key || (!old[i].empty && old[i].g.page == drop_page)) continue;
        uint32_t h = (uint32_t)hash_u64(old[i].key) & (uint32_t)(cap - 1);
        while (a->slots[h].key) h = (h + 1) & (uint32_t)(cap - 1);
        a->slots[h] = old[i];
        a->nslots++;
    }
    free(old);
}

/* The renderer lost its textures (or was replaced): the coverage is still good, so the
 * textures are simply made again from it on next use. Nothing is rasterised again. */
void atlas_reset(atlas_t *a)
{
    for (int i = 0; i < ATLAS_MAX_PAGES; i++) {
        page_t *p = &a->pages[i];
        if (p->tex) SDL_DestroyTexture(p->tex);
        p->tex = NULL;
        if (p->cov) p->dirty = (SDL_Rect){0, 0, ATLAS_PAGE_SIZE, p->top < ATLAS_PAGE_SIZE ? p->top : ATLAS_PAGE_SIZE};
    }
}

void atlas_frame(atlas_t *a)
{
    if (a->st.rasterised != a->rasterised_seen) fonts_release(a->fonts);
    a->rasterised_seen = a->st.rasterised;
    a->clock++;
}

void atlas_fit_screen(atlas_t *a, int w, int h)
{
    double area = (double)w * h / (1920.0 * 1080.0);
    int n = (int)(ATLAS_PAGES_1080P * (area > 1 ? area : 1) + 0.999);
    a->limit = n > ATLAS_MAX_PAGES ? ATLAS_MAX_PAGES : n;
}

int atlas_page_limit(const atlas_t *a) { return a->limit; }

void atlas_on_evict(atlas_t *a, void (*fn)(void *ud, int page), void *ud)
{
    a->before_evict = fn;
    a->evict_ud = ud;
}

static void mark_dirty(page_t *p, SDL_Rect r)
{
    if (!p->dirty.w) { p->dirty = r; return; }
    SDL_UnionRect(&p->dirty, &r, &p->dirty);
}

/* The page as a texture of white glyphs with their coverage as alpha, brought up to date. */
SDL_Texture *atlas_page(atlas_t *a, int page)
{
    page_t *p = &a->pages[page];
    if (!p->cov) return NULL;
    if (!p->tex) {
        p->tex = SDL_CreateTexture(a->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, ATLAS_PAGE_SIZE, ATLAS_PAGE_SIZE);
        if (!p->tex) return NULL;
        SDL_SetTextureBlendMode(p->tex, SDL_BLENDMODE_BLEND);
        p->dirty = (SDL_Rect){0, 0, ATLAS_PAGE_SIZE, p->top < ATLAS_PAGE_SIZE ? p->top : ATLAS_PAGE_SIZE};
    }
    if (p->dirty.w && p->dirty.h) {
        static Uint32 row[ATLAS_PAGE_SIZE * 16];
        for (int y = p->dirty.y; y < p->dirty.y + p->dirty.h; y += 16) {
            int rows = p->dirty.y + p->dirty.h - y < 16 ? p->dirty.y + p->dirty.h - y : 16;
            for (int r = 0; r < rows; r++)
                for (int x = 0; x < p->dirty.w; x++)
                    row[r * p->dirty.w + x] = (Uint32)p->cov[(y + r) * ATLAS_PAGE_SIZE + p->dirty.x + x] << 24 | 0xFFFFFF;
            SDL_Rect dst = {p->dirty.x, y, p->dirty.w, rows};
            SDL_UpdateTexture(p->tex, &dst, row, p->dirty.w * 4);
        }
    }
    p->dirty = (SDL_Rect){0, 0, 0, 0};
    return p->tex;
}

const unsigned char *atlas_coverage(const atlas_t *a, int page) { return a->pages[page].cov; }

atlas_stats_t atlas_stats(const atlas_t *a)
{
    atlas_stats_t s = a->st;
    s.pages = 0;
    for (int i = 0; i < ATLAS_MAX_PAGES; i++) {
        s.pages += a->pages[i].cov != NULL;
        s.textures += a->pages[i].tex != NULL;
    }
    s.glyphs = a->nslots;
    s.ink_px = 0;
    for (int i = 0; i < a->capslots; i++)
        if (a->slots[i].key && !a->slots[i].empty) s.ink_px += (unsigned long)(a->slots[i].g.w * a->slots[i].g.h);
    return s;
}

/* Shelf packing with a shelf per glyph height: glyphs of one size share rows, so that 20 px
 * ruby does not sit in rows as tall as an 80 px title (measured: a third fewer pages). */
static bool page_fit(page_t *p, int w, int h, int *x, int *y)
{
    shelf_t *best = NULL;
    for (int i = 0; i < p->nshelves; i++) {
        shelf_t *s = &p->shelves[i];
        if (s->h < h || s->h > h + h / 4 + 2 || s->x + w > ATLAS_PAGE_SIZE) continue;
        if (!best || s->h < best->h) best = s;
    }
    if (!best) {
        if (p->nshelves == ATLAS_MAX_SHELVES || p->top + h > ATLAS_PAGE_SIZE || w > ATLAS_PAGE_SIZE) return false;
        best = &p->shelves[p->nshelves++];
        *best = (shelf_t){p->top, h, 0};
        p->top += h + 1;
    }
    *x = best->x;
    *y = best->y;
    best->x += w + 1;
    return true;
}

/* Finds room for a w x h glyph, opening or evicting a page when all are full. */
static int atlas_place(atlas_t *a, int w, int h, int *x, int *y)
{
    for (int i = 0; i < ATLAS_MAX_PAGES; i++)
        if (a->pages[i].cov && page_fit(&a->pages[i], w, h, x, y)) return i;
    int victim = -1;
    for (int i = 0; i < a->limit && victim < 0; i++)
        if (!a->pages[i].cov) victim = i;
    if (victim < 0) {
        victim = 0;
        for (int i = 1; i < ATLAS_MAX_PAGES; i++)
            if (a->pages[i].cov && a->pages[i].used < a->pages[victim].used) victim = i;
        if (a->before_evict) a->before_evict(a->evict_ud, victim); /* quads queued from it go first */
        page_drop(a, victim);
        slots_rehash(a, a->capslots, victim);
        a->st.evictions++;
    }
    page_t *p = &a->pages[victim];
    p->cov = mem_calloc(ATLAS_PAGE_SIZE * ATLAS_PAGE_SIZE, 1);
    return page_fit(p, w, h, x, y) ? victim : -1;
}

/* Crops the glyph surface to its ink so that the atlas holds ink, not empty cells. */
/* The glyph's ink: Shaded rendering with white on black gives an 8-bit surface whose pixel
 * values are the coverage itself (cheaper than Blended's ARGB, measured ~2x). */
static bool ink_box(SDL_Surface *s, SDL_Rect *box)
{
    int x0 = s->w, y0 = s->h, x1 = -1, y1 = -1;
    for (int y = 0; y < s->h; y++) {
        const Uint8 *row = (const Uint8 *)s->pixels + y * s->pitch;
        for (int x = 0; x < s->w; x++) {
            if (!row[x]) continue;
            if (x < x0) x0 = x;
            if (x > x1) x1 = x;
            if (y < y0) y0 = y;
            y1 = y;
        }
    }
    if (x1 < 0) return false;
    *box = (SDL_Rect){x0, y0, x1 - x0 + 1, y1 - y0 + 1};
    return true;
}

static bool rasterise(atlas_t *a, int face, int px, uint32_t cp, atlas_glyph_t *g)
{
    face = fonts_face_for(a->fonts, face, cp); /* a face that has it, or none: never a box */
    TTF_Font *font = face < 0 ? NULL : fonts_sized(a->fonts, face, px);
    if (!font) return false;
    SDL_Surface *s = TTF_RenderGlyph32_Shaded(font, cp, (SDL_Color){255, 255, 255, 255}, (SDL_Color){0, 0, 0, 255});
    a->st.rasterised++;
    if (!s) return false;
    SDL_Rect box;
    int minx = 0, maxx, miny, maxy, adv;
    bool ink = false;
    TTF_GlyphMetrics32(font, cp, &minx, &maxx, &miny, &maxy, &adv);
    if (s->format->BytesPerPixel == 1 && ink_box(s, &box)) {
        int x, y, page = atlas_place(a, box.w, box.h, &x, &y);
        if (page >= 0) {
            page_t *pg = &a->pages[page];
            for (int r = 0; r < box.h; r++)
                memcpy(pg->cov + (y + r) * ATLAS_PAGE_SIZE + x, (const Uint8 *)s->pixels + (box.y + r) * s->pitch + box.x, (size_t)box.w);
            mark_dirty(pg, (SDL_Rect){x, y, box.w, box.h});
            *g = (atlas_glyph_t){page, x, y, box.w, box.h, box.x + (minx < 0 ? minx : 0), box.y - TTF_FontAscent(font), 0};
            ink = true;
        }
    }
    SDL_FreeSurface(s);
    return ink;
}

static glyph_slot_t *slot_find(atlas_t *a, uint64_t key)
{
    uint32_t h = (uint32_t)hash_u64(key) & (uint32_t)(a->capslots - 1);
    while (a->slots[h].key && a->slots[h].key != key) h = (h + 1) & (uint32_t)(a->capslots - 1);
    return &a->slots[h];
}

/* A disc q/4 px across as coverage, 4 x 4 samples a pixel, centred in its square. */
static bool rasterise_disc(atlas_t *a, int q, atlas_glyph_t *g)
{
    float d = (float)q / 4, r2 = d * d / 4;
    int n = (int)ceilf(d), x, y;
    a->st.rasterised++;
    int page = atlas_place(a, n, n, &x, &y);
    if (page < 0) return false;
    page_t *pg = &a->pages[page];
    float c = (float)n / 2;
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++) {
            int in = 0;
            for (int sy = 0; sy < 4; sy++)
                for (int sx = 0; sx < 4; sx++) {
                    float u = (float)i + ((float)sx + 0.5f) / 4 - c, v = (float)j + ((float)sy + 0.5f) / 4 - c;
                    in += u * u + v * v <= r2;
                }
            pg->cov[(y + j) * ATLAS_PAGE_SIZE + x + i] = (unsigned char)(in * 255 / 16);
        }
    mark_dirty(pg, (SDL_Rect){x, y, n, n});
    *g = (atlas_glyph_t){page, x, y, n, n, 0, 0, 0};
    return true;
}

/* face DISC_FACE: a disc, px its diameter in quarter pixels */
static const atlas_glyph_t *lookup(atlas_t *a, int face, int px, uint32_t cp)
{
    uint64_t key = (uint64_t)(face + 1) << 56 | (uint64_t)(px & 0xFFFF) << 32 | cp;
    glyph_slot_t *slot = slot_find(a, key);
    if (!slot->key) {
        atlas_glyph_t g = {0};
        /* may evict a page and move the slots */
        bool ink = face == DISC_FACE ? rasterise_disc(a, px, &g) : rasterise(a, face, px, cp, &g);
        if ((a->nslots + 1) * 2 >= a->capslots) slots_rehash(a, a->capslots * 2, -1);
        slot = slot_find(a, key);
        slot->key = key;
        slot->g = g;
        slot->empty = !ink;
        a->nslots++;
    }
    if (slot->empty) return NULL;
    slot->g.used = a->clock;
    a->pages[slot->g.page].used = a->clock;
    return &slot->g;
}

const atlas_glyph_t *atlas_get(atlas_t *a, int face, int px, uint32_t cp) { return lookup(a, face, px, cp); }

const atlas_glyph_t *atlas_disc(atlas_t *a, float diameter)
{
    long q = lroundf(diameter * 4);
    if (q < 1) q = 1;
    if (q > (ATLAS_PAGE_SIZE - 1) * 4) q = (ATLAS_PAGE_SIZE - 1) * 4;
    return lookup(a, DISC_FACE, (int)q, 0);
}
