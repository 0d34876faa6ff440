#include "annai/ui.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include "annai/heading.h"

#define INDEX_LINE_HEIGHT 1.1f
#define INDEX_MAX_LINES 3      /* index titles: as many lines as the button holds, up to this */
#define INDEX_MAX_ENTRY_TARGETS 1.45f /* an entry may grow to this many target sizes when there is room */
#define TARGET_UNITS 8.5f     /* ~9 mm on a 24" 1080p screen, and scaled with it */
#define HIT_SLOP 0.15f        /* targets answer a little outside what is drawn */
#define HINT_ROOM 0.94f       /* of the space between the buttons the invitation may fill */
#define HINT_MIN_PX (0.75f * THEME_MIN_PX) /* smaller, the invitation is left out: read at arm's length */
#define DOT_PITCH 0.62f     /* page dots, as a share of the target size */
#define DOT_PITCH_MIN 0.5f  /* closer than this and "3 / 11" is written instead */
#define LANG_BUTTON_UNITS 3.0f /* "언어 Language": wider than the index button */
#define LANG_LABEL_SCALE 0.85f
#define LABEL_FILL 0.88f      /* a label takes at most this much of its button's width */
#define LABEL_TARGET 0.36f    /* label size as a share of the target side */
#define LARGE_LABEL 1.4f      /* larger text: the chrome's labels too */
#define FOCUS_UNITS 0.7f      /* the focus ring's width */

/* The chrome's words in the visitor's language (lang.c); a view made without one (tests of
 * the geometry) speaks the default deck's ja, en. */
static const lang_info_t *view_lang(const ui_view_t *v)
{
    return v->li ? v->li : lang_known(v->lang == 1 ? "en" : "ja");
}

static const char *word(const ui_view_t *v, ui_word_t k) { return view_lang(v)->ui[k]; }

static bool inside(rectf_t r, float x, float y, float slop)
{
    float sx = r.w * slop, sy = r.h * slop;
    return r.w > 0 && x >= r.x - sx && x < r.x + r.w + sx && y >= r.y - sy && y < r.y + r.h + sy;
}

/* The tray: one row over the bar on a landscape screen, two rows of two on a portrait one. */
static void tray_geometry(ui_chrome_t *c, const theme_t *t, int w, int h)
{
    float s = c->target, gap = t->unit * 1.5f, m = t->margin * 0.6f;
    bool land = w >= h;
    int cols = land ? 4 : 2, rows = land ? 1 : 2;
    float th = (float)rows * s + (float)(rows + 1) * gap;
    c->tray = (rectf_t){0, c->bar.y - th, (float)w, th};
    float bw = ((float)w - 2 * m - gap * (float)(cols - 1)) / (float)cols;
    rectf_t *slot[4] = {&c->furigana, &c->large, &c->contrast, &c->speaker};
    for (int i = 0; i < 4; i++)
        *slot[i] = (rectf_t){m + (float)(i % cols) * (bw + gap), c->tray.y + gap + (float)(i / cols) * (s + gap), bw, s};
}

void ui_chrome_geometry(ui_chrome_t *c, int w, int h, int npanels)
{
    theme_t t;
    theme_for(&t, w, h);
    memset(c, 0, sizeof *c);
    float bh = t.chrome_h, s = TARGET_UNITS * t.unit, m = t.margin * 0.6f;
    float y = (float)h - bh + (bh - s) / 2;
    c->target = s;
    c->bar = (rectf_t){0, (float)h - bh, (float)w, bh};
    c->prev = (rectf_t){m, y, s, s};
    c->next = (rectf_t){(float)w - m - s, y, s, s};
    /* the language button says it in two languages; a portrait bar holds five buttons, so there
     * it is as wide as the others (its label set smaller) to leave room for the position */
    float bw = s * 2.2f, lw = s * (w < h ? 2.2f : LANG_BUTTON_UNITS);
    c->index = (rectf_t){m + s + t.unit * 2, y, bw, s};
    c->access = (rectf_t){c->index.x + bw + t.unit * 2, y, bw, s};
    c->lang = (rectf_t){(float)w - m - s - t.unit * 2 - lw, y, lw, s};
    tray_geometry(c, &t, w, h);
    c->has_furigana = c->has_speaker = true;
    float left = c->access.x + bw + t.unit * 2, right = c->lang.x - t.unit * 2;
    float pitch = s * DOT_PITCH, room = right - left;
    int n = npanels;
    if (pitch * (float)n > room) pitch = room / (float)n; /* a narrow screen: closer dots before none */
    if (n > UI_MAX_DOTS || pitch < s * DOT_PITCH_MIN) return;
    float x0 = (left + right) / 2 - pitch * (float)n / 2;
    for (int i = 0; i < n; i++) c->dots[i] = (rectf_t){x0 + pitch * (float)i, y, pitch, s};
    c->ndots = n;
}

void ui_chrome_set_tray(ui_chrome_t *c, bool open, bool has_furigana, bool has_speaker)
{
    c->tray_open = open;
    c->has_furigana = has_furigana;
    c->has_speaker = has_speaker;
}

static bool offered(const ui_chrome_t *c, int id)
{
    if (id == UI_HIT_FURIGANA) return c->tray_open && c->has_furigana;
    if (id == UI_HIT_SPEAKER) return c->tray_open && c->has_speaker;
    if (id == UI_HIT_LARGE || id == UI_HIT_CONTRAST) return c->tray_open;
    return true;
}

rectf_t ui_chrome_rect(const ui_chrome_t *c, int id)
{
    switch (id) {
    case UI_HIT_PREV: return c->prev;
    case UI_HIT_NEXT: return c->next;
    case UI_HIT_INDEX: return c->index;
    case UI_HIT_LANG: return c->lang;
    case UI_HIT_ACCESS: return c->access;
    case UI_HIT_FURIGANA: return c->furigana;
    case UI_HIT_LARGE: return c->large;
    case UI_HIT_CONTRAST: return c->contrast;
    case UI_HIT_SPEAKER: return c->speaker;
    default: return id >= 0 && id < c->ndots ? c->dots[id] : (rectf_t){0, 0, 0, 0};
    }
}

int ui_chrome_hit(const ui_chrome_t *c, float x, float y)
{
    static const int tray[] = {UI_HIT_FURIGANA, UI_HIT_LARGE, UI_HIT_CONTRAST, UI_HIT_SPEAKER};
    for (int i = 0; c->tray_open && i < 4; i++)
        if (offered(c, tray[i]) && inside(ui_chrome_rect(c, tray[i]), x, y, 0.05f)) return tray[i];
    if (inside(c->prev, x, y, HIT_SLOP)) return UI_HIT_PREV;
    if (inside(c->next, x, y, HIT_SLOP)) return UI_HIT_NEXT;
    if (inside(c->index, x, y, HIT_SLOP)) return UI_HIT_INDEX;
    if (inside(c->access, x, y, HIT_SLOP)) return UI_HIT_ACCESS;
    if (inside(c->lang, x, y, HIT_SLOP)) return UI_HIT_LANG;
    for (int i = 0; i < c->ndots; i++)
        if (inside(c->dots[i], x, y, 0)) return i;
    return UI_HIT_NONE;
}

int ui_chrome_focus_order(const ui_chrome_t *c, int *ids)
{
    int n = 0;
    ids[n++] = UI_HIT_PREV;
    ids[n++] = UI_HIT_INDEX;
    ids[n++] = UI_HIT_ACCESS;
    static const int tray[] = {UI_HIT_FURIGANA, UI_HIT_LARGE, UI_HIT_CONTRAST, UI_HIT_SPEAKER};
    for (int i = 0; i < 4; i++)
        if (offered(c, tray[i])) ids[n++] = tray[i];
    for (int i = 0; i < c->ndots; i++) ids[n++] = i;
    ids[n++] = UI_HIT_LANG;
    ids[n++] = UI_HIT_NEXT;
    return n;
}

int ui_index_focus_order(const ui_index_t *ix, int *ids)
{
    int n = 0;
    for (int i = 0; i < ix->n; i++) ids[n++] = i;
    ids[n++] = UI_HIT_CLOSE;
    return n;
}

static void rect_add(dlist_t *dl, dl_kind_t k, rectf_t r, uint32_t color)
{
    MEM_ARRAY_GROW(dl->items, dl->nitems, dl->capitems, dl->nitems + 1);
    dl->items[dl->nitems++] = (dl_item_t){k, r, color, NULL, NULL, 0};
}

/* The label's size: px, or smaller until it fits the button's width (never below min_px). */
static float fit_px(const metrics_t *m, const char *text, float px, float w, float min_px, face_t face)
{
    float adv = 0;
    size_t n = strlen(text), i = 0;
    while (i < n) {
        int32_t cp = utf8_decode(text, n, &i);
        adv += m->advance(m->ud, face, px, (uint32_t)(cp < 0 ? 0xFFFD : cp));
    }
    if (adv <= w * LABEL_FILL || adv <= 0) return px;
    return fmaxf(min_px, px * w * LABEL_FILL / adv);
}

static void label(dlist_t *dl, const metrics_t *m, rectf_t r, const char *text, float px, uint32_t color, face_t face)
{
    span_t s = {(char *)text, NULL, face == FONTS_FACE_BOLD ? PANEL_STYLE_BOLD : 0};
    text_style_t st = {px, 1.0f, color, LAYOUT_ALIGN_CENTER, 0, face, LAYOUT_BREAK_BODY};
    float y = r.y + (r.h - px) / 2;
    layout_text(dl, m, &s, 1, r.x, y, r.w, y + px + 1, &st, -3, NULL);
}

typedef struct {
    const metrics_t *m;
    const palette_t *pal;
    float px, min_px, border;
} skin_t;

/* A button; one that is on is drawn inverted and its label starts with ✓ (not colour alone). */
static void button_marked(dlist_t *dl, const skin_t *k, rectf_t r, const char *text, bool on, bool mark)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%s%s", on && mark ? "✓ " : "", text);
    rect_add(dl, LAYOUT_DL_RECT, r, k->pal->border);
    rectf_t face = {r.x + k->border, r.y + k->border, r.w - 2 * k->border, r.h - 2 * k->border};
    rect_add(dl, LAYOUT_DL_RECT, face, on ? k->pal->ink : k->pal->button);
    float px = fit_px(k->m, buf, k->px, r.w, k->min_px, FONTS_FACE_BOLD);
    label(dl, k->m, r, buf, px, on ? k->pal->button : k->pal->button_ink, FONTS_FACE_BOLD);
}

static void button(dlist_t *dl, const skin_t *k, rectf_t r, const char *text, bool on)
{
    button_marked(dl, k, r, text, on, true);
}

static void focus_ring(dlist_t *dl, rectf_t r, float width, uint32_t color)
{
    float g = width; /* a gap of the same width keeps the ring clear of the button's own border */
    rectf_t o = {r.x - g - width, r.y - g - width, r.w + 2 * (g + width), r.h + 2 * (g + width)};
    rect_add(dl, LAYOUT_DL_RECT, (rectf_t){o.x, o.y, o.w, width}, color);
    rect_add(dl, LAYOUT_DL_RECT, (rectf_t){o.x, o.y + o.h - width, o.w, width}, color);
    rect_add(dl, LAYOUT_DL_RECT, (rectf_t){o.x, o.y, width, o.h}, color);
    rect_add(dl, LAYOUT_DL_RECT, (rectf_t){o.x + o.w - width, o.y, width, o.h}, color);
}

/* Starts a display list for a w x h screen: the theme for it, an empty list, a background. */
static theme_t begin(dlist_t *dl, int w, int h, uint32_t bg)
{
    theme_t t;
    theme_for(&t, w, h);
    layout_dlist_clear(dl);
    dl->w = w;
    dl->h = h;
    dl->bg = bg;
    return t;
}

static float text_width(const metrics_t *m, const char *s, float px)
{
    float w = 0;
    for (size_t i = 0, n = strlen(s); i < n;) w += m->advance(m->ud, FONTS_FACE_REGULAR, px, (uint32_t)utf8_decode(s, n, &i));
    return w;
}

/* The invitation to touch, whole on the space between the buttons: the long wording where it
 * fits, else the short one, made smaller only when even that does not fit (a portrait screen
 * cut "Touch the screen to explore" to "Touch the screen to"), and left out when it would be
 * smaller than HINT_MIN_PX: 480x800 set it 7 px high, a smear no visitor reads even at arm's
 * length; the buttons invite by themselves. */
static const char *hint_text(const metrics_t *m, const lang_info_t *li, float room, float *px)
{
    room *= HINT_ROOM;
    const char *w[2] = {li->ui[LANG_UI_HINT], li->ui[LANG_UI_HINT_SHORT]};
    if (text_width(m, w[0], *px) <= room) return w[0];
    float need = text_width(m, w[1], *px);
    if (need > room) *px *= room / need;
    return *px >= HINT_MIN_PX ? w[1] : NULL;
}

static skin_t skin_for(const metrics_t *m, const theme_t *t, float target, const ui_view_t *v)
{
    float k = v->large ? LARGE_LABEL : 1.0f;
    const palette_t *pal = palette_get(v->contrast ? PALETTE_HIGH_CONTRAST : PALETTE_NORMAL);
    return (skin_t){m, pal, fmaxf(t->min_px, target * LABEL_TARGET) * k, t->min_px, fmaxf(2.0f, t->unit * 0.3f)};
}

/* The current page is a wide bar, the others dots: told apart by shape and size, not colour. */
static void page_dots(dlist_t *dl, const ui_chrome_t *c, const skin_t *k, float dy, int current)
{
    for (int i = 0; i < c->ndots; i++) {
        bool cur = i == current;
        float d = cur ? c->target * 0.3f : c->target * 0.18f, wd = cur ? d * 1.8f : d;
        rectf_t r = {c->dots[i].x + (c->dots[i].w - wd) / 2, dy - d / 2, wd, d};
        rect_add(dl, cur ? LAYOUT_DL_RECT : LAYOUT_DL_DISC, r, cur ? k->pal->dot_active : k->pal->dot);
    }
}

static void nav_text(dlist_t *dl, const ui_chrome_t *c, const skin_t *k, const theme_t *t, int npanels,
                     const ui_view_t *v)
{
    float l = c->access.x + c->access.w, r = c->lang.x;
    if (!c->ndots) {
        char pos[32];
        snprintf(pos, sizeof pos, "%d / %d", v->current + 1, npanels);
        rectf_t at = v->hint ? (rectf_t){l, c->bar.y + c->bar.h * 0.5f, r - l, c->bar.h * 0.4f} : (rectf_t){l, c->prev.y, r - l, c->target};
        float px = fit_px(k->m, pos, v->hint ? fminf(k->px, at.h * 0.8f) : k->px, at.w, t->min_px, FONTS_FACE_BOLD);
        label(dl, k->m, at, pos, px, k->pal->ink, FONTS_FACE_BOLD);
    }
    if (v->hint) {
        float px = t->min_px * 0.9f * (v->large ? LARGE_LABEL : 1);
        const char *msg = hint_text(k->m, view_lang(v), r - l, &px);
        if (msg) label(dl, k->m, (rectf_t){l, c->bar.y + c->bar.h * 0.06f, r - l, c->bar.h * 0.42f}, msg, px, k->pal->ink, FONTS_FACE_REGULAR);
    }
}

/* A panel taller than the screen: a thumb on the right edge, and "▼ more" while text is below. */
static void scroll_cue(dlist_t *dl, const ui_chrome_t *c, const skin_t *k, const theme_t *t, const ui_view_t *v)
{
    if (v->scroll_max <= 0 || v->visible_h <= 0) return;
    float track = v->visible_h, total = track + v->scroll_max, wd = t->unit * 1.2f;
    float th = fmaxf(track * track / total, c->target), ty = (track - th) * v->scroll / v->scroll_max;
    float x = (float)dl->w - wd - t->unit * 0.8f;
    rect_add(dl, LAYOUT_DL_RECT, (rectf_t){x + wd * 0.35f, 0, wd * 0.3f, track}, k->pal->rule | PALETTE_OPAQUE);
    rect_add(dl, LAYOUT_DL_RECT, (rectf_t){x, ty, wd, th}, k->pal->ink);
    if (v->scroll < v->scroll_max - 1) {
        char more[64];
        snprintf(more, sizeof more, "▼ %s", word(v, LANG_UI_MORE));
        float px = k->px, bw = c->target * 2.4f;
        rectf_t r = {x - bw - t->unit, track - c->target * 0.8f, bw, c->target * 0.7f};
        rect_add(dl, LAYOUT_DL_RECT, r, k->pal->ink);
        label(dl, k->m, r, more, fit_px(k->m, more, px, r.w, t->min_px, FONTS_FACE_BOLD), k->pal->bg, FONTS_FACE_BOLD);
    }
}

void ui_chrome_draw(dlist_t *dl, const metrics_t *m, int w, int h, const ui_chrome_t *c, int npanels, const ui_view_t *v)
{
    theme_t t = begin(dl, w, h, 0); /* transparent: drawn over the panel */
    skin_t k = skin_for(m, &t, c->target, v);
    scroll_cue(dl, c, &k, &t, v);
    /* past the screen's edge: a scrolled panel's text must not peek out under it when the
     * burn-in shift moves the picture up a few px */
    rect_add(dl, LAYOUT_DL_RECT, (rectf_t){c->bar.x - t.unit, c->bar.y, c->bar.w + 2 * t.unit, c->bar.h + t.unit}, k.pal->bar);
    button(dl, &k, c->prev, "◀", false);
    button(dl, &k, c->next, "▶", false);
    button(dl, &k, c->index, word(v, LANG_UI_INDEX), false);
    /* open: inverted, and the tray itself above it says so (a ✓ would not fit a portrait bar) */
    button_marked(dl, &k, c->access, word(v, LANG_UI_ACCESS), c->tray_open, false);
    if (v->picker) {
        skin_t kl = k;
        kl.px *= LANG_LABEL_SCALE; /* "言語 Language": two words on one button */
        const char *both = word(v, LANG_UI_LANGUAGE), *sp = strchr(both, ' ');
        char own[64];
        if (sp && text_width(k.m, both, k.min_px) > c->lang.w * LABEL_FILL) { /* a portrait bar: its own word */
            snprintf(own, sizeof own, "%.*s", (int)(sp - both), both);
            both = own;
        }
        button(dl, &kl, c->lang, both, false);
    }
    if (c->tray_open) {
        rect_add(dl, LAYOUT_DL_RECT, c->tray, k.pal->bar);
        rect_add(dl, LAYOUT_DL_RECT, (rectf_t){c->tray.x, c->tray.y, c->tray.w, k.border}, k.pal->border);
        if (c->has_furigana) button(dl, &k, c->furigana, word(v, LANG_UI_FURIGANA), v->furigana);
        button(dl, &k, c->large, word(v, LANG_UI_LARGE), v->large);
        button(dl, &k, c->contrast, word(v, LANG_UI_CONTRAST), v->contrast);
        if (c->has_speaker) button(dl, &k, c->speaker, word(v, v->playing ? LANG_UI_STOP : LANG_UI_LISTEN), v->playing);
    }
    float dy = v->hint ? c->bar.y + c->bar.h * 0.66f : c->prev.y + c->target / 2;
    page_dots(dl, c, &k, dy, v->current);
    nav_text(dl, c, &k, &t, npanels, v);
    rectf_t f = ui_chrome_rect(c, v->focus);
    if (v->focus_shown && f.w > 0) focus_ring(dl, f, fmaxf(3.0f, t.unit * FOCUS_UNITS), k.pal->focus);
}

void ui_chrome_build(dlist_t *dl, const metrics_t *m, int w, int h, int npanels, int current, const lang_info_t *li,
                     bool picker, bool hint)
{
    ui_chrome_t c;
    ui_chrome_geometry(&c, w, h, npanels);
    ui_view_t v = {.current = current, .hint = hint, .focus = UI_HIT_NONE, .li = li, .picker = picker};
    ui_chrome_draw(dl, m, w, h, &c, npanels, &v);
}

void ui_index_geometry(ui_index_t *ix, int w, int h, int npanels)
{
    theme_t t;
    theme_for(&t, w, h);
    memset(ix, 0, sizeof *ix);
    float s = TARGET_UNITS * t.unit, m = t.margin;
    ix->close = (rectf_t){(float)w - m - s * 2.6f, m * 0.6f, s * 2.6f, s};
    float top = m * 0.6f + s + t.unit * 4, bottom = (float)h - m * 0.6f;
    int cols = w >= h ? 2 : 1, n = npanels < UI_MAX_INDEX ? npanels : UI_MAX_INDEX;
    int rows = (n + cols - 1) / cols;
    float gap = t.unit * 1.6f;
    float rh = rows ? fminf(s * INDEX_MAX_ENTRY_TARGETS, (bottom - top - gap * (float)(rows - 1)) / (float)rows) : s;
    if (rh < s * 0.9f) { /* too many to show with honest targets: show what fits */
        rh = s * 0.9f;
        rows = (int)((bottom - top + gap) / (rh + gap));
        n = rows * cols < n ? rows * cols : n;
    }
    float cw = ((float)w - 2 * m - gap * (float)(cols - 1)) / (float)cols;
    for (int i = 0; i < n; i++) {
        int col = i / rows, row = i % rows; /* reading order: down the first column, then the next */
        ix->entries[i] = (rectf_t){m + (float)col * (cw + gap), top + (float)row * (rh + gap), cw, rh};
    }
    ix->n = n;
}

int ui_index_hit(const ui_index_t *ix, float x, float y)
{
    if (inside(ix->close, x, y, HIT_SLOP)) return UI_HIT_CLOSE;
    for (int i = 0; i < ix->n; i++)
        if (inside(ix->entries[i], x, y, 0)) return i;
    return UI_HIT_NONE;
}

/* An index entry: the whole title, as a heading of as many lines as its button holds at the
 * legible minimum (at most INDEX_MAX_LINES), set smaller when it needs to be, centred; only past
 * that is it cut with …. */
static int index_lines_fitting(float h, float px)
{
    int n = (int)(h / (px * INDEX_LINE_HEIGHT));
    return n < 1 ? 1 : n > INDEX_MAX_LINES ? INDEX_MAX_LINES : n;
}

static void index_title(dlist_t *dl, const metrics_t *m, const char *title, rectf_t r, float px, float min_px,
                        uint32_t ink)
{
    span_t s = {(char *)title, NULL, 0};
    text_style_t st;
    float w = r.w, h = 0;
    min_px = fminf(px, min_px);
    for (float cand = px;; cand = fmaxf(cand * HEADING_FIT_STEP, min_px)) { /* the largest size that fits */
        st = (text_style_t){cand, INDEX_LINE_HEIGHT, ink, LAYOUT_ALIGN_LEFT, 0, FONTS_FACE_REGULAR, LAYOUT_BREAK_PHRASES};
        w = heading_fit(m, &s, 1, r.w, &st, cand, index_lines_fitting(r.h, cand));
        dlist_t probe = {0};
        h = layout_text(&probe, m, &s, 1, 0, 0, w, INFINITY, &st, -4, NULL);
        int lines = probe.nlines;
        layout_dlist_free(&probe);
        if (lines <= index_lines_fitting(r.h, cand) || cand <= min_px) break;
    }
    int max_lines = index_lines_fitting(r.h, st.px);
    float pitch = st.px * INDEX_LINE_HEIGHT, top = r.y + fmaxf(0, (r.h - fminf(h, pitch * (float)max_lines)) / 2);
    layout_text(dl, m, &s, 1, r.x, top, w, top + pitch * (float)max_lines, &st, -4, &(bool){false});
}

/* A screen's heading: centred on the screen, in the row of its close button (top right), never
 * running into it. */
static rectf_t heading_row(rectf_t close, int w)
{
    float half = fmaxf(0, close.x - (float)w / 2);
    return (rectf_t){(float)w / 2 - half, close.y, 2 * half, close.h};
}

void ui_index_draw(dlist_t *dl, const metrics_t *m, int w, int h, const char *const *titles, const metrics_t *const *tm,
                   int n, int current, const ui_view_t *v)
{
    ui_index_t ix;
    const palette_t *pal = palette_get(v->contrast ? PALETTE_HIGH_CONTRAST : PALETTE_NORMAL);
    theme_t t = begin(dl, w, h, pal->bg);
    ui_index_geometry(&ix, w, h, n);
    skin_t k = skin_for(m, &t, TARGET_UNITS * t.unit, v);
    float px = fmaxf(t.min_px, t.body_px * 0.9f) * (v->large ? LARGE_LABEL : 1), bar = t.unit * 1.2f;
    label(dl, m, heading_row(ix.close, w), word(v, LANG_UI_INDEX), t.title_px, pal->ink, FONTS_FACE_BOLD);
    button(dl, &k, ix.close, word(v, LANG_UI_CLOSE), false);
    for (int i = 0; i < ix.n; i++) {
        rectf_t r = ix.entries[i];
        bool cur = i == current; /* the current panel: inverted, and its number bold in a bar */
        rect_add(dl, LAYOUT_DL_RECT, r, cur ? pal->ink : pal->card);
        rect_add(dl, LAYOUT_DL_RECT, (rectf_t){r.x, r.y, bar, r.h}, pal->border);
        if (!cur) rect_add(dl, LAYOUT_DL_RECT, (rectf_t){r.x, r.y + r.h - k.border, r.w, k.border}, pal->rule | PALETTE_OPAQUE);
        char num[16];
        snprintf(num, sizeof num, "%d", i + 1);
        uint32_t ink = cur ? pal->card : pal->ink;
        label(dl, m, (rectf_t){r.x + bar, r.y, px * 2.2f, r.h}, num, px, ink, FONTS_FACE_BOLD);
        index_title(dl, tm ? tm[i] : m, titles[i], (rectf_t){r.x + bar + px * 2.4f, r.y, r.w - bar * 2 - px * 2.4f, r.h}, px, t.min_px, ink);
    }
    rectf_t f = v->focus == UI_HIT_CLOSE ? ix.close : v->focus >= 0 && v->focus < ix.n ? ix.entries[v->focus] : (rectf_t){0, 0, 0, 0};
    if (v->focus_shown && f.w > 0) focus_ring(dl, f, fmaxf(3.0f, t.unit * FOCUS_UNITS), pal->focus);
}

void ui_index_build(dlist_t *dl, const metrics_t *m, int w, int h, const char *const *titles, const metrics_t *const *tm,
                    int n, int current, const lang_info_t *li)
{
    ui_view_t v = {.current = current, .focus = UI_HIT_NONE, .li = li};
    ui_index_draw(dl, m, w, h, titles, tm, n, current, &v);
}

/* ---- the language picker ---- */

#define PICKER_ROW_UNITS 1.5f /* an entry is this many touch targets high: easy to hit */

void ui_picker_geometry(ui_picker_t *pk, int w, int h, int nlangs)
{
    theme_t t;
    theme_for(&t, w, h);
    memset(pk, 0, sizeof *pk);
    float s = TARGET_UNITS * t.unit, m = t.margin, gap = t.unit * 2;
    pk->close = (rectf_t){(float)w - m - s * 2.6f, m * 0.6f, s * 2.6f, s};
    int n = nlangs < LANG_MAX ? nlangs : LANG_MAX;
    float top = m * 0.6f + s + t.unit * 6, bottom = (float)h - t.chrome_h;
    int cols = n > 3 && (w > h || (float)n * (s + gap) - gap > bottom - top) ? 2 : 1, rows = (n + cols - 1) / cols; /* a square screen too */
    float rh = rows ? fminf(s * PICKER_ROW_UNITS, (bottom - top - gap * (float)(rows - 1)) / (float)rows) : s;
    float cw = fminf(((float)w - 2 * m - gap * (float)(cols - 1)) / (float)cols, s * 7);
    float x0 = ((float)w - cw * (float)cols - gap * (float)(cols - 1)) / 2;
    for (int i = 0; i < n; i++) {
        int col = i / rows, row = i % rows;
        pk->entries[i] = (rectf_t){x0 + (float)col * (cw + gap), top + (float)row * (rh + gap), cw, rh};
    }
    pk->n = n;
}

int ui_picker_hit(const ui_picker_t *pk, float x, float y)
{
    if (inside(pk->close, x, y, HIT_SLOP)) return UI_HIT_CLOSE;
    for (int i = 0; i < pk->n; i++)
        if (inside(pk->entries[i], x, y, 0)) return i;
    return UI_HIT_NONE;
}

void ui_picker_build(dlist_t *dl, const metrics_t *m, const lang_info_t *li, int w, int h, const char *const *names,
                     const metrics_t *const *ms, int n, int current, int focus, bool contrast)
{
    const palette_t *pal = palette_get(contrast ? PALETTE_HIGH_CONTRAST : PALETTE_NORMAL);
    ui_picker_t pk;
    theme_t t = begin(dl, w, h, pal->bg);
    ui_picker_geometry(&pk, w, h, n);
    float px = fmaxf(t.min_px, t.body_px), border = fmaxf(2.0f, t.unit * 0.3f);
    skin_t k = {m, pal, fmaxf(t.min_px, t.body_px * 0.9f), t.min_px, border};
    label(dl, m, (rectf_t){t.margin, pk.close.y, pk.close.x - t.margin * 2, pk.close.h}, li->ui[LANG_UI_PICK], t.h2_px,
          pal->ink, FONTS_FACE_BOLD);
    button(dl, &k, pk.close, li->ui[LANG_UI_CLOSE], false);
    for (int i = 0; i < pk.n; i++) {
        rectf_t r = pk.entries[i];
        if (i == focus) /* the keys' focus: a thick ring around the entry */
            focus_ring(dl, r, border * 3, pal->focus);
        rect_add(dl, LAYOUT_DL_RECT, r, pal->border);
        /* the language on screen: inverted, as a mode that is on */
        uint32_t fill = i == current ? pal->ink : pal->button, ink = i == current ? pal->button : pal->button_ink;
        rect_add(dl, LAYOUT_DL_RECT, (rectf_t){r.x + border, r.y + border, r.w - 2 * border, r.h - 2 * border}, fill);
        label(dl, ms[i], r, names[i], px, ink, FONTS_FACE_BOLD);
    }
}

/* ---- admin ---- */


bool ui_admin_corner(int w, int h, float x, float y)
{
    theme_t t;
    theme_for(&t, w, h);
    float s = TARGET_UNITS * t.unit * 1.2f;
    return y < s && (x < s || x > (float)w - s);
}

void ui_admin_geometry(ui_admin_t *a, int w, int h, bool can_exit)
{
    theme_t t;
    theme_for(&t, w, h);
    memset(a, 0, sizeof *a);
    float s = TARGET_UNITS * t.unit * 1.15f, gap = t.unit * 1.5f, m = t.margin * 0.6f;
    a->can_exit = can_exit;
    a->close = (rectf_t){(float)w - m - s * 2.6f, m, s * 2.6f, s};
    float pw = 3 * s + 2 * gap, ph = 5 * s + 4 * gap;
    a->pad = (rectf_t){((float)w - pw) / 2, ((float)h - ph) / 2, pw, ph};
    a->display = (rectf_t){a->pad.x, a->pad.y, pw, s};
    for (int i = 0; i < 12; i++)
        a->keys[i] = (rectf_t){a->pad.x + (float)(i % 3) * (s + gap), a->pad.y + (float)(i / 3 + 1) * (s + gap), s, s};
    float bw = s * 3.2f, by = (float)h - m - s;
    a->reload = (rectf_t){m, by, bw, s};
    a->exit = (rectf_t){m + bw + gap, by, can_exit ? bw : 0, can_exit ? s : 0};
    a->info = (rectf_t){m, m + s + gap, (float)w - 2 * m, by - gap - (m + s + gap)};
}

int ui_admin_hit(const ui_admin_t *a, admin_state_t st, float x, float y)
{
    if (inside(a->close, x, y, HIT_SLOP)) return UI_AHIT_CLOSE;
    if (st == ADMIN_PIN) {
        for (int i = 0; i < 12; i++) {
            if (!inside(a->keys[i], x, y, 0.05f)) continue;
            return i < 9 ? i + 1 : i == 9 ? UI_AHIT_BACK : i == 10 ? 0 : UI_AHIT_OK;
        }
    } else if (st == ADMIN_OPEN) {
        if (inside(a->reload, x, y, HIT_SLOP)) return UI_AHIT_RELOAD;
        if (a->can_exit && inside(a->exit, x, y, HIT_SLOP)) return UI_AHIT_EXIT;
    }
    return UI_AHIT_NONE;
}

/* The operator's overlay: always the everyday palette's admin colours, labels at a fixed size. */
static const palette_t *admin_pal(void) { return palette_get(PALETTE_NORMAL); }

static void admin_button(dlist_t *dl, const metrics_t *m, rectf_t r, const char *text, float px, float border)
{
    skin_t k = {m, admin_pal(), px, px, border};
    button(dl, &k, r, text, false);
}

static void admin_pad_build(dlist_t *dl, const metrics_t *m, const ui_admin_t *a, const admin_t *adm, float px,
                            float border, const lang_info_t *li)
{
    const palette_t *pal = admin_pal();
    char shown[64] = "";
    for (int i = 0; i < adm->ntyped; i++) strcat(shown, "●");
    const char *msg = adm->ntyped ? shown : adm->wrong ? li->ui[LANG_UI_WRONG_PIN] : "PIN";
    label(dl, m, a->display, msg, px, adm->wrong && !adm->ntyped ? pal->admin_warn : pal->admin_ink, FONTS_FACE_BOLD);
    static const char *const keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "←", "0", "OK"};
    for (int i = 0; i < 12; i++) admin_button(dl, m, a->keys[i], keys[i], px, border);
}

static void admin_info_build(dlist_t *dl, const metrics_t *m, const ui_admin_t *a, const char *const *info, int n,
                             float px)
{
    float y = a->info.y, bottom = a->info.y + a->info.h;
    for (int i = 0; i < n && y + px * 1.3f <= bottom; i++) {
        span_t s = {(char *)info[i], NULL, 0};
        bool problem = strstr(info[i], ".md:") || strstr(info[i], ".ini:") || strstr(info[i], "failed");
        text_style_t st = {px, 1.3f, problem ? admin_pal()->admin_warn : admin_pal()->admin_ink, LAYOUT_ALIGN_LEFT, 0, FONTS_FACE_REGULAR, LAYOUT_BREAK_BODY};
        y = layout_text(dl, m, &s, 1, a->info.x, y, a->info.w, bottom, &st, -5, &(bool){false});
    }
}

void ui_admin_build(dlist_t *dl, const metrics_t *m, int w, int h, const admin_t *adm, const char *const *info,
                    int ninfo, bool can_exit, const lang_info_t *li)
{
    ui_admin_t a;
    theme_t t = begin(dl, w, h, admin_pal()->admin_bg);
    ui_admin_geometry(&a, w, h, can_exit);
    float px = fmaxf(t.min_px, t.body_px * 0.8f), border = fmaxf(2.0f, t.unit * 0.3f);
    admin_button(dl, m, a.close, li->ui[LANG_UI_CLOSE], px * 0.8f, border);
    if (adm->state == ADMIN_PIN) {
        admin_pad_build(dl, m, &a, adm, px, border, li);
        return;
    }
    label(dl, m, heading_row(a.close, w), "annai admin", px * 1.2f, admin_pal()->admin_ink, FONTS_FACE_BOLD);
    admin_info_build(dl, m, &a, info, ninfo, fmaxf(t.min_px, px * 0.8f));
    admin_button(dl, m, a.reload, li->ui[LANG_UI_RELOAD], px * 0.8f, border);
    if (can_exit) admin_button(dl, m, a.exit, li->ui[LANG_UI_EXIT], px * 0.8f, border);
}
