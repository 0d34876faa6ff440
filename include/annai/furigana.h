/* furigana: the deck's reading list (content/furigana.txt, `word reading` a line) and its
 * application to a block's text, for the ふりがな button. Longest match wins; the author's
 * inline ruby always wins; readings go over kanji only (okurigana and kana inside a word stay
 * bare). Pure: no SDL, no clock. */
#ifndef ANNAI_FURIGANA_H
#define ANNAI_FURIGANA_H

#include <stdbool.h>
#include <stddef.h>
#include "annai/panel.h"
#include "annai/util.h"

#define FURIGANA_FILE "furigana.txt"
#ifndef FURIGANA_MAX_WORD_CHARS
#define FURIGANA_MAX_WORD_CHARS 16 /* a longer "word" is a sentence: refused with a message */
#endif
#ifndef FURIGANA_MAX_ENTRIES
#define FURIGANA_MAX_ENTRIES 20000
#endif

typedef struct {
    char *word, *reading;  /* reading in hiragana, as it is shown */
    int line;
} furigana_entry_t;

typedef struct {
    furigana_entry_t *e;   /* sorted by word (bytes) after loading */
    int n, cap;
    int max_chars;         /* the longest word, in code points */
} furigana_t;

/* Parses a reading list from memory; problems go to diags as path:line: message and the
 * line is left out. Returns the number of problems. */
int furigana_parse(furigana_t *f, const char *path, const char *data, size_t len, diag_list_t *diags);
/* Loads dir/furigana.txt. Returns 1 when the deck has a list (the button is offered), 0 when it
 * has none, -1 when it exists but cannot be read (reported). */
int furigana_load(furigana_t *f, const char *dir, diag_list_t *diags);
void furigana_free(furigana_t *f);

/* The entry whose word is the longest prefix of s[0..len), or NULL. */
const furigana_entry_t *furigana_match(const furigana_t *f, const char *s, size_t len);
/* Puts readings over the kanji words of the block's plain spans (spans with the author's ruby
 * are kept as they are). */
void furigana_apply(const furigana_t *f, block_t *b);
/* Calls report for each run of kanji in the block's plain spans that has no reading after
 * furigana_apply would run: what --check lists when the deck offers the button. */
typedef void (*furigana_report_fn)(void *ctx, const char *run, size_t len);
int furigana_missing(const furigana_t *f, const block_t *b, furigana_report_fn report, void *ctx);
bool furigana_is_kanji(int32_t c);

#endif
