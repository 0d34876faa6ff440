/* engine: what every mode shares: config, the loaded deck, fonts and laid-out panels cached
 * per (panel, language) for one screen size. No window here. */
#ifndef ANNAI_ENGINE_H
#define ANNAI_ENGINE_H

#include "annai/atlas.h"
#include "annai/config.h"
#include "annai/panel.h"
#include "annai/furigana.h"
#include "annai/layout.h"

#ifndef ENGINE_MAX_LAID
#define ENGINE_MAX_LAID 64 /* laid-out panels kept (all languages); older ones are laid out again */
#endif

typedef struct {
    config_t cfg;
    deck_t deck;
    fonts_t *fonts;
    struct phrase_model *phrase[LANG_MAX]; /* each language's BudouX model for headings, loaded on first use */
    bool phrase_tried[LANG_MAX], phrase_owned[LANG_MAX];
    metrics_t metrics[LANG_MAX]; /* per language, made on first use (engine_metrics) */
    bool metrics_ready[LANG_MAX];
    int faces[LANG_MAX];         /* each language's face pair */
    diag_list_t font_diags;      /* faces that could not be found or opened */
    int w, h;
    dlist_t *lists[LANG_MAX];    /* one per panel */
    uint32_t *laid[LANG_MAX];    /* when it was last used, 0: not laid out */
    int nlaid;
    uint32_t clock;
    double *dwell_ms;             /* per panel, for the app */
    int problems;                 /* content problems at the last load */
    /* accessibility (issue 19): the deck's reading list and how panels are laid out now */
    furigana_t furigana;
    bool has_furigana;            /* the deck has furigana.txt: the ふりがな button is offered */
    unsigned variant;             /* ENGINE_V_* */
} engine_t;

enum { ENGINE_V_FURIGANA = 1, ENGINE_V_LARGE = 2, ENGINE_V_CONTRAST = 4 }; /* the same bits as A11Y_* */

/* Loads fonts and content. Returns 0, or 3 when fonts are unusable (message printed). */
int engine_open(engine_t *e, const config_t *cfg, const char *font_dir, diag_list_t *diags);
void engine_close(engine_t *e);
/* Replaces the deck (after a reload); cached layouts are dropped. */
void engine_set_deck(engine_t *e, deck_t *deck);
void engine_set_size(engine_t *e, int w, int h);
/* Readings over Japanese panels, larger text (scrolling), high contrast: cached layouts are
 * dropped when it changes. */
void engine_set_variant(engine_t *e, unsigned variant);
/* Fits the glyph atlas to the screen and the mode: larger text needs 1.4^2 the room, readings
 * add half-size glyphs of every size. */
void engine_fit_atlas(const engine_t *e, atlas_t *a, int w, int h);
/* Loads dir/furigana.txt into the engine (after engine_open or a reload). */
void engine_load_furigana(engine_t *e, const char *dir, diag_list_t *diags);
/* --check: each kanji word of a Japanese panel that furigana.txt has no reading for, as
 * path:line: message (none when the deck has no list: the button is then not offered). */
int engine_check_furigana(const engine_t *e, diag_list_t *diags);
/* The laid-out panel, laid out on first use. */
const dlist_t *engine_panel(engine_t *e, int index, lang_t lang);
const char *engine_share_dir(void);
/* A language's metrics (its face, its line breaking); opens its face on first use. */
const metrics_t *engine_metrics(engine_t *e, lang_t lang);
/* engine_metrics for callbacks (ud: the engine), e.g. alertview's faces. */
const metrics_t *engine_metrics_cb(void *ud, lang_t lang);
int engine_nlangs(const engine_t *e);
/* Only lang's faces (and the first language's, for panels without a twin) stay open; the
 * others close and open again when next used. */
void engine_focus_lang(engine_t *e, lang_t lang);

#endif
