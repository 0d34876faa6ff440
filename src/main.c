/* annai: flags -> config -> one of: kiosk loop, --check, --screenshot, --dump-layout, --bench. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "annai/alertview.h"
#include "annai/bench.h"
#include "annai/check.h"
#include "annai/config.h"
#include "annai/engine.h"
#include "annai/events.h"
#include "annai/linebreak.h"
#include "annai/kiosk.h"
#include "annai/platform.h"
#include "annai/scene.h"
#include "annai/render.h"
#include "annai/shot.h"
#include "annai/timeplan.h"

#define HEADLESS_W 1920
#define HEADLESS_H 1080
#define CHECK_MAX_WARNINGS 40 /* missing twins listed by --check; a deck of thousands says how many more */

/* The time a mode acts at: --at, or now. */
typedef struct {
    bool given;
    time_t wall;
} when_t;

static void print_diags(const diag_list_t *d) { diag_print(d, 0, d->count); }

/* Text cut with … or something left out: the same path:line: messages from --check and
 * --screenshot. */
static bool check_clipped(engine_t *e, int i, lang_t l, diag_list_t *d)
{
    const panel_t *p = e->deck.entries[i].lang[l];
    if (!p) return false;
    const dlist_t *dl = engine_panel(e, i, l);
    if (dl->clipped) diag_add(d, p->path, 1, "text does not fit at %dx%d even at the smallest size; it is cut with …", e->w, e->h);
    if (dl->dropped) diag_add(d, p->path, 1, "at %dx%d %s: it is not shown", e->w, e->h, dl->dropped);
    return dl->clipped || dl->dropped;
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
            check_clipped(e, i, (lang_t)l, d);
            for (int b = 0; b < p->nblocks; b++) {
                const char *err = p->blocks[b].image ? render_probe_image(p->blocks[b].image) : NULL;
                if (err) diag_add(d, p->path, p->blocks[b].line, "%s", err);
            }
        }
    }
    return d->count - before;
}

/* The panels shown at w (--at), else every panel; returns how many, indexes into out. */
static int shown_at(const engine_t *e, const when_t *w, int *out)
{
    const deck_t *d = &e->deck;
    if (!w->given) {
        for (int i = 0; i < d->count; i++) out[i] = i;
        return d->count;
    }
    const timeplan_t **plans = mem_calloc((size_t)d->count + 1, sizeof *plans);
    for (int i = 0; i < d->count; i++) plans[i] = &deck_panel(d, i, LANG_DEFAULT)->plan;
    timeplan_civil_t c = timeplan_civil(w->wall);
    bool fallback;
    int n = timeplan_select(plans, d->count, &c, NULL, 0, out, &fallback);
    free(plans);
    return n;
}

/* The alert on screen at w (now without --at), or NULL; its problems go to d. */
static const alert_msg_t *alert_at(const engine_t *e, const when_t *w, alert_set_t *set, diag_list_t *d)
{
    alert_set_load(set, &e->cfg.langs, config_alert_dir(&e->cfg), d);
    timeplan_civil_t c = timeplan_civil(w->wall);
    int i = alert_pick(set, &c);
    return i >= 0 ? &set->items[i] : NULL;
}

/* The times within TIMEPLAN_CHECK_DAYS from w when no scheduled panel is in its window, so
 * that only the unscheduled ones (or the last set) show. */
static void print_fallback_times(const engine_t *e, const when_t *w)
{
    const deck_t *d = &e->deck;
    const timeplan_t **plans = mem_calloc((size_t)d->count + 1, sizeof *plans);
    int scheduled = 0, unscheduled = 0;
    for (int i = 0; i < d->count; i++) {
        plans[i] = &deck_panel(d, i, LANG_DEFAULT)->plan;
        if (timeplan_scheduled(plans[i])) scheduled++; else unscheduled++;
    }
    time_t t0 = w->wall - w->wall % 60, end = t0 + TIMEPLAN_CHECK_DAYS * 86400, start = 0;
    for (time_t t = t0; scheduled && t <= end; t += 60) {
        timeplan_civil_t c = timeplan_civil(t);
        bool only = t < end && timeplan_only_fallback(plans, d->count, &c);
        if (only && !start) start = t;
        if (!only && start) {
            char a[32], b[32];
            timeplan_format(timeplan_civil(start).stamp, a, sizeof a);
            timeplan_format(c.stamp, b, sizeof b);
            printf("only fallback panels %s - %s%s: %s\n", a, b, t >= end ? " (the end of the 7 days looked at)" : "",
                   unscheduled ? "the panels without from/until/days/hours" : "no panel in its window, the last set stays");
            start = 0;
        }
    }
    free(plans);
}

/* "ja 11, en 11, ko 9": the panels each language has */
static void twin_counts(const engine_t *e, char *out, size_t n)
{
    size_t k = 0;
    bool notice = deck_is_notice(&e->deck); /* the built-in notice is not the curator's */
    out[0] = 0;
    for (int l = 0; l < e->cfg.langs.n && k < n; l++) {
        int c = 0;
        for (int i = 0; !notice && i < e->deck.count; i++) c += e->deck.entries[i].lang[l] != NULL;
        k += (size_t)snprintf(out + k, n - k, "%s%s %d", l ? ", " : "", lang_tag(&e->cfg.langs, l), c);
    }
}

/* Screenshots, the layout dump and the benchmark show the operator's default (high contrast)
 * or, for previews and tests, the modes named in ANNAI_PREVIEW_MODES (furigana,large,contrast). */
static unsigned preview_variant(const config_t *c)
{
    unsigned v = c->high_contrast ? ENGINE_V_CONTRAST : 0;
    const char *m = getenv("ANNAI_PREVIEW_MODES");
    if (m && strstr(m, "furigana")) v |= ENGINE_V_FURIGANA;
    if (m && strstr(m, "large")) v |= ENGINE_V_LARGE;
    if (m && strstr(m, "contrast")) v |= ENGINE_V_CONTRAST;
    return v;
}

static void print_at(const engine_t *e, const when_t *w, const alert_msg_t *alert)
{
    int *set = mem_calloc((size_t)e->deck.count + 1, sizeof *set);
    int n = shown_at(e, w, set);
    char when[32];
    timeplan_format(timeplan_civil(w->wall).stamp, when, sizeof when);
    printf("at %s: %d panel%s shown:", when, n, n == 1 ? "" : "s");
    for (int i = 0; i < n; i++) printf(" %s", e->deck.entries[set[i]].stem);
    printf("\n");
    if (alert) printf("at %s: alert %s on screen\n", when, alert->path);
    free(set);
}

/* Problems make the exit code 1; missing twins are warnings (the first language is shown). */
static int mode_check(engine_t *e, diag_list_t *d, const when_t *w)
{
    check_layouts(e, d);
    check_faces(e, d);
    check_glyphs(e, d);
    alert_set_t alerts;
    const alert_msg_t *alert = alert_at(e, w, &alerts, d);
    engine_check_furigana(e, d);
    print_diags(d);
    diag_list_t warn = {0};
    int missing = deck_missing_twins(&e->deck, &warn);
    diag_print(&warn, 0, CHECK_MAX_WARNINGS);
    if (warn.count > CHECK_MAX_WARNINGS) diag_print_more(warn.count - CHECK_MAX_WARNINGS, "missing twins");
    diag_clear(&warn);
    char twins[256];
    twin_counts(e, twins, sizeof twins);
    int np = deck_is_notice(&e->deck) ? 0 : e->deck.count; /* the built-in notice is not the curator's */
    printf("%s: %d panel%s (%s), %d problem%s, %d missing twin%s\n", e->cfg.content_dir, np, np == 1 ? "" : "s", twins,
           d->count, d->count == 1 ? "" : "s", missing, missing == 1 ? "" : "s");
    if (alerts.count) printf("%s: %d alert%s\n", config_alert_dir(&e->cfg), alerts.count, alerts.count == 1 ? "" : "s");
    if (w->given) print_at(e, w, alert);
    print_fallback_times(e, w);
    alert_set_free(&alerts);
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

static void dump_alert(engine_t *e, const alert_msg_t *alert)
{
    dlist_t dl = {0};
    char stem[600];
    alertview_build(&dl, engine_metrics_cb, e, &e->cfg.langs, e->w, e->h, alert, e->cfg.lang);
    snprintf(stem, sizeof stem, "alert:%s", alert->stem);
    json_line(&dl, stem, -1, lang_tag(&e->cfg.langs, e->cfg.lang));
    layout_dlist_free(&dl);
}

static int mode_dump(engine_t *e, const when_t *w)
{
    int *set = mem_calloc((size_t)e->deck.count + 1, sizeof *set);
    int n = shown_at(e, w, set);
    for (int k = 0; k < n; k++) {
        int i = set[k];
        if (!e->deck.entries[i].lang[e->cfg.lang]) continue;
        json_line(engine_panel(e, i, e->cfg.lang), e->deck.entries[i].stem, i, lang_tag(&e->cfg.langs, e->cfg.lang));
    }
    free(set);
    alert_set_t alerts;
    diag_list_t d = {0};
    const alert_msg_t *alert = alert_at(e, w, &alerts, &d);
    print_diags(&d);
    if (alert) dump_alert(e, alert);
    alert_set_free(&alerts);
    diag_clear(&d);
    return 0;
}

/* The alert on screen at w, as DIR/00-alert.png. */
static int shot_alert(engine_t *e, platform_t *p, render_t *rd, const char *dir, const when_t *w)
{
    alert_set_t alerts;
    diag_list_t d = {0};
    const alert_msg_t *alert = alert_at(e, w, &alerts, &d);
    print_diags(&d);
    int problems = 0;
    if (alert) {
        dlist_t dl = {0};
        alertview_build(&dl, engine_metrics_cb, e, &e->cfg.langs, p->w, p->h, alert, e->cfg.lang);
        scene_draw_dlist(p, rd, &dl);
        char name[1024];
        snprintf(name, sizeof name, "%s/00-alert.png", dir);
        if (shot_save_png(p->r, platform_soft_surface(p), name) != 0) {
            LOG(LOG_ERROR, "screenshot", "%s: cannot write PNG", name);
            problems++;
        }
        layout_dlist_free(&dl);
    }
    alert_set_free(&alerts);
    diag_clear(&d);
    return problems;
}

static int mode_screenshot(engine_t *e, const char *dir, int problems, const when_t *w)
{
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        LOG(LOG_ERROR, "screenshot", "%s: cannot create folder: %s", dir, strerror(errno));
        return 3;
    }
    platform_t p;
    bool turned = e->cfg.rotate == 90 || e->cfg.rotate == 270; /* the PNG is the screen, the panel turned on it */
    int rc = platform_open(&p, &e->cfg, PLATFORM_OFFSCREEN, turned ? e->h : e->w, turned ? e->w : e->h);
    if (rc) return rc;
    render_t *rd = render_create(p.r, e->fonts);
    int *set = mem_calloc((size_t)e->deck.count + 1, sizeof *set);
    int n = shown_at(e, w, set);
    for (int k = 0; k < n; k++) {
        int i = set[k];
        scene_draw_panel_in(&p, rd, e, i, k, n, e->cfg.lang, false);
        char name[1024];
        shot_file_name(name, sizeof name, dir, i, e->deck.entries[i].stem);
        if (shot_save_png(p.r, platform_soft_surface(&p), name) != 0) {
            LOG(LOG_ERROR, "screenshot", "%s: cannot write PNG", name);
            problems++;
        }
        diag_list_t cut = {0};
        lang_t l = e->deck.entries[i].lang[e->cfg.lang] ? e->cfg.lang : LANG_DEFAULT; /* the panel shown */
        if (check_clipped(e, i, l, &cut)) {
            print_diags(&cut);
            problems++;
        }
        diag_clear(&cut);
    }
    free(set);
    problems += shot_alert(e, &p, rd, dir, w);
    render_destroy(rd);
    platform_close(&p);
    return problems ? 1 : 0;
}

/* --at in kiosk mode: the wall clock starts at that time and runs on (a preview in a window). */
static int64_t at_wall(void *ud)
{
    const when_t *w = ud;
    static uint64_t t0;
    uint64_t now = platform_now_ms();
    if (!t0) t0 = now;
    return (int64_t)w->wall + (int64_t)((now - t0) / 1000);
}

static int mode_kiosk(engine_t *e, when_t *at)
{
    events_t ev;
    if (events_open(&ev, e->cfg.events_path) != 0)
        LOG(LOG_ERROR, "events", "%s: cannot open events file: %s", e->cfg.events_path, strerror(errno));
    platform_t p;
    int w = e->cfg.width ? e->cfg.width : 1280, h = e->cfg.height ? e->cfg.height : 720;
    int rc = platform_open(&p, &e->cfg, PLATFORM_WINDOW, w, h);
    if (rc) { events_close(&ev); return rc; }
    rc = kiosk_run(e, &p, &ev, at->given ? at_wall : NULL, at);
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
    if (cli.mode == CLI_MODE_VERSION) { printf("annai %s\n", ANNAI_VERSION); cli_free(&cli); return 0; }
    if (cli.mode == CLI_MODE_HELP) { cli_print_help(); cli_free(&cli); return 0; }
    when_t when = {cli.at != NULL, time(NULL)};
    int64_t at_stamp;
    bool at_time;
    if (cli.at && !timeplan_parse_when(cli.at, &at_stamp, &at_time)) {
        cli_usage_error("--at '%s': expected \"YYYY-MM-DD HH:MM\" (local time)", cli.at);
        cli_free(&cli);
        return 2;
    }
    if (cli.at) when.wall = timeplan_wall_of(at_stamp);
    linebreak_init();
    config_t cfg;
    diag_list_t diags = {0};
    config_resolve(&cfg, &cli, engine_share_dir(), &diags);
    int cfg_problems = diags.count;
    if (cfg_problems && cli.mode != CLI_MODE_CHECK) print_diags(&diags);
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
    bool headless = cli.mode != CLI_MODE_KIOSK;
    if (headless) { /* --size is the screen's, as in the kiosk; on a turned screen the panels are laid out turned */
        int w = cfg.width ? cfg.width : HEADLESS_W, h = cfg.height ? cfg.height : HEADLESS_H;
        bool turned = cfg.rotate == 90 || cfg.rotate == 270;
        engine_set_size(&e, turned ? h : w, turned ? w : h);
    }
    if (headless) engine_set_variant(&e, preview_variant(&cfg));
    if (cli.mode != CLI_MODE_CHECK) diag_print(&diags, cfg_problems, diags.count);
    switch (cli.mode) {
    case CLI_MODE_CHECK: rc = mode_check(&e, &diags, &when); break;
    case CLI_MODE_DUMP_LAYOUT: rc = mode_dump(&e, &when); break;
    case CLI_MODE_SCREENSHOT: rc = mode_screenshot(&e, cli.screenshot_dir, diags.count, &when); break;
    case CLI_MODE_BENCH: rc = bench_run(&e); break;
    default: rc = mode_kiosk(&e, &when); break;
    }
    engine_close(&e);
    config_free(&cfg);
    diag_clear(&diags);
    cli_free(&cli);
    return rc;
}
