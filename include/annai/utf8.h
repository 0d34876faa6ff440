/* utf8: decoding, encoding and validating UTF-8. */
#ifndef ANNAI_UTF8_H
#define ANNAI_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s[*i] (len bytes in all); advances *i. Returns -1 on invalid. */
int32_t utf8_decode(const char *s, size_t len, size_t *i);
int utf8_encode(uint32_t cp, char out[4]);
/* Byte offset of the first invalid sequence, or -1 when s is valid UTF-8. */
long utf8_first_invalid(const char *s, size_t len);

#endif
