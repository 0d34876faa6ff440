#define _GNU_SOURCE /* memfd_create, the seals */
#include "annai/fonts.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FONT_MAX_BYTES (64 << 20) /* BIZ UDPGothic is 4.6 MB a face; Noto Sans CJK ~20 MB a weight */
#define REF_PX 1000 /* advances measured once at the design size, scaled per use */
#define ADV_HASH 4096
#define BUNDLED_FAMILY "BIZ UDPGothic"

static const char *bundled_files[FONTS_FACE_COUNT] = {"BIZUDPGothic-Regular.ttf", "BIZUDPGothic-Bold.ttf"};

typedef struct {
    uint32_t key; /* face << 24 | cp */
    float adv;    /* in em */
} adv_entry_t;

typedef struct {
    TTF_Font *font;
    int px; /* the size it is set to now */
} sized_font_t;

typedef struct {
    char *path;              /* NULL: found through fontconfig on first use */
    int index;               /* the face in a collection (.ttc) */
    const lang_info_t *li;   /* what to ask fontconfig for */
    char tag[LANG_TAG_MAX];
    bool bold;
    char *family;            /* for messages */
    bool tried;              /* opening was attempted (it is never retried) */
    bool system;             /* installed by a package (fontconfig): mapped, not copied */
    void *map;               /* the font file, mapped read-only: FreeType reads memory, */
    size_t maplen;           /* not a seek and a read() per glyph (measured: ~40% of start-up) */
    TTF_Font *ref;           /* at REF_PX, for metrics */
    sized_font_t sized;      /* the rasterising font */
    float ascent_em;
} face_slot_t;

struct fonts_s {
    void *fc;            /* fontconfig's configuration, loaded on the first lookup */
    face_slot_t faces[FONTS_MAX_FACES];
    int nfaces;
    adv_entry_t *adv;    /* open addressing, grows */
    int adv_count, adv_cap;
};

/* Copies the font file into a sealed memfd and maps that: FreeType reads memory (not a seek
 * and a read() per glyph, ~40% of start-up), the pages can still be let go after a frame
 * (fonts_release), and a font file overwritten in place by a shorter one (an update, a
 * curator's copy) no longer turns the next glyph load into SIGBUS, as a mapping of the file
 * itself did. The cost: the copy at start-up, and the fonts held in shared memory rather than
 * in the page cache (see README, "Fonts overwritten in place"). NULL, or the problem. */
/* sendfile copies in the kernel, page cache to shared memory, in a few calls (copy_file_range
 * refuses a copy across file systems; read() into a mapping of the memfd took a fault a page,
 * and a buffer of chunks 2,000 calls a face) */
static bool copy_fd(int from, int to, size_t len, size_t *got)
{
    for (*got = 0; *got < len;) {
        ssize_t r = sendfile(to, from, NULL, len - *got);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return false;
        if (r == 0) break; /* the file shrank while being copied: what there is */
        *got += (size_t)r;
    }
    return true;
}

static const char *font_read(face_slot_t *fs, char *why, size_t n)
{
    int fd = open(fs->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0) return snprintf(why, n, "cannot open font: %s", strerror(errno)), why;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 || st.st_size > FONT_MAX_BYTES) {
        close(fd);
        return snprintf(why, n, "cannot open font: not a regular file, empty or over %d MiB", FONT_MAX_BYTES >> 20), why;
    }
    size_t len = (size_t)st.st_size, got = 0;
    int mem = memfd_create("annai-font", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (mem < 0 || ftruncate(mem, (off_t)len) != 0 || !copy_fd(fd, mem, len, &got) || !got) {
        snprintf(why, n, "cannot open font: cannot make a %zu-byte copy (%s)", len, strerror(errno));
        close(fd);
        if (mem >= 0) close(mem);
        return why;
    }
    close(fd);
    if (got < len && ftruncate(mem, (off_t)got) != 0) got = len; /* then the tail reads as zeros */
    fcntl(mem, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
    void *m = mmap(NULL, got, PROT_READ, MAP_SHARED, mem, 0);
    int map_errno = errno;
    close(mem);
    if (m == MAP_FAILED)
        return snprintf(why, n, "cannot open font: %scannot map its %zu-byte copy (%s)", map_errno == ENOMEM ? "out of memory, " : "",
                        got, strerror(map_errno)), why;
    /* glyphs are scattered over the file: map only the pages touched, not their neighbours as
     * well (fault-around), which would count against the memory budget */
    madvise(m, got, MADV_RANDOM);
    fs->map = m;
    fs->maplen = got;
    return NULL;
}

/* A font a Debian package installed (found through fontconfig) is mapped as it is: dpkg
 * replaces files by renaming, never in place, so the mapping cannot turn into SIGBUS, and a
 * copy would hold a whole CJK collection (~20 MB a weight) in shared memory for nothing. */
static const char *font_map(face_slot_t *fs, char *why, size_t n)
{
    int fd = open(fs->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0) return snprintf(why, n, "cannot open font: %s", strerror(errno)), why;
    void *m = MAP_FAILED;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED) return snprintf(why, n, "cannot open font: not a regular file, or cannot map it"), why;
    madvise(m, (size_t)st.st_size, MADV_RANDOM); /* glyphs are scattered: no fault-around */
    fs->map = m;
    fs->maplen = (size_t)st.st_size;
    return NULL;
}

static TTF_Font *face_font(const face_slot_t *fs, int px)
{
    if (!fs->map) return NULL;
    SDL_RWops *rw = SDL_RWFromConstMem(fs->map, (int)fs->maplen);
    return rw ? TTF_OpenFontIndexRW(rw, 1, px, fs->index) : NULL;
}

/* Maps the file (or a copy) and opens the metrics font; false, and why, when either fails.
 * A language's face (shared is true) measures and rasterises with one TTF_Font, resized
 * between the two: each TTF_Font of Noto Sans CJK holds ~3 MiB of parsed tables (measured),
 * and glyphs are measured at REF_PX in batches (a panel's layout) before they are rasterised,
 * so the resizing is rare. The bundled faces keep an unhinted metrics font of their own. */
static bool face_load(face_slot_t *fs, bool shared, char *why, size_t n)
{
    fs->tried = true;
    if (fs->system ? font_map(fs, why, n) : font_read(fs, why, n)) return false;
    fs->ref = face_font(fs, REF_PX);
    /* SDL_ttf's message names what failed (FreeType's error, or the allocation) */
    if (!fs->ref) return snprintf(why, n, "cannot open font: %s", TTF_GetError()), false;
    TTF_SetFontHinting(fs->ref, shared ? TTF_HINTING_NORMAL : TTF_HINTING_NONE);
    if (shared) fs->sized = (sized_font_t){fs->ref, REF_PX};
    fs->ascent_em = (float)TTF_FontAscent(fs->ref) / REF_PX;
    if (!fs->family) {
        const char *fam = TTF_FontFaceFamilyName(fs->ref);
        fs->family = mem_strdup(fam ? fam : fs->path);
    }
    return true;
}

fonts_t *fonts_create(const char *dir, diag_list_t *diags)
{
    /* SDL_ttf counts TTF_Init calls: each fonts_t holds one, so several can live at once */
    if (TTF_Init() != 0) { diag_add(diags, "SDL_ttf", 0, "%s", TTF_GetError()); return NULL; }
    fonts_t *f = mem_calloc(1, sizeof *f);
    for (int i = 0; i < FONTS_FACE_COUNT; i++) {
        face_slot_t *fs = &f->faces[f->nfaces++];
        fs->path = path_join(dir, bundled_files[i]);
        fs->bold = i == FONTS_FACE_BOLD;
        fs->family = mem_strdup(BUNDLED_FAMILY);
        char why[160];
        bool ok = face_load(fs, false, why, sizeof why);
        if (ok && !TTF_GlyphIsProvided32(fs->ref, 0x3042))
            ok = !snprintf(why, sizeof why, "font without Japanese glyphs (BIZ UDPGothic is expected)");
        if (!ok) {
            diag_add(diags, fs->path, 0, "%s", why);
            fonts_destroy(f);
            return NULL;
        }
    }
    f->adv_cap = ADV_HASH;
    f->adv = mem_calloc((size_t)f->adv_cap, sizeof *f->adv);
    return f;
}

/* Closes a face's fonts and mapping; what was found (path, index, family) is kept. */
static void face_unload(face_slot_t *fs)
{
    if (fs->sized.font && fs->sized.font != fs->ref) TTF_CloseFont(fs->sized.font);
    if (fs->ref) TTF_CloseFont(fs->ref);
    if (fs->map) munmap(fs->map, fs->maplen);
    fs->sized = (sized_font_t){0};
    fs->ref = NULL;
    fs->map = NULL;
    fs->maplen = 0;
}

void fonts_destroy(fonts_t *f)
{
    if (!f) return;
    for (int i = 0; i < f->nfaces; i++) {
        face_slot_t *fs = &f->faces[i];
        face_unload(fs);
        free(fs->path);
        free(fs->family);
    }
    lang_font_done(f->fc);
    free(f->adv);
    free(f);
    TTF_Quit();
}

int fonts_add_lang(fonts_t *f, const lang_info_t *li, const char *tag, const char *spec)
{
    if (!spec && !li->fc_family) return FONTS_FACE_REGULAR;
    for (int i = FONTS_FACE_COUNT; i < f->nfaces; i += 2)
        if (!strcmp(f->faces[i].tag, tag)) return i;
    if (f->nfaces + 2 > FONTS_MAX_FACES) return FONTS_FACE_REGULAR;
    int base = f->nfaces;
    for (int w = 0; w < FONTS_FACE_COUNT; w++) {
        face_slot_t *fs = &f->faces[f->nfaces++];
        memset(fs, 0, sizeof *fs);
        fs->li = li;
        snprintf(fs->tag, sizeof fs->tag, "%s", tag);
        fs->bold = w == FONTS_FACE_BOLD;
        if (spec) fs->path = lang_font_spec(spec, &fs->index);
    }
    return base;
}

static bool valid(const fonts_t *f, int face) { return face >= 0 && face < f->nfaces; }

/* Where the top of an ideograph is, in em below the line's top: faces disagree on their
 * ascent (Noto Sans CJK's hhea ascent is ~1.16 em, BIZ UDPGothic's less), so a language's face
 * is placed on the line so that its ideographs stand where the bundled face's do: labels stay
 * centred in their buttons, lines keep their rhythm. */
#define ALIGN_CHAR 0x56FD /* 国: in every CJK face, with a full-height outline */
static float ideograph_top_em(const face_slot_t *fs)
{
    int minx, maxx, miny, maxy = 0, adv;
    if (!TTF_GlyphIsProvided32(fs->ref, ALIGN_CHAR) || TTF_GlyphMetrics32(fs->ref, ALIGN_CHAR, &minx, &maxx, &miny, &maxy, &adv))
        return -1;
    return (float)maxy / REF_PX;
}

static void face_align(fonts_t *f, face_slot_t *fs)
{
    float ours = ideograph_top_em(fs), theirs = ideograph_top_em(&f->faces[FONTS_FACE_REGULAR]);
    if (ours >= 0 && theirs >= 0) fs->ascent_em = f->faces[FONTS_FACE_REGULAR].ascent_em - theirs + ours;
}

bool fonts_face_open(fonts_t *f, int face, diag_list_t *diags)
{
    if (!valid(f, face)) return false;
    face_slot_t *fs = &f->faces[face];
    if (fs->tried) return fs->ref != NULL;
    bool override = fs->path != NULL && !fs->system;
    if (!fs->path) fs->system = (fs->path = lang_font_match(&f->fc, fs->li, fs->tag, fs->bold, &fs->index, &fs->family)) != NULL;
    if (!fs->path) {
        fs->tried = true;
        diag_add(diags, fs->tag, 0, "no %s font for %s found by fontconfig (install fonts-noto-cjk, or set [fonts] %s = FILE)",
                 fs->li->fc_family ? fs->li->fc_family : "", fs->tag, fs->tag);
        return false;
    }
    char why[160];
    if (!face_load(fs, true, why, sizeof why)) {
        diag_add(diags, fs->path, 0, "cannot open font face %d for %s%s: %s", fs->index, fs->tag,
                 override ? " ([fonts] override)" : "", why);
        return false;
    }
    face_align(f, fs);
    return true;
}

bool fonts_face_is_open(const fonts_t *f, int face) { return valid(f, face) && f->faces[face].ref; }

void fonts_keep_only(fonts_t *f, const int *keep, int nkeep)
{
    for (int i = FONTS_FACE_COUNT; i < f->nfaces; i++) {
        bool kept = false;
        for (int k = 0; k < nkeep; k++) kept |= keep[k] >= FONTS_FACE_COUNT && (i == keep[k] || i == keep[k] + FONTS_FACE_BOLD);
        if (kept || !f->faces[i].ref) continue;
        face_unload(&f->faces[i]);
        f->faces[i].tried = false; /* opened again, from the path found before, when next used */
    }
}

/* The face actually used for a face id: itself once open, else the bundled one of its weight. */
static int usable(fonts_t *f, int face)
{
    if (!valid(f, face)) return FONTS_FACE_REGULAR;
    if (!f->faces[face].tried) {
        diag_list_t quiet = {0}; /* --check and the engine report it; drawing falls back */
        fonts_face_open(f, face, &quiet);
        diag_clear(&quiet);
    }
    return f->faces[face].ref ? face : (f->faces[face].bold ? FONTS_FACE_BOLD : FONTS_FACE_REGULAR);
}

const char *fonts_face_name(fonts_t *f, int face)
{
    face = usable(f, face);
    return f->faces[face].family ? f->faces[face].family : "?";
}

bool fonts_face_has(fonts_t *f, int face, uint32_t cp)
{
    face = usable(f, face);
    return TTF_GlyphIsProvided32(f->faces[face].ref, cp) != 0;
}

int fonts_face_for(fonts_t *f, int face, uint32_t cp)
{
    face = usable(f, face);
    if (TTF_GlyphIsProvided32(f->faces[face].ref, cp)) return face;
    int fallback = f->faces[face].bold ? FONTS_FACE_BOLD : FONTS_FACE_REGULAR;
    return face != fallback && TTF_GlyphIsProvided32(f->faces[fallback].ref, cp) ? fallback : -1;
}

float fonts_ascent_em(fonts_t *f, int face) { return f->faces[usable(f, face)].ascent_em; }

bool fonts_has_glyph(fonts_t *f, uint32_t cp) { return TTF_GlyphIsProvided32(f->faces[FONTS_FACE_REGULAR].ref, cp) != 0; }

static void adv_insert(adv_entry_t *tab, int cap, uint32_t key, float adv)
{
    uint32_t i = (uint32_t)hash_u64(key) & (uint32_t)(cap - 1);
    while (tab[i].key && tab[i].key != key) i = (i + 1) & (uint32_t)(cap - 1);
    tab[i].key = key;
    tab[i].adv = adv;
}

/* The advance of the glyph that will be drawn (fonts_face_for): a character no face has takes
 * no room, as it is not drawn. */
static float measure_em(fonts_t *f, int face, uint32_t cp)
{
    int use = fonts_face_for(f, face, cp);
    if (use < 0) return cp == ' ' || cp == '\n' ? 0.25f : 0;
    int minx, maxx, miny, maxy, adv = 0;
    TTF_Font *ref = use >= FONTS_FACE_COUNT ? fonts_sized(f, use, REF_PX) : f->faces[use].ref;
    if (!ref || TTF_GlyphMetrics32(ref, cp, &minx, &maxx, &miny, &maxy, &adv) != 0) adv = REF_PX / 2;
    return (float)adv / REF_PX;
}

float fonts_advance(fonts_t *f, int face, float px, uint32_t cp)
{
    uint32_t key = (uint32_t)(face + 1) << 24 | (cp & 0xFFFFFF);
    uint32_t i = (uint32_t)hash_u64(key) & (uint32_t)(f->adv_cap - 1);
    while (f->adv[i].key) {
        if (f->adv[i].key == key) return f->adv[i].adv * px;
        i = (i + 1) & (uint32_t)(f->adv_cap - 1);
    }
    float em = measure_em(f, face, cp);
    if (f->adv_count * 2 >= f->adv_cap) {
        int nc = f->adv_cap * 2;
        adv_entry_t *n = mem_calloc((size_t)nc, sizeof *n);
        for (int k = 0; k < f->adv_cap; k++)
            if (f->adv[k].key) adv_insert(n, nc, f->adv[k].key, f->adv[k].adv);
        free(f->adv);
        f->adv = n;
        f->adv_cap = nc;
    }
    adv_insert(f->adv, f->adv_cap, key, em);
    f->adv_count++;
    return em * px;
}

/* One rasterising TTF_Font per face, set to each size as glyphs are rasterised: every glyph
 * is rasterised once into the atlas, so SDL_ttf's own cache (cleared by TTF_SetFontSize) is
 * not needed, and a face per size would hold its tables in memory again (measured: ~0.6 MiB
 * a size for this CJK font).
 * Hinting: the font's own (TrueType instructions; BIZ UD fonts are made for screens), not
 * FreeType's light auto-hinter: side by side at 22 and 50 px the two look alike, and the
 * auto-hinter's analysis made rasterising ~50% slower (7.3 -> 4.8 ms for the 166 glyphs of a
 * 1080p panel). Unhinted outlines were as fast but their ink boxes are a pixel larger, which
 * overflowed the 1080p atlas budget (377 glyphs rasterised again on a second pass). */
TTF_Font *fonts_sized(fonts_t *f, int face, int px)
{
    face = usable(f, face);
    sized_font_t *s = &f->faces[face].sized;
    if (!s->font) {
        s->font = face_font(&f->faces[face], px);
        if (!s->font) return NULL;
        TTF_SetFontHinting(s->font, TTF_HINTING_NORMAL);
        s->px = px;
    }
    if (s->px != px && TTF_SetFontSize(s->font, px) == 0) s->px = px;
    return s->px == px ? s->font : NULL;
}

/* After a frame that rasterised glyphs, the font pages FreeType read are let go: they stay in
 * the page cache, so a later glyph costs a minor fault, but they no longer count as ours (each
 * glyph's outline sits on its own page: ~3.5 MiB of RSS after all panels otherwise). */
void fonts_release(fonts_t *f)
{
    for (int i = 0; i < f->nfaces; i++)
        if (f->faces[i].map) madvise(f->faces[i].map, f->faces[i].maplen, MADV_DONTNEED);
}

char *fonts_find_dir(const char *argv0, const char *share_dir)
{
    const char *env = getenv("ANNAI_FONTS");
    if (env && *env) return mem_strdup(env);
    char *cand = path_join("fonts", bundled_files[0]);
    bool here = path_is_file(cand);
    free(cand);
    if (here) return mem_strdup("fonts");
    char *exe = path_exe_dir();
    if (exe) {
        char *d = path_join(exe, "fonts"), *p = path_join(d, bundled_files[0]);
        bool ok = path_is_file(p);
        free(p);
        free(exe);
        if (ok) return d;
        free(d);
    }
    (void)argv0;
    return path_join(share_dir, "fonts");
}
