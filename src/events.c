#define _POSIX_C_SOURCE 200809L
#include "annai/events.h"
#include "annai/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

int events_open(events_t *e, const char *path)
{
    memset(e, 0, sizeof *e);
    if (!path || !*path) return 0;
    /* "-": standard output, which journald (or a pipe to logger) collects under systemd */
    if (strcmp(path, "-")) e->path = mem_strdup(path);
    e->f = e->path ? fopen(path, "a") : stdout;
    return e->f ? 0 : -1;
}

void events_close(events_t *e)
{
    if (e->f && e->f != stdout) fclose(e->f);
    free(e->path);
    memset(e, 0, sizeof *e);
}

void events_reopen(events_t *e)
{
    if (!e->path) return;
    FILE *f = fopen(e->path, "a");
    if (!f) { LOG(LOG_WARN, "events", "%s: cannot reopen: %s", e->path, strerror(errno)); return; }
    if (e->f) fclose(e->f);
    e->f = f;
}

/* With SIGPIPE ignored a write to a pipe whose reader went away fails with EPIPE: the kiosk
 * goes on showing panels, says so once, and stops writing. */
static void check_reader(events_t *e)
{
    if (!ferror(e->f) || errno != EPIPE) return;
    e->gone = true;
    LOG(LOG_WARN, "events", "the reader of the events went away; events are no longer written");
}

void events_quote(char *out, size_t n, const char *s)
{
    size_t k = 0;
    if (n < 3) return;
    out[k++] = '"';
    for (; *s && k + 8 < n; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') { out[k++] = '\\'; out[k++] = (char)c; }
        else if (c == '\n') { out[k++] = '\\'; out[k++] = 'n'; }
        else if (c < 0x20) k += (size_t)snprintf(out + k, n - k, "\\u%04x", c);
        else out[k++] = (char)c;
    }
    out[k++] = '"';
    out[k] = 0;
}

void events_emit(events_t *e, const char *ev, ...)
{
    if (!e->f || e->gone) return;
    struct timeval tv;
    gettimeofday(&tv, NULL);
    struct tm tm;
    gmtime_r(&tv.tv_sec, &tm);
    char ts[40];
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);
    fprintf(e->f, "{\"ts\":\"%s.%03ldZ\",\"ev\":\"%s\"", ts, (long)(tv.tv_usec / 1000), ev);
    va_list ap;
    va_start(ap, ev);
    const char *k;
    while ((k = va_arg(ap, const char *))) {
        const char *v = va_arg(ap, const char *);
        fprintf(e->f, ",\"%s\":%s", k, v);
    }
    va_end(ap);
    fputs("}\n", e->f);
    /* the kiosk says a failing events file once (health.c); the line is lost, the loop goes on */
    errno = 0;
    bool ok = fflush(e->f) == 0 && !ferror(e->f);
    e->err = ok ? 0 : (errno ? errno : EIO);
    check_reader(e);
    clearerr(e->f);
}

/* ---- what the kiosk reports ---- */

static void str_value(char *out, size_t n, const char *s) { snprintf(out, n, "\"%s\"", s); }

void events_emit_start(events_t *e, int panels)
{
    char n[16];
    snprintf(n, sizeof n, "%d", panels);
    events_emit(e, "start", "panels", n, NULL);
}

void events_emit_view(events_t *e, const char *stem, int index, const char *lang, const char *via)
{
    char q[EVENTS_QUOTED_MAX], idx[16], l[64], v[32];
    events_quote(q, sizeof q, stem);
    snprintf(idx, sizeof idx, "%d", index);
    str_value(l, sizeof l, lang);
    str_value(v, sizeof v, via);
    events_emit(e, "view", "panel", q, "index", idx, "lang", l, "via", v, NULL);
}

void events_emit_lang(events_t *e, const char *lang)
{
    char l[64];
    str_value(l, sizeof l, lang);
    events_emit(e, "lang", "lang", l, NULL);
}

void events_emit_narration(events_t *e, const char *state, const char *stem, const char *lang)
{
    char st[32], q[EVENTS_QUOTED_MAX], l[64];
    str_value(st, sizeof st, state);
    events_quote(q, sizeof q, stem);
    str_value(l, sizeof l, lang);
    events_emit(e, "narration", "state", st, "panel", q, "lang", l, NULL);
}

void events_emit_a11y(events_t *e, const char *mode, bool on)
{
    char m[32];
    str_value(m, sizeof m, mode);
    events_emit(e, "a11y", "mode", m, "state", on ? "\"on\"" : "\"off\"", NULL);
}

void events_emit_schedule(events_t *e, const char *const *stems, int n)
{
    buf_t b = {0};
    char q[EVENTS_QUOTED_MAX];
    buf_putc(&b, '[');
    for (int i = 0; i < n; i++) {
        events_quote(q, sizeof q, stems[i]);
        if (i) buf_putc(&b, ',');
        buf_puts(&b, q);
    }
    buf_putc(&b, ']');
    events_emit(e, "schedule", "panels", b.data, NULL);
    buf_free(&b);
}

void events_emit_screen(events_t *e, bool on) { events_emit(e, "screen", "state", on ? "\"on\"" : "\"off\"", NULL); }

void events_emit_alert(events_t *e, const char *state, const char *file)
{
    char q[EVENTS_QUOTED_MAX], st[16];
    events_quote(q, sizeof q, file);
    str_value(st, sizeof st, state);
    events_emit(e, "alert", "state", st, "file", q, NULL);
}

void events_emit_touch(events_t *e, const char *kind, float x, float y)
{
    char xs[16], ys[16], ks[32];
    snprintf(xs, sizeof xs, "%d", (int)x);
    snprintf(ys, sizeof ys, "%d", (int)y);
    str_value(ks, sizeof ks, kind);
    events_emit(e, "touch", "kind", ks, "x", xs, "y", ys, NULL);
}

void events_emit_reload(events_t *e, int panels, bool restart)
{
    char n[16];
    snprintf(n, sizeof n, "%d", panels);
    if (restart) events_emit(e, "reload", "panels", n, "restart", "\"kiosk.ini changed: restart annai to apply it\"", NULL);
    else events_emit(e, "reload", "panels", n, NULL);
}

void events_emit_reload_failed(events_t *e, const char *error)
{
    char q[EVENTS_QUOTED_MAX];
    events_quote(q, sizeof q, error);
    events_emit(e, "reload-failed", "error", q, NULL);
}

void events_emit_problems(events_t *e, int count, const char *first)
{
    char n[16], q[EVENTS_QUOTED_MAX];
    snprintf(n, sizeof n, "%d", count);
    events_quote(q, sizeof q, first);
    events_emit(e, "content-problems", "count", n, "first", q, NULL);
}
