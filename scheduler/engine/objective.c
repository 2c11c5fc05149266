/* iss - the objective of a whole plan, computed directly.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * Used by the greedy improvement (greedy.c), the master (master.c) and
 * solve.c; it needs no master state, so it lives apart from master.c
 * (which made greedy.c -> master.c -> greedy.c a cycle).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

bool eng_kw_candidate(const struct eng *e, int wc)
{
    const struct eng_case *ec = &e->cases[wc];
    int k, d, kw = ec->c->key_worker;

    if (kw < 0)
        return false;
    for (k = 0; k < ec->n_staff; k++)
        if (ec->staff[k] == kw)
            break;
    if (k == ec->n_staff)
        return false;
    for (d = 0; d < 7; d++)
        if (ec->in_order[d] &&
            ((ec->free[d].w[0] & e->staff[kw].avail[d].w[0]) != 0 ||
             (ec->free[d].w[1] & e->staff[kw].avail[d].w[1]) != 0))
            return true;
    return false;
}

bool eng_kw_used(const struct eng *e, const struct pattern *plan, int wc,
                 int but)
{
    int d;

    for (d = 0; d < 7; d++)
        if (d != but && e->cases[wc].in_order[d] &&
            pat_has_staff(&plan[wc * 7 + d], e->cases[wc].c->key_worker))
            return true;
    return false;
}

int eng_plan_objective(const struct eng *e, const struct pattern *plan,
                       double *out, struct iss_error *err)
{
    const struct iss_team *t = e->team;
    size_t nt = t->n_types;
    int *staff_min = calloc((size_t)e->n_staff + 1, sizeof(int));
    int *types = calloc(nt + 1, sizeof(int));
    double obj = 0;
    int wc, d, i, j, s;

    if (staff_min == NULL || types == NULL) {
        free(staff_min);
        free(types);
        return iss_fail(err, ISS_EFAIL, "out of memory");
    }
    for (wc = 0; wc < e->n_cases; wc++) {
        const struct eng_case *ec = &e->cases[wc];
        int minutes = 0, wk = 0;
        uint8_t core = 0;
        memset(types, 0, sizeof(int) * nt);
        for (d = 0; d < 7; d++) {
            const struct pattern *p = &plan[wc * 7 + d];
            if (!ec->in_order[d])
                continue;
            obj += p->cost;
            minutes += p->slots * SLOT_MINUTES;
            if (d >= 5)
                wk += p->contacts < ec->weekend_need ? p->contacts
                                                     : ec->weekend_need;
            for (i = 0; i < p->n; i++) {
                const struct pat_session *ps = &p->s[i];
                int el = (int)t->types[ps->type].element;
                types[ps->type]++;
                if (el < ISS_CORE_ELEMENTS)
                    core |= (uint8_t)(1u << el);
                if (!ps->fixed)
                    for (j = 0; j < ps->n_staff; j++)
                        staff_min[ps->staff[j]] += ps->len * SLOT_MINUTES;
            }
        }
        if (minutes < ec->need)
            obj += e->w.minute_short * (ec->need - minutes);
        for (i = 0; i < (int)nt; i++)
            if (types[i] < ec->type_need[i])
                obj += e->w.session_short * (ec->type_need[i] - types[i]);
        for (i = 0; i < ISS_CORE_ELEMENTS; i++)
            if (((ec->core_need >> i) & 1u) && !((core >> i) & 1u))
                obj += e->w.core_short;
        if (wk < ec->weekend_need)
            obj += e->w.weekend_short * (ec->weekend_need - wk);
        if (eng_kw_candidate(e, wc) && !eng_kw_used(e, plan, wc, -1))
            obj += e->w.key_worker;
        {
            double x = eng_rules_excess(e, wc, plan);
            if (x > 0) /* never: any plan breaking a rule is worse */
                obj += 1e9 + RULE_WEIGHT * x;
        }
    }
    for (s = 0; s < e->n_staff; s++)
        if (e->staff[s].avail_minutes > 0 && staff_min[s] > e->staff[s].share)
            obj += e->w.overload * (staff_min[s] - e->staff[s].share);
    free(staff_min);
    free(types);
    *out = obj;
    return 0;
}
