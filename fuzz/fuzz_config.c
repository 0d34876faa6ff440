/* libFuzzer: a config file (kiosk.ini or --config) from arbitrary bytes. Every problem is a
 * path:line: message, and the values that were accepted are in range. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "annai/config.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    config_ini_setup();
    config_t c;
    config_defaults(&c);
    diag_list_t d = {0};
    config_load_mem(&c, "fuzz.ini", (const char *)data, size, true, &d);
    for (int i = 0; i < d.count; i++) FUZZ_CHECK(!strncmp(d.items[i].text, "fuzz.ini:", 9));
    FUZZ_CHECK(c.rotate == 0 || c.rotate == 90 || c.rotate == 180 || c.rotate == 270);
    FUZZ_CHECK(c.langs.n >= 1 && c.langs.n <= LANG_MAX);
    FUZZ_CHECK(c.on_min >= -1 && c.on_min <= 24 * 60 && c.off_min >= -1 && c.off_min <= 24 * 60);
    FUZZ_CHECK(c.dwell_s > 0 && c.idle_timeout_s > 0 && c.heartbeat_interval_s > 0);
    FUZZ_CHECK(!c.pin || (strlen(c.pin) >= 4 && strlen(c.pin) <= 12));
    config_free(&c);
    diag_clear(&d);
    return 0;
}
