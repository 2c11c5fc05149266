/* iss - what was published, as the planner takes it: the week's stored
 * sessions as fixed sessions (iss plan keeps or re-plans them).
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "iss/base.h"
#include "iss/attendance.h"
#include "iss/publish.h"
#include "iss/solve.h"
#include "iss/store.h"

int iss_published_week(const struct iss_workspace *ws, const char *dir,
                       iss_date monday, struct iss_fixed_session **out,
                       size_t *n, struct iss_error *err)
{
    char *db = iss_path_join(dir, "iss.db");
    struct iss_store *st = NULL;
    struct iss_stored_session *v = NULL;
    size_t nv = 0, i;
    int rc = 0;

    *out = NULL;
    *n = 0;
    if (db == NULL)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    if (access(db, F_OK) != 0) {
        free(db);
        return 0;
    }
    rc = iss_store_open_read(db, &st, err);
    if (rc == 0)
        rc = iss_store_week(st, monday, &v, &nv, err);
    free(db);
    if (rc != 0) {
        iss_store_close(st);
        return rc;
    }
    *out = calloc(nv + 1, sizeof **out);
    if (*out == NULL) {
        free(v);
        iss_store_close(st);
        return iss_fail(err, ISS_EFAIL, "out of memory");
    }
    for (i = 0; i < nv; i++) {
        const struct iss_stored_session *x = &v[i];
        struct iss_fixed_session *f = &(*out)[*n];
        int k;
        if (x->cancelled)
            continue;
        f->kase = iss_workspace_case_index(ws, x->kase);
        if (f->kase < 0)
            continue; /* a case no longer planned keeps its history */
        f->type = iss_team_type_index(&ws->team, x->type);
        if (f->type < 0) {
            rc = iss_fail(err, ISS_EINPUT,
                          "published session %s (%s) has session type "
                          "\"%s\", which team.json no longer has", x->uid,
                          x->kase, x->type);
            goto fail;
        }
        f->n_staff = 0;
        for (k = 0; k < x->n_staff; k++) {
            int st_idx;
            if (x->staff[k].cancelled)
                continue;
            st_idx = iss_team_staff_index(&ws->team, x->staff[k].staff);
            if (st_idx < 0) {
                rc = iss_fail(err, ISS_EINPUT,
                              "published session %s (%s) is with \"%s\", "
                              "who is no longer in team.json", x->uid,
                              x->kase, x->staff[k].staff);
                goto fail;
            }
            if (f->n_staff < 2)
                f->staff[f->n_staff++] = st_idx;
        }
        f->date = x->date;
        f->start = x->start;
        f->end = x->end;
        f->sequence = x->sequence;
        {
            enum iss_outcome o;
            int minutes;
            rc = iss_attendance_latest(st, x->uid, &o, &minutes, err);
            if (rc != 0)
                goto fail;
            f->rescheduled = o == ISS_OUT_RESCHEDULED;
        }
        f->place = x->place[0] ? iss_team_place_index(&ws->team, x->place)
                               : -1;
        snprintf(f->uid, sizeof f->uid, "%s", x->uid);
        (*n)++;
    }
    free(v);
    iss_store_close(st);
    return 0;
fail:
    free(v);
    iss_store_close(st);
    free(*out);
    *out = NULL;
    *n = 0;
    return rc;
}
