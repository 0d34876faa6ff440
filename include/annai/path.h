/* path: files and folders: whole-file reads that never block, joins, the binary's folder. */
#ifndef ANNAI_PATH_H
#define ANNAI_PATH_H

#include <stdbool.h>
#include <stddef.h>

#ifndef PATH_MAX_FILE_BYTES
#define PATH_MAX_FILE_BYTES (1024 * 1024) /* a panel file larger than this is refused (see path_read) */
#endif

/* Reads a whole regular file up to max bytes. Returns 0, or -1 with *err set (static text). */
int path_read(const char *path, size_t max, char **out, size_t *len, const char **err);
bool path_is_dir(const char *path);
bool path_is_file(const char *path);
char *path_join(const char *a, const char *b);
/* The folder of the running binary (from /proc/self/exe), or NULL. Caller frees. */
char *path_exe_dir(void);

#endif
