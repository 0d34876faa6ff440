#define _POSIX_C_SOURCE 200809L
#include "annai/config.h"
#include "config_private.h"

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

#define OFF(f) offsetof(config_t, f)
const key_def_t config_keys[] = {
    {"content", "dir", CONFIG_T_STR, OFF(content_dir), 0, 0, "content folder"},
    {"content", "languages", CONFIG_T_LANGS, 0, 0, 0, "the deck's languages in order, e.g. ja, en, zh-Hans, zh-Hant, ko, ja-x-easy"},
    {"content", "lang", CONFIG_T_LANG, OFF(lang_tag), 0, 0, "default language: a tag of languages (default: the first)"},
    {"content", "dwell", CONFIG_T_SECONDS, OFF(dwell_s), 1, 3600, "seconds per panel in attract mode"},
    {"display", "size", CONFIG_T_SIZE, 0, 0, 0, "WxH or native"},
    {"display", "fullscreen", CONFIG_T_BOOL, OFF(fullscreen), 0, 0, "true or false"},
    {"display", "rotate", CONFIG_T_ROTATE, OFF(rotate), 0, 0, "0, 90, 180 or 270"},
    {"display", "display", CONFIG_T_INT, OFF(display), 0, 16, "display index"},
    {"display", "renderer", CONFIG_T_RENDERER, OFF(renderer), 0, 0, "auto, software or gpu"},
    {"interaction", "idle_timeout", CONFIG_T_SECONDS, OFF(idle_timeout_s), 1, 86400, "seconds without input before reset"},
    {"interaction", "transition_ms", CONFIG_T_MS, OFF(transition_ms), 0, 5000, "transition length in ms"},
    {"interaction", "high_contrast", CONFIG_T_BOOL, OFF(high_contrast), 0, 0, "true: the high-contrast theme by default"},
    {"interaction", "volume", CONFIG_T_REAL, OFF(volume), 0, 1, "narration volume"},
    {"schedule", "on", CONFIG_T_TIME, OFF(on_min), 0, 0, "HH:MM the screen turns on"},
    {"schedule", "off", CONFIG_T_TIME, OFF(off_min), 0, 0, "HH:MM the screen turns off"},
    {"schedule", "days", CONFIG_T_DAYS, OFF(days), 0, 0, "e.g. mon-fri or mon,wed,sat"},
    {"admin", "pin", CONFIG_T_PIN, OFF(pin), 0, 0, "4 to 12 digits"},
    {"admin", "allow_exit", CONFIG_T_BOOL, OFF(allow_exit), 0, 0, "let keys and the window close exit"},
    {"alert", "dir", CONFIG_T_STR, OFF(alert_dir), 0, 0, "folder of alert files (default /run/annai/alert)"},
    {"log", "events", CONFIG_T_STR, OFF(events_path), 0, 0, "JSON-lines events file"},
    {"log", "heartbeat", CONFIG_T_STR, OFF(heartbeat_path), 0, 0, "JSON file naming what is shown, rewritten while frames are"},
    {"log", "heartbeat_interval", CONFIG_T_SECONDS, OFF(heartbeat_interval_s), 1, 3600, "seconds between heartbeats (and metrics)"},
    {"log", "metrics", CONFIG_T_STR, OFF(metrics_path), 0, 0, "Prometheus text file (node_exporter's textfile folder)"},
};
const int config_nkeys = (int)(sizeof config_keys / sizeof config_keys[0]);
#define NKEYS config_nkeys



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
const key_def_t *config_key_find(const char *section, const char *key)
{
    for (int i = 0; i < NKEYS; i++)
        if ((!section || !strcmp(config_keys[i].section, section)) && !strcmp(config_keys[i].key, key)) return &config_keys[i];
    for (int i = 0; !section && i < NKEYS; i++) {
        size_t n = strlen(config_keys[i].section);
        if (!strncmp(key, config_keys[i].section, n) && key[n] == '_' && !strcmp(key + n + 1, config_keys[i].key)) return &config_keys[i];
    }
    return NULL;
}

bool config_parse_bool(const char *v, bool *out)
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
    static const char *names[] = {[CONFIG_RENDERER_AUTO] = "auto", [CONFIG_RENDERER_SOFTWARE] = "software", [CONFIG_RENDERER_GPU] = "gpu"};
    for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
        if (!strcasecmp(v, names[i])) { *out = (renderer_kind_t)i; return true; }
    return false;
}

/* Strips YAML-style quotes a curator may put around a value. */
static char *unquote(const char *v)
{
    size_t n = strlen(v);
    if (n >= 2 && ((v[0] == '"' && v[n - 1] == '"') || (v[0] == '\'' && v[n - 1] == '\'')))
        return mem_strndup(v + 1, n - 2);
    return mem_strdup(v);
}

static bool apply(config_t *c, const key_def_t *k, const char *v, const char *src, int line,
                  diag_list_t *d)
{
    char *p = (char *)c + k->offset;
    double num;
    bool ok = true;
    switch (k->type) {
    case CONFIG_T_STR: free(*(char **)p); *(char **)p = mem_strdup(v); break;
    case CONFIG_T_LANG:
        ok = lang_tag_valid(v);
        if (ok) { free(*(char **)p); *(char **)p = mem_strdup(v); }
        break;
    case CONFIG_T_LANGS: return lang_set_parse(&c->langs, v, src, line, d); /* it says what is wrong */
    case CONFIG_T_SECONDS: case CONFIG_T_MS: case CONFIG_T_INT: case CONFIG_T_REAL:
        ok = parse_number(v, &num) && num >= k->min && num <= k->max;
        if (ok && (k->type == CONFIG_T_SECONDS || k->type == CONFIG_T_REAL)) *(double *)p = num;
        else if (ok) *(int *)p = (int)num;
        break;
    case CONFIG_T_SIZE: ok = parse_size(v, &c->width, &c->height); break;
    case CONFIG_T_BOOL: ok = config_parse_bool(v, (bool *)p); break;
    case CONFIG_T_ROTATE:
        ok = parse_number(v, &num) && (num == 0 || num == 90 || num == 180 || num == 270);
        if (ok) *(int *)p = (int)num;
        break;
    case CONFIG_T_TIME: ok = parse_time(v, (int *)p); break;
    case CONFIG_T_RENDERER: ok = parse_renderer(v, (renderer_kind_t *)p); break;
    case CONFIG_T_DAYS: ok = config_parse_days(v, (unsigned *)p); break;
    case CONFIG_T_PIN:
        ok = strlen(v) >= 4 && strlen(v) <= 12 && strspn(v, "0123456789") == strlen(v);
        if (ok) { free(*(char **)p); *(char **)p = mem_strdup(v); }
        break;
    }
    if (!ok) {
        if (k->type == CONFIG_T_SECONDS || k->type == CONFIG_T_MS || k->type == CONFIG_T_INT || k->type == CONFIG_T_REAL)
            diag_add(d, src, line, "bad value '%s' for %s (expected %s, %g to %g)", v, k->key, k->help,
                     k->min, k->max);
        else if (k->type == CONFIG_T_BOOL) /* its help says what it does, not what it takes */
            diag_add(d, src, line, "bad value '%s' for %s (expected true or false)", v, k->key);
        else
            diag_add(d, src, line, "bad value '%s' for %s (expected %s)", k->type == CONFIG_T_PIN ? "(hidden)" : v, k->key, k->help);
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
    c->fonts[i].spec = mem_strdup(v);
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
    const key_def_t *k = config_key_find(section, key);
    if (!k) {
        const key_def_t *home = config_key_find(NULL, key);
        if (section && !strcmp(section, "") && home)
            diag_add(diags, src, line, "key '%s' outside a [section] (it belongs in [%s])", key, home->section);
        else if (section && !strcmp(section, ""))
            diag_add(diags, src, line, "key '%s' outside a [section]", key);
        else if (section && home)
            diag_add(diags, src, line, "key '%s' does not belong in [%s] (it belongs in [%s])", key, section, home->section);
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
    if (path_read(path, PATH_MAX_FILE_BYTES, &data, &len, &err) != 0) {
        if (path_is_file(path) || path_is_dir(path)) diag_add(diags, path, 0, "%s", err);
        return false;
    }
    config_load_mem(c, path, data, len, allow_dir_key, diags);
    free(data);
    return true;
}

static void apply_flags(config_t *c, const cli_t *cli, diag_list_t *d)
{
    for (int i = 0; i < cli->nopts; i++) {
        const key_def_t *k = config_key_find(NULL, cli->keys[i]);
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
    if (path_read(path, CONFIG_PIN_MAX_BYTES, &data, &len, &err) != 0) {
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
    char *dir = probe.content_dir ? mem_strdup(probe.content_dir) : NULL;
    config_free(&probe);
    diag_clear(&scratch);
    if (!dir) dir = path_is_dir("content") || !share_dir ? mem_strdup("content") : path_join(share_dir, "content");

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
