/* iss - CSV tables written by people (scheduler/base/csvread.c).
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#ifndef ISS_CSV_H
#define ISS_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "iss/error.h"

/* ---- CSV tables written by people ---- */

#define ISS_CSV_MAX_COLUMNS 8

/* What a file's header may name. */
struct iss_csv_spec {
    const char *display;          /* "attendance.csv", for messages */
    const char *const *columns;   /* the known columns */
    int n_columns;
    int n_required;               /* the first n_required must be there */
    bool trim;                    /* strip spaces around header names */
    bool allow_notes;             /* also "note" and "x-..." (ignored) */
};

struct iss_csv_row {
    int row;                      /* record number; the header is row 1 */
    char **cell;                  /* per known column; "" when absent */
    bool bad;                     /* too many fields, or a NUL byte:
                                     already reported */
};

struct iss_csv_table {
    int col[ISS_CSV_MAX_COLUMNS]; /* header index per column, -1 absent */
    struct iss_csv_row *rows;     /* data rows, blank lines left out */
    size_t n_rows;
    int problems;                 /* problems reported so far */
};

/* Read a CSV held in memory (len bytes, need not end in a NUL): a byte
 * order mark, broken quoting, an empty file, unknown, repeated or missing
 * columns, too many fields and NUL bytes are reported to probs as
 * "DISPLAY: row N: what" (t->problems counts them). Returns 0, or
 * ISS_EFAIL with err (out of memory). Free t with iss_csv_free. */
int iss_csv_read(const struct iss_csv_spec *spec, const char *text,
                 size_t len, struct iss_csv_table *t,
                 struct iss_problems *probs, struct iss_error *err);
void iss_csv_free(struct iss_csv_table *t);
void iss_csv_problem(const struct iss_csv_spec *spec, struct iss_csv_table *t,
                     struct iss_problems *probs, int row, const char *fmt,
                     ...) ISS_PRINTF(5, 6);


#endif
