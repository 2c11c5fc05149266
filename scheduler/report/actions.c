/* iss - compliance actions from the store.
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
#include "iss/actions.h"
#include "iss/attendance.h"
#include "iss/store.h"

/* The latest closing of each action of a case. */
static int closures(struct iss_store *st, const char *case_id,
                    struct iss_closure **out, size_t *n,
                    struct iss_error *err)
{
    struct iss_store_action *rows = NULL;
    size_t nrows = 0, r, i;
    int rc;

    *out = NULL;
    *n = 0;
    rc = iss_store_action_rows(st, case_id, &rows, &nrows, err);
    if (rc != 0)
        return rc;
    *out = calloc(nrows + 1, sizeof **out);
    if (*out == NULL) {
        free(rows);
        return iss_fail(err, ISS_EFAIL, "out of memory");
    }
    for (r = 0; r < nrows; r++) {
        struct iss_closure c;
        int kind = iss_action_parse(rows[r].kind);
        if (kind < 0)
            continue;
        memset(&c, 0, sizeof c);
        c.kind = (enum iss_action_kind)kind;
        snprintf(c.key, sizeof c.key, "%s", rows[r].key);
        c.state = strcmp(rows[r].state, "withdrawn") == 0
                      ? ISS_ACTION_WITHDRAWN
                      : ISS_ACTION_DONE;
        c.on = rows[r].on;
        snprintf(c.by, sizeof c.by, "%s", rows[r].by);
        snprintf(c.note, sizeof c.note, "%s", rows[r].note);
        for (i = 0; i < *n; i++)
            if ((*out)[i].kind == c.kind && strcmp((*out)[i].key, c.key) == 0)
                break;
        if (i == *n)
            (*n)++;
        (*out)[i] = c;
    }
    free(rows);
    return 0;
}

int iss_case_actions(const struct iss_workspace *ws, struct iss_store *st,
                     int ci, iss_date until, struct iss_action **out,
                     size_t *n, struct iss_error *err)
{
    const struct iss_case *c = &ws->cases[ci];
    struct iss_stored_session *s = NULL;
    struct iss_miss *misses = NULL;
    struct iss_closure *cl = NULL;
    struct iss_ladder_input in;
    size_t ns = 0, nm = 0, ncl = 0, i, k;
    iss_date began;
    int rc;

    *out = NULL;
    *n = 0;
    memset(&in, 0, sizeof in);
    in.first_contact = ISS_DATE_NONE;
    rc = iss_store_owner(st, 'c', c->id, c->order_start, &s, &ns, err);
    if (rc != 0)
        return rc;
    misses = calloc(ns + 1, sizeof *misses);
    if (misses == NULL) {
        free(s);
        return iss_fail(err, ISS_EFAIL, "out of memory");
    }
    for (i = 0; i < ns; i++) {
        struct iss_record r;
        struct iss_miss *m = &misses[nm];
        bool child_miss;
        if (s[i].cancelled || s[i].date > until)
            continue;
        rc = iss_attendance_get(st, s[i].uid, &r, err);
        if (rc != 0)
            goto out;
        if ((r.outcome == ISS_OUT_ATTENDED || r.outcome == ISS_OUT_PARTIAL) &&
            (in.first_contact == ISS_DATE_NONE ||
             s[i].date < in.first_contact))
            in.first_contact = s[i].date;
        child_miss = r.outcome == ISS_OUT_ABSENT_ACCEPTABLE ||
                     r.outcome == ISS_OUT_ABSENT_UNACCEPTABLE ||
                     (r.outcome == ISS_OUT_PARTIAL &&
                      r.cause != ISS_CAUSE_SERVICE);
        if (!child_miss)
            continue;
        memset(m, 0, sizeof *m);
        m->date = s[i].date;
        m->partial = r.outcome == ISS_OUT_PARTIAL;
        m->acceptable = r.outcome == ISS_OUT_ABSENT_ACCEPTABLE ||
                        (m->partial && r.cause == ISS_CAUSE_CHILD_ACCEPTABLE);
        /* Recorded, but never a failure: a partial whose cause was not
         * given, and an appointment given at short notice that nobody
         * told the child about in person. */
        if (m->partial && r.cause == ISS_CAUSE_UNSTATED) {
            m->not_counted = true;
            snprintf(m->why_not, sizeof m->why_not, "partial, no cause "
                                                    "recorded");
        } else if (!m->acceptable && !r.told &&
                   iss_short_notice(&ws->team.policy, s[i].start_utc,
                                    s[i].notice_at)) {
            m->not_counted = true;
            snprintf(m->why_not, sizeof m->why_not, "short notice, not "
                                                    "told in person");
        }
        m->start_utc = s[i].start_utc;
        snprintf(m->uid, sizeof m->uid, "%s", s[i].uid);
        nm++;
    }
    rc = closures(st, c->id, &cl, &ncl, err);
    if (rc != 0)
        goto out;
    began = iss_store_records_began(st);
    in.policy = &ws->team.policy;
    in.holidays = ws->holidays;
    in.misses = misses;
    in.n_misses = nm;
    in.closures = cl;
    in.n_closures = ncl;
    in.milestones = began == ISS_DATE_NONE || c->order_start >= began;
    in.order_start = c->order_start;
    in.order_end = c->order_end;
    in.until = until;
    rc = iss_ladder(&in, NULL, 0, &k, err);
    if (rc != 0)
        goto out;
    *out = calloc(k + 1, sizeof **out);
    if (*out == NULL) {
        rc = iss_fail(err, ISS_EFAIL, "out of memory");
        goto out;
    }
    rc = iss_ladder(&in, *out, k, n, err);
    if (rc != 0) {
        free(*out);
        *out = NULL;
        goto out;
    }
    if (*n > k)
        *n = k;
out:
    free(s);
    free(misses);
    free(cl);
    return rc;
}

int iss_action_close(const struct iss_workspace *ws, struct iss_store *st,
                     int ci, enum iss_action_kind kind,
                     enum iss_action_state state, iss_date on,
                     const char *by, const char *note, const char *command,
                     struct iss_action *closed, struct iss_error *err)
{
    const struct iss_case *c = &ws->cases[ci];
    struct iss_action *acts = NULL, *a = NULL;
    size_t n = 0, i;
    char d[ISS_DATE_BUFSZ], detail[200];
    iss_date today = iss_today();
    int rc;

    if ((rc = iss_store_begin(st, err)) != 0)
        return rc;
    rc = iss_case_actions(ws, st, ci, today, &acts, &n, err);
    if (rc != 0)
        goto fail;
    for (i = 0; i < n; i++)
        if (acts[i].kind == kind && acts[i].state == ISS_ACTION_DUE &&
            (a == NULL || acts[i].due < a->due ||
             (acts[i].due == a->due && acts[i].trigger < a->trigger)))
            a = &acts[i];
    if (a == NULL) {
        rc = iss_fail(err, ISS_EINPUT, "%s has no open %s action", c->id,
                      iss_action_name(kind));
        goto fail;
    }
    if (on < a->trigger || on > today) {
        char t[ISS_DATE_BUFSZ], y[ISS_DATE_BUFSZ];
        rc = iss_fail(err, ISS_EINPUT,
                      "--date: %s: the %s of %s was raised on %s; the date "
                      "must be from then to today (%s)",
                      iss_date_format(on, d), iss_action_name(kind), c->id,
                      iss_date_format(a->trigger, t),
                      iss_date_format(today, y));
        goto fail;
    }
    rc = iss_store_action_add(st, c->id, iss_action_name(kind), a->key,
                              a->number, iss_action_state_name(state), on,
                              by ? by : "", note ? note : "", err);
    if (rc != 0)
        goto fail;
    snprintf(detail, sizeof detail, "%s %s %s %s on %s%s%s", c->id,
             iss_action_name(kind), a->key, iss_action_state_name(state),
             iss_date_format(on, d), by && by[0] ? " by " : "",
             by ? by : "");
    rc = iss_store_log(st, command, "action closed",
                       a->uid[0] ? a->uid : NULL, detail, err);
    if (rc == 0)
        rc = iss_store_commit(st, err);
    if (rc != 0)
        goto fail;
    *closed = *a;
    closed->state = state;
    closed->closed_on = on;
    snprintf(closed->by, sizeof closed->by, "%s", by ? by : "");
    snprintf(closed->note, sizeof closed->note, "%s", note ? note : "");
    free(acts);
    return 0;
fail:
    iss_store_rollback(st);
    free(acts);
    return rc;
}
