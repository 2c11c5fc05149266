/* iss - publishing: a week's plan into the store, then the feeds and the
 * letters that follow from the store.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#ifndef ISS_PUBLISH_H
#define ISS_PUBLISH_H

#include "iss/plan.h"
#include "iss/solve.h"
#include "iss/store.h"
#include "iss/workspace.h"

struct iss_publish_report {
    int added;
    int moved;
    int cancelled;
    int unchanged;
    int feeds_written;        /* files whose text changed */
    int feeds;                /* feeds in all */
    int left_out;             /* new sessions starting before now */
    int short_notice;         /* given with less than min_notice_hours */
    char *notes;              /* one line per session left out (malloc'd,
                                 or NULL; the caller frees it) */
    int letters;              /* letters in all */
    int letters_written;      /* letter files whose text changed */
};

/* Store a plan's sessions in one transaction: new ones get random UIDs
 * (and staff feed UIDs), moved ones a higher SEQUENCE, dropped ones are
 * marked cancelled; every change is logged with the command line. The
 * plan's sessions get their UIDs, sequences and statuses as stored.
 * Publishing the same plan again changes nothing. A session of the store
 * that the plan does not know (of a case the plan covers) is an error:
 * the plan is older than the store.
 *
 * The clock (docs/compliance.md): a new session that starts before now is
 * left out (counted in left_out, described in notes); a plan that would
 * move or cancel a published session that has started, or move one to a
 * time before now, is refused as out of date. A session whose time is
 * given (added or moved) less than min_notice_hours before it starts is
 * short notice. */
int iss_publish_plan(const struct iss_workspace *ws, struct iss_store *st,
                     struct iss_plan *plan, const char *command,
                     struct iss_publish_report *rep, struct iss_error *err);

/* The same for several weeks' plans (reps: one report per plan), all in one
 * transaction: a publish of several weeks that fails or is killed stores
 * none of them. */
int iss_publish_plans(const struct iss_workspace *ws, struct iss_store *st,
                      struct iss_plan *const *plans, size_t n_plans,
                      const char *command, struct iss_publish_report *reps,
                      struct iss_error *err);

/* out/ or one of its folders: refused (ISS_EINPUT) when it is a symbolic
 * link or not a folder; made (0700) when missing and create; made 0700
 * when it is iss's user's. */
int iss_out_dir_check(const char *path, bool create, struct iss_error *err);

/* Write out/feeds/<token>.ics for every case and staff member with
 * published sessions (folder 0700, files 0600, atomic; unchanged files are
 * not rewritten), and drop .ics files of no current feed. */
int iss_write_feeds(const struct iss_workspace *ws, struct iss_store *st,
                    const char *out_dir, iss_date today,
                    struct iss_publish_report *rep, struct iss_error *err);

/* Give the feed of a case (kind 'c') or staff member ('s') a new secret
 * token in one transaction (logged as "feed rotated"), then write the
 * feeds again: the new file is written and the old one removed. out_dir
 * and out_dir/feeds must be usable first, or nothing changes. */
int iss_feed_rotate(const struct iss_workspace *ws, struct iss_store *st,
                    const char *out_dir, char kind, const char *id,
                    const char *command, struct iss_error *err);

/* Write out/letters/<case>-<monday>.html for every case with sessions
 * published in the week of monday (and <case>-<monday>-copy.html, the
 * carer's copy, for an under-16 whose case names a carer). */
int iss_write_letters(const struct iss_workspace *ws, struct iss_store *st,
                      const char *out_dir, iss_date monday, iss_date today,
                      struct iss_publish_report *rep, struct iss_error *err);

/* After publishing weeks from first_monday on: write again every letter
 * that shows any of those weeks and is not yet past, for every case with
 * sessions in them: the letters of the weeks from first_monday on, and of
 * the four weeks before it (their month ahead), from the week of today
 * on. Letters whose text would not change are not touched. */
int iss_write_letters_from(const struct iss_workspace *ws,
                           struct iss_store *st, const char *out_dir,
                           iss_date first_monday, iss_date today,
                           struct iss_publish_report *rep,
                           struct iss_error *err);

/* The letter of one case and week as HTML text (malloc'd), or NULL.
 * week: the case's sessions of the week (cancelled ones too); ahead: of
 * the four weeks after. carer_copy: the copy for the case's carer
 * (addressed to them; only for a case with a carer). docs/letters.md. */
char *iss_letter_html(const struct iss_workspace *ws, int kase,
                      iss_date monday, const struct iss_stored_session *week,
                      size_t n_week, const struct iss_stored_session *ahead,
                      size_t n_ahead, iss_date today, bool carer_copy);

/* Rewrite a plan file with the UIDs, sequences and statuses of plan's
 * sessions (in file order), atomically. */
int iss_plan_update_json(const char *path, const struct iss_plan *plan,
                         struct iss_error *err);

/* The week's published sessions from the store of the workspace in dir
 * (none when it has no iss.db), as fixed sessions for iss_plan_week:
 * cancelled ones and cases no longer in the workspace left out. A
 * session naming a type or staff member the workspace no longer has is
 * ISS_EINPUT. *out is malloc'd (free it). (publish/published.c) */
int iss_published_week(const struct iss_workspace *ws, const char *dir,
                       iss_date monday, struct iss_fixed_session **out,
                       size_t *n, struct iss_error *err);

#endif
