/* Shared helpers for the cmocka suites: real fonts, real content, temp files. */
#ifndef ANNAI_TESTUTIL_H
#define ANNAI_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "annai/atlas.h"
#include "annai/engine.h"
#include "annai/layout.h"
#include "annai/linebreak.h"

static fonts_t *tu_fonts;
static metrics_t tu_m;

static float tu_adv(void *ud, int face, float px, uint32_t cp) { return fonts_advance(ud, face, px, cp); }

static inline int tu_fonts_up(void **state)
{
    (void)state;
    diag_list_t d = {0};
    linebreak_init();
    tu_fonts = fonts_create("fonts", &d);
    for (int i = 0; i < d.count; i++) fprintf(stderr, "%s\n", d.items[i].text);
    diag_clear(&d);
    if (!tu_fonts) return -1;
    tu_m = (metrics_t){tu_fonts, tu_adv, fonts_ascent_em(tu_fonts, FONTS_FACE_REGULAR), NULL, FONTS_FACE_REGULAR, LANG_BREAKS_JA, "ja", false};
    return 0;
}

static inline int tu_fonts_down(void **state)
{
    (void)state;
    fonts_destroy(tu_fonts);
    tu_fonts = NULL;
    return 0;
}

/* Opens an engine on a content folder with the bundled fonts; its problems go to d.
 * cfg holds the folder name: free it (config_free) after engine_close. */
static inline void tu_engine_open(engine_t *e, config_t *cfg, const char *dir, diag_list_t *d)
{
    config_defaults(cfg);
    cfg->content_dir = mem_strdup(dir);
    assert_int_equal(engine_open(e, cfg, "fonts", d), 0);
}

/* Writes text to a fresh file under dir; returns its path (caller frees). */
static inline char *tu_write(const char *dir, const char *name, const char *text, size_t len)
{
    char *p = path_join(dir, name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fwrite(text, 1, len, f);
    fclose(f);
    return p;
}

static inline char *tu_tmpdir(void)
{
    char tmpl[] = "/tmp/annai-test-XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    return mem_strdup(d);
}

static inline void tu_rmrf(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", dir);
}

/* First code point of a UTF-8 string. */
static inline uint32_t tu_first_cp(const char *s)
{
    size_t i = 0;
    int32_t c = utf8_decode(s, strlen(s), &i);
    return c < 0 ? 0 : (uint32_t)c;
}

static inline uint32_t tu_last_cp(const char *s)
{
    size_t n = strlen(s), i = n;
    if (!n) return 0;
    do i--; while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    int32_t c = utf8_decode(s, n, &i);
    return c < 0 ? 0 : (uint32_t)c;
}

#endif
