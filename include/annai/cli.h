/* cli: the command line -> a mode and the flags to apply over the config files
 * (defaults < content/kiosk.ini < --config FILE < flags; config_resolve applies them). */
#ifndef ANNAI_CLI_H
#define ANNAI_CLI_H

#include <stdbool.h>

typedef enum {
    CLI_MODE_KIOSK, CLI_MODE_CHECK, CLI_MODE_SCREENSHOT, CLI_MODE_DUMP_LAYOUT, CLI_MODE_BENCH, CLI_MODE_VERSION, CLI_MODE_HELP
} run_mode_t;

/* The line printed under every usage error (exit 2) and at the top of --help. */
#define CLI_USAGE "Usage: annai [--check | --screenshot DIR | --dump-layout | --bench] [--content DIR] [--size WxH] [--lang TAG] [OPTIONS]"

typedef struct {
    run_mode_t mode;
    char *screenshot_dir;
    char *config_path;
    char *at;                 /* --at "YYYY-MM-DD HH:MM", or NULL */
    bool size_given;
    /* long options that set config keys, kept to apply after the files */
    char **keys, **values;
    int nopts, capopts;
} cli_t;

/* 0, or 2 after printing a usage error to stderr (nothing is left to free then). */
int cli_parse(cli_t *cli, int argc, char **argv);
void cli_free(cli_t *cli);
/* Prints "annai: " fmt (with arg), the usage line and a pointer to --help; returns 2. */
int cli_usage_error(const char *fmt, const char *arg);
/* --help: the modes, every config key as a flag, the exit codes. */
void cli_print_help(void);

#endif
