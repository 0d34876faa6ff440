/* reload: the debounce and the verdict (pure), kiosk.ini read at the edge. */
#include "annai/reload.h"

#include <stdlib.h>
#include "annai/config.h"
#include "annai/path.h"

#define FNV_OFFSET 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL

void reload_init(reload_t *r, uint64_t sig, uint64_t ini_hash, uint64_t now_ms)
{
    r->sig = sig;
    r->next_poll = now_ms + RELOAD_POLL_MS;
    r->pending = false;
    r->ini_at_start = ini_hash;
    r->ini_changed = false;
}

bool reload_poll_due(const reload_t *r, uint64_t now_ms) { return now_ms >= r->next_poll; }

bool reload_poll(reload_t *r, uint64_t sig, uint64_t now_ms)
{
    r->next_poll = now_ms + RELOAD_POLL_MS;
    if (sig != r->sig) {
        r->sig = sig;
        r->pending = true;
        return false;
    }
    if (!r->pending) return false;
    r->pending = false;
    return true;
}

void reload_begin(reload_t *r, uint64_t sig) { r->sig = sig; }

bool reload_ini_seen(reload_t *r, uint64_t ini_hash)
{
    r->ini_changed = ini_hash != r->ini_at_start;
    return r->ini_changed && ini_hash != RELOAD_INI_NONE;
}

reload_outcome_t reload_outcome(const reload_t *r, int nerrors, int npanels)
{
    if (nerrors || !npanels) return RELOAD_FAILED;
    return r->ini_changed ? RELOAD_DONE_RESTART : RELOAD_DONE;
}

const char *reload_status_label(reload_outcome_t o)
{
    switch (o) {
    case RELOAD_FAILED: return "reload failed, still showing the last good content:";
    case RELOAD_DONE_RESTART: return "reloaded the panels; kiosk.ini changed, restart annai to apply it:";
    default: return "reloaded";
    }
}

int64_t reload_deadline(const reload_t *r, uint64_t now_ms)
{
    return r->next_poll > now_ms ? (int64_t)(r->next_poll - now_ms) : 0;
}

/* kiosk.ini is read once at start, under the --config file and the flags, which the kiosk no
 * longer has: a change is checked and reported, and applied at the next start. */
uint64_t reload_ini_hash(const char *dir)
{
    char *path = path_join(dir, "kiosk.ini"), *data;
    size_t len;
    const char *err;
    uint64_t h = RELOAD_INI_NONE;
    if (path_read(path, PATH_MAX_FILE_BYTES, &data, &len, &err) == 0) {
        h = FNV_OFFSET;
        for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)data[i]) * FNV_PRIME;
        free(data);
    } else if (path_is_file(path)) {
        h = RELOAD_INI_UNREADABLE;
    }
    free(path);
    return h;
}

void reload_check_ini(const char *dir, diag_list_t *d)
{
    config_t scratch;
    config_defaults(&scratch);
    char *path = path_join(dir, "kiosk.ini");
    config_load_file(&scratch, path, false, d);
    free(path);
    config_free(&scratch);
}
