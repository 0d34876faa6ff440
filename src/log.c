/* log: the one way the running kiosk reports to stderr (the journal under systemd). */
#include "annai/log.h"

#include <stdarg.h>
#include <stdio.h>

log_level_t log_threshold = LOG_WARN;

void log_write(log_level_t lv, const char *module, const char *file, int line, const char *fmt, ...)
{
    static const char *names[] = {"error", "warn", "info", "debug"};
    if (lv > log_threshold) return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "annai[%s] %s: ", module, names[lv]);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, " (%s:%d)\n", file, line);
    va_end(ap);
}
