#include "annai/engine.h"
#include "annai/phrase.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

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
    char *exe = exe_dir();
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
    int keep[2] = {e->faces[LANG_DEFAULT], lang >= 0 && lang < e->cfg.langs.n ? e->faces[lang] : FACE_REGULAR};
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
        if (face != FACE_REGULAR) {
            int before = e->font_diags.count;
            fonts_face_open(e->fonts, face, &e->font_diags);
            fonts_face_open(e->fonts, face + FACE_BOLD, &e->font_diags);
            for (int i = before; i < e->font_diags.count; i++) LOGW("fonts", "%s", e->font_diags.items[i].text);
        }
        engine_phrase(e, lang, &e->font_diags);
        e->metrics[lang] = (metrics_t){e->fonts, metrics_advance, fonts_ascent_em(e->fonts, face), e->phrase[lang], face,
                                       li->breaks, li->unibreak, li->dots_below};
        e->metrics_ready[lang] = true;
    }
    return &e->metrics[lang];
}

const metrics_t *engine_metrics_cb(void *ud, lang_t lang) { return engine_metrics(ud, lang); }

static void lists_free(engine_t *e)
{
    for (int l = 0; l < LANG_MAX; l++) {
        for (int i = 0; e->lists[l] && i < e->deck.count; i++) dlist_free(&e->lists[l][i]);
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
        e->lists[l] = xcalloc((size_t)n + 1, sizeof *e->lists[l]);
        e->laid[l] = xcalloc((size_t)n + 1, sizeof *e->laid[l]);
    }
    e->nlaid = 0;
    e->dwell_ms = xcalloc((size_t)n + 1, sizeof *e->dwell_ms);
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
    e->w = 1920;
    e->h = 1080;
    return 0;
}

void engine_close(engine_t *e)
{
    lists_free(e);
    deck_free(&e->deck);
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

void engine_set_size(engine_t *e, int w, int h)
{
    if (w == e->w && h == e->h) return;
    e->w = w;
    e->h = h;
    for (int l = 0; l < LANG_MAX; l++)
        if (e->laid[l]) memset(e->laid[l], 0, (size_t)e->deck.count * sizeof *e->laid[l]);
    e->nlaid = 0;
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
    dlist_free(&e->lists[bl][bi]);
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
        const panel_t *p = deck_panel(&e->deck, i, lang);
        layout_panel(p, e->w, e->h, engine_metrics(e, p->lang), &e->lists[lang][i]);
        e->nlaid++;
    }
    e->laid[lang][i] = ++e->clock;
    return &e->lists[lang][i];
}
