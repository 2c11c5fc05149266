/* iss - practice rules of a child's week (issue 13): at most
 * max_element_share of the planned session minutes of any one element,
 * and at most weekly_sessions[].max sessions of a type. Fixed sessions
 * (pins, published ones that stay) are given: only what the planner adds
 * is capped (docs/solver.md, "Practice rules").
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <limits.h>
#include <stdio.h>
#include <math.h>
#include <string.h>

#include "engine.h"

#define RULE_EPS 1e-6

struct rule_use {
    double el[ISS_ELEMENT_COUNT];  /* planned minutes by element */
    double total;                  /* planned minutes */
    int type[256];                 /* planned sessions by type */
};

/* What the planner adds in case wc's week: every day of plan, or (skip >=
 * 0) every day but skip, or (before >= 0) the days before it. */
static void rule_use(const struct eng *e, int wc, const struct pattern *plan,
                     int skip, int before, struct rule_use *u)
{
    const struct eng_case *ec = &e->cases[wc];
    int d, k;

    memset(u, 0, sizeof *u);
    for (d = 0; d < 7; d++) {
        const struct pattern *p = &plan[wc * 7 + d];
        if (!ec->in_order[d] || d == skip || (before >= 0 && d >= before))
            continue;
        for (k = 0; k < p->n; k++) {
            const struct pat_session *s = &p->s[k];
            double m = s->len * SLOT_MINUTES;
            if (s->fixed)
                continue;
            u->el[e->team->types[s->type].element] += m;
            u->total += m;
            u->type[s->type]++;
        }
    }
}

static double use_excess(const struct eng *e, const struct eng_case *ec,
                         const struct rule_use *u)
{
    size_t t, nt = e->team->n_types < 256 ? e->team->n_types : 256;
    double x = 0;
    int el;

    if (ec->share < 1)
        for (el = 0; el < ISS_ELEMENT_COUNT; el++) {
            double over = u->el[el] - ec->elem_cap[el];
            if (el != ISS_ELEMENT_SURVEILLANCE && over > RULE_EPS)
                x += over;
        }
    for (t = 0; t < nt; t++)
        if (ec->type_max[t] >= 0 && u->type[t] > ec->type_max[t])
            x += 60.0 * (u->type[t] - ec->type_max[t]);
    return x;
}

double eng_rules_excess(const struct eng *e, int wc, const struct pattern *plan)
{
    struct rule_use u;

    rule_use(e, wc, plan, -1, -1, &u);
    return use_excess(e, &e->cases[wc], &u);
}

void eng_rules_room(const struct eng *e, int wc, int day,
                    const struct pattern *plan, bool all_days, int *room)
{
    const struct eng_case *ec = &e->cases[wc];
    size_t t, nt = e->team->n_types < 256 ? e->team->n_types : 256;
    struct rule_use u;

    rule_use(e, wc, plan, day, all_days ? -1 : day, &u);
    for (t = 0; t < nt; t++) {
        int el = (int)e->team->types[t].element;
        double r = ec->elem_cap[el] - u.el[el];
        if (ec->type_max[t] >= 0 && u.type[t] >= ec->type_max[t])
            room[t] = 0;
        else if (ec->share >= 1 || el == ISS_ELEMENT_SURVEILLANCE)
            room[t] = INT_MAX;
        else
            room[t] = r <= 0 ? 0 : (int)floor(r / SLOT_MINUTES + RULE_EPS);
    }
}

/* May the planned session s of case ec take type ty instead: a length of
 * the type and a staff member holding one of its roles. */
static bool retype_ok(const struct eng *e, const struct pat_session *s,
                      int ty)
{
    const struct iss_session_type *st = &e->team->types[ty];
    size_t j;
    int k;
    bool len_ok = false, role_ok = false;

    for (j = 0; j < st->n_lengths; j++)
        if (st->lengths[j] == s->len * SLOT_MINUTES)
            len_ok = true;
    for (k = 0; k < s->n_staff; k++)
        if (s->staff[k] >= 0 && (e->team->staff[s->staff[k]].roles & st->roles))
            role_ok = true;
    return len_ok && role_ok;
}

/* Case wc's part of the objective with its rules' excess far above it:
 * its patterns' costs and what its week misses (as eng_plan_objective). */
static double case_score(const struct eng *e, int wc,
                         const struct pattern *plan, double *excess)
{
    const struct eng_case *ec = &e->cases[wc];
    const struct iss_team *t = e->team;
    size_t nt = t->n_types < 256 ? t->n_types : 256, ty;
    int types[256] = {0}, minutes = 0, wk = 0, d, i;
    uint8_t core = 0;
    double v = 0;

    for (d = 0; d < 7; d++) {
        const struct pattern *p = &plan[wc * 7 + d];
        if (!ec->in_order[d])
            continue;
        v += p->cost;
        minutes += p->slots * SLOT_MINUTES;
        if (d >= 5)
            wk += p->contacts;
        for (i = 0; i < p->n; i++) {
            int el = (int)t->types[p->s[i].type].element;
            types[p->s[i].type]++;
            if (el < ISS_CORE_ELEMENTS)
                core |= (uint8_t)(1u << el);
        }
    }
    if (minutes < ec->need)
        v += e->w.minute_short * (ec->need - minutes);
    for (ty = 0; ty < nt; ty++)
        if (types[ty] < ec->type_need[ty])
            v += e->w.session_short * (ec->type_need[ty] - types[ty]);
    for (i = 0; i < ISS_CORE_ELEMENTS; i++)
        if (((ec->core_need >> i) & 1u) && !((core >> i) & 1u))
            v += e->w.core_short;
    if (wk < ec->weekend_need)
        v += e->w.weekend_short * (ec->weekend_need - wk);
    *excess = eng_rules_excess(e, wc, plan);
    return v + 1e6 * *excess;
}

/* Drop session k of p. */
static void drop_session(const struct eng *e, struct pattern *p, int k)
{
    memmove(&p->s[k], &p->s[k + 1], sizeof p->s[0] * (size_t)(p->n - k - 1));
    p->n--;
    pat_finish(e, p);
}

/* One change to case wc's week that lowers its excess: of every retype
 * of a planned session (same time, staff and length, another type) and
 * every drop of one, the one that leaves the case's week best. False if
 * none lowers the excess. */
static bool rules_step(const struct eng *e, int wc, struct pattern *plan,
                       double before)
{
    size_t nt = e->team->n_types < 256 ? e->team->n_types : 256;
    int d, k, bd = -1, bk = -1, bty = -1;
    double best = INFINITY, x, v;

    for (d = 0; d < 7; d++) {
        struct pattern *p = &plan[wc * 7 + d];
        for (k = 0; k < p->n; k++) {
            struct pat_session *s = &p->s[k];
            struct pattern keep = *p;
            uint8_t was = s->type;
            size_t ty;
            if (s->fixed)
                continue;
            for (ty = 0; ty < nt; ty++) {
                if ((int)ty == was || !retype_ok(e, s, (int)ty))
                    continue;
                s->type = (uint8_t)ty;
                pat_finish(e, p);
                v = case_score(e, wc, plan, &x);
                *p = keep;
                if (x < before - RULE_EPS && v < best) {
                    best = v;
                    bd = d;
                    bk = k;
                    bty = (int)ty;
                }
            }
            drop_session(e, p, k);
            v = case_score(e, wc, plan, &x);
            *p = keep;
            if (x < before - RULE_EPS && v < best) {
                best = v;
                bd = d;
                bk = k;
                bty = -1;
            }
        }
    }
    if (bd < 0)
        return false;
    if (bty >= 0) {
        plan[wc * 7 + bd].s[bk].type = (uint8_t)bty;
        pat_finish(e, &plan[wc * 7 + bd]);
    } else {
        drop_session(e, &plan[wc * 7 + bd], bk);
    }
    return true;
}

int eng_rules_fix(const struct eng *e, struct pattern *plan)
{
    int wc, changes = 0;

    for (wc = 0; wc < e->n_cases; wc++) {
        double x = eng_rules_excess(e, wc, plan);
        int guard = 0;
        while (x > RULE_EPS && guard++ < 1000) {
            if (!rules_step(e, wc, plan, x))
                break;
            changes++;
            x = eng_rules_excess(e, wc, plan);
        }
        if (x > RULE_EPS) { /* never met: nothing planned is lawful */
            int d;
            for (d = 0; d < 7; d++) {
                struct pattern *p = &plan[wc * 7 + d];
                int k, n = 0;
                for (k = 0; k < p->n; k++)
                    if (p->s[k].fixed)
                        p->s[n++] = p->s[k];
                changes += p->n - n;
                p->n = n;
                pat_finish(e, p);
            }
        }
    }
    return changes;
}

int eng_rules_limited(const struct eng *e, int wc, const struct pattern *plan,
                      char *buf, size_t size)
{
    const struct eng_case *ec = &e->cases[wc];
    const struct iss_team *t = e->team;
    size_t nt = t->n_types < 256 ? t->n_types : 256, ty, at = 0;
    struct rule_use u;
    int el, n = 0;

    rule_use(e, wc, plan, -1, -1, &u);
    if (size > 0)
        buf[0] = '\0';
    for (el = 0; el < ISS_ELEMENT_COUNT && ec->share < 1; el++) {
        bool can = false;
        for (ty = 0; ty < nt && ty < 64; ty++)
            if ((int)t->types[ty].element == el &&
                ((ec->types_ok >> ty) & 1u))
                can = true;
        if (!can || el == ISS_ELEMENT_SURVEILLANCE ||
            u.el[el] + SLOT_MINUTES <= ec->elem_cap[el] + RULE_EPS)
            continue;
        at += (size_t)snprintf(buf + at, at < size ? size - at : 0,
                               "%s%s", n ? ", " : "",
                               iss_element_name((enum iss_element)el));
        n++;
    }
    for (ty = 0; ty < nt; ty++) {
        if (ec->type_max[ty] < 0 || u.type[ty] < ec->type_max[ty])
            continue;
        at += (size_t)snprintf(buf + at, at < size ? size - at : 0,
                               "%s%s sessions (weekly_sessions max)",
                               n ? ", " : "", t->types[ty].id);
        n++;
    }
    return n;
}
