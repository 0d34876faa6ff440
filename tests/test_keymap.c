/* The key map, as a visitor with a keyboard or a USB keypad and an operator meet it: each row a
 * key in a state and what it must do there. */
#include "testutil.h"
#include <SDL2/SDL_keyboard.h>
#include "annai/keymap.h"

#define K_ADMIN (KEYMAP_IN_ADMIN | KEYMAP_IN_PANEL)
#define K_OVERLAY (KEYMAP_IN_ADMIN | KEYMAP_IN_ADMIN_OPEN | KEYMAP_IN_PANEL)
#define K_PICKER (KEYMAP_IN_PICKER | KEYMAP_IN_PANEL)
#define K_PANEL KEYMAP_IN_PANEL
#define K_RING (KEYMAP_IN_RING | KEYMAP_IN_PANEL)
#define K_INDEX KEYMAP_IN_INDEX
#define K_INDEX_RING (KEYMAP_IN_INDEX | KEYMAP_IN_RING)
#define K_TALL (KEYMAP_IN_PANEL | KEYMAP_IN_SCROLLS | KEYMAP_IN_CAN_DOWN)             /* at its top */
#define K_TALL_MID (K_TALL | KEYMAP_IN_CAN_UP)                                        /* half way */
#define K_TALL_END (KEYMAP_IN_PANEL | KEYMAP_IN_SCROLLS | KEYMAP_IN_CAN_UP)           /* at its end */
#define CTRL KEYMAP_MOD_CTRL
#define SHIFT KEYMAP_MOD_SHIFT

typedef struct {
    const char *what;
    SDL_Keycode key;
    unsigned mods, state;
    keymap_action_t action;
    int arg;
} case_t;

static const case_t cases[] = {
    {"the admin door from a panel", SDLK_a, CTRL | SHIFT, K_PANEL, KEYMAP_ADMIN_DOOR, 0},
    {"the admin door from the picker", SDLK_a, CTRL | SHIFT, K_PICKER, KEYMAP_ADMIN_DOOR, 0},
    {"the admin door from the PIN pad", SDLK_a, CTRL | SHIFT, K_ADMIN, KEYMAP_ADMIN_DOOR, 0},
    {"Ctrl+A alone is no door", SDLK_a, CTRL, K_PANEL, KEYMAP_WAKE, 0},
    {"Shift+A alone is no door", SDLK_a, SHIFT, K_PANEL, KEYMAP_WAKE, 0},
    {"a PIN digit", SDLK_7, 0, K_ADMIN, KEYMAP_ADMIN_DIGIT, 7},
    {"a PIN digit 0", SDLK_0, 0, K_ADMIN, KEYMAP_ADMIN_DIGIT, 0},
    {"a PIN digit 9", SDLK_9, 0, K_ADMIN, KEYMAP_ADMIN_DIGIT, 9},
    {"a keypad digit", SDLK_KP_3, 0, K_ADMIN, KEYMAP_ADMIN_DIGIT, 3},
    {"keypad 1", SDLK_KP_1, 0, K_ADMIN, KEYMAP_ADMIN_DIGIT, 1},
    {"keypad 9", SDLK_KP_9, 0, K_ADMIN, KEYMAP_ADMIN_DIGIT, 9},
    {"keypad 0", SDLK_KP_0, 0, K_ADMIN, KEYMAP_ADMIN_DIGIT, 0},
    {"backspace on the pad", SDLK_BACKSPACE, 0, K_ADMIN, KEYMAP_ADMIN_BACK, 0},
    {"Enter submits the PIN", SDLK_RETURN, 0, K_ADMIN, KEYMAP_ADMIN_OK, 0},
    {"keypad Enter submits the PIN", SDLK_KP_ENTER, 0, K_ADMIN, KEYMAP_ADMIN_OK, 0},
    {"Escape closes the pad", SDLK_ESCAPE, 0, K_ADMIN, KEYMAP_ADMIN_CLOSE, 0},
    {"R reloads in the overlay", SDLK_r, 0, K_OVERLAY, KEYMAP_ADMIN_RELOAD, 0},
    {"R on the PIN pad does nothing", SDLK_r, 0, K_ADMIN, KEYMAP_NOTHING, 0},
    {"paging is off under the pad", SDLK_RIGHT, 0, K_ADMIN, KEYMAP_NOTHING, 0},
    {"the index is off under the pad", SDLK_i, 0, K_OVERLAY, KEYMAP_NOTHING, 0},
    {"picker: up", SDLK_UP, 0, K_PICKER, KEYMAP_PICKER_MOVE, -1},
    {"picker: left", SDLK_LEFT, 0, K_PICKER, KEYMAP_PICKER_MOVE, -1},
    {"picker: down", SDLK_DOWN, 0, K_PICKER, KEYMAP_PICKER_MOVE, 1},
    {"picker: right", SDLK_RIGHT, 0, K_PICKER, KEYMAP_PICKER_MOVE, 1},
    {"picker: Tab", SDLK_TAB, 0, K_PICKER, KEYMAP_PICKER_MOVE, 1},
    {"picker: Enter", SDLK_RETURN, 0, K_PICKER, KEYMAP_PICKER_PRESS, 0},
    {"picker: keypad Enter", SDLK_KP_ENTER, 0, K_PICKER, KEYMAP_PICKER_PRESS, 0},
    {"picker: Space", SDLK_SPACE, 0, K_PICKER, KEYMAP_PICKER_PRESS, 0},
    {"picker: 1 is the first language", SDLK_1, 0, K_PICKER, KEYMAP_PICKER_LANG, 0},
    {"picker: 6 is the sixth", SDLK_6, 0, K_PICKER, KEYMAP_PICKER_LANG, 5},
    {"picker: 9", SDLK_9, 0, K_PICKER, KEYMAP_PICKER_LANG, 8},
    {"picker: Escape", SDLK_ESCAPE, 0, K_PICKER, KEYMAP_PICKER_CLOSE, 0},
    {"picker: L again", SDLK_l, 0, K_PICKER, KEYMAP_PICKER_CLOSE, 0},
    {"picker: I opens the index", SDLK_i, 0, K_PICKER, KEYMAP_INDEX_TOGGLE, 0},
    {"1 on a panel is no language", SDLK_1, 0, K_PANEL, KEYMAP_WAKE, 0},
    {"Tab shows the ring", SDLK_TAB, 0, K_PANEL, KEYMAP_FOCUS_MOVE, 1},
    {"Shift+Tab goes back", SDLK_TAB, SHIFT, K_RING, KEYMAP_FOCUS_MOVE, -1},
    {"Enter presses the ring's control", SDLK_RETURN, 0, K_RING, KEYMAP_FOCUS_PRESS, 0},
    {"keypad Enter presses it", SDLK_KP_ENTER, 0, K_RING, KEYMAP_FOCUS_PRESS, 0},
    {"Space presses it", SDLK_SPACE, 0, K_RING, KEYMAP_FOCUS_PRESS, 0},
    {"Enter with no ring", SDLK_RETURN, 0, K_PANEL, KEYMAP_WAKE, 0},
    {"Space with no ring pages", SDLK_SPACE, 0, K_PANEL, KEYMAP_STEP, 1},
    {"left with the ring", SDLK_LEFT, 0, K_RING, KEYMAP_FOCUS_MOVE, -1},
    {"right with the ring", SDLK_RIGHT, 0, K_RING, KEYMAP_FOCUS_MOVE, 1},
    {"up in the index with the ring", SDLK_UP, 0, K_INDEX_RING, KEYMAP_FOCUS_MOVE, -1},
    {"down in the index with the ring", SDLK_DOWN, 0, K_INDEX_RING, KEYMAP_FOCUS_MOVE, 1},
    {"down in the index, no ring", SDLK_DOWN, 0, K_INDEX, KEYMAP_WAKE, 0},
    {"down on a short panel", SDLK_DOWN, 0, K_PANEL, KEYMAP_WAKE, 0},
    {"down on a tall panel scrolls", SDLK_DOWN, 0, K_TALL, KEYMAP_SCROLL, 1},
    {"up on a tall panel scrolls", SDLK_UP, 0, K_TALL_END, KEYMAP_SCROLL, -1},
    {"up at the top still scrolls (nothing moves)", SDLK_UP, 0, K_TALL, KEYMAP_SCROLL, -1},
    {"Page Down on a tall panel scrolls a page", SDLK_PAGEDOWN, 0, K_TALL, KEYMAP_SCROLL_PAGE, 1},
    {"Page Up half way scrolls a page", SDLK_PAGEUP, 0, K_TALL_MID, KEYMAP_SCROLL_PAGE, -1},
    {"Page Down at the end pages", SDLK_PAGEDOWN, 0, K_TALL_END, KEYMAP_STEP, 1},
    {"Page Up at the top pages", SDLK_PAGEUP, 0, K_TALL, KEYMAP_STEP, -1},
    {"right pages", SDLK_RIGHT, 0, K_PANEL, KEYMAP_STEP, 1},
    {"left pages back", SDLK_LEFT, 0, K_PANEL, KEYMAP_STEP, -1},
    {"Page Down pages", SDLK_PAGEDOWN, 0, K_PANEL, KEYMAP_STEP, 1},
    {"Page Up pages back", SDLK_PAGEUP, 0, K_PANEL, KEYMAP_STEP, -1},
    {"Ctrl+Right still pages", SDLK_RIGHT, CTRL, K_PANEL, KEYMAP_STEP, 1},
    {"Home", SDLK_HOME, 0, K_PANEL, KEYMAP_FIRST, 0},
    {"End", SDLK_END, 0, K_PANEL, KEYMAP_LAST, 0},
    {"Escape closes the index", SDLK_ESCAPE, 0, K_INDEX, KEYMAP_INDEX_CLOSE, 0},
    {"I toggles the index", SDLK_i, 0, K_PANEL, KEYMAP_INDEX_TOGGLE, 0},
    {"L opens the picker", SDLK_l, 0, K_PANEL, KEYMAP_PICKER_OPEN, 0},
    {"Ctrl+Q exits when allowed", SDLK_q, CTRL, K_PANEL | KEYMAP_IN_EXIT_OK, KEYMAP_EXIT, 0},
    {"Ctrl+Q is nothing when not", SDLK_q, CTRL, K_PANEL, KEYMAP_WAKE, 0},
    {"Q alone is nothing", SDLK_q, 0, K_PANEL | KEYMAP_IN_EXIT_OK, KEYMAP_WAKE, 0},
    {"any other key", SDLK_F5, 0, K_PANEL, KEYMAP_WAKE, 0},
};

static void test_each_key_in_each_state(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const case_t *c = &cases[i];
        keymap_hit_t h = keymap_lookup(c->key, c->mods, c->state);
        if (h.action != c->action || h.arg != c->arg) {
            fprintf(stderr, "%s: action %d arg %d, want %d %d\n", c->what, h.action, h.arg, c->action, c->arg);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void test_either_ctrl_or_shift_key_counts(void **state)
{
    (void)state;
    assert_int_equal(keymap_mods(KMOD_LCTRL), KEYMAP_MOD_CTRL);
    assert_int_equal(keymap_mods(KMOD_RCTRL), KEYMAP_MOD_CTRL);
    assert_int_equal(keymap_mods(KMOD_LSHIFT | KMOD_RCTRL), KEYMAP_MOD_CTRL | KEYMAP_MOD_SHIFT);
    assert_int_equal(keymap_mods(KMOD_RSHIFT), KEYMAP_MOD_SHIFT);
    assert_int_equal(keymap_mods(KMOD_ALT | KMOD_NUM), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_key_in_each_state),
        cmocka_unit_test(test_either_ctrl_or_shift_key_counts),
    };
    return cmocka_run_group_tests_name("keymap", tests, NULL, NULL);
}
