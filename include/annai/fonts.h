/* fonts: the faces text is set in, and their metrics. Faces 0 and 1 are the bundled BIZ
 * UDPGothic (regular, bold), opened at start; each other language adds a pair (regular, bold)
 * that is found (fontconfig, or a [fonts] override) and opened only when first used, so a
 * language nobody selects costs no memory. Face ids are small ints: a pair's base + face_t. */
#ifndef ANNAI_FONTS_H
#define ANNAI_FONTS_H

#include <stdbool.h>
#include <stdint.h>
#include "annai/lang.h"
#include "annai/util.h"

typedef enum { FONTS_FACE_REGULAR = 0, FONTS_FACE_BOLD = 1, FONTS_FACE_COUNT } face_t;

#ifndef FONTS_MAX_FACES
#define FONTS_MAX_FACES (2 + 2 * LANG_MAX)
#endif

typedef struct fonts_s fonts_t;

/* Opens the bundled faces in dir. NULL with a message in diags when a font is missing or corrupt. */
fonts_t *fonts_create(const char *dir, diag_list_t *diags);
void fonts_destroy(fonts_t *f);
/* The face pair of a language: 0 (the bundled one) unless the language has a face of its own
 * (li->fc_family) or spec ("FILE" or "FILE#N", may be NULL) overrides it. Nothing is opened. */
int fonts_add_lang(fonts_t *f, const lang_info_t *li, const char *tag, const char *spec);
/* Opens a face on first use. false (a message in diags, once) when it cannot be found or opened:
 * its text is then set in the bundled face. */
bool fonts_face_open(fonts_t *f, int face, diag_list_t *diags);
bool fonts_face_is_open(const fonts_t *f, int face);
/* Closes the language faces other than the pairs whose bases are in keep (they open again
 * when used): the kiosk shows one language at a time, and each pair holds ~6 MiB. */
void fonts_keep_only(fonts_t *f, const int *keep, int nkeep);
/* The family, for messages: "Noto Sans CJK SC". */
const char *fonts_face_name(fonts_t *f, int face);
/* Whether the face itself can draw cp (no fallback). */
bool fonts_face_has(fonts_t *f, int face, uint32_t cp);
/* The face that draws cp for text set in face: itself, else the bundled face of the same
 * weight; -1 when none can (the character is then left out, never drawn as a box). */
int fonts_face_for(fonts_t *f, int face, uint32_t cp);
/* Advance in pixels at size px, from unhinted design metrics (cached per glyph). */
float fonts_advance(fonts_t *f, int face, float px, uint32_t cp);
float fonts_ascent_em(fonts_t *f, int face); /* ascent as a fraction of the em */
bool fonts_has_glyph(fonts_t *f, uint32_t cp); /* the bundled regular face */
/* Finds the font folder: $ANNAI_FONTS, ./fonts, next to the binary, or the share dir. */
char *fonts_find_dir(const char *argv0, const char *share_dir);
/* The rasterising font of a face set to px (atlas.c), NULL when it cannot be opened. */
struct _TTF_Font *fonts_sized(fonts_t *f, int face, int px);
/* Lets go of the font file pages FreeType read (they stay in the page cache). */
void fonts_release(fonts_t *f);

#endif
