/* lang: the deck's languages. A registry of what annai knows about each BCP 47 tag (its name
 * in itself, its face, its line-breaking rules, the chrome's words), looked up by tag; the
 * deck's languages are an ordered set of them, the first the default. Pure C, no SDL: only
 * lang_font_match() asks fontconfig, and only when a language's face is first used. */
#ifndef ANNAI_LANG_H
#define ANNAI_LANG_H

#include <stdbool.h>
#include <stdint.h>
#include "annai/util.h"

#ifndef LANG_MAX
#define LANG_MAX 8 /* languages one deck shows */
#endif
#define LANG_TAG_MAX 36
#define LANG_DEFAULT_LIST "ja, en"

/* A language of the deck: its place in the deck's list; 0 is the default. */
typedef int lang_t;
enum { LANG_DEFAULT = 0 };

/* How lines break: the rules annai applies on top of UAX #14. */
typedef enum {
    LANG_BREAKS_JA,      /* JLREQ strict kinsoku */
    LANG_BREAKS_JA_EASY, /* the Japanese rules, but where the text is written in phrases (分かち書き) only between them */
    LANG_BREAKS_ZH,      /* Chinese kinsoku (CLREQ): break between any two hanzi, punctuation held */
    LANG_BREAKS_KO,      /* between words only (CSS word-break: keep-all), Korean punctuation held */
    LANG_BREAKS_LATIN    /* UAX #14 as it is */
} lang_breaks_t;

/* The chrome's words. Each language gives all of them (English where it has none). */
typedef enum {
    LANG_UI_INDEX, LANG_UI_CLOSE, LANG_UI_LANGUAGE, LANG_UI_PICK, LANG_UI_HINT, LANG_UI_RELOAD, LANG_UI_EXIT, LANG_UI_WRONG_PIN,
    LANG_UI_HINT_SHORT, /* where LANG_UI_HINT does not fit (a portrait screen) */
    LANG_UI_ACCESS, LANG_UI_FURIGANA, LANG_UI_LARGE, LANG_UI_CONTRAST, LANG_UI_LISTEN, LANG_UI_STOP, LANG_UI_MORE, /* the accessibility tray */
    LANG_UI_COUNT
} ui_word_t;

typedef struct {
    const char *tag;        /* canonical spelling: zh-Hans (NULL for a tag annai has no row for: */
    const char *name;       /* in itself and its script: 简体中文   use lang_tag/lang_name) */
    const char *english;    /* for operators' messages */
    lang_breaks_t breaks;
    const char *unibreak;   /* libunibreak's language: ja, zh, ko, en */
    const char *fc_family;  /* the family to find with fontconfig; NULL: the bundled BIZ UDPGothic */
    const char *fc_lang;    /* fontconfig's language, to check that the face covers it */
    bool dots_below;        /* emphasis dots: under the letters in Chinese (CLREQ), over them in Japanese */
    const char *phrase;     /* the BudouX model of its headings (data/budoux/NAME.tsv), or NULL */
    const char *ui[LANG_UI_COUNT];
} lang_info_t;

typedef struct {
    int n;
    lang_info_t info[LANG_MAX]; /* a known language's row, or one made for an unknown tag */
    char tags[LANG_MAX][LANG_TAG_MAX];
} langset_t;

/* The entry for a tag (case-insensitive; zh-CN, zh-TW and the like map to their script), or
 * NULL for a tag annai has no entry for. */
const lang_info_t *lang_known(const char *tag);
/* Whether s is a well-formed BCP 47 tag (language[-script][-region][-variant|-x-...]). */
bool lang_tag_valid(const char *s);
/* Parses "ja, en, zh-Hans"; problems go to diags at src:line. The set is left with at least
 * the languages that parsed; false when there was a problem. */
bool lang_set_parse(langset_t *s, const char *list, const char *src, int line, diag_list_t *diags);
/* The place of tag in the set (case-insensitive), or -1. */
lang_t lang_find(const langset_t *s, const char *tag);
const char *lang_tag(const langset_t *s, lang_t l);
const char *lang_name(const langset_t *s, lang_t l); /* in itself: 한국어 */
const char *lang_word(const langset_t *s, lang_t l, ui_word_t w);

/* fontconfig: the file and face index of the family (regular or bold) that covers fc_lang.
 * Returns a malloc'd path, NULL when nothing installed covers the language. *fc: the caller's
 * fontconfig configuration (NULL at first: made here), freed with lang_font_done. */
char *lang_font_match(void **fc, const lang_info_t *li, const char *tag, bool bold, int *index, char **family);
void lang_font_done(void *fc);
/* "FILE" or "FILE#N" ([fonts] overrides): the path (malloc'd) and the face index. */
char *lang_font_spec(const char *spec, int *index);

#endif
