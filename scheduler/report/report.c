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

/* A week's session minutes by what became of them, before the shortfall
 * is shared out by cause. */
struct week_minutes {
    int raw_a, raw_u;   /* the child's absences: acceptable, not */
    int raw_s, raw_se;  /* the service's: cancelled, ended early */
    int raw_n, raw_f;   /* not recorded, still to come */
    int dropped;        /* sessions cancelled in the store */
    int attended;
};

/* Education: what was attended counts first, up to the case's cap; days
 * to come are planned, never delivered; days recorded as missed are the
 * child's shortfall where the cap is not reached otherwise. Sets the
 * week's education figures, and the minutes missed (acceptably or not)
 * and in all that count. */
static void education_week(const struct iss_case *c,
                           const struct iss_edu_record *edu, size_t n_edu,
                           iss_date monday, iss_date today,
                           struct iss_report_week *w, int *edu_a,
                           int *edu_u, int *edu_all)
{
    int cap = c->rules.education_counts_max_minutes == ISS_EDUCATION_ALL
                  ? 7 * 1440
                  : c->rules.education_counts_max_minutes;
    int att = 0, fut = 0, raw_ea = 0, raw_eu = 0, d;
    size_t k;

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
    *edu_u = take(&cap, raw_eu);
    *edu_a = take(&cap, raw_ea);
    *edu_all = w->education + w->education_planned + *edu_u + *edu_a;
}

/* A session attended in full or in part: its minutes, and who ended it
 * early when it was. */
static void count_attended(const struct iss_stored_session *x,
                           const struct iss_record *r, int len,
                           struct day_sessions *ds, struct week_minutes *m)
{
    m->attended += r->minutes;
    if (r->outcome == ISS_OUT_PARTIAL) {
        if (r->cause == ISS_CAUSE_SERVICE) {
            m->raw_se += len - r->minutes;
            ds->ended_early = true;
        } else if (r->cause == ISS_CAUSE_CHILD_ACCEPTABLE) {
            m->raw_a += len - r->minutes;
        } else {
            m->raw_u += len - r->minutes; /* left early: the child's */
        }
    }
    push(ds->dstart, ds->dend, &ds->nd, x->start, x->start + r->minutes);
    push(ds->sstart, ds->send, &ds->nsvc, x->start,
         r->outcome == ISS_OUT_PARTIAL && r->cause == ISS_CAUSE_SERVICE
             ? x->end
             : x->start + r->minutes);
    push(ds->astart, ds->aend, &ds->nacc, x->start,
         r->outcome == ISS_OUT_PARTIAL &&
                 (r->cause == ISS_CAUSE_SERVICE ||
                  r->cause == ISS_CAUSE_CHILD_ACCEPTABLE)
             ? x->end
             : x->start + r->minutes);
}

/* A session still on, by its recorded outcome. */
static void count_outcome(const struct iss_stored_session *x,
                          const struct iss_record *r, int len, int64_t now,
                          struct day_sessions *ds, struct week_minutes *m)
{
    switch (r->outcome) {
    case ISS_OUT_ATTENDED:
    case ISS_OUT_PARTIAL:
        count_attended(x, r, len, ds, m);
        break;
    case ISS_OUT_ABSENT_ACCEPTABLE:
        m->raw_a += len;
        push(ds->astart, ds->aend, &ds->nacc, x->start, x->end);
        break;
    case ISS_OUT_ABSENT_UNACCEPTABLE:
        m->raw_u += len;
        break;
    case ISS_OUT_CANCELLED_BY_SERVICE:
        m->raw_s += len;
        ds->dropped = true;
        push(ds->sstart, ds->send, &ds->nsvc, x->start, x->end);
        push(ds->astart, ds->aend, &ds->nacc, x->start, x->end);
        break;
    default:
        if (x->end_utc <= now)
            m->raw_n += len;
        else
            m->raw_f += len;
        ds->unrecorded = true;
    }
}

/* The week's published sessions into the days and the minutes. */
static int count_sessions(struct iss_store *st,
                          const struct iss_stored_session *s, size_t n,
                          iss_date monday, struct day_sessions *days,
                          struct iss_report_week *w, struct week_minutes *m,
                          struct iss_error *err)
{
    int64_t now = iss_now();
    size_t i;
    int rc;

    for (i = 0; i < n; i++) {
        const struct iss_stored_session *x = &s[i];
        int len = (int)((x->end_utc - x->start_utc) / 60);
        struct iss_record r;
        struct day_sessions *ds;
        if (x->date < monday || x->date > monday + 6)
            continue;
        ds = &days[x->date - monday];
        if (x->cancelled) {
            m->dropped += len;
            ds->dropped = true;
            continue;
        }
        if (st != NULL) {
            rc = iss_attendance_get(st, x->uid, &r, err);
            if (rc != 0)
                return rc;
        } else {
            memset(&r, 0, sizeof r);
        }
        if (r.outcome == ISS_OUT_RESCHEDULED)
            continue; /* to be moved: never an absence */
        w->planned += len;
        push(ds->start, ds->end, &ds->n, x->start, x->end);
        count_outcome(x, &r, len, now, ds, m);
    }
    return 0;
}

/* The contacts of each day, and why the days past fell short. */
static void judge_days(const struct iss_workspace *ws,
                       const struct iss_case *c,
                       const struct day_sessions *days, iss_date monday,
                       iss_date today, struct iss_report_week *w)
{
    const struct iss_band *b = ws->bands[c->band];
    const struct iss_policy *pol = &ws->team.policy;
    int d;

    for (d = 0; d < 7; d++) {
        struct iss_day_requirement req;
        iss_date day = monday + d;
        struct iss_report_day *rd = &w->days[d];
        const struct day_sessions *ds = &days[d];
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
    struct week_minutes m = {0, 0, 0, 0, 0, 0, 0, 0};
    int left, rc, edu_all = 0, edu_a = 0, edu_u = 0;
    struct day_sessions *days = calloc(7, sizeof *days);

    if (days == NULL)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    memset(w, 0, sizeof *w);
    w->week = monday;
    w->required = iss_band_week_minutes(b, c->order_start, c->order_end,
                                        monday);
    education_week(c, edu, n_edu, monday, today, w, &edu_a, &edu_u,
                   &edu_all);
    w->education_missed = edu_a + edu_u;
    rc = count_sessions(st, s, n, monday, days, w, &m, err);
    if (rc != 0) {
        free(days);
        return rc;
    }
    w->delivered_total = w->education + m.attended;
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
        svc_dropped = m.dropped < unplanned ? m.dropped : unplanned;
        w->service_cancelled = svc_dropped;
        w->not_planned = unplanned - svc_dropped;
        left -= unplanned;
    }
    w->service_cancelled += take(&left, m.raw_s);
    w->service_ended_early = take(&left, m.raw_se);
    w->absent_unacceptable = take(&left, m.raw_u + edu_u);
    w->absent_acceptable = take(&left, m.raw_a + edu_a);
    w->not_recorded = take(&left, m.raw_n);
    w->to_come = take(&left, m.raw_f + w->education_planned);
    /* Whatever is left cannot be: the identity holds by construction. */
    w->not_planned += left;
    judge_days(ws, c, days, monday, today, w);
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
