/* iss - CSV tables written by people (RFC 4180, with libcsv): the one
 * reader behind attendance, education and rota files.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "iss/base.h"
#include "iss/csv.h"
#include "iss/error.h"

#define CSV_MAX_FIELDS 32

struct reader {
    const struct iss_csv_spec *spec;
    struct iss_csv_table *t;
    struct iss_problems *probs;
    char *field[CSV_MAX_FIELDS];
    int n_fields;
    bool too_many, nul, header_done, failed;
    int record;
    size_t cap;
};

void iss_csv_problem(const struct iss_csv_spec *spec, struct iss_csv_table *t,
                     struct iss_problems *probs, int row, const char *fmt,
                     ...)
{
    char msg[700];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    iss_problem(probs, "%s: row %d: %s", spec->display, row, msg);
    t->problems++;
}

/* The columns joined by sep ("uid, outcome" or "uid,outcome"). */
static void joined(const struct iss_csv_spec *spec, const char *sep,
                   char *buf, size_t size)
{
    size_t at = 0;
    int i;

    buf[0] = '\0';
    for (i = 0; i < spec->n_columns && at < size; i++) {
        snprintf(buf + at, size - at, "%s%s", i ? sep : "",
                 spec->columns[i]);
        at += strlen(buf + at);
    }
}

static void on_field(void *s, size_t len, void *data)
{
    struct reader *r = data;
    char *f;

    if (r->n_fields >= CSV_MAX_FIELDS) {
        r->too_many = true;
        return;
    }
    f = malloc(len + 1);
    if (f == NULL) {
        r->failed = true;
        return;
    }
    if (len > 0)
        memcpy(f, s, len);
    f[len] = '\0';
    if (strlen(f) != len)
        r->nul = true;
    r->field[r->n_fields++] = f;
}

static void clear_fields(struct reader *r)
{
    int i;

    for (i = 0; i < r->n_fields; i++)
        free(r->field[i]);
    r->n_fields = 0;
    r->too_many = false;
    r->nul = false;
}

/* Spaces around a header name (spreadsheets pad cells). */
static const char *trimmed(char *s)
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

static void read_header(struct reader *r)
{
    const struct iss_csv_spec *spec = r->spec;
    struct iss_csv_table *t = r->t;
    char all[300];
    int i, j;

    r->header_done = true;
    for (j = 0; j < spec->n_columns; j++)
        t->col[j] = -1;
    joined(spec, ", ", all, sizeof all);
    for (i = 0; i < r->n_fields; i++) {
        const char *name = spec->trim ? trimmed(r->field[i]) : r->field[i];
        for (j = 0; j < spec->n_columns; j++)
            if (strcmp(name, spec->columns[j]) == 0)
                break;
        if (j == spec->n_columns) {
            if (!spec->allow_notes ||
                (strcmp(name, "note") != 0 && strncmp(name, "x-", 2) != 0))
                iss_csv_problem(spec, t, r->probs, 1,
                                "column \"%.40s\": unknown; the columns are "
                                "%s%s",
                                name, all,
                                spec->allow_notes
                                    ? " (and note, or x-... for notes)"
                                    : "");
        } else if (t->col[j] >= 0) {
            iss_csv_problem(spec, t, r->probs, 1,
                            "column \"%s\" appears twice", spec->columns[j]);
        } else {
            t->col[j] = i;
        }
    }
    joined(spec, ",", all, sizeof all);
    for (j = 0; j < spec->n_required; j++)
        if (t->col[j] < 0)
            iss_csv_problem(spec, t, r->probs, 1,
                            "the header has no \"%s\" column (the first row "
                            "names the columns: %s)",
                            spec->columns[j], all);
}

static void on_row(int c, void *data)
{
    struct reader *r = data;
    struct iss_csv_table *t = r->t;
    const struct iss_csv_spec *spec = r->spec;
    struct iss_csv_row *row;
    int j;

    (void)c;
    r->record++;
    if (!r->header_done) {
        read_header(r);
        clear_fields(r);
        return;
    }
    if (r->n_fields == 1 && !r->nul &&
        (spec->trim ? trimmed(r->field[0]) : r->field[0])[0] == '\0') {
        clear_fields(r); /* a blank line */
        return;
    }
    if (t->n_rows == r->cap) {
        size_t ncap = r->cap ? r->cap * 2 : 256;
        struct iss_csv_row *nr = realloc(t->rows, ncap * sizeof *nr);
        if (nr == NULL) {
            r->failed = true;
            clear_fields(r);
            return;
        }
        t->rows = nr;
        r->cap = ncap;
    }
    row = &t->rows[t->n_rows];
    memset(row, 0, sizeof *row);
    row->row = r->record;
    row->cell = calloc((size_t)spec->n_columns + 1, sizeof *row->cell);
    if (row->cell == NULL) {
        r->failed = true;
        clear_fields(r);
        return;
    }
    t->n_rows++;
    for (j = 0; j < spec->n_columns; j++) {
        int k = t->col[j];
        const char *v = k >= 0 && k < r->n_fields ? r->field[k] : "";
        row->cell[j] = strdup(v);
        if (row->cell[j] == NULL) {
            r->failed = true;
            break;
        }
    }
    if (r->too_many) {
        iss_csv_problem(spec, t, r->probs, row->row, "too many fields");
        row->bad = true;
    }
    if (r->nul) {
        iss_csv_problem(spec, t, r->probs, row->row,
                        "a field holds a NUL byte (not text); nothing of "
                        "the row would be stored whole");
        row->bad = true;
    }
    clear_fields(r);
}

int iss_csv_read(const struct iss_csv_spec *spec, const char *text,
                 size_t len, struct iss_csv_table *t,
                 struct iss_problems *probs, struct iss_error *err)
{
    struct reader r;
    struct csv_parser p;
    char all[300];

    memset(t, 0, sizeof *t);
    memset(&r, 0, sizeof r);
    r.spec = spec;
    r.t = t;
    r.probs = probs;
    if (spec->n_columns > ISS_CSV_MAX_COLUMNS)
        return iss_fail(err, ISS_EFAIL, "too many CSV columns");
    if (len >= 3 && (unsigned char)text[0] == 0xef &&
        (unsigned char)text[1] == 0xbb && (unsigned char)text[2] == 0xbf) {
        iss_csv_problem(spec, t, probs, 1, "the file starts with a byte "
                                           "order mark; save it as UTF-8 "
                                           "without BOM");
        return 0;
    }
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    if (csv_parse(&p, text, len, on_field, on_row, &r) != len ||
        csv_fini(&p, on_field, on_row, &r) != 0)
        iss_csv_problem(spec, t, probs, r.record + 1,
                        "not valid CSV (RFC 4180): %s",
                        csv_strerror(csv_error(&p)));
    csv_free(&p);
    clear_fields(&r);
    if (r.failed) {
        iss_csv_free(t);
        return iss_fail(err, ISS_EFAIL, "out of memory");
    }
    if (!r.header_done) {
        joined(spec, ",", all, sizeof all);
        iss_csv_problem(spec, t, probs, 1, "the file is empty; the first "
                                           "row names the columns %s",
                        all);
    }
    return 0;
}

void iss_csv_free(struct iss_csv_table *t)
{
    size_t i;
    int j;

    for (i = 0; i < t->n_rows; i++) {
        for (j = 0; t->rows[i].cell != NULL && j < ISS_CSV_MAX_COLUMNS &&
                    t->rows[i].cell[j] != NULL;
             j++)
            free(t->rows[i].cell[j]);
        free(t->rows[i].cell);
    }
    free(t->rows);
    t->rows = NULL;
    t->n_rows = 0;
}
