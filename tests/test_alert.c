/* The alert folder: parsing (also of broken files), the alert to show, on/off, the watch, and
 * the alert as a display list: every language stacked, the default first and largest. */
#include "testutil.h"
#include <sys/stat.h>
#include <SDL2/SDL.h>
#include "annai/alert.h"
#include "annai/alertview.h"

#define JA_OK "---\ntitle: 大雨警報\nuntil: 2026-11-28 21:00\n---\n\n川に近づかないでください。\n\n指示に従って避難してください。\n"
enum { JA = 0, EN = 1, DEFAULT_DECK_LANGS = 2 }; /* a deck with no languages = ...: ja, en */

#define EN_OK "---\ntitle: Heavy rain warning\n---\n\nStay away from rivers.\n"

static timeplan_civil_t at(const char *when)
{
    int64_t s;
    bool t;
    assert_true(timeplan_parse_when(when, &s, &t));
    return (timeplan_civil_t){s, 5, (int)(s % 10000 / 100) * 60 + (int)(s % 100)};
}

static void test_twins_and_until(void **state)
{
    (void)state;
    alert_set_t set = {0};
    diag_list_t d = {0};
    alert_add_file(&set, "/run/a/rain.md", JA_OK, strlen(JA_OK), 100, &d);
    alert_add_file(&set, "/run/a/rain.en.md", EN_OK, strlen(EN_OK), 120, &d);
    assert_int_equal(d.count, 0);
    assert_int_equal(set.count, 1);
    const alert_msg_t *m = &set.items[0];
    assert_string_equal(m->title[JA], "大雨警報");
    assert_string_equal(m->text[JA], "川に近づかないでください。\n指示に従って避難してください。");
    assert_string_equal(m->title[EN], "Heavy rain warning");
    assert_false(m->broken);
    assert_int_equal(m->issued, 120);
    timeplan_civil_t before = at("2026-11-28 20:59"), after = at("2026-11-28 21:00");
    assert_int_equal(alert_pick(&set, &before), 0);
    assert_int_equal(alert_pick(&set, &after), -1); /* until: has passed */
    alert_set_free(&set);
}

/* A broken file is shown as plain lines, and reported. */
static void test_broken_shown_plain(void **state)
{
    (void)state;
    alert_set_t set = {0};
    diag_list_t d = {0};
    const char *bad = "---\ntitle: 地震情報\nlevel: 5\n---\n強い揺れに警戒してください\xff。\n";
    alert_add_file(&set, "/run/a/quake.md", bad, strlen(bad), 1, &d);
    assert_true(d.count >= 1);
    assert_non_null(strstr(d.items[0].text, "/run/a/quake.md:"));
    assert_true(set.items[0].broken);
    assert_string_equal(set.items[0].title[JA], "地震情報");
    assert_string_equal(set.items[0].text[JA], "強い揺れに警戒してください?。");
    /* no front matter at all: the first line is the title */
    const char *raw = "Evacuate now\nUse the stairs\n";
    alert_add_file(&set, "/run/a/fire.en.md", raw, strlen(raw), 2, &d);
    assert_string_equal(set.items[1].title[EN], "Evacuate now");
    assert_string_equal(set.items[1].text[EN], "Use the stairs");
    timeplan_civil_t now = at("2026-11-28 12:00");
    assert_int_equal(alert_pick(&set, &now), 1); /* the newest */
    alert_set_free(&set);
    diag_clear(&d);
}

static void test_lang_of_names(void **state)
{
    (void)state;
    size_t n;
    assert_int_equal(alert_lang_of(NULL, "rain.md", &n), JA);
    assert_int_equal(n, 4);
    assert_int_equal(alert_lang_of(NULL, "rain.en.md", &n), EN);
    assert_int_equal(n, 4);
    assert_int_equal(alert_lang_of(NULL, "heavy.rain.md", &n), JA);
    assert_int_equal(n, 10);
    assert_int_equal(alert_lang_of(NULL, "rain.ja.md", &n), JA); /* the default language's tag spelled out */
    assert_int_equal(n, 4);
}

static void test_state_events(void **state)
{
    (void)state;
    alert_state_t st = {0};
    alert_msg_t a = {.stem = "a", .path = "/x/a.en.md"}, a_ja = {.stem = "a", .path = "/x/a.md"},
                b = {.stem = "b", .path = "/x/b.md"};
    char *was;
    assert_int_equal(alert_state_update(&st, NULL, &was), ALERT_SAME);
    assert_int_equal(alert_state_update(&st, &a, &was), ALERT_ON);
    assert_null(was);
    assert_int_equal(alert_state_update(&st, &a, &was), ALERT_SAME);
    assert_int_equal(alert_state_update(&st, &a_ja, &was), ALERT_SAME); /* its twin arrived: no off/on */
    assert_string_equal(st.file, "/x/a.md");
    assert_int_equal(alert_state_update(&st, &b, &was), ALERT_SWITCH);
    assert_string_equal(was, "/x/a.md");
    free(was);
    assert_int_equal(alert_state_update(&st, NULL, &was), ALERT_OFF);
    assert_string_equal(was, "/x/b.md");
    free(was);
    alert_state_free(&st);
}

/* Only complete files: a temp name being written is not read; its rename is. */
static void test_watch_and_load(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    alert_watch_t w;
    alert_watch_open(&w, dir, 0);
    assert_true(w.wd >= 0); /* inotify */
    assert_false(alert_watch_changed(&w, 1));
    char *tmp = tu_write(dir, ".rain.md.tmp", JA_OK, strlen(JA_OK));
    assert_false(alert_watch_changed(&w, 2));
    char *final = path_join(dir, "rain.md");
    assert_int_equal(rename(tmp, final), 0);
    assert_true(alert_watch_changed(&w, 3));
    alert_set_t set;
    diag_list_t d = {0};
    alert_set_load(&set, NULL, dir, &d);
    assert_int_equal(set.count, 1);
    assert_int_equal(d.count, 0);
    alert_set_free(&set);
    assert_int_equal(unlink(final), 0);
    assert_true(alert_watch_changed(&w, 4));
    alert_set_load(&set, NULL, dir, &d);
    assert_int_equal(set.count, 0);
    alert_set_free(&set);
    alert_watch_close(&w);
    /* a folder that does not exist yet: polled, found when it appears */
    char *later = path_join(dir, "later");
    alert_watch_open(&w, later, 0);
    assert_true(w.wd < 0);
    assert_false(alert_watch_changed(&w, ALERT_POLL_MS));
    assert_int_equal(mkdir(later, 0755), 0);
    free(tu_write(later, "a.md", JA_OK, strlen(JA_OK)));
    assert_true(alert_watch_changed(&w, 2 * ALERT_POLL_MS));
    assert_true(w.wd >= 0);
    alert_watch_close(&w);
    alert_set_load(&set, NULL, "/nonexistent/annai/alert", &d);
    assert_int_equal(set.count, 0);
    assert_int_equal(d.count, 0);
    tu_rmrf(dir);
    free(dir);
    free(tmp);
    free(final);
    free(later);
}

/* Both languages at once, the default language above and larger, high contrast, and the
 * issued time on screen. */
static const metrics_t *one_face(void *ud, lang_t l) { (void)ud; (void)l; return &tu_m; }

static void test_view_stacks_languages(void **state)
{
    (void)state;
    langset_t ja_en = {0};
    diag_list_t ld = {0};
    assert_true(lang_set_parse(&ja_en, "ja, en", "test", 1, &ld));
    alert_set_t set = {0};
    diag_list_t d = {0};
    alert_add_file(&set, "/run/a/rain.md", JA_OK, strlen(JA_OK), 1764360000, &d);
    alert_add_file(&set, "/run/a/rain.en.md", EN_OK, strlen(EN_OK), 1764360000, &d);
    for (int deflt = 0; deflt < DEFAULT_DECK_LANGS; deflt++) {
        dlist_t dl = {0};
        alertview_build(&dl, one_face, NULL, &ja_en, 1920, 1080, &set.items[0], (lang_t)deflt);
        assert_int_equal(dl.bg, ALERTVIEW_BG);
        assert_false(dl.clipped);
        float y[DEFAULT_DECK_LANGS] = {0};
        int px[DEFAULT_DECK_LANGS] = {0}, stamp = 0;
        for (int i = 0; i < dl.nlines; i++) {
            int l = ALERTVIEW_BLOCK_BASE - dl.lines[i].block;
            if (l >= 0 && l < DEFAULT_DECK_LANGS && !px[l]) { px[l] = dl.lines[i].px; y[l] = dl.lines[i].r.y; }
            if (dl.lines[i].block == ALERTVIEW_BLOCK_BASE + 2) stamp = strstr(dl.lines[i].text, "Issued") != NULL;
        }
        int other = deflt == JA ? EN : JA;
        assert_true(px[deflt] > px[other]);
        assert_true(y[deflt] < y[other]);
        assert_true(stamp);
        assert_true(layout_contrast(ALERTVIEW_TEXT & 0xFFFFFF, ALERTVIEW_BG & 0xFFFFFF) >= 7.0);
        assert_true(layout_contrast(ALERTVIEW_TITLE & 0xFFFFFF, ALERTVIEW_BG & 0xFFFFFF) >= 7.0);
        layout_dlist_free(&dl);
    }
    alert_set_free(&set);
}

typedef struct {
    int asked[LANG_MAX];
} faces_log_t;

static const metrics_t *logged_face(void *ud, lang_t l)
{
    faces_log_t *f = ud;
    if (l >= 0 && l < LANG_MAX) f->asked[l]++;
    return &tu_m;
}

/* A deck in six languages: each twin lands in its language, one in a language the deck does
 * not show is left out (and said), and the view asks for each language's own face. */
static void test_six_languages(void **state)
{
    (void)state;
    langset_t six = {0};
    diag_list_t d = {0};
    assert_true(lang_set_parse(&six, "ja, en, zh-Hans, zh-Hant, ko, ja-x-easy", "test", 1, &d));
    alert_set_t set = {.langs = &six};
    const char *zh = "---\ntitle: 暴雨警报\n---\n\n请远离河流。\n", *ko = "---\ntitle: 호우 경보\n---\n\n강에 가까이 가지 마십시오.\n";
    const char *fr = "---\ntitle: Alerte\n---\n\nTexte.\n";
    alert_add_file(&set, "/run/a/rain.md", JA_OK, strlen(JA_OK), 1, &d);
    alert_add_file(&set, "/run/a/rain.zh-Hans.md", zh, strlen(zh), 1, &d);
    alert_add_file(&set, "/run/a/rain.ko.md", ko, strlen(ko), 1, &d);
    assert_int_equal(d.count, 0);
    alert_add_file(&set, "/run/a/rain.fr.md", fr, strlen(fr), 1, &d);
    assert_int_equal(d.count, 1);
    assert_non_null(strstr(d.items[0].text, "rain.fr.md"));
    assert_int_equal(set.count, 1);
    const alert_msg_t *m = &set.items[0];
    assert_string_equal(m->title[2], "暴雨警报");
    assert_string_equal(m->title[4], "호우 경보");
    assert_null(m->title[1]);
    size_t n;
    assert_int_equal(alert_lang_of(&six, "rain.zh-Hant.md", &n), 3);
    assert_int_equal(alert_lang_of(&six, "rain.ja-x-easy.md", &n), 5);
    assert_int_equal(n, 4);
    faces_log_t log = {0};
    dlist_t dl = {0};
    alertview_build(&dl, logged_face, &log, &six, 1920, 1080, m, 0);
    assert_true(log.asked[0] && log.asked[2] && log.asked[4]); /* each language set in its own face */
    assert_int_equal(log.asked[1] + log.asked[3] + log.asked[5], 0); /* none it does not have */
    /* the yellow band says it in the languages the default's face can set (here Japanese alone);
     * Chinese and Korean say it in their titles below, in their own faces, never in another's words */
    char band[512] = "";
    for (int i = 0; i < dl.nlines; i++)
        if (dl.lines[i].block == ALERTVIEW_BLOCK_BASE + 1) strncat(band, dl.lines[i].text, sizeof band - strlen(band) - 1);
    assert_string_equal(band, "緊急のお知らせ");
    layout_dlist_free(&dl);
    alert_set_free(&set);
    diag_clear(&d);
}

/* The waker thread wakes the loop as soon as an alert file lands (the loop sleeps up to its next
 * deadline otherwise, and the poll fallback would take up to ALERT_POLL_MS). */
static volatile int woken;
static void on_wake(void *ud) { (void)ud; woken++; }

static void test_waker_wakes_the_loop(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    alert_watch_t w;
    alert_watch_open(&w, dir, 0);
    woken = 0;
    alert_watch_wake(&w, on_wake, NULL);
    free(tu_write(dir, "fire.md", JA_OK, strlen(JA_OK)));
    for (int t = 0; t < 200 && !woken; t++) SDL_Delay(10);
    if (!woken) fail_msg("no wake-up 2 s after an alert file landed");
    alert_watch_close(&w);
    tu_rmrf(dir);
    free(dir);
}

/* A folder flooded with alert files: the first ALERT_MAX_FILES are read and the folder (not a
 * line of some file) is named once for the rest. */
static void test_too_many_alert_files(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    for (int i = 0; i <= ALERT_MAX_FILES; i++) {
        char name[32];
        snprintf(name, sizeof name, "a%03d.md", i);
        free(tu_write(dir, name, JA_OK, strlen(JA_OK)));
    }
    alert_set_t set;
    diag_list_t d = {0};
    alert_set_load(&set, NULL, dir, &d);
    assert_int_equal(set.count, ALERT_MAX_FILES);
    char want[512];
    snprintf(want, sizeof want, "%s: more than %d alert files; the rest are ignored", dir, ALERT_MAX_FILES);
    bool said = false;
    for (int i = 0; i < d.count; i++) said |= !strcmp(d.items[i].text, want);
    if (!said) fail_msg("missing '%s' (%d messages, first: %s)", want, d.count, d.count ? d.items[0].text : "-");
    alert_set_free(&set);
    diag_clear(&d);
    tu_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_twins_and_until), cmocka_unit_test(test_broken_shown_plain),
        cmocka_unit_test(test_lang_of_names),   cmocka_unit_test(test_state_events),
        cmocka_unit_test(test_watch_and_load),  cmocka_unit_test(test_view_stacks_languages),
        cmocka_unit_test(test_six_languages),
        cmocka_unit_test(test_waker_wakes_the_loop),
        cmocka_unit_test(test_too_many_alert_files),
    };
    return cmocka_run_group_tests(tests, tu_fonts_up, tu_fonts_down);
}
