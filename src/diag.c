/* diag: problems found in content or config, each one line "path:line: message". */
#include "annai/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annai/buf.h"
#include "annai/mem.h"

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
    MEM_ARRAY_GROW(dl->items, dl->count, dl->cap, dl->count + 1);
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
        MEM_ARRAY_GROW(dst->items, dst->count, dst->cap, dst->count + 1);
        dst->items[dst->count++] = src->items[i];
    }
    free(src->items);
    memset(src, 0, sizeof *src);
}

void diag_print(const diag_list_t *dl, int from, int to)
{
    for (int i = from < 0 ? 0 : from; i < to && i < dl->count; i++) fprintf(stderr, "%s\n", dl->items[i].text);
}

void diag_print_more(int more, const char *what) { fprintf(stderr, "... and %d more %s\n", more, what); }
