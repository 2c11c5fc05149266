/* iss - a week's data on the 15-minute grid: what each child needs and
 * when they are free, when each staff member can work, what is fixed.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"

/* ---- slot sets ---- */

void ss_fill(slotset *s, int from, int to, bool on)
{
    int i;

    if (from < 0)
        from = 0;
    if (to > N_SLOTS)
        to = N_SLOTS;
    for (i = from; i < to; i++) {
        if (on)
            ss_set(s, i);
        else
            ss_clear(s, i);
    }
}

bool ss_all(const slotset *s, int from, int to)
{
    int i;

    if (from < 0 || to > N_SLOTS || from >= to)
        return false;
    for (i = from; i < to; i++)
        if (!ss_has(s, i))
            return false;
    return true;
}

bool ss_any(const slotset *s, int from, int to)
{
    int i;

    if (from < 0)
        from = 0;
    if (to > N_SLOTS)
        to = N_SLOTS;
    for (i = from; i < to; i++)
        if (ss_has(s, i))
            return true;
    return false;
}

int ss_count(const slotset *s)
{
    return __builtin_popcountll(s->w[0]) + __builtin_popcountll(s->w[1]);
}

double eng_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void eng_weights_default(struct eng_weights *w)
{
    w->minute_short = 100;
    w->contact_short = 1000;
    w->weekend_short = 1000;
    w->session_short = 300;
    w->core_short = 300;
    w->other_staff = 8;
    w->known_staff = 3;
    w->spread = 2;
    w->odd_hours = 2;
    w->per_session = 10;
    w->overload = 0.02;
    w->moved = 400;
    w->key_worker = 250;
}

void eng_free(struct eng *e)
{
    if (e == NULL)
        return;
    iss_arena_free(e->arena);
    memset(e, 0, sizeof *e);
}

/* ---- building ---- */

static bool active_in_week(const struct iss_case *c, iss_date monday)
{
    return c->order_start <= monday + 6 && c->order_end >= monday;
}

static int keep_cmp(const void *a, const void *b)
{
    const struct eng_keep *x = a, *y = b;

    if (x->wc != y->wc)
        return x->wc - y->wc;
    if (x->day != y->day)
        return x->day - y->day;
    return x->slot - y->slot;
}

/* True if a published session is exactly one of the case's pins (then the
 * pin stands for it). */
static bool is_pin(const struct iss_case *c, const struct iss_fixed_session *f)
{
    size_t i;

    for (i = 0; i < c->n_pins; i++) {
        const struct iss_pin *p = &c->pins[i];
        if (p->date == f->date && p->time.start == f->start &&
            p->time.end == f->end && p->type == f->type &&
            p->n_staff == f->n_staff && p->staff[0] == f->staff[0] &&
            (p->n_staff < 2 || p->staff[1] == f->staff[1]))
            return true;
    }
    return false;
}

/* True if a published session has started (or is on a day already
 * past): it is history and stays exactly as it is. */
static bool started(const struct eng *e, const struct iss_fixed_session *f)
{
    enum iss_local_kind kind;

    if (e->today != ISS_DATE_NONE && f->date < e->today)
        return true;
    return e->now != 0 && iss_local_to_utc(f->date, f->start, &kind) <=
                              e->now;
}

/* True if a pin is before now and was never published: it cannot be given
 * to the child in writing any more, so it is left out of the plan. */
bool eng_pin_past(const struct eng *e, const struct iss_case *c,
                  const struct iss_pin *p, const struct iss_solve_opts *o)
{
    enum iss_local_kind kind;
    size_t j;

    if (e->now == 0 ||
        iss_local_to_utc(p->date, p->time.start, &kind) >= e->now)
        return false;
    for (j = 0; j < o->n_published; j++) {
        const struct iss_fixed_session *f = &o->published[j];
        if (f->kase >= 0 && &e->ws->cases[f->kase] == c &&
            f->date == p->date && f->start == p->time.start &&
            f->end == p->time.end)
            return false;
    }
    return true;
}

static int fixed_cmp(const void *a, const void *b)
{
    const struct eng_fixed *x = a, *y = b;

    if (x->wc != y->wc)
        return x->wc - y->wc;
    if (x->day != y->day)
        return x->day - y->day;
    return x->slot - y->slot;
}

/* The phase label of the first day of the order in the week. */
static void phase_label(const struct iss_band *b, const struct iss_case *c,
                        iss_date monday, char *buf, size_t size)
{
    iss_date day = monday > c->order_start ? monday : c->order_start;
    const struct iss_phase *ph = iss_band_phase(
        b, iss_order_month(c->order_start, day));

    if (ph == NULL)
        snprintf(buf, size, "after the phases");
    else if (ph->month_from == ph->month_to)
        snprintf(buf, size, "month %d", ph->month_from);
    else
        snprintf(buf, size, "months %d-%d", ph->month_from, ph->month_to);
}

/* Slots of a day that are free for the child: inside the planning day,
 * on the clock, not busy (education, curfew and travel, commitments). */
static slotset child_free(const struct eng *e, const struct iss_case *c,
                          iss_date day, int d)
{
    struct iss_busy busy[ISS_BUSY_MAX];
    size_t n, j;
    slotset s = e->usable[d];

    ss_fill(&s, 0, e->ps, false);
    ss_fill(&s, e->pe, N_SLOTS, false);
    ss_fill(&s, 0, e->open_from[d], false); /* the past */
    n = iss_case_busy(c, day, e->team->policy.travel_minutes_before_curfew,
                      e->team->policy.travel_minutes_after_education, busy,
                      ISS_BUSY_MAX);
    if (n > ISS_BUSY_MAX)
        n = ISS_BUSY_MAX;
    for (j = 0; j < n; j++) {
        int from = busy[j].start / SLOT_MINUTES;
        int to = (busy[j].end + SLOT_MINUTES - 1) / SLOT_MINUTES;
        ss_fill(&s, from, to, false);
    }
    return s;
}

/* Staff slots of a day: their hours that day (iss_staff_day: the rota,
 * leave, bank holidays) fully covering the slot, inside the planning day,
 * on the clock. */
static slotset staff_avail(const struct eng *e, const struct iss_staff *st,
                           iss_date day, int d)
{
    slotset s = {{0, 0}};
    struct iss_staff_day sd;
    size_t k;

    iss_staff_day(st, e->ws->holidays, day, &sd);
    for (k = 0; k < sd.n_spans; k++) {
        const struct iss_span *sp = &sd.spans[k];
        int from = (sp->start + SLOT_MINUTES - 1) / SLOT_MINUTES;
        int to = sp->end / SLOT_MINUTES;
        ss_fill(&s, from, to, true);
    }
    ss_fill(&s, 0, e->ps, false);
    ss_fill(&s, e->pe, N_SLOTS, false);
    s.w[0] &= e->usable[d].w[0];
    s.w[1] &= e->usable[d].w[1];
    return s;
}

static int add_fixed(struct eng *e, int cap, int wc, iss_date date, int start,
                     int end, int type, const int *staff, int n_staff,
                     bool pinned, int published)
{
    struct eng_fixed *f;

    if (e->n_fixed >= cap)
        return -1;
    f = &e->fixed[e->n_fixed++];
    f->wc = wc;
    f->day = (int)(date - e->monday);
    f->slot = start / SLOT_MINUTES;
    f->len = (end - start + SLOT_MINUTES - 1) / SLOT_MINUTES;
    f->type = type;
    f->n_staff = n_staff;
    f->staff[0] = staff[0];
    f->staff[1] = n_staff > 1 ? staff[1] : -1;
    f->pinned = pinned;
    f->published = published;
    return 0;
}

static bool ss_any_and(const slotset *a, const slotset *b)
{
    return (a->w[0] & b->w[0]) != 0 || (a->w[1] & b->w[1]) != 0;
}

/* How many of case ec's pins and published sessions each staff member is
 * on, into fixed_use[]. */
static void staff_fixed_use(const struct eng *e, const struct eng_case *ec,
                            int *fixed_use)
{
    int k, j;

    for (k = 0; k < e->n_fixed; k++) {
        const struct eng_fixed *f = &e->fixed[k];
        if (&e->cases[f->wc] != ec)
            continue;
        for (j = 0; j < f->n_staff; j++)
            fixed_use[f->staff[j]]++;
    }
    for (k = 0; k < e->n_keep; k++) {
        const struct eng_keep *kp = &e->keep[k];
        if (&e->cases[kp->wc] != ec)
            continue;
        for (j = 0; j < kp->n_staff; j++)
            fixed_use[kp->staff[j]]++;
    }
}

/* Each staff member's score for case ec: the quarter hours they overlap
 * with the child's free time, plus 1; 0 if not permitted or of no use. */
static void staff_scores(const struct eng *e, const struct eng_case *ec,
                         const int *fixed_use, double *score)
{
    const struct iss_team *t = e->team;
    const struct iss_case *c = ec->c;
    int n = (int)t->n_staff, k, d;

    for (k = 0; k < n; k++) {
        const struct iss_staff *st = &t->staff[k];
        size_t ty;
        bool useful = false;
        if (!c->permitted[k])
            continue;
        for (ty = 0; ty < t->n_types; ty++)
            if (st->roles & t->types[ty].roles)
                useful = true;
        if (!useful && fixed_use[k] == 0)
            continue;
        for (d = 0; d < 7; d++) {
            slotset a = e->staff[k].avail[d];
            a.w[0] &= ec->free[d].w[0];
            a.w[1] &= ec->free[d].w[1];
            score[k] += ss_count(&a);
        }
        score[k] += 1; /* permitted and useful */
    }
}

/* What adding staff member k to the team adds: days the child needs
 * contacts that the team does not yet cover (day_cover[d] staff, mult
 * per contact), then roles not yet covered, then time overlap. */
static double staff_gain(const struct eng *e, const struct eng_case *ec,
                         int k, iss_roles covered, const int *day_cover,
                         int mult, double score)
{
    const struct iss_team *t = e->team;
    size_t ty;
    int newly = 0, days = 0, d;

    for (ty = 0; ty < t->n_types; ty++)
        if ((t->staff[k].roles & t->types[ty].roles) &&
            !(covered & t->types[ty].roles))
            newly++;
    for (d = 0; d < 7; d++) {
        int want = ec->day_contacts[d] > 1 ? 2 : 1;
        if (ec->in_order[d] && day_cover[d] < mult * want &&
            (ec->day_contacts[d] > 0 || (d >= 5 && ec->weekend_need > 0)) &&
            ss_any_and(&e->staff[k].avail[d], &ec->free[d]))
            days++;
    }
    return score + 1000.0 * newly + 10000.0 * days;
}

/* A team of at most max_distinct into pick[]: the key worker, staff of
 * its pins and published sessions, then whoever adds most. */
static void staff_pick_team(const struct eng *e, const struct eng_case *ec,
                            const double *score, const int *fixed_use,
                            bool *pick)
{
    const struct iss_team *t = e->team;
    const struct iss_case *c = ec->c;
    int n = (int)t->n_staff, k, d, chosen = 0;
    iss_roles covered = 0;

    if (c->key_worker >= 0 && score[c->key_worker] > 0) {
        pick[c->key_worker] = true;
        covered |= t->staff[c->key_worker].roles;
        chosen++;
    }
    for (k = 0; k < n; k++)
        if (fixed_use[k] > 0 && !pick[k]) {
            pick[k] = true;
            covered |= t->staff[k].roles;
            chosen++;
        }
    /* Then, one at a time, whoever adds most: days the child needs
     * contacts that the team does not yet cover (by as many staff as
     * contacts due that day, twice over for a double-staffed case:
     * contacts rank before sessions, docs/plan.md), then roles not yet
     * covered, then time overlap. */
    int mult = c->double_staffed ? 2 : 1;
    while (chosen < ec->max_distinct) {
        int best = -1;
        double best_v = 0;
        int day_cover[7] = {0};
        for (d = 0; d < 7; d++)
            for (k = 0; k < n; k++)
                if (pick[k] &&
                    ss_any_and(&e->staff[k].avail[d], &ec->free[d]))
                    day_cover[d]++;
        for (k = 0; k < n; k++) {
            double v;
            if (pick[k] || score[k] <= 0)
                continue;
            v = staff_gain(e, ec, k, covered, day_cover, mult, score[k]);
            if (best < 0 || v > best_v) {
                best = k;
                best_v = v;
            }
        }
        if (best < 0)
            break;
        pick[best] = true;
        covered |= t->staff[best].roles;
        chosen++;
    }
}

/* Store the picked staff in ec with their costs and the types they can
 * give; -1 if out of memory. */
static int staff_store(struct eng *e, struct eng_case *ec, const bool *pick,
                       const int *fixed_use)
{
    const struct iss_team *t = e->team;
    int n = (int)t->n_staff, k;

    ec->n_staff = 0;
    for (k = 0; k < n; k++)
        if (pick[k])
            ec->n_staff++;
    ec->staff = iss_arena_calloc(e->arena, (size_t)ec->n_staff + 1,
                                 sizeof *ec->staff);
    ec->staff_cost = iss_arena_calloc(e->arena, (size_t)ec->n_staff + 1,
                                      sizeof *ec->staff_cost);
    ec->staff_role_ok = iss_arena_calloc(
        e->arena, ((size_t)ec->n_staff + 1) * (t->n_types + 1), 1);
    if (ec->staff == NULL || ec->staff_cost == NULL ||
        ec->staff_role_ok == NULL)
        return -1;
    ec->n_staff = 0;
    ec->types_ok = 0;
    for (k = 0; k < n; k++) {
        size_t ty;
        int j;
        if (!pick[k])
            continue;
        j = ec->n_staff++;
        ec->staff[j] = k;
        if (k == ec->c->key_worker)
            ec->staff_cost[j] = 0;
        else if (fixed_use[k] > 0)
            ec->staff_cost[j] = e->w.known_staff;
        else
            ec->staff_cost[j] = e->w.other_staff;
        for (ty = 0; ty < t->n_types; ty++) {
            bool ok = (t->staff[k].roles & t->types[ty].roles) != 0;
            ec->staff_role_ok[(size_t)j * t->n_types + ty] = ok;
            if (ok)
                ec->types_ok |= (uint64_t)1 << ty;
        }
    }
    return 0;
}

/* Continuity with the previous week's plan: its staff cost as known
 * staff. */
static void staff_previous_week(struct eng *e, struct eng_case *ec)
{
    const struct iss_plan *pw = e->opts->previous_week;
    size_t i;

    if (pw == NULL)
        return;
    for (i = 0; i < pw->n_sessions; i++) {
        const struct iss_session *s = &pw->sessions[i];
        int j, m;
        if (s->kase != ec->ci || s->status == ISS_SESSION_CANCELLED)
            continue;
        for (m = 0; m < s->n_staff; m++)
            for (j = 0; j < ec->n_staff; j++)
                if (ec->staff[j] == s->staff[m] &&
                    ec->staff_cost[j] > e->w.known_staff)
                    ec->staff_cost[j] = e->w.known_staff;
    }
}

/* Choose a case's candidate staff. With max_distinct, a team of at most
 * that many: the key worker, staff of its pins and published sessions,
 * then those who cover roles not yet covered and overlap most with the
 * child's free time. */
static int choose_staff(struct eng *e, struct eng_case *ec)
{
    int n = (int)e->team->n_staff, k;
    double *score = calloc((size_t)n + 1, sizeof *score);
    bool *pick = calloc((size_t)n + 1, sizeof *pick);
    int *fixed_use = calloc((size_t)n + 1, sizeof *fixed_use);
    int rc = -1;

    if (score == NULL || pick == NULL || fixed_use == NULL)
        goto out;
    staff_fixed_use(e, ec, fixed_use);
    staff_scores(e, ec, fixed_use, score);
    if (ec->max_distinct <= 0) {
        for (k = 0; k < n; k++)
            pick[k] = score[k] > 0;
    } else {
        staff_pick_team(e, ec, score, fixed_use, pick);
    }
    rc = staff_store(e, ec, pick, fixed_use);
    if (rc == 0)
        staff_previous_week(e, ec);
out:
    free(score);
    free(pick);
    free(fixed_use);
    return rc;
}

/* Why staff member st cannot work start-end on date by their hours that
 * day (iss_staff_day), in why[]; false when they can. */
bool eng_staff_day_misfit(const struct iss_workspace *ws,
                          const struct iss_staff *st, iss_date date,
                          int start, int end, char *why, size_t why_size)
{
    struct iss_staff_day sd;
    char d[ISS_HDATE_BUFSZ], a[6], b[6];
    size_t k;

    iss_staff_day(st, ws->holidays, date, &sd);
    iss_date_human(date, d);
    d[strlen(d) > 5 ? strlen(d) - 5 : 0] = '\0'; /* "Tue 8 Dec" */
    switch (sd.kind) {
    case ISS_DAY_LEAVE:
        snprintf(why, why_size, "%s is on leave", st->id);
        return true;
    case ISS_DAY_BANK_HOLIDAY:
        snprintf(why, why_size, "%s does not work bank holidays", st->id);
        return true;
    case ISS_DAY_OFF_ROTA:
        snprintf(why, why_size, "%s is not on the rota on %s", st->id, d);
        return true;
    case ISS_DAY_OFF_WEEKLY:
        snprintf(why, why_size, "%s does not work on %ss", st->id,
                 iss_weekday_word(iss_weekday(date)));
        return true;
    case ISS_DAY_ON:
        break;
    }
    for (k = 0; k < sd.n_spans; k++)
        if (sd.spans[k].start <= start && end <= sd.spans[k].end)
            return false;
    if (iss_staff_on_rota(st))
        snprintf(why, why_size, "%s is on the rota only %s-%s%s on %s",
                 st->id, iss_clock_format(sd.spans[0].start, a),
                 iss_clock_format(sd.spans[0].end, b),
                 sd.n_spans > 1 ? " (and more)" : "", d);
    else
        snprintf(why, why_size, "%s works only %s-%s%s on %ss", st->id,
                 iss_clock_format(sd.spans[0].start, a),
                 iss_clock_format(sd.spans[0].end, b),
                 sd.n_spans > 1 ? " (and more)" : "",
                 iss_weekday_word(iss_weekday(date)));
    return true;
}

/* Why a published session no longer fits the workspace (the order not in
 * force that day, its staff on leave, off on a bank holiday, not on the
 * rota or outside their hours then, no longer permitted or without a role
 * for the type, the child now busy), in why[]; false when it still fits. */
bool eng_published_misfit(const struct iss_workspace *ws,
                          const struct iss_fixed_session *p, char *why,
                          size_t why_size)
{
    const struct iss_case *c = &ws->cases[p->kase];
    struct iss_busy busy[ISS_BUSY_MAX];
    size_t n, i;
    int j;

    why[0] = '\0';
    if (!iss_case_active_on(c, p->date))
        snprintf(why, why_size, "the order is not in force that day");
    for (j = 0; j < p->n_staff && !why[0]; j++) {
        const struct iss_staff *st = &ws->team.staff[p->staff[j]];
        if (eng_staff_day_misfit(ws, st, p->date, p->start, p->end, why,
                                 why_size))
            break;
        if (!c->permitted[p->staff[j]])
            snprintf(why, why_size, "%s may no longer work with the child",
                     st->id);
    }
    if (!why[0] && p->n_staff > 0) {
        iss_roles any = 0;
        for (j = 0; j < p->n_staff; j++)
            any |= ws->team.staff[p->staff[j]].roles;
        if ((any & ws->team.types[p->type].roles) == 0)
            snprintf(why, why_size, "no staff member of it holds a role "
                                    "that may deliver %s",
                     ws->team.types[p->type].id);
    }
    n = iss_case_busy(c, p->date,
                      ws->team.policy.travel_minutes_before_curfew,
                      ws->team.policy.travel_minutes_after_education, busy,
                      ISS_BUSY_MAX);
    for (i = 0; i < n && i < ISS_BUSY_MAX && !why[0]; i++)
        if (busy[i].start < p->end && p->start < busy[i].end) {
            static const char *const what[] = {
                "education", "the curfew", "travel home before the curfew",
                "a commitment", "outside the order",
                "travel from education or work"};
            unsigned k = (unsigned)busy[i].kind;
            snprintf(why, why_size, "the child is now busy then (%s)",
                     k < sizeof what / sizeof what[0] ? what[k] : "busy");
        }
    return why[0] != '\0';
}

/* The week's usable quarter hours (not in a clock change's gap) and the
 * first one of each day that is not yet past. */
static void build_slots(struct eng *e, iss_date monday)
{
    int d, i;

    for (d = 0; d < 7; d++) {
        memset(&e->usable[d], 0, sizeof e->usable[d]);
        e->open_from[d] = 0;
        for (i = 0; i < N_SLOTS; i++) {
            enum iss_local_kind kind;
            int64_t at = iss_local_to_utc(monday + d, i * SLOT_MINUTES,
                                          &kind);
            if (kind == ISS_LOCAL_NORMAL)
                ss_set(&e->usable[d], i);
            if (e->now != 0 && at < e->now)
                e->open_from[d] = i + 1;
        }
    }
}

/* Session lengths of all types, in slots, ascending. */
static void build_lengths(struct eng *e)
{
    const struct iss_team *t = e->team;
    size_t ci, j;
    int i;

    for (ci = 0; ci < t->n_types; ci++) {
        for (j = 0; j < t->types[ci].n_lengths; j++) {
            int len = t->types[ci].lengths[j] / SLOT_MINUTES, m;
            for (m = 0; m < e->n_lengths; m++)
                if (e->lengths[m] == len)
                    break;
            if (m == e->n_lengths && e->n_lengths < MAX_LENGTHS)
                e->lengths[e->n_lengths++] = len;
        }
    }
    for (i = 1; i < e->n_lengths; i++) {
        int v = e->lengths[i], k = i - 1;
        while (k >= 0 && e->lengths[k] > v) {
            e->lengths[k + 1] = e->lengths[k];
            k--;
        }
        e->lengths[k + 1] = v;
    }
}

/* True if published session f of case c is not one of its pins but
 * comes within a child's break of one still to come: the pin stands and
 * the session must move. (Both fixed, the pricing DP would skip the pin
 * that starts inside the other.) */
static bool clashes_with_pin(const struct eng *e, const struct iss_case *c,
                             const struct iss_fixed_session *f,
                             const struct iss_solve_opts *opts)
{
    int gap = e->brk * SLOT_MINUTES;
    size_t i;

    if (is_pin(c, f))
        return false;
    for (i = 0; i < c->n_pins; i++) {
        const struct iss_pin *p = &c->pins[i];
        if (p->date == f->date && p->time.start < f->end + gap &&
            f->start < p->time.end + gap && !eng_pin_past(e, c, p, opts))
            return true;
    }
    return false;
}

/* A re-plan opens only the children it must: one of whose published
 * sessions from today on no longer fits (or clashes with a pin), or who
 * has none published this week. Everyone else's sessions are kept exactly, as without
 * --replan (new ones may still be added where something is short).
 * This is what makes a re-plan after one sick day quick (docs/plan.md);
 * before, every child-day of the service was priced again. */
static void build_open_cases(const struct eng *e,
                             const struct iss_workspace *ws, iss_date monday,
                             const struct iss_solve_opts *opts,
                             bool *open_case, bool *has_published)
{
    size_t j0, ci;

    for (j0 = 0; j0 < opts->n_published; j0++) {
        const struct iss_fixed_session *f = &opts->published[j0];
        char why[160];
        if (f->kase < 0 || (size_t)f->kase >= ws->n_cases ||
            f->date < monday || f->date > monday + 6)
            continue;
        has_published[f->kase] = true;
        if (opts->replan && !started(e, f) &&
            (f->rescheduled || eng_published_misfit(ws, f, why, sizeof why) ||
             clashes_with_pin(e, &ws->cases[f->kase], f, opts)))
            open_case[f->kase] = true;
    }
    for (ci = 0; ci < ws->n_cases; ci++)
        if (!has_published[ci])
            open_case[ci] = true;
}

/* Case k's (workspace case ci) pins in the week and published sessions:
 * fixed, or, for a case a re-plan opens, sessions it may keep. */
static void build_case_fixed(struct eng *e, int cap_fixed, int k, size_t ci,
                             bool open, const struct iss_solve_opts *opts)
{
    const struct iss_case *c = &e->ws->cases[ci];
    iss_date monday = e->monday;
    size_t j;

    for (j = 0; j < c->n_pins; j++) {
        const struct iss_pin *p = &c->pins[j];
        if (p->date < monday || p->date > monday + 6 ||
            eng_pin_past(e, c, p, opts))
            continue;
        add_fixed(e, cap_fixed, k, p->date, p->time.start, p->time.end,
                  p->type, p->staff, p->n_staff, true, -1);
    }
    for (j = 0; j < opts->n_published; j++) {
        const struct iss_fixed_session *f = &opts->published[j];
        if (f->kase != (int)ci || f->date < monday || f->date > monday + 6 ||
            is_pin(c, f))
            continue;
        /* Kept as it is: always without a re-plan, and days already
         * past with one. */
        if (!opts->replan || started(e, f) || !open) {
            add_fixed(e, cap_fixed, k, f->date, f->start, f->end, f->type,
                      f->staff, f->n_staff, false, (int)j);
        } else if (e->n_keep < (int)opts->n_published) {
            struct eng_keep *kp = &e->keep[e->n_keep++];
            kp->wc = k;
            kp->day = (int)(f->date - monday);
            kp->slot = f->start / SLOT_MINUTES;
            kp->len = (f->end - f->start) / SLOT_MINUTES;
            kp->type = f->type;
            kp->staff[0] = f->staff[0];
            kp->staff[1] = f->n_staff > 1 ? f->staff[1] : -1;
            kp->n_staff = f->n_staff;
            kp->published = (int)j;
        }
    }
}

/* Staff member k's time taken by a session of case fixed from slot a to
 * slot b on day d (minutes long): not available, and counted. */
static void staff_take(struct eng *e, struct eng_staff *es, int *fixed_day,
                       int d, int a, int b, int minutes)
{
    ss_fill(&es->avail[d], a - e->tb, b + e->tb, false);
    fixed_day[d] += minutes;
    es->fixed_minutes += minutes;
}

/* Cases not planned now keep what they have: their published sessions
 * and pins take staff member k as they are. */
static void staff_unplanned(struct eng *e, int k, const bool *want,
                            int *fixed_day)
{
    const struct iss_workspace *ws = e->ws;
    const struct iss_solve_opts *opts = e->opts;
    struct eng_staff *es = &e->staff[k];
    iss_date monday = e->monday;
    size_t j2, ci, pj;
    int m;

    for (j2 = 0; j2 < opts->n_published; j2++) {
        const struct iss_fixed_session *f = &opts->published[j2];
        int d2 = (int)(f->date - monday);
        if (f->date < monday || f->date > monday + 6 ||
            (size_t)f->kase >= ws->n_cases ||
            (want[f->kase] && active_in_week(&ws->cases[f->kase], monday)))
            continue;
        for (m = 0; m < f->n_staff; m++)
            if (f->staff[m] == k)
                staff_take(e, es, fixed_day, d2, f->start / SLOT_MINUTES,
                           (f->end + SLOT_MINUTES - 1) / SLOT_MINUTES,
                           f->end - f->start);
    }
    for (ci = 0; ci < ws->n_cases; ci++) {
        const struct iss_case *c = &ws->cases[ci];
        if (want[ci] && active_in_week(c, monday))
            continue;
        for (pj = 0; pj < c->n_pins; pj++) {
            const struct iss_pin *p = &c->pins[pj];
            int d2 = (int)(p->date - monday);
            if (p->date < monday || p->date > monday + 6)
                continue;
            for (m = 0; m < p->n_staff; m++)
                if (p->staff[m] == k)
                    staff_take(e, es, fixed_day, d2,
                               p->time.start / SLOT_MINUTES,
                               p->time.end / SLOT_MINUTES,
                               p->time.end - p->time.start);
        }
    }
}

/* Staff member k's hours, what fixed sessions take of them and the caps
 * left. */
static void build_staff(struct eng *e, int k, const bool *want)
{
    const struct iss_staff *st = &e->team->staff[k];
    struct eng_staff *es = &e->staff[k];
    int fixed_day[7] = {0}, d, i, j;
    int wk_cap = st->max_minutes_week == ISS_NO_LIMIT ? 7 * 1440
                                                      : st->max_minutes_week;

    for (d = 0; d < 7; d++)
        es->duty[d] = es->avail[d] = staff_avail(e, st, e->monday + d, d);
    for (i = 0; i < e->n_fixed; i++) {
        const struct eng_fixed *f = &e->fixed[i];
        for (j = 0; j < f->n_staff; j++) {
            if (f->staff[j] != k)
                continue;
            ss_fill(&es->avail[f->day], f->slot - e->tb,
                    f->slot + f->len + e->tb, false);
            fixed_day[f->day] += f->len * SLOT_MINUTES;
            es->fixed_minutes += f->len * SLOT_MINUTES;
        }
    }
    staff_unplanned(e, k, want, fixed_day);
    for (d = 0; d < 7; d++) {
        int day_cap = st->max_minutes_day == ISS_NO_LIMIT
                          ? 1440
                          : st->max_minutes_day;
        es->cap_day[d] = day_cap - fixed_day[d];
        if (es->cap_day[d] < 0)
            es->cap_day[d] = 0;
        es->avail_minutes += ss_count(&es->avail[d]) * SLOT_MINUTES;
    }
    es->cap_week = wk_cap - es->fixed_minutes;
    if (es->cap_week < 0)
        es->cap_week = 0;
}

/* Case ec's days: in order, band contacts, caps and free time; returns
 * the education minutes of the week. */
static int case_days(struct eng *e, struct eng_case *ec)
{
    const struct iss_case *c = ec->c;
    const struct iss_policy *pol = &e->team->policy;
    int edu = 0, d;

    for (d = 0; d < 7; d++) {
        struct iss_day_requirement req;
        iss_date day = e->monday + d;
        ec->in_order[d] = iss_case_active_on(c, day);
        edu += iss_case_education_minutes(c, day);
        iss_band_day(ec->band, &c->rules, c->order_start, c->order_end, day,
                     e->ws->holidays, &req);
        ec->band_contacts[d] = req.contacts;
        ec->curfew_contact[d] =
            c->rules.curfew_counts_as_contact && iss_case_em_curfew_on(c, day);
        ec->day_contacts[d] =
            req.contacts - (ec->curfew_contact[d] && req.contacts > 0);
        if (req.contacts > 0)
            ec->intensive = true;
        ec->day_cap[d] = pol->max_child_minutes_per_day / SLOT_MINUTES;
        ec->fixed_first[d] = -1;
        if (ec->in_order[d])
            ec->free[d] = child_free(e, c, day, d);
    }
    return edu;
}

/* First contact (policy, 1 working day from the order's start): when the
 * band asks for no contact on any day of that window, one contact is
 * asked for on its last day in this week. */
static void case_first_contact(struct eng *e, struct eng_case *ec)
{
    const struct iss_case *c = ec->c;
    const struct iss_policy *pol = &e->team->policy;
    iss_date monday = e->monday, due;
    int last = -1, d;
    bool any = false;

    if (c->order_start < monday || c->order_start > monday + 6)
        return;
    due = iss_working_days_after(e->ws->holidays, pol->christmas_eve_working,
                                 c->order_start,
                                 pol->first_contact_within_working_days);
    for (d = (int)(c->order_start - monday); d < 7 && monday + d <= due;
         d++) {
        if (!ec->in_order[d] || e->open_from[d] >= e->pe)
            continue;
        last = d;
        if (ec->day_contacts[d] > 0)
            any = true;
    }
    if (!any && last >= 0)
        ec->day_contacts[last] = 1;
}

/* Case k's fixed and kept sessions: index them by day, keep planned
 * sessions a break away from fixed ones, and free no time where the
 * child asked to reschedule. */
static void case_fixed_index(struct eng *e, int k)
{
    struct eng_case *ec = &e->cases[k];
    const struct iss_solve_opts *opts = e->opts;
    iss_date monday = e->monday;
    size_t j;
    int i, d;

    for (i = 0; i < e->n_fixed; i++) {
        const struct eng_fixed *f = &e->fixed[i];
        if (f->wc != k)
            continue;
        if (ec->fixed_first[f->day] < 0)
            ec->fixed_first[f->day] = i;
        ec->n_fixed[f->day]++;
        ec->fixed_slots[f->day] += f->len;
        ss_fill(&ec->free[f->day], f->slot - e->brk,
                f->slot + f->len + e->brk, false);
    }
    /* A session the child asked to reschedule is not kept where it
     * was (nor planned there again). */
    for (j = 0; j < opts->n_published; j++) {
        const struct iss_fixed_session *f = &opts->published[j];
        if (f->kase == ec->ci && f->rescheduled && opts->replan &&
            !started(e, f) && f->date >= monday && f->date <= monday + 6)
            ss_fill(&ec->free[f->date - monday], f->start / SLOT_MINUTES,
                    (f->end + SLOT_MINUTES - 1) / SLOT_MINUTES, false);
    }
    for (d = 0; d < 7; d++) {
        if (ec->day_cap[d] < ec->fixed_slots[d])
            ec->day_cap[d] = ec->fixed_slots[d];
        ec->keep_first[d] = -1;
    }
    for (i = 0; i < e->n_keep; i++) {
        const struct eng_keep *kp = &e->keep[i];
        if (kp->wc != k)
            continue;
        if (ec->keep_first[kp->day] < 0)
            ec->keep_first[kp->day] = i;
        ec->n_keep[kp->day]++;
    }
}

/* Case k's practice rules (rules.c): the element share in force, the
 * planned minutes each element may have (never below 0: fixed minutes
 * over the share are given; only the planner's own minutes are capped),
 * and each type's sessions left under weekly_sessions max. */
static int case_rules(struct eng *e, int k)
{
    const struct iss_team *t = e->team;
    struct eng_case *ec = &e->cases[k];
    const struct iss_case *c = ec->c;
    double el_min[ISS_ELEMENT_COUNT] = {0};
    int *n_fixed = iss_arena_calloc(e->arena, t->n_types + 1, sizeof(int));
    size_t j;
    int i, el;

    ec->type_max = iss_arena_calloc(e->arena, t->n_types + 1, sizeof(int));
    if (ec->type_max == NULL || n_fixed == NULL)
        return -1;
    ec->share = c->max_element_share > 0 ? c->max_element_share
                                         : t->policy.max_element_share;
    ec->fixed_minutes = 0;
    for (i = 0; i < e->n_fixed; i++) {
        const struct eng_fixed *f = &e->fixed[i];
        if (f->wc != k)
            continue;
        el_min[t->types[f->type].element] += f->len * SLOT_MINUTES;
        ec->fixed_minutes += f->len * SLOT_MINUTES;
        n_fixed[f->type]++;
    }
    for (el = 0; el < ISS_ELEMENT_COUNT; el++)
        ec->elem_free[el] = 0;
    for (j = 0; j < c->n_weekly_sessions; j++) {
        const struct iss_weekly_sessions *w = &c->weekly_sessions[j];
        const struct iss_session_type *st = &t->types[w->type];
        ec->elem_free[st->element] +=
            w->count * (st->n_lengths > 0 ? st->lengths[0] : 0);
    }
    for (j = 0; j < t->n_types; j++) {
        const struct iss_session_type *st = &t->types[j];
        if (st->n_lengths > 0 && ec->elem_free[st->element] < st->lengths[0])
            ec->elem_free[st->element] = st->lengths[0];
    }
    for (el = 0; el < ISS_ELEMENT_COUNT; el++) {
        double a = ec->share * (ec->need > ec->fixed_minutes
                                    ? ec->need
                                    : ec->fixed_minutes);
        if (a < ec->elem_free[el])
            a = ec->elem_free[el];
        ec->elem_cap[el] = a - el_min[el] > 0 ? a - el_min[el] : 0;
    }
    for (j = 0; j < t->n_types; j++)
        ec->type_max[j] = -1;
    for (j = 0; j < c->n_weekly_sessions; j++) {
        const struct iss_weekly_sessions *w = &c->weekly_sessions[j];
        if (w->max >= 0)
            ec->type_max[w->type] =
                w->max > n_fixed[w->type] ? w->max - n_fixed[w->type] : 0;
    }
    return 0;
}

/* Case k's week: requirements, fixed sessions, candidate staff. Returns
 * its weight in the week's need (minutes), or -1 if out of memory. */
static int build_case(struct eng *e, int k)
{
    const struct iss_team *t = e->team;
    struct eng_case *ec = &e->cases[k];
    const struct iss_case *c = ec->c;
    const struct iss_band *b = e->ws->bands[c->band];
    iss_date monday = e->monday;
    int edu, w, d;
    size_t j;

    ec->band = b;
    ec->max_distinct = c->max_distinct;
    phase_label(b, c, monday, ec->phase, sizeof ec->phase);
    ec->required =
        iss_band_week_minutes(b, c->order_start, c->order_end, monday);
    edu = case_days(e, ec);
    case_first_contact(e, ec);
    ec->edu_counted =
        c->rules.education_counts_max_minutes == ISS_EDUCATION_ALL
            ? edu
            : (edu < c->rules.education_counts_max_minutes
                   ? edu
                   : c->rules.education_counts_max_minutes);
    ec->need = ec->required - ec->edu_counted;
    if (ec->need < 0)
        ec->need = 0;
    ec->weekend_need =
        iss_band_weekend_contacts(b, c->order_start, c->order_end, monday);
    ec->type_need =
        iss_arena_calloc(e->arena, t->n_types + 1, sizeof *ec->type_need);
    if (ec->type_need == NULL)
        return -1;
    for (j = 0; j < c->n_weekly_sessions; j++)
        ec->type_need[c->weekly_sessions[j].type] =
            c->weekly_sessions[j].count;
    case_fixed_index(e, k);
    if (case_rules(e, k) != 0 || choose_staff(e, ec) != 0)
        return -1;
    if (ec->intensive) {
        for (j = 0; j < t->n_types; j++)
            if ((int)t->types[j].element < ISS_CORE_ELEMENTS &&
                (ec->types_ok >> j) & 1u)
                ec->core_need |= 1u << t->types[j].element;
    }
    w = ec->need;
    for (d = 0; d < 7; d++)
        w += ec->day_contacts[d] * 2 * SLOT_MINUTES;
    return w;
}

/* Which cases: those asked for (all by default) that are active in the
 * week, into want[]; counted in e->n_cases. */
static void build_want(struct eng *e, const struct iss_solve_opts *opts,
                       bool *want)
{
    const struct iss_workspace *ws = e->ws;
    size_t ci, j;

    if (opts->cases != NULL) {
        for (j = 0; j < opts->n_cases; j++)
            if (opts->cases[j] >= 0 && (size_t)opts->cases[j] < ws->n_cases)
                want[opts->cases[j]] = true;
    } else {
        for (ci = 0; ci < ws->n_cases; ci++)
            want[ci] = true;
    }
    for (ci = 0; ci < ws->n_cases; ci++)
        if (want[ci] && active_in_week(&ws->cases[ci], e->monday))
            e->n_cases++;
}

int eng_build(struct eng *e, const struct iss_workspace *ws, iss_date monday,
              const struct iss_solve_opts *opts, struct iss_error *err)
{
    const struct iss_team *t = &ws->team;
    const struct iss_policy *pol = &t->policy;
    int cap_fixed = 0, k;
    size_t ci;
    bool *want = NULL, *open_case = NULL, *has_published = NULL;
    double total_need = 0, total_avail = 0;

    memset(e, 0, sizeof *e);
    e->ws = ws;
    e->team = t;
    e->opts = opts;
    e->monday = monday;
    eng_weights_default(&e->w);
    e->arena = iss_arena_new();
    if (e->arena == NULL)
        return iss_fail(err, ISS_EFAIL, "out of memory");
    e->ps = t->day_earliest / SLOT_MINUTES;
    e->pe = t->day_latest / SLOT_MINUTES;
    e->tb = (pol->travel_minutes_between_sessions + SLOT_MINUTES - 1) /
            SLOT_MINUTES;
    e->gap = (pol->contact_gap_minutes + SLOT_MINUTES - 1) / SLOT_MINUTES;
    e->brk = e->tb;
    e->today = opts->today != ISS_DATE_NONE ? opts->today : ISS_DATE_NONE;
    e->now = opts->now;
    build_slots(e, monday);
    build_lengths(e);
    want = calloc(ws->n_cases + 1, sizeof *want);
    if (want == NULL)
        goto nomem;
    build_want(e, opts, want);
    e->cases = iss_arena_calloc(e->arena, (size_t)e->n_cases + 1,
                                sizeof *e->cases);
    e->n_staff = (int)t->n_staff;
    e->staff = iss_arena_calloc(e->arena, (size_t)e->n_staff + 1,
                                sizeof *e->staff);
    if (e->cases == NULL || e->staff == NULL)
        goto nomem;
    /* Fixed sessions: pins in the week, published ones (kept unless
     * re-planning). */
    for (ci = 0; ci < ws->n_cases; ci++)
        cap_fixed += (int)ws->cases[ci].n_pins;
    cap_fixed += (int)opts->n_published;
    e->fixed = iss_arena_calloc(e->arena, (size_t)cap_fixed + 1,
                                sizeof *e->fixed);
    e->keep = iss_arena_calloc(e->arena, opts->n_published + 1,
                               sizeof *e->keep);
    if (e->fixed == NULL || e->keep == NULL)
        goto nomem;
    open_case = calloc(ws->n_cases + 1, sizeof *open_case);
    has_published = calloc(ws->n_cases + 1, sizeof *has_published);
    if (open_case == NULL || has_published == NULL)
        goto nomem;
    build_open_cases(e, ws, monday, opts, open_case, has_published);
    k = 0;
    for (ci = 0; ci < ws->n_cases; ci++) {
        const struct iss_case *c = &ws->cases[ci];
        if (!want[ci] || !active_in_week(c, monday))
            continue;
        e->cases[k].ci = (int)ci;
        e->cases[k].c = c;
        build_case_fixed(e, cap_fixed, k, ci, open_case[ci], opts);
        k++;
    }
    qsort(e->fixed, (size_t)e->n_fixed, sizeof *e->fixed, fixed_cmp);
    qsort(e->keep, (size_t)e->n_keep, sizeof *e->keep, keep_cmp);
    for (k = 0; k < e->n_staff; k++) {
        build_staff(e, k, want);
        total_avail += e->staff[k].avail_minutes;
    }
    for (k = 0; k < e->n_cases; k++) {
        int w = build_case(e, k);
        if (w < 0)
            goto nomem;
        total_need += w;
    }
    /* A staff member's share of the planned minutes, in proportion to the
     * time they are available. */
    for (k = 0; k < e->n_staff; k++) {
        double ratio = total_avail > 0 ? total_need / total_avail : 0;
        if (ratio > 1)
            ratio = 1;
        e->staff[k].share = e->staff[k].avail_minutes * ratio;
    }
    free(want);
    free(open_case);
    free(has_published);
    return 0;
nomem:
    free(want);
    free(open_case);
    free(has_published);
    eng_free(e);
    return iss_fail(err, ISS_EFAIL, "out of memory");
}
