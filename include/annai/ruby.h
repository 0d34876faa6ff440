/* ruby: readings in Aozora Bunko's notation split out of a block's spans. 漢字《かんじ》 sets
 * the reading over the run of kanji before 《; ｜base《reading》 over any base. Pure: spans in,
 * spans out, a 《 never closed reported as path:line. */
#ifndef ANNAI_RUBY_H
#define ANNAI_RUBY_H

#include <stdbool.h>
#include <stdint.h>
#include "annai/panel.h"

#define RUBY_BAR 0xFF5C   /* ｜ starts an explicit base */
#define RUBY_OPEN 0x300A  /* 《 */
#define RUBY_CLOSE 0x300B /* 》 */

/* True for the letters a reading attaches to without ｜: kanji (CJK ideographs, extensions
 * A to F, compatibility ideographs) and 々 〆 ヶ, which Aozora counts with them. */
bool ruby_is_kanji(int32_t c);
/* Rewrites b's spans: each base with its reading becomes a span with ruby; a lone ｜ is
 * dropped; 《》 with no base stays as text. Spans that already carry ruby are kept. */
void ruby_apply(block_t *b, const char *path, diag_list_t *diags);

#endif
