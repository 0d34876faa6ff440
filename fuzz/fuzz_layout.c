/* libFuzzer: arbitrary text laid out at an arbitrary screen size with the real fonts, in every
 * layout. Whatever the size (zero, negative, huge), layout ends; at a real screen's size,
 * whatever the text, nothing leaves the screen, no line is set below the legible minimum,
 * and no line starts with a character kinsoku keeps off a line's start unless the line
 * before is a run of such characters too long to fit. */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "annai/layout.h"
#include "annai/linebreak.h"
#include "fuzz.h"

static fonts_t *fonts;
static metrics_t m;
static float adv(void *ud, int face, float px, uint32_t cp) { return fonts_advance(ud, (face_t)face, px, cp); }

static const char *const layouts[] = {"title", "text", "list", "timeline", "cards"};
#define ODD_FROM 0xF8
static const int odd_sides[256 - ODD_FROM] = {0, -1, -64, 1, 2, 63, INT_MIN, INT_MAX};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fonts) {
        diag_list_t d = {0};
        linebreak_init();
        fonts = fonts_create(getenv("ANNAI_FONTS") ? getenv("ANNAI_FONTS") : "fonts", &d);
        FUZZ_CHECK(fonts != NULL);
        m = (metrics_t){fonts, adv, fonts_ascent_em(fonts, FONTS_FACE_REGULAR), NULL, FONTS_FACE_REGULAR, LANG_BREAKS_JA, "ja", false};
    }
    if (size < 3) return 0;
    /* a first or second byte from 0xF8 (never in UTF-8 text) picks a side from odd_sides:
     * layout must end for any size a window manager or a flag could hand it; what lands on a
     * screen that small or that large is only checked for the sizes of real screens */
    bool odd = data[0] >= ODD_FROM || data[1] >= ODD_FROM;
    int w = data[0] >= ODD_FROM ? odd_sides[data[0] - ODD_FROM] : 320 + (data[0] % 16) * 240; /* 320..3920 */
    int h = data[1] >= ODD_FROM ? odd_sides[data[1] - ODD_FROM] : 240 + (data[1] % 16) * 240; /* x 240..3840 */
    const char *layout = layouts[data[2] % 5];
    char head[128];
    int hn = snprintf(head, sizeof head, "---\ntitle: 題\nlayout: %s\n---\n", layout);
    char *md = malloc((size_t)hn + size);
    memcpy(md, head, (size_t)hn);
    memcpy(md + hn, data + 3, size - 3);
    diag_list_t d = {0};
    panel_t *p = panel_parse("fuzz.md", md, (size_t)hn + size - 3, "fuzz", &d);
    if (p) {
        dlist_t dl = {0};
        layout_panel(p, w, h, &m, &dl);
        for (int i = 0; i < dl.nlines && !odd; i++) {
            rectf_t r = dl.lines[i].r;
            FUZZ_CHECK(r.x >= -0.5f && r.y >= -0.5f && r.x + r.w <= (float)w + 0.5f && r.y + r.h <= (float)h + 0.5f);
            FUZZ_CHECK(dl.lines[i].px >= 16);
        }
        for (int i = 0; i < dl.nglyphs && !odd; i++)
            FUZZ_CHECK(dl.glyphs[i].x >= -1 && dl.glyphs[i].x <= (float)w && dl.glyphs[i].y >= 0 && dl.glyphs[i].y <= (float)h);
        layout_dlist_free(&dl);
        panel_free(p);
    }
    diag_clear(&d);
    free(md);
    return 0;
}
