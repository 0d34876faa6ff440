/* palette: the two themes as data, WCAG contrast, and the accent rules (palette.h). */
#include "annai/palette.h"

#include <math.h>
#include <string.h>

#define DARKEN_STEPS 64

static const palette_t palettes[PALETTE_COUNT] = {
    [PALETTE_NORMAL] = {
        .name = "normal",
        .bg = 0xFFF7F5F0u, .ink = 0xFF1A1A1Au, .muted = 0xFF3A3A3Au, .rule = 0xFFD3CEC4u,
        .card = 0xFFFFFFFFu, .on_accent = 0xFFFFFFFFu, .accent = 0xFF0B5CADu,
        .bar = 0xFFE9E5DCu, .button = 0xFFFFFFFFu, .button_ink = 0xFF1A1A1Au, .border = 0xFF0B5CADu,
        .dot = 0xFF8A857Cu, .dot_active = 0xFF0B5CADu, .focus = 0xFF0B5CADu,
        .alert_bg = PALETTE_ALERT_BG, .alert_ink = PALETTE_ALERT_TEXT,
        .admin_bg = 0xFF20242Au, .admin_ink = 0xFFF2F2F2u, .admin_warn = 0xFFFFB4A8u,
        .accent_min = 7.5, .panel_accents = 1,
    },
    /* black ground, white and yellow ink (black on yellow fields): what low-vision visitors
     * know from screen magnifiers; the panels' own accent colours give way to the yellow */
    [PALETTE_HIGH_CONTRAST] = {
        .name = "high-contrast",
        .bg = 0xFF000000u, .ink = 0xFFFFFFFFu, .muted = 0xFFE6E6E6u, .rule = 0xFFBDBDBDu,
        .card = 0xFF000000u, .on_accent = 0xFF000000u, .accent = 0xFFFFE14Du,
        .bar = 0xFF000000u, .button = 0xFF000000u, .button_ink = 0xFFFFFFFFu, .border = 0xFFFFFFFFu,
        .dot = 0xFF9E9E9Eu, .dot_active = 0xFFFFE14Du, .focus = 0xFFFFE14Du,
        .alert_bg = PALETTE_ALERT_BG, .alert_ink = PALETTE_ALERT_TEXT,
        .admin_bg = 0xFF000000u, .admin_ink = 0xFFFFFFFFu, .admin_warn = 0xFFFFE14Du,
        .accent_min = 15.0, .panel_accents = 0,
    },
};

#define F(field) offsetof(palette_t, field)

static const palette_pair_t pairs[] = {
    {F(ink), F(bg), PALETTE_PAIR_TEXT, "body text on the panel"},
    {F(muted), F(bg), PALETTE_PAIR_TEXT, "secondary text on the panel"},
    {F(ink), F(card), PALETTE_PAIR_TEXT, "text on a card"},
    {F(muted), F(card), PALETTE_PAIR_TEXT, "secondary text on a card"},
    {F(accent), F(bg), PALETTE_PAIR_TEXT, "accent headings on the panel"},
    {F(on_accent), F(accent), PALETTE_PAIR_TEXT, "text on an accent field"},
    {F(button_ink), F(button), PALETTE_PAIR_TEXT, "button labels"},
    {F(ink), F(bar), PALETTE_PAIR_TEXT, "text on the navigation bar"},
    {F(alert_ink), F(alert_bg), PALETTE_PAIR_TEXT, "alert text"},
    {F(admin_ink), F(admin_bg), PALETTE_PAIR_TEXT, "admin overlay text"},
    {F(admin_warn), F(admin_bg), PALETTE_PAIR_TEXT, "admin overlay problems"},
    {F(button), F(ink), PALETTE_PAIR_TEXT, "label of a button that is on (drawn inverted)"},
    {F(ink), F(bg), PALETTE_PAIR_CONTROL, "scroll cue on the panel"},
    {F(border), F(bar), PALETTE_PAIR_CONTROL, "button outline on the bar"},
    {F(dot), F(bar), PALETTE_PAIR_CONTROL, "inactive page dot"},
    {F(dot_active), F(bar), PALETTE_PAIR_CONTROL, "current page dot"},
    {F(focus), F(bar), PALETTE_PAIR_CONTROL, "focus ring on the bar"},
    {F(focus), F(bg), PALETTE_PAIR_CONTROL, "focus ring on the panel"},
};

const palette_t *palette_get(palette_id_t id)
{
    return &palettes[id < PALETTE_COUNT ? id : PALETTE_NORMAL];
}

const palette_pair_t *palette_pairs(int *n)
{
    *n = (int)(sizeof pairs / sizeof pairs[0]);
    return pairs;
}

uint32_t palette_colour(const palette_t *p, size_t field)
{
    uint32_t c;
    memcpy(&c, (const char *)p + field, sizeof c);
    return c;
}

static double lin(unsigned v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(uint32_t rgb)
{
    return 0.2126 * lin((rgb >> 16) & 255) + 0.7152 * lin((rgb >> 8) & 255) + 0.0722 * lin(rgb & 255);
}

double palette_contrast(uint32_t a, uint32_t b)
{
    double la = luminance(a & 0xFFFFFF), lb = luminance(b & 0xFFFFFF);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

uint32_t palette_darken_for_contrast(uint32_t rgb, uint32_t against, double min_ratio)
{
    for (int i = 0; i < DARKEN_STEPS && palette_contrast(rgb, against) < min_ratio; i++) {
        unsigned r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
        rgb = (r * 9 / 10) << 16 | (g * 9 / 10) << 8 | (b * 9 / 10);
    }
    return rgb & 0xFFFFFF;
}

palette_id_t palette_by_name(const char *name)
{
    for (int i = 0; i < PALETTE_COUNT; i++)
        if (name && strcmp(name, palettes[i].name) == 0) return (palette_id_t)i;
    return PALETTE_COUNT;
}

uint32_t palette_accent(const palette_t *pal, bool has_own, uint32_t own)
{
    return pal->panel_accents && has_own ? own : pal->accent & 0xFFFFFF;
}

uint32_t palette_title_field(const palette_t *pal, uint32_t accent)
{
    uint32_t field = pal->panel_accents ? palette_darken_for_contrast(accent, pal->on_accent, pal->accent_min) : pal->accent;
    return PALETTE_OPAQUE | field;
}

uint32_t palette_label_ink(const palette_t *pal, uint32_t accent)
{
    return PALETTE_OPAQUE | palette_darken_for_contrast(accent, pal->bg, PALETTE_TEXT_MIN);
}
