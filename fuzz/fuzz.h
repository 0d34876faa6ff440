/* Shared by the fuzz harnesses: a failed invariant aborts, so that libFuzzer keeps the input. */
#ifndef ANNAI_FUZZ_H
#define ANNAI_FUZZ_H
#include <stdio.h>
#include <stdlib.h>
#define FUZZ_CHECK(c) \
    do { if (!(c)) { fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #c); abort(); } } while (0)
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#endif
