#define _DEFAULT_SOURCE
#include "annai/alert.h"
#include "annai/deck.h"

#include <dirent.h>
#include <poll.h>
#include <pthread.h>
#include <time.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>
#include "annai/panel.h"

/* ---- parse ---- */

static const langset_t *langs_or_default(const langset_t *langs)
{
    static langset_t fallback;
    if (langs) return langs;
    if (!fallback.n) {
        diag_list_t d = {0};
        lang_set_parse(&fallback, LANG_DEFAULT_LIST, "alert", 0, &d);
        diag_clear(&d);
    }
    return &fallback;
}

lang_t alert_lang_of(const langset_t *langs, const char *name, size_t *stem_len)
{
    size_t n = strlen(name);
    if (n > 3 && !strcmp(name + n - 3, ".md")) n -= 3;
    char *base = mem_strndup(name, n), *dot = strrchr(base, '.');
    lang_t l = LANG_DEFAULT;
    *stem_len = n;
    if (dot && dot != base && lang_tag_valid(dot + 1)) { /* the same rule as panel twins */
        *stem_len = (size_t)(dot - base);
        l = lang_find(langs_or_default(langs), dot + 1);
    }
    free(base);
    return l;
}

/* Blocks -> plain text, one line per block: an alert is read at a glance, not laid out. */
static char *panel_text(const panel_t *p)
{
    size_t n = 0;
    for (int b = 0; b < p->nblocks; b++)
        for (int s = 0; s < p->blocks[b].nspans; s++) n += strlen(p->blocks[b].spans[s].text);
    char *out = mem_calloc(n + (size_t)p->nblocks + 1, 1), *o = out;
    for (int b = 0; b < p->nblocks; b++) {
        if (p->blocks[b].kind == PANEL_BLOCK_IMAGE) continue;
        if (o > out) *o++ = '\n';
        for (int s = 0; s < p->blocks[b].nspans; s++) o = stpcpy(o, p->blocks[b].spans[s].text);
    }
    return out;
}

/* Invalid UTF-8 and NUL bytes become '?': the rest of a damaged message still shows. */
static char *clean_copy(const char *d, size_t n)
{
    char *s = mem_calloc(n + 1, 1);
    memcpy(s, d, n);
    for (size_t i = 0; i < n; i++)
        if (!s[i] || s[i] == '\r') s[i] = s[i] ? '\n' : '?';
    long bad;
    while ((bad = utf8_first_invalid(s, n)) >= 0) s[bad] = '?';
    return s;
}

static void append_line(char **text, const char *line, size_t n)
{
    size_t old = *text ? strlen(*text) : 0;
    *text = mem_realloc(*text, old + n + 2);
    if (old) (*text)[old++] = '\n';
    memcpy(*text + old, line, n);
    (*text)[old + n] = 0;
}

static bool fm_value(const char *line, size_t n, const char *key, const char **v, size_t *vn)
{
    size_t kl = strlen(key);
    if (n <= kl || strncmp(line, key, kl) || line[kl] != ':') return false;
    *v = line + kl + 1;
    *vn = n - kl - 1;
    while (*vn && (**v == ' ' || **v == '\t')) { (*v)++; (*vn)--; }
    return true;
}

/* A file panel_parse refused: title and text as plain lines, until:/from: if they read. */
static void plain_parse(const char *data, size_t len, char **title, char **text, timeplan_t *plan)
{
    char *d = clean_copy(data, len);
    bool in_fm = !strncmp(d, "---", 3) && (d[3] == '\n' || !d[3]);
    const char *p = in_fm ? d + 3 + (d[3] != 0) : d;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        const char *v;
        size_t vn;
        if (in_fm && n == 3 && !strncmp(p, "---", 3)) in_fm = false;
        else if (in_fm && fm_value(p, n, "title", &v, &vn)) { free(*title); *title = mem_strndup(v, vn); }
        else if (in_fm && (fm_value(p, n, "until", &v, &vn) || fm_value(p, n, "from", &v, &vn))) {
            char *val = mem_strndup(v, vn), *key = mem_strndup(p, (size_t)(v - p));
            const char *err;
            key[strcspn(key, ":")] = 0;
            timeplan_parse_key(plan, key, val, &err);
            free(val);
            free(key);
        } else if (!in_fm && n) append_line(text, p, n);
        p = e ? e + 1 : p + n;
    }
    if (!*title && *text) { /* no title: the first line is the title */
        char *nl = strchr(*text, '\n');
        *title = mem_strndup(*text, nl ? (size_t)(nl - *text) : strlen(*text));
        char *rest = nl ? mem_strdup(nl + 1) : NULL;
        free(*text);
        *text = rest;
    }
    free(d);
}

static alert_msg_t *msg_for(alert_set_t *set, const char *stem, size_t n, const char *path)
{
    for (int i = 0; i < set->count; i++)
        if (strlen(set->items[i].stem) == n && !strncmp(set->items[i].stem, stem, n)) return &set->items[i];
    MEM_ARRAY_GROW(set->items, set->count, set->cap, set->count + 1);
    alert_msg_t *m = &set->items[set->count++];
    memset(m, 0, sizeof *m);
    m->stem = mem_strndup(stem, n);
    m->path = mem_strdup(path);
    timeplan_init(&m->plan);
    return m;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? mem_strndup(path, (size_t)(slash - path)) : mem_strdup(".");
}

void alert_add_file(alert_set_t *set, const char *path, const char *data, size_t len, int64_t mtime,
                    diag_list_t *diags)
{
    const char *base = strrchr(path, '/');
    size_t sn;
    lang_t lang = alert_lang_of(set->langs, base ? base + 1 : path, &sn);
    if (lang < 0) {
        diag_add(diags, path, 0, "an alert in a language the deck does not show ([content] languages): left out");
        return;
    }
    alert_msg_t *m = msg_for(set, base ? base + 1 : path, sn, path);
    char *dir = dir_of(path), *title = NULL, *text = NULL;
    timeplan_t plan;
    timeplan_init(&plan);
    panel_t *p = panel_parse(path, data, len, dir, diags);
    if (p) {
        title = mem_strdup(p->title);
        text = panel_text(p);
        plan = p->plan;
        panel_free(p);
    } else {
        plain_parse(data, len, &title, &text, &plan);
        m->broken = true;
    }
    free(dir);
    free(m->title[lang]);
    free(m->text[lang]);
    m->title[lang] = title ? title : mem_strdup("");
    m->text[lang] = text;
    if (lang == LANG_DEFAULT || !m->title[LANG_DEFAULT]) m->plan = plan;
    if (lang == LANG_DEFAULT && strcmp(m->path, path)) { free(m->path); m->path = mem_strdup(path); } /* events name the default language's file */
    if (mtime > m->issued) m->issued = mtime;
}

void alert_set_free(alert_set_t *set)
{
    for (int i = 0; i < set->count; i++) {
        alert_msg_t *m = &set->items[i];
        for (int l = 0; l < LANG_MAX; l++) { free(m->title[l]); free(m->text[l]); }
        free(m->stem);
        free(m->path);
    }
    free(set->items);
    memset(set, 0, sizeof *set);
}

static int cmp_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Reads the file, cut at ALERT_MAX_BYTES: a long alert is still an alert. */
static void load_one(alert_set_t *set, const char *path, diag_list_t *diags)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return;
    char *data;
    size_t len;
    const char *err;
    if (path_read(path, PATH_MAX_FILE_BYTES, &data, &len, &err) != 0) {
        diag_add(diags, path, 0, "cannot read alert: %s", err);
        return;
    }
    if (len > ALERT_MAX_BYTES) {
        diag_add(diags, path, 0, "alert longer than %d bytes: the rest is not shown", ALERT_MAX_BYTES);
        len = ALERT_MAX_BYTES;
        while (len && ((unsigned char)data[len] & 0xC0) == 0x80) len--; /* not inside a character */
    }
    alert_add_file(set, path, data, len, (int64_t)st.st_mtime, diags);
    free(data);
}

void alert_set_load(alert_set_t *set, const langset_t *langs, const char *dir, diag_list_t *diags)
{
    memset(set, 0, sizeof *set);
    set->langs = langs;
    DIR *dp = dir ? opendir(dir) : NULL;
    if (!dp) return;
    char *names[ALERT_MAX_FILES];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dp))) {
        if (deck_is_ignored_name(e->d_name)) continue;
        if (n == ALERT_MAX_FILES) { diag_add(diags, dir, 0, "more than %d alert files; the rest are ignored", ALERT_MAX_FILES); break; }
        names[n++] = mem_strdup(e->d_name);
    }
    closedir(dp);
    qsort(names, (size_t)n, sizeof *names, cmp_name); /* twins and messages in a stable order */
    for (int i = 0; i < n; i++) {
        char *path = path_join(dir, names[i]);
        load_one(set, path, diags);
        free(path);
        free(names[i]);
    }
}

/* ---- pick and state (pure) ---- */

int alert_pick(const alert_set_t *set, const timeplan_civil_t *c)
{
    int best = -1;
    for (int i = 0; i < set->count; i++) {
        if (!timeplan_active(&set->items[i].plan, c)) continue;
        if (best < 0 || set->items[i].issued > set->items[best].issued) best = i;
    }
    return best;
}

alert_change_t alert_state_update(alert_state_t *st, const alert_msg_t *msg, char **was)
{
    *was = NULL;
    if (!msg && !st->file) return ALERT_SAME;
    if (msg && st->file && !strcmp(msg->stem, st->stem)) { /* a twin arrived: the same alert */
        if (strcmp(msg->path, st->file)) { free(st->file); st->file = mem_strdup(msg->path); }
        return ALERT_SAME;
    }
    *was = st->file;
    free(st->stem);
    st->file = msg ? mem_strdup(msg->path) : NULL;
    st->stem = msg ? mem_strdup(msg->stem) : NULL;
    if (!*was) return ALERT_ON;
    return msg ? ALERT_SWITCH : ALERT_OFF;
}

void alert_state_free(alert_state_t *st)
{
    free(st->file);
    free(st->stem);
    st->file = st->stem = NULL;
}

/* ---- the watch (edge) ---- */

#define WATCH_MASK (IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CLOSE_WRITE | IN_DELETE_SELF | IN_MOVE_SELF)

static void watch_try_add(alert_watch_t *w)
{
    if (w->fd < 0 || w->wd >= 0) return;
    w->wd = inotify_add_watch(w->fd, w->dir, WATCH_MASK);
}

void alert_watch_open(alert_watch_t *w, const char *dir, uint64_t now)
{
    memset(w, 0, sizeof *w);
    w->dir = mem_strdup(dir);
    w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    w->wd = -1;
    watch_try_add(w);
    struct stat st;
    w->sig = stat(w->dir, &st) == 0 ? deck_signature(w->dir) : 0;
    w->next_poll = now + ALERT_POLL_MS;
}

/* Drains the inotify queue. True when something in the folder changed; the folder itself
 * going away (a tmpfs remount) drops the watch: the poll takes over and adds it again. */
static bool drain(alert_watch_t *w)
{
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    bool changed = false;
    ssize_t n;
    while ((n = read(w->fd, buf, sizeof buf)) > 0) {
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            if (ev->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) {
                if (ev->wd == w->wd) inotify_rm_watch(w->fd, w->wd);
                w->wd = -1;
            }
            if (!(ev->mask & IN_IGNORED) && !(ev->len && deck_is_ignored_name(ev->name))) changed = true;
            p += sizeof *ev + ev->len;
        }
    }
    return changed || w->wd < 0;
}

bool alert_watch_changed(alert_watch_t *w, uint64_t now)
{
    bool changed = w->wd >= 0 && drain(w);
    if (now < w->next_poll) return changed;
    w->next_poll = now + ALERT_POLL_MS;
    if (w->wd >= 0) return changed;
    watch_try_add(w); /* the folder may exist now */
    struct stat st;
    uint64_t sig = stat(w->dir, &st) == 0 ? deck_signature(w->dir) : 0; /* absent: no alert, and no allocation */
    changed |= sig != w->sig;
    w->sig = sig;
    return changed;
}

int64_t alert_watch_deadline(const alert_watch_t *w, uint64_t now)
{
    return w->next_poll > now ? (int64_t)(w->next_poll - now) : 0;
}

#define WAKER_PAUSE_NS (20 * 1000 * 1000) /* after a wake: the loop drains the queue meanwhile */

static void *waker_main(void *arg)
{
    alert_watch_t *w = arg;
    for (;;) {
        struct pollfd p[2] = {{w->fd, POLLIN, 0}, {w->stop[0], POLLIN, 0}};
        if (poll(p, 2, -1) < 0 && errno != EINTR) break;
        if (p[1].revents) break;
        if (!(p[0].revents & POLLIN)) continue;
        w->wake(w->wake_ud);
        struct timespec pause = {0, WAKER_PAUSE_NS};
        nanosleep(&pause, NULL);
    }
    return NULL;
}

void alert_watch_wake(alert_watch_t *w, alert_wake_fn wake, void *ud)
{
    if (w->fd < 0 || w->waker || pipe(w->stop) != 0) return;
    w->wake = wake;
    w->wake_ud = ud;
    w->waker = pthread_create(&w->waker_thread, NULL, waker_main, w) == 0;
    if (!w->waker) { close(w->stop[0]); close(w->stop[1]); }
}

void alert_watch_close(alert_watch_t *w)
{
    if (w->waker) {
        if (write(w->stop[1], "x", 1) != 1) LOG(LOG_WARN, "alert", "cannot stop the waker");
        pthread_join(w->waker_thread, NULL);
        close(w->stop[0]);
        close(w->stop[1]);
    }
    if (w->fd >= 0) close(w->fd);
    free(w->dir);
    memset(w, 0, sizeof *w);
    w->fd = w->wd = -1;
}
