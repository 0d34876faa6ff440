/* kiosk_content: what changes under the kiosk wired: the deck reloaded, the time-bound
 * panels at the wall clock's minute, the alerts. */
#define _DEFAULT_SOURCE
#include "kiosk_private.h"

#include <stdlib.h>
#include <string.h>

/* ---- time-bound panels ---- */

void kiosk_content_schedule_event(kiosk_t *k)
{
    if (!k->announced) return; /* the first set follows the start event */
    const char **stems = mem_calloc((size_t)k->plan.ntarget + 1, sizeof *stems);
    for (int i = 0; i < k->plan.ntarget; i++) stems[i] = k->e->deck.entries[k->plan.target[i]].stem;
    events_emit_schedule(k->ev, stems, k->plan.ntarget);
    free(stems);
}

/* The set at the wall clock's minute; the app renumbered when the shown set changes, only
 * between transitions (whose positions are not renumbered). */
void kiosk_content_plan_tick(kiosk_t *k)
{
    app_t *a = &k->app;
    if (timeplan_set_target(&k->plan, &k->civil)) kiosk_content_schedule_event(k);
    if (k->plan.shown && (a->tr.kind != APP_TR_NONE || a->dragging)) return;
    int pos = timeplan_set_apply(&k->plan, a->current, k->e->dwell_ms);
    if (pos < 0) return;
    a->panel_dwell_ms = k->plan.dwell;
    app_remap(a, k->plan.nshown, pos);
    kiosk_visit_layout(k);
}

/* After a (re)load the deck is new: indexes from the old one mean nothing. */
void kiosk_content_plan_reset(kiosk_t *k)
{
    const deck_t *d = &k->e->deck;
    const timeplan_t **plans = mem_calloc((size_t)d->count + 1, sizeof *plans);
    for (int i = 0; i < d->count; i++) plans[i] = &deck_panel(d, i, LANG_DEFAULT)->plan;
    timeplan_set_reset(&k->plan, plans, d->count);
    free(plans);
    kiosk_content_plan_tick(k);
}

/* ---- reload ---- */

static void log_diags(const diag_list_t *d, const char *module)
{
    for (int i = 0; i < d->count; i++) LOG(LOG_WARN, module, "%s", d->items[i].text);
}

/* What went wrong at start goes where the operator looks (the admin overlay, the events), not
 * on the notice visitors see. The folder is read again: only when something was wrong. */
void kiosk_content_problems(kiosk_t *k)
{
    const char *dir = k->e->cfg.content_dir;
    if (!k->e->problems && !deck_is_notice(&k->e->deck)) return;
    deck_t deck;
    diag_list_t d = {0};
    deck_load(&deck, dir, &k->e->cfg.langs, &d);
    if (!d.count) diag_add(&d, dir, 0, "no panels: add NN-name.md files (see README)");
    status_keep_errors(&k->status, &d);
    events_emit_problems(k->ev, d.count, d.items[0].text);
    deck_free(&deck);
    diag_clear(&d);
}

static void reload_failed(kiosk_t *k, const diag_list_t *d)
{
    events_emit_reload_failed(k->ev, d->count ? d->items[0].text : "no valid panel");
    log_diags(d, "content");
    k->st.reload_failures++;
    k->fleet.mc.reload_failures++;
}

static void reload_swap(kiosk_t *k, deck_t *deck, uint64_t now)
{
    kiosk_visit_narration_halt(k, "stop", now);
    engine_set_deck(k->e, deck);
    diag_list_t fd = {0};
    engine_load_furigana(k->e, k->e->cfg.content_dir, &fd);
    log_diags(&fd, "content");
    diag_clear(&fd);
    kiosk_content_plan_reset(k);
    app_set_count(&k->app, k->plan.nshown, now);
    kiosk_visit_layout(k);
    events_emit_reload(k->ev, k->e->deck.count, k->reload.ini_changed);
    if (k->reload.ini_changed) LOG(LOG_WARN, "config", "%s/kiosk.ini changed: restart annai to apply it", k->e->cfg.content_dir);
    k->st.reloads++;
    k->fleet.mc.reloads++;
    k->fleet.content_hash = health_content_hash(&k->e->deck);
}

/* Parses everything into a new deck; all valid -> swap in, else keep the last good one. The
 * folder's signature is taken before loading (reload_begin). */
void kiosk_content_reload(kiosk_t *k, uint64_t now)
{
    const char *dir = k->e->cfg.content_dir;
    deck_t deck;
    diag_list_t d = {0};
    reload_begin(&k->reload, deck_signature(dir));
    if (reload_ini_seen(&k->reload, reload_ini_hash(dir))) reload_check_ini(dir, &d);
    deck_load(&deck, dir, &k->e->cfg.langs, &d);
    status_keep_errors(&k->status, &d);
    reload_outcome_t o = reload_outcome(&k->reload, d.count, deck.count);
    if (o == RELOAD_FAILED) {
        reload_failed(k, &d);
        deck_free(&deck);
    } else {
        reload_swap(k, &deck, now);
    }
    status_stamp(&k->status, k->wall_now, reload_status_label(o));
    diag_clear(&d);
    k->dirty = k->sc.admin_dirty = true;
}

void kiosk_content_poll(kiosk_t *k, uint64_t now)
{
    if (reload_poll_due(&k->reload, now) && reload_poll(&k->reload, deck_signature(k->e->cfg.content_dir), now))
        kiosk_content_reload(k, now);
}

/* ---- alerts ---- */

void kiosk_content_alerts_load(kiosk_t *k)
{
    diag_list_t d = {0};
    alert_set_free(&k->alerts);
    alert_set_load(&k->alerts, &k->e->cfg.langs, k->aw.dir, &d);
    for (int i = 0; i < d.count; i++) LOG(LOG_WARN, "alert", "%s (shown anyway)", d.items[i].text);
    if (d.count) status_keep_errors(&k->status, &d);
    diag_clear(&d);
    k->sc.alert_dirty = true;
}

/* An alert comes on over everything, also on a dark screen; when it goes, the kiosk goes on
 * where it was (the panel's dwell starts again) and the screen schedule decides again. */
void kiosk_content_alert_tick(kiosk_t *k, uint64_t now)
{
    if (alert_watch_changed(&k->aw, now)) kiosk_content_alerts_load(k);
    int pick = alert_pick(&k->alerts, &k->civil);
    char *was = NULL;
    alert_change_t ch = alert_state_update(&k->ast, pick >= 0 ? &k->alerts.items[pick] : NULL, &was);
    if (ch == ALERT_OFF || ch == ALERT_SWITCH) events_emit_alert(k->ev, "off", was);
    if (ch == ALERT_ON || ch == ALERT_SWITCH) {
        events_emit_alert(k->ev, "on", k->ast.file);
        k->fleet.mc.alerts++;
    }
    free(was);
    if (pick != k->alert) k->sc.alert_dirty = k->dirty = true;
    k->alert = pick;
    if (ch == ALERT_ON) {
        kiosk_visit_narration_halt(k, "stop", now); /* the emergency message is what counts now */
        kiosk_input_gesture(k, input_cancel(&k->in), now);
        kiosk_screen_changed(k, screen_set(&k->screen, true), now);
    } else if (ch == ALERT_OFF) {
        app_set_count(&k->app, k->plan.nshown, now);
        screen_check_soon(&k->screen, now);
    }
}
