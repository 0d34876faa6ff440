/* kiosk_visit: the visitor's side of the kiosk wired: the panel on screen, its narration,
 * the 見やすく modes, the keyboard focus, the app's events reported. */
#define _DEFAULT_SOURCE
#include "kiosk_private.h"

#include <stdlib.h>
#include <string.h>

void kiosk_visit_redraw(kiosk_t *k) { k->sc.chrome_dirty = k->dirty = true; }

/* ---- the panel on screen, its narration and the visitor's modes (issue 19) ---- */

/* The deck index of the panel at position pos of those shown now, or -1. */
int kiosk_visit_deck_index(const kiosk_t *k, int pos)
{
    return k->plan.shown && pos >= 0 && pos < k->plan.nshown ? k->plan.shown[pos] : -1;
}

const char *kiosk_visit_stem(const kiosk_t *k, int i) { return i >= 0 && i < k->e->deck.count ? k->e->deck.entries[i].stem : NULL; }
const char *kiosk_visit_tag(const kiosk_t *k, int l) { return lang_tag(&k->e->cfg.langs, (lang_t)l); }

void kiosk_visit_sync_tray(kiosk_t *k)
{
    int i = kiosk_visit_deck_index(k, k->app.current);
    narration_find(&k->nar, i, (int)k->app.lang, k->e->cfg.content_dir, kiosk_visit_stem(k, i), kiosk_visit_tag(k, k->app.lang));
    scene_set_tray(&k->sc, k->tray_open, k->e->has_furigana, narration_available(&k->nar));
}

void kiosk_visit_narration_event(kiosk_t *k, const char *state)
{
    const char *stem = kiosk_visit_stem(k, k->nar.index);
    events_emit_narration(k->ev, state, stem ? stem : k->e->deck.entries[0].stem, kiosk_visit_tag(k, k->nar.lang));
}

/* why: "stop" (the visitor, a panel or language change, idle) or "end" (it played out) */
void kiosk_visit_narration_halt(kiosk_t *k, const char *why, uint64_t now)
{
    if (!narration_stop(&k->nar)) return;
    app_hold(&k->app, false, now);
    kiosk_visit_narration_event(k, why);
    kiosk_visit_redraw(k);
}

void kiosk_visit_narration_toggle(kiosk_t *k, uint64_t now)
{
    if (k->nar.playing) { kiosk_visit_narration_halt(k, "stop", now); return; }
    kiosk_visit_sync_tray(k);
    char err[1200];
    narration_result_t r = narration_play(&k->nar, err, sizeof err);
    if (r == NARRATION_NONE) return;
    if (r == NARRATION_FAILED) {
        LOG(LOG_WARN, "audio", "%s", err);
        kiosk_visit_narration_event(k, "failed");
        return;
    }
    app_hold(&k->app, true, now);
    kiosk_visit_narration_event(k, "play");
    kiosk_visit_redraw(k);
}

/* It played out: the panel's dwell and the idle reset count again from here. */
void kiosk_visit_narration_tick(kiosk_t *k, uint64_t now)
{
    if (!narration_ended(&k->nar)) return;
    app_hold(&k->app, false, now);
    kiosk_visit_narration_event(k, "end");
    kiosk_visit_redraw(k);
}

/* The panel on screen may be taller than the screen (larger text): how far it scrolls. */
static void update_scroll(kiosk_t *k, bool top)
{
    int i = kiosk_visit_deck_index(k, k->app.current);
    const dlist_t *dl = i >= 0 ? engine_panel(k->e, i, k->app.lang) : NULL;
    a11y_scroll_set(&k->a11y, dl ? dl->content_h : 0, (float)k->p->h, top);
    kiosk_visit_redraw(k);
}

static void apply_modes(kiosk_t *k)
{
    engine_set_variant(k->e, a11y_variant(&k->a11y));
    engine_fit_atlas(k->e, render_atlas(k->rd), k->p->w, k->p->h);
    k->sc.index_dirty = true;
    update_scroll(k, true);
}

void kiosk_visit_a11y_act(kiosk_t *k, a11y_flag_t f, uint64_t now)
{
    static const char *const names[] = {[A11Y_FURIGANA] = "furigana", [A11Y_LARGE] = "large", [A11Y_CONTRAST] = "contrast"};
    app_input(&k->app, now);
    bool on = a11y_toggle(&k->a11y, f);
    apply_modes(k);
    events_emit_a11y(k->ev, names[f], on);
}

/* The visitor walked away: everything as the operator set it. */
static void a11y_idle(kiosk_t *k, uint64_t now)
{
    kiosk_visit_narration_halt(k, "stop", now);
    k->tray_open = false;
    a11y_reset(&k->a11y);
    apply_modes(k);
}

int kiosk_visit_focused(const kiosk_t *k) { return scene_focused(&k->sc, k->app.index_open, k->a11y.focus); }

void kiosk_visit_focus_move(kiosk_t *k, int dir)
{
    int ids[UI_MAX_FOCUS];
    a11y_focus_move(&k->a11y, dir, scene_focus_ids(&k->sc, k->app.index_open, ids));
    k->sc.index_dirty = true;
    kiosk_visit_redraw(k);
}

static void on_app_event(kiosk_t *k, const app_event_t *ev, uint64_t now)
{
    if (ev->kind == APP_EV_IDLE) {
        a11y_idle(k, now);
        events_emit(k->ev, "idle", NULL);
        return;
    }
    if (narration_elsewhere(&k->nar, kiosk_visit_deck_index(k, ev->index), (int)ev->lang)) kiosk_visit_narration_halt(k, "stop", now);
    update_scroll(k, true);
    if (ev->kind == APP_EV_VIEW) {
        k->st.views++;
        k->fleet.mc.views[ev->via]++;
        events_emit_view(k->ev, k->e->deck.entries[k->plan.shown[ev->index]].stem, ev->index + 1, kiosk_visit_tag(k, ev->lang),
                         app_via_name(ev->via));
    } else {
        k->st.lang_switches++;
        k->fleet.mc.lang_switches++;
        k->sc.index_dirty = k->sc.admin_dirty = true; /* they speak the new language */
        events_emit_lang(k->ev, kiosk_visit_tag(k, ev->lang));
    }
}

void kiosk_visit_app_events(kiosk_t *k, uint64_t now)
{
    app_event_t ev[APP_MAX_EVENTS];
    int n = app_take_events(&k->app, ev, APP_MAX_EVENTS);
    for (int i = 0; i < n; i++) {
        on_app_event(k, &ev[i], now);
        k->dirty = true;
    }
}

void kiosk_visit_layout(kiosk_t *k)
{
    int w = k->p->w, h = k->p->h;
    engine_set_size(k->e, w, h);
    scene_geometry(&k->sc, k->plan.nshown);
    input_init(&k->in, w, h);
    engine_fit_atlas(k->e, render_atlas(k->rd), w, h);
    k->app.width = (float)w;
    narration_forget(&k->nar);
    kiosk_visit_sync_tray(k);
    k->dirty = true;
    update_scroll(k, false);
}

void kiosk_visit_restart(kiosk_t *k, uint64_t now)
{
    const config_t *c = &k->e->cfg;
    app_init(&k->app, k->plan.nshown, c->lang, c->dwell_s, c->idle_timeout_s, c->transition_ms, k->p->w, now);
    app_set_langs(&k->app, engine_nlangs(k->e));
    k->app.panel_dwell_ms = k->plan.dwell;
    kiosk_visit_narration_halt(k, "stop", now);
    k->tray_open = false;
    a11y_reset(&k->a11y);
    engine_set_variant(k->e, a11y_variant(&k->a11y));
    kiosk_visit_layout(k);
}
