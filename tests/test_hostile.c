/* A content folder with broken and malicious files next to two good panels: every bad file is
 * reported with its path, the good panels still load, nothing hangs or crashes. */
#define _GNU_SOURCE /* setresuid, setgroups: the unreadable-file test drops root as setpriv does */
#include "testutil.h"
#include <fcntl.h>
#include <grp.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include "annai/panel.h"

static const char good[] = "---\ntitle: 良い\n---\n地域の科学技術の振興。\n";
static char *dir;

static int setup(void **s)
{
    if (tu_fonts_up(s)) return -1;
    dir = tu_tmpdir();
    free(tu_write(dir, "01-good.md", good, strlen(good)));
    free(tu_write(dir, "99-good.md", good, strlen(good)));
    return 0;
}

static int teardown(void **s)
{
    tu_rmrf(dir);
    free(dir);
    return tu_fonts_down(s);
}

/* Loads the folder with one extra file written by make(), and checks what came of it. */
typedef void (*maker_t)(const char *dir, const char *name);

typedef struct {
    const char *what, *name;
    maker_t make;
    const char *message;  /* expected in the report, at the file's path; NULL: the panel is valid */
} hostile_t;

static void write_bytes(const char *d, const char *name, const char *data, size_t n) { free(tu_write(d, name, data, n)); }

static void mk_random(const char *d, const char *n)
{
    char buf[4096];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof buf; i++) { x = x * 1103515245u + 12345u; buf[i] = (char)(x >> 16); }
    write_bytes(d, n, buf, sizeof buf);
}
static void mk_bad_utf8(const char *d, const char *n) { write_bytes(d, n, "---\ntitle: t\n---\nok\n\xff\xfe bad\n", 27); }
static void mk_nul(const char *d, const char *n) { write_bytes(d, n, "---\ntitle: t\n---\nA\0B\n", 21); }
static void mk_empty(const char *d, const char *n) { write_bytes(d, n, "", 0); }
static void mk_endless_fm(const char *d, const char *n) { const char *t = "---\ntitle: t\nlayout: text\n本文\n"; write_bytes(d, n, t, strlen(t)); }

static void mk_too_big(const char *d, const char *n)
{
    size_t sz = PATH_MAX_FILE_BYTES + 10;
    char *b = malloc(sz);
    memset(b, 'a', sz);
    memcpy(b, "---\ntitle: t\n---\n", 17);
    write_bytes(d, n, b, sz);
    free(b);
}

static void mk_long_line(const char *d, const char *n)
{
    buf_t b = {0};
    buf_puts(&b, "---\ntitle: 一行\n---\n");
    for (int i = 0; i < 100000; i++) buf_puts(&b, i % 50 ? "地" : "。"); /* 300,000 bytes on one line */
    buf_puts(&b, "\n");
    write_bytes(d, n, b.data, b.len);
    buf_free(&b);
}

static void mk_deep_list(const char *d, const char *n)
{
    buf_t b = {0};
    buf_puts(&b, "---\ntitle: 深い\nlayout: list\n---\n");
    for (int i = 0; i < 3000; i++) buf_puts(&b, "> ");
    buf_puts(&b, "- a\n");
    for (int i = 0; i < 2000; i++) {
        for (int k = 0; k < i && k < 2000; k++) buf_puts(&b, "  ");
        buf_puts(&b, "- 項目\n");
        if (b.len > PATH_MAX_FILE_BYTES / 2) break;
    }
    write_bytes(d, n, b.data, b.len);
    buf_free(&b);
}

static void mk_many_keys(const char *d, const char *n)
{
    buf_t b = {0};
    buf_puts(&b, "---\ntitle: t\n");
    for (int i = 0; i < 5000; i++) { char k[32]; snprintf(k, sizeof k, "k%d: v\n", i); buf_puts(&b, k); }
    buf_puts(&b, "---\nx\n");
    write_bytes(d, n, b.data, b.len);
    buf_free(&b);
}

static void mk_dangling(const char *d, const char *n)
{
    char *p = path_join(d, n);
    assert_int_equal(symlink("/nonexistent/annai", p), 0);
    free(p);
}

static void mk_loop(const char *d, const char *n)
{
    char *p = path_join(d, n), *q = path_join(d, "loop-b.txt");
    assert_int_equal(symlink(q, p), 0);
    assert_int_equal(symlink(p, q), 0);
    free(p);
    free(q);
}

static void mk_dir(const char *d, const char *n)
{
    char *p = path_join(d, n);
    assert_int_equal(mkdir(p, 0755), 0);
    free(p);
}

static void mk_fifo(const char *d, const char *n)
{
    char *p = path_join(d, n);
    assert_int_equal(mkfifo(p, 0644), 0); /* opening it for reading would block forever */
    free(p);
}

static void mk_img_outside(const char *d, const char *n) { const char *t = "---\ntitle: t\n---\n![x](../../etc/passwd)\n"; write_bytes(d, n, t, strlen(t)); }
static void mk_img_absolute(const char *d, const char *n) { const char *t = "---\ntitle: t\n---\n![x](/etc/hostname)\n"; write_bytes(d, n, t, strlen(t)); }

static void mk_img_truncated(const char *d, const char *n)
{
    char *img = path_join(d, "trunc.png");
    FILE *f = fopen(img, "wb");
    fwrite("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", 1, 18, f); /* cut inside the header */
    fclose(f);
    free(img);
    const char *t = "---\ntitle: t\n---\n![x](trunc.png)\n";
    write_bytes(d, n, t, strlen(t));
}

static void mk_img_enormous(const char *d, const char *n)
{
    /* a valid PNG header that claims 60000 x 60000 pixels: refused before any decoding */
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                        0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60, 8, 6, 0, 0, 0, 0, 0, 0, 0};
    char *img = path_join(d, "huge.png");
    FILE *f = fopen(img, "wb");
    fwrite(png, 1, sizeof png, f);
    fclose(f);
    free(img);
    const char *t = "---\ntitle: t\n---\n![x](huge.png)\n";
    write_bytes(d, n, t, strlen(t));
}

static void mk_qr_long(const char *d, const char *n)
{
    buf_t b = {0};
    buf_puts(&b, "---\ntitle: t\nqr: https://example.org/");
    for (int i = 0; i < 5000; i++) buf_puts(&b, "a");
    buf_puts(&b, "\n---\nx\n");
    write_bytes(d, n, b.data, b.len);
    buf_free(&b);
}

static void mk_bom_crlf(const char *d, const char *n) { const char *t = "\xEF\xBB\xBF---\r\ntitle: t\r\n---\r\n本文\r\n"; write_bytes(d, n, t, strlen(t)); }

static const hostile_t cases[] = {
    {"random bytes", "50-random.md", mk_random, ":"},
    {"invalid UTF-8", "50-utf8.md", mk_bad_utf8, ":5: invalid UTF-8"},
    {"NUL bytes", "50-nul.md", mk_nul, ":4: NUL byte"},
    {"over the size limit", "50-big.md", mk_too_big, ": file too large"},
    {"empty file", "50-empty.md", mk_empty, ": empty file"},
    {"front matter that never ends", "50-endless.md", mk_endless_fm, ":1: front matter starts with --- but never ends"},
    {"thousands of keys", "50-keys.md", mk_many_keys, "more problems in this file"},
    {"dangling symlink", "50-dangling.md", mk_dangling, ": dangling symbolic link"},
    {"symlink loop", "50-loop.md", mk_loop, ": symbolic link loop"},
    {"a folder named .md", "50-dir.md", mk_dir, ": a folder named like a panel file"},
    {"a FIFO named .md", "50-fifo.md", mk_fifo, ": not a regular file"},
    {"image outside content/", "50-outside.md", mk_img_outside, ":4: image is outside the content folder"},
    {"absolute image path", "50-absolute.md", mk_img_absolute, ":4: image path must be relative"},
    {"truncated image", "50-trunc.md", mk_img_truncated, ":4: truncated PNG"},
    {"enormous image", "50-enormous.md", mk_img_enormous, ":4: image dimensions too large"},
    {"QR payload too long", "50-qr.md", mk_qr_long, ":3: qr payload too long"},
    {"a line of 300,000 bytes", "50-line.md", mk_long_line, NULL},
    {"lists nested thousands deep", "50-deep.md", mk_deep_list, NULL},
    {"BOM and CRLF", "50-bom.md", mk_bom_crlf, NULL},
};

static void test_hostile_files(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        const hostile_t *h = &cases[k];
        char *d = tu_tmpdir();
        free(tu_write(d, "01-good.md", good, strlen(good)));
        free(tu_write(d, "99-good.md", good, strlen(good)));
        h->make(d, h->name);
        deck_t deck;
        diag_list_t diags = {0};
        deck_load(&deck, d, NULL, &diags);
        char *path = path_join(d, h->name);
        bool reported = false;
        for (int i = 0; i < diags.count; i++)
            reported |= !strncmp(diags.items[i].text, path, strlen(path)) && h->message &&
                        strstr(diags.items[i].text + strlen(path), h->message);
        if (h->message && !reported) {
            for (int i = 0; i < diags.count; i++) fprintf(stderr, "  got: %s\n", diags.items[i].text);
            fail_msg("%s: no report '%s' at %s", h->what, h->message, path);
        }
        if (!h->message && diags.count) fail_msg("%s: valid, yet reported: %s", h->what, diags.items[0].text);
        assert_int_equal(deck.count, h->message ? 2 : 3); /* the good panels are unaffected */
        if (!h->message) { /* a valid but extreme panel lays out, on screen, cut if it must be */
            dlist_t dl = {0};
            layout_panel(deck.entries[1].lang[LANG_DEFAULT], 800, 480, &tu_m, &dl);
            for (int i = 0; i < dl.nlines; i++) assert_true(dl.lines[i].r.y + dl.lines[i].r.h <= 480.5f);
            layout_dlist_free(&dl);
        }
        if (diags.count > 40) fail_msg("%s: %d reports, not capped", h->what, diags.count);
        diag_clear(&diags);
        deck_free(&deck);
        free(path);
        tu_rmrf(d);
        free(d);
    }
}

/* What the unreadable-file test checks, as whoever runs it: 0 when the two good panels load and
 * the secret file alone is reported, as not readable. */
static int load_with_unreadable(const char *secret)
{
    deck_t deck;
    diag_list_t d = {0};
    deck_load(&deck, dir, NULL, &d);
    for (int i = 0; i < d.count; i++) fprintf(stderr, "%s\n", d.items[i].text);
    int bad = deck.count != 2 || d.count != 1 || !strstr(d.items[0].text, secret) ||
              !strstr(d.items[0].text, "permission denied");
    diag_clear(&d);
    deck_free(&deck);
    return bad;
}

/* A file the kiosk may not read: reported as such. Root reads everything, so as root the check
 * runs in a child that drops to nobody (65534) the way setpriv --reuid --regid --clear-groups
 * does: a kiosk runs as its own user, and this is what it meets. */
static void test_unreadable_file(void **state)
{
    (void)state;
    char *p = tu_write(dir, "50-secret.md", good, strlen(good));
    chmod(p, 0);
    int bad;
    if (geteuid() != 0) {
        bad = load_with_unreadable(p);
    } else {
        chmod(dir, 0755); /* the folder itself readable by the user, as a content folder is */
        fflush(NULL);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534) || geteuid() != 65534)
                _exit(2);
            _exit(load_with_unreadable(p));
        }
        int st = 0;
        assert_int_equal(waitpid(pid, &st, 0), pid);
        assert_true(WIFEXITED(st));
        assert_int_not_equal(WEXITSTATUS(st), 2); /* privileges really dropped */
        bad = WEXITSTATUS(st);
        chmod(dir, 0700);
    }
    assert_int_equal(bad, 0);
    unlink(p);
    free(p);
}

/* Thousands of panels load, each once, in order. */
static void test_thousands_of_panels(void **state)
{
    (void)state;
    char *d = tu_tmpdir();
    for (int i = 0; i < 2000; i++) {
        char name[32];
        snprintf(name, sizeof name, "%04d-p.md", i);
        free(tu_write(d, name, good, strlen(good)));
    }
    deck_t deck;
    diag_list_t diags = {0};
    deck_load(&deck, d, NULL, &diags);
    assert_int_equal(diags.count, 0);
    assert_int_equal(deck.count, 2000);
    assert_string_equal(deck.entries[1999].stem, "1999-p");
    deck_free(&deck);
    tu_rmrf(d);
    free(d);
}

/* A corrupt or missing font: a message naming the file, no crash. */
static void test_corrupt_and_missing_fonts(void **state)
{
    (void)state;
    char *d = tu_tmpdir();
    free(tu_write(d, "BIZUDPGothic-Regular.ttf", "not a font at all", 17));
    free(tu_write(d, "BIZUDPGothic-Bold.ttf", "\0\1\0\0garbage", 11));
    diag_list_t diags = {0};
    assert_null(fonts_create(d, &diags));
    assert_true(diags.count >= 1 && strstr(diags.items[0].text, "BIZUDPGothic") && strstr(diags.items[0].text, "cannot open font"));
    diag_clear(&diags);
    assert_null(fonts_create("/nonexistent/fonts", &diags));
    assert_true(diags.count >= 1);
    diag_clear(&diags);
    tu_rmrf(d);
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hostile_files),
        cmocka_unit_test(test_unreadable_file),
        cmocka_unit_test(test_thousands_of_panels),
        cmocka_unit_test(test_corrupt_and_missing_fonts),
    };
    return cmocka_run_group_tests_name("hostile", tests, setup, teardown);
}
