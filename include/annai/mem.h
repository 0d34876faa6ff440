/* mem: allocation that names its failure ("out of memory (an allocation of N bytes failed)") and
 * exits: a kiosk cannot draw half a panel, and systemd restarts it. */
#ifndef ANNAI_MEM_H
#define ANNAI_MEM_H

#include <stddef.h>

char *mem_strdup(const char *s);
char *mem_strndup(const char *s, size_t n);
void *mem_realloc(void *p, size_t n);
void *mem_calloc(size_t n, size_t sz);

/* Grows an array to hold at least need items, doubling. */
#define MEM_ARRAY_GROW(ptr, count, cap, need)                               \
    do {                                                                    \
        if ((need) > (cap)) {                                               \
            int nc_ = (cap) ? (cap) : 8;                                    \
            while (nc_ < (need)) nc_ *= 2;                                  \
            (ptr) = mem_realloc((ptr), (size_t)nc_ * sizeof(*(ptr)));       \
            (cap) = nc_;                                                    \
        }                                                                   \
    } while (0)

#endif
