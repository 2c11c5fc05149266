/* Unit tests: rotas. The cycle arithmetic (anchors before and after the
 * week, cycles of 1-4 weeks, clock changes inside the cycle), dated entries
 * from team.json and rota.csv, what wins over what, clashes and bad values,
 * and an explanation that names the rota.
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "iss/solve.h"
#include "iss/team.h"
#include "iss/workspace.h"
#include "test.h"

static iss_date D(const char *s)
{
    iss_date d = ISS_DATE_NONE;

    if (iss_date_parse(s, &d) != 0)
        fprintf(stderr, "bad test date %s\n", s);
    return d;
}

/* ---- the cycle ---- */

static void test_cycle_arithmetic(void)
{
    iss_date start = D("2026-09-07"); /* a Monday */
    int n;

    /* One week: always week 1, either side of the anchor. */
    CHECK_EQ_INT(iss_rota_week(start, 1, D("2026-09-07")), 1);
    CHECK_EQ_INT(iss_rota_week(start, 1, D("2025-01-01")), 1);
    CHECK_EQ_INT(iss_rota_week(start, 1, D("2027-06-30")), 1);
    /* The anchor's week is week 1 from Monday to Sunday. */
    for (n = 1; n <= 4; n++) {
        int k;
        for (k = 0; k < 7; k++)
            CHECK_EQ_INT(iss_rota_week(start, n, start + k), 1);
        CHECK_EQ_INT(iss_rota_week(start, n, start + 7), n >= 2 ? 2 : 1);
        /* Anchor after the week: the week before it is the last week. */
        CHECK_EQ_INT(iss_rota_week(start, n, start - 1), n);
        CHECK_EQ_INT(iss_rota_week(start, n, start - 7), n);
        CHECK_EQ_INT(iss_rota_week(start, n, start - 8), n >= 2 ? n - 1 : 1);
        /* A whole number of cycles either way is week 1 again. */
        CHECK_EQ_INT(iss_rota_week(start, n, start + 7 * n * 5 + 3), 1);
        CHECK_EQ_INT(iss_rota_week(start, n, start - 7 * n * 5 + 6), 1);
    }
    /* 3 weeks, Mon 23 Nov 2026 is 11 weeks after 7 Sep: 11 mod 3 = 2. */
    CHECK_EQ_INT(iss_rota_week(start, 3, D("2026-11-23")), 3);
    CHECK_EQ_INT(iss_rota_week(start, 3, D("2026-11-29")), 3);
    CHECK_EQ_INT(iss_rota_week(start, 3, D("2026-11-30")), 1);
    CHECK_EQ_INT(iss_rota_week(start, 4, D("2026-11-23")), 4);
    CHECK_EQ_INT(iss_rota_week(start, 2, D("2026-11-23")), 2);
    /* Anchor far after: 7 Sep 2026 is 10 weeks before 16 Nov 2026. */
    CHECK_EQ_INT(iss_rota_week(D("2026-11-16"), 4, start), 3);
    CHECK_EQ_INT(iss_rota_week(D("2026-11-16"), 3, start), 3);
    /* Clock changes (25 Oct 2026, 28 Mar 2027) move no day to another
     * week: a 2-week cycle from Mon 19 Oct 2026. */
    start = D("2026-10-19");
    CHECK_EQ_INT(iss_rota_week(start, 2, D("2026-10-25")), 1);
    CHECK_EQ_INT(iss_rota_week(start, 2, D("2026-10-26")), 2);
    /* 28 Mar 2027 is the Sunday of the 23rd week after 19 Oct. */
    CHECK_EQ_INT(iss_rota_week(start, 2, D("2027-03-28")), 1);
    CHECK_EQ_INT(iss_rota_week(start, 2, D("2027-03-29")), 2);
}

/* ---- workspaces ---- */

/* A workspace of the given staff list (JSON text), an optional rota.csv
 * and an optional case. Returns the load's status; problems joined by
 * newlines into probs_out. */
static int load(const char *staff, const char *csv, const char *kase,
                struct iss_workspace **ws, char *probs_out, size_t size)
{
    struct iss_problems probs;
    struct iss_error err = {0, ""};
    char text[8192];
    size_t i, at = 0;
    int rc;

    *ws = NULL;
    test_remove_dir();
    if (test_mkdir("rota") == NULL)
        return -1;
    snprintf(text, sizeof text,
             "{\"service\": \"Test\",\n"
             " \"session_types\": [\n"
             "  {\"id\": \"tracking\", \"name\": \"Tracking\", \"element\":"
             "   \"surveillance\", \"minutes\": [15, 30], \"roles\":"
             "   [\"tracker\"], \"child_title\": \"Check-in\"}],\n"
             " \"staff\": [%s]}\n", staff);
    test_write_file("team.json", text);
    if (csv != NULL)
        test_write_file("rota.csv", csv);
    if (kase != NULL)
        test_write_file("cases/K1.json", kase);
    iss_problems_init(&probs);
    rc = iss_workspace_load(test_dir, ws, &probs, &err);
    probs_out[0] = '\0';
    for (i = 0; i < probs.count && at < size; i++)
        at += (size_t)snprintf(probs_out + at, size - at, "%s\n",
                               probs.items[i]);
    if (err.code != 0 && at < size)
        snprintf(probs_out + at, size - at, "%s\n", err.msg);
    iss_problems_clear(&probs);
    return rc;
}

/* "HH:MM-HH:MM ..." of a staff member's day, or the kind when off. */
static const char *day_text(const struct iss_workspace *ws, int s,
                            const char *date, char *buf, size_t size)
{
    static const char *const kinds[] = {"on", "leave", "bank holiday",
                                        "off weekly", "off rota"};
    struct iss_staff_day sd;
    size_t k, at = 0;

    iss_staff_day(&ws->team.staff[s], ws->holidays, D(date), &sd);
    buf[0] = '\0';
    if (sd.kind != ISS_DAY_ON) {
        snprintf(buf, size, "%s", kinds[sd.kind]);
        return buf;
    }
    for (k = 0; k < sd.n_spans && at < size; k++) {
        char a[6], b[6];
        at += (size_t)snprintf(buf + at, size - at, "%s%s-%s", k ? " " : "",
                               iss_clock_format(sd.spans[k].start, a),
                               iss_clock_format(sd.spans[k].end, b));
    }
    return buf;
}

#define CHECK_DAY(ws, s, date, want)                                      \
    do {                                                                  \
        char day_buf_[200];                                               \
        CHECK_STR(day_text(ws, s, date, day_buf_, sizeof day_buf_), want); \
    } while (0)

static void test_cycle_days(void)
{
    struct iss_workspace *ws;
    char probs[4000];

    /* A 3-week cycle from Mon 19 Oct 2026 (the clocks go back on Sun 25
     * Oct, inside week 1): earlies, lates with a night into Monday, a
     * weekend. */
    CHECK_EQ_INT(load(
        "{\"id\": \"S1\", \"name\": \"Ann\", \"roles\": [\"tracker\"],"
        " \"rota\": {\"start\": \"2026-10-19\", \"weeks\": ["
        "  {\"mon\": [\"07:00-15:00\"], \"sun\": [\"09:00-17:00\"]},"
        "  {\"tue\": [\"13:00-21:00\"], \"sun\": [\"22:00-06:00\"]},"
        "  {\"sat\": [\"10:00-18:00\"], \"sun\": [\"10:00-18:00\"]}]}},"
        "{\"id\": \"S2\", \"name\": \"Bo\", \"roles\": [\"tracker\"],"
        " \"availability\": {\"mon\": [\"09:00-17:00\"]}}",
        NULL, NULL, &ws, probs, sizeof probs), 0);
    fputs(probs, stderr);
    if (ws == NULL)
        return;
    CHECK(iss_staff_on_rota(&ws->team.staff[0]));
    CHECK(!iss_staff_on_rota(&ws->team.staff[1]));
    CHECK_EQ_INT(ws->team.staff[0].rota_weeks, 3);
    CHECK_DAY(ws, 0, "2026-10-19", "07:00-15:00");   /* week 1 */
    CHECK_DAY(ws, 0, "2026-10-20", "off rota");
    /* The clock-change Sunday: week 1's hours, on the clock. */
    CHECK_DAY(ws, 0, "2026-10-25", "09:00-17:00");
    CHECK_DAY(ws, 0, "2026-10-26", "off rota");      /* week 2's Monday */
    CHECK_DAY(ws, 0, "2026-10-27", "13:00-21:00");
    /* Week 2's Sunday night runs into week 3's Monday. */
    CHECK_DAY(ws, 0, "2026-11-01", "22:00-24:00");
    CHECK_DAY(ws, 0, "2026-11-02", "00:00-06:00");
    CHECK_DAY(ws, 0, "2026-11-07", "10:00-18:00");
    CHECK_DAY(ws, 0, "2026-11-09", "07:00-15:00");   /* week 1 again */
    /* Before the anchor: the week of 12 Oct is week 3 (its Monday gets
     * the night of week 2's Sunday, 11 Oct); 5 Oct is week 2. */
    CHECK_DAY(ws, 0, "2026-10-17", "10:00-18:00");
    CHECK_DAY(ws, 0, "2026-10-12", "00:00-06:00");
    CHECK_DAY(ws, 0, "2026-10-11", "22:00-24:00");
    CHECK_DAY(ws, 0, "2026-10-06", "13:00-21:00");
    /* The spring change (Sun 28 Mar 2027, the 23rd week on: week 2): the
     * night shift of week 2's Sunday, on the clock, into week 3. */
    CHECK_DAY(ws, 0, "2027-03-28", "22:00-24:00");
    CHECK_DAY(ws, 0, "2027-03-29", "00:00-06:00");
    CHECK_DAY(ws, 0, "2027-03-30", "off rota");
    /* Without a rota: the weekly availability, its own kind of off. */
    CHECK_DAY(ws, 1, "2026-10-19", "09:00-17:00");
    CHECK_DAY(ws, 1, "2026-10-20", "off weekly");
    iss_workspace_free(ws);
}

static void test_dated(void)
{
    struct iss_workspace *ws;
    char probs[4000];

    /* S1: weekly Mon-Fri 09:00-17:00, bank_holidays false; dated entries
     * in team.json and rota.csv. Fri 25 Dec 2026 is a bank holiday. */
    CHECK_EQ_INT(load(
        "{\"id\": \"S1\", \"name\": \"Ann\", \"roles\": [\"tracker\"],"
        " \"bank_holidays\": false,"
        " \"availability\": {\"mon\": [\"09:00-17:00\"], \"tue\": "
        "  [\"09:00-17:00\"], \"wed\": [\"09:00-17:00\"], \"thu\": "
        "  [\"09:00-17:00\"], \"fri\": [\"09:00-17:00\"]},"
        " \"leave\": [{\"from\": \"2026-12-14\", \"to\": \"2026-12-14\"}],"
        " \"rota\": {\"dates\": ["
        "  {\"date\": \"2026-12-05\", \"time\": [\"10:00-14:00\","
        "   \"13:00-18:00\"]},"
        "  {\"date\": \"2026-12-08\", \"off\": true},"
        "  {\"date\": \"2026-12-25\", \"time\": [\"10:00-12:00\"]},"
        "  {\"date\": \"2026-12-14\", \"time\": [\"10:00-12:00\"]},"
        "  {\"date\": \"2026-12-10\", \"time\": [\"20:00-02:00\"]}]}}",
        "staff,date,time,note\r\n"
        "S1,2026-12-06,off,\r\n"
        "S1,2026-12-11,\"08:00-10:00; 15:00-17:00\",\"a swap, with Bo\"\r\n"
        "S1,2026-12-12,22:00-06:00,\r\n"
        "S1,2026-12-13,OFF,\r\n",
        NULL, &ws, probs, sizeof probs), 0);
    fputs(probs, stderr);
    if (ws == NULL)
        return;
    CHECK_EQ_INT(ws->team.staff[0].n_dated, 9);
    CHECK(ws->has_rota_csv);
    CHECK_EQ_INT(ws->n_rota_rows, 4);
    /* A Saturday worked: the entry replaces the (empty) day; merged. */
    CHECK_DAY(ws, 0, "2026-12-05", "10:00-18:00");
    CHECK_DAY(ws, 0, "2026-12-07", "09:00-17:00");
    CHECK_DAY(ws, 0, "2026-12-08", "off rota");
    CHECK_DAY(ws, 0, "2026-12-09", "09:00-17:00");
    /* A night replacing Thursday's hours runs into Friday morning, whose
     * own hours come from rota.csv. */
    CHECK_DAY(ws, 0, "2026-12-10", "20:00-24:00");
    CHECK_DAY(ws, 0, "2026-12-11", "00:00-02:00 08:00-10:00 15:00-17:00");
    /* Saturday night into a Sunday off: the night belongs to Saturday. */
    CHECK_DAY(ws, 0, "2026-12-12", "22:00-24:00");
    CHECK_DAY(ws, 0, "2026-12-13", "00:00-06:00");
    /* Leave wins over a dated entry; a dated entry works a bank holiday
     * that "bank_holidays": false would have kept off. */
    CHECK_DAY(ws, 0, "2026-12-14", "leave");
    CHECK_DAY(ws, 0, "2026-12-25", "10:00-12:00");
    CHECK_DAY(ws, 0, "2026-12-28", "bank holiday"); /* Boxing Day moved */
    CHECK(iss_staff_dated(&ws->team.staff[0], D("2026-12-11")) != NULL);
    CHECK_STR(iss_staff_dated(&ws->team.staff[0], D("2026-12-11"))->source,
              "rota.csv row 3");
    CHECK(iss_staff_dated(&ws->team.staff[0], D("2026-12-09")) == NULL);
    iss_workspace_free(ws);
}

#define CHECK_HAS(text, part)                                             \
    TEST_RESULT_(strstr(text, part) != NULL, "no \"%s\" in:\n%s", part,   \
                 text)

static void test_clashes_and_bad_values(void)
{
    struct iss_workspace *ws;
    char probs[6000];
    const char *s1 =
        "{\"id\": \"S1\", \"name\": \"Ann\", \"roles\": [\"tracker\"],"
        " \"availability\": {},"
        " \"rota\": {\"dates\": [{\"date\": \"2026-12-08\", \"off\": true},"
        "  {\"date\": \"2026-12-09\", \"time\": [\"09:00-12:00\"]},"
        "  {\"date\": \"2026-12-08\", \"time\": [\"09:00-12:00\"]}]}}";

    /* Two entries in team.json for one day: both named. */
    CHECK_EQ_INT(load(s1, NULL, NULL, &ws, probs, sizeof probs), ISS_EINPUT);
    CHECK(ws == NULL);
    CHECK_HAS(probs, "team.json: staff[0].rota.dates[2]: \"2026-12-08\": "
                     "team.json staff[0].rota.dates[0] is for the same day");
    /* rota.csv against team.json, and two rows for one day: both named. */
    CHECK_EQ_INT(load(
        "{\"id\": \"S1\", \"name\": \"Ann\", \"roles\": [\"tracker\"],"
        " \"availability\": {},"
        " \"rota\": {\"dates\": [{\"date\": \"2026-12-08\", \"off\": true}]}},"
        "{\"id\": \"S2\", \"name\": \"Bo\", \"roles\": [\"tracker\"],"
        " \"availability\": {}}",
        "staff,date,time\n"
        "S2,2026-12-08,09:00-12:00\n"
        "S1,2026-12-08,09:00-12:00\n"
        "S2,2026-12-08,off\n",
        NULL, &ws, probs, sizeof probs), ISS_EINPUT);
    CHECK_HAS(probs, "rota.csv: row 3: S1 2026-12-08: team.json "
                     "staff[0].rota.dates[0] is for the same person and day");
    CHECK_HAS(probs, "rota.csv: row 4: S2 2026-12-08: also on row 2");
    /* Bad rows: each named with its row, column and value. */
    CHECK_EQ_INT(load(
        "{\"id\": \"S1\", \"name\": \"Ann\", \"roles\": [\"tracker\"],"
        " \"availability\": {}}",
        "date,staff,time\n"
        "2026-12-08,S9,off\n"
        "2026-02-30,S1,off\n"
        "2026-12-09,S1,9:00-12:00\n"
        "2026-12-10,S1,\n"
        "2026-12-11,S1,10:00-10:00\n",
        NULL, &ws, probs, sizeof probs), ISS_EINPUT);
    CHECK_HAS(probs, "rota.csv: row 2: staff: \"S9\": no staff member");
    CHECK_HAS(probs, "rota.csv: row 3: date: \"2026-02-30\": a real date");
    CHECK_HAS(probs, "rota.csv: row 4: time: \"9:00-12:00\":");
    CHECK_HAS(probs, "rota.csv: row 5: time: empty");
    CHECK_HAS(probs, "rota.csv: row 6: time: \"10:00-10:00\":");
    /* A header without a column, broken quoting. */
    CHECK_EQ_INT(load("{\"id\": \"S1\", \"name\": \"A\", \"roles\": "
                      "[\"tracker\"], \"availability\": {}}",
                      "staff,when,time\nS1,2026-12-08,off\n", NULL, &ws,
                      probs, sizeof probs), ISS_EINPUT);
    CHECK_HAS(probs, "rota.csv: row 1: column \"when\": unknown");
    CHECK_HAS(probs, "rota.csv: row 1: the header has no \"date\" column");
    CHECK_EQ_INT(load("{\"id\": \"S1\", \"name\": \"A\", \"roles\": "
                      "[\"tracker\"], \"availability\": {}}",
                      "staff,date,time\nS1,2026-12-08,\"off\n", NULL, &ws,
                      probs, sizeof probs), ISS_EINPUT);
    CHECK_HAS(probs, "rota.csv: row 2: not valid CSV");
    /* The cycle: a start that is no Monday, weeks without start, both
     * availability and weeks, too many weeks, off and time together. */
    CHECK_EQ_INT(load(
        "{\"id\": \"S1\", \"name\": \"Ann\", \"roles\": [\"tracker\"],"
        " \"rota\": {\"start\": \"2026-09-08\", \"weeks\": [{}]}},"
        "{\"id\": \"S2\", \"name\": \"Bo\", \"roles\": [\"tracker\"],"
        " \"rota\": {\"weeks\": [{}]}},"
        "{\"id\": \"S3\", \"name\": \"Cy\", \"roles\": [\"tracker\"],"
        " \"availability\": {\"mon\": [\"09:00-17:00\"]},"
        " \"rota\": {\"start\": \"2026-09-07\", \"weeks\": [{}, {}]}},"
        "{\"id\": \"S4\", \"name\": \"Di\", \"roles\": [\"tracker\"],"
        " \"rota\": {\"start\": \"2026-09-07\", \"weeks\": [{},{},{},{},{},"
        "  {},{},{},{},{},{},{},{}]}},"
        "{\"id\": \"S5\", \"name\": \"Ed\", \"roles\": [\"tracker\"],"
        " \"availability\": {}, \"rota\": {\"dates\": [{\"date\":"
        "  \"2026-12-08\", \"off\": true, \"time\": [\"09:00-12:00\"]},"
        "  {\"date\": \"2026-12-09\"}, {\"date\": \"2026-12-10\", \"off\":"
        "  false}, {\"date\": \"2026-12-11\", \"time\": [\"9-12\"]},"
        "  {\"date\": \"2026-12-12\", \"time\": [], \"note\": 1}]}}",
        NULL, NULL, &ws, probs, sizeof probs), ISS_EINPUT);
    CHECK_HAS(probs, "staff[0].rota.start: \"2026-09-08\": week 1 of a cycle "
                     "starts on a Monday; Tue 8 Sep 2026 is a Tuesday");
    CHECK_HAS(probs, "staff[1].rota: a cycle needs both \"start\"");
    CHECK_HAS(probs, "staff[2].availability: this person's rota has "
                     "\"weeks\"");
    CHECK_HAS(probs, "staff[3].rota.weeks");
    CHECK_HAS(probs, "staff[4].rota.dates[0]: has both \"off\" and \"time\"");
    CHECK_HAS(probs, "staff[4].rota.dates[1]: give \"time\"");
    CHECK_HAS(probs, "staff[4].rota.dates[2].off: false: off is true");
    CHECK_HAS(probs, "staff[4].rota.dates[3].time[0]: \"9-12\"");
    CHECK_HAS(probs, "staff[4].rota.dates[4].note");
    CHECK_HAS(probs, "staff[4].rota.dates[4].time: empty");
    test_remove_dir();
}

/* The engine reads the rota, and an explanation names it: the only
 * tracker is off by the rota on one day of the week, and on another only
 * a dated entry puts them on duty. */
static void test_engine_and_explanation(void)
{
    struct iss_workspace *ws;
    struct iss_solve_opts o;
    struct iss_error err = {0, ""};
    struct iss_plan *plan = NULL;
    char probs[4000], reasons[4000] = "";
    size_t i, j, at = 0;
    iss_date monday = D("2026-12-07");

    /* 2-week cycle from Mon 30 Nov: the week of 7 Dec is week 2, which
     * has no Tuesday; a dated entry puts S1 on Sat 12 Dec 16:00-18:00,
     * and takes Thu 10 Dec off. */
    CHECK_EQ_INT(load(
        "{\"id\": \"S1\", \"name\": \"Ann\", \"roles\": [\"tracker\"],"
        " \"rota\": {\"start\": \"2026-11-30\", \"weeks\": ["
        "  {\"mon\": [\"15:00-19:00\"], \"tue\": [\"15:00-19:00\"]},"
        "  {\"mon\": [\"15:00-19:00\"], \"wed\": [\"15:00-19:00\"],"
        "   \"thu\": [\"15:00-19:00\"]}],"
        "  \"dates\": [{\"date\": \"2026-12-12\", \"time\":"
        "   [\"16:00-18:00\"]}, {\"date\": \"2026-12-10\", \"off\": true}]}}",
        NULL,
        "{\"id\": \"K1\", \"date_of_birth\": \"2011-01-01\", \"band\":"
        " \"high\", \"order\": {\"start\": \"2026-11-02\", \"end\":"
        " \"2027-05-01\"},\n"
        " \"education\": [{\"what\": \"school\", \"days\": \"daily\","
        " \"time\": \"08:00-13:00\"}],\n"
        " \"curfew\": [{\"time\": \"18:30-07:00\", \"to\": \"2027-04-30\"}]}\n",
        &ws, probs, sizeof probs), 0);
    fputs(probs, stderr);
    if (ws == NULL)
        return;
    iss_solve_opts_init(&o);
    o.time_limit = 20;
    CHECK_EQ_INT(iss_plan_week(ws, monday, &o, &plan, &err), 0);
    if (plan == NULL) {
        iss_workspace_free(ws);
        test_remove_dir();
        return;
    }
    for (i = 0; i < plan->n_sessions; i++) {
        const struct iss_session *s = &plan->sessions[i];
        int d = (int)(s->date - monday);
        /* Sessions only on S1's days: Mon, Wed, Sat (16:00-18:00). */
        CHECK(d == 0 || d == 2 || d == 5);
        if (d == 5)
            CHECK(s->start >= 16 * 60 && s->end <= 18 * 60);
    }
    for (i = 0; i < plan->n_cases; i++)
        for (j = 0; j < plan->cases[i].n_shortfalls && at < sizeof reasons;
             j++)
            at += (size_t)snprintf(reasons + at, sizeof reasons - at, "%s\n",
                                   plan->cases[i].shortfalls[j].reason);
    CHECK_HAS(reasons, "S1 is not on the rota on Tue 8 Dec");
    CHECK_HAS(reasons, "S1 is not on the rota on Thu 10 Dec");
    CHECK_HAS(reasons, "S1 is not on the rota on Sun 13 Dec");
    iss_plan_free(plan);
    iss_workspace_free(ws);
    test_remove_dir();
}

int main(void)
{
    test_cycle_arithmetic();
    test_cycle_days();
    test_dated();
    test_clashes_and_bad_values();
    test_engine_and_explanation();
    test_remove_dir();
    return TEST_FINISH();
}
