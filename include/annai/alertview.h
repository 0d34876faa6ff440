/* alertview: an alert as a display list: full screen, high contrast, every language of the
 * message stacked at once (the default language first and largest), and when it was issued. */
#ifndef ANNAI_ALERTVIEW_H
#define ANNAI_ALERTVIEW_H

#include "annai/alert.h"
#include "annai/layout.h"

#include "annai/palette.h"

/* the alert's colours are the palette's (one look in every theme) */
#define ALERTVIEW_BG PALETTE_ALERT_BG
#define ALERTVIEW_BAND PALETTE_ALERT_BAND
#define ALERTVIEW_TITLE PALETTE_ALERT_TITLE
#define ALERTVIEW_TEXT PALETTE_ALERT_TEXT
#define ALERTVIEW_RULE PALETTE_ALERT_RULE
#define ALERTVIEW_DEFAULT_WEIGHT 2      /* the default language gets twice the room of each other */
#define ALERTVIEW_BLOCK_BASE (-100)     /* dl line block ids: ALERTVIEW_BLOCK_BASE - lang */

/* The languages msg has, in the order they are stacked: deflt first. Returns how many. */
int alertview_langs(const alert_msg_t *msg, lang_t deflt, lang_t *out);
/* faces(ud, l): the metrics (faces) of language l, asked for each language msg has; the band
 * and the issued line are set in the first one's face. */
typedef const metrics_t *(*alertview_faces_fn)(void *ud, lang_t l);
void alertview_build(dlist_t *dl, alertview_faces_fn faces, void *ud, const langset_t *ls, int w, int h,
                     const alert_msg_t *msg, lang_t deflt);

#endif
