/* path: files and folders: whole-file reads that never block, joins, the binary's folder. */
#include "annai/path.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "annai/buf.h"
#include "annai/mem.h"

int path_read(const char *path, size_t max, char **out, size_t *len, const char **err)
{
    struct stat st;
    *out = NULL;
    *len = 0;
    /* non-blocking open: a FIFO or device named like a panel must not stall the kiosk */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *err = errno == EACCES ? "cannot read file (permission denied)"
             : errno == ELOOP  ? "symbolic link loop"
             : errno == ENOENT ? "file not found (or a dangling symbolic link)"
                               : "cannot open file";
        return -1;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) { close(fd); *err = "not a regular file"; return -1; }
    if ((size_t)st.st_size > max) {
        close(fd);
        *err = max == PATH_MAX_FILE_BYTES ? "file too large (the limit is 1 MiB)" : "file too large";
        return -1;
    }
    char *d = mem_realloc(NULL, (size_t)st.st_size + 1);
    size_t n = 0;
    while (n < (size_t)st.st_size) {
        ssize_t r = read(fd, d + n, (size_t)st.st_size - n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        n += (size_t)r;
    }
    close(fd);
    d[n] = 0;
    *out = d;
    *len = n;
    return 0;
}

bool path_is_dir(const char *p)
{
    struct stat st;
    return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

bool path_is_file(const char *p)
{
    struct stat st;
    return p && stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

char *path_join(const char *a, const char *b)
{
    buf_t o = {0};
    buf_puts(&o, a);
    if (o.len && o.data[o.len - 1] != '/') buf_putc(&o, '/');
    buf_puts(&o, b);
    return buf_take(&o);
}

char *path_exe_dir(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return NULL;
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (!slash) return NULL;
    *slash = 0;
    return mem_strdup(exe);
}
