/* buf: growable byte buffers. */
#ifndef ANNAI_BUF_H
#define ANNAI_BUF_H

#include <stddef.h>

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

#endif
