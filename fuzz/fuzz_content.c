/* libFuzzer: one panel file (front matter, Markdown, ruby, QR, images) parsed from arbitrary
 * bytes. A panel that parses must be well formed: every block has text or an image, every
 * span valid UTF-8. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "annai/panel.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    diag_list_t d = {0};
    panel_t *p = panel_parse("fuzz/01-fuzz.md", (const char *)data, size, "fuzz", &d);
    for (int i = 0; i < d.count; i++) FUZZ_CHECK(!strncmp(d.items[i].text, "fuzz", 4)); /* path:line: message */
    if (p) {
        FUZZ_CHECK(p->title && *p->title);
        for (int b = 0; b < p->nblocks; b++) {
            const block_t *bl = &p->blocks[b];
            FUZZ_CHECK(bl->kind == PANEL_BLOCK_IMAGE ? bl->image != NULL : bl->nspans >= 0);
            for (int s = 0; s < bl->nspans; s++) {
                FUZZ_CHECK(utf8_first_invalid(bl->spans[s].text, strlen(bl->spans[s].text)) < 0);
                if (bl->spans[s].ruby) FUZZ_CHECK(*bl->spans[s].ruby);
            }
        }
        panel_free(p);
    }
    diag_clear(&d);
    return 0;
}
