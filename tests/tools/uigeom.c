/* Prints where the on-screen controls are for a screen size, so that end-to-end scripts tap
 * what a visitor would tap without hard-coding coordinates: "name x y" (centres).
 * pickN: the Nth language of the picker. */
#include <stdio.h>
#include <stdlib.h>
#include "annai/ui.h"

static void put(const char *name, rectf_t r) { printf("%s %d %d\n", name, (int)(r.x + r.w / 2), (int)(r.y + r.h / 2)); }

int main(int argc, char **argv)
{
    if (argc < 4) { fprintf(stderr, "usage: uigeom W H PANELS [LANGUAGES]\n"); return 2; }
    int w = atoi(argv[1]), h = atoi(argv[2]), n = atoi(argv[3]), nl = argc > 4 ? atoi(argv[4]) : 2;
    ui_picker_t pk;
    ui_picker_geometry(&pk, w, h, nl);
    ui_chrome_t c;
    ui_index_t ix;
    ui_admin_t a;
    ui_chrome_geometry(&c, w, h, n);
    ui_index_geometry(&ix, w, h, n);
    ui_admin_geometry(&a, w, h, true);
    put("prev", c.prev);
    put("next", c.next);
    put("index", c.index);
    put("lang", c.lang);
    put("access", c.access);
    put("furigana", c.furigana); /* the tray's buttons, where they are once 見やすく opened it */
    put("large", c.large);
    put("contrast", c.contrast);
    put("speaker", c.speaker);
    for (int i = 0; i < c.ndots; i++) { char k[16]; snprintf(k, sizeof k, "dot%d", i + 1); put(k, c.dots[i]); }
    put("index_close", ix.close);
    for (int i = 0; i < ix.n; i++) { char k[16]; snprintf(k, sizeof k, "entry%d", i + 1); put(k, ix.entries[i]); }
    put("picker_close", pk.close);
    for (int i = 0; i < pk.n; i++) { char k[16]; snprintf(k, sizeof k, "pick%d", i + 1); put(k, pk.entries[i]); }
    put("admin_close", a.close);
    put("admin_reload", a.reload);
    for (int i = 0; i < 12; i++) { char k[16]; snprintf(k, sizeof k, "key%d", i); put(k, a.keys[i]); }
    return 0;
}
