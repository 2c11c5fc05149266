/* iss - the compliance ladder: from missed appointments to warnings,
 * compliance meetings and breach action, with working-day deadlines.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * The ladder is policy data (team.json "policy", docs/compliance.md), with
 * presets from DOMAIN.md section 6:
 *   inspection (HMI Probation toolkit): two formal warnings, and a further
 *     failure means breach action within 5 working days;
 *   wokingham: the same, and a compliance meeting with a manager within 10
 *     days of the 2nd warning.
 * Every miss, acceptable or not, needs a follow-up within 1 working day.
 */
#ifndef ISS_LADDER_H
#define ISS_LADDER_H

#include <stdbool.h>
#include <stddef.h>

#include "iss/calendar.h"
#include "iss/team.h"

/* One missed appointment of a case. */
struct iss_miss {
    iss_date date;
    bool acceptable;          /* evidence given: not a failure to comply */
    char uid[64];
};

enum iss_action_kind {
    ISS_ACTION_FOLLOW_UP = 0, /* contact the child about a miss */
    ISS_ACTION_WARNING,       /* formal written warning */
    ISS_ACTION_COMPLIANCE_MEETING,
    ISS_ACTION_BREACH         /* breach action (court) */
};

const char *iss_action_name(enum iss_action_kind k);

struct iss_action {
    enum iss_action_kind kind;
    iss_date trigger;         /* the miss (or warning) that calls for it */
    iss_date due;
    int number;               /* warning 1, 2...; failures counted */
    char uid[64];             /* the session missed */
};

/* The actions a case's misses call for under policy (misses in any order;
 * holidays may be NULL). Writes at most max actions to out, in date order
 * of trigger then kind; returns how many there are.
 *
 * Each unacceptable miss is a failure to comply. A failure while fewer
 * than warnings_before_breach warnings are live (issued within the last
 * warning_period_months) earns the next warning; one with that many live
 * earns breach action, and the warnings are spent. A compliance meeting
 * follows warning number compliance_meeting_after_warning (0: none). */
size_t iss_ladder(const struct iss_policy *policy,
                  const struct iss_holidays *holidays,
                  const struct iss_miss *misses, size_t n,
                  struct iss_action *out, size_t max);

#endif
