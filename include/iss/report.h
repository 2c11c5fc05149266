/* iss - the report: required, planned and delivered per child and week,
 * why anything was lost, and the compliance actions due.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * docs/report.md defines every figure. The identity that always holds:
 *   delivered_minutes + child_absent_acceptable + child_absent_unacceptable
 *   + service_cancelled + not_planned + not_recorded + to_come
 *   = required_minutes
 * (delivered_minutes counts toward the requirement, so it is at most the
 * required minutes; delivered_minutes_total is what was delivered in all).
 */
#ifndef ISS_REPORT_H
#define ISS_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "iss/error.h"
#include "iss/ladder.h"
#include "iss/store.h"
#include "iss/workspace.h"

struct iss_report_day {
    bool in_order;
    int required;             /* the band's contacts */
    bool curfew_contact;
    int planned;              /* separate contacts of the sessions on */
    int delivered;            /* ... of the sessions attended */
    bool past;
};

/* Why a day's contacts were short (a day counts once, for its main
 * cause: see docs/report.md). */
enum iss_short_cause {
    ISS_SHORT_CHILD_UNACCEPTABLE = 0,
    ISS_SHORT_CHILD_ACCEPTABLE,
    ISS_SHORT_SERVICE_CANCELLED,
    ISS_SHORT_SERVICE_ENDED_EARLY,
    ISS_SHORT_NOT_PLANNED,
    ISS_SHORT_NOT_RECORDED,
    ISS_SHORT_CAUSES
};

const char *iss_short_cause_name(enum iss_short_cause c);

struct iss_report_week {
    int kase;
    iss_date week;
    int required;
    int education;            /* education minutes delivered (past days
                                 attended, within the cap) */
    int education_planned;    /* ... on days still to come */
    int education_missed;     /* ... on past days not attended */
    int planned;              /* session minutes published and still on */
    int delivered;            /* counted toward required (<= required) */
    int delivered_total;      /* education + minutes attended */
    int absent_acceptable;
    int absent_unacceptable;
    int service_cancelled;
    int service_ended_early;  /* partial sessions the service cut short */
    int not_planned;
    int not_recorded;
    int to_come;
    struct iss_report_day days[7];
    int days_contacts_short;  /* days judged short (all recorded) */
    int days_short[ISS_SHORT_CAUSES]; /* by cause; not_recorded: past days
                                 short with a session not yet recorded */
};

struct iss_report_action {
    int kase;
    struct iss_action a;
    bool overdue;             /* still due, and due before today */
    int days_overdue;
};

struct iss_report {
    iss_date from;            /* Monday of the first week */
    iss_date to;              /* Sunday of the last week */
    iss_date today;
    struct iss_report_week *weeks;   /* by case, then week */
    size_t n_weeks;
    struct iss_report_action *actions; /* open ones (every one raised by
                                 the end of the period: overdue first,
                                 then by due), then those closed in the
                                 period */
    size_t n_actions;
};

/* Build the report of the weeks holding from..to for the cases given (all
 * active ones when n_cases is 0). st may be NULL (nothing published). */
int iss_report_build(const struct iss_workspace *ws, struct iss_store *st,
                     iss_date from, iss_date to, const int *cases,
                     size_t n_cases, iss_date today,
                     struct iss_report **out, struct iss_error *err);
void iss_report_free(struct iss_report *r);

char *iss_report_json(const struct iss_report *r,
                      const struct iss_workspace *ws);
char *iss_report_csv(const struct iss_report *r,
                     const struct iss_workspace *ws);
char *iss_report_html(const struct iss_report *r,
                      const struct iss_workspace *ws);
void iss_report_text(const struct iss_report *r,
                     const struct iss_workspace *ws, FILE *out);

#endif
