/* iss - a child's case: order, band, timetable, staff preferences, pins.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * A case file holds no surname and no offence: feed_name is how the
 * child's own feed and letters address them.
 */
#ifndef ISS_CASE_H
#define ISS_CASE_H

#include <stdbool.h>
#include <stddef.h>

#include "iss/band.h"
#include "iss/calendar.h"
#include "iss/team.h"

/* One entry of a child's timetable: education, curfew or commitment.
 * Weekly entries apply on the weekdays in days between from and to;
 * one-off entries on date. A period past midnight belongs to the day it
 * starts on: days, from, to, date and except all name that day. */
struct iss_entry {
    char *what;              /* "school", "family contact", ... */
    uint8_t days;            /* weekday set; 0 for a one-off */
    iss_date date;           /* one-off date, or ISS_DATE_NONE */
    iss_date from;           /* ISS_DATE_NONE = from the order start */
    iss_date to;             /* ISS_DATE_NONE = to the order end */
    struct iss_date_range *except;
    size_t n_except;
    struct iss_clock_period time;
    bool electronic_monitoring;   /* curfews */
    bool counts;                  /* education: counts toward the hours */
};

/* True if the entry starts a period on day (ignoring the order dates). */
bool iss_entry_on(const struct iss_entry *e, iss_date day);

struct iss_weekly_sessions {
    int type;                /* index into team.types */
    int count;
    int max;                 /* at most this many; -1: no limit */
};

struct iss_pin {
    iss_date date;
    struct iss_clock_period time;   /* never overnight */
    int type;                       /* index into team.types */
    int staff[2];                   /* indices into team.staff */
    int n_staff;
    int place;                      /* team.places index; -1: the type's */
};

/* A parent or carer who gets a copy of an under-16's letter: only a name
 * and how the letter addresses them ("Dear ..."). */
struct iss_carer {
    char *name;              /* NULL when the case names none */
    char *address_as;        /* defaults to name */
};

struct iss_case {
    char *id;
    char *file;              /* "cases/C17.json" */
    char *feed_name;         /* may be empty */
    struct iss_carer carer;
    iss_date date_of_birth;
    int band;                /* index into workspace bands */
    iss_date order_start;
    iss_date order_end;
    iss_date conviction;
    struct iss_entry *curfew;
    size_t n_curfew;
    struct iss_entry *education;
    size_t n_education;
    struct iss_entry *commitments;
    size_t n_commitments;
    int key_worker;          /* staff index, -1 if none */
    int *only;               /* staff indices; NULL/0 = anyone */
    size_t n_only;
    int *avoid;
    size_t n_avoid;
    int max_distinct;        /* 0 = no limit */
    bool double_staffed;
    struct iss_weekly_sessions *weekly_sessions;
    size_t n_weekly_sessions;
    double max_element_share;  /* 0: the team's policy */
    struct iss_pin *pins;
    size_t n_pins;
    struct iss_contact_rules rules;  /* the band's, with overrides */
    bool *permitted;         /* by staff index: only/avoid applied */
};

/* Why a child is not free: one busy stretch of a day. */
enum iss_busy_kind {
    ISS_BUSY_EDUCATION = 0,
    ISS_BUSY_CURFEW,
    ISS_BUSY_TRAVEL,        /* travel home before a curfew */
    ISS_BUSY_COMMITMENT,
    ISS_BUSY_OUTSIDE_ORDER,
    ISS_BUSY_EDU_TRAVEL     /* travel from education or work */
};

struct iss_busy {
    int start;               /* minutes of the local clock, 0..1440 */
    int end;
    enum iss_busy_kind kind;
    int entry;               /* index in the case's list of that kind */
};

/* The room every caller of iss_case_busy gives: more than a day of any
 * case can hold (the one cap; it was 64, 128 and 256 in places). */
#define ISS_BUSY_MAX 256

/* The busy stretches of a child on day: education (outside its except
 * periods, only while the entry applies), curfew (and travel_before
 * minutes before each curfew period starts), commitments, and the whole
 * day when the order is not in force. Periods past midnight are split
 * between the two days. Writes at most max, returns how many there are
 * (unsorted). */
size_t iss_case_busy(const struct iss_case *c, iss_date day,
                     int travel_before_curfew, int travel_after_education,
                     struct iss_busy *out, size_t max);

/* True if an EM curfew is in force on day (a curfew period that starts on
 * day or runs into it from the evening before). */
bool iss_case_em_curfew_on(const struct iss_case *c, iss_date day);

/* Education minutes on day that count toward the hours (entries with
 * counts, outside except, inside the order), the clock-face minutes of
 * the day's part of each period, overlaps counted once. */
int iss_case_education_minutes(const struct iss_case *c, iss_date day);

/* Age in whole years on a date. */
int iss_age_on(iss_date date_of_birth, iss_date on);

/* True if the order is in force on day. */
bool iss_case_active_on(const struct iss_case *c, iss_date day);

#endif
