#define _DEFAULT_SOURCE
#include "annai/health.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "annai/events.h"

#define FNV_OFFSET 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL
#define HASH_CHUNK 16384

static const char *kind_names[HEALTH_KINDS] = {"events", "heartbeat", "metrics"};

const char *health_kind_name(health_kind_t k) { return kind_names[k]; }

bool health_record(health_t *h, health_kind_t k, const char *path, int err)
{
    path = !path ? "-" : strcmp(path, "-") ? path : "(standard output)";
    if (err) h->failures[k]++;
    if (err == h->err[k]) return false;
    bool was_failing = h->err[k] != 0;
    h->err[k] = err;
    if (err) {
        snprintf(h->msg[k], sizeof h->msg[k], "%s: %s: %s", kind_names[k], path, strerror(err));
        LOG(LOG_ERROR, "health", "cannot write the %s file %s: %s (said once; the kiosk goes on)", kind_names[k],
                path, strerror(err));
    } else if (was_failing) {
        h->msg[k][0] = 0;
        LOG(LOG_WARN, "health", "the %s file %s is written again", kind_names[k], path);
    }
    return true;
}

bool health_failing(const health_t *h)
{
    for (int k = 0; k < HEALTH_KINDS; k++)
        if (h->err[k]) return true;
    return false;
}

void health_describe(const health_t *h, char *out, size_t n)
{
    size_t used = 0;
    out[0] = 0;
    for (int k = 0; k < HEALTH_KINDS && used < n; k++) {
        if (!h->err[k]) continue;
        int w = snprintf(out + used, n - used, "%s%s", used ? "; " : "", h->msg[k]);
        if (w < 0) break;
        used += (size_t)w;
    }
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t w = write(fd, data, len);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) return errno;
        if (w == 0) return EIO;
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

/* No fsync: the file must survive the kiosk dying, not the board losing power (the heartbeat
 * is in /run, the metrics are read within seconds), and an fsync every interval wears SD cards. */
int health_write_atomic(const char *path, const char *data, size_t len)
{
    size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    if (!tmp) return ENOMEM;
    snprintf(tmp, n, "%s.tmp", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    int err = fd < 0 ? errno : write_all(fd, data, len);
    if (fd >= 0 && close(fd) != 0 && !err) err = errno;
    if (!err && rename(tmp, path) != 0) err = errno;
    if (err && fd >= 0) unlink(tmp);
    free(tmp);
    return err;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++) h = (h ^ c[i]) * FNV_PRIME;
    return h;
}

/* Panels are small (1 MiB at most): all their bytes. A FIFO put in place of a file must not
 * hang the kiosk here: opened non-blocking, and only regular files are read. */
static uint64_t hash_panel(uint64_t h, const char *path, const char *name)
{
    h = fnv(h, name, strlen(name) + 1);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return h;
    struct stat st;
    char chunk[HASH_CHUNK];
    ssize_t r;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        while ((r = read(fd, chunk, sizeof chunk)) > 0) h = fnv(h, chunk, (size_t)r);
    close(fd);
    return h;
}

/* Images can be 16 MiB each and are hashed on every reload, in the loop the systemd watchdog
 * watches: their size and first and last HASH_CHUNK bytes only (a reload of a deck with a
 * hundred photos on an SD card would otherwise read hundreds of MB). A replaced JPEG or PNG
 * differs there (headers, tables, the end of the entropy-coded data). */
static uint64_t hash_image(uint64_t h, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return h;
    struct stat st;
    char chunk[HASH_CHUNK];
    ssize_t r;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        uint64_t size = (uint64_t)st.st_size;
        h = fnv(h, &size, sizeof size);
        if ((r = pread(fd, chunk, sizeof chunk, 0)) > 0) h = fnv(h, chunk, (size_t)r);
        if (st.st_size > HASH_CHUNK && (r = pread(fd, chunk, sizeof chunk, st.st_size - HASH_CHUNK)) > 0)
            h = fnv(h, chunk, (size_t)r);
    }
    close(fd);
    return h;
}

uint64_t health_content_hash(const deck_t *deck)
{
    uint64_t h = FNV_OFFSET;
    /* panel names relative to the folder, images by their bytes only (their paths are
     * resolved): the same deck in another folder hashes the same */
    size_t dir = deck->dir ? strlen(deck->dir) : 0;
    for (int i = 0; i < deck->count; i++)
        for (int l = 0; l < LANG_MAX; l++) {
            const panel_t *p = deck->entries[i].lang[l];
            if (!p) continue;
            const char *rel = dir && !strncmp(p->path, deck->dir, dir) ? p->path + dir : p->path;
            h = hash_panel(h, p->path, rel);
            for (int b = 0; b < p->nblocks; b++)
                if (p->blocks[b].image) h = hash_image(h, p->blocks[b].image);
        }
    return h;
}

static void iso_ms(char *out, size_t n, int64_t ms)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    char s[32];
    strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out, n, "%s.%03dZ", s, (int)(ms % 1000));
}

/* Field names a watchdog script reads with one grep or jq: "unix" is when this was written,
 * "last_frame_unix" when the screen last changed what it shows. */
void health_heartbeat_json(buf_t *b, const heartbeat_t *hb, const health_t *h)
{
    char ts[40], lf[40], panel[600], errs[HEALTH_KINDS * HEALTH_MSG_LEN], qerrs[sizeof errs * 2];
    iso_ms(ts, sizeof ts, hb->now_ms);
    if (hb->last_frame_ms) iso_ms(lf, sizeof lf, hb->last_frame_ms);
    events_quote(panel, sizeof panel, hb->panel ? hb->panel : "");
    health_describe(h, errs, sizeof errs);
    events_quote(qerrs, sizeof qerrs, errs);
    buf_printf(b, "{\"ts\":\"%s\",\"unix\":%lld,\"state\":\"%s\",\"pid\":%lld,\"panel\":%s,\"index\":%d,"
               "\"lang\":\"%s\",\"screen\":\"%s\",",
               ts, (long long)(hb->now_ms / 1000), hb->state, (long long)hb->pid, panel, hb->index + 1, hb->lang,
               hb->screen_on ? "on" : "off");
    if (hb->last_frame_ms)
        buf_printf(b, "\"last_frame\":\"%s\",\"last_frame_unix\":%lld,", lf, (long long)(hb->last_frame_ms / 1000));
    else
        buf_puts(b, "\"last_frame\":null,\"last_frame_unix\":0,");
    buf_printf(b, "\"content\":\"%016llx\",\"write_errors\":%s}\n", (unsigned long long)hb->content_hash, qerrs);
}
