/* util: the small modules every room uses (diag, log, utf8, buf, path, mem, hash), in one include. */
#ifndef ANNAI_UTIL_H
#define ANNAI_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "annai/buf.h"
#include "annai/diag.h"
#include "annai/hash.h"
#include "annai/log.h"
#include "annai/mem.h"
#include "annai/path.h"
#include "annai/utf8.h"

#define ANNAI_VERSION "0.1.0"

#endif
