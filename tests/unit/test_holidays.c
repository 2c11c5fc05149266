/* iss - unit tests of the bank holidays (holidays.c): the rules of a year,
 * the shipped data file read through the one JSON reader, moves and
 * one-off days, all-or-nothing loading, and working days.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "iss/calendar.h"
#include "test.h"

#define DATA_FILE ISS_TEST_SRCDIR "/data/bank-holidays-ew.json"

static iss_date D(const char *s)
{
    iss_date d = ISS_DATE_NONE;

    if (iss_date_parse(s, &d) != 0)
        fprintf(stderr, "bad date in a test: %s\n", s);
    return d;
}

/* The holidays of a year as "MM-DD MM-DD ...". */
static const char *year_text(const struct iss_holidays *h, int year,
                             char *buf, size_t size)
{
    iss_date days[16];
    size_t n = iss_holidays_in_year(h, year, days, 16), i;
    char d[ISS_DATE_BUFSZ];

    buf[0] = '\0';
    for (i = 0; i < n && i < 16; i++)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%s",
                 i ? " " : "", iss_date_format(days[i], d) + 5);
    return buf;
}

static void test_rules(void)
{
    struct iss_holidays *h = iss_holidays_new();
    char buf[256];
    const char *name = NULL;

    CHECK(h != NULL);
    /* 2026: Boxing Day is a Saturday, so Monday 28 Dec is its substitute;
     * Easter Sunday is 5 April. */
    CHECK_STR(year_text(h, 2026, buf, sizeof buf),
              "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28");
    /* 2021: Christmas on a Saturday, Boxing Day on a Sunday: Monday and
     * Tuesday are the substitutes. */
    CHECK_STR(year_text(h, 2021, buf, sizeof buf),
              "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28");
    /* 2022 by rule alone: New Year on a Saturday gives Monday 3 Jan. */
    CHECK(iss_is_bank_holiday(h, D("2022-01-03"), &name));
    CHECK(name != NULL && strstr(name, "New Year") != NULL);
    CHECK(!iss_is_bank_holiday(h, D("2022-01-01"), NULL));
    CHECK_EQ_INT(iss_easter_sunday(2024), D("2024-03-31"));
    CHECK_EQ_INT(iss_easter_sunday(2038), D("2038-04-25"));
    iss_holidays_free(h);
}

static void test_data_file(void)
{
    struct iss_holidays *h = iss_holidays_new();
    struct iss_problems probs;
    struct iss_error err = {0, ""};
    char buf[256];

    iss_problems_init(&probs);
    CHECK_EQ_INT(iss_holidays_load(h, DATA_FILE, "bank-holidays-ew.json",
                                   &probs, &err), 0);
    CHECK_EQ_INT(probs.count, 0);
    /* 2022: the spring holiday moved to 2 June, the Platinum Jubilee and
     * the Queen's funeral added. */
    CHECK_STR(year_text(h, 2022, buf, sizeof buf),
              "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27");
    CHECK(iss_is_bank_holiday(h, D("2023-05-08"), NULL));
    CHECK(!iss_is_bank_holiday(h, D("2020-05-04"), NULL));
    CHECK(iss_is_bank_holiday(h, D("2020-05-08"), NULL));
    iss_problems_clear(&probs);
    iss_holidays_free(h);
}

/* A data file with one good and one bad entry changes nothing. */
static void test_all_or_nothing(void)
{
    struct iss_holidays *h = iss_holidays_new();
    struct iss_problems probs;
    struct iss_error err = {0, ""};
    char path[] = "/tmp/iss-test-holidays.XXXXXX";
    const char *text = "{\"added\": [{\"date\": \"2026-06-01\", "
                       "\"name\": \"One-off\"}, {\"date\": \"2026-06-02\"}]}";
    int fd = mkstemp(path);

    CHECK(fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text));
    if (fd >= 0)
        close(fd);
    iss_problems_init(&probs);
    CHECK_EQ_INT(iss_holidays_load(h, path, "h.json", &probs, &err),
                 ISS_EINPUT);
    CHECK_EQ_INT(probs.count, 1);
    if (probs.count == 1)
        CHECK_STR(probs.items[0], "h.json: added[1].name: missing: the "
                                  "holiday's name, a non-empty string");
    CHECK(!iss_is_bank_holiday(h, D("2026-06-01"), NULL));
    iss_problems_clear(&probs);
    unlink(path);
    iss_holidays_free(h);
}

static void test_changes_and_working_days(void)
{
    struct iss_holidays *h = iss_holidays_new();
    const char *name = NULL;

    /* A move takes the name given; the old day is a working day again. */
    CHECK_EQ_INT(iss_holidays_move(h, D("2026-05-25"), D("2026-05-27"),
                                   "Spring (moved)"), 0);
    CHECK(!iss_is_bank_holiday(h, D("2026-05-25"), NULL));
    CHECK(iss_is_bank_holiday(h, D("2026-05-27"), &name));
    CHECK(name != NULL && strcmp(name, "Spring (moved)") == 0);
    CHECK(iss_is_working_day(h, false, D("2026-05-25")));
    CHECK_EQ_INT(iss_holidays_add(h, D("2026-07-01"), "Local day"), 0);
    CHECK(!iss_is_working_day(h, false, D("2026-07-01")));
    CHECK_EQ_INT(iss_holidays_add(h, D("1980-07-01"), "Too early"), -1);
    /* Weekends are not working days; Christmas Eve only when the team
     * says it is not. */
    CHECK(!iss_is_working_day(h, false, D("2026-11-28")));
    CHECK(iss_is_working_day(h, true, D("2026-12-24")));
    CHECK(!iss_is_working_day(h, false, D("2026-12-24")));
    /* Five working days from Wed 23 Dec 2026: Christmas, the weekend,
     * Boxing Day's substitute and New Year are skipped. */
    CHECK_EQ_INT(iss_working_days_after(h, true, D("2026-12-23"), 5),
                 D("2027-01-04"));
    CHECK_EQ_INT(iss_working_days_after(h, false, D("2026-12-23"), 5),
                 D("2027-01-05"));
    iss_holidays_free(h);
}

int main(void)
{
    test_rules();
    test_data_file();
    test_all_or_nothing();
    test_changes_and_working_days();
    return TEST_FINISH();
}
