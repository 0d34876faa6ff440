/* palette: every colour on screen, per theme (the everyday one and high contrast), and the
 * pairs of them that are drawn one over the other, so their contrast can be checked as data;
 * the colours every theme shares (alerts, QR codes), and how a panel's accent becomes the
 * colours drawn with it. The one room for colour: no other room writes a colour literal.
 * Pure: no SDL. */
#ifndef ANNAI_PALETTE_H
#define ANNAI_PALETTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* WCAG 2 ratios: AAA body text, and what the high-contrast theme promises (issue 19) */
#define PALETTE_TEXT_MIN 7.0
#define PALETTE_HC_TEXT_MIN 15.0
#define PALETTE_HC_CONTROL_MIN 4.5

/* 0xAARRGGBB: the alpha of a colour drawn solid; ORed onto the themes' 0xRRGGBB accents */
#define PALETTE_OPAQUE 0xFF000000u
#define PALETTE_UNTINTED 0xFFFFFFFFu /* an image drawn as it is (the item colour modulates it) */
#define PALETTE_QR_DARK 0xFF000000u  /* QR modules stay black on white in every theme: scanners expect it */

/* An emergency alert looks the same in every theme: black, white text, signal yellow. */
#define PALETTE_ALERT_BG 0xFF000000u
#define PALETTE_ALERT_BAND 0xFFFFD400u  /* signal yellow: 14.6:1 against the black */
#define PALETTE_ALERT_TITLE 0xFFFFD400u
#define PALETTE_ALERT_TEXT 0xFFFFFFFFu  /* 21:1 */
#define PALETTE_ALERT_RULE 0xFF6E6E6Eu

typedef enum { PALETTE_NORMAL, PALETTE_HIGH_CONTRAST, PALETTE_COUNT } palette_id_t;

typedef struct palette {
    const char *name;
    uint32_t bg;          /* panel background */
    uint32_t ink;         /* body text */
    uint32_t muted;       /* secondary text (captions, sub-items) */
    uint32_t rule;        /* thin lines */
    uint32_t card;        /* card and timeline-box fill */
    uint32_t on_accent;   /* text over an accent field (title panels) */
    uint32_t accent;      /* the deck's accent when a panel sets none */
    uint32_t bar;         /* the navigation bar */
    uint32_t button;      /* button face */
    uint32_t button_ink;  /* button label */
    uint32_t border;      /* button outline */
    uint32_t dot;         /* an inactive page dot */
    uint32_t dot_active;  /* the current page dot */
    uint32_t focus;       /* the keyboard focus ring */
    uint32_t alert_bg, alert_ink;
    uint32_t admin_bg, admin_ink, admin_warn; /* the operator's overlay */
    double accent_min;    /* a panel's accent is darkened until text on it reaches this */
    int panel_accents;    /* 1: a panel's own accent is used; 0: the palette's accent replaces it */
} palette_t;

typedef enum { PALETTE_PAIR_TEXT, PALETTE_PAIR_CONTROL } pair_kind_t;

/* A foreground drawn over a background: offsets of two palette_t colour fields. */
typedef struct {
    size_t fg, bg;
    pair_kind_t kind;
    const char *what;
} palette_pair_t;

const palette_t *palette_get(palette_id_t id);
/* Every (foreground, background) pair the screen draws; n is set to their count. */
const palette_pair_t *palette_pairs(int *n);
uint32_t palette_colour(const palette_t *p, size_t field);
/* WCAG 2 contrast ratio of two 0xRRGGBB colours (alpha ignored). */
double palette_contrast(uint32_t a, uint32_t b);
/* rgb darkened step by step until it reaches min_ratio against `against`. */
uint32_t palette_darken_for_contrast(uint32_t rgb, uint32_t against, double min_ratio);
palette_id_t palette_by_name(const char *name); /* "normal" | "high-contrast"; PALETTE_COUNT if neither */

/* A panel's accent (0xRRGGBB): its own where the theme lets panels colour themselves
 * (own is then has_own's colour), else the theme's. */
uint32_t palette_accent(const palette_t *pal, bool has_own, uint32_t own);
/* The field of a title panel in that accent (opaque), dark enough for on_accent text on it. */
uint32_t palette_title_field(const palette_t *pal, uint32_t accent);
/* A label set in the accent colour on the panel's ground (timeline steps), opaque: the accent
 * darkened to body text's contrast (AAA), for it is read as text. */
uint32_t palette_label_ink(const palette_t *pal, uint32_t accent);

#endif
