/* hash: a 64-bit mixer for the folder signature and the glyph cache's keys. */
#ifndef ANNAI_HASH_H
#define ANNAI_HASH_H

#include <stdint.h>

uint64_t hash_u64(uint64_t x);

#endif
