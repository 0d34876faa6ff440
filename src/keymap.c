/* keymap: the table. Order matters: the first row whose state and modifiers fit wins, so the
 * admin overlay's rows come first (it takes every key), then the picker's, then the focus ring
 * and scrolling, then paging. */
#include "annai/keymap.h"

#include <SDL2/SDL_keyboard.h>
#include <stdint.h>

#define ANY_KEY_LO 0
#define ANY_KEY_HI INT32_MAX

typedef struct {
    SDL_Keycode lo, hi;   /* the keys (lo == hi: one); arg grows with the key in a run */
    unsigned need;        /* KEYMAP_IN_* all of which must hold */
    unsigned mods;        /* KEYMAP_MOD_* all of which must be held */
    keymap_action_t action;
    int arg;
} row_t;

#define KEY(k) (k), (k)
#define ADM KEYMAP_IN_ADMIN
#define PIK KEYMAP_IN_PICKER
#define RING KEYMAP_IN_RING
#define IDX KEYMAP_IN_INDEX
#define PAN KEYMAP_IN_PANEL
#define SCR (KEYMAP_IN_PANEL | KEYMAP_IN_SCROLLS)

static const row_t rows[] = {
    /* the admin door, from any state */
    {KEY(SDLK_a), 0, KEYMAP_MOD_CTRL | KEYMAP_MOD_SHIFT, KEYMAP_ADMIN_DOOR, 0},
    /* the PIN pad and the overlay: a USB keypad types the PIN */
    {SDLK_0, SDLK_9, ADM, 0, KEYMAP_ADMIN_DIGIT, 0},
    {SDLK_KP_1, SDLK_KP_9, ADM, 0, KEYMAP_ADMIN_DIGIT, 1},
    {KEY(SDLK_KP_0), ADM, 0, KEYMAP_ADMIN_DIGIT, 0},
    {KEY(SDLK_BACKSPACE), ADM, 0, KEYMAP_ADMIN_BACK, 0},
    {KEY(SDLK_RETURN), ADM, 0, KEYMAP_ADMIN_OK, 0},
    {KEY(SDLK_KP_ENTER), ADM, 0, KEYMAP_ADMIN_OK, 0},
    {KEY(SDLK_ESCAPE), ADM, 0, KEYMAP_ADMIN_CLOSE, 0},
    {KEY(SDLK_r), ADM | KEYMAP_IN_ADMIN_OPEN, 0, KEYMAP_ADMIN_RELOAD, 0},
    {ANY_KEY_LO, ANY_KEY_HI, ADM, 0, KEYMAP_NOTHING, 0},
    /* the language picker */
    {KEY(SDLK_UP), PIK, 0, KEYMAP_PICKER_MOVE, -1},
    {KEY(SDLK_LEFT), PIK, 0, KEYMAP_PICKER_MOVE, -1},
    {KEY(SDLK_DOWN), PIK, 0, KEYMAP_PICKER_MOVE, 1},
    {KEY(SDLK_RIGHT), PIK, 0, KEYMAP_PICKER_MOVE, 1},
    {KEY(SDLK_TAB), PIK, 0, KEYMAP_PICKER_MOVE, 1},
    {KEY(SDLK_RETURN), PIK, 0, KEYMAP_PICKER_PRESS, 0},
    {KEY(SDLK_KP_ENTER), PIK, 0, KEYMAP_PICKER_PRESS, 0},
    {KEY(SDLK_SPACE), PIK, 0, KEYMAP_PICKER_PRESS, 0},
    {SDLK_1, SDLK_9, PIK, 0, KEYMAP_PICKER_LANG, 0},
    {KEY(SDLK_ESCAPE), PIK, 0, KEYMAP_PICKER_CLOSE, 0},
    {KEY(SDLK_l), PIK, 0, KEYMAP_PICKER_CLOSE, 0},
    /* the focus ring: a USB keypad is the accessible input at public terminals */
    {KEY(SDLK_TAB), 0, KEYMAP_MOD_SHIFT, KEYMAP_FOCUS_MOVE, -1},
    {KEY(SDLK_TAB), 0, 0, KEYMAP_FOCUS_MOVE, 1},
    {KEY(SDLK_RETURN), RING, 0, KEYMAP_FOCUS_PRESS, 0},
    {KEY(SDLK_KP_ENTER), RING, 0, KEYMAP_FOCUS_PRESS, 0},
    {KEY(SDLK_SPACE), RING, 0, KEYMAP_FOCUS_PRESS, 0},
    {KEY(SDLK_LEFT), RING, 0, KEYMAP_FOCUS_MOVE, -1},
    {KEY(SDLK_RIGHT), RING, 0, KEYMAP_FOCUS_MOVE, 1},
    {KEY(SDLK_UP), RING | IDX, 0, KEYMAP_FOCUS_MOVE, -1},
    {KEY(SDLK_DOWN), RING | IDX, 0, KEYMAP_FOCUS_MOVE, 1},
    /* a panel taller than the screen (larger text): arrows scroll; Page Up/Down scroll until
     * an end, and page from there */
    {KEY(SDLK_UP), SCR, 0, KEYMAP_SCROLL, -1},
    {KEY(SDLK_DOWN), SCR, 0, KEYMAP_SCROLL, 1},
    {KEY(SDLK_PAGEUP), SCR | KEYMAP_IN_CAN_UP, 0, KEYMAP_SCROLL_PAGE, -1},
    {KEY(SDLK_PAGEDOWN), SCR | KEYMAP_IN_CAN_DOWN, 0, KEYMAP_SCROLL_PAGE, 1},
    /* paging and the index */
    {KEY(SDLK_q), KEYMAP_IN_EXIT_OK, KEYMAP_MOD_CTRL, KEYMAP_EXIT, 0},
    {KEY(SDLK_RIGHT), 0, 0, KEYMAP_STEP, 1},
    {KEY(SDLK_PAGEDOWN), 0, 0, KEYMAP_STEP, 1},
    {KEY(SDLK_SPACE), 0, 0, KEYMAP_STEP, 1},
    {KEY(SDLK_LEFT), 0, 0, KEYMAP_STEP, -1},
    {KEY(SDLK_PAGEUP), 0, 0, KEYMAP_STEP, -1},
    {KEY(SDLK_HOME), 0, 0, KEYMAP_FIRST, 0},
    {KEY(SDLK_END), 0, 0, KEYMAP_LAST, 0},
    {KEY(SDLK_ESCAPE), 0, 0, KEYMAP_INDEX_CLOSE, 0},
    {KEY(SDLK_i), 0, 0, KEYMAP_INDEX_TOGGLE, 0},
    {KEY(SDLK_l), 0, 0, KEYMAP_PICKER_OPEN, 0},
};

unsigned keymap_mods(unsigned sdl_mod)
{
    return ((sdl_mod & KMOD_CTRL) ? KEYMAP_MOD_CTRL : 0u) | ((sdl_mod & KMOD_SHIFT) ? KEYMAP_MOD_SHIFT : 0u);
}

keymap_hit_t keymap_lookup(SDL_Keycode key, unsigned mods, unsigned state)
{
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        const row_t *r = &rows[i];
        if (key < r->lo || key > r->hi || (state & r->need) != r->need || (mods & r->mods) != r->mods) continue;
        keymap_hit_t h = {r->action, r->arg + (r->lo == ANY_KEY_LO ? 0 : (int)(key - r->lo))};
        return h;
    }
    keymap_hit_t wake = {KEYMAP_WAKE, 0};
    return wake;
}
