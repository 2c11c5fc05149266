/* iss - the calendar: civil dates, ISO weeks, months of an order, bank
 * holidays of England and Wales, working days, Europe/London local time.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#ifndef ISS_CALENDAR_H
#define ISS_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iss/error.h"

/* ---- Civil dates ------------------------------------------------------ */

/* A civil date: days since 1970-01-01 in the proleptic Gregorian calendar
 * (1970-01-01 is 0, 1969-12-31 is -1). Plain integer arithmetic moves by
 * days: d + 1 is the next day. */
typedef int32_t iss_date;

/* "No date" (an open end, an unset field). */
#define ISS_DATE_NONE INT32_MIN

/* Buffer sizes for the formatters below, including the NUL. */
#define ISS_DATE_BUFSZ 11   /* "2026-11-23" */
#define ISS_HDATE_BUFSZ 20  /* "Mon 23 Nov 2026" */

/* Years the library accepts in dates it parses. */
#define ISS_YEAR_MIN 1900
#define ISS_YEAR_MAX 2199

/* True if y-m-d is a real date (2026-02-30 is not) within the years above. */
bool iss_ymd_valid(int y, int m, int d);

/* The date of a valid y-m-d. Undefined for invalid input: check first. */
iss_date iss_date_from_ymd(int y, int m, int d);

/* Split a date into year, month (1-12) and day (1-31). */
void iss_date_to_ymd(iss_date date, int *y, int *m, int *d);

/* Parse exactly "YYYY-MM-DD" (no spaces, no other forms) into *out.
 * Returns 0, or -1 if the text is not of that form or not a real date. */
int iss_date_parse(const char *s, iss_date *out);

/* Write "YYYY-MM-DD" into buf (ISS_DATE_BUFSZ bytes) and return buf. */
char *iss_date_format(iss_date date, char *buf);

/* Write a date for people, "Mon 23 Nov 2026", into buf (ISS_HDATE_BUFSZ
 * bytes) and return buf. */
char *iss_date_human(iss_date date, char *buf);

/* Day of the week: 0 = Monday ... 6 = Sunday. */
int iss_weekday(iss_date date);

/* "mon".."sun" for 0..6, "Mon".."Sun" from iss_weekday_title; NULL when
 * out of range. */
const char *iss_weekday_name(int weekday);
const char *iss_weekday_title(int weekday);
/* "Monday".."Sunday" for 0..6; NULL when out of range. */
const char *iss_weekday_word(int weekday);

/* A number of minutes as hours, the one hours format, in the style an
 * output needs:
 *   ISS_HOURS_HM       "2 h", "2 h 05"               (report, timetable)
 *   ISS_HOURS_DECIMAL  "45 min", "2 h", "1.5 h", "1.25 h"  (explain)
 *   ISS_HOURS_WORDS    "2 h", "45 min", "1 h 30 min" (case messages)
 *   ISS_HOURS_NUMBER   "2", "1.5"                    (phases table)
 * Returns buf. */
enum iss_hours_style {
    ISS_HOURS_HM,
    ISS_HOURS_DECIMAL,
    ISS_HOURS_WORDS,
    ISS_HOURS_NUMBER
};
const char *iss_hours_text(int minutes, enum iss_hours_style style,
                           char *buf, size_t size);

/* Month names, the one list: "Jan".."Dec" and "January".."December" for
 * 1..12; NULL when out of range. */
const char *iss_month_title(int month);
const char *iss_month_word(int month);

/* 0..6 for "mon".."sun" (lower case exactly), -1 for anything else. */
int iss_weekday_parse(const char *s);

/* The Monday of the ISO week holding date. */
iss_date iss_week_monday(iss_date date);

/* The ISO 8601 week-numbering year and week (1-53) of date. */
void iss_iso_week(iss_date date, int *iso_year, int *week);

/* Days in month m (1-12) of year y. */
int iss_days_in_month(int y, int m);

/* date + n calendar months, clamped to the end of the target month:
 * 2025-10-31 + 1 = 2025-11-30, 2024-01-31 + 1 = 2024-02-29. n may be
 * negative. Always computed from the given date (never chained), so
 * 2025-10-31 + 2 = 2025-12-31. */
iss_date iss_add_months(iss_date date, int n);

/* Months of an order (DOMAIN.md section 2): month n (1-based) runs from
 * start + (n-1) months to the day before start + n months. */
iss_date iss_order_month_start(iss_date start, int n);
iss_date iss_order_month_end(iss_date start, int n);

/* The month of the order (1-based) that holds day, or 0 if day < start. */
int iss_order_month(iss_date start, iss_date day);

/* The last of the band's ISS days: start + iss_days - 1 (day 1 is the
 * start, so 180 days from 2025-10-31 end on 2026-04-28). */
iss_date iss_days_end(iss_date start, int iss_days);

/* ---- Clock times -------------------------------------------------------- */

/* A period of local clock time as written "HH:MM-HH:MM". start and end are
 * minutes after midnight (0-1439 for start, 1-1440 for end: "24:00" is
 * allowed as an end only). When end <= start the period runs past
 * midnight ("19:00-07:00"): it starts on one day and ends on the next. */
struct iss_clock_period {
    int start;
    int end;
};

/* Minutes a period lasts on the clock face (ignoring clock changes):
 * "19:00-07:00" is 720. */
int iss_clock_period_minutes(const struct iss_clock_period *p);
bool iss_clock_period_overnight(const struct iss_clock_period *p);

/* Parse "HH:MM" (00:00-23:59; "24:00" when allow_24 is true) into minutes.
 * Returns the minutes, or -1. */
int iss_clock_parse(const char *s, bool allow_24);

/* Parse "HH:MM-HH:MM". A period of zero length ("10:00-10:00") is
 * rejected. Returns 0, or -1 with *why set to a static explanation. */
int iss_clock_period_parse(const char *s, struct iss_clock_period *out,
                           const char **why);

/* Write minutes as "HH:MM" into buf (6 bytes) and return buf. 1440 is
 * written "24:00". */
char *iss_clock_format(int minutes, char *buf);

/* ---- Bank holidays ------------------------------------------------------ */

/* The bank holidays of England and Wales: the rules (fixed dates with
 * Monday/Tuesday substitutes, Easter by computus, first and last
 * Mondays), the moved and one-off days of a data file, and a team's own
 * extra days. Covers the years ISS_HOLIDAY_YEAR_MIN..ISS_HOLIDAY_YEAR_MAX.
 */
#define ISS_HOLIDAY_YEAR_MIN 1990
#define ISS_HOLIDAY_YEAR_MAX 2150

struct iss_holidays;

/* The rule-derived holidays alone (no moves, no one-offs). NULL on ENOMEM. */
struct iss_holidays *iss_holidays_new(void);
void iss_holidays_free(struct iss_holidays *h);

/* Apply a data file of moved and one-off holidays (see
 * data/bank-holidays-ew.json). Every problem goes to probs, named by the
 * path given; returns 0, ISS_EINPUT if the file had problems, ISS_EFAIL
 * (with err) if it could not be read. */
int iss_holidays_load(struct iss_holidays *h, const char *path,
                      const char *display_name, struct iss_problems *probs,
                      struct iss_error *err);

/* Move a holiday from one date to another (from must be a holiday).
 * Returns 0 or -1. */
int iss_holidays_move(struct iss_holidays *h, iss_date from, iss_date to,
                      const char *name);

/* Add a one-off or local holiday. Adding an existing one is a no-op. 0 or
 * -1 (ENOMEM or outside the covered years). */
int iss_holidays_add(struct iss_holidays *h, iss_date date,
                     const char *name);

/* True if date is a holiday; *name (if not NULL) gets its name. */
bool iss_is_bank_holiday(const struct iss_holidays *h, iss_date date,
                         const char **name);

/* The holidays of one year, in date order, at most max of them written to
 * out; returns how many there are. */
size_t iss_holidays_in_year(const struct iss_holidays *h, int year,
                            iss_date *out, size_t max);

/* Easter Sunday of a year (Gregorian computus). */
iss_date iss_easter_sunday(int year);

/* ---- Working days --------------------------------------------------------
 * A working day is not Saturday, Sunday or a bank holiday; Christmas Eve
 * is a working day only when christmas_eve_working is true. */
bool iss_is_working_day(const struct iss_holidays *h,
                        bool christmas_eve_working, iss_date date);

/* The deadline "within n working days" of trigger: day 0 is the trigger
 * day and counting starts on the next working day, so n = 5 from Wed 2 Apr
 * 2025 is Wed 9 Apr 2025. n = 0 gives the trigger itself. */
iss_date iss_working_days_after(const struct iss_holidays *h,
                                bool christmas_eve_working,
                                iss_date trigger, int n);

/* ---- Europe/London local time ------------------------------------------
 * Instants are seconds since the epoch (UTC). Local times are a date and
 * minutes after local midnight on the clock face. Conversions use the
 * system time zone database (Debian's tzdata). */

/* Check that the time zone database knows Europe/London (and prepare the
 * conversions). Returns 0, or ISS_EFAIL with err explaining what to
 * install. Conversions work without it but would be UTC-only. */
int iss_tz_init(struct iss_error *err);

enum iss_local_kind {
    ISS_LOCAL_NORMAL = 0,   /* happens once */
    ISS_LOCAL_SKIPPED,      /* in the spring-forward gap: never happens */
    ISS_LOCAL_REPEATED      /* in the autumn hour that happens twice */
};

/* The instant of a local clock time. minute may be 0..1440 (1440 is the
 * next midnight). A skipped time gives the instant the clock would show
 * if it had not jumped (01:30 on 29 Mar 2026 is 01:30 UTC); a repeated one
 * gives its first occurrence (BST). *kind may be NULL. */
int64_t iss_local_to_utc(iss_date date, int minute, enum iss_local_kind *kind);

/* The UTC offset in minutes (0 or 60 for London) in force at an instant. */
int iss_utc_offset_at(int64_t instant);

/* The local date and clock minute of an instant. */
void iss_utc_to_local(int64_t instant, iss_date *date, int *minute);

/* Minutes of elapsed time in a local day: 1440, 1380 on the last Sunday of
 * March, 1500 on the last Sunday of October. */
int iss_day_elapsed_minutes(iss_date date);

/* Elapsed minutes between two local clock times (date1/minute1 after
 * date0/minute0), counting clock changes. */
int64_t iss_local_elapsed_minutes(iss_date date0, int minute0, iss_date date1,
                                  int minute1);

/* Write an instant as local RFC 3339 with its offset,
 * "2026-11-24T16:00:00+00:00", into buf (26 bytes) and return buf. */
#define ISS_RFC3339_BUFSZ 26
char *iss_format_rfc3339_local(int64_t instant, char *buf);

/* Parse RFC 3339 "YYYY-MM-DDTHH:MM:SS+HH:MM" or "...Z" into an instant.
 * Returns 0 or -1. */
int iss_parse_rfc3339(const char *s, int64_t *out);

/* "Now", in unix seconds, and "today": the clock, unless the environment
 * sets ISS_NOW (unix seconds) or ISS_TODAY (YYYY-MM-DD), for tests and
 * reproducible runs. ISS_TODAY alone sets "now" to the start of that day
 * (Europe/London); ISS_NOW alone sets "today" to its local date. Nothing
 * is planned or published to start before now (docs/compliance.md). */
int64_t iss_now(void);
iss_date iss_today(void);

#endif
