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
#define COLOR_BAR 0xFFE9E5DCu
#define COLOR_BUTTON 0xFFFFFFFFu
#define COLOR_INK 0xFF1A1A1Au
#define COLOR_ACCENT 0xFF0B5CADu
#define COLOR_DOT 0xFF8A857Cu
#define DOT_PITCH 0.62f     /* page dots, as a share of the target size */
#define DOT_PITCH_MIN 0.5f  /* closer than this and "3 / 11" is written instead */
#define LANG_BUTTON_UNITS 3.0f /* "언어 Language": wider than the index button */
#define LANG_LABEL_SCALE 0.85f

static bool inside(rectf_t r, float x, float y, float slop)
{
    float sx = r.w * slop, sy = r.h * slop;
    return x >= r.x - sx && x < r.x + r.w + sx && y >= r.y - sy && y < r.y + r.h + sy;
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
    float bw = s * 2.2f, lw = s * LANG_BUTTON_UNITS; /* the language button says it in two languages */
    c->index = (rectf_t){m + s + t.unit * 2, y, bw, s};
    c->lang = (rectf_t){(float)w - m - s - t.unit * 2 - lw, y, lw, s};
    float left = c->index.x + bw + t.unit * 2, right = c->lang.x - t.unit * 2;
    float pitch = s * DOT_PITCH, room = right - left;
    int n = npanels;
    if (pitch * (float)n > room) pitch = room / (float)n; /* a narrow screen: closer dots before none */
    if (n > UI_MAX_DOTS || pitch < s * DOT_PITCH_MIN) return;
    float x0 = (left + right) / 2 - pitch * (float)n / 2;
    for (int i = 0; i < n; i++) c->dots[i] = (rectf_t){x0 + pitch * (float)i, y, pitch, s};
    c->ndots = n;
}

int ui_chrome_hit(const ui_chrome_t *c, float x, float y)
{
    if (inside(c->prev, x, y, HIT_SLOP)) return HIT_PREV;
    if (inside(c->next, x, y, HIT_SLOP)) return HIT_NEXT;
    if (inside(c->index, x, y, HIT_SLOP)) return HIT_INDEX;
    if (inside(c->lang, x, y, HIT_SLOP)) return HIT_LANG;
    for (int i = 0; i < c->ndots; i++)
        if (inside(c->dots[i], x, y, 0)) return i;
    return HIT_NONE;
}

static void rect_add(dlist_t *dl, dl_kind_t k, rectf_t r, uint32_t color)
{
    ARRAY_GROW(dl->items, dl->nitems, dl->capitems, dl->nitems + 1);
    dl->items[dl->nitems++] = (dl_item_t){k, r, color, NULL, NULL, 0};
}

static void label(dlist_t *dl, const metrics_t *m, rectf_t r, const char *text, float px, uint32_t color, face_t face)
{
    span_t s = {(char *)text, NULL, face == FACE_BOLD ? STYLE_BOLD : 0};
    text_style_t st = {px, 1.0f, color, ALIGN_CENTER, 0, face, BREAK_BODY};
    float y = r.y + (r.h - px) / 2;
    layout_text(dl, m, &s, 1, r.x, y, r.w, y + px + 1, &st, -3, NULL);
}

static void button(dlist_t *dl, const metrics_t *m, rectf_t r, const char *text, float px, float border)
{
    rect_add(dl, DL_RECT, r, COLOR_ACCENT);
    rect_add(dl, DL_RECT, (rectf_t){r.x + border, r.y + border, r.w - 2 * border, r.h - 2 * border}, COLOR_BUTTON);
    label(dl, m, r, text, px, COLOR_INK, FACE_BOLD);
}

/* Starts a display list for a w x h screen: the theme for it, an empty list, a background. */
static theme_t begin(dlist_t *dl, int w, int h, uint32_t bg)
{
    theme_t t;
    theme_for(&t, w, h);
    dlist_clear(dl);
    dl->w = w;
    dl->h = h;
    dl->bg = bg;
    return t;
}

static float text_width(const metrics_t *m, const char *s, float px)
{
    float w = 0;
    for (size_t i = 0, n = strlen(s); i < n;) w += m->advance(m->ud, FACE_REGULAR, px, (uint32_t)utf8_decode(s, n, &i));
    return w;
}

/* The invitation to touch, whole on the space between the buttons: the long wording where it
 * fits, else the short one, made smaller only when even that does not fit (a portrait screen
 * cut "Touch the screen to explore" to "Touch the screen to"). */
static const char *hint_text(const metrics_t *m, const lang_info_t *li, float room, float *px)
{
    room *= HINT_ROOM;
    const char *w[2] = {li->ui[UI_HINT], li->ui[UI_HINT_SHORT]};
    if (text_width(m, w[0], *px) <= room) return w[0];
    float need = text_width(m, w[1], *px);
    if (need > room) *px *= room / need;
    return w[1];
}

void ui_chrome_build(dlist_t *dl, const metrics_t *m, int w, int h, int npanels, int current, const lang_info_t *li,
                     bool picker, bool hint)
{
    ui_chrome_t c;
    theme_t t = begin(dl, w, h, 0); /* transparent: drawn over the panel */
    ui_chrome_geometry(&c, w, h, npanels);
    float px = fmaxf(t.min_px, c.target * 0.36f), border = fmaxf(2.0f, t.unit * 0.3f);
    /* drawn past the screen's edges by its own height: a fractional top edge or the burn-in
     * shift would otherwise leave a line of the panel's colour under the bar (clipped anyway) */
    rect_add(dl, DL_RECT, (rectf_t){c.bar.x - c.bar.h, c.bar.y, c.bar.w + 2 * c.bar.h, 2 * c.bar.h}, COLOR_BAR);
    button(dl, m, c.prev, "◀", px, border);
    button(dl, m, c.next, "▶", px, border);
    button(dl, m, c.index, li->ui[UI_INDEX], px, border);
    if (picker) button(dl, m, c.lang, li->ui[UI_LANGUAGE], px * LANG_LABEL_SCALE, border);
    float dy = hint ? c.bar.y + c.bar.h * 0.66f : c.dots[0].y + c.target / 2;
    for (int i = 0; i < c.ndots; i++) {
        float d = i == current ? c.target * 0.3f : c.target * 0.18f;
        rectf_t r = {c.dots[i].x + (c.dots[i].w - d) / 2, dy - d / 2, d, d};
        rect_add(dl, DL_DISC, r, i == current ? COLOR_ACCENT : COLOR_DOT);
    }
    if (!c.ndots) {
        char pos[32];
        snprintf(pos, sizeof pos, "%d / %d", current + 1, npanels);
        float l = c.index.x + c.index.w, r = c.lang.x;
        rectf_t at = hint ? (rectf_t){l, c.bar.y + c.bar.h * 0.5f, r - l, c.bar.h * 0.4f} : (rectf_t){l, c.prev.y, r - l, c.target};
        label(dl, m, at, pos, hint ? fminf(px, at.h * 0.8f) : px, COLOR_INK, FACE_BOLD);
    }
    if (hint) {
        float l = c.index.x + c.index.w, r = c.lang.x, hpx = t.min_px * 0.9f;
        const char *msg = hint_text(m, li, r - l, &hpx);
        label(dl, m, (rectf_t){l, c.bar.y + c.bar.h * 0.06f, r - l, c.bar.h * 0.42f}, msg, hpx, COLOR_INK, FACE_REGULAR);
    }
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
    if (inside(ix->close, x, y, HIT_SLOP)) return HIT_CLOSE;
    for (int i = 0; i < ix->n; i++)
        if (inside(ix->entries[i], x, y, 0)) return i;
    return HIT_NONE;
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
        st = (text_style_t){cand, INDEX_LINE_HEIGHT, ink, ALIGN_LEFT, 0, FACE_REGULAR, BREAK_PHRASES};
        w = heading_fit(m, &s, 1, r.w, &st, cand, index_lines_fitting(r.h, cand));
        dlist_t probe = {0};
        h = layout_text(&probe, m, &s, 1, 0, 0, w, INFINITY, &st, -4, NULL);
        int lines = probe.nlines;
        dlist_free(&probe);
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

void ui_index_build(dlist_t *dl, const metrics_t *m, int w, int h, const char *const *titles, const metrics_t *const *tm,
                    int n, int current, const lang_info_t *li)
{
    ui_index_t ix;
    theme_t t = begin(dl, w, h, 0xFFF7F5F0u);
    ui_index_geometry(&ix, w, h, n);
    float px = fmaxf(t.min_px, t.body_px * 0.9f), border = fmaxf(2.0f, t.unit * 0.3f);
    label(dl, m, heading_row(ix.close, w), li->ui[UI_INDEX], t.title_px, COLOR_INK, FACE_BOLD);
    button(dl, m, ix.close, li->ui[UI_CLOSE], px, border);
    for (int i = 0; i < ix.n; i++) {
        rectf_t r = ix.entries[i];
        rect_add(dl, DL_RECT, r, i == current ? COLOR_ACCENT : 0xFFFFFFFFu);
        rect_add(dl, DL_RECT, (rectf_t){r.x, r.y, t.unit * 1.2f, r.h}, COLOR_ACCENT);
        char num[16];
        snprintf(num, sizeof num, "%d", i + 1);
        uint32_t ink = i == current ? 0xFFFFFFFFu : COLOR_INK;
        label(dl, m, (rectf_t){r.x + t.unit * 1.2f, r.y, px * 2.2f, r.h}, num, px, ink, FACE_BOLD);
        index_title(dl, tm[i], titles[i], (rectf_t){r.x + t.unit * 1.2f + px * 2.4f, r.y, r.w - t.unit * 2.4f - px * 2.4f, r.h},
                    px, t.min_px, ink);
    }
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
    int cols = w > h && n > 3 ? 2 : 1, rows = (n + cols - 1) / cols;
    float top = m * 0.6f + s + t.unit * 6, bottom = (float)h - t.chrome_h;
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
    if (inside(pk->close, x, y, HIT_SLOP)) return HIT_CLOSE;
    for (int i = 0; i < pk->n; i++)
        if (inside(pk->entries[i], x, y, 0)) return i;
    return HIT_NONE;
}

void ui_picker_build(dlist_t *dl, const metrics_t *m, const lang_info_t *li, int w, int h, const char *const *names,
                     const metrics_t *const *ms, int n, int current, int focus)
{
    ui_picker_t pk;
    theme_t t = begin(dl, w, h, 0xFFF7F5F0u);
    ui_picker_geometry(&pk, w, h, n);
    float px = fmaxf(t.min_px, t.body_px), border = fmaxf(2.0f, t.unit * 0.3f);
    label(dl, m, (rectf_t){t.margin, pk.close.y, pk.close.x - t.margin * 2, pk.close.h}, li->ui[UI_PICK], t.h2_px,
          COLOR_INK, FACE_BOLD);
    button(dl, m, pk.close, li->ui[UI_CLOSE], fmaxf(t.min_px, t.body_px * 0.9f), border);
    for (int i = 0; i < pk.n; i++) {
        rectf_t r = pk.entries[i];
        if (i == focus) /* the keys' focus: a thick ring around the entry */
            rect_add(dl, DL_RECT, (rectf_t){r.x - border * 3, r.y - border * 3, r.w + border * 6, r.h + border * 6}, COLOR_INK);
        rect_add(dl, DL_RECT, r, COLOR_ACCENT);
        uint32_t fill = i == current ? COLOR_ACCENT : COLOR_BUTTON, ink = i == current ? COLOR_BUTTON : COLOR_INK;
        rect_add(dl, DL_RECT, (rectf_t){r.x + border, r.y + border, r.w - 2 * border, r.h - 2 * border}, fill);
        label(dl, ms[i], r, names[i], px, ink, FACE_BOLD);
    }
}

/* ---- admin ---- */

#define COLOR_ADMIN_BG 0xFF20242Au
#define COLOR_ADMIN_INK 0xFFF2F2F2u
#define COLOR_WARN 0xFFFFB4A8u

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
    if (inside(a->close, x, y, HIT_SLOP)) return AHIT_CLOSE;
    if (st == ADMIN_PIN) {
        for (int i = 0; i < 12; i++) {
            if (!inside(a->keys[i], x, y, 0.05f)) continue;
            return i < 9 ? i + 1 : i == 9 ? AHIT_BACK : i == 10 ? 0 : AHIT_OK;
        }
    } else if (st == ADMIN_OPEN) {
        if (inside(a->reload, x, y, HIT_SLOP)) return AHIT_RELOAD;
        if (a->can_exit && inside(a->exit, x, y, HIT_SLOP)) return AHIT_EXIT;
    }
    return AHIT_NONE;
}

static void admin_pad_build(dlist_t *dl, const metrics_t *m, const ui_admin_t *a, const admin_t *adm, float px,
                            float border, const lang_info_t *li)
{
    char shown[64] = "";
    for (int i = 0; i < adm->ntyped; i++) strcat(shown, "●");
    const char *msg = adm->ntyped ? shown : adm->wrong ? li->ui[UI_WRONG_PIN] : "PIN";
    label(dl, m, a->display, msg, px, adm->wrong && !adm->ntyped ? COLOR_WARN : COLOR_ADMIN_INK, FACE_BOLD);
    static const char *const keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "←", "0", "OK"};
    for (int i = 0; i < 12; i++) button(dl, m, a->keys[i], keys[i], px, border);
}

static void admin_info_build(dlist_t *dl, const metrics_t *m, const ui_admin_t *a, const char *const *info, int n,
                             float px)
{
    float y = a->info.y, bottom = a->info.y + a->info.h;
    for (int i = 0; i < n && y + px * 1.3f <= bottom; i++) {
        span_t s = {(char *)info[i], NULL, 0};
        bool problem = strstr(info[i], ".md:") || strstr(info[i], ".ini:") || strstr(info[i], "failed");
        text_style_t st = {px, 1.3f, problem ? COLOR_WARN : COLOR_ADMIN_INK, ALIGN_LEFT, 0, FACE_REGULAR, BREAK_BODY};
        y = layout_text(dl, m, &s, 1, a->info.x, y, a->info.w, bottom, &st, -5, &(bool){false});
    }
}

void ui_admin_build(dlist_t *dl, const metrics_t *m, int w, int h, const admin_t *adm, const char *const *info,
                    int ninfo, bool can_exit, const lang_info_t *li)
{
    ui_admin_t a;
    theme_t t = begin(dl, w, h, COLOR_ADMIN_BG);
    ui_admin_geometry(&a, w, h, can_exit);
    float px = fmaxf(t.min_px, t.body_px * 0.8f), border = fmaxf(2.0f, t.unit * 0.3f);
    button(dl, m, a.close, li->ui[UI_CLOSE], px * 0.8f, border);
    if (adm->state == ADMIN_PIN) {
        admin_pad_build(dl, m, &a, adm, px, border, li);
        return;
    }
    label(dl, m, heading_row(a.close, w), "annai admin", px * 1.2f, COLOR_ADMIN_INK, FACE_BOLD);
    admin_info_build(dl, m, &a, info, ninfo, fmaxf(t.min_px, px * 0.8f));
    button(dl, m, a.reload, li->ui[UI_RELOAD], px * 0.8f, border);
    if (can_exit) button(dl, m, a.exit, li->ui[UI_EXIT], px * 0.8f, border);
}
