/* reload: when the content folder is read again. The pure core is the debounce (a folder must
 * change and then stay unchanged for one poll, so a deploy in progress is never parsed
 * half-written) and the verdict on a reload (failed, done, done but kiosk.ini needs a restart);
 * the edge reads kiosk.ini's bytes and checks a changed one. The kiosk passes the folder's
 * signature and now_ms in. */
#ifndef ANNAI_RELOAD_H
#define ANNAI_RELOAD_H

#include <stdbool.h>
#include <stdint.h>
#include "annai/diag.h"

#define RELOAD_POLL_MS 2000 /* the folder's signature is taken this often */
#define RELOAD_INI_NONE 0   /* reload_ini_hash: there is no kiosk.ini */
#define RELOAD_INI_UNREADABLE 1 /* there but unreadable: a change too */

typedef struct {
    uint64_t sig;          /* the folder's signature at the last poll (or reload) */
    uint64_t next_poll;
    bool pending;          /* it changed at the last poll: reload when it holds still */
    uint64_t ini_at_start; /* kiosk.ini as it was read at start */
    bool ini_changed;      /* since then: it needs a restart */
} reload_t;

typedef enum {
    RELOAD_FAILED,         /* an error or no panel: the last good deck stays */
    RELOAD_DONE,
    RELOAD_DONE_RESTART,   /* the panels are new; kiosk.ini changed and waits for a restart */
} reload_outcome_t;

void reload_init(reload_t *r, uint64_t sig, uint64_t ini_hash, uint64_t now_ms);
/* True when a poll is due now: the caller takes the signature and calls reload_poll. */
bool reload_poll_due(const reload_t *r, uint64_t now_ms);
/* One poll with the folder's signature now. True when the folder changed and then stayed the
 * same for a whole poll: reload now. */
bool reload_poll(reload_t *r, uint64_t sig, uint64_t now_ms);
/* A reload starts (a poll's verdict or the operator's button): the signature taken before
 * loading, so a file that changes while the deck loads is seen at the next poll. */
void reload_begin(reload_t *r, uint64_t sig);
/* kiosk.ini's hash now. True when it changed from the start and exists: check it (a broken one
 * fails the reload like a broken panel). */
bool reload_ini_seen(reload_t *r, uint64_t ini_hash);
reload_outcome_t reload_outcome(const reload_t *r, int nerrors, int npanels);
/* What the admin overlay says before the time of the reload. */
const char *reload_status_label(reload_outcome_t o);
int64_t reload_deadline(const reload_t *r, uint64_t now_ms);

/* Edge: kiosk.ini in dir as a hash of its bytes (RELOAD_INI_NONE: none). */
uint64_t reload_ini_hash(const char *dir);
/* Edge: parses dir/kiosk.ini into a scratch config; its problems go to d. */
void reload_check_ini(const char *dir, diag_list_t *d);

#endif
