/* iss - the report: figures per child and week, and the actions due.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
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

const char *iss_short_cause_name(enum iss_short_cause c)
{
    static const char *const names[ISS_SHORT_CAUSES] = {
        "child_unacceptable", "child_acceptable", "service_cancelled",
        "service_ended_early", "not_planned", "not_recorded"};

    return (unsigned)c < ISS_SHORT_CAUSES ? names[c] : "";
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

#define DAY_MAX 64

/* One day's sessions as the report judges its contacts. */
struct day_sessions {
    int n;
    int start[DAY_MAX], end[DAY_MAX];      /* planned (still on) */
    int nd;
    int dstart[DAY_MAX], dend[DAY_MAX];    /* as delivered */
    int nsvc;                              /* ... plus the service's losses */
    int sstart[DAY_MAX], send[DAY_MAX];
    int nacc;                              /* ... plus acceptable ones */
    int astart[DAY_MAX], aend[DAY_MAX];
    bool unrecorded, dropped, ended_early;
};

static void push(int *st, int *en, int *n, int a, int b)
{
    if (*n < DAY_MAX) {
        st[*n] = a;
        en[*n] = b;
        (*n)++;
    }
}

/* Why a short day was short: the first cause that, made good, would have
 * met the day (the service's losses before the child's; docs/report.md). */
static enum iss_short_cause day_cause(const struct day_sessions *x,
                                      int need, int gap)
{
    if (x->unrecorded)
        return ISS_SHORT_NOT_RECORDED;
    if (iss_count_contacts(x->start, x->end, (size_t)x->n, gap) < need)
        return x->dropped ? ISS_SHORT_SERVICE_CANCELLED
                          : ISS_SHORT_NOT_PLANNED;
    if (iss_count_contacts(x->sstart, x->send, (size_t)x->nsvc, gap) >= need)
        return x->ended_early ? ISS_SHORT_SERVICE_ENDED_EARLY
                              : ISS_SHORT_SERVICE_CANCELLED;
    if (iss_count_contacts(x->astart, x->aend, (size_t)x->nacc, gap) >= need)
        return ISS_SHORT_CHILD_ACCEPTABLE;
    return ISS_SHORT_CHILD_UNACCEPTABLE;
}

/* One child's week from its published sessions (sorted by start) and its
 * education records. */
static int build_week(const struct iss_workspace *ws, struct iss_store *st,
                      const struct iss_case *c,
                      const struct iss_stored_session *s, size_t n,
                      const struct iss_edu_record *edu, size_t n_edu,
                      iss_date monday, iss_date today,
                      struct iss_report_week *w, struct iss_error *err)
{
    const struct iss_band *b = ws->bands[c->band];
    const struct iss_policy *pol = &ws->team.policy;
    int64_t now = iss_now();
    int raw_a = 0, raw_u = 0, raw_s = 0, raw_se = 0, raw_n = 0, raw_f = 0;
    int dropped = 0, attended = 0, left, d, rc, edu_all = 0;
    int edu_a = 0, edu_u = 0;
    struct day_sessions *days = calloc(7, sizeof *days);
    size_t i, k;

    if (days == NULL)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    memset(w, 0, sizeof *w);
    w->week = monday;
    w->required = iss_band_week_minutes(b, c->order_start, c->order_end,
                                        monday);
    /* Education: what was attended counts first, up to the case's cap;
     * days to come are planned, never delivered; days recorded as missed
     * are the child's shortfall where the cap is not reached otherwise. */
    {
        int cap = c->rules.education_counts_max_minutes == ISS_EDUCATION_ALL
                      ? 7 * 1440
                      : c->rules.education_counts_max_minutes;
        int att = 0, fut = 0, raw_ea = 0, raw_eu = 0;
        for (d = 0; d < 7; d++) {
            iss_date day = monday + d;
            int m = iss_case_education_minutes(c, day);
            enum iss_edu_status es = ISS_EDU_ATTENDED;
            if (m <= 0)
                continue;
            for (k = 0; k < n_edu; k++)
                if (edu[k].date == day)
                    es = edu[k].status;
            if (day >= today)
                fut += m;
            else if (es == ISS_EDU_ABSENT_ACCEPTABLE)
                raw_ea += m;
            else if (es == ISS_EDU_ABSENT_UNACCEPTABLE)
                raw_eu += m;
            else
                att += m;
        }
        w->education = take(&cap, att);
        w->education_planned = take(&cap, fut);
        edu_u = take(&cap, raw_eu);
        edu_a = take(&cap, raw_ea);
        edu_all = w->education + w->education_planned + edu_u + edu_a;
    }
    w->education_missed = edu_a + edu_u;
    for (i = 0; i < n; i++) {
        const struct iss_stored_session *x = &s[i];
        int len = (int)((x->end_utc - x->start_utc) / 60), dd;
        struct iss_record r;
        struct day_sessions *ds;
        if (x->date < monday || x->date > monday + 6)
            continue;
        dd = (int)(x->date - monday);
        ds = &days[dd];
        if (x->cancelled) {
            dropped += len;
            ds->dropped = true;
            continue;
        }
        if (st != NULL) {
            rc = iss_attendance_get(st, x->uid, &r, err);
            if (rc != 0) {
                free(days);
                return rc;
            }
        } else {
            memset(&r, 0, sizeof r);
        }
        if (r.outcome == ISS_OUT_RESCHEDULED)
            continue; /* to be moved: never an absence */
        w->planned += len;
        push(ds->start, ds->end, &ds->n, x->start, x->end);
        switch (r.outcome) {
        case ISS_OUT_ATTENDED:
        case ISS_OUT_PARTIAL:
            attended += r.minutes;
            if (r.outcome == ISS_OUT_PARTIAL) {
                if (r.cause == ISS_CAUSE_SERVICE) {
                    raw_se += len - r.minutes;
                    ds->ended_early = true;
                } else if (r.cause == ISS_CAUSE_CHILD_ACCEPTABLE) {
                    raw_a += len - r.minutes;
                } else {
                    raw_u += len - r.minutes; /* left early: the child's */
                }
            }
            push(ds->dstart, ds->dend, &ds->nd, x->start,
                 x->start + r.minutes);
            push(ds->sstart, ds->send, &ds->nsvc, x->start,
                 r.outcome == ISS_OUT_PARTIAL && r.cause == ISS_CAUSE_SERVICE
                     ? x->end
                     : x->start + r.minutes);
            push(ds->astart, ds->aend, &ds->nacc, x->start,
                 r.outcome == ISS_OUT_PARTIAL &&
                         (r.cause == ISS_CAUSE_SERVICE ||
                          r.cause == ISS_CAUSE_CHILD_ACCEPTABLE)
                     ? x->end
                     : x->start + r.minutes);
            break;
        case ISS_OUT_ABSENT_ACCEPTABLE:
            raw_a += len;
            push(ds->astart, ds->aend, &ds->nacc, x->start, x->end);
            break;
        case ISS_OUT_ABSENT_UNACCEPTABLE:
            raw_u += len;
            break;
        case ISS_OUT_CANCELLED_BY_SERVICE:
            raw_s += len;
            ds->dropped = true;
            push(ds->sstart, ds->send, &ds->nsvc, x->start, x->end);
            push(ds->astart, ds->aend, &ds->nacc, x->start, x->end);
            break;
        default:
            if (x->end_utc <= now)
                raw_n += len;
            else
                raw_f += len;
            ds->unrecorded = true;
        }
    }
    w->delivered_total = w->education + attended;
    w->delivered = w->delivered_total < w->required ? w->delivered_total
                                                    : w->required;
    /* The shortfall, cause by cause: first what was never planned (or was
     * planned and then dropped by the service), then the service's
     * cancellations and sessions it ended early, the child's absences,
     * what is not yet recorded, and what is still to come. */
    left = w->required - w->delivered;
    {
        int unplanned = w->required - (edu_all + w->planned);
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
    w->service_ended_early = take(&left, raw_se);
    w->absent_unacceptable = take(&left, raw_u + edu_u);
    w->absent_acceptable = take(&left, raw_a + edu_a);
    w->not_recorded = take(&left, raw_n);
    w->to_come = take(&left, raw_f + w->education_planned);
    /* Whatever is left cannot be: the identity holds by construction. */
    w->not_planned += left;
    for (d = 0; d < 7; d++) {
        struct iss_day_requirement req;
        iss_date day = monday + d;
        struct iss_report_day *rd = &w->days[d];
        struct day_sessions *ds = &days[d];
        int curfew;
        iss_band_day(b, &c->rules, c->order_start, c->order_end, day,
                     ws->holidays, &req);
        rd->in_order = req.in_order;
        rd->required = req.contacts;
        rd->curfew_contact = c->rules.curfew_counts_as_contact &&
                             iss_case_em_curfew_on(c, day);
        curfew = rd->curfew_contact ? 1 : 0;
        rd->planned = iss_count_contacts(ds->start, ds->end, (size_t)ds->n,
                                         pol->contact_gap_minutes);
        rd->delivered = iss_count_contacts(ds->dstart, ds->dend,
                                           (size_t)ds->nd,
                                           pol->contact_gap_minutes);
        rd->past = day < today;
        if (!rd->in_order || !rd->past ||
            rd->delivered + curfew >= rd->required)
            continue;
        {
            enum iss_short_cause why =
                day_cause(ds, rd->required - curfew,
                          pol->contact_gap_minutes);
            w->days_short[why]++;
            /* A day is judged once all its sessions are recorded. */
            if (why != ISS_SHORT_NOT_RECORDED)
                w->days_contacts_short++;
        }
    }
    free(days);
    return 0;
}

static int action_cmp(const void *a, const void *b)
{
    const struct iss_report_action *x = a, *y = b;
    bool ox = x->a.state == ISS_ACTION_DUE, oy = y->a.state == ISS_ACTION_DUE;

    if (ox != oy)
        return ox ? -1 : 1;
    if (!ox && x->a.closed_on != y->a.closed_on)
        return x->a.closed_on < y->a.closed_on ? -1 : 1;
    if (x->overdue != y->overdue)
        return x->overdue ? -1 : 1;
    if (x->a.due != y->a.due)
        return x->a.due < y->a.due ? -1 : 1;
    if (x->kase != y->kase)
        return x->kase - y->kase;
    return (int)x->a.kind - (int)y->a.kind;
}

/* The case's actions that belong in the report: every one still open that
 * was raised by the end of the period, and those closed in the period. */
static int add_actions(const struct iss_workspace *ws, struct iss_store *st,
                       int ci, struct iss_report *r, size_t *cap,
                       struct iss_error *err)
{
    struct iss_action *acts = NULL;
    size_t na = 0, i;
    iss_date until = r->to > r->today ? r->to : r->today;
    int rc = iss_case_actions(ws, st, ci, until, &acts, &na, err);

    if (rc != 0)
        return rc;
    for (i = 0; i < na; i++) {
        const struct iss_action *a = &acts[i];
        struct iss_report_action *ra;
        bool in = a->state == ISS_ACTION_DUE
                      ? a->trigger <= r->to
                      : a->closed_on >= r->from && a->closed_on <= r->to;
        if (!in)
            continue;
        if (r->n_actions == *cap) {
            size_t ncap = *cap ? *cap * 2 : 32;
            struct iss_report_action *nr =
                realloc(r->actions, ncap * sizeof *nr);
            if (nr == NULL) {
                free(acts);
                return iss_fail(err, ISS_EFAIL, "out of memory");
            }
            r->actions = nr;
            *cap = ncap;
        }
        ra = &r->actions[r->n_actions++];
        ra->kase = ci;
        ra->a = *a;
        ra->overdue = a->state == ISS_ACTION_DUE && a->due < r->today;
        ra->days_overdue = ra->overdue ? (int)(r->today - a->due) : 0;
    }
    free(acts);
    return 0;
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
        struct iss_edu_record *edu = NULL;
        size_t n = 0, n_edu = 0, k;
        bool want = n_cases == 0;
        for (k = 0; k < n_cases; k++)
            if (cases[k] == (int)ci)
                want = true;
        /* A case whose order has ended still shows its open actions. */
        if (!want || c->order_start > m1 + 6)
            continue;
        if (st != NULL) {
            rc = iss_store_owner(st, 'c', c->id, c->order_start, &s, &n,
                                 err);
            if (rc == 0)
                rc = iss_education_days(st, c->id, &edu, &n_edu, err);
            if (rc != 0) {
                free(s);
                goto fail;
            }
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
                    free(edu);
                    rc = iss_fail(err, ISS_EFAIL, "out of memory");
                    goto fail;
                }
                r->weeks = nw;
                cap_w = ncap;
            }
            w = &r->weeks[r->n_weeks++];
            rc = build_week(ws, st, c, s, n, edu, n_edu, mon, today, w,
                            err);
            w->kase = (int)ci;
            if (rc != 0) {
                free(s);
                free(edu);
                goto fail;
            }
        }
        if (st != NULL) {
            rc = add_actions(ws, st, (int)ci, r, &cap_a, err);
            if (rc != 0) {
                free(s);
                free(edu);
                goto fail;
            }
        }
        free(edu);
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
