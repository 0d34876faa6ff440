/* config's key table, shared with cli.c (each flag is a key) and nobody else. */
#ifndef ANNAI_CONFIG_PRIVATE_H
#define ANNAI_CONFIG_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { CONFIG_T_STR, CONFIG_T_LANG, CONFIG_T_LANGS, CONFIG_T_SECONDS, CONFIG_T_SIZE, CONFIG_T_BOOL, CONFIG_T_ROTATE, CONFIG_T_INT, CONFIG_T_MS, CONFIG_T_TIME, CONFIG_T_DAYS, CONFIG_T_PIN, CONFIG_T_RENDERER, CONFIG_T_REAL } key_type_t;

typedef struct {
    const char *section, *key;
    key_type_t type;
    size_t offset;
    double min, max;
    const char *help;
} key_def_t;

extern const key_def_t config_keys[];
extern const int config_nkeys;
/* With no section, a key is found by its name, else as section_key (alert_dir: [alert] dir,
 * whose plain name is [content]'s). */
const key_def_t *config_key_find(const char *section, const char *key);
bool config_parse_bool(const char *v, bool *out);

#endif
