/* hash: a 64-bit mixer (splitmix64's finaliser) for signatures and the glyph cache. */
#include "annai/hash.h"

uint64_t hash_u64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}
