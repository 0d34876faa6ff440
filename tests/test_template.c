/* template: where a panel's parts land on screen, template by template, with the bundled fonts:
 * text beside its pictures and QR code on a landscape screen and above them on a portrait one,
 * QR codes in whole pixels a module with their quiet zone, cards in rows, timeline stops on a
 * rail, the title panel centred on its accent field, and what is left out for want of room. */
#include "testutil.h"
#include "annai/palette.h"

static panel_t *parse(const char *md)
{
    diag_list_t d = {0};
    panel_t *p = panel_parse("t.md", md, strlen(md), "content", &d);
    for (int i = 0; i < d.count; i++) fprintf(stderr, "%s\n", d.items[i].text);
    diag_clear(&d);
    assert_non_null(p);
    return p;
}

/* Appends a picture block of w x h pixels (no file is read: layout only needs the size). */
static void add_picture(panel_t *p, int w, int h)
{
    p->blocks = mem_realloc(p->blocks, sizeof *p->blocks * (size_t)(p->nblocks + 1));
    p->capblocks = p->nblocks + 1;
    block_t *b = &p->blocks[p->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = PANEL_BLOCK_IMAGE;
    b->image = mem_strdup("/nonexistent/picture.png");
    b->img_w = w;
    b->img_h = h;
}

static const dl_item_t *find_item(const dlist_t *dl, dl_kind_t k, int nth)
{
    for (int i = 0; i < dl->nitems; i++)
        if (dl->items[i].kind == k && nth-- == 0) return &dl->items[i];
    return NULL;
}

static int count_items(const dlist_t *dl, dl_kind_t k, uint32_t color)
{
    int n = 0;
    for (int i = 0; i < dl->nitems; i++) n += dl->items[i].kind == k && (!color || dl->items[i].color == color);
    return n;
}

/* The body's lines (block >= 0: not the title) lie in [x0, x1) x [y0, y1). */
static void body_inside(const dlist_t *dl, float x0, float x1, float y0, float y1)
{
    for (int i = 0; i < dl->nlines; i++) {
        const dl_line_t *l = &dl->lines[i];
        if (l->block < 0) continue;
        if (l->r.x < x0 - 0.5f || l->r.x + l->r.w > x1 + 0.5f || l->r.y < y0 - 0.5f || l->r.y + l->r.h > y1 + 0.5f)
            fail_msg("\"%s\" at %.0f,%.0f %.0fx%.0f is outside %.0f-%.0f x %.0f-%.0f", l->text, l->r.x, l->r.y, l->r.w,
                     l->r.h, x0, x1, y0, y1);
    }
}

#define TEXT_MD "---\ntitle: 地域の科学技術\nqr: https://www.mext.go.jp/\nqr_caption: 詳しくはこちら\n---\n" \
                "地域の大学と企業が力を合わせ、新しい産業を育てています。\n\n- 人材の育成\n  - 若手研究者の支援\n"

static void test_media_beside_or_below_the_text(void **state)
{
    (void)state;
    panel_t *p = parse(TEXT_MD);
    add_picture(p, 800, 600);
    dlist_t dl = {0};
    theme_t t;
    /* landscape: a column on the right, the text on the left 62% */
    layout_panel(p, 1920, 1080, &tu_m, &dl);
    theme_for(&t, 1920, 1080);
    float aw = 1920 - 2 * t.margin;
    body_inside(&dl, t.margin, t.margin + aw * 0.62f, 0, 1080 - t.chrome_h);
    const dl_item_t *pic = find_item(&dl, LAYOUT_DL_IMAGE, 0), *qr = find_item(&dl, LAYOUT_DL_QR, 0);
    assert_non_null(pic);
    assert_non_null(qr);
    assert_int_equal(pic->color, PALETTE_UNTINTED);
    assert_true(pic->r.x >= t.margin + aw * 0.66f - 0.5f && pic->r.x + pic->r.w <= 1920 - t.margin + 0.5f);
    assert_true(qr->r.x >= t.margin + aw * 0.66f - 0.5f);
    assert_true(qr->r.y >= pic->r.y + pic->r.h); /* the QR code under the picture */
    assert_null(dl.dropped);
    /* a square screen is set as a landscape one: a column beside the text */
    layout_panel(p, 1080, 1080, &tu_m, &dl);
    theme_for(&t, 1080, 1080);
    pic = find_item(&dl, LAYOUT_DL_IMAGE, 0);
    assert_non_null(pic);
    assert_true(pic->r.x >= t.margin + (1080 - 2 * t.margin) * 0.66f - 0.5f);
    /* portrait: a band below the text, the picture and the QR code side by side in it */
    layout_panel(p, 1080, 1920, &tu_m, &dl);
    theme_for(&t, 1080, 1920);
    pic = find_item(&dl, LAYOUT_DL_IMAGE, 0);
    qr = find_item(&dl, LAYOUT_DL_QR, 0);
    assert_non_null(pic);
    assert_non_null(qr);
    float top = 0;
    for (int i = 0; i < dl.nlines; i++)
        if (dl.lines[i].block >= 0) top = fmaxf(top, dl.lines[i].r.y + dl.lines[i].r.h);
    assert_true(pic->r.y >= top && qr->r.y >= top);
    assert_true(qr->r.x >= pic->r.x + pic->r.w);
    assert_float_equal(pic->r.y, qr->r.y, 0.5);
    layout_dlist_free(&dl);
    panel_free(p);
}

static void test_qr_code_scans(void **state)
{
    (void)state;
    panel_t *p = parse(TEXT_MD);
    dlist_t dl = {0};
    static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {800, 480}, {3840, 2160}};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        layout_panel(p, sizes[s][0], sizes[s][1], &tu_m, &dl);
        const dl_item_t *qr = find_item(&dl, LAYOUT_DL_QR, 0);
        assert_non_null(qr);
        float side = qr->r.w, per = side / (float)(p->qr_size + 8); /* 4 modules of quiet zone a side */
        assert_float_equal(per, floorf(per), 1e-4);                 /* whole pixels a module: sharp */
        assert_true(per >= 2);
        assert_float_equal(qr->r.h, side, 1e-4);
        assert_int_equal(qr->color, PALETTE_QR_DARK);
        assert_ptr_equal(qr->qr, p->qr_modules);
        theme_t t;
        theme_for(&t, sizes[s][0], sizes[s][1]);
        assert_true(side <= 40 * t.unit + 0.5f); /* larger helps no camera */
        bool caption = false;
        for (int i = 0; i < dl.nlines; i++) caption |= strstr(dl.lines[i].text, "詳しくはこちら") && dl.lines[i].r.y > qr->r.y;
        assert_true(caption);
    }
    /* black on white in high contrast too: scanners expect it */
    layout_opts_t o = {palette_get(PALETTE_HIGH_CONTRAST), 1, false, NULL, 0};
    layout_panel_opts(p, 1920, 1080, &tu_m, &o, &dl);
    assert_int_equal(find_item(&dl, LAYOUT_DL_QR, 0)->color, PALETTE_QR_DARK);
    /* a screen too small for 2 px a module: the QR code is left out, and said so */
    layout_panel(p, 200, 120, &tu_m, &dl);
    assert_null(find_item(&dl, LAYOUT_DL_QR, 0));
    assert_non_null(dl.dropped);
    layout_dlist_free(&dl);
    panel_free(p);
}

static void test_a_postage_stamp_picture_is_left_out(void **state)
{
    (void)state;
    panel_t *p = parse("---\ntitle: 写真\n---\n本文です。\n");
    add_picture(p, 4000, 100); /* a strip: 8 units on its short side it could never be */
    dlist_t dl = {0};
    layout_panel(p, 1920, 1080, &tu_m, &dl);
    assert_null(find_item(&dl, LAYOUT_DL_IMAGE, 0));
    assert_non_null(dl.dropped);
    assert_non_null(strstr(dl.dropped, "picture"));
    layout_dlist_free(&dl);
    panel_free(p);
}

/* Short paragraphs past the bottom at the smallest size: the last one shown ends with …, set in
 * its own size on its own line, so a visitor sees the text goes on. */
static void test_cut_text_ends_with_an_ellipsis(void **state)
{
    (void)state;
    buf_t b = {0};
    buf_puts(&b, "---\ntitle: 多すぎる段落\n---\n");
    for (int i = 0; i < 40; i++) buf_puts(&b, "地域の産業です。\n\n");
    panel_t *p = parse(b.data);
    dlist_t dl = {0};
    layout_panel(p, 1280, 720, &tu_m, &dl);
    assert_true(dl.clipped);
    const dl_line_t *last = &dl.lines[dl.nlines - 1];
    assert_int_equal(tu_last_cp(last->text), 0x2026);
    int ells = 0;
    for (int g = 0; g < dl.nglyphs; g++) {
        const dl_glyph_t *gl = &dl.glyphs[g];
        if (gl->cp != 0x2026) continue;
        ells++;
        assert_int_equal(gl->px, last->px);
        assert_true(gl->y >= last->r.y && gl->y <= last->r.y + last->r.h);
        assert_true(gl->x >= last->r.x && gl->x < last->r.x + last->r.w);
    }
    assert_int_equal(ells, 1);
    layout_dlist_free(&dl);
    panel_free(p);
    buf_free(&b);
}

static void test_items_and_sub_items(void **state)
{
    (void)state;
    panel_t *p = parse("---\ntitle: 支援\naccent: \"#2E8B57\"\n---\n- 人材の育成\n  - 若手研究者の支援\n");
    dlist_t dl = {0};
    const palette_t *pal = palette_get(PALETTE_NORMAL);
    layout_panel(p, 1920, 1080, &tu_m, &dl);
    const dl_line_t *item = NULL, *sub = NULL;
    for (int i = 0; i < dl.nlines; i++) {
        if (strstr(dl.lines[i].text, "人材")) item = &dl.lines[i];
        if (strstr(dl.lines[i].text, "若手")) sub = &dl.lines[i];
    }
    assert_non_null(item);
    assert_non_null(sub);
    assert_true(sub->r.x > item->r.x);  /* indented */
    assert_true(sub->px < item->px);    /* and smaller */
    assert_true(sub->r.y > item->r.y + item->r.h - 0.5f);
    /* a square bullet in the panel's accent, a round one in the secondary ink */
    const dl_item_t *sq = NULL, *dot = NULL;
    for (int i = 0; i < dl.nitems; i++) {
        const dl_item_t *it = &dl.items[i];
        if (it->r.y < item->r.y || it->r.y > sub->r.y + sub->r.h) continue;
        if (it->kind == LAYOUT_DL_RECT && it->color == (PALETTE_OPAQUE | 0x2E8B57)) sq = it;
        if (it->kind == LAYOUT_DL_DISC && it->color == (PALETTE_OPAQUE | pal->muted)) dot = it;
    }
    assert_non_null(sq);
    assert_non_null(dot);
    assert_float_equal(sq->r.w, sq->r.h, 1e-4);
    assert_true(sq->r.x + sq->r.w <= item->r.x);
    assert_true(dot->r.x + dot->r.w <= sub->r.x && dot->r.x > sq->r.x);
    assert_true(dot->r.w < sq->r.w);
    /* the bullets sit on their line's middle */
    assert_float_equal(sq->r.y + sq->r.h / 2, item->r.y + item->r.h / 2, 0.5);
    /* the title: an accent bar beside it, a rule under it across the page */
    int title = -1;
    for (int i = 0; i < dl.nlines && title < 0; i++)
        if (dl.lines[i].block == -1) title = i;
    assert_true(title >= 0);
    const dl_item_t *bar = find_item(&dl, LAYOUT_DL_RECT, 0);
    assert_int_equal(bar->color, PALETTE_OPAQUE | 0x2E8B57);
    assert_true(bar->r.x + bar->r.w < dl.lines[title].r.x);
    const dl_item_t *rule = find_item(&dl, LAYOUT_DL_RECT, 1);
    assert_int_equal(rule->color, pal->rule);
    assert_true(rule->r.y > dl.lines[title].r.y + dl.lines[title].r.h && rule->r.y < item->r.y);
    theme_t t;
    theme_for(&t, 1920, 1080);
    assert_float_equal(rule->r.w, 1920 - 2 * t.margin, 0.5);
    layout_dlist_free(&dl);
    panel_free(p);
}

#define CARD_MD(n) "---\ntitle: 取り組み\nlayout: cards\n---\n" n

static void cards_at(const char *md, int w, int h, int want_rows, int want_cols)
{
    panel_t *p = parse(md);
    dlist_t dl = {0};
    const palette_t *pal = palette_get(PALETTE_NORMAL);
    layout_panel(p, w, h, &tu_m, &dl);
    float ys[16], xs[16];
    int n = 0, rows = 0, cols = 0;
    for (int i = 0; i < dl.nitems && n < 16; i++) {
        const dl_item_t *it = &dl.items[i];
        if (it->kind != LAYOUT_DL_RECT || it->color != pal->card) continue;
        bool new_row = true, new_col = true;
        for (int k = 0; k < n; k++) {
            new_row &= fabsf(ys[k] - it->r.y) > 0.5f;
            new_col &= fabsf(xs[k] - it->r.x) > 0.5f;
        }
        rows += new_row;
        cols += new_col;
        ys[n] = it->r.y;
        xs[n++] = it->r.x;
        /* a stripe of the accent along the card's top */
        const dl_item_t *stripe = it + 1;
        assert_int_equal(stripe->color, PALETTE_OPAQUE | (pal->accent & 0xFFFFFF));
        assert_float_equal(stripe->r.y, it->r.y, 1e-4);
        assert_float_equal(stripe->r.w, it->r.w, 1e-4);
        /* the card's text inside it */
        for (int l = 0; l < dl.nlines; l++) {
            const dl_line_t *ln = &dl.lines[l];
            if (ln->block < 0 || ln->r.y < it->r.y || ln->r.y > it->r.y + it->r.h) continue;
            if (ln->r.x < it->r.x || ln->r.x > it->r.x + it->r.w) continue;
            assert_true(ln->r.y + ln->r.h <= it->r.y + it->r.h + 0.5f);
            assert_true(ln->r.x + ln->r.w <= it->r.x + it->r.w + 0.5f);
        }
    }
    float right = 0;
    for (int k = 0; k < n; k++) right = fmaxf(right, xs[k]);
    for (int i = 0; i < dl.nitems; i++) /* the rows run from margin to margin */
        if (dl.items[i].color == pal->card && fabsf(dl.items[i].r.x - right) < 0.5f) {
            theme_t tt;
            theme_for(&tt, w, h);
            assert_float_equal(dl.items[i].r.x + dl.items[i].r.w, w - tt.margin, 0.5);
        }
    if (rows != want_rows || cols != want_cols) fail_msg("%dx%d: %d rows of %d cards, want %d of %d", w, h, rows, cols, want_rows, want_cols);
    theme_t t;
    theme_for(&t, w, h);
    for (int i = 0; i < dl.nitems; i++) /* clear of the navigation bar by the top margin's share */
        if (dl.items[i].color == pal->card) assert_true(dl.items[i].r.y + dl.items[i].r.h <= h - t.chrome_h - 0.6f * t.margin + 0.5f);
    layout_dlist_free(&dl);
    panel_free(p);
}

static void test_cards_in_rows(void **state)
{
    (void)state;
    const char *three = CARD_MD("- **大学**\n  - 研究\n- **企業**\n  - 製品\n- **自治体**\n  - 支援\n");
    const char *four = CARD_MD("- 一\n- 二\n- 三\n- 四\n");
    const char *nine = CARD_MD("- 一\n- 二\n- 三\n- 四\n- 五\n- 六\n- 七\n- 八\n- 九\n");
    cards_at(three, 1920, 1080, 1, 3); /* up to three: one row */
    cards_at(four, 1920, 1080, 2, 2);  /* more: two rows */
    cards_at(nine, 1920, 1080, 3, 4);  /* at most four a row */
    cards_at(three, 1080, 1920, 3, 1); /* portrait: one a row */
}

#define TIMELINE_MD "---\ntitle: 歩み\nlayout: timeline\n---\n" \
                    "- **第1期** 知的クラスター創成事業\n  - 2002年から\n- **第2期** 地域イノベーション戦略\n  - 2011年から\n" \
                    "- **第3期** 共創の場\n  - 2020年から\n"

static void test_timeline_stops_on_a_rail(void **state)
{
    (void)state;
    panel_t *p = parse(TIMELINE_MD);
    dlist_t dl = {0};
    const palette_t *pal = palette_get(PALETTE_NORMAL);
    uint32_t acc = PALETTE_OPAQUE | (pal->accent & 0xFFFFFF);
    /* landscape: across, one stop a step on a rail; three steps of 13 em do not fit in a
     * row of 1920 px, so the third goes on a second rail under the first */
    layout_panel(p, 1920, 1080, &tu_m, &dl);
    assert_int_equal(count_items(&dl, LAYOUT_DL_DISC, acc), 3);
    const dl_item_t *a = find_item(&dl, LAYOUT_DL_DISC, 0), *b = find_item(&dl, LAYOUT_DL_DISC, 1),
                    *c = find_item(&dl, LAYOUT_DL_DISC, 2);
    assert_float_equal(a->r.y, b->r.y, 1e-4);
    assert_true(b->r.x > a->r.x + 8 * a->r.w);
    assert_float_equal(c->r.x, a->r.x, 1e-4);
    assert_true(c->r.y > a->r.y + 4 * a->r.h);
    assert_int_equal(count_items(&dl, LAYOUT_DL_RECT, acc), 3); /* the title's bar, a rail each row */
    const dl_item_t *rail = find_item(&dl, LAYOUT_DL_RECT, 2);
    assert_int_equal(rail->color, acc);
    assert_float_equal(rail->r.y + rail->r.h / 2, a->r.y + a->r.h / 2, 0.01); /* through the stops */
    /* the step's label on a line of its own, in the accent as dark as body text */
    const dl_line_t *label = NULL;
    for (int i = 0; i < dl.nlines; i++)
        if (!strcmp(dl.lines[i].text, "第1期")) label = &dl.lines[i];
    assert_non_null(label);
    assert_true(label->r.y > a->r.y + a->r.h);
    uint32_t ink = palette_label_ink(pal, pal->accent & 0xFFFFFF);
    bool inked = false;
    for (int g = 0; g < dl.nglyphs; g++) inked |= dl.glyphs[g].cp == 0x7B2C && dl.glyphs[g].color == ink; /* 第 */
    assert_true(inked);
    /* a step that does not open with a bold run has no label line: its heading is whole */
    panel_t *plain = parse("---\ntitle: 歩み\nlayout: timeline\n---\n- 共創の場 **始動**\n- 次の段階\n");
    dlist_t pl = {0};
    layout_panel(plain, 1920, 1080, &tu_m, &pl);
    bool whole = false;
    for (int i = 0; i < pl.nlines; i++) {
        assert_string_not_equal(pl.lines[i].text, "共創の場");
        whole |= strstr(pl.lines[i].text, "共創の場") && strstr(pl.lines[i].text, "始動");
    }
    assert_true(whole);
    layout_dlist_free(&pl);
    panel_free(plain);
    /* portrait: down, the stops stacked on a rail at the left */
    layout_panel(p, 1080, 1920, &tu_m, &dl);
    assert_int_equal(count_items(&dl, LAYOUT_DL_DISC, acc), 3);
    theme_t pt;
    theme_for(&pt, 1080, 1920);
    body_inside(&dl, pt.margin, 1080 - pt.margin, 0, 1920 - pt.chrome_h);
    a = find_item(&dl, LAYOUT_DL_DISC, 0);
    b = find_item(&dl, LAYOUT_DL_DISC, 1);
    assert_float_equal(a->r.x, b->r.x, 1e-4);
    assert_true(b->r.y > a->r.y);
    for (int i = 0; i < dl.nlines; i++)
        if (dl.lines[i].block >= 0) assert_true(dl.lines[i].r.x > a->r.x + a->r.w);
    layout_dlist_free(&dl);
    panel_free(p);
}

/* A landscape screen too small for even two steps side by side: down one rail, as on a portrait
 * one (one step a row across would put each step's text under its stop, wasting the width). */
static void test_timeline_down_when_steps_cannot_sit_side_by_side(void **state)
{
    (void)state;
    panel_t *p = parse("---\ntitle: 歩み\nlayout: timeline\n---\n"
                       "- **第1期** 知的クラスター創成事業を全国の十八の地域で始め、大学の研究成果を地域の産業に結びつけました\n"
                       "  - 2002年から2009年まで、文部科学省の事業として続きました\n"
                       "- **第2期** 地域イノベーション戦略支援プログラム\n  - 2011年から地域が自ら戦略を立てました\n"
                       "- **第3期** 共創の場\n  - 2020年から\n- **第4期** これから\n  - 未来\n");
    dlist_t dl = {0};
    const palette_t *pal = palette_get(PALETTE_NORMAL);
    uint32_t acc = PALETTE_OPAQUE | (pal->accent & 0xFFFFFF);
    layout_panel(p, 640, 360, &tu_m, &dl);
    assert_int_equal(count_items(&dl, LAYOUT_DL_DISC, acc), 4);
    const dl_item_t *first = find_item(&dl, LAYOUT_DL_DISC, 0), *rail = NULL;
    for (int i = 0; i < 4; i++) assert_float_equal(find_item(&dl, LAYOUT_DL_DISC, i)->r.x, first->r.x, 1e-4);
    for (int i = 2; i < dl.nitems; i++) /* after the title's bar and rule */
        if (dl.items[i].kind == LAYOUT_DL_RECT && dl.items[i].color == acc) rail = &dl.items[i];
    assert_non_null(rail);
    assert_true(rail->r.h > rail->r.w); /* upright */
    for (int i = 0; i < dl.nlines; i++)
        if (dl.lines[i].block >= 0) assert_true(dl.lines[i].r.x > first->r.x + first->r.w);
    layout_dlist_free(&dl);
    panel_free(p);
}

/* Down a portrait timeline each stop sits level with its step's first line (the label 第N期),
 * so the eye goes from the stop straight to its step: not half a line above it. */
static void test_timeline_stop_level_with_its_step(void **state)
{
    (void)state;
    panel_t *p = parse(TIMELINE_MD);
    static const int sizes[][2] = {{1080, 1920}, {720, 1280}};
    static const char *labels[] = {"第1期", "第2期", "第3期"};
    for (int s = 0; s < 2; s++) {
        dlist_t dl = {0};
        layout_panel(p, sizes[s][0], sizes[s][1], &tu_m, &dl);
        for (int i = 0; i < 3; i++) {
            const dl_item_t *stop = find_item(&dl, LAYOUT_DL_DISC, i);
            const dl_line_t *first = NULL;
            for (int l = 0; l < dl.nlines && !first; l++)
                if (!strcmp(dl.lines[l].text, labels[i])) first = &dl.lines[l];
            assert_non_null(stop);
            assert_non_null(first);
            float off = (stop->r.y + stop->r.h / 2) - (first->r.y + first->r.h / 2);
            if (fabsf(off) > 0.25f * (float)first->px)
                fail_msg("%dx%d: step %d's stop is %.1f px (%.2f em) off its first line's middle", sizes[s][0], sizes[s][1], i + 1,
                         off, off / (float)first->px);
        }
        layout_dlist_free(&dl);
    }
    panel_free(p);
}

/* A title panel with a QR code under several subtitles: the code takes the height left after
 * its caption, so that the caption stays on the page at the theme's full size. */
static void test_title_panel_qr_leaves_room_for_its_caption(void **state)
{
    (void)state;
    panel_t *p = parse("---\ntitle: 地域科学技術イノベーション\nlayout: title\nqr: https://www.mext.go.jp/\n"
                       "qr_caption: 詳しくはこちら\n---\n未来をつくる地域の力\n\n大学と企業と自治体が力を合わせる\n\n"
                       "全国の地域で\n");
    dlist_t dl = {0};
    layout_panel(p, 1920, 1080, &tu_m, &dl);
    theme_t t;
    theme_for(&t, 1920, 1080);
    const dl_item_t *qr = find_item(&dl, LAYOUT_DL_QR, 0);
    assert_non_null(qr);
    const dl_line_t *cap = &dl.lines[dl.nlines - 1];
    assert_string_equal(cap->text, "詳しくはこちら");
    assert_true(cap->r.y >= qr->r.y + qr->r.h);
    assert_true(cap->r.y + cap->r.h <= 1080 - t.chrome_h + 0.5f);
    assert_false(dl.clipped);
    assert_float_equal(dl.scale, 1.0, 1e-6); /* with room for both, the title keeps its size */
    layout_dlist_free(&dl);
    panel_free(p);
}

static void test_title_panel_centred_on_its_field(void **state)
{
    (void)state;
    panel_t *p = parse("---\ntitle: 地域科学技術イノベーション\nlayout: title\naccent: \"#66CCFF\"\n---\n未来をつくる地域の力\n");
    dlist_t dl = {0};
    const palette_t *pal = palette_get(PALETTE_NORMAL);
    layout_panel(p, 1920, 1080, &tu_m, &dl);
    assert_int_equal(dl.bg, palette_title_field(pal, 0x66CCFF));
    theme_t t;
    theme_for(&t, 1920, 1080);
    float top = 1e9f, bottom = 0;
    for (int i = 0; i < dl.nlines; i++) {
        const dl_line_t *l = &dl.lines[i];
        assert_float_equal(l->r.x + l->r.w / 2, 960, 2.0); /* centred across */
        top = fminf(top, l->r.y);
        bottom = fmaxf(bottom, l->r.y + l->r.h);
    }
    for (int g = 0; g < dl.nglyphs; g++) assert_int_equal(dl.glyphs[g].color, pal->on_accent);
    /* and down: as much room above as below, in the area over the bar */
    float area_top = 0.8f * t.margin, area_bottom = 1080 - t.chrome_h - 0.2f * t.margin;
    assert_float_equal(top - area_top, area_bottom - bottom, 0.12f * (bottom - top) + 2 * t.unit);
    /* the title larger than the line under it, a rule between them */
    assert_true(dl.lines[0].px > dl.lines[dl.nlines - 1].px);
    const dl_item_t *rule = find_item(&dl, LAYOUT_DL_RECT, 0);
    assert_non_null(rule);
    assert_int_equal(rule->color, pal->on_accent);
    assert_float_equal(rule->r.x + rule->r.w / 2, 960, 0.5);
    layout_dlist_free(&dl);
    panel_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_media_beside_or_below_the_text),
        cmocka_unit_test(test_qr_code_scans),
        cmocka_unit_test(test_a_postage_stamp_picture_is_left_out),
        cmocka_unit_test(test_cut_text_ends_with_an_ellipsis),
        cmocka_unit_test(test_items_and_sub_items),
        cmocka_unit_test(test_cards_in_rows),
        cmocka_unit_test(test_timeline_stops_on_a_rail),
        cmocka_unit_test(test_timeline_stop_level_with_its_step),
        cmocka_unit_test(test_timeline_down_when_steps_cannot_sit_side_by_side),
        cmocka_unit_test(test_title_panel_qr_leaves_room_for_its_caption),
        cmocka_unit_test(test_title_panel_centred_on_its_field),
    };
    return cmocka_run_group_tests(tests, tu_fonts_up, tu_fonts_down);
}
