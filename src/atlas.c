#define _GNU_SOURCE /* memfd_create, the seals */
#include "annai/atlas.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FONT_MAX_BYTES (64 << 20) /* BIZ UDPGothic is 4.6 MB a face */
#define REF_PX 1000 /* advances measured once at the design size, scaled per use */
#define ADV_HASH 4096
#define GLYPH_HASH 8192

static const char *face_files[FACE_COUNT] = {"BIZUDPGothic-Regular.ttf", "BIZUDPGothic-Bold.ttf"};

typedef struct {
    uint32_t key; /* face << 24 | cp */
    float adv;    /* in em */
} adv_entry_t;

typedef struct {
    TTF_Font *font;
    int px; /* the size it is set to now */
} sized_font_t;

struct fonts_s {
    char *paths[FACE_COUNT];
    void *map[FACE_COUNT];   /* a private copy of each font file, mapped (font_read) */
    size_t maplen[FACE_COUNT];
    TTF_Font *ref[FACE_COUNT];
    float ascent_em;
    adv_entry_t *adv;    /* open addressing, grows */
    int adv_count, adv_cap;
    sized_font_t sized[FACE_COUNT]; /* the rasterising font of each face */
};

/* SDL_ttf counts TTF_Init calls: each fonts_t holds one, so several can live at once. */
static bool ttf_up(void)
{
    return TTF_Init() == 0;
}

/* Copies the font file into a sealed memfd and maps that: FreeType reads memory (not a seek
 * and a read() per glyph, ~40% of start-up), the pages can still be let go after a frame
 * (fonts_release), and a font file overwritten in place by a shorter one (an update, a
 * curator's copy) no longer turns the next glyph load into SIGBUS, as a mapping of the file
 * itself did. The cost: the copy at start-up, and the fonts held in shared memory rather than
 * in the page cache (see README, "Fonts overwritten in place"). NULL, or the problem. */
/* sendfile copies in the kernel, page cache to shared memory, in a few calls (copy_file_range
 * refuses a copy across file systems; read() into a mapping of the memfd took a fault a page,
 * and a buffer of chunks 2,000 calls a face) */
static bool copy_fd(int from, int to, size_t len, size_t *got)
{
    for (*got = 0; *got < len;) {
        ssize_t r = sendfile(to, from, NULL, len - *got);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return false;
        if (r == 0) break; /* the file shrank while being copied: what there is */
        *got += (size_t)r;
    }
    return true;
}

static const char *font_read(fonts_t *f, int face, char *why, size_t n)
{
    int fd = open(f->paths[face], O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0) return snprintf(why, n, "cannot open font: %s", strerror(errno)), why;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 || st.st_size > FONT_MAX_BYTES) {
        close(fd);
        return snprintf(why, n, "cannot open font: not a regular file, empty or over %d MiB", FONT_MAX_BYTES >> 20), why;
    }
    size_t len = (size_t)st.st_size, got = 0;
    int mem = memfd_create("annai-font", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (mem < 0 || ftruncate(mem, (off_t)len) != 0 || !copy_fd(fd, mem, len, &got) || !got) {
        snprintf(why, n, "cannot open font: cannot make a %zu-byte copy (%s)", len, strerror(errno));
        close(fd);
        if (mem >= 0) close(mem);
        return why;
    }
    close(fd);
    if (got < len && ftruncate(mem, (off_t)got) != 0) got = len; /* then the tail reads as zeros */
    fcntl(mem, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
    void *m = mmap(NULL, got, PROT_READ, MAP_SHARED, mem, 0);
    int map_errno = errno;
    close(mem);
    if (m == MAP_FAILED)
        return snprintf(why, n, "cannot open font: %scannot map its %zu-byte copy (%s)", map_errno == ENOMEM ? "out of memory, " : "",
                        got, strerror(map_errno)), why;
    /* glyphs are scattered over the file: map only the pages touched, not their neighbours as
     * well (fault-around), which would count against the memory budget */
    madvise(m, got, MADV_RANDOM);
    f->map[face] = m;
    f->maplen[face] = got;
    return NULL;
}

static TTF_Font *font_open(fonts_t *f, int face, int px)
{
    if (!f->map[face]) return NULL;
    SDL_RWops *rw = SDL_RWFromConstMem(f->map[face], (int)f->maplen[face]);
    return rw ? TTF_OpenFontRW(rw, 1, px) : NULL;
}

static bool font_fail(fonts_t *f, diag_list_t *diags, int face, const char *why)
{
    diag_add(diags, f->paths[face], 0, "%s", why);
    fonts_destroy(f);
    return false;
}

static bool font_load(fonts_t *f, int face, diag_list_t *diags)
{
    char why[160];
    if (font_read(f, face, why, sizeof why)) return font_fail(f, diags, face, why);
    f->ref[face] = font_open(f, face, REF_PX);
    if (!f->ref[face]) {
        /* SDL_ttf's message names what failed (FreeType's error, or the allocation) */
        snprintf(why, sizeof why, "cannot open font: %s", TTF_GetError());
        return font_fail(f, diags, face, why);
    }
    if (!TTF_GlyphIsProvided32(f->ref[face], 0x3042))
        return font_fail(f, diags, face, "font without Japanese glyphs (BIZ UDPGothic is expected)");
    TTF_SetFontHinting(f->ref[face], TTF_HINTING_NONE);
    return true;
}

fonts_t *fonts_create(const char *dir, diag_list_t *diags)
{
    if (!ttf_up()) { diag_add(diags, "SDL_ttf", 0, "%s", TTF_GetError()); return NULL; }
    fonts_t *f = xcalloc(1, sizeof *f);
    for (int i = 0; i < FACE_COUNT; i++) f->paths[i] = path_join(dir, face_files[i]);
    for (int i = 0; i < FACE_COUNT; i++)
        if (!font_load(f, i, diags)) return NULL;
    f->ascent_em = (float)TTF_FontAscent(f->ref[0]) / REF_PX;
    f->adv_cap = ADV_HASH;
    f->adv = xcalloc((size_t)f->adv_cap, sizeof *f->adv);
    return f;
}

void fonts_destroy(fonts_t *f)
{
    if (!f) return;
    for (int i = 0; i < FACE_COUNT; i++) {
        if (f->ref[i]) TTF_CloseFont(f->ref[i]);
        free(f->paths[i]);
        if (f->map[i]) munmap(f->map[i], f->maplen[i]);
    }
    for (int i = 0; i < FACE_COUNT; i++)
        if (f->sized[i].font) TTF_CloseFont(f->sized[i].font);
    free(f->adv);
    free(f);
    TTF_Quit();
}

float fonts_ascent_em(const fonts_t *f) { return f->ascent_em; }

bool fonts_has_glyph(fonts_t *f, uint32_t cp) { return TTF_GlyphIsProvided32(f->ref[0], cp) != 0; }

static void adv_insert(adv_entry_t *tab, int cap, uint32_t key, float adv)
{
    uint32_t i = (uint32_t)hash_u64(key) & (uint32_t)(cap - 1);
    while (tab[i].key && tab[i].key != key) i = (i + 1) & (uint32_t)(cap - 1);
    tab[i].key = key;
    tab[i].adv = adv;
}

float fonts_advance(fonts_t *f, face_t face, float px, uint32_t cp)
{
    uint32_t key = (uint32_t)(face + 1) << 24 | (cp & 0xFFFFFF);
    uint32_t i = (uint32_t)hash_u64(key) & (uint32_t)(f->adv_cap - 1);
    while (f->adv[i].key) {
        if (f->adv[i].key == key) return f->adv[i].adv * px;
        i = (i + 1) & (uint32_t)(f->adv_cap - 1);
    }
    int minx, maxx, miny, maxy, adv = 0;
    if (TTF_GlyphMetrics32(f->ref[face], cp, &minx, &maxx, &miny, &maxy, &adv) != 0) adv = REF_PX / 2;
    float em = (float)adv / REF_PX;
    if (f->adv_count * 2 >= f->adv_cap) {
        int nc = f->adv_cap * 2;
        adv_entry_t *n = xcalloc((size_t)nc, sizeof *n);
        for (int k = 0; k < f->adv_cap; k++)
            if (f->adv[k].key) adv_insert(n, nc, f->adv[k].key, f->adv[k].adv);
        free(f->adv);
        f->adv = n;
        f->adv_cap = nc;
    }
    adv_insert(f->adv, f->adv_cap, key, em);
    f->adv_count++;
    return em * px;
}

/* One rasterising TTF_Font per face, set to each size as glyphs are rasterised: every glyph
 * is rasterised once into the atlas, so SDL_ttf's own cache (cleared by TTF_SetFontSize) is
 * not needed, and a face per size would hold its tables in memory again (measured: ~0.6 MiB
 * a size for this CJK font).
 * Hinting: the font's own (TrueType instructions; BIZ UD fonts are made for screens), not
 * FreeType's light auto-hinter: side by side at 22 and 50 px the two look alike, and the
 * auto-hinter's analysis made rasterising ~50% slower (7.3 -> 4.8 ms for the 166 glyphs of a
 * 1080p panel). Unhinted outlines were as fast but their ink boxes are a pixel larger, which
 * overflowed the 1080p atlas budget (377 glyphs rasterised again on a second pass). */
static TTF_Font *sized_font(fonts_t *f, int face, int px)
{
    sized_font_t *s = &f->sized[face];
    if (!s->font) {
        s->font = font_open(f, face, px);
        if (!s->font) return NULL;
        TTF_SetFontHinting(s->font, TTF_HINTING_NORMAL);
        s->px = px;
    }
    if (s->px != px && TTF_SetFontSize(s->font, px) == 0) s->px = px;
    return s->px == px ? s->font : NULL;
}

char *fonts_find_dir(const char *argv0, const char *share_dir)
{
    const char *env = getenv("ANNAI_FONTS");
    if (env && *env) return xstrdup(env);
    char *cand = path_join("fonts", face_files[0]);
    bool here = path_is_file(cand);
    free(cand);
    if (here) return xstrdup("fonts");
    char *exe = exe_dir();
    if (exe) {
        char *d = path_join(exe, "fonts"), *p = path_join(d, face_files[0]);
        bool ok = path_is_file(p);
        free(p);
        free(exe);
        if (ok) return d;
        free(d);
    }
    (void)argv0;
    return path_join(share_dir, "fonts");
}

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
    atlas_t *a = xcalloc(1, sizeof *a);
    a->r = r;
    a->fonts = f;
    a->limit = ATLAS_PAGES_1080P;
    a->capslots = GLYPH_HASH;
    a->slots = xcalloc((size_t)a->capslots, sizeof *a->slots);
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
    a->slots = xcalloc((size_t)cap, sizeof *a->slots);
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

/* After a frame that rasterised glyphs, the font pages FreeType read are let go: they stay in
 * the page cache, so a later glyph costs a minor fault, but they no longer count as ours (each
 * glyph's outline sits on its own page: ~3.5 MiB of RSS after all panels otherwise). */
static void fonts_release(fonts_t *f)
{
    for (int i = 0; i < FACE_COUNT; i++)
        if (f->map[i]) madvise(f->map[i], f->maplen[i], MADV_DONTNEED);
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
    p->cov = xcalloc(ATLAS_PAGE_SIZE * ATLAS_PAGE_SIZE, 1);
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

static bool rasterise(atlas_t *a, face_t face, int px, uint32_t cp, atlas_glyph_t *g)
{
    TTF_Font *font = sized_font(a->fonts, face, px);
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

/* face FACE_COUNT: a disc, px its diameter in quarter pixels */
static const atlas_glyph_t *lookup(atlas_t *a, face_t face, int px, uint32_t cp)
{
    uint64_t key = (uint64_t)(face + 1) << 56 | (uint64_t)(px & 0xFFFF) << 32 | cp;
    glyph_slot_t *slot = slot_find(a, key);
    if (!slot->key) {
        atlas_glyph_t g = {0};
        /* may evict a page and move the slots */
        bool ink = face == FACE_COUNT ? rasterise_disc(a, px, &g) : rasterise(a, face, px, cp, &g);
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

const atlas_glyph_t *atlas_get(atlas_t *a, face_t face, int px, uint32_t cp) { return lookup(a, face, px, cp); }

const atlas_glyph_t *atlas_disc(atlas_t *a, float diameter)
{
    long q = lroundf(diameter * 4);
    if (q < 1) q = 1;
    if (q > (ATLAS_PAGE_SIZE - 1) * 4) q = (ATLAS_PAGE_SIZE - 1) * 4;
    return lookup(a, FACE_COUNT, (int)q, 0);
}
