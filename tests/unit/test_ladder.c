/* Unit tests: the compliance ladder (DOMAIN.md section 6, scenario 3).
 * Copyright (C) 2026 the iss developers. GPL-3.0-or-later; see COPYING.
 */
#include <string.h>

#include "iss/ladder.h"
#include "test.h"

static iss_date D(const char *s)
{
    iss_date d = ISS_DATE_NONE;

    iss_date_parse(s, &d);
    return d;
}

static struct iss_holidays *hol;

static struct iss_miss miss(const char *date, bool acceptable)
{
    struct iss_miss m;

    memset(&m, 0, sizeof m);
    m.date = D(date);
    m.acceptable = acceptable;
    snprintf(m.uid, sizeof m.uid, "u-%s", date);
    return m;
}

/* The first action of a kind (and number, when > 0), or NULL. */
static const struct iss_action *find(const struct iss_action *a, size_t n,
                                     enum iss_action_kind kind, int number)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (a[i].kind == kind && (number == 0 || a[i].number == number))
            return &a[i];
    return NULL;
}

static size_t count(const struct iss_action *a, size_t n,
                    enum iss_action_kind kind)
{
    size_t i, c = 0;

    for (i = 0; i < n; i++)
        c += a[i].kind == kind;
    return c;
}

static struct iss_closure done_on(enum iss_action_kind kind,
                                  const char *miss_date, const char *on)
{
    struct iss_closure c;

    memset(&c, 0, sizeof c);
    c.kind = kind;
    snprintf(c.key, sizeof c.key, "u-%s", miss_date);
    c.state = ISS_ACTION_DONE;
    c.on = D(on);
    return c;
}

/* The number of actions (the call must not fail). */
static size_t ladder_n(const struct iss_ladder_input *in,
                       struct iss_action *a, size_t max)
{
    struct iss_error err = {0};
    size_t n = 99;

    CHECK_EQ_INT(iss_ladder(in, a, max, &n, &err), 0);
    return n;
}

/* The ladder with closings, no milestones. */
static size_t run(const struct iss_policy *pol, const struct iss_miss *m,
                  size_t n, const struct iss_closure *cl, size_t ncl,
                  struct iss_action *a, size_t max)
{
    struct iss_ladder_input in;

    memset(&in, 0, sizeof in);
    in.policy = pol;
    in.holidays = hol;
    in.misses = m;
    in.n_misses = n;
    in.closures = cl;
    in.n_closures = ncl;
    in.first_contact = ISS_DATE_NONE;
    return ladder_n(&in, a, max);
}

static void test_scenario3(void)
{
    /* ETE apprentice, order Mon 1 Sep 2025: unacceptable misses on 9 Sep,
     * 20 Sep and 2 Oct, each warning given on its due day: warnings 1 and
     * 2, then breach due Thu 9 Oct. */
    struct iss_policy pol;
    struct iss_miss m[3];
    struct iss_closure cl[2];
    struct iss_action a[16];
    const struct iss_action *x;
    size_t n;

    iss_policy_defaults(&pol);
    m[0] = miss("2025-10-02", false); /* out of order on purpose */
    m[1] = miss("2025-09-09", false);
    m[2] = miss("2025-09-20", false);
    cl[0] = done_on(ISS_ACTION_WARNING, "2025-09-09", "2025-09-10");
    cl[1] = done_on(ISS_ACTION_WARNING, "2025-09-20", "2025-09-22");
    n = run(&pol, m, 3, cl, 2, a, 16);
    CHECK_EQ_INT(n, 6);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_WARNING), 2);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_BREACH), 1);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_FOLLOW_UP), 3);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_COMPLIANCE_MEETING), 0);
    x = find(a, n, ISS_ACTION_WARNING, 1);
    CHECK(x != NULL && x->trigger == D("2025-09-09"));
    CHECK(x != NULL && x->due == D("2025-09-10"));
    CHECK(x != NULL && x->state == ISS_ACTION_DONE);
    x = find(a, n, ISS_ACTION_WARNING, 2);
    CHECK(x != NULL && x->trigger == D("2025-09-20"));
    CHECK(x != NULL && x->due == D("2025-09-22")); /* Sat -> Mon */
    x = find(a, n, ISS_ACTION_BREACH, 0);
    CHECK(x != NULL && x->trigger == D("2025-10-02"));
    CHECK(x != NULL && x->due == D("2025-10-09"));
    CHECK(x != NULL && strcmp(x->uid, "u-2025-10-02") == 0);
    CHECK(x != NULL && x->state == ISS_ACTION_DUE);
    /* sorted by trigger */
    CHECK(a[0].trigger == D("2025-09-09"));
    CHECK(a[n - 1].trigger == D("2025-10-02"));
    /* Nothing given: the later failures wait for warning 1 (no rung is
     * skipped); they are counted on it. */
    n = run(&pol, m, 3, NULL, 0, a, 16);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_WARNING), 1);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_BREACH), 0);
    x = find(a, n, ISS_ACTION_WARNING, 1);
    CHECK(x != NULL && x->also_failures == 2);
    /* Warning 1 given late (after the 20 Sep miss): 20 Sep does not
     * count; 2 Oct is warning 2, and breach needs one more. */
    cl[0] = done_on(ISS_ACTION_WARNING, "2025-09-09", "2025-09-24");
    n = run(&pol, m, 3, cl, 1, a, 16);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_BREACH), 0);
    x = find(a, n, ISS_ACTION_WARNING, 2);
    CHECK(x != NULL && x->trigger == D("2025-10-02"));
    /* Wokingham: a compliance meeting within 10 days of warning 2 (given
     * Mon 22 Sep: Thu 2 Oct); a verbal warning comes first, once. */
    cl[0] = done_on(ISS_ACTION_WARNING, "2025-09-09", "2025-09-10");
    pol.ladder = ISS_LADDER_WOKINGHAM;
    pol.compliance_meeting_after_warning = 2;
    n = run(&pol, m, 3, cl, 2, a, 16);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_COMPLIANCE_MEETING), 1);
    x = find(a, n, ISS_ACTION_COMPLIANCE_MEETING, 0);
    CHECK(x != NULL && x->trigger == D("2025-09-20"));
    CHECK(x != NULL && x->due == D("2025-10-02"));
    CHECK_EQ_INT(count(a, n, ISS_ACTION_BREACH), 1);
    pol.verbal_warning_first = true;
    n = run(&pol, m, 3, cl, 2, a, 16);
    x = find(a, n, ISS_ACTION_WARNING, 0);
    CHECK(x != NULL && x->number == 0); /* verbal: the 9 Sep miss */
    CHECK(x != NULL && x->trigger == D("2025-09-09"));
    CHECK_EQ_INT(count(a, n, ISS_ACTION_BREACH), 0);
}

static void test_christmas(void)
{
    /* Unacceptable misses on Wed 23, Thu 24 and Sat 26 Dec 2026. */
    struct iss_policy pol;
    struct iss_miss m[3];
    struct iss_closure cl[2];
    struct iss_action a[16];
    const struct iss_action *x;
    size_t n;

    iss_policy_defaults(&pol);
    m[0] = miss("2026-12-23", false);
    m[1] = miss("2026-12-24", false);
    m[2] = miss("2026-12-26", false);
    /* Nothing given yet: warning 1 only, no breach. */
    n = run(&pol, m, 3, NULL, 0, a, 16);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_WARNING), 1);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_BREACH), 0);
    x = find(a, n, ISS_ACTION_WARNING, 1);
    CHECK(x != NULL && x->due == D("2026-12-24"));
    /* Warning 1 given on 24 Dec: the 24 Dec miss came while it was due;
     * 26 Dec is warning 2, due Tue 29 Dec (28 Dec is the Boxing Day
     * holiday); still no breach. */
    cl[0] = done_on(ISS_ACTION_WARNING, "2026-12-23", "2026-12-24");
    n = run(&pol, m, 3, cl, 1, a, 16);
    x = find(a, n, ISS_ACTION_WARNING, 2);
    CHECK(x != NULL && x->trigger == D("2026-12-26"));
    CHECK(x != NULL && x->due == D("2026-12-29"));
    CHECK_EQ_INT(count(a, n, ISS_ACTION_BREACH), 0);
    /* Wokingham: warning 2 given on Thu 24 Dec 2026 + 10 days is Sun 3
     * Jan 2027: the meeting is due on the next working day, Mon 4 Jan. */
    iss_policy_defaults(&pol);
    pol.compliance_meeting_after_warning = 2;
    m[0] = miss("2026-12-14", false);
    m[1] = miss("2026-12-23", false);
    cl[0] = done_on(ISS_ACTION_WARNING, "2026-12-14", "2026-12-15");
    cl[1] = done_on(ISS_ACTION_WARNING, "2026-12-23", "2026-12-24");
    n = run(&pol, m, 2, cl, 2, a, 16);
    x = find(a, n, ISS_ACTION_COMPLIANCE_MEETING, 0);
    CHECK(x != NULL && x->due == D("2027-01-04"));
    /* A deadline on a bank holiday moves on: warning 2 given Tue 22 Dec
     * 2026 + 10 = Fri 1 Jan 2027 (New Year's Day) -> Mon 4 Jan. */
    cl[1] = done_on(ISS_ACTION_WARNING, "2026-12-23", "2026-12-22");
    m[1] = miss("2026-12-21", false);
    snprintf(cl[1].key, sizeof cl[1].key, "u-2026-12-21");
    n = run(&pol, m, 2, cl, 2, a, 16);
    x = find(a, n, ISS_ACTION_COMPLIANCE_MEETING, 0);
    CHECK(x != NULL && x->due == D("2027-01-04"));
}

static void test_rules(void)
{
    struct iss_policy pol;
    struct iss_miss m[6];
    struct iss_closure cl[4];
    struct iss_action a[32];
    const struct iss_action *x;
    size_t n;

    iss_policy_defaults(&pol);
    /* Acceptable misses are not failures: follow-ups only. */
    m[0] = miss("2025-09-09", true);
    m[1] = miss("2025-09-10", true);
    m[2] = miss("2025-09-11", true);
    n = run(&pol, m, 3, NULL, 0, a, 32);
    CHECK_EQ_INT(n, 3);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_FOLLOW_UP), 3);
    /* Nor are misses not counted (short notice not told in person). */
    m[0] = miss("2025-09-09", false);
    m[0].not_counted = true;
    n = run(&pol, m, 1, NULL, 0, a, 32);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_WARNING), 0);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_FOLLOW_UP), 1);
    /* Warnings expire after the warned period (12 months): a failure 13
     * months after two warnings earns warning 1 again, not breach. */
    m[0] = miss("2024-01-10", false);
    m[1] = miss("2024-02-10", false);
    m[2] = miss("2025-03-10", false);
    cl[0] = done_on(ISS_ACTION_WARNING, "2024-01-10", "2024-01-11");
    cl[1] = done_on(ISS_ACTION_WARNING, "2024-02-10", "2024-02-12");
    n = run(&pol, m, 3, cl, 2, a, 32);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_BREACH), 0);
    CHECK_EQ_INT(a[n - 1].kind, ISS_ACTION_WARNING);
    CHECK_EQ_INT(a[n - 1].number, 1);
    /* ... but within 12 months it is breach. */
    m[2] = miss("2025-01-09", false);
    n = run(&pol, m, 3, cl, 2, a, 32);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_BREACH), 1);
    /* Breach action taken: the warnings are spent, the next failure is
     * warning 1; while it is still due, a failure is no new rung. */
    m[3] = miss("2025-01-20", false);
    cl[2] = done_on(ISS_ACTION_BREACH, "2025-01-09", "2025-01-15");
    n = run(&pol, m, 4, cl, 3, a, 32);
    CHECK_EQ_INT(a[n - 1].kind, ISS_ACTION_WARNING);
    CHECK_EQ_INT(a[n - 1].number, 1);
    n = run(&pol, m, 4, cl, 2, a, 32);
    x = find(a, n, ISS_ACTION_BREACH, 0);
    CHECK(x != NULL && x->also_failures == 1);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_WARNING), 2);
    /* A withdrawn warning counts as never given: the next failure earns
     * warning 1. */
    m[0] = miss("2025-09-09", false);
    m[1] = miss("2025-09-20", false);
    cl[0] = done_on(ISS_ACTION_WARNING, "2025-09-09", "2025-09-10");
    cl[0].state = ISS_ACTION_WITHDRAWN;
    n = run(&pol, m, 2, cl, 1, a, 32);
    x = find(a, n, ISS_ACTION_WARNING, 1);
    CHECK(x != NULL && x->state == ISS_ACTION_WITHDRAWN);
    CHECK_EQ_INT(a[n - 1].kind, ISS_ACTION_WARNING);
    CHECK_EQ_INT(a[n - 1].number, 1);
    CHECK(a[n - 1].trigger == D("2025-09-20"));
    /* Deadlines skip bank holidays and weekends: breach for a failure on
     * Thursday 18 Dec 2025: 5 working days over Christmas: 29 Dec; without
     * Christmas Eve as a working day, 30 Dec. */
    m[0] = miss("2025-12-01", false);
    m[1] = miss("2025-12-08", false);
    m[2] = miss("2025-12-18", false);
    cl[0] = done_on(ISS_ACTION_WARNING, "2025-12-01", "2025-12-02");
    cl[1] = done_on(ISS_ACTION_WARNING, "2025-12-08", "2025-12-09");
    n = run(&pol, m, 3, cl, 2, a, 32);
    x = find(a, n, ISS_ACTION_BREACH, 0);
    CHECK(x != NULL && x->due == D("2025-12-29"));
    pol.christmas_eve_working = false;
    n = run(&pol, m, 3, cl, 2, a, 32);
    x = find(a, n, ISS_ACTION_BREACH, 0);
    CHECK(x != NULL && x->due == D("2025-12-30"));
    pol.christmas_eve_working = true;
    /* One warning before breach (a stricter custom ladder). */
    pol.warnings_before_breach = 1;
    m[0] = miss("2025-09-09", false);
    m[1] = miss("2025-09-11", false);
    cl[0] = done_on(ISS_ACTION_WARNING, "2025-09-09", "2025-09-10");
    n = run(&pol, m, 2, cl, 1, a, 32);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_WARNING), 1);
    CHECK_EQ_INT(count(a, n, ISS_ACTION_BREACH), 1);
    /* Nothing missed, nothing due; the output limit is respected. */
    CHECK_EQ_INT(run(&pol, m, 0, NULL, 0, a, 32), 0);
    CHECK_EQ_INT(run(&pol, m, 2, cl, 1, a, 1), 4);
}

static void test_milestones(void)
{
    /* An order starting Wed 2 Dec 2026: first contact due Thu 3 Dec,
     * planning meeting Wed 9 Dec; monthly reviews (Bolton) from 2 Jan
     * 2027, a Saturday: due Mon 4 Jan. */
    struct iss_policy pol;
    struct iss_ladder_input in;
    struct iss_action a[16];
    const struct iss_action *x;
    size_t n;

    iss_policy_defaults(&pol);
    pol.review_every_months = 1;
    memset(&in, 0, sizeof in);
    in.policy = &pol;
    in.holidays = hol;
    in.milestones = true;
    in.order_start = D("2026-12-02");
    in.order_end = D("2027-06-01");
    in.first_contact = ISS_DATE_NONE;
    in.until = D("2027-02-10");
    n = ladder_n(&in, a, 16);
    x = find(a, n, ISS_ACTION_FIRST_CONTACT, 0);
    CHECK(x != NULL && x->due == D("2026-12-03"));
    CHECK(x != NULL && x->state == ISS_ACTION_DUE);
    x = find(a, n, ISS_ACTION_PLANNING_MEETING, 0);
    CHECK(x != NULL && x->due == D("2026-12-09"));
    CHECK_EQ_INT(count(a, n, ISS_ACTION_REVIEW), 2);
    x = find(a, n, ISS_ACTION_REVIEW, 1);
    CHECK(x != NULL && x->due == D("2027-01-04"));
    /* The first session attended closes the first contact. */
    in.first_contact = D("2026-12-03");
    n = ladder_n(&in, a, 16);
    x = find(a, n, ISS_ACTION_FIRST_CONTACT, 0);
    CHECK(x != NULL && x->state == ISS_ACTION_DONE && x->automatic);
    CHECK(x != NULL && x->closed_on == D("2026-12-03"));
    /* No milestones for an order older than the records. */
    in.milestones = false;
    CHECK_EQ_INT(ladder_n(&in, a, 16), 0);
    CHECK_EQ_INT(iss_action_parse("compliance_meeting"),
                 ISS_ACTION_COMPLIANCE_MEETING);
    CHECK_EQ_INT(iss_action_parse("meeting"), -1);
    CHECK(strcmp(iss_action_label(ISS_ACTION_COMPLIANCE_MEETING),
                 "Compliance meeting") == 0);
}

int main(void)
{
    struct iss_problems probs;
    struct iss_error err = {0, ""};

    iss_problems_init(&probs);
    hol = iss_holidays_new();
    iss_holidays_load(hol, ISS_TEST_SRCDIR "/data/bank-holidays-ew.json",
                      "holidays", &probs, &err);
    CHECK_EQ_INT(probs.count, 0);
    iss_problems_clear(&probs);
    test_scenario3();
    test_christmas();
    test_rules();
    test_milestones();
    iss_holidays_free(hol);
    return TEST_FINISH();
}
