/* panel: one panel file read, checked and parsed into its model; the rooms do each part:
 * frontmatter.c (the keys), markdown.c (the body), ruby.c and quotes.c (span typography),
 * image.c (pictures, called from markdown.c), qr.c (the QR code). */
#include "annai/panel.h"
#include "annai/frontmatter.h"
#include "annai/markdown.h"
#include "annai/qr.h"
#include "annai/quotes.h"
#include "annai/ruby.h"
#include "panel_private.h"

#include <stdlib.h>
#include <string.h>

#define UTF8_BOM "\xEF\xBB\xBF"
#define UTF8_BOM_BYTES 3

static const char *layout_names[PANEL_LAYOUT_COUNT] = {"title", "text", "list", "timeline", "cards"};

const char *panel_layout_name(panel_layout_t l) { return layout_names[l]; }

/* ---- the model ---- */

block_t *panel_block_new(panel_t *p, block_kind_t kind, int level, int line)
{
    MEM_ARRAY_GROW(p->blocks, p->nblocks, p->capblocks, p->nblocks + 1);
    block_t *b = &p->blocks[p->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->level = level;
    b->line = line;
    return b;
}

span_t *panel_span_push(block_t *b, const char *text, size_t n, const char *ruby, unsigned style)
{
    MEM_ARRAY_GROW(b->spans, b->nspans, b->capspans, b->nspans + 1);
    span_t *s = &b->spans[b->nspans++];
    s->text = mem_strndup(text, n);
    s->ruby = ruby ? mem_strdup(ruby) : NULL;
    s->style = style;
    return s;
}

void panel_block_free(block_t *b)
{
    for (int i = 0; i < b->nspans; i++) { free(b->spans[i].text); free(b->spans[i].ruby); }
    free(b->spans);
    free(b->image);
    free(b->alt);
}

void panel_free(panel_t *p)
{
    if (!p) return;
    for (int i = 0; i < p->nblocks; i++) panel_block_free(&p->blocks[i]);
    free(p->blocks);
    panel_block_free(&p->title_block);
    free(p->path); free(p->stem); free(p->title); free(p->tag);
    free(p->qr); free(p->qr_caption); free(p->qr_modules);
    free(p);
}

/* ---- one file ---- */

/* A title may carry readings too (やさしい日本語 puts them on every kanji): the title is set
 * from its spans, ruby and all, and p->title keeps the plain text (the index, messages). */
static void title_ruby(panel_t *p, int line, diag_list_t *diags)
{
    if (!p->title) return;
    block_t *b = &p->title_block;
    b->kind = PANEL_BLOCK_HEADING;
    b->line = line;
    panel_span_push(b, p->title, strlen(p->title), NULL, PANEL_STYLE_BOLD);
    ruby_apply(b, p->path, diags);
    buf_t plain = {0};
    for (int i = 0; i < b->nspans; i++) buf_puts(&plain, b->spans[i].text);
    free(p->title);
    p->title = plain.data ? buf_take(&plain) : mem_strdup("");
}

/* NAME.md or NAME.TAG.md, TAG a BCP 47 tag (en, zh-Hans, ja-x-easy): *tag NULL for the first. */
static char *stem_of(const char *path, char **tag)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 3 && !strcmp(base + n - 3, ".md")) n -= 3;
    *tag = NULL;
    char *stem = mem_strndup(base, n);
    char *dot = strrchr(stem, '.');
    if (dot && dot != stem && lang_tag_valid(dot + 1)) {
        *tag = mem_strdup(dot + 1);
        *dot = 0;
    }
    return stem;
}

/* Normalises CRLF to LF so that every later step sees one kind of line end. */
static char *strip_cr(const char *d, size_t n, size_t *out_n)
{
    char *o = mem_realloc(NULL, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!(d[i] == '\r' && i + 1 < n && d[i + 1] == '\n')) o[k++] = d[i];
    o[k] = 0;
    *out_n = k;
    return o;
}

static bool bytes_valid(const char *path, const char *d, size_t n, diag_list_t *diags)
{
    const char *nul = memchr(d, 0, n);
    long bad = utf8_first_invalid(d, n);
    if (!nul && bad < 0) return true;
    size_t stop = bad >= 0 ? (size_t)bad : (size_t)(nul - d);
    if (nul && (size_t)(nul - d) < stop) stop = (size_t)(nul - d);
    int line = 1;
    for (size_t i = 0; i < stop; i++) line += d[i] == '\n';
    diag_add(diags, path, line, nul && (size_t)(nul - d) == stop ? "NUL byte in file" : "invalid UTF-8");
    return false;
}

/* Front matter, QR, title readings, then the body and its span typography, in the order of
 * their messages. */
static void panel_fill(panel_t *p, const char *d, size_t n, const char *dir, diag_list_t *diags)
{
    size_t fs, fl;
    int body_line;
    long body = frontmatter_split(d, n, &fs, &fl, &body_line);
    if (body < 0) {
        diag_add(diags, p->path, 1, "front matter starts with --- but never ends");
        return;
    }
    frontmatter_parse(p, d + fs, fl, diags);
    qr_build(p, frontmatter_key_line(d + fs, fl, "qr", FRONTMATTER_FIRST_LINE), diags);
    title_ruby(p, frontmatter_key_line(d + fs, fl, "title", FRONTMATTER_FIRST_LINE), diags);
    markdown_parse(p, d + body, n - (size_t)body, body_line, dir, diags);
    for (int i = 0; i < p->nblocks; i++) {
        ruby_apply(&p->blocks[i], p->path, diags);
        quotes_apply(&p->blocks[i]);
    }
    if (!p->nblocks && p->layout != PANEL_TITLE && !p->qr)
        diag_add(diags, p->path, body_line, "empty panel: no text after the front matter");
}

panel_t *panel_parse(const char *path, const char *data, size_t len, const char *dir, diag_list_t *diags)
{
    int before = diags->count;
    if (len >= UTF8_BOM_BYTES && !memcmp(data, UTF8_BOM, UTF8_BOM_BYTES)) { data += UTF8_BOM_BYTES; len -= UTF8_BOM_BYTES; }
    if (!bytes_valid(path, data, len, diags)) return NULL;
    size_t n;
    char *d = strip_cr(data, len, &n);
    panel_t *p = mem_calloc(1, sizeof *p);
    p->path = mem_strdup(path);
    p->stem = stem_of(path, &p->tag);
    p->layout = PANEL_TEXT;
    timeplan_init(&p->plan);
    panel_fill(p, d, n, dir, diags);
    free(d);
    if (diags->count - before > CONTENT_MAX_FILE_DIAGS) { /* thousands of bad keys: the first few say enough */
        int more = diags->count - before - CONTENT_MAX_FILE_DIAGS;
        diag_truncate(diags, before + CONTENT_MAX_FILE_DIAGS);
        diag_add(diags, path, 0, "%d more problems in this file", more);
    }
    if (diags->count > before) { panel_free(p); return NULL; }
    quotes_in_string(&p->title);
    quotes_in_string(&p->qr_caption);
    return p;
}

panel_t *panel_load(const char *path, const char *dir, diag_list_t *diags)
{
    char *data;
    size_t len;
    const char *err;
    if (path_read(path, PATH_MAX_FILE_BYTES, &data, &len, &err) != 0) {
        diag_add(diags, path, 0, "%s", err);
        return NULL;
    }
    if (len == 0) {
        diag_add(diags, path, 0, "empty file");
        free(data);
        return NULL;
    }
    panel_t *p = panel_parse(path, data, len, dir, diags);
    free(data);
    return p;
}
