/* panel's private parts, shared with its rooms (frontmatter, markdown, ruby, quotes, image, qr)
 * and nobody else: the model's constructors, so every room grows blocks and spans one way. */
#ifndef ANNAI_PANEL_PRIVATE_H
#define ANNAI_PANEL_PRIVATE_H

#include "annai/panel.h"

/* A new block at the end of p's blocks (the caller checks CONTENT_MAX_BLOCKS). */
block_t *panel_block_new(panel_t *p, block_kind_t kind, int level, int line);
/* Appends a span holding a copy of text[0..n) (and of ruby, when not NULL). */
span_t *panel_span_push(block_t *b, const char *text, size_t n, const char *ruby, unsigned style);
void panel_block_free(block_t *b);

#endif
