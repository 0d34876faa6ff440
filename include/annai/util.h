/* util: diagnostics (path:line: message), logging, UTF-8, files, growable buffers. */
#ifndef ANNAI_UTIL_H
#define ANNAI_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#define ANNAI_VERSION "0.1.0"

#ifndef UTIL_MAX_FILE_BYTES
#define UTIL_MAX_FILE_BYTES (1024 * 1024) /* a panel file larger than this is refused (see file_read) */
#endif

/* One problem found in content or config, already formatted as "path:line: message". */
typedef struct {
    char *text;
} diag_t;

typedef struct {
    diag_t *items;
    int count, cap;
} diag_list_t;

void diag_add(diag_list_t *dl, const char *path, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_clear(diag_list_t *dl);
void diag_truncate(diag_list_t *dl, int keep); /* drops all but the first keep */
void diag_move(diag_list_t *dst, diag_list_t *src);

typedef enum { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG } log_level_t;
extern log_level_t log_threshold;
void log_write(log_level_t lv, const char *module, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
#define LOGE(mod, ...) log_write(LOG_ERROR, mod, __VA_ARGS__)
#define LOGW(mod, ...) log_write(LOG_WARN, mod, __VA_ARGS__)
#define LOGI(mod, ...) log_write(LOG_INFO, mod, __VA_ARGS__)

/* Decodes one code point at s[*i] (len bytes in all); advances *i. Returns -1 on invalid. */
int32_t utf8_decode(const char *s, size_t len, size_t *i);
int utf8_encode(uint32_t cp, char out[4]);
/* Byte offset of the first invalid sequence, or -1 when s is valid UTF-8. */
long utf8_first_invalid(const char *s, size_t len);

typedef struct {
    char *data;
    size_t len, cap;
} buf_t;

void buf_put(buf_t *b, const void *p, size_t n);
void buf_puts(buf_t *b, const char *s);
void buf_putc(buf_t *b, char c);
void buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *buf_take(buf_t *b); /* NUL-terminated, caller frees; buffer left empty */
void buf_free(buf_t *b);

/* Reads a whole regular file up to max bytes. Returns 0, or -1 with *err set (static text). */
int file_read(const char *path, size_t max, char **out, size_t *len, const char **err);
bool path_is_dir(const char *path);
bool path_is_file(const char *path);
char *path_join(const char *a, const char *b);
/* The folder of the running binary (from /proc/self/exe), or NULL. Caller frees. */
char *exe_dir(void);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
void *xrealloc(void *p, size_t n);
void *xcalloc(size_t n, size_t sz);

/* Grows an array to hold at least need items, doubling. */
#define ARRAY_GROW(ptr, count, cap, need)                                   \
    do {                                                                    \
        if ((need) > (cap)) {                                               \
            int nc_ = (cap) ? (cap) : 8;                                    \
            while (nc_ < (need)) nc_ *= 2;                                  \
            (ptr) = xrealloc((ptr), (size_t)nc_ * sizeof(*(ptr)));          \
            (cap) = nc_;                                                    \
        }                                                                   \
    } while (0)

uint64_t hash_u64(uint64_t x);

#endif
