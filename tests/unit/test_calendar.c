/* iss - unit tests of the calendar: dates, order months, clock times, bank
 * holidays, working days and Europe/London local time.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1   /* mkstemp */
#endif

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "iss/calendar.h"
#include "test.h"

#ifndef ISS_TEST_SRCDIR
#define ISS_TEST_SRCDIR "."
#endif
#define DATA_FILE ISS_TEST_SRCDIR "/data/bank-holidays-ew.json"

/* A date the test writes; a typo in the test itself aborts. */
static iss_date D(const char *s)
{
    iss_date d;

    if (iss_date_parse(s, &d) != 0) {
        fprintf(stderr, "test bug: bad date %s\n", s);
        exit(2);
    }
    return d;
}

/* The date as text, in one of a few rotating buffers. */
static const char *S(iss_date d)
{
    static char bufs[4][ISS_DATE_BUFSZ];
    static int next;

    next = (next + 1) % 4;
    return iss_date_format(d, bufs[next]);
}

/* ---- Civil dates -------------------------------------------------------- */

static void test_round_trips(void)
{
    int y, m, d, bad = 0, count = 0;
    iss_date expect = iss_date_from_ymd(1900, 1, 1);

    CHECK_EQ_INT(iss_date_from_ymd(1970, 1, 1), 0);
    CHECK_EQ_INT(iss_date_from_ymd(1969, 12, 31), -1);
    CHECK_EQ_INT(iss_date_from_ymd(2000, 3, 1), 11017);
    CHECK_EQ_INT(expect, -25567);
    /* Every day 1900-2199, consecutive, through text and back. */
    for (y = 1900; y <= 2199; y++) {
        for (m = 1; m <= 12; m++) {
            for (d = 1; d <= iss_days_in_month(y, m); d++) {
                char buf[ISS_DATE_BUFSZ], want[32];
                iss_date date = iss_date_from_ymd(y, m, d), back;
                int y2, m2, d2;

                iss_date_to_ymd(date, &y2, &m2, &d2);
                snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
                iss_date_format(date, buf);
                if (date != expect || y2 != y || m2 != m || d2 != d
                    || strcmp(buf, want) != 0
                    || iss_date_parse(buf, &back) != 0 || back != date)
                    bad++;
                expect++;
                count++;
            }
        }
    }
    CHECK_EQ_INT(bad, 0);
    /* 300 years: 73 leap years (1900, 2100 not; 2000 is). */
    CHECK_EQ_INT(count, 300 * 365 + 73);
    CHECK_EQ_INT(expect, iss_date_from_ymd(2200, 1, 1));
    CHECK_EQ_INT(iss_days_in_month(2000, 2), 29);
    CHECK_EQ_INT(iss_days_in_month(1900, 2), 28);
    CHECK_EQ_INT(iss_days_in_month(2100, 2), 28);
    CHECK_EQ_INT(iss_days_in_month(2024, 2), 29);
    CHECK_EQ_INT(iss_days_in_month(2025, 2), 28);
    CHECK_EQ_INT(iss_days_in_month(2025, 13), 0);
    CHECK(iss_ymd_valid(2000, 2, 29));
    CHECK(!iss_ymd_valid(1900, 2, 29));
    CHECK(!iss_ymd_valid(2100, 2, 29));
    CHECK(iss_ymd_valid(2024, 2, 29));
    CHECK(!iss_ymd_valid(1899, 12, 31));
    CHECK(!iss_ymd_valid(2200, 1, 1));
    CHECK(iss_ymd_valid(2199, 12, 31));
}

static void test_parse_rejects(void)
{
    static const char *const bad[] = {
        "2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-01-00",
        "2026-04-31", "1900-02-29", "2100-02-29", "1899-12-31", "2200-01-01",
        " 2026-01-01", "2026-01-01 ", "2026-1-01", "2026-01-1", "+2026-01-01",
        "-2026-01-01", "26-01-01", "2026/01/01", "20260101", "2026-01-01T",
        "2026-01-0a", "", "2026-01", "2026-01-01\n", "２０２６-01-01",
        "2026--1-01", "2026-+1-01", "0000-01-01",
    };
    size_t i;
    iss_date out = 12345;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int rc = iss_date_parse(bad[i], &out);

        if (rc != -1)
            fprintf(stderr, "accepted \"%s\"\n", bad[i]);
        CHECK_EQ_INT(rc, -1);
    }
    CHECK_EQ_INT(out, 12345);
    CHECK_EQ_INT(iss_date_parse(NULL, &out), -1);
    CHECK_EQ_INT(iss_date_parse("2024-02-29", &out), 0);
    CHECK_STR(S(out), "2024-02-29");
    CHECK_EQ_INT(iss_date_parse("1900-01-01", &out), 0);
    CHECK_EQ_INT(iss_date_parse("2199-12-31", &out), 0);
}

static void test_weekdays(void)
{
    char buf[ISS_HDATE_BUFSZ];

    CHECK_EQ_INT(iss_weekday(0), 3);                 /* Thu 1 Jan 1970 */
    CHECK_EQ_INT(iss_weekday(-1), 2);                /* Wed 31 Dec 1969 */
    CHECK_EQ_INT(iss_weekday(D("2026-11-23")), 0);
    CHECK_EQ_INT(iss_weekday(D("2025-04-02")), 2);   /* Wed */
    CHECK_EQ_INT(iss_weekday(D("2025-10-31")), 4);   /* Fri */
    CHECK_EQ_INT(iss_weekday(D("2025-09-01")), 0);   /* Mon */
    CHECK_EQ_INT(iss_weekday(D("2025-09-20")), 5);   /* Sat */
    CHECK_EQ_INT(iss_weekday(D("2025-10-09")), 3);   /* Thu */
    CHECK_EQ_INT(iss_weekday(D("1900-01-01")), 0);   /* Mon */
    CHECK_EQ_INT(iss_weekday(D("2199-12-31")), 1);   /* Tue */
    CHECK_STR(iss_weekday_name(0), "mon");
    CHECK_STR(iss_weekday_name(6), "sun");
    CHECK(iss_weekday_name(7) == NULL);
    CHECK(iss_weekday_name(-1) == NULL);
    CHECK_STR(iss_weekday_title(3), "Thu");
    CHECK(iss_weekday_title(7) == NULL);
    CHECK_EQ_INT(iss_weekday_parse("mon"), 0);
    CHECK_EQ_INT(iss_weekday_parse("sun"), 6);
    CHECK_EQ_INT(iss_weekday_parse("Mon"), -1);
    CHECK_EQ_INT(iss_weekday_parse("monday"), -1);
    CHECK_EQ_INT(iss_weekday_parse(""), -1);
    CHECK_EQ_INT(iss_weekday_parse(NULL), -1);
    CHECK_STR(iss_date_human(D("2026-11-23"), buf), "Mon 23 Nov 2026");
    CHECK_STR(iss_date_human(D("2025-04-02"), buf), "Wed 2 Apr 2025");
    CHECK_STR(iss_date_human(D("1900-01-01"), buf), "Mon 1 Jan 1900");
    CHECK_STR(iss_date_human(D("2199-12-31"), buf), "Tue 31 Dec 2199");
}

static void check_iso(const char *date, int want_year, int want_week)
{
    int year = 0, week = 0;

    iss_iso_week(D(date), &year, &week);
    if (year != want_year || week != want_week)
        fprintf(stderr, "ISO week of %s\n", date);
    CHECK_EQ_INT(year, want_year);
    CHECK_EQ_INT(week, want_week);
}

static void test_iso_weeks(void)
{
    check_iso("2026-01-01", 2026, 1);
    check_iso("2027-01-01", 2026, 53);
    check_iso("2024-12-30", 2025, 1);
    check_iso("2021-01-03", 2020, 53);
    check_iso("2021-01-04", 2021, 1);
    check_iso("2026-11-23", 2026, 48);
    check_iso("2026-12-31", 2026, 53);
    check_iso("2025-12-28", 2025, 52);
    check_iso("2025-12-29", 2026, 1);
    CHECK_STR(S(iss_week_monday(D("2026-11-29"))), "2026-11-23");
    CHECK_STR(S(iss_week_monday(D("2026-11-23"))), "2026-11-23");
    CHECK_STR(S(iss_week_monday(D("2026-01-01"))), "2025-12-29");
    CHECK_STR(S(iss_week_monday(D("1969-12-31"))), "1969-12-29");
}

static void test_months(void)
{
    iss_date start = D("2025-10-31");

    CHECK_STR(S(iss_add_months(start, 1)), "2025-11-30");
    CHECK_STR(S(iss_add_months(start, 2)), "2025-12-31");
    CHECK_STR(S(iss_add_months(start, 4)), "2026-02-28");
    CHECK_STR(S(iss_add_months(start, 0)), "2025-10-31");
    CHECK_STR(S(iss_add_months(start, 12)), "2026-10-31");
    CHECK_STR(S(iss_add_months(start, -1)), "2025-09-30");
    CHECK_STR(S(iss_add_months(start, -8)), "2025-02-28");
    CHECK_STR(S(iss_add_months(start, -10)), "2024-12-31");
    CHECK_STR(S(iss_add_months(start, -20)), "2024-02-29");
    CHECK_STR(S(iss_add_months(D("2024-01-31"), 1)), "2024-02-29");
    CHECK_STR(S(iss_add_months(D("2023-01-31"), 1)), "2023-02-28");
    CHECK_STR(S(iss_add_months(D("2024-03-31"), -1)), "2024-02-29");
    CHECK_STR(S(iss_add_months(D("2024-02-29"), 12)), "2025-02-28");
    CHECK_STR(S(iss_add_months(D("2024-02-29"), 48)), "2028-02-29");
    CHECK_STR(S(iss_add_months(D("2026-01-15"), -13)), "2024-12-15");
    CHECK_EQ_INT(iss_days_end(start, 1), start);
}

/* DOMAIN.md section 9, scenario 2: extended band from Fri 31 Oct 2025. */
static void test_scenario2_months(void)
{
    iss_date start = D("2025-10-31");
    iss_date day;
    int n, bad = 0;

    CHECK_STR(S(iss_order_month_start(start, 1)), "2025-10-31");
    CHECK_STR(S(iss_order_month_end(start, 1)), "2025-11-29");
    CHECK_STR(S(iss_order_month_start(start, 2)), "2025-11-30");
    CHECK_STR(S(iss_order_month_end(start, 2)), "2025-12-30");
    CHECK_STR(S(iss_order_month_start(start, 3)), "2025-12-31");
    CHECK_STR(S(iss_order_month_start(start, 5)), "2026-02-28");
    CHECK_STR(S(iss_order_month_end(start, 4)), "2026-02-27");
    CHECK_STR(S(iss_order_month_start(start, 7)), "2026-04-30");
    CHECK_STR(S(iss_order_month_end(start, 6)), "2026-04-29");
    CHECK_STR(S(iss_days_end(start, 180)), "2026-04-28");
    CHECK_EQ_INT(iss_order_month(start, D("2025-10-30")), 0);
    CHECK_EQ_INT(iss_order_month(start, start), 1);
    CHECK_EQ_INT(iss_order_month(start, D("2025-11-29")), 1);
    CHECK_EQ_INT(iss_order_month(start, D("2025-11-30")), 2);
    CHECK_EQ_INT(iss_order_month(start, D("2026-02-27")), 4);
    CHECK_EQ_INT(iss_order_month(start, D("2026-02-28")), 5);
    CHECK_EQ_INT(iss_order_month(start, D("2026-04-28")), 6);
    CHECK_EQ_INT(iss_order_month(start, D("2026-04-29")), 6);
    CHECK_EQ_INT(iss_order_month(start, D("2026-04-30")), 7);
    /* iss_order_month agrees with the month bounds for three years. */
    for (n = 1; n <= 36; n++)
        for (day = iss_order_month_start(start, n);
             day <= iss_order_month_end(start, n); day++)
            if (iss_order_month(start, day) != n)
                bad++;
    CHECK_EQ_INT(bad, 0);
    for (n = 1; n <= 36; n++)
        if (iss_order_month_end(start, n) + 1
            != iss_order_month_start(start, n + 1))
            bad++;
    CHECK_EQ_INT(bad, 0);
}

/* ---- Clock times -------------------------------------------------------- */

static void test_clock(void)
{
    struct iss_clock_period p = { -7, -7 };
    const char *why = NULL;
    char buf[6];

    CHECK_EQ_INT(iss_clock_parse("00:00", false), 0);
    CHECK_EQ_INT(iss_clock_parse("19:00", false), 1140);
    CHECK_EQ_INT(iss_clock_parse("23:59", false), 1439);
    CHECK_EQ_INT(iss_clock_parse("24:00", false), -1);
    CHECK_EQ_INT(iss_clock_parse("24:00", true), 1440);
    CHECK_EQ_INT(iss_clock_parse("24:01", true), -1);
    CHECK_EQ_INT(iss_clock_parse("25:00", true), -1);
    CHECK_EQ_INT(iss_clock_parse("12:60", false), -1);
    CHECK_EQ_INT(iss_clock_parse("9:00", false), -1);
    CHECK_EQ_INT(iss_clock_parse("09:0", false), -1);
    CHECK_EQ_INT(iss_clock_parse("09:00 ", false), -1);
    CHECK_EQ_INT(iss_clock_parse(" 09:00", false), -1);
    CHECK_EQ_INT(iss_clock_parse("09.00", false), -1);
    CHECK_EQ_INT(iss_clock_parse("+9:00", false), -1);
    CHECK_EQ_INT(iss_clock_parse("", false), -1);
    CHECK_EQ_INT(iss_clock_parse(NULL, false), -1);

    CHECK_EQ_INT(iss_clock_period_parse("09:00-17:00", &p, &why), 0);
    CHECK_EQ_INT(p.start, 540);
    CHECK_EQ_INT(p.end, 1020);
    CHECK_EQ_INT(iss_clock_period_minutes(&p), 480);
    CHECK(!iss_clock_period_overnight(&p));
    CHECK_EQ_INT(iss_clock_period_parse("19:00-07:00", &p, &why), 0);
    CHECK_EQ_INT(p.start, 1140);
    CHECK_EQ_INT(p.end, 420);
    CHECK_EQ_INT(iss_clock_period_minutes(&p), 720);
    CHECK(iss_clock_period_overnight(&p));
    CHECK_EQ_INT(iss_clock_period_parse("21:00-24:00", &p, &why), 0);
    CHECK_EQ_INT(p.end, 1440);
    CHECK_EQ_INT(iss_clock_period_minutes(&p), 180);
    CHECK(!iss_clock_period_overnight(&p));
    /* An end written 00:00 is midnight at the end of the day. */
    CHECK_EQ_INT(iss_clock_period_parse("21:00-00:00", &p, &why), 0);
    CHECK_EQ_INT(p.end, 1440);
    CHECK_EQ_INT(iss_clock_period_parse("00:00-24:00", &p, &why), 0);
    CHECK_EQ_INT(iss_clock_period_minutes(&p), 1440);
    CHECK_EQ_INT(iss_clock_period_parse("23:59-00:01", &p, &why), 0);
    CHECK_EQ_INT(iss_clock_period_minutes(&p), 2);
    CHECK(iss_clock_period_overnight(&p));

    p.start = p.end = -7;
    why = NULL;
    CHECK_EQ_INT(iss_clock_period_parse("10:00-10:00", &p, &why), -1);
    CHECK(why != NULL && strstr(why, "same") != NULL);
    CHECK_EQ_INT(p.start, -7);
    why = NULL;
    CHECK_EQ_INT(iss_clock_period_parse("00:00-00:00", &p, &why), -1);
    CHECK(why != NULL);
    why = NULL;
    CHECK_EQ_INT(iss_clock_period_parse("24:00-07:00", &p, &why), -1);
    CHECK(why != NULL && strstr(why, "24:00") != NULL);
    why = NULL;
    CHECK_EQ_INT(iss_clock_period_parse("19:00-24:01", &p, &why), -1);
    CHECK(why != NULL);
    why = NULL;
    CHECK_EQ_INT(iss_clock_period_parse("19:00 - 07:00", &p, &why), -1);
    CHECK(why != NULL);
    CHECK_EQ_INT(iss_clock_period_parse("19:00-7:00", &p, NULL), -1);
    CHECK_EQ_INT(iss_clock_period_parse("19:00", &p, NULL), -1);
    CHECK_EQ_INT(iss_clock_period_parse("19:00-07:00x", &p, NULL), -1);
    CHECK_EQ_INT(iss_clock_period_parse("19:00_07:00", &p, NULL), -1);
    CHECK_EQ_INT(iss_clock_period_parse("", &p, NULL), -1);
    CHECK_EQ_INT(iss_clock_period_parse(NULL, &p, NULL), -1);
    CHECK_EQ_INT(p.start, -7);

    CHECK_STR(iss_clock_format(0, buf), "00:00");
    CHECK_STR(iss_clock_format(545, buf), "09:05");
    CHECK_STR(iss_clock_format(1439, buf), "23:59");
    CHECK_STR(iss_clock_format(1440, buf), "24:00");
}

/* ---- Bank holidays ------------------------------------------------------ */

/* DOMAIN.md section 7: the published England-and-Wales list. */
static const char *const published[][11] = {
    { "2018-01-01", "2018-03-30", "2018-04-02", "2018-05-07", "2018-05-28",
      "2018-08-27", "2018-12-25", "2018-12-26", NULL },
    { "2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27",
      "2019-08-26", "2019-12-25", "2019-12-26", NULL },
    { "2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25",
      "2020-08-31", "2020-12-25", "2020-12-28", NULL },
    { "2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31",
      "2021-08-30", "2021-12-27", "2021-12-28", NULL },
    { "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02",
      "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27",
      NULL },
    { "2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08",
      "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26", NULL },
    { "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27",
      "2024-08-26", "2024-12-25", "2024-12-26", NULL },
    { "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26",
      "2025-08-25", "2025-12-25", "2025-12-26", NULL },
    { "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25",
      "2026-08-31", "2026-12-25", "2026-12-28", NULL },
    { "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31",
      "2027-08-30", "2027-12-27", "2027-12-28", NULL },
};

static struct iss_holidays *loaded_holidays(void)
{
    struct iss_holidays *h = iss_holidays_new();
    struct iss_problems probs;
    struct iss_error err = { 0 };
    size_t i;

    if (h == NULL) {
        fprintf(stderr, "iss_holidays_new failed\n");
        exit(2);
    }
    iss_problems_init(&probs);
    CHECK_EQ_INT(iss_holidays_load(h, DATA_FILE, "data/bank-holidays-ew.json",
                                   &probs, &err),
                 0);
    CHECK_EQ_INT(probs.count, 0);
    for (i = 0; i < probs.count; i++)
        fprintf(stderr, "%s\n", probs.items[i]);
    if (err.code)
        fprintf(stderr, "%s\n", err.msg);
    iss_problems_clear(&probs);
    return h;
}

static void test_published_list(const struct iss_holidays *h)
{
    int year;

    for (year = 2018; year <= 2027; year++) {
        const char *const *want = published[year - 2018];
        iss_date got[16];
        size_t n = iss_holidays_in_year(h, year, got, 16), i, nwant = 0;
        char list[256] = "";

        while (want[nwant] != NULL)
            nwant++;
        for (i = 0; i < n && i < 16; i++) {
            strncat(list, S(got[i]) + 5, sizeof list - strlen(list) - 1);
            strncat(list, " ", sizeof list - strlen(list) - 1);
        }
        if (n != nwant)
            fprintf(stderr, "%d: got %s\n", year, list);
        CHECK_EQ_INT(n, nwant);
        for (i = 0; i < n && i < nwant; i++)
            CHECK_STR(S(got[i]), want[i]);
        for (i = 0; i < nwant; i++)
            CHECK(iss_is_bank_holiday(h, D(want[i]), NULL));
    }
}

static void test_rules(void)
{
    struct iss_holidays *h = iss_holidays_new();
    iss_date got[16];
    const char *name = NULL;
    int year, bad = 0;

    CHECK(h != NULL);
    if (h == NULL)
        return;
    /* Easter Sundays from the published tables. */
    CHECK_STR(S(iss_easter_sunday(2025)), "2025-04-20");
    CHECK_STR(S(iss_easter_sunday(2026)), "2026-04-05");
    CHECK_STR(S(iss_easter_sunday(2019)), "2019-04-21");
    CHECK_STR(S(iss_easter_sunday(2008)), "2008-03-23");
    CHECK_STR(S(iss_easter_sunday(2038)), "2038-04-25");
    CHECK_STR(S(iss_easter_sunday(1818)), "1818-03-22");
    CHECK_STR(S(iss_easter_sunday(2000)), "2000-04-23");
    /* Without the data file 2020 keeps the rule's 4 May. */
    CHECK(iss_is_bank_holiday(h, D("2020-05-04"), &name));
    CHECK_STR(name, "Early May bank holiday");
    CHECK(!iss_is_bank_holiday(h, D("2020-05-08"), NULL));
    CHECK(iss_is_bank_holiday(h, D("2022-05-30"), NULL));
    CHECK(!iss_is_bank_holiday(h, D("2022-09-19"), NULL));
    CHECK_EQ_INT(iss_holidays_in_year(h, 2022, got, 16), 8);
    /* Substitutes. */
    CHECK(iss_is_bank_holiday(h, D("2022-01-03"), &name));
    CHECK_STR(name, "New Year's Day (substitute day)");
    CHECK(!iss_is_bank_holiday(h, D("2022-01-01"), NULL));
    CHECK(iss_is_bank_holiday(h, D("2023-01-02"), NULL));
    CHECK(iss_is_bank_holiday(h, D("2022-12-27"), &name));
    CHECK_STR(name, "Christmas Day (substitute day)");
    CHECK(iss_is_bank_holiday(h, D("2021-12-28"), &name));
    CHECK_STR(name, "Boxing Day (substitute day)");
    CHECK(!iss_is_bank_holiday(h, D("2021-12-25"), NULL));
    CHECK(iss_is_bank_holiday(h, D("2026-12-28"), NULL));
    CHECK(!iss_is_bank_holiday(h, D("2026-12-26"), NULL));
    CHECK(iss_is_bank_holiday(h, D("2025-12-25"), &name));
    CHECK_STR(name, "Christmas Day");
    /* Coverage: 8 a year everywhere, nothing outside, never a weekend. */
    for (year = ISS_HOLIDAY_YEAR_MIN; year <= ISS_HOLIDAY_YEAR_MAX; year++) {
        size_t i, n = iss_holidays_in_year(h, year, got, 16);

        if (n != 8)
            bad++;
        for (i = 0; i < n && i < 16; i++)
            if (iss_weekday(got[i]) >= 5)
                bad++;
    }
    CHECK_EQ_INT(bad, 0);
    CHECK_EQ_INT(iss_holidays_in_year(h, 1989, got, 16), 0);
    CHECK_EQ_INT(iss_holidays_in_year(h, 2151, got, 16), 0);
    CHECK(!iss_is_bank_holiday(h, D("1989-12-25"), NULL));
    CHECK(!iss_is_bank_holiday(h, D("2151-12-25"), NULL));
    CHECK(iss_is_bank_holiday(h, D("2150-12-25"), NULL));
    CHECK(iss_is_bank_holiday(h, D("1990-01-01"), NULL));
    CHECK(!iss_is_bank_holiday(NULL, D("2025-12-25"), NULL));
    /* max caps what is written, not what is counted. */
    got[2] = 77;
    CHECK_EQ_INT(iss_holidays_in_year(h, 2025, got, 2), 8);
    CHECK_EQ_INT(got[2], 77);
    CHECK_EQ_INT(iss_holidays_in_year(h, 2025, NULL, 0), 8);

    /* Moves and additions. */
    CHECK_EQ_INT(iss_holidays_move(h, D("2020-05-05"), D("2020-05-08"), "x"),
                 -1);
    CHECK_EQ_INT(iss_holidays_move(h, D("2020-05-04"), D("2020-05-25"), "x"),
                 -1);
    CHECK_EQ_INT(iss_holidays_move(h, D("2020-05-04"), D("2020-05-08"),
                                   "VE Day"),
                 0);
    CHECK(!iss_is_bank_holiday(h, D("2020-05-04"), NULL));
    CHECK(iss_is_bank_holiday(h, D("2020-05-08"), &name));
    CHECK_STR(name, "VE Day");
    CHECK_EQ_INT(iss_holidays_move(h, D("2020-05-08"), D("2020-05-08"),
                                   NULL),
                 0);
    CHECK(iss_is_bank_holiday(h, D("2020-05-08"), &name));
    CHECK_STR(name, "VE Day");
    CHECK_EQ_INT(iss_holidays_move(h, D("2020-05-08"), D("2151-05-08"), NULL),
                 -1);
    CHECK_EQ_INT(iss_holidays_add(h, D("2026-06-01"), "Team day"), 0);
    CHECK(iss_is_bank_holiday(h, D("2026-06-01"), &name));
    CHECK_STR(name, "Team day");
    CHECK_EQ_INT(iss_holidays_add(h, D("2026-06-01"), "Again"), 0);
    CHECK_STR(name, "Team day");
    CHECK_EQ_INT(iss_holidays_in_year(h, 2026, got, 16), 9);
    CHECK_STR(S(got[4]), "2026-05-25");
    CHECK_STR(S(got[5]), "2026-06-01");
    CHECK_EQ_INT(iss_holidays_add(h, D("2025-12-25"), "Again"), 0);
    CHECK_EQ_INT(iss_holidays_in_year(h, 2025, got, 16), 8);
    CHECK_EQ_INT(iss_holidays_add(h, D("1989-06-01"), "Old"), -1);
    CHECK_EQ_INT(iss_holidays_add(h, D("2151-06-01"), "Late"), -1);
    iss_holidays_free(h);
    iss_holidays_free(NULL);
}

/* Write text to a new temporary file and return its name (static). */
static const char *temp_file(const char *text)
{
    static char name[64];
    int fd;
    size_t len = strlen(text);

    snprintf(name, sizeof name, "/tmp/iss-test-calendar-XXXXXX");
    fd = mkstemp(name);
    if (fd < 0 || write(fd, text, len) != (ssize_t)len) {
        fprintf(stderr, "cannot write a temporary file\n");
        exit(2);
    }
    close(fd);
    return name;
}

/* Load text as a data file named "h.json" into rule holidays; return the
 * status, with the problems (joined by newlines) in out. */
static int load_text(const char *text, char *out, size_t size)
{
    struct iss_holidays *h = iss_holidays_new();
    struct iss_problems probs;
    struct iss_error err = { 0 };
    const char *path = temp_file(text);
    size_t i;
    int rc;

    iss_problems_init(&probs);
    rc = iss_holidays_load(h, path, "h.json", &probs, &err);
    out[0] = '\0';
    for (i = 0; i < probs.count; i++) {
        if (i > 0)
            strncat(out, "\n", size - strlen(out) - 1);
        strncat(out, probs.items[i], size - strlen(out) - 1);
    }
    /* All or nothing: a file with problems changes nothing. */
    if (rc != 0)
        CHECK(iss_is_bank_holiday(h, D("2020-05-04"), NULL)
              && !iss_is_bank_holiday(h, D("2020-05-08"), NULL)
              && !iss_is_bank_holiday(h, D("2022-09-19"), NULL));
    iss_problems_clear(&probs);
    iss_holidays_free(h);
    unlink(path);
    return rc;
}

static void test_load(void)
{
    struct iss_holidays *h = iss_holidays_new();
    struct iss_problems probs;
    struct iss_error err = { 0 };
    char out[2048];

    CHECK_EQ_INT(load_text("{}", out, sizeof out), 0);
    CHECK_STR(out, "");
    CHECK_EQ_INT(load_text("{\"x-note\": 1, \"moved\": [], \"added\": [],"
                           " \"source\": \"s\","
                           " \"region\": \"england-and-wales\"}",
                           out, sizeof out),
                 0);
    CHECK_EQ_INT(load_text("{\"moved\": [{\"from\": \"2020-05-05\", "
                           "\"to\": \"2020-05-08\", \"name\": \"VE\"}]}",
                           out, sizeof out),
                 ISS_EINPUT);
    CHECK_STR(out, "h.json: moved[0].from: \"2020-05-05\": not a bank "
                   "holiday by rule");
    CHECK_EQ_INT(load_text("{\"moved\": [{\"from\": \"2020-05-04\", "
                           "\"to\": \"2020-05-08\", \"name\": \"VE\"}],\n"
                           " \"added\": [{\"date\": \"2022-09-19\", "
                           "\"name\": \"F\"}, {\"date\": \"2026-02-30\", "
                           "\"name\": \"F\"}, {\"date\": \"2022-09-20\"}, "
                           "{\"date\": \"1980-01-02\", \"name\": \"F\", "
                           "\"nmae\": 3}, 7],\n"
                           " \"regoin\": \"x\", \"x-ok\": {}}",
                           out, sizeof out),
                 ISS_EINPUT);
    CHECK_STR(out,
              "h.json: regoin: unknown field (did you mean \"region\"?); "
              "allowed here: region, source, moved, added, or x-... for "
              "notes\n"
              "h.json: added[1].date: \"2026-02-30\": a real date written "
              "\"YYYY-MM-DD\"\n"
              "h.json: added[2].name: missing: the holiday's name, a "
              "non-empty string\n"
              "h.json: added[3].nmae: unknown field (did you mean "
              "\"name\"?); allowed here: date, name, or x-... for notes\n"
              "h.json: added[3].date: \"1980-01-02\": a date in the years "
              "1990-2150\n"
              "h.json: added[4]: 7: an object {\"date\", \"name\"}");
    CHECK_EQ_INT(load_text("{\"moved\": [{\"from\": \"2020-05-04\", "
                           "\"to\": \"2020-05-25\", \"name\": \"VE\"}, "
                           "{\"from\": \"2020-05-04\", \"to\": \"2020-05-08\","
                           " \"name\": \"VE\"}], \"moved\": [], "
                           "\"region\": \"scotland\", \"source\": 1}",
                           out, sizeof out),
                 ISS_EINPUT);
    CHECK_STR(out,
              "h.json: moved: the field appears twice; keep one\n"
              "h.json: region: \"scotland\": \"england-and-wales\" (the only "
              "region iss knows)\n"
              "h.json: source: 1: a string saying where the days come from\n"
              "h.json: moved[0].to: \"2020-05-25\": a bank holiday already: "
              "move to a day that is not");
    CHECK_EQ_INT(load_text("[1, 2]", out, sizeof out), ISS_EINPUT);
    CHECK_STR(out, "h.json: top level: [1,2]: an object {...} is expected "
                   "here");
    CHECK_EQ_INT(load_text("{\"moved\": {}, \"added\": \"2026-01-02\"}", out,
                           sizeof out),
                 ISS_EINPUT);
    CHECK_STR(out, "h.json: moved: {}: a list of {\"from\", \"to\", "
                   "\"name\"}\n"
                   "h.json: added: \"2026-01-02\": a list of {\"date\", "
                   "\"name\"}");
    /* Syntax errors give line and column. */
    CHECK_EQ_INT(load_text("{\n  \"moved\": [\n    {\"from\": 2020-05-04}\n"
                           "  ]\n}\n",
                           out, sizeof out),
                 ISS_EINPUT);
    CHECK_STR(out, "h.json:3:18: not valid JSON: unexpected '-'");
    CHECK_EQ_INT(load_text("{} {}", out, sizeof out), ISS_EINPUT);
    CHECK_STR(out, "h.json:1:4: not valid JSON: unexpected '{'");
    CHECK_EQ_INT(load_text("", out, sizeof out), ISS_EINPUT);
    CHECK_STR(out, "h.json:1:1: not valid JSON: the file is empty; a JSON "
                   "object {...} is expected");
    CHECK_EQ_INT(load_text("{}\n\n", out, sizeof out), 0);

    /* A file that cannot be read is a failure, not a problem. */
    iss_problems_init(&probs);
    CHECK_EQ_INT(iss_holidays_load(h, "/nonexistent/holidays.json",
                                   "missing.json", &probs, &err),
                 ISS_EFAIL);
    CHECK_EQ_INT(err.code, ISS_EFAIL);
    CHECK(strncmp(err.msg, "missing.json: ", 14) == 0);
    CHECK_EQ_INT(probs.count, 0);
    iss_error_clear(&err);
    CHECK_EQ_INT(iss_holidays_load(h, "/", "root", &probs, &err), ISS_EFAIL);
    CHECK_EQ_INT(probs.count, 0);
    iss_error_clear(&err);
    /* The shipped file applies, and not twice (its moves are done). */
    CHECK_EQ_INT(iss_holidays_load(h, DATA_FILE, NULL, &probs, &err), 0);
    CHECK(iss_is_bank_holiday(h, D("2020-05-08"), NULL));
    CHECK_EQ_INT(iss_holidays_load(h, DATA_FILE, "again.json", &probs, &err),
                 ISS_EINPUT);
    CHECK(probs.count > 0
          && strstr(probs.items[0], "again.json: moved[0].from: "
                                    "\"1995-05-01\": moved already")
                 != NULL);
    iss_problems_clear(&probs);
    iss_holidays_free(h);
}

static void test_shipped_file_history(const struct iss_holidays *h)
{
    iss_date got[16];
    const char *name = NULL;

    CHECK(iss_is_bank_holiday(h, D("1995-05-08"), NULL));
    CHECK(!iss_is_bank_holiday(h, D("1995-05-01"), NULL));
    CHECK(iss_is_bank_holiday(h, D("1999-12-31"), &name));
    CHECK_STR(name, "Millennium celebrations");
    CHECK(iss_is_bank_holiday(h, D("2002-06-03"), NULL));
    CHECK(iss_is_bank_holiday(h, D("2002-06-04"), NULL));
    CHECK(!iss_is_bank_holiday(h, D("2002-05-27"), NULL));
    CHECK(iss_is_bank_holiday(h, D("2011-04-29"), NULL));
    CHECK(iss_is_bank_holiday(h, D("2012-06-04"), NULL));
    CHECK(iss_is_bank_holiday(h, D("2012-06-05"), NULL));
    CHECK(!iss_is_bank_holiday(h, D("2012-05-28"), NULL));
    CHECK_EQ_INT(iss_holidays_in_year(h, 2012, got, 16), 9);
    CHECK_EQ_INT(iss_holidays_in_year(h, 1999, got, 16), 9);
    CHECK_EQ_INT(iss_holidays_in_year(h, 2011, got, 16), 9);
}

/* ---- Working days ------------------------------------------------------- */

static void test_working_days(const struct iss_holidays *h)
{
    /* Scenario 1: planning meeting 5 working days from Wed 2 Apr 2025. */
    CHECK_STR(S(iss_working_days_after(h, true, D("2025-04-02"), 5)),
              "2025-04-09");
    CHECK_STR(S(iss_working_days_after(h, true, D("2025-04-02"), 0)),
              "2025-04-02");
    CHECK_STR(S(iss_working_days_after(h, true, D("2025-04-05"), 0)),
              "2025-04-05");
    CHECK_STR(S(iss_working_days_after(h, true, D("2025-04-05"), 1)),
              "2025-04-07");
    /* Scenario 3: breach within 5 working days of Thu 2 Oct 2025. */
    CHECK_STR(S(iss_working_days_after(h, true, D("2025-10-02"), 5)),
              "2025-10-09");
    /* Easter 2025: Thu 17 Apr + 1 skips Good Friday, the weekend and
     * Easter Monday. */
    CHECK_STR(S(iss_working_days_after(h, true, D("2025-04-17"), 1)),
              "2025-04-22");
    CHECK_STR(S(iss_working_days_after(h, true, D("2025-04-16"), 3)),
              "2025-04-23");
    CHECK(!iss_is_working_day(h, true, D("2025-04-18")));
    CHECK(!iss_is_working_day(h, true, D("2025-04-21")));
    CHECK(iss_is_working_day(h, true, D("2025-04-22")));
    CHECK(!iss_is_working_day(h, true, D("2025-04-19")));
    /* Christmas 2026: Thu 24 Dec, Fri 25, Mon 28 substitute. */
    CHECK(iss_is_working_day(h, true, D("2026-12-24")));
    CHECK(!iss_is_working_day(h, false, D("2026-12-24")));
    CHECK(!iss_is_working_day(h, true, D("2026-12-25")));
    CHECK(!iss_is_working_day(h, true, D("2026-12-28")));
    CHECK(iss_is_working_day(h, false, D("2026-12-23")));
    CHECK_STR(S(iss_working_days_after(h, true, D("2026-12-23"), 1)),
              "2026-12-24");
    CHECK_STR(S(iss_working_days_after(h, false, D("2026-12-23"), 1)),
              "2026-12-29");
    CHECK_STR(S(iss_working_days_after(h, true, D("2026-12-23"), 2)),
              "2026-12-29");
    CHECK_STR(S(iss_working_days_after(h, false, D("2026-12-23"), 2)),
              "2026-12-30");
    /* Christmas 2027 falls on a Saturday: 27 and 28 are holidays. */
    CHECK_STR(S(iss_working_days_after(h, true, D("2027-12-23"), 2)),
              "2027-12-29");
    CHECK_STR(S(iss_working_days_after(h, false, D("2027-12-23"), 2)),
              "2027-12-30");
    CHECK_STR(S(iss_working_days_after(h, true, D("2026-12-31"), 1)),
              "2027-01-04");
    /* No holidays at all: weekends only. */
    CHECK_STR(S(iss_working_days_after(NULL, true, D("2025-12-24"), 1)),
              "2025-12-25");
}

/* DOMAIN.md section 9, scenarios 1 and 3. */
static void test_scenarios(const struct iss_holidays *h)
{
    iss_date start = D("2025-04-02");
    iss_date warn;

    CHECK_STR(S(iss_days_end(start, 91)), "2025-07-01");
    CHECK_STR(S(iss_order_month_start(start, 4)), "2025-07-02");
    CHECK_EQ_INT(iss_order_month(start, D("2025-07-01")), 3);
    CHECK_EQ_INT(iss_order_month(start, D("2025-07-02")), 4);
    CHECK(iss_is_bank_holiday(h, D("2025-04-18"), NULL));
    CHECK(iss_is_bank_holiday(h, D("2025-04-21"), NULL));
    CHECK(iss_is_bank_holiday(h, D("2025-05-05"), NULL));
    CHECK(iss_is_bank_holiday(h, D("2025-05-26"), NULL));
    CHECK_EQ_INT(iss_date_parse("2025-09-09", &warn), 0);
    CHECK_EQ_INT(iss_weekday(warn), 1);
    CHECK_EQ_INT(iss_date_parse("2025-09-20", &warn), 0);
    CHECK_EQ_INT(iss_weekday(warn), 5);
    CHECK(!iss_is_working_day(h, true, warn));
}

/* ---- Europe/London ------------------------------------------------------ */

static int64_t utc(const char *date, int h, int m)
{
    return (int64_t)D(date) * 86400 + h * 3600 + m * 60;
}

static void test_tz(void)
{
    struct iss_error err = { 0 };
    enum iss_local_kind kind = ISS_LOCAL_NORMAL;
    char buf[ISS_RFC3339_BUFSZ];
    iss_date date = 0;
    int64_t t = 0;
    int minute = -1;

    CHECK_EQ_INT(iss_tz_init(&err), 0);
    if (err.code)
        fprintf(stderr, "%s\n", err.msg);
    CHECK_EQ_INT(iss_day_elapsed_minutes(D("2026-03-29")), 1380);
    CHECK_EQ_INT(iss_day_elapsed_minutes(D("2026-10-25")), 1500);
    CHECK_EQ_INT(iss_day_elapsed_minutes(D("2025-03-30")), 1380);
    CHECK_EQ_INT(iss_day_elapsed_minutes(D("2025-10-26")), 1500);
    CHECK_EQ_INT(iss_day_elapsed_minutes(D("2026-03-28")), 1440);
    CHECK_EQ_INT(iss_day_elapsed_minutes(D("2026-03-30")), 1440);
    CHECK_EQ_INT(iss_day_elapsed_minutes(D("2026-07-01")), 1440);
    CHECK_EQ_INT(iss_day_elapsed_minutes(D("2026-12-25")), 1440);

    /* Spring forward, Sun 29 Mar 2026: 01:00 GMT becomes 02:00 BST. */
    CHECK_EQ_INT(iss_local_to_utc(D("2026-03-29"), 30, &kind),
                 utc("2026-03-29", 0, 30));
    CHECK_EQ_INT(kind, ISS_LOCAL_NORMAL);
    CHECK_EQ_INT(iss_local_to_utc(D("2026-03-29"), 90, &kind),
                 utc("2026-03-29", 1, 30));
    CHECK_EQ_INT(kind, ISS_LOCAL_SKIPPED);
    CHECK_EQ_INT(iss_local_to_utc(D("2026-03-29"), 60, &kind),
                 utc("2026-03-29", 1, 0));
    CHECK_EQ_INT(kind, ISS_LOCAL_SKIPPED);
    CHECK_EQ_INT(iss_local_to_utc(D("2026-03-29"), 120, &kind),
                 utc("2026-03-29", 1, 0));
    CHECK_EQ_INT(kind, ISS_LOCAL_NORMAL);
    CHECK_EQ_INT(iss_local_to_utc(D("2026-03-29"), 150, &kind),
                 utc("2026-03-29", 1, 30));
    CHECK_EQ_INT(kind, ISS_LOCAL_NORMAL);
    /* Fall back, Sun 25 Oct 2026: 02:00 BST becomes 01:00 GMT. */
    CHECK_EQ_INT(iss_local_to_utc(D("2026-10-25"), 90, &kind),
                 utc("2026-10-25", 0, 30));
    CHECK_EQ_INT(kind, ISS_LOCAL_REPEATED);
    CHECK_EQ_INT(iss_local_to_utc(D("2026-10-25"), 150, &kind),
                 utc("2026-10-25", 2, 30));
    CHECK_EQ_INT(kind, ISS_LOCAL_NORMAL);
    CHECK_EQ_INT(iss_local_to_utc(D("2026-10-25"), 30, &kind),
                 utc("2026-10-24", 23, 30));
    CHECK_EQ_INT(kind, ISS_LOCAL_NORMAL);
    CHECK_EQ_INT(iss_local_to_utc(D("2026-10-25"), 1440, &kind),
                 utc("2026-10-26", 0, 0));
    CHECK_EQ_INT(iss_local_to_utc(D("2026-07-01"), 1440, NULL),
                 utc("2026-07-01", 23, 0));
    CHECK_EQ_INT(iss_local_to_utc(D("2026-07-01"), 720, NULL),
                 utc("2026-07-01", 11, 0));
    CHECK_EQ_INT(iss_local_to_utc(D("2026-01-15"), 720, NULL),
                 utc("2026-01-15", 12, 0));

    /* Offsets either side of each change. */
    CHECK_EQ_INT(iss_utc_offset_at(utc("2026-03-29", 0, 59) + 59), 0);
    CHECK_EQ_INT(iss_utc_offset_at(utc("2026-03-29", 1, 0)), 60);
    CHECK_EQ_INT(iss_utc_offset_at(utc("2026-10-25", 0, 59) + 59), 60);
    CHECK_EQ_INT(iss_utc_offset_at(utc("2026-10-25", 1, 0)), 0);
    CHECK_EQ_INT(iss_utc_offset_at(utc("2025-03-30", 1, 0)), 60);
    CHECK_EQ_INT(iss_utc_offset_at(utc("2025-10-26", 1, 0)), 0);

    iss_utc_to_local(utc("2026-10-25", 0, 30), &date, &minute);
    CHECK_STR(S(date), "2026-10-25");
    CHECK_EQ_INT(minute, 90);
    iss_utc_to_local(utc("2026-10-25", 1, 30), &date, &minute);
    CHECK_EQ_INT(minute, 90);
    iss_utc_to_local(utc("2026-06-30", 23, 30), &date, &minute);
    CHECK_STR(S(date), "2026-07-01");
    CHECK_EQ_INT(minute, 30);
    iss_utc_to_local(utc("1969-12-31", 23, 59), &date, &minute);
    CHECK_STR(S(date), "1970-01-01");   /* London was on UTC+1 in 1969 */
    CHECK_EQ_INT(minute, 59);

    /* Curfew nights across each change (DOMAIN.md section 3). */
    CHECK_EQ_INT(iss_local_elapsed_minutes(D("2026-03-28"), 1140,
                                           D("2026-03-29"), 420),
                 660);
    CHECK_EQ_INT(iss_local_elapsed_minutes(D("2026-10-24"), 1140,
                                           D("2026-10-25"), 420),
                 780);
    CHECK_EQ_INT(iss_local_elapsed_minutes(D("2025-03-29"), 1140,
                                           D("2025-03-30"), 420),
                 660);
    CHECK_EQ_INT(iss_local_elapsed_minutes(D("2025-10-25"), 1140,
                                           D("2025-10-26"), 420),
                 780);
    CHECK_EQ_INT(iss_local_elapsed_minutes(D("2026-07-01"), 1140,
                                           D("2026-07-02"), 420),
                 720);

    /* RFC 3339. */
    CHECK_STR(iss_format_rfc3339_local(utc("2026-11-24", 16, 0), buf),
              "2026-11-24T16:00:00+00:00");
    CHECK_STR(iss_format_rfc3339_local(utc("2026-07-01", 11, 0) + 5, buf),
              "2026-07-01T12:00:05+01:00");
    CHECK_STR(iss_format_rfc3339_local(utc("2026-10-25", 0, 30), buf),
              "2026-10-25T01:30:00+01:00");
    CHECK_STR(iss_format_rfc3339_local(utc("2026-10-25", 1, 30), buf),
              "2026-10-25T01:30:00+00:00");
    CHECK_EQ_INT(iss_parse_rfc3339("2026-10-25T01:30:00+01:00", &t), 0);
    CHECK_EQ_INT(t, utc("2026-10-25", 0, 30));
    CHECK_EQ_INT(iss_parse_rfc3339("2026-10-25T01:30:00+00:00", &t), 0);
    CHECK_EQ_INT(t, utc("2026-10-25", 1, 30));
    CHECK_EQ_INT(iss_parse_rfc3339("2026-10-25T01:30:00Z", &t), 0);
    CHECK_EQ_INT(t, utc("2026-10-25", 1, 30));
    CHECK_EQ_INT(iss_parse_rfc3339("2026-01-01T00:15:00-05:30", &t), 0);
    CHECK_EQ_INT(t, utc("2026-01-01", 5, 45));
    CHECK_EQ_INT(iss_parse_rfc3339("2026-07-01T12:00:05+01:00", &t), 0);
    CHECK_STR(iss_format_rfc3339_local(t, buf), "2026-07-01T12:00:05+01:00");
    t = 99;
    CHECK_EQ_INT(iss_parse_rfc3339("2026-10-25T01:30+01:00", &t), -1);
    CHECK_EQ_INT(iss_parse_rfc3339("2026-10-25T01:30:00", &t), -1);
    CHECK_EQ_INT(iss_parse_rfc3339("2026-10-25 01:30:00Z", &t), -1);
    CHECK_EQ_INT(iss_parse_rfc3339("2026-10-25T01:30:00.5Z", &t), -1);
    CHECK_EQ_INT(iss_parse_rfc3339("2026-10-25T01:30:60Z", &t), -1);
    CHECK_EQ_INT(iss_parse_rfc3339("2026-10-25T24:00:00Z", &t), -1);
    CHECK_EQ_INT(iss_parse_rfc3339("2026-02-30T01:30:00Z", &t), -1);
    CHECK_EQ_INT(iss_parse_rfc3339("2026-10-25T01:30:00+0100", &t), -1);
    CHECK_EQ_INT(iss_parse_rfc3339("2026-10-25T01:30:00+01:60", &t), -1);
    CHECK_EQ_INT(iss_parse_rfc3339("2026-10-25T01:30:00*01:00", &t), -1);
    CHECK_EQ_INT(iss_parse_rfc3339("2026-10-25T01:30:00Z ", &t), -1);
    CHECK_EQ_INT(iss_parse_rfc3339("2026-10-25T1:30:00Z", &t), -1);
    CHECK_EQ_INT(iss_parse_rfc3339("", &t), -1);
    CHECK_EQ_INT(iss_parse_rfc3339(NULL, &t), -1);
    CHECK_EQ_INT(t, 99);
}

int main(void)
{
    struct iss_holidays *h;

    test_round_trips();
    test_parse_rejects();
    test_weekdays();
    test_iso_weeks();
    test_months();
    test_scenario2_months();
    test_clock();
    test_rules();
    test_load();
    h = loaded_holidays();
    test_published_list(h);
    test_shipped_file_history(h);
    test_working_days(h);
    test_scenarios(h);
    iss_holidays_free(h);
    test_tz();
    return TEST_FINISH();
}
