/* The touch targets a visitor and an operator meet, on every screen shape: each one inside the
 * screen, none overlapping another, a tap on one hitting that one and nothing else. */
#include "testutil.h"
#include "annai/ui.h"

static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {1280, 720}, {800, 480}, {480, 800}, {1024, 600}, {3840, 2160}};
#define NSIZES ((int)(sizeof sizes / sizeof *sizes))

static bool overlap(rectf_t a, rectf_t b)
{
    const float e = 0.01f; /* rectangles that only touch do not overlap */
    return a.x + e < b.x + b.w && b.x + e < a.x + a.w && a.y + e < b.y + b.h && b.y + e < a.y + a.h;
}

static bool within(rectf_t in, rectf_t out)
{
    const float e = 0.01f;
    return in.x >= out.x - e && in.y >= out.y - e && in.x + in.w <= out.x + out.w + e && in.y + in.h <= out.y + out.h + e;
}

static float cx(rectf_t r) { return r.x + r.w / 2; }
static float cy(rectf_t r) { return r.y + r.h / 2; }

/* n targets: each on the screen (inside `area`), at least min_side on each side, none overlapping. */
static void check_targets(const char *what, int w, int h, const rectf_t *r, const char *const *names, int n, rectf_t area,
                          float min_side)
{
    for (int i = 0; i < n; i++) {
        if (!within(r[i], area))
            fail_msg("%dx%d %s: '%s' (%.0f,%.0f %.0fx%.0f) is not inside (%.0f,%.0f %.0fx%.0f)", w, h, what, names[i], r[i].x,
                     r[i].y, r[i].w, r[i].h, area.x, area.y, area.w, area.h);
        if (r[i].w < min_side || r[i].h < min_side)
            fail_msg("%dx%d %s: '%s' is %.0fx%.0f px, smaller than a finger (%.0f)", w, h, what, names[i], r[i].w, r[i].h, min_side);
        for (int j = 0; j < i; j++)
            if (overlap(r[i], r[j])) fail_msg("%dx%d %s: '%s' overlaps '%s'", w, h, what, names[i], names[j]);
    }
}

static void test_chrome_targets(void **state)
{
    (void)state;
    static const int counts[] = {1, 2, 5, 11, 24, 25, 40};
    for (int s = 0; s < NSIZES; s++)
        for (size_t k = 0; k < sizeof counts / sizeof *counts; k++) {
            int w = sizes[s][0], h = sizes[s][1], n = counts[k];
            ui_chrome_t c;
            ui_chrome_geometry(&c, w, h, n);
            rectf_t screen = {0, 0, (float)w, (float)h};
            /* the bar spans the screen's width along its bottom edge */
            assert_true(fabsf(c.bar.x) < 0.01f && fabsf(c.bar.w - (float)w) < 0.01f && fabsf(c.bar.y + c.bar.h - (float)h) < 0.01f);
            assert_true(c.bar.h > 0 && c.bar.h < (float)h / 4);
            rectf_t r[4 + UI_MAX_DOTS] = {c.prev, c.next, c.index, c.lang};
            const char *names[4 + UI_MAX_DOTS] = {"previous", "next", "index", "language"};
            int hits[4 + UI_MAX_DOTS] = {UI_HIT_PREV, UI_HIT_NEXT, UI_HIT_INDEX, UI_HIT_LANG};
            check_targets("chrome", w, h, r, names, 4, c.bar, c.target * 0.99f);
            assert_true(within(c.bar, screen));
            /* previous at the left edge, next at the right, index and language between them */
            assert_true(c.prev.x < c.index.x && c.index.x < c.lang.x && c.lang.x < c.next.x);
            /* the dots: every panel one, or none (then "3 / 40" is written instead) */
            if (n > UI_MAX_DOTS) assert_int_equal(c.ndots, 0);
            /* a few panels: one dot each on a landscape screen (a portrait bar holds five buttons
             * and the position as "3 / 5", checked in test_chrome_drawn) */
            if (n <= 5 && w > h) assert_int_equal(c.ndots, n);
            assert_true(c.ndots == 0 || c.ndots == n);
            for (int i = 0; i < c.ndots; i++) {
                r[4 + i] = c.dots[i];
                names[4 + i] = "dot";
                hits[4 + i] = i;
                if (i) assert_true(c.dots[i].x > c.dots[i - 1].x); /* in the deck's order, left to right */
            }
            int m = 4 + c.ndots;
            for (int i = 4; i < m; i++) {
                if (!within(r[i], c.bar)) fail_msg("%dx%d, %d panels: dot %d outside the bar", w, h, n, i - 4);
                for (int j = 0; j < 4; j++)
                    if (overlap(r[i], r[j])) fail_msg("%dx%d, %d panels: dot %d overlaps '%s'", w, h, n, i - 4, names[j]);
                for (int j = 4; j < i; j++)
                    if (overlap(r[i], r[j])) fail_msg("%dx%d, %d panels: dots %d and %d overlap", w, h, n, i - 4, j - 4);
            }
            if (c.ndots) { /* the row of dots centred between the accessibility and language buttons */
                float left = c.dots[0].x - (c.access.x + c.access.w), right = c.lang.x - (c.dots[c.ndots - 1].x + c.dots[c.ndots - 1].w);
                if (fabsf(left - right) > 1) fail_msg("%dx%d, %d panels: dots off-centre (%.0f px left, %.0f right)", w, h, n, left, right);
            }
            /* a tap in the middle of each target hits that target, and so does one anywhere on a
             * button as drawn (its corners) */
            for (int i = 0; i < m; i++) {
                if (ui_chrome_hit(&c, cx(r[i]), cy(r[i])) != hits[i])
                    fail_msg("%dx%d, %d panels: a tap on '%s' hits %d", w, h, n, names[i], ui_chrome_hit(&c, cx(r[i]), cy(r[i])));
                for (int q = 0; i < 4 && q < 4; q++) {
                    float x = q & 1 ? r[i].x + r[i].w - 1 : r[i].x + 1, y = q & 2 ? r[i].y + r[i].h - 1 : r[i].y + 1;
                    if (ui_chrome_hit(&c, x, y) != hits[i]) fail_msg("%dx%d: a tap at a corner of '%s' (%.0f,%.0f) is missed", w, h, names[i], x, y);
                }
            }
            /* the panel above the bar answers no tap */
            for (float y = 0; y < c.bar.y - c.target * 0.5f; y += (float)h / 13)
                for (float x = 0; x < (float)w; x += (float)w / 17)
                    if (ui_chrome_hit(&c, x, y) != UI_HIT_NONE) fail_msg("%dx%d: a tap on the panel at %.0f,%.0f hits the chrome", w, h, x, y);
        }
}

static void test_index_targets(void **state)
{
    (void)state;
    static const int counts[] = {1, 3, 11, 30, UI_MAX_INDEX, 200};
    for (int s = 0; s < NSIZES; s++)
        for (size_t k = 0; k < sizeof counts / sizeof *counts; k++) {
            int w = sizes[s][0], h = sizes[s][1], n = counts[k];
            ui_index_t ix;
            ui_index_geometry(&ix, w, h, n);
            rectf_t screen = {0, 0, (float)w, (float)h};
            int shown = ix.n;
            assert_true(shown >= 1 && shown <= n && shown <= UI_MAX_INDEX);
            if (n <= 11) assert_int_equal(shown, n); /* a museum's deck fits whole */
            rectf_t r[UI_MAX_INDEX + 1];
            const char *names[UI_MAX_INDEX + 1];
            char buf[UI_MAX_INDEX][8];
            r[0] = ix.close;
            names[0] = "close";
            for (int i = 0; i < shown; i++) {
                snprintf(buf[i], sizeof buf[i], "%d", i + 1);
                r[i + 1] = ix.entries[i];
                names[i + 1] = buf[i];
            }
            ui_chrome_t c;
            ui_chrome_geometry(&c, w, h, n);
            check_targets("index", w, h, r, names, shown + 1, screen, c.target * 0.89f);
            for (int i = 0; i < shown; i++) {
                assert_true(ix.entries[i].y >= ix.close.y + ix.close.h); /* below the heading row */
                int hit = ui_index_hit(&ix, cx(ix.entries[i]), cy(ix.entries[i]));
                if (hit != i) fail_msg("%dx%d, %d panels: a tap on entry %d hits %d", w, h, n, i + 1, hit);
                /* reading order: down a column, then the next column to the right */
                if (i && ix.entries[i].x == ix.entries[i - 1].x) assert_true(ix.entries[i].y > ix.entries[i - 1].y);
                if (i && ix.entries[i].x != ix.entries[i - 1].x) assert_true(ix.entries[i].x > ix.entries[i - 1].x);
            }
            /* the entries stand centred: as far from the left edge as the last column from the right */
            float right = 0;
            for (int i = 0; i < shown; i++) right = fmaxf(right, ix.entries[i].x + ix.entries[i].w);
            bool full = w < h || ix.entries[shown - 1].x != ix.entries[0].x; /* every column in use */
            if (full && fabsf(ix.entries[0].x - ((float)w - right)) > 1)
                fail_msg("%dx%d: the index is off-centre (%.0f px left, %.0f right)", w, h, ix.entries[0].x, (float)w - right);
            assert_int_equal(ui_index_hit(&ix, cx(ix.close), cy(ix.close)), UI_HIT_CLOSE);
            assert_int_equal(ui_index_hit(&ix, 1, (float)h - 1), UI_HIT_NONE);
        }
}

static void test_admin_targets(void **state)
{
    (void)state;
    static const char *const keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "back", "0", "OK"};
    static const int want[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, UI_AHIT_BACK, 0, UI_AHIT_OK};
    for (int s = 0; s < NSIZES; s++)
        for (int can_exit = 0; can_exit < 2; can_exit++) {
            int w = sizes[s][0], h = sizes[s][1];
            ui_admin_t a;
            ui_admin_geometry(&a, w, h, can_exit);
            rectf_t screen = {0, 0, (float)w, (float)h};
            ui_chrome_t c;
            ui_chrome_geometry(&c, w, h, 1);
            /* the PIN pad: twelve keys and the close button */
            rectf_t r[13];
            const char *names[13];
            for (int i = 0; i < 12; i++) { r[i] = a.keys[i]; names[i] = keys[i]; }
            r[12] = a.close;
            names[12] = "close";
            check_targets("PIN pad", w, h, r, names, 13, screen, c.target);
            for (int i = 0; i < 12; i++) {
                assert_true(within(a.keys[i], a.pad));
                assert_false(overlap(a.keys[i], a.display));
                int hit = ui_admin_hit(&a, ADMIN_PIN, cx(a.keys[i]), cy(a.keys[i]));
                if (hit != want[i]) fail_msg("%dx%d: a tap on key '%s' gives %d", w, h, keys[i], hit);
                if (i % 3) assert_true(a.keys[i].x > a.keys[i - 1].x); /* 1 2 3 across, as on a phone */
                if (i >= 3) assert_true(a.keys[i].y > a.keys[i - 3].y);
            }
            assert_true(within(a.pad, screen) && within(a.display, screen));
            /* centred on the screen */
            assert_true(fabsf(cx(a.pad) - (float)w / 2) < 1 && fabsf(cy(a.pad) - (float)h / 2) < 1);
            assert_int_equal(ui_admin_hit(&a, ADMIN_PIN, cx(a.close), cy(a.close)), UI_AHIT_CLOSE);
            assert_int_equal(ui_admin_hit(&a, ADMIN_PIN, cx(a.display), cy(a.display)), UI_AHIT_NONE);
            assert_int_equal(ui_admin_hit(&a, ADMIN_PIN, cx(a.reload), cy(a.reload)), UI_AHIT_NONE); /* not yet */
            /* the overlay: close, reload, exit when allowed, the information between */
            rectf_t o[3] = {a.close, a.reload, a.exit};
            const char *on[3] = {"close", "reload", "exit"};
            check_targets("admin", w, h, o, on, can_exit ? 3 : 2, screen, c.target);
            assert_true(within(a.info, screen));
            for (int i = 0; i < (can_exit ? 3 : 2); i++)
                if (overlap(o[i], a.info)) fail_msg("%dx%d: '%s' lies over the information", w, h, on[i]);
            assert_int_equal(ui_admin_hit(&a, ADMIN_OPEN, cx(a.close), cy(a.close)), UI_AHIT_CLOSE);
            assert_int_equal(ui_admin_hit(&a, ADMIN_OPEN, cx(a.reload), cy(a.reload)), UI_AHIT_RELOAD);
            float ex = a.reload.x + a.reload.w * 1.5f + 1; /* where the exit button is when allowed */
            assert_int_equal(ui_admin_hit(&a, ADMIN_OPEN, can_exit ? cx(a.exit) : ex, cy(a.reload)), can_exit ? UI_AHIT_EXIT : UI_AHIT_NONE);
            assert_int_equal(ui_admin_hit(&a, ADMIN_OPEN, cx(a.info), cy(a.info)), UI_AHIT_NONE);
            assert_int_equal(ui_admin_hit(&a, ADMIN_CLOSED, cx(a.reload), cy(a.reload)), UI_AHIT_NONE);
        }
}

/* The admin door is a long press in a top corner: both top corners open it, nowhere else does
 * (not the previous/next buttons at the bottom, not the middle of a panel). */
static void test_admin_corners(void **state)
{
    (void)state;
    for (int s = 0; s < NSIZES; s++) {
        int w = sizes[s][0], h = sizes[s][1];
        ui_chrome_t c;
        ui_chrome_geometry(&c, w, h, 5);
        assert_true(ui_admin_corner(w, h, 2, 2));
        assert_true(ui_admin_corner(w, h, (float)w - 3, 2));
        assert_true(ui_admin_corner(w, h, c.target, c.target)); /* a whole target square */
        assert_true(ui_admin_corner(w, h, (float)w - c.target, c.target));
        assert_false(ui_admin_corner(w, h, (float)w / 2, 2));
        assert_false(ui_admin_corner(w, h, 2, (float)h / 2));
        assert_false(ui_admin_corner(w, h, (float)w - 3, (float)h / 2));
        assert_false(ui_admin_corner(w, h, cx(c.prev), cy(c.prev)));
        assert_false(ui_admin_corner(w, h, cx(c.next), cy(c.next)));
        assert_false(ui_admin_corner(w, h, c.target * 2, 2)); /* not a strip along the top */
        assert_false(ui_admin_corner(w, h, 2, c.target * 2));
    }
}

/* The line of a display list whose text is `text`, or NULL. */
static const dl_line_t *line_of(const dlist_t *dl, const char *text)
{
    for (int i = 0; i < dl->nlines; i++)
        if (!strcmp(dl->lines[i].text, text)) return &dl->lines[i];
    return NULL;
}

static void expect_label_in(const dlist_t *dl, const char *text, rectf_t r, int w, int h)
{
    const dl_line_t *l = line_of(dl, text);
    if (!l) fail_msg("%dx%d: '%s' is not drawn", w, h, text);
    if (!within(l->r, r)) fail_msg("%dx%d: '%s' (%.0f,%.0f %.0fx%.0f) is not inside its place (%.0f,%.0f %.0fx%.0f)", w, h, text,
                                   l->r.x, l->r.y, l->r.w, l->r.h, r.x, r.y, r.w, r.h);
}

/* What the chrome shows: the buttons' words in the visitor's language on their buttons, one dot
 * a panel with the current one marked, or "3 / 40" between the buttons; in attract mode the
 * invitation to touch, in the visitor's language. */
static void test_chrome_drawn(void **state)
{
    (void)state;
    for (int s = 0; s < NSIZES; s++)
        for (int n = 5; n <= 40; n += 35)
            for (int l = 0; l < 2; l++) /* ja, en (the other languages' words: test_lang) */
                for (int hint = 0; hint < 2; hint++) {
                    const lang_info_t *li = lang_known(l ? "en" : "ja");
                    int w = sizes[s][0], h = sizes[s][1], cur = 2;
                    ui_chrome_t c;
                    ui_chrome_geometry(&c, w, h, n);
                    dlist_t dl = {0};
                    ui_chrome_build(&dl, &tu_m, w, h, n, cur, li, true, hint);
                    expect_label_in(&dl, li->ui[LANG_UI_INDEX], c.index, w, h);
                    /* "言語 Language", or on a narrow portrait button its own word, "言語" */
                    char own[64];
                    snprintf(own, sizeof own, "%.*s", (int)strcspn(li->ui[LANG_UI_LANGUAGE], " "), li->ui[LANG_UI_LANGUAGE]);
                    expect_label_in(&dl, line_of(&dl, li->ui[LANG_UI_LANGUAGE]) ? li->ui[LANG_UI_LANGUAGE] : own, c.lang, w, h);
                    rectf_t between = {c.index.x + c.index.w, c.bar.y, c.lang.x - c.index.x - c.index.w, c.bar.h};
                    /* the invitation whole, in the long or the short wording, never cut */
                    const lang_info_t *ja = lang_known("ja"), *en = lang_known("en");
                    const char *invite[2][2] = {{ja->ui[LANG_UI_HINT], ja->ui[LANG_UI_HINT_SHORT]}, {en->ui[LANG_UI_HINT], en->ui[LANG_UI_HINT_SHORT]}};
                    int said = 0;
                    for (int k = 0; k < 4; k++) {
                        const char *text = invite[k / 2][k % 2];
                        if (!line_of(&dl, text)) continue;
                        if (!hint || k / 2 != l) fail_msg("%dx%d: '%s' shown (hint %d, lang %d)", w, h, text, hint, l);
                        expect_label_in(&dl, text, between, w, h);
                        /* legible at arm's length where it is shown: 12 px at least (480x800 set it 7 px high) */
                        if (line_of(&dl, text)->px < 12)
                            fail_msg("%dx%d: the invitation is set %d px high", w, h, line_of(&dl, text)->px);
                        said++;
                    }
                    /* shown in attract mode wherever the bar has room for it legibly: all but 480x800 */
                    if (said != (w == 480 ? 0 : hint)) fail_msg("%dx%d, %d panels, %s: %d invitations", w, h, n, l ? "en" : "ja", said);
                    if (hint && w >= 1280 && w > h) assert_non_null(line_of(&dl, invite[l][0])); /* room for the whole sentence */
                    /* every button shows its border on all four sides: a white face inset in the accent */
                    rectf_t btn[4] = {c.prev, c.next, c.index, c.lang};
                    for (int b = 0; b < 4; b++) {
                        bool framed = false;
                        for (int i = 0; i < dl.nitems; i++) {
                            rectf_t f = dl.items[i].r;
                            if (dl.items[i].kind != LAYOUT_DL_RECT || dl.items[i].color != 0xFFFFFFFFu) continue;
                            framed |= f.x >= btn[b].x + 1.5f && f.y >= btn[b].y + 1.5f && f.x + f.w <= btn[b].x + btn[b].w - 1.5f &&
                                      f.y + f.h <= btn[b].y + btn[b].h - 1.5f && f.w > btn[b].w * 0.7f && f.h > btn[b].h * 0.7f;
                        }
                        if (!framed) fail_msg("%dx%d: button %d has no border on some side", w, h, b);
                    }
                    assert_int_equal(dl.nlines, 5 + said + !c.ndots); /* ◀ ▶ index, easy view, language: nothing cut into a second line */
                    /* one mark in each dot's place: the others dots, the current one a wide bar
                     * (told apart by shape and size, not colour alone) */
                    const dl_item_t *mark[UI_MAX_DOTS] = {0};
                    for (int i = 0; i < dl.nitems; i++) {
                        const dl_item_t *it = &dl.items[i];
                        if (it->kind != LAYOUT_DL_DISC && it->kind != LAYOUT_DL_RECT) continue;
                        for (int d = 0; d < c.ndots; d++) {
                            if (!within(it->r, c.dots[d]) || it->r.h >= c.target * 0.5f) continue;
                            if (mark[d]) fail_msg("%dx%d: two marks for dot %d", w, h, d);
                            mark[d] = it;
                        }
                        if (it->kind == LAYOUT_DL_DISC && c.ndots && it->r.y > c.bar.y) {
                            bool placed = false;
                            for (int d = 0; d < c.ndots; d++) placed |= within(it->r, c.dots[d]);
                            if (!placed) fail_msg("%dx%d: a dot drawn outside its place", w, h);
                        }
                    }
                    for (int d = 0; d < c.ndots; d++) {
                        if (!mark[d]) fail_msg("%dx%d: dot %d not drawn", w, h, d);
                        if (d == cur) continue;
                        if (mark[d]->kind != LAYOUT_DL_DISC || mark[d]->color == mark[cur]->color || mark[d]->r.w >= mark[cur]->r.w)
                            fail_msg("%dx%d: dot %d looks like the current panel's (%d)", w, h, d, cur);
                    }
                    if (c.ndots && !(mark[cur]->r.w > mark[cur]->r.h * 1.5f))
                        fail_msg("%dx%d: the current panel's mark is not a bar", w, h);
                    if (!c.ndots) {
                        char pos[32];
                        snprintf(pos, sizeof pos, "%d / %d", cur + 1, n);
                        expect_label_in(&dl, pos, between, w, h);
                    }
                    layout_dlist_free(&dl);
                }
}

/* The index: each entry shows its number and its title on its own button, the title after the
 * number; the current panel's entry stands out in the accent colour, the others are white. */
static void test_index_drawn(void **state)
{
    (void)state;
    static const char *titles[] = {"はじめに", "地域イノベーション戦略支援プログラム（グローバル型・都市エリア型）", "Regional Innovation", "目標"};
    for (int s = 0; s < NSIZES; s++) {
        int w = sizes[s][0], h = sizes[s][1], cur = 1;
        ui_index_t ix;
        ui_index_geometry(&ix, w, h, 4);
        dlist_t dl = {0};
        const metrics_t *tm[] = {&tu_m, &tu_m, &tu_m, &tu_m};
        ui_index_build(&dl, &tu_m, w, h, titles, tm, 4, cur, lang_known("ja"));
        expect_label_in(&dl, "閉じる", ix.close, w, h);
        for (int i = 0; i < 4; i++) {
            char num[8];
            snprintf(num, sizeof num, "%d", i + 1);
            expect_label_in(&dl, num, ix.entries[i], w, h);
            const dl_line_t *nl = line_of(&dl, num), *tl = NULL;
            for (int k = 0; k < dl.nlines; k++)
                if (!strncmp(dl.lines[k].text, titles[i], 6)) tl = &dl.lines[k];
            if (!tl) fail_msg("%dx%d: the title of entry %d is not drawn", w, h, i + 1);
            if (!within(tl->r, ix.entries[i])) fail_msg("%dx%d: the title '%s' leaves its entry", w, h, tl->text);
            if (tl->r.x < nl->r.x + nl->r.w) fail_msg("%dx%d: the title '%s' runs over its number", w, h, tl->text);
            /* a space between them as wide as half the number's height: "1 はじめに", not "1はじめに" */
            if (tl->r.x - (nl->r.x + nl->r.w) < nl->px * 0.5f)
                fail_msg("%dx%d: the title '%s' starts %.0f px after its number", w, h, tl->text, tl->r.x - (nl->r.x + nl->r.w));
            uint32_t fill = 0;
            for (int k = 0; k < dl.nitems; k++)
                if (dl.items[k].kind == LAYOUT_DL_RECT && !memcmp(&dl.items[k].r, &ix.entries[i], sizeof(rectf_t))) fill = dl.items[k].color;
            if ((i == cur) != (fill != 0xFFFFFFFFu)) fail_msg("%dx%d: entry %d drawn %08X", w, h, i + 1, fill);
        }
        layout_dlist_free(&dl);
    }
}

/* The PIN pad shows its twelve keys, each label on its key, and what was typed as dots. */
static void test_pin_pad_drawn(void **state)
{
    (void)state;
    static const char *const keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "←", "0", "OK"};
    for (int s = 0; s < NSIZES; s++) {
        int w = sizes[s][0], h = sizes[s][1];
        ui_admin_t a;
        ui_admin_geometry(&a, w, h, false);
        admin_t adm = {.state = ADMIN_PIN};
        dlist_t dl = {0};
        ui_admin_build(&dl, &tu_m, w, h, &adm, NULL, 0, false, lang_known("ja"));
        for (int i = 0; i < 12; i++) expect_label_in(&dl, keys[i], a.keys[i], w, h);
        expect_label_in(&dl, "PIN", a.display, w, h);
        assert_int_equal(dl.nlines, 14); /* the keys, the display and the close button: nothing else */
        admin_digit(&adm, 4, 0);
        admin_digit(&adm, 2, 0);
        ui_admin_build(&dl, &tu_m, w, h, &adm, NULL, 0, false, lang_known("ja"));
        expect_label_in(&dl, "●●", a.display, w, h);
        assert_null(line_of(&dl, "42"));
        layout_dlist_free(&dl);
    }
}

/* The admin overlay's information stays in its box, over nothing else, however much there is. */
static void test_admin_info_fits(void **state)
{
    (void)state;
    const char *info[UI_ADMIN_INFO];
    for (int i = 0; i < UI_ADMIN_INFO; i++)
        info[i] = "content/07-system.md:12: unknown key 'layuot' (a long line of an operator's problem report to wrap)";
    for (int s = 0; s < NSIZES; s++) {
        int w = sizes[s][0], h = sizes[s][1];
        ui_admin_t a;
        ui_admin_geometry(&a, w, h, true);
        admin_t adm = {.state = ADMIN_OPEN};
        dlist_t dl = {0};
        ui_admin_build(&dl, &tu_m, w, h, &adm, info, UI_ADMIN_INFO, true, lang_known("ja"));
        int shown = 0;
        for (int i = 0; i < dl.nlines; i++) {
            const dl_line_t *l = &dl.lines[i];
            if (strncmp(l->text, "content/", 8)) continue;
            shown++;
            if (!within(l->r, a.info)) fail_msg("%dx%d: an information line (%.0f,%.0f %.0fx%.0f) leaves its box", w, h, l->r.x, l->r.y, l->r.w, l->r.h);
            if (overlap(l->r, a.reload) || overlap(l->r, a.exit) || overlap(l->r, a.close)) fail_msg("%dx%d: information over a button", w, h);
        }
        assert_true(shown >= 1);
        layout_dlist_free(&dl);
    }
}


/* The 見やすく button and its tray: the button in the bar beside the index button, over no other
 * control; the tray's four buttons above the bar, each inside the tray and the screen, none over
 * another, in reading order (one row on a landscape screen, two rows of two on a portrait one),
 * the tray's own margin the same above and below them; a tap on each hits it while the tray is
 * open and offers it, and a tap where nothing is (the "3 / 40" between the buttons) hits nothing. */
static void test_tray_targets(void **state)
{
    (void)state;
    for (int s = 0; s < NSIZES; s++)
        for (int n = 5; n <= 40; n += 35) {
            int w = sizes[s][0], h = sizes[s][1];
            ui_chrome_t c;
            ui_chrome_geometry(&c, w, h, n);
            rectf_t screen = {0, 0, (float)w, (float)h};
            rectf_t bar[5] = {c.prev, c.index, c.access, c.lang, c.next};
            const char *bn[5] = {"previous", "index", "easy view", "language", "next"};
            check_targets("bar", w, h, bar, bn, 5, c.bar, c.target * 0.99f);
            for (int i = 1; i < 5; i++) assert_true(bar[i].x > bar[i - 1].x); /* ◀ 目次 見やすく … 言語 ▶ */
            for (int d = 0; d < c.ndots; d++)
                if (overlap(c.dots[d], c.access)) fail_msg("%dx%d: dot %d lies on the easy-view button", w, h, d);
            if (!c.ndots) { /* a tap on the position text, between the buttons, does nothing */
                float x = (c.access.x + c.access.w + c.lang.x) / 2;
                assert_int_equal(ui_chrome_hit(&c, x, cy(c.prev)), UI_HIT_NONE);
            }
            ui_chrome_set_tray(&c, true, true, true);
            assert_true(within(c.tray, screen));
            assert_true(c.tray.y + c.tray.h <= c.bar.y + 0.01f); /* above the bar, the bar's buttons still visible */
            rectf_t t[4] = {c.furigana, c.large, c.contrast, c.speaker};
            const char *tn[4] = {"furigana", "larger text", "contrast", "listen"};
            int ids[4] = {UI_HIT_FURIGANA, UI_HIT_LARGE, UI_HIT_CONTRAST, UI_HIT_SPEAKER};
            check_targets("tray", w, h, t, tn, 4, c.tray, c.target * 0.99f);
            float top = 1e9f, bottom = 0;
            for (int i = 0; i < 4; i++) {
                top = fminf(top, t[i].y);
                bottom = fmaxf(bottom, t[i].y + t[i].h);
                if (ui_chrome_hit(&c, cx(t[i]), cy(t[i])) != ids[i]) fail_msg("%dx%d: a tap on '%s' is missed", w, h, tn[i]);
            }
            if (fabsf((top - c.tray.y) - (c.tray.y + c.tray.h - bottom)) > 0.5f || top - c.tray.y < 1)
                fail_msg("%dx%d: the tray's buttons are not set in its middle (%.0f px above, %.0f below)", w, h, top - c.tray.y,
                         c.tray.y + c.tray.h - bottom);
            bool land = w >= h;
            for (int i = 1; i < 4; i++) {
                bool new_row = !land && i == 2;
                if (new_row) assert_true(t[i].y > t[i - 1].y && t[i].x < t[i - 1].x);
                else assert_true(t[i].x > t[i - 1].x && t[i].y == t[i - 1].y);
            }
            /* a deck without readings, a panel without narration: those places answer no tap */
            ui_chrome_set_tray(&c, true, false, false);
            assert_int_equal(ui_chrome_hit(&c, cx(c.furigana), cy(c.furigana)), UI_HIT_NONE);
            assert_int_equal(ui_chrome_hit(&c, cx(c.speaker), cy(c.speaker)), UI_HIT_NONE);
            assert_int_equal(ui_chrome_hit(&c, cx(c.large), cy(c.large)), UI_HIT_LARGE);
            ui_chrome_set_tray(&c, false, true, true); /* closed: the panel is there again */
            for (int i = 0; i < 4; i++) assert_int_equal(ui_chrome_hit(&c, cx(t[i]), cy(t[i])), UI_HIT_NONE);
        }
}

/* Tab with the easy-view tray shut walks only what is on screen: a hidden tray button taking
 * the focus would leave a keyboard user's ring on nothing and Enter switching a mode unseen. */
static void test_closed_tray_out_of_tab_order(void **state)
{
    (void)state;
    for (int s = 0; s < NSIZES; s++) {
        ui_chrome_t c;
        ui_chrome_geometry(&c, sizes[s][0], sizes[s][1], 5);
        ui_chrome_set_tray(&c, false, true, true);
        int ids[UI_MAX_FOCUS], n = ui_chrome_focus_order(&c, ids);
        assert_int_equal(n, 5 + c.ndots); /* ◀ 目次 見やすく, every dot, 言語 ▶ */
        for (int i = 0; i < n; i++)
            if (ids[i] == UI_HIT_FURIGANA || ids[i] == UI_HIT_LARGE || ids[i] == UI_HIT_CONTRAST || ids[i] == UI_HIT_SPEAKER)
                fail_msg("%dx%d: Tab stop %d is the shut tray's button %d", sizes[s][0], sizes[s][1], i, ids[i]);
    }
}

static const uint32_t *focus_colour(bool contrast)
{
    return &palette_get(contrast ? PALETTE_HIGH_CONTRAST : PALETTE_NORMAL)->focus;
}

/* The keys' focus ring: drawn round the focused control on all four sides, clear of it, and
 * only round a control (no ring for "no control"); for every control in the Tab order. */
static void check_ring(const dlist_t *dl, uint32_t colour, rectf_t r, int w, int h, const char *what)
{
    bool above = false, below = false, left = false, right = false;
    int parts = 0;
    for (int i = dl->nitems - 4; i < dl->nitems; i++) { /* drawn last, over everything */
        const dl_item_t *it = &dl->items[i];
        if (it->kind != LAYOUT_DL_RECT || it->color != colour) fail_msg("%dx%d: no focus ring drawn round '%s'", w, h, what);
        parts++;
        rectf_t f = it->r;
        if (overlap(f, r)) fail_msg("%dx%d: the focus ring lies on '%s'", w, h, what);
        bool spans_x = f.x < r.x && f.x + f.w > r.x + r.w, spans_y = f.y < r.y && f.y + f.h > r.y + r.h;
        above |= spans_x && f.y + f.h <= r.y && f.y + f.h > r.y - r.h * 0.5f;
        below |= spans_x && f.y >= r.y + r.h && f.y < r.y + r.h * 1.5f;
        left |= spans_y && f.x + f.w <= r.x && f.x + f.w > r.x - r.w * 0.5f;
        right |= spans_y && f.x >= r.x + r.w && f.x < r.x + r.w * 1.5f;
    }
    if (!(above && below && left && right))
        fail_msg("%dx%d: the ring round '%s' is open (above %d below %d left %d right %d, %d parts)", w, h, what, above, below, left,
                 right, parts);
}

static void test_focus_ring(void **state)
{
    (void)state;
    for (int s = 0; s < NSIZES; s++)
        for (int contrast = 0; contrast < 2; contrast++) {
            int w = sizes[s][0], h = sizes[s][1];
            ui_chrome_t c;
            ui_chrome_geometry(&c, w, h, 5);
            ui_chrome_set_tray(&c, true, true, true);
            int ids[UI_MAX_FOCUS], n = ui_chrome_focus_order(&c, ids);
            assert_int_equal(n, 9 + c.ndots); /* ◀ 目次 見やすく, the tray's four, every dot, 言語 ▶ */
            for (int i = 0; i < n; i++) {
                ui_view_t v = {.current = 0, .focus = ids[i], .focus_shown = true, .contrast = contrast != 0, .picker = true};
                dlist_t dl = {0};
                ui_chrome_draw(&dl, &tu_m, w, h, &c, 5, &v);
                char what[16];
                snprintf(what, sizeof what, "control %d", ids[i]);
                check_ring(&dl, *focus_colour(contrast), ui_chrome_rect(&c, ids[i]), w, h, what);
                layout_dlist_free(&dl);
            }
            for (int id = UI_HIT_NONE; id >= UI_HIT_SPEAKER; id--) /* every control has its place, "none" has none */
                assert_true((ui_chrome_rect(&c, id).w > 0) == (id != UI_HIT_NONE && id != UI_HIT_CLOSE));
            assert_true(ui_chrome_rect(&c, c.ndots).w == 0);
            /* the index: every entry and 閉じる */
            ui_index_t ix;
            ui_index_geometry(&ix, w, h, 4);
            static const char *titles[] = {"はじめに", "目標", "Regional Innovation", "まとめ"};
            n = ui_index_focus_order(&ix, ids);
            assert_int_equal(n, 5);
            for (int i = 0; i < n; i++) {
                ui_view_t v = {.current = 1, .focus = ids[i], .focus_shown = true, .contrast = contrast != 0};
                dlist_t dl = {0};
                ui_index_draw(&dl, &tu_m, w, h, titles, NULL, 4, 1, &v);
                check_ring(&dl, *focus_colour(contrast), ids[i] == UI_HIT_CLOSE ? ix.close : ix.entries[ids[i]], w, h, "index entry");
                layout_dlist_free(&dl);
            }
        }
}

/* The scroll cue of a panel taller than the screen: a thumb on the right edge, inside the
 * screen, over a track as tall as the panel's visible part, at the top when the panel is at its
 * start and at the bottom at its end; "▼ more" while text is below, gone at the end. A panel
 * that fits shows none of it. */
static void test_scroll_cue(void **state)
{
    (void)state;
    const lang_info_t *en = lang_known("en");
    char more[64];
    snprintf(more, sizeof more, "▼ %s", en->ui[LANG_UI_MORE]);
    for (int s = 0; s < NSIZES; s++) {
        int w = sizes[s][0], h = sizes[s][1];
        ui_chrome_t c;
        ui_chrome_geometry(&c, w, h, 5);
        float vis = c.bar.y;
        ui_view_t v = {.focus = UI_HIT_NONE, .li = en, .picker = true, .visible_h = vis};
        dlist_t dl = {0};
        ui_chrome_draw(&dl, &tu_m, w, h, &c, 5, &v); /* it fits */
        for (int i = 0; i < dl.nitems; i++) /* (a NaN place is no place either) */
            if (!(dl.items[i].r.y >= c.bar.y - 0.5f)) fail_msg("%dx%d: a panel that fits shows a scroll cue", w, h);
        assert_null(line_of(&dl, more));
        float thumb_y[3];
        for (int step = 0; step < 3; step++) {
            v.scroll_max = vis * 2;
            v.scroll = v.scroll_max * (float)step / 2;
            ui_chrome_draw(&dl, &tu_m, w, h, &c, 5, &v);
            const dl_item_t *track = NULL, *thumb = NULL;
            for (int i = 0; i < dl.nitems; i++) {
                const dl_item_t *it = &dl.items[i];
                if (it->kind != LAYOUT_DL_RECT || it->r.y + it->r.h > c.bar.y + 0.5f || it->r.x < (float)w * 0.8f || it->r.w >= c.target) continue;
                if (fabsf(it->r.h - vis) < 0.5f && !track) track = it;
                else if (it->r.h < vis) thumb = it;
            }
            if (!track || !thumb) fail_msg("%dx%d: no scroll track or thumb on the right", w, h);
            rectf_t screen = {0, 0, (float)w, (float)h};
            assert_true(within(thumb->r, screen) && within(track->r, screen));
            assert_true(thumb->r.x + thumb->r.w < (float)w - 1); /* clear of the edge, where a bezel hides it */
            /* the track runs down the thumb's middle */
            if (fabsf(cx(track->r) - cx(thumb->r)) > 0.5f || track->r.w >= thumb->r.w)
                fail_msg("%dx%d: the track is not under the thumb", w, h);
            assert_true(thumb->r.h >= c.target * 0.99f); /* a finger can hold it */
            thumb_y[step] = thumb->r.y;
            if (step == 0) assert_true(fabsf(thumb->r.y) < 0.5f);
            if (step == 2) assert_true(fabsf(thumb->r.y + thumb->r.h - vis) < 0.5f);
            const dl_line_t *l = line_of(&dl, more);
            if ((step < 2) != (l != NULL)) fail_msg("%dx%d: '%s' %s at scroll %d of 2", w, h, more, l ? "shown" : "missing", step);
            if (l) assert_true(l->r.y + l->r.h <= c.bar.y && l->r.x + l->r.w <= thumb->r.x);
        }
        assert_true(thumb_y[0] < thumb_y[1] && thumb_y[1] < thumb_y[2]);
        layout_dlist_free(&dl);
    }
}

/* The language picker: every language a target inside the screen and above the navigation bar,
 * none over another or the close button, a tap on each hitting it, the list centred. */
static void test_picker_targets(void **state)
{
    (void)state;
    /* and square screens, and a 4:5 portrait one: eight languages in one column were smaller
     * than a finger there */
    static const int more[][2] = {{1080, 1080}, {720, 720}, {1024, 1280}, {768, 1024}};
    for (int s = 0; s < NSIZES + 4; s++)
        for (int n = 1; n <= LANG_MAX; n++) {
            int w = s < NSIZES ? sizes[s][0] : more[s - NSIZES][0], h = s < NSIZES ? sizes[s][1] : more[s - NSIZES][1];
            ui_picker_t pk;
            ui_picker_geometry(&pk, w, h, n);
            ui_chrome_t c;
            ui_chrome_geometry(&c, w, h, 5);
            assert_int_equal(pk.n, n);
            rectf_t r[LANG_MAX + 1] = {pk.close};
            const char *names[LANG_MAX + 1] = {"close"};
            rectf_t above = {0, 0, (float)w, c.bar.y};
            for (int i = 0; i < n; i++) {
                r[i + 1] = pk.entries[i];
                names[i + 1] = "language";
            }
            check_targets("picker", w, h, r, names, n + 1, above, c.target * 0.99f);
            float left = 1e9f, right = 0;
            for (int i = 0; i < n; i++) {
                left = fminf(left, pk.entries[i].x);
                right = fmaxf(right, pk.entries[i].x + pk.entries[i].w);
                assert_int_equal(ui_picker_hit(&pk, cx(pk.entries[i]), cy(pk.entries[i])), i);
                if (i) assert_true(pk.entries[i].y > pk.entries[i - 1].y || pk.entries[i].x > pk.entries[i - 1].x);
            }
            if (fabsf(left - ((float)w - right)) > 1) fail_msg("%dx%d: the languages are off-centre", w, h);
            int first = 0; /* two columns hold the same number, or the first one more */
            for (int i = 0; i < n; i++) first += pk.entries[i].x == pk.entries[0].x;
            if (first != n && first != (n + 1) / 2) fail_msg("%dx%d: %d languages set %d and %d", w, h, n, first, n - first);
            assert_int_equal(ui_picker_hit(&pk, cx(pk.close), cy(pk.close)), UI_HIT_CLOSE);
            assert_int_equal(ui_picker_hit(&pk, 1, c.bar.y - 1), UI_HIT_NONE);
            /* drawn: each name on its own entry, the one on screen inverted */
            static const char *const nm[LANG_MAX] = {"日本語", "English", "简体中文", "繁體中文", "한국어", "やさしい日本語", "Deutsch", "Français"};
            const metrics_t *ms[LANG_MAX];
            for (int i = 0; i < LANG_MAX; i++) ms[i] = &tu_m;
            dlist_t dl = {0};
            ui_picker_build(&dl, &tu_m, lang_known("ja"), w, h, nm, ms, n, 0, -1, false);
            for (int i = 0; i < n && i < 8; i++) {
                const dl_line_t *l = line_of(&dl, nm[i]);
                if (l && !within(l->r, pk.entries[i])) fail_msg("%dx%d: '%s' leaves its entry", w, h, nm[i]);
                bool framed = false;
                for (int k = 0; k < dl.nitems; k++) {
                    rectf_t f = dl.items[k].r, e = pk.entries[i];
                    framed |= dl.items[k].kind == LAYOUT_DL_RECT && f.x > e.x + 1 && f.y > e.y + 1 && f.x + f.w < e.x + e.w - 1 &&
                              f.y + f.h < e.y + e.h - 1 && f.w > e.w * 0.8f && f.h > e.h * 0.7f;
                }
                if (!framed) fail_msg("%dx%d: language %d has no border on some side", w, h, i);
            }
            layout_dlist_free(&dl);
        }
}

/* The chrome's words without a language given: the default deck's, ja for the first language,
 * en for the second. */
static void test_chrome_words_by_lang(void **state)
{
    (void)state;
    for (int l = 0; l < 2; l++) {
        ui_chrome_t c;
        ui_chrome_geometry(&c, 1280, 720, 5);
        ui_view_t v = {.focus = UI_HIT_NONE, .lang = (lang_t)l, .picker = true};
        dlist_t dl = {0};
        ui_chrome_draw(&dl, &tu_m, 1280, 720, &c, 5, &v);
        expect_label_in(&dl, lang_known(l ? "en" : "ja")->ui[LANG_UI_INDEX], c.index, 1280, 720);
        layout_dlist_free(&dl);
    }
}

/* The bar reaches every edge of the screen it lies on: no strip of the panel shows beside or
 * under it (issue 14, item 8). */
static void test_bar_covers_bottom(void **state)
{
    (void)state;
    for (int s = 0; s < NSIZES; s++) {
        int w = sizes[s][0], h = sizes[s][1];
        ui_chrome_t c;
        ui_chrome_geometry(&c, w, h, 5);
        for (int contrast = 0; contrast < 2; contrast++) {
            ui_view_t v = {.focus = UI_HIT_NONE, .picker = true, .contrast = contrast != 0};
            dlist_t dl = {0};
            ui_chrome_draw(&dl, &tu_m, w, h, &c, 5, &v);
            uint32_t bar = palette_get(contrast ? PALETTE_HIGH_CONTRAST : PALETTE_NORMAL)->bar;
            bool covered = false;
            for (int i = 0; i < dl.nitems; i++) {
                rectf_t f = dl.items[i].r;
                covered |= dl.items[i].kind == LAYOUT_DL_RECT && dl.items[i].color == bar && f.x <= 0 && f.x + f.w >= (float)w &&
                           f.y <= c.bar.y + 0.01f && f.y + f.h >= (float)h;
            }
            if (!covered) fail_msg("%dx%d: the bar does not cover the bottom of the screen edge to edge", w, h);
            layout_dlist_free(&dl);
        }
    }
}

/* A screen's heading is centred on the screen and never runs under its close button, however
 * long it is in the visitor's language. */
static void test_heading_clear_of_close(void **state)
{
    (void)state;
    lang_info_t li = *lang_known("en");
    li.ui[LANG_UI_INDEX] = "Index of every panel of this exhibition about regional science and technology programmes";
    for (int s = 0; s < NSIZES; s++) {
        int w = sizes[s][0], h = sizes[s][1];
        static const char *titles[] = {"はじめに"};
        for (int longer = 0; longer < 2; longer++) {
            ui_index_t ix;
            ui_index_geometry(&ix, w, h, 1);
            dlist_t dl = {0};
            ui_index_build(&dl, &tu_m, w, h, titles, NULL, 1, 0, longer ? &li : lang_known("en"));
            int found = 0;
            for (int i = 0; i < dl.nlines; i++) {
                const dl_line_t *l = &dl.lines[i];
                if (strncmp(l->text, "Index", 5)) continue;
                found++;
                if (overlap(l->r, ix.close) || l->r.x + l->r.w > ix.close.x)
                    fail_msg("%dx%d: the heading '%s' runs under the close button", w, h, l->text);
                if (fabsf(cx(l->r) - (float)w / 2) > 1) fail_msg("%dx%d: the heading '%s' is off-centre", w, h, l->text);
            }
            assert_true(found >= 1);
            layout_dlist_free(&dl);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chrome_targets),
        cmocka_unit_test(test_index_targets),
        cmocka_unit_test(test_admin_targets),
        cmocka_unit_test(test_admin_corners),
        cmocka_unit_test(test_chrome_drawn),
        cmocka_unit_test(test_index_drawn),
        cmocka_unit_test(test_pin_pad_drawn),
        cmocka_unit_test(test_admin_info_fits),
        cmocka_unit_test(test_tray_targets),
        cmocka_unit_test(test_focus_ring),
        cmocka_unit_test(test_closed_tray_out_of_tab_order),
        cmocka_unit_test(test_scroll_cue),
        cmocka_unit_test(test_picker_targets),
        cmocka_unit_test(test_chrome_words_by_lang),
        cmocka_unit_test(test_bar_covers_bottom),
        cmocka_unit_test(test_heading_clear_of_close),
    };
    return cmocka_run_group_tests_name("ui", tests, tu_fonts_up, tu_fonts_down);
}
