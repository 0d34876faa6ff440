/* phrase: where a heading may break, by BudouX phrase (文節) boundaries. The model (feature ->
 * weight, Apache-2.0, from the npm package budoux) is a data file read at start; the scoring is
 * ours and pure, parametrised by model, so the ja, zh-hans and zh-hant models all work. */
#ifndef ANNAI_PHRASE_H
#define ANNAI_PHRASE_H

#include <stddef.h>
#include <stdint.h>
#include "annai/util.h"

typedef struct phrase_model phrase_model_t;

/* Reads a model file (see data/budoux/README). NULL when it cannot be used; every problem is
 * in diags as "path:line: message". */
phrase_model_t *phrase_model_load(const char *path, diag_list_t *diags);
phrase_model_t *phrase_model_parse(const char *path, const char *data, size_t len, diag_list_t *diags);
void phrase_model_free(phrase_model_t *m);
int phrase_model_size(const phrase_model_t *m); /* weights held */

/* out[i] = 1 when a phrase starts at cps[i] (a boundary between cps[i-1] and cps[i]), else 0;
 * out[0] is 0. Same boundaries as BudouX's Parser.parseBoundaries for text in the BMP. */
void phrase_breaks(const phrase_model_t *m, const uint32_t *cps, int n, unsigned char *out);
/* The same on UTF-8: writes the byte offsets where phrases start (after the first) to offs,
 * at most max of them, and returns how many there are. Invalid bytes count as U+FFFD. */
int phrase_breaks_utf8(const phrase_model_t *m, const char *s, size_t len, size_t *offs, int max);

/* The folder holding the models: $ANNAI_PHRASES, else data/budoux here or beside the binary,
 * else share_dir/budoux. Caller frees. */
char *phrase_find_dir(const char *share_dir);

#endif
