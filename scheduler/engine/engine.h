/* iss - the planning engine's internals: a week's data on a 15-minute
 * grid, day patterns, pricing, the greedy plan and the GLPK master.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * docs/solver.md explains the model. In short: a column is a "day
 * pattern", every session one child has on one day (times, types, staff);
 * the master chooses one pattern per child and day subject to staff
 * capacity (no double booking, travel, daily and weekly hours) and the
 * child's weekly needs (minutes, sessions by type, weekend contacts), each
 * with a penalised slack. Patterns are priced by an exact dynamic
 * programme over the child's day.
 */
#ifndef ISS_ENGINE_H
#define ISS_ENGINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "iss/band.h"
#include "iss/base.h"
#include "iss/calendar.h"
#include "iss/case.h"
#include "iss/error.h"
#include "iss/team.h"
#include "iss/plan.h"
#include "iss/solve.h"
#include "iss/workspace.h"

/* The grid: slot i is the quarter hour starting at local minute 15 * i. */
#define SLOT_MINUTES 15
#define N_SLOTS 96
#define MAX_PAT_SESSIONS 32
#define MAX_LENGTHS 24        /* distinct session lengths, in slots */
#define RULE_WEIGHT 1e5       /* per minute over a practice rule (LP, objective) */

/* ---- slot sets ---- */

typedef struct {
    uint64_t w[2];
} slotset;

static inline bool ss_has(const slotset *s, int i)
{
    return (s->w[i >> 6] >> (i & 63)) & 1u;
}

static inline void ss_set(slotset *s, int i)
{
    s->w[i >> 6] |= (uint64_t)1 << (i & 63);
}

static inline void ss_clear(slotset *s, int i)
{
    s->w[i >> 6] &= ~((uint64_t)1 << (i & 63));
}

/* Set or clear the slots from..to-1 (clipped to the day). */
void ss_fill(slotset *s, int from, int to, bool on);
/* True if every slot from..to-1 is in s (false when out of the day). */
bool ss_all(const slotset *s, int from, int to);
bool ss_any(const slotset *s, int from, int to);
int ss_count(const slotset *s);

/* ---- weights of the objective (docs/solver.md) ---- */

struct eng_weights {
    double minute_short;      /* per required minute not planned */
    double contact_short;     /* per daily contact not planned */
    double weekend_short;     /* per weekend contact not planned */
    double session_short;     /* per weekly session of a type not planned */
    double core_short;        /* per core element not covered */
    double other_staff;       /* per session by someone not the key worker */
    double known_staff;       /* ... by someone who already works with them */
    double spread;            /* per (day's session hours)^2 */
    double odd_hours;         /* per quarter hour before 09:00 or after 20:00 */
    double per_session;       /* per planned session: fewer, longer ones */
    double overload;          /* per minute over a staff member's share */
    double moved;             /* re-plan: per published session changed */
    double key_worker;        /* per case whose key worker (a candidate)
                                 takes none of its sessions: below a core
                                 element or weekly session */
};

void eng_weights_default(struct eng_weights *w);

/* ---- the week ---- */

/* A session that cannot move: a pin, or a published session when not
 * re-planning. */
struct eng_fixed {
    int wc;                   /* week case */
    int day;                  /* 0 = Monday */
    int slot;                 /* first slot */
    int len;                  /* slots */
    int type;
    int staff[2];
    int n_staff;
    bool pinned;
    int published;            /* index in opts->published, or -1 */
};

/* A published session a re-plan may keep (it costs w.moved not to): the
 * pricing DP can reproduce it exactly. */
struct eng_keep {
    int wc;
    int day;
    int slot;
    int len;
    int type;
    int staff[2];
    int n_staff;
    int published;            /* index in opts->published */
};

struct eng_case {
    int ci;                   /* index into ws->cases */
    const struct iss_case *c;
    const struct iss_band *band;
    int required;             /* minutes the band requires this week */
    int edu_counted;          /* education minutes that count */
    int need;                 /* minutes of sessions needed (>= 0) */
    bool in_order[7];
    int band_contacts[7];     /* the band's contacts for the day */
    bool curfew_contact[7];   /* an EM curfew counts as one */
    int day_contacts[7];      /* separate session contacts needed */
    int weekend_need;         /* weekend contacts needed (step-down) */
    bool intensive;           /* daily contacts this week: core elements */
    uint8_t core_need;        /* bit e: core element e wanted */
    int *type_need;           /* weekly sessions wanted, by team type */
    slotset free[7];          /* slots a planned session may use */
    int day_cap[7];           /* most session slots in the day (fixed
                                 included) */
    int fixed_first[7];       /* into eng.fixed (sorted by case, day) */
    int n_fixed[7];
    int fixed_slots[7];       /* slots of fixed sessions */
    int keep_first[7];        /* into eng.keep (sorted by case, day) */
    int n_keep[7];
    int *staff;               /* candidate staff (team indices) */
    int n_staff;
    double *staff_cost;       /* per candidate, per session */
    uint8_t *staff_role_ok;   /* per candidate x type: may deliver it */
    uint64_t types_ok;        /* bit t: some candidate may deliver type t */
    int max_distinct;         /* 0 = none (candidates restricted instead) */
    char phase[32];
    /* Practice rules (rules.c, docs/solver.md): planned minutes of
     * element e (not surveillance) at most elem_cap[e] = max(0,
     * max(elem_free[e], share * max(need, F)) - F_e), F the fixed minutes
     * of the week and F_e those of the element; planned sessions of type
     * t at most type_max[t] (-1: no limit). */
    double share;
    double elem_cap[ISS_ELEMENT_COUNT];
    int elem_free[ISS_ELEMENT_COUNT];   /* what the weekly_sessions of
                                           the element's types take at
                                           their shortest, or at least one
                                           session of its shortest type */
    int fixed_minutes;        /* F */
    int *type_max;
};

struct eng_staff {
    slotset avail[7];         /* may start/hold a planned session */
    slotset duty[7];          /* on duty, before other children's
                                 pinned or published sessions (for
                                 the explanations only) */
    int cap_day[7];           /* minutes left for planned sessions */
    int cap_week;
    int fixed_minutes;        /* pinned/published minutes this week */
    double share;             /* fair share of the planned minutes */
    int avail_minutes;        /* available minutes this week */
};

struct eng {
    const struct iss_workspace *ws;
    const struct iss_team *team;
    const struct iss_solve_opts *opts;
    iss_date monday;
    int ps, pe;               /* planning day: slots [ps, pe) */
    int tb;                   /* staff travel between children, slots */
    int gap;                  /* contact gap, slots */
    int brk;                  /* a child's break between sessions, slots */
    slotset usable[7];        /* slots that exist on the clock */
    struct eng_case *cases;
    int n_cases;
    struct eng_staff *staff;
    int n_staff;
    struct eng_fixed *fixed;
    int n_fixed;
    struct eng_keep *keep;    /* re-plan: published sessions to keep */
    int n_keep;
    iss_date today;           /* sessions before it are history */
    int64_t now;              /* nothing new starts before it (0: none) */
    int open_from[7];         /* first slot of each day at or after now */
    int lengths[MAX_LENGTHS]; /* every allowed length, slots, ascending */
    int n_lengths;
    struct eng_weights w;
    struct iss_arena *arena;
    double t0;                /* start of the solve (seconds) */
    double deadline;          /* t0 + time limit */
};

/* True if a pin starts before now and was never published: it is left out
 * of the plan (it can no longer be given in writing beforehand). */
bool eng_pin_past(const struct eng *e, const struct iss_case *c,
                  const struct iss_pin *p, const struct iss_solve_opts *o);

/* Build the week's data. Returns 0 or ISS_EFAIL (ENOMEM). */
/* Why staff member st cannot work start-end on date by their hours that
 * day (leave, bank holiday, the rota or weekly hours), in why[]. */
bool eng_staff_day_misfit(const struct iss_workspace *ws,
                          const struct iss_staff *st, iss_date date,
                          int start, int end, char *why, size_t why_size);
bool eng_published_misfit(const struct iss_workspace *ws,
                          const struct iss_fixed_session *p, char *why,
                          size_t why_size);
/* Build the week's data. Returns 0 or ISS_EFAIL (ENOMEM). */
int eng_build(struct eng *e, const struct iss_workspace *ws, iss_date monday,
              const struct iss_solve_opts *opts, struct iss_error *err);
void eng_free(struct eng *e);

/* Seconds since some fixed point (monotonic). */
double eng_now(void);

/* ---- patterns ---- */

struct pat_session {
    uint8_t slot;
    uint8_t len;              /* slots */
    uint8_t type;
    bool fixed;
    int16_t staff[2];         /* team staff indices */
    uint8_t n_staff;
};

struct pattern {
    int wc;
    int day;
    int n;
    struct pat_session s[MAX_PAT_SESSIONS];
    int slots;                /* session slots (minutes / 15) */
    int contacts;             /* separate contacts */
    double cost;              /* the pattern's own cost */
};

/* Fill slots, contacts and cost from the sessions. */
void pat_finish(const struct eng *e, struct pattern *p);

/* The pattern's own cost parts (contacts short, continuity, spread, hours
 * of the day); see docs/solver.md. */
double pat_cost(const struct eng *e, const struct pattern *p);

/* How many of the day's published sessions (re-plan) p keeps exactly. */
int pat_kept(const struct eng *e, const struct pattern *p);

/* Does one of p's sessions (fixed ones too) have staff member staff? */
bool pat_has_staff(const struct pattern *p, int staff);

/* Separate contacts of a pattern's sessions (sorted by slot). */
int pat_contacts(const struct eng *e, const struct pattern *p);

/* ---- duals for pricing ---- */

/* Prices of the master's rows as seen by one child's day. The pricing DP
 * reads them through these arrays. */
struct eng_duals {
    double conv;              /* the child-day's convexity row */
    double need;              /* per minute (>= 0) */
    double *type;             /* per team type (>= 0) */
    double core[ISS_CORE_ELEMENTS];
    double weekend;           /* per contact on Sat/Sun (>= 0) */
    /* per team staff: price of a slot of theirs on this day (<= 0), and of
     * a minute of theirs (day + week + balance rows, <= 0) */
    double *slot;             /* [staff * N_SLOTS + slot] */
    double *minute;           /* [staff] */
    int need_cap_slots;       /* the need price pays for at most this many
                                 slots of the day (greedy); 0 = no cap */
    int need_cap_minutes;     /* ... and at most this many minutes; 0 = no
                                 cap (the case's need still caps it) */
    int weekend_cap;          /* weekend contacts paid; -1 = the case's */
    /* What a pattern is paid for: type t at most type_cap[t] sessions
     * (NULL: the case's weekly_sessions), core element e at most once and
     * only if bit e of core_open is set (the master: its core rows). */
    const int *type_cap;
    uint8_t core_open;
    /* Practice rules (NULL: none): per team type, the most slots one more
     * planned session of the type may have (0: none), and the prices of
     * the master's rule rows per session and per minute of the type. */
    const int *type_room;
    const double *type_session;
    const double *type_minute;
    /* The key worker's row (0: closed): paid once, on the first session
     * the case's key worker (team index kw_staff) takes. */
    double kw;
    int kw_staff;
};

/* Scratch memory of the pricing DP (one per thread). */
struct eng_dp;

struct eng_dp *eng_dp_new(const struct eng *e);
void eng_dp_free(struct eng_dp *dp);

/* The pattern of least reduced cost for case wc on day under duals
 * (NULL duals: plain costs). cap_left, if not NULL, gives each staff
 * member's minutes left that day (greedy): a session longer is not
 * offered. Writes the pattern and returns its reduced cost (cost -
 * duals), or +inf if no pattern exists. */
double eng_price(const struct eng *e, struct eng_dp *dp, int wc, int day,
                 const struct eng_duals *duals, const int *cap_left,
                 struct pattern *out);

/* ---- the greedy plan ---- */

/* One pattern per case and day: out[wc * 7 + day]. */
int eng_greedy(const struct eng *e, struct pattern *out);

/* The same around a partial plan: child-days with keep[wc * 7 + day] set
 * keep their pattern in out (their staff are booked first); the others
 * are planned greedily. */
int eng_greedy_complete(const struct eng *e, const bool *keep,
                        struct pattern *out);
/* The same with case first_wc (-1: none) planned first in both passes. */
int eng_greedy_complete_first(const struct eng *e, const bool *keep,
                              int first_wc, struct pattern *out);

/* Local search: re-plan one child-day at a time by the pricing DP with
 * every other day held (its staff taken, the child's week's needs net of
 * its other days), keeping a change only when the whole plan's objective
 * falls. At most passes passes over all child-days, stopping early when a
 * pass changes nothing or at the deadline. Returns how many changes were
 * kept, or -1 on ENOMEM. */
int eng_improve(const struct eng *e, struct pattern *plan, int passes,
                double deadline);

/* ---- practice rules (rules.c) ---- */

/* How far case wc's week in plan breaks the practice rules: minutes of an
 * element over its share, plus 60 per session over a type's max; 0 when
 * kept. */
double eng_rules_excess(const struct eng *e, int wc,
                        const struct pattern *plan);

/* Per team type, the most slots one more planned session of it may have
 * on day of case wc (0: none), given plan's other days (all_days) or the
 * days before day, assuming the week reaches its need: room[n_types]. */
void eng_rules_room(const struct eng *e, int wc, int day,
                    const struct pattern *plan, bool all_days, int *room);

/* The rules that limit case wc's week in plan: elements at their share
 * and types at their weekly_sessions max, as a list in buf ("restorative,
 * ete"); returns how many. */
int eng_rules_limited(const struct eng *e, int wc, const struct pattern *plan,
                      char *buf, size_t size);

/* Make every case's week keep the rules: retype planned sessions (same
 * time, length and staff) or drop them. Returns how many changed. */
int eng_rules_fix(const struct eng *e, struct pattern *plan);

/* ---- the large-neighbourhood search (lns.c) ---- */

/* Book (sign 1) or give back (sign -1) the staff of a pattern's planned
 * sessions: their occupancy [start, end + travel) in slot_price (TAKEN,
 * or free again: occupancies of different children never overlap, each
 * session being priced over its own), their minutes in used_day [staff *
 * 7 + day] and used_week [staff]. (greedy.c) */
void eng_book(const struct eng *e, const struct pattern *p,
              double *slot_price, int *used_day, int *used_week, int sign);

/* The prices of child-day (wc, d) with the rest of plan held: what the
 * child's other days already give is paid no more; bookings (slot_price,
 * used_day, used_week) are of everything but this child-day. The arrays
 * are the caller's scratch: minute_price and cap_left [n_staff],
 * type_price, type_cap and room [n_types]. (greedy.c: the local search;
 * lns.c: the key worker's repair) */
struct eng_around {
    double *slot_price, *minute_price, *type_price;
    int *used_day, *used_week, *cap_left, *type_cap;
    int *room; /* the practice rules' room by type (rules.c) */
};

void eng_duals_around(const struct eng *e, const struct pattern *plan,
                      int wc, int d, const struct eng_around *a,
                      struct eng_duals *du);

/* Can case wc's key worker take one of its sessions: a candidate, on duty
 * some day of the order while the child is free? (objective.c) */
bool eng_kw_candidate(const struct eng *e, int wc);

/* Does case wc's key worker take any of its sessions in plan, on a day
 * other than but (-1: any day)? */
bool eng_kw_used(const struct eng *e, const struct pattern *plan, int wc,
                 int but);

/* Give each case whose key worker takes none of its sessions (only[wc]
 * set, or all when NULL) one day re-planned with the key worker, when
 * that lowers the score. Returns how many, or -1 on ENOMEM. */
int eng_kw_repair(const struct eng *e, struct pattern *plan,
                  const bool *only, double deadline);

/* Free a short child's week and a few children holding the staff it
 * could use, plan them again by the greedy passes (that child first),
 * keep the result when the score is no worse; at most iterations times,
 * until nothing is short or the deadline (then *cut is set, if cut is not
 * NULL). Returns the improvements kept, or -1 on ENOMEM. */
int eng_lns(const struct eng *e, struct pattern *plan, int iterations,
            double deadline, bool *cut);

/* ---- the master (GLPK) ---- */

struct eng_result {
    struct pattern *chosen;   /* [wc * 7 + day] */
    double objective;
    double bound;
    double greedy_objective;
    int columns;
    int rounds;
    bool optimal;
    bool time_limit;
};

int eng_master(struct eng *e, const struct pattern *greedy,
               struct eng_result *res, struct iss_error *err);

/* The objective of a whole plan (one pattern per case-day), computed
 * directly: pattern costs + slack penalties, the key workers' term
 * included, into *out (objective.c).
 * Returns 0, or ISS_EFAIL with err (which may be NULL) when out of
 * memory. */
int eng_plan_objective(const struct eng *e, const struct pattern *plan,
                       double *out, struct iss_error *err);

/* ---- explanations ---- */

void eng_explain(const struct eng *e, const struct pattern *plan,
                 struct iss_plan *out);

#endif
