/* Headless renders of every bundled panel with the software renderer and the bundled fonts:
 * real pixels, text where the layout put it, glyphs rasterised once. */
#include "testutil.h"
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <zlib.h>
#include <sys/stat.h>
#include "annai/engine.h"
#include "annai/platform.h"
#include "annai/scene.h"
#include "annai/render.h"
#include "annai/shot.h"

static engine_t eng;
static platform_t plat;
static render_t *rd;

static Uint32 pixel(SDL_Surface *s, int x, int y) { return ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x] & 0xFFFFFF; }

static SDL_Surface *grab(void)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, plat.w, plat.h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_int_equal(SDL_RenderReadPixels(plat.r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch), 0);
    return s;
}

static void test_every_panel_shows_its_text(void **state)
{
    (void)state;
    for (int l = 0; l < engine_nlangs(&eng); l++)
        for (int i = 0; i < eng.deck.count; i++) {
            scene_draw_panel(&plat, rd, &eng, i, (lang_t)l, false);
            SDL_Surface *s = grab();
            const dlist_t *dl = engine_panel(&eng, i, (lang_t)l);
            Uint32 bg = dl->bg & 0xFFFFFF;
            /* inside each laid-out line there must be ink: pixels unlike the background */
            for (int k = 0; k < dl->nlines; k++) {
                const dl_line_t *ln = &dl->lines[k];
                int ink = 0;
                for (int y = (int)ln->r.y; y < (int)(ln->r.y + ln->r.h) && y < plat.h; y++)
                    for (int x = (int)ln->r.x; x < (int)(ln->r.x + ln->r.w) && x < plat.w; x++) ink += pixel(s, x, y) != bg;
                if (ink < ln->px) fail_msg("panel %s (%s) line '%s': no ink drawn", eng.deck.entries[i].stem, lang_tag(&eng.cfg.langs, l), ln->text);
            }
            /* not blank: the panel's own background covers most of it, yet plenty else is drawn */
            int other = 0;
            for (int y = 0; y < plat.h; y += 2)
                for (int x = 0; x < plat.w; x += 2) other += pixel(s, x, y) != bg;
            assert_true(other > plat.w * plat.h / 4 / 50);
            SDL_FreeSurface(s);
        }
}

static void test_second_draw_rasterises_nothing(void **state)
{
    (void)state;
    for (int i = 0; i < eng.deck.count; i++) scene_draw_panel(&plat, rd, &eng, i, LANG_DEFAULT, false);
    unsigned long before = atlas_stats(render_atlas(rd)).rasterised;
    for (int i = 0; i < eng.deck.count; i++) scene_draw_panel(&plat, rd, &eng, i, LANG_DEFAULT, false);
    assert_int_equal(atlas_stats(render_atlas(rd)).rasterised, before);
}

static void test_atlas_survives_reset(void **state)
{
    (void)state;
    scene_draw_panel(&plat, rd, &eng, 1, LANG_DEFAULT, false);
    SDL_Surface *a = grab();
    render_reset(rd); /* what a lost renderer does */
    scene_draw_panel(&plat, rd, &eng, 1, LANG_DEFAULT, false);
    SDL_Surface *b = grab();
    assert_memory_equal(a->pixels, b->pixels, (size_t)a->pitch * (size_t)a->h);
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
}

/* A curator's image and QR code reach the screen: the picture's own colour where the layout put
 * it, and a QR code with its quiet zone and finder pattern where a phone expects them. */
static void test_image_and_qr_drawn(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), *img = path_join(dir, "img");
    assert_int_equal(mkdir(img, 0755), 0);
    SDL_Surface *red = SDL_CreateRGBSurfaceWithFormat(0, 240, 120, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_FillRect(red, NULL, SDL_MapRGB(red->format, 200, 30, 30));
    char *png = path_join(img, "red.png");
    assert_int_equal(IMG_SavePNG(red, png), 0);
    SDL_FreeSurface(red);
    const char *md = "---\ntitle: 画像とQR\nqr: https://example.org/annai\nqr_caption: 詳しくはこちら\n---\n"
                     "本文の段落です。\n\n![赤い図](img/red.png)\n";
    free(tu_write(dir, "01-media.md", md, strlen(md)));
    config_t cfg;
    engine_t e;
    diag_list_t d = {0};
    tu_engine_open(&e, &cfg, dir, &d);
    for (int i = 0; i < d.count; i++) fail_msg("%s", d.items[i].text);
    engine_set_size(&e, plat.w, plat.h);
    scene_draw_panel(&plat, rd, &e, 0, LANG_DEFAULT, false);
    SDL_Surface *s = grab();
    const dlist_t *dl = engine_panel(&e, 0, LANG_DEFAULT);
    int images = 0, qrs = 0;
    for (int i = 0; i < dl->nitems; i++) {
        const dl_item_t *it = &dl->items[i];
        int cx = (int)(it->r.x + it->r.w / 2), cy = (int)(it->r.y + it->r.h / 2);
        if (it->kind == LAYOUT_DL_IMAGE) {
            images++;
            assert_true(it->r.w > 50 && fabsf(it->r.w / it->r.h - 2.0f) < 0.05f); /* aspect kept */
            assert_int_equal(pixel(s, cx, cy), 0xC81E1E);
        } else if (it->kind == LAYOUT_DL_QR) {
            qrs++;
            float mod = it->r.w / (float)(it->qr_size + 8);
            assert_true(mod >= 2.0f); /* modules big enough for a phone camera */
            int x0 = (int)it->r.x, y0 = (int)it->r.y;
            assert_int_equal(pixel(s, x0 + (int)(2 * mod), y0 + (int)(2 * mod)), 0xFFFFFF);   /* quiet zone */
            assert_int_equal(pixel(s, x0 + (int)(4.5f * mod), y0 + (int)(4.5f * mod)), 0);    /* finder ring */
            assert_int_equal(pixel(s, x0 + (int)(5.5f * mod), y0 + (int)(5.5f * mod)), 0xFFFFFF);
            assert_int_equal(pixel(s, x0 + (int)(7.5f * mod), y0 + (int)(7.5f * mod)), 0);    /* finder core */
        }
    }
    assert_int_equal(images, 1);
    assert_int_equal(qrs, 1);
    bool caption = false;
    for (int i = 0; i < dl->nlines; i++) caption |= strstr(dl->lines[i].text, "詳しくはこちら") != NULL;
    assert_true(caption);
    SDL_FreeSurface(s);
    engine_close(&e);
    free(cfg.content_dir);
    free(png);
    free(img);
    tu_rmrf(dir);
    free(dir);
}

/* The atlas stays within its pages however much text passes through it, and what it evicts is
 * drawn right: one frame with more large glyphs than the pages hold looks exactly like the same
 * visible glyphs drawn alone. */
static void test_atlas_bounded_and_evicts_cleanly(void **state)
{
    (void)state;
    dlist_t all = {0}, visible = {0};
    all.w = visible.w = plat.w;
    all.h = visible.h = plat.h;
    all.bg = visible.bg = 0xFFF5F3EEu;
    for (int i = 0; i < 440; i++) {
        dl_glyph_t g = {-400, -400, 0x4E00 + (uint32_t)i * 7, 0xFF1A1A1Au, 110, FONTS_FACE_REGULAR};
        if (i < 40) {
            g.x = 20.0f + (float)(i % 10) * 125;
            g.y = 130.0f + (float)(i / 10) * 140;
            MEM_ARRAY_GROW(visible.glyphs, visible.nglyphs, visible.capglyphs, visible.nglyphs + 1);
            visible.glyphs[visible.nglyphs++] = g;
        }
        MEM_ARRAY_GROW(all.glyphs, all.nglyphs, all.capglyphs, all.nglyphs + 1);
        all.glyphs[all.nglyphs++] = g;
    }
    render_reset(rd);
    atlas_stats_t before = atlas_stats(render_atlas(rd));
    render_dlist(rd, &all, 0, 0, 1);
    SDL_Surface *x = grab();
    atlas_stats_t st = atlas_stats(render_atlas(rd));
    assert_true(st.pages <= atlas_page_limit(render_atlas(rd)));
    assert_true(st.evictions > before.evictions);
    render_reset(rd);
    render_dlist(rd, &visible, 0, 0, 1);
    SDL_Surface *ref = grab();
    int differ = 0;
    for (int y = 0; y < plat.h; y++)
        for (int i = 0; i < plat.w; i++) differ += pixel(x, i, y) != pixel(ref, i, y);
    if (differ) fail_msg("%d pixels differ after evictions within one frame", differ);
    SDL_FreeSurface(x);
    SDL_FreeSurface(ref);
    layout_dlist_free(&all);
    layout_dlist_free(&visible);
    render_reset(rd);
}

static int max_channel_diff(SDL_Surface *a, SDL_Surface *b, int *count)
{
    int worst = 0;
    *count = 0;
    for (int y = 0; y < a->h; y++)
        for (int x = 0; x < a->w; x++) {
            Uint32 p = pixel(a, x, y), q = pixel(b, x, y);
            int d = 0;
            for (int sh = 0; sh <= 16; sh += 8) d = abs((int)((p >> sh) & 0xFF) - (int)((q >> sh) & 0xFF)) > d ? abs((int)((p >> sh) & 0xFF) - (int)((q >> sh) & 0xFF)) : d;
            if (d > 2) (*count)++;
            if (d > worst) worst = d;
        }
    return worst;
}

/* The software fast path (glyphs blended into the framebuffer from the atlas's coverage) and
 * the texture path (what a GPU uses) draw the same picture. */
static void test_soft_and_texture_paths_agree(void **state)
{
    (void)state;
    for (int i = 0; i < eng.deck.count; i += 3) {
        const dlist_t *dl = engine_panel(&eng, i, LANG_DEFAULT);
        render_set_soft_target(rd, platform_soft_surface(&plat));
        render_dlist(rd, dl, 0, 0, 1);
        SDL_Surface *a = grab();
        render_set_soft_target(rd, NULL);
        render_dlist(rd, dl, 0, 0, 1);
        SDL_Surface *b = grab();
        int n, worst = max_channel_diff(a, b, &n);
        if (n > 50) fail_msg("panel %d: %d pixels differ by more than 2 (worst %d)", i + 1, n, worst);
        SDL_FreeSurface(a);
        SDL_FreeSurface(b);
    }
    render_set_soft_target(rd, platform_soft_surface(&plat));
}

/* A crossfade starts on the old panel, ends on the new one, and in between mixes them. */
static void test_crossfade(void **state)
{
    (void)state;
    render_set_soft_target(rd, platform_soft_surface(&plat));
    const dlist_t *a = engine_panel(&eng, 0, LANG_DEFAULT), *b = engine_panel(&eng, 1, LANG_DEFAULT);
    render_dlist(rd, a, 0, 0, 1);
    SDL_Surface *ra = grab();
    render_dlist(rd, b, 0, 0, 1);
    SDL_Surface *rb = grab();
    render_crossfade(rd, a, b, 0);
    SDL_Surface *f0 = grab();
    render_crossfade(rd, a, b, 1);
    SDL_Surface *f1 = grab();
    render_crossfade(rd, a, b, 0.5f);
    SDL_Surface *fm = grab();
    int n;
    max_channel_diff(f0, ra, &n);
    assert_true(n < 50);
    max_channel_diff(f1, rb, &n);
    assert_true(n < 50);
    int differ_a, differ_b;
    max_channel_diff(fm, ra, &differ_a);
    max_channel_diff(fm, rb, &differ_b);
    assert_true(differ_a > 10000 && differ_b > 10000); /* halfway: neither panel */
    Uint32 bg = pixel(fm, 2, 2), want = 0;            /* a corner: the backgrounds' mean */
    for (int sh = 0; sh <= 16; sh += 8) want |= ((((a->bg >> sh) & 0xFF) + ((b->bg >> sh) & 0xFF) + 1) / 2) << sh;
    for (int sh = 0; sh <= 16; sh += 8) assert_true(abs((int)((bg >> sh) & 0xFF) - (int)((want >> sh) & 0xFF)) <= 1);
    SDL_FreeSurface(ra);
    SDL_FreeSurface(rb);
    SDL_FreeSurface(f0);
    SDL_FreeSurface(f1);
    SDL_FreeSurface(fm);
}

/* A screenshot PNG decodes (with SDL2_image's own decoder) to exactly the pixels on screen. */
static void test_screenshot_png_round_trip(void **state)
{
    (void)state;
    scene_draw_panel(&plat, rd, &eng, 2, LANG_DEFAULT, false);
    SDL_Surface *shown = grab();
    char *dir = tu_tmpdir(), *png = path_join(dir, "shot.png");
    assert_int_equal(shot_save_png(plat.r, platform_soft_surface(&plat), png), 0);
    SDL_Surface *raw = IMG_Load(png);
    assert_non_null(raw);
    SDL_Surface *back = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    assert_int_equal(back->w, plat.w);
    assert_int_equal(back->h, plat.h);
    for (int y = 0; y < plat.h; y++)
        for (int x = 0; x < plat.w; x++)
            if (pixel(back, x, y) != pixel(shown, x, y)) fail_msg("pixel %d,%d: %06X in the PNG, %06X on screen", x, y, pixel(back, x, y), pixel(shown, x, y));
    SDL_FreeSurface(raw);
    SDL_FreeSurface(back);
    SDL_FreeSurface(shown);
    tu_rmrf(dir);
    free(png);
    free(dir);
}

/* The PNG read strictly with zlib itself: every chunk's CRC, the IHDR, the IDAT stream whole
 * with its Adler-32 (libpng stops reading once it has the rows), each scanline against f. */
static void png_strict_check(const char *path, SDL_Surface *f)
{
    size_t n;
    char *text;
    const char *err;
    assert_int_equal(path_read(path, 64u << 20, &text, &n, &err), 0);
    unsigned char *d = (unsigned char *)text;
    assert_true(n > 8 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8));
    unsigned char *idat = NULL;
    size_t idat_len = 0;
    bool ihdr = false, iend = false;
    for (size_t i = 8; i + 12 <= n && !iend;) {
        uint32_t len = (uint32_t)d[i] << 24 | (uint32_t)d[i + 1] << 16 | (uint32_t)d[i + 2] << 8 | d[i + 3];
        assert_true(i + 12 + len <= n);
        const unsigned char *type = d + i + 4, *body = d + i + 8, *crc = body + len;
        uLong want = (uLong)crc[0] << 24 | (uLong)crc[1] << 16 | (uLong)crc[2] << 8 | crc[3];
        if (crc32(0, type, 4 + len) != want) fail_msg("%.4s chunk: bad CRC", (const char *)type);
        if (!memcmp(type, "IHDR", 4)) {
            uint32_t w = (uint32_t)body[0] << 24 | (uint32_t)body[1] << 16 | (uint32_t)body[2] << 8 | body[3];
            uint32_t h = (uint32_t)body[4] << 24 | (uint32_t)body[5] << 16 | (uint32_t)body[6] << 8 | body[7];
            assert_int_equal(w, f->w);
            assert_int_equal(h, f->h);
            assert_int_equal(body[8], 8); /* 8 bits */
            assert_int_equal(body[9], 2); /* RGB */
            ihdr = true;
        } else if (!memcmp(type, "IDAT", 4)) {
            idat = realloc(idat, idat_len + len + 1);
            memcpy(idat + idat_len, body, len);
            idat_len += len;
        } else if (!memcmp(type, "IEND", 4)) iend = true;
        i += 12 + len;
    }
    assert_true(ihdr && iend);
    uLongf raw_len = (uLongf)(f->w * 3 + 1) * (uLongf)f->h;
    unsigned char *raw = malloc(raw_len + 1);
    uLongf got = raw_len + 1;
    int rc = uncompress(raw, &got, idat, idat_len);
    if (rc != Z_OK) fail_msg("%dx%d: the IDAT stream does not inflate (zlib %d)", f->w, f->h, rc);
    assert_int_equal(got, raw_len);
    for (int y = 0; y < f->h; y++) {
        const unsigned char *line = raw + (size_t)y * (size_t)(f->w * 3 + 1);
        assert_int_equal(line[0], 0);
        for (int x = 0; x < f->w; x++) {
            Uint32 p = (Uint32)line[1 + x * 3] << 16 | (Uint32)line[2 + x * 3] << 8 | line[3 + x * 3];
            if (p != pixel(f, x, y)) fail_msg("%dx%d pixel %d,%d: %06X in the PNG, %06X drawn", f->w, f->h, x, y, p, pixel(f, x, y));
        }
    }
    free(raw);
    free(idat);
    free(d);
}

/* Screenshot names keep the deck's order in the file name and do not say a number twice. */
static void test_screenshot_file_names(void **state)
{
    (void)state;
    char n[256];
    shot_file_name(n, sizeof n, "d", 0, "01-title");
    assert_string_equal(n, "d/01-title.png");
    shot_file_name(n, sizeof n, "d", 0, "1-title");
    assert_string_equal(n, "d/01-title.png");
    shot_file_name(n, sizeof n, "d", 2, "museum");
    assert_string_equal(n, "d/03-museum.png");
    shot_file_name(n, sizeof n, "d", 3, "05-broken"); /* 04 missing: the place and the name differ */
    assert_string_equal(n, "d/04-05-broken.png");
    shot_file_name(n, sizeof n, "d", 11, "12_kyoto");
    assert_string_equal(n, "d/12-kyoto.png");
    shot_file_name(n, sizeof n, "d", 0, "01"); /* nothing after the number: keep the stem */
    assert_string_equal(n, "d/01-01.png");
    shot_file_name(n, sizeof n, "d", 0, "notice");
    assert_string_equal(n, "d/01-notice.png");
}

/* Any frame size, down to fewer rows than the PNG writer has bands, and noise that deflate
 * cannot shrink: written straight from the frame and read back through a renderer, every PNG
 * decodes to the same pixels. A path that cannot be written is an error, not a crash. */
static void test_screenshot_png_any_size(void **state)
{
    (void)state;
    static const int sizes[][2] = {{1, 1}, {37, 5}, {3, 17}, {333, 16}, {640, 33}, {200, 150}};
    char *dir = tu_tmpdir(), *png = path_join(dir, "s.png");
    uint32_t seed = 12345;
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        int w = sizes[k][0], h = sizes[k][1];
        SDL_Surface *f = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_XRGB8888);
        SDL_Renderer *r = SDL_CreateSoftwareRenderer(f);
        assert_non_null(r);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                seed = seed * 1103515245u + 12345u;
                /* noise in the top half, flat below: both kinds of band */
                ((Uint32 *)((Uint8 *)f->pixels + y * f->pitch))[x] = y < h / 2 ? seed >> 8 : 0x0B5CAD;
            }
        for (int via_renderer = 0; via_renderer < 2; via_renderer++) {
            assert_int_equal(shot_save_png(r, via_renderer ? NULL : f, png), 0);
            png_strict_check(png, f);
            SDL_Surface *raw = IMG_Load(png);
            assert_non_null(raw);
            SDL_Surface *back = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
            assert_int_equal(back->w, w);
            assert_int_equal(back->h, h);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    if (pixel(back, x, y) != pixel(f, x, y))
                        fail_msg("%dx%d pixel %d,%d: %06X in the PNG, %06X drawn", w, h, x, y, pixel(back, x, y), pixel(f, x, y));
            SDL_FreeSurface(raw);
            SDL_FreeSurface(back);
        }
        char *nowhere = path_join(dir, "missing/s.png");
        assert_int_equal(shot_save_png(r, f, nowhere), -1);
        free(nowhere);
        SDL_DestroyRenderer(r);
        SDL_FreeSurface(f);
    }
    tu_rmrf(dir);
    free(png);
    free(dir);
}


/* ---- geometry: where things land on the output (rotation, burn-in shift, clipping) ---- */

#define SW 320 /* a small picture: every pixel is compared */
#define SH 200

static void item(dlist_t *dl, dl_kind_t k, rectf_t r, uint32_t color)
{
    MEM_ARRAY_GROW(dl->items, dl->nitems, dl->capitems, dl->nitems + 1);
    dl->items[dl->nitems++] = (dl_item_t){.kind = k, .r = r, .color = color};
}

static void glyph(dlist_t *dl, float x, float y, uint32_t cp, uint32_t color, float px)
{
    MEM_ARRAY_GROW(dl->glyphs, dl->nglyphs, dl->capglyphs, dl->nglyphs + 1);
    dl->glyphs[dl->nglyphs++] = (dl_glyph_t){x, y, cp, color, px, FONTS_FACE_REGULAR};
}

/* A picture of known parts: opaque blocks of four colours (one in each corner region, none
 * symmetric), a hairline rule under a pixel high, a translucent band, a disc and two glyphs. */
static void scene(dlist_t *dl, int w, int h)
{
    memset(dl, 0, sizeof *dl);
    dl->w = w;
    dl->h = h;
    dl->bg = 0xFFF5F3EEu;
    item(dl, LAYOUT_DL_RECT, (rectf_t){0, 0, 60, 30}, 0xFFC81E1Eu);          /* red, the top-left corner */
    item(dl, LAYOUT_DL_RECT, (rectf_t){(float)w - 40, 10, 40, 70}, 0xFF1E8C1Eu); /* green, on the right edge */
    item(dl, LAYOUT_DL_RECT, (rectf_t){20, (float)h - 50, 100, 50}, 0xFF1E1EC8u); /* blue, on the bottom edge */
    item(dl, LAYOUT_DL_RECT, (rectf_t){150, 40, 90, 0.5f}, 0xFF202020u);     /* a hairline */
    item(dl, LAYOUT_DL_RECT, (rectf_t){100, 100, 120, 30}, 0x80000000u);     /* translucent black */
    item(dl, LAYOUT_DL_DISC, (rectf_t){250, 120, 30, 30}, 0xFF6A1B9Au);
    glyph(dl, 130, 180, 0x6848, 0xFF1A1A1Au, 40); /* 案 */
    glyph(dl, 170, 180, 0x5185, 0xFF1A1A1Au, 40); /* 内 */
}

typedef struct {
    SDL_Surface *s;
    SDL_Renderer *r;
    render_t *rd;
} target_t;

static target_t target_open(int w, int h, Uint32 format)
{
    target_t t;
    t.s = SDL_CreateRGBSurfaceWithFormat(0, w, h, SDL_BITSPERPIXEL(format), format);
    assert_non_null(t.s);
    t.r = SDL_CreateSoftwareRenderer(t.s);
    assert_non_null(t.r);
    t.rd = render_create(t.r, eng.fonts);
    return t;
}

static void target_close(target_t *t)
{
    render_destroy(t->rd);
    SDL_DestroyRenderer(t->r);
    SDL_FreeSurface(t->s);
}

static SDL_Surface *target_grab(target_t *t)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, t->s->w, t->s->h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_int_equal(SDL_RenderReadPixels(t->r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch), 0);
    return s;
}

static int channel_diff(Uint32 p, Uint32 q)
{
    int d = 0;
    for (int sh = 0; sh <= 16; sh += 8) {
        int e = abs((int)((p >> sh) & 0xFF) - (int)((q >> sh) & 0xFF));
        if (e > d) d = e;
    }
    return d;
}

/* The blocks where the layout put them: each block's inside in its colour, the background
 * just outside its free edges. */
static void check_blocks(SDL_Surface *f, const char *what)
{
    static const struct { int x, y, w, h; Uint32 c; } b[] = {
        {0, 0, 60, 30, 0xC81E1E}, {SW - 40, 10, 40, 70, 0x1E8C1E}, {20, SH - 50, 100, 50, 0x1E1EC8}};
    for (size_t i = 0; i < sizeof b / sizeof *b; i++) {
        for (int y = b[i].y; y < b[i].y + b[i].h; y++)
            for (int x = b[i].x; x < b[i].x + b[i].w; x++)
                if (pixel(f, x, y) != b[i].c) fail_msg("%s: block %zu: pixel %d,%d is %06X", what, i, x, y, pixel(f, x, y));
        if (b[i].x > 0) assert_int_equal(pixel(f, b[i].x - 1, b[i].y + 1), 0xF5F3EE);
        if (b[i].x + b[i].w < SW) assert_int_equal(pixel(f, b[i].x + b[i].w, b[i].y + 1), 0xF5F3EE);
        if (b[i].y > 0) assert_int_equal(pixel(f, b[i].x + 1, b[i].y - 1), 0xF5F3EE);
        if (b[i].y + b[i].h < SH) assert_int_equal(pixel(f, b[i].x + 1, b[i].y + b[i].h), 0xF5F3EE);
    }
    /* the hairline: one row of ink, not none */
    assert_int_equal(pixel(f, 190, 40), 0x202020);
    assert_int_equal(pixel(f, 190, 41), 0xF5F3EE);
    /* the translucent band: the background half covered */
    Uint32 band = pixel(f, 160, 115);
    if (channel_diff(band, 0x7B7A77) > 3) fail_msg("%s: the translucent band is %06X", what, band);
    /* the disc: round, centred on its place */
    int n = 0;
    double sx = 0, sy = 0;
    for (int y = 110; y < 160; y++)
        for (int x = 240; x < 290; x++)
            if (channel_diff(pixel(f, x, y), 0x6A1B9A) < 40) { n++; sx += x + 0.5; sy += y + 0.5; }
    if (n < 500 || fabs(sx / n - 265) > 1 || fabs(sy / n - 135) > 1)
        fail_msg("%s: the disc (%d px) is centred at %.1f,%.1f, not 265,135", what, n, n ? sx / n : 0, n ? sy / n : 0);
}

/* out(x, y) of a picture turned by rot onto an ow x oh output: the picture's pixel there */
static Uint32 unturned(SDL_Surface *pic, int rot, int ow, int oh, int x, int y)
{
    switch (rot) {
    case 90: return pixel(pic, y, ow - 1 - x);
    case 180: return pixel(pic, ow - 1 - x, oh - 1 - y);
    case 270: return pixel(pic, oh - 1 - y, x);
    default: return pixel(pic, x, y);
    }
}

/* A screen mounted sideways or upside down shows the picture turned: every block, the rule, the
 * band, the disc and the glyphs land on the turned place, the picture's top-left corner on the
 * output's top-right for 90 degrees, bottom-right for 180, bottom-left for 270. */
static void test_rotated_frames_land_turned(void **state)
{
    (void)state;
    dlist_t dl;
    scene(&dl, SW, SH);
    target_t up = target_open(SW, SH, SDL_PIXELFORMAT_XRGB8888);
    render_dlist(up.rd, &dl, 0, 0, 1); /* upright, through SDL (the GPU's path) */
    SDL_Surface *pic = target_grab(&up);
    check_blocks(pic, "upright");
    render_set_soft_target(up.rd, up.s); /* and the software fast path: the same picture */
    render_dlist(up.rd, &dl, 0, 0, 1);
    SDL_Surface *soft_pic = target_grab(&up);
    check_blocks(soft_pic, "upright, software path");
    static const int rots[] = {90, 180, 270};
    for (int k = 0; k < 3; k++) {
        int rot = rots[k], ow = rot == 180 ? SW : SH, oh = rot == 180 ? SH : SW;
        target_t t = target_open(ow, oh, SDL_PIXELFORMAT_XRGB8888);
        render_set_soft_target(t.rd, t.s); /* not used while turned: SDL draws it */
        render_set_view(t.rd, rot, ow, oh, 0, 0);
        render_dlist(t.rd, &dl, 0, 0, 1);
        SDL_Surface *out = target_grab(&t);
        int differ = 0;
        for (int y = 0; y < oh; y++)
            for (int x = 0; x < ow; x++) { /* (glyphs and discs may land a pixel off: SDL's rasteriser) */
                int best = 255;
                for (int q = 0; q < 9; q++) {
                    int nx = x + q % 3 - 1, ny = y + q / 3 - 1;
                    if (nx < 0 || ny < 0 || nx >= ow || ny >= oh) continue;
                    int d = channel_diff(pixel(out, x, y), unturned(pic, rot, ow, oh, nx, ny));
                    if (d < best) best = d;
                }
                differ += best > 40;
            }
        if (differ > 0) fail_msg("rotate %d: %d pixels are not the upright picture's, turned", rot, differ);
        /* the red corner block */
        int cx = rot == 90 ? ow - 5 : rot == 180 ? ow - 5 : 5, cy = rot == 90 ? 5 : rot == 180 ? oh - 5 : oh - 5;
        if (pixel(out, cx, cy) != 0xC81E1E) fail_msg("rotate %d: the picture's top-left corner is not at %d,%d", rot, cx, cy);
        SDL_FreeSurface(out);
        target_close(&t);
    }
    SDL_FreeSurface(pic);
    SDL_FreeSurface(soft_pic);
    target_close(&up);
    layout_dlist_free(&dl);
}

/* The burn-in shift moves everything but the background by (ox, oy): the picture is the same,
 * moved, and no edge is left unpainted (the background reaches past the shift). */
static void test_burn_in_shift_moves_all(void **state)
{
    (void)state;
    dlist_t dl;
    scene(&dl, SW, SH);
    for (int soft_path = 0; soft_path < 2; soft_path++) {
        target_t t = target_open(SW, SH, SDL_PIXELFORMAT_XRGB8888);
        if (soft_path) render_set_soft_target(t.rd, t.s);
        render_dlist(t.rd, &dl, 0, 0, 1);
        SDL_Surface *ref = target_grab(&t);
        static const int shifts[][2] = {{4, -3}, {-5, 2}};
        for (int k = 0; k < 2; k++) {
            int ox = shifts[k][0], oy = shifts[k][1];
            SDL_FillRect(t.s, NULL, 0); /* last frame: black */
            render_set_view(t.rd, 0, SW, SH, ox, oy);
            render_dlist(t.rd, &dl, 0, 0, 1);
            SDL_Surface *f = target_grab(&t);
            int differ = 0, unpainted = 0;
            for (int y = 0; y < SH; y++)
                for (int x = 0; x < SW; x++) {
                    unpainted += pixel(f, x, y) == 0;
                    int sx = x - ox, sy = y - oy;
                    if (sx < 0 || sy < 0 || sx >= SW || sy >= SH) continue;
                    differ += channel_diff(pixel(f, x, y), pixel(ref, sx, sy)) > 2;
                }
            if (differ || unpainted)
                fail_msg("%s path, shift %d,%d: %d pixels not moved with the picture, %d left unpainted", soft_path ? "software" : "SDL",
                         ox, oy, differ, unpainted);
            SDL_FreeSurface(f);
        }
        SDL_FreeSurface(ref);
        target_close(&t);
    }
    layout_dlist_free(&dl);
}

/* The software path paints every pixel of a fill over whatever the last frame left, mixes a
 * translucent fill and a fading glyph as SDL would, and clips a glyph that runs off the right
 * or bottom edge (a slide) instead of wrapping it onto the next row. */
static void test_soft_fill_blend_clip(void **state)
{
    (void)state;
    dlist_t dl;
    scene(&dl, SW, SH);
    glyph(&dl, (float)SW - 18, 140, 0x6848, 0xFF1A1A1Au, 40);  /* half off the right edge */
    glyph(&dl, 250, (float)SH + 14, 0x5185, 0xFF1A1A1Au, 40); /* half off the bottom */
    for (int a = 0; a < 3; a++) {
        float alpha = a == 0 ? 1.0f : a == 1 ? 0.5f : 0.8f;
        target_t gpu = target_open(SW, SH, SDL_PIXELFORMAT_XRGB8888), soft = target_open(SW, SH, SDL_PIXELFORMAT_XRGB8888);
        render_set_soft_target(soft.rd, soft.s);
        SDL_FillRect(soft.s, NULL, 0);
        SDL_FillRect(gpu.s, NULL, 0);
        render_dlist(gpu.rd, &dl, 0, 0, alpha);
        render_dlist(soft.rd, &dl, 0, 0, alpha);
        SDL_Surface *g = target_grab(&gpu), *s = target_grab(&soft);
        int differ = 0, worst = 0;
        for (int y = 0; y < SH; y++)
            for (int x = 0; x < SW; x++) {
                int d = channel_diff(pixel(g, x, y), pixel(s, x, y));
                differ += d > 2;
                if (d > worst) worst = d;
            }
        if (differ > 20) fail_msg("alpha %.1f: %d pixels of the software path differ from SDL's (worst %d)", alpha, differ, worst);
        if (alpha == 1) {
            check_blocks(s, "software path");
            for (int y = 0; y < SH; y++) /* the left edge: nothing wrapped round from the right */
                for (int x = 0; x < 8; x++)
                    if (y < SH - 50 && !(y < 30) && pixel(s, x, y) != 0xF5F3EE) fail_msg("pixel %d,%d: ink wrapped round", x, y);
        }
        SDL_FreeSurface(g);
        SDL_FreeSurface(s);
        target_close(&gpu);
        target_close(&soft);
    }
    layout_dlist_free(&dl);
}

/* A frame whose surface is not 32-bit XRGB (a 24-bit or ABGR framebuffer) is drawn through SDL,
 * in the right colours, not blended into as if it were. */
static void test_other_surface_formats(void **state)
{
    (void)state;
    dlist_t dl;
    scene(&dl, SW, SH);
    static const Uint32 formats[] = {SDL_PIXELFORMAT_ABGR8888, SDL_PIXELFORMAT_RGB24, SDL_PIXELFORMAT_BGR24, SDL_PIXELFORMAT_RGB565};
    for (size_t k = 0; k < sizeof formats / sizeof *formats; k++) {
        target_t t = target_open(SW, SH, formats[k]);
        render_set_soft_target(t.rd, t.s);
        render_dlist(t.rd, &dl, 0, 0, 1);
        SDL_Surface *f = target_grab(&t);
        Uint32 red = pixel(f, 30, 15), blue = pixel(f, 60, SH - 20);
        if (channel_diff(red, 0xC81E1E) > 8 || channel_diff(blue, 0x1E1EC8) > 8)
            fail_msg("%s: red drawn %06X, blue %06X", SDL_GetPixelFormatName(formats[k]), red, blue);
        SDL_FreeSurface(f);
        target_close(&t);
    }
    layout_dlist_free(&dl);
}

/* A picture is read once and kept (not read again every frame: it stays on screen when its
 * file goes), and read again after a renderer reset, which drops the textures: a picture the
 * curator replaced then shows. Decoding leaves nothing allocated behind. */
static void test_image_cache(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char *png[9];
    for (int i = 0; i < 9; i++) { /* one more than the cache holds */
        char name[16];
        snprintf(name, sizeof name, "p%d.png", i);
        png[i] = path_join(dir, name);
        SDL_Surface *p = SDL_CreateRGBSurfaceWithFormat(0, 40, 40, 32, SDL_PIXELFORMAT_ARGB8888);
        SDL_FillRect(p, NULL, SDL_MapRGB(p->format, 10 + 20 * i, 200, 30));
        assert_int_equal(IMG_SavePNG(p, png[i]), 0);
        SDL_FreeSurface(p);
    }
    target_t t = target_open(SW, SH, SDL_PIXELFORMAT_XRGB8888);
    render_set_soft_target(t.rd, t.s);
    dlist_t dl = {0};
    dl.w = SW;
    dl.h = SH;
    dl.bg = 0xFFFFFFFFu;
    MEM_ARRAY_GROW(dl.items, dl.nitems, dl.capitems, 1);
    dl.items[dl.nitems++] = (dl_item_t){.kind = LAYOUT_DL_IMAGE, .r = {10, 10, 40, 40}, .image = png[0]};
    render_dlist(t.rd, &dl, 0, 0, 1);
    SDL_Surface *f = target_grab(&t);
    assert_int_equal(pixel(f, 30, 30), 0x0AC81E);
    SDL_FreeSurface(f);
    for (int i = 1; i < 8; i++) { /* seven more pictures: the first is still cached */
        dl.items[0].image = png[i];
        render_dlist(t.rd, &dl, 0, 0, 1);
    }
    assert_int_equal(unlink(png[0]), 0);
    dl.items[0].image = png[0];
    render_dlist(t.rd, &dl, 0, 0, 1);
    f = target_grab(&t);
    if (pixel(f, 30, 30) != 0x0AC81E) fail_msg("a cached picture was read again (%06X drawn)", pixel(f, 30, 30));
    SDL_FreeSurface(f);
    /* the curator replaces it; a renderer reset drops the textures and it is read anew */
    SDL_Surface *p = SDL_CreateRGBSurfaceWithFormat(0, 40, 40, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_FillRect(p, NULL, SDL_MapRGB(p->format, 240, 240, 0));
    assert_int_equal(IMG_SavePNG(p, png[0]), 0);
    SDL_FreeSurface(p);
    render_reset(t.rd);
    render_dlist(t.rd, &dl, 0, 0, 1);
    f = target_grab(&t);
    if (pixel(f, 30, 30) != 0xF0F000) fail_msg("after a reset the old picture is still drawn (%06X)", pixel(f, 30, 30));
    SDL_FreeSurface(f);
    /* decoding again and again allocates nothing that stays */
    assert_null(render_probe_image(png[1]));
    int before = SDL_GetNumAllocations();
    for (int i = 0; i < 20; i++) assert_null(render_probe_image(png[1 + i % 8]));
    assert_int_equal(SDL_GetNumAllocations(), before);
    target_close(&t);
    layout_dlist_free(&dl);
    for (int i = 0; i < 9; i++) free(png[i]);
    tu_rmrf(dir);
    free(dir);
}


/* A QR code on any panel colour: the quiet zone all round and every light module white, every
 * dark module black, each module where its row and column say (a phone needs all three), on
 * both drawing paths. */
static void test_qr_modules_and_quiet_zone(void **state)
{
    (void)state;
    enum { N = 21, MOD = 5 };
    unsigned char *q = malloc(N * N);
    uint32_t seed = 7;
    for (int i = 0; i < N * N; i++) {
        seed = seed * 1103515245u + 12345u;
        q[i] = (seed >> 16) & 1;
    }
    dlist_t dl = {0};
    dl.w = SW;
    dl.h = SH;
    dl.bg = 0xFF1E3A8Au; /* a title panel's blue */
    MEM_ARRAY_GROW(dl.items, dl.nitems, dl.capitems, 1);
    dl.items[dl.nitems++] = (dl_item_t){.kind = LAYOUT_DL_QR, .r = {30, 20, (N + 8) * MOD, (N + 8) * MOD}, .qr = q, .qr_size = N};
    for (int path = 0; path < 3; path++) { /* SDL's, the software fast path, turned 180 degrees */
        target_t t = target_open(SW, SH, SDL_PIXELFORMAT_XRGB8888);
        if (path == 1) render_set_soft_target(t.rd, t.s);
        if (path == 2) render_set_view(t.rd, 180, SW, SH, 0, 0);
        render_dlist(t.rd, &dl, 0, 0, 1);
        SDL_Surface *f = target_grab(&t);
        for (int row = 0; row < N + 8; row++)
            for (int col = 0; col < N + 8; col++) {
                bool code = row >= 4 && col >= 4 && row < N + 4 && col < N + 4, dark = code && q[(row - 4) * N + col - 4];
                for (int k = 0; k < 4; k++) { /* every pixel of the module but its rounded edges */
                    int x = 30 + col * MOD + 1 + (k & 1) * (MOD - 3), y = 20 + row * MOD + 1 + (k >> 1) * (MOD - 3);
                    if (path == 2) x = SW - 1 - x, y = SH - 1 - y;
                    Uint32 want = dark ? 0 : 0xFFFFFF;
                    if (pixel(f, x, y) != want)
                        fail_msg("path %d: module %d,%d (%s) drawn %06X", path, col, row, code ? (dark ? "dark" : "light") : "quiet zone", pixel(f, x, y));
                }
            }
        assert_int_equal(pixel(f, path == 2 ? SW - 1 - 28 : 28, path == 2 ? SH - 1 - 20 : 20), 0x1E3A8A); /* outside: the panel */
        SDL_FreeSurface(f);
        target_close(&t);
    }
    layout_dlist_free(&dl);
    free(q);
}

static int setup(void **s)
{
    (void)s;
    linebreak_init();
    config_t cfg;
    config_defaults(&cfg);
    cfg.content_dir = mem_strdup("content");
    diag_list_t d = {0};
    if (engine_open(&eng, &cfg, "fonts", &d)) return -1;
    diag_clear(&d);
    engine_set_size(&eng, 1280, 720);
    if (platform_open(&plat, &cfg, PLATFORM_HEADLESS, 1280, 720)) return -1;
    rd = render_create(plat.r, eng.fonts);
    free(cfg.content_dir);
    return 0;
}

static int teardown(void **s)
{
    (void)s;
    render_destroy(rd);
    platform_close(&plat);
    engine_close(&eng);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_panel_shows_its_text),
        cmocka_unit_test(test_second_draw_rasterises_nothing),
        cmocka_unit_test(test_atlas_survives_reset),
        cmocka_unit_test(test_image_and_qr_drawn),
        cmocka_unit_test(test_soft_and_texture_paths_agree),
        cmocka_unit_test(test_crossfade),
        cmocka_unit_test(test_screenshot_png_round_trip),
        cmocka_unit_test(test_screenshot_png_any_size),
        cmocka_unit_test(test_screenshot_file_names),
        cmocka_unit_test(test_atlas_bounded_and_evicts_cleanly),
        cmocka_unit_test(test_rotated_frames_land_turned),
        cmocka_unit_test(test_burn_in_shift_moves_all),
        cmocka_unit_test(test_soft_fill_blend_clip),
        cmocka_unit_test(test_other_surface_formats),
        cmocka_unit_test(test_image_cache),
        cmocka_unit_test(test_qr_modules_and_quiet_zone),
    };
    return cmocka_run_group_tests_name("render", tests, setup, teardown);
}
