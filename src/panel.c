#define _DEFAULT_SOURCE
#include "annai/panel.h"
#include "annai/linebreak.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <md4c.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *layout_names[] = {"title", "text", "list", "timeline", "cards"};

const char *panel_layout_name(panel_layout_t l) { return layout_names[l]; }

/* ---- model helpers ---- */

static block_t *block_new(panel_t *p, block_kind_t kind, int level, int line)
{
    MEM_ARRAY_GROW(p->blocks, p->nblocks, p->capblocks, p->nblocks + 1);
    block_t *b = &p->blocks[p->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->level = level;
    b->line = line;
    return b;
}

static span_t *span_push(block_t *b, const char *text, size_t n, const char *ruby, unsigned style)
{
    MEM_ARRAY_GROW(b->spans, b->nspans, b->capspans, b->nspans + 1);
    span_t *s = &b->spans[b->nspans++];
    s->text = mem_strndup(text, n);
    s->ruby = ruby ? mem_strdup(ruby) : NULL;
    s->style = style;
    return s;
}

static void block_free(block_t *b)
{
    for (int i = 0; i < b->nspans; i++) { free(b->spans[i].text); free(b->spans[i].ruby); }
    free(b->spans);
    free(b->image);
    free(b->alt);
}

void panel_free(panel_t *p)
{
    if (!p) return;
    for (int i = 0; i < p->nblocks; i++) block_free(&p->blocks[i]);
    free(p->blocks);
    block_free(&p->title_block);
    free(p->path); free(p->stem); free(p->title); free(p->tag);
    free(p->qr); free(p->qr_caption); free(p->qr_modules);
    free(p);
}

/* ---- ruby (Aozora notation) ---- */

#define RUBY_BAR 0xFF5C   /* ｜ starts an explicit base */
#define RUBY_OPEN 0x300A  /* 《 */
#define RUBY_CLOSE 0x300B /* 》 */

static bool is_kanji(int32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x2FFFF) || c == 0x3005 || c == 0x3006 || c == 0x30F6;
}

/* Splits one span's text into plain and ruby spans appended to out. */
static void ruby_split(const span_t *s, block_t *out, const char *path, int line, diag_list_t *d)
{
    const char *t = s->text;
    size_t n = strlen(t), plain = 0, i = 0;
    long bar = -1;          /* byte offset of the base when ｜ was seen */
    long kanji_start = -1;  /* start of the current kanji run */
    while (i < n) {
        size_t at = i;
        int32_t c = utf8_decode(t, n, &i);
        if (c == RUBY_BAR) { bar = (long)at; kanji_start = -1; continue; }
        if (c != RUBY_OPEN) {
            if (is_kanji(c)) { if (kanji_start < 0) kanji_start = (long)at; }
            else kanji_start = -1;
            continue;
        }
        const char *close = strstr(t + i, "》");
        long base = bar >= 0 ? bar : kanji_start;
        if (!close) {
            diag_add(d, path, line, "ruby 《 without closing 》");
            break;
        }
        if (base < 0) continue; /* 《 with no base: plain text, as in Aozora */
        size_t base_text = (size_t)base + (bar >= 0 ? 3 : 0);
        if (base_text >= at || close == t + i) { bar = -1; continue; } /* empty base or reading */
        if ((size_t)base > plain) span_push(out, t + plain, (size_t)base - plain, NULL, s->style);
        char *reading = mem_strndup(t + i, (size_t)(close - (t + i)));
        span_push(out, t + base_text, at - base_text, reading, s->style);
        free(reading);
        i = (size_t)(close - t) + 3;
        plain = i;
        bar = kanji_start = -1;
    }
    if (bar >= 0) {
        /* a lone ｜ is dropped, as in Aozora; keep the text around it */
        if ((size_t)bar > plain) span_push(out, t + plain, (size_t)bar - plain, NULL, s->style);
        plain = (size_t)bar + 3;
    }
    if (plain < n) span_push(out, t + plain, n - plain, NULL, s->style);
}

/* Typewriter quotes become typographic ones, as a typesetter would set them: " and ' after a
 * space, an opening bracket or the start of a block open (“ ‘), elsewhere they close (” ’). */
void panel_smart_quotes(block_t *b)
{
    uint32_t prev = ' ';
    for (int i = 0; i < b->nspans; i++) {
        const char *t = b->spans[i].text;
        if (!strpbrk(t, "\"'")) {
            size_t n = strlen(t), k = 0;
            while (k < n) { int32_t c = utf8_decode(t, n, &k); prev = c < 0 ? 0xFFFD : (uint32_t)c; }
            continue;
        }
        buf_t out = {0};
        size_t n = strlen(t), k = 0;
        while (k < n) {
            size_t at = k;
            int32_t c = utf8_decode(t, n, &k);
            bool opens = prev == ' ' || prev == '\n' || prev == '(' || prev == '[' || prev == 0x2014 ||
                         prev == 0x2013 || prev == 0x201C || prev == 0x2018 || linebreak_is_cjk(prev);
            if (c == '"') buf_puts(&out, opens ? "\u201C" : "\u201D");
            else if (c == '\'') buf_puts(&out, opens ? "\u2018" : "\u2019");
            else buf_put(&out, t + at, k - at);
            prev = c < 0 ? 0xFFFD : (uint32_t)c;
        }
        free(b->spans[i].text);
        b->spans[i].text = buf_take(&out);
    }
}

static void quotes_in_string(char **s)
{
    if (!*s) return;
    span_t sp = {*s, NULL, 0};
    block_t b = {.spans = &sp, .nspans = 1};
    panel_smart_quotes(&b);
    *s = sp.text;
}

void panel_apply_ruby(block_t *b, const char *path, diag_list_t *diags)
{
    block_t out = {0};
    for (int i = 0; i < b->nspans; i++) {
        if (b->spans[i].ruby) span_push(&out, b->spans[i].text, strlen(b->spans[i].text), b->spans[i].ruby, b->spans[i].style);
        else ruby_split(&b->spans[i], &out, path, b->line, diags);
        free(b->spans[i].text);
        free(b->spans[i].ruby);
    }
    free(b->spans);
    b->spans = out.spans;
    b->nspans = out.nspans;
    b->capspans = out.capspans;
}

/* ---- images ---- */

static unsigned be32(const unsigned char *p) { return (unsigned)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }

/* Reads width and height from a PNG or JPEG header without decoding it. */
static const char *image_probe(const char *path, int *w, int *h)
{
    /* non-blocking, and checked again on the open file: a FIFO swapped in after image_resolve's
     * stat must not block the reload */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0) return "cannot read image";
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) { close(fd); return "image is not a regular file"; }
    unsigned char hd[64 * 1024];
    size_t n = 0;
    while (n < sizeof hd) {
        ssize_t r = read(fd, hd + n, sizeof hd - n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        n += (size_t)r;
    }
    close(fd);
    if (n >= 24 && !memcmp(hd, "\x89PNG\r\n\x1a\n", 8) && !memcmp(hd + 12, "IHDR", 4)) {
        *w = (int)be32(hd + 16);
        *h = (int)be32(hd + 20);
        return *w > 0 && *h > 0 ? NULL : "corrupt PNG header";
    }
    if (n >= 8 && !memcmp(hd, "\x89PNG\r\n\x1a\n", 8)) return "truncated PNG image";
    if (n >= 4 && hd[0] == 0xFF && hd[1] == 0xD8) {
        for (size_t i = 2; i + 9 < n;) {
            if (hd[i] != 0xFF) return "corrupt JPEG header";
            unsigned m = hd[i + 1], seglen = (unsigned)hd[i + 2] << 8 | hd[i + 3];
            if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
                *h = hd[i + 5] << 8 | hd[i + 6];
                *w = hd[i + 7] << 8 | hd[i + 8];
                return *w > 0 && *h > 0 ? NULL : "corrupt JPEG header";
            }
            if (seglen < 2) return "corrupt JPEG header";
            i += 2 + seglen;
        }
        return "truncated or corrupt JPEG";
    }
    return "not a PNG or JPEG image";
}

/* Resolves src against the content folder; NULL with a message when it escapes or is bad. */
static char *image_resolve(const char *src, const char *dir, const char **err)
{
    if (!*src) { *err = "image without a path"; return NULL; }
    if (src[0] == '/' || strstr(src, "://")) { *err = "image path must be relative to the content folder"; return NULL; }
    char *joined = path_join(dir, src);
    char real[PATH_MAX], realdir[PATH_MAX];
    if (!realpath(joined, real)) { free(joined); *err = "image not found"; return NULL; }
    free(joined);
    if (!realpath(dir, realdir)) { *err = "content folder not found"; return NULL; }
    size_t dn = strlen(realdir);
    if (strncmp(real, realdir, dn) || real[dn] != '/') { *err = "image is outside the content folder"; return NULL; }
    struct stat st;
    if (stat(real, &st) != 0 || !S_ISREG(st.st_mode)) { *err = "image is not a regular file"; return NULL; }
    if (st.st_size > PANEL_MAX_IMAGE_BYTES) { *err = "image file too large"; return NULL; }
    return mem_strdup(real);
}

/* ---- Markdown body via md4c ---- */

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

static int32_t last_cp(const block_t *b)
{
    if (!b->nspans) return 0;
    const char *t = b->spans[b->nspans - 1].text;
    size_t n = strlen(t), i = n;
    while (i > 0 && ((unsigned char)t[i - 1] & 0xC0) == 0x80) i--;
    if (i == 0 && n == 0) return 0;
    size_t j = i > 0 ? i - 1 : 0;
    return utf8_decode(t, n, &j);
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
        span_push(b, t, n, NULL, c->style);
    }
}

static block_t *ensure_block(md_ctx_t *c, block_kind_t kind, const char *at)
{
    if (c->cur) return c->cur;
    if (c->p->nblocks >= CONTENT_MAX_BLOCKS) return NULL;
    c->cur = block_new(c->p, kind, kind == PANEL_BLOCK_ITEM ? c->list_depth : 0, at ? line_of(c, at) : c->first_line);
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
            c->cur = block_new(c->p, PANEL_BLOCK_HEADING, (int)((MD_BLOCK_H_DETAIL *)detail)->level, 0);
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
    char *real = image_resolve(c->img_src, c->dir, &err);
    int w = 0, h = 0;
    if (real && !(err = image_probe(real, &w, &h)) && (w > CONTENT_MAX_IMAGE_SIDE || h > CONTENT_MAX_IMAGE_SIDE))
        err = "image dimensions too large";
    if (err) {
        diag_add(c->diags, c->path, c->img_line, "%s: %s", err, c->img_src);
        free(real);
    } else if (c->p->nblocks < CONTENT_MAX_BLOCKS) {
        block_t *b = block_new(c->p, PANEL_BLOCK_IMAGE, 0, c->img_line);
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
    if (!c->cur && !ensure_block(c, c->in_item ? PANEL_BLOCK_ITEM : PANEL_BLOCK_PARAGRAPH, t == MD_TEXT_NORMAL ? text : NULL))
        return 0;
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

static void body_parse(md_ctx_t *c, const char *body, size_t n)
{
    MD_PARSER parser = {0};
    parser.flags = MD_FLAG_NOHTML | MD_FLAG_COLLAPSEWHITESPACE;
    parser.enter_block = md_enter_block;
    parser.leave_block = md_leave_block;
    parser.enter_span = md_enter_span;
    parser.leave_span = md_leave_span;
    parser.text = md_text;
    md_parse(body, (MD_SIZE)n, &parser, c);
    free(c->img_src);
    buf_free(&c->alt);
    for (int i = 0; i < c->p->nblocks; i++) {
        panel_apply_ruby(&c->p->blocks[i], c->path, c->diags);
        panel_smart_quotes(&c->p->blocks[i]);
    }
}

/* ---- front matter ---- */

typedef struct {
    panel_t *p;
    const char *path;
    diag_list_t *diags;
} fm_ctx_t;

static bool parse_accent(const char *v, uint32_t *out)
{
    if (v[0] != '#' || strlen(v) != 7) return false;
    for (int i = 1; i < 7; i++)
        if (!strchr("0123456789abcdefABCDEF", v[i])) return false;
    *out = (uint32_t)strtoul(v + 1, NULL, 16);
    return true;
}

static int fm_key(void *user, const char *section, const char *key, const char *value, int line)
{
    fm_ctx_t *c = user;
    panel_t *p = c->p;
    const char *err = NULL;
    size_t vn = strlen(value);
    char *v = (vn >= 2 && ((value[0] == '"' && value[vn - 1] == '"') || (value[0] == '\'' && value[vn - 1] == '\'')))
                  ? mem_strndup(value + 1, vn - 2) : mem_strdup(value);
    if (*section) diag_add(c->diags, c->path, line, "front matter has no sections ([%s])", section);
    else if (!strcmp(key, "title")) { free(p->title); p->title = v; v = NULL; if (!*p->title) diag_add(c->diags, c->path, line, "empty title"); }
    else if (!strcmp(key, "layout")) {
        int found = -1;
        for (int i = 0; i < 5; i++) if (!strcmp(v, layout_names[i])) found = i;
        if (found < 0) diag_add(c->diags, c->path, line, "unknown layout '%s' (title, text, list, timeline or cards)", v);
        else p->layout = (panel_layout_t)found;
    } else if (!strcmp(key, "dwell")) {
        char *end;
        double d = strtod(v, &end);
        if (!*v || *end || d < 1 || d > 3600) diag_add(c->diags, c->path, line, "bad dwell '%s' (seconds, 1 to 3600)", v);
        else p->dwell_s = d;
    } else if (!strcmp(key, "qr")) { free(p->qr); p->qr = v; v = NULL; }
    else if (!strcmp(key, "qr_caption")) { free(p->qr_caption); p->qr_caption = v; v = NULL; }
    else if (!strcmp(key, "accent")) {
        if (!parse_accent(v, &p->accent)) diag_add(c->diags, c->path, line, "bad accent '%s' (#rrggbb)", v);
        else p->has_accent = true;
    } else if (!timeplan_parse_key(&p->plan, key, v, &err)) diag_add(c->diags, c->path, line, "unknown key '%s'", key);
    else if (err) diag_add(c->diags, c->path, line, "%s '%s': %s", key, v, err);
    free(v);
    return 1;
}

static void qr_build(panel_t *p, int line, diag_list_t *d)
{
    if (!p->qr) return;
    if (!*p->qr) { diag_add(d, p->path, line, "empty qr"); return; }
    QRcode *q = QRcode_encodeString8bit(p->qr, 0, QR_ECLEVEL_M);
    if (!q) { diag_add(d, p->path, line, "qr payload too long to encode (%zu bytes)", strlen(p->qr)); return; }
    p->qr_size = q->width;
    p->qr_modules = mem_calloc((size_t)q->width * (size_t)q->width, 1);
    for (int i = 0; i < q->width * q->width; i++) p->qr_modules[i] = q->data[i] & 1;
    QRcode_free(q);
}

static int find_line_of_key(const char *fm, size_t n, const char *key, int first)
{
    int line = first;
    size_t kl = strlen(key);
    for (const char *p = fm; p < fm + n; line++) {
        if ((size_t)(fm + n - p) > kl && !strncmp(p, key, kl) && (p[kl] == ':' || p[kl] == ' ' || p[kl] == '=')) return line;
        const char *nl = memchr(p, '\n', (size_t)(fm + n - p));
        if (!nl) break;
        p = nl + 1;
    }
    return first;
}

/* Splits "---\n...\n---\n" from the body. Returns the body offset; -1 when never closed. */
static long front_matter_split(const char *d, size_t n, size_t *fm_start, size_t *fm_len, int *body_line)
{
    *fm_start = *fm_len = 0;
    *body_line = 1;
    if (!(n >= 3 && !strncmp(d, "---", 3) && (n == 3 || d[3] == '\n' || d[3] == '\r'))) return 0;
    const char *p = memchr(d, '\n', n);
    if (!p) return -1;
    *fm_start = (size_t)(p + 1 - d);
    int line = 2;
    for (const char *q = p + 1; q < d + n; line++) {
        const char *nl = memchr(q, '\n', (size_t)(d + n - q));
        const char *e = nl ? nl : d + n;
        size_t ln = (size_t)(e - q);
        if (ln && q[ln - 1] == '\r') ln--;
        if (ln == 3 && !strncmp(q, "---", 3)) {
            *fm_len = (size_t)(q - d) - *fm_start;
            *body_line = line + 1;
            return nl ? (long)(nl + 1 - d) : (long)n;
        }
        if (!nl) break;
        q = nl + 1;
    }
    return -1;
}

/* NAME.md or NAME.TAG.md, TAG a BCP 47 tag (en, zh-Hans, ja-x-easy): *tag NULL for the first. */
/* A title may carry readings too (やさしい日本語 puts them on every kanji): the title is set
 * from its spans, ruby and all, and p->title keeps the plain text (the index, messages). */
static void title_ruby(panel_t *p, int line, diag_list_t *diags)
{
    if (!p->title) return;
    block_t *b = &p->title_block;
    b->kind = PANEL_BLOCK_HEADING;
    b->line = line;
    span_push(b, p->title, strlen(p->title), NULL, PANEL_STYLE_BOLD);
    panel_apply_ruby(b, p->path, diags);
    buf_t plain = {0};
    for (int i = 0; i < b->nspans; i++) buf_puts(&plain, b->spans[i].text);
    free(p->title);
    p->title = plain.data ? buf_take(&plain) : mem_strdup("");
}

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

panel_t *panel_parse(const char *path, const char *data, size_t len, const char *dir, diag_list_t *diags)
{
    int before = diags->count;
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) { data += 3; len -= 3; }
    if (!bytes_valid(path, data, len, diags)) return NULL;
    size_t n;
    char *d = strip_cr(data, len, &n);
    panel_t *p = mem_calloc(1, sizeof *p);
    p->path = mem_strdup(path);
    p->stem = stem_of(path, &p->tag);
    p->layout = PANEL_TEXT;
    timeplan_init(&p->plan);
    size_t fs, fl;
    int body_line;
    long body = front_matter_split(d, n, &fs, &fl, &body_line);
    if (body < 0) {
        diag_add(diags, path, 1, "front matter starts with --- but never ends");
    } else {
        fm_ctx_t fc = {p, path, diags};
        if (fl) {
            int long_line;
            int rc = config_ini_parse(d + fs, fl, 2, fm_key, &fc, &long_line);
            if (rc > 0) diag_add(diags, path, rc, "expected 'key: value'");
            if (long_line) diag_add(diags, path, long_line, CONFIG_LONG_LINE_MSG);
        }
        if (!p->title) diag_add(diags, path, 1, "missing title (add 'title: ...' to the front matter)");
        if (p->plan.from != TIMEPLAN_NONE && p->plan.until != TIMEPLAN_NONE && p->plan.from >= p->plan.until)
            diag_add(diags, path, find_line_of_key(d + fs, fl, "until", 2), "until is not after from: the panel would never show");
        qr_build(p, find_line_of_key(d + fs, fl, "qr", 2), diags);
        title_ruby(p, find_line_of_key(d + fs, fl, "title", 2), diags);
        md_ctx_t mc = {.p = p, .doc = d + body, .doc_end = d + n, .first_line = body_line, .path = path, .dir = dir,
                       .diags = diags};
        body_parse(&mc, d + body, n - (size_t)body);
        if (!p->nblocks && p->layout != PANEL_TITLE && !p->qr)
            diag_add(diags, path, body_line, "empty panel: no text after the front matter");
    }
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
