#include "annai/alertview.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define BAND_UNITS 10.0f      /* the band that says what this is */
#define STAMP_UNITS 6.0f      /* the issued time at the bottom */
#define TITLE_UNITS 9.0f      /* the default language's title before fitting */
#define TEXT_OF_TITLE 0.62f   /* text size as a share of the title's */
#define SHRINK 0.9f           /* each fitting step */
#define GAP_OF_PX 0.4f
#define OTHER_OF_DEFAULT 0.7f /* the other languages' titles at most this share of the default's */

/* The band's word per language, by code: languages added later need only a line here. */
static const struct { const char *code, *band, *issued; } words[] = {
    {"ja", "緊急のお知らせ", "発表"},
    {"ja-x-easy", "きんきゅう の おしらせ", "はっぴょう"},
    {"en", "Emergency notice", "Issued"},
    {"zh-hans", "紧急通知", "发布"},
    {"zh-hant", "緊急通知", "發布"},
    {"ko", "긴급 안내", "발표"},
};

/* The words of language l, when they can be set in the default language's face (the band and
 * the issued line are one run of text); -1 otherwise: its title below says it in its own. */
static int word_of(const langset_t *ls, lang_t l, lang_t deflt)
{
    if (ls->info[l].fc_family != ls->info[deflt].fc_family) return -1;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!strcasecmp(words[i].code, lang_tag(ls, l))) return (int)i;
    return -1;
}

int alertview_langs(const alert_msg_t *msg, lang_t deflt, lang_t *out)
{
    int n = 0;
    if (msg->title[deflt]) out[n++] = deflt;
    for (int l = 0; l < LANG_MAX; l++)
        if (l != (int)deflt && msg->title[l]) out[n++] = (lang_t)l;
    return n;
}

static void rect(dlist_t *dl, rectf_t r, uint32_t color)
{
    MEM_ARRAY_GROW(dl->items, dl->nitems, dl->capitems, dl->nitems + 1);
    dl->items[dl->nitems++] = (dl_item_t){LAYOUT_DL_RECT, r, color, NULL, NULL, 0};
}

/* One run of text of one style; returns the y below it. Titles break at phrases, as headings. */
static float text_run(dlist_t *dl, const metrics_t *m, const char *s, rectf_t r, float px, uint32_t color,
                      face_t face, align_t align, int block, bool *clipped)
{
    span_t sp = {(char *)s, NULL, face == FONTS_FACE_BOLD ? PANEL_STYLE_BOLD : 0};
    text_style_t st = {px, 1.3f, color, align, 0, face, face == FONTS_FACE_BOLD ? LAYOUT_BREAK_PHRASES : LAYOUT_BREAK_BODY};
    return layout_text(dl, m, &sp, 1, r.x, r.y, r.w, r.y + r.h, &st, block, clipped);
}

static bool place(dlist_t *dl, const metrics_t *m, const alert_msg_t *msg, lang_t l, rectf_t r, float px)
{
    bool clipped = false;
    float y = text_run(dl, m, msg->title[l], r, px, PALETTE_ALERT_TITLE, FONTS_FACE_BOLD, LAYOUT_ALIGN_LEFT, ALERTVIEW_BLOCK_BASE - (int)l,
                       &clipped);
    if (msg->text[l] && *msg->text[l]) {
        rectf_t rest = {r.x, y + px * GAP_OF_PX, r.w, r.y + r.h - y - px * GAP_OF_PX};
        float tp = px * TEXT_OF_TITLE;
        if (rest.h < tp) return false;
        text_run(dl, m, msg->text[l], rest, tp, PALETTE_ALERT_TEXT, FONTS_FACE_REGULAR, LAYOUT_ALIGN_LEFT, ALERTVIEW_BLOCK_BASE - (int)l,
                 &clipped);
    }
    return !clipped;
}

/* The largest size (from start down) at which the language's title and text fit in r; at the
 * smallest readable size the text is cut with … rather than left out. */
static float fit(dlist_t *dl, const metrics_t *m, const alert_msg_t *msg, lang_t l, rectf_t r, float start, float min_px)
{
    dlist_t probe = {0};
    float px = start;
    while (px * TEXT_OF_TITLE > min_px) {
        layout_dlist_clear(&probe);
        if (place(&probe, m, msg, l, r, px)) break;
        px *= SHRINK;
    }
    layout_dlist_free(&probe);
    if (px * TEXT_OF_TITLE < min_px) px = min_px / TEXT_OF_TITLE;
    if (!place(dl, m, msg, l, r, px)) dl->clipped = true;
    return px;
}

static void band(dlist_t *dl, const metrics_t *m, const langset_t *ls, const theme_t *t, int w, const lang_t *langs,
                 int n)
{
    char label[256] = "";
    for (int i = 0; i < n; i++) {
        int k = word_of(ls, langs[i], langs[0]);
        if (k < 0) continue;
        if (*label) strncat(label, "  /  ", sizeof label - strlen(label) - 1);
        strncat(label, words[k].band, sizeof label - strlen(label) - 1);
    }
    rectf_t b = {0, 0, (float)w, BAND_UNITS * t->unit};
    rect(dl, b, PALETTE_ALERT_BAND);
    float px = b.h * 0.5f;
    rectf_t r = {t->margin, (b.h - px) / 2, (float)w - 2 * t->margin, px * 1.4f};
    text_run(dl, m, label, r, px, PALETTE_ALERT_BG, FONTS_FACE_BOLD, LAYOUT_ALIGN_CENTER, ALERTVIEW_BLOCK_BASE + 1, NULL);
}

static void stamp(dlist_t *dl, const metrics_t *m, const langset_t *ls, const theme_t *t, int w, int h,
                  const alert_msg_t *msg, const lang_t *langs, int n)
{
    char when[32], line[256];
    timeplan_format(timeplan_civil((time_t)msg->issued).stamp, when, sizeof when);
    snprintf(line, sizeof line, "%s", when);
    for (int i = 0, sep = 0; i < n; i++) {
        int k = word_of(ls, langs[i], langs[0]);
        if (k < 0) continue;
        strncat(line, sep++ ? " / " : "  ", sizeof line - strlen(line) - 1);
        strncat(line, words[k].issued, sizeof line - strlen(line) - 1);
    }
    float px = STAMP_UNITS * t->unit * 0.5f;
    rectf_t r = {t->margin, (float)h - STAMP_UNITS * t->unit + px * 0.4f, (float)w - 2 * t->margin, px * 1.4f};
    text_run(dl, m, line, r, px, PALETTE_ALERT_TEXT, FONTS_FACE_REGULAR, LAYOUT_ALIGN_LEFT, ALERTVIEW_BLOCK_BASE + 2, NULL);
}

void alertview_build(dlist_t *dl, alertview_faces_fn faces, void *ud, const langset_t *ls, int w, int h,
                     const alert_msg_t *msg, lang_t deflt)
{
    theme_t t;
    theme_for(&t, w, h);
    layout_dlist_clear(dl);
    dl->w = w;
    dl->h = h;
    dl->bg = PALETTE_ALERT_BG;
    lang_t langs[LANG_MAX];
    int n = alertview_langs(msg, deflt, langs);
    const metrics_t *m = faces(ud, n ? langs[0] : deflt);
    band(dl, m, ls, &t, w, langs, n);
    stamp(dl, m, ls, &t, w, h, msg, langs, n);
    float top = BAND_UNITS * t.unit + t.margin * 0.5f, bottom = (float)h - STAMP_UNITS * t.unit - t.unit;
    int weights = n ? ALERTVIEW_DEFAULT_WEIGHT + (n - 1) : 1;
    float share = (bottom - top) / (float)weights, y = top, start = TITLE_UNITS * t.unit;
    for (int i = 0; i < n; i++) {
        float rh = share * (float)(i == 0 ? ALERTVIEW_DEFAULT_WEIGHT : 1);
        if (i) rect(dl, (rectf_t){t.margin, y - t.unit * 0.6f, (float)w - 2 * t.margin, fmaxf(2.0f, t.unit * 0.2f)}, PALETTE_ALERT_RULE);
        float px = fit(dl, faces(ud, langs[i]), msg, langs[i], (rectf_t){t.margin, y, (float)w - 2 * t.margin, rh - t.unit * 1.2f}, start, t.min_px);
        if (i == 0) start = px * OTHER_OF_DEFAULT;
        y += rh;
    }
}
