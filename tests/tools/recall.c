/* OCR recall: how many of the characters a panel shows the OCR text has back, counted as
 * multisets (order and line breaks aside). Letters and digits only: punctuation and spaces are
 * what OCR engines disagree on most and what a reader needs least. Latin is compared without
 * case. Prints "found total". Usage: recall EXPECTED.txt OCR.txt */
#include <stdio.h>
#include <stdlib.h>
#include "annai/linebreak.h"
#include "annai/util.h"

#define MAX_CP 0x110000

static int *count_file(const char *path, long *total)
{
    size_t n;
    char *d = NULL;
    const char *err = NULL;
    if (path_read(path, 1 << 24, &d, &n, &err) != 0) { fprintf(stderr, "%s: %s\n", path, err); exit(2); }
    int *c = calloc(MAX_CP, sizeof *c);
    size_t i = 0;
    *total = 0;
    while (i < n) {
        int32_t cp = utf8_decode(d, n, &i);
        if (cp < 0) continue;
        if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
        bool letter = (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 0x3041 && cp <= 0x30FA) ||
                      cp == 0x30FC || (cp >= 0x3400 && cp <= 0x9FFF) || linebreak_is_hangul((uint32_t)cp) ||
                      (cp >= 0xC0 && cp <= 0x24F);
        if (!letter) continue;
        c[cp]++;
        (*total)++;
    }
    free(d);
    return c;
}

int main(int argc, char **argv)
{
    if (argc != 3) { fprintf(stderr, "usage: recall EXPECTED OCR\n"); return 2; }
    long want_n, got_n, found = 0;
    int *want = count_file(argv[1], &want_n), *got = count_file(argv[2], &got_n);
    for (long cp = 0; cp < MAX_CP; cp++) found += want[cp] < got[cp] ? want[cp] : got[cp];
    printf("%ld %ld\n", found, want_n);
    free(want);
    free(got);
    return 0;
}
