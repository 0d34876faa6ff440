/* linebreak: UAX #14 break opportunities (libunibreak) tailored to strict kinsoku (JLREQ). */
#ifndef ANNAI_LINEBREAK_H
#define ANNAI_LINEBREAK_H

#include <stdbool.h>
#include <stdint.h>
#include "annai/lang.h"

/* LINEBREAK_BRK_WORD: a heading's break between words inside a phrase, taken only when no phrase fits. */
typedef enum { LINEBREAK_BRK_NONE = 0, LINEBREAK_BRK_ALLOW = 1, LINEBREAK_BRK_MUST = 2, LINEBREAK_BRK_WORD = 3 } brk_t;

void linebreak_init(void);
/* out[i] says whether a line may end after cps[i]. out[n-1] is LINEBREAK_BRK_MUST. Japanese rules. */
void linebreak_compute(const uint32_t *cps, int n, unsigned char *out);
/* The same with a language's rules (lang_info_t.breaks, .unibreak). */
void linebreak_compute_for(const uint32_t *cps, int n, lang_breaks_t rules, const char *unibreak, unsigned char *out);
bool linebreak_is_hangul(uint32_t cp);
/* JLREQ cl-02..cl-07, cl-10/11 (strict): may not start a line. */
bool linebreak_no_start(uint32_t cp);
/* JLREQ cl-01: opening brackets may not end a line. */
bool linebreak_no_end(uint32_t cp);
/* 。、，． may hang past the line end (burasage). */
bool linebreak_can_hang(uint32_t cp);
/* Characters whose trailing half-em of space may be squeezed when justifying. */
bool linebreak_is_squeezable(uint32_t cp);
bool linebreak_is_space(uint32_t cp);
/* CJK ideographs, kana and fullwidth punctuation: justification spreads space between these. */
bool linebreak_is_cjk(uint32_t cp);

#endif
