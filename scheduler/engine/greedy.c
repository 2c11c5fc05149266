/* iss - the greedy plan, in two passes. First every child's contacts,
 * across the whole team: the scarcest day first (staff slots per contact
 * due), on each day the hardest child first, each child-day by the pricing
 * DP paid for nothing but its own cost (so only for the contacts it must
 * have). Then the hours, children one by one, hardest first: each day's
 * contacts are given back and the day re-priced with everything still
 * needed, but never with fewer contacts than the first pass found. Prices
 * forbid what other children took. It is the search's first incumbent, so a
 * time limit always returns a usable plan.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

#define TAKEN (-1e12)

struct order_item {
    int wc;
    double key;
};

static int order_cmp(const void *a, const void *b)
{
    const struct order_item *x = a, *y = b;

    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->wc - y->wc;
}

/* How hard a case is to serve: slots where it is free and some candidate
 * can work, per slot it needs. Double-staffed cases go first. */
static double difficulty(const struct eng *e, const struct eng_case *ec)
{
    double options = 0, demand = 1 + ec->need / (double)SLOT_MINUTES;
    int d, k;

    for (d = 0; d < 7; d++) {
        slotset any = {{0, 0}};
        if (!ec->in_order[d])
            continue;
        for (k = 0; k < ec->n_staff; k++) {
            any.w[0] |= e->staff[ec->staff[k]].avail[d].w[0];
            any.w[1] |= e->staff[ec->staff[k]].avail[d].w[1];
        }
        any.w[0] &= ec->free[d].w[0];
        any.w[1] &= ec->free[d].w[1];
        options += ss_count(&any);
        demand += ec->day_contacts[d] * 2;
    }
    return (ec->c->double_staffed ? -1e9 : 0) + options / demand;
}

/* Drop a pattern's planned sessions that break a staff cap, last first. */
static void fit_caps(const struct eng *e, struct pattern *p,
                     const int *cap_left)
{
    int *use = calloc((size_t)e->n_staff + 1, sizeof *use);
    int i, j;
    bool changed = true;

    if (use == NULL)
        return;
    while (changed) {
        changed = false;
        memset(use, 0, sizeof(int) * (size_t)e->n_staff);
        for (i = 0; i < p->n; i++)
            if (!p->s[i].fixed)
                for (j = 0; j < p->s[i].n_staff; j++)
                    use[p->s[i].staff[j]] += p->s[i].len * SLOT_MINUTES;
        for (i = p->n - 1; i >= 0 && !changed; i--) {
            if (p->s[i].fixed)
                continue;
            for (j = 0; j < p->s[i].n_staff; j++)
                if (use[p->s[i].staff[j]] > cap_left[p->s[i].staff[j]]) {
                    memmove(&p->s[i], &p->s[i + 1],
                            sizeof p->s[0] * (size_t)(p->n - i - 1));
                    p->n--;
                    changed = true;
                    break;
                }
        }
    }
    free(use);
    pat_finish(e, p);
}

static bool same_sessions(const struct pattern *a, const struct pattern *b)
{
    int i;

    if (a->n != b->n)
        return false;
    for (i = 0; i < a->n; i++)
        if (a->s[i].slot != b->s[i].slot || a->s[i].len != b->s[i].len ||
            a->s[i].type != b->s[i].type ||
            a->s[i].staff[0] != b->s[i].staff[0] ||
            a->s[i].staff[1] != b->s[i].staff[1])
            return false;
    return true;
}

/* What a day's planned sessions meet of the week's needs. */
static void account(const struct eng *e, const struct pattern *p,
                    int *type_left, uint8_t *core_left, int *need_left,
                    int *weekend_left)
{
    int k;

    for (k = 0; k < p->n; k++) {
        const struct pat_session *ps = &p->s[k];
        int el = (int)e->team->types[ps->type].element;
        if (ps->fixed)
            continue; /* counted before the days */
        type_left[ps->type]--;
        if (el < ISS_CORE_ELEMENTS)
            *core_left &= (uint8_t) ~(1u << el);
        *need_left -= ps->len;
    }
    if (p->day >= 5)
        *weekend_left -= p->contacts;
}

/* Each staff member's minutes left on day d: the day's cap and the
 * week's, less what is booked (used_day, used_week). */
static void caps_left(const struct eng *e, int d, const int *used_day,
                      const int *used_week, int *cap_left)
{
    int s;

    for (s = 0; s < e->n_staff; s++) {
        cap_left[s] = e->staff[s].cap_day[d] - used_day[s * 7 + d];
        if (e->staff[s].cap_week - used_week[s] < cap_left[s])
            cap_left[s] = e->staff[s].cap_week - used_week[s];
    }
}

void eng_book(const struct eng *e, const struct pattern *p,
              double *slot_price, int *used_day, int *used_week, int sign)
{
    int k, m, x, d = p->day;

    for (k = 0; k < p->n; k++) {
        const struct pat_session *ps = &p->s[k];
        if (ps->fixed)
            continue;
        for (m = 0; m < ps->n_staff; m++) {
            int st = ps->staff[m];
            double *row = slot_price + ((size_t)d * e->n_staff + st) *
                                           N_SLOTS;
            for (x = ps->slot; x < ps->slot + ps->len + e->tb &&
                               x < N_SLOTS; x++)
                row[x] = sign > 0 ? TAKEN : 0;
            used_day[st * 7 + d] += sign * ps->len * SLOT_MINUTES;
            used_week[st] += sign * ps->len * SLOT_MINUTES;
        }
    }
}

/* What the greedy pass wants of a child's day: the pattern's own cost
 * less what it pays toward needs still open (each capped at the need). */
struct wants {
    int need_cap_slots;       /* minutes paid up to this many slots */
    bool pay_minutes;
    const int *type_left;
    uint8_t core_left;
    int weekend_left;
};

static double greedy_value(const struct eng *e, const struct pattern *p,
                           const struct wants *w)
{
    const struct iss_team *t = e->team;
    size_t nt = t->n_types;
    int count[64] = {0}, i;
    uint8_t core = 0;
    double v = p->cost;

    for (i = 0; i < p->n; i++) {
        int ty = p->s[i].type, el = (int)t->types[ty].element;
        if (ty < 64)
            count[ty]++;
        if (el < ISS_CORE_ELEMENTS)
            core |= (uint8_t)(1u << el);
    }
    if (w->pay_minutes)
        v -= e->w.minute_short * SLOT_MINUTES *
             (p->slots < w->need_cap_slots ? p->slots : w->need_cap_slots);
    for (i = 0; i < (int)nt && i < 64; i++)
        if (w->type_left[i] > 0)
            v -= e->w.session_short *
                 (count[i] < w->type_left[i] ? count[i] : w->type_left[i]);
    for (i = 0; i < ISS_CORE_ELEMENTS; i++)
        if ((w->core_left >> i) & (core >> i) & 1u)
            v -= e->w.core_short;
    if (p->day >= 5 && w->weekend_left > 0)
        v -= e->w.weekend_short *
             (p->contacts < w->weekend_left ? p->contacts : w->weekend_left);
    return v;
}

/* Drop planned sessions while that makes the day better: the DP pays each
 * session's rewards in full, so it may place more than still needed. */
static void trim(const struct eng *e, struct pattern *p,
                 const struct wants *w)
{
    double best = greedy_value(e, p, w);

    for (;;) {
        int i, drop = -1;
        double drop_v = best;
        for (i = 0; i < p->n; i++) {
            struct pattern q;
            double v;
            if (p->s[i].fixed)
                continue;
            q = *p;
            memmove(&q.s[i], &q.s[i + 1],
                    sizeof q.s[0] * (size_t)(q.n - i - 1));
            q.n--;
            pat_finish(e, &q);
            v = greedy_value(e, &q, w);
            if (v < drop_v - 1e-9) {
                drop_v = v;
                drop = i;
            }
        }
        if (drop < 0)
            return;
        memmove(&p->s[drop], &p->s[drop + 1],
                sizeof p->s[0] * (size_t)(p->n - drop - 1));
        p->n--;
        pat_finish(e, p);
        best = drop_v;
    }
}

struct day_item {
    int d;
    double key;
};

static int day_cmp(const void *a, const void *b)
{
    const struct day_item *x = a, *y = b;

    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->d - y->d;
}

/* Do case ec want contacts on day d (daily, or step-down weekend ones)? */
static bool wants_contacts(const struct eng_case *ec, int d)
{
    return ec->in_order[d] && ss_count(&ec->free[d]) > 0 &&
           (ec->day_contacts[d] > 0 || (d >= 5 && ec->weekend_need > 0));
}

/* The first pass: every child's contacts, scarcest day first. first[i] is
 * the pattern found for child-day i (booked), has[i] whether there is
 * one. */
static void contacts_first(const struct eng *e, const bool *keep,
                           const struct order_item *order,
                           struct eng_dp *dp, double *slot_price,
                           double *minute_price, double *type_price,
                           int *type_cap, int *used_day, int *used_week,
                           int *cap_left, struct pattern *first, bool *has)
{
    struct day_item days[7];
    int *wk_left = calloc((size_t)e->n_cases + 1, sizeof *wk_left);
    int i, j, s, n_days = 0;

    if (wk_left == NULL)
        return;
    for (i = 0; i < e->n_cases; i++)
        wk_left[i] = e->cases[i].weekend_need;
    for (j = 0; j < 7; j++) {
        double supply = 0, demand = 0;
        for (s = 0; s < e->n_staff; s++)
            supply += ss_count(&e->staff[s].avail[j]);
        for (i = 0; i < e->n_cases; i++)
            if (wants_contacts(&e->cases[i], j))
                demand += e->cases[i].day_contacts[j] > 0
                              ? e->cases[i].day_contacts[j]
                              : 1;
        if (demand > 0) {
            days[n_days].d = j;
            days[n_days++].key = supply / demand;
        }
    }
    qsort(days, (size_t)n_days, sizeof *days, day_cmp);
    for (j = 0; j < (int)e->team->n_types; j++) {
        type_price[j] = 0;
        type_cap[j] = 0;
    }
    for (j = 0; j < n_days; j++) {
        int d = days[j].d;
        for (i = 0; i < e->n_cases; i++) {
            int wc = order[i].wc;
            const struct eng_case *ec = &e->cases[wc];
            struct pattern *p = &first[wc * 7 + d];
            struct eng_duals du;
            struct wants w;
            if (!wants_contacts(ec, d) || (keep != NULL && keep[wc * 7 + d]))
                continue;
            memset(&du, 0, sizeof du);
            du.type = type_price;
            du.type_cap = type_cap;
            du.weekend_cap = d >= 5 && wk_left[wc] > 0 ? wk_left[wc] : 0;
            du.weekend = du.weekend_cap > 0 ? e->w.weekend_short : 0;
            du.slot = slot_price + (size_t)d * e->n_staff * N_SLOTS;
            for (s = 0; s < e->n_staff; s++)
                minute_price[s] = -0.01 * used_week[s] / 60.0;
            caps_left(e, d, used_day, used_week, cap_left);
            du.minute = minute_price;
            eng_price(e, dp, wc, d, &du, cap_left, p);
            fit_caps(e, p, cap_left);
            w.need_cap_slots = 0;
            w.pay_minutes = false;
            w.type_left = type_cap;
            w.core_left = 0;
            w.weekend_left = du.weekend_cap;
            trim(e, p, &w);
            eng_book(e, p, slot_price, used_day, used_week, 1);
            if (d >= 5)
                wk_left[wc] -= p->contacts;
            has[wc * 7 + d] = true;
        }
    }
    free(wk_left);
}

int eng_greedy(const struct eng *e, struct pattern *out)
{
    return eng_greedy_complete(e, NULL, out);
}

int eng_greedy_complete(const struct eng *e, const bool *keep,
                        struct pattern *out)
{
    return eng_greedy_complete_first(e, keep, -1, out);
}

/* The scratch of the greedy passes: bookings and prices so far, the
 * first pass's patterns (first, has). */
struct greedy_state {
    struct eng_dp *dp;
    double *slot_price, *minute_price, *type_price;
    int *used_day, *used_week, *cap_left, *type_left, *type_cap;
    int *room; /* the practice rules' room by type (rules.c) */
    struct pattern *first;
    bool *has;
};

/* The second pass for case wc: each day's contacts given back and the
 * day re-priced with everything still needed, never with fewer contacts
 * than the first pass found. */
/* What case ec still needs of the week once its fixed sessions count:
 * slots, sessions by type (type_left), core elements; and its days with
 * free time. */
static void needs_after_fixed(const struct eng *e, const struct eng_case *ec,
                              int *type_left, uint8_t *core_left_out,
                              int *need_left_out, int *days_left_out)
{
    const struct iss_team *t = e->team;
    size_t nt = t->n_types;
    int d, j, days_left, need_left;
    uint8_t core_left = ec->core_need;

    need_left = (ec->need + SLOT_MINUTES - 1) / SLOT_MINUTES;
    for (j = 0; j < (int)nt; j++)
        type_left[j] = ec->type_need[j];
    for (d = 0; d < 7; d++) {
        int f;
        need_left -= ec->fixed_slots[d];
        for (f = 0; f < ec->n_fixed[d]; f++) {
            const struct eng_fixed *fx =
                &e->fixed[ec->fixed_first[d] + f];
            type_left[fx->type]--;
            if ((int)t->types[fx->type].element < ISS_CORE_ELEMENTS)
                core_left &= (uint8_t)~(
                    1u << t->types[fx->type].element);
        }
    }
    days_left = 0;
    for (d = 0; d < 7; d++)
        if (ec->in_order[d] && ss_count(&ec->free[d]) > 0)
            days_left++;
    *core_left_out = core_left;
    *need_left_out = need_left;
    *days_left_out = days_left;
}

static void hours_of_case(const struct eng *e, const bool *keep, int wc,
                          const struct greedy_state *g, struct pattern *out)
{
    const struct iss_team *t = e->team;
    size_t nt = t->n_types;
    struct eng_dp *dp = g->dp;
    double *slot_price = g->slot_price, *minute_price = g->minute_price;
    double *type_price = g->type_price;
    int *used_day = g->used_day, *used_week = g->used_week;
    int *cap_left = g->cap_left, *type_left = g->type_left;
    int *type_cap = g->type_cap;
    struct pattern *first = g->first;
    bool *has = g->has;
    int d, j, days_left, need_left;
    const struct eng_case *ec = &e->cases[wc];
    uint8_t core_left = ec->core_need;
    int weekend_left = ec->weekend_need;

    needs_after_fixed(e, ec, type_left, &core_left, &need_left, &days_left);
    for (d = 0; d < 7; d++) {
        struct eng_duals du;
        struct pattern *p = &out[wc * 7 + d];
        int s, target;
        bool has_free = ec->in_order[d] && ss_count(&ec->free[d]) > 0;

        memset(&du, 0, sizeof du);
        du.weekend_cap = weekend_left > 0 ? weekend_left : 0;
        du.need = need_left > 0 ? e->w.minute_short : 0;
        target = has_free && days_left > 0
                     ? (need_left + days_left - 1) / days_left
                     : 0;
        if (target < 0)
            target = 0;
        du.need_cap_slots = target + ec->fixed_slots[d];
        if (du.need_cap_slots == 0)
            du.need = 0;
        for (j = 0; j < (int)nt; j++) {
            type_price[j] = type_left[j] > 0 ? e->w.session_short : 0;
            type_cap[j] = type_left[j] > 0 ? type_left[j] : 0;
        }
        du.type = type_price;
        du.type_cap = type_cap;
        eng_rules_room(e, wc, d, out, false, g->room);
        du.type_room = g->room;
        du.core_open = core_left;
        for (j = 0; j < ISS_CORE_ELEMENTS; j++)
            du.core[j] = (core_left >> j) & 1u ? e->w.core_short : 0;
        du.weekend = d >= 5 && weekend_left > 0 ? e->w.weekend_short : 0;
        /* slot prices of this day, by staff: [d][staff][slot] */
        du.slot = slot_price + (size_t)d * e->n_staff * N_SLOTS;
        for (s = 0; s < e->n_staff; s++)
            minute_price[s] = -0.01 * used_week[s] / 60.0;
        caps_left(e, d, used_day, used_week, cap_left);
        du.minute = minute_price;
        if (has[wc * 7 + d]) {
            /* Give the day's contacts back, then re-price the day with
             * everything: cap_left counts them as free again. */
            eng_book(e, &first[wc * 7 + d], slot_price, used_day,
                     used_week, -1);
            caps_left(e, d, used_day, used_week, cap_left);
        }
        if (keep == NULL || !keep[wc * 7 + d])
            eng_price(e, dp, wc, d, &du, cap_left, p);
        if (keep != NULL && keep[wc * 7 + d]) {
            account(e, p, type_left, &core_left, &need_left,
                    &weekend_left);
            if (has_free)
                days_left--;
            continue;
        }
        fit_caps(e, p, cap_left);
        {
            struct wants w;
            w.need_cap_slots = du.need_cap_slots;
            w.pay_minutes = du.need > 0;
            w.type_left = type_left;
            w.core_left = core_left;
            w.weekend_left = d >= 5 ? weekend_left : 0;
            trim(e, p, &w);
        }
        /* Never fewer contacts than the first pass secured. */
        if (has[wc * 7 + d] && p->contacts < first[wc * 7 + d].contacts)
            *p = first[wc * 7 + d];
        /* The occupancy [start, end + travel): another child's
         * session priced over its own occupancy cannot overlap it,
         * before or after. */
        eng_book(e, p, slot_price, used_day, used_week, 1);
        account(e, p, type_left, &core_left, &need_left, &weekend_left);
        if (has_free)
            days_left--;
    }
}

int eng_greedy_complete_first(const struct eng *e, const bool *keep,
                              int first_wc, struct pattern *out)
{
    const struct iss_team *t = e->team;
    size_t nt = t->n_types;
    struct order_item *order = calloc((size_t)e->n_cases + 1, sizeof *order);
    double *slot_price = calloc((size_t)e->n_staff * 7 * N_SLOTS + 1,
                                sizeof(double));
    double *minute_price = calloc((size_t)e->n_staff + 1, sizeof(double));
    double *type_price = calloc(nt + 1, sizeof(double));
    int *used_day = calloc((size_t)e->n_staff * 7 + 1, sizeof(int));
    int *used_week = calloc((size_t)e->n_staff + 1, sizeof(int));
    int *cap_left = calloc((size_t)e->n_staff + 1, sizeof(int));
    int *type_left = calloc(nt + 1, sizeof(int));
    int *type_cap = calloc(nt + 1, sizeof(int));
    int *room = calloc(nt + 1, sizeof(int));
    struct pattern *first =
        calloc((size_t)e->n_cases * 7 + 1, sizeof *first);
    bool *has = calloc((size_t)e->n_cases * 7 + 1, sizeof *has);
    struct eng_dp *dp = eng_dp_new(e);
    int i, rc = 0;

    if (order == NULL || slot_price == NULL || minute_price == NULL ||
        type_price == NULL || used_day == NULL || used_week == NULL ||
        cap_left == NULL || type_left == NULL || type_cap == NULL ||
        room == NULL || first == NULL || has == NULL || dp == NULL) {
        rc = -1;
        goto out;
    }
    for (i = 0; i < e->n_cases; i++) {
        order[i].wc = i;
        order[i].key = difficulty(e, &e->cases[i]);
    }
    qsort(order, (size_t)e->n_cases, sizeof *order, order_cmp);
    /* The large-neighbourhood search puts the child it is for first. */
    for (i = 1; first_wc >= 0 && i < e->n_cases; i++)
        if (order[i].wc == first_wc) {
            struct order_item x = order[i];
            memmove(&order[1], &order[0], sizeof *order * (size_t)i);
            order[0] = x;
            break;
        }
    /* Patterns kept from a partial plan take their staff first. */
    if (keep != NULL)
        for (i = 0; i < e->n_cases * 7; i++)
            if (keep[i])
                eng_book(e, &out[i], slot_price, used_day, used_week, 1);
    contacts_first(e, keep, order, dp, slot_price, minute_price, type_price,
                   type_cap, used_day, used_week, cap_left, first, has);
    {
        struct greedy_state g;
        g.dp = dp;
        g.slot_price = slot_price;
        g.minute_price = minute_price;
        g.type_price = type_price;
        g.used_day = used_day;
        g.used_week = used_week;
        g.cap_left = cap_left;
        g.type_left = type_left;
        g.type_cap = type_cap;
        g.room = room;
        g.first = first;
        g.has = has;
        for (i = 0; i < e->n_cases; i++)
            hours_of_case(e, keep, order[i].wc, &g, out);
    }
    eng_rules_fix(e, out);
out:
    free(room);
    eng_dp_free(dp);
    free(order);
    free(slot_price);
    free(minute_price);
    free(type_price);
    free(used_day);
    free(used_week);
    free(cap_left);
    free(type_left);
    free(type_cap);
    free(first);
    free(has);
    return rc;
}

/* ---- local search ---- */


void eng_duals_around(const struct eng *e, const struct pattern *plan,
                      int wc, int d, const struct eng_around *a,
                      struct eng_duals *du)
{
    const struct iss_team *t = e->team;
    const struct eng_case *ec = &e->cases[wc];
    size_t nt = t->n_types;
    double *slot_price = a->slot_price, *minute_price = a->minute_price;
    double *type_price = a->type_price;
    int *used_day = a->used_day, *used_week = a->used_week;
    int *cap_left = a->cap_left, *type_cap = a->type_cap;
    int mins = 0, wk = 0, dd, k, j, s;
    uint8_t core = 0;

    /* What the rest of the child's week already gives. */
    for (j = 0; j < (int)nt; j++)
        type_cap[j] = ec->type_need[j];
    for (dd = 0; dd < 7; dd++) {
        const struct pattern *p = &plan[wc * 7 + dd];
        if (dd == d || !ec->in_order[dd])
            continue;
        mins += p->slots * SLOT_MINUTES;
        if (dd >= 5)
            wk += p->contacts;
        for (k = 0; k < p->n; k++) {
            int el = (int)t->types[p->s[k].type].element;
            type_cap[p->s[k].type]--;
            if (el < ISS_CORE_ELEMENTS)
                core |= (uint8_t)(1u << el);
        }
    }
    memset(du, 0, sizeof *du);
    du->need = mins < ec->need ? e->w.minute_short : 0;
    du->need_cap_minutes = ec->need - mins > 0 ? ec->need - mins : 1;
    for (j = 0; j < (int)nt; j++) {
        if (type_cap[j] < 0)
            type_cap[j] = 0;
        type_price[j] = type_cap[j] > 0 ? e->w.session_short : 0;
    }
    du->type = type_price;
    du->type_cap = type_cap;
    eng_rules_room(e, wc, d, plan, true, a->room);
    du->type_room = a->room;
    du->core_open = ec->core_need & (uint8_t)~core;
    for (j = 0; j < ISS_CORE_ELEMENTS; j++)
        du->core[j] = (du->core_open >> j) & 1u ? e->w.core_short : 0;
    du->weekend_cap = ec->weekend_need - wk > 0 ? ec->weekend_need - wk : 0;
    du->weekend = du->weekend_cap > 0 ? e->w.weekend_short : 0;
    du->slot = slot_price + (size_t)d * e->n_staff * N_SLOTS;
    for (s = 0; s < e->n_staff; s++)
        minute_price[s] = 0;
    caps_left(e, d, used_day, used_week, cap_left);
    du->minute = minute_price;
    if (eng_kw_candidate(e, wc) && !eng_kw_used(e, plan, wc, d)) {
        du->kw = e->w.key_worker;
        du->kw_staff = ec->c->key_worker;
    }
}


int eng_improve(const struct eng *e, struct pattern *plan, int passes,
                double deadline)
{
    size_t nt = e->team->n_types;
    double *slot_price = calloc((size_t)e->n_staff * 7 * N_SLOTS + 1,
                                sizeof(double));
    double *minute_price = calloc((size_t)e->n_staff + 1, sizeof(double));
    double *type_price = calloc(nt + 1, sizeof(double));
    int *used_day = calloc((size_t)e->n_staff * 7 + 1, sizeof(int));
    int *used_week = calloc((size_t)e->n_staff + 1, sizeof(int));
    int *cap_left = calloc((size_t)e->n_staff + 1, sizeof(int));
    int *type_cap = calloc(nt + 1, sizeof(int));
    int *room = calloc(nt + 1, sizeof(int));
    struct eng_dp *dp = eng_dp_new(e);
    struct pattern *cand = malloc(sizeof *cand);
    int pass, wc, d, changes = 0;
    double obj;
    struct eng_around ar;

    if (slot_price == NULL || minute_price == NULL || type_price == NULL ||
        used_day == NULL || used_week == NULL || cap_left == NULL ||
        type_cap == NULL || room == NULL || dp == NULL || cand == NULL) {
        changes = -1;
        goto out;
    }
    if (eng_plan_objective(e, plan, &obj, NULL) != 0) {
        changes = -1;
        goto out;
    }
    ar.slot_price = slot_price;
    ar.minute_price = minute_price;
    ar.type_price = type_price;
    ar.used_day = used_day;
    ar.used_week = used_week;
    ar.cap_left = cap_left;
    ar.type_cap = type_cap;
    ar.room = room;
    for (pass = 0; pass < passes; pass++) {
        int changed = 0;
        for (wc = 0; wc < e->n_cases; wc++) {
            const struct eng_case *ec = &e->cases[wc];
            for (d = 0; d < 7; d++) {
                struct eng_duals du;
                struct pattern old;
                int k;
                double nobj;
                if (!ec->in_order[d] || eng_now() > deadline)
                    continue;
                /* Bookings of everything but this child-day. */
                memset(slot_price, 0,
                       sizeof(double) * (size_t)e->n_staff * 7 * N_SLOTS);
                memset(used_day, 0, sizeof(int) * (size_t)e->n_staff * 7);
                memset(used_week, 0, sizeof(int) * (size_t)e->n_staff);
                for (k = 0; k < e->n_cases * 7; k++)
                    if (k != wc * 7 + d)
                        eng_book(e, &plan[k], slot_price, used_day,
                                 used_week, 1);
                eng_duals_around(e, plan, wc, d, &ar, &du);
                eng_price(e, dp, wc, d, &du, cap_left, cand);
                fit_caps(e, cand, cap_left);
                if (same_sessions(cand, &plan[wc * 7 + d]))
                    continue;
                old = plan[wc * 7 + d];
                plan[wc * 7 + d] = *cand;
                if (eng_plan_objective(e, plan, &nobj, NULL) != 0) {
                    plan[wc * 7 + d] = old;
                    changes = -1;
                    goto out;
                }
                if (nobj < obj - 1e-9) {
                    obj = nobj;
                    changed++;
                } else {
                    plan[wc * 7 + d] = old;
                }
            }
        }
        changes += changed;
        if (changed == 0 || eng_now() > deadline)
            break;
    }
out:
    free(slot_price);
    free(minute_price);
    free(type_price);
    free(used_day);
    free(used_week);
    free(cap_left);
    free(type_cap);
    free(room);
    eng_dp_free(dp);
    free(cand);
    return changes;
}
