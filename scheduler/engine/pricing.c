/* iss - pricing: the best day pattern of one child under prices, by an
 * exact dynamic programme over the day's quarter hours.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * State at a slot: contacts made so far (capped at what the day can use),
 * session slots so far, and quarter hours since the last session ended
 * (capped at the contact gap; "no session yet" is the cap). From a state
 * one may idle a quarter hour or start a session of any length whose best
 * type and staff for that start were tabulated first: staff choices are
 * independent because a child's sessions are at least the staff travel
 * time apart, so their staff occupancies never overlap. Fixed sessions
 * (pins, published) are forced transitions. The terminal cost adds the
 * contacts short, the spread of the day's hours and the price of minutes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "iss/plan.h"

#define INF 1e30

enum { ACT_IDLE = -1, ACT_FIXED0 = -2 }; /* >= 0: a length index */

struct eng_dp {
    size_t n_states;          /* allocated entries of val/back */
    double *val;
    int32_t *from;            /* predecessor entry */
    int16_t *act;
    int n_cand;
    double *prefix;           /* [cand * (N_SLOTS + 1)] */
    double *sc;               /* [cand] */
    double *tbl;              /* [length index * N_SLOTS] */
    int16_t *tbl_type;
    int16_t *tbl_s1;
    int16_t *tbl_s2;
    uint32_t *type_lmask;     /* per team type: bit li if allowed */
    double *full;             /* [(li * N_SLOTS + i) * nt + type] */
    int16_t *full_s1;
    int16_t *full_s2;
    /* The same with the key worker as one of the staff (docs/solver.md:
     * the key worker's row), when its reward is tracked. */
    double *kw_tbl;
    int16_t *kw_tbl_type;
    int16_t *kw_tbl_s1;
    int16_t *kw_tbl_s2;
    double *kw_full;
    int16_t *kw_full_s1;
    int16_t *kw_full_s2;
    struct rewards *rw;
};

struct rewards;
static size_t sizeof_rewards(void);

struct eng_dp *eng_dp_new(const struct eng *e)
{
    struct eng_dp *dp = calloc(1, sizeof *dp);
    size_t t, nt = e->team->n_types;
    int max_cand = 1, k;

    if (dp == NULL)
        return NULL;
    for (k = 0; k < e->n_cases; k++)
        if (e->cases[k].n_staff > max_cand)
            max_cand = e->cases[k].n_staff;
    dp->n_cand = max_cand;
    dp->prefix = malloc(sizeof(double) * (size_t)max_cand * (N_SLOTS + 1));
    dp->sc = malloc(sizeof(double) * (size_t)max_cand);
    dp->tbl = malloc(sizeof(double) * MAX_LENGTHS * N_SLOTS);
    dp->tbl_type = malloc(sizeof(int16_t) * MAX_LENGTHS * N_SLOTS);
    dp->tbl_s1 = malloc(sizeof(int16_t) * MAX_LENGTHS * N_SLOTS);
    dp->tbl_s2 = malloc(sizeof(int16_t) * MAX_LENGTHS * N_SLOTS);
    dp->type_lmask = calloc(nt + 1, sizeof(uint32_t));
    {
        size_t ntc = nt < 256 ? nt : 256;
        size_t cells = (size_t)MAX_LENGTHS * N_SLOTS * (ntc + 1);
        dp->full = malloc(sizeof(double) * cells);
        dp->full_s1 = malloc(sizeof(int16_t) * cells);
        dp->full_s2 = malloc(sizeof(int16_t) * cells);
        dp->kw_full = malloc(sizeof(double) * cells);
        dp->kw_full_s1 = malloc(sizeof(int16_t) * cells);
        dp->kw_full_s2 = malloc(sizeof(int16_t) * cells);
        dp->rw = calloc(1, sizeof_rewards());
    }
    dp->kw_tbl = malloc(sizeof(double) * MAX_LENGTHS * N_SLOTS);
    dp->kw_tbl_type = malloc(sizeof(int16_t) * MAX_LENGTHS * N_SLOTS);
    dp->kw_tbl_s1 = malloc(sizeof(int16_t) * MAX_LENGTHS * N_SLOTS);
    dp->kw_tbl_s2 = malloc(sizeof(int16_t) * MAX_LENGTHS * N_SLOTS);
    if (dp->prefix == NULL || dp->sc == NULL || dp->tbl == NULL ||
        dp->tbl_type == NULL || dp->tbl_s1 == NULL || dp->tbl_s2 == NULL ||
        dp->type_lmask == NULL || dp->full == NULL || dp->full_s1 == NULL ||
        dp->full_s2 == NULL || dp->rw == NULL || dp->kw_tbl == NULL ||
        dp->kw_tbl_type == NULL || dp->kw_tbl_s1 == NULL ||
        dp->kw_tbl_s2 == NULL || dp->kw_full == NULL ||
        dp->kw_full_s1 == NULL || dp->kw_full_s2 == NULL) {
        eng_dp_free(dp);
        return NULL;
    }
    for (t = 0; t < nt; t++) {
        size_t j;
        int li;
        for (j = 0; j < e->team->types[t].n_lengths; j++)
            for (li = 0; li < e->n_lengths; li++)
                if (e->lengths[li] * SLOT_MINUTES ==
                    e->team->types[t].lengths[j])
                    dp->type_lmask[t] |= 1u << li;
    }
    return dp;
}

void eng_dp_free(struct eng_dp *dp)
{
    if (dp == NULL)
        return;
    free(dp->val);
    free(dp->from);
    free(dp->act);
    free(dp->prefix);
    free(dp->sc);
    free(dp->tbl);
    free(dp->tbl_type);
    free(dp->tbl_s1);
    free(dp->tbl_s2);
    free(dp->type_lmask);
    free(dp->full);
    free(dp->full_s1);
    free(dp->full_s2);
    free(dp->kw_tbl);
    free(dp->kw_tbl_type);
    free(dp->kw_tbl_s1);
    free(dp->kw_tbl_s2);
    free(dp->kw_full);
    free(dp->kw_full_s1);
    free(dp->kw_full_s2);
    free(dp->rw);
    free(dp);
}

static bool dp_reserve(struct eng_dp *dp, size_t n)
{
    double *v;
    int32_t *f;
    int16_t *a;

    if (n <= dp->n_states)
        return true;
    v = realloc(dp->val, n * sizeof *v);
    if (v == NULL)
        return false;
    dp->val = v;
    f = realloc(dp->from, n * sizeof *f);
    if (f == NULL)
        return false;
    dp->from = f;
    a = realloc(dp->act, n * sizeof *a);
    if (a == NULL)
        return false;
    dp->act = a;
    dp->n_states = n;
    return true;
}

/* ---- pattern costs ---- */

static double odd_hours(const struct eng *e, int slot, int len)
{
    int i, n = 0;

    for (i = slot; i < slot + len; i++)
        if (i < 36 || i >= 80) /* before 09:00, from 20:00 */
            n++;
    return e->w.odd_hours * n;
}

static double spread_cost(const struct eng *e, int slots)
{
    double h = slots / 4.0;

    return e->w.spread * h * h;
}

static double staff_cost(const struct eng_case *ec, int staff)
{
    int j;

    for (j = 0; j < ec->n_staff; j++)
        if (ec->staff[j] == staff)
            return ec->staff_cost[j];
    return 0;
}

/* The contact rule is the plan's and the report's (plan/contacts.c), in
 * slots. */
int pat_contacts(const struct eng *e, const struct pattern *p)
{
    int start[MAX_PAT_SESSIONS], end[MAX_PAT_SESSIONS], i;

    for (i = 0; i < p->n; i++) {
        start[i] = p->s[i].slot;
        end[i] = p->s[i].slot + p->s[i].len;
    }
    return iss_count_contacts(start, end, (size_t)p->n, e->gap);
}

bool pat_has_staff(const struct pattern *p, int staff)
{
    int i;

    for (i = 0; i < p->n; i++)
        if (p->s[i].staff[0] == staff ||
            (p->s[i].n_staff > 1 && p->s[i].staff[1] == staff))
            return true;
    return false;
}

/* How many of a day's published sessions (re-plan) the pattern keeps
 * exactly. */
int pat_kept(const struct eng *e, const struct pattern *p)
{
    const struct eng_case *ec = &e->cases[p->wc];
    int i, k, n = 0;

    for (k = 0; k < ec->n_keep[p->day]; k++) {
        const struct eng_keep *kp = &e->keep[ec->keep_first[p->day] + k];
        for (i = 0; i < p->n; i++) {
            const struct pat_session *s = &p->s[i];
            if (!s->fixed && s->slot == kp->slot && s->len == kp->len &&
                s->type == kp->type && s->n_staff == kp->n_staff &&
                s->staff[0] == kp->staff[0] &&
                (kp->n_staff < 2 || s->staff[1] == kp->staff[1])) {
                n++;
                break;
            }
        }
    }
    return n;
}

double pat_cost(const struct eng *e, const struct pattern *p)
{
    const struct eng_case *ec = &e->cases[p->wc];
    double cost = 0;
    int i, j, short_by = ec->day_contacts[p->day] - p->contacts;

    if (short_by > 0)
        cost += e->w.contact_short * short_by;
    for (i = 0; i < p->n; i++) {
        const struct pat_session *s = &p->s[i];
        if (s->fixed)
            continue;
        for (j = 0; j < s->n_staff; j++)
            cost += staff_cost(ec, s->staff[j]);
        cost += odd_hours(e, s->slot, s->len) + e->w.per_session;
    }
    cost += spread_cost(e, p->slots);
    if (ec->n_keep[p->day] > 0)
        cost += e->w.moved * (ec->n_keep[p->day] - pat_kept(e, p));
    return cost;
}

static int pat_session_cmp(const void *a, const void *b)
{
    const struct pat_session *x = a, *y = b;

    return (int)x->slot - (int)y->slot;
}

void pat_finish(const struct eng *e, struct pattern *p)
{
    int i;

    qsort(p->s, (size_t)p->n, sizeof p->s[0], pat_session_cmp);
    p->slots = 0;
    for (i = 0; i < p->n; i++)
        p->slots += p->s[i].len;
    p->contacts = pat_contacts(e, p);
    p->cost = pat_cost(e, p);
}

/* The empty pattern of a day: its fixed sessions only. */
static void pat_fixed_only(const struct eng *e, int wc, int day,
                           struct pattern *p)
{
    const struct eng_case *ec = &e->cases[wc];
    int i;

    p->wc = wc;
    p->day = day;
    p->n = 0;
    for (i = 0; i < ec->n_fixed[day] && p->n < MAX_PAT_SESSIONS; i++) {
        const struct eng_fixed *f = &e->fixed[ec->fixed_first[day] + i];
        struct pat_session *s = &p->s[p->n++];
        s->slot = (uint8_t)f->slot;
        s->len = (uint8_t)f->len;
        s->type = (uint8_t)f->type;
        s->fixed = true;
        s->n_staff = (uint8_t)f->n_staff;
        s->staff[0] = (int16_t)f->staff[0];
        s->staff[1] = (int16_t)(f->n_staff > 1 ? f->staff[1] : -1);
    }
    pat_finish(e, p);
}

/* ---- the DP ---- */

#define QMAX 64               /* reward states tracked exactly */
#define MAX_ITEMS 8
#define REWARD_EPS 1e-9

/* A reward the DP tracks exactly: a session type paid at most radix - 1
 * times, or a core element paid once. */
struct item {
    int type;                 /* >= 0 for a type item */
    int element;              /* >= 0 for a core item */
    int radix;
    int stride;
    double dual;
};

struct rewards {
    struct item items[MAX_ITEMS];
    int n_items;
    int Q;                    /* reward states */
    int type_item[256];       /* by type, or -1 */
    int core_item[ISS_CORE_ELEMENTS];
    double relaxed[256];      /* paid on every session of the type */
    bool tracked[256];
    /* The key worker's row: paid once, on the first session with the
     * key worker (candidate kw_k), state bit q % 2 (kw_k < 0: none). */
    int kw_k;
    double kw_dual;
};

static int item_cmp(const void *a, const void *b)
{
    const struct item *x = a, *y = b;

    if (x->dual != y->dual)
        return x->dual > y->dual ? -1 : 1;
    if (x->type != y->type)
        return x->type - y->type;
    return x->element - y->element;
}

/* Decide which rewards are tracked (the largest, while the states stay
 * few) and which are paid uncapped (a relaxation: the bound stays
 * valid). */
static void setup_rewards(const struct eng *e, const struct eng_case *ec,
                          const struct eng_duals *du, struct rewards *rw)
{
    const struct iss_team *t = e->team;
    size_t nt = t->n_types < 256 ? t->n_types : 256, ty;
    struct item cand[256 + ISS_CORE_ELEMENTS];
    int n = 0, k, el;
    const int *cap;

    rw->n_items = 0;
    rw->Q = 1;
    for (ty = 0; ty < 256; ty++) {
        rw->type_item[ty] = -1;
        rw->relaxed[ty] = 0;
        rw->tracked[ty] = false;
    }
    for (el = 0; el < ISS_CORE_ELEMENTS; el++)
        rw->core_item[el] = -1;
    rw->kw_k = -1;
    rw->kw_dual = 0;
    if (du == NULL)
        return;
    if (du->kw > REWARD_EPS)
        for (k = 0; k < ec->n_staff; k++)
            if (ec->staff[k] == du->kw_staff) {
                rw->kw_k = k;
                rw->kw_dual = du->kw;
                rw->Q = 2; /* the other items' strides start at 2 */
            }
    cap = du->type_cap != NULL ? du->type_cap : ec->type_need;
    for (ty = 0; ty < nt; ty++) {
        if (!((ec->types_ok >> ty) & 1u) || du->type[ty] <= REWARD_EPS ||
            cap[ty] <= 0)
            continue;
        if (cap[ty] > 3) {
            rw->relaxed[ty] += du->type[ty];
            continue;
        }
        cand[n].type = (int)ty;
        cand[n].element = -1;
        cand[n].radix = cap[ty] + 1;
        cand[n].dual = du->type[ty];
        n++;
    }
    for (el = 0; el < ISS_CORE_ELEMENTS; el++) {
        if (!((du->core_open >> el) & 1u) || du->core[el] <= REWARD_EPS)
            continue;
        cand[n].type = -1;
        cand[n].element = el;
        cand[n].radix = 2;
        cand[n].dual = du->core[el];
        n++;
    }
    qsort(cand, (size_t)n, sizeof cand[0], item_cmp);
    for (k = 0; k < n; k++) {
        struct item *it = &cand[k];
        if (rw->n_items < MAX_ITEMS && rw->Q * it->radix <= QMAX) {
            it->stride = rw->Q;
            rw->Q *= it->radix;
            if (it->type >= 0)
                rw->type_item[it->type] = rw->n_items;
            else
                rw->core_item[it->element] = rw->n_items;
            rw->items[rw->n_items++] = *it;
        } else if (it->type >= 0) {
            rw->relaxed[it->type] += it->dual;
        } else {
            for (ty = 0; ty < nt; ty++)
                if ((int)t->types[ty].element == it->element)
                    rw->relaxed[ty] += it->dual;
        }
    }
    for (ty = 0; ty < nt; ty++) {
        el = (int)t->types[ty].element;
        rw->tracked[ty] = rw->type_item[ty] >= 0 ||
                          (el < ISS_CORE_ELEMENTS && rw->core_item[el] >= 0);
    }
}

/* The tracked reward of one more session of type ty in reward state q;
 * *q2 gets the state after it. */
static double reward_of(const struct eng *e, const struct rewards *rw,
                        int ty, int q, int *q2)
{
    int el = (int)e->team->types[ty].element, nq = q, ix;
    double r = 0;

    ix = ty < 256 ? rw->type_item[ty] : -1;
    if (ix >= 0) {
        const struct item *it = &rw->items[ix];
        if ((q / it->stride) % it->radix < it->radix - 1) {
            r += it->dual;
            nq += it->stride;
        }
    }
    ix = el < ISS_CORE_ELEMENTS ? rw->core_item[el] : -1;
    if (ix >= 0) {
        const struct item *it = &rw->items[ix];
        if ((q / it->stride) % 2 == 0) {
            r += it->dual;
            nq += it->stride;
        }
    }
    *q2 = nq;
    return r;
}

/* The key worker's reward for a session with staff[0..n) in state q
 * (*q2: the state after it). */
static double kw_reward(const struct rewards *rw, const int *staff, int n,
                        const struct eng_case *ec, int q, int *q2)
{
    int j;

    *q2 = q;
    if (rw->kw_k < 0 || q % 2 != 0)
        return 0;
    for (j = 0; j < n; j++)
        if (staff[j] == ec->staff[rw->kw_k]) {
            *q2 = q + 1;
            return rw->kw_dual;
        }
    return 0;
}

#define ACT_SESSION(li, tt) ((li) * 128 + (tt) + 1) /* tt = -1: plain */
#define ACT_KEEP0 4096       /* + k: keep the day's k-th published session */
#define ACT_KW0 8192         /* + ACT_SESSION: with the key worker */

/* The cost of keeping published session kp as it is, before rewards, or
 * INF when it can no longer be (staff gone, not free, over a cap). */
static double keep_cost(const struct eng *e, const struct eng_case *ec,
                        const struct eng_keep *kp, int day,
                        const struct eng_duals *du, const int *cap_left)
{
    double v = odd_hours(e, kp->slot, kp->len) + e->w.per_session;
    int j, k, x;

    if (!ss_all(&ec->free[day], kp->slot, kp->slot + kp->len))
        return INF;
    for (j = 0; j < kp->n_staff; j++) {
        int s = kp->staff[j], end = kp->slot + kp->len + e->tb;
        double sc = e->w.other_staff;
        if (s < 0 || !ec->c->permitted[s] ||
            !ss_all(&e->staff[s].avail[day], kp->slot, kp->slot + kp->len) ||
            (cap_left != NULL && cap_left[s] < kp->len * SLOT_MINUTES))
            return INF;
        for (k = 0; k < ec->n_staff; k++)
            if (ec->staff[k] == s)
                sc = ec->staff_cost[k];
        v += sc;
        if (du != NULL) {
            if (end > N_SLOTS)
                end = N_SLOTS;
            for (x = kp->slot; x < end; x++)
                v -= du->slot[(size_t)s * N_SLOTS + x];
            v -= du->minute[s] * kp->len * SLOT_MINUTES;
        }
    }
    return v;
}

/* One pricing call: its inputs, the day's bounds and the tables its steps
 * share. */
struct price_ctx {
    const struct eng *e;
    const struct eng_case *ec;
    struct eng_dp *dp;
    const struct eng_duals *du;
    const int *cap_left;
    struct rewards *rw;
    const slotset *free_s;
    int day, wk_need;
    int K, M, Gm, Q, lo, hi, span, S;
    int f0, nf, k0, nk, n_trk;
    size_t nt;
    int trk[256];
    double keepv[64];
};

/* The day's bounds: contacts K, planned slots M, the gap cap Gm and the
 * span [lo, hi) that free and fixed slots cover. False if it is empty. */
static bool price_bounds(struct price_ctx *x)
{
    const struct eng *e = x->e;
    const struct eng_case *ec = x->ec;
    int day = x->day, free_slots = ss_count(x->free_s), i, k;

    x->K = ec->day_contacts[day] > x->wk_need ? ec->day_contacts[day]
                                              : x->wk_need;
    /* m counts planned slots; the day's cap is shared with fixed ones. */
    x->M = ec->day_cap[day] - ec->fixed_slots[day];
    if (x->M > free_slots)
        x->M = free_slots;
    if (x->M < 0)
        x->M = 0;
    x->Gm = e->gap > e->brk ? e->gap : e->brk;
    if (x->Gm < 1)
        x->Gm = 1;
    x->f0 = ec->fixed_first[day];
    x->nf = ec->n_fixed[day];
    x->lo = N_SLOTS;
    x->hi = 0;
    for (i = 0; i < N_SLOTS; i++)
        if (ss_has(x->free_s, i)) {
            if (i < x->lo)
                x->lo = i;
            x->hi = i + 1;
        }
    for (k = 0; k < x->nf; k++) {
        const struct eng_fixed *f = &e->fixed[x->f0 + k];
        if (f->slot < x->lo)
            x->lo = f->slot;
        if (f->slot + f->len > x->hi)
            x->hi = f->slot + f->len;
    }
    return x->lo < x->hi;
}

/* Each candidate staff member's price for a session of L slots from i
 * into dp->sc (INF if unavailable); *top1 and *top2 get the cheapest two
 * (-1 if none). */
static inline void tab_staff(const struct price_ctx *x, int i, int L,
                             int *top1, int *top2)
{
    const struct eng *e = x->e;
    const struct eng_case *ec = x->ec;
    struct eng_dp *dp = x->dp;
    int k;

    *top1 = -1;
    *top2 = -1;
    for (k = 0; k < ec->n_staff; k++) {
        int s = ec->staff[k];
        const double *P = dp->prefix + (size_t)k * (N_SLOTS + 1);
        int occ_end = i + L + e->tb;
        double v;
        if (occ_end > N_SLOTS)
            occ_end = N_SLOTS;
        if (!ss_all(&e->staff[s].avail[x->day], i, i + L) ||
            (x->cap_left != NULL && x->cap_left[s] < L * SLOT_MINUTES)) {
            dp->sc[k] = INF;
            continue;
        }
        v = ec->staff_cost[k] + (P[occ_end] - P[i]);
        if (x->du != NULL)
            v += -x->du->minute[s] * L * SLOT_MINUTES;
        dp->sc[k] = v;
        if (*top1 < 0 || v < dp->sc[*top1]) {
            *top2 = *top1;
            *top1 = k;
        } else if (*top2 < 0 || v < dp->sc[*top2]) {
            *top2 = k;
        }
    }
}

/* The session of type ty in cell with the key worker as one of its staff
 * (leading, or the partner of a double-staffed case): r1, r1b the
 * cheapest two who may lead it, top1, top2 the cheapest two of all; extra
 * what the session costs besides its staff. Into dp->kw_full (a tracked
 * type) or dp->kw_tbl (the cheapest untracked one). */
static inline void tab_kw(const struct price_ctx *x, size_t cell, int ty,
                          int r1, int r1b, int top1, int top2, double extra)
{
    const struct eng_case *ec = x->ec;
    struct eng_dp *dp = x->dp;
    int kk = x->rw->kw_k, lead = -1, partner = -1;
    double v = INF;

    if (dp->sc[kk] >= INF)
        return;
    if (ec->staff_role_ok[(size_t)kk * x->e->team->n_types + ty]) {
        if (!ec->c->double_staffed) {
            lead = kk;
            v = dp->sc[kk];
        } else {
            int p = top1 != kk ? top1 : top2;
            if (p >= 0) {
                lead = kk;
                partner = p;
                v = dp->sc[kk] + dp->sc[p];
            }
        }
    }
    if (ec->c->double_staffed) {
        int r = r1 != kk ? r1 : r1b;
        if (r >= 0 && dp->sc[r] + dp->sc[kk] < v) {
            lead = r;
            partner = kk;
            v = dp->sc[r] + dp->sc[kk];
        }
    }
    if (lead < 0)
        return;
    v += extra;
    if (x->rw->tracked[ty]) {
        dp->kw_full[cell * x->nt + ty] = v;
        dp->kw_full_s1[cell * x->nt + ty] = (int16_t)ec->staff[lead];
        dp->kw_full_s2[cell * x->nt + ty] =
            (int16_t)(partner >= 0 ? ec->staff[partner] : -1);
    } else if (v < dp->kw_tbl[cell]) {
        dp->kw_tbl[cell] = v;
        dp->kw_tbl_type[cell] = (int16_t)ty;
        dp->kw_tbl_s1[cell] = (int16_t)ec->staff[lead];
        dp->kw_tbl_s2[cell] = (int16_t)(partner >= 0 ? ec->staff[partner]
                                                     : -1);
    }
}

/* For the session of length index li from slot i: each tracked type's
 * price and staff into dp->full, the cheapest untracked ("plain") type
 * into dp->tbl (and the same with the key worker, tab_kw). */
static inline void tab_types(const struct price_ctx *x, int li, int i,
                             int top1, int top2)
{
    const struct eng *e = x->e;
    const struct eng_case *ec = x->ec;
    const struct iss_team *t = e->team;
    struct eng_dp *dp = x->dp;
    const struct rewards *rw = x->rw;
    size_t ty, nt = x->nt, cell = (size_t)li * N_SLOTS + i;
    double bestv = INF;
    int bt = -1, b1 = -1, b2 = -1, L = e->lengths[li], k;

    for (ty = 0; ty < nt; ty++) {
        const uint8_t *ok = ec->staff_role_ok;
        int r1 = -1, r1b = -1, partner;
        double v, extra;
        if (!((ec->types_ok >> ty) & 1u) ||
            !((dp->type_lmask[ty] >> li) & 1u) ||
            (x->du != NULL && x->du->type_room != NULL &&
             L > x->du->type_room[ty]))
            continue;
        for (k = 0; k < ec->n_staff; k++)
            if (dp->sc[k] < INF && ok[(size_t)k * t->n_types + ty]) {
                if (r1 < 0 || dp->sc[k] < dp->sc[r1]) {
                    r1b = r1;
                    r1 = k;
                } else if (r1b < 0 || dp->sc[k] < dp->sc[r1b]) {
                    r1b = k;
                }
            }
        if (r1 < 0)
            continue;
        extra = odd_hours(e, i, L) + e->w.per_session - rw->relaxed[ty];
        if (x->du != NULL && x->du->type_session != NULL)
            extra += x->du->type_session[ty] +
                     x->du->type_minute[ty] * L * SLOT_MINUTES;
        if (rw->kw_k >= 0)
            tab_kw(x, cell, (int)ty, r1, r1b, top1, top2, extra);
        v = dp->sc[r1];
        partner = -1;
        if (ec->c->double_staffed) {
            partner = top1 != r1 ? top1 : top2;
            if (partner < 0)
                continue;
            v += dp->sc[partner];
        }
        v += extra;
        if (rw->tracked[ty]) {
            dp->full[cell * nt + ty] = v;
            dp->full_s1[cell * nt + ty] = (int16_t)ec->staff[r1];
            dp->full_s2[cell * nt + ty] =
                (int16_t)(partner >= 0 ? ec->staff[partner] : -1);
        } else if (v < bestv) {
            bestv = v;
            bt = (int)ty;
            b1 = ec->staff[r1];
            b2 = partner >= 0 ? ec->staff[partner] : -1;
        }
    }
    if (bt >= 0) {
        dp->tbl[cell] = bestv;
        dp->tbl_type[cell] = (int16_t)bt;
        dp->tbl_s1[cell] = (int16_t)b1;
        dp->tbl_s2[cell] = (int16_t)b2;
    }
}

/* Tabulate, for each length and start, each type's best staff and the
 * best "plain" (untracked) session. */
static void price_tabulate(struct price_ctx *x)
{
    const struct eng *e = x->e;
    const struct eng_case *ec = x->ec;
    struct eng_dp *dp = x->dp;
    int i, k, li;

    for (k = 0; k < ec->n_staff; k++) {
        int s = ec->staff[k];
        double *P = dp->prefix + (size_t)k * (N_SLOTS + 1);
        P[0] = 0;
        for (i = 0; i < N_SLOTS; i++)
            P[i + 1] = P[i] + (x->du ? -x->du->slot[(size_t)s * N_SLOTS + i]
                                     : 0);
    }
    for (li = 0; li < e->n_lengths; li++) {
        int L = e->lengths[li];
        double *row = dp->tbl + (size_t)li * N_SLOTS;
        double *kw_row = dp->kw_tbl + (size_t)li * N_SLOTS;
        for (i = 0; i < N_SLOTS; i++)
            row[i] = kw_row[i] = INF;
        for (i = x->lo; i + L <= x->hi; i++) {
            int top1, top2;
            size_t cell = (size_t)li * N_SLOTS + i;
            for (k = 0; k < x->n_trk; k++)
                dp->full[cell * x->nt + x->trk[k]] =
                    dp->kw_full[cell * x->nt + x->trk[k]] = INF;
            if (!ss_all(x->free_s, i, i + L))
                continue;
            tab_staff(x, i, L, &top1, &top2);
            if (top1 < 0)
                continue;
            tab_types(x, li, i, top1, top2);
        }
    }
}

/* Re-plan: what keeping each published session of the day costs. */
static void price_keeps(struct price_ctx *x)
{
    const struct eng *e = x->e;
    int k;

    x->k0 = x->ec->keep_first[x->day];
    x->nk = x->ec->n_keep[x->day];
    for (k = 0; k < x->nk && k < 64; k++) {
        const struct eng_keep *kp = &e->keep[x->k0 + k];
        x->keepv[k] = keep_cost(e, x->ec, kp, x->day, x->du, x->cap_left);
        if (x->keepv[k] < INF && x->du != NULL && kp->type < 256)
            x->keepv[k] -= x->rw->relaxed[kp->type];
        if (x->keepv[k] < INF && x->du != NULL && x->du->type_room != NULL &&
            kp->len > x->du->type_room[kp->type])
            x->keepv[k] = INF;
        if (x->keepv[k] < INF && x->du != NULL &&
            x->du->type_session != NULL)
            x->keepv[k] += x->du->type_session[kp->type] +
                           x->du->type_minute[kp->type] * kp->len *
                               SLOT_MINUTES;
    }
    if (x->nk > 64)
        x->nk = 64;
}

/* Entry x of the DP gets value v from entry from by action act if that
 * is cheaper. */
static inline void dp_relax(struct eng_dp *dp, int x, double v, int from,
                            int act)
{
    if (v < dp->val[x]) {
        dp->val[x] = v;
        dp->from[x] = from;
        dp->act[x] = (int16_t)act;
    }
}

/* From state st at position p (value v; nc contacts after a session
 * here, m slots, reward state q): the forced fixed session fx. */
static inline void dp_fixed(const struct price_ctx *x, int p, int st,
                            double v, int nc, int m, int q, int fx)
{
    const struct eng *e = x->e;
    const struct eng_fixed *f = &e->fixed[fx];
    double fv = v;
    int q2 = q, M = x->M, Gm = x->Gm, Q = x->Q, ns, qq;

    qq = p + f->len > x->span ? x->span : p + f->len;
    if (x->du != NULL) {
        int q3;
        fv -= reward_of(e, x->rw, f->type, q, &q3);
        fv -= kw_reward(x->rw, f->staff, f->n_staff, x->ec, q3, &q2);
        if (f->type < 256)
            fv -= x->rw->relaxed[f->type];
    }
    ns = ((nc * (M + 1) + m) * (Gm + 1) + 0) * Q + q2;
    dp_relax(x->dp, qq * x->S + ns, fv, p * x->S + st,
             ACT_FIXED0 - (fx - x->f0));
}

/* ... keeping one of the day's published sessions that starts here. */
static inline void dp_keeps(const struct price_ctx *x, int p, int slot,
                            int st, double v, int nc, int m, int q)
{
    const struct eng *e = x->e;
    int k, M = x->M, Gm = x->Gm, Q = x->Q;

    for (k = 0; k < x->nk; k++) {
        const struct eng_keep *kp = &e->keep[x->k0 + k];
        int q2 = q, ns;
        double r = 0;
        if (kp->slot != slot || x->keepv[k] >= INF || m + kp->len > M ||
            p + kp->len > x->span)
            continue;
        if (x->du != NULL) {
            int q3;
            r = reward_of(e, x->rw, kp->type, q, &q3);
            r += kw_reward(x->rw, kp->staff, kp->n_staff, x->ec, q3, &q2);
        }
        ns = ((nc * (M + 1) + m + kp->len) * (Gm + 1)) * Q + q2;
        dp_relax(x->dp, (p + kp->len) * x->S + ns,
                 v + x->keepv[k] - r - e->w.moved, p * x->S + st,
                 ACT_KEEP0 + k);
    }
}

/* ... starting a session of length index li with the key worker, its
 * reward not yet paid (q even): the plain one and each tracked type. */
static inline void dp_kw_sessions(const struct price_ctx *x, int p, int li,
                                  int slot, int st, double v, int nc, int m,
                                  int q)
{
    const struct eng *e = x->e;
    struct eng_dp *dp = x->dp;
    int L = e->lengths[li], M = x->M, Gm = x->Gm, Q = x->Q, S = x->S, j;
    int to = (p + L) * S;
    size_t cell = (size_t)li * N_SLOTS + slot, nt = x->nt;
    double kd = x->rw->kw_dual, tv = dp->kw_tbl[cell];

    if (tv < INF)
        dp_relax(dp, to + ((nc * (M + 1) + m + L) * (Gm + 1)) * Q + q + 1,
                 v + tv - kd, p * S + st, ACT_KW0 + ACT_SESSION(li, -1));
    for (j = 0; j < x->n_trk; j++) {
        int ty = x->trk[j], q2;
        double r;
        tv = dp->kw_full[cell * nt + ty];
        if (tv >= INF)
            continue;
        r = reward_of(e, x->rw, ty, q, &q2);
        dp_relax(dp, to + ((nc * (M + 1) + m + L) * (Gm + 1)) * Q + q2 + 1,
                 v + tv - r - kd, p * S + st, ACT_KW0 + ACT_SESSION(li, ty));
    }
}

/* ... starting a new session of each length: the plain one and each
 * tracked type. */
static inline void dp_sessions(const struct price_ctx *x, int p, int slot,
                               int st, double v, int nc, int m, int q)
{
    const struct eng *e = x->e;
    struct eng_dp *dp = x->dp;
    int li, M = x->M, Gm = x->Gm, Q = x->Q, S = x->S;
    size_t nt = x->nt;

    for (li = 0; li < e->n_lengths; li++) {
        int L = e->lengths[li], j, qq, ns;
        size_t cell = (size_t)li * N_SLOTS + slot;
        double tv;
        if (m + L > M || p + L > x->span)
            break;
        qq = p + L;
        tv = dp->tbl[cell];
        if (tv < INF) {
            ns = ((nc * (M + 1) + m + L) * (Gm + 1)) * Q + q;
            dp_relax(dp, qq * S + ns, v + tv, p * S + st,
                     ACT_SESSION(li, -1));
        }
        for (j = 0; j < x->n_trk; j++) {
            int ty = x->trk[j], q2;
            double r;
            tv = dp->full[cell * nt + ty];
            if (tv >= INF)
                continue;
            r = reward_of(e, x->rw, ty, q, &q2);
            ns = ((nc * (M + 1) + m + L) * (Gm + 1)) * Q + q2;
            dp_relax(dp, qq * S + ns, v + tv - r, p * S + st,
                     ACT_SESSION(li, ty));
        }
        if (x->rw->kw_k >= 0 && q % 2 == 0)
            dp_kw_sessions(x, p, li, slot, st, v, nc, m, q);
    }
}

/* The DP. Entry (p, c, m, g, q) at
 * p * S + ((c * (M+1) + m) * (Gm+1) + g) * Q + q. False if it does not
 * fit in memory. */
static bool price_dp(struct price_ctx *x)
{
    const struct eng *e = x->e;
    struct eng_dp *dp = x->dp;
    int K = x->K, M = x->M, Gm = x->Gm, Q = x->Q, S, span, i, p, k;

    span = x->span = x->hi - x->lo;
    S = x->S = (K + 1) * (M + 1) * (Gm + 1) * Q;
    if (!dp_reserve(dp, (size_t)(span + 1) * (size_t)S))
        return false;
    for (i = 0; i < (span + 1) * S; i++)
        dp->val[i] = INF;
    dp->val[((0 * (M + 1) + 0) * (Gm + 1) + Gm) * Q + 0] = 0;
    for (p = 0; p < span; p++) {
        int slot = x->lo + p, fx = -1, c, m, g, q;
        const double *base = dp->val + (size_t)p * S;
        for (k = 0; k < x->nf; k++)
            if (e->fixed[x->f0 + k].slot == slot)
                fx = x->f0 + k;
        for (c = 0; c <= K; c++)
            for (m = 0; m <= M; m++)
                for (g = 0; g <= Gm; g++)
                    for (q = 0; q < Q; q++) {
                        int st = ((c * (M + 1) + m) * (Gm + 1) + g) * Q + q;
                        double v = base[st];
                        int nc, ns;
                        if (v >= INF)
                            continue;
                        nc = g >= e->gap ? (c < K ? c + 1 : c) : c;
                        if (fx >= 0) {
                            dp_fixed(x, p, st, v, nc, m, q, fx);
                            continue;
                        }
                        ns = ((c * (M + 1) + m) * (Gm + 1) +
                              (g < Gm ? g + 1 : Gm)) * Q + q;
                        dp_relax(dp, (p + 1) * S + ns, v, p * S + st,
                                 ACT_IDLE);
                        if (g < e->brk)
                            continue;
                        dp_keeps(x, p, slot, st, v, nc, m, q);
                        dp_sessions(x, p, slot, st, v, nc, m, q);
                    }
    }
    return true;
}

/* The terminal cost of ending the day with c contacts and m planned
 * slots: contacts short, the spread of the hours, the price of minutes
 * and of weekend contacts. */
static double price_term(const struct price_ctx *x, int c, int m)
{
    const struct eng *e = x->e;
    const struct eng_case *ec = x->ec;
    const struct eng_duals *du = x->du;
    int total = m + ec->fixed_slots[x->day];
    double term = spread_cost(e, total) + e->w.moved * x->nk;
    int short_by = ec->day_contacts[x->day] - c;

    if (short_by > 0)
        term += e->w.contact_short * short_by;
    if (du != NULL) {
        int paid = total * SLOT_MINUTES;
        if (du->need_cap_slots > 0 &&
            paid > du->need_cap_slots * SLOT_MINUTES)
            paid = du->need_cap_slots * SLOT_MINUTES;
        if (paid > ec->need) /* as the master counts it */
            paid = ec->need;
        if (du->need_cap_minutes > 0 && paid > du->need_cap_minutes)
            paid = du->need_cap_minutes;
        term -= du->need * paid;
        if (x->day >= 5) {
            int wcap = du->weekend_cap >= 0 ? du->weekend_cap : x->wk_need;
            if (wcap > x->wk_need)
                wcap = x->wk_need;
            term -= du->weekend * (c < wcap ? c : wcap);
        }
    }
    return term;
}

/* The cheapest end state with its terminal cost: its entry into *entry
 * (-1 if none) and its value returned. */
static double price_best(const struct price_ctx *x, int *entry)
{
    const struct eng_dp *dp = x->dp;
    int c, m, g, q, M = x->M, Gm = x->Gm, Q = x->Q, S = x->S;
    double best = INF;

    *entry = -1;
    for (c = 0; c <= x->K; c++)
        for (m = 0; m <= M; m++) {
            double term = price_term(x, c, m);
            for (g = 0; g <= Gm; g++)
                for (q = 0; q < Q; q++) {
                    int st = ((c * (M + 1) + m) * (Gm + 1) + g) * Q + q;
                    double v = dp->val[(size_t)x->span * S + st];
                    if (v >= INF)
                        continue;
                    if (v + term < best) {
                        best = v + term;
                        *entry = x->span * S + st;
                    }
                }
        }
    return best;
}

/* The tabulated session of action a (ACT_SESSION) at slot, from the
 * tables with the key worker (kw) or with anyone, into *s. */
static void tab_session(const struct price_ctx *x, int a, int slot, bool kw,
                        struct pat_session *s)
{
    const struct eng_dp *dp = x->dp;
    int la = a / 128, tt = a - la * 128 - 1;
    size_t cell = (size_t)la * N_SLOTS + slot, nt = x->nt;

    s->slot = (uint8_t)slot;
    s->len = (uint8_t)x->e->lengths[la];
    s->fixed = false;
    if (tt < 0) {
        s->type = (uint8_t)(kw ? dp->kw_tbl_type : dp->tbl_type)[cell];
        s->staff[0] = (kw ? dp->kw_tbl_s1 : dp->tbl_s1)[cell];
        s->staff[1] = (kw ? dp->kw_tbl_s2 : dp->tbl_s2)[cell];
    } else {
        s->type = (uint8_t)tt;
        s->staff[0] = (kw ? dp->kw_full_s1 : dp->full_s1)[cell * nt + tt];
        s->staff[1] = (kw ? dp->kw_full_s2 : dp->full_s2)[cell * nt + tt];
    }
    s->n_staff = s->staff[1] >= 0 ? 2 : 1;
}

/* The session that DP action a at slot adds, into *s. */
static void walk_session(const struct price_ctx *x, int a, int slot,
                         struct pat_session *s)
{
    const struct eng *e = x->e;

    if (a >= ACT_KW0) {
        tab_session(x, a - ACT_KW0, slot, true, s);
    } else if (a >= ACT_KEEP0) {
        const struct eng_keep *kp = &e->keep[x->k0 + (a - ACT_KEEP0)];
        s->slot = (uint8_t)kp->slot;
        s->len = (uint8_t)kp->len;
        s->type = (uint8_t)kp->type;
        s->fixed = false;
        s->staff[0] = (int16_t)kp->staff[0];
        s->staff[1] = (int16_t)kp->staff[1];
        s->n_staff = (uint8_t)kp->n_staff;
    } else if (a >= 0) {
        tab_session(x, a, slot, false, s);
    } else {
        const struct eng_fixed *f = &e->fixed[x->f0 + (ACT_FIXED0 - a)];
        s->slot = (uint8_t)f->slot;
        s->len = (uint8_t)f->len;
        s->type = (uint8_t)f->type;
        s->fixed = true;
        s->n_staff = (uint8_t)f->n_staff;
        s->staff[0] = (int16_t)f->staff[0];
        s->staff[1] = (int16_t)(f->n_staff > 1 ? f->staff[1] : -1);
    }
}

/* Walk back from entry: every path starts at the one state of position
 * 0. */
static void price_walk(const struct price_ctx *x, int entry,
                       struct pattern *out)
{
    const struct eng_dp *dp = x->dp;
    int S = x->S;

    while (entry >= S) {
        int a = dp->act[entry], prev = dp->from[entry];
        int pp = prev / S, slot = x->lo + pp;
        if (out->n >= MAX_PAT_SESSIONS)
            break;
        if (a != ACT_IDLE)
            walk_session(x, a, slot, &out->s[out->n++]);
        entry = prev;
    }
}

double eng_price(const struct eng *e, struct eng_dp *dp, int wc, int day,
                 const struct eng_duals *du, const int *cap_left,
                 struct pattern *out)
{
    const struct eng_case *ec = &e->cases[wc];
    struct price_ctx x;
    double best;
    int best_entry, i;

    out->wc = wc;
    out->day = day;
    out->n = 0;
    x.e = e;
    x.ec = ec;
    x.dp = dp;
    x.du = du;
    x.cap_left = cap_left;
    x.rw = dp->rw;
    x.free_s = &ec->free[day];
    x.day = day;
    x.wk_need = day >= 5 ? ec->weekend_need : 0;
    x.nt = e->team->n_types < 256 ? e->team->n_types : 256;
    x.n_trk = 0;
    if (!ec->in_order[day] || !price_bounds(&x)) {
        pat_fixed_only(e, wc, day, out);
        return out->cost - (du ? du->conv : 0);
    }
    setup_rewards(e, ec, du, x.rw);
    x.Q = x.rw->Q;
    for (i = 0; i < (int)x.nt; i++)
        if (x.rw->tracked[i] && ((ec->types_ok >> i) & 1u))
            x.trk[x.n_trk++] = i;
    price_tabulate(&x);
    price_keeps(&x);
    if (!price_dp(&x)) {
        pat_fixed_only(e, wc, day, out);
        return INF;
    }
    best = price_best(&x, &best_entry);
    if (best_entry < 0) {
        pat_fixed_only(e, wc, day, out);
        return INF;
    }
    price_walk(&x, best_entry, out);
    pat_finish(e, out);
    return best - (du ? du->conv : 0);
}

static size_t sizeof_rewards(void)
{
    return sizeof(struct rewards);
}
