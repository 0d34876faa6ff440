#include "annai/app.h"

#include <math.h>
#include <string.h>

#define FRAME_MS 16 /* during an animation the loop wakes at display rate */

static const char *via_names[] = {"auto", "swipe", "tap", "key", "menu", "idle", "start"};
const char *app_via_name(via_t v) { return via_names[v]; }

static void emit(app_t *a, app_ev_kind_t k, via_t via)
{
    if (a->nev >= APP_MAX_EVENTS) return;
    a->ev[a->nev++] = (app_event_t){k, a->current, a->lang, via};
}

static double dwell_of(const app_t *a, int i)
{
    if (a->panel_dwell_ms && i >= 0 && i < a->count && a->panel_dwell_ms[i] > 0) return a->panel_dwell_ms[i];
    return a->dwell_ms;
}

static void schedule_advance(app_t *a, uint64_t now) { a->next_advance = now + (uint64_t)dwell_of(a, a->current); }

void app_init(app_t *a, int count, lang_t lang, double dwell_s, double idle_s, int transition_ms, int width, uint64_t now)
{
    memset(a, 0, sizeof *a);
    a->count = count;
    a->lang = a->default_lang = lang;
    a->nlangs = lang + 1 > 2 ? lang + 1 : 2; /* app_set_langs gives the deck's count */
    a->mode = APP_MODE_ATTRACT;
    a->dwell_ms = dwell_s * 1000;
    a->idle_ms = idle_s * 1000;
    a->transition_ms = transition_ms;
    a->width = (float)width;
    a->last_input = now;
    schedule_advance(a, now);
    emit(a, APP_EV_VIEW, APP_VIA_START);
}

void app_set_count(app_t *a, int count, uint64_t now)
{
    a->count = count;
    a->tr.kind = APP_TR_NONE;
    a->dragging = false;
    if (a->current >= count) a->current = 0;
    schedule_advance(a, now);
}

void app_remap(app_t *a, int count, int current)
{
    a->count = count;
    a->current = current >= 0 && current < count ? current : 0;
}

static void finish_transition(app_t *a)
{
    a->tr.kind = APP_TR_NONE;
}

void app_go(app_t *a, int index, via_t via, tr_kind_t tr, int dir, uint64_t now)
{
    if (a->count <= 0) return;
    if (via != APP_VIA_AUTO && via != APP_VIA_IDLE && via != APP_VIA_START) app_input(a, now); /* any input: interactive */
    index = ((index % a->count) + a->count) % a->count;
    finish_transition(a);
    if (index != a->current && tr != APP_TR_NONE && (tr != APP_TR_FADE || a->transition_ms > 0)) {
        int dur = tr == APP_TR_FADE ? a->transition_ms : SLIDE_MS;
        a->tr = (transition_t){tr, a->current, index, dir ? dir : 1, tr == APP_TR_SLIDE ? a->drag_dx : 0, now, dur};
    }
    a->current = index;
    a->dragging = false;
    a->drag_dx = 0;
    schedule_advance(a, now);
    emit(a, APP_EV_VIEW, via);
}

void app_step(app_t *a, int delta, via_t via, uint64_t now)
{
    app_go(a, a->current + delta, via, via == APP_VIA_AUTO ? APP_TR_FADE : APP_TR_SLIDE, delta, now);
}

void app_input(app_t *a, uint64_t now)
{
    a->mode = APP_MODE_INTERACTIVE;
    a->last_input = now;
}

void app_drag(app_t *a, float dx, uint64_t now)
{
    app_input(a, now);
    if (a->tr.kind != APP_TR_NONE) finish_transition(a); /* a swipe during a transition takes over */
    a->dragging = true;
    a->drag_dx = dx;
}

void app_release(app_t *a, int dir, uint64_t now)
{
    app_input(a, now);
    if (dir) {
        app_step(a, dir, APP_VIA_SWIPE, now);
        return;
    }
    a->tr = (transition_t){APP_TR_SPRING, a->current, a->current, 0, a->drag_dx, now, SPRING_MS};
    a->dragging = false;
    a->drag_dx = 0;
}

void app_set_langs(app_t *a, int nlangs)
{
    a->nlangs = nlangs > 0 ? nlangs : 1;
    if (a->lang >= a->nlangs) a->lang = 0;
    if (a->default_lang >= a->nlangs) a->default_lang = 0;
}

void app_set_picker_open(app_t *a, bool open, uint64_t now)
{
    app_input(a, now);
    a->picker_open = open && a->nlangs > 1;
    if (a->picker_open) a->index_open = false;
    a->picker_focus = a->lang;
}

void app_picker_move(app_t *a, int delta, uint64_t now)
{
    app_input(a, now);
    if (a->picker_open) a->picker_focus = ((a->picker_focus + delta) % a->nlangs + a->nlangs) % a->nlangs;
}

void app_pick_lang(app_t *a, lang_t lang, via_t via, uint64_t now)
{
    app_input(a, now);
    a->picker_open = false;
    if (lang < 0 || lang >= a->nlangs || lang == a->lang) return;
    a->lang = lang;
    emit(a, APP_EV_LANG, via);
}

void app_set_index_open(app_t *a, bool open, uint64_t now)
{
    app_input(a, now);
    a->index_open = open;
    if (open) a->picker_open = false;
}

void app_hold(app_t *a, bool held, uint64_t now)
{
    if (held == a->held) return;
    a->held = held;
    if (held) return;
    a->last_input = now;
    schedule_advance(a, now);
}

void app_tick(app_t *a, uint64_t now)
{
    if (a->tr.kind != APP_TR_NONE && now >= a->tr.start + (uint64_t)a->tr.duration) finish_transition(a);
    if (a->held) return;
    if (a->mode == APP_MODE_INTERACTIVE && now >= a->last_input + (uint64_t)a->idle_ms) {
        /* the visitor walked away: reset for the next one */
        emit(a, APP_EV_IDLE, APP_VIA_IDLE);
        a->mode = APP_MODE_ATTRACT;
        a->index_open = a->picker_open = false;
        a->dragging = false;
        a->drag_dx = 0;
        if (a->lang != a->default_lang) {
            a->lang = a->default_lang;
            emit(a, APP_EV_LANG, APP_VIA_IDLE);
        }
        app_go(a, 0, APP_VIA_IDLE, APP_TR_FADE, 1, now);
        return;
    }
    if (a->mode == APP_MODE_ATTRACT && !a->index_open && !a->picker_open && !a->dragging && a->tr.kind == APP_TR_NONE && now >= a->next_advance &&
        a->count > 1)
        app_step(a, 1, APP_VIA_AUTO, now);
}

static float ease(float t) { return 1 - (1 - t) * (1 - t) * (1 - t); }

void app_view(const app_t *a, uint64_t now, app_view_t *v)
{
    memset(v, 0, sizeof *v);
    v->index = a->current;
    v->other = -1;
    if (a->dragging) {
        v->offset = a->drag_dx;
        if (a->count < 2) return; /* a deck of one: the panel moves alone (no copy of itself beside) */
        v->other = a->current + (a->drag_dx < 0 ? 1 : -1);
        v->other = ((v->other % a->count) + a->count) % a->count;
        v->other_offset = a->drag_dx + (a->drag_dx < 0 ? a->width : -a->width);
        v->other_alpha = 1;
        return;
    }
    if (a->tr.kind == APP_TR_NONE) return;
    float t = a->tr.duration > 0 ? (float)(now - a->tr.start) / (float)a->tr.duration : 1;
    if (t > 1) t = 1;
    v->animating = true;
    if (a->tr.kind == APP_TR_SPRING) { /* the neighbour the finger uncovered slides back out too */
        v->offset = a->tr.start_offset * (1 - ease(t));
        if (v->offset != 0 && a->count > 1) {
            v->other = (a->current + (v->offset < 0 ? 1 : -1) + a->count) % a->count;
            v->other_offset = v->offset + (v->offset < 0 ? a->width : -a->width);
            v->other_alpha = 1;
        }
        return;
    }
    v->other = a->tr.from;
    if (a->tr.kind == APP_TR_FADE) {
        /* draw the old panel, then the new one over it fading in */
        v->index = a->tr.from;
        v->other = a->tr.to;
        v->other_alpha = t;
        return;
    }
    float w = a->width, from = a->tr.start_offset, to = -(float)a->tr.dir * w;
    float off = from + (to - from) * ease(t);
    v->other_offset = off;
    v->other_alpha = 1;
    v->offset = off + (float)a->tr.dir * w;
}

int64_t app_deadline(const app_t *a, uint64_t now)
{
    if (a->tr.kind != APP_TR_NONE || a->dragging) return FRAME_MS;
    if (a->held) return INT32_MAX; /* the kiosk watches the narration's end itself */
    uint64_t due = a->mode == APP_MODE_INTERACTIVE ? a->last_input + (uint64_t)a->idle_ms : a->next_advance;
    return due > now ? (int64_t)(due - now) : 0;
}

int app_take_events(app_t *a, app_event_t *out, int max)
{
    int n = a->nev < max ? a->nev : max;
    memcpy(out, a->ev, (size_t)n * sizeof *out);
    memmove(a->ev, a->ev + n, (size_t)(a->nev - n) * sizeof *out);
    a->nev -= n;
    return n;
}
