/* annai: flags -> config -> one of: kiosk loop, --check, --screenshot, --dump-layout, --bench. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "annai/bench.h"
#include "annai/check.h"
#include "annai/config.h"
#include "annai/engine.h"
#include "annai/events.h"
#include "annai/linebreak.h"
#include "annai/kiosk.h"
#include "annai/platform.h"
#include "annai/render.h"
#include "annai/shot.h"

#define HEADLESS_W 1920
#define HEADLESS_H 1080
#define CHECK_MAX_WARNINGS 40 /* missing twins listed by --check; a deck of thousands says how many more */

static void print_diags(const diag_list_t *d)
{
    for (int i = 0; i < d->count; i++) fprintf(stderr, "%s\n", d->items[i].text);
}

/* Every panel in every language at the configured size: report text cut with …
 * and images that do not decode. */
static int check_layouts(engine_t *e, diag_list_t *d)
{
    int before = d->count;
    for (int i = 0; i < e->deck.count; i++) {
        for (int l = 0; l < engine_nlangs(e); l++) {
            const panel_t *p = e->deck.entries[i].lang[l];
            if (!p) continue;
            const dlist_t *dl = engine_panel(e, i, l);
            if (dl->clipped)
                diag_add(d, p->path, 1, "text does not fit at %dx%d even at the smallest size; it is cut with …", e->w, e->h);
            if (dl->dropped) diag_add(d, p->path, 1, "at %dx%d %s: it is not shown", e->w, e->h, dl->dropped);
            for (int b = 0; b < p->nblocks; b++) {
                const char *err = p->blocks[b].image ? render_probe_image(p->blocks[b].image) : NULL;
                if (err) diag_add(d, p->path, p->blocks[b].line, "%s", err);
            }
        }
    }
    return d->count - before;
}

/* "ja 11, en 11, ko 9": the panels each language has */
static void twin_counts(const engine_t *e, char *out, size_t n)
{
    size_t k = 0;
    out[0] = 0;
    for (int l = 0; l < e->cfg.langs.n && k < n; l++) {
        int c = 0;
        for (int i = 0; i < e->deck.count; i++) c += e->deck.entries[i].lang[l] != NULL;
        k += (size_t)snprintf(out + k, n - k, "%s%s %d", l ? ", " : "", lang_tag(&e->cfg.langs, l), c);
    }
}

/* Problems make the exit code 1; missing twins are warnings (the first language is shown). */
static int mode_check(engine_t *e, diag_list_t *d)
{
    check_layouts(e, d);
    check_faces(e, d);
    check_glyphs(e, d);
    print_diags(d);
    diag_list_t warn = {0};
    int missing = deck_missing_twins(&e->deck, &warn);
    for (int i = 0; i < warn.count && i < CHECK_MAX_WARNINGS; i++) fprintf(stderr, "%s\n", warn.items[i].text);
    if (warn.count > CHECK_MAX_WARNINGS) fprintf(stderr, "... and %d more missing twins\n", warn.count - CHECK_MAX_WARNINGS);
    diag_clear(&warn);
    char twins[256];
    twin_counts(e, twins, sizeof twins);
    printf("%s: %d panels (%s), %d problem%s, %d missing twin%s\n", e->cfg.content_dir, e->deck.count, twins, d->count,
           d->count == 1 ? "" : "s", missing, missing == 1 ? "" : "s");
    return d->count ? 1 : 0;
}

static void json_line(const dlist_t *dl, const char *stem, int index, const char *tag)
{
    for (int i = 0; i < dl->nlines; i++) {
        const dl_line_t *ln = &dl->lines[i];
        char s[600], t[8192];
        events_quote(s, sizeof s, stem);
        events_quote(t, sizeof t, ln->text);
        printf("{\"panel\":%s,\"index\":%d,\"lang\":\"%s\",\"block\":%d,\"line\":%d,\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,"
               "\"h\":%.1f,\"size\":%d,\"text\":%s}\n",
               s, index + 1, tag, ln->block, ln->line, ln->r.x, ln->r.y, ln->r.w, ln->r.h, ln->px, t);
    }
}

static int mode_dump(engine_t *e, bool both)
{
    for (int i = 0; i < e->deck.count; i++)
        for (int l = 0; l < engine_nlangs(e); l++) {
            if (!both && l != e->cfg.lang) continue;
            if (!e->deck.entries[i].lang[l]) continue;
            json_line(engine_panel(e, i, l), e->deck.entries[i].stem, i, lang_tag(&e->cfg.langs, l));
        }
    return 0;
}

static int mode_screenshot(engine_t *e, const char *dir, int problems)
{
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "%s: cannot create folder: %s\n", dir, strerror(errno));
        return 3;
    }
    platform_t p;
    int rc = platform_open(&p, &e->cfg, PLATFORM_OFFSCREEN, e->w, e->h);
    if (rc) return rc;
    render_t *rd = render_create(p.r, e->fonts);
    for (int i = 0; i < e->deck.count; i++) {
        platform_draw_panel(&p, rd, e, i, e->cfg.lang, false);
        char name[1024];
        snprintf(name, sizeof name, "%s/%02d-%s.png", dir, i + 1, e->deck.entries[i].stem);
        if (shot_save_png(p.r, platform_soft_surface(&p), name) != 0) {
            fprintf(stderr, "%s: cannot write PNG\n", name);
            problems++;
        }
        if (engine_panel(e, i, e->cfg.lang)->dropped) {
            fprintf(stderr, "%s: at %dx%d %s: it is not shown\n", deck_panel(&e->deck, i, e->cfg.lang)->path, e->w, e->h,
                    engine_panel(e, i, e->cfg.lang)->dropped);
            problems++;
        }
        if (engine_panel(e, i, e->cfg.lang)->clipped) {
            fprintf(stderr, "%s: text cut with … at %dx%d\n", deck_panel(&e->deck, i, e->cfg.lang)->path, e->w, e->h);
            problems++;
        }
    }
    render_destroy(rd);
    platform_close(&p);
    return problems ? 1 : 0;
}

static int mode_kiosk(engine_t *e)
{
    events_t ev;
    if (events_open(&ev, e->cfg.events_path) != 0)
        fprintf(stderr, "%s: cannot open events file: %s\n", e->cfg.events_path, strerror(errno));
    platform_t p;
    int w = e->cfg.width ? e->cfg.width : 1280, h = e->cfg.height ? e->cfg.height : 720;
    int rc = platform_open(&p, &e->cfg, PLATFORM_WINDOW, w, h);
    if (rc) { events_close(&ev); return rc; }
    rc = kiosk_run(e, &p, &ev);
    platform_close(&p);
    events_close(&ev);
    return rc;
}

int main(int argc, char **argv)
{
    bench_mark_start();
    cli_t cli;
    int rc = cli_parse(&cli, argc, argv);
    if (rc) return rc;
    if (cli.mode == MODE_VERSION) { printf("annai %s\n", ANNAI_VERSION); cli_free(&cli); return 0; }
    if (cli.mode == MODE_HELP) { config_print_help(); cli_free(&cli); return 0; }
    linebreak_init();
    config_t cfg;
    diag_list_t diags = {0};
    config_resolve(&cfg, &cli, engine_share_dir(), &diags);
    int cfg_problems = diags.count;
    if (cfg_problems && cli.mode != MODE_CHECK) print_diags(&diags);
    char *fonts = fonts_find_dir(argv[0], engine_share_dir());
    engine_t e;
    rc = engine_open(&e, &cfg, fonts, &diags);
    free(fonts);
    if (rc) {
        print_diags(&diags);
        diag_clear(&diags);
        config_free(&cfg);
        cli_free(&cli);
        return rc;
    }
    bool headless = cli.mode != MODE_KIOSK;
    if (headless) engine_set_size(&e, cfg.width ? cfg.width : HEADLESS_W, cfg.height ? cfg.height : HEADLESS_H);
    if (cli.mode != MODE_CHECK) for (int i = cfg_problems; i < diags.count; i++) fprintf(stderr, "%s\n", diags.items[i].text);
    switch (cli.mode) {
    case MODE_CHECK: rc = mode_check(&e, &diags); break;
    case MODE_DUMP_LAYOUT: rc = mode_dump(&e, false); break;
    case MODE_SCREENSHOT: rc = mode_screenshot(&e, cli.screenshot_dir, diags.count); break;
    case MODE_BENCH: rc = bench_run(&e); break;
    default: rc = mode_kiosk(&e); break;
    }
    engine_close(&e);
    config_free(&cfg);
    diag_clear(&diags);
    cli_free(&cli);
    return rc;
}
