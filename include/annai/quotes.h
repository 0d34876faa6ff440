/* quotes: typewriter quotes (" ') set as a typesetter would, “ ‘ where they open and ” ’ where
 * they close, across the spans of a block. Pure. */
#ifndef ANNAI_QUOTES_H
#define ANNAI_QUOTES_H

#include "annai/panel.h"

/* Rewrites the quotes in b's spans; the character before a quote decides (a space, an opening
 * bracket, a dash, CJK or the start of the block: it opens). */
void quotes_apply(block_t *b);
/* The same for one string (a title, a caption): *s is replaced, NULL is left alone. */
void quotes_in_string(char **s);

#endif
