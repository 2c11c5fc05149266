/* iss - the sessions of a day as a tracking officer sees them: what
 * `iss today` prints and the staff area of `iss serve` shows.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#ifndef ISS_TODAY_H
#define ISS_TODAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iss/attendance.h"
#include "iss/error.h"
#include "iss/store.h"
#include "iss/workspace.h"

struct iss_day_row {
    char uid[64];             /* the session (the child feed's UID) */
    char ref[64];             /* shortest unique prefix, >= ISS_REF_MIN */
    char case_id[ISS_ID_MAX];
    iss_date date;
    int start, end;           /* local clock minutes */
    int64_t start_utc;
    char time[16];            /* "16:00-17:00" */
    char child[80];           /* "Jordan (C01)" */
    char what[110];           /* the type's name */
    char place[110];          /* the place's name, or "-" */
    char staff[110];          /* "Amira (S1), Ben (S2)" */
    char staff_ids[8][ISS_ID_MAX]; /* its current staff */
    int n_staff_ids;
    enum iss_outcome outcome; /* the latest record, ISS_OUT_NONE if none */
    int minutes;
    enum iss_cause cause;
    char note[512];
    char outcome_text[40];    /* "attended", "partial (30 min)", "-" */
};

/* The confirmed sessions of day (in time order), of staff member staff
 * and case kase when not NULL, with their outcomes; *n_cancelled counts
 * the cancelled ones left out. *out is malloc'd (free it). */
int iss_day_list(const struct iss_workspace *ws, struct iss_store *st,
                 iss_date day, const char *staff, const char *kase,
                 struct iss_day_row **out, size_t *n, int *n_cancelled,
                 struct iss_error *err);

/* Is staff member id one of the row's current staff? */
bool iss_day_row_has_staff(const struct iss_day_row *r, const char *id);

#endif
