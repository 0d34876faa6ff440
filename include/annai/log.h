/* log: the one way the running kiosk writes to stderr (the journal under systemd):
 * "annai[module] level: message (src/file.c:line)". The reports of the command-line modes
 * (--check's path:line list, usage errors) are output, not log lines, and keep their own form. */
#ifndef ANNAI_LOG_H
#define ANNAI_LOG_H

typedef enum { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG } log_level_t;
extern log_level_t log_threshold;
void log_write(log_level_t lv, const char *module, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
#define LOG(lv, mod, ...) log_write(lv, mod, __FILE__, __LINE__, __VA_ARGS__)

#endif
