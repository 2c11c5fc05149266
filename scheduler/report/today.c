/* iss - the sessions of a day, for iss today and the staff area.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iss/band.h"
#include "iss/base.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/team.h"
#include "iss/sessionref.h"
#include "iss/today.h"

static bool has_staff(const struct iss_stored_session *s, const char *id)
{
    int k;

    for (k = 0; k < s->n_staff; k++)
        if (!s->staff[k].cancelled && strcmp(s->staff[k].staff, id) == 0)
            return true;
    return false;
}

bool iss_day_row_has_staff(const struct iss_day_row *r, const char *id)
{
    int k;

    for (k = 0; k < r->n_staff_ids; k++)
        if (strcmp(r->staff_ids[k], id) == 0)
            return true;
    return false;
}

int iss_day_list(const struct iss_workspace *ws, struct iss_store *st,
                 iss_date day, const char *staff, const char *kase,
                 struct iss_day_row **out, size_t *n_out, int *n_cancelled,
                 struct iss_error *err)
{
    struct iss_stored_session *v = NULL;
    struct iss_uid_index ix = {NULL, 0};
    struct iss_day_row *rows = NULL;
    size_t n = 0, n_rows = 0, i;
    int rc;

    *out = NULL;
    *n_out = 0;
    *n_cancelled = 0;
    if ((rc = iss_store_week(st, iss_week_monday(day), &v, &n, err)) != 0 ||
        (rc = iss_uid_index_load(st, &ix, err)) != 0)
        goto out;
    rows = calloc(n + 1, sizeof *rows);
    if (rows == NULL) {
        rc = iss_fail(err, ISS_EFAIL, "out of memory");
        goto out;
    }
    for (i = 0; i < n; i++) {
        const struct iss_stored_session *s = &v[i];
        struct iss_day_row *r = &rows[n_rows];
        struct iss_record rec;
        int ci = iss_workspace_case_index(ws, s->kase);
        int ti = iss_team_type_index(&ws->team, s->type);
        int pi = s->place[0] ? iss_team_place_index(&ws->team, s->place)
                             : -1;
        int k, named = 0;
        char a[6], b[6];
        size_t at = 0;
        if (s->date != day || (kase != NULL && strcmp(s->kase, kase) != 0) ||
            (staff != NULL && !has_staff(s, staff)))
            continue;
        if (s->cancelled) {
            (*n_cancelled)++;
            continue;
        }
        snprintf(r->uid, sizeof r->uid, "%s", s->uid);
        snprintf(r->case_id, sizeof r->case_id, "%s", s->kase);
        r->date = s->date;
        r->start = s->start;
        r->end = s->end;
        r->start_utc = s->start_utc;
        iss_session_ref(&ix, s->uid, r->ref);
        snprintf(r->time, sizeof r->time, "%s-%s",
                 iss_clock_format(s->start, a), iss_clock_format(s->end, b));
        if (ci >= 0 && ws->cases[ci].feed_name[0])
            snprintf(r->child, sizeof r->child, "%s (%s)",
                     ws->cases[ci].feed_name, s->kase);
        else
            snprintf(r->child, sizeof r->child, "%s", s->kase);
        snprintf(r->what, sizeof r->what, "%s",
                 ti >= 0 ? ws->team.types[ti].name : s->type);
        snprintf(r->place, sizeof r->place, "%s",
                 pi >= 0 ? ws->team.places[pi].name
                         : s->place[0] ? s->place : "-");
        for (k = 0; k < s->n_staff; k++) {
            int si;
            if (s->staff[k].cancelled)
                continue;
            if (r->n_staff_ids < 8)
                snprintf(r->staff_ids[r->n_staff_ids++], ISS_ID_MAX, "%s",
                         s->staff[k].staff);
            if (at >= sizeof r->staff)
                continue;
            si = iss_team_staff_index(&ws->team, s->staff[k].staff);
            at += (size_t)snprintf(r->staff + at, sizeof r->staff - at,
                                   "%s%s (%s)", named++ ? ", " : "",
                                   si >= 0 ? ws->team.staff[si].first_name
                                           : s->staff[k].staff,
                                   s->staff[k].staff);
        }
        if ((rc = iss_attendance_get(st, s->uid, &rec, err)) != 0)
            goto out;
        r->outcome = rec.outcome;
        r->minutes = rec.minutes;
        r->cause = rec.cause;
        snprintf(r->note, sizeof r->note, "%s", rec.note);
        if (rec.outcome == ISS_OUT_PARTIAL)
            snprintf(r->outcome_text, sizeof r->outcome_text,
                     "partial (%d min)", rec.minutes);
        else
            snprintf(r->outcome_text, sizeof r->outcome_text, "%s",
                     rec.outcome == ISS_OUT_NONE
                         ? "-" : iss_outcome_name(rec.outcome));
        n_rows++;
    }
    *out = rows;
    *n_out = n_rows;
    rows = NULL;
out:
    free(rows);
    free(v);
    iss_uid_index_free(&ix);
    return rc;
}
