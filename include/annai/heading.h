/* heading: how headings are composed (titles, subtitles, ##, timeline steps, card titles, index
 * entries): breaks at phrase boundaries, a smaller size before a phrase is split, balanced lines,
 * and no last line of one or two Japanese characters or one English word. Pure. */
#ifndef ANNAI_HEADING_H
#define ANNAI_HEADING_H

#include <stdbool.h>
#include <stdint.h>
#include "annai/layout.h"

#define HEADING_FIT_STEP 0.92f /* each step down when a phrase does not fit: layout's FIT_STEP, so
                                 * that headings land on sizes other panels use too (one atlas) */

/* "|" or U+200B in a heading: a phrase boundary marked by the author. Once a heading has one,
 * its boundaries are the author's alone (the model is not asked). */
bool heading_is_hint(uint32_t cp);

/* Sets st->px (down to min_px) and st->breaks so that no phrase is split where a smaller size
 * keeps it whole and the heading takes at most max_lines lines (0: any); returns the width to
 * set it in (at most w): the narrowest that keeps its lines, so they come out balanced. */
float heading_fit(const metrics_t *m, const span_t *spans, int nspans, float w, text_style_t *st, float min_px,
                  int max_lines);

struct para;
/* Rewrites a heading's break opportunities (para_private.h): phrase boundaries stay, word
 * boundaries inside a phrase become LINEBREAK_BRK_WORD (LINEBREAK_BRK_ALLOW in LAYOUT_BREAK_WORDS), the rest go. */
void heading_breaks(const struct phrase_model *model, struct para *p, break_mode_t mode);

#endif
