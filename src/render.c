#include "annai/render.h"

#include <SDL2/SDL.h>
#include <dlfcn.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define IMAGE_CACHE 8

typedef struct {
    char *path;
    SDL_Texture *tex;
    uint32_t used;
} image_slot_t;

typedef struct {
    SDL_Vertex *v;
    int *idx;
    int nv, ni, capv, capi;
} batch_t;

struct render_s {
    SDL_Renderer *r;
    atlas_t *atlas;
    image_slot_t images[IMAGE_CACHE];
    batch_t pages[ATLAS_MAX_PAGES];
    batch_t shapes;
    uint32_t clock;
    SDL_Surface *soft;     /* the software renderer's target, drawn into directly, or NULL */
    int rot, out_w, out_h; /* the picture turned clockwise onto an out_w x out_h output */
    float ox, oy;          /* burn-in shift of everything but the background */
};

static void batch_flush(SDL_Renderer *r, batch_t *b, SDL_Texture *tex);

static void flush_page(void *ud, int page)
{
    render_t *rd = ud;
    if (rd->pages[page].ni) batch_flush(rd->r, &rd->pages[page], atlas_page(rd->atlas, page));
}

render_t *render_create(SDL_Renderer *r, fonts_t *f)
{
    render_t *rd = mem_calloc(1, sizeof *rd);
    rd->r = r;
    rd->atlas = atlas_create(r, f);
    atlas_on_evict(rd->atlas, flush_page, rd);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    return rd;
}

static void images_drop(render_t *rd)
{
    for (int i = 0; i < IMAGE_CACHE; i++) {
        if (rd->images[i].tex) SDL_DestroyTexture(rd->images[i].tex);
        free(rd->images[i].path);
        memset(&rd->images[i], 0, sizeof rd->images[i]);
    }
}

static void batch_free(batch_t *b)
{
    free(b->v);
    free(b->idx);
}

void render_destroy(render_t *rd)
{
    if (!rd) return;
    images_drop(rd);
    atlas_destroy(rd->atlas);
    for (int i = 0; i < ATLAS_MAX_PAGES; i++) batch_free(&rd->pages[i]);
    batch_free(&rd->shapes);
    free(rd);
}

void render_reset(render_t *rd)
{
    images_drop(rd);
    atlas_reset(rd->atlas);
}

atlas_t *render_atlas(render_t *rd) { return rd->atlas; }

static SDL_Color color_of(uint32_t argb, float alpha)
{
    return (SDL_Color){(Uint8)(argb >> 16), (Uint8)(argb >> 8), (Uint8)argb, (Uint8)lroundf((float)(argb >> 24) * alpha)};
}

void render_set_view(render_t *rd, int rotate, int out_w, int out_h, int ox, int oy)
{
    rd->rot = rotate;
    rd->out_w = out_w;
    rd->out_h = out_h;
    rd->ox = (float)ox;
    rd->oy = (float)oy;
}

/* The picture's coordinates -> the output's (input_unrotate is the inverse). */
static SDL_FPoint xf(const render_t *rd, float x, float y)
{
    switch (rd->rot) {
    case 90: return (SDL_FPoint){(float)rd->out_w - y, x};
    case 180: return (SDL_FPoint){(float)rd->out_w - x, (float)rd->out_h - y};
    case 270: return (SDL_FPoint){y, (float)rd->out_h - x};
    default: return (SDL_FPoint){x, y};
    }
}

static SDL_FRect xf_rect(const render_t *rd, float x, float y, float w, float h)
{
    SDL_FPoint a = xf(rd, x, y), b = xf(rd, x + w, y + h);
    return (SDL_FRect){fminf(a.x, b.x), fminf(a.y, b.y), fabsf(b.x - a.x), fabsf(b.y - a.y)};
}

static void batch_quad(const render_t *rd, batch_t *b, float x0, float y0, float x1, float y1, float u0, float v0,
                       float u1, float v1, SDL_Color c)
{
    MEM_ARRAY_GROW(b->v, b->nv, b->capv, b->nv + 4);
    MEM_ARRAY_GROW(b->idx, b->ni, b->capi, b->ni + 6);
    SDL_Vertex *v = b->v + b->nv;
    v[0] = (SDL_Vertex){xf(rd, x0, y0), c, {u0, v0}};
    v[1] = (SDL_Vertex){xf(rd, x1, y0), c, {u1, v0}};
    v[2] = (SDL_Vertex){xf(rd, x1, y1), c, {u1, v1}};
    v[3] = (SDL_Vertex){xf(rd, x0, y1), c, {u0, v1}};
    int *k = b->idx + b->ni, o = b->nv;
    k[0] = o; k[1] = o + 1; k[2] = o + 2; k[3] = o; k[4] = o + 2; k[5] = o + 3;
    b->nv += 4;
    b->ni += 6;
}

static void batch_flush(SDL_Renderer *r, batch_t *b, SDL_Texture *tex)
{
    if (b->ni) SDL_RenderGeometry(r, tex, b->v, b->nv, b->idx, b->ni);
    b->nv = b->ni = 0;
}

/* SDL2_image, and the decoders under it (tiff, jpeg, webp, Lerc and through it libstdc++), are
 * loaded on the first image rather than at every start: ~3 ms of each start-up on this VM
 * (perf stat of a process linked with and without it), and most panels have no image. */
typedef SDL_Surface *(*img_load_fn)(SDL_RWops *src, int freesrc);

static img_load_fn img_load(void)
{
    static img_load_fn fn;
    static bool tried;
    if (tried) return fn;
    tried = true;
    void *lib = dlopen("libSDL2_image-2.0.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen("libSDL2_image.so", RTLD_NOW | RTLD_LOCAL);
    void *sym = lib ? dlsym(lib, "IMG_Load_RW") : NULL;
    memcpy(&fn, &sym, sizeof fn); /* a data pointer to a function pointer, the way POSIX allows */
    const char *why = fn ? NULL : dlerror();
    if (!fn) SDL_SetError("SDL2_image cannot be loaded: %s", why ? why : "no IMG_Load_RW");
    return fn;
}

/* The file is read here (non-blocking, regular files only, as panels are) and decoded from
 * memory: IMG_Load's own open() would block the loop for good on a FIFO swapped in for an
 * image after the deck was checked. NULL with *err (static text) when it cannot be used. */
static SDL_Surface *image_decode(const char *path, const char **err)
{
    img_load_fn load = img_load();
    if (!load) { *err = "image decoder SDL2_image cannot be loaded (install libsdl2-image)"; return NULL; }
    char *data;
    size_t len;
    if (path_read(path, PANEL_MAX_IMAGE_BYTES, &data, &len, err) != 0) return NULL;
    SDL_RWops *rw = SDL_RWFromConstMem(data, (int)len);
    SDL_Surface *s = rw ? load(rw, 1) : NULL;
    free(data);
    if (!s) *err = "image cannot be decoded (truncated or corrupt)";
    return s;
}

static SDL_Texture *image_texture(render_t *rd, const char *path)
{
    int lru = 0;
    rd->clock++;
    for (int i = 0; i < IMAGE_CACHE; i++) {
        if (rd->images[i].path && !strcmp(rd->images[i].path, path)) { rd->images[i].used = rd->clock; return rd->images[i].tex; }
        if (rd->images[i].used < rd->images[lru].used) lru = i;
    }
    image_slot_t *s = &rd->images[lru];
    if (s->tex) SDL_DestroyTexture(s->tex);
    free(s->path);
    s->path = mem_strdup(path);
    s->used = rd->clock;
    const char *err = NULL;
    SDL_Surface *surf = image_decode(path, &err);
    s->tex = surf ? SDL_CreateTextureFromSurface(rd->r, surf) : NULL;
    if (surf) SDL_FreeSurface(surf);
    else LOG(LOG_WARN, "render", "%s: %s", path, err);
    return s->tex;
}

/* An opaque fill needs no blending: the software renderer then writes rows instead of mixing
 * every pixel (measured with callgrind: a blended full-screen fill cost ~25 instructions a
 * pixel, most of a frame). */
static void soft_fill(render_t *rd, float fx, float fy, float fw, float fh, uint32_t argb, float alpha);
static bool soft(const render_t *rd);

/* The pixels soft_fill covers (truncated, at least one wide): the GPU path fills the same ones.
 * GL covers the pixels whose centres fall inside a rectangle, so outlines at fractional
 * coordinates came out a pixel away from the software picture (gpucmp under Xvfb + Mesa). */
static SDL_FRect grid_rect(SDL_FRect r)
{
    return (SDL_FRect){(float)(int)r.x, (float)(int)r.y, r.w >= 1 ? (float)(int)r.w : 1, r.h >= 1 ? (float)(int)r.h : 1};
}

static void fill_opaque(render_t *rd, SDL_FRect r, SDL_Color c)
{
    if (soft(rd)) {
        /* SDL fills with non-temporal stores, which push the frame out of the cache just
         * before the glyphs are blended into it (measured: a third of a frame in the fill) */
        SDL_RenderFlush(rd->r);
        soft_fill(rd, r.x, r.y, r.w, r.h, 0xFF000000u | (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b, 1);
        return;
    }
    SDL_SetRenderDrawBlendMode(rd->r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(rd->r, c.r, c.g, c.b, 255);
    r = grid_rect(r);
    SDL_RenderFillRectF(rd->r, &r);
    SDL_SetRenderDrawBlendMode(rd->r, SDL_BLENDMODE_BLEND);
}

/* ---- software fast path ----
 * With the software renderer, glyphs are blended from the atlas's coverage straight into the
 * framebuffer: SDL's blitter mixes every pixel of a glyph's box with colour and alpha
 * modulation at ~9 ns a pixel (measured); here blank pixels are skipped and the rest mixed in
 * integer arithmetic, and no 4 MiB texture per atlas page is needed. */

void render_set_soft_target(render_t *rd, SDL_Surface *s)
{
    bool xrgb = s && s->format->BytesPerPixel == 4 && s->format->Rmask == 0xFF0000 && s->format->Gmask == 0xFF00 &&
                s->format->Bmask == 0xFF;
    rd->soft = xrgb ? s : NULL;
}

static bool soft(const render_t *rd) { return rd->soft && rd->rot == 0; }


/* dst = dst + (c - dst) * a / 256 on R and B together, then G; a in 0..256 */
static inline Uint32 mix(Uint32 d, Uint32 c, unsigned a)
{
    Uint32 rb = (((c & 0xFF00FF) * a + (d & 0xFF00FF) * (256 - a)) >> 8) & 0xFF00FF;
    Uint32 g = (((c & 0xFF00) * a + (d & 0xFF00) * (256 - a)) >> 8) & 0xFF00;
    return 0xFF000000u | rb | g;
}

static unsigned alpha256(uint32_t argb, float alpha) { return (unsigned)lroundf((float)(argb >> 24) * alpha * 256.0f / 255.0f); }

/* n pixels of v, 16 bytes a store: GCC at -O2 left the plain loop at one 4-byte store a pixel,
 * 1.2 ms for a 1080p screen against 0.38 ms (measured on this VM). */
typedef uint32_t u32x4 __attribute__((vector_size(16)));

static void fill_row(Uint32 *p, int n, Uint32 v)
{
    const u32x4 q = {v, v, v, v};
    int i = 0;
    for (; i + 16 <= n; i += 16) {
        memcpy(p + i, &q, 16);
        memcpy(p + i + 4, &q, 16);
        memcpy(p + i + 8, &q, 16);
        memcpy(p + i + 12, &q, 16);
    }
    for (; i + 4 <= n; i += 4) memcpy(p + i, &q, 16);
    for (; i < n; i++) p[i] = v;
}

static void soft_fill(render_t *rd, float fx, float fy, float fw, float fh, uint32_t argb, float alpha)
{
    SDL_Surface *s = rd->soft;
    /* the same pixels as SDL's software renderer fills for this rectangle: truncated, at
     * least one pixel, so that both paths draw alike */
    int x0 = (int)fx, y0 = (int)fy, x1 = x0 + (fw >= 1 ? (int)fw : 1), y1 = y0 + (fh >= 1 ? (int)fh : 1);
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 > s->w) x1 = s->w;
    if (y1 > s->h) y1 = s->h;
    unsigned a = alpha256(argb, alpha);
    if (!a || x0 >= x1 || y0 >= y1) return;
    for (int y = y0; y < y1; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
        if (a >= 256) fill_row(row + x0, x1 - x0, 0xFF000000u | argb);
        else
            for (int x = x0; x < x1; x++) row[x] = mix(row[x], argb, a);
    }
}

static inline void blend_px(Uint32 *d, unsigned k, uint32_t argb, unsigned alpha)
{
    if (!k) return;
    if (k == 255 && alpha >= 256) { *d = 0xFF000000u | argb; return; }
    *d = mix(*d, argb, ((k + (k >> 7)) * alpha) >> 8);
}

/* Four pixels at once with the compiler's portable vectors (SSE2 on x86, NEON on a Pi): each
 * channel widened to 16 bits, mixed, narrowed. A crossfade mixes two panels' worth of ink a
 * frame, and this is most of its cost. */
typedef uint8_t u8x16 __attribute__((vector_size(16)));
typedef uint16_t u16x16 __attribute__((vector_size(32)));

static inline void blend4(Uint32 *d, const unsigned char *k, const u16x16 *colour, unsigned alpha)
{
    u8x16 dv;
    memcpy(&dv, d, 16);
    u16x16 dw = __builtin_convertvector(dv, u16x16), av;
    for (int p = 0; p < 4; p++) {
        uint16_t a = (uint16_t)(((k[p] + (k[p] >> 7)) * alpha) >> 8);
        av[p * 4] = av[p * 4 + 1] = av[p * 4 + 2] = av[p * 4 + 3] = a;
    }
    u16x16 out = (*colour * av + dw * ((uint16_t)256 - av)) >> 8;
    u8x16 ov = __builtin_convertvector(out, u8x16);
    memcpy(d, &ov, 16);
}

static void soft_glyph(render_t *rd, const atlas_glyph_t *g, int x, int y, uint32_t argb, unsigned alpha)
{
    SDL_Surface *s = rd->soft;
    const unsigned char *cov = atlas_coverage(rd->atlas, g->page);
    int cx0 = x < 0 ? -x : 0, cy0 = y < 0 ? -y : 0;
    int cx1 = x + g->w > s->w ? s->w - x : g->w, cy1 = y + g->h > s->h ? s->h - y : g->h;
    u16x16 colour;
    for (int p = 0; p < 4; p++) {
        colour[p * 4] = (uint16_t)(argb & 0xFF);
        colour[p * 4 + 1] = (uint16_t)((argb >> 8) & 0xFF);
        colour[p * 4 + 2] = (uint16_t)((argb >> 16) & 0xFF);
        colour[p * 4 + 3] = 255;
    }
    for (int r = cy0; r < cy1; r++) {
        const unsigned char *src = cov + (g->y + r) * ATLAS_PAGE_SIZE + g->x;
        Uint32 *dst = (Uint32 *)((Uint8 *)s->pixels + (y + r) * s->pitch) + x;
        int c = cx0;
        for (; c + 8 <= cx1; c += 8) { /* eight at a time: blank stretches cost one load */
            uint64_t eight;
            memcpy(&eight, src + c, 8);
            if (!eight) continue;
            blend4(dst + c, src + c, &colour, alpha);
            blend4(dst + c + 4, src + c + 4, &colour, alpha);
        }
        for (; c < cx1; c++) blend_px(dst + c, src[c], argb, alpha);
    }
}

static void flush_pages(render_t *rd)
{
    for (int p = 0; p < ATLAS_MAX_PAGES; p++)
        if (rd->pages[p].ni) batch_flush(rd->r, &rd->pages[p], atlas_page(rd->atlas, p));
}

/* What is queued, shapes and discs, before anything drawn another way. */
static void flush_queued(render_t *rd)
{
    batch_flush(rd->r, &rd->shapes, NULL);
    flush_pages(rd);
}

/* Before drawing into the software frame directly: what SDL still holds goes first. */
static void soft_begin(render_t *rd)
{
    flush_queued(rd);
    SDL_RenderFlush(rd->r);
}

/* A coverage mask from the atlas (a glyph or a disc) at whole pixels (x, y): blended into the
 * software frame, or queued as a quad from its page's texture. */
static void draw_mask(render_t *rd, const atlas_glyph_t *a, float x, float y, uint32_t color, float alpha)
{
    if (soft(rd)) {
        soft_glyph(rd, a, (int)x, (int)y, color & 0xFFFFFF, alpha256(color, alpha));
        return;
    }
    const float inv = 1.0f / ATLAS_PAGE_SIZE;
    batch_quad(rd, &rd->pages[a->page], x, y, x + (float)a->w, y + (float)a->h, (float)a->x * inv, (float)a->y * inv,
               (float)(a->x + a->w) * inv, (float)(a->y + a->h) * inv, color_of(color, alpha));
}

/* A QR code: a white square with its quiet zone, then the dark modules. Module edges are
 * rounded to whole pixels so that neighbours meet without gaps. */
static void draw_qr(render_t *rd, const dl_item_t *it, float dx, float dy, float alpha)
{
    int n = it->qr_size;
    float mod = it->r.w / (float)(n + 8), ox = it->r.x + dx, oy = it->r.y + dy;
    bool direct = soft(rd);
    if (direct) soft_begin(rd);
    for (int cell = -1; cell < n * n; cell++) { /* -1: the white square */
        if (cell >= 0 && !it->qr[cell]) continue;
        /* in modules from the square's corner: the quiet zone is 4 wide */
        float c0 = 0, r0 = 0, c1 = (float)(n + 8), r1 = c1;
        if (cell >= 0) c0 = (float)(cell % n + 4), r0 = (float)(cell / n + 4), c1 = c0 + 1, r1 = r0 + 1;
        float x0 = roundf(ox + c0 * mod), y0 = roundf(oy + r0 * mod), x1 = roundf(ox + c1 * mod), y1 = roundf(oy + r1 * mod);
        uint32_t argb = cell < 0 ? 0xFFFFFFFFu : 0xFF000000u;
        if (direct) soft_fill(rd, x0, y0, x1 - x0, y1 - y0, argb, alpha);
        else batch_quad(rd, &rd->shapes, x0, y0, x1, y1, 0, 0, 0, 0, color_of(argb, alpha));
    }
}

/* Bullets, page dots, timeline stops and emphasis dots: discs from the atlas, drawn like
 * glyphs. They are anti-aliased, and never go to SDL's software renderer as triangles: it
 * allocates a temporary surface for every blended triangle (~2,400 allocations a frame of a
 * 28-triangle disc per dot, found by test_kiosk's allocation count). */
static void draw_disc(render_t *rd, float cx, float cy, float d, uint32_t color, float alpha)
{
    const atlas_glyph_t *g = atlas_disc(rd->atlas, d);
    if (!g) return;
    if (soft(rd)) soft_begin(rd); /* keep the drawing order */
    draw_mask(rd, g, roundf(cx - (float)g->w / 2), roundf(cy - (float)g->h / 2), color, alpha);
}

static void draw_items(render_t *rd, const dlist_t *dl, float dx, float dy, float alpha)
{
    for (int i = 0; i < dl->nitems; i++) {
        const dl_item_t *it = &dl->items[i];
        SDL_Color c = color_of(it->color, alpha);
        float x = it->r.x + dx, y = it->r.y + dy;
        if (it->kind == LAYOUT_DL_RECT && c.a < 255 && soft(rd)) {
            soft_begin(rd);
            soft_fill(rd, x, y, it->r.w, it->r.h, it->color, alpha);
        } else if (it->kind == LAYOUT_DL_RECT && c.a == 255) {
            flush_queued(rd); /* keep the drawing order */
            fill_opaque(rd, xf_rect(rd, x, y, it->r.w, it->r.h), c);
        } else if (it->kind == LAYOUT_DL_RECT) {
            SDL_FRect g = grid_rect((SDL_FRect){x, y, it->r.w, it->r.h});
            batch_quad(rd, &rd->shapes, g.x, g.y, g.x + g.w, g.y + g.h, 0, 0, 0, 0, c);
        }
        else if (it->kind == LAYOUT_DL_DISC) draw_disc(rd, x + it->r.w / 2, y + it->r.h / 2, it->r.w, it->color, alpha);
        else if (it->kind == LAYOUT_DL_QR) draw_qr(rd, it, dx, dy, alpha);
        else if (it->kind == LAYOUT_DL_IMAGE) {
            flush_queued(rd); /* keep the drawing order */
            SDL_Texture *t = image_texture(rd, it->image);
            if (!t) continue;
            SDL_SetTextureAlphaMod(t, (Uint8)lroundf(255 * alpha));
            /* turned about its centre: place the centre, keep the size, rotate by the view */
            SDL_FPoint c0 = xf(rd, x + it->r.w / 2, y + it->r.h / 2);
            SDL_FRect dst = {c0.x - it->r.w / 2, c0.y - it->r.h / 2, it->r.w, it->r.h};
            SDL_RenderCopyExF(rd->r, t, NULL, &dst, rd->rot, NULL, SDL_FLIP_NONE);
        }
    }
    flush_queued(rd);
}

static void draw_glyphs(render_t *rd, const dlist_t *dl, float dx, float dy, float alpha)
{
    if (soft(rd)) SDL_RenderFlush(rd->r); /* what SDL has queued lies under the glyphs */
    for (int i = 0; i < dl->nglyphs; i++) {
        const dl_glyph_t *g = &dl->glyphs[i];
        const atlas_glyph_t *a = atlas_get(rd->atlas, (face_t)g->face, g->px, g->cp);
        if (!a) continue;
        /* snap to whole pixels: glyphs were rasterised on the pixel grid */
        draw_mask(rd, a, roundf(g->x + dx) + (float)a->ox, roundf(g->y + dy) + (float)a->oy, g->color, alpha);
    }
    flush_pages(rd);
}

void render_dlist(render_t *rd, const dlist_t *dl, float dx, float dy, float alpha)
{
    SDL_Color bg = color_of(dl->bg, alpha);
    /* the background reaches past the burn-in shift so that no edge is left unpainted */
    float mx = fabsf(rd->ox), my = fabsf(rd->oy);
    SDL_FRect full = xf_rect(rd, dx - mx, dy - my, (float)dl->w + 2 * mx, (float)dl->h + 2 * my);
    if (bg.a == 255) {
        fill_opaque(rd, full, bg);
    } else if (bg.a) {
        SDL_SetRenderDrawColor(rd->r, bg.r, bg.g, bg.b, bg.a);
        full = grid_rect(full);
        SDL_RenderFillRectF(rd->r, &full);
    }
    draw_items(rd, dl, dx + rd->ox, dy + rd->oy, alpha);
    draw_glyphs(rd, dl, dx + rd->ox, dy + rd->oy, alpha);
}

const char *render_probe_image(const char *path)
{
    const char *err = NULL;
    SDL_Surface *s = image_decode(path, &err);
    if (!s) return err;
    SDL_FreeSurface(s);
    return NULL;
}

static uint32_t lerp_rgb(uint32_t a, uint32_t b, float t)
{
    uint32_t out = 0xFF000000u;
    for (int sh = 0; sh <= 16; sh += 8) {
        float ca = (float)((a >> sh) & 0xFF), cb = (float)((b >> sh) & 0xFF);
        out |= (uint32_t)lroundf(ca + (cb - ca) * t) << sh;
    }
    return out;
}

/* A crossfade drawn as layers over a common background: the background colour moves from a's
 * to b's while a's text and shapes fade out and b's fade in. No full-screen blend: two panels'
 * glyphs over one opaque fill, which keeps a fade frame as cheap as a slide. */
void render_crossfade(render_t *rd, const dlist_t *a, const dlist_t *b, float t)
{
    float mx = fabsf(rd->ox), my = fabsf(rd->oy);
    fill_opaque(rd, xf_rect(rd, -mx, -my, (float)a->w + 2 * mx, (float)a->h + 2 * my), color_of(lerp_rgb(a->bg, b->bg, t), 1));
    draw_items(rd, a, rd->ox, rd->oy, 1 - t);
    draw_glyphs(rd, a, rd->ox, rd->oy, 1 - t);
    draw_items(rd, b, rd->ox, rd->oy, t);
    draw_glyphs(rd, b, rd->ox, rd->oy, t);
}
