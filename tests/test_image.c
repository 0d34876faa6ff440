/* Pictures a curator puts in a panel: the ones in the content folder shown at their size, every
 * other one refused with the reason, before anything decodes it (a 64 KiB header at most). */
#define _DEFAULT_SOURCE /* realpath, symlink, truncate */
#include "testutil.h"
#include <limits.h>
#include <sys/stat.h>
#include "annai/image.h"

static char *dir;

static void put(const char *name, const unsigned char *b, size_t n) { free(tu_write(dir, name, (const char *)b, n)); }

/* A PNG up to its IHDR chunk: what the probe reads. */
static void put_png(const char *name, unsigned w, unsigned h)
{
    unsigned char b[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                         w >> 24, (w >> 16) & 255, (w >> 8) & 255, w & 255, h >> 24, (h >> 16) & 255, (h >> 8) & 255, h & 255,
                         8, 6, 0, 0, 0};
    put(name, b, sizeof b);
}

/* A JPEG: SOI, an APP0 segment of app bytes, then a start-of-frame segment of marker sof. */
static void put_jpeg(const char *name, size_t app, unsigned sof, unsigned w, unsigned h)
{
    buf_t b = {0};
    buf_put(&b, "\xFF\xD8\xFF\xE0", 4);
    buf_putc(&b, (char)((app + 2) >> 8));
    buf_putc(&b, (char)((app + 2) & 255));
    for (size_t i = 0; i < app; i++) buf_putc(&b, 0);
    const unsigned char sofseg[] = {0xFF, sof, 0, 17, 8, h >> 8, h & 255, w >> 8, w & 255, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1};
    buf_put(&b, (const char *)sofseg, sizeof sofseg);
    buf_put(&b, "\xFF\xD9", 2);
    put(name, (const unsigned char *)b.data, b.len);
    buf_free(&b);
}

static const char *probe(const char *name, int *w, int *h)
{
    char *p = path_join(dir, name);
    *w = *h = -1;
    const char *err = image_probe(p, w, h);
    free(p);
    return err;
}

static void expect_probe(const char *name, const char *err, int w, int h)
{
    int gw, gh;
    const char *got = probe(name, &gw, &gh);
    if (err ? !got || strcmp(got, err) : got != NULL) fail_msg("%s: %s, want %s", name, got ? got : "ok", err ? err : "ok");
    if (!err && (gw != w || gh != h)) fail_msg("%s: %dx%d, want %dx%d", name, gw, gh, w, h);
}

static void test_png_sizes(void **state)
{
    (void)state;
    put_png("a.png", 640, 480);
    expect_probe("a.png", NULL, 640, 480);
    put_png("wide.png", 70000, 1);
    expect_probe("wide.png", NULL, 70000, 1);
    put_png("dot.png", 1, 1); /* a one-pixel rule or spacer is a picture too */
    expect_probe("dot.png", NULL, 1, 1);
    put_png("zero-w.png", 0, 5);
    expect_probe("zero-w.png", "corrupt PNG header", 0, 0);
    put_png("zero-h.png", 5, 0);
    expect_probe("zero-h.png", "corrupt PNG header", 0, 0);
    put_png("neg.png", 0x80000000u, 5); /* past INT_MAX: no negative size reaches the layout */
    expect_probe("neg.png", "corrupt PNG header", 0, 0);
    static const unsigned char sig[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 2};
    put("short.png", sig, sizeof sig);
    expect_probe("short.png", "truncated PNG image", 0, 0);
    put("sig.png", sig, 8);
    expect_probe("sig.png", "truncated PNG image", 0, 0);
    unsigned char other[29];
    memcpy(other, sig, sizeof sig);
    memset(other + sizeof sig, 1, sizeof other - sizeof sig);
    memcpy(other + 12, "iCCP", 4); /* a PNG whose first chunk is not IHDR */
    put("noihdr.png", other, sizeof other);
    expect_probe("noihdr.png", "truncated PNG image", 0, 0);
}

static void test_jpeg_sizes(void **state)
{
    (void)state;
    put_jpeg("a.jpg", 14, 0xC0, 800, 600);
    expect_probe("a.jpg", NULL, 800, 600);
    put_jpeg("progressive.jpg", 14, 0xC2, 1024, 768);
    expect_probe("progressive.jpg", NULL, 1024, 768);
    put_jpeg("sof15.jpg", 14, 0xCF, 3, 4);
    expect_probe("sof15.jpg", NULL, 3, 4);
    /* a camera's EXIF before the size: still found inside the first 64 KiB */
    put_jpeg("exif.jpg", 60000, 0xC0, 4000, 3000);
    expect_probe("exif.jpg", NULL, 4000, 3000);
    put_jpeg("late.jpg", 65530, 0xC0, 4000, 3000);
    expect_probe("late.jpg", "truncated or corrupt JPEG", 0, 0);
    /* DHT, JPG and DAC share the SOF range but hold no size: skipped, the SOF after them read */
    for (unsigned m = 0xC4; m <= 0xCC; m += 4) {
        buf_t b = {0};
        buf_put(&b, "\xFF\xD8\xFF", 3);
        buf_putc(&b, (char)m);
        buf_put(&b, "\x00\x08\x00\x01\x00\x02\x00\x03", 8);
        buf_put(&b, "\xFF\xC0\x00\x11\x08\x00\x0A\x00\x14\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 19);
        put("tables.jpg", (const unsigned char *)b.data, b.len);
        buf_free(&b);
        expect_probe("tables.jpg", NULL, 20, 10);
    }
    put_jpeg("dot.jpg", 14, 0xC0, 1, 1);
    expect_probe("dot.jpg", NULL, 1, 1);
    put_jpeg("zero.jpg", 14, 0xC0, 0, 600);
    expect_probe("zero.jpg", "corrupt JPEG header", 0, 0);
    put_jpeg("zero-h.jpg", 14, 0xC0, 600, 0);
    expect_probe("zero-h.jpg", "corrupt JPEG header", 0, 0);
    static const unsigned char nomarker[] = {0xFF, 0xD8, 0x00, 0xE0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    put("nomarker.jpg", nomarker, sizeof nomarker);
    expect_probe("nomarker.jpg", "corrupt JPEG header", 0, 0);
    static const unsigned char seg1[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    put("seglen.jpg", seg1, sizeof seg1);
    expect_probe("seglen.jpg", "corrupt JPEG header", 0, 0);
    static const unsigned char seg2[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 2, 0xFF, 0xC0, 0, 17, 8, 0, 5, 0, 6, 3, 0, 0, 0};
    put("seglen2.jpg", seg2, sizeof seg2); /* an empty segment (length 2) is valid */
    expect_probe("seglen2.jpg", NULL, 6, 5);
    static const unsigned char soi[] = {0xFF, 0xD8, 0xFF, 0xE0};
    put("soi.jpg", soi, sizeof soi);
    expect_probe("soi.jpg", "truncated or corrupt JPEG", 0, 0);
    static const unsigned char cut[] = {0xFF, 0xD8, 0xFF, 0xC0, 0, 17, 8, 0, 5, 0, 6};
    put("cut.jpg", cut, sizeof cut); /* the size is there, one byte short of what is read */
    expect_probe("cut.jpg", "truncated or corrupt JPEG", 0, 0);
}

static void test_not_an_image(void **state)
{
    (void)state;
    put("text.png", (const unsigned char *)"not an image", 12);
    expect_probe("text.png", "not a PNG or JPEG image", 0, 0);
    put("ff.jpg", (const unsigned char *)"\xFF\xD8\xFF", 3);
    expect_probe("ff.jpg", "not a PNG or JPEG image", 0, 0);
    put("gif.png", (const unsigned char *)"GIF89a\x01\x00\x01\x00", 10);
    expect_probe("gif.png", "not a PNG or JPEG image", 0, 0);
    expect_probe("missing.png", "cannot read image", 0, 0);
    /* a FIFO swapped in: refused at once, never waited on */
    char *fifo = path_join(dir, "fifo.png");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    free(fifo);
    expect_probe("fifo.png", "image is not a regular file", 0, 0);
    char *sub = path_join(dir, "sub.png");
    assert_int_equal(mkdir(sub, 0755), 0);
    free(sub);
    expect_probe("sub.png", "image is not a regular file", 0, 0);
}

static void expect_resolve(const char *src, const char *err)
{
    const char *got = NULL;
    char *real = image_resolve(src, dir, &got);
    if (err) {
        if (real || !got || strcmp(got, err)) fail_msg("%s: %s, want %s", src, real ? real : got, err);
    } else {
        if (!real) fail_msg("%s: %s", src, got);
        char want[PATH_MAX];
        assert_non_null(realpath(dir, want));
        assert_int_equal(strncmp(real, want, strlen(want)), 0); /* an absolute path inside the folder */
        assert_int_equal(real[strlen(want)], '/');
    }
    free(real);
}

static void test_confined_to_the_folder(void **state)
{
    (void)state;
    put_png("in.png", 2, 2);
    char *img = path_join(dir, "img");
    mkdir(img, 0755);
    free(tu_write(img, "deep.png", "x", 1));
    expect_resolve("in.png", NULL);
    expect_resolve("img/deep.png", NULL);
    expect_resolve("img/../in.png", NULL);
    expect_resolve("", "image without a path");
    expect_resolve("/etc/hostname", "image path must be relative to the content folder");
    expect_resolve("https://example.org/a.png", "image path must be relative to the content folder");
    expect_resolve("none.png", "image not found");
    expect_resolve("../in.png", "image not found");
    expect_resolve("../../../../../../etc/hostname", "image is outside the content folder");
    expect_resolve("img", "image is not a regular file");
    /* a link out of the folder is out of it; a link inside it is fine */
    char *out = path_join(dir, "out.png"), *inside = path_join(dir, "alias.png"), *target = path_join(dir, "in.png");
    assert_int_equal(symlink("/etc/hostname", out), 0);
    assert_int_equal(symlink(target, inside), 0);
    expect_resolve("out.png", "image is outside the content folder");
    expect_resolve("alias.png", NULL);
    free(out); free(inside); free(target);
    /* a sibling folder whose name starts with the content folder's is outside it */
    char *sib = mem_realloc(NULL, strlen(dir) + 8);
    sprintf(sib, "%s-other", dir);
    assert_int_equal(mkdir(sib, 0755), 0);
    free(tu_write(sib, "s.png", "x", 1));
    const char *base = strrchr(dir, '/') + 1;
    char rel[300];
    snprintf(rel, sizeof rel, "../%s-other/s.png", base);
    expect_resolve(rel, "image is outside the content folder");
    tu_rmrf(sib);
    free(sib);
    free(img);
}

static void test_size_limits(void **state)
{
    (void)state;
    /* the file size: PANEL_MAX_IMAGE_BYTES is allowed, one byte more is not (sparse files) */
    char *at = path_join(dir, "limit.png"), *over = path_join(dir, "over.png");
    free(tu_write(dir, "limit.png", "", 0));
    free(tu_write(dir, "over.png", "", 0));
    assert_int_equal(truncate(at, PANEL_MAX_IMAGE_BYTES), 0);
    assert_int_equal(truncate(over, PANEL_MAX_IMAGE_BYTES + 1), 0);
    expect_resolve("limit.png", NULL);
    expect_resolve("over.png", "image file too large");
    free(at); free(over);
    /* the sides: CONTENT_MAX_IMAGE_SIDE each way */
    static const struct { unsigned w, h; const char *err; } t[] = {
        {CONTENT_MAX_IMAGE_SIDE, CONTENT_MAX_IMAGE_SIDE, NULL},
        {CONTENT_MAX_IMAGE_SIDE + 1, 10, "image dimensions too large"},
        {10, CONTENT_MAX_IMAGE_SIDE + 1, "image dimensions too large"},
        {0, 10, "corrupt PNG header"},
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        put_png("side.png", t[i].w, t[i].h);
        int w = -1, h = -1;
        const char *err = NULL;
        char *real = image_check("side.png", dir, &w, &h, &err);
        if (t[i].err) {
            assert_null(real);
            assert_string_equal(err, t[i].err);
        } else {
            assert_non_null(real);
            assert_null(err);
            assert_int_equal(w, (int)t[i].w);
            assert_int_equal(h, (int)t[i].h);
        }
        free(real);
    }
    int w, h;
    const char *err = NULL;
    assert_null(image_check("../../etc/hostname", dir, &w, &h, &err));
    assert_string_equal(err, "image is outside the content folder");
}

static int setup(void **s) { (void)s; dir = tu_tmpdir(); return 0; }
static int teardown(void **s) { (void)s; tu_rmrf(dir); free(dir); return 0; }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_png_sizes),
        cmocka_unit_test(test_jpeg_sizes),
        cmocka_unit_test(test_not_an_image),
        cmocka_unit_test(test_confined_to_the_folder),
        cmocka_unit_test(test_size_limits),
    };
    return cmocka_run_group_tests_name("image", tests, setup, teardown);
}
