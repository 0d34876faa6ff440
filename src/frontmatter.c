/* frontmatter: a panel's front matter as a key table (frontmatter.h). */
#include "annai/frontmatter.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define COLOUR_HEX_DIGITS 6 /* #rrggbb */

typedef enum {
    FRONTMATTER_T_TEXT,    /* a string the panel owns; min 1: it must not be empty */
    FRONTMATTER_T_LAYOUT,  /* one of panel_layout_name's names */
    FRONTMATTER_T_SECONDS, /* min to max seconds */
    FRONTMATTER_T_COLOUR,  /* #rrggbb, and the flag at has set */
} frontmatter_type_t;

typedef struct {
    const char *key;
    frontmatter_type_t type;
    size_t offset, has;
    double min, max;
    const char *bad; /* the message for a bad value, with the value as %s */
} frontmatter_key_t;

#define OFF(f) offsetof(panel_t, f)
static const frontmatter_key_t frontmatter_keys[] = {
    {"title", FRONTMATTER_T_TEXT, OFF(title), 0, 1, 0, "empty title"},
    {"layout", FRONTMATTER_T_LAYOUT, OFF(layout), 0, 0, 0, "unknown layout '%s' (title, text, list, timeline or cards)"},
    {"dwell", FRONTMATTER_T_SECONDS, OFF(dwell_s), 0, FRONTMATTER_MIN_DWELL_S, FRONTMATTER_MAX_DWELL_S,
     "bad dwell '%s' (seconds, 1 to 3600)"},
    {"qr", FRONTMATTER_T_TEXT, OFF(qr), 0, 0, 0, NULL},
    {"qr_caption", FRONTMATTER_T_TEXT, OFF(qr_caption), 0, 0, 0, NULL},
    {"accent", FRONTMATTER_T_COLOUR, OFF(accent), OFF(has_accent), 0, 0, "bad accent '%s' (#rrggbb)"},
};
#define NKEYS ((int)(sizeof frontmatter_keys / sizeof frontmatter_keys[0]))

typedef struct {
    panel_t *p;
    diag_list_t *diags;
} fm_ctx_t;

bool frontmatter_parse_colour(const char *v, uint32_t *out)
{
    if (v[0] != '#' || strlen(v) != 1 + COLOUR_HEX_DIGITS) return false;
    for (int i = 1; i <= COLOUR_HEX_DIGITS; i++)
        if (!strchr("0123456789abcdefABCDEF", v[i])) return false;
    *out = (uint32_t)strtoul(v + 1, NULL, 16);
    return true;
}

static bool parse_layout(const char *v, panel_layout_t *out)
{
    for (int i = 0; i < PANEL_LAYOUT_COUNT; i++)
        if (!strcmp(v, panel_layout_name((panel_layout_t)i))) { *out = (panel_layout_t)i; return true; }
    return false;
}

static bool parse_seconds(const char *v, double min, double max, double *out)
{
    char *end;
    double d = strtod(v, &end);
    if (!*v || *end || !(d >= min && d <= max)) return false; /* NaN is in no range */
    *out = d;
    return true;
}

/* Sets one table key from v (which it may take: *v is NULL then). False when the value is bad. */
static bool key_set(panel_t *p, const frontmatter_key_t *k, char **v)
{
    char *field = (char *)p + k->offset;
    switch (k->type) {
    case FRONTMATTER_T_TEXT:
        free(*(char **)field);
        *(char **)field = *v;
        *v = NULL;
        return **(char **)field || k->min < 1;
    case FRONTMATTER_T_LAYOUT: return parse_layout(*v, (panel_layout_t *)field);
    case FRONTMATTER_T_SECONDS: return parse_seconds(*v, k->min, k->max, (double *)field);
    case FRONTMATTER_T_COLOUR:
        if (!frontmatter_parse_colour(*v, (uint32_t *)field)) return false;
        *(bool *)((char *)p + k->has) = true;
        return true;
    }
    return false;
}

/* A value in quotes ("..." or '...') is the text inside them. */
static char *unquote(const char *value)
{
    size_t vn = strlen(value);
    bool quoted = vn >= 2 && ((value[0] == '"' && value[vn - 1] == '"') || (value[0] == '\'' && value[vn - 1] == '\''));
    return quoted ? mem_strndup(value + 1, vn - 2) : mem_strdup(value);
}

static int fm_key(void *user, const char *section, const char *key, const char *value, int line)
{
    fm_ctx_t *c = user;
    const char *path = c->p->path, *err = NULL;
    char *v = unquote(value);
    const frontmatter_key_t *k = NULL;
    for (int i = 0; i < NKEYS && !k; i++)
        if (!strcmp(key, frontmatter_keys[i].key)) k = &frontmatter_keys[i];
    if (*section) diag_add(c->diags, path, line, "front matter has no sections ([%s])", section);
    else if (k) { if (!key_set(c->p, k, &v)) diag_add(c->diags, path, line, k->bad, v); }
    else if (!timeplan_parse_key(&c->p->plan, key, v, &err)) diag_add(c->diags, path, line, "unknown key '%s'", key);
    else if (err) diag_add(c->diags, path, line, "%s '%s': %s", key, v, err);
    free(v);
    return 1;
}

void frontmatter_parse(panel_t *p, const char *fm, size_t n, diag_list_t *diags)
{
    fm_ctx_t fc = {p, diags};
    if (n) {
        int long_line;
        int rc = config_ini_parse(fm, n, FRONTMATTER_FIRST_LINE, fm_key, &fc, &long_line);
        if (rc > 0) diag_add(diags, p->path, rc, "expected 'key: value'");
        if (long_line) diag_add(diags, p->path, long_line, CONFIG_LONG_LINE_MSG);
    }
    if (!p->title) diag_add(diags, p->path, 1, "missing title (add 'title: ...' to the front matter)");
    if (p->plan.from != TIMEPLAN_NONE && p->plan.until != TIMEPLAN_NONE && p->plan.from >= p->plan.until)
        diag_add(diags, p->path, frontmatter_key_line(fm, n, "until", FRONTMATTER_FIRST_LINE),
                 "until is not after from: the panel would never show");
}

int frontmatter_key_line(const char *fm, size_t n, const char *key, int first)
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

long frontmatter_split(const char *d, size_t n, size_t *fm_start, size_t *fm_len, int *body_line)
{
    *fm_start = *fm_len = 0;
    *body_line = 1;
    if (!(n >= 3 && !strncmp(d, "---", 3) && (n == 3 || d[3] == '\n' || d[3] == '\r'))) return 0;
    const char *p = memchr(d, '\n', n);
    if (!p) return -1;
    *fm_start = (size_t)(p + 1 - d);
    int line = FRONTMATTER_FIRST_LINE;
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
