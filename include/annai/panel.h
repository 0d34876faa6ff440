/* panel: one panel file -> its doc model (panel -> blocks -> spans); deck.h gathers the folder.
 * The rooms it calls: frontmatter.h (the keys), markdown.h (the body), ruby.h and quotes.h
 * (span typography), image.h (pictures), qr.h. No SDL. */
#ifndef ANNAI_PANEL_H
#define ANNAI_PANEL_H

#include <stdbool.h>
#include <stdint.h>
#include "annai/config.h"
#include "annai/lang.h"

#include "annai/timeplan.h"
#include "annai/util.h"

#ifndef CONTENT_MAX_PANELS
#define CONTENT_MAX_PANELS 5000
#endif
#ifndef PANEL_MAX_IMAGE_BYTES
#define PANEL_MAX_IMAGE_BYTES (16 * 1024 * 1024)
#endif
#ifndef CONTENT_MAX_IMAGE_SIDE
#define CONTENT_MAX_IMAGE_SIDE 8192
#endif
#ifndef CONTENT_MAX_BLOCKS
#define CONTENT_MAX_BLOCKS 400
#endif
#ifndef CONTENT_MAX_FILE_DIAGS
#define CONTENT_MAX_FILE_DIAGS 20 /* problems reported per file before "N more" */
#endif
#define CONTENT_MAX_LIST_DEPTH 2 /* deeper items are shown at the second level */

enum { PANEL_STYLE_BOLD = 1, PANEL_STYLE_EM = 2 };

typedef struct {
    char *text;   /* UTF-8; "\n" is a hard line break */
    char *ruby;   /* reading set above text, or NULL */
    unsigned style;
} span_t;

typedef enum { PANEL_BLOCK_HEADING, PANEL_BLOCK_PARAGRAPH, PANEL_BLOCK_ITEM, PANEL_BLOCK_IMAGE } block_kind_t;

typedef struct {
    block_kind_t kind;
    int level;       /* heading level 1-6, or list depth 1-2 */
    int line;        /* source line, for messages */
    span_t *spans;
    int nspans, capspans;
    char *image;     /* PANEL_BLOCK_IMAGE: absolute, confined path */
    char *alt;
    int img_w, img_h;
} block_t;

typedef enum { PANEL_TITLE, PANEL_TEXT, PANEL_LIST, PANEL_TIMELINE, PANEL_CARDS } panel_layout_t;
enum { PANEL_LAYOUT_COUNT = PANEL_CARDS + 1 };

typedef struct {
    char *path, *stem, *title;
    char *tag;               /* TAG of NAME.TAG.md, NULL for NAME.md */
    block_t title_block;     /* the title as spans, with its readings (title: plain text) */
    lang_t lang;             /* its place in the deck's languages */
    panel_layout_t layout;
    double dwell_s;          /* 0: the playlist's dwell */
    char *qr, *qr_caption;
    unsigned char *qr_modules; /* qr_size * qr_size, 1 = dark */
    int qr_size;
    uint32_t accent;         /* 0xRRGGBB */
    bool has_accent;
    timeplan_t plan;         /* from, until, days, hours: when the panel shows */
    block_t *blocks;
    int nblocks, capblocks;
} panel_t;

/* Parses one panel from memory. Returns NULL when it has problems (all of them in diags). */
panel_t *panel_parse(const char *path, const char *data, size_t len, const char *content_dir,
                     diag_list_t *diags);
panel_t *panel_load(const char *path, const char *content_dir, diag_list_t *diags);
void panel_free(panel_t *p);

/* "title", "text", "list", "timeline", "cards": the front-matter names of the layouts. */
const char *panel_layout_name(panel_layout_t l);

#include "annai/deck.h" /* the deck of panels, in the deck's languages */

#endif
