/* iss - ISS bands: weekly hours by month of the order, contacts per day.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * Bands are data (bands/<id>.json, docs/bands.md): every rule that a
 * service may change is a field here, and the rules marked ASSUMPTION in
 * DOMAIN.md can be overridden per case (struct iss_contact_rules).
 */
#ifndef ISS_BAND_H
#define ISS_BAND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iss/calendar.h"
#include "iss/error.h"

/* Education hours counted toward the weekly hours: all of them. */
#define ISS_EDUCATION_ALL (-1)

/* One phase: months month_from..month_to (1-based, inclusive). */
struct iss_phase {
    int month_from;
    int month_to;
    int weekly_minutes;    /* weekly_hours * 60 */
    int contacts_per_day;  /* on every contact day while the ISS days last */
    int weekend_contacts;  /* least contacts over each Sat+Sun together */
};

/* A field of the band that rests on an ASSUMPTION rather than a source. */
struct iss_assumption {
    char *field;  /* JSON path in the band file, "phases[0].contacts_per_day" */
    char *note;
};

/* The contact and counting rules a case may override (DOMAIN.md section 1
 * ASSUMPTIONS). */
struct iss_contact_rules {
    bool curfew_counts_as_contact;       /* an EM curfew day needs one less */
    bool contacts_on_bank_holidays;      /* contacts due on bank holidays */
    bool contacts_within_iss_days_only;  /* contacts_per_day stops after */
    uint8_t contact_days;                /* weekday mask, bit 0 = Monday */
    int education_counts_max_minutes;    /* ISS_EDUCATION_ALL, 0, or cap */
};

struct iss_band {
    char *id;
    char *name;
    char *source;
    char *file;          /* where it was loaded from, for messages */
    int iss_days;
    int age_min;         /* at conviction, inclusive: 10 */
    int age_max;         /* 17; junior 12 */
    struct iss_contact_rules rules;
    struct iss_phase *phases;   /* sorted, contiguous from month 1 */
    size_t n_phases;
    struct iss_assumption *assumptions;
    size_t n_assumptions;
};

/* The phase in force in month (1-based) of the order, or NULL after the
 * last phase. */
const struct iss_phase *iss_band_phase(const struct iss_band *band,
                                       int month);

/* True if the band marks the field at this JSON path as an assumption. */
bool iss_band_assumed(const struct iss_band *band, const char *field);

/* What one day of an order requires. */
struct iss_day_requirement {
    bool in_order;        /* start <= day <= end */
    int month;            /* month of the order, 0 before the start */
    const struct iss_phase *phase; /* NULL outside the order or phases */
    bool in_iss_days;     /* day <= iss_days_end */
    int weekly_minutes;   /* the phase's weekly minutes, 0 when none */
    int contacts;         /* contacts due this day (before the curfew
                             allowance), 0 when none */
    bool bank_holiday;
};

/* Fill req for day of an order from start to end (inclusive) under rules
 * (usually the band's, or a case's overrides). holidays may be NULL. */
void iss_band_day(const struct iss_band *band,
                  const struct iss_contact_rules *rules, iss_date start,
                  iss_date end, iss_date day,
                  const struct iss_holidays *holidays,
                  struct iss_day_requirement *req);

/* Required minutes in the 7 days from monday: the sum over days of that
 * day's phase weekly minutes / 7, rounded up to the minute (a week that
 * straddles a phase boundary is pro-rated by days; days outside the order
 * require nothing). */
int iss_band_week_minutes(const struct iss_band *band, iss_date start,
                          iss_date end, iss_date monday);

/* The weekend contacts due over the Saturday and Sunday of the week from
 * monday: the largest weekend_contacts of the phases in force on them
 * (0 when neither day is in the order). */
int iss_band_weekend_contacts(const struct iss_band *band, iss_date start,
                              iss_date end, iss_date monday);

/* One calendar month of an order, as `iss phases` shows it. */
struct iss_order_month {
    int month;              /* 1-based */
    iss_date from;
    iss_date to;
    const struct iss_phase *phase;
    int contacts_per_day;   /* the phase's, or 0 when the month is wholly
                               after the ISS days and contacts stop there */
    iss_date contacts_until;/* last day contacts_per_day applies in this
                               month (the last ISS day), or ISS_DATE_NONE
                               when it applies to the whole month */
};

/* The months of an order starting at start, through the band's last
 * phase. Writes at most max, returns how many there are. */
size_t iss_band_months(const struct iss_band *band, iss_date start,
                       struct iss_order_month *out, size_t max);

/* Load a band file. Problems (every one) go to probs as
 * "display: json.path: value: what is allowed". Returns 0, ISS_EINPUT when
 * the file had problems, ISS_EFAIL with err when it could not be read.
 * On success *out is a new band to release with iss_band_free. */
int iss_band_load(const char *path, const char *display,
                  struct iss_band **out, struct iss_problems *probs,
                  struct iss_error *err);

/* Same, from text in memory (for tests and fuzzing): len bytes, and
 * text[len] must be '\0' (as a file read by the library is). */
int iss_band_parse(const char *text, size_t len, const char *display,
                   struct iss_band **out, struct iss_problems *probs);

void iss_band_free(struct iss_band *band);

#endif
