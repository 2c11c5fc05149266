/* iss - attendance: what happened to each published session.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * Outcomes (FORMAT.md): attended | partial | absent_acceptable |
 * absent_unacceptable | cancelled_by_service | rescheduled. The store keeps
 * every record (a correction is a new record); a session's outcome is its
 * latest record. docs/attendance.md.
 */
#ifndef ISS_ATTENDANCE_H
#define ISS_ATTENDANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iss/error.h"
#include "iss/store.h"
#include "iss/workspace.h"

enum iss_outcome {
    ISS_OUT_NONE = 0,         /* nothing recorded */
    ISS_OUT_ATTENDED,
    ISS_OUT_PARTIAL,
    ISS_OUT_ABSENT_ACCEPTABLE,
    ISS_OUT_ABSENT_UNACCEPTABLE,
    ISS_OUT_CANCELLED_BY_SERVICE,
    ISS_OUT_RESCHEDULED
};

/* Whose the missing minutes of a partial session are. */
enum iss_cause {
    ISS_CAUSE_NONE = 0,       /* not partial */
    ISS_CAUSE_CHILD_UNACCEPTABLE,
    ISS_CAUSE_CHILD_ACCEPTABLE,
    ISS_CAUSE_SERVICE,        /* the service ended it early */
    ISS_CAUSE_UNSTATED        /* a partial from a CSV without the cause
                                 column (files before schema 3): counted
                                 as the child's, never on the ladder */
};

const char *iss_outcome_name(enum iss_outcome o);
const char *iss_cause_name(enum iss_cause c);
/* ISS_CAUSE_NONE when s names no cause (of the first three). */
enum iss_cause iss_cause_parse(const char *s);
/* ISS_OUT_NONE when s names no outcome. */
enum iss_outcome iss_outcome_parse(const char *s);

struct iss_record {
    char uid[64];
    enum iss_outcome outcome;
    int minutes;              /* attended; -1 = the whole session */
    enum iss_cause cause;     /* partial only */
    bool told;                /* a short-notice appointment was told to
                                 the child in person (--told-in-person) */
    char note[512];
};

/* Check one record against the store (the session exists, is not
 * cancelled, was given before it started; it has started, except for
 * rescheduled, which is only before the start; minutes and cause fit the
 * outcome and the session). now is "now" (unix seconds).
 * Returns NULL if good, else a static-length explanation in buf. */
const char *iss_record_check(struct iss_store *st, struct iss_record *r,
                             char *buf, size_t size);

/* Import an attendance CSV (RFC 4180, header uid,outcome,
 * minutes_attended,note in any order) all or nothing: every problem is
 * reported to probs as "FILE: row N: column: value: what is allowed" and
 * nothing is stored. Records equal to a session's latest are skipped, so
 * importing a file twice changes nothing. *added and *same count rows. */
int iss_attendance_import(struct iss_store *st, const char *path,
                          const char *display, const char *command,
                          int *added, int *same, struct iss_problems *probs,
                          struct iss_error *err);

/* Check an attendance CSV held in memory (len bytes, need not end in a
 * NUL) exactly as import does, every row against the store, and store
 * nothing (for tests and fuzzing). Returns 0, ISS_EINPUT with every
 * problem in probs, or ISS_EFAIL with err. */
int iss_attendance_check_text(struct iss_store *st, const char *text,
                              size_t len, const char *display,
                              struct iss_problems *probs,
                              struct iss_error *err);

/* Record one outcome (its own transaction). */
int iss_attendance_record(struct iss_store *st, struct iss_record *r,
                          const char *command, bool *changed,
                          struct iss_error *err);

/* The latest outcome of a session (ISS_OUT_NONE if none); *minutes gets
 * the minutes attended. */
int iss_attendance_latest(struct iss_store *st, const char *uid,
                          enum iss_outcome *out, int *minutes,
                          struct iss_error *err);

/* The latest record of a session in full (outcome ISS_OUT_NONE if none). */
int iss_attendance_get(struct iss_store *st, const char *uid,
                       struct iss_record *r, struct iss_error *err);

/* ---- education: days of school or work not attended ---- */

enum iss_edu_status {
    ISS_EDU_ATTENDED = 0,     /* (a correction: the child was there) */
    ISS_EDU_ABSENT_ACCEPTABLE,
    ISS_EDU_ABSENT_UNACCEPTABLE
};

const char *iss_edu_status_name(enum iss_edu_status s);
/* -1 when s names no status. */
int iss_edu_status_parse(const char *s);

struct iss_edu_record {
    iss_date date;
    enum iss_edu_status status;
    char note[512];
};

/* Check one day's record of case ci: the order is on that day, the child
 * has education then, and the day has come (not after today). Returns
 * NULL if good, else the explanation in buf. */
const char *iss_education_check(const struct iss_workspace *ws, int ci,
                                const struct iss_edu_record *r, char *buf,
                                size_t size);

/* Record one day (its own transaction); equal to the latest: unchanged. */
int iss_education_record(const struct iss_workspace *ws, struct iss_store *st,
                         int ci, const struct iss_edu_record *r,
                         const char *command, bool *changed,
                         struct iss_error *err);

/* Import a CSV (header case,date,status,note; status attended,
 * absent_acceptable or absent_unacceptable) all or nothing, as the
 * attendance import does. */
int iss_education_import(const struct iss_workspace *ws, struct iss_store *st,
                         const char *path, const char *display,
                         const char *command, int *added, int *same,
                         struct iss_problems *probs, struct iss_error *err);

/* The latest record of each day of a case, by date. *out is malloc'd. */
int iss_education_days(struct iss_store *st, const char *case_id,
                       struct iss_edu_record **out, size_t *n,
                       struct iss_error *err);

#endif
