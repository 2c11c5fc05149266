/* iss - education attendance: days of school or work not attended.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
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
    struct iss_store_education e;
    bool found;
    int rc;

    *changed = false;
    rc = iss_store_education_latest(st, case_id, r->date, &e, &found, err);
    if (rc != 0)
        return rc;
    if (found && strcmp(e.status, iss_edu_status_name(r->status)) == 0 &&
        strcmp(e.note, r->note) == 0)
        return 0;
    if (!found && r->status == ISS_EDU_ATTENDED)
        return 0; /* attended is what a day with no record means */
    rc = iss_store_education_add(st, case_id, r->date,
                                 iss_edu_status_name(r->status), r->note,
                                 source, err);
    if (rc != 0)
        return rc;
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
    return iss_store_end(st, rc, *changed, command, "education recorded",
                         NULL, detail, err);
}

int iss_education_days(struct iss_store *st, const char *case_id,
                       struct iss_edu_record **out, size_t *n,
                       struct iss_error *err)
{
    struct iss_store_education *v = NULL;
    size_t nv = 0, i;
    int rc;

    *out = NULL;
    *n = 0;
    rc = iss_store_education_days(st, case_id, &v, &nv, err);
    if (rc != 0)
        return rc;
    *out = calloc(nv + 1, sizeof **out);
    if (*out == NULL) {
        free(v);
        return iss_fail(err, ISS_EFAIL, "out of memory");
    }
    for (i = 0; i < nv; i++) {
        struct iss_edu_record *r = &(*out)[i];
        int stt = iss_edu_status_parse(v[i].status);

        r->date = v[i].date;
        r->status = stt < 0 ? ISS_EDU_ATTENDED : (enum iss_edu_status)stt;
        snprintf(r->note, sizeof r->note, "%s", v[i].note);
    }
    *n = nv;
    free(v);
    return 0;
}

/* ---- CSV: case,date,status,note ---- */

static const char *const edu_columns[] = {"case", "date", "status", "note"};

struct edu_row {
    int ci;
    int row;
    struct iss_edu_record r;
};

int iss_education_import(const struct iss_workspace *ws, struct iss_store *st,
                         const char *path, const char *display,
                         const char *command, int *added, int *same,
                         struct iss_problems *probs, struct iss_error *err)
{
    const struct iss_csv_spec spec = {display, edu_columns, 4, 3, false,
                                      false};
    struct iss_csv_table t;
    struct edu_row *rows = NULL;
    char *text = NULL, detail[128], buf[300];
    size_t len, i, k, n = 0;
    int rc;

    *added = *same = 0;
    rc = iss_read_file(path, 16u << 20, &text, &len, err);
    if (rc != 0)
        return rc;
    rc = iss_csv_read(&spec, text, len, &t, probs, err);
    free(text);
    if (rc != 0)
        return rc;
    rows = calloc(t.n_rows + 1, sizeof *rows);
    if (rows == NULL) {
        iss_csv_free(&t);
        return iss_fail(err, ISS_EFAIL, "out of memory");
    }
    for (i = 0; i < t.n_rows; i++) {
        const struct iss_csv_row *cr = &t.rows[i];
        struct edu_row *er = &rows[n];
        const char *why;
        bool ok = !cr->bad;
        int stt;
        memset(er, 0, sizeof *er);
        er->row = cr->row;
        er->ci = iss_workspace_case_index(ws, cr->cell[0]);
        if (er->ci < 0) {
            iss_csv_problem(&spec, &t, probs, cr->row, "case: \"%.40s\": no "
                            "such case in cases/", cr->cell[0]);
            ok = false;
        }
        if (iss_date_parse(cr->cell[1], &er->r.date) != 0) {
            iss_csv_problem(&spec, &t, probs, cr->row, "date: \"%.20s\": a "
                            "date YYYY-MM-DD", cr->cell[1]);
            ok = false;
        }
        stt = iss_edu_status_parse(cr->cell[2]);
        if (stt < 0) {
            iss_csv_problem(&spec, &t, probs, cr->row, "status: \"%.40s\": "
                            "one of attended, absent_acceptable, "
                            "absent_unacceptable", cr->cell[2]);
            ok = false;
        } else {
            er->r.status = (enum iss_edu_status)stt;
        }
        if (!iss_text_valid(cr->cell[3]) ||
            strlen(cr->cell[3]) >= sizeof er->r.note) {
            iss_csv_problem(&spec, &t, probs, cr->row, "note: must be one "
                            "line of UTF-8 text, at most %zu bytes",
                            sizeof er->r.note - 1);
            ok = false;
        } else {
            snprintf(er->r.note, sizeof er->r.note, "%s", cr->cell[3]);
        }
        if (ok) {
            why = iss_education_check(ws, er->ci, &er->r, buf, sizeof buf);
            if (why != NULL) {
                iss_csv_problem(&spec, &t, probs, cr->row, "%s", why);
                ok = false;
            }
        }
        for (k = 0; ok && k < n; k++)
            if (rows[k].ci == er->ci && rows[k].r.date == er->r.date) {
                iss_csv_problem(&spec, &t, probs, cr->row, "%s %s: also on "
                                "row %d; one row per child and day",
                                cr->cell[0], cr->cell[1], rows[k].row);
                ok = false;
            }
        if (ok)
            n++;
    }
    if (t.problems > 0) {
        rc = ISS_EINPUT;
        goto out;
    }
    if ((rc = iss_store_begin(st, err)) != 0)
        goto out;
    for (i = 0; i < n && rc == 0; i++) {
        bool changed;
        rc = store_day(st, ws->cases[rows[i].ci].id, &rows[i].r, "import",
                       &changed, err);
        if (changed)
            (*added)++;
        else
            (*same)++;
    }
    snprintf(detail, sizeof detail, "%d days, %d new", *added + *same,
             *added);
    rc = iss_store_end(st, rc, true, command, "education imported", NULL,
                       detail, err);
out:
    free(rows);
    iss_csv_free(&t);
    return rc;
}
