/* check: what --check adds for languages: characters a language's face cannot draw (tofu),
 * the faces that cannot be found, and the twins a panel lacks (warnings). */
#ifndef ANNAI_CHECK_H
#define ANNAI_CHECK_H

#include "annai/engine.h"

/* Every character of every panel in its language's face (regular or bold, as it is set), and
 * each language's name in its own face (the picker): one
 * `path:line: U+XXXX 'c' has no glyph in FONT (LANG)` per character and file. Returns the count. */
int check_glyphs(engine_t *e, diag_list_t *d);
/* Opens every language's face; the ones that cannot be found or opened go to d. */
int check_faces(engine_t *e, diag_list_t *d);

#endif
