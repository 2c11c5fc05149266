/* iss - the compliance ladder: from missed appointments to warnings,
 * compliance meetings and breach action, and the order's milestones, each
 * an action with a life: due, then done or withdrawn.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * The ladder is policy data (team.json "policy", docs/compliance.md), with
 * presets from DOMAIN.md section 6:
 *   inspection (HMI Probation toolkit): two formal warnings, and a further
 *     failure means breach action within 5 working days;
 *   wokingham: the same, a verbal warning first (once per order), and a
 *     compliance meeting with a manager within 10 days of the 2nd warning;
 *   bolton: warning letters on the 1st and 2nd failure, breach review on
 *     the 3rd; reviews monthly;
 *   derbyshire: an enabling compliance meeting after the 1st warning.
 * Every miss, acceptable or not, needs a follow-up within 1 working day.
 *
 * A failure climbs the ladder only from what had been GIVEN when it
 * happened: it is classified by the warnings recorded done before its day.
 * A failure while a warning (or breach action) is still due is recorded
 * and shown, but does not skip a rung. Every due date is a working day.
 */
#ifndef ISS_LADDER_H
#define ISS_LADDER_H

#include <stdbool.h>
#include <stddef.h>

#include "iss/calendar.h"
#include "iss/error.h"
#include "iss/team.h"

/* One missed appointment (or a partial one the child cut short). */
struct iss_miss {
    iss_date date;
    bool acceptable;          /* evidence given: not a failure to comply */
    bool not_counted;         /* short notice not told in person, or a
                                 partial without a cause: recorded, never
                                 a failure */
    bool partial;
    char why_not[48];         /* with not_counted: why, in words */
    int64_t start_utc;        /* orders misses of one day by time (0: by uid) */
    char uid[64];
};

enum iss_action_kind {
    ISS_ACTION_FOLLOW_UP = 0, /* contact the child about a miss */
    ISS_ACTION_WARNING,       /* formal written warning (number 0: verbal) */
    ISS_ACTION_COMPLIANCE_MEETING,
    ISS_ACTION_BREACH,        /* breach action (court) */
    ISS_ACTION_FIRST_CONTACT, /* milestones of the order */
    ISS_ACTION_PLANNING_MEETING,
    ISS_ACTION_REVIEW
};
#define ISS_ACTION_KINDS 7

/* "follow_up", "warning", ... (the names the command line and the JSON
 * report use). */
const char *iss_action_name(enum iss_action_kind k);
/* "Follow-up", "Warning", "Compliance meeting", ... (text and HTML). */
const char *iss_action_label(enum iss_action_kind k);
/* -1 when s names no kind. */
int iss_action_parse(const char *s);

enum iss_action_state {
    ISS_ACTION_DUE = 0,
    ISS_ACTION_DONE,
    ISS_ACTION_WITHDRAWN
};

const char *iss_action_state_name(enum iss_action_state s);

/* A stored closing of an action: done or withdrawn, found again by its
 * kind and key. */
struct iss_closure {
    enum iss_action_kind kind;
    char key[64];
    enum iss_action_state state;
    iss_date on;
    char by[40];
    char note[512];
};

struct iss_action {
    enum iss_action_kind kind;
    iss_date trigger;         /* the miss or order start that calls for it */
    iss_date due;             /* always a working day */
    int number;               /* warning 1, 2... (0: verbal); failures
                                 counted for breach; review number */
    char uid[64];             /* the session missed (or "") */
    char key[64];             /* identity for closing it */
    enum iss_action_state state;
    iss_date closed_on;       /* done or withdrawn on */
    char by[40];
    char note[512];
    bool automatic;           /* closed by the record (first contact) */
    int also_failures;        /* later failures while it was due */
    char not_counted[48];     /* a follow-up of a miss that is no failure
                                 although unacceptable: why ("short notice,
                                 not told in person"); "" otherwise */
};

struct iss_ladder_input {
    const struct iss_policy *policy;
    const struct iss_holidays *holidays;   /* may be NULL */
    const struct iss_miss *misses;         /* in any order */
    size_t n_misses;
    const struct iss_closure *closures;    /* latest per kind and key */
    size_t n_closures;
    bool milestones;          /* the order started while iss kept records */
    iss_date order_start;
    iss_date order_end;
    iss_date first_contact;   /* first session attended, or NONE */
    iss_date until;           /* reviews due up to this day */
};

/* The actions of one case, in order of trigger then kind. Writes at most
 * max to out (out may be NULL when max is 0) and sets *n to how many
 * there are (call again with more room if it is larger). Returns 0, or
 * ISS_EFAIL with err when out of memory (then *n is 0). */
int iss_ladder(const struct iss_ladder_input *in, struct iss_action *out,
               size_t max, size_t *n, struct iss_error *err);

/* The first working day on or after d. */
iss_date iss_working_day_on_or_after(const struct iss_holidays *h,
                                     bool christmas_eve_working, iss_date d);

#endif
