/* The language registry, each language's line breaking (tables), its face, and its glyphs:
 * 直骨角化写 drawn in ja, zh-Hans, zh-Hant and ko must come from that language's face. */
#include "testutil.h"
#include <SDL2/SDL_ttf.h>
#include "annai/lang.h"

#define NOTO_REGULAR "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

static void test_registry(void **state)
{
    (void)state;
    assert_string_equal(lang_known("zh-hans")->tag, "zh-Hans");
    assert_string_equal(lang_known("zh-TW")->tag, "zh-Hant");
    assert_string_equal(lang_known("zh-CN")->name, "简体中文");
    assert_string_equal(lang_known("ko")->name, "한국어");
    assert_string_equal(lang_known("ja-x-easy")->name, "やさしい にほんご");
    assert_null(lang_known("fr"));
    const char *good[] = {"ja", "en", "zh-Hans", "zh-Hant-TW", "ja-x-easy", "x-private", "sr-Latn-RS", "de-1996"};
    const char *bad[] = {"", "j", "japanese", "ja_JP", "ja-", "-ja", "ja--x", "ja-x-toolongsubtag", "日本"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        if (!lang_tag_valid(good[i])) fail_msg("%s should be a tag", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (lang_tag_valid(bad[i])) fail_msg("'%s' should not be a tag", bad[i]);
}

static void test_set_parse_and_default(void **state)
{
    (void)state;
    langset_t s;
    diag_list_t d = {0};
    assert_true(lang_set_parse(&s, "ja, en,zh-hans  ko\tja-x-easy, fr-CA", "kiosk.ini", 4, &d));
    assert_int_equal(s.n, 6);
    assert_string_equal(lang_tag(&s, 2), "zh-Hans"); /* canonical spelling */
    assert_int_equal(lang_find(&s, "ZH-CN"), 2);
    assert_string_equal(lang_name(&s, 5), "fr-CA"); /* unknown: named by its tag, English words */
    assert_string_equal(lang_word(&s, 5, LANG_UI_CLOSE), "Close");
    assert_string_equal(lang_word(&s, 3, LANG_UI_INDEX), "목차");
    assert_int_equal(s.info[3].breaks, LANG_BREAKS_KO);
    assert_int_equal(s.info[4].breaks, LANG_BREAKS_JA_EASY);
    langset_t copy = s; /* a set is a value: a copy names unknown languages too */
    assert_string_equal(lang_name(&copy, 5), "fr-CA");
    assert_int_equal(lang_find(&copy, "fr-ca"), 5);
    assert_int_equal(d.count, 0);
    assert_false(lang_set_parse(&s, "ja, en, EN, ja_JP", "kiosk.ini", 4, &d));
    assert_int_equal(s.n, 2);
    assert_int_equal(d.count, 2);
    assert_non_null(strstr(d.items[0].text, "kiosk.ini:4: language en is listed twice"));
    assert_non_null(strstr(d.items[1].text, "kiosk.ini:4: 'ja_JP' is not a language tag"));
    diag_clear(&d);
    assert_false(lang_set_parse(&s, " , ", "x.ini", 2, &d));
    assert_int_equal(s.n, 1); /* never an empty set */
    diag_clear(&d);
}

/* '|' marks where a line may break. */
typedef struct {
    lang_breaks_t rules;
    const char *unibreak, *text;
} brk_case_t;

static const brk_case_t brk_cases[] = {
    /* Chinese: between hanzi; never before ，。：；？！）” nor after （“ */
    {LANG_BREAKS_ZH, "zh", "地|区|创|新，|支|持|大|学。"},
    {LANG_BREAKS_ZH, "zh", "实|施|了|“知|识|集|群”|等|项|目|（2002年）。"},
    {LANG_BREAKS_ZH, "zh", "冒|号：|后|面；|问|号？|叹|号！"},
    {LANG_BREAKS_ZH, "zh", "支|援|地|區|的|「大|學」|與|企|業。"},
    /* Korean: at the spaces between words only (keep-all), punctuation held */
    {LANG_BREAKS_KO, "ko", "지역의 |대학과 |기업이 |협력합니다."},
    {LANG_BREAKS_KO, "ko", "합니다. |「지적 |클러스터」 |등을"},
    {LANG_BREAKS_KO, "ko", "2024년 |3월 |(예정)"},
    /* やさしい日本語 in phrases: at the spaces; written without them: the Japanese rules */
    {LANG_BREAKS_JA_EASY, "ja", "ちいきの |大学と |会社が |いっしょに、|あたらしい |しごとを |つくります。"},
    {LANG_BREAKS_JA_EASY, "ja", "だ|い|が|く|と|か|い|しゃ"},
    /* Japanese: between any two letters, small kana and ー held */
    {LANG_BREAKS_JA, "ja", "ち|い|き|の |大|学|と|ク|ラ|ス|ター」|と|“ABC”|で|す"},
    {LANG_BREAKS_LATIN, "en", "Regional |innovation, |in |2024."},
};

static void test_break_tables(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof brk_cases / sizeof *brk_cases; k++) {
        const brk_case_t *c = &brk_cases[k];
        uint32_t cps[256];
        bool want[256] = {0};
        int n = 0;
        size_t i = 0, len = strlen(c->text);
        while (i < len) {
            int32_t cp = utf8_decode(c->text, len, &i);
            if (cp == '|') { want[n - 1] = true; continue; }
            cps[n++] = (uint32_t)cp;
        }
        unsigned char out[256];
        linebreak_compute_for(cps, n, c->rules, c->unibreak, out);
        for (int j = 0; j + 1 < n; j++)
            if ((out[j] == LINEBREAK_BRK_ALLOW) != want[j]) {
                char a[8] = "", b[8] = "";
                utf8_encode(cps[j], a);
                utf8_encode(cps[j + 1], b);
                fail_msg("%s: break between %s and %s should be %s", c->text, a, b, want[j] ? "allowed" : "prohibited");
            }
        assert_int_equal(out[n - 1], LINEBREAK_BRK_MUST);
    }
}

/* The face of each language found by fontconfig is the right Noto Sans CJK face. */
static void test_faces_by_language(void **state)
{
    (void)state;
    const char *tags[] = {"zh-Hans", "zh-Hant", "ko"}, *families[] = {"Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans CJK KR"};
    void *fc = NULL;
    for (int i = 0; i < 3; i++)
        for (int bold = 0; bold < 2; bold++) {
            int index = -1;
            char *family = NULL, *path = lang_font_match(&fc, lang_known(tags[i]), tags[i], bold, &index, &family);
            assert_non_null(path);
            assert_string_equal(family, families[i]);
            assert_true(index >= 0);
            free(path);
            free(family);
        }
    lang_font_done(fc);
    int index;
    char *p = lang_font_spec("/x/NotoSansCJK-Regular.ttc#3", &index);
    assert_string_equal(p, "/x/NotoSansCJK-Regular.ttc");
    assert_int_equal(index, 3);
    free(p);
    p = lang_font_spec("fonts/a#b.ttf", &index); /* a # in a name is not an index */
    assert_string_equal(p, "fonts/a#b.ttf");
    assert_int_equal(index, 0);
    free(p);
}

/* The coverage the atlas holds for cp in face, as a 0/1 mask of its ink box (w x h). */
static unsigned char *atlas_mask(atlas_t *a, int face, int px, uint32_t cp, int *w, int *h)
{
    const atlas_glyph_t *g = atlas_get(a, face, px, cp);
    assert_non_null(g);
    const unsigned char *cov = atlas_coverage(a, g->page);
    unsigned char *m = mem_calloc((size_t)(g->w * g->h), 1);
    for (int y = 0; y < g->h; y++)
        for (int x = 0; x < g->w; x++) m[y * g->w + x] = cov[(g->y + y) * ATLAS_PAGE_SIZE + g->x + x] > 127;
    *w = g->w;
    *h = g->h;
    return m;
}

/* The same glyph straight from a font file, cropped to its ink the same way. */
static unsigned char *file_mask(TTF_Font *f, uint32_t cp, int *w, int *h)
{
    TTF_SetFontHinting(f, TTF_HINTING_NORMAL);
    SDL_Surface *s = TTF_RenderGlyph32_Shaded(f, cp, (SDL_Color){255, 255, 255, 255}, (SDL_Color){0, 0, 0, 255});
    assert_non_null(s);
    int x0 = s->w, y0 = s->h, x1 = -1, y1 = -1;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++)
            if (((Uint8 *)s->pixels)[y * s->pitch + x]) {
                if (x < x0) x0 = x;
                if (x > x1) x1 = x;
                if (y < y0) y0 = y;
                if (y > y1) y1 = y;
            }
    *w = x1 - x0 + 1;
    *h = y1 - y0 + 1;
    unsigned char *m = mem_calloc((size_t)(*w * *h), 1);
    for (int y = 0; y < *h; y++)
        for (int x = 0; x < *w; x++) m[y * *w + x] = ((Uint8 *)s->pixels)[(y0 + y) * s->pitch + x0 + x] > 127;
    SDL_FreeSurface(s);
    return m;
}

static bool same(const unsigned char *a, int aw, int ah, const unsigned char *b, int bw, int bh)
{
    return aw == bw && ah == bh && !memcmp(a, b, (size_t)(aw * ah));
}

/* Han unification: 直骨角化写 take different forms in Japan, mainland China, Taiwan and Korea.
 * Each language's atlas glyphs must be exactly the glyphs of its own Noto Sans CJK face (opened
 * here from the collection by family name, apart from annai's lookup), and ja keeps BIZ
 * UDPGothic's. At least one of the five must differ between every two languages. */
static void test_han_glyphs_in_each_language_face(void **state)
{
    (void)state;
    const char *tags[] = {"ja", "zh-Hans", "zh-Hant", "ko"};
    const char *families[] = {NULL, "Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans CJK KR"};
    const uint32_t han[] = {0x76F4, 0x9AA8, 0x89D2, 0x5316, 0x5199}; /* 直骨角化写 */
    const int px = 64;
    atlas_t *a = atlas_create(NULL, tu_fonts);
    atlas_fit_screen(a, 3840, 2160);
    unsigned char *masks[4][5];
    int mw[4][5], mh[4][5];
    for (int l = 0; l < 4; l++) {
        int face = fonts_add_lang(tu_fonts, lang_known(tags[l]), tags[l], NULL);
        assert_true(l == 0 ? face == FONTS_FACE_REGULAR : face > FONTS_FACE_BOLD);
        assert_true(fonts_face_open(tu_fonts, face, &(diag_list_t){0}) || l == 0);
        assert_string_equal(fonts_face_name(tu_fonts, face), l ? families[l] : "BIZ UDPGothic");
        TTF_Font *ref = NULL;
        for (long i = 0; l && i < 32 && !ref; i++) { /* the face of the collection with this family */
            TTF_Font *f = TTF_OpenFontIndex(NOTO_REGULAR, px, i);
            if (f && !strcmp(TTF_FontFaceFamilyName(f), families[l])) ref = f;
            else if (f) TTF_CloseFont(f);
        }
        assert_true(l == 0 || ref);
        for (int k = 0; k < 5; k++) {
            masks[l][k] = atlas_mask(a, face, px, han[k], &mw[l][k], &mh[l][k]);
            if (!ref) continue;
            int w, h;
            unsigned char *want = file_mask(ref, han[k], &w, &h);
            if (!same(masks[l][k], mw[l][k], mh[l][k], want, w, h))
                fail_msg("%s: U+%04X is not the glyph of %s", tags[l], (unsigned)han[k], families[l]);
            free(want);
        }
        if (ref) TTF_CloseFont(ref);
    }
    for (int l = 0; l < 4; l++)
        for (int o = l + 1; o < 4; o++) {
            int differ = 0;
            for (int k = 0; k < 5; k++) differ += !same(masks[l][k], mw[l][k], mh[l][k], masks[o][k], mw[o][k], mh[o][k]);
            if (!differ) fail_msg("%s and %s draw 直骨角化写 alike", tags[l], tags[o]);
        }
    for (int l = 0; l < 4; l++)
        for (int k = 0; k < 5; k++) free(masks[l][k]);
    atlas_destroy(a);
}

/* [fonts] TAG = FILE#N: that face of that file, not fontconfig's choice. */
static void test_font_override(void **state)
{
    (void)state;
    long jp = -1;
    for (long i = 0; i < 32 && jp < 0; i++) {
        TTF_Font *f = TTF_OpenFontIndex(NOTO_REGULAR, 20, i);
        if (f && !strcmp(TTF_FontFaceFamilyName(f), "Noto Sans CJK JP")) jp = i;
        if (f) TTF_CloseFont(f);
    }
    assert_true(jp >= 0);
    char spec[256];
    snprintf(spec, sizeof spec, "%s#%ld", NOTO_REGULAR, jp);
    int face = fonts_add_lang(tu_fonts, lang_known("zh-Hans"), "zh-Hans-x-override", spec);
    diag_list_t d = {0};
    assert_true(fonts_face_open(tu_fonts, face, &d));
    assert_string_equal(fonts_face_name(tu_fonts, face), "Noto Sans CJK JP");
    int bad = fonts_add_lang(tu_fonts, lang_known("ko"), "ko-x-missing", "/nonexistent/font.ttc#2");
    assert_false(fonts_face_open(tu_fonts, bad, &d));
    assert_int_equal(d.count, 1);
    assert_non_null(strstr(d.items[0].text, "/nonexistent/font.ttc: cannot open font face 2 for ko-x-missing ([fonts] override)"));
    assert_string_equal(fonts_face_name(tu_fonts, bad), "BIZ UDPGothic"); /* drawn in the bundled face meanwhile */
    diag_clear(&d);
}

/* A character no face has is never a box: it takes no room and draws nothing; a character the
 * language's face lacks but the bundled one has is drawn by the bundled one. */
static void test_no_tofu(void **state)
{
    (void)state;
    int ko = fonts_add_lang(tu_fonts, lang_known("ko"), "ko", NULL);
    assert_int_equal(fonts_face_for(tu_fonts, FONTS_FACE_REGULAR, 0xD55C), -1);    /* 한: BIZ UDPGothic has no Hangul */
    assert_int_equal(fonts_face_for(tu_fonts, ko, 0xD55C), ko);
    assert_true(fonts_advance(tu_fonts, FONTS_FACE_REGULAR, 40, 0xD55C) == 0);
    assert_int_equal(fonts_face_for(tu_fonts, ko, 0x10FFFD), -1);
    atlas_t *a = atlas_create(NULL, tu_fonts);
    assert_null(atlas_get(a, FONTS_FACE_REGULAR, 40, 0xD55C));
    assert_non_null(atlas_get(a, ko, 40, 0xD55C));
    atlas_destroy(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_registry),
        cmocka_unit_test(test_set_parse_and_default),
        cmocka_unit_test(test_break_tables),
        cmocka_unit_test(test_faces_by_language),
        cmocka_unit_test(test_han_glyphs_in_each_language_face),
        cmocka_unit_test(test_font_override),
        cmocka_unit_test(test_no_tofu),
    };
    return cmocka_run_group_tests(tests, tu_fonts_up, tu_fonts_down);
}
