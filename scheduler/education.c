/* iss - education attendance: days of school or work not attended.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <sqlite3.h>

#include "internal.h"
#include "iss/attendance.h"

static const char *const edu_names[] = {"attended", "absent_acceptable",
                                        "absent_unacceptable"};

const char *iss_edu_status_name(enum iss_edu_status s)
{
    return (unsigned)s < 3 ? edu_names[s] : "attended";
}

int iss_edu_status_parse(const char *s)
{
    int i;

    for (i = 0; i < 3; i++)
        if (strcmp(s, edu_names[i]) == 0)
            return i;
    return -1;
}

const char *iss_education_check(const struct iss_workspace *ws, int ci,
                                const struct iss_edu_record *r, char *buf,
                                size_t size)
{
    const struct iss_case *c = &ws->cases[ci];
    char d[ISS_DATE_BUFSZ], t[ISS_DATE_BUFSZ];

    if (!iss_case_active_on(c, r->date)) {
        snprintf(buf, size, "date: %s: %s's order is not in force that day",
                 iss_date_format(r->date, d), c->id);
        return buf;
    }
    if (iss_case_education_minutes(c, r->date) <= 0) {
        snprintf(buf, size, "date: %s: %s has no school or work that day "
                            "(cases/%s.json education)",
                 iss_date_format(r->date, d), c->id, c->id);
        return buf;
    }
    if (r->date > iss_today()) {
        snprintf(buf, size, "date: %s: the day has not come yet (today is "
                            "%s); record it on the day or after",
                 iss_date_format(r->date, d), iss_date_format(iss_today(), t));
        return buf;
    }
    return NULL;
}

/* Insert unless equal to the day's latest record. */
static int store_day(struct iss_store *st, const char *case_id,
                     const struct iss_edu_record *r, const char *source,
                     bool *changed, struct iss_error *err)
{
    sqlite3 *db = iss_store_db(st);
    sqlite3_stmt *q;
    char d[ISS_DATE_BUFSZ];
    int rc;

    *changed = false;
    iss_date_format(r->date, d);
    if (sqlite3_prepare_v2(db,
                           "SELECT status, note FROM education WHERE "
                           "case_id = ? AND date = ? ORDER BY id DESC "
                           "LIMIT 1",
                           -1, &q, NULL) != SQLITE_OK)
        return iss_fail(err, ISS_EFAIL, "reading education: %s",
                        sqlite3_errmsg(db));
    sqlite3_bind_text(q, 1, case_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, d, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW &&
        strcmp((const char *)sqlite3_column_text(q, 0),
               iss_edu_status_name(r->status)) == 0 &&
        strcmp((const char *)sqlite3_column_text(q, 1), r->note) == 0) {
        sqlite3_finalize(q);
        return 0;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW && r->status == ISS_EDU_ATTENDED)
        return 0; /* attended is what a day with no record means */
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO education (case_id, date, status, "
                           "note, recorded_at, source) VALUES (?, ?, ?, ?, "
                           "?, ?)",
                           -1, &q, NULL) != SQLITE_OK)
        return iss_fail(err, ISS_EFAIL, "recording education: %s",
                        sqlite3_errmsg(db));
    sqlite3_bind_text(q, 1, case_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, d, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, iss_edu_status_name(r->status), -1,
                      SQLITE_STATIC);
    sqlite3_bind_text(q, 4, r->note, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 5, iss_now());
    sqlite3_bind_text(q, 6, source, -1, SQLITE_STATIC);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return iss_fail(err, ISS_EFAIL, "recording education: %s",
                        sqlite3_errmsg(db));
    iss_crashpoint("recording education");
    *changed = true;
    return 0;
}

int iss_education_record(const struct iss_workspace *ws, struct iss_store *st,
                         int ci, const struct iss_edu_record *r,
                         const char *command, bool *changed,
                         struct iss_error *err)
{
    char buf[300], detail[160], d[ISS_DATE_BUFSZ];
    const char *why;
    int rc;

    why = iss_education_check(ws, ci, r, buf, sizeof buf);
    if (why != NULL)
        return iss_fail(err, ISS_EINPUT, "%s", why);
    if ((rc = iss_store_begin(st, err)) != 0)
        return rc;
    rc = store_day(st, ws->cases[ci].id, r, "record", changed, err);
    snprintf(detail, sizeof detail, "%s %s education %s", ws->cases[ci].id,
             iss_date_format(r->date, d), iss_edu_status_name(r->status));
    if (rc == 0 && *changed)
        rc = iss_store_log(st, command, "education recorded", NULL, detail,
                           err);
    if (rc == 0)
        rc = iss_store_commit(st, err);
    if (rc != 0)
        iss_store_rollback(st);
    return rc;
}

int iss_education_days(struct iss_store *st, const char *case_id,
                       struct iss_edu_record **out, size_t *n,
                       struct iss_error *err)
{
    sqlite3 *db = iss_store_db(st);
    sqlite3_stmt *q;
    size_t cap = 0;
    int rc;

    *out = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(db,
                           "SELECT e.date, e.status, e.note FROM education e "
                           "WHERE e.case_id = ?1 AND e.id = (SELECT MAX(id) "
                           "FROM education WHERE case_id = ?1 AND date = "
                           "e.date) ORDER BY e.date",
                           -1, &q, NULL) != SQLITE_OK)
        return iss_fail(err, ISS_EFAIL, "reading education: %s",
                        sqlite3_errmsg(db));
    sqlite3_bind_text(q, 1, case_id, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        struct iss_edu_record *r;
        int stt;
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            struct iss_edu_record *nr = realloc(*out, ncap * sizeof *nr);
            if (nr == NULL) {
                sqlite3_finalize(q);
                free(*out);
                *out = NULL;
                *n = 0;
                return iss_fail(err, ISS_EFAIL, "out of memory");
            }
            *out = nr;
            cap = ncap;
        }
        r = &(*out)[*n];
        memset(r, 0, sizeof *r);
        r->date = ISS_DATE_NONE;
        iss_date_parse((const char *)sqlite3_column_text(q, 0), &r->date);
        stt = iss_edu_status_parse((const char *)sqlite3_column_text(q, 1));
        r->status = stt < 0 ? ISS_EDU_ATTENDED : (enum iss_edu_status)stt;
        snprintf(r->note, sizeof r->note, "%s", sqlite3_column_text(q, 2));
        (*n)++;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return iss_fail(err, ISS_EFAIL, "reading education: %s",
                        sqlite3_errmsg(db));
    }
    return 0;
}

/* ---- CSV: case,date,status,note ---- */

#define EDU_COLUMNS 4
static const char *const edu_columns[EDU_COLUMNS] = {"case", "date", "status",
                                                     "note"};

struct edu_row {
    int ci;
    int row;
    struct iss_edu_record r;
};

struct edu_csv {
    const struct iss_workspace *ws;
    char *field[16];
    int n_fields;
    bool too_many;
    int record;
    int col[EDU_COLUMNS];
    bool header_done;
    bool failed;
    struct edu_row *rows;
    size_t n_rows, cap;
    struct iss_problems *probs;
    const char *display;
    int problems;
};

static void edu_problem(struct edu_csv *cs, int row, const char *fmt, ...)
    ISS_PRINTF(3, 4);

static void edu_problem(struct edu_csv *cs, int row, const char *fmt, ...)
{
    char msg[600];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    iss_problem(cs->probs, "%s: row %d: %s", cs->display, row, msg);
    cs->problems++;
}

static void edu_field(void *s, size_t len, void *data)
{
    struct edu_csv *cs = data;
    char *f;

    if (cs->n_fields >= 16) {
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
    if (strlen(f) != len) /* a NUL inside a field */
        cs->too_many = true;
    cs->field[cs->n_fields++] = f;
}

static void edu_clear(struct edu_csv *cs)
{
    int i;

    for (i = 0; i < cs->n_fields; i++)
        free(cs->field[i]);
    cs->n_fields = 0;
    cs->too_many = false;
}

static const char *col(struct edu_csv *cs, int j)
{
    return cs->col[j] >= 0 && cs->col[j] < cs->n_fields
               ? cs->field[cs->col[j]]
               : "";
}

static void edu_row_cb(int c, void *data)
{
    struct edu_csv *cs = data;
    struct edu_row *er;
    char buf[300];
    const char *why;
    int i, j, row, st;
    bool ok = true;

    (void)c;
    row = ++cs->record;
    if (!cs->header_done) {
        cs->header_done = true;
        for (j = 0; j < EDU_COLUMNS; j++)
            cs->col[j] = -1;
        for (i = 0; i < cs->n_fields; i++) {
            for (j = 0; j < EDU_COLUMNS; j++)
                if (strcmp(cs->field[i], edu_columns[j]) == 0)
                    break;
            if (j == EDU_COLUMNS)
                edu_problem(cs, 1, "column \"%.40s\": unknown; the columns "
                                   "are case, date, status, note",
                            cs->field[i]);
            else if (cs->col[j] >= 0)
                edu_problem(cs, 1, "column \"%s\" appears twice",
                            edu_columns[j]);
            else
                cs->col[j] = i;
        }
        for (j = 0; j < 3; j++)
            if (cs->col[j] < 0)
                edu_problem(cs, 1, "the header has no \"%s\" column (the "
                                   "first row names the columns: case,date,"
                                   "status,note)", edu_columns[j]);
        edu_clear(cs);
        return;
    }
    if (cs->n_fields == 1 && cs->field[0][0] == '\0') {
        edu_clear(cs);
        return;
    }
    if (cs->n_rows == cs->cap) {
        size_t ncap = cs->cap ? cs->cap * 2 : 64;
        struct edu_row *nr = realloc(cs->rows, ncap * sizeof *nr);
        if (nr == NULL) {
            cs->failed = true;
            edu_clear(cs);
            return;
        }
        cs->rows = nr;
        cs->cap = ncap;
    }
    er = &cs->rows[cs->n_rows];
    memset(er, 0, sizeof *er);
    er->row = row;
    if (cs->too_many) {
        edu_problem(cs, row, "too many fields, or a NUL byte in a field");
        ok = false;
    }
    er->ci = iss_workspace_case_index(cs->ws, col(cs, 0));
    if (er->ci < 0) {
        edu_problem(cs, row, "case: \"%.40s\": no such case in cases/",
                    col(cs, 0));
        ok = false;
    }
    if (iss_date_parse(col(cs, 1), &er->r.date) != 0) {
        edu_problem(cs, row, "date: \"%.20s\": a date YYYY-MM-DD",
                    col(cs, 1));
        ok = false;
    }
    st = iss_edu_status_parse(col(cs, 2));
    if (st < 0) {
        edu_problem(cs, row, "status: \"%.40s\": one of attended, "
                             "absent_acceptable, absent_unacceptable",
                    col(cs, 2));
        ok = false;
    } else {
        er->r.status = (enum iss_edu_status)st;
    }
    if (!iss_text_valid(col(cs, 3)) || strlen(col(cs, 3)) >= sizeof er->r.note) {
        edu_problem(cs, row, "note: must be one line of UTF-8 text, at most "
                             "%zu bytes", sizeof er->r.note - 1);
        ok = false;
    } else {
        snprintf(er->r.note, sizeof er->r.note, "%s", col(cs, 3));
    }
    if (ok) {
        why = iss_education_check(cs->ws, er->ci, &er->r, buf, sizeof buf);
        if (why != NULL) {
            edu_problem(cs, row, "%s", why);
            ok = false;
        }
    }
    if (ok) {
        size_t k;
        for (k = 0; k < cs->n_rows; k++)
            if (cs->rows[k].ci == er->ci && cs->rows[k].r.date == er->r.date) {
                edu_problem(cs, row, "%s %s: also on row %d; one row per "
                                     "child and day",
                            col(cs, 0), col(cs, 1), cs->rows[k].row);
                ok = false;
                break;
            }
    }
    if (ok)
        cs->n_rows++;
    edu_clear(cs);
}

int iss_education_import(const struct iss_workspace *ws, struct iss_store *st,
                         const char *path, const char *display,
                         const char *command, int *added, int *same,
                         struct iss_problems *probs, struct iss_error *err)
{
    struct edu_csv cs;
    struct csv_parser p;
    char *text = NULL, detail[128];
    size_t len, i;
    int rc;

    *added = *same = 0;
    memset(&cs, 0, sizeof cs);
    cs.ws = ws;
    cs.probs = probs;
    cs.display = display;
    rc = iss_read_file(path, 16u << 20, &text, &len, err);
    if (rc != 0)
        return rc;
    if (len >= 3 && (unsigned char)text[0] == 0xef &&
        (unsigned char)text[1] == 0xbb && (unsigned char)text[2] == 0xbf) {
        free(text);
        iss_problem(probs, "%s: row 1: the file starts with a byte order "
                           "mark; save it as UTF-8 without BOM", display);
        return ISS_EINPUT;
    }
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        free(text);
        return iss_fail(err, ISS_EFAIL, "out of memory");
    }
    if (csv_parse(&p, text, len, edu_field, edu_row_cb, &cs) != len ||
        csv_fini(&p, edu_field, edu_row_cb, &cs) != 0)
        edu_problem(&cs, cs.record + 1, "not valid CSV (RFC 4180): %s",
                    csv_strerror(csv_error(&p)));
    csv_free(&p);
    edu_clear(&cs);
    free(text);
    if (cs.failed) {
        rc = iss_fail(err, ISS_EFAIL, "out of memory");
        goto out;
    }
    if (!cs.header_done)
        edu_problem(&cs, 1, "the file is empty; the first row names the "
                            "columns case,date,status,note");
    if (cs.problems > 0) {
        rc = ISS_EINPUT;
        goto out;
    }
    if ((rc = iss_store_begin(st, err)) != 0)
        goto out;
    for (i = 0; i < cs.n_rows && rc == 0; i++) {
        bool changed;
        rc = store_day(st, ws->cases[cs.rows[i].ci].id, &cs.rows[i].r,
                       "import", &changed, err);
        if (changed)
            (*added)++;
        else
            (*same)++;
    }
    snprintf(detail, sizeof detail, "%d days, %d new", *added + *same,
             *added);
    if (rc == 0)
        rc = iss_store_log(st, command, "education imported", NULL, detail,
                           err);
    if (rc == 0)
        rc = iss_store_commit(st, err);
    if (rc != 0)
        iss_store_rollback(st);
out:
    free(cs.rows);
    return rc;
}
