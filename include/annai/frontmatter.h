/* frontmatter: the "---" block at the top of a panel file, key: value per line (inih), its keys
 * as a table like config.c's: title, layout, dwell, qr, qr_caption, accent, and timeplan's
 * from, until, days, hours. Each bad key or value reported at its line. */
#ifndef ANNAI_FRONTMATTER_H
#define ANNAI_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "annai/panel.h"

#define FRONTMATTER_FIRST_LINE 2      /* the line after the opening --- */
#define FRONTMATTER_MIN_DWELL_S 1
#define FRONTMATTER_MAX_DWELL_S 3600

/* Finds "---\n...\n---\n" at the start of d[0..n): the front matter is d[*fm_start..+*fm_len),
 * the body starts on line *body_line at the returned offset. 0 when there is no front matter
 * (the body is the whole file), -1 when it starts but never ends. */
long frontmatter_split(const char *d, size_t n, size_t *fm_start, size_t *fm_len, int *body_line);
/* The file line of key in the front matter fm[0..n) that starts on line first; first when the
 * key is not there. */
int frontmatter_key_line(const char *fm, size_t n, const char *key, int first);
/* "#rrggbb" -> 0xRRGGBB; false for anything else. */
bool frontmatter_parse_colour(const char *v, uint32_t *out);
/* Sets p's fields from the front matter fm[0..n); every problem to diags at p->path: bad keys
 * and values, a missing title, an until that is not after from. */
void frontmatter_parse(panel_t *p, const char *fm, size_t n, diag_list_t *diags);

#endif
