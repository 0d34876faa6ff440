/* keymap: keys and modifiers to actions, as a table (as st's handler table): one row a key (or
 * a run of keys, such as the digits), the states it works in, the modifiers it needs. The first
 * row that fits the state wins; a key no row takes wakes the app (or, in the admin overlay,
 * does nothing). Pure: the kiosk describes its state, keymap_lookup says what to do. */
#ifndef ANNAI_KEYMAP_H
#define ANNAI_KEYMAP_H

#include <SDL2/SDL_keycode.h>
#include <stdbool.h>

typedef enum {
    KEYMAP_NOTHING,       /* taken, nothing happens (the admin overlay ignores the key) */
    KEYMAP_WAKE,          /* not a control: the app only notes the visitor is there */
    KEYMAP_ADMIN_DOOR,    /* Ctrl+Shift+A: the admin overlay (the PIN pad when there is a PIN) */
    KEYMAP_ADMIN_DIGIT,   /* arg: the digit */
    KEYMAP_ADMIN_BACK,
    KEYMAP_ADMIN_OK,
    KEYMAP_ADMIN_CLOSE,
    KEYMAP_ADMIN_RELOAD,
    KEYMAP_PICKER_MOVE,   /* arg: -1 or +1 */
    KEYMAP_PICKER_PRESS,  /* the language with the picker's focus */
    KEYMAP_PICKER_LANG,   /* arg: the language's place (0-based); past the last: nothing */
    KEYMAP_PICKER_CLOSE,
    KEYMAP_FOCUS_MOVE,    /* arg: -1 or +1 */
    KEYMAP_FOCUS_PRESS,   /* what a tap on the control with the ring does */
    KEYMAP_SCROLL,        /* arg: -1 or +1 steps (an arrow) */
    KEYMAP_SCROLL_PAGE,   /* arg: -1 or +1 pages */
    KEYMAP_EXIT,          /* an allowed exit */
    KEYMAP_STEP,          /* arg: -1 or +1 panel */
    KEYMAP_FIRST,
    KEYMAP_LAST,
    KEYMAP_INDEX_CLOSE,
    KEYMAP_INDEX_TOGGLE,
    KEYMAP_PICKER_OPEN,
} keymap_action_t;

/* The state a key arrives in (KEYMAP_IN_*), as bits. */
enum {
    KEYMAP_IN_ADMIN = 1 << 0,      /* the PIN pad or the overlay is open */
    KEYMAP_IN_ADMIN_OPEN = 1 << 1, /* the overlay itself (past the PIN) */
    KEYMAP_IN_PICKER = 1 << 2,     /* the language picker is open */
    KEYMAP_IN_RING = 1 << 3,       /* the keyboard focus ring is shown */
    KEYMAP_IN_INDEX = 1 << 4,      /* the index is open */
    KEYMAP_IN_PANEL = 1 << 5,      /* no index: a panel is on screen */
    KEYMAP_IN_SCROLLS = 1 << 6,    /* the panel is taller than the screen */
    KEYMAP_IN_CAN_UP = 1 << 7,     /* ... and is not at its top */
    KEYMAP_IN_CAN_DOWN = 1 << 8,   /* ... and is not at its end */
    KEYMAP_IN_EXIT_OK = 1 << 9,    /* the operator allows an exit */
};

/* Modifier groups a row needs (either side's key counts). */
enum { KEYMAP_MOD_CTRL = 1, KEYMAP_MOD_SHIFT = 2 };

typedef struct {
    keymap_action_t action;
    int arg;
} keymap_hit_t;

/* SDL's modifier state as KEYMAP_MOD_* bits. */
unsigned keymap_mods(unsigned sdl_mod);
/* What key with mods (KEYMAP_MOD_*) does in state (KEYMAP_IN_* bits). */
keymap_hit_t keymap_lookup(SDL_Keycode key, unsigned mods, unsigned state);

#endif
