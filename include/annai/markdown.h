/* markdown: a panel's body (CommonMark through md4c, raw HTML off) into its blocks: headings,
 * paragraphs, list items two levels deep, pictures; bold and emphasis as span styles; each
 * block keeps its source line for messages. Ruby and quotes are later steps (ruby.h, quotes.h). */
#ifndef ANNAI_MARKDOWN_H
#define ANNAI_MARKDOWN_H

#include <stddef.h>
#include "annai/panel.h"

/* Appends the blocks of body[0..n) to p; first_line is the file line the body starts on, dir the
 * content folder the pictures must be in. Problems (pictures) go to diags at p->path. */
void markdown_parse(panel_t *p, const char *body, size_t n, int first_line, const char *dir, diag_list_t *diags);

#endif
