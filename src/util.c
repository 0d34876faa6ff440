#define _POSIX_C_SOURCE 200809L
#include "annai/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

log_level_t log_threshold = LOG_WARN;

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        /* Out of memory on a kiosk is unrecoverable; say so and stop rather than corrupt. */
        fprintf(stderr, "annai: out of memory (an allocation of %zu bytes failed)\n", n);
        abort();
    }
    return q;
}

void *xcalloc(size_t n, size_t sz)
{
    void *p = calloc(n ? n : 1, sz ? sz : 1);
    if (!p) {
        fprintf(stderr, "annai: out of memory (an allocation of %zu x %zu bytes failed)\n", n, sz);
        abort();
    }
    return p;
}

char *xstrndup(const char *s, size_t n)
{
    char *d = xrealloc(NULL, n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

char *xstrdup(const char *s) { return s ? xstrndup(s, strlen(s)) : NULL; }

void diag_add(diag_list_t *dl, const char *path, int line, const char *fmt, ...)
{
    if (!dl) return; /* a caller that does not want the messages */
    buf_t b = {0};
    if (line > 0)
        buf_printf(&b, "%s:%d: ", path, line);
    else
        buf_printf(&b, "%s: ", path);
    va_list ap;
    va_start(ap, fmt);
    char tmp[512];
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    buf_puts(&b, tmp);
    ARRAY_GROW(dl->items, dl->count, dl->cap, dl->count + 1);
    dl->items[dl->count++].text = buf_take(&b);
}

void diag_clear(diag_list_t *dl)
{
    for (int i = 0; i < dl->count; i++) free(dl->items[i].text);
    free(dl->items);
    memset(dl, 0, sizeof *dl);
}

void diag_truncate(diag_list_t *dl, int keep)
{
    for (int i = keep; i < dl->count; i++) free(dl->items[i].text);
    if (keep < dl->count) dl->count = keep;
}

void diag_move(diag_list_t *dst, diag_list_t *src)
{
    for (int i = 0; i < src->count; i++) {
        ARRAY_GROW(dst->items, dst->count, dst->cap, dst->count + 1);
        dst->items[dst->count++] = src->items[i];
    }
    free(src->items);
    memset(src, 0, sizeof *src);
}

void log_write(log_level_t lv, const char *module, const char *fmt, ...)
{
    static const char *names[] = {"error", "warn", "info", "debug"};
    if (lv > log_threshold) return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "annai[%s] %s: ", module, names[lv]);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int32_t utf8_decode(const char *str, size_t len, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t p = *i;
    unsigned c = s[p];
    int n;
    uint32_t cp, min;
    if (c < 0x80) { *i = p + 1; return (int32_t)c; }
    if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; min = 0x10000; }
    else { *i = p + 1; return -1; }
    for (int k = 1; k <= n; k++) {
        if (p + (size_t)k >= len || (s[p + k] & 0xC0) != 0x80) { *i = p + 1; return -1; }
        cp = (cp << 6) | (s[p + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { *i = p + 1; return -1; }
    *i = p + (size_t)n + 1;
    return (int32_t)cp;
}

int utf8_encode(uint32_t cp, char o[4])
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | cp >> 6); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

long utf8_first_invalid(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t at = i;
        if ((unsigned char)s[i] < 0x80) { i++; continue; }
        if (utf8_decode(s, len, &i) < 0) return (long)at;
    }
    return -1;
}

void buf_put(buf_t *b, const void *p, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap : 64;
        while (nc < b->len + n + 1) nc *= 2;
        b->data = xrealloc(b->data, nc);
        b->cap = nc;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
}

void buf_puts(buf_t *b, const char *s) { buf_put(b, s, strlen(s)); }
void buf_putc(buf_t *b, char c) { buf_put(b, &c, 1); }

void buf_printf(buf_t *b, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof tmp) { buf_put(b, tmp, (size_t)n); return; }
    char *big = xrealloc(NULL, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf_put(b, big, (size_t)n);
    free(big);
}

char *buf_take(buf_t *b)
{
    char *s = b->data ? b->data : xstrdup("");
    memset(b, 0, sizeof *b);
    return s;
}

void buf_free(buf_t *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

int file_read(const char *path, size_t max, char **out, size_t *len, const char **err)
{
    struct stat st;
    *out = NULL;
    *len = 0;
    /* non-blocking open: a FIFO or device named like a panel must not stall the kiosk */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *err = errno == EACCES ? "cannot read file (permission denied)"
             : errno == ELOOP  ? "symbolic link loop"
             : errno == ENOENT ? "file not found (or a dangling symbolic link)"
                               : "cannot open file";
        return -1;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) { close(fd); *err = "not a regular file"; return -1; }
    if ((size_t)st.st_size > max) {
        close(fd);
        *err = max == UTIL_MAX_FILE_BYTES ? "file too large (the limit is 1 MiB)" : "file too large";
        return -1;
    }
    char *d = xrealloc(NULL, (size_t)st.st_size + 1);
    size_t n = 0;
    while (n < (size_t)st.st_size) {
        ssize_t r = read(fd, d + n, (size_t)st.st_size - n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        n += (size_t)r;
    }
    close(fd);
    d[n] = 0;
    *out = d;
    *len = n;
    return 0;
}

bool path_is_dir(const char *p)
{
    struct stat st;
    return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

bool path_is_file(const char *p)
{
    struct stat st;
    return p && stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

char *path_join(const char *a, const char *b)
{
    buf_t o = {0};
    buf_puts(&o, a);
    if (o.len && o.data[o.len - 1] != '/') buf_putc(&o, '/');
    buf_puts(&o, b);
    return buf_take(&o);
}

uint64_t hash_u64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

char *exe_dir(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return NULL;
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (!slash) return NULL;
    *slash = 0;
    return xstrdup(exe);
}
