/* mem: allocation that names its failure and stops (a kiosk cannot go on without memory). */
#include "annai/mem.h"
#include "annai/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *mem_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        /* Out of memory on a kiosk is unrecoverable; say so and stop rather than corrupt. */
        LOG(LOG_ERROR, "mem", "out of memory (an allocation of %zu bytes failed)", n);
        abort();
    }
    return q;
}

void *mem_calloc(size_t n, size_t sz)
{
    void *p = calloc(n ? n : 1, sz ? sz : 1);
    if (!p) {
        LOG(LOG_ERROR, "mem", "out of memory (an allocation of %zu x %zu bytes failed)", n, sz);
        abort();
    }
    return p;
}

char *mem_strndup(const char *s, size_t n)
{
    char *d = mem_realloc(NULL, n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

char *mem_strdup(const char *s) { return s ? mem_strndup(s, strlen(s)) : NULL; }
