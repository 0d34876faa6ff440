/* bench: --bench prints name: value lines measured on this machine, in this process. */
#ifndef ANNAI_BENCH_H
#define ANNAI_BENCH_H

#include "annai/engine.h"

void bench_mark_start(void);
int bench_run(engine_t *e);

#endif
