#define _POSIX_C_SOURCE 200809L
#include "annai/config.h"

#include <ini.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CONFIG_MAX_LINE 65536  /* inih's buffer, with the newline and the NUL */
#define CONFIG_MAX_FILE_DIAGS 20 /* problems reported per file before "N more" */
#define CONFIG_MIN_SIDE 64     /* the smallest --size / size = WxH accepted */
#define CONFIG_MAX_SIDE 16384  /* the largest: SDL's texture limit on most GPUs */

typedef enum { T_STR, T_LANG, T_LANGS, T_SECONDS, T_SIZE, T_BOOL, T_ROTATE, T_INT, T_MS, T_TIME, T_DAYS, T_PIN, T_RENDERER, T_REAL } key_type_t;

typedef struct {
    const char *section, *key;
    key_type_t type;
    size_t offset;
    double min, max;
    const char *help;
} key_def_t;

#define OFF(f) offsetof(config_t, f)
static const key_def_t keys[] = {
    {"content", "dir", T_STR, OFF(content_dir), 0, 0, "content folder"},
    {"content", "languages", T_LANGS, 0, 0, 0, "the deck's languages in order, e.g. ja, en, zh-Hans, zh-Hant, ko, ja-x-easy"},
    {"content", "lang", T_LANG, OFF(lang_tag), 0, 0, "default language: a tag of languages (default: the first)"},
    {"content", "dwell", T_SECONDS, OFF(dwell_s), 1, 3600, "seconds per panel in attract mode"},
    {"display", "size", T_SIZE, 0, 0, 0, "WxH or native"},
    {"display", "fullscreen", T_BOOL, OFF(fullscreen), 0, 0, "true or false"},
    {"display", "rotate", T_ROTATE, OFF(rotate), 0, 0, "0, 90, 180 or 270"},
    {"display", "display", T_INT, OFF(display), 0, 16, "display index"},
    {"display", "renderer", T_RENDERER, OFF(renderer), 0, 0, "auto, software or gpu"},
    {"interaction", "idle_timeout", T_SECONDS, OFF(idle_timeout_s), 1, 86400, "seconds without input before reset"},
    {"interaction", "transition_ms", T_MS, OFF(transition_ms), 0, 5000, "transition length in ms"},
    {"interaction", "high_contrast", T_BOOL, OFF(high_contrast), 0, 0, "true: the high-contrast theme by default"},
    {"interaction", "volume", T_REAL, OFF(volume), 0, 1, "narration volume"},
    {"schedule", "on", T_TIME, OFF(on_min), 0, 0, "HH:MM the screen turns on"},
    {"schedule", "off", T_TIME, OFF(off_min), 0, 0, "HH:MM the screen turns off"},
    {"schedule", "days", T_DAYS, OFF(days), 0, 0, "e.g. mon-fri or mon,wed,sat"},
    {"admin", "pin", T_PIN, OFF(pin), 0, 0, "4 to 12 digits"},
    {"admin", "allow_exit", T_BOOL, OFF(allow_exit), 0, 0, "let keys and the window close exit"},
    {"alert", "dir", T_STR, OFF(alert_dir), 0, 0, "folder of alert files (default /run/annai/alert)"},
    {"log", "events", T_STR, OFF(events_path), 0, 0, "JSON-lines events file"},
    {"log", "heartbeat", T_STR, OFF(heartbeat_path), 0, 0, "JSON file naming what is shown, rewritten while frames are"},
    {"log", "heartbeat_interval", T_SECONDS, OFF(heartbeat_interval_s), 1, 3600, "seconds between heartbeats (and metrics)"},
    {"log", "metrics", T_STR, OFF(metrics_path), 0, 0, "Prometheus text file (node_exporter's textfile folder)"},
};
#define NKEYS ((int)(sizeof keys / sizeof keys[0]))


void config_ini_setup(void)
{
    ini_use_stack = false;
    ini_allow_realloc = true;
    ini_initial_alloc = 512;
    ini_max_line = CONFIG_MAX_LINE;
    ini_allow_inline_comments = false; /* ';' is common in URLs and text */
    ini_allow_multiline = false;
}

void config_defaults(config_t *c)
{
    memset(c, 0, sizeof *c);
    lang_set_parse(&c->langs, LANG_DEFAULT_LIST, "", 0, NULL);
    c->dwell_s = 12;
    c->fullscreen = true;
    c->idle_timeout_s = 60;
    c->transition_ms = 400;
    c->volume = 0.8;
    c->on_min = c->off_min = -1;
    c->days = 0x7F;
    c->heartbeat_interval_s = 30;
}

const char *config_alert_dir(const config_t *c) { return c->alert_dir ? c->alert_dir : CONFIG_ALERT_DIR; }

void config_free(config_t *c)
{
    free(c->content_dir);
    free(c->pin);
    free(c->events_path);
    free(c->heartbeat_path);
    free(c->metrics_path);
    free(c->lang_tag);
    for (int i = 0; i < c->nfonts; i++) free(c->fonts[i].spec);
    free(c->alert_dir);
    memset(c, 0, sizeof *c);
}

/* With no section, a key is found by its name, else as section_key (alert_dir: [alert] dir,
 * whose plain name is [content]'s). */
static const key_def_t *key_find(const char *section, const char *key)
{
    for (int i = 0; i < NKEYS; i++)
        if ((!section || !strcmp(keys[i].section, section)) && !strcmp(keys[i].key, key)) return &keys[i];
    for (int i = 0; !section && i < NKEYS; i++) {
        size_t n = strlen(keys[i].section);
        if (!strncmp(key, keys[i].section, n) && key[n] == '_' && !strcmp(key + n + 1, keys[i].key)) return &keys[i];
    }
    return NULL;
}

static bool parse_bool(const char *v, bool *out)
{
    static const char *t[] = {"true", "yes", "on", "1"}, *f[] = {"false", "no", "off", "0"};
    for (int i = 0; i < 4; i++) {
        if (!strcasecmp(v, t[i])) { *out = true; return true; }
        if (!strcasecmp(v, f[i])) { *out = false; return true; }
    }
    return false;
}

static bool parse_number(const char *v, double *out)
{
    char *end;
    if (!*v) return false;
    double d = strtod(v, &end);
    while (*end == ' ') end++;
    if (*end == 's' && end[1] == 0) end++;
    if (*end) return false;
    *out = d;
    return true;
}

static bool parse_time(const char *v, int *out)
{
    int h, m;
    char tail;
    if (sscanf(v, "%d:%d%c", &h, &m, &tail) != 2 || h < 0 || h > 24 || m < 0 || m > 59) return false;
    if (h == 24 && m != 0) return false;
    *out = h * 60 + m;
    return true;
}

static int day_index(const char *s, size_t n)
{
    static const char *names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    for (int i = 0; i < 7; i++)
        if (n == 3 && !strncasecmp(s, names[i], 3)) return i;
    return -1;
}

bool config_parse_days(const char *v, unsigned *out)
{
    unsigned mask = 0;
    const char *p = v;
    while (*p) {
        while (*p == ' ' || *p == ',') p++;
        if (!*p) break;
        int a = day_index(p, strcspn(p, ",- "));
        if (a < 0) return false;
        p += 3;
        int b = a;
        if (*p == '-') {
            b = day_index(p + 1, strcspn(p + 1, ", "));
            if (b < 0) return false;
            p += 4;
        }
        for (int d = a;; d = (d + 1) % 7) {
            mask |= 1u << d;
            if (d == b) break;
        }
    }
    if (!mask) return false;
    *out = mask;
    return true;
}

/* A rejected value leaves *w and *h as they were. */
static bool parse_size(const char *v, int *w, int *h)
{
    char tail;
    int pw, ph;
    if (!strcasecmp(v, "native")) { *w = *h = 0; return true; }
    if (sscanf(v, "%dx%d%c", &pw, &ph, &tail) != 2) return false;
    if (pw < CONFIG_MIN_SIDE || ph < CONFIG_MIN_SIDE || pw > CONFIG_MAX_SIDE || ph > CONFIG_MAX_SIDE) return false;
    *w = pw;
    *h = ph;
    return true;
}

static bool parse_renderer(const char *v, renderer_kind_t *out)
{
    static const char *names[] = {[RENDERER_AUTO] = "auto", [RENDERER_SOFTWARE] = "software", [RENDERER_GPU] = "gpu"};
    for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
        if (!strcasecmp(v, names[i])) { *out = (renderer_kind_t)i; return true; }
    return false;
}

/* Strips YAML-style quotes a curator may put around a value. */
static char *unquote(const char *v)
{
    size_t n = strlen(v);
    if (n >= 2 && ((v[0] == '"' && v[n - 1] == '"') || (v[0] == '\'' && v[n - 1] == '\'')))
        return xstrndup(v + 1, n - 2);
    return xstrdup(v);
}

static bool apply(config_t *c, const key_def_t *k, const char *v, const char *src, int line,
                  diag_list_t *d)
{
    char *p = (char *)c + k->offset;
    double num;
    bool ok = true;
    switch (k->type) {
    case T_STR: free(*(char **)p); *(char **)p = xstrdup(v); break;
    case T_LANG:
        ok = lang_tag_valid(v);
        if (ok) { free(*(char **)p); *(char **)p = xstrdup(v); }
        break;
    case T_LANGS: return lang_set_parse(&c->langs, v, src, line, d); /* it says what is wrong */
    case T_SECONDS: case T_MS: case T_INT: case T_REAL:
        ok = parse_number(v, &num) && num >= k->min && num <= k->max;
        if (ok && (k->type == T_SECONDS || k->type == T_REAL)) *(double *)p = num;
        else if (ok) *(int *)p = (int)num;
        break;
    case T_SIZE: ok = parse_size(v, &c->width, &c->height); break;
    case T_BOOL: ok = parse_bool(v, (bool *)p); break;
    case T_ROTATE:
        ok = parse_number(v, &num) && (num == 0 || num == 90 || num == 180 || num == 270);
        if (ok) *(int *)p = (int)num;
        break;
    case T_TIME: ok = parse_time(v, (int *)p); break;
    case T_RENDERER: ok = parse_renderer(v, (renderer_kind_t *)p); break;
    case T_DAYS: ok = config_parse_days(v, (unsigned *)p); break;
    case T_PIN:
        ok = strlen(v) >= 4 && strlen(v) <= 12 && strspn(v, "0123456789") == strlen(v);
        if (ok) { free(*(char **)p); *(char **)p = xstrdup(v); }
        break;
    }
    if (!ok) {
        if (k->type == T_SECONDS || k->type == T_MS || k->type == T_INT || k->type == T_REAL)
            diag_add(d, src, line, "bad value '%s' for %s (expected %s, %g to %g)", v, k->key, k->help,
                     k->min, k->max);
        else if (k->type == T_BOOL) /* its help says what it does, not what it takes */
            diag_add(d, src, line, "bad value '%s' for %s (expected true or false)", v, k->key);
        else
            diag_add(d, src, line, "bad value '%s' for %s (expected %s)", k->type == T_PIN ? "(hidden)" : v, k->key, k->help);
    }
    return ok;
}

/* [fonts]: the keys are language tags. */
static bool font_set(config_t *c, const char *tag, const char *v, const char *src, int line, diag_list_t *d)
{
    if (!lang_tag_valid(tag)) { diag_add(d, src, line, "[fonts] key '%s' is not a language tag", tag); return false; }
    if (!*v) { diag_add(d, src, line, "[fonts] %s: expected a font file (FILE or FILE#N)", tag); return false; }
    int i = 0;
    while (i < c->nfonts && strcasecmp(c->fonts[i].tag, tag)) i++;
    if (i == LANG_MAX) { diag_add(d, src, line, "[fonts]: more than %d languages", LANG_MAX); return false; }
    if (i == c->nfonts) snprintf(c->fonts[c->nfonts++].tag, LANG_TAG_MAX, "%s", tag);
    free(c->fonts[i].spec);
    c->fonts[i].spec = xstrdup(v);
    return true;
}

const char *config_font_for(const config_t *c, const char *tag)
{
    for (int i = 0; i < c->nfonts; i++) {
        const lang_info_t *a = lang_known(c->fonts[i].tag), *b = lang_known(tag);
        if (!strcasecmp(c->fonts[i].tag, tag) || (a && a == b)) return c->fonts[i].spec;
    }
    return NULL;
}

bool config_resolve_lang(config_t *c, diag_list_t *diags)
{
    c->lang = LANG_DEFAULT;
    if (!c->lang_tag) return true;
    c->lang = lang_find(&c->langs, c->lang_tag);
    if (c->lang >= 0) return true;
    diag_add(diags, "[content] lang", 0, "%s is not one of the languages (%s...): add it to languages", c->lang_tag,
             lang_tag(&c->langs, 0));
    c->lang = LANG_DEFAULT;
    return false;
}

bool config_set(config_t *c, const char *section, const char *key, const char *value,
                const char *src, int line, diag_list_t *diags)
{
    if (section && !strcmp(section, "fonts")) {
        char *v = unquote(value);
        bool ok = font_set(c, key, v, src, line, diags);
        free(v);
        return ok;
    }
    const key_def_t *k = key_find(section, key);
    if (!k) {
        if (section && !key_find(NULL, key) && !strcmp(section, ""))
            diag_add(diags, src, line, "key '%s' outside a [section]", key);
        else if (section && key_find(NULL, key))
            diag_add(diags, src, line, "key '%s' does not belong in [%s]", key, section);
        else
            diag_add(diags, src, line, "unknown key '%s'", key);
        return false;
    }
    char *v = unquote(value);
    bool ok = apply(c, k, v, src, line, diags);
    free(v);
    return ok;
}

/* inih reads through this so that the handler knows the line it is on. */
typedef struct {
    int line;
    const char *path;
    config_t *cfg;
    diag_list_t *diags;
    bool allow_dir;
} ini_src_t;

typedef struct {
    const char *p, *end;
    int line;
    bool bol;      /* the next chunk starts a line (inih reads a long line in several chunks) */
    int long_line; /* the first line too long to parse, 0: none */
    ini_line_fn fn;
    void *user;
} ini_mem_t;

/* Hands inih one line, or the next chunk of a line longer than its buffer (inih then grows
 * the buffer up to CONFIG_MAX_LINE and asks again): the line number moves once per line. A
 * line longer than that would be split, its tail parsed as a line of its own (a comment
 * ending in "pin = 12" would set the PIN): it is skipped whole and reported instead. */
static char *mem_reader(char *str, int num, void *stream)
{
    ini_mem_t *s = stream;
    if (s->p >= s->end || num < 2) return NULL;
    const char *nl = memchr(s->p, '\n', (size_t)(s->end - s->p));
    size_t n = nl ? (size_t)(nl - s->p) + 1 : (size_t)(s->end - s->p);
    if (s->bol) {
        s->line++;
        if ((nl ? n - 1 : n) > CONFIG_MAX_LINE_BYTES) {
            if (!s->long_line) s->long_line = s->line;
            s->p += n;
            strcpy(str, "\n");
            return str;
        }
    }
    if (n > (size_t)num - 1) n = (size_t)num - 1;
    memcpy(str, s->p, n);
    str[n] = 0;
    s->p += n;
    s->bol = str[n - 1] == '\n';
    return str;
}

static int mem_handler(void *user, const char *section, const char *name, const char *value)
{
    ini_mem_t *s = user;
    return s->fn(s->user, section, name, value, s->line);
}

int config_ini_parse(const char *data, size_t len, int first_line, ini_line_fn fn, void *user, int *long_line)
{
    config_ini_setup();
    ini_mem_t s = {data, data + len, first_line - 1, true, 0, fn, user};
    int rc = ini_parse_stream(mem_reader, &s, mem_handler, &s);
    if (long_line) *long_line = s.long_line;
    return rc > 0 ? rc + first_line - 1 : rc;
}

static int cfg_key(void *user, const char *section, const char *name, const char *value, int line)
{
    ini_src_t *s = user;
    s->line = line;
    if (!s->allow_dir && !strcmp(section, "content") && !strcmp(name, "dir")) {
        diag_add(s->diags, s->path, s->line, "'dir' cannot be set from inside the content folder");
        return 1;
    }
    config_set(s->cfg, section, name, value, s->path, s->line, s->diags);
    return 1; /* keep going: report every problem, not only the first */
}

static bool sections_valid(const char *data, size_t len, const char *path, diag_list_t *d)
{
    static const char *names[] = {"content", "fonts", "display", "interaction", "schedule", "admin", "log", "alert"};
    int line = 1;
    bool ok = true;
    for (const char *p = data; p < data + len; line++) {
        const char *nl = memchr(p, '\n', (size_t)(data + len - p));
        const char *e = nl ? nl : data + len;
        while (p < e && (*p == ' ' || *p == '\t')) p++;
        if (p < e && *p == '[') {
            const char *close = memchr(p, ']', (size_t)(e - p));
            bool known = false;
            for (size_t i = 0; close && i < sizeof names / sizeof *names; i++)
                known |= (size_t)(close - p - 1) == strlen(names[i]) && !strncmp(p + 1, names[i], strlen(names[i]));
            if (!known) {
                diag_add(d, path, line, "unknown section '%.*s'", close ? (int)(close - p - 1) : (int)(e - p - 1), p + 1);
                ok = false;
            }
        }
        p = nl ? nl + 1 : e;
    }
    return ok;
}

void config_load_mem(config_t *c, const char *path, const char *data, size_t len, bool allow_dir_key,
                     diag_list_t *diags)
{
    long bad = utf8_first_invalid(data, len);
    if (bad >= 0 || memchr(data, 0, len)) {
        int line = 1;
        size_t stop = bad >= 0 ? (size_t)bad : (size_t)((const char *)memchr(data, 0, len) - data);
        for (size_t i = 0; i < stop; i++) line += data[i] == '\n';
        diag_add(diags, path, line, bad >= 0 ? "invalid UTF-8" : "NUL byte in file");
        return;
    }
    int before = diags->count, long_line;
    sections_valid(data, len, path, diags);
    ini_src_t s = {0, path, c, diags, allow_dir_key};
    int rc = config_ini_parse(data, len, 1, cfg_key, &s, &long_line);
    if (rc > 0) diag_add(diags, path, rc, "expected 'key = value' or [section]");
    if (long_line) diag_add(diags, path, long_line, CONFIG_LONG_LINE_MSG);
    if (diags->count - before > CONFIG_MAX_FILE_DIAGS) { /* 40,000 bad sections: the first few say enough */
        int more = diags->count - before - CONFIG_MAX_FILE_DIAGS;
        diag_truncate(diags, before + CONFIG_MAX_FILE_DIAGS);
        diag_add(diags, path, 0, "%d more problems in this file", more);
    }
}

bool config_load_file(config_t *c, const char *path, bool allow_dir_key, diag_list_t *diags)
{
    char *data;
    size_t len;
    const char *err;
    if (file_read(path, UTIL_MAX_FILE_BYTES, &data, &len, &err) != 0) {
        if (path_is_file(path) || path_is_dir(path)) diag_add(diags, path, 0, "%s", err);
        return false;
    }
    config_load_mem(c, path, data, len, allow_dir_key, diags);
    free(data);
    return true;
}

/* ---- command line ---- */

static void to_key(const char *flag, char *out, size_t n)
{
    size_t i = 0;
    for (; flag[i] && i + 1 < n; i++) out[i] = flag[i] == '-' ? '_' : flag[i];
    out[i] = 0;
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "annai: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n" CLI_USAGE "\nTry 'annai --help'.\n");
    return 2;
}

/* A flag's value is checked where it is typed: a bad one is a usage error (exit 2), never a
 * kiosk started with the default instead. */
static int check_flag_value(const key_def_t *k, const char *flag, const char *val)
{
    config_t probe;
    diag_list_t d = {0};
    config_defaults(&probe);
    int rc = config_set(&probe, k->section, k->key, val, flag, 0, &d) ? 0 : usage_error("%s", d.count ? d.items[0].text : flag);
    config_free(&probe);
    diag_clear(&d);
    return rc;
}

/* A boolean flag is a switch: --allow-exit alone means true, --no-allow-exit false; a following
 * true/false/yes/no/on/off/1/0 is still taken as its value. */
static const char *switch_value(const key_def_t *k, bool negated, int argc, char **argv, int *i)
{
    bool b;
    if (negated) return "false";
    if (k->type != T_BOOL) return NULL;
    if (*i + 1 < argc && parse_bool(argv[*i + 1], &b)) return argv[++*i];
    return "true";
}

static void cli_push(cli_t *cli, const char *k, const char *v)
{
    ARRAY_GROW(cli->keys, cli->nopts, cli->capopts, cli->nopts + 1);
    cli->values = xrealloc(cli->values, (size_t)cli->capopts * sizeof *cli->values);
    cli->keys[cli->nopts] = xstrdup(k);
    cli->values[cli->nopts++] = xstrdup(v);
}

static int set_mode(cli_t *cli, run_mode_t m, const char *arg)
{
    if (cli->mode != MODE_KIOSK && cli->mode != m) return usage_error("conflicting modes at '%s'", arg);
    cli->mode = m;
    return 0;
}

static int parse_args(cli_t *cli, int argc, char **argv)
{
    memset(cli, 0, sizeof *cli);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2)) return usage_error("unexpected argument '%s'", a);
        char name[64];
        const char *eq = strchr(a, '=');
        size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
        if (n >= sizeof name) return usage_error("unknown option '%s'", a);
        memcpy(name, a + 2, n);
        name[n] = 0;
        const char *val = eq ? eq + 1 : NULL;
        int rc = 0;
        if (!strcmp(name, "check")) rc = set_mode(cli, MODE_CHECK, a);
        else if (!strcmp(name, "dump-layout")) rc = set_mode(cli, MODE_DUMP_LAYOUT, a);
        else if (!strcmp(name, "bench")) rc = set_mode(cli, MODE_BENCH, a);
        else if (!strcmp(name, "version")) rc = set_mode(cli, MODE_VERSION, a);
        else if (!strcmp(name, "help")) rc = set_mode(cli, MODE_HELP, a);
        else if (!strcmp(name, "windowed")) cli_push(cli, "fullscreen", "false");
        else {
            bool is_shot = !strcmp(name, "screenshot"), is_cfg = !strcmp(name, "config"), is_at = !strcmp(name, "at");
            char key[64];
            to_key(name, key, sizeof key);
            if (!strcmp(key, "content")) strcpy(key, "dir");
            const key_def_t *k = key_find(NULL, key);
            bool negated = false;
            if (!is_shot && !is_cfg && !is_at && !k && !strncmp(key, "no_", 3)) {
                k = key_find(NULL, key + 3);
                if (!k || k->type != T_BOOL || val) return usage_error("unknown option '%s'", a);
                memmove(key, key + 3, strlen(key + 3) + 1);
                negated = true;
            }
            if (!is_shot && !is_cfg && !is_at && !k) return usage_error("unknown option '%s'", a);
            if (!strcmp(key, "pin")) return usage_error("%s is refused: every user of the machine sees the command line (ps). "
                                                        "Put 'pin = ...' in [admin] of the --config file, or give it as "
                                                        "the systemd credential '" CONFIG_PIN_CREDENTIAL "' (LoadCredential=).", "--pin");
            if (!val && k) val = switch_value(k, negated, argc, argv, &i);
            if (!val) {
                if (i + 1 >= argc) return usage_error("option '%s' needs a value", a);
                val = argv[++i];
            }
            if (is_shot) {
                rc = set_mode(cli, MODE_SCREENSHOT, a);
                free(cli->screenshot_dir);
                cli->screenshot_dir = xstrdup(val);
            } else if (is_at) {
                free(cli->at);
                cli->at = xstrdup(val);
            } else if (is_cfg) {
                free(cli->config_path);
                cli->config_path = xstrdup(val);
            } else {
                char flag[80];
                snprintf(flag, sizeof flag, "--%s", name);
                if (check_flag_value(k, flag, val)) return 2;
                cli_push(cli, key, val);
                if (!strcmp(key, "size")) cli->size_given = true;
            }
        }
        if (rc) return rc;
    }
    return 0;
}

/* A usage error leaves nothing to free: flags read before the bad one are dropped here. */
int cli_parse(cli_t *cli, int argc, char **argv)
{
    int rc = parse_args(cli, argc, argv);
    if (rc) cli_free(cli);
    return rc;
}

void cli_free(cli_t *cli)
{
    for (int i = 0; i < cli->nopts; i++) { free(cli->keys[i]); free(cli->values[i]); }
    free(cli->keys);
    free(cli->values);
    free(cli->screenshot_dir);
    free(cli->config_path);
    free(cli->at);
    memset(cli, 0, sizeof *cli);
}

static void apply_flags(config_t *c, const cli_t *cli, diag_list_t *d)
{
    for (int i = 0; i < cli->nopts; i++) {
        const key_def_t *k = key_find(NULL, cli->keys[i]);
        char src[96];
        snprintf(src, sizeof src, "--%s", cli->keys[i]);
        for (char *p = src; *p; p++) if (*p == '_') *p = '-';
        if (k) config_set(c, k->section, k->key, cli->values[i], src, 0, d);
    }
}

void config_load_credential(config_t *c, const char *cred_dir, diag_list_t *diags)
{
    if (!cred_dir || !*cred_dir) return;
    char *path = path_join(cred_dir, CONFIG_PIN_CREDENTIAL);
    char *data;
    size_t len;
    const char *err;
    if (file_read(path, CONFIG_PIN_MAX_BYTES, &data, &len, &err) != 0) {
        if (path_is_file(path)) diag_add(diags, path, 0, "%s", err);
        free(path);
        return;
    }
    /* `echo 1234 > pin` and systemd-creds leave a newline; NULs and the rest are refused below */
    while (len && (data[len - 1] == '\n' || data[len - 1] == '\r')) data[--len] = 0;
    if (memchr(data, 0, len)) diag_add(diags, path, 1, "bad value '(hidden)' for pin (expected 4 to 12 digits)");
    else config_set(c, "admin", "pin", data, path, 1, diags);
    free(data);
    free(path);
}

int config_resolve(config_t *c, const cli_t *cli, const char *share_dir, diag_list_t *diags)
{
    /* First pass only to learn the content folder; problems are reported by the second. */
    config_t probe;
    diag_list_t scratch = {0};
    config_defaults(&probe);
    if (cli->config_path) config_load_file(&probe, cli->config_path, true, &scratch);
    apply_flags(&probe, cli, &scratch);
    char *dir = probe.content_dir ? xstrdup(probe.content_dir) : NULL;
    config_free(&probe);
    diag_clear(&scratch);
    if (!dir) dir = path_is_dir("content") || !share_dir ? xstrdup("content") : path_join(share_dir, "content");

    config_defaults(c);
    char *kiosk = path_join(dir, "kiosk.ini");
    config_load_file(c, kiosk, false, diags);
    free(kiosk);
    if (cli->config_path && !config_load_file(c, cli->config_path, true, diags) && !path_is_file(cli->config_path) &&
        !path_is_dir(cli->config_path))
        diag_add(diags, cli->config_path, 0, "config file not found");
    apply_flags(c, cli, diags);
    config_load_credential(c, getenv("CREDENTIALS_DIRECTORY"), diags);
    config_resolve_lang(c, diags);
    free(c->content_dir);
    c->content_dir = dir;
    return diags->count ? 1 : 0;
}

void config_print_help(void)
{
    printf("annai %s - kiosk display for Japanese panels\n\n"
           CLI_USAGE "\n\n"
           "Modes (default: run the kiosk):\n"
           "  --check             validate content and config; path:line: message per problem\n"
           "  --screenshot DIR    render every panel to DIR/NN-STEM.png and exit\n"
           "  --dump-layout       print every laid-out text line as JSON\n"
           "  --bench             print performance figures as name: value lines\n"
           "  --version, --help\n\n"
           "Options:\n"
           "  --config FILE       ini file (after content/kiosk.ini, before flags)\n"
           "  --content DIR       content folder (same as --dir)\n"
           "  --windowed          a window instead of fullscreen\n"
           "  --at \"YYYY-MM-DD HH:MM\"  with --check, --screenshot, --dump-layout: as if it were then\n"
           "  A true/false option is a switch: --allow-exit turns it on, --no-allow-exit off.\n",
           ANNAI_VERSION);
    const char *sec = "";
    for (int i = 0; i < NKEYS; i++) {
        if (strcmp(sec, keys[i].section)) printf("\n  [%s]\n", sec = keys[i].section);
        char flag[64];
        if (key_find(NULL, keys[i].key) != &keys[i]) snprintf(flag, sizeof flag, "--%s-%s", keys[i].section, keys[i].key);
        else snprintf(flag, sizeof flag, "--%s", keys[i].key);
        for (char *p = flag; *p; p++) if (*p == '_') *p = '-';
        if (keys[i].type == T_PIN) /* a secret: never a flag */
            printf("  %-22s %s: in a --config file or the credential '%s' only\n", "pin =", keys[i].help, CONFIG_PIN_CREDENTIAL);
        else
            printf("  %-22s %s\n", flag, keys[i].help);
    }
    printf("\nExit codes: 0 fine, 1 content/config problems, 2 usage, 3 runtime failure.\n");
}
