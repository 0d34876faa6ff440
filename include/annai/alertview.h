/* alertview: an alert as a display list: full screen, high contrast, every language of the
 * message stacked at once (the default language first and largest), and when it was issued. */
#ifndef ANNAI_ALERTVIEW_H
#define ANNAI_ALERTVIEW_H

#include "annai/alert.h"
#include "annai/layout.h"

#define ALERTVIEW_BG 0xFF000000u
#define ALERTVIEW_BAND 0xFFFFD400u     /* signal yellow: 14.6:1 against the black */
#define ALERTVIEW_TITLE 0xFFFFD400u
#define ALERTVIEW_TEXT 0xFFFFFFFFu      /* 21:1 */
#define ALERTVIEW_RULE 0xFF6E6E6Eu
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
