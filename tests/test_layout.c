/* Every bundled panel, both languages, four screens: nothing leaves the screen, nothing
 * overlaps, no kinsoku rule is broken, nothing is cut. */
#include "testutil.h"
#include <ctype.h>
#include <limits.h>
#include "annai/panel.h"
#include "annai/ui.h"

static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {1280, 720}, {800, 480}};
static deck_t deck;

static bool overlap(rectf_t a, rectf_t b)
{
    const float e = 0.5f;
    return a.x + e < b.x + b.w && b.x + e < a.x + a.w && a.y + e < b.y + b.h && b.y + e < a.y + a.h;
}

static void check_panel(const panel_t *p, int w, int h)
{
    dlist_t dl = {0};
    layout_panel(p, w, h, &tu_m, &dl);
    ui_chrome_t c;
    ui_chrome_geometry(&c, w, h, deck.count);
    if (dl.clipped) fail_msg("%s at %dx%d: text cut with …", p->path, w, h);
    assert_true(dl.nlines > 0);
    for (int i = 0; i < dl.nlines; i++) {
        const dl_line_t *l = &dl.lines[i];
        if (l->r.x < 0 || l->r.x + l->r.w > (float)w + 0.5f || l->r.y < 0 || l->r.y + l->r.h > c.bar.y + 0.5f)
            fail_msg("%s at %dx%d: line '%s' (%.0f,%.0f %.0fx%.0f) leaves the screen or runs under the navigation bar",
                     p->path, w, h, l->text, l->r.x, l->r.y, l->r.w, l->r.h);
        if (l->px < 16 || (l->block >= 0 && l->px < (int)(0.03f * (float)(w < h ? w : h)) - 1))
            fail_msg("%s at %dx%d: line '%s' set at %d px, below the legible minimum", p->path, w, h, l->text, l->px);
        if (i > 0 && l->block == dl.lines[i - 1].block && linebreak_no_start(tu_first_cp(l->text)) && l->block >= 0)
            fail_msg("%s at %dx%d: line starts with a prohibited character: '%s'", p->path, w, h, l->text);
        for (int j = 0; j < i; j++)
            if (overlap(l->r, dl.lines[j].r))
                fail_msg("%s at %dx%d: lines overlap: '%s' and '%s'", p->path, w, h, l->text, dl.lines[j].text);
    }
    for (int i = 0; i < dl.nglyphs; i++) {
        const dl_glyph_t *g = &dl.glyphs[i];
        if (g->x < 0 || g->x > (float)w || g->y < 0 || g->y > (float)h)
            fail_msg("%s at %dx%d: glyph U+%04X at %.0f,%.0f is off screen", p->path, w, h, g->cp, g->x, g->y);
    }
    for (int i = 0; i < dl.nitems; i++) {
        rectf_t r = dl.items[i].r;
        if (r.x < -0.5f || r.y < -0.5f || r.x + r.w > (float)w + 0.5f || r.y + r.h > c.bar.y + 0.5f)
            fail_msg("%s at %dx%d: block %d leaves the panel area", p->path, w, h, i);
        /* a card is a box: it keeps a margin from the bar like the one at the sides, not ~10 px */
        theme_t t;
        theme_for(&t, w, h);
        if (p->layout == PANEL_CARDS && dl.items[i].kind == LAYOUT_DL_RECT && r.y + r.h > c.bar.y - t.margin * 0.5f)
            fail_msg("%s at %dx%d: a card ends %.0f px above the navigation bar (side margins: %.0f px)", p->path, w, h,
                     c.bar.y - r.y - r.h, t.margin);
    }
    layout_dlist_free(&dl);
}

static void test_bundled_panels_fit_every_screen(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++)
        for (int i = 0; i < deck.count; i++)
            for (int l = 0; l < deck.langs.n; l++)
                if (deck.entries[i].lang[l]) check_panel(deck.entries[i].lang[l], sizes[s][0], sizes[s][1]);
}

/* The heading of the index (目次, Index) and of the admin overlay stands centred on the screen,
 * clear of the close button beside it. */
static void check_heading(const dlist_t *dl, const char *text, rectf_t close, int w, int h)
{
    for (int i = 0; i < dl->nlines; i++) {
        const dl_line_t *l = &dl->lines[i];
        if (strcmp(l->text, text)) continue;
        float mid = l->r.x + l->r.w / 2;
        if (fabsf(mid - (float)w / 2) > 1.0f)
            fail_msg("%dx%d: heading '%s' centred at x=%.0f, the screen's centre is %d", w, h, text, mid, w / 2);
        if (overlap(l->r, close)) fail_msg("%dx%d: heading '%s' runs into the close button", w, h, text);
        return;
    }
    fail_msg("%dx%d: no heading '%s'", w, h, text);
}

static void test_headings_centred(void **state)
{
    (void)state;
    const char *titles[] = {"一", "二", "三"};
    const char *info[] = {"annai", "content"};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        int w = sizes[s][0], h = sizes[s][1];
        dlist_t dl = {0};
        ui_index_t ix;
        ui_index_geometry(&ix, w, h, 3);
        const metrics_t *tm[] = {&tu_m, &tu_m, &tu_m};
        ui_index_build(&dl, &tu_m, w, h, titles, tm, 3, 0, lang_known("ja"));
        check_heading(&dl, "目次", ix.close, w, h);
        ui_index_build(&dl, &tu_m, w, h, titles, tm, 3, 0, lang_known("en"));
        check_heading(&dl, "Index", ix.close, w, h);
        admin_t adm = {.state = ADMIN_OPEN};
        ui_admin_t a;
        ui_admin_geometry(&a, w, h, false);
        ui_admin_build(&dl, &tu_m, w, h, &adm, info, 2, false, lang_known("ja"));
        check_heading(&dl, "annai admin", a.close, w, h);
        layout_dlist_free(&dl);
    }
}

static void test_every_layout_kind_present(void **state)
{
    (void)state;
    bool seen[5] = {0};
    for (int i = 0; i < deck.count; i++) seen[deck.entries[i].lang[LANG_DEFAULT]->layout] = true;
    for (int k = 0; k < 5; k++)
        if (!seen[k]) fail_msg("no bundled panel uses layout %s", panel_layout_name((panel_layout_t)k));
}

/* Too much text: the type shrinks to the minimum, then the last line ends with …. */
static void test_overfull_panel_shrinks_then_cuts(void **state)
{
    (void)state;
    buf_t b = {0};
    buf_puts(&b, "---\ntitle: 多すぎる本文\n---\n");
    for (int i = 0; i < 60; i++) buf_puts(&b, "地域における科学技術の振興は、地域の活性化を図ることを目的として取り組まれてきました。");
    diag_list_t d = {0};
    panel_t *p = panel_parse("over.md", b.data, b.len, "content", &d);
    assert_non_null(p);
    dlist_t dl = {0};
    layout_panel(p, 1280, 720, &tu_m, &dl);
    assert_true(dl.clipped);
    assert_int_equal(tu_last_cp(dl.lines[dl.nlines - 1].text), 0x2026);
    theme_t t;
    theme_for(&t, 1280, 720);
    assert_int_equal(dl.lines[dl.nlines - 1].px, (int)lroundf(t.min_px));
    /* a panel that fits keeps the theme's size */
    dlist_t small = {0};
    layout_panel(deck.entries[1].lang[LANG_DEFAULT], 1920, 1080, &tu_m, &small);
    assert_false(small.clipped);
    layout_dlist_free(&small);
    layout_dlist_free(&dl);
    panel_free(p);
    buf_free(&b);
}

static void test_ruby_above_its_base(void **state)
{
    (void)state;
    span_t s[] = {{"前置き", NULL, 0}, {"産学官", "さんがくかん", 0}, {"連携", NULL, 0}};
    text_style_t st = {40, 1.7f, 0xFF000000u, LAYOUT_ALIGN_LEFT, 0, FONTS_FACE_REGULAR, LAYOUT_BREAK_BODY};
    dlist_t dl = {0};
    layout_text(&dl, &tu_m, s, 3, 0, 0, 1000, 1e9f, &st, 0, NULL);
    float bx0 = 1e9f, bx1 = 0, rx0 = 1e9f, rx1 = 0, by = 0, ry = 0;
    for (int i = 0; i < dl.nglyphs; i++) {
        const dl_glyph_t *g = &dl.glyphs[i];
        float adv = tu_m.advance(tu_m.ud, 0, g->px, g->cp);
        if (g->px == 20) { rx0 = fminf(rx0, g->x); rx1 = fmaxf(rx1, g->x + adv); ry = g->y; }
        else if (g->cp == 0x7523 || g->cp == 0x5B98) { bx0 = fminf(bx0, g->x); bx1 = fmaxf(bx1, g->x + adv); by = g->y; }
    }
    assert_true(ry < by - 30);                                     /* above */
    assert_true(fabsf((rx0 + rx1) / 2 - (bx0 + bx1) / 2) < 2.0f);  /* centred */
    /* a group-ruby word is never split: at widths that cut inside 産学官 it moves whole */
    for (float w = 130; w < 260; w += 7) {
        layout_dlist_clear(&dl);
        layout_text(&dl, &tu_m, s, 3, 0, 0, w, 1e9f, &st, 0, NULL);
        bool whole = false;
        for (int i = 0; i < dl.nlines; i++) whole |= strstr(dl.lines[i].text, "産学官") != NULL;
        if (!whole) fail_msg("ruby base split at width %.0f", w);
    }
    layout_dlist_free(&dl);
}

/* Emphasis is visible without colour: a sesame dot over each emphasised kanji or kana (not over
 * punctuation), an underline under emphasised Latin; plain text gets neither. */
static void test_emphasis_marks(void **state)
{
    (void)state;
    span_t s[] = {{"通常の文と", NULL, 0}, {"自立的な活動。", NULL, PANEL_STYLE_EM}, {" plain ", NULL, 0},
                  {"strong words", NULL, PANEL_STYLE_EM}, {"の後", NULL, 0}};
    text_style_t st = {40, 1.7f, 0xFF000000u, LAYOUT_ALIGN_LEFT, 0, FONTS_FACE_REGULAR, LAYOUT_BREAK_BODY};
    dlist_t dl = {0};
    layout_text(&dl, &tu_m, s, 5, 0, 0, 3000, 1e9f, &st, 0, NULL);
    assert_int_equal(dl.nlines, 1);
    int dots = 0;
    float base = 0;
    for (int i = 0; i < dl.nglyphs; i++) if (dl.glyphs[i].cp == 0x7684) base = dl.glyphs[i].y; /* 的 */
    for (int i = 0; i < dl.nitems; i++) {
        const dl_item_t *it = &dl.items[i];
        if (it->kind != LAYOUT_DL_DISC) continue;
        dots++;
        assert_true(it->r.y + it->r.h < base - 30); /* above the characters */
        assert_true(it->r.y >= 0);                   /* with room made for it */
    }
    assert_int_equal(dots, 6); /* 自立的な活動, not 。 */
    float ux0 = 1e9f, ux1 = 0;
    for (int i = 0; i < dl.nitems; i++) {
        if (dl.items[i].kind != LAYOUT_DL_RECT) continue; /* underline */
        assert_true(dl.items[i].r.y > base && dl.items[i].r.y < base + 15);
        ux0 = fminf(ux0, dl.items[i].r.x);
        ux1 = fmaxf(ux1, dl.items[i].r.x + dl.items[i].r.w);
    }
    float wx0 = 1e9f, wx1 = 0; /* "strong words": from s to the end of the last s */
    for (int i = 0; i < dl.nglyphs; i++)
        if (dl.glyphs[i].cp == 'g' || dl.glyphs[i].cp == 'w') { wx0 = fminf(wx0, dl.glyphs[i].x); wx1 = fmaxf(wx1, dl.glyphs[i].x); }
    assert_true(ux0 < wx0 && ux1 > wx1);             /* covers both words and the space */
    for (int i = 0; i < dl.nglyphs; i++)                /* and nothing of " plain " */
        if (dl.glyphs[i].cp == 'p') assert_true(dl.glyphs[i].x < ux0);
    layout_dlist_free(&dl);
}

/* A curator's own texts: kanji, kana, Latin, numbers with units, brackets, punctuation, a URL,
 * ruby, bold and emphasis, laid out on every screen. Nothing is lost (the lines read back as the
 * source), no line breaks a kinsoku rule, no word or number is split, nothing is cut. */
static const char *const user_texts[] = {
    "平成23年度から、「イノベーションシステム整備事業」を実施しています。詳細はhttps://www.example.jp/annai/をご覧ください。",
    "第4期（2011〜2015年度）では、約25,000件・3.5%増の成果が見込まれ、『地域イノベーション』の推進……が求められています。",
    "BIZ UDPゴシックは公共サインのために設計された書体で、ｋｉｏｓｋ端末でも読みやすい！　本当に？　はい。",
    "｜産学官《さんがくかん》の**知のネットワーク**を強化し、*場の構築*を進める――それが地域《ちいき》の力になる。",
    "The Regional Innovation Strategy Support Program (地域イノベーション戦略支援プログラム) began in FY2011 with 20 regions.",
    "ァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎーー々ゝゞヽヾ、。，．・：；？！」』）】〕〉》",
};

/* Spaces, ASCII and ideographic: a space at the end of a line is not set (JLREQ drops the
 * 　 after ？ when the line ends there). */
static void strip_spaces(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (!strncmp(s, "\u3000", 3)) { s += 2; continue; }
        if (*s != ' ' && *s != '\n') *o++ = *s;
    }
    *o = 0;
}

/* Whether the alphanumeric run ending line a and the one starting line b were one word. */
static bool joined_in(const char *a, const char *b, const char *src)
{
    size_t n = strlen(a), s = n, e = 0;
    while (s > 0 && isalnum((unsigned char)a[s - 1])) s--;
    while (b[e] && isalnum((unsigned char)b[e])) e++;
    char word[256];
    snprintf(word, sizeof word, "%.*s%.*s", (int)(n - s), a + s, (int)e, b);
    return strstr(src, word) != NULL;
}

static void test_user_texts_every_screen(void **state)
{
    (void)state;
    static const int screens[][2] = {{800, 480}, {1280, 720}, {1920, 1080}, {1080, 1920}, {720, 1280}, {480, 800}};
    for (size_t k = 0; k < sizeof user_texts / sizeof *user_texts; k++) {
        buf_t md = {0};
        buf_puts(&md, "---\ntitle: 利用者の文章\n---\n");
        buf_puts(&md, user_texts[k]);
        buf_puts(&md, "\n");
        diag_list_t d = {0};
        panel_t *p = panel_parse("user.md", md.data, md.len, "content", &d);
        assert_non_null(p);
        /* what the visitor should read: the paragraph's spans, ruby readings aside */
        buf_t want = {0};
        for (int i = 0; i < p->blocks[0].nspans; i++) buf_puts(&want, p->blocks[0].spans[i].text);
        buf_putc(&want, 0);
        buf_t src = {0};
        buf_puts(&src, want.data);
        buf_putc(&src, 0);
        strip_spaces(want.data);
        for (size_t s = 0; s < sizeof screens / sizeof *screens; s++) {
            int w = screens[s][0], h = screens[s][1];
            dlist_t dl = {0};
            layout_panel(p, w, h, &tu_m, &dl);
            if (dl.clipped) fail_msg("text %zu at %dx%d: cut", k, w, h);
            buf_t got = {0};
            const dl_line_t *prev = NULL;
            for (int i = 0; i < dl.nlines; i++) {
                const dl_line_t *l = &dl.lines[i];
                if (l->block != 0) continue;
                if (l->r.x < 0 || l->r.x + l->r.w > (float)w + 0.5f) fail_msg("text %zu at %dx%d: line '%s' leaves the screen", k, w, h, l->text);
                if (prev) {
                    uint32_t a = tu_last_cp(prev->text), b = tu_first_cp(l->text);
                    if (linebreak_no_start(b) && k != 5) fail_msg("text %zu at %dx%d: line starts with U+%04X: '%s'", k, w, h, b, l->text);
                    if (linebreak_no_end(a)) fail_msg("text %zu at %dx%d: line ends with U+%04X: '%s'", k, w, h, a, prev->text);
                    if (a < 0x80 && b < 0x80 && isalnum((int)a) && isalnum((int)b) && joined_in(prev->text, l->text, src.data))
                        fail_msg("text %zu at %dx%d: word or number split: '%s' | '%s'", k, w, h, prev->text, l->text);
                }
                buf_puts(&got, l->text);
                prev = l;
            }
            buf_putc(&got, 0);
            strip_spaces(got.data);
            if (strcmp(got.data, want.data)) fail_msg("text %zu at %dx%d: lost text:\n got %s\nwant %s", k, w, h, got.data, want.data);
            buf_free(&got);
            layout_dlist_free(&dl);
        }
        buf_free(&want);
        buf_free(&src);
        buf_free(&md);
        panel_free(p);
    }
}

static void test_contrast(void **state)
{
    (void)state;
    /* body text on the panel background, and white on every darkened accent: WCAG AAA */
    assert_true(layout_contrast(0x1A1A1A, 0xF7F5F0) >= 7.0);
    assert_true(layout_contrast(0x3A3A3A, 0xF7F5F0) >= 7.0);
    uint32_t accents[] = {0x0B5CAD, 0x1F7A4D, 0xB3541E, 0x6A3D9A, 0xFFD700, 0x00FFFF};
    for (size_t i = 0; i < 6; i++) assert_true(layout_contrast(0xFFFFFF, palette_darken_for_contrast(accents[i], 0xFFFFFF, 7.5)) >= 7.0);
}

/* A window manager can hand a zero or negative size, a flag a huge one: layout ends (a hang
 * here is turned into a failure by the alarm) and keeps what it lays out on a sane canvas. */
static void test_any_size_terminates(void **state)
{
    (void)state;
    static const int sides[] = {INT_MIN, -64, -1, 0, 1, 2, 63, 100000, INT_MAX};
    const int n = (int)(sizeof sides / sizeof *sides);
    alarm(120);
    for (int a = 0; a < n; a++)
        for (int b = 0; b < n; b++)
            for (int i = 0; i < deck.count; i += 3) { /* every third panel: each layout kind is there */
                dlist_t dl = {0};
                layout_panel(deck.entries[i].lang[LANG_DEFAULT], sides[a], sides[b], &tu_m, &dl);
                assert_true(dl.w >= 1 && dl.w <= LAYOUT_MAX_SIDE && dl.h >= 1 && dl.h <= LAYOUT_MAX_SIDE);
                layout_dlist_free(&dl);
            }
    alarm(0);
}

static int setup(void **s)
{
    if (tu_fonts_up(s)) return -1;
    diag_list_t d = {0};
    deck_load(&deck, "content", NULL, &d);
    diag_clear(&d);
    return deck.count ? 0 : -1;
}

static int teardown(void **s)
{
    deck_free(&deck);
    return tu_fonts_down(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bundled_panels_fit_every_screen),
        cmocka_unit_test(test_every_layout_kind_present),
        cmocka_unit_test(test_headings_centred),
        cmocka_unit_test(test_overfull_panel_shrinks_then_cuts),
        cmocka_unit_test(test_ruby_above_its_base),
        cmocka_unit_test(test_emphasis_marks),
        cmocka_unit_test(test_user_texts_every_screen),
        cmocka_unit_test(test_contrast),
        cmocka_unit_test(test_any_size_terminates),
    };
    return cmocka_run_group_tests_name("layout", tests, setup, teardown);
}
