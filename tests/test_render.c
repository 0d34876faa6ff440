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
    };
    return cmocka_run_group_tests_name("render", tests, setup, teardown);
}
