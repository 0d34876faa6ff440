/* scene: the layers composed and drawn (the edge that calls render), for the kiosk and for
 * --screenshot alike. */
#include "annai/scene.h"

#include <SDL2/SDL.h>
#include <string.h>
#include "annai/alertview.h"

void scene_init(scene_t *s, engine_t *e, platform_t *p, render_t *rd)
{
    memset(s, 0, sizeof *s);
    s->e = e;
    s->p = p;
    s->rd = rd;
    s->faces_for = -1;
}

void scene_free(scene_t *s)
{
    layout_dlist_free(&s->chrome_dl);
    layout_dlist_free(&s->index_dl);
    layout_dlist_free(&s->admin_dl);
    layout_dlist_free(&s->picker_dl);
    layout_dlist_free(&s->alert_dl);
}

void scene_dirty_all(scene_t *s) { s->index_dirty = s->admin_dirty = s->alert_dirty = s->chrome_dirty = true; }

void scene_geometry(scene_t *s, int nshown)
{
    int w = s->p->w, h = s->p->h;
    ui_chrome_geometry(&s->chrome, w, h, nshown);
    ui_index_geometry(&s->index, w, h, nshown);
    ui_picker_geometry(&s->picker, w, h, engine_nlangs(s->e));
    ui_admin_geometry(&s->admin_ui, w, h, s->e->cfg.allow_exit);
    s->faces_for = -1;
    scene_dirty_all(s);
}

void scene_set_tray(scene_t *s, bool open, bool has_furigana, bool has_speaker)
{
    const ui_chrome_t *c = &s->chrome;
    if (c->tray_open != open || c->has_speaker != has_speaker || c->has_furigana != has_furigana) s->chrome_dirty = true;
    ui_chrome_set_tray(&s->chrome, open, has_furigana, has_speaker);
}

int scene_focus_ids(const scene_t *s, bool index_open, int *ids)
{
    return index_open ? ui_index_focus_order(&s->index, ids) : ui_chrome_focus_order(&s->chrome, ids);
}

int scene_focused(const scene_t *s, bool index_open, int pos)
{
    int ids[UI_MAX_FOCUS], n = scene_focus_ids(s, index_open, ids);
    return pos >= 0 && pos < n ? ids[pos] : UI_HIT_NONE;
}

int scene_hit(const scene_t *s, const app_t *a, float x, float y)
{
    if (a->picker_open) return ui_picker_hit(&s->picker, x, y);
    return a->index_open ? ui_index_hit(&s->index, x, y) : ui_chrome_hit(&s->chrome, x, y);
}

int scene_admin_hit(const scene_t *s, admin_state_t st, float x, float y) { return ui_admin_hit(&s->admin_ui, st, x, y); }

/* ---- the layers ---- */

static void draw_admin(scene_t *s, const scene_in_t *in)
{
    if (s->admin_dirty) {
        char lines[UI_ADMIN_INFO][STATUS_LINE_LEN];
        const char *info[UI_ADMIN_INFO];
        int n = in->info(in->info_ud, lines, UI_ADMIN_INFO);
        for (int i = 0; i < n; i++) info[i] = lines[i];
        lang_t l = in->app->lang;
        ui_admin_build(&s->admin_dl, engine_metrics(s->e, l), s->p->w, s->p->h, in->admin, info, n, s->e->cfg.allow_exit,
                       &s->e->cfg.langs.info[l]);
        s->admin_dirty = false;
    }
    render_dlist(s->rd, &s->admin_dl, 0, 0, 1);
}

static void draw_index(scene_t *s, const scene_in_t *in, lang_t lang)
{
    if (s->index_dirty) {
        const char *titles[UI_MAX_INDEX];
        const metrics_t *tm[UI_MAX_INDEX];
        int n = in->nshown < UI_MAX_INDEX ? in->nshown : UI_MAX_INDEX;
        for (int i = 0; i < n; i++) {
            const panel_t *p = deck_panel(&s->e->deck, in->shown[i], lang);
            titles[i] = p->title;
            tm[i] = engine_metrics(s->e, p->lang);
        }
        const a11y_t *a = in->a11y;
        ui_view_t v = {in->app->current, lang, false, a11y_on(a, A11Y_FURIGANA), a11y_on(a, A11Y_LARGE),
                       a11y_on(a, A11Y_CONTRAST), in->narrating, scene_focused(s, in->app->index_open, a->focus),
                       a->focus >= 0, 0, 0, 0, &s->e->cfg.langs.info[lang], engine_nlangs(s->e) > 1};
        ui_index_draw(&s->index_dl, engine_metrics(s->e, lang), s->p->w, s->p->h, titles, tm, n, in->app->current, &v);
        s->index_dirty = false;
    }
    render_dlist(s->rd, &s->index_dl, 0, 0, 1);
}

/* Each language named in itself and set in its own face: a visitor finds their script. */
static void draw_picker(scene_t *s, const scene_in_t *in, lang_t lang)
{
    const char *names[LANG_MAX];
    const metrics_t *ms[LANG_MAX];
    int n = engine_nlangs(s->e);
    for (int i = 0; i < n; i++) {
        names[i] = lang_name(&s->e->cfg.langs, i);
        ms[i] = engine_metrics(s->e, i);
    }
    s->faces_for = -1;
    ui_picker_build(&s->picker_dl, engine_metrics(s->e, lang), &s->e->cfg.langs.info[lang], s->p->w, s->p->h, names, ms, n,
                    lang, in->app->picker_focus, a11y_on(in->a11y, A11Y_CONTRAST));
    render_dlist(s->rd, &s->picker_dl, 0, 0, 1);
}

/* Every language of the alert in its own face, stacked (alertview). */
static void draw_alert(scene_t *s, const scene_in_t *in)
{
    if (s->alert_dirty) {
        alertview_build(&s->alert_dl, engine_metrics_cb, s->e, &s->e->cfg.langs, s->p->w, s->p->h, in->alert, s->e->cfg.lang);
        s->alert_dirty = false;
    }
    s->faces_for = -1; /* the alert opened its languages' faces: focus again after it */
    render_dlist(s->rd, &s->alert_dl, 0, 0, 1);
}

/* The chrome is laid out again only when what it shows changed. */
static void draw_chrome(scene_t *s, const scene_in_t *in, lang_t lang)
{
    const a11y_t *a = in->a11y;
    ui_view_t v;
    memset(&v, 0, sizeof v);
    v.current = in->app->current;
    v.lang = lang;
    v.hint = in->app->mode == APP_MODE_ATTRACT;
    v.furigana = a11y_on(a, A11Y_FURIGANA);
    v.large = a11y_on(a, A11Y_LARGE);
    v.contrast = a11y_on(a, A11Y_CONTRAST);
    v.playing = in->narrating;
    v.focus = scene_focused(s, in->app->index_open, a->focus);
    v.focus_shown = a->focus >= 0;
    v.scroll = a->scroll;
    v.scroll_max = a->scroll_max;
    v.visible_h = s->chrome.bar.y;
    v.li = &s->e->cfg.langs.info[lang];
    v.picker = engine_nlangs(s->e) > 1;
    if (s->chrome_dirty || memcmp(&v, &s->chrome_view, sizeof v) != 0) {
        ui_chrome_draw(&s->chrome_dl, engine_metrics(s->e, lang), s->p->w, s->p->h, &s->chrome, in->nshown, &v);
        s->chrome_view = v;
        s->chrome_dirty = false;
    }
    render_dlist(s->rd, &s->chrome_dl, 0, 0, 1);
}

/* A panel settled, or two in a transition (a crossfade, or a slide). */
static void draw_panels(scene_t *s, const scene_in_t *in, const app_view_t *v, lang_t lang)
{
    const dlist_t *a = engine_panel(s->e, in->shown[v->index], lang);
    if (v->other >= 0 && v->other_alpha < 1 && !v->offset && !v->other_offset) {
        render_crossfade(s->rd, a, engine_panel(s->e, in->shown[v->other], lang), v->other_alpha);
        return;
    }
    /* the panel on screen scrolls (larger text); one sliding in or out is at its top */
    float dy = v->index == in->app->current ? -in->a11y->scroll : 0;
    render_dlist(s->rd, a, v->offset, dy, 1);
    if (v->other >= 0) render_dlist(s->rd, engine_panel(s->e, in->shown[v->other], lang), v->other_offset, 0, v->other_alpha);
}

bool scene_draw(scene_t *s, const scene_in_t *in, uint64_t now_ms)
{
    platform_t *p = s->p;
    render_set_view(s->rd, p->rotate, p->out_w, p->out_h, in->bx, in->by);
    render_set_soft_target(s->rd, platform_soft_surface(p));
    atlas_frame(render_atlas(s->rd));
    if (in->alert) { draw_alert(s, in); return false; } /* over the index, the admin overlay, a transition */
    if (!in->screen_on) {
        SDL_SetRenderDrawColor(p->r, 0, 0, 0, 255);
        SDL_RenderClear(p->r);
        return false;
    }
    if (in->admin->state != ADMIN_CLOSED) { draw_admin(s, in); return false; }
    app_view_t v;
    app_view(in->app, now_ms, &v);
    bool animating = v.animating || v.offset != 0 || v.other >= 0;
    lang_t lang = in->app->lang;
    if (in->app->index_open) { draw_index(s, in, lang); return animating; }
    if (in->app->picker_open) { draw_picker(s, in, lang); return animating; }
    if (s->faces_for != lang) { /* one language on screen: the others' faces need not stay open */
        engine_focus_lang(s->e, lang);
        s->faces_for = lang;
    }
    draw_panels(s, in, &v, lang);
    draw_chrome(s, in, lang);
    return animating;
}

/* ---- --screenshot and --bench ---- */

void scene_draw_panel(platform_t *p, render_t *rd, engine_t *e, int index, lang_t lang, bool hint)
{
    scene_draw_panel_in(p, rd, e, index, index, e->deck.count, lang, hint);
}

/* e: the atlas fitted to its modes (NULL: everyday text) */
static void frame_begin(platform_t *p, render_t *rd, const engine_t *e)
{
    render_set_soft_target(rd, platform_soft_surface(p));
    if (e) engine_fit_atlas(e, render_atlas(rd), p->w, p->h);
    else atlas_fit_screen(render_atlas(rd), p->w, p->h);
    atlas_frame(render_atlas(rd));
    render_set_view(rd, p->rotate, p->out_w, p->out_h, 0, 0);
}

void scene_draw_panel_in(platform_t *p, render_t *rd, engine_t *e, int index, int pos, int count, lang_t lang, bool hint)
{
    engine_set_size(e, p->w, p->h);
    frame_begin(p, rd, e);
    dlist_t chrome = {0};
    if (lang < 0 || lang >= engine_nlangs(e)) lang = LANG_DEFAULT;
    ui_chrome_t c;
    ui_chrome_geometry(&c, p->w, p->h, count);
    ui_chrome_set_tray(&c, e->variant != 0, e->has_furigana, false); /* a picture of a mode shows its buttons */
    ui_view_t v = {pos, lang, hint, (e->variant & ENGINE_V_FURIGANA) != 0, (e->variant & ENGINE_V_LARGE) != 0,
                   (e->variant & ENGINE_V_CONTRAST) != 0, false, UI_HIT_NONE, false, 0, 0, 0,
                   &e->cfg.langs.info[lang], engine_nlangs(e) > 1};
    ui_chrome_draw(&chrome, engine_metrics(e, lang), p->w, p->h, &c, count, &v);
    render_dlist(rd, engine_panel(e, index, lang), 0, 0, 1);
    render_dlist(rd, &chrome, 0, 0, 1);
    layout_dlist_free(&chrome);
}

void scene_draw_dlist(platform_t *p, render_t *rd, const dlist_t *dl)
{
    frame_begin(p, rd, NULL);
    render_dlist(rd, dl, 0, 0, 1);
}
