#include "annai/lang.h"

#include <ctype.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* What annai knows about each language, as data: adding one is adding a row. Faces follow
 * DESIGN.md: the bundled BIZ UDPGothic (made for public signage) for Japanese and English;
 * for Chinese and Korean the matching face of Noto Sans CJK, whose Han glyphs take the forms
 * each place teaches (直骨角化写 differ between JP, SC, TC and KR). */
static const lang_info_t known[] = {
    {"ja", "日本語", "Japanese", LANG_BREAKS_JA, "ja", NULL, "ja", false, "ja",
     {"目次", "閉じる", "言語 Language", "言語を選んでください", "画面にふれて操作できます", "再読み込み", "終了",
      "PIN が違います", "ふれて操作できます", "見やすく", "ふりがな", "大きな文字", "コントラスト", "音声を聞く", "音声を止める", "続きあり"}},
    {"en", "English", "English", LANG_BREAKS_LATIN, "en", NULL, "en", false, NULL,
     {"Index", "Close", "Language", "Choose a language", "Touch the screen to explore", "Reload", "Exit",
      "Wrong PIN", "Touch to explore", "Easy view", "Furigana", "Larger text", "High contrast", "Listen", "Stop", "More"}},
    {"zh-Hans", "简体中文", "Simplified Chinese", LANG_BREAKS_ZH, "zh", "Noto Sans CJK SC", "zh-cn", true, "zh-hans",
     {"目录", "关闭", "语言 Language", "请选择语言", "触摸屏幕即可浏览", "重新加载", "退出", "PIN 错误", "触摸浏览", "辅助功能", "注音假名", "大字", "高对比度", "收听", "停止", "更多"}},
    {"zh-Hant", "繁體中文", "Traditional Chinese", LANG_BREAKS_ZH, "zh", "Noto Sans CJK TC", "zh-tw", true, "zh-hant",
     {"目錄", "關閉", "語言 Language", "請選擇語言", "觸控螢幕即可瀏覽", "重新載入", "結束", "PIN 錯誤", "觸控瀏覽", "輔助功能", "注音假名", "大字", "高對比", "收聽", "停止", "更多"}},
    {"ko", "한국어", "Korean", LANG_BREAKS_KO, "ko", "Noto Sans CJK KR", "ko", false, NULL,
     {"목차", "닫기", "언어 Language", "언어를 선택하세요", "화면을 터치해 보세요", "다시 불러오기", "종료",
      "PIN이 틀렸습니다", "터치해 보세요", "보기 쉽게", "후리가나", "큰 글자", "고대비", "듣기", "멈추기", "더 보기"}},
    /* やさしい日本語: a private-use subtag, as BCP 47 has none for it (tag registered nowhere) */
    {"ja-x-easy", "やさしい にほんご", "Easy Japanese", LANG_BREAKS_JA_EASY, "ja", NULL, "ja", false, "ja",
     {"もくじ", "とじる", "ことば Language", "ことばを えらんで ください", "がめんに さわって ください", "よみこみ",
      "おわり", "PIN が ちがいます", "さわって ください", "みやすく", "ふりがな", "おおきな もじ", "コントラスト", "きく", "とめる", "つづき"}},
};
#define NKNOWN ((int)(sizeof known / sizeof known[0]))

/* Other spellings of the same languages: region tags that imply a script. */
static const struct { const char *alias, *tag; } aliases[] = {
    {"zh", "zh-Hans"}, {"zh-CN", "zh-Hans"}, {"zh-SG", "zh-Hans"}, {"zh-Hans-CN", "zh-Hans"},
    {"zh-TW", "zh-Hant"}, {"zh-HK", "zh-Hant"}, {"zh-MO", "zh-Hant"}, {"zh-Hant-TW", "zh-Hant"},
    {"ko-KR", "ko"}, {"ja-JP", "ja"}, {"en-US", "en"}, {"en-GB", "en"},
};

const lang_info_t *lang_known(const char *tag)
{
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (!strcasecmp(tag, aliases[i].alias)) tag = aliases[i].tag;
    for (int i = 0; i < NKNOWN; i++)
        if (!strcasecmp(tag, known[i].tag)) return &known[i];
    return NULL;
}

static bool all_alnum(const char *s, size_t n, bool alpha_only)
{
    for (size_t i = 0; i < n; i++)
        if (!(alpha_only ? isalpha((unsigned char)s[i]) : isalnum((unsigned char)s[i]))) return false;
    return true;
}

/* BCP 47's shape, without the registry: a 2-3 letter language (or x- for private use), then
 * subtags of 1-8 letters or digits. */
bool lang_tag_valid(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= LANG_TAG_MAX) return false;
    size_t first = strcspn(s, "-");
    if (!((first >= 2 && first <= 3) || (first == 1 && (s[0] == 'x' || s[0] == 'X'))) || !all_alnum(s, first, true))
        return false;
    for (const char *p = s + first; *p;) {
        p++; /* the '-' */
        size_t k = strcspn(p, "-");
        if (k == 0 || k > 8 || !all_alnum(p, k, false)) return false;
        p += k;
    }
    return true;
}

/* A language annai has no row for: its own tag as its name (name, english and fc_lang stay
 * NULL and the accessors answer with the tag, so that a langset_t can be copied), English
 * words for the chrome, UAX #14 breaks, and whatever face fontconfig has for it. A tag whose
 * language annai knows (ja-Latn-x-foo) keeps that language's rules and face. */
static void info_fill(lang_info_t *li, const char *tag)
{
    const lang_info_t *k = lang_known(tag);
    if (k) { *li = *k; return; }
    *li = *lang_known("en");
    li->tag = li->name = li->english = li->fc_lang = li->phrase = NULL;
    li->fc_family = "sans-serif";
    li->unibreak = "en";
    char primary[4] = "";
    snprintf(primary, sizeof primary, "%.*s", (int)strcspn(tag, "-"), tag);
    const lang_info_t *base = lang_known(primary);
    if (base) {
        li->breaks = base->breaks;
        li->unibreak = base->unibreak;
        li->fc_family = base->fc_family;
        li->fc_lang = base->fc_lang;
        li->phrase = base->phrase;
    }
}

static bool set_add(langset_t *s, const char *tag, const char *src, int line, diag_list_t *diags)
{
    if (!lang_tag_valid(tag)) {
        diag_add(diags, src, line, "'%s' is not a language tag (BCP 47, e.g. ja, en, zh-Hans, zh-Hant, ko, ja-x-easy)", tag);
        return false;
    }
    const lang_info_t *li = lang_known(tag);
    const char *canon = li ? li->tag : tag;
    if (lang_find(s, canon) >= 0) { diag_add(diags, src, line, "language %s is listed twice", canon); return false; }
    if (s->n >= LANG_MAX) { diag_add(diags, src, line, "more than %d languages: %s left out", LANG_MAX, tag); return false; }
    snprintf(s->tags[s->n], LANG_TAG_MAX, "%s", canon);
    info_fill(&s->info[s->n], s->tags[s->n]);
    s->n++;
    return true;
}

bool lang_set_parse(langset_t *s, const char *list, const char *src, int line, diag_list_t *diags)
{
    memset(s, 0, sizeof *s);
    bool ok = true;
    for (const char *p = list; *p;) {
        p += strspn(p, " ,\t");
        size_t k = strcspn(p, " ,\t");
        if (!k) break;
        char tag[64];
        snprintf(tag, sizeof tag, "%.*s", (int)(k < sizeof tag - 1 ? k : sizeof tag - 1), p);
        ok &= set_add(s, tag, src, line, diags);
        p += k;
    }
    if (!s->n) {
        if (ok) diag_add(diags, src, line, "no languages listed (e.g. languages = ja, en)");
        set_add(s, "ja", src, line, diags);
        return false;
    }
    return ok;
}

lang_t lang_find(const langset_t *s, const char *tag)
{
    const lang_info_t *li = lang_known(tag);
    if (li) tag = li->tag;
    for (int i = 0; i < s->n; i++)
        if (!strcasecmp(s->tags[i], tag)) return i;
    return -1;
}

const char *lang_tag(const langset_t *s, lang_t l) { return l >= 0 && l < s->n ? s->tags[l] : "ja"; }

const char *lang_name(const langset_t *s, lang_t l)
{
    if (l < 0 || l >= s->n) return "";
    return s->info[l].name ? s->info[l].name : s->tags[l];
}

const char *lang_word(const langset_t *s, lang_t l, ui_word_t w)
{
    if (l < 0 || l >= s->n || w < 0 || w >= LANG_UI_COUNT) return "";
    return s->info[l].ui[w];
}

char *lang_font_spec(const char *spec, int *index)
{
    *index = 0;
    const char *hash = strrchr(spec, '#');
    if (hash && hash[1] && strspn(hash + 1, "0123456789") == strlen(hash + 1)) {
        *index = atoi(hash + 1);
        return mem_strndup(spec, (size_t)(hash - spec));
    }
    return mem_strdup(spec);
}

/* Whether the matched font really covers the language: fontconfig always answers with some
 * font, and a face without Hangul would draw Korean as boxes. */
static bool covers(FcPattern *font, const char *fc_lang)
{
    FcLangSet *ls = NULL;
    if (FcPatternGetLangSet(font, FC_LANG, 0, &ls) != FcResultMatch) return false;
    return FcLangSetHasLang(ls, (const FcChar8 *)fc_lang) != FcLangDifferentLang;
}

/* The caller's own fontconfig configuration, made on the first lookup and destroyed with
 * lang_font_done: fontconfig's global one (FcInit) is never freed, and the sanitizer build
 * counts it as a leak. */
char *lang_font_match(void **fc, const lang_info_t *li, const char *tag, bool bold, int *index, char **family)
{
    const char *fc_lang = li->fc_lang ? li->fc_lang : tag;
    if (!li->fc_family) return NULL;
    if (!*fc) *fc = FcInitLoadConfigAndFonts();
    FcConfig *cfg = *fc;
    if (!cfg) return NULL;
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)li->fc_family);
    FcPatternAddString(pat, FC_LANG, (const FcChar8 *)fc_lang);
    FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcConfigSubstitute(cfg, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *font = FcFontMatch(cfg, pat, &res);
    FcPatternDestroy(pat);
    char *path = NULL;
    FcChar8 *file = NULL, *fam = NULL;
    if (font && covers(font, fc_lang) && FcPatternGetString(font, FC_FILE, 0, &file) == FcResultMatch) {
        path = mem_strdup((const char *)file);
        if (FcPatternGetInteger(font, FC_INDEX, 0, index) != FcResultMatch) *index = 0;
        if (family) *family = FcPatternGetString(font, FC_FAMILY, 0, &fam) == FcResultMatch ? mem_strdup((const char *)fam) : NULL;
    }
    if (font) FcPatternDestroy(font);
    return path;
}

void lang_font_done(void *fc)
{
    if (fc) FcConfigDestroy(fc);
}
