#include "annai/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK_MAX_SEEN 64 /* characters reported per file: enough to see what is wrong */

typedef struct {
    engine_t *e;
    diag_list_t *d;
    const char *path, *tag;
    int face;
    uint32_t seen[CHECK_MAX_SEEN];
    int nseen, count;
} tofu_t;

static bool seen_before(tofu_t *t, uint32_t cp)
{
    for (int i = 0; i < t->nseen; i++)
        if (t->seen[i] == cp) return true;
    if (t->nseen < CHECK_MAX_SEEN) t->seen[t->nseen++] = cp;
    return t->nseen >= CHECK_MAX_SEEN;
}

/* Characters that are not drawn as glyphs: line ends, spaces, controls. */
static bool needs_glyph(uint32_t cp)
{
    return cp > 0x20 && cp != 0x7F && cp != 0xA0 && cp != 0x3000 && !(cp >= 0x200B && cp <= 0x200F) && cp != 0xFEFF;
}

static void scan(tofu_t *t, const char *s, int line, int face)
{
    if (!s) return;
    size_t n = strlen(s), k = 0;
    while (k < n) {
        int32_t cp = utf8_decode(s, n, &k);
        if (cp < 0 || !needs_glyph((uint32_t)cp) || fonts_face_has(t->e->fonts, face, (uint32_t)cp)) continue;
        if (seen_before(t, (uint32_t)cp)) continue;
        char utf8[8] = "";
        utf8_encode((uint32_t)cp, utf8);
        diag_add(t->d, t->path, line, "U+%04X '%s' has no glyph in %s (%s)", (unsigned)cp, utf8,
                 fonts_face_name(t->e->fonts, face), t->tag);
        t->count++;
    }
}

static void scan_panel(tofu_t *t, const panel_t *p)
{
    int regular = t->face, bold = t->face + FONTS_FACE_BOLD;
    scan(t, p->title, p->title_block.line ? p->title_block.line : 1, bold);
    for (int s = 0; s < p->title_block.nspans; s++) scan(t, p->title_block.spans[s].ruby, p->title_block.line, bold);
    scan(t, p->qr_caption, 1, regular);
    for (int b = 0; b < p->nblocks; b++) {
        const block_t *bl = &p->blocks[b];
        scan(t, bl->alt, bl->line, regular);
        for (int s = 0; s < bl->nspans; s++) {
            const span_t *sp = &bl->spans[s];
            bool bold_span = (sp->style & PANEL_STYLE_BOLD) || bl->kind == PANEL_BLOCK_HEADING;
            scan(t, sp->text, bl->line, bold_span ? bold : regular);
            scan(t, sp->ruby, bl->line, bold_span ? bold : regular);
        }
    }
}

int check_glyphs(engine_t *e, diag_list_t *d)
{
    int count = 0;
    for (int l = 0; l < engine_nlangs(e); l++) {
        const metrics_t *m = engine_metrics(e, l);
        tofu_t t = {.e = e, .d = d, .path = "[content] languages", .tag = lang_tag(&e->cfg.langs, l), .face = m->face_base};
        scan(&t, lang_name(&e->cfg.langs, l), 0, m->face_base + FONTS_FACE_BOLD);
        for (int w = 0; w < LANG_UI_COUNT; w++) scan(&t, lang_word(&e->cfg.langs, l, (ui_word_t)w), 0, m->face_base + FONTS_FACE_BOLD);
        count += t.count;
        for (int i = 0; i < e->deck.count; i++) {
            const panel_t *p = e->deck.entries[i].lang[l];
            if (!p) continue;
            t = (tofu_t){.e = e, .d = d, .path = p->path, .tag = t.tag, .face = m->face_base};
            scan_panel(&t, p);
            count += t.count;
        }
    }
    return count;
}

int check_faces(engine_t *e, diag_list_t *d)
{
    for (int l = 0; l < engine_nlangs(e); l++) engine_metrics(e, l);
    for (int i = 0; i < e->font_diags.count; i++) diag_add(d, "[fonts]", 0, "%s", e->font_diags.items[i].text);
    return e->font_diags.count;
}
