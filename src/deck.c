#define _DEFAULT_SOURCE
/* deck: the panel folder -> the deck: every NAME.md and its twins NAME.TAG.md in the deck's
 * languages, in file-name order; the notice deck; the folder's signature for hot reload. */
#include "annai/deck.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- the folder ---- */

bool deck_is_ignored_name(const char *name)
{
    size_t n = strlen(name);
    if (name[0] == '.') return true; /* hidden, Syncthing's .syncthing.*.tmp, rsync's .~tmp~ */
    if (n && name[n - 1] == '~') return true;
    if (n > 4 && !strcmp(name + n - 4, ".tmp")) return true;
    return n < 4 || strcmp(name + n - 3, ".md") != 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static char **list_md(const char *dir, int *count, diag_list_t *diags)
{
    DIR *dp = opendir(dir);
    char **names = NULL;
    int n = 0, cap = 0;
    *count = 0;
    if (!dp) { diag_add(diags, dir, 0, "cannot open content folder"); return NULL; }
    struct dirent *e;
    while ((e = readdir(dp))) {
        if (deck_is_ignored_name(e->d_name)) continue;
        MEM_ARRAY_GROW(names, n, cap, n + 1);
        names[n++] = mem_strdup(e->d_name);
    }
    closedir(dp);
    if (n) qsort(names, (size_t)n, sizeof *names, cmp_str);
    /* the cap keeps the first by name, not the first readdir happens to return: the deck's
     * order (and each file's twin) must not depend on the file system */
    if (n > CONTENT_MAX_PANELS) {
        diag_add(diags, dir, 0, "%d panel files, more than %d: left out are %s to %s", n, CONTENT_MAX_PANELS,
                 names[CONTENT_MAX_PANELS], names[n - 1]);
        for (int i = CONTENT_MAX_PANELS; i < n; i++) free(names[i]);
        n = CONTENT_MAX_PANELS;
    }
    *count = n;
    return names;
}

static int entry_find(deck_t *deck, const char *stem)
{
    for (int i = deck->count - 1; i >= 0; i--)
        if (!strcmp(deck->entries[i].stem, stem)) return i;
    return -1;
}

static void deck_add(deck_t *deck, panel_t *p)
{
    int i = entry_find(deck, p->stem);
    if (i < 0) {
        MEM_ARRAY_GROW(deck->entries, deck->count, deck->cap, deck->count + 1);
        i = deck->count++;
        memset(&deck->entries[i], 0, sizeof deck->entries[i]);
        deck->entries[i].stem = mem_strdup(p->stem);
    }
    panel_free(deck->entries[i].lang[p->lang]);
    deck->entries[i].lang[p->lang] = p;
}

/* The panel's language in the deck: NAME.md is the first language's, NAME.TAG.md TAG's. A
 * twin in a language the deck does not show is left out (languages = ... decides). */
static bool panel_place(const deck_t *deck, panel_t *p)
{
    p->lang = p->tag ? lang_find(&deck->langs, p->tag) : LANG_DEFAULT;
    return p->lang >= 0;
}

static void load_one(deck_t *deck, const char *dir, const char *name, diag_list_t *diags)
{
    char *path = path_join(dir, name);
    struct stat st;
    if (stat(path, &st) != 0) diag_add(diags, path, 0, "%s", errno == ELOOP ? "symbolic link loop" : "dangling symbolic link or unreadable entry");
    else if (S_ISDIR(st.st_mode)) diag_add(diags, path, 0, "a folder named like a panel file");
    else if (!S_ISREG(st.st_mode)) diag_add(diags, path, 0, "not a regular file");
    else {
        panel_t *p = panel_load(path, dir, diags);
        if (p && panel_place(deck, p)) deck_add(deck, p);
        else panel_free(p);
    }
    free(path);
}

static bool name_listed(char **names, int n, const char *name)
{
    return n > 0 && bsearch(&name, names, (size_t)n, sizeof *names, cmp_str) != NULL;
}

/* A twin alone has no place in the first language's order: report it at its own path (line 1:
 * the whole file) and keep it out. When the first language's file is there but invalid, say so:
 * its own problems are reported at its path:line, and "without its twin" would send the curator
 * looking for a file that exists. */
static void drop_lone_twins(deck_t *deck, char **names, int nnames, diag_list_t *diags)
{
    for (int i = 0; i < deck->count; i++) {
        deck_entry_t *e = &deck->entries[i];
        if (e->lang[LANG_DEFAULT]) continue;
        char base[PATH_MAX];
        snprintf(base, sizeof base, "%s.md", e->stem);
        bool invalid = name_listed(names, nnames, base);
        for (int l = 1; l < deck->langs.n; l++) {
            if (!e->lang[l]) continue;
            if (invalid)
                diag_add(diags, e->lang[l]->path, 1, "%s panel not shown: its %s panel %s is invalid (reported at its own path:line)",
                         deck->langs.tags[l], deck->langs.tags[LANG_DEFAULT], base);
            else
                diag_add(diags, e->lang[l]->path, 1, "%s panel without its %s twin %s", deck->langs.tags[l],
                         deck->langs.tags[LANG_DEFAULT], base);
            panel_free(e->lang[l]);
        }
        free(e->stem);
        memmove(e, e + 1, (size_t)(deck->count - i - 1) * sizeof *e);
        deck->count--;
        i--;
    }
}

void deck_load(deck_t *deck, const char *dir, const langset_t *langs, diag_list_t *diags)
{
    memset(deck, 0, sizeof *deck);
    deck->dir = mem_strdup(dir);
    if (langs) deck->langs = *langs;
    else lang_set_parse(&deck->langs, LANG_DEFAULT_LIST, "", 0, diags);
    int n;
    char **names = list_md(dir, &n, diags);
    for (int i = 0; i < n; i++) load_one(deck, dir, names[i], diags);
    drop_lone_twins(deck, names, n, diags);
    for (int i = 0; i < n; i++) free(names[i]);
    free(names);
}

int deck_missing_twins(const deck_t *deck, diag_list_t *warnings)
{
    int n = 0;
    for (int i = 0; i < deck->count; i++) {
        const panel_t *base = deck->entries[i].lang[LANG_DEFAULT];
        if (!base || !strcmp(deck->entries[i].stem, "notice")) continue;
        for (int l = 1; l < deck->langs.n; l++) {
            if (deck->entries[i].lang[l]) continue;
            n++;
            if (warnings)
                diag_add(warnings, base->path, 0, "warning: no %s twin (%s.%s.md): the %s version is shown", deck->langs.tags[l],
                         deck->entries[i].stem, deck->langs.tags[l], deck->langs.tags[LANG_DEFAULT]);
        }
    }
    return n;
}

void deck_free(deck_t *deck)
{
    for (int i = 0; i < deck->count; i++) {
        for (int l = 0; l < LANG_MAX; l++) panel_free(deck->entries[i].lang[l]);
        free(deck->entries[i].stem);
    }
    free(deck->entries);
    free(deck->dir);
    memset(deck, 0, sizeof *deck);
}

const panel_t *deck_panel(const deck_t *deck, int index, lang_t lang)
{
    if (index < 0 || index >= deck->count) return NULL;
    const deck_entry_t *e = &deck->entries[index];
    return lang >= 0 && lang < LANG_MAX && e->lang[lang] ? e->lang[lang] : e->lang[LANG_DEFAULT];
}

#define NOTICE_PATH "(notice)"

void deck_notice(deck_t *deck, const char *dir)
{
    static const char body[] = "---\ntitle: 案内 annai\nlayout: title\n---\n# ただいま準備中です\n\n"
                               "しばらくお待ちください。\n\nContent is being prepared.\n";
    diag_list_t ignore = {0};
    panel_t *p = panel_parse(NOTICE_PATH, body, strlen(body), dir, &ignore);
    diag_clear(&ignore);
    if (!p) return;
    free(p->stem);
    p->stem = mem_strdup("notice");
    p->lang = LANG_DEFAULT;
    deck_add(deck, p);
}

bool deck_is_notice(const deck_t *deck)
{
    return deck->count == 1 && deck->entries[0].lang[LANG_DEFAULT] &&
           !strcmp(deck->entries[0].lang[LANG_DEFAULT]->path, NOTICE_PATH);
}

/* What a reload reads from the content folder itself, and transfers in progress (rsync's and
 * Syncthing's temporary names, so that a deploy settles before it is read). Anything else, an
 * events file or a heartbeat an operator put there, is not content: it must not reload the
 * deck every time it is written. */
static bool deck_reads(const char *name)
{
    static const char *const exts[] = {".md", ".ini", ".txt", ".ogg", ".opus", ".tmp"};
    size_t n = strlen(name);
    if (name[0] == '.' || (n && name[n - 1] == '~')) return true;
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        size_t k = strlen(exts[i]);
        if (n > k && !strcmp(name + n - k, exts[i])) return true;
    }
    return false;
}

uint64_t deck_signature(const char *dir)
{
    uint64_t h = 1469598103934665603ULL;
    const char *subs[] = {"", "img"};
    for (int s = 0; s < 2; s++) {
        char *d = *subs[s] ? path_join(dir, subs[s]) : mem_strdup(dir);
        DIR *dp = opendir(d);
        struct dirent *e;
        while (dp && (e = readdir(dp))) {
            if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2]))) continue;
            char *p = path_join(d, e->d_name);
            struct stat st;
            uint64_t x = 0;
            bool top = !*subs[s], is_dir = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
            if (top && !is_dir && !deck_reads(e->d_name)) { free(p); continue; }
            if (stat(p, &st) == 0) x = (uint64_t)st.st_size * 31 + (uint64_t)st.st_mtim.tv_sec * 1000003 + (uint64_t)st.st_mtim.tv_nsec + st.st_ino;
            for (const char *c = e->d_name; *c; c++) x = x * 131 + (unsigned char)*c;
            h += hash_u64(x); /* order-independent: readdir order is not stable */
            free(p);
        }
        if (dp) closedir(dp);
        free(d);
    }
    return h;
}
