/* iss - compliance letters: the printable letter of each open warning or
 * breach action of a case (docs/letters.md, "Compliance letters").
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#ifndef ISS_COMPLLETTERS_H
#define ISS_COMPLLETTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iss/error.h"
#include "iss/ladder.h"
#include "iss/store.h"
#include "iss/workspace.h"

/* What one compliance letter says, gathered from the store. */
struct iss_compliance_letter {
    const struct iss_action *action;  /* a warning (number 0: the verbal
                                         warning's note) or breach action */
    const struct iss_stored_session *missed; /* the session missed, or NULL */
    bool missed_partial;              /* the child left it early */
    const struct iss_stored_session *next;   /* next appointment, or NULL */
    bool meeting;                     /* a compliance meeting follows this
                                         warning and is still due */
    const struct iss_stored_session *meeting_session; /* booked, or NULL */
    iss_date meeting_due;
    iss_date given[10];               /* formal warnings given (final
                                         notice), in date order */
    int n_given;
    iss_date date;                    /* the letter's date */
};

/* The letter as HTML text (malloc'd), or NULL when out of memory.
 * carer_copy: the copy for the case's carer: a note to them, then the
 * child's letter word for word. */
char *iss_compliance_letter_html(const struct iss_workspace *ws, int kase,
                                 const struct iss_compliance_letter *l,
                                 bool carer_copy);

struct iss_compliance_report {
    int letters;              /* letters of open actions (copies too) */
    int written;              /* files whose text changed */
    int removed;              /* letters of actions withdrawn or gone */
    char *list;               /* one line per open action's letter
                                 (malloc'd or NULL; the caller frees it) */
};

/* Write out/letters/<case>-<name>-<trigger>.html (and -copy.html for an
 * under-16 whose case names a carer) for every open warning and breach
 * action of every case (only_case >= 0: that case alone). A letter whose
 * text would not change, apart from its date, is not touched (it keeps
 * its date). Letters of actions done are kept as they were; those of
 * actions withdrawn or no longer raised are removed. today and now: the
 * clock (the letter's date; the next appointment starts after now). */
int iss_write_compliance_letters(const struct iss_workspace *ws,
                                 struct iss_store *st, const char *out_dir,
                                 int only_case, iss_date today, int64_t now,
                                 struct iss_compliance_report *rep,
                                 struct iss_error *err);

/* The file name of an action's letter ("C07-letter2-2026-11-27.html"),
 * or "" for an action without a letter. */
void iss_compliance_letter_name(const char *case_id,
                                const struct iss_action *a, bool copy,
                                char *buf, size_t size);

/* Is name (a file of out/letters/) a compliance letter of case_id:
 * CASE-(note|letterN|final)-YYYY-MM-DD(-copy).html? */
bool iss_compliance_letter_file(const char *case_id, const char *name);

#endif
