/* qr: a panel's qr: key as QR modules (qr.h). */
#include "annai/qr.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#define QR_VERSION_ANY 0 /* the smallest version that holds the text */

int qr_encode(const char *text, unsigned char **modules)
{
    *modules = NULL;
    QRcode *q = QRcode_encodeString8bit(text, QR_VERSION_ANY, QR_ECLEVEL_M);
    if (!q) return 0;
    int side = q->width;
    *modules = mem_calloc((size_t)side * (size_t)side, 1);
    for (int i = 0; i < side * side; i++) (*modules)[i] = q->data[i] & 1; /* bit 0: dark; the rest is libqrencode's */
    QRcode_free(q);
    return side;
}

void qr_build(panel_t *p, int line, diag_list_t *diags)
{
    if (!p->qr) return;
    if (!*p->qr) { diag_add(diags, p->path, line, "empty qr"); return; }
    p->qr_size = qr_encode(p->qr, &p->qr_modules);
    if (!p->qr_size) diag_add(diags, p->path, line, "qr payload too long to encode (%zu bytes)", strlen(p->qr));
}
