/* Unit tests: bands (data, days, weeks), the workspace loader, case checks.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdlib.h>
#include <string.h>

#include "iss/band.h"
#include "iss/case.h"
#include "iss/workspace.h"
#include "test.h"

static iss_date D(const char *s)
{
    iss_date d = ISS_DATE_NONE;

    if (iss_date_parse(s, &d) != 0)
        fprintf(stderr, "bad test date %s\n", s);
    return d;
}

static struct iss_band **bands;
static size_t n_bands;

static const struct iss_band *band(const char *id)
{
    size_t i;

    for (i = 0; i < n_bands; i++)
        if (strcmp(bands[i]->id, id) == 0)
            return bands[i];
    return NULL;
}

/* Weekly minutes in force in month m of a band. */
static int month_minutes(const char *id, int m)
{
    const struct iss_phase *ph = iss_band_phase(band(id), m);

    return ph ? ph->weekly_minutes : -1;
}

static int month_contacts(const char *id, int m)
{
    const struct iss_phase *ph = iss_band_phase(band(id), m);

    return ph ? ph->contacts_per_day : -1;
}

static void test_shipped_bands(void)
{
    /* DOMAIN.md section 1, exactly. */
    CHECK_EQ_INT(n_bands, 5);
    CHECK_EQ_INT(band("extended")->iss_days, 180);
    CHECK_EQ_INT(month_minutes("extended", 1), 25 * 60);
    CHECK_EQ_INT(month_minutes("extended", 4), 25 * 60);
    CHECK_EQ_INT(month_minutes("extended", 5), 15 * 60);
    CHECK_EQ_INT(month_minutes("extended", 6), 15 * 60);
    CHECK_EQ_INT(month_minutes("extended", 7), 5 * 60);
    CHECK_EQ_INT(month_minutes("extended", 12), 5 * 60);
    CHECK_EQ_INT(month_minutes("extended", 13), -1);
    CHECK_EQ_INT(month_contacts("extended", 4), 2);
    CHECK_EQ_INT(band("high")->iss_days, 91);
    CHECK_EQ_INT(month_minutes("high", 3), 25 * 60);
    CHECK_EQ_INT(month_minutes("high", 4), 5 * 60);
    CHECK_EQ_INT(month_minutes("high", 6), 5 * 60);
    CHECK_EQ_INT(month_minutes("high", 7), -1);
    CHECK_EQ_INT(month_minutes("medium", 2), 20 * 60);
    CHECK_EQ_INT(month_minutes("medium", 3), 10 * 60);
    CHECK_EQ_INT(month_contacts("medium", 3), 2);
    CHECK_EQ_INT(month_minutes("medium", 4), 5 * 60);
    CHECK_EQ_INT(month_minutes("junior", 1), 750);
    CHECK_EQ_INT(month_minutes("junior", 5), 300);
    CHECK_EQ_INT(band("junior")->rules.education_counts_max_minutes, 450);
    CHECK_EQ_INT(band("junior")->age_max, 12);
    CHECK(iss_band_assumed(band("junior"), "phases[0].contacts_per_day"));
    CHECK(!iss_band_assumed(band("high"), "phases[0].contacts_per_day"));
    CHECK_EQ_INT(month_minutes("ete", 1), 7 * 60);
    CHECK_EQ_INT(month_minutes("ete", 4), 3 * 60);
    CHECK_EQ_INT(band("ete")->rules.education_counts_max_minutes, 0);
    CHECK_EQ_INT(band("high")->rules.education_counts_max_minutes,
                 ISS_EDUCATION_ALL);
    CHECK(band("high")->rules.curfew_counts_as_contact);
    CHECK(band("extended")->rules.curfew_counts_as_contact);
    CHECK(band("medium")->rules.curfew_counts_as_contact);
    CHECK(!band("junior")->rules.curfew_counts_as_contact);
    CHECK(!band("ete")->rules.curfew_counts_as_contact);
    CHECK_EQ_INT(iss_band_phase(band("high"), 5)->weekend_contacts, 1);
    CHECK_EQ_INT(iss_band_phase(band("high"), 2)->weekend_contacts, 0);
    CHECK(strstr(band("high")->source, "Bolton") != NULL);
}

static void test_band_days(void)
{
    const struct iss_band *ext = band("extended");
    const struct iss_band *high = band("high");
    struct iss_day_requirement r;
    struct iss_holidays *h = iss_holidays_new();
    struct iss_problems probs;
    struct iss_error err = {0, ""};
    iss_date start = D("2025-10-31"), end = D("2026-10-30");

    iss_problems_init(&probs);
    CHECK_EQ_INT(iss_holidays_load(h, ISS_TEST_SRCDIR
                                   "/data/bank-holidays-ew.json",
                                   "holidays", &probs, &err),
                 0);
    /* Scenario 2: the last ISS day keeps 2 contacts, the next has none,
     * and both are in month 6 at 15 h. */
    iss_band_day(ext, NULL, start, end, D("2026-04-28"), h, &r);
    CHECK(r.in_iss_days);
    CHECK_EQ_INT(r.month, 6);
    CHECK_EQ_INT(r.contacts, 2);
    CHECK_EQ_INT(r.weekly_minutes, 900);
    iss_band_day(ext, NULL, start, end, D("2026-04-29"), h, &r);
    CHECK(!r.in_iss_days);
    CHECK_EQ_INT(r.contacts, 0);
    CHECK_EQ_INT(r.weekly_minutes, 900);
    iss_band_day(ext, NULL, start, end, D("2026-04-30"), h, &r);
    CHECK_EQ_INT(r.month, 7);
    CHECK_EQ_INT(r.weekly_minutes, 300);
    iss_band_day(ext, NULL, start, end, D("2025-10-30"), h, &r);
    CHECK(!r.in_order);
    CHECK_EQ_INT(r.contacts, 0);
    CHECK_EQ_INT(r.weekly_minutes, 0);
    /* Scenario 1: contacts on bank holidays and weekends. */
    start = D("2025-04-02");
    end = D("2025-10-01");
    iss_band_day(high, NULL, start, end, D("2025-04-18"), h, &r);
    CHECK(r.bank_holiday);
    CHECK_EQ_INT(r.contacts, 2);
    iss_band_day(high, NULL, start, end, D("2025-05-26"), h, &r);
    CHECK(r.bank_holiday);
    CHECK_EQ_INT(r.contacts, 2);
    iss_band_day(high, NULL, start, end, D("2025-07-01"), h, &r);
    CHECK_EQ_INT(r.contacts, 2); /* day 91 */
    iss_band_day(high, NULL, start, end, D("2025-07-02"), h, &r);
    CHECK_EQ_INT(r.contacts, 0); /* day 92, month 4 */
    CHECK_EQ_INT(r.weekly_minutes, 300);
    /* A case may turn bank holiday contacts off. */
    {
        struct iss_contact_rules rules = high->rules;
        rules.contacts_on_bank_holidays = false;
        iss_band_day(high, &rules, start, end, D("2025-04-18"), h, &r);
        CHECK_EQ_INT(r.contacts, 0);
        iss_band_day(high, &rules, start, end, D("2025-04-19"), h, &r);
        CHECK_EQ_INT(r.contacts, 2);
        rules.contact_days = 0x1f; /* weekdays only */
        iss_band_day(high, &rules, start, end, D("2025-04-19"), h, &r);
        CHECK_EQ_INT(r.contacts, 0);
    }
    iss_holidays_free(h);
    iss_problems_clear(&probs);
}

static void test_week_minutes(void)
{
    const struct iss_band *ext = band("extended");
    const struct iss_band *high = band("high");
    iss_date start = D("2025-10-31"), end = D("2026-10-30");

    /* A whole week in month 1: 25 h. */
    CHECK_EQ_INT(iss_band_week_minutes(ext, start, end, D("2025-11-10")),
                 1500);
    /* Month 5 starts Sat 28 Feb 2026: 5 days at 25 h, 2 at 15 h. */
    CHECK_EQ_INT(iss_band_week_minutes(ext, start, end, D("2026-02-23")),
                 (5 * 1500 + 2 * 900 + 6) / 7);
    /* The first week: the order starts on a Friday, 3 days of 7. */
    CHECK_EQ_INT(iss_band_week_minutes(ext, start, end, D("2025-10-27")),
                 (3 * 1500 + 6) / 7);
    /* Month 7 (5 h) starts Thu 30 Apr 2026. */
    CHECK_EQ_INT(iss_band_week_minutes(ext, start, end, D("2026-04-27")),
                 (3 * 900 + 4 * 300 + 6) / 7);
    /* After the order: nothing. */
    CHECK_EQ_INT(iss_band_week_minutes(ext, start, end, D("2026-11-02")), 0);
    /* High from Wed 2 Apr 2025, month 4 from Wed 2 Jul. */
    CHECK_EQ_INT(iss_band_week_minutes(high, D("2025-04-02"),
                                       D("2025-10-01"), D("2025-06-30")),
                 (2 * 1500 + 5 * 300 + 6) / 7);
    CHECK_EQ_INT(iss_band_weekend_contacts(high, D("2025-04-02"),
                                           D("2025-10-01"), D("2025-07-07")),
                 1);
    CHECK_EQ_INT(iss_band_weekend_contacts(high, D("2025-04-02"),
                                           D("2025-10-01"), D("2025-06-02")),
                 0);
}

static void test_months(void)
{
    struct iss_order_month m[20];
    size_t n = iss_band_months(band("extended"), D("2025-10-31"), m, 20);

    CHECK_EQ_INT(n, 12);
    CHECK_EQ_INT(m[1].from, D("2025-11-30"));
    CHECK_EQ_INT(m[4].from, D("2026-02-28"));
    CHECK_EQ_INT(m[4].phase->weekly_minutes, 900);
    CHECK_EQ_INT(m[5].to, D("2026-04-29"));
    CHECK_EQ_INT(m[5].contacts_until, D("2026-04-28"));
    CHECK_EQ_INT(m[6].from, D("2026-04-30"));
    CHECK_EQ_INT(m[6].phase->weekly_minutes, 300);
    CHECK_EQ_INT(m[6].contacts_per_day, 0);
}

/* ---- case checks against the example workspace ---- */

static struct iss_workspace *ws;

/* Check a case text; returns the problems joined by newlines (static). */
static const char *case_problems(const char *text)
{
    static char out[8192];
    struct iss_problems probs;
    size_t i, at = 0;

    iss_problems_init(&probs);
    iss_check_case_text(ws, text, strlen(text), "cases/T.json", &probs);
    out[0] = '\0';
    for (i = 0; i < probs.count && at < sizeof out - 1; i++)
        at += (size_t)snprintf(out + at, sizeof out - at, "%s\n",
                               probs.items[i]);
    iss_problems_clear(&probs);
    return out;
}

#define CASE_HEAD                                                          \
    "{\"id\": \"T\", \"date_of_birth\": \"2009-05-01\", "

static void test_case_checks(void)
{
    const char *p;

    /* A plain valid case. */
    p = case_problems(CASE_HEAD "\"band\": \"high\", \"order\": {\"start\":"
                      " \"2026-01-05\", \"end\": \"2026-07-04\"}}");
    CHECK_STR(p, "");
    /* Scenario 2's curfew of 20 h every day: 140 h > 112 h. */
    p = case_problems(
        "{\"id\": \"T\", \"date_of_birth\": \"2008-06-01\", \"band\": "
        "\"extended\", \"order\": {\"start\": \"2025-10-31\", \"end\": "
        "\"2026-10-30\", \"conviction\": \"2025-10-31\"}, \"curfew\": "
        "[{\"time\": \"14:00-10:00\", \"to\": \"2026-04-30\"}]}");
    CHECK(strstr(p, "cases/T.json: curfew[0]") != NULL);
    CHECK(strstr(p, "140 h of curfew in the 7 days") != NULL);
    CHECK(strstr(p, "112 h limit by 28 h") != NULL);
    CHECK(strstr(p, "a day limit") == NULL);
    /* 21 h a day: over 20 h. */
    p = case_problems(
        CASE_HEAD "\"band\": \"high\", \"order\": {\"start\": "
        "\"2026-01-05\", \"end\": \"2026-07-04\"}, \"curfew\": [{\"time\": "
        "\"13:00-10:00\"}]}");
    CHECK(strstr(p, "21 h of curfew on") != NULL);
    CHECK(strstr(p, "20 h a day limit by 1 h") != NULL);
    /* Before 28 Jun 2022: 16 h; the autumn clock change night of a 16 h
     * curfew is 17 h. */
    p = case_problems(
        "{\"id\": \"T\", \"date_of_birth\": \"2006-05-01\", \"band\": "
        "\"high\", \"order\": {\"start\": \"2022-09-01\", \"end\": "
        "\"2023-02-28\", \"conviction\": \"2022-06-01\"}, \"curfew\": "
        "[{\"time\": \"20:00-12:00\"}]}");
    CHECK(strstr(p, "17 h of curfew on Sun 30 Oct 2022 (a clock change "
                    "day) is over the 16 h a day limit by 1 h") != NULL);
    CHECK(strstr(p, "112 h") == NULL);
    /* The night before the order starts holds no curfew: 23 May 2022 has
     * 20:00-24:00 of the daily curfew and 13:00-15:00, 6 h, not 18 h. */
    p = case_problems(
        "{\"id\": \"T\", \"date_of_birth\": \"2006-05-01\", \"band\": "
        "\"high\", \"order\": {\"start\": \"2022-05-23\", \"end\": "
        "\"2022-11-22\", \"conviction\": \"2022-05-01\"}, \"curfew\": "
        "[{\"time\": \"20:00-12:00\", \"to\": \"2022-10-01\"}, "
        "{\"days\": [\"mon\"], \"time\": \"13:00-15:00\", \"to\": "
        "\"2022-05-23\"}]}");
    CHECK(strstr(p, "23 May 2022") == NULL);
    CHECK(strstr(p, "a day limit") == NULL);
    /* Under 2 h. */
    p = case_problems(
        CASE_HEAD "\"band\": \"high\", \"order\": {\"start\": "
        "\"2026-01-05\", \"end\": \"2026-07-04\"}, \"curfew\": [{\"time\": "
        "\"19:00-20:30\"}]}");
    CHECK(strstr(p, "curfew[0].time: \"19:00-20:30\": is 1 h 30 min") !=
          NULL);
    /* Over 12 months without "to". */
    p = case_problems(
        CASE_HEAD "\"band\": \"high\", \"order\": {\"start\": "
        "\"2026-01-05\", \"end\": \"2027-07-04\"}, \"curfew\": [{\"time\": "
        "\"19:00-07:00\"}]}");
    CHECK(strstr(p, "beyond 12 months") != NULL);
    CHECK(strstr(p, "give \\\"to\\\"") != NULL || strstr(p, "give \"to\"")
          != NULL);
    /* Orders: ends before the ISS days do; over 3 years; before
     * conviction. */
    p = case_problems(CASE_HEAD "\"band\": \"high\", \"order\": {\"start\":"
                      " \"2026-01-05\", \"end\": \"2026-04-04\"}}");
    CHECK(strstr(p, "order.end") != NULL);
    CHECK(strstr(p, "before its 91 ISS days do (the last ISS day is "
                    "2026-04-05, 1 day later)") != NULL);
    p = case_problems(CASE_HEAD "\"band\": \"high\", \"order\": {\"start\":"
                      " \"2026-01-05\", \"end\": \"2029-01-05\"}}");
    CHECK(strstr(p, "over 3 years") != NULL);
    p = case_problems(CASE_HEAD "\"band\": \"high\", \"order\": {\"start\":"
                      " \"2026-01-05\", \"end\": \"2029-01-04\"}}");
    CHECK_STR(p, "");
    p = case_problems(CASE_HEAD "\"band\": \"high\", \"order\": {\"start\":"
                      " \"2026-01-05\", \"end\": \"2026-07-04\", "
                      "\"conviction\": \"2026-01-06\"}}");
    CHECK(strstr(p, "order.start") != NULL);
    /* Ages: 10-17; junior under 13. */
    p = case_problems("{\"id\": \"T\", \"date_of_birth\": \"2008-01-05\", "
                      "\"band\": \"high\", \"order\": {\"start\": "
                      "\"2026-01-05\", \"end\": \"2026-07-04\"}}");
    CHECK(strstr(p, "date_of_birth") != NULL && strstr(p, "aged 18") !=
          NULL);
    p = case_problems("{\"id\": \"T\", \"date_of_birth\": \"2008-01-06\", "
                      "\"band\": \"high\", \"order\": {\"start\": "
                      "\"2026-01-05\", \"end\": \"2026-07-04\"}}");
    CHECK_STR(p, "");
    p = case_problems("{\"id\": \"T\", \"date_of_birth\": \"2013-01-05\", "
                      "\"band\": \"junior\", \"order\": {\"start\": "
                      "\"2026-01-05\", \"end\": \"2026-07-04\"}}");
    CHECK(strstr(p, "aged 13") != NULL);
    p = case_problems("{\"id\": \"T\", \"date_of_birth\": \"2013-01-06\", "
                      "\"band\": \"junior\", \"order\": {\"start\": "
                      "\"2026-01-05\", \"end\": \"2026-07-04\"}}");
    CHECK_STR(p, "");
    /* Every problem is reported, not only the first. */
    p = case_problems("{\"id\": \"T\", \"date_of_birth\": \"2026-02-30\", "
                      "\"band\": \"nosuch\", \"order\": {\"start\": "
                      "\"2026-13-01\", \"end\": \"2026-07-04\"}, "
                      "\"colour\": 1}");
    CHECK(strstr(p, "date_of_birth: \"2026-02-30\": no such date") != NULL);
    CHECK(strstr(p, "band: \"nosuch\": no such band") != NULL);
    CHECK(strstr(p, "order.start: \"2026-13-01\"") != NULL);
    CHECK(strstr(p, "colour: unknown field") != NULL);
}

static void test_pins_and_busy(void)
{
    const char *p;
    const struct iss_case *c;
    struct iss_busy b[32];
    size_t n, i;
    int curfew = 0, travel = 0, school = 0, after = 0;

    /* A pin inside school time, and one on a staff member's leave. */
    p = case_problems(
        CASE_HEAD "\"band\": \"high\", \"order\": {\"start\": "
        "\"2026-11-02\", \"end\": \"2027-05-01\"}, \"education\": "
        "[{\"what\": \"school\", \"days\": [\"mon\", \"tue\", \"wed\", "
        "\"thu\", \"fri\"], \"time\": \"08:45-15:15\"}], \"curfew\": "
        "[{\"time\": \"19:00-07:00\", \"to\": \"2027-04-30\"}], \"pinned\": "
        "[{\"date\": \"2026-11-24\", \"time\": \"15:00-16:00\", \"type\": "
        "\"tracking\", \"staff\": [\"S1\"]}, {\"date\": \"2026-11-24\", "
        "\"time\": \"18:30-19:30\", \"type\": \"tracking\", \"staff\": "
        "[\"S1\"]}]}");
    CHECK(strstr(p, "pinned[0]: Tue 24 Nov 2026 15:00-16:00 clashes with "
                    "education[0] (school 08:45-15:15)") != NULL);
    CHECK(strstr(p, "pinned[1]") != NULL);
    /* busy stretches of the examples' first case on a weekday */
    CHECK(ws->n_cases > 0);
    c = &ws->cases[0];
    n = iss_case_busy(c, c->order_start + 7, 20, 25, b, 32);
    CHECK(n <= 32);
    for (i = 0; i < n; i++) {
        CHECK(b[i].start >= 0 && b[i].end <= 1440 && b[i].start < b[i].end);
        curfew += b[i].kind == ISS_BUSY_CURFEW;
        travel += b[i].kind == ISS_BUSY_TRAVEL;
        school += b[i].kind == ISS_BUSY_EDUCATION;
        if (b[i].kind == ISS_BUSY_EDU_TRAVEL) {
            /* travel_minutes_after_education: right after the period */
            int k;
            bool ends_here = false;
            for (k = 0; k < (int)n; k++)
                if (b[k].kind == ISS_BUSY_EDUCATION && b[k].end == b[i].start)
                    ends_here = true;
            CHECK(ends_here);
            CHECK(b[i].end - b[i].start == 25 || b[i].end == 1440);
            after++;
        }
    }
    if (c->n_curfew > 0) {
        CHECK(curfew >= 1);
        CHECK(travel >= 1);
    }
    CHECK_EQ_INT(after, school);
    n = iss_case_busy(c, c->order_start - 1, 20, 20, b, 32);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_INT(b[0].kind, ISS_BUSY_OUTSIDE_ORDER);
    (void)school;
}

int main(void)
{
    struct iss_problems probs;
    struct iss_error err = {0, ""};
    int rc;

    iss_tz_init(&err);
    iss_problems_init(&probs);
    rc = iss_bands_load(NULL, &bands, &n_bands, &probs, &err);
    CHECK_EQ_INT(rc, 0);
    CHECK_EQ_INT(probs.count, 0);
    rc = iss_workspace_load(ISS_TEST_SRCDIR "/examples", &ws, &probs, &err);
    CHECK_EQ_INT(rc, 0);
    if (probs.count)
        fprintf(stderr, "%s\n", probs.items[0]);
    iss_problems_clear(&probs);
    if (bands == NULL || ws == NULL)
        return TEST_FINISH();
    test_shipped_bands();
    test_band_days();
    test_week_minutes();
    test_months();
    test_case_checks();
    test_pins_and_busy();
    iss_workspace_free(ws);
    iss_bands_free(bands, n_bands);
    return TEST_FINISH();
}
