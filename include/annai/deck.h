/* deck: the panels of the content folder, each with its twins in the deck's languages
 * (NAME.md is the first language's, NAME.TAG.md TAG's). No SDL. */
#ifndef ANNAI_DECK_H
#define ANNAI_DECK_H

#include "annai/panel.h"
#include "annai/lang.h"

typedef struct {
    char *stem;
    panel_t *lang[LANG_MAX]; /* [0]: NAME.md, always there */
} deck_entry_t;

typedef struct {
    deck_entry_t *entries;
    int count, cap;
    char *dir;
    langset_t langs;         /* the languages shown; NAME.md is the first one's */
} deck_t;

/* Loads every panel of dir in the languages langs (NULL: ja, en); invalid ones are reported
 * and left out, and so are twins in languages not in langs. */
void deck_load(deck_t *deck, const char *dir, const langset_t *langs, diag_list_t *diags);
void deck_free(deck_t *deck);
/* Counts the panels that have no twin in some language (each a warning line when warnings). */
int deck_missing_twins(const deck_t *deck, diag_list_t *warnings);
/* The panel for lang, falling back to the first language's when there is no twin. */
const panel_t *deck_panel(const deck_t *deck, int index, lang_t lang);
/* A deck to show when no panel is valid: never a black screen. */
/* (Visitors see a neutral notice; the folder and the problems go to --check, the events and the
 * admin overlay.) */
void deck_notice(deck_t *deck, const char *dir);
bool deck_is_notice(const deck_t *deck);
/* Names the deck (and the alert folder) never reads: dot files, editors' backups and
 * temporaries, transfers in progress. */
bool deck_is_ignored_name(const char *name);
/* Cheap fingerprint of the folder (names, sizes, mtimes) for hot reload. */
uint64_t deck_signature(const char *dir);

#endif
