/* iss - the master problem in GLPK: choose one day pattern per child and
 * day; column generation for the LP, then branch-and-bound over the
 * generated patterns with the greedy plan as the first incumbent.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * Rows (docs/solver.md):
 *   conv[c,d]   = 1      one pattern per child and day in the order
 *   slot[d,s,i] <= 1     staff s's quarter hour i: a session occupies its
 *                        slots and the travel time after it
 *   day[s,d]    <= cap   staff minutes in a day (when it can bind)
 *   week[s]     <= cap   staff minutes in the week (when it can bind)
 *   bal[s] - over[s] <= share   staff load in proportion to their hours
 *   need[c] + short >= minutes   the week's required minutes
 *   type[c,t] + short >= count   weekly_sessions
 *   core[c,e] + short >= 1       core elements in intensive weeks
 *   wkend[c] + short >= n        weekend contacts in step-down
 *   kw[c] + short >= 1           the key worker takes a session (when
 *                                they can)
 * The Lagrangian bound z_LP + sum over child-days of min(0, least reduced
 * cost) is a lower bound on every plan, since pricing is exact.
 */
#include <glpk.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"

#define RC_EPS 1e-6
#define MAX_ROUNDS 200
#define NODE_BUDGET 300       /* deterministic limit of the MIP search */
#define MIP_GAP 1e-3          /* stop at this gap to GLPK's own bound */
#define MAX_PRICERS 4         /* threads pricing a round's child-days */

/* One pricing thread's scratch: its DP and the per-type prices of the
 * duals it hands the DP. */
struct pricer {
    struct eng_dp *dp;
    double *type_dual;        /* [nt] */
    double *type_minute_dual, *type_session_dual;
};

struct master {
    struct eng *e;
    glp_prob *lp;
    int nt;
    int *conv_row;            /* [wc * 7 + d] */
    int *slot_row;            /* [(d * n_staff + s) * N_SLOTS + i] */
    int *day_row;             /* [s * 7 + d] */
    int *week_row;            /* [s] */
    int *bal_row;             /* [s] */
    int *need_row;            /* [wc] */
    int *type_row;            /* [wc * nt + t] */
    int *core_row;            /* [wc * 5 + e] */
    int *wk_row;              /* [wc] */
    int *kw_row;              /* [wc] */
    int *need_col, *type_col, *core_col, *wk_col, *over_col, *kw_col;
    /* Practice rules (rules.c): element share rows [wc * ISS_ELEMENT_COUNT
     * + el] and weekly_sessions max rows [wc * nt + t]. */
    int *elem_row, *tmax_row;
    /* Pricing: the threads' scratch, and a round's child-days (todo) with
     * the pattern and reduced cost each got, in child-day order whatever
     * the threads: the same columns join in the same order. */
    struct pricer pricers[MAX_PRICERS];
    int n_pricers;
    int *todo;                /* [n_cases * 7] */
    int n_todo;
    struct pattern *cand;     /* [n_cases * 7] */
    double *cand_rc;
    struct pattern *pats;     /* column j of pattern k: pat_col[k] */
    int *pat_col;
    int n_pats, cap_pats;
    int *col_pat;             /* column -> pattern, or -1 */
    int cap_cols;
    /* scratch for adding a column */
    double *acc;              /* [row] */
    int *acc_rows;
    int n_acc;
    int *ind;
    double *val;
    /* duals */
    double *row_dual;
    double *slot_dual;        /* [d][s][i] */
    double *minute_dual;      /* [d][s] */
    /* the incumbent handed to the MIP */
    const struct pattern *incumbent;
    double incumbent_obj;
    bool injected;
    double deadline;
    double best_bound;
    double last_progress;
    FILE *progress;
    double t0;
    bool stopped;
    int node_budget;
    bool time_up;
    int max_rows;             /* rows there can ever be */
    double deadline_lp;       /* no LP past this */
    double *usage;            /* [slot index]: LP use of staff slots */
    int slot_rows;            /* staff slot rows made so far */
    int *rowbuf_col;          /* scratch for make_slot_rows */
    int rowbuf_cap;
    /* What each case still needs (the rows' right-hand sides less what
     * fixed patterns give, during a dive): columns are capped to it, and
     * pricing pays the same. */
    int *left_min;            /* [wc] */
    int *left_type;           /* [wc * nt + t] */
    uint8_t *left_core;       /* [wc] */
    int *left_wk;             /* [wc] */
    uint8_t *left_kw;         /* [wc]: the key worker's row still open */
};

static int new_row(glp_prob *lp, int type, double lo, double up)
{
    int r = glp_add_rows(lp, 1);

    glp_set_row_bnds(lp, r, type, lo, up);
    return r;
}

static int new_col(struct master *m, double cost, double lo, double up)
{
    int c = glp_add_cols(m->lp, 1);

    glp_set_col_bnds(m->lp, c, up == INFINITY ? GLP_LO
                               : lo == up     ? GLP_FX
                                              : GLP_DB,
                     lo, up == INFINITY ? 0 : up);
    glp_set_obj_coef(m->lp, c, cost);
    if (c >= m->cap_cols) {
        int ncap = m->cap_cols ? m->cap_cols * 2 : 4096;
        int *np;
        while (ncap <= c)
            ncap *= 2;
        np = realloc(m->col_pat, sizeof(int) * (size_t)ncap);
        if (np == NULL)
            return c; /* col_pat stays short: lookups check bounds */
        for (int k = m->cap_cols; k < ncap; k++)
            np[k] = -1;
        m->col_pat = np;
        m->cap_cols = ncap;
    }
    return c;
}

/* A slack column in one row with coefficient coef. */
static int slack_col(struct master *m, int row, double coef, double cost,
                     double up)
{
    int c = new_col(m, cost, 0, up);
    int ind[2] = {0, row};
    double val[2] = {0, coef};

    glp_set_mat_col(m->lp, c, 1, ind, val);
    return c;
}

static void acc_add(struct master *m, int row, double v)
{
    if (row <= 0 || v == 0)
        return;
    if (m->acc[row] == 0)
        m->acc_rows[m->n_acc++] = row;
    m->acc[row] += v;
}

static bool same_pattern(const struct pattern *a, const struct pattern *b)
{
    int i;

    if (a->n != b->n)
        return false;
    for (i = 0; i < a->n; i++) {
        const struct pat_session *x = &a->s[i], *y = &b->s[i];
        if (x->slot != y->slot || x->len != y->len || x->type != y->type ||
            x->n_staff != y->n_staff || x->staff[0] != y->staff[0] ||
            (x->n_staff > 1 && x->staff[1] != y->staff[1]))
            return false;
    }
    return true;
}

/* The column index of a pattern already in the master, or 0. */
static int find_pattern(const struct master *m, const struct pattern *p)
{
    int k;

    for (k = 0; k < m->n_pats; k++)
        if (m->pats[k].wc == p->wc && m->pats[k].day == p->day &&
            same_pattern(&m->pats[k], p))
            return m->pat_col[k];
    return 0;
}

/* Add a pattern as a column; returns its column (existing or new), or 0
 * on ENOMEM. */
/* The coefficients of a pattern's column into m->acc / m->acc_rows.
 * Needs are counted at most what is left of them (as the pricing pays):
 * valid for every plan, and the LP cannot cover an element with half of a
 * day that has it twice, nor the week's minutes with a fifth of a long
 * day. */
static void rule_coefs(struct master *m, const struct pattern *p);

static void column_of(struct master *m, const struct pattern *p)
{
    const struct eng *e = m->e;
    const struct iss_team *t = e->team;
    int wc = p->wc, d = p->day, i, j, k;
    int minutes = p->slots * SLOT_MINUTES;

    m->n_acc = 0;
    acc_add(m, m->conv_row[wc * 7 + d], 1);
    for (i = 0; i < p->n; i++) {
        const struct pat_session *s = &p->s[i];
        int el = (int)t->types[s->type].element;
        int tr = m->type_row[wc * m->nt + s->type];
        int cr = el < ISS_CORE_ELEMENTS
                     ? m->core_row[wc * ISS_CORE_ELEMENTS + el]
                     : 0;
        if (tr > 0 && m->acc[tr] < m->left_type[wc * m->nt + s->type])
            acc_add(m, tr, 1);
        if (cr > 0 && ((m->left_core[wc] >> el) & 1u) && m->acc[cr] < 1)
            acc_add(m, cr, 1);
        if (s->fixed)
            continue;
        for (j = 0; j < s->n_staff; j++) {
            int st = s->staff[j], end = s->slot + s->len + e->tb;
            int mins = s->len * SLOT_MINUTES;
            if (end > N_SLOTS)
                end = N_SLOTS;
            for (k = s->slot; k < end; k++) {
                int r = m->slot_row[((size_t)d * e->n_staff + st) * N_SLOTS
                                    + k];
                /* Union: a child's sessions never share a staff slot. */
                if (r > 0 && m->acc[r] == 0)
                    acc_add(m, r, 1);
            }
            acc_add(m, m->day_row[st * 7 + d], mins);
            acc_add(m, m->week_row[st], mins);
            acc_add(m, m->bal_row[st], mins);
        }
    }
    rule_coefs(m, p);
    acc_add(m, m->need_row[wc],
            minutes < m->left_min[wc] ? minutes : m->left_min[wc]);
    if (d >= 5 && m->left_wk[wc] > 0)
        acc_add(m, m->wk_row[wc], p->contacts < m->left_wk[wc]
                                      ? p->contacts
                                      : m->left_wk[wc]);
    if (m->left_kw[wc] && pat_has_staff(p, e->cases[wc].c->key_worker))
        acc_add(m, m->kw_row[wc], 1);
}

/* Move the accumulated coefficients into m->ind/m->val (1-based) and
 * clear the accumulator; returns their count. */
static int take_column(struct master *m)
{
    int i, n = m->n_acc;

    for (i = 0; i < n; i++) {
        m->ind[i + 1] = m->acc_rows[i];
        m->val[i + 1] = m->acc[m->acc_rows[i]];
        m->acc[m->acc_rows[i]] = 0;
    }
    m->n_acc = 0;
    return n;
}

static int add_pattern(struct master *m, const struct pattern *p)
{
    int col = find_pattern(m, p), n;

    if (col > 0)
        return col;
    if (m->n_pats == m->cap_pats) {
        int ncap = m->cap_pats ? m->cap_pats * 2 : 1024;
        struct pattern *np = realloc(m->pats, sizeof *np * (size_t)ncap);
        int *nc;
        if (np == NULL)
            return 0;
        m->pats = np;
        nc = realloc(m->pat_col, sizeof *nc * (size_t)ncap);
        if (nc == NULL)
            return 0;
        m->pat_col = nc;
        m->cap_pats = ncap;
    }
    column_of(m, p);
    /* No upper bound in the LP (the convexity row implies x <= 1), so
     * every reduced cost is >= 0 at an optimum and the Lagrangian bound
     * is exact; the MIP makes the columns binary. */
    col = new_col(m, p->cost, 0, INFINITY);
    n = take_column(m);
    glp_set_mat_col(m->lp, col, n, m->ind, m->val);
    m->pats[m->n_pats] = *p;
    m->pat_col[m->n_pats] = col;
    if (col < m->cap_cols)
        m->col_pat[col] = m->n_pats;
    m->n_pats++;
    return col;
}

static int *ialloc(size_t n)
{
    return calloc(n + 1, sizeof(int));
}

/* The practice rules' rows: for each element a child's staff can give,
 * planned minutes of it <= its cap (struct eng_case); for each
 * weekly_sessions max, planned sessions of the type <= max. Their slacks
 * cost so much that a plan keeps them whenever it can. */
static int rule_rows(struct master *m)
{
    struct eng *e = m->e;
    const struct iss_team *t = e->team;
    int wc, el, ty;

    m->elem_row = ialloc((size_t)e->n_cases * ISS_ELEMENT_COUNT);
    m->tmax_row = ialloc((size_t)e->n_cases * m->nt);
    if (m->elem_row == NULL || m->tmax_row == NULL)
        return -1;
    for (wc = 0; wc < e->n_cases; wc++) {
        const struct eng_case *ec = &e->cases[wc];
        uint8_t els = 0;
        for (ty = 0; ty < m->nt && ty < 64; ty++) {
            if (!((ec->types_ok >> ty) & 1u))
                continue;
            els |= (uint8_t)(1u << t->types[ty].element);
            if (ec->type_max[ty] >= 0) {
                int r = new_row(m->lp, GLP_UP, 0, ec->type_max[ty]);
                m->tmax_row[wc * m->nt + ty] = r;
                slack_col(m, r, -1, RULE_WEIGHT * 60, 50);
            }
        }
        if (ec->share >= 1)
            continue;
        for (el = 0; el < ISS_ELEMENT_COUNT; el++)
            if (((els >> el) & 1u) && el != ISS_ELEMENT_SURVEILLANCE) {
                int r = new_row(m->lp, GLP_UP, 0, ec->elem_cap[el]);
                m->elem_row[wc * ISS_ELEMENT_COUNT + el] = r;
                slack_col(m, r, -1, RULE_WEIGHT, 7 * 1440);
            }
    }
    return 0;
}

/* A pattern's coefficients in its case's rule rows. */
static void rule_coefs(struct master *m, const struct pattern *p)
{
    const struct eng *e = m->e;
    double el_min[ISS_ELEMENT_COUNT] = {0};
    int i, el;

    for (i = 0; i < p->n; i++) {
        const struct pat_session *s = &p->s[i];
        if (!s->fixed)
            el_min[e->team->types[s->type].element] += s->len * SLOT_MINUTES;
    }
    for (el = 0; el < ISS_ELEMENT_COUNT; el++)
        acc_add(m, m->elem_row[p->wc * ISS_ELEMENT_COUNT + el], el_min[el]);
    for (i = 0; i < p->n; i++) {
        int r = m->tmax_row[p->wc * m->nt + p->s[i].type];
        if (r > 0 && !p->s[i].fixed)
            acc_add(m, r, 1);
    }
}

/* The staff rows: day and week caps where they can bind, and the
 * balance row with its overload column. */
static void staff_rows(struct master *m)
{
    struct eng *e = m->e;
    int s, d;

    for (s = 0; s < e->n_staff; s++) {
        const struct eng_staff *es = &e->staff[s];
        for (d = 0; d < 7; d++)
            if (es->cap_day[d] < ss_count(&es->avail[d]) * SLOT_MINUTES)
                m->day_row[s * 7 + d] =
                    new_row(m->lp, GLP_UP, 0, es->cap_day[d]);
        if (es->cap_week < es->avail_minutes)
            m->week_row[s] = new_row(m->lp, GLP_UP, 0, es->cap_week);
        if (es->avail_minutes > 0) {
            m->bal_row[s] = new_row(m->lp, GLP_UP, 0, es->share);
            m->over_col[s] = slack_col(m, m->bal_row[s], -1,
                                       e->w.overload, es->avail_minutes);
        }
    }
}

/* The case rows, each with its penalised slack: minutes, weekly sessions
 * by type, core elements, weekend contacts. */
static void case_rows(struct master *m)
{
    struct eng *e = m->e;
    int wc;

    for (wc = 0; wc < e->n_cases; wc++) {
        const struct eng_case *ec = &e->cases[wc];
        int t, el;
        if (ec->need > 0) {
            m->need_row[wc] = new_row(m->lp, GLP_LO, ec->need, 0);
            m->need_col[wc] = slack_col(m, m->need_row[wc], 1,
                                        e->w.minute_short, ec->need);
        }
        for (t = 0; t < m->nt; t++)
            if (ec->type_need[t] > 0) {
                m->type_row[wc * m->nt + t] =
                    new_row(m->lp, GLP_LO, ec->type_need[t], 0);
                m->type_col[wc * m->nt + t] =
                    slack_col(m, m->type_row[wc * m->nt + t], 1,
                              e->w.session_short, ec->type_need[t]);
            }
        for (el = 0; el < ISS_CORE_ELEMENTS; el++)
            if ((ec->core_need >> el) & 1u) {
                int r = new_row(m->lp, GLP_LO, 1, 0);
                m->core_row[wc * ISS_CORE_ELEMENTS + el] = r;
                m->core_col[wc * ISS_CORE_ELEMENTS + el] =
                    slack_col(m, r, 1, e->w.core_short, 1);
            }
        if (ec->weekend_need > 0) {
            m->wk_row[wc] = new_row(m->lp, GLP_LO, ec->weekend_need, 0);
            m->wk_col[wc] = slack_col(m, m->wk_row[wc], 1,
                                      e->w.weekend_short, ec->weekend_need);
        }
        if (eng_kw_candidate(e, wc)) {
            m->kw_row[wc] = new_row(m->lp, GLP_LO, 1, 0);
            m->kw_col[wc] = slack_col(m, m->kw_row[wc], 1,
                                      e->w.key_worker, 1);
        }
    }
}

/* What each case still needs (the dive's left_*), and the scratch of
 * column building sized for every row there can be. Returns 0, or -1 on
 * ENOMEM. */
static int needs_and_scratch(struct master *m, size_t nslot)
{
    struct eng *e = m->e;
    int wc, nrows;

    m->left_min = ialloc((size_t)e->n_cases);
    m->left_type = ialloc((size_t)e->n_cases * m->nt);
    m->left_core = calloc((size_t)e->n_cases + 1, 1);
    m->left_wk = ialloc((size_t)e->n_cases);
    m->left_kw = calloc((size_t)e->n_cases + 1, 1);
    if (m->left_min == NULL || m->left_type == NULL || m->left_core == NULL ||
        m->left_wk == NULL || m->left_kw == NULL)
        return -1;
    for (wc = 0; wc < e->n_cases; wc++) {
        const struct eng_case *ec = &e->cases[wc];
        int t;
        m->left_min[wc] = ec->need;
        for (t = 0; t < m->nt; t++)
            m->left_type[wc * m->nt + t] = ec->type_need[t];
        m->left_core[wc] = ec->core_need;
        m->left_wk[wc] = ec->weekend_need;
        m->left_kw[wc] = m->kw_row[wc] > 0;
    }
    nrows = glp_get_num_rows(m->lp) + (int)nslot;
    m->max_rows = nrows;
    m->usage = calloc(nslot + 1, sizeof(double));
    if (m->usage == NULL)
        return -1;
    m->acc = calloc((size_t)nrows + 1, sizeof(double));
    m->acc_rows = ialloc((size_t)nrows);
    m->ind = ialloc((size_t)nrows);
    m->val = calloc((size_t)nrows + 1, sizeof(double));
    m->row_dual = calloc((size_t)nrows + 1, sizeof(double));
    if (m->acc == NULL || m->acc_rows == NULL || m->ind == NULL ||
        m->val == NULL || m->row_dual == NULL)
        return -1;
    return 0;
}

/* The pricing threads' scratch: as many as the machine has cores, at
 * most MAX_PRICERS. Returns 0, or -1 on ENOMEM. */
static int pricers_new(struct master *m)
{
    const struct eng *e = m->e;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t ncd = (size_t)e->n_cases * 7 + 1;
    int k;

    m->n_pricers = cores < 1 ? 1 : cores > MAX_PRICERS ? MAX_PRICERS
                                                       : (int)cores;
    for (k = 0; k < m->n_pricers; k++) {
        struct pricer *pr = &m->pricers[k];
        pr->dp = eng_dp_new(e);
        pr->type_dual = calloc((size_t)m->nt + 1, sizeof(double));
        pr->type_minute_dual = calloc((size_t)m->nt + 1, sizeof(double));
        pr->type_session_dual = calloc((size_t)m->nt + 1, sizeof(double));
        if (pr->dp == NULL || pr->type_dual == NULL ||
            pr->type_minute_dual == NULL || pr->type_session_dual == NULL)
            return -1;
    }
    m->todo = calloc(ncd, sizeof(int));
    m->cand = calloc(ncd, sizeof(struct pattern));
    m->cand_rc = calloc(ncd, sizeof(double));
    return m->todo == NULL || m->cand == NULL || m->cand_rc == NULL ? -1 : 0;
}

static int build(struct master *m)
{
    struct eng *e = m->e;
    int wc, d;
    size_t nslot = (size_t)7 * e->n_staff * N_SLOTS;

    m->lp = glp_create_prob();
    glp_set_obj_dir(m->lp, GLP_MIN);
    m->nt = (int)e->team->n_types;
    m->conv_row = ialloc((size_t)e->n_cases * 7);
    m->slot_row = ialloc(nslot);
    m->day_row = ialloc((size_t)e->n_staff * 7);
    m->week_row = ialloc((size_t)e->n_staff);
    m->bal_row = ialloc((size_t)e->n_staff);
    m->need_row = ialloc((size_t)e->n_cases);
    m->type_row = ialloc((size_t)e->n_cases * m->nt);
    m->core_row = ialloc((size_t)e->n_cases * ISS_CORE_ELEMENTS);
    m->wk_row = ialloc((size_t)e->n_cases);
    m->kw_row = ialloc((size_t)e->n_cases);
    m->kw_col = ialloc((size_t)e->n_cases);
    m->need_col = ialloc((size_t)e->n_cases);
    m->type_col = ialloc((size_t)e->n_cases * m->nt);
    m->core_col = ialloc((size_t)e->n_cases * ISS_CORE_ELEMENTS);
    m->wk_col = ialloc((size_t)e->n_cases);
    m->over_col = ialloc((size_t)e->n_staff);
    m->slot_dual = calloc(nslot + 1, sizeof(double));
    m->minute_dual = calloc((size_t)7 * e->n_staff + 1, sizeof(double));
    if (m->conv_row == NULL || m->slot_row == NULL || m->day_row == NULL ||
        m->week_row == NULL || m->bal_row == NULL || m->need_row == NULL ||
        m->type_row == NULL || m->core_row == NULL || m->wk_row == NULL ||
        m->need_col == NULL || m->type_col == NULL || m->core_col == NULL ||
        m->wk_col == NULL || m->over_col == NULL || m->slot_dual == NULL ||
        m->minute_dual == NULL || m->kw_row == NULL || m->kw_col == NULL ||
        pricers_new(m) != 0)
        return -1;
    for (wc = 0; wc < e->n_cases; wc++)
        for (d = 0; d < 7; d++)
            if (e->cases[wc].in_order[d])
                m->conv_row[wc * 7 + d] = new_row(m->lp, GLP_FX, 1, 1);
    /* Staff slot rows are made on demand (separate_slots). */
    staff_rows(m);
    case_rows(m);
    if (rule_rows(m) != 0)
        return -1;
    return needs_and_scratch(m, nslot);
}

static void master_free(struct master *m)
{
    if (m->lp != NULL)
        glp_delete_prob(m->lp);
    free(m->conv_row);
    free(m->slot_row);
    free(m->day_row);
    free(m->week_row);
    free(m->bal_row);
    free(m->need_row);
    free(m->type_row);
    free(m->core_row);
    free(m->wk_row);
    free(m->kw_row);
    free(m->kw_col);
    free(m->left_kw);
    free(m->need_col);
    free(m->type_col);
    free(m->core_col);
    free(m->wk_col);
    free(m->over_col);
    free(m->elem_row);
    free(m->tmax_row);
    for (int k = 0; k < MAX_PRICERS; k++) {
        eng_dp_free(m->pricers[k].dp);
        free(m->pricers[k].type_dual);
        free(m->pricers[k].type_minute_dual);
        free(m->pricers[k].type_session_dual);
    }
    free(m->todo);
    free(m->cand);
    free(m->cand_rc);
    free(m->pats);
    free(m->pat_col);
    free(m->col_pat);
    free(m->acc);
    free(m->acc_rows);
    free(m->ind);
    free(m->val);
    free(m->row_dual);
    free(m->slot_dual);
    free(m->minute_dual);
    free(m->left_min);
    free(m->left_type);
    free(m->left_core);
    free(m->left_wk);
    free(m->usage);
    free(m->rowbuf_col);
}

static double rdual(const struct master *m, int row)
{
    return row > 0 ? m->row_dual[row] : 0;
}

static void read_duals(struct master *m)
{
    struct eng *e = m->e;
    int nrows = glp_get_num_rows(m->lp), r, d, s, i;

    for (r = 1; r <= nrows; r++)
        m->row_dual[r] = glp_get_row_dual(m->lp, r);
    for (d = 0; d < 7; d++)
        for (s = 0; s < e->n_staff; s++) {
            size_t base = ((size_t)d * e->n_staff + s) * N_SLOTS;
            for (i = 0; i < N_SLOTS; i++)
                m->slot_dual[base + i] = rdual(m, m->slot_row[base + i]);
            m->minute_dual[d * e->n_staff + s] =
                rdual(m, m->day_row[s * 7 + d]) + rdual(m, m->week_row[s]) +
                rdual(m, m->bal_row[s]);
        }
}

/* The rule rows' prices as pricing sees them, per planned session and per
 * planned minute of each type (a row a <= b has a dual y <= 0 and adds
 * -y * a to a column's reduced cost). */
static void rule_duals(const struct master *m, int wc, struct eng_duals *du,
                       struct pricer *pr)
{
    const struct eng *e = m->e;
    double y[ISS_ELEMENT_COUNT];
    bool any = false;
    int el, t;

    for (el = 0; el < ISS_ELEMENT_COUNT; el++) {
        int r = m->elem_row[wc * ISS_ELEMENT_COUNT + el];
        y[el] = rdual(m, r);
        any |= r > 0;
    }
    for (t = 0; t < m->nt; t++) {
        int r = m->tmax_row[wc * m->nt + t];
        pr->type_session_dual[t] = -rdual(m, r);
        pr->type_minute_dual[t] = -y[e->team->types[t].element];
        any |= r > 0;
    }
    if (any) {
        du->type_session = pr->type_session_dual;
        du->type_minute = pr->type_minute_dual;
    }
}

/* The prices child-day (wc, d) sees, into du (with pr's scratch). */
static void case_duals(const struct master *m, int wc, int d,
                       struct eng_duals *du, struct pricer *pr)
{
    struct eng *e = m->e;
    int t, el;

    memset(du, 0, sizeof *du);
    du->conv = rdual(m, m->conv_row[wc * 7 + d]);
    du->need = rdual(m, m->need_row[wc]);
    for (t = 0; t < m->nt; t++)
        pr->type_dual[t] = rdual(m, m->type_row[wc * m->nt + t]);
    du->type = pr->type_dual;
    for (el = 0; el < ISS_CORE_ELEMENTS; el++)
        du->core[el] = rdual(m, m->core_row[wc * ISS_CORE_ELEMENTS + el]);
    du->weekend = rdual(m, m->wk_row[wc]);
    du->weekend_cap = m->left_wk[wc];
    du->core_open = m->left_core[wc];
    du->type_cap = m->left_type + (size_t)wc * m->nt;
    if (m->left_kw[wc]) {
        du->kw = rdual(m, m->kw_row[wc]);
        du->kw_staff = e->cases[wc].c->key_worker;
    }
    rule_duals(m, wc, du, pr);
    if (m->left_min[wc] <= 0)
        du->need = 0;
    else
        du->need_cap_minutes = m->left_min[wc];
    du->slot = m->slot_dual + (size_t)d * e->n_staff * N_SLOTS;
    du->minute = m->minute_dual + (size_t)d * e->n_staff;
}

/* ---- the incumbent as a GLPK solution vector ---- */

static double *incumbent_vector(struct master *m, const struct pattern *plan)
{
    struct eng *e = m->e;
    int n = glp_get_num_cols(m->lp), wc, d, r, c;
    int nrows = glp_get_num_rows(m->lp);
    double *x = calloc((size_t)n + 1, sizeof(double));
    double *act = calloc((size_t)nrows + 1, sizeof(double));
    int *ind = ialloc((size_t)nrows);
    double *val = calloc((size_t)nrows + 1, sizeof(double));

    if (x == NULL || act == NULL || ind == NULL || val == NULL) {
        free(x);
        x = NULL;
        goto out;
    }
    for (wc = 0; wc < e->n_cases; wc++)
        for (d = 0; d < 7; d++) {
            int col;
            if (!e->cases[wc].in_order[d])
                continue;
            col = find_pattern(m, &plan[wc * 7 + d]);
            if (col <= 0) {
                free(x);
                x = NULL;
                goto out;
            }
            x[col] = 1;
        }
    /* Row activities of the chosen patterns, then each slack takes what
     * its row lacks. */
    for (c = 1; c <= n; c++) {
        int len, k;
        if (x[c] == 0)
            continue;
        len = glp_get_mat_col(m->lp, c, ind, val);
        for (k = 1; k <= len; k++)
            act[ind[k]] += val[k];
    }
    for (wc = 0; wc < e->n_cases; wc++) {
        const struct eng_case *ec = &e->cases[wc];
        int t, el;
        if (m->need_col[wc] > 0 && act[m->need_row[wc]] < ec->need)
            x[m->need_col[wc]] = ec->need - act[m->need_row[wc]];
        for (t = 0; t < m->nt; t++) {
            r = m->type_row[wc * m->nt + t];
            if (r > 0 && act[r] < ec->type_need[t])
                x[m->type_col[wc * m->nt + t]] = ec->type_need[t] - act[r];
        }
        for (el = 0; el < ISS_CORE_ELEMENTS; el++) {
            r = m->core_row[wc * ISS_CORE_ELEMENTS + el];
            if (r > 0 && act[r] < 1)
                x[m->core_col[wc * ISS_CORE_ELEMENTS + el]] = 1 - act[r];
        }
        r = m->wk_row[wc];
        if (r > 0 && act[r] < ec->weekend_need)
            x[m->wk_col[wc]] = ec->weekend_need - act[r];
        r = m->kw_row[wc];
        if (r > 0 && act[r] < 1)
            x[m->kw_col[wc]] = 1 - act[r];
    }
    for (c = 0; c < e->n_staff; c++) {
        r = m->bal_row[c];
        if (r > 0 && act[r] > e->staff[c].share)
            x[m->over_col[c]] = act[r] - e->staff[c].share;
    }
out:
    free(act);
    free(ind);
    free(val);
    return x;
}

/* ---- the MIP callback ---- */

static void progress_line(struct master *m, const char *what, double obj)
{
    double now = eng_now();

    if (m->progress == NULL)
        return;
    fprintf(m->progress,
            "iss: %-8s %8.1f s  objective %.1f  bound %.1f  gap %.2f%%\n",
            what, now - m->t0, obj, m->best_bound,
            obj > 0 && m->best_bound > -1e29
                ? 100.0 * (obj - m->best_bound) / fabs(obj)
                : 0.0);
    m->last_progress = now;
}

static void callback(glp_tree *tree, void *info)
{
    struct master *m = info;
    int reason = glp_ios_reason(tree);

    if (reason == GLP_IHEUR && !m->injected && m->incumbent != NULL) {
        double *x = incumbent_vector(m, m->incumbent);
        m->injected = true;
        if (x != NULL) {
            glp_ios_heur_sol(tree, x);
            free(x);
        }
    }
    if (!m->stopped) {
        int a_cnt, n_cnt, t_cnt;
        glp_prob *lp = glp_ios_get_prob(tree);
        bool close = glp_mip_status(lp) == GLP_FEAS &&
                     glp_mip_obj_val(lp) - m->best_bound <=
                         MIP_GAP * fabs(glp_mip_obj_val(lp)) + 1e-6;
        glp_ios_tree_size(tree, &a_cnt, &n_cnt, &t_cnt);
        if (eng_now() > m->deadline || t_cnt > m->node_budget || close) {
            m->stopped = true;
            m->time_up = eng_now() > m->deadline;
            glp_ios_terminate(tree);
        }
    }
    if (m->progress != NULL && eng_now() - m->last_progress >= 1.0) {
        glp_prob *lp = glp_ios_get_prob(tree);
        progress_line(m, "search", glp_mip_obj_val(lp));
    }
}

/* The staff slots a pattern's planned sessions occupy, by slot index:
 * calls f for each (union over the pattern's sessions). */
#define SLOT_INDEX(e, d, s, i) \
    ((((size_t)(d) * (size_t)(e)->n_staff + (size_t)(s)) * N_SLOTS) + (i))

/* Make the staff slot rows in need (those whose index has want[idx] set)
 * with the coefficients of every existing column that occupies them. */
static int make_slot_rows(struct master *m, const uint8_t *want,
                          const size_t *list, int n_list)
{
    struct eng *e = m->e;
    int k, i, j, x, first;
    int *len, *start, *fill, total = 0, *cols;

    if (n_list == 0)
        return 0;
    len = calloc((size_t)n_list + 1, sizeof(int));
    start = calloc((size_t)n_list + 1, sizeof(int));
    fill = calloc((size_t)n_list + 1, sizeof(int));
    if (len == NULL || start == NULL || fill == NULL) {
        free(len);
        free(start);
        free(fill);
        return -1;
    }
    first = glp_add_rows(m->lp, n_list);
    for (k = 0; k < n_list; k++) {
        glp_set_row_bnds(m->lp, first + k, GLP_UP, 0, 1);
        m->slot_row[list[k]] = first + k;
    }
    m->slot_rows += n_list;
    /* Count, then fill, the columns of each new row. */
    for (int pass = 0; pass < 2; pass++) {
        for (k = 0; k < m->n_pats; k++) {
            const struct pattern *p = &m->pats[k];
            for (i = 0; i < p->n; i++) {
                const struct pat_session *ps = &p->s[i];
                if (ps->fixed)
                    continue;
                for (j = 0; j < ps->n_staff; j++) {
                    int end = ps->slot + ps->len + e->tb;
                    if (end > N_SLOTS)
                        end = N_SLOTS;
                    for (x = ps->slot; x < end; x++) {
                        size_t idx = SLOT_INDEX(e, p->day, ps->staff[j], x);
                        int r;
                        if (!want[idx])
                            continue;
                        r = m->slot_row[idx] - first;
                        if (pass == 0)
                            len[r]++;
                        else {
                            int at = start[r] + fill[r]++;
                            m->rowbuf_col[at] = m->pat_col[k];
                        }
                    }
                }
            }
        }
        if (pass == 0) {
            for (k = 0; k < n_list; k++) {
                start[k] = total;
                total += len[k];
            }
            if (total > m->rowbuf_cap) {
                int *nb = realloc(m->rowbuf_col, sizeof(int) *
                                                     ((size_t)total + 1));
                if (nb == NULL) {
                    free(len);
                    free(start);
                    free(fill);
                    return -1;
                }
                m->rowbuf_col = nb;
                m->rowbuf_cap = total;
            }
        }
    }
    cols = m->rowbuf_col;
    for (k = 0; k < n_list; k++) {
        /* A column occupies a slot once (its sessions are apart), but keep
         * the first of any repeat to stay safe with GLPK. */
        int n = 0;
        for (i = 0; i < len[k]; i++) {
            int c = cols[start[k] + i], dup = 0;
            for (j = 0; j < n; j++)
                if (m->ind[j + 1] == c)
                    dup = 1;
            if (!dup) {
                m->ind[n + 1] = c;
                m->val[n + 1] = 1;
                n++;
            }
        }
        glp_set_mat_row(m->lp, first + k, n, m->ind, m->val);
    }
    free(len);
    free(start);
    free(fill);
    return n_list;
}

/* Add the staff slot rows the current LP solution over-uses. Returns how
 * many were added, or -1 on ENOMEM. */
static int separate_slots(struct master *m)
{
    struct eng *e = m->e;
    size_t nslot = (size_t)7 * e->n_staff * N_SLOTS, idx;
    uint8_t *want = calloc(nslot + 1, 1);
    size_t *list = malloc(sizeof(size_t) * (nslot + 1));
    int k, i, j, x, n = 0, rc;

    if (want == NULL || list == NULL) {
        free(want);
        free(list);
        return -1;
    }
    memset(m->usage, 0, sizeof(double) * nslot);
    for (k = 0; k < m->n_pats; k++) {
        const struct pattern *p = &m->pats[k];
        double v = glp_get_col_prim(m->lp, m->pat_col[k]);
        if (v <= 1e-9)
            continue;
        for (i = 0; i < p->n; i++) {
            const struct pat_session *ps = &p->s[i];
            if (ps->fixed)
                continue;
            for (j = 0; j < ps->n_staff; j++) {
                int end = ps->slot + ps->len + e->tb;
                if (end > N_SLOTS)
                    end = N_SLOTS;
                for (x = ps->slot; x < end; x++)
                    m->usage[SLOT_INDEX(e, p->day, ps->staff[j], x)] += v;
            }
        }
    }
    for (idx = 0; idx < nslot; idx++)
        if (m->usage[idx] > 1 + 1e-7 && m->slot_row[idx] == 0) {
            want[idx] = 1;
            list[n++] = idx;
        }
    rc = make_slot_rows(m, want, list, n);
    free(want);
    free(list);
    return rc;
}

/* Add every staff slot row that columns of two different child-days
 * share, so that integer plans respect every conflict (before the MIP).
 * Returns how many, or -1. */
static int complete_slot_rows(struct master *m)
{
    struct eng *e = m->e;
    size_t nslot = (size_t)7 * e->n_staff * N_SLOTS, idx;
    int *owner = malloc(sizeof(int) * (nslot + 1));
    uint8_t *want = calloc(nslot + 1, 1);
    size_t *list = malloc(sizeof(size_t) * (nslot + 1));
    int k, i, j, x, n = 0, rc;

    if (owner == NULL || want == NULL || list == NULL) {
        free(owner);
        free(want);
        free(list);
        return -1;
    }
    for (idx = 0; idx < nslot; idx++)
        owner[idx] = -1;
    for (k = 0; k < m->n_pats; k++) {
        const struct pattern *p = &m->pats[k];
        int cd = p->wc * 7 + p->day;
        for (i = 0; i < p->n; i++) {
            const struct pat_session *ps = &p->s[i];
            if (ps->fixed)
                continue;
            for (j = 0; j < ps->n_staff; j++) {
                int end = ps->slot + ps->len + e->tb;
                if (end > N_SLOTS)
                    end = N_SLOTS;
                for (x = ps->slot; x < end; x++) {
                    idx = SLOT_INDEX(e, p->day, ps->staff[j], x);
                    if (owner[idx] == -1)
                        owner[idx] = cd;
                    else if (owner[idx] != cd && !want[idx] &&
                             m->slot_row[idx] == 0) {
                        want[idx] = 1;
                        list[n++] = idx;
                    }
                }
            }
        }
    }
    rc = make_slot_rows(m, want, list, n);
    free(owner);
    free(want);
    free(list);
    return rc;
}

/* GLPK's time limit for one call: never past the solve's deadline (GLPK
 * checks often). */
static void lp_time_limit(const struct master *m, glp_smcp *smcp)
{
    double left = m->deadline_lp - eng_now();
    smcp->tm_lim = left > 0.05 ? (int)(left * 1000) : 50;
}

/* One glp_simplex within the time left. GLP_DUALP is the dual simplex,
 * then the primal when the dual fails; GLPK's own fallback would start the
 * primal with a fresh clock and the whole tm_lim again (glpapi06.c, GLPK
 * 5.0), so the fallback is made here, with what the dual left. */
static int simplex(struct master *m, glp_smcp *smcp)
{
    int ret, meth = smcp->meth;

    lp_time_limit(m, smcp);
    if (meth == GLP_DUALP)
        smcp->meth = GLP_DUAL;
    ret = glp_simplex(m->lp, smcp);
    if (meth == GLP_DUALP && ret == GLP_EFAIL && glp_bf_exists(m->lp)) {
        smcp->meth = GLP_PRIMAL;
        lp_time_limit(m, smcp);
        ret = glp_simplex(m->lp, smcp);
    }
    smcp->meth = meth;
    return ret;
}

/* Solve the LP from the current basis; when changed coefficients made
 * that basis singular or ill-conditioned, from a new advanced basis. */
static int solve_lp(struct master *m, glp_smcp *smcp)
{
    int ret;

    glp_scale_prob(m->lp, GLP_SF_AUTO);
    ret = simplex(m, smcp);

    if (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND) {
        glp_adv_basis(m->lp, 0);
        smcp->meth = GLP_DUALP;
        ret = simplex(m, smcp); /* with what the first attempt left */
    }
    return ret;
}

/* Rounds of column generation from the current LP: solve, price every
 * child-day not fixed (fixed[] may be NULL), add the negative columns.
 * Updates *z (the LP value) and *lb (the Lagrangian bound, only when
 * nothing is fixed). Returns 0, or -1 on ENOMEM. */
struct price_part {
    struct master *m;
    int k;                    /* this thread prices todo[k], todo[k + n]... */
};

static void *price_part(void *arg)
{
    struct price_part *pp = arg;
    struct master *m = pp->m;
    struct pricer *pr = &m->pricers[pp->k];
    int i;

    for (i = pp->k; i < m->n_todo; i += m->n_pricers) {
        int wc = m->todo[i] / 7, d = m->todo[i] % 7;
        struct eng_duals du;
        case_duals(m, wc, d, &du, pr);
        m->cand_rc[i] = eng_price(m->e, pr->dp, wc, d, &du, NULL,
                                  &m->cand[i]);
    }
    return NULL;
}

/* Price every child-day in the order and not fixed (fixed may be NULL)
 * under the duals read last, on the pricing threads. Each result depends
 * only on its child-day, so the plan does not depend on the threads. */
static void price_round(struct master *m, const bool *fixed)
{
    const struct eng *e = m->e;
    struct price_part parts[MAX_PRICERS];
    pthread_t th[MAX_PRICERS];
    bool started[MAX_PRICERS] = {false};
    int k, cd;

    m->n_todo = 0;
    for (cd = 0; cd < e->n_cases * 7; cd++)
        if (e->cases[cd / 7].in_order[cd % 7] &&
            (fixed == NULL || !fixed[cd]))
            m->todo[m->n_todo++] = cd;
    for (k = 0; k < m->n_pricers; k++) {
        parts[k].m = m;
        parts[k].k = k;
    }
    /* Threads 1.., and the caller as thread 0; a thread that cannot
     * start has its part priced here instead. */
    for (k = 1; k < m->n_pricers && m->n_todo > k; k++)
        started[k] = pthread_create(&th[k], NULL, price_part, &parts[k]) == 0;
    price_part(&parts[0]);
    for (k = 1; k < m->n_pricers; k++) {
        if (started[k])
            pthread_join(th[k], NULL);
        else
            price_part(&parts[k]);
    }
}

static int column_generation(struct master *m, glp_smcp *smcp,
                             const bool *fixed, int max_rounds,
                             double deadline, double *z, double *lb,
                             struct eng_result *res)
{
    int round, i;

    for (round = 0; round < max_rounds; round++) {
        int ret = solve_lp(m, smcp), added = 0, cuts;
        double rc_sum = 0;
        smcp->meth = GLP_PRIMAL;
        /* Rows for the staff slots this solution over-uses, until none. */
        while (ret == 0 && glp_get_status(m->lp) == GLP_OPT &&
               (cuts = separate_slots(m)) != 0) {
            if (cuts < 0)
                return -1;
            smcp->meth = GLP_DUALP;
            ret = solve_lp(m, smcp);
            smcp->meth = GLP_PRIMAL;
        }
        if (ret != 0 || glp_get_status(m->lp) != GLP_OPT) {
            /* Should not happen (the fixed-only plan is feasible). */
            if (m->progress)
                fprintf(m->progress, "iss: the LP stopped (glp_simplex %d, "
                                     "status %d)\n",
                        ret, glp_get_status(m->lp));
            smcp->meth = GLP_DUALP;
            return 0;
        }
        *z = glp_get_obj_val(m->lp);
        read_duals(m);
        price_round(m, fixed);
        for (i = 0; i < m->n_todo; i++) {
            const struct pattern *pat = &m->cand[i];
            if (m->cand_rc[i] >= -RC_EPS)
                continue;
            rc_sum += m->cand_rc[i];
            if (find_pattern(m, pat) == 0) {
                if (add_pattern(m, pat) == 0)
                    return -1;
                added++;
            }
        }
        if (fixed == NULL) {
            if (*z + rc_sum > *lb)
                *lb = *z + rc_sum;
            m->best_bound = *lb;
            res->rounds++;
        }
        if (m->progress != NULL && (eng_now() - m->last_progress >= 1.0 ||
                                    getenv("ISS_PROGRESS"))) {
            fprintf(m->progress, "iss: %s %d  %.2f s  LP %.2f  bound %.2f"
                                 "  columns %d (+%d)  rows %d nz %d it %d\n",
                    fixed ? "dive" : "round", round, eng_now() - m->t0, *z,
                    *lb, m->n_pats, added, glp_get_num_rows(m->lp),
                    glp_get_num_nz(m->lp), glp_get_it_cnt(m->lp));
            m->last_progress = eng_now();
        }
        if (added == 0 || eng_now() > deadline)
            break;
        if (fixed == NULL && *z - *lb <= 1e-7 * fabs(*z) + 1e-9)
            break;
    }
    return 0;
}

/* Recompute the columns of case wc that are not fixed (fixed[] may be
 * NULL) from the case's left_* needs. During a dive only columns outside
 * the basis change: the basis stays valid and its solution feasible
 * (leaving a basic column's looser coefficients is valid, only weaker). */
static void recap_case(struct master *m, int wc, const bool *fixed)
{
    int k, n;

    for (k = 0; k < m->n_pats; k++) {
        const struct pattern *p = &m->pats[k];
        if (p->wc != wc || (fixed != NULL && fixed[wc * 7 + p->day]))
            continue;
        if (fixed != NULL && glp_get_col_stat(m->lp, m->pat_col[k]) == GLP_BS)
            continue;
        column_of(m, p);
        n = take_column(m);
        glp_set_mat_col(m->lp, m->pat_col[k], n, m->ind, m->val);
    }
}

/* A column of case wc is fixed at 1: what it gives (its coefficients)
 * comes off what the case still needs. */
static void take_needs(struct master *m, const struct pattern *p)
{
    const struct eng *e = m->e;
    int wc = p->wc, i, minutes = p->slots * SLOT_MINUTES;

    for (i = 0; i < p->n; i++) {
        int ty = p->s[i].type, el = (int)e->team->types[ty].element;
        if (m->left_type[wc * m->nt + ty] > 0)
            m->left_type[wc * m->nt + ty]--;
        if (el < ISS_CORE_ELEMENTS)
            m->left_core[wc] &= (uint8_t) ~(1u << el);
    }
    m->left_min[wc] -= minutes < m->left_min[wc] ? minutes : m->left_min[wc];
    if (p->day >= 5)
        m->left_wk[wc] -= p->contacts < m->left_wk[wc] ? p->contacts
                                                       : m->left_wk[wc];
    if (pat_has_staff(p, e->cases[wc].c->key_worker))
        m->left_kw[wc] = 0;
}

static void reset_needs(struct master *m)
{
    const struct eng *e = m->e;
    int wc, t;

    for (wc = 0; wc < e->n_cases; wc++) {
        const struct eng_case *ec = &e->cases[wc];
        m->left_min[wc] = ec->need;
        for (t = 0; t < m->nt; t++)
            m->left_type[wc * m->nt + t] = ec->type_need[t];
        m->left_core[wc] = ec->core_need;
        m->left_wk[wc] = ec->weekend_need;
        m->left_kw[wc] = m->kw_row[wc] > 0;
        recap_case(m, wc, NULL);
    }
}

/* Price and dive, then repair. Each step fixes every pattern the LP
 * takes at more than 0.5 (or, when none, the largest of a quarter of the
 * children still open) and re-prices the rest; if time runs out, the
 * greedy pass plans the child-days still open around the fixed ones. If the plan beats the
 * incumbent (res->chosen) it replaces it. Bounds are restored after. */
#define DIVE_STEPS 400

/* Whether fixing pattern p keeps every staff member within the day's and
 * the week's hard caps and clear of the staff slots (with the travel time
 * after each session) that patterns fixed already hold, given
 * used_day[s * 7 + d], used_week[s] (minutes) and occ[] (slots held); if
 * so and book is set, books them. Patterns the LP takes at more than 0.5
 * can together exceed a cap (0.6 + 0.6 of two long days), and when
 * nothing is near 1 the dive fixes the best column of several children at
 * once, which can share a staff slot (0.4 + 0.3); fixing such a set made
 * the LP infeasible and left the dive nothing to follow (seen at 80x30,
 * found by dumping the LP: the slot rows alone made it infeasible). */
static bool dive_fits(const struct eng *e, const struct pattern *p,
                      int *used_day, int *used_week, uint8_t *occ,
                      bool book)
{
    int i, j, x, n_sum = 0, sum_st[2 * MAX_PAT_SESSIONS], sum_min[2 * MAX_PAT_SESSIONS];

    /* A pattern's sessions with one staff member count together against
     * their caps (three 90-minute sessions may each fit and not all). */
    for (i = 0; i < p->n; i++) {
        if (p->s[i].fixed)
            continue;
        for (j = 0; j < p->s[i].n_staff; j++) {
            int st = p->s[i].staff[j], k;
            for (k = 0; k < n_sum && sum_st[k] != st; k++)
                ;
            if (k == n_sum) {
                sum_st[n_sum] = st;
                sum_min[n_sum++] = 0;
            }
            sum_min[k] += p->s[i].len * SLOT_MINUTES;
        }
    }
    for (i = 0; i < n_sum; i++)
        if (used_day[sum_st[i] * 7 + p->day] + sum_min[i] >
                e->staff[sum_st[i]].cap_day[p->day] ||
            used_week[sum_st[i]] + sum_min[i] > e->staff[sum_st[i]].cap_week)
            return false;
    for (int pass = 0; pass < (book ? 2 : 1); pass++)
        for (i = 0; i < p->n; i++) {
            const struct pat_session *ps = &p->s[i];
            int end = ps->slot + ps->len + e->tb;
            if (ps->fixed)
                continue;
            if (end > N_SLOTS)
                end = N_SLOTS;
            for (j = 0; j < ps->n_staff; j++) {
                int st = ps->staff[j];
                int mins = ps->len * SLOT_MINUTES;
                if (pass == 0) {
                    if (used_day[st * 7 + p->day] + mins >
                            e->staff[st].cap_day[p->day] ||
                        used_week[st] + mins > e->staff[st].cap_week)
                        return false;
                    for (x = ps->slot; x < end; x++)
                        if (occ[SLOT_INDEX(e, p->day, st, x)])
                            return false;
                } else {
                    used_day[st * 7 + p->day] += mins;
                    used_week[st] += mins;
                    for (x = ps->slot; x < end; x++)
                        occ[SLOT_INDEX(e, p->day, st, x)] = 1;
                }
            }
        }
    return true;
}

/* Fixing p in the dive's plan (unfixed days empty) keeps its case's
 * practice rules: fixing columns the LP has above one half could add up
 * past a cap. */
static bool dive_rules_ok(const struct eng *e, struct pattern *plan,
                          const struct pattern *p)
{
    size_t cd = (size_t)p->wc * 7 + p->day;
    struct pattern old = plan[cd];
    double x;

    plan[cd] = *p;
    x = eng_rules_excess(e, p->wc, plan);
    plan[cd] = old;
    return x <= 0;
}

/* A dive step with nothing near 1: fix the largest value of a quarter of
 * the children still open, one column each (those that fit what is
 * booked). Returns how many were fixed, or -1 on ENOMEM. */
static int dive_fix_largest(struct master *m, bool *fixed, int *fixed_col,
                            struct pattern *plan, bool *touched,
                            int *used_day, int *used_week, uint8_t *occ)
{
    struct eng *e = m->e;
    int *best_k = malloc(sizeof(int) * (size_t)e->n_cases + 1);
    int n_fixed = 0, wc, k, open_cases = 0, want, c2;
    size_t cd;

    if (best_k == NULL)
        return -1;
    for (wc = 0; wc < e->n_cases; wc++)
        best_k[wc] = -1;
    for (k = 0; k < m->n_pats; k++) {
        const struct pattern *p = &m->pats[k];
        double v;
        cd = (size_t)p->wc * 7 + p->day;
        if (fixed[cd])
            continue;
        v = glp_get_col_prim(m->lp, m->pat_col[k]);
        if (v > 1e-6 && (!dive_fits(e, p, used_day, used_week, occ, false) ||
                         !dive_rules_ok(e, plan, p)))
            continue;
        if (v > 1e-6 &&
            (best_k[p->wc] < 0 ||
             v > glp_get_col_prim(m->lp,
                                  m->pat_col[best_k[p->wc]]) + 1e-9))
            best_k[p->wc] = k;
    }
    for (wc = 0; wc < e->n_cases; wc++)
        if (best_k[wc] >= 0)
            open_cases++;
    want = open_cases / 4 > 0 ? open_cases / 4 : 1;
    for (c2 = 0; c2 < want; c2++) {
        int pick = -1;
        for (wc = 0; wc < e->n_cases; wc++)
            if (best_k[wc] >= 0 &&
                (pick < 0 ||
                 glp_get_col_prim(m->lp, m->pat_col[best_k[wc]]) >
                     glp_get_col_prim(m->lp,
                                      m->pat_col[best_k[pick]]) +
                         1e-9))
                pick = wc;
        if (pick < 0)
            break;
        k = best_k[pick];
        best_k[pick] = -1;
        if (!dive_fits(e, &m->pats[k], used_day, used_week, occ, true))
            continue;
        cd = (size_t)m->pats[k].wc * 7 + m->pats[k].day;
        fixed[cd] = true;
        fixed_col[cd] = m->pat_col[k];
        plan[cd] = m->pats[k];
        glp_set_col_bnds(m->lp, m->pat_col[k], GLP_FX, 1, 1);
        take_needs(m, &m->pats[k]);
        touched[m->pats[k].wc] = true;
        n_fixed++;
    }
    free(best_k);
    return n_fixed;
}

/* A dive step: fix every column the LP takes at more than 0.5 that fits
 * what is booked. Returns how many. */
static int dive_fix_near_one(struct master *m, bool *fixed, int *fixed_col,
                             struct pattern *plan, bool *touched,
                             int *used_day, int *used_week, uint8_t *occ)
{
    struct eng *e = m->e;
    int n_fixed = 0, k;
    size_t cd;

    for (k = 0; k < m->n_pats; k++) {
        const struct pattern *p = &m->pats[k];
        cd = (size_t)p->wc * 7 + p->day;
        if (fixed[cd] || glp_get_col_prim(m->lp, m->pat_col[k]) <= 0.5 ||
            !dive_rules_ok(e, plan, p) ||
            !dive_fits(e, p, used_day, used_week, occ, true))
            continue;
        fixed[cd] = true;
        fixed_col[cd] = m->pat_col[k];
        plan[cd] = *p;
        glp_set_col_bnds(m->lp, m->pat_col[k], GLP_FX, 1, 1);
        take_needs(m, p);
        touched[p->wc] = true;
        n_fixed++;
    }
    return n_fixed;
}

static int dive(struct master *m, glp_smcp *smcp, double deadline,
                struct eng_result *res)
{
    struct eng *e = m->e;
    size_t ncd = (size_t)e->n_cases * 7;
    bool *fixed = calloc(ncd + 1, sizeof *fixed);
    int *fixed_col = calloc(ncd + 1, sizeof *fixed_col);
    struct pattern *plan = calloc(ncd + 1, sizeof *plan);
    bool *touched = calloc((size_t)e->n_cases + 1, sizeof(bool));
    int *used_day = calloc((size_t)e->n_staff * 7 + 1, sizeof(int));
    int *used_week = calloc((size_t)e->n_staff + 1, sizeof(int));
    uint8_t *occ = calloc((size_t)7 * e->n_staff * N_SLOTS + 1, 1);
    int step, rc = 0;
    size_t cd;
    double z = 0, lb_unused = -INFINITY, obj, chosen_obj;

    if (fixed == NULL || fixed_col == NULL || plan == NULL ||
        touched == NULL || used_day == NULL || used_week == NULL ||
        occ == NULL) {
        rc = -1;
        goto out;
    }
    for (step = 0; step < DIVE_STEPS; step++) {
        int n_fixed = 0, wc;
        if (glp_get_status(m->lp) != GLP_OPT || eng_now() > deadline)
            break;
        memset(touched, 0, sizeof *touched * (size_t)e->n_cases);
        n_fixed = dive_fix_near_one(m, fixed, fixed_col, plan, touched,
                                    used_day, used_week, occ);
        if (n_fixed == 0) {
            /* Nothing near 1. */
            n_fixed = dive_fix_largest(m, fixed, fixed_col, plan, touched,
                                       used_day, used_week, occ);
            if (n_fixed < 0) {
                rc = -1;
                goto out;
            }
        }
        if (n_fixed == 0)
            break;
        /* The case's other days now count toward what is left. */
        for (wc = 0; wc < e->n_cases; wc++)
            if (touched[wc])
                recap_case(m, wc, fixed);
        smcp->meth = GLP_DUALP; /* fixing broke primal feasibility */
        if (column_generation(m, smcp, fixed, 2, deadline, &z, &lb_unused,
                              res) != 0) {
            rc = -1;
            goto out;
        }
    }
    /* Complete around what is fixed (days outside the order keep their
     * empty pattern). */
    for (cd = 0; cd < ncd; cd++)
        if (!e->cases[cd / 7].in_order[cd % 7])
            fixed[cd] = false;
    if (eng_greedy_complete(e, fixed, plan) != 0 ||
        eng_improve(e, plan, 3, deadline) < 0) {
        rc = -1;
        goto out;
    }
    if (eng_plan_objective(e, plan, &obj, NULL) != 0 ||
        eng_plan_objective(e, res->chosen, &chosen_obj, NULL) != 0) {
        rc = -1;
        goto out;
    }
    if (m->progress != NULL)
        fprintf(m->progress, "iss: dive     %8.1f s  objective %.1f\n",
                eng_now() - m->t0, obj);
    if (obj < chosen_obj - 1e-9)
        memcpy(res->chosen, plan, sizeof *plan * ncd);
    /* The repaired patterns join the master so the search can use them. */
    for (cd = 0; cd < ncd; cd++)
        if (e->cases[cd / 7].in_order[cd % 7] && add_pattern(m, &plan[cd])
                                                     == 0) {
            rc = -1;
            goto out;
        }
    /* Free the fixed columns again and restore the LP. */
    for (cd = 0; cd < ncd; cd++)
        if (fixed_col[cd] > 0)
            glp_set_col_bnds(m->lp, fixed_col[cd], GLP_LO, 0, 0);
    reset_needs(m);
    glp_adv_basis(m->lp, 0);
    smcp->meth = GLP_DUALP;
    solve_lp(m, smcp);
out:
    free(used_day);
    free(used_week);
    free(occ);
    free(touched);
    free(fixed);
    free(fixed_col);
    free(plan);
    return rc;
}

/* ---- the whole master ---- */

/* The first columns: each child-day's fixed-only pattern and the greedy
 * one. Returns 0, or -1 on ENOMEM. */
static int start_columns(struct master *m, struct eng_dp *dp,
                         const struct pattern *greedy)
{
    struct eng *e = m->e;
    int wc, d;

    for (wc = 0; wc < e->n_cases; wc++)
        for (d = 0; d < 7; d++) {
            struct pattern empty;
            if (!e->cases[wc].in_order[d])
                continue;
            eng_price(e, dp, wc, d, NULL, NULL, &empty);
            empty.n = 0;
            {
                /* fixed sessions only */
                const struct eng_case *ec = &e->cases[wc];
                int k;
                for (k = 0; k < ec->n_fixed[d]; k++) {
                    const struct eng_fixed *f =
                        &e->fixed[ec->fixed_first[d] + k];
                    struct pat_session *s = &empty.s[empty.n++];
                    s->slot = (uint8_t)f->slot;
                    s->len = (uint8_t)f->len;
                    s->type = (uint8_t)f->type;
                    s->fixed = true;
                    s->n_staff = (uint8_t)f->n_staff;
                    s->staff[0] = (int16_t)f->staff[0];
                    s->staff[1] = (int16_t)(f->n_staff > 1 ? f->staff[1]
                                                           : -1);
                }
                empty.wc = wc;
                empty.day = d;
                pat_finish(e, &empty);
            }
            if (add_pattern(m, &empty) == 0 ||
                add_pattern(m, &greedy[wc * 7 + d]) == 0)
                return -1;
        }
    return 0;
}

/* Branch and bound over the generated patterns from the LP's basis, the
 * child-days where the LP and the incumbent agree fixed (RINS); the best
 * plan found goes to res->chosen. */
static void branch_and_bound(struct master *m, glp_smcp *smcp,
                             glp_iocp *iocp, struct eng_result *res)
{
    int status;

    if (glp_get_status(m->lp) != GLP_OPT) {
        smcp->meth = GLP_DUALP;
        solve_lp(m, smcp);
    }
    /* RINS: where the LP and the incumbent agree on a child-day, keep
     * that day; the search decides only where they differ. */
    if (glp_get_status(m->lp) == GLP_OPT) {
        int agreed = 0;
        for (int k = 0; k < m->n_pats; k++) {
            const struct pattern *p = &m->pats[k];
            if (glp_get_col_prim(m->lp, m->pat_col[k]) >= 0.99 &&
                same_pattern(p, &res->chosen[p->wc * 7 + p->day])) {
                glp_set_col_bnds(m->lp, m->pat_col[k], GLP_FX, 1, 1);
                agreed++;
            }
        }
        if (m->progress != NULL)
            fprintf(m->progress, "iss: search   %8.1f s  %d child-days "
                                "agreed, the rest searched\n",
                    eng_now() - m->t0, agreed);
        smcp->meth = GLP_DUALP;
        solve_lp(m, smcp);
    }
    if (glp_get_status(m->lp) == GLP_OPT) {
        int ret = glp_intopt(m->lp, iocp);
        status = glp_mip_status(m->lp);
        /* 0, a time limit, our own stop and the gap tolerance all leave
         * the best plan found; the status says whether there is one. */
        if ((ret == 0 || ret == GLP_ETMLIM || ret == GLP_ESTOP ||
             ret == GLP_EMIPGAP) &&
            (status == GLP_OPT || status == GLP_FEAS)) {
            for (int k = 0; k < m->n_pats; k++)
                if (glp_mip_col_val(m->lp, m->pat_col[k]) > 0.5) {
                    const struct pattern *p = &m->pats[k];
                    res->chosen[p->wc * 7 + p->day] = *p;
                }
            res->time_limit = ret == GLP_ETMLIM || m->time_up;
        } else if (m->progress != NULL) {
            fprintf(m->progress, "iss: the search gave no plan (glp_intopt "
                                "%d, status %d); keeping the best so far\n",
                    ret, status);
        }
    }
}

int eng_master(struct eng *e, const struct pattern *greedy,
               struct eng_result *res, struct iss_error *err)
{
    struct master m;
    glp_smcp smcp;
    glp_iocp iocp;
    double z = 0, lb = -INFINITY, cg_deadline, start;
    int rc = 0;
    size_t ncd = (size_t)e->n_cases * 7;

    glp_term_out(GLP_OFF);
    memset(&m, 0, sizeof m);
    m.e = e;
    m.deadline_lp = e->deadline;
    m.progress = e->opts->progress;
    m.t0 = e->t0;
    m.last_progress = eng_now();
    m.best_bound = -INFINITY;
    memset(res, 0, sizeof *res);
    res->chosen = calloc(ncd + 1, sizeof *res->chosen);
    if (res->chosen == NULL || build(&m) != 0) {
        rc = iss_fail(err, ISS_EFAIL, "out of memory");
        goto out;
    }
    rc = eng_plan_objective(e, greedy, &res->greedy_objective, err);
    if (rc != 0)
        goto out;
    memcpy(res->chosen, greedy, sizeof *res->chosen * ncd);
    /* Start: each day's fixed-only pattern and the greedy one. */
    if (start_columns(&m, m.pricers[0].dp, greedy) != 0) {
        rc = iss_fail(err, ISS_EFAIL, "out of memory");
        goto out;
    }
    /* Column generation. */
    glp_init_smcp(&smcp);
    smcp.msg_lev = GLP_MSG_OFF;
    smcp.presolve = GLP_OFF;
    smcp.meth = GLP_DUALP;
    /* Shares of the time left when the master starts (the search before
     * it took its own share). */
    start = eng_now();
    cg_deadline = start + (e->deadline - start) * 0.4;
    rc = column_generation(&m, &smcp, NULL, MAX_ROUNDS, cg_deadline, &z,
                           &lb, res);
    if (rc != 0) {
        rc = iss_fail(err, ISS_EFAIL, "out of memory");
        goto out;
    }
    /* Price and dive: fix patterns the LP (nearly) chose, re-price, until
     * every child-day has one. */
    if (!e->opts->skip_mip) {
        double dive_deadline = start + (e->deadline - start) * 0.8;
        rc = dive(&m, &smcp, dive_deadline, res);
        if (rc != 0) {
            rc = iss_fail(err, ISS_EFAIL, "out of memory");
            goto out;
        }
    }
    res->columns = m.n_pats;
    res->bound = lb > -INFINITY ? lb : 0;
    if (e->opts->skip_mip)
        goto done;
    /* Every conflict between generated patterns as a row, then the LP
     * again (its value may rise: the bound above stays valid). */
    if (complete_slot_rows(&m) < 0) {
        rc = iss_fail(err, ISS_EFAIL, "out of memory");
        goto out;
    }
    smcp.meth = GLP_DUALP;
    solve_lp(&m, &smcp);
    /* Branch and bound over the generated patterns. */
    for (int k = 0; k < m.n_pats; k++)
        glp_set_col_kind(m.lp, m.pat_col[k], GLP_BV);
    if (e->opts->write_lp != NULL &&
        glp_write_lp(m.lp, NULL, e->opts->write_lp) != 0) {
        rc = iss_fail(err, ISS_EFAIL, "%s: cannot write the model",
                      e->opts->write_lp);
        goto out;
    }
    glp_init_iocp(&iocp);
    iocp.msg_lev = GLP_MSG_OFF;
    iocp.presolve = GLP_OFF;  /* the basis of the last LP is optimal */
    iocp.cb_func = callback;
    iocp.cb_info = &m;
    iocp.mip_gap = MIP_GAP;
    /* Clique and MIR cuts close this model's gap far faster (measured:
     * docs/solver.md); Gomory and cover cuts stay off. */
    iocp.clq_cuts = GLP_ON;
    iocp.mir_cuts = GLP_ON;
    if (getenv("ISS_GLPK_VERBOSE")) {
        glp_term_out(GLP_ON);
        iocp.msg_lev = GLP_MSG_ON;
    }
    {
        double left = e->deadline - eng_now();
        iocp.tm_lim = left > 0.1 ? (int)(left * 1000) : 100;
    }
    m.incumbent = res->chosen;
    m.deadline = e->deadline;
    m.node_budget = NODE_BUDGET;
    {
        double inc;

        rc = eng_plan_objective(e, res->chosen, &inc, err);
        if (rc != 0)
            goto out;
        if (inc - lb <= 1e-6 * fabs(inc) + 1e-6)
            goto done; /* the dive's plan is already optimal */
    }
    branch_and_bound(&m, &smcp, &iocp, res);
done:
    /* A plan that the LP's rule slacks let break a practice rule is
     * repaired, not thrown away for the greedy one. */
    eng_rules_fix(e, res->chosen);
    /* A last polish of whatever won, one child-day at a time. */
    if (eng_improve(e, res->chosen, 2, e->deadline) < 0) {
        rc = iss_fail(err, ISS_EFAIL, "out of memory");
        goto out;
    }
    /* Time the master left over goes to the search again. */
    if (eng_lns(e, res->chosen, 20 * e->n_cases, e->deadline,
                &res->time_limit) < 0 ||
        eng_kw_repair(e, res->chosen, NULL, e->deadline) < 0) {
        rc = iss_fail(err, ISS_EFAIL, "out of memory");
        goto out;
    }
    rc = eng_plan_objective(e, res->chosen, &res->objective, err);
    if (rc != 0)
        goto out;
    if (res->objective > res->greedy_objective + 1e-9) {
        /* Never worse than the greedy plan (and its search). */
        memcpy(res->chosen, greedy, sizeof *res->chosen * ncd);
        res->objective = res->greedy_objective;
    }
    if (res->bound > res->objective)
        res->bound = res->objective;
    res->optimal = res->objective - res->bound <=
                   1e-6 * fabs(res->objective) + 1e-6;
    if (m.progress != NULL)
        progress_line(&m, "done", res->objective);
out:
    master_free(&m);
    return rc;
}
