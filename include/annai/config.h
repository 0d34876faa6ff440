/* config: built-in defaults < content/kiosk.ini < --config FILE < command-line flags.
 * Every key of every section is also a long option (idle_timeout -> --idle-timeout). */
#ifndef ANNAI_CONFIG_H
#define ANNAI_CONFIG_H

#include <stdbool.h>
#include "annai/cli.h"
#include "annai/lang.h"
#include "annai/util.h"

typedef struct {
    char tag[LANG_TAG_MAX];
    char *spec;               /* FILE or FILE#N */
} font_override_t;

#define CONFIG_ALERT_DIR "/run/annai/alert" /* tmpfs: an alert never outlives a reboot by accident */

/* [display] renderer: auto takes the GPU where a real one drives the display (gpu.h) */
typedef enum { CONFIG_RENDERER_AUTO = 0, CONFIG_RENDERER_SOFTWARE, CONFIG_RENDERER_GPU } renderer_kind_t;

typedef struct {
    /* [content] */
    char *content_dir;        /* NULL: ./content, else the installed share dir */
    langset_t langs;          /* languages: the deck's, in order; NAME.md is the first one's */
    char *lang_tag;           /* lang as given; NULL: the first of langs */
    lang_t lang;              /* the default language (idle returns to it): its place in langs */
    double dwell_s;
    /* [fonts] TAG = FILE[#N]: a language's face instead of fontconfig's choice */
    font_override_t fonts[LANG_MAX];
    int nfonts;
    /* [display] */
    int width, height;        /* 0: native */
    bool fullscreen;
    int rotate;               /* 0, 90, 180, 270 */
    int display;
    renderer_kind_t renderer;
    /* [interaction] */
    double idle_timeout_s;
    int transition_ms;
    bool high_contrast;       /* the high-contrast theme by default (visitors may turn it off) */
    double volume;            /* narration, 0..1 */
    /* [schedule] */
    int on_min, off_min;      /* minutes after midnight; -1: always on */
    unsigned days;            /* bit 0 = Monday ... bit 6 = Sunday */
    /* [admin] */
    char *pin;
    bool allow_exit;
    /* [log] */
    char *events_path;
    char *heartbeat_path;
    double heartbeat_interval_s;
    char *metrics_path;
    /* [alert] */
    char *alert_dir;          /* NULL: CONFIG_ALERT_DIR (see config_alert_dir) */
} config_t;

/* The admin PIN as a systemd credential (LoadCredential=annai.pin:/etc/annai/pin): read from
 * $CREDENTIALS_DIRECTORY, above every other source. Never from the command line. */
#define CONFIG_PIN_CREDENTIAL "annai.pin"
#define CONFIG_PIN_MAX_BYTES 64


void config_defaults(config_t *c);
void config_free(config_t *c);
/* Applies one key of a section; src/line say where it came from for the message. */
bool config_set(config_t *c, const char *section, const char *key, const char *value,
                const char *src, int line, diag_list_t *diags);
/* Loads an ini file; every problem goes to diags as path:line: message. Missing file: false. */
bool config_load_file(config_t *c, const char *path, bool allow_dir_key, diag_list_t *diags);
/* The same from memory (data need not end in NUL); path is only for messages. */
void config_load_mem(config_t *c, const char *path, const char *data, size_t len, bool allow_dir_key,
                     diag_list_t *diags);
/* The PIN credential from cred_dir (NULL or missing file: nothing); problems as path:line. */
void config_load_credential(config_t *c, const char *cred_dir, diag_list_t *diags);
/* Defaults, then kiosk.ini of the content dir, then --config, then flags, then the PIN credential. */
int config_resolve(config_t *c, const cli_t *cli, const char *share_dir, diag_list_t *diags);
/* Makes inih keep long lines (Debian's build cuts them at 200 bytes) and keep ';' in values. */
void config_ini_setup(void);
/* Places [content] lang in languages (after every source is read); false with a message. */
bool config_resolve_lang(config_t *c, diag_list_t *diags);
/* The [fonts] override of a language, or NULL. */
const char *config_font_for(const config_t *c, const char *tag);

const char *config_alert_dir(const config_t *c);
/* "mon-fri", "mon,wed,sat", "fri-mon" -> bit 0 = Monday ... bit 6 = Sunday. */
bool config_parse_days(const char *v, unsigned *out);

#endif

/* Parses ini-style lines (also "key: value" front matter) from memory, calling fn with the
 * 1-based line of each pair (first_line is the line of data[0]). Returns inih's result:
 * 0, or the line of the first syntax error. */
typedef int (*ini_line_fn)(void *user, const char *section, const char *key, const char *value, int line);
/* A line longer than CONFIG_MAX_LINE_BYTES is skipped whole; the first one is put in *long_line
 * (0: none; long_line may be NULL). Returns inih's result: 0, or the first bad line. */
#define CONFIG_MAX_LINE_BYTES 65534
#define CONFIG_LONG_LINE_MSG "line longer than 65534 bytes; it is ignored"
int config_ini_parse(const char *data, size_t len, int first_line, ini_line_fn fn, void *user, int *long_line);
