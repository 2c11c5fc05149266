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

struct iss_session_type {
    char *id;
    char *name;
    char *child_title;      /* what a child's feed and letter show */
    enum iss_element element;
    int *lengths;           /* allowed lengths in minutes, ascending */
    size_t n_lengths;
    iss_roles roles;        /* any one of these may deliver it */
    bool builtin;           /* from the shipped defaults */
    int place;              /* its default place (team.places), -1: the
                               team's default_place */
};

/* A named place where sessions happen: an office, a community project,
 * "Home visit". Its name and address show in a child's calendar
 * (LOCATION) and letter, so they are neutral words only. */
struct iss_place {
    char *id;
    char *name;
    char *address;          /* "" when not given */
};

/* What heads a letter: the service as the family knows it, and how to
 * reach it. name is NULL when team.json has no letterhead. */
struct iss_letterhead {
    char *name;
    char *address;
    char *phone;
    char *email;            /* "" when not given */
    char *opening_hours;    /* "" when not given */
};

#define ISS_NO_LIMIT (-1)

/* Rotas (docs/files.md, "rota"): a cycle of weekly patterns anchored at a
 * Monday, and dated entries that replace a day's hours or mark it off. A
 * period belongs to the day it starts: spans of a pattern or dated entry
 * may end past midnight (end up to 2880), continuing into the next day. */
#define ISS_ROTA_MAX_WEEKS 12

struct iss_rota_day {
    iss_date date;
    bool off;                 /* the day off; else spans replace its hours */
    struct iss_span *spans;   /* sorted, merged; end may exceed 1440 */
    size_t n_spans;
    const char *source;       /* "team.json: staff[3].rota.dates[0]" or
                                 "rota.csv: row 4", for messages */
};

struct iss_staff {
    char *id;
    char *name;
    char *first_name;       /* the first word of name */
    iss_roles roles;
    int max_minutes_week;   /* ISS_NO_LIMIT when not given */
    int max_minutes_day;    /* ISS_NO_LIMIT when not given */
    /* The weekly availability as written, by weekday, sorted, merged
     * (a period past midnight split into the next weekday). Read a day's
     * hours with iss_staff_day, which applies the rota. */
    struct iss_span *availability[7];
    size_t n_availability[7];
    struct iss_date_range *leave;
    size_t n_leave;
    bool works_bank_holidays;  /* default true: availability applies */
    /* The weekly patterns, by week of the cycle and weekday, periods by
     * the day they start (end up to 2880). Without rota.weeks one week:
     * the availability. */
    int rota_weeks;            /* weeks of the cycle, 1 without rota.weeks */
    bool rota_cycle;           /* rota.weeks given */
    iss_date rota_start;       /* the Monday week 1 starts (rota.start) */
    struct iss_span *pattern[ISS_ROTA_MAX_WEEKS][7];
    size_t n_pattern[ISS_ROTA_MAX_WEEKS][7];
    struct iss_rota_day *dated;  /* sorted by date, one per date */
    size_t n_dated;
};

/* Presets of the compliance ladder (DOMAIN.md section 6). */
enum iss_ladder_preset {
    ISS_LADDER_INSPECTION = 0,  /* two warnings, breach on the third */
    ISS_LADDER_WOKINGHAM,       /* + compliance meeting after warning 2,
                                   a verbal warning first, reviews every
                                   3 months */
    ISS_LADDER_CUSTOM,
    ISS_LADDER_BOLTON,          /* warning letters 1 and 2, breach review
                                   on the 3rd; reviews monthly */
    ISS_LADDER_DERBYSHIRE       /* an enabling compliance meeting after
                                   warning 1; reviews every 3 months */
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
    int min_notice_hours;                /* 24: less is short notice */
    int review_every_months;             /* 0 = none; bolton 1, 3 */
    bool verbal_warning_first;           /* once per order (wokingham) */
    /* Most of a child's week's session minutes that one element may have
     * (0.4); a case may override it (iss_case.max_element_share). */
    double max_element_share;
};

void iss_policy_defaults(struct iss_policy *p);

/* True if an appointment starting at start_utc, whose time was given at
 * notice_at (unix seconds; 0: unknown), had less than min_notice_hours of
 * notice. */
bool iss_short_notice(const struct iss_policy *p, int64_t start_utc,
                      int64_t notice_at);

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
    struct iss_place *places;
    size_t n_places;
    int default_place;        /* place of a type without one; -1 none */
    struct iss_letterhead letterhead;
};

/* Index of a staff member or session type by id, -1 if none. */
int iss_team_staff_index(const struct iss_team *team, const char *id);
int iss_team_type_index(const struct iss_team *team, const char *id);

int iss_team_place_index(const struct iss_team *team, const char *id);

/* The place of a session of type ty (index) when nothing else says: the
 * type's place, else the team's default_place; -1 when there is none. */
int iss_team_type_place(const struct iss_team *team, int ty);

/* True if staff member s is on leave on date. */
bool iss_staff_on_leave(const struct iss_staff *s, iss_date date);

/* ---- A staff member's hours on a date: the one reader of the rota ---- */

enum iss_day_kind {
    ISS_DAY_ON = 0,          /* spans hold the hours on duty */
    ISS_DAY_LEAVE,           /* on leave */
    ISS_DAY_BANK_HOLIDAY,    /* a bank holiday, "bank_holidays": false */
    ISS_DAY_OFF_WEEKLY,      /* no hours that weekday (no rota) */
    ISS_DAY_OFF_ROTA         /* not on the rota: the cycle's week has no
                                hours that day, or a dated entry is off */
};

#define ISS_DAY_MAX_SPANS 64

struct iss_staff_day {
    enum iss_day_kind kind;
    /* The clock hours on duty, sorted, merged, within 0-1440: the periods
     * starting that day and those of the day before running past
     * midnight. Empty unless kind is ISS_DAY_ON. */
    struct iss_span spans[ISS_DAY_MAX_SPANS];
    size_t n_spans;
    int cycle_week;                   /* 1..rota_weeks; 0 without a cycle */
    const struct iss_rota_day *dated; /* the day's dated entry, or NULL */
};

/* Week of the cycle (1..n_weeks) that date falls in, for a cycle whose
 * week 1 starts on the Monday start; dates before start count backwards
 * (the week before start is week n_weeks). Days, not seconds: a clock
 * change moves nothing. */
int iss_rota_week(iss_date start, int n_weeks, iss_date date);

/* The hours staff member s works on date, and why none: leave first, then
 * a dated entry (which applies on a bank holiday too), then a bank holiday
 * when "bank_holidays" is false, then the cycle's week (or the weekly
 * availability). holidays may be NULL (no bank holidays). */
void iss_staff_day(const struct iss_staff *s,
                   const struct iss_holidays *holidays, iss_date date,
                   struct iss_staff_day *out);

/* True when s has a rota: a cycle or any dated entry. */
bool iss_staff_on_rota(const struct iss_staff *s);

/* The dated entry of s for date, or NULL. */
const struct iss_rota_day *iss_staff_dated(const struct iss_staff *s,
                                           iss_date date);

#endif
