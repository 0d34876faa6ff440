/* theme: the type scale for a screen: margins, text sizes and the chrome's height, all in
 * proportion to the short side, so a panel reads alike at 720p, 1080p and 4K in either
 * orientation. Its colours are palette.h's. Pure. */
#ifndef ANNAI_THEME_H
#define ANNAI_THEME_H

/* No text is set smaller than this, whatever the screen (DESIGN: max(16 px, 3% of the short side)). */
#define THEME_MIN_PX 16.0f

typedef struct {
    float unit;          /* 1% of the short side */
    float margin, body_px, min_px, title_px, h2_px, h3_px, chrome_h;
} theme_t;

void theme_for(theme_t *t, int w, int h);
/* The same with every text size multiplied by text_scale (the larger-text mode; 0: 1). */
void theme_for_scaled(theme_t *t, int w, int h, float text_scale);

#endif
