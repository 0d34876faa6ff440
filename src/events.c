#define _POSIX_C_SOURCE 200809L
#include "annai/events.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

int events_open(events_t *e, const char *path)
{
    e->f = NULL;
    e->err = 0;
    if (!path || !*path) return 0;
    /* "-": standard output, which journald (or a pipe to logger) collects under systemd */
    e->f = strcmp(path, "-") ? fopen(path, "a") : stdout;
    return e->f ? 0 : -1;
}

void events_close(events_t *e)
{
    if (e->f && e->f != stdout) fclose(e->f);
    e->f = NULL;
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
    if (!e->f) return;
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
    e->err = fflush(e->f) == 0 && !ferror(e->f) ? 0 : (errno ? errno : EIO);
    clearerr(e->f);
}
