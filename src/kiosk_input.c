/* kiosk_input: SDL's events to actions: pointers through the gesture recogniser, keys
 * through the keymap, taps through the scene's hit tests. */
#define _DEFAULT_SOURCE
#include "kiosk_private.h"

#include <stdlib.h>
#include <string.h>
#include "annai/keymap.h"

/* ---- input ---- */

static void admin_act(kiosk_t *k, int hit, uint64_t now)
{
    admin_t *a = &k->admin;
    if (hit >= 0 && hit <= 9) admin_digit(a, hit, now);
    else if (hit == UI_AHIT_BACK) admin_backspace(a, now);
    else if (hit == UI_AHIT_OK) admin_submit(a, k->e->cfg.pin, now);
    else if (hit == UI_AHIT_CLOSE) admin_close(a);
    else if (hit == UI_AHIT_RELOAD) kiosk_content_reload(k, now);
    else if (hit == UI_AHIT_EXIT && k->e->cfg.allow_exit) k->exit_asked = true;
    if (hit != UI_AHIT_NONE) a->last_input = now;
    k->sc.admin_dirty = k->dirty = true;
}

static void act_on_hit(kiosk_t *k, int hit, uint64_t now)
{
    app_t *a = &k->app;
    switch (hit) {
    case UI_HIT_PREV: app_step(a, -1, APP_VIA_TAP, now); break;
    case UI_HIT_NEXT: app_step(a, 1, APP_VIA_TAP, now); break;
    case UI_HIT_INDEX: app_set_index_open(a, true, now); k->st.index_opens++; break;
    case UI_HIT_LANG: app_set_picker_open(a, true, now); break;
    case UI_HIT_CLOSE: app_set_index_open(a, false, now); break;
    case UI_HIT_ACCESS: app_input(a, now); k->tray_open = !k->tray_open; kiosk_visit_sync_tray(k); break;
    case UI_HIT_FURIGANA: kiosk_visit_a11y_act(k, A11Y_FURIGANA, now); break;
    case UI_HIT_LARGE: kiosk_visit_a11y_act(k, A11Y_LARGE, now); break;
    case UI_HIT_CONTRAST: kiosk_visit_a11y_act(k, A11Y_CONTRAST, now); break;
    case UI_HIT_SPEAKER: app_input(a, now); kiosk_visit_narration_toggle(k, now); break;
    case UI_HIT_NONE: break;
    default:
        if (a->index_open) {
            app_set_index_open(a, false, now);
            app_go(a, hit, APP_VIA_MENU, APP_TR_FADE, 1, now);
        } else {
            app_go(a, hit, APP_VIA_TAP, APP_TR_FADE, hit > a->current ? 1 : -1, now);
        }
    }
    k->dirty = true;
}

/* A tap or key in the language picker: a language, Close, or nothing (it stays open). */
static void picker_act(kiosk_t *k, int hit, via_t via, uint64_t now)
{
    if (hit == UI_HIT_CLOSE) app_set_picker_open(&k->app, false, now);
    else if (hit >= 0) app_pick_lang(&k->app, hit, via, now);
    k->dirty = true;
}

static void on_tap(kiosk_t *k, float x, float y, uint64_t now)
{
    app_input(&k->app, now);
    if (k->a11y.focus >= 0) { /* touch: no ring */
        a11y_focus_hide(&k->a11y);
        k->sc.chrome_dirty = k->sc.index_dirty = true;
    }
    int hit = scene_hit(&k->sc, &k->app, x, y);
    if (k->app.picker_open) picker_act(k, hit, APP_VIA_TAP, now);
    else act_on_hit(k, hit, now);
}

void kiosk_input_gesture(kiosk_t *k, gesture_t g, uint64_t now)
{
    app_t *a = &k->app;
    bool paging = !a->index_open && !a->picker_open;
    if (g.kind == INPUT_GEST_NONE) return;
    if (k->admin.state != ADMIN_CLOSED) {
        if (g.kind == INPUT_GEST_TAP) admin_act(k, scene_admin_hit(&k->sc, k->admin.state, g.x, g.y), now);
        return;
    }
    switch (g.kind) {
    case INPUT_GEST_DRAG: if (paging) app_drag(a, g.dx, now); break;
    case INPUT_GEST_SWIPE: if (paging) app_release(a, g.dir, now); break;
    case INPUT_GEST_SPRING: if (paging) app_release(a, 0, now); break;
    case INPUT_GEST_SCROLL:
        if (paging && a11y_scroll_by(&k->a11y, -g.dy)) k->sc.chrome_dirty = true;
        app_input(a, now);
        break;
    case INPUT_GEST_TAP: on_tap(k, g.x, g.y, now); break;
    case INPUT_GEST_LONG_PRESS:
        app_input(a, now);
        if (ui_admin_corner(k->p->w, k->p->h, g.x, g.y)) admin_request(&k->admin, k->e->cfg.pin, false, now);
        k->sc.admin_dirty = true;
        break;
    default: break;
    }
    k->dirty = true;
}

/* Touches are counted for the curators' statistics, but never while the admin overlay is open:
 * the PIN pad's layout depends only on the screen size, so its taps would spell the PIN. */
static void log_touch(kiosk_t *k, const char *kind, float x, float y)
{
    if (k->admin.state == ADMIN_CLOSED) events_emit_touch(k->ev, kind, x, y);
}

/* A control chosen with the keys: what a tap on it does; the ring follows into and out of the index. */
static void activate(kiosk_t *k, int id, uint64_t now)
{
    bool was_open = k->app.index_open;
    act_on_hit(k, id, now);
    int ids[UI_MAX_FOCUS], n = scene_focus_ids(&k->sc, k->app.index_open, ids);
    if (k->app.index_open != was_open) {
        int want = k->app.index_open ? k->app.current : UI_HIT_INDEX;
        k->a11y.focus = 0;
        for (int i = 0; i < n; i++)
            if (ids[i] == want) k->a11y.focus = i;
    }
    a11y_focus_clamp(&k->a11y, n);
    k->sc.index_dirty = true;
    kiosk_visit_redraw(k);
}

static unsigned key_state(const kiosk_t *k)
{
    const a11y_t *y = &k->a11y;
    unsigned s = 0;
    if (k->admin.state != ADMIN_CLOSED) s |= KEYMAP_IN_ADMIN;
    if (k->admin.state == ADMIN_OPEN) s |= KEYMAP_IN_ADMIN_OPEN;
    if (k->app.picker_open) s |= KEYMAP_IN_PICKER;
    if (y->focus >= 0) s |= KEYMAP_IN_RING;
    s |= k->app.index_open ? KEYMAP_IN_INDEX : KEYMAP_IN_PANEL;
    if (a11y_can_scroll(y)) s |= KEYMAP_IN_SCROLLS;
    if (y->scroll > 0) s |= KEYMAP_IN_CAN_UP;
    if (y->scroll < y->scroll_max) s |= KEYMAP_IN_CAN_DOWN;
    if (k->e->cfg.allow_exit) s |= KEYMAP_IN_EXIT_OK;
    return s;
}

/* Keys that act on the PIN pad, the overlay or the language picker. False: not one of those. */
static bool overlay_key(kiosk_t *k, keymap_hit_t h, uint64_t now)
{
    switch (h.action) {
    case KEYMAP_NOTHING: break;
    case KEYMAP_ADMIN_DOOR: admin_request(&k->admin, k->e->cfg.pin, true, now); k->sc.admin_dirty = true; break;
    case KEYMAP_ADMIN_DIGIT: admin_act(k, h.arg, now); break;
    case KEYMAP_ADMIN_BACK: admin_act(k, UI_AHIT_BACK, now); break;
    case KEYMAP_ADMIN_OK: admin_act(k, UI_AHIT_OK, now); break;
    case KEYMAP_ADMIN_CLOSE: admin_act(k, UI_AHIT_CLOSE, now); break;
    case KEYMAP_ADMIN_RELOAD: admin_act(k, UI_AHIT_RELOAD, now); break;
    case KEYMAP_PICKER_MOVE: app_picker_move(&k->app, h.arg, now); break;
    case KEYMAP_PICKER_PRESS: picker_act(k, k->app.picker_focus, APP_VIA_KEY, now); break;
    case KEYMAP_PICKER_LANG: picker_act(k, h.arg < k->app.nlangs ? h.arg : UI_HIT_NONE, APP_VIA_KEY, now); break;
    case KEYMAP_PICKER_CLOSE: picker_act(k, UI_HIT_CLOSE, APP_VIA_KEY, now); break;
    default: return false;
    }
    return true;
}

/* The focus ring and scrolling (a USB keypad at a public terminal). False: not one of those. */
static bool a11y_key(kiosk_t *k, keymap_hit_t h, uint64_t now)
{
    float h_px = (float)k->p->h;
    switch (h.action) {
    case KEYMAP_FOCUS_MOVE: kiosk_visit_focus_move(k, h.arg); break;
    case KEYMAP_FOCUS_PRESS: activate(k, kiosk_visit_focused(k), now); break;
    case KEYMAP_SCROLL: a11y_scroll_by(&k->a11y, (float)h.arg * h_px * A11Y_SCROLL_STEP); break;
    case KEYMAP_SCROLL_PAGE: a11y_scroll_by(&k->a11y, (float)h.arg * h_px * A11Y_SCROLL_PAGE); break;
    default: return false;
    }
    app_input(&k->app, now);
    kiosk_visit_redraw(k);
    return true;
}

static void on_key(kiosk_t *k, const SDL_KeyboardEvent *e, uint64_t now)
{
    app_t *a = &k->app;
    keymap_hit_t h = keymap_lookup(e->keysym.sym, keymap_mods(e->keysym.mod), key_state(k));
    k->dirty = true;
    if (overlay_key(k, h, now) || a11y_key(k, h, now)) return;
    switch (h.action) {
    case KEYMAP_EXIT: k->exit_asked = true; break;
    case KEYMAP_STEP: app_step(a, h.arg, APP_VIA_KEY, now); break;
    case KEYMAP_FIRST: app_go(a, 0, APP_VIA_KEY, APP_TR_FADE, -1, now); break;
    case KEYMAP_LAST: app_go(a, a->count - 1, APP_VIA_KEY, APP_TR_FADE, 1, now); break;
    case KEYMAP_INDEX_CLOSE: app_set_index_open(a, false, now); break;
    case KEYMAP_INDEX_TOGGLE: app_set_index_open(a, !a->index_open, now); break;
    case KEYMAP_PICKER_OPEN: app_set_picker_open(a, true, now); break;
    default: app_input(a, now); break;
    }
}

/* A pointer event: output coordinates -> the picture's, woken screen, gesture. */
static void on_pointer(kiosk_t *k, int kind, int64_t id, float x, float y, uint64_t now)
{
    input_unrotate(k->p->rotate, k->p->out_w, k->p->out_h, &x, &y);
    if (kind == SDL_MOUSEBUTTONDOWN || kind == SDL_FINGERDOWN) {
        if ((k->swallow = kiosk_woken(k, now))) return;
        log_touch(k, "down", x, y);
        kiosk_input_gesture(k, input_down(&k->in, id, x, y, now), now);
    } else if (kind == SDL_MOUSEBUTTONUP || kind == SDL_FINGERUP) {
        if (k->swallow || !k->screen.on) { k->swallow = false; return; }
        log_touch(k, "up", x, y);
        kiosk_input_gesture(k, input_up(&k->in, id, x, y, now), now);
    } else if (k->screen.on && !k->swallow) {
        kiosk_input_gesture(k, input_move(&k->in, id, x, y, now), now);
    }
}

static bool is_input(Uint32 type)
{
    return type == SDL_MOUSEBUTTONDOWN || type == SDL_MOUSEBUTTONUP || type == SDL_MOUSEMOTION || type == SDL_FINGERDOWN ||
           type == SDL_FINGERUP || type == SDL_FINGERMOTION || type == SDL_KEYDOWN;
}

static void on_window(kiosk_t *k, const SDL_WindowEvent *w, uint64_t now)
{
    if (w->event == SDL_WINDOWEVENT_SIZE_CHANGED || w->event == SDL_WINDOWEVENT_DISPLAY_CHANGED) {
        platform_update_size(k->p);
        kiosk_visit_layout(k);
    } else if (w->event == SDL_WINDOWEVENT_FOCUS_LOST) {
        kiosk_input_gesture(k, input_cancel(&k->in), now);
    }
    k->dirty = true;
}

static void on_event_in(kiosk_t *k, const SDL_Event *e, uint64_t now)
{
    float ow = (float)k->p->out_w, oh = (float)k->p->out_h;
    if (k->alert >= 0 && is_input(e->type)) return; /* a touch does not dismiss an alert */
    switch (e->type) {
    case SDL_QUIT:
        if (k->e->cfg.allow_exit) k->exit_asked = true; /* else: visitors cannot close the kiosk */
        break;
    case SDL_MOUSEBUTTONDOWN: case SDL_MOUSEBUTTONUP:
        /* touches arrive as finger events; SDL's mouse copies of them are dropped */
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT) break;
        on_pointer(k, (int)e->type, -1, (float)e->button.x, (float)e->button.y, now);
        break;
    case SDL_MOUSEMOTION:
        if (e->motion.which == SDL_TOUCH_MOUSEID) break;
        on_pointer(k, (int)e->type, -1, (float)e->motion.x, (float)e->motion.y, now);
        break;
    case SDL_FINGERDOWN: case SDL_FINGERUP: case SDL_FINGERMOTION:
        on_pointer(k, (int)e->type, (int64_t)e->tfinger.fingerId, e->tfinger.x * ow, e->tfinger.y * oh, now);
        break;
    case SDL_KEYDOWN:
        if (!kiosk_woken(k, now)) on_key(k, &e->key, now);
        break;
    case SDL_WINDOWEVENT: on_window(k, &e->window, now); break;
    case SDL_RENDER_TARGETS_RESET: case SDL_RENDER_DEVICE_RESET:
        render_reset(k->rd); /* the atlas and images are made again on use */
        k->dirty = true;
        break;
    default: break;
    }
}

/* The language picker opened (by touch or keys): a narration in the old language stops. */
void kiosk_input_event(kiosk_t *k, const SDL_Event *e, uint64_t now)
{
    on_event_in(k, e, now);
    if (k->app.picker_open) kiosk_visit_narration_halt(k, "stop", now);
}
