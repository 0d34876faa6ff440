/* ui: the on-screen chrome (previous/next, page dots, index, language), the index overlay and
 * the language picker: geometry and hit tests in plain C, drawn as display lists like the
 * panels, in the words of the language on screen (lang_info_t.ui). */
#ifndef ANNAI_UI_H
#define ANNAI_UI_H

#include "annai/admin.h"
#include "annai/lang.h"
#include "annai/layout.h"
#include "annai/palette.h"

#define UI_MAX_DOTS 24
#define UI_MAX_INDEX 48

typedef enum {
    UI_HIT_NONE = -1, UI_HIT_PREV = -2, UI_HIT_NEXT = -3, UI_HIT_INDEX = -4, UI_HIT_LANG = -5, UI_HIT_CLOSE = -6,
    /* issue 19: the visitor's tray (見やすく) and its buttons */
    UI_HIT_ACCESS = -7, UI_HIT_FURIGANA = -8, UI_HIT_LARGE = -9, UI_HIT_CONTRAST = -10, UI_HIT_SPEAKER = -11,
} ui_hit_t;

#define UI_MAX_FOCUS (UI_MAX_INDEX + UI_MAX_DOTS + 12)

typedef struct {
    rectf_t bar, prev, next, index, lang;
    rectf_t dots[UI_MAX_DOTS];
    int ndots;       /* 0 when there are too many panels: "3 / 40" is shown instead */
    float target;    /* the side of a touch target in px */
    /* the accessibility tray: opened by its button in the bar, it lies over the panel above it */
    rectf_t access, tray, furigana, large, contrast, speaker;
    bool tray_open, has_furigana, has_speaker;
} ui_chrome_t;

/* What the chrome shows besides the panel count and position (ui_chrome_draw). */
typedef struct {
    int current;
    lang_t lang;
    bool hint;                     /* attract mode: "touch the screen" */
    bool furigana, large, contrast, playing; /* modes on (drawn inverted and with ✓), narration playing */
    int focus;                     /* the hit id with the keyboard focus ring, or UI_HIT_NONE */
    bool focus_shown;
    float scroll, scroll_max, visible_h; /* the panel's scroll (scroll_max 0: it fits) */
    const lang_info_t *li;         /* the words of the visitor's language (NULL: by lang, ja or en) */
    bool picker;                   /* the language button is there (more than one language) */
} ui_view_t;

typedef struct ui_index {
    rectf_t close;
    rectf_t entries[UI_MAX_INDEX];
    int n;
} ui_index_t;

void ui_chrome_geometry(ui_chrome_t *c, int w, int h, int npanels);
/* The tray's state and which of its buttons this deck and panel offer (geometry then hit tests). */
void ui_chrome_set_tray(ui_chrome_t *c, bool open, bool has_furigana, bool has_speaker);
/* The controls in keyboard order (Tab): hit ids, n returned. */
int ui_chrome_focus_order(const ui_chrome_t *c, int *ids);
int ui_index_focus_order(const struct ui_index *ix, int *ids);
/* The rectangle of a control by hit id (the focus ring goes round it). */
rectf_t ui_chrome_rect(const ui_chrome_t *c, int id);
/* The chrome with the tray, toggles, focus ring and scroll cue (scale: larger text for labels). */
void ui_chrome_draw(dlist_t *dl, const metrics_t *m, int w, int h, const ui_chrome_t *c, int npanels,
                    const ui_view_t *v);
/* UI_HIT_* or a panel index (a page dot). */
int ui_chrome_hit(const ui_chrome_t *c, float x, float y);
/* picker: whether the language button is there (the deck has more than one language). */
void ui_chrome_build(dlist_t *dl, const metrics_t *m, int w, int h, int npanels, int current, const lang_info_t *li,
                     bool picker, bool hint);

void ui_index_geometry(ui_index_t *ix, int w, int h, int npanels);
int ui_index_hit(const ui_index_t *ix, float x, float y);
/* tm: each title's metrics (a title without a twin is in the first language, in its face). */
void ui_index_build(dlist_t *dl, const metrics_t *m, int w, int h, const char *const *titles,
                    const metrics_t *const *tm, int n, int current, const lang_info_t *li);

/* The language picker: every language of the deck named in itself, in its own face. */
typedef struct {
    rectf_t close;
    rectf_t entries[LANG_MAX];
    int n;
} ui_picker_t;

void ui_picker_geometry(ui_picker_t *pk, int w, int h, int nlangs);
/* UI_HIT_CLOSE, a language, or UI_HIT_NONE. */
int ui_picker_hit(const ui_picker_t *pk, float x, float y);
/* names[i] in ms[i]; m and li: the language on screen (the title, Close); focus: the keys' place. */
void ui_picker_build(dlist_t *dl, const metrics_t *m, const lang_info_t *li, int w, int h, const char *const *names,
                     const metrics_t *const *ms, int n, int current, int focus, bool contrast);
/* The same in the visitor's palette and text size, with the focus ring on control `focus`. */
void ui_index_draw(dlist_t *dl, const metrics_t *m, int w, int h, const char *const *titles, const metrics_t *const *tm,
                   int n, int current, const ui_view_t *v);


/* The admin door and overlay. Keys 0-8 are the digits 1-9, then ←, 0, OK. */
typedef enum { UI_AHIT_NONE = -1, UI_AHIT_BACK = 10, UI_AHIT_OK, UI_AHIT_CLOSE, UI_AHIT_RELOAD, UI_AHIT_EXIT } ui_admin_hit_t;
#define UI_ADMIN_INFO 16

typedef struct {
    rectf_t pad, display, keys[12];
    rectf_t close, reload, exit, info;
    bool can_exit;
} ui_admin_t;

/* A long press here opens the admin door: the top corners, one target square each. */
bool ui_admin_corner(int w, int h, float x, float y);
void ui_admin_geometry(ui_admin_t *a, int w, int h, bool can_exit);
/* A digit 0-9 or UI_AHIT_* for a tap in the given state. */
int ui_admin_hit(const ui_admin_t *a, admin_state_t st, float x, float y);
void ui_admin_build(dlist_t *dl, const metrics_t *m, int w, int h, const admin_t *adm, const char *const *info,
                    int ninfo, bool can_exit, const lang_info_t *li);

#endif
