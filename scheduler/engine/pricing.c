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
        dp->rw = calloc(1, sizeof_rewards());
    }
    if (dp->prefix == NULL || dp->sc == NULL || dp->tbl == NULL ||
        dp->tbl_type == NULL || dp->tbl_s1 == NULL || dp->tbl_s2 == NULL ||
        dp->type_lmask == NULL || dp->full == NULL || dp->full_s1 == NULL ||
        dp->full_s2 == NULL || dp->rw == NULL) {
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

int pat_contacts(const struct eng *e, const struct pattern *p)
{
    int i, n = 0, reach = -1000;

    for (i = 0; i < p->n; i++) {
        if (p->s[i].slot - reach >= e->gap || n == 0)
            n++;
        if (p->s[i].slot + p->s[i].len > reach)
            reach = p->s[i].slot + p->s[i].len;
    }
    return n;
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
    if (du == NULL)
        return;
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

#define ACT_SESSION(li, tt) ((li) * 128 + (tt) + 1) /* tt = -1: plain */
#define ACT_KEEP0 4096       /* + k: keep the day's k-th published session */

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

double eng_price(const struct eng *e, struct eng_dp *dp, int wc, int day,
                 const struct eng_duals *du, const int *cap_left,
                 struct pattern *out)
{
    const struct eng_case *ec = &e->cases[wc];
    const struct iss_team *t = e->team;
    const slotset *free_s = &ec->free[day];
    bool weekend = day >= 5;
    int K, M, Gm, Q, lo = N_SLOTS, hi = 0, span, S, li, i, k, p, f0, nf;
    int free_slots = ss_count(free_s), n_trk = 0, trk[256];
    size_t nt = t->n_types < 256 ? t->n_types : 256;
    double best = INF;
    int best_entry = -1;
    int wk_need = weekend ? ec->weekend_need : 0;
    struct rewards *rw = dp->rw;

    out->wc = wc;
    out->day = day;
    out->n = 0;
    if (!ec->in_order[day]) {
        pat_fixed_only(e, wc, day, out);
        return out->cost - (du ? du->conv : 0);
    }
    K = ec->day_contacts[day] > wk_need ? ec->day_contacts[day] : wk_need;
    /* m counts planned slots; the day's cap is shared with fixed ones. */
    M = ec->day_cap[day] - ec->fixed_slots[day];
    if (M > free_slots)
        M = free_slots;
    if (M < 0)
        M = 0;
    Gm = e->gap > e->brk ? e->gap : e->brk;
    if (Gm < 1)
        Gm = 1;
    f0 = ec->fixed_first[day];
    nf = ec->n_fixed[day];
    for (i = 0; i < N_SLOTS; i++)
        if (ss_has(free_s, i)) {
            if (i < lo)
                lo = i;
            hi = i + 1;
        }
    for (k = 0; k < nf; k++) {
        const struct eng_fixed *f = &e->fixed[f0 + k];
        if (f->slot < lo)
            lo = f->slot;
        if (f->slot + f->len > hi)
            hi = f->slot + f->len;
    }
    if (lo >= hi) {
        pat_fixed_only(e, wc, day, out);
        return out->cost - (du ? du->conv : 0);
    }
    setup_rewards(e, ec, du, rw);
    Q = rw->Q;
    for (i = 0; i < (int)nt; i++)
        if (rw->tracked[i] && ((ec->types_ok >> i) & 1u))
            trk[n_trk++] = i;
    /* Tabulate, for each length and start, each type's best staff and
     * the best "plain" (untracked) session. */
    for (k = 0; k < ec->n_staff; k++) {
        int s = ec->staff[k];
        double *P = dp->prefix + (size_t)k * (N_SLOTS + 1);
        P[0] = 0;
        for (i = 0; i < N_SLOTS; i++)
            P[i + 1] = P[i] + (du ? -du->slot[(size_t)s * N_SLOTS + i] : 0);
    }
    for (li = 0; li < e->n_lengths; li++) {
        int L = e->lengths[li];
        double *row = dp->tbl + (size_t)li * N_SLOTS;
        for (i = 0; i < N_SLOTS; i++)
            row[i] = INF;
        for (i = lo; i + L <= hi; i++) {
            size_t ty;
            double bestv = INF;
            int bt = -1, b1 = -1, b2 = -1, top1 = -1, top2 = -1;
            size_t cell = (size_t)li * N_SLOTS + i;
            for (k = 0; k < n_trk; k++)
                dp->full[cell * nt + trk[k]] = INF;
            if (!ss_all(free_s, i, i + L))
                continue;
            for (k = 0; k < ec->n_staff; k++) {
                int s = ec->staff[k];
                const double *P = dp->prefix + (size_t)k * (N_SLOTS + 1);
                int occ_end = i + L + e->tb;
                double v;
                if (occ_end > N_SLOTS)
                    occ_end = N_SLOTS;
                if (!ss_all(&e->staff[s].avail[day], i, i + L) ||
                    (cap_left != NULL && cap_left[s] < L * SLOT_MINUTES)) {
                    dp->sc[k] = INF;
                    continue;
                }
                v = ec->staff_cost[k] + (P[occ_end] - P[i]);
                if (du != NULL)
                    v += -du->minute[s] * L * SLOT_MINUTES;
                dp->sc[k] = v;
                if (top1 < 0 || v < dp->sc[top1]) {
                    top2 = top1;
                    top1 = k;
                } else if (top2 < 0 || v < dp->sc[top2]) {
                    top2 = k;
                }
            }
            if (top1 < 0)
                continue;
            for (ty = 0; ty < nt; ty++) {
                const uint8_t *ok = ec->staff_role_ok;
                int r1 = -1, partner;
                double v;
                if (!((ec->types_ok >> ty) & 1u) ||
                    !((dp->type_lmask[ty] >> li) & 1u))
                    continue;
                for (k = 0; k < ec->n_staff; k++)
                    if (dp->sc[k] < INF && ok[(size_t)k * t->n_types + ty] &&
                        (r1 < 0 || dp->sc[k] < dp->sc[r1]))
                        r1 = k;
                if (r1 < 0)
                    continue;
                v = dp->sc[r1];
                partner = -1;
                if (ec->c->double_staffed) {
                    partner = top1 != r1 ? top1 : top2;
                    if (partner < 0)
                        continue;
                    v += dp->sc[partner];
                }
                v += odd_hours(e, i, L) + e->w.per_session - rw->relaxed[ty];
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
                row[i] = bestv;
                dp->tbl_type[cell] = (int16_t)bt;
                dp->tbl_s1[cell] = (int16_t)b1;
                dp->tbl_s2[cell] = (int16_t)b2;
            }
        }
    }
    /* Re-plan: what keeping each published session of the day costs. */
    int k0 = ec->keep_first[day], nk = ec->n_keep[day];
    double keepv[64];
    for (k = 0; k < nk && k < 64; k++) {
        const struct eng_keep *kp = &e->keep[k0 + k];
        keepv[k] = keep_cost(e, ec, kp, day, du, cap_left);
        if (keepv[k] < INF && du != NULL && kp->type < 256)
            keepv[k] -= rw->relaxed[kp->type];
    }
    if (nk > 64)
        nk = 64;
    /* The DP. Entry (p, c, m, g, q) at
     * p * S + ((c * (M+1) + m) * (Gm+1) + g) * Q + q. */
    span = hi - lo;
    S = (K + 1) * (M + 1) * (Gm + 1) * Q;
    if (!dp_reserve(dp, (size_t)(span + 1) * (size_t)S)) {
        pat_fixed_only(e, wc, day, out);
        return INF;
    }
    for (i = 0; i < (span + 1) * S; i++)
        dp->val[i] = INF;
    dp->val[((0 * (M + 1) + 0) * (Gm + 1) + Gm) * Q + 0] = 0;
    for (p = 0; p < span; p++) {
        int slot = lo + p, fx = -1, c, m, g, q;
        const double *base = dp->val + (size_t)p * S;
        for (k = 0; k < nf; k++)
            if (e->fixed[f0 + k].slot == slot)
                fx = f0 + k;
        for (c = 0; c <= K; c++)
            for (m = 0; m <= M; m++)
                for (g = 0; g <= Gm; g++)
                    for (q = 0; q < Q; q++) {
                        int st = ((c * (M + 1) + m) * (Gm + 1) + g) * Q + q;
                        double v = base[st];
                        int nc, qq, ns, x;
                        if (v >= INF)
                            continue;
                        nc = g >= e->gap ? (c < K ? c + 1 : c) : c;
                        if (fx >= 0) {
                            const struct eng_fixed *f = &e->fixed[fx];
                            double fv = v;
                            int q2 = q;
                            qq = p + f->len > span ? span : p + f->len;
                            if (du != NULL) {
                                fv -= reward_of(e, rw, f->type, q, &q2);
                                if (f->type < 256)
                                    fv -= rw->relaxed[f->type];
                            }
                            ns = ((nc * (M + 1) + m) * (Gm + 1) + 0) * Q + q2;
                            x = qq * S + ns;
                            if (fv < dp->val[x]) {
                                dp->val[x] = fv;
                                dp->from[x] = p * S + st;
                                dp->act[x] = (int16_t)(ACT_FIXED0 - (fx - f0));
                            }
                            continue;
                        }
                        ns = ((c * (M + 1) + m) * (Gm + 1) +
                              (g < Gm ? g + 1 : Gm)) * Q + q;
                        x = (p + 1) * S + ns;
                        if (v < dp->val[x]) {
                            dp->val[x] = v;
                            dp->from[x] = p * S + st;
                            dp->act[x] = ACT_IDLE;
                        }
                        if (g < e->brk)
                            continue;
                        for (k = 0; k < nk; k++) {
                            const struct eng_keep *kp = &e->keep[k0 + k];
                            int q2 = q;
                            double r = 0;
                            if (kp->slot != slot || keepv[k] >= INF ||
                                m + kp->len > M || p + kp->len > span)
                                continue;
                            if (du != NULL)
                                r = reward_of(e, rw, kp->type, q, &q2);
                            ns = ((nc * (M + 1) + m + kp->len) * (Gm + 1)) *
                                     Q + q2;
                            x = (p + kp->len) * S + ns;
                            if (v + keepv[k] - r - e->w.moved <
                                dp->val[x]) {
                                dp->val[x] = v + keepv[k] - r - e->w.moved;
                                dp->from[x] = p * S + st;
                                dp->act[x] = (int16_t)(ACT_KEEP0 + k);
                            }
                        }
                        for (li = 0; li < e->n_lengths; li++) {
                            int L = e->lengths[li], j;
                            size_t cell = (size_t)li * N_SLOTS + slot;
                            double tv;
                            if (m + L > M || p + L > span)
                                break;
                            qq = p + L;
                            tv = dp->tbl[cell];
                            if (tv < INF) {
                                ns = ((nc * (M + 1) + m + L) * (Gm + 1)) * Q +
                                     q;
                                x = qq * S + ns;
                                if (v + tv < dp->val[x]) {
                                    dp->val[x] = v + tv;
                                    dp->from[x] = p * S + st;
                                    dp->act[x] = (int16_t)ACT_SESSION(li, -1);
                                }
                            }
                            for (j = 0; j < n_trk; j++) {
                                int ty = trk[j], q2;
                                double r;
                                tv = dp->full[cell * nt + ty];
                                if (tv >= INF)
                                    continue;
                                r = reward_of(e, rw, ty, q, &q2);
                                ns = ((nc * (M + 1) + m + L) * (Gm + 1)) * Q +
                                     q2;
                                x = qq * S + ns;
                                if (v + tv - r < dp->val[x]) {
                                    dp->val[x] = v + tv - r;
                                    dp->from[x] = p * S + st;
                                    dp->act[x] =
                                        (int16_t)ACT_SESSION(li, ty);
                                }
                            }
                        }
                    }
    }
    /* Terminal costs. */
    {
        int c, m, g, q;
        for (c = 0; c <= K; c++)
            for (m = 0; m <= M; m++) {
                int total = m + ec->fixed_slots[day];
                double term = spread_cost(e, total) + e->w.moved * nk;
                int short_by = ec->day_contacts[day] - c;
                if (short_by > 0)
                    term += e->w.contact_short * short_by;
                if (du != NULL) {
                    int paid = total * SLOT_MINUTES;
                    if (du->need_cap_slots > 0 &&
                        paid > du->need_cap_slots * SLOT_MINUTES)
                        paid = du->need_cap_slots * SLOT_MINUTES;
                    if (paid > ec->need) /* as the master counts it */
                        paid = ec->need;
                    if (du->need_cap_minutes > 0 &&
                        paid > du->need_cap_minutes)
                        paid = du->need_cap_minutes;
                    term -= du->need * paid;
                    if (weekend) {
                        int wcap = du->weekend_cap >= 0 ? du->weekend_cap
                                                        : wk_need;
                        if (wcap > wk_need)
                            wcap = wk_need;
                        term -= du->weekend * (c < wcap ? c : wcap);
                    }
                }
                for (g = 0; g <= Gm; g++)
                    for (q = 0; q < Q; q++) {
                        int st = ((c * (M + 1) + m) * (Gm + 1) + g) * Q + q;
                        double v = dp->val[(size_t)span * S + st];
                        if (v >= INF)
                            continue;
                        if (v + term < best) {
                            best = v + term;
                            best_entry = span * S + st;
                        }
                    }
            }
    }
    if (best_entry < 0) {
        pat_fixed_only(e, wc, day, out);
        return INF;
    }
    /* Walk back: every path starts at the one state of position 0. */
    {
        int entry = best_entry;
        while (entry >= S) {
            int a = dp->act[entry], prev = dp->from[entry];
            int pp = prev / S, slot = lo + pp;
            if (out->n >= MAX_PAT_SESSIONS)
                break;
            if (a >= ACT_KEEP0) {
                const struct eng_keep *kp = &e->keep[k0 + (a - ACT_KEEP0)];
                struct pat_session *s = &out->s[out->n++];
                s->slot = (uint8_t)kp->slot;
                s->len = (uint8_t)kp->len;
                s->type = (uint8_t)kp->type;
                s->fixed = false;
                s->staff[0] = (int16_t)kp->staff[0];
                s->staff[1] = (int16_t)kp->staff[1];
                s->n_staff = (uint8_t)kp->n_staff;
            } else if (a >= 0) {
                struct pat_session *s = &out->s[out->n++];
                int la = a / 128, tt = a - la * 128 - 1; /* ACT_SESSION */
                size_t cell;
                cell = (size_t)la * N_SLOTS + slot;
                s->slot = (uint8_t)slot;
                s->len = (uint8_t)e->lengths[la];
                s->fixed = false;
                if (tt < 0) {
                    s->type = (uint8_t)dp->tbl_type[cell];
                    s->staff[0] = dp->tbl_s1[cell];
                    s->staff[1] = dp->tbl_s2[cell];
                } else {
                    s->type = (uint8_t)tt;
                    s->staff[0] = dp->full_s1[cell * nt + tt];
                    s->staff[1] = dp->full_s2[cell * nt + tt];
                }
                s->n_staff = s->staff[1] >= 0 ? 2 : 1;
            } else if (a <= ACT_FIXED0) {
                const struct eng_fixed *f = &e->fixed[f0 + (ACT_FIXED0 - a)];
                struct pat_session *s = &out->s[out->n++];
                s->slot = (uint8_t)f->slot;
                s->len = (uint8_t)f->len;
                s->type = (uint8_t)f->type;
                s->fixed = true;
                s->n_staff = (uint8_t)f->n_staff;
                s->staff[0] = (int16_t)f->staff[0];
                s->staff[1] = (int16_t)(f->n_staff > 1 ? f->staff[1] : -1);
            }
            entry = prev;
        }
    }
    pat_finish(e, out);
    return best - (du ? du->conv : 0);
}

static size_t sizeof_rewards(void)
{
    return sizeof(struct rewards);
}
