/* markdown: a panel's body through md4c's callbacks into blocks and spans (markdown.h). */
#include "annai/markdown.h"
#include "annai/image.h"
#include "panel_private.h"

#include <md4c.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    panel_t *p;
    const char *doc, *doc_end; /* the body, for line numbers */
    int last_line;        /* of the last text inside the body */
    int first_line;
    const char *path, *dir;
    diag_list_t *diags;
    block_t *cur;         /* block receiving text, or NULL */
    unsigned style;
    int list_depth, in_item, in_image;
    bool pending_soft;
    buf_t alt;
    char *img_src;
    int img_line;
} md_ctx_t;

/* md4c hands some text (line breaks, NUL replacements) from its own static strings, not from
 * the document: those take the line of the text before them. */
static int line_of(md_ctx_t *c, const char *p)
{
    if (p < c->doc || p > c->doc_end) return c->last_line ? c->last_line : c->first_line;
    int line = c->first_line;
    for (const char *q = c->doc; q < p; q++) line += *q == '\n';
    return c->last_line = line;
}

static bool is_latin(int32_t c) { return c > 0 && c < 0x3000 && c != '\n'; }

/* The last character of the block's text so far, 0 when there is none. */
static int32_t last_cp(const block_t *b)
{
    const char *t = b->nspans ? b->spans[b->nspans - 1].text : "";
    size_t n = strlen(t), i = n;
    while (i > 0 && ((unsigned char)t[--i] & 0xC0) == 0x80) {} /* back to the lead byte */
    return n ? utf8_decode(t, n, &i) : 0;
}

static void text_append(md_ctx_t *c, const char *t, size_t n)
{
    block_t *b = c->cur;
    if (!b || !n) return;
    if (c->pending_soft) {
        /* JLREQ: a newline in the source joins CJK with nothing, Latin words with a space. */
        size_t k = 0;
        int32_t next = utf8_decode(t, n, &k);
        c->pending_soft = false;
        if (is_latin(last_cp(b)) && is_latin(next)) text_append(c, " ", 1);
    }
    if (b->nspans && b->spans[b->nspans - 1].style == c->style && !b->spans[b->nspans - 1].ruby) {
        span_t *s = &b->spans[b->nspans - 1];
        size_t old = strlen(s->text);
        s->text = mem_realloc(s->text, old + n + 1);
        memcpy(s->text + old, t, n);
        s->text[old + n] = 0;
    } else {
        panel_span_push(b, t, n, NULL, c->style);
    }
}

static block_t *ensure_block(md_ctx_t *c, block_kind_t kind, const char *at)
{
    if (c->cur) return c->cur;
    if (c->p->nblocks >= CONTENT_MAX_BLOCKS) return NULL;
    c->cur = panel_block_new(c->p, kind, kind == PANEL_BLOCK_ITEM ? c->list_depth : 0, line_of(c, at));
    if (kind == PANEL_BLOCK_ITEM && c->cur->level > CONTENT_MAX_LIST_DEPTH) c->cur->level = CONTENT_MAX_LIST_DEPTH;
    return c->cur;
}

static int md_enter_block(MD_BLOCKTYPE t, void *detail, void *u)
{
    md_ctx_t *c = u;
    switch (t) {
    case MD_BLOCK_UL: case MD_BLOCK_OL:
        c->list_depth++;
        c->cur = NULL;
        break;
    case MD_BLOCK_LI:
        c->in_item++;
        c->cur = NULL;
        c->pending_soft = false;
        break;
    case MD_BLOCK_H:
        c->cur = NULL;
        if (c->p->nblocks < CONTENT_MAX_BLOCKS) {
            c->cur = panel_block_new(c->p, PANEL_BLOCK_HEADING, (int)((MD_BLOCK_H_DETAIL *)detail)->level, 0);
        }
        break;
    case MD_BLOCK_P: case MD_BLOCK_CODE: case MD_BLOCK_QUOTE: case MD_BLOCK_TD: case MD_BLOCK_TH:
        if (c->in_item && c->cur && c->cur->kind == PANEL_BLOCK_ITEM) {
            if (c->cur->nspans) c->pending_soft = true;
        } else {
            c->cur = NULL;
        }
        break;
    default:
        break;
    }
    return 0;
}

static int md_leave_block(MD_BLOCKTYPE t, void *detail, void *u)
{
    md_ctx_t *c = u;
    (void)detail;
    if (t == MD_BLOCK_UL || t == MD_BLOCK_OL) c->list_depth--;
    if (t == MD_BLOCK_LI) c->in_item--;
    if (t != MD_BLOCK_P || !c->in_item) c->cur = NULL;
    c->pending_soft = false;
    return 0;
}

static void image_finish(md_ctx_t *c)
{
    const char *err = NULL;
    int w = 0, h = 0;
    char *real = image_check(c->img_src, c->dir, &w, &h, &err);
    if (!real) {
        diag_add(c->diags, c->path, c->img_line, "%s: %s", err, c->img_src);
    } else if (c->p->nblocks < CONTENT_MAX_BLOCKS) {
        block_t *b = panel_block_new(c->p, PANEL_BLOCK_IMAGE, 0, c->img_line);
        b->image = real;
        b->alt = buf_take(&c->alt);
        b->img_w = w;
        b->img_h = h;
    } else {
        free(real);
    }
    buf_free(&c->alt);
    free(c->img_src);
    c->img_src = NULL;
}

static int md_enter_span(MD_SPANTYPE t, void *detail, void *u)
{
    md_ctx_t *c = u;
    if (t == MD_SPAN_STRONG) c->style |= PANEL_STYLE_BOLD;
    if (t == MD_SPAN_EM) c->style |= PANEL_STYLE_EM;
    if (t == MD_SPAN_IMG && !c->in_image++) {
        MD_SPAN_IMG_DETAIL *d = detail;
        c->img_src = mem_strndup(d->src.text, d->src.size);
        c->img_line = line_of(c, d->src.text);
    }
    return 0;
}

static int md_leave_span(MD_SPANTYPE t, void *detail, void *u)
{
    md_ctx_t *c = u;
    (void)detail;
    if (t == MD_SPAN_STRONG) c->style &= ~(unsigned)PANEL_STYLE_BOLD;
    if (t == MD_SPAN_EM) c->style &= ~(unsigned)PANEL_STYLE_EM;
    if (t == MD_SPAN_IMG && !--c->in_image) {
        image_finish(c);
        c->cur = NULL; /* text after an image starts a new block, after it */
    }
    return 0;
}

static void entity_append(md_ctx_t *c, const char *t, size_t n)
{
    static const struct { const char *name; const char *utf8; } named[] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&nbsp;", "\xC2\xA0"}};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (n == strlen(named[i].name) && !memcmp(t, named[i].name, n)) { text_append(c, named[i].utf8, strlen(named[i].utf8)); return; }
    if (n > 3 && n < 16 && t[1] == '#') {
        char tmp[16];
        memcpy(tmp, t, n);
        tmp[n - 1] = 0; /* drop ';' */
        bool hex = tmp[2] == 'x' || tmp[2] == 'X';
        long cp = strtol(tmp + (hex ? 3 : 2), NULL, hex ? 16 : 10);
        char o[4];
        if (cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
            text_append(c, o, (size_t)utf8_encode((uint32_t)cp, o));
            return;
        }
    }
    text_append(c, t, n);
}

static int md_text(MD_TEXTTYPE t, const MD_CHAR *text, MD_SIZE size, void *u)
{
    md_ctx_t *c = u;
    if (c->in_image) { buf_put(&c->alt, text, size); return 0; }
    /* any text places the block, an entity too (line_of knows md4c's own strings) */
    if (!c->cur && !ensure_block(c, c->in_item ? PANEL_BLOCK_ITEM : PANEL_BLOCK_PARAGRAPH, text)) return 0;
    if (!c->cur->line) c->cur->line = line_of(c, text);
    switch (t) {
    case MD_TEXT_SOFTBR: c->pending_soft = true; break;
    case MD_TEXT_BR: text_append(c, "\n", 1); break;
    case MD_TEXT_NULLCHAR: text_append(c, "\xEF\xBF\xBD", 3); break;
    case MD_TEXT_ENTITY: entity_append(c, text, size); break;
    case MD_TEXT_HTML: break;
    default: text_append(c, text, size); break;
    }
    return 0;
}

void markdown_parse(panel_t *p, const char *body, size_t n, int first_line, const char *dir, diag_list_t *diags)
{
    md_ctx_t c = {.p = p, .doc = body, .doc_end = body + n, .first_line = first_line, .path = p->path, .dir = dir,
                  .diags = diags};
    MD_PARSER parser = {0};
    parser.flags = MD_FLAG_NOHTML | MD_FLAG_COLLAPSEWHITESPACE;
    parser.enter_block = md_enter_block;
    parser.leave_block = md_leave_block;
    parser.enter_span = md_enter_span;
    parser.leave_span = md_leave_span;
    parser.text = md_text;
    md_parse(body, (MD_SIZE)n, &parser, &c);
    free(c.img_src);
    buf_free(&c.alt);
}
