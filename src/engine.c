#include "annai/engine.h"
#include "annai/phrase.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include "annai/a11y.h"
#include "annai/palette.h"

#ifndef ANNAI_SHARE_DIR
#define ANNAI_SHARE_DIR "/usr/local/share/annai"
#endif

/* The installed data: next to the binary as <bin>/../share/annai when that holds the fonts (a
 * relocated install, a DESTDIR staging tree), else where `make install` put it. */
const char *engine_share_dir(void)
{
    static char dir[PATH_MAX];
    if (dir[0]) return dir;
    snprintf(dir, sizeof dir, "%s", ANNAI_SHARE_DIR);
    char *exe = path_exe_dir();
    if (!exe) return dir;
    char cand[PATH_MAX + 64];
    snprintf(cand, sizeof cand, "%s/../share/annai/fonts", exe);
    if (path_is_dir(cand)) snprintf(dir, sizeof dir, "%.*s/../share/annai", (int)(sizeof dir - 20), exe);
    free(exe);
    return dir;
}

static float metrics_advance(void *ud, int face, float px, uint32_t cp)
{
    return fonts_advance(ud, face, px, cp);
}

int engine_nlangs(const engine_t *e) { return e->cfg.langs.n; }

/* The BudouX model of a language's headings (lang_info_t.phrase: ja, zh-hans, zh-hant), loaded
 * once and shared by the languages that use the same one (ja and ja-x-easy). */
static void engine_phrase(engine_t *e, lang_t lang, diag_list_t *diags)
{
    const char *name = e->cfg.langs.info[lang].phrase;
    if (!name || e->phrase_tried[lang]) return;
    e->phrase_tried[lang] = true;
    for (int l = 0; l < e->cfg.langs.n; l++)
        if (l != lang && e->phrase[l] && !strcmp(e->cfg.langs.info[l].phrase, name)) { e->phrase[lang] = e->phrase[l]; return; }
    char file[64];
    snprintf(file, sizeof file, "%s.tsv", name);
    char *dir = phrase_find_dir(engine_share_dir()), *model = path_join(dir, file);
    e->phrase[lang] = phrase_model_load(model, diags);
    e->phrase_owned[lang] = e->phrase[lang] != NULL;
    free(model);
    free(dir);
}

void engine_focus_lang(engine_t *e, lang_t lang)
{
    int keep[2] = {e->faces[LANG_DEFAULT], lang >= 0 && lang < e->cfg.langs.n ? e->faces[lang] : FONTS_FACE_REGULAR};
    fonts_keep_only(e->fonts, keep, 2);
}

/* A language's face is opened here, the first time one of its panels or labels is laid out:
 * a language nobody selects costs no memory. */
const metrics_t *engine_metrics(engine_t *e, lang_t lang)
{
    if (lang < 0 || lang >= e->cfg.langs.n) lang = LANG_DEFAULT;
    if (!e->metrics_ready[lang]) {
        const lang_info_t *li = &e->cfg.langs.info[lang];
        int face = e->faces[lang];
        if (face != FONTS_FACE_REGULAR) {
            int before = e->font_diags.count;
            fonts_face_open(e->fonts, face, &e->font_diags);
            fonts_face_open(e->fonts, face + FONTS_FACE_BOLD, &e->font_diags);
            for (int i = before; i < e->font_diags.count; i++) LOG(LOG_WARN, "fonts", "%s", e->font_diags.items[i].text);
        }
        engine_phrase(e, lang, &e->font_diags);
        e->metrics[lang] = (metrics_t){e->fonts, metrics_advance, fonts_ascent_em(e->fonts, face), e->phrase[lang], face,
                                       li->breaks, li->unibreak, li->dots_below};
        e->metrics_ready[lang] = true;
    }
    return &e->metrics[lang];
}

const metrics_t *engine_metrics_cb(void *ud, lang_t lang) { return engine_metrics(ud, lang); }

/* Readings go over Japanese panels (the deck's reading list is Japanese); plain Japanese has
 * its own on every kanji already, and the list fills any it lacks. */
static bool engine_is_japanese(const engine_t *e, lang_t l)
{
    lang_breaks_t b = e->cfg.langs.info[l].breaks;
    return b == LANG_BREAKS_JA || b == LANG_BREAKS_JA_EASY;
}

static void lists_free(engine_t *e)
{
    for (int l = 0; l < LANG_MAX; l++) {
        for (int i = 0; e->lists[l] && i < e->deck.count; i++) layout_dlist_free(&e->lists[l][i]);
        free(e->lists[l]);
        free(e->laid[l]);
        e->lists[l] = NULL;
        e->laid[l] = NULL;
    }
    free(e->dwell_ms);
    e->dwell_ms = NULL;
}

static void lists_alloc(engine_t *e)
{
    int n = e->deck.count;
    for (int l = 0; l < LANG_MAX; l++) {
        e->lists[l] = mem_calloc((size_t)n + 1, sizeof *e->lists[l]);
        e->laid[l] = mem_calloc((size_t)n + 1, sizeof *e->laid[l]);
    }
    e->nlaid = 0;
    e->dwell_ms = mem_calloc((size_t)n + 1, sizeof *e->dwell_ms);
    for (int i = 0; i < n; i++) e->dwell_ms[i] = e->deck.entries[i].lang[LANG_DEFAULT]->dwell_s * 1000;
}

int engine_open(engine_t *e, const config_t *cfg, const char *font_dir, diag_list_t *diags)
{
    memset(e, 0, sizeof *e);
    e->cfg = *cfg;
    e->fonts = fonts_create(font_dir, diags);
    if (!e->fonts) return 3;
    for (int l = 0; l < cfg->langs.n; l++)
        e->faces[l] = fonts_add_lang(e->fonts, &cfg->langs.info[l], cfg->langs.tags[l], config_font_for(cfg, cfg->langs.tags[l]));
    /* the first language's phrase model now, so that --check says when it is missing; the
     * others' on first use. Without a model headings still show, broken like body text. */
    engine_phrase(e, LANG_DEFAULT, diags);
    int before = diags->count;
    deck_load(&e->deck, cfg->content_dir, &cfg->langs, diags);
    e->problems = diags->count - before;
    if (!e->deck.count) {
        if (!e->problems) diag_add(diags, cfg->content_dir, 0, "no panels: add NN-name.md files (see README)");
        deck_notice(&e->deck, cfg->content_dir);
    }
    lists_alloc(e);
    engine_load_furigana(e, cfg->content_dir, diags);
    e->w = 1920;
    e->h = 1080;
    return 0;
}


void engine_close(engine_t *e)
{
    lists_free(e);
    deck_free(&e->deck);
    furigana_free(&e->furigana);
    fonts_destroy(e->fonts);
    for (int l = 0; l < LANG_MAX; l++)
        if (e->phrase_owned[l]) phrase_model_free(e->phrase[l]);
    diag_clear(&e->font_diags);
    memset(e, 0, sizeof *e);
}

void engine_set_deck(engine_t *e, deck_t *deck)
{
    lists_free(e);
    deck_free(&e->deck);
    e->deck = *deck;
    memset(deck, 0, sizeof *deck);
    lists_alloc(e);
}

static void forget_layouts(engine_t *e)
{
    for (int l = 0; l < LANG_MAX; l++)
        if (e->laid[l]) memset(e->laid[l], 0, (size_t)e->deck.count * sizeof *e->laid[l]);
    e->nlaid = 0;
}

void engine_set_size(engine_t *e, int w, int h)
{
    if (w == e->w && h == e->h) return;
    e->w = w;
    e->h = h;
    forget_layouts(e);
}

void engine_load_furigana(engine_t *e, const char *dir, diag_list_t *diags)
{
    furigana_free(&e->furigana);
    e->has_furigana = dir && furigana_load(&e->furigana, dir, diags) > 0;
    forget_layouts(e); /* the layouts that used the old list */
}

void engine_set_variant(engine_t *e, unsigned variant)
{
    if (variant == e->variant) return;
    e->variant = variant;
    forget_layouts(e);
}

#define FURIGANA_GLYPH_AREA 1.3 /* readings: many small glyphs more, in every size used */

void engine_fit_atlas(const engine_t *e, atlas_t *a, int w, int h)
{
    double k = 1;
    if (e->variant & ENGINE_V_LARGE) k *= (double)A11Y_LARGE_SCALE * A11Y_LARGE_SCALE;
    if (e->variant & ENGINE_V_FURIGANA) k *= FURIGANA_GLYPH_AREA;
    double side = sqrt(k);
    atlas_fit_screen(a, (int)(w * side), (int)(h * side));
}

/* A copy of a block's spans: readings are put into the copy, the deck stays as loaded. */
static void spans_copy(block_t *dst, const span_t *s, int n)
{
    memset(dst, 0, sizeof *dst);
    dst->spans = mem_calloc((size_t)n + 1, sizeof *dst->spans);
    for (int i = 0; i < n; i++)
        dst->spans[i] = (span_t){mem_strdup(s[i].text), s[i].ruby ? mem_strdup(s[i].ruby) : NULL, s[i].style};
    dst->nspans = dst->capspans = n;
}

static void spans_free(block_t *b)
{
    for (int i = 0; i < b->nspans; i++) {
        free(b->spans[i].text);
        free(b->spans[i].ruby);
    }
    free(b->spans);
}

/* The panel with the deck's readings over its kanji words (title and blocks), laid out. */
static void layout_with_readings(engine_t *e, const panel_t *p, const layout_opts_t *o, dlist_t *out)
{
    panel_t copy = *p;
    copy.blocks = mem_calloc((size_t)p->nblocks + 1, sizeof *copy.blocks);
    for (int i = 0; i < p->nblocks; i++) {
        block_t *b = &copy.blocks[i];
        spans_copy(b, p->blocks[i].spans, p->blocks[i].nspans);
        b->kind = p->blocks[i].kind;
        b->level = p->blocks[i].level;
        b->line = p->blocks[i].line;
        b->image = p->blocks[i].image;
        b->alt = p->blocks[i].alt;
        b->img_w = p->blocks[i].img_w;
        b->img_h = p->blocks[i].img_h;
        furigana_apply(&e->furigana, b);
    }
    span_t t = {p->title, NULL, PANEL_STYLE_BOLD};
    block_t title; /* the title's own readings (the author's) first */
    if (p->title_block.nspans) spans_copy(&title, p->title_block.spans, p->title_block.nspans);
    else spans_copy(&title, &t, 1);
    furigana_apply(&e->furigana, &title);
    layout_opts_t with = *o;
    with.title = title.spans;
    with.ntitle = title.nspans;
    layout_panel_opts(&copy, e->w, e->h, engine_metrics(e, p->lang), &with, out);
    spans_free(&title);
    for (int i = 0; i < p->nblocks; i++) spans_free(&copy.blocks[i]);
    free(copy.blocks);
}

static void layout_variant(engine_t *e, const panel_t *p, dlist_t *out)
{
    bool large = e->variant & ENGINE_V_LARGE;
    layout_opts_t o = {palette_get(e->variant & ENGINE_V_CONTRAST ? PALETTE_HIGH_CONTRAST : PALETTE_NORMAL),
                       large ? A11Y_LARGE_SCALE : 1.0f, large, NULL, 0};
    if (large) { /* 1.4x of what the everyday screen shows, which may have grown a short panel's text */
        dlist_t everyday = {0};
        layout_panel(p, e->w, e->h, engine_metrics(e, p->lang), &everyday);
        if (everyday.scale > 1) o.text_scale *= everyday.scale;
        layout_dlist_free(&everyday);
    }
    if ((e->variant & ENGINE_V_FURIGANA) && e->has_furigana && engine_is_japanese(e, p->lang))
        layout_with_readings(e, p, &o, out);
    else
        layout_panel_opts(p, e->w, e->h, engine_metrics(e, p->lang), &o, out);
}

/* Drops the laid-out panel used longest ago, so that a deck of thousands of panels keeps only
 * ENGINE_MAX_LAID in memory. The two panels of a transition were used last and stay. */
static void evict_oldest(engine_t *e)
{
    int bl = -1, bi = -1;
    for (int l = 0; l < LANG_MAX; l++)
        for (int i = 0; i < e->deck.count; i++)
            if (e->laid[l][i] && (bl < 0 || e->laid[l][i] < e->laid[bl][bi])) { bl = l; bi = i; }
    if (bl < 0) return;
    layout_dlist_free(&e->lists[bl][bi]);
    e->laid[bl][bi] = 0;
    e->nlaid--;
}

const dlist_t *engine_panel(engine_t *e, int i, lang_t lang)
{
    if (i < 0 || i >= e->deck.count) return NULL;
    if (lang < 0 || lang >= e->cfg.langs.n) lang = LANG_DEFAULT;
    if (!e->laid[lang][i]) {
        if (e->nlaid >= ENGINE_MAX_LAID) evict_oldest(e);
        /* a panel without a twin in lang is its first language's, set in that language's face */
        layout_variant(e, deck_panel(&e->deck, i, lang), &e->lists[lang][i]);
        e->nlaid++;
    }
    e->laid[lang][i] = ++e->clock;
    return &e->lists[lang][i];
}

typedef struct {
    diag_list_t *d;
    const char *path;
    int line;
} missing_ctx_t;

static void report_missing(void *ud, const char *run, size_t len)
{
    missing_ctx_t *m = ud;
    diag_add(m->d, m->path, m->line, "no reading for '%.*s' in " FURIGANA_FILE " (the ふりがな button shows none)",
             (int)len, run);
}

int engine_check_furigana(const engine_t *e, diag_list_t *diags)
{
    if (!e->has_furigana) return 0;
    int n = 0;
    for (int i = 0; i < e->deck.count; i++) {
        const panel_t *p = e->deck.entries[i].lang[LANG_DEFAULT];
        if (!p || !engine_is_japanese(e, LANG_DEFAULT)) continue;
        if (!p) continue;
        span_t t = {p->title, NULL, 0};
        block_t title = {.spans = &t, .nspans = 1};
        missing_ctx_t m = {diags, p->path, 1};
        n += furigana_missing(&e->furigana, &title, report_missing, &m);
        for (int b = 0; b < p->nblocks; b++) {
            m.line = p->blocks[b].line;
            n += furigana_missing(&e->furigana, &p->blocks[b], report_missing, &m);
        }
    }
    return n;
}
