/* cli: the command line -> a mode and the flags to apply over the config files. A bad flag or
 * flag value is a usage error (exit 2) with the usage line, never a kiosk started anyway. */
#include "annai/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annai/config.h"
#include "config_private.h"

static void to_key(const char *flag, char *out, size_t n)
{
    size_t i = 0;
    for (; flag[i] && i + 1 < n; i++) out[i] = flag[i] == '-' ? '_' : flag[i];
    out[i] = 0;
}

int cli_usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "annai: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n" CLI_USAGE "\nTry 'annai --help'.\n");
    return 2;
}

/* A flag's value is checked where it is typed: a bad one is a usage error (exit 2), never a
 * kiosk started with the default instead. */
static int check_flag_value(const key_def_t *k, const char *flag, const char *val)
{
    config_t probe;
    diag_list_t d = {0};
    config_defaults(&probe);
    int rc = config_set(&probe, k->section, k->key, val, flag, 0, &d) ? 0 : cli_usage_error("%s", d.count ? d.items[0].text : flag);
    config_free(&probe);
    diag_clear(&d);
    return rc;
}

/* A boolean flag is a switch: --allow-exit alone means true, --no-allow-exit false; a following
 * true/false/yes/no/on/off/1/0 is still taken as its value. */
static const char *switch_value(const key_def_t *k, bool negated, int argc, char **argv, int *i)
{
    bool b;
    if (negated) return "false";
    if (k->type != CONFIG_T_BOOL) return NULL;
    if (*i + 1 < argc && config_parse_bool(argv[*i + 1], &b)) return argv[++*i];
    return "true";
}

static void cli_push(cli_t *cli, const char *k, const char *v)
{
    MEM_ARRAY_GROW(cli->keys, cli->nopts, cli->capopts, cli->nopts + 1);
    cli->values = mem_realloc(cli->values, (size_t)cli->capopts * sizeof *cli->values);
    cli->keys[cli->nopts] = mem_strdup(k);
    cli->values[cli->nopts++] = mem_strdup(v);
}

static int set_mode(cli_t *cli, run_mode_t m, const char *arg)
{
    if (cli->mode != CLI_MODE_KIOSK && cli->mode != m) return cli_usage_error("conflicting modes at '%s'", arg);
    cli->mode = m;
    return 0;
}

static int parse_args(cli_t *cli, int argc, char **argv)
{
    memset(cli, 0, sizeof *cli);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2)) return cli_usage_error("unexpected argument '%s'", a);
        char name[64];
        const char *eq = strchr(a, '=');
        size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
        if (n >= sizeof name) return cli_usage_error("unknown option '%s'", a);
        memcpy(name, a + 2, n);
        name[n] = 0;
        const char *val = eq ? eq + 1 : NULL;
        int rc = 0;
        if (!strcmp(name, "check")) rc = set_mode(cli, CLI_MODE_CHECK, a);
        else if (!strcmp(name, "dump-layout")) rc = set_mode(cli, CLI_MODE_DUMP_LAYOUT, a);
        else if (!strcmp(name, "bench")) rc = set_mode(cli, CLI_MODE_BENCH, a);
        else if (!strcmp(name, "version")) rc = set_mode(cli, CLI_MODE_VERSION, a);
        else if (!strcmp(name, "help")) rc = set_mode(cli, CLI_MODE_HELP, a);
        else if (!strcmp(name, "windowed")) cli_push(cli, "fullscreen", "false");
        else {
            bool is_shot = !strcmp(name, "screenshot"), is_cfg = !strcmp(name, "config"), is_at = !strcmp(name, "at");
            char key[64];
            to_key(name, key, sizeof key);
            if (!strcmp(key, "content")) strcpy(key, "dir");
            const key_def_t *k = config_key_find(NULL, key);
            bool negated = false;
            if (!is_shot && !is_cfg && !is_at && !k && !strncmp(key, "no_", 3)) {
                k = config_key_find(NULL, key + 3);
                if (!k || k->type != CONFIG_T_BOOL || val) return cli_usage_error("unknown option '%s'", a);
                memmove(key, key + 3, strlen(key + 3) + 1);
                negated = true;
            }
            if (!is_shot && !is_cfg && !is_at && !k) return cli_usage_error("unknown option '%s'", a);
            if (!strcmp(key, "pin")) return cli_usage_error("%s is refused: every user of the machine sees the command line (ps). "
                                                        "Put 'pin = ...' in [admin] of the --config file, or give it as "
                                                        "the systemd credential '" CONFIG_PIN_CREDENTIAL "' (LoadCredential=).", "--pin");
            if (!val && k) val = switch_value(k, negated, argc, argv, &i);
            if (!val) {
                if (i + 1 >= argc) return cli_usage_error("option '%s' needs a value", a);
                val = argv[++i];
            }
            if (is_shot) {
                rc = set_mode(cli, CLI_MODE_SCREENSHOT, a);
                free(cli->screenshot_dir);
                cli->screenshot_dir = mem_strdup(val);
            } else if (is_at) {
                free(cli->at);
                cli->at = mem_strdup(val);
            } else if (is_cfg) {
                free(cli->config_path);
                cli->config_path = mem_strdup(val);
            } else {
                char flag[80];
                snprintf(flag, sizeof flag, "--%s", name);
                if (check_flag_value(k, flag, val)) return 2;
                cli_push(cli, key, val);
                if (!strcmp(key, "size")) cli->size_given = true;
            }
        }
        if (rc) return rc;
    }
    return 0;
}

/* A usage error leaves nothing to free: flags read before the bad one are dropped here. */
int cli_parse(cli_t *cli, int argc, char **argv)
{
    int rc = parse_args(cli, argc, argv);
    if (rc) cli_free(cli);
    return rc;
}

void cli_free(cli_t *cli)
{
    for (int i = 0; i < cli->nopts; i++) { free(cli->keys[i]); free(cli->values[i]); }
    free(cli->keys);
    free(cli->values);
    free(cli->screenshot_dir);
    free(cli->config_path);
    free(cli->at);
    memset(cli, 0, sizeof *cli);
}

void cli_print_help(void)
{
    printf("annai %s - kiosk display for Japanese panels\n\n"
           CLI_USAGE "\n\n"
           "Modes (default: run the kiosk):\n"
           "  --check             validate content and config; path:line: message per problem\n"
           "  --screenshot DIR    render every panel to DIR/NN-STEM.png and exit\n"
           "  --dump-layout       print every laid-out text line as JSON\n"
           "  --bench             print performance figures as name: value lines\n"
           "  --version, --help\n\n"
           "Options:\n"
           "  --config FILE       ini file (after content/kiosk.ini, before flags)\n"
           "  --content DIR       content folder (same as --dir)\n"
           "  --windowed          a window instead of fullscreen\n"
           "  --at \"YYYY-MM-DD HH:MM\"  with --check, --screenshot, --dump-layout: as if it were then\n"
           "  A true/false option is a switch: --allow-exit turns it on, --no-allow-exit off.\n",
           ANNAI_VERSION);
    const char *sec = "";
    for (int i = 0; i < config_nkeys; i++) {
        if (strcmp(sec, config_keys[i].section)) printf("\n  [%s]\n", sec = config_keys[i].section);
        char flag[64];
        if (config_key_find(NULL, config_keys[i].key) != &config_keys[i]) snprintf(flag, sizeof flag, "--%s-%s", config_keys[i].section, config_keys[i].key);
        else snprintf(flag, sizeof flag, "--%s", config_keys[i].key);
        for (char *p = flag; *p; p++) if (*p == '_') *p = '-';
        if (config_keys[i].type == CONFIG_T_PIN) /* a secret: never a flag */
            printf("  %-22s %s: in a --config file or the credential '%s' only\n", "pin =", config_keys[i].help, CONFIG_PIN_CREDENTIAL);
        else
            printf("  %-22s %s\n", flag, config_keys[i].help);
    }
    printf("\nExit codes: 0 fine, 1 content/config problems, 2 usage, 3 runtime failure.\n");
}
