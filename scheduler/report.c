/* iss - the report: figures per child and week, and the actions due.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "iss/attendance.h"
#include "iss/plan.h"
#include "iss/report.h"

void iss_report_free(struct iss_report *r)
{
    if (r == NULL)
        return;
    free(r->weeks);
    free(r->actions);
    free(r);
}

static int education_counted(const struct iss_case *c, iss_date monday)
{
    int edu = 0, d;

    for (d = 0; d < 7; d++)
        edu += iss_case_education_minutes(c, monday + d);
    if (c->rules.education_counts_max_minutes != ISS_EDUCATION_ALL &&
        edu > c->rules.education_counts_max_minutes)
        edu = c->rules.education_counts_max_minutes;
    return edu;
}

/* Take up to *raw of what is left of the shortfall for one cause. */
static int take(int *left, int raw)
{
    int t = raw < *left ? raw : *left;

    if (t < 0)
        t = 0;
    *left -= t;
    return t;
}

/* One child's week from its published sessions (sorted by start). */
static int build_week(const struct iss_workspace *ws, struct iss_store *st,
                      const struct iss_case *c,
                      const struct iss_stored_session *s, size_t n,
                      iss_date monday, iss_date today,
                      struct iss_report_week *w, struct iss_error *err)
{
    const struct iss_band *b = ws->bands[c->band];
    int64_t now = iss_now();
    int raw_a = 0, raw_u = 0, raw_s = 0, raw_n = 0, raw_f = 0, dropped = 0;
    int attended = 0, rescheduled = 0, left, d, rc;
    int st_min[7][64], en_min[7][64], nd[7] = {0};
    int st_p[7][64], en_p[7][64], np[7] = {0};
    bool unrecorded[7] = {false};
    size_t i;

    memset(w, 0, sizeof *w);
    w->week = monday;
    w->required = iss_band_week_minutes(b, c->order_start, c->order_end,
                                        monday);
    w->education = education_counted(c, monday);
    for (i = 0; i < n; i++) {
        const struct iss_stored_session *x = &s[i];
        int len = (int)((x->end_utc - x->start_utc) / 60), minutes, dd;
        enum iss_outcome o;
        if (x->date < monday || x->date > monday + 6)
            continue;
        dd = (int)(x->date - monday);
        if (x->cancelled) {
            dropped += len;
            continue;
        }
        if (st != NULL) {
            rc = iss_attendance_latest(st, x->uid, &o, &minutes, err);
            if (rc != 0)
                return rc;
        } else {
            o = ISS_OUT_NONE;
            minutes = 0;
        }
        if (o == ISS_OUT_RESCHEDULED) {
            rescheduled += len;
            continue;
        }
        w->planned += len;
        if (np[dd] < 64) {
            st_p[dd][np[dd]] = x->start;
            en_p[dd][np[dd]++] = x->end;
        }
        switch (o) {
        case ISS_OUT_ATTENDED:
        case ISS_OUT_PARTIAL:
            attended += minutes;
            raw_u += len - minutes; /* left early: the child's */
            if (nd[dd] < 64) {
                st_min[dd][nd[dd]] = x->start;
                en_min[dd][nd[dd]++] = x->start + minutes;
            }
            break;
        case ISS_OUT_ABSENT_ACCEPTABLE:
            raw_a += len;
            break;
        case ISS_OUT_ABSENT_UNACCEPTABLE:
            raw_u += len;
            break;
        case ISS_OUT_CANCELLED_BY_SERVICE:
            raw_s += len;
            break;
        default:
            if (x->end_utc <= now)
                raw_n += len;
            else
                raw_f += len;
            unrecorded[dd] = true;
        }
    }
    (void)rescheduled;
    w->delivered_total = w->education + attended;
    w->delivered = w->delivered_total < w->required ? w->delivered_total
                                                    : w->required;
    /* The shortfall, cause by cause: first what was never planned (or was
     * planned and then dropped by the service), then the service's
     * cancellations, the child's absences, what is not yet recorded, and
     * what is still to come. */
    left = w->required - w->delivered;
    {
        int unplanned = w->required - (w->education + w->planned);
        int svc_dropped;
        if (unplanned < 0)
            unplanned = 0;
        if (unplanned > left)
            unplanned = left;
        svc_dropped = dropped < unplanned ? dropped : unplanned;
        w->service_cancelled = svc_dropped;
        w->not_planned = unplanned - svc_dropped;
        left -= unplanned;
    }
    w->service_cancelled += take(&left, raw_s);
    w->absent_unacceptable = take(&left, raw_u);
    w->absent_acceptable = take(&left, raw_a);
    w->not_recorded = take(&left, raw_n);
    w->to_come = take(&left, raw_f);
    /* Whatever is left cannot be: the identity holds by construction. */
    w->not_planned += left;
    for (d = 0; d < 7; d++) {
        struct iss_day_requirement req;
        iss_date day = monday + d;
        struct iss_report_day *rd = &w->days[d];
        iss_band_day(b, &c->rules, c->order_start, c->order_end, day,
                     ws->holidays, &req);
        rd->in_order = req.in_order;
        rd->required = req.contacts;
        rd->curfew_contact = c->rules.curfew_counts_as_contact &&
                             iss_case_em_curfew_on(c, day);
        rd->planned = iss_count_contacts(st_p[d], en_p[d], (size_t)np[d],
                                         ws->team.policy.contact_gap_minutes);
        rd->delivered = iss_count_contacts(
            st_min[d], en_min[d], (size_t)nd[d],
            ws->team.policy.contact_gap_minutes);
        rd->past = day < today;
        /* A day is judged once all its sessions are recorded. */
        if (rd->in_order && rd->past && !unrecorded[d] &&
            rd->delivered + (rd->curfew_contact ? 1 : 0) < rd->required)
            w->days_contacts_short++;
    }
    return 0;
}

static int action_cmp(const void *a, const void *b)
{
    const struct iss_report_action *x = a, *y = b;

    if (x->overdue != y->overdue)
        return x->overdue ? -1 : 1;
    if (x->a.due != y->a.due)
        return x->a.due < y->a.due ? -1 : 1;
    if (x->kase != y->kase)
        return x->kase - y->kase;
    return (int)x->a.kind - (int)y->a.kind;
}

int iss_report_build(const struct iss_workspace *ws, struct iss_store *st,
                     iss_date from, iss_date to, const int *cases,
                     size_t n_cases, iss_date today,
                     struct iss_report **out, struct iss_error *err)
{
    struct iss_report *r = calloc(1, sizeof *r);
    iss_date m0 = iss_week_monday(from), m1 = iss_week_monday(to), mon;
    size_t ci, cap_w = 0, cap_a = 0;
    int rc = 0;

    *out = NULL;
    if (r == NULL)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    r->from = m0;
    r->to = m1 + 6;
    r->today = today;
    for (ci = 0; ci < ws->n_cases; ci++) {
        const struct iss_case *c = &ws->cases[ci];
        struct iss_stored_session *s = NULL;
        size_t n = 0, k;
        bool want = n_cases == 0;
        for (k = 0; k < n_cases; k++)
            if (cases[k] == (int)ci)
                want = true;
        if (!want || c->order_end < m0 || c->order_start > m1 + 6)
            continue;
        if (st != NULL) {
            rc = iss_store_owner(st, 'c', c->id, c->order_start, &s, &n,
                                 err);
            if (rc != 0)
                goto fail;
        }
        for (mon = m0; mon <= m1; mon += 7) {
            struct iss_report_week *w;
            if (c->order_end < mon || c->order_start > mon + 6)
                continue;
            if (r->n_weeks == cap_w) {
                size_t ncap = cap_w ? cap_w * 2 : 64;
                struct iss_report_week *nw =
                    realloc(r->weeks, ncap * sizeof *nw);
                if (nw == NULL) {
                    free(s);
                    rc = iss_fail(err, ISS_EFAIL, "out of memory");
                    goto fail;
                }
                r->weeks = nw;
                cap_w = ncap;
            }
            w = &r->weeks[r->n_weeks++];
            rc = build_week(ws, st, c, s, n, mon, today, w, err);
            w->kase = (int)ci;
            if (rc != 0) {
                free(s);
                goto fail;
            }
        }
        /* The ladder over every miss so far; the actions that fall in or
         * are due in the period. */
        if (st != NULL && n > 0) {
            struct iss_miss *misses = calloc(n + 1, sizeof *misses);
            struct iss_action *acts = NULL;
            size_t nm = 0, na, i;
            if (misses == NULL) {
                free(s);
                rc = iss_fail(err, ISS_EFAIL, "out of memory");
                goto fail;
            }
            for (i = 0; i < n; i++) {
                enum iss_outcome o;
                int minutes;
                if (s[i].cancelled || s[i].date > m1 + 6)
                    continue;
                rc = iss_attendance_latest(st, s[i].uid, &o, &minutes, err);
                if (rc != 0) {
                    free(misses);
                    free(s);
                    goto fail;
                }
                if (o != ISS_OUT_ABSENT_ACCEPTABLE &&
                    o != ISS_OUT_ABSENT_UNACCEPTABLE)
                    continue;
                misses[nm].date = s[i].date;
                misses[nm].acceptable = o == ISS_OUT_ABSENT_ACCEPTABLE;
                snprintf(misses[nm].uid, sizeof misses[nm].uid, "%s",
                         s[i].uid);
                nm++;
            }
            acts = calloc(4 * nm + 1, sizeof *acts);
            if (acts == NULL) {
                free(misses);
                free(s);
                rc = iss_fail(err, ISS_EFAIL, "out of memory");
                goto fail;
            }
            na = iss_ladder(&ws->team.policy, ws->holidays, misses, nm, acts,
                            4 * nm);
            if (na > 4 * nm)
                na = 4 * nm;
            for (i = 0; i < na; i++) {
                const struct iss_action *a = &acts[i];
                bool in = (a->trigger >= m0 && a->trigger <= m1 + 6) ||
                          (a->trigger < m0 && a->due >= m0);
                if (!in)
                    continue;
                if (r->n_actions == cap_a) {
                    size_t ncap = cap_a ? cap_a * 2 : 32;
                    struct iss_report_action *nr =
                        realloc(r->actions, ncap * sizeof *nr);
                    if (nr == NULL) {
                        free(acts);
                        free(misses);
                        free(s);
                        rc = iss_fail(err, ISS_EFAIL, "out of memory");
                        goto fail;
                    }
                    r->actions = nr;
                    cap_a = ncap;
                }
                r->actions[r->n_actions].kase = (int)ci;
                r->actions[r->n_actions].a = *a;
                r->actions[r->n_actions].overdue = a->due < today;
                r->n_actions++;
            }
            free(acts);
            free(misses);
        }
        free(s);
    }
    if (r->n_actions > 1)
        qsort(r->actions, r->n_actions, sizeof *r->actions, action_cmp);
    *out = r;
    return 0;
fail:
    iss_report_free(r);
    return rc;
}
