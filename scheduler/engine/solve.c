/* iss - planning a week: build the week, the greedy plan, the master,
 * then the plan with its explanations.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

/* The search before the master: LNS_PER_CASE iterations a child, within
 * a share of the time: LNS_SHARE_SMALL up to LNS_SMALL_CASES children,
 * where the master's column generation converges in what is left and its
 * plans are as good, LNS_SHARE above, where it does not converge in any
 * share and the search's plans have fewer misses (docs/solver.md). */
#define LNS_PER_CASE 20
#define LNS_SHARE 0.85
#define LNS_SHARE_SMALL 0.4
#define LNS_SMALL_CASES 100

void iss_solve_opts_init(struct iss_solve_opts *o)
{
    memset(o, 0, sizeof *o);
    o->time_limit = 0; /* by the number of children */
    o->today = ISS_DATE_NONE;
}

double iss_default_time_limit(int n_children)
{
    if (n_children <= 30)
        return 10;
    if (n_children <= 80)
        return 10 + 20.0 * (n_children - 30) / 50;
    if (n_children <= 150)
        return 30 + 30.0 * (n_children - 80) / 70;
    return 60;
}

static int session_cmp(const void *a, const void *b)
{
    const struct iss_session *x = a, *y = b;

    if (x->start_utc != y->start_utc)
        return x->start_utc < y->start_utc ? -1 : 1;
    if (x->kase != y->kase)
        return x->kase - y->kase;
    return x->staff[0] - y->staff[0];
}

/* The fixed session behind a pattern's fixed session. */
static const struct eng_fixed *find_fixed(const struct eng *e, int wc,
                                          int day, int slot)
{
    const struct eng_case *ec = &e->cases[wc];
    int k;

    for (k = 0; k < ec->n_fixed[day]; k++) {
        const struct eng_fixed *f = &e->fixed[ec->fixed_first[day] + k];
        if (f->slot == slot)
            return f;
    }
    return NULL;
}

/* A pin that is exactly a published session carries on as it. */
static void pin_published(const struct eng *e, struct iss_session *s)
{
    size_t j;

    for (j = 0; j < e->opts->n_published; j++) {
        const struct iss_fixed_session *f = &e->opts->published[j];
        if (f->kase == s->kase && f->date == s->date &&
            f->start == s->start && f->end == s->end && f->type == s->type &&
            f->n_staff == s->n_staff && f->staff[0] == s->staff[0] &&
            (f->n_staff < 2 || f->staff[1] == s->staff[1])) {
            snprintf(s->uid, sizeof s->uid, "%s", f->uid);
            s->sequence = f->sequence;
            s->status = ISS_SESSION_PUBLISHED;
            return;
        }
    }
}

static bool same_as_published(const struct iss_session *s,
                              const struct iss_fixed_session *f)
{
    return f->date == s->date && f->start == s->start && f->end == s->end &&
           f->type == s->type && f->n_staff == s->n_staff &&
           f->staff[0] == s->staff[0] &&
           (f->n_staff < 2 || f->staff[1] == s->staff[1]);
}

/* Re-plan: which of the case's new sessions are its published ones kept,
 * moved (same UID, SEQUENCE + 1) or new; published ones left over are
 * cancelled (added to the plan with their old times). used[] has a flag
 * per e->keep[] entry, all false on entry. (It was a fixed array of 512
 * once, and a week with more published sessions than that lost every
 * UID on re-planning: found by make bench's L re-plan.) */
static void replan_statuses(const struct eng *e, int wc,
                            struct iss_plan *plan, bool *used)
{
    const struct eng_case *ec = &e->cases[wc];
    int k, n_keep = 0;
    size_t i;

    for (k = 0; k < e->n_keep; k++)
        if (e->keep[k].wc == wc)
            n_keep++;
    if (n_keep == 0)
        return;
    /* Kept exactly. */
    for (i = 0; i < plan->n_sessions; i++) {
        struct iss_session *s = &plan->sessions[i];
        if (s->kase != ec->ci || s->status != ISS_SESSION_PLANNED ||
            s->pinned)
            continue;
        for (k = 0; k < e->n_keep; k++) {
            const struct iss_fixed_session *f =
                &e->opts->published[e->keep[k].published];
            if (e->keep[k].wc != wc || used[k] || !same_as_published(s, f))
                continue;
            used[k] = true;
            snprintf(s->uid, sizeof s->uid, "%s", f->uid);
            s->sequence = f->sequence;
            s->status = ISS_SESSION_PUBLISHED;
            break;
        }
    }
    /* Moved: the same type, the nearest in time. */
    for (;;) {
        int best_k = -1;
        size_t best_i = 0;
        int64_t best_d = 0;
        for (k = 0; k < e->n_keep; k++) {
            const struct iss_fixed_session *f =
                &e->opts->published[e->keep[k].published];
            int64_t t0;
            if (e->keep[k].wc != wc || used[k])
                continue;
            t0 = iss_local_to_utc(f->date, f->start, NULL);
            for (i = 0; i < plan->n_sessions; i++) {
                const struct iss_session *s = &plan->sessions[i];
                int64_t dd;
                if (s->kase != ec->ci || s->status != ISS_SESSION_PLANNED ||
                    s->pinned || s->type != f->type)
                    continue;
                dd = s->start_utc > t0 ? s->start_utc - t0 : t0 - s->start_utc;
                if (best_k < 0 || dd < best_d) {
                    best_k = k;
                    best_i = i;
                    best_d = dd;
                }
            }
        }
        if (best_k < 0)
            break;
        {
            const struct iss_fixed_session *f =
                &e->opts->published[e->keep[best_k].published];
            struct iss_session *s = &plan->sessions[best_i];
            used[best_k] = true;
            snprintf(s->uid, sizeof s->uid, "%s", f->uid);
            s->sequence = f->sequence + 1;
            s->status = ISS_SESSION_MOVED;
            s->was_date = f->date;
            s->was_start = f->start;
            s->was_end = f->end;
            s->was_staff[0] = f->staff[0];
            s->was_staff[1] = f->n_staff > 1 ? f->staff[1] : -1;
            s->was_n_staff = f->n_staff;
        }
    }
    /* Cancelled. */
    for (k = 0; k < e->n_keep; k++) {
        const struct iss_fixed_session *f;
        struct iss_session *s;
        if (e->keep[k].wc != wc || used[k])
            continue;
        f = &e->opts->published[e->keep[k].published];
        s = &plan->sessions[plan->n_sessions++];
        memset(s, 0, sizeof *s);
        s->kase = ec->ci;
        s->type = f->type;
        s->n_staff = f->n_staff;
        s->staff[0] = f->staff[0];
        s->staff[1] = f->n_staff > 1 ? f->staff[1] : -1;
        s->date = f->date;
        s->start = f->start;
        s->end = f->end;
        s->start_utc = iss_local_to_utc(f->date, f->start, NULL);
        s->end_utc = iss_local_to_utc(f->date, f->end, NULL);
        snprintf(s->uid, sizeof s->uid, "%s", f->uid);
        s->sequence = f->sequence + 1;
        s->status = ISS_SESSION_CANCELLED;
    }
}

static int make_plan(const struct eng *e, const struct pattern *chosen,
                     struct iss_plan **out)
{
    const struct iss_team *t = e->team;
    struct iss_plan *plan = calloc(1, sizeof *plan);
    bool *used = NULL;
    size_t n = 0, k;
    int wc, d, i;

    *out = NULL;
    if (plan == NULL)
        return -1;
    plan->monday = e->monday;
    for (wc = 0; wc < e->n_cases; wc++)
        for (d = 0; d < 7; d++)
            n += (size_t)chosen[wc * 7 + d].n;
    n += e->opts->n_published; /* room for cancelled ones */
    plan->sessions = calloc(n + 1, sizeof *plan->sessions);
    plan->cases = calloc((size_t)e->n_cases + 1, sizeof *plan->cases);
    plan->staff_minutes = calloc(t->n_staff + 1, sizeof(int));
    plan->n_staff = t->n_staff;
    used = calloc((size_t)e->n_keep + 1, sizeof *used);
    if (plan->sessions == NULL || plan->cases == NULL ||
        plan->staff_minutes == NULL || used == NULL)
        goto nomem;
    for (wc = 0; wc < e->n_cases; wc++) {
        const struct eng_case *ec = &e->cases[wc];
        struct iss_case_week *cw = &plan->cases[plan->n_cases++];
        uint8_t core = 0;
        cw->kase = ec->ci;
        snprintf(cw->phase, sizeof cw->phase, "%s", ec->phase);
        cw->required_minutes = ec->required;
        cw->education_minutes_counted = ec->edu_counted;
        cw->weekend_required = ec->weekend_need;
        cw->sessions_required = calloc(t->n_types + 1, sizeof(int));
        cw->sessions_planned = calloc(t->n_types + 1, sizeof(int));
        if (cw->sessions_required == NULL || cw->sessions_planned == NULL)
            goto nomem;
        for (k = 0; k < t->n_types; k++)
            cw->sessions_required[k] = ec->type_need[k];
        for (d = 0; d < 7; d++) {
            const struct pattern *p = &chosen[wc * 7 + d];
            iss_date date = e->monday + d;
            cw->days[d].in_order = ec->in_order[d];
            cw->days[d].required = ec->band_contacts[d];
            cw->days[d].curfew_contact = ec->curfew_contact[d];
            cw->days[d].planned = ec->in_order[d] ? p->contacts : 0;
            if (d >= 5)
                cw->weekend_planned += cw->days[d].planned;
            for (i = 0; i < p->n; i++) {
                const struct pat_session *ps = &p->s[i];
                struct iss_session *s = &plan->sessions[plan->n_sessions++];
                int el = (int)t->types[ps->type].element, m;
                s->kase = ec->ci;
                s->type = ps->type;
                s->n_staff = ps->n_staff;
                s->staff[0] = ps->staff[0];
                s->staff[1] = ps->n_staff > 1 ? ps->staff[1] : -1;
                s->date = date;
                s->start = ps->slot * SLOT_MINUTES;
                s->end = (ps->slot + ps->len) * SLOT_MINUTES;
                s->start_utc = iss_local_to_utc(date, s->start, NULL);
                s->end_utc = iss_local_to_utc(date, s->end, NULL);
                s->status = ISS_SESSION_PLANNED;
                if (ps->fixed) {
                    const struct eng_fixed *f = find_fixed(e, wc, d,
                                                           ps->slot);
                    if (f != NULL && f->pinned) {
                        s->pinned = true;
                        pin_published(e, s);
                    } else if (f != NULL && f->published >= 0) {
                        const struct iss_fixed_session *pub =
                            &e->opts->published[f->published];
                        s->status = ISS_SESSION_PUBLISHED;
                        snprintf(s->uid, sizeof s->uid, "%s", pub->uid);
                        s->sequence = pub->sequence;
                        s->start = pub->start;
                        s->end = pub->end;
                        s->start_utc = iss_local_to_utc(date, s->start,
                                                        NULL);
                        s->end_utc = iss_local_to_utc(date, s->end, NULL);
                    }
                }
                cw->planned_minutes += s->end - s->start;
                cw->sessions_planned[ps->type]++;
                if (el < ISS_CORE_ELEMENTS)
                    core |= (uint8_t)(1u << el);
                for (m = 0; m < s->n_staff; m++)
                    plan->staff_minutes[s->staff[m]] += s->end - s->start;
            }
        }
        cw->core_missing = ec->core_need & (uint8_t)~core;
        replan_statuses(e, wc, plan, used);
    }
    free(used);
    qsort(plan->sessions, plan->n_sessions, sizeof *plan->sessions,
          session_cmp);
    *out = plan;
    return 0;
nomem:
    free(used);
    iss_plan_free(plan);
    return -1;
}

static void add_warning(struct iss_plan *plan, const char *msg)
{
    char **nw = realloc(plan->warnings, sizeof *nw * (plan->n_warnings + 1));

    if (nw == NULL)
        return;
    plan->warnings = nw;
    plan->warnings[plan->n_warnings] = strdup(msg);
    if (plan->warnings[plan->n_warnings] != NULL)
        plan->n_warnings++;
}

/* First contact: a session within first_contact_within_working_days of
 * the order's start, or a warning that says why there is none. */
/* A case whose conviction date is after today: the court has not made
 * the order yet, so its week may be planned ahead but nothing of it should
 * reach the child before the order exists. */
static void conviction_warnings(const struct eng *e, struct iss_plan *plan)
{
    int k;

    for (k = 0; k < e->n_cases; k++) {
        const struct iss_case *c = e->cases[k].c;
        char msg[300], d[ISS_HDATE_BUFSZ];
        if (e->today == ISS_DATE_NONE || c->conviction <= e->today)
            continue;
        snprintf(msg, sizeof msg,
                 "%s: the order's conviction date, %s, is after today: the "
                 "court has not made the order yet; publish this week only "
                 "once it has",
                 c->id, iss_date_human(c->conviction, d));
        add_warning(plan, msg);
    }
}

static void first_contact_warnings(const struct iss_workspace *ws,
                                   const struct eng *e, struct iss_plan *plan)
{
    const struct iss_policy *pol = &ws->team.policy;
    int k;
    size_t i;

    for (k = 0; k < e->n_cases; k++) {
        const struct iss_case *c = e->cases[k].c;
        iss_date due;
        char msg[400], d[ISS_HDATE_BUFSZ], d2[ISS_HDATE_BUFSZ];
        bool found = false;
        if (c->order_start < e->monday || c->order_start > e->monday + 6)
            continue;
        due = iss_working_days_after(ws->holidays, pol->christmas_eve_working,
                                     c->order_start,
                                     pol->first_contact_within_working_days);
        for (i = 0; i < plan->n_sessions && !found; i++) {
            const struct iss_session *s = &plan->sessions[i];
            if (s->kase == e->cases[k].ci &&
                s->status != ISS_SESSION_CANCELLED &&
                s->date >= c->order_start && s->date <= due)
                found = true;
        }
        if (found)
            continue;
        if (e->now != 0 &&
            iss_local_to_utc(due, e->pe * SLOT_MINUTES, NULL) <= e->now)
            snprintf(msg, sizeof msg,
                     "first contact of %s (order from %s) was due by %s, "
                     "before now: none could be planned in time",
                     c->id, iss_date_human(c->order_start, d),
                     iss_date_human(due, d2));
        else
            snprintf(msg, sizeof msg,
                     "first contact of %s (order from %s) is due by %s, and "
                     "no session could be planned by then: see the "
                     "shortfalls of those days for why",
                     c->id, iss_date_human(c->order_start, d),
                     iss_date_human(due, d2));
        add_warning(plan, msg);
    }
}

/* Pins that start before now and were never published: left out. */
static void past_pin_warnings(const struct iss_workspace *ws,
                              const struct eng *e, struct iss_plan *plan)
{
    int k;
    size_t j;

    for (k = 0; k < e->n_cases; k++) {
        const struct iss_case *c = e->cases[k].c;
        for (j = 0; j < c->n_pins; j++) {
            const struct iss_pin *p = &c->pins[j];
            char msg[300], d[ISS_HDATE_BUFSZ], a[6];
            if (p->date < e->monday || p->date > e->monday + 6 ||
                !eng_pin_past(e, c, p, e->opts))
                continue;
            snprintf(msg, sizeof msg,
                     "pinned session of %s %s %s starts before now and was "
                     "never published: left out (an appointment must be "
                     "given in writing before it starts)",
                     c->id, iss_date_human(p->date, d),
                     iss_clock_format(p->time.start, a));
            add_warning(plan, msg);
        }
    }
    (void)ws;
}

/* The published session with this UID, or NULL. */
static const struct iss_fixed_session *
published_by_uid(const struct iss_solve_opts *o, const char *uid)
{
    size_t j;

    if (uid[0] == '\0')
        return NULL;
    for (j = 0; j < o->n_published; j++)
        if (strcmp(o->published[j].uid, uid) == 0)
            return &o->published[j];
    return NULL;
}

/* Where each session happens (docs/files.md, places): a pin's place, else
 * the type's default place, else the team's default_place. A published
 * session kept as it is keeps the place it was published with; a pin that
 * is a published session but names another place now moves it (same UID,
 * SEQUENCE + 1, "new place" in the letter). */
static void assign_places(const struct iss_workspace *ws,
                          const struct iss_solve_opts *o,
                          struct iss_plan *plan)
{
    size_t i, k;

    for (i = 0; i < plan->n_sessions; i++) {
        struct iss_session *s = &plan->sessions[i];
        const struct iss_fixed_session *f = published_by_uid(o, s->uid);
        const struct iss_case *c = &ws->cases[s->kase];

        s->place = iss_team_type_place(&ws->team, s->type);
        s->was_place = f != NULL ? f->place : -1;
        if (s->pinned) {
            for (k = 0; k < c->n_pins; k++) {
                const struct iss_pin *pin = &c->pins[k];
                if (pin->date == s->date && pin->time.start == s->start &&
                    pin->type == s->type && pin->place >= 0)
                    s->place = pin->place;
            }
            if (f != NULL && s->status == ISS_SESSION_PUBLISHED &&
                f->place != s->place) {
                s->status = ISS_SESSION_MOVED;
                s->sequence = f->sequence + 1;
                s->was_date = f->date;
                s->was_start = f->start;
                s->was_end = f->end;
                s->was_staff[0] = f->staff[0];
                s->was_staff[1] = f->n_staff > 1 ? f->staff[1] : -1;
                s->was_n_staff = f->n_staff;
            }
        } else if (f != NULL && (s->status == ISS_SESSION_PUBLISHED ||
                                 s->status == ISS_SESSION_CANCELLED)) {
            s->place = f->place;
        }
    }
}

/* Published sessions kept as they are (no --replan) that the workspace
 * no longer allows: a staff member on leave, off on a bank holiday, no
 * longer permitted, or the child now busy. */
static void published_warnings(const struct iss_workspace *ws,
                               const struct eng *e, struct iss_plan *plan)
{
    int k;

    for (k = 0; k < e->n_fixed; k++) {
        const struct eng_fixed *f = &e->fixed[k];
        const struct iss_fixed_session *p;
        const struct iss_case *c;
        char why[160] = "", msg[400], d[ISS_HDATE_BUFSZ], a[6], b[6];
        char **nw;
        if (f->published < 0)
            continue;
        p = &e->opts->published[f->published];
        c = &ws->cases[p->kase];
        eng_published_misfit(ws, p, why, sizeof why);
        if (p->rescheduled && !why[0])
            snprintf(why, sizeof why, "recorded as rescheduled");
        if (!why[0] || p->date < e->today)
            continue;
        snprintf(msg, sizeof msg,
                 "published session of %s %s %s-%s no longer fits (%s): "
                 "plan with --replan to move it",
                 c->id, iss_date_human(p->date, d),
                 iss_clock_format(p->start, a), iss_clock_format(p->end, b),
                 why);
        nw = realloc(plan->warnings,
                     sizeof *nw * (plan->n_warnings + 1));
        if (nw == NULL)
            return;
        plan->warnings = nw;
        plan->warnings[plan->n_warnings] = strdup(msg);
        if (plan->warnings[plan->n_warnings] != NULL)
            plan->n_warnings++;
    }
}

int iss_plan_week(const struct iss_workspace *ws, iss_date monday,
                  const struct iss_solve_opts *opts, struct iss_plan **out,
                  struct iss_error *err)
{
    struct eng e;
    struct pattern *greedy = NULL;
    struct eng_result res;
    struct iss_plan *plan = NULL;
    double t0 = eng_now();
    bool lns_cut = false;
    double greedy_score;
    int rc;

    *out = NULL;
    memset(&res, 0, sizeof res);
    rc = eng_build(&e, ws, monday, opts, err);
    if (rc != 0)
        return rc;
    e.t0 = t0;
    /* Keep a second for writing the plan out. */
    {
        double limit = opts->time_limit > 0
                           ? opts->time_limit
                           : iss_default_time_limit(e.n_cases);
        e.deadline = t0 + (limit > 2 ? limit - 1.0 : limit * 0.5);
    }
    greedy = calloc((size_t)e.n_cases * 7 + 1, sizeof *greedy);
    if (greedy == NULL || eng_greedy(&e, greedy) != 0 ||
        eng_improve(&e, greedy, 2, e.deadline) < 0 ||
        eng_kw_repair(&e, greedy, NULL, e.deadline) < 0) {
        rc = iss_fail(err, ISS_EFAIL, "out of memory");
        goto out;
    }
    rc = eng_plan_objective(&e, greedy, &greedy_score, err);
    if (rc != 0)
        goto out;
    /* The large-neighbourhood search: a budget of iterations by the
     * number of children, within its share of the time; it stops as soon
     * as nothing it can mend is short, and the master has the rest
     * (docs/solver.md). */
    if (!opts->greedy_only) {
        double share = e.n_cases <= LNS_SMALL_CASES ? LNS_SHARE_SMALL
                                                    : LNS_SHARE;
        if (eng_lns(&e, greedy, LNS_PER_CASE * e.n_cases,
                    t0 + (e.deadline - t0) * share, &lns_cut) < 0) {
            rc = iss_fail(err, ISS_EFAIL, "out of memory");
            goto out;
        }
    }
    if (opts->greedy_only) {
        res.chosen = greedy;
        greedy = NULL;
        rc = eng_plan_objective(&e, res.chosen, &res.objective, err);
        if (rc != 0)
            goto out;
        res.bound = 0;
    } else {
        rc = eng_master(&e, greedy, &res, err);
        if (rc != 0)
            goto out;
    }
    /* The practice rules hold in every plan made (a safety net: the
     * search keeps them already). */
    if (eng_rules_fix(&e, res.chosen) > 0 &&
        (rc = eng_plan_objective(&e, res.chosen, &res.objective, err)) != 0)
        goto out;
    res.time_limit = res.time_limit || lns_cut;
    res.greedy_objective = greedy_score; /* the greedy's, before the search */
    if (make_plan(&e, res.chosen, &plan) != 0) {
        rc = iss_fail(err, ISS_EFAIL, "out of memory");
        goto out;
    }
    assign_places(ws, opts, plan);
    eng_explain(&e, res.chosen, plan);
    published_warnings(ws, &e, plan);
    past_pin_warnings(ws, &e, plan);
    first_contact_warnings(ws, &e, plan);
    conviction_warnings(&e, plan);
    plan->solver.seconds = eng_now() - t0;
    plan->solver.objective = res.objective;
    plan->solver.bound = res.bound;
    plan->solver.greedy_objective = res.greedy_objective;
    plan->solver.columns = res.columns;
    plan->solver.rounds = res.rounds;
    plan->solver.gap = res.objective > 1e-9
                           ? (res.objective - res.bound) / res.objective
                           : 0;
    if (plan->solver.gap < 0)
        plan->solver.gap = 0;
    snprintf(plan->solver.status, sizeof plan->solver.status, "%s",
             res.optimal ? "optimal"
             : res.time_limit ? "time limit"
                              : "feasible");
    *out = plan;
    plan = NULL;
out:
    iss_plan_free(plan);
    free(res.chosen);
    free(greedy);
    eng_free(&e);
    return rc;
}
