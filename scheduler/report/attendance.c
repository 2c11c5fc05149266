/* iss - attendance records: import (libcsv) and record.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iss/band.h"
#include "iss/base.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/csv.h"
#include "iss/error.h"
#include "iss/team.h"
#include "iss/attendance.h"
#include "iss/sessionref.h"
#include "iss/store.h"

static const char *const outcome_names[] = {
    "", "attended", "partial", "absent_acceptable", "absent_unacceptable",
    "cancelled_by_service", "rescheduled"};

const char *iss_outcome_name(enum iss_outcome o)
{
    return (unsigned)o < sizeof outcome_names / sizeof outcome_names[0]
               ? outcome_names[o]
               : "";
}

static const char *const cause_names[] = {
    "", "child_unacceptable", "child_acceptable", "service", ""};

const char *iss_cause_name(enum iss_cause c)
{
    return (unsigned)c < sizeof cause_names / sizeof cause_names[0]
               ? cause_names[c]
               : "";
}

enum iss_cause iss_cause_parse(const char *s)
{
    int i;

    for (i = 1; i <= 3; i++)
        if (strcmp(s, cause_names[i]) == 0)
            return (enum iss_cause)i;
    return ISS_CAUSE_NONE;
}

enum iss_outcome iss_outcome_parse(const char *s)
{
    size_t i;

    for (i = 1; i < sizeof outcome_names / sizeof outcome_names[0]; i++)
        if (strcmp(s, outcome_names[i]) == 0)
            return (enum iss_outcome)i;
    return ISS_OUT_NONE;
}

int iss_attendance_get(struct iss_store *st, const char *uid,
                       struct iss_record *r, struct iss_error *err)
{
    struct iss_store_attendance a;
    bool found;
    int rc;

    memset(r, 0, sizeof *r);
    snprintf(r->uid, sizeof r->uid, "%s", uid);
    rc = iss_store_attendance_latest(st, uid, &a, &found, err);
    if (rc != 0 || !found)
        return rc;
    r->outcome = iss_outcome_parse(a.outcome);
    r->minutes = a.minutes;
    r->cause = iss_cause_parse(a.cause);
    if (r->outcome == ISS_OUT_PARTIAL && r->cause == ISS_CAUSE_NONE)
        r->cause = ISS_CAUSE_UNSTATED;
    r->told = a.told;
    snprintf(r->note, sizeof r->note, "%s", a.note);
    /* "rescheduled" was about the time it was recorded for: once a
     * re-plan has moved the session, it no longer applies. */
    if (r->outcome == ISS_OUT_RESCHEDULED &&
        a.sequence != a.session_sequence) {
        r->outcome = ISS_OUT_NONE;
        r->note[0] = '\0';
    }
    return 0;
}

int iss_attendance_latest(struct iss_store *st, const char *uid,
                          enum iss_outcome *out, int *minutes,
                          struct iss_error *err)
{
    struct iss_record r;
    int rc = iss_attendance_get(st, uid, &r, err);

    *out = rc == 0 ? r.outcome : ISS_OUT_NONE;
    *minutes = rc == 0 && r.outcome != ISS_OUT_NONE ? r.minutes : 0;
    return rc;
}

/* No session has the UID uid: say so, or, when it starts a session's
 * UID (the short reference iss today prints), that the uid column takes
 * the whole UID, and which one that is. A reference names a session only
 * among the UIDs of the store when it is made (a later publish can make it
 * ambiguous), so a file kept and imported again would not be sure to mean
 * the same: the import takes whole UIDs only. */
static const char *unknown_uid(struct iss_store *st, const char *uid,
                               char *buf, size_t size)
{
    char key[64], found[2][64];
    struct iss_error err = {0};
    size_t i, len = strlen(uid);
    int n = 0;

    for (i = 0; i < len && i < sizeof key - 1; i++) {
        int ch = tolower((unsigned char)uid[i]);
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f')))
            break;
        key[i] = (char)ch;
    }
    key[i] = '\0';
    if (i == len && len >= ISS_REF_MIN_TYPED)
        n = iss_store_uid_candidates(st, key, false, found, 2, &err);
    if (n == 1 && len >= strlen(found[0]))
        snprintf(buf, size, "uid: \"%.64s\": the UID of a staff member's "
                            "feed event; the import takes the session's own "
                            "UID: %s", uid, found[0]);
    else if (n == 1)
        snprintf(buf, size, "uid: \"%.64s\": a short reference (as iss "
                            "today prints) is not taken in an import; give "
                            "the session's whole UID (%zu characters): %s",
                 uid, strlen(found[0]), found[0]);
    else if (n > 1)
        snprintf(buf, size, "uid: \"%.64s\": a short reference (as iss "
                            "today prints) is not taken in an import, and "
                            "this one starts %d sessions' UIDs; give the "
                            "session's whole UID (the plan file, a feed)",
                 uid, n);
    else
        snprintf(buf, size, "uid: \"%.64s\": no published session has this "
                            "UID", uid);
    return buf;
}

const char *iss_record_check(struct iss_store *st, struct iss_record *r,
                             char *buf, size_t size)
{
    struct iss_stored_session ss;
    struct iss_error err = {0};
    int64_t start, end, now = iss_now();
    char t[ISS_RFC3339_BUFSZ];
    int len, rc;

    rc = iss_store_session(st, r->uid, &ss, &err);
    if (rc == ISS_EFAIL) {
        snprintf(buf, size, "the store cannot be read");
        return buf;
    }
    if (rc != 0)
        return unknown_uid(st, r->uid, buf, size);
    start = ss.start_utc;
    end = ss.end_utc;
    if (ss.cancelled) {
        snprintf(buf, size, "uid: \"%.64s\": the session was cancelled "
                            "(re-planned); nothing to record", r->uid);
        return buf;
    }
    if (ss.notice_at >= start) {
        snprintf(buf, size, "uid: \"%.64s\": the session (%s) was "
                            "published only after it started, so it was "
                            "never given to the child in writing; nothing "
                            "can be recorded against it",
                 r->uid, iss_format_rfc3339_local(start, t));
        return buf;
    }
    if (r->outcome == ISS_OUT_RESCHEDULED) {
        if (start <= now) {
            snprintf(buf, size, "outcome: rescheduled: the session (%s) has "
                                "started; rescheduled applies only before "
                                "an appointment (a missed one is "
                                "absent_acceptable or absent_unacceptable)",
                     iss_format_rfc3339_local(start, t));
            return buf;
        }
    } else if (start > now) {
        snprintf(buf, size, "uid: \"%.64s\": the session is in the future "
                            "(%s); record it once it has started (or "
                            "record rescheduled to move it)",
                 r->uid, iss_format_rfc3339_local(start, t));
        return buf;
    }
    if (r->outcome == ISS_OUT_PARTIAL && r->cause == ISS_CAUSE_NONE) {
        snprintf(buf, size, "cause: partial needs the cause of the minutes "
                            "missed: child_unacceptable, child_acceptable "
                            "or service");
        return buf;
    }
    if (r->outcome != ISS_OUT_PARTIAL && r->cause != ISS_CAUSE_NONE &&
        r->cause != ISS_CAUSE_UNSTATED) {
        snprintf(buf, size, "cause: %s: only a partial session has a cause",
                 iss_cause_name(r->cause));
        return buf;
    }
    if (r->outcome != ISS_OUT_PARTIAL)
        r->cause = ISS_CAUSE_NONE;
    len = (int)((end - start) / 60);
    switch (r->outcome) {
    case ISS_OUT_ATTENDED:
        if (r->minutes < 0)
            r->minutes = len;
        if (r->minutes != len) {
            snprintf(buf, size, "minutes_attended: %d: attended means the "
                                "whole session (%d min); use partial for "
                                "less", r->minutes, len);
            return buf;
        }
        break;
    case ISS_OUT_PARTIAL:
        if (r->minutes < 0) {
            snprintf(buf, size, "minutes_attended: empty: partial needs the "
                                "minutes attended, 1 to %d (the session is "
                                "%d min)", len - 1, len);
            return buf;
        }
        if (r->minutes == 0 || r->minutes >= len) {
            snprintf(buf, size, "minutes_attended: %d: partial needs the "
                                "minutes attended, 1 to %d (the session is "
                                "%d min)", r->minutes, len - 1, len);
            return buf;
        }
        break;
    default:
        if (r->minutes > 0) {
            snprintf(buf, size, "minutes_attended: %d: must be 0 or empty "
                                "for %s", r->minutes,
                     iss_outcome_name(r->outcome));
            return buf;
        }
        r->minutes = 0;
    }
    if (r->minutes > len) {
        snprintf(buf, size, "minutes_attended: %d: more than the session's "
                            "%d min", r->minutes, len);
        return buf;
    }
    return NULL;
}

/* Insert r unless it equals the session's latest record. */
static int store_record(struct iss_store *st, const struct iss_record *r,
                        const char *source, bool *changed,
                        struct iss_error *err)
{
    struct iss_store_attendance a;
    bool found;
    int rc;

    *changed = false;
    rc = iss_store_attendance_latest(st, r->uid, &a, &found, err);
    if (rc != 0)
        return rc;
    if (found && strcmp(a.outcome, iss_outcome_name(r->outcome)) == 0 &&
        a.minutes == r->minutes && strcmp(a.note, r->note) == 0 &&
        strcmp(a.cause, iss_cause_name(r->cause)) == 0 &&
        a.told == r->told && a.sequence == a.session_sequence)
        return 0;
    rc = iss_store_attendance_add(st, r->uid, iss_outcome_name(r->outcome),
                                  r->minutes, r->note, source,
                                  iss_cause_name(r->cause), r->told, err);
    if (rc != 0)
        return rc;
    iss_crashpoint("recording attendance");
    *changed = true;
    return 0;
}

int iss_attendance_record(struct iss_store *st, struct iss_record *r,
                          const char *command, bool *changed,
                          struct iss_error *err)
{
    char buf[300], detail[160];
    const char *why;
    int rc;

    if ((rc = iss_store_begin(st, err)) != 0)
        return rc;
    why = iss_record_check(st, r, buf, sizeof buf);
    if (why != NULL) {
        iss_store_rollback(st);
        return iss_fail(err, ISS_EINPUT, "%s", why);
    }
    rc = store_record(st, r, "record", changed, err);
    snprintf(detail, sizeof detail, "%s %d min%s%s%s",
             iss_outcome_name(r->outcome), r->minutes,
             r->cause != ISS_CAUSE_NONE ? " " : "", iss_cause_name(r->cause),
             r->told ? " told in person" : "");
    return iss_store_end(st, rc, *changed, command, "attendance recorded",
                         r->uid, detail, err);
}

/* ---- CSV ---- */

static const char *const columns[] = {"uid", "outcome", "minutes_attended",
                                      "note", "cause", "told_in_person"};

/* The rows of a file as records: row_no[i] < 0 marks a bad row (already
 * reported). */
struct att_rows {
    struct iss_record *rows;
    int *row_no;
    size_t n_rows;
};

static void att_rows_free(struct att_rows *ar)
{
    free(ar->rows);
    free(ar->row_no);
    memset(ar, 0, sizeof *ar);
}

/* One CSV row as a record; false (with every problem reported) when bad. */
static bool read_row(const struct iss_csv_spec *spec, struct iss_csv_table *t,
                     const struct iss_csv_row *cr, struct iss_record *r,
                     struct iss_problems *probs)
{
    const char *uid = cr->cell[0], *outcome = cr->cell[1];
    const char *minutes = cr->cell[2], *note = cr->cell[3];
    const char *cause = cr->cell[4], *told = cr->cell[5];
    int row = cr->row;
    bool ok = !cr->bad;

    memset(r, 0, sizeof *r);
    if (strlen(uid) == 0 || strlen(uid) >= sizeof r->uid) {
        iss_csv_problem(spec, t, probs, row, "uid: \"%.64s\": a published "
                        "session's UID is expected", uid);
        ok = false;
    }
    snprintf(r->uid, sizeof r->uid, "%s", uid);
    r->outcome = iss_outcome_parse(outcome);
    if (r->outcome == ISS_OUT_NONE) {
        iss_csv_problem(spec, t, probs, row, "outcome: \"%.40s\": one of "
                        "attended, partial, absent_acceptable, "
                        "absent_unacceptable, cancelled_by_service, "
                        "rescheduled", outcome);
        ok = false;
    }
    r->minutes = -1;
    if (minutes[0] != '\0') {
        char *end;
        long v;
        errno = 0;
        v = strtol(minutes, &end, 10);
        if (errno || *end || v < 0 || v > 1440 ||
            !(minutes[0] >= '0' && minutes[0] <= '9')) {
            iss_csv_problem(spec, t, probs, row, "minutes_attended: "
                            "\"%.20s\": a whole number of minutes (or empty)",
                            minutes);
            ok = false;
        } else {
            r->minutes = (int)v;
        }
    }
    if (cause[0] != '\0') {
        r->cause = iss_cause_parse(cause);
        if (r->cause == ISS_CAUSE_NONE) {
            iss_csv_problem(spec, t, probs, row, "cause: \"%.40s\": one of "
                            "child_unacceptable, child_acceptable, service "
                            "(or empty)", cause);
            ok = false;
        }
    } else if (t->col[4] < 0 && r->outcome == ISS_OUT_PARTIAL) {
        /* A file from before the cause column: counted as the child's,
         * as it was, and never on the ladder. */
        r->cause = ISS_CAUSE_UNSTATED;
    }
    if (strcmp(told, "yes") == 0) {
        r->told = true;
    } else if (told[0] != '\0' && strcmp(told, "no") != 0) {
        iss_csv_problem(spec, t, probs, row, "told_in_person: \"%.20s\": "
                        "yes, no or empty", told);
        ok = false;
    }
    if (!iss_text_valid(note) || strlen(note) >= sizeof r->note) {
        iss_csv_problem(spec, t, probs, row, "note: must be one line of "
                        "UTF-8 text, at most %zu bytes", sizeof r->note - 1);
        ok = false;
    }
    snprintf(r->note, sizeof r->note, "%s", note);
    return ok;
}

/* Parse text (len bytes) and check every row against the store, storing
 * nothing: 0 with the rows in ar, ISS_EINPUT with every problem in probs,
 * ISS_EFAIL with err. The caller frees ar with att_rows_free. */
static int parse_and_check(struct iss_store *st, const char *text,
                           size_t len, const char *display,
                           struct att_rows *ar, struct iss_problems *probs,
                           struct iss_error *err)
{
    const struct iss_csv_spec spec = {display, columns, 6, 2, false, false};
    struct iss_csv_table t;
    size_t i, j;
    int rc;

    memset(ar, 0, sizeof *ar);
    rc = iss_csv_read(&spec, text, len, &t, probs, err);
    if (rc != 0)
        return rc;
    ar->rows = calloc(t.n_rows + 1, sizeof *ar->rows);
    ar->row_no = calloc(t.n_rows + 1, sizeof *ar->row_no);
    if (ar->rows == NULL || ar->row_no == NULL) {
        iss_csv_free(&t);
        return iss_fail(err, ISS_EFAIL, "out of memory");
    }
    for (i = 0; i < t.n_rows; i++) {
        bool ok = read_row(&spec, &t, &t.rows[i], &ar->rows[i], probs);
        ar->row_no[i] = ok ? t.rows[i].row : -t.rows[i].row;
    }
    ar->n_rows = t.n_rows;
    /* Against the store: duplicates, unknown and future sessions,
     * minutes. Every problem, then nothing is stored if there was one. */
    for (i = 0; i < ar->n_rows; i++) {
        char buf[300];
        const char *why;
        if (ar->row_no[i] < 0)
            continue;
        for (j = 0; j < i; j++)
            if (strcmp(ar->rows[i].uid, ar->rows[j].uid) == 0) {
                iss_csv_problem(&spec, &t, probs, ar->row_no[i],
                                "uid: \"%.64s\": also on row %d; one row "
                                "per session",
                                ar->rows[i].uid,
                                ar->row_no[j] < 0 ? -ar->row_no[j]
                                                  : ar->row_no[j]);
                break;
            }
        if (j < i)
            continue;
        why = iss_record_check(st, &ar->rows[i], buf, sizeof buf);
        if (why != NULL)
            iss_csv_problem(&spec, &t, probs, ar->row_no[i], "%s", why);
    }
    rc = t.problems > 0 ? ISS_EINPUT : 0;
    iss_csv_free(&t);
    return rc;
}

int iss_attendance_check_text(struct iss_store *st, const char *text,
                              size_t len, const char *display,
                              struct iss_problems *probs,
                              struct iss_error *err)
{
    struct att_rows ar;
    int rc = parse_and_check(st, text, len, display, &ar, probs, err);

    att_rows_free(&ar);
    return rc;
}

int iss_attendance_import(struct iss_store *st, const char *path,
                          const char *display, const char *command,
                          int *added, int *same, struct iss_problems *probs,
                          struct iss_error *err)
{
    struct att_rows ar;
    char *text = NULL, detail[128];
    size_t len, i;
    int rc;

    *added = *same = 0;
    rc = iss_read_file(path, 64u << 20, &text, &len, err);
    if (rc != 0)
        return rc;
    /* Rows are checked against the store inside the transaction that
     * stores them: nothing (a re-plan cancelling a session) can come
     * between the check and the write. */
    if ((rc = iss_store_begin(st, err)) != 0) {
        free(text);
        return rc;
    }
    rc = parse_and_check(st, text, len, display, &ar, probs, err);
    free(text);
    if (rc != 0) {
        iss_store_rollback(st);
        goto out;
    }
    for (i = 0; i < ar.n_rows; i++) {
        bool changed;
        rc = store_record(st, &ar.rows[i], "import", &changed, err);
        if (rc != 0)
            break;
        if (changed)
            (*added)++;
        else
            (*same)++;
    }
    snprintf(detail, sizeof detail, "%d records, %d new", *added + *same,
             *added);
    rc = iss_store_end(st, rc, true, command, "attendance imported", NULL,
                       detail, err);
out:
    att_rows_free(&ar);
    return rc;
}
