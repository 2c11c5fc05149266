/* iss - a week's plan: sessions, what each child needed and got, why any
 * of it is short; the plan JSON and the printed timetable.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#ifndef ISS_PLAN_H
#define ISS_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "iss/calendar.h"
#include "iss/error.h"
#include "iss/workspace.h"

enum iss_session_status {
    ISS_SESSION_PLANNED = 0,  /* new in this plan */
    ISS_SESSION_PUBLISHED,    /* published before, unchanged */
    ISS_SESSION_MOVED,        /* published before, changed by a re-plan */
    ISS_SESSION_CANCELLED     /* published before, dropped by a re-plan */
};

const char *iss_session_status_name(enum iss_session_status s);

#define ISS_UID_MAX 64

struct iss_session {
    int kase;                 /* index into ws->cases */
    int type;                 /* index into ws->team.types */
    int staff[2];             /* indices into ws->team.staff */
    int n_staff;
    iss_date date;
    int start;                /* local clock minutes */
    int end;
    int64_t start_utc;        /* instants */
    int64_t end_utc;
    char uid[ISS_UID_MAX];    /* "" until published */
    int sequence;
    enum iss_session_status status;
    bool pinned;
    int place;                /* ws->team.places index, -1 none */
    /* a moved session: where and with whom it was */
    iss_date was_date;
    int was_start;
    int was_end;
    int was_staff[2];
    int was_n_staff;
    int was_place;
};

enum iss_short_kind {
    ISS_SHORT_MINUTES = 0,
    ISS_SHORT_CONTACTS,
    ISS_SHORT_WEEKEND,
    ISS_SHORT_SESSIONS,       /* weekly_sessions of a type */
    ISS_SHORT_CORE            /* a core element not covered */
};

const char *iss_short_kind_name(enum iss_short_kind k);

struct iss_shortfall {
    enum iss_short_kind kind;
    int minutes;              /* minutes short (kind minutes) */
    int short_by;             /* contacts or sessions short */
    iss_date date;            /* contacts: the day; else ISS_DATE_NONE */
    char reason[400];
};

struct iss_day_contacts {
    bool in_order;
    int required;             /* the band's contacts for the day */
    bool curfew_contact;      /* an EM curfew counts as one */
    int planned;              /* separate contacts of the sessions */
};

struct iss_case_week {
    int kase;
    char phase[32];           /* "months 1-3" */
    int required_minutes;
    int planned_minutes;
    int education_minutes_counted;
    struct iss_day_contacts days[7];
    int weekend_required;
    int weekend_planned;
    int *sessions_required;   /* by type index (team.n_types) */
    int *sessions_planned;
    uint8_t core_missing;     /* bit e: core element e not covered */
    struct iss_shortfall *shortfalls;
    size_t n_shortfalls;
};

struct iss_solver_report {
    char status[16];          /* "optimal", "feasible", "time limit" */
    double seconds;
    double objective;
    double bound;
    double gap;
    int columns;              /* patterns generated */
    int rounds;               /* column generation rounds */
    double greedy_objective;
};

struct iss_plan {
    iss_date monday;
    struct iss_solver_report solver;
    struct iss_case_week *cases;
    size_t n_cases;
    struct iss_session *sessions;
    size_t n_sessions;
    int *staff_minutes;       /* by staff index */
    size_t n_staff;
    char **warnings;          /* e.g. published sessions that no longer
                                 fit (leave): plan with --replan */
    size_t n_warnings;
};

void iss_plan_free(struct iss_plan *plan);

/* Write the plan as JSON (docs/plan.md) to path atomically: a temporary
 * file in the same folder, fsync, rename. */
int iss_plan_write_json(const struct iss_plan *plan,
                        const struct iss_workspace *ws, const char *path,
                        struct iss_error *err);

/* Read a plan file written by iss_plan_write_json back (the sessions and
 * the week; case figures are not read). Every id must name a case, type
 * or staff member of ws: a plan made before the workspace changed is an
 * error naming what is unknown. */
int iss_plan_read_json(const struct iss_workspace *ws, const char *path,
                       struct iss_plan **out, struct iss_error *err);

/* The plan as a JSON string (caller frees). NULL on ENOMEM. */
char *iss_plan_to_json(const struct iss_plan *plan,
                       const struct iss_workspace *ws);

/* Print the readable timetable: per child, then per staff member, then
 * what is short and why. */
void iss_plan_print(const struct iss_plan *plan,
                    const struct iss_workspace *ws, FILE *out);

/* Separate contacts among sessions of one child on one day (their clock
 * minutes), per docs/plan.md: sorted by start, a new contact when a
 * session starts at least gap minutes after all earlier ones end. The one
 * contact rule (contacts.c); it allocates nothing and cannot fail. */
int iss_count_contacts(const int *start, const int *end, size_t n, int gap);

/* The plan file of the week of monday: out_dir/plan-YYYY-MM-DD.json,
 * malloc'd (NULL on ENOMEM). The one place its name is made. */
char *iss_plan_path(const char *out_dir, iss_date monday);

#endif
