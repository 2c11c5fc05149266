/* iss - a large-neighbourhood search around the greedy plan, and the key
 * worker's repair (issue 13).
 *
 * The score the search keeps to is the model's objective
 * (eng_plan_objective), the key workers' term included. The search
 * frees the whole week of a child with something short (a contact, a
 * core element, a weekly session, minutes, its key worker) together with
 * one to five children whose sessions hold the staff that child could use
 * (its key worker's, half the time when that is what is short), and
 * plans them again by the greedy passes (eng_greedy_complete) around
 * everything else, that child first; the new plan is kept when its score
 * is no worse. Children and their partners are drawn by a fixed
 * pseudo-random sequence, so the same input gives the same plan whenever
 * the iteration budget, not the deadline, ends the search.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

#define TAKEN (-1e12)
#define STALL_PER_CASE 5 /* iterations a child without a better score */
#define PARTNERS 5       /* children freed with the one short: 1..5 */

/* Is anything of case wc's week short in plan? */
static bool case_short(const struct eng *e, const struct pattern *plan,
                       int wc)
{
    const struct eng_case *ec = &e->cases[wc];
    const struct iss_team *t = e->team;
    int d, i, minutes = 0, n_types = (int)t->n_types;
    uint8_t core = 0;
    int types[64] = {0};

    if (eng_kw_candidate(e, wc) && !eng_kw_used(e, plan, wc, -1))
        return true;
    for (d = 0; d < 7; d++) {
        const struct pattern *p = &plan[wc * 7 + d];
        if (!ec->in_order[d])
            continue;
        if (p->contacts < ec->day_contacts[d])
            return true;
        minutes += p->slots * SLOT_MINUTES;
        for (i = 0; i < p->n; i++) {
            int el = (int)t->types[p->s[i].type].element;
            if (p->s[i].type < 64)
                types[p->s[i].type]++;
            if (el < ISS_CORE_ELEMENTS)
                core |= (uint8_t)(1u << el);
        }
    }
    if (minutes < ec->need || (ec->core_need & ~core) != 0)
        return true;
    for (i = 0; i < n_types && i < 64; i++)
        if (types[i] < ec->type_need[i])
            return true;
    return false;
}

/* ---- the key worker's repair ---- */

/* Bookings of a plan: slot prices [day][staff][slot], minutes used. */
struct books {
    double *slot_price;
    int *used_day;
    int *used_week;
};

static void book_one(const struct eng *e, const struct pattern *p,
                     struct books *b, int sign)
{
    eng_book(e, p, b->slot_price, b->used_day, b->used_week, sign);
}

/* Re-price child-day (wc, d) with everything else held (b books all of
 * plan but that day), paying the key workers' weight for a session with
 * the key worker (eng_duals_around) and keeping the practice rules (type_cap has room for 2 * (nt + 1)). */
static void kw_price(const struct eng *e, struct eng_dp *dp,
                     const struct pattern *plan, int wc, int d,
                     const struct books *b, double *minute_price,
                     double *type_price, int *type_cap, int *cap_left,
                     struct pattern *out)
{
    struct eng_around a = {
        .slot_price = b->slot_price, .minute_price = minute_price,
        .type_price = type_price, .used_day = b->used_day,
        .used_week = b->used_week, .cap_left = cap_left,
        .type_cap = type_cap, .room = type_cap + e->team->n_types + 1};
    struct eng_duals du;

    eng_duals_around(e, plan, wc, d, &a, &du);
    eng_price(e, dp, wc, d, &du, cap_left, out);
}

/* Do p's planned sessions keep every staff member within cap_left? */
static bool within_caps(const struct pattern *p,
                        const int *cap_left)
{
    int i, j, k;

    for (i = 0; i < p->n; i++)
        for (j = 0; j < p->s[i].n_staff; j++) {
            int st = p->s[i].staff[j], use = 0;
            if (p->s[i].fixed)
                continue;
            for (k = 0; k < p->n; k++)
                if (!p->s[k].fixed &&
                    (p->s[k].staff[0] == st ||
                     (p->s[k].n_staff > 1 && p->s[k].staff[1] == st)))
                    use += p->s[k].len * SLOT_MINUTES;
            if (use > cap_left[st])
                return false;
        }
    return true;
}

int eng_kw_repair(const struct eng *e, struct pattern *plan,
                  const bool *only, double deadline)
{
    size_t nt = e->team->n_types, ncd = (size_t)e->n_cases * 7;
    struct books b;
    double *minute_price = calloc((size_t)e->n_staff + 1, sizeof(double));
    double *type_price = calloc(nt + 1, sizeof(double));
    /* type_cap[nt + 1] then the rules' room[nt + 1] (kw_price) */
    int *type_cap = calloc(2 * (nt + 1), sizeof(int));
    int *cap_left = calloc((size_t)e->n_staff + 1, sizeof(int));
    struct pattern *cand = malloc(sizeof *cand);
    struct eng_dp *dp = eng_dp_new(e);
    double score;
    int wc, d, fixed = 0;
    size_t k;

    b.slot_price = calloc((size_t)e->n_staff * 7 * N_SLOTS + 1,
                          sizeof(double));
    b.used_day = calloc((size_t)e->n_staff * 7 + 1, sizeof(int));
    b.used_week = calloc((size_t)e->n_staff + 1, sizeof(int));
    if (minute_price == NULL || type_price == NULL || type_cap == NULL ||
        cap_left == NULL || cand == NULL || dp == NULL ||
        b.slot_price == NULL || b.used_day == NULL || b.used_week == NULL) {
        fixed = -1;
        goto out;
    }
    for (k = 0; k < ncd; k++)
        book_one(e, &plan[k], &b, 1);
    if (eng_plan_objective(e, plan, &score, NULL) != 0) {
        fixed = -1;
        goto out;
    }
    for (wc = 0; wc < e->n_cases; wc++) {
        const struct eng_case *ec = &e->cases[wc];
        if ((only != NULL && !only[wc]) || !eng_kw_candidate(e, wc) ||
            eng_kw_used(e, plan, wc, -1))
            continue;
        for (d = 0; d < 7 && eng_now() < deadline; d++) {
            struct pattern old;
            double ns;
            int kw = ec->c->key_worker;
            if (!ec->in_order[d] || ss_count(&ec->free[d]) == 0 ||
                ss_count(&e->staff[kw].avail[d]) == 0)
                continue;
            old = plan[wc * 7 + d];
            book_one(e, &old, &b, -1);
            kw_price(e, dp, plan, wc, d, &b, minute_price, type_price,
                     type_cap, cap_left, cand);
            if (cand->n > 0 && within_caps(cand, cap_left)) {
                plan[wc * 7 + d] = *cand;
                if (eng_plan_objective(e, plan, &ns, NULL) != 0) {
                    plan[wc * 7 + d] = old;
                    fixed = -1;
                    goto out;
                }
                if (ns < score - 1e-9) {
                    score = ns;
                    book_one(e, cand, &b, 1);
                    fixed++;
                    break;
                }
                plan[wc * 7 + d] = old;
            }
            book_one(e, &old, &b, 1);
        }
    }
out:
    free(minute_price);
    free(type_price);
    free(type_cap);
    free(cap_left);
    free(cand);
    eng_dp_free(dp);
    free(b.slot_price);
    free(b.used_day);
    free(b.used_week);
    return fixed;
}

/* ---- the search ---- */

static uint64_t next_rand(uint64_t *x)
{
    *x = *x * 6364136223846793005ULL + 1442695040888963407ULL;
    return *x >> 33;
}

/* Does case oc hold, on a day target is in order, a session of one of
 * the staff target could use (its key worker alone when want_kw)? */
static bool holds_staff_of(const struct eng *e, const struct pattern *plan,
                           int target, int oc, bool want_kw)
{
    const struct eng_case *ec = &e->cases[target];
    int d, i, j, k;

    for (d = 0; d < 7; d++) {
        const struct pattern *p = &plan[oc * 7 + d];
        if (!ec->in_order[d] || ss_count(&ec->free[d]) == 0)
            continue;
        for (i = 0; i < p->n; i++) {
            if (p->s[i].fixed)
                continue;
            for (j = 0; j < p->s[i].n_staff; j++) {
                int st = p->s[i].staff[j];
                if (!ss_any(&ec->free[d], p->s[i].slot,
                            p->s[i].slot + p->s[i].len))
                    continue;
                if (want_kw) {
                    if (st == ec->c->key_worker)
                        return true;
                    continue;
                }
                for (k = 0; k < ec->n_staff; k++)
                    if (ec->staff[k] == st)
                        return true;
            }
        }
    }
    return false;
}

int eng_lns(const struct eng *e, struct pattern *plan, int iterations,
            double deadline, bool *cut)
{
    size_t ncd = (size_t)e->n_cases * 7;
    struct pattern *work = malloc(sizeof *work * (ncd + 1));
    bool *keep = malloc(sizeof *keep * (ncd + 1));
    bool *freed = calloc((size_t)e->n_cases + 1, sizeof *freed);
    int *pool = malloc(sizeof *pool * ((size_t)e->n_cases + 1));
    int *shortc = malloc(sizeof *shortc * ((size_t)e->n_cases + 1));
    uint64_t rnd = 0x9e3779b97f4a7c15ULL;
    double score;
    int it, kept = 0, wc, stall;

    if (work == NULL || keep == NULL || freed == NULL || pool == NULL ||
        shortc == NULL) {
        kept = -1;
        goto out;
    }
    if (eng_plan_objective(e, plan, &score, NULL) != 0) {
        kept = -1;
        goto out;
    }
    /* It also stops after STALL_PER_CASE iterations a child in a row
     * without a better score: what is short is then not mendable by
     * re-planning a few weeks, and the master may use the time. */
    for (it = 0, stall = 0; it < iterations && eng_now() < deadline &&
                            stall < STALL_PER_CASE * e->n_cases;
         it++) {
        int n_short = 0, n_pool = 0, target, n_free = 0, partners;
        bool want_kw;
        double ns;
        for (wc = 0; wc < e->n_cases; wc++)
            if (case_short(e, plan, wc))
                shortc[n_short++] = wc;
        if (n_short == 0)
            break;
        target = shortc[next_rand(&rnd) % (uint64_t)n_short];
        want_kw = eng_kw_candidate(e, target) &&
                  !eng_kw_used(e, plan, target, -1) &&
                  next_rand(&rnd) % 2 == 0;
        for (wc = 0; wc < e->n_cases; wc++)
            if (wc != target &&
                holds_staff_of(e, plan, target, wc, want_kw))
                pool[n_pool++] = wc;
        memset(freed, 0, sizeof *freed * (ncd / 7));
        freed[target] = true;
        n_free = 1;
        partners = 1 + (int)(next_rand(&rnd) % PARTNERS);
        while (n_pool > 0 && n_free <= partners) {
            int k = (int)(next_rand(&rnd) % (uint64_t)n_pool);
            freed[pool[k]] = true;
            pool[k] = pool[--n_pool];
            n_free++;
        }
        memcpy(work, plan, sizeof *work * ncd);
        for (size_t i = 0; i < ncd; i++)
            keep[i] = !freed[i / 7];
        if (eng_greedy_complete_first(e, keep, target, work) != 0) {
            kept = -1;
            goto out;
        }
        if (eng_kw_repair(e, work, freed, deadline) < 0) {
            kept = -1;
            goto out;
        }
        if (eng_plan_objective(e, work, &ns, NULL) != 0) {
            kept = -1;
            goto out;
        }
        if (ns <= score + 1e-9) {
            if (ns < score - 1e-9) {
                kept++;
                stall = -1;
            }
            score = ns;
            memcpy(plan, work, sizeof *work * ncd);
        }
        stall++;
    }
    if (it < iterations && eng_now() >= deadline && cut != NULL)
        *cut = true;
    if (e->opts->progress != NULL)
        fprintf(e->opts->progress,
                "iss: lns      %8.1f s  %d iterations, %d better, "
                "score %.1f\n",
                eng_now() - e->t0, it, kept, score);
out:
    free(work);
    free(keep);
    free(freed);
    free(pool);
    free(shortc);
    return kept;
}
