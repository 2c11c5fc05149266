/* iss - the calendar: civil dates, ISO weeks, months of an order, clock
 * times.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * Dates are days since 1970-01-01 in the proleptic Gregorian calendar,
 * converted with Howard Hinnant's days_from_civil / civil_from_days
 * (http://howardhinnant.github.io/date_algorithms.html). Intermediate
 * values are 64-bit so that no int32 date, not even ISS_DATE_NONE, can
 * overflow.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "iss/calendar.h"

static const char *const weekday_names[7] = {
    "mon", "tue", "wed", "thu", "fri", "sat", "sun"
};
static const char *const weekday_titles[7] = {
    "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
};
static const char *const weekday_words[7] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday"
};
static const char *const month_titles[12] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};
static const char *const month_words[12] = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December"
};

/* Floor division and the matching non-negative remainder (b > 0). */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;

    if (a % b != 0 && a < 0)
        q--;
    return q;
}

static int64_t floor_mod(int64_t a, int64_t b)
{
    return a - floor_div(a, b) * b;
}

static bool is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int64_t days_from_civil(int64_t y, int m, int d)
{
    int64_t era, yoe, doy, doe;

    y -= m <= 2;
    era = floor_div(y, 400);
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    int64_t era, doe, yoe, doy, mp;

    z += 719468;
    era = floor_div(z, 146097);
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* ---- Civil dates -------------------------------------------------------- */

int iss_days_in_month(int y, int m)
{
    static const int days[12] = {
        31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
    };

    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && is_leap(y))
        return 29;
    return days[m - 1];
}

bool iss_ymd_valid(int y, int m, int d)
{
    return y >= ISS_YEAR_MIN && y <= ISS_YEAR_MAX && m >= 1 && m <= 12
           && d >= 1 && d <= iss_days_in_month(y, m);
}

iss_date iss_date_from_ymd(int y, int m, int d)
{
    return (iss_date)days_from_civil(y, m, d);
}

void iss_date_to_ymd(iss_date date, int *y, int *m, int *d)
{
    int64_t year;

    civil_from_days(date, &year, m, d);
    *y = (int)year;
}

/* n digits at s as a number, or -1 if any is not a digit. Stops at the
 * first non-digit, so it never reads past a NUL. */
static int digits(const char *s, int n)
{
    int v = 0;
    int i;

    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int iss_date_parse(const char *s, iss_date *out)
{
    int y, m, d;

    if (s == NULL)
        return -1;
    y = digits(s, 4);
    if (y < 0 || s[4] != '-')
        return -1;
    m = digits(s + 5, 2);
    if (m < 0 || s[7] != '-')
        return -1;
    d = digits(s + 8, 2);
    if (d < 0 || s[10] != '\0' || !iss_ymd_valid(y, m, d))
        return -1;
    *out = iss_date_from_ymd(y, m, d);
    return 0;
}

char *iss_date_format(iss_date date, char *buf)
{
    int y, m, d;

    iss_date_to_ymd(date, &y, &m, &d);
    if (y < 0 || y > 9999) {
        snprintf(buf, ISS_DATE_BUFSZ, "(no date)");
        return buf;
    }
    snprintf(buf, ISS_DATE_BUFSZ, "%04d-%02d-%02d", y, m, d);
    return buf;
}

char *iss_date_human(iss_date date, char *buf)
{
    int y, m, d;

    iss_date_to_ymd(date, &y, &m, &d);
    if (y < 0 || y > 9999) {
        snprintf(buf, ISS_HDATE_BUFSZ, "(no date)");
        return buf;
    }
    snprintf(buf, ISS_HDATE_BUFSZ, "%s %d %s %04d",
             weekday_titles[iss_weekday(date)], d, month_titles[m - 1], y);
    return buf;
}

int iss_weekday(iss_date date)
{
    /* 1970-01-01 was a Thursday (3). */
    return (int)floor_mod((int64_t)date + 3, 7);
}

const char *iss_weekday_name(int weekday)
{
    return weekday >= 0 && weekday < 7 ? weekday_names[weekday] : NULL;
}

const char *iss_weekday_title(int weekday)
{
    return weekday >= 0 && weekday < 7 ? weekday_titles[weekday] : NULL;
}

const char *iss_weekday_word(int weekday)
{
    return weekday >= 0 && weekday < 7 ? weekday_words[weekday] : NULL;
}

const char *iss_month_title(int month)
{
    return month >= 1 && month <= 12 ? month_titles[month - 1] : NULL;
}

const char *iss_month_word(int month)
{
    return month >= 1 && month <= 12 ? month_words[month - 1] : NULL;
}

const char *iss_hours_text(int minutes, enum iss_hours_style style,
                           char *buf, size_t size)
{
    int h = minutes / 60, m = minutes % 60;

    switch (style) {
    case ISS_HOURS_HM:
        if (m == 0)
            snprintf(buf, size, "%d h", h);
        else
            snprintf(buf, size, "%d h %02d", h, m);
        break;
    case ISS_HOURS_DECIMAL:
        if (minutes < 60 && m != 0)
            snprintf(buf, size, "%d min", minutes);
        else if (m == 0)
            snprintf(buf, size, "%d h", h);
        else if (minutes % 30 == 0)
            snprintf(buf, size, "%.1f h", minutes / 60.0);
        else
            snprintf(buf, size, "%.2f h", minutes / 60.0);
        break;
    case ISS_HOURS_WORDS:
        if (m == 0)
            snprintf(buf, size, "%d h", h);
        else if (minutes < 60)
            snprintf(buf, size, "%d min", minutes);
        else
            snprintf(buf, size, "%d h %d min", h, m);
        break;
    case ISS_HOURS_NUMBER:
        if (m == 0)
            snprintf(buf, size, "%d", h);
        else
            snprintf(buf, size, "%g", minutes / 60.0);
        break;
    }
    return buf;
}

int iss_weekday_parse(const char *s)
{
    int i;

    if (s == NULL)
        return -1;
    for (i = 0; i < 7; i++)
        if (strcmp(s, weekday_names[i]) == 0)
            return i;
    return -1;
}

iss_date iss_week_monday(iss_date date)
{
    return date - iss_weekday(date);
}

void iss_iso_week(iss_date date, int *iso_year, int *week)
{
    /* The ISO year is the year of the week's Thursday. */
    iss_date thursday = iss_week_monday(date) + 3;
    int y, m, d;

    iss_date_to_ymd(thursday, &y, &m, &d);
    *iso_year = y;
    *week = (thursday - iss_date_from_ymd(y, 1, 1)) / 7 + 1;
}

iss_date iss_add_months(iss_date date, int n)
{
    int y, m, d, dim;
    int64_t months;

    iss_date_to_ymd(date, &y, &m, &d);
    months = (int64_t)y * 12 + (m - 1) + n;
    y = (int)floor_div(months, 12);
    m = (int)floor_mod(months, 12) + 1;
    dim = iss_days_in_month(y, m);
    if (d > dim)
        d = dim;
    return iss_date_from_ymd(y, m, d);
}

iss_date iss_order_month_start(iss_date start, int n)
{
    return iss_add_months(start, n - 1);
}

iss_date iss_order_month_end(iss_date start, int n)
{
    return iss_add_months(start, n) - 1;
}

int iss_order_month(iss_date start, iss_date day)
{
    int ys, ms, ds, yd, md, dd, k;

    if (day < start)
        return 0;
    /* k whole calendar months lie between the two months; month k + 1
     * starts in day's own month, so day is in month k or k + 1. */
    iss_date_to_ymd(start, &ys, &ms, &ds);
    iss_date_to_ymd(day, &yd, &md, &dd);
    k = (yd - ys) * 12 + (md - ms);
    return day >= iss_add_months(start, k) ? k + 1 : k;
}

iss_date iss_days_end(iss_date start, int iss_days)
{
    return start + iss_days - 1;
}

/* ---- Clock times -------------------------------------------------------- */

/* "HH:MM" in the five characters at s (not checking what follows). */
static int clock_parse5(const char *s, bool allow_24)
{
    int h, m;

    h = digits(s, 2);
    if (h < 0 || s[2] != ':')
        return -1;
    m = digits(s + 3, 2);
    if (m < 0 || m > 59)
        return -1;
    if (h == 24 && m == 0 && allow_24)
        return 1440;
    if (h > 23)
        return -1;
    return h * 60 + m;
}

int iss_clock_parse(const char *s, bool allow_24)
{
    int minutes;

    if (s == NULL)
        return -1;
    minutes = clock_parse5(s, allow_24);
    if (minutes < 0 || s[5] != '\0')
        return -1;
    return minutes;
}

int iss_clock_period_parse(const char *s, struct iss_clock_period *out,
                           const char **why)
{
    int start, end;
    const char *reason = NULL;

    if (s == NULL || strlen(s) != 11 || s[5] != '-') {
        reason = "not of the form HH:MM-HH:MM";
        goto done;
    }
    start = clock_parse5(s, false);
    if (start < 0) {
        reason = clock_parse5(s, true) == 1440
                     ? "24:00 can only end a period"
                     : "the start is not a time 00:00-23:59";
        goto done;
    }
    end = clock_parse5(s + 6, true);
    if (end < 0) {
        reason = "the end is not a time 00:00-24:00";
        goto done;
    }
    if (end == start) {
        reason = "the start and end are the same: a period must have a "
                 "length";
        goto done;
    }
    /* A period that ends at midnight ends at 24:00 (end is 1-1440). */
    if (end == 0)
        end = 1440;
    out->start = start;
    out->end = end;
done:
    if (reason != NULL && why != NULL)
        *why = reason;
    return reason != NULL ? -1 : 0;
}

char *iss_clock_format(int minutes, char *buf)
{
    if (minutes < 0 || minutes > 1440)
        snprintf(buf, 6, "--:--");
    else
        snprintf(buf, 6, "%02d:%02d", minutes / 60, minutes % 60);
    return buf;
}

int iss_clock_period_minutes(const struct iss_clock_period *p)
{
    return p->end > p->start ? p->end - p->start
                             : p->end + 1440 - p->start;
}

bool iss_clock_period_overnight(const struct iss_clock_period *p)
{
    return p->end <= p->start;
}

/* ---- the clock ---- */

int64_t iss_now(void)
{
    const char *env = getenv("ISS_NOW");
    iss_date d;

    if (env != NULL && env[0] != '\0') {
        char *end;
        long long v = strtoll(env, &end, 10);
        if (*end == '\0')
            return v;
    }
    /* "Today" alone fixes "now" too: the start of that day, so that the
     * two never disagree (a session of today has not started). */
    env = getenv("ISS_TODAY");
    if (env != NULL && iss_date_parse(env, &d) == 0) {
        enum iss_local_kind kind;
        return iss_local_to_utc(d, 0, &kind);
    }
    return (int64_t)time(NULL);
}

iss_date iss_today(void)
{
    const char *env = getenv("ISS_TODAY");
    iss_date d;
    int minute;

    if (env != NULL && iss_date_parse(env, &d) == 0)
        return d;
    iss_utc_to_local(iss_now(), &d, &minute);
    return d;
}
