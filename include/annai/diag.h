/* diag: problems found in content or config, each already formatted as "path:line: message";
 * `--check` prints them, the admin overlay and the events file show them. */
#ifndef ANNAI_DIAG_H
#define ANNAI_DIAG_H

typedef struct {
    char *text;
} diag_t;

typedef struct {
    diag_t *items;
    int count, cap;
} diag_list_t;

void diag_add(diag_list_t *dl, const char *path, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_clear(diag_list_t *dl);
void diag_truncate(diag_list_t *dl, int keep); /* drops all but the first keep */
void diag_move(diag_list_t *dst, diag_list_t *src);
/* The report of a command-line mode on stderr: items [from, to) one a line, as they are (these
 * are output for the operator, not log lines). */
void diag_print(const diag_list_t *dl, int from, int to);
void diag_print_more(int more, const char *what); /* "... and N more WHAT" */

#endif
