/* image: the pictures a panel names, checked before anything decodes them: the path confined
 * to the content folder (no absolute path, URL, .. or symbolic link out of it), a regular file
 * under PANEL_MAX_IMAGE_BYTES, and a PNG or JPEG header whose size is at most
 * CONTENT_MAX_IMAGE_SIDE a side. No decoding here: render.c decodes what passed. */
#ifndef ANNAI_IMAGE_H
#define ANNAI_IMAGE_H

/* Width and height from a PNG or JPEG header. NULL, or the message of what is wrong. */
const char *image_probe(const char *path, int *w, int *h);
/* src (as written in the panel) against the content folder dir: the real path (caller frees),
 * or NULL with *err set when it is missing, escapes the folder or is no regular file. */
char *image_resolve(const char *src, const char *dir, const char **err);
/* Both, and the side limit: the real path and *w, *h of a picture a panel may show, or NULL
 * with *err set. */
char *image_check(const char *src, const char *dir, int *w, int *h, const char **err);

#endif
