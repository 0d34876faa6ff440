/* The events a curator's dashboard reads: each kind's fields, named and typed as before the
 * kiosk was split, with stems and file names quoted (a stem with a quote or a backslash must
 * not break the line's JSON). */
#include "testutil.h"
#include "annai/events.h"

typedef struct {
    char *dir, *path;
    events_t ev;
} sink_t;

static void sink_open(sink_t *s)
{
    s->dir = tu_tmpdir();
    s->path = path_join(s->dir, "events.jsonl");
    assert_int_equal(events_open(&s->ev, s->path), 0);
}

/* The last line without its timestamp: {"ev":...} */
static char *last_line(sink_t *s)
{
    fflush(s->ev.f);
    char *data;
    size_t len;
    const char *err;
    assert_int_equal(path_read(s->path, PATH_MAX_FILE_BYTES, &data, &len, &err), 0);
    assert_true(len > 0 && data[len - 1] == '\n');
    data[len - 1] = 0;
    char *nl = strrchr(data, '\n');
    char *line = nl ? nl + 1 : data;
    char *ev = strstr(line, "\"ev\":");
    assert_non_null(ev);
    assert_true(strncmp(line, "{\"ts\":\"", 7) == 0);
    char *out = mem_strdup(ev);
    free(data);
    return out;
}

static void sink_close(sink_t *s)
{
    events_close(&s->ev);
    tu_rmrf(s->dir);
    free(s->dir);
    free(s->path);
}

#define EXPECT(s, want)                      \
    do {                                     \
        char *got_ = last_line(s);           \
        assert_string_equal(got_, want);     \
        free(got_);                          \
    } while (0)

static void test_each_kind(void **state)
{
    (void)state;
    sink_t s;
    sink_open(&s);
    events_emit_start(&s.ev, 11);
    EXPECT(&s, "\"ev\":\"start\",\"panels\":11}");
    events_emit_view(&s.ev, "03-direction", 3, "en", "swipe");
    EXPECT(&s, "\"ev\":\"view\",\"panel\":\"03-direction\",\"index\":3,\"lang\":\"en\",\"via\":\"swipe\"}");
    events_emit_lang(&s.ev, "zh-Hant");
    EXPECT(&s, "\"ev\":\"lang\",\"lang\":\"zh-Hant\"}");
    events_emit_narration(&s.ev, "play", "02-background", "ja");
    EXPECT(&s, "\"ev\":\"narration\",\"state\":\"play\",\"panel\":\"02-background\",\"lang\":\"ja\"}");
    events_emit_a11y(&s.ev, "large", true);
    EXPECT(&s, "\"ev\":\"a11y\",\"mode\":\"large\",\"state\":\"on\"}");
    events_emit_a11y(&s.ev, "furigana", false);
    EXPECT(&s, "\"ev\":\"a11y\",\"mode\":\"furigana\",\"state\":\"off\"}");
    events_emit_screen(&s.ev, false);
    EXPECT(&s, "\"ev\":\"screen\",\"state\":\"off\"}");
    events_emit_screen(&s.ev, true);
    EXPECT(&s, "\"ev\":\"screen\",\"state\":\"on\"}");
    events_emit_alert(&s.ev, "on", "rain.md");
    EXPECT(&s, "\"ev\":\"alert\",\"state\":\"on\",\"file\":\"rain.md\"}");
    events_emit_touch(&s.ev, "down", 320.7f, 180.2f);
    EXPECT(&s, "\"ev\":\"touch\",\"kind\":\"down\",\"x\":320,\"y\":180}");
    events_emit_reload(&s.ev, 9, false);
    EXPECT(&s, "\"ev\":\"reload\",\"panels\":9}");
    events_emit_reload(&s.ev, 9, true);
    EXPECT(&s, "\"ev\":\"reload\",\"panels\":9,\"restart\":\"kiosk.ini changed: restart annai to apply it\"}");
    events_emit_reload_failed(&s.ev, "content/02.md:3: no title");
    EXPECT(&s, "\"ev\":\"reload-failed\",\"error\":\"content/02.md:3: no title\"}");
    events_emit_problems(&s.ev, 2, "content/x.md:1: bad");
    EXPECT(&s, "\"ev\":\"content-problems\",\"count\":2,\"first\":\"content/x.md:1: bad\"}");
    sink_close(&s);
}

static void test_schedule_lists_the_stems(void **state)
{
    (void)state;
    sink_t s;
    sink_open(&s);
    const char *two[] = {"01-always", "02-morning"};
    events_emit_schedule(&s.ev, two, 2);
    EXPECT(&s, "\"ev\":\"schedule\",\"panels\":[\"01-always\",\"02-morning\"]}");
    events_emit_schedule(&s.ev, two, 1);
    EXPECT(&s, "\"ev\":\"schedule\",\"panels\":[\"01-always\"]}");
    events_emit_schedule(&s.ev, two, 0);
    EXPECT(&s, "\"ev\":\"schedule\",\"panels\":[]}");
    sink_close(&s);
}

static void test_names_are_quoted(void **state)
{
    (void)state;
    sink_t s;
    sink_open(&s);
    events_emit_view(&s.ev, "04-\"odd\"\\name", 4, "ja", "tap");
    EXPECT(&s, "\"ev\":\"view\",\"panel\":\"04-\\\"odd\\\"\\\\name\",\"index\":4,\"lang\":\"ja\",\"via\":\"tap\"}");
    const char *odd[] = {"a\"b"};
    events_emit_schedule(&s.ev, odd, 1);
    EXPECT(&s, "\"ev\":\"schedule\",\"panels\":[\"a\\\"b\"]}");
    events_emit_alert(&s.ev, "off", "line\nbreak.md");
    EXPECT(&s, "\"ev\":\"alert\",\"state\":\"off\",\"file\":\"line\\nbreak.md\"}");
    sink_close(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_kind),
        cmocka_unit_test(test_schedule_lists_the_stems),
        cmocka_unit_test(test_names_are_quoted),
    };
    return cmocka_run_group_tests_name("events", tests, NULL, NULL);
}
