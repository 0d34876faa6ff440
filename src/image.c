#define _DEFAULT_SOURCE
/* image: a panel's pictures confined to the content folder and probed, not decoded (image.h). */
#include "annai/image.h"
#include "annai/panel.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define IMAGE_PROBE_BYTES (64 * 1024) /* a JPEG's size marker may follow large EXIF segments */
#define PNG_SIGNATURE "\x89PNG\r\n\x1a\n"
#define PNG_SIGNATURE_BYTES 8
#define PNG_IHDR_END 24               /* signature, chunk length, "IHDR", width, height */

static unsigned be32(const unsigned char *p) { return (unsigned)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }

/* The first bytes of path, read without blocking: a FIFO swapped in after image_resolve's
 * stat must not block the reload, so the open file is checked again. */
static const char *image_head(const char *path, unsigned char *hd, size_t cap, size_t *n)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0) return "cannot read image";
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) { close(fd); return "image is not a regular file"; }
    *n = 0;
    while (*n < cap) {
        ssize_t r = read(fd, hd + *n, cap - *n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        *n += (size_t)r;
    }
    close(fd);
    return NULL;
}

/* A JPEG's size is in its first start-of-frame segment (SOF0-SOF15 but DHT, JPG and DAC). */
static const char *jpeg_size(const unsigned char *hd, size_t n, int *w, int *h)
{
    for (size_t i = 2; i + 9 < n;) {
        if (hd[i] != 0xFF) return "corrupt JPEG header";
        unsigned m = hd[i + 1], seglen = (unsigned)hd[i + 2] << 8 | hd[i + 3];
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            *h = hd[i + 5] << 8 | hd[i + 6];
            *w = hd[i + 7] << 8 | hd[i + 8];
            return *w > 0 && *h > 0 ? NULL : "corrupt JPEG header";
        }
        if (seglen < 2) return "corrupt JPEG header";
        i += 2 + seglen;
    }
    return "truncated or corrupt JPEG";
}

const char *image_probe(const char *path, int *w, int *h)
{
    unsigned char hd[IMAGE_PROBE_BYTES];
    size_t n;
    const char *err = image_head(path, hd, sizeof hd, &n);
    if (err) return err;
    bool png = n >= PNG_SIGNATURE_BYTES && !memcmp(hd, PNG_SIGNATURE, PNG_SIGNATURE_BYTES);
    if (png && n >= PNG_IHDR_END && !memcmp(hd + 12, "IHDR", 4)) {
        *w = (int)be32(hd + 16);
        *h = (int)be32(hd + 20);
        return *w > 0 && *h > 0 ? NULL : "corrupt PNG header";
    }
    if (png) return "truncated PNG image";
    if (n >= 4 && hd[0] == 0xFF && hd[1] == 0xD8) return jpeg_size(hd, n, w, h);
    return "not a PNG or JPEG image";
}

char *image_resolve(const char *src, const char *dir, const char **err)
{
    if (!*src) { *err = "image without a path"; return NULL; }
    if (src[0] == '/' || strstr(src, "://")) { *err = "image path must be relative to the content folder"; return NULL; }
    char *joined = path_join(dir, src);
    char real[PATH_MAX], realdir[PATH_MAX];
    if (!realpath(joined, real)) { free(joined); *err = "image not found"; return NULL; }
    free(joined);
    if (!realpath(dir, realdir)) { *err = "content folder not found"; return NULL; }
    size_t dn = strlen(realdir);
    if (strncmp(real, realdir, dn) || real[dn] != '/') { *err = "image is outside the content folder"; return NULL; }
    struct stat st;
    if (stat(real, &st) != 0 || !S_ISREG(st.st_mode)) { *err = "image is not a regular file"; return NULL; }
    if (st.st_size > PANEL_MAX_IMAGE_BYTES) { *err = "image file too large"; return NULL; }
    return mem_strdup(real);
}

char *image_check(const char *src, const char *dir, int *w, int *h, const char **err)
{
    char *real = image_resolve(src, dir, err);
    if (!real) return NULL;
    *w = *h = 0;
    if (!(*err = image_probe(real, w, h)) && (*w > CONTENT_MAX_IMAGE_SIDE || *h > CONTENT_MAX_IMAGE_SIDE))
        *err = "image dimensions too large";
    if (*err) { free(real); return NULL; }
    return real;
}
