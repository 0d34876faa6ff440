/* qr: a panel's qr: front-matter key as a QR code (libqrencode, error correction M, 8-bit
 * data, the smallest version that holds it): a square of modules, 1 = dark, no quiet zone
 * (the layout draws that). */
#ifndef ANNAI_QR_H
#define ANNAI_QR_H

#include "annai/panel.h"

/* The modules of text into *modules (side * side bytes, caller frees); returns the side, or 0
 * when text is too long for any QR code (*modules is then NULL). */
int qr_encode(const char *text, unsigned char **modules);
/* p->qr encoded into p->qr_modules / p->qr_size; an empty or too long qr reported at line. */
void qr_build(panel_t *p, int line, diag_list_t *diags);

#endif
