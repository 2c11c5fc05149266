/* iss - rota.csv: the dated shifts and days off a team keeps in a
 * spreadsheet (staff,date,time), read with libcsv and added to the staff's
 * dated rota entries (docs/files.md, "rota.csv").
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <ctype.h>
#include <stdarg.h>
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
#include "load.h"

#define ROTA_MAX_ROWS 100000

/* One good row. */
struct rota_row {
    int row;                  /* the file's row number (header = 1) */
    int staff;                /* index in the team */
    struct iss_rota_day day;
};

struct rota_csv {
    const struct iss_team *team;
    struct iss_arena *arena;
    const char *display;
    struct iss_problems *probs;
    bool failed;              /* out of memory */
    int problems;
    struct rota_row *rows;
    size_t n_rows, cap;
};

static const char *const columns[3] = {"staff", "date", "time"};

static void row_problem(struct rota_csv *r, int row, const char *fmt, ...)
    ISS_PRINTF(3, 4);

static void row_problem(struct rota_csv *r, int row, const char *fmt, ...)
{
    char msg[600];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    iss_problem(r->probs, "%s: row %d: %s", r->display, row, msg);
    r->problems++;
}

/* Strip spaces at both ends, in place (spreadsheets pad cells). */
static char *trim(char *s)
{
    size_t n;

    while (*s == ' ' || *s == '\t')
        s++;
    n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
                     s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* The time cell: "off", or periods "HH:MM-HH:MM" separated by spaces,
 * commas or semicolons. */
static bool read_time(struct rota_csv *r, int row, const char *cell,
                      struct iss_rota_day *day)
{
    struct iss_span tmp[24];
    char buf[400];
    size_t n = 0, k;
    char *tok, *save = NULL;

    if (strlen(cell) >= sizeof buf) {
        row_problem(r, row, "time: \"%.40s...\": too long; \"off\" or up to "
                            "24 periods \"HH:MM-HH:MM\"", cell);
        return false;
    }
    snprintf(buf, sizeof buf, "%s", cell);
    for (k = 0; buf[k]; k++)
        buf[k] = (char)tolower((unsigned char)buf[k]);
    if (strcmp(buf, "off") == 0) {
        day->off = true;
        return true;
    }
    snprintf(buf, sizeof buf, "%s", cell);
    for (tok = strtok_r(buf, " \t,;", &save); tok != NULL;
         tok = strtok_r(NULL, " \t,;", &save)) {
        struct iss_clock_period per;
        const char *why = NULL;
        if (iss_clock_period_parse(tok, &per, &why) != 0) {
            row_problem(r, row, "time: \"%.60s\": %s%s\"off\" or one or more "
                                "periods \"HH:MM-HH:MM\" on the 24-hour "
                                "clock (e.g. \"10:00-18:00\"; several "
                                "separated by spaces)",
                        cell, why ? why : "", why ? "; " : "");
            return false;
        }
        if (n == 24) {
            row_problem(r, row, "time: \"%.60s\": more than 24 periods",
                        cell);
            return false;
        }
        tmp[n++] = (struct iss_span){
            per.start,
            iss_clock_period_overnight(&per) ? per.end + 1440 : per.end};
    }
    if (n == 0) {
        row_problem(r, row, "time: empty: \"off\" or one or more periods "
                            "\"HH:MM-HH:MM\"");
        return false;
    }
    /* Sort and merge (the same as team.json's). */
    for (k = 1; k < n; k++) {
        struct iss_span v = tmp[k];
        size_t j = k;
        while (j > 0 && tmp[j - 1].start > v.start) {
            tmp[j] = tmp[j - 1];
            j--;
        }
        tmp[j] = v;
    }
    {
        size_t i, m = 0;
        for (i = 1; i < n; i++) {
            if (tmp[i].start <= tmp[m].end) {
                if (tmp[i].end > tmp[m].end)
                    tmp[m].end = tmp[i].end;
            } else {
                tmp[++m] = tmp[i];
            }
        }
        n = m + 1;
    }
    day->spans = iss_arena_calloc(r->arena, n + 1, sizeof *day->spans);
    if (day->spans == NULL) {
        r->failed = true;
        return false;
    }
    memcpy(day->spans, tmp, n * sizeof tmp[0]);
    day->n_spans = n;
    return true;
}

/* One data row of the table: a dated entry, or its problems. */
static void add_row(struct rota_csv *r, const struct iss_csv_row *cr)
{
    struct rota_row row;
    const char *cell[3];
    char src[64];
    bool ok = true;
    int j;

    memset(&row, 0, sizeof row);
    row.row = cr->row;
    for (j = 0; j < 3; j++)
        cell[j] = trim(cr->cell[j]);
    row.staff = iss_team_staff_index(r->team, cell[0]);
    if (row.staff < 0) {
        row_problem(r, row.row, "staff: \"%.40s\": %s", cell[0],
                    cell[0][0] ? "no staff member in team.json has this id"
                               : "empty; a staff id from team.json");
        ok = false;
    }
    if (iss_date_parse(cell[1], &row.day.date) != 0) {
        row_problem(r, row.row, "date: \"%.40s\": a real date \"YYYY-MM-DD\" "
                                "is expected", cell[1]);
        ok = false;
    }
    if (!read_time(r, row.row, cell[2], &row.day))
        ok = false;
    if (!ok)
        return;
    if (r->n_rows >= ROTA_MAX_ROWS) {
        row_problem(r, row.row, "more than %d rows", ROTA_MAX_ROWS);
        return;
    }
    if (r->n_rows == r->cap) {
        size_t ncap = r->cap ? r->cap * 2 : 64;
        struct rota_row *nr = realloc(r->rows, ncap * sizeof *nr);
        if (nr == NULL) {
            r->failed = true;
            return;
        }
        r->rows = nr;
        r->cap = ncap;
    }
    snprintf(src, sizeof src, "%s row %d", r->display, row.row);
    row.day.source = iss_arena_strdup(r->arena, src);
    r->rows[r->n_rows++] = row;
}

static int rota_day_cmp(const void *a, const void *b)
{
    const struct iss_rota_day *x = a, *y = b;

    return (x->date > y->date) - (x->date < y->date);
}

/* By person, then day, then row: a second row for a person and day
 * follows its first. */
static int row_cmp(const void *a, const void *b)
{
    const struct rota_row *x = a, *y = b;

    if (x->staff != y->staff)
        return (x->staff > y->staff) - (x->staff < y->staff);
    if (x->day.date != y->day.date)
        return (x->day.date > y->day.date) - (x->day.date < y->day.date);
    return (x->row > y->row) - (x->row < y->row);
}

/* The good rows into the staff's dated entries: a second row for the same
 * person and day, or one for a day team.json already has, is a problem. */
static void merge_rows(struct rota_csv *r, struct iss_team *team)
{
    size_t i, s, first = 0;
    char d[ISS_DATE_BUFSZ];

    if (r->n_rows > 1) /* qsort may not be given NULL */
        qsort(r->rows, r->n_rows, sizeof *r->rows, row_cmp);
    for (i = 0; i < r->n_rows; i++) {
        const struct rota_row *a = &r->rows[i];
        const struct iss_rota_day *t;
        if (i > 0 && r->rows[i - 1].staff == a->staff &&
            r->rows[i - 1].day.date == a->day.date) {
            row_problem(r, a->row, "%s %s: also on row %d; one row per "
                                   "person and day (remove one)",
                        team->staff[a->staff].id,
                        iss_date_format(a->day.date, d),
                        r->rows[first].row);
            continue;
        }
        first = i;
        t = iss_staff_dated(&team->staff[a->staff], a->day.date);
        if (t != NULL)
            row_problem(r, a->row, "%s %s: %s is for the same person and "
                                   "day; keep one (in team.json or in "
                                   "%s)",
                        team->staff[a->staff].id,
                        iss_date_format(a->day.date, d), t->source,
                        r->display);
    }
    if (r->problems > 0)
        return;
    for (s = 0; s < team->n_staff; s++) {
        struct iss_staff *st = &team->staff[s];
        struct iss_rota_day *nd;
        size_t n = 0;
        for (i = 0; i < r->n_rows; i++)
            if (r->rows[i].staff == (int)s)
                n++;
        if (n == 0)
            continue;
        nd = iss_arena_calloc(r->arena, st->n_dated + n + 1, sizeof *nd);
        if (nd == NULL) {
            r->failed = true;
            return;
        }
        if (st->n_dated > 0)
            memcpy(nd, st->dated, st->n_dated * sizeof *nd);
        for (i = 0; i < r->n_rows; i++)
            if (r->rows[i].staff == (int)s)
                nd[st->n_dated++] = r->rows[i].day;
        qsort(nd, st->n_dated, sizeof *nd, rota_day_cmp);
        st->dated = nd;
    }
}

int iss_rota_csv_apply(struct iss_team *team, struct iss_arena *arena,
                       const char *text, size_t len, const char *display,
                       size_t *n_rows, struct iss_problems *probs,
                       struct iss_error *err)
{
    const struct iss_csv_spec spec = {display, columns, 3, 3, true, true};
    struct iss_csv_table t;
    struct rota_csv r;
    size_t i;
    int rc;

    memset(&r, 0, sizeof r);
    r.team = team;
    r.arena = arena;
    r.display = display;
    r.probs = probs;
    if (n_rows != NULL)
        *n_rows = 0;
    rc = iss_csv_read(&spec, text, len, &t, probs, err);
    if (rc != 0)
        return rc;
    /* A header without its columns is reported; its rows are not read. */
    if (t.col[0] >= 0 && t.col[1] >= 0 && t.col[2] >= 0)
        for (i = 0; i < t.n_rows && !r.failed; i++)
            if (!t.rows[i].bad)
                add_row(&r, &t.rows[i]);
    if (!r.failed)
        merge_rows(&r, team);
    r.problems += t.problems;
    iss_csv_free(&t);
    free(r.rows);
    if (r.failed)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    if (n_rows != NULL)
        *n_rows = r.n_rows;
    return r.problems > 0 ? ISS_EINPUT : 0;
}
