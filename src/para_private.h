/* para: line composition, shared by the sibling rooms that set text (layout's templates, the
 * chrome through layout_text, heading's fitting): a run of spans as measured characters, the
 * greedy line finder (kinsoku, burasage, oikomi), and the setting of lines into a display list
 * (justification, ruby, emphasis). Headings are measured at many widths from one build. Pure. */
#ifndef ANNAI_PARA_PRIVATE_H
#define ANNAI_PARA_PRIVATE_H

#include "annai/layout.h"

#define PARA_ELLIPSIS 0x2026    /* … where text is cut */
#define PARA_RUBY_SCALE 0.5f    /* a reading is set at half its base's size (JIS X 4051) */
/* Ruby needs half an em above its line: with less than 1.5 em from baseline to baseline a
 * reading touches the line above it. A paragraph with readings is set at least this open. */
#define PARA_RUBY_MIN_LINE_HEIGHT 1.6f

typedef struct {
    uint32_t cp;
    float adv;   /* advance including ruby padding */
    float off;   /* glyph offset inside its advance (ruby centring) */
    uint8_t face;
    bool em;     /* emphasis: sesame dots over CJK (JLREQ boten), an underline under Latin */
    float sq;    /* blank inside the glyph's advance that justification may take away (oikomi) */
    bool sq_before; /* the blank is before the ink (opening brackets) */
    int ruby;    /* ruby group + 1, or 0 */
    bool hint;   /* headings: the author marked a phrase boundary after this character */
    uint32_t glyph; /* drawn instead of cp when not 0 (an apostrophe in Latin text) */
} tchar_t;

typedef struct {
    int start, end;       /* chars [start, end) */
    const char *reading;
} ruby_t;

typedef struct para {
    tchar_t *c;
    unsigned char *brk;
    ruby_t *ruby;
    int n, nruby;
    bool dots;   /* some emphasis dots sit above the line */
} para_t;

typedef struct {
    int start, end;   /* chars [start, end) shown on the line */
    int next;         /* where the next line starts */
    bool hard;        /* ends a paragraph or at a hard break: not justified */
    bool hangs;       /* last char hangs past the column */
    bool squeezed;    /* longer than the column: punctuation blanks are squeezed to fit */
    bool weak;        /* ends at a fallback break: between words inside a phrase, or forced */
} line_t;

void para_build(para_t *p, const metrics_t *m, const span_t *spans, int nspans, const text_style_t *st, float maxw);
void para_free(para_t *p);
/* Finds the end of the line that starts at s: greedy, with kinsoku and burasage. */
line_t para_line_find(const para_t *p, int s, float maxw, float hang);
/* A stranded last line: one or two characters with Japanese in it, or one word (if words). */
bool para_line_is_short(const para_t *p, int s, int e, bool words);
/* layout_text's work (layout.h): sets the spans in a column, line by line. */
float para_set(dlist_t *dl, const metrics_t *m, const span_t *spans, int nspans, float x, float y, float w,
               float max_y, const text_style_t *st, int block, bool *clipped);

#endif
