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
