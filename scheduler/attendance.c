/* iss - attendance records: import (libcsv) and record.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <sqlite3.h>

#include "internal.h"
#include "iss/attendance.h"

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
    sqlite3 *db = iss_store_db(st);
    sqlite3_stmt *q;
    int rc;

    memset(r, 0, sizeof *r);
    snprintf(r->uid, sizeof r->uid, "%s", uid);
    if (sqlite3_prepare_v2(db,
                           "SELECT a.outcome, a.minutes, a.cause, a.told, "
                           "a.note, a.sequence, s.sequence FROM attendance "
                           "a JOIN sessions s ON s.uid = a.session_uid "
                           "WHERE a.session_uid = ? ORDER BY a.id DESC "
                           "LIMIT 1",
                           -1, &q, NULL) != SQLITE_OK)
        return iss_fail(err, ISS_EFAIL, "reading attendance: %s",
                        sqlite3_errmsg(db));
    sqlite3_bind_text(q, 1, uid, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        const char *cause = (const char *)sqlite3_column_text(q, 2);
        r->outcome = iss_outcome_parse((const char *)sqlite3_column_text(q, 0));
        r->minutes = sqlite3_column_int(q, 1);
        r->cause = cause == NULL ? ISS_CAUSE_NONE : iss_cause_parse(cause);
        if (r->outcome == ISS_OUT_PARTIAL && r->cause == ISS_CAUSE_NONE)
            r->cause = ISS_CAUSE_UNSTATED;
        r->told = sqlite3_column_int(q, 3) != 0;
        snprintf(r->note, sizeof r->note, "%s",
                 (const char *)sqlite3_column_text(q, 4));
        /* "rescheduled" was about the time it was recorded for: once a
         * re-plan has moved the session, it no longer applies. */
        if (r->outcome == ISS_OUT_RESCHEDULED &&
            sqlite3_column_int(q, 5) != sqlite3_column_int(q, 6)) {
            r->outcome = ISS_OUT_NONE;
            r->note[0] = '\0';
        }
    }
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? 0
               : iss_fail(err, ISS_EFAIL, "reading attendance: %s",
                          sqlite3_errmsg(db));
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

const char *iss_record_check(struct iss_store *st, struct iss_record *r,
                             char *buf, size_t size)
{
    sqlite3 *db = iss_store_db(st);
    sqlite3_stmt *q;
    int64_t start = 0, end = 0, notice = 0, now = iss_now();
    char status[16] = "", t[ISS_RFC3339_BUFSZ];
    int rc, len;

    if (sqlite3_prepare_v2(db,
                           "SELECT start_utc, end_utc, status, notice_at "
                           "FROM sessions WHERE uid = ?",
                           -1, &q, NULL) != SQLITE_OK) {
        snprintf(buf, size, "the store cannot be read");
        return buf;
    }
    sqlite3_bind_text(q, 1, r->uid, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        start = sqlite3_column_int64(q, 0);
        end = sqlite3_column_int64(q, 1);
        snprintf(status, sizeof status, "%s", sqlite3_column_text(q, 2));
        notice = sqlite3_column_int64(q, 3);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW) {
        snprintf(buf, size, "uid: \"%.64s\": no published session has this "
                            "UID", r->uid);
        return buf;
    }
    if (strcmp(status, "cancelled") == 0) {
        snprintf(buf, size, "uid: \"%.64s\": the session was cancelled "
                            "(re-planned); nothing to record", r->uid);
        return buf;
    }
    if (notice >= start) {
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
    sqlite3 *db = iss_store_db(st);
    sqlite3_stmt *q;
    int rc;

    *changed = false;
    if (sqlite3_prepare_v2(db,
                           "SELECT outcome, minutes, note, cause, told, "
                           "sequence, (SELECT sequence FROM sessions WHERE "
                           "uid = ?1) FROM attendance WHERE session_uid = "
                           "?1 ORDER BY id DESC LIMIT 1",
                           -1, &q, NULL) != SQLITE_OK)
        return iss_fail(err, ISS_EFAIL, "reading attendance: %s",
                        sqlite3_errmsg(db));
    sqlite3_bind_text(q, 1, r->uid, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW &&
        strcmp((const char *)sqlite3_column_text(q, 0),
               iss_outcome_name(r->outcome)) == 0 &&
        sqlite3_column_int(q, 1) == r->minutes &&
        strcmp((const char *)sqlite3_column_text(q, 2), r->note) == 0 &&
        strcmp((const char *)sqlite3_column_text(q, 3),
               iss_cause_name(r->cause)) == 0 &&
        (sqlite3_column_int(q, 4) != 0) == r->told &&
        sqlite3_column_int(q, 5) == sqlite3_column_int(q, 6)) {
        sqlite3_finalize(q);
        return 0;
    }
    sqlite3_finalize(q);
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO attendance (session_uid, outcome, "
                           "minutes, note, recorded_at, source, cause, told, "
                           "sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                           "(SELECT sequence FROM sessions WHERE uid = ?1))",
                           -1, &q, NULL) != SQLITE_OK)
        return iss_fail(err, ISS_EFAIL, "recording attendance: %s",
                        sqlite3_errmsg(db));
    sqlite3_bind_text(q, 1, r->uid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, iss_outcome_name(r->outcome), -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 3, r->minutes);
    sqlite3_bind_text(q, 4, r->note, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 5, iss_now());
    sqlite3_bind_text(q, 6, source, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 7, iss_cause_name(r->cause), -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 8, r->told ? 1 : 0);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return iss_fail(err, ISS_EFAIL, "recording attendance: %s",
                        sqlite3_errmsg(db));
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
    if (rc == 0 && *changed)
        rc = iss_store_log(st, command, "attendance recorded", r->uid,
                           detail, err);
    if (rc == 0)
        rc = iss_store_commit(st, err);
    if (rc != 0)
        iss_store_rollback(st);
    return rc;
}

/* ---- CSV ---- */

#define MAX_FIELDS 16

struct csv_state {
    char *field[MAX_FIELDS];
    int n_fields;
    bool too_many;
    bool nul;                 /* a field held a NUL byte */
    struct iss_record *rows;
    int *row_no;
    char **raw_minutes;
    size_t n_rows, cap;
    int record;               /* records seen, header included */
    int col[6];               /* header index of uid, outcome, minutes,
                                 note, cause, told_in_person; -1 if
                                 absent */
    bool header_done;
    bool failed;
    struct iss_problems *probs;
    const char *display;
    int problems;
};

#define N_COLUMNS 6
static const char *const columns[N_COLUMNS] = {
    "uid", "outcome", "minutes_attended", "note", "cause", "told_in_person"};

static void on_field(void *s, size_t len, void *data)
{
    struct csv_state *cs = data;
    char *f;

    if (cs->n_fields >= MAX_FIELDS) {
        cs->too_many = true;
        return;
    }
    f = malloc(len + 1);
    if (f == NULL) {
        cs->failed = true;
        return;
    }
    if (len > 0)
        memcpy(f, s, len);
    f[len] = '\0';
    if (strlen(f) != len)
        cs->nul = true;
    cs->field[cs->n_fields++] = f;
}

static void row_problem(struct csv_state *cs, int row, const char *fmt, ...)
    ISS_PRINTF(3, 4);

static void row_problem(struct csv_state *cs, int row, const char *fmt, ...)
{
    char msg[600];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    iss_problem(cs->probs, "%s: row %d: %s", cs->display, row, msg);
    cs->problems++;
}

static void clear_fields(struct csv_state *cs)
{
    int i;

    for (i = 0; i < cs->n_fields; i++)
        free(cs->field[i]);
    cs->n_fields = 0;
    cs->too_many = false;
    cs->nul = false;
}

static void on_row(int c, void *data)
{
    struct csv_state *cs = data;
    int i, j;

    (void)c;
    cs->record++;
    if (!cs->header_done) {
        cs->header_done = true;
        for (j = 0; j < N_COLUMNS; j++)
            cs->col[j] = -1;
        for (i = 0; i < cs->n_fields; i++) {
            for (j = 0; j < N_COLUMNS; j++)
                if (strcmp(cs->field[i], columns[j]) == 0)
                    break;
            if (j == N_COLUMNS)
                row_problem(cs, 1, "column \"%.40s\": unknown; the columns "
                                   "are uid, outcome, minutes_attended, "
                                   "note, cause, told_in_person",
                            cs->field[i]);
            else if (cs->col[j] >= 0)
                row_problem(cs, 1, "column \"%s\" appears twice",
                            columns[j]);
            else
                cs->col[j] = i;
        }
        for (j = 0; j < 2; j++)
            if (cs->col[j] < 0)
                row_problem(cs, 1, "the header has no \"%s\" column (the "
                                   "first row names the columns: uid,"
                                   "outcome,minutes_attended,note)",
                            columns[j]);
        clear_fields(cs);
        return;
    }
    if (cs->n_fields == 1 && cs->field[0][0] == '\0') {
        clear_fields(cs); /* a blank line */
        return;
    }
    if (cs->n_rows == cs->cap) {
        size_t ncap = cs->cap ? cs->cap * 2 : 256;
        struct iss_record *nr = realloc(cs->rows, ncap * sizeof *nr);
        int *nn;
        char **nm;
        if (nr == NULL) {
            cs->failed = true;
            clear_fields(cs);
            return;
        }
        cs->rows = nr;
        nn = realloc(cs->row_no, ncap * sizeof *nn);
        nm = realloc(cs->raw_minutes, ncap * sizeof *nm);
        if (nn == NULL || nm == NULL) {
            if (nn)
                cs->row_no = nn;
            if (nm)
                cs->raw_minutes = nm;
            cs->failed = true;
            clear_fields(cs);
            return;
        }
        cs->row_no = nn;
        cs->raw_minutes = nm;
        cs->cap = ncap;
    }
    {
        struct iss_record *r = &cs->rows[cs->n_rows];
        const char *uid = cs->col[0] >= 0 && cs->col[0] < cs->n_fields
                              ? cs->field[cs->col[0]]
                              : "";
        const char *outcome = cs->col[1] >= 0 && cs->col[1] < cs->n_fields
                                  ? cs->field[cs->col[1]]
                                  : "";
        const char *minutes = cs->col[2] >= 0 && cs->col[2] < cs->n_fields
                                  ? cs->field[cs->col[2]]
                                  : "";
        const char *note = cs->col[3] >= 0 && cs->col[3] < cs->n_fields
                               ? cs->field[cs->col[3]]
                               : "";
        const char *cause = cs->col[4] >= 0 && cs->col[4] < cs->n_fields
                                ? cs->field[cs->col[4]]
                                : "";
        const char *told = cs->col[5] >= 0 && cs->col[5] < cs->n_fields
                               ? cs->field[cs->col[5]]
                               : "";
        int row = cs->record;
        bool ok = true;

        memset(r, 0, sizeof *r);
        if (cs->too_many || (cs->n_fields != 0 && cs->header_done &&
                             cs->n_fields > MAX_FIELDS)) {
            row_problem(cs, row, "too many fields");
            ok = false;
        }
        if (cs->nul) {
            row_problem(cs, row, "a field holds a NUL byte (not text); "
                                 "nothing of the row would be stored whole");
            ok = false;
        }
        if (strlen(uid) == 0 || strlen(uid) >= sizeof r->uid) {
            row_problem(cs, row, "uid: \"%.64s\": a published session's UID "
                                 "is expected", uid);
            ok = false;
        }
        snprintf(r->uid, sizeof r->uid, "%s", uid);
        r->outcome = iss_outcome_parse(outcome);
        if (r->outcome == ISS_OUT_NONE) {
            row_problem(cs, row, "outcome: \"%.40s\": one of attended, "
                                 "partial, absent_acceptable, "
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
                row_problem(cs, row, "minutes_attended: \"%.20s\": a whole "
                                     "number of minutes (or empty)", minutes);
                ok = false;
            } else {
                r->minutes = (int)v;
            }
        }
        if (cause[0] != '\0') {
            r->cause = iss_cause_parse(cause);
            if (r->cause == ISS_CAUSE_NONE) {
                row_problem(cs, row, "cause: \"%.40s\": one of "
                                     "child_unacceptable, child_acceptable, "
                                     "service (or empty)", cause);
                ok = false;
            }
        } else if (cs->col[4] < 0 && r->outcome == ISS_OUT_PARTIAL) {
            /* A file from before the cause column: counted as the
             * child's, as it was, and never on the ladder. */
            r->cause = ISS_CAUSE_UNSTATED;
        }
        if (strcmp(told, "yes") == 0) {
            r->told = true;
        } else if (told[0] != '\0' && strcmp(told, "no") != 0) {
            row_problem(cs, row, "told_in_person: \"%.20s\": yes, no or "
                                 "empty", told);
            ok = false;
        }
        if (!iss_text_valid(note) || strlen(note) >= sizeof r->note) {
            row_problem(cs, row, "note: must be one line of UTF-8 text, at "
                                 "most %zu bytes", sizeof r->note - 1);
            ok = false;
        }
        snprintf(r->note, sizeof r->note, "%s", note);
        cs->row_no[cs->n_rows] = ok ? row : -row;
        cs->raw_minutes[cs->n_rows] = NULL;
        cs->n_rows++;
    }
    clear_fields(cs);
}

/* Release what parsing kept. */
static void csv_state_free(struct csv_state *cs)
{
    size_t i;

    clear_fields(cs);
    for (i = 0; i < cs->n_rows; i++)
        free(cs->raw_minutes[i]);
    free(cs->raw_minutes);
    free(cs->rows);
    free(cs->row_no);
}

/* Parse text (len bytes) and check every row against the store, storing
 * nothing: 0 with the rows in cs, ISS_EINPUT with every problem in probs,
 * ISS_EFAIL with err. The caller frees cs with csv_state_free. */
static int parse_and_check(struct iss_store *st, const char *text,
                           size_t len, const char *display,
                           struct csv_state *cs, struct iss_problems *probs,
                           struct iss_error *err)
{
    struct csv_parser p;
    size_t i, j;

    memset(cs, 0, sizeof *cs);
    cs->probs = probs;
    cs->display = display;
    if (len >= 3 && (unsigned char)text[0] == 0xef &&
        (unsigned char)text[1] == 0xbb && (unsigned char)text[2] == 0xbf) {
        iss_problem(probs, "%s: row 1: the file starts with a byte order "
                           "mark; save it as UTF-8 without BOM", display);
        return ISS_EINPUT;
    }
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    if (csv_parse(&p, text, len, on_field, on_row, cs) != len ||
        csv_fini(&p, on_field, on_row, cs) != 0) {
        iss_problem(probs, "%s: row %d: not valid CSV (RFC 4180): %s",
                    display, cs->record + 1, csv_strerror(csv_error(&p)));
        cs->problems++;
    }
    csv_free(&p);
    clear_fields(cs);
    if (cs->failed)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    if (!cs->header_done) {
        iss_problem(probs, "%s: row 1: the file is empty; the first row "
                           "names the columns uid,outcome,minutes_attended,"
                           "note", display);
        return ISS_EINPUT;
    }
    /* Against the store: duplicates, unknown and future sessions,
     * minutes. Every problem, then nothing is stored if there was one. */
    for (i = 0; i < cs->n_rows; i++) {
        char buf[300];
        const char *why;
        if (cs->row_no[i] < 0)
            continue;
        for (j = 0; j < i; j++)
            if (strcmp(cs->rows[i].uid, cs->rows[j].uid) == 0) {
                row_problem(cs, cs->row_no[i], "uid: \"%.64s\": also on row "
                                               "%d; one row per session",
                            cs->rows[i].uid,
                            cs->row_no[j] < 0 ? -cs->row_no[j]
                                              : cs->row_no[j]);
                break;
            }
        if (j < i)
            continue;
        why = iss_record_check(st, &cs->rows[i], buf, sizeof buf);
        if (why != NULL)
            row_problem(cs, cs->row_no[i], "%s", why);
    }
    return cs->problems > 0 ? ISS_EINPUT : 0;
}

int iss_attendance_check_text(struct iss_store *st, const char *text,
                              size_t len, const char *display,
                              struct iss_problems *probs,
                              struct iss_error *err)
{
    struct csv_state cs;
    int rc = parse_and_check(st, text, len, display, &cs, probs, err);

    csv_state_free(&cs);
    return rc;
}

int iss_attendance_import(struct iss_store *st, const char *path,
                          const char *display, const char *command,
                          int *added, int *same, struct iss_problems *probs,
                          struct iss_error *err)
{
    struct csv_state cs;
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
    rc = parse_and_check(st, text, len, display, &cs, probs, err);
    free(text);
    if (rc != 0) {
        iss_store_rollback(st);
        goto out;
    }
    for (i = 0; i < cs.n_rows; i++) {
        bool changed;
        rc = store_record(st, &cs.rows[i], "import", &changed, err);
        if (rc != 0)
            break;
        if (changed)
            (*added)++;
        else
            (*same)++;
    }
    snprintf(detail, sizeof detail, "%d records, %d new", *added + *same,
             *added);
    if (rc == 0)
        rc = iss_store_log(st, command, "attendance imported", NULL, detail,
                           err);
    if (rc == 0)
        rc = iss_store_commit(st, err);
    if (rc != 0)
        iss_store_rollback(st);
out:
    csv_state_free(&cs);
    return rc;
}
