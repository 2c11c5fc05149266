/* iss - the team: staff, session types, policy.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#ifndef ISS_TEAM_H
#define ISS_TEAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iss/calendar.h"

/* The elements of an ISS programme (DOMAIN.md section 5). The first five
 * are the core elements every intensive week should cover. */
enum iss_element {
    ISS_ELEMENT_ETE = 0,
    ISS_ELEMENT_RESTORATIVE,
    ISS_ELEMENT_OFFENDING_BEHAVIOUR,
    ISS_ELEMENT_FAMILY,
    ISS_ELEMENT_INTERPERSONAL,
    ISS_ELEMENT_SURVEILLANCE,
    ISS_ELEMENT_CONSTRUCTIVE,
    ISS_ELEMENT_COUNT
};
#define ISS_CORE_ELEMENTS 5

const char *iss_element_name(enum iss_element e);
/* -1 when s names no element. */
int iss_element_parse(const char *s);

/* Roles are named by the team; a staff member's roles and a session
 * type's roles are bit sets over struct iss_team.roles. */
typedef uint64_t iss_roles;
#define ISS_MAX_ROLES 64

/* A stretch of one day's clock, start < end, minutes 0..1440. */
struct iss_span {
    int start;
    int end;
};

struct iss_date_range {
    iss_date from;
    iss_date to;    /* inclusive */
};

struct iss_session_type {
    char *id;
    char *name;
    char *child_title;      /* what a child's feed and letter show */
    enum iss_element element;
    int *lengths;           /* allowed lengths in minutes, ascending */
    size_t n_lengths;
    iss_roles roles;        /* any one of these may deliver it */
    bool builtin;           /* from the shipped defaults */
};

#define ISS_NO_LIMIT (-1)

struct iss_staff {
    char *id;
    char *name;
    char *first_name;       /* the first word of name */
    iss_roles roles;
    int max_minutes_week;   /* ISS_NO_LIMIT when not given */
    int max_minutes_day;    /* ISS_NO_LIMIT when not given */
    struct iss_span *availability[7];  /* by weekday, sorted, merged */
    size_t n_availability[7];
    struct iss_date_range *leave;
    size_t n_leave;
    bool works_bank_holidays;  /* default true: availability applies */
};

/* Presets of the compliance ladder (DOMAIN.md section 6). */
enum iss_ladder_preset {
    ISS_LADDER_INSPECTION = 0,  /* two warnings, breach on the third */
    ISS_LADDER_WOKINGHAM,       /* + compliance meeting after warning 2 */
    ISS_LADDER_CUSTOM
};

struct iss_policy {
    int warnings_before_breach;          /* 2 */
    int breach_within_working_days;      /* 5 */
    int follow_up_within_working_days;   /* 1 */
    bool christmas_eve_working;          /* true */
    int travel_minutes_before_curfew;    /* 20 */
    int travel_minutes_after_education;  /* 20 */
    int travel_minutes_between_sessions; /* 15 */
    int contact_gap_minutes;             /* 120 */
    int max_child_minutes_per_day;       /* 360 */
    enum iss_ladder_preset ladder;       /* "inspection" */
    int compliance_meeting_after_warning; /* 0 = none; wokingham 2 */
    int compliance_meeting_within_days;  /* 10 (calendar days) */
    int warning_period_months;           /* 12 */
    int first_contact_within_working_days;    /* 1 */
    int planning_meeting_within_working_days; /* 5 */
};

void iss_policy_defaults(struct iss_policy *p);

struct iss_team {
    char *file;               /* "team.json" */
    char *service;
    int day_earliest;         /* planning day, minutes after midnight */
    int day_latest;
    struct iss_staff *staff;
    size_t n_staff;
    struct iss_session_type *types;
    size_t n_types;
    bool default_types;       /* session_types was left out */
    struct iss_policy policy;
    iss_date *extra_holidays;
    size_t n_extra_holidays;
    char **roles;             /* role names, index = bit */
    size_t n_roles;
};

/* Index of a staff member or session type by id, -1 if none. */
int iss_team_staff_index(const struct iss_team *team, const char *id);
int iss_team_type_index(const struct iss_team *team, const char *id);

/* True if staff member s is on leave on date. */
bool iss_staff_on_leave(const struct iss_staff *s, iss_date date);

#endif
