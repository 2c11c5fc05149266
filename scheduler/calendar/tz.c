/* iss - Europe/London local time through the system time zone database.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 *
 * The process time zone is set to Europe/London once (TZ and tzset) and
 * offsets are read from localtime_r's tm_gmtoff, so the rules are those of
 * the installed tzdata, not constants here. Not thread-safe until the
 * first call (iss_tz_init) has run.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1   /* setenv, localtime_r, tm_gmtoff */
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "iss/calendar.h"

#define DAY_SECONDS 86400

static bool tz_prepared;

static void tz_prepare(void)
{
    if (tz_prepared)
        return;
    setenv("TZ", "Europe/London", 1);
    tzset();
    tz_prepared = true;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;

    if (a % b != 0 && a < 0)
        q--;
    return q;
}

/* The UTC offset in seconds at an instant (0 if it cannot be told). */
static int64_t offset_seconds(int64_t instant)
{
    time_t t = (time_t)instant;
    struct tm tm;

    tz_prepare();
    if (localtime_r(&t, &tm) == NULL)
        return 0;
    return tm.tm_gmtoff;
}

int iss_tz_init(struct iss_error *err)
{
    /* 2026-07-01T12:00Z and 2026-01-15T12:00Z */
    int64_t summer = (int64_t)iss_date_from_ymd(2026, 7, 1) * DAY_SECONDS
                     + 12 * 3600;
    int64_t winter = (int64_t)iss_date_from_ymd(2026, 1, 15) * DAY_SECONDS
                     + 12 * 3600;

    tz_prepared = false;
    tz_prepare();
    if (offset_seconds(summer) != 3600 || offset_seconds(winter) != 0)
        return iss_fail(err, ISS_EFAIL,
                        "time zone data for Europe/London not found "
                        "(install Debian's tzdata)");
    return 0;
}

int iss_utc_offset_at(int64_t instant)
{
    return (int)(offset_seconds(instant) / 60);
}

/* Contract: the candidate offsets are those in force a day either side;
 * a candidate is right if the instant it gives has that offset. Two right
 * ones: the time repeats (the earlier is returned); none: it is skipped
 * (the offset before the jump is used). */
int64_t iss_local_to_utc(iss_date date, int minute, enum iss_local_kind *kind)
{
    int64_t wall = (int64_t)date * DAY_SECONDS + (int64_t)minute * 60;
    int64_t before = offset_seconds(wall - DAY_SECONDS);
    int64_t after = offset_seconds(wall + DAY_SECONDS);
    bool before_ok = offset_seconds(wall - before) == before;
    bool after_ok = after != before
                    && offset_seconds(wall - after) == after;
    enum iss_local_kind k = ISS_LOCAL_NORMAL;
    int64_t instant;

    if (before_ok && after_ok) {
        k = ISS_LOCAL_REPEATED;
        instant = wall - (before > after ? before : after);
    } else if (before_ok) {
        instant = wall - before;
    } else if (after_ok) {
        instant = wall - after;
    } else {
        k = ISS_LOCAL_SKIPPED;
        instant = wall - before;
    }
    if (kind != NULL)
        *kind = k;
    return instant;
}

void iss_utc_to_local(int64_t instant, iss_date *date, int *minute)
{
    int64_t wall = instant + offset_seconds(instant);
    int64_t day = floor_div(wall, DAY_SECONDS);

    *date = (iss_date)day;
    *minute = (int)((wall - day * DAY_SECONDS) / 60);
}

int iss_day_elapsed_minutes(iss_date date)
{
    return (int)((iss_local_to_utc(date + 1, 0, NULL)
                  - iss_local_to_utc(date, 0, NULL)) / 60);
}

int64_t iss_local_elapsed_minutes(iss_date date0, int minute0, iss_date date1,
                                  int minute1)
{
    return (iss_local_to_utc(date1, minute1, NULL)
            - iss_local_to_utc(date0, minute0, NULL)) / 60;
}

char *iss_format_rfc3339_local(int64_t instant, char *buf)
{
    int64_t offset = offset_seconds(instant);
    int64_t wall = instant + offset;
    int64_t day = floor_div(wall, DAY_SECONDS);
    unsigned seconds = (unsigned)(wall - day * DAY_SECONDS);
    unsigned offset_minutes = (unsigned)((offset < 0 ? -offset : offset)
                                         / 60);
    char date[ISS_DATE_BUFSZ];
    int y, m, d;

    iss_date_to_ymd((iss_date)day, &y, &m, &d);
    if (y < 0 || y > 9999 || offset_minutes >= 24 * 60) {
        snprintf(buf, ISS_RFC3339_BUFSZ, "(no time)");
        return buf;
    }
    iss_date_format((iss_date)day, date);
    snprintf(buf, ISS_RFC3339_BUFSZ, "%.10sT%02u:%02u:%02u%c%02u:%02u",
             date, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60,
             offset < 0 ? '-' : '+', offset_minutes / 60 % 24,
             offset_minutes % 60);
    return buf;
}

/* Two digits at s as a number no greater than max, or -1. */
static int two_digits(const char *s, int max)
{
    int v;

    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
        return -1;
    v = (s[0] - '0') * 10 + (s[1] - '0');
    return v <= max ? v : -1;
}

int iss_parse_rfc3339(const char *s, int64_t *out)
{
    char date_text[ISS_DATE_BUFSZ];
    iss_date date;
    size_t len;
    int h, m, sec, oh = 0, om = 0, sign = 1;

    if (s == NULL)
        return -1;
    len = strlen(s);
    if ((len != 20 || s[19] != 'Z') && len != 25)
        return -1;
    memcpy(date_text, s, 10);
    date_text[10] = '\0';
    if (iss_date_parse(date_text, &date) != 0 || s[10] != 'T')
        return -1;
    h = two_digits(s + 11, 23);
    m = two_digits(s + 14, 59);
    sec = two_digits(s + 17, 59);
    if (h < 0 || s[13] != ':' || m < 0 || s[16] != ':' || sec < 0)
        return -1;
    if (len == 25) {
        if (s[19] != '+' && s[19] != '-')
            return -1;
        sign = s[19] == '-' ? -1 : 1;
        oh = two_digits(s + 20, 23);
        om = two_digits(s + 23, 59);
        if (oh < 0 || s[22] != ':' || om < 0)
            return -1;
    }
    *out = (int64_t)date * DAY_SECONDS + h * 3600 + m * 60 + sec
           - sign * (oh * 3600 + om * 60);
    return 0;
}
